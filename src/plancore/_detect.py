"""Which format a plan is written in: every format's score for a text, and why.

A format scores by its marks (``Format.markers``: its header's shape, its
labels, its own headings, in English and translated) and by how many of its
blank template's headings the text has. ``detect`` takes the best score above
``MIN_SCORE``; ``detect_scores`` says how close each format came.
"""

from __future__ import annotations

import functools
import re
import zlib

import attrs

from ._derived import derived
from ._format import _compiled, normalize_newlines
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


# A pattern's first character, as its text writes it: a sign escaped (``\\*``), or a plain character.
_FIRST = re.compile(r"\\([^\w\s])|([^\\\[\](){}.*+?^$|\s])")


def _first(body: str) -> tuple[str, str | None] | None:
    """The character every match of ``body`` (a mark's pattern less its ``^``) starts with, and the rest of
    ``body`` after it when that character is its whole first part (not repeated: ``#{2,3}`` starts with ``#``
    too, with no rest); ``None`` where its text does not say so plainly (a class, a group, an optional first
    character, an alternative at its top level)."""
    found = _FIRST.match(body)
    if found is None:
        return None
    after = body[found.end() : found.end() + 2]
    if after[:1] in ("*", "?") or (after[:1] == "{" and after[1:] not in "123456789"):
        return None
    depth = 0
    in_class = escaped = False
    for char in body:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            return None
    if depth or in_class or escaped:
        return None
    rest = None if after[:1] in ("+", "{") else body[found.end() :]
    return found.group(1) or found.group(2), rest


@functools.lru_cache(maxsize=4)
def _line_marks(
    patterns: tuple[str, ...],
) -> tuple[re.Pattern[str], dict[str, tuple[tuple[str, int], ...]], tuple[tuple[str, int], ...]]:
    """One pattern finding every mark among ``patterns`` (each ``^``-anchored) on each line of
    ``"\\n" + text`` where one is (``_marks_pattern``); and the marks that may be found on a line by its
    first character, with the group that holds each one's text there (those of no plain first
    character, for any line)."""
    # Made of the marks' texts once, kept on disk (the one-file command would spend more on reading the
    # marks' texts than on detecting; ``re`` keeps the compiled pattern), by the marks (a format put in by hand).
    key = f"{zlib.crc32(chr(0).join(patterns).encode('utf-8', 'surrogatepass')):08x}"
    kept = derived("line marks", key, lambda: _marks_pattern(patterns))
    if kept[0] != patterns:
        kept = _marks_pattern(patterns)
    _, text, by_first, anywhere = kept
    compiled = re.compile(text, re.MULTILINE)

    def groups(indexes: list[int]) -> tuple[tuple[str, int], ...]:
        return tuple((patterns[index], compiled.groupindex[f"m{index}"]) for index in indexes)

    return compiled, {char: groups(indexes) for char, indexes in by_first.items()}, groups(anywhere)


def _marks_pattern(patterns: tuple[str, ...]) -> tuple[tuple[str, ...], str, dict[str, list[int]], list[int]]:
    """``patterns``, the text of one pattern finding every mark among them on each line where one is, the
    marks that may be found on a line by its first character (by their places in ``patterns``, with the
    marks of no plain first character), and those of no plain first character (``_line_marks``).

    Some 80 marks searched one by one are a scan of the text each: this is one scan, trying them
    all at each line start. Those of one first character are tried as one alternative that starts with
    it (most lines start with none: a pair of spaces, a table's ``|``), as the regex engine tells
    apart at once. A line where any is found is matched again by each mark of its first character,
    as a lookahead of its own (one that fails matches nothing), so that the marks on one line are all
    found, as separate searches find them; a mark's text is what its own search would match there."""
    bodies = [pattern[1:] for pattern in patterns]
    firsts = [_first(body) for body in bodies]
    # What a line starts with, for the engine to tell: the marks of one first character after it.
    rests: dict[str, list[str]] = {}
    whole: list[str] = []
    for body, first in zip(bodies, firsts, strict=True):
        if first is None or first[1] is None:
            whole.append(f"(?:{body})")
        else:
            rests.setdefault(first[0], []).append(first[1])
    any_mark = "|".join([re.escape(char) + f"(?:{'|'.join(rest)})" for char, rest in rests.items()] + whole)
    by_first: dict[str, list[int]] = {}
    anywhere: list[int] = []
    for index, first in enumerate(firsts):
        (anywhere if first is None else by_first.setdefault(first[0], [])).append(index)

    def each(indexes: list[int]) -> str:
        return "".join(f"(?:(?=(?P<m{index}>{bodies[index]}))|)" for index in indexes)

    plain = "|".join(f"(?={re.escape(char)}){each(indexes)}" for char, indexes in by_first.items())
    text = f"\n(?={any_mark})(?:{plain}|){each(anywhere)}"
    return patterns, text, {char: sorted(indexes + anywhere) for char, indexes in by_first.items()}, anywhere


def _marks_found(lines: str, patterns: tuple[str, ...]) -> dict[str, str]:
    """The text of the first match in ``lines`` of each of ``patterns`` (``^``-anchored) found, stripped."""
    compiled, by_first, anywhere = _line_marks(patterns)
    found: dict[str, str] = {}
    for match in compiled.finditer(lines):
        values = match.groups()
        # (A mark was found here: the line has a first character.)
        for pattern, group in by_first.get(lines[match.end() : match.end() + 1], anywhere):
            value = values[group - 1]
            if value is not None and pattern not in found:
                found[pattern] = value.strip()
    return found


# The formats' marks as ``format_scores`` weighs them (``_weighing``), with the formats' names and their marks
# they were made of (by identity: the registry gives a format's marks as one tuple).
_WEIGHED: list[tuple[tuple[str, ...], list[tuple[tuple[str, float], ...]], _Weighing]] = []
_Weighing = tuple[tuple[str, ...], tuple[tuple[str, tuple[tuple[str, float, bool], ...]], ...]]


def _weighing() -> _Weighing:
    """The patterns of every format's marks looked for at a line's start, each once; and each format's
    marks, each with whether it is one: made once for the formats registered, not for each text."""
    names = tuple(FORMATS)
    marks = [markers(name) for name in names]
    for kept_names, kept_marks, weighing in _WEIGHED:
        if kept_names == names and all(kept is mine for kept, mine in zip(kept_marks, marks, strict=True)):
            return weighing
    at_lines = tuple(dict.fromkeys(pattern for mine in marks for pattern, _ in mine if pattern.startswith("^")))
    weighed = tuple(
        (name, tuple((pattern, weight, pattern.startswith("^")) for pattern, weight in mine))
        for name, mine in zip(names, marks, strict=True)
    )
    _WEIGHED[:] = [(names, marks, (at_lines, weighed))]
    return at_lines, weighed


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
    at_lines, weighed = _weighing()
    first = _marks_found(lines, at_lines)
    result = []
    for name, marks_of in weighed:
        expected = _template_headings(name)
        overlap = len(headings & expected) / len(expected) if expected else 0.0
        found = []
        for pattern, weight, at_line in marks_of:
            if at_line:
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
