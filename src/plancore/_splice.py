"""Writing an edited plan back over the text it was read from.

The writer lays out the plan as read (``before``) and the plan as edited
(``after``); what changed between the two is applied to the source the way a
three-way merge applies a patch, so every line the edit did not reach stays as
its author wrote it, line ending included. Where the author's text departs
from the writer's layout at the very place of an edit, the edit wins there.

When that does not read back as the edited plan (the author laid the edited
field out in a shape the writer does not use), ``candidates`` goes on section
by section: each top-level section of the source the edit reaches is merged on
its own and, failing that, written in the writer's layout, while every other
section keeps its bytes.
"""

from __future__ import annotations

import bisect
import difflib
import itertools
import re
from collections.abc import Iterator, Sequence

from ._markdown import outline

__all__ = ["candidates", "matching_blocks", "opcodes", "restyle", "splice"]

_LINE = re.compile(r"([^\r\n]*)(\r\n|\r|\n|$)")
_BOM = "\ufeff"

Line = tuple[str, str]


def _lines(text: str) -> list[Line]:
    """``text`` as (content, line ending) pairs; the last line's ending may be empty."""
    if "\r" not in text:
        # Every ending is "\n": split in C rather than matched line by line (a long plan's three texts).
        contents = text.split("\n")
        last = contents.pop()
        lines = list(zip(contents, itertools.repeat("\n")))
        if last or not lines:
            lines.append((last, ""))
        return lines
    lines = []
    for match in _LINE.finditer(text):
        if match.start() == len(text) and lines and lines[-1][1]:
            break
        lines.append((match.group(1), match.group(2)))
        if not match.group(2):
            break
    return lines


def _piece(text: str) -> list[Line]:
    """A piece of a document (whole lines, "" for none) as lines."""
    return _lines(text) if text else []


def _newline(text: str, lines: Sequence[Line] | None = None) -> str:
    """The line ending most of the lines of ``text`` (``lines``, when given) use (``\\n`` when none has one)."""
    if "\r" not in text:
        # Every ending is "\n", told without a walk of the lines.
        return "\n"
    counts: dict[str, int] = {}
    for _, ending in _lines(text) if lines is None else lines:
        if ending:
            counts[ending] = counts.get(ending, 0) + 1
    return max(counts, key=lambda ending: counts[ending]) if counts else "\n"


def _unique_anchors(
    a: Sequence[str], alo: int, ahi: int, b: Sequence[str], blo: int, bhi: int
) -> list[tuple[int, int]]:
    """The lines that occur once in ``a[alo:ahi]`` and once in ``b[blo:bhi]``, as (i, j) pairs: the
    longest run of them in the same order in both (patience diff's anchors)."""
    a_part, b_part = a[alo:ahi], b[blo:bhi]
    # Each line's first and last place, found in C (a long plan's first range is all its lines): a line is
    # once in its range where the two are one.
    a_last = dict(zip(a_part, range(alo, ahi), strict=True))
    b_last = dict(zip(b_part, range(blo, bhi), strict=True))
    a_first = dict(zip(reversed(a_part), range(ahi - 1, alo - 1, -1), strict=True))
    b_first = dict(zip(reversed(b_part), range(bhi - 1, blo - 1, -1), strict=True))
    # In the order of their first places in ``a``: for lines once in it, ordered by ``i``.
    candidates = [
        (i, j)
        for line, i in a_last.items()
        if (j := b_last.get(line)) is not None and a_first[line] == i and b_first[line] == j
    ]
    # Longest increasing run of j over candidates ordered by i (patience sorting).
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


def _blank(line: str) -> bool:
    return not line.strip()


# Ranges without a line unique to both sides are matched by difflib up to this many cells
# (lines of one side times lines of the other), and left unmatched beyond: its cost grows with
# the product, and such ranges are runs of repeated lines (blanks, rules, one label) anyway.
_SMALL = 40_000


def _shared(a: Sequence[str], ai: int, b: Sequence[str], bi: int, most: int, *, forward: bool = True) -> int:
    """How many lines ``a`` and ``b`` share from ``ai`` and ``bi`` on (not ``forward``: up to them), at
    most ``most``; their first (last) lines are one."""
    # Compared in runs of lines (in C) that double while they match and halve when not.
    shared, step = 1, 1
    while shared < most:
        step = min(step, most - shared)
        at_a, at_b = (ai + shared, bi + shared) if forward else (ai - shared - step, bi - shared - step)
        if a[at_a : at_a + step] == b[at_b : at_b + step]:
            shared += step
            step *= 2
        elif step > 1:
            step //= 2
        else:
            break
    return shared


def matching_blocks(a: Sequence[str], b: Sequence[str]) -> list[tuple[int, int, int]]:
    """The lines ``a`` and ``b`` share, as ``difflib.SequenceMatcher.get_matching_blocks`` gives
    them ((i, j, n) runs in order, ending with ``(len(a), len(b), 0)``), found in about linear
    time: common ends first, then lines unique to both as anchors (a patience diff), difflib
    only between anchors."""
    # Runs of matched lines, each (i, j, n); in no order until sorted.
    runs: list[tuple[int, int, int]] = []
    todo = [(0, len(a), 0, len(b))]
    while todo:
        alo, ahi, blo, bhi = todo.pop()
        # (Most ranges between anchors share neither end: told before a call.)
        if alo < ahi and blo < bhi and a[alo] == b[blo]:
            start = _shared(a, alo, b, blo, min(ahi - alo, bhi - blo))
            runs.append((alo, blo, start))
            alo, blo = alo + start, blo + start
        if alo < ahi and blo < bhi and a[ahi - 1] == b[bhi - 1]:
            end = _shared(a, ahi, b, bhi, min(ahi - alo, bhi - blo), forward=False)
            ahi, bhi = ahi - end, bhi - end
            runs.append((ahi, bhi, end))
        if alo == ahi or blo == bhi:
            continue
        shared = set(a[alo:ahi]).intersection(b[blo:bhi])
        if not shared:
            # Most ranges between anchors: a few lines the author wrote other than the writer.
            continue
        anchors = _unique_anchors(a, alo, ahi, b, blo, bhi)
        if anchors:
            for i, j in anchors:
                runs.append((i, j, 1))
                todo.append((alo, i, blo, j))
                alo, blo = i + 1, j + 1
            todo.append((alo, ahi, blo, bhi))
        # difflib matches none of a range whose first lines differ (its ends are stripped) and that shares
        # only blank lines: a match starts on a line that is no junk, and junk only extends one.
        elif (ahi - alo) * (bhi - blo) <= _SMALL and not all(map(_blank, shared)):
            # A blank line matches only next to lines that match: blank lines alone, paired across
            # a gap, would line up unrelated lines around them as one rewritten for the other.
            matcher = difflib.SequenceMatcher(_blank, a[alo:ahi], b[blo:bhi], autojunk=False)
            runs.extend((alo + i, blo + j, n) for i, j, n in matcher.get_matching_blocks() if n)
    runs.sort()
    blocks: list[tuple[int, int, int]] = []
    for i, j, n in runs:
        if blocks and blocks[-1][0] + blocks[-1][2] == i and blocks[-1][1] + blocks[-1][2] == j:
            blocks[-1] = (blocks[-1][0], blocks[-1][1], blocks[-1][2] + n)
        else:
            blocks.append((i, j, n))
    blocks.append((len(a), len(b), 0))
    return blocks


def opcodes(a: Sequence[str], b: Sequence[str]) -> list[tuple[str, int, int, int, int]]:
    """How to turn ``a`` into ``b``, as ``difflib.SequenceMatcher.get_opcodes`` gives it, from
    ``matching_blocks``."""
    codes: list[tuple[str, int, int, int, int]] = []
    i = j = 0
    for ai, bj, size in matching_blocks(a, b):
        if i < ai or j < bj:
            tag = "replace" if i < ai and j < bj else "delete" if i < ai else "insert"
            codes.append((tag, i, ai, j, bj))
        if size:
            codes.append(("equal", ai, ai + size, bj, bj + size))
        i, j = ai + size, bj + size
    return codes


def _restyled(lines: Sequence[Line], newline: str) -> list[Line]:
    """Writer's ``lines`` with the source's line ending."""
    return [(content, newline if ending else "") for content, ending in lines]


class _Changes:
    """How one side (the author's source, or the writer's edited text) changed the base lines:
    for each base line, the side's line it kept it as, or changed it into one for one; and the
    side's lines put in before each base line, with the base lines they take the place of."""

    def __init__(self, base: Sequence[str], side: Sequence[str]) -> None:
        self.kept = [-1] * len(base)
        self.changed = [-1] * len(base)
        # Base line index -> (first, end) of the side's lines before it, and the end of the base
        # lines they replace (the index itself for lines only added).
        self.inserted: dict[int, tuple[int, int, int]] = {}
        # Base line index -> the index its replacement is inserted at (lines rewritten, not one for one).
        self.rewritten: dict[int, int] = {}
        i = j = 0
        for base_at, side_at, size in matching_blocks(base, side):
            if (
                i < base_at
                and base_at - i == side_at - j
                and all(_blank(base[i + k]) == _blank(side[j + k]) for k in range(base_at - i))
            ):
                # As many lines for as many: each is the other written differently (a blank
                # line is no line of text written differently).
                for k in range(base_at - i):
                    self.changed[i + k] = j + k
            elif j < side_at:
                self.inserted[i] = (j, side_at, base_at)
                for k in range(i, base_at):
                    self.rewritten[k] = i
            self.kept[base_at : base_at + size] = range(side_at, side_at + size)
            i, j = base_at + size, side_at + size


def _merge(ours_lines: list[Line], before: str, after: str, newline: str) -> list[Line]:
    """``ours_lines`` with the change from ``before`` to ``after`` applied line by line.

    Each base line (of ``before``) the edit left alone is as the author has it (kept, written
    differently, or left out); each the edit changed is the edit's. Where the author and the edit
    both rewrote the same lines, the edit wins.
    """
    ours = [content for content, _ in ours_lines]
    base = [content for content, _ in _piece(before)]
    theirs_lines = _piece(after)
    theirs = [content for content, _ in theirs_lines]
    mine, edit = _Changes(base, ours), _Changes(base, theirs)

    # Lines the author moved (a section of theirs the writer puts elsewhere) are no base line's
    # in place; an edit of such a line goes to the author's copy, where one line holds it.
    instead, merged, moved_lines, moved_slots = _moved(base, ours, theirs, mine, edit)

    # The author's other rewrites that the edit rewrites too give way to it.
    dropped: set[int] = set()
    for at, (_, _, end) in edit.inserted.items():
        if at not in moved_slots:
            dropped.update(mine.rewritten[k] for k in range(at, end) if k in mine.rewritten)
    for at, j in enumerate(edit.changed):
        if j >= 0 and at in mine.rewritten and at not in moved_lines:
            dropped.add(mine.rewritten[at])

    out: list[Line] = []

    def take_theirs(start: int, end: int) -> None:
        # Lines the edit adds after a blank line of its own stay a block of their own where the
        # author left that blank line out.
        if start and not theirs[start - 1].strip() and out and out[-1][0].strip() and theirs[start].strip():
            out.append(("", newline))
        out.extend(_restyled(theirs_lines[start:end], newline))

    def take_ours(start: int, end: int) -> None:
        for at in range(start, end):
            if at in merged:
                out.append((merged[at], ours_lines[at][1]))
            elif at in instead:
                first, last, keep = instead[at]
                if keep == "before":
                    out.append(ours_lines[at])
                out.extend(_restyled(theirs_lines[first:last], newline))
                if keep == "after":
                    out.append(ours_lines[at])
            else:
                out.append(ours_lines[at])

    for at in range(len(base) + 1):
        added, own = edit.inserted.get(at), mine.inserted.get(at)
        if at in moved_slots:
            added = None
        if added and own and theirs[added[0] : added[1]] == ours[own[0] : own[1]]:
            take_ours(own[0], own[1])
        else:
            if added and added[2] == at:
                take_theirs(added[0], added[1])
            if own and at not in dropped:
                take_ours(own[0], own[1])
            if added and added[2] > at:
                take_theirs(added[0], added[1])
        if at == len(base):
            break
        if edit.kept[at] >= 0:
            if mine.kept[at] >= 0:
                out.append(ours_lines[mine.kept[at]])
            elif mine.changed[at] >= 0:
                out.append(ours_lines[mine.changed[at]])
        elif edit.changed[at] >= 0 and at not in moved_lines:
            j = edit.changed[at]
            o = mine.changed[at]
            within = _merge_line(base[at], ours[o], theirs[j]) if o >= 0 else None
            if within is not None:
                out.append((within, ours_lines[o][1]))
            elif mine.kept[at] >= 0:
                # The author's line as the base has it, rewritten by the edit in its place: no line added,
                # so no blank line the author left out before it (a task ticked under its heading).
                out.extend(_restyled(theirs_lines[j : j + 1], newline))
            else:
                take_theirs(j, j + 1)
    return out


# How many of an author's rewritten lines are searched for one an edit goes into.
_NEAR = 64
# How many characters, the edited ones included, anchor an edit in a line of the author's found by likeness.
# A character of a script written without spaces (Chinese, Japanese) counts twice: two of them (``核心``)
# are a word, as distinctive as four letters.
_ANCHOR = 4


def _weight(text: str) -> int:
    return len(text) + sum(1 for char in text if "\u2e80" <= char <= "\u9fff" or "\uf900" <= char <= "\ufaff")


# Lines longer than this are not merged character by character (the cost grows with the square).
_LONG_LINE = 2_000


def _merge_line(base: str, ours: str, theirs: str, *, anchored: bool = False) -> str | None:
    """The author's line ``ours`` (base line ``base`` written differently) with the edit from
    ``base`` to ``theirs`` applied within it, where the author has the edited characters and
    some of what stands on either side of them as the base has them; else ``None``.

    ``anchored``: ``ours`` is any of the author's lines, not the one in the base line's place: the
    edited characters must stand in it within a run of at least ``_ANCHOR`` characters it shares
    with ``base`` (a line's start or end, which every line has, anchors nothing)."""
    if ours == theirs or base == theirs:
        return ours
    if max(len(base), len(ours)) > _LONG_LINE:
        return None
    start = 0
    while start < min(len(base), len(theirs)) and base[start] == theirs[start]:
        start += 1
    end = 0
    while end < min(len(base), len(theirs)) - start and base[-1 - end] == theirs[-1 - end]:
        end += 1
    stop = len(base) - end
    blocks = difflib.SequenceMatcher(None, base, ours, autojunk=False).get_matching_blocks()
    if anchored:
        # One run of characters the author has as the base has them holds the edited ones.
        for a, b, size in blocks:
            if a <= start and stop <= a + size and _weight(base[a : a + size]) >= _ANCHOR:
                return ours[: b + start - a] + theirs[start : len(theirs) - end] + ours[b + stop - a :]
        return None

    def place(at: int, left: bool) -> int:
        """Where base index ``at`` is in ``ours``, judged by a matching character on its ``left``
        (or right) side; -1 when none."""
        if left and at == 0:
            return 0
        if not left and at == len(base):
            return len(ours)
        for a, b, size in blocks:
            if (a < at <= a + size) if left else (a <= at < a + size):
                return b + at - a
        return -1

    # A side of the edited characters the author has as the base has them anchors that side.
    first, last = place(start, True), place(stop, False)
    if first < 0 and last >= 0:
        first = last - (stop - start)
    elif last < 0 and first >= 0:
        last = first + (stop - start)
    if first < 0 or last < first or ours[first:last] != base[start:stop]:
        return None
    return ours[:first] + theirs[start : len(theirs) - end] + ours[last:]


# How an author's line takes an edit of a base line not in place: the edit's lines in its place
# (""), or added after it ("before": the line comes first) or before it ("after").
_Instead = dict[int, tuple[int, int, str]]


def _merged_near(
    at: int, base: Sequence[str], ours: Sequence[str], edited: str, mine: _Changes, taken: set[int]
) -> tuple[int, str] | None:
    """The author's line that takes the edit of base line ``at`` (to ``edited``), which the author
    rewrote together with lines around it or left out, and that line with the edit merged in: of
    the lines rewritten with it, the one most like it; else, of the author's lines no base line is
    kept in, the nearest to where the base line would stand. Only a line holding the edited
    characters takes the edit (``_merge_line``, anchored); ``None`` when none does."""

    def merge(o: int) -> str | None:
        return None if o in taken else _merge_line(base[at], ours[o], edited, anchored=True)

    if at in mine.rewritten:
        first, last, _ = mine.inserted[mine.rewritten[at]]
        best: tuple[float, int, str] | None = None
        for o in range(first, min(last, first + _NEAR)):
            if (line := merge(o)) is not None:
                alike = difflib.SequenceMatcher(None, base[at], ours[o], autojunk=False).ratio()
                if best is None or alike > best[0]:
                    best = (alike, o, line)
        if best is not None:
            return best[1], best[2]
    # Where the base line would stand: after the author's line of the nearest base line before it.
    before = at - 1
    while before >= 0 and mine.kept[before] < 0 and mine.changed[before] < 0:
        before -= 1
    place = max(mine.kept[before], mine.changed[before]) + 1 if before >= 0 else 0
    placed = {o for o in mine.kept if o >= 0} | {o for o in mine.changed if o >= 0}
    for distance in range(_NEAR):
        for o in (place - 1 - distance, place + distance):
            if 0 <= o < len(ours) and o not in placed and (line := merge(o)) is not None:
                return o, line
    return None


def _moved(
    base: Sequence[str], ours: Sequence[str], theirs: Sequence[str], mine: _Changes, edit: _Changes
) -> tuple[_Instead, dict[int, str], set[int], set[int]]:
    """Edits of base lines that the author has elsewhere, or rewrote together with lines around
    them: for each of the author's lines that takes one, how (see ``_Instead``), or the line with
    the edit merged into it; and the base lines, and the places before base lines (the keys of
    ``_Changes.inserted``), whose edits that covers."""
    loose: dict[str, int] = {}
    for first, last, _ in mine.inserted.values():
        for at in range(first, last):
            if ours[at].strip():
                loose[ours[at]] = -1 if ours[at] in loose else at

    def copy(at: int) -> int:
        """The author's one loose copy of base line ``at``, where the base line is not in place."""
        if 0 <= at < len(base) and mine.kept[at] < 0 and mine.changed[at] < 0 and base[at].strip():
            return loose.get(base[at], -1)
        return -1

    instead: _Instead = {}
    merged: dict[int, str] = {}
    lines: set[int] = set()
    covered: set[int] = set()
    for at, j in enumerate(edit.changed):
        if j < 0:
            continue
        if (o := copy(at)) >= 0:
            instead[o] = (j, j + 1, "")
            lines.add(at)
        elif mine.kept[at] < 0 and mine.changed[at] < 0:
            near = _merged_near(at, base, ours, theirs[j], mine, set(instead) | set(merged))
            if near is not None:
                merged[near[0]] = near[1]
                lines.add(at)
    for at, (first, last, end) in edit.inserted.items():
        if end > at:
            found = [copy(k) for k in range(at, end)]
            if found[0] >= 0 and found == list(range(found[0], found[0] + len(found))):
                instead[found[0]] = (first, last, "")
                for o in found[1:]:
                    instead[o] = (last, last, "")
                covered.add(at)
        elif (o := copy(at - 1)) >= 0:
            instead[o] = (first, last, "before")
            covered.add(at)
        elif (o := copy(at)) >= 0:
            instead[o] = (first, last, "after")
            covered.add(at)
    return instead, merged, lines, covered


def _joined(lines: Sequence[Line], newline: str, final: str | None = None) -> str:
    """``lines`` as text: a line that lost its place as the last one needs an ending again, and
    the last line ends with ``final`` (the source's last ending) when given, else as it is."""
    last = len(lines) - 1
    parts = []
    for index, (content, ending) in enumerate(lines):
        if index == last:
            parts.append(content + (ending if final is None else final))
        else:
            parts.append(content + (ending or newline))
    return "".join(parts)


def splice(source: str, before: str, after: str) -> str:
    """``source`` with the change from ``before`` to ``after`` applied line by line."""
    bom = _BOM if source.startswith(_BOM) else ""
    ours_lines = _lines(source[len(bom) :])
    newline = _newline(source, ours_lines)
    return bom + _joined(_merge(ours_lines, before, after, newline), newline)


# --- section by section ---------------------------------------------------------------------

# Up to this many reached sections, each is tried rewritten alone before all of them are
# (each try is a reading of the whole document).
_ONE_BY_ONE = 8
_BULLET = re.compile(r"^(?:[-*+]|\d+[.)])(?=\s)")
# A line of marks alone (a rule, a fence, a table's separator row, a comment's
# delimiters) says nothing about which section it belongs to.
_MARKS_ONLY = re.compile(r"^[\W_]*$")


def _line_key(content: str) -> str:
    """A line reduced to its text (no indentation, runs of blanks or bullet kind); "" for a line
    that tells nothing (blank, or marks alone)."""
    if _MARKS_ONLY.match(content):
        return ""
    return _BULLET.sub("-", " ".join(content.split()))


def _sections(lines: Sequence[Line]) -> list[tuple[int, int]]:
    """The line ranges of a document's top-level sections, after its head.

    The head is all before the first section: any front matter and the
    document's title with the text under it. The sections are the title's
    subsections (and any other top-level heading), or, without a ``#`` title
    over them, the top-level headings.
    """
    nodes = outline("\n".join(content for content, _ in lines)).roots
    if nodes and nodes[0].level == 1 and nodes[0].children:
        nodes = [*nodes[0].children, *nodes[1:]]
    return list(itertools.pairwise([0, *(node.line - 1 for node in nodes), len(lines)]))


def _chunks(lines: list[Line]) -> list[list[Line]]:
    return [lines[start:end] for start, end in _sections(lines)]


def _text(chunk: Sequence[Line]) -> str:
    return "".join(content + ending for content, ending in chunk)


def _writers_edit(base: list[list[Line]], theirs: list[list[Line]]) -> list[str]:
    """For each of the writer's sections of the plan as read, the text the writer gives it for the
    plan as edited. Sections pair by heading line; a section the edit adds goes with the one before
    it, and one it removes gets ""."""
    heads = [[chunk[0][0] if index and chunk else "" for index, chunk in enumerate(doc)] for doc in (base, theirs)]
    result = [_text(chunk) for chunk in base]
    for tag, i1, i2, j1, j2 in opcodes(heads[0], heads[1]):
        if tag == "equal":
            result[i1:i2] = [_text(chunk) for chunk in theirs[j1:j2]]
            continue
        added = "".join(_text(chunk) for chunk in theirs[j1:j2])
        if i1 < i2:
            result[i1:i2] = [added] + [""] * (i2 - i1 - 1)
        else:
            result[max(i1 - 1, 0)] += added
    return result


def _owners(ours: list[list[Line]], base: list[list[Line]]) -> list[int | None]:
    """For each of the writer's sections, the source section that holds its content: the one that
    shares the most lines with it, compared as text (indentation and bullets aside), of the lines
    no other writer's section has. The heads go together; ``None`` where no line is shared."""
    holders: dict[str, set[int]] = {}
    for index, chunk in enumerate(base):
        for content, _ in chunk:
            key = _line_key(content)
            if key:
                holders.setdefault(key, set()).add(index)
    telling = {key: next(iter(found)) for key, found in holders.items() if len(found) == 1}
    scores: list[dict[int, int]] = [{} for _ in base]
    for at, chunk in enumerate(ours):
        for key in {_line_key(content) for content, _ in chunk}:
            if key in telling:
                row = scores[telling[key]]
                row[at] = row.get(at, 0) + 1
    # Of equal scores the first section in the source (a row's first key) wins.
    return [0, *(max(row, key=lambda at: row[at]) if row else None for row in scores[1:])]


def candidates(source: str, before: str, after: str) -> Iterator[str]:
    """Ways to write the change from ``before`` to ``after`` into ``source``, each reaching further
    than the one before (and none twice): the line-by-line ``splice``; then the top-level sections
    the edit reaches each spliced on its own; then with one of those sections (each in turn), and
    finally all of them, written as the writer lays them out. Sections the edit does not reach
    keep their bytes in every one; the caller takes the first that reads back as the edit."""
    spliced = splice(source, before, after)
    yield spliced
    seen = {spliced}

    bom = _BOM if source.startswith(_BOM) else ""
    ours_lines = _lines(source[len(bom) :])
    newline = _newline(source, ours_lines)
    final = ours_lines[-1][1] if ours_lines else ""
    ours, base = _chunks(ours_lines), _chunks(_piece(before))
    edited = _writers_edit(base, _chunks(_piece(after)))
    owners = _owners(ours, base)

    # Each source section the edit reaches: the writer's text of what it holds, as read and as
    # edited. A writer's section the edit changes that has no place in the source goes in after
    # the source section of the writer's section before it.
    held: dict[int, list[int]] = {}
    reached: dict[int, tuple[str, str]] = {}
    inserted: dict[int, str] = {}
    place = 0
    for index, owner in enumerate(owners):
        if owner is not None:
            place = owner
            held.setdefault(owner, []).append(index)
        if edited[index] != _text(base[index]):
            if owner is None:
                inserted[place] = inserted.get(place, "") + edited[index]
            else:
                reached[owner] = ("", "")
    for at in reached:
        reached[at] = ("".join(_text(base[index]) for index in held[at]), "".join(edited[index] for index in held[at]))

    order = sorted(reached)
    one_by_one = [{at} for at in order] if 1 < len(order) <= _ONE_BY_ONE else []
    for laid_out in [set(), *one_by_one, set(order)]:
        out: list[Line] = []
        for at, chunk in enumerate(ours):
            if at not in reached:
                out.extend(chunk)
            elif at in laid_out:
                out.extend(_restyled(_piece(reached[at][1]), newline))
            else:
                out.extend(_merge(chunk, *reached[at], newline))
            if at in inserted:
                out.extend(_restyled(_piece(inserted[at]), newline))
        text = bom + _joined(out, newline, final)
        if text not in seen:
            seen.add(text)
            yield text


def restyle(text: str, like: str) -> str:
    """``text`` (``\\n`` line ends) with the byte-order mark and line ending ``like`` uses."""
    bom = _BOM if like.startswith(_BOM) else ""
    newline = _newline(like[len(bom) :])
    return bom + (text.replace("\n", newline) if newline != "\n" else text)
