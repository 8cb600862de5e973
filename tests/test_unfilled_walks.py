"""``snap`` and ``blank``, which ``Format._parse`` runs over every plan it reads, give what they gave before
their walks were made cheaper (texts of an item snapped in its loop, its fields taken one by one, a list none
of whose items is blanked or empty given as it is): the same values, and the value itself, not a copy,
wherever nothing changed (which tells a caller that nothing did)."""

from __future__ import annotations

from typing import Any

from helpers import corpus_files, examples
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import plans

import plancore
from plancore._fields import _blankable, _plain, _template_item, _weighed, _weighs, blank, fill
from plancore._model import Section, Subtask, Task, content_fields, evolve, field_values, is_empty
from plancore._reading import _LAYOUT, _UNTIDIED, _layout_free, _marks_dropped, _placeholder_shape, snap
from plancore._registry import get_format

FORMATS = sorted(plancore.formats())


# The walks as they were (b9908b5), the reference the faster ones are held to.
def _blank_before(value: Any, template: Any) -> Any:
    if isinstance(value, str):
        return "" if value == template else value
    if isinstance(value, tuple):
        if not template:
            return value
        items: list[Any] = []
        last = len(template) - 1
        for i, item in enumerate(value):
            kind = item.__class__
            if kind is str:
                # A list of texts (deliverables): each blanked here, not by a call each.
                items.append("" if item == _template_item(template, i) else item)
                continue
            if _weighs(kind):
                sample, blanked = _weighed(template, i, item)
                items.append(_blank_before(item, sample) if blanked is None else blanked)
            else:
                items.append(_blank_before(item, template[min(i, last)]))
        empty = [is_empty(item) for item in items]
        samples = template
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
                    empty[at] = is_empty(old)
        # An empty task before the author's own keeps its place: dropped, every later task would move up
        # one and its done mark tick the task before it. Only empties after the last own task are cut.
        # Other lists (a stack's sample labels) have no marks by place: their empty items all go.
        tasks = bool(value) and isinstance(value[0], (Task, Subtask))
        last = max((at for at, gone in enumerate(empty) if not gone), default=-1) if tasks else -1
        kept = tuple(item for at, (item, gone) in enumerate(zip(items, empty, strict=True)) if not gone or at < last)
        # Unchanged, the list itself: the item holding it is then not built anew.
        if len(kept) == len(value) and all(new is old for new, old in zip(kept, value, strict=True)):
            return value
        return kept
    cls: type = type(value)
    blankable = None if isinstance(value, Section) else _blankable(cls)
    if blankable is not None:
        names, languages = blankable
        values = field_values(names)
        changes = {}
        for name, old, sample in zip(names, values(value), values(template), strict=True):
            kind = old.__class__
            if kind is str:
                # Most fields are text: blanked here, not by a call each.
                if old and old == sample:
                    changes[name] = ""
                continue
            if kind is bool or (kind is tuple and not old):
                # A check mark, or an empty list: no placeholder to empty (most of the other fields).
                continue
            new = _blank_before(old, sample)
            if new is not old:
                changes[name] = new
        for name, code in languages if changes else ():
            # A fence's language beside real code is the author's, though it be the template's (``sql``).
            if name in changes and changes.get(code, getattr(value, code)):
                del changes[name]
        return evolve(value, **changes) if changes else value
    return value


def _snap_before(value: Any, template: Any) -> Any:
    if isinstance(value, str):
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
    if isinstance(value, tuple):
        if not isinstance(template, tuple) or not template:
            return value
        items = tuple(_snap_before(item, template[min(index, len(template) - 1)]) for index, item in enumerate(value))
        return value if all(new is old for new, old in zip(items, value, strict=True)) else items
    names = None if isinstance(value, Section) or type(template) is not type(value) else content_fields(type(value))
    if names is not None:
        changes: dict[str, Any] = {}
        for name in names:
            old = getattr(value, name)
            kind = old.__class__
            # A check mark, an empty list, a verbatim section: no placeholder to snap to (most fields of an item).
            if kind in _UNTIDIED or (kind is tuple and not old):
                continue
            sample = getattr(template, name)
            # A text that is its placeholder (an unfilled section's) stays as it is: no call; so does an
            # empty one, unless its placeholder is blanks alone (of no layout but blanks, as it is).
            if kind is str and (old == sample or (not old and sample.__class__ is str and not sample.isspace())):
                continue
            new = _snap_before(old, sample)
            if new is not old:
                changes[name] = new
        return evolve(value, **changes) if changes else value
    return value


def _check(value: Any, template: Any) -> None:
    snapped = snap(value, template)
    before = _snap_before(value, template)
    assert snapped == before
    assert (snapped is value) is (before is value)
    blanked = blank(snapped, template)
    before = _blank_before(snapped, template)
    assert blanked == before
    assert (blanked is snapped) is (before is snapped)


@settings(max_examples=examples(40), deadline=None)
@given(plan=plans(), name=st.sampled_from(FORMATS))
def test_snap_and_blank_are_their_walks_before(plan: plancore.Plan, name: str) -> None:
    # The plan, and the plan with its template's placeholders in every part it leaves empty (as a writer
    # fills it), whole and field by field.
    template = get_format(name).template_plan
    for value in (plan, fill(plan, template)):
        _check(value, template)
        for field in content_fields(plancore.Plan) or ():
            _check(getattr(value, field), getattr(template, field))


def test_snap_and_blank_are_their_walks_before_over_templates_and_corpus() -> None:
    checked = 0
    for name in FORMATS:
        fmt = get_format(name)
        texts = [fmt.blank_text, fmt.blank_text.replace("{{", "{{x"), fmt.blank_text.replace("- ", "* ")]
        texts += [path.read_text(encoding="utf-8") for folder, path in corpus_files() if folder == name]
        for text in texts:
            _check(fmt.read(text), fmt.template_plan)
            checked += 1
    assert checked > 20
