"""Plans as JSON: to_json/from_json, the JSON Schema, and convert --to/--from json."""

from __future__ import annotations

import json
import re
import typing
from pathlib import Path

import attrs
import jsonschema
import pytest
from helpers import corpus_files
from hypothesis import given, settings
from strategies import hostile_plans, plans

import plancore
from plancore import _model
from plancore._cli import main
from plancore._convert import convert_plan
from plancore._fields import leaves

CORPUS = corpus_files()
IDS = [path.name for _, path in CORPUS]
VALIDATOR = jsonschema.Draft202012Validator(plancore.json_schema())

# A small maestro plan written for these tests (two phases, a done task).
MAESTRO = """\
# Implementation Plan: Export reports

**Feature ID:** 042
**Spec:** specs/042/spec.md
**Created:** 2026-01-05
**Status:** Draft

---

## 5. Implementation Phases

### Phase 1: Writer

- **Goal:** Reports are written as CSV
- **Tasks:**
  - Add the CSV writer
  - Add a download button
- **Deliverable:** A CSV file

### Phase 2: Schedules

- **Goal:** Reports are sent every week
- **Tasks:**
  - Add the scheduler
- **Deliverable:** A weekly mail
"""


def test_empty_plan_is_the_version_and_an_empty_object() -> None:
    # Fields at their defaults are left out.
    assert plancore.to_json(plancore.Plan(), indent=None) == '{"schema_version": 2, "plan": {}}'
    assert plancore.from_json('{"schema_version": 2, "plan": {}}') == plancore.Plan()
    # Version 1 documents (before tasks had states and sub-tasks) read as they were.
    assert plancore.from_json('{"schema_version": 1, "plan": {}}') == plancore.Plan()


def test_nested_values_are_written_by_field_name() -> None:
    plan = plancore.Plan(
        summary="Add a cache",
        phases=(plancore.Phase(name="Build", tasks=(plancore.Task(text="Write it", done=True),)),),
        extra_sections=(plancore.Section(heading="Glossary", level=3, body="Terms"),),
    )
    document = json.loads(plancore.to_json(plan))
    assert document == {
        "schema_version": 2,
        "plan": {
            "summary": "Add a cache",
            "phases": [{"name": "Build", "tasks": [{"text": "Write it", "done": True}]}],
            "extra_sections": [{"heading": "Glossary", "level": 3, "body": "Terms"}],
        },
    }
    assert plancore.from_json(json.dumps(document)) == plan


def test_parsed_plan_leaves_its_source_out() -> None:
    plan = plancore.parse(MAESTRO, "maestro")
    document = json.loads(plancore.to_json(plan))
    assert set(document) == {"schema_version", "plan"}
    assert "source" not in document["plan"]
    # No copy of the text: the JSON holds each value once.
    assert plancore.to_json(plan).count("Add the CSV writer") == 1
    back = plancore.from_json(plancore.to_json(plan))
    assert back == plan
    assert back.source is None


def test_kept_source_writes_back_byte_for_byte_and_takes_an_edit() -> None:
    plan = plancore.parse(MAESTRO.replace("\n", "\r\n"), "maestro")
    text = plancore.to_json(plan, keep_source=True)
    document = json.loads(text)
    assert document["source"] == {"format": "maestro", "text": MAESTRO.replace("\n", "\r\n")}
    assert plancore.emit(plancore.from_json(text), "maestro") == MAESTRO.replace("\n", "\r\n")
    # An edit made in the JSON touches only its line of the kept text.
    document["plan"]["phases"][0]["goal"] = "Reports are written as JSON"
    edited = plancore.emit(plancore.from_json(json.dumps(document)), "maestro")
    expected = MAESTRO.replace("written as CSV", "written as JSON").replace("\n", "\r\n")
    assert edited == expected


def test_without_its_source_a_plan_is_written_afresh() -> None:
    # "Emits the same text": a plan from JSON without its source is written
    # from the template, exactly as the parsed plan is once its source is dropped.
    plan = plancore.parse(MAESTRO, "maestro")
    back = plancore.from_json(plancore.to_json(plan))
    assert plancore.emit(back, "maestro") == plancore.emit(attrs.evolve(plan, source=None), "maestro")
    assert plancore.emit(back, "maestro") != MAESTRO  # the layout is the writer's, not the author's


@given(plan=plans())
def test_json_round_trip(plan: plancore.Plan) -> None:
    text = plancore.to_json(plan)
    assert plancore.from_json(text) == plan
    VALIDATOR.validate(json.loads(text))


def _holds_surrogate(plan: plancore.Plan) -> bool:
    return any("\ud800" <= char <= "\udfff" for char in plancore.to_json(plan, indent=None))


@settings(max_examples=15)
@given(plan=hostile_plans)
def test_json_round_trip_of_any_text(plan: plancore.Plan) -> None:
    # Any text, Markdown marks, NUL and controls included; only a lone
    # surrogate (no file can hold it) is refused, by name.
    text = plancore.to_json(plan)
    if _holds_surrogate(plan):
        with pytest.raises(plancore.ParseError, match="lone surrogate"):
            plancore.from_json(text)
    else:
        assert plancore.from_json(text) == plan


@pytest.mark.skipif(not CORPUS, reason="../shared/corpus is absent")
@pytest.mark.parametrize(("name", "path"), CORPUS, ids=IDS)
def test_corpus_plan_json(name: str, path: Path) -> None:
    text = path.read_bytes().decode("utf-8")
    plan = plancore.parse(text, name)
    plain, kept = plancore.to_json(plan), plancore.to_json(plan, keep_source=True)
    VALIDATOR.validate(json.loads(plain))
    VALIDATOR.validate(json.loads(kept))
    assert plancore.from_json(plain) == plan
    assert plancore.emit(plancore.from_json(plain), name) == plancore.emit(attrs.evolve(plan, source=None), name)
    assert plancore.emit(plancore.from_json(kept), name) == text
    # Defaults left out: compact JSON is near the plan's own size (attrs.asdict gave 3.5x).
    assert len(plancore.to_json(plan, indent=None).encode()) < 1.5 * len(text.encode()) + 100


BAD = [
    ('{"schema_version": 1, "plan": {"phases": [{"done": "yes"}]}}', "$.plan.phases[0].done: expected a boolean"),
    ('{"schema_version": 1, "plan": {"phases": "abc"}}', "$.plan.phases: expected an array, got a string"),
    ('{"schema_version": 1, "plan": {"metadata": {"title": 5}}}', "$.plan.metadata.title: expected a string"),
    ('{"schema_version": 1, "plan": {"metadata": {"titel": "x"}}}', "$.plan.metadata: unknown key(s): titel"),
    ('{"schema_version": 1, "plan": {"source": "x"}}', "$.plan: unknown key(s): source"),
    ('{"schema_version": 1, "plan": {"metadata": []}}', "$.plan.metadata: expected an object, got an array"),
    ('{"schema_version": 1, "plan": {"open_questions": [1]}}', "$.plan.open_questions[0]: expected a string"),
    (
        '{"schema_version": 1, "plan": {"extra_sections": [{"level": 2.5}]}}',
        "$.plan.extra_sections[0].level: expected an integer, got a number",
    ),
    (
        '{"schema_version": 1, "plan": {"extra_sections": [{"level": true}]}}',
        "$.plan.extra_sections[0].level: expected an integer, got a boolean",
    ),
    ('{"schema_version": 1, "plan": null}', "$.plan: expected an object, got null"),
    ('{"schema_version": 3, "plan": {}}', "$.schema_version: this plancore reads schema_version 1 or 2, got 3"),
    ('{"schema_version": "1", "plan": {}}', '$.schema_version: this plancore reads schema_version 1 or 2, got "1"'),
    ('{"plan": {}}', "$.schema_version: this plancore reads schema_version 1 or 2, got none"),
    ('{"schema_version": 1}', "$.plan: missing"),
    ('{"schema_version": 1, "plan": {}, "extra": 1}', "$: unknown key(s): extra"),
    ("[]", "$: expected an object, got an array"),
    ('{"schema_version": 1, "plan": {}, "source": {"format": "x", "text": "# Plan"}}', "$.source.format: expected"),
    ('{"schema_version": 1, "plan": {}, "source": {"format": "maestro"}}', "$.source.text: expected a string"),
]


@pytest.mark.parametrize(("text", "message"), BAD)
def test_wrong_shapes_raise_a_parse_error_naming_the_path(text: str, message: str) -> None:
    with pytest.raises(plancore.ParseError) as caught:
        plancore.from_json(text)
    assert str(caught.value).startswith(message)
    # The schema refuses the same documents (but the format's text, which it cannot read).
    if "source" not in text:
        assert not VALIDATOR.is_valid(json.loads(text))


def test_not_json_names_the_line() -> None:
    with pytest.raises(plancore.ParseError) as caught:
        plancore.from_json('{"schema_version": 1,\n  "plan": {,}}')
    assert caught.value.line == 2
    assert "not JSON" in str(caught.value)
    with pytest.raises(plancore.ParseError, match="nested too deeply"):
        plancore.from_json("[" * 100_000)


def test_unreadable_kept_source_is_a_parse_error() -> None:
    document = '{"schema_version": 1, "plan": {}, "source": {"format": "maestro", "text": "\\u0000"}}'
    with pytest.raises(plancore.ParseError, match=r"\$\.source\.text: cannot be read as maestro"):
        plancore.from_json(document)


def test_wrong_argument_types() -> None:
    with pytest.raises(plancore.PlanTypeError, match="decode it first"):
        plancore.from_json(b"{}")  # type: ignore[arg-type]
    with pytest.raises(plancore.PlanTypeError):
        plancore.to_json({"summary": "x"})  # type: ignore[arg-type]


def test_schema_is_generated_from_every_model_class() -> None:
    schema = plancore.json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["schema_version"] == 2
    assert schema["properties"]["schema_version"] == {"const": 2}
    # Source (what a plan was read from) is internal: the JSON carries it only as the "source" document key.
    classes = {
        name: cls
        for name, cls in vars(_model).items()
        if isinstance(cls, type) and attrs.has(cls) and cls is not _model.Source
    }
    assert set(schema["$defs"]) == set(classes)
    for name, cls in classes.items():
        fields = {field.name for field in attrs.fields(cls)} - ({"source"} if cls is plancore.Plan else set())
        assert set(schema["$defs"][name]["properties"]) == fields
    hints = typing.get_type_hints(plancore.Phase)
    assert hints["done"] is bool
    assert schema["$defs"]["Phase"]["properties"]["done"] == {"type": "boolean", "default": False}
    assert schema["$defs"]["Phase"]["properties"]["tasks"] == {
        "type": "array",
        "items": {"$ref": "#/$defs/Task"},
        "default": [],
    }


# --- the command line ---


def test_cli_convert_to_json_and_back(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    plan_file = tmp_path / "plan.md"
    plan_file.write_text(MAESTRO, encoding="utf-8")
    assert main(["convert", str(plan_file), "--to", "json"]) == 0
    out = capsys.readouterr().out
    assert out == plancore.to_json(plancore.parse(MAESTRO, "maestro"))
    json_file = tmp_path / "plan.json"
    assert main(["convert", str(plan_file), "--to", "json", "--keep-source", "-o", str(json_file)]) == 0
    assert main(["convert", str(json_file), "--from", "json", "--to", "maestro"]) == 0
    assert capsys.readouterr().out == MAESTRO


def test_cli_from_json_carries_what_the_target_cannot_hold(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    plan = plancore.Plan(summary="Add a cache", decisions=(plancore.Decision(title="Use Redis", rationale="Fast"),))
    json_file = tmp_path / "plan.json"
    json_file.write_text(plancore.to_json(plan), encoding="utf-8")
    assert main(["convert", str(json_file), "--from", "json", "--to", "speckit"]) == 0
    captured = capsys.readouterr()
    # Placed by the crosswalk's rows that read the plan's fields alone (issue 10): the decision as research.md
    # writes it, after the Technical Approach's own sections; the summary in the Context fence. No appendix.
    assert "## Research Decisions\n\n### Use Redis\n\n**Rationale**: Fast\n\n## Implementation Steps" in captured.out
    assert "```\nAdd a cache\n```" in captured.out
    assert "Appendix" not in captured.out and "appendix" not in captured.err
    # What no row places is carried as the format holding it writes it (SmartSpec's footer line), no field
    # written by its name: the plan has no text of its own to show it as written (issue 10).
    plan = plancore.Plan(summary="Add a cache", metadata=plancore.Metadata(updated="2026-11-20"))
    json_file.write_text(plancore.to_json(plan), encoding="utf-8")
    assert main(["convert", str(json_file), "--from", "json", "--to", "speckit"]) == 0
    captured = capsys.readouterr()
    carried = captured.out.split("## Appendix: Carried Over\n\n")[1]
    assert carried == (
        "What the json plan holds that the speckit format has no place for, under the smartspec format's headings."
        "\n\n*Last Updated: 2026-11-20*\n"
    )
    assert main(["convert", str(json_file), "--from", "json", "--to", "speckit", "--strict"]) == 3


def test_cli_json_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    json_file = tmp_path / "plan.json"
    json_file.write_text('{"schema_version": 1, "plan": {"phases": [{"done": 1}]}}', encoding="utf-8")
    assert main(["convert", str(json_file), "--from", "json", "--to", "maestro"]) == 1
    assert f"{json_file}: $.plan.phases[0].done: expected a boolean, got an integer" in capsys.readouterr().err
    assert main(["convert", str(json_file), "--to", "maestro", "--keep-source"]) == 2
    assert main(["convert", str(tmp_path), "--to", "json", "-o", str(tmp_path / "out")]) == 2
    assert main(["convert", str(json_file), "--from", "json", "--to", "maestro", "--report"]) == 2


def test_cli_from_json_writes_a_folder_format(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Trial 12 #14: JSON -> kiro said "unknown format 'kiro'"; the folder writers take the plan as any source's.
    json_file = tmp_path / "plan.json"
    json_file.write_text(plancore.to_json(plancore.parse(MAESTRO, "maestro")), encoding="utf-8")
    assert main(["convert", str(json_file), "--to", "kiro", "-o", f"{tmp_path / 'kiro'}/"]) == 0
    tasks = (tmp_path / "kiro" / "tasks.md").read_text(encoding="utf-8")
    # The two phases as Kiro's numbered tasks, their tasks under them (read against MAESTRO).
    assert tasks.startswith("# Implementation Plan: Export reports\n\n- [ ] 1. Writer\n")
    assert "- [ ] 2. Schedules\n" in tasks and "  - [ ] Add the scheduler\n" in tasks
    assert sorted(p.name for p in (tmp_path / "kiro").iterdir()) == [
        ".plancore-task-ids.json",
        "design.md",
        "requirements.md",
        "tasks.md",
    ]
    capsys.readouterr()
    # A folder format still needs a folder to write.
    assert main(["convert", str(json_file), "--to", "kiro", "-o", str(tmp_path / "kiro.md")]) == 2
    assert "kiro is a folder format: give the folder to write with -o FOLDER/" in capsys.readouterr().err


def test_cli_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    assert json.loads(capsys.readouterr().out) == plancore.json_schema()


def test_cli_reads_a_json_file_as_json_without_from(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # A plan.json given alone failed with "no plan format fits" (the Markdown formats' detection).
    json_file = tmp_path / "plan.json"
    json_file.write_text(plancore.to_json(plancore.parse(MAESTRO, "maestro"), keep_source=True), encoding="utf-8")
    assert main(["convert", str(json_file), "--to", "maestro"]) == 0
    assert capsys.readouterr().out == MAESTRO


_EXAMPLE = (Path(__file__).resolve().parents[1] / "examples" / "smartspec-plan.md").read_text(encoding="utf-8")
_APPENDIX = "## Appendix: Carried Over"


def _appendix_lines(text: str) -> int:
    return sum(1 for line in text.partition(_APPENDIX)[2].splitlines() if line.strip())


@pytest.mark.parametrize("target", plancore.formats())
def test_a_plan_from_json_is_placed_as_from_its_markdown(target: str) -> None:
    # Issue 10: a plan read from JSON keeps no author's text, yet every crosswalk row applies to it, and a
    # section carried as written is written as the format holding most of its fields writes it. Measured on
    # the bundled example: 425 appendix lines over the six other formats before, 72 now (93 from Markdown).
    from plancore._convert import convert_plan

    direct = plancore.convert(_EXAMPLE, target)
    from_json = convert_plan(plancore.from_json(plancore.to_json(direct.plan)), target, source="json")
    assert _appendix_lines(from_json.text) <= _appendix_lines(direct.text)
    assert len(from_json.losses) <= len(direct.losses)
    # Every word of the plan is in the output still.
    words = {word for _, value in leaves(direct.plan) if isinstance(value, str) for word in re.findall(r"\w+", value)}
    assert words <= set(re.findall(r"\w+", from_json.text))


def test_a_json_plans_appendix_is_written_as_a_format_holding_it_writes_it_and_comes_home() -> None:
    # No text of its own to show what a tasks file has no place for: aadt (holding the overview, the
    # definition of done and the notes) writes it under its own headings, in its shapes; read back by aadt.
    plan = plancore.Plan(
        metadata=plancore.Metadata(title="Cache"),
        summary="Add a cache",
        definition_of_done=(plancore.Task(text="Tests pass"), plancore.Task(text="Docs written")),
        notes="Keep it small.",
    )
    converted = convert_plan(plancore.from_json(plancore.to_json(plan)), "speckit-tasks", source="json")
    assert converted.text.split("## Appendix: Carried Over\n\n")[1] == (
        "What the json plan holds that the speckit-tasks format has no place for, under the aadt format's headings."
        "\n\n### Overview\n\nAdd a cache\n\n### Definition of Done\n\n- [ ] Tests pass\n- [ ] Docs written"
        "\n\n### Notes\n\nKeep it small.\n"
    )
    back = plancore.convert(converted.text, "aadt", source="speckit-tasks")
    assert "Appendix" not in back.text
    read = plancore.parse(back.text, "aadt")
    assert (read.summary, read.notes) == ("Add a cache", "Keep it small.")
    assert [task.text for task in read.definition_of_done] == ["Tests pass", "Docs written"]
