"""Where each field of a converted plan went: the conversion report."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

import attrs

from ._fields import leaves
from ._markdown import Node, outline
from ._model import Plan

if TYPE_CHECKING:
    from ._convert import Loss
    from ._format import Format

__all__ = ["APPENDIX_HEADING", "FieldReport", "report"]

APPENDIX_HEADING = "Appendix: Carried Over"

_INDEX = re.compile(r"\[\d+\]")
_WORD = re.compile(r"\w")
_LAST_INDEX = re.compile(r"\[(\d+)\]$")


@attrs.frozen
class FieldReport:
    """Where one field of the source plan went.

    ``outcome`` is ``"mapped"`` (written in the target's own place for it),
    ``"verbatim"`` (a section that maps to no field, carried as written),
    ``"appendix"`` (no place in the target: carried into the appendix and
    listed in ``Conversion.losses``) or ``"unfilled"`` (a field the target
    holds that the source left empty: the target shows its placeholder).
    ``section`` is the heading of the output section it is in.
    """

    path: str
    outcome: str
    section: str = ""

    def as_dict(self) -> dict[str, str]:
        return {"path": self.path, "outcome": self.outcome, "section": self.section}


def _sections(text: str) -> list[Node]:
    """The sections of ``text`` outside the appendix."""
    nodes = list(outline(text).walk())
    appendix = [(node.start, node.end) for node in nodes if node.title == APPENDIX_HEADING]
    return [node for node in nodes if not any(start <= node.start < end for start, end in appendix)]


def _needle(text: str) -> str:
    """The first line of ``text`` with a word in it (not a fence line)."""
    for line in text.split("\n"):
        if _WORD.search(line) and not line.lstrip().startswith(("```", "~~~")):
            return line.strip()
    return ""


def _where(value: str, nodes: Sequence[Node], after: int = 0) -> Node | None:
    """The first section from offset ``after`` on (else the first at all) whose own text holds ``value``."""
    # A heading that names the value says more than a body that mentions it.
    for found in ([node for node in nodes if value in node.title], [node for node in nodes if value in node.body]):
        node = next((node for node in found if node.start >= after), None)
        if node is not None:
            return node
    return None


def _previous(item: str) -> str:
    """The item before ``item`` in its list (``phases[2]`` for ``phases[3]``), or ``""``."""
    match = _LAST_INDEX.search(item)
    if match is None or match.group(1) == "0":
        return ""
    return item[: match.start()] + f"[{int(match.group(1)) - 1}]"


def _text_of(path: str, flat: dict[str, object]) -> str:
    """The text that shows where ``path`` is: its own, or its item's for a check mark."""
    value = flat.get(path)
    if isinstance(value, str):
        return _needle(value)
    sibling = flat.get(path.rsplit(".", 1)[0] + ".text")
    return _needle(sibling) if isinstance(sibling, str) else ""


def report(plan: Plan, text: str, target: Format, losses: Iterable[Loss]) -> tuple[FieldReport, ...]:
    """Every filled field of ``plan`` (and every field ``target`` holds that it left empty),
    with where it went in ``text``, the conversion's output."""
    lost = {loss.path for loss in losses}
    nodes = _sections(text)
    title = nodes[0].title if nodes else ""
    flat = dict(leaves(attrs.evolve(plan, extra_sections=())))
    # An item's fields are looked for from where its first field is.
    anchors: dict[str, int] = {}
    result = []
    for path in flat:
        if path in lost:
            result.append(FieldReport(path=path, outcome="appendix", section=APPENDIX_HEADING))
            continue
        item = path[: path.rfind("]") + 1]
        needle = _text_of(path, flat)
        node = _where(needle, nodes, anchors.get(item, anchors.get(_previous(item), 0))) if needle else None
        if node is not None and item:
            anchors.setdefault(item, node.start)
        result.append(FieldReport(path=path, outcome="mapped", section=node.title if node else title))
    for index, section in enumerate(plan.extra_sections):
        path = f"extra_sections[{index}]"
        if path in lost:
            result.append(FieldReport(path=path, outcome="appendix", section=APPENDIX_HEADING))
            continue
        node = None if section.heading else _where(_needle(section.body), nodes)
        where = section.heading or (node.title if node else title)
        result.append(FieldReport(path=path, outcome="verbatim", section=where))
    filled = {_INDEX.sub("", path) for path in flat}
    for pattern in sorted(target.holds - filled - {"extra_sections"}):
        result.append(FieldReport(path=pattern, outcome="unfilled"))
    return tuple(result)
