"""Trial findings T5 and T9: what a plan holds is written once.

T5: a maestro plan's Data Model and API Contracts go into the rapid Spec Kit's Data Model bullets whole,
as written, their inner sections with them (``### 4.2 Tauri Commands``, the entity's ``New actions`` lines
the reader keeps as text); those sections were carried a second time, as a top section after Deployment and
in the appendix.

T9: a Spec Kit folder's plan.md and tasks.md each have a ``## Testing Strategy``. Two carried sections under
one heading came home in neither: both were carried, and the target's own Testing Strategy stood between
them with its placeholders. Together they are the plan's testing strategy, in order. And a folder's
contracts/README.md, notes on the contract files, was read as an API example: SmartSpec wrote it as a
``**Request:**`` with a sample ``**Response:**``. It is carried whole after the contract files.
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


CONTRACTS_README = """# API Contracts

The search API, in OpenAPI: `openapi.yaml` is the source of truth.
"""
OPENAPI = "openapi: 3.0.3\npaths: {}\n"


def _with_contracts(tmp_path: Path) -> Path:
    folder = _folder(tmp_path)
    (folder / "contracts").mkdir()
    (folder / "contracts" / "README.md").write_text(CONTRACTS_README, encoding="utf-8")
    (folder / "contracts" / "openapi.yaml").write_text(OPENAPI, encoding="utf-8")
    return folder


def test_a_contracts_readme_is_carried_after_the_contract_files_not_as_an_example(tmp_path: Path) -> None:
    plan = plancore.read_feature(_with_contracts(tmp_path))
    assert [example.name for example in plan.api.examples] == ["contracts/openapi.yaml"]
    smartspec = convert_plan(plan, "smartspec", source="speckit-github").text
    # SmartSpec's examples are requests and responses: the README is a section of its own after them.
    readme = smartspec.index("## contracts/README.md\n\n```markdown\n# API Contracts\n")
    assert (
        smartspec.index("#### contracts/openapi.yaml\n\n**Request:**") < readme < smartspec.index("## Database Schema")
    )
    assert smartspec.count("**Request:**") == 1
    # A target without examples has the contract files in one API Contracts section: the README with them.
    aadt = convert_plan(plan, "aadt", source="speckit-github").text
    section = aadt[aadt.index("## API Contracts\n") :]
    section = section[: section.index("\n## ", 1)]
    assert section.index("### contracts/openapi.yaml") < section.index("### contracts/README.md")
    assert "The search API, in OpenAPI" in section


def test_a_contracts_readme_goes_back_to_its_file(tmp_path: Path) -> None:
    plan = plancore.read_feature(_with_contracts(tmp_path))
    out = tmp_path / "out"
    plancore.write_feature(plan, out)
    assert (out / "contracts" / "README.md").read_text(encoding="utf-8") == CONTRACTS_README
    assert (out / "contracts" / "openapi.yaml").read_text(encoding="utf-8") == OPENAPI


def test_a_contract_written_in_markdown_stays_a_contract_file(tmp_path: Path) -> None:
    folder = _with_contracts(tmp_path)
    (folder / "contracts" / "search.contract.md").write_text("# Search contract\n\n- GET /search\n", encoding="utf-8")
    plan = plancore.read_feature(folder)
    assert [example.name for example in plan.api.examples] == ["contracts/openapi.yaml", "contracts/search.contract.md"]
    assert [s.heading for s in plan.extra_sections if s.heading.startswith("contracts/")] == ["contracts/README.md"]
