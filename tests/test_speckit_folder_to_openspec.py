"""A Spec Kit feature folder written as an OpenSpec change (s12 trial item 10): the plan template's note, in
an older Spec Kit's words, is an instruction and goes nowhere; the headings grouping functional requirements
head nothing once the requirements are in specs/, so they are reported, not left empty in design.md."""

from __future__ import annotations

from pathlib import Path

import plancore
from plancore._folder import read_folder, write_folder

_PLAN = """# Implementation Plan: Chunked upload

**Branch**: `004-chunked-upload` | **Date**: 2025-11-16 | **Spec**: [spec.md](./spec.md)

**Note**: This template is filled in by the `/speckit.plan` command. See `.specify/templates/commands/plan.md` \
for the execution workflow.

## Summary

Upload files in chunks so a broken link resumes.
"""

_SPEC = """# Feature Specification: Chunked upload

**Feature Branch**: `004-chunked-upload`

## Requirements *(mandatory)*

### Functional Requirements

#### Sending

- **FR-001**: System MUST send files in chunks of 5 MB
- **FR-002**: System MUST retry a failed chunk

#### Resuming

- **FR-003**: System MUST resume from the last chunk acknowledged
"""


def _feature(tmp_path: Path) -> Path:
    folder = tmp_path / "specs" / "004-chunked-upload"
    folder.mkdir(parents=True)
    (folder / "plan.md").write_text(_PLAN)
    (folder / "spec.md").write_text(_SPEC)
    return folder


def test_an_older_spec_kit_template_note_is_read_as_no_content() -> None:
    plan = plancore.parse(_PLAN, "speckit-github")
    assert not any("template is filled" in section.body for section in plan.extra_sections)
    # Written back in its own format the file is as it was.
    assert plancore.emit(plan, "speckit-github") == _PLAN


def test_requirement_group_headings_are_reported_not_left_empty_in_design_md(tmp_path: Path) -> None:
    out = tmp_path / "change"
    written = write_folder(read_folder(_feature(tmp_path), "speckit-github"), out, "openspec")
    texts = "\n".join(path.read_text() for path in out.rglob("*.md"))
    assert "template is filled" not in texts
    assert "Sending" not in texts and "Resuming" not in texts
    assert [loss.value for loss in written.losses if "grouping requirements" in loss.reason] == [
        "#### Sending",
        "#### Resuming",
    ]
    spec = (out / "specs" / "chunked-upload" / "spec.md").read_text()
    assert [line for line in spec.split("\n") if line.startswith("### Requirement:")] == [
        "### Requirement: FR-001 Send files in chunks of 5 MB",
        "### Requirement: FR-002 Retry a failed chunk",
        "### Requirement: FR-003 Resume from the last chunk acknowledged",
    ]
