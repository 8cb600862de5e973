"""Warnings for people (issue 11, trial findings 18 and 19, integrator's N3 and N7): what a conversion
from or into a folder has no place for is told by the source file (inside a folder), the section heading
or item as the source has it, and what happened; field paths stay in ``--report`` and ``losses``."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import plancore
from plancore._cli import main
from plancore._folder import read_folder, write_folder

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared"
CARRENTAL = SHARED / "corpus" / "speckit-feature" / "carrental-002-car-photo-storage"
WEIRDOS = SHARED / "corpus" / "kiro" / "spaceweirdos-space-weirdos-game-rules"

# A field path as tools see it (``extra_sections[2]``, ``requirements[0].text``): never in a warning.
_PATH = re.compile(r"\w\[\d+\]")

_SPEC = """\
# Feature Specification: Car Photos

**Feature Branch**: `002-car-photos`

**Created**: 2026-06-28

**Status**: Draft

## User Scenarios & Testing *(mandatory)*

### User Story 1 - Admin adds a photo (Priority: P1)

An administrator adds a photo to a car.

**Why this priority**: Nothing to show without it.

**Independent Test**: Add a photo and fetch it.

**Acceptance Scenarios**:

1. **Given** a car, **When** an admin adds a photo, **Then** the car has it.

## Requirements *(mandatory)*

### Functional Requirements

#### Managing photos

- **FR-001**: System MUST let an administrator add a photo.

#### Viewing photos

- **FR-002**: System MUST show a car's photo to anyone.
"""

_TASKS = """\
---
description: "Task list for Car Photos"
---

# Tasks: Car Photos

**Prerequisites**: plan.md, spec.md

## Phase 1: Setup

- [ ] T001 Create the photo folder
"""

_PLAN = """\
# Implementation Plan: Car Photos

**Branch**: `002-car-photos` | **Date**: 2026-06-28 | **Spec**: [spec.md](./spec.md)

## Summary

Store car photos.
"""


def _warnings(err: str) -> list[str]:
    return [line.removeprefix("plancore: warning: ") for line in err.splitlines() if "warning: " in line]


def _feature(tmp_path: Path) -> Path:
    folder = tmp_path / "photos"
    folder.mkdir()
    for name, text in (("spec.md", _SPEC), ("tasks.md", _TASKS), ("plan.md", _PLAN)):
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def _kiro(tmp_path: Path, requirements: int = 5) -> Path:
    folder = tmp_path / "dice"
    folder.mkdir()
    stories = "".join(
        f"### Requirement {n}\n\n**User Story:** As a player, I want to roll die {n}, so that I move\n\n"
        f"#### Acceptance Criteria\n\n1. WHEN I roll THEN the board shows die {n}\n\n"
        for n in range(1, requirements + 1)
    )
    (folder / "requirements.md").write_text(
        f"# Requirements Document\n\n## Introduction\n\nDice.\n\n## Requirements\n\n{stories}", encoding="utf-8"
    )
    (folder / "tasks.md").write_text(
        "# Implementation Plan\n\n- [x] 1. Roll\n  - Write the roller\n  - _Requirements: 1.1_\n", encoding="utf-8"
    )
    return folder


def test_sections_of_a_feature_folder_written_as_kiro_are_told_by_file_and_heading(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Read against the folder and the appendices written: spec.md's header lines, its story's priority,
    # why and test, its two FR group headings go to requirements.md's appendix; plan.md's header line
    # (branch, date, spec link) to design.md's; tasks.md's front matter goes with its tasks, to Kiro's
    # tasks.md, and its Prerequisites line under design.md's title, where Kiro writes a header line.
    source = _feature(tmp_path)
    assert main(["convert", str(source), "--to", "kiro", "-o", f"{tmp_path / 'out'}/"]) == 0
    assert _warnings(capsys.readouterr().err) == [
        f"{source}/spec.md: the plan's metadata: 1 field not in its place in kiro, kept in the appendix of "
        "requirements.md",
        f'{source}/spec.md: section "User Scenarios & Testing *(mandatory)*": 3 fields not in their place in kiro, '
        "kept in the appendix of requirements.md",
        f'{source}/spec.md: section "Requirements *(mandatory)*": 2 fields not in their place in kiro, kept in the '
        "appendix of requirements.md",
        f"{source}/plan.md: the plan's metadata: 3 fields not in their place in kiro, kept in the appendix of "
        "design.md",
        f"{source}: 9 fields of 4 sections kept in the appendix (--report lists them by field; -q silences these "
        "lines)",
    ]
    appendix = (tmp_path / "out" / "requirements.md").read_text(encoding="utf-8").split("## Appendix")[1]
    assert "**Feature Branch**" in appendix and "##### Managing photos" in appendix
    design = (tmp_path / "out" / "design.md").read_text(encoding="utf-8")
    assert design.index("**Prerequisites**") < design.index("## Overview")
    assert (tmp_path / "out" / "tasks.md").read_text(encoding="utf-8").startswith('---\ndescription: "Task list')


def test_losses_keep_their_field_paths_for_tools(tmp_path: Path) -> None:
    # Only the words for people changed: each file's own paths stay in FeatureWrite.losses.
    wrote = write_folder(read_folder(_feature(tmp_path)), tmp_path / "out", "kiro")
    paths = [loss.path for loss in wrote.losses]
    assert "requirements[0].priority" in paths and "metadata.branch" in paths
    assert sum(path.startswith("extra_sections[") for path in paths) == 3


def test_requirements_openspec_would_reject_are_told_by_number_and_name_then_counted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = _kiro(tmp_path)
    assert main(["convert", str(source), "--to", "openspec", "-o", f"{tmp_path / 'out'}/"]) == 0
    reason = "openspec validate wants a statement with SHALL or MUST; none is written (specs/dice/spec.md)"
    assert _warnings(capsys.readouterr().err) == [
        *(f'{source}/requirements.md: requirement {n} "Roll die {n}": {reason}' for n in (1, 2, 3)),
        f"{source}: and 2 more like those: requirement 4, requirement 5 (--report lists them by field)",
    ]
    assert (tmp_path / "out" / "specs" / "dice" / "spec.md").is_file()


def test_a_folder_converted_to_one_file_tells_its_file_not_its_fields(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Task 1's check mark has no place in maestro (its body, a note and its link to criterion 1.1, is
    # written under the task): in tasks.md, which has no section of level 2 to name.
    source = _kiro(tmp_path, requirements=1)
    assert main(["convert", str(source), "--to", "maestro", "-o", str(tmp_path / "plan.md")]) == 0
    told = _warnings(capsys.readouterr().err)
    assert told[0] == f"{source}/tasks.md: 1 field not in its place in maestro, kept in the appendix"
    assert told[1].startswith(f"{source}: 1 field of 1 section kept in the appendix (--report lists them by field")
    assert not any(_PATH.search(line) or 'section "phases"' in line for line in told)


def test_a_tree_s_folder_is_told_alike(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    tree = tmp_path / "tree"
    tree.mkdir()
    source = _kiro(tree, requirements=1)
    assert main(["convert", str(tree), "--to", "openspec", "-o", f"{tmp_path / 'out'}/"]) == 0
    told = _warnings(capsys.readouterr().err)
    assert f'{source}/requirements.md: requirement 1 "Roll die 1": openspec validate wants a statement' in told[0]


def test_report_lists_no_field_the_crosswalk_filled_as_unfilled() -> None:
    # Trial 19: Spec Kit's branch is maestro's Feature ID, which the output shows.
    text = (
        "# Implementation Plan: Sync\n\n**Branch**: `004-sync` | **Date**: 2026-03-02 | **Spec**: [spec.md](./spec.md)"
        "\n\n## Summary\n\nSync notes offline.\n"
    )
    result = plancore.convert(text, "maestro", source="speckit-github")
    assert "**Feature ID:** 004-sync\n" in result.text
    outcomes = {entry.path: entry.outcome for entry in result.report()}
    assert "metadata.feature_id" not in outcomes and outcomes["metadata.branch"] == "mapped"
    # A field no one filled still is: maestro's Status line is its template's.
    assert outcomes["metadata.status"] == "unfilled"


@pytest.mark.skipif(not CARRENTAL.is_dir(), reason="../shared/corpus/speckit-feature/carrental-002-car-photo-storage")
def test_carrental_to_kiro_names_files_and_headings_once(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["convert", str(CARRENTAL), "--to", "kiro", "-o", f"{tmp_path / 'out'}/"]) == 0
    told = _warnings(capsys.readouterr().err)
    assert len(told) == len(set(told)) and not any(_PATH.search(line) for line in told)
    assert f'{CARRENTAL}/spec.md: section "Requirements *(mandatory)*": 4 fields' in "\n".join(told)


@pytest.mark.skipif(not WEIRDOS.is_dir(), reason="../shared/corpus/kiro/spaceweirdos-space-weirdos-game-rules")
def test_spaceweirdos_to_openspec_names_requirements(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["convert", str(WEIRDOS), "--to", "openspec", "-o", f"{tmp_path / 'out'}/"]) == 0
    told = _warnings(capsys.readouterr().err)
    assert len(told) == 4 and not any(_PATH.search(line) for line in told)
    assert told[0].startswith(f'{WEIRDOS}/requirements.md: requirement 1 "Define valid attribute levels')
    assert told[0].endswith("(specs/space-weirdos-game-rules/spec.md)")
    assert told[3].startswith(f"{WEIRDOS}: and 8 more like those: requirement 4, requirement 5,")


def test_spec_md_losses_are_told_by_requirement_and_its_spec_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # An OpenSpec change with two capabilities, each numbering its own requirements: a Spec Kit spec.md has
    # no place for a requirement's capability nor its ADDED change (no appendix either: the reason says so).
    change = tmp_path / "chg"
    (change / "specs").mkdir(parents=True)
    (change / "proposal.md").write_text("# Change: Sign in\n\n## Why\n\nUsers sign in.\n", encoding="utf-8")
    for cap in ("audit", "login"):
        (change / "specs" / cap).mkdir()
        requirements = "".join(
            f"### Requirement: {cap} {n}\n\nThe system SHALL do {cap} {n}.\n\n"
            f"#### Scenario: ok\n\n- **WHEN** it runs\n- **THEN** {cap} {n} happens\n\n"
            for n in ("one", "two")
        )
        (change / "specs" / cap / "spec.md").write_text(f"## ADDED Requirements\n\n{requirements}", encoding="utf-8")
    assert main(["convert", str(change), "--to", "speckit-github", "-o", f"{tmp_path / 'out'}/"]) == 0
    assert _warnings(capsys.readouterr().err) == [
        f'{change}/specs/audit/spec.md: requirement 1 "audit one": spec.md has no place for it',
        f'{change}/specs/audit/spec.md: requirement 2 "audit two": spec.md has no place for it',
        f'{change}/specs/login/spec.md: requirement 1 "login one": spec.md has no place for it',
        f"{change}: and 1 more like those: specs/login/spec.md requirement 2 (--report lists them by field)",
    ]


def test_a_migration_of_one_plan_counts_it_in_the_singular(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Trial 18: a dry run's summary says what would be written, and one plan is "1 plan".
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "search-plan.md").write_text(_PLAN, encoding="utf-8")
    assert main(["migrate", str(tmp_path), "--to", "maestro", "--dry-run", "--allow-dirty", "-j", "1"]) == 0
    err = capsys.readouterr().err
    assert err.splitlines()[-1] == "plancore: would migrate 1 plan to maestro (1 would be written)"
    assert not (tmp_path / ".maestro").exists()
