"""The words plans use for the concepts the formats share, in the languages
plans are written in: data, read by the formats' alias tables.

A format's own table (``_formats/NAME.py``) lists its English headings and the
headings only it has; where formats share a concept (a summary, the phases,
the risks), its translations are here once. ``LANGUAGES`` names the languages:
Chinese (simplified ``zh-Hans`` and traditional ``zh-Hant``), Japanese,
Korean, Spanish, Portuguese, German, French and Turkish.

Where the English template's word is the translation too (French ``Introduction``, ``Impact``), the
formats' English tables read it; listed here as well, it would make an English plan's heading count as
translated (``translated_heading``). A few older entries still hold such words (French ``architecture``,
German and French ``tests``).

Heading words are as ``normalize_title`` leaves a title (casefolded, marks
other than ``&/+-`` made blanks); label words are casefolded.

>>> from plancore._vocabulary import heading_pattern
>>> import re
>>> bool(re.fullmatch(heading_pattern("summary"), "resumo"))
True
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping

from ._derived import derived
from ._markdown import normalize_title

__all__ = [
    "HEADINGS",
    "LABELS",
    "LANGUAGES",
    "PHASE_HEADING",
    "PHASE_PREFIX",
    "PHASE_WORDS",
    "STACK_WORDS",
    "STEP_WORDS",
    "TITLE_PREFIXES",
    "alternation",
    "heading_concepts",
    "heading_pattern",
    "label_mark",
    "label_words",
    "phase_number",
    "stack_key",
    "step_words",
    "title_prefix",
    "title_words",
    "translated_heading",
    "translated_label",
]

LANGUAGES = ("zh-Hans", "zh-Hant", "ja", "ko", "es", "pt", "de", "fr", "tr")

# Concept -> language -> heading titles (normalized). English words stay in the
# formats' own tables, which say which English heading means what there.
HEADINGS: Mapping[str, Mapping[str, tuple[str, ...]]] = {
    "summary": {
        "zh-Hans": ("摘要", "概要", "总结", "概述", "简介"),
        "zh-Hant": ("摘要", "概要", "總結", "概述", "簡介"),
        "ja": ("概要", "要約", "サマリー"),
        "ko": ("요약", "개요"),
        "es": ("resumen", "resumen ejecutivo"),
        "pt": ("resumo", "resumo executivo", "visão geral"),
        "de": ("zusammenfassung", "überblick"),
        "fr": ("résumé", "resume", "synthèse", "aperçu"),
        "tr": ("özet", "genel bakış", "yönetici özeti"),
    },
    "technical_context": {
        "zh-Hans": ("技术背景", "技术上下文", "技术语境", "技术环境"),
        "zh-Hant": ("技術背景", "技術上下文", "技術脈絡", "技術環境"),
        "ja": ("技術コンテキスト", "技術的コンテキスト", "技術的背景", "技術背景", "技術的文脈"),
        "ko": ("기술 컨텍스트", "기술적 컨텍스트", "기술 배경", "기술적 배경", "기술 맥락"),
        "es": ("contexto técnico",),
        "pt": ("contexto técnico",),
        "de": ("technischer kontext", "technischer hintergrund"),
        "fr": ("contexte technique",),
        "tr": ("teknik bağlam", "teknik arka plan"),
    },
    # A technology stack's own heading (a subsection of an architecture or technical approach).
    "tech_stack": {
        "zh-Hans": ("技术栈",),
        "zh-Hant": ("技術棧", "技術堆疊"),
        "ja": ("技術スタック",),
        "ko": ("기술 스택",),
        "es": ("stack tecnológico", "pila tecnológica"),
        "pt": ("stack tecnológica", "stack tecnológico", "pilha tecnológica"),
        "de": ("technologie-stack", "technologiestack", "tech-stack"),
        "fr": ("stack technique", "stack technologique", "pile technologique"),
        "tr": ("teknoloji yığını",),
    },
    # Spec Kit rapid's section over the architecture, the stack and the data model.
    "technical_approach": {
        "zh-Hans": ("技术方案", "技术方法", "技术路线"),
        "zh-Hant": ("技術方案", "技術方法", "技術路線"),
        "ja": ("技術的アプローチ", "技術アプローチ", "技術方針"),
        "ko": ("기술적 접근", "기술 접근 방식", "기술 방안"),
        "es": ("enfoque técnico",),
        "pt": ("abordagem técnica",),
        "de": ("technischer ansatz", "technisches vorgehen"),
        "fr": ("approche technique",),
        "tr": ("teknik yaklaşım",),
    },
    "constitution_check": {
        "zh-Hans": ("章程检查", "宪法检查", "宪章检查", "章程核查", "原则检查"),
        "zh-Hant": ("章程檢查", "憲法檢查", "憲章檢查", "章程核查", "原則檢查"),
        "ja": ("規約チェック", "憲法チェック", "憲章チェック", "原則チェック", "コンスティテューションチェック"),
        "ko": ("헌법 검사", "헌법 점검", "헌법 확인", "헌장 점검", "원칙 점검"),
        "es": ("verificación de la constitución", "verificación constitucional", "revisión de la constitución"),
        "pt": ("verificação da constituição", "verificação constitucional", "checagem da constituição"),
        "de": ("verfassungsprüfung", "prüfung der verfassung", "verfassungs-check"),
        "fr": ("vérification de la constitution", "contrôle de la constitution", "vérification constitutionnelle"),
        "tr": ("anayasa kontrolü", "anayasa denetimi"),
    },
    "project_structure": {
        "zh-Hans": ("项目结构", "项目架构", "工程结构"),
        "zh-Hant": ("專案結構", "專案架構", "項目結構"),
        "ja": ("プロジェクト構成", "プロジェクト構造"),
        "ko": ("프로젝트 구조",),
        "es": ("estructura del proyecto",),
        "pt": ("estrutura do projeto",),
        "de": ("projektstruktur",),
        "fr": ("structure du projet",),
        "tr": ("proje yapısı",),
    },
    "complexity": {
        "zh-Hans": ("复杂度跟踪", "复杂度追踪", "复杂性追踪", "复杂性跟踪"),
        "zh-Hant": ("複雜度追蹤", "複雜度追踪", "複雜性追蹤", "複雜度跟蹤"),
        "ja": ("複雑性トラッキング", "複雑性の追跡", "複雑さの追跡", "複雑度トラッキング"),
        "ko": ("복잡성 추적", "복잡도 추적"),
        "es": ("seguimiento de complejidad", "seguimiento de la complejidad"),
        "pt": ("rastreamento de complexidade", "acompanhamento de complexidade"),
        "de": ("komplexitätsverfolgung", "komplexitäts-tracking"),
        "fr": ("suivi de la complexité", "suivi de complexité"),
        "tr": ("karmaşıklık takibi", "karmaşıklık izleme"),
    },
    # Subsections of a project structure (a qualifier may follow: "(本功能)").
    "documentation": {
        "zh-Hans": ("文档",),
        "zh-Hant": ("文件",),
        "ja": ("ドキュメント", "文書"),
        "ko": ("문서",),
        "es": ("documentación",),
        "pt": ("documentação",),
        "de": ("dokumentation",),
        "fr": ("documentation",),
        "tr": ("dokümantasyon", "belgeler"),
    },
    "source_code": {
        "zh-Hans": ("源代码", "源码", "代码结构"),
        "zh-Hant": ("原始碼", "原始程式碼", "程式碼結構"),
        "ja": ("ソースコード", "コード構成"),
        "ko": ("소스 코드", "소스코드"),
        "es": ("código fuente",),
        "pt": ("código-fonte", "código fonte"),
        "de": ("quellcode",),
        "fr": ("code source",),
        "tr": ("kaynak kod", "kaynak kodu"),
    },
    "architecture": {
        "zh-Hans": ("架构", "架构概览", "系统架构", "技术架构"),
        "zh-Hant": ("架構", "架構概覽", "系統架構", "技術架構"),
        "ja": ("アーキテクチャ", "アーキテクチャ概要", "システム構成"),
        "ko": ("아키텍처", "아키텍처 개요"),
        "es": ("arquitectura", "resumen de la arquitectura"),
        "pt": ("arquitetura", "visão geral da arquitetura"),
        "de": ("architektur", "architekturüberblick"),
        "fr": ("architecture", "aperçu de l'architecture", "vue d'ensemble de l'architecture"),
        "tr": ("mimari", "mimari genel bakış"),
    },
    "phases": {
        "zh-Hans": ("实施阶段", "实现阶段", "阶段"),
        "zh-Hant": ("實施階段", "實作階段", "階段"),
        "ja": ("実装フェーズ", "実装段階", "フェーズ"),
        "ko": ("구현 단계", "단계"),
        "es": ("fases de implementación", "fases"),
        "pt": ("fases de implementação", "fases"),
        "de": ("implementierungsphasen", "phasen"),
        "fr": ("phases de mise en œuvre", "phases d'implémentation", "phases"),
        "tr": ("uygulama fazları", "uygulama aşamaları", "fazlar", "aşamalar"),
    },
    "risks": {
        "zh-Hans": ("风险", "风险与缓解", "风险和缓解措施", "风险评估", "风险管理"),
        "zh-Hant": ("風險", "風險與緩解", "風險評估", "風險管理"),
        "ja": ("リスク", "リスクと対策", "リスク評価", "リスク管理"),
        "ko": ("위험", "리스크", "위험 및 완화", "위험 평가", "위험 관리"),
        "es": ("riesgos", "riesgos y mitigaciones", "evaluación de riesgos", "gestión de riesgos"),
        "pt": ("riscos", "riscos e mitigações", "avaliação de riscos", "gestão de riscos"),
        "de": ("risiken", "risiken und gegenmaßnahmen", "risikobewertung", "risikomanagement"),
        "fr": ("risques", "risques et atténuations", "évaluation des risques", "gestion des risques"),
        "tr": ("riskler", "riskler ve önlemler", "risk değerlendirmesi", "risk yönetimi"),
    },
    "testing": {
        "zh-Hans": ("测试", "测试策略", "测试计划"),
        "zh-Hant": ("測試", "測試策略", "測試計畫"),
        "ja": ("テスト", "テスト戦略", "テスト計画"),
        "ko": ("테스트", "테스트 전략", "테스트 계획"),
        "es": ("pruebas", "estrategia de pruebas", "plan de pruebas"),
        "pt": ("testes", "estratégia de testes", "plano de testes"),
        "de": ("tests", "teststrategie", "testplan"),
        "fr": ("tests", "stratégie de test", "stratégie de tests", "plan de test"),
        "tr": ("test", "testler", "test stratejisi", "test planı"),
    },
    "data_model": {
        "zh-Hans": ("数据模型",),
        "zh-Hant": ("資料模型",),
        "ja": ("データモデル",),
        "ko": ("데이터 모델",),
        "es": ("modelo de datos", "modelos de datos"),
        "pt": ("modelo de dados", "modelos de dados"),
        "de": ("datenmodell", "datenmodelle"),
        "fr": ("modèle de données", "modèles de données"),
        "tr": ("veri modeli", "veri modelleri"),
    },
    "file_structure": {
        "zh-Hans": ("文件结构", "目录结构"),
        "zh-Hant": ("檔案結構", "目錄結構"),
        "ja": ("ファイル構成", "ディレクトリ構成", "ファイル構造"),
        "ko": ("파일 구조", "디렉터리 구조"),
        "es": ("estructura de archivos", "estructura de directorios"),
        "pt": ("estrutura de arquivos", "estrutura de diretórios"),
        "de": ("dateistruktur", "verzeichnisstruktur"),
        "fr": ("structure des fichiers", "arborescence"),
        "tr": ("dosya yapısı", "dizin yapısı"),
    },
    "dependencies": {
        "zh-Hans": ("依赖", "依赖项", "外部依赖"),
        "zh-Hant": ("依賴", "依賴項", "相依性", "外部依賴"),
        "ja": ("依存関係", "外部依存関係"),
        "ko": ("의존성", "종속성", "외부 의존성"),
        "es": ("dependencias",),
        "pt": ("dependências",),
        "de": ("abhängigkeiten",),
        "fr": ("dépendances",),
        "tr": ("bağımlılıklar",),
    },
    "decisions": {
        "zh-Hans": ("技术决策", "关键决策", "设计决策", "决策"),
        "zh-Hant": ("技術決策", "關鍵決策", "設計決策", "決策"),
        "ja": ("技術的決定", "設計判断", "主要な決定", "決定事項"),
        "ko": ("기술 결정", "주요 결정", "설계 결정", "결정 사항"),
        "es": ("decisiones técnicas", "decisiones clave", "decisiones"),
        "pt": ("decisões técnicas", "decisões-chave", "decisões"),
        "de": ("technische entscheidungen", "entscheidungen"),
        "fr": ("décisions techniques", "décisions clés", "décisions"),
        "tr": ("teknik kararlar", "kararlar"),
    },
    "rollback": {
        "zh-Hans": ("回滚", "回滚计划"),
        "zh-Hant": ("回滾", "回滾計畫"),
        "ja": ("ロールバック", "ロールバック計画"),
        "ko": ("롤백", "롤백 계획"),
        "es": ("plan de reversión", "reversión"),
        "pt": ("plano de reversão", "reversão"),
        "de": ("rollback-plan", "rücknahme"),
        "fr": ("plan de retour arrière", "retour arrière"),
        "tr": ("geri alma planı", "geri alma"),
    },
    "notes": {
        "zh-Hans": ("备注", "附加说明", "说明"),
        "zh-Hant": ("備註", "附加說明", "說明"),
        "ja": ("備考", "メモ", "補足"),
        "ko": ("비고", "참고 사항", "추가 참고 사항"),
        "es": ("notas", "notas adicionales"),
        "pt": ("notas", "notas adicionais", "observações"),
        "de": ("notizen", "anmerkungen", "hinweise"),
        "fr": ("notes", "notes complémentaires", "remarques"),
        "tr": ("notlar", "ek notlar"),
    },
    "open_questions": {
        "zh-Hans": ("未决问题", "开放问题", "待定问题"),
        "zh-Hant": ("未決問題", "開放問題", "待定問題"),
        "ja": ("未解決の質問", "未解決事項", "オープンな質問"),
        "ko": ("미해결 질문", "열린 질문"),
        "es": ("preguntas abiertas",),
        "pt": ("perguntas em aberto", "questões em aberto"),
        "de": ("offene fragen",),
        "fr": ("questions ouvertes",),
        "tr": ("açık sorular",),
    },
    "definition_of_done": {
        "zh-Hans": ("完成定义",),
        "zh-Hant": ("完成定義",),
        "ja": ("完了の定義",),
        "ko": ("완료 정의", "완료의 정의"),
        "es": ("definición de terminado", "definición de hecho"),
        "pt": ("definição de pronto", "definição de concluído"),
        "de": ("definition of done", "definition von fertig"),
        "fr": ("définition de terminé", "définition du fini"),
        "tr": ("tamamlanma tanımı", "tamamlanma kriterleri"),
    },
    # The section naming the specification a plan implements (SpecPulse's Specification Reference).
    "specification_reference": {
        "zh-Hans": ("规范参考", "规格参考", "规范引用"),
        "zh-Hant": ("規範參考", "規格參考", "規格引用"),
        "ja": ("仕様参照", "仕様の参照", "仕様リファレンス"),
        "ko": ("스펙 참조", "명세 참조", "사양 참조"),
        "es": ("referencia de la especificación", "referencia de especificación"),
        "pt": ("referência da especificação", "referência de especificação"),
        "de": ("spezifikationsreferenz", "referenz der spezifikation"),
        "fr": ("référence de la spécification",),
        "tr": ("şartname referansı", "spesifikasyon referansı"),
    },
    "file_changes": {
        "zh-Hans": ("文件变更", "文件更改", "文件改动"),
        "zh-Hant": ("檔案變更", "檔案更改"),
        "ja": ("ファイル変更", "変更ファイル"),
        "ko": ("파일 변경", "파일 변경 사항"),
        "es": ("cambios en archivos", "cambios de archivos"),
        "pt": ("alterações de arquivos", "alterações nos arquivos", "mudanças nos arquivos"),
        "de": ("dateiänderungen",),
        "fr": ("modifications de fichiers", "modifications des fichiers"),
        "tr": ("dosya değişiklikleri",),
    },
    # maestro's subsections of new and of modified components and entities.
    "new_components": {
        "zh-Hans": ("新组件", "新增组件"),
        "zh-Hant": ("新元件", "新增元件", "新組件"),
        "ja": ("新規コンポーネント", "新しいコンポーネント"),
        "ko": ("신규 컴포넌트", "새 컴포넌트"),
        "es": ("componentes nuevos", "nuevos componentes"),
        "pt": ("novos componentes", "componentes novos"),
        "de": ("neue komponenten",),
        "fr": ("nouveaux composants",),
        "tr": ("yeni bileşenler",),
    },
    "modified_components": {
        "zh-Hans": ("修改的组件", "变更的组件"),
        "zh-Hant": ("修改的元件", "變更的元件", "修改的組件"),
        "ja": ("変更コンポーネント", "変更するコンポーネント"),
        "ko": ("변경 컴포넌트", "수정된 컴포넌트"),
        "es": ("componentes modificados",),
        "pt": ("componentes modificados", "componentes alterados"),
        "de": ("geänderte komponenten",),
        "fr": ("composants modifiés",),
        "tr": ("değiştirilen bileşenler", "değişen bileşenler"),
    },
    "new_entities": {
        "zh-Hans": ("新实体", "新增实体"),
        "zh-Hant": ("新實體", "新增實體"),
        "ja": ("新規エンティティ", "新しいエンティティ"),
        "ko": ("신규 엔티티", "새 엔티티"),
        "es": ("entidades nuevas", "nuevas entidades"),
        "pt": ("novas entidades", "entidades novas"),
        "de": ("neue entitäten",),
        "fr": ("nouvelles entités",),
        "tr": ("yeni varlıklar",),
    },
    "modified_entities": {
        "zh-Hans": ("修改的实体", "变更的实体"),
        "zh-Hant": ("修改的實體", "變更的實體"),
        "ja": ("変更エンティティ", "変更するエンティティ"),
        "ko": ("변경 엔티티", "수정된 엔티티"),
        "es": ("entidades modificadas",),
        "pt": ("entidades modificadas", "entidades alteradas"),
        "de": ("geänderte entitäten",),
        "fr": ("entités modifiées",),
        "tr": ("değiştirilen varlıklar", "değişen varlıklar"),
    },
    "component_design": {
        "zh-Hans": ("组件设计", "组件"),
        "zh-Hant": ("元件設計", "元件", "組件設計"),
        "ja": ("コンポーネント設計", "コンポーネント"),
        "ko": ("컴포넌트 설계", "컴포넌트"),
        "es": ("diseño de componentes", "componentes"),
        "pt": ("design de componentes", "componentes"),
        "de": ("komponentendesign", "komponenten"),
        "fr": ("conception des composants", "composants"),
        "tr": ("bileşen tasarımı", "bileşenler"),
    },
    # A phase's parts (SpecPulse 1.x, and wherever a phase has them as subsections).
    "objectives": {
        "zh-Hans": ("目标",),
        "zh-Hant": ("目標",),
        "ja": ("目的", "目標"),
        "ko": ("목표",),
        "es": ("objetivos",),
        "pt": ("objetivos",),
        "de": ("ziele",),
        "fr": ("objectifs",),
        "tr": ("hedefler", "amaçlar"),
    },
    "tasks": {
        "zh-Hans": ("任务",),
        "zh-Hant": ("任務",),
        "ja": ("タスク",),
        "ko": ("작업", "태스크"),
        "es": ("tareas",),
        "pt": ("tarefas",),
        "de": ("aufgaben",),
        "fr": ("tâches",),
        "tr": ("görevler",),
    },
    "success_criteria": {
        "zh-Hans": ("成功标准", "验收标准"),
        "zh-Hant": ("成功標準", "驗收標準"),
        "ja": ("成功基準", "受け入れ基準"),
        "ko": ("성공 기준", "수용 기준"),
        "es": ("criterios de éxito", "criterios de aceptación"),
        "pt": ("critérios de sucesso", "critérios de aceitação"),
        "de": ("erfolgskriterien", "abnahmekriterien"),
        "fr": ("critères de succès", "critères de réussite", "critères d'acceptation"),
        "tr": ("başarı kriterleri", "kabul kriterleri"),
    },
    "deliverables": {
        "zh-Hans": ("交付物", "交付成果"),
        "zh-Hant": ("交付物", "交付成果"),
        "ja": ("成果物",),
        "ko": ("산출물", "결과물"),
        "es": ("entregables",),
        "pt": ("entregáveis",),
        "de": ("liefergegenstände", "ergebnisse"),
        "fr": ("livrables",),
        "tr": ("teslimatlar", "çıktılar"),
    },
    # Issue 12's last untranslated headings: aadt's, SmartSpec's, SpecPulse's, Spec Kit's.
    "prerequisites": {
        "zh-Hans": ("前提条件", "先决条件", "前置条件"),
        "zh-Hant": ("前提條件", "先決條件", "前置條件"),
        "ja": ("前提条件",),
        "ko": ("사전 요구 사항", "사전 요구사항", "전제 조건"),
        "es": ("requisitos previos", "prerrequisitos"),
        "pt": ("pré-requisitos",),
        "de": ("voraussetzungen",),
        "fr": ("prérequis", "pré-requis"),
        "tr": ("ön koşullar", "ön gereksinimler"),
    },
    "high_level_design": {
        "zh-Hans": ("总体设计", "高层设计", "概要设计"),
        "zh-Hant": ("總體設計", "高層設計", "概要設計"),
        "ja": ("全体設計", "ハイレベル設計", "概要設計"),
        "ko": ("상위 수준 설계", "개략 설계", "전체 설계"),
        "es": ("diseño de alto nivel",),
        "pt": ("design de alto nível", "projeto de alto nível"),
        "de": ("grobentwurf", "übergeordnetes design"),
        "fr": ("conception de haut niveau", "conception générale"),
        "tr": ("üst düzey tasarım",),
    },
    "component_changes": {
        "zh-Hans": ("组件变更",),
        "zh-Hant": ("元件變更",),
        "ja": ("コンポーネントの変更",),
        "ko": ("컴포넌트 변경", "구성 요소 변경"),
        "es": ("cambios en componentes", "cambios de componentes"),
        "pt": ("alterações de componentes", "alterações nos componentes"),
        "de": ("komponentenänderungen",),
        "fr": ("modifications des composants",),
        "tr": ("bileşen değişiklikleri",),
    },
    "unit_tests": {
        "zh-Hans": ("单元测试",),
        "zh-Hant": ("單元測試",),
        "ja": ("単体テスト", "ユニットテスト"),
        "ko": ("단위 테스트",),
        "es": ("pruebas unitarias",),
        "pt": ("testes unitários", "testes de unidade"),
        "de": ("unit-tests", "komponententests"),
        "fr": ("tests unitaires",),
        "tr": ("birim testleri",),
    },
    "integration_tests": {
        "zh-Hans": ("集成测试",),
        "zh-Hant": ("整合測試", "集成測試"),
        "ja": ("結合テスト", "統合テスト"),
        "ko": ("통합 테스트",),
        "es": ("pruebas de integración",),
        "pt": ("testes de integração",),
        "de": ("integrationstests",),
        "fr": ("tests d'intégration",),
        "tr": ("entegrasyon testleri",),
    },
    "e2e_tests": {
        "zh-Hans": ("端到端测试",),
        "zh-Hant": ("端對端測試", "端到端測試"),
        "ja": ("e2eテスト", "エンドツーエンドテスト"),
        "ko": ("e2e 테스트", "종단 간 테스트"),
        "es": ("pruebas de extremo a extremo", "pruebas e2e"),
        "pt": ("testes de ponta a ponta", "testes e2e"),
        "de": ("end-to-end-tests", "e2e-tests"),
        "fr": ("tests de bout en bout", "tests e2e"),
        "tr": ("uçtan uca testler", "e2e testleri"),
    },
    "manual_tests": {
        "zh-Hans": ("手动测试", "人工测试"),
        "zh-Hant": ("手動測試", "人工測試"),
        "ja": ("手動テスト",),
        "ko": ("수동 테스트",),
        "es": ("pruebas manuales",),
        "pt": ("testes manuais",),
        "de": ("manuelle tests",),
        "fr": ("tests manuels",),
        "tr": ("manuel testler", "manuel test"),
    },
    "deployment": {
        "zh-Hans": ("迁移与部署", "迁移/部署", "部署"),
        "zh-Hant": ("遷移與部署", "遷移/部署", "部署"),
        "ja": ("移行とデプロイ", "移行/デプロイ", "デプロイ"),
        "ko": ("마이그레이션 및 배포", "마이그레이션/배포", "배포"),
        "es": ("migración y despliegue", "migración/despliegue", "despliegue"),
        "pt": ("migração e implantação", "migração/implantação", "implantação"),
        "de": ("migration und bereitstellung", "migration/bereitstellung", "bereitstellung"),
        "fr": ("migration et déploiement", "migration/déploiement", "déploiement"),
        "tr": ("geçiş ve dağıtım", "geçiş/dağıtım", "dağıtım"),
    },
    "database_migrations": {
        "zh-Hans": ("数据库迁移",),
        "zh-Hant": ("資料庫遷移",),
        "ja": ("データベース移行", "データベースマイグレーション"),
        "ko": ("데이터베이스 마이그레이션",),
        "es": ("migraciones de base de datos",),
        "pt": ("migrações de banco de dados",),
        "de": ("datenbankmigrationen",),
        "fr": ("migrations de base de données",),
        "tr": ("veritabanı geçişleri", "veritabanı migrasyonları"),
    },
    "feature_flags": {
        "zh-Hans": ("功能开关", "特性开关"),
        "zh-Hant": ("功能開關", "特性開關"),
        "ja": ("機能フラグ", "フィーチャーフラグ"),
        "ko": ("기능 플래그",),
        "es": ("indicadores de funcionalidad", "banderas de funcionalidad"),
        "pt": ("sinalizadores de funcionalidade", "flags de funcionalidade"),
        "de": ("feature-schalter", "funktionsschalter"),
        "fr": ("indicateurs de fonctionnalité", "drapeaux de fonctionnalité"),
        "tr": ("özellik bayrakları",),
    },
    "timeline": {
        "zh-Hans": ("时间线", "时间表", "进度安排"),
        "zh-Hant": ("時間線", "時程表", "時間表"),
        "ja": ("タイムライン", "スケジュール"),
        "ko": ("일정", "타임라인"),
        "es": ("cronograma", "calendario"),
        "pt": ("cronograma", "linha do tempo"),
        "de": ("zeitplan",),
        "fr": ("calendrier", "échéancier"),
        "tr": ("zaman çizelgesi", "takvim"),
    },
    "progress_log": {
        "zh-Hans": ("进度日志", "进展记录"),
        "zh-Hant": ("進度日誌", "進展記錄"),
        "ja": ("進捗ログ", "進捗記録"),
        "ko": ("진행 로그", "진행 기록"),
        "es": ("registro de progreso", "registro de avance"),
        "pt": ("registro de progresso", "registo de progresso"),
        "de": ("fortschrittsprotokoll",),
        "fr": ("journal d'avancement", "journal de progression"),
        "tr": ("ilerleme günlüğü", "ilerleme kaydı"),
    },
    "external_dependencies": {
        "zh-Hans": ("外部依赖", "外部依赖项"),
        "zh-Hant": ("外部依賴", "外部相依性"),
        "ja": ("外部依存関係",),
        "ko": ("외부 의존성", "외부 종속성"),
        "es": ("dependencias externas",),
        "pt": ("dependências externas",),
        "de": ("externe abhängigkeiten",),
        "fr": ("dépendances externes",),
        "tr": ("dış bağımlılıklar",),
    },
    "internal_dependencies": {
        "zh-Hans": ("内部依赖", "内部依赖项"),
        "zh-Hant": ("內部依賴", "內部相依性"),
        "ja": ("内部依存関係",),
        "ko": ("내부 의존성", "내부 종속성"),
        "es": ("dependencias internas",),
        "pt": ("dependências internas",),
        "de": ("interne abhängigkeiten",),
        "fr": ("dépendances internes",),
        "tr": ("iç bağımlılıklar",),
    },
    "api": {
        "zh-Hans": ("api 设计", "接口设计", "接口"),
        "zh-Hant": ("api 設計", "介面設計", "介面"),
        "ja": ("api 設計", "api設計", "インターフェース設計"),
        "ko": ("api 설계", "인터페이스 설계"),
        "es": ("diseño de la api", "diseño de api"),
        "pt": ("design da api", "projeto da api"),
        "de": ("api-entwurf", "schnittstellen", "api-schnittstellen"),
        "fr": ("conception de l'api", "conception api"),
        "tr": ("api tasarımı",),
    },
    "database_schema": {
        "zh-Hans": ("数据库模式", "数据库结构", "数据库架构"),
        "zh-Hant": ("資料庫結構", "資料庫綱要", "資料庫架構"),
        "ja": ("データベーススキーマ", "データベース設計"),
        "ko": ("데이터베이스 스키마",),
        "es": ("esquema de base de datos", "esquema de la base de datos"),
        "pt": ("esquema do banco de dados", "esquema de banco de dados"),
        "de": ("datenbankschema",),
        "fr": ("schéma de base de données", "schéma de la base de données"),
        "tr": ("veritabanı şeması",),
    },
    "resources": {
        "zh-Hans": ("资源", "资源需求"),
        "zh-Hant": ("資源", "資源需求"),
        "ja": ("リソース", "必要なリソース"),
        "ko": ("리소스", "자원", "리소스 요구 사항"),
        "es": ("recursos", "requisitos de recursos"),
        "pt": ("recursos", "requisitos de recursos"),
        "de": ("ressourcen", "ressourcenbedarf"),
        "fr": ("ressources", "besoins en ressources"),
        "tr": ("kaynaklar", "kaynak gereksinimleri"),
    },
    "success_metrics": {
        "zh-Hans": ("成功指标", "成功度量"),
        "zh-Hant": ("成功指標", "成功度量"),
        "ja": ("成功指標", "成功メトリクス"),
        "ko": ("성공 지표", "성공 메트릭"),
        "es": ("métricas de éxito",),
        "pt": ("métricas de sucesso",),
        "de": ("erfolgskennzahlen", "erfolgsmetriken"),
        "fr": ("indicateurs de succès", "métriques de succès"),
        "tr": ("başarı metrikleri",),
    },
    "rollout": {
        "zh-Hans": ("发布计划", "上线计划", "发布"),
        "zh-Hant": ("發布計畫", "上線計畫", "發布"),
        "ja": ("リリース計画", "展開計画", "ロールアウト"),
        "ko": ("출시 계획", "롤아웃", "배포 계획"),
        "es": ("plan de lanzamiento", "lanzamiento"),
        "pt": ("plano de lançamento", "lançamento"),
        "de": ("einführungsplan", "einführung"),
        "fr": ("plan de lancement", "lancement"),
        "tr": ("yayın planı", "yayına alma"),
    },
    "monitoring": {
        "zh-Hans": ("监控", "监控与可观测性"),
        "zh-Hant": ("監控", "監控與可觀測性"),
        "ja": ("監視", "監視と可観測性", "モニタリング"),
        "ko": ("모니터링", "모니터링 및 관측성"),
        "es": ("monitoreo", "monitorización", "monitoreo y observabilidad"),
        "pt": ("monitoramento", "monitoramento e observabilidade"),
        "de": ("überwachung", "überwachung und beobachtbarkeit"),
        "fr": ("surveillance", "surveillance et observabilité"),
        "tr": ("izleme", "izleme ve gözlemlenebilirlik"),
    },
    "team": {
        "zh-Hans": ("开发团队", "团队"),
        "zh-Hant": ("開發團隊", "團隊"),
        "ja": ("開発チーム", "チーム"),
        "ko": ("개발 팀", "팀"),
        "es": ("equipo de desarrollo", "equipo"),
        "pt": ("equipe de desenvolvimento", "equipe"),
        "de": ("entwicklungsteam",),
        "fr": ("équipe de développement", "équipe"),
        "tr": ("geliştirme ekibi", "ekip"),
    },
    "infrastructure": {
        "zh-Hans": ("基础设施",),
        "zh-Hant": ("基礎設施",),
        "ja": ("インフラ", "インフラストラクチャ"),
        "ko": ("인프라",),
        "es": ("infraestructura",),
        "pt": ("infraestrutura",),
        "de": ("infrastruktur",),
        "tr": ("altyapı",),
    },
    "rollout_strategy": {
        "zh-Hans": ("分阶段发布策略", "发布策略"),
        "zh-Hant": ("分階段發布策略", "發布策略"),
        "ja": ("段階的リリース戦略", "リリース戦略"),
        "ko": ("단계별 출시 전략", "출시 전략"),
        "es": ("estrategia de lanzamiento por fases", "estrategia de lanzamiento"),
        "pt": ("estratégia de lançamento em fases", "estratégia de lançamento"),
        "de": ("stufenweise einführungsstrategie", "einführungsstrategie"),
        "fr": ("stratégie de lancement par phases", "stratégie de lancement"),
        "tr": ("aşamalı yayın stratejisi", "yayın stratejisi"),
    },
    "endpoints": {
        "zh-Hans": ("端点", "接口列表"),
        "zh-Hant": ("端點", "介面列表"),
        "ja": ("エンドポイント",),
        "ko": ("엔드포인트",),
        "es": ("puntos de acceso",),
        "pt": ("pontos de acesso",),
        "de": ("endpunkte",),
        "fr": ("points de terminaison",),
        "tr": ("uç noktalar",),
    },
    "new_tables": {
        "zh-Hans": ("新表", "新增表"),
        "zh-Hant": ("新資料表", "新增資料表"),
        "ja": ("新規テーブル",),
        "ko": ("새 테이블", "신규 테이블"),
        "es": ("tablas nuevas", "nuevas tablas"),
        "pt": ("novas tabelas",),
        "de": ("neue tabellen",),
        "fr": ("nouvelles tables",),
        "tr": ("yeni tablolar",),
    },
    "new_endpoints": {
        "zh-Hans": ("新端点", "新接口"),
        "zh-Hant": ("新端點", "新介面"),
        "ja": ("新規エンドポイント",),
        "ko": ("새 엔드포인트", "신규 엔드포인트"),
        "es": ("nuevos endpoints", "endpoints nuevos"),
        "pt": ("novos endpoints",),
        "de": ("neue endpunkte",),
        "fr": ("nouveaux points de terminaison", "nouveaux endpoints"),
        "tr": ("yeni uç noktalar",),
    },
    "modified_endpoints": {
        "zh-Hans": ("修改的端点", "修改的接口"),
        "zh-Hant": ("修改的端點", "修改的介面"),
        "ja": ("変更エンドポイント", "変更されたエンドポイント"),
        "ko": ("변경된 엔드포인트", "수정된 엔드포인트"),
        "es": ("endpoints modificados",),
        "pt": ("endpoints modificados", "endpoints alterados"),
        "de": ("geänderte endpunkte",),
        "fr": ("points de terminaison modifiés", "endpoints modifiés"),
        "tr": ("değiştirilen uç noktalar",),
    },
    # An API section's examples of requests and responses (SmartSpec's ``Request/Response Examples``).
    "api_examples": {
        "zh-Hans": ("请求/响应示例", "请求与响应示例", "请求和响应示例", "示例"),
        "zh-Hant": ("請求/回應範例", "請求與回應範例", "請求/響應示例", "範例"),
        "ja": ("リクエスト/レスポンス例", "リクエスト/レスポンスの例", "リクエストとレスポンスの例"),
        "ko": ("요청/응답 예시", "요청/응답 예제", "요청 및 응답 예시"),
        "es": ("ejemplos de solicitud/respuesta", "ejemplos de petición/respuesta", "ejemplos"),
        "pt": ("exemplos de requisição/resposta", "exemplos de solicitação/resposta", "exemplos"),
        "de": ("anfrage-/antwort-beispiele", "anfrage-/antwortbeispiele", "request/response-beispiele", "beispiele"),
        "fr": ("exemples de requête/réponse", "exemples de requêtes et réponses", "exemples"),
        "tr": ("istek/yanıt örnekleri", "istek/cevap örnekleri", "örnekler"),
    },
    "context": {
        "zh-Hans": ("背景", "上下文"),
        "zh-Hant": ("背景", "脈絡"),
        "ja": ("コンテキスト", "背景"),
        "ko": ("컨텍스트", "배경"),
        "es": ("contexto",),
        "pt": ("contexto",),
        "de": ("kontext", "hintergrund"),
        "fr": ("contexte",),
        "tr": ("bağlam",),
    },
    # Kiro's requirements.md: its Introduction (the summary), its Requirements and each requirement's
    # Acceptance Criteria; design.md's Overview (of the architecture).
    "introduction": {
        "zh-Hans": ("简介", "引言", "介绍"),
        "zh-Hant": ("簡介", "引言", "介紹"),
        "ja": ("はじめに", "導入", "イントロダクション"),
        "ko": ("소개", "서론"),
        "es": ("introducción",),
        "pt": ("introdução",),
        "de": ("einleitung", "einführung"),
        "tr": ("giriş",),
    },
    "requirements": {
        "zh-Hans": ("需求", "需求列表"),
        "zh-Hant": ("需求", "需求清單"),
        "ja": ("要件", "要件一覧"),
        "ko": ("요구사항", "요구 사항"),
        "es": ("requisitos",),
        "pt": ("requisitos",),
        "de": ("anforderungen",),
        "fr": ("exigences",),
        "tr": ("gereksinimler",),
    },
    "acceptance_criteria": {
        "zh-Hans": ("验收标准",),
        "zh-Hant": ("驗收標準", "驗收準則"),
        "ja": ("受け入れ基準", "受入基準"),
        "ko": ("인수 기준", "수용 기준", "승인 기준"),
        "es": ("criterios de aceptación",),
        "pt": ("critérios de aceitação", "critérios de aceite"),
        "de": ("akzeptanzkriterien", "abnahmekriterien"),
        "fr": ("critères d'acceptation",),
        "tr": ("kabul kriterleri",),
    },
    "overview": {
        "zh-Hans": ("概述", "概览", "总览"),
        "zh-Hant": ("概述", "概覽", "總覽"),
        "ja": ("概要",),
        "ko": ("개요",),
        "es": ("descripción general", "visión general"),
        "pt": ("visão geral",),
        "de": ("überblick", "übersicht"),
        "fr": ("vue d'ensemble", "aperçu"),
        "tr": ("genel bakış",),
    },
    # OpenSpec's proposal.md (Why, What Changes, Capabilities, Impact) and design.md (Risks / Trade-offs,
    # Migration Plan; its Context, Decisions and Open Questions are the concepts above).
    "why": {
        "zh-Hans": ("为什么", "原因", "动机"),
        "zh-Hant": ("為什麼", "原因", "動機"),
        "ja": ("なぜ", "理由", "動機"),
        "ko": ("왜", "이유", "동기"),
        "es": ("por qué", "motivación"),
        "pt": ("por quê", "por que", "motivação"),
        "de": ("warum",),
        "fr": ("pourquoi",),
        "tr": ("neden", "gerekçe"),
    },
    "what_changes": {
        "zh-Hans": ("变更内容", "变更"),
        "zh-Hant": ("變更內容", "變更"),
        "ja": ("変更内容", "変更点"),
        "ko": ("변경 사항", "변경 내용"),
        "es": ("qué cambia", "cambios"),
        "pt": ("o que muda", "mudanças", "alterações"),
        "de": ("was sich ändert", "änderungen"),
        "fr": ("ce qui change", "changements"),
        "tr": ("neler değişiyor", "değişiklikler"),
    },
    "capabilities": {
        "zh-Hans": ("能力", "功能"),
        "zh-Hant": ("能力", "功能"),
        "ja": ("機能", "ケイパビリティ"),
        "ko": ("기능", "역량"),
        "es": ("capacidades",),
        "pt": ("capacidades",),
        "de": ("fähigkeiten",),
        "fr": ("capacités",),
        "tr": ("yetenekler",),
    },
    "impact": {
        "zh-Hans": ("影响", "影响范围"),
        "zh-Hant": ("影響", "影響範圍"),
        "ja": ("影響", "影響範囲"),
        "ko": ("영향", "영향 범위"),
        "es": ("impacto",),
        "pt": ("impacto",),
        "de": ("auswirkungen",),
        "tr": ("etki",),
    },
    "risks_tradeoffs": {
        "zh-Hans": ("风险 / 权衡", "风险/权衡", "风险与权衡"),
        "zh-Hant": ("風險 / 權衡", "風險/權衡", "風險與權衡"),
        "ja": ("リスク / トレードオフ", "リスク/トレードオフ", "リスクとトレードオフ"),
        "ko": ("위험 / 트레이드오프", "위험/트레이드오프", "위험 및 트레이드오프"),
        "es": ("riesgos / compensaciones", "riesgos/compensaciones", "riesgos y compensaciones"),
        "pt": ("riscos / trade-offs", "riscos/trade-offs", "riscos e trade-offs", "riscos / compromissos"),
        "de": ("risiken / abwägungen", "risiken/abwägungen", "risiken und abwägungen", "risiken / trade-offs"),
        "fr": ("risques / compromis", "risques/compromis", "risques et compromis"),
        "tr": ("riskler / ödünleşimler", "riskler/ödünleşimler", "riskler ve ödünleşimler"),
    },
    "migration_plan": {
        "zh-Hans": ("迁移计划", "迁移方案"),
        "zh-Hant": ("遷移計畫", "遷移計劃"),
        "ja": ("移行計画",),
        "ko": ("마이그레이션 계획", "이전 계획"),
        "es": ("plan de migración",),
        "pt": ("plano de migração",),
        "de": ("migrationsplan",),
        "fr": ("plan de migration",),
        "tr": ("geçiş planı", "taşıma planı"),
    },
    # A Spec Kit data-model.md's heading over its entities.
    "entities": {
        "zh-Hans": ("实体", "实体定义"),
        "zh-Hant": ("實體", "實體定義"),
        "ja": ("エンティティ", "エンティティ定義"),
        "ko": ("엔티티", "엔티티 정의"),
        "es": ("entidades",),
        "pt": ("entidades",),
        "de": ("entitäten",),
        "fr": ("entités",),
        "tr": ("varlıklar",),
    },
    # Spec Kit's spec.md: User Scenarios & Testing, and the item subsections of its Requirements and
    # Success Criteria (Functional Requirements, Measurable Outcomes). A qualifier may follow (``*(mandatory)*``).
    "user_scenarios": {
        "zh-Hans": ("用户场景与测试", "用户场景和测试", "用户场景"),
        "zh-Hant": ("使用者情境與測試", "使用者場景與測試", "使用者情境", "使用者場景"),
        "ja": ("ユーザーシナリオとテスト", "ユーザーシナリオ"),
        "ko": ("사용자 시나리오 및 테스트", "사용자 시나리오"),
        "es": ("escenarios de usuario y pruebas", "escenarios de usuario"),
        "pt": ("cenários de usuário e testes", "cenários do usuário e testes", "cenários de usuário"),
        "de": ("benutzerszenarien und tests", "benutzerszenarien"),
        "fr": ("scénarios utilisateur et tests", "scénarios utilisateur"),
        "tr": ("kullanıcı senaryoları ve testler", "kullanıcı senaryoları"),
    },
    "functional_requirements": {
        "zh-Hans": ("功能需求",),
        "zh-Hant": ("功能需求",),
        "ja": ("機能要件",),
        "ko": ("기능 요구사항", "기능 요구 사항"),
        "es": ("requisitos funcionales",),
        "pt": ("requisitos funcionais",),
        "de": ("funktionale anforderungen",),
        "fr": ("exigences fonctionnelles",),
        "tr": ("fonksiyonel gereksinimler", "işlevsel gereksinimler"),
    },
    "measurable_outcomes": {
        "zh-Hans": ("可衡量的成果", "可衡量结果", "可度量的结果"),
        "zh-Hant": ("可衡量的成果", "可衡量結果"),
        "ja": ("測定可能な成果",),
        "ko": ("측정 가능한 결과",),
        "es": ("resultados medibles",),
        "pt": ("resultados mensuráveis",),
        "de": ("messbare ergebnisse",),
        "fr": ("résultats mesurables",),
        "tr": ("ölçülebilir sonuçlar",),
    },
}

# The word a phase heading opens with (``## 阶段 1: ...``), by language.
PHASE_WORDS = {
    "zh-Hans": ("阶段",),
    "zh-Hant": ("階段",),
    "ja": ("フェーズ",),
    "ko": ("단계",),
    "es": ("fase",),
    "pt": ("fase",),
    "de": ("phase",),
    "fr": ("phase", "étape"),
    "tr": ("faz", "aşama"),
}

# The word a step heading opens with (``#### 步骤 1.1: ...``), by language.
STEP_WORDS = {
    "zh-Hans": ("步骤",),
    "zh-Hant": ("步驟",),
    "ja": ("ステップ", "手順"),
    "ko": ("단계", "스텝"),
    "es": ("paso",),
    "pt": ("passo", "etapa"),
    "de": ("schritt",),
    "fr": ("étape",),
    "tr": ("adım",),
}

# A phase's heading in any language, as a format's alias (a full match over a normalized title):
# the phase word and a number (``阶段 1``, ``フェーズ1``, ``fase 1``); the number is what makes it a
# phase's (``Fase de testes`` is none). A format's own table adds its English words.
PHASE_HEADING = (
    "(?:"
    + "|".join(
        # In the table's order among words of one length (a set's changes from run to run, and
        # the pattern must be the same in every process for _kept.py to find it compiled).
        sorted(
            dict.fromkeys(normalize_title(word) for words in PHASE_WORDS.values() for word in words),
            key=len,
            reverse=True,
        )
    )
    + r") ?\d+(?!\d)(?: .*)?"
)

# The opening of such a heading's title as written, up to its name: the word, the number
# (``1``, ``1.2``) and the mark after it (a colon of either width, a full stop, a hyphen or a
# dash), as a format's phase-title pattern takes it before the name (``Phase 1 - Grundlagen``).
PHASE_PREFIX = (
    r"\W*(?i:"
    + "|".join(
        re.escape(word)
        for word in sorted(dict.fromkeys(w for words in PHASE_WORDS.values() for w in words), key=len, reverse=True)
    )
    + r")[ \t]*\d+(?:\.\d+)*(?!\w)[ \t]*(?:[:.\-\u2013\u2014\uff1a][ \t]*)?"
)

# Concept -> language -> labels (casefolded, as written before the colon).
LABELS: Mapping[str, Mapping[str, tuple[str, ...]]] = {
    "branch": {
        "zh-Hans": ("分支", "功能分支"),
        "zh-Hant": ("分支", "功能分支"),
        "ja": ("ブランチ", "機能ブランチ"),
        "ko": ("브랜치", "기능 브랜치"),
        "es": ("rama", "rama de la funcionalidad"),
        "pt": ("branch", "ramo"),
        "de": ("branch", "zweig"),
        "fr": ("branche",),
        "tr": ("dal", "branch"),
    },
    "date": {
        "zh-Hans": ("日期", "创建日期"),
        "zh-Hant": ("日期", "建立日期"),
        "ja": ("日付", "作成日"),
        "ko": ("날짜", "작성일"),
        "es": ("fecha",),
        "pt": ("data",),
        "de": ("datum",),
        "fr": ("date",),
        "tr": ("tarih",),
    },
    "spec": {
        "zh-Hans": ("规范", "规格", "规格说明"),
        "zh-Hant": ("規範", "規格", "規格說明"),
        "ja": ("仕様", "仕様書"),
        "ko": ("스펙", "명세", "사양", "명세서"),
        "es": ("especificación",),
        "pt": ("especificação",),
        "de": ("spezifikation",),
        "fr": ("spécification",),
        "tr": ("şartname", "spesifikasyon"),
    },
    "input": {
        "zh-Hans": ("输入",),
        "zh-Hant": ("輸入",),
        "ja": ("入力",),
        "ko": ("입력",),
        "es": ("entrada",),
        "pt": ("entrada",),
        "de": ("eingabe",),
        "fr": ("entrée",),
        "tr": ("girdi",),
    },
    "structure_decision": {
        "zh-Hans": ("结构决策", "结构决定"),
        "zh-Hant": ("結構決策", "結構決定"),
        "ja": ("構成の決定", "構造の決定", "構成決定"),
        "ko": ("구조 결정",),
        "es": ("decisión de estructura",),
        "pt": ("decisão de estrutura", "decisão da estrutura"),
        "de": ("strukturentscheidung",),
        "fr": ("décision de structure",),
        "tr": ("yapı kararı",),
    },
    # A plan's header labels (``**Issue:**``, ``**Status:**``, ``**Created:**``), as the formats'
    # headers have them; a format's own table says which of its fields each one fills.
    "issue": {
        "zh-Hans": ("问题", "议题", "工单"),
        "zh-Hant": ("問題", "議題", "工單"),
        "ja": ("課題", "イシュー", "チケット"),
        "ko": ("이슈", "과제", "티켓"),
        "es": ("incidencia", "issue", "ticket"),
        "pt": ("issue", "chamado", "tíquete"),
        "de": ("issue", "ticket", "vorgang"),
        "fr": ("ticket", "issue", "problème"),
        "tr": ("sorun", "konu", "issue"),
    },
    "status": {
        "zh-Hans": ("状态",),
        "zh-Hant": ("狀態",),
        "ja": ("ステータス", "状態"),
        "ko": ("상태",),
        "es": ("estado",),
        "pt": ("status", "situação", "estado"),
        "de": ("status", "zustand"),
        "fr": ("statut", "état"),
        "tr": ("durum",),
    },
    "created": {
        "zh-Hans": ("创建", "创建于", "创建时间", "创建日期"),
        "zh-Hant": ("建立", "建立於", "建立日期", "建立時間", "創建日期"),
        "ja": ("作成", "作成日", "作成日時"),
        "ko": ("생성", "생성일", "작성일"),
        "es": ("creado", "creación", "fecha de creación"),
        "pt": ("criado", "criado em", "criação", "data de criação"),
        "de": ("erstellt", "erstellt am", "erstellungsdatum"),
        "fr": ("créé", "créé le", "création", "date de création"),
        "tr": ("oluşturulma", "oluşturulma tarihi", "oluşturma tarihi"),
    },
    "last_updated": {
        "zh-Hans": ("最后更新", "更新", "更新于", "更新日期"),
        "zh-Hant": ("最後更新", "更新", "更新於", "更新日期"),
        "ja": ("最終更新", "最終更新日", "更新日"),
        "ko": ("최종 업데이트", "마지막 업데이트", "수정일", "최종 수정일"),
        "es": ("última actualización", "actualizado"),
        "pt": ("última atualização", "atualizado em", "atualizado"),
        "de": ("zuletzt aktualisiert", "letzte aktualisierung", "aktualisiert"),
        "fr": ("dernière mise à jour", "mis à jour le", "mis à jour"),
        "tr": ("son güncelleme", "güncellendi", "güncelleme tarihi"),
    },
    "generated": {
        "zh-Hans": ("生成时间", "生成日期", "生成于"),
        "zh-Hant": ("產生時間", "產生日期", "生成日期"),
        "ja": ("生成日", "生成日時"),
        "ko": ("생성 일시", "생성 날짜"),
        "es": ("generado", "generado el"),
        "pt": ("gerado", "gerado em"),
        "de": ("generiert", "generiert am", "erzeugt"),
        "fr": ("généré", "généré le"),
        "tr": ("üretildi", "üretilme tarihi"),
    },
    "author": {
        "zh-Hans": ("作者", "负责人"),
        "zh-Hant": ("作者", "負責人"),
        "ja": ("作成者", "著者", "担当者"),
        "ko": ("작성자", "저자", "담당자"),
        "es": ("autor", "responsable"),
        "pt": ("autor", "responsável"),
        "de": ("autor", "verfasser", "verantwortlich"),
        "fr": ("auteur", "responsable"),
        "tr": ("yazar", "sorumlu"),
    },
    "version": {
        "zh-Hans": ("版本",),
        "zh-Hant": ("版本",),
        "ja": ("バージョン", "版"),
        "ko": ("버전",),
        "es": ("versión",),
        "pt": ("versão",),
        "de": ("version",),
        "fr": ("version",),
        "tr": ("sürüm", "versiyon"),
    },
    "spec_version": {
        "zh-Hans": ("规范版本", "规格版本"),
        "zh-Hant": ("規範版本", "規格版本"),
        "ja": ("仕様バージョン", "仕様書バージョン"),
        "ko": ("스펙 버전", "명세 버전"),
        "es": ("versión de la especificación", "versión de especificación"),
        "pt": ("versão da especificação", "versão da spec"),
        "de": ("spezifikationsversion", "spec-version"),
        "fr": ("version de la spécification",),
        "tr": ("şartname sürümü", "spesifikasyon sürümü"),
    },
    "plan_version": {
        "zh-Hans": ("计划版本",),
        "zh-Hant": ("計畫版本", "計劃版本"),
        "ja": ("計画バージョン",),
        "ko": ("계획 버전",),
        "es": ("versión del plan",),
        "pt": ("versão do plano",),
        "de": ("planversion", "plan-version"),
        "fr": ("version du plan",),
        "tr": ("plan sürümü",),
    },
    "feature_id": {
        "zh-Hans": ("功能 id", "功能id", "功能编号", "特性 id"),
        "zh-Hant": ("功能 id", "功能id", "功能編號", "特性 id"),
        "ja": ("機能 id", "機能id", "機能番号"),
        "ko": ("기능 id", "기능id", "기능 번호"),
        "es": ("id de la funcionalidad", "id de funcionalidad", "id de la función"),
        "pt": ("id da funcionalidade", "id do recurso", "id da feature"),
        "de": ("feature-id", "funktions-id", "merkmal-id"),
        "fr": ("id de la fonctionnalité", "id de fonctionnalité", "identifiant de la fonctionnalité"),
        "tr": ("özellik id", "özellik kimliği", "özellik no"),
    },
    "spec_id": {
        "zh-Hans": ("规范 id", "规范id", "规格 id", "规范编号"),
        "zh-Hant": ("規範 id", "規格 id", "規格id", "規格編號"),
        "ja": ("仕様 id", "仕様id", "仕様番号"),
        "ko": ("스펙 id", "명세 id", "명세 번호"),
        "es": ("id de la especificación", "id de especificación"),
        "pt": ("id da especificação", "id da spec"),
        "de": ("spezifikations-id", "spec-id"),
        "fr": ("id de la spécification", "identifiant de la spécification"),
        "tr": ("şartname id", "spesifikasyon id", "şartname kimliği"),
    },
    "priority": {
        "zh-Hans": ("优先级",),
        "zh-Hant": ("優先級", "優先順序"),
        "ja": ("優先度", "優先順位"),
        "ko": ("우선순위",),
        "es": ("prioridad",),
        "pt": ("prioridade",),
        "de": ("priorität",),
        "fr": ("priorité",),
        "tr": ("öncelik",),
    },
    # A phase's and a step's labels (``**Estimated Time:**``, ``- **Goal:**``, ``**Files:**``).
    "estimate": {
        "zh-Hans": ("预计时间", "预估时间", "工期", "时长"),
        "zh-Hant": ("預計時間", "預估時間", "工期", "時長"),
        "ja": ("見積もり時間", "見積時間", "所要時間", "期間"),
        "ko": ("예상 시간", "소요 시간", "기간"),
        "es": ("tiempo estimado", "duración", "estimación"),
        "pt": ("tempo estimado", "duração", "estimativa"),
        "de": ("geschätzte zeit", "dauer", "aufwand"),
        "fr": ("temps estimé", "durée", "estimation"),
        "tr": ("tahmini süre", "süre"),
    },
    "goal": {
        "zh-Hans": ("目标", "目的"),
        "zh-Hant": ("目標", "目的"),
        "ja": ("目標", "目的", "ゴール"),
        "ko": ("목표", "목적"),
        "es": ("objetivo", "propósito"),
        "pt": ("objetivo", "propósito"),
        "de": ("ziel", "zweck"),
        "fr": ("objectif", "but"),
        "tr": ("hedef", "amaç"),
    },
    "checkpoint": {
        "zh-Hans": ("检查点",),
        "zh-Hant": ("檢查點",),
        "ja": ("チェックポイント",),
        "ko": ("체크포인트", "검증 지점"),
        "es": ("punto de control",),
        "pt": ("ponto de verificação", "checkpoint"),
        "de": ("checkpoint", "prüfpunkt", "kontrollpunkt"),
        "fr": ("point de contrôle",),
        "tr": ("kontrol noktası",),
    },
    "files": {
        "zh-Hans": ("文件", "涉及文件"),
        "zh-Hant": ("檔案", "相關檔案"),
        "ja": ("ファイル", "対象ファイル"),
        "ko": ("파일", "대상 파일"),
        "es": ("archivos", "ficheros"),
        "pt": ("arquivos", "ficheiros"),
        "de": ("dateien",),
        "fr": ("fichiers",),
        "tr": ("dosyalar", "dosya"),
    },
    # The same words as the heading (``**Tasks:**`` over a list, ``## Tasks``).
    "tasks": HEADINGS["tasks"],
    "notes": {
        "zh-Hans": ("备注", "说明", "注意事项"),
        "zh-Hant": ("備註", "說明", "注意事項"),
        "ja": ("備考", "メモ", "注記"),
        "ko": ("비고", "참고", "메모"),
        "es": ("notas",),
        "pt": ("notas", "observações"),
        "de": ("notizen", "hinweise", "anmerkungen"),
        "fr": ("notes", "remarques"),
        "tr": ("notlar",),
    },
    "dependencies": {
        "zh-Hans": ("依赖", "依赖项", "前置依赖"),
        "zh-Hant": ("依賴", "依賴項", "相依性"),
        "ja": ("依存関係", "依存"),
        "ko": ("의존성", "종속성", "선행 조건"),
        "es": ("dependencias",),
        "pt": ("dependências",),
        "de": ("abhängigkeiten",),
        "fr": ("dépendances",),
        "tr": ("bağımlılıklar",),
    },
    "deliverable": {
        "zh-Hans": ("交付物", "交付成果"),
        "zh-Hant": ("交付物", "交付成果"),
        "ja": ("成果物",),
        "ko": ("산출물", "결과물"),
        "es": ("entregable", "entregables"),
        "pt": ("entregável", "entregáveis"),
        "de": ("liefergegenstand", "ergebnis"),
        "fr": ("livrable", "livrables"),
        "tr": ("teslimat", "çıktı"),
    },
    # A technical decision's labels (``- **Context:**``, ``- **Options Considered:**``); "decision" is
    # its heading's word too (``### 决策 1: ...``).
    "decision": {
        "zh-Hans": ("决策", "决定"),
        "zh-Hant": ("決策", "決定"),
        "ja": ("決定", "決定事項"),
        "ko": ("결정",),
        "es": ("decisión",),
        "pt": ("decisão",),
        "de": ("entscheidung",),
        "fr": ("décision",),
        "tr": ("karar",),
    },
    "context": {
        "zh-Hans": ("背景", "上下文"),
        "zh-Hant": ("背景", "脈絡"),
        "ja": ("背景", "コンテキスト"),
        "ko": ("배경", "맥락"),
        "es": ("contexto",),
        "pt": ("contexto",),
        "de": ("kontext", "hintergrund"),
        "fr": ("contexte",),
        "tr": ("bağlam",),
    },
    "options": {
        "zh-Hans": ("考虑的方案", "备选方案", "可选方案"),
        "zh-Hant": ("考慮的方案", "備選方案", "可選方案"),
        "ja": ("検討した選択肢", "検討した案", "選択肢"),
        "ko": ("검토한 옵션", "고려한 옵션", "대안"),
        "es": ("opciones consideradas", "opciones"),
        "pt": ("opções consideradas", "opções"),
        "de": ("erwogene optionen", "betrachtete optionen", "optionen"),
        "fr": ("options envisagées", "options considérées", "options"),
        "tr": ("değerlendirilen seçenekler", "seçenekler"),
    },
    "rationale": {
        "zh-Hans": ("理由", "依据"),
        "zh-Hant": ("理由", "依據"),
        "ja": ("理由", "根拠"),
        "ko": ("근거", "이유"),
        "es": ("justificación", "razonamiento"),
        "pt": ("justificativa", "fundamentação"),
        "de": ("begründung",),
        "fr": ("justification",),
        "tr": ("gerekçe",),
    },
    "activities": {
        "zh-Hans": ("活动", "工作内容"),
        "zh-Hant": ("活動", "工作內容"),
        "ja": ("作業内容", "アクティビティ"),
        "ko": ("활동", "작업 내용"),
        "es": ("actividades",),
        "pt": ("atividades",),
        "de": ("aktivitäten", "tätigkeiten"),
        "fr": ("activités",),
        "tr": ("faaliyetler", "etkinlikler"),
    },
    # maestro's block titles (``#### Component: ...``, ``#### Entity: ...``) and block labels.
    "component": {
        "zh-Hans": ("组件",),
        "zh-Hant": ("元件", "組件"),
        "ja": ("コンポーネント",),
        "ko": ("컴포넌트",),
        "es": ("componente",),
        "pt": ("componente",),
        "de": ("komponente",),
        "fr": ("composant",),
        "tr": ("bileşen",),
    },
    "entity": {
        "zh-Hans": ("实体",),
        "zh-Hant": ("實體",),
        "ja": ("エンティティ",),
        "ko": ("엔티티",),
        "es": ("entidad",),
        "pt": ("entidade",),
        "de": ("entität",),
        "fr": ("entité",),
        "tr": ("varlık",),
    },
    "purpose": {
        "zh-Hans": ("用途", "职责"),
        "zh-Hant": ("用途", "職責"),
        "ja": ("役割", "責務", "目的"),
        "ko": ("역할", "목적", "책임"),
        "es": ("propósito", "responsabilidad"),
        "pt": ("propósito", "responsabilidade"),
        "de": ("zweck", "verantwortung"),
        "fr": ("rôle", "responsabilité", "but"),
        "tr": ("amaç", "sorumluluk"),
    },
    "location": {
        "zh-Hans": ("位置", "文件路径", "路径"),
        "zh-Hant": ("位置", "檔案路徑", "路徑"),
        "ja": ("場所", "ファイルパス", "パス"),
        "ko": ("위치", "파일 경로", "경로"),
        "es": ("ubicación", "ruta"),
        "pt": ("localização", "caminho"),
        "de": ("ort", "pfad", "speicherort"),
        "fr": ("emplacement", "chemin"),
        "tr": ("konum", "dosya yolu", "yol"),
    },
    "dependents": {
        "zh-Hans": ("被依赖方", "使用方"),
        "zh-Hant": ("被依賴方", "使用方"),
        "ja": ("依存元", "利用元"),
        "ko": ("사용처", "의존 대상"),
        "es": ("dependientes", "usado por"),
        "pt": ("dependentes", "usado por"),
        "de": ("abhängige", "verwendet von"),
        "fr": ("dépendants", "utilisé par"),
        "tr": ("bağımlı olanlar", "kullananlar"),
    },
    "current": {
        "zh-Hans": ("当前", "现状"),
        "zh-Hant": ("目前", "現況"),
        "ja": ("現状", "現在"),
        "ko": ("현재", "현재 상태"),
        "es": ("actual", "estado actual"),
        "pt": ("atual", "estado atual"),
        "de": ("aktuell", "ist-zustand"),
        "fr": ("actuel", "état actuel"),
        "tr": ("mevcut", "mevcut durum"),
    },
    "change": {
        "zh-Hans": ("变更", "改动"),
        "zh-Hant": ("變更", "改動"),
        "ja": ("変更", "変更内容"),
        "ko": ("변경", "변경 사항"),
        "es": ("cambio", "cambios"),
        "pt": ("mudança", "alteração"),
        "de": ("änderung",),
        "fr": ("changement", "modification"),
        "tr": ("değişiklik",),
    },
    "current_fields": {
        "zh-Hans": ("当前字段", "现有字段"),
        "zh-Hant": ("目前欄位", "現有欄位"),
        "ja": ("現在のフィールド", "既存フィールド"),
        "ko": ("현재 필드", "기존 필드"),
        "es": ("campos actuales",),
        "pt": ("campos atuais",),
        "de": ("aktuelle felder", "bestehende felder"),
        "fr": ("champs actuels",),
        "tr": ("mevcut alanlar",),
    },
    "new_fields": {
        "zh-Hans": ("新字段", "新增字段"),
        "zh-Hant": ("新欄位", "新增欄位"),
        "ja": ("新しいフィールド", "追加フィールド"),
        "ko": ("새 필드", "신규 필드"),
        "es": ("campos nuevos", "nuevos campos"),
        "pt": ("novos campos", "campos novos"),
        "de": ("neue felder",),
        "fr": ("nouveaux champs",),
        "tr": ("yeni alanlar",),
    },
    "migration_notes": {
        "zh-Hans": ("迁移说明", "迁移注意事项"),
        "zh-Hant": ("遷移說明", "遷移注意事項"),
        "ja": ("移行メモ", "移行に関する注意"),
        "ko": ("마이그레이션 참고", "마이그레이션 노트"),
        "es": ("notas de migración",),
        "pt": ("notas de migração",),
        "de": ("migrationshinweise",),
        "fr": ("notes de migration",),
        "tr": ("taşıma notları", "geçiş notları"),
    },
    # Spec Kit rapid's groups of file changes (``**New files:**``, ``**Modified files:**``).
    "new_files": {
        "zh-Hans": ("新文件", "新增文件"),
        "zh-Hant": ("新檔案", "新增檔案"),
        "ja": ("新規ファイル", "新しいファイル"),
        "ko": ("새 파일", "신규 파일"),
        "es": ("archivos nuevos", "nuevos archivos"),
        "pt": ("novos arquivos", "arquivos novos"),
        "de": ("neue dateien",),
        "fr": ("nouveaux fichiers",),
        "tr": ("yeni dosyalar",),
    },
    "modified_files": {
        "zh-Hans": ("修改的文件", "修改文件", "变更文件"),
        "zh-Hant": ("修改的檔案", "修改檔案", "變更檔案"),
        "ja": ("変更ファイル", "変更するファイル"),
        "ko": ("수정 파일", "수정된 파일", "변경 파일"),
        "es": ("archivos modificados",),
        "pt": ("arquivos modificados", "arquivos alterados"),
        "de": ("geänderte dateien",),
        "fr": ("fichiers modifiés",),
        "tr": ("değiştirilen dosyalar", "değişen dosyalar"),
    },
    # A bold label line standing for the Complexity Tracking section.
    "complexity": {
        "zh-Hans": ("复杂度跟踪", "复杂度追踪", "复杂性追踪", "复杂性跟踪"),
        "zh-Hant": ("複雜度追蹤", "複雜性追蹤"),
        "ja": ("複雑性トラッキング", "複雑性の追跡"),
        "ko": ("복잡성 추적", "복잡도 추적"),
        "es": ("seguimiento de complejidad", "seguimiento de la complejidad"),
        "pt": ("rastreamento de complexidade", "acompanhamento de complexidade"),
        "de": ("komplexitätsverfolgung",),
        "fr": ("suivi de la complexité", "suivi de complexité"),
        "tr": ("karmaşıklık takibi",),
    },
    # A risk block's labels (``**Risk**: ...``, ``**Probability**: ...``).
    "risk": {
        "zh-Hans": ("风险",),
        "zh-Hant": ("風險",),
        "ja": ("リスク",),
        "ko": ("위험", "리스크"),
        "es": ("riesgo",),
        "pt": ("risco",),
        "de": ("risiko",),
        "fr": ("risque",),
        "tr": ("risk",),
    },
    "probability": {
        "zh-Hans": ("概率", "可能性"),
        "zh-Hant": ("機率", "可能性"),
        "ja": ("発生確率", "確率", "可能性"),
        "ko": ("확률", "가능성"),
        "es": ("probabilidad",),
        "pt": ("probabilidade",),
        "de": ("wahrscheinlichkeit",),
        "fr": ("probabilité",),
        "tr": ("olasılık",),
    },
    "impact": {
        "zh-Hans": ("影响",),
        "zh-Hant": ("影響",),
        "ja": ("影響", "影響度"),
        "ko": ("영향", "영향도"),
        "es": ("impacto",),
        "pt": ("impacto",),
        "de": ("auswirkung",),
        "fr": ("impact",),
        "tr": ("etki",),
    },
    "mitigation": {
        "zh-Hans": ("缓解措施", "缓解"),
        "zh-Hant": ("緩解措施", "緩解"),
        "ja": ("緩和策", "対策"),
        "ko": ("완화", "완화 방안", "대응 방안"),
        "es": ("mitigación",),
        "pt": ("mitigação",),
        "de": ("gegenmaßnahme", "minderung"),
        "fr": ("atténuation",),
        "tr": ("önlem", "azaltma"),
    },
    # Table columns: aadt's components, dependencies, timeline and progress log.
    # (German and French write "Phase" and "Description" as English does: the formats' English words read them,
    # and a word here is the template's in translation, so an English plan's stays its own.)
    "phase": {
        "zh-Hans": ("阶段",),
        "zh-Hant": ("階段",),
        "ja": ("フェーズ",),
        "ko": ("단계",),
        "es": ("fase",),
        "pt": ("fase",),
        "tr": ("faz", "aşama"),
    },
    "description": {
        "zh-Hans": ("描述", "说明"),
        "zh-Hant": ("描述", "說明"),
        "ja": ("説明",),
        "ko": ("설명",),
        "es": ("descripción",),
        "pt": ("descrição",),
        "de": ("beschreibung",),
        "tr": ("açıklama",),
    },
    "dependency": {
        "zh-Hans": ("依赖",),
        "zh-Hant": ("依賴", "相依套件"),
        "ja": ("依存関係", "パッケージ"),
        "ko": ("의존성", "종속성"),
        "es": ("dependencia",),
        "pt": ("dependência",),
        "de": ("abhängigkeit",),
        "fr": ("dépendance",),
        "tr": ("bağımlılık",),
    },
    "start_date": {
        "zh-Hans": ("开始日期", "开始"),
        "zh-Hant": ("開始日期", "開始"),
        "ja": ("開始日",),
        "ko": ("시작일", "시작 날짜"),
        "es": ("fecha de inicio", "inicio"),
        "pt": ("data de início", "início"),
        "de": ("startdatum", "beginn"),
        "fr": ("date de début", "début"),
        "tr": ("başlangıç tarihi", "başlangıç"),
    },
    "end_date": {
        "zh-Hans": ("结束日期", "结束"),
        "zh-Hant": ("結束日期", "結束"),
        "ja": ("終了日",),
        "ko": ("종료일", "종료 날짜"),
        "es": ("fecha de fin", "fin"),
        "pt": ("data de término", "término"),
        "de": ("enddatum", "ende"),
        "fr": ("date de fin", "fin"),
        "tr": ("bitiş tarihi", "bitiş"),
    },
    "update": {
        "zh-Hans": ("更新", "进展"),
        "zh-Hant": ("更新", "進展"),
        "ja": ("更新内容", "更新"),
        "ko": ("업데이트", "변경 내용"),
        "es": ("actualización",),
        "pt": ("atualização",),
        "de": ("aktualisierung",),
        "fr": ("mise à jour",),
        "tr": ("güncelleme",),
    },
    # SmartSpec's endpoint table columns.
    "method": {
        "zh-Hans": ("方法",),
        "zh-Hant": ("方法",),
        "ja": ("メソッド",),
        "ko": ("메서드",),
        "es": ("método",),
        "pt": ("método",),
        "de": ("methode",),
        "fr": ("méthode",),
        "tr": ("yöntem", "metot"),
    },
    "path": {
        "zh-Hans": ("路径",),
        "zh-Hant": ("路徑",),
        "ja": ("パス",),
        "ko": ("경로",),
        "es": ("ruta",),
        "pt": ("caminho", "rota"),
        "de": ("pfad",),
        "fr": ("chemin",),
        "tr": ("yol",),
    },
    "auth": {
        "zh-Hans": ("认证", "鉴权"),
        "zh-Hant": ("認證", "驗證"),
        "ja": ("認証",),
        "ko": ("인증",),
        "es": ("autenticación",),
        "pt": ("autenticação",),
        "de": ("authentifizierung",),
        "fr": ("authentification",),
        "tr": ("kimlik doğrulama",),
    },
    # maestro's endpoint and component labels.
    "output": {
        "zh-Hans": ("输出", "响应"),
        "zh-Hant": ("輸出", "回應"),
        "ja": ("出力", "レスポンス"),
        "ko": ("출력", "응답"),
        "es": ("salida", "respuesta"),
        "pt": ("saída", "resposta"),
        "de": ("ausgabe", "antwort"),
        "fr": ("sortie", "réponse"),
        "tr": ("çıktı", "yanıt"),
    },
    "errors": {
        "zh-Hans": ("错误",),
        "zh-Hant": ("錯誤",),
        "ja": ("エラー",),
        "ko": ("오류", "에러"),
        "es": ("errores",),
        "pt": ("erros",),
        "de": ("fehler",),
        "fr": ("erreurs",),
        "tr": ("hatalar",),
    },
    "current_behavior": {
        "zh-Hans": ("当前行为",),
        "zh-Hant": ("目前行為",),
        "ja": ("現在の動作",),
        "ko": ("현재 동작",),
        "es": ("comportamiento actual",),
        "pt": ("comportamento atual",),
        "de": ("aktuelles verhalten",),
        "fr": ("comportement actuel",),
        "tr": ("mevcut davranış",),
    },
    "new_behavior": {
        "zh-Hans": ("新行为",),
        "zh-Hant": ("新行為",),
        "ja": ("新しい動作",),
        "ko": ("새 동작",),
        "es": ("comportamiento nuevo", "nuevo comportamiento"),
        "pt": ("novo comportamento",),
        "de": ("neues verhalten",),
        "fr": ("nouveau comportement",),
        "tr": ("yeni davranış",),
    },
    "breaking": {
        "zh-Hans": ("破坏性变更", "不兼容变更"),
        "zh-Hant": ("破壞性變更", "不相容變更"),
        "ja": ("破壊的変更",),
        "ko": ("호환성 깨짐", "주요 변경"),
        "es": ("cambio incompatible",),
        "pt": ("alteração incompatível",),
        "de": ("inkompatible änderung",),
        "fr": ("changement incompatible",),
        "tr": ("uyumsuz değişiklik",),
    },
    # An API example's parts (SmartSpec's ``**Request:**`` and ``**Response:**``).
    "request": {
        "zh-Hans": ("请求",),
        "zh-Hant": ("請求",),
        "ja": ("リクエスト",),
        "ko": ("요청",),
        "es": ("solicitud", "petición"),
        "pt": ("requisição", "solicitação"),
        "de": ("anfrage",),
        "fr": ("requête",),
        "tr": ("istek",),
    },
    "response": {
        "zh-Hans": ("响应",),
        "zh-Hant": ("回應", "響應"),
        "ja": ("レスポンス",),
        "ko": ("응답",),
        "es": ("respuesta",),
        "pt": ("resposta",),
        "de": ("antwort",),
        "fr": ("réponse",),
        "tr": ("yanıt", "cevap"),
    },
    "technology": {
        "zh-Hans": ("技术",),
        "zh-Hant": ("技術",),
        "ja": ("技術",),
        "ko": ("기술",),
        "es": ("tecnología",),
        "pt": ("tecnologia",),
        "de": ("technologie",),
        "fr": ("technologie",),
        "tr": ("teknoloji",),
    },
    "change_type": {
        "zh-Hans": ("变更类型",),
        "zh-Hant": ("變更類型",),
        "ja": ("変更種別", "変更の種類"),
        "ko": ("변경 유형",),
        "es": ("tipo de cambio",),
        "pt": ("tipo de alteração",),
        "de": ("änderungsart",),
        "fr": ("type de changement",),
        "tr": ("değişiklik türü",),
    },
    # Kiro's requirement: its ``**User Story:**`` label and the word its heading opens with (``### 需求 1``).
    "user_story": {
        "zh-Hans": ("用户故事",),
        "zh-Hant": ("使用者故事", "用戶故事"),
        "ja": ("ユーザーストーリー",),
        "ko": ("사용자 스토리",),
        "es": ("historia de usuario",),
        "pt": ("história de usuário", "história do usuário"),
        "de": ("benutzergeschichte", "anwendergeschichte"),
        "fr": ("récit utilisateur", "histoire utilisateur"),
        "tr": ("kullanıcı hikayesi", "kullanıcı hikâyesi"),
    },
    "requirement": {
        "zh-Hans": ("需求",),
        "zh-Hant": ("需求",),
        "ja": ("要件",),
        "ko": ("요구사항",),
        "es": ("requisito",),
        "pt": ("requisito",),
        "de": ("anforderung",),
        "fr": ("exigence",),
        "tr": ("gereksinim",),
    },
    # A Spec Kit data-model.md entity's ``**Fields**:`` and ``**Schema**:`` labels, and its fields table's
    # first column (``| Field | Type |``).
    "fields": {
        "zh-Hans": ("字段", "字段定义", "属性"),
        "zh-Hant": ("欄位", "欄位定義", "屬性"),
        "ja": ("フィールド", "属性", "プロパティ"),
        "ko": ("필드", "속성"),
        "es": ("campos", "propiedades", "atributos"),
        "pt": ("campos", "propriedades", "atributos"),
        "de": ("felder", "eigenschaften"),
        "fr": ("champs", "propriétés", "attributs"),
        "tr": ("alanlar", "özellikler"),
    },
    "schema": {
        "zh-Hans": ("模式", "接口"),
        "zh-Hant": ("模式", "介面"),
        "ja": ("スキーマ", "インターフェース"),
        "ko": ("스키마", "인터페이스"),
        "es": ("esquema", "interfaz"),
        "pt": ("esquema",),
        "de": ("schnittstelle",),
        "fr": ("schéma",),
        "tr": ("şema", "arayüz"),
    },
    "field": {
        "zh-Hans": ("字段",),
        "zh-Hant": ("欄位",),
        "ja": ("フィールド",),
        "ko": ("필드",),
        "es": ("campo",),
        "pt": ("campo",),
        "de": ("feld",),
        "fr": ("champ",),
        "tr": ("alan",),
    },
    # A Spec Kit research.md decision's ``**Alternatives considered**:``.
    "alternatives": {
        "zh-Hans": ("考虑的替代方案", "替代方案"),
        "zh-Hant": ("考慮的替代方案", "替代方案"),
        "ja": ("検討した代替案", "代替案"),
        "ko": ("고려한 대안", "검토한 대안"),
        "es": ("alternativas consideradas", "alternativas"),
        "pt": ("alternativas consideradas", "alternativas"),
        "de": ("erwogene alternativen", "betrachtete alternativen", "alternativen"),
        "fr": ("alternatives envisagées", "alternatives considérées"),
        "tr": ("değerlendirilen alternatifler", "alternatifler"),
    },
    # A Spec Kit user story's labels (spec.md): ``**Why this priority**:``, ``**Independent Test**:``,
    # ``**Acceptance Scenarios**:``.
    "why_this_priority": {
        "zh-Hans": ("为什么是这个优先级", "优先级理由"),
        "zh-Hant": ("為什麼是這個優先級", "優先級理由"),
        "ja": ("この優先度の理由", "優先度の理由"),
        "ko": ("이 우선순위인 이유", "우선순위 이유"),
        "es": ("por qué esta prioridad",),
        "pt": ("por que esta prioridade", "por que essa prioridade"),
        "de": ("warum diese priorität",),
        "fr": ("pourquoi cette priorité",),
        "tr": ("neden bu öncelik", "öncelik gerekçesi"),
    },
    "independent_test": {
        "zh-Hans": ("独立测试",),
        "zh-Hant": ("獨立測試",),
        "ja": ("独立テスト",),
        "ko": ("독립 테스트",),
        "es": ("prueba independiente",),
        "pt": ("teste independente",),
        "de": ("unabhängiger test",),
        "fr": ("test indépendant",),
        "tr": ("bağımsız test",),
    },
    "acceptance_scenarios": {
        "zh-Hans": ("验收场景", "验收标准"),
        "zh-Hant": ("驗收情境", "驗收場景", "驗收標準"),
        "ja": ("受け入れシナリオ", "受け入れ基準"),
        "ko": ("인수 시나리오", "수용 시나리오", "인수 기준"),
        "es": ("escenarios de aceptación", "criterios de aceptación"),
        "pt": ("cenários de aceitação", "critérios de aceitação"),
        "de": ("akzeptanzszenarien", "akzeptanzkriterien"),
        "fr": ("scénarios d'acceptation", "critères d'acceptation"),
        "tr": ("kabul senaryoları", "kabul kriterleri"),
    },
}

# The template's own title prefix, "Implementation Plan", by language (a
# colon, ASCII or full-width, follows it).
# A technology stack's labels (Spec Kit's Technical Context, SpecPulse's Technology Stack) in translation:
# the English template label (casefolded) -> language -> labels (casefolded). Apart from ``LABELS``: these are
# the author's answers, not a template's header labels (``translated_label`` stays false for them). A word that
# is English too (German and French ``Tests``) is left out: it would make an English plan's label a translation.
STACK_WORDS: Mapping[str, Mapping[str, tuple[str, ...]]] = {
    "language/version": {
        "zh-Hans": ("语言/版本", "语言", "编程语言", "开发语言"),
        "zh-Hant": ("語言/版本", "語言", "程式語言", "開發語言", "使用語言/版本"),
        "ja": ("言語/バージョン", "言語", "プログラミング言語"),
        "ko": ("언어/버전", "언어", "프로그래밍 언어"),
        "es": ("lenguaje/versión", "lenguaje", "idioma/versión"),
        "pt": ("linguagem/versão", "linguagem"),
        "de": ("sprache/version", "programmiersprache", "sprache"),
        "fr": ("langage/version", "langage", "langue/version"),
        "tr": ("dil/sürüm", "dil/versiyon", "programlama dili"),
    },
    "primary dependencies": {
        "zh-Hans": ("主要依赖", "主要依赖项", "核心依赖"),
        "zh-Hant": ("主要依賴", "主要相依性", "主要依賴項", "核心依賴"),
        "ja": ("主要な依存関係", "主な依存関係", "主要依存関係"),
        "ko": ("주요 의존성", "주요 종속성"),
        "es": ("dependencias principales",),
        "pt": ("dependências principais",),
        "de": ("hauptabhängigkeiten", "wichtigste abhängigkeiten"),
        "fr": ("dépendances principales",),
        "tr": ("birincil bağımlılıklar", "temel bağımlılıklar"),
    },
    "storage": {
        "zh-Hans": ("存储", "数据库", "数据存储"),
        "zh-Hant": ("儲存", "存儲", "資料庫", "數據庫", "資料儲存"),
        "ja": ("ストレージ", "データベース", "データストア"),
        "ko": ("저장소", "스토리지", "데이터베이스"),
        "es": ("almacenamiento", "base de datos"),
        "pt": ("armazenamento", "banco de dados"),
        "de": ("speicher", "speicherung", "datenbank"),
        "fr": ("stockage", "base de données"),
        "tr": ("depolama", "veritabanı"),
    },
    "testing": {
        "zh-Hans": ("测试", "测试框架", "测试环境"),
        "zh-Hant": ("測試", "測試框架", "測試環境"),
        "ja": ("テスト", "テストフレームワーク"),
        "ko": ("테스트", "테스트 프레임워크"),
        "es": ("pruebas",),
        "pt": ("testes",),
        "de": ("testen",),
        "fr": ("essais",),
        "tr": ("testler", "test etme"),
    },
    "target platform": {
        "zh-Hans": ("目标平台",),
        "zh-Hant": ("目標平台", "開發平台"),
        "ja": ("対象プラットフォーム", "ターゲットプラットフォーム"),
        "ko": ("대상 플랫폼",),
        "es": ("plataforma objetivo", "plataforma de destino"),
        "pt": ("plataforma alvo", "plataforma-alvo"),
        "de": ("zielplattform",),
        "fr": ("plateforme cible",),
        "tr": ("hedef platform",),
    },
    "project type": {
        "zh-Hans": ("项目类型",),
        "zh-Hant": ("專案類型", "項目類型"),
        "ja": ("プロジェクトタイプ", "プロジェクト種別"),
        "ko": ("프로젝트 유형",),
        "es": ("tipo de proyecto",),
        "pt": ("tipo de projeto",),
        "de": ("projekttyp", "projektart"),
        "fr": ("type de projet",),
        "tr": ("proje türü", "proje tipi"),
    },
    "performance goals": {
        "zh-Hans": ("性能目标",),
        "zh-Hant": ("效能目標", "性能目標"),
        "ja": ("パフォーマンス目標", "性能目標"),
        "ko": ("성능 목표",),
        "es": ("objetivos de rendimiento",),
        "pt": ("metas de desempenho", "objetivos de desempenho"),
        "de": ("leistungsziele", "performance-ziele"),
        "fr": ("objectifs de performance",),
        "tr": ("performans hedefleri",),
    },
    "constraints": {
        "zh-Hans": ("约束", "约束条件", "限制", "技术约束"),
        "zh-Hant": ("約束", "約束條件", "限制", "技術約束"),
        "ja": ("制約", "制約条件"),
        "ko": ("제약", "제약 조건", "제약사항"),
        "es": ("restricciones",),
        "pt": ("restrições",),
        "de": ("einschränkungen", "randbedingungen"),
        "fr": ("contraintes",),
        "tr": ("kısıtlamalar", "kısıtlar"),
    },
    "scale/scope": {
        "zh-Hans": ("规模/范围",),
        "zh-Hant": ("規模/範圍", "實作規模/範圍"),
        "ja": ("規模/スコープ", "規模/範囲"),
        "ko": ("규모/범위",),
        "es": ("escala/alcance",),
        "pt": ("escala/escopo",),
        "de": ("umfang/skalierung", "skalierung/umfang"),
        "fr": ("échelle/portée",),
        "tr": ("ölçek/kapsam",),
    },
}


def stack_key(label: str) -> str:
    """The stack label ``label`` (as written, a colon after it or not) stands for: the English template label
    (casefolded) a translation of ``STACK_WORDS`` means, else ``label`` casefolded. Two labels with one key
    are one entry (a translated label answers the template's).

    >>> stack_key("语言/版本"), stack_key("Armazenamento\uff1a"), stack_key("Api")
    ('language/version', 'storage', 'api')
    """
    # A full-width slash (U+FF0F, as in a Chinese label) is the slash.
    folded = label.strip().rstrip(":\uff1a").strip().casefold().replace("\uff0f", "/")
    return _stack_keys().get(folded, folded)


@functools.cache
def _stack_keys() -> Mapping[str, str]:
    return {word.casefold(): english for english, table in STACK_WORDS.items() for word in _words(table)}


TITLE_PREFIXES = {
    "zh-Hans": ("实现计划", "实施计划", "实施方案", "实现方案"),
    "zh-Hant": ("實作計畫", "實作計劃", "實施計畫", "實施計劃", "實現計劃"),
    "ja": ("実装計画",),
    "ko": ("구현 계획",),
    "es": ("plan de implementación",),
    "pt": ("plano de implementação",),
    "de": ("implementierungsplan", "umsetzungsplan"),
    "fr": ("plan d'implémentation", "plan de mise en œuvre"),
    "tr": ("uygulama planı",),
}


def _words(table: Mapping[str, tuple[str, ...]]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(word for words in table.values() for word in words))


def alternation(table: Mapping[str, tuple[str, ...]]) -> str:
    """The words of a table of ``HEADINGS`` or ``LABELS`` (as written, not normalized) as one
    regular-expression alternation, for a format's marks (``^## (?i:...)``)."""
    return "|".join(re.escape(word) for word in _words(table))


@functools.cache
def heading_pattern(concept: str, tail: bool = False) -> str:
    """One regular expression (a full match over a normalized title) for the
    translated headings of ``concept``; with ``tail``, a qualifier may follow
    (``源代码 仓库根目录``). One alternation, not a pattern per word: the alias
    tables stay short to look through.

    Raises ``KeyError`` for an unknown concept."""
    # Kept on disk with the formats' derived values: the formats' modules ask for some 20 of them
    # as they are imported, a third of importing them.
    return derived("heading pattern", f"{concept} tail" if tail else concept, lambda: _heading_pattern(concept, tail))


def _heading_pattern(concept: str, tail: bool) -> str:
    # As a heading's title is looked up: an apostrophe (``d'implémentation``) is a blank there.
    # In the table's order among words of one length (not a set's, which changes from run to run):
    # the same pattern in every process, so that its compiled form kept on disk (_kept.py) is found.
    written = [*_words(HEADINGS[concept]), *map(_capital_dotted, HEADINGS[concept].get("tr", ()))]
    words = sorted(dict.fromkeys(normalize_title(word) for word in written), key=len, reverse=True)
    return "(?:" + "|".join(re.escape(word) for word in words) + ")" + ("(?: .*)?" if tail else "")


def _capital_dotted(word: str) -> str:
    """A Turkish ``word`` as title case writes it, a word's first ``i`` a dotted capital (``\u0130zleme``),
    which folds to ``i`` and a combining dot, not to the ``i`` the table has."""
    return re.sub(r"(?<!\w)i", "\u0130", word)


def label_words(concept: str) -> list[str]:
    """The translated labels of ``concept`` (casefolded), for a format's label table.

    Raises ``KeyError`` for an unknown concept."""
    # Kept on disk with the formats' derived values, as ``heading_pattern``: the formats' modules ask
    # for some 60 of them (115 times) as they are imported, half of running their code. A new list
    # each call: the caller may change it.
    return list(derived("label words", concept, lambda: _label_words(concept)))


def _label_words(concept: str) -> list[str]:
    # Casefolded as the formats fold a label before looking it up (``Gegenmaßnahme`` is ``gegenmassnahme``).
    written = [*_words(LABELS[concept]), *map(_capital_dotted, LABELS[concept].get("tr", ()))]
    return list(dict.fromkeys(word.casefold() for word in written))


def label_mark(concept: str, english: tuple[str, ...] = ()) -> str:
    """A format's detection mark (a regular expression, after ``^`` or a list item's ``- ``) for a bold
    label of ``concept`` in translation, its colon ASCII or full-width, inside the bold or after it
    (``**问题\uff1a**``, ``**Status**:``); the words of ``english`` (casefolded, the format's own English mark's)
    left out, so that an English plan scores as before.

    Raises ``KeyError`` for an unknown concept.

    >>> import re
    >>> mark = re.compile(label_mark("issue", ("issue",)))
    >>> bool(mark.match("**问题**\uff1a#12")), bool(mark.match("**Issue:**"))
    (True, False)
    """
    # Kept on disk with the formats' derived values, as ``heading_pattern``.
    return derived("label mark", "\n".join((concept, *english)), lambda: _label_mark(concept, english))


def _label_mark(concept: str, english: tuple[str, ...]) -> str:
    words = [word for word in _words(LABELS[concept]) if word not in english]
    alternatives = "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))
    return r"\*\*(?i:" + alternatives + r")[ \t]*(?:[:\uff1a]\*\*|\*\*[ \t]*[:\uff1a])"


@functools.cache
def step_words() -> str:
    """The words of ``STEP_WORDS`` as one regular-expression alternation (longest first)."""
    return "|".join(re.escape(word) for word in sorted(_words(STEP_WORDS), key=len, reverse=True))


@functools.cache
def title_words() -> str:
    """The words of ``TITLE_PREFIXES`` as one regular-expression alternation (longest first), for a
    format's title pattern (``实现计划\uff1a``)."""
    return "|".join(re.escape(word) for word in sorted(_words(TITLE_PREFIXES), key=len, reverse=True))


# "Implementation Plan" in every language, then a colon of either width.
_TITLE_PREFIX = re.compile(
    r"^(?P<prefix>(?:implementation plan|"
    + "|".join(re.escape(word) for word in sorted(_words(TITLE_PREFIXES), key=len, reverse=True))
    + r")[ \t]*[:\uff1a][ \t]*)(?P<title>.*)$",
    re.IGNORECASE | re.DOTALL,
)


def title_prefix(title: str) -> tuple[str, str]:
    """``(prefix, title)``: a heading's template prefix as written (``实现计划\uff1a``,
    ``Implementation Plan: ``) and the title after it; ``("", title)`` without one.

    >>> title_prefix("実装計画: 在庫アラート")
    ('実装計画: ', '在庫アラート')
    """
    match = _TITLE_PREFIX.match(title)
    if match is None:
        return "", title
    return match.group("prefix"), match.group("title")


# A phase heading's word in any language (``Phase``, ``Stage``, ``阶段``, ``フェーズ``) and the
# number after it, with or without a space (``フェーズ0``): digits only, as every numbering
# writer can write them back and every phase reader reads them.
_PHASE_NUMBER = re.compile(
    r"^\W*(?:phase|stage|milestone|step|"
    + "|".join(re.escape(word) for word in sorted(_words(PHASE_WORDS), key=len, reverse=True))
    + r")[ \t]*(?P<number>\d+(?:\.\d+)*)(?!\w|\.\d)",
    re.IGNORECASE,
)


def phase_number(title: str) -> str:
    """The number a phase's heading gives it, in digits as written (``Phase.number``); ``""``
    when the title opens with no phase word and number.

    >>> phase_number("Phase 0: Foundations"), phase_number("フェーズ2: 実装"), phase_number("Setup")
    ('0', '2', '')
    """
    match = _PHASE_NUMBER.match(title)
    return match.group("number") if match else ""


_NUMBER = re.compile(r"^\d+(?:\.\d+)*[.)]?[ \t]+")
# Concepts whose headings carry the template's qualifier after the word (``源代码 仓库根目录``, as normalized).
_QUALIFIED = ("documentation", "source_code")


@functools.cache
def _translated_headings() -> re.Pattern[str]:
    return re.compile("|".join(heading_pattern(concept, concept in _QUALIFIED) for concept in HEADINGS))


@functools.cache
def _translated_labels() -> frozenset[str]:
    return frozenset(word.casefold() for table in LABELS.values() for word in _words(table))


# Asked of each of a plan's headings once per target of its conversion, the same few titles every time.
@functools.lru_cache(maxsize=4096)
def translated_heading(title: str) -> bool:
    """Whether ``title`` (a heading's title as written) is a template's heading in one of
    ``LANGUAGES``: a word of ``HEADINGS``, not one an author chose.

    A heading the author decorated (``📋 Özet``) is the author's; a number before it (``5. 项目结构``) is the
    format's numbering of its sections.

    >>> translated_heading("项目结构"), translated_heading("Project Structure"), translated_heading("📋 Özet")
    (True, False, False)
    """
    words = _NUMBER.sub("", title.strip(), count=1)
    if not words[:1].isalpha():
        return False
    return _translated_headings().fullmatch(normalize_title(words)) is not None


@functools.cache
def heading_concepts(title: str) -> frozenset[str]:
    """The concepts of ``HEADINGS`` whose heading in some language ``title`` is, as normalized (its
    numbering and decoration aside: ``📦 依赖项`` is a Dependencies heading, though its
    author's own to keep).

    >>> sorted(heading_concepts("📦 依赖项")), sorted(heading_concepts("Dependencies"))
    (['dependencies'], [])
    """
    words = normalize_title(title)
    return frozenset(concept for concept, pattern in _concept_patterns() if pattern.fullmatch(words))


@functools.cache
def _concept_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """Each concept of ``HEADINGS`` with its ``heading_pattern`` compiled: looked up once, not once a title."""
    return tuple((concept, re.compile(heading_pattern(concept))) for concept in HEADINGS)


def translated_label(label: str) -> bool:
    """Whether ``label`` (a label or title prefix as written: ``分支``, ``实现计划\uff1a``) is a
    template's label in one of ``LANGUAGES``: a word of ``LABELS`` or ``TITLE_PREFIXES``.

    >>> translated_label("分支"), translated_label("Plano de Implementação: ")
    (True, True)
    >>> translated_label("Implementation Plan: ")
    False
    """
    prefix, rest = title_prefix(label)
    if prefix and not rest:
        return not prefix.casefold().startswith("implementation plan")
    return label.strip().rstrip(":\uff1a").strip().casefold() in _translated_labels()
