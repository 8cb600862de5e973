"""A folder format's files, their headings and labels translated, read as their English twin (issue 12).

The twins are written here by hand, as tests/test_translated_labels.py writes its plans: one small folder
per format with slots for the template's words, and per language (zh-Hans, zh-Hant, ja, ko, es, pt, de, fr,
tr) the words a translator of the template would write. The author's content stays the same, and so do the
keywords the tools themselves parse (Kiro's EARS ``WHEN``/``THEN``/``SHALL`` and ``_Requirements:``), so
the fields must come out equal.
"""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest

import plancore
from plancore._folder import detect_folder

_KIRO = {
    "requirements.md": (
        "# Requirements Document\n\n## {introduction}\n\nOffline editing for the notes app.\n\n"
        "## {requirements}\n\n### {requirement} 1{c} Offline edits\n\n"
        "{b}{user_story}{lc} As a user, I want to edit notes offline, so that I can work on a plane.\n\n"
        "#### {acceptance_criteria}\n\n"
        "1. WHEN the device is offline THEN the system SHALL keep each edit on the device\n"
        "2. WHEN the device reconnects THEN the system SHALL send the kept edits\n\n"
        "### {requirement} 2{c} Conflicts\n\n"
        "{b}{user_story}{lc} As a user, I want conflicting edits merged, so that no edit is lost.\n\n"
        "#### {acceptance_criteria}\n\n1. IF two edits touch one field THEN the system SHALL keep the later one\n"
    ),
    "design.md": (
        "# Design Document\n\n## {overview}\n\nOne sync worker beside the local store.\n\n"
        "## {architecture}\n\nThe app writes to SQLite; the worker pushes the changes.\n\n"
        "## {data_models}\n\n- Note: id, body, updated_at\n\n"
        "## {testing_strategy}\n\nUnit tests for the merge rules.\n"
    ),
    "tasks.md": (
        "# Implementation Plan\n\n- [ ] 1. Build the local store\n  - Create the notes table\n"
        "  - _Requirements: 1.1_\n\n- [ ] 2. Send the kept edits\n  - _Requirements: 1.2, 2.1_\n"
    ),
}

# The template's words, by language; then the colon after a requirement's number and after a bold label.
_KIRO_WORDS = {
    "en": (
        "Introduction",
        "Requirements",
        "Requirement",
        "User Story",
        "Acceptance Criteria",
        "Overview",
        "Architecture",
        "Data Models",
        "Testing Strategy",
    ),
    "zh-Hans": ("简介", "需求", "需求", "用户故事", "验收标准", "概述", "架构", "数据模型", "测试策略"),
    "zh-Hant": ("簡介", "需求", "需求", "使用者故事", "驗收標準", "概述", "架構", "資料模型", "測試策略"),
    "ja": (
        "はじめに",
        "要件",
        "要件",
        "ユーザーストーリー",
        "受け入れ基準",
        "概要",
        "アーキテクチャ",
        "データモデル",
        "テスト戦略",
    ),
    "ko": (
        "소개",
        "요구사항",
        "요구사항",
        "사용자 스토리",
        "인수 기준",
        "개요",
        "아키텍처",
        "데이터 모델",
        "테스트 전략",
    ),
    "es": (
        "Introducción",
        "Requisitos",
        "Requisito",
        "Historia de usuario",
        "Criterios de aceptación",
        "Descripción general",
        "Arquitectura",
        "Modelos de datos",
        "Estrategia de pruebas",
    ),
    "pt": (
        "Introdução",
        "Requisitos",
        "Requisito",
        "História de usuário",
        "Critérios de aceitação",
        "Visão geral",
        "Arquitetura",
        "Modelos de dados",
        "Estratégia de testes",
    ),
    "de": (
        "Einleitung",
        "Anforderungen",
        "Anforderung",
        "Benutzergeschichte",
        "Akzeptanzkriterien",
        "Überblick",
        "Architektur",
        "Datenmodelle",
        "Teststrategie",
    ),
    "fr": (
        "Introduction",
        "Exigences",
        "Exigence",
        "Récit utilisateur",
        "Critères d'acceptation",
        "Vue d'ensemble",
        "Architecture",
        "Modèles de données",
        "Stratégie de test",
    ),
    "tr": (
        "Giriş",
        "Gereksinimler",
        "Gereksinim",
        "Kullanıcı Hikayesi",
        "Kabul Kriterleri",
        "Genel Bakış",
        "Mimari",
        "Veri Modelleri",
        "Test Stratejisi",
    ),
}
_SLOTS = ("introduction", "requirements", "requirement", "user_story", "acceptance_criteria")
_SLOTS += ("overview", "architecture", "data_models", "testing_strategy")
_COLONS = {"zh-Hans": ("：", "**", "：**"), "zh-Hant": ("：", "**", "**："), "ja": ("：", "**", "**：")}
_LANGUAGES = [language for language in _KIRO_WORDS if language != "en"]


def _kiro(folder: Path, language: str) -> Path:
    colon, bold, label_colon = _COLONS.get(language, (":", "**", ":**"))
    words = dict(zip(_SLOTS, _KIRO_WORDS[language], strict=True))
    folder.mkdir(parents=True)
    for name, text in _KIRO.items():
        (folder / name).write_text(text.format(c=colon, b=bold, lc=label_colon, **words), encoding="utf-8")
    return folder


def _fields(plan: plancore.Plan) -> dict[str, object]:
    """What a plan says, less how its text spelled it (its headings, labels and source text)."""
    fields = attrs.asdict(plan, recurse=False)
    for name in ("headings", "labels", "source"):
        fields.pop(name)
    return fields


def _files(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


@pytest.mark.parametrize("language", _LANGUAGES)
def test_a_translated_kiro_folder_is_read_as_its_english_twin(language: str, tmp_path: Path) -> None:
    english = _kiro(tmp_path / "en" / ".kiro" / "specs" / "sync", "en")
    translated = _kiro(tmp_path / language / ".kiro" / "specs" / "sync", language)
    assert detect_folder(english) == detect_folder(translated) == "kiro"
    twin = plancore.read_folder(english)
    plan = plancore.read_folder(translated)
    assert _fields(plan) == _fields(twin)
    # Each translated heading is kept as the author's, over the field its English twin fills.
    # Each translated heading (French "Introduction" and "Architecture" are the English ones) is kept as the
    # author's, over the field its English twin fills.
    words, own = (
        dict(zip(_SLOTS, _KIRO_WORDS[language], strict=True)),
        dict(zip(_SLOTS, _KIRO_WORDS["en"], strict=True)),
    )
    fields = {"summary": "introduction", "requirements": "requirements", "architecture.overview": "overview"}
    kept = {heading.label: heading.value for heading in plan.headings}
    assert {key: kept.get(key) for key, slot in fields.items() if words[slot] != own[slot]} == {
        key: words[slot] for key, slot in fields.items() if words[slot] != own[slot]
    }
    # Same format: the files back byte for byte.
    before = _files(translated)
    result = plancore.write_folder(plan, translated, "kiro")
    assert result.written == () and result.losses == ()
    assert _files(translated) == before


def test_the_english_kiro_twin_fills_the_fields_it_is_meant_to(tmp_path: Path) -> None:
    """The twins compare something: the English folder's fields are read (checked by hand)."""
    plan = plancore.read_folder(_kiro(tmp_path / ".kiro" / "specs" / "sync", "en"))
    assert plan.summary == "Offline editing for the notes app."
    assert [(r.id, r.title) for r in plan.requirements] == [("1", "Offline edits"), ("2", "Conflicts")]
    assert plan.requirements[0].user_story.startswith("As a user, I want to edit notes offline")
    assert [c.id for c in plan.requirements[0].criteria] == ["1", "2"]
    assert plan.requirements[1].criteria[0].text.startswith("IF two edits touch one field")
    assert plan.architecture.overview == "One sync worker beside the local store."
    assert plan.architecture.interactions.startswith("The app writes to SQLite")
    assert plan.data_model.overview == "- Note: id, body, updated_at"
    assert plan.testing.strategy == "Unit tests for the merge rules."
    assert plan.extra_sections == ()


_OPENSPEC = {
    "proposal.md": (
        "# Proposal: Offline sync\n\n## {why}\n\nNotes written on a plane are lost.\n\n"
        "## {what_changes}\n\n- Keep each edit on the device\n- Send the kept edits on reconnect\n\n"
        "## {capabilities}\n\n- `sync`: offline edits\n\n## {impact}\n\n- Affected code: app/sync\n"
    ),
    "design.md": (
        "# Design: Offline sync\n\n## {context}\n\nThe app calls the server on every edit.\n\n"
        "## {decisions}\n\n### {decision} 1{c} Use SQLite\n\nOne file on the device.\n\n"
        "## {risks}\n\n- Large notes sync slowly → Send diffs\n\n"
        "## {migration}\n\nShip behind a flag.\n\n## {open_questions}\n\n- How many versions are kept?\n"
    ),
    "tasks.md": "## 1. Store\n\n- [ ] 1.1 Create the notes table\n- [ ] 1.2 Send the kept edits\n",
    # The tool's own keywords (``## ADDED Requirements``, ``### Requirement:``, ``#### Scenario:``) as OpenSpec
    # parses them: a translated change keeps them as written.
    "specs/sync/spec.md": (
        "## ADDED Requirements\n\n### Requirement: Offline edits\n\n"
        "The system SHALL keep each edit on the device.\n\n#### Scenario: Edit on a plane\n\n"
        "- **WHEN** the device is offline\n- **THEN** the edit is kept\n"
    ),
}
_OPENSPEC_SLOTS = ("why", "what_changes", "capabilities", "impact", "context", "decisions", "decision")
_OPENSPEC_SLOTS += ("risks", "migration", "open_questions")
_OPENSPEC_WORDS = {
    "en": (
        "Why",
        "What Changes",
        "Capabilities",
        "Impact",
        "Context",
        "Decisions",
        "Decision",
        "Risks / Trade-offs",
        "Migration Plan",
        "Open Questions",
    ),
    "zh-Hans": ("为什么", "变更内容", "能力", "影响", "背景", "决策", "决策", "风险 / 权衡", "迁移计划", "未决问题"),
    "zh-Hant": ("為什麼", "變更內容", "能力", "影響", "背景", "決策", "決策", "風險 / 權衡", "遷移計畫", "未決問題"),
    "ja": (
        "なぜ",
        "変更内容",
        "機能",
        "影響",
        "背景",
        "決定事項",
        "決定",
        "リスク / トレードオフ",
        "移行計画",
        "未解決の質問",
    ),
    "ko": (
        "왜",
        "변경 사항",
        "기능",
        "영향",
        "배경",
        "결정 사항",
        "결정",
        "위험 / 트레이드오프",
        "마이그레이션 계획",
        "미해결 질문",
    ),
    "es": (
        "Por qué",
        "Qué cambia",
        "Capacidades",
        "Impacto",
        "Contexto",
        "Decisiones",
        "Decisión",
        "Riesgos / Compensaciones",
        "Plan de migración",
        "Preguntas abiertas",
    ),
    "pt": (
        "Por quê",
        "O que muda",
        "Capacidades",
        "Impacto",
        "Contexto",
        "Decisões",
        "Decisão",
        "Riscos / Trade-offs",
        "Plano de migração",
        "Questões em aberto",
    ),
    "de": (
        "Warum",
        "Was sich ändert",
        "Fähigkeiten",
        "Auswirkungen",
        "Kontext",
        "Entscheidungen",
        "Entscheidung",
        "Risiken / Abwägungen",
        "Migrationsplan",
        "Offene Fragen",
    ),
    "fr": (
        "Pourquoi",
        "Ce qui change",
        "Capacités",
        "Impact",
        "Contexte",
        "Décisions",
        "Décision",
        "Risques / Compromis",
        "Plan de migration",
        "Questions ouvertes",
    ),
    "tr": (
        "Neden",
        "Neler Değişiyor",
        "Yetenekler",
        "Etki",
        "Bağlam",
        "Kararlar",
        "Karar",
        "Riskler / Ödünleşimler",
        "Geçiş Planı",
        "Açık Sorular",
    ),
}


def _openspec(folder: Path, language: str) -> Path:
    colon = _COLONS.get(language, (":",))[0]
    words = dict(zip(_OPENSPEC_SLOTS, _OPENSPEC_WORDS[language], strict=True))
    for name, text in _OPENSPEC.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text.format(c=colon, **words), encoding="utf-8")
    return folder


def _tree(folder: Path) -> dict[str, bytes]:
    return {str(path.relative_to(folder)): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


@pytest.mark.parametrize("language", _LANGUAGES)
def test_a_translated_openspec_change_is_read_as_its_english_twin(language: str, tmp_path: Path) -> None:
    english = _openspec(tmp_path / "en" / "openspec" / "changes" / "add-sync", "en")
    translated = _openspec(tmp_path / language / "openspec" / "changes" / "add-sync", language)
    assert detect_folder(english) == detect_folder(translated) == "openspec"
    twin = plancore.read_folder(english)
    plan = plancore.read_folder(translated)
    assert _fields(plan) == _fields(twin)
    before = _tree(translated)
    result = plancore.write_folder(plan, translated, "openspec")
    assert result.written == () and result.losses == ()
    assert _tree(translated) == before


def test_the_english_openspec_twin_fills_the_fields_it_is_meant_to(tmp_path: Path) -> None:
    """The twins compare something: the English change's fields are read (checked by hand)."""
    plan = plancore.read_folder(_openspec(tmp_path / "openspec" / "changes" / "add-sync", "en"))
    assert plan.intent.why == "Notes written on a plane are lost."
    assert plan.intent.what_changes.startswith("- Keep each edit on the device")
    assert plan.intent.capabilities == "- `sync`: offline edits"
    assert plan.intent.impact == "- Affected code: app/sync"
    assert plan.summary == "The app calls the server on every edit."
    assert [(d.title, d.context) for d in plan.decisions] == [("Use SQLite", "One file on the device.")]
    assert [(r.risk, r.mitigation) for r in plan.risks] == [("Large notes sync slowly", "Send diffs")]
    assert plan.deployment == "Ship behind a flag."
    assert plan.open_questions == ("How many versions are kept?",)
    assert [r.title for r in plan.requirements] == ["Offline edits"]


# A Spec Kit feature folder: its plan.md as the English template writes it (its translations are
# tests/test_translated_labels.py's), its spec.md and research.md translated.
_FEATURE = {
    "plan.md": "# Implementation Plan: Offline Sync\n\n## Summary\n\nOffline editing with background sync.\n",
    "spec.md": (
        "# Feature Specification: Offline Sync\n\n## {user_scenarios} *(mandatory)*\n\n"
        "### {user_story} 1 - Edit offline {o}{priority}{c}P1{e}\n\nA user edits notes on a plane.\n\n"
        "{b}{why_this_priority}{lc} Edits made offline are lost today.\n\n"
        "{b}{independent_test}{lc} Edit with the network off, then reconnect.\n\n"
        "{b}{acceptance_scenarios}{lc}\n\n"
        "1. **Given** no network, **When** a note is edited, **Then** the edit is kept\n\n"
        "## {requirements} *(mandatory)*\n\n### {functional_requirements}\n\n"
        "- **FR-001**: The app MUST keep each edit on the device\n\n"
        "## {success_criteria} *(mandatory)*\n\n### {measurable_outcomes}\n\n"
        "- **SC-001**: No edit is lost in a day offline\n"
    ),
    "data-model.md": (
        "# Data Model: Offline Sync\n\n## {entities}\n\n### Note\n\n{b}{description}{lc} One note the user writes.\n\n"
        "{b}{fields}{lc}\n\n| Field | Type |\n|---|---|\n| id | uuid |\n| body | text |\n\n"
        "## Outbox\n\n| {field} | Type |\n|---|---|\n| note_id | uuid |\n"
    ),
    "research.md": (
        "# Research: Offline Sync\n\n## 1. Local store\n\n{b}{decision}{lc} SQLite\n\n"
        "{b}{rationale}{lc} One file on the device.\n\n{b}{alternatives}{lc}\n- IndexedDB: browser only\n"
    ),
}
_FEATURE_SLOTS = ("user_scenarios", "user_story", "priority", "why_this_priority", "independent_test")
_FEATURE_SLOTS += ("acceptance_scenarios", "requirements", "functional_requirements", "success_criteria")
_FEATURE_SLOTS += ("measurable_outcomes", "decision", "rationale", "alternatives")
_FEATURE_SLOTS += ("entities", "description", "fields", "field")
_FEATURE_WORDS = {
    "en": (
        "User Scenarios & Testing",
        "User Story",
        "Priority",
        "Why this priority",
        "Independent Test",
        "Acceptance Scenarios",
        "Requirements",
        "Functional Requirements",
        "Success Criteria",
        "Measurable Outcomes",
        "Decision",
        "Rationale",
        "Alternatives considered",
    ),
    "zh-Hans": (
        "用户场景与测试",
        "用户故事",
        "优先级",
        "为什么是这个优先级",
        "独立测试",
        "验收场景",
        "需求",
        "功能需求",
        "成功标准",
        "可衡量的成果",
        "决策",
        "理由",
        "考虑的替代方案",
    ),
    "zh-Hant": (
        "使用者情境與測試",
        "使用者故事",
        "優先級",
        "為什麼是這個優先級",
        "獨立測試",
        "驗收情境",
        "需求",
        "功能需求",
        "成功標準",
        "可衡量的成果",
        "決策",
        "理由",
        "考慮的替代方案",
    ),
    "ja": (
        "ユーザーシナリオとテスト",
        "ユーザーストーリー",
        "優先度",
        "この優先度の理由",
        "独立テスト",
        "受け入れシナリオ",
        "要件",
        "機能要件",
        "成功基準",
        "測定可能な成果",
        "決定",
        "根拠",
        "検討した代替案",
    ),
    "ko": (
        "사용자 시나리오 및 테스트",
        "사용자 스토리",
        "우선순위",
        "이 우선순위인 이유",
        "독립 테스트",
        "인수 시나리오",
        "요구사항",
        "기능 요구사항",
        "성공 기준",
        "측정 가능한 결과",
        "결정",
        "근거",
        "고려한 대안",
    ),
    "es": (
        "Escenarios de usuario y pruebas",
        "Historia de usuario",
        "Prioridad",
        "Por qué esta prioridad",
        "Prueba independiente",
        "Escenarios de aceptación",
        "Requisitos",
        "Requisitos funcionales",
        "Criterios de éxito",
        "Resultados medibles",
        "Decisión",
        "Justificación",
        "Alternativas consideradas",
    ),
    "pt": (
        "Cenários de usuário e testes",
        "História de usuário",
        "Prioridade",
        "Por que esta prioridade",
        "Teste independente",
        "Cenários de aceitação",
        "Requisitos",
        "Requisitos funcionais",
        "Critérios de sucesso",
        "Resultados mensuráveis",
        "Decisão",
        "Justificativa",
        "Alternativas consideradas",
    ),
    "de": (
        "Benutzerszenarien und Tests",
        "Benutzergeschichte",
        "Priorität",
        "Warum diese Priorität",
        "Unabhängiger Test",
        "Akzeptanzszenarien",
        "Anforderungen",
        "Funktionale Anforderungen",
        "Erfolgskriterien",
        "Messbare Ergebnisse",
        "Entscheidung",
        "Begründung",
        "Erwogene Alternativen",
    ),
    "fr": (
        "Scénarios utilisateur et tests",
        "Récit utilisateur",
        "Priorité",
        "Pourquoi cette priorité",
        "Test indépendant",
        "Scénarios d'acceptation",
        "Exigences",
        "Exigences fonctionnelles",
        "Critères de succès",
        "Résultats mesurables",
        "Décision",
        "Justification",
        "Alternatives envisagées",
    ),
    "tr": (
        "Kullanıcı Senaryoları ve Testler",
        "Kullanıcı Hikayesi",
        "Öncelik",
        "Neden bu öncelik",
        "Bağımsız Test",
        "Kabul Senaryoları",
        "Gereksinimler",
        "Fonksiyonel Gereksinimler",
        "Başarı Kriterleri",
        "Ölçülebilir Sonuçlar",
        "Karar",
        "Gerekçe",
        "Değerlendirilen Alternatifler",
    ),
}
# data-model.md's words: its entities heading, an entity's Description and Fields labels, a fields table's first column.
_DATA_MODEL_WORDS = {
    "en": ("Entities", "Description", "Fields", "Field"),
    "zh-Hans": ("实体", "描述", "字段", "字段"),
    "zh-Hant": ("實體", "描述", "欄位", "欄位"),
    "ja": ("エンティティ", "説明", "フィールド", "フィールド"),
    "ko": ("엔티티", "설명", "필드", "필드"),
    "es": ("Entidades", "Descripción", "Campos", "Campo"),
    "pt": ("Entidades", "Descrição", "Campos", "Campo"),
    "de": ("Entitäten", "Beschreibung", "Felder", "Feld"),
    "fr": ("Entités", "Description", "Champs", "Champ"),
    "tr": ("Varlıklar", "Açıklama", "Alanlar", "Alan"),
}
# Full-width parentheses and colons in Chinese and Japanese.
_PARENTHESES = {"zh-Hans": ("（", "）"), "zh-Hant": ("（", "）"), "ja": ("（", "）")}


def _feature(folder: Path, language: str) -> Path:
    colon, bold, label_colon = _COLONS.get(language, (":", "**", ":**"))
    opening, closing = _PARENTHESES.get(language, ("(", ")"))
    words = dict(zip(_FEATURE_SLOTS, (*_FEATURE_WORDS[language], *_DATA_MODEL_WORDS[language]), strict=True))
    folder.mkdir(parents=True)
    for name, text in _FEATURE.items():
        filled = text.format(
            c=colon + ("" if colon == "：" else " "), b=bold, lc=label_colon, o=opening, e=closing, **words
        )
        (folder / name).write_text(filled, encoding="utf-8")
    return folder


@pytest.mark.parametrize("language", _LANGUAGES)
def test_a_translated_spec_kit_feature_folder_is_read_as_its_english_twin(language: str, tmp_path: Path) -> None:
    english = _feature(tmp_path / "en" / "specs" / "004-offline-sync", "en")
    translated = _feature(tmp_path / language / "specs" / "004-offline-sync", language)
    assert detect_folder(english) == detect_folder(translated) == "speckit-github"
    twin = plancore.read_folder(english)
    plan = plancore.read_folder(translated)
    assert _fields(plan) | {"data_model": None} == _fields(twin) | {"data_model": None}
    # The data model keeps its text as written: the entities heading over them, a fields table's header.
    entities, _, _, field = _DATA_MODEL_WORDS[language]
    assert plan.data_model.overview == twin.data_model.overview.replace("Entities", entities)
    assert [(e.name, e.description) for e in plan.data_model.entities] == [
        (e.name, e.description) for e in twin.data_model.entities
    ]
    assert [e.fields for e in plan.data_model.entities] == [
        e.fields.replace("| Field |", f"| {field} |", 1) if e.name == "Outbox" else e.fields
        for e in twin.data_model.entities
    ]
    before = _tree(translated)
    result = plancore.write_folder(plan, translated, "speckit-github")
    assert result.written == () and result.losses == ()
    assert _tree(translated) == before


def test_the_english_feature_twin_fills_the_fields_it_is_meant_to(tmp_path: Path) -> None:
    """The twins compare something: the English folder's spec.md and research.md are read (checked by hand)."""
    plan = plancore.read_folder(_feature(tmp_path / "specs" / "004-offline-sync", "en"))
    story, requirement = plan.requirements
    assert (story.id, story.title, story.priority) == ("US1", "Edit offline", "P1")
    assert story.rationale == "Edits made offline are lost today."
    assert story.independent_test == "Edit with the network off, then reconnect."
    assert [c.id for c in story.criteria] == ["1"]
    assert (requirement.id, requirement.text) == ("FR-001", "The app MUST keep each edit on the device")
    assert plan.success_metrics == (plancore.Labeled(label="SC-001", value="No edit is lost in a day offline"),)
    assert [(d.choice, d.rationale) for d in plan.decisions] == [("SQLite", "One file on the device.")]
    assert [o.name for o in plan.decisions[0].options] == ["IndexedDB"]
    note, outbox = plan.data_model.entities
    assert (note.name, note.description) == ("Note", "One note the user writes.")
    assert note.fields.startswith("| Field | Type |")
    # Not under the entities heading: an entity by its fields table (its first column's heading).
    assert outbox.name == "Outbox"
