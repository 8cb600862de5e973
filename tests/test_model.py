"""The model refuses values of the wrong type at construction (issue 11, Model;
../shared/cases/reliability/02-model-accepts-wrong-types.sh)."""

from __future__ import annotations

import typing

import attrs
import pytest
from helpers import examples
from hypothesis import given, settings
from strategies import model_instance, unchecked_models

import plancore
from plancore import _model


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (lambda: plancore.Plan(summary=None), "Plan.summary: expected str, got NoneType None"),
        (lambda: plancore.Task(text="t", done="no"), "Task.done: expected bool, got str 'no'"),
        (lambda: plancore.Task(done=1), "Task.done: expected bool, got int 1"),
        (lambda: plancore.Section(heading="X", level=9), "Section.level: expected 1 to 6"),
        (lambda: plancore.Section(heading="X", level=0), "Section.level: expected 1 to 6"),
        (lambda: plancore.Section(heading="X", level=-1), "Section.level: expected 1 to 6"),
        (lambda: plancore.Section(heading="X", level=True), "Section.level: expected int, got bool"),
        (lambda: plancore.Section(heading="X", level="2"), "Section.level: expected int, got str"),
        (lambda: plancore.Plan(phases=[plancore.Phase()]), "Plan.phases: expected tuple of Phase, got list"),
        (lambda: plancore.Plan(phases=(plancore.Task(),)), "Plan.phases: expected tuple of Phase, got tuple"),
        (lambda: plancore.Plan(open_questions=("a", 1)), "Plan.open_questions: expected tuple of str"),
        (lambda: plancore.Plan(metadata={"title": "x"}), "Plan.metadata: expected Metadata, got dict"),
        (lambda: plancore.Phase(tasks=({"text": "t"},)), "Phase.tasks: expected tuple of Task, got tuple"),
        (lambda: plancore.Plan(source="text"), "Plan.source: expected Source or None, got str"),
    ],
)
def test_wrong_types_are_refused_at_construction(build: typing.Callable[[], object], message: str) -> None:
    with pytest.raises(plancore.PlanTypeError) as refused:
        build()
    assert str(refused.value).startswith(message)
    assert isinstance(refused.value, TypeError)


def test_evolve_is_checked_too() -> None:
    task = plancore.Task(text="t")
    with pytest.raises(plancore.PlanTypeError, match=r"Task\.done"):
        attrs.evolve(task, done="yes")


def test_the_case_02_values_are_refused_before_anything_is_written() -> None:
    # What case 02 wrote as 'None', a ticked box and a heading that reads back as prose.
    for build in (
        lambda: plancore.Plan(summary=None),
        lambda: plancore.Phase(name="A", tasks=(plancore.Task(text="t", done="no"),)),
        lambda: plancore.Section(heading="X", level=9, body="b"),
    ):
        with pytest.raises(plancore.PlanTypeError):
            build()


def test_right_types_are_taken_as_they_are() -> None:
    text_section = plancore.Section(heading="", level=0, body="text kept in place")
    assert text_section.level == 0
    for level in range(1, 7):
        assert plancore.Section(heading="H", level=level).level == level
    task = plancore.Task(text="t", done=True)
    plan = plancore.Plan(summary="s", phases=(plancore.Phase(name="A", tasks=(task,)),), open_questions=("q",))
    assert plan.phases[0].tasks == (task,)


def test_every_model_field_is_checked() -> None:
    """Fields added later get their check from their annotation (here: every
    field of every class refuses an object of no model type)."""
    stranger = object()
    required = {"Source": {"format": "smartspec", "text": "", "plan": plancore.Plan()}}
    for name in _model.__all__:
        cls = getattr(_model, name)
        if not (isinstance(cls, type) and attrs.has(cls)):
            continue
        hints = typing.get_type_hints(cls)
        for field in attrs.fields(cls):
            if hints[field.name] is typing.Any:
                continue
            with pytest.raises(plancore.PlanTypeError, match=rf"^{cls.__name__}\.{field.name}: expected "):
                cls(**{**required.get(name, {}), field.name: stranger})


# --- Each model field says what it holds and which formats write it (issue 17). ---


def _writers(path: str) -> list[str]:
    """The formats with a place for the field at ``path`` (a container: for any field in it)."""
    return [
        name
        for name in plancore.formats()
        if path in (holds := plancore.format_info(name).holds) or any(h.startswith(path + ".") for h in holds)
    ]


def _paths(cls: type, prefix: str = "") -> typing.Iterator[tuple[type, str, str]]:
    hints = typing.get_type_hints(cls)
    for field in attrs.fields(cls):
        hint = hints[field.name]
        item = typing.get_args(hint)[0] if typing.get_origin(hint) is tuple else hint
        yield cls, field.name, prefix + field.name
        if isinstance(item, type) and attrs.has(item):
            yield from _paths(item, prefix + field.name + ".")


def _documented(cls: type) -> dict[str, str]:
    """The ``Attributes:`` entries of ``cls``'s docstring, by field name, each on one line."""
    doc = (cls.__doc__ or "").split("Attributes:\n", 1)[1]
    entries: dict[str, str] = {}
    name = ""
    for line in doc.splitlines():
        if line.startswith("        ") and not line.startswith("         ") and ": " in line:
            name, text = line.strip().split(": ", 1)
            entries[name] = text
        elif line.startswith("            ") and name:
            entries[name] += " " + line.strip()
        elif not line.strip():
            name = ""
    return entries


def test_every_model_field_says_what_it_holds() -> None:
    for cls, name, _ in _paths(plancore.Plan):
        assert name in _documented(cls), f"{cls.__name__}.{name} is not in its class's Attributes"
        assert len(_documented(cls)[name]) > 10


def test_written_by_matches_what_the_formats_hold() -> None:
    """Every "Written by" claim in the model's docstrings is what the formats declare they hold."""
    claims = 0
    for cls, name, path in _paths(plancore.Plan):
        text = _documented(cls)[name]
        if "Written by: " not in text:
            continue
        claims += 1
        said = text.split("Written by: ", 1)[1].rstrip(".")
        writers = _writers(path)
        expected = "every format" if len(writers) == len(plancore.formats()) else ", ".join(writers) or "no format"
        assert said == expected, f"{cls.__name__}.{name} ({path}): says {said!r}, formats hold it in {expected!r}"
    assert claims > 120
    # Checked by hand: SpecPulse phase headings carry a priority ([Priority: HIGH]); SmartSpec, maestro and aadt
    # write a phase's priority as a labelled line of the phase (tests/test_phase_parts.py,
    # tests/test_smartspec_phase_parts.py), which their templates lack.
    assert "Written by: smartspec, maestro, specpulse, aadt." in _documented(plancore.Phase)["priority"]


def _outcome(check: typing.Callable[[], object]) -> tuple[type, str] | None:
    try:
        check()
    except Exception as error:
        return type(error), str(error)
    return None


def _checked_field_by_field(instance: object) -> None:
    # The check of an instance as made before it was written out (``_model._exact_check``): each field in
    # order, against its annotation's check, then by its own validator.
    cls = type(instance)
    checks, owns = _model._field_checks[cls]
    own_of = {attribute.name: own for attribute, own in owns}
    hints = typing.get_type_hints(cls)
    for field in attrs.fields(cls):
        value = getattr(instance, field.name)
        check = checks.get(field.name)
        if check is not None and not check(value):
            expected = _model._check_for(hints[field.name])
            _model._fail(instance, field, value, expected[1] if expected is not None else "")
        if field.name in own_of:
            own_of[field.name](instance, field, value)


def _written_out(cls: type) -> None:
    # The class's checks resolved at its first instance, and written out as after many of them
    # (``_model._WRITTEN_AFTER``): a one-file conversion makes too few of a class to write its check out.
    instance = model_instance(cls)
    last = attrs.fields(cls)[-1]
    assert last.validator is not None
    kept = _model._WRITTEN_AFTER
    _model._WRITTEN_AFTER = 0
    try:
        last.validator(instance, last, getattr(instance, last.name))
    finally:
        _model._WRITTEN_AFTER = kept


@settings(max_examples=examples(600), deadline=None)
@given(unchecked_models())
def test_an_instance_is_taken_or_refused_as_by_its_fields_checked_one_by_one(
    case: tuple[type, dict[str, object]],
) -> None:
    cls, values = case
    _written_out(cls)
    with attrs.validators.disabled():
        instance = cls(**values)
    last = attrs.fields(cls)[-1]
    assert last.validator is not None
    made = _outcome(lambda: last.validator(instance, last, getattr(instance, last.name)))
    assert made == _outcome(lambda: _checked_field_by_field(instance))
