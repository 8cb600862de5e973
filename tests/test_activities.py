"""A SmartSpec rollout phase's activities are its tasks in a format whose phases are task lists
(Spec Kit's tasks.md, OpenSpec's tasks.md), so that the list's tooling counts them; back in SmartSpec
they are its activities again (hand-written inputs)."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from strategies import activity_lines

import plancore
from plancore._cli import main

SMARTSPEC = """# Implementation Plan: Export

## Rollout Plan

### Phase 1: Build

- Duration: 2 days
- Activities: Write the exporter; add the download button

### Phase 2: Release

- Duration: 1 day
- Activities: Enable the export for every board

## Rollback Plan

Hide the export button.
"""


def _rollout(text: str) -> str:
    return text.split("## Rollout Plan")[1].split("## Rollback Plan")[0]


def test_each_activity_is_a_task_of_a_tasks_file_numbered_as_spec_kit_numbers_them() -> None:
    tasks = plancore.convert(SMARTSPEC, "speckit-tasks", source="smartspec").text
    assert "- [ ] T001 Write the exporter\n- [ ] T002 add the download button\n" in tasks
    assert "- [ ] T003 Enable the export for every board\n" in tasks
    plan = plancore.parse(tasks, "speckit-tasks")
    assert [[t.text for t in p.tasks] for p in plan.phases] == [
        ["T001 Write the exporter", "T002 add the download button"],
        ["T003 Enable the export for every board"],
    ]
    assert [p.description for p in plan.phases] == ["", ""]
    assert [p.estimate for p in plan.phases] == ["2 days", "1 day"]


def test_activities_come_back_as_activities_through_a_tasks_file() -> None:
    tasks = plancore.convert(SMARTSPEC, "speckit-tasks", source="smartspec").text
    back = plancore.convert(tasks, "smartspec", source="speckit-tasks").text
    assert _rollout(back) == _rollout(SMARTSPEC)


def test_activities_are_numbered_tasks_in_an_openspec_change_and_come_back(tmp_path: Path) -> None:
    source = tmp_path / "plan.md"
    source.write_text(SMARTSPEC, encoding="utf-8")
    assert (
        main(["convert", str(source), "-f", "smartspec", "-t", "openspec", "-o", str(tmp_path / "os") + "/", "-q"]) == 0
    )
    tasks = (tmp_path / "os" / "tasks.md").read_text(encoding="utf-8")
    assert tasks.startswith(
        "## 1. Build\n\n**Duration:** 2 days\n\n- [ ] 1.1 Write the exporter\n- [ ] 1.2 add the download button\n"
    )
    assert "- [ ] 2.1 Enable the export for every board\n" in tasks
    assert main(["convert", str(tmp_path / "os"), "-t", "smartspec", "-o", str(tmp_path / "back.md"), "-q"]) == 0
    assert _rollout((tmp_path / "back.md").read_text(encoding="utf-8")) == _rollout(SMARTSPEC)


def test_activities_are_tasks_of_a_feature_folders_tasks_md(tmp_path: Path) -> None:
    source = tmp_path / "plan.md"
    source.write_text(SMARTSPEC, encoding="utf-8")
    assert (
        main(
            ["convert", str(source), "-f", "smartspec", "-t", "speckit-github", "-o", str(tmp_path / "skg") + "/", "-q"]
        )
        == 0
    )
    tasks = (tmp_path / "skg" / "tasks.md").read_text(encoding="utf-8")
    assert "- [ ] T001 Write the exporter\n- [ ] T002 add the download button\n" in tasks
    assert main(["convert", str(tmp_path / "skg"), "-t", "smartspec", "-o", str(tmp_path / "back.md"), "-q"]) == 0
    assert _rollout((tmp_path / "back.md").read_text(encoding="utf-8")) == _rollout(SMARTSPEC)


def test_activities_are_numbered_sub_tasks_of_a_kiro_folders_top_tasks(tmp_path: Path) -> None:
    # Kiro offers "Start task" for a checkbox: each activity one under its phase's top task, numbered by place.
    source = tmp_path / "plan.md"
    source.write_text(SMARTSPEC, encoding="utf-8")
    assert main(["convert", str(source), "-f", "smartspec", "-t", "kiro", "-o", str(tmp_path / "k") + "/", "-q"]) == 0
    tasks = (tmp_path / "k" / "tasks.md").read_text(encoding="utf-8")
    assert tasks == (
        "# Implementation Plan: Export\n\n"
        "- [ ] 1. Build\n\n  **Estimate**: 2 days\n\n"
        "  - [ ] 1.1 Write the exporter\n  - [ ] 1.2 add the download button\n\n"
        "- [ ] 2. Release\n\n  **Estimate**: 1 day\n\n"
        "  - [ ] 2.1 Enable the export for every board\n"
    )
    plan = plancore.read_folder(tmp_path / "k")
    assert [(t.id, [s.id for s in t.subtasks]) for t in plan.phases[0].tasks] == [("1", ["1.1", "1.2"]), ("2", ["2.1"])]


def test_tasks_of_the_authors_stay_tasks_in_smartspec() -> None:
    # A done task, an ID out of sequence, a marker: none is an activity a conversion wrote.
    tasks = (
        "# Tasks: Export\n\n## Phase 1: Build\n\n- [x] T001 Write the exporter\n\n"
        "## Phase 2: Release\n\n- [ ] T007 Enable the export\n\n## Phase 3: Polish\n\n- [ ] T002 [P] Add a tooltip\n"
    )
    smartspec = plancore.convert(tasks, "smartspec", source="speckit-tasks").text
    phases = plancore.parse(smartspec, "smartspec").phases
    assert [[t.text for t in p.tasks] for p in phases] == [
        ["T001 Write the exporter"],
        ["T007 Enable the export"],
        ["T002 [P] Add a tooltip"],
    ]
    assert [p.description for p in phases] == ["", "", ""]


def test_activities_of_several_lines_stay_the_phases_text() -> None:
    smartspec = SMARTSPEC.replace(
        "- Activities: Enable the export for every board", "- Activities: Enable the export\n  for every board"
    )
    tasks = plancore.convert(smartspec, "speckit-tasks", source="smartspec").text
    plan = plancore.parse(tasks, "speckit-tasks")
    assert [t.text for t in plan.phases[1].tasks] == []
    assert plan.phases[1].description == "Enable the export\nfor every board"


@settings(max_examples=15)
@given(activity_lines)
def test_any_one_line_of_activities_comes_back_through_a_tasks_file(activities: str) -> None:
    smartspec = SMARTSPEC.replace("Write the exporter; add the download button", activities)
    tasks = plancore.convert(smartspec, "speckit-tasks", source="smartspec").text
    assert len(plancore.parse(tasks, "speckit-tasks").phases[0].tasks) == len(activities.split("; "))
    back = plancore.convert(tasks, "smartspec", source="speckit-tasks").text
    assert _rollout(back) == _rollout(smartspec)
