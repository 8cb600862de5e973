"""Contract 1 and 2: each format's blank template, byte for byte."""

from __future__ import annotations

import itertools

import pytest
from helpers import read_seed

import plancore
from plancore._registry import get_format

FORMATS = plancore.formats()


@pytest.mark.parametrize("name", FORMATS)
def test_shipped_template_is_the_seed(name: str) -> None:
    assert get_format(name).blank_text == read_seed(name)


@pytest.mark.parametrize("name", FORMATS)
def test_empty_plan_emits_the_blank_template(name: str) -> None:
    assert plancore.emit(plancore.Plan(), name) == read_seed(name)


@pytest.mark.parametrize("name", FORMATS)
def test_blank_template_has_no_content(name: str) -> None:
    plan = plancore.parse(read_seed(name), name)
    assert plan == plancore.Plan()


@pytest.mark.parametrize("name", FORMATS)
def test_template_round_trips_byte_for_byte(name: str) -> None:
    seed = read_seed(name)
    assert plancore.emit(plancore.parse(seed, name), name) == seed


@pytest.mark.parametrize("name", FORMATS)
def test_template_round_trips_when_rendered_afresh(name: str) -> None:
    # Without the kept source the writer must still give the same bytes.
    seed = read_seed(name)
    plan = plancore.parse(seed, name)
    fresh = plancore.Plan(**{f: getattr(plan, f) for f in ("metadata", "summary", "phases")})
    assert plancore.emit(fresh, name) == seed


@pytest.mark.parametrize("name", FORMATS)
def test_seed_is_detected_as_its_format(name: str) -> None:
    assert plancore.detect(read_seed(name)) == name


@pytest.mark.parametrize(("source", "target"), list(itertools.permutations(FORMATS, 2)))
def test_blank_converts_to_blank(source: str, target: str) -> None:
    result = plancore.convert(read_seed(source), target, source=source)
    assert result.text == read_seed(target)
    assert result.losses == ()
    assert (result.source, result.target) == (source, target)
