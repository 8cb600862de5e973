"""The public operations: detect, parse, emit, convert."""

from __future__ import annotations

import functools
import gc
import re
from collections import Counter, deque
from collections.abc import Callable
from typing import TypeVar

import attrs

from ._appendix import LostSection, lost_sections, merged_appendix
from ._appendix import appendix as _appendix
from ._crosswalk import (
    Placement,
    clear_placeholders,
    crosswalk,
    crosswalk_built,
    drop_unfilled,
    home_format,
    places_after,
)
from ._detect import FormatScore, format_scores
from ._errors import EmitError, LossError, ParseError, PlanError, PlanTypeError, UnknownFormatError, line_at
from ._fields import bare_leaves, field_leaves, leaves, named
from ._format import PART_FORMATS, Format, _phase_numbers, own_headings
from ._loss import Loss
from ._markdown import normalize_title
from ._model import Phase, Plan, Section, Source, evolve
from ._registry import FORMATS, get_format
from ._report import FieldReport, report
from ._vocabulary import translated_heading, translated_label

__all__ = [
    "Conversion",
    "convert",
    "convert_plan",
    "detect",
    "detect_scores",
    "emit",
    "formats",
    "parse",
    "part_format",
    "source_named",
]


@attrs.frozen
class Conversion:
    """The result of ``convert``: the output text and what it could not hold.

    ``text`` is the plan in the target format (a ``str``, ``\\n`` line ends);
    ``plan`` the source plan as read; ``source`` and ``target`` the format
    names; ``losses`` the fields the target has no place for, in source
    order (each carried into the output's appendix, but a template's heading
    or label in translation that the target replaced by its own: ``Loss.carried``).
    """

    text: str
    plan: Plan
    source: str
    target: str
    losses: tuple[Loss, ...] = ()
    # Fields of the source that the crosswalk wrote elsewhere than in their
    # own field: into another field of the target, or a carried section.
    placed: tuple[Placement, ...] = ()
    # The plan as ``text`` writes it: ``plan`` reshaped by the crosswalk (None: ``plan`` itself).
    written: Plan | None = attrs.field(default=None, eq=False, repr=False)
    # What the appendix rendered in the source's format: its plan and losses (None: no appendix).
    rendered: tuple[Plan, tuple[Loss, ...]] | None = attrs.field(default=None, eq=False, repr=False)

    def report(self) -> tuple[FieldReport, ...]:
        """Per field of the source plan, where its content went in ``text``.

        Returns:
            One ``FieldReport`` per filled field of the source plan (``path``
            with indices, ``outcome``, ``section``), then one per field the
            target holds that the source left empty (``outcome="unfilled"``,
            path without indices). ``outcome`` is ``"mapped"`` (in the target's
            section ``section``), ``"verbatim"``, ``"appendix"`` (exactly the
            ``losses`` carried), ``"replaced"`` (the ``losses`` not carried: a
            template's heading or label in translation) or ``"unfilled"``.

        Raises:
            Nothing of its own: the conversion has been made.

        >>> import plancore
        >>> plan = plancore.emit(plancore.Plan(summary="Add search."), "smartspec")
        >>> [(entry.path, entry.outcome) for entry in plancore.convert(plan, "aadt").report()][0]
        ('summary', 'mapped')
        """
        written = self.plan if self.written is None else self.written
        places = _places(self.plan, written, self.placed)
        return report(self.plan, self.text, get_format(self.target), self.losses, written=written, places=places)

    def lost_sections(self) -> tuple[LostSection, ...]:
        """The ``losses`` grouped by the section of the source plan they are in
        (see ``lost_sections``): one per section that did not land in its place."""
        carried = tuple(loss for loss in self.losses if loss.carried)
        source = FORMATS.get(self.source)
        if self.rendered is None or source is None:
            return lost_sections(self.plan, carried, source)
        written = self.plan if self.written is None else self.written
        places = _places(self.plan, written, self.placed)
        return lost_sections(self.plan, carried, source, rendered=(*self.rendered, places))


def formats() -> tuple[str, ...]:
    """The names of the supported file formats.

    Returns:
        A tuple of format names, in registry order. ``format_info(name)``
        describes each. The folder formats (a plan kept as a folder of files:
        ``kiro``, ``openspec``, and ``speckit-github``'s feature folder) are
        not among them: ``plancore formats`` on the command line lists them
        too, ``format_info`` describes them and ``read_folder`` reads them.

    >>> import plancore
    >>> plancore.formats()
    ('smartspec', 'maestro', 'specpulse', 'aadt', 'speckit', 'speckit-github', 'speckit-tasks')
    """
    return tuple(FORMATS)


_SURROGATE = re.compile("[\ud800-\udfff]")
_NOT_BLANK = re.compile("[^\ufeff \t\r\n]")


def _check_text(text: object) -> str:
    """``text`` if it can be a plan; else a ``PlanError`` naming the line at fault."""
    if not isinstance(text, str):
        hint = " (decode it first: data.decode('utf-8'))" if isinstance(text, bytes | bytearray) else ""
        raise PlanTypeError(f"expected the plan as str, got {type(text).__name__}{hint}")
    if _NOT_BLANK.search(text) is None:
        raise ParseError("the text is empty", line=1)
    # The first fault is the one named.
    nul = text.find("\x00")
    if not text.isascii():
        surrogate = _SURROGATE.search(text, 0, nul if nul >= 0 else len(text))
        if surrogate is not None:
            raise ParseError(
                f"holds a lone surrogate U+{ord(surrogate.group()):04X}: not valid Unicode text"
                " (from bytes that are not UTF-8?)",
                line=line_at(text, surrogate.start()),
            )
    if nul >= 0:
        raise ParseError("holds a NUL character: binary data, not plan text", line=line_at(text, nul))
    return text


_T = TypeVar("_T")


def _guarded(action: Callable[[], _T], error: type[PlanError], what: str) -> _T:
    """``action()``, with any error that is not a ``PlanError`` (a fault of
    plancore's on odd input) raised as ``error`` saying ``what`` failed."""
    # The cyclic garbage collector is paused meanwhile: reading and writing build many objects,
    # which it would walk again and again in a big plan (a quarter of the time of an edit of a
    # plan of 2,000 phases), while they hold no cycles for it to find: reference counting frees
    # them. Resumed at the end as it was (a pause inside another is none).
    paused = gc.isenabled()
    if paused:
        gc.disable()
    try:
        return action()
    except PlanError:
        raise
    except RecursionError:
        raise error(f"{what}: the text is nested too deeply") from None
    except Exception as fault:
        raise error(f"{what}: {type(fault).__name__}: {fault}") from fault
    finally:
        if paused:
            gc.enable()


def detect(text: str) -> str:
    """The name of the format ``text`` is written in.

    Judged by the document's structure (its headings against each format's
    template, and each format's labels and markers), so plans that dropped or
    renamed parts are still recognised.

    Args:
        text: the plan's Markdown, as a ``str`` (any line ends, a byte-order mark allowed).

    Returns:
        A format name, one of ``formats()``.

    Raises:
        UnknownFormatError: no format fits (a README, notes).
        ParseError: the text is empty, or holds a NUL character or a lone surrogate (naming the line).
        PlanTypeError: ``text`` is not a ``str`` (bytes: decode them first).

    >>> import plancore
    >>> plancore.detect(plancore.emit(plancore.Plan(), "maestro"))
    'maestro'
    """
    return _detected(_check_text(text))


def _detected(checked: str) -> str:
    """``detect`` of a text ``_check_text`` passed."""
    best = _scores(checked)[0]
    if not best.fits:
        raise UnknownFormatError(
            "no plan format fits: looked for the headings and labels of "
            + ", ".join(FORMATS)
            + " (for example '## Executive Summary', '**Feature ID:**', '<!-- FEATURE_ID: -->', "
            "'**Issue:**', '## Technical Approach') and found too few; name the format "
            "(`-f FORMAT` on the command line, `source=` in Python), and see how close each came with "
            "`plancore detect --explain`",
            line=1,
        )
    return best.format


def detect_scores(text: str) -> tuple[FormatScore, ...]:
    """How well ``text`` fits each format, best first: what ``detect`` decides by,
    to say which formats came close and why when none fits well.

    Args:
        text: the plan's Markdown, as a ``str``.

    Returns:
        One ``FormatScore`` per format, highest ``score`` first: ``format``, ``score``
        (a float), ``marks`` (the text of each of its marks found), ``headings``
        (the share of its template's headings found, 0.0 to 1.0) and ``fits``
        (whether ``detect`` would take the text for a plan of it, were it the best).

    Raises:
        ParseError: the text is empty, or holds a NUL character or a lone surrogate (naming the line).
        PlanTypeError: ``text`` is not a ``str``.

    >>> import plancore
    >>> best = plancore.detect_scores(plancore.emit(plancore.Plan(), "aadt"))[0]
    >>> best.format, best.fits
    ('aadt', True)
    """
    return _scores(_check_text(text))


def _scores(checked: str) -> tuple[FormatScore, ...]:
    return _guarded(lambda: format_scores(checked), ParseError, "cannot detect the format")


def _format(name: str | Format) -> Format:
    if isinstance(name, Format):
        return name
    if not isinstance(name, str):
        raise PlanTypeError(f"expected a format name (str), got {type(name).__name__}")
    return get_format(name)


def parse(text: str, format: str | None = None) -> Plan:
    """Read ``text`` as a plan in ``format`` (detected when ``None``).

    Args:
        text: the plan's Markdown, as a ``str``.
        format: a format name, one of ``formats()``; ``None`` to detect it.

    Returns:
        The ``Plan``. It remembers ``text``: written back in the same format
        unchanged it is ``text`` byte for byte, and edited (``attrs.evolve``)
        only the edited field's lines change.

    Raises:
        UnknownFormatError: ``format`` is ``None`` and no format fits.
        FormatNotFoundError: ``format`` is no format's name.
        ParseError: the text is empty, not valid text, or cannot be read in ``format`` (naming the line).
        PlanTypeError: ``text`` is not a ``str``.

    >>> import plancore
    >>> plan = plancore.parse("# Plan: Search\\n\\n**Issue:** #12\\n\\n## Overview\\n\\nAdd search.\\n", "aadt")
    >>> plan.metadata.issue_id, plan.summary
    ('#12', 'Add search.')
    """
    checked = _check_text(text)
    fmt = _format(format if format is not None else detect(checked))
    return _read(fmt, checked)


def _read(fmt: Format, text: str) -> Plan:
    return _guarded(lambda: fmt.parse(text), ParseError, f"cannot read the text as {fmt.name}")


def emit(plan: Plan, format: str) -> str:
    """Write ``plan`` in ``format``.

    Args:
        plan: the ``Plan`` to write.
        format: a format name, one of ``formats()``.

    Returns:
        The plan as Markdown text (``\\n`` line ends). Unfilled fields show
        the format's placeholders; ``Plan()`` gives the blank template. A plan
        read by ``parse`` in this format comes back as it was read, its edits
        applied to their lines only. Fields the format has no place for are
        left out: ``convert`` reports them.

    Raises:
        FormatNotFoundError: ``format`` is no format's name.
        PlanTypeError: ``plan`` is not a ``Plan``.
        EmitError: the plan cannot be written so that it reads back as ``plan``
            (names the fields that would change; a fault of plancore's: please report it).

    >>> import plancore
    >>> text = plancore.emit(plancore.Plan(summary="Add search."), "smartspec")
    >>> text.split("## Executive Summary\\n\\n")[1].splitlines()[0]
    'Add search.'
    """
    fmt = _format(format)
    if not isinstance(plan, Plan):
        raise PlanTypeError(f"expected a Plan, got {type(plan).__name__}")
    return _write(fmt, plan)


def _write(fmt: Format, plan: Plan) -> str:
    return _guarded(lambda: fmt.emit(plan), EmitError, f"cannot write the plan as {fmt.name}")


def _extra(section: Section, target: Format) -> tuple[str, int, str, str]:
    """A section as the comparison of what was kept sees it: with its place where it has no heading and
    the target places nothing there, for the target writes it at its end, where it reads as the text of
    whatever section is last (SmartSpec's entity blocks under Spec Kit's Complexity Tracking)."""
    glued = not section.level and not places_after(target, section.after)
    return (section.heading, section.level, section.body, section.after if glued else "")


def _extras(plan: Plan, target: Format) -> Counter[tuple[str, int, str, str]]:
    return Counter(_extra(section, target) for section in plan.extra_sections)


def _losses(plan: Plan, written: Plan, target: Format, output: str = "") -> list[Loss]:
    losses = []
    # Field by field, in order: a field read back equal (most) loses no leaf, and neither plan's leaves of
    # it are gathered. (``written``'s leaves are not kept: a big plan's conversion holds no text it read back.)
    for name in _BARE_FIELDS:
        mine, theirs = getattr(plan, name), getattr(written, name)
        if mine is theirs or mine == theirs:
            continue
        kept = _phases_by_number(mine, theirs) if name == "phases" else None
        if kept is None:
            kept = dict(field_leaves(written, name))
        for path, value in field_leaves(plan, name):
            if kept.get(path) == value:
                continue
            pattern = _INDEX.sub("", path)
            if pattern in target.holds:
                reason = f"{target.name} cannot hold this value as written"
            else:
                reason = f"{target.name} has no place for it"
            losses.append(Loss(path=path, reason=reason, value=value))
    if plan.headings:
        # Kept where the output has the heading over the same section: read
        # back as the author's, or the target's own heading for that section.
        titled = {*written.headings, *own_headings(target)}
        lost = [loss.path for loss in losses]
        # A heading the target writes as its own is no sign of the author's section kept whole.
        theirs = {normalize_title(own.value) for own in own_headings(target)}
        for index, heading in enumerate(plan.headings):
            if heading in titled or (
                normalize_title(heading.value) not in theirs
                and _heads_kept_text(heading.value, heading.label, lost, output)
            ):
                continue
            reason = f"{target.name} reads no {heading.label} section under this heading"
            if heading.label.startswith("extra_sections["):
                # The heading of an author's section opened into its subsections (``_crosswalk._clashes_opened``).
                reason = f"{target.name} reads its own section under this heading: its subsections stand apart"
            losses.append(Loss(path=f"headings[{index}]", reason=reason, value=heading.value))
    for index, label in enumerate(plan.labels):
        if label not in written.labels:
            reason = f"{target.name} writes its own label for {label.label}"
            losses.append(Loss(path=f"labels[{index}]", reason=reason, value=label.value))
    missing = _extras(plan, target) - _extras(written, target)
    for index, section in enumerate(plan.extra_sections):
        key = _extra(section, target)
        if missing[key] > 0 and not _shown(section, output):
            missing[key] -= 1
            losses.append(
                Loss(
                    path=f"extra_sections[{index}]",
                    reason=f"{target.name} could not keep it in place",
                    value=section.body,
                )
            )
    return losses


def _phases_by_number(mine: tuple[Phase, ...], theirs: tuple[Phase, ...]) -> dict[str, object] | None:
    """The leaves of the phases read back (``theirs``) under the paths of the plan's phases (``mine``) of
    their numbers, when fewer were read back and each one's number is a later phase's of the plan
    (``None``: else, where they pair up by place). A phase holding nothing the target holds is written
    as its template's unfilled phase, which its reader cuts: paired by place, every later phase would be
    compared with the one before it, and its fields carried to the appendix as lost though written."""
    if len(theirs) >= len(mine):
        return None
    numbers = _phase_numbers(mine)
    found: dict[str, object] = {}
    at = 0
    for number, phase in zip(_phase_numbers(theirs), theirs, strict=True):
        while at < len(numbers) and numbers[at] != number:
            at += 1
        if at == len(numbers):
            return None
        found.update(leaves(phase, f"phases[{at}]."))
        at += 1
    return found


_COMPARE = "cannot compare the conversion"


def _compared(plan: Plan, output: str, target: Format) -> list[Loss]:
    """What of ``plan`` the ``output`` written in ``target`` does not hold as written (``_losses``)."""
    return _losses(plan, _read(target, output), target, output)


def _template_words(losses: list[Loss], plan: Plan) -> set[str]:
    """The paths of ``losses`` that are ``plan``'s template headings and labels in translation
    (``项目结构``, ``**分支**``, ``实现计划:``); a label's colon (``metadata.branch:colon``) goes with its label."""
    translated = {label.label for label in plan.labels if translated_label(label.value)}
    found = set()
    for loss in losses:
        name, _, index = loss.path.partition("[")
        if name == "headings":
            if translated_heading(plan.headings[int(index[:-1])].value):
                found.add(loss.path)
        elif name == "labels" and plan.labels[int(index[:-1])].label.partition(":")[0] in translated:
            found.add(loss.path)
    return found


def _shown_words(words: set[str], plan: Plan, body: str) -> set[str]:
    """Of ``words`` (``_template_words``), those the appendix ``body`` shows: a heading over a carried
    section, a label on a carried line (its colon with it)."""
    # The heading lines alone, found as a line break's end in "\n" + body: the body may hold most of a plan.
    titles = {line.lstrip("#").strip() for line in _HASH_LINE.findall("\n" + body)}
    # A label in bold (``**分支**``), a title's prefix opening the title's line.
    labels = {
        label.label
        for label in plan.labels
        if f"**{label.value}" in body
        or (label.label == "metadata.title" and "\n" not in label.value and "\n" + label.value in "\n" + body)
    }
    shown = set()
    for path in words:
        name, _, index = path.partition("[")
        if name == "headings":
            if plan.headings[int(index[:-1])].value in titles:
                shown.add(path)
        elif plan.labels[int(index[:-1])].label.partition(":")[0] in labels:
            shown.add(path)
    return shown


# A line starting with ``#``, after the line break before it.
_HASH_LINE = re.compile(r"\n(#[^\n]*)")


def _replaced(loss: Loss, plan: Plan, target: Format) -> Loss:
    """``loss``, a template's heading or label in translation, as reported: replaced by the target's own."""
    name, _, index = loss.path.partition("[")
    if name == "headings":
        reason = f"the template's heading in translation, replaced by {target.name}'s own heading"
    else:
        reason = f"the template's label in translation, replaced by {target.name}'s own label"
    field = (plan.headings if name == "headings" else plan.labels)[int(index[:-1])].label
    return attrs.evolve(loss, reason=f"{reason} for {field}", carried=False)


def _heads_kept_text(heading: str, field: str, lost: list[str], output: str) -> bool:
    """Whether ``output`` has ``heading`` as a heading line over text of ``field`` that is not lost: a
    section the target has no field for, carried whole with its subsections (maestro's ``### 7.1 Unit
    Tests`` in SpecPulse's Testing Strategy), keeps its headings in place; listing them again in the
    appendix read as a second copy."""
    if any(path == field or path.startswith((field + ".", field + "[")) for path in lost):
        return False
    # A line start found as a line break's end in "\n" + output: the regex engine scans for that literal
    # instead of trying the pattern at every character (a search per heading and target, over the output).
    return re.search(rf"\n#{{1,6}}[ \t]+{re.escape(heading)}[ \t]*(?=\n|\Z)", "\n" + output) is not None


def _shown(section: Section, output: str) -> bool:
    """Whether ``output`` shows ``section`` as written, heading and body: a
    section the target reads back as one of its own (``## Phase 0: Research``
    in a tasks file, a phase there) is in place, not lost."""
    if not section.heading:
        return False
    head = "#" * section.level + " " + section.heading + "\n"
    at = output.find("\n" + head)
    return at >= 0 and output.startswith(section.body.strip("\n"), at + 1 + len(head) + 1)


_INDEX = re.compile(r"\[\d+\]")


def convert(
    text: str, to: str, *, source: str | None = None, strict: bool = False, unfilled: str = "keep"
) -> Conversion:
    """Convert ``text`` (in ``source``, detected when ``None``) to format ``to``.

    Every field the target holds is written in its place; what the target
    holds in another shape is placed by the crosswalk (``Conversion.placed``);
    the rest goes into an appendix section and is listed in
    ``Conversion.losses``. A target section the plan has nothing for keeps the
    target's placeholder; with ``unfilled="drop"`` it is left out.

    Args:
        text: the plan's Markdown, as a ``str``.
        to: the target format's name.
        source: the source format's name; ``None`` to detect it.
        strict: raise ``LossError`` instead of carrying fields into the appendix.
        unfilled: ``"keep"`` (the target's placeholders where the plan has nothing) or ``"drop"``.

    Returns:
        A ``Conversion``: ``.text`` (the converted plan), ``.plan`` (the source
        plan), ``.source``, ``.target``, ``.losses`` (a tuple of ``Loss``:
        ``.path``, ``.reason``, ``.value``) and ``.report()``.

    Raises:
        LossError: ``strict`` and fields the target has no place for (``.losses`` lists them).
        UnknownFormatError: ``source`` is ``None`` and no format fits.
        FormatNotFoundError: ``to`` or ``source`` is no format's name.
        ParseError: the text is empty, not valid text, or cannot be read (naming the line).
        PlanTypeError: ``text`` is not a ``str``, or ``unfilled`` is neither ``"keep"`` nor ``"drop"``.
        EmitError: the plan cannot be written (a fault of plancore's: please report it).

    >>> import plancore
    >>> plan = plancore.Plan(summary="Add search.", dependencies=(plancore.Dependency(name="httpx", version="0.27"),))
    >>> result = plancore.convert(plancore.emit(plan, "smartspec"), "speckit")
    >>> [loss.path for loss in result.losses], [(placed.path, placed.field) for placed in result.placed]
    (['dependencies[0].version'], [('summary', 'specification')])
    """
    if unfilled not in ("keep", "drop"):
        raise PlanTypeError(f"unfilled is 'keep' or 'drop', not {unfilled!r}")
    target = _format(to)
    checked = _check_text(text)
    # Checked once: detection and reading take the checked text.
    source_format = _format(source) if source is not None else get_format(_detected(checked))
    plan = _read(source_format, checked)
    return convert_plan(plan, target, source=source_format.name, strict=strict, unfilled=unfilled)


def convert_plan(
    plan: Plan, to: str | Format, *, source: str, strict: bool = False, unfilled: str = "keep"
) -> Conversion:
    """``plan``, read from ``source`` (a format name, or ``"json"``), written in
    format ``to``: the crosswalk places what the target holds in another shape,
    what the target has no place for is carried in the appendix and listed as
    losses (``LossError`` with ``strict``). ``convert`` after its parse; also
    the conversion of a plan read from JSON."""
    if unfilled not in ("keep", "drop"):
        raise PlanTypeError(f"unfilled is 'keep' or 'drop', not {unfilled!r}")
    target = _format(to)
    source_format = FORMATS.get(source)
    if source_format is None and isinstance(plan.source, Source):
        # A plan read from JSON that kept its source text: that text is in its format.
        source_format = FORMATS.get(plan.source.format)
    origins = _origins_of(plan, source_format, target)
    shaped, placed = plan, tuple[Placement, ...]()
    if origins:
        shaped, placed = _guarded(lambda: _crosswalked(plan, origins, target), EmitError, "cannot map the plan")
    elif source_format is None and plan.source is None:
        # Built in Python: the rows that read the plan's shape alone still apply.
        shaped, placed = _guarded(lambda: crosswalk_built(plan, target), EmitError, "cannot map the plan")
    if isinstance(plan.source, Source) and plan.source.parts:
        # A folder's plan: what has no place is shown under its files' headings, in their shapes.
        source_format = origins[0][0] if origins else None
    output = _write(target, shaped)
    losses: list[Loss] = []
    reported: list[Loss] = []
    rendered: list[tuple[Plan, Format, tuple[Loss, ...]]] = []
    checked: str | None = None
    if source != target.name:
        # Read as ``parse`` reads it: a filled plan's phase named as the template's (``Development``) keeps its name.
        written = _read(target, output)
        # The last text the loss check read: its reading is at hand to the checks of the placeholders' cuts.
        checked = output
        losses = _guarded(lambda: _losses(shaped, written, target, output), EmitError, _COMPARE)
        # Not kept to the end: a big plan's conversion would hold each text it read back.
        del written
        # A template's heading or label in translation is reported, not carried: an English plan's are
        # no loss at all, so a translated plan needs an appendix (and a second writing) only for the rest.
        words = _template_words(losses, shaped)
        rest = [loss for loss in losses if loss.path not in words]
        if rest:
            # Strict about the source's fields: what the crosswalk made up (a step's number) is no loss of them,
            # nor is a template's heading or label in translation that the target replaces (``words``).
            if strict and (reported := _guarded(lambda: _origins(rest, plan, shaped, placed), EmitError, _COMPARE)):
                raise LossError(reported, target=target.name)
            # Heading-less text the target reads as part of something else (glued under a
            # placeholder) goes only into the appendix, where a heading names it.
            kept = shaped.extra_sections
            dropped: set[int] = set()
            # First the text the target places nowhere (written at its end, glued to whatever section is
            # last): text it does place, read wrongly only with that glued to it, then stays in its place.
            for anywhere in (False, True):
                lost = {loss.path for loss in losses}
                glued = {
                    index
                    for index, section in enumerate(shaped.extra_sections)
                    if section.level == 0
                    and f"extra_sections[{index}]" in lost
                    and (anywhere or not places_after(target, section.after))
                }
                if glued <= dropped:
                    continue
                dropped |= glued
                kept = tuple(section for index, section in enumerate(shaped.extra_sections) if index not in dropped)
                # Without the glued text, what it was glued to reads as written: only the text is lost.
                unglued = checked = _write(target, evolve(shaped, extra_sections=kept))
                losses = _guarded(functools.partial(_compared, shaped, unglued, target), EmitError, _COMPARE)
                words = _template_words(losses, shaped)
                rest = [loss for loss in losses if loss.path not in words]
            if source_format is None and plan.source is None and source == "json":
                # No text of its own: what it lost is shown as the format holding most of it writes it.
                source_format = home_format((loss.path for loss in losses), besides=target)
            carried = _guarded(
                lambda: _appendix(
                    rest,
                    source,
                    target.name,
                    plan=shaped,
                    source_format=source_format,
                    others=tuple(fmt for fmt, _, _ in origins[1:]),
                    read=plan,
                    rendered=rendered,
                ),
                EmitError,
                "cannot write the appendix",
            )
            # One appendix: an earlier conversion's that did not come home is a part of this one's.
            carried, kept = merged_appendix(carried, kept)
            with_appendix = evolve(shaped, extra_sections=(*kept, carried))
            output = _write(target, with_appendix)
        if words:
            # Shown in the appendix as the heading or label of what is carried there (a lost section), it
            # is carried; else the target's own heading or label stands in its place.
            shown = _shown_words(words, shaped, carried.body if rest else "")
            losses = [_replaced(loss, shaped, target) if loss.path in words - shown else loss for loss in losses]
        # Reported as the source's fields; the appendix is written from the reshaped plan's.
        reported = _guarded(lambda: _origins(losses, plan, shaped, placed), EmitError, _COMPARE)
    if source != target.name:
        output = clear_placeholders(output, target, checked)
    if unfilled == "drop":
        output = drop_unfilled(output, shaped, target)
    # The appendix's rendering, when it is the source format's alone: its losses are grouped by it again.
    reusable = len(rendered) == 1 and rendered[0][1] is FORMATS.get(source)
    appendix_rendering = (rendered[0][0], rendered[0][2]) if reusable else None
    return Conversion(
        text=output,
        plan=plan,
        source=source,
        target=target.name,
        losses=tuple(reported),
        placed=placed,
        written=shaped,
        rendered=appendix_rendering,
    )


def part_format(name: str) -> Format | None:
    """The format named ``name`` that a file of a folder was read in: a file format (a feature folder's
    plan.md is ``speckit-github``) or a folder's part format (``kiro-design``); ``None`` for none."""
    return FORMATS.get(name) or PART_FORMATS.get(name)


def _origins_of(plan: Plan, source: Format | None, target: Format) -> list[tuple[Format, str, bool]]:
    """What the crosswalk reads ``plan``'s sections from, for ``target``: ``(format, text, folder)``.

    A folder's plan (``Source.parts``): each file it was read from, in its part format (the target's own
    format left out: it holds every field of it). A file's plan: its format and text. A plan with no text
    of its own (a feature folder's from before its parts were kept, one from JSON) is crosswalked too,
    ``folder`` then: its rows have no author's section to carry, and write each part in its file's shape."""
    kept = plan.source if isinstance(plan.source, Source) else None
    if kept is not None and kept.parts:
        found = [(part_format(part.format), part.text) for part in kept.parts]
        return [(fmt, text, True) for fmt, text in found if fmt is not None and fmt.name != target.name]
    if source is None or source.name == target.name:
        return []
    text = kept.text if kept is not None else ""
    return [(source, text, not text)]


def _crosswalked(
    plan: Plan, origins: list[tuple[Format, str, bool]], target: Format
) -> tuple[Plan, tuple[Placement, ...]]:
    """``plan`` through the crosswalk once per file it was read from (``_origins_of``), each carrying its
    own sections under their headings, and where its fields went."""
    placed: list[Placement] = []
    for fmt, text, folder in origins:
        shaped, found = crosswalk(plan, fmt, target, text, folder=folder)
        if placed:
            placed = _carried_on(placed, plan, shaped, found)
        placed += found
        plan = shaped
    return plan, tuple(placed)


_UNITS = ("extra_sections", "headings", "labels")
# The fields of a plan whose leaves ``bare_leaves`` gives, in order.
_BARE_FIELDS = tuple(field.name for field in attrs.fields(Plan) if field.eq and field.name not in _UNITS)
# A path into an author's section, heading or label (``extra_sections[14].body``): its item, and the rest.
_UNIT = re.compile(r"(?:extra_sections|headings|labels)\[\d+\]")


def _carried_on(placed: list[Placement], before: Plan, after: Plan, found: tuple[Placement, ...]) -> list[Placement]:
    """``placed`` (paths of ``before``) with the sections, headings and labels they went into as ``after``
    holds them, ``before`` reshaped by the crosswalk of a later file of its folder (having ``found`` its
    own): that one merges and moves the sections an earlier file's rows wrote (Kiro design.md's carried
    under their headings), and an index into ``before``'s would name another section of ``after``, or none
    (spec.md's requirements, carried as a section, reported as of the wrong one: trial s13 T1)."""
    moved: dict[str, list[str]] = {}
    for placement in found:
        moved.setdefault(placement.path, []).extend(placement.into)
    units = _unit_places(before, after, moved)

    def on(path: str) -> tuple[str, ...]:
        unit = _UNIT.match(path)
        if unit is None:
            return (path,)
        rest = path[unit.end() :]
        return tuple(place + rest if _UNIT.fullmatch(place) else place for place in units.get(unit.group(), ()))

    return [
        attrs.evolve(placement, into=tuple(dict.fromkeys(new for old in placement.into for new in on(old))))
        for placement in placed
    ]


def _unit_places(plan: Plan, written: Plan, moved: dict[str, list[str]]) -> dict[str, tuple[str, ...]]:
    """Per author's section, heading and label of ``plan`` (``extra_sections[2]``), the paths of ``written``
    holding it: where the crosswalk ``moved`` it, else the equal item of ``written``, else none."""
    places: dict[str, tuple[str, ...]] = {}
    for name in _UNITS:
        # An author's section, heading or label the crosswalk left as it was may stand at another index.
        # Each equal item of ``written`` answers one of ``plan``'s, first to first; by value, so that a plan
        # of a thousand sections is not matched in a million comparisons.
        theirs: dict[object, deque[int]] = {}
        for i, their in enumerate(getattr(written, name)):
            theirs.setdefault(their, deque()).append(i)
        for index, item in enumerate(getattr(plan, name)):
            free = theirs.get(item)
            at = free.popleft() if free else None
            places[f"{name}[{index}]"] = tuple(moved.get(f"{name}[{index}]", [] if at is None else [f"{name}[{at}]"]))
    return places


def _places(plan: Plan, written: Plan, placed: tuple[Placement, ...]) -> dict[str, tuple[str, ...]]:
    """Per field of ``plan`` (a leaf's path, or an author's section, heading or
    label: ``extra_sections[2]``), the paths of ``written`` (``plan`` as the
    crosswalk reshaped it, having ``placed`` its fields) that hold its
    content; none where the crosswalk's rows could not say."""
    for kept, kept_written, kept_placed, found in _PLACES:
        # The conversion's, which its report asks for again.
        if kept is plan and kept_written is written and kept_placed is placed:
            return found
    moved: dict[str, list[str]] = {}
    for placement in placed:
        moved.setdefault(placement.path, []).extend(placement.into)
    places = {path: tuple(moved.get(path, [path])) for path in bare_leaves(plan)}
    places.update(_unit_places(plan, written, moved))
    for path, into in moved.items():
        # A part of an author's section placed apart from it (its heading, ``extra_sections[2].heading``).
        places.setdefault(path, tuple(into))
    _PLACES[:] = [(plan, written, placed, places)]
    return places


# The places of the last conversion's fields (``_places``), asked by its loss check and again by its report.
_PLACES: list[tuple[Plan, Plan, tuple[Placement, ...], dict[str, tuple[str, ...]]]] = []


def _bare(plan: Plan) -> Plan:
    return evolve(plan, extra_sections=(), headings=(), labels=())


def _origins(losses: list[Loss], plan: Plan, written: Plan, placed: tuple[Placement, ...]) -> list[Loss]:
    """``losses`` of ``written`` (``plan`` as the crosswalk reshaped it, having
    ``placed`` its fields) as losses of the fields of ``plan``, in ``plan``'s
    order: a field is lost when every place the crosswalk put its content in
    is. A value the crosswalk made up (a step's number as a file's
    description) is no field of the source's: it is in the appendix only."""
    if not losses:
        # Nothing of ``written`` lost, no field of ``plan`` is: its leaves and places are not gathered.
        return []
    by_path = {loss.path: loss for loss in losses}
    values: dict[str, object] = dict(bare_leaves(plan))
    values.update((f"headings[{index}]", heading.value) for index, heading in enumerate(plan.headings))
    values.update((f"labels[{index}]", label.value) for index, label in enumerate(plan.labels))
    values.update((f"extra_sections[{index}]", section.body) for index, section in enumerate(plan.extra_sections))
    # An author's heading the crosswalk set apart from its section (``Placement``): lost where it is.
    values.update((f"extra_sections[{i}].heading", section.heading) for i, section in enumerate(plan.extra_sections))
    places = _places(plan, written, placed)
    found = []
    for path, value in values.items():
        where = places.get(path, ())
        # A section lost whole loses its body too (a field the crosswalk moved into ``extra_sections[3].body``).
        lost = [loss for place in where if (loss := by_path.get(place) or by_path.get(place.removesuffix(".body")))]
        if where and len(lost) == len(where):
            found.append(attrs.evolve(lost[0], path=path, value=value))
    return found


def source_named(plan: Plan) -> Plan:
    """``plan`` with its phases named as its source text names them (``_fields.named``: a template's
    phase name, SmartSpec's ``Development``, is a placeholder only in an otherwise empty phase), for a
    writer that takes a parsed plan whole rather than through ``convert_plan`` (a folder's)."""
    source = plan.source
    if not isinstance(source, Source) or not plan.phases or source.format not in FORMATS:
        return plan
    fmt = FORMATS[source.format]
    return named(plan, fmt._read_text(source.text), fmt.template_plan)
