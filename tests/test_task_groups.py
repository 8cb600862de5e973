"""A Spec Kit tasks file's task groups, phase text and checkpoints in formats without them, where a
person converting by hand would put them (hand-written inputs, shaped like the corpus's tasks.md)."""

from __future__ import annotations

from pathlib import Path

import plancore
from plancore._check import check_folder
from plancore._crosswalk import crosswalk
from plancore._folder import read_folder, write_folder
from plancore._formats.kiro import KIRO_TASKS as KIRO_TASKS_FORMAT
from plancore._formats.openspec import OPENSPEC_TASKS
from plancore._registry import get_format
from plancore._report import APPENDIX_HEADING

TASKS = """# Tasks: Export

**Input**: Design documents from `specs/001-export/`

**Tests**: Included, test first.

## Phase 1: Setup

**Purpose**: The project builds.

- [x] T001 Create the module

## Phase 2: Foundational

**Purpose**: What every story needs.

**Blocking**: Must be done before any story.

### Database Layer

- [x] T002 [P] Create the model in models/export.go
- [ ] T003 Create the migration

### HTTP Layer

- [ ] T004 Add the route in handlers/routes.go

**Checkpoint**: The API answers.

## Dependencies & Execution Order

Phase 2 blocks every story.
"""


def _body(text: str) -> str:
    return text.split(f"## {APPENDIX_HEADING}")[0]


def test_groups_are_labelled_sub_lists_of_the_phases_tasks_in_maestro() -> None:
    conversion = plancore.convert(TASKS, "maestro", source="speckit-tasks")
    phase = conversion.text.split("### Phase 2: Foundational\n")[1].split("\n## ")[0]
    assert (
        "- **Tasks:**\n"
        "  - **Database Layer**\n"
        "    - [x] T002 [P] Create the model in models/export.go\n"
        "    - [ ] T003 Create the migration\n"
        "  - **HTTP Layer**\n"
        "    - [ ] T004 Add the route in handlers/routes.go\n"
    ) in phase
    # The checkpoint is maestro's deliverable; the phase's own text stays in the phase, after its list.
    assert "- **Deliverable:** The API answers.\n" in phase
    assert "\n**Blocking**: Must be done before any story.\n" in phase
    # Only what maestro has no place for is appended: the Input line and T001's done mark.
    appendix = conversion.text.split(f"## {APPENDIX_HEADING}")[1]
    assert "Layer" not in appendix
    assert "Blocking" not in appendix
    assert {loss.path for loss in conversion.losses} == {"metadata.input", "phases[0].tasks[0].done"}


def test_groups_keep_their_marks_in_smartspec_and_the_checkpoint_ends_the_phases_text() -> None:
    text = plancore.convert(TASKS, "smartspec", source="speckit-tasks").text
    assert (
        "- [ ] **Database Layer**\n  - [x] T002 [P] Create the model in models/export.go\n"
        "  - [ ] T003 Create the migration\n"
    ) in text
    # SmartSpec writes a phase's text as its activities; the checkpoint is its deliverable (since s13; before, a
    # line after the phase's list).
    assert (
        "- Activities: **Blocking**: Must be done before any story.\n- Deliverables: The API answers.\n"
        "- [ ] **Database Layer**\n"
    ) in text
    assert "  - [ ] T004 Add the route in handlers/routes.go\n\n## Dependencies & Execution Order" in text
    assert "Layer" not in text.split(f"## {APPENDIX_HEADING}")[1]


def test_a_group_is_a_task_over_its_sub_tasks_where_the_target_has_them() -> None:
    plan = plancore.parse(TASKS, "speckit-tasks")
    shaped, _ = crosswalk(plan, get_format("speckit-tasks"), OPENSPEC_TASKS, TASKS)
    groups = shaped.phases[1].tasks
    assert [t.text for t in groups] == ["Database Layer", "HTTP Layer"]
    assert [(s.text, s.done) for s in groups[0].subtasks] == [
        ("T002 [P] Create the model in models/export.go", True),
        ("T003 Create the migration", False),
    ]
    assert not groups[0].done


def test_groups_come_back_as_groups_there_and_back() -> None:
    for target in ("maestro", "smartspec", "specpulse", "speckit"):
        there = plancore.convert(TASKS, target, source="speckit-tasks").text
        back = plancore.parse(plancore.convert(there, "speckit-tasks", source=target).text, "speckit-tasks")
        steps = back.phases[1].steps
        assert [s.title for s in steps] == ["Database Layer", "HTTP Layer"], target
        assert [t.text for t in steps[0].tasks] == [
            "T002 [P] Create the model in models/export.go",
            "T003 Create the migration",
        ], target
        assert back.phases[1].tasks == (), target


def test_a_maestro_deliverable_is_a_tasks_files_checkpoint_and_back() -> None:
    there = plancore.convert(TASKS, "maestro", source="speckit-tasks").text
    back = plancore.parse(plancore.convert(there, "speckit-tasks", source="maestro").text, "speckit-tasks")
    assert back.phases[1].checkpoint == "The API answers."


def test_a_tasks_files_phases_stand_after_spec_kits_plan_sections() -> None:
    conversion = plancore.convert(TASKS, "speckit-github", source="speckit-tasks")
    text = conversion.text
    assert APPENDIX_HEADING not in text
    # The text under the header reads on after plan.md's header; the phases as written, before the
    # sections that followed them.
    assert text.index("**Tests**: Included, test first.") < text.index("## Summary")
    assert text.index("## Complexity Tracking") < text.index("## Phase 1: Setup")
    assert text.index("## Phase 2: Foundational") < text.index("## Dependencies & Execution Order")
    assert "### Database Layer\n\n- [x] T002 [P] Create the model in models/export.go" in text
    assert not conversion.losses


KIRO_TASKS = """# Implementation Plan

- [x] 1. Send links
  - [x] 1.1 Write the mailer
  - [ ] 1.2 Queue the mails

- [x] 2. Refuse old links
  - _Requirements: 1.2_

- [ ]* 2.1 Test the refusal

- [ ] 3. Log refusals
"""


def test_kiro_tasks_through_openspec_groups_come_back_as_kiros_tasks(tmp_path: Path) -> None:
    kiro = tmp_path / "kiro" / "login"
    kiro.mkdir(parents=True)
    (kiro / "tasks.md").write_text(KIRO_TASKS, encoding="utf-8")
    (kiro / "requirements.md").write_text("# Requirements Document\n\n## Introduction\n\nLog in.\n", encoding="utf-8")
    write_folder(read_folder(kiro), tmp_path / "change", "openspec")
    groups = (tmp_path / "change" / "tasks.md").read_text(encoding="utf-8")
    assert "## 2. Refuse old links\n\n- [x] 2. Refuse old links\n" in groups
    assert "- [ ] 2.1 Test the refusal (optional)\n" in groups
    write_folder(read_folder(tmp_path / "change"), tmp_path / "back", "kiro")
    back = KIRO_TASKS_FORMAT.read((tmp_path / "back" / "tasks.md").read_text(encoding="utf-8"))
    original = KIRO_TASKS_FORMAT.read(KIRO_TASKS)
    # Every group is the top task it was made of, states and the optional mark as they were: a group's
    # own line is not written again under itself (it was, and ``check`` read its ID twice).
    assert [(t.text, t.status, t.optional, [(s.text, s.done) for s in t.subtasks]) for t in back.phases[0].tasks] == [
        (t.text, t.status, t.optional, [(s.text, s.done) for s in t.subtasks]) for t in original.phases[0].tasks
    ]
    assert not [f for f in check_folder(tmp_path / "back") if f.code == "PC006"]


SPECKIT_PLAN = """# Implementation Plan: Login

**Branch**: `005-login` | **Date**: 2026-01-05 | **Spec**: [spec.md](./spec.md)

**Input**: Feature specification from `specs/005-login/spec.md`

## Summary

Users log in with a magic link sent by email.

## Technical Context

**Language/Version**: Python 3.12

**Primary Dependencies**: FastAPI

**Storage**: PostgreSQL
"""


def test_spec_kits_technical_context_is_kiros_architecture_subsection(tmp_path: Path) -> None:
    feature = tmp_path / "specs" / "005-login"
    feature.mkdir(parents=True)
    (feature / "plan.md").write_text(SPECKIT_PLAN, encoding="utf-8")
    write_folder(read_folder(feature), tmp_path / "kiro", "kiro")
    design = (tmp_path / "kiro" / "design.md").read_text(encoding="utf-8")
    architecture = design.split("## Architecture\n")[1].split("\n## ")[0]
    assert architecture.startswith("\n### Technical Context\n\n**Language/Version**: Python 3.12\n")
    assert "**Storage**: PostgreSQL" in architecture
    assert "[How the parts fit together" not in design
    assert design.count("Technical Context") == 1
