"""An OpenSpec change written as a Kiro spec, as a person would convert it (s12 trial item 7): the proposal's
Why and What Changes introduce the requirements, the design's Context is the design's Overview (once), its
Goals / Non-Goals and Decisions stay in design.md in OpenSpec's words, and OpenSpec's own .openspec.yaml is
not copied (reported with what it says)."""

from __future__ import annotations

from pathlib import Path

from plancore._folder import read_folder, write_folder

_PROPOSAL = """## Why

Uploads time out on slow links.

## What Changes

- Upload in chunks.

## Impact

- Affected code: `upload.ts`.
"""

_DESIGN = """## Context

The uploader sends one request per file.

## Goals / Non-Goals

**Goals:**

- Resume a broken upload.

## Decisions

### Decision: Chunks of 5 MB

Big enough for few requests, small enough to retry.

## Risks / Trade-offs

- More requests → Batched acknowledgements
"""

_SPEC = """## ADDED Requirements

### Requirement: Chunked upload

The system SHALL upload files in chunks.

#### Scenario: Slow link

- **WHEN** the link drops mid-upload
- **THEN** the upload resumes from the last chunk
"""


def _change(tmp_path: Path) -> Path:
    folder = tmp_path / "openspec" / "changes" / "chunked-upload"
    (folder / "specs" / "upload").mkdir(parents=True)
    (folder / "proposal.md").write_text(_PROPOSAL)
    (folder / "design.md").write_text(_DESIGN)
    (folder / "specs" / "upload" / "spec.md").write_text(_SPEC)
    (folder / ".openspec.yaml").write_text("schema: spec-driven\ncreated: 2026-05-04\n")
    return folder


def test_the_why_introduces_the_requirements_and_the_context_is_the_design_overview(tmp_path: Path) -> None:
    out = tmp_path / "kiro"
    write_folder(read_folder(_change(tmp_path), "openspec"), out, "kiro")
    requirements = (out / "requirements.md").read_text()
    design = (out / "design.md").read_text()
    assert requirements.startswith(
        "# Requirements Document\n\n## Introduction\n\nUploads time out on slow links.\n\n- Upload in chunks.\n\n"
        "## Requirements\n"
    )
    assert "Goals" not in requirements and "The uploader sends" not in requirements
    assert design.startswith(
        "# Design Document\n\n## Overview\n\nThe uploader sends one request per file.\n\n"
        "## Goals / Non-Goals\n\n**Goals:**\n\n- Resume a broken upload.\n\n"
    )
    assert design.count("The uploader sends one request per file.") == 1
    assert "## Why" not in design and "Uploads time out" not in design


def test_openspec_decisions_keep_their_heading_and_decision_titles_in_kiro_design(tmp_path: Path) -> None:
    out = tmp_path / "kiro"
    write_folder(read_folder(_change(tmp_path), "openspec"), out, "kiro")
    design = (out / "design.md").read_text()
    decision = "### Decision: Chunks of 5 MB\n\nBig enough for few requests, small enough to retry.\n"
    assert "## Decisions\n\n" + decision in design
    assert "Research Decisions" not in design


def test_openspec_yaml_is_not_copied_into_the_kiro_folder_and_is_reported(tmp_path: Path) -> None:
    out = tmp_path / "kiro"
    written = write_folder(read_folder(_change(tmp_path), "openspec"), out, "kiro")
    assert sorted(path.name for path in out.iterdir()) == ["design.md", "requirements.md", "tasks.md"]
    # Reported with what it says (its date too: no Kiro file has a place for it), not carried as a file's text.
    assert [(loss.reason, loss.value) for loss in written.losses if ".openspec.yaml" in loss.reason] == [
        (".openspec.yaml is another tool's: not copied", "schema: spec-driven\ncreated: 2026-05-04\n")
    ]
    assert "2026-05-04" not in (out / "design.md").read_text()
