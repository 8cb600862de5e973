"""The crosswalk: where a plan's content lands in a format that does not hold
it in the source's shape, and how it is written there.

Every cross-format rule is a row of ``MOVES`` or ``HOMES``; no format module
knows about any other. A conversion applies them (``crosswalk``) to the
parsed plan before writing it in the target format:

- ``MOVES``: content of a field the target does not hold goes into a field it
  does hold and that is still empty, rewritten in that field's shape (a
  phase's tasks become a step of that phase in aadt; the summary fills the
  rapid Spec Kit's ``## Context`` fence). Rows are tried in order; the first
  that applies takes the content.
- ``HOMES``: a section of the source whose fields the target holds none of is
  carried as its author wrote it, heading and all, after the target section
  the row names (decisions under the target's architecture). A section no
  row names goes after the nearest section before it in the source that the
  target has.

What neither takes is left to the appendix.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Sequence
from typing import Any, TypeVar

import attrs

from ._appendix import (
    APPENDIX_INTRO,
    HEADINGS_INTRO,
    LOOSE_NAMES,
    appendix,
    appendix_parts,
    hidden_comments,
    loose_label,
    loose_top_fields,
    loose_values,
    read_marks,
)
from ._derived import derived
from ._fields import field_leaves, filled, is_code, leaves, named, restrict
from ._format import (
    PART_FORMATS,
    Format,
    _item_of,
    _phase_numbers,
    full_text,
    normalize_newlines,
    own_headings,
    writer_source,
)
from ._headings import takes_title
from ._loss import Loss
from ._markdown import (
    Node,
    Outline,
    _common_prefix,
    _common_suffix,
    label_value,
    list_items,
    normalize_title,
    outline,
    outline_like,
    parsed_alone,
)
from ._model import (
    _MARKER,
    _TASK_ID,
    Architecture,
    Component,
    Criterion,
    DataModel,
    Entity,
    FileChange,
    Intent,
    Labeled,
    Option,
    Phase,
    Plan,
    Requirement,
    Section,
    Source,
    Step,
    Subtask,
    Task,
    TimelineEntry,
    content_fields,
    evolve,
    field_values,
    is_empty,
)
from ._reading import FENCE_OPEN, outside_fences, unruled
from ._registry import FORMATS
from ._report import APPENDIX_HEADING
from ._vocabulary import heading_concepts, stack_key, translated_heading

# (The feature folder's part formats, spec.md, data-model.md and research.md, are imported in the rows
# that write them: a one-file conversion uses none, and importing them costs it some 3 ms of start-up.)

__all__ = [
    "DEFAULTS",
    "HOMES",
    "INTENT_PARTS",
    "INTRODUCING",
    "ITEM_HOMES",
    "MOVES",
    "REQUIREMENT_IDS",
    "TOOL_FILES",
    "Default",
    "Home",
    "IdScheme",
    "Move",
    "Placement",
    "activities_as_tasks",
    "as_subtask",
    "carried_date",
    "chosen_apart",
    "clear_placeholders",
    "crosswalk",
    "crosswalk_built",
    "drop_unfilled",
    "folded_data_model",
    "folded_spec",
    "foreign_tool_file",
    "home_format",
    "intent_of",
    "lone_top_task",
    "places_after",
    "requirement_ids",
    "requirement_name",
    "scenario_titles",
    "shaped_criteria",
    "shift_headings",
    "short_name",
    "summary_of_intent",
    "top_tasks",
    "with_carried_date",
    "with_task_id",
    "without_carried_date",
]

_INDEX = re.compile(r"\[\d+\]")
T = TypeVar("T")
TaskT = TypeVar("TaskT", Task, Subtask)


@attrs.frozen
class Placement:
    """Where the crosswalk put a field of the source plan: ``path`` (with
    indices, ``phases[0].tasks[1].text``) went into the target's ``field``
    (a field path, or the heading of a carried section). ``into`` are the
    paths of the reshaped plan that hold its content (``phases[0].description``,
    ``extra_sections[3]``): a loss of one of them is a loss of ``path``.
    ``Conversion.placed`` holds one per field of the source plan the
    crosswalk moved into another field of the target.

    >>> import plancore
    >>> plancore.Placement(path="architecture.overview", field="summary").field
    'summary'
    """

    path: str
    field: str
    into: tuple[str, ...] = ()


class _Part:
    """One field of a plan as a crosswalk's walk saw it: its ``leaves``, their field patterns
    (``_patterns_of``; none for the plan's own sections, headings and labels) and those patterns
    by each key they are under (``_keys_over``). Each is worked out when first asked: the rows
    ask of some fields only, and of the plan's own sections only when one rewrote them."""

    __slots__ = ("_by_key", "_leaves", "_patterns", "_plan", "name", "value")

    def __init__(self, plan: Plan, name: str) -> None:
        self._plan = plan
        self.name = name
        self.value = getattr(plan, name)
        self._leaves: dict[str, Any] | None = None
        self._patterns: frozenset[str] | None = None
        self._by_key: dict[str, list[str]] | None = None

    @property
    def leaves(self) -> dict[str, Any]:
        if self._leaves is None:
            self._leaves = dict(field_leaves(self._plan, self.name))
        return self._leaves

    @property
    def patterns(self) -> frozenset[str]:
        if self._patterns is None:
            bookkeeping = self.name in _BOOKKEEPING
            self._patterns = frozenset() if bookkeeping else frozenset(_INDEX.sub("", p) for p in self.leaves)
        return self._patterns

    @property
    def by_key(self) -> dict[str, list[str]]:
        if self._by_key is None:
            by_key: dict[str, list[str]] = {}
            for pattern in self.patterns:
                for key in _keys_over(pattern):
                    by_key.setdefault(key, []).append(pattern)
            self._by_key = by_key
        return self._by_key


class _Walk:
    """The fields of the plans a crosswalk makes one of another (``_Part``): a row rewrites a few
    fields of a plan and leaves the others the very objects they were, which are not walked again."""

    def __init__(self, source: Plan | None = None) -> None:
        # Per field: the part of the value last walked.
        self._kept: dict[str, _Part] = {}
        # Per field: the part of ``source``'s value (the plan read), once walked; ``keys`` asks of the
        # source's fields after the rows rewrote some, which they walked before.
        self._source = source
        self._read: dict[str, _Part] = {}

    def parts(self, plan: Plan) -> dict[str, _Part]:
        """Each field of ``plan`` by name (the same ``_Part`` as last time for a field that is the same)."""
        parts = {}
        source = self._source
        kept = self._kept
        names, values = _plan_fields()
        for name, value in zip(names, values(plan), strict=True):
            part = kept.get(name)
            if part is None or part.value is not value:
                part = kept[name] = _Part(plan, name)
                if source is not None and getattr(source, name) is value:
                    self._read[name] = part
            parts[name] = part
        return parts

    def keys(self, plan: Plan) -> frozenset[str]:
        """The keys something in ``plan`` is under (``_keys_over`` its field patterns), each field that is
        one walked taken as walked, the others walked but not kept (``plan`` is not the one the rows
        reshape: the source's, whose fields they mostly leave as they are, or rewrite once walked)."""
        found: set[str] = set()
        names, values = _plan_fields()
        for name, value in zip(names, values(plan), strict=True):
            part = self._kept.get(name)
            if part is None or part.value is not value:
                part = self._read.get(name)
            if part is not None and part.value is value:
                found.update(part.by_key)
            elif name not in _BOOKKEEPING:
                found.update(key for path, _ in field_leaves(plan, name) for key in _keys_over(_INDEX.sub("", path)))
        return frozenset(found)


@functools.cache
def _plan_fields() -> tuple[tuple[str, ...], Callable[[object], tuple[Any, ...]]]:
    """The fields of a plan a crosswalk's walk (``_Walk``) goes over, and what gives a plan's values of them,
    as a tuple, in one call: it looks at each field of the plan after each row that rewrote one."""
    names = content_fields(Plan, keys=True) or ()
    return names, field_values(names)


def _under_key(parts: dict[str, _Part], key: str) -> list[str]:
    """The field patterns of the plan of ``parts`` (``_Walk.parts``) under ``key`` (``_under``)."""
    part = parts.get(key.partition(".")[0])
    return part.by_key.get(key, []) if part is not None else []


def _leaves_of(parts: dict[str, _Part], key: str) -> dict[str, Any]:
    """The leaves of the plan of ``parts`` (``_Walk.parts``) in the field that ``key`` is, or is in."""
    part = parts.get(key.partition(".")[0])
    return part.leaves if part is not None else {}


def _gone(before: dict[str, _Part], after: dict[str, _Part]) -> list[str]:
    """The paths of the leaves of the plan of ``before`` (``_Walk.parts``) that the plan of ``after``
    has not, in their order: only a field that is another value can have lost any."""
    return [
        path
        for name, part in before.items()
        if after[name] is not part
        for path in part.leaves
        if path not in after[name].leaves
    ]


@attrs.frozen
class Origin:
    """The source plan's text, for rows that carry what its author wrote."""

    text: str
    fmt: Format
    plan: Plan
    # The format the plan is converted to (rows placing a section look up where its writer places one).
    target: Format | None = None
    # Whether the plan is a folder's, read file by file (``text`` one of its files, or none): its parts that
    # a single file has no field for are written as their files write them (``_part_section``).
    folder: bool = False
    # The leaves of the plans made of ``plan`` by the rows and the carrying, walked once per field value.
    walk: _Walk = attrs.field(
        default=attrs.Factory(lambda origin: _Walk(origin.plan), takes_self=True), eq=False, repr=False
    )
    # Of each normalized title in ``text``, its sections (in ``outline(text).walk()`` order) and their places
    # there: filled when first asked (``node``), which a crosswalk does for most of the source's fields.
    _every: dict[str, list[tuple[int, Node]]] = attrs.field(factory=dict, init=False, eq=False, repr=False)
    # The normalized titles of the plan's author's headings (``plan.headings``) by key: made when first asked,
    # for the rows ask ``node`` for most keys and the plan's headings are the same each time.
    _authored: dict[str, set[str]] = attrs.field(factory=dict, init=False, eq=False, repr=False)
    # The section ``node`` found for each key asked: the carrying asks each key of every section it carries.
    _nodes: dict[str, Node | None] = attrs.field(factory=dict, init=False, eq=False, repr=False)
    # The keys over the field patterns the source's reader filled (``_Walk.keys`` of ``plan``): made when first asked.
    _filled: list[frozenset[str]] = attrs.field(factory=list, init=False, eq=False, repr=False)

    def filled(self) -> frozenset[str]:
        """The keys (no indices) something the source's reader filled in ``plan`` is under (``_under``): a
        key is asked of each of its sections, which a look-up answers where a walk of the patterns did."""
        if not self._filled:
            self._filled.append(self.walk.keys(self.plan))
        return self._filled[0]

    def node(self, key: str) -> Node | None:
        """The source's section for field ``key``, if its text has one."""
        if key in self._nodes:
            return self._nodes[key]
        found = self._nodes[key] = self._node(key)
        return found

    def _node(self, key: str) -> Node | None:
        authored = self._authored
        if not authored:
            for heading in self.plan.headings:
                authored.setdefault(heading.label, set()).add(normalize_title(heading.value))
        wanted = authored.get(key, set()) | _own_titles(self.fmt).get(key, frozenset())
        if not wanted:
            return None
        every = self._every
        if not every:
            for at, node in enumerate(outline(self.text).walk()):
                every.setdefault(node.key, []).append((at, node))
        found = [pair for title in wanted for pair in every.get(title, ())]
        # The section at the level the format's reader reads the field's at: the author's
        # ``### Data Models`` inside Kiro's Components and Interfaces is that section's text,
        # the ``## Data Models`` after it the field's.
        level = _level(self.fmt, key)
        found = [pair for pair in found if pair[1].level == level] or found
        return min(found, key=lambda pair: pair[0])[1] if found else None


def _own_titles(fmt: Format) -> dict[str, frozenset[str]]:
    """The normalized titles of the format's own headings (``own_headings``), by key."""

    def derive() -> dict[str, frozenset[str]]:
        titles: dict[str, set[str]] = {}
        for heading in own_headings(fmt):
            titles.setdefault(heading.label, set()).add(normalize_title(heading.value))
        return {label: frozenset(found) for label, found in titles.items()}

    return derived("own titles", fmt.name, derive)


# A row's writer: the plan with the content of the row's source fields that
# the target does not hold (``lost``, field patterns) moved; the writer leaves
# a target field that is not empty as it is.
Writer = Callable[[Plan, frozenset[str], Origin], Plan]


@attrs.frozen
class Move:
    """Content of ``source`` fields lands in ``target``, written by ``write``."""

    source: tuple[str, ...]
    target: str
    write: Writer = attrs.field(repr=False)
    how: str = ""
    # Whether the row also takes source fields the target holds: a field whose
    # text is in the shape another row writes (a phase's steps as prose) goes
    # back to the field that row took it from; the writer picks by the text.
    held: bool = False


@attrs.frozen
class Home:
    """A section for field ``key`` that the target holds nothing of goes after
    the first of the target's sections ``after`` that it has."""

    key: str
    after: tuple[str, ...]
    how: str = ""
    # Whether it goes inside that section, a level below its heading (a subsection of it), not beside it.
    within: bool = False


@attrs.frozen
class Default:
    """Items of the list ``items`` that have content take ``value`` for their
    empty ``field`` in a target that holds the field, from a source format
    that has no such field; a callable ``value`` gives it from the item (``""``: none)."""

    items: str
    field: str
    value: str | Callable[[Any], str]
    how: str = ""


# Where a choice's first clause ends: a comma, semicolon, colon or dash, or a sentence's end.
_CLAUSE_END = re.compile(r"[,;:\uff0c\uff1b\uff1a\u3001\u3002]|\s[-\u2013\u2014]\s|\.(?:\s|$)")


def _decision_title(choice: str) -> str:
    """A decision's title as a person would name it from its choice: the choice's first
    clause, one line, capitalized, without its closing stop (``Use a daily cron job`` of
    ``use a daily cron job, not a queue.``); ``""`` for no choice.

    >>> _decision_title("use a daily cron job, not a queue.")
    'Use a daily cron job'
    """
    line = choice.strip().split("\n", 1)[0]
    match = _CLAUSE_END.search(line)
    clause = (line[: match.start()] if match and match.start() > 0 else line).strip().rstrip(".")
    return clause[:1].upper() + clause[1:]


def _get(value: Any, path: str) -> Any:
    for name in path.split("."):
        value = getattr(value, name)
    return value


def _set(value: T, path: str, new: Any) -> T:
    name, _, rest = path.partition(".")
    return evolve(value, **{name: _set(getattr(value, name), rest, new) if rest else new})


def _with(plan: Plan, **changes: Any) -> Plan:
    """``plan`` with ``changes``, or ``plan`` itself when it holds each of them already: most steps of a
    crosswalk change nothing of most plans, and a plan made anew checks each of its fields (some 50 µs)."""
    if all(getattr(plan, name) == value for name, value in changes.items()):
        return plan
    return evolve(plan, **changes)


def _cleared(value: T, path: str) -> T:
    return _set(value, path, type(_get(value, path))())


def _under(pattern: str, key: str) -> bool:
    return pattern == key or pattern.startswith(key + ".")


# A heading line (its title in group 1), and one at the line's start (its marks in group 1, the rest in 2).
_HEADING_LINE = re.compile(r"^ {0,3}#{1,6}[ \t]+(.*?)[ \t#]*$")
_HEADING_MARKS = re.compile(r"^(#{1,6})([ \t].*|)$")


def _bold_headings(text: str) -> str:
    """``text`` with its headings written as bold lines, so that it can be a
    field's prose (a heading would end the field's section)."""

    def bold(line: str) -> str:
        heading = _HEADING_LINE.match(line)
        return f"**{heading.group(1)}**" if heading is not None else line

    return outside_fences(text, bold)


def shift_headings(text: str, by: int) -> str:
    r"""``text`` (Markdown) with each heading outside code fences ``by`` levels deeper (shallower when
    negative), kept within levels 1 to 6. Raises nothing.

    >>> shift_headings("## Entities\n\n```\n# a comment\n```", 1)
    '### Entities\n\n```\n# a comment\n```'
    """
    if not by:
        return text

    def shift(line: str) -> str:
        heading = _HEADING_MARKS.match(line)
        if heading is None:
            return line
        return "#" * min(6, max(1, len(heading.group(1)) + by)) + heading.group(2)

    return outside_fences(text, shift)


def _gapped(text: str, gap: str) -> str:
    r"""``text`` (Markdown carried into a format) with each heading outside code fences followed by that
    format's ``gap`` (``Format.gap``: a blank line, or none) instead of the blank lines its author put there:
    laid out as the format's writer lays out its own headings, it reads the same whoever wrote it last.

    >>> _gapped("### A\nx\n\n### B\n\ny", "\n")
    '### A\n\nx\n\n### B\n\ny'
    >>> _gapped("### A\nx\n\n### B\n\ny", "")
    '### A\nx\n\n### B\ny'
    """
    if "#" not in text:
        return text
    lines: list[str] = []
    fence = ""
    after_heading = False
    for line in text.split("\n"):
        mark = FENCE_OPEN.match(line)
        if after_heading and not line.strip():
            continue
        if after_heading and gap:
            lines.append("")
        after_heading = False
        if mark is not None:
            fence = "" if fence and mark.group(1).startswith(fence) else (fence or mark.group(1))
        elif not fence and _HEADING_MARKS.match(line.lstrip(" ")) is not None and len(line) - len(line.lstrip(" ")) < 4:
            after_heading = True
        lines.append(line)
    return "\n".join(lines)


def _top_heading(text: str) -> int:
    """The level of ``text``'s highest heading outside code fences (0 when it has none)."""
    levels = [node.level for node in outline(text).roots] if "#" in text else []
    return min(levels, default=0)


def _below_title(plan: Plan) -> Plan:
    """``plan`` with its own sections headed at the title's level (an OpenSpec tasks.md's second ``# ...``)
    a level down, and the headings in them: in the target, a second title would take every section after it."""
    if not any(section.level == 1 for section in plan.extra_sections):
        return plan
    sections = tuple(
        evolve(
            section,
            level=2,
            body=shift_headings(section.body, 1) if 0 < _top_heading(section.body) <= 2 else section.body,
        )
        if section.level == 1
        else section
        for section in plan.extra_sections
    )
    return evolve(plan, extra_sections=sections)


def _headed_values(plan: Plan, target: Format) -> Plan:
    """``plan`` with each value holding headings as high as the target's section for its field (data-model.md's
    whole text as ``data_model.overview``, its ``## Entities``) written under that section: its headings a level
    below the section's, and what the target's reader takes as the author's sub-sections (Kiro's design.md) made
    such sections after the field, so that the value reads back as written, once."""
    for label, level in _headed_fields(target):
        value = _get(plan, label)
        top = _top_heading(value) if isinstance(value, str) else 0
        if top and not _writes_headings(target, label):
            # Written in a code fence (Spec Kit's specification), its lines are no headings there.
            continue
        # Or subsections opening it (Spec Kit's Summary made of ``###`` sections, under SmartSpec's Executive
        # Summary): a target reading them as the author's sections has them so, else as a loss of its text.
        if not top or top > level + 1 or (top == level + 1 and not value.startswith("#")):
            continue
        title = next(h.value for h in own_headings(target) if h.label == label)
        found = _read_as(
            target, label, Section(heading=title, level=level, body=shift_headings(value, level + 1 - top))
        )
        if found is None:
            continue
        read = found[0]
        left = tuple(s for s in read.extra_sections if s not in target.template_plan.extra_sections)
        sections = plan.extra_sections
        if top > level:
            # Before the sections that followed the field: they followed its subsections too.
            at = next((i for i, s in enumerate(sections) if s.after == label), len(sections))
            sections = (*sections[:at], *left, *sections[at:])
        else:
            sections = (*sections, *left)
        plan = evolve(_set(plan, label, _get(read, label)), extra_sections=sections)
    for items, name in _ITEM_TEXTS:
        # An item's text under the item's own heading, a level below its list's section (``### Decision: X``
        # under ``## Decisions``): its headings go below the item's (research.md's ``### Implementation Details``).
        level = _level(target, items)
        if not level or f"{items}.{name}" not in target.holds:
            continue
        shifted = []
        for item in _get(plan, items):
            top = _top_heading(getattr(item, name))
            shifted.append(
                evolve(item, **{name: shift_headings(getattr(item, name), level + 2 - top)})
                if 0 < top <= level + 1
                else item
            )
        if _made_anew(shifted, _get(plan, items)):
            plan = _set(plan, items, tuple(shifted))
    return plan


def _headed_fields(target: Format) -> list[tuple[str, int]]:
    """The fields the target holds that it has a section for in its blank template, each with that section's
    level, in the order of its own headings: those whose values ``_headed_values`` weighs."""

    def derive() -> list[tuple[str, int]]:
        labels = dict.fromkeys(h.label for h in own_headings(target))
        return [
            (label, _level(target, label))
            for label in labels
            if _is_field(label) and _holds(target, label) and _level(target, label)
        ]

    return derived("headed fields", target.name, derive)


_PROBE = "Heading of the author's"
# ``_writes_headings``'s answers, by format name and field: they depend on the format alone.
_HEADINGS_WRITTEN: dict[tuple[str, str], bool] = {}


def _writes_headings(fmt: Format, label: str) -> bool:
    """Whether ``fmt`` writes a heading in the text of field ``label`` as a heading of the document: not
    when it fences the field's text (Spec Kit's specification), where a heading as high as the field's
    section is a line of it like another. Found once a format and field, by writing one."""
    found = _HEADINGS_WRITTEN.get((fmt.name, label))
    if found is None:
        written = fmt.emit(_set(Plan(), label, f"# {_PROBE}"))
        found = _HEADINGS_WRITTEN[fmt.name, label] = any(node.title == _PROBE for node in outline(written).walk())
    return found


# The texts of list items that a format writes under each item's own heading.
_ITEM_TEXTS = (("decisions", "context"), ("requirements", "notes"), ("requirements", "text"))


def _content(node: Node) -> str:
    return _tight(node.content.strip("\n"))


# Two blank lines in a row (white space alone: what ``str.strip`` strips, as ``\s`` matches), what ``_tight`` cuts
# one of, found in two parts: the pair at the text's start, or after a line break. A pattern
# opening with a line break is searched for at C speed from one line break to the next; one opening with
# ``(?:^|\n)`` is tried at every character (ten times as long over a section's text, which ``_tight`` asks of
# each carried one, and ``_cut_samples`` of each section of an output).
_BLANK_PAIR_FIRST = re.compile(r"[^\S\n]*\n[^\S\n]*(?:\n|\Z)")
_BLANK_PAIR_AFTER = re.compile(r"\n[^\S\n]*\n[^\S\n]*(?:\n|\Z)")


def _blank_pair(text: str) -> bool:
    """Whether ``text`` has two blank lines in a row (white space only between their line breaks)."""
    return _BLANK_PAIR_FIRST.match(text) is not None or _BLANK_PAIR_AFTER.search(text) is not None


def _tight(text: str) -> str:
    """``text`` with each run of blank lines outside code fences cut to one:
    carried into another format, it is laid out as that format's blocks are."""
    if not _blank_pair(text):
        # No blank line after a blank line: nothing to cut (most sections), and no line to walk.
        return text
    lines: list[str] = []
    fence = ""
    for line in text.split("\n"):
        mark = FENCE_OPEN.match(line)
        if mark is not None:
            fence = "" if fence and mark.group(1).startswith(fence) else (fence or mark.group(1))
        if not fence and not line.strip() and lines and not lines[-1].strip():
            continue
        lines.append(line)
    return "\n".join(lines)


# Writers -----------------------------------------------------------------


def _text(source: str, target: str) -> Writer:
    def write(plan: Plan, lost: frozenset[str], _: Origin) -> Plan:
        there = _get(plan, target)
        if not is_empty(there):
            # The same text there already (come home from an appendix before the rows: a SpecPulse
            # FEATURE_ID beside the Spec Kit branch it was): it is in its place, not lost.
            return _cleared(plan, source) if there == _get(plan, source) else plan
        return _cleared(_set(plan, target, _get(plan, source)), source)

    return write


# An issue a branch names: ``PROJ-123``, ``#42``, ``issue-42``, ``gh-42`` (a Spec Kit feature number,
# ``001-photo-albums``, numbers the feature, not an issue).
_ISSUE_IN_BRANCH = re.compile(r"(?<![A-Za-z0-9])(?:[A-Z][A-Z0-9]*-\d+|#\d+|(?i:issues?|gh)[-_/#]?\d+)(?![A-Za-z0-9])")


def _naming_issue(field: str) -> Writer:
    """A branch or feature id as the plan's issue, only when it names one (``fix/PROJ-123-login``): ``main``,
    a feature branch (``001-photo-albums``) or a SpecPulse feature number (``001``) is no issue, and stays
    where it was, carried where the target has no place for it."""
    name = field.rpartition(".")[2]
    move = _text(field, "metadata.issue_id")

    def write(plan: Plan, lost: frozenset[str], source: Origin) -> Plan:
        if not _ISSUE_IN_BRANCH.search(getattr(plan.metadata, name)):
            return plan
        return move(plan, lost, source)

    return write


def _date_to_generated(plan: Plan, lost: frozenset[str], _: Origin) -> Plan:
    # A copy, not a move: the date stays the plan's date too; ``_generated_as_date`` drops it again on the way back.
    date = plan.metadata.created or plan.metadata.updated
    if plan.metadata.generated or not date:
        return plan
    return evolve(plan, metadata=evolve(plan.metadata, generated=date))


def _generated_as_date(plan: Plan, lost: frozenset[str], _: Origin) -> Plan:
    # The same date twice says nothing more than once; a date of its own is carried by the other rows.
    metadata = plan.metadata
    if metadata.generated and metadata.generated in (metadata.created, metadata.updated):
        return evolve(plan, metadata=evolve(metadata, generated=""))
    return plan


def _phase_rows(phases: Sequence[Phase]) -> list[TimelineEntry]:
    """A timeline row per named phase, as aadt's Timeline names it (``Phase 1: Foundation``): no dates,
    which a plan without a timeline does not give, and ``Complete`` for a phase marked done."""
    return [
        TimelineEntry(phase=f"Phase {number}: {phase.name}", status="Complete" if phase.done else "")
        for number, phase in zip(_phase_numbers(phases), phases, strict=True)
        if phase.name
    ]


def _phases_to_timeline(plan: Plan, lost: frozenset[str], source: Origin) -> Plan:
    # Beside the plan's phases the template's sample rows (Phase 1: Foundation) would read as its schedule.
    if plan.timeline or "timeline.phase" in source.fmt.holds:
        return plan
    rows = _phase_rows(plan.phases)
    samples = source.target.template_plan.timeline if source.target is not None else ()
    # Rows all named as the template's sample rows in their places would read back as those samples, not as
    # the plan's: the template's rows stay, to be filled. One such row beside the plan's own is written
    # with empty cells (``_fields.fill``) and reads back as the plan's.
    if all(row.phase == sample.phase for row, sample in zip(rows, samples, strict=False)) and len(rows) <= len(samples):
        return plan
    return evolve(plan, timeline=tuple(rows))


def _timeline_of_phases(plan: Plan, lost: frozenset[str], _: Origin) -> Plan:
    # Rows that only name the phases (as ``_phases_to_timeline`` writes them) say nothing the phases do not.
    derived = _phase_rows(plan.phases)
    if not plan.timeline or not all(row in derived for row in plan.timeline):
        return plan
    return evolve(plan, timeline=())


# The titles ``_tasks_to_steps`` gives a step when the phase has no name of its own.
_OWN_STEP_TITLES = ("", "Tasks", "Deliverables")


def _tasks_to_steps(plan: Plan, lost: frozenset[str], _: Origin) -> Plan:
    phases = []
    for phase in plan.phases:
        if phase.steps:
            phases.append(phase)
            continue
        steps = []
        if phase.tasks and "phases.tasks.text" in lost:
            steps.append(Step(title=phase.name or _OWN_STEP_TITLES[1], tasks=phase.tasks))
            phase = evolve(phase, tasks=())
        if phase.deliverables and "phases.deliverables.text" in lost:
            steps.append(Step(title=_OWN_STEP_TITLES[2], tasks=phase.deliverables))
            phase = evolve(phase, deliverables=())
        phases.append(evolve(phase, steps=tuple(steps)))
    return evolve(plan, phases=tuple(phases))


# Target formats whose tasks stand in numbered groups of one level (OpenSpec's ``## 1. Group`` over
# ``- [ ] 1.1 ...``): a checklist of numbered top tasks (Kiro's ``- [ ] 1. Title`` over ``  - [ ] 1.1 ...``)
# becomes a group per top task there.
GROUPED_TASKS = ("openspec-tasks",)
_TOP_TASK = re.compile(r"^(?P<id>\d+)\.[ \t]+(?P<title>\S.*)$", re.DOTALL)


def _named_task_phases(fmt: Format) -> bool:
    """Whether ``fmt``'s phases are named lists of tasks one level deep (maestro's ``### Phase 1: Name``
    over its tasks, SpecPulse's, aadt's steps): there, as a person converting by hand makes them, each
    numbered top task of a checklist (Kiro's ``- [ ] 1. Title``) is a phase, its sub-tasks its tasks."""
    return "phases.name" in fmt.holds and "phases.tasks.subtasks.text" not in fmt.holds


def _optional(text: str, optional: bool) -> str:
    return f"{text} (optional)" if optional and "\n" not in text else text


def _top_tasks_to_groups(plan: Plan, lost: frozenset[str], source: Origin) -> Plan:
    """A top task with sub-tasks under it is a group of them (its body the group's text); one followed at the
    top by tasks of its number (Kiro's ``- [ ]* 2.1`` after ``- [x] 2.``) is a group of itself, as written,
    and them; one without either is a group holding itself as its one task, ``N.1``. States follow the
    sub-tasks: a top task ticked with sub-tasks open keeps its line, first in its group; a skipped one marks
    its sub-tasks. OpenSpec has no optional task: an optional one (Kiro's ``- [ ]*``, or under
    one) says so after its text, as a person would write it there."""
    if source.target is None or not plan.phases:
        return plan
    exact = source.target.name in GROUPED_TASKS
    if not exact and not _named_task_phases(source.target):
        return plan
    if any(evolve(phase, tasks=()) != Phase() or not phase.tasks for phase in plan.phases):
        return plan
    tops: list[tuple[str, str, Task, list[Task]]] = []
    for task in (task for phase in plan.phases for task in phase.tasks):
        match = _TOP_TASK.match(task.text)
        if match is not None:
            inner = [
                Task(
                    text=_optional(sub.text, sub.optional or task.optional),
                    done=sub.done,
                    in_progress=sub.in_progress,
                    skipped=sub.skipped or task.skipped,
                    body=sub.body,
                )
                for sub in task.subtasks
            ]
            tops.append((match.group("id"), match.group("title"), task, inner))
        elif tops and task.id.split(".")[0] == tops[-1][0] and "." in task.id:
            parent = tops[-1][2]
            if not tops[-1][3]:
                # Written before its followers, not over them: a task of its own, first in its group, as it is.
                tops[-1][3].append(evolve(parent, text=_optional(parent.text, parent.optional), optional=False))
            tops[-1][3].append(
                evolve(
                    task,
                    text=_optional(task.text, task.optional or parent.optional),
                    optional=False,
                    skipped=task.skipped or parent.skipped,
                )
            )
        else:
            return plan
    if not exact and not any(inner for *_, inner in tops):
        # A flat checklist, no task over others: one list there too, as its author wrote it.
        return plan
    groups = []
    for number, title, task, inner in tops:
        if not inner and not exact:
            # Its own task under its title, without its number (``top_tasks`` gives it back): in a numbered
            # list ``1. [x] 9. Title`` would say two numbers. The phase's mark says its state where it has one.
            # Where tasks carry no mark (maestro's), the phase's ✅ is the task's: not reported lost beside it.
            ticked = "phases.done" in source.target.holds and not task.in_progress
            done = task.done and ("phases.tasks.done" in source.target.holds or not ticked)
            groups.append(Phase(name=title, done=task.done and ticked, tasks=(evolve(task, text=title, done=done),)))
            continue
        if not inner:
            own = evolve(task, text=_optional(f"{number}.1 {title}", task.optional), optional=False)
            groups.append(Phase(name=title, tasks=(own,)))
            continue
        # Where phases are ticked (maestro's ``✅``), the phase's mark says the top task's state.
        ticked = not exact and "phases.done" in source.target.holds and not task.in_progress
        if inner[0].text.startswith(f"{number}. "):
            own, followers = inner[0], inner[1:]
            implied = own.done == all(item.done for item in followers) and not (
                own.in_progress and not any(item.in_progress for item in followers)
            )
            if not exact and not own.body and not own.optional and (implied or ticked):
                # Its line says no more than the phase's heading and mark (``top_tasks`` writes it back
                # so): the heading alone, as a person writes a phase over its tasks.
                groups.append(Phase(name=title, done=own.done and ticked, tasks=tuple(followers)))
                continue
            if ticked and not own.optional:
                # Its details are the phase's text, as where its sub-tasks stand under it (no ``1. 2. Title`` line).
                groups.append(Phase(name=title, done=own.done, description=own.body, tasks=tuple(followers)))
                continue
            groups.append(Phase(name=title, tasks=tuple(inner)))
            continue
        if ticked and not task.optional:
            groups.append(Phase(name=title, done=task.done, description=task.body, tasks=tuple(inner)))
            continue
        if (task.done and not all(item.done for item in inner)) or (
            task.in_progress and not any(item.in_progress for item in inner)
        ):
            # A state its sub-tasks do not imply (ticked with some open, begun with none begun): its own
            # line keeps it, first in its group, where the target writes it or reports it.
            inner = [Task(text=task.text, done=task.done, in_progress=task.in_progress), *inner]
        groups.append(Phase(name=title, description=task.body, tasks=tuple(inner)))
    return evolve(plan, phases=tuple(groups))


_OPTIONAL_SUFFIX = " (optional)"


def _unoptional(task: TaskT) -> TaskT:
    """``task`` with the `` (optional)`` that ``_optional`` wrote after its text as its flag again."""
    if task.text.endswith(_OPTIONAL_SUFFIX) and "\n" not in task.text:
        return evolve(task, text=task.text[: -len(_OPTIONAL_SUFFIX)], optional=True)
    return task


def top_tasks(phases: tuple[Phase, ...]) -> tuple[Phase, ...]:
    """``phases`` in numbered groups (OpenSpec's ``## 2. Title`` over ``- [ ] 2.1 ...``: each phase a name and
    tasks whose IDs start with its number) as the one checklist of numbered top tasks they were made of
    (``_top_tasks_to_groups`` the other way), for Kiro: a group whose first task is its own line
    (``2. Title``) is that task, its other tasks following it at the top, as Kiro writes a task's
    followers; a group of its one task ``N.1 Title`` is the top task ``N. Title``; any other group is a
    top task ``N. Title`` over its tasks, done when they all are. An optional task's `` (optional)`` is
    its flag again. Other phases come back as they are. Raises nothing.

    >>> groups = (Phase(name="Build", tasks=(Task(text="1.1 Build", done=True),)),)
    >>> [(t.text, t.done) for t in top_tasks(groups)[0].tasks]
    [('1. Build', True)]
    """
    tops: list[Task] = []
    for index, phase in enumerate(phases, 1):
        number = phase.number or str(index)
        # A group's ✅ says what its tasks' marks say (``_top_tasks_to_groups`` gives it only then).
        grouped = evolve(phase, name="", number="", done=False, tasks=()) == Phase() and phase.name and phase.tasks
        tasks = [_unoptional(task) for task in phase.tasks]
        lone = lone_top_task(phase, number) if grouped else None
        if lone is not None:
            tops.append(lone)
            continue
        if not grouped or any(task.id.split(".")[0] != number for task in phase.tasks):
            return phases
        own = f"{number}. {phase.name}"
        first, rest = tasks[0], tasks[1:]
        implied = first.done == all(task.done for task in rest) and not (
            first.in_progress and not any(task.in_progress for task in rest)
        )
        if first.text == own and (first.body or implied):
            # Its own line, its state the others': Kiro's task written before its followers, not over them.
            tops.extend(tasks)
        elif first.text == own:
            # Its own line alone, first, in a state its sub-tasks do not imply: over them.
            subtasks = tuple(as_subtask(task) for task in tasks[1:])
            tops.append(evolve(tasks[0], subtasks=subtasks))
        elif len(tasks) == 1 and tasks[0].text == f"{number}.1 {phase.name}" and not tasks[0].subtasks:
            tops.append(evolve(tasks[0], text=own))
        else:
            subtasks = tuple(as_subtask(task) for task in tasks)
            tops.append(Task(text=own, done=phase.done or all(task.done for task in tasks), subtasks=subtasks))
    return (Phase(tasks=tuple(tops)),) if tops else phases


def lone_top_task(phase: Phase, number: str) -> Task | None:
    """The top task ``number`` that ``phase`` is made of when its one task is that task under its title (a
    lone top task, written there without its number: ``_top_tasks_to_groups``), its lines under it its body;
    else ``None``."""
    if len(phase.tasks) != 1 or phase.tasks[0].subtasks:
        return None
    task = _unoptional(phase.tasks[0])
    text, _, more = task.text.partition("\n")
    if text not in (phase.name, f"{number}. {phase.name}"):
        return None
    body = "\n".join(part for part in (more, task.body) if part)
    return evolve(task, text=f"{number}. {phase.name}", done=task.done or phase.done, body=body)


def as_subtask(task: Task, line: Callable[[Subtask], str] | None = None) -> Subtask:
    """``task`` as a sub-task: its own sub-tasks as checklist lines in its body, each written by ``line``
    (a format's own marks; by default a tasks file's, with every state's mark)."""
    written = line or (lambda sub: _task_lines(sub, states=True))
    # Its text's later lines (a maestro task's nested items) are lines under it, as a checklist reads them back.
    text, _, more = task.text.partition("\n")
    lines = [more if text.strip() else "", task.body, *map(written, task.subtasks)]
    return Subtask(
        text=text if text.strip() else task.text,
        done=task.done,
        in_progress=task.in_progress,
        skipped=task.skipped,
        optional=task.optional,
        body="\n".join(line for line in lines if line),
    )


def _groups_to_top_tasks(plan: Plan, lost: frozenset[str], source: Origin) -> Plan:
    """Numbered groups as numbered top tasks (``top_tasks``), for a target of one checklist."""
    return evolve(plan, phases=top_tasks(plan.phases))


def _step_title(phase: int, index: int, step: Step) -> str:
    return f"Step {phase}.{index}" + (f": {step.title}" if step.title else "")


def _steps_to_tasks(plan: Plan, lost: frozenset[str], _: Origin) -> Plan:
    """Each step's tasks become the phase's tasks, its files the plan's file
    changes; its title and notes introduce the phase's description."""
    phases = []
    files = list(plan.file_changes)
    if "phases.steps.tasks.text" not in lost:
        # The target has steps (Spec Kit's task groups), only not their files: the files alone move.
        for number, phase in enumerate(plan.phases, 1):
            for index, step in enumerate(phase.steps, 1):
                title = _step_title(number, index, step)
                files.extend(FileChange(path=path, description=title) for path in step.files)
            phases.append(evolve(phase, steps=tuple(evolve(step, files=()) for step in phase.steps)))
        return evolve(plan, phases=tuple(phases), file_changes=tuple(files))
    for number, phase in enumerate(plan.phases, 1):
        # A phase's own tasks and description are its author's, never added to.
        if not phase.steps or phase.tasks or phase.description:
            phases.append(phase)
            continue
        tasks: list[Task] = []
        notes: list[str] = []
        for index, step in enumerate(phase.steps, 1):
            tasks.extend(step.tasks)
            title = _step_title(number, index, step)
            if not plan.file_changes:
                files.extend(FileChange(path=path, description=title) for path in step.files)
                listed = ""
            else:
                listed = "".join(f"\n- `{path}`" for path in step.files)
            if not step.notes and not listed and step.title in (*_OWN_STEP_TITLES, phase.name):
                # A step named only by its phase (as a phase's tasks become one) says nothing more.
                continue
            notes.append(
                f"**{title}**" + (f"\n\n{step.notes}" if step.notes else "") + (f"\n{listed}" if listed else "")
            )
        description = "\n\n".join(notes)
        phases.append(evolve(phase, tasks=tuple(tasks), steps=(), description=description))
    return evolve(plan, phases=tuple(phases), file_changes=tuple(files))


def _steps_to_groups(plan: Plan, lost: frozenset[str], source: Origin) -> Plan:
    """The task groups of a phase that has several, or text or tasks of its own beside them (Spec Kit's
    ``### Database Layer`` under ``## Phase 2``, aadt's steps), each one task of the phase after its own,
    as a person lists a group in one task list: in a target with sub-tasks, a task titled by the group
    over its tasks; else its title in bold over its notes and its tasks as a sub-list. A group is done
    when all its tasks are. Its files go to the file changes, as ``_steps_to_tasks`` moves them. A
    phase's one group alone, beside nothing of the phase's own, is its task list (``_steps_to_tasks``)."""
    if "phases.steps.tasks.text" not in lost:
        return plan
    sub = source.target is not None and "phases.tasks.subtasks.text" in source.target.holds
    phases = []
    files = list(plan.file_changes)
    for number, phase in enumerate(plan.phases, 1):
        own = all(
            step.title in (*_OWN_STEP_TITLES, phase.name) and not step.notes and not step.files for step in phase.steps
        )
        # Steps the crosswalk made of the phase's own parts go back to them (``_deliverables_step_back``).
        if own or (len(phase.steps) == 1 and not phase.tasks and not phase.description):
            phases.append(phase)
            continue
        groups = []
        for index, step in enumerate(phase.steps, 1):
            title = step.title or _step_title(number, index, step)
            listed = ""
            if not plan.file_changes:
                files.extend(FileChange(path=path, description=_step_title(number, index, step)) for path in step.files)
            else:
                listed = "\n".join(f"- `{path}`" for path in step.files)
            done = bool(step.tasks) and all(task.done for task in step.tasks)
            if sub:
                subtasks = tuple(as_subtask(task) for task in step.tasks)
                body = "\n\n".join(part for part in (step.notes, listed) if part)
                groups.append(Task(text=title, done=done, body=body, subtasks=subtasks))
                continue
            items = "\n".join(_task_lines(task, states=True) for task in step.tasks)
            text = "\n\n".join(part for part in (f"**{title}**", step.notes, listed) if part)
            if items:
                # A list right under the label line, as a person writes a labelled sub-list.
                text += ("\n" if text == f"**{title}**" else "\n\n") + items
            groups.append(Task(text=text, done=done))
        phases.append(evolve(phase, tasks=(*phase.tasks, *groups), steps=()))
    return evolve(plan, phases=tuple(phases), file_changes=tuple(files))


_GROUP_LABEL = re.compile(r"\*\*([^*\n]+)\*\*")
_LIST_START = re.compile(r"^- ", re.MULTILINE)


def _group_step(task: Task) -> Step | None:
    """The task group ``_steps_to_groups`` wrote as ``task`` (its bold title, notes, a sub-list of
    tasks), or ``None`` when ``task`` is not in that shape."""
    if task.body or task.subtasks:
        return None
    head, _, rest = task.text.partition("\n")
    label = _GROUP_LABEL.fullmatch(head)
    if label is None:
        return None
    # Imported here: a conversion that writes no task group need not import the tasks format.
    from ._formats.speckit_tasks import task_item

    start = _LIST_START.search(rest)
    notes, listed = (rest[: start.start()], rest[start.start() :]) if start else (rest, "")
    items = list_items(listed) if listed else []
    tasks = [task_item(item) for item in items]
    found = tuple(t for t in tasks if t is not None)
    if len(found) != len(tasks) or (listed and not found):
        return None
    if (not found and notes.strip()) or (found and task.done != all(t.done for t in found)):
        return None
    return Step(title=label.group(1), tasks=found, notes=notes.strip("\n"))


def _groups_to_steps(plan: Plan, lost: frozenset[str], source: Origin) -> Plan:
    """A phase's last tasks that are task groups as ``_steps_to_groups`` writes them, back as the
    phase's steps, for a target with steps: there and back, a tasks file keeps its groups."""
    if _holds(source.fmt, "phases.steps"):
        # A format with steps of its own: a task in that shape is its author's.
        return plan
    phases = []
    for phase in plan.phases:
        steps: list[Step] = []
        for task in reversed(phase.tasks):
            step = _group_step(task)
            if step is None:
                break
            steps.insert(0, step)
        if not steps or phase.steps:
            phases.append(phase)
            continue
        own = phase.tasks[: len(phase.tasks) - len(steps)]
        phases.append(evolve(phase, tasks=own, steps=tuple(steps)))
    return evolve(plan, phases=tuple(phases))


def _task_lines(task: Task | Subtask, depth: int = 0, *, states: bool = False) -> str:
    """``task`` as a check-list item, its body and sub-tasks indented under it. ``states``: its mark says
    every state (``[~]`` started, ``[-]`` dropped, ``*`` optional, as a tasks file reads them), not only done."""
    pad = "  " * depth
    mark = _state_mark(task) if states else f"[{'x' if task.done else ' '}]"
    lines = [f"{pad}- {mark} {task.text}"]
    if task.body:
        lines += [f"{pad}  {line}" if line.strip() else "" for line in task.body.split("\n")]
    lines += [_task_lines(sub, depth + 1, states=states) for sub in getattr(task, "subtasks", ())]
    return "\n".join(lines)


def _state_mark(task: Task | Subtask) -> str:
    """The check mark a tasks file writes for ``task``'s state (``[x]``, ``[~]``, ``[-]``; ``*`` after it: optional)."""
    from ._formats.speckit_tasks import MARKS

    state = (task.done, task.in_progress and not task.done, task.skipped and not task.done)
    mark = next((m for m, said in MARKS.items() if said == state and m.startswith("[")), "[ ]")
    return mark + ("*" if task.optional else "")


def _steps_to_prose(plan: Plan, lost: frozenset[str], _: Origin) -> Plan:
    if not lost & {"phases.steps.title", "phases.steps.tasks.text"}:
        # The target has steps, only not every part of them (a task's subtasks): those alone are lost.
        return plan
    phases = []
    for number, phase in enumerate(plan.phases, 1):
        if not phase.steps or phase.description:
            phases.append(phase)
            continue
        parts = []
        for index, step in enumerate(phase.steps, 1):
            lines = [_step_title(number, index, step) + ":"]
            lines += [_task_lines(task) for task in step.tasks]
            lines += [f"- `{path}`" for path in step.files]
            parts.append("\n".join(lines) + (f"\n\n{step.notes}" if step.notes else ""))
        phases.append(evolve(phase, steps=(), description="\n\n".join(parts)))
    return evolve(plan, phases=tuple(phases))


_STEP_HEAD = re.compile(r"Step \d+\.\d+(?:: (.*))?:")
_STEP_LINE = re.compile(r"- (?:\[([ x])\](?: (.*))?|`([^`\n]*)`)")
_STEP_SUB = re.compile(r"  - \[([ x])\](?: (.*))?")


def _prose_to_steps(plan: Plan, lost: frozenset[str], source: Origin) -> Plan:
    """A phase's description written by ``_steps_to_prose`` (and nothing
    else), as the steps it was: there and back, a plan keeps its steps."""
    if _holds(source.fmt, "phases.steps"):
        # A format with steps of its own: a description in that shape is its author's prose.
        return plan
    phases = []
    for phase in plan.phases:
        steps = () if phase.steps else _steps_in(phase.description)
        phases.append(evolve(phase, steps=steps, description="") if steps else phase)
    return evolve(plan, phases=tuple(phases))


def _steps_in(text: str) -> tuple[Step, ...]:
    """The steps ``text`` lists in ``_steps_to_prose``'s shape; none when it is not all in that shape."""
    steps: list[Step] = []
    for block in text.split("\n\n") if text else ():
        head, *lines = block.split("\n")
        title = _STEP_HEAD.fullmatch(head)
        tasks: list[Task] = []
        files: list[str] = []
        for line in lines if title is not None else ():
            item, sub = _STEP_LINE.fullmatch(line), _STEP_SUB.fullmatch(line)
            if item and item.group(1) is not None:
                tasks.append(Task(text=item.group(2) or "", done=item.group(1) == "x"))
            elif item:
                files.append(item.group(3))
            elif sub and tasks:
                # A sub-task, as ``_task_lines`` indents it under its task.
                subtask = Subtask(text=sub.group(2) or "", done=sub.group(1) == "x")
                tasks[-1] = evolve(tasks[-1], subtasks=(*tasks[-1].subtasks, subtask))
            elif tasks and not files and line.startswith("    ") and tasks[-1].subtasks:
                # A sub-task's body, two deeper than its marker.
                *before, last = tasks[-1].subtasks
                subtasks = (*before, evolve(last, body=_body_line(last.body, line[4:])))
                tasks[-1] = evolve(tasks[-1], subtasks=subtasks)
            elif tasks and not files and line.startswith("  ") and not tasks[-1].subtasks:
                tasks[-1] = evolve(tasks[-1], body=_body_line(tasks[-1].body, line[2:]))
            else:
                title = None
        if title is not None:
            steps.append(Step(title=title.group(1) or "", tasks=tuple(tasks), files=tuple(files)))
        elif steps:
            notes = steps[-1].notes
            steps[-1] = evolve(steps[-1], notes=f"{notes}\n\n{block}" if notes else block)
        else:
            return ()
    return tuple(steps)


def _body_line(body: str, line: str) -> str:
    """``body`` with ``line`` after it (a body as ``_task_lines`` indents it, read back)."""
    return f"{body}\n{line}" if body else line


def _phase_to_prose(plan: Plan, lost: frozenset[str], _: Origin) -> Plan:
    """A phase's goal, tasks and deliverables the target lacks, as its description."""
    phases = []
    for phase in plan.phases:
        if phase.description:
            phases.append(phase)
            continue
        goal = phase.goal if "phases.goal" in lost else ""
        tasks = phase.tasks if "phases.tasks.text" in lost else ()
        deliverables = phase.deliverables if "phases.deliverables.text" in lost else ()
        texts = [item.text for item in (*tasks, *deliverables)] + [goal]
        # One line where it can be, as SmartSpec's ``- Activities:`` is.
        line = not any(item.done or item.body or item.subtasks for item in (*tasks, *deliverables))
        line = line and not any("\n" in t for t in texts)
        parts = [f"Goal: {goal}"] if goal else []
        for label, items in (("", tasks), ("Deliverables: ", deliverables)):
            if not items:
                continue
            if line:
                parts.append(label + "; ".join(item.text for item in items))
            else:
                marks = "\n".join(_task_lines(item) for item in items)
                parts.append((label.rstrip() + "\n\n" if label else "") + marks)
        if not parts:
            phases.append(phase)
            continue
        description = (". " if line else "\n\n").join(parts)
        phases.append(
            evolve(
                phase,
                description=description,
                goal="" if goal else phase.goal,
                tasks=() if tasks else phase.tasks,
                deliverables=() if deliverables else phase.deliverables,
            )
        )
    return evolve(plan, phases=tuple(phases))


# A phase's facts as Kiro's task blocks write them, a line each under the block's heading.
_PHASE_FACTS = (("estimate", "Duration"), ("priority", "Priority"), ("dependencies", "Dependencies"))


def _phase_facts_to_description(plan: Plan, lost: frozenset[str], source: Origin) -> Plan:
    """A phase's estimate, priority and dependencies the target lacks (Kiro's task blocks or a SmartSpec
    rollout phase into OpenSpec's groups), as the lines Kiro's blocks write them in, above its text
    (after every other row has written the text)."""
    if not source.folder and (source.target is None or source.target.name not in PART_FORMATS):
        # A single file's phase going into another single file keeps its facts where its target has them.
        return plan
    wanted = [(field, label) for field, label in _PHASE_FACTS if f"phases.{field}" in lost]
    phases = []
    for phase in plan.phases:
        facts = [(field, label, getattr(phase, field)) for field, label in wanted if getattr(phase, field)]
        if not facts:
            phases.append(phase)
            continue
        lines = "  \n".join(f"**{label}:** {value}" for _, label, value in facts)
        description = f"{lines}\n\n{phase.description}" if phase.description else lines
        gone = {field for field, _, _ in facts}
        phases.append(
            evolve(
                phase,
                description=description,
                estimate="" if "estimate" in gone else phase.estimate,
                priority="" if "priority" in gone else phase.priority,
                dependencies="" if "dependencies" in gone else phase.dependencies,
            )
        )
    return evolve(plan, phases=tuple(phases))


_FACT_LINE = re.compile(r"\*\*(?P<label>[^*\n]+):\*\* (?P<value>.+?)(?: {2})?")


def _description_to_phase_facts(plan: Plan, lost: frozenset[str], source: Origin) -> Plan:
    """A phase's text opening with the fact lines ``_phase_facts_to_description`` writes (``**Duration:** 1 week``),
    from a format without those fields, back in the fields of a target that has them: there and back, a
    SmartSpec phase keeps its ``- Duration:`` line."""
    if source.target is None:
        return plan
    fields = {label: field for field, label in _PHASE_FACTS}
    wanted = {f"phases.{field}" for field in fields.values()}
    if not wanted & source.target.holds or wanted & source.fmt.holds:
        return plan
    phases = []
    for phase in plan.phases:
        head, _blank, rest = phase.description.partition("\n\n")
        found = [_FACT_LINE.fullmatch(line) for line in head.split("\n")] if head else [None]
        facts = {fields.get(m.group("label"), ""): m.group("value") for m in found if m is not None}
        if None in found or "" in facts or len(facts) != len(found):
            phases.append(phase)
            continue
        if any(getattr(phase, field) or f"phases.{field}" not in source.target.holds for field in facts):
            phases.append(phase)
            continue
        estimate, priority, dependencies = (facts.get(name, getattr(phase, name)) for name, _ in _PHASE_FACTS)
        phases.append(evolve(phase, description=rest, estimate=estimate, priority=priority, dependencies=dependencies))
    return evolve(plan, phases=tuple(phases))


def _description_to_tasks(plan: Plan, lost: frozenset[str], _: Origin) -> Plan:
    phases = tuple(
        evolve(phase, tasks=(Task(text=phase.description),), description="")
        if phase.description and not phase.tasks
        else phase
        for phase in plan.phases
    )
    return evolve(plan, phases=phases)


def _task_lines_to_body(plan: Plan, lost: frozenset[str], source: Origin) -> Plan:
    """A task's lines after its first (SpecPulse's sub-items, read into the task's text) as its body in a
    target whose tasks carry one (Spec Kit's tasks.md: the sub-items under ``- [ ] T003``, read back as the
    task's body): in its text the target reads them back elsewhere, and the appendix carried the task again."""
    if not _task_lists(source.target) or _task_lists(source.fmt):
        return plan
    phases = []
    for phase in plan.phases:
        tasks = []
        for task in phase.tasks:
            first, newline, rest = task.text.partition("\n")
            if not newline or task.body or not first.strip() or not rest.strip():
                tasks.append(task)
                continue
            tasks.append(evolve(task, text=first, body=rest))
        phases.append(evolve(phase, tasks=tuple(tasks)) if tasks != list(phase.tasks) else phase)
    if all(new is old for new, old in zip(phases, plan.phases, strict=True)):
        return plan
    return evolve(plan, phases=tuple(phases))


def _body_to_task_lines(plan: Plan, lost: frozenset[str], source: Origin) -> Plan:
    """A task's body (Kiro's ``- detail`` and ``_Requirements: 1.2_`` lines under it) as lines of its text in a
    target whose tasks carry no body (a phase's, or a step's: aadt): its writer indents them under the task's
    item, where a person puts a task's details, and reads them back into the task (``_task_lines_to_body``
    takes them home)."""

    def lined(tasks: tuple[Task, ...]) -> tuple[Task, ...]:
        new = tuple(
            evolve(task, text=f"{task.text}\n{task.body}", body="") if task.body.strip() and task.text.strip() else task
            for task in tasks
        )
        return tasks if new == tasks else new

    phases = []
    for phase in plan.phases:
        tasks = lined(phase.tasks) if "phases.tasks.body" in lost else phase.tasks
        steps = phase.steps
        if "phases.steps.tasks.body" in lost:
            steps = tuple(evolve(step, tasks=lined(step.tasks)) for step in phase.steps)
            steps = phase.steps if steps == phase.steps else steps
        changed = tasks is not phase.tasks or steps is not phase.steps
        phases.append(evolve(phase, tasks=tasks, steps=steps) if changed else phase)
    if all(new is old for new, old in zip(phases, plan.phases, strict=True)):
        return plan
    return evolve(plan, phases=tuple(phases))


def _task_lists(fmt: Format | None) -> bool:
    """Whether ``fmt``'s phases are task lists that its tooling counts (Spec Kit's tasks.md, OpenSpec's and
    Kiro's tasks.md): a format whose tasks carry a body of their own."""
    return fmt is not None and "phases.tasks.body" in fmt.holds


def _has_activities(fmt: Format | None) -> bool:
    """Whether ``fmt``'s phases hold activities, not tasks (SmartSpec's ``- Activities:``): its blank
    template's phases have text and no tasks."""
    phases = fmt.template_plan.phases if fmt is not None else ()
    return bool(phases) and all(p.description and not p.tasks and not p.steps for p in phases)


def _activities_to_tasks(plan: Plan, lost: frozenset[str], source: Origin) -> Plan:
    """A phase's activities (SmartSpec's ``- Activities:`` line: one line, the phase's only content
    beside its facts) as its tasks in a target whose phases are task lists, one task an activity
    (``; `` between them, as ``_phase_to_prose`` joins tasks), as a person converting by hand lists
    them: written as prose there, the task list's tooling counts none."""
    if source.target is None or not _task_lists(source.target) or not _has_activities(source.fmt):
        return plan
    if source.plan.source is None:
        # Built in Python or read from JSON: its phase's text is what its author put there, not a line of activities.
        return plan
    scheme = _TASK_NUMBERS.get(source.target.name, "")
    used = {task.text[: _after_markers(task.text)].strip() for phase in plan.phases for task in phase.tasks}
    phases = []
    count = 0
    for number, phase in enumerate(plan.phases, 1):
        parts = () if phase.tasks or phase.steps else _activities(phase.description)
        if parts:
            ids = [scheme.format(n=count + k, phase=number, k=k) for k in range(1, len(parts) + 1)]
            ids = ids if scheme and used.isdisjoint(ids) else [""] * len(parts)
            tasks = tuple(Task(text=f"{given} {part}".lstrip()) for given, part in zip(ids, parts, strict=True))
            phase = evolve(phase, tasks=tasks, description="")
        count += len(phase.tasks)
        phases.append(phase)
    return evolve(plan, phases=tuple(phases))


def activities_as_tasks(plan: Plan, target: Format) -> Plan:
    """``plan``'s phases with their activities as tasks (``_activities_to_tasks``) for ``target``, a task list
    written from a whole plan outside ``convert_plan`` (Kiro's tasks.md, whose top tasks are the phases): a
    SmartSpec phase's ``- Activities:`` line is its sub-tasks there, numbered as Kiro numbers them (``1.1``).
    A plan not read from a file format's text comes back as it is. Raises nothing.

    >>> from plancore import parse
    >>> from plancore._formats.kiro import KIRO_TASKS
    >>> text = "# Implementation Plan: X\\n\\n## Rollout Plan\\n\\n### Phase 1: Build\\n\\n- Activities: A; B\\n"
    >>> plan = parse(text, "smartspec")
    >>> [task.text for task in activities_as_tasks(plan, KIRO_TASKS).phases[0].tasks]
    ['1.1 A', '1.2 B']
    """
    fmt = FORMATS.get(plan.source.format) if isinstance(plan.source, Source) else None
    if fmt is None:
        return plan
    return _activities_to_tasks(plan, frozenset(), Origin(text="", fmt=fmt, plan=plan, target=target))


# The IDs a task list's tasks take, as its authors number them: Spec Kit's ``T001`` through the file
# (``n``), OpenSpec's ``1.1`` by phase (``phase``) and place in it (``k``), Kiro's sub-tasks ``1.1`` under
# their phase's top task ``1.``.
_TASK_NUMBERS = {"speckit-tasks": "T{n:03d}", "openspec-tasks": "{phase}.{k}", "kiro-tasks": "{phase}.{k}"}


# Formats that number a phase's task list themselves (``1. [ ] Build it``): SpecPulse's, Spec Kit rapid's.
_NUMBERED_TASKS = frozenset({"specpulse", "speckit"})


def _ids_as_list_numbers(plan: Plan, lost: frozenset[str], source: Origin) -> Plan:
    """A phase's task IDs that say no more than the number a target numbering its lists gives each task
    (``1.1``, ``1.2`` in phase 1; ``1.``, ``2.``) dropped from the texts: written ``1. 1.1 Add it`` the number
    would stand twice. Only a whole list's: one ID of another number (a Kiro sub-task's ``1.1`` among its
    top tasks) keeps them all, as they name the tasks elsewhere."""
    if source.target is None or source.target.name not in _NUMBERED_TASKS or source.fmt is source.target:
        return plan
    phases = []
    for number, phase in enumerate(plan.phases, 1):
        same = bool(phase.tasks) and all(
            task.id and task.id.rstrip(".") in (str(k), f"{number}.{k}") for k, task in enumerate(phase.tasks, 1)
        )
        if same:
            phase = evolve(phase, tasks=tuple(_without_id(task) for task in phase.tasks))
        phases.append(phase)
    return evolve(plan, phases=tuple(phases))


def _without_id(task: Task) -> Task:
    text = task.text.lstrip()
    match = _TASK_ID.match(text)
    return evolve(task, text=text[match.end() :].lstrip(" \t")) if match is not None else task


def _activities(text: str) -> tuple[str, ...]:
    """The activities one line of them lists (``a; b``); none for text that is not one line."""
    if not text.strip() or "\n" in text.strip():
        return ()
    parts = tuple(part.strip() for part in text.split("; "))
    return parts if all(parts) else ()


def _tasks_to_activities(plan: Plan, lost: frozenset[str], source: Origin) -> Plan:
    """A phase's tasks from a task-list format, each a plain line not yet started (as
    ``_activities_to_tasks`` writes activities, its ID aside), back as the phase's activities in a target
    that has them: there and back, a SmartSpec phase keeps its ``- Activities:`` line."""
    if not _task_lists(source.fmt) or not _has_activities(source.target):
        return plan
    scheme = _TASK_NUMBERS.get(source.fmt.name, "")
    phases = []
    count = 0
    for number, phase in enumerate(plan.phases, 1):
        texts = [task.text[_after_markers(task.text) :].strip() for task in phase.tasks]
        # Only the IDs ``_activities_to_tasks`` gives (``T001`` on, ``1.1``): an ID of the author's, or none
        # where one would be given, is the author's task list.
        numbered = all(
            task.text[: _after_markers(task.text)].strip() == scheme.format(n=count + k, phase=number, k=k)
            for k, task in enumerate(phase.tasks, 1)
        )
        count += len(phase.tasks)
        plain = all(
            not (task.done or task.in_progress or task.skipped or task.optional or task.body or task.subtasks)
            for task in phase.tasks
        )
        line = "; ".join(texts)
        shaped = phase.tasks and not phase.description and not phase.steps and _activities(line) == tuple(texts)
        phases.append(evolve(phase, tasks=(), description=line) if shaped and plain and numbered else phase)
    return evolve(plan, phases=tuple(phases))


def _description_in_phase(plan: Plan, lost: frozenset[str], source: Origin) -> Plan:
    """A phase's text that the target has no field for, beside tasks of the phase's (Spec Kit's
    ``**Independent Test**:`` line), as text of the author's in that phase's section, where the
    target's writer places such text (after its list), not in the appendix."""
    if source.target is None or "phases." not in _place_keys(source.target):
        return plan
    phases = []
    sections = list(plan.extra_sections)
    for index, phase in enumerate(plan.phases):
        if phase.description and phase.tasks:
            sections.append(Section(heading="", level=0, body=phase.description, after=f"phases.{index}"))
            phase = evolve(phase, description="")
        phases.append(phase)
    return evolve(plan, phases=tuple(phases), extra_sections=tuple(sections))


def _checkpoint_to_deliverable(plan: Plan, lost: frozenset[str], _: Origin) -> Plan:
    """A phase's checkpoint (Spec Kit's ``**Checkpoint**:``, what can be checked once its tasks are done) as
    its one deliverable, where the phase has none (maestro's ``Deliverable``: what can be demonstrated)."""
    phases = tuple(
        evolve(phase, deliverables=(Task(text=phase.checkpoint),), checkpoint="")
        if phase.checkpoint and not phase.deliverables
        else phase
        for phase in plan.phases
    )
    return evolve(plan, phases=phases)


def _checkpoint_to_text(plan: Plan, lost: frozenset[str], source: Origin) -> Plan:
    """A phase's checkpoint as a line of the phase's text, labelled as Spec Kit writes it: its text where the
    phase has none, else a line of the author's after the phase's list where the target places such text
    (the phase's own text is not added to)."""
    after = source.target is not None and "phases." in _place_keys(source.target)
    phases = []
    sections = list(plan.extra_sections)
    for index, phase in enumerate(plan.phases):
        line = f"**Checkpoint**: {phase.checkpoint}"
        if phase.checkpoint and not phase.description:
            phase = evolve(phase, description=line, checkpoint="")
        elif phase.checkpoint and after:
            sections.append(Section(heading="", level=0, body=line, after=f"phases.{index}"))
            phase = evolve(phase, checkpoint="")
        phases.append(phase)
    return evolve(plan, phases=tuple(phases), extra_sections=tuple(sections))


def _text_to_checkpoint(plan: Plan, lost: frozenset[str], _: Origin) -> Plan:
    """A phase's text that closes with a ``**Checkpoint**:`` paragraph (as ``_checkpoint_to_text`` writes a
    checkpoint where the target has none) with that paragraph as its checkpoint, where it has none: the
    target reads the line as one anyway."""
    phases = []
    for phase in plan.phases:
        text, _blank, last = phase.description.rpartition("\n\n")
        first, newline, more = last.partition("\n")
        pair = label_value(first)
        if not phase.checkpoint and pair is not None and pair[0].casefold() == "checkpoint" and pair[1]:
            phase = evolve(phase, description=text, checkpoint=pair[1] + newline + more)
        phases.append(phase)
    return evolve(plan, phases=tuple(phases))


def _deliverable_to_checkpoint(plan: Plan, lost: frozenset[str], _: Origin) -> Plan:
    """A phase's one deliverable, not yet done, as its checkpoint (``_checkpoint_to_deliverable`` the other way)."""
    phases = tuple(
        evolve(phase, checkpoint=phase.deliverables[0].text, deliverables=())
        if len(phase.deliverables) == 1 and not phase.checkpoint and not phase.deliverables[0].done
        else phase
        for phase in plan.phases
    )
    return evolve(plan, phases=phases)


def _technology_to_stack(plan: Plan, lost: frozenset[str], _: Origin) -> Plan:
    if plan.architecture.tech_stack:
        return plan
    stack = tuple(
        Labeled(label=component.name, value=component.technology)
        for component in plan.architecture.components
        if component.technology
    )
    components = tuple(evolve(c, technology="") for c in plan.architecture.components)
    architecture = evolve(plan.architecture, tech_stack=stack, components=components)
    return evolve(plan, architecture=architecture)


def _item_parts_to(items: str, target: str, parts: Sequence[tuple[str, str]]) -> Writer:
    """Each item's one-line parts ``parts`` (field, label) the target lacks, as
    ``Label: value`` lines joined by ``; `` in the item's empty field ``target``
    (a table cell: one line)."""

    def write(plan: Plan, lost: frozenset[str], _: Origin) -> Plan:
        changed = []
        for item in _get(plan, items):
            values = [(name, label, getattr(item, name)) for name, label in parts]
            taken = [
                (name, label, value)
                for name, label, value in values
                if value and "\n" not in value and f"{items}.{name}" in lost
            ]
            # An unnamed item is no row a reader can find its details in.
            if getattr(item, target) or not taken or not getattr(item, "name", ""):
                changed.append(item)
                continue
            text = "; ".join(f"{label}: {value}" for _, label, value in taken)
            changed.append(evolve(item, **{target: text}, **{name: "" for name, _, _ in taken}))
        return _set(plan, items, tuple(changed))

    return write


_DETAILS = (
    ("technology", "Technology"),
    ("location", "Location"),
    ("dependencies", "Depends on"),
    ("dependents", "Used by"),
    ("current", "Current"),
    ("change", "Change"),
    ("risk", "Risk"),
)


def _component_details(plan: Plan, lost: frozenset[str], source: Origin) -> Plan:
    """Each named component's details the target lacks (those no row put in a
    column of its table), and notes of several lines where its table's cell
    cannot hold them, as its maestro-like block after the components: its
    name in bold, a labeled line per detail, then its notes."""
    holds = source.target.holds if source.target is not None else frozenset[str]()
    # In a table cell, notes of several lines would break the table.
    one_line = source.target is not None and not _holds_notes_lines(source.target)
    components = []
    blocks = []
    for component in plan.architecture.components:
        taken = [(name, label) for name, label in _DETAILS if getattr(component, name)]
        taken = [(name, label) for name, label in taken if f"architecture.components.{name}" not in holds]
        held = "architecture.components.notes" in holds and not (one_line and "\n" in component.notes)
        notes = component.notes if not held else ""
        if not component.name or not (taken or notes):
            components.append(component)
            continue
        values = [(label, getattr(component, name)) for name, label in taken]
        lines = "\n".join(f"- **{label}:** {value}" for label, value in values if "\n" not in value)
        # A detail of several lines (a list of changes) is a paragraph under its label.
        long = [f"**{label}:**\n\n{value}" for label, value in values if "\n" in value]
        block = "\n\n".join(part for part in (f"**{component.name}**", lines, *long, notes) if part)
        # A heading in its notes would end the block: it is a bold line there.
        blocks.append(_bold_headings(block))
        cleared = {name: "" for name, _ in taken} | ({"notes": ""} if notes else {})
        components.append(evolve(component, **cleared))
    if not blocks:
        return plan
    section = Section(heading="", level=0, body="\n\n".join(blocks), after="architecture.components")
    architecture = evolve(plan.architecture, components=tuple(components))
    return evolve(plan, architecture=architecture, extra_sections=_next_to_items(plan, section))


def _details_home(plan: Plan, target: Format, source: Format) -> tuple[Plan, list[Placement]]:
    """``plan`` with the components' blocks after its components (as
    ``_component_details`` writes them for a target without their details: a
    component's name in bold, a ``- **Label:** value`` line per detail, a labeled
    paragraph for a longer one, then its notes) read back into the components' fields: a target that holds them writes
    them in its own place for them (maestro's component blocks), the rows place
    them for one that does not (a technology in Spec Kit's Technical Context, the
    rest written as the same blocks again). Only blocks written exactly so, of
    components whose fields they fill are empty, are taken (for a target without their details, or for
    ``source``, the format they were written in, whose table holds the other details in the notes
    cell); else the text stays as it is."""
    components = list(plan.architecture.components)
    names = {component.name: at for at, component in enumerate(components) if component.name}
    for index, section in enumerate(plan.extra_sections):
        if section.level or section.after != "architecture.components" or not names:
            continue
        blocks = _detail_blocks(section.body, _DETAILS, names)
        if blocks is None:
            continue
        changed = list(components)
        for title, values, notes in blocks:
            values = values | ({"notes": notes} if notes else {})
            component = changed[names[title]]
            if not values or any(getattr(component, name) for name in values):
                break
            changed[names[title]] = evolve(component, **values)
        else:
            rest = tuple(other for other in plan.extra_sections if other is not section)
            architecture = evolve(plan.architecture, components=tuple(changed))
            shaped = evolve(plan, architecture=architecture, extra_sections=rest)
            # Written back as ``_component_details`` would write them: else the blocks were the author's.
            origins = (Origin("", target, shaped), Origin("", target, shaped, target=source))
            written = [_component_details(shaped, frozenset(), origin).extra_sections for origin in origins]
            if any(Counter(sections) == Counter(plan.extra_sections) for sections in written):
                return shaped, [Placement(f"extra_sections[{index}]", "architecture.components")]
    return plan, []


def _item_details(items: str, details: Sequence[tuple[str, str]], after: str, heading: str = "") -> Writer:
    """A row's writer: each item of ``items`` with fields ``details`` (field,
    label) that the target lacks, as a block after the target's place
    ``after``, as ``_component_details`` writes a component's: its title
    (``name``, else method and path) in bold, then its details in order, a
    labeled line each (a labeled paragraph when longer, code in a fence with
    its language), then the author's text that stood after the item where the
    target places no text by item. The title's fields are moved too where the
    target lacks them (an entity for a format without entities), else only
    repeated as the block's title (an endpoint whose row the target's table has).
    With ``heading``, the blocks are a subsection of that title (where text
    after the place would be read as the target's field there)."""

    def write(plan: Plan, lost: frozenset[str], source: Origin) -> Plan:
        by_item = source.target is not None and f"{items}." in _place_keys(source.target)
        changed = []
        blocks = []
        absorbed: list[Section] = []
        for index, item in enumerate(_get(plan, items)):
            taken = [(name, label) for name, label in details if getattr(item, name) and f"{items}.{name}" in lost]
            names = [name for name in ("name", "method", "path") if hasattr(item, name) and getattr(item, name)]
            title = " ".join(getattr(item, name) for name in names)
            if not title or not taken:
                changed.append(item)
                continue
            parts = [f"**{title}**"]
            lines: list[str] = []
            for name, label in taken:
                value = getattr(item, name)
                if is_code(type(item), name):
                    language = getattr(item, f"{name}_language", "")
                    fence = "`" * max([3, *(len(run) + 1 for run in re.findall(r"`{3,}", value))])
                    block = f"{fence}{language}\n{value}\n{fence}"
                elif "\n" in value:
                    block = f"**{label}:**\n\n{value}"
                else:
                    lines.append(f"- **{label}:** {value}")
                    continue
                parts += ["\n".join(lines), block] if lines else [block]
                lines = []
            parts += ["\n".join(lines)] if lines else []
            own = [
                section
                for section in plan.extra_sections
                if not by_item and not section.heading and section.after == f"{items}.{index}"
            ]
            absorbed += own
            parts += [section.body.strip("\n") for section in own]
            blocks.append(_bold_headings("\n\n".join(parts)))
            cleared = {name: "" for name, _ in taken}
            cleared |= {f"{name}_language": "" for name, _ in taken if is_code(type(item), name)}
            cleared |= {name: "" for name in names if f"{items}.{name}" in lost}
            changed.append(evolve(item, **cleared))
        if not blocks:
            return plan
        kept = tuple(s for s in plan.extra_sections if not any(s is a for a in absorbed))
        plan = _set(plan, items, tuple(item for item in changed if not is_empty(item)))
        plan = evolve(plan, extra_sections=kept)
        section = Section(heading=heading, level=3 if heading else 0, body="\n\n".join(blocks), after=after)
        return evolve(plan, extra_sections=_next_to_items(plan, section))

    return write


_BLOCK_TITLE = re.compile(r"\*\*([^*\n]*[^*\n:])\*\*")
_LABEL_LINE = re.compile(r"- \*\*([^*\n]+):\*\* (.+)")


def _detail_blocks(
    body: str, details: Sequence[tuple[str, str]], titles: Collection[str] | None = None
) -> list[tuple[str, dict[str, str], str]] | None:
    """The blocks ``body`` holds as ``_item_details`` (``_component_details``) writes an item's with fields
    ``details`` (field, label): each block's title (a line in bold: one of ``titles`` when given), its
    details by field, and the author's text after them (``""`` for none); ``None`` when ``body`` is not
    such blocks from its first line on."""
    labels = {label: name for name, label in details}
    joined: list[str] = []
    for part in body.strip("\n").split("\n\n"):
        # A fence's blank lines are inside it, not between parts.
        if joined and joined[-1].count("```") % 2:
            joined[-1] += "\n\n" + part
        else:
            joined.append(part)
    blocks: list[tuple[str, dict[str, str], list[str]]] = []
    label = ""
    for part in joined:
        title = _BLOCK_TITLE.fullmatch(part)
        title = title if title is None or titles is None or title.group(1) in titles else None
        bold = re.fullmatch(r"\*\*([^*\n]+):\*\*", part)
        lines = [_LABEL_LINE.fullmatch(line) for line in part.split("\n")]
        if label:
            blocks[-1][1][labels[label]], label = part, ""
        elif title is not None:
            blocks.append((title.group(1), {}, []))
        elif not blocks:
            return None
        elif blocks[-1][2]:
            blocks[-1][2].append(part)
        elif bold and bold.group(1) in labels:
            label = bold.group(1)
        elif part.startswith("```") and "schema" in labels.values() and "schema" not in blocks[-1][1]:
            fence = re.fullmatch(r"(`{3,})([^\n`]*)\n(.*)\n\1", part, re.S)
            if fence is None:
                return None
            blocks[-1][1].update(schema=fence.group(3), schema_language=fence.group(2))
        elif all(line is not None and line.group(1) in labels for line in lines):
            blocks[-1][1].update({labels[line.group(1)]: line.group(2) for line in lines if line is not None})
        else:
            blocks[-1][2].append(part)
    if label or not blocks:
        return None
    return [(title, values, "\n\n".join(text)) for title, values, text in blocks]


def _item_details_home(plan: Plan, target: Format) -> tuple[Plan, list[Placement]]:
    """``plan`` with the items' blocks (as ``_item_details`` writes them for a target without the items'
    details: an endpoint's after the endpoints, an entity's after SmartSpec's data model intro or as aadt's
    ``### Data Model`` after the components) read back into the items, for a target that holds those
    details: an endpoint's into the endpoint of its title whose details are empty, entities as the plan's
    entities where it has none. The text an author wrote after an item's details stays after that item.
    Only blocks written exactly so are taken (written back as ``_item_details`` writes them, they are the
    same text); else the text stays as it is."""
    placements: list[Placement] = []
    for items, details in (("api.endpoints", _ENDPOINT_DETAILS), ("data_model.entities", _ENTITY_DETAILS)):
        if not all(f"{items}.{name}" in target.holds for name, _ in details):
            continue
        present: tuple[Any, ...] = _get(plan, items)
        titles = {
            " ".join(p for p in (item.method, item.path) if p): at
            for at, item in enumerate(present)
            if items == "api.endpoints"
        }
        for index, section in enumerate(plan.extra_sections):
            if items == "api.endpoints":
                carried = not section.level and not section.heading and section.after == items and bool(titles)
            else:
                carried = not present and (
                    (not section.level and not section.heading and section.after == "data_model.intro")
                    or (
                        section.level == 3
                        and section.heading == "Data Model"
                        and section.after == "architecture.components"
                    )
                )
            blocks = _detail_blocks(section.body, details) if carried else None
            if blocks is None:
                continue
            changed = list(present)
            own: list[Section] = []
            for title, values, text in blocks:
                if items == "api.endpoints":
                    at = titles.get(title)
                    if at is None or any(getattr(changed[at], name) for name, _ in details):
                        break
                    changed[at] = evolve(changed[at], **values)
                else:
                    at = len(changed)
                    changed.append(Entity(name=title, **values))
                if text:
                    own.append(Section(heading="", level=0, body=text, after=f"{items}.{at}"))
            else:
                rest = tuple(other for other in plan.extra_sections if other is not section)
                shaped = _set(evolve(plan, extra_sections=(*rest, *own)), items, tuple(changed))
                names = ("method", "path") if items == "api.endpoints" else ("name",)
                lost = frozenset(f"{items}.{name}" for name in (*names, *(name for name, _ in details)))
                writer = _item_details(items, details, section.after, section.heading)
                written = writer(shaped, lost, Origin("", target, shaped))
                if [s for s in written.extra_sections if s not in rest] == [section]:
                    placements.append(Placement(f"extra_sections[{index}]", items))
                    plan = shaped
                    break
    return plan, placements


def _next_to_items(plan: Plan, section: Section) -> tuple[Section, ...]:
    """The plan's sections with ``section`` (the details of the items its place
    ends with) first of those at its place, or first of those with a heading
    when it has one: after a section carried there, it would read as part of
    that section."""
    at = next(
        (
            i
            for i, s in enumerate(plan.extra_sections)
            if s.after == section.after and (s.level > 0 or not section.heading)
        ),
        len(plan.extra_sections),
    )
    return (*plan.extra_sections[:at], section, *plan.extra_sections[at:])


def _decision_details(plan: Plan, lost: frozenset[str], _: Origin) -> Plan:
    """Each decision's context and its options' notes that the target's
    decisions (a table of title, options, choice and rationale: maestro's)
    lack, as a block after the decisions, as the component details are: the
    decision's title in bold, its context, then its options with their notes
    (all of them, so that the list reads whole)."""
    decisions = []
    blocks = []
    for decision in plan.decisions:
        context = decision.context if "decisions.context" in lost else ""
        notes = "decisions.options.notes" in lost and any(option.notes for option in decision.options)
        if not decision.title or not (context or notes):
            decisions.append(decision)
            continue
        lines = []
        if context:
            # Context of several lines is a paragraph under its label, as a component's long detail.
            lines.append(f"- **Context:** {context}" if "\n" not in context else f"**Context:**\n\n{context}")
        if notes:
            items = "\n".join(
                f"  - {option.name}: {option.notes}" if option.notes else f"  - {option.name}"
                for option in decision.options
            )
            lines.append(f"- **Options Considered:**\n{items}")
        blocks.append(_bold_headings("\n\n".join([f"**{decision.title}**", "\n".join(lines)])))
        options = tuple(evolve(option, notes="") for option in decision.options) if notes else decision.options
        decisions.append(evolve(decision, context="" if context else decision.context, options=options))
    if not blocks:
        return plan
    section = Section(heading="", level=0, body="\n\n".join(blocks), after="decisions")
    return evolve(plan, decisions=tuple(decisions), extra_sections=_next_to_items(plan, section))


_DECISION_BLOCK = re.compile(r"(?:^|\n\n)\*\*([^*\n]+)\*\*\n\n")
_OPTIONS_LINE = "- **Options Considered:**\n"


def _decision_details_home(plan: Plan, target: Format) -> tuple[Plan, list[Placement]]:
    """``plan`` with the decisions' block after its decisions (as ``_decision_details`` writes a
    decision's context and options' notes for a target without them: maestro's table) read back into
    the decisions, for a target that holds them; only a block written exactly so, of decisions
    whose context and notes it fills are empty, else the text stays the author's."""
    if "decisions.context" not in target.holds or "decisions.options.notes" not in target.holds:
        return plan, []
    titles = {decision.title: at for at, decision in enumerate(plan.decisions) if decision.title}
    for index, section in enumerate(plan.extra_sections):
        if section.level or section.heading or section.after != "decisions" or not titles:
            continue
        starts = list(_DECISION_BLOCK.finditer(section.body))
        if not starts or starts[0].start() != 0 or any(m.group(1) not in titles for m in starts):
            continue
        changed = list(plan.decisions)
        for at, match in enumerate(starts):
            end = starts[at + 1].start() if at + 1 < len(starts) else len(section.body)
            decision = changed[titles[match.group(1)]]
            body = section.body[match.end() : end]
            context, _, options = ("\n" + body).partition("\n" + _OPTIONS_LINE)
            context = context.removeprefix("\n")
            context = context.removeprefix("- **Context:** ") if context.startswith("- ") else context
            context = context.removeprefix("**Context:**\n\n")
            notes = [line.removeprefix("  - ").partition(": ") for line in options.split("\n")] if options else []
            if decision.context or any(option.notes for option in decision.options):
                break
            if notes and [name for name, _, _ in notes] != [option.name for option in decision.options]:
                break
            kept = decision.options
            if notes:
                kept = tuple(evolve(option, notes=note) for option, (_, _, note) in zip(kept, notes, strict=True))
            changed[titles[match.group(1)]] = evolve(decision, context=context, options=kept)
        else:
            rest = tuple(other for other in plan.extra_sections if other is not section)
            shaped = evolve(plan, decisions=tuple(changed), extra_sections=rest)
            # Written back as ``_decision_details`` would write them: else the block was the author's.
            lost = frozenset({"decisions.context", "decisions.options.notes"})
            if _decision_details(shaped, lost, Origin("", target, shaped)).extra_sections == plan.extra_sections:
                return shaped, [Placement(f"extra_sections[{index}]", "decisions")]
    return plan, []


# Per target format's name: whether it writes a component's notes of several lines so that they read back.
_NOTES_LINES: dict[str, bool] = {}


def _holds_notes_lines(target: Format) -> bool:
    """Whether ``target`` writes a component's notes of several lines so that
    they read back as they were (in a block, not a table cell)."""
    if target.name not in _NOTES_LINES:
        notes = "First line\n\nSecond paragraph"
        probe = Plan(architecture=Architecture(components=(Component(name="Probe", notes=notes),)))
        text = target.emit(probe)
        back = target.parse(text).architecture.components
        # A table cell gives the lines back too (joined by ``<br>``), but a long note is no reading there.
        _NOTES_LINES[target.name] = bool(back) and back[0].notes == notes and "\nSecond paragraph" in text
    return _NOTES_LINES[target.name]


def _parts_to(target: str, parts: Sequence[tuple[str, str]]) -> Writer:
    """Prose fields ``parts`` (path, label) the target lacks, under their labels in ``target``."""

    def write(plan: Plan, lost: frozenset[str], _: Origin) -> Plan:
        if not is_empty(_get(plan, target)):
            return plan
        blocks = []
        for path, label in parts:
            value = _get(plan, path)
            if path in lost and value:
                blocks.append(f"**{label}**\n\n{_labeled_text(value)}")
                plan = _cleared(plan, path)
        return _set(plan, target, "\n\n".join(blocks)) if blocks else plan

    return write


def _decision_parts_to_context(plan: Plan, lost: frozenset[str], _: Origin) -> Plan:
    """Each decision's choice, rationale and options the target lacks, labelled, after its text."""
    decisions = []
    for decision in plan.decisions:
        blocks = [decision.context] if decision.context else []
        if decision.choice and "decisions.choice" in lost:
            blocks.append(f"**Decision**: {decision.choice}")
        if decision.rationale and "decisions.rationale" in lost:
            blocks.append(f"**Rationale**: {decision.rationale}")
        options = [f"- {option.name}: {option.notes}".rstrip(": ") for option in decision.options]
        if options and any(pattern.startswith("decisions.options") for pattern in lost):
            blocks.append("**Alternatives considered**:\n\n" + "\n".join(options))
        decisions.append(
            evolve(decision, context="\n\n".join(blocks), choice="", rationale="", options=())
            if len(blocks) > (1 if decision.context else 0)
            else decision
        )
    return evolve(plan, decisions=tuple(decisions))


def _labeled_text(value: Any) -> str:
    if isinstance(value, tuple):
        return "\n".join(f"- **{item.label}:** {item.value}" if item.label else f"- {item.value}" for item in value)
    return str(value)


def _sections_to(target: str, keys: Sequence[tuple[str, str]]) -> Writer:
    """The source's sections for ``keys`` (key, label), as written, under their labels in ``target``. The
    keys after the first only where the target's template lists their labels there (Spec Kit rapid's Data
    Model bullets): elsewhere (Kiro's Data Models) an API or a data flow is no part of the field's text, and
    is carried as its author's section."""

    def write(plan: Plan, lost: frozenset[str], source: Origin) -> Plan:
        sample = _get(source.target.template_plan, target) if source.target is not None else ""
        listed = isinstance(sample, str) and all(label.casefold() in sample.casefold() for _, label in keys)
        # Bullets written already (those that did not come home in a format without them, SmartSpec's Data
        # Model holding the API contracts after the data flows came home) take the others beside them.
        written = dict(_bullet_parts(_get(plan, target))) if listed else {}
        if not is_empty(_get(plan, target)) and not written:
            return plan
        blocks = []
        for key, label in keys if listed else keys[:1]:
            if label in written:
                blocks.append(f"- {label}:\n\n{written[label]}")
                continue
            # The field's patterns as the rows' walk holds them: not a walk of the whole plan per key.
            mine = set(_under_key(source.walk.parts(plan), key))
            if not mine or not mine <= lost:
                continue
            node = source.node(key)
            # The source template's samples the author left (SmartSpec's Request/Response Examples beside
            # a carried section) are no part of it: carried, they read as the author's in every later cycle.
            # Nor are the sections of the other keys' fields inside it (maestro's ``### 3.3 Data Flow`` under
            # ``## 3. Data Model``), each written under its own label or carried as its own.
            others = _apart(source, node, key, [k for k, _ in keys]) if node is not None else []
            content = _without_samples(node, source.fmt, others, key) if node is not None else ""
            if not content:
                continue
            blocks.append(f"- {label}:\n\n" + _indent(_bold_headings(content)))
            plan = _without_sections_in(_clear_under(plan, key, lost), key, content)
        return _set(plan, target, "\n\n".join(blocks)) if blocks else plan

    return write


def _without_sections_in(plan: Plan, key: str, content: str) -> Plan:
    """``plan`` less its own sections that stood inside field ``key``'s section and are in ``content``, that
    section's text as written into the target: carried as well, they would stand twice (maestro's ``### 4.2
    Tauri Commands`` inside the API contracts bullet and again as a section of its own)."""

    # Compared as written there, headings bold: a section set to stand as a top one has its headings shifted.
    written = _bold_headings(content)

    def inside(section: Section) -> bool:
        if not _under(section.after, key):
            return False
        body = _bold_headings(_tight(section.body.strip("\n")))
        return (not section.level or f"**{section.heading}**" in written.split("\n")) and body in written

    sections = tuple(s for s in plan.extra_sections if not inside(s))
    return plan if len(sections) == len(plan.extra_sections) else evolve(plan, extra_sections=sections)


def _indent(text: str) -> str:
    return "\n".join(("  " + line) if line.strip() else "" for line in text.split("\n"))


def _clear_under(plan: Plan, key: str, lost: Collection[str]) -> Plan:
    """``plan`` without the content of field ``key`` that the target does not hold."""
    value = _get(plan, key)
    if attrs.has(type(value)):
        for f in attrs.fields(type(value)):
            if f.eq:
                plan = _clear_under(plan, f"{key}.{f.name}", lost)
        return plan
    if any(_under(pattern, key) for pattern in lost):
        return _cleared(plan, key)
    return plan


def _same(source: str, target: str, how: str) -> Move:
    """A row moving one field's text unchanged into another field of the same meaning."""
    return Move((source,), target, _text(source, target), how)


def _part_section(
    key: str, heading: str, render: Callable[[Plan], str], places: Sequence[str], notes: str = ""
) -> Writer:
    """A row's writer for a part of a Spec Kit feature folder (spec.md, research.md, data-model.md,
    contracts/): the content of field ``key`` the target does not hold, carried as a section ``heading``
    written as its file writes it (``render``), after the first of ``places`` the target's writer names,
    with the folder's carried files under ``notes`` (a folder, ``contracts/``) placed after ``key``.
    Only for a plan with no source text (a folder's, read file by file): a single file's sections are
    carried as their author wrote them (``HOMES``)."""

    def write(plan: Plan, lost: frozenset[str], source: Origin) -> Plan:
        if not source.folder or not any(_under(pattern, key) for pattern in lost):
            return plan
        if source.target is not None and _holds(source.target, key):
            return plan  # the target has the field's place (a Kiro design.md's Data Models)
        own = _as_its_file_heads_it(plan, key, source)
        title, body = own if own is not None else (heading, render(plan).strip("\n"))
        if not body:
            return plan
        top = _top_heading(body)
        if 0 < top <= 2:
            # The file's own sections (data-model.md's ``## Entities``) go under the section it becomes.
            body = shift_headings(body, 3 - top)
        named = _place_keys(source.target) if source.target is not None else frozenset()
        # The folder's files on the part's (contracts/README.md) go with it: where the target places nothing
        # after the field, they would stand after whatever section is last.
        mine = (
            tuple(s for s in plan.extra_sections if s.after == key and s.level == 2 and s.heading.startswith(notes))
            if notes and key not in named
            else ()
        )
        if mine:
            body = "\n\n".join([body, *(f"### {s.heading}\n\n{s.body.strip(chr(10))}" for s in mine)])
            plan = evolve(plan, extra_sections=tuple(s for s in plan.extra_sections if s not in mine))
        after = next((place for place in places if place in named), "")
        plan = _cleared(plan, key)
        section = Section(heading=title, level=2, body=body, after=after)
        return evolve(plan, extra_sections=(*plan.extra_sections, section))

    return write


def _as_its_file_heads_it(plan: Plan, key: str, source: Origin) -> tuple[str, str] | None:
    """The heading and text of the section the folder's file holding field ``key`` writes it under, as that
    file's writer writes it alone (OpenSpec design.md's ``## Decisions`` with its ``### Decision:`` titles);
    ``None`` when no file of the folder heads it with a section of its own (Spec Kit's research.md is it)."""
    read = source.plan.source
    if not isinstance(read, Source):
        return None
    for part in read.parts:
        fmt = FORMATS.get(part.format) or PART_FORMATS.get(part.format)
        titles = _own_titles(fmt).get(key) if fmt is not None and _holds(fmt, key) else None
        if fmt is None or not titles:
            continue
        alone = Plan(**{key: getattr(plan, key)})
        node = next((node for node in outline(fmt.emit(alone)).walk() if node.key in titles), None)
        if node is not None:
            return node.title, node.content.strip("\n")
    return None


def _spec_section(plan: Plan, lost: frozenset[str], source: Origin) -> Plan:
    """A row's writer: spec.md's part of a folder's plan (the requirements, the success criteria where the
    target has no field for them, and spec.md's own sections: Edge Cases, Key Entities, Assumptions...) as
    one section ``Requirements``, spec.md's text under its title with each heading a level deeper; after the
    target's summary. Only for a plan read file by file, as ``_part_section``."""
    from ._formats.speckit_spec import SPECKIT_SPEC, is_spec_place

    # A key the target holds a part of (Kiro's requirements) stays, for the target's own shape.
    keys = [
        key
        for key in ("requirements", "success_metrics")
        if any(_under(pattern, key) for pattern in lost) and not (source.target and _holds(source.target, key))
    ]
    if not source.folder or not keys:
        return plan
    named = _place_keys(source.target) if source.target is not None else frozenset()
    if "requirements" in keys:
        # Written as spec.md writes them: what spec.md has no field for goes where spec.md's rows put it.
        spec = evolve(source, target=SPECKIT_SPEC)
        parts = frozenset(
            path for path in ("requirements.capability", "requirements.change") if not _holds(SPECKIT_SPEC, path)
        )
        plan = _criteria_shaped(_requirement_parts_to_notes(plan, parts, spec), lost, spec)
    # spec.md's sections, but those the target's writer places itself (SpecPulse's after its success metrics).
    own = tuple(s for s in plan.extra_sections if is_spec_place(s.after) and s.after not in named)
    part = evolve(Plan(extra_sections=own), **{key: _get(plan, key) for key in keys})
    # Under the target's heading, in the target's words: the Spec Kit template's annotations are no part of them.
    text = SPECKIT_SPEC.unannotated(SPECKIT_SPEC.emit(part))
    # Less the rule spec.md writes after its last story, to set it apart from the next section: ending
    # the section, it is no text of it, and every reader drops it there (read back, the section would
    # differ, and be carried again in the appendix: trial s13 T1).
    body = unruled(shift_headings(text.split("\n", 1)[1] if text.startswith("# ") else text, 1).strip("\n"))
    for key in keys:
        plan = _cleared(plan, key)
    after = next((place for place in _FRONT_PLACES if place in named), "")
    section = Section(heading="Requirements", level=2, body=body, after=after)
    kept = tuple(s for s in plan.extra_sections if s not in own)
    return evolve(plan, extra_sections=(*kept, section))


# An acceptance criterion's shapes: OpenSpec's ``- **WHEN** …`` / ``- **THEN** …`` lines, Spec Kit's
# ``**Given** …, **When** …, **Then** …`` (after an optional ``**US1-AS1**:`` label), an EARS sentence
# ``WHEN … THEN the system SHALL …`` (Kiro). Each is read into its clauses and written in the target's shape,
# which is the shape of the criterion in the target's blank template.
_CLAUSE = re.compile(r"^[ \t]*[-*+][ \t]+\*\*(GIVEN|WHEN|WHILE|WHERE|IF|THEN|AND)\*\*:?[ \t]*(.*)$", re.IGNORECASE)
_GWT = re.compile(r"\*\*(Given|When|Then|And|If)\*\*[ \t]*")
_LABEL = re.compile(r"^\*\*(?P<name>[^*\n]+)\*\*:[ \t]*")
_EARS = re.compile(r"^(WHEN|WHILE|WHERE|IF)[ \t]+(.+?)[ \t]+THEN[ \t]+(.+)$", re.DOTALL)
_EARS_WORD = re.compile(r"[ \t]+(WHEN|WHILE|WHERE|IF|THEN|AND)[ \t]+")
_RULE_AFTER = re.compile(r"\n[ \t]*\n[ \t]*(?:-{3,}|\*{3,}|_{3,})[ \t]*\Z")
# A line opening a block of its own (a list item, a heading, a fence, a quote): no line of a wrapped paragraph.
_BLOCK_START = re.compile(r"^[ \t]*(?:[-*+][ \t]|\d+[.)][ \t]|#|```|~~~|>)")
_AS_CONDITION = {"GIVEN": "WHILE", "WHILE": "WHILE", "WHERE": "WHERE", "WHEN": "WHEN", "IF": "IF"}
_AS_STEP = {"WHILE": "GIVEN", "WHERE": "GIVEN", "IF": "WHEN"}
# In a Given/When/Then sentence an EARS ``IF`` (unwanted behaviour: a condition, no event) stays ``**If**``:
# ``**When**`` would make it an event, and it reads back as ``IF`` (trial 12 #11).
_AS_GWT_STEP = {**_AS_STEP, "IF": "IF"}


def _criterion_shape(text: str) -> tuple[str, str, list[tuple[str, str]]] | None:
    """``text``'s shape (``bullets``, ``gwt``, ``ears``), its label before the clauses (Spec Kit's
    ``**US1-AS1**: ``) and its clauses ``(KEYWORD, text)``; ``None`` for text in none of them."""
    body = text.strip()
    found = _LABEL.match(body)
    label = found.group(0).strip() + " " if found is not None else ""
    body = body[found.end() :].lstrip() if found is not None else body
    lines = [line for line in body.split("\n") if line.strip()]
    matches = [_CLAUSE.match(line) for line in lines]
    if lines and all(matches):
        return "bullets", label, [(m.group(1).upper(), m.group(2).strip()) for m in matches if m is not None]
    if "\n" in body and all(_GWT.match(line) for line in lines):
        # One clause a line (``**Given** …  `` with a hard break): the same clauses.
        body = " ".join(line.strip() for line in lines)
    elif "\n" in body and _GWT.match(body) and "" not in body.split("\n") and not any(map(_BLOCK_START.match, lines)):
        # One paragraph wrapped over its lines (a Spec Kit scenario at 100 columns): the same clauses.
        body = " ".join(line.strip() for line in lines)
    if "\n" in body:
        return None
    parts = _GWT.split(body)
    if len(parts) >= 5 and not parts[0].strip():
        clauses = [
            (word.upper(), part.strip().rstrip(",\uff0c\u3001").strip())
            for word, part in zip(parts[1::2], parts[2::2], strict=False)
        ]
        return "gwt", label, clauses
    if _EARS.match(body) is None:
        return None
    # ``WHEN a AND b THEN c AND d``: a clause a keyword.
    parts = _EARS_WORD.split(" " + body)
    return "ears", label, [(word, text.strip()) for word, text in zip(parts[1::2], parts[2::2], strict=False)]


def _criterion_in(shape: str, label: str, clauses: list[tuple[str, str]]) -> str:
    """``clauses`` written in ``shape``."""
    if shape == "bullets":
        lines = [f"- **{_AS_STEP.get(word, word)}** {text}" for word, text in clauses]
        return "\n".join([label.strip(), *lines] if label else lines)
    if shape == "gwt":
        return label + ", ".join(f"**{_AS_GWT_STEP.get(word, word).capitalize()}** {text}" for word, text in clauses)
    words = []
    for index, (word, text) in enumerate(clauses):
        then = any(earlier == "THEN" for earlier, _ in clauses[:index])
        word = word if word in ("THEN", "AND") or then else _AS_CONDITION.get(word, word)
        words.append(f"{'AND' if word == 'THEN' and then else word} {text}")
    return label + " ".join(words)


def _criteria_shaped(plan: Plan, lost: frozenset[str], source: Origin) -> Plan:
    """Each requirement's criteria written in the shape of the target's (``_criterion_shape``), numbered by
    their place where the target numbers criteria and they have no numbers (OpenSpec's scenarios in Kiro)."""
    target = source.target
    samples = [c.text for r in target.template_plan.requirements for c in r.criteria] if target is not None else []
    wanted = _criterion_shape(samples[0]) if samples else None
    if target is None or wanted is None:
        return plan
    numbered = _holds(target, "requirements.criteria.id")
    # A scenario's name is the criterion's label where the target names none (Kiro), and back.
    named = _holds(target, "requirements.criteria.title")
    requirements = []
    for requirement in plan.requirements:
        criteria = []
        unnumbered = numbered and not any(criterion.id for criterion in requirement.criteria)
        # The names ``scenario_titles`` gives them: such a name says no more than the clauses, its label aside.
        derived = _scenario_names(requirement.criteria)
        for number, criterion in enumerate(requirement.criteria, start=1):
            # A rule closing the criterion (between an OpenSpec spec's requirements) is layout: it stays last
            # where the target writes criteria as blocks; in a list item (Kiro's, Spec Kit's) it would stand
            # indented inside the last criterion, and those lists' requirements are apart by their headings.
            rule = _RULE_AFTER.search(criterion.text)
            if rule is not None and wanted[0] != "bullets":
                criterion = evolve(criterion, text=criterion.text[: rule.start()])
                rule = None
            found = _criterion_shape(criterion.text[: rule.start()] if rule else criterion.text)
            if found is not None and found[0] != wanted[0]:
                _, label, clauses = found
                title = criterion.title
                # A name ``scenario_titles`` gave says no more than the clauses: its label stays, as a label (a
                # place number, as older conversions wrote, is the list's).
                given = derived[number - 1]
                lead = title[: -len(given) - 1].strip() if given and title.endswith(" " + given) else ""
                if title and not named and title == given:
                    title = ""
                elif title and not named and not label and lead and " " not in lead:
                    label, title = ("" if lead == str(number) else f"**{lead}**: "), ""
                elif title and not named:
                    label, title = f"**{title}**: {label}", ""
                elif named and not title and label:
                    title, label = label.strip().strip("*:").strip("*"), ""
                text = _criterion_in(wanted[0], label, clauses) + (rule.group(0) if rule else "")
                criterion = evolve(criterion, text=text, title=title)
            criteria.append(evolve(criterion, id=str(number)) if unnumbered else criterion)
        requirements.append(evolve(requirement, criteria=tuple(criteria)))
    return evolve(plan, requirements=tuple(requirements))


def _scenario_name(text: str, taken: Collection[str]) -> str:
    """What a criterion is about, as a scenario's name (OpenSpec's ``#### Scenario: Empty todo is
    rejected``): of its clauses (``_criterion_shape``), its action (When, If), else its situation (Given,
    While), else its outcome, the first of at least three words not in ``taken``; else its first words.
    """
    found = _criterion_shape(text)
    if found is None:
        plain = re.sub(r"[*_`]+", "", text.strip().split("\n", 1)[0])
        return short_name(_LABEL.sub("", plain) if _LABEL.match(text.strip()) else plain)
    clauses = found[2]
    order = [("WHEN", "IF"), ("GIVEN", "WHILE", "WHERE"), ("THEN",)]
    names = [short_name(text) for words in order for word, text in clauses if word in words and text]
    return next((name for name in names if _names_it(name) and name not in taken), names[0] if names else "")


# Words a clause opening with them names nothing on its own (``they submit``: who is in another clause).
_PRONOUNS = frozenset("they it he she we you i this that".split())


def _names_it(name: str) -> bool:
    """Whether ``name`` says what it names: some words (of a script written with spaces), not opening
    with a pronoun."""
    words = name.split()
    spaced = len(words) >= 3 or (not name.isascii() and len(name) >= 4)
    return spaced and words[0].casefold() not in _PRONOUNS


def _scenario_label(text: str) -> str:
    """The label before a criterion's clauses (Spec Kit's ``US1-AS1`` of ``**US1-AS1**: **Given** …``)."""
    found = _LABEL.match(text.strip())
    return found.group("name").strip() if found is not None and _criterion_shape(text) is not None else ""


def scenario_titles(criteria: Sequence[Criterion]) -> tuple[Criterion, ...]:
    """``criteria`` with a name each where they have none, as a person names OpenSpec's scenarios: what each
    is about (``_scenario_names``), after its own label as a requirement's ID leads its name (Spec Kit's
    ``US1-AS1``, then out of its text), not after its number (Kiro's ``1``, a Spec Kit list's): that is its
    place, which names nothing (and ``plancore check`` links ``_Requirements: 1.2_`` by it); its number alone
    only when nothing else names it. Never bold, never a clause cut from another's keyword.

    >>> gwt = Criterion(id="1", text="**US1-AS1**: **Given** a list, **When** the user adds a todo, **Then** it shows")
    >>> [(c.title, c.text) for c in scenario_titles((gwt,))]
    [('US1-AS1 User adds a todo', '**Given** a list, **When** the user adds a todo, **Then** it shows')]
    """
    named: list[Criterion] = []
    for number, (criterion, name) in enumerate(zip(criteria, _scenario_names(criteria), strict=True), start=1):
        if criterion.title:
            named.append(criterion)
            continue
        label = _scenario_label(criterion.text)
        text = _LABEL.sub("", criterion.text.strip(), count=1) if label else criterion.text
        title = f"{label} {name}".strip() or criterion.id or str(number)
        named.append(evolve(criterion, id="", title=title, text=text))
    return tuple(named)


def _scenario_names(criteria: Sequence[Criterion]) -> list[str]:
    """The name ``_scenario_name`` gives each of ``criteria`` (its label aside), one a sibling has already
    told apart by its situation or outcome, else by its number: OpenSpec names a requirement's scenarios apart."""
    names: list[str] = []
    for number, criterion in enumerate(criteria, start=1):
        text = _LABEL.sub("", criterion.text.strip(), count=1) if _scenario_label(criterion.text) else criterion.text
        name = _scenario_name(text, names)
        names.append(name if name not in names else f"{name} ({number})")
    return names


def shaped_criteria(plan: Plan, target: Format) -> Plan:
    """``plan`` with its requirements' acceptance criteria in ``target``'s shape (``_criteria_shaped``), for a
    folder writer that writes a part without a conversion (a new spec.md).

    >>> from plancore import Criterion, Requirement
    >>> from plancore._formats.speckit_spec import SPECKIT_SPEC
    >>> ears = Criterion(id="1", text="WHEN a user asks THEN the system SHALL answer")
    >>> plan = Plan(requirements=(Requirement(id="1", criteria=(ears,)),))
    >>> shaped_criteria(plan, SPECKIT_SPEC).requirements[0].criteria[0].text
    '**When** a user asks, **Then** the system SHALL answer'
    """
    origin = Origin(text="", fmt=target, plan=plan, target=target, folder=True)
    return _criteria_shaped(plan, frozenset(), origin)


def _requirement_parts_to_notes(plan: Plan, lost: frozenset[str], _: Origin) -> Plan:
    """Each requirement's statement, and the capability and change of a spec delta, the target lacks, in its
    notes: the statement first, as written, then ``**Capability**: `name` (modified)``."""
    requirements = []
    for requirement in plan.requirements:
        blocks = []
        text = requirement.text if "requirements.text" in lost else ""
        capability = requirement.capability if "requirements.capability" in lost else ""
        change = requirement.change if "requirements.change" in lost else ""
        if text:
            blocks.append(text)
        if requirement.notes:
            blocks.append(requirement.notes)
        if capability:
            blocks.append(f"**Capability**: `{capability}`" + (f" ({change})" if change else ""))
        elif change:
            blocks.append(f"**Change**: {change}")
        if not (text or capability or change):
            requirements.append(requirement)
            continue
        requirements.append(
            evolve(
                requirement,
                notes="\n\n".join(blocks),
                text="" if text else requirement.text,
                capability="" if capability else requirement.capability,
                change="" if change else requirement.change,
            )
        )
    return evolve(plan, requirements=tuple(requirements))


def folded_spec(plan: Plan) -> Plan:
    """``plan`` with the section a folder's spec.md became in a single file (``_spec_section``) read back as
    its requirements, success criteria and spec.md's sections, for a feature folder to write spec.md from;
    ``plan`` itself when it has requirements, or no such section holds any.

    >>> from plancore import Plan, Section
    >>> body = "### Requirements\\n\\n#### Functional Requirements\\n\\n- **FR-001**: System MUST log in"
    >>> folded_spec(Plan(extra_sections=(Section(heading="Requirements", body=body),))).requirements[0].id
    'FR-001'
    """
    from ._formats.speckit_spec import SPECKIT_SPEC

    if plan.requirements:
        return plan
    for index, section in enumerate(plan.extra_sections):
        if section.heading != "Requirements" or section.level != 2:
            continue
        spec = SPECKIT_SPEC.read("# Feature Specification\n\n" + shift_headings(section.body, -1) + "\n")
        if not spec.requirements:
            continue
        others = plan.extra_sections[:index] + plan.extra_sections[index + 1 :]
        return evolve(
            plan,
            requirements=spec.requirements,
            success_metrics=plan.success_metrics or spec.success_metrics,
            extra_sections=(*others, *spec.extra_sections),
        )
    return plan


def _data_model_text(plan: Plan, entities: bool, level: int = 2) -> str:
    """data-model.md's text of ``plan`` (its overview, and its entities if ``entities``) as data-model.md
    writes it, without its title, its sections a level deeper than ``level``: a level-``level`` section's body."""
    from ._formats.speckit_data_model import render_data_model

    model = DataModel(overview=plan.data_model.overview, entities=plan.data_model.entities if entities else ())
    text = render_data_model("", model)
    text = text.split("\n", 1)[1] if text.startswith("# Data Model\n") else text
    # Its shallowest heading (an own title: prompt-studio's ``# Phase 1: 数据模型设计``) one below the section.
    levels = [len(match.group(1)) for match in re.finditer(r"^(#{1,6})[ \t]", text, re.M)]
    return shift_headings(text, level + 1 - min(levels, default=level + 1)).strip("\n")


def _data_model_part(into_overview: bool) -> Writer:
    """A row's writer: data-model.md's part of a folder's plan where a single-file target has no field for it:
    its entities (if the target holds none) and overview, as data-model.md writes them (``_data_model_text``),
    in the target's data model text (``into_overview``: the Spec Kit rapid format's, maestro's) or as a section
    ``Data Model`` after its design. Only for a plan read file by file, as ``_part_section``;
    ``folded_data_model`` reads it back."""

    def write(plan: Plan, lost: frozenset[str], source: Origin) -> Plan:
        target = source.target
        if not source.folder or target is None or _holds(target, "data_model.overview") != into_overview:
            return plan
        return _data_model_moved(plan, target)

    return write


def _data_model_moved(plan: Plan, target: Format) -> Plan:
    moved = not _holds(target, "data_model.entities.name") and bool(plan.data_model.entities)
    overview = plan.data_model.overview
    headed = any(re.match(r"#{1,6}[ \t]", line) for line in overview.split("\n"))
    if not moved and not (overview and (headed or not _holds(target, "data_model.overview"))):
        return plan
    model = evolve(plan.data_model, overview="", entities=() if moved else plan.data_model.entities)
    if _holds(target, "data_model.overview"):
        # Under a section of the field's own (Kiro's Data Models), its headings as high as that section's:
        # ``_headed_values`` writes them as the target reads them; else a level below the data model's.
        own = _level(target, "data_model.overview")
        level = own - 1 if own else _level(target, "data_model") or 2
        return evolve(plan, data_model=evolve(model, overview=_data_model_text(plan, moved, level)))
    body = _data_model_text(plan, moved)
    named = _place_keys(target)
    # Beside the target's database schema (SmartSpec's migrations), else after its design.
    after = next((place for place in ("data_model.migrations", *_DESIGN_PLACES) if place in named), "")
    section = Section(heading="Data Model", level=2, body=body, after=after)
    return evolve(plan, data_model=model, extra_sections=(*plan.extra_sections, section))


# An entity's parts that data-model.md writes and a target holding entities may not: its block's free text.
_ENTITY_TEXT = ("description", "fields", "details")


def _entity_text(plan: Plan, lost: frozenset[str], source: Origin) -> Plan:
    """A row's writer: an entity's description, fields and details (data-model.md's) that a target holding
    entities (maestro) has no field for, as data-model.md writes them, as text in the entity's block (a
    section of level 0 after it, as maestro keeps an entity's unlabelled text). Only for a plan read file by
    file, as ``_part_section``; ``folded_data_model`` reads it back."""
    from ._formats.speckit_data_model import render_entity

    if not source.folder or source.target is None or not _holds(source.target, "data_model.entities.name"):
        return plan
    entities = list(plan.data_model.entities)
    sections = list(plan.extra_sections)
    for index, entity in enumerate(entities):
        parts = {name: getattr(entity, name) for name in _ENTITY_TEXT if f"data_model.entities.{name}" in lost}
        if not any(parts.values()):
            continue
        text = render_entity(Entity(name=entity.name, **parts)).split("\n", 1)[1].strip("\n")
        sections.append(Section(heading="", level=0, body=text, after=f"data_model.entities.{index}"))
        entities[index] = evolve(entity, **dict.fromkeys(parts, ""))
    model = evolve(plan.data_model, entities=tuple(entities))
    return evolve(plan, data_model=model, extra_sections=tuple(sections))


def _entity_texts_folded(plan: Plan) -> Plan:
    """``plan`` with the entity text ``_entity_text`` wrote read back into its entities' fields."""
    from ._formats.speckit_data_model import read_data_model

    entities = list(plan.data_model.entities)
    kept = []
    for section in plan.extra_sections:
        index = re.fullmatch(r"data_model\.entities\.(\d+)", section.after) if section.level == 0 else None
        entity = entities[int(index.group(1))] if index and int(index.group(1)) < len(entities) else None
        if entity is None or any(getattr(entity, name) for name in _ENTITY_TEXT):
            kept.append(section)
            continue
        read = read_data_model(f"## Entity: {entity.name}\n\n{section.body}\n").entities
        if len(read) != 1:
            kept.append(section)
            continue
        entities[int(index.group(1))] = evolve(  # type: ignore[union-attr]
            entity, **{name: getattr(read[0].entity, name) for name in _ENTITY_TEXT}
        )
    model = evolve(plan.data_model, entities=tuple(entities))
    return evolve(plan, data_model=model, extra_sections=tuple(kept))


# The titles of a single file's section that is a folder's data-model.md (Kiro's Data Models, ``_data_model_part``'s).
_DATA_MODEL_TITLES = {normalize_title("Data Model"), normalize_title("Data Models")}


def chosen_apart(plan: Plan) -> Plan:
    """``plan`` with its decisions as Spec Kit's research.md has them, where its format lists the option chosen
    among those considered (SmartSpec's ``Options Considered``, maestro's): research.md's ``Alternatives
    considered`` are the options not chosen, so the chosen one is not among them, its notes after the choice
    (``Database row — revocable, one extra query``). A plan of no such format (a Spec Kit folder's, one built in
    Python) as it is.

    >>> from plancore import Decision, Option
    >>> from plancore._model import Source
    >>> options = (Option(name="JWT", notes="stateless"), Option(name="Row", notes="revocable"))
    >>> source = Source(format="smartspec", text="", plan=Plan())
    >>> plan = Plan(decisions=(Decision(options=options, choice="Row"),), source=source)
    >>> decision = chosen_apart(plan).decisions[0]
    >>> decision.choice, [option.name for option in decision.options]
    ('Row — revocable', ['JWT'])
    """
    fmt = FORMATS.get(plan.source.format) if plan.source is not None else None
    if fmt is None or not _holds(fmt, "decisions.options.name") or not _holds(fmt, "decisions.choice"):
        return plan
    decisions = []
    for decision in plan.decisions:
        key = decision.choice.strip().casefold()
        chosen = [option for option in decision.options if option.name.strip().casefold() == key]
        if not key or not chosen:
            decisions.append(decision)
            continue
        notes = next((option.notes for option in chosen if option.notes), "")
        choice = f"{decision.choice} — {notes}" if notes else decision.choice
        others = tuple(option for option in decision.options if option not in chosen)
        decisions.append(evolve(decision, choice=choice, options=others))
    return evolve(plan, decisions=tuple(decisions))


def _chosen_among_options(plan: Plan, lost: frozenset[str], source: Origin) -> Plan:
    """A folder's decisions (Spec Kit's research.md: its Alternatives considered the options not chosen, the
    chosen one's notes after the choice, as ``chosen_apart`` writes them) in a target that lists the option
    chosen among the options considered (SmartSpec's Options Considered): the choice listed last, its notes
    there where the target holds an option's notes. A decision without alternatives as it is."""
    target = source.target
    if not source.folder or target is None or not _holds(target, "decisions.options.name"):
        return plan
    split = _holds(target, "decisions.options.notes")
    decisions = []
    for decision in plan.decisions:
        name, dash, notes = decision.choice.partition(" — ") if split else (decision.choice, "", "")
        names = {option.name.strip().casefold() for option in decision.options}
        if not decision.options or not name.strip() or name.strip().casefold() in names:
            decisions.append(decision)
            continue
        chosen = Option(name=name, notes=notes if dash else "")
        decisions.append(evolve(decision, choice=name, options=(*decision.options, chosen)))
    return evolve(plan, decisions=tuple(decisions))


def folded_data_model(plan: Plan) -> Plan:
    r"""``plan`` with data-model.md's part read back from where a single file carries it, for a feature folder
    to write data-model.md from: its entities' text from the blocks ``_entity_text`` wrote after them (maestro's);
    else the data model's sub-sections (Kiro's Data Models, SmartSpec's Database Schema: sections placed after
    ``data_model.overview`` or ``data_model``, the text before them after ``data_model.intro``) after its
    text, for a plan without a data model text a top section ``Data Model(s)`` (one
    ``_data_model_part`` writes, or an author's), or a data model text holding sections below the data
    model's (``_data_model_part``'s in maestro), their headings as data-model.md's own. That text is read as
    data-model.md (its entities and text) where it reads back as written (data-model.md's own shape), else
    kept as the data model's text as written. ``plan`` itself when it carries none of these.

    >>> from plancore import Plan, Section
    >>> body = "### Entities\n\n#### Todo\n\n**Fields**:\n\n| Field | Type |\n|---|---|\n| id | UUID |"
    >>> folded = folded_data_model(Plan(extra_sections=(Section(heading="Data Model", body=body),)))
    >>> folded.data_model.entities[0].name, folded.extra_sections
    ('Todo', ())
    """
    from ._formats.speckit_data_model import read_data_model

    if plan.data_model.entities:
        return _entity_texts_folded(plan)
    model = plan.data_model
    # Under the data model's own heading: SmartSpec's Database Schema reads its text and sub-sections so.
    below = [
        s
        for s in plan.extra_sections
        if (s.level > 2 and s.after in ("data_model.overview", "data_model"))
        or (s.level == 0 and s.after == "data_model.intro")
    ]
    named = [
        s
        for s in plan.extra_sections
        if s.level == 2 and normalize_title(s.heading) in _DATA_MODEL_TITLES and s.body.strip()
    ]
    levels = [len(m.group(1)) for m in re.finditer(r"^(#{1,6})[ \t]", model.overview, re.M)]
    taken: list[Section] = []
    if below:
        taken = below
        parts = [f"{'#' * s.level} {s.heading}\n\n{s.body}".rstrip("\n") if s.level else s.body for s in below]
        text = "\n\n".join([*([model.overview] if model.overview else []), *(shift_headings(p, -1) for p in parts)])
    elif len(named) == 1 and not model.overview:
        taken = named
        text = shift_headings(named[0].body, -1)
    elif levels and min(levels) >= 3:
        text = shift_headings(model.overview, 2 - min(levels))
    else:
        return plan
    read = read_data_model("# Data Model\n\n" + text.strip("\n") + "\n").model
    # Read as data-model.md only where data-model.md writes it so: an author's text stays as written.
    shaped = Plan(data_model=DataModel(overview=read.overview, entities=read.entities))
    if not read.entities or _data_model_text(shaped, True, 1) != _data_model_text(
        Plan(data_model=DataModel(overview=text)), True, 1
    ):
        read = DataModel(overview=text.strip("\n"))
    others = tuple(s for s in plan.extra_sections if not any(s is t for t in taken))
    folded = evolve(model, overview=read.overview, entities=read.entities)
    return evolve(plan, data_model=folded, extra_sections=others)


def _decisions_text(plan: Plan) -> str:
    from ._formats.speckit_research import render_decision

    return "\n\n".join(render_decision(decision, 3) for decision in plan.decisions)


def _contracts_text(plan: Plan) -> str:
    parts = []
    for example in plan.api.examples:
        part = [f"### {example.name}" if example.name else "### Example"]
        for label, code in (("Request", example.request), ("Response", example.response)):
            if code:
                # Its own language (a JSON plan's example), else its file's (contracts/openapi.yaml).
                language = example.language or (example.name.rsplit(".", 1)[-1] if "." in example.name else "")
                fence = "`" * max([3, *(len(run) + 1 for run in re.findall(r"`{3,}", code))])
                part.append(
                    ("" if label == "Request" and not example.response else f"{label}:\n\n")
                    + f"{fence}{language}\n{code}\n{fence}"
                )
        parts.append("\n\n".join(part))
    return "\n\n".join(parts)


# Where a folder part's section goes in a single file: after the summary (what the feature is), else after the title.
_FRONT_PLACES = ("summary", "specification", "metadata", "testing.strategy", "")
_DESIGN_PLACES = (
    "architecture",
    "architecture.intro",
    "architecture.tech_stack",
    "testing.strategy",
    "summary",
    "metadata",
    "",
)


def _phase_parts(phase: Phase) -> Phase | None:
    """``phase`` with the goal, tasks and deliverables that ``_phase_to_prose``
    wrote as its description back in their fields (the description cleared),
    or ``None`` when the description is not that writing of them. A split is
    taken only if writing it again gives the description back."""
    text = phase.description
    if not text:
        return None
    lost = frozenset({"phases.goal", "phases.tasks.text", "phases.deliverables.text"})

    def written(goal: str, tasks: Sequence[Task], deliverables: Sequence[Task]) -> Phase | None:
        parts = Phase(goal=goal, tasks=tuple(tasks), deliverables=tuple(deliverables))
        again = _phase_to_prose(Plan(phases=(parts,)), lost, None)  # type: ignore[arg-type]
        if again.phases[0].description != text:
            return None
        # A part the phase has of its own stays its own: the description is then no writing of it.
        if (goal and phase.goal) or (tasks and phase.tasks) or (deliverables and phase.deliverables):
            return None
        return evolve(
            phase,
            description="",
            goal=goal or phase.goal,
            tasks=tuple(tasks) or phase.tasks,
            deliverables=tuple(deliverables) or phase.deliverables,
        )

    def items(part: str, line: bool) -> list[Task]:
        if line:
            return [Task(text=item) for item in part.split("; ")]
        marks = [re.fullmatch(r"- \[([ x])\] (.*)", row) for row in part.split("\n")]
        return [Task(text=m.group(2), done=m.group(1) == "x") for m in marks if m is not None]

    line = "\n" not in text
    pieces = text.split(". " if line else "\n\n")
    # Its parts in the writer's order: a goal, the tasks, the deliverables, each possibly absent.
    for first in range(len(pieces) + 1):
        for second in range(first, len(pieces) + 1):
            goal_part = (". " if line else "\n\n").join(pieces[:first])
            tasks_part = (". " if line else "\n\n").join(pieces[first:second])
            rest_part = (". " if line else "\n\n").join(pieces[second:])
            if goal_part and not goal_part.startswith("Goal: "):
                continue
            label = "Deliverables: " if line else "Deliverables\n\n"
            if rest_part and not rest_part.startswith(label):
                continue
            found = written(
                goal_part[len("Goal: ") :],
                items(tasks_part, line) if tasks_part else [],
                items(rest_part[len(label) :], line) if rest_part else [],
            )
            if found is not None:
                return found
    return None


def _prose_to_phase(plan: Plan, lost: frozenset[str], _: Origin) -> Plan:
    """A phase's description that is its goal, tasks and deliverables written
    as prose (by ``_phase_to_prose``, for a format without them) back in
    those fields, for a target that holds them and not the description."""
    phases = []
    for phase in plan.phases:
        parted = _phase_parts(phase)
        phases.append(parted if parted is not None else phase)
    return evolve(plan, phases=tuple(phases))


def _own_steps_to_tasks(plan: Plan, lost: frozenset[str], _: Origin) -> Plan:
    """A phase's tasks that were made a step titled by the phase (``_tasks_to_steps``,
    for a format with steps) back as the phase's tasks, beside a description of its
    own, which ``_steps_to_tasks`` keeps from adding to."""
    phases = []
    for phase in plan.phases:
        own = all(
            not step.notes and not step.files and step.title in (*_OWN_STEP_TITLES[:2], phase.name)
            for step in phase.steps
        )
        if not phase.steps or phase.tasks or not phase.description or not own:
            phases.append(phase)
            continue
        tasks = tuple(task for step in phase.steps for task in step.tasks)
        phases.append(evolve(phase, tasks=tasks, steps=()))
    return evolve(plan, phases=tuple(phases))


def _labeled_parts(text: str, labels: Collection[str]) -> list[tuple[str, str]] | None:
    """The ``(label, text)`` blocks of ``text`` as ``_parts_to`` writes them
    (``**Label**``, a blank line, the text; blocks a blank line apart), or
    ``None`` when ``text`` is not such a writing with these labels."""
    starts = [match for match in re.finditer(r"(?:^|\n\n)\*\*([^*\n]+)\*\*\n\n", text) if match.group(1) in labels]
    if not starts or starts[0].start() != 0:
        return None
    parts = [
        (match.group(1), text[match.end() : starts[at + 1].start() if at + 1 < len(starts) else len(text)])
        for at, match in enumerate(starts)
    ]
    written = "\n\n".join(f"**{label}**\n\n{part}" for label, part in parts)
    return parts if written == text and all(part for _, part in parts) else None


def _unlabeled(text: str, like: Any) -> Any:
    """``text`` as ``_labeled_text`` wrote a value of the type of ``like`` (``None`` when it is not)."""
    if not isinstance(like, tuple):
        return text
    items = []
    for line in text.split("\n"):
        match = re.fullmatch(r"- (?:\*\*(.+?):\*\* )?(.*)", line)
        if match is None:
            return None
        items.append(Labeled(label=match.group(1) or "", value=match.group(2)))
    value = tuple(items)
    return value if _labeled_text(value) == text else None


def _part_back(source: str, path: str, label: str, labels: Sequence[str]) -> Move:
    """A row taking the part ``label`` of ``source`` (written by ``_parts_to``
    with ``labels``, for a target without the part's field) back into its
    field ``path``, for a target that holds it and not ``source``."""

    def write(plan: Plan, lost: frozenset[str], _: Origin) -> Plan:
        parts = _labeled_parts(_get(plan, source), labels)
        mine = [part for name, part in parts or [] if name == label]
        if len(mine) != 1 or not is_empty(_get(plan, path)):
            return plan
        value = _unlabeled(mine[0], _get(plan, path))
        if value is None:
            return plan
        left = "\n\n".join(f"**{name}**\n\n{part}" for name, part in parts or [] if name != label)
        return _set(_set(plan, path, value), source, left)

    return Move((source,), path, write, f"the part labeled {label} of {source}, back in its field")


def _e2e_after_integration(plan: Plan, lost: frozenset[str], _: Origin) -> Plan:
    """The end-to-end tests, for a target with integration tests and none of its own (aadt), as a section of
    their own after the integration tests' (a labeled part of the strategy would stand above the unit tests)."""
    e2e = plan.testing.e2e
    if not e2e:
        return plan
    # Under the author's heading for them where the plan has one (``7.3 End-to-End Tests``, a translation).
    own = next((h for h in plan.headings if h.label == "testing.e2e"), None)
    heading = own.value if own is not None else "End-to-End Tests"
    headings = tuple(h for h in plan.headings if h is not own)
    section = Section(heading=heading, level=3, body=e2e, after="testing.integration")
    # After the integration tests' own subsections (deeper headings), before the author's sections beside them.
    at = next(
        (i for i, s in enumerate(plan.extra_sections) if s.after == "testing.integration" and 0 < s.level <= 3), None
    )
    sections = plan.extra_sections
    sections = (*sections, section) if at is None else (*sections[:at], section, *sections[at:])
    return evolve(plan, testing=evolve(plan.testing, e2e=""), extra_sections=sections, headings=headings)


_TESTING_PARTS = (
    ("testing.unit", "Unit tests"),
    ("testing.integration", "Integration tests"),
    ("testing.e2e", "End-to-end tests"),
    ("testing.manual", "Manual testing"),
    ("testing.test_data", "Test data"),
)
_DEPLOYMENT_PARTS = (
    ("rollout.strategy", "Rollout strategy"),
    ("feature_flags", "Feature flags"),
    ("rollout.monitoring", "Monitoring"),
)


# A stack label of a target's template answered from the components' technology (by component, as
# ``_technology_to_stack`` writes it) and the plan's dependencies, for a source without a stack: what it takes.
_STORES = "stores"
_OTHERS = "others"
# ``Testing``: the kinds of tests the plan's testing strategy holds (Spec Kit's label names its tools; a plan
# naming none still answers what it tests, beside its Testing Strategy carried in the text).
_TESTS = "tests"
STACK_LABELS: tuple[tuple[str, str], ...] = (
    ("Storage", _STORES),
    ("Primary Dependencies", _OTHERS),
    ("Testing", _TESTS),
)
# The testing parts a ``Testing`` answer names, in the order of the phrase.
_TEST_KINDS = (("unit", "unit"), ("integration", "integration"), ("e2e", "end-to-end"), ("manual", "manual"))
# Technologies that are data stores (read case-insensitively, as a technology's first word).
DATA_STORES = frozenset(
    name.casefold()
    for name in (
        "PostgreSQL", "Postgres", "MySQL", "MariaDB", "SQLite", "Oracle", "MSSQL", "MongoDB", "Redis",
        "DynamoDB", "Cassandra", "Elasticsearch", "OpenSearch", "CouchDB", "Neo4j", "Firestore", "S3",
    )
)  # fmt: skip
_TECH_PARTS = re.compile(r"\s*(?:\+|,|/|\band\b)\s*")


def _stack_answers(plan: Plan) -> dict[str, str]:
    """Each kind of ``STACK_LABELS``' answer from ``plan``'s stack entries named by its components and
    its dependencies: the data stores, and the other technologies and dependencies, each once, in order;
    and the kinds of tests its testing strategy holds."""
    names = {c.name for c in plan.architecture.components if c.name}
    found: dict[str, dict[str, str]] = {_STORES: {}, _OTHERS: {}}
    entries = [entry.value for entry in plan.architecture.tech_stack if entry.label in names]
    # A component without an entry (its technology summed up only, ``_stack_labels``) keeps its own.
    labels = {entry.label for entry in plan.architecture.tech_stack}
    entries += [c.technology for c in plan.architecture.components if c.technology and c.name not in labels]
    parts = [part for value in entries for part in _TECH_PARTS.split(value.strip()) if part]
    for part in [*parts, *(d.name for d in plan.dependencies if d.name), *plan.internal_dependencies]:
        kind = _STORES if part.split()[0].casefold() in DATA_STORES else _OTHERS
        found[kind].setdefault(part.casefold(), part)
    answers = {kind: ", ".join(values.values()) for kind, values in found.items()}
    kinds = [word for name, word in _TEST_KINDS if getattr(plan.testing, name).strip()]
    phrase = ", ".join(kinds[:-1]) + " and " + kinds[-1] if len(kinds) > 1 else "".join(kinds)
    answers[_TESTS] = f"{phrase[:1].upper()}{phrase[1:]} tests" if phrase else ""
    return answers


def _stack_labels(plan: Plan, lost: frozenset[str], source: Origin) -> Plan:
    # Beside the plan's technologies, `Storage: NEEDS CLARIFICATION` would say the plan does not name one.
    target = source.target
    if target is None or _holds(source.fmt, "architecture.tech_stack"):
        return plan
    kinds = dict(STACK_LABELS)
    have = {t.label.casefold() for t in plan.architecture.tech_stack}
    answers = _stack_answers(plan)
    # In the order of the target's template.
    added = tuple(
        Labeled(label=t.label, value=answers[kinds[t.label]])
        for t in target.template_plan.architecture.tech_stack
        if t.label in kinds and t.label.casefold() not in have and answers[kinds[t.label]]
    )
    if not added:
        return plan
    # A component's technology the labels sum up, and the author's text carried beside them says, is
    # said there: an entry of its own would repeat it.
    summed = {part.casefold() for t in added for part in _TECH_PARTS.split(t.value) if part}
    names = {c.name for c in plan.architecture.components if c.name}
    stack = tuple(
        t
        for t in plan.architecture.tech_stack
        if not (
            t.label in names
            and t.value in source.text
            and all(part.casefold() in summed for part in _TECH_PARTS.split(t.value.strip()) if part)
        )
    )
    architecture = evolve(plan.architecture, tech_stack=(*stack, *added))
    return evolve(plan, architecture=architecture)


# Stack labels that name the same thing, each group once (read case-insensitively): an author's entry under one
# answers the target template's label of its group (SpecPulse's `Database` is Spec Kit's `Storage`, and back).
STACK_SYNONYMS: tuple[frozenset[str], ...] = tuple(
    frozenset(label.casefold() for label in group)
    for group in (
        ("Language/Version", "Language", "Languages", "Runtime", "Language/Runtime", "Programming Language"),
        ("Storage", "Database", "Databases", "DB", "Persistence", "Data Store", "Datastore"),
        ("Testing", "Tests", "Test Framework", "Testing Framework"),
    )
)


def _stack_synonyms(plan: Plan, lost: frozenset[str], source: Origin) -> Plan:
    """The author's stack entries (a source with a stack of its own) under a synonym of a label of the target's
    template (``STACK_SYNONYMS``) under that label, the first of each group, when the plan has no entry of it:
    written under both, the template's would read as unanswered beside the author's answer."""
    target = source.target
    if target is None or not _holds(source.fmt, "architecture.tech_stack"):
        return plan
    stack = list(plan.architecture.tech_stack)
    have = {t.label.casefold() for t in stack}
    template = target.template_plan.architecture.tech_stack
    wanted = {group: t.label for t in template for group in STACK_SYNONYMS if t.label.casefold() in group}
    # A translated label (``stack_key``) answers its group as the author wrote it: an English synonym beside
    # it keeps its own label, as the translation keeps its own.
    keys = {stack_key(t.label) for t in stack} - have
    answered = {group for group in wanted if keys & group}
    for at, entry in enumerate(stack):
        group = next((group for group in wanted if entry.label.casefold() in group), None)
        if group is None or group in answered or wanted[group].casefold() in have or not entry.value:
            continue
        have.add(wanted[group].casefold())
        stack[at] = evolve(entry, label=wanted[group])
    if stack == list(plan.architecture.tech_stack):
        return plan
    return evolve(plan, architecture=evolve(plan.architecture, tech_stack=tuple(stack)))


def _without_stack_labels(plan: Plan, lost: frozenset[str], _: Origin) -> Plan:
    answers = _stack_answers(plan)
    kinds = dict(STACK_LABELS)
    stack = tuple(
        t for t in plan.architecture.tech_stack if not (t.label in kinds and t.value == answers[kinds[t.label]])
    )
    if stack == plan.architecture.tech_stack:
        return plan
    return evolve(plan, architecture=evolve(plan.architecture, tech_stack=stack))


def _stack_to_technology(plan: Plan, lost: frozenset[str], _: Origin) -> Plan:
    """A technology stack that is each component's technology by component
    (as ``_technology_to_stack`` writes it) back in the components' cells, for
    a target without a stack: only when every entry names a component whose
    technology is empty or the same."""
    components = list(plan.architecture.components)
    for entry in plan.architecture.tech_stack:
        at = next((at for at, c in enumerate(components) if c.name and c.name == entry.label), None)
        if at is None or components[at].technology not in ("", entry.value):
            return plan
        components[at] = evolve(components[at], technology=entry.value)
    architecture = evolve(plan.architecture, components=tuple(components), tech_stack=())
    return evolve(plan, architecture=architecture)


def _own_steps_to_parts(plan: Plan, lost: frozenset[str], source: Origin) -> Plan:
    """A phase's tasks and deliverables that were made steps (``_tasks_to_steps``:
    one titled by the phase, one ``Deliverables``) back as its tasks and
    deliverables, for a target that holds both."""
    # aadt holds a phase's deliverables beside its steps, not its tasks: there the steps stay steps.
    if source.target is None or not _holds(source.target, "phases.tasks"):
        return plan
    phases = []
    for phase in plan.phases:
        tasks = [s for s in phase.steps if s.title in (*_OWN_STEP_TITLES[:2], phase.name)]
        deliverables = [s for s in phase.steps if s.title == _OWN_STEP_TITLES[2]]
        own = len(tasks) <= 1 and len(deliverables) <= 1 and len(tasks) + len(deliverables) == len(phase.steps)
        # A part the phase has of its own is not added to.
        taken = (tasks and phase.tasks) or (deliverables and phase.deliverables)
        if not phase.steps or taken or not own or any(step.notes or step.files for step in phase.steps):
            phases.append(phase)
            continue
        phases.append(
            evolve(
                phase,
                tasks=tasks[0].tasks if tasks else phase.tasks,
                deliverables=deliverables[0].tasks if deliverables else phase.deliverables,
                steps=(),
            )
        )
    return evolve(plan, phases=tuple(phases))


def _note_steps_to_sections(plan: Plan, lost: frozenset[str], source: Origin) -> Plan:
    """A phase's last steps that hold only notes (a heading over text, no tasks: a maestro phase's own
    ``#### Code:`` subsection, which a tasks file reads as a task group) back as sections of that phase
    under the target's phase heading, for a target without steps that places sections in a phase: as
    task groups they became tasks, and the next cycle wrote them as tasks."""
    target = source.target
    if "phases.steps.title" not in lost or target is None or "phases." not in _place_keys(target):
        return plan
    container = _level(target, "phases")
    if not container:
        return plan
    sections = list(plan.extra_sections)
    phases = []
    for index, phase in enumerate(plan.phases):
        steps = list(phase.steps)
        notes: list[Step] = []
        while steps and steps[-1].notes and not steps[-1].tasks and not steps[-1].files:
            if steps[-1].title in (*_OWN_STEP_TITLES, phase.name):
                break
            notes.insert(0, steps.pop())
        if not notes:
            phases.append(phase)
            continue
        after = f"phases.{index}"
        at = next((i for i, s in enumerate(sections) if s.after == after), len(sections))
        sections[at:at] = [Section(heading=s.title, level=container + 2, body=s.notes, after=after) for s in notes]
        phases.append(evolve(phase, steps=tuple(steps)))
    return evolve(plan, phases=tuple(phases), extra_sections=tuple(sections))


def _deliverables_step_back(plan: Plan, lost: frozenset[str], _: Origin) -> Plan:
    """A phase's deliverables that were made a ``Deliverables`` step (``_tasks_to_steps``)
    back as its deliverables, for a target without steps: there they are written
    as the target writes a phase's deliverables (as its activities, where it has no
    deliverables), not as a step."""
    phases = []
    for phase in plan.phases:
        steps = phase.steps
        own = len(steps) == 1 and steps[0].title == _OWN_STEP_TITLES[2] and not steps[0].notes and not steps[0].files
        if not own or phase.deliverables:
            phases.append(phase)
            continue
        phases.append(evolve(phase, deliverables=steps[0].tasks, steps=()))
    return evolve(plan, phases=tuple(phases))


_ENDPOINT_DETAILS = (
    ("auth", "Auth"),
    ("input", "Input"),
    ("output", "Output"),
    ("errors", "Errors"),
    ("current_behavior", "Current behavior"),
    ("new_behavior", "New behavior"),
    ("breaking", "Breaking"),
)
_ENTITY_DETAILS = (
    ("change_type", "Change type"),
    ("current_fields", "Current fields"),
    ("new_fields", "New fields"),
    ("migration_notes", "Migration notes"),
    ("schema", "Schema"),
)


# The table -----------------------------------------------------------------

MOVES: tuple[Move, ...] = (
    _same("summary", "specification", "summary fills the Context fence"),
    _same("specification", "summary", "the specification is the summary"),
    _same("architecture.overview", "summary", "an overview is the summary where there is none (Kiro's Overview)"),
    _same("metadata.branch", "metadata.feature_id", "branch"),
    _same("metadata.feature_id", "metadata.branch", "feature id"),
    _same("metadata.issue_id", "metadata.feature_id", "issue"),
    Move(
        ("metadata.feature_id",),
        "metadata.issue_id",
        _naming_issue("metadata.feature_id"),
        "a feature id naming an issue",
    ),
    _same("metadata.issue_id", "metadata.branch", "issue id"),
    Move(("metadata.branch",), "metadata.issue_id", _naming_issue("metadata.branch"), "a branch naming an issue"),
    _same("metadata.feature_dir", "metadata.feature_id", "dir"),
    _same("metadata.updated", "metadata.created", "the plan's date"),
    _same("metadata.generated", "metadata.created", "date"),
    _same("metadata.created", "metadata.updated", "the plan's date, as its last update"),
    Move(
        ("metadata.created", "metadata.updated"),
        "metadata.generated",
        _date_to_generated,
        "the plan's date is the date it was generated on, where the target writes that date apart (SpecPulse)",
        held=True,
    ),
    Move(("phases.name",), "timeline", _phases_to_timeline, "the phases, by name, are the timeline's rows", held=True),
    Move(("timeline",), "phases", _timeline_of_phases, "a timeline that only names the phases is the phases"),
    Move(("metadata.generated",), "metadata.created", _generated_as_date, "a generation date that is the plan's date"),
    Move(("metadata.generated",), "metadata.updated", _generated_as_date, "a generation date that is the plan's date"),
    Move(
        ("phases.deliverables",),
        "phases.checkpoint",
        _deliverable_to_checkpoint,
        "a phase's one deliverable is its checkpoint: what can be checked once its tasks are done",
    ),
    Move(
        ("phases.description",),
        "phases.checkpoint",
        _text_to_checkpoint,
        "a phase's text closing with a `**Checkpoint**:` line: that line is its checkpoint",
        held=True,
    ),
    Move(
        ("phases.tasks",),
        "phases.name",
        _top_tasks_to_groups,
        "numbered top tasks are numbered groups: `## 1. Title` over its sub-tasks (itself as `1.1` without)",
        held=True,
    ),
    Move(("phases.tasks", "phases.deliverables"), "phases.steps", _tasks_to_steps, "a step of the phase, titled by it"),
    Move(
        ("phases.name",),
        "phases.tasks",
        _groups_to_top_tasks,
        "numbered groups are numbered top tasks: `- [ ] 1. Title`, its tasks after it or under it",
    ),
    Move(
        ("phases.steps",),
        "extra_sections",
        _note_steps_to_sections,
        "a phase's last steps holding only notes are sections of the phase, under its heading",
    ),
    Move(
        ("phases.steps",),
        "phases.deliverables",
        _own_steps_to_parts,
        "a step titled by its phase is its tasks, a Deliverables step its deliverables",
    ),
    Move(
        ("phases.steps",),
        "phases.tasks",
        _own_steps_to_tasks,
        "a step titled by its phase is the phase's tasks, beside its description",
    ),
    Move(
        ("phases.steps",),
        "phases.tasks",
        _steps_to_groups,
        "each task group a task of its phase: its title in bold over its tasks (sub-tasks where the target has them)",
    ),
    Move(("phases.tasks",), "phases.steps", _groups_to_steps, "a task in bold over its tasks is a group", held=True),
    Move(("phases.steps",), "phases.tasks", _steps_to_tasks, "the phase's tasks; files to file changes"),
    Move(
        ("phases.steps",),
        "phases.description",
        _deliverables_step_back,
        "a Deliverables step is the phase's deliverables, written as the target writes them",
    ),
    Move(("phases.steps",), "phases.description", _steps_to_prose, "the phase's activities, step by step"),
    Move(("phases.description",), "phases.steps", _prose_to_steps, "activities step by step are the steps", held=True),
    Move(
        ("phases.goal", "phases.tasks", "phases.deliverables"),
        "phases.description",
        _phase_to_prose,
        "the phase's activities: goal, tasks, deliverables",
    ),
    Move(
        ("phases.checkpoint",),
        "phases.deliverables",
        _checkpoint_to_deliverable,
        "a phase's checkpoint is its deliverable: what can be demonstrated once its tasks are done",
    ),
    Move(
        ("phases.checkpoint",),
        "phases.description",
        _checkpoint_to_text,
        "a phase's checkpoint: a line of its text, `**Checkpoint**:` as Spec Kit writes it",
    ),
    Move(
        ("phases.description",),
        "phases.deliverables",
        _prose_to_phase,
        "activities written as a goal, tasks and deliverables, back in those fields",
    ),
    Move(
        ("phases.description",),
        "phases.estimate",
        _description_to_phase_facts,
        "a phase's text opening with `**Duration:** 1 week` lines: those facts, in their fields",
        held=True,
    ),
    Move(
        ("phases.description",),
        "phases.tasks",
        _activities_to_tasks,
        "a phase's activities are its tasks where phases are task lists, one task an activity",
        held=True,
    ),
    Move(
        ("phases.tasks",),
        "phases.description",
        _tasks_to_activities,
        "a phase's plain tasks from a task list are its activities where phases have activities",
        held=True,
    ),
    Move(("phases.description",), "phases.tasks", _description_to_tasks, "the activities are the phase's task"),
    Move(
        ("phases.tasks.text",),
        "phases.tasks.text",
        _ids_as_list_numbers,
        "a task's ID that is the number a target numbering its list gives it: that number, not twice",
        held=True,
    ),
    Move(
        ("phases.tasks.text",),
        "phases.tasks.body",
        _task_lines_to_body,
        "a task's lines after its first are its body where tasks carry one",
        held=True,
    ),
    Move(
        ("phases.tasks.body",),
        "phases.tasks.text",
        _body_to_task_lines,
        "a task's body as lines under it where tasks carry none: its details where a person puts them",
    ),
    Move(
        ("phases.steps.tasks.body",),
        "phases.steps.tasks.text",
        _body_to_task_lines,
        "a step's task's body as lines under it where tasks carry none",
    ),
    Move(
        ("phases.description",),
        "extra_sections",
        _description_in_phase,
        "a phase's text beside its tasks: the author's text in the phase, after its list",
    ),
    Move(
        ("architecture.components.technology",),
        "architecture.tech_stack",
        _technology_to_stack,
        "each component's technology, by component",
    ),
    Move(
        ("architecture.tech_stack",),
        "architecture.tech_stack",
        _stack_synonyms,
        "the author's stack entry under the target template's label of the same meaning (Database: Storage)",
        held=True,
    ),
    Move(
        ("architecture.tech_stack", "testing"),
        "architecture.tech_stack",
        _stack_labels,
        "the target's stack labels the plan's technologies answer: Storage its data stores, Primary Dependencies"
        " the rest and its dependencies, Testing the kinds of tests its testing strategy holds",
        held=True,
    ),
    Move(
        tuple(
            f"architecture.components.{name}"
            for name in ("location", "dependencies", "dependents", "current", "change", "risk")
        ),
        "architecture.components.notes",
        _item_parts_to(
            "architecture.components",
            "notes",
            (
                ("location", "Location"),
                ("dependencies", "Depends on"),
                ("dependents", "Used by"),
                ("current", "Current"),
                ("change", "Change"),
                ("risk", "Risk"),
            ),
        ),
        "a component's details, labeled, in its notes",
    ),
    Move(
        tuple(
            f"architecture.components.{name}"
            for name in ("location", "dependencies", "dependents", "current", "change", "risk")
        ),
        "architecture.components.responsibility",
        _item_parts_to(
            "architecture.components",
            "responsibility",
            (
                ("location", "Location"),
                ("dependencies", "Depends on"),
                ("dependents", "Used by"),
                ("current", "Current"),
                ("change", "Change"),
                ("risk", "Risk"),
            ),
        ),
        "a component's details, labeled, as its description where it has none",
    ),
    Move(
        tuple(
            f"architecture.components.{name}"
            for name in ("technology", "location", "dependencies", "dependents", "current", "change", "risk", "notes")
        ),
        "architecture.components",
        _component_details,
        "a component's other details, labeled, under its name after the components",
        held=True,
    ),
    Move(
        ("data_model", "api", "architecture.data_flow"),
        "data_model.overview",
        _sections_to(
            "data_model.overview",
            (
                ("data_model", "Database schema changes"),
                ("api", "API contracts"),
                ("architecture.data_flow", "Data flows"),
            ),
        ),
        "the Data Model bullets",
    ),
    Move(
        ("api.endpoints.method", "api.endpoints.path", *(f"api.endpoints.{name}" for name, _ in _ENDPOINT_DETAILS)),
        "api.endpoints",
        _item_details("api.endpoints", _ENDPOINT_DETAILS, "api.endpoints"),
        "an endpoint's details, labeled, under its method and path after the endpoints",
    ),
    Move(
        ("testing.e2e",),
        "testing.integration",
        _e2e_after_integration,
        "a subsection of their own after the integration tests (unit, integration, end-to-end, manual)",
    ),
    Move(
        ("testing",),
        "testing.strategy",
        _parts_to(
            "testing.strategy",
            (
                ("testing.unit", "Unit tests"),
                ("testing.integration", "Integration tests"),
                ("testing.e2e", "End-to-end tests"),
                ("testing.manual", "Manual testing"),
                ("testing.test_data", "Test data"),
            ),
        ),
        "the parts, labeled",
    ),
    Move(
        ("decisions.options",),
        "decisions.options",
        _chosen_among_options,
        "research.md's choice among the options considered, where the target lists it there (SmartSpec's)",
        held=True,
    ),
    Move(
        ("decisions.choice", "decisions.rationale", "decisions.options"),
        "decisions.context",
        _decision_parts_to_context,
        "a decision's choice, rationale and alternatives, labelled, in its text (OpenSpec's design.md)",
    ),
    Move(
        ("decisions.context", "decisions.options.notes"),
        "decisions.title",
        _decision_details,
        "a decision's context and options with their notes, under its title after the decisions",
    ),
    Move(
        ("rollout", "feature_flags"),
        "deployment",
        _parts_to(
            "deployment",
            (
                ("rollout.strategy", "Rollout strategy"),
                ("feature_flags", "Feature flags"),
                ("rollout.monitoring", "Monitoring"),
            ),
        ),
        "rollout, flags and monitoring, labeled",
    ),
    Move(
        ("requirements.text", "requirements.capability", "requirements.change"),
        "requirements.notes",
        _requirement_parts_to_notes,
        "a requirement's statement, capability and change, in its notes (OpenSpec's in Kiro)",
    ),
    Move(
        ("requirements.criteria.text", "requirements.criteria.title"),
        "requirements.criteria.text",
        _criteria_shaped,
        "an acceptance criterion in the target's shape: EARS, WHEN/THEN lines or Given/When/Then",
        held=True,
    ),
    # A Spec Kit feature folder's parts, where a single-file target has no field for them.
    Move(
        ("requirements", "success_metrics"),
        "extra_sections",
        _spec_section,
        "spec.md's user stories, requirements, success criteria and sections, as spec.md writes them",
    ),
    Move(
        ("decisions",),
        "extra_sections",
        _part_section("decisions", "Research Decisions", _decisions_text, _DESIGN_PLACES),
        "research.md's decisions, as research.md writes them",
    ),
    Move(
        ("data_model.overview", "data_model.entities"),
        "extra_sections",
        _data_model_part(into_overview=False),
        "data-model.md's text and entities, as data-model.md writes them, after the design",
    ),
    Move(
        ("data_model.overview", "data_model.entities"),
        "data_model.overview",
        _data_model_part(into_overview=True),
        "data-model.md's text and entities, as data-model.md writes them, in the data model's text",
        held=True,
    ),
    Move(
        tuple(f"data_model.entities.{name}" for name in _ENTITY_TEXT),
        "extra_sections",
        _entity_text,
        "an entity's description, fields and details, as data-model.md writes them, in its block",
    ),
    # After data-model.md's rows: a folder's entities go as data-model.md writes them, and come back.
    Move(
        ("data_model.entities.name", *(f"data_model.entities.{name}" for name, _ in _ENTITY_DETAILS)),
        "data_model.schema",
        _item_details("data_model.entities", _ENTITY_DETAILS, "data_model.intro"),
        "an entity's schema and fields, under its name before the schema",
    ),
    Move(
        ("data_model.entities.name", *(f"data_model.entities.{name}" for name, _ in _ENTITY_DETAILS)),
        "data_model.migration_commands",
        _item_details("data_model.entities", _ENTITY_DETAILS, "architecture.components", "Data Model"),
        "an entity's schema and fields, under its name in a Data Model subsection of the architecture",
    ),
    Move(
        ("api.examples",),
        "extra_sections",
        _part_section("api.examples", "API Contracts", _contracts_text, _DESIGN_PLACES, "contracts/"),
        "the files of contracts/, each under its path",
    ),
    Move(
        ("architecture.tech_stack",),
        "architecture.components",
        _without_stack_labels,
        "stack labels that only sum up the components' technology and the dependencies",
    ),
    Move(
        ("architecture.tech_stack",),
        "architecture.components.technology",
        _stack_to_technology,
        "a stack by component is the components' technology",
    ),
    *(
        _part_back(source, path, label, [name for _, name in parts])
        for source, parts in (("testing.strategy", _TESTING_PARTS), ("deployment", _DEPLOYMENT_PARTS))
        for path, label in parts
    ),
    Move(
        ("phases.estimate", "phases.priority", "phases.dependencies"),
        "phases.description",
        _phase_facts_to_description,
        "a folder's phase facts: `**Duration:** 1-2 hours` lines above its text, as Kiro's task blocks write them",
    ),
)

# A format without change types lists what the plan makes: its components,
# endpoints and entities are new ones (not "Modified", and no ``New/Modified`` cell).
DEFAULTS: tuple[Default, ...] = (
    Default("architecture.components", "change_type", "New", "a component of a plan without change types is new"),
    Default("api.endpoints", "change_type", "New", "an endpoint of a plan without change types is new"),
    Default("data_model.entities", "change_type", "New", "an entity of a plan without change types is new"),
    Default(
        "decisions",
        "title",
        lambda decision: _decision_title(decision.choice),
        "a decision without a title (Spec Kit's `**Decision**:` line) is named by its choice's first clause",
    ),
)

# Where a list's items go that stand as the source's top sections with no section of the target's before them
# (a tasks file's phases into Spec Kit's plan.md: after its last section, where its template's phases stood
# (``Phase 0``, ``Phase 1``), and before the tasks file's sections that follow them).
ITEM_HOMES: tuple[tuple[str, tuple[str, ...]], ...] = (("phases", ("complexity",)),)

HOMES: tuple[Home, ...] = (
    # After the architecture's own section where the target has one (Kiro's ``## Architecture``, after its
    # Overview, as Kiro's template orders them: its Components and Interfaces follow the Architecture).
    Home(
        "decisions",
        ("decisions", "architecture.interactions", "architecture.overview", "architecture.tech_stack"),
        "decision subsections",
    ),
    Home("api", ("data_model.overview", "architecture.data_flow", "architecture.overview")),
    Home("data_model", ("data_model.overview", "architecture.data_flow", "architecture.overview")),
    Home("architecture.components", ("architecture.interactions", "architecture.overview", "architecture.tech_stack")),
    # Where the architecture has a section of its own and no stack (Kiro's design.md): the stack is a part
    # of it, as Kiro's own designs write a ``### Technology Stack`` under ``## Architecture``.
    Home(
        "architecture.tech_stack",
        ("architecture.interactions",),
        "the stack under the architecture, as its subsection",
        within=True,
    ),
    Home("architecture.data_flow", ("architecture.overview", "architecture.tech_stack")),
    Home("architecture.interactions", ("architecture.overview", "architecture.tech_stack", "summary")),
    Home("architecture.overview", ("summary", "specification", "metadata")),
    Home("summary", ("metadata", "")),
    # A change's intent (OpenSpec's proposal) is read next to the plan's summary, where its reader starts;
    # in a design without a summary (Kiro's design.md, whose requirements.md has it), after the design's own.
    Home("intent.why", ("summary", "specification", "testing.strategy")),
    Home("intent.what_changes", ("summary", "specification", "testing.strategy")),
    Home("intent.capabilities", ("summary", "specification", "testing.strategy")),
    Home("intent.impact", ("summary", "specification", "testing.strategy")),
    # A design's risks where the target has none (Kiro's design.md): after its own sections.
    Home("risks", ("testing.strategy",)),
    Home("data_model.schema", ("data_model.migration_commands", "data_model.overview", "data_model")),
    Home("file_structure", ("file_changes", "phases")),
    Home("file_changes", ("file_structure", "phases")),
    Home("testing", ("phases", "testing.strategy")),
    Home("rollback", ("deployment", "rollout.monitoring", "risks")),
    Home("deployment", ("rollback", "rollout.monitoring", "phases")),
)


def _holds(fmt: Format, key: str) -> bool:
    return _holds_in(fmt.holds, key)


@functools.lru_cache(maxsize=4096)
def _holds_in(holds: frozenset[str], key: str) -> bool:
    # Asked of the same few keys and formats in every conversion (a format holds some hundred patterns):
    # looked up among the keys its patterns are under, made once a format, not tried against each pattern.
    return key in _keys_held(holds)


@functools.lru_cache(maxsize=64)
def _held_moves(holds: frozenset[str]) -> tuple[Move, ...]:
    """The rows of ``MOVES`` into a field that a format holding ``holds`` holds: the others move nothing there,
    whatever the plan (``_moved`` asked each row of each conversion)."""
    return tuple(move for move in MOVES if _holds_in(holds, move.target))


@functools.lru_cache(maxsize=64)
def _keys_held(holds: frozenset[str]) -> frozenset[str]:
    """The keys some pattern of ``holds`` is under (``_under``): the patterns and their dotted prefixes."""
    return frozenset(key for pattern in holds for key in _keys_over(pattern))


@functools.lru_cache(maxsize=4096)
def _keys_over(pattern: str) -> frozenset[str]:
    """The keys ``pattern`` is under (``_under``): itself and each of its dotted prefixes."""
    parts = pattern.split(".")
    return frozenset(".".join(parts[:end]) for end in range(1, len(parts) + 1))


def _patterns(plan: Plan) -> set[str]:
    return _patterns_of(dict(leaves(plan)))


# A plan's parts that are no field's content: its own sections, headings and labels.
_BOOKKEEPING = frozenset({"extra_sections", "headings", "labels"})
_TOP = re.compile(r"[.\[]")


def _patterns_of(flat: dict[str, Any]) -> set[str]:
    """The field patterns (no indices) of a plan's leaves ``flat`` (``leaves``),
    its own sections, headings and labels left out."""
    return {_INDEX.sub("", path) for path in flat if _TOP.split(path, 1)[0] not in _BOOKKEEPING}


def _place_keys(target: Format) -> frozenset[str]:
    def derive() -> frozenset[str]:
        text = writer_source(target.name)
        return frozenset(_PLACED.findall(text))

    return derived("place keys", target.name, derive)


def places_after(target: Format, after: str) -> bool:
    """Whether ``target``'s writer places a section after ``after`` (a key, ``data_model.entities.2``
    an item's: after the item, or after its list where the writer places none by item), not at its end.

    >>> from plancore._registry import FORMATS
    >>> places_after(FORMATS["maestro"], "data_model.entities.2")
    True
    >>> places_after(FORMATS["speckit-github"], "data_model.intro")
    False
    """
    key, _, index = after.rpartition(".")
    placeable = _place_keys(target)
    return after in placeable or (index.isdigit() and (key in placeable or f"{key}." in placeable))


def _keeps_subsections(target: Format, key: str) -> bool:
    """Whether the target's reader keeps a subsection of its section for ``key`` as a section of its
    own: under a section read whole as its field's text (maestro's Component Interactions), a section
    placed within it would read back as part of that field."""

    def derive() -> dict[str, bool]:
        found = {}
        # Only where a section is carried within another's (``Home.within``).
        for label in {after for home in HOMES if home.within for after in home.after}:
            level = _level(target, label)
            if not 0 < level < 6:
                continue
            title = next(h.value for h in own_headings(target) if h.label == label)
            probe = Section(heading=title, level=level, body=f"x\n\n{'#' * (level + 1)} Probe\n\ny")
            read = _read_as(target, label, probe)
            found[label] = read is not None and any(s.heading == "Probe" for s in read[0].extra_sections)
        return found

    return derived("subsections kept", target.name, derive).get(key, False)


def _level(target: Format, key: str) -> int:
    """The heading level of the target's section for ``key`` (0 when it has none)."""
    found = _template_sections(target).get(key)
    return found[2] if found is not None else 0


def crosswalk(
    plan: Plan, source: Format, target: Format, text: str, *, folder: bool = False
) -> tuple[Plan, tuple[Placement, ...]]:
    """``plan`` (read from ``text`` in ``source``) reshaped for ``target`` by
    ``MOVES`` and ``HOMES``, and where each moved field went. ``folder``: the plan is a
    folder's, ``text`` one of its files (``""`` for none) in its part format ``source``.

    Raises nothing of its own; a plan the rows do not apply to comes back as it is.

    >>> from plancore import parse
    >>> from plancore._registry import get_format
    >>> plan = parse("# Implementation Plan: X\\n\\n## Executive Summary\\n\\nWhy.\\n", "smartspec")
    >>> crosswalk(plan, get_format("smartspec"), get_format("speckit"), "")[0].specification
    'Why.'
    """
    context = Origin(text=normalize_newlines(text), fmt=source, plan=plan, target=target, folder=folder)
    placements: list[Placement] = []
    shaped = _named(plan, context)
    shaped = _without_template_copies(shaped, context)
    shaped = _trailing_at_end(shaped, context)
    shaped = _folder_extras_after(shaped, target)
    shaped = _empty_headed(shaped, context, target)
    shaped = _reanchored(shaped, context, target)
    shaped = _in_phases(shaped, target)
    # Before the homecomings: items coming home from a carried section or appendix are in
    # the target's own shape, a field left empty there is its author's.
    for default in DEFAULTS:
        path = f"{default.items}.{default.field}"
        # A target that writes an unsaid value as the default (maestro's "New" subsection) reads it
        # back unsaid: there, as in a target without the field, the default is implied.
        implied_here = not callable(default.value) and default.value.casefold() == _unsaid(target, default)
        if path in target.holds and not implied_here:
            shaped = _defaulted(shaped, default, target)
        elif path in source.holds:
            shaped, implied = _undefaulted(shaped, default)
            placements += implied
    shaped, detailed = _item_details_home(shaped, target)
    placements += detailed
    shaped = _groups_opened(shaped, target)
    shaped, homecoming = _filled_by_sections(shaped, target)
    placements += homecoming
    # The own sections of phases that came home with them stand under the target's phase heading too.
    shaped = _in_phases(shaped, target)
    shaped, opened = _clashes_opened(shaped, target)
    placements += opened
    shaped, returned = _appendix_home(shaped, target)
    placements += returned
    shaped, unbulleted = _bullets_home(shaped, target)
    placements += unbulleted
    shaped, detailed = _details_home(shaped, target, source)
    placements += detailed
    shaped, detailed = _decision_details_home(shaped, target)
    placements += detailed
    shaped, moved = _moved(shaped, context)
    placements += moved
    shaped = _appendix_headings_home(shaped, target)
    shaped = _headed_values(_below_title(shaped), target)
    shaped, carried = _carry(shaped, context, target) if target.carries_sections else (shaped, [])
    placements += carried
    shaped, placements = _language_with_schema(plan, shaped, placements)
    # The author's heading of a carried section is carried with it.
    titles = {placement.field for placement in carried}
    headings = tuple(
        h for h in shaped.headings if h.value not in titles and _unnumbered(h.value, source, h.label) == h.value
    )
    return _with(shaped, headings=headings), tuple(placements)


_SECTION_NUMBER = re.compile(r"^(\d+(?:\.\d+)*)(\.?)[ \t]+(?=\S)")


def _unnumbered(title: str, fmt: Format, label: str | None = None) -> str:
    """``title`` without its number when it is ``fmt``'s own heading (for ``label``, when given) numbered
    as its template numbers it, whatever the number (maestro's ``7. Testing Strategy`` in a plan whose
    template has one more section before it, its ``6. Testing Strategy``): the number is the source
    template's, no part of the author's heading; in another format it would stand as the author's. Else
    ``title`` as it is."""
    match = _SECTION_NUMBER.match(title)
    if match is None:
        return title
    shape = (match.group(1).count("."), match.group(2))
    rest = title[match.end() :]
    for heading in own_headings(fmt):
        theirs = _SECTION_NUMBER.match(heading.value)
        if (
            theirs is not None
            and (label is None or heading.label == label)
            and heading.value[theirs.end() :] == rest
            and (theirs.group(1).count("."), theirs.group(2)) == shape
        ):
            return rest
    return title


def _unnumbered_within(text: str, fmt: Format) -> str:
    """``text`` (a section carried from ``fmt``) with its subsections headed by ``fmt``'s own numbered headings
    (maestro's ``2.1 New Components``) without the template's numbers, as its own heading is (``_unnumbered``)."""
    if "#" not in text:
        return text
    template = _template_titles(fmt)

    def bare(line: str) -> str:
        heading = _HEADING_MARKS.match(line)
        if heading is None:
            return line
        title = heading.group(2).strip()
        # Its blank template's group headings too (``4.1 New Endpoints/Methods``), as they stand there.
        plain = _SECTION_NUMBER.sub("", title) if title in template else _unnumbered(title, fmt)
        return f"{heading.group(1)} {plain}" if plain and plain != title else line

    return outside_fences(text, bare)


def _own_unnumbered(heading: Labeled, target: Format) -> bool:
    """Whether ``heading`` is ``target``'s own numbered heading of its field without the number (maestro's
    ``6.1 Unit Tests`` carried through a format as ``Unit Tests``, ``_unnumbered_within``): the template's,
    which the target numbers again."""
    return any(
        own.label == heading.label
        and own.value != heading.value
        and _SECTION_NUMBER.sub("", own.value) == heading.value
        for own in own_headings(target)
    )


def _template_titles(fmt: Format) -> frozenset[str]:
    """The titles of the headings of ``fmt``'s blank template, as written there."""
    return derived(
        "template titles", fmt.name, lambda: frozenset(node.title for node in outline(fmt.blank_text).walk())
    )


def _language_with_schema(plan: Plan, shaped: Plan, placements: list[Placement]) -> tuple[Plan, list[Placement]]:
    """``shaped`` (``plan`` reshaped, its fields gone to ``placements``) without its schema's language when the
    schema went: a schema carried as a section takes its fence, language and all, with it."""
    if not (plan.data_model.schema and not shaped.data_model.schema and shaped.data_model.schema_language):
        return shaped, placements
    shaped = evolve(shaped, data_model=evolve(shaped.data_model, schema_language=""))
    moved = [
        evolve(placement, path="data_model.schema_language")
        for placement in placements
        if placement.path == "data_model.schema"
    ]
    return shaped, [*placements, *moved]


def _moved(plan: Plan, context: Origin) -> tuple[Plan, list[Placement]]:
    """``plan`` through ``MOVES`` for ``context.target``, and where each moved field went."""
    target = context.target
    assert target is not None
    placements: list[Placement] = []
    walk = context.walk
    parts = walk.parts(plan)
    taken: dict[str, list[Placement]] = {}
    for move in _held_moves(target.holds):
        lost = frozenset(p for key in move.source for p in _under_key(parts, key) if move.held or p not in target.holds)
        if not lost:
            continue
        written = move.write(plan, lost, context)
        if written is plan:
            # The row took nothing (its fields stay where they are): no placements, leaves as they were.
            continue
        plan = written
        old, parts = parts, walk.parts(plan)
        # Only the fields the row rewrote can differ: the others' leaves are as they were.
        before: dict[str, Any] = {}
        after: dict[str, Any] = {}
        for name, part in parts.items():
            if part is not old[name]:
                before.update(old[name].leaves)
                after.update(part.leaves)
        # A move may take an item whole (a step with its tasks): whatever left its place went with it.
        into = _into(before, after)
        for path in before:
            if path not in after:
                placements += [*taken.pop(path, []), Placement(path, move.target, into.get(path, ()))]
            elif after[path] != before[path] and _INDEX.sub("", path) in lost:
                # A part of it taken (the unit tests of a testing strategy), the rest left to other rows:
                # where this part went is a home of it too, once the rest has gone.
                made = tuple(
                    q for q, v in after.items() if before.get(q) != v and _under(_INDEX.sub("", q), move.target)
                )
                taken.setdefault(path, []).append(Placement(path, move.target, made))
    return plan, placements


def home_format(paths: Iterable[str], *, besides: Format | None = None) -> Format:
    """The file format (other than ``besides``) holding most of ``paths`` (a plan's fields, indexed or not):
    the one a plan without text of its own (from JSON, built in Python) is shown in, as its author would
    have written it there.

    >>> home_format(["decisions[0].title", "api.endpoints[0].path"]).name
    'smartspec'
    """
    bare = [_INDEX.sub("", path) for path in paths]
    formats = [fmt for fmt in FORMATS.values() if fmt is not besides]
    return max(formats, key=lambda fmt: sum(path in fmt.holds for path in bare))


def crosswalk_built(plan: Plan, target: Format) -> tuple[Plan, tuple[Placement, ...]]:
    """``plan``, built in Python or read from JSON (no source format, no text), reshaped for ``target`` by
    the ``MOVES`` rows, as any plan is, and where each moved field went. Where a row, or ``HOMES``, carries
    a field's section as its author wrote it, the plan has no author's text: the section is read from the
    plan written in the file format holding most of its fields (that format's heading and shape); a folder
    part's row writes its field as its file writes it (research.md's decisions). What has no place is reported.

    Raises nothing of its own; a plan the rows do not apply to comes back as it is.

    >>> from plancore import Phase, Plan, Subtask, Task
    >>> from plancore._formats.openspec import OPENSPEC_TASKS
    >>> top = Task(text="1. Build the form", subtasks=(Subtask(text="1.1 Add fields"),))
    >>> crosswalk_built(Plan(phases=(Phase(tasks=(top,)),)), OPENSPEC_TASKS)[0].phases[0].name
    'Build the form'
    """
    content = [path for path, value in leaves(plan) if not is_empty(value)]
    home = home_format(content)
    # A row that carries a field's section as written reads it as the file format holding most of the plan writes it.
    text = home.emit(plan) if home is not target and content else ""
    context = Origin(text=text, fmt=home if text else target, plan=plan, target=target, folder=True)
    shaped, placements = _moved(plan, context)
    if text and target.carries_sections:
        shaped, carried = _carry(shaped, context, target)
        shaped, placements = _language_with_schema(plan, shaped, [*placements, *carried])
    return shaped, tuple(placements)


def _item(path: str) -> str:
    """The item ``path`` is a field of (``phases[0].tasks[1]`` for ``phases[0].tasks[1].done``), or ``""``."""
    return path[: path.rfind("]") + 1]


def _common(a: list[str], b: list[str]) -> int:
    """How many first items ``a`` and ``b`` have in common."""
    return next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))


def _into(before: dict[str, Any], after: dict[str, Any]) -> dict[str, tuple[str, ...]]:
    """Per path of ``before`` that a move took away, the paths of ``after`` that
    hold its content: the new value equal to it (the nearest in path, when
    several are), else every new text holding it, else every new text it
    holds; a field without text of its own (a check mark) goes where its
    item's text went."""
    gone = [path for path in before if path not in after]
    new = [path for path in after if before.get(path) != after[path]]
    into: dict[str, list[str]] = {}

    def closeness(source: str, target: str) -> tuple[int, int]:
        # The same trailing fields first (``tasks[1].text``), then the same leading ones.
        a, b = source.split("."), target.split(".")
        return _common(a[::-1], b[::-1]), _common(a, b)

    texts = [path for path in gone if isinstance(before[path], str)]
    for target in new:
        value = after[target]
        if not isinstance(value, str):
            continue
        equal = [path for path in texts if before[path] == value]
        found = [max(equal, key=lambda path: closeness(path, target))] if equal else []
        # Several joined into one (a phase's activities), or one split up (activities into steps).
        found = found or [path for path in texts if before[path] in value] or [p for p in texts if value in before[p]]
        for path in found:
            into.setdefault(path, []).append(target)
    for path in gone:
        # Where the nearest item it is in went (its own item's other fields, else its list's):
        # the same field there, else that item's new place.
        item = _item(path)
        while path not in into and item:
            places: list[str] = []
            for other in gone:
                if other != path and other.startswith(item) and into.get(other):
                    rest = other[len(item) :]
                    places += [
                        target[: -len(rest)] + path[len(item) :] for target in into[other] if target.endswith(rest)
                    ]
                    places += into[other]
            found = [place for place in places if place in after and after[place] == before[path]]
            if places:
                into[path] = found[:1] or places
            item = _item(item[: item.rfind("[")])
    return {path: tuple(dict.fromkeys(targets)) for path, targets in into.items()}


def _unsaid(target: Format, default: Default) -> str:
    """How ``target`` writes an item's unsaid ``default.field``: the kind of its template's first
    sample (maestro's "New" subsection, Spec Kit's ``new``), casefolded; ``""`` for none."""

    def derive() -> str:
        template = _get(target.read(target.blank_text), default.items)
        return str(getattr(template[0], default.field)).casefold() if template else ""

    return derived(f"unsaid {default.items}.{default.field}", target.name, derive)


def _defaulted(plan: Plan, default: Default, target: Format) -> Plan:
    template = _get(target.template_plan, default.items)
    items = []
    for index, item in enumerate(_get(plan, default.items)):
        # Where the target's own sample value is the default, its writer puts
        # it there and its reader takes it for no value: the item stays as it is.
        sample = getattr(template[min(index, len(template) - 1)], default.field) if template else ""
        value = default.value(item) if callable(default.value) else default.value
        filled = bool(getattr(item, default.field)) or is_empty(item)
        if value and not filled and sample != value:
            item = evolve(item, **{default.field: value})
        items.append(item)
    # None changed: the plan as it is (made anew, its fields would be walked anew).
    return _set(plan, default.items, tuple(items)) if _made_anew(items, _get(plan, default.items)) else plan


def _undefaulted(plan: Plan, default: Default) -> tuple[Plan, list[Placement]]:
    """``plan`` without the value ``default.value`` of its items' field, for a
    target without the field whose items are that by default (a format without
    change types lists what the plan makes: a ``New`` component is one of its
    components, as written); where each went: its item."""
    items = []
    placements = []
    for index, item in enumerate(_get(plan, default.items)):
        if getattr(item, default.field) == default.value:
            item = evolve(item, **{default.field: ""})
            at = f"{default.items}[{index}]"
            placements.append(Placement(f"{at}.{default.field}", default.items, (at,)))
        items.append(item)
    return (_set(plan, default.items, tuple(items)) if placements else plan), placements


def _made_anew(items: Sequence[Any], before: Sequence[Any]) -> bool:
    """Whether ``items`` (a list's items, each kept or made anew) holds an item that is not ``before``'s."""
    return any(item is not old for item, old in zip(items, before, strict=True))


def _named(plan: Plan, source: Origin) -> Plan:
    """``plan`` with the names its phases have in the source text (``named``)."""
    if not plan.phases:
        return plan
    # Placeholder names too: maestro's ``{Name}`` then reaches the target, but a phase that holds
    # only what the target lacks keeps its place (there and back keeps the phases' order).
    # A folder's file is one of several: its placeholder names stand for nothing of the plan's.
    return named(plan, source.fmt._read_text(source.text), source.fmt.template_plan, plain_only=source.folder)


def _descendants(node: Node) -> Iterable[Node]:
    for child in node.children:
        yield child
        yield from _descendants(child)


def _in_any(path: str, patterns: Iterable[str]) -> bool:
    pattern = _INDEX.sub("", path)
    return any(_under(pattern, p) for p in patterns)


def _carry(plan: Plan, source: Origin, target: Format) -> tuple[Plan, list[Placement]]:
    """``plan`` with the source's sections whose fields the target holds none
    of carried verbatim (``HOMES``)."""
    homes = {home.key: home.after for home in HOMES}
    inside = {home.key for home in HOMES if home.within}
    placeable = _place_keys(target)
    keys = list(dict.fromkeys(h.label for h in own_headings(source.fmt)))
    # Lists whose items are the source's top sections under no heading of the list's (a tasks file's phases).
    keys += [key for key, _ in ITEM_HOMES if key not in keys and _holds(source.fmt, key)]
    theirs = {normalize_title(h.value): h.label for h in own_headings(target)}
    placements: list[Placement] = []
    sections = list(plan.extra_sections)
    carried: list[Node] = []
    # Where the sections of fields cut out of a carried section start (``_apart``): carried on their own.
    apart: set[int] = set()
    anchored: dict[str, str] = {}
    placed_levels: dict[str, int] = {}
    walk = source.walk
    # Walked by field: a field cleared is walked again, and only its leaves can have gone.
    parts = walk.parts(plan)
    for position, key in enumerate(keys):
        if _holds(target, key):
            continue
        try:
            _get(plan, key)
        except AttributeError:
            # A heading over several fields (Spec Kit's Project Structure, SpecPulse's Risk Assessment):
            # when the target holds none of them, it is carried whole, its fields' sections under it as
            # they stood (``holder`` below), not each promoted to a top section without it.
            node = source.node(key)
            grouped = _group_parts(source, node, keys[position + 1 :]) if node is not None else []
            left = {p for part in grouped for p in _under_key(parts, part)}
            # A part the target holds but the plan leaves empty (SpecPulse's dependency-risk table kept as the
            # author's section) does not part the group: carried apart, its sibling would follow the target's
            # last section and read as that one's (SmartSpec's Rollback Plan).
            if (
                node is None
                or not left
                or any(_holds(target, part) and not is_empty(_get(plan, part)) for part in grouped)
            ):
                continue
            group = True
        else:
            left = set(_under_key(parts, key))
            if not left:
                continue
            node = source.node(key)
            group = False
        if node is None:
            items = _item_nodes(plan, key, source)
            if items:
                plan, sections, done = _carried_items(
                    plan, _leaves_of(parts, key), key, items, sections, target, keys[:position], anchored
                )
                parts = walk.parts(plan)
                placements += done
                carried += items
            continue
        if theirs.get(node.key, key) != key:
            # Under a heading the target reads as another field's, a reader
            # would take it for that field: the appendix carries it instead.
            continue
        if _placed_inside(source, key, node, keys[position + 1 :], parts):
            # Whole, it would repeat a subsection whose field a row already placed in the target
            # (SmartSpec's System Context as OpenSpec's Context): its other subsections go on their own.
            continue
        holder = next(
            (done for done in carried if done.start <= node.start < done.end and node.start not in apart), None
        )
        if holder is not None:
            # Carried with the section it is in.
            before = parts
            plan = _clear_under(plan, key, left)
            parts = walk.parts(plan)
            placements += [Placement(path, holder.title, (holder.title,)) for path in _gone(before, parts)]
            continue
        home = next((a for a in homes.get(key, ()) if a in placeable), None)
        if home is not None:
            anchor, level = home, _level(target, home) or node.level
            if key in inside and _level(target, home) == 2 and _keeps_subsections(target, home):
                # Within the target's top section (Kiro's ``## Architecture``), as its subsection, where the
                # target's reader keeps that section's subsections; beside a subsection of it (maestro's
                # ``### 1.2 Component Interactions``), as another.
                level = 3
        else:
            # After its neighbour before it: a section the target has, or one carried.
            anchor = ""
            for previous in reversed(keys[:position]):
                if previous in anchored:
                    anchor = anchored[previous]
                    break
                if previous in placeable and _holds(target, previous):
                    anchor = previous
                    break
            # A subsection beside a subsection stays one; else it is a top section.
            level = max(2, min(node.level, _level(target, anchor) or node.level))
            # Nor is it made a subsection of a section carried to the same place before it
            # (the documentation tree after a carried Constitution Check).
            level = min(level, placed_levels.get(anchor, level))
        anchored[key] = anchor
        placed_levels[anchor] = level
        value: Any = None if group else _get(plan, key)
        # A field read as prose is what its author wrote, without what closes the document.
        prose = isinstance(value, str) and not is_code(Plan, key)
        # Not the source template's sample subsections the plan fills nothing of (aadt's Manual Testing
        # beside the author's Unit Tests), nor the rule closing the section (maestro's ``---``): carried,
        # they would be read as the author's on the way back.
        # Nor a section inside it of another field that the source's template has elsewhere (maestro's data
        # flow after its components): that field goes where the target holds it, a row placed it, or is
        # carried on its own, as it is when it stands where its format has it.
        own_parts = _keys_inside(source.fmt).get(key, frozenset())
        others = _apart(source, node, key, [k for k in keys if _is_field(k) and k not in own_parts])
        apart.update(other.start for other in others)
        content = _without_samples(node, source.fmt, others, key)
        # And a field its template has in it that the author put elsewhere (maestro's data flow after the
        # components, its template's ``3.3 Data Flow``) goes in it, as a later conversion, reading it
        # there, carries it: on its own it stood after it the first time only.
        joined = [] if prose or group else _joined(source, node, key, own_parts, parts, target)
        content = "\n\n".join(
            [content, *(f"{'#' * (node.level + 1)} {n.title}\n\n{_without_samples(n, source.fmt)}" for n in joined)]
        )
        carried += joined
        apart.difference_update(n.start for n in joined)
        body = _tight(value) if prose else _gapped(shift_headings(content, level - node.level), target.gap)
        titles = {child.title for child in _descendants(node)}
        if prose and any(s.level > 0 and s.heading in titles for s in sections):
            # Its subsections (Kiro's ``### Components`` under ``## Architecture``) stay in it, as written.
            body = _gapped(shift_headings(unruled(_content(node)), level - node.level), target.gap)
        # The author's sections inside it go with it, when its body shows them.
        within = [
            s
            for s in sections
            if (s.heading and s.heading in titles and s.heading in body)
            or (not s.heading and s.body and s.body in body)
        ]
        sections = [s for s in sections if not any(s is w for w in within)]
        if not prose:
            # Told by their headings as written above; written without the source template's numbers.
            body = _unnumbered_within(body, source.fmt)
        placements += [
            Placement(f"extra_sections[{index}]", node.title, (node.title,))
            for index, s in enumerate(plan.extra_sections)
            if any(s is w for w in within)
        ]
        # Before a higher section already after its anchor (the author's ``## 5. Implementation Tasks``
        # moved there from after the endpoints): after it, it would read as that section's subsection.
        spot = next(
            (i for i, s in enumerate(sections) if s.after == anchor and 0 < s.level < level),
            len(sections),
        )
        title = _unnumbered(node.title, source.fmt)
        sections.insert(spot, Section(heading=title, level=level, body=body, after=anchor))
        carried.append(node)
        if group:
            continue  # its fields are cleared as each comes, held by it
        before = parts
        plan = _clear_under(plan, key, left)
        parts = walk.parts(plan)
        placements += [Placement(path, node.title, (title,)) for path in _gone(before, parts)]
    # A carried section's content is in the reshaped plan's section under its heading.
    at = {s.heading: f"extra_sections[{index}]" for index, s in enumerate(sections) if s.level > 0}
    placements = [Placement(p.path, p.field, tuple(at.get(title, title) for title in p.into)) for p in placements]
    return _with(plan, extra_sections=tuple(sections)), placements


def _group_parts(source: Origin, node: Node, later: Sequence[str]) -> list[str]:
    """The fields of ``later`` (keys of the source's own headings) whose sections the source has
    inside section ``node``, the section of a heading over several fields."""
    parts = []
    for key in later:
        try:
            _get(source.plan, key)
        except AttributeError:
            continue
        child = source.node(key)
        if child is not None and node.start < child.start < node.end:
            parts.append(key)
    return parts


def _placed_inside(source: Origin, key: str, node: Node, later: Sequence[str], parts: dict[str, _Part]) -> bool:
    """Whether section ``node`` (field ``key``) holds the section of a field under ``key`` that the
    source filled and that the plan of ``parts`` (``_Walk.parts``) no longer holds: a row placed it in
    the target already."""
    subs = [sub for sub in later if sub != key and _under(sub, key)]
    subs = [sub for sub in subs if not _under_key(parts, sub)]
    if not subs:
        return False
    read = source.filled()
    for sub in subs:
        if sub in read:
            child = source.node(sub)
            if child is not None and node.start < child.start < node.end:
                return True
    return False


def _keys_inside(fmt: Format) -> dict[str, frozenset[str]]:
    """Of each key of the format's own headings, the keys of those in its section in the format's blank
    template (itself among them): maestro's ``1. Architecture Overview`` holds its Key Design Decisions."""

    def derive() -> dict[str, frozenset[str]]:
        labels: dict[str, set[str]] = {}
        for heading in own_headings(fmt):
            labels.setdefault(normalize_title(heading.value), set()).add(heading.label)
        found: dict[str, frozenset[str]] = {}
        for node in outline(fmt.blank_text).walk():
            titles = {node.key} | {child.key for child in _descendants(node)}
            keys = frozenset(label for title in titles for label in labels.get(title, ()))
            for label in labels.get(node.key, ()):
                found.setdefault(label, keys)
        return found

    return derived("keys inside", fmt.name, derive)


def _joined(
    source: Origin, node: Node, key: str, parts: Iterable[str], held: dict[str, _Part], target: Format
) -> list[Node]:
    """The source's sections of ``parts`` (fields its template has in ``key``'s section, ``node``) that
    stand outside ``node``, whose fields the source's reader filled and the target neither holds nor had
    a row place (the plan of ``held``, ``_Walk.parts``, holds them still)."""
    read = source.filled()
    found = []
    for part in parts:
        if part not in read or _under(part, key) or _holds(target, part):
            continue
        if not _under_key(held, part):
            continue
        other = source.node(part)
        if other is not None and not node.start <= other.start < node.end and not other.children:
            found.append(other)
    return found


def _apart(source: Origin, node: Node, key: str, others: Iterable[str]) -> list[Node]:
    """The sections inside ``node`` (field ``key``'s) that are the source's sections of ``others``,
    fields outside ``key`` that the source's reader filled from them: their text is those fields', not
    ``key``'s, and goes where they go."""
    read = source.filled()
    found = []
    for other in others:
        if other not in read or _under(other, key) or _under(key, other):
            continue
        inner = source.node(other)
        if inner is not None and node.start < inner.start < node.end:
            found.append(inner)
    return found


def _item_nodes(plan: Plan, key: str, source: Origin) -> list[Node]:
    """The source's sections of the items of list ``key``, where they stand
    with no section of the list over them (SpecPulse phases as top sections,
    ``## Faz 1: Temel Tipler (30 dk)``): one section per item, in order, each
    titled with the item's name, all at one level; none when not so."""
    value = _get(plan, key)
    if not isinstance(value, tuple) or not value or not all(getattr(item, "name", "") for item in value):
        return []
    found: list[Node] = []
    nodes = list(outline(source.text).walk())
    for item in value:
        start = found[-1].end if found else 0
        node = next((n for n in nodes if n.start >= start and item.name in n.title), None)
        if node is None or (found and node.level != found[0].level):
            return []
        found.append(node)
    return found


def _carried_items(
    plan: Plan,
    flat: dict[str, Any],
    key: str,
    nodes: list[Node],
    sections: list[Section],
    target: Format,
    before: Sequence[str],
    anchored: dict[str, str],
) -> tuple[Plan, list[Section], list[Placement]]:
    """``plan`` (its leaves ``flat``) with the items of list ``key`` carried as their source sections
    ``nodes`` were written (the author's sections inside them with them),
    after the nearest section before them that the target has; the sections
    left and where each item's fields went."""
    placeable = _place_keys(target)
    anchor = next(
        (anchored.get(k) or k for k in reversed(before) if k in anchored or (k in placeable and _holds(target, k))),
        None,
    )
    if anchor is None:
        # No section of the target's before them: where the target reads such a list (``ITEM_HOMES``).
        homes = next((after for item, after in ITEM_HOMES if item == key), ())
        anchor = next((a for a in homes if a in placeable), "")
    anchored[key] = anchor
    placements: list[Placement] = []
    for index, node in enumerate(nodes):
        inside = {child.title for child in _descendants(node)}
        # Laid out as every carried section (``_carry``): the rule closing an item sets it apart from the next
        # (its reader's layout), and its headings take the target's gap.
        body = _gapped(unruled(_content(node)), target.gap)
        within = [s for s in sections if s.heading and s.heading in inside and s.after == f"{key}.{index}"]
        sections = [s for s in sections if not any(s is w for w in within)]
        placements += [
            Placement(f"extra_sections[{at}]", node.title, (node.title,))
            for at, s in enumerate(plan.extra_sections)
            if any(s is w for w in within)
        ]
        sections.append(Section(heading=node.title, level=max(2, node.level), body=body, after=anchor))
    item_path = re.compile(re.escape(key) + r"\[(\d+)\]")
    for path in flat:
        match = item_path.match(path)
        if match is not None:
            title = nodes[int(match.group(1))].title
            placements.append(Placement(path, title, (title,)))
    return _cleared(plan, key), sections, placements


def _without_samples(node: Node, fmt: Format, others: Collection[Node] = (), key: str = "") -> str:
    """``node``'s content (``_content``) less its subsections that are ``fmt``'s blank template's
    own, word for word (its sample of a section the author left as it was), less those of
    ``others`` (sections of other fields, written as their own) inside it, and, as the section of
    field ``key``, less the lines ``fmt`` reads as its template's answers for nothing (``Format.unanswered``)."""
    samples = _blank_sections(fmt)
    # A section not headed as one of the template's is none of its samples, whatever it holds.
    headed = _blank_headings(fmt)
    apart = {(n.start, n.end) for n in others}
    cuts = [
        (n.start, n.end)
        for n in _descendants(node)
        if ((n.title, n.level) in headed and (n.title, n.level, _content(n)) in samples) or (n.start, n.end) in apart
    ]
    text = node.text
    end = node.end
    for start, stop in reversed(cuts):
        if any(start >= a and stop <= b and (a, b) != (start, stop) for a, b in cuts):
            continue  # inside a cut one
        text, end = text[:start] + text[stop:], end - (stop - start)
    # The rule closing it sets it apart from the next section: layout, as its reader takes it.
    content = unruled(_tight(text[node.body_start : end].strip("\n")))
    return fmt.unanswered(key, content) if fmt.unanswered is not None and key else content


def drop_unfilled(text: str, plan: Plan, target: Format) -> str:
    """``text`` (``plan`` written in ``target``) without the target's sections
    that ``plan`` fills nothing of: no field under the section's key has
    content and no section of the plan's own is in it.

    >>> from plancore import Plan
    >>> from plancore._registry import get_format
    >>> drop_unfilled(get_format("aadt").blank_text, Plan(), get_format("aadt")).count("## ")
    0
    """
    filled = _patterns(plan)
    own = {(h.label, normalize_title(h.value)) for h in (*own_headings(target), *plan.headings)}
    kept = [section.heading for section in plan.extra_sections if section.heading]
    cuts: list[tuple[int, int]] = []

    def visit(node: Node) -> None:
        keys = {key for key, title in own if title == node.key}
        if node.level > 1 and keys and not any(_under(p, key) for p in filled for key in keys):
            inner = [child.title for child in _descendants(node)]
            if not any(title in inner for title in kept):
                cuts.append((node.start, node.end))
                return
        for child in node.children:
            visit(child)

    for root in outline(text).roots:
        visit(root)
    for start, end in reversed(cuts):
        text = text[:start] + text[end:]
    return text


def _bare(plan: Plan) -> Plan:
    return evolve(plan, extra_sections=(), headings=(), labels=())


def _own_keys(target: Format) -> dict[str, list[str]]:
    """The keys of the target's own sections by their normalized titles, in the target's order."""

    def derive() -> dict[str, list[str]]:
        keys: dict[str, list[str]] = {}
        for heading in own_headings(target):
            found = keys.setdefault(normalize_title(heading.value), [])
            if heading.label not in found:
                found.append(heading.label)
        return keys

    # Kept: asked by each row that brings sections home, of the format alone.
    return derived("own keys", target.name, derive)


def _read_as(target: Format, key: str, section: Section) -> tuple[Plan, set[str]] | None:
    """``section`` read by the target's own reader as its section for ``key``
    (the blank template with that section's text replaced by ``section``'s,
    its headings moved to the template's level), and the keys of the target's
    sections that section stands for (it and those inside it). ``None`` when
    the template has no section for ``key``."""
    place = _template_sections(target).get(key)
    if place is None:
        return None
    start, end, level, keys = place
    text = target.blank_text
    body = shift_headings(section.body, level - section.level)
    written = "#" * level + " " + section.heading + "\n\n" + (body + "\n\n" if body else "")
    read = text[:start] + written + text[end:]
    # The template around the section is the same text each time: its outline is the template's, moved (the
    # template's own is kept per format; after the texts read meanwhile, the last texts' outlines lack it).
    outline_like(read, _template_outline(target), start, len(text) - end)
    return target.parse(read), set(keys)


def _template_outline(target: Format) -> Outline:
    """The outline of ``target``'s blank template."""
    return derived("template outline", target.name, lambda: outline(target.blank_text))


def _template_sections(target: Format) -> dict[str, tuple[int, int, int, frozenset[str]]]:
    """Of each key of ``target``'s own headings, its section in the blank template (none when it has none):
    where it starts and ends, its level, and the keys of the target's sections it stands for (it and those
    inside it)."""

    def derive() -> dict[str, tuple[int, int, int, frozenset[str]]]:
        # Kept: every section read as the target's (``_read_as``) asks, and the template's outline is not.
        nodes = list(_template_outline(target).walk())
        found = {}
        for key in dict.fromkeys(h.label for h in own_headings(target)):
            titles = {normalize_title(h.value) for h in own_headings(target) if h.label == key}
            node = next((node for node in nodes if node.key in titles), None)
            if node is not None:
                inside = {node.key} | {child.key for child in _descendants(node)}
                keys = frozenset(h.label for h in own_headings(target) if normalize_title(h.value) in inside)
                found[key] = (node.start, node.end, node.level, keys)
        return found

    return derived("template sections", target.name, derive)


def _taken(plan: Plan, target: Format, key: str, section: Section) -> tuple[Plan, list[Section], list[Labeled]] | None:
    """``plan`` with what the target's reader takes of ``section`` as its
    section for ``key`` in its fields, the sections of it the reader keeps
    verbatim and the author's headings it read; ``None`` when it takes nothing,
    or fields outside that section's, or fields the plan fills already."""
    found = _read_as(target, key, section)
    if found is None:
        return None
    read, keys = found
    base = target.template_plan
    if _is_field(key) and is_empty(_get(read, key)):
        # Only the author's subsections under the target's own heading (Kiro's ``## Data Models``): they go
        # under the target's section for it, which the target writes itself.
        left = [section for section in read.extra_sections if section not in base.extra_sections]
        if not left or all(s.level == 0 for s in left) or not is_empty(_bare(read)):
            return None
        return plan, left, [h for h in read.headings if h not in base.headings]
    paths = {_INDEX.sub("", p) for p, _ in leaves(evolve(read, extra_sections=(), headings=(), labels=()))}
    # A fence's language goes with its code (``data_model.schema_language`` with ``data_model.schema``).
    languages = {p: p.removesuffix("_language") for p in paths if p.endswith("_language") and p[:-9] in paths}
    paths -= set(languages)
    # Each field it fills is one of the section's own and empty in the plan.
    taken = {max((k for k in keys if _under(path, k)), key=len, default="") for path in paths}
    if not taken or "" in taken or not all(is_empty(_get(plan, k)) for k in taken):
        return None
    for k in taken:
        plan = _set(plan, k, _get(read, k))
    for language, code in languages.items():
        if code in taken:
            plan = _set(plan, language, _get(read, language))
    plan = _styles_home(plan, read, taken)
    # Laid out as the target lays out its own headings: the gaps under them were the carrying format's layout.
    left = [
        evolve(section, body=_gapped(section.body, target.gap))
        for section in read.extra_sections
        if section not in base.extra_sections
    ]
    return plan, left, [h for h in read.headings if h not in base.headings]


def _styles_home(plan: Plan, read: Plan, fields: Collection[str]) -> Plan:
    """``plan`` with the list markers ``read`` (a carried section or appendix part read back) has for
    ``fields``, which came home from it (and the layout of their parts: SpecPulse's ``phases.name``):
    numbered Open Questions stay numbered."""
    styles = tuple(style for style in read.list_styles if any(_under(style.label, f) for f in fields))
    if not styles:
        return plan
    kept = (s for s in plan.list_styles if not any(_under(s.label, f) for f in fields))
    return evolve(plan, list_styles=(*kept, *styles))


def _unread(sections: Sequence[Section]) -> int:
    """How much text of a section a reader left in ``sections`` (its own: kept verbatim), in characters."""
    return sum(len(section.heading) + len(section.body) for section in sections)


@functools.cache
def _empty_plan() -> Plan:
    # Made once: a Plan is made with every default of every field checked, a conversion's first
    # look-ups of field paths made one each.
    return Plan()


def _is_prose(key: str) -> bool:
    """Whether ``key`` is the path of a text field of the plan (no list, no key of a heading only)."""
    return _is_field(key) and isinstance(_get(_empty_plan(), key), str)


def _is_items(key: str) -> bool:
    """Whether ``key`` is the path of a list of items of the plan (``phases``, ``risks``)."""
    return _is_field(key) and isinstance(_get(_empty_plan(), key), tuple)


@functools.cache
def _is_field(key: str) -> bool:
    """Whether ``key`` (a heading's label) is the path of a field of the plan, not only a heading's name."""
    try:
        _get(_empty_plan(), key)
    except AttributeError:
        return False
    return True


def _alias_key(target: Format, section: Section, read: dict[str, Plan] | None = None) -> str | None:
    """The key of the field the target's reader reads ``section`` as, alone under a title,
    by another heading than the target's own ("7. Risks and Mitigations" for SpecPulse's
    Risk Assessment); ``None`` when it reads it as none. ``read``: texts the target parsed, by text."""
    # The text ``_items_by_sections`` reads the section alone in: read once for both.
    text = _alone((section,))
    found = read.get(text) if read is not None else None
    headings = found.headings if found is not None else target.read_headings(text)
    return next((h.label for h in headings if h.value == section.heading), None)


def _alone(sections: Sequence[Section]) -> str:
    """``sections`` under a plan's title alone, as a text of their own (``# Plan``, then each at its level)."""
    return "# Plan\n\n" + "".join(
        f"{'#' * s.level} {s.heading}\n\n{s.body}\n\n" if s.body else f"{'#' * s.level} {s.heading}\n\n"
        for s in sections
    )


def _groups_opened(plan: Plan, target: Format) -> Plan:
    """``plan`` with each of its own sections under a format's heading over several fields (Spec Kit's
    Project Structure, SpecPulse's Risk Assessment, carried whole through a format without them: ``_carry``)
    opened into its subsections at its level, when the target holds a field of one of them and would not
    take the section whole: under a heading over several of its own fields, the target takes it whole
    when each is empty; else (a folder's documentation tree filled already; SpecPulse's Technical Risks
    under Spec Kit's Risk Assessment, which Spec Kit reads as a table of its own), opened, each subsection
    comes home or stays carried on its own (``_filled_by_sections``)."""
    own = _own_keys(target)
    sections: list[Section] = []
    for section in plan.extra_sections:
        labels = _heading_labels(section.heading) if section.level > 0 else frozenset()
        nodes = outline(section.body).roots if any(not _is_field(k) for k in labels) else []
        parts = [(k, node) for node in nodes for k in _heading_labels(node.title) if _is_field(k) and _holds(target, k)]
        fields = [k for k, _ in parts]
        whole = any(not _is_field(k) for k in own.get(normalize_title(section.heading), []))
        if (
            not fields
            or (whole and all(is_empty(_get(plan, k)) for k in fields))
            # Nor when each such subsection is of a field the plan leaves empty, headed as the target heads that
            # field, and would not come home (an author's table under SpecPulse's Dependencies heading, carried
            # with its Technical Risks, whose columns SmartSpec's dependencies do not read): opened, it would
            # stand alone beside the target's own section of that name.
            or all(_clashes_unread(plan, target, k, node) for k, node in parts)
            or section.body[: nodes[0].start].strip()
        ):
            sections.append(section)
            continue
        sections += _opened(section, nodes)
    return plan if sections == list(plan.extra_sections) else evolve(plan, extra_sections=tuple(sections))


def _opened(section: Section, nodes: Sequence[Node]) -> list[Section]:
    """``section`` opened into its subsections ``nodes`` (its body's outline roots), each a section at its
    level, after what it followed."""
    return [
        Section(
            heading=node.title,
            level=section.level,
            body=shift_headings(_content(node), section.level - node.level),
            after=section.after,
        )
        for node in nodes
    ]


def _clashes_unread(plan: Plan, target: Format, key: str, node: Node) -> bool:
    """Whether section ``node`` of a field ``key`` the plan leaves empty is headed as the target heads that
    field and the target's reader would take nothing of it there (``_taken``)."""
    titles = {normalize_title(h.value) for h in own_headings(target) if h.label == key}
    section = Section(heading=node.title, level=node.level, body=_content(node))
    return (
        normalize_title(node.title) in titles
        and is_empty(_get(plan, key))
        and _taken(plan, target, key, section) is None
    )


def _clashes_opened(plan: Plan, target: Format) -> tuple[Plan, list[Placement]]:
    """``plan`` with each of its own top sections headed as the target heads a field the plan fills, and holding
    only subsections, opened into them at its level: under that heading the target's reader would take them
    for that field's (an author's maestro ``## Rollout Plan`` over its rollout strategy, to SmartSpec, whose
    Rollout Plan holds the phases: a phase ``Phase Rollout Strategy``), and the field's own section would be
    read as another. The author's heading, over none of its sections now, is one of the plan's ``headings``
    (labelled by the section's path), which the target writes over none of its own: it is reported lost
    and listed in the appendix, and where it went is a placement of the section's ``.heading``."""
    own = _own_keys(target)
    sections: list[Section] = []
    headings = list(plan.headings)
    placements: list[Placement] = []
    for index, section in enumerate(plan.extra_sections):
        taken = section.level in (1, 2) and any(
            _is_field(k) and _holds(target, k) and not is_empty(_get(plan, k))
            for k in own.get(normalize_title(section.heading), [])
        )
        nodes = outline(section.body).roots if taken else []
        if not nodes or section.body[: nodes[0].start].strip():
            sections.append(section)
            continue
        sections += _opened(section, nodes)
        path = f"extra_sections[{index}]"
        placements.append(Placement(f"{path}.heading", "headings", (f"headings[{len(headings)}]",)))
        headings.append(Labeled(label=path, value=section.heading))
    if not placements:
        return plan, []
    return evolve(plan, extra_sections=tuple(sections), headings=tuple(headings)), placements


def _twins(sections: Sequence[Section]) -> dict[int, list[int]]:
    """Of each section of ``sections`` that shares its heading at its level (of any letter case) with
    others, the indices of those others, in order (grouped once: a plan may carry a thousand sections)."""
    groups: dict[tuple[int, str], list[int]] = {}
    for i, s in enumerate(sections):
        groups.setdefault((s.level, normalize_title(s.heading)), []).append(i)
    return {i: [j for j in group if j != i] for group in groups.values() if len(group) > 1 for i in group}


def _of_files_apart(plan: Plan, group: Sequence[Section]) -> bool:
    """Whether each section of ``group`` was read from a file of another kind of ``plan``'s folder (a Spec Kit
    plan.md's and tasks.md's): not when two are of files of one kind (two OpenSpec capability specs), when one
    is found in no file or in several, or when ``plan`` is no folder's."""
    parts = plan.source.parts if isinstance(plan.source, Source) else ()
    kinds: list[str] = []
    for section in group:
        mine = (section.level, section.heading, _tight(section.body.strip("\n")))
        found = {
            part.format
            for part in parts
            if any((s.level, s.heading, _tight(s.body.strip("\n"))) == mine for s in part.plan.extra_sections)
        }
        if len(found) != 1:
            return False
        kinds += found
    return len(set(kinds)) == len(kinds)


def _filled_by_sections(plan: Plan, target: Format, *, inner: bool = False) -> tuple[Plan, list[Placement]]:
    """``plan`` with each of its own sections (``extra_sections``) whose
    heading is the target's heading for a field the target holds and the plan
    leaves empty read into that field by the target's reader, instead of
    being carried beside the target's placeholder for it (a summary carried
    through a format without one comes home under its heading). A section the
    target's reader takes nothing of, or takes as other fields too, stays
    carried; what of it the reader keeps verbatim is kept where it put it."""
    if not plan.extra_sections:
        return plan, []
    own = _own_keys(target)
    sections: list[Section] = []
    placements: list[Placement] = []
    headings = list(plan.headings)
    joined: set[int] = set()
    # The sections read alone (``_alone``) by the target's reader, by text: a section probed for items is
    # probed for an alias next, its reading by then no longer kept if the plan has many sections.
    alone: dict[str, Plan] = {}
    plan, runs, owns = _items_by_sections(plan, target, alone)
    carried = plan.extra_sections
    all_twins = _twins(carried)
    order = _place_order(target)
    # The anchor the sections after one that came home stood at, and the field it came home to.
    home: tuple[str, str] | None = None
    for index, section in enumerate(plan.extra_sections):
        if home is not None and section.level > 0 and section.after == home[0]:
            # It followed a section that came home to a field the target writes later than their common
            # anchor: after that anchor it would now stand before that field, and the next cycle would
            # carry the field's section after it.
            section = evolve(section, after=home[1])
        else:
            home = None
        if index in runs:
            placements.append(Placement(f"extra_sections[{index}]", runs[index]))
            sections.extend(owns.get(index, ()))
            continue
        # Sections under one heading from files of different kinds (a Spec Kit folder's plan.md and tasks.md
        # each with a Testing Strategy) come home together, in order, where the target reads their joined
        # text as its field: one carried beside the other's home, or both beside the target's placeholder,
        # the reader sees three. Otherwise none of them is the plan's (each OpenSpec capability spec's
        # ``## Overview`` is its capability's): they stay carried.
        twins = [] if section.level == 0 else all_twins.get(index, [])
        if twins and not _of_files_apart(plan, [carried[i] for i in (index, *twins)]):
            sections.append(section)
            continue
        if twins and twins[0] < index:
            if twins[0] not in joined:
                sections.append(section)
            continue
        original = section
        if twins:
            section = evolve(section, body="\n\n".join(carried[i].body for i in (index, *twins)))
        key = next(
            (
                key
                for key in own.get(normalize_title(section.heading), [])
                # A heading over several fields (Spec Kit's Project Structure) is taken if each field it fills
                # is empty (``_taken``).
                if section.level > 0 and (not _is_field(key) or (_holds(target, key) and is_empty(_get(plan, key))))
            ),
            None,
        )
        # (A subsection's title is read as a field only in its section: it is probed on its own only at the top.)
        aliased = key is None and section.level in (1, 2) and normalize_title(section.heading) not in own
        if aliased:
            key = _alias_key(target, section, alone)
            # A heading over several fields (SpecPulse's Risk Assessment) is taken if each field it fills is empty.
            if key is not None and _is_field(key) and not (_holds(target, key) and is_empty(_get(plan, key))):
                key = None
        if key is None and section.level > 0 and _translated_only(section.heading):
            # The target's own heading in translation (``### 技術背景`` carried into maestro's Architecture, Spec
            # Kit's Source Code subsection in Chinese carried as a top section) is that heading, as its English
            # words are.
            mine = [k for k in _own_titles(target) if _is_field(k) and _holds(target, k) and is_empty(_get(plan, k))]
            key = _translated_key(target, section.heading, mine)
            aliased = aliased and key is None
        if key is None and section.level in (1, 2):
            # Another format's own heading for a field the target holds under a title of its own (SmartSpec's
            # File Structure, Spec Kit's Source Code under Project Structure): it comes home there.
            labels = [
                k
                for k in _heading_labels(section.heading)
                if (_is_prose(k) or _is_items(k)) and _holds(target, k) and is_empty(_get(plan, k))
            ]
            key = labels[0] if len(labels) == 1 else None
            aliased = other = key is not None
        else:
            other = False
        # Another format's own heading for a field of items stands over them in that format's shape (Spec Kit's
        # Implementation Steps, carried through a format without phases): read first as that format reads them.
        # (Prose reads alike in every format: the target's reader takes it.)
        homes = (
            _heading_formats(section.heading, key)
            if key is not None and section.level in (1, 2) and _is_items(key)
            else ()
        )
        taken = None
        # Of the readers that take it, the one leaving least of it unread: the heading's format's reader
        # keeps the text another format's template wrote under it (Spec Kit's "Potential challenges and
        # mitigation:" under maestro's "8. Risks and Mitigations") as the author's, which the target's knows.
        unread, by = -1, (aliased, other)
        for reader in (target,) if not homes or target in homes else (*homes, target):
            found = _taken(plan, reader, key, section) if key is not None else None
            if found is not None and (unread < 0 or _unread(found[1]) < unread):
                taken, unread = found, _unread(found[1])
                aliased, other = by if reader is target else (True, True)
                if not unread:
                    break
        if (
            other
            and key is not None
            and taken is not None
            and _is_items(key)
            and any(s.level and not _item_of(s.after, key) for s in taken[1])
        ):
            # Items under another format's heading come home only when no subsection of theirs is left over: a
            # reading that keeps one as it stood (a SpecPulse Rollout Plan read as SmartSpec's phases, its
            # monitoring left over) is not that format's section, which stays where the author put it. An
            # item's own subsection (a phase's Code) is the item's, and comes home with it.
            taken = None
        if other and key is not None and taken is not None and is_empty(_get(taken[0], key)):
            # Only its subsections, under another heading than the target's: they stay where the author put them.
            taken = None
        if twins and (key is None or taken is None):
            section = original
        if key is not None and taken is None and not other and _unwritten_place(target, key):
            # The target's heading for a field whose section it writes only when filled (maestro's File
            # Structure): its reader takes the section as that field's wherever it stands, so it stands where
            # the target writes that field, not where the source had it (the next cycle would move it there).
            section = evolve(section, after=key)
        if key is None or taken is None:
            sections.append(section)
            continue
        if twins:
            joined.add(index)
            placements.extend(Placement(f"extra_sections[{i}]", key) for i in twins)
        before = dict(leaves(_bare(plan)))
        filled = {_INDEX.sub("", path) for path, value in leaves(_bare(taken[0])) if value != before.get(path)}
        plan, left, read_headings = taken
        read_headings = [_for_field(h, filled, target) if h.value == section.heading else h for h in read_headings]
        sections.extend(left)
        # Under another format's heading, the field comes home under the target's: kept, that heading would
        # stand for it only until the next conversion. A heading of the author's own (a translation) is kept
        # and so reported, never dropped unseen.
        # So too a format's own heading that is the target's but for its number (Spec Kit's ``Data Model``,
        # which the rows head an aadt plan's entity blocks with, for maestro's ``3. Data Model``).
        template = section.heading.strip().casefold() in _template_headings() and (
            aliased or normalize_title(section.heading) in own
        )
        headings.extend(
            h
            for h in read_headings
            if h not in headings and not (template and h.value == section.heading) and not _own_unnumbered(h, target)
        )
        placements.append(Placement(f"extra_sections[{index}]", key))
        if not inner and any(s.level > 0 for s in left):
            # A subsection left under it that is the target's own section elsewhere (an author's Data Flow in
            # a Data Model, SmartSpec's in its Architecture Overview) comes home there too: left under it,
            # it was read as the target's only after the next conversion.
            # (Once: what is left under those is their author's.)
            nested, done = _filled_by_sections(evolve(plan, extra_sections=tuple(left)), target, inner=True)
            if done:
                del sections[len(sections) - len(left) :]
                sections.extend(nested.extra_sections)
                headings.extend(h for h in nested.headings if h not in headings)
                plan = evolve(nested, extra_sections=plan.extra_sections, headings=plan.headings)
                placements += [Placement(f"extra_sections[{index}]", placed.field) for placed in done]
        # Only a field the target writes right after that anchor stands where the section stood: the
        # sections after it follow it there. Past another place (a field's sample, if empty, or where a
        # phase's sections go) they would not be where they stood: a rule moving every follower broke 32
        # pairs, one passing places of no field moved maestro's Testing Strategy past SpecPulse's phases.
        # Nor one whose section has parts of its own after it (maestro's Testing Strategy): they would
        # follow the target's sample parts written after the author's, and keep them from being cut.
        home = (section.after, key) if _next_written(order, section.after, key) else None
    return _with(plan, extra_sections=tuple(sections), headings=tuple(headings)), placements


def _unwritten_place(target: Format, key: str) -> bool:
    """Whether ``key`` is a text field the target places sections after but its blank template has no section
    for (it writes that section only when the field is filled: maestro's File Structure)."""
    return _is_prose(key) and key in _place_keys(target) and key not in _template_sections(target)


def _next_written(order: Sequence[str], anchor: str, key: str) -> bool:
    """Whether the target (its places in ``order``) writes the section of ``key`` right after ``anchor``,
    with no part of that section's own after it."""
    if anchor not in order or key not in order:
        return False
    at = order.index(key)
    return order.index(anchor) + 1 == at and not any(k.startswith(f"{key}.") for k in order[at + 1 :])


# A title no format has: a section a reader takes under it is taken by where it stands, not by its title.
_NO_TITLE = "Notes of the Author"


def _translated_key(target: Format, title: str, keys: Sequence[str]) -> str | None:
    """The key of ``keys`` whose section the target reads under ``title`` (its own heading in translation) as
    under its own heading, by that title: ``None`` when none, or when the target takes any title there (aadt's
    component table under whatever heading stands over it in its Architecture)."""
    if not keys:
        return None
    canonical = full_text(target)
    key = takes_title(canonical, title, target._read_text, keys)
    return key if key and not takes_title(canonical, _NO_TITLE, target._read_text, [key]) else None


def _item_fields() -> tuple[str, ...]:
    """The plan's lists of items (its own sections, headings and labels are no field, nor its layout)."""
    empty = Plan()  # one: each is made afresh, with every default in it
    return tuple(
        field.name
        for field in attrs.fields(Plan)
        if isinstance(getattr(empty, field.name), tuple)
        and field.name not in ("extra_sections", "headings", "labels", "list_styles")
    )


_ITEM_FIELDS = _item_fields()


def _items_by_sections(
    plan: Plan, target: Format, texts: dict[str, Plan] | None = None
) -> tuple[Plan, dict[int, str], dict[int, tuple[Section, ...]]]:
    """``plan`` with each run of its top sections that the target's reader reads, alone, as items of a
    list field the plan leaves empty and as nothing else (a Spec Kit tasks file's ``## Phase N: Name``
    sections, carried through a plan.md) read into that field; the index of each section so read
    with its field; and, by the index of a run's last section, the items' own sections the reader kept
    (a phase's ``### Hedef``, after ``phases.0``). Items have no heading over them in such a format, so
    no heading names them. ``texts``: where each text parsed is put, by text (its ``parse``)."""
    if not any(is_empty(_get(plan, key)) and _holds(target, key) for key in _ITEM_FIELDS):
        return plan, {}, {}
    # Kept per format: a title alone, read as every section here is compared with.
    empty = derived("title alone", target.name, lambda: _bare(target.parse(_alone(()))))
    listless = not any(_get(empty, key) for key in _ITEM_FIELDS)

    def read(sections: Sequence[Section]) -> tuple[str, Plan] | None:
        text = _alone(sections)
        # A text its reader reads no item of, in any list, is read as none (a parse blanks an empty list as
        # empty): told by the reader alone, without comparing its reading with the template (``_alias_key``
        # reads the headings of the same text so too).
        if listless and not any(_get(target._read_text(normalize_newlines(text)), key) for key in _ITEM_FIELDS):
            return None
        found = target.parse(text)
        if texts is not None:
            texts[text] = found
        keys = [key for key in _ITEM_FIELDS if _get(found, key) != _get(empty, key)]
        if len(keys) != 1 or not is_empty(_get(plan, keys[0])) or not _holds(target, keys[0]):
            return None
        # What the reader keeps of them is each item's own subsections: without them, the items alone would
        # come home and their subsections stay carried, after them (pp-009's phases 4 and 5 before 1-3).
        kept = [s for s in found.extra_sections if s not in empty.extra_sections]
        if any(s.level == 0 or not _item_of(s.after, keys[0]) for s in kept):
            return None
        # Nothing else read: the plan bare (``_bare``) but for those items is the title's alone.
        if evolve(found, extra_sections=(), headings=(), labels=(), **{keys[0]: _get(empty, keys[0])}) != empty:
            return None
        return keys[0], evolve(found, extra_sections=tuple(kept))

    runs: dict[int, str] = {}
    owns: dict[int, tuple[Section, ...]] = {}
    sections = plan.extra_sections
    index = 0
    while index < len(sections):
        first = sections[index]
        # A heading some format has for a whole field is that field's, read as such by the loop above; so
        # is a template's heading in translation (a concept of the shared vocabulary), not probed per target.
        alone = (
            read([first])
            if first.level in (1, 2) and not _heading_labels(first.heading) and not translated_heading(first.heading)
            else None
        )
        if alone is None:
            index += 1
            continue
        end = index + 1
        while (
            end < len(sections)
            and sections[end].level == first.level
            and (read([sections[end]]) or ("",))[0] == alone[0]
        ):
            end += 1
        together = read(sections[index:end])
        if together is not None and len(_get(together[1], together[0])) >= end - index:
            key, found = together
            plan = _styles_home(_set(plan, key, _get(found, key)), found, (key,))
            runs.update((i, key) for i in range(index, end))
            owns[end - 1] = found.extra_sections
        index = end
    return plan, runs, owns


@functools.cache
def _heading_labels(title: str) -> frozenset[str]:
    """The fields that some format's own heading of ``title`` (normalized) stands for."""
    return _own_heading_labels().get(normalize_title(title), frozenset())


def _own_heading_labels() -> dict[str, frozenset[str]]:
    """The fields every format's own headings stand for, by their normalized title: what depends on the
    formats alone, made once (not a scan of every format's headings for each title asked about)."""
    return _own_labels_by("own heading labels", lambda heading: normalize_title(heading.value))


def _own_labels_by(kind: str, key: Callable[[Labeled], str], fmt: Format | None = None) -> dict[str, frozenset[str]]:
    """The labels of every format's own headings (``own_headings``), or of ``fmt``'s alone, grouped by ``key``
    of each heading, kept as the derived value ``kind`` (the formats alone decide it)."""
    from ._registry import FORMATS

    def derive() -> dict[str, frozenset[str]]:
        labels: dict[str, set[str]] = {}
        for each in FORMATS.values() if fmt is None else (fmt,):
            for heading in own_headings(each):
                labels.setdefault(key(heading), set()).add(heading.label)
        return {found_key: frozenset(found) for found_key, found in labels.items()}

    return derived(kind, "every format" if fmt is None else fmt.name, derive)


@functools.cache
def _heading_formats(title: str, key: str) -> tuple[Format, ...]:
    """The formats whose own heading of ``title`` (normalized) stands for the field ``key``."""
    from ._registry import FORMATS

    wanted = normalize_title(title)
    return tuple(
        fmt
        for fmt in FORMATS.values()
        if any(h.label == key and normalize_title(h.value) == wanted for h in own_headings(fmt))
    )


@functools.cache
def _template_headings() -> frozenset[str]:
    """Every format's own headings as written (casefolded): the headings no author wrote; and each
    numbered one without its number (``Risks and Mitigations``), as a conversion writes it in another
    format (``_unnumbered``). Numbered otherwise (``8. Risks and Mitigations`` for maestro's ``7.``), a
    heading is its author's."""
    from ._registry import FORMATS

    titles = [h.value.strip().casefold() for fmt in FORMATS.values() for h in own_headings(fmt)]
    return frozenset((*titles, *(_SECTION_NUMBER.sub("", title) for title in titles)))


def _for_field(heading: Labeled, filled: set[str], target: Format) -> Labeled:
    """``heading`` read over several of the target's fields (SpecPulse's Risk Assessment) labelling
    the one field of them its section filled (the risks), whose own heading the target retitles."""
    if _is_field(heading.label):
        return heading
    labels = {h.label for h in own_headings(target) if _is_field(h.label) and _under(h.label, heading.label)}
    labels = labels or {h.label for h in own_headings(target) if _is_field(h.label)}
    found = {label for label in labels if any(_under(path, label) for path in filled)}
    return Labeled(label=found.pop(), value=heading.value) if len(found) == 1 else heading


# A writer template's ask placing the plan's own sections after a field's section (``place["summary"]``,
# ``place.lstripped[...]``, ``place.inner[..., 3]``, ``place.inner_lstripped[...]``; or a call, ``place("summary")``).
_PLACED = re.compile(r"""(?:(?:place|inner)\(|(?:place|lstripped|inner)\[)"([^"]*)\"""")

# The place after which no writer template puts a section of its own: a
# section placed after it comes where the template writes the rest, at its end.
_END = "end"


def _trailing_at_end(plan: Plan, source: Origin) -> Plan:
    """``plan`` with its own top sections that come after every section of
    the source's own at the end of the target too (where the target's writer
    puts the rest), not after the target's section of the field they followed
    in the source, which in the target may be followed by others: carried
    back, they would be read as following another field, and move again."""
    if not plan.extra_sections:
        return plan
    # Sections its writer puts after the rest of the plan (aadt's progress log) are not counted.
    last_keys = _placed_last(source.fmt)
    counted = [h for h in (*own_headings(source.fmt), *plan.headings) if h.label not in last_keys]
    own = {normalize_title(h.value) for h in counted}
    nodes = list(outline(source.text).walk())
    appendix = [(node.start, node.end) for node in nodes if node.title == APPENDIX_HEADING]
    # A heading of the source's own that its reader kept as the author's section (a Complexity Tracking it
    # could not read as a table) is no field's: the last of the source, it is trailing too.
    authored = {normalize_title(s.heading) for s in plan.extra_sections if s.level > 0}
    known = [
        node.start
        for node in nodes
        if node.key in own and node.key not in authored and not any(a <= node.start < b for a, b in appendix)
    ]
    last = max(known, default=len(source.text))
    # A heading of the source's own in translation counts as its English one does (a Complexity Tracking
    # in prose, which the source carries under its translated heading): only those after the last known.
    labels = {h.label for h in counted}
    translated = [
        node.start
        for node in nodes
        if last < node.start
        and node.level <= 2
        and node.key not in authored
        and _translated_only(node.title)
        and _own_in_translation(source.fmt, node.title, labels)
    ]
    last = max(translated, default=last)
    trailing = {(node.title, node.level) for node in nodes if node.start > last and node.level <= 2}
    sections = tuple(
        evolve(section, after=_END)
        if section.level > 0 and section.heading != APPENDIX_HEADING and (section.heading, section.level) in trailing
        else section
        for section in plan.extra_sections
    )
    return _with(plan, extra_sections=sections)


def _placed_last(fmt: Format) -> frozenset[str]:
    """The keys a format's writer template places sections after once it has written the rest of the plan
    (``place.rest()``: aadt's progress log); none when it writes no rest."""

    def derive() -> frozenset[str]:
        template = writer_source(fmt.name)
        at = template.find("place.rest()")
        return frozenset(_PLACED.findall(template[at:])) if at >= 0 else frozenset()

    return derived("placed last", fmt.name, derive)


def _folder_extras_after(plan: Plan, target: Format) -> Plan:
    """``plan`` (a folder's) with the sections it read before every field of their file (``after`` empty)
    from a file other than its first placed after the plan's own content, as a person converting by hand
    puts them: the folder's carried files (research.md, spec.json) at the target's end, a tasks file's
    sections (a Task Format note) after the target's phases when it has them, else at its end. Before
    every field of the target, they would stand between the title and the plan's summary."""
    kept = plan.source if isinstance(plan.source, Source) else None
    if kept is None or not kept.parts:
        return plan
    formats = [FORMATS.get(part.format) or PART_FORMATS.get(part.format) for part in kept.parts]
    tasks = [
        s
        for part, fmt in zip(kept.parts, formats, strict=True)
        if fmt is not None and any(path.split(".")[0] == "phases" for path in fmt.holds)
        for s in part.plan.extra_sections
    ]
    first = kept.parts[0].plan.extra_sections
    others = [s for part in kept.parts[1:] for s in part.plan.extra_sections]
    # The folder's carried files: read from no file's format, only by the folder.
    files = [s for s in kept.plan.extra_sections if s not in first and s not in others]
    phases = "phases" if "phases" in _place_keys(target) else _END
    sections = []
    for section in plan.extra_sections:
        if section.level > 0 and not section.after and section not in first:
            if section in tasks:
                section = evolve(section, after=phases)
            elif section in files or section in others:
                section = evolve(section, after=_END)
        sections.append(section)
    return evolve(plan, extra_sections=tuple(sections))


def _translated_only(title: str) -> bool:
    """Whether ``title`` is a template's heading in translation and no format's own English heading (French
    ``Documentation`` is Spec Kit's ``Documentation (this feature)``, placed as an English heading is)."""
    return translated_heading(title) and not _heading_labels(title)


def _own_in_translation(fmt: Format, title: str, labels: Collection[str] = ()) -> bool:
    """Whether ``fmt`` reads ``title`` (a template's heading in translation) as the heading of a section
    of its own (of one of ``labels``, if given), as it reads its English heading there."""
    keys = [key for key in _own_titles(fmt) if not labels or key in labels]
    return bool(keys) and bool(takes_title(full_text(fmt), title, fmt._read_text, keys))


class _Conflict(Exception):
    """Two values for one field: the appendix does not come home."""


def _merged(mine: Any, theirs: Any) -> Any:
    """``mine`` with the values of ``theirs`` where it has none; ``_Conflict``
    where both have a value and they differ, or lists of different lengths
    (their items would not pair up)."""
    if is_empty(theirs):
        return mine
    if is_empty(mine):
        return theirs
    if isinstance(mine, tuple) and isinstance(theirs, tuple):
        if len(mine) != len(theirs):
            return _merged_by_key(mine, theirs)
        return tuple(_merged(one, other) for one, other in zip(mine, theirs, strict=True))
    if attrs.has(type(mine)) and type(mine) is type(theirs):
        changes = {
            f.name: _merged(getattr(mine, f.name), getattr(theirs, f.name))
            for f in attrs.fields(type(mine))
            if f.eq and f.init
        }
        if any(is_empty(getattr(mine, name)) and _held_elsewhere(mine, value) for name, value in changes.items()):
            # The appendix kept only the items holding a lost value (a task's check mark); the item keeps
            # them in another of its fields (a phase's tasks in its steps): as its list, they would take
            # that list's place, and its other items would stay out.
            raise _Conflict
        return evolve(mine, **changes)
    if mine != theirs:
        raise _Conflict
    return mine


def _held_elsewhere(item: Any, value: Any) -> bool:
    """Whether ``value`` is a list of items one of which ``item`` holds, by its key (its first field's
    text), in another of its fields."""
    if not isinstance(value, tuple) or not value or not all(attrs.has(type(one)) for one in value):
        return False
    texts = {text for _, text in leaves(item) if isinstance(text, str) and text}
    return any(getattr(one, attrs.fields(type(one))[0].name) in texts for one in value)


def _merged_by_key(mine: tuple[Any, ...], theirs: tuple[Any, ...]) -> tuple[Any, ...]:
    """``mine`` with each item of ``theirs`` (fewer: an appendix keeps only the items holding
    a lost value) merged into the next item of ``mine`` keyed as it is (by its first field: a
    phase's name, a task's text); ``_Conflict`` where one has no such item."""
    if len(theirs) > len(mine) or not all(attrs.has(type(item)) for item in (*mine, *theirs)):
        raise _Conflict
    merged, at = list(mine), 0
    for other in theirs:
        key = attrs.fields(type(other))[0].name
        value = getattr(other, key)
        at = next(
            (i for i in range(at, len(mine)) if type(mine[i]) is type(other) and getattr(mine[i], key) == value), -1
        )
        if not value or at < 0:
            raise _Conflict
        merged[at] = _merged(mine[at], other)
        at += 1
    return tuple(merged)


def _appendix_home(plan: Plan, target: Format) -> tuple[Plan, list[Placement]]:
    """``plan`` with an appendix of an earlier conversion (under the headings
    of the format it was converted from, which its intro names) read back into
    the fields it was taken from that the target holds: every such value into
    a field the plan leaves empty or holds the same. The appendix keeps the
    rest, written again as that conversion wrote it (``appendix``), with what
    that format's reader takes into no field (its footer, which the appendix
    writes before the headed sections). An appendix that cannot come home (a
    section its reader takes into no field, or a value conflicting with the
    plan's) stays whole. An appendix of a chain of conversions holds one part
    per conversion, each opening with its intro (``merged_appendix``): each part
    is read back, or kept, on its own. What stays goes after every section of the
    target's: before one, it would read as holding it."""
    placements: list[Placement] = []
    sections = list(plan.extra_sections)
    for index, section in enumerate(plan.extra_sections):
        named = APPENDIX_INTRO.match(section.body)
        if (
            section.heading != APPENDIX_HEADING
            or named is None
            or named[3] != "under"
            or (named[4] or named[1]) not in FORMATS
        ):
            continue
        at = sections.index(section)
        left: list[str] = []
        came = False
        for part in appendix_parts(section.body):
            plan, kept = _appendix_part_home(plan, target, part, section.level)
            came = came or kept != part
            left += [kept] if kept else []
        # A later part's items (a component whose section an earlier conversion carried) take values an
        # earlier part holds of them by name.
        for at_part, kept in enumerate(left):
            first, _, body = kept.partition("\n\n")
            plan, rest = _loose_home(plan, target, body)
            if rest != body:
                came, left[at_part] = True, first + "\n\n" + rest if rest.strip() else ""
        left = [kept for kept in left if kept]
        if left:
            sections[at] = evolve(section, body="\n\n".join(left), after=_END)
        else:
            del sections[at]
        if came:
            placements.append(Placement(f"extra_sections[{index}]", "appendix"))
    return _with(plan, extra_sections=tuple(sections)), placements


def _appendix_part_home(plan: Plan, target: Format, part: str, level: int) -> tuple[Plan, str]:
    """``plan`` with what one part of an earlier appendix (``appendix_parts``) holds for fields the target
    holds read back into them (``_appendix_home``), and what of the part stays (``""``: nothing)."""
    first, _, body = part.partition("\n\n")
    named = APPENDIX_INTRO.match(first)
    # A plan without text of its own (from JSON) is carried as another format writes it: that one reads it.
    shown = named.group(4) or named.group(1) if named is not None else ""
    if named is None or named.group(3) != "under" or shown not in FORMATS:
        return plan, part
    origin = FORMATS[shown]
    # Check marks carried by task ID come home on their own: the rest of the part comes home, or stays, without them.
    marks, unmarked = read_marks(body)
    marked = _with_marks(plan, marks, target)
    if marked is not None:
        plan, body = marked, unmarked
        if not body.strip():
            return plan, ""
        part = first + "\n\n" + body
    plan, body = _loose_home(plan, target, body)
    if not body.strip():
        return plan, ""
    part = first + "\n\n" + body
    # The author's headings it lists come home on their own, later (``_appendix_headings_home``): read
    # with the rest, they would keep it all from coming home on this conversion (it would on the next).
    intro = HEADINGS_INTRO.format(origin.name) + "\n"
    listed = [block for block in body.split("\n\n") if block.startswith(intro)]
    if listed:
        body = "\n\n".join(block for block in body.split("\n\n") if not block.startswith(intro))
        if not body.strip():
            return plan, part
    # Its lines above its first section (the source's header line, carried as it was written) come home on
    # their own: read with the carried sections under them, they would stay with those.
    blocks = body.split("\n\n")
    lead = next((at for at, block in enumerate(blocks) if block.startswith("#")), len(blocks))
    if 0 < lead < len(blocks):
        home, unread = _appendix_part_home(plan, target, first + "\n\n" + "\n\n".join(blocks[:lead]), level)
        if not unread:
            came = blocks[:lead]
            plan, body = home, "\n\n".join(blocks[lead:])
            part = "\n\n".join([first, *(b for b in part.partition("\n\n")[2].split("\n\n") if b not in came)])
    # Under the plan's own title: a value the reader takes only below a title (a footer) is read.
    title = f"# {plan.metadata.title}\n\n" if plan.metadata.title else ""
    parsed = origin.parse(title + hidden_comments(shift_headings(body, 1 - level), origin) + "\n")
    read = evolve(parsed, headings=(), labels=(), source=None)
    if title:
        # The title read is the plan's own, put above: no value of the part's coming home (else the part's
        # text under a heading of no field would come home as that text alone, its heading lost).
        read = evolve(read, metadata=evolve(read.metadata, title=""))
    values = list(leaves(evolve(read, extra_sections=())))
    held = restrict(evolve(read, extra_sections=()), target.holds)
    if any(section.level > 0 for section in read.extra_sections) or is_empty(held):
        return plan, part
    merged = evolve(plan, extra_sections=(), headings=(), labels=(), source=None)
    # Field by field (a list whole: its items pair up by key): a value conflicting with the plan's
    # stays in the part, and does not keep the others from coming home.
    fields = dict.fromkeys(_INDEX.split(path, 1)[0] for path, _ in leaves(held))
    conflicting = set()
    for field in fields:
        if _names_only(plan, read, held, field, target):
            # Items carried for what the target has no place for, by name, to a plan holding none
            # (maestro's ``4.2 Modified Methods`` beside SmartSpec's endpoints, which a Spec Kit Data Model
            # bullet holds now): by their names alone they would be new items, of no value of theirs.
            conflicting.add(field)
            continue
        try:
            merged = _merged(merged, restrict(held, {field}))
        except _Conflict:
            conflicting.add(field)
    if len(conflicting) == len(fields):
        return plan, part
    # A value the target has no place for, or one conflicting with the plan's: the appendix carries it still.
    unheld = [
        Loss(path=path, reason="", value=value)
        for path, value in values
        if not is_empty(value) and (_INDEX.sub("", path) not in target.holds or _INDEX.split(path, 1)[0] in conflicting)
    ]
    homed = set(fields) - conflicting
    # The author's heading over a field that came home comes with it (SmartSpec's ``📋 Özet`` over the
    # summary a tasks file carried): without it, the field would stand under the target's own heading
    # on the way back, as it did not before. Not another format's own heading: no author wrote that.
    mine = {heading.label for heading in plan.headings}
    headed = tuple(
        heading
        for heading in parsed.headings
        if heading.label not in mine
        and any(_under(heading.label, field) or _under(field, heading.label) for field in homed)
        and heading.value.strip().casefold() not in _template_headings()
    )
    plan = evolve(
        merged,
        extra_sections=plan.extra_sections,
        headings=(*plan.headings, *headed),
        labels=plan.labels,
        source=plan.source,
    )
    plan = _styles_home(plan, read, homed)
    left = [section.body for section in read.extra_sections if section.body.strip()]
    if unheld:
        rest = appendix(unheld, origin.name, named.group(2), plan=read, source_format=origin).body
        left += rest.partition("\n\n")[2:]
    left += listed
    return plan, "\n\n".join([first, *left]) if left else ""


def _names_only(plan: Plan, read: Plan, held: Plan, field: str, target: Format) -> bool:
    """Whether ``held`` (what the target holds of an appendix part, ``read``) holds of list ``field`` only
    its items' names, ``read`` some of their values the target has no place for, and ``plan`` no item."""
    if not _is_items(field) or _get(plan, field):
        return False
    values: Counter[str] = Counter(
        path.split("]", 1)[0] for path, value in leaves(held) if path.startswith(field + "[") and not is_empty(value)
    )
    if not values or any(count != 1 for count in values.values()):
        return False
    return any(
        _INDEX.sub("", path) not in target.holds
        for path, value in leaves(read)
        if path.startswith(field + "[") and not is_empty(value)
    )


# A block that is an item's name in bold (``**Command: `/plan`**``), as an appendix writes one over its details.
_BOLD_NAME = re.compile(r"\*\*[^*\n]+(?<!:)\*\*")


def _loose_home(plan: Plan, target: Format, body: str) -> tuple[Plan, str]:
    """``plan`` with the lost one-line values an appendix part's ``body`` holds above its sections, as
    ``_loose`` writes them (``- **Item — Label:** value``), in their fields that the target holds and
    ``plan`` leaves empty: an item's into the one item of its name, a list's (one line per item, the
    label's alone) into that list, empty before them; and ``body`` less the lines that came home. A
    value of a label the target holds no field of, of no item or of several, stays."""
    blocks = body.split("\n\n")
    kept: list[str] = []
    filling: set[str] = set()
    for at, block in enumerate(blocks):
        if block.startswith("#"):
            kept += blocks[at:]
            break
        values = loose_values(block)
        if values is None or (at and _BOLD_NAME.fullmatch(blocks[at - 1])):
            # (Under an item's name in bold, the lines are that item's details, not loose values.)
            kept.append(block)
            continue
        left = []
        for line, (item, label, value) in zip(block.split("\n"), values, strict=True):
            placed = _loose_placed(plan, target, item, label, value, filling)
            if placed is None:
                left.append(line)
            else:
                plan = placed
        kept += ["\n".join(left)] if left else []
    return plan, "\n\n".join(kept)


@functools.cache
def _loose_fields() -> dict[str, tuple[str, ...]]:
    """The model's fields (``architecture.components.technology``) by the label ``_loose`` writes their values under."""
    fields: dict[str, tuple[str, ...]] = {}
    for path, _ in leaves(filled(Plan)):
        pattern = _INDEX.sub("", path)
        fields[loose_label(pattern)] = tuple(dict.fromkeys((*fields.get(loose_label(pattern), ()), pattern)))
    return fields


def _loose_placed(plan: Plan, target: Format, item: str, label: str, value: str, filling: set[str]) -> Plan | None:
    """``plan`` with one value of ``_loose_home`` in its field, ``None`` where it has no such empty field
    (or, with no item, a label of several fields of no item: ``Overview``, the architecture's or the data
    model's). A value with no item is of a field of no item (``Status``: the plan's, not a timeline entry's)."""
    patterns = _loose_fields().get(label, ())
    if not item:
        # A value of an item is written with the item's name, or its list's where that is needed.
        patterns = tuple(pattern for pattern in patterns if pattern in loose_top_fields())
        if len(patterns) != 1:
            return None
    for pattern in (p for p in patterns if p in target.holds):
        items_path, _, name = pattern.rpartition(".")
        if item and not items_path:
            continue
        try:
            current = _get(plan, items_path if item else pattern)
        except AttributeError:
            continue  # a field of a list's items, and no item named
        if item:
            if not isinstance(current, tuple):
                continue
            found = [
                at
                for at, one in enumerate(current)
                if attrs.has(type(one)) and any(getattr(one, n, None) == item for n in LOOSE_NAMES)
            ]
            if len(found) != 1 or getattr(current[found[0]], name, None) != "":
                continue
            changed = list(current)
            changed[found[0]] = evolve(changed[found[0]], **{name: value})
            return _set(plan, items_path, tuple(changed))
        if current == "":
            return _set(plan, pattern, value)
        if (
            isinstance(current, tuple)
            and (not current or pattern in filling)
            and all(isinstance(v, str) for v in current)
        ):
            filling.add(pattern)
            return _set(plan, pattern, (*current, value))
    return None


def _with_marks(plan: Plan, marks: dict[str, dict[str, bool]], target: Format) -> Plan | None:
    """``plan`` with the check marks an appendix gave its tasks by ID (``read_marks``) on those tasks;
    ``None`` where the target holds no such mark or a task of an ID is not in ``plan`` once."""
    fields = {field for states in marks.values() for field in states}
    if not marks or any(f"phases.tasks.{field}" not in target.holds for field in fields):
        return None
    found: Counter[str] = Counter()

    def marked(task: Any) -> Any:
        subtasks = tuple(marked(sub) for sub in task.subtasks) if isinstance(task, Task) else ()
        changes: dict[str, Any] = {"subtasks": subtasks} if subtasks else {}
        if task.id in marks:
            found[task.id] += 1
            changes.update(marks[task.id])
        return evolve(task, **changes) if changes else task

    phases = tuple(
        evolve(
            phase,
            tasks=tuple(marked(task) for task in phase.tasks),
            steps=tuple(evolve(step, tasks=tuple(marked(task) for task in step.tasks)) for step in phase.steps),
        )
        for phase in plan.phases
    )
    if any(found[task_id] != 1 for task_id in marks):
        return None
    return evolve(plan, phases=phases)


def _appendix_headings_home(plan: Plan, target: Format) -> Plan:
    """``plan`` with the author's headings an appendix of a conversion from ``target`` lists back over
    their sections (``_headings_home``): after the moves, which fill the fields they head."""
    sections: list[Section] = []
    for section in plan.extra_sections:
        first, _, body = section.body.partition("\n\n")
        named = APPENDIX_INTRO.match(first)
        if (
            section.heading == APPENDIX_HEADING
            and named is not None
            and named.group(3) == "under"
            and named.group(1) == target.name
        ):
            plan, body = _headings_home(plan, target, body)
            if not body.strip():
                continue
            section = evolve(section, body=first + "\n\n" + body)
        sections.append(section)
    return _with(plan, extra_sections=tuple(sections))


def _headings_home(plan: Plan, fmt: Format, body: str) -> tuple[Plan, str]:
    """``plan`` (written in ``fmt``) with the author's headings that ``body`` (an appendix of a conversion
    from ``fmt``) lists back over their sections, where the plan has the section and no heading of its
    own for it; and ``body`` less them. A cycle through a format without the heading (SmartSpec's
    ``## 📋 Özet`` through Spec Kit) keeps it."""
    intro = HEADINGS_INTRO.format(fmt.name) + "\n"
    blocks = body.split("\n\n")
    at = next((index for index, block in enumerate(blocks) if block.startswith(intro)), None)
    if at is None:
        return plan, body
    mine = {heading.label for heading in plan.headings}
    left = []
    for line in blocks[at][len(intro) :].split("\n"):
        title = line.removeprefix("- ")
        if any(held.value == title for held in plan.headings):
            # The plan heads a section so already (a subsection's, which the probe below, a section,
            # does not read): carried again, the line would stand in every later cycle's appendix.
            continue
        read = fmt.parse(f"# {plan.metadata.title or 'Plan'}\n\n## {title}\n\nx\n").headings
        heading = next((heading for heading in read if heading.value == title), None)
        if heading is None or heading.label in mine or is_empty(dict(leaves(plan)).get(heading.label)):
            left.append(line)
            continue
        plan = evolve(plan, headings=(*plan.headings, heading))
        mine.add(heading.label)
    blocks[at : at + 1] = [intro + "\n".join(left)] if left else []
    return plan, "\n\n".join(blocks)


def _place_order(fmt: Format) -> list[str]:
    """The keys a format's writer template places sections after, in the template's order."""
    # Kept: asked by every section that comes home and every reanchoring, of the template alone.
    return derived("place order", fmt.name, lambda: list(dict.fromkeys(_PLACED.findall(writer_source(fmt.name)))))


def _reanchored(plan: Plan, source: Origin, target: Format) -> Plan:
    """``plan`` with each of its own sections that followed a field the target
    places nothing after placed after the nearest field before it (in the
    source's order) that the target has, instead of at the target's end:
    carried back, it would follow the target's last section, and move again."""
    placeable = _place_keys(target)
    order = _place_order(source.fmt)
    # Where the target places text after its header: the first place its writer has after the front matter.
    places = _place_order(target)
    header = places[places.index("metadata.front") + 1 :][:1] if "metadata.front" in places else []
    sections = []
    for section in plan.extra_sections:
        key, _, index = section.after.rpartition(".")
        base = key if index.isdigit() else section.after
        # (Spec Kit rapid's ``intro``: the text under its title, below its header lines.)
        header_text = section.level == 0 and (_under(base, "metadata") or base == "intro")
        if header_text and section.after not in placeable and base not in placeable and (header or "" in placeable):
            # Text after a header line the target has no place after (a tasks file's prose under its
            # ``**Input**:`` line, a note under Spec Kit's Input line) reads on after the target's header,
            # else under its title: after a field below, it would read as that field's.
            sections.append(evolve(section, after=header[0] if header else ""))
            continue
        opening = f"{section.after}.intro"
        if (
            opening in placeable
            and section.level > (_level(target, section.after) or 2)
            and _holds(target, section.after)
            and is_empty(_get(plan, section.after))
        ):
            # The author's subsection of a field the plan leaves empty opens the target's section, before the
            # template's samples there (SmartSpec's New Dependencies table), as it comes from a format whose
            # samples are no section (Spec Kit's dependency list): after them, the next cycle would read it so.
            sections.append(evolve(section, after=opening))
            continue
        if section.level == 0 or section.after in placeable or base in placeable or base not in order:
            sections.append(section)
            continue
        # A subsection stays in the section it is in: under another, it would read as part of that one.
        parent = base.split(".")[0] if section.level > 2 else ""
        # The place after the header is every format's: a top section after a field the target lacks, right
        # after the source's header (aadt's summary, to maestro), stays at the top, not at the end.
        top = not parent and order[: order.index(base)][-1:] == [""]
        anchor = next(
            (
                k
                for k in reversed(order[: order.index(base)])
                if k in placeable and (_holds(target, k) or (k == "" and top)) and _under(k, parent or k)
            ),
            None,
        )
        if anchor is None and parent and section.level == 3:
            # None of the source's fields before it in that section is the target's: the target's
            # last prose field in that section is (Test Data of SmartSpec's testing after Spec Kit's
            # strategy), not the target's end, where it would read as the last section's. (After
            # a list of labels, its heading would read as one more label.)
            anchor = next(
                (
                    k
                    for k in reversed(_place_order(target))
                    if k in placeable and _holds(target, k) and _under(k, parent) and _is_prose(k)
                ),
                None,
            )
        if anchor is None and parent:
            # None before it: at the end of the target's section for the field it is a part of.
            anchor = next((k for k in reversed(_place_order(target)) if k in placeable and _under(k, parent)), None)
        theirs = {normalize_title(h.value) for h in own_headings(target)}
        if (
            anchor is None
            and section.level > 2
            and normalize_title(section.heading) not in theirs
            and not (_translated_only(section.heading) and _own_in_translation(target, section.heading))
        ):
            # No section of the target's for it to stand in: at the target's end it is a top section,
            # not a subsection of whatever section comes last (Spec Kit's Complexity Tracking); under
            # a heading of the target's own, the target would read it as that section.
            body = shift_headings(section.body, 2 - section.level)
            section = evolve(section, level=2, body=body)
        sections.append(evolve(section, after=anchor) if anchor is not None else section)
    # A folder's sections of a field the target places nowhere go to the file of their part, not before another's.
    moved = sections if source.folder else _before_next_placed(sections, placeable)
    return _with(plan, extra_sections=tuple(moved))


def _before_next_placed(sections: Sequence[Section], placeable: Collection[str]) -> tuple[Section, ...]:
    """``sections`` with each one the target places nowhere (it comes at the target's end) placed
    right before the next section of its level or above that the target does place, with that one's
    anchor: at the end, it would follow a section that followed it in the source (a Technical
    Context headed by its empty field's section, then a Structure Decision after the phases, in a
    tasks file), and the next cycle, reading them in that order, would write them so. Whatever the
    target places between them (a phase's own subsections, text) stays before it, as it was. A
    section placed after the end on purpose (``_trailing_at_end``) stays there."""

    def placed(section: Section) -> bool:
        key, _, index = section.after.rpartition(".")
        return section.after in placeable or (index.isdigit() and key in placeable)

    def anchors(section: Section) -> bool:
        # A source's appendix is written last wherever it was placed: no mark of where the target places.
        return placed(section) and section.heading != APPENDIX_HEADING

    waiting: dict[int, list[Section]] = {}
    for at, section in enumerate(sections):
        if section.level == 0 or placed(section) or section.after == _END:
            continue
        later = range(at + 1, len(sections))
        following = next((i for i in later if 0 < sections[i].level <= section.level and anchors(sections[i])), None)
        if following is not None:
            waiting.setdefault(following, []).append(section)
    if not waiting:
        return tuple(sections)
    moved = {id(section) for run in waiting.values() for section in run}
    result: list[Section] = []
    for at, section in enumerate(sections):
        result += [evolve(s, after=section.after) for s in waiting.get(at, [])]
        if id(section) not in moved:
            result.append(section)
    return tuple(result)


def _in_phases(plan: Plan, target: Format) -> Plan:
    """``plan`` with the sections of each phase's own (after ``phases.N``: SpecPulse's ``### Hedef`` under
    a ``## Faz 1`` phase) shifted so that their top one stands right under the target's phase heading
    (``_phase_section_level``): at the phase's level they would read as the section after the phase
    (SmartSpec's ``### Phase 1``), deeper they may fall into the phase's last subsection (a tasks file's
    ``### Deliverables`` group), and either way the next cycle would read them elsewhere."""
    # The author's layout of the phases (SpecPulse's ``## Faz 1`` headings) places them at another level.
    layout = tuple(style for style in plan.list_styles if _under(style.label, "phases"))
    level = _phase_section_level(target) if not layout else _laid_out_phase_section_level(target, layout)
    if not level:
        return plan
    tops: dict[str, int] = {}
    for section in plan.extra_sections:
        if section.level > 0 and _item_of(section.after, "phases"):
            tops[section.after] = min(tops.get(section.after, section.level), section.level)
    if all(top == level for top in tops.values()):
        return plan
    sections = []
    for section in plan.extra_sections:
        by = level - tops[section.after] if section.level > 0 and section.after in tops else 0
        if by:
            section = evolve(section, level=section.level + by, body=shift_headings(section.body, by))
        sections.append(section)
    return evolve(plan, extra_sections=tuple(sections))


def _phase_section_level(target: Format) -> int:
    """The heading level right under ``target``'s phase heading, where it reads a section after a phase
    back as that phase's own (0: it does not): derived from the format alone, by writing a two-phase
    plan with such a section and reading it back."""
    return derived("phase section level", target.name, lambda: _probed_phase_section_level(target, ()))


@functools.lru_cache(maxsize=64)
def _laid_out_phase_section_level(target: Format, layout: tuple[Labeled, ...]) -> int:
    """``_phase_section_level`` of phases written in the author's ``layout`` (``Plan.list_styles``)."""
    return _probed_phase_section_level(target, layout)


def _probed_phase_section_level(target: Format, layout: tuple[Labeled, ...]) -> int:
    phases = (Phase(name="Probe Phase", tasks=(Task(text="Probe task"),)), Phase(name="Next"))
    text = target.emit(Plan(phases=phases, list_styles=layout))
    heading = next((node for node in outline(text).walk() if "Probe Phase" in node.title), None)
    if heading is None:
        return 0
    section = Section(heading="Probe Notes", level=heading.level + 1, body="Noted.", after="phases.0")
    back = target.parse(target.emit(Plan(phases=phases, extra_sections=(section,), list_styles=layout)))
    return section.level if back.extra_sections == (section,) else 0


def _empty_headed(plan: Plan, source: Origin, target: Format) -> Plan:
    """``plan`` with each section of its author's that the source read as the
    section of a field it left empty (a heading and the author's subsections
    under it) carried whole, heading and all, for a target that does not hold
    the field: else only its subsections would be carried, without it."""
    sections = list(plan.extra_sections)
    headings = list(plan.headings)
    # The author's headings, then the format's own (a Kiro ``## Data Models`` holding only subsections).
    titled: list[tuple[str, str, Labeled | None]] = [(h.label, h.value, h) for h in plan.headings]
    titled += [(h.label, "", None) for h in own_headings(source.fmt) if h.label not in {t[0] for t in titled}]
    targets = {normalize_title(h.value) for h in own_headings(target)}
    for key, title, heading in dict.fromkeys(titled):
        if _holds(target, key):
            continue
        try:
            value = _get(plan, key)
        except AttributeError:
            continue
        node = source.node(key)
        if not is_empty(value) or node is None or (title and node.title != title) or not node.children:
            continue
        if normalize_title(node.title) in targets:
            # The target has a section of that title: its subsections go into it (``_reanchored``).
            continue
        # Not the source template's samples beside the author's subsections (SmartSpec's Unit Tests
        # placeholders under an author's Testing Strategy): they are no part of what the author wrote.
        # Its template's answers for nothing stay (``Format.unanswered`` is not asked): its field is empty, and
        # without them the section would read back as its author's subsections alone (Spec Kit's Technical
        # Context as one ``### Technical Stack`` entry).
        body = _without_samples(node, source.fmt)
        inside = {child.title for child in _descendants(node)}
        mine = [s for s in sections if s.level > 0 and s.heading in inside and s.heading in body]
        if not mine:
            continue
        if any(normalize_title(s.heading) in targets for s in mine):
            # One of them comes home under the target's own heading for it (SpecPulse's Rollout Plan
            # holding an author's Rollback Plan, to aadt): wrapped, it would not.
            continue
        known = {normalize_title(h.value) for h in (*own_headings(source.fmt), *plan.headings)}
        samples = _blank_sections(source.fmt)
        if any(
            normalize_title(child.title) in known and (child.title, child.level, _content(child)) not in samples
            for child in node.children
        ):
            # Whole, it would repeat the sections of fields beside the author's (aadt's Rollback Plan
            # and Feature Flags under Migration/Deployment), which the target holds or its appendix
            # carries: the author's go on their own.
            continue
        blank = (node.title, node.level, _tight(node.body.strip("\n"))) in _blank_sections(source.fmt)
        fields = {key, *_heading_labels(node.title)}
        others = all(
            _heading_labels(s.heading)
            and not any(_under(label, f) for label in _heading_labels(s.heading) for f in fields)
            for s in mine
        )
        if blank and others:
            # The format's own section as its template has it, over only sections of other fields
            # carried into it (a component design after a Technical Context): they are carried, not it.
            continue
        at = sections.index(mine[0])
        after = mine[0].after
        previous = sections[at - 1] if at else None
        # Not after a deeper one (the last phase's ``#### Tasks``, then a top ``## File Changes``): it was no
        # part of that one's parent, and anchored there it would read as a phase's own section (``_in_phases``).
        if previous is not None and 0 < previous.level <= node.level:
            # Right after a section of no field (a carried Constitution Check), it stays after that one: its
            # subsections follow its field in the source's order (maestro's File Structure read from an author's
            # ``## Project Structure``), which is not where it stood.
            nodes = outline(source.text).walk()
            if any(n.title == previous.heading and n.end == node.start for n in nodes):
                after = previous.after
        sections = [s for s in sections if s not in mine]
        sections.insert(at, Section(heading=node.title, level=node.level, body=body, after=after))
        if heading is not None:
            headings.remove(heading)
    return _with(plan, extra_sections=tuple(sections), headings=tuple(headings))


def _blank_sections(fmt: Format) -> frozenset[tuple[str, int, str]]:
    """The sections of ``fmt``'s blank template, as ``(title, level, content)`` with the content
    ``_tight``: derived from the format alone, once (every conversion from it asks)."""

    def derive() -> frozenset[tuple[str, int, str]]:
        nodes = outline(fmt.blank_text).walk()
        return frozenset((node.title, node.level, _content(node)) for node in nodes)

    return derived("blank sections", fmt.name, derive)


def _blank_headings(fmt: Format) -> frozenset[tuple[str, int]]:
    """The ``(title, level)`` of each section of ``fmt``'s blank template (``_blank_sections``)."""
    return derived("blank headings", fmt.name, lambda: frozenset((t, level) for t, level, _ in _blank_sections(fmt)))


def _without_template_copies(plan: Plan, source: Origin) -> Plan:
    """``plan`` without its sections that are the source format's own blank
    sections as its template has them (placeholders under the format's own
    heading, kept verbatim where an author's section took that heading's
    field): they hold nothing of the plan, and carried they would stand beside
    the target's own placeholder for the same field."""
    blank = _blank_sections(source.fmt)
    sections = tuple(
        s for s in plan.extra_sections if not (s.level > 0 and (s.heading, s.level, _tight(s.body)) in blank)
    )
    return evolve(plan, extra_sections=sections) if len(sections) != len(plan.extra_sections) else plan


# The parts of the rapid Spec Kit's Data Model bullets (``_sections_to``), by the field each is of.
_BULLETS = (
    ("data_model", "Database schema changes"),
    ("api", "API contracts"),
    ("architecture.data_flow", "Data flows"),
)


def _bullets_home(plan: Plan, target: Format) -> tuple[Plan, list[Placement]]:
    """``plan`` with the Data Model bullets written from the sections of a
    source (``_sections_to``: each section's text indented under its label, its
    headings in bold) read back by the target's reader into the fields of
    those sections, for a target that holds them and not the bullets."""
    text = plan.data_model.overview
    if not text or _holds(target, "data_model.overview"):
        return plan, []
    labels = {label: key for key, label in _BULLETS}
    parts = _bullet_parts(text)
    if not parts:
        return plan, []
    own = _own_keys(target)
    placements: list[Placement] = []
    sections = list(plan.extra_sections)
    left: list[tuple[str, str]] = []
    for label, block in parts:
        key = labels[label]
        body = "\n".join(line[2:] if line.startswith("  ") else line for line in block.split("\n"))
        title = next((h.value for h in own_headings(target) if h.label == key), None)
        level = _level(target, key)
        if _indent(body) != block or title is None or not level or not _holds(target, key):
            left.append((label, block))
            continue
        # A bold line naming one of the target's own sections was that section's heading; another
        # (not a ``**Label:**``) one of a section inside it, taken so only when the reader then
        # takes every line into a field.
        taken = None
        for deeper in (True, False):
            lines = []
            inside = False
            for line in body.split("\n"):
                bold = re.fullmatch(r"\*\*(.+)\*\*", line)
                if bold is not None and normalize_title(bold.group(1)) in own:
                    line, inside = "#" * (level + 1) + " " + bold.group(1), True
                elif bold is not None and deeper and inside and not bold.group(1).endswith(":"):
                    line = "#" * (level + 2) + " " + bold.group(1)
                lines.append(line)
            taken = _taken(plan, target, key, Section(heading=title, level=level, body="\n".join(lines)))
            if taken is not None and (not deeper or not taken[1]):
                break
            taken = None if deeper else taken
        if taken is None:
            left.append((label, block))
            continue
        plan, kept, _ = taken
        sections.extend(kept)
        placements.append(Placement(f"data_model.overview ({label})", key))
    overview = "\n\n".join(f"- {label}:\n\n{block}" for label, block in left)
    plan = evolve(plan, data_model=evolve(plan.data_model, overview=overview))
    return evolve(plan, extra_sections=tuple(sections)), placements


def _bullet_parts(text: str) -> list[tuple[str, str]]:
    """The Data Model bullets (``_sections_to``) ``text`` is made of, as (label, its indented text), in
    order; none when it is anything else."""
    labels = {label for _, label in _BULLETS}
    starts = [m for m in re.finditer(r"(?:^|\n\n)- ([^\n]+):\n\n", text) if m.group(1) in labels]
    if not starts or starts[0].start() != 0:
        return []
    parts = [
        (m.group(1), text[m.end() : starts[at + 1].start() if at + 1 < len(starts) else len(text)])
        for at, m in enumerate(starts)
    ]
    return parts if "\n\n".join(f"- {label}:\n\n{block}" for label, block in parts) == text else []


# A placeholder: ``{{...}}`` in a line, or a line that is all one (Kiro's ``[What is built...]``, OpenSpec's
# ``<!-- The problem... -->``; not a comment holding a value, SpecPulse's ``<!-- STATUS: pending -->``).
_PLACEHOLDER = re.compile(r"\{\{[^{}\n]*\}\}|^\[[^\[\]\n]+\]$|^<!--[^:\n]*-->$")


def clear_placeholders(text: str, target: Format, checked: str | None = None) -> str:
    """``text`` (a plan written in ``target``) without the template's
    placeholder lines (a line of the blank template, holding a ``{{...}}``)
    in each section that received content: a section whose own text (its
    heading and the body above its sub-sections) differs from the template's.
    A section that received nothing keeps them, so a reader sees what is left
    to fill; lines in code fences stay. ``checked``: a text read already, whose reading is at hand (the
    output before its appendix was added, as the conversion's loss check read it).

    >>> from plancore._registry import get_format
    >>> aadt = get_format("aadt")
    >>> text = aadt.blank_text.replace("{{FEATURE_NAME}}", "Export", 1)
    >>> "{{ISSUE_ID}}" in clear_placeholders(text, aadt), "{{ISSUE_ID}}" in clear_placeholders(aadt.blank_text, aadt)
    (False, True)
    """
    if text == target.blank_text:
        # The blank template written back as it is (an output that received nothing): what is cut from it
        # depends on the format alone, worked out once (it was a sixth of the cuts' cost a round).
        return derived("blank cleared", target.name, lambda: _placeholders_cleared(text, target))
    return _placeholders_cleared(text, target, checked)


def _placeholders_cleared(text: str, target: Format, checked: str | None = None) -> str:
    """``clear_placeholders(text, target, checked)``, worked out."""
    blank = _placeholder_sections(target)
    doc = outline(text)
    nodes = list(reversed(list(enumerate(doc.walk()))))
    # Sections are cut last first, so a cut leaves the offsets of those before it as they were.
    # Every cut at once is what cutting them one by one gives when each reads back as before
    # (the usual case): tried first, it spares a reading of the text per section.
    everything = text
    # Where the last section cut ends (its own text's end), in ``text``.
    last = 0
    for index, node in nodes:
        cut = _cut_placeholders(everything, node, blank.get(_own_key(node, index)), not _own_key(node, index))
        if cut != everything and not last:
            last = node.children[0].start if node.children else node.end
        everything = cut
    read: Plan | None = None
    # A text that reads as ``text`` does, read in its place: after cuts judged by the part before them
    # (``_reads_alike_before``), the output, whose reading is at hand when the conversion's loss check
    # read it (no appendix added since) or its writer put the author's headings back (``titled``).
    alike = text
    if everything != text and _reads_alike_before(text, everything, last, [node for _, node in nodes], target):
        # The outline ``_cut_samples`` walks, derived from this text's (at hand), which the cut text shares from
        # ``last`` on: not found by comparing the texts kept with it (a third of deriving it).
        outline_like(everything, doc, 0, len(text) - last)
        alike, text = text, everything
    elif everything != text:
        read = target.parse(text)
        if target.parse(everything) == read:
            text = everything
        else:
            for index, node in nodes:
                cut = _cut_placeholders(text, node, blank.get(_own_key(node, index)), not _own_key(node, index))
                # A line the reader needs to end the section (SmartSpec's footer) stays.
                if cut != text and target.parse(cut) == read:
                    text = cut

    def reading() -> Plan:
        # Read only when a sample is found (most outputs have none).
        return target.parse(alike) if read is None else read

    return _cut_samples(text, target, reading, alike, checked)


def _cut_samples(
    text: str,
    target: Format,
    reading: Callable[[], Plan] | None,
    alike: str | None = None,
    checked: str | None = None,
) -> str:
    """``text`` (a plan written in ``target``; ``reading`` gives its reading, None: read it; that of ``alike``
    when given, a text that reads as it does and ends as it does; ``checked``: a text read already, as
    ``clear_placeholders`` takes it) without the sections that are the target's
    blank template's own, word for word (its samples), where they stand beside the author's content: a
    subsection of a section that received content (maestro's ``6.1 Unit Tests`` with ``{test category 1}``
    under a filled Testing Strategy), or a section whose field an author's
    section of the output stands for under another heading or in another shape (aadt's sample
    Dependencies table beside an author's ``📦 依赖项``: ``_stands_for``). Beside that content a
    sample reads as a part of it left to fill, or as a second place for it. A section that received
    nothing keeps its samples, as ``clear_placeholders`` keeps its placeholder lines."""
    samples = _blank_sections(target)
    # A section's content is compared only where the template has a section of its title and level.
    headed = {(title, level) for title, level, _ in samples}
    known = _template_lines(target.name, target.blank_text)
    cuts: list[tuple[int, int]] = []
    # Asked of each node by ``visit``, ``empty`` and ``_twin_samples`` in turn: each answer, by the node's offset.
    answers: dict[int, bool] = {}

    def sample(node: Node) -> bool:
        answer = answers.get(node.start)
        if answer is None:
            answer = answers[node.start] = (node.title, node.level) in headed and (
                node.title,
                node.level,
                _content(node),
            ) in samples
        return answer

    def empty(node: Node) -> bool:
        # Nothing of the author's: its own lines the template's, and so each subsection.
        return sample(node) or (_lines(_own_text(node, False)) <= known and all(map(empty, node.children)))

    def visit(node: Node, top: bool) -> None:
        if sample(node):
            return
        if not top and node.children and not empty(node):
            for child in node.children:
                if sample(child):
                    cuts.append((child.start, _before_rule(child)))
        for child in node.children:
            visit(child, False)

    doc = outline(text)
    roots = doc.roots
    # Every section, in order: walked once, for the samples among them and for their twins.
    nodes = list(doc.walk())
    # Every cut is of a sample: with none in the text there is nothing to look for (most outputs).
    if not any(map(sample, nodes)):
        return text
    for index, root in enumerate(roots):
        # The document's title holds the plan's title, no content of a section's.
        visit(root, index == 0 and root.level == 1)
    cuts.extend(_twin_samples(nodes, target, sample))
    if not cuts:
        return text
    # A sample inside another cut one goes with it. One followed by an author's section stays: that section
    # would be read after another field (``kept``), and trying costs a reading of the text.
    own = {normalize_title(heading.value) for heading in own_headings(target)}
    cuts = [
        cut
        for cut in set(cuts)
        if not any(a <= cut[0] and cut[1] <= b and (a, b) != cut for a, b in cuts)
        and _next_title(text, cut[1]) in own | {""}
    ]
    if not cuts:
        return text
    cuts.sort()
    alike = text if alike is None else alike
    read: list[Plan] = []

    def whole() -> Plan:
        # Read once, when a cut is judged by the whole text.
        if not read:
            read.append(target.parse(text) if reading is None else reading())
        return read[0]

    # Where the appendix starts, which the cuts leave as it is, the template's footer after it, and the reading
    # of ``alike`` before it with that footer: worked out for the first cut not judged within its section (it
    # reads the appendix alone).
    behind: list[tuple[int | None, str, Plan | None]] = []

    def before_appendix() -> tuple[int | None, str, Plan | None]:
        if not behind:
            found = _appendix_alone(text, roots, target, alike, checked)
            appendix, footer = (None, "") if found is None else found
            ahead: Plan | None = None
            if appendix is not None and max(stop for _, stop in cuts) <= appendix and alike.endswith(text[appendix:]):
                at = len(alike) - (len(text) - appendix)
                if parsed_alone(alike, at):
                    # The output before its appendix, with the footer that follows it where that footer reads into
                    # a field (SmartSpec's): the text the conversion's loss check read (at hand).
                    ahead = target.parse(alike[: at - 1] + footer)
            behind.append((appendix, footer, ahead))
        return behind[0]

    def kept(cut: str) -> bool:
        # Read as before, the author's sections after a cut one too: one read after another field would
        # be placed after it by the next conversion (E2E tests after the unit tests, not coming home).
        # Judged first by the one section it changes, where the target reads it alone (a sample's subsection
        # cut from a section of the author's: two readings of a part, not one of the whole, most of the
        # cuts' cost), then by the text before the appendix, read alone (but for the footer after it): the
        # appendix, which reads alone, is the same text after it (as ``_reads_alike_before`` judges a
        # header's cuts).
        if _reads_alike_within(text, cut, doc, target):
            return True
        appendix, footer, ahead = before_appendix()
        if ahead is not None and appendix is not None and cut.endswith(text[appendix:]):
            at = len(cut) - (len(text) - appendix)
            if parsed_alone(cut, at):
                before = cut[: at - 1] + footer
                # Its outline derived from the cut text's, itself derived from this text's (at hand): the
                # outline of the text the loss check read may be gone from those kept by now, and one of
                # the part before, found by what it shares with the texts kept, was parsed whole.
                outline_like(before, outline(cut), at - 1, len(footer))
                if target.parse(before) == ahead:
                    return True
        return target.parse(cut) == whole()

    everything = text
    for start, stop in reversed(cuts):
        everything = everything[:start] + everything[stop:]
    # Numbered again first (``_renumbered``): that changes only the numbers of the template's own headings,
    # which the reader finds them without (``normalize_title``), so the cut text numbered again reads as before
    # only where the cut text does: one reading answers for both (the second was 4 % of a conversion to maestro).
    # The cut text judged by its sections alone answers for it numbered again too (its heading numbered anew is the
    # same text in neither, which the judgement of a section before its last sub-section asks for).
    again = everything if target.renumbered is None else target.renumbered(everything)
    # (As ``kept`` judges it first, before the outline below, which only its later judgements need.)
    judged = _reads_alike_within(text, everything, doc, target)
    if again != everything and (judged or kept(again)):
        return again
    if judged:
        return everything
    if before_appendix()[2] is not None:
        # The outline ``kept`` derives that of the part before the appendix from, derived from this text's (at
        # hand), which the cut text shares before the first cut and after the last: not found by comparing the
        # texts kept with it.
        outline_like(everything, doc, cuts[0][0], len(text) - cuts[-1][1])
    if kept(everything):
        return everything
    before = text
    for start, stop in reversed(cuts):
        cut = text[:start] + text[stop:]
        if kept(cut):
            text = cut
    return text if text == before else _renumbered(text, target, kept)


def _reads_alike_within(text: str, cut: str, doc: Outline, target: Format) -> bool:
    """Whether ``cut`` (``text``, of outline ``doc``, changed within sections under its title, their heading
    lines kept) reads as ``text`` does, judged by reading the title's heading and body with each changed section
    alone after them, in each, where the target reads it as a part of its own (``Format.local_section``) and the
    parse of both texts from its start to its end is that of the part alone (``parsed_alone``). ``False``
    when it cannot tell.

    Of several sections changed, each is judged alone among the sections as each text has them (the same but for
    the changed ones' bodies): changed one by one, each text between reads as the last did, for a format tells a
    section read alone by the titles around it and the sections' own text (``Format.local_section``), asked of
    both texts, and each changed section's parse stands alone in both."""
    local, ahead = target.local_section, target.local_before_last
    roots = doc.roots
    if (local is None and ahead is None) or not roots or roots[0].level != 1 or not roots[0].children:
        return False
    title = roots[0]
    head = title.children[0].start
    # Where the texts first differ: after the header's end, which reads alone.
    before = _common_prefix(text, cut)
    if before <= head or not parsed_alone(text, head):
        return False
    after = _common_suffix(text, cut, min(len(text), len(cut)) - before)
    other = outline_like(cut, doc, before, after)
    siblings = [*title.children, *roots[1:]]
    others = [*other.roots[0].children, *other.roots[1:]] if other.roots and other.roots[0].level == 1 else []
    if len(siblings) != len(others) or others[0].start != head:
        return False
    changed = []
    for node, like in zip(siblings, others, strict=True):
        if text[node.start : node.body_start] != cut[like.start : like.body_start] or node.level != like.level:
            return False
        if text[node.start : node.end] != cut[like.start : like.end]:
            changed.append((node, like))
    # Only sections under the title are judged (a root after it is read as one of them, but none is tried here).
    if any(node.level == 1 for node, _ in changed):
        return False
    for node, like in changed:
        # The start of the first line where the section differs (a line both texts start alike, as a heading's
        # ``### `` may be: the section of one text may start a sub-section there, the other's another).
        within = node.body_start + _common_prefix(text[node.body_start : node.end], cut[like.body_start : like.end])
        within = max(node.body_start, text.rfind("\n", 0, within) + 1)
        # (The first changed section's start is the same text before it in both: ``parsed_alone`` asks only of the
        # others, after a section that changed.)
        if not (
            (node is changed[0][0] or (parsed_alone(text, node.start) and parsed_alone(cut, like.start)))
            and _judged_alone(text, cut, node, siblings, like.end, target, within)
            and _judged_alone(cut, text, like, others, node.end, target, within - node.start + like.start)
        ):
            return False
    header = text[:head]
    return bool(changed) and all(
        target.parse(header + cut[like.start : like.end]) == target.parse(header + text[node.start : node.end])
        for node, like in changed
    )


def _judged_alone(
    text: str, cut: str, section: Node, siblings: Sequence[Node], end: int, target: Format, before: int
) -> bool:
    """Whether ``section`` (of ``text``, among ``siblings``), changed into the section of ``cut`` ending at ``end``
    after its heading line (``before``: where the texts first differ within it), can be judged by its part alone:
    the target reads it as a part of its own (``local_section``; ``local_before_last`` where its last sub-section
    is the same text in both), and the parse of ``text`` up to its end is that of the part alone
    (``parsed_alone``), and so of ``cut``."""
    local, ahead = target.local_section, target.local_before_last
    if (
        not (local is not None and local(section, siblings))
        and not (
            ahead is not None
            and section.children
            # The change before the section's last sub-section, which is the same text in both, from its heading on.
            and before <= section.children[-1].start
            and cut[:end].endswith(text[section.children[-1].start : section.end])
            and ahead(section, siblings)
        )
    ):
        return False
    if section.end == len(text):
        return end == len(cut)
    return parsed_alone(text, section.end)


def _appendix_alone(
    text: str, roots: Sequence[Node], target: Format, alike: str | None = None, checked: str | None = None
) -> tuple[int, str] | None:
    """Where the appendix of ``text`` (a plan written in ``target``, of outline ``roots``) starts, when it is
    the last section, after a blank line and no block that reads on past it (``parsed_alone``), and the
    target reads it alone as a section of its own, as written (no field's, by title or shape): how the
    text before it reads then decides how the whole does. ``None`` otherwise.

    With it, ``""``; or, where the footer the template writes after it reads into a field (SmartSpec's dates
    the plan), that footer: what follows the text before the appendix in ``checked`` (the output before the
    appendix was added), ``alike`` being a text that ends as ``text`` does. The appendix reads alone then as
    its heading line with that footer does, but for its text, so that the text before it read with the footer
    (``checked``, its reading at hand) decides how the whole reads."""
    last = roots[-1] if roots else None
    while last is not None and last.title != APPENDIX_HEADING and last.children:
        last = last.children[-1]
    if last is None or last.title != APPENDIX_HEADING or last.end != len(text) or not parsed_alone(text, last.start):
        return None
    alone = target.parse(text[last.start :])
    if not any(section.heading == last.title and section.level == last.level for section in alone.extra_sections):
        return None
    # Nothing under it read into a field either: it reads as its heading line alone does, but for its text.
    line = text[last.start : last.body_start]
    if line == "#" * last.level + " " + APPENDIX_HEADING + "\n":
        # The heading as the conversion writes it: how it reads alone depends on the format alone.
        bare = derived(f"appendix heading {last.level} alone", target.name, lambda: _unsectioned(target.parse(line)))
    else:
        bare = _unsectioned(target.parse(line))
    if _unsectioned(alone) == bare:
        return last.start, ""
    # Else a footer the template writes after it (SmartSpec's, which dates the plan) may be what reads into a
    # field: the footer, when ``alike`` ends as ``text`` does and ``checked`` is the text before the appendix
    # with only that footer after it (the output before the appendix was added).
    if checked is None or alike is None or not alike.endswith(text[last.start :]):
        return None
    # The text before the appendix in ``alike``, less the blank line before its heading.
    before = len(alike) - (len(text) - last.start) - 1
    footer = checked[before:]
    if (
        not footer
        or len(footer) > len(text) - last.body_start
        or not text.endswith(footer)
        or not checked.startswith(alike[:before])
    ):
        return None
    bare = _unsectioned(target.parse(line + footer))
    if _unsectioned(alone) != bare:
        return None
    return last.start, footer


def _unsectioned(plan: Plan) -> Plan:
    """``plan`` without its own sections (what ``_appendix_alone`` compares of two readings)."""
    return attrs.evolve(plan, extra_sections=())


def _renumbered(text: str, target: Format, kept: Callable[[str], bool]) -> str:
    """``text``, from which samples were cut, with the target's own numbering redone (``Format.renumbered``)
    where it reads as before (``kept``): a cut sample leaves no gap in the numbers of its section."""
    again = text if target.renumbered is None else target.renumbered(text)
    return again if again != text and kept(again) else text


# An author's section of a concept of the shared vocabulary (``HEADINGS``), headed by one of its English
# headings or its words in another language, answers the target's section for the field: its twin in
# another format's words, whose sample would stand beside it.
TWINS: tuple[tuple[str, tuple[str, ...], str, str], ...] = (
    (
        "impact",
        ("impact", "impact assessment"),
        "file_changes",
        "OpenSpec's Impact names the code a change touches: the rapid Spec Kit's File Changes",
    ),
    (
        "components",
        ("components and interfaces",),
        "architecture.components",
        "Kiro's Components and Interfaces (carried as written) describes each component: maestro's Component Design",
    ),
)


@functools.cache
def _stands_for(title: str) -> frozenset[str]:
    """The fields an author's section headed ``title`` stands for: those some format's own heading of
    that title is (``_heading_labels``), those whose concept it names in a language of the shared
    vocabulary, decorated or not (``📦 依赖项``), and those it is the twin of (``TWINS``)."""
    concepts = heading_concepts(title)
    fields = set(_heading_labels(title))
    by_concept = _own_labels_by_concept()
    for concept in concepts:
        fields |= by_concept.get(concept, frozenset())
    key = normalize_title(title)
    fields |= {field for concept, english, field, _ in TWINS if concept in concepts or key in english}
    return frozenset(fields)


def _concept(key: str) -> str:
    """The shared vocabulary's concept of the field ``key`` (its last part: ``tech_stack``)."""
    return key.rsplit(".", 1)[-1]


def _own_labels_by_concept() -> dict[str, frozenset[str]]:
    """The labels of every format's own headings (``own_headings``) by their concept (``_concept``):
    derived once, not scanned for each title ``_stands_for`` is asked about."""
    return _own_labels_by("own labels by concept", lambda heading: _concept(heading.label))


def _twin_samples(nodes: Sequence[Node], target: Format, sample: Callable[[Node], bool]) -> list[tuple[int, int]]:
    """The spans of the target's sample sections (``sample``) among ``nodes`` (an outline's sections, in
    order) whose field a section of the author's there stands for (``_stands_for``), outside the appendix
    and not around or inside the sample."""
    carried = [range(node.start, node.end) for node in nodes if node.title == APPENDIX_HEADING]
    if carried:
        nodes = [node for node in nodes if not any(node.start in span for span in carried)]
    labels = _own_labels_by_title(target)
    samples = [node for node in nodes if node.level > 1 and node.key in labels and sample(node)]
    if not samples:
        return []
    # The author's sections: the target's own (its Rollout Plan, which SmartSpec's phases are headed by too)
    # stand for their own fields there.
    authored = [
        (node, _stands_for(node.title))
        for node in nodes
        if node.level > 1 and not sample(node) and node.key not in labels
    ]
    spans = []
    for node in samples:
        mine = labels[node.key]
        inside = range(node.start, node.end)
        for other, fields in authored:
            # Most sections stand for none of its fields: asked first, the rest is seldom asked.
            if not mine & fields or other.key == node.key:
                continue
            if other.start not in inside and node.start not in range(other.start, other.end):
                spans.append((node.start, _before_rule(node)))
                break
    return spans


def _own_labels_by_title(fmt: Format) -> dict[str, frozenset[str]]:
    """The labels of ``fmt``'s own headings by their normalized title (each output a conversion cuts samples
    from asks for them)."""
    return _own_labels_by("own labels by title", lambda heading: normalize_title(heading.value), fmt)


_NEXT_HEADING = re.compile(r"^ {0,3}#{1,6}[ \t]+(.*?)[ \t#]*$", re.MULTILINE)


def _next_title(text: str, at: int) -> str:
    """The normalized title of the first heading of ``text`` from ``at`` on; ``""`` for none (the end)."""
    match = _NEXT_HEADING.search(text, at)
    return normalize_title(match.group(1)) if match is not None else ""


def _before_rule(node: Node) -> int:
    """Where ``node``'s text ends before the thematic break closing it (``---``), which sets its
    parent apart from the next section: a cut of it keeps that break."""
    raw = node.text[node.start : node.end]
    lines = raw.split("\n")
    end = len(lines)
    while end and not lines[end - 1].strip():
        end -= 1
    # A rule under a line of text underlines it (a setext heading): no break.
    if end < 2 or unruled(lines[end - 1]) == lines[end - 1] or lines[end - 2].strip():
        return node.end
    return node.start + len("\n".join(lines[: end - 1])) + 1


@functools.lru_cache(maxsize=32)
def _template_lines(name: str, blank: str) -> frozenset[str]:
    """Every line of format ``name``'s blank template ``blank`` that holds something, stripped."""
    return frozenset(_lines(blank))


def _reads_alike_before(text: str, cut: str, last: int, nodes: list[Node], target: Format) -> bool:
    """Whether ``cut`` (``text`` less lines before offset ``last``) reads as ``text`` does, judged by
    reading only the part of each before the first heading from ``last`` on (a conversion's cuts are
    in its header, and the rest is the same text): a reading of that part alone, not of the whole
    (two readings of a whole output were a fifth of a conversion to aadt). ``False`` when it cannot
    tell (``parsed_alone``)."""
    end = min((node.start for node in nodes if node.start >= last), default=len(text))
    # Only where that part is much less than the whole is reading it alone worth the check.
    if end >= len(text) * 3 // 4 or not parsed_alone(text, end):
        return False
    shift = len(text) - len(cut)
    if text[end:] != cut[end - shift :]:
        return False
    # Told without reading either part where the target's reader can say (aadt's metadata lines cut).
    alike = target.header_alike
    if alike is not None:
        lines = text[:end].split("\n")
        removed = _lines_cut(lines, cut[: end - shift].split("\n"))
        if removed and alike(lines, removed):
            return True
    return target.parse(cut[: end - shift]) == target.parse(text[:end])


def _lines_cut(lines: list[str], left: list[str]) -> list[int]:
    """The numbers of the ``lines`` that ``left`` lacks, when it is ``lines`` less them, the rest as they are
    (each line of ``left`` taken for the first of ``lines`` still unmatched that is the same); none otherwise."""
    removed = []
    kept = 0
    for number, line in enumerate(lines):
        if kept < len(left) and left[kept] == line:
            kept += 1
        else:
            removed.append(number)
    return removed if kept == len(left) else []


@attrs.frozen
class _BlankSection:
    """A section of a format's blank template, as ``_cut_placeholders`` compares a section with it."""

    # Whether it has sub-sections.
    parent: bool
    # The lines that hold something (``_lines``) of its own text, with its heading line and without.
    titled: frozenset[str]
    untitled: frozenset[str]
    # Its own text's placeholder lines: those cut from a section that received content.
    placeholders: frozenset[str]


def _placeholder_sections(fmt: Format) -> dict[str, _BlankSection]:
    """The sections of ``fmt``'s blank template, by ``_own_key``: what depends on the format alone,
    made once (a conversion's output is compared with them section by section)."""

    def derive() -> dict[str, _BlankSection]:
        sections = {}
        for index, node in enumerate(outline(fmt.blank_text).walk()):
            sections[_own_key(node, index)] = _BlankSection(
                parent=bool(node.children),
                titled=frozenset(_lines(_own_text(node, True))),
                untitled=frozenset(_lines(_own_text(node, False))),
                placeholders=frozenset(
                    line for line in _own_text(node, False).split("\n") if _PLACEHOLDER.search(line)
                ),
            )
        return sections

    return derived("placeholder sections", fmt.name, derive)


def _cut_placeholders(text: str, node: Node, theirs: _BlankSection | None, title: bool) -> str:
    """``text`` without the template's placeholder lines in ``node``'s own
    text (``theirs`` is the template's section; ``title``: the document's
    title, whose heading is content too), if the section received content."""
    # Content is its own text, or sub-sections the template's section lacks (an author's under Kiro's Data Models).
    # Only lines the template lacks are content: a section that lost a template line to the appendix
    # inserted after it (SmartSpec's footer under Rollback Plan) received nothing.
    if theirs is None:
        return text
    template_lines = theirs.placeholders
    start = node.body_start
    end = node.children[0].start if node.children else node.end
    if not any(text.find(line, start, end) >= 0 for line in template_lines):
        # No line to cut (most sections): the text as it is, without splitting a big section into its lines,
        # whether it received content or not.
        return text
    same = _lines(_own_text(node, title)) <= (theirs.titled if title else theirs.untitled)
    if same and (theirs.parent or not node.children):
        return text
    kept: list[str] = []
    fence = ""
    cut = False
    for line in text[start:end].split("\n"):
        mark = re.match(r"^ {0,3}(`{3,}|~{3,})", line)
        if mark is not None:
            fence = "" if fence and mark.group(1).startswith(fence) else (fence or mark.group(1))
        elif not fence and line in template_lines:
            cut = True
            continue
        # A blank line beside the cut one, after a blank line, would make a run the template lacks.
        if cut and not fence and not line.strip() and kept and not kept[-1].strip():
            continue
        cut = cut and not line.strip()
        kept.append(line)
    own = "\n".join(kept)
    if node.children and not own.endswith("\n"):
        own += "\n"  # the blank line above its first sub-section
    elif text[start:end].endswith("\n\n"):
        # The blank line above the next section stays when the cut took the section's last line.
        own = own.rstrip("\n") + "\n\n" if own.strip() else "\n"
    return text[:start] + own + text[end:]


def _own_key(node: Node, index: int) -> str:
    # The document's title holds the plan's title: it is the first section, whatever it says.
    return "" if node.level == 1 and index == 0 else node.key


def _lines(text: str) -> set[str]:
    """The lines of ``text`` that hold something, without their indentation."""
    return {line.strip() for line in text.split("\n") if line.strip()}


def _own_text(node: Node, title: bool) -> str:
    """The body of ``node`` above its sub-sections, with its heading line when ``title``."""
    return node.text[node.start if title else node.body_start : node.children[0].start if node.children else node.end]


@attrs.frozen
class IdScheme:
    """How a folder format numbers its story-level requirements, and how its tasks link to them.

    Attributes:
        format: The folder format's name (``kiro``).
        pattern: A requirement ID of the scheme, its number in group 1 (``US(\\d+)``); empty for a
            format that names its requirements instead of numbering them (no ID is mapped to or from it).
        template: The ID of requirement number ``{n}`` (``US{n}``).
        links: How a task names the requirements it serves: ``criterion`` (Kiro's
            ``_Requirements: 1.2, 2.1_``, requirement.criterion), ``story`` (Spec Kit's ``[US1]`` marker
            after the task's ID) or ``""`` (none).
        example: How the scheme reads in the format's files, for the documentation.
    """

    format: str
    pattern: str
    template: str
    links: str
    example: str


# The documented ID map (README "Folder formats"): a requirement numbered in one scheme is written
# with the same number in the target's, and the task links follow it.
REQUIREMENT_IDS: dict[str, IdScheme] = {
    scheme.format: scheme
    for scheme in (
        IdScheme("kiro", r"(\d+)", "{n}", "criterion", "`### Requirement 1`; a task's `_Requirements: 1.2, 2.1_`"),
        IdScheme("speckit-github", r"US(\d+)", "US{n}", "story", "`### User Story 1` (`US1`); a task's `[US1]`"),
        IdScheme(
            "openspec", "", "", "", "`### Requirement: Name`: named, IDs kept in the name (a place number is none)"
        ),
    )
}


def _after_markers(text: str) -> int:
    """Where a task's text continues after its ID and bracketed markers (``T001 [P] [US1]``)."""
    position = len(text) - len(text.lstrip())
    match = _TASK_ID.match(text, position)
    if match is not None:
        position = match.end()
    while (marker := _MARKER.match(text, position)) is not None:
        position = marker.end()
    return position


def with_task_id(task: TaskT, new: str) -> TaskT:
    """``task`` with ID ``new`` opening its text in place of its own (none: ``new`` put before the text).

    >>> with_task_id(Task(text="1.1 [P] Add it"), "T002").text
    'T002 [P] Add it'
    """
    text = task.text.lstrip()
    match = _TASK_ID.match(text) if task.id else None
    rest = text[match.end() :].lstrip(" \t") if match is not None else text
    return attrs.evolve(task, text=f"{new} {rest}".rstrip())


def _with_stories(text: str, stories: Sequence[str]) -> str:
    position = _after_markers(text)
    markers = " ".join(f"[{story}]" for story in stories)
    if position == 0:
        return f"{markers} {text}"
    return f"{text[:position]} {markers}{text[position:]}"


def _without_stories(text: str, stories: Collection[str]) -> str:
    position = len(text) - len(text.lstrip())
    match = _TASK_ID.match(text, position)
    kept = [text[: match.end() if match is not None else position]]
    position = len(kept[0])
    while (marker := _MARKER.match(text, position)) is not None:
        if marker.group("bracket") not in stories:
            kept.append(marker.group(0))
        position = marker.end()
    rest = text[position:]
    return "".join(kept) + (rest if kept[0] or len(kept) > 1 else rest.lstrip())


def _linked(task: TaskT, path: str, numbers: dict[str, str], target: IdScheme, losses: list[Loss]) -> TaskT:
    """``task`` with its links to the requirements ``numbers`` renamed (old ID: new ID) in ``target``'s way."""
    if target.links == "story":
        links: list[str] = [link for link in task.requirements if link.split(".")[0] in numbers]
        stories = [*dict.fromkeys(numbers[link.split(".")[0]] for link in links)]
        new = [story for story in stories if story not in task.stories]
        finer = [link for link in links if "." in link]
        if finer:
            losses.append(
                Loss(
                    path=f"{path}.requirements",
                    reason=f"{target.format} links a task to user stories ({', '.join(stories)}): its links to "
                    f"acceptance criteria ({', '.join(finer)}) stay in its body as written",
                    value=", ".join(finer),
                )
            )
        return attrs.evolve(task, text=_with_stories(task.text, new)) if new else task
    if target.links == "criterion":
        stories = [story for story in task.stories if story in numbers]
        if not stories:
            return task
        linked = {link.split(".")[0] for link in task.requirements}
        missing = [numbers[story] for story in stories if numbers[story] not in linked]
        body = task.body
        if missing:
            body = "\n".join(part for part in (body, f"- _Requirements: {', '.join(missing)}_") if part)
        return attrs.evolve(task, text=_without_stories(task.text, stories), body=body)
    return task


def requirement_ids(plan: Plan, target: str) -> tuple[Plan, tuple[tuple[str, str], ...], tuple[Loss, ...]]:
    """``plan`` as folder format ``target`` numbers requirements (``REQUIREMENT_IDS``, the documented ID map).

    A requirement whose ID is a number of another scheme (Kiro ``1``, Spec Kit ``US1``) gets the same
    number in ``target``'s scheme, unless that ID is taken; FR-001, named and other IDs stay as written.
    The task links follow: into Spec Kit a task linked to ``1.2`` gets ``[US1]`` after its ID (the
    ``_Requirements: 1.2_`` line stays in its body: criterion links Spec Kit cannot express are kept
    readable and reported); into Kiro a task's ``[US1]`` becomes a ``_Requirements: 1_`` line unless a
    link to requirement 1 is there already (as a Spec Kit folder written from Kiro holds), so that Kiro ->
    Spec Kit -> Kiro gives the IDs and links back.

    Returns:
        The plan, the IDs changed (``(new, old)``, in order) and a ``Loss`` per task whose criterion
        links the target cannot express.

    >>> from plancore import Plan, Requirement, Phase, Task
    >>> task = Task(text="1. Add it", body="_Requirements: 1_")
    >>> plan = Plan(requirements=(Requirement(id="1"),), phases=(Phase(tasks=(task,)),))
    >>> mapped, changed, losses = requirement_ids(plan, "speckit-github")
    >>> changed, mapped.phases[0].tasks[0].text, losses
    ((('US1', '1'),), '1. [US1] Add it', ())
    """
    scheme = REQUIREMENT_IDS.get(target)
    if scheme is None or not scheme.pattern:
        return plan, (), ()
    if target == "kiro" and not any(requirement.id for requirement in plan.requirements):
        # Requirements named by their titles alone (OpenSpec's) are numbered by their place, as Kiro heads
        # them (``### Requirement 1: Name``) and as its tasks' links and ``plancore check`` count them.
        numbered = (attrs.evolve(r, id=scheme.template.format(n=n)) for n, r in enumerate(plan.requirements, 1))
        plan = attrs.evolve(plan, requirements=tuple(numbered))
    taken = {requirement.id for requirement in plan.requirements}
    numbers: dict[str, str] = {}
    for requirement in plan.requirements:
        if re.fullmatch(scheme.pattern, requirement.id):
            continue
        for other in REQUIREMENT_IDS.values():
            match = re.fullmatch(other.pattern, requirement.id) if other.pattern else None
            if match is not None:
                new = scheme.template.format(n=match.group(1))
                if new not in taken:
                    numbers[requirement.id] = new
                    taken.add(new)
                break
    if not numbers:
        return plan, (), ()
    requirements = tuple(
        attrs.evolve(requirement, id=numbers[requirement.id]) if requirement.id in numbers else requirement
        for requirement in plan.requirements
    )
    # Links name the requirement as the source wrote it: Kiro ``1.2`` -> ``US1``, Spec Kit ``US1`` -> ``1``.
    losses: list[Loss] = []
    phases = tuple(
        attrs.evolve(
            phase,
            tasks=tuple(
                attrs.evolve(
                    _linked(task, f"phases[{p}].tasks[{t}]", numbers, scheme, losses),
                    subtasks=tuple(
                        _linked(sub, f"phases[{p}].tasks[{t}].subtasks[{s}]", numbers, scheme, losses)
                        for s, sub in enumerate(task.subtasks)
                    ),
                )
                for t, task in enumerate(phase.tasks)
            ),
        )
        for p, phase in enumerate(plan.phases)
    )
    changed = tuple((new, old) for old, new in numbers.items())
    return attrs.evolve(plan, requirements=requirements, phases=phases), changed, tuple(losses)


# A change's intent (OpenSpec's proposal: Why, What Changes, Capabilities, Impact) from a plan that has none
# (a Kiro spec, a Spec Kit feature), as a person writing the proposal by hand fills it: each part from the
# first of its fields the plan has; a part none of them fills keeps the target's placeholder.
_WANT = re.compile(r"\bI (?:want|need|would like)(?: to)?[ \t]+(?P<what>.+?)(?:,?[ \t]+so that\b.*)?[.]?$", re.I | re.S)
_OUTCOME = re.compile(r"\b(?:SHALL|MUST)[ \t]+(?P<what>.+?)[.]?$", re.S)
_ARTICLE = re.compile(r"^(?:a|an|the)[ \t]+", re.I)
_NAME_WORDS = 8
_DANGLING = frozenset("a an and as at by for from in into of on or the to with".split())
# Words opening a phrase of their own: a name cut short is cut before one (not before "and", "or": they join
# words of one phrase as often, ``leading or trailing whitespace``).
_PHRASE_OPENERS = frozenset("with without for of that which who when while if because than".split())


def short_name(text: str) -> str:
    """``text`` as a short name: its first eight words, no leading article, capitalised.

    >>> short_name("the flight lands on time")
    'Flight lands on time'
    """
    words = _ARTICLE.sub("", " ".join(text.split())).split(" ")
    kept = words[:_NAME_WORDS]
    if len(words) > _NAME_WORDS:
        # Cut short before a phrase of its own (``with only ...``, ``that already has ...``), never inside one:
        # the last such place leaving a name of some words.
        cuts = [at for at in range(4, _NAME_WORDS + 1) if words[at].casefold().strip('("') in _PHRASE_OPENERS]
        kept = words[: cuts[-1]] if cuts else kept
    while len(words) > _NAME_WORDS and len(kept) > 1 and kept[-1].casefold() in _DANGLING | _PHRASE_OPENERS:
        kept.pop()  # a name cut short ends on a word of its own, not on "and" or "when"
    name = " ".join(kept).rstrip(".,;:")
    if len(kept) < len(words):
        # Cut short inside a quotation or a parenthesis: the words before it, not half of it.
        for opening, closing in (('"', '"'), ("(", ")"), ("\u201c", "\u201d")):
            at = name.rfind(opening)
            open_ = name.count(opening) % 2 == 1 if opening == closing else name.count(opening) > name.count(closing)
            if open_ and at > 0:
                name = name[:at].rstrip(" .,;:")
                # A quotation stands inside a phrase (``with a clear "car not found" error``): before that phrase
                # too; a parenthesis follows a whole one.
                before = name.split(" ")
                cuts = [n for n in range(3, len(before)) if before[n].casefold() in _PHRASE_OPENERS]
                name = " ".join(before[: cuts[-1]]) if cuts and opening != "(" else name
    return name[:1].upper() + name[1:]


def requirement_name(requirement: Requirement) -> str:
    """A requirement's name: its title; else what its user story (or a statement written as one) wants;
    else what its statement or its first criterion makes the system do (``SHALL ...``); ``""`` when it has
    none of them.

    >>> requirement_name(Requirement(user_story="As a user, I want a live countdown, so that I know."))
    'Live countdown'
    """
    if requirement.title:
        return requirement.title
    first = requirement.criteria[0].text if requirement.criteria else ""
    story = requirement.user_story or requirement.text
    match = _WANT.search(story) or _OUTCOME.search(requirement.text) or _OUTCOME.search(first)
    return short_name(match.group("what")) if match else ""


def _why(plan: Plan, _: Sequence[str]) -> str:
    return plan.summary or plan.specification


def _what_changes(plan: Plan, _: Sequence[str]) -> str:
    from ._formats.speckit_spec import is_story

    stories = [r for r in plan.requirements if is_story(r)]
    names = [requirement_name(r) or r.id for r in (stories or plan.requirements)]
    return "\n".join(f"- {name}" for name in names if name)


def _capabilities(plan: Plan, capabilities: Sequence[str]) -> str:
    from ._formats.speckit_spec import is_story

    def covers(capability: str) -> str:
        mine = [r for r in plan.requirements if r.capability in ("", capability)]
        names = [requirement_name(r) or r.id for r in mine if is_story(r)] or [
            requirement_name(r) or r.id for r in mine
        ]
        return plan.metadata.title or ", ".join(name for name in names if name)

    lines = [f"- `{capability}`: {covers(capability)}".rstrip(": ") for capability in capabilities]
    return "### New Capabilities\n\n" + "\n".join(lines) if lines else ""


def _impact(plan: Plan, _: Sequence[str]) -> str:
    if plan.file_changes:
        return "\n".join(
            f"- `{change.path}`" + (f": {change.description}" if change.description else "")
            for change in plan.file_changes
        )
    return "\n".join(
        f"- {c.name}" + (f": {c.responsibility}" if c.responsibility else "")
        for c in plan.architecture.components
        if c.name
    )


@attrs.frozen
class IntentPart:
    """Part ``field`` of a change's intent, written by ``write`` from the plan's ``source`` fields."""

    field: str
    source: tuple[str, ...]
    write: Callable[[Plan, Sequence[str]], str] = attrs.field(repr=False)
    how: str = ""


INTENT_PARTS: tuple[IntentPart, ...] = (
    IntentPart("why", ("summary", "specification"), _why, "the summary: Kiro's Introduction, Spec Kit's Summary"),
    IntentPart(
        "what_changes", ("requirements",), _what_changes, "a bullet per user story (else requirement), by its name"
    ),
    IntentPart(
        "capabilities", ("requirements",), _capabilities, "each spec's capability, as a New Capability of the feature"
    ),
    IntentPart(
        "impact",
        ("file_changes", "architecture.components"),
        _impact,
        "the files changed, else the components",
    ),
)


def intent_of(plan: Plan, capabilities: Sequence[str]) -> tuple[Intent, tuple[str, ...]]:
    """The intent a person gives ``plan`` where it has none, by ``INTENT_PARTS``, and the plan's fields it
    moved (``summary`` when it is the Why: written once, there). ``capabilities``: the names of the
    capabilities its requirements are written under. A plan with an intent keeps it.

    >>> intent_of(Plan(summary="Fly."), ())
    (Intent(why='Fly.', what_changes='', capabilities='', impact=''), ('summary',))
    """
    if plan.intent != Intent():
        return plan.intent, ()
    parts = {part.field: part.write(plan, capabilities) for part in INTENT_PARTS}
    moved = tuple(
        field for field in ("summary", "specification") if parts["why"] and getattr(plan, field) == parts["why"]
    )
    return Intent(**parts), moved[:1]


# The parts of a change's intent that introduce a plan, in order: what a plan without an intent of its
# own (a Kiro spec's requirements.md) opens with, where its summary is empty.
INTRODUCING: tuple[str, ...] = ("why", "what_changes")


def summary_of_intent(plan: Plan) -> Plan:
    """``plan`` with its summary made of its intent's ``INTRODUCING`` parts (paragraphs, in order), which leave
    the intent: a summary it had beside them (a design's Context) is its architecture overview then, where that
    is empty. A plan without those parts, or with both a summary and an overview, comes back as it is.

    >>> summary_of_intent(Plan(intent=Intent(why="Fly.", what_changes="- Add wings.", impact="Birds."))).summary
    'Fly.\\n\\n- Add wings.'
    """
    parts = [getattr(plan.intent, name) for name in INTRODUCING]
    if not any(parts) or (plan.summary and plan.architecture.overview):
        return plan
    if plan.summary:
        # Beside an intent, the summary is a design's Context (OpenSpec's design.md): the design's overview, and
        # the sections that followed it (its Goals / Non-Goals) with it.
        plan = attrs.evolve(
            plan,
            architecture=attrs.evolve(plan.architecture, overview=plan.summary),
            extra_sections=tuple(
                attrs.evolve(section, after="architecture.overview" + section.after[len("summary") :])
                if section.after == "summary" or section.after.startswith("summary.")
                else section
                for section in plan.extra_sections
            ),
        )
    intent = attrs.evolve(plan.intent, **dict.fromkeys(INTRODUCING, ""))
    return attrs.evolve(plan, summary="\n\n".join(part for part in parts if part), intent=intent)


# Where a folder's tools keep its date when its documents do not say it: a carried file (its heading, a
# path) and the pattern of the date in it, first match wins (OpenSpec's ``.openspec.yaml``, cc-sdd's
# ``spec.json``).
CARRIED_DATES: tuple[tuple[str, str], ...] = (
    (".openspec.yaml", r"^created:[ \t]*['\"]?(\d{4}-\d{2}-\d{2})"),
    ("spec.json", r"\"created_at\"[ \t]*:[ \t]*\"(\d{4}-\d{2}-\d{2})"),
)


# A folder tool's own state file and the folder format it belongs to: the tool's settings and workflow state
# (OpenSpec's schema), of no use in another tool's folder, so not written there; its date is the plan's
# (``CARRIED_DATES``).
TOOL_FILES: dict[str, str] = {".openspec.yaml": "openspec", "spec.json": "kiro"}


def foreign_tool_file(section: Section, target: str) -> bool:
    """Whether ``section`` carries a file of a folder (headed by its path) that is another folder format's
    than ``target``'s own state file (``TOOL_FILES``).

    >>> foreign_tool_file(Section(heading=".openspec.yaml", body="schema: spec-driven"), "kiro")
    True
    """
    return TOOL_FILES.get(section.heading, target) != target


def carried_date(plan: Plan) -> str:
    """The plan's date (``YYYY-MM-DD``) as a carried file of its folder gives it (``CARRIED_DATES``); ``""``
    when none does. Never today's: a date not known stays unknown.

    >>> carried_date(Plan(extra_sections=(Section(heading=".openspec.yaml", body="created: 2026-06-30"),)))
    '2026-06-30'
    """
    for name, pattern in CARRIED_DATES:
        for section in plan.extra_sections:
            if section.heading.rsplit("/", 1)[-1] == name:
                match = re.search(pattern, section.body, re.MULTILINE)
                if match:
                    return match.group(1)
    return ""


def with_carried_date(plan: Plan) -> Plan:
    """``plan`` (read from a folder) dated as a carried file of its folder dates it (``carried_date``:
    cc-sdd's ``spec.json``, OpenSpec's ``.openspec.yaml``) when its header has no date: another format
    then writes the date the folder has, not its template's placeholder.

    >>> spec_json = Section(heading="spec.json", body='"created_at": "2025-11-10T12:07:31Z"')
    >>> with_carried_date(Plan(extra_sections=(spec_json,))).metadata.created
    '2025-11-10'
    """
    date = "" if plan.metadata.created else carried_date(plan)
    return attrs.evolve(plan, metadata=attrs.evolve(plan.metadata, created=date)) if date else plan


def without_carried_date(plan: Plan) -> Plan:
    """``plan`` less a ``metadata.created`` that a carried file of its folder gives (``with_carried_date``):
    written as that folder format, the file keeps the date and no other file of the folder takes it."""
    created = plan.metadata.created
    if not created or created != carried_date(plan):
        return plan
    return attrs.evolve(plan, metadata=attrs.evolve(plan.metadata, created=""))
