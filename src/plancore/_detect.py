"""Which format a plan is written in: every format's score for a text, and why.

A format scores by its marks (``Format.markers``: its header's shape, its
labels, its own headings, in English and translated) and by how many of its
blank template's headings the text has. ``detect`` takes the best score above
``MIN_SCORE``; ``detect_scores`` says how close each format came.
"""

from __future__ import annotations

import functools
import itertools
import re

import attrs

from ._derived import derived
from ._format import LineMark, _compiled, normalize_newlines
from ._markdown import Node, outline
from ._registry import FORMATS, get_format, markers
from ._report import APPENDIX_HEADING

__all__ = ["MIN_SCORE", "FormatScore", "format_scores"]

# Below this score a text is no plan of any format.
MIN_SCORE = 2.0
# The weight of a text having every one of a format's template headings.
_HEADINGS_WEIGHT = 4.0


@attrs.frozen
class FormatScore:
    """How well a text fits one format (see ``plancore.detect_scores``).

    Attributes:
        format: The format's name.
        score: The total: the weights of the marks found, plus the headings' share (a float, 0 when nothing fits).
        marks: The text of each of the format's marks found in the text (``## Constitution Check``), in the
            format's order.
        headings: The share of the format's template headings the text has (0.0 to 1.0).
        fits: Whether the score reaches the least a plan needs to be taken for one.
    """

    format: str
    score: float
    marks: tuple[str, ...]
    headings: float
    fits: bool


def _template_headings(name: str) -> frozenset[str]:
    def derive() -> frozenset[str]:
        return frozenset(node.key for node in outline(get_format(name).blank_text).walk() if node.level > 1)

    return derived("template headings", name, derive)


def _atx(text: str, nodes: list[Node]) -> str:
    """``text`` with its setext headings (a title underlined with ``---``) written as ``##`` ones,
    so that a format's heading marks find them."""
    parts = []
    position = 0
    for node in nodes:
        if not text[node.start : node.body_start].lstrip(" ").startswith("#"):
            parts.append(text[position : node.start] + "#" * node.level + " " + node.title + "\n")
            position = node.body_start
    return "".join(parts) + text[position:]


@functools.lru_cache(maxsize=4)
def _line_marks(
    markers: tuple[tuple[tuple[str, float], ...], ...],
) -> tuple[tuple[re.Pattern[str], tuple[tuple[str, int], ...]], ...]:
    """Patterns finding every mark at a line start (``^``-anchored) among formats' ``markers`` on each
    line of ``"\\n" + text`` where one is, and the group that holds each mark's text there (by pattern):
    one pattern for each opening (``LineMark``), trying its marks only on the lines opening so.

    Some 80 marks searched one by one are a scan of the text each: this is one scan for each opening,
    trying its marks at each line start with that opening (the marks of a heading pass over every
    other line at once). A line where any is found is matched again by each of them, as a lookahead
    of its own (one that fails matches nothing), so that the marks on one line are all found, as
    separate searches find them; a mark's text is what its own search would match there."""
    by_opening: dict[str, dict[str, None]] = {}
    for pattern, _ in itertools.chain.from_iterable(markers):
        if pattern.startswith("^"):
            by_opening.setdefault(pattern.opening if isinstance(pattern, LineMark) else "", {})[pattern] = None
    result = []
    for opening, marks in by_opening.items():
        patterns = list(marks)
        bodies = [pattern[1:] for pattern in patterns]
        any_mark = "|".join(f"(?:{body})" for body in bodies)
        each = "".join(f"(?:(?=(?P<m{index}>{body}))|)" for index, body in enumerate(bodies))
        compiled = re.compile(f"\n(?={re.escape(opening)})(?={any_mark}){each}", re.MULTILINE)
        groups = tuple((pattern, compiled.groupindex[f"m{index}"]) for index, pattern in enumerate(patterns))
        result.append((compiled, groups))
    return tuple(result)


def _marks_found(lines: str, markers: tuple[tuple[tuple[str, float], ...], ...]) -> dict[str, str]:
    """The text of the first match in ``lines`` of each mark at a line start (``^``-anchored) among formats'
    ``markers`` found, stripped."""
    found: dict[str, str] = {}
    for compiled, groups in _line_marks(markers):
        for match in compiled.finditer(lines):
            values = match.groups()
            for pattern, group in groups:
                value = values[group - 1]
                if value is not None and pattern not in found:
                    found[pattern] = value.strip()
    return found


def format_scores(text: str) -> tuple[FormatScore, ...]:
    """Every format's fit for ``text`` (a plan's Markdown), best first."""
    normalized = normalize_newlines(text)
    nodes = list(outline(normalized).walk())
    # What a conversion carried over from another format says nothing of this text's format.
    carried = next((node for node in nodes if node.level == 2 and node.title == APPENDIX_HEADING), None)
    if carried is not None:
        normalized = normalized[: carried.start]
        nodes = [node for node in nodes if node.start < carried.start]
    headings = {node.key for node in nodes if node.level > 1}
    normalized = _atx(normalized, sorted(nodes, key=lambda node: node.start))
    lines = "\n" + normalized
    first = _marks_found(lines, tuple(markers(name) for name in FORMATS))
    result = []
    for name in FORMATS:
        expected = _template_headings(name)
        overlap = len(headings & expected) / len(expected) if expected else 0.0
        found = []
        for pattern, weight in markers(name):
            if pattern.startswith("^"):
                if pattern in first:
                    found.append((first[pattern], weight))
                continue
            match = _compiled(pattern).search(normalized)
            if match is not None:
                found.append((match.group().strip(), weight))
        marks = tuple(text for text, _ in found)
        score = sum(weight for _, weight in found) + _HEADINGS_WEIGHT * overlap
        result.append(FormatScore(format=name, score=score, marks=marks, headings=overlap, fits=score >= MIN_SCORE))
    return tuple(sorted(result, key=lambda item: -item.score))
