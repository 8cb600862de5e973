"""A section converted by hand keeps its parts where its author put them (issue 11, integrator's trial
N4, N5, N6, N11): a section made of subsections keeps its heading over them in a target with no heading of
its own for it; a Spec Kit template's annotation of a heading (``*(mandatory)*``) is not written in another
format; a tasks file's front matter stays its tasks file's, and readable where it is carried.

The plans and folders here are written by hand for the shapes tested."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import plancore
from plancore._folder import read_folder, write_folder

HEADING = re.compile(r"^(#{1,6} .*)$", re.MULTILINE)

# A Kiro design whose author wrote a subsection titled as Kiro's own Data Models section inside another
# section, and Kiro's own Data Models section later, holding only subsections.
KIRO_DESIGN = """# Design Document: Weirdos

## Overview

Cost rules for a warband builder.

## Components and Interfaces

### Data Models

All models are TypeScript interfaces.

### CostEngine

Computes costs.

## Data Models

### Attribute Cost Tables

| Speed | Cost |
|-------|------|
| 1 | 0 |

### Equipment Limits

Two items at most.

## Testing Strategy

Unit tests for every table.
"""

KIRO_REQUIREMENTS = """# Requirements Document

## Introduction

Cost rules.

## Requirements

### Requirement 1

**User Story:** As a player, I want costs computed, so that my warband is legal.

#### Acceptance Criteria

1. WHEN a weirdo has Speed 1 THEN the engine SHALL count 0 points
"""

KIRO_TASKS = """# Implementation Plan

- [ ] 1. Add the cost tables
"""

PLAN = """# Implementation Plan: Photo Upload

**Branch**: `004-photo` | **Date**: 2026-01-05 | **Spec**: [spec.md](./spec.md)

## Summary

Let users attach one photo to a listing.

## Technical Context

**Language/Version**: Python 3.12
**Storage**: PostgreSQL

## Project Structure

### Documentation (this feature)

```text
specs/004-photo/
├── plan.md
└── tasks.md
```

### Source Code (repository root)

```text
src/
└── photos.py
```

## Complexity Tracking

No deviations.
"""

SPEC = """# Feature Specification: Photo Upload

**Feature Branch**: `004-photo`

## User Scenarios & Testing *(mandatory)*

### User Story 1 - Owner adds a photo (Priority: P1)

An owner adds one photo to a listing.

**Why this priority**: Listings without photos do not sell.

**Independent Test**: Add a photo and see it on the listing.

**Acceptance Scenarios**:

1. **Given** a listing, **When** its owner adds a photo, **Then** the listing shows it

## Requirements *(mandatory)*

### Functional Requirements

- **FR-001**: System MUST store one photo per listing

## Success Criteria *(mandatory)*

### Measurable Outcomes

- **SC-001**: An owner adds a photo in under a minute
"""

TASKS = """---
description: "Task list for Photo Upload"
---

# Tasks: Photo Upload

**Input**: Design documents from `/specs/004-photo/`

**Prerequisites**: plan.md, spec.md

## Phase 1: Setup

- [ ] T001 Add the photo column in src/photos.py
"""

SPECPULSE = """# Implementation Plan: Photo Upload

## Specification Reference

- **Spec ID**: SPEC-004
- **Generated**: 2026-01-05

## Architecture Overview

### High-Level Design

One upload endpoint.

## Risk Assessment

### Technical Risks

| Risk | Probability | Impact | Mitigation |
|------|-------------|--------|------------|
| Large files | High | Medium | Cap the size |

### Dependencies

| Dependency | Risk | Contingency |
|------------|------|-------------|
| Object store | Low | Local disk |
"""


def _folder(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


def _headings(text: str) -> list[str]:
    return HEADING.findall(re.sub(r"^```.*?^```", "", text, flags=re.MULTILINE | re.DOTALL))


def _under(headings: list[str], parent: str, children: list[str]) -> None:
    """``children`` follow ``parent`` in ``headings``, one level below it."""
    at = headings.index(parent)
    assert headings[at + 1 : at + 1 + len(children)] == children


def test_kiro_data_models_keeps_its_heading_over_its_subsections_in_openspec(tmp_path: Path) -> None:
    kiro = _folder(
        tmp_path / "kiro" / "weirdos",
        {"requirements.md": KIRO_REQUIREMENTS, "design.md": KIRO_DESIGN, "tasks.md": KIRO_TASKS},
    )
    write_folder(read_folder(kiro), tmp_path / "change", "openspec")
    design = (tmp_path / "change" / "design.md").read_text(encoding="utf-8")
    headings = _headings(design)
    # The author's Data Models with its tables under it, as in Kiro; the subsection of the same title inside
    # Components and Interfaces stays there.
    _under(headings, "## Data Models", ["### Attribute Cost Tables", "### Equipment Limits"])
    _under(headings, "## Components and Interfaces", ["### Data Models", "### CostEngine"])
    assert "## Attribute Cost Tables" not in headings
    # And back in Kiro: Data Models holds them again.
    write_folder(read_folder(tmp_path / "change"), tmp_path / "back", "kiro")
    back = _headings((tmp_path / "back" / "design.md").read_text(encoding="utf-8"))
    _under(back, "## Data Models", ["### Attribute Cost Tables", "### Equipment Limits"])


@pytest.mark.parametrize("target", ["aadt", "specpulse", "speckit"])
def test_project_structure_keeps_its_heading_where_the_target_has_none_and_comes_home(target: str) -> None:
    written = plancore.convert(PLAN, target, source="speckit-github").text
    _under(
        _headings(written),
        "## Project Structure",
        ["### Documentation (this feature)", "### Source Code (repository root)"],
    )
    headings = _headings(written)
    assert "## Documentation (this feature)" not in headings
    assert "## Source Code (repository root)" not in headings
    back = plancore.parse(plancore.convert(written, "speckit-github", source=target).text, "speckit-github")
    source = plancore.parse(PLAN, "speckit-github")
    assert back.documentation_structure == source.documentation_structure
    assert back.file_structure == source.file_structure


def test_specpulse_risk_assessment_keeps_its_heading_in_spec_kit() -> None:
    written = plancore.convert(SPECPULSE, "speckit-github", source="specpulse").text
    _under(_headings(written), "## Risk Assessment", ["### Technical Risks", "### Dependencies"])
    assert "| Large files | High | Medium | Cap the size |" in written
    assert "| Object store | Low | Local disk |" in written


def _feature(tmp_path: Path) -> Path:
    return _folder(tmp_path / "specs" / "004-photo", {"plan.md": PLAN, "spec.md": SPEC, "tasks.md": TASKS})


def test_a_spec_kit_folder_in_kiro_keeps_its_project_structure(tmp_path: Path) -> None:
    write_folder(read_folder(_feature(tmp_path)), tmp_path / "kiro", "kiro")
    _under(
        _headings((tmp_path / "kiro" / "design.md").read_text(encoding="utf-8")),
        "## Project Structure",
        ["### Documentation (this feature)", "### Source Code (repository root)"],
    )


def test_spec_kit_template_annotations_are_not_written_in_kiro(tmp_path: Path) -> None:
    write_folder(read_folder(_feature(tmp_path)), tmp_path / "kiro", "kiro")
    texts = {path.name: path.read_text(encoding="utf-8") for path in (tmp_path / "kiro").glob("*.md")}
    headings = [heading for text in texts.values() for heading in _headings(text)]
    assert not [heading for heading in headings if "*(" in heading]
    # The Success Criteria are carried under their own words.
    assert any(re.fullmatch(r"#+ Success Criteria", heading) for heading in headings)
    # Spec Kit's writer writes its own annotations again.
    write_folder(read_folder(tmp_path / "kiro"), tmp_path / "back", "speckit-github")
    spec = (tmp_path / "back" / "spec.md").read_text(encoding="utf-8")
    assert "## User Scenarios & Testing *(mandatory)*" in spec


def test_a_tasks_file_front_matter_stays_the_tasks_file_s_through_kiro_and_back(tmp_path: Path) -> None:
    write_folder(read_folder(_feature(tmp_path)), tmp_path / "kiro", "kiro")
    front = '---\ndescription: "Task list for Photo Upload"\n---\n\n'
    assert (tmp_path / "kiro" / "tasks.md").read_text(encoding="utf-8").startswith(front)
    for name in ("design.md", "requirements.md"):
        assert "Task list for Photo Upload" not in (tmp_path / "kiro" / name).read_text(encoding="utf-8")
    write_folder(read_folder(tmp_path / "kiro"), tmp_path / "back", "speckit-github")
    assert (tmp_path / "back" / "tasks.md").read_text(encoding="utf-8").startswith(front + "# Tasks: Photo Upload")
    assert "Task list for Photo Upload" not in (tmp_path / "back" / "plan.md").read_text(encoding="utf-8")


def test_front_matter_carried_in_an_appendix_is_a_yaml_fence(tmp_path: Path) -> None:
    write_folder(read_folder(_feature(tmp_path)), tmp_path / "change", "openspec")
    texts = "\n".join(path.read_text(encoding="utf-8") for path in (tmp_path / "change").rglob("*.md"))
    assert '```yaml\ndescription: "Task list for Photo Upload"\n```' in texts
    # Never raw below a paragraph, where it reads as a rule and a heading.
    assert '---\ndescription: "Task list' not in texts


def test_a_carried_risk_assessment_comes_home_to_a_format_with_risks() -> None:
    # Carried whole through Spec Kit's plan.md, SpecPulse's Risk Assessment is opened again where the
    # target reads its Technical Risks as a field of its own (Spec Kit rapid's risks).
    carried = plancore.convert(SPECPULSE, "speckit-github", source="specpulse").text
    plan = plancore.parse(plancore.convert(carried, "speckit", source="speckit-github").text, "speckit")
    assert [risk.risk for risk in plan.risks] == ["Large files"]
    assert [risk.mitigation for risk in plan.risks] == ["Cap the size"]
