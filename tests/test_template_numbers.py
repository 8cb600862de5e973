"""A source template's numbers on the subsections of a section carried into another format are dropped, as on
the section's own heading (README "Your headings survive"; the s12 user trial, item 8): maestro's
``2.1 New Components`` reads ``New Components`` in SpecPulse, and maestro numbers it again on the way back.
An author's own numbered heading keeps its number."""

from __future__ import annotations

import plancore

MAESTRO = """# Implementation Plan: Board

## 2. Component Design

### 2.1 New Components

#### Component: BoardView

- **Purpose:** Shows the board

### 2.5 Widgets of my own

A note.

## 6. Testing Strategy

### 6.1 Unit Tests

- The board renders its columns
"""


def test_template_numbers_go_in_another_format_and_come_back() -> None:
    specpulse = plancore.convert(MAESTRO, "specpulse", source="maestro").text
    headings = [line.lstrip("#").strip() for line in specpulse.split("\n") if line.startswith("#")]
    assert "New Components" in headings and "2.1 New Components" not in headings
    assert "Unit Tests" in headings and "6.1 Unit Tests" not in headings
    # Not a heading of maestro's template: the author's, number and all.
    assert "2.5 Widgets of my own" in headings
    back = plancore.convert(specpulse, "maestro", source="specpulse").text
    assert "### 6.1 Unit Tests\n" in back
    assert "- The board renders its columns" in back
    assert "Unit Tests" not in [h.value for h in plancore.parse(back, "maestro").headings]


MAESTRO_FLOW = """# Implementation Plan: Board

## 3. Data Model

### 3.1 New Entities

#### Entity: Card

- **Fields:** title, column

### 3.2 Data Flow

**Input:** a dragged card, then **Output:** its new column
"""


def test_a_numbered_subsection_carried_inside_its_section_is_written_once() -> None:
    # The subsection is told inside its section's text by its heading as written (``3.2 Data Flow``),
    # before the number goes: else it would also stand as a section of its own.
    for target in ("specpulse", "speckit-github", "aadt", "smartspec"):
        text = plancore.convert(MAESTRO_FLOW, target, source="maestro").text
        assert text.count("**Input:** a dragged card") == 1, target
        if target in ("specpulse", "speckit-github"):
            # (aadt still carries ``3.1 New Entities`` as written: left for a later round.)
            assert "3.2 Data Flow" not in text and "3.1 New Entities" not in text, target


# A SmartSpec plan with a system context and a decision, no component interactions: maestro's sample
# ``1.2 Component Interactions`` is cut beside them (the s12 trial, R4).
SMARTSPEC = """# Implementation Plan: Shelf Labels

## Architecture Overview

### System Context

Scanner -> Label Service -> Printer

## Technical Decisions

### Decision 1: Label format

- **Context:** Printers in every store read one format.
- **Options Considered:**
  1. PDF - heavy for thermal printers
  2. ZPL - native to the printers
- **Decision:** ZPL
- **Rationale:** Every store printer reads it without a driver.
"""


def _subsections(text: str, section: str) -> list[str]:
    return [line for line in text.split("\n") if line.startswith(f"### {section}.")]


def test_a_cut_sample_leaves_no_gap_in_its_sections_numbers() -> None:
    text = plancore.convert(SMARTSPEC, "maestro", source="smartspec").text
    assert _subsections(text, "1") == ["### 1.1 High-Level Design", "### 1.2 Key Design Decisions"]
    assert "\n### 1.1 High-Level Design\n\nScanner -> Label Service -> Printer\n" in text
    assert "| Label format | PDF, ZPL           | ZPL    |" in text
    # Renumbered, the template's heading is still its own: no heading of the author's read back.
    assert plancore.parse(text, "maestro").headings == ()
    assert plancore.convert(text, "maestro", source="maestro").text == text


# An author's maestro plan with no component interactions, numbering its decisions 1.2.
MAESTRO_DECISIONS = """# Implementation Plan: Shelf Labels

## 1. Architecture Overview

### 1.1 High-Level Design

Scanner -> Label Service -> Printer

### 1.2 Key Design Decisions

| Decision | Options Considered | Chosen | Rationale |
| --- | --- | --- | --- |
| Label format | PDF, ZPL | ZPL | Every store printer reads it |
"""


def test_the_templates_heading_under_another_number_is_the_templates() -> None:
    plan = plancore.parse(MAESTRO_DECISIONS, "maestro")
    assert plan.headings == ()
    assert [d.choice for d in plan.decisions] == ["ZPL"]
    # Same format: the author's numbering as written.
    assert plancore.convert(MAESTRO_DECISIONS, "maestro", source="maestro").text == MAESTRO_DECISIONS
    # Read as the template's own, it is no author's heading another format would keep: SpecPulse's own title.
    specpulse = plancore.convert(MAESTRO_DECISIONS, "specpulse", source="maestro").text
    assert "1.2 Key Design Decisions" not in specpulse
    back = plancore.convert(specpulse, "maestro", source="specpulse").text
    assert _subsections(back, "1") == ["### 1.1 High-Level Design", "### 1.2 Key Design Decisions"]
    assert "| Label format | PDF, ZPL           | ZPL    | Every store printer reads it |" in back
