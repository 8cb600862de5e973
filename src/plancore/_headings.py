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

from ._markdown import outline, retitled
from ._model import Labeled, Plan

__all__ = ["authored", "retitle"]


def authored(headings: Iterable[Labeled], own: Iterable[Labeled]) -> tuple[Labeled, ...]:
    """``headings`` less those that are the format's ``own`` heading for their key."""
    layout = {(heading.label, heading.value) for heading in own}
    return tuple(heading for heading in headings if (heading.label, heading.value) not in layout)


def retitle(text: str, headings: tuple[Labeled, ...], read: Callable[[str], Plan]) -> str:
    """``text``, a writer's output, with the sections of the keys of
    ``headings`` under the authors' headings instead of the writer's own.

    A heading is put in only where ``read`` (the format's reader) takes it as
    the same section and reads the rest of the text as before; the others are
    left as the writer wrote them.
    """
    wanted = {heading.label: heading.value for heading in headings}
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
