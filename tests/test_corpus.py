"""Real plans from ../shared/corpus: read, written back byte for byte, converted to every format."""

from __future__ import annotations

import re
from pathlib import Path

import attrs
import pytest
from helpers import corpus_files, unplaced

import plancore

CORPUS = corpus_files()
IDS = [path.name for _, path in CORPUS]


@pytest.mark.skipif(not CORPUS, reason="../shared/corpus is absent")
@pytest.mark.parametrize(("name", "path"), CORPUS, ids=IDS)
def test_corpus_plan_round_trips(name: str, path: Path) -> None:
    text = path.read_bytes().decode("utf-8")
    plan = plancore.parse(text, name)
    assert plancore.emit(plan, name) == text


@pytest.mark.skipif(not CORPUS, reason="../shared/corpus is absent")
@pytest.mark.parametrize(("name", "path"), CORPUS, ids=IDS)
def test_corpus_plan_rendered_afresh_reads_back_the_same(name: str, path: Path) -> None:
    # Without its kept source, the writer lays the plan out from its template;
    # whatever the layout, reading it gives the same plan.
    plan = plancore.parse(path.read_bytes().decode("utf-8"), name)
    fresh = plancore.emit(attrs.evolve(plan, source=None), name)
    assert unplaced(plancore.parse(fresh, name)) == unplaced(plan)


@pytest.mark.skipif(not CORPUS, reason="../shared/corpus is absent")
@pytest.mark.parametrize(("name", "path"), CORPUS, ids=IDS)
def test_corpus_plan_is_detected(name: str, path: Path) -> None:
    assert plancore.detect(path.read_bytes().decode("utf-8")) == name


def _unleveled(text: str) -> str:
    """``text`` with every ATX heading mark one ``#`` and no line's indentation: the words and lines,
    not the levels (a list carried nested under its item, as an author's section wrote it, is kept)."""
    return re.sub(r"(?m)^[ \t]+", "", re.sub(r"(?m)^#{1,6}(?=[ \t])", "#", text))


@pytest.mark.skipif(not CORPUS, reason="../shared/corpus is absent")
@pytest.mark.parametrize(("name", "path"), CORPUS, ids=IDS)
def test_corpus_plan_converts_to_every_format(name: str, path: Path) -> None:
    text = path.read_bytes().decode("utf-8")
    plan = plancore.parse(text, name)
    assert plan != plancore.Plan() or "template" in path.name
    for target in plancore.formats():
        result = plancore.convert(text, target, source=name)
        assert plancore.detect(result.text) == target
        plancore.parse(result.text, target)
        # Everything the target lacks a place for is listed and carried over (a value's own
        # sub-headings one level deeper or more in the appendix, under its section's heading),
        # but a template's heading or label in translation, which the target replaced by its own.
        for loss in result.losses:
            if isinstance(loss.value, str) and loss.carried:
                assert _unleveled(loss.value) in _unleveled(result.text)
