"""Issue 14: Spec Kit's spec.md as a part of the feature folder: user stories, functional requirements
and success criteria read into ``Plan.requirements`` and ``Plan.success_metrics`` and written back."""

from __future__ import annotations

import tempfile
from pathlib import Path

import attrs
import pytest
from helpers import SHARED, changed_lines, copy_shared, examples
from hypothesis import given, settings
from strategies import spec_metrics, spec_requirements, spec_texts
from test_cli import run_here

import plancore
from plancore import Criterion, Labeled, Metadata, Plan, Requirement
from plancore._convert import convert_plan
from plancore._formats.speckit_spec import SPECKIT_SPEC

FEATURES = SHARED / "corpus" / "speckit-feature"
NAMES = ["carrental-002-car-photo-storage", "prompt-studio-001-prompt-studio", "todo2-001-todo-app"]


def _copy(name: str, tmp_path: Path) -> Path:
    return copy_shared(FEATURES / name, tmp_path / name)


def _by_id(plan: Plan) -> dict[str, Requirement]:
    return {requirement.id: requirement for requirement in plan.requirements}


# --- The three real folders -------------------------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_spec_md_is_read_into_the_plan_and_written_back_unchanged(name: str, tmp_path: Path) -> None:
    folder = _copy(name, tmp_path)
    before = (folder / "spec.md").read_bytes()
    plan = plancore.read_feature(folder)
    assert plan.requirements and plan.success_metrics
    # No longer carried whole: its parts are the plan's.
    assert "spec.md" not in {section.heading for section in plan.extra_sections}
    assert plancore.write_feature(plan, folder).written == ()
    assert (folder / "spec.md").read_bytes() == before


def test_todo2_spec_read_by_hand(tmp_path: Path) -> None:
    plan = plancore.read_feature(_copy("todo2-001-todo-app", tmp_path))
    requirements = _by_id(plan)
    # spec.md lines 20-37, read by hand.
    first = requirements["US1"]
    assert (first.title, first.priority) == ("Add Todo Items", "P1")
    assert first.user_story == "Users need to quickly capture tasks they need to complete by adding them to a list."
    assert first.rationale.startswith("This is the core functionality - without the ability to add todos")
    assert first.independent_test.startswith("Can be fully tested by opening the app, adding a todo item")
    assert [criterion.id for criterion in first.criteria] == ["1", "2", "3", "4", "5", "6", "7", "8"]
    assert first.criteria[0].text == (
        '**US1-AS1**: **Given** the app is open, **When** the user enters "Buy groceries" and submits, '
        '**Then** "Buy groceries" appears in the todo list'
    )
    assert [(r.id, r.priority, len(r.criteria)) for r in plan.requirements if r.id.startswith("US")] == [
        ("US1", "P1", 8),
        ("US2", "P2", 3),
        ("US3", "P3", 3),
        ("US4", "P1", 3),
    ]
    # Lines 108-123: the functional requirements, the error-handling ones after a bold line included.
    assert [r.id for r in plan.requirements if not r.id.startswith("US")] == [
        *(f"FR-00{n}" for n in range(1, 7)),
        "FR-006a",
        "FR-007",
        "FR-008",
        "FR-ERR-001",
        "FR-ERR-002",
        "FR-ERR-003",
    ]
    assert requirements["FR-004"].text == "System MUST allow users to delete todo items"
    assert plan.success_metrics[0] == Labeled(label="SC-001", value="Users can add a new todo item in under 5 seconds")
    assert len(plan.success_metrics) == 5
    # Everything else stays in place as written.
    headings = [section.heading for section in plan.extra_sections]
    assert {"Clarifications", "Edge Cases", "Key Entities", "Verification Requirements"} <= set(headings)


def test_carrental_spec_read_by_hand(tmp_path: Path) -> None:
    plan = plancore.read_feature(_copy("carrental-002-car-photo-storage", tmp_path))
    requirements = _by_id(plan)
    # spec.md lines 13-43: a scenario wrapped over two lines keeps its line break, unindented.
    first = requirements["US1"]
    assert (first.title, first.priority, len(first.criteria)) == ("Administrator adds a photo to a car", "P1", 6)
    assert first.criteria[0] == Criterion(
        id="1",
        text="**Given** an authenticated administrator and an existing car, **When** they add a valid image to\n"
        "the car, **Then** the image is stored and associated with that car.",
    )
    assert (requirements["US3"].priority, len(requirements["US3"].criteria)) == ("P2", 3)
    # Lines 104-138: FR-001 to FR-011, under four #### groups.
    assert [r.id for r in plan.requirements if r.id.startswith("FR")] == [f"FR-{n:03d}" for n in range(1, 12)]
    assert requirements["FR-002"].text == (
        "The system MUST restrict adding and removing a car's photo to administrators;\n"
        "authenticated non-administrators MUST be rejected as forbidden and unauthenticated requests as\n"
        "unauthorized."
    )
    assert [metric.label for metric in plan.success_metrics] == [f"SC-00{n}" for n in range(1, 6)]


def test_prompt_studio_spec_read_by_hand(tmp_path: Path) -> None:
    plan = plancore.read_feature(_copy("prompt-studio-001-prompt-studio", tmp_path))
    stories = [r for r in plan.requirements if r.id.startswith("US")]
    assert [(r.id, r.priority, len(r.criteria)) for r in stories] == [
        ("US1", "P1", 4),
        ("US2", "P1", 5),
        ("US3", "P2", 3),
        ("US4", "P2", 4),
        ("US5", "P3", 3),
        ("US6", "P3", 4),
        ("US7", "P4", 3),
    ]
    assert stories[6].title == "附件管理（图片/视频）"
    assert [r.id for r in plan.requirements if r.id.startswith("FR")] == [f"FR-{n:03d}" for n in range(1, 46)]
    assert len(plan.success_metrics) == 10


def test_an_edit_rewrites_only_its_lines_of_spec_md(tmp_path: Path) -> None:
    folder = _copy("carrental-002-car-photo-storage", tmp_path)
    before = (folder / "spec.md").read_text(encoding="utf-8")
    plan = plancore.read_feature(folder)
    requirements = list(plan.requirements)
    at = next(index for index, r in enumerate(requirements) if r.id == "FR-007")
    requirements[at] = attrs.evolve(requirements[at], text="The system MUST return a car with no photo.")
    story = requirements[2]
    requirements[2] = attrs.evolve(story, priority="P1")
    edited = attrs.evolve(plan, requirements=tuple(requirements))
    assert plancore.write_feature(edited, folder).written == ("spec.md",)
    after = (folder / "spec.md").read_text(encoding="utf-8")
    assert changed_lines(before, after) == [
        "-### User Story 3 - Administrator removes a car's photo (Priority: P2)",
        "+### User Story 3 - Administrator removes a car's photo (Priority: P1)",
        "-- **FR-007**: The system MUST return a car with no photo (an empty value, not an error) when the car",
        "-  has none.",
        "+- **FR-007**: The system MUST return a car with no photo.",
    ]
    assert plancore.read_feature(folder).requirements == edited.requirements


# --- A plan's requirements written as a new spec.md ---------------------------------------------

NEW_SPEC = """\
# Feature Specification: Photo upload

## User Scenarios & Testing *(mandatory)*

### User Story 1 - Add a photo (Priority: P1)

An administrator attaches a photo to a car.

**Why this priority**: Nothing else works without it.

**Independent Test**: Add a photo and fetch it back.

**Acceptance Scenarios**:

1. **Given** a car, **When** an administrator adds a photo, **Then** the car has it
2. **Given** a visitor, **When** they add a photo,
   **Then** it is refused

---

## Requirements *(mandatory)*

### Functional Requirements

- **FR-001**: System MUST store one photo per car
- **FR-002**: System MUST refuse files over 5 MB

## Success Criteria *(mandatory)*

### Measurable Outcomes

- **SC-001**: A photo is shown within 1 second
"""


def _new_plan() -> Plan:
    return Plan(
        metadata=Metadata(title="Photo upload"),
        requirements=(
            Requirement(
                id="US1",
                title="Add a photo",
                priority="P1",
                user_story="An administrator attaches a photo to a car.",
                rationale="Nothing else works without it.",
                independent_test="Add a photo and fetch it back.",
                criteria=(
                    Criterion(
                        id="1", text="**Given** a car, **When** an administrator adds a photo, **Then** the car has it"
                    ),
                    Criterion(id="2", text="**Given** a visitor, **When** they add a photo,\n**Then** it is refused"),
                ),
            ),
            Requirement(id="FR-001", text="System MUST store one photo per car"),
            Requirement(id="FR-002", text="System MUST refuse files over 5 MB"),
        ),
        success_metrics=(Labeled(label="SC-001", value="A photo is shown within 1 second"),),
    )


def test_a_plan_with_requirements_gives_a_spec_md_in_spec_kits_shape(tmp_path: Path) -> None:
    result = plancore.write_feature(_new_plan(), tmp_path / "005-photo")
    assert "spec.md" in result.written
    text = (tmp_path / "005-photo" / "spec.md").read_text(encoding="utf-8")
    # Written out by hand from spec-template v1.0.1's shape: no placeholder beside the real content.
    assert text == NEW_SPEC
    back = plancore.read_feature(tmp_path / "005-photo")
    assert back.requirements == _new_plan().requirements
    assert back.success_metrics == _new_plan().success_metrics
    assert plancore.write_feature(back, tmp_path / "005-photo").written == ()


def test_only_the_sections_the_plan_fills_are_written(tmp_path: Path) -> None:
    plan = Plan(requirements=(Requirement(id="FR-001", text="System MUST log in users"),))
    plancore.write_feature(plan, tmp_path / "007-login")
    # No stories, no success criteria: neither section, nor a placeholder; the feature named by its folder.
    assert (tmp_path / "007-login" / "spec.md").read_text(encoding="utf-8") == (
        "# Feature Specification: login\n\n## Requirements *(mandatory)*\n\n### Functional Requirements\n\n"
        "- **FR-001**: System MUST log in users\n"
    )


@settings(max_examples=examples(25), deadline=None)
@given(spec_requirements(), spec_metrics)
def test_requirements_survive_a_spec_md(requirements: tuple[Requirement, ...], metrics: tuple[Labeled, ...]) -> None:
    plan = Plan(metadata=Metadata(title="X"), requirements=requirements, success_metrics=metrics)
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary) / "001-x"
        plancore.write_feature(plan, folder)
        back = plancore.read_feature(folder)
        assert back.requirements == requirements
        assert back.success_metrics == metrics
        assert plancore.write_feature(back, folder).written == ()


# --- Across formats -----------------------------------------------------------------------------


def test_a_folder_to_smartspec_and_back_keeps_or_reports_its_requirements(tmp_path: Path) -> None:
    folder = _copy("todo2-001-todo-app", tmp_path)
    output = tmp_path / "plan.md"
    status, _, err = run_here("convert", str(folder), "--to", "smartspec", "-o", str(output))
    assert status == 0, err
    text = output.read_text(encoding="utf-8")
    # Every requirement is in the single file's Requirements section, as spec.md writes it.
    assert "\n## Requirements\n\n**Feature Branch**: `001-todo-app`" in text
    for requirement in plancore.read_feature(folder).requirements:
        if requirement.id.startswith("US"):
            assert (
                f"#### User Story {requirement.id[2:]} - {requirement.title} (Priority: {requirement.priority})" in text
            )
        else:
            assert f"- **{requirement.id}**: {requirement.text}\n" in text
    # And back to a folder: the section is spec.md again, its requirements as they were, and plan.md does
    # not carry it too.
    again = tmp_path / "again"
    status, _, err = run_here("convert", str(output), "--to", "speckit-github", "-o", f"{again}/")
    assert status == 0, err
    assert plancore.read_feature(again).requirements == plancore.read_feature(folder).requirements
    before = (folder / "spec.md").read_text(encoding="utf-8")
    # (The one change: the bold line over FR-ERR-001 set apart from its list by a blank line.)
    assert changed_lines(before, (again / "spec.md").read_text(encoding="utf-8")) == ["+"]
    assert "FR-ERR-003" not in (again / "plan.md").read_text(encoding="utf-8")


def test_a_folder_to_a_single_file_puts_its_parts_in_their_sections(tmp_path: Path) -> None:
    plan = plancore.read_feature(_copy("todo2-001-todo-app", tmp_path))
    for target in ("smartspec", "aadt", "specpulse"):
        conversion = convert_plan(plan, target, source="speckit-github")
        lost = {loss.path.split("[")[0].split(".")[0] for loss in conversion.losses}
        # Requirements (and, where the target has no field for them, success criteria, decisions,
        # data-model.md's text, contracts/) are in sections of their own: none is a loss.
        assert not lost & {"requirements", "success_metrics", "decisions"}, target
        # SmartSpec has a field for API examples, but contracts/README.md's headings break its section: they
        # go to the appendix, reported (the row places contracts/ only where the target has no such field).
        assert target == "smartspec" or "api" not in lost, target
        back = plancore.parse(conversion.text, target)
        sections = {section.heading: section.body for section in back.extra_sections}
        # spec.md's text under its title, each heading a level deeper: its header lines, Clarifications,
        # the stories, Edge Cases, the requirements, Key Entities, (success criteria,) Assumptions.
        spec = sections["Requirements"]
        assert spec.startswith("**Feature Branch**: `001-todo-app`  \n**Created**: 2025-12-02  \n")
        assert "\n### Clarifications\n\n#### Session 2025-12-02\n" in spec
        assert "\n#### User Story 1 - Add Todo Items (Priority: P1)\n\nUsers need to quickly" in spec
        assert "\n#### Edge Cases\n\n**Invalid or Missing Input**:\n" in spec
        assert "\n#### Functional Requirements\n\n- **FR-001**: System MUST allow users to add new todo items" in spec
        assert "- **FR-ERR-003**: System MUST show user-friendly messages" in spec
        assert "\n#### Key Entities\n\n- **Todo Item**: Represents a single task" in spec
        if target != "specpulse":
            assert "\n#### Measurable Outcomes\n\n- **SC-001**: Users can add a new todo item in under 5" in spec
        else:  # SpecPulse has success metrics of its own
            assert back.success_metrics[0] == Labeled(
                label="SC-001", value="Users can add a new todo item in under 5 seconds"
            )
            assert "SC-001" not in spec
    aadt = plancore.parse(convert_plan(plan, "aadt", source="speckit-github").text, "aadt")
    decisions = {section.heading: section.body for section in aadt.extra_sections}["Research Decisions"]
    # research.md lines 14-16, in research.md's own shape.
    assert decisions.startswith("### 1. Performance Requirements\n\n")
    assert "**Decision**: Target 100 req/s with <200ms p95 latency for MVP" in decisions


def test_strict_writes_nothing_when_spec_md_has_no_place_for_a_field(tmp_path: Path) -> None:
    plan = Plan(requirements=(Requirement(id="FR-001", text="System MUST log in users", capability="auth"),))
    with pytest.raises(plancore.LossError, match=r"requirements\[0\]\.capability"):
        plancore.write_feature(plan, tmp_path / "f", strict=True)
    assert not (tmp_path / "f").exists()
    result = plancore.write_feature(plan, tmp_path / "f")
    assert [loss.path for loss in result.losses] == ["requirements[0].capability"]


def test_cli_strict_refuses_a_folder_write_with_losses(tmp_path: Path) -> None:
    source = tmp_path / "plan.md"
    text = plancore.emit(Plan(metadata=Metadata(title="X", author="Ann"), summary="Why."), "aadt")
    source.write_text(text, encoding="utf-8")
    status, _, err = run_here("convert", str(source), "--to", "speckit-github", "-o", f"{tmp_path / 'f'}/", "--strict")
    assert status == 3 and "metadata.author" in err
    assert not (tmp_path / "f" / "plan.md").exists()
    status, _, err = run_here("convert", str(source), "--to", "speckit-github", "-o", f"{tmp_path / 'f'}/")
    assert status == 0 and (tmp_path / "f" / "plan.md").is_file()


@settings(max_examples=examples(40), deadline=None)
@given(spec_texts)
def test_any_spec_md_round_trips_and_takes_an_edit_in_place(text: str) -> None:
    plan = SPECKIT_SPEC.parse(text)
    assert SPECKIT_SPEC.emit(plan) == text
    if not plan.requirements:
        return
    # Written afresh, its requirements read back the same; an edit of the first one lands.
    assert SPECKIT_SPEC.parse(SPECKIT_SPEC.emit(attrs.evolve(plan, source=None))).requirements == plan.requirements
    first = plan.requirements[0]
    changed = (
        attrs.evolve(first, rationale="edited") if first.id.startswith("US") else attrs.evolve(first, text="edited")
    )
    edited = attrs.evolve(plan, requirements=(changed, *plan.requirements[1:]))
    out = SPECKIT_SPEC.emit(edited)
    assert SPECKIT_SPEC.parse(out).requirements == edited.requirements
    assert len(changed_lines(text, out)) <= 4


@pytest.mark.parametrize("name", NAMES)
def test_a_folder_written_to_a_new_folder_gives_spec_md_back(name: str, tmp_path: Path) -> None:
    folder = _copy(name, tmp_path)
    plan = plancore.read_feature(folder)
    plancore.write_feature(plan, tmp_path / "new")
    before = (folder / "spec.md").read_text(encoding="utf-8")
    after = (tmp_path / "new" / "spec.md").read_text(encoding="utf-8")
    # Written afresh from the plan: the FR groups' headings, the comments, Edge Cases, Key Entities and
    # Assumptions in their places; todo2's bold line over FR-ERR-001 set apart from its list by a blank line.
    assert changed_lines(before, after) == (["+"] if name == "todo2-001-todo-app" else [])
    assert plancore.read_feature(tmp_path / "new").requirements == plan.requirements


def test_a_named_requirement_keeps_its_statement_and_scenario_names_in_spec_md(tmp_path: Path) -> None:
    """An OpenSpec-shaped requirement (a name, a SHALL statement, named scenarios) written as a Spec Kit
    folder: the statement is under its story and each scenario keeps its name (they were dropped)."""
    requirement = plancore.Requirement(
        title="Export orders",
        text="The system SHALL export every order nightly.",
        criteria=(
            plancore.Criterion(title="Nightly run", text="- **WHEN** it is 02:00\n- **THEN** orders are exported"),
        ),
    )
    plancore.write_feature(plancore.Plan(requirements=(requirement,)), tmp_path / "f")
    spec = (tmp_path / "f" / "spec.md").read_text(encoding="utf-8")
    # Written out by hand from Spec Kit's story layout: the scenario in Spec Kit's Given/When/Then shape
    # (issue 14), its name as its label.
    assert (
        "### User Story 1 - Export orders\n\nThe system SHALL export every order nightly.\n\n"
        "**Acceptance Scenarios**:\n\n1. **Nightly run**: **When** it is 02:00, **Then** orders are exported\n"
    ) in spec
