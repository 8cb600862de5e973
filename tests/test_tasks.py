"""Issue 13: tasks as data (ID, state, markers, references, body, sub-tasks) and the
``speckit-tasks`` format (Spec Kit's tasks.md)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import attrs
import pytest
from helpers import SHARED, examples, shown
from hypothesis import given, settings
from strategies import task_plans

import plancore
from plancore import Phase, Plan, Subtask, Task
from plancore._report import APPENDIX_HEADING

FEATURES = SHARED / "corpus" / "speckit-feature"
TASK_FILES = sorted(FEATURES.glob("*/tasks.md")) if FEATURES.is_dir() else []


def _corpus(name: str) -> str:
    path = FEATURES / name / "tasks.md"
    if not path.exists():
        pytest.skip(f"{shown(path)} is absent (the repository's shared test data, beside the checkout)")
    return path.read_bytes().decode("utf-8")


# --- The task model -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "body", "expected"),
    [
        (
            "T014 [US1] Implement [Service] in src/services/user.py (depends on T012, T013)",
            "",
            {"id": "T014", "parallel": False, "stories": ("US1",), "depends_on": ("T012", "T013")},
        ),
        (
            "T050 [P] [US1] [US4] Create static/index.html with the form (FR-003)",
            "",
            {"id": "T050", "parallel": True, "stories": ("US1", "US4"), "requirements": ("FR-003",)},
        ),
        ("1.1 Create the model", "- _Requirements: 2.1, 2.2_", {"id": "1.1", "requirements": ("2.1", "2.2")}),
        ("2. Set up the project", "_Depends: 1.2_", {"id": "2", "depends_on": ("1.2",)}),
        ("WP01 (P) Scaffold the package", "", {"id": "WP01", "parallel": True}),
        ("Write the parser (AC: 1, 3)", "", {"id": "", "requirements": ("AC 1", "AC 3")}),
        # A number without a dot is no ID: it is the description's first word.
        ("3 retries at most", "", {"id": "", "parallel": False, "stories": ()}),
        (
            "T003 Run `yarn generate` to regenerate `src/generated/types.ts` (never hand-edit) — depends on T002",
            "",
            {"id": "T003", "depends_on": ("T002",), "files": ("src/generated/types.ts",)},
        ),
        ("T004 [P] Create .gitignore and go.mod", "", {"files": (".gitignore", "go.mod")}),
        ("T009 Open http://localhost:8080/app and check", "", {"files": ()}),
    ],
)
def test_a_task_reads_its_facts_from_its_text(text: str, body: str, expected: dict[str, object]) -> None:
    task = Task(text=text, body=body)
    for name, value in expected.items():
        assert getattr(task, name) == value, name


def test_status_follows_the_marks() -> None:
    assert Task().status == "todo"
    assert Task(done=True).status == "done"
    assert Task(in_progress=True).status == "in_progress"
    assert Task(skipped=True).status == "skipped"
    assert Subtask(done=True).status == "done"


def test_tasks_with_sub_tasks_go_through_json() -> None:
    task = Task(
        text="1. Build it",
        in_progress=True,
        optional=True,
        body="Some notes",
        subtasks=(Subtask(text="1.1 Part", skipped=True, body="_Requirements: 1.1_"),),
    )
    plan = Plan(phases=(Phase(name="Build", tasks=(task,), checkpoint="It builds"),))
    document = json.loads(plancore.to_json(plan))
    assert document["schema_version"] == 2
    assert document["plan"]["phases"][0]["tasks"][0]["subtasks"] == [
        {"text": "1.1 Part", "skipped": True, "body": "_Requirements: 1.1_"}
    ]
    assert plancore.from_json(plancore.to_json(plan)) == plan
    schema = plancore.json_schema()
    assert schema["$defs"]["Task"]["properties"]["subtasks"]["items"] == {"$ref": "#/$defs/Subtask"}
    assert "checkpoint" in schema["$defs"]["Phase"]["properties"]


# --- speckit-tasks: the corpus ----------------------------------------------------------------


@pytest.mark.parametrize("path", TASK_FILES, ids=[path.parent.name for path in TASK_FILES])
def test_corpus_tasks_round_trip_byte_for_byte(path: Path) -> None:
    text = path.read_bytes().decode("utf-8")
    assert plancore.detect(text) == "speckit-tasks"
    plan = plancore.parse(text, "speckit-tasks")
    assert plancore.emit(plan, "speckit-tasks") == text
    # Written afresh (no kept source), the plan reads back the same.
    fresh = plancore.emit(attrs.evolve(plan, source=None), "speckit-tasks")
    assert plancore.parse(fresh, "speckit-tasks") == plan


def _ids(plan: Plan) -> list[str]:
    return [task.id for phase in plan.phases for task in (*phase.tasks, *(t for s in phase.steps for t in s.tasks))]


def test_corpus_tasks_are_read_as_written() -> None:
    text = _corpus("carrental-002-car-photo-storage")
    plan = plancore.parse(text, "speckit-tasks")
    assert plan.metadata.title == "Car Photo Storage"
    assert [phase.name for phase in plan.phases][:2] == [
        "Setup (Shared Infrastructure)",
        "Foundational (Blocking Prerequisites)",
    ]
    assert _ids(plan) == [f"T{n:03}" for n in range(1, 34)]
    tasks = [task for phase in plan.phases for task in phase.tasks]
    # 32 of 33 ticked: T032 alone is open (checked by hand against the file).
    assert [task.id for task in tasks if not task.done] == ["T032"]
    t014 = tasks[13]
    assert t014.stories == ("US1",)
    assert t014.depends_on == ("T013", "T012", "T010", "T008")
    assert t014.files == ("src/domain/car/carPhotoService.ts",)
    assert plan.phases[1].checkpoint.startswith("Schema/types/model updated;")
    assert plan.phases[2].goal.startswith("An administrator uploads a valid image;")
    headings = [section.heading for section in plan.extra_sections if section.level == 2]
    assert "Dependencies & Execution Order" in headings


def test_corpus_task_groups_are_steps() -> None:
    plan = plancore.parse(_corpus("todo2-001-todo-app"), "speckit-tasks")
    setup = plan.phases[0]
    assert setup.name == "Project Setup"
    assert [step.title for step in setup.steps] == ["Tasks"]
    assert [task.id for task in setup.steps[0].tasks] == [f"T00{n}" for n in range(1, 8)]
    assert _ids(plan)[:3] == ["T001", "T002", "T003"]
    assert len(set(_ids(plan))) == len(_ids(plan))


def test_ticking_a_task_changes_only_its_line() -> None:
    text = _corpus("carrental-002-car-photo-storage")
    plan = plancore.parse(text, "speckit-tasks")
    index = next(i for i, phase in enumerate(plan.phases) if any(t.id == "T032" for t in phase.tasks))
    phase = plan.phases[index]
    ticked = tuple(attrs.evolve(t, done=True) if t.id == "T032" else t for t in phase.tasks)
    edited = attrs.evolve(
        plan, phases=(*plan.phases[:index], attrs.evolve(phase, tasks=ticked), *plan.phases[index + 1 :])
    )
    out = plancore.emit(edited, "speckit-tasks")
    before, after = text.split("\n"), out.split("\n")
    assert len(before) == len(after)
    changed = [(old, new) for old, new in zip(before, after, strict=True) if old != new]
    assert len(changed) == 1
    old, new = changed[0]
    assert old.startswith("- [ ] T032 ") and new == "- [X] " + old[len("- [ ] ") :]


def test_retexting_a_task_in_a_group_changes_only_its_line() -> None:
    text = _corpus("todo2-001-todo-app")
    plan = plancore.parse(text, "speckit-tasks")
    phase = plan.phases[1]
    step = phase.steps[0]
    task = step.tasks[0]
    step = attrs.evolve(step, tasks=(attrs.evolve(task, text=task.text + " (reviewed)"), *step.tasks[1:]))
    phase = attrs.evolve(phase, steps=(step, *phase.steps[1:]))
    out = plancore.emit(attrs.evolve(plan, phases=(plan.phases[0], phase, *plan.phases[2:])), "speckit-tasks")
    changed = [(a, b) for a, b in zip(text.split("\n"), out.split("\n"), strict=True) if a != b]
    assert changed == [(f"- [ ] {task.text}", f"- [ ] {task.text} (reviewed)")]


# --- speckit-tasks: shapes of our own -------------------------------------------------------

OWN = """\
# Tasks: Export

**Input**: Design documents from `specs/004-export/`

## Phase 1: Setup ✅

**Purpose**: Lay the ground.

- [X] T001 Create the package in src/export/__init__.py
- [x] T002 [P] Add the CLI flag in src/cli.py
- T003 [P] Write the fixture in tests/fixtures/plan.md

**Checkpoint**: The package imports.

---

## Phase 2: Writer

**Goal**: Write CSV.

### Tests for the writer

- [ ] Write the round-trip test
- [~] T010 [US1] Test the header row in tests/test_csv.py
- [-] T011 [US1] Test Excel quirks

### Implementation

- [ ]* 2.1 Add the writer (depends on T010)
  - _Requirements: FR-002_
  - [x] 2.1.1 Header row
  - [ ] 2.1.2 Body rows
    Keep them streaming.
- [ ] T013 [P] [US1] Document it in docs/export.md

**Checkpoint**: CSV comes out.

---

## Notes

Kept as written.
"""


def test_own_shapes_read() -> None:
    plan = plancore.parse(OWN, "speckit-tasks")
    setup, writer = plan.phases
    assert (setup.name, setup.done, setup.goal, setup.checkpoint) == (
        "Setup",
        True,
        "Lay the ground.",
        "The package imports.",
    )
    # [X] and [x] are both done; a task without a check mark is read when an ID opens it.
    assert [(t.id, t.status, t.parallel) for t in setup.tasks] == [
        ("T001", "done", False),
        ("T002", "done", True),
        ("T003", "todo", True),
    ]
    assert (writer.done, writer.goal, writer.checkpoint) == (False, "Write CSV.", "CSV comes out.")
    tests, implementation = writer.steps
    assert tests.title == "Tests for the writer"
    # A task without an ID keeps none: nothing is numbered for it.
    assert [(t.id, t.status) for t in tests.tasks] == [("", "todo"), ("T010", "in_progress"), ("T011", "skipped")]
    nested = implementation.tasks[0]
    assert (nested.id, nested.optional, nested.depends_on, nested.requirements) == ("2.1", True, ("T010",), ("FR-002",))
    assert nested.body == "- _Requirements: FR-002_"
    assert [(s.id, s.status, s.body) for s in nested.subtasks] == [
        ("2.1.1", "done", ""),
        ("2.1.2", "todo", "Keep them streaming."),
    ]
    assert [s.heading for s in plan.extra_sections if s.level] == ["Notes"]


def test_own_shapes_round_trip_and_write_afresh() -> None:
    plan = plancore.parse(OWN, "speckit-tasks")
    assert plancore.emit(plan, "speckit-tasks") == OWN
    fresh = plancore.emit(attrs.evolve(plan, source=None), "speckit-tasks")
    assert plancore.parse(fresh, "speckit-tasks") == plan
    # Written afresh, each state has its mark and the sub-tasks their indentation.
    for line in ("- [~] T010 [US1] Test", "- [-] T011 [US1]", "- [ ]* 2.1 Add", "  - [X] 2.1.1 Header", "    Keep"):
        assert any(written.startswith(line) for written in fresh.split("\n")), line


def test_a_sub_task_tick_changes_only_its_line() -> None:
    plan = plancore.parse(OWN, "speckit-tasks")
    writer = plan.phases[1]
    step = writer.steps[1]
    task = step.tasks[0]
    task = attrs.evolve(task, subtasks=(task.subtasks[0], attrs.evolve(task.subtasks[1], done=True)))
    step = attrs.evolve(step, tasks=(task, *step.tasks[1:]))
    edited = attrs.evolve(plan, phases=(plan.phases[0], attrs.evolve(writer, steps=(writer.steps[0], step))))
    out = plancore.emit(edited, "speckit-tasks")
    assert out == OWN.replace("  - [ ] 2.1.2 Body rows", "  - [X] 2.1.2 Body rows")


def test_what_another_format_cannot_hold_is_reported() -> None:
    result = plancore.convert(OWN, "smartspec", source="speckit-tasks")
    lost = {loss.path for loss in result.losses}
    # SmartSpec has no task groups nor checkpoints: each group is a task of the phase, its title in bold
    # over its tasks, each with its mark as the tasks file writes it (the second task of the first group
    # is started, the third dropped; the first of the second group has sub-tasks, the second with a
    # body); a checkpoint is the phase's deliverable (since s13: SmartSpec's ``- Deliverables:`` item, as the
    # crosswalk makes a checkpoint one where the target has deliverables). Nothing of them is lost, only the
    # Input line.
    assert lost == {"metadata.input"}
    assert (
        "- [ ] **Tests for the writer**\n  - [ ] Write the round-trip test\n"
        "  - [~] T010 [US1] Test the header row in tests/test_csv.py\n  - [-] T011 [US1] Test Excel quirks\n"
    ) in result.text
    assert "    - [ ] 2.1.2 Body rows\n      Keep them streaming.\n" in result.text
    assert "**Objective**: Lay the ground.\n\n- Deliverables: The package imports.\n- [x] T001 " in result.text
    # What it holds comes back: task texts (IDs and markers in them) and done marks.
    back = plancore.parse(result.text, "smartspec")
    assert [(t.text, t.done) for t in back.phases[0].tasks] == [
        (t.text, t.done) for t in plancore.parse(OWN, "speckit-tasks").phases[0].tasks
    ]


def test_tasks_of_another_format_come_over_with_their_ids() -> None:
    smartspec = plancore.emit(
        Plan(
            metadata=plancore.Metadata(title="Export"),
            phases=(Phase(name="Build", tasks=(Task(text="T001 [P] Write it", done=True), Task(text="T002 Ship"))),),
        ),
        "smartspec",
    )
    result = plancore.convert(smartspec, "speckit-tasks", source="smartspec")
    assert "- [X] T001 [P] Write it\n- [ ] T002 Ship\n" in result.text
    tasks = plancore.parse(result.text, "speckit-tasks").phases[0].tasks
    assert [(t.id, t.status, t.parallel) for t in tasks] == [("T001", "done", True), ("T002", "todo", False)]


# --- Properties: any mix of marks, IDs, markers and nesting ----------------------------------

TASK_FIELDS = ("text", "done", "in_progress", "skipped", "optional", "body", "subtasks")
# The formats with a place for phases' tasks, and the task fields each holds there.
HOLDERS = {
    name: tuple(f for f in TASK_FIELDS if f"phases.tasks.{f}" in plancore.format_info(name).holds)
    for name in plancore.formats()
    if name != "speckit-tasks" and "phases.tasks.text" in plancore.format_info(name).holds
}


@settings(max_examples=examples(25), deadline=None)
@given(plan=task_plans())
def test_tasks_round_trip_in_speckit_tasks(plan: Plan) -> None:
    text = plancore.emit(plan, "speckit-tasks")
    back = plancore.parse(text, "speckit-tasks")
    assert attrs.evolve(back, source=None) == plan
    assert plancore.emit(back, "speckit-tasks") == text
    for task, read in zip(plan.phases[0].tasks, back.phases[0].tasks, strict=True):
        assert (read.id, read.status, read.parallel, read.stories, read.depends_on, read.files) == (
            task.id,
            task.status,
            task.parallel,
            task.stories,
            task.depends_on,
            task.files,
        )


def _tasks(plan: Plan) -> list[Task]:
    return [task for phase in plan.phases for task in phase.tasks]


@pytest.mark.parametrize("target", sorted(HOLDERS))
@settings(max_examples=examples(10), deadline=None)
@given(plan=task_plans())
def test_tasks_keep_what_both_formats_hold_and_report_the_rest(target: str, plan: Plan) -> None:
    # A task's body is lines of its text there (its item's nested lines), and comes back as its body.
    held = (*HOLDERS[target], "body")
    source = plancore.emit(plan, "speckit-tasks")
    there = plancore.convert(source, target, source="speckit-tasks")
    lost = {loss.path for loss in there.losses}
    for p, phase in enumerate(plan.phases):
        for t, task in enumerate(phase.tasks):
            for name in TASK_FIELDS:
                if name not in held and getattr(task, name) != getattr(Task(), name):
                    # What the target has no place for is reported, never dropped silently.
                    assert any(path.startswith(f"phases[{p}].tasks[{t}].{name}") for path in lost), name
    back = plancore.convert(there.text, "speckit-tasks", source=target)
    returned = _tasks(plancore.parse(back.text, "speckit-tasks"))
    original = _tasks(plan)
    assert len(returned) == len(original)
    for task, read in zip(original, returned, strict=True):
        for name in held:
            assert getattr(read, name) == getattr(task, name), name
        # The ID and markers live in the text: they come back wherever the text does.
        assert (read.id, read.parallel, read.stories) == (task.id, task.parallel, task.stories)


# --- Checks: task IDs, dependencies, requirement references -----------------------------------


def _findings(text: str, code: str) -> list[tuple[int, str]]:
    return [(f.line, f.message) for f in plancore.check(text, "speckit-tasks") if f.code == code]


def _line(text: str, start: str) -> int:
    return next(n for n, line in enumerate(text.split("\n"), 1) if line.startswith(start))


def test_pc006_duplicate_and_missing_task_ids() -> None:
    text = OWN.replace("- [ ] T013 [P]", "- [ ] T010 [P]")
    assert _findings(text, "PC006") == [
        (_line(text, "- [ ] Write the round-trip test"), "task has no ID: 'Write the round-trip test'"),
        (_line(text, "- [ ] T010 [P]"), f"task ID T010 is used twice (first on line {_line(text, '- [~] T010')})"),
    ]
    # A plan whose tasks carry no IDs at all is not asked for them.
    plain = "# Tasks: X\n\n## Phase 1: A\n\n- [ ] Write it\n- [ ] Ship it\n"
    assert _findings(plain, "PC006") == []


def test_pc007_dependency_on_an_unknown_task() -> None:
    text = OWN.replace("(depends on T010)", "(depends on T010, T099)")
    assert _findings(text, "PC007") == [
        (_line(text, "- [ ]* 2.1 Add the writer"), "task 2.1 depends on T099, which no task is"),
    ]
    assert _findings(OWN, "PC007") == []


def test_pc008_reference_to_an_undefined_requirement() -> None:
    requirements = "\n## Requirements\n\n- **FR-001**: Export MUST write CSV.\n- **FR-002**: Rows MUST stream.\n"
    text = OWN.replace("_Requirements: FR-002_", "_Requirements: FR-002, FR-009_") + requirements
    assert _findings(text, "PC008") == [
        (_line(text, "- [ ]* 2.1 Add the writer"), "task 2.1 refers to FR-009, which the plan does not define"),
    ]
    # Without requirements defined in the text, no reference can be said to be unknown.
    assert _findings(OWN.replace("FR-002", "FR-009"), "PC008") == []


@pytest.mark.parametrize("path", TASK_FILES, ids=[path.parent.name for path in TASK_FILES])
def test_corpus_tasks_pass_the_task_checks(path: Path) -> None:
    text = path.read_bytes().decode("utf-8")
    codes = {f.code for f in plancore.check(text, "speckit-tasks")}
    assert not codes & {"PC006", "PC007", "PC008"}


def _toggled(plan: Plan, task_id: str) -> Plan:
    """``plan`` with the done mark of task ``task_id`` flipped, wherever it stands."""

    def flip(tasks: tuple[Task, ...]) -> tuple[Task, ...]:
        return tuple(attrs.evolve(t, done=not t.done) if t.id == task_id else t for t in tasks)

    phases = tuple(
        attrs.evolve(p, tasks=flip(p.tasks), steps=tuple(attrs.evolve(s, tasks=flip(s.tasks)) for s in p.steps))
        for p in plan.phases
    )
    return attrs.evolve(plan, phases=phases)


@pytest.mark.parametrize("path", TASK_FILES, ids=[path.parent.name for path in TASK_FILES])
@pytest.mark.parametrize("task_id", ["T001", "T014", "T033"])
def test_toggling_a_corpus_task_changes_only_its_line(path: Path, task_id: str) -> None:
    text = path.read_bytes().decode("utf-8")
    plan = plancore.parse(text, "speckit-tasks")
    out = plancore.emit(_toggled(plan, task_id), "speckit-tasks")
    changed = [(a, b) for a, b in zip(text.split("\n"), out.split("\n"), strict=True) if a != b]
    assert len(changed) == 1
    old, new = changed[0]
    assert f" {task_id} " in old and old[6:] == new[6:]
    assert {old[:6], new[:6]} in ({"- [ ] ", "- [X] "}, {"- [ ] ", "- [x] "})
    assert plancore.parse(out, "speckit-tasks") == _toggled(plan, task_id)


def test_fenced_heading_lines_in_a_phase_stay_its_text() -> None:
    fenced = "Run it like this:\n\n```sh\n## not a phase\n- [ ] T999 not a task\n```"
    plan = Plan(phases=(Phase(name="Setup", description=fenced, tasks=(Task(text="T001 Do it"),)),))
    text = plancore.emit(plan, "speckit-tasks")
    back = plancore.parse(text, "speckit-tasks")
    assert attrs.evolve(back, source=None) == plan
    assert [task.id for task in back.phases[0].tasks] == ["T001"]


# --- A phase's goal and checkpoint in aadt and the rapid Spec Kit (issue 10) ------------------

CHECKED = """\
# Tasks: Exports

## Phase 1: Setup

**Purpose**: The export table and its job, which every story
needs first.

Nothing else starts before this phase is done.

- [ ] T001 Add the `exports` table
- [x] T002 Schedule the nightly job

**Checkpoint**: An empty export is listed for each account
within a minute.

---

## Phase 2: Delivery

- [ ] T003 Email the file
"""


def _phase_section(text: str, name: str) -> str:
    """The section of ``text``'s phase headed ``... name``, its sub-sections included, before the appendix."""
    body = text.split(f"## {APPENDIX_HEADING}")[0]
    start = body.index(f": {name}")
    heading = body.rfind("\n#", 0, start) + 1
    level = len(body[heading:].split(" ", 1)[0])
    after = re.search(rf"^#{{1,{level}}} ", body[start:], re.MULTILINE)
    return body[heading : start + after.start()] if after else body[heading:]


@pytest.mark.parametrize("target", ["aadt", "speckit"])
def test_a_phase_s_goal_and_checkpoint_land_under_it_and_come_back(target: str) -> None:
    result = plancore.convert(CHECKED, target, source="speckit-tasks")
    setup = _phase_section(result.text, "Setup")
    assert "An empty export is listed for each account\nwithin a minute." in setup
    assert "The export table and its job, which every story\nneeds first." in setup
    assert "Nothing else starts before this phase is done." in setup
    assert "Checkpoint" not in _phase_section(result.text, "Delivery")
    assert not [loss.path for loss in result.losses if loss.path.endswith((".goal", ".checkpoint", ".description"))]
    # Read back: the same goal, text and checkpoint, each in its field.
    source = plancore.parse(CHECKED, "speckit-tasks").phases[0]
    phase = plancore.parse(result.text, target).phases[0]
    assert (phase.goal, phase.description, phase.checkpoint) == (source.goal, source.description, source.checkpoint)
    back = plancore.convert(result.text, "speckit-tasks", source=target)
    assert "**Checkpoint**: An empty export is listed for each account\nwithin a minute.\n" in back.text


def test_aadt_writes_a_checkpoint_after_the_phase_s_steps() -> None:
    text = plancore.convert(CHECKED, "aadt", source="speckit-tasks").text
    setup = _phase_section(text, "Setup")
    assert setup.index("#### Step 1.1") < setup.index("**Checkpoint:** An empty export")
    assert setup.index("**Goal:** The export table") < setup.index("#### Step 1.1")


def test_a_checkpoint_carried_as_a_phase_s_text_is_a_checkpoint_again() -> None:
    # SmartSpec has no checkpoint: it is the phase's deliverable there (since s13; before, its Activities line),
    # the lone task numbered as a tasks file numbers activities its activities; Spec Kit reads a phase's one
    # deliverable as its checkpoint.
    tasks = "# Tasks: Exports\n\n## Phase 1: Setup\n\n- [ ] T001 Add the table\n\n**Checkpoint**: The table exists.\n"
    smartspec = plancore.convert(tasks, "smartspec", source="speckit-tasks").text
    assert "- Activities: Add the table\n- Deliverables: The table exists.\n" in smartspec
    result = plancore.convert(smartspec, "speckit", source="smartspec")
    (phase,) = plancore.parse(result.text, "speckit").phases
    assert (phase.checkpoint, phase.description) == ("The table exists.", "Add the table")
    assert plancore.convert(smartspec, "speckit-tasks", source="smartspec").text.endswith(
        "## Phase 1: Setup\n\n- [ ] T001 Add the table\n\n**Checkpoint**: The table exists.\n\n---\n"
    )
    assert not [loss.path for loss in result.losses if loss.path.endswith((".description", ".checkpoint"))]


@pytest.mark.parametrize("target", ["aadt", "speckit"])
def test_a_corpus_phase_s_checkpoint_lands_under_its_phase(target: str) -> None:
    text = _corpus("carrental-002-car-photo-storage")
    source = plancore.parse(text, "speckit-tasks")
    foundational = next(phase for phase in source.phases if phase.name.startswith("Foundational"))
    assert foundational.checkpoint and foundational.goal and foundational.description
    result = plancore.convert(text, target, source="speckit-tasks")
    section = _phase_section(result.text, foundational.name)
    for part in (foundational.checkpoint, foundational.goal, foundational.description):
        assert part in section
    assert "Checkpoint" not in result.text.partition(f"## {APPENDIX_HEADING}")[2]
    assert not [loss.path for loss in result.losses if loss.path.endswith((".goal", ".checkpoint"))]


CHECKED_TASKS = """# Tasks: Export

## Phase 1: Setup

**Purpose**: The project's skeleton, with its linter and test runner set up for the export work.

- [x] T001 Create the project skeleton with its source and test folders
- [x] T002 [P] Add the linter configuration and a first lint run in CI
- [ ] T003 Add the test runner

## Phase 2: Export

- [x] T004 Write the CSV exporter for a board's cards, one row per card
"""


def test_a_checked_tasks_file_s_marks_stay_on_its_steps_and_come_back() -> None:
    # The rapid Spec Kit plan numbers its steps; a done one is ticked off there (``1. [x] T001``), so
    # nothing is carried: its marks were once carried by ID in the appendix.
    conversion = plancore.convert(CHECKED_TASKS, "speckit", source="speckit-tasks")
    assert APPENDIX_HEADING not in conversion.text and not conversion.losses
    assert (
        "1. [x] T001 Create the project skeleton with its source and test folders\n"
        "2. [x] T002 [P] Add the linter configuration and a first lint run in CI\n"
        "3. [ ] T003 Add the test runner\n"
    ) in conversion.text
    # Back in a tasks file the marks are on their tasks.
    back = plancore.convert(conversion.text, "speckit-tasks", source="speckit")
    assert APPENDIX_HEADING not in back.text
    read = plancore.parse(back.text, "speckit-tasks")
    assert [[task.done for task in phase.tasks] for phase in read.phases] == [[True, True, False], [True]]


def test_a_corpus_tasks_file_s_marks_stay_on_its_steps() -> None:
    conversion = plancore.convert(_corpus("carrental-002-car-photo-storage"), "speckit", source="speckit-tasks")
    appendix = conversion.text.partition(f"## {APPENDIX_HEADING}")[2]
    # Was ~7 KB: every checked task's line again under its phase's heading; then its marks by ID.
    assert "**Done:**" not in appendix and "[X]" not in appendix and "1. [x] T001 " in conversion.text
    # Back in a tasks file every mark is on its task again, and nothing of the tasks file's part is left.
    source = plancore.parse(_corpus("carrental-002-car-photo-storage"), "speckit-tasks")
    back = plancore.convert(conversion.text, "speckit-tasks", source="speckit")
    read = plancore.parse(back.text, "speckit-tasks")
    assert [(task.id, task.done) for phase in read.phases for task in phase.tasks] == [
        (task.id, task.done) for phase in source.phases for task in phase.tasks
    ]
    assert "Check marks" not in back.text and "the speckit-tasks plan holds" not in back.text


RAPID_TICKED = (
    "# Implementation Plan: Export\n\n## Implementation Steps\n\n### Phase 1: Rows\n\n**Tasks:**\n\n"
    "1. [x] T001 Write the row type\n2. [ ] T002 Write the writer\n\n**Estimated time:** 1 day\n"
)


def test_a_spec_kit_rapid_step_ticked_off_is_a_done_task_without_its_mark() -> None:
    # Spec Kit rapid took ``[ ]`` for part of the step's text: a tasks file wrote ``- [ ] [ ] T002``.
    plan = plancore.parse(RAPID_TICKED, "speckit")
    assert [(t.text, t.done) for t in plan.phases[0].tasks] == [
        ("T001 Write the row type", True),
        ("T002 Write the writer", False),
    ]
    tasks = plancore.convert(RAPID_TICKED, "speckit-tasks", source="speckit").text
    assert "- [X] T001 Write the row type\n- [ ] T002 Write the writer\n" in tasks
    # Written afresh, the steps keep their marks (one is done), and read back as the same tasks.
    back = plancore.convert(tasks, "speckit", source="speckit-tasks").text
    assert "1. [x] T001 Write the row type\n2. [ ] T002 Write the writer\n" in back
    assert plancore.parse(back, "speckit").phases[0].tasks == plan.phases[0].tasks
    # The same plan, the same bytes; ticking the second step changes only its line.
    assert plancore.convert(RAPID_TICKED, "speckit", source="speckit").text == RAPID_TICKED
    phase = plan.phases[0]
    ticked = attrs.evolve(phase, tasks=tuple(attrs.evolve(t, done=True) for t in phase.tasks))
    out = plancore.emit(attrs.evolve(plan, phases=(ticked,)), "speckit")
    assert out == RAPID_TICKED.replace("2. [ ] T002", "2. [x] T002")


def test_spec_kit_rapid_steps_none_done_are_written_without_marks() -> None:
    # The template numbers its steps: no task done, no mark to keep.
    plan = plancore.parse(RAPID_TICKED.replace("[x]", "[ ]"), "speckit")
    assert not any(t.done for t in plan.phases[0].tasks)
    out = plancore.convert(plancore.emit(plan, "speckit-tasks"), "speckit", source="speckit-tasks").text
    assert "1. T001 Write the row type\n2. T002 Write the writer\n" in out
