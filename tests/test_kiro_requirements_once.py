"""A Kiro folder's requirements in a format without them (trial s13 T1): written once, as spec.md writes
its user stories in a section ``Requirements`` of the body, not again in the appendix; and the fields are
reported where that section is, after design.md's crosswalk merged and moved the sections before it."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import kiro_requirements

import plancore
from plancore import Plan, Requirement
from plancore._folder import read_folder, write_folder
from plancore._report import APPENDIX_HEADING

REQUIREMENTS = """# Requirements Document

## Introduction

A sign-up form.

## Requirements

### Requirement 1

**User Story:** As a visitor, I want to sign up, so that I can save my cart.

#### Acceptance Criteria

1. WHEN the visitor submits the form THEN the system SHALL create the account
2. WHEN the email is taken THEN the system SHALL show an error

### Requirement 2

**User Story:** As a visitor, I want to see my password's strength, so that I pick a good one.

#### Acceptance Criteria

1. WHEN the visitor types a password THEN the system SHALL show its strength
"""

# Sections of its own below Overview and Testing Strategy: design.md's crosswalk carries them under those,
# so the plan it gets has fewer sections than requirements.md's crosswalk left, the Requirements one last.
DESIGN = """# Design Document

## Overview

A form posting to the accounts service.

### Key Principles

Keep it small.

## Testing Strategy

Unit tests for the validation.

### Property Tests

Emails round-trip.
"""

TASKS = """# Implementation Plan

- [ ] 1. Build the form
  - _Requirements: 1.1_
"""


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "sign-up"
    folder.mkdir()
    for name, text in (("requirements.md", REQUIREMENTS), ("design.md", DESIGN), ("tasks.md", TASKS)):
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.mark.parametrize("target", ["specpulse", "maestro"])
def test_requirements_are_written_once_in_the_body(tmp_path: Path, target: str) -> None:
    result = plancore._convert.convert_plan(read_folder(_folder(tmp_path)), target, source="kiro")
    # The stories as spec.md writes them, in the body; the criteria in Given/When/Then.
    assert result.text.count("As a visitor, I want to sign up") == 1
    assert result.text.count("I want to see my password's strength") == 1
    body = result.text.split(APPENDIX_HEADING)[0]
    assert "## Requirements\n" in body
    assert "**When** the visitor submits the form, **Then** the system SHALL create the account" in body
    # No rule left under the last story, at the end of the section: it read back as no part of it.
    assert "SHALL show its strength\n\n---" not in body
    assert not [loss.path for loss in result.losses if loss.path.startswith("requirements")]


def test_requirements_are_reported_in_the_section_that_holds_them(tmp_path: Path) -> None:
    result = plancore._convert.convert_plan(read_folder(_folder(tmp_path)), "specpulse", source="kiro")
    written = result.written
    assert written is not None
    # Each place the crosswalk names is a section of the plan as written: the Requirements one.
    into = {place for placed in result.placed if placed.path.startswith("requirements") for place in placed.into}
    assert into
    for place in into:
        index = int(place.removeprefix("extra_sections[").split("]")[0])
        assert written.extra_sections[index].heading == "Requirements"
    reported = {entry.path: entry.section for entry in result.report()}
    # Rewritten into Given/When/Then, the criterion is found by its place, not by its text.
    assert reported["requirements[0].criteria[1].text"] == "Requirements"
    assert reported["requirements[1].criteria[0].text"] == "Requirements"


def test_the_stories_come_back_to_kiro_as_its_requirements(tmp_path: Path) -> None:
    # Trial s13 T2: requirements.md held the blank template's sample requirement, then the stories as text.
    folder = _folder(tmp_path)
    specpulse = plancore._convert.convert_plan(read_folder(folder), "specpulse", source="kiro").text
    back = tmp_path / "back"
    written = write_folder(plancore.parse(specpulse, "specpulse"), back, "kiro")
    text = (back / "requirements.md").read_text(encoding="utf-8")
    assert "[Requirement title]" not in text
    assert "User Story 1" not in text
    # Kiro's own shape again: numbered as Kiro numbers them, the criteria in EARS.
    assert "### Requirement 1\n\n**User Story:** As a visitor, I want to sign up, so that I can save my cart.\n" in text
    assert "1. WHEN the email is taken THEN the system SHALL show an error" not in text
    assert "2. WHEN the email is taken THEN the system SHALL show an error\n" in text
    original = read_folder(folder).requirements
    again = read_folder(back).requirements
    assert [(r.id, r.user_story, [c.text for c in r.criteria]) for r in again] == [
        (r.id, r.user_story, [c.text for c in r.criteria]) for r in original
    ]
    assert dict(written.requirement_ids) == {"1": "US1", "2": "US2"}
    # Once: not again in design.md.
    assert "I want to sign up" not in (back / "design.md").read_text(encoding="utf-8")


def test_the_stories_come_back_to_openspec_as_its_spec_deltas(tmp_path: Path) -> None:
    specpulse = plancore._convert.convert_plan(read_folder(_folder(tmp_path)), "specpulse", source="kiro").text
    back = tmp_path / "change"
    write_folder(plancore.parse(specpulse, "specpulse"), back, "openspec")
    specs = list((back / "specs").glob("*/spec.md"))
    assert len(specs) == 1
    spec = specs[0].read_text(encoding="utf-8")
    assert "I want to sign up" in spec
    assert "- **WHEN** the email is taken\n- **THEN** the system SHALL show an error" in spec
    assert "I want to sign up" not in (back / "proposal.md").read_text(encoding="utf-8")


@settings(max_examples=10, deadline=None)
@given(kiro_requirements, st.sampled_from(["specpulse", "maestro", "aadt"]))
def test_requirements_round_trip_through_a_single_file(requirements: tuple[Requirement, ...], target: str) -> None:
    # Kiro -> a format without requirements -> Kiro: carried as spec.md's stories, they come home as they were.
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary) / "spec"
        write_folder(Plan(summary="A form.", requirements=requirements), folder, "kiro")
        result = plancore._convert.convert_plan(read_folder(folder), target, source="kiro")
        assert not [loss.path for loss in result.losses if loss.path.startswith("requirements")]
        back = Path(temporary) / "back"
        write_folder(plancore.parse(result.text, target), back, "kiro")
        again = read_folder(back).requirements
    assert [(r.id, r.title, r.user_story, r.criteria) for r in again] == [
        (r.id, r.title, r.user_story, r.criteria) for r in requirements
    ]
