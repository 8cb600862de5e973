"""Where carried content lands (the new-user trial's finding 4): a folder's extra files and a source's
trailing sections come after the plan's own content, never between its title and its summary. Each on a
small plan or folder of our own."""

from __future__ import annotations

from pathlib import Path

import plancore
from plancore import read_folder
from plancore._convert import convert_plan

PLAN = """# Implementation Plan: Search

**Branch**: `004-search` | **Date**: 2026-03-01 | **Spec**: [spec.md](./spec.md)

## Summary

Find notes by word.

## Technical Context

**Language/Version**: Python 3.11
"""

TASKS = """# Tasks: Search

## Format: `[ID] [P?] Description`

- **[P]**: can run in parallel

## Phase 1: Setup

- [ ] T001 Create the index module

## Phase 2: Query

- [ ] T002 Parse the query
"""

QUICKSTART = """# Quickstart: Search

Run `search word`.
"""


def _lines(text: str) -> list[str]:
    return text.splitlines()


def _at(lines: list[str], wanted: str) -> int:
    return next(number for number, line in enumerate(lines) if line.startswith(wanted))


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "004-search"
    folder.mkdir()
    (folder / "plan.md").write_text(PLAN, encoding="utf-8")
    (folder / "tasks.md").write_text(TASKS, encoding="utf-8")
    (folder / "quickstart.md").write_text(QUICKSTART, encoding="utf-8")
    return folder


def test_a_folder_s_extra_file_and_task_format_come_after_the_plan_s_content(tmp_path: Path) -> None:
    plan = read_folder(_folder(tmp_path))
    for target in ("maestro", "smartspec", "specpulse", "aadt"):
        lines = _lines(convert_plan(plan, target, source="speckit-github").text)
        # The summary (or the maestro overview it is carried as) is the first thing after the header.
        summary = next(n for n, line in enumerate(lines) if "Find notes by word." in line)
        quickstart = _at(lines, "## quickstart.md")
        task_format = _at(lines, "## Format:")
        second_task = next(n for n, line in enumerate(lines) if "Parse the query" in line)
        assert summary < second_task < task_format, target
        assert summary < quickstart, target
        appendix = [n for n, line in enumerate(lines) if line.startswith("## Appendix")]
        assert all(quickstart < n for n in appendix), target


TRAILING = """# Implementation Plan: Search

**Branch**: `004-search` | **Date**: 2026-03-01 | **Spec**: [spec.md](./spec.md)

## Summary

Find notes by word.

## Project Structure

### Source Code (repository root)

```text
src/search.py
```

## Complexity Tracking

*No constitution violations.*
"""


def test_a_source_s_last_section_kept_as_written_stays_last() -> None:
    # Spec Kit's Complexity Tracking in prose (no table): the author's section, the source's last, is the
    # target's last before what its writer puts after the rest (aadt's progress log), not under its summary.
    lines = _lines(plancore.convert(TRAILING, "aadt", source="speckit-github").text)
    complexity = _at(lines, "## Complexity Tracking")
    headings = [n for n, line in enumerate(lines) if line.startswith("## ")]
    after = [lines[n] for n in headings if n > complexity]
    assert all(title in ("## Progress Log", "## Appendix: Carried Over") for title in after), after
    assert _at(lines, "## Overview") < _at(lines, "## Implementation Steps") < complexity


MAESTRO = """# Implementation Plan: Board

**Feature ID:** 001-board

---

## 1. Architecture Overview

### 1.1 High-Level Design

A board of cards.

### 1.2 Component Interactions

The board calls the store.

---

## 5. Implementation Phases

### Phase 1: Cards

**Goal:** Show cards

**Tasks:**

- Draw the cards

**Deliverable:** A board

---

## 6. Task Sizing Guidance

Keep each task under a day.

---

## 7. Testing Strategy

Test the store.

---

## 8. Risks and Mitigations

| Risk | Probability | Impact | Mitigation |
| ---- | ----------- | ------ | ---------- |
| Slow store | Low | High | Cache it |
"""


def test_maestro_s_template_numbers_are_not_carried_as_the_author_s_headings() -> None:
    # Finding 7: ``7. Testing Strategy`` is maestro's own heading, numbered as its newer template numbers it
    # (one more section before it); ``1.2 Component Interactions`` its own subsection. Neither number is
    # the author's: in another format the section stands under that format's heading or its bare title.
    smartspec = plancore.convert(MAESTRO, "smartspec", source="maestro").text
    # (The appendix shows what it carries under the source's headings as written, numbers and all.)
    body = smartspec.split("## Appendix", 1)[0]
    headings = [line for line in body.split("\n") if line.startswith("#")]
    assert "## Testing Strategy" in headings
    assert "### Component Interactions" in headings
    assert not any(line.split(" ", 1)[1][:2] in ("1.", "7.", "8.") for line in headings), headings
    specpulse = plancore.convert(MAESTRO, "specpulse", source="maestro").text
    assert "8. Risks and Mitigations" not in specpulse
    assert "| Slow store |" in specpulse.split("### Technical Risks", 1)[1].split("\n## ", 1)[0]
