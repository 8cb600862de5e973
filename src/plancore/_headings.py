"""Headings an author gave mapped sections: kept in the model, written back.

A reader records the title of every section it maps to a field key
(``Sections.headings``). Those equal to the format's own heading for the key
are layout; the others (a renamed or translated section) are the author's
words, kept in ``Plan.headings`` and put back by the writer wherever the
format reads them as the same section.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import attrs

from ._markdown import _common_prefix, _common_suffix, outline, retitled
from ._model import Labeled, Plan

__all__ = ["authored", "retitle", "takes_title"]


def authored(headings: Iterable[Labeled], own: Iterable[Labeled]) -> tuple[Labeled, ...]:
    """``headings`` less those that are the format's ``own`` heading for their key."""
    layout = _layout(own)
    return tuple(heading for heading in headings if (heading.label, heading.value) not in layout)


# The (key, title) pairs of the last ``own`` tuples asked (as many as there are formats), by identity (each
# held, so that its id is no other's): a format's own headings are one tuple per process (``own_headings``),
# asked at every reading of a text.
_LAYOUTS: list[tuple[tuple[Labeled, ...], frozenset[tuple[str, str]]]] = []


def _layout(own: Iterable[Labeled]) -> frozenset[tuple[str, str]]:
    for kept, pairs in _LAYOUTS:
        if kept is own:
            return pairs
    pairs = frozenset((heading.label, heading.value) for heading in own)
    if isinstance(own, tuple):
        _LAYOUTS[:] = [*_LAYOUTS[-31:], (own, pairs)]
    return pairs


def retitle(
    text: str,
    headings: tuple[Labeled, ...],
    read: Callable[[str], Plan],
    full: Callable[[], str],
    *,
    titles: Callable[[str], tuple[Labeled, ...]] | None = None,
    last: tuple[str, str] | None = None,
) -> str:
    """``text``, a writer's output, with the sections of the keys of
    ``headings`` under the authors' headings instead of the writer's own.

    A heading is put in only where ``read`` (the format's reader) takes it as
    the same section and reads the rest of the text as before; the others are
    left as the writer wrote them. Whether it does is judged once per key and
    title, in ``full()`` (the format's writing of a plan with every field
    filled), and the text is read once, with the headings in; only where that
    reading disagrees (a section the writer titled otherwise, a title read
    as another section here) is each heading tried in ``text`` itself. ``titles``: ``read(text).headings``
    alone, for that reading with the headings in (the same answer, for a text nobody reads again).
    ``last``: a text retitled with the same ``headings`` and its result, to retitle ``text`` from as from
    the last text retitled (``_again``): a conversion's output, written again with its appendix after
    its appendix's rendering in another format was retitled.
    """
    if not headings:
        return text
    wanted = {heading.label: heading.value for heading in headings}
    canonical = full()
    again = _again(text, headings, canonical, read, None if last is None else (last[0], headings, canonical, last[1]))
    if again is not None:
        return again
    result = _retitle(text, headings, wanted, canonical, read, titles)
    _LAST[:] = [(text, headings, canonical, result)]
    return result


# The last text retitled, its headings, its format's full writing and the result: a conversion writes
# its output again with its appendix put in after its sections (``_again``).
_LAST: list[tuple[str, tuple[Labeled, ...], str, str]] = []


def _again(
    text: str,
    headings: tuple[Labeled, ...],
    canonical: str,
    read: Callable[[str], Plan],
    given: tuple[str, tuple[Labeled, ...], str, str] | None = None,
) -> str | None:
    """``text`` retitled as the last text was, when it is that text with one block put in after every
    heading that retitling changed, the same ``headings`` wanted, and the block holds no heading line of
    the format's own titles or the wanted ones (which retitling would look for): the sections before it
    read as they did, so the reading that checked the last result is not made again. ``None`` otherwise.
    ``given``: that last text, its headings, its format's full writing and its result, if not the last."""
    done = given if given is not None else _LAST[0] if _LAST else None
    if done is None or done[1] != headings or done[2] != canonical:
        return None
    last, _, _, result = done
    added = len(text) - len(last)
    if added <= 0:
        return None
    at = _common_prefix(last, text)
    if text[at + added :] != last[at:]:
        return None
    # Where the last retitling changed nothing from here on: the ends of both texts are the same.
    unchanged = _common_suffix(last, result, min(len(last), len(result)))
    if at < len(last) - unchanged:
        return None
    block = text[at : at + added]
    titles = {*_own(canonical, read).values(), *(heading.value for heading in headings)}
    if any(line.lstrip("#").strip() in titles for line in block.split("\n") if line.startswith("#")):
        return None
    shift = len(result) - len(last)
    return result[: at + shift] + block + result[at + shift :]


def _retitle(
    text: str,
    headings: tuple[Labeled, ...],
    wanted: dict[str, str],
    canonical: str,
    read: Callable[[str], Plan],
    titles: Callable[[str], tuple[Labeled, ...]] | None = None,
) -> str:
    """``retitle`` of ``text`` afresh."""
    accepted = [label for label, title in wanted.items() if _verdict(canonical, label, title, read)]
    if not accepted:
        return text
    own = _own(canonical, read)
    nodes = list(outline(text).walk())
    offsets: dict[int, str] = {}
    for label in accepted:
        found = [node for node in nodes if node.title == own[label]]
        if len(found) > 1:
            return _retitle_each(text, wanted, read)
        if found:
            offsets[found[0].start] = label
    result = retitled(text, {start: wanted[label] for start, label in offsets.items()}) if offsets else text
    # Read back with the headings in (as its reader reads it next anyway): each heading put in
    # titles its key's section, and no section of a key whose heading fits is left under
    # another title (one the writer titled otherwise than in its full writing).
    read_back = titles(result) if titles is not None else read(result).headings
    back = {heading.label: heading.value for heading in read_back}
    put = set(offsets.values())
    if any(back.get(label) != wanted[label] for label in put) or any(
        label in back and back[label] != wanted[label] for label in accepted
    ):
        return _retitle_each(text, wanted, read)
    return result


# Whether a format reads an author's title as its key's section, by the format's full writing,
# the key and the title. A key that writing has no section of is no section of the format's.
_VERDICTS: dict[tuple[str, str, str], bool] = {}


# The titles of its sections in a format's full writing, by key (the first of a key's).
_OWN: dict[str, dict[str, str]] = {}


def _own(canonical: str, read: Callable[[str], Plan]) -> dict[str, str]:
    if canonical not in _OWN:
        _OWN[canonical] = {}
        for heading in read(canonical).headings:
            _OWN[canonical].setdefault(heading.label, heading.value)
    return _OWN[canonical]


def _verdict(canonical: str, label: str, title: str, read: Callable[[str], Plan]) -> bool:
    key = (canonical, label, title)
    if key not in _VERDICTS:
        if len(_VERDICTS) > 4096:
            _VERDICTS.clear()
        own = _own(canonical, read)
        _VERDICTS[key] = label in own and (
            own[label] == title or _retitle_each(canonical, {label: title}, read) != canonical
        )
    return _VERDICTS[key]


def takes_title(canonical: str, title: str, read: Callable[[str], Plan], labels: Iterable[str] = ()) -> str:
    """The key (of ``labels``, else of any) whose section ``read`` (a format's reader) reads under ``title`` as
    it reads it under its own heading in ``canonical`` (the format's full writing); ``""`` for none. A
    translated heading of the format's own (``复杂度跟踪``) is taken; an author's is not.

    >>> from plancore._format import full_text
    >>> from plancore._registry import FORMATS
    >>> fmt = FORMATS["speckit-github"]
    >>> takes_title(full_text(fmt), "复杂度跟踪", fmt.read), takes_title(full_text(fmt), "Rollout Notes", fmt.read)
    ('complexity', '')
    """
    keys = list(labels) or list(_own(canonical, read))
    return next((label for label in keys if _verdict(canonical, label, title, read)), "")


def _retitle_each(text: str, wanted: dict[str, str], read: Callable[[str], Plan]) -> str:
    """``retitle`` by trying the headings in ``text``: all together, else one by one."""
    before = read(text)
    nodes = iter(outline(text).walk())
    # The reader's titles come in document order, so each is the next heading of that title.
    offsets: dict[int, tuple[str, str]] = {}
    for heading in before.headings:
        node = next((node for node in nodes if node.title == heading.value), None)
        if node is None:
            break
        if heading.label in wanted and wanted[heading.label] != heading.value:
            offsets[node.start] = (heading.label, wanted[heading.label])

    def expected(keys: Iterable[str]) -> Plan:
        chosen = set(keys)
        return attrs.evolve(
            before,
            headings=tuple(
                attrs.evolve(heading, value=wanted[heading.label]) if heading.label in chosen else heading
                for heading in before.headings
            ),
        )

    def attempt(starts: list[int]) -> str | None:
        result = retitled(text, {start: offsets[start][1] for start in starts})
        return result if read(result) == expected(offsets[start][0] for start in starts) else None

    if not offsets:
        return text
    everything = attempt(list(offsets))
    if everything is not None or len(offsets) < 2:
        return everything if everything is not None else text
    # Some heading reads as another section (or none): put in those that read back, one by one.
    accepted: list[int] = []
    for start in offsets:
        if attempt([*accepted, start]) is not None:
            accepted.append(start)
    return retitled(text, {start: offsets[start][1] for start in accepted})
