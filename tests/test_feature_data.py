"""Issue 13: data-model.md and contracts/ of a Spec Kit feature folder as data (``data_model.entities``,
``api.endpoints``), and task states across the older formats: kept, or named in the losses."""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path
from typing import Any

import attrs
import pytest
from helpers import SHARED, changed_lines, copy_shared, examples
from hypothesis import given, settings
from strategies import folder_endpoints, folder_entities, folder_examples

import plancore
from plancore import Api, DataModel, Entity, Metadata, Phase, Plan, Subtask, Task
from plancore._convert import convert_plan
from plancore._formats.speckit_data_model import LABELS

FEATURES = SHARED / "corpus" / "speckit-feature"
HERE = Path(__file__).resolve().parent
EXAMPLE = HERE.parent / "examples" / "smartspec-plan.md"
GOLDEN = HERE / "golden" / "smartspec-example.speckit-feature"
REGENERATE = os.environ.get("PLANCORE_REGENERATE") == "1"


def _copy(name: str, tmp_path: Path) -> Path:
    return copy_shared(FEATURES / name, tmp_path / name)


# --- The three real data-model.md files, read by hand --------------------------------------------

# Each folder's entities as its data-model.md names them (the headings, read by hand; the numbering
# and kind before the name, ``### 1. `` and ``## Domain entity: ``, are the heading's, not the name's).
ENTITIES = {
    "carrental-002-car-photo-storage": [
        "Car (aggregate root — extended)",
        "CarPhotoMetadata (embedded on Car)",
        "CarPhoto (derived, read side)",
    ],
    "prompt-studio-001-prompt-studio": [
        "Folder（文件夹）",
        "Project（项目）",
        "Version（版本）",
        "Snippet（片段）",
        "Attachment（附件）",
    ],
    "todo2-001-todo-app": ["Todo Item"],
}


@pytest.mark.parametrize("name", sorted(ENTITIES))
def test_a_real_data_model_reads_its_entities_and_loses_no_line(name: str, tmp_path: Path) -> None:
    folder = _copy(name, tmp_path)
    model = plancore.read_feature(folder).data_model
    assert [entity.name for entity in model.entities] == ENTITIES[name]
    assert all(entity.fields.startswith("|") for entity in model.entities)
    # Every line of the file is in the model: in the overview, an entity's field, or its heading.
    held = "\n".join(
        [model.overview, *(value for entity in model.entities for value in attrs.astuple(entity) if value)]
    )
    text = (folder / "data-model.md").read_text(encoding="utf-8")
    # A field's label (``**用途**:`` is the description's) is the format's syntax, not content.
    labels = "|".join(re.escape(label) for labels in LABELS.values() for label in labels)
    lines = [re.sub(rf"^\*\*(?:{labels})\*\*:[ \t]*", "", line) for line in text.split("\n")]
    missing = [line for line in lines if line.strip() and line not in held and not line.startswith(("#", "---"))]
    assert missing == []


def test_todo2_entity_as_written(tmp_path: Path) -> None:
    # data-model.md lines 14-44, read by hand.
    entity = plancore.read_feature(_copy("todo2-001-todo-app", tmp_path)).data_model.entities[0]
    assert entity.description == "Represents a single task that a user needs to complete."
    assert entity.fields.split("\n")[0] == "| Field | Type | Constraints | Description |"
    assert entity.fields.split("\n")[-1] == (
        "| `updated_at` | Timestamp | NOT NULL, Auto-updated | Last modification timestamp |"
    )
    assert len(entity.fields.split("\n")) == 7
    assert entity.details.startswith("**Validation Rules** (from FR-006, Edge Cases):\n- `description` MUST NOT")
    assert entity.details.endswith("[Active|Completed] --delete--> [Deleted (removed from DB)]\n```")
    assert entity.schema == ""


def test_prompt_studio_entity_keeps_its_typescript_schema(tmp_path: Path) -> None:
    # data-model.md lines 32-62, read by hand.
    folder = plancore.read_feature(_copy("prompt-studio-001-prompt-studio", tmp_path)).data_model.entities[0]
    assert folder.description == "组织项目的容器，支持多层嵌套"
    assert folder.schema_language == "typescript"
    assert folder.schema.split("\n") == [
        "export interface Folder {",
        "  id: string;",
        "  name: string;",
        "  parentId: string | null;",
        "  createdAt: number;",
        "}",
    ]
    assert folder.details.startswith("**验证规则**:\n- `id`: 必须是有效的 UUID v4")


def test_carrental_entity_prose_and_notes(tmp_path: Path) -> None:
    # data-model.md lines 33-42, read by hand.
    metadata = plancore.read_feature(_copy("carrental-002-car-photo-storage", tmp_path)).data_model.entities[1]
    assert metadata.description == (
        "Immutable record describing the stored photo. Identity-less — replaced wholesale on add/replace."
    )
    assert metadata.details == (
        "**Not exposed via GraphQL directly.** The `Car.photo` GraphQL field is derived (see below); the raw\n"
        "`storageKey` stays internal."
    )


@pytest.mark.parametrize("name", sorted(ENTITIES))
def test_a_real_data_model_written_anew_reads_back_the_same(name: str, tmp_path: Path) -> None:
    plan = plancore.read_feature(_copy(name, tmp_path))
    fresh = tmp_path / "new" / name
    plancore.write_feature(plan, fresh)
    assert plancore.read_feature(fresh).data_model == plan.data_model


# --- Edits rewrite only their lines --------------------------------------------------------------


def _edited(folder: Path, index: int, **changes: str) -> tuple[list[str], tuple[str, ...]]:
    before = (folder / "data-model.md").read_text(encoding="utf-8")
    plan = plancore.read_feature(folder)
    entities = list(plan.data_model.entities)
    entities[index] = attrs.evolve(entities[index], **changes)
    edited = attrs.evolve(plan, data_model=attrs.evolve(plan.data_model, entities=tuple(entities)))
    written = plancore.write_feature(edited, folder).written
    assert plancore.read_feature(folder).data_model == edited.data_model
    return changed_lines(before, (folder / "data-model.md").read_text(encoding="utf-8")), written


def test_an_edited_description_rewrites_only_its_line(tmp_path: Path) -> None:
    changed, written = _edited(_copy("todo2-001-todo-app", tmp_path), 0, description="One task to do.")
    assert written == ("data-model.md",)
    assert changed == [
        "-**Description**: Represents a single task that a user needs to complete.",
        "+**Description**: One task to do.",
    ]


def test_a_field_added_to_a_table_adds_only_its_row(tmp_path: Path) -> None:
    folder = _copy("prompt-studio-001-prompt-studio", tmp_path)
    project = plancore.read_feature(folder).data_model.entities[1]
    row = "| `archived` | boolean | - | - | 是否归档 |"
    changed, _ = _edited(folder, 1, fields=project.fields + "\n" + row)
    assert changed == ["+" + row]


def test_a_renamed_entity_rewrites_only_its_heading(tmp_path: Path) -> None:
    changed, _ = _edited(_copy("carrental-002-car-photo-storage", tmp_path), 2, name="CarImage (derived)")
    assert changed == [
        "-## GraphQL projection: CarPhoto (derived, read side)",
        "+## GraphQL projection: CarImage (derived)",
    ]


def test_an_added_entity_goes_after_the_last_one(tmp_path: Path) -> None:
    folder = _copy("todo2-001-todo-app", tmp_path)
    before = (folder / "data-model.md").read_text(encoding="utf-8")
    plan = plancore.read_feature(folder)
    tag = Entity(name="Tag", description="A label on a todo.")
    edited = attrs.evolve(plan, data_model=attrs.evolve(plan.data_model, entities=(*plan.data_model.entities, tag)))
    plancore.write_feature(edited, folder)
    after = (folder / "data-model.md").read_text(encoding="utf-8")
    assert changed_lines(before, after) == ["+", "+### Tag", "+", "+**Description**: A label on a todo."]
    # Under ## Entities, before ## Database Schema.
    assert after.index("### Tag") < after.index("## Database Schema")
    assert plancore.read_feature(folder).data_model == edited.data_model


# --- Own plans through a folder ------------------------------------------------------------------


@settings(max_examples=examples(15), deadline=None)
@given(folder_entities, folder_endpoints, folder_examples)
def test_entities_and_endpoints_survive_a_folder(
    entities: tuple[Entity, ...],
    endpoints: tuple[plancore.Endpoint, ...],
    api_examples: tuple[plancore.ApiExample, ...],
) -> None:
    plan = Plan(
        metadata=Metadata(title="Todos"),
        data_model=DataModel(entities=entities),
        api=Api(endpoints=endpoints, examples=api_examples),
    )
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary) / "001-todos"
        plancore.write_feature(plan, folder)
        back = plancore.read_feature(folder)
        assert back.data_model == plan.data_model
        assert back.api == plan.api
        assert plancore.write_feature(back, folder).written == ()


def _only(entities: tuple[Entity, ...], fields: set[str]) -> tuple[Entity, ...]:
    return tuple(
        attrs.evolve(e, **{f.name: "" for f in attrs.fields(Entity) if f.name not in fields}) for e in entities
    )


MAESTRO_ENTITY = {"name", "change_type", "schema", "schema_language", "current_fields", "new_fields", "migration_notes"}


@settings(max_examples=examples(4), deadline=None)
@given(folder_entities, folder_endpoints)
def test_maestro_entities_and_endpoints_there_and_back(
    entities: tuple[Entity, ...], endpoints: tuple[plancore.Endpoint, ...]
) -> None:
    # Maestro -> folder -> maestro: every field both hold (all of maestro's entity and endpoint fields).
    written = Plan(data_model=DataModel(entities=_only(entities, MAESTRO_ENTITY)), api=Api(endpoints=endpoints))
    maestro = plancore.parse(plancore.emit(written, "maestro"), "maestro")
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary) / "001-x"
        plancore.write_feature(maestro, folder)
        back = plancore.read_feature(folder)
    assert back.data_model.entities == maestro.data_model.entities
    assert back.api.endpoints == maestro.api.endpoints
    again = plancore.parse(convert_plan(back, "maestro", source="speckit-github").text, "maestro")
    assert _new(again.data_model.entities) == _new(maestro.data_model.entities)
    assert _new(again.api.endpoints) == _new(maestro.api.endpoints)


def _new(items: tuple[Any, ...]) -> tuple[Any, ...]:
    """``items`` with an empty change type as ``New``: maestro reads the first block under its New
    subsection as the template's (``New`` is that block's placeholder), a later one as ``New``; the
    folder gives every block without one ``New`` (the crosswalk's default)."""
    return tuple(attrs.evolve(item, change_type=item.change_type or "New") for item in items)


@settings(max_examples=examples(4), deadline=None)
@given(folder_entities)
def test_folder_entities_through_smartspec_come_back(entities: tuple[Entity, ...]) -> None:
    # Folder -> SmartSpec -> folder: SmartSpec has no entities; they are placed in a Data Model section
    # beside its schema, as data-model.md writes them, and come back as entities.
    plan = Plan(data_model=DataModel(entities=entities))
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary) / "001-x"
        plancore.write_feature(plan, folder)
        text = convert_plan(plancore.read_feature(folder), "smartspec", source="speckit-github").text
        out = Path(temporary) / "002-smartspec"
        plancore.write_feature(plancore.parse(text, "smartspec"), out)
        assert plancore.read_feature(out).data_model.entities == entities


@pytest.mark.parametrize("name", sorted(ENTITIES))
def test_real_entities_through_maestro_come_back(name: str, tmp_path: Path) -> None:
    # An entity's description, fields and details go into its maestro block, as data-model.md writes them.
    plan = plancore.read_feature(_copy(name, tmp_path))
    text = convert_plan(plan, "maestro", source="speckit-github").text
    plancore.write_feature(plancore.parse(text, "maestro"), tmp_path / "back")
    back = plancore.read_feature(tmp_path / "back")
    assert _new(back.data_model.entities) == _new(plan.data_model.entities)
    # Each contract file, carried under its path in maestro's API Contracts, is that file again.
    assert back.api == plan.api


@pytest.mark.parametrize("name", sorted(ENTITIES))
def test_real_entities_and_contracts_through_smartspec_come_back(name: str, tmp_path: Path) -> None:
    # data-model.md's text goes under SmartSpec's Database Schema, each contract file into an example (a fence
    # longer than the file's own); both come back as data-model.md's entities and the files of contracts/.
    plan = plancore.read_feature(_copy(name, tmp_path))
    text = convert_plan(plan, "smartspec", source="speckit-github").text
    plancore.write_feature(plancore.parse(text, "smartspec"), tmp_path / "back")
    back = plancore.read_feature(tmp_path / "back")
    assert back.data_model.entities == plan.data_model.entities
    # SmartSpec's reader ends an example's code at its last line, without that line's end.
    assert [(x.name, x.language, x.request.rstrip("\n")) for x in back.api.examples] == [
        (x.name, x.language, x.request.rstrip("\n")) for x in plan.api.examples
    ]


def test_an_entity_s_details_reach_maestro_after_an_empty_entity(tmp_path: Path) -> None:
    # Maestro reads a fence under an entity without a schema as its schema: the details cannot stay in
    # place there, so they are carried in the appendix and reported as that entity's details.
    entities = (
        Entity(name="Notes"),
        Entity(name="Search", details="**State Transitions**:\n```\nopen --> closed\n```"),
    )
    plancore.write_feature(Plan(data_model=DataModel(entities=entities)), tmp_path / "a")
    conversion = convert_plan(plancore.read_feature(tmp_path / "a"), "maestro", source="speckit-github")
    assert "data_model.entities[1].details" in {loss.path for loss in conversion.losses}
    assert "```\nopen --> closed\n```" in conversion.text.split("## Appendix: Carried Over")[1]


# --- The bundled example as a folder: a golden, read line by line against the source -----------


@pytest.mark.parametrize("relative", ["data-model.md", "contracts/endpoints.md"])
def test_golden_example_folder(relative: str, tmp_path: Path) -> None:
    plan = plancore.parse(EXAMPLE.read_text(encoding="utf-8"), "smartspec")
    folder = tmp_path / "004-password-reset"
    plancore.write_feature(plan, folder)
    text = (folder / relative).read_text(encoding="utf-8")
    golden = GOLDEN / relative
    if REGENERATE:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(text, encoding="utf-8")
    if not golden.exists():
        pytest.fail(f"{golden} is missing; run with PLANCORE_REGENERATE=1 and review it")
    assert text == golden.read_text(encoding="utf-8")
    back = plancore.read_feature(folder)
    assert back.data_model == plan.data_model and back.api == plan.api


# --- Task states in the older formats: kept, or named in the losses ------------------------------

STATES = Plan(
    metadata=Metadata(title="States"),
    phases=(
        Phase(
            name="Setup",
            tasks=(
                Task(text="T001 Create the project", done=True),
                Task(text="T002 Wire the cache", in_progress=True, body="Notes on the cache."),
                Task(text="T003 Drop the old queue", skipped=True),
                Task(text="T004 Write the docs", optional=True),
                Task(
                    text="T005 Build the API",
                    subtasks=(
                        Subtask(text="T006 Add the route", done=True),
                        Subtask(text="T007 Add the test", skipped=True, body="Later."),
                    ),
                ),
            ),
            checkpoint="the project builds",
        ),
        Phase(name="Ship", tasks=(Task(text="T008 Release it", in_progress=True),)),
    ),
)


def _task_paths(plan: Plan) -> dict[str, tuple[str, Task | Subtask]]:
    """Each task and sub-task of ``plan`` by ID: its field path and itself."""
    found: dict[str, tuple[str, Task | Subtask]] = {}
    for p, phase in enumerate(plan.phases):
        for t, task in enumerate(phase.tasks):
            found[task.id] = (f"phases[{p}].tasks[{t}]", task)
            for s, sub in enumerate(task.subtasks):
                found[sub.id] = (f"phases[{p}].tasks[{t}].subtasks[{s}]", sub)
    return found


def _tasks_by_id(plan: Plan) -> dict[str, Task | Subtask]:
    found: dict[str, Task | Subtask] = {}
    for phase in plan.phases:
        for task in (*phase.tasks, *(task for step in phase.steps for task in step.tasks)):
            found[task.id] = task
            found.update((sub.id, sub) for sub in task.subtasks)
    return found


@pytest.mark.parametrize("target", ["smartspec", "maestro", "specpulse", "aadt", "speckit"])
def test_task_states_are_kept_or_named_in_the_losses(target: str) -> None:
    text = plancore.emit(STATES, "speckit-tasks")
    assert plancore.parse(text, "speckit-tasks").phases == STATES.phases
    result = plancore.convert(text, target, source="speckit-tasks")
    lost = {loss.path for loss in result.losses}
    back = _tasks_by_id(plancore.parse(result.text, target))
    silent = []
    for task_id, (path, task) in _task_paths(STATES).items():
        got = back.get(task_id)
        state = {"done": "done", "in_progress": "in_progress", "skipped": "skipped"}.get(task.status)
        checks = [
            ("optional", task.optional == (got is not None and got.optional)),
            # A body written as lines under its task where the target's tasks have none (the task's text).
            ("body", got is not None and task.body in (got.body, got.text.partition("\n")[2])),
        ]
        if state is not None:
            checks.append((state, got is not None and got.status == task.status))
        if isinstance(task, Task) and task.subtasks:
            checks.append(
                ("subtasks", got is not None and isinstance(got, Task) and len(got.subtasks) == len(task.subtasks))
            )
        for name, kept in checks:
            named = any(loss == f"{path}.{name}" or loss.startswith(f"{path}.{name}") for loss in lost)
            gone = got is None and any(loss.startswith(path) for loss in lost)
            if not (kept or named or gone):
                silent.append(f"{task_id} {name}")
    checkpoint = plancore.parse(result.text, target).phases[0].checkpoint == "the project builds"
    # Placed where the target writes such a line (SmartSpec: the phase's text), and so back in its field.
    placed = any(placement.path == "phases[0].checkpoint" for placement in result.placed)
    returned = plancore.parse(plancore.convert(result.text, "speckit-tasks", source=target).text, "speckit-tasks")
    checkpoint = checkpoint or (placed and returned.phases[0].checkpoint == "the project builds")
    if not (checkpoint or "phases[0].checkpoint" in lost):
        silent.append("checkpoint")
    assert silent == []


def test_maestro_reads_a_second_modified_entity_as_modified() -> None:
    plan = Plan(
        data_model=DataModel(
            entities=(Entity(name="Todo", change_type="New"), Entity(name="User", change_type="Modified"))
        )
    )
    back = plancore.parse(plancore.emit(plan, "maestro"), "maestro")
    # "New" is maestro's kind of a block whose kind is unsaid: it reads back unsaid.
    assert [entity.change_type for entity in back.data_model.entities] == ["", "Modified"]


def test_maestro_writes_entities_of_unsaid_kind_as_new() -> None:
    # Not under "Modified" because the template's second sample block stands there.
    plan = Plan(data_model=DataModel(entities=(Entity(name="Todo"), Entity(name="User"), Entity(name="Tag"))))
    text = plancore.emit(plan, "maestro")
    new = text.partition("### 3.1 New Entities")[2].partition("Data Flow")[0]
    assert [line for line in new.splitlines() if line.startswith("#### ")] == [
        "#### Entity: Todo",
        "#### Entity: User",
        "#### Entity: Tag",
    ]
    assert "Modified Entities" not in new
    back = plancore.parse(text, "maestro")
    assert [entity.change_type for entity in back.data_model.entities] == ["", "", ""]


def test_an_edited_endpoint_rewrites_only_its_line_of_the_contract(tmp_path: Path) -> None:
    plan = plancore.parse(EXAMPLE.read_text(encoding="utf-8"), "smartspec")
    folder = tmp_path / "004-password-reset"
    plancore.write_feature(plan, folder)
    before = (folder / "contracts" / "endpoints.md").read_text(encoding="utf-8")
    read = plancore.read_feature(folder)
    second = attrs.evolve(read.api.endpoints[1], auth="A reset token")
    edited = attrs.evolve(read, api=attrs.evolve(read.api, endpoints=(read.api.endpoints[0], second)))
    assert plancore.write_feature(edited, folder).written == ("contracts/endpoints.md",)
    after = (folder / "contracts" / "endpoints.md").read_text(encoding="utf-8")
    assert changed_lines(before, after) == ["-- **Auth**: Token", "+- **Auth**: A reset token"]
    assert plancore.read_feature(folder).api == edited.api
