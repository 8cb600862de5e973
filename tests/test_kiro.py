"""The ``kiro`` folder format (issue 14): Kiro spec folders read, written back byte for byte, edited
line by line, converted to and from Spec Kit feature folders and single-file formats.

Expected values are read by hand from ``../shared/corpus/kiro/`` (SOURCES.md names their origin)."""

from __future__ import annotations

import difflib
import io
import json
import re
import shutil
import sys
import tempfile
from pathlib import Path

import attrs
import pytest
from helpers import SHARED, shown
from hypothesis import given
from strategies import kiro_requirements, kiro_task_plans, task_plans

import plancore
from plancore import Criterion, Phase, Plan, Requirement, Subtask, Task
from plancore._cli import main
from plancore._crosswalk import lone_top_task, top_tasks
from plancore._folder import FOLDERS, detect_folder
from plancore._formats.kiro import is_kiro_folder, read_kiro, write_kiro

KIRO = SHARED / "corpus" / "kiro"
AUDIOCAP = "audiocap-multi-input-channel-recording"
OCTOMATIZ = "octomatiz-cloudflare-d1-migration"
WEIRDOS = "spaceweirdos-space-weirdos-game-rules"
TORNPDA = "tornpda-android-live-updates-travel-countdown"
NAMES = [AUDIOCAP, OCTOMATIZ, WEIRDOS, TORNPDA]
CHECKLISTS = [OCTOMATIZ, WEIRDOS, TORNPDA]


def _source(name: str) -> Path:
    source = KIRO / name
    if not source.is_dir():
        pytest.skip(f"{shown(source)} is absent (the repository's shared test data, beside the checkout)")
    return source


def _copy(name: str, tmp_path: Path) -> Path:
    """The shared Kiro folder ``name`` copied into the test's own temporary folder, as ``.kiro/specs/<name>``."""
    return Path(shutil.copytree(_source(name), tmp_path / ".kiro" / "specs" / name))


def _files(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in folder.rglob("*") if path.is_file()}


def _changed(before: bytes, after: bytes) -> list[str]:
    diff = difflib.unified_diff(before.decode().split("\n"), after.decode().split("\n"), lineterm="", n=0)
    return [line for line in diff if line[:1] in "+-" and not line.startswith(("+++", "---"))]


def _all_tasks(plan: Plan) -> list[Task | Subtask]:
    found: list[Task | Subtask] = []
    for phase in plan.phases:
        for task in (*phase.tasks, *(task for step in phase.steps for task in step.tasks)):
            found += [task, *task.subtasks]
    return found


def _facts(plan: Plan) -> list[tuple[str, str, str, bool, tuple[str, ...], bool]]:
    return [
        (task.text, task.id, task.status, task.optional, task.requirements, task.parallel) for task in _all_tasks(plan)
    ]


@pytest.mark.parametrize("name", NAMES)
def test_corpus_folder_round_trips_byte_for_byte(name: str, tmp_path: Path) -> None:
    folder = _copy(name, tmp_path)
    before = _files(folder)
    result = write_kiro(read_kiro(folder), folder)
    assert result.written == () and result.ids == () and result.losses == ()
    assert _files(folder) == before


@pytest.mark.parametrize("name", NAMES)
def test_corpus_folder_is_detected_as_kiro(name: str) -> None:
    folder = _source(name)
    assert is_kiro_folder(folder)
    assert detect_folder(folder) == "kiro"


def test_detection_tells_kiro_from_spec_kit_and_plain_folders(tmp_path: Path) -> None:
    kiro_tasks = tmp_path / ".kiro" / "specs" / "login"
    kiro_tasks.mkdir(parents=True)
    (kiro_tasks / "tasks.md").write_text("# Implementation Plan\n\n- [ ] 1. Add the form\n")
    assert detect_folder(kiro_tasks) == "kiro"
    feature = tmp_path / "specs" / "001-login"
    feature.mkdir(parents=True)
    (feature / "tasks.md").write_text("# Tasks: Login\n\n## Phase 1: Setup\n\n- [ ] T001 Add it\n")
    assert not is_kiro_folder(feature) and detect_folder(feature) == "speckit-github"
    with_plan = tmp_path / "both"
    with_plan.mkdir()
    (with_plan / "plan.md").write_text("# Implementation Plan: X\n")
    (with_plan / "design.md").write_text("# Design Document\n")
    assert not is_kiro_folder(with_plan)
    empty = tmp_path / "empty"
    empty.mkdir()
    assert detect_folder(empty) is None and not is_kiro_folder(tmp_path / "missing")
    with pytest.raises(plancore.ParseError, match="no plan folder"):
        plancore.read_folder(empty)


def test_requirements_read_as_written() -> None:
    plan = read_kiro(_source(OCTOMATIZ))
    assert plan.metadata.title == "Cloudflare D1 Migration"  # design.md's title; requirements.md has none
    assert plan.summary.startswith("Migrasi penyimpanan data project UMKM dari localStorage")
    assert [requirement.id for requirement in plan.requirements] == ["1", "2", "3", "4", "5"]
    first = plan.requirements[0]
    assert first.title == ""
    assert first.user_story == (
        "As a freelancer, I want my project data to persist across devices and browser sessions, "
        "so that I don't lose my work when clearing cache or switching devices."
    )
    assert [criterion.id for criterion in first.criteria] == ["1", "2", "3", "4"]
    assert first.criteria[0] == Criterion(
        id="1",
        text="WHEN a user creates a new project THEN the system SHALL save the project to Cloudflare D1 database",
    )
    assert plan.requirements[1].criteria[3].text.startswith("WHERE a user wants to link devices THEN")
    glossary = [section for section in plan.extra_sections if section.heading == "Glossary"]
    assert len(glossary) == 1 and glossary[0].body.startswith("- **D1**: Cloudflare D1")


def test_cc_sdd_requirements_have_titles_and_objectives() -> None:
    plan = read_kiro(_source(TORNPDA))
    assert [(requirement.id, requirement.title) for requirement in plan.requirements] == [
        ("1", "Capability Scoping & Device Eligibility"),
        ("2", "Countdown Content & Refresh Accuracy"),
        ("3", "Interaction & Surface Behavior"),
        ("4", "Lifecycle Management & Fallback Handling"),
    ]
    assert plan.requirements[3].user_story.startswith("As a Torn PDA operator, I want predictable start/update/end")
    assert len(plan.requirements[3].criteria) == 4
    assert plan.requirements[3].criteria[1].text.startswith("When Flutter requests `endTravelActivity`")
    carried = {section.heading: section.body for section in plan.extra_sections}
    assert '"phase": "tasks-approved"' in carried["spec.json"]
    assert "research.md" in carried


def test_nested_task_layout() -> None:
    plan = read_kiro(_source(OCTOMATIZ))
    (phase,) = plan.phases
    assert [task.id for task in phase.tasks] == [str(number) for number in range(1, 11)]
    assert all(task.status == "done" for task in _all_tasks(plan))
    second = phase.tasks[1]
    assert second.text == "2. Implement D1 client and data access layer"
    assert [sub.id for sub in second.subtasks] == ["2.1", "2.2", "2.3", "2.4", "2.5", "2.6"]
    assert second.subtasks[1].requirements == ("2.1", "2.2")
    # A property test's link: **Validates: Requirements 2.1**.
    assert second.subtasks[2].requirements == ("2.1",)
    assert phase.tasks[0].subtasks[0].requirements == ("1.1", "3.1")
    assert phase.tasks[2].text == "3. Checkpoint - Ensure all database tests pass"
    assert phase.tasks[2].body == "- All 15 database tests pass"


def test_flat_layout_with_optional_tasks() -> None:
    plan = read_kiro(_source(WEIRDOS))
    tasks = {task.id: task for task in plan.phases[0].tasks}
    assert len(plan.phases[0].tasks) == 27
    assert (tasks["2.1"].status, tasks["2.1"].optional) == ("todo", True)
    assert (tasks["3.1"].status, tasks["3.1"].optional) == ("done", True)
    assert (tasks["1"].status, tasks["1"].optional) == ("done", False)
    assert tasks["2.1"].requirements == ("6.1", "6.2", "6.3", "6.4", "6.5", "6.6", "6.7", "6.8", "6.9")
    assert tasks["6.3"].requirements == ("7.5", "7.6", "7.7", "7.8")
    optional_todo = [task.id for task in plan.phases[0].tasks if task.optional and task.status == "todo"]
    assert optional_todo == ["2.1", "2.2", "6.3"]


def test_cc_sdd_tasks_keep_parallel_marks_and_titled_links() -> None:
    plan = read_kiro(_source(TORNPDA))
    tasks = {task.id: task for task in plan.phases[0].tasks}
    assert tasks["1"].parallel and tasks["1.1"].parallel and not tasks["1.2"].parallel
    assert tasks["3"].status == "todo" and tasks["3.1"].status == "done"
    assert tasks["2.3"].requirements == ("Capability Scoping & Device Eligibility",)


def test_task_block_layout() -> None:
    plan = read_kiro(_source(AUDIOCAP))
    assert len(plan.phases) == 7
    first = plan.phases[0]
    assert first.name == "Create Device Enumeration and Filtering Infrastructure"
    assert (first.estimate, first.priority, first.dependencies) == ("1-2 hours", "High", "None")
    assert [step.title for step in first.steps] == [
        "Description",
        "Implementation Steps",
        "Acceptance Criteria",
        "Files to Create/Modify",
    ]
    criteria = first.steps[2].tasks
    assert len(criteria) == 6 and all(task.status == "todo" for task in criteria)
    assert criteria[1].text == "Virtual and aggregate devices are correctly filtered out"
    assert plan.phases[1].dependencies == "Task 1"
    headings = [section.heading for section in plan.extra_sections]
    assert headings[-3:] == ["Implementation Order", "Risk Mitigation", "Success Metrics"]


def _retick(plan: Plan, task_id: str) -> Plan:
    """``plan`` with the task (or sub-task) ``task_id`` of its first phase ticked or unticked."""
    phase = plan.phases[0]
    tasks = []
    for task in phase.tasks:
        if task.id == task_id:
            task = attrs.evolve(task, done=not task.done)
        subtasks = tuple(attrs.evolve(sub, done=not sub.done) if sub.id == task_id else sub for sub in task.subtasks)
        tasks.append(attrs.evolve(task, subtasks=subtasks))
    return attrs.evolve(plan, phases=(attrs.evolve(phase, tasks=tuple(tasks)), *plan.phases[1:]))


@pytest.mark.parametrize(
    ("name", "task_id", "line"),
    [
        (WEIRDOS, "2.1", "- [x]* 2.1 Write property test for warband ability modifiers"),
        (OCTOMATIZ, "2.1", "  - [ ] 2.1 Create D1 client wrapper"),
        (TORNPDA, "3", "- [x] 3. Introduce LiveUpdateAdapter family and OEM capsule handling"),
    ],
)
def test_ticking_a_task_changes_one_line_of_tasks_md(name: str, task_id: str, line: str, tmp_path: Path) -> None:
    folder = _copy(name, tmp_path)
    before = _files(folder)
    result = write_kiro(_retick(read_kiro(folder), task_id), folder)
    assert result.written == ("tasks.md",)
    after = _files(folder)
    assert {path for path in after if after[path] != before[path]} == {"tasks.md"}
    changed = _changed(before["tasks.md"], after["tasks.md"])
    assert len(changed) == 2 and changed[1] == "+" + line


def test_ticking_a_criterion_of_a_task_block_changes_one_line(tmp_path: Path) -> None:
    folder = _copy(AUDIOCAP, tmp_path)
    before = _files(folder)
    plan = read_kiro(folder)
    phase = plan.phases[1]
    step = phase.steps[2]
    ticked = attrs.evolve(step, tasks=(attrs.evolve(step.tasks[0], done=True), *step.tasks[1:]))
    phase = attrs.evolve(phase, steps=(*phase.steps[:2], ticked, *phase.steps[3:]))
    write_kiro(attrs.evolve(plan, phases=(plan.phases[0], phase, *plan.phases[2:])), folder)
    after = _files(folder)
    assert {path for path in after if after[path] != before[path]} == {"tasks.md"}
    assert _changed(before["tasks.md"], after["tasks.md"]) == [
        "-- [ ] `DeviceRecorder` can start/stop recording from specific devices",
        "+- [x] `DeviceRecorder` can start/stop recording from specific devices",
    ]


@pytest.mark.parametrize(
    ("name", "ending"),
    [
        (OCTOMATIZ, "THEN the system SHALL generate a unique device ID and store it locally (in UTC)"),
        (TORNPDA, "destination label on the Live Update surface. (in UTC)"),
    ],
)
def test_editing_a_criterion_changes_one_line_of_requirements_md(name: str, ending: str, tmp_path: Path) -> None:
    folder = _copy(name, tmp_path)
    before = _files(folder)
    plan = read_kiro(folder)
    requirement = plan.requirements[1]
    criterion = attrs.evolve(requirement.criteria[0], text=requirement.criteria[0].text + " (in UTC)")
    requirement = attrs.evolve(requirement, criteria=(criterion, *requirement.criteria[1:]))
    write_kiro(attrs.evolve(plan, requirements=(plan.requirements[0], requirement, *plan.requirements[2:])), folder)
    after = _files(folder)
    assert {path for path in after if after[path] != before[path]} == {"requirements.md"}
    changed = _changed(before["requirements.md"], after["requirements.md"])
    assert len(changed) == 2 and changed[1].endswith(ending)


@pytest.mark.parametrize("name", NAMES)
def test_editing_the_overview_changes_one_line_of_design_md(name: str, tmp_path: Path) -> None:
    folder = _copy(name, tmp_path)
    before = _files(folder)
    plan = read_kiro(folder)
    first, *rest = plan.architecture.overview.split("\n")
    overview = "\n".join([first + " (revised)", *rest])
    write_kiro(attrs.evolve(plan, architecture=attrs.evolve(plan.architecture, overview=overview)), folder)
    after = _files(folder)
    assert {path for path in after if after[path] != before[path]} == {"design.md"}
    assert _changed(before["design.md"], after["design.md"]) == ["-" + first, "+" + first + " (revised)"]


@pytest.mark.parametrize("name", NAMES)
def test_kiro_to_spec_kit_folder_and_back_keeps_every_task(name: str, tmp_path: Path) -> None:
    plan = read_kiro(_source(name))
    feature = tmp_path / "specs" / "005-login"
    plancore.write_folder(plan, feature, "speckit-github")
    through = plancore.read_folder(feature)
    # Spec Kit numbers the tasks T001 on, in order, and adds ``[USn]`` to a task's text (the documented ID
    # map); the rest is as it was.
    assert [fact[2:] for fact in _facts(through)] == [fact[2:] for fact in _facts(plan)]
    # Numbered by place as Kiro nests them (1. over 1.1): T001 on, in order; cc-sdd's flat 1.1 keep their IDs.
    nested = name == OCTOMATIZ
    ids = [f"T{n:03d}" for n in range(1, len(_all_tasks(plan)) + 1)] if nested else [t.id for t in _all_tasks(plan)]
    assert [task.id for task in _all_tasks(through)] == ids
    numbers = {requirement.id for requirement in plan.requirements}
    for task, before in zip(_all_tasks(through), _all_tasks(plan), strict=True):
        linked = [link.split(".")[0] for link in before.requirements if link.split(".")[0] in numbers]
        assert task.stories == tuple(dict.fromkeys(f"US{number}" for number in linked))
    back = tmp_path / ".kiro" / "specs" / "login"
    write_kiro(through, back)
    again = read_kiro(back)
    assert [requirement.id for requirement in again.requirements] == [r.id for r in plan.requirements]
    if name == AUDIOCAP:
        # Task blocks become top tasks ``N. Name``, their checks the sub-tasks under them.
        assert [task.text for task in again.phases[0].tasks] == [
            f"{n}. {phase.name}" for n, phase in enumerate(plan.phases, 1)
        ]
        assert _facts(again)[1:7] == _facts(plan)[:6]
    else:
        assert _facts(again) == _facts(plan)


@pytest.mark.parametrize("name", CHECKLISTS)
def test_kiro_to_smartspec_keeps_or_reports_everything(name: str) -> None:
    plan = read_kiro(_source(name))
    result = plancore._convert.convert_plan(plan, "smartspec", source="kiro")
    lost = {loss.path.split("[")[0].split(".")[0] for loss in result.losses}
    # SmartSpec has no requirements: they are carried in its body as one Requirements section, written as
    # spec.md writes them (an EARS criterion as **When** …, **Then** …), not in its appendix.
    assert "requirements" not in lost
    body = result.text.split("## Appendix: Carried Over")[0]
    assert "\n## Requirements\n" in body
    words = set(re.findall(r"\w+", body.casefold()))
    for requirement in plan.requirements:
        for criterion in requirement.criteria:
            # Every word of it, but its keywords: EARS's WHERE / WHILE are Spec Kit's **Given**.
            keywords = {"when", "while", "where", "if", "then", "and"}
            assert set(re.findall(r"\w+", criterion.text.casefold())) - keywords <= words
            if criterion.text.startswith("WHEN ") and " AND " not in criterion.text:
                when, then = criterion.text[len("WHEN ") :].split(" THEN ", 1)
                assert f"**When** {when}, **Then** {then}" in body
    back = plancore.parse(result.text, "smartspec")
    # A task's details are lines of its text there (SmartSpec's tasks carry no body); a numbered top task is
    # its phase's name (``### Phase 2: Title`` over its sub-tasks).
    texts = [task.text.split("\n")[0] for task in _all_tasks(back)]
    texts += [f"{number}. {phase.name}" for number, phase in enumerate(back.phases, 1)]
    for task in _all_tasks(plan):
        assert task.text in texts or task.text in result.text


def test_a_single_file_plan_becomes_a_kiro_folder(tmp_path: Path) -> None:
    phases = (
        Phase(name="Setup", goal="Ready to build", tasks=(Task(text="T001 [P] Add the model", done=True),)),
        Phase(name="Login", tasks=(Task(text="T002 [US1] Add the form", subtasks=(Subtask(text="Style it"),)),)),
    )
    plan = Plan(summary="Log in.", phases=phases, rollback="Revert the migration.")
    result = write_kiro(plan, tmp_path / "login")
    assert result.written[:3] == ("requirements.md", "design.md", "tasks.md")
    assert result.ids == (("1", "Setup"), ("2", "Login"))
    # A rollback has no Kiro field: a section of its own, headed as the format holding most of the plan writes it
    # (a plan built in Python has no author's heading), not the appendix.
    assert result.losses == ()
    assert "## Rollback Plan\n\nRevert the migration.\n" in (tmp_path / "login" / "design.md").read_text()
    tasks = (tmp_path / "login" / "tasks.md").read_text()
    # The goal is a paragraph of its own: right under the task's line, it would read as more of its title.
    assert "- [x] 1. Setup\n\n  Ready to build\n\n  - [x] T001 [P] Add the model\n" in tasks
    assert "- [ ] 2. Login\n  - [ ] T002 [US1] Add the form\n    - [ ] Style it\n" in tasks
    back = read_kiro(tmp_path / "login")
    assert back.summary == "Log in."
    assert [(task.id, task.status) for task in _all_tasks(back)] == [
        ("1", "done"),
        ("T001", "done"),
        ("2", "todo"),
        ("T002", "todo"),
    ]


def test_own_shapes_in_progress_depends_and_no_title(tmp_path: Path) -> None:
    folder = tmp_path / ".kiro" / "specs" / "own"
    folder.mkdir(parents=True)
    tasks = (
        "- [~] 1. Build the API\n"
        "  - [-] 1.1 Drop the cache\n"
        "    - _Depends: 1.2_\n"
        "  - [ ]* 1.2 Write a property test\n"
        "    - **Validates: Requirements 1.3**\n"
    )
    requirements = (
        "# Requirements Document: Own\n\n## Introduction\n\nA test.\n\n## Requirements\n\n"
        "### Requirement 7: Search\n\n**User Story:** As a user, I want search, so that I find things\n\n"
        "#### Acceptance Criteria\n\n- WHEN I type THEN the system SHALL list matches\n"
    )
    (folder / "tasks.md").write_text(tasks)
    (folder / "requirements.md").write_text(requirements)
    plan = read_kiro(folder)
    assert plan.metadata.title == "Own"
    assert plan.requirements == (
        Requirement(
            id="7",
            title="Search",
            user_story="As a user, I want search, so that I find things",
            criteria=(Criterion(text="WHEN I type THEN the system SHALL list matches"),),
        ),
    )
    (top,) = plan.phases[0].tasks
    assert top.status == "in_progress"
    assert [(sub.id, sub.status, sub.optional) for sub in top.subtasks] == [
        # Kiro's "Start task" marks the task it runs ``[-]``: begun, not dropped.
        ("1.1", "in_progress", False),
        ("1.2", "todo", True),
    ]
    assert top.subtasks[0].depends_on == ("1.2",) and top.subtasks[1].requirements == ("1.3",)
    assert write_kiro(plan, folder).written == ()
    assert (folder / "tasks.md").read_text() == tasks


def test_bad_files_are_plancore_errors(tmp_path: Path) -> None:
    folder = tmp_path / "bad"
    folder.mkdir()
    (folder / "requirements.md").write_bytes(b"# Requirements Document\n\n\xff\xfe\n")
    with pytest.raises(plancore.ParseError, match=r"requirements\.md"):
        read_kiro(folder)
    (folder / "requirements.md").write_text("  \n")
    with pytest.raises(plancore.ParseError, match="empty file"):
        read_kiro(folder)
    with pytest.raises(plancore.ParseError, match="no Kiro spec folder"):
        read_kiro(tmp_path / "missing")
    with pytest.raises(plancore.FormatNotFoundError, match="folder formats: "):
        plancore.write_folder(Plan(), folder, "smartspec")


def test_folder_registry_detects_each_corpus_folder_as_its_own_format() -> None:
    # OpenSpec and Kiro first: an OpenSpec change or a Kiro spec also holds a tasks.md, which alone
    # would make it a Spec Kit feature folder.
    assert list(FOLDERS) == ["openspec", "kiro", "speckit-github"]
    assert FOLDERS["kiro"].files == ("requirements.md", "design.md", "tasks.md")
    found = {
        name: [folder for folder in sorted((SHARED / "corpus" / corpus).iterdir()) if folder.is_dir()]
        for name, corpus in (("kiro", "kiro"), ("openspec", "openspec"), ("speckit-github", "speckit-feature"))
    }
    if not all(found.values()):
        pytest.skip("../shared/corpus/ (kiro, openspec, speckit-feature) not present")
    found["openspec"] = [folder for folder in found["openspec"] if folder.name not in ("templates", "_project")]
    for name, folders in found.items():
        for folder in folders:
            assert detect_folder(folder) == name, folder.name


@given(kiro_task_plans())
def test_kiro_task_lists_round_trip(plan: Plan) -> None:
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary) / "spec"
        write_kiro(plan, folder)
        back = read_kiro(folder)
        assert back.phases == plan.phases
        assert write_kiro(back, folder).written == ()


# Kiro's marks by hand: ``[-]`` is the task Kiro runs; a dropped task has no mark there (``[ ]``, reported).
_MARKS = {"todo": "[ ]", "done": "[x]", "in_progress": "[-]", "skipped": "[ ]"}


def _line(task: Task | Subtask, indent: str, *, said: bool = False) -> str:
    # A line in a body (a sub-task's own sub-task) says in words what its mark cannot.
    text = f"{task.text} (skipped)" if said and task.status == "skipped" else task.text
    return f"{indent}- {_MARKS[task.status]}{'*' if task.optional else ''} {text}"


def _kiro_status(task: Task | Subtask) -> str:
    return "todo" if task.status == "skipped" else task.status


@given(task_plans())
def test_phases_become_top_tasks_keeping_every_task(plan: Plan) -> None:
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary) / "spec"
        result = write_kiro(plan, folder)
        lines = (folder / "tasks.md").read_text().split("\n")
        back = read_kiro(folder)
    tops = back.phases[0].tasks
    assert [top.text for top in tops] == [f"{n}. {phase.name}" for n, phase in enumerate(plan.phases, 1)]
    # Phases that are Kiro's own top tasks again (each a lone top task) are given no new ID.
    given = () if top_tasks(plan.phases) != plan.phases else plan.phases
    assert result.ids == tuple((str(n), phase.name) for n, phase in enumerate(given, 1))
    for number, (phase, top) in enumerate(zip(plan.phases, tops, strict=True), 1):
        if lone_top_task(phase, str(number)) is not None:
            # A phase of one task under its own name is that task alone (test_task_phases.py), not over itself.
            assert (top.subtasks, top.status) == ((), _kiro_status(phase.tasks[0]) if not phase.done else "done")
            continue
        # Each task is a sub-task with its text, mark and body; its own sub-tasks are lines under it.
        assert [(sub.text, sub.status, sub.optional) for sub in top.subtasks] == [
            (task.text, _kiro_status(task), task.optional) for task in phase.tasks
        ]
        for task in phase.tasks:
            assert _line(task, "  ") in lines
            assert all(_line(sub, "    ", said=True) in lines for sub in task.subtasks)
    # Each skipped task (a sub-task of its phase's top task in Kiro's shape) is reported, none unseen.
    skipped = sum(task.skipped for phase in plan.phases for task in phase.tasks)
    assert sum(loss.path.endswith(".skipped") for loss in result.losses) == skipped


@given(kiro_requirements)
def test_kiro_requirements_round_trip(requirements: tuple[Requirement, ...]) -> None:
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary) / "spec"
        write_kiro(Plan(requirements=requirements), folder)
        assert read_kiro(folder).requirements == requirements


@attrs.frozen
class _Ran:
    returncode: int
    stdout: str
    stderr: str


def _run(*args: str, cwd: Path) -> _Ran:
    """``plancore ARGS`` run in this process (a process per command costs most of these tests' time)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(cwd)
        out, err = io.StringIO(), io.StringIO()
        patch.setattr(sys, "stdout", out)
        patch.setattr(sys, "stderr", err)
        code = main(list(args))
    return _Ran(code, out.getvalue(), err.getvalue())


def test_cli_converts_kiro_folders(tmp_path: Path) -> None:
    _copy(OCTOMATIZ, tmp_path)
    spec = f".kiro/specs/{OCTOMATIZ}/"
    assert _run("detect", spec, cwd=tmp_path).stdout == f".kiro/specs/{OCTOMATIZ}: kiro (folder)\n"
    done = _run("convert", spec, "--to", "speckit-github", "-o", "specs/005-login/", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    written = sorted(path.name for path in (tmp_path / "specs" / "005-login").iterdir())
    # design.md's Data Models holds only its sub-sections (Device ID Generation, Project Status Flow): data-model.md.
    # The task IDs Spec Kit's tasks.md gives them (T001 for Kiro's 1.) are listed in the folder's ID map.
    assert written == [".plancore-task-ids.json", "data-model.md", "plan.md", "spec.md", "tasks.md"]
    data_model = (tmp_path / "specs" / "005-login" / "data-model.md").read_text(encoding="utf-8")
    assert data_model.startswith("# Data Model: Cloudflare D1 Migration\n\n## Device ID Generation\n\n```typescript")
    assert "\n## Project Status Flow\n" in data_model
    back = _run("convert", "specs/005-login/", "--to", "kiro", "-o", "back/", cwd=tmp_path)
    assert back.returncode == 0, back.stderr
    assert _facts(read_kiro(tmp_path / "back")) == _facts(read_kiro(tmp_path / spec))
    single = _run("convert", spec, "--to", "smartspec", "-o", "plan.md", cwd=tmp_path)
    assert single.returncode == 0 and (tmp_path / "plan.md").read_text().startswith("# Implementation Plan: ")
    folder = _run("convert", "plan.md", "--to", "kiro", "-o", ".kiro/specs/x/", cwd=tmp_path)
    assert folder.returncode == 0, folder.stderr
    assert detect_folder(tmp_path / ".kiro" / "specs" / "x") == "kiro"
    refused = _run("convert", "plan.md", "--to", "kiro", cwd=tmp_path)
    assert (
        refused.returncode == 2
        and "kiro is a folder format: give the folder to write with -o FOLDER/" in refused.stderr
    )
    listed = _run("formats", cwd=tmp_path).stdout.splitlines()
    assert listed[-1].split()[:2] == ["kiro", "folder:"]


def test_cli_converts_a_tree_folder_by_folder(tmp_path: Path) -> None:
    _copy(OCTOMATIZ, tmp_path / "in")
    (tmp_path / "in" / "notes.md").write_text("# Implementation Plan: Notes\n\n## Executive Summary\n\nNotes.\n")
    done = _run("convert", "in/", "--to", "smartspec", "-o", "out/", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    converted = tmp_path / "out" / ".kiro" / "specs" / OCTOMATIZ / "plan.md"
    text = converted.read_text()
    # Each numbered top task is a phase, its sub-tasks the phase's tasks, as a person converting by hand writes them.
    phase = plancore.parse(text, "smartspec").phases[1]
    assert phase.name == "Implement D1 client and data access layer"
    assert phase.tasks[0].text.split("\n")[0] == "2.1 Create D1 client wrapper"
    to_kiro = _run("convert", "in/", "--to", "kiro", "-o", "back/", cwd=tmp_path)
    # The Kiro folder converts; a loose plan file cannot become a folder inside a tree.
    assert to_kiro.returncode == 1
    assert "notes.md: kiro is a folder format" in to_kiro.stderr
    assert is_kiro_folder(tmp_path / "back" / ".kiro" / "specs" / OCTOMATIZ)


def test_a_phase_s_other_parts_are_its_top_task_s_body(tmp_path: Path) -> None:
    phase = Phase(
        name="Build",
        estimate="2 days",
        priority="High",
        deliverables=(Task(text="API docs"), Task(text="Changelog", done=True)),
        checkpoint="The API answers",
        tasks=(Task(text="Add the route", subtasks=(Subtask(text="Validate input", done=True),)),),
    )
    plan = Plan(metadata=plancore.Metadata(title="Search", author="Ann"), phases=(phase,))
    result = write_kiro(plan, tmp_path / "search")
    # The header's other fields are reported once (design.md's appendix), not once a file.
    assert [loss.path for loss in result.losses] == ["metadata.author"]
    assert (tmp_path / "search" / "tasks.md").read_text() == (
        "# Implementation Plan: Search\n\n"
        "- [ ] 1. Build\n\n"
        "  **Priority**: High  \n"
        "  **Estimate**: 2 days\n\n"
        "  - **Deliverable**: API docs\n"
        "  - **Deliverable**: Changelog (done)\n\n"
        "  - [ ] Add the route\n"
        "    - [x] Validate input\n\n"
        "  **Checkpoint**: The API answers\n"
    )


def test_cli_never_rewrites_a_folder_it_did_not_write_without_force(tmp_path: Path) -> None:
    """A user's Kiro folder converted to Spec Kit and back onto itself: without --force the original
    files are refused, byte for byte untouched (what Spec Kit had no place for would be replaced)."""
    spec = _copy(AUDIOCAP, tmp_path)
    before = _files(spec)
    there = _run("convert", str(spec), "--to", "speckit-github", "-o", "specs/005-x/", cwd=tmp_path)
    assert there.returncode == 0, there.stderr
    back = _run("convert", "specs/005-x/", "--to", "kiro", "-o", str(spec) + "/", cwd=tmp_path)
    assert back.returncode == 1
    assert "already exists (use --force to overwrite)" in back.stderr
    assert _files(spec) == before
    forced = _run("convert", "specs/005-x/", "--to", "kiro", "-o", str(spec) + "/", "--force", cwd=tmp_path)
    assert forced.returncode == 0, forced.stderr
    assert _files(spec) != before


def test_a_phase_done_in_every_task_is_a_ticked_top_task(tmp_path: Path) -> None:
    """As in the corpus's octomatiz tasks.md (every parent whose sub-tasks are all [x] is [x]): a phase
    of another format whose tasks are all done becomes a ticked top task; one open task leaves it open."""
    done = Phase(
        name="Shared types", tasks=(Task(text="1.1 Add the type", done=True), Task(text="1.2 Use it", done=True))
    )
    open_ = Phase(name="API", tasks=(Task(text="2.1 Route", done=True), Task(text="2.2 Tests")))
    write_kiro(Plan(phases=(done, open_)), tmp_path / "spec")
    lines = (tmp_path / "spec" / "tasks.md").read_text(encoding="utf-8").splitlines()
    assert "- [x] 1. Shared types" in lines
    assert "- [ ] 2. API" in lines
    assert "  - [x] 1.1 Add the type" in lines and "  - [ ] 2.2 Tests" in lines


def test_cli_detect_names_each_spec_folder_under_a_folder(tmp_path: Path) -> None:
    """``plancore detect .kiro/specs`` names each spec as one plan, as ``convert`` takes it (it used to
    call each of their files "not a plan")."""
    _copy(OCTOMATIZ, tmp_path)
    _copy(AUDIOCAP, tmp_path)
    ran = _run("detect", ".kiro/specs", cwd=tmp_path)
    assert ran.returncode == 0, ran.stderr
    assert sorted(ran.stdout.splitlines()) == [
        f".kiro/specs/{AUDIOCAP}: kiro (folder)",
        f".kiro/specs/{OCTOMATIZ}: kiro (folder)",
    ]


def test_a_kiro_research_md_reaches_a_new_spec_kit_folder_as_it_is(tmp_path: Path) -> None:
    # Kiro's research.md (discovery notes, no Spec Kit decisions) was dropped, unreported, because
    # research.md is a file the feature folder writes from decisions; a plan without decisions writes none.
    kiro = tmp_path / "login"
    kiro.mkdir()
    (kiro / "requirements.md").write_text(
        "# Requirements Document\n\n## Introduction\n\nSign in.\n\n## Requirements\n\n"
        "### Requirement 1: Sign in\n\n**User Story:** As a user, I want to sign in, so that I see my data\n\n"
        "#### Acceptance Criteria\n\n1. WHEN the form is sent THEN the system SHALL check the password\n",
        encoding="utf-8",
    )
    notes = "# Research Log\n\n## Summary\n\n- Sessions last a day.\n"
    (kiro / "research.md").write_text(notes, encoding="utf-8")
    out = tmp_path / "specs" / "001-login"
    written = plancore.write_folder(plancore.read_folder(kiro), out, "speckit-github")
    assert "research.md" in written.written
    assert (out / "research.md").read_text(encoding="utf-8") == notes


# --- Kiro's marks (issue 14): ``[-]`` is the task Kiro runs, not a dropped one. ---

RUNNING = (
    "# Implementation Plan\n\n"
    "- [-] 1. Build the form\n"
    "  - [x] 1.1 Add the fields\n"
    "  - [-] 1.2 Wire the submit button\n"
    "  - [ ]* 1.3 Write a property test\n\n"
    "- [ ] 2. Send the mail\n"
)


def test_kiro_reads_its_dash_mark_as_the_task_it_runs_and_writes_it_back(tmp_path: Path) -> None:
    folder = tmp_path / ".kiro" / "specs" / "form"
    folder.mkdir(parents=True)
    (folder / "tasks.md").write_text(RUNNING)
    plan = read_kiro(folder)
    first, second = plan.phases[0].tasks
    assert (first.status, second.status) == ("in_progress", "todo")
    assert [(sub.id, sub.status, sub.optional) for sub in first.subtasks] == [
        ("1.1", "done", False),
        ("1.2", "in_progress", False),
        ("1.3", "todo", True),
    ]
    assert write_kiro(plan, folder).written == ()
    # Kiro runs task 2: its line alone changes, to Kiro's mark for it.
    running = attrs.evolve(second, in_progress=True)
    edited = attrs.evolve(plan, phases=(Phase(tasks=(first, running)),))
    write_kiro(edited, folder)
    assert (folder / "tasks.md").read_text() == RUNNING.replace("- [ ] 2. Send", "- [-] 2. Send")


def test_a_task_begun_is_written_dash_and_a_dropped_one_is_reported_not_written_dash(tmp_path: Path) -> None:
    dropped = Subtask(text="1.2 Drop the cache", skipped=True, body="- [ ] 1.2.1 Remove the key")
    plan = Plan(
        phases=(
            Phase(
                tasks=(
                    Task(
                        text="1. Build the form", in_progress=True, subtasks=(Subtask(text="1.1 Add fields"), dropped)
                    ),
                    Task(text="2. Old importer", skipped=True),
                )
            ),
        )
    )
    result = write_kiro(plan, tmp_path / "spec")
    text = (tmp_path / "spec" / "tasks.md").read_text()
    checklist = text.split("## Appendix")[0]
    assert checklist == (
        "# Implementation Plan\n\n- [-] 1. Build the form\n  - [ ] 1.1 Add fields\n  - [ ] 1.2 Drop the cache\n"
        "    - [ ] 1.2.1 Remove the key\n\n- [ ] 2. Old importer\n\n"
    )
    # Kiro has no mark for a dropped task: each is reported and said in words, none written ``[-]``.
    assert {loss.path for loss in result.losses} == {
        "phases[0].tasks[0].subtasks[1].skipped",
        "phases[0].tasks[1].skipped",
    }
    assert "- **1.2 Drop the cache**: skipped\n- **2. Old importer**: skipped" in text
    back = read_kiro(tmp_path / "spec").phases[0].tasks
    assert [task.status for task in back] == ["in_progress", "todo"]


def test_a_sub_task_s_own_dropped_sub_task_says_so_in_its_line(tmp_path: Path) -> None:
    # A phase's task with sub-tasks: in Kiro its sub-tasks are lines in a sub-task's body, their state in words.
    inner = (Subtask(text="Remove the key", skipped=True), Subtask(text="Flush it", in_progress=True))
    plan = Plan(phases=(Phase(name="Cache", tasks=(Task(text="Drop the cache", subtasks=inner),)),))
    write_kiro(plan, tmp_path / "spec")
    lines = (tmp_path / "spec" / "tasks.md").read_text().split("\n")
    assert lines[2:6] == [
        "- [ ] 1. Cache",
        "  - [ ] Drop the cache",
        "    - [ ] Remove the key (skipped)",
        "    - [-] Flush it",
    ]


# --- A phase's own number (``Phase 0``, issue 12): written where Kiro would, or reported. ---

_NUMBERED = Plan(
    phases=(
        Phase(name="Research", number="0", tasks=(Task(text="Read the logs"),)),
        Phase(name="Build", tasks=(Task(text="Write the worker"),)),
    )
)


def test_kiro_reports_a_phase_number_it_cannot_write(tmp_path: Path) -> None:
    # Kiro numbers its top tasks 1, 2, 3 and no corpus tasks.md names a phase in a title: Phase 0 is top
    # task 1, and its own number is reported (OpenSpec's task groups, numbered from 1, report it the same way).
    written = plancore.write_folder(
        plancore.parse(plancore.emit(_NUMBERED, "smartspec"), "smartspec"), tmp_path, "kiro"
    )
    tasks = (written.path / "tasks.md").read_text(encoding="utf-8")
    assert "- [ ] 1. Research\n" in tasks and "- [ ] 2. Build\n" in tasks
    lost = {loss.path: loss.value for loss in written.losses if loss.path.startswith("phases")}
    assert lost == {"phases[0].number": "0"}


def test_kiro_reports_no_phase_number_it_writes(tmp_path: Path) -> None:
    # A phase numbered as its top task is (``Phase 2`` second) keeps its number in the task's ID.
    plan = Plan(
        phases=(Phase(name="Research", tasks=(Task(text="Read"),)), attrs.evolve(_NUMBERED.phases[1], number="2"))
    )
    written = plancore.write_folder(plan, tmp_path, "kiro")
    assert "- [ ] 2. Build\n" in (written.path / "tasks.md").read_text(encoding="utf-8")
    assert not [loss for loss in written.losses if loss.path.startswith("phases")]


def test_a_task_s_nested_list_stays_nested_under_its_kiro_sub_task(tmp_path: Path) -> None:
    # The checklist was written with a task's further lines at the list's left edge: its nested bullets
    # left the task and became top-level items of tasks.md.
    text = (
        "# Implementation Plan: Mini\n\n<!-- FEATURE_ID: 001 -->\n\n## Implementation Phases\n\n"
        "### Phase 1: Infrastructure [Priority: HIGH]\n\n#### Tasks\n1. [x] Install the package\n"
        "2. [ ] Create utility functions (`utils.ts`)\n   - `sma(data)` - moving average\n"
    )
    plancore.write_folder(plancore.parse(text, "specpulse"), tmp_path, "kiro")
    # The appendix still repeats the continuation, reported lost (Kiro reads it as the task's body).
    tasks = (tmp_path / "tasks.md").read_text(encoding="utf-8").split("## Appendix")[0]
    assert "  - [ ] Create utility functions (`utils.ts`)\n    - `sma(data)` - moving average\n" in tasks
    assert "\n- `sma(data)`" not in tasks
    task = plancore.read_folder(tmp_path, "kiro").phases[0].tasks[0].subtasks[1]
    assert (task.text, task.body) == ("Create utility functions (`utils.ts`)", "- `sma(data)` - moving average")


def test_a_section_after_the_tasks_stays_in_tasks_md_written_afresh(tmp_path: Path) -> None:
    # A tasks file's Overview after Kiro's checklist (a Spec Kit tasks.md's, carried): read, it follows the
    # phases; written with no source to tell the file it came from, it is not taken for design.md's Overview.
    folder = tmp_path / ".kiro" / "specs" / "login"
    folder.mkdir(parents=True)
    (folder / "requirements.md").write_text(
        "# Requirements Document\n\n## Introduction\n\nUsers log in.\n", encoding="utf-8"
    )
    (folder / "tasks.md").write_text(
        "# Implementation Plan\n\n- [ ] 1. Add the form\n\n## Overview\n\nThe tasks by user story.\n", encoding="utf-8"
    )
    plan = read_kiro(folder)
    assert [(s.heading, s.after) for s in plan.extra_sections] == [("Overview", "phases")]
    afresh = tmp_path / "afresh"
    write_kiro(attrs.evolve(plan, source=None), afresh)
    assert "The tasks by user story." in (afresh / "tasks.md").read_text(encoding="utf-8")
    assert "The tasks by user story." not in (afresh / "design.md").read_text(encoding="utf-8")
    assert read_kiro(afresh).extra_sections == plan.extra_sections


def test_a_task_body_opening_with_a_paragraph_is_set_apart_from_its_line(tmp_path: Path) -> None:
    # Right under `- [ ] 1. Deploy`, an indented paragraph is more of the item's first paragraph:
    # "Deploy Release behind the flag". Detail bullets stay right under it, as Kiro writes them.
    tasks = (
        Task(text="1. Deploy", body="Release behind the flag"),
        Task(text="2. Verify", body="- Watch the error rate\n- _Requirements: 1.1_"),
    )
    write_kiro(Plan(phases=(Phase(tasks=tasks),)), tmp_path / "release")
    text = (tmp_path / "release" / "tasks.md").read_text()
    assert "- [ ] 1. Deploy\n\n  Release behind the flag\n" in text
    assert "- [ ] 2. Verify\n  - Watch the error rate\n  - _Requirements: 1.1_\n" in text
    assert read_kiro(tmp_path / "release").phases[0].tasks == tasks


SPEC_KIT_TASKS = """# Tasks: Invoice export

## Phase 1: Setup

**Purpose**: Config for the export

- [x] T001 [P] Add the PDF library
- [ ] T002 Add export settings

**Checkpoint**: the app starts with export settings

---

## Phase 2: Export one invoice

- [ ] T003 Write the renderer

**Checkpoint**: a PDF opens
"""


def test_spec_kit_phases_are_top_tasks_numbered_by_place_with_their_checkpoints_after_them(tmp_path: Path) -> None:
    # A phase is a top task numbered by place, its tasks keep Spec Kit's IDs (they bring the tasks home to
    # Spec Kit: tests/test_links.py); a checkpoint checks the tasks above it.
    source = tmp_path / "tasks.md"
    source.write_text(SPEC_KIT_TASKS, encoding="utf-8")
    assert (
        main(["convert", str(source), "-f", "speckit-tasks", "-t", "kiro", "-o", str(tmp_path / "k") + "/", "-q"]) == 0
    )
    assert (tmp_path / "k" / "tasks.md").read_text(encoding="utf-8") == (
        "# Implementation Plan: Invoice export\n\n"
        "- [ ] 1. Setup\n\n"
        "  Config for the export\n\n"
        "  - [x] T001 [P] Add the PDF library\n"
        "  - [ ] T002 Add export settings\n\n"
        "  **Checkpoint**: the app starts with export settings\n\n"
        "- [ ] 2. Export one invoice\n"
        "  - [ ] T003 Write the renderer\n\n"
        "  **Checkpoint**: a PDF opens\n"
    )
    assert json.loads((tmp_path / "k" / ".plancore-task-ids.json").read_text(encoding="utf-8")) == {
        "1": "Setup",
        "2": "Export one invoice",
    }
    tops = read_kiro(tmp_path / "k").phases[0].tasks
    assert [(t.body, [s.id for s in t.subtasks]) for t in tops] == [
        ("Config for the export\n\n**Checkpoint**: the app starts with export settings", ["T001", "T002"]),
        ("**Checkpoint**: a PDF opens", ["T003"]),
    ]


SMARTSPEC_API = """# Implementation Plan: Export

## Executive Summary

Users export an invoice as PDF.

## Architecture Overview

### Data Flow

```
invoice -> renderer -> PDF
```

## API Design

### Endpoints

| Method | Path | Description | Auth |
|--------|------|-------------|------|
| GET | /invoices/{id}.pdf | The invoice as PDF | Session |

## Database Schema

### New Tables

```sql
CREATE TABLE exports (id BIGINT PRIMARY KEY);
```
"""


def test_a_file_plan_without_requirements_gets_no_sample_requirement_and_keeps_its_api_apart(tmp_path: Path) -> None:
    source = tmp_path / "plan.md"
    source.write_text(SMARTSPEC_API, encoding="utf-8")
    assert main(["convert", str(source), "-f", "smartspec", "-t", "kiro", "-o", str(tmp_path / "k") + "/", "-q"]) == 0
    assert (tmp_path / "k" / "requirements.md").read_text(encoding="utf-8") == (
        "# Requirements Document: Export\n\n## Introduction\n\nUsers export an invoice as PDF.\n"
    )
    design = (tmp_path / "k" / "design.md").read_text(encoding="utf-8")
    # The API and the data flow under their own headings, not as bullets of the Data Models; the schema there.
    models = design.split("## Data Models\n")[1].split("\n## ")[0]
    assert "CREATE TABLE exports" in models
    assert "/invoices/{id}.pdf" not in models and "invoice -> renderer" not in models
    assert "## API Design\n\n### Endpoints\n\n| Method |" in design
    assert "## Data Flow\n\n```\ninvoice -> renderer -> PDF\n```\n" in design
    # The source has no requirements: the section is missing (PC003), no sample of it is left (PC001).
    found = {(Path(f.path).name, f.code) for f in plancore.check_folder(tmp_path / "k")}
    assert ("requirements.md", "PC003") in found and ("requirements.md", "PC001") not in found
