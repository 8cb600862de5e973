"""A -> B -> A -> B: what a conversion carries through a format without a
place for it comes home in its own place on the way back (hand-written inputs,
one per kind of misplacement that made a cycle unstable)."""

from __future__ import annotations

import plancore
from plancore._report import APPENDIX_HEADING

# A SpecPulse plan as a conversion from SmartSpec writes it: SpecPulse has no
# summary, components table, decisions or testing section, so they stand
# under SmartSpec's headings where they stood.
SPECPULSE_CARRYING = """# Implementation Plan: Export

## Executive Summary
Users can export their boards as CSV.

## Architecture Overview

### High-Level Design
The exporter streams rows from the board store.

### Component Design
| Component | Responsibility | Technology | Notes |
|-----------|---------------|------------|-------|
| Exporter | Writes the CSV | Python | Streams rows |

### Technical Decisions
#### Decision 1: File format

- **Context:** Spreadsheets must open it.
- **Decision:** CSV
- **Rationale:** Every spreadsheet reads CSV.

## Testing Strategy
### Unit Tests

- Quoting of commas in cells

## Rollout Plan

### Rollback Plan
Hide the export button.
"""


def _body(text: str) -> str:
    return text.split(f"## {APPENDIX_HEADING}")[0]


def test_a_section_under_the_targets_heading_for_an_empty_field_fills_that_field() -> None:
    result = plancore.convert(SPECPULSE_CARRYING, "smartspec", source="specpulse")
    plan = plancore.parse(result.text, "smartspec")
    assert plan.summary == "Users can export their boards as CSV."
    assert [(c.name, c.responsibility, c.technology, c.notes) for c in plan.architecture.components] == [
        ("Exporter", "Writes the CSV", "Python", "Streams rows")
    ]
    assert [(d.title, d.choice) for d in plan.decisions] == [("File format", "CSV")]
    assert plan.testing.unit == "- Quoting of commas in cells"
    assert plan.rollback == "Hide the export button."
    # Each once, in its own section: no placeholder beside it, nothing of it in the appendix.
    for text in ("Users can export", "| Exporter |", "Decision 1: File format", "Quoting of commas", "Hide the"):
        assert result.text.count(text) == 1, text
    for placeholder in (
        "{{plan_summary}}",
        "{{component_1}}",
        "{{decision_1_title}}",
        "{{unit_test_1}}",
        "{{rollback_plan}}",
    ):
        assert placeholder not in result.text, placeholder
    assert APPENDIX_HEADING not in result.text
    assert {placed.field for placed in result.placed} >= {
        "summary",
        "architecture.components",
        "decisions",
        "testing",
        "rollback",
    }


def test_a_section_for_a_field_the_plan_fills_already_stays_carried() -> None:
    source = SPECPULSE_CARRYING.replace(
        "### Technical Decisions", "### System Context\nA second view of the exporter.\n\n### Technical Decisions"
    )
    text = plancore.convert(source, "smartspec", source="specpulse").text
    # The plan's own overview (High-Level Design) holds the field: the other section is kept as written.
    assert plancore.parse(text, "smartspec").architecture.overview == "The exporter streams rows from the board store."
    assert "A second view of the exporter." in _body(text)


def test_a_section_the_targets_reader_takes_nothing_of_stays_carried() -> None:
    source = SPECPULSE_CARRYING.replace(
        "## Executive Summary\nUsers can export their boards as CSV.\n", "## Executive Summary\n\n{{plan_summary}}\n"
    )
    text = plancore.convert(source, "smartspec", source="specpulse").text
    assert plancore.parse(text, "smartspec").summary == ""
