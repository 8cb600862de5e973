"""What every reader needs: sections matched to fields through a format's alias
table, verbatim keeping of the rest, and the common shapes of list content.

Every line of a plan is claimed: by a field, or kept verbatim with its place
(a section that maps to nothing, or the ``rest`` of a section body once a
reader has taken the ``blocks`` it reads), so that nothing vanishes unreported.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, TypeVar

import attrs

from ._markdown import Item, Node, Recent, dedent, label_value, list_items, strip_blank, table_rows
from ._model import Labeled, Section, Task, content_fields, evolve
from ._vocabulary import phase_number

__all__ = [
    "CHECK_MARKS",
    "FENCE_OPEN",
    "FRONT",
    "WHITE_SPACE",
    "Aliases",
    "Block",
    "Sections",
    "Shape",
    "alias_key",
    "blocks",
    "check_mark",
    "cut_done",
    "fits_table",
    "headings_shape",
    "holds_parts",
    "item_label",
    "item_value",
    "known_tidy",
    "label_index",
    "labeled",
    "labels",
    "one_line_items",
    "outside_fences",
    "phase_title",
    "prose",
    "records",
    "rest",
    "snap",
    "split_rule",
    "split_table",
    "strip_title",
    "table_fits",
    "table_shape",
    "tasks",
    "tidied",
    "tidy",
    "unruled",
]

T = TypeVar("T")

# The key of the text before a plan's title (front matter): writers put it back first.
FRONT = "metadata.front"

# Field key -> regular expressions (full matches) over normalized heading titles.
Aliases = Mapping[str, Sequence[str]]
# Whether a section whose title matches no alias has the shape of a field's
# section (its table's columns, its sub-headings): a translated or renamed
# heading over a body of that shape is that section.
Shape = Callable[[Node], bool]


_SPECIAL = frozenset(".^$*+?{}[]\\|()")


@functools.cache
def _alias_test(pattern: str) -> Callable[[str], object]:
    """Whether a title fully matches the alias ``pattern``. An alias of plain
    characters (most are: ``executive summary``) is compared, not compiled:
    compiling every alias a title is tried against costs a one-file
    conversion more than reading the plan."""
    if _SPECIAL.isdisjoint(pattern):
        return pattern.__eq__
    return re.compile(pattern).fullmatch


# Per alias table (held, so that no other table takes its id), the key of each title looked up in it:
# a reader looks up the same few titles in every plan, and a conversion reads several texts.
_LOOKED_UP: dict[int, tuple[Aliases, dict[str, str | None]]] = {}
# Titles kept per table: more than a big plan has headings, for a reader looks each up several times.
_LOOKUPS_KEPT = 1 << 16


def alias_key(title: str, aliases: Aliases) -> str | None:
    """The key of the first of ``aliases``' keys that has a pattern ``title`` fully matches."""
    entry = _LOOKED_UP.get(id(aliases))
    if entry is None or entry[0] is not aliases:
        if len(_LOOKED_UP) > 64:
            _LOOKED_UP.clear()
        entry = _LOOKED_UP[id(aliases)] = (aliases, {})
    found = entry[1]
    if title in found:
        return found[title]
    if len(found) > _LOOKUPS_KEPT:
        found.clear()
    found[title] = None
    for key, patterns in aliases.items():
        for pattern in patterns:
            if _alias_test(pattern)(title):
                found[title] = key
                return key
    return None


# What is derived of each label or column table (a format's constant), by its id and what is derived: each held
# with its table, so that no other table takes its id. A few hundred at most; cleared past that.
_PER_TABLE: dict[tuple[int, object], tuple[Mapping[str, Sequence[str]], Any]] = {}


def _per_table(table: Mapping[str, Sequence[str]], what: object, derive: Callable[[], T]) -> T:
    """``derive()``, kept for ``table`` and ``what``: a table is no dict key (a mapping), and a reader asks
    what depends on it alone in every section it reads."""
    entry = _PER_TABLE.get((id(table), what))
    if entry is None or entry[0] is not table:
        if len(_PER_TABLE) > 512:
            _PER_TABLE.clear()
        entry = _PER_TABLE[id(table), what] = (table, derive())
    return entry[1]


def label_index(table: Mapping[str, Sequence[str]]) -> dict[str, str]:
    """The field of each label of ``table`` (field -> the casefolded labels that mean it; a label two fields
    list means the last), kept: it depends on the format alone, a reader asks it in every section it reads,
    and a table with its translations holds hundreds of labels. Shared: not to be changed."""
    return _per_table(table, "labels", lambda: {label: name for name, labels in table.items() for label in labels})


def _in_order(keys: list[str | None], order: Iterable[str], repeatable: set[str]) -> None:
    """Of several sections with the title of one key that is not ``repeatable``, take for the key
    the one standing where the format puts the key among the other sections (``keys``, by section,
    ``None`` for the rest; ``order``: the format's keys in its order), the first of equals; the
    ones before it are kept verbatim. A plan written afresh puts the field's section in its place
    and a verbatim copy where it stood: read again, the same one is the field's."""
    once = [key for key in keys if key is not None and key not in repeatable]
    if len(once) == len(set(once)):
        # No key has two sections (as in most plans): nothing to choose between.
        return
    rank = {key: at for at, key in enumerate(order)}
    for key in {key for key in keys if key is not None and key not in repeatable and key in rank}:
        spots = [at for at, found in enumerate(keys) if found == key]
        if len(spots) < 2:
            continue
        others = [(at, rank[found]) for at, found in enumerate(keys) if found in rank and found != key]

        def misplaced(spot: int, key: str = key, others: list[tuple[int, int]] = others) -> int:
            return sum(1 for at, place in others if (at < spot) != (place < rank[key]))

        best = min(spots, key=misplaced)
        for spot in spots:
            if spot < best:
                keys[spot] = None


class Sections:
    """Matches a reader's sections to field keys; keeps the rest verbatim.

    Each section that matches nothing (or repeats a key that is not
    repeatable) becomes a ``Section`` placed after the nearest matched section
    before it in the document.
    """

    def __init__(self) -> None:
        # (offset, 0 for a section's end or 1 for its start, key), in the order recorded.
        self._matched: list[tuple[int, int, str]] = []
        self._extras: list[tuple[int, Section]] = []
        # (offset, key, title) of the sections matched once per key: their titles name sections, not items.
        self._titles: list[tuple[int, str, str]] = []

    def match(
        self,
        nodes: Iterable[Node],
        aliases: Aliases,
        *,
        repeat: Iterable[str] = (),
        shapes: Mapping[str, Shape] | None = None,
        accept: Mapping[str, Shape] | None = None,
    ) -> dict[str, list[Node]]:
        """Sections by field key, found by title; the rest kept verbatim.

        A section whose title matches no alias is the section of a key no
        title claims when it has that key's shape (``shapes``). A section
        whose body its key does not ``accept`` (a table with a column no field
        reads) is kept verbatim, as if its title matched nothing.
        """
        nodes = list(nodes)
        if not nodes:
            # (A leaf, most sections: nothing to match.)
            return {}
        repeatable = set(repeat)
        keys = [alias_key(node.key, aliases) for node in nodes]
        if accept:
            for index, node in enumerate(nodes):
                key = keys[index]
                if key is not None and key in accept and not accept[key](node):
                    keys[index] = None
        if shapes:
            claimed = {key for key in keys if key is not None}
            for index, node in enumerate(nodes):
                # (A section refused by ``accept`` is not taken by shape for another key either.)
                if keys[index] is not None or alias_key(node.key, aliases) is not None:
                    continue
                for name, shape in shapes.items():
                    if name not in claimed and shape(node):
                        keys[index] = name
                        claimed.add(name)
                        break
        _in_order(keys, aliases, repeatable)
        found: dict[str, list[Node]] = {}
        for node, key in zip(nodes, keys, strict=True):
            if key is not None and (key not in found or key in repeatable):
                found.setdefault(key, []).append(node)
                self._matched.append((node.start, 1, key))
                if key not in repeatable:
                    self._titles.append((node.start, key, node.title))
            else:
                self.keep(node)
        return found

    def mark(self, node: Node, key: str, *, named: bool = False) -> None:
        """Record ``node`` as the place of ``key`` without matching it by title;
        ``named``: its title names the section (not an item, as a phase's does)."""
        self._matched.append((node.start, 1, key))
        if named:
            self._titles.append((node.start, key, node.title))

    def close(self, node: Node, key: str) -> None:
        """Place the sections after ``node`` (not inside it) after ``key``: ``node`` is an item
        (a phase) whose own sections go back into it, and what follows it belongs to ``key``."""
        self._matched.append((node.end, 0, key))

    def leaf(self, node: Node) -> Node:
        """``node``, its sub-sections (which no field holds) kept verbatim."""
        self.match(node.children, {})
        return node

    def table(
        self, parts: Mapping[str, list[Node]], key: str, columns: Mapping[str, Sequence[str]], kind: Callable[..., T]
    ) -> tuple[T, ...]:
        """The rows of the table in ``key``'s section of ``parts`` as ``kind``s (a field's model class), tidy;
        the text around it kept in its place (a table with other columns is one the reader's ``accept`` kept
        verbatim already). Read once for the last tables read (``read_alike``): a conversion reads the same
        table back in each text it writes."""
        if key not in parts:
            return ()
        node = self.leaf(parts[key][0])
        found, rest = read_alike(_table_reading(columns, kind), node.body)
        self.loose(node.body_start, rest, key)
        return found  # type: ignore[no-any-return]

    def keep(self, node: Node) -> None:
        section = Section(heading=node.title, level=node.level, body=unruled(strip_blank(node.content)))
        self._extras.append((node.start, section))

    def loose(self, start: int, text: str, after: str) -> None:
        """Keep heading-less text found at offset ``start``, to be written right after ``after``."""
        if text:
            self._extras.append((start, Section(heading="", level=0, body=text, after=after)))

    def headings(self, kept: Callable[[str], bool] | None = None) -> tuple[Labeled, ...]:
        """The titles of the matched sections, in document order: ``label`` is
        the key, ``value`` the title. Of a key matched more than once (a
        container and a subsection of the same field), the first. ``kept``:
        whether a title is kept (all are without it)."""
        seen: set[str] = set()
        result = []
        untidy = False
        for _, key, title in sorted(self._titles):
            if key not in seen:
                seen.add(key)
                if kept is None or kept(title):
                    result.append(Labeled(label=key, value=title))
                    untidy = untidy or title[-1:].isspace() or key[-1:].isspace()
        # Tidy as made (a title ending in a blank is rare): the plan's ``tidy`` does not walk them again.
        return tuple(result) if untidy else _known_tidy(tuple(result))

    def extras(self) -> tuple[Section, ...]:
        # At one offset a section's start counts over the end of the one before it, and of two ends
        # or two starts the one recorded last (a list's end over its last item's, an item's start
        # over its list's match).
        matched = sorted(self._matched, key=lambda entry: entry[:2])
        result = []
        for start, section in sorted(self._extras, key=lambda pair: pair[0]):
            # Heading-less text keeps the place its reader gave it.
            after = section.after
            if section.level > 0:
                after = ""
                for position, _, key in matched:
                    if position > start:
                        break
                    after = key
            # (The section kept as read when its place is the one it was given: a section made anew is checked.)
            if after != section.after:
                section = Section(heading=section.heading, level=section.level, body=section.body, after=after)
            result.append(section)
        return tuple(result)


def _table_reading(columns: Mapping[str, Sequence[str]], kind: Callable[..., Any]) -> Callable[[str], Any]:
    """The reading of a body as its table's rows made ``kind``s, each ``tidied``, and the text around the
    table (``split_table``): one function per table and class, for ``read_alike`` tells readings by their
    function."""

    def reading(body: str) -> tuple[tuple[Any, ...], str]:
        table, rest = split_table(body)
        return _known_tidy(tuple(tidied(kind(**row)) for row in records(table, columns))), rest

    return _per_table(columns, kind, lambda: reading)


def table_shape(columns: Mapping[str, Sequence[str]], minimum: int = 2) -> Shape:
    """A section whose first table has only ``columns`` (at least ``minimum`` of them)."""

    def shape(node: Node) -> bool:
        found = table_rows(node.body)
        if found is None:
            return False
        index = label_index(columns)
        names = [index.get(title.casefold()) for title in found[0]]
        return None not in names and len(set(names)) >= minimum

    return shape


def table_fits(text: str, columns: Mapping[str, Sequence[str]]) -> bool:
    """Whether ``text`` has no table, or its first table has only ``columns`` and no row longer than
    its header: the cells of a column no field reads would be lost if the rows were taken in."""
    found = table_rows(text)
    if found is None:
        return True
    known = label_index(columns)
    header, rows = found
    return all(title.casefold() in known for title in header) and all(len(row) <= len(header) for row in rows)


def fits_table(columns: Mapping[str, Sequence[str]]) -> Shape:
    """A section whose table (if any) ``table_fits`` ``columns``: asked of the same sections in each text
    a conversion reads back, read alike."""

    def fits(body: str) -> bool:
        return table_fits(body, columns)

    return lambda node: read_alike(fits, node.body)


def headings_shape(aliases: Aliases) -> Shape:
    """A section whose sub-sections all match ``aliases`` (phases under a translated heading)."""

    def shape(node: Node) -> bool:
        return bool(node.children) and all(alias_key(child.key, aliases) is not None for child in node.children)

    return shape


def holds_parts(aliases: Aliases) -> Shape:
    """A section that holds something its key reads: a body, or a sub-section
    ``aliases`` match. One with only other sub-sections under a matching title
    (a carried section of another plan, named in its language) is no field's."""

    def shape(node: Node) -> bool:
        return (
            bool(node.body.strip())
            or not node.children
            or any(alias_key(child.key, aliases) is not None for child in node.children)
        )

    return shape


def prose(text: str) -> str:
    """A section body as Markdown prose: as written, less surrounding blank lines and the
    thematic breaks (``---``) that end it (``unruled``)."""
    return unruled(strip_blank(text))


_RULE = re.compile(r"^ {0,3}(?:-[ \t]*){3,}$|^ {0,3}(?:\*[ \t]*){3,}$|^ {0,3}(?:_[ \t]*){3,}$")


def unruled(text: str) -> str:
    """``text`` less the thematic breaks (``---``) that end it: they set it apart from what follows.
    A line of dashes right under text underlines it as a heading (setext): no break, kept."""
    # Read line by line from the end, not by splitting the text: every reader asks it of every section,
    # and a section can end in thousands of rules. ``end`` is where the kept text ends (-1: nothing kept).
    body = text.rstrip()
    end = len(body)
    while end >= 0:
        start = body.rfind("\n", 0, end) + 1
        line = body[start:end]
        if not _RULE.match(line) or (start and _underlines(body[body.rfind("\n", 0, start - 1) + 1 : start - 1], line)):
            break
        end = start - 1
        # Each of the copies of this rule right above it but the topmost stands under its like (a rule, no
        # underlined text): gone, as the loop would drop it, without a pass of the loop each.
        end -= max(_copies_before(body, end, "\n" + line) - 1, 0) * (len(line) + 1)
        while end >= 0 and not body[body.rfind("\n", 0, end) + 1 : end].strip():
            end = body.rfind("\n", 0, end)
    return text if end == len(body) else strip_blank(body[: max(end, 0)])


def _copies_before(text: str, end: int, piece: str) -> int:
    """How many copies of ``piece`` in a row end ``text[:end]``: found by doubling then halving a guess,
    each guess one comparison in C, not a step per copy."""
    if end <= 0 or not text.endswith(piece, 0, end):
        return 0
    count, step = 1, 1
    while text.endswith(piece * (count + step), 0, end):
        count += step
        step *= 2
    while step > 1:
        step //= 2
        if text.endswith(piece * (count + step), 0, end):
            count += step
    return count


def _underlines(above: str, line: str) -> bool:
    return "-" in line and bool(above.strip()) and not _RULE.match(above)


def split_rule(text: str) -> tuple[str, str]:
    """``text`` split at its last thematic break line: (before, after)."""
    lines = text.split("\n")
    for index in range(len(lines) - 1, -1, -1):
        if _RULE.match(lines[index]):
            return "\n".join(lines[:index]), "\n".join(lines[index + 1 :])
    return text, ""


# The marks that open a checklist item, and whether each one means done. A
# mark people use for "in progress" (``[~]``) is not done.
CHECK_MARKS = {
    "[ ]": False,
    "[x]": True,
    "[X]": True,
    "[~]": False,
    "✅": True,
    "✔️": True,
    "✔": True,
    "☑️": True,
    "☑": True,
    "☐": False,
    "⬜": False,
}
_CHECK_MARK = re.compile(
    "^(?P<mark>"
    + "|".join(re.escape(mark) for mark in sorted(CHECK_MARKS, key=len, reverse=True))
    + r")(?:[ \t]+(?P<text>.*)|[ \t]*)$",
    re.DOTALL,
)


def check_mark(text: str) -> tuple[bool, str] | None:
    """``(done, text)`` for a checklist item's text, ``None`` when it opens with no mark."""
    match = _CHECK_MARK.match(text)
    if match is None:
        return None
    return CHECK_MARKS[match.group("mark")], match.group("text") or ""


# Done marks a heading carries before or after its title: the checklist marks
# that mean done, and the words people bracket after a finished phase.
_DONE_MARKS = sorted(
    [mark.casefold() for mark, done in CHECK_MARKS.items() if done]
    + [f"{o}{word}{c}" for o, c in ("()", "[]") for word in ("done", "complete", "completed")],
    key=len,
    reverse=True,
)


def cut_done(title: str) -> tuple[str, bool]:
    """``title`` less a done mark before or after it (``✅ Core``, ``Core ✅``,
    ``Core [x]``, ``Core (done)``), and whether it had one."""
    text = title.strip()
    done = False
    # String comparison, not a pattern: a title's runs of blanks stay linear.
    for mark in _DONE_MARKS:
        if text[: len(mark)].casefold() == mark and (len(text) == len(mark) or text[len(mark)] in " \t"):
            text, done = text[len(mark) :].lstrip(), True
            break
    for mark in _DONE_MARKS:
        if len(text) > len(mark) and text[-len(mark) :].casefold() == mark:
            text, done = text[: -len(mark)].rstrip(), True
            break
    return text, done


def strip_title(title: str, pattern: re.Pattern[str]) -> str:
    """The first group of ``pattern`` over ``title`` (its name less a ``Phase 2:``
    prefix, say), or ``title`` itself when the pattern does not match."""
    match = pattern.match(title)
    return (match.group(1) or "") if match else title


def phase_title(title: str, pattern: re.Pattern[str]) -> tuple[str, str]:
    """``(name, number)`` of a phase's heading: its name less the prefix ``pattern`` takes (its
    first group that took part; as ``strip_title``), and the number that prefix gives (``Phase.number``; ``""`` when the
    pattern takes none or the number is not in digits).

    >>> phase_title("Phase 0: Foundations", re.compile(r"^Phase[ \t]+\\w+:[ \t]*(.*)$"))
    ('Foundations', '0')
    """
    match = pattern.match(title)
    if match is None:
        return title, ""
    # Of a pattern of several ways to write the prefix, the name is the group its way took.
    return next((group for group in match.groups() if group is not None), ""), phase_number(title)


def tasks(items: Iterable[Item]) -> tuple[Task, ...]:
    """List items as tasks; a checklist mark (``[ ]``, ``[x]``, ``✅`` ...) gives the done state."""
    result = []
    for item in items:
        text = item.text if not item.body else item.text + "\n" + item.body
        box = check_mark(text)
        result.append(Task(text=box[1], done=box[0]) if box else Task(text=text))
    return tuple(result)


_BULLET = re.compile(r"^[-*+](?=[ \t]|$)")
_ORDERED = re.compile(r"^(\d+)[.)](?=[ \t]|$)")
_BLANKS = re.compile(r"[ \t]+")


# White space as ``str.strip`` and ``str.split`` know it (every character whose
# ``isspace()`` is true; tests/test_speed_equivalence.py checks the list).
WHITE_SPACE = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680"
    + "".join(map(chr, range(0x2000, 0x200B)))
    + "\u2028\u2029\u202f\u205f\u3000"
)
_LAYOUT = WHITE_SPACE + "-*+.)|:"
_LAYOUT_MARKS = str.maketrans("", "", _LAYOUT)


def _marks_dropped(text: str) -> str:
    """``text`` without anything ``_layout_free`` may drop or change (white space,
    list and table marks): texts that differ so differ there too, found at a
    fraction of its cost (one copy of the text), where most values are no placeholder."""
    return text.translate(_LAYOUT_MARKS)


def _layout_free(text: str) -> list[str]:
    """``text``'s lines without what is layout: blank lines, indentation and runs of blanks, the
    bullet (``-``, ``*``, ``+``) and number mark (``1.``, ``1)``) of list items, table padding."""
    result = []
    for line in text.split("\n"):
        stripped = line.strip()
        if not stripped:
            continue
        stripped = _ORDERED.sub(r"\1.", _BULLET.sub("-", stripped))
        if stripped.startswith("|"):
            stripped = "|".join(part.strip() for part in stripped.strip("|").split("|"))
            if set(stripped) <= set("-:|"):
                stripped = "---"
        result.append(_BLANKS.sub(" ", stripped))
    return result


def snap(value: T, template: T) -> T:
    """``value`` with each text that is its template's placeholder but for layout (other list
    marks, blank lines or table padding, as a formatter leaves a blank template) made exactly
    the placeholder, so that it reads as unfilled. Items of a list go by the template's item at
    their index, or its last one; keys and verbatim sections are left as they are."""
    cls: Any = value.__class__
    if cls is str:
        return _snapped_text(value, template)  # type: ignore[arg-type, return-value]
    if cls is tuple:
        return _snapped_items(value, template)  # type: ignore[arg-type, return-value]
    if isinstance(value, str):
        return _snapped_text(value, template)  # type: ignore[return-value]
    if isinstance(value, tuple):
        return _snapped_items(value, template)  # type: ignore[return-value]
    names = _snapped_fields(cls)
    if names is None or template.__class__ is not cls:
        return value
    changes: dict[str, Any] = {}
    # (Its sample's value taken only for a field that may snap: most are empty or check marks.)
    for name in names:
        old = getattr(value, name)
        kind = old.__class__
        if kind is str:
            sample = getattr(template, name)
            # A text that is its placeholder (an unfilled section's) stays as it is: no call; so does an
            # empty one, unless its placeholder is blanks alone (of no layout but blanks, as it is).
            if old == sample or (not old and sample.__class__ is str and not sample.isspace()):
                continue
            new = _snapped_text(old, sample)
        # A check mark, an empty list, a verbatim section: no placeholder to snap to (most fields of an item).
        elif kind in _UNTIDIED or (kind is tuple and not old):
            continue
        else:
            new = snap(old, getattr(template, name))
        if new is not old:
            changes[name] = new
    return evolve(value, **changes) if changes else value


def _snapped_text(value: str, template: Any) -> str:
    """``snap`` of a text."""
    if isinstance(template, str) and value != template:
        marks, layout = _placeholder_shape(template)
        # Its first and last characters that are no layout are the placeholder's, or it is none
        # (most values): told by two strips, before a copy of the whole text without its layout.
        first = value.lstrip(_LAYOUT)
        if first[:1] != marks[:1] or first.rstrip(_LAYOUT)[-1:] != marks[-1:]:
            return value
        if _marks_dropped(value) == marks and _layout_free(value) == layout:
            return template
    return value


def _snapped_items(value: tuple[Any, ...], template: Any) -> tuple[Any, ...]:
    """``snap`` of a list: each item against the template's item at its index, or its last one."""
    if not isinstance(template, tuple) or not template:
        return value
    last = len(template) - 1
    changed: list[Any] | None = None
    for index, item in enumerate(value):
        sample = template[index if index < last else last]
        new = _snapped_text(item, sample) if item.__class__ is str else snap(item, sample)
        if new is not item:
            if changed is None:
                changed = list(value)
            changed[index] = new
    # Unchanged, the list itself: the item holding it is then not built anew.
    return value if changed is None else tuple(changed)


@functools.cache
def _snapped_fields(cls: type) -> tuple[str, ...] | None:
    """The fields ``snap`` walks of a value of class ``cls``, those that make its value; ``None`` for a verbatim
    section or no model class (told once per class, not at each value)."""
    return None if issubclass(cls, Section) else content_fields(cls)


@functools.lru_cache(maxsize=4096)
def _placeholder_shape(template: str) -> tuple[str, list[str]]:
    """A template's placeholder as ``snap`` compares a text with it (kept: every text read is compared
    with the same few placeholders). The list is shared: not to be changed."""
    return _marks_dropped(template), _layout_free(template)


def tidy(value: T) -> T:
    """``value`` with no text ending in white space (verbatim sections as they are).

    A one-line field does not keep trailing white space (a line's trailing
    spaces are layout), and Markdown ignores it at the end of a block.
    """
    cls: type = value.__class__
    if cls is str:
        return value.rstrip()  # type: ignore[attr-defined, no-any-return]
    if cls is tuple:
        # A list made ``tidied`` (a table's rows read alike, a plan's headings) is not walked again.
        return value if _TIDIED.get(id(value)) is value else _tidy_items(value)  # type: ignore[arg-type, return-value]
    names = _tidied_fields(cls)
    if names is None:
        if isinstance(value, str):
            return value.rstrip()  # type: ignore[return-value]
        return _tidy_items(value) if isinstance(value, tuple) else value  # type: ignore[return-value]
    if _TIDIED.get(id(value)) is value:
        # A reading of a section made ``tidied`` (a phase read alike), in every plan read alike: no walk of it.
        return value
    changes: dict[str, Any] = {}
    for name in names:
        old = getattr(value, name)
        kind = old.__class__
        if kind is str:
            # Most fields are text: tidied here, not by a call each.
            new = old.rstrip()
            if len(new) != len(old):
                changes[name] = new
            continue
        if kind in _UNTIDIED or (kind is tuple and not old):
            continue
        new = tidy(old)
        # What is unchanged comes back as it was: no comparison, which at
        # every level of a plan would compare everything under it again.
        if new is not old and new != old:
            changes[name] = new
    return evolve(value, **changes) if changes else value


def tidied(value: T) -> T:
    """``tidy(value)``, known to be tidy from then on: for a ``read_alike`` reading (a phase), which is in the
    plan of every text read alike, so that the plan's ``tidy`` stops at it, not walking it again each time.
    Forgotten with the sections read (``forget_sections``)."""
    return _known_tidy(tidy(value))


def known_tidy(value: T) -> T:
    """``value`` as it is, known to be tidy from then on when it is (``tidied``): for a ``read_alike`` reading
    whose value the plan takes as read (a section's list of labels) or leaves out (``None``)."""
    return _known_tidy(value) if tidy(value) is value else value


def _known_tidy(value: T) -> T:
    """``value``, which is tidy (``tidy(value) is value``), known to be from then on (``tidied``)."""
    if len(_TIDIED) >= _TIDIED_KEPT:
        _TIDIED.clear()
    _TIDIED[id(value)] = value
    return value


# The values made ``tidied`` by their ids, each held so that no other value takes its id: bounded, for memory
# stays flat over a folder of plans, but above what a big plan registers in one reading (bench_scaling's
# edit-tick-phases at 10x: 2,300 phases and their lists, past 4,096), which a lower bound cleared midway and
# had ``tidy`` walk them again (its time 13x for 10x the plan).
_TIDIED: dict[int, object] = {}
_TIDIED_KEPT = 1 << 14


# Values ``tidy`` and ``snap`` give back as they are, told by their class without a call (a verbatim section too).
_UNTIDIED = frozenset({bool, int, type(None), Section})


def _tidy_items(value: tuple[Any, ...]) -> tuple[Any, ...]:
    """``tidy`` of each item of ``value``; ``value`` itself when none changed."""
    items: list[Any] | None = None
    for at, item in enumerate(value):
        kind = item.__class__
        new = item.rstrip() if kind is str else item if kind in _UNTIDIED else tidy(item)
        if items is None and new is not item:
            items = list(value[:at])
        if items is not None:
            items.append(new)
    return value if items is None else tuple(items)


# What ``read_alike`` read of the last sections, by reader and texts: bounded by their characters
# (``Recent``'s budget, a million), not by their number, so that memory stays flat over a folder of
# plans. A bound by number (1,024) let a plan of more phases read each phase after it was dropped,
# none taken as read (bench_scaling's edit-tick-phases at 10x: 2,300 phases).
_SECTIONS_READ: Recent[Any] = Recent(size=1 << 16, budget=1_000_000)


def read_alike(read: Callable[..., T], *texts: str) -> T:
    """``read(*texts)``, read once for the last sections read: ``read`` is a pure function of a
    section's ``texts`` (its title, its body, its sub-sections' titles and bodies), given nothing
    else (no ``Sections``: the caller matches the section's nodes itself).

    A conversion reads texts that differ in a few sections only (its output, that output with its
    appendix, with placeholder lines cut): a section read as before is taken as read then, the
    same object, so that comparing the plans (``_unfilled``) stops at it. (A ``read`` that gives its
    value ``tidy`` spares the plan's ``tidy`` a walk of it too.) Cleared by ``forget_sections``
    (``forget_texts``)."""
    # Each text with its length: no two lists of texts give one key. The reading's id first, so that two
    # readings of one text (whether a table fits, its rows) keep theirs side by side: the id is the reading's
    # alone while its entry holds it.
    key = f"{id(read)}:" + "".join(f"{len(text)}:{text}" for text in texts)
    recent = _SECTIONS_READ.get(key)
    if recent is not None and recent[0] is read:
        return recent[1]  # type: ignore[no-any-return]
    value = read(*texts)
    _SECTIONS_READ.put(key, (read, value))
    return value


def forget_sections() -> None:
    """Drop what ``read_alike`` kept of the last sections read."""
    _SECTIONS_READ.clear()
    _TIDIED.clear()


@functools.cache
def _tidied_fields(cls: type) -> tuple[str, ...] | None:
    """The fields ``tidy`` walks in a value of class ``cls`` (its content fields, keys too); ``None`` for a
    verbatim ``Section`` and for a class that is no model class."""
    return None if issubclass(cls, Section) else content_fields(cls, keys=True)


def labeled(text: str, *, plain: bool = False) -> tuple[Labeled, ...]:
    """A list of ``**Label**: value`` items as label/value pairs (other items are skipped)."""
    result = []
    for item in list_items(text):
        content = item.text if not item.body else item.text + "\n" + item.body
        pair = label_value(content, plain=plain)
        if pair is not None:
            result.append(Labeled(label=pair[0], value=pair[1]))
    return tuple(result)


def labels(items: Iterable[Item], table: Mapping[str, Sequence[str]], *, plain: bool = False) -> dict[str, str]:
    """``**Label:** value`` items mapped to field names through a label table.

    ``table`` maps a field name to the casefolded labels that mean it; the
    value of an item with a nested list keeps that list, dedented, after it.
    """
    index = label_index(table)
    found: dict[str, str] = {}
    for item in items:
        pair = label_value(item.text, plain=plain)
        if pair is None:
            continue
        name = index.get(pair[0].casefold())
        if name is not None and name not in found:
            found[name] = item_value(item, pair[1])
    return found


def item_value(item: Item, value: str) -> str:
    """The value of a label item whose label line gives ``value``: the lines under it
    (a nested list, dedented) kept after it."""
    return value if not item.body else (value + "\n" + item.body).lstrip("\n")


def split_table(text: str) -> tuple[str, str]:
    """``text`` as (its first pipe table, the text around it, blank-stripped); ("", text) without one."""
    lines = text.split("\n")
    for start in range(len(lines) - 1):
        if "|" not in lines[start] or table_rows("\n".join(lines[start : start + 2])) is None:
            continue
        end = start + 2
        while end < len(lines) and "|" in lines[end] and lines[end].strip():
            end += 1
        rest = [strip_blank("\n".join(lines[:start])), strip_blank("\n".join(lines[end:]))]
        return "\n".join(lines[start:end]), "\n\n".join(part for part in rest if part)
    return "", strip_blank(text)


def records(text: str, columns: Mapping[str, Sequence[str]]) -> list[dict[str, str]]:
    """The rows of the first table in ``text`` as field -> cell, columns found by header.

    ``columns`` maps a field name to the casefolded headers that mean it.
    """
    table = table_rows(text)
    if table is None:
        return []
    header, rows = table
    index = label_index(columns)
    names = [index.get(title.casefold()) for title in header]
    result = []
    for row in rows:
        record = {}
        for position, name in enumerate(names):
            if name is not None and position < len(row):
                record[name] = row[position]
        result.append(record)
    return result


# A list item at the top level of a body. A no-break space after the mark is
# taken as the blank it stands for (a word processor's paste): its author meant a list.
_TOP_ITEM = re.compile(r"^( {0,3})([-*+]|\d{1,9}[.)])(?:[ \t\u00a0]+(.*)|[ \t]*)$")
# The opening line of a code fence (its run of backticks or tildes in group 1).
FENCE_OPEN = re.compile(r"^ {0,3}(`{3,}|~{3,})")


def outside_fences(text: str, change: Callable[[str], str]) -> str:
    r"""``text`` with ``change`` applied to each of its lines outside code fences (a fence's own lines are
    inside). Raises what ``change`` raises.

    >>> outside_fences("# A\n```\n# b\n```", lambda line: "#" + line)
    '## A\n```\n# b\n```'
    """
    lines = []
    fence = ""
    for line in text.split("\n"):
        mark = FENCE_OPEN.match(line)
        if mark is not None:
            fence = "" if fence and mark.group(1).startswith(fence) else (fence or mark.group(1))
            lines.append(line)
        else:
            lines.append(line if fence else change(line))
    return "\n".join(lines)


@attrs.frozen
class Block:
    """A top-level block of a section body: a list item (``item``), or a run of
    other lines (a paragraph, a code block); ``start``/``end`` are its lines."""

    start: int
    end: int
    item: Item | None = None


def blocks(text: str) -> list[Block]:
    """The top-level blocks of ``text``, every list's items one by one, so
    that a reader can say which it takes and keep the ``rest``.

    A line indented past an item's mark belongs to the item; a code fence
    is one block to its closing fence (a ``-`` line in it is no item).
    """
    lines = text.split("\n")
    result: list[Block] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        if not line.strip():
            index += 1
            continue
        match = _TOP_ITEM.match(line)
        if match is not None:
            indent = len(match.group(1))
            last = index
            for number in range(index + 1, len(lines)):
                following = lines[number]
                stripped = following.lstrip()
                if not stripped:
                    continue
                if len(following) - len(stripped) <= indent:
                    break
                last = number
            item = Item(match.group(2), match.group(3) or "", dedent(lines[index + 1 : last + 1]), index)
            result.append(Block(start=index, end=last + 1, item=item))
            index = last + 1
            continue
        end = index
        fence = ""
        while end < len(lines):
            current = lines[end]
            if fence:
                stripped = current.strip()
                if stripped.startswith(fence) and not stripped.strip(fence[0]):
                    fence = ""
                end += 1
                continue
            opening = FENCE_OPEN.match(current)
            if opening is not None:
                fence = opening.group(1)
                end += 1
                continue
            if not current.strip() or (end > index and _TOP_ITEM.match(current)):
                break
            end += 1
        result.append(Block(start=index, end=end))
        index = end
    return result


def rest(text: str, taken: Iterable[Block]) -> str:
    """``text`` less the lines of the ``taken`` blocks (and the blank lines
    after each), as written: what no field holds, to be kept verbatim."""
    lines = text.split("\n")
    dropped: set[int] = set()
    for block in taken:
        dropped.update(range(block.start, block.end))
        after = block.end
        while after < len(lines) and not lines[after].strip():
            dropped.add(after)
            after += 1
    return strip_blank("\n".join(line for number, line in enumerate(lines) if number not in dropped))


_UNDERSCORE_LABEL = re.compile(r"^__(?P<label>[^_\n][^\n]*?)__")


def item_label(text: str) -> tuple[str, str] | None:
    """``(label, value)`` of a list item's text however its label is marked:
    ``**Label:**``, ``**Label**:``, ``__Label:__`` or plain ``Label:``."""
    return label_value(_UNDERSCORE_LABEL.sub(r"**\g<label>**", text, count=1), plain=True)


def one_line_items(text: str) -> tuple[tuple[str, ...], str]:
    """The one-line items of the lists in ``text`` (a list of names), and the
    rest of ``text``: items with lines under them, paragraphs."""
    found = [block for block in blocks(text) if block.item is not None and not block.item.body]
    return tuple(block.item.text for block in found if block.item is not None), rest(text, found)
