"""The crosswalk: content a target does not hold in the source's shape lands
where a person converting by hand would put it (hand-written inputs)."""

from __future__ import annotations

import pytest

import plancore
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
    assert not any(loss.path.startswith("phases") for loss in conversion.losses)


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
