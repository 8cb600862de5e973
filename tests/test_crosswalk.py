"""The crosswalk: content a target does not hold in the source's shape lands
where a person converting by hand would put it (hand-written inputs)."""

from __future__ import annotations

import re
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import plancore
from plancore._crosswalk import _blank_pair
from plancore._registry import get_format
from plancore._report import APPENDIX_HEADING

SMARTSPEC = """# Implementation Plan: Export

## Executive Summary

Users can export their boards as CSV.

## Technical Decisions

### Decision 1: File format

- **Context:** Spreadsheets must open it.
- **Decision:** CSV
- **Rationale:** Every spreadsheet reads CSV.

## Rollout Plan

### Phase 1: Development

- Duration: 2 days
- Activities: Write the exporter

## Rollback Plan

Hide the export button.
"""

SPECPULSE_TASKS = """# Implementation Plan: Export

## Implementation Phases

### Phase 1: Build [Priority: HIGH]
**Timeline**: 2 days

#### Tasks
1. [ ] Write the exporter
2. [ ] Add the button
"""


def _body(text: str) -> str:
    return text.split(f"## {APPENDIX_HEADING}")[0]


def test_summary_fills_the_rapid_spec_kit_context() -> None:
    text = plancore.convert(SMARTSPEC, "speckit", source="smartspec").text
    context = text.split("## Context")[1].split("## Technical Approach")[0]
    assert "Users can export their boards as CSV." in context
    assert "{{SPECIFICATION}}" not in context


def test_a_filled_phase_keeps_its_name_and_shows_no_template_tasks() -> None:
    text = plancore.convert(SMARTSPEC, "speckit", source="smartspec").text
    assert "### Phase 1: Development\n" in text
    assert "[Foundation]" not in text
    assert "Task 1" not in text
    assert "**Estimated time:** 2 days\n\nWrite the exporter" in text


def test_decisions_are_carried_once_under_the_technical_approach() -> None:
    conversion = plancore.convert(SMARTSPEC, "speckit", source="smartspec")
    text = conversion.text
    assert text.count("Decision 1: File format") == 1
    approach = text.split("## Technical Approach")[1].split("## Implementation Steps")[0]
    assert "#### Decision 1: File format" in approach
    assert "- **Rationale:** Every spreadsheet reads CSV." in approach
    assert not any(loss.path.startswith("decisions") for loss in conversion.losses)
    assert {p.path for p in conversion.placed} >= {"decisions[0].title", "decisions[0].choice"}


def test_a_phases_tasks_become_a_step_of_that_phase_in_aadt() -> None:
    conversion = plancore.convert(SPECPULSE_TASKS, "aadt", source="specpulse")
    text = conversion.text
    assert "#### Step 1.1: Build\n" in text
    assert "- [ ] Write the exporter\n- [ ] Add the button" in _body(text)
    assert "{{Step Title}}" not in text
    assert "Task 1" not in text
    # The phase's priority, its author's, is the phase's `**Priority:**` line there: nothing of it is carried.
    assert "**Priority:** HIGH\n" in text
    assert not [loss.path for loss in conversion.losses if loss.path.startswith("phases")]


def test_steps_come_back_as_the_phases_tasks() -> None:
    aadt = plancore.convert(SPECPULSE_TASKS, "aadt", source="specpulse").text
    back = plancore.parse(plancore.convert(aadt, "specpulse", source="aadt").text, "specpulse")
    assert [task.text for task in back.phases[0].tasks] == ["Write the exporter", "Add the button"]


def test_a_section_with_no_home_is_carried_as_written_not_appended() -> None:
    conversion = plancore.convert(SMARTSPEC, "maestro", source="smartspec")
    body = _body(conversion.text)
    assert "## Rollback Plan\n\nHide the export button." in body
    assert conversion.text.count("Hide the export button.") == 1


def test_unfilled_sections_are_kept_by_default_and_dropped_on_request() -> None:
    kept = plancore.convert(SMARTSPEC, "speckit", source="smartspec").text
    dropped = plancore.convert(SMARTSPEC, "speckit", source="smartspec", unfilled="drop").text
    assert "## Deployment\n\nHow will this be deployed:" in kept
    assert "## Deployment" not in dropped
    assert "## Risk Assessment" not in dropped
    for filled in ("## Context", "### Phase 1: Development", "## Rollback Plan", "#### Decision 1: File format"):
        assert filled in dropped


def test_unfilled_takes_keep_or_drop() -> None:
    with pytest.raises(plancore.PlanTypeError, match="unfilled"):
        plancore.convert(SMARTSPEC, "speckit", unfilled="hide")


# Written for these tests: a SmartSpec plan with a component table, a
# dependency and migrations, but no risks.
SMARTSPEC_PARTS = """# Implementation Plan: Export

## Architecture Overview

### Component Design

| Component | Responsibility | Technology | Notes |
|-----------|---------------|------------|-------|
| Exporter | Writes the CSV | Python | Streams rows |
| ExportButton | Starts an export | React | |

## Database Schema

### Migrations

- Migration 1: add `exports`

## Dependencies

### New Dependencies

| Package | Version | Purpose |
|---------|---------|---------|
| csvkit | 1.0 | CSV writing |
"""

MAESTRO_COMPONENT = """# Implementation Plan: Export

**Feature ID:** 012

---

## 2. Component Design

### 2.1 New Components

#### Component: Exporter

- **Purpose:** Writes the CSV
- **Location:** `src/export.py`
- **Dependencies:** the board store
- **Dependents:** ExportButton
- **Technology:** Python
"""


@pytest.mark.parametrize("target", ["aadt", "speckit"])
def test_the_appendix_is_the_last_section(target: str) -> None:
    # A component row without a name: its technology has a place in neither
    # target (a component's details go under its name), so there is an appendix.
    plan = SMARTSPEC_PARTS.replace("| ExportButton |", "| | Logs each export | structlog | |\n| ExportButton |")
    text = plancore.convert(plan, target, source="smartspec").text
    appendix = text.index(f"## {APPENDIX_HEADING}")
    assert "\n## " not in text[appendix + 3 :], "no section after the appendix"
    if target == "aadt":
        assert "## Progress Log" in text[:appendix]
    # Rapid Spec Kit's closing instructions ask to fill the Context; filled, they are left out.
    assert "Instructions to LLM" not in text or "{{SPECIFICATION}}" in text.split("## Context")[1][:200]


def test_real_rows_show_no_sample_values_of_the_template() -> None:
    specpulse = plancore.convert(SMARTSPEC_PARTS, "specpulse", source="smartspec").text
    # SpecPulse's dependency table gains the plan's Version and Purpose columns, read back.
    assert "| Dependency | Version | Purpose | Risk | Contingency |" in specpulse
    assert "| csvkit | 1.0 | CSV writing |  |  |" in specpulse
    (dependency,) = plancore.parse(specpulse, "specpulse").dependencies
    assert (dependency.version, dependency.purpose) == ("1.0", "CSV writing")
    assert "| csvkit | High/Medium/Low" not in specpulse
    aadt = plancore.convert(SMARTSPEC_PARTS, "aadt", source="smartspec").text
    assert "New/Modified" not in aadt
    assert "{{MIGRATION_COMMAND}}" not in aadt
    assert "### Database Migrations\n\n- Migration 1: add `exports`" in aadt
    # The template's sample risk rows stay where the plan has no risks: what is left to fill.
    assert "| Risk description | How to address" in aadt


def test_components_of_a_plan_without_change_types_are_new() -> None:
    maestro = plancore.convert(SMARTSPEC_PARTS, "maestro", source="smartspec").text
    design = maestro.split("### 2.1 New Components")[1].split("### 2.2 Modified Components")[0]
    assert "#### Component: Exporter" in design and "#### Component: ExportButton" in design
    assert "{file path}" not in design and "Change type" not in design
    aadt = plancore.convert(SMARTSPEC_PARTS, "aadt", source="smartspec").text
    changes = _body(aadt).split("### Component Changes")[1].split("\n## ")[0]
    assert [line.split("|")[2].strip() for line in changes.splitlines() if line.startswith("| Export")] == [
        "New",
        "New",
    ]


def test_a_component_s_details_land_in_its_notes_cell() -> None:
    conversion = plancore.convert(MAESTRO_COMPONENT, "smartspec", source="maestro")
    row = next(line for line in conversion.text.splitlines() if line.startswith("| Exporter"))
    assert row == (
        "| Exporter | Writes the CSV | Python | Location: `src/export.py`; Depends on: the board store;"
        " Used by: ExportButton |"
    )
    assert not any(loss.path.startswith("architecture.components") for loss in conversion.losses)


def test_a_section_under_a_heading_the_target_reads_otherwise_is_not_carried_under_it() -> None:
    # SpecPulse's Rollout Plan holds the rollout strategy; SmartSpec's holds the phases.
    specpulse = (
        "# Implementation Plan: Export\n\n## Implementation Phases\n\n### Phase 1: Build\n**Timeline**: 2 days\n\n"
        "#### Tasks\n1. [ ] Write the exporter\n\n## Rollout Plan\n\n### Phase Rollout Strategy\n"
        "1. **Alpha**: the team\n2. **GA**: everyone\n"
    )
    text = plancore.convert(specpulse, "smartspec", source="specpulse").text
    assert text.count("## Rollout Plan\n") == 1
    assert "## Phase Rollout Strategy\n\n1. **Alpha**: the team" in _body(text)
    back = plancore.parse(text, "smartspec")
    assert [phase.name for phase in back.phases] == ["Build"]


def test_a_carried_section_has_no_runs_of_blank_lines() -> None:
    text = SMARTSPEC.replace("Hide the export button.", "Hide the export button.\n\n\n\nThen tell support.")
    body = _body(plancore.convert(text, "maestro", source="smartspec").text)
    assert "## Rollback Plan\n\nHide the export button.\n\nThen tell support." in body


# A filled SmartSpec plan whose rollout phases carry the template's own names; written by hand.
_TEMPLATE_NAMED_PHASES = """# Implementation Plan: Nightly export

## Executive Summary

Export every order to the warehouse each night.

## Rollout Plan

### Phase 1: Development

- Duration: 2 weeks
- Activities: Write the export job

### Phase 2: Testing

- Duration: 1 week
- Activities: Run it against a copy of production
"""


@pytest.mark.parametrize("target", plancore.formats())
def test_a_filled_phase_keeps_a_template_phase_name(target: str) -> None:
    """Issue 10: ``Development`` is a placeholder only in a blank plan; in a filled one it is the
    phase's name in every target (``parse`` alone reads it as the template's, so that a plan written
    in SmartSpec with unnamed phases reads back as it was)."""
    text = plancore.convert(_TEMPLATE_NAMED_PHASES, target, source="smartspec").text
    assert "Development" in text and "Testing" in text, text
    assert "Write the export job" in text


def test_a_folder_written_from_a_file_keeps_template_phase_names(tmp_path: Path) -> None:
    plan = plancore.parse(_TEMPLATE_NAMED_PHASES, "smartspec")
    for name in ("kiro", "speckit-github", "openspec"):
        folder = tmp_path / name
        plancore.write_folder(plan, folder, name)
        tasks = (folder / "tasks.md").read_text()
        assert "Development" in tasks and "Testing" in tasks, (name, tasks)


def test_a_section_that_received_content_keeps_no_placeholder_lines() -> None:
    # aadt's header (templates/aadt.md) has `**Issue:** {{ISSUE_ID}}` and
    # `**Author:** {{AUTHOR}}`; the plan gives the header its title only, so
    # those lines go. The Progress Log receives nothing: its `{{DATE}}` row stays.
    text = plancore.convert(SMARTSPEC, "aadt", source="smartspec").text
    assert text.startswith("# Implementation Plan: Export\n\n**Spec:** [spec.md](spec.md)\n**Status:**")
    assert "| {{DATE}} | Plan created |" in text


def test_a_placeholder_cut_from_a_section_keeps_the_blank_line_above_the_next_heading() -> None:
    # SmartSpec's Rollback Plan ends the template, footer and all; a section carried after it
    # (speckit-github's Next step) ended up glued to its heading: "## Rollback Plan\n## Next step".
    source = "# Implementation Plan: Export\n\n## Summary\n\nExport rows.\n\n## Next step\n\nRun the tasks.\n"
    text = plancore.convert(source, "smartspec", source="speckit-github").text
    assert "## Rollback Plan\n## " not in text
    assert "\n## Next step\n\nRun the tasks.\n" in text


SMARTSPEC_OPTIONS = """# Implementation Plan: Export

## Technical Decisions

### Decision 1: File format

- **Context:** Spreadsheets must open it.
- **Options Considered:**
  1. CSV - every spreadsheet reads it
  2. XLSX - needs a library
- **Decision:** CSV
- **Rationale:** Fewest dependencies.
"""


def test_a_decision_s_context_and_option_notes_follow_maestro_s_decision_table() -> None:
    text = plancore.convert(SMARTSPEC_OPTIONS, "maestro", source="smartspec").text
    assert APPENDIX_HEADING not in text
    # The samples of 1.1 and 1.2 cut beside it, the decisions are its section's first subsection.
    decisions = text.split("### 1.1 Key Design Decisions")[1].split("## 2. Component Design")[0]
    table, block = decisions.split("**File format**")
    assert "| File format | CSV, XLSX" in table.replace("  ", " ").replace("  ", " ")
    assert block.split("\n\n---")[0].strip("\n").split("\n") == [
        "- **Context:** Spreadsheets must open it.",
        "- **Options Considered:**",
        "  - CSV: every spreadsheet reads it",
        "  - XLSX: needs a library",
    ]


def test_a_phase_s_duration_is_its_estimate_in_maestro_and_reads_back() -> None:
    text = plancore.convert(SMARTSPEC, "maestro", source="smartspec").text
    phase = text.split("### Phase 1: Development")[1].split("---")[0]
    assert phase.strip("\n").split("\n")[0] == "- **Estimate:** 2 days"
    assert plancore.parse(text, "maestro").phases[0].estimate == "2 days"
    back = plancore.convert(text, "smartspec", source="maestro").text
    assert "- Duration: 2 days" in back


MAESTRO_RISKS = """# Implementation Plan: Export

## 7. Risks and Mitigations

| Risk | Likelihood | Impact | Mitigation |
| ---- | ---------- | ------ | ---------- |
| Large boards time out | Medium | High | Stream the rows |
"""


def test_risk_likelihood_and_impact_are_columns_of_aadt_s_risk_table() -> None:
    text = plancore.convert(MAESTRO_RISKS, "aadt", source="maestro").text
    assert APPENDIX_HEADING not in text
    table = text.split("## Risks & Mitigations")[1].split("## Definition of Done")[0]
    assert "| Risk                  | Probability | Impact | Mitigation Strategy |" in table
    assert "| Large boards time out | Medium      | High   | Stream the rows     |" in table
    risk = plancore.parse(text, "aadt").risks[0]
    assert (risk.probability, risk.impact) == ("Medium", "High")


MAESTRO_CARRIED = """# Implementation Plan: Export

## 2. Component Design

### 2.1 New Components

#### Component: Exporter

- **Purpose:** Writes the rows
- **Location:** `export/csv.py`

## 6. Task Sizing Guidance

Small tasks only.
"""


def test_a_component_s_details_come_before_a_section_carried_after_the_components() -> None:
    text = plancore.convert(MAESTRO_CARRIED, "aadt", source="maestro").text
    # After the carried section, the block would read as part of it.
    assert text.index("**Exporter**") < text.index("Task Sizing Guidance")
    assert text.index("| Exporter") < text.index("**Exporter**")


SPECPULSE_TOP_PHASES = """# Implementation Plan: Export

## Phase 1: Build (2 days)

### Goal
Write the exporter.

### Deliverables
- [ ] `export/csv.py`

## Phase 2: Ship (1 day)

### Deliverables
- [ ] Release notes
"""


def test_phases_that_are_top_sections_are_carried_each_as_written() -> None:
    # Spec Kit's plan.md has no phases (tasks.md has): each phase stays as its author wrote it, once, laid
    # out as every carried section (a blank line under each heading, as Spec Kit writes its own).
    result = plancore.convert(SPECPULSE_TOP_PHASES, "speckit-github", source="specpulse")
    assert APPENDIX_HEADING not in result.text
    for phase in SPECPULSE_TOP_PHASES.split("\n\n## ")[1:]:
        assert result.text.count(re.sub(r"(?m)^(#+ .*)\n(?!\n)", "\\1\n\n", phase.rstrip("\n"))) == 1
    assert result.text.index("## Phase 1: Build (2 days)") < result.text.index("## Phase 2: Ship (1 day)")
    assert {placement.field for placement in result.placed if placement.path.startswith("phases[1]")} == {
        "Phase 2: Ship (1 day)"
    }


def test_a_phase_s_duration_is_an_estimate_line_of_its_tasks_md_phase() -> None:
    text = plancore.convert(SMARTSPEC, "speckit-tasks", source="smartspec").text
    phase = text.split("## Phase 1: Development\n\n")[1].split("\n---")[0]
    assert phase.split("\n\n")[0] == "**Estimate**: 2 days"
    assert "Duration" not in text
    assert plancore.parse(text, "speckit-tasks").phases[0].estimate == "2 days"


MAESTRO_API = """# Implementation Plan: Export

## 3. Data Model

### 3.1 New Entities

#### Entity: ExportJob

```sql
CREATE TABLE export_jobs (id BIGINT PRIMARY KEY);
```

### 3.2 Modified Entities

#### Entity: Board

- **Current fields:** id, title
- **New fields:** exported_at
- **Migration notes:** nullable, no backfill

## 4. API Contracts

### 4.1 New Endpoints/Methods

#### POST /exports

- **Purpose:** Start an export
- **Input:** board id
- **Errors:** 404 (no such board)

## 5. Implementation Phases

### Phase 1: Build

- **Tasks:**
  - Write the exporter

### Phase 2: Ship

- **Dependencies:** Phase 1
- **Tasks:**
  - Release it
"""


def test_an_endpoint_s_details_follow_smartspec_s_endpoints_table() -> None:
    text = plancore.convert(MAESTRO_API, "smartspec", source="maestro").text
    # Up to the next heading (the sample Request/Response Examples beside them is cut).
    endpoints = text.split("### Endpoints")[1].split("\n#")[0]
    assert "| POST | /exports | Start an export |" in endpoints
    block = endpoints.split("**POST /exports**\n\n")[1].strip("\n")
    assert block == "- **Input:** board id\n- **Errors:** 404 (no such board)"


@pytest.mark.parametrize(("target", "section"), [("smartspec", "## Database Schema"), ("aadt", "### Data Model")])
def test_entities_are_blocks_under_their_names_where_the_target_has_no_entities(target: str, section: str) -> None:
    result = plancore.convert(MAESTRO_API, target, source="maestro")
    assert APPENDIX_HEADING not in result.text
    part = result.text.split(section + "\n\n")[1]
    assert part.startswith(
        "**ExportJob**\n\n```sql\nCREATE TABLE export_jobs (id BIGINT PRIMARY KEY);\n```\n\n"
        "**Board**\n\n- **Change type:** Modified\n- **Current fields:** id, title\n- **New fields:** exported_at\n"
        "- **Migration notes:** nullable, no backfill\n"
    )


@pytest.mark.parametrize(
    ("target", "line"), [("smartspec", "- Dependencies: Phase 1"), ("aadt", "**Dependencies:** Phase 1")]
)
def test_a_phase_s_dependencies_are_a_line_of_the_phase_and_read_back(target: str, line: str) -> None:
    result = plancore.convert(MAESTRO_API, target, source="maestro")
    assert line in result.text.split("Phase 2: Ship")[1]
    assert plancore.parse(result.text, target).phases[1].dependencies == "Phase 1"
    back = plancore.convert(result.text, "maestro", source=target).text
    assert "- **Dependencies:** Phase 1" in back


MAESTRO_NEW = """# Implementation Plan: Export

## 2. Component Design

### 2.1 New Components

#### Component: Queue

- **Purpose:** Orders the jobs

#### Component: Exporter

- **Purpose:** Writes the rows

### 2.2 Modified Components

#### Component: Board

- **Purpose:** Holds the cards
- **Change type:** Modified (split in two)
"""


def test_a_new_component_is_what_a_format_without_change_types_lists() -> None:
    changes = [c.change_type for c in plancore.parse(MAESTRO_NEW, "maestro").architecture.components]
    # maestro's "New" subsection is where it writes a component of unsaid kind: it reads back unsaid.
    assert changes[1:] == ["", "Modified (split in two)"]
    result = plancore.convert(MAESTRO_NEW, "smartspec", source="maestro")
    # "New" is implied (placed with its component); any other change type is lost and reported.
    assert [loss.path for loss in result.losses] == ["architecture.components[2].change_type"]
    assert "Modified (split in two)" in result.text.split(APPENDIX_HEADING)[1]
    assert "Change type:** New" not in result.text.split(APPENDIX_HEADING)[1]


@pytest.mark.parametrize("target", ["smartspec", "speckit-tasks"])
def test_a_lost_change_type_shows_under_the_heading_it_stood_under(target: str) -> None:
    # maestro's writer lays a component out by its kind: the appendix's rendering must give it the
    # kind's first word, or "Modified (split in two)" stands under "New Components" (one word or more).
    appendix = plancore.convert(MAESTRO_NEW, target, source="maestro").text.split(APPENDIX_HEADING)[1]
    board = "#### 2.2 Modified Components\n\n##### Component: Board\n\n"
    assert board in appendix and "- **Change type:** Modified (split in two)\n" in appendix.split(board)[1]
    assert "Board" not in appendix.split("2.2 Modified Components")[0]
    # "Modified" alone is said by the heading only (maestro writes no Change type line under it):
    # the appendix names the component under that heading, not as a loose "Change type" line.
    modified = MAESTRO_NEW.replace("- **Change type:** Modified (split in two)\n", "")
    appendix = plancore.convert(modified, target, source="maestro").text.split(APPENDIX_HEADING)[1]
    assert board in appendix and "Change type" not in appendix
    assert "Board" not in appendix.split("2.2 Modified Components")[0]


def test_a_specpulse_phase_shows_no_empty_tasks_or_deliverables_heading() -> None:
    # A real phase with activities only (SmartSpec's rollout phase) had "#### Tasks" and
    # "#### Deliverables" headings over nothing.
    plan = plancore.Plan(
        phases=(
            plancore.Phase(name="Build", estimate="1 week", description="Write the export."),
            plancore.Phase(name="Ship", tasks=(plancore.Task(text="Tag the release"),)),
        )
    )
    text = plancore.emit(plan, "specpulse")
    phases = text.split("## Implementation Phases")[1].split("## Risk Assessment")[0]
    assert phases.count("#### Tasks") == 1 and "#### Deliverables" not in phases
    assert "### Phase 2: Ship" in phases.split("#### Tasks")[0]
    read = plancore.parse(text, "specpulse")
    assert [(p.name, p.estimate, p.description, p.tasks) for p in read.phases] == [
        (p.name, p.estimate, p.description, p.tasks) for p in plan.phases
    ]


# A rapid Spec Kit plan converted from SmartSpec earlier: its appendix holds a SmartSpec dependency table and footer.
SPECKIT_WITH_APPENDIX = f"""# Implementation Plan: Export

## Context

Based on this specification:

```
Users can export their boards as CSV.
```

## Dependencies

External dependencies needed:

- csvkit

## Existing Dependencies Used

- Django

## {APPENDIX_HEADING}

What the smartspec plan holds that the speckit format has no place for, under the smartspec plan's headings.

*Last Updated: 2026-03-01*

### Dependencies

#### New Dependencies

| Package | Version | Purpose |
|---------|---------|---------|
| csvkit | 2.0 | Writes the CSV |

## Rollback Plan

Hide the export button.
"""


def test_an_earlier_conversion_s_appendix_comes_home_in_its_own_format() -> None:
    # Back in SmartSpec, the table's version and purpose are the dependency's again: no appendix holds them.
    text = plancore.convert(SPECKIT_WITH_APPENDIX, "smartspec", source="speckit").text
    assert "| csvkit | 2.0 | Writes the CSV |" in text.split(f"## {APPENDIX_HEADING}")[0]
    assert "#### New Dependencies" not in text


@pytest.mark.parametrize("target", ["speckit-github", "maestro"])
def test_what_of_an_earlier_appendix_has_no_home_stays_in_it_at_the_end(target: str) -> None:
    # The target has no place for a version: the appendix keeps it as written, after every section
    # of the target's, so that none of them (the rollback plan) reads as part of it.
    text = plancore.convert(SPECKIT_WITH_APPENDIX, target, source="speckit").text
    old = text.index("What the smartspec plan holds")
    assert "Hide the export button." in text[:old]
    assert "| csvkit | 2.0 | Writes the CSV |" in text[old:]
    assert "\n## " not in text[old:]


def test_technical_context_labels_the_plan_lacks_are_marked_unfilled_not_sampled() -> None:
    # SmartSpec's components' technology fills Technical Context; the template's labels it does not
    # name stay, as Spec Kit marks an unknown, never with the template's `[e.g., ...]` samples.
    table = "| Component | Responsibility | Technology |\n|---|---|---|\n| Exporter | Writes rows | Python 3.12 |\n"
    plan = SMARTSPEC.replace(
        "## Technical Decisions", f"## Architecture Overview\n\n### Component Design\n\n{table}\n## Technical Decisions"
    )
    text = plancore.convert(plan, "speckit-github", source="smartspec").text
    context = text.split("## Technical Context\n")[1].split("\n## ")[0]
    # Summed up under Spec Kit's own label, and said by component in the carried table: no line of its own.
    assert "**Primary Dependencies**: Python 3.12" in context
    assert "**Exporter**" not in context
    assert "| Exporter | Writes rows | Python 3.12 |" in text
    assert "**Language/Version**: NEEDS CLARIFICATION" in context
    assert "[e.g." not in context and "ACTION REQUIRED" not in context


def test_a_filled_phase_named_as_the_template_s_is_not_reported_lost() -> None:
    # SmartSpec's template names its phases Development, Testing, Deployment: a filled plan's are names.
    steps = "### Phase 1: Testing\n\n**Estimated time:** 1 day\n\nTry it.\n"
    source = f"# Implementation Plan: Export\n\n## Implementation Steps\n\n{steps}"
    conversion = plancore.convert(source, "smartspec", source="speckit")
    assert "### Phase 1: Testing\n\n- Duration: 1 day\n- Activities: Try it." in conversion.text
    assert conversion.losses == ()


AADT_WITH_DETAILS = """# Implementation Plan: Export

## Overview

Users can export their boards as CSV.

## Architecture

### Component Changes

| Component | Change Type | Description |
| --------- | ----------- | ----------- |
| Exporter  | New         | Writes rows |
| Archiver  | New         | Zips files  |

**Exporter**

- **Technology:** Python 3.12

Streams large boards

**Archiver**

- **Technology:** zipfile
"""


def test_component_blocks_written_for_aadt_come_home_in_maestro_s_component_blocks() -> None:
    # aadt has no column for a component's technology or notes: they stood in blocks after its
    # table. maestro's component blocks hold both: there they are written, nothing is carried.
    conversion = plancore.convert(AADT_WITH_DETAILS, "maestro", source="aadt")
    exporter = "#### Component: Exporter\n\n- **Purpose:** Writes rows\n- **Technology:** Python 3.12\n\n"
    assert exporter + "Streams large boards\n" in conversion.text
    assert "#### Component: Archiver\n\n- **Purpose:** Zips files\n- **Technology:** zipfile\n" in conversion.text
    assert "Technology" not in conversion.text.partition(APPENDIX_HEADING)[2]
    assert not [loss for loss in conversion.losses if "technology" in loss.path or "notes" in loss.path]


def test_an_author_s_text_after_the_components_is_not_taken_for_their_blocks() -> None:
    # Text before the first block is not what a conversion writes there: the author's, kept whole.
    source = AADT_WITH_DETAILS.replace("**Exporter**\n\n- **Tech", "Details below.\n\n**Exporter**\n\n- **Tech")
    text = plancore.convert(source, "maestro", source="aadt").text
    assert "Details below.\n\n**Exporter**\n\n- **Technology:** Python 3.12" in text
    assert "Technology" not in text.split("#### Component: Exporter")[1].split("####")[0]


# A tasks file converted from SmartSpec earlier: the plan's summary and dependencies in its appendix.
TASKS_WITH_APPENDIX = f"""# Tasks: Export

## Phase 1: Development

- [ ] T001 Write the exporter

## {APPENDIX_HEADING}

What the smartspec plan holds that the speckit-tasks format has no place for, under the smartspec plan's headings.

### Executive Summary

Users can export their boards as CSV.

### Dependencies

#### New Dependencies

| Package | Version | Purpose |
|---------|---------|---------|
| csvkit | 2.0 | Writes the CSV |
"""


def test_an_earlier_appendix_comes_home_field_by_field() -> None:
    # speckit-github has a summary and no dependency table: the summary goes to its section, the
    # table stays in the appendix, once.
    text = plancore.convert(TASKS_WITH_APPENDIX, "speckit-github", source="speckit-tasks").text
    body, _, rest = text.partition(f"## {APPENDIX_HEADING}")
    assert "## Summary\n\nUsers can export their boards as CSV.\n" in body
    assert "Executive Summary" not in rest and "| csvkit | 2.0 | Writes the CSV |" in rest
    # aadt holds both: no appendix of the earlier conversion is left.
    aadt = plancore.convert(TASKS_WITH_APPENDIX, "aadt", source="speckit-tasks").text
    assert "What the smartspec plan holds" not in aadt and "csvkit" in aadt.partition(APPENDIX_HEADING)[0]


def test_a_specpulse_task_s_nested_list_stays_nested_in_an_aadt_step() -> None:
    # aadt's task list was written with the task's further lines unindented: its nested bullets became
    # tasks' siblings without a box, and the task was reported lost and repeated in the appendix.
    text = (
        "# Implementation Plan: Mini\n\n<!-- FEATURE_ID: 001 -->\n<!-- CREATED: 2026-01-03 -->\n\n"
        "## Implementation Phases\n\n### Phase 1: Infrastructure [Priority: HIGH]\n**Timeline**: 45 min\n\n"
        "#### Tasks\n1. [x] Install the package\n2. [ ] Create utility functions (`utils.ts`)\n"
        "   - `sma(data)` - moving average\n   - `ema(data)` - exponential average\n"
    )
    result = plancore.convert(text, to="aadt", source="specpulse")
    assert (
        "- [x] Install the package\n- [ ] Create utility functions (`utils.ts`)\n"
        "  - `sma(data)` - moving average\n  - `ema(data)` - exponential average\n"
    ) in result.text
    # The phase's priority is its `**Priority:**` line there: nothing of the phase is carried.
    assert "**Priority:** HIGH\n" in result.text
    assert not [loss.path for loss in result.losses if loss.path.startswith("phases")]
    assert result.text.count("`ema(data)`") == 1
    task = plancore.parse(result.text, "aadt").phases[0].steps[0].tasks[1]
    assert task.text == plancore.parse(text, "specpulse").phases[0].tasks[1].text


SCHEMA = SMARTSPEC.replace(
    "## Rollout Plan",
    "## Database Schema\n\n### New Tables\n\n```sql\nCREATE TABLE exports (id BIGINT);\n```\n\n"
    "## API Design\n\n### Endpoints\n\n| Method | Path | Description | Auth |\n|---|---|---|---|\n"
    "| GET | /exports | List exports | Token |\n\n"
    "## Architecture Overview\n\n### Component Design\n\n| Component | Responsibility | Technology | Notes |\n"
    "|---|---|---|---|\n| Exporter | Writes the CSV | Python | |\n\n## Rollout Plan",
)


def test_a_filled_maestro_section_shows_no_sample_entities_nor_empty_modified_headings() -> None:
    # Issue 10: the Data Model holds the plan's schema, so the template's `#### Entity: {Name}` blocks
    # would read as the plan's; the plan's components and endpoints are all new, so no Modified heading.
    text = _body(plancore.convert(SCHEMA, "maestro", source="smartspec").text)
    data_model = text.split("## 3. Data Model")[1].split("## 4.")[0]
    assert "CREATE TABLE exports" in data_model
    assert "{Name}" not in data_model and "Entities" not in data_model
    assert "#### Component: Exporter" in text and "#### GET /exports" in text
    assert "Modified" not in text


def test_maestro_s_sample_entities_stay_where_the_plan_has_no_data_model() -> None:
    text = plancore.convert(SMARTSPEC, "maestro", source="smartspec").text
    assert "### 3.1 New Entities\n\n#### Entity: {Name}" in text
    assert "### 2.2 Modified Components\n\n#### Component: {Name}" in text


DATED = SMARTSPEC + "\n---\n\n*Generated by SmartSpec Pro - Kilo Architect Mode*\n*Last Updated: 2026-11-20*\n"


def test_the_plan_s_date_fills_specpulse_s_generated_date_and_is_not_carried_back() -> None:
    # Issue 10: SpecPulse writes the date twice (`<!-- CREATED -->` and `**Generated**`); a plan with one
    # date fills both, and the second comes back as nothing more than the plan's date.
    text = plancore.convert(DATED, "specpulse", source="smartspec").text
    assert "<!-- CREATED: 2026-11-20 -->" in text
    assert "- **Generated**: 2026-11-20\n" in text
    assert "{{current_date}}" not in text
    back = plancore.convert(text, "smartspec", source="specpulse")
    assert back.losses == ()
    assert "*Last Updated: 2026-11-20*" in back.text
    assert APPENDIX_HEADING not in back.text


def test_a_generation_date_of_its_own_is_kept_beside_the_plan_s_date() -> None:
    source = plancore.convert(DATED, "specpulse", source="smartspec").text
    own = source.replace("- **Generated**: 2026-11-20", "- **Generated**: 2026-11-21")
    back = plancore.convert(own, "maestro", source="specpulse")
    assert "**Created:** 2026-11-20" in back.text
    assert "2026-11-21" in back.text


def test_aadt_s_timeline_lists_the_plan_s_phases_not_the_template_s_and_they_do_not_come_back_twice() -> None:
    # Issue 10: beside the plan's phases the template's rows (Phase 1: Foundation ...) read as its schedule.
    two = SMARTSPEC.replace("## Rollback Plan", "### Phase 2: Testing\n\n- Activities: QA\n\n## Rollback Plan")
    text = plancore.convert(two, "aadt", source="smartspec").text
    timeline = text.split("## Timeline")[1].split("\n## ")[0]
    rows = [line.split("|")[1].strip() for line in timeline.strip().split("\n")[2:]]
    assert rows == ["Phase 1: Development", "Phase 2: Testing"]
    # A row of the plan's keeps none of the template's samples (`{{DATE}}`, `Not Started`) beside its name.
    assert "{{DATE}}" not in timeline and "Not Started" not in timeline
    back = plancore.convert(text, "smartspec", source="aadt")
    assert "Timeline" not in back.text and "Development" in back.text
    assert not [loss for loss in back.losses if loss.path.startswith("timeline")]


def test_a_timeline_of_its_own_is_kept_when_converted() -> None:
    own = plancore.convert(SMARTSPEC, "aadt", source="smartspec").text.replace(
        "| Phase 1: Development |            |          |", "| Phase 1: Development | 2026-12-01 | 2026-12-03 |"
    )
    assert "2026-12-03" in own
    back = plancore.convert(own, "smartspec", source="aadt")
    assert "2026-12-03" in back.text


STACKED = SCHEMA.replace("| Exporter | Writes the CSV | Python | |", "| Exporter | Writes the CSV | Python | |\n"
    "| ExportStore | Keeps finished exports | PostgreSQL + S3 | |").replace(
    "## Rollout Plan", "## Dependencies\n\n### New Dependencies\n\n| Package | Version | Purpose |\n"
    "|---|---|---|\n| pandas | 2.2 | CSV writing |\n\n## Rollout Plan"
)  # fmt: skip


def test_spec_kit_s_storage_and_dependencies_come_from_the_components_and_the_dependencies() -> None:
    # Issue 10: the plan names its data store (a component's technology) and its dependencies;
    # Technical Context's `NEEDS CLARIFICATION` for them would say it does not.
    text = plancore.convert(STACKED, "speckit-github", source="smartspec").text
    context = text.split("## Technical Context")[1].split("\n## ")[0]
    assert "**Storage**: PostgreSQL, S3\n" in context
    assert "**Primary Dependencies**: Python, pandas\n" in context
    assert "**Language/Version**: NEEDS CLARIFICATION" in context
    assert "Storage**: NEEDS" not in context and "Dependencies**: NEEDS" not in context
    back = plancore.convert(text, "smartspec", source="speckit-github")
    assert "Storage" not in back.text and "Primary Dependencies" not in back.text
    assert "| ExportStore | Keeps finished exports | PostgreSQL + S3 |" in back.text


def test_a_plan_s_own_storage_line_is_kept() -> None:
    own = plancore.convert(STACKED, "speckit-github", source="smartspec").text.replace(
        "**Storage**: PostgreSQL, S3", "**Storage**: PostgreSQL 16"
    )
    back = plancore.convert(own, "smartspec", source="speckit-github")
    assert "PostgreSQL 16" in back.text


SPECPULSE_STACK = """# Implementation Plan: Invoices

## Architecture Overview

### High-Level Design
A service that renders invoices.

### Technical Stack
- **Frontend**: Vue 3, TypeScript
- **Database**: MariaDB 11
- **Tests**: Vitest
- **Infrastructure**: Docker
"""


def _context(text: str) -> str:
    return text.split("## Technical Context\n")[1].split("\n## ")[0]


def test_the_author_s_stack_entries_answer_spec_kit_s_labels_of_the_same_meaning() -> None:
    # Database is Spec Kit's Storage, Tests its Testing: under both, `Storage: NEEDS CLARIFICATION` beside the
    # author's `Database: MariaDB 11` would say the plan names none.
    text = plancore.convert(SPECPULSE_STACK, "speckit-github", source="specpulse").text
    context = _context(text)
    assert "**Storage**: MariaDB 11\n" in context and "**Testing**: Vitest\n" in context
    assert "Database" not in text and "**Tests**" not in text
    # No value invented: TypeScript is said in Frontend's entry, which stays as written.
    assert "**Language/Version**: NEEDS CLARIFICATION" in context
    assert "**Frontend**: Vue 3, TypeScript\n" in context and "**Infrastructure**: Docker\n" in context
    # And back: SpecPulse's template names the store Database; Testing has no label of its own there.
    back = plancore.convert(text, "specpulse", source="speckit-github").text
    stack = back.split("### Technical Stack\n")[1].split("\n\n")[0]
    assert stack == "- **Frontend**: Vue 3, TypeScript\n- **Database**: MariaDB 11\n- **Testing**: Vitest\n" + (
        "- **Infrastructure**: Docker"
    )


def test_a_stack_label_the_plan_answers_itself_takes_no_synonym() -> None:
    # The author's own Storage line is the answer: a Database line beside it stays a line of its own.
    both = SPECPULSE_STACK.replace("- **Tests**", "- **Storage**: S3 buckets\n- **Tests**")
    context = _context(plancore.convert(both, "speckit-github", source="specpulse").text)
    assert "**Database**: MariaDB 11\n" in context and "**Storage**: S3 buckets\n" in context
    assert context.count("**Storage**") == 1
    # Rapid Spec Kit's template says Languages: Spec Kit's Language/Version goes there, and comes back.
    rapid = plancore.convert(
        "# Implementation Plan: Invoices\n\n## Technical Context\n\n**Language/Version**: Go 1.23\n\n"
        "**Storage**: N/A\n",
        "speckit",
        source="speckit-github",
    ).text
    assert "- Languages: Go 1.23\n" in rapid and "Language/Version" not in rapid
    back = plancore.convert(rapid, "speckit-github", source="speckit").text
    assert "**Language/Version**: Go 1.23\n" in _context(back)


def test_aadt_s_progress_log_shows_no_undated_row_for_a_dated_plan() -> None:
    # Issue 10: `{{DATE}} | Plan created` beside the plan's Created date would read as a date left to fill.
    dated = plancore.convert(DATED, "aadt", source="smartspec").text
    log = dated.split("## Progress Log")[1]
    assert "**Created:** 2026-11-20" in dated
    assert "{{DATE}}" not in log and "| Date | Update |" in log
    assert plancore.parse(dated, "aadt").progress_log == ()
    # Without a date the template's row stays, to be filled (as in any section the plan has nothing for).
    undated = plancore.convert(SMARTSPEC, "aadt", source="smartspec").text
    assert "| {{DATE}} | Plan created |" in undated.split("## Progress Log")[1]


def test_aadt_s_timeline_keeps_the_template_s_rows_where_a_phase_s_row_would_read_as_a_sample() -> None:
    # A plan's one phase named Foundation gives the row `Phase 1: Foundation`, the template's first sample row:
    # every row a sample, aadt would read it back as that sample, so the template's rows stay to be filled.
    foundation = SMARTSPEC.replace("### Phase 1: Development", "### Phase 1: Foundation")
    result = plancore.convert(foundation, "aadt", source="smartspec")
    timeline = result.text.split("## Timeline")[1].split("\n## ")[0]
    blank = get_format("aadt").blank_text.split("## Timeline")[1].split("\n## ")[0]
    assert timeline == blank
    assert not [loss for loss in result.losses if loss.path.startswith("timeline")]
    assert [phase.name for phase in plancore.parse(result.text, "aadt").phases] == ["Foundation"]


def test_aadt_s_timeline_lists_the_plan_s_phases_where_one_row_is_named_as_a_sample_beside_its_own() -> None:
    # Trial finding T6: a first phase named Foundation beside phases of the plan's own gave the template's four
    # sample rows. Its row is the plan's, written with empty cells as the others, and read back as the plan's.
    three = SMARTSPEC.replace("### Phase 1: Development", "### Phase 1: Foundation").replace(
        "## Rollback Plan",
        "### Phase 2: Core\n\n- Activities: API\n\n### Phase 3: Launch\n\n- Activities: QA\n\n## Rollback Plan",
    )
    result = plancore.convert(three, "aadt", source="smartspec")
    timeline = result.text.split("## Timeline")[1].split("\n## ")[0]
    rows = [[cell.strip() for cell in line.split("|")[1:-1]] for line in timeline.strip().split("\n")[2:]]
    assert rows == [
        ["Phase 1: Foundation", "", "", ""],
        ["Phase 2: Core", "", "", ""],
        ["Phase 3: Launch", "", "", ""],
    ]
    assert not [loss for loss in result.losses if loss.path.startswith("timeline")]
    read = plancore.parse(result.text, "aadt")
    assert [row.phase for row in read.timeline] == ["Phase 1: Foundation", "Phase 2: Core", "Phase 3: Launch"]
    assert [phase.name for phase in read.phases] == ["Foundation", "Core", "Launch"]
    # Back in SmartSpec the rows, only naming the phases, are the phases: no timeline is carried.
    back = plancore.convert(result.text, "smartspec", source="aadt")
    assert "Timeline" not in back.text and "Phase 1: Foundation" in back.text
    assert plancore.convert(back.text, "aadt", source="smartspec").text == result.text


AADT_DEPLOYMENT = """# Implementation Plan: Export

**Issue:** #42
**Created:** 2026-11-20

## Overview

Users can export their boards as CSV.

## Implementation Steps

### Phase 1: Exporter

#### Step 1.1: Write the exporter

**Tasks:**

- [ ] Write the CSV writer

## Migration/Deployment

### Database Migrations

- Add the `exports` table

### Export Retention

Exports are deleted after 7 days.

### Rollback Plan

Hide the export button.
"""


@pytest.mark.parametrize("target", ["smartspec", "maestro", "speckit-github"])
def test_author_subsection_under_an_empty_section_carries_only_itself(target: str) -> None:
    # aadt's Migration/Deployment has no text of its own, only subsections: carried whole for the
    # author's Export Retention, it repeated the rollback and migrations the target holds elsewhere
    # (or its appendix carries), and aadt's Feature Flags placeholder with them.
    text = plancore.convert(AADT_DEPLOYMENT, to=target).text
    assert text.count("Hide the export button.") == 1
    assert text.count("Add the `exports` table") == 1
    assert text.count("Exports are deleted after 7 days.") == 1
    assert "Migration/Deployment" not in text.partition(APPENDIX_HEADING)[0]
    assert "FEATURE_NAME" not in text


def test_author_subsection_without_a_home_is_a_top_section_at_the_end() -> None:
    # Spec Kit's plan.md has no data model section for Export Retention (it followed the migrations):
    # at the end as a ### it would read as part of Complexity Tracking, the last section.
    text = plancore.convert(AADT_DEPLOYMENT, to="speckit-github").text
    body = text.partition(APPENDIX_HEADING)[0]
    assert "\n## Export Retention\n\nExports are deleted after 7 days.\n" in body
    assert body.index("## Complexity Tracking") < body.index("## Export Retention")
    assert "### Export Retention" not in text


def test_an_unfilled_section_before_the_appendix_keeps_its_placeholder() -> None:
    # SmartSpec's template closes its Rollback Plan with the generated-by footer, which the appendix
    # (inserted before the footer) takes from it: the section then differed from the template and
    # lost its placeholder, an empty heading, though the plan has no rollback.
    maestro = (
        "# Implementation Plan: Export\n\n**Feature ID:** 007-export\n**Created:** 2026-11-20\n\n---\n\n"
        "## 5. Implementation Phases\n\n### Phase 1: Exporter\n\n- **Goal:** Boards export as CSV\n"
        "- **Tasks:**\n  - Write the CSV writer\n"
    )
    text = plancore.convert(maestro, to="smartspec").text
    assert APPENDIX_HEADING in text
    assert "\n## Rollback Plan\n\n{{rollback_plan}}\n\n## " + APPENDIX_HEADING in text


def test_a_rapid_spec_kit_phase_without_a_goal_shows_no_empty_goal_label() -> None:
    # SpecPulse phases have tasks and no goal: an empty `**Goal:**` above the tasks is the
    # template's, not the plan's (and glued to `**Tasks:**`, it reads "Goal: Tasks:").
    text = plancore.convert(SPECPULSE_TASKS, "speckit", source="specpulse").text
    phase = text.split("### Phase 1: Build")[1].split("\n## ")[0]
    assert "**Goal:**" not in phase
    assert phase.startswith(
        "\n\n**Tasks:**\n\n1. Write the exporter\n2. Add the button\n\n**Estimated time:** 2 days\n"
    )


SMARTSPEC_WRAPPED_OBJECTIVE = """# Implementation Plan: Search

## Rollout Plan

### Phase 1: Setup

**Objective**: Prepare the project so that the search
service can be built and tested locally.

- Duration: 2 days

### Phase 2: Index

**Objective**: Build the index.
**Owner**: the search team

- Duration: 1 week
"""


@pytest.mark.parametrize("target", ["aadt", "maestro", "speckit", "speckit-tasks", "specpulse"])
def test_a_phase_goal_wrapped_over_lines_is_one_goal(target: str) -> None:
    # SmartSpec's `**Objective**:` paragraph is the phase's goal whole, wrapped or not; a paragraph
    # going on with another label is the author's text (the phase's description), not a goal.
    plan = plancore.parse(SMARTSPEC_WRAPPED_OBJECTIVE, "smartspec")
    assert plan.phases[0].goal == "Prepare the project so that the search\nservice can be built and tested locally."
    assert plan.phases[1].goal == ""
    conversion = plancore.convert(SMARTSPEC_WRAPPED_OBJECTIVE, target, source="smartspec")
    assert not [loss for loss in conversion.losses if loss.path == "phases[0].goal"]
    assert plancore.parse(conversion.text, target).phases[0].goal == plan.phases[0].goal


TASKS_WRAPPED = """# Tasks: Search

## Phase 1: Setup

**Purpose**: Prepare the project so that the search
service can be built and tested locally.

- [ ] T001 Create the project skeleton

**Checkpoint**: The skeleton builds and the linter
passes on an empty module.
"""


@pytest.mark.parametrize("middle", ["smartspec", "maestro", "specpulse", "aadt", "speckit"])
def test_a_wrapped_goal_and_checkpoint_come_back_through_every_format(middle: str) -> None:
    # Through a format without a checkpoint field (SmartSpec's Activities, maestro's Deliverable,
    # SpecPulse's Deliverables) the checkpoint is written as its own text and read as it again.
    text = plancore.convert(TASKS_WRAPPED, middle, source="speckit-tasks").text
    phase = plancore.parse(plancore.convert(text, "speckit-tasks", source=middle).text, "speckit-tasks").phases[0]
    source = plancore.parse(TASKS_WRAPPED, "speckit-tasks").phases[0]
    assert (phase.goal, phase.checkpoint) == (source.goal, source.checkpoint)


def test_a_half_filled_sample_row_reads_as_unfilled_in_its_sample_cells() -> None:
    # Why no general "a value beside the record's own content is the author's unless bracketed" rule:
    # the templates' samples are mostly unbracketed words ("Risk 1", "High/Medium/Low", "Brief
    # description", "path/to/new/file.js"), so an author's half-filled sample row would keep them as
    # values. Only fields whose sample is a real value an author writes (a change type) say so (kind).
    template = (Path(__file__).parents[1] / "templates" / "speckit.md").read_text(encoding="utf-8")
    row = "| Risk 1 | High/Medium/Low | How to address |"
    assert row in template
    text = template.replace(row, "| Risk 1 | High/Medium/Low | Queue the exports |", 1)
    risk = plancore.parse(text, "speckit").risks[0]
    assert (risk.risk, risk.impact, risk.mitigation) == ("", "", "Queue the exports")
    specpulse = plancore.convert(text, "specpulse", source="speckit").text
    assert "Queue the exports" in specpulse and "| Risk 1 |" not in specpulse


def test_a_lost_one_word_kind_no_heading_says_is_carried_as_its_line() -> None:
    # A change type of maestro's other subsection (not New, not Modified) is a line of its block,
    # not its heading: alone lost, it is carried as a labelled line (the property test's example).
    source = MAESTRO_NEW.replace("Modified (split in two)", "Deprecated")
    conversion = plancore.convert(source, "smartspec", source="maestro")
    assert [loss.path for loss in conversion.losses] == ["architecture.components[2].change_type"]
    assert "Deprecated" in conversion.text.split(APPENDIX_HEADING)[1]


def test_a_carried_file_structure_comes_home_as_spec_kit_s_source_code() -> None:
    # aadt has no file structure: SmartSpec's `## File Structure` is carried there as it is.
    text = (
        "# Implementation Plan: Badges\n\n## Overview\n\nUsers earn badges.\n\n"
        "## File Structure\n\n```\nbadges/\n  award.py\n  store.py\n```\n\n"
        "## Implementation Steps\n\n### Phase 1: Development\n\n**Estimated Time:** 2 days\n"
    )
    converted = plancore.convert(text, "speckit-github", source="aadt").text
    plan = plancore.parse(converted, "speckit-github")
    assert plan.file_structure == "```\nbadges/\n  award.py\n  store.py\n```"
    # In its place under Project Structure, once, instead of the template's sample layouts.
    assert "## File Structure" not in converted
    assert converted.count("award.py") == 1
    assert "# [REMOVE IF UNUSED]" not in converted
    assert "### Source Code (repository root)\n\n```\nbadges/" in converted


SPECPULSE_PHASE_CODE = """# Implementation Plan: Charts

## Implementation Phases

### Phase 1: Types [Priority: HIGH]

#### Tasks

- [ ] Add the chart types

#### Code: `lib/chart.ts`

```typescript
export type Range = '1D' | '1W';
```

### Phase 2: Endpoint [Priority: HIGH]

#### Tasks

- [ ] Serve the candles

#### API Contract

GET /api/chart/{symbol}
"""


def test_a_section_inside_a_specpulse_phase_stays_in_its_aadt_phase() -> None:
    text = plancore.convert(SPECPULSE_PHASE_CODE, "aadt", source="specpulse").text
    steps = text.split("## Implementation Steps\n")[1].split("\n## ")[0]
    first, second = steps.split("### Phase 2: Endpoint")
    # Each where its author put it: in its phase, after the phase's steps, at its level.
    assert first.index("### Phase 1: Types") < first.index("#### Step 1.1") < first.index("#### Code: `lib/chart.ts`")
    assert "```typescript\nexport type Range = '1D' | '1W';\n```" in first
    assert second.index("#### Step 2.1") < second.index("#### API Contract\n\nGET /api/chart/{symbol}")
    # aadt's reader anchors them to their phase: written from the fields alone, they stay there.
    plan = plancore.parse(text, "aadt")
    anchors = {s.heading: s.after for s in plan.extra_sections}
    assert anchors["Code: `lib/chart.ts`"] == "phases.0"
    assert anchors["API Contract"] == "phases.1"
    out = plancore.emit(attrs.evolve(plan, source=None), "aadt")
    assert plancore.parse(out, "aadt").extra_sections == plan.extra_sections


def test_a_section_of_a_top_level_phase_is_shifted_under_its_aadt_phase() -> None:
    # Phases at level 2 (as pp-012's `## Faz 1`): their own `###` sections go a level down in aadt,
    # whose phases are `###`; at `###` they would read as the section after the phase.
    source = (
        "# Implementation Plan: Charts\n\n## Phase 1: Types\n\n### Tasks\n\n- [ ] Add the chart types\n\n"
        "### Layout notes\n\nKeep the types flat.\n\n#### Naming\n\nRanges are named as the exchange names them.\n\n"
        "## Phase 2: Endpoint\n\n### Tasks\n\n- [ ] Serve the candles\n"
    )
    text = plancore.convert(source, "aadt", source="specpulse").text
    expected = (
        "- [ ] Add the chart types\n\n#### Layout notes\n\nKeep the types flat.\n\n##### Naming\n\n"
        "Ranges are named as the exchange names them.\n\n### Phase 2: Endpoint\n"
    )
    assert expected in text
    plan = plancore.parse(text, "aadt")
    assert [(s.heading, s.level, s.after) for s in plan.extra_sections] == [("Layout notes", 4, "phases.0")]


def test_maestro_data_model_subsections_are_numbered_without_a_gap() -> None:
    # The template numbers 3.1 New Entities, 3.2 Modified Entities, 3.3 Data Flow; a data model of
    # text alone has no entity subsections, so its Data Flow is 3.1, read back as maestro's own heading.
    plan = plancore.Plan(
        data_model=plancore.DataModel(overview="One table, `tokens`."),
        architecture=plancore.Architecture(data_flow="request -> token"),
    )
    text = plancore.emit(plan, "maestro")
    assert "\n### 3.1 Data Flow\n\nrequest -> token\n" in text
    assert "3.2" not in text and "3.3" not in text
    read = plancore.parse(text, "maestro")
    assert read.architecture.data_flow == "request -> token"
    assert not read.headings
    back = plancore.convert(text, "smartspec", source="maestro").text
    assert "3.1" not in back and "### Data Flow\n\nrequest -> token\n" in back
    # A blank maestro plan keeps its template's three subsections.
    blank = plancore.emit(plancore.parse(plancore.emit(plancore.Plan(), "maestro"), "maestro"), "maestro")
    assert "### 3.1 New Entities" in blank and "### 3.3 Data Flow" in blank


# A rapid Spec Kit plan of our own: its phases under its own Implementation Steps heading (the last named
# as SmartSpec's sample phase 3).
RAPID_STEPS = """# Implementation Plan: Export

## Specification

Export invoices as CSV.

## Implementation Steps

### Phase 1: Schema

**Goal:** A table for exports
**Tasks:**

1. Add the exports table
2. Index it by date

**Estimated time:** 2 days

### Phase 2: Writer

**Tasks:**

1. Stream rows to CSV

**Estimated time:** 1 day

### Phase 3: Deployment

**Estimated time:** 4 hours

Ship behind the `csv_export` flag
"""


@pytest.mark.parametrize("target", ["smartspec", "speckit-tasks", "maestro", "aadt"])
def test_phases_carried_under_spec_kits_implementation_steps_come_home(target: str) -> None:
    # Through GitHub Spec Kit's plan.md (no phases there) the phases are carried under their own heading; from
    # there, every format with phases reads them back as phases, as the rapid plan's reader reads them, even one
    # whose reader does not read that shape (SmartSpec) or has no such heading (a tasks file).
    there = plancore.convert(RAPID_STEPS, "speckit-github", source="speckit").text
    assert "## Implementation Steps" in there and plancore.parse(there, "speckit-github").phases == ()
    out = plancore.convert(there, target, source="speckit-github")
    read = plancore.parse(out.text, target)
    assert [phase.name for phase in read.phases] == ["Schema", "Writer", "Deployment"]
    assert all(section.heading != "Implementation Steps" for section in read.extra_sections)
    assert "Add the exports table" in out.text.split("Phase 2")[0] and "Stream rows to CSV" in out.text
    assert all(estimate in out.text for estimate in ("2 days", "1 day", "4 hours", "csv_export"))


# A SpecPulse plan of our own whose stack maestro has no section for; with a section carried before it or none.
STACK_PLAN = """# Implementation Plan: Login
{check}
## Architecture Overview

### High-Level Design
Links sent by email log a user in.

### Technical Stack
- **Backend**: FastAPI
- **Database**: Redis

## Implementation Phases

### Phase 1: Links [Priority: LOW]

#### Tasks
1. [ ] Send the link
"""


@pytest.mark.parametrize("check", ["", "\n## Constitution Check\n\n- Library-first: the mailer is a library\n"])
def test_a_carried_stack_is_nested_by_one_rule_whatever_was_carried_before_it(check: str) -> None:
    # The stack goes under the architecture: a subsection of its top section (Kiro's ``## Architecture``), a
    # sibling of a subsection (maestro's ``### 1.2 Component Interactions``), never under that subsection; the
    # same with or without a section carried before it.
    out = plancore.convert(STACK_PLAN.format(check=check), "maestro", source="specpulse").text
    headings = [line for line in out.split("\n") if line.startswith("#")]
    at = headings.index("### Technical Stack")
    assert headings[at - 1] == "### 1.2 Component Interactions" and "FastAPI" in out


# A Spec Kit tasks file of our own: its phases are '## Phase N: Name' sections, no heading over them.
TASKS_PHASES = """# Tasks: Small Thing

**Input**: Design documents from `specs/001-small/`

## Phase 1: Setup

**Purpose**: Get the project going

- [ ] T001 Create the folder `src/small/`
- [ ] T002 Add `pyproject.toml`

**Checkpoint**: The package imports

---

## Phase 2: Core

**Purpose**: The core feature

- [ ] T003 Write `src/small/core.py`

**Checkpoint**: Tests pass

---
"""


def test_a_tasks_files_phases_carried_through_a_plan_md_come_home_as_phases() -> None:
    # GitHub Spec Kit's plan.md has no phases: a tasks file's are carried there as its own '## Phase N' sections,
    # and come home as phases, not beside the template's sample phase (which the second tasks.md gained).
    there = plancore.convert(TASKS_PHASES, "speckit-github", source="speckit-tasks").text
    assert "## Phase 1: Setup" in there and plancore.parse(there, "speckit-github").phases == ()
    back = plancore.convert(there, "speckit-tasks", source="speckit-github")
    assert back.text == TASKS_PHASES
    assert [phase.name for phase in plancore.parse(back.text, "speckit-tasks").phases] == ["Setup", "Core"]


# A maestro plan of our own with phases and a risk table under maestro's headings.
MAESTRO_PHASES_RISKS = """# Implementation Plan: Export Button

**Feature ID:** 042-export-button
**Spec:** .maestro/specs/042-export-button/spec.md
**Created:** 2026-03-01
**Status:** Draft

---

## 1. Architecture Overview

### 1.1 High-Level Design

A button on the report page calls the existing export service.

---

## 5. Implementation Phases

### Phase 1: Backend

- **Goal:** Serve the report as CSV.
- **Tasks:**
  - Add the `/export` route in `api/report.py` - Assignee: general
- **Deliverable:** The route returns CSV.

### Phase 2: Frontend

- **Goal:** Show the button.
- **Dependencies:** Phase 1
- **Tasks:**
  - Add the button to `web/Report.tsx` - Assignee: general
- **Deliverable:** Clicking downloads the file.

---

## 8. Risks and Mitigations

| Risk | Probability | Impact | Mitigation |
| ---- | ----------- | ------ | ---------- |
| Large reports time out | M | H | Stream the rows. |
"""


@pytest.mark.parametrize("target", ["speckit", "speckit-tasks"])
def test_a_cycle_through_a_plan_md_writes_carried_phases_and_risks_the_same(target: str) -> None:
    # maestro -> speckit-github, then -> target -> speckit-github -> target: the second target text is the first.
    # The tasks file's phases come home from plan.md as phases (they stood beside the template's sample phase);
    # the rapid plan's risk table, under maestro's risk heading in plan.md, is read as the rapid plan writes it
    # (maestro's reader kept the rapid template's intro line as text, written a second time below the table).
    start = plancore.convert(MAESTRO_PHASES_RISKS, "speckit-github", source="maestro").text
    first = plancore.convert(start, target, source="speckit-github").text
    back = plancore.convert(first, "speckit-github", source=target).text
    again = plancore.convert(back, target, source="speckit-github").text
    assert again.split(f"## {APPENDIX_HEADING}")[0] == first.split(f"## {APPENDIX_HEADING}")[0]
    read = plancore.parse(again, target)
    assert [phase.name for phase in read.phases] == ["Backend", "Frontend"]
    assert "Phase name, e.g." not in again
    if target == "speckit":
        assert [risk.risk for risk in read.risks] == ["Large reports time out"]
        assert again.count("Potential challenges and mitigation:") == first.count(
            "Potential challenges and mitigation:"
        )


def test_end_to_end_tests_follow_the_integration_tests_in_aadt() -> None:
    # aadt has unit, integration and manual tests: a SmartSpec plan's E2E tests go after the integration
    # tests, as a subsection of their own, not above the unit tests as a labeled part of the strategy.
    testing = plancore.Testing(unit="Parse rows.", integration="Call the API.", e2e="Click through the export.")
    text = plancore.emit(plancore.Plan(metadata=plancore.Metadata(title="Export"), testing=testing), "smartspec")
    out = plancore.convert(text, "aadt", source="smartspec")
    body = out.text[out.text.index("## Testing Strategy") : out.text.index("## Migration/Deployment")]
    assert body.index("### Unit Tests") < body.index("### Integration Tests") < body.index("### End-to-End Tests")
    # The plan has no manual tests: aadt's sample Manual Testing beside the author's tests is cut.
    assert "### Manual Testing" not in body
    assert "Click through the export." in body[body.index("### End-to-End Tests") :]
    assert not out.losses
    # It comes home as the end-to-end tests.
    back = plancore.convert(out.text, "smartspec", source="aadt")
    assert plancore.parse(back.text, "smartspec").testing == testing


def test_end_to_end_tests_keep_the_authors_heading_in_aadt() -> None:
    # A maestro plan numbering its sections its own way (``7.3``): the heading goes with the tests, and back.
    testing = plancore.Testing(unit="Parse rows.", integration="Call the API.", e2e="Click through the export.")
    headings = (plancore.Labeled(label="testing.e2e", value="7.3 End-to-End Tests"),)
    plan = plancore.Plan(metadata=plancore.Metadata(title="Export"), testing=testing, headings=headings)
    text = plancore.emit(plan, "maestro")
    assert "### 7.3 End-to-End Tests\n" in text
    out = plancore.convert(text, "aadt", source="maestro")
    placed = "### Integration Tests\n\nCall the API.\n\n### 7.3 End-to-End Tests\n\nClick through the export.\n"
    assert placed in out.text
    assert not [loss for loss in out.losses if loss.path.startswith("headings")]
    back = plancore.parse(plancore.convert(out.text, "maestro", source="aadt").text, "maestro")
    assert back.testing.e2e == "Click through the export." and back.headings == headings


@given(st.text(alphabet=st.sampled_from(["\n", " ", "\t", "\r", "\x0b", "\u3000", "a", "#"]), max_size=12))
def test_blank_pair_finds_what_the_single_pattern_finds(text: str) -> None:
    # ``_tight`` asks ``_blank_pair`` (two patterns, each found fast) for what one pattern finds, tried at every
    # character: two blank lines in a row, at the start or after a line break.
    assert _blank_pair(text) == (re.search(r"(?:^|\n)[^\S\n]*\n[^\S\n]*(?:\n|\Z)", text) is not None)
