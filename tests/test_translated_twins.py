"""A translated plan's fields land where its English twin's do (issue 12).

The twins are written by hand: one Spec Kit plan.md under the English template's headings and labels,
the same body under a translation's. Converted to any format, the translated twin loses no field its
English twin keeps; what it loses besides is its template's words (the translated headings and labels
a target writes its own way), which an English plan does not record: reported, not carried, unless as the
heading or label of what the target loses anyway.
"""

from __future__ import annotations

import pytest

import plancore
from plancore._vocabulary import HEADINGS, LANGUAGES

_BODY = (
    "# {title}Offline Sync\n\n"
    "**{branch}**: `004-offline-sync` | **{date}**: 2026-03-02 | **{spec}**: [spec.md](./spec.md)\n\n"
    "## {summary}\n\nOffline editing with background sync.\n\n"
    "## {context}\n\n**{language}**: Kotlin 2.0\n**{storage}**: SQLite\n\n"
    "## {check}\n\n- [x] One failing test per sync rule\n\n"
    "## {structure}\n\n### {source}\n\n```text\napp/src/main/kotlin/\n├── sync/Worker.kt\n```\n"
)
_TWINS = {
    "en": dict(
        title="Implementation Plan: ",
        branch="Branch",
        date="Date",
        spec="Spec",
        summary="Summary",
        context="Technical Context",
        language="Language/Version",
        storage="Storage",
        check="Constitution Check",
        structure="Project Structure",
        source="Source Code (repository root)",
    ),
    "zh-Hans": dict(
        title="实现计划：",
        branch="分支",
        date="日期",
        spec="规范",
        summary="摘要",
        context="技术背景",
        language="语言/版本",
        storage="存储",
        check="章程检查",
        structure="项目结构",
        source="源代码（仓库根目录）",
    ),
    "pt": dict(
        title="Plano de Implementação: ",
        branch="Branch",
        date="Data",
        spec="Especificação",
        summary="Resumo",
        context="Contexto Técnico",
        language="Linguagem/Versão",
        storage="Armazenamento",
        check="Verificação da Constituição",
        structure="Estrutura do Projeto",
        source="Código-fonte",
    ),
}


def _twin(language: str) -> str:
    return _BODY.format(**_TWINS[language])


def _bookkeeping(path: str) -> bool:
    return path.startswith(("headings[", "labels["))


@pytest.mark.parametrize("language", ["zh-Hans", "pt"])
@pytest.mark.parametrize("target", sorted(set(plancore.formats()) - {"speckit-github"}))
def test_a_translated_plan_loses_no_field_its_english_twin_keeps(language: str, target: str) -> None:
    english = plancore.convert(_twin("en"), target, source="speckit-github")
    translated = plancore.convert(_twin(language), target, source="speckit-github")
    assert [loss.path for loss in translated.losses if not _bookkeeping(loss.path)] == [
        loss.path for loss in english.losses
    ]
    # What it loses besides is its template's words, each named as written.
    plan = translated.plan
    words = {heading.value for heading in plan.headings} | {label.value for label in plan.labels}
    extra = [loss for loss in translated.losses if _bookkeeping(loss.path)]
    assert extra and {loss.value for loss in extra} <= words
    # Reported, and carried only as the heading or label of what is carried anyway (a section or header
    # line the English twin loses too): a target that loses nothing of the English twin gets no appendix.
    replaced = [loss for loss in extra if not loss.carried]
    assert replaced and all("in translation, replaced by " + target in loss.reason for loss in replaced)
    assert ("Appendix: Carried Over" in translated.text) == bool(english.losses)
    if not english.losses:
        assert replaced == extra


def _with_structure_heading(fmt: str, title: str) -> str:
    text = plancore.emit(plancore.Plan(summary="Sync.", file_structure="app/\n└── Worker.kt"), fmt)
    own = next(line for line in text.split("\n") if line.startswith("## ") and "File Structure" in line)
    return text.replace(own, own.replace("File Structure", title), 1)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("fmt", ["maestro", "smartspec"])
def test_a_translated_project_structure_is_the_file_structure(fmt: str, language: str) -> None:
    # Both formats read an English "Project Structure" as their File Structure section; its
    # translations (the shared vocabulary's) are the same section, not a section of the author's.
    title = HEADINGS["project_structure"][language][0]
    english = plancore.parse(_with_structure_heading(fmt, "Project Structure"), fmt)
    text = _with_structure_heading(fmt, title)
    plan = plancore.parse(text, fmt)
    assert plan.file_structure == english.file_structure == "app/\n└── Worker.kt"
    assert [section.heading for section in plan.extra_sections] == []
    assert plancore.emit(plan, fmt) == text
    # Converted, it lands in the other format's file structure, as the English one does. Its heading,
    # which Spec Kit's source-code subsection does not take, is reported as the English one's is; the
    # English heading (an author's, to Spec Kit) is carried, the template's translated one is replaced
    # by Spec Kit's own and not carried: the output has no appendix.
    converted = plancore.convert(text, "speckit-github", source=fmt)
    twin = plancore.convert(_with_structure_heading(fmt, "Project Structure"), "speckit-github", source=fmt)
    assert plancore.parse(converted.text, "speckit-github").file_structure == plan.file_structure
    assert [loss.path for loss in converted.losses] == [loss.path for loss in twin.losses] == ["headings[0]"]
    assert [loss.carried for loss in converted.losses] == [False]
    assert "replaced by speckit-github's own heading" in converted.losses[0].reason
    assert "Appendix" not in converted.text and "Appendix" in twin.text


def _with_stack_heading(fmt: str, title: str) -> str:
    stack = (plancore.Labeled(label="Language", value="Go 1.22"), plancore.Labeled(label="Storage", value="SQLite"))
    plan = plancore.Plan(architecture=plancore.Architecture(overview="Two services.", tech_stack=stack))
    text = plancore.emit(plan, fmt)
    own = next(line for line in text.split("\n") if line.startswith("### ") and line.endswith(" Stack"))
    return text.replace(own, "### " + title, 1)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("fmt", ["speckit", "specpulse"])
def test_a_translated_technology_stack_is_the_stack(fmt: str, language: str) -> None:
    # Spec Kit's rapid plan and SpecPulse both have a Technology Stack subsection: its translations
    # are one concept of the shared vocabulary, read by both as the English heading is.
    title = HEADINGS["tech_stack"][language][0]
    english = plancore.parse(_with_stack_heading(fmt, "Tech Stack"), fmt)
    text = _with_stack_heading(fmt, title)
    plan = plancore.parse(text, fmt)
    assert plan.architecture.tech_stack == english.architecture.tech_stack
    assert [label.value for label in plan.architecture.tech_stack] == ["Go 1.22", "SQLite"]
    assert plan.extra_sections == english.extra_sections
    assert plancore.emit(plan, fmt) == text


@pytest.mark.parametrize("language", ["zh-Hans", "pt"])
@pytest.mark.parametrize("target", ["maestro", "aadt"])
def test_template_words_replaced_are_no_reason_for_strict_to_refuse(language: str, target: str) -> None:
    # The English twin loses nothing in these targets; the translated one only its template's words, which
    # are not carried: strict converts it as it does its twin, and the report says each was replaced. (Its
    # branch names an issue, which aadt's Issue holds; a feature branch, 004-offline-sync, it carries.)
    english, translated = (_twin(name).replace("004-offline-sync", "PROJ-4") for name in ("en", language))
    assert plancore.convert(english, target, source="speckit-github", strict=True).losses == ()
    result = plancore.convert(translated, target, source="speckit-github", strict=True)
    assert result.losses and not any(loss.carried for loss in result.losses)
    assert "Appendix" not in result.text
    outcomes = {entry.path: entry.outcome for entry in result.report()}
    assert {outcomes[loss.path] for loss in result.losses} == {"replaced"}
    assert result.lost_sections() == ()


# An author's Complexity Tracking in prose (the reader carries it under its heading) and a section of the
# author's own after it: where the English twin's land, the translated twin's land.
_AFTER_STRUCTURE = (
    "\n## {complexity}\n\nOne sync worker more than the constitution allows.\n\n## Rollout Notes\n\nStaff first.\n"
)
_COMPLEXITY = {"en": "Complexity Tracking", "zh-Hans": "复杂度跟踪", "pt": "Rastreamento de Complexidade"}


def _headings(text: str) -> list[str]:
    return [line for line in text.split("\n") if line.startswith("#")]


@pytest.mark.parametrize("language", ["zh-Hans", "pt"])
@pytest.mark.parametrize("target", sorted(set(plancore.formats()) - {"speckit-github"}))
def test_a_translated_plan_s_sections_land_where_its_english_twin_s_do(language: str, target: str) -> None:
    english = plancore.convert(
        _twin("en") + _AFTER_STRUCTURE.format(complexity=_COMPLEXITY["en"]), target, source="speckit-github"
    )
    translated = plancore.convert(
        _twin(language) + _AFTER_STRUCTURE.format(complexity=_COMPLEXITY[language]), target, source="speckit-github"
    )
    mine, theirs = _headings(translated.text), _headings(english.text)
    # Heading for heading: the same, or the template's heading in translation where the twin has the target's
    # (or its own, carried) at the same place.
    words = {f"{'#' * level} {word}" for word in _TWINS[language].values() for level in (2, 3, 4)}
    words |= {f"{'#' * level} {_COMPLEXITY[language]}" for level in (2, 3)}
    assert len(mine) == len(theirs)
    assert [theirs[at] if line in words else line for at, line in enumerate(mine)] == theirs
    where = next(at for at, line in enumerate(mine) if line.endswith(_COMPLEXITY[language]))
    assert theirs[where].endswith("Complexity Tracking")
    assert mine.index("## Rollout Notes") == theirs.index("## Rollout Notes")
