"""Walks over the plan model: placeholders in and out, field paths, restriction.

A format's blank template, read as a plan, gives each field's placeholder: a
document's field equal to it is unfilled, and an unfilled field is written as
it. Items of a list take the placeholders of the template's item at the same
index, or of its last item; an empty list inside such an item stays empty,
never the template's (no ``Task 1`` above a phase's own text).
"""

from __future__ import annotations

import functools
import re
import typing
from collections.abc import Callable, Collection, Iterator
from typing import Any, TypeVar

import attrs

from ._model import Phase, Plan, Section, Subtask, Task, content_fields, evolve, field_values, is_empty

__all__ = [
    "bare_leaves",
    "blank",
    "differing",
    "field_leaves",
    "fill",
    "filled",
    "is_code",
    "is_kind",
    "leaves",
    "named",
    "restrict",
]

T = TypeVar("T")

_INDEX = re.compile(r"\[\d+\]")


def _fields(value: Any) -> tuple[attrs.Attribute[Any], ...]:
    cls: type = type(value)
    return _compared(cls)


@functools.cache
def _compared(cls: type) -> tuple[attrs.Attribute[Any], ...]:
    """The fields of model class ``cls`` that make its value (not its source or other bookkeeping)."""
    return tuple(f for f in attrs.fields(cls) if f.eq)


def _template_item(template: tuple[Any, ...], index: int) -> Any:
    return template[min(index, len(template) - 1)] if template else None


def _sample(template: tuple[Any, ...], index: int, item: Any) -> Any:
    """The template's item for ``item`` at ``index``, both ways (``blank``, ``fill``). An item of
    the plan's own content is of the template's first kind (maestro's "New"), whatever sample
    stands at its index: its unsaid kind is written as that, and only that reads back unsaid;
    "Modified" beside content is the author's. So is a value of its own (a field marked ``own``:
    SpecPulse's ``[Priority: HIGH]``) equal to the sample's: kept, and none of the template's written for it.
    A sample item keeps its sample's kind and values."""
    return _weighed(template, index, item, blanked_too=False)[0]


def _weighed(template: tuple[Any, ...], index: int, item: Any, *, blanked_too: bool = True) -> tuple[Any, Any]:
    """``_sample(template, index, item)``, and ``blank(item, that)`` when weighing the item made it (else
    ``None``): ``blank`` takes it rather than walking the item again (``fill`` asks the sample alone:
    ``blanked_too`` false)."""
    sample = _template_item(template, index)
    cls: type = type(item)
    if sample is None or not _is_model(cls) or isinstance(item, Section):
        return sample, None
    changes, changed = _sample_changes(template, index, cls)
    if not changes:
        return sample, None
    blanked = blank(item, sample)
    # Empty but for the changed fields (each made "", as their sample's is).
    if all(is_empty(getattr(blanked, name)) for name in content_fields(cls) or () if name not in changes):
        return sample, blanked
    if not blanked_too:
        return changed, None
    # Against the sample so changed, the item blanks as against the sample but for the changed fields
    # (text, blanked as ``blank`` blanks text).
    fixed = {}
    for name, theirs in changes.items():
        mine = getattr(item, name)
        if mine.__class__ is not str:
            return changed, None
        new = "" if mine and mine == theirs else mine
        if new != getattr(blanked, name):
            fixed[name] = new
    return changed, evolve(blanked, **fixed) if fixed else blanked


# Per template list (held, so that its id is no other's), sample (its index there), whether it stands for a
# first item, and item class: ``_sample_changes``.
_SAMPLE_CHANGES: dict[tuple[int, int, bool, type], tuple[tuple[Any, ...], dict[str, Any], Any]] = {}


def _sample_changes(template: tuple[Any, ...], index: int, cls: type) -> tuple[dict[str, Any], Any]:
    """What ``_weighed`` changes in the template's item at ``index`` for an item of class ``cls`` (its own
    values in words emptied, a later sample's kind made the first's), and the sample so changed (``None``
    when nothing is): they depend on the template alone, a format's, which every plan written or read in it
    weighs its items against, item by item (a component of every plan, each time)."""
    key = (id(template), min(index, len(template) - 1), index > 0, cls)
    kept = _SAMPLE_CHANGES.get(key)
    if kept is not None and kept[0] is template:
        return kept[1], kept[2]
    sample = _template_item(template, index)
    own, kinds = _marks(cls, "own"), _marks(cls, "kind")
    changes: dict[str, Any] = {}
    if own or (index and kinds):
        first = template[0]
        # A sample in words only: a placeholder (maestro's ``{what must be done first}``) stays one beside content.
        changes = {name: "" for name in own if getattr(sample, name) and _plain(getattr(sample, name))}
        if index:
            changes.update(
                (name, getattr(first, name)) for name in kinds if getattr(first, name) != getattr(sample, name)
            )
    changed = evolve(sample, **changes) if changes else None
    if len(_SAMPLE_CHANGES) >= 512:
        # (Templates are a format's, a few lists each: a caller's own many would only be walked again.)
        _SAMPLE_CHANGES.clear()
    _SAMPLE_CHANGES[key] = (template, changes, changed)
    return changes, changed


@functools.cache
def _weighs(cls: type) -> bool:
    """Whether ``_weighed`` may weigh an item of class ``cls`` (a model class with a value of its own or a kind,
    no ``Section``): else an item's sample is the template's item at its index, told without a call."""
    if not _is_model(cls):
        return False
    marked = bool(_marks(cls, "own") or _marks(cls, "kind"))
    return marked and not issubclass(cls, Section)


@functools.cache
def _marks(cls: type, mark: str) -> tuple[str, ...]:
    """The names of the fields of model class ``cls`` marked ``mark`` (``kind``: ``is_kind``; ``own``)."""
    return tuple(f.name for f in _compared(cls) if f.metadata.get(mark))


def blank(value: T, template: T) -> T:
    """``value`` with every part equal to the template's placeholder emptied."""
    if isinstance(value, str):
        return "" if value == template else value  # type: ignore[return-value]
    if isinstance(value, tuple):
        if not template:
            return value
        items: list[Any] = []
        last = len(template) - 1  # type: ignore[arg-type]
        for i, item in enumerate(value):
            kind = item.__class__
            if kind is str:
                # A list of texts (deliverables): each blanked here, not by a call each.
                items.append("" if item == _template_item(template, i) else item)  # type: ignore[arg-type]
                continue
            if _weighs(kind):
                sample, blanked = _weighed(template, i, item)  # type: ignore[arg-type]
                items.append(blank(item, sample) if blanked is None else blanked)
            else:
                items.append(blank(item, template[min(i, last)]))  # type: ignore[index]
        if all(new is old for new, old in zip(items, value, strict=True)) and not any(map(is_empty, items)):
            # No item blanked, and none empty (most of a plan's lists, its own): the list as it is, without
            # weighing which items are the author's.
            return value
        empty = [_blanked_away(item) for item in items]
        samples = typing.cast(tuple[Any, ...], template)
        # (An item left as it was is the same object: told without comparing it field by field.)
        own = any(
            not gone and (item is old or item == old) for gone, item, old in zip(empty, items, value, strict=True)
        )
        if own or not all(empty):
            # Beside the author's own items, a sample item in words (no placeholder's brackets) is
            # the author's too, kept from the template: "All implementation phases complete". So is
            # one in words named as a sample whose cells it leaves empty (``fill`` writes it so).
            for at, old in enumerate(value):
                if empty[at] and _plain(old) and (own or old != _template_item(samples, at)):
                    items[at] = old
                    empty[at] = _blanked_away(old)
        # An empty task before the author's own keeps its place: dropped, every later task would move up
        # one and its done mark tick the task before it. Only empties after the last own task are cut.
        # Other lists (a stack's sample labels) have no marks by place: their empty items all go.
        tasks = bool(value) and isinstance(value[0], (Task, Subtask))
        last = max((at for at, gone in enumerate(empty) if not gone), default=-1) if tasks else -1
        kept = tuple(item for at, (item, gone) in enumerate(zip(items, empty, strict=True)) if not gone or at < last)
        # Unchanged, the list itself: the item holding it is then not built anew.
        if len(kept) == len(value) and all(new is old for new, old in zip(kept, value, strict=True)):
            return value
        return kept  # type: ignore[return-value]
    cls: type = type(value)
    blankable = None if isinstance(value, Section) else _blankable(cls)
    if blankable is not None:
        names, languages = blankable
        changes = {}
        for name in names:
            old = getattr(value, name)
            kind = old.__class__
            if kind is str:
                # Most fields are text: blanked here, not by a call each.
                if old and old == getattr(template, name):
                    changes[name] = ""
                continue
            if kind is bool or (kind is tuple and not old):
                # A check mark, or an empty list: no placeholder to empty (most of the other fields).
                continue
            new = blank(old, getattr(template, name))
            if new is not old:
                changes[name] = new
        for name, code in languages if changes else ():
            # A fence's language beside real code is the author's, though it be the template's (``sql``).
            if name in changes and changes.get(code, getattr(value, code)):
                del changes[name]
        return evolve(value, **changes) if changes else value
    return value


def _blanked_away(item: Any) -> bool:
    """Whether ``blank`` cuts ``item``, blanked, from its list: it holds nothing, and is no phase holding
    tasks. A template's own tasks are blanked away first (its sample lines), so a phase still holding one,
    empty though it be (a box with no text, ``- [ ]``), is a phase the author wrote: cut, every later phase
    would move up one, and a conversion's loss check find their fields a phase late."""
    return is_empty(item) and not (item.__class__ is Phase and item.tasks)


@functools.cache
def _blankable(cls: type) -> tuple[tuple[str, ...], tuple[tuple[str, str], ...]] | None:
    """What ``blank`` walks of model class ``cls`` (``None``: no model class): its fields that make its value
    (``content_fields``; taken one by one, as most are empty or check marks, which need no placeholder), and its
    fence languages' fields with their code's (``language_of``)."""
    names = content_fields(cls)
    if names is None:
        return None
    languages = tuple((f.name, f.metadata["language_of"]) for f in _compared(cls) if f.metadata.get("language_of"))
    return names, languages


def _plain(value: Any) -> bool:
    """Whether every text of ``value`` is words, none a placeholder's (``[X days]``, ``{{date}}``). A phase
    is not: its name is a placeholder in an otherwise empty phase (``named``)."""
    if isinstance(value, Phase):
        return False
    if isinstance(value, str):
        return bool(_PLAIN_NAME.fullmatch(value))
    texts = [text for _, text in leaves(value) if isinstance(text, str) and text] if attrs.has(type(value)) else []
    return bool(texts) and all(_PLAIN_NAME.fullmatch(text) for text in texts)


def named(plan: Plan, raw: Plan, template: Plan, *, plain_only: bool = True) -> Plan:
    """``plan`` (``raw`` blanked against ``template``) with the names its phases have in ``raw``: a
    template's phase name (SmartSpec's ``Development``) is a placeholder only in an otherwise empty
    phase, so that a filled plan's ``Phase 1: Development`` keeps its name in every target. A name
    written as a placeholder (``[Phase name]``, ``{{phase}}``) stays one, unless not ``plain_only``."""
    if all(phase.name for phase in plan.phases):
        # (No phases, or each named already: no name to take from ``raw``.)
        return plan
    samples = template.phases
    kept = [
        phase
        for index, phase in enumerate(raw.phases)
        if not _blanked_away(blank(phase, samples[min(index, len(samples) - 1)] if samples else Phase()))
    ]
    if len(kept) != len(plan.phases):
        return plan
    if all(mine.name or not theirs.name for mine, theirs in zip(plan.phases, kept, strict=True)):
        return plan
    phases = tuple(
        evolve(mine, name=theirs.name)
        if not mine.name and theirs.name and (not plain_only or _PLAIN_NAME.fullmatch(theirs.name))
        else mine
        for mine, theirs in zip(plan.phases, kept, strict=True)
    )
    return evolve(plan, phases=phases)


# A name of words, not a placeholder's brackets or braces.
_PLAIN_NAME = re.compile(r"[^\[\]{}<>]+")


def fill(value: T, template: T, *, in_item: bool = False) -> T:
    """``value`` with every unfilled part replaced by the template's placeholder.

    ``in_item``: ``value`` is part of a list's item, whose empty lists stay empty.
    """
    if isinstance(value, str):
        return value or template
    if isinstance(value, tuple):
        if not value:
            return value if in_item else template
        if not template:
            return value
        last = len(template) - 1  # type: ignore[arg-type]
        filled_items = []
        changed = False
        for i, item in enumerate(value):
            sample = _sample(template, i, item) if _weighs(item.__class__) else template[min(i, last)]  # type: ignore[arg-type,index]
            new = fill(item, sample, in_item=True)
            changed = changed or new is not item
            filled_items.append(new)
        if not changed:
            # (Most of a filled plan's lists are the author's as they are: no item is then a sample's.)
            return value
        items = tuple(filled_items)
        # An item in words that filling would make its sample (a row ``Phase 1: Foundation`` given the
        # sample's dates) would read back as that sample: beside the plan's own items it stays as it is,
        # as ``blank`` keeps it. When every item would be a sample, the template's are written.
        samples = typing.cast(tuple[Any, ...], template)
        as_sample = [
            new is not old and new == _template_item(samples, at) and _plain(old)
            for at, (new, old) in enumerate(zip(items, value, strict=True))
        ]
        if any(as_sample) and any(new != _template_item(samples, at) for at, new in enumerate(items)):
            items = tuple(old if kept else new for kept, new, old in zip(as_sample, items, value, strict=True))
        # Unchanged, the list itself: the item holding it is then not built anew (a writer fills
        # every plan it writes, and a filled plan's lists are mostly the author's as they are).
        return value if all(new is old for new, old in zip(items, value, strict=True)) else items  # type: ignore[return-value]
    kind: type = type(value)
    if _is_model(kind) and not isinstance(value, Section):
        fillable, values, samples = _filled_by(kind, template)
        if not fillable:
            return value
        changes = {}
        for (name, language), old, sample in zip(fillable, values(value), samples, strict=True):
            # A fence's language beside the author's code is the author's, empty or not (``blank``
            # keeps it, so ``fill`` gives none).
            if language and getattr(value, language):
                continue
            kind = old.__class__
            if kind is str:
                # Most fields are text: filled here, not by a call each.
                if not old and sample:
                    changes[name] = sample
                continue
            if kind is bool:
                # A check mark is never a placeholder (most of the other fields are marks or empty lists).
                continue
            if kind is tuple and not old:
                # An empty list: a list's item keeps it empty; elsewhere the template's is written.
                if not in_item and sample is not old:
                    changes[name] = sample
                continue
            new = fill(old, sample, in_item=in_item)
            if new is not old:
                changes[name] = new
        return evolve(value, **changes) if changes else value
    return value


# Per template value (held, so that its id is no other's) and class of the values filled against it: ``_filled_by``.
_FILLED_BY: dict[
    tuple[int, type], tuple[Any, tuple[tuple[str, str], ...], Callable[[Any], tuple[Any, ...]], tuple[Any, ...]]
] = {}


def _filled_by(
    cls: type, template: Any
) -> tuple[tuple[tuple[str, str], ...], Callable[[Any], tuple[Any, ...]], tuple[Any, ...]]:
    """The fields of model class ``cls`` (``_fillable``) that ``fill`` may fill in a value against ``template``,
    what gives a value's values of them, and the template's: not those whose placeholder fills nothing
    (``_fills_nothing``), most of a format's (a template holds a part of the model: AADT's no API, a task
    no notes). They depend on the template alone, a format's, against which every plan written in it is
    filled, item by item."""
    key = (id(template), cls)
    kept = _FILLED_BY.get(key)
    if kept is not None and kept[0] is template:
        return kept[1], kept[2], kept[3]
    fillable, values = _fillable(cls)
    chosen = [
        (field, sample) for field, sample in zip(fillable, values(template), strict=True) if not _fills_nothing(sample)
    ]
    fields = tuple(field for field, _ in chosen)
    found = (fields, field_values(tuple(name for name, _ in fields)), tuple(sample for _, sample in chosen))
    if len(_FILLED_BY) >= 512:
        # (Templates are a format's, a few dozen values each: a caller's own many would only be walked again.)
        _FILLED_BY.clear()
    _FILLED_BY[key] = (template, *found)
    return found


def _fills_nothing(sample: Any) -> bool:
    """Whether ``fill`` leaves a field as it is against placeholder ``sample``, whatever the field holds: an
    empty text or list, a check mark (never filled), a verbatim section, or a model value whose own fields'
    placeholders each fill nothing."""
    kind = sample.__class__
    if kind is str or kind is tuple:
        return not sample
    if kind is bool:
        return True
    if _is_model(kind):
        if isinstance(sample, Section):
            return True
        return all(map(_fills_nothing, _fillable(kind)[1](sample)))
    return not sample


@functools.cache
def _fillable(cls: type) -> tuple[tuple[tuple[str, str], ...], Callable[[Any], tuple[Any, ...]]]:
    """``(name, language_of)`` of the fields of model class ``cls`` that ``fill`` fills: all but its keys
    (a key is never a placeholder: an item without a label keeps having none); and what gives an instance's
    values of them, as a tuple."""
    fillable = tuple((f.name, f.metadata.get("language_of", "")) for f in _compared(cls) if not f.metadata.get("key"))
    return fillable, field_values(tuple(name for name, _ in fillable))


@functools.cache
def _hints(cls: type) -> dict[str, Any]:
    # The model's annotations are strings (``from __future__ import
    # annotations``): evaluating them is costly and their values never change.
    return typing.get_type_hints(cls)


def filled(cls: type[T]) -> T:
    """An instance of the model class ``cls`` with every field filled: text
    ``x``, check marks done, and one such item in every list."""
    hints = _hints(typing.cast(type, cls))
    values: dict[str, Any] = {}
    for f in attrs.fields(cls):  # type: ignore[arg-type]
        if not f.eq:
            continue
        hint = hints[f.name]
        if hint is str:
            values[f.name] = "x"
        elif hint is bool:
            values[f.name] = True
        elif typing.get_origin(hint) is tuple:
            item = typing.get_args(hint)[0]
            values[f.name] = ("x",) if item is str else (filled(item),)
        elif attrs.has(hint):
            values[f.name] = filled(hint)
    return cls(**values)


def is_code(cls: type, path: str) -> bool:
    """Whether the field at ``path`` (``api.examples[0].request``) of the model
    class ``cls`` holds code, not Markdown."""
    return _marked(cls, _INDEX.sub("", path), "code")


def is_kind(cls: type, path: str) -> bool:
    """Whether the field at ``path`` (``architecture.components[0].change_type``) of the model
    class ``cls`` is a kind a writer lays its item out by (maestro's New/Modified subsections)."""
    return _marked(cls, _INDEX.sub("", path), "kind")


@functools.cache
def _marked(cls: type, path: str, mark: str) -> bool:
    names = path.split(".")
    for name in names[:-1]:
        hint = _hints(cls).get(name)
        if typing.get_origin(hint) is tuple:
            hint = typing.get_args(hint)[0]
        if not (isinstance(hint, type) and attrs.has(hint)):
            return False
        cls = hint
    field = attrs.fields_dict(cls).get(names[-1])
    return bool(field is not None and field.metadata.get(mark))


def _is_leaf(value: Any) -> bool:
    return not attrs.has(type(value)) and not (isinstance(value, tuple) and value and attrs.has(type(value[0])))


def restrict(value: T, holds: Collection[str], prefix: str = "") -> T:
    """``value`` keeping only the fields whose paths (``a.b.c``, no indices) are in ``holds``."""
    if isinstance(value, tuple):
        items = [restrict(item, holds, prefix) for item in value]
        return tuple(item for item in items if not is_empty(item))  # type: ignore[return-value]
    changes = {}
    for f in _fields(value):
        path = f"{prefix}{f.name}"
        old = getattr(value, f.name)
        if path in holds:
            continue
        if _is_leaf(old):
            changes[f.name] = type(old)()
        else:
            changes[f.name] = restrict(old, holds, path + ".")
    return evolve(value, **changes)


@functools.cache
def _is_model(cls: type) -> bool:
    # attrs.has looks the class over on every call; a walk over a plan asks it of every value.
    return attrs.has(cls)


def leaves(value: Any, prefix: str = "") -> Iterator[tuple[str, Any]]:
    """``(path, value)`` of every filled leaf, paths with indices (``phases[0].name``)."""
    # Gathered into one list, not yielded up through a generator per level of the plan.
    found: list[tuple[str, Any]] = []
    _gather(value, prefix, found)
    return iter(found)


# The field leaves of the last plans asked, by identity (each plan held, so that its id is no other's): a
# conversion's loss check, its mapping of losses to the source's fields and its report walk the same two.
_BARE: list[tuple[Plan, dict[str, Any]]] = []


def bare_leaves(plan: Plan) -> dict[str, Any]:
    """``dict(leaves(...))`` of ``plan`` without its own sections, headings and labels (its fields'
    values alone), shared by the calls for the same plan object: not to be changed."""
    for kept, found in _BARE:
        if kept is plan:
            return found
    found = dict(leaves(evolve(plan, extra_sections=(), headings=(), labels=())))
    _BARE[:] = [*_BARE[-3:], (plan, found)]
    return found


def field_leaves(value: Any, name: str) -> list[tuple[str, Any]]:
    """The ``leaves`` of ``value`` that are in its field ``name``, in their order: a walk that
    has the leaves of a plan's other fields already need not walk them again."""
    found: list[tuple[str, Any]] = []
    _gather_field(getattr(value, name), name, found)
    return found


def differing(one: Any, other: Any) -> set[str]:
    """The paths of the leaves (``phases[0].name``) whose values differ between two values of one model
    class: ``dict(leaves(...))`` of each compared, path by path."""
    # An edited plan shares every part the edit did not reach with the plan it was made from: a part that
    # is the other's object has the same leaves, and is not walked (an edit of a long plan walked it all).
    if one.__class__ is not other.__class__:
        return _differing_leaves(list(leaves(one)), list(leaves(other)))
    names, values = _compared_values(one.__class__)
    paths: set[str] = set()
    for name, mine, theirs in zip(names, values(one), values(other), strict=True):
        if mine is theirs:
            continue
        if _model_list(mine) and _model_list(theirs):
            for index in range(max(len(mine), len(theirs))):
                if index < len(mine) and index < len(theirs) and mine[index] is theirs[index]:
                    continue
                left: list[tuple[str, Any]] = []
                right: list[tuple[str, Any]] = []
                if index < len(mine):
                    _gather(mine[index], f"{name}[{index}].", left)
                if index < len(theirs):
                    _gather(theirs[index], f"{name}[{index}].", right)
                paths |= _differing_leaves(left, right)
            continue
        left, right = [], []
        _gather_value(mine, name, left)
        _gather_value(theirs, name, right)
        paths |= _differing_leaves(left, right)
    return paths


def _model_list(item: Any) -> bool:
    """Whether ``_gather_field`` walks ``item`` as a list of models, each under its index."""
    return isinstance(item, tuple) and bool(item) and _is_model(item[0].__class__)


def _differing_leaves(one: list[tuple[str, Any]], other: list[tuple[str, Any]]) -> set[str]:
    left, right = dict(one), dict(other)
    return {path for path in left.keys() | right.keys() if left.get(path) != right.get(path)}


def _gather_value(item: Any, path: str, found: list[tuple[str, Any]]) -> None:
    """The leaves of a field's value ``item``, as ``_gather`` gathers those of each field."""
    kind = item.__class__
    if kind is str or kind is bool:
        if item:
            found.append((path, item))
    elif kind is not tuple or item:
        _gather_field(item, path, found)


def _gather(value: Any, prefix: str, found: list[tuple[str, Any]]) -> None:
    names, values = _compared_values(value.__class__)
    for name, item in zip(names, values(value), strict=True):
        # Most leaves are text, most of it empty, or check marks or empty lists: told here, not by a call each.
        kind = item.__class__
        if kind is str or kind is bool:
            if item:
                found.append((prefix + name, item))
        elif kind is not tuple or item:
            _gather_field(item, prefix + name, found)


@functools.cache
def _compared_values(cls: type) -> tuple[tuple[str, ...], Callable[[Any], tuple[Any, ...]]]:
    """The names of the fields of model class ``cls`` that make its value (``_compared``), and what gives
    an instance's values of them, as a tuple, in one call."""
    names = tuple(f.name for f in _compared(cls))
    return names, field_values(names)


def _gather_field(item: Any, path: str, found: list[tuple[str, Any]]) -> None:
    kind: type = type(item)
    if kind is str:
        # Most leaves are text: filled when not "" (as ``is_empty`` says).
        if item:
            found.append((path, item))
    elif isinstance(item, tuple) and item and _is_model(item[0].__class__):
        for index, element in enumerate(item):
            _gather(element, f"{path}[{index}].", found)
    elif _is_model(kind):
        _gather(item, path + ".", found)
    elif isinstance(item, tuple):
        for index, element in enumerate(item):
            if not is_empty(element):
                found.append((f"{path}[{index}]", element))
    elif not is_empty(item):
        found.append((path, item))
