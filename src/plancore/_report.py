"""Where each field of a converted plan went: the conversion report."""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Literal

import attrs

from ._fields import bare_leaves
from ._markdown import Node, normalize_title, outline
from ._model import Plan, content_fields, evolve

if TYPE_CHECKING:
    from ._format import Format
    from ._loss import Loss

__all__ = ["APPENDIX_HEADING", "FieldReport", "Outcome", "Tokens", "folder_report", "report"]

APPENDIX_HEADING = "Appendix: Carried Over"

_INDEX = re.compile(r"\[\d+\]")
_WORD = re.compile(r"\w")
_LAST_INDEX = re.compile(r"\[(\d+)\]$")
# Fields of a plan that say how the writer lays out the others (the headings an
# author gave sections): the rendering with tokens keeps them as they are, so
# that it has the output's headings.
_LAYOUT = frozenset({"headings"})
# A plan's fields its walk gives no tokens: those, and its own sections (``Tokens.plan``'s).
_NOT_TOKENED = _LAYOUT | {"extra_sections"}


# Where a field's content went: see ``FieldReport``.
Outcome = Literal["mapped", "verbatim", "appendix", "replaced", "unfilled"]


@attrs.frozen
class FieldReport:
    """Where one field of the source plan went.

    ``outcome`` is ``"mapped"`` (written in the target's own place for it),
    ``"verbatim"`` (a section that maps to no field, carried as written),
    ``"appendix"`` (no place in the target: carried into the appendix and
    listed in ``Conversion.losses``), ``"replaced"`` (a template's heading or
    label in translation, listed in ``Conversion.losses`` but not carried: the
    target's own stands in its place) or ``"unfilled"`` (a field the target
    holds that the source left empty: the target shows its placeholder).
    ``section`` is the heading of the output section it is in.
    """

    path: str
    outcome: Outcome
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
    """The text that shows where ``path`` is: its own, or its item's (its text, else its name) for a check mark."""
    value = flat.get(path)
    if isinstance(value, str):
        return _needle(value)
    for sibling in (flat.get(path.rsplit(".", 1)[0] + ".text"), flat.get(path.rsplit(".", 1)[0] + ".name")):
        if isinstance(sibling, str):
            return _needle(sibling)
    return ""


def _own(node: Node) -> str:
    """The text of ``node``'s heading line and body, without its sub-sections."""
    return node.text[node.start : node.children[0].start if node.children else node.end]


def _subtree(node: Node) -> Iterable[Node]:
    """``node``, then its sub-sections, in the order of the text."""
    yield node
    for child in node.children:
        yield from _subtree(child)


class Tokens:
    """A token for each value of a plan: of one width, of capital letters and
    digits (which no writer escapes, wraps or reads as Markdown), after a prefix
    that ``held`` (all the text there is) does not hold, so that no token is
    part of another or of real text."""

    def __init__(self, held: str, count: int) -> None:
        prefix = "PLANCOREFIELD"
        while prefix in held:
            prefix += "Q"
        self._prefix = prefix
        self._width = len(str(count))
        self.pattern = re.compile(re.escape(prefix) + rf"(\d{{{self._width}}})")
        # A token's text from its index, in one call (a big plan's rendering has hundreds).
        self._text = f"{prefix}{{:0{self._width}d}}".format
        self.paths: list[str] = []
        self.values: list[str] = []
        # Per item (``phases[0]``), the path of its first field given a token.
        self.first: dict[str, str] = {}

    def token(self, path: str, value: str) -> str:
        self.paths.append(path)
        self.values.append(value)
        return self._text(len(self.paths) - 1)

    def of(self, index: int) -> str:
        """The token given at ``index``."""
        return self._text(index)

    def value(self, text: str) -> str:
        """``text`` with its tokens replaced by their values."""
        return self.pattern.sub(lambda match: self.values[int(match.group(1))], text)

    def plan(self, plan: Plan, *, headed: bool = False) -> Plan:
        """``plan`` with a token for every filled field that is no key (its paths
        are those of ``leaves``) and for the body of every section without a
        heading; ``headed``: then, for the body of every section with a heading and a body too."""
        extras = tuple(
            evolve(section, body=self.token(f"extra_sections[{index}]", section.body))
            if section.body and not section.heading
            else section
            for index, section in enumerate(plan.extra_sections)
        )
        # Built once, with every change: a plan built is checked field by field.
        changes: dict[str, Any] = self._changes(plan, "")
        if headed:
            extras = tuple(
                evolve(section, body=self.token(f"extra_sections[{index}]", original.body))
                if original.heading and original.body
                else section
                for index, (section, original) in enumerate(zip(extras, plan.extra_sections, strict=True))
            )
        changes.update(extra_sections=extras, source=None)
        tokened: Plan = evolve(plan, **changes)
        return tokened

    def _item(self, value: Any, prefix: str) -> Any:
        changes = self._changes(value, prefix)
        return evolve(value, **changes) if changes else value

    def _changes(self, value: Any, prefix: str) -> dict[str, Any]:
        """The fields of ``value`` (at ``prefix``) with tokens in, by name (a plan's own sections aside)."""
        changes: dict[str, Any] = {}
        first = True
        # The fields that make the value, but its keys (a big plan has hundreds of items: asked of a
        # per-class cache, and a text's token made here, not by a call each).
        for name in content_fields(value.__class__) or ():
            if not prefix and name in _NOT_TOKENED:
                continue
            item = getattr(value, name)
            # Most fields are text, much of it empty: told first, its path made only for a token.
            if isinstance(item, str):
                if item:
                    path = prefix + name
                    changes[name] = self.token(path, item)
                    if first:
                        self.first.setdefault(prefix[:-1], path)
                        first = False
            elif isinstance(item, tuple):
                if not item:
                    continue
                path = prefix + name
                if content_fields(item[0].__class__) is not None:
                    changes[name] = tuple([self._item(element, f"{path}[{i}].") for i, element in enumerate(item)])
                else:
                    changes[name] = tuple(
                        [
                            self.token(f"{path}[{i}]", element) if isinstance(element, str) and element else element
                            for i, element in enumerate(item)
                        ]
                    )
            elif content_fields(item.__class__) is not None:
                changes[name] = self._item(item, prefix + name + ".")
        return changes


def _aligned(rendered: list[Node], nodes: list[Node], titled: Callable[[str], str]) -> list[Node | None]:
    """Per section of ``rendered`` (the rendering with tokens), the section of the output it is."""
    # Headings of the same levels, equal where no value is in them: the same
    # layout, section for section (a writer may write a value in a heading
    # otherwise than in the body: a method joins its path).
    if len(rendered) == len(nodes) and all(
        mine.level == node.level and (mine.title == node.title or titled(mine.title) != mine.title)
        for mine, node in zip(rendered, nodes, strict=True)
    ):
        return list(nodes)
    # Else (a writer that lays out a value by what it says, or the output is
    # the source text as its author wrote it) the n-th heading of a title is
    # the output's n-th heading of that title.
    by_title: dict[str, list[Node]] = {}
    for node in nodes:
        by_title.setdefault(node.title, []).append(node)
    seen: Counter[str] = Counter()
    result: list[Node | None] = []
    for mine in rendered:
        title = titled(mine.title)
        same = by_title.get(title, [])
        result.append(same[seen[title]] if seen[title] < len(same) else None)
        seen[title] += 1
    if None not in result:
        return result
    # A heading the output has numbered otherwise (maestro's ``1.3 Key Design Decisions``, ``1.1`` once the
    # template's samples before it were cut) is, of those no heading took by its title, the n-th of its words.
    taken = {id(node) for node in result if node is not None}
    by_words: dict[str, list[Node]] = {}
    for node in nodes:
        if id(node) not in taken:
            by_words.setdefault(normalize_title(node.title), []).append(node)
    for index, mine in enumerate(rendered):
        if result[index] is None:
            left = by_words.get(normalize_title(titled(mine.title)))
            if left:
                result[index] = left.pop(0)
    return result


def _placed(plan: Plan, text: str, target: Format, nodes: list[Node], flat: dict[str, object]) -> dict[str, list[Node]]:
    """Per field of ``plan`` (path), the sections of ``text`` (whose sections
    are ``nodes``) that ``target``'s writer put it in, best first.

    Found by writing the plan once more, through the same writer, with a token
    in place of each value: the section a token lands in is its value's. A
    check mark or a key (a label), which has no token, is where its item's
    first field with one is.
    """
    # The tokens' prefix is in no text that the rendering can hold besides them.
    held = [text, *(value for value in flat.values() if isinstance(value, str))]
    held += [section.heading + "\n" + section.body for section in plan.extra_sections]
    tokens = Tokens("\n".join(held), len(flat) + len(plan.extra_sections))
    # A plan read from no text is written by the writer template, as a
    # conversion writes its plan: one rendering.
    rendered = target.emit_tokened(tokens.plan(plan), tokens.value)
    sections = _sections(rendered)
    starts = [node.start for node in sections]
    mapped = _aligned(sections, nodes, tokens.value)
    places: dict[str, list[tuple[bool, int, Node]]] = {}
    for match in tokens.pattern.finditer(rendered):
        index = bisect.bisect_right(starts, match.start()) - 1
        node = mapped[index] if index >= 0 else None
        if node is not None:
            # A heading that names the value says more than a body that mentions it.
            in_body = match.start() >= sections[index].body_start
            places.setdefault(tokens.paths[int(match.group(1))], []).append((in_body, match.start(), node))
    found = {path: [node for *_, node in sorted(where, key=lambda place: place[:2])] for path, where in places.items()}
    tokened = set(tokens.paths)
    for path in flat:
        if path not in tokened and "]" in path:
            found[path] = found.get(tokens.first.get(path.rsplit(".", 1)[0], ""), [])
    return found


def report(
    plan: Plan,
    text: str,
    target: Format,
    losses: Iterable[Loss],
    *,
    written: Plan | None = None,
    places: Mapping[str, Sequence[str]] | None = None,
) -> tuple[FieldReport, ...]:
    """Every filled field of ``plan`` (and every field ``target`` holds that it left empty),
    with where it went in ``text``, the conversion's output: the writing of
    ``written`` (``plan`` reshaped by the crosswalk; ``plan`` when ``None``),
    in which ``places`` (per path of ``plan``; the same path when absent) are
    the paths holding a field's content."""
    losses = tuple(losses)
    lost = {loss.path for loss in losses if loss.carried}
    replaced = {loss.path for loss in losses if not loss.carried}
    nodes = _sections(text)
    title = nodes[0].title if nodes else ""
    # The conversion's walks of both plans, not walked again.
    flat = bare_leaves(plan)
    written = plan if written is None else written
    theirs = flat if written is plan else bare_leaves(written)
    placed = _placed(written, text, target, nodes, theirs)
    for index, section in enumerate(written.extra_sections):
        # A section kept with its heading is the output's section of that title.
        if section.heading:
            placed[f"extra_sections[{index}]"] = [node for node in nodes if node.title == section.heading]

    def locate(path: str, needle: str, after: int = 0) -> Node | None:
        where = places.get(path, (path,)) if places is not None else (path,)
        candidates = [node for place in where for node in placed.get(place, [])]
        # The section the writer put the token in, if the value is there too:
        # a writer that lays out a value by what it says (maestro's "modified"
        # components) may put it elsewhere than its token.
        # A section carried whole holds the value in one of its sub-sections.
        node = next((node for node in candidates for node in _subtree(node) if needle in _own(node)), None)
        # A value whose token is nowhere in the rendering (a writer that drops
        # or rewrites it) is looked for by its text, as is one found elsewhere.
        if node is None and needle:
            node = _where(needle, nodes, after)
        # A value the output shows otherwise than written (a pipe escaped in a
        # table cell) is where its token is; one written into a section's text in another shape
        # (spec.md's stories, carried as a section ``Requirements``), in that section.
        sections = [node for place in where for node in placed.get(place.removesuffix(".body"), [])]
        return node if node is not None else next(iter(candidates or sections), None)

    # An item's fields are looked for from where its first field is.
    anchors: dict[str, int] = {}
    result = []
    for path in flat:
        if path in lost:
            result.append(FieldReport(path=path, outcome="appendix", section=APPENDIX_HEADING))
            continue
        item = path[: path.rfind("]") + 1]
        node = locate(path, _text_of(path, flat), anchors.get(item, anchors.get(_previous(item), 0)))
        if node is not None and item:
            anchors.setdefault(item, node.start)
        result.append(FieldReport(path=path, outcome="mapped", section=node.title if node else title))
    for index, section in enumerate(plan.extra_sections):
        path = f"extra_sections[{index}]"
        if path in lost:
            result.append(FieldReport(path=path, outcome="appendix", section=APPENDIX_HEADING))
            continue
        node = None if section.heading else locate(path, _needle(section.body))
        where = section.heading or (node.title if node else title)
        result.append(FieldReport(path=path, outcome="verbatim", section=where))
        if f"{path}.heading" in lost:
            # Its heading set apart from it (its subsections stand at its level), listed in the appendix.
            result.append(FieldReport(path=f"{path}.heading", outcome="appendix", section=APPENDIX_HEADING))
    # The author's headings and labels, kept: a heading names its own section,
    # a label is in the section that shows it.
    for index, heading in enumerate(plan.headings):
        path = f"headings[{index}]"
        if path in replaced:
            result.append(FieldReport(path=path, outcome="replaced"))
        elif path in lost:
            result.append(FieldReport(path=path, outcome="appendix", section=APPENDIX_HEADING))
        else:
            result.append(FieldReport(path=path, outcome="mapped", section=heading.value))
    for index, label in enumerate(plan.labels):
        path = f"labels[{index}]"
        if path in replaced:
            result.append(FieldReport(path=path, outcome="replaced"))
            continue
        if path in lost:
            result.append(FieldReport(path=path, outcome="appendix", section=APPENDIX_HEADING))
            continue
        node = _where(f"**{label.value}**", nodes)
        result.append(FieldReport(path=path, outcome="mapped", section=node.title if node else title))
    # A field the crosswalk filled from another (a branch into maestro's Feature ID) shows in the output.
    filled = {_INDEX.sub("", path) for path in (*flat, *theirs)}
    for pattern in sorted(target.holds - filled - {"extra_sections"}):
        result.append(FieldReport(path=pattern, outcome="unfilled"))
    return tuple(result)


def folder_report(plan: Plan, files: Mapping[str, str], losses: Iterable[Loss]) -> tuple[FieldReport, ...]:
    """Every filled field of ``plan`` with where it went in a folder written from it (``files``: each
    Markdown file's text by its path in the folder, ``/``-separated): ``section`` is
    ``"FILE: Heading"``, the first file (in ``files``' order) and section whose own text shows the
    field's value; ``"appendix"`` for ``losses``. A value no file shows as written (one a part writes
    otherwise, a task ID it renumbers) is ``mapped`` with no section: the folder's writer placed it,
    and the report does not guess where.

    >>> plan = Plan(summary="Add search.")
    >>> folder_report(plan, {"proposal.md": "# Search\\n\\n## Why\\n\\nAdd search.\\n"}, ())
    (FieldReport(path='summary', outcome='mapped', section='proposal.md: Why'),)
    """
    lost = {loss.path for loss in losses}
    flat = bare_leaves(plan)
    # The appendix too: a section carried there by an earlier conversion is one of the folder's.
    parts = {name: list(outline(text).walk()) for name, text in files.items()}
    appendices = {
        name: node.content for name, nodes in parts.items() for node in nodes if node.title == APPENDIX_HEADING
    }
    first = next(iter(appendices), None)

    def appendix(needle: str) -> str:
        # Each file of a folder has its own appendix: the one that shows the value, else the first.
        name = next((name for name, body in appendices.items() if needle and needle in body), first)
        return f"{name}: {APPENDIX_HEADING}" if name is not None else APPENDIX_HEADING

    def find(needle: str, anchor: tuple[str, int] | None = None) -> tuple[str, Node] | None:
        # An item's fields are looked for from where its first field is, in that file first.
        order = sorted(parts, key=lambda name: anchor is None or name != anchor[0])
        for name in order:
            node = _where(needle, parts[name], anchor[1] if anchor and name == anchor[0] else 0) if needle else None
            if node is not None:
                return name, node
        return None

    def place(needle: str, anchor: tuple[str, int] | None = None) -> str:
        found = find(needle, anchor)
        if found is None:
            return ""
        name, node = found
        return f"{name}: {node.title}" if node.title else name

    anchors: dict[str, tuple[str, int]] = {}
    result = []
    for path in flat:
        if path in lost:
            result.append(FieldReport(path=path, outcome="appendix", section=appendix(_text_of(path, flat))))
            continue
        item = path[: path.rfind("]") + 1]
        anchor = anchors.get(item, anchors.get(_previous(item)))
        found = find(_text_of(path, flat), anchor)
        if found is not None and item:
            anchors.setdefault(item, (found[0], found[1].start))
        result.append(FieldReport(path=path, outcome="mapped", section=place(_text_of(path, flat), anchor)))
    for index, section in enumerate(plan.extra_sections):
        path = f"extra_sections[{index}]"
        if path in lost:
            needle = section.heading or _needle(section.body)
            result.append(FieldReport(path=path, outcome="appendix", section=appendix(needle)))
        else:
            # A file carried whole (Kiro's spec.json) is that file.
            carried = section.heading if section.heading in files else ""
            shown = carried or (place(section.heading) if section.heading else place(_needle(section.body)))
            result.append(FieldReport(path=path, outcome="verbatim", section=shown))
    return tuple(result)
