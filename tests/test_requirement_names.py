"""Requirements and scenarios named as OpenSpec names them, numbered as Kiro numbers them, and criteria in the
target's one shape (s12 trial N2, N9; scenario names cut mid-phrase). Inputs are small folders of our own."""

from __future__ import annotations

from pathlib import Path

import plancore
from plancore._crosswalk import short_name

KIRO_REQUIREMENTS = """\
# Requirements Document

## Introduction

Price a warband.

## Requirements

### Requirement 1

**User Story:** As a player, I want to price each weirdo, so that the warband stays legal.

#### Acceptance Criteria

1. WHEN a weirdo has Speed level 1 THEN the engine SHALL count 0 points
2. WHEN a weirdo has Speed level 2 THEN the engine SHALL count 1 point

### Requirement 2: Equipment limits

**User Story:** As a player, I want equipment limited, so that the rules hold.

#### Acceptance Criteria

1. WHEN a leader takes a third item THEN the engine SHALL refuse it
"""


def _kiro_folder(tmp_path: Path) -> Path:
    folder = tmp_path / ".kiro" / "specs" / "pricing"
    folder.mkdir(parents=True)
    (folder / "requirements.md").write_text(KIRO_REQUIREMENTS, encoding="utf-8")
    return folder


def test_kiro_place_numbers_are_no_openspec_names_and_come_back_as_places(tmp_path: Path) -> None:
    plancore.write_folder(plancore.read_folder(_kiro_folder(tmp_path)), tmp_path / "change", "openspec")
    spec = next((tmp_path / "change" / "specs").glob("*/spec.md")).read_text(encoding="utf-8")
    headings = [line for line in spec.split("\n") if line.startswith("###")]
    # Read by hand against KIRO_REQUIREMENTS: the first requirement is named by what its story wants, the
    # second by its own title; the scenarios by their conditions; no number of Kiro's glued to a name.
    assert headings == [
        "### Requirement: Price each weirdo",
        "#### Scenario: Weirdo has Speed level 1",
        "#### Scenario: Weirdo has Speed level 2",
        "### Requirement: Equipment limits",
        "#### Scenario: Leader takes a third item",
    ]
    # Back in Kiro: numbered by their place again, each criterion EARS as written, no scenario name as a label.
    plancore.write_folder(plancore.read_folder(tmp_path / "change"), tmp_path / "back", "kiro")
    back = (tmp_path / "back" / "requirements.md").read_text(encoding="utf-8")
    assert "### Requirement 1: Price each weirdo\n" in back
    assert "### Requirement 2: Equipment limits\n" in back
    assert "1. WHEN a weirdo has Speed level 1 THEN the engine SHALL count 0 points\n" in back
    assert "1. WHEN a leader takes a third item THEN the engine SHALL refuse it\n" in back
    assert "1. **" not in back and "2. **" not in back


SPEC_MD = """\
# Feature Specification: Photos

## User Scenarios & Testing *(mandatory)*

### User Story 1 - Add a photo (Priority: P1)

An administrator adds a photo to a car.

**Acceptance Scenarios**:

1. **Given** an authenticated administrator and an existing car, **When** they add a valid image to
   the car, **Then** the image is stored and associated with that car.
2. **Given** an administrator and a car that already has a photo, **When** they add a new valid
   image, **Then** the new image replaces the existing one.
3. **Given** an administrator, **When** they attempt to add a photo to a car that does not exist,
   **Then** the request is rejected with a clear "car not found" error.

## Requirements *(mandatory)*

### Functional Requirements

- **FR-001**: System MUST store one photo per car.
"""


def _spec_kit_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "specs" / "002-photos"
    folder.mkdir(parents=True)
    (folder / "spec.md").write_text(SPEC_MD, encoding="utf-8")
    (folder / "plan.md").write_text("# Implementation Plan: Photos\n\n## Summary\n\nStore a photo.\n")
    return folder


def test_spec_kit_scenarios_wrapped_mid_clause_are_all_ears_in_kiro(tmp_path: Path) -> None:
    plancore.write_folder(plancore.read_folder(_spec_kit_folder(tmp_path)), tmp_path / "kiro", "kiro")
    requirements = (tmp_path / "kiro" / "requirements.md").read_text(encoding="utf-8")
    # Each scenario's line breaks fall inside a clause (after "to", "valid", "exist,"): one EARS line each.
    assert (
        "1. WHILE an authenticated administrator and an existing car WHEN they add a valid image to the car "
        "THEN the image is stored and associated with that car.\n"
        "2. WHILE an administrator and a car that already has a photo WHEN they add a new valid image "
        "THEN the new image replaces the existing one.\n"
        "3. WHILE an administrator WHEN they attempt to add a photo to a car that does not exist "
        'THEN the request is rejected with a clear "car not found" error.\n'
    ) in requirements
    assert "**Given**" not in requirements


def test_unlabelled_spec_kit_scenarios_are_named_without_their_list_number(tmp_path: Path) -> None:
    plancore.write_folder(plancore.read_folder(_spec_kit_folder(tmp_path)), tmp_path / "change", "openspec")
    spec = next((tmp_path / "change" / "specs").glob("*/spec.md")).read_text(encoding="utf-8")
    names = [line for line in spec.split("\n") if line.startswith("#### Scenario:")]
    # Their situations (the actions open with "they"); the long one cut before its "that" clause, not after "has".
    assert names == [
        "#### Scenario: Authenticated administrator and an existing car",
        "#### Scenario: Administrator and a car",
        "#### Scenario: Request is rejected",
    ]


def test_a_short_name_is_cut_before_a_phrase_not_inside_one() -> None:
    assert short_name("User tries to add a todo with only whitespace in it") == "User tries to add a todo"
    assert short_name("a request for the photo of a car that does not exist") == "Request for the photo of a car"
    # "or" joins words of one phrase: the cut comes before "with", not inside "leading or trailing".
    assert short_name("the user enters a todo with leading or trailing whitespace only") == "User enters a todo"
    # Before the last phrase, not after an opener left alone ("photo when").
    assert short_name("remove a car's photo when that car is deleted, leaving no image") == "Remove a car's photo"
    # A parenthesis follows a whole phrase: the words before it.
    assert short_name("return a car with no photo (an empty value, not an error) when it has none") == (
        "Return a car with no photo"
    )
    # Eight words or fewer: whole.
    assert short_name("an administrator and a car that has no record") == "Administrator and a car that has no record"
    # No phrase to cut before: the first eight words, not ending on a dangling word.
    assert short_name("one two three four five six seven the nine") == "One two three four five six seven"


OPENSPEC_SPEC = """\
## ADDED Requirements

### Requirement: Sidebar display
The system SHALL list the pubs in a sidebar.

#### Scenario: Pubs from three countries
- **GIVEN** pubs in England, Scotland and Wales
- **WHEN** the sidebar is displayed
- **THEN** the countries appear in alphabetical order

---

### Requirement: Sidebar toggle
The system SHALL open and close the sidebar.

#### Scenario: Closing it
- **WHEN** the user clicks the toggle
- **THEN** the sidebar closes
"""


def test_a_rule_between_openspec_requirements_stands_in_no_list_item(tmp_path: Path) -> None:
    change = tmp_path / "openspec" / "changes" / "add-sidebar"
    (change / "specs" / "sidebar").mkdir(parents=True)
    (change / "proposal.md").write_text("## Why\n\nFind a pub.\n\n## What Changes\n\n- A sidebar\n")
    (change / "specs" / "sidebar" / "spec.md").write_text(OPENSPEC_SPEC, encoding="utf-8")
    plan = plancore.read_folder(change)
    for target, name in (("kiro", "requirements.md"), ("speckit-github", "spec.md")):
        plancore.write_folder(plan, tmp_path / target, target)
        text = (tmp_path / target / name).read_text(encoding="utf-8")
        # The rule (s12 trial N1: `   ---` inside the last criterion's item) is the OpenSpec file's layout:
        # those lists' requirements stand apart by their headings.
        assert "   ---" not in text, target
    requirements = (tmp_path / "kiro" / "requirements.md").read_text(encoding="utf-8")
    assert (
        "1. **Pubs from three countries**: WHILE pubs in England, Scotland and Wales WHEN the sidebar is displayed "
        "THEN the countries appear in alphabetical order\n\n### Requirement 2: Sidebar toggle\n"
    ) in requirements
