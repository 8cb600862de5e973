"""The public operations: detect, parse, emit, convert."""

from __future__ import annotations

import functools
import itertools
import re
from collections import Counter
from collections.abc import Callable
from typing import TypeVar

import attrs

from ._crosswalk import Placement, crosswalk, drop_unfilled
from ._errors import EmitError, LossError, ParseError, PlanError, PlanTypeError, UnknownFormatError, line_at
from ._fields import is_code, leaves
from ._format import Format, normalize_newlines, own_headings
from ._loss import Loss
from ._markdown import outline
from ._model import Plan, Section
from ._registry import FORMATS, get_format
from ._report import APPENDIX_HEADING, FieldReport, report

__all__ = ["Conversion", "convert", "detect", "emit", "formats", "parse"]

# Below this score a text is no plan of any format.
_MIN_SCORE = 2.0


@attrs.frozen
class Conversion:
    """The result of ``convert``: the output text and what it could not hold."""

    text: str
    plan: Plan
    source: str
    target: str
    losses: tuple[Loss, ...] = ()
    # Fields of the source that the crosswalk wrote elsewhere than in their
    # own field: into another field of the target, or a carried section.
    placed: tuple[Placement, ...] = ()

    def report(self) -> tuple[FieldReport, ...]:
        """Per field of the source plan, where its content went in ``text``:
        mapped to a section of the target, carried verbatim, carried into the
        appendix (exactly the ``losses``), or, for fields the target holds
        that the source left empty, unfilled."""
        return report(self.plan, self.text, get_format(self.target), self.losses)


def formats() -> tuple[str, ...]:
    """The names of the supported formats."""
    return tuple(FORMATS)


_SURROGATE = re.compile("[\ud800-\udfff]")
_NOT_BLANK = re.compile("[^\ufeff \t\r\n]")


def _check_text(text: object) -> str:
    """``text`` if it can be a plan; else a ``PlanError`` naming the line at fault."""
    if not isinstance(text, str):
        hint = " (decode it first: data.decode('utf-8'))" if isinstance(text, bytes | bytearray) else ""
        raise PlanTypeError(f"expected the plan as str, got {type(text).__name__}{hint}")
    if _NOT_BLANK.search(text) is None:
        raise ParseError("the text is empty", line=1)
    # The first fault is the one named.
    nul = text.find("\x00")
    if not text.isascii():
        surrogate = _SURROGATE.search(text, 0, nul if nul >= 0 else len(text))
        if surrogate is not None:
            raise ParseError(
                f"holds a lone surrogate U+{ord(surrogate.group()):04X}: not valid Unicode text"
                " (from bytes that are not UTF-8?)",
                line=line_at(text, surrogate.start()),
            )
    if nul >= 0:
        raise ParseError("holds a NUL character: binary data, not plan text", line=line_at(text, nul))
    return text


_T = TypeVar("_T")


def _guarded(action: Callable[[], _T], error: type[PlanError], what: str) -> _T:
    """``action()``, with any error that is not a ``PlanError`` (a fault of
    plancore's on odd input) raised as ``error`` saying ``what`` failed."""
    try:
        return action()
    except PlanError:
        raise
    except RecursionError:
        raise error(f"{what}: the text is nested too deeply") from None
    except Exception as fault:
        raise error(f"{what}: {type(fault).__name__}: {fault}") from fault


@functools.cache
def _template_headings(name: str) -> frozenset[str]:
    doc = outline(get_format(name).blank_text)
    return frozenset(node.key for node in doc.walk() if node.level > 1)


def _scores(text: str) -> dict[str, float]:
    normalized = normalize_newlines(text)
    headings = {node.key for node in outline(normalized).walk() if node.level > 1}
    scores = {}
    for name, fmt in FORMATS.items():
        expected = _template_headings(name)
        overlap = len(headings & expected) / len(expected) if expected else 0.0
        scores[name] = fmt.score(normalized) + 4.0 * overlap
    return scores


def detect(text: str) -> str:
    """The name of the format ``text`` is written in.

    Judged by the document's structure (its headings against each format's
    template, and each format's labels and markers), so plans that dropped or
    renamed parts are still recognised. Raises ``UnknownFormatError`` when
    nothing fits.
    """
    checked = _check_text(text)
    scores = _guarded(lambda: _scores(checked), ParseError, "cannot detect the format")
    best = max(scores, key=lambda name: scores[name])
    if scores[best] < _MIN_SCORE:
        raise UnknownFormatError(
            "no plan format fits: looked for the headings and labels of "
            + ", ".join(FORMATS)
            + " (for example '## Executive Summary', '**Feature ID:**', '<!-- FEATURE_ID: -->', "
            "'**Issue:**', '## Technical Approach') and found too few",
            line=1,
        )
    return best


def _format(name: str | Format) -> Format:
    if isinstance(name, Format):
        return name
    if not isinstance(name, str):
        raise PlanTypeError(f"expected a format name (str), got {type(name).__name__}")
    return get_format(name)


def parse(text: str, format: str | None = None) -> Plan:
    """Read ``text`` as a plan in ``format`` (detected when ``None``)."""
    checked = _check_text(text)
    fmt = _format(format if format is not None else detect(checked))
    return _read(fmt, checked)


def _read(fmt: Format, text: str) -> Plan:
    return _guarded(lambda: fmt.parse(text), ParseError, f"cannot read the text as {fmt.name}")


def emit(plan: Plan, format: str) -> str:
    """Write ``plan`` in ``format``."""
    fmt = _format(format)
    if not isinstance(plan, Plan):
        raise PlanTypeError(f"expected a Plan, got {type(plan).__name__}")
    return _write(fmt, plan)


def _write(fmt: Format, plan: Plan) -> str:
    return _guarded(lambda: fmt.emit(plan), EmitError, f"cannot write the plan as {fmt.name}")


def _extras(plan: Plan) -> Counter[tuple[str, int, str]]:
    return Counter((section.heading, section.level, section.body) for section in plan.extra_sections)


def _losses(plan: Plan, written: Plan, target: Format) -> list[Loss]:
    kept = dict(leaves(attrs.evolve(written, extra_sections=(), headings=(), labels=())))
    losses = []
    for path, value in leaves(attrs.evolve(plan, extra_sections=(), headings=(), labels=())):
        if kept.get(path) == value:
            continue
        pattern = _INDEX.sub("", path)
        if pattern in target.holds:
            reason = f"{target.name} cannot hold this value as written"
        else:
            reason = f"{target.name} has no place for it"
        losses.append(Loss(path=path, reason=reason, value=value))
    if plan.headings:
        # Kept where the output has the heading over the same section: read
        # back as the author's, or the target's own heading for that section.
        titled = {*written.headings, *own_headings(target)}
        for index, heading in enumerate(plan.headings):
            if heading not in titled:
                reason = f"{target.name} reads no {heading.label} section under this heading"
                losses.append(Loss(path=f"headings[{index}]", reason=reason, value=heading.value))
    for index, label in enumerate(plan.labels):
        if label not in written.labels:
            reason = f"{target.name} writes its own label for {label.label}"
            losses.append(Loss(path=f"labels[{index}]", reason=reason, value=label.value))
    missing = _extras(plan) - _extras(written)
    for index, section in enumerate(plan.extra_sections):
        if missing[(section.heading, section.level, section.body)] > 0:
            missing[(section.heading, section.level, section.body)] -= 1
            losses.append(
                Loss(
                    path=f"extra_sections[{index}]",
                    reason=f"{target.name} could not keep it in place",
                    value=section.body,
                )
            )
    return losses


_INDEX = re.compile(r"\[\d+\]")
_BACKTICKS = re.compile(r"`+")


def _appendix(losses: list[Loss], source: str, target: str) -> Section:
    """The appendix holding ``losses``: a field of its own under its path, the
    fields of one item (``phases[0]``, its sub-items included) together under
    the item's path."""
    parts = [f"Content of the {source} plan that the {target} format has no place for, by field."]
    item = ""
    for loss in losses:
        value = loss.value
        text = ("done" if value else "not done") if isinstance(value, bool) else str(value)
        if is_code(Plan, loss.path):
            # A fence longer than any run of backticks in the code, so that none closes it.
            fence = "`" * max(3, 1 + max((len(run) for run in _BACKTICKS.findall(text)), default=0))
            text = f"{fence}\n{text}\n{fence}"
        cut = loss.path.find("].") + 1
        if not cut:
            parts.append(f"### {loss.path}\n\n{text}")
            item = ""
            continue
        if loss.path[:cut] != item:
            item = loss.path[:cut]
            parts.append(f"### {item}")
        field = loss.path[cut + 1 :]
        # One line goes in a list; more (prose, a code block) under its label.
        one_line = "\n" not in text and not text.startswith(("```", "~~~"))
        parts.append(f"- **{field}:** {text}" if one_line else f"**{field}:**\n\n{text}")
    return Section(heading=APPENDIX_HEADING, level=2, body=_joined(parts), after="appendix")


def _joined(parts: list[str]) -> str:
    """``parts`` as Markdown blocks: list items of one item in one list."""
    text = parts[0]
    for before, part in itertools.pairwise(parts):
        text += ("\n" if before.startswith("- ") and part.startswith("- ") else "\n\n") + part
    return text


def convert(
    text: str, to: str, *, source: str | None = None, strict: bool = False, unfilled: str = "keep"
) -> Conversion:
    """Convert ``text`` (in ``source``, detected when ``None``) to format ``to``.

    Every field the target holds is written in its place; what the target
    holds in another shape is placed by the crosswalk (``Conversion.placed``);
    the rest goes into an appendix section and is listed in
    ``Conversion.losses``. With ``strict``, a ``LossError`` listing them is
    raised instead. A target section the plan has nothing for keeps the
    target's placeholder; with ``unfilled="drop"`` it is left out.
    Raises ``PlanTypeError`` for an ``unfilled`` other than ``"keep"`` or ``"drop"``.
    """
    if unfilled not in ("keep", "drop"):
        raise PlanTypeError(f"unfilled is 'keep' or 'drop', not {unfilled!r}")
    target = _format(to)
    checked = _check_text(text)
    source_name = _format(source).name if source is not None else detect(checked)
    plan = parse(checked, source_name)
    shaped, placed = plan, tuple[Placement, ...]()
    if source_name != target.name:
        shaped, placed = _guarded(
            lambda: crosswalk(plan, get_format(source_name), target, checked), EmitError, "cannot map the plan"
        )
    output = _write(target, shaped)
    losses: list[Loss] = []
    if source_name != target.name:
        written = _read(target, output)
        losses = _guarded(lambda: _losses(shaped, written, target), EmitError, "cannot compare the conversion")
        if losses:
            if strict:
                raise LossError(losses, target=target.name)
            with_appendix = attrs.evolve(
                shaped, extra_sections=(*shaped.extra_sections, _appendix(losses, source_name, target.name))
            )
            output = _write(target, with_appendix)
    if unfilled == "drop":
        output = drop_unfilled(output, shaped, target)
    return Conversion(
        text=output, plan=plan, source=source_name, target=target.name, losses=tuple(losses), placed=placed
    )
