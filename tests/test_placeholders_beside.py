"""No template sample beside the author's content (issue 11: placeholders never turn into content, nothing
lands beside its twin; the new-user trial's finding 8), one kind per test, on small plans of our own."""

from __future__ import annotations

from pathlib import Path

import plancore
from plancore._convert import convert_plan
from plancore._crosswalk import clear_placeholders
from plancore._registry import get_format

# A rapid Spec Kit plan whose testing strategy is one paragraph, no unit/integration/E2E parts.
RAPID_TESTING = """# Implementation Plan: Export

## Testing Strategy

Every exporter is tested against a recorded board.
"""


def test_sample_subsections_under_a_filled_section_are_cut() -> None:
    # maestro's 6.1-6.4 samples under a Testing Strategy that holds the author's text would read as parts of
    # it left to fill: they go; the author's text stays in its section.
    text = plancore.convert(RAPID_TESTING, "maestro", source="speckit").text
    testing = text.split("## 6. Testing Strategy")[1].split("\n## ")[0]
    assert "Every exporter is tested against a recorded board." in testing
    assert "### 6." not in testing and "{test category 1}" not in text
    assert plancore.parse(text, "maestro").testing.strategy == "Every exporter is tested against a recorded board."


def test_a_section_that_received_nothing_keeps_its_samples() -> None:
    # The same plan without a testing strategy: maestro's Testing Strategy shows what is left to fill.
    plan = RAPID_TESTING.split("## Testing")[0] + "## Rollback Plan\n\nRevert.\n"
    text = plancore.convert(plan, "maestro", source="speckit").text
    assert "### 6.1 Unit Tests" in text and "{test category 1}" in text


# A maestro plan with one endpoint and no data model.
MAESTRO_API = """# Implementation Plan: Export

## 4. API Contracts

### 4.1 New Endpoints/Methods

#### POST /exports

- **Purpose:** Start an export
- **Input:** board id
"""


def test_smartspec_request_examples_sample_beside_an_author_s_api_is_cut() -> None:
    # SmartSpec's API Design holds the author's endpoint: its sample Request/Response Examples
    # (``{{endpoint_1_name}}``) no longer stand beside it; the Database Schema, which received nothing, keeps
    # its ``{{schema_sql}}``.
    text = plancore.convert(MAESTRO_API, "smartspec", source="maestro").text
    api = text.split("## API Design")[1].split("\n## ")[0]
    assert "| POST | /exports | Start an export |" in api
    assert "{{endpoint_1_name}}" not in text and "Request/Response Examples" not in text
    assert "{{schema_sql}}" in text.split("## Database Schema")[1].split("\n## ")[0]


# A SpecPulse plan whose dependencies are a section of its own under a Turkish heading, in no shape
# SpecPulse or aadt reads as dependencies.
SPECPULSE_DEPENDENCIES = """# Implementation Plan: Dışa Aktarma

## Specification Reference
- **Spec ID**: SPEC-004
- **Generated**: 2026-01-05

## Bağımlılıklar

### Kullanılacak Bileşenler
- `components/ui/table.tsx`
- `lib/export.ts`
"""


def test_a_target_sample_beside_its_twin_under_a_translated_heading_is_cut() -> None:
    # The author's Dependencies section (Turkish, another shape) is carried; aadt's own Dependencies section,
    # its sample ``package-name`` row, would stand beside it as a second, empty place for them.
    out = plancore.convert(SPECPULSE_DEPENDENCIES, "aadt", source="specpulse")
    assert "## Bağımlılıklar\n\n### Kullanılacak Bileşenler\n- `components/ui/table.tsx`" in out.text
    assert "package-name" not in out.text and "## Dependencies" not in out.text
    assert [loss.path for loss in out.losses] == ["metadata.spec_id"]  # aadt has no spec ID


def test_speckit_file_changes_sample_beside_an_openspec_impact_is_cut(tmp_path: Path) -> None:
    # OpenSpec's Impact names the files the change touches: the rapid Spec Kit's File Changes sample
    # (``path/to/new/file.js``) is its twin (``TWINS``) and goes; the Impact stays as the author wrote it.
    change = tmp_path / "add-export"
    change.mkdir()
    (change / "proposal.md").write_text(
        "## Why\n\nBoards cannot be exported.\n\n## What Changes\n\n- Add a CSV export of a board\n\n"
        "## Impact\n\n| File | Change |\n|------|--------|\n| `src/export.ts` | new exporter |\n",
        encoding="utf-8",
    )
    (change / "tasks.md").write_text("## 1. Exporter\n\n- [ ] 1.1 Write the exporter\n", encoding="utf-8")
    text = convert_plan(plancore.read_folder(change, "openspec"), "speckit", source="openspec").text
    assert "| `src/export.ts` | new exporter |" in text.split("## Impact")[1].split("\n## ")[0]
    assert "path/to/new/file.js" not in text and "## File Changes" not in text


def test_only_samples_are_cut_and_the_reading_is_kept() -> None:
    # ``clear_placeholders`` on the target's blank template changes nothing (no section received content),
    # and on an output it keeps every field and section the output reads as.
    aadt = get_format("aadt")
    assert clear_placeholders(aadt.blank_text, aadt) == aadt.blank_text
    maestro = get_format("maestro")
    written = maestro.emit(plancore.Plan(testing=plancore.Testing(strategy="Tested on a recorded board.")))
    cut = clear_placeholders(written, maestro)
    assert "{test category 1}" in written and "{test category 1}" not in cut
    assert maestro.parse(cut) == maestro.parse(written)


# A small Kiro folder of our own: a design with an overview, a task list; no feature ID, spec path or date.
KIRO_DESIGN = """# Design Document

## Overview

A CSV export of a board.

## Testing Strategy

Unit tests for the exporter.
"""

KIRO_TASKS = """# Implementation Plan

- [ ] 1. Write the exporter
  - Stream the rows
"""


def test_maestro_component_design_sample_beside_kiro_components_and_interfaces_is_cut(tmp_path: Path) -> None:
    # Trial s13 T4: Kiro's Components and Interfaces is carried as written (its components are prose);
    # maestro's Component Design sample (``#### Component: {Name}``) beside it was a second, empty place for
    # them (``TWINS``). Without that section the sample stays: the field is left to fill.
    folder = tmp_path / "board-export"
    folder.mkdir()
    components = "## Components and Interfaces\n\n### Exporter\n\nStreams a board's rows as CSV.\n\n"
    (folder / "design.md").write_text(KIRO_DESIGN.replace("## Testing", components + "## Testing"), "utf-8")
    (folder / "tasks.md").write_text(KIRO_TASKS, encoding="utf-8")
    text = convert_plan(plancore.read_folder(folder, "kiro"), "maestro", source="kiro").text
    assert "### Exporter\n\nStreams a board's rows as CSV." in text.split("## Components and Interfaces")[1]
    assert "Component Design" not in text and "{Name}\n\n- **Purpose:**" not in text
    (folder / "design.md").write_text(KIRO_DESIGN, encoding="utf-8")
    bare = convert_plan(plancore.read_folder(folder, "kiro"), "maestro", source="kiro").text
    assert "## 2. Component Design" in bare and "#### Component: {Name}" in bare
