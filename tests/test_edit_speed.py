"""An edit is written as fast as it can be, and as it was written before: ``Format.emit`` reads the
writer's own text of the edited plan only once a text tried does not read back as the plan, and
the splice's lines and line matching, found in C where they can be, are those of the definitions
kept here (the code as it was)."""

from __future__ import annotations

import bisect
import difflib
import itertools
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import attrs
import pytest
from helpers import corpus_files, examples
from hypothesis import example, given, settings
from hypothesis import strategies as st
from strategies import block_appending_edits, edited_line_lists, line_ended_texts, single_field_edits

import plancore
from plancore import EmitError
from plancore._fields import differing
from plancore._format import Format, forget_texts
from plancore._model import Source
from plancore._registry import get_format
from plancore._splice import _Changes, _lines, _newline, candidates, matching_blocks, restyle

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"
EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "smartspec-plan.md"
DOCUMENTS = [*corpus_files(), ("smartspec", EXAMPLE)]


# --- the references: the code as it was -------------------------------------------------------------


def _emit_as_before(fmt: Format, plan: plancore.Plan) -> str:
    """``Format.emit`` of an edited plan read in ``fmt``, reading the writer's text of the plan first."""
    source = plan.source
    assert isinstance(source, Source) and source.format == fmt.name and source.plan != plan
    edited = fmt._render(plan, spliced=True, like=source.text)
    wanted = fmt.parse(edited)
    edits = differing(source.plan, plan)
    allowed = wanted == plan or differing(wanted, plan) <= edits
    base = fmt._render(source.plan, spliced=True, like=source.text)
    for text in itertools.chain(candidates(source.text, base, edited), [edited]):
        text = restyle(text, like=source.text) if text is edited else text
        back = fmt.parse(text)
        if back == plan or (allowed and back == wanted):
            return text
    fields = ", ".join(sorted(differing(wanted, plan) - edits)) or "none"
    raise EmitError(f"cannot write the edit as {fmt.name} without changing what it did not edit (fields: {fields})")


_LINE = re.compile(r"([^\r\n]*)(\r\n|\r|\n|$)")


def _lines_as_before(text: str) -> list[tuple[str, str]]:
    lines: list[tuple[str, str]] = []
    for match in _LINE.finditer(text):
        if match.start() == len(text) and lines and lines[-1][1]:
            break
        lines.append((match.group(1), match.group(2)))
        if not match.group(2):
            break
    return lines


def _unique_anchors_as_before(
    a: Sequence[str], alo: int, ahi: int, b: Sequence[str], blo: int, bhi: int
) -> list[tuple[int, int]]:
    seen: dict[str, int] = {}
    for i in range(alo, ahi):
        line = a[i]
        seen[line] = -1 if line in seen else i
    pairs: dict[str, tuple[int, int]] = {}
    counted: dict[str, int] = {}
    for j in range(blo, bhi):
        line = b[j]
        if seen.get(line, -1) >= 0:
            counted[line] = counted.get(line, 0) + 1
            pairs[line] = (seen[line], j)
    candidates = sorted(pairs[line] for line, count in counted.items() if count == 1)
    tails: list[int] = []
    tail_at: list[int] = []
    back: list[int] = []
    for index, (_, j) in enumerate(candidates):
        pile = bisect.bisect_left(tails, j)
        if pile == len(tails):
            tails.append(j)
            tail_at.append(index)
        else:
            tails[pile] = j
            tail_at[pile] = index
        back.append(tail_at[pile - 1] if pile else -1)
    run: list[tuple[int, int]] = []
    at = tail_at[-1] if tail_at else -1
    while at >= 0:
        run.append(candidates[at])
        at = back[at]
    run.reverse()
    return run


def _matching_blocks_as_before(a: Sequence[str], b: Sequence[str]) -> list[tuple[int, int, int]]:
    pairs: list[tuple[int, int]] = []
    todo = [(0, len(a), 0, len(b))]
    while todo:
        alo, ahi, blo, bhi = todo.pop()
        while alo < ahi and blo < bhi and a[alo] == b[blo]:
            pairs.append((alo, blo))
            alo, blo = alo + 1, blo + 1
        while alo < ahi and blo < bhi and a[ahi - 1] == b[bhi - 1]:
            ahi, bhi = ahi - 1, bhi - 1
            pairs.append((ahi, bhi))
        if alo == ahi or blo == bhi:
            continue
        anchors = _unique_anchors_as_before(a, alo, ahi, b, blo, bhi)
        if anchors:
            for i, j in anchors:
                pairs.append((i, j))
                todo.append((alo, i, blo, j))
                alo, blo = i + 1, j + 1
            todo.append((alo, ahi, blo, bhi))
        elif (ahi - alo) * (bhi - blo) <= 40_000:
            matcher = difflib.SequenceMatcher(lambda line: not line.strip(), a[alo:ahi], b[blo:bhi], autojunk=False)
            for i, j, n in matcher.get_matching_blocks():
                pairs.extend((alo + i + k, blo + j + k) for k in range(n))
    pairs.sort()
    blocks: list[tuple[int, int, int]] = []
    for i, j in pairs:
        if blocks and blocks[-1][0] + blocks[-1][2] == i and blocks[-1][1] + blocks[-1][2] == j:
            blocks[-1] = (blocks[-1][0], blocks[-1][1], blocks[-1][2] + 1)
        else:
            blocks.append((i, j, 1))
    blocks.append((len(a), len(b), 0))
    return blocks


def _kept_as_before(base: Sequence[str], side: Sequence[str]) -> list[int]:
    kept = [-1] * len(base)
    for base_at, side_at, size in matching_blocks(base, side):
        for k in range(size):
            kept[base_at + k] = side_at + k
    return kept


# --- the splice's lines and line matching -------------------------------------------------------------


@given(line_ended_texts)
@example("")
@example("\n")
@example("a\r\n\rb")
@example("a\n\n")
def test_a_text_s_lines_and_line_ending_are_those_the_line_pattern_finds(text: str) -> None:
    lines = _lines_as_before(text)
    assert _lines(text) == lines
    counts: dict[str, int] = {}
    for _, ending in lines:
        if ending:
            counts[ending] = counts.get(ending, 0) + 1
    newline = max(counts, key=lambda ending: counts[ending]) if counts else "\n"
    assert _newline(text) == _newline(text, lines) == newline


@settings(max_examples=examples(300))
@given(edited_line_lists())
@example((["", "x", ""], ["", "y", ""]))
@example((["a", "", "b", "", "c"], ["a", " ", "", "c"]))
@example((["x", "", "y"], ["z", "", "w"]))
def test_matching_blocks_are_those_found_line_by_line(lines: tuple[list[str], list[str]]) -> None:
    a, b = lines
    assert matching_blocks(a, b) == _matching_blocks_as_before(a, b)
    assert matching_blocks(b, a) == _matching_blocks_as_before(b, a)
    assert _Changes(a, b).kept == _kept_as_before(a, b)


def test_matching_blocks_of_a_long_plan_are_those_found_line_by_line() -> None:
    # Long runs shared at both ends (found in doubling runs), many anchors and ranges between them.
    a = [line for i in range(3_000) for line in (f"### Phase {i}", "", "**Duration**: 2 days", "", "- [ ] t")]
    b = [line for i in range(3_000) for line in (f"### Phase {i}", "**Timeline**: 2 days", "", "- [ ] t")]
    for first, second in [(a, b), (a, [*a[:7_000], "- [x] t", *a[7_001:]]), (a[:-3], a[3:])]:
        assert matching_blocks(first, second) == _matching_blocks_as_before(first, second)


# --- an edit written over its text ---------------------------------------------------------------------


def _check_emit(name: str, plan: plancore.Plan) -> None:
    """``plancore.emit`` of the edited ``plan`` is ``_emit_as_before``'s, text or error."""
    fmt = get_format(name)
    try:
        expected: str | Exception = _emit_as_before(fmt, plan)
    except EmitError as error:
        expected = error
    forget_texts()
    try:
        out: str | Exception = plancore.emit(plan, name)
    except EmitError as error:
        out = error
    if isinstance(expected, Exception):
        assert isinstance(out, EmitError) and str(out) == str(expected)
    else:
        assert out == expected


@pytest.mark.skipif(len(DOCUMENTS) < 2, reason="../shared/corpus is absent")
@settings(max_examples=examples(40))
@given(data=st.data())
def test_an_edit_of_a_corpus_plan_is_written_as_before(data: st.DataObject) -> None:
    name, path = data.draw(st.sampled_from(DOCUMENTS), label="document")
    plan = plancore.parse(path.read_bytes().decode("utf-8"), name)
    if data.draw(st.booleans(), label="a block appended"):
        edited = data.draw(block_appending_edits(plan), label="edit")
    else:
        edited, _, _ = data.draw(single_field_edits(plan), label="edit")
    _check_emit(name, edited)


def test_an_edit_no_text_holds_is_refused_as_before() -> None:
    plan = plancore.parse(EXAMPLE.read_text(encoding="utf-8"), "smartspec")
    # A summary cannot hold a heading line: every text tried reads back otherwise.
    _check_emit("smartspec", attrs.evolve(plan, summary="Stream audit events.\n\n## Injected heading\n\nMore."))


def _bench_scaling() -> Any:
    sys.path.insert(0, str(BENCHMARKS))
    try:
        import bench_scaling
    finally:
        sys.path.remove(str(BENCHMARKS))
    return bench_scaling


@pytest.mark.parametrize("size", [300, 3_000])
def test_the_benchmark_s_edits_are_written_as_before(size: int) -> None:
    bench = _bench_scaling()
    text = bench.SHAPES["edit-tick-phases"](size)
    plan = plancore.parse(text, "specpulse")
    phase = plan.phases[-1]
    ticked = attrs.evolve(phase, tasks=(attrs.evolve(phase.tasks[0], done=True), *phase.tasks[1:]))
    _check_emit("specpulse", attrs.evolve(plan, phases=(*plan.phases[:-1], ticked)))
    text = bench.SHAPES["edit-title-unknown-sections"](size)
    plan = plancore.parse(text, "smartspec")
    _check_emit("smartspec", attrs.evolve(plan, metadata=attrs.evolve(plan.metadata, title="Another Title")))
