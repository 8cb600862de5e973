"""Spec Kit's ``data-model.md``: its entities, each a section (``### Todo Item`` under ``## Entities``,
or ``## Domain entity: Car``) holding a fields table (``| Field | Type | ... |``) or a ``**Fields**:``
label, a description, a schema fence and the rest (validation rules, state transitions); and the
data model's ``## Schema``, ``## Migrations`` and ``## Migration commands`` sections. A small line
reader and writer used by the feature folder (``_feature.py``); no plan format of its own.

The labels and headings below are the whole definition: what an entity section is read from and
written as. The text outside the entities and those sections is the data model's ``overview``.
An edit goes into the file it was read from: only the changed entity's lines (only its changed
field's lines where it has them) are rewritten.
"""

from __future__ import annotations

import re

import attrs

from .._markdown import code_fence, fenced
from .._model import DataModel, Entity
from .._vocabulary import HEADINGS, label_words
from .speckit_research import heading_lines

__all__ = ["LABELS", "DataModelText", "EntityBlock", "edit_data_model", "read_data_model", "render_data_model"]

# Each labelled field of an entity and the labels people write for it, the first being the one written.
# Then the shared vocabulary's translations (casefolded).
LABELS = {
    "description": ("Description", "Purpose", "用途", "描述", *label_words("description")),
    "change_type": ("Change",),
    "fields": ("Fields", "Properties", "Attributes", "字段定义", "字段", "属性", *label_words("fields")),
    "current_fields": ("Current fields",),
    "new_fields": ("New fields",),
    "migration_notes": ("Migration notes",),
    "schema": ("Schema", "Interface", "TypeScript interface", "TypeScript 接口", "接口", *label_words("schema")),
}
_BY_LABEL = {label.casefold(): name for name, labels in LABELS.items() for label in labels}
# The first header cell of an entity's fields table.
_FIELD_HEADERS = {"field", "fields", "字段", "property", "attribute", "column", "属性", *label_words("field")}
# A heading whose subsections are entities.
_ENTITIES = {
    "entities",
    "entity",
    "data entities",
    "core entities",
    "key entities",
    "实体定义",
    "实体",
    *(word.casefold() for words in HEADINGS["entities"].values() for word in words),
}
# A heading's kind before the entity's name (``Domain entity: Car``), kept as written.
_KIND = re.compile(
    r"^(?:\d+[.)][ \t]+)?(?P<kind>[^:：\n]{0,40}?(?:entity|object|projection|table|record|实体)[ \t]*[:：][ \t]+)?",
    re.I,
)
# The data model's own sections: their field, the headings read as it, the first being written.
PARTS = {
    "schema": ("Schema", "Database schema"),
    "migrations": ("Migrations",),
    "migration_commands": ("Migration commands",),
}
_CODE_PARTS = {"schema", "migration_commands"}
_LABEL = re.compile(
    r"^(?:[-*][ \t]+)?\*\*(?:(?P<a>[^*\n]+?)[ \t]*\*\*[ \t]*[:：]|(?P<b>[^*\n]+?)[:：]\*\*)[ \t]*(?P<rest>.*)$"
)
_FENCE = re.compile(r"^[ \t]{0,3}(?P<fence>`{3,}|~{3,})[ \t]*(?P<info>[^`\n]*?)[ \t]*$")
_RULE = re.compile(r"^ {0,3}(?:-[ \t]*){3,}$|^ {0,3}(?:\*[ \t]*){3,}$|^ {0,3}(?:_[ \t]*){3,}$")
_TITLE = re.compile(r"^#[ \t]+data model\b", re.I)


@attrs.frozen
class Span:
    """The lines (0-based, end exclusive) an entity's field was read from. ``prefix`` is the label
    line's text before the value (``**Description**: ``) when the value starts on it, else ``None``
    (the value is the lines themselves: a table, prose, a fence)."""

    name: str
    start: int
    end: int
    prefix: str | None


@attrs.frozen
class EntityBlock:
    """One entity of a data-model.md: the ``Entity``, its lines (``start`` to ``end``, 0-based, end
    exclusive), its heading's level and text before the name (``## Domain entity: ``), its fields' lines."""

    entity: Entity
    start: int
    end: int
    level: int
    prefix: str
    spans: tuple[Span, ...] = ()


@attrs.frozen
class DataModelText:
    """A data-model.md read: the ``DataModel``, its entities' and own sections' lines
    (``parts``: ``(field, start, end)``)."""

    model: DataModel
    entities: tuple[EntityBlock, ...] = ()
    parts: tuple[tuple[str, int, int], ...] = ()


def _fence_end(lines: list[str], start: int) -> int:
    """The line after the fence opened at ``start`` closes (the text's end when it never does)."""
    opened = _FENCE.match(lines[start])
    assert opened is not None
    mark = opened.group("fence")
    for number in range(start + 1, len(lines)):
        closing = _FENCE.match(lines[number])
        fence = closing.group("fence") if closing else ""
        if fence[:1] == mark[0] and len(fence) >= len(mark) and closing and not closing.group("info"):
            return number + 1
    return len(lines)


def _label(line: str) -> tuple[str, str] | None:
    """``(field, the label line's text before its value)`` of a known label line."""
    match = _LABEL.match(line)
    if match is None:
        return None
    name = _BY_LABEL.get((match.group("a") or match.group("b")).strip().casefold())
    return None if name is None else (name, line[: match.start("rest")])


def _is_fields_table(line: str) -> bool:
    if not line.lstrip().startswith("|"):
        return False
    first = line.strip().strip("|").split("|")[0]
    return first.strip().strip("`*").strip().casefold() in _FIELD_HEADERS


def _block_end(lines: list[str], start: int, end: int) -> int:
    """The end of the paragraph, table or list starting at ``start``: its first blank line."""
    number = start
    while number < end and lines[number].strip():
        number += 1
    return number


def _entity(heading: str, lines: list[str], start: int, end: int) -> tuple[Entity, str, tuple[Span, ...]]:
    """The entity of the section whose heading text is ``heading`` and body ``lines[start:end]``."""
    kind = _KIND.match(heading)
    cut = kind.end() if kind is not None else 0
    values: dict[str, str] = {}
    spans: list[Span] = []
    language = ""
    number = start
    details = end
    while number < end:
        line = lines[number]
        if not line.strip():
            number += 1
            continue
        label = _label(line)
        if label is not None and label[0] not in values:
            name, prefix = label
            rest = line[len(prefix) :]
            if name == "schema":
                at = number + 1
                while at < end and not lines[at].strip():
                    at += 1
                if rest.strip() or at >= end or not _FENCE.match(lines[at]):
                    details = number
                    break
                close = min(_fence_end(lines, at), end)
                language = _FENCE.match(lines[at]).group("info")  # type: ignore[union-attr]
                values[name] = "\n".join(lines[at + 1 : close - 1])
                spans.append(Span(name, at, close, None))
                number = close
                continue
            if rest.strip():
                stop = number + 1
                while (
                    stop < end and lines[stop].strip() and _label(lines[stop]) is None and not _FENCE.match(lines[stop])
                ):
                    stop += 1
                values[name] = "\n".join([rest, *lines[number + 1 : stop]]).strip()
                spans.append(Span(name, number, stop, prefix))
                number = stop
                continue
            at = number + 1
            while at < end and not lines[at].strip():
                at += 1
            if at >= end or _FENCE.match(lines[at]) or _label(lines[at]) is not None:
                details = number
                break
            stop = _block_end(lines, at, end)
            values[name] = "\n".join(lines[at:stop])
            spans.append(Span(name, at, stop, None))
            number = stop
            continue
        if "fields" not in values and _is_fields_table(line):
            stop = _block_end(lines, number, end)
            values["fields"] = "\n".join(lines[number:stop])
            spans.append(Span("fields", number, stop, None))
            number = stop
            continue
        plain = label is None and not _FENCE.match(line) and not _LABEL.match(line) and not line.startswith("#")
        if not spans and "description" not in values and plain and not line.lstrip().startswith("|"):
            stop = _block_end(lines, number, end)
            values["description"] = "\n".join(lines[number:stop])
            spans.append(Span("description", number, stop, None))
            number = stop
            continue
        details = number
        break
    entity = Entity(
        name=heading[cut:].strip(),
        schema_language=language,
        details="\n".join(lines[details:end]).strip("\n"),
        **values,
    )
    return entity, heading[:cut], tuple(spans)


def _trimmed_end(lines: list[str], start: int, end: int) -> int:
    """``end`` moved up past blank lines and thematic breaks (a rule between two entities is neither's)."""
    while end > start + 1 and (not lines[end - 1].strip() or _RULE.match(lines[end - 1])):
        end -= 1
    return end


def _part(heading: str) -> str | None:
    folded = heading.strip().casefold()
    return next((name for name, titles in PARTS.items() if folded in (t.casefold() for t in titles)), None)


def read_data_model(text: str) -> DataModelText:
    """The entities, schema and migrations of a data-model.md, and its overview: the rest of its text
    (its ``# Data Model: ...`` title left out, another title kept)."""
    lines = text.split("\n")
    headings = heading_lines(lines)
    blocks: list[EntityBlock] = []
    parts: list[tuple[str, int, int]] = []
    found: dict[str, str] = {}
    taken_until = -1
    for index, (number, level, heading) in enumerate(headings):
        if number < taken_until or level < 2:
            continue
        later = headings[index + 1 :]
        end = next((line for line, other, _ in later if other <= level), len(lines))
        own_end = next((line for line, _, _ in later if line < end), end)
        part = _part(heading)
        if part is not None and part not in found and own_end == end:
            body = "\n".join(lines[number + 1 : end]).strip("\n")
            value = fenced(body) if part in _CODE_PARTS else ("", body)
            if value is not None and body:
                found[part] = value[1]
                if part == "schema":
                    found["schema_language"] = value[0]
                end = _trimmed_end(lines, number, end)
                parts.append((part, number, end))
                taken_until = end
                continue
        parent = next((text for _, other, text in reversed(headings[:index]) if other < level), "")
        under = parent.strip().casefold() in _ENTITIES and level == next(
            (other + 1 for _, other, _ in reversed(headings[:index]) if other < level), 0
        )
        own = lines[number + 1 : own_end]
        labelled = any(_label(line) is not None and _label(line)[0] == "fields" for line in own)  # type: ignore[index]
        kind = _KIND.match(heading)
        named = kind is not None and kind.group("kind") is not None
        if not (under or named or labelled or any(_is_fields_table(line) for line in own)):
            continue
        end = _trimmed_end(lines, number, end)
        entity, prefix, spans = _entity(heading, lines, number + 1, end)
        blocks.append(EntityBlock(entity, number, end, level, "#" * level + " " + prefix, spans))
        taken_until = end
    taken = sorted([(block.start, block.end) for block in blocks] + [(start, end) for _, start, end in parts])
    rest: list[str] = []
    position = 0
    for start, end in taken:
        between = lines[position:start]
        # What stood between two taken sections (blank lines, a rule) belongs to neither.
        if position and all(not line.strip() or _RULE.match(line) for line in between):
            between = []
        rest += between
        position = end
    rest += lines[position:]
    if rest and _TITLE.match(rest[0]):
        rest = rest[1:]
    overview = re.sub(r"\n{3,}", "\n\n", "\n".join(rest)).strip("\n")
    model = DataModel(overview=overview, entities=tuple(block.entity for block in blocks), **found)
    return DataModelText(model, tuple(blocks), tuple(parts))


def _labelled(label: str, value: str) -> str:
    if "\n" in value or value.startswith(("- ", "* ", "|")):
        return f"**{label}**:\n\n{value}"
    return f"**{label}**: {value}"


def render_entity(entity: Entity, level: int = 3, prefix: str = "") -> str:
    """An entity as a data-model.md section in Spec Kit's shape (no trailing newline): ``### Name``
    (or ``prefix`` and the name: ``## Entity: Name``), its labelled fields, schema and details."""
    parts = [(prefix or "#" * level + " ") + (entity.name or "Entity")]
    for name in ("description", "change_type", "fields", "current_fields", "new_fields", "migration_notes"):
        value = getattr(entity, name)
        if value:
            parts.append(_labelled(LABELS[name][0], value))
    if entity.schema or entity.schema_language:
        parts.append(f"**{LABELS['schema'][0]}**:\n\n" + code_fence(entity.schema, entity.schema_language))
    if entity.details:
        parts.append(entity.details)
    return "\n\n".join(parts)


def _render_part(name: str, model: DataModel) -> str:
    value = getattr(model, name)
    if name == "schema":
        value = code_fence(value, model.schema_language)
    elif name == "migration_commands":
        value = code_fence(value, "bash")
    return f"## {PARTS[name][0]}\n\n{value}"


def _entities_place(lines: list[str]) -> tuple[int, int] | None:
    """Where a new data-model.md's entities go in its overview's ``lines``: ``(line, level)`` after the
    section under an Entities heading, or after the text before the first section (Spec Kit's order:
    entities first)."""
    headings = heading_lines(lines)
    for index, (_, level, text) in enumerate(headings):
        if text.strip().casefold() in _ENTITIES:
            end = next((line for line, other, _ in headings[index + 1 :] if other <= level), len(lines))
            return end, level + 1
    first = next((line for line, level, _ in headings if level >= 2), None)
    return None if first is None else (first, 0)


def render_data_model(title: str, model: DataModel) -> str:
    """A new data-model.md holding ``model``: its overview (after a ``# Data Model: title`` line unless
    it has its own title), the entities (``### Name`` under ``## Entities``), its schema and migrations."""
    overview = model.overview.split("\n") if model.overview else []
    head = [] if overview and overview[0].startswith("# ") else [f"# Data Model: {title}" if title else "# Data Model"]
    place = _entities_place(overview)
    entities = ""
    if model.entities and place is not None and place[1]:
        at, level = place
        text = "\n\n".join(render_entity(entity, level) for entity in model.entities)
        overview[at:at] = ["", *text.split("\n"), ""]
    elif model.entities:
        # No Entities heading to hold them: each is a section of its own kind (carrental's ``## Domain entity: Car``).
        entities = "\n\n".join(render_entity(entity, 2, "## Entity: ") for entity in model.entities)
        if place is not None:
            overview[place[0] : place[0]] = [*entities.split("\n"), ""]
            entities = ""
    body = re.sub(r"\n{3,}", "\n\n", "\n".join(overview)).strip("\n")
    texts = [*head, body, entities, *(_render_part(name, model) for name in PARTS if getattr(model, name))]
    return "\n\n".join(text for text in texts if text) + "\n"


def _entity_lines(lines: list[str], block: EntityBlock, entity: Entity) -> list[str]:
    """An entity's section with only its changed fields' lines rewritten; all of it rewritten when its
    details changed, or a field changed that it has no lines for (or that is emptied)."""
    old = block.entity
    spans = {span.name: span for span in block.spans}
    names = ("description", "change_type", "fields", "current_fields", "new_fields", "migration_notes", "schema")
    changed = [name for name in names if getattr(old, name) != getattr(entity, name)]
    if old.schema_language != entity.schema_language and "schema" not in changed:
        changed.append("schema")
    own = lines[block.start : block.end]
    if old.details != entity.details or any(name not in spans or not getattr(entity, name) for name in changed):
        return render_entity(entity, block.level, block.prefix).split("\n")
    if old.name != entity.name:
        own[0] = block.prefix + entity.name
    for name in sorted(changed, key=lambda name: -spans[name].start):
        span = spans[name]
        value = getattr(entity, name)
        if name == "schema":
            new = code_fence(value, entity.schema_language).split("\n")
        elif span.prefix is not None:
            new = (span.prefix + value).split("\n")
        else:
            new = value.split("\n")
        own[span.start - block.start : span.end - block.start] = new
    return own


def edit_data_model(old: str, title: str, model: DataModel) -> str:
    """``old`` (a data-model.md's text) holding ``model``: the changed entities' and sections' lines
    rewritten, entities added after the last one, removed ones cut; a new text (``render_data_model``)
    when the overview changed or ``old`` has no entities and ``model`` has."""
    read = read_data_model(old)
    if read.model.overview != model.overview or (model.entities and not read.entities):
        return render_data_model(title, model)
    lines = old.split("\n")
    edits: list[tuple[int, int, list[str]]] = []
    common = min(len(read.entities), len(model.entities))
    for block, entity in zip(read.entities[:common], model.entities[:common], strict=True):
        if block.entity != entity:
            edits.append((block.start, block.end, _entity_lines(lines, block, entity)))
    for block in read.entities[common:]:
        edits.append((block.start, block.end, []))
    if len(model.entities) > common:
        last = read.entities[-1]
        added = [render_entity(entity, last.level) for entity in model.entities[common:]]
        edits.append((last.end, last.end, ["", *"\n\n".join(added).split("\n")]))
    where = {name: (start, end) for name, start, end in read.parts}
    appended: list[str] = []
    for name in PARTS:
        new = getattr(model, name)
        differs = new != getattr(read.model, name) or (
            name == "schema" and model.schema_language != read.model.schema_language
        )
        if not differs:
            continue
        if name in where:
            start, end = where[name]
            edits.append((start, end, _render_part(name, model).split("\n") if new else []))
        elif new:
            appended.append(_render_part(name, model))
    for start, end, new in sorted(edits, key=lambda edit: -edit[0]):
        lines[start:end] = new
    text = "\n".join(lines)
    if appended:
        text = text.rstrip("\n") + "\n\n" + "\n\n".join(appended) + "\n"
    return text
