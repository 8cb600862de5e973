"""The public operations: detect, parse, emit, convert."""

from __future__ import annotations

import functools
import re
from collections import Counter

import attrs

from ._errors import LossError, ParseError, PlanError, UnknownFormatError
from ._fields import leaves
from ._format import Format, normalize_newlines
from ._markdown import outline
from ._model import Plan, Section
from ._registry import FORMATS, get_format

__all__ = ["Conversion", "Loss", "convert", "detect", "emit", "formats", "parse"]

# Below this score a text is no plan of any format.
_MIN_SCORE = 2.0


@attrs.frozen
class Loss:
    """A field of the source plan that the target format has no place for.

    ``path`` names it (``phases[0].tasks[2].done``); its content went into the
    output's appendix.
    """

    path: str
    reason: str
    value: object = attrs.field(eq=False, repr=False, default="")


@attrs.frozen
class Conversion:
    """The result of ``convert``: the output text and what it could not hold."""

    text: str
    plan: Plan
    source: str
    target: str
    losses: tuple[Loss, ...] = ()


def formats() -> tuple[str, ...]:
    """The names of the supported formats."""
    return tuple(FORMATS)


def _check_text(text: object) -> str:
    if not isinstance(text, str):
        raise TypeError(f"expected str, got {type(text).__name__}")
    if not text.strip("\ufeff \t\r\n"):
        raise ParseError("the text is empty", line=1)
    return text


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
    scores = _scores(_check_text(text))
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
    return name if isinstance(name, Format) else get_format(name)


def parse(text: str, format: str | None = None) -> Plan:
    """Read ``text`` as a plan in ``format`` (detected when ``None``)."""
    fmt = _format(format if format is not None else detect(text))
    _check_text(text)
    try:
        return fmt.parse(text)
    except PlanError:
        raise
    except RecursionError:
        raise ParseError(f"the text is nested too deeply to read as {fmt.name}") from None
    except Exception as error:
        raise ParseError(f"cannot read the text as {fmt.name}: {type(error).__name__}: {error}") from error


def emit(plan: Plan, format: str) -> str:
    """Write ``plan`` in ``format``."""
    return _format(format).emit(plan)


def _extras(plan: Plan) -> Counter[tuple[str, int, str]]:
    return Counter((section.heading, section.level, section.body) for section in plan.extra_sections)


def _losses(plan: Plan, written: Plan, target: Format) -> list[Loss]:
    kept = dict(leaves(attrs.evolve(written, extra_sections=())))
    losses = []
    for path, value in leaves(attrs.evolve(plan, extra_sections=())):
        if kept.get(path) == value:
            continue
        pattern = _INDEX.sub("", path)
        if pattern in target.holds:
            reason = f"{target.name} cannot hold this value as written"
        else:
            reason = f"{target.name} has no place for it"
        losses.append(Loss(path=path, reason=reason, value=value))
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


def _appendix(losses: list[Loss], source: str, target: str) -> Section:
    parts = [f"Content of the {source} plan that the {target} format has no place for, by field."]
    for loss in losses:
        value = loss.value
        text = ("done" if value else "not done") if isinstance(value, bool) else str(value)
        parts.append(f"### {loss.path}\n\n{text}")
    return Section(heading="Appendix: Carried Over", level=2, body="\n\n".join(parts), after="appendix")


def convert(text: str, to: str, *, source: str | None = None, strict: bool = False) -> Conversion:
    """Convert ``text`` (in ``source``, detected when ``None``) to format ``to``.

    Every field the target holds is written in its place; the rest goes into an
    appendix section and is listed in ``Conversion.losses``. With ``strict``,
    a ``LossError`` listing them is raised instead.
    """
    target = get_format(to)
    source_name = source if source is not None else detect(text)
    plan = parse(text, source_name)
    output = target.emit(plan)
    losses: list[Loss] = []
    if source_name != target.name:
        losses = _losses(plan, target.parse(output), target)
        if losses:
            if strict:
                raise LossError(losses, target=target.name)
            with_appendix = attrs.evolve(
                plan, extra_sections=(*plan.extra_sections, _appendix(losses, source_name, target.name))
            )
            output = target.emit(with_appendix)
    return Conversion(text=output, plan=plan, source=source_name, target=target.name, losses=tuple(losses))
