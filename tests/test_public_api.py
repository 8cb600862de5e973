"""The public surface is exactly the documented contract plus the model classes."""

from __future__ import annotations

import inspect

import attrs

import plancore
from plancore import _model

CONTRACT = {
    "formats",
    "detect",
    "parse",
    "emit",
    "convert",
    "Conversion",
    "Loss",
    "Plan",
    "PlanError",
    "UnknownFormatError",
    "LossError",
    "ParseError",
    "EmitError",
    "PlanTypeError",
    "FieldReport",
}


def test_all_is_sorted() -> None:
    assert plancore.__all__ == sorted(plancore.__all__)


def test_public_names_are_the_contract_and_the_model() -> None:
    model = {name for name, obj in vars(_model).items() if inspect.isclass(obj) and attrs.has(obj)}
    assert set(plancore.__all__) == CONTRACT | model
    public = {name for name in dir(plancore) if not name.startswith("_")}
    assert public == set(plancore.__all__)


def test_every_error_is_a_plan_error() -> None:
    assert issubclass(plancore.UnknownFormatError, plancore.PlanError)
    assert issubclass(plancore.LossError, plancore.PlanError)
    assert issubclass(plancore.ParseError, plancore.PlanError)
    assert issubclass(plancore.EmitError, plancore.PlanError)
    assert issubclass(plancore.PlanTypeError, plancore.PlanError)


def test_the_six_formats_are_registered() -> None:
    assert plancore.formats() == ("smartspec", "maestro", "specpulse", "aadt", "speckit", "speckit-github")


def test_plan_is_frozen() -> None:
    plan = plancore.Plan()
    try:
        plan.summary = "x"  # type: ignore[misc]
    except attrs.exceptions.FrozenInstanceError:
        pass
    else:  # pragma: no cover
        raise AssertionError("Plan is mutable")
