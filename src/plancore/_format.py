"""A plan format: its reader, its Jinja2 writer template and its blank template.

The blank template (``templates/NAME.md``) is the format's definition: read as
a plan it gives every field's placeholder, and ``Plan()`` written in the format
is exactly it. The writer template (``templates/NAME.md.j2``) lays out a plan
whose unfilled fields have been replaced by those placeholders.

A format whose blank template is not ours to ship as a file (speckit-github's
is GitHub's) carries its placeholders as a plan instead; its blank template is
then that plan written by the writer template.
"""

from __future__ import annotations

import functools
import io
import itertools
import marshal
import os
import pickle
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs
import jinja2
import jinja2.bccache
import jinja2.filters

from ._derived import cache_dir, derived
from ._errors import EmitError
from ._fields import blank, differing, fill, filled, named, restrict
from ._headings import authored, retitle
from ._markdown import Node, Recent, aligned_table, cell, code_fence, compact_row, forget
from ._model import Labeled, Phase, Plan, Section, Source, content_fields, evolve, field_values
from ._reading import check_mark, forget_sections, outside_fences, snap

__all__ = [
    "PART_FORMATS",
    "Format",
    "LineMark",
    "Placer",
    "Source",
    "forget_texts",
    "full_text",
    "line_mark",
    "normalize_newlines",
    "own_headings",
    "template_text",
    "writer_source",
]


def normalize_newlines(text: str) -> str:
    """``text`` without a byte-order mark and with ``\\n`` line ends."""
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


@functools.cache
def _templates_dir() -> Path:
    # Beside this module in a wheel (a path, not importlib.resources: that
    # import alone costs more than a conversion's start-up can spare).
    packaged = Path(__file__).resolve().parent / "templates"
    if packaged.is_dir():
        return packaged
    # A source checkout (or an editable install) keeps them at the top level.
    return Path(__file__).resolve().parents[2] / "templates"


class _BytecodeCache(jinja2.FileSystemBytecodeCache):
    """Jinja2's cache of compiled templates on disk, which a run that cannot
    use (a directory it may not create or write, a damaged file) does without:
    the templates are then compiled in memory, as with no cache at all."""

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        # Read whole and unmarshalled from memory: jinja2's reading (``marshal.load`` of the open
        # file) reads it piece by piece, 25 times slower, a tenth of a one-file conversion's run.
        filename = getattr(self, "_get_cache_filename", None)
        try:
            if filename is None:
                super().load_bytecode(bucket)
                return
            with open(filename(bucket), "rb") as file:
                data = file.read()
            stream = io.BytesIO(data)
            if stream.read(len(jinja2.bccache.bc_magic)) != jinja2.bccache.bc_magic:
                bucket.reset()
            elif pickle.load(stream) != bucket.checksum:
                bucket.reset()  # the template changed since
            else:
                bucket.code = marshal.loads(memoryview(data)[stream.tell() :])
        except Exception:
            # Whatever the file holds (truncated, another program's), or none, it is no
            # compiled template: the template is compiled afresh.
            bucket.reset()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            os.makedirs(self.directory, mode=0o700, exist_ok=True)
            super().dump_bytecode(bucket)
        except OSError:
            pass


_TIMESTAMP = re.compile(r"(\d{4}-\d{2}-\d{2})[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?")


def _day(value: str) -> str:
    """The date of an ISO timestamp (``2025-11-29T20:35:00.000000``), for a header that takes a date (Spec Kit's
    ``**Date**:``); any other value as it is. Its time is then a value the format cannot hold as written,
    carried and reported as such."""
    match = _TIMESTAMP.fullmatch(value)
    return match.group(1) if match else value


@functools.cache
def _environment() -> jinja2.Environment:
    # Plan content reaches templates only as values, never as template source,
    # so nothing a plan holds is evaluated. Compiling the writer templates
    # costs more than a one-file conversion: the compiled code is kept on disk
    # (by jinja2 version, checked against each template's source).
    cache = cache_dir()
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(_templates_dir()),
        bytecode_cache=_BytecodeCache(str(cache / f"jinja2-{jinja2.__version__}"), "%s.cache") if cache else None,
        autoescape=False,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
        # The templates ship with the package: a writing need not check their files for a change (jinja2's
        # lookup stats each one at every writing otherwise).
        auto_reload=False,
    )
    environment.filters["cell"] = cell
    environment.filters["indent"] = _indent
    environment.filters["day"] = _day
    environment.filters["lead"] = _lead
    # Filters, not globals, what a template asks on every writing (a list's own rows, a table, the phases'
    # numbers): jinja2 calls a filter directly, a global through its context's ``call``, which looks it over
    # for an argument to pass first, some five times the cost.
    environment.filters["own"] = _own
    environment.filters["table"] = _table
    environment.filters["phase_numbers"] = _phase_numbers
    environment.filters["step_samples"] = _step_samples
    environment.globals["aligned_table"] = aligned_table
    environment.globals["compact_row"] = compact_row
    environment.globals["code_fence"] = code_fence
    environment.globals["list_markers"] = _list_markers
    environment.globals["any_done"] = _any_done
    environment.globals["own_labels"] = _own_labels
    # A list item's text that a reader would take for a checklist item's (``[x] ...``).
    environment.tests["check_marked"] = lambda text: check_mark(text) is not None
    return environment


def _indent(text: Any, width: int | str = 4, first: bool = False, blank: bool = False) -> Any:
    """jinja2's ``indent`` filter, which gives a text of one line (most a template indents: a task's) as it
    is, unless ``first``: told here without splitting it into its lines (any line break, as ``str.splitlines``
    takes it, is no printable character)."""
    if not first and text.__class__ is str and text.isprintable():
        return text
    return jinja2.filters.do_indent(text, width, first, blank)


def _lead(text: str) -> str:
    """``text`` less the blank line it opens with (``\\n\\n``), if any: the sections a template places before its
    first heading (AADT's). A filter, not a template macro: jinja2 calls a filter directly, a macro (and each
    method a macro calls) through its context, some ten times the cost."""
    return text[2:] if text.startswith("\n\n") else text


def _table(items: Iterable[Any], header: Sequence[str], names: Sequence[str]) -> str:
    """The table of ``items`` under ``header``, a column per attribute of theirs in ``names`` (``aligned_table``),
    each line ended by a line break: the table a writer template writes (``items|table(header, names)``), built
    here rather than cell by cell by the template."""
    return aligned_table(header, [[getattr(item, name) for name in names] for item in items]) + "\n"


def _step_samples(phases: Sequence[Phase]) -> list[list[str]]:
    """The notes and the titles of the sample steps of each of a template's ``phases``, which a plan's own phase
    does not write (AADT's): taken here for them all, not by two ``map`` filters of the template's for each phase."""
    return [[step.notes for step in phase.steps] + [step.title for step in phase.steps] for phase in phases]


def _any_done(phases: Sequence[Phase]) -> bool:
    """Whether a task of any of ``phases`` is done (Spec Kit's steps then each get a checklist mark): told
    here, not by a chain of filters mapping a filter over the phases."""
    return any(task.done for phase in phases for task in phase.tasks)


def _own_labels(plan: Plan, prefix: str, labels: Mapping[str, str]) -> dict[str, str]:
    """A template's ``labels`` by name, each as ``plan``'s author wrote it where they did (a translation: the first
    of their labels for ``prefix`` + its name), else as it is: looked up here for them all, not by a template
    macro for each (Spec Kit's header labels)."""
    own: dict[str, str] = {}
    for label in plan.labels:
        own.setdefault(label.label, label.value)
    return {name: own.get(prefix + name, label) for name, label in labels.items()}


_ORDERED = re.compile(r"(\d{1,9})([.)])")


def _list_markers(plan: Plan, path: str, count: int, default: str = "-") -> list[str]:
    """The markers to write the ``count`` items of ``plan``'s list field ``path`` with: the author's
    (``Plan.list_styles``), numbered on from its first number when it is ordered; else ``default`` for each.

    >>> _list_markers(Plan(list_styles=(Labeled(label="open_questions", value="1."),)), "open_questions", 3)
    ['1.', '2.', '3.']
    >>> _list_markers(Plan(), "open_questions", 2)
    ['-', '-']
    """
    own = next((style.value for style in plan.list_styles if style.label == path), default)
    ordered = _ORDERED.fullmatch(own)
    if ordered is None:
        return [own] * count
    first, mark = int(ordered.group(1)), ordered.group(2)
    return [f"{first + place}{mark}" for place in range(count)]


_NUMBER = re.compile(r"\d+(?:\.\d+)*")


def _phase_numbers(phases: Sequence[Phase]) -> list[str]:
    """The number each phase's heading is written with: its own (``Phase.number``, in digits), else the
    one after its predecessor's, else its place (from 1).

    >>> _phase_numbers([Phase(number="0"), Phase(), Phase(number="5"), Phase()])
    ['0', '1', '5', '6']
    """
    numbers: list[str] = []
    for place, phase in enumerate(phases, 1):
        # Only digits: what a numbering reader reads back as the number (``Phase x`` is no number).
        own = phase.number if _NUMBER.fullmatch(phase.number) else ""
        numbers.append(own or _next_number(numbers[-1] if numbers else "0", place))
    return numbers


def _next_number(previous: str, place: int) -> str:
    head = previous.partition(".")[0]
    return str(int(head) + 1) if head.isdecimal() else str(place)


def _counted(phases: tuple[Phase, ...]) -> tuple[Phase, ...]:
    """A plan's ``phases`` with the numbers they would be written with anyway taken out of them
    (``Phase 1``, ``Phase 2``: counting), so that only a numbering of the author's own
    (``Phase 0``) is kept, and a plan without numbers reads back without them (``phases``
    itself when none is counting)."""
    counted_phases = []
    previous = "0"
    for place, phase in enumerate(phases, 1):
        counted = _next_number(previous, place)
        previous = phase.number or counted
        counted_phases.append(evolve(phase, number="") if phase.number == counted else phase)
    return tuple(counted_phases) if counted_phases != list(phases) else phases


def _own(items: tuple[Any, ...], placeholders: tuple[Any, ...], spliced: bool) -> tuple[Any, ...]:
    """A list's real rows without the template's sample values in the cells
    they left empty (``fill`` put them there); the template's own rows as they are.
    ``spliced``: the rows as filled (the rendering an edit is spliced by shows the samples).
    A template's ``items|own(placeholders, spliced)``."""
    return items if spliced or items == placeholders else blank(items, placeholders)


@functools.cache
def template_text(name: str) -> str:
    """The blank template of format ``name``, as shipped."""
    return (_templates_dir() / f"{name}.md").read_text(encoding="utf-8")


@functools.cache
def writer_source(name: str) -> str:
    """The source of format ``name``'s writer template (``templates/NAME.md.j2``), as shipped:
    read once (the crosswalk reads what it places where on each conversion)."""
    return (_templates_dir() / f"{name}.md.j2").read_text(encoding="utf-8")


def _list_of(after: str) -> str:
    """The list whose item ``after`` names (``phases`` of ``phases.2``); ``after`` itself for no item."""
    head, dot, index = after.rpartition(".")
    return head if dot and index.isdigit() else after


def _item_of(after: str, key: str) -> bool:
    """Whether ``after`` names an item of the list at ``key`` (``phases.2`` of ``phases``)."""
    return after.startswith(key + ".") and after[len(key) + 1 :].isdigit()


class Placer:
    """Hands out a plan's verbatim sections at the places a writer template names.

    A section goes after the field it followed in its source; sections whose
    field the template never names come out where it calls ``rest()``.
    """

    def __init__(self, sections: tuple[Section, ...], gap: str) -> None:
        self._pending = list(sections)
        self._gap = gap
        # The keys some pending section may go after (its own, and its list's for an item's):
        # a template asks after each of its fields, mostly for none, and a plan of many sections
        # would be walked whole for each (see ``_take``).
        self._wanted = {_list_of(section.after) for section in sections} | {s.after for s in sections}
        # What the template asked for, for the text with one more section at its end (``Format._appended``):
        # the keys it placed sections after, the headings it took before ``rest()``, whether it called
        # ``rest()``, and how it closed the text (``close``).
        self._asked: set[str] = set()
        self._titled_first: set[str] = set()
        self._rested = False
        self.closing: _Closing | None = None
        self._later: list[str] = []
        # A template asks by subscript (``place["summary"]``, ``place.inner["testing", 3]``): jinja2 calls a
        # callable through its context's ``call``, which looks it over for an argument to pass first (some five
        # times the cost of the subscript, on every one of a template's hundred asks).
        self.lstripped = _Lstripped(self)
        self.inner = _Inner(self, lstripped=False)
        self.inner_lstripped = _Inner(self, lstripped=True)

    def _render(self, section: Section) -> str:
        if section.level == 0:
            # Text without a heading is a block like any other: no empty heading line, no gap above it.
            return section.body + "\n\n" if section.body else ""
        heading = "#" * section.level + (" " + section.heading if section.heading else "")
        return heading + "\n" + (self._gap + section.body + "\n\n" if section.body else "\n")

    def _take(self, key: str) -> list[Section]:
        """The pending sections that go after ``key``: those placed after it, and those placed after
        one of its items (``phases.2``), where the template places none per item. (Text without a
        heading that a target then reads as its list's last item's is reported and carried by the
        loss check: after a table, such as SmartSpec's endpoints, it reads as after the list.)"""
        self._asked.add(key)
        if key not in self._wanted:
            return []
        taken: list[Section] = []
        left: list[Section] = []
        for section in self._pending:
            mine = section.after == key or _item_of(section.after, key)
            (taken if mine else left).append(section)
        self._pending = left
        return taken

    def __call__(self, key: str, *, lstripped: bool = False) -> str:
        """The sections going after ``key`` (``lstripped``: less their blank lines at their start, as a template
        writes them under a heading of its own: one ask of the template's, not two). A template asks
        ``place[key]`` (``place.lstripped[key]``)."""
        taken = self._take(key)
        if not taken:
            return ""  # (most keys a template asks after)
        text = "".join(map(self._render, taken))
        return text.lstrip("\n") if lstripped else text

    __getitem__ = __call__

    def as_text_of_empty(self, plan: Plan, filled: Plan, holds: frozenset[str]) -> Plan:
        """``filled`` (``plan`` with the template's samples where it is empty) with each top field in
        ``holds`` that ``plan`` leaves empty and that the author's subsections open (sections placed
        after it, below its heading's level: a summary made of subsections) written as them, which it
        no longer places. Under the sample, they would read as the section's own text, and the next
        reading, taking the sample for no text, would write it again, in a section that first had none.
        """
        # The subsections that open what goes after an empty top field (the sections after them stay).
        opening: dict[str, list[Section]] = {}
        closed: set[str] = set()
        for section in self._pending:
            key = section.after
            if key not in holds or "." in key or key in closed or getattr(plan, key, None) != "":
                continue
            if section.level > 2:
                opening.setdefault(key, []).append(section)
            else:
                closed.add(key)
        if not opening:
            return filled
        taken = {id(section) for run in opening.values() for section in run}
        texts: dict[str, Any] = {key: "".join(map(self._render, run)).rstrip("\n") for key, run in opening.items()}
        self._pending = [section for section in self._pending if id(section) not in taken]
        return evolve(filled, **texts)

    def split(self, key: str, depth: int) -> tuple[str, str]:
        """The sections going after ``key``, as ``self(key)`` gives them, in two: those before the
        first with a heading above level ``depth`` (a heading that would close the section they are
        placed in), and that one with the rest, for the template to write where its section ends."""
        taken = self._take(key)
        if not taken:
            return "", ""  # (most keys a template asks after)
        cut = next((at for at, section in enumerate(taken) if 0 < section.level < depth), len(taken))
        return "".join(map(self._render, taken[:cut])), "".join(map(self._render, taken[cut:]))

    def within(self, key: str, depth: int, *, lstripped: bool = False) -> str:
        """``split(key, depth)``: the sections before the first that would close the section they are placed in,
        and that one with the rest kept for ``flush()``, at that section's end (``lstripped``: each part less
        its blank lines at its start). A template's sections ask it in turn (``place.inner[key, depth]``,
        ``place.inner_lstripped[key, depth]``): not a template macro."""
        now, rest = self.split(key, depth)
        if lstripped:
            now, rest = now.lstrip("\n"), rest.lstrip("\n")
        if rest:
            self._later.append(rest)
        return now

    def flush(self) -> str:
        """What ``inner`` kept for the end of the section, since the last ``flush()``."""
        text = "".join(self._later)
        self._later.clear()
        return text

    def titled(self, heading: str) -> str:
        """The top sections headed ``heading``, wherever they were: a conversion's
        appendix, which a template writes last."""
        if not self._rested:
            self._titled_first.add(heading)
        taken = [section for section in self._pending if section.level == 2 and section.heading == heading]
        self._pending = [section for section in self._pending if section not in taken]
        return "".join(self._render(section) for section in taken)

    def rest(self) -> str:
        self._rested = True
        taken, self._pending = self._pending, []
        return "".join(self._render(section) for section in taken)

    def close(self, tail: str, *, titled: str | None = None, stripped: bool = False, footer: str | None = None) -> str:
        """The text's last lines, which the template writes last: ``tail`` after a blank line, without its own
        blank lines at its end; nothing for no ``tail`` (``stripped``: nor for one of blank lines alone).
        With a ``footer`` (SmartSpec's generator line): ``tail`` without its blank lines at its start, then it.

        ``tail`` ends with what ``rest()`` gave (``titled``: ``titled(titled)``), as it is: with a section
        more at the plan's end that that call takes, the template writes the same text up to here, and a
        ``tail`` with that section's text after it (``Format._appended``)."""
        closing = _Closing(tail, titled, stripped, footer)
        self.closing = closing
        return closing.text

    def takes_last(self, section: Section, holds: frozenset[str]) -> bool:
        """Whether this template, given one more ``section`` at the end of its sections, would place it at
        the end of the ``tail`` it closed the text with (``close``), the rest of the text as it was: asked
        for by no key (``_take``), no opening of an empty field (``as_text_of_empty``), and taken by
        ``titled`` or ``rest()``, whichever ``close`` says its tail ends with."""
        closing = self.closing
        if closing is None or section.level == 0 or section.after in holds:
            return False
        after = section.after
        if after in self._asked or (_list_of(after) != after and _list_of(after) in self._asked):
            return False
        if section.level == 2 and section.heading in self._titled_first:
            return closing.titled == section.heading
        return self._rested and closing.titled is None


class _Lstripped:
    """A placer's sections as a template asks for them less their blank lines at their start:
    ``place.lstripped[key]`` is ``place(key, lstripped=True)``."""

    __slots__ = ("_placer",)

    def __init__(self, placer: Placer) -> None:
        self._placer = placer

    def __getitem__(self, key: str) -> str:
        return self._placer(key, lstripped=True)


class _Inner:
    """A placer's ``within`` as a template asks for it: ``place.inner[key, depth]`` (``inner_lstripped``:
    each part less its blank lines at its start)."""

    __slots__ = ("_lstripped", "_placer")

    def __init__(self, placer: Placer, *, lstripped: bool) -> None:
        self._placer = placer
        self._lstripped = lstripped

    def __getitem__(self, asked: tuple[str, int]) -> str:
        return self._placer.within(*asked, lstripped=self._lstripped)


@attrs.frozen
class _Closing:
    """How a template closed its text (``Placer.close``): the tail it closed it with, and what that tail ends with."""

    tail: str
    titled: str | None
    stripped: bool
    footer: str | None

    @property
    def text(self) -> str:
        if self.footer is not None:
            return self.tail.lstrip("\n") + self.footer
        if not (self.tail.rstrip("\n") if self.stripped else self.tail):
            return ""
        return "\n" + self.tail.rstrip("\n") + "\n"

    def with_section(self, text: str) -> _Closing:
        return attrs.evolve(self, tail=self.tail + text)


def forget_texts() -> None:
    """Drop what was kept of the last texts read (their outlines and plans),
    so that a benchmark times reading them, not looking them up."""
    for recent in _RECENTS.values():
        recent.clear()
    _UNFILLED.clear()
    _LAST_RENDERED.clear()
    forget_sections()
    forget()


# Per format and field of a plan: the last few values read, each with that value as ``_parse``
# makes it (``snap``, then ``blank``; the phases ``named`` too).
_UNFILLED: dict[tuple[str, str], list[tuple[Any, Any, Any, Any]]] = {}
_UNFILLED_KEPT = 4
# The fields ``_unfilled_changes`` walks, and what gives a plan's values of them in one call.
_PLAN_CONTENT = content_fields(Plan) or ()
_plan_content = field_values(_PLAN_CONTENT)
# Asked only whether a text is too big to keep several readings of (``Recent``'s rule and budget).
_KEPT_TEXTS: Recent[None] = Recent()


def _unfilled(fmt: Format, read: Plan, template: Plan, *, big: bool = False) -> Plan:
    """``named(blank(raw, template), raw, template)`` of ``raw = snap(read, template)``."""
    changes = _unfilled_changes(fmt, read, template, big=big)
    return evolve(read, **changes) if changes else read


def _unfilled_changes(fmt: Format, read: Plan, template: Plan, *, big: bool = False) -> dict[str, Any]:
    """The fields of ``_unfilled(fmt, read, template)`` that are not ``read``'s, by name (for ``_parse``
    to build its plan once, with its other changes), made field by field.

    A conversion reads texts that differ in a few sections only (its output, with its appendix,
    with placeholder lines cut): a field read as before is taken as it was made then. The walks
    are pure functions of a field's value and its placeholder (model values are frozen and
    compared by value), and ``snap`` and ``blank`` of a plan are those of each of its fields (no
    field of ``Plan`` is another's fence language, which ``blank`` would weigh together); ``named``
    changes the phases only, by the phases alone. Of a ``big`` text's fields only its own are kept
    (as ``Recent`` keeps only the last big text's reading), so memory stays a few times its size."""
    keep = 1 if big else _UNFILLED_KEPT
    changes: dict[str, Any] = {}
    for name, value, sample in zip(_PLAN_CONTENT, _plan_content(read), _plan_content(template), strict=True):
        if not value:
            # An empty text or list (most of a plan's fields) is its own unfilled value, whatever its
            # placeholder: ``snap`` gives it or a placeholder of blanks, which ``blank`` empties again.
            continue
        kept = _UNFILLED.get((fmt.name, name), ())
        entry = None
        for old in kept:
            if old[1] is sample and (old[0] is value or old[0] == value):
                entry = old
                break
        if entry is None and (value is sample or value == sample):
            # The template's own value (an unfilled section's): its walks are the format's, made once.
            entry = (value, sample, value, _template_unfilled(fmt, template, name))
        if entry is None:
            snap_value = snap(value, sample)
            blank_value = _unfilled_field(name, snap_value, sample, template)
            entry = (value, sample, snap_value, blank_value)
            # A new list, not the kept one changed: a thread reading it meanwhile sees either.
            _UNFILLED[(fmt.name, name)] = [*kept[len(kept) + 1 - keep :], entry]
        if entry[3] is not value:
            changes[name] = entry[3]
    return changes


def _unfilled_field(name: str, snapped: Any, sample: Any, template: Plan) -> Any:
    """The field ``name`` of a plan, ``snapped`` (``snap``) against its ``template``'s ``sample``, blanked as
    ``_unfilled`` blanks it (the phases ``named`` too)."""
    value = blank(snapped, sample)
    # (Phases each named already take no name from ``snapped``: ``named`` gives them as they are, with
    # no plans built to hand it them.)
    if name == "phases" and not all(phase.name for phase in value):
        value = named(Plan(phases=value), Plan(phases=snapped), template).phases
    return value


# Per format and field of a plan: the template's value blanked (``_unfilled_field`` of it), with that value.
_TEMPLATE_UNFILLED: dict[tuple[str, str], tuple[Any, Any]] = {}


def _template_unfilled(fmt: Format, template: Plan, name: str) -> Any:
    """``_unfilled_field`` of the template's own value of field ``name`` (``snap`` leaves a value equal to
    its sample as it is), kept per format: a walk that does not depend on the text read."""
    sample = getattr(template, name)
    kept = _TEMPLATE_UNFILLED.get((fmt.name, name))
    if kept is None or kept[0] is not sample:
        kept = _TEMPLATE_UNFILLED[(fmt.name, name)] = (sample, _unfilled_field(name, sample, sample, template))
    return kept[1]


_RECENTS: dict[tuple[str, str, Callable[[str], Plan]], _Recent] = {}


def _recent(kind: str, fmt: Format, function: Callable[[str], Plan]) -> _Recent:
    """The kept results of ``function`` (``kind``: "read" or "parse") for the
    format: by its name and reader, which are all that reading depends on."""
    key = (kind, fmt.name, fmt.read)
    recent = _RECENTS.get(key)
    if recent is None:
        recent = _RECENTS[key] = _Recent(function)
    return recent


class _Recent:
    """The results of a pure function of a text (a reader), for the last few texts.

    A conversion reads its input, and reads back its output, more than once
    (detection, the reader, the check of what the output holds, retitling,
    the report): each text is read once. Plans are frozen, so a result can be
    shared; only a few are kept (see ``Recent``).
    """

    def __init__(self, function: Callable[[str], Plan]) -> None:
        self._function = function
        self._results: Recent[Plan] = Recent()

    def clear(self) -> None:
        self._results.clear()

    def __call__(self, text: str) -> Plan:
        result = self._results.get(text)
        return self._results.put(text, self._function(text)) if result is None else result


@attrs.frozen
class Format:
    """One plan format, registered by ``name``."""

    name: str
    description: str
    origin: str
    read: Callable[[str], Plan] = attrs.field(repr=False)
    # ``read(text).headings`` without reading the fields, for a format whose reader can say (``titled``).
    read_titles: Callable[[str], tuple[Labeled, ...]] | None = attrs.field(default=None, repr=False, kw_only=True)
    holds: frozenset[str] = attrs.field(repr=False)
    # Each a pattern and its weight; one ``line_mark`` declares is tried only on the lines opening so.
    markers: tuple[tuple[str, float], ...] = attrs.field(repr=False)
    # The blank line a writer puts between a heading and its body ("\n" or "").
    gap: str = attrs.field(default="\n", repr=False)
    # Every field's placeholder, for a format that ships no ``templates/NAME.md``.
    placeholders: Plan | None = attrs.field(default=None, repr=False)
    # Data of the format's module that its writer template uses too (labels, say).
    writer_data: Mapping[str, object] = attrs.field(factory=dict, repr=False, eq=False)
    # The tool whose plans these are, and where that tool keeps them (for ``plancore.format_info``).
    tool: str = attrs.field(default="", repr=False)
    layout: str = attrs.field(default="", repr=False)
    # Whether a plan's own sections the format has no field for may stand in its body, carried
    # under their headings by the crosswalk; a file of tasks only takes them in its appendix.
    carries_sections: bool = attrs.field(default=True, repr=False)
    # What its template writes after some of its headings (Spec Kit's ``*(mandatory)*``), ending a heading
    # line: the template's words, not the author's (``unannotated``).
    annotations: re.Pattern[str] | None = attrs.field(default=None, repr=False, kw_only=True)
    # Its own numbering of a written plan redone (``text`` to text) after sections of its template were cut
    # from between others (maestro's ``1.3 Key Design Decisions`` after ``1.2`` was: ``1.2``); None: no numbering.
    renumbered: Callable[[str], str] | None = attrs.field(default=None, repr=False, kw_only=True)
    # Whether a section under the title (``node``, among its ``siblings``) is read as a part of its own: its
    # part of the plan (its fields, the sections it keeps, their places) read from the title's heading and
    # body with that section alone after them as from the whole text, whatever the sections around it are.
    # A change within it is then judged by reading that part (``_crosswalk._reads_alike_within``), of several
    # sections each: asked of the text before the changes and of the text after them, it tells a section by its own
    # text and the titles of the sections around it, which each text between the two has too. None: none is.
    local_section: Callable[[Node, Sequence[Node]], bool] | None = attrs.field(default=None, repr=False, kw_only=True)
    # ``local_section`` for a change within the section that leaves its last sub-section as it is (from its heading
    # on): a section whose reader places what the author keeps after it after the last of its sub-sections read
    # (SpecPulse's Architecture Overview, an author's Constitution Check after it placed after its Technical Stack).
    local_before_last: Callable[[Node, Sequence[Node]], bool] | None = attrs.field(
        default=None, repr=False, kw_only=True
    )
    # Whether a plan's header (the text before the first section the cuts leave as it is: its lines) less some of
    # its lines (their numbers, in order) reads as the header does, told by the reader's rules without reading
    # either: the template's placeholder lines cut from a header (``_crosswalk._reads_alike_before``). ``False``
    # when it cannot tell (both are read then). None: never told.
    header_alike: Callable[[Sequence[str], Sequence[int]], bool] | None = attrs.field(
        default=None, repr=False, kw_only=True
    )
    # The text of a field's section as written (field key, text -> text) less the lines its reader reads as its
    # template's answers for nothing (Spec Kit's ``**Storage**: NEEDS CLARIFICATION``): carried into another
    # format, they would read as the author's. None: a section is carried as written.
    unanswered: Callable[[str, str], str] | None = attrs.field(default=None, repr=False, kw_only=True)

    def unannotated(self, text: str) -> str:
        r"""``text`` (Markdown in this format) with its template's annotations of its headings dropped
        (``## Success Criteria *(mandatory)*`` as ``## Success Criteria``), outside code fences: for
        headings written in another format, where they would stand as the author's words.

        >>> from plancore._formats.speckit_spec import SPECKIT_SPEC
        >>> SPECKIT_SPEC.unannotated("## Success Criteria *(mandatory)*\n\n- x")
        '## Success Criteria\n\n- x'
        """
        annotations = self.annotations
        if annotations is None:
            return text
        return outside_fences(text, lambda line: annotations.sub("", line) if line.startswith("#") else line)

    def _read_text(self, text: str) -> Plan:
        return _recent("read", self, self.read)(text)

    @property
    def blank_text(self) -> str:
        return template_text(self.name) if self.placeholders is None else _rendered_blank(self)

    @property
    def template_plan(self) -> Plan:
        return self.placeholders if self.placeholders is not None else _template_plan(self)

    def parse(self, text: str) -> Plan:
        return _recent("parse", self, self._parse)(text)

    def read_headings(self, text: str) -> tuple[Labeled, ...]:
        """``parse(text).headings`` (the author's headings over the sections read), without comparing the
        rest of the plan with the template's placeholders: that leaves the headings as they are, the
        template's plan having none."""
        if self.template_plan.headings:
            return self.parse(text).headings
        return authored(self._read_text(normalize_newlines(text)).headings, own_headings(self))

    def _parse(self, text: str) -> Plan:
        # A placeholder written with other list marks or blank lines is still
        # the placeholder (snap), and a placeholder is no content (blank).
        # A phase named as the template's (SmartSpec's ``Development``) keeps its name when it holds more (issue 10).
        read = self._read_text(normalize_newlines(text))
        # One plan built of every change (a plan built and checked is some 25 µs, a twentieth of reading a
        # small plan): the fields unfilled, the counting taken out of the phases, the author's headings.
        changes = _unfilled_changes(self, read, self.template_plan, big=_KEPT_TEXTS.big(text))
        phases = changes.get("phases", read.phases)
        counted = _counted(phases)
        if counted is not phases:
            changes["phases"] = counted
        changes["headings"] = authored(changes.get("headings", read.headings), own_headings(self))
        plan = evolve(read, **changes)
        return evolve(plan, source=Source(format=self.name, text=text, plan=plan))

    def emit(self, plan: Plan) -> str:
        """``plan`` as text in this format; an edit of a plan read in it goes into the text it was read
        from. Raises ``EmitError`` naming the fields when no text takes the edit without changing
        what was not edited."""
        source = plan.source
        if not isinstance(source, Source) or source.format != self.name:
            return self._render(plan)
        if source.plan == plan:
            return source.text
        # An edited plan: the edit goes into the text it was read from, which
        # is kept wherever the edit does not reach: line by line if that reads
        # back as the edited plan, else the sections it reaches are rewritten
        # (see ``candidates``), else the whole plan is. A text is taken only if
        # it reads back as the plan, or differs from it only where the writer
        # writes the edited fields its own way (as the plan written afresh reads).
        # Imported here: only an edit splices, and a conversion's start-up need not import it (and difflib).
        from ._splice import candidates, restyle

        edited = self._render(plan, spliced=True, like=source.text)
        edits = differing(source.plan, plan)
        base = self._render(source.plan, spliced=True, like=source.text)
        tried = itertools.chain(candidates(source.text, base, edited), [edited])
        # The plan the writer's own text reads as is read only once a text does not read back as the plan:
        # most edits' first text does, and reading the writer's text costs as much as reading the author's.
        wanted: Plan | None = None
        allowed = False
        for text in tried:
            text = restyle(text, like=source.text) if text is edited else text
            back = self.parse(text)
            if back == plan:
                return text
            if wanted is None:
                wanted = self.parse(edited)
                allowed = wanted == plan or differing(wanted, plan) <= edits
            if allowed and back == wanted:
                return text
        assert wanted is not None  # every text tried (at least ``edited``) read as another plan
        fields = ", ".join(sorted(differing(wanted, plan) - edits)) or "none"
        raise EmitError(
            f"cannot write the edit as {self.name} without changing what it did not edit (fields: {fields})"
        )

    def _render(self, plan: Plan, *, spliced: bool = False, like: str = "") -> str:
        if spliced or like:
            return self.titled(self.laid_out(plan, spliced=spliced, like=like), plan.headings)
        appended = self._appended(plan)
        if appended is not None:
            return appended
        text, placer = self._laid_out(plan)
        result = self.titled(text, plan.headings)
        _LAST_RENDERED[self.name] = _Rendered(self, plan, text, result, placer)
        return result

    def _appended(self, plan: Plan) -> str | None:
        """``_render(plan)`` from the last plan rendered, when ``plan`` is that plan with one section more at
        the end of its own sections, which the writer places at the end of the text (``Placer.takes_last``):
        a conversion's output written again with its appendix. ``None`` otherwise."""
        last = _LAST_RENDERED.get(self.name)
        if last is None or last.format is not self:
            return None
        before = last.plan
        sections = plan.extra_sections
        if len(sections) != len(before.extra_sections) + 1:
            return None
        if sections[:-1] != before.extra_sections or not _same_but_sections(plan, before):
            return None
        section = sections[-1]
        closing = last.placer.closing
        if closing is None or not last.placer.takes_last(section, self.holds):
            return None
        # The template writes nothing after its closing lines (``Placer.close``).
        if not last.text.endswith(closing.text):
            return None
        kept = len(last.text) - len(closing.text)
        text = last.text[:kept] + closing.with_section(last.placer._render(section)).text
        return self.titled(text, plan.headings, last=(last.text, last.result))

    def emit_tokened(self, plan: Plan, told: Callable[[str], str]) -> str:
        """``plan``, of no text, with a token in place of each of its values (``_report.Tokens``), as ``emit``
        writes it; ``told`` gives the text of a value with tokens in it, for a writer that lays a value out
        by what it says (Spec Kit's status as Progress Tracking checks only when it is checks)."""
        return self.titled(self.laid_out(plan, told=told), plan.headings)

    def laid_out(self, plan: Plan, *, spliced: bool = False, like: str = "", told: Callable[[str], str] = str) -> str:
        """``plan`` as the writer lays it out, every section under the format's own heading (its
        author's headings not put back: ``titled``); ``told``: as ``emit_tokened`` takes it."""
        return self._laid_out(plan, spliced=spliced, like=like, told=told)[0]

    def _laid_out(
        self, plan: Plan, *, spliced: bool = False, like: str = "", told: Callable[[str], str] = str
    ) -> tuple[str, Placer]:
        """``laid_out``, and the placer of its sections, which says how the template placed them."""
        filled = fill(plan, self.template_plan)
        placer = Placer(plan.extra_sections, self.gap)
        if not spliced:
            filled = placer.as_text_of_empty(plan, filled, self.holds)
        template = _environment().get_template(f"{self.name}.md.j2")
        # ``spliced``: the rendering an edit of a text read in this format is
        # spliced by, in the shape the splice aligns with that text (the
        # template's samples in every part); a converted or new plan's real
        # rows and phases show none of them.
        text: str = template.render(
            **self.writer_data,
            plan=filled,
            place=placer,
            placeholders=self.template_plan,
            spliced=spliced,
            # ``like``: the text an edit goes into ("" for a new text), for a format whose writer
            # follows a file's own layout where the format has two (Kiro's blank lines under headings).
            like=like,
            told=told,
        )
        return text, placer

    def titled(
        self, text: str, headings: tuple[Labeled, ...], *, read_again: bool = True, last: tuple[str, str] | None = None
    ) -> str:
        """``text`` (``laid_out``) with the author's ``headings`` put back where this format reads them.
        ``read_again``: whether the result is read again (an output is, by its conversion's check, which
        takes the reading that checked the headings); else (an appendix's rendering) only its headings
        are read where the format can (``read_titles``). ``last``: a text this format retitled with the
        same ``headings``, and the result (see ``retitle``)."""
        if not headings:
            return text
        titles = None if read_again else self.read_titles
        return retitle(text, headings, self._read_text, lambda: full_text(self), titles=titles, last=last)

    def score(self, text: str) -> float:
        """How strongly ``text`` bears this format's marks (0 when none)."""
        lines = "\n" + text
        return sum(
            weight
            for pattern, weight in self.markers
            if _compiled(pattern).search(lines if pattern.startswith("^") else text)
        )


@attrs.frozen
class _Rendered:
    """A plan a format rendered (``Format._render``): its laid-out text, the text, and its placer."""

    format: Format
    plan: Plan
    text: str
    result: str
    placer: Placer


# The last plan each format rendered afresh: a conversion writes its output twice, the second time with its
# appendix at the end (``Format._appended``), having rendered that appendix's sections in their own format.
_LAST_RENDERED: dict[str, _Rendered] = {}

_PLAN_FIELDS = tuple(field.name for field in attrs.fields(Plan) if field.name != "extra_sections")


def _same_but_sections(plan: Plan, other: Plan) -> bool:
    """Whether two plans hold the same in every field but their own sections (those compared by
    ``==`` and not: ``list_styles``, which writers read too)."""
    for name in _PLAN_FIELDS:
        mine, theirs = getattr(plan, name), getattr(other, name)
        if mine is not theirs and mine != theirs:
            return False
    return True


class LineMark(str):
    """A format's mark (a pattern, ``^``-anchored) found only on a line that opens with ``opening``:
    detection tries it on those lines alone (``_detect``), as most lines open with no mark's character."""

    opening: str


def line_mark(opening: str, pattern: str) -> str:
    """``pattern`` (``^`` and then ``opening``, as written or escaped: its every match opens with it) as a
    mark declared to match only on a line opening with ``opening``."""
    if not pattern.startswith(("^" + opening, "^" + re.escape(opening))):
        raise ValueError(f"{pattern!r} does not open with {opening!r}")
    mark = LineMark(pattern)
    mark.opening = opening
    return mark


@functools.cache
def _compiled(pattern: str) -> re.Pattern[str]:
    if pattern.startswith("^"):
        # A mark at a line start is looked for after a line break in "\n" +
        # text: the same matches, but found by the regex engine's fast scan for
        # a literal prefix instead of an attempt at every position.
        return re.compile("\n(?:" + pattern[1:] + ")", re.MULTILINE)
    return re.compile(pattern, re.MULTILINE)


def _rendered_blank(fmt: Format) -> str:
    return derived("blank text", fmt.name, lambda: fmt._render(Plan()))


def _template_plan(fmt: Format) -> Plan:
    # Its headings are the format's own, no author's: the placeholder of every heading is none.
    return derived("template plan", fmt.name, lambda: attrs.evolve(fmt.read(fmt.blank_text), headings=()))


PART_FORMATS: dict[str, Format] = {}
"""The formats of the files of the folder formats (``kiro-design``, ``openspec-proposal``, ``speckit-spec``), by
name: no part is a plan on its own, so none is in ``FORMATS``. Each folder format's module adds its own when it
is imported (before any of its folders is read), so that a conversion finds the format of each file a folder's
plan was read from (``Source.parts``) by its name."""


def own_headings(fmt: Format) -> tuple[Labeled, ...]:
    """The format's own headings for its sections, as its reader records them:
    its blank template's, and its writer's for sections the template lacks."""

    def derive() -> tuple[Labeled, ...]:
        # Also with no items: a writer numbering its sections (maestro's ``3.1 Data Flow`` when a data model
        # has no entity subsections) numbers them as they stand, its own headings still.
        listless = fmt._render(
            restrict(_listless(attrs.evolve(filled(Plan), extra_sections=(), headings=())), fmt.holds)
        )
        return fmt.read(fmt.blank_text).headings + fmt.read(full_text(fmt)).headings + fmt.read(listless).headings

    return derived("own headings", fmt.name, derive)


def _listless(value: Any) -> Any:
    """``value`` (attrs classes) with every list of items empty, its other fields as they are."""
    changes = {}
    for field in attrs.fields(type(value)):
        inner = getattr(value, field.name)
        if isinstance(inner, tuple) and inner and attrs.has(type(inner[0])):
            changes[field.name] = ()
        elif attrs.has(type(inner)):
            changes[field.name] = _listless(inner)
    return attrs.evolve(value, **changes)


def full_text(fmt: Format) -> str:
    """The format's writing of a plan with every field it holds filled: each of its sections under its heading."""

    def derive() -> str:
        return fmt._render(restrict(attrs.evolve(filled(Plan), extra_sections=(), headings=()), fmt.holds))

    return derived("full text", fmt.name, derive)
