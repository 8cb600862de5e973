"""A plan of every format, its headings and labels all translated, is that format's and reads as its
English twin (issue 12): header labels and field labels by meaning in any listed language, the colon
full-width or ASCII, inside the bold or after it.

The twins are written here by hand: one small plan per format with slots for the template's words, and
per language (zh-Hans, zh-Hant, ja, ko, es, pt, de, fr, tr) the words a translator of the template would
write (the author's content stays the same, so the fields must come out equal). Chinese and Japanese take
full-width colons, inside the bold or after it; French a blank before its colon; the others ASCII ones.
"""

from __future__ import annotations

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import translated_headers

import plancore

_PLANS = {
    "aadt": (
        "# {title}Search\n\n"
        "{b}{issue}{c} #42\n{b}{spec}{c} specs/search.md\n{b}{author}{c} Li Lei\n"
        "{b}{created}{c} 2026-01-05\n{b}{status}{c} In Progress\n\n"
        "## {overview}\n\nAdd full-text search to the catalog.\n\n"
        "## {prerequisites}\n\n- [ ] The catalog API runs\n\n"
        "## {architecture}\n\n### {high_level_design}\n\nOne index beside the catalog.\n\n"
        "### {component_changes}\n\n| {component} | {change_type} | {description} |\n| --- | --- | --- |\n"
        "| SearchIndex | New | Holds the index |\n\n"
        "## {phases}\n\n### {phase} 1: Foundation\n\n{b}{estimate}{c} 2 days\n\n"
        "#### {step} 1.1: Index\n\n{b}{files}{c}\n\n- `src/index.py`\n\n{b}{tasks}{c}\n\n- [ ] Build the index\n\n"
        "## {testing}\n\n### {unit_tests}\n\n- The index builds\n\n### {integration_tests}\n\n- Queries answer\n\n"
        "### {manual_tests}\n\n- [ ] Search by hand\n\n"
        "## {deployment}\n\n### {database_migrations}\n\n```bash\nalembic upgrade head\n```\n\n"
        "### {feature_flags}\n\n- Flag name: `search`\n\n### {rollback}\n\n1. Turn the flag off\n\n"
        "## {dependencies_h}\n\n### {external_dependencies}\n\n| {dependency} | {version} | {purpose} |\n"
        "| --- | --- | --- |\n| whoosh | ^2.7 | Full-text index |\n\n"
        "### {internal_dependencies}\n\n- The catalog API\n\n"
        "## {risks}\n\n| {risk} | {mitigation} |\n| --- | --- |\n| Index too large | Shard it |\n\n"
        "## {timeline_h}\n\n| {phase} | {start_date} | {end_date} | {status} |\n| --- | --- | --- | --- |\n"
        "| Foundation | 2026-01-05 | 2026-01-07 | Done |\n\n"
        "## {progress_log}\n\n| {date} | {update} |\n| --- | --- |\n| 2026-01-05 | Index built |\n"
    ),
    "maestro": (
        "# {title}Search\n\n"
        "{b}{feature_id}{c} F-42\n{b}{spec}{c} specs/search.md\n{b}{created}{c} 2026-01-05\n"
        "{b}{status}{c} Draft\n\n---\n\n"
        "## 2. {component_design}\n\n### 2.1 {new_components}\n\n#### {component}{p} SearchIndex\n\n"
        "- {b}{role}{c} Holds the index\n- {b}{location}{c} src/index.py\n- {b}{technology}{c} SQLite FTS5\n"
        "- {b}{change_type}{c} New\n- {b}{notes}{c} Rebuilt nightly\n\n---\n\n"
        "## 3. {data_model}\n\n### 3.1 {new_entities}\n\n#### {entity}{p} Document\n\n"
        "- {b}{new_fields}{c} title, body\n- {b}{migration_notes}{c} Backfill once\n\n---\n\n"
        "## 4. {api_contracts}\n\n### 4.1 {new_endpoints}\n\n#### GET /search\n\n- {b}{role}{c} Finds items\n"
        "- {b}{input}{c} q: string\n- {b}{output}{c} A list of items\n- {b}{errors}{c} 400 on an empty query\n\n"
        "### 4.2 {modified_endpoints}\n\n#### GET /items\n\n- {b}{current_behavior}{c} Lists every item\n"
        "- {b}{new_behavior}{c} Filters by q\n- {b}{breaking}{c} No\n\n---\n\n"
        "## 5. {phases}\n\n### {phase} 1: Foundation\n\n- {b}{goal}{c} A searchable index\n"
        "- {b}{tasks}{c}\n  - [ ] Build the index\n- {b}{deliverable}{c} Search works\n\n---\n\n"
        "## 7. {risks}\n\n| {risk} | {probability} | {impact} | {mitigation} |\n| --- | --- | --- | --- |\n"
        "| Index too large | Medium | High | Shard it |\n"
    ),
    "smartspec": (
        "# {title}Search\n\n## {overview}\n\nAdd full-text search to the catalog.\n\n"
        "## {architecture}\n\n### {component_design}\n\n| {component} | {responsibility} | {technology} | {notes} |\n"
        "|-----------|---------------|------------|-------|\n"
        "| SearchIndex | Holds the index | SQLite FTS5 | Rebuilt nightly |\n\n"
        "## {decisions}\n\n### {decision} 1: Index engine\n\n- {b}{context}{c} A hundred thousand items\n"
        "- {b}{options}{c}\n  - SQLite FTS - simple\n  - Elasticsearch - heavy\n"
        "- {b}{decision}{c} SQLite FTS\n- {b}{rationale}{c} No new service\n\n"
        "## {api}\n\n### {endpoints}\n\n| {method} | {path} | {description} | {auth} |\n"
        "|--------|------|-------------|------|\n| GET | /search | Finds items | none |\n\n"
        '### {api_examples}\n\n#### GET /search\n\n{b}{request}{c}\n```json\n{{"q": "lamp"}}\n```\n\n'
        '{b}{response}{c}\n```json\n{{"items": []}}\n```\n\n'
        "## {database_schema}\n\n### {new_tables}\n\n"
        "```sql\nCREATE VIRTUAL TABLE docs USING fts5(title, body);\n```\n\n"
        "### {migrations}\n\n- Create the docs table\n\n"
        "## {dependencies_h}\n\n### {external_dependencies}\n\n| {dependency} | {version} | {purpose} |\n"
        "|---------|---------|---------|\n| sqlite | 3.45 | Full-text index |\n\n### {internal_dependencies}\n\n"
        "- The catalog API\n\n"
        "## {testing}\n\n### {unit_tests}\n\n- The index builds\n\n### {integration_tests}\n\n- Queries answer\n\n"
        "### {e2e_tests}\n\n- A user finds an item\n\n"
        "## {phases}\n\n### {phase} 1: Development\n\n- {duration}{p} 2 days\n- {activities}{p} Build the index\n"
    ),
    "specpulse": (
        "# {title}Search\n\n## {spec_reference}\n"
        "- {b}{spec_id}{c} SPEC-042\n- {b}{plan_version}{c} 1.1\n- {b}{generated}{c} 2026-01-05\n\n"
        "## {phases}\n\n### {phase} 1: Foundation [{priority}: HIGH]\n{b}{timeline}{c} 2 days\n"
        "{b}{dependencies}{c} The catalog API\n\n#### {tasks_heading}\n1. [ ] Build the index\n2. [ ] Serve queries\n\n"
        "#### {deliverables}\n- [ ] Search works\n\n"
        "## {resources}\n\n### {team}\n- One backend developer\n\n### {infrastructure}\n- One database\n\n"
        "## {success_metrics}\n- Queries answer in 100 ms\n\n"
        "## {rollout}\n\n### {rollout_strategy}\n- Staff first, then everyone\n\n"
        "### {monitoring}\n- Query latency\n"
    ),
    "speckit": (
        "# {title}Search\n\n## {context_h}\n\nspecs/search.md\n\n"
        "## {approach}\n\n### {architecture}\n\nOne service with a full-text index.\n\n"
        "## {phases}\n\n### {phase} 1: Foundation\n\n{b}{goal}{c} A searchable index\n{b}{tasks}{c}\n"
        "- [ ] Build the index\n\n{b}{estimate}{c} 2 days\n\n"
        "## {file_changes}\n\n{b}{new_files}{c}\n\n- `src/index.py` - the index\n\n"
        "{b}{modified_files}{c}\n\n- `src/app.py` - serves search\n\n"
        "## {risks}\n\n| {risk} | {mitigation} |\n| --- | --- |\n| Index too large | Shard it |\n"
    ),
    "speckit-tasks": (
        "# {tasks_title}{p} Search\n\n{b}{input}{c} specs/042-search/\n\n"
        "## {phase} 1: Foundation\n\n{b}{purpose}{c} Build the index\n\n"
        "- [ ] T001 [P] Build the index in src/index.py\n- [ ] T002 Serve queries in src/api.py\n\n"
        "{b}{checkpoint}{c} The index answers queries\n"
    ),
}

# The template's words, by language: what a translator of these templates would write.
_WORDS = {
    "en": dict(
        file_changes="File Changes",
        new_files="New files",
        modified_files="Modified files",
        component_design="Component Design",
        new_components="New Components",
        component="Component",
        role="Purpose",
        location="Location",
        data_model="Data Model",
        new_entities="New Entities",
        entity="Entity",
        new_fields="New fields",
        migration_notes="Migration notes",
        title="Implementation Plan: ",
        issue="Issue",
        spec="Spec",
        author="Author",
        created="Created",
        status="Status",
        overview="Overview",
        phases="Implementation Phases",
        phase="Phase",
        estimate="Estimated Time",
        step="Step",
        files="Files",
        tasks="Tasks",
        risks="Risks",
        risk="Risk",
        probability="Probability",
        impact="Impact",
        mitigation="Mitigation",
        feature_id="Feature ID",
        goal="Goal",
        deliverable="Deliverable",
        decisions="Technical Decisions",
        decision="Decision",
        context="Context",
        options="Options Considered",
        rationale="Rationale",
        duration="Duration",
        activities="Activities",
        spec_reference="Specification Reference",
        spec_id="Spec ID",
        plan_version="Plan Version",
        generated="Generated",
        priority="Priority",
        timeline="Timeline",
        dependencies="Dependencies",
        tasks_heading="Tasks",
        deliverables="Deliverables",
        approach="Technical Approach",
        architecture="Architecture",
        tasks_title="Tasks",
        input="Input",
        purpose="Purpose",
        checkpoint="Checkpoint",
    ),
    "zh-Hans": dict(
        file_changes="文件变更",
        new_files="新文件",
        modified_files="修改的文件",
        component_design="组件设计",
        new_components="新组件",
        component="组件",
        role="职责",
        location="位置",
        data_model="数据模型",
        new_entities="新实体",
        entity="实体",
        new_fields="新字段",
        migration_notes="迁移说明",
        title="实现计划：",
        issue="问题",
        spec="规范",
        author="作者",
        created="创建",
        status="状态",
        overview="概述",
        phases="实施阶段",
        phase="阶段",
        estimate="预计时间",
        step="步骤",
        files="文件",
        tasks="任务",
        risks="风险",
        risk="风险",
        probability="概率",
        impact="影响",
        mitigation="缓解措施",
        feature_id="功能 ID",
        goal="目标",
        deliverable="交付物",
        decisions="技术决策",
        decision="决策",
        context="背景",
        options="考虑的方案",
        rationale="理由",
        duration="时长",
        activities="活动",
        spec_reference="规范参考",
        spec_id="规范 ID",
        plan_version="计划版本",
        generated="生成日期",
        priority="优先级",
        timeline="工期",
        dependencies="依赖",
        tasks_heading="任务",
        deliverables="交付物",
        approach="技术方案",
        architecture="架构",
        tasks_title="任务",
        input="输入",
        purpose="目的",
        checkpoint="检查点",
    ),
    "ja": dict(
        file_changes="ファイル変更",
        new_files="新規ファイル",
        modified_files="変更ファイル",
        component_design="コンポーネント設計",
        new_components="新規コンポーネント",
        component="コンポーネント",
        role="役割",
        location="場所",
        data_model="データモデル",
        new_entities="新規エンティティ",
        entity="エンティティ",
        new_fields="新しいフィールド",
        migration_notes="移行メモ",
        title="実装計画: ",
        issue="課題",
        spec="仕様",
        author="作成者",
        created="作成日",
        status="ステータス",
        overview="概要",
        phases="実装フェーズ",
        phase="フェーズ",
        estimate="見積もり時間",
        step="ステップ",
        files="ファイル",
        tasks="タスク",
        risks="リスク",
        risk="リスク",
        probability="発生確率",
        impact="影響度",
        mitigation="緩和策",
        feature_id="機能 ID",
        goal="目標",
        deliverable="成果物",
        decisions="主要な決定",
        decision="決定",
        context="背景",
        options="検討した選択肢",
        rationale="根拠",
        duration="期間",
        activities="作業内容",
        spec_reference="仕様参照",
        spec_id="仕様 ID",
        plan_version="計画バージョン",
        generated="生成日",
        priority="優先度",
        timeline="所要時間",
        dependencies="依存関係",
        tasks_heading="タスク",
        deliverables="成果物",
        approach="技術的アプローチ",
        architecture="アーキテクチャ",
        tasks_title="タスク",
        input="入力",
        purpose="目的",
        checkpoint="チェックポイント",
    ),
    "ko": dict(
        file_changes="파일 변경",
        new_files="새 파일",
        modified_files="수정 파일",
        component_design="컴포넌트 설계",
        new_components="신규 컴포넌트",
        component="컴포넌트",
        role="역할",
        location="위치",
        data_model="데이터 모델",
        new_entities="신규 엔티티",
        entity="엔티티",
        new_fields="새 필드",
        migration_notes="마이그레이션 참고",
        title="구현 계획: ",
        issue="이슈",
        spec="명세",
        author="작성자",
        created="작성일",
        status="상태",
        overview="개요",
        phases="구현 단계",
        phase="단계",
        estimate="예상 시간",
        step="스텝",
        files="파일",
        tasks="작업",
        risks="위험",
        risk="위험",
        probability="확률",
        impact="영향",
        mitigation="완화 방안",
        feature_id="기능 ID",
        goal="목표",
        deliverable="산출물",
        decisions="기술 결정",
        decision="결정",
        context="배경",
        options="검토한 옵션",
        rationale="근거",
        duration="기간",
        activities="활동",
        spec_reference="명세 참조",
        spec_id="명세 ID",
        plan_version="계획 버전",
        generated="생성 일시",
        priority="우선순위",
        timeline="소요 시간",
        dependencies="의존성",
        tasks_heading="작업",
        deliverables="산출물",
        approach="기술적 접근",
        architecture="아키텍처",
        tasks_title="작업",
        input="입력",
        purpose="목적",
        checkpoint="체크포인트",
    ),
    "pt": dict(
        file_changes="Alterações de Arquivos",
        new_files="Novos arquivos",
        modified_files="Arquivos modificados",
        component_design="Design de Componentes",
        new_components="Novos Componentes",
        component="Componente",
        role="Responsabilidade",
        location="Localização",
        data_model="Modelo de Dados",
        new_entities="Novas Entidades",
        entity="Entidade",
        new_fields="Novos campos",
        migration_notes="Notas de migração",
        title="Plano de Implementação: ",
        issue="Chamado",
        spec="Especificação",
        author="Autor",
        created="Criado em",
        status="Situação",
        overview="Visão Geral",
        phases="Fases de Implementação",
        phase="Fase",
        estimate="Tempo Estimado",
        step="Passo",
        files="Arquivos",
        tasks="Tarefas",
        risks="Riscos",
        risk="Risco",
        probability="Probabilidade",
        impact="Impacto",
        mitigation="Mitigação",
        feature_id="ID da Funcionalidade",
        goal="Objetivo",
        deliverable="Entregável",
        decisions="Decisões Técnicas",
        decision="Decisão",
        context="Contexto",
        options="Opções Consideradas",
        rationale="Justificativa",
        duration="Duração",
        activities="Atividades",
        spec_reference="Referência da Especificação",
        spec_id="ID da Especificação",
        plan_version="Versão do Plano",
        generated="Gerado em",
        priority="Prioridade",
        timeline="Duração",
        dependencies="Dependências",
        tasks_heading="Tarefas",
        deliverables="Entregáveis",
        approach="Abordagem Técnica",
        architecture="Arquitetura",
        tasks_title="Tarefas",
        input="Entrada",
        purpose="Propósito",
        checkpoint="Ponto de Verificação",
    ),
    "de": dict(
        file_changes="Dateiänderungen",
        new_files="Neue Dateien",
        modified_files="Geänderte Dateien",
        component_design="Komponentendesign",
        new_components="Neue Komponenten",
        component="Komponente",
        role="Zweck",
        location="Pfad",
        data_model="Datenmodell",
        new_entities="Neue Entitäten",
        entity="Entität",
        new_fields="Neue Felder",
        migration_notes="Migrationshinweise",
        title="Implementierungsplan: ",
        issue="Ticket",
        spec="Spezifikation",
        author="Autor",
        created="Erstellt am",
        status="Status",
        overview="Überblick",
        phases="Implementierungsphasen",
        phase="Phase",
        estimate="Geschätzte Zeit",
        step="Schritt",
        files="Dateien",
        tasks="Aufgaben",
        risks="Risiken",
        risk="Risiko",
        probability="Wahrscheinlichkeit",
        impact="Auswirkung",
        mitigation="Gegenmaßnahme",
        feature_id="Feature-ID",
        goal="Ziel",
        deliverable="Ergebnis",
        decisions="Technische Entscheidungen",
        decision="Entscheidung",
        context="Kontext",
        options="Erwogene Optionen",
        rationale="Begründung",
        duration="Dauer",
        activities="Aktivitäten",
        spec_reference="Spezifikationsreferenz",
        spec_id="Spezifikations-ID",
        plan_version="Planversion",
        generated="Generiert am",
        priority="Priorität",
        timeline="Dauer",
        dependencies="Abhängigkeiten",
        tasks_heading="Aufgaben",
        deliverables="Ergebnisse",
        approach="Technischer Ansatz",
        architecture="Architektur",
        tasks_title="Aufgaben",
        input="Eingabe",
        purpose="Zweck",
        checkpoint="Prüfpunkt",
    ),
    "tr": dict(
        file_changes="Dosya Değişiklikleri",
        new_files="Yeni dosyalar",
        modified_files="Değiştirilen dosyalar",
        component_design="Bileşen Tasarımı",
        new_components="Yeni Bileşenler",
        component="Bileşen",
        role="Sorumluluk",
        location="Konum",
        data_model="Veri Modeli",
        new_entities="Yeni Varlıklar",
        entity="Varlık",
        new_fields="Yeni alanlar",
        migration_notes="Taşıma notları",
        title="Uygulama Planı: ",
        issue="Sorun",
        spec="Şartname",
        author="Yazar",
        created="Oluşturulma Tarihi",
        status="Durum",
        overview="Genel Bakış",
        phases="Uygulama Aşamaları",
        phase="Aşama",
        estimate="Tahmini Süre",
        step="Adım",
        files="Dosyalar",
        tasks="Görevler",
        risks="Riskler",
        risk="Risk",
        probability="Olasılık",
        impact="Etki",
        mitigation="Önlem",
        feature_id="Özellik ID",
        goal="Hedef",
        deliverable="Teslimat",
        decisions="Teknik Kararlar",
        decision="Karar",
        context="Bağlam",
        options="Değerlendirilen Seçenekler",
        rationale="Gerekçe",
        duration="Süre",
        activities="Faaliyetler",
        spec_reference="Şartname Referansı",
        spec_id="Şartname ID",
        plan_version="Plan Sürümü",
        generated="Üretilme Tarihi",
        priority="Öncelik",
        timeline="Süre",
        dependencies="Bağımlılıklar",
        tasks_heading="Görevler",
        deliverables="Teslimatlar",
        approach="Teknik Yaklaşım",
        architecture="Mimari",
        tasks_title="Görevler",
        input="Girdi",
        purpose="Amaç",
        checkpoint="Kontrol Noktası",
    ),
    "zh-Hant": dict(
        file_changes="檔案變更",
        new_files="新檔案",
        modified_files="修改的檔案",
        component_design="元件設計",
        new_components="新元件",
        component="元件",
        role="職責",
        location="位置",
        data_model="資料模型",
        new_entities="新實體",
        entity="實體",
        new_fields="新欄位",
        migration_notes="遷移說明",
        title="實作計畫：",
        issue="議題",
        spec="規格",
        author="負責人",
        created="建立日期",
        status="狀態",
        overview="概述",
        phases="實施階段",
        phase="階段",
        estimate="預估時間",
        step="步驟",
        files="檔案",
        tasks="任務",
        risks="風險",
        risk="風險",
        probability="機率",
        impact="影響",
        mitigation="緩解措施",
        feature_id="功能編號",
        goal="目標",
        deliverable="交付成果",
        decisions="技術決策",
        decision="決策",
        context="脈絡",
        options="備選方案",
        rationale="依據",
        duration="時長",
        activities="工作內容",
        spec_reference="規格參考",
        spec_id="規格編號",
        plan_version="計畫版本",
        generated="產生日期",
        priority="優先級",
        timeline="工期",
        dependencies="相依性",
        tasks_heading="任務",
        deliverables="交付成果",
        approach="技術方案",
        architecture="架構",
        tasks_title="任務",
        input="輸入",
        purpose="目的",
        checkpoint="檢查點",
    ),
    "es": dict(
        file_changes="Cambios en Archivos",
        new_files="Archivos nuevos",
        modified_files="Archivos modificados",
        component_design="Diseño de Componentes",
        new_components="Componentes Nuevos",
        component="Componente",
        role="Responsabilidad",
        location="Ubicación",
        data_model="Modelo de Datos",
        new_entities="Entidades Nuevas",
        entity="Entidad",
        new_fields="Campos nuevos",
        migration_notes="Notas de migración",
        title="Plan de Implementación: ",
        issue="Incidencia",
        spec="Especificación",
        author="Autor",
        created="Fecha de creación",
        status="Estado",
        overview="Resumen",
        phases="Fases de Implementación",
        phase="Fase",
        estimate="Tiempo Estimado",
        step="Paso",
        files="Archivos",
        tasks="Tareas",
        risks="Riesgos",
        risk="Riesgo",
        probability="Probabilidad",
        impact="Impacto",
        mitigation="Mitigación",
        feature_id="ID de la Funcionalidad",
        goal="Objetivo",
        deliverable="Entregable",
        decisions="Decisiones Técnicas",
        decision="Decisión",
        context="Contexto",
        options="Opciones Consideradas",
        rationale="Justificación",
        duration="Duración",
        activities="Actividades",
        spec_reference="Referencia de la Especificación",
        spec_id="ID de la Especificación",
        plan_version="Versión del Plan",
        generated="Generado el",
        priority="Prioridad",
        timeline="Duración",
        dependencies="Dependencias",
        tasks_heading="Tareas",
        deliverables="Entregables",
        approach="Enfoque Técnico",
        architecture="Arquitectura",
        tasks_title="Tareas",
        input="Entrada",
        purpose="Propósito",
        checkpoint="Punto de Control",
    ),
    "fr": dict(
        file_changes="Modifications de fichiers",
        new_files="Nouveaux fichiers",
        modified_files="Fichiers modifiés",
        component_design="Conception des composants",
        new_components="Nouveaux composants",
        component="Composant",
        role="Rôle",
        location="Emplacement",
        data_model="Modèle de données",
        new_entities="Nouvelles entités",
        entity="Entité",
        new_fields="Nouveaux champs",
        migration_notes="Notes de migration",
        title="Plan d'implémentation : ",
        issue="Ticket",
        spec="Spécification",
        author="Auteur",
        created="Créé le",
        status="Statut",
        overview="Aperçu",
        phases="Phases de mise en œuvre",
        phase="Phase",
        estimate="Temps estimé",
        step="Étape",
        files="Fichiers",
        tasks="Tâches",
        risks="Risques",
        risk="Risque",
        probability="Probabilité",
        impact="Impact",
        mitigation="Atténuation",
        feature_id="ID de la fonctionnalité",
        goal="Objectif",
        deliverable="Livrable",
        decisions="Décisions techniques",
        decision="Décision",
        context="Contexte",
        options="Options envisagées",
        rationale="Justification",
        duration="Durée",
        activities="Activités",
        spec_reference="Référence de la spécification",
        spec_id="ID de la spécification",
        plan_version="Version du plan",
        generated="Généré le",
        priority="Priorité",
        timeline="Durée",
        dependencies="Dépendances",
        tasks_heading="Tâches",
        deliverables="Livrables",
        approach="Approche technique",
        architecture="Architecture",
        tasks_title="Tâches",
        input="Entrée",
        purpose="But",
        checkpoint="Point de contrôle",
    ),
}
# The template's words for the rest of the formats' headings and labels, by key: English, zh-Hans, zh-Hant,
# ja, ko, es, pt, de, fr, tr (in the order of _ORDER).
_ORDER = ("en", "zh-Hans", "zh-Hant", "ja", "ko", "es", "pt", "de", "fr", "tr")
_MORE_WORDS = {
    "prerequisites": (
        "Prerequisites",
        "前提条件",
        "前提條件",
        "前提条件",
        "사전 요구 사항",
        "Requisitos previos",
        "Pré-requisitos",
        "Voraussetzungen",
        "Prérequis",
        "Ön Koşullar",
    ),
    "high_level_design": (
        "High-Level Design",
        "总体设计",
        "總體設計",
        "全体設計",
        "상위 수준 설계",
        "Diseño de alto nivel",
        "Design de alto nível",
        "Grobentwurf",
        "Conception de haut niveau",
        "Üst Düzey Tasarım",
    ),
    "component_changes": (
        "Component Changes",
        "组件变更",
        "元件變更",
        "コンポーネントの変更",
        "컴포넌트 변경",
        "Cambios en componentes",
        "Alterações de componentes",
        "Komponentenänderungen",
        "Modifications des composants",
        "Bileşen Değişiklikleri",
    ),
    "change_type": (
        "Change Type",
        "变更类型",
        "變更類型",
        "変更種別",
        "변경 유형",
        "Tipo de cambio",
        "Tipo de alteração",
        "Änderungsart",
        "Type de changement",
        "Değişiklik Türü",
    ),
    "description": (
        "Description",
        "描述",
        "說明",
        "説明",
        "설명",
        "Descripción",
        "Descrição",
        "Beschreibung",
        "Description",
        "Açıklama",
    ),
    "testing": (
        "Testing Strategy",
        "测试策略",
        "測試策略",
        "テスト戦略",
        "테스트 전략",
        "Estrategia de pruebas",
        "Estratégia de testes",
        "Teststrategie",
        "Stratégie de test",
        "Test Stratejisi",
    ),
    "unit_tests": (
        "Unit Tests",
        "单元测试",
        "單元測試",
        "単体テスト",
        "단위 테스트",
        "Pruebas unitarias",
        "Testes unitários",
        "Unit-Tests",
        "Tests unitaires",
        "Birim Testleri",
    ),
    "integration_tests": (
        "Integration Tests",
        "集成测试",
        "整合測試",
        "結合テスト",
        "통합 테스트",
        "Pruebas de integración",
        "Testes de integração",
        "Integrationstests",
        "Tests d'intégration",
        "Entegrasyon Testleri",
    ),
    "manual_tests": (
        "Manual Testing",
        "手动测试",
        "手動測試",
        "手動テスト",
        "수동 테스트",
        "Pruebas manuales",
        "Testes manuais",
        "Manuelle Tests",
        "Tests manuels",
        "Manuel Testler",
    ),
    "e2e_tests": (
        "E2E Tests",
        "端到端测试",
        "端對端測試",
        "E2Eテスト",
        "E2E 테스트",
        "Pruebas de extremo a extremo",
        "Testes de ponta a ponta",
        "End-to-End-Tests",
        "Tests de bout en bout",
        "Uçtan Uca Testler",
    ),
    "deployment": (
        "Migration/Deployment",
        "迁移/部署",
        "遷移/部署",
        "移行/デプロイ",
        "마이그레이션/배포",
        "Migración/Despliegue",
        "Migração/Implantação",
        "Migration/Bereitstellung",
        "Migration/Déploiement",
        "Geçiş/Dağıtım",
    ),
    "database_migrations": (
        "Database Migrations",
        "数据库迁移",
        "資料庫遷移",
        "データベース移行",
        "데이터베이스 마이그레이션",
        "Migraciones de base de datos",
        "Migrações de banco de dados",
        "Datenbankmigrationen",
        "Migrations de base de données",
        "Veritabanı Geçişleri",
    ),
    "feature_flags": (
        "Feature Flags",
        "功能开关",
        "功能開關",
        "機能フラグ",
        "기능 플래그",
        "Indicadores de funcionalidad",
        "Flags de funcionalidade",
        "Feature-Schalter",
        "Indicateurs de fonctionnalité",
        "Özellik Bayrakları",
    ),
    "rollback": (
        "Rollback Plan",
        "回滚计划",
        "回滾計畫",
        "ロールバック計画",
        "롤백 계획",
        "Plan de reversión",
        "Plano de reversão",
        "Rollback-Plan",
        "Plan de retour arrière",
        "Geri Alma Planı",
    ),
    "dependencies_h": (
        "Dependencies",
        "依赖",
        "相依性",
        "依存関係",
        "의존성",
        "Dependencias",
        "Dependências",
        "Abhängigkeiten",
        "Dépendances",
        "Bağımlılıklar",
    ),
    "external_dependencies": (
        "External Dependencies",
        "外部依赖",
        "外部依賴",
        "外部依存関係",
        "외부 의존성",
        "Dependencias externas",
        "Dependências externas",
        "Externe Abhängigkeiten",
        "Dépendances externes",
        "Dış Bağımlılıklar",
    ),
    "internal_dependencies": (
        "Internal Dependencies",
        "内部依赖",
        "內部依賴",
        "内部依存関係",
        "내부 의존성",
        "Dependencias internas",
        "Dependências internas",
        "Interne Abhängigkeiten",
        "Dépendances internes",
        "İç Bağımlılıklar",
    ),
    "dependency": (
        "Dependency",
        "依赖",
        "依賴",
        "パッケージ",
        "의존성",
        "Dependencia",
        "Dependência",
        "Abhängigkeit",
        "Dépendance",
        "Bağımlılık",
    ),
    "version": ("Version", "版本", "版本", "バージョン", "버전", "Versión", "Versão", "Version", "Version", "Sürüm"),
    "timeline_h": (
        "Timeline",
        "时间线",
        "時程表",
        "スケジュール",
        "일정",
        "Cronograma",
        "Cronograma",
        "Zeitplan",
        "Calendrier",
        "Zaman Çizelgesi",
    ),
    "start_date": (
        "Start Date",
        "开始日期",
        "開始日期",
        "開始日",
        "시작일",
        "Fecha de inicio",
        "Data de início",
        "Startdatum",
        "Date de début",
        "Başlangıç Tarihi",
    ),
    "end_date": (
        "End Date",
        "结束日期",
        "結束日期",
        "終了日",
        "종료일",
        "Fecha de fin",
        "Data de término",
        "Enddatum",
        "Date de fin",
        "Bitiş Tarihi",
    ),
    "progress_log": (
        "Progress Log",
        "进度日志",
        "進度日誌",
        "進捗ログ",
        "진행 로그",
        "Registro de progreso",
        "Registro de progresso",
        "Fortschrittsprotokoll",
        "Journal d'avancement",
        "İlerleme Günlüğü",
    ),
    "date": ("Date", "日期", "日期", "日付", "날짜", "Fecha", "Data", "Datum", "Date", "Tarih"),
    "update": (
        "Update",
        "更新",
        "更新",
        "更新内容",
        "업데이트",
        "Actualización",
        "Atualização",
        "Aktualisierung",
        "Mise à jour",
        "Güncelleme",
    ),
    "api": (
        "API Design",
        "API 设计",
        "API 設計",
        "API 設計",
        "API 설계",
        "Diseño de la API",
        "Design da API",
        "API-Entwurf",
        "Conception de l'API",
        "API Tasarımı",
    ),
    "database_schema": (
        "Database Schema",
        "数据库模式",
        "資料庫結構",
        "データベーススキーマ",
        "데이터베이스 스키마",
        "Esquema de base de datos",
        "Esquema do banco de dados",
        "Datenbankschema",
        "Schéma de base de données",
        "Veritabanı Şeması",
    ),
    "resources": (
        "Resource Requirements",
        "资源需求",
        "資源需求",
        "必要なリソース",
        "리소스 요구 사항",
        "Requisitos de recursos",
        "Requisitos de recursos",
        "Ressourcenbedarf",
        "Besoins en ressources",
        "Kaynak Gereksinimleri",
    ),
    "team": (
        "Development Team",
        "开发团队",
        "開發團隊",
        "開発チーム",
        "개발 팀",
        "Equipo de desarrollo",
        "Equipe de desenvolvimento",
        "Entwicklungsteam",
        "Équipe de développement",
        "Geliştirme Ekibi",
    ),
    "infrastructure": (
        "Infrastructure",
        "基础设施",
        "基礎設施",
        "インフラ",
        "인프라",
        "Infraestructura",
        "Infraestrutura",
        "Infrastruktur",
        "Infrastructure",
        "Altyapı",
    ),
    "success_metrics": (
        "Success Metrics",
        "成功指标",
        "成功指標",
        "成功指標",
        "성공 지표",
        "Métricas de éxito",
        "Métricas de sucesso",
        "Erfolgskennzahlen",
        "Indicateurs de succès",
        "Başarı Metrikleri",
    ),
    "rollout": (
        "Rollout Plan",
        "发布计划",
        "發布計畫",
        "リリース計画",
        "출시 계획",
        "Plan de lanzamiento",
        "Plano de lançamento",
        "Einführungsplan",
        "Plan de lancement",
        "Yayın Planı",
    ),
    "rollout_strategy": (
        "Phase Rollout Strategy",
        "分阶段发布策略",
        "分階段發布策略",
        "段階的リリース戦略",
        "단계별 출시 전략",
        "Estrategia de lanzamiento por fases",
        "Estratégia de lançamento em fases",
        "Stufenweise Einführungsstrategie",
        "Stratégie de lancement par phases",
        "Aşamalı Yayın Stratejisi",
    ),
    "monitoring": (
        "Monitoring & Observability",
        "监控与可观测性",
        "監控與可觀測性",
        "監視と可観測性",
        "모니터링 및 관측성",
        "Monitoreo y observabilidad",
        "Monitoramento e observabilidade",
        "Überwachung und Beobachtbarkeit",
        "Surveillance et observabilité",
        "İzleme ve Gözlemlenebilirlik",
    ),
    "context_h": (
        "Context",
        "背景",
        "脈絡",
        "コンテキスト",
        "컨텍스트",
        "Contexto",
        "Contexto",
        "Kontext",
        "Contexte",
        "Bağlam",
    ),
    "api_contracts": (
        "API Contracts",
        "接口",
        "介面",
        "API 設計",
        "API 설계",
        "Diseño de la API",
        "Design da API",
        "Schnittstellen",
        "Conception de l'API",
        "API Tasarımı",
    ),
    "new_endpoints": (
        "New Endpoints/Methods",
        "新端点",
        "新端點",
        "新規エンドポイント",
        "새 엔드포인트",
        "Nuevos endpoints",
        "Novos endpoints",
        "Neue Endpunkte",
        "Nouveaux points de terminaison",
        "Yeni Uç Noktalar",
    ),
    "modified_endpoints": (
        "Modified Endpoints",
        "修改的端点",
        "修改的端點",
        "変更されたエンドポイント",
        "변경된 엔드포인트",
        "Endpoints modificados",
        "Endpoints alterados",
        "Geänderte Endpunkte",
        "Points de terminaison modifiés",
        "Değiştirilen Uç Noktalar",
    ),
    "endpoints": (
        "Endpoints",
        "端点",
        "端點",
        "エンドポイント",
        "엔드포인트",
        "Puntos de acceso",
        "Pontos de acesso",
        "Endpunkte",
        "Points de terminaison",
        "Uç Noktalar",
    ),
    "new_tables": (
        "New Tables",
        "新表",
        "新資料表",
        "新規テーブル",
        "새 테이블",
        "Tablas nuevas",
        "Novas tabelas",
        "Neue Tabellen",
        "Nouvelles tables",
        "Yeni Tablolar",
    ),
    "method": ("Method", "方法", "方法", "メソッド", "메서드", "Método", "Método", "Methode", "Méthode", "Yöntem"),
    "path": ("Path", "路径", "路徑", "パス", "경로", "Ruta", "Caminho", "Pfad", "Chemin", "Yol"),
    "auth": (
        "Auth",
        "认证",
        "認證",
        "認証",
        "인증",
        "Autenticación",
        "Autenticação",
        "Authentifizierung",
        "Authentification",
        "Kimlik Doğrulama",
    ),
    "output": ("Output", "输出", "輸出", "出力", "출력", "Salida", "Saída", "Ausgabe", "Sortie", "Çıktı"),
    "errors": ("Errors", "错误", "錯誤", "エラー", "오류", "Errores", "Erros", "Fehler", "Erreurs", "Hatalar"),
    "current_behavior": (
        "Current behavior",
        "当前行为",
        "目前行為",
        "現在の動作",
        "현재 동작",
        "Comportamiento actual",
        "Comportamento atual",
        "Aktuelles Verhalten",
        "Comportement actuel",
        "Mevcut Davranış",
    ),
    "new_behavior": (
        "New behavior",
        "新行为",
        "新行為",
        "新しい動作",
        "새 동작",
        "Nuevo comportamiento",
        "Novo comportamento",
        "Neues Verhalten",
        "Nouveau comportement",
        "Yeni Davranış",
    ),
    "breaking": (
        "Breaking",
        "破坏性变更",
        "破壞性變更",
        "破壊的変更",
        "호환성 깨짐",
        "Cambio incompatible",
        "Alteração incompatível",
        "Inkompatible Änderung",
        "Changement incompatible",
        "Uyumsuz Değişiklik",
    ),
    "technology": (
        "Technology",
        "技术",
        "技術",
        "技術",
        "기술",
        "Tecnología",
        "Tecnologia",
        "Technologie",
        "Technologie",
        "Teknoloji",
    ),
    "notes": ("Notes", "备注", "備註", "備考", "비고", "Notas", "Notas", "Anmerkungen", "Remarques", "Notlar"),
    "responsibility": (
        "Responsibility",
        "职责",
        "職責",
        "責務",
        "책임",
        "Responsabilidad",
        "Responsabilidade",
        "Verantwortung",
        "Responsabilité",
        "Sorumluluk",
    ),
    "api_examples": (
        "Request/Response Examples",
        "请求/响应示例",
        "請求/回應範例",
        "リクエスト/レスポンス例",
        "요청/응답 예시",
        "Ejemplos de solicitud/respuesta",
        "Exemplos de requisição/resposta",
        "Anfrage-/Antwort-Beispiele",
        "Exemples de requête/réponse",
        "İstek/Yanıt Örnekleri",
    ),
    "request": (
        "Request",
        "请求",
        "請求",
        "リクエスト",
        "요청",
        "Solicitud",
        "Requisição",
        "Anfrage",
        "Requête",
        "İstek",
    ),
    "response": (
        "Response",
        "响应",
        "回應",
        "レスポンス",
        "응답",
        "Respuesta",
        "Resposta",
        "Antwort",
        "Réponse",
        "Yanıt",
    ),
}
# SmartSpec's subsection is "Migrations" in English, the same words in translation.
_MORE_WORDS["migrations"] = ("Migrations", *_MORE_WORDS["database_migrations"][1:])
for _key, _words in _MORE_WORDS.items():
    for _language, _word in zip(_ORDER, _words, strict=True):
        _WORDS[_language][_key] = _word
# How each language writes a bold label's colon ({b}Label{c}) and a plain one (Label{p}).
_COLONS = {
    "en": ("**", ":**", ":"),
    "zh-Hans": ("**", "：**", "："),
    "ja": ("**", "**：", "："),
    "ko": ("**", ":**", ":"),
    "pt": ("**", "**:", ":"),
    "de": ("**", ":**", ":"),
    "tr": ("**", "**:", ":"),
    "zh-Hant": ("**", "**：", "："),
    "es": ("**", ":**", ":"),
    # French typography: a blank before the colon.
    "fr": ("**", " :**", " :"),
}
_LANGUAGES = [language for language in _WORDS if language != "en"]


def _plan(name: str, language: str) -> str:
    bold, colon, plain = _COLONS[language]
    return _PLANS[name].format(b=bold, c=colon, p=plain, **_WORDS[language])


def _fields(plan: plancore.Plan) -> dict[str, object]:
    """What a plan says, less how its text spelled it (its headings, labels and source text)."""
    fields = attrs.asdict(plan, recurse=False)
    for name in ("headings", "labels", "source"):
        fields.pop(name)
    return fields


@pytest.mark.parametrize("language", _LANGUAGES)
@pytest.mark.parametrize("name", sorted(_PLANS))
def test_translated_plan_is_detected_and_read_as_its_english_twin(name: str, language: str) -> None:
    english, translated = _plan(name, "en"), _plan(name, language)
    assert plancore.detect(english) == name
    # Detected by its shape: no English heading or label is left in it.
    assert plancore.detect(translated) == name, plancore.detect_scores(translated)[:2]
    assert _fields(plancore.parse(translated, name)) == _fields(plancore.parse(english, name))


@pytest.mark.parametrize("language", _LANGUAGES)
@pytest.mark.parametrize("name", sorted(_PLANS))
def test_translated_plan_round_trips_byte_for_byte(name: str, language: str) -> None:
    translated = _plan(name, language)
    assert plancore.emit(plancore.parse(translated, name), name) == translated


def test_the_english_twins_fill_the_fields_they_are_meant_to() -> None:
    """The twins compare something: the English plans' header and field labels are read (checked by hand)."""
    aadt = plancore.parse(_plan("aadt", "en"), "aadt")
    assert (aadt.metadata.issue_id, aadt.metadata.author, aadt.metadata.status) == ("#42", "Li Lei", "In Progress")
    assert aadt.phases[0].estimate == "2 days"
    assert aadt.phases[0].steps[0].files == ("src/index.py",)
    assert aadt.risks[0].mitigation == "Shard it"
    assert (aadt.prerequisites[0].text, aadt.architecture.overview) == (
        "The catalog API runs",
        "One index beside the catalog.",
    )
    assert (aadt.architecture.components[0].name, aadt.architecture.components[0].change_type) == ("SearchIndex", "New")
    assert (aadt.testing.unit, aadt.testing.integration, aadt.testing.manual) == (
        "- The index builds",
        "- Queries answer",
        "- [ ] Search by hand",
    )
    assert (aadt.data_model.migration_commands, aadt.feature_flags, aadt.rollback) == (
        "alembic upgrade head",
        "- Flag name: `search`",
        "1. Turn the flag off",
    )
    assert (aadt.dependencies[0].version, aadt.internal_dependencies) == ("^2.7", ("The catalog API",))
    assert (aadt.timeline[0].start, aadt.timeline[0].status, aadt.progress_log[0].update) == (
        "2026-01-05",
        "Done",
        "Index built",
    )
    assert aadt.extra_sections == ()
    maestro = plancore.parse(_plan("maestro", "en"), "maestro")
    assert (maestro.metadata.feature_id, maestro.metadata.created) == ("F-42", "2026-01-05")
    assert maestro.phases[0].goal == "A searchable index"
    assert (maestro.architecture.components[0].name, maestro.architecture.components[0].location) == (
        "SearchIndex",
        "src/index.py",
    )
    assert (maestro.data_model.entities[0].name, maestro.data_model.entities[0].migration_notes) == (
        "Document",
        "Backfill once",
    )
    assert (maestro.architecture.components[0].technology, maestro.architecture.components[0].notes) == (
        "SQLite FTS5",
        "Rebuilt nightly",
    )
    new, modified = maestro.api.endpoints
    assert (new.path, new.description, new.output, new.errors) == (
        "/search",
        "Finds items",
        "A list of items",
        "400 on an empty query",
    )
    assert (modified.current_behavior, modified.new_behavior, modified.breaking) == (
        "Lists every item",
        "Filters by q",
        "No",
    )
    assert maestro.extra_sections == ()
    smartspec = plancore.parse(_plan("smartspec", "en"), "smartspec")
    assert (smartspec.api.endpoints[0].path, smartspec.api.endpoints[0].auth) == ("/search", "none")
    assert (smartspec.data_model.schema_language, smartspec.data_model.migrations) == ("sql", "- Create the docs table")
    assert (smartspec.dependencies[0].name, smartspec.internal_dependencies) == ("sqlite", ("The catalog API",))
    assert smartspec.testing.e2e == "- A user finds an item"
    assert [(c.name, c.responsibility, c.technology, c.notes) for c in smartspec.architecture.components] == [
        ("SearchIndex", "Holds the index", "SQLite FTS5", "Rebuilt nightly")
    ]
    assert [(e.name, e.request, e.response, e.language) for e in smartspec.api.examples] == [
        ("GET /search", '{"q": "lamp"}', '{"items": []}', "json")
    ]
    assert smartspec.extra_sections == ()
    assert smartspec.decisions[0].choice == "SQLite FTS"
    assert (smartspec.phases[0].estimate, smartspec.phases[0].description) == ("2 days", "Build the index")
    specpulse = plancore.parse(_plan("specpulse", "en"), "specpulse")
    assert (specpulse.metadata.spec_id, specpulse.metadata.plan_version) == ("SPEC-042", "1.1")
    assert specpulse.phases[0].dependencies == "The catalog API"
    assert [item.value for item in specpulse.resources.team] == ["One backend developer"]
    assert [item.value for item in specpulse.resources.infrastructure] == ["One database"]
    assert [item.value for item in specpulse.success_metrics] == ["Queries answer in 100 ms"]
    assert [item.value for item in specpulse.rollout.monitoring] == ["Query latency"]
    assert specpulse.extra_sections == ()
    speckit = plancore.parse(_plan("speckit", "en"), "speckit")
    assert (speckit.phases[0].goal, speckit.phases[0].estimate) == ("A searchable index", "2 days")
    assert speckit.architecture.overview == "One service with a full-text index."
    assert speckit.specification == "specs/search.md"
    # (Under "New files" a change's type reads back empty, the English twin's as the translated ones'.)
    assert [(change.path, change.change_type) for change in speckit.file_changes] == [
        ("src/index.py", ""),
        ("src/app.py", "modified"),
    ]
    tasks = plancore.parse(_plan("speckit-tasks", "en"), "speckit-tasks")
    assert (tasks.metadata.input, tasks.phases[0].checkpoint) == ("specs/042-search/", "The index answers queries")


_HEADERS = {
    "aadt": {"issue_id": "issue", "spec_path": "spec", "author": "author", "created": "created", "status": "status"},
    "maestro": {"feature_id": "feature_id", "spec_path": "spec", "created": "created", "status": "status"},
}


@pytest.mark.parametrize("name", sorted(_HEADERS))
@given(data=st.data())
def test_a_header_in_any_language_and_colon_reads_into_its_fields_and_round_trips(
    name: str, data: st.DataObject
) -> None:
    lines, values = data.draw(translated_headers(_HEADERS[name]))
    text = f"# Search\n\n{lines}\n\n## Overview\n\nAdd search.\n"
    plan = plancore.parse(text, name)
    assert {field: getattr(plan.metadata, field) for field in values} == values
    assert plancore.emit(plan, name) == text
