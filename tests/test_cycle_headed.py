"""A -> B -> A -> B with an author's subsections under a section of a field the plan leaves empty: the
section is carried whole, heading and all, so a second cycle writes what the first did (hand-written
inputs, one per kind that made a cycle unstable)."""

from __future__ import annotations

import re
from pathlib import Path

import attrs
import pytest
from helpers import SHARED

import plancore
from plancore._report import APPENDIX_HEADING
from plancore._vocabulary import stack_key


def _body(text: str) -> str:
    return text.split(f"## {APPENDIX_HEADING}")[0]


def _cycle(text: str, a: str, b: str) -> tuple[str, str]:
    """The first B and the second B (A -> B -> A -> B) of ``text`` (in ``a``), up to the appendix."""
    first = plancore.convert(text, b, source=a).text
    return _body(first), _body(plancore.convert(plancore.convert(first, a, source=b).text, b, source=a).text)


SPECPULSE_TESTING = (
    "# Implementation Plan: Export\n\n## Specification Reference\n\n- **Spec**: spec.md\n\n"
    "## Architecture Overview\n\n### High-Level Design\n\nA CSV writer behind the board menu.\n\n"
    "## Testing Strategy\n\n### Golden Files\n\nEach export is compared with a file checked in.\n\n"
    "### Big Boards\n\n- A board of 10,000 cards exports in one pass\n\n"
    "## Implementation Phases\n\n### Phase 1: Rows [Priority: HIGH]\n\n#### Tasks\n\n- [ ] Write the row type\n\n"
    "## Additional Notes\n\nShip on Friday.\n"
)


def test_an_authors_subsections_keep_their_heading_beside_the_targets_sample_subsections() -> None:
    # SmartSpec writes its Unit/Integration/E2E samples beside the author's subsections of Testing
    # Strategy. Those samples counted as fields of the section, so the section was not carried whole to
    # SpecPulse (no testing field): its subsections went on their own, as top sections at the end,
    # and came back to SmartSpec there on the second cycle.
    smartspec = plancore.convert(SPECPULSE_TESTING, "smartspec", source="specpulse").text
    back = plancore.convert(smartspec, "specpulse", source="smartspec").text
    assert "## Testing Strategy\n### Golden Files\n" in back
    assert back.index("## Testing Strategy") < back.index("### Big Boards") < back.index("## Resource Requirements")
    # The samples are SmartSpec's template, not the author's: not carried.
    assert "unit_test" not in back
    again = plancore.convert(back, "smartspec", source="specpulse").text
    assert _body(again) == _body(smartspec)


MAESTRO_PHASE_CODE = (
    "# Implementation Plan: Export\n\n**Feature ID:** 007-export\n**Spec:** spec.md\n**Created:** 2026-05-01\n"
    "**Status:** Draft\n\n---\n\n## 5. Implementation Phases\n\n### Phase 1: Rows\n\n- **Tasks:**\n"
    "  - Write the row type\n- **Deliverable:** Rows\n\n#### Code: `rows.ts`\n\n"
    "```ts\nexport type Row = string[];\n```\n\n"
    "### Phase 2: Button\n\n- **Tasks:**\n  - Add the button\n- **Deliverable:** A button\n\n---\n"
)


def test_a_maestro_phases_own_subsection_is_a_section_of_that_phase() -> None:
    # Read into the phase's loose text, heading and all, it had no heading in a format placing no text in
    # a phase (SpecPulse carried it to its appendix) and left the phase on the second cycle.
    plan = plancore.parse(MAESTRO_PHASE_CODE, "maestro")
    assert [(s.heading, s.level, s.after) for s in plan.extra_sections] == [("Code: `rows.ts`", 4, "phases.0")]
    assert plancore.emit(plan, "maestro") == MAESTRO_PHASE_CODE
    back = plancore.convert(MAESTRO_PHASE_CODE, "specpulse", source="maestro").text
    assert back.index("### Phase 1") < back.index("#### Code: `rows.ts`") < back.index("### Phase 2")
    again = plancore.convert(back, "maestro", source="specpulse").text
    assert again.index("### Phase 1") < again.index("#### Code: `rows.ts`") < again.index("### Phase 2")
    assert _body(plancore.convert(again, "specpulse", source="maestro").text) == _body(back)


MAESTRO_CONTEXT_AND_DECISION = (
    "# Implementation Plan: Export\n\n**Feature ID:** 007-export\n**Spec:** spec.md\n**Created:** 2026-05-01\n"
    "**Status:** Draft\n\n---\n\n## 1. Architecture Overview\n\n### 1.1 High-Level Design\n\n"
    "{Describe how this feature fits into the existing architecture. Include a simple diagram if helpful.}\n\n"
    "### Technical Context\n\n- Language: Go 1.22\n\n"
    "## 5. Implementation Phases\n\n### Phase 1: Rows\n\n- **Tasks:**\n  - Write the row type\n\n---\n\n"
    "## 9. File Structure\n\n```text\nexport/\n```\n\n### Structure Decision\n\nOne package per format.\n"
)


def test_a_section_the_target_places_nowhere_stays_before_the_section_that_followed_it() -> None:
    # The architecture section carried whole (its field empty, the author's Technical Context in it) has
    # no place in a tasks file: it went to the end. Back in maestro the Structure Decision follows the
    # phases, which a tasks file places; the next cycle wrote it first and the architecture after it.
    tasks = plancore.convert(MAESTRO_CONTEXT_AND_DECISION, "speckit-tasks", source="maestro").text
    assert tasks.index("## Phase 1: Rows") < tasks.index("## 1. Architecture Overview\n\n### Technical Context")
    assert tasks.index("### Technical Context") < tasks.index("## Structure Decision")
    back = plancore.convert(tasks, "maestro", source="speckit-tasks").text
    # The Technical Context comes home into maestro's architecture section.
    # (maestro's samples 1.1 and 1.2 beside it are cut.)
    assert "## 1. Architecture Overview\n\n### Technical Context" in back and "### 1.1 High-Level" not in back
    again = plancore.convert(back, "speckit-tasks", source="maestro").text
    assert _body(again) == _body(tasks)


AADT_ROLLBACK = (
    "# Implementation Plan: Export\n\n## Overview\n\nBoards export to CSV.\n\n"
    "## Implementation Steps\n\n### Phase 1: Rows\n\n- [ ] Write the row type\n\n"
    "## Migration/Deployment\n\n### Rollback Plan\n\nTurn off the `export` flag.\n\n"
    "## Dependencies\n\n### Internal Dependencies\n\n- The board store\n"
)


def test_an_authors_subsection_the_target_has_a_heading_for_is_not_wrapped_in_its_section() -> None:
    # SpecPulse writes aadt's Rollback Plan in its Rollout Plan, beside its own samples. Back to aadt,
    # the Rollout Plan (its field empty) was carried whole with the Rollback Plan in it, so aadt's own
    # Rollback Plan kept its sample and the next cycle wrote the author's above SpecPulse's samples.
    specpulse = plancore.convert(AADT_ROLLBACK, "specpulse", source="aadt").text
    assert specpulse.index("### Monitoring & Observability") < specpulse.index("### Rollback Plan\nTurn off")
    back = plancore.convert(specpulse, "aadt", source="specpulse").text
    assert "## Rollout Plan" not in back
    assert "### Rollback Plan\n\nTurn off the `export` flag.\n" in back
    assert "Steps to rollback if issues are discovered" not in back
    again = plancore.convert(back, "specpulse", source="aadt").text
    assert _body(again) == _body(specpulse)


MAESTRO_PHASE_DELIVERABLES_CODE = (
    "# Implementation Plan: Export\n\n**Feature ID:** 007-export\n**Spec:** spec.md\n**Created:** 2026-05-01\n"
    "**Status:** Draft\n\n---\n\n## 5. Implementation Phases\n\n### Phase 1: Rows\n\n- **Tasks:**\n"
    "  - Write the row type\n- **Deliverables:**\n  - The row type\n  - Its tests\n\n#### Code: `rows.ts`\n\n"
    "```ts\nexport type Row = string[];\n```\n\n"
    "### Phase 2: Button\n\n- **Tasks:**\n  - Add the button\n\n---\n"
)


def test_a_phases_own_subsection_read_as_a_task_group_comes_back_as_its_subsection() -> None:
    # A tasks file reads the phase's Code subsection as a group beside the Deliverables group. Back to
    # maestro (no groups), both became bold tasks of the phase, and the next cycle wrote them as tasks.
    tasks = plancore.convert(MAESTRO_PHASE_DELIVERABLES_CODE, "speckit-tasks", source="maestro").text
    # Beside the Deliverables group, not under it: a level under the tasks file's phase heading.
    assert tasks.index("### Deliverables") < tasks.index("\n### Code: `rows.ts`") < tasks.index("## Phase 2")
    back = plancore.convert(tasks, "maestro", source="speckit-tasks").text
    assert "- **Deliverables:**\n  - The row type\n  - Its tests\n\n#### Code: `rows.ts`\n\n```ts\n" in back
    assert back.index("#### Code: `rows.ts`") < back.index("### Phase 2")
    assert "**Code" not in back
    again = plancore.convert(back, "speckit-tasks", source="maestro").text
    assert _body(again) == _body(tasks)


AADT_STEPS_WITH_CARRIED_MARK = (
    "# Implementation Plan: Export\n\n## Overview\n\nBoards export to CSV.\n\n"
    "## Implementation Steps\n\n### Phase 1: Rows\n\n#### Step 1.1: Rows\n\n**Tasks:**\n\n"
    "- [ ] Write the row type\n- [ ] Write the row tests\n\n"
    "## Appendix: Carried Over\n\n"
    "What the specpulse plan holds that the aadt format has no place for, under the specpulse plan's headings.\n\n"
    "### Implementation Phases\n\n#### Phase 1: Rows [Priority: HIGH]\n\n##### Tasks\n\n1. [x] Write the row type\n"
)


def test_an_appendix_item_holding_a_lost_mark_does_not_take_the_place_of_its_list() -> None:
    # The appendix keeps only the task whose check mark SpecPulse lost. Coming home to maestro, it became
    # the phase's task list (the phase's tasks were still in its step), and the step's tasks went to the
    # appendix: one task of two in the phase, and on the next cycle the task read as the phase's text.
    maestro = plancore.convert(AADT_STEPS_WITH_CARRIED_MARK, "maestro", source="aadt").text
    tasks = plancore.parse(maestro, "maestro").phases[0].tasks
    assert [task.text for task in tasks] == ["Write the row type", "Write the row tests"]
    # The mark maestro cannot hold stays carried.
    assert "1. [x] Write the row type" in maestro.split(f"## {APPENDIX_HEADING}")[1]


AADT_DEPENDENCIES_OPENING = (
    "# Implementation Plan: Export\n\n## Overview\n\nBoards export to CSV.\n\n"
    "## Dependencies\n\n### Components Reused\n\n- `ui/table.tsx`\n\n"
    "### External Dependencies\n\n| Dependency | Version | Purpose |\n| ---------- | ------- | ------- |\n"
    "| csv-stringify | ^6.0.0 | CSV rows |\n"
)


def test_an_aadt_authors_subsection_above_the_fields_own_stays_above_them() -> None:
    # Read as after the dependencies (aadt writes that after its External Dependencies table), it went
    # below SmartSpec's New Dependencies, and came back to SmartSpec from aadt on the other side of them.
    plan = plancore.parse(AADT_DEPENDENCIES_OPENING, "aadt")
    assert [(s.heading, s.level, s.after) for s in plan.extra_sections] == [
        ("Components Reused", 3, "dependencies.intro")
    ]
    assert plancore.emit(plan, "aadt") == AADT_DEPENDENCIES_OPENING
    smartspec = plancore.convert(AADT_DEPENDENCIES_OPENING, "smartspec", source="aadt").text
    assert smartspec.index("## Dependencies") < smartspec.index("### Components Reused")
    assert smartspec.index("### Components Reused") < smartspec.index("### New Dependencies")
    back = plancore.convert(smartspec, "aadt", source="smartspec").text
    assert _body(plancore.convert(back, "smartspec", source="aadt").text) == _body(smartspec)


SMARTSPEC_DEPENDENCY_NOTE = (
    "# Implementation Plan: Export\n\n## Executive Summary\n\nBoards export to CSV.\n\n## Dependencies\n\n"
    "### New Dependencies\n\n| Package | Version | Purpose |\n|---------|---------|---------|\n| csv | ^6 | rows |\n\n"
    "### Licences\n\nAll MIT.\n\n### Existing Dependencies Used\n\n- The board store\n"
)


def test_a_subsection_after_the_dependency_table_stays_after_it_in_aadt() -> None:
    # aadt wrote a section after the dependencies above its External Dependencies table, where its
    # reader now takes the author's opening subsections from: back in SmartSpec it would move up.
    aadt = plancore.convert(SMARTSPEC_DEPENDENCY_NOTE, "aadt", source="smartspec").text
    assert aadt.index("### External Dependencies") < aadt.index("### Licences") < aadt.index("### Internal")
    back = plancore.convert(aadt, "smartspec", source="aadt").text
    assert back.index("### New Dependencies") < back.index("### Licences") < back.index("### Existing Dependencies")


MAESTRO_HEADER_NOTE = (
    "# Implementation Plan: Export\n\n**Feature ID:** 007-export\n**Spec:** spec.md\n**Created:** 2026-05-01\n"
    "**Status:** Draft\n\n---\n\n- **Estimated Duration**: 2 days\n\n## 1. Architecture Overview\n\n"
    "### 1.1 High-Level Design\n\nA CSV writer behind the board menu.\n"
)


def test_text_under_a_title_stays_under_the_title_in_spec_kit_rapid() -> None:
    # maestro reads a line of the author's under its header as text before every section; Spec Kit
    # rapid wrote such text above its title, read it back as front matter, and maestro then wrote it
    # above its own title on the second cycle (pp-012's Estimated Duration, from SpecPulse).
    speckit = plancore.convert(MAESTRO_HEADER_NOTE, "speckit", source="maestro").text
    assert speckit.startswith("# Implementation Plan: Export\n")
    assert speckit.index("---\n\n- **Estimated Duration**: 2 days\n\n## Context") > 0
    maestro = plancore.convert(speckit, "maestro", source="speckit").text
    assert maestro.startswith("# Implementation Plan: Export\n")
    assert "**Status:** Draft\n\n---\n\n- **Estimated Duration**: 2 days\n\n## 1. Architecture" in maestro
    assert _body(plancore.convert(maestro, "speckit", source="maestro").text) == _body(speckit)


SMARTSPEC_REUSED = (
    "# Implementation Plan: Export\n\n## Executive Summary\n\nBoards export to CSV.\n\n## Dependencies\n\n"
    "### Components Reused\n\n- The board store\n- The download button\n"
)


def test_an_authors_subsection_of_empty_dependencies_opens_them_after_a_cycle() -> None:
    # Spec Kit rapid has one place in its Dependencies section, after its sample list: the subsection
    # that opened SmartSpec's section came back after SmartSpec's New Dependencies samples.
    plan = plancore.parse(SMARTSPEC_REUSED, "smartspec")
    assert [(s.heading, s.level, s.after) for s in plan.extra_sections] == [
        ("Components Reused", 3, "dependencies.intro")
    ]
    speckit = plancore.convert(SMARTSPEC_REUSED, "speckit", source="smartspec").text
    assert speckit.index("- API keys or credentials") < speckit.index("### Components Reused")
    back = plancore.convert(speckit, "smartspec", source="speckit").text
    assert back.index("## Dependencies") < back.index("### Components Reused")
    # SmartSpec's sample subsections are not written beside the author's own (test_placeholders_beside).
    assert "### New Dependencies" not in back
    assert _body(plancore.convert(back, "speckit", source="smartspec").text) == _body(speckit)


SPECPULSE_PHASE_SUBSECTIONS = (
    "# Implementation Plan: Export\n\n## Specification Reference\n- **Spec ID**: SPEC-007\n"
    "- **Generated**: 2026-05-01\n\n## Phase 1: Rows (1 day)\n\n### Goal of the phase\nRows as types.\n\n"
    "### Tasks\n\n#### T001: Row type\n**File**: `rows.ts`\n\n## Phase 2: Button (1 day)\n\n"
    "### Goal of the phase\nA button exports.\n\n### Tasks\n\n#### T002: Button\n**File**: `button.tsx`\n"
)


def test_a_phases_own_subsections_stand_a_level_under_the_targets_phase_heading() -> None:
    # SpecPulse's ``### Goal`` under ``## Phase 1`` stood at the level of SmartSpec's and maestro's
    # ``### Phase 1`` there: read back as sections after the phases, they went after the last phase.
    for target, phase in (("smartspec", "### Phase"), ("maestro", "### Phase"), ("speckit-tasks", "## Phase")):
        first = plancore.convert(SPECPULSE_PHASE_SUBSECTIONS, target, source="specpulse").text
        goal = "\n#" + phase.split(" ")[0] + " Goal of the phase\n"
        assert first.index(f"{phase} 1: Rows") < first.index(goal) < first.index(f"{phase} 2: Button"), target
        back = plancore.convert(first, "specpulse", source=target).text
        again = plancore.convert(back, target, source="specpulse").text
        assert _body(again) == _body(first), target


# Technical Context's layout (issue 11, cycles): a target without a stack field carries the section as its
# author wrote it; coming home, the section was written in the writer's layout (a paragraph per label, no
# line-end spaces, bold labels for `###` entries), and the next cycle carried that instead.
def _speckit_plan(context: str, *, title: str = "Implementation Plan: Albums", rest: str = "") -> str:
    return (
        f"# {title}\n\n**Branch**: `001-albums` | **Date**: 2026-01-21 | **Spec**: [spec.md](spec.md)\n\n"
        f"## Summary\n\nGroup photos into albums.\n\n{context}## Constitution Check\n\n- [x] Tests first\n\n{rest}"
    )


TIGHT_CONTEXT = (
    "## Technical Context\n\n**Language/Version**: TypeScript 5  \n**Primary Dependencies**: \n  - Vite\n  - exifr\n"
    "**Storage**: SQLite  \n**Testing**: Vitest\n**Target Platform**: Browsers  \n**Project Type**: web\n"
    "**Performance Goals**: 60 fps\n**Constraints**: offline\n**Scale/Scope**: 50 albums\n\n"
)
_STACK = [
    ("Language/Version", "Go 1.23"),
    ("Primary Dependencies", "- chi\n- sqlc"),
    ("Storage", "PostgreSQL 16"),
    ("Testing", "go test"),
    ("Target Platform", "Linux"),
    ("Project Type", "web service"),
    ("Performance Goals", "1k req/s"),
    ("Constraints", "- no cloud\n- one binary"),
    ("Scale/Scope", "one team"),
]
HEADED_CONTEXT = "## Technical Context\n\n" + "".join(f"### {label}\n\n{value}\n\n" for label, value in _STACK)


@pytest.mark.parametrize(
    ("context", "style"),
    [(TIGHT_CONTEXT, "tight ends=2,1,2,0,2,0,0,0,0"), (HEADED_CONTEXT, "headed")],
    ids=["tight", "headed"],
)
def test_a_technical_context_is_written_afresh_in_its_authors_layout(context: str, style: str) -> None:
    # Lines one under the other, some ending in two spaces (a hard break), one space after a label whose
    # value is a nested list; or each entry a subsection of its own.
    text = _speckit_plan(context)
    plan = plancore.parse(text, "speckit-github")
    assert plan.list_styles == (plancore.Labeled(label="architecture.tech_stack", value=style),)
    assert [entry.label for entry in plan.architecture.tech_stack][:2] == ["Language/Version", "Primary Dependencies"]
    # Layout only: the same plan as with the writer's own layout.
    assert attrs.evolve(plan, list_styles=()) == plan
    assert context in plancore.emit(attrs.evolve(plan, source=None), "speckit-github")


@pytest.mark.parametrize("context", [TIGHT_CONTEXT, HEADED_CONTEXT], ids=["tight", "headed"])
@pytest.mark.parametrize("target", ["smartspec", "maestro", "aadt"])
def test_a_technical_context_carried_through_a_format_without_a_stack_is_stable(context: str, target: str) -> None:
    first, again = _cycle(_speckit_plan(context), "speckit-github", target)
    assert again == first
    # Carried as written (maestro's a level lower, in its Architecture), and written back so.
    unmarked = re.compile(r"^#+ ", re.MULTILINE)
    assert unmarked.sub("", context.split("\n", 2)[2].rstrip("\n")) in unmarked.sub("", first)
    assert context in plancore.convert(first, "speckit-github", source=target).text


ZH_HANT_CONTEXT = "## 技術背景\n\n" + "".join(
    f"### {label}\n\n- {value}\n\n"
    for label, value in [
        ("使用語言／版本", "Node.js 20"),
        ("主要依賴", "express"),
        ("資料儲存", "SQLite"),
        ("測試環境", "node:test"),
        ("開發平台", "瀏覽器"),
        ("專案類型", "Web application"),
        ("效能目標", "1 秒內"),
        ("技術約束", "不引入 ORM"),
        ("實作規模／範圍", "單使用者"),
    ]
)
ZH_HANT_STRUCTURE = (
    "## 專案結構\n\n### 文件（本功能）\n\n```text\nspecs/001-albums/\n└── plan.md\n```\n\n"
    "### 原始碼（儲存庫根目錄）\n\n```text\nbackend/\n└── src/\n```\n"
)


def test_a_translated_stack_answers_every_template_label_in_zh_hant() -> None:
    # A full-width slash is the slash; 測試環境, 開發平台, 技術約束 are Testing, Target Platform, Constraints.
    assert [stack_key(label) for label in ("使用語言／版本", "測試環境", "開發平台", "技術約束", "實作規模／範圍")] == [
        "language/version",
        "testing",
        "target platform",
        "constraints",
        "scale/scope",
    ]
    plan = plancore.parse(_speckit_plan(ZH_HANT_CONTEXT, title="實作計畫：相簿"), "speckit-github")
    assert "NEEDS CLARIFICATION" not in plancore.emit(attrs.evolve(plan, source=None), "speckit-github")


@pytest.mark.parametrize("target", ["smartspec", "maestro", "aadt"])
def test_translated_own_sections_carried_elsewhere_come_home_in_their_place(target: str) -> None:
    # The Technical Context under its translated heading is a subsection of maestro's Architecture
    # (`### 技術背景`): a translated own heading below the top was not probed, and stayed a subsection of
    # the writer's empty Technical Context. Spec Kit's Project Structure subsections in translation,
    # carried as top sections, were not taken back as the trees they are: left before the Technical Context
    # came home, the documentation tree moved above it.
    text = _speckit_plan(ZH_HANT_CONTEXT, title="實作計畫：相簿", rest=ZH_HANT_STRUCTURE)
    first, again = _cycle(text, "speckit-github", target)
    assert again == first
    back = plancore.parse(plancore.convert(first, "speckit-github", source=target).text, "speckit-github")
    assert back.architecture.tech_stack[0].label == "使用語言／版本"
    assert back.documentation_structure.startswith("```text\nspecs/001-albums/")
    assert back.file_structure.startswith("```text\nbackend/")
    assert not [section.heading for section in back.extra_sections if section.level]


MAESTRO_DECISIONS = (
    "# Implementation Plan: Export\n\n**Feature ID:** 007-export\n**Spec:** spec.md\n**Created:** 2026-05-01\n"
    "**Status:** Draft\n\n---\n\n## 1. Architecture Overview\n\n### 1.1 High-Level Design\n\nA CSV writer.\n\n"
    "### 1.3 Key Design Decisions\n\n| Decision | Options Considered | Chosen | Rationale |\n"
    "| -------- | ------------------ | ------ | --------- |\n| Format | CSV, XLSX | CSV | Every tool reads it. |\n\n"
    "## 7. Risks and Mitigations\n\n| Risk | Likelihood | Impact | Mitigation |\n"
    "| ---- | ---------- | ------ | ---------- |\n| Big boards | Low | High | Stream the rows. |\n"
)


def test_a_maestro_heading_carried_without_its_number_is_maestros_own_coming_home() -> None:
    # Carried through Spec Kit, maestro's ``### 1.3 Key Design Decisions`` is titled without its number; back
    # in maestro that title was taken for the author's and written unnumbered on every later cycle.
    speckit = plancore.convert(MAESTRO_DECISIONS, "speckit-github", source="maestro").text
    assert "## Key Design Decisions\n" in speckit
    back = plancore.convert(speckit, "maestro", source="speckit-github").text
    # Its overview went to the Summary: the decisions are the first subsection of the Architecture Overview.
    assert "### 1.1 Key Design Decisions\n" in back and "## 7. Risks and Mitigations\n" in back
    assert not plancore.parse(back, "maestro").headings
    first, again = _cycle(back, "maestro", "speckit-github")
    assert again == first


SPECPULSE_FILE_CHANGES = (
    "# Implementation Plan: Export\n\n## Specification Reference\n\n- **Spec**: spec.md\n\n"
    "## Implementation Phases\n\n### Phase 1: Rows\n\n#### Tasks\n\n##### T001: Row type\n\nWrite it.\n\n"
    "### Phase 2: Button\n\n#### Tasks\n\n##### T002: Export button\n\nAdd it.\n\n"
    "## File Changes\n\n### New Files\n\n- `rows.ts`\n\n### Updated Files\n\n- `menu.ts`\n\n"
    "## Rollback Plan\n\nRevert the commit.\n"
)


def test_a_top_section_after_the_last_phase_is_not_that_phases_own() -> None:
    # In Spec Kit rapid the author's File Changes (a field neither SmartSpec nor Spec Kit holds) stands at
    # the top right after the last phase's ``#### Tasks``. Carried whole (``_empty_headed``), it took that
    # subsection's phase anchor, so it was read as the phase's own section and shifted with it under the
    # phase heading: back in SmartSpec ``###### Tasks`` and ``#### File Changes`` under Phase 2, deeper
    # on each cycle.
    smartspec = plancore.convert(SPECPULSE_FILE_CHANGES, "smartspec", source="specpulse").text
    speckit = plancore.convert(smartspec, "speckit", source="smartspec").text
    assert "### Phase 2: Button\n\n#### Tasks\n\n##### T002: Export button\n" in speckit
    # Spec Kit's own File Changes heading, its template's note kept beside the author's subsections.
    changes = speckit[speckit.index("\n## File Changes\n") :]
    assert "\n### New Files\n\n- `rows.ts`\n\n### Updated Files\n\n- `menu.ts`\n" in changes
    back = plancore.convert(speckit, "smartspec", source="speckit").text
    phase = back[back.index("### Phase 2: Button") :]
    headings = [line for line in phase.splitlines() if line.startswith("#")]
    assert headings[:6] == [
        "### Phase 2: Button",
        "#### Tasks",
        "##### T002: Export button",
        "## File Changes",
        "### New Files",
        "### Updated Files",
    ]
    assert "\n### New Files\n\n- `rows.ts`\n\n### Updated Files\n\n- `menu.ts`\n" in phase
    assert "######" not in back
    first, second = _cycle(smartspec, "smartspec", "speckit")
    assert second == first


SPECKIT_FILE_CHANGES_THEN_NOTES = (
    "# Implementation Plan: Export\n\n## Context\n\nBoards export to CSV.\n\n"
    "## Implementation Steps\n\n### Phase 1: Rows\n\n**Tasks:**\n\n1. T001 Write the row type\n\n"
    "## File Changes\n\nWhat files will be created/modified:\n\n**New files:**\n\n- `path/to/new/file.js` - Purpose\n\n"
    "**Modified files:**\n\n- `path/to/existing/file.js` - Changes needed\n\n"
    "### New Files\n\n```\nexport/rows.ts\n```\n\n"
    "## Review Notes\n\nAsk Dana before merging.\n\n## Testing Strategy\n\nGolden files.\n"
)


def test_the_sections_after_a_carried_section_that_comes_home_stay_after_it() -> None:
    # A tasks file carries File Changes (its field empty, the author's New Files under it) and Review Notes
    # after the phases, in that order. Back in Spec Kit rapid File Changes comes home to its own section,
    # which the template writes right after the phases; Review Notes kept the phases as its anchor, so it
    # was written before File Changes, and the next tasks file carried them the other way round
    # (pp-012's `📁 Dosya Değişiklikleri` after `📋 Özet`).
    tasks = plancore.convert(SPECKIT_FILE_CHANGES_THEN_NOTES, "speckit-tasks", source="speckit").text
    assert tasks.index("## Phase 1: Rows") < tasks.index("## File Changes") < tasks.index("## Review Notes")
    back = plancore.convert(tasks, "speckit", source="speckit-tasks").text
    assert back.index("### Phase 1: Rows") < back.index("## File Changes") < back.index("### New Files")
    assert back.index("### New Files") < back.index("## Review Notes") < back.index("## Testing Strategy")
    again = plancore.convert(back, "speckit-tasks", source="speckit").text
    assert _body(again) == _body(tasks)


def test_a_section_coming_home_to_a_field_written_further_on_leaves_the_next_section_where_it_stood() -> None:
    # Only a field the target writes right after the anchor stands where the carried section stood: Spec
    # Kit rapid writes its Testing Strategy after File Changes, so a section after a carried Testing
    # Strategy (anchored at the phases in a tasks file) stays after the phases (the rule that moved every
    # follower of a homecoming section moved them across whole sections, 32 pairs).
    tasks = (
        "# Tasks: Export\n\n## Phase 1: Rows\n\n- [ ] T001 Write the row type\n\n"
        "## Testing Strategy\n\nGolden files.\n\n## Review Notes\n\nAsk Dana before merging.\n"
    )
    plan = plancore.parse(tasks, "speckit-tasks")
    assert [(s.heading, s.after) for s in plan.extra_sections] == [
        ("Testing Strategy", "phases"),
        ("Review Notes", "phases"),
    ]
    back = plancore.convert(tasks, "speckit", source="speckit-tasks").text
    assert "## Testing Strategy\n\nGolden files.\n" in back
    assert back.index("### Phase 1: Rows") < back.index("## Review Notes") < back.index("## File Changes")


SPECPULSE_RULED_PHASES = (
    "# Implementation Plan: Export\n\n## Specification Reference\n\n- **Spec**: spec.md\n\n---\n\n"
    "## Implementation Phases\n\n### Phase 1: Rows [Priority: HIGH]\n**Timeline**: 1 day\n\n"
    "#### Tasks\n1. [ ] Write the row type\n\n#### Code: `rows.ts`\n```ts\nexport type Row = string[];\n```\n\n"
    "---\n\n### Phase 2: Button [Priority: LOW]\n**Timeline**: 2 days\n\n#### Tasks\n1. [ ] Add the button\n\n"
    "---\n\n## Additional Notes\n\nShip on Friday.\n"
)


def test_a_rule_parting_specpulse_phases_is_written_again_from_the_fields() -> None:
    # Spec Kit (no phases) carries the phases verbatim, with the author's rule between them; SpecPulse read
    # the rules as layout and wrote none, so the second Spec Kit plan lost them (pp-009).
    plan = plancore.parse(SPECPULSE_RULED_PHASES, "specpulse")
    assert [(s.label, s.value) for s in plan.list_styles] == [("phases", "---")]
    fresh = plancore.emit(attrs.evolve(plan, source=None), "specpulse")
    # Between the phases, after the phase's own subsection; the last one's rule closed the section.
    assert "export type Row = string[];\n```\n\n---\n\n### Phase 2: Button" in fresh
    last = fresh[fresh.index("### Phase 2: Button") :]
    assert "---" not in last[: last.index("\n## ")]
    assert plancore.parse(fresh, "specpulse") == attrs.evolve(plan, source=None)
    github = plancore.convert(SPECPULSE_RULED_PHASES, "speckit-github", source="specpulse").text
    assert "```\n\n---\n\n### Phase 2: Button" in github
    back = plancore.convert(github, "specpulse", source="speckit-github").text
    assert "```\n\n---\n\n### Phase 2: Button" in back
    first, again = _cycle(SPECPULSE_RULED_PHASES, "specpulse", "speckit-github")
    assert again == first


def test_phases_without_a_rule_between_each_are_written_without_rules() -> None:
    # One rule between three phases is the author's text in a phase, not a way of parting them.
    text = SPECPULSE_RULED_PHASES.replace(
        "---\n\n## Additional Notes", "### Phase 3: Docs\n\n#### Tasks\n1. [ ] Write the guide\n\n## Additional Notes"
    )
    text = text.replace("```\n\n---\n\n### Phase 2", "```\n\n### Phase 2")
    plan = plancore.parse(text, "specpulse")
    assert plan.list_styles == ()
    assert "\n---\n" not in plancore.emit(attrs.evolve(plan, source=None), "specpulse").split("## Implementation")[1]


TASKS_PHASE_WITH_CODE = (
    "# Tasks: Export\n\n## Phase 1: Rows\n\n**Estimate**: 45 min\n\n- [ ] Write the row type\n\n"
    "### Deliverables\n\n- [ ] The row type\n\n---\n\n### Code: `rows.ts`\n\n"
    "```ts\nexport type Row = string[];\n```\n\n## Phase 2: Button\n\n**Estimate**: 30 min\n\n- [ ] Add the button\n\n"
    "### Deliverables\n\n- [ ] A button\n\n---\n\n"
)


def test_carried_phases_with_their_own_subsections_come_home_in_their_order() -> None:
    # Spec Kit carries a tasks file's phases as its top sections. Back in a tasks file only the phases
    # read alone without a subsection of their own came home as phases; Phase 1 (its Code subsection
    # kept) stayed carried and was written after Phase 2 (pp-009's phases 4 and 5 before 1-3).
    github = plancore.convert(TASKS_PHASE_WITH_CODE, "speckit-github", source="speckit-tasks").text
    assert github.index("## Phase 1: Rows") < github.index("### Code: `rows.ts`") < github.index("## Phase 2")
    back = plancore.convert(github, "speckit-tasks", source="speckit-github").text
    plan = plancore.parse(back, "speckit-tasks")
    assert [phase.name for phase in plan.phases] == ["Rows", "Button"]
    assert [(s.heading, s.level, s.after) for s in plan.extra_sections if s.level] == [
        ("Code: `rows.ts`", 3, "phases.0")
    ]
    assert back.index("## Phase 1: Rows") < back.index("### Code: `rows.ts`") < back.index("## Phase 2: Button")
    first, again = _cycle(TASKS_PHASE_WITH_CODE, "speckit-tasks", "speckit-github")
    assert again == first


SPECPULSE_FAZ = (
    "# Implementation Plan: Export\n\n## Specification Reference\n\n- **Spec**: spec.md\n\n"
    "## 🏗️ Faz 1: Satırlar (30 dk)\n\n### Hedef\nSatır tipini yaz.\n\n### Deliverables\n- [ ] `rows.ts`\n\n"
    "## 🏗️ Faz 2: Düğme (1 saat)\n\n### Hedef\nDüğmeyi ekle.\n\n### Deliverables\n- [ ] `menu.ts`\n\n"
    "## Notlar\n\nCuma günü.\n"
)


def test_carried_phases_come_home_with_their_own_subsections_one_level_under_the_phase() -> None:
    # SpecPulse's top ``## 🏗️ Faz N`` phases, carried through Spec Kit, read alone keep their ``### Hedef``:
    # they stayed carried whole, so SpecPulse wrote them as sections beside an empty Implementation Phases
    # and the next Spec Kit plan (reading them as phases) carried the phases in another shape (pp-012).
    github = plancore.convert(SPECPULSE_FAZ, "speckit-github", source="specpulse").text
    back = plancore.convert(github, "specpulse", source="speckit-github").text
    plan = plancore.parse(back, "specpulse")
    assert [(phase.name, phase.estimate) for phase in plan.phases] == [("Satırlar", "30 dk"), ("Düğme", "1 saat")]
    # Headed as their author headed them (``Plan.list_styles``), their deliverables after their own sections.
    assert "## 🏗️ Faz 1: Satırlar (30 dk)\n\n### Hedef\nSatır tipini yaz.\n\n### Deliverables\n- [ ] `rows.ts`\n" in back
    assert back.index("## 🏗️ Faz 1: Satırlar") < back.index("### Hedef\nSatır") < back.index("## 🏗️ Faz 2: Düğme")
    assert "## Implementation Phases" not in back and "**Timeline**" not in back
    first, again = _cycle(back, "specpulse", "speckit-github")
    assert again == first


SPECPULSE_OWN_TASKS = (
    "# Implementation Plan: Export\n\n## Specification Reference\n- **Spec**: spec.md\n\n"
    "## Implementation Phases\n\n### Phase 1: Rows\n**Timeline**: 1 day\n\n#### Deliverables\n- [ ] `rows.ts`\n\n"
    "#### Steps\n##### S1: Row type\n**File**: `rows.ts`\n\n"
    "### Phase 2: Button\n**Timeline**: 2 days\n\n#### Deliverables\n- [ ] `menu.ts`\n\n## Additional Notes\nFriday.\n"
)


def test_a_phases_own_subsection_coming_home_takes_the_targets_heading_gap() -> None:
    # Spec Kit writes a blank line under each heading of the phases it carries; read back, the sections of a
    # phase's own (``#### Steps`` over ``##### S1``) kept them in SpecPulse, which writes none under its
    # own headings: the second SpecPulse plan differed from the first (pp-012 speckit-github>specpulse).
    github = plancore.convert(SPECPULSE_OWN_TASKS, "speckit-github", source="specpulse").text
    assert "#### Steps\n\n##### S1: Row type\n\n**File**: `rows.ts`\n" in github
    back = plancore.convert(github, "specpulse", source="speckit-github").text
    assert "#### Steps\n##### S1: Row type\n**File**: `rows.ts`\n" in back
    first, second = _cycle(github, "speckit-github", "specpulse")
    assert second == first


SPECPULSE_FAZ_RULED = (
    "# Implementation Plan: Export\n\n## Specification Reference\n\n- **Spec**: spec.md\n\n---\n\n"
    "## 🏗️ Faz 1: Satırlar (30 dk)\n\n### Hedef\nSatır tipini yaz.\n\n### Tasks\n\n#### T001: Satır tipi\n"
    "**Dosya**: `rows.ts`\n\n### Deliverables\n- [ ] `rows.ts`\n\n---\n\n"
    "## 🏗️ Faz 2: Düğme (1 saat)\n\n### Deliverables\n- [ ] `menu.ts`\n\n---\n\n## Notlar\n\nCuma günü.\n"
)


def test_phases_headed_in_the_authors_way_are_written_so_from_their_fields() -> None:
    # SpecPulse wrote an author's ``## 🏗️ Faz 1: Name (30 dk)`` phases as its own ``### Phase 1:
    # Name`` with a ``**Timeline**`` line, their deliverables before their own sections: carried
    # through Spec Kit and back, the phases then read in another shape (pp-012 specpulse>speckit-github).
    plan = plancore.parse(SPECPULSE_FAZ_RULED, "specpulse")
    assert [(p.name, p.estimate) for p in plan.phases] == [("Satırlar", "30 dk"), ("Düğme", "1 saat")]
    fresh = plancore.emit(attrs.evolve(plan, source=None), "specpulse")
    assert (
        "## 🏗️ Faz 1: Satırlar (30 dk)\n\n### Hedef\nSatır tipini yaz.\n\n### Tasks\n#### T001: Satır tipi\n"
        "**Dosya**: `rows.ts`\n\n### Deliverables\n- [ ] `rows.ts`\n\n---\n\n## 🏗️ Faz 2: Düğme (1 saat)\n"
    ) in fresh
    assert "## Implementation Phases" not in fresh and "**Timeline**" not in fresh
    again = plancore.parse(fresh, "specpulse")
    assert again.phases == plan.phases and again.list_styles == plan.list_styles
    first, second = _cycle(SPECPULSE_FAZ_RULED, "specpulse", "speckit-github")
    assert second == first
    # A phase marked done, written afresh or over the author's text, is headed so with its mark.
    done = attrs.evolve(plan, phases=(attrs.evolve(plan.phases[0], done=True), plan.phases[1]))
    assert "## 🏗️ Faz 1: Satırlar (30 dk) ✅\n\n### Hedef" in plancore.emit(attrs.evolve(done, source=None), "specpulse")
    changed = [line for line in plancore.emit(done, "specpulse").split("\n") if line not in SPECPULSE_FAZ_RULED]
    assert changed == ["## 🏗️ Faz 1: Satırlar (30 dk) ✅"]


@pytest.mark.parametrize(
    "heading",
    [
        "### Phase 1: Satırlar",  # SpecPulse's own: nothing to keep
        "## 🏗️ Faz 1: Satırlar [Priority: HIGH]",  # a priority in it: written as SpecPulse's own
        "## 🏗️ Phase 1: Satırlar (30 dk)",  # not as the next phase is headed
    ],
)
def test_phases_headed_as_the_writer_cannot_write_keep_no_heading_layout(heading: str) -> None:
    text = SPECPULSE_FAZ_RULED.replace("## 🏗️ Faz 1: Satırlar (30 dk)", heading)
    if heading.startswith("### Phase"):
        text = text.replace("---\n\n### Phase", "## Implementation Phases\n\n### Phase")
    plan = plancore.parse(text, "specpulse")
    assert not any(style.label == "phases.name" for style in plan.list_styles)


def test_another_formats_phases_with_their_own_subsections_come_home_under_the_targets_heading() -> None:
    # Spec Kit (no phases) carries SpecPulse's Implementation Phases, a phase's Code subsection in it. Spec
    # Kit rapid took them for its phases only when no subsection was left over, and the Code subsection
    # (the phase's own) was: the phases stayed carried beside Spec Kit's sample steps, read back as phases
    # named ``Rows [Priority: HIGH]`` (pp-009 speckit-github>speckit).
    github = plancore.convert(SPECPULSE_RULED_PHASES, "speckit-github", source="specpulse").text
    speckit = plancore.convert(github, "speckit", source="speckit-github").text
    assert "[Foundation]" not in speckit and "## Implementation Phases" not in speckit
    assert "### Phase 1: Rows\n\n**Tasks:**\n\n1. Write the row type\n\n**Estimated time:** 1 day\n\n" in speckit
    assert speckit.index("### Phase 1: Rows") < speckit.index("#### Code: `rows.ts`") < speckit.index("### Phase 2")
    plan = plancore.parse(speckit, "speckit")
    assert [phase.name for phase in plan.phases] == ["Rows", "Button"]
    # Spec Kit rapid writes the notes (no field of its own) before its Implementation Steps, where they
    # followed the Technical Context carried before the phases; carried back, they stay before them.
    assert speckit.index("## Additional Notes") < speckit.index("## Implementation Steps")
    back = plancore.convert(speckit, "speckit-github", source="speckit").text
    assert back.index("## Additional Notes") < back.index("## Implementation Steps")
    first, again = _cycle(github, "speckit-github", "speckit")
    assert again == first


CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"


@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is absent")
@pytest.mark.parametrize(
    ("name", "a", "b"),
    [
        ("specpulse/pp-012-portfolio-assets-redesign-tr.md", "speckit", "speckit-tasks"),
        ("specpulse/pp-009-asset-price-chart.md", "specpulse", "speckit-github"),
    ],
)
def test_corpus_pairs_of_these_kinds_are_stable_after_one_cycle(name: str, a: str, b: str) -> None:
    # pp-012: `📁 Dosya Değişiklikleri` after `📋 Özet` on the second pass; pp-009: the rules between the
    # phases lost on the second pass.
    text = (CORPUS / name).read_text(encoding="utf-8")
    start = plancore.convert(text, a, source=name.split("/")[0]).text
    first, again = _cycle(start, a, b)
    assert again == first


SMARTSPEC_ROLLOUT_STRATEGY = (
    "# Implementation Plan: Export\n\n## Executive Summary\n\nA CSV export of the board.\n\n"
    "## Phase Rollout Strategy\n\n1. **Alpha**: the team\n   - Try every board\n2. **GA**: everyone\n\n"
    "## Rollout Plan\n\n### Phase 1: Rows\n\n**Duration**: 2 days\n\n**Tasks:**\n- [ ] Write the row type\n\n"
    "## Phase Dependencies\n\nRows before the button.\n"
)


def test_a_heading_about_phases_is_no_spec_kit_phase() -> None:
    # Spec Kit's tasks reader took every heading starting with "Phase" for a phase: `## Phase Rollout
    # Strategy` carried to tasks.md came back as `Phase 8: Strategy` (its first word taken for a number).
    first, again = _cycle(SMARTSPEC_ROLLOUT_STRATEGY, "smartspec", "speckit-tasks")
    assert "## Phase Rollout Strategy\n\n1. **Alpha**: the team\n" in first
    assert "## Phase Dependencies\n\nRows before the button." in first
    assert again == first
    plan = plancore.parse(first, "speckit-tasks")
    assert [phase.name for phase in plan.phases] == ["Rows"]


@pytest.mark.parametrize(
    ("heading", "name"),
    [("Phase 3: Polish", "Polish"), ("Phase N: Polish", "Polish"), ("Phase IV: Polish", "Polish"), ("Phase 2", "")],
)
def test_a_numbered_phase_heading_is_still_a_spec_kit_phase(heading: str, name: str) -> None:
    plan = plancore.parse(f"# Tasks: Export\n\n## {heading}\n\n- [ ] T001 Write the row type\n", "speckit-tasks")
    assert [phase.name for phase in plan.phases] == [name]


MAESTRO_ROLLOUT = (
    "# Implementation Plan: Export\n\n**Feature ID:** 007-export\n**Spec:** spec.md\n**Created:** 2026-05-01\n"
    "**Status:** Draft\n\n---\n\n## 5. Implementation Phases\n\n### Phase 1: Rows\n\n- **Tasks:**\n"
    "  - Write the row type\n- **Deliverable:** Rows\n\n### Phase 2: Button\n\n- **Tasks:**\n  - Add the button\n"
    "- **Deliverable:** A button\n\n---\n\n## Rollout Plan\n\n### Phase Rollout Strategy\n\n1. **Alpha**: the team\n"
    "2. **GA**: everyone\n\n### Monitoring\n\n- Export failures per day\n"
)


def test_an_authors_section_headed_as_the_targets_filled_field_opens_into_its_subsections() -> None:
    # SmartSpec's Rollout Plan holds the phases. The author's maestro Rollout Plan carried under that heading
    # was read back as SmartSpec's phases: one phase `Phase Rollout Strategy`, the seven real ones carried
    # as an extra section (and reported lost); on the next cycle they moved again.
    first, again = _cycle(MAESTRO_ROLLOUT, "maestro", "smartspec")
    assert first.count("## Rollout Plan\n") == 1
    assert "## Phase Rollout Strategy\n\n1. **Alpha**: the team\n2. **GA**: everyone\n\n## Monitoring\n" in first
    plan = plancore.parse(first, "smartspec")
    assert [phase.name for phase in plan.phases] == ["Rows", "Button"]
    assert again == first
    conversion = plancore.convert(MAESTRO_ROLLOUT, "smartspec", source="maestro")
    assert not any(loss.path.startswith("phases[") and loss.path.endswith(".name") for loss in conversion.losses)


AADT_ONE_WORD_COMPONENT = (
    "# Implementation Plan: Export\n\n**Created:** 2026-05-01\n\n## Overview\n\nA CSV export.\n\n"
    "## Architecture\n\n### Component Changes\n\n| Component     | Change Type | Description |\n"
    "| ------------- | ----------- | ----------- |\n| Exporter      | Modified    |             |\n"
    "| Board Store   | Modified    |             |\n\n## Launch\n\n### Friday\n\nShip it.\n\n"
    "## Implementation Steps\n\n### Phase 1: Rows\n\n#### Step 1.1: Rows\n\n**Tasks:**\n\n- [ ] Write the row type\n"
)


def test_an_item_named_in_one_word_is_carried_in_its_row() -> None:
    # A lost value of one word is written as it is in the appendix (a change type the writer lays out by):
    # so was an item's name (`Exporter`), whose row then held no token and was carried as loose lines
    # (`- **Name:** Exporter`, `- **Exporter — Change type:** Modified`) that came home to no component.
    tasks = plancore.convert(AADT_ONE_WORD_COMPONENT, "speckit-tasks", source="aadt").text
    appendix = tasks.split(f"## {APPENDIX_HEADING}")[1]
    assert "| Exporter | Modified |\n| Board Store | Modified |" in appendix
    assert "**Name:**" not in appendix
    back = plancore.parse(plancore.convert(tasks, "aadt", source="speckit-tasks").text, "aadt")
    assert [(c.name, c.change_type) for c in back.architecture.components] == [
        ("Exporter", "Modified"),
        ("Board Store", "Modified"),
    ]
    first, again = _cycle(tasks, "speckit-tasks", "aadt")
    assert again == first


MAESTRO_ENDPOINT_AUTH = (
    "# Implementation Plan: Reset\n\n**Feature ID:** 007-reset\n**Status:** Draft\n\n---\n\n"
    "## 2. Component Design\n\n### 2.1 New Components\n\n#### Component: ResetController\n\n"
    "- **Purpose:** Accepts reset requests\n- **Technology:** FastAPI\n\n---\n\n"
    "## 4. API Contracts\n\n### 4.1 New Endpoints/Methods\n\n#### POST /password-resets\n\n"
    "- **Purpose:** Request a reset email\n- **Auth:** None\n\n#### PUT /password-resets/{token}\n\n"
    "- **Purpose:** Set the new password\n- **Auth:** Token\n\n---\n\n"
    "## 5. Implementation Phases\n\n### Phase 1: Build\n\n- **Tasks:**\n  - Build the endpoints\n"
)


def test_a_lost_one_word_value_stands_under_its_items_heading_in_the_appendix() -> None:
    # An endpoint's `Auth: None` is one word, written as it is in the appendix's rendering (its line then held
    # no token): it was carried as a loose `- **Auth:** None` naming no endpoint, and `Token` not at all (the
    # word was found elsewhere). The method, which maestro titles the endpoint by, stays in its heading.
    tasks = plancore.convert(MAESTRO_ENDPOINT_AUTH, "speckit-tasks", source="maestro").text
    appendix = tasks.split(f"## {APPENDIX_HEADING}")[1]
    assert "##### POST /password-resets\n\n- **Purpose:** Request a reset email\n- **Auth:** None\n" in appendix
    assert "##### PUT /password-resets/{token}\n\n- **Purpose:** Set the new password\n- **Auth:** Token\n" in appendix
    assert "##### Component: ResetController\n\n- **Purpose:** Accepts reset requests\n- **Technology:** FastAPI\n" in (
        appendix
    )
    # No loose line above the source's sections.
    assert "**Auth:**" not in appendix.split("\n### ")[0]
    back = plancore.parse(plancore.convert(tasks, "maestro", source="speckit-tasks").text, "maestro")
    assert [(e.method, e.path, e.auth) for e in back.api.endpoints] == [
        ("POST", "/password-resets", "None"),
        ("PUT", "/password-resets/{token}", "Token"),
    ]
    first, again = _cycle(tasks, "speckit-tasks", "maestro")
    assert again == first


PP_009 = SHARED / "corpus" / "specpulse" / "pp-009-asset-price-chart.md"


@pytest.mark.skipif(not PP_009.exists(), reason="../shared/corpus/specpulse/pp-009-asset-price-chart.md is absent")
def test_a_carried_rows_name_column_stays_beside_its_lost_values() -> None:
    # The dependencies' names land in SmartSpec's New Dependencies table, their risks (one word) and contingencies
    # do not: the appendix's rows keep the column naming each (the names keep their tokens beside lost values).
    text = plancore.convert(PP_009.read_text(encoding="utf-8"), "smartspec", source="specpulse").text
    appendix = text.split(f"## {APPENDIX_HEADING}")[1]
    assert "| Dependency | Risk | Contingency |\n" in appendix
    assert "| Yahoo Finance API | Medium | Cache aggressively, show stale data |\n" in appendix


def test_the_heading_of_an_opened_section_is_reported_and_carried() -> None:
    # Opened into its subsections, the author's `## Rollout Plan` heads none of them in SmartSpec (its
    # Rollout Plan there is SmartSpec's own, over the phases): it went unreported.
    conversion = plancore.convert(MAESTRO_ROLLOUT, "smartspec", source="maestro")
    lost = [loss for loss in conversion.losses if loss.path == "extra_sections[0].heading"]
    assert [loss.value for loss in lost] == ["Rollout Plan"]
    assert lost[0].reason.startswith("smartspec reads its own section under this heading")
    appendix = conversion.text.split(APPENDIX_HEADING)[1]
    assert "Headings the maestro plan gave its sections:\n- Rollout Plan\n" in appendix
    sections = conversion.lost_sections()
    assert ("Rollout Plan", ["extra_sections[0].heading"]) in [
        (section.heading, [loss.path for loss in section.losses]) for section in sections
    ]
    # Its subsections stand in the output whole and are no loss.
    assert not any(loss.path == "extra_sections[0]" for loss in conversion.losses)
    report = {field.path: field.outcome for field in conversion.report()}
    assert report["extra_sections[0].heading"] == "appendix"
