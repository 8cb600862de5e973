"""Trial findings T5 and T9: what a plan holds is written once.

T5: a maestro plan's Data Model and API Contracts go into the rapid Spec Kit's Data Model bullets whole,
as written, their inner sections with them (``### 4.2 Tauri Commands``, the entity's ``New actions`` lines
the reader keeps as text); those sections were carried a second time, as a top section after Deployment and
in the appendix.

T9: a Spec Kit folder's plan.md and tasks.md each have a ``## Testing Strategy``. Two carried sections under
one heading came home in neither: both were carried, and the target's own Testing Strategy stood between
them with its placeholders. Together they are the plan's testing strategy, in order.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import SHARED

import plancore
from plancore._convert import convert_plan

MAESTRO = """# Implementation Plan: Label Printer

**Feature ID:** 007-label-printer

## 1. Architecture Overview

### 1.1 High-Level Design

A print queue in the desktop app sends jobs to the label printer.

## 3. Data Model

### 3.1 New Entities

#### Entity: PrintJob

```typescript
interface PrintJob {
  id: string;
  copies: number;
}
```

### 3.2 Modified Entities

#### Entity: QueueState

- **Current fields:** jobs
- **New fields:**
  - `paused: boolean` - Whether printing waits
- **New actions:**
  - `pauseQueue()`
- **Migration notes:** None needed

## 4. API Contracts

### 4.1 New Endpoints/Methods

#### POST /jobs

- **Purpose:** Queue a print job
- **Input:** `PrintJob`
- **Output:** `PrintJob` (queued)
- **Errors:** 400 (bad copies)

### 4.2 Printer Commands (Rust)

#### `print_label`

- **Purpose:** Send one label to the printer
- **Input:** `job: PrintJob`
"""


def test_sections_inside_a_section_written_whole_are_not_carried_again() -> None:
    result = plancore.convert(MAESTRO, "speckit")
    text = result.text
    bullets = text[text.index("### Data Model") : text.index("## Implementation Steps")]
    # Each inside the Data Model bullets, its headings bold, and nowhere else.
    assert "  **4.2 Printer Commands (Rust)**\n\n  **`print_label`**\n" in bullets
    assert "  - **New actions:**\n    - `pauseQueue()`\n  - **Migration notes:** None needed\n" in bullets
    for line in ("Printer Commands (Rust)", "print_label", "pauseQueue()", "Migration notes:"):
        assert text.count(line) == 1, line
    assert "### 3. Data Model" not in text
    assert not any("data_model" in loss.path or "api" in loss.path for loss in result.losses)


PLAN_MD = """# Implementation Plan: Search

**Branch**: `003-search` | **Date**: 2026-03-01 | **Spec**: [spec.md](./spec.md)

## Summary

Add search to the catalogue.

## Testing Strategy

### Contract Tests

- Every endpoint answers its documented shape
"""

TASKS_MD = """# Tasks: Search

## Phase 1: Index

- [ ] T001 Build the search index

## Testing Strategy

### Test Execution

```bash
go test ./search/...
```
"""


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "003-search"
    folder.mkdir()
    (folder / "plan.md").write_text(PLAN_MD, encoding="utf-8")
    (folder / "tasks.md").write_text(TASKS_MD, encoding="utf-8")
    return folder


@pytest.mark.parametrize("target", ["maestro", "smartspec"])
def test_two_sections_under_one_heading_come_home_together(target: str, tmp_path: Path) -> None:
    text = convert_plan(plancore.read_feature(_folder(tmp_path)), target, source="speckit-github").text
    assert text.count("Testing Strategy\n") == 1
    # The target's own heading, over both in the order the folder has them; none of its placeholders.
    start = text.index("Testing Strategy\n")
    contract, execution = text.index("### Contract Tests", start), text.index("### Test Execution", start)
    assert start < contract < execution
    assert "go test ./search/..." in text[execution:]
    assert "{test category 1}" not in text and "{{unit_test_1}}" not in text


def test_two_sections_under_a_heading_the_target_has_no_field_for_stay_carried() -> None:
    twice = "## Notes\n\nFirst.\n\n## Notes\n\nSecond.\n\n## 3. Data Model"
    text = plancore.convert(MAESTRO.replace("## 3. Data Model", twice), "speckit").text
    assert text.count("## Notes\n") == 2
    assert text.index("First.") < text.index("Second.")


TODO2 = SHARED / "corpus" / "speckit-feature" / "todo2-001-todo-app"


@pytest.mark.skipif(not TODO2.is_dir(), reason="../shared/corpus/speckit-feature/todo2-001-todo-app absent")
def test_todo2_folder_has_one_testing_strategy_in_maestro() -> None:
    text = convert_plan(plancore.read_feature(TODO2), "maestro", source="speckit-github").text
    assert text.count("Testing Strategy\n") == 1
    assert "{test category 1}" not in text
    # plan.md's first subsection and tasks.md's last, both under it.
    start = text.index("## 6. Testing Strategy")
    assert start < text.index("### Test-First Development (TDD)") < text.index("### Test Organization")
