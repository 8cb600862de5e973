"""A -> B -> A -> B with an author's sections beside a plan's phases: each reader tells a section inside a
phase (``phases.N``) from one after the phases, so every writer puts it back where it stood and a second
cycle writes what the first did (hand-written inputs, one per kind that made a cycle unstable)."""

from __future__ import annotations

import attrs

import plancore
from plancore._report import APPENDIX_HEADING


def _own(plan: plancore.Plan) -> list[tuple[str, int, str]]:
    return [(s.heading, s.level, s.after) for s in plan.extra_sections if s.heading != APPENDIX_HEADING]


def _body(text: str) -> str:
    return text.split(f"## {APPENDIX_HEADING}")[0]


SMARTSPEC = (
    "# Implementation Plan: Export\n\n## Executive Summary\n\nExport boards as CSV.\n\n## Rollout Plan\n\n"
    "### Phase 1: Types\n\n- Duration: 1 day\n- [ ] Write the row type\n\n#### Code: `rows.ts`\n\n"
    "```ts\nexport type Row = string[];\n```\n\n"
    "### Phase 2: Button\n\n- Duration: 1 day\n- [ ] Add the button\n\n## Rollback Plan\n\nHide the button.\n"
)


def test_a_smartspec_phases_own_subsection_is_read_as_that_phases() -> None:
    assert _own(plancore.parse(SMARTSPEC, "smartspec")) == [("Code: `rows.ts`", 4, "phases.0")]


def test_a_phases_own_subsection_stays_in_its_phase_through_a_tasks_file_and_back() -> None:
    # Read as an empty task group of the tasks file, it went to SmartSpec's appendix as a step on the
    # way back and came out a task group (``###``) on the second cycle.
    # A level under the tasks file's phase heading (``##``), as under SmartSpec's (``###``).
    tasks = plancore.convert(SMARTSPEC, "speckit-tasks", source="smartspec").text
    assert tasks.index("## Phase 1") < tasks.index("\n### Code: `rows.ts`") < tasks.index("## Phase 2")
    read = plancore.parse(tasks, "speckit-tasks")
    assert [p.steps for p in read.phases] == [(), ()]
    assert _own(read) == [("Code: `rows.ts`", 3, "phases.0")]
    back = plancore.convert(tasks, "smartspec", source="speckit-tasks").text
    assert APPENDIX_HEADING not in back
    assert back.index("### Phase 1") < back.index("#### Code: `rows.ts`") < back.index("### Phase 2")
    again = plancore.convert(back, "speckit-tasks", source="smartspec").text
    assert _body(again) == _body(tasks)


TASKS = (
    "# Tasks: Export\n\n## Phase 1: Setup\n\n- [ ] T001 Create the module\n\n### Tests\n\n"
    "- [ ] T002 Test quoting\n\n### Done when\n\n**Checkpoint**: rows export\n\n### Files\n\n- `rows.ts`\n\n"
    "---\n\n### Notes\n\n"
    "The module streams rows.\n\n#### Why\n\nBoards are big.\n\n## Phase 2: Button\n\n- [ ] T003 Add the button\n\n"
    "## Notes\n\nShip on Friday.\n"
)


def test_a_tasks_files_trailing_subsections_without_tasks_are_the_authors_sections() -> None:
    plan = plancore.parse(TASKS, "speckit-tasks")
    # Groups above the phase's closing rule are the phase's (one of notes only too); what stands below
    # it and groups nothing is the author's.
    assert [s.title for s in plan.phases[0].steps] == ["Tests", "Done when", "Files"]
    assert plan.phases[0].checkpoint == "rows export"
    assert [(s.heading, s.level, s.after, s.body) for s in plan.extra_sections] == [
        ("Notes", 3, "phases.0", "The module streams rows.\n\n#### Why\n\nBoards are big."),
        ("Notes", 2, "phases", "Ship on Friday."),
    ]
    assert plancore.emit(plan, "speckit-tasks") == TASKS
    # Written afresh, they stand after the phase's tasks, where they are read as before.
    fresh = plancore.emit(attrs.evolve(plan, source=None), "speckit-tasks")
    assert plancore.parse(fresh, "speckit-tasks") == plan


AADT = (
    "# Implementation Plan: Export\n\n## Overview\n\nExport boards.\n\n## Implementation Steps\n\n"
    "### Phase 1: Types\n\n#### Step 1.1: Row type\n\n**Tasks:**\n\n- [ ] Write the row type\n\n"
    "### Phase 2: Button\n\n#### Step 2.1: Button\n\n**Tasks:**\n\n- [ ] Add the button\n\n"
    "## Source Code\n\n```text\nsrc/rows.ts\n```\n\n## Notes\n\nShip on Friday.\n"
)


def test_a_section_after_aadts_last_phase_is_after_the_phases() -> None:
    # Read as the last phase's, SpecPulse wrote it inside that phase, and aadt read it back there.
    assert _own(plancore.parse(AADT, "aadt")) == [("Source Code", 2, "phases")]
    specpulse = plancore.convert(AADT, "specpulse", source="aadt").text
    assert specpulse.index("### Phase 2") < specpulse.index("## Source Code")
    back = plancore.convert(specpulse, "aadt", source="specpulse").text
    assert _own(plancore.parse(back, "aadt")) == [("Source Code", 2, "phases")]
    again = plancore.convert(back, "specpulse", source="aadt").text
    assert _body(again) == _body(specpulse)


SPECPULSE = (
    "# Implementation Plan: Export\n\n## Architecture Overview\n\n"
    "### High-Level Design\n\nThe exporter streams rows.\n\n"
    "### Technical Stack\n\n- **Backend**: Python 3.12\n- **Database**: PostgreSQL\n\n## Implementation Phases\n\n"
    "### Phase 1: Build [Priority: HIGH]\n\n#### Tasks\n1. [ ] Write the exporter\n\n"
)


def test_a_stack_carried_beside_a_section_read_whole_is_not_read_back_as_that_sections_text() -> None:
    # maestro reads Component Interactions with its subsections as one text: a stack placed within
    # it came back as the interactions, so the next conversion wrote them as such.
    maestro = plancore.convert(SPECPULSE, "maestro", source="specpulse").text
    assert maestro.index("### 1.2 Component Interactions") < maestro.index("### Technical Stack")
    assert "#### Technical Stack" not in maestro
    read = plancore.parse(maestro, "maestro")
    assert "Python 3.12" not in read.architecture.interactions
    assert ("Technical Stack", 3) in [(s.heading, s.level) for s in read.extra_sections]
    back = plancore.convert(maestro, "specpulse", source="maestro").text
    again = plancore.convert(back, "maestro", source="specpulse").text
    assert _body(again) == _body(maestro)


SPECPULSE_PHASES = (
    "# Implementation Plan: Export\n\n<!-- FEATURE_ID: 007 -->\n\n"
    "## Specification Reference\n- **Spec ID**: SPEC-007\n\n## Implementation Phases\n\n"
    "### Phase 1: Build\n\n#### Tasks\n1. [ ] Write the exporter\n\n"
    "### Phase 2: Ship [Priority: LOW]\n\n#### Tasks\n1. [ ] Add the button\n\n"
    "## Resource Requirements\n\n### Development\n- **Developer**: 1\n\n### Infrastructure\n- **Hosting**: one VM\n"
)


def test_an_appendix_lists_what_stands_under_no_heading_above_the_sources_sections() -> None:
    # After the last carried section (a phase's priority), the list of the author's headings read
    # as part of that phase, and came home as its description. The author's Development heading
    # stands over its text in the carried Resource Requirements, so it is listed nowhere else now.
    maestro = plancore.convert(SPECPULSE_PHASES, "maestro", source="specpulse").text
    appendix = maestro[maestro.index(f"## {APPENDIX_HEADING}") :]
    assert "Headings the specpulse plan gave its sections:" not in appendix
    assert maestro.count("### Development\n") == 1 and "### Development\n" not in appendix
    back = plancore.convert(maestro, "specpulse", source="maestro").text
    assert [p.description for p in plancore.parse(back, "specpulse").phases] == ["", ""]
    again = plancore.convert(back, "maestro", source="specpulse").text
    assert _body(again) == _body(maestro)


AADT_TESTING = (
    "# Implementation Plan: Export\n\n## Overview\n\nExport boards.\n\n## Implementation Steps\n\n"
    "### Phase 1: Types\n\n#### Step 1.1: Row type\n\n**Tasks:**\n\n- [ ] Write the row type\n\n"
    "## Testing Strategy\n\n### Unit Tests\n\n- Quoting\n\n## Notes\n\nShip on Friday.\n"
)


def test_a_carried_section_leaves_out_the_source_templates_sample_subsections() -> None:
    # aadt writes its template's Integration and Manual Testing samples beside the author's Unit
    # Tests; carried whole, SpecPulse's copy held them as the author's on the second cycle.
    specpulse = plancore.convert(AADT_TESTING, "specpulse", source="aadt").text
    back = plancore.convert(specpulse, "aadt", source="specpulse").text
    # (aadt's own Manual Testing sample beside the author's Unit Tests is cut too.)
    assert "### Manual Testing" not in back and "### Unit Tests" in back
    again = plancore.convert(back, "specpulse", source="aadt").text
    assert "Manual Testing" not in _body(again)
    assert _body(again) == _body(specpulse)


def test_a_carried_section_leaves_its_closing_rule_behind() -> None:
    # The ``---`` closing the source's section sets it apart from the next: written inside the target's
    # section, it stood between two of the target's subsections on the first pass and not on the next.
    ruled = SPECPULSE.replace("## Implementation Phases", "---\n\n## Implementation Phases")
    maestro = plancore.convert(ruled, "maestro", source="specpulse").text
    # Up to the rule maestro closes its section 1 with (its sample 1.3 beside the author's design is cut).
    stack = maestro[maestro.index("### Technical Stack") : maestro.index("\n---\n\n## 2. ")]
    assert "---" not in stack
    back = plancore.convert(maestro, "specpulse", source="maestro").text
    again = plancore.convert(back, "maestro", source="specpulse").text
    assert _body(again) == _body(maestro)
