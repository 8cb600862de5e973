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

import difflib
import itertools
import re
from collections.abc import Iterator, Sequence

from ._markdown import outline

__all__ = ["candidates", "restyle", "splice"]

_LINE = re.compile(r"([^\r\n]*)(\r\n|\r|\n|$)")
_BOM = "\ufeff"

Line = tuple[str, str]


def _lines(text: str) -> list[Line]:
    """``text`` as (content, line ending) pairs; the last line's ending may be empty."""
    lines: list[Line] = []
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


def _newline(lines: Sequence[Line]) -> str:
    """The line ending most of ``lines`` use (``\\n`` when none has one)."""
    counts: dict[str, int] = {}
    for _, ending in lines:
        if ending:
            counts[ending] = counts.get(ending, 0) + 1
    return max(counts, key=lambda ending: counts[ending]) if counts else "\n"


def _sync_regions(base: list[str], ours: list[str], theirs: list[str]) -> Iterator[tuple[int, ...]]:
    """Runs of ``base`` that both ``ours`` and ``theirs`` kept, as index ranges of all three."""
    ours_blocks = difflib.SequenceMatcher(None, base, ours, autojunk=False).get_matching_blocks()
    theirs_blocks = difflib.SequenceMatcher(None, base, theirs, autojunk=False).get_matching_blocks()
    i = j = 0
    while i < len(ours_blocks) and j < len(theirs_blocks):
        o_base, o_at, o_len = ours_blocks[i]
        t_base, t_at, t_len = theirs_blocks[j]
        start, end = max(o_base, t_base), min(o_base + o_len, t_base + t_len)
        if start < end:
            o_start, t_start = o_at + start - o_base, t_at + start - t_base
            yield start, end, o_start, o_start + end - start, t_start, t_start + end - start
        if o_base + o_len < t_base + t_len:
            i += 1
        else:
            j += 1
    yield len(base), len(base), len(ours), len(ours), len(theirs), len(theirs)


def _restyled(lines: Sequence[Line], newline: str) -> list[Line]:
    """Writer's ``lines`` with the source's line ending."""
    return [(content, newline if ending else "") for content, ending in lines]


def _merge(ours_lines: list[Line], before: str, after: str, newline: str) -> list[Line]:
    """``ours_lines`` with the change from ``before`` to ``after`` applied line by line."""
    ours = [content for content, _ in ours_lines]
    base = [content for content, _ in _piece(before)]
    theirs_lines = _piece(after)
    theirs = [content for content, _ in theirs_lines]

    out: list[Line] = []

    def take_theirs(start: int, end: int) -> None:
        out.extend(_restyled(theirs_lines[start:end], newline))

    b = o = t = 0
    for b_start, b_end, o_start, o_end, t_start, t_end in _sync_regions(base, ours, theirs):
        base_part, ours_part, theirs_part = base[b:b_start], ours[o:o_start], theirs[t:t_start]
        if ours_part == theirs_part or theirs_part == base_part:
            out.extend(ours_lines[o:o_start])
        elif len(ours_part) == len(base_part):
            # The author wrote these lines differently (trailing spaces, other
            # marks) but one for one: lines the edit left alone stay theirs.
            matcher = difflib.SequenceMatcher(None, base_part, theirs_part, autojunk=False)
            for tag, i1, i2, j1, j2 in matcher.get_opcodes():
                if tag == "equal":
                    out.extend(ours_lines[o + i1 : o + i2])
                else:
                    take_theirs(t + j1, t + j2)
        else:
            # Where the author's lines and the edit overlap, the edit wins.
            take_theirs(t, t_start)
        out.extend(ours_lines[o_start:o_end])
        b, o, t = b_end, o_end, t_end
    return out


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
    newline = _newline(ours_lines)
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
    matcher = difflib.SequenceMatcher(None, heads[0], heads[1], autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
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
    newline = _newline(ours_lines)
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
    newline = _newline(_lines(like[len(bom) :]))
    return bom + (text.replace("\n", newline) if newline != "\n" else text)
