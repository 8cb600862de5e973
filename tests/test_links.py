"""Requirement IDs and task links across Kiro and Spec Kit folders: the documented ID map (issue 14).

Kiro numbers requirements ``1`` and links a task to criteria (``_Requirements: 1.2_``); Spec Kit
numbers user stories ``US1`` and marks a task ``[US1]``. Expected values are written by hand from
the inputs below (and, for the corpus, from ``../shared/corpus/kiro/``)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import attrs
import pytest
from helpers import SHARED, examples, shown
from hypothesis import given, settings
from strategies import kiro_linked_plans

import plancore
from plancore import Plan
from plancore._cli import main
from plancore._crosswalk import REQUIREMENT_IDS, requirement_ids
from plancore._folder import FOLDERS, detect_folder

KIRO_REQUIREMENTS = """# Requirements Document

## Introduction

Users log in with a password.

## Requirements

### Requirement 1

**User Story:** As a user, I want to log in, so that I see my data.

#### Acceptance Criteria

1. WHEN the password is right THEN the system SHALL open the session
2. WHEN the password is wrong THEN the system SHALL show an error

### Requirement 2: Reset

**User Story:** As a user, I want to reset my password, so that I can log in again.

#### Acceptance Criteria

1. WHEN a reset is asked THEN the system SHALL send a link
"""

KIRO_TASKS = """# Implementation Plan

- [x] 1. Add the login form
  - Build the form
  - _Requirements: 1.1, 1.2_

- [ ] 2. Add the reset
  - [ ] 2.1 Send the link
    - _Requirements: 2.1_
  - [ ] 2.2 (P) Log the reset
    - _Requirements: 2_

- [ ] 3. Write the docs
"""

SPEC = """# Feature Specification: Login

## User Scenarios & Testing *(mandatory)*

### User Story 1 - Log in (Priority: P1)

A user logs in with a password.

**Acceptance Scenarios**:

1. **Given** a user, **When** the password is right, **Then** the session opens

---

### User Story 2 - Reset (Priority: P2)

A user resets a forgotten password.

**Acceptance Scenarios**:

1. **Given** a user, **When** a reset is asked, **Then** a link is sent

---

## Requirements *(mandatory)*

### Functional Requirements

- **FR-001**: System MUST check the password
"""

SPEC_TASKS = """# Tasks: Login

## Phase 1: User Story 1 - Log in (Priority: P1)

- [x] T001 [P] [US1] Add the form in src/login.py
- [ ] T002 [US1] [US2] Add the session in src/session.py
- [ ] T003 Write the docs
"""


def _kiro(folder: Path) -> Path:
    folder.mkdir(parents=True)
    (folder / "requirements.md").write_text(KIRO_REQUIREMENTS)
    (folder / "tasks.md").write_text(KIRO_TASKS)
    return folder


def _spec_kit(folder: Path) -> Path:
    folder.mkdir(parents=True)
    (folder / "spec.md").write_text(SPEC)
    (folder / "tasks.md").write_text(SPEC_TASKS)
    return folder


def _tasks(plan: Plan) -> list[tuple[str, str]]:
    return [(item.text, item.body) for phase in plan.phases for task in phase.tasks for item in (task, *task.subtasks)]


def test_the_map_has_a_row_per_folder_format() -> None:
    assert set(REQUIREMENT_IDS) == set(FOLDERS)


def test_kiro_to_spec_kit_numbers_stories_and_marks_tasks(tmp_path: Path) -> None:
    plan = plancore.read_folder(_kiro(tmp_path / "kiro"))
    feature = tmp_path / "specs" / "001-login"
    result = plancore.write_folder(plan, feature, "speckit-github")
    assert result.requirement_ids == (("US1", "1"), ("US2", "2"))
    spec = (feature / "spec.md").read_text()
    assert "### User Story 1\n" in spec
    assert "### User Story 2 - Reset\n" in spec
    tasks = (feature / "tasks.md").read_text()
    # Numbered T001 on in order (Kiro's 1., 2., 2.1, 2.2, 3.), the story marker after the ID; the criterion
    # links stay readable under the task.
    assert "- [X] T001 [US1] Add the login form\n  - Build the form\n  - _Requirements: 1.1, 1.2_\n" in tasks
    assert "  - [ ] T003 [US2] Send the link\n    - _Requirements: 2.1_\n" in tasks
    assert "  - [ ] T004 (P) [US2] Log the reset\n    - _Requirements: 2_\n" in tasks
    assert "- [ ] T005 Write the docs\n" in tasks
    # (Spec Kit's tasks.md writes a done task [X].)
    # Criterion links Spec Kit cannot express are reported; 2.2 links the whole requirement: nothing lost.
    linked = {loss.path: loss.value for loss in result.losses if loss.path.endswith(".requirements")}
    assert linked == {
        "phases[0].tasks[0].requirements": "1.1, 1.2",
        "phases[0].tasks[1].subtasks[0].requirements": "2.1",
    }
    with pytest.raises(plancore.LossError):
        plancore.write_folder(plan, tmp_path / "strict", "speckit-github", strict=True)


def test_kiro_to_spec_kit_to_kiro_gives_the_ids_and_links_back(tmp_path: Path) -> None:
    plan = plancore.read_folder(_kiro(tmp_path / "kiro"))
    feature = tmp_path / "specs" / "001-login"
    plancore.write_folder(plan, feature, "speckit-github")
    back = tmp_path / "back"
    result = plancore.write_folder(plancore.read_folder(feature), back, "kiro")
    assert result.requirement_ids == (("1", "US1"), ("2", "US2"))
    again = plancore.read_folder(back)
    assert [(r.id, r.title, r.user_story) for r in again.requirements] == [
        ("1", "", "As a user, I want to log in, so that I see my data."),
        ("2", "Reset", "As a user, I want to reset my password, so that I can log in again."),
    ]
    assert [c.text for r in again.requirements for c in r.criteria] == [
        c.text for r in plan.requirements for c in r.criteria
    ]
    assert _tasks(again) == _tasks(plan)
    assert "### Requirement 1\n" in (back / "requirements.md").read_text()


def test_spec_kit_to_kiro_turns_story_markers_into_requirement_links(tmp_path: Path) -> None:
    plan = plancore.read_folder(_spec_kit(tmp_path / "specs" / "001-login"))
    folder = tmp_path / ".kiro" / "specs" / "login"
    result = plancore.write_folder(plan, folder, "kiro")
    assert result.requirement_ids == (("1", "US1"), ("2", "US2"))
    requirements = (folder / "requirements.md").read_text()
    assert "### Requirement 1: Log in\n" in requirements
    assert "### Requirement 2: Reset\n" in requirements
    assert "### Requirement FR-001" in requirements
    tasks = (folder / "tasks.md").read_text()
    # The phase is a top task (its name holds "User Story 1" as written); the story markers are links.
    assert "  - [x] T001 [P] Add the form in src/login.py\n    - _Requirements: 1_\n" in tasks
    assert "  - [ ] T002 Add the session in src/session.py\n    - _Requirements: 1, 2_\n" in tasks
    assert "  - [ ] T003 Write the docs\n" in tasks
    kiro = plancore.read_folder(folder)
    assert [task.requirements for task in kiro.phases[0].tasks[0].subtasks] == [("1",), ("1", "2"), ()]
    # And back: the markers again, after [P]; the links stay under the tasks.
    feature = tmp_path / "again"
    plancore.write_folder(kiro, feature, "speckit-github")
    again = (feature / "tasks.md").read_text()
    assert "- [X] T001 [P] [US1] Add the form in src/login.py\n" in again
    assert "- [ ] T002 [US1] [US2] Add the session in src/session.py\n" in again


def test_ids_taken_named_and_functional_are_never_renumbered() -> None:
    plan = Plan(requirements=(plancore.Requirement(id="1"), plancore.Requirement(id="US1")))
    mapped, changed, losses = requirement_ids(plan, "speckit-github")
    # "1" would become US1, which is taken: both stay as written.
    assert (mapped, changed, losses) == (plan, (), ())
    named = Plan(requirements=(plancore.Requirement(title="Login"), plancore.Requirement(id="FR-001")))
    assert requirement_ids(named, "kiro") == (named, (), ())
    assert requirement_ids(named, "speckit-github") == (named, (), ())
    # OpenSpec names its requirements: no numbering is imposed.
    kiro = Plan(requirements=(plancore.Requirement(id="1"),))
    assert requirement_ids(kiro, "openspec") == (kiro, (), ())


def test_a_folder_in_its_own_format_changes_nothing(tmp_path: Path) -> None:
    for folder in (_kiro(tmp_path / "kiro"), _spec_kit(tmp_path / "specs" / "001-login")):
        before = {path: path.read_bytes() for path in folder.rglob("*")}
        result = plancore.write_folder(plancore.read_folder(folder), folder, detect_folder(folder) or "")
        assert (result.written, result.requirement_ids) == ((), ())
        assert {path: path.read_bytes() for path in folder.rglob("*")} == before


def test_cli_prints_the_ids_it_changed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = _kiro(tmp_path / "kiro")
    target = tmp_path / "specs" / "001-login"
    assert main(["convert", str(source), "--to", "speckit-github", "-o", f"{target}/"]) == 0
    assert "requirement IDs in speckit-github's numbering (README: documented ID map): 1 -> US1, 2 -> US2" in (
        capsys.readouterr().err
    )


def test_corpus_kiro_to_spec_kit_and_back_keeps_ids_and_links(tmp_path: Path) -> None:
    source = SHARED / "corpus" / "kiro" / "octomatiz-cloudflare-d1-migration"
    if not source.is_dir():
        pytest.skip(f"{shown(source)} is absent")
    plan = plancore.read_folder(source)
    feature = tmp_path / "specs" / "001-d1"
    plancore.write_folder(plan, feature, "speckit-github")
    tasks = (feature / "tasks.md").read_text()
    # Read by hand from the corpus: task 1.1 links 1.1 and 3.1, task 2.2 links 2.1 and 2.2.
    # (Numbered T001 on in order: 1.1 is T002, 2.2 is T006.)
    assert "  - [X] T002 [US1] [US3] Create D1 database and configure wrangler\n" in tasks
    assert "  - [X] T006 [US2] Implement device operations\n" in tasks
    assert "### User Story 5\n" in (feature / "spec.md").read_text()
    back = tmp_path / "back"
    plancore.write_folder(plancore.read_folder(feature), back, "kiro")
    again = plancore.read_folder(back)
    assert [r.id for r in again.requirements] == ["1", "2", "3", "4", "5"]
    assert _tasks(again) == _tasks(plan)
    assert (back / "tasks.md").read_text().count("[US") == 0


@settings(max_examples=examples(30))
@given(kiro_linked_plans())
def test_requirement_ids_to_spec_kit_and_back_is_the_identity(plan: Plan) -> None:
    through, changed, _ = requirement_ids(plan, "speckit-github")
    assert [new for new, _ in changed] == [f"US{r.id}" for r in plan.requirements]
    assert [r.id for r in through.requirements] == [f"US{r.id}" for r in plan.requirements]
    for before, after in zip(_tasks(plan), _tasks(through), strict=True):
        assert after[1] == before[1]  # the links stay in the body as written
    back, _, _ = requirement_ids(through, "kiro")
    assert back == plan


# --- Item b: a new Kiro file in Kiro's layout; an edit keeps its file's (cc-sdd writes no blank lines). ---

CC_SDD_REQUIREMENTS = """# Requirements Document

## Introduction
Users log in with a password.

## Requirements

### Requirement 1: Log in
**Objective:** As a user, I want to log in, so that I see my data.

#### Acceptance Criteria
1. When the password is right, the system shall open the session
"""


def test_a_new_kiro_file_has_a_blank_line_under_its_headings(tmp_path: Path) -> None:
    plan = Plan(
        summary="Users log in.",
        requirements=(
            plancore.Requirement(
                id="1",
                user_story="As a user, I want to log in, so that I see my data.",
                criteria=(plancore.Criterion(id="1", text="WHEN asked THEN the system SHALL log in"),),
            ),
        ),
        architecture=plancore.Architecture(overview="A form and a session."),
    )
    plancore.write_folder(plan, tmp_path / "login", "kiro")
    assert (tmp_path / "login" / "requirements.md").read_text() == (
        "# Requirements Document\n\n## Introduction\n\nUsers log in.\n\n## Requirements\n\n### Requirement 1\n\n"
        "**User Story:** As a user, I want to log in, so that I see my data.\n\n#### Acceptance Criteria\n\n"
        "1. WHEN asked THEN the system SHALL log in\n"
    )
    assert (
        (tmp_path / "login" / "design.md")
        .read_text()
        .startswith("# Design Document\n\n## Overview\n\nA form and a session.\n")
    )


@pytest.mark.parametrize(("text", "gap"), [(KIRO_REQUIREMENTS, "\n"), (CC_SDD_REQUIREMENTS, "")])
def test_an_added_requirement_follows_its_file_s_layout(text: str, gap: str, tmp_path: Path) -> None:
    folder = tmp_path / "login"
    folder.mkdir()
    (folder / "requirements.md").write_text(text)
    plan = plancore.read_folder(folder)
    added = plancore.Requirement(
        id="9",
        title="Log out",
        user_story="As a user, I want to log out.",
        criteria=(plancore.Criterion(id="1", text="WHEN asked THEN the system SHALL log out"),),
    )
    plancore.write_folder(attrs.evolve(plan, requirements=(*plan.requirements, added)), folder, "kiro")
    after = (folder / "requirements.md").read_text()
    assert after.startswith(text)
    assert after[len(text) :] == (
        f"\n### Requirement 9: Log out\n{gap}**User Story:** As a user, I want to log out.\n\n"
        f"#### Acceptance Criteria\n{gap}1. WHEN asked THEN the system SHALL log out\n"
    )


# --- Item c: migrate finds Kiro specs and OpenSpec changes, and writes folder layouts; item d: --strict. ---

PROPOSAL = """# Change: Add a password reset

## Why

Users forget passwords.

## What Changes

- Add a reset link
"""

CHANGE_TASKS = """## 1. Reset

- [x] 1.1 Send the link
- [ ] 1.2 Log the reset
"""

CHANGE_SPEC = """## ADDED Requirements

### Requirement: Reset
The system SHALL send a reset link.

#### Scenario: Asked
- **WHEN** a reset is asked
- **THEN** a link is sent
"""


def _repository(root: Path) -> Path:
    """A repository with a Kiro spec, an active and an archived OpenSpec change, OpenSpec's own
    specifications and a README."""
    _kiro(root / ".kiro" / "specs" / "login")
    files = {
        "openspec/changes/add-reset/proposal.md": PROPOSAL,
        "openspec/changes/add-reset/tasks.md": CHANGE_TASKS,
        "openspec/changes/add-reset/specs/login/spec.md": CHANGE_SPEC,
        "openspec/changes/archive/2025-01-01-old/proposal.md": PROPOSAL,
        "openspec/changes/archive/2025-01-01-old/tasks.md": CHANGE_TASKS,
        "openspec/specs/login/spec.md": "# login Specification\n\n## Requirements\n",
        "openspec/project.md": "# Project Context\n",
        "README.md": "# Our project\n\nIt does things.\n",
    }
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    return root


def _files_under(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in folder.rglob("*") if path.is_file()}


def test_migrate_finds_kiro_specs_and_active_openspec_changes(tmp_path: Path) -> None:
    repo = _repository(tmp_path / "repo")
    result = plancore.migrate(repo, "maestro", tmp_path / "out", dry_run=True, jobs=1)
    # The archive holds changes done; openspec/specs/ and project.md are OpenSpec's own, no plans.
    assert [(plan.source, plan.target, plan.source_format, plan.feature, plan.action) for plan in result.plans] == [
        (".kiro/specs/login", ".maestro/specs/login/plan.md", "kiro", "login", "written"),
        ("openspec/changes/add-reset", ".maestro/specs/add-reset/plan.md", "openspec", "add-reset", "written"),
    ]
    assert result.skipped == ("README.md",)
    assert not (tmp_path / "out").exists()


def test_migrate_to_kiro_writes_spec_folders_and_reruns_safely(tmp_path: Path) -> None:
    repo = _repository(tmp_path / "repo")
    out = tmp_path / "out"
    result = plancore.migrate(repo, "kiro", out, jobs=1)
    assert [(plan.source, plan.target, plan.action) for plan in result.plans] == [
        (".kiro/specs/login", ".kiro/specs/login", "written"),
        ("openspec/changes/add-reset", ".kiro/specs/add-reset", "written"),
    ]
    # A Kiro spec into another DEST is a copy, byte for byte.
    assert _files_under(out / ".kiro" / "specs" / "login") == _files_under(repo / ".kiro" / "specs" / "login")
    change = out / ".kiro" / "specs" / "add-reset"
    # The group is a top task, its tasks the sub-tasks, marks as written; the requirement in requirements.md.
    assert "- [ ] 1. Reset\n  - [x] 1.1 Send the link\n  - [ ] 1.2 Log the reset\n" in (change / "tasks.md").read_text()
    # Numbered by its place, as Kiro heads requirements (the OpenSpec change names it alone).
    assert "### Requirement 1: Reset\n" in (change / "requirements.md").read_text()
    document = json.loads((out / "plancore-migration.json").read_text())
    entry = document["plans"][1]
    assert entry["target"] == ".kiro/specs/add-reset"
    assert entry["files"] == {
        name: hashlib.sha256(data).hexdigest() for name, data in sorted(_files_under(change).items())
    }
    assert document["ids"] == {"login": "login", "add-reset": "add-reset"}
    before = {path: path.stat().st_mtime_ns for path in out.rglob("*") if path.is_file()}
    again = plancore.migrate(repo, "kiro", out, jobs=1)
    assert [plan.action for plan in again.plans] == ["unchanged", "unchanged"]
    assert {path: path.stat().st_mtime_ns for path in out.rglob("*") if path.is_file()} == before
    # A file changed since plancore wrote it is left alone: the folder is not written.
    (change / "tasks.md").write_text("# Implementation Plan\n\n- [x] 1. Mine\n")
    (repo / "openspec" / "changes" / "add-reset" / "tasks.md").write_text(CHANGE_TASKS + "- [ ] 1.3 Test it\n")
    third = plancore.migrate(repo, "kiro", out, jobs=1)
    assert [plan.action for plan in third.plans] == ["unchanged", "conflict"]
    assert (change / "tasks.md").read_text() == "# Implementation Plan\n\n- [x] 1. Mine\n"


def test_migrate_in_place_leaves_the_target_s_own_folders(tmp_path: Path) -> None:
    repo = _repository(tmp_path / "repo")
    before = _files_under(repo / ".kiro")
    result = plancore.migrate(repo, "kiro", jobs=1, allow_dirty=True)
    assert [(plan.source, plan.target, plan.action) for plan in result.plans] == [
        (".kiro/specs/login", ".kiro/specs/login", "in place"),
        ("openspec/changes/add-reset", ".kiro/specs/add-reset", "written"),
    ]
    assert {name: data for name, data in _files_under(repo / ".kiro").items() if name.startswith("specs/login/")} == (
        before
    )
    # Run again: the folder migrated is its output, not a plan found.
    assert [plan.action for plan in plancore.migrate(repo, "kiro", jobs=1).plans] == ["in place", "unchanged"]


def test_migrate_to_spec_kit_writes_feature_folders_with_the_id_map(tmp_path: Path) -> None:
    repo = _repository(tmp_path / "repo")
    out = tmp_path / "out"
    result = plancore.migrate(repo, "speckit-github", out, jobs=1)
    assert [(plan.source, plan.target, plan.action) for plan in result.plans] == [
        (".kiro/specs/login", "specs/login", "written"),
        ("openspec/changes/add-reset", "specs/add-reset", "written"),
    ]
    feature = out / "specs" / "login"
    assert sorted(_files_under(feature)) == [".plancore-task-ids.json", "plan.md", "spec.md", "tasks.md"]
    assert result.plans[0].requirement_ids == (("US1", "1"), ("US2", "2"))
    document = json.loads((out / "plancore-migration.json").read_text())
    assert document["plans"][0]["requirement_ids"] == {"1": "US1", "2": "US2"}
    assert "### User Story 2 - Reset\n" in (feature / "spec.md").read_text()
    assert "  - [ ] T003 [US2] Send the link\n" in (feature / "tasks.md").read_text()
    # What the feature folder cannot hold is listed, one line per file and field.
    assert any(
        line.startswith("tasks.md: phases: speckit-github links a task to user stories")
        for line in result.plans[0].lost
    )


def test_cli_migrates_to_a_folder_format(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    repo = _repository(tmp_path / "repo")
    assert main(["migrate", str(repo), "--to", "openspec", "-o", str(tmp_path / "out"), "--dry-run", "-q"]) == 0
    out = capsys.readouterr().out
    assert ".kiro/specs/login -> openspec/changes/login (kiro -> openspec): would be written" in out
    assert "openspec/changes/add-reset -> openspec/changes/add-reset (openspec -> openspec): would be written" in out


def test_tree_conversion_takes_kiro_and_openspec_folders_whole(tmp_path: Path) -> None:
    repo = _repository(tmp_path / "repo")
    out = tmp_path / "out"
    assert main(["convert", str(repo), "--to", "kiro", "-o", f"{out}/", "-q"]) == 0
    written = sorted(_files_under(out))
    # Each change (archived too: a tree is converted as it is) is one new Kiro folder (the three files; no
    # ID map: the top task "1. Reset" is its group ``## 1. Reset``, its number the author's); its specs/login/
    # is part of it, no plan of its own. OpenSpec's openspec/specs/ and project.md, and the README, are no plans.
    # The Kiro folder, converted to its own format, is its two files as they are: no design.md added.
    kiro = ["design.md", "requirements.md", "tasks.md"]
    assert written == [
        ".kiro/specs/login/requirements.md",
        ".kiro/specs/login/tasks.md",
        *(f"openspec/changes/add-reset/{name}" for name in kiro),
        *(f"openspec/changes/archive/2025-01-01-old/{name}" for name in kiro),
    ]
    assert (
        (out / "openspec/changes/add-reset/tasks.md")
        .read_text(encoding="utf-8")
        .endswith("- [ ] 1. Reset\n  - [x] 1.1 Send the link\n  - [ ] 1.2 Log the reset\n")
    )


def test_tree_conversion_passes_strict_to_folder_writes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    repo = tmp_path / "repo"
    _kiro(repo / ".kiro" / "specs" / "login")
    out = tmp_path / "out"
    # Kiro's criterion links have no place in Spec Kit's story markers: refused, nothing written.
    assert main(["convert", str(repo), "--to", "speckit-github", "-o", f"{out}/", "--strict", "-q"]) != 0
    assert (
        "login: 2 field(s) have no place in the speckit-github folder: "
        "phases[0].tasks[0].requirements, phases[0].tasks[1].subtasks[0].requirements"
    ) in capsys.readouterr().err
    assert not (out / ".kiro" / "specs" / "login").exists()
    assert main(["convert", str(repo), "--to", "speckit-github", "-o", f"{out}/", "-q"]) == 0
    written = sorted(_files_under(out / ".kiro" / "specs" / "login"))
    assert written == [".plancore-task-ids.json", "plan.md", "spec.md", "tasks.md"]


def test_migrate_writes_a_plan_file_as_a_kiro_folder(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    plan = Plan(
        architecture=plancore.Architecture(overview="Index the docs."),
        phases=(plancore.Phase(tasks=(plancore.Task(text="1. Index it"),)),),
    )
    (repo / ".maestro" / "specs" / "007-search").mkdir(parents=True)
    (repo / ".maestro" / "specs" / "007-search" / "plan.md").write_text(plancore.emit(plan, "maestro"))
    result = plancore.migrate(repo, "kiro", tmp_path / "out", jobs=1)
    assert [(entry.target, entry.source_format, entry.action) for entry in result.plans] == [
        (".kiro/specs/007-search", "maestro", "written")
    ]
    kiro = plancore.read_folder(tmp_path / "out" / ".kiro" / "specs" / "007-search")
    # maestro's High-Level Design is Kiro's design.md Overview; the task keeps its ID (maestro has no marks).
    assert kiro.architecture.overview == "Index the docs."
    assert [task.text for task in kiro.phases[0].tasks] == ["1. Index it"]
