"""Writing an edited plan back over the text it was read from.

The writer lays out the plan as read (``before``) and the plan as edited
(``after``); what changed between the two is applied to the source the way a
three-way merge applies a patch, so every line the edit did not reach stays as
its author wrote it, line ending included. Where the author's text departs
from the writer's layout at the very place of an edit, the edit wins there.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator, Sequence

__all__ = ["restyle", "splice"]

_LINE = re.compile(r"([^\r\n]*)(\r\n|\r|\n|$)")
_BOM = "\ufeff"


def _lines(text: str) -> list[tuple[str, str]]:
    """``text`` as (content, line ending) pairs; the last line's ending may be empty."""
    lines: list[tuple[str, str]] = []
    for match in _LINE.finditer(text):
        if match.start() == len(text) and lines and lines[-1][1]:
            break
        lines.append((match.group(1), match.group(2)))
        if not match.group(2):
            break
    return lines


def _newline(lines: Sequence[tuple[str, str]]) -> str:
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


def splice(source: str, before: str, after: str) -> str:
    """``source`` with the change from ``before`` to ``after`` applied line by line."""
    bom = _BOM if source.startswith(_BOM) else ""
    ours_lines = _lines(source[len(bom) :])
    newline = _newline(ours_lines)
    ours = [content for content, _ in ours_lines]
    base = [content for content, _ in _lines(before)]
    theirs_lines = _lines(after)
    theirs = [content for content, _ in theirs_lines]

    out: list[tuple[str, str]] = []

    def take_theirs(start: int, end: int) -> None:
        out.extend((content, newline if ending else "") for content, ending in theirs_lines[start:end])

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
    # A line that lost its place as the last one needs an ending again.
    last = len(out) - 1
    return bom + "".join(
        content + (ending if ending or index == last else newline) for index, (content, ending) in enumerate(out)
    )


def restyle(text: str, like: str) -> str:
    """``text`` (``\\n`` line ends) with the byte-order mark and line ending ``like`` uses."""
    bom = _BOM if like.startswith(_BOM) else ""
    newline = _newline(_lines(like[len(bom) :]))
    return bom + (text.replace("\n", newline) if newline != "\n" else text)
