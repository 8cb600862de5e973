"""A Kiro checklist of numbered top tasks in formats whose phases are named task lists (user-trial
findings 5 and 16): each top task a phase over its sub-tasks, each task's details under it, and no
number written twice (hand-written inputs, shaped like the corpus's tasks.md files)."""

from __future__ import annotations

from pathlib import Path

import plancore
from plancore._folder import read_folder, write_folder
from plancore._report import APPENDIX_HEADING

REQUIREMENTS = "# Requirements Document\n\n## Introduction\n\nA sign-up form.\n"

# Sub-tasks written after their top task, not under it (tornpda's shape), each with its details.
FOLLOWERS = """# Implementation Plan

- [x] 1. Build the form
- [x] 1.1 (P) Add the fields
  - Name and email, both required.
  - _Requirements: 1.1_
- [x] 1.2 Validate the email
  - _Requirements: 1.2_

- [ ] 2. Ship it
- [x] 2.1 Release behind a flag
  - Enable for staff first.
"""

# Sub-tasks nested under their top task (octomatiz's shape).
NESTED = """# Implementation Plan

- [x] 1. Build the form
  - [x] 1.1 Add the fields
    - Name and email, both required.
  - [x] 1.2 Validate the email

- [ ] 2. Ship it
  - [ ] 2.1 Release behind a flag
"""


def _folder(tmp_path: Path, tasks: str) -> Path:
    folder = tmp_path / "sign-up-form"
    folder.mkdir()
    (folder / "requirements.md").write_text(REQUIREMENTS, encoding="utf-8")
    (folder / "tasks.md").write_text(tasks, encoding="utf-8")
    return folder


def _body(text: str) -> str:
    return text.split(APPENDIX_HEADING)[0]


def test_each_top_task_is_a_phase_with_its_tasks_and_their_details_in_maestro(tmp_path: Path) -> None:
    result = plancore._convert.convert_plan(read_folder(_folder(tmp_path, FOLLOWERS)), "maestro", source="kiro")
    body = _body(result.text)
    # The phase's heading says the top task, its mark the top task's; no `{Name}` placeholder, no task list flat.
    assert "### Phase 1: Build the form ✅\n\n- **Tasks:**\n  - 1.1 (P) Add the fields\n" in body
    assert (
        "### Phase 2: Ship it\n\n- **Tasks:**\n  - 2.1 Release behind a flag\n    - Enable for staff first.\n" in body
    )
    assert "### Phase 1: {Name}" not in body
    # A task's details stand under it, where a person puts them, not in the appendix.
    assert "  - 1.2 Validate the email\n    - _Requirements: 1.2_\n" in body
    assert "Name and email" not in result.text.split(APPENDIX_HEADING)[-1]
    back = plancore.parse(result.text, "maestro")
    assert [(p.name, p.done) for p in back.phases] == [("Build the form", True), ("Ship it", False)]
    assert (
        back.phases[0].tasks[0].text
        == "1.1 (P) Add the fields\n- Name and email, both required.\n- _Requirements: 1.1_"
    )


def test_nested_sub_tasks_are_the_phase_tasks_and_ids_show_once_in_numbered_lists(tmp_path: Path) -> None:
    plan = read_folder(_folder(tmp_path, NESTED))
    specpulse = _body(plancore._convert.convert_plan(plan, "specpulse", source="kiro").text)
    assert (
        "### Phase 1: Build the form ✅\n\n#### Tasks\n1. [x] Add the fields\n   - Name and email, both required.\n"
        in (specpulse)
    )
    assert "2. [x] Validate the email\n" in specpulse
    # The list's number is the task's: `1. [x] 1.1 ...` would say it twice.
    assert "1.1" not in specpulse and "1. [x] 1." not in specpulse
    speckit = _body(plancore._convert.convert_plan(plan, "speckit", source="kiro").text)
    # Spec Kit rapid ticks its done steps off too (a done step once lost its mark to the appendix).
    assert "1. [x] Add the fields\n   - Name and email, both required.\n2. [x] Validate the email\n" in speckit
    assert "1. [ ] Release behind a flag\n" in speckit and "1. [x] 1." not in speckit


def test_a_step_task_keeps_its_details_in_aadt(tmp_path: Path) -> None:
    aadt = _body(plancore._convert.convert_plan(read_folder(_folder(tmp_path, FOLLOWERS)), "aadt", source="kiro").text)
    assert "### Phase 1: Build the form ✅\n" in aadt
    assert "- [x] 1.1 (P) Add the fields\n  - Name and email, both required.\n  - _Requirements: 1.1_\n" in aadt


def test_top_tasks_come_back_from_the_phases(tmp_path: Path) -> None:
    plan = read_folder(_folder(tmp_path, FOLLOWERS))
    maestro = plancore._convert.convert_plan(plan, "maestro", source="kiro").text
    write_folder(plancore.parse(maestro, "maestro"), tmp_path / "back", "kiro")
    kiro = (tmp_path / "back" / "tasks.md").read_text(encoding="utf-8")
    # Each phase a top task again, its mark the phase's, its tasks under it with their details.
    assert "- [x] 1. Build the form\n  - [ ] 1.1 (P) Add the fields\n    - Name and email, both required.\n" in kiro
    assert "- [ ] 2. Ship it\n  - [ ] 2.1 Release behind a flag\n" in kiro
    # And a second pass writes the same phases (A -> B -> A -> B stable).
    again = plancore._convert.convert_plan(read_folder(tmp_path / "back"), "maestro", source="kiro").text
    assert _phases(again) == _phases(maestro)


def _phases(maestro: str) -> str:
    return maestro.split("## 5. Implementation Phases")[1].split("## 6. ")[0]


# A top task with details of its own and open sub-tasks after it (spaceweirdos' shape).
DETAILED = """# Implementation Plan

- [x] 1. Build the form
  - Keep it to one page.
- [ ] 1.1 Add the fields
- [ ] 1.2 Validate the email
"""


def test_a_top_tasks_details_are_its_phase_text_not_a_task_numbered_twice(tmp_path: Path) -> None:
    plan = read_folder(_folder(tmp_path, DETAILED))
    specpulse = _body(plancore._convert.convert_plan(plan, "specpulse", source="kiro").text)
    # The top task is the phase (its mark the phase's), its details the phase's text, its sub-tasks the list.
    assert (
        "### Phase 1: Build the form ✅\n\n- Keep it to one page.\n\n#### Tasks\n"
        "1. [ ] Add the fields\n2. [ ] Validate the email\n" in specpulse
    )
    assert "1. [x] 1. Build the form" not in specpulse


# A lone top task with details of its own and no sub-tasks (spaceweirdos' tasks 9, 11, 12), between two with.
LONE = """# Implementation Plan

- [x] 1. Build the form
- [x] 1.1 Add the fields

- [x] 2. Write the message constants
  - One file of error messages.

- [ ] 3. Ship it
- [ ] 3.1 Release behind a flag
"""


def test_a_lone_top_task_shows_one_number_and_comes_back_alone(tmp_path: Path) -> None:
    plan = read_folder(_folder(tmp_path, LONE))
    specpulse = plancore._convert.convert_plan(plan, "specpulse", source="kiro").text
    # The list's number alone (not `1. [x] 2. Write ...`), its mark also the phase's, its details under it.
    assert (
        "### Phase 2: Write the message constants ✅\n\n#### Tasks\n"
        "1. [x] Write the message constants\n   - One file of error messages.\n" in _body(specpulse)
    )
    assert "1. [x] 2." not in specpulse
    # maestro's tasks carry no mark: the phase's ✅ says the task's, which is not repeated in the appendix.
    maestro = plancore._convert.convert_plan(plan, "maestro", source="kiro").text
    assert "### Phase 2: Write the message constants ✅\n\n- **Tasks:**\n  - Write the message constants\n" in maestro
    assert maestro.count("Write the message constants") == 2
    for fmt, text in (
        ("specpulse", specpulse),
        ("maestro", plancore._convert.convert_plan(plan, "maestro", source="kiro").text),
    ):
        out = tmp_path / f"back-{fmt}"
        write_folder(plancore.parse(text, fmt), out, "kiro")
        kiro = (out / "tasks.md").read_text(encoding="utf-8")
        # The task itself again, its details under it: no sub-task repeating its own title.
        assert "- [x] 2. Write the message constants\n  - One file of error messages.\n\n- [ ] 3. Ship it\n" in kiro, (
            fmt
        )
        assert kiro.count("Write the message constants") == 1, fmt
