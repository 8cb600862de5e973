"""The appendix of a conversion: what the target has no place for, as the source plan wrote it.

The source plan is written once more by its own format's writer, with a token
in place of each value (``Tokens``). The appendix is that rendering cut down
to what was lost: the sections holding a lost value, under their headings as
the source plan has them (the format's own, or the author's), and in each
only the lines holding one (a table's rows under its header, a list's items
under the items they are nested in, a code block with its fence). So every
shape (table, list, label, code fence and its language) is the source
format's, read from its writer, with no rule of any format here; the field
paths stay in ``Conversion.losses`` and the report.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import attrs

from ._fields import field_leaves, fill, filled, is_code, is_kind, leaves
from ._format import Format
from ._loss import Loss
from ._markdown import Node, cell, front_fenced, outline, table_rows
from ._model import Labeled, Plan, Section, Source, Task, evolve
from ._reading import FENCE_OPEN, FRONT, split_rule
from ._report import APPENDIX_HEADING, Tokens

__all__ = [
    "APPENDIX_INTRO",
    "HEADINGS_INTRO",
    "LOOSE_NAMES",
    "LostSection",
    "appendix",
    "appendix_parts",
    "describe_losses",
    "hidden_comments",
    "loose_label",
    "loose_top_fields",
    "loose_values",
    "lost_sections",
    "merged_appendix",
]

_HEADING = re.compile(r"^ {0,3}(#{1,6})(?=[ \t]|$)")
_WORD = re.compile(r"\w{1,20}")
# A value's first word and the space after it, and the rest of it.
_LEAD = re.compile(r"(\S+\s+)(\S.*)", re.DOTALL)
_COMMENT = re.compile(r"^[ \t]*<!--[ \t]*(.*?)[ \t]*-->[ \t]*$")
_ITEM = re.compile(r"^[ \t]*(?:[-*+]|\d+[.)])(?:[ \t]|$)")
_BACKTICKS = re.compile(r"`+")
_INDEX = re.compile(r"\[\d+\]")


@attrs.frozen
class LostSection:
    """A section of the source plan with fields that did not land in their place in the target.

    ``heading`` is the section's heading as the source plan has it (its
    format's own, or its author's): the outermost heading over the fields,
    ``""`` for the plan's metadata (its title, the labelled lines around it). ``losses`` are the
    section's fields that went into the appendix, in the order of
    ``Conversion.losses``.

    >>> import plancore
    >>> plancore.LostSection(heading="Technical Decisions", losses=()).describe("speckit")
    'section "Technical Decisions": 0 fields not in their place in speckit, kept in the appendix'
    """

    heading: str
    losses: tuple[Loss, ...]

    def describe(self, target: str, appendix: str = "the appendix") -> str:
        """One line for a person: the section, how many of its fields, the target, and the appendix they
        are kept in (``the appendix of requirements.md`` for a folder's file)."""
        where = f'section "{self.heading}"' if self.heading else "the plan's metadata"
        count = len(self.losses)
        fields = "field not in its place" if count == 1 else "fields not in their place"
        return f"{where}: {count} {fields} in {target}, kept in {appendix}"


@attrs.frozen
class _Rendering:
    """The source plan written by its format with a token for each value, and which tokens were lost."""

    text: str
    tokens: Tokens
    # Per lost field's path, the ids of its tokens (a check mark: its item's first field's).
    ids: dict[str, frozenset[int]]
    # Whether only the lost values have tokens (the others written as they are).
    partial: bool = False
    # Lost one-word values written as they are, for the writer lays them out by what they say.
    restored: frozenset[int] = frozenset()
    # The author's headings not put into ``text``, where no token shows under one (``_titles_show``):
    # the appendix is the same without them; ``lost_sections`` puts them in to rank a lost heading.
    untitled: tuple[Labeled, ...] = ()

    @property
    def lost(self) -> frozenset[int]:
        return frozenset().union(*self.ids.values())


# The last rendering made: a conversion's appendix, then its ``lost_sections``
# (the command line's summary), render the same plan for the same losses. One
# is kept, so memory stays flat over many plans.
_LAST: list[tuple[Plan, Format, tuple[Loss, ...], _Rendering]] = []


def _rendering(plan: Plan, source: Format, losses: Sequence[Loss]) -> _Rendering:
    losses = tuple(losses)
    for kept, fmt, lost, rendering in _LAST:
        # An equal plan is rendered alike (a rendering writes no plan's source): the appendix's plan is
        # a new object, equal to the source's when the crosswalk moved nothing the source's writer shows.
        if fmt is source and lost == losses and (kept is plan or kept == plan):
            return rendering
    rendering = _new_rendering(plan, source, losses)
    _LAST[:] = [(plan, source, losses, rendering)]
    return rendering


def _tokened(plan: Plan) -> tuple[Tokens, Plan]:
    """A token for every value of ``plan`` and for the body of each of its own sections, and
    ``plan`` with them in place of the values (no ``source``)."""
    # Labels get tokens too (an author's ``**分支**``): counted, or past ten tokens ``...10`` reads as token 1.
    # The leaves of every field but its own sections and headings, walked field by field (the plan not built anew).
    flat = [leaf for name in _LEAF_FIELDS for leaf in field_leaves(plan, name)]
    held = [str(value) for _, value in flat]
    held += [section.heading + "\n" + section.body for section in plan.extra_sections]
    tokens = Tokens("\n".join(held), len(flat) + len(plan.extra_sections))
    # A section kept verbatim gets a token for its body too, so that it shows
    # where it stood; one without a heading has one already.
    return tokens, tokens.plan(plan, headed=True)


# The fields of a plan ``_tokened`` counts the leaves of (``leaves``' walk, less its own sections and headings).
_LEAF_FIELDS = tuple(
    field.name for field in attrs.fields(Plan) if field.eq and field.name not in ("extra_sections", "headings")
)


def _new_rendering(plan: Plan, source: Format, losses: Sequence[Loss]) -> _Rendering:
    tokens, tokened = _tokened(plan)
    # Laid out first: the tokens are compared as the writer lays them out, before an
    # author's headings are put back in (the writer's doing alone).
    laid_out = source.laid_out(tokened, told=tokens.value)
    by_path: dict[str, set[int]] = {}
    for index, path in enumerate(tokens.paths):
        by_path.setdefault(path, set()).add(index)
    ids = {}
    for loss in losses:
        found = by_path.get(loss.path)
        if found is None and "]" in loss.path:
            # A check mark has no token: it shows beside its item's first field.
            found = by_path.get(tokens.first.get(loss.path.rsplit(".", 1)[0], ""))
        ids[loss.path] = frozenset(found or ())
    # The tokens laid out as the values are: the plan written afresh, or its headings.
    afresh = source.emit(evolve(plan, source=None, headings=()))
    if tokens.value(laid_out) == afresh or _titles(laid_out, tokens) == _titles(afresh, tokens):
        # The author's headings show only over a lost value's section: when every lost value is in the
        # header (a translated plan's labels and headings, lost to a format with none of them), the
        # appendix is the same without them, and putting them in (a reading of the text) is spared.
        headed = bool(tokened.headings) and _in_sections(laid_out, tokens, frozenset().union(*ids.values()))
        text = source.titled(laid_out, tokened.headings, read_again=False) if headed else laid_out
        return _Rendering(text=text, tokens=tokens, ids=ids)
    # A writer that lays out a value by what it says (maestro puts a component under "Modified"
    # by its change type) lays out a token otherwise: only the lost values get tokens then.
    # So are the lost values of one word (a change type): they show where the writer puts them.
    lost = frozenset().union(*ids.values())
    # Only where the writer did not write its token, or titles its item by it (maestro's ``#### POST /path``,
    # the token a line of its own): a value whose token it wrote (an endpoint's ``Auth: None``, a component
    # named ``Constitution`` in its row), restored, would leave its line without a token, carried as a
    # loose line that names no field, or not at all.
    written = {int(match.group(1)) for match in tokens.pattern.finditer(laid_out)}
    titled = {
        int(match.group(1))
        for match in tokens.pattern.finditer("\n".join(line for line in laid_out.split("\n") if line.startswith("#")))
    }
    titles = [line for line in afresh.split("\n") if line.startswith("#")]

    def titles_item(index: int) -> bool:
        # A title of the item (its other value's, written) that says this value too, where its token is none.
        value = re.compile(rf"(?<!\w){re.escape(tokens.values[index])}(?!\w)")
        others = [tokens.values[i] for i in _fields_of_item(tokens.paths, tokens.paths[index]) & titled]
        return index not in titled and any(
            value.search(title) and any(other in title for other in others) for title in titles
        )

    restored = frozenset(
        index
        for index in lost
        if _WORD.fullmatch(tokens.values[index])
        and (index not in written or is_kind(Plan, tokens.paths[index]) or titles_item(index))
    )
    located: dict[str, frozenset[int]] = {}
    for path, kind in list(ids.items()):
        first = tokens.first.get(path[: path.rfind("]") + 1], "")
        if kind and kind <= restored and is_kind(Plan, path) and first in by_path:
            # A kind of one word may be said by the heading its item stands under alone (maestro
            # writes no "Change type" line under "Modified Components"): the item's first field
            # keeps its token, so that its heading shows under that one.
            located[path] = kind
            ids[path] = kind | frozenset(by_path[first])
    # Any other value written as it is names no item (two phases' ``HIGH``): its item's first field
    # (a phase's name) gets a token too, so that it shows under its item's heading.
    ids = {
        path: found | _first_of_item(path, tokens, by_path)
        if found & restored and path not in located and not is_kind(Plan, path)
        else found
        for path, found in ids.items()
    }
    lost = frozenset().union(*ids.values())
    # A lost value of more words, of a kind the writer lays its item out by ("Modified (split in
    # two)"), keeps its first word before its token: its item stands under its kind's heading.
    leads = {}
    for index in lost - restored:
        words = _LEAD.fullmatch(tokens.values[index])
        if words is not None and is_kind(Plan, tokens.paths[index]):
            leads[index] = words.group(1)
            tokens.values[index] = words.group(2)
    # An item's name the target holds keeps its token beside its item's lost values too (a dependency's name in
    # its row, beside its lost risk): a table cut to the lost columns keeps the one naming each row by it. Not
    # one of one word, which the writer may title its item by (maestro's ``#### POST /path``).
    names = {
        index
        for path, found in ids.items()
        if found - restored
        for index in _first_of_item(path, tokens, by_path)
        if not _WORD.fullmatch(tokens.values[index])
    }
    shown = _tokened_only(plan, tokens, (lost - restored) | names, leads)
    # ``emit_tokened``, the author's headings put in (a reading of the text, up to three of a big plan's)
    # only where the appendix shows one: over a token, or as a kind's heading (``located``).
    text = source.laid_out(shown, told=tokens.value)
    untitled = shown.headings
    if untitled and (located or _titles_show(text, tokens)):
        text, untitled = source.titled(text, untitled), ()
    headings = [line.casefold() for line in text.split("\n") if line.startswith("#")] if located else []
    for path, kind in located.items():
        # Not said by a heading (a kind of the writer's other subsection, "Deprecated", is a line of
        # its item's, which has no token): a line of its own in the appendix, as before.
        if not any(tokens.values[index].casefold() in line for index in kind for line in headings):
            ids[path] = kind
    return _Rendering(text=text, tokens=tokens, ids=ids, partial=True, restored=restored, untitled=untitled)


def _first_of_item(path: str, tokens: Tokens, by_path: dict[str, set[int]]) -> frozenset[int]:
    """The tokens of the first field of the item ``path`` is a field of (none for a top-level field)."""
    item = path.rpartition(".")[0]
    if not item.endswith("]"):
        return frozenset()
    first = tokens.first.get(item, "")
    return frozenset(by_path.get(first, ())) if first and first != path else frozenset()


def _in_sections(text: str, tokens: Tokens, lost: frozenset[int]) -> bool:
    """Whether a token of ``lost`` is in ``text`` from its first section on (under a heading of level
    2 or more, or in the footer after the last one: counted in, as it may be under a heading)."""
    first, _ = _first_section(text)
    return any(int(match.group(1)) in lost for match in tokens.pattern.finditer(text, first))


def _first_section(text: str) -> tuple[int, bool]:
    """Where the first section of ``text`` under a heading of level 2 or more starts (its end for none), as
    its outline says, and whether it was found by its line: the first heading line where no line before it is
    ``_unsure`` (the headings before it are then the lines starting with ``#``, each titled by its line)."""
    heading = _SECTION_LINE.search(text)
    first = len(text) if heading is None else heading.start()
    if not _unsure(text, first):
        return first, True
    # The walk is in the text's order: its first such heading is the first.
    return next((node.start for node in outline(text).walk() if node.level > 1), len(text)), False


def _titles_show(text: str, tokens: Tokens) -> bool:
    """Whether a token of ``text`` stands where the appendix shows a heading over it: from its first section
    on, or in its title. Putting an author's heading in changes nothing else (a heading line's title);
    the header under the title is shown with no heading, the sections of no token not at all."""
    first, by_lines = _first_section(text)
    if tokens.pattern.search(text, first) is not None:
        return True
    if by_lines:
        return any(tokens.pattern.search(line) for line in _TITLE_LINE.findall(text, 0, first))
    # A setext title may take in lines from before its underline's paragraph.
    return any(tokens.pattern.search(node.title) for node in outline(text).walk())


_SECTION_LINE = re.compile(r"^ {0,3}#{2,6}(?:[ \t]|$)", re.MULTILINE)


def _unsure(text: str, end: int) -> bool:
    """Whether a line of ``text`` before ``end`` might hide or be a heading: an ``_UNSURE_LINE``, or one opening a
    link's label (``[``), which may read on over the next lines. A line of dashes after a blank line (a writer's
    rule under its header) is none: a thematic break, no setext underline."""
    return _LABEL_LINE.search(text, 0, end) is not None or any(
        not text.endswith("\n\n", 0, match.start()) or not _RULE_LINE.match(text, match.start())
        for match in _UNSURE_LINE.finditer(text, 0, end)
    )


_RULE_LINE = re.compile(r" {0,3}-{3,}[ \t]*$", re.MULTILINE)
_LABEL_LINE = re.compile(r"^ {0,3}\[", re.MULTILINE)
_TITLE_LINE = re.compile(r"^ {0,3}#.*", re.MULTILINE)
_UNSURE_LINE = re.compile(
    r"^(?: {0,3}(?:```|~~~|[<>]|[-*+](?:[ \t]|$)|\d+[.)](?:[ \t]|$)|[-=]+[ \t]*$)| {4}|\t)", re.MULTILINE
)


def _titles(text: str, tokens: Tokens) -> list[str]:
    # The heading lines, values in (and the lines starting with "#" in code blocks, the same in
    # both texts compared): cheap enough to compare every time, as an outline is not.
    return [tokens.value(line) for line in text.split("\n") if line.startswith("#")]


def _tokened_only(plan: Plan, tokens: Tokens, keep: frozenset[int], leads: Mapping[int, str]) -> Plan:
    """``plan`` with the tokens of ``keep`` (given by ``tokens``) in place of their values, each after
    the text ``leads`` names for it, and no other: ``tokens.plan(plan)`` with every other token's value
    back, built along the paths of the tokens kept alone (a few lost values), not by a walk over every
    value of the plan."""
    # Put in one pass (``_Edit``): a put alone builds the plan and every item on its path anew, and a
    # carried plan's tokens are hundreds (a Spec Kit tasks file's appendix holds most of a plan).
    edit = _Edit(plan)
    # Without its source, built once with the tokens in.
    edit.fields["source"] = None
    for index in sorted(keep):
        edit.put(tokens.paths[index], leads.get(index, "") + tokens.of(index))
    result: Plan = edit.built()
    return result


_PATH_STEP = re.compile(r"(\w+)(?:\[(\d+)\])?(?:\.(.+))?")


class _Edit:
    """A value (attrs classes, tuples) with texts put in at paths (``_put``'s), built once at the end:
    each item on the paths is built anew once, not once per put. The puts are made in order, so a
    later put at a path overrides an earlier one as with ``_put`` one after another."""

    def __init__(self, value: Any) -> None:
        self.value = value
        # Per field name: the new value (a text, or an ``_Edit``), or per index of a tuple field's items.
        self.fields: dict[str, Any] = {}
        self.items: dict[str, dict[int, Any]] = {}

    def put(self, path: str, new: str) -> None:
        step = _PATH_STEP.fullmatch(path)
        assert step is not None, path
        name, index, rest = step.groups()
        if index is None:
            if not rest:
                self.fields[name] = new
                self.items.pop(name, None)
                return
            inner = self.fields.get(name)
            if not isinstance(inner, _Edit):
                inner = self.fields[name] = _Edit(self._current(name))
            inner.put(rest, new)
            return
        at = int(index)
        items = self.items.setdefault(name, {})
        element = items[at] if at in items else self._current(name)[at]
        if rest:
            if not isinstance(element, _Edit):
                element = _Edit(element)
            element.put(rest, new)
        elif isinstance(element, _Edit) and isinstance(element.value, Section):
            element.fields["body"] = new
            element.items.pop("body", None)
        elif isinstance(element, Section):
            element = _Edit(element)
            element.fields["body"] = new
        else:
            element = new
        items[at] = element

    def _current(self, name: str) -> Any:
        """The field ``name`` as the puts so far leave it."""
        if name in self.fields:
            field = self.fields[name]
            return field.built() if isinstance(field, _Edit) else field
        return getattr(self.value, name)

    def built(self) -> Any:
        changes = {name: field.built() if isinstance(field, _Edit) else field for name, field in self.fields.items()}
        for name, items in self.items.items():
            old = changes.get(name, getattr(self.value, name))
            changes[name] = tuple(
                (item.built() if isinstance(item, _Edit) else item) if at in items else old_item
                for at, old_item in enumerate(old)
                for item in [items.get(at)]
            )
        return evolve(self.value, **changes) if changes else self.value


def _ids(rendering: _Rendering, text: str) -> set[int]:
    return {int(match.group(1)) for match in rendering.tokens.pattern.finditer(text)}


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" \t"))


def _units(lines: list[str]) -> list[tuple[str, list[str]]]:
    """``lines`` as Markdown blocks: ``("code" | "table" | "text" | "blank", lines)``."""
    units: list[tuple[str, list[str]]] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        opening = FENCE_OPEN.match(line)
        if opening is not None:
            mark = opening.group(1)
            end = index + 1
            while end < len(lines) and not lines[end].strip().startswith(mark[0] * len(mark)):
                end += 1
            units.append(("code", lines[index : end + 1]))
            index = end + 1
            continue
        kind = "blank" if not line.strip() else "table" if line.lstrip().startswith("|") else "text"
        end = index + 1
        while end < len(lines):
            following = lines[end]
            if FENCE_OPEN.match(following):
                break
            other = "blank" if not following.strip() else "table" if following.lstrip().startswith("|") else "text"
            if other != kind:
                break
            end += 1
        units.append((kind, lines[index:end]))
        index = end
    return units


def _kept_table(lines: list[str], rendering: _Rendering, lost: frozenset[int]) -> list[str]:
    """A table's header and the rows holding a lost value, in the columns holding any value."""
    found = table_rows("\n".join(lines))
    if found is None or len(found[1]) != len(lines) - 2:
        return [line for line in lines if _ids(rendering, line) & lost]
    header, rows = found
    kept = [(line, row) for line, row in zip(lines[2:], rows, strict=True) if _ids(rendering, line) & lost]
    if not kept:
        return []
    # A cell without a value is the template's placeholder, no content of the plan's
    # (when every value has a token).
    grid = [[part if rendering.partial or _ids(rendering, part) else "" for part in row] for _, row in kept]
    columns = [column for column in range(len(header)) if any(column < len(row) and row[column] for row in grid)]
    # Of a row whose other values landed in the target (a risk's text and mitigation in OpenSpec's list),
    # only the columns of its lost values, and the one naming its item, say what is carried.
    losing = [_losing_columns(row, rendering, lost) for _, row in kept]
    if all(losing):
        columns = [column for column in columns if any(column in mine for mine in losing)]
    if grid == [row for _, row in kept] and len(columns) == len(header):
        return [lines[0], lines[1], *(line for line, _ in kept)]

    def line(parts: Sequence[str]) -> str:
        return "| " + " | ".join(cell(part) for part in parts) + " |"

    return [
        line([header[column] for column in columns]),
        "|" + "|".join("---" for _ in columns) + "|",
        *(line([row[column] if column < len(row) else "" for column in columns]) for row in grid),
    ]


def _losing_columns(row: Sequence[str], rendering: _Rendering, lost: frozenset[int]) -> set[int]:
    """The columns of a table ``row`` holding a lost value, or the first field of an item with one
    (which names the item); empty when a lost value of the row is in none of its cells alone."""
    tokens = rendering.tokens
    found = [_ids(rendering, part) for part in row]
    mine = frozenset().union(*found) & lost
    items = {tokens.paths[index][: tokens.paths[index].rfind("]") + 1] for index in mine}
    items.discard("")
    firsts = {tokens.first.get(item, "") for item in items}
    # A lost value of one word is written as it is (``_new_rendering``): found by its text in its item's row (an
    # item's own items' too, a decision's options listed in one cell).
    restored = [
        re.compile(rf"(?<!\w){re.escape(tokens.values[index])}(?!\w)")
        for index in lost & rendering.restored
        if any(tokens.paths[index].startswith(item + ".") for item in items)
    ]
    columns = set()
    for column, (part, ids) in enumerate(zip(row, found, strict=True)):
        if (
            ids & lost
            or any(tokens.paths[index] in firsts for index in ids)
            or any(value.search(part) for value in restored)
        ):
            columns.add(column)
    return columns


def _kept_text(lines: list[str], rendering: _Rendering, lost: frozenset[int]) -> list[str]:
    """The lines holding a lost value, with the list items they are nested in."""
    keep = [bool(_ids(rendering, line) & lost) for line in lines]
    for index in [index for index, kept in enumerate(keep) if kept]:
        depth = _indent(lines[index])
        for before in range(index - 1, -1, -1):
            if depth == 0:
                break
            if _indent(lines[before]) < depth and _ITEM.match(lines[before]):
                keep[before] = True
                depth = _indent(lines[before])
    return [line for line, kept in zip(lines, keep, strict=True) if kept]


def _shown_comments(lines: list[str]) -> list[str]:
    """``lines`` with each one-line HTML comment (a value a format keeps out of sight,
    ``<!-- FEATURE_ID: 001 -->``) as a list item: in the appendix it is there to be read."""
    return [f"- {match.group(1)}" if (match := _COMMENT.match(line)) is not None else line for line in lines]


def hidden_comments(body: str, fmt: Format) -> str:
    """``body`` of an appendix carried from ``fmt`` with each list item that
    ``_shown_comments`` made of one of ``fmt``'s comment lines (``- FEATURE_ID: 001``,
    the key one of its blank template's ``<!-- KEY: ... -->``) a comment again:
    read back by ``fmt``'s reader, it is the value it was.

    >>> from plancore._registry import get_format
    >>> hidden_comments("- FEATURE_ID: 001\\n- Notes: kept", get_format("specpulse"))
    '<!-- FEATURE_ID: 001 -->\\n- Notes: kept'
    """
    keys = _comment_keys(fmt)
    if not keys:
        return body
    lines = body.split("\n")
    for at, line in enumerate(lines):
        match = _SHOWN.match(line)
        if match is not None and match.group(1) in keys:
            lines[at] = f"<!-- {match.group(1)}: {match.group(2)} -->"
    return "\n".join(lines)


_SHOWN = re.compile(r"^- ([A-Z][A-Z_]*): (.*\S)$")


@functools.cache
def _comment_keys(fmt: Format) -> frozenset[str]:
    """The keys of ``fmt``'s one-line comments holding a value (``<!-- FEATURE_ID: {{feature_id}} -->``)."""
    found = (_COMMENT.match(line) for line in fmt.blank_text.split("\n"))
    return frozenset(match.group(1).split(":")[0] for match in found if match is not None and ":" in match.group(1))


def _introduces(lines: list[str]) -> bool:
    """Whether a block is a label for the block after it (``**Request:**``)."""
    return len(lines) == 1 and lines[0].strip().strip("*_ ").endswith(":")


def _kept(body: str, rendering: _Rendering, lost: frozenset[int]) -> str:
    """``body`` (a section's own text, with tokens) cut down to what holds a lost value."""
    if not _ids(rendering, body) & lost:
        # Nothing of it is kept (a block is kept for a lost value in it, or in the block it introduces):
        # most sections of a plan hold none, and are not split into blocks for it.
        return ""
    units = _units(body.split("\n"))
    kept: list[list[str]] = []
    for kind, lines in units:
        if kind == "code":
            kept.append(lines if _ids(rendering, "\n".join(lines)) & lost else [])
        elif kind == "table":
            kept.append(_kept_table(lines, rendering, lost))
        elif kind == "text":
            kept.append(_shown_comments(_kept_text(lines, rendering, lost)))
        else:
            kept.append([])
    parts: list[str] = []
    gap = False
    for position, ((kind, lines), mine) in enumerate(zip(units, kept, strict=True)):
        if kind == "blank":
            gap = True
            continue
        if not mine and kind == "text" and not _ids(rendering, "\n".join(lines)) and _introduces(lines):
            after = [k for (u, _), k in zip(units[position + 1 :], kept[position + 1 :], strict=True) if u != "blank"]
            mine = lines if after and after[0] else []
        if mine:
            if parts:
                parts.append("\n\n" if gap else "\n")
            parts.append("\n".join(mine))
            gap = False
        elif kind != "blank":
            gap = gap or bool(parts)
    return "".join(parts)


def _shifted(value: str, offset: int) -> str:
    """``value`` with its heading lines (outside code blocks) ``offset`` levels deeper, at most 6."""
    if offset <= 0 or "#" not in value:
        return value
    lines = value.split("\n")
    fence = ""
    for index, line in enumerate(lines):
        opening = FENCE_OPEN.match(line)
        if fence:
            if line.strip().startswith(fence):
                fence = ""
        elif opening is not None:
            fence = opening.group(1)
        elif (heading := _HEADING.match(line)) is not None:
            lines[index] = "#" * min(6, len(heading.group(1)) + offset) + line[heading.end() :]
    return "\n".join(lines)


def _indented(value: str, indent: str) -> str:
    """``value`` with its lines after the first (not the blank ones) after ``indent``."""
    if not indent or "\n" not in value:
        return value
    lines = value.split("\n")
    return "\n".join([lines[0], *(indent + line if line.strip() else line for line in lines[1:])])


def _value(match: re.Match[str], tokens: Tokens, offset: int, indent: str) -> str:
    """The value of the token ``match``, its headings ``offset`` levels deeper, its later lines after ``indent``."""
    return _indented(_shifted(tokens.values[int(match.group(1))], offset), indent)


def _unspanned(line: str, tokens: Tokens) -> str:
    """``line`` with a token its writer put in a code span (```TOKEN```) as the token alone where the
    value holds a backtick: a code span cannot hold one, and a writer shown the value writes it bare
    (Spec Kit's ``**Branch**: `main` (no feature branch in use)``); else the value would come back
    wrapped once more on every conversion."""
    if "`" not in line:
        return line
    return re.sub(
        f"`({tokens.pattern.pattern})`",
        lambda match: match.group(1) if "`" in tokens.values[int(match.group(2))] else match.group(0),
        line,
    )


def _substituted(text: str, rendering: _Rendering, offset: int = 0) -> str:
    """``text`` with the values for its tokens (in a table row, as cells; headings in a value
    ``offset`` levels deeper, as its section is in the appendix)."""
    tokens = rendering.tokens
    lines: list[str] = []
    for line in text.split("\n"):
        line = _unspanned(line, tokens)
        if line.lstrip().startswith("|"):
            line = tokens.pattern.sub(lambda match: cell(tokens.values[int(match.group(1))]), line)
        else:
            # A value under an indented token (a task's body under its item) is indented line
            # by line, as its writer indents it: else its later lines leave the item.
            # A list item's value goes on under its text, past the marker (``- **Label**: value``).
            item = _ITEM.match(line)
            indent = " " * item.end() if item is not None else line[: len(line) - len(line.lstrip(" \t"))]
            line = tokens.pattern.sub(functools.partial(_value, tokens=tokens, offset=offset, indent=indent), line)
            if line.startswith("\n") and (not lines or not lines[-1].strip()):
                # A value starting on a line of its own (Spec Kit's headed stack entry) after a blank line or
                # opening the text (under a heading the appendix sets a blank line after): one blank line, not two.
                line = line[1:]
        lines.append(line)
    return "\n".join(lines)


@attrs.frozen
class _Part:
    """A block of the appendix: under the headings ``chain`` (source titles with tokens)."""

    chain: tuple[tuple[int, str], ...]
    text: str


def _parts(rendering: _Rendering) -> list[_Part]:
    """The rendering's sections cut down to their lost values, in document order; the
    header's (the text before the first section and under the title) with no heading."""
    lost = rendering.lost
    header_only = _header_only(rendering.text, rendering, lost)
    if header_only is not None:
        return [_Part(chain=(), text=header_only)] if header_only else []
    return _outlined_parts(rendering, lost)


def _outlined_parts(rendering: _Rendering, lost: frozenset[int]) -> list[_Part]:
    """``_parts`` by the rendering's outline."""
    doc = outline(rendering.text)
    nodes = list(doc.walk())
    last = max(nodes, key=lambda node: node.start) if nodes else None
    parts: list[_Part] = []
    header = [doc.preamble]
    footer = ""

    def visit(node: Node, chain: tuple[tuple[int, str], ...]) -> None:
        nonlocal footer
        body = node.body
        if node is last:
            body, footer = split_rule(node.body)
        if node.level == 1:
            # The title's heading is the header: a lost value in it is carried as a line.
            if _ids(rendering, node.title) & lost:
                header.append(node.title)
            header.append(body)
            for child in node.children:
                visit(child, chain)
            return
        mine = (*chain, (node.level, node.title))
        own = _kept(body, rendering, lost)
        if own or _ids(rendering, node.title) & lost:
            parts.append(_Part(chain=mine, text=own))
        for child in node.children:
            visit(child, mine)

    for root in doc.roots:
        visit(root, ())
    top = _kept("\n\n".join([*header, footer]), rendering, lost)
    return ([_Part(chain=(), text=top)] if top else []) + parts


def _header_only(text: str, rendering: _Rendering, lost: frozenset[int]) -> str | None:
    """``_parts``'s header part's text where every lost value is in the header (before the first section), on
    no title's line, and no line before the first section might hide or be a heading but a title's ``# ``
    line: its titles found by their lines, not by an outline (most of a rendering, the sections after,
    adds blocks of no lost value to the header's, which keep nothing). ``None`` where that is not so."""
    first, by_lines = _first_section(text)
    if not by_lines or _TABLE_RULE.search(text, 0, first) is not None:
        return None
    if any(int(match.group(1)) in lost for match in rendering.tokens.pattern.finditer(text, first)):
        return None
    titles = list(_LEVEL_ONE.finditer(text, 0, first))
    if any(_ids(rendering, title.group()) & lost for title in titles):
        return None
    # As ``_parts`` joins them: the text before the first heading, each title's body up to the next
    # heading, and with no section after them, the last one's footer (after its rule) apart.
    header = [text[: titles[0].start() if titles else first]]
    footer = ""
    for at, title in enumerate(titles):
        end = titles[at + 1].start() if at + 1 < len(titles) else first
        body = text[min(title.end() + 1, len(text)) : end]
        if at + 1 == len(titles) and first == len(text):
            body, footer = split_rule(body)
        header.append(body)
    return _kept("\n\n".join([*header, footer]), rendering, lost)


# A title's line (a heading of level 1), and a line of dashes and pipes that may make the lines around it a table
# (one of which may take a heading line in as a row).
_LEVEL_ONE = re.compile(r"^ {0,3}#(?:[ \t][^\n]*)?$", re.MULTILINE)
_TABLE_RULE = re.compile(r"^[ \t:|-]*(?:-[ \t:|-]*\||\|[ \t:|-]*-)[ \t:|-]*$", re.MULTILINE)


def _fence(code: str, info: str = "") -> str:
    # A fence longer than any run of backticks in the code, so that none closes it.
    fence = "`" * max(3, 1 + max((len(run) for run in _BACKTICKS.findall(code)), default=0))
    return f"{fence}{info}\n{code}\n{fence}"


def _label(path: str) -> str:
    return _INDEX.sub("", path).rsplit(".", 1)[-1].replace("_", " ").capitalize()


# A lost check of an item, in the words a person writes after its text: (when set, when not).
_STATES = {
    "done": ("done", "not done"),
    "in_progress": ("in progress", "not started"),
    "skipped": ("skipped", "not skipped"),
    "optional": ("optional", "required"),
}


def _loose(loss: Loss, texts: dict[str, Any]) -> str:
    """A lost value the source's writer does not show, as a labelled line or block, the label naming its
    item by its text in ``texts`` (path to value); a lost check of an item as that text with its state
    after it."""
    value = loss.value
    text = str(value)
    # The item is named by its text (a task's), its name (a phase's, a component's) or its title (a step's):
    # lines of several items' values alike (``Dependents``) would say nothing of whose each is.
    # An item's name is named by the item it is in (a decision's option's by the decision's title).
    owner = loss.path[: loss.path.rfind("]") + 1]
    item: Any = ""
    while owner and not item:
        item = next(
            (texts[key] for key in (f"{owner}.{n}" for n in LOOSE_NAMES) if key != loss.path and texts.get(key)), ""
        )
        owner = owner[: owner.rfind("[")]
        owner = owner[: owner.rfind("]") + 1]
    named = isinstance(item, str) and bool(item) and "\n" not in item and item != text
    if isinstance(value, bool):
        field = loss.path.rsplit(".", 1)[-1]
        words = _STATES.get(field, (_label(loss.path).lower(), "not " + _label(loss.path).lower()))
        text = words[0] if value else words[1]
        if named:
            return f"- **{item}**: {text}"
    label = f"{item} — {_label(loss.path)}" if named and not isinstance(value, bool) else _label(loss.path)
    if not named and "]." in loss.path and label in _top_labels():
        # An unnamed item's value under a label of a field of no item (a timeline entry's ``Status``, the
        # plan's) says whose list it is of: alone, it would come home as the plan's.
        label = f"{_label(loss.path[: loss.path.rfind('[')])} — {label}"
    if is_code(Plan, loss.path):
        return f"**{label}:**\n\n{_fence(text)}"
    return f"- **{label}:** {text}" if "\n" not in text else f"**{label}:**\n\n{text}"


# The fields an item is named by, first found first (a timeline entry by the phase it schedules).
LOOSE_NAMES = ("text", "name", "title", "phase")

# A line ``_loose`` writes of a lost one-line value: ``- **Item — Label:** value`` (``- **Label:** value``
# of a value of no named item).
_LOOSE_LINE = re.compile(r"- \*\*(?:([^*\n]+?) — )?([^*\n]+):\*\* (.*\S)")


def loose_label(path: str) -> str:
    """The label ``_loose`` writes a lost value of the field at ``path`` under (``Internal dependencies``)."""
    return _label(path)


@functools.cache
def loose_top_fields() -> frozenset[str]:
    """The fields of no list's item (``metadata.status``, not ``timeline.status``): a value ``_loose``
    writes with no item's name in its label is one of these."""
    return frozenset(_INDEX.sub("", path) for path, _ in leaves(filled(Plan)) if "]." not in path)


@functools.cache
def _top_labels() -> frozenset[str]:
    return frozenset(_label(path) for path in loose_top_fields())


def loose_values(block: str) -> list[tuple[str, str, str]] | None:
    r"""The lost one-line values a block of ``_loose`` lines holds: (its item's name or ``""``, its label,
    its value) each; ``None`` when a line of ``block`` is not one.

    >>> loose_values("- **Mailer — Technology:** SMTP\n- **Internal dependencies:** FastAPI")
    [('Mailer', 'Technology', 'SMTP'), ('', 'Internal dependencies', 'FastAPI')]
    """
    found = [_LOOSE_LINE.fullmatch(line) for line in block.split("\n")]
    return [(m.group(1) or "", m.group(2), m.group(3)) for m in found if m is not None] if all(found) else None


def _sections_text(parts: list[_Part], rendering: _Rendering) -> list[str]:
    """The parts as Markdown blocks, each under the headings of its chain not yet written."""
    blocks: list[str] = []
    written: tuple[tuple[int, str], ...] = ()
    for part in parts:
        shared = 0
        while shared < min(len(written), len(part.chain)) and written[shared] == part.chain[shared]:
            shared += 1
        for depth, (_, title) in enumerate(part.chain[shared:], start=shared):
            # Under the appendix's own heading (level 2), a level for each heading above.
            level = min(6, 3 + depth)
            blocks.append("#" * level + " " + rendering.tokens.value(title))
        written = part.chain
        if part.text:
            # A value's own sub-headings stay under its section's heading.
            offset = min(6, 2 + len(part.chain)) - part.chain[-1][0] if part.chain else 0
            blocks.append(_substituted(part.text, rendering, offset))
    return blocks


def _shown(
    loss: Loss, rendering: _Rendering, parts: list[tuple[_Part, set[int]]], emitted: set[int], text: str
) -> bool:
    """Whether ``loss`` shows in the appendix's ``text``, whose ``parts`` (each with the tokens it shows)
    showed the tokens ``emitted``."""
    if loss.path.startswith("headings["):
        return any(line.lstrip("#").strip() == loss.value for line in text.split("\n") if line.startswith("#"))
    if loss.path.startswith("labels["):
        # Shown where its token is (a title's prefix on the title's line, not bold), else by its bold.
        return bool(rendering.ids.get(loss.path, frozenset()) & emitted) or f"**{loss.value}" in text
    ids = rendering.ids.get(loss.path, frozenset())
    if ids & rendering.restored:
        # Written as it is: shown if a part of its item says it (its heading, say). In another case
        # only where the writer lays out by it (a change type as the heading ``Modified Components``):
        # elsewhere another value of that spelling is no sign of it.
        value = str(loss.value)
        item = _item_ids(rendering, loss.path) | (ids - rendering.restored)
        owner = loss.path[: loss.path.rfind("[")]
        while not item - ids and "]" in owner:
            # An item with no other field shown (a decision's option, its name alone) is shown by the item
            # it is in (the decision's row, which lists the option).
            item = _item_ids(rendering, owner) - ids
            owner = owner[: owner.rfind("[")]
        for part, shows in parts:
            if not shows & item:
                continue
            titles = [rendering.tokens.value(title) for _, title in part.chain]
            if value in rendering.tokens.value(part.text) or any(value.casefold() in t.casefold() for t in titles):
                return True
        return False
    return bool(ids & emitted)


def _item_ids(rendering: _Rendering, path: str) -> set[int]:
    """The tokens of the other fields of ``path``'s item."""
    return _fields_of_item(rendering.tokens.paths, path)


def _fields_of_item(paths: Sequence[str], path: str) -> set[int]:
    """The indexes in ``paths`` of the fields of ``path``'s item (``path``'s own too: it is one)."""
    item = path[: path.rfind("]") + 1]
    if not item:
        return set()
    return {index for index, other in enumerate(paths) if other.startswith(item + ".")}


def appendix(
    losses: Sequence[Loss],
    source: str,
    target: str,
    *,
    plan: Plan | None = None,
    source_format: Format | None = None,
    others: Sequence[Format] = (),
    read: Plan | None = None,
    rendered: list[tuple[Plan, Format, tuple[Loss, ...]]] | None = None,
) -> Section:
    """The appendix section (``## Appendix: Carried Over``) holding ``losses``
    of a conversion of ``plan`` from format ``source`` to ``target``.

    The sections of the source plan that hold a lost value, under their
    headings as the plan has them, each cut down to the lost values in the
    source's own shapes (table rows under the table's header, list items,
    labelled lines, code in a fence with its language). A value its writer
    does not show (and every one, without ``plan`` and ``source_format``)
    follows as a labelled line; a lost check of a task (done, in progress,
    skipped, optional) as its text with its state in words (``- **1.1 Add
    fields**: in progress``), or, under the source's headings, for a task whose words the output holds and
    whose ID no other task has, by its ID on one line per state after the rest (``MARKS_INTRO``, then
    ``- **Done:** T001, T002``). No field path is written. A plan read from JSON (``source`` ``"json"``)
    has no format of its own: ``source_format`` is the one it is shown in, which the intro names.
    ``others``: for a folder's plan, the
    formats of its other files (``source_format`` its first's): what one does not show, the next shows.
    ``read``: ``plan`` as read, before the crosswalk moved values out of their fields (a branch into
    maestro's Feature ID): a header line kept for a lost value shows a moved one on it as the plan has
    it, never the source template's placeholder for it (``[###-feature-name]``).
    ``rendered``: a list that gets, per format the lost values are shown in, the plan and losses it
    rendered (``lost_sections`` groups the conversion's losses by that rendering again).

    >>> from plancore._loss import Loss
    >>> appendix([Loss(path="summary", reason="", value="Why.")], "aadt", "speckit").body.split("\\n\\n")[1:]
    ['- **Summary:** Why.']
    """
    where = (
        "field by field"
        if source_format is None
        else f"under the {source} plan's headings"
        if source != "json"
        # A plan without text of its own (from JSON) shown as the format holding most of what it lost writes it.
        else f"under the {source_format.name} format's headings"
    )
    intro = f"What the {source} plan holds that the {target} format has no place for, {where}."
    blocks = [intro]
    formats = (source_format, *others) if source_format is not None and plan is not None else ()
    # Under the source's headings a mark is shown on its task's line, the task's words in the output
    # too: the marks of tasks known by their IDs are listed by ID instead.
    marks, rest = _marks(list(losses), plan) if formats else ({}, list(losses))
    if plan is not None and read is not None:
        # The header's facts share a line (``**Branch**: … | **Date**: …``): one lost there keeps the
        # line, so each moved out of it is written in it again. A section's own lines are kept one by one.
        metadata = fill(plan.metadata, read.metadata)
        # (A plan is built anew only for a change: building checks every field, a tenth of a millisecond.)
        plan = evolve(plan, metadata=metadata) if metadata is not plan.metadata else plan
        # Shown under the source's headings as it wrote them: one the crosswalk left out for the target
        # (maestro's ``7. Testing Strategy``, the template's number: ``_unnumbered``) titles its section here.
        titled = {heading.label for heading in plan.headings}
        kept = tuple(heading for heading in read.headings if heading.label not in titled)
        plan = evolve(plan, headings=(*plan.headings, *kept)) if kept else plan
    if plan is not None and formats:
        # In the appendix front matter stands below the top of the document: fenced, it reads as it is.
        extras = tuple(
            evolve(s, body=front_fenced(s.body)) if s.level == 0 and s.after == FRONT else s
            for s in plan.extra_sections
        )
        plan = evolve(plan, extra_sections=extras) if extras != plan.extra_sections else plan
    for fmt in formats:
        if not rest or plan is None:
            break
        shown_plan = _others_text_left_out(plan, fmt)
        rendering = _rendering(shown_plan, fmt, rest)
        if rendered is not None:
            rendered.append((shown_plan, fmt, tuple(rest)))
        parts = _parts(rendering)
        # In the target's file: the source template's annotations of its headings are no part of them.
        blocks += [fmt.unannotated(block) for block in _sections_text(parts, rendering)]
        # The tokens each part shows, in its text or its headings (asked of every part per lost value).
        shown = [(part, _ids(rendering, part.text) | _chain_ids(rendering, part)) for part in parts]
        emitted = set().union(*(ids for _, ids in shown))
        text = "\n\n".join(blocks)
        rest = [loss for loss in rest if not _shown(loss, rendering, shown, emitted, text)]
    headings = [loss for loss in rest if loss.path.startswith("headings[")]
    labels = [loss for loss in rest if loss.path.startswith("labels[")]
    loose = [loss for loss in rest if loss not in headings and loss not in labels]
    texts = dict(leaves(plan)) if plan is not None and any("]" in loss.path for loss in loose) else {}
    # Before the lists of headings and labels, each opened by its sentence: after one, a labelled
    # line (``- **Status:** approved``) would read as one more item of that list. All of them above the
    # source's sections: after those, they would read as the last one's (a phase's description).
    top = [_loose(loss, texts) for loss in loose]
    if headings:
        top.append(HEADINGS_INTRO.format(source) + "\n" + "\n".join(f"- {loss.value}" for loss in headings))
    if labels:
        top.append(f"Labels the {source} plan gave its fields:\n" + "\n".join(f"- **{loss.value}**" for loss in labels))
    first = next((at for at, block in enumerate(blocks) if at and block.startswith("#")), len(blocks))
    blocks[first:first] = top
    if marks:
        lines = [f"- **{state.capitalize()}:** {', '.join(ids)}" for state, ids in marks.items()]
        blocks.append(MARKS_INTRO.format(source=source) + "\n" + "\n".join(lines))
    return Section(heading=APPENDIX_HEADING, level=2, body=_joined(blocks), after="appendix")


# The line over a conversion's lost check marks of tasks the output holds by ID.
MARKS_INTRO = "Check marks the {source} plan gave its tasks (each stands above, by its ID):"
_TASK_TEXT = re.compile(r"tasks\[\d+\]\.text$")
_MARK_LINE = re.compile(r"- \*\*(?P<state>[^*\n]+):\*\* (?P<ids>.+)")


def _marks(losses: list[Loss], plan: Plan | None) -> tuple[dict[str, list[str]], list[Loss]]:
    """Of ``losses``, the lost check marks of tasks whose text is not lost and opens with an ID no
    other task of ``plan`` has, as state word -> IDs (only the mark is lost: its task, a long line,
    is in the output), and the other losses."""
    if plan is None or not any(isinstance(loss.value, bool) for loss in losses):
        return {}, losses
    texts = dict(leaves(plan))
    ids = Counter(Task(text=text).id for path, text in texts.items() if _TASK_TEXT.search(path))
    gone = {loss.path for loss in losses}
    marks: dict[str, list[str]] = {}
    rest = []
    for loss in losses:
        owner, _, field = loss.path.rpartition(".")
        text = texts.get(owner + ".text") if _TASK_TEXT.search(owner + ".text") else None
        task_id = Task(text=text).id if isinstance(text, str) else ""
        if (
            not isinstance(loss.value, bool)
            or field not in _STATES
            or owner + ".text" in gone
            or not task_id
            or ids[task_id] != 1
        ):
            rest.append(loss)
        else:
            marks.setdefault(_STATES[field][0 if loss.value else 1], []).append(task_id)
    return marks, rest


def read_marks(body: str) -> tuple[dict[str, dict[str, bool]], str]:
    """The check marks of a ``MARKS_INTRO`` block in an appendix part's ``body`` (task ID -> field ->
    value), and ``body`` without the block."""
    blocks = body.split("\n\n")
    for at, block in enumerate(blocks):
        first, _, lines = block.partition("\n")
        if not _MARKS_START.fullmatch(first):
            continue
        marks: dict[str, dict[str, bool]] = {}
        for line in lines.split("\n"):
            found = _MARK_LINE.fullmatch(line)
            state = found.group("state").lower() if found is not None else ""
            field = next((name for name, words in _STATES.items() if state in words), None)
            if found is None or field is None:
                return {}, body
            for task_id in found.group("ids").split(", "):
                marks.setdefault(task_id, {})[field] = state == _STATES[field][0]
        return marks, "\n\n".join(blocks[:at] + blocks[at + 1 :])
    return {}, body


_MARKS_START = re.compile(re.escape(MARKS_INTRO).replace(r"\{source\}", r"\S+"))


# The intro of an appendix's part: the conversion it was carried in (``appendix``'s first paragraph), and
# the format whose headings it is under when that is not the source's (a plan read from JSON).
APPENDIX_INTRO = re.compile(
    r"What the (\S+) plan holds that the (\S+) format has no place for, (under|field by field)"
    r"(?: the (\S+) format's headings)?"
)


def appendix_parts(body: str) -> list[str]:
    """An appendix's body cut into its parts, one per conversion that carried something, each opening with
    its intro paragraph (text before the first intro stays with it).

    >>> appendix_parts("What the aadt plan holds that the maestro format has no place for, under x.\\n\\n- A"
    ...     "\\n\\nWhat the maestro plan holds that the speckit format has no place for, field by field.\\n\\n- B")[1]
    'What the maestro plan holds that the speckit format has no place for, field by field.\\n\\n- B'
    """
    starts = [m.start() for m in re.finditer(r"(?:^|(?<=\n\n))" + APPENDIX_INTRO.pattern, body)]
    starts = [0, *(start for start in starts if start > 0)]
    return [body[a:b].strip("\n") for a, b in itertools.pairwise([*starts, len(body)])]


def merged_appendix(new: Section, sections: Iterable[Section]) -> tuple[Section, tuple[Section, ...]]:
    """``new`` (a conversion's appendix) holding, after its own part, the appendices of earlier conversions
    among ``sections`` (an appendix the crosswalk could not bring home: a plan converted before); and
    ``sections`` without them. A converted plan has one appendix, a part per conversion under its intro.

    >>> old = Section(heading=APPENDIX_HEADING, level=2, body="What the aadt plan holds ... \\n\\n- A")
    >>> merged_appendix(Section(heading=APPENDIX_HEADING, level=2, body="What ...\\n\\n- B"), [old])[0].body
    'What ...\\n\\n- B\\n\\nWhat the aadt plan holds ... \\n\\n- A'
    """
    earlier = [section for section in sections if section.heading == APPENDIX_HEADING and section.level == new.level]
    rest = tuple(section for section in sections if section not in earlier)
    return evolve(new, body="\n\n".join([new.body, *(section.body for section in earlier)])), rest


# The appendix's list of the author's headings the target has no place for (its values, one an item).
HEADINGS_INTRO = "Headings the {} plan gave its sections:"


def _others_text_left_out(plan: Plan, fmt: Format) -> Plan:
    """For a folder's plan, ``plan`` as ``fmt`` (the format of one of its files) shows its text without
    a heading: its file's where that file had it (the crosswalk may have moved it for the target), the
    others' (a spec.md's header lines) emptied. A writer puts text it has no place for after its last
    section, where the appendix would show it under that section's heading; the rendering by its own
    file's format shows it where it stood."""
    source = plan.source
    if not isinstance(source, Source) or not source.parts:
        return plan
    mine = next((part.plan for part in source.parts if part.format == fmt.name), None)
    if mine is None:
        return plan
    own = {section.body: section.after for section in reversed(mine.extra_sections) if section.level == 0}
    others = {
        section.body
        for part in source.parts
        if part.plan is not mine
        for section in part.plan.extra_sections
        if section.level == 0 and section.body not in own
    }
    extras = tuple(
        section
        if section.level != 0
        else evolve(section, after=own[section.body])
        if section.body in own
        else evolve(section, body="")
        if section.body in others
        else section
        for section in plan.extra_sections
    )
    return plan if extras == plan.extra_sections else evolve(plan, extra_sections=extras)


def _chain_ids(rendering: _Rendering, part: _Part) -> set[int]:
    return set().union(*(_ids(rendering, title) for _, title in part.chain))


def _joined(blocks: list[str]) -> str:
    """``blocks`` as Markdown: a blank line between blocks, list items of one list together."""
    text = blocks[0]
    for before, block in itertools.pairwise(blocks):
        text += ("\n" if before.startswith("- ") and block.startswith("- ") else "\n\n") + block
    return text


_FIELD = re.compile(r"\w*")


def lost_sections(
    plan: Plan,
    losses: Iterable[Loss],
    source: Format | None,
    *,
    rendered: tuple[Plan, tuple[Loss, ...], Mapping[str, Sequence[str]]] | None = None,
) -> tuple[LostSection, ...]:
    """``losses`` of a conversion of ``plan`` (read as ``source``) grouped by
    the source section they are in, in the source's order (its metadata first).
    A plan that was read from no format (from JSON: ``source`` is ``None``) has
    no sections: its losses are grouped by their top-level field instead.

    A lost value is in the outermost section (of level 2 or deeper) its
    format's writer puts it under; the plan's title and metadata are in the
    header (heading ``""``), as is a value the writer does not show. An
    author's heading that was lost is its own section's.

    ``rendered``: the plan the conversion's appendix rendered in ``source`` (reshaped by the crosswalk),
    the losses it rendered, and per field of ``plan`` the fields of that plan holding it: the losses are
    grouped by where that rendering puts them, as the appendix shows them (no second rendering).

    >>> import plancore
    >>> from plancore._registry import get_format
    >>> plan = plancore.parse("# Implementation Plan: X\\n\\n## Executive Summary\\n\\nWhy.\\n", "smartspec")
    >>> lost = [Loss(path="summary", reason="speckit has no place for it", value="Why.")]
    >>> [section.heading for section in lost_sections(plan, lost, get_format("smartspec"))]
    ['Executive Summary']
    """
    losses = tuple(losses)
    if not losses:
        return ()
    if source is None:
        fields: dict[str, list[Loss]] = {}
        for loss in losses:
            fields.setdefault(_FIELD.match(loss.path).group(), []).append(loss)  # type: ignore[union-attr]
        return tuple(LostSection(heading=name, losses=tuple(group)) for name, group in fields.items())
    rendering = _reused(rendered, source, losses) if rendered is not None else None
    if rendering is None:
        rendering = _rendering(plan, source, losses)
    text = rendering.text
    if rendering.untitled and any(_heading_loss(loss.path) for loss in losses):
        # A lost heading's group stands where the source's section of that heading does: its headings in.
        text = source.titled(text, rendering.untitled)
    doc = outline(text)
    # Per token, the heading of the outermost section of level 2 or more it is in.
    tops: list[tuple[int, int, str]] = []
    for root in doc.roots:
        for node in [root] if root.level > 1 else root.children:
            tops.append((node.start, node.end, rendering.tokens.value(node.title)))
    last_end = max((end for _, end, _ in tops), default=0)
    footer_from = last_end
    if doc.roots:
        last = max(doc.walk(), key=lambda node: node.start)
        own, footer = split_rule(last.body)
        if footer:
            footer_from = last.body_start + len(own)
    where: dict[int, str] = {}
    for match in rendering.tokens.pattern.finditer(text):
        index = int(match.group(1))
        if index in where or match.start() >= footer_from:
            continue
        where[index] = next((title for start, end, title in tops if start <= match.start() < end), "")
    groups: dict[str, list[Loss]] = {}
    for loss in losses:
        if _heading_loss(loss.path):
            heading = str(loss.value)
        else:
            # A value written as it is stands with its item.
            found = sorted(rendering.ids.get(loss.path, frozenset()) - rendering.restored)
            found = found or sorted(_item_ids(rendering, loss.path) & where.keys())
            heading = where.get(found[0], "") if found else ""
        groups.setdefault(heading, []).append(loss)
    # In the order of the source's sections (its metadata first).
    order = {title: index for index, (_, _, title) in reversed(list(enumerate(tops)))}
    order[""] = -1
    ranked = sorted(groups.items(), key=lambda pair: order.get(pair[0], len(order)))
    return tuple(LostSection(heading=heading, losses=tuple(group)) for heading, group in ranked)


def _heading_loss(path: str) -> bool:
    """Whether ``path`` is an author's heading's: one the plan gave a field (``headings[0]``), or its own
    section's heading set apart from it (``extra_sections[2].heading``)."""
    return path.startswith("headings[") or path.endswith("].heading")


def _reused(
    rendered: tuple[Plan, tuple[Loss, ...], Mapping[str, Sequence[str]]], source: Format, losses: Sequence[Loss]
) -> _Rendering | None:
    """The appendix's rendering (``rendered``, see ``lost_sections``) where it shows each of ``losses`` as a
    rendering of the source plan would: every lost value in the field it was read into (the crosswalk moved
    none of them), with a token of its own. Else ``None``: a value moved elsewhere (a step's file into the
    file changes) shows in another section there, and a check mark the appendix lists by its task's ID has
    no token in it."""
    plan, shown, places = rendered
    rendering = _rendering(plan, source, shown)
    for loss in losses:
        if _heading_loss(loss.path):
            continue
        if places.get(loss.path, (loss.path,)) != (loss.path,) or not rendering.ids.get(loss.path):
            return None
    return rendering


def describe_losses(sections: Sequence[LostSection]) -> str:
    """One line summing up ``sections`` (from ``lost_sections``): how many
    fields of how many source sections went into the appendix.

    >>> describe_losses([LostSection(heading="Summary", losses=(Loss(path="summary", reason=""),))])
    '1 field of 1 section kept in the appendix'
    """
    fields = sum(len(section.losses) for section in sections)
    return (
        f"{fields} {'field' if fields == 1 else 'fields'} of {len(sections)} "
        f"{'section' if len(sections) == 1 else 'sections'} kept in the appendix"
    )
