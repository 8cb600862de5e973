"""Which format a plan is written in: every format's score for a text, and why.

A format scores by its marks (``Format.markers``: its header's shape, its
labels, its own headings, in English and translated) and by how many of its
blank template's headings the text has. ``detect`` takes the best score above
``MIN_SCORE``; ``detect_scores`` says how close each format came.
"""

from __future__ import annotations

import functools
import importlib
import itertools
import re
from typing import Any

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


# Characters that open no literal in a pattern (``re``'s syntax, not verbose), and those that quantify what precedes.
_SPECIAL = frozenset(".^$*+?{}[]\\|()")
_QUANTIFIERS = frozenset("*+?{")


def _plain(body: str) -> bool:
    """Whether ``body`` (a pattern) has no ``|`` outside its groups and classes: then a character that opens it
    opens every match of it."""
    depth = 0
    at = 0
    in_class = False
    while at < len(body):
        char = body[at]
        if char == "\\":
            at += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
            # A ``]`` right after the opening (or its ``^``) is a member, not the end.
            if body[at + 1 : at + 2] == "^":
                at += 1
            if body[at + 1 : at + 2] == "]":
                at += 1
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            return False
        at += 1
    return True


def _literal_head(body: str) -> tuple[str, str] | None:
    """The character a plain ``body`` (``_plain``) matches first, literally and once, and the pattern after it;
    ``None`` when it opens with anything else (a class, an escape of a letter or digit, a quantified character)."""
    if not body:
        return None
    char, size = body[0], 1
    if char == "\\":
        if len(body) < 2 or body[1].isalnum() or body[1] == "_":
            return None
        char, size = body[1], 2
    elif char in _SPECIAL:
        return None
    if body[size : size + 1] in _QUANTIFIERS:
        return None
    return char, body[size:]


def _any_of(bodies: list[str]) -> str:
    """A pattern matching where any of ``bodies`` (patterns) matches, their opening literal characters shared:
    a line is told apart from most marks by its first characters, at one comparison for all the marks opening
    alike (the regex engine skips a branch whose opening literal differs without trying it), where an
    alternation of the marks as written tries each in turn. (The same matches as ``(?:b1)|(?:b2)|...``, not
    the same match: for a lookahead, which asks only whether one is there.)"""
    if len(bodies) == 1:
        return bodies[0]
    by_head: dict[str, list[str]] = {}
    rest: list[str] = []
    for body in bodies:
        head = _literal_head(body) if _plain(body) else None
        if head is None:
            rest.append(body)
        else:
            by_head.setdefault(head[0], []).append(head[1])
    branches = [f"{re.escape(char)}(?:{_any_of(after)})" for char, after in by_head.items()]
    return "|".join(branches + [f"(?:{body})" for body in rest])


# The classes of characters a parsed pattern's class may hold, as a class's member written.
_CATEGORIES = {"CATEGORY_DIGIT": r"\d", "CATEGORY_SPACE": r"\s", "CATEGORY_WORD": r"\w"}


def _openers(body: str) -> str | None:
    """A lookahead for a character that may open a match of the pattern ``body`` (a class of them all): asked
    first, it passes over the lines that cannot hold the mark at one test; ``None`` when the pattern does not
    tell (it may match nothing, opens with any character, an anchor or a lookaround, or ignores case)."""
    try:
        parsed = importlib.import_module("re._parser").parse(body)
        members: list[str] = []
        if parsed.state.flags & re.IGNORECASE or _firsts(parsed.data, members) is not False:
            return None
    except Exception:
        # The engine's own parser, of no public interface: what it does not tell is not told.
        return None
    return f"(?=[{''.join(members)}])"


def _firsts(items: Any, members: list[str]) -> bool | None:
    """Add to ``members`` the characters that may open a match of the parsed pattern ``items`` (``re._parser``'s
    list of operations); whether it may match nothing (what follows it opens the match then too); ``None`` when
    that is not told."""
    for op, value in items:
        name = op.name
        if name == "LITERAL":
            members.append(re.escape(chr(value)))
            return False
        if name == "IN":
            for kind, item in value:
                if kind.name == "LITERAL":
                    members.append(re.escape(chr(item)))
                elif kind.name == "RANGE":
                    members.append(f"{re.escape(chr(item[0]))}-{re.escape(chr(item[1]))}")
                elif kind.name == "CATEGORY" and item.name in _CATEGORIES:
                    members.append(_CATEGORIES[item.name])
                else:
                    return None
            return False
        if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            empty = _firsts(value[2], members)
            if empty is None:
                return None
            if value[0] > 0 and not empty:
                return False
        elif name == "SUBPATTERN":
            empty = _firsts(value[3], members) if not value[1] & re.IGNORECASE else None
            if empty is not False:
                return empty
        elif name == "BRANCH":
            empties = [_firsts(branch, members) for branch in value[1]]
            if None in empties:
                return None
            if not any(empties):
                return False
        else:
            return None
    return True


def _opening(pattern: str) -> str:
    """The character every match of the mark ``pattern`` (``^``-anchored) opens with: its first literal
    character, or the first character of the opening it is declared with (``LineMark``); "" for none known."""
    head = _literal_head(pattern[1:]) if _plain(pattern[1:]) else None
    if head is not None:
        return head[0]
    return pattern.opening[:1] if isinstance(pattern, LineMark) else ""


# A pattern finding the lines where marks are (``_line_marks``), and the marks its groups may hold on a line,
# by the line's first character: (a mark, its group) for each mark of that opening, then each of no opening.
_LineMarks = tuple[re.Pattern[str], dict[str, tuple[tuple[str, int], ...]], tuple[tuple[str, int], ...]]


@functools.lru_cache(maxsize=4)
def _line_marks(markers: tuple[tuple[tuple[str, float], ...], ...]) -> _LineMarks | None:
    """A pattern finding every mark at a line start (``^``-anchored) among formats' ``markers`` on each line of
    ``"\\n" + text`` where one is, and the groups that hold the marks' texts there (``_LineMarks``); ``None`` for
    no such mark.

    Some 80 marks searched one by one are a scan of the text each: this is one scan, which at each line start
    asks whether any mark is there, the marks sharing their opening characters (``_any_of``: the marks of a
    heading are passed over at the ``#`` of every other line, those of a ``## `` heading at the third character
    of a ``### `` one). A line where one is found is matched again by each mark that may open as it does (by
    its first character, ``_opening``), as a lookahead of its own (one that fails matches nothing), so that the
    marks on one line are all found, as separate searches find them; a mark's text is what its own search
    would match there."""
    marks = itertools.chain.from_iterable(markers)
    patterns = list(dict.fromkeys(pattern for pattern, _ in marks if pattern.startswith("^")))
    if not patterns:
        return None
    by_opening: dict[str, list[int]] = {}
    for index, pattern in enumerate(patterns):
        by_opening.setdefault(_opening(pattern), []).append(index)
    anywhere = by_opening.pop("", [])
    any_mark = []
    each = []
    for opening, indices in by_opening.items():
        bodies = [patterns[index][1:] for index in indices]
        headed = [head[1] for body in bodies if _plain(body) and (head := _literal_head(body)) is not None]
        others = [f"(?:{body})" for body in bodies if not _plain(body) or _literal_head(body) is None]
        shared = [f"{re.escape(opening)}(?:{_any_of(headed)})"] if headed else []
        # (A mark opening so but not with a literal: its opening asked first, then the marks in turn.)
        any_mark.append(shared[0] if not others else f"(?={re.escape(opening)})(?:{'|'.join(shared + others)})")
        each.append(f"(?={re.escape(opening)})" + "".join(_each(index, patterns) for index in indices))
    # (A mark of no opening character: the characters it may open with asked first, where it tells them.)
    any_mark += [f"{_openers(patterns[index][1:]) or ''}(?:{patterns[index][1:]})" for index in anywhere]
    # The marks of the line's opening (at most one opening: a line opens with one character), then those of none.
    found = f"(?:{'|'.join(each)}|)" + "".join(_each(index, patterns) for index in anywhere)
    compiled = re.compile(f"\\n(?={'|'.join(any_mark)}){found}", re.MULTILINE)

    def groups(indices: list[int]) -> tuple[tuple[str, int], ...]:
        return tuple((patterns[index], compiled.groupindex[f"m{index}"]) for index in indices)

    return compiled, {opening: groups(indices + anywhere) for opening, indices in by_opening.items()}, groups(anywhere)


def _each(index: int, patterns: list[str]) -> str:
    """The lookahead that captures the mark ``patterns[index]`` at a line start, or nothing."""
    return f"(?:(?=(?P<m{index}>{patterns[index][1:]}))|)"


def _marks_found(lines: str, markers: tuple[tuple[tuple[str, float], ...], ...]) -> dict[str, str]:
    """The text of the first match in ``lines`` of each mark at a line start (``^``-anchored) among formats'
    ``markers`` found, stripped."""
    found: dict[str, str] = {}
    marks = _line_marks(markers)
    if marks is None:
        return found
    compiled, by_opening, anywhere = marks
    for match in compiled.finditer(lines):
        values = match.groups()
        # Only the marks that may open as the line does are looked at (the others' groups are not set).
        end = match.end()
        for pattern, group in by_opening.get(lines[end : end + 1], anywhere):
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
    every = tuple((name, markers(name)) for name in FORMATS)
    first = _marks_found(lines, tuple(marks for _, marks in every))
    result = []
    for name, marks in every:
        expected = _template_headings(name)
        overlap = len(headings & expected) / len(expected) if expected else 0.0
        found = []
        for pattern, weight in marks:
            if pattern.startswith("^"):
                if pattern in first:
                    found.append((first[pattern], weight))
                continue
            match = _compiled(pattern).search(normalized)
            if match is not None:
                found.append((match.group().strip(), weight))
        texts = tuple(text for text, _ in found)
        score = sum(weight for _, weight in found) + _HEADINGS_WEIGHT * overlap
        result.append(FormatScore(format=name, score=score, marks=texts, headings=overlap, fits=score >= MIN_SCORE))
    return tuple(sorted(result, key=lambda item: -item.score))
