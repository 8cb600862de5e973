"""Issue 13: a Spec Kit feature folder (plan.md, tasks.md, research.md, data-model.md, contracts/,
quickstart.md, spec.md) read as one plan (``read_feature``) and written back (``write_feature``)."""

from __future__ import annotations

import difflib
import json
import re
import tempfile
from pathlib import Path
from typing import TypeVar

import attrs
import pytest
from helpers import SHARED, copy_shared, examples
from hypothesis import given, settings
from strategies import research_decisions, task_plans
from test_cli import run_here

import plancore
from plancore import Decision, Option, Phase, Plan, Step, Subtask, Task

FEATURES = SHARED / "corpus" / "speckit-feature"
NAMES = ["carrental-002-car-photo-storage", "prompt-studio-001-prompt-studio", "todo2-001-todo-app"]
EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "smartspec-plan.md"


def _copy(name: str, tmp_path: Path) -> Path:
    return copy_shared(FEATURES / name, tmp_path / name)


def _files(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in folder.rglob("*") if path.is_file()}


def _changed_lines(before: bytes, after: bytes) -> list[str]:
    diff = difflib.unified_diff(before.decode().split("\n"), after.decode().split("\n"), lineterm="", n=0)
    return [line for line in diff if line[:1] in "+-" and not line.startswith(("+++", "---"))]


TaskT = TypeVar("TaskT", Task, Subtask)


def _all_tasks(plan: Plan) -> list[Task]:
    return [task for phase in plan.phases for task in (*phase.tasks, *(t for s in phase.steps for t in s.tasks))]


# --- The three real folders -------------------------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_a_real_folder_read_and_written_back_is_unchanged_byte_for_byte(name: str, tmp_path: Path) -> None:
    folder = _copy(name, tmp_path)
    before = _files(folder)
    plan = plancore.read_feature(folder)
    result = plancore.write_feature(plan, folder)
    assert result.written == () and result.ids == ()
    assert _files(folder) == before
    # What it read: the plan, its tasks (with their IDs as written), research.md's decisions, the rest carried.
    assert plan.metadata.title
    tasks = _all_tasks(plan)
    assert tasks and all(task.id.startswith("T") for task in tasks)
    assert plan.decisions and all(decision.choice for decision in plan.decisions)
    assert plan.data_model.overview
    assert {section.heading for section in plan.extra_sections} >= {"quickstart.md", "checklists/requirements.md"}


def test_todo2_reads_its_decisions_as_written(tmp_path: Path) -> None:
    plan = plancore.read_feature(_copy("todo2-001-todo-app", tmp_path))
    # research.md lines 14-29, read by hand.
    first = plan.decisions[0]
    assert first.title == "1. Performance Requirements"
    assert first.choice == "Target 100 req/s with <200ms p95 latency for MVP"
    assert first.rationale.startswith("- Simple todo app is typically single-user or small team usage\n")
    assert first.options == (
        Option(name="1000 req/s", notes="Over-engineered for MVP, would require caching layer"),
        Option(name="10 req/s", notes="Too conservative, wouldn't validate production readiness"),
    )
    assert first.context.startswith("**Implementation Impact**:\n- No caching layer needed for MVP")
    # The contract files are the API's examples; contracts/README.md, notes on them, is carried whole after them.
    assert [example.name for example in plan.api.examples] == ["contracts/openapi.yaml", "contracts/todo.proto"]
    notes = [s for s in plan.extra_sections if s.heading == "contracts/README.md"]
    assert [(s.level, s.after, s.body.split("\n", 2)[1]) for s in notes] == [(2, "api.examples", "# API Contracts")]


def test_ticking_a_task_rewrites_only_its_line_of_tasks_md(tmp_path: Path) -> None:
    folder = _copy("todo2-001-todo-app", tmp_path)
    before = _files(folder)
    plan = plancore.read_feature(folder)
    phase = plan.phases[0]
    step = phase.steps[0]
    task = step.tasks[0]
    assert task.id == "T001" and task.status == "todo"
    ticked = attrs.evolve(step, tasks=(attrs.evolve(task, done=True), *step.tasks[1:]))
    edited = attrs.evolve(plan, phases=(attrs.evolve(phase, steps=(ticked, *phase.steps[1:])), *plan.phases[1:]))
    assert plancore.write_feature(edited, folder).written == ("tasks.md",)
    after = _files(folder)
    assert {name for name in after if after[name] != before[name]} == {"tasks.md"}
    assert _changed_lines(before["tasks.md"], after["tasks.md"]) == [
        "-- [ ] T001 Initialize Go module with `go mod init github.com/yourorg/todo-app`",
        "+- [X] T001 Initialize Go module with `go mod init github.com/yourorg/todo-app`",
    ]
    assert plancore.read_feature(folder) == edited


@pytest.mark.parametrize("name", ["carrental-002-car-photo-storage", "todo2-001-todo-app"])
def test_a_changed_decision_rewrites_only_its_line_of_research_md(name: str, tmp_path: Path) -> None:
    folder = _copy(name, tmp_path)
    before = _files(folder)
    plan = plancore.read_feature(folder)
    second = attrs.evolve(plan.decisions[1], choice="Support many users.")
    edited = attrs.evolve(plan, decisions=(plan.decisions[0], second, *plan.decisions[2:]))
    assert plancore.write_feature(edited, folder).written == ("research.md",)
    changed = _changed_lines(before["research.md"], _files(folder)["research.md"])
    removed = [line[1:] for line in changed if line.startswith("-")]
    added = [line[1:] for line in changed if line.startswith("+")]
    # Only the Decision line (and its continuation lines) of that one decision, under its own label.
    assert len(added) == 1 and added[0].endswith("**Decision**: Support many users.")
    label = added[0][: -len("Support many users.")]
    assert removed[0].startswith(label)
    old_choice = "\n".join([removed[0][len(label) :], *(line.strip() for line in removed[1:])])
    assert old_choice == plan.decisions[1].choice
    assert plancore.read_feature(folder) == edited


# --- Own folders: missing files, IDs ----------------------------------------------------------

TASKS_ONLY = """# Tasks: Search

## Phase 1: Setup

- [x] T002 Create the project
- [ ] Add the index in src/index.py
- [ ] [P] Write the docs

**Checkpoint**: the project builds
"""


def test_a_folder_with_only_tasks_md(tmp_path: Path) -> None:
    folder = tmp_path / "001-search"
    folder.mkdir()
    (folder / "tasks.md").write_text(TASKS_ONLY, encoding="utf-8")
    plan = plancore.read_feature(folder)
    assert plan.metadata.title == "Search"
    assert [(task.id, task.status) for task in plan.phases[0].tasks] == [("T002", "done"), ("", "todo"), ("", "todo")]
    assert plan.phases[0].checkpoint == "the project builds"
    assert plan.decisions == () and plan.extra_sections == ()


_SMARTSPEC_ACTIVITIES = """# Implementation Plan: Search

## Executive Summary

Add search to the catalogue.

## Rollout Plan

### Phase 1: Build

- Duration: 1 week
- Activities: Add the index; Add the query page

### Phase 2: Ship

- Duration: 1 day
- Activities: Release behind a flag
"""


def test_ids_given_to_smartspec_activities_are_in_the_map(tmp_path: Path) -> None:
    # Trial 12 #12: the activities became T001-T003 in tasks.md, yet no ID map was written (Kiro's folder has one).
    folder = tmp_path / "001-search"
    result = plancore.write_folder(plancore.parse(_SMARTSPEC_ACTIVITIES, "smartspec"), folder, "speckit-github")
    given = {"T001": "Add the index", "T002": "Add the query page", "T003": "Release behind a flag"}
    assert dict(result.ids) == given
    assert json.loads((folder / ".plancore-task-ids.json").read_text(encoding="utf-8")) == given
    tasks = (folder / "tasks.md").read_text(encoding="utf-8")
    assert "- [ ] T001 Add the index\n- [ ] T002 Add the query page\n" in tasks
    assert "- [ ] T003 Release behind a flag\n" in tasks


def test_tasks_without_ids_get_free_ids_in_order_and_a_map(tmp_path: Path) -> None:
    folder = tmp_path / "001-search"
    folder.mkdir()
    (folder / "tasks.md").write_text(TASKS_ONLY, encoding="utf-8")
    result = plancore.write_feature(plancore.read_feature(folder), folder)
    # T002 is taken: the two tasks without an ID get T001 and T003; T002 stays.
    assert result.ids == (("T001", "Add the index in src/index.py"), ("T003", "[P] Write the docs"))
    assert result.written == ("tasks.md", ".plancore-task-ids.json")
    assert json.loads((folder / ".plancore-task-ids.json").read_text(encoding="utf-8")) == {
        "T001": "Add the index in src/index.py",
        "T003": "[P] Write the docs",
    }
    assert (folder / "tasks.md").read_text(encoding="utf-8") == TASKS_ONLY.replace(
        "- [ ] Add the index", "- [ ] T001 Add the index"
    ).replace("- [ ] [P] Write", "- [ ] T003 [P] Write")
    again = plancore.read_feature(folder)
    assert [task.id for task in again.phases[0].tasks] == ["T002", "T001", "T003"]
    assert plancore.write_feature(again, folder).written == ()


def test_a_folder_with_only_plan_md_and_unrelated_files(tmp_path: Path) -> None:
    folder = tmp_path / "002-x"
    folder.mkdir()
    plan_md = plancore.emit(Plan(metadata=plancore.Metadata(title="X"), summary="Do X."), "speckit-github")
    (folder / "plan.md").write_text(plan_md, encoding="utf-8")
    (folder / "notes.txt").write_text("keep me", encoding="utf-8")
    plan = plancore.read_feature(folder)
    assert plan.summary == "Do X." and plan.phases == ()
    assert [section.heading for section in plan.extra_sections] == ["notes.txt"]
    # A plan without the carried file leaves it alone; an edit of the summary rewrites plan.md only.
    edited = attrs.evolve(plan, summary="Do Y.", extra_sections=())
    assert plancore.write_feature(edited, folder).written == ("plan.md",)
    assert (folder / "notes.txt").read_text(encoding="utf-8") == "keep me"
    assert _changed_lines(plan_md.encode(), (folder / "plan.md").read_bytes()) == ["-Do X.", "+Do Y."]


def test_no_feature_folder_is_a_parse_error(tmp_path: Path) -> None:
    with pytest.raises(plancore.ParseError, match=r"neither plan\.md nor tasks\.md"):
        plancore.read_feature(tmp_path)


# --- Across formats ---------------------------------------------------------------------------


def test_the_smartspec_example_as_a_feature_folder_keeps_decisions_and_tasks(tmp_path: Path) -> None:
    plan = plancore.parse(EXAMPLE.read_text(encoding="utf-8"), "smartspec")
    folder = tmp_path / "specs" / "004-password-reset"
    result = plancore.write_feature(plan, folder)
    assert set(result.written) >= {"plan.md", "tasks.md", "research.md", "data-model.md", "contracts/endpoints.md"}
    back = plancore.read_feature(folder)
    # research.md's Alternatives considered are the options not chosen: SmartSpec's chosen option (listed among
    # its Options Considered) is the decision, its notes after it (tests/test_sections_in_style.py).
    (decision,) = plan.decisions
    chosen = decision.options[1]
    assert chosen.name == decision.choice == "Database row"
    assert back.decisions == (
        attrs.evolve(decision, choice=f"{chosen.name} — {chosen.notes}", options=decision.options[:1]),
    )
    # The example's phases have activities, not tasks: each phase's one activity is its task in tasks.md,
    # its ID given and in the ID map (trial 12 #12).
    assert _all_tasks(plan) == []
    assert result.ids == tuple((f"T{n:03d}", phase.description) for n, phase in enumerate(plan.phases, 1))
    assert [task.text for task in _all_tasks(back)] == [
        f"T{number:03d} {phase.description}" for number, phase in enumerate(plan.phases, 1)
    ]
    assert [task.status for task in _all_tasks(back)] == ["todo"] * 3
    research = (folder / "research.md").read_text(encoding="utf-8")
    assert "**Decision**: " in research and "**Rationale**: " in research
    assert plancore.write_feature(back, folder).written == ()


@settings(max_examples=examples(10), deadline=None)
@given(task_plans(), research_decisions)
def test_decisions_and_tasks_survive_a_folder(plan: Plan, decisions: tuple[Decision, ...]) -> None:
    plan = attrs.evolve(plan, decisions=decisions)
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary) / "001-x"
        result = plancore.write_feature(plan, folder)
        back = plancore.read_feature(folder)
        assert back.decisions == decisions
        given_ids = iter(result.ids)

        # One list numbered as Kiro nests it (1. over 1.1, 1.2, then 2.) is numbered T001 on, sub-tasks too.
        tops = plan.phases[0].tasks if len(plan.phases) == 1 else ()
        by_place = bool(tops) and [(t.id, [s.id for s in t.subtasks]) for t in tops] == [
            (str(n), [f"{n}.{k}" for k in range(1, len(t.subtasks) + 1)]) for n, t in enumerate(tops, 1)
        ]

        def numbered(item: TaskT) -> TaskT:
            # Spec Kit numbers its tasks T001 on: a task without an ID gets one.
            if not by_place and (item.id or isinstance(item, Subtask)):
                return item
            new, text = next(given_ids)
            assert text == item.text
            rest = re.sub(rf"\s*{re.escape(item.id)}\.?[ \t]*", "", item.text, count=1) if by_place else item.text
            return attrs.evolve(item, text=f"{new} {rest}".rstrip())

        expected = [
            attrs.evolve(numbered(task), subtasks=tuple(numbered(sub) for sub in task.subtasks))
            for task in _all_tasks(plan)
        ]
        assert next(given_ids, None) is None
        assert _all_tasks(back) == expected
        assert plancore.write_feature(back, folder).written == ()


# --- The command line -------------------------------------------------------------------------


def test_cli_writes_a_feature_folder_and_reads_it_back(tmp_path: Path) -> None:
    folder = tmp_path / "specs" / "004-reset"
    status, _, err = run_here("convert", str(EXAMPLE), "--to", "speckit-github", "-o", f"{folder}/")
    assert status == 0, err
    assert {"plan.md", "tasks.md", "research.md"} <= set(_files(folder))
    output = tmp_path / "plan.md"
    status, _, err = run_here("convert", str(folder), "--to", "smartspec", "-o", str(output))
    assert status == 0, err
    again = plancore.parse(output.read_text(encoding="utf-8"), "smartspec")
    original = plancore.parse(EXAMPLE.read_text(encoding="utf-8"), "smartspec")
    assert again.decisions == original.decisions
    assert [task.status for task in _all_tasks(again)] == [task.status for task in _all_tasks(original)]


def test_cli_single_file_keeps_one_plan_md(tmp_path: Path) -> None:
    status, _, err = run_here(
        "convert", str(EXAMPLE), "--to", "speckit-github", "-o", f"{tmp_path / 'out'}/", "--single-file"
    )
    assert status == 0, err
    assert [path.name for path in (tmp_path / "out").iterdir()] == [EXAMPLE.name]


def test_cli_reads_a_real_folder(tmp_path: Path) -> None:
    folder = _copy("carrental-002-car-photo-storage", tmp_path)
    status, out, err = run_here("convert", str(folder), "--to", "smartspec", "-q")
    assert status == 0, err
    plan = plancore.parse(out, "smartspec")
    assert [decision.title for decision in plan.decisions][:1] == [
        "Decision 1 — Storage abstraction (ports & adapters / Strategy)"
    ]
    assert len(_all_tasks(plan)) == len(_all_tasks(plancore.read_feature(folder)))


def test_a_phase_step_plan_round_trips(tmp_path: Path) -> None:
    plan = Plan(phases=(Phase(name="Build", steps=(Step(title="Core", tasks=(Task(text="T001 Do it"),)),)),))
    plancore.write_feature(plan, tmp_path / "f")
    assert _all_tasks(plancore.read_feature(tmp_path / "f")) == [Task(text="T001 Do it")]


def test_cli_converts_a_tree_of_feature_folders_folder_by_folder(tmp_path: Path) -> None:
    specs = tmp_path / "specs"
    for name in ("001-search", "002-export"):
        (specs / name).mkdir(parents=True)
        (specs / name / "tasks.md").write_text(TASKS_ONLY.replace("Search", name), encoding="utf-8")
    (specs / "notes.md").write_bytes(EXAMPLE.read_bytes())
    out = tmp_path / "out"
    status, _, err = run_here("convert", str(specs), "--to", "smartspec", "-o", str(out), "-q")
    assert status == 0, err
    assert sorted(path.relative_to(out).as_posix() for path in out.rglob("*.md")) == [
        "001-search/plan.md",
        "002-export/plan.md",
        "notes.md",
    ]
    plan = plancore.parse((out / "002-export" / "plan.md").read_text(encoding="utf-8"), "smartspec")
    assert [task.text for task in plan.phases[0].tasks] == [
        "T002 Create the project",
        "Add the index in src/index.py",
        "[P] Write the docs",
    ]
    # And back: each folder to a feature folder of its own.
    status, _, err = run_here("convert", str(specs), "--to", "speckit-github", "-o", str(tmp_path / "again"), "-q")
    assert status == 0, err
    assert (tmp_path / "again" / "001-search" / "tasks.md").is_file()
    assert not plancore.read_feature(tmp_path / "specs" / "001-search").phases[0].tasks[1].id


def test_what_plan_md_has_no_place_for_is_reported(tmp_path: Path) -> None:
    plan = plancore.parse(EXAMPLE.read_text(encoding="utf-8"), "smartspec")
    result = plancore.write_feature(plan, tmp_path / "f")
    paths = {loss.path for loss in result.losses}
    # SmartSpec's testing strategy has no field in Spec Kit's plan.md: the crosswalk carries it there under
    # its own heading, as a person would, so nothing of the example is left for the appendix.
    plan_md = (tmp_path / "f" / "plan.md").read_text(encoding="utf-8")
    assert "## Testing Strategy" in plan_md
    assert "- Full reset flow against a test SMTP server" in plan_md
    assert "## Appendix: Carried Over" not in plan_md
    assert not any(path.startswith(("decisions", "api", "data_model", "testing")) for path in paths)
    # A phase's duration (the example's 1 week, 3 days, 1 day) is its estimate line in tasks.md, nothing lost.
    assert not any(path.startswith("phases") for path in paths)
    tasks_md = (tmp_path / "f" / "tasks.md").read_text(encoding="utf-8")
    assert "## Appendix: Carried Over" not in tasks_md
    for name, estimate in (("Development", "1 week"), ("Testing", "3 days"), ("Deployment", "1 day")):
        assert f": {name}\n\n**Estimate**: {estimate}\n" in tasks_md


def test_research_text_outside_its_decisions_is_carried(tmp_path: Path) -> None:
    plan = plancore.read_feature(_copy("todo2-001-todo-app", tmp_path))
    (rest,) = [section for section in plan.extra_sections if section.heading == "research.md"]
    assert "## Overview\n\nThis document resolves the NEEDS CLARIFICATION items" in rest.body
    assert "**Decision**: Target 100 req/s" not in rest.body
    text = plancore.emit(plan, "smartspec")
    assert "This document resolves the NEEDS CLARIFICATION items" in text


def test_a_new_tasks_md_from_a_filled_plan_holds_no_template_placeholders(tmp_path: Path) -> None:
    """The headline migration (the bundled SmartSpec example to a Spec Kit feature folder): tasks.md
    names each phase as the plan does and carries no sample Purpose, Checkpoint or Input beside them."""
    example = Path(__file__).resolve().parents[1] / "examples" / "smartspec-plan.md"
    plan = plancore.parse(example.read_text(encoding="utf-8"), "smartspec")
    plancore.write_feature(plan, tmp_path / "004-password-reset")
    tasks = (tmp_path / "004-password-reset" / "tasks.md").read_text(encoding="utf-8")
    # Read by hand from the example's Rollout Plan: three phases, each with its duration and its activities as tasks.
    assert tasks.startswith(
        "# Tasks: Password Reset by Email\n\n**Input**: Design documents from `/specs/004-password-reset/`\n\n"
        "## Phase 1: Development\n\n**Estimate**: 1 week\n\n"
        "- [ ] T001 Build the endpoints, token store and email template\n\n---\n"
    )
    assert "## Phase 2: Testing" in tasks and "## Phase 3: Deployment" in tasks
    # No template placeholder (``[Brief description]``): a bracket only in a task's check box.
    assert "**Purpose**" not in tasks and "**Checkpoint**" not in tasks and "[" not in tasks.replace("- [ ] ", "")
    # Spec Kit's branch is the feature folder's name; the example names no branch of its own.
    plan_md = (tmp_path / "004-password-reset" / "plan.md").read_text(encoding="utf-8")
    assert plan_md.split("\n")[2].startswith("**Branch**: `004-password-reset` | **Date**: 2026-11-20 |")
    # Both files name the folder alike, as Spec Kit's templates do (`/specs/[###-feature-name]/`).
    assert "**Input**: Design documents from `/specs/004-password-reset/`\n" in plan_md


# A SpecPulse plan whose task has sub-items and whose phase has a section of its own (pp-009's shape).
_SPECPULSE_PHASES = """# Implementation Plan: Price Chart

## Specification Reference
- **Spec ID**: SPEC-009

## Architecture Overview
A chart beside the price.

## Implementation Phases

### Phase 1: Types [Priority: HIGH]
**Timeline**: 45 min

#### Tasks
1. [x] Install the chart package
2. [ ] Write the chart utilities (`lib/chart.ts`)
   - `sma(data, period)` - simple moving average
   - `ema(data, period)` - exponential moving average

#### Deliverables
- [ ] Chart utilities

#### Code: `lib/chart.ts`
```typescript
export type Range = '1D' | '1W';
```

### Phase 2: Page [Priority: MEDIUM]
**Dependencies**: Phase 1

#### Tasks
1. [ ] Show the chart on the asset page
"""


def test_specpulse_tasks_go_into_tasks_md_once_with_their_sub_items(tmp_path: Path) -> None:
    result = plancore.write_feature(plancore.parse(_SPECPULSE_PHASES, "specpulse"), tmp_path / "chart")
    plan_md = (tmp_path / "chart" / "plan.md").read_text(encoding="utf-8")
    tasks_md = (tmp_path / "chart" / "tasks.md").read_text(encoding="utf-8")
    for text in ("Install the chart package", "Write the chart utilities", "`sma(data, period)`", "Show the chart"):
        assert text not in plan_md, text
        assert tasks_md.count(text) == 1, text
    assert "- [ ] T002 Write the chart utilities (`lib/chart.ts`)\n  - `sma(data, period)`" in tasks_md
    # The phase's own section stays with the phase, in tasks.md, before the next phase.
    assert tasks_md.index("Code: `lib/chart.ts`") < tasks_md.index("## Phase 2: Page")
    assert "export type Range" not in plan_md and "Implementation Phases" not in plan_md
    assert not [loss.path for loss in result.losses if ".tasks[" in loss.path]
