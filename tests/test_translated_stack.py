"""Issue 12: a translated technology-stack label answers the template's label it means.

A translated Spec Kit plan's ``**语言/版本**: Python 3.11`` is the template's ``**Language/Version**``
answered: written once, as the author wrote it, with no English ``NEEDS CLARIFICATION`` line beside it.
"""

from __future__ import annotations

import attrs
import pytest
from helpers import SHARED, shown

import plancore
from plancore._vocabulary import LANGUAGES, STACK_WORDS, stack_key

ZH = """# 实现计划：离线同步

**分支**：`004-sync` | **日期**：2026-03-02 | **规范**：[spec.md](./spec.md)

## 摘要

增加离线同步。

## 技术背景

**语言/版本**：Python 3.11
**存储**：PostgreSQL
**测试**：pytest

## 章程检查

- [x] 测试先行
"""

DE = """# Implementierungsplan: Rechnungen

**Branch**: `009-rechnungen` | **Datum**: 2026-04-01 | **Spezifikation**: [spec.md](./spec.md)

## Zusammenfassung

Rechnungen als PDF.

## Technischer Kontext

**Sprache/Version**: Go 1.23
**Datenbank**: PostgreSQL 16
**Zielplattform**: Linux
"""

JA_SPECPULSE = """# 実装計画: 在庫アラート

<!-- FEATURE_DIR: 012-alerts -->
<!-- FEATURE_ID: 012 -->
<!-- PLAN_NUMBER: 1 -->
<!-- STATUS: pending -->
<!-- CREATED: 2026-01-20 -->

## 仕様参照
- **Spec ID**: SPEC-012

## アーキテクチャ概要

### 技術スタック
- **言語**: TypeScript 5.6
- **データベース**: PostgreSQL 16
- **テスト**: Vitest

## 実装フェーズ

### フェーズ 1: 基盤
- [ ] スキーマを作成
"""

PT_SPECKIT = """# Implementation Plan: Agenda de coletas

## Contexto

Agendar coletas.

## Abordagem Técnica

### Stack Tecnológica

- Linguagem/Versão: Python 3.12
- Banco de dados: PostgreSQL 15
- Testes: pytest
"""

# The template's labels none of the plans above answers, in the template's order: the German plan answers
# Target Platform and not Testing, the others Testing and not Target Platform.
_REST = ["Project Type", "Performance Goals", "Constraints", "Scale/Scope"]
UNANSWERED = {
    "de": ["Primary Dependencies", "Testing", *_REST],
    **{language: ["Primary Dependencies", "Target Platform", *_REST] for language in ("zh", "ja", "pt")},
}


def _context_lines(text: str) -> list[tuple[str, str]]:
    """The bold label lines of a speckit-github plan's Technical Context (its second ``##`` section here)."""
    body = text.split("\n## ")[2]
    return [
        (line.split("**")[1], line.split("**", 2)[2].lstrip(":\uff1a "))
        for line in body.splitlines()
        if line.startswith("**")
    ]


def _context_labels(text: str) -> list[str]:
    return [label for label, _ in _context_lines(text)]


@pytest.mark.parametrize(
    ("text", "source", "language", "expected"),
    [
        (ZH, "speckit-github", "zh", ["语言/版本", "Primary Dependencies", "存储", "测试", "Target Platform"]),
        (DE, "speckit-github", "de", ["Sprache/Version", "Primary Dependencies", "Datenbank", "Testing"]),
        (JA_SPECPULSE, "specpulse", "ja", ["言語", "Primary Dependencies", "データベース", "テスト"]),
        (PT_SPECKIT, "speckit", "pt", ["Linguagem/Versão", "Primary Dependencies", "Banco de dados", "Testes"]),
    ],
)
def test_a_translated_stack_label_answers_the_speckit_github_template_s_label(
    text: str, source: str, language: str, expected: list[str]
) -> None:
    # Fresh (the plan without its source text) and converted: the author's label once, in the template's
    # place of the label it translates; only the labels the plan does not answer stay to be filled.
    plan = attrs.evolve(plancore.parse(text, source), source=None)
    fresh = plancore.emit(plan, "speckit-github")
    # A speckit-github plan converted to its own format is its own text (the round trip test below).
    converted = () if source == "speckit-github" else (plancore.convert(text, "speckit-github", source=source).text,)
    for written in (fresh, *converted):
        lines = _context_lines(written)
        assert [label for label, _ in lines][: len(expected)] == expected
        assert [label for label, value in lines if value == "NEEDS CLARIFICATION"] == UNANSWERED[language]
        assert written.count("NEEDS CLARIFICATION") == len(UNANSWERED[language])
        for english in ("Language/Version", "Storage"):
            assert f"**{english}**" not in written


def test_a_translated_plan_comes_back_byte_for_byte() -> None:
    for text in (ZH, DE):
        assert plancore.convert(text, "speckit-github", source="speckit-github").text == text


@pytest.mark.parametrize("target", ["speckit", "specpulse", "speckit-tasks"])
def test_other_targets_carry_a_translated_stack_once_and_add_no_english_label(target: str) -> None:
    converted = plancore.convert(DE, target, source="speckit-github").text
    for label, value in (("Sprache/Version", "Go 1.23"), ("Datenbank", "PostgreSQL 16"), ("Zielplattform", "Linux")):
        assert converted.count(value) == 1
        assert f"{label}**: {value}" in converted or f"- {label}: {value}" in converted
    for english in ("Language/Version", "Languages:", "**Database**", "NEEDS CLARIFICATION"):
        assert english not in converted


def test_an_english_synonym_beside_a_translation_keeps_its_own_label() -> None:
    # The translation answers Storage as the author wrote it; the crosswalk's synonym move (Database ->
    # Storage) would otherwise add an English Storage line that says the same thing twice.
    both = JA_SPECPULSE.replace("- **テスト**", "- **Database**: Redis 7\n- **テスト**")
    converted = plancore.convert(both, "speckit-github", source="specpulse").text
    labels = _context_labels(converted)
    assert "データベース" in labels and "Database" in labels and "Storage" not in labels
    # Without the translation the English synonym still takes the template's label.
    alone = JA_SPECPULSE.replace("- **データベース**: PostgreSQL 16", "- **Database**: Redis 7")
    labels = _context_labels(plancore.convert(alone, "speckit-github", source="specpulse").text)
    assert "Storage" in labels and "Database" not in labels


def test_stack_key_reads_every_language_and_leaves_english_labels_alone() -> None:
    assert stack_key("Armazenamento") == "storage"
    assert stack_key("言語/バージョン：") == "language/version"
    assert stack_key("규모/범위") == "scale/scope"
    # An English label is its own key (casefolded): ``Tests`` is the author's, not a translation.
    assert stack_key("Tests") == "tests" and stack_key("Storage") == "storage"
    for english, table in STACK_WORDS.items():
        assert set(table) == set(LANGUAGES), english
        for words in table.values():
            assert all(stack_key(word) == english for word in words)
            assert all(word == word.casefold() for word in words)


def test_an_english_plan_s_tests_label_still_gets_the_template_s_testing_line() -> None:
    english = DE.replace("Sprache/Version", "Tests")
    fresh = plancore.emit(attrs.evolve(plancore.parse(english, "speckit-github"), source=None), "speckit-github")
    assert "**Tests**: Go 1.23" in fresh and "**Testing**: NEEDS CLARIFICATION" in fresh


@pytest.mark.parametrize("name", ["zh-fullwidth", "ja-headings", "pt-headings"])
def test_the_shared_translated_cases_emit_fresh_with_every_stack_label_answered(name: str) -> None:
    # Each of these plans answers all nine of the template's labels, in translation.
    path = SHARED / "cases" / f"{name}-speckit-github.md"
    if not path.is_file():
        pytest.skip(f"{shown(path)} is absent (the repository's shared test data, beside the checkout)")
    plan = plancore.parse(path.read_text(encoding="utf-8"), "speckit-github")
    fresh = plancore.emit(attrs.evolve(plan, source=None), "speckit-github")
    assert len(plan.architecture.tech_stack) == 9
    assert "NEEDS CLARIFICATION" not in fresh
    for entry in plan.architecture.tech_stack:
        assert fresh.count(f"**{entry.label}**") == 1
