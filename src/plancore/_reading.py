"""What every reader needs: sections matched to fields through a format's alias
table, verbatim keeping of the rest, and the common shapes of list content."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence

from ._markdown import Item, Node, checkbox, label_value, list_items, strip_blank, table_rows
from ._model import Labeled, Section, Task

__all__ = ["Aliases", "Sections", "labeled", "labels", "prose", "records", "split_rule", "tasks"]

# Field key -> regular expressions (full matches) over normalized heading titles.
Aliases = Mapping[str, Sequence[str]]


def _lookup(title: str, aliases: Aliases) -> str | None:
    for key, patterns in aliases.items():
        for pattern in patterns:
            if re.fullmatch(pattern, title):
                return key
    return None


class Sections:
    """Matches a reader's sections to field keys; keeps the rest verbatim.

    Each section that matches nothing (or repeats a key that is not
    repeatable) becomes a ``Section`` placed after the nearest matched section
    before it in the document.
    """

    def __init__(self) -> None:
        self._matched: list[tuple[int, str]] = []
        self._extras: list[tuple[int, Section]] = []

    def match(self, nodes: Iterable[Node], aliases: Aliases, *, repeat: Iterable[str] = ()) -> dict[str, list[Node]]:
        repeatable = set(repeat)
        found: dict[str, list[Node]] = {}
        for node in nodes:
            key = _lookup(node.key, aliases)
            if key is not None and (key not in found or key in repeatable):
                found.setdefault(key, []).append(node)
                self._matched.append((node.start, key))
            else:
                self.keep(node)
        return found

    def mark(self, node: Node, key: str) -> None:
        """Record ``node`` as the place of ``key`` without matching it by title."""
        self._matched.append((node.start, key))

    def keep(self, node: Node) -> None:
        section = Section(heading=node.title, level=node.level, body=strip_blank(node.content))
        self._extras.append((node.start, section))

    def loose(self, start: int, text: str, after: str) -> None:
        """Keep heading-less text found at offset ``start``, to be written right after ``after``."""
        if text:
            self._extras.append((start, Section(heading="", level=0, body=text, after=after)))

    def extras(self) -> tuple[Section, ...]:
        matched = sorted(self._matched)
        result = []
        for start, section in sorted(self._extras, key=lambda pair: pair[0]):
            # Heading-less text keeps the place its reader gave it.
            after = section.after
            if section.level > 0:
                after = ""
                for position, key in matched:
                    if position > start:
                        break
                    after = key
            result.append(Section(heading=section.heading, level=section.level, body=section.body, after=after))
        return tuple(result)


def prose(text: str) -> str:
    """A section body as Markdown prose: as written, less surrounding blank lines."""
    return strip_blank(text)


_RULE = re.compile(r"^ {0,3}(?:-[ \t]*){3,}$|^ {0,3}(?:\*[ \t]*){3,}$|^ {0,3}(?:_[ \t]*){3,}$")


def split_rule(text: str) -> tuple[str, str]:
    """``text`` split at its last thematic break line: (before, after)."""
    lines = text.split("\n")
    for index in range(len(lines) - 1, -1, -1):
        if _RULE.match(lines[index]):
            return "\n".join(lines[:index]), "\n".join(lines[index + 1 :])
    return text, ""


def tasks(items: Iterable[Item]) -> tuple[Task, ...]:
    """List items as tasks; a ``[ ]``/``[x]`` box gives the done state."""
    result = []
    for item in items:
        text = item.text if not item.body else item.text + "\n" + item.body
        box = checkbox(text)
        result.append(Task(text=box[1], done=box[0]) if box else Task(text=text))
    return tuple(result)


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
    index = {label: name for name, names in table.items() for label in names}
    found: dict[str, str] = {}
    for item in items:
        pair = label_value(item.text, plain=plain)
        if pair is None:
            continue
        name = index.get(pair[0].casefold())
        if name is not None and name not in found:
            found[name] = pair[1] if not item.body else (pair[1] + "\n" + item.body).lstrip("\n")
    return found


def records(text: str, columns: Mapping[str, Sequence[str]]) -> list[dict[str, str]]:
    """The rows of the first table in ``text`` as field -> cell, columns found by header.

    ``columns`` maps a field name to the casefolded headers that mean it.
    """
    table = table_rows(text)
    if table is None:
        return []
    header, rows = table
    index = {label: name for name, labels in columns.items() for label in labels}
    names = [index.get(title.casefold()) for title in header]
    result = []
    for row in rows:
        record = {}
        for position, name in enumerate(names):
            if name is not None and position < len(row):
                record[name] = row[position]
        result.append(record)
    return result
