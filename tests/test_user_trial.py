"""Folder formats as a user of the target tool reads them (the new-user trial's findings), each on a small
folder of our own."""

from __future__ import annotations

from pathlib import Path

import plancore
from plancore import read_folder, write_folder

KIRO_TASKS = """# Implementation Plan

- [x] 1. Build the form
  - [x] 1.1 Add fields
    - _Requirements: 1.1_
  - [ ] 1.2 Wire it

- [ ] 2. Ship it
"""

REQUIREMENTS = """# Requirements Document

## Introduction

A sign-up form.

## Requirements

### Requirement 1

**User Story:** As a visitor, I want to sign up, so that I can log in.

#### Acceptance Criteria

1. WHEN a visitor submits the form THEN the system SHALL create an account
"""


def _kiro(tmp_path: Path, name: str = "sign-up-form") -> Path:
    folder = tmp_path / ".kiro" / "specs" / name
    folder.mkdir(parents=True)
    (folder / "requirements.md").write_text(REQUIREMENTS, encoding="utf-8")
    (folder / "tasks.md").write_text(KIRO_TASKS, encoding="utf-8")
    return folder


def test_a_kiro_folder_without_titles_is_titled_by_its_feature_name(tmp_path: Path) -> None:
    plan = read_folder(_kiro(tmp_path))
    assert plan.metadata.title == "sign-up-form"
    text = plancore._convert.convert_plan(plan, "maestro", source="kiro").text
    assert text.startswith("# Implementation Plan: sign-up-form\n")
    assert "{FEATURE_TITLE}" not in text
    # Written as a Kiro folder again, its files stay untitled, as they were.
    write_folder(plan, tmp_path / "copy", "kiro")
    assert (tmp_path / "copy" / "requirements.md").read_text(encoding="utf-8") == REQUIREMENTS
    assert (tmp_path / "copy" / "tasks.md").read_text(encoding="utf-8") == KIRO_TASKS


def test_kiro_tasks_are_numbered_as_spec_kit_numbers_them_and_back(tmp_path: Path) -> None:
    write_folder(read_folder(_kiro(tmp_path)), tmp_path / "specs" / "001-sign-up", "speckit-github")
    tasks = (tmp_path / "specs" / "001-sign-up" / "tasks.md").read_text(encoding="utf-8")
    assert (
        "- [X] T001 Build the form\n"
        "  - [X] T002 [US1] Add fields\n"
        "    - _Requirements: 1.1_\n"
        "  - [ ] T003 Wire it\n"
        "- [ ] T004 Ship it\n"
    ) in tasks
    back = tmp_path / ".kiro" / "specs" / "again"
    write_folder(read_folder(tmp_path / "specs" / "001-sign-up"), back, "kiro")
    assert (back / "tasks.md").read_text(encoding="utf-8").split("\n", 1)[1] == KIRO_TASKS.split("\n", 1)[1]


SMARTSPEC = """# Implementation Plan: Reset

## Executive Summary

Users reset a forgotten password by email.

## Architecture Overview

### System Context

```
Browser -> API -> DB
```

### Component Design

| Component | Responsibility | Technology | Notes |
|-----------|---------------|------------|-------|
| Mailer | Sends the email | SMTP | Retries |
"""

MAESTRO = """# Implementation Plan: Board

## 1. Architecture Overview

### 1.1 High-Level Design

A board view.

### 1.2 Component Interactions

The board calls the store.

### 1.3 Key Design Decisions

| Decision | Options Considered | Chosen | Rationale |
| --- | --- | --- | --- |
| Drag library | dnd-kit, HTML5 | dnd-kit | Accessible |
"""


def test_a_kiro_design_has_no_architecture_sample_beside_the_author_s_diagram(tmp_path: Path) -> None:
    write_folder(plancore.parse(SMARTSPEC, "smartspec"), tmp_path / "reset", "kiro")
    design = (tmp_path / "reset" / "design.md").read_text(encoding="utf-8")
    assert "## Overview\n\n```\nBrowser -> API -> DB\n```\n\n## Component Design\n" in design
    assert "## Architecture" not in design and "[How the parts" not in design


def test_kiro_design_carries_decisions_after_its_architecture(tmp_path: Path) -> None:
    write_folder(plancore.parse(MAESTRO, "maestro"), tmp_path / "board", "kiro")
    design = (tmp_path / "board" / "design.md").read_text(encoding="utf-8")
    headings = [line for line in design.split("\n") if line.startswith("## ")]
    # Without maestro's number: the number is its template's, no part of the author's heading (finding 7).
    assert headings[:3] == ["## Overview", "## Architecture", "## Key Design Decisions"]
    assert "## Architecture\n\nThe board calls the store.\n\n## Key Design Decisions\n" in design


PLAN_MD = """# Implementation Plan: Notes

**Branch**: `001-notes` | **Date**: 2025-12-02 | **Spec**: [spec.md](spec.md)
**Input**: Feature specification from `/specs/001-notes/spec.md`

{note}

## Summary

Users keep notes.
""".format(
    note="**Note**: This template is filled in by the `/speckit.plan` command. "
    "See `.specify/templates/commands/plan.md` for the execution workflow."
)

TASKS_MD = """# Tasks: Notes

**Feature**: 001-notes
**Status**: Ready

## Phase 1: Setup

**Purpose**: Scaffold the app

- [ ] T001 Create the project

**Checkpoint**: The app starts

---

## Phase 2: Notes

**Independent Test**: Add a note and see it

- [ ] T002 Add the notes list

**Checkpoint**: Notes can be added
"""


def test_a_spec_kit_folder_reads_as_openspec_with_checkpoints_in_their_groups(tmp_path: Path) -> None:
    feature = tmp_path / "specs" / "001-notes"
    feature.mkdir(parents=True)
    (feature / "plan.md").write_text(PLAN_MD, encoding="utf-8")
    (feature / "tasks.md").write_text(TASKS_MD, encoding="utf-8")
    change = tmp_path / "openspec" / "changes" / "notes"
    write_folder(read_folder(feature), change, "openspec")
    tasks = (change / "tasks.md").read_text(encoding="utf-8")
    # Each checkpoint after its group's tasks, not carried apart.
    assert "- [ ] T001 Create the project\n\n**Checkpoint**: The app starts\n\n## 2. Notes\n" in tasks
    assert "- [ ] T002 Add the notes list\n\n**Checkpoint**: Notes can be added\n" in tasks
    assert "Checkpoint" not in tasks.partition("## Appendix")[2]
    # tasks.md's header lines open the tasks file, not the proposal.
    assert tasks.startswith("**Feature**: 001-notes\n**Status**: Ready\n")
    assert "**Feature**: 001-notes" not in (change / "proposal.md").read_text(encoding="utf-8")
