"""The ``maestro`` format: spec-maestro's plan template (reader; the writer is
``templates/maestro.md.j2``).

Sections are numbered and separated by ``---`` rules; components, entities and
endpoints are ``####`` blocks of ``- **Label:** value`` items under a "New"
and a "Modified" subsection. A block's change type is the subsection it sits
in, unless a ``- **Change type:**`` item says otherwise (the writer adds one
whenever the subsection alone would not give the value back).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping, Sequence

import jinja2.filters

from .._format import Format, line_mark, template_text
from .._markdown import Item, Node, label_value, list_items, normalize_title, outline, strip_blank
from .._model import (
    Api,
    Architecture,
    Component,
    DataModel,
    Decision,
    Endpoint,
    Entity,
    Labeled,
    Metadata,
    Option,
    Phase,
    Plan,
    Risk,
    Section,
    Task,
    Testing,
)
from .._reading import (
    FENCE_OPEN,
    FRONT,
    Aliases,
    Sections,
    Shape,
    alias_key,
    cut_done,
    fits_table,
    headings_shape,
    label_index,
    outside_fences,
    phase_title,
    prose,
    read_alike,
    records,
    split_table,
    strip_title,
    table_shape,
    tidied,
    tidy,
)
from .._vocabulary import (
    LABELS,
    PHASE_HEADING,
    PHASE_PREFIX,
    alternation,
    heading_pattern,
    label_mark,
    label_words,
    title_words,
)

__all__ = ["MAESTRO"]

# Headings, matched by normalized title (numbering, marks and case dropped), never by number.
SECTIONS: Aliases = {
    "architecture": [
        r"architecture overview",
        r"architecture",
        r"technical architecture",
        r"system architecture",
        heading_pattern("architecture"),
    ],
    "architecture.components": [
        r"component design",
        r"components",
        r"component changes",
        heading_pattern("component_design"),
    ],
    "data_model": [r"data model", r"data models", r"data model changes", heading_pattern("data_model")],
    "api": [r"api contracts", r"api", r"api design", r"interfaces", r"contracts", heading_pattern("api")],
    "phases": [r"implementation phases", r"phases", r"implementation plan", heading_pattern("phases")],
    "testing": [r"testing strategy", r"testing", r"test strategy", r"test plan", heading_pattern("testing")],
    "risks": [
        r"risks and mitigations",
        r"risks & mitigations",
        r"risks",
        r"risk assessment",
        r"risk analysis",
        heading_pattern("risks"),
    ],
    "open_questions": [r"open questions", r"questions", r"unresolved questions", heading_pattern("open_questions")],
    "file_structure": [
        r"file structure",
        r"project structure",
        r"directory structure",
        heading_pattern("file_structure"),
        heading_pattern("project_structure"),
    ],
}
ARCHITECTURE: Aliases = {
    "architecture.overview": [r"high-level design", r"high level design", r"system context", r"overview"],
    "architecture.interactions": [r"component interactions", r"interactions"],
    "decisions": [r"key design decisions", r"design decisions", r"key decisions", r"decisions"],
    "architecture.data_flow": [r"data flow"],
}
# Blocks sit in a "New" or a "Modified" subsection: the key of the subsection gives their kind (KINDS).
COMPONENTS: Aliases = {
    "architecture.components": [r"new components", heading_pattern("new_components")],
    "architecture.components.modified": [
        r"(?:modified|changed|updated) components",
        heading_pattern("modified_components"),
    ],
    # An author's data flow after the components (its Data Model heading lost, say in an unclosed fence) is
    # the plan's data flow, as it is in every format that has one: left the author's section, it came home
    # only on the next cycle.
    "architecture.data_flow": [r"data flow"],
}
DATA_MODEL: Aliases = {
    "data_model.entities": [r"new entities", heading_pattern("new_entities")],
    "data_model.entities.modified": [r"(?:modified|changed|updated) entities", heading_pattern("modified_entities")],
    "architecture.data_flow": [r"data flow"],
}
API: Aliases = {
    "api.endpoints": [
        r"new (?:endpoints/methods|endpoints|methods|apis?|commands|interfaces)",
        heading_pattern("new_endpoints"),
    ],
    "api.endpoints.modified": [
        r"(?:modified|changed|updated) (?:endpoints/methods|endpoints|methods|apis?|commands|interfaces)",
        heading_pattern("modified_endpoints"),
    ],
}
KINDS = {
    "architecture.components": "New",
    "architecture.components.modified": "Modified",
    "data_model.entities": "New",
    "data_model.entities.modified": "Modified",
    "api.endpoints": "New",
    "api.endpoints.modified": "Modified",
}
PHASES: Aliases = {"phases": [r"phase \w+(?: .*)?", PHASE_HEADING]}
TESTING: Aliases = {
    "testing.unit": [r"unit tests?", r"unit testing"],
    "testing.integration": [r"integration tests?", r"integration testing"],
    "testing.e2e": [r"end-to-end tests?", r"e2e tests?", r"end to end tests?"],
    "testing.test_data": [r"test data", r"test fixtures", r"fixtures"],
}

# Every heading alias table, by the keys of the sections it is under (() for the top level).
HEADINGS: dict[tuple[str, ...], Aliases] = {
    (): SECTIONS,
    ("architecture",): ARCHITECTURE,
    ("architecture.components",): COMPONENTS,
    ("data_model",): DATA_MODEL,
    ("api",): API,
    ("phases",): PHASES,
    ("testing",): TESTING,
}

# Header labels (casefolded) by metadata field, in English and translated (``_vocabulary``).
METADATA_LABELS = {
    "feature_id": ["feature id", "feature", *label_words("feature_id")],
    "spec_path": ["spec", "specification", "spec path", *label_words("spec")],
    "created": ["created", "date", *label_words("created"), *label_words("date")],
    "status": ["status", *label_words("status")],
}
# A block's labels (casefolded), in English and translated (``_vocabulary``).
COMPONENT_LABELS = {
    "responsibility": ["purpose", "responsibility", "description", *label_words("purpose")],
    "location": ["location", "file", "path", *label_words("location")],
    "dependencies": ["dependencies", "depends on", *label_words("dependencies")],
    "dependents": ["dependents", "used by", *label_words("dependents")],
    "current": ["current", "current behavior", *label_words("current")],
    "change": ["change", "changes", *label_words("change")],
    "risk": ["risk", *label_words("risk")],
    "technology": ["technology", "tech", *label_words("technology")],
    "notes": ["notes", *label_words("notes")],
    "change_type": ["change type", *label_words("change_type")],
}
ENTITY_LABELS = {
    "current_fields": ["current fields", *label_words("current_fields")],
    "new_fields": ["new fields", *label_words("new_fields")],
    "migration_notes": ["migration notes", "migration", *label_words("migration_notes")],
    "change_type": ["change type", *label_words("change_type")],
}
ENDPOINT_LABELS = {
    "description": ["purpose", "description", *label_words("purpose")],
    "input": ["input", "request", *label_words("input")],
    "output": ["output", "response", *label_words("output")],
    "errors": ["errors", *label_words("errors")],
    "current_behavior": ["current behavior", "current behaviour", "current", *label_words("current_behavior")],
    "new_behavior": ["new behavior", "new behaviour", *label_words("new_behavior")],
    "breaking": ["breaking", "breaking change", *label_words("breaking")],
    "auth": ["auth", "authentication"],
    "method": ["method"],
    "change_type": ["change type", *label_words("change_type")],
}
PHASE_LABELS = {
    "goal": ["goal", "objective", *label_words("goal")],
    "dependencies": ["dependencies", "depends on", *label_words("dependencies")],
    "estimate": ["estimate", "duration", "estimated time", *label_words("estimate")],
    "tasks": ["tasks", *label_words("tasks")],
    "deliverables": ["deliverable", "deliverables", *label_words("deliverable")],
    "priority": ["priority", *label_words("priority")],
}
DECISION_COLUMNS = {
    "title": ["decision"],
    "options": ["options considered", "options", "alternatives"],
    "choice": ["chosen", "choice"],
    "rationale": ["rationale", "why"],
}
RISK_COLUMNS = {
    "risk": ["risk", *label_words("risk")],
    "probability": ["likelihood", "probability", *label_words("probability")],
    "impact": ["impact", *label_words("impact")],
    "mitigation": ["mitigation", "mitigation strategy", *label_words("mitigation")],
}

# Sections known by their shape when their title matches no alias (a translated heading).
SHAPES: Mapping[str, Shape] = {"risks": table_shape(RISK_COLUMNS), "phases": headings_shape(PHASES)}
ARCHITECTURE_SHAPES: Mapping[str, Shape] = {"decisions": table_shape(DECISION_COLUMNS)}
# A table with a column no field reads is kept verbatim rather than taken in.
FITS: Mapping[str, Shape] = {"risks": fits_table(RISK_COLUMNS)}
ARCHITECTURE_FITS: Mapping[str, Shape] = {"decisions": fits_table(DECISION_COLUMNS)}

HTTP_METHODS = frozenset(["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"])
METHOD_PLACEHOLDER = "{METHOD}"


_TITLE = re.compile(rf"^(?:Implementation Plan:|(?i:{title_words()})[ \t]*[:\uff1a])[ \t]*(.*)$")
_COMPONENT_TITLE = re.compile(rf"^(?:Component|(?i:{alternation(LABELS['component'])}))[ \t]*[:\uff1a][ \t]*(.*)$")
_ENTITY_TITLE = re.compile(rf"^(?:Entity|(?i:{alternation(LABELS['entity'])}))[ \t]*[:\uff1a][ \t]*(.*)$")
_PHASE_TITLE = re.compile(r"^(?:Phase[ \t]+[\w.]+(?:[ \t]*[:.\-\u2013\u2014][ \t]*(.*))?|" + PHASE_PREFIX + r"(.*))$")
_RULE_LINE = re.compile(r"^ {0,3}(?:-[ \t]*){3,}$|^ {0,3}(?:\*[ \t]*){3,}$|^ {0,3}(?:_[ \t]*){3,}$")


def _clean(text: str) -> str:
    """``text`` less the ``---`` rule that closes its numbered section, if it ends with one (``split_rule``'s
    text before its last rule, when only blank lines follow it)."""
    # Its last line that is not blank, looked at alone: asked of every section read, where ``split_rule``
    # splits the whole text to find the last rule.
    end = len(text.rstrip())
    start = text.rfind("\n", 0, end) + 1
    stop = text.find("\n", start)
    if end and _RULE_LINE.match(text[start : len(text) if stop < 0 else stop]):
        return text[: max(start - 1, 0)]
    return text


def _item_lines(item: Item) -> range:
    """The lines (of the text given to ``list_items``) that ``item`` spans."""
    size = 0 if not item.body else item.body.count("\n") + 1
    return range(item.line, item.line + 1 + size)


def _item_value(item: Item, pair: tuple[str, str]) -> str:
    return pair[1] if not item.body else (pair[1] + "\n" + item.body).lstrip("\n")


def _labels(
    text: str, table: Mapping[str, Sequence[str]], *, in_order: bool = False
) -> tuple[dict[str, str], dict[str, Item], str]:
    """Label items of the first list of ``text`` (``in_order``: up to its first item of no field of
    ``table``): (field -> value, field -> item, the text left over)."""
    index = label_index(table)
    values: dict[str, str] = {}
    items: dict[str, Item] = {}
    used: set[int] = set()
    for item in list_items(text):
        pair = label_value(item.text)
        name = None if pair is None else index.get(pair[0].casefold())
        if pair is None or name is None or name in values:
            if in_order:
                # An item block's writer puts the text left over after its labels: a label below an item
                # of the author's own (``- **New actions:**`` between New fields and Migration notes)
                # stays below it, as text, else every conversion written from the fields moved it up.
                break
            continue
        values[name] = _item_value(item, pair)
        items[name] = item
        used.update(_item_lines(item))
    lines = text.split("\n")
    rest = strip_blank("\n".join(line for number, line in enumerate(lines) if number not in used))
    return values, items, rest


def _split_fence(text: str) -> tuple[str, str, str]:
    """(the info string and the content of the first fenced code block of
    ``text``, ``text`` without that block)."""
    lines = text.split("\n")
    for start, line in enumerate(lines):
        opening = FENCE_OPEN.match(line)
        if opening is None:
            continue
        marker = opening.group(1)
        closing = re.compile(r"^ {0,3}" + re.escape(marker[0]) + "{" + str(len(marker)) + r",}[ \t]*$")
        for end in range(start + 1, len(lines)):
            if closing.match(lines[end]):
                info = line[opening.end() :].strip()
                return info, "\n".join(lines[start + 1 : end]), "\n".join(lines[:start] + lines[end + 1 :])
        return "", "", text
    return "", "", text


def _change_type(default: str, values: Mapping[str, str]) -> str:
    """A block's change type: its ``Change type`` item, else its subsection's."""
    return values.get("change_type", default)


# The template's titles of the New and Modified subsections, by key (as templates/maestro.md.j2 writes them,
# numbers aside). Not New Components: it shares its key with its section (``2. Component Design``), whose
# heading that key's is.
BLOCK_TITLES = {
    "architecture.components.modified": "2.2 Modified Components",
    "data_model.entities": "3.1 New Entities",
    "data_model.entities.modified": "3.2 Modified Entities",
    "api.endpoints": "4.1 New Endpoints/Methods",
    "api.endpoints.modified": "4.2 Modified Endpoints",
}


def _label_item(label: str, value: str) -> str:
    r"""A block's label line (``- **Purpose:** value``), its value's lines under it indented as Jinja2's ``indent``
    indents them. A value opening with a list (bulleted or numbered) starts on the line below its label, as a
    list does. (Called for every label of every block: as a template macro, a tenth of the writing.)

    >>> _label_item("Tasks", "1. One\n2. Two"), _label_item("Risk", "")
    ('- **Tasks:**\n  1. One\n  2. Two\n', '- **Risk:**\n')
    """
    if not value:
        return "- **" + label + ":**\n"
    first = value.split(" ", 1)[0]
    listed = value.startswith(("- ", "* ", "+ ")) or (" " in value and first[:-1].isdigit() and first[-1:] in ".)")
    return "- **" + label + ":**" + ("\n  " if listed else " ") + jinja2.filters.do_indent(value, 2) + "\n"


def _label_lines(
    block: Component | Entity | Endpoint,
    kind: Sequence[tuple[str, str]],
    other: Sequence[tuple[str, str]],
    section: str,
    mine: bool = False,
) -> str:
    """A block's label lines (``_label_item``): those of its ``kind``'s labels (New or Modified) that it fills, less
    a placeholder (``{...}``) where the block is the author's (``mine``); those of the ``other`` kind's that hold
    content, not a placeholder ``fill`` took from the template; its change type where it is not its ``section``'s."""
    lines = []
    for label, field in kind:
        value = getattr(block, field)
        if value and not (mine and value.startswith("{") and value.endswith("}")):
            lines.append(_label_item(label, value))
    for label, field in other:
        value = getattr(block, field)
        if value and not (value.startswith("{") and value.endswith("}")):
            lines.append(_label_item(label, value))
    if block.change_type != section:
        lines.append(_label_item("Change type", block.change_type))
    return "".join(lines)


def _block_body(lines: str, notes: str) -> str:
    """A block's body: its label ``lines``, then the author's ``notes``; notes that continue the label list
    (``- **New actions:**``) continue it, as read."""
    if notes:
        lines += ("" if lines.strip() and notes.startswith("- ") else "\n") + notes
    return lines.strip("\n")


def _block_after(body: str, lines: str, rest: str) -> str:
    """A block's ``body`` and then ``rest`` (the sections placed after it), a list continuing a body that ends
    with its label ``lines`` continuing it."""
    if not body:
        return rest
    return body + ("\n" if lines and body.endswith(lines) and rest.startswith("- ") else "\n\n") + rest


def _first_modified(blocks: Sequence[Component | Entity | Endpoint]) -> int:
    """The place of the first Modified block (its change type starts with "Modified": "Modified (split in two)"),
    where the Modified subsection starts; the number of blocks for none."""
    modified = (at for at, block in enumerate(blocks) if block.change_type.casefold().split()[:1] == ["modified"])
    return next(modified, len(blocks))


def _block_title(plan: Plan, key: str, own: str) -> str:
    """The title the writer gives the New or Modified subsection of ``key`` (``api.endpoints.modified``): the
    author's (``plan.headings``) when the reader takes it as that subsection again, else the template's ``own``.

    >>> plan = Plan(headings=(Labeled(label="api.endpoints.modified", value="4.2 Modified Methods"),))
    >>> _block_title(plan, "api.endpoints.modified", "4.2 Modified Endpoints")
    '4.2 Modified Methods'
    >>> _block_title(Plan(headings=(Labeled(label="api.endpoints", value="API"),)), "api.endpoints", "4.1 New")
    '4.1 New'
    """
    authored = next((heading.value for heading in plan.headings if heading.label == key), None)
    aliases = {"architecture": COMPONENTS, "data_model": DATA_MODEL, "api": API}[key.partition(".")[0]]
    return authored if authored is not None and alias_key(normalize_title(authored), aliases) == key else own


# A numbered subsection heading: ``### 1.3 Key Design Decisions`` (its section's number, its own, its words).
_SUBSECTION = re.compile(r"^### (\d+)\.(\d+) (\S.*)$")
# A numbered section heading: ``## 1. Architecture Overview``.
_SECTION = re.compile(r"^## (\d+)\. ")


@functools.cache
def _template_subsections() -> frozenset[tuple[str, str]]:
    """The numbered subsections of the blank template, as (its section's number, its words):
    ``("1", "Key Design Decisions")``."""
    found = (_SUBSECTION.match(line) for line in template_text("maestro").split("\n"))
    return frozenset((match.group(1), match.group(3)) for match in found if match is not None)


def _template_subsection(title: str) -> bool:
    """Whether ``title`` is a subsection heading of the template under another number in the same
    section (``1.2 Key Design Decisions`` for the template's ``1.3``): the template's own heading,
    numbered as it stands after a subsection before it was left out, not the author's.

    >>> [_template_subsection(title) for title in ("1.2 Key Design Decisions", "1.3 Key Design Decisions")]
    [True, False]
    >>> _template_subsection("2.2 Key Design Decisions")
    False
    """
    match = _SUBSECTION.match("### " + title)
    # The template's own numbering is what the format's own headings hold (``own_headings``), read as they are.
    return (
        match is not None
        and (match.group(1), match.group(3)) in _template_subsections()
        and "\n### " + title + "\n" not in template_text("maestro")
    )


def _renumbered(text: str) -> str:
    r"""``text`` (a plan written in maestro) with the template's own subsections of each numbered section
    counted 1.1, 1.2... in the order they stand among its numbered subsections (after a sample of the
    template was cut from between them); a numbered subsection of the author's keeps its number, and
    counts. Lines in code fences stay.

    >>> _renumbered("## 1. Architecture Overview\n### 1.1 High-Level Design\n### 1.3 Key Design Decisions")
    '## 1. Architecture Overview\n### 1.1 High-Level Design\n### 1.2 Key Design Decisions'
    >>> _renumbered("## 1. A\n### 1.1 High-Level Design\n### 1.7 Mine\n### 1.5 Key Design Decisions").split("\n")[2:]
    ['### 1.7 Mine', '### 1.3 Key Design Decisions']
    """
    section = ""
    count = 0

    def renumber(line: str) -> str:
        nonlocal section, count
        top = _SECTION.match(line)
        if top is not None:
            section, count = top.group(1), 0
            return line
        match = _SUBSECTION.match(line)
        if match is None or match.group(1) != section:
            return line
        count += 1
        if (match.group(1), match.group(3)) not in _template_subsections():
            return line
        return f"### {section}.{count} {match.group(3)}"

    return outside_fences(text, renumber)


class _Reader:
    def __init__(self) -> None:
        self.sections = Sections()
        self.claimed: set[str] = set()

    def match(
        self,
        nodes: Iterable[Node],
        aliases: Aliases,
        *,
        repeat: Iterable[str] = (),
        shapes: Mapping[str, Shape] | None = None,
        accept: Mapping[str, Shape] | None = None,
    ) -> dict[str, list[Node]]:
        """``Sections.match`` that also keeps a second section of a key matched in another part."""
        repeatable = set(repeat)
        wanted = []
        for node in nodes:
            key = alias_key(node.key, aliases)
            if key is not None and key in self.claimed and key not in repeatable:
                self.sections.keep(node)
            else:
                wanted.append(node)
        unclaimed = {key: shape for key, shape in (shapes or {}).items() if key not in self.claimed}
        found = self.sections.match(wanted, aliases, repeat=repeatable, shapes=unclaimed, accept=accept)
        self.claimed.update(key for key in found if key not in repeatable)
        return found

    def keep_all(self, nodes: Iterable[Node]) -> None:
        for node in nodes:
            self.sections.keep(node)


def _blocks(parts: Mapping[str, list[Node]], key: str) -> list[tuple[str, Node]]:
    """The blocks (``####`` sections) under the "New" and "Modified" subsections of ``key``, in
    document order, with the kind their subsection gives."""
    groups = [(KINDS[name], node) for name in (key, key + ".modified") for node in parts.get(name, [])]
    return [(kind, child) for kind, node in sorted(groups, key=lambda pair: pair[1].start) for child in node.children]


# A block (a component, entity or endpoint) is read of its heading, its content and the kind its subsection
# gives alone, tidy (as the plan will be: ``tidy`` works value by value, so the plan's leaves it as it is).


def _component(title: str, content: str, default: str) -> Component:
    name = strip_title(title, _COMPONENT_TITLE)
    values, _items, rest = _labels(_clean(content), COMPONENT_LABELS, in_order=True)
    notes = rest or values.get("notes", "")
    fields = {key: value for key, value in values.items() if key not in ("notes", "change_type")}
    change_type = _change_type(default, values)
    return tidied(Component(name=name, change_type=change_type, notes=notes, **fields))


def _entity(title: str, content: str, default: str) -> tuple[Entity, str]:
    """The entity of a block, and the block's text that no label holds."""
    name = strip_title(title, _ENTITY_TITLE)
    language, schema, rest = _split_fence(_clean(content))
    values, _items, left = _labels(rest, ENTITY_LABELS, in_order=True)
    fields = {key: value for key, value in values.items() if key != "change_type"}
    change_type = _change_type(default, values)
    entity = Entity(name=name, change_type=change_type, schema=schema, schema_language=language, **fields)
    return tidied(entity), left


def _endpoint(title: str, content: str, default: str) -> tuple[Endpoint, str]:
    """The endpoint of a block, and the block's text that no label holds."""
    values, _items, left = _labels(_clean(content), ENDPOINT_LABELS, in_order=True)
    if "method" in values:
        method, path = values.pop("method"), title
    else:
        first, _, remainder = title.partition(" ")
        if first.upper() in HTTP_METHODS or first == METHOD_PLACEHOLDER:
            method, path = first, remainder.strip()
        else:
            method, path = "", title
    fields = {key: value for key, value in values.items() if key != "change_type"}
    change_type = _change_type(default, values)
    return tidied(Endpoint(method=method, path=path, change_type=change_type, **fields)), left


def _phase(heading: str, body: str) -> tuple[Phase, str]:
    """The phase of a section headed ``heading`` over ``body``, tidy (as the plan will be: ``tidy`` works
    value by value, so the plan's leaves it as it is), and its text that no label holds."""
    values, items, left = _labels(_clean(body), PHASE_LABELS)
    tasks: tuple[Task, ...] = ()
    if "tasks" in items:
        item = items["tasks"]
        pair = label_value(item.text)
        nested = list_items(item.body) if item.body else []
        if nested and pair is not None and not pair[1]:
            tasks = tuple(Task(text=_nested_text(entry)) for entry in nested)
        elif values["tasks"]:
            tasks = (Task(text=values["tasks"]),)
    deliverables: tuple[Task, ...] = ()
    if "deliverables" in items:
        item = items["deliverables"]
        pair = label_value(item.text)
        nested = list_items(item.body) if item.body else []
        if nested and pair is not None and not pair[1] and pair[0].casefold().endswith("s"):
            deliverables = tuple(Task(text=_nested_text(entry)) for entry in nested)
        elif values["deliverables"]:
            deliverables = (Task(text=values["deliverables"]),)
    title, done = cut_done(heading)
    name, number = phase_title(title, _PHASE_TITLE)
    phase = Phase(
        name=name,
        number=number,
        done=done,
        goal=values.get("goal", ""),
        dependencies=values.get("dependencies", ""),
        estimate=values.get("estimate", ""),
        priority=values.get("priority", ""),
        tasks=tasks,
        deliverables=deliverables,
    )
    return tidied(phase), left


def _nested_text(item: Item) -> str:
    return item.text if not item.body else item.text + "\n" + item.body


def _metadata(text: str) -> tuple[dict[str, str], str]:
    """Metadata label lines of the preamble, and the rest of it (rules dropped)."""
    index = label_index(METADATA_LABELS)
    found: dict[str, str] = {}
    rest = []
    for line in text.split("\n"):
        pair = label_value(line.rstrip())
        name = index.get(pair[0].casefold()) if pair is not None else None
        if pair is not None and name is not None and name not in found:
            found[name] = pair[1]
        elif not _RULE_LINE.match(line):
            rest.append(line)
    return found, strip_blank("\n".join(rest))


# The sections read of their own text alone: their intro kept in its place, their sub-sections matched among
# themselves (keys no other section's sub-sections take), what they keep placed after their own keys.
_LOCAL = frozenset({"architecture", "testing"})
# The key of a sub-section that the Architecture Overview, the Component Design or the Data Model takes, the
# first read claiming it (``_Reader``; the Architecture Overview is read first), and whose text the first of them
# holding it gives (``flow``).
_SHARED = {"architecture.data_flow": ARCHITECTURE["architecture.data_flow"]}


def _local_section(node: Node, siblings: Sequence[Node]) -> bool:
    """``Format.local_section``: a section read alone (``_read_alone``) followed by no section or by one
    ``Sections.match`` takes for sure (the only one of its field by its title, which its fit, if any, takes by its
    own text): what the author keeps after that is placed after it, not after the last of the section's sub-sections
    read."""
    keys = [alias_key(other.key, SECTIONS) for other in siblings]
    if not _read_alone(node, siblings, keys):
        return False
    after = next((at for at, other in enumerate(siblings) if other.start >= node.end), None)
    if after is None:
        return True
    key = keys[after]
    return key is not None and keys.count(key) == 1 and (key not in FITS or FITS[key](siblings[after]))


def _local_before_last(node: Node, siblings: Sequence[Node]) -> bool:
    """``Format.local_before_last``: a section read alone (``_read_alone``), whatever follows it: what the author
    keeps after it is placed after its last sub-section (taken, its field; kept, where that sub-section is
    placed, which the section read alone tells)."""
    return _read_alone(node, siblings, [alias_key(other.key, SECTIONS) for other in siblings])


def _read_alone(node: Node, siblings: Sequence[Node], keys: Sequence[str | None]) -> bool:
    """Whether ``node`` is a section of ``_LOCAL``'s by its title, the only one of its field among ``siblings``
    (of fields ``keys``: the reader's first match gives it that field by its title whatever the others are; no
    shape or fit for it), with no sub-section of a key another section's may take (``_SHARED``): its sub-sections
    claim none, which the sections read after it would not take then, whatever it holds."""
    at = next((at for at, other in enumerate(siblings) if other is node), None)
    if at is None or keys[at] not in _LOCAL or keys.count(keys[at]) > 1:
        return False
    return not any(alias_key(child.key, _SHARED) is not None for child in node.children)


def _read(text: str) -> Plan:
    doc = outline(text)
    reader = _Reader()
    sections = reader.sections
    title = ""
    nodes = list(doc.roots)
    front = doc.preamble
    before = ""
    if nodes and nodes[0].level == 1:
        title = strip_title(nodes[0].title, _TITLE).rstrip()
        sections.mark(nodes[0], "")
        # Text before the title (front matter, say) goes back before it.
        before, front = strip_blank(front), nodes[0].body
        nodes = nodes[0].children + nodes[1:]
    meta, unknown = _metadata(front)
    found = reader.match(nodes, SECTIONS, shapes=SHAPES, accept=FITS)

    def body(key: str) -> str:
        return prose(_clean(found[key][0].body)) if key in found else ""

    def children(
        key: str,
        aliases: Aliases,
        *,
        repeat: Iterable[str] = (),
        shapes: Mapping[str, Shape] | None = None,
        accept: Mapping[str, Shape] | None = None,
    ) -> dict[str, list[Node]]:
        if key not in found:
            return {}
        return reader.match(found[key][0].children, aliases, repeat=repeat, shapes=shapes, accept=accept)

    def text_of(parts: Mapping[str, list[Node]], key: str) -> str:
        return prose(_clean(parts[key][0].content)) if key in parts else ""

    def rows(parts: Mapping[str, list[Node]], key: str, columns: Mapping[str, Sequence[str]]) -> list[dict[str, str]]:
        """The rows of the table in ``key``'s section (``accept`` keeps one with other columns verbatim)."""
        if key not in parts:
            return []
        node = parts[key][0]
        found_table, rest = split_table(_clean(node.body))
        sections.loose(node.body_start, rest, key)
        reader.keep_all(node.children)
        return records(found_table, columns)

    def intro(node: Node, key: str) -> None:
        """Keep the text of ``node`` above its sub-sections, to go back right under its heading."""
        sections.loose(node.body_start, prose(_clean(node.body)), key + ".intro")

    for key in ("architecture", "architecture.components", "api", "phases"):
        if key in found:
            intro(found[key][0], key)

    def blocks(parts: Mapping[str, list[Node]], key: str) -> list[tuple[str, Node]]:
        for name in (key, key + ".modified"):
            for node in parts.get(name, []):
                intro(node, key + ".new" if name == key else name)
                # A title of the author's own ("4.1 New Methods") is the heading of its key (the first), which
                # the writer puts back; the template's own is left unrecorded, so no other format reads it as the
                # author's.
                own = BLOCK_TITLES.get(name)
                if own is not None and normalize_title(node.title) != normalize_title(own):
                    sections.mark(node, name, named=True)
        return _blocks(parts, key)

    architecture = children("architecture", ARCHITECTURE, shapes=ARCHITECTURE_SHAPES, accept=ARCHITECTURE_FITS)
    decisions = []
    for row in rows(architecture, "decisions", DECISION_COLUMNS):
        options = tuple(Option(name=name) for name in row.pop("options", "").split(", ") if name)
        decisions.append(Decision(options=options, **row))

    components = []
    parts = children("architecture.components", COMPONENTS, repeat=COMPONENTS)
    for kind, child in blocks(parts, "architecture.components"):
        sections.mark(child, "architecture.components")
        components.append(read_alike(_component, child.title, child.content, kind))

    model = children("data_model", DATA_MODEL, repeat=["data_model.entities", "data_model.entities.modified"])
    entities: list[Entity] = []
    for kind, child in blocks(model, "data_model.entities"):
        sections.mark(child, "data_model.entities")
        entity, rest = read_alike(_entity, child.title, child.content, kind)
        # Text of a block that no label holds goes back right after the block.
        sections.loose(child.body_start, rest, f"data_model.entities.{len(entities)}")
        entities.append(entity)

    endpoints: list[Endpoint] = []
    for kind, child in blocks(children("api", API, repeat=API), "api.endpoints"):
        sections.mark(child, "api.endpoints")
        endpoint, rest = read_alike(_endpoint, child.title, child.content, kind)
        sections.loose(child.body_start, rest, f"api.endpoints.{len(endpoints)}")
        endpoints.append(endpoint)

    phases: list[Phase] = []
    for node in children("phases", PHASES, repeat=["phases"]).get("phases", []):
        # The phase is read of these texts alone.
        phase, rest = read_alike(_phase, node.title, node.body)
        sections.loose(node.body_start, rest, f"phases.{len(phases)}")
        # A phase's own subsections (``#### Code: `rows.ts```) are sections of that phase, headings and all:
        # read into its loose text, they lost their heading to every format placing no text in a phase.
        sections.mark(node, f"phases.{len(phases)}")
        reader.keep_all(node.children)
        sections.close(node, "phases")
        phases.append(phase)

    testing = children("testing", TESTING)

    risks = tuple(Risk(**row) for row in rows(found, "risks", RISK_COLUMNS))

    questions: tuple[str, ...] = ()
    styles: tuple[Labeled, ...] = ()
    if "open_questions" in found:
        node = found["open_questions"][0]
        text = _clean(node.body)
        items = list_items(text)
        questions = tidy(tuple(_nested_text(item) for item in items))
        if items:
            styles = (Labeled(label="open_questions", value=items[0].marker),)
        used = {line for item in items for line in _item_lines(item)}
        # Text above the list is its intro, written above it again; the rest follows it.
        first = min(used, default=0)
        lines = text.split("\n")
        opening = strip_blank("\n".join(lines[:first]))
        rest = strip_blank(
            "\n".join(line for number, line in enumerate(lines) if number >= first and number not in used)
        )
        sections.loose(node.body_start, opening, "open_questions.intro")
        sections.loose(node.body_start + 1, rest, "open_questions")
        reader.keep_all(node.children)

    # The tree and its text; a subsection below it is the author's section after it (Spec Kit's Structure
    # Decision, carried): read into the tree, the tree would not read back as written.
    structure = body("file_structure")
    if "file_structure" in found:
        reader.keep_all(found["file_structure"][0].children)
    flow = next(filter(None, (text_of(found, "architecture.data_flow") for found in (architecture, parts, model))), "")
    extras = tuple(
        Section(
            heading=section.heading, level=section.level, body=strip_blank(_clean(section.body)), after=section.after
        )
        for section in sections.extras()
    )
    if unknown:
        extras = (Section(heading="", level=0, body=unknown, after=""), *extras)
    if before:
        extras = (Section(heading="", level=0, body=before, after=FRONT), *extras)
    # Each value tidy as made (``tidy`` of each, where a title or a list item may end in a blank): the plan is
    # not walked again by ``tidy``, which every reading of an output (several a conversion) would pay.
    return Plan(
        metadata=Metadata(title=title, **meta),
        architecture=Architecture(
            overview=text_of(architecture, "architecture.overview"),
            interactions=text_of(architecture, "architecture.interactions"),
            data_flow=flow,
            components=tuple(components),
        ),
        decisions=tuple(decisions),
        data_model=DataModel(overview=body("data_model"), entities=tuple(entities)),
        api=Api(endpoints=tuple(endpoints)),
        phases=tuple(phases),
        testing=Testing(
            strategy=body("testing"),
            unit=text_of(testing, "testing.unit"),
            integration=text_of(testing, "testing.integration"),
            e2e=text_of(testing, "testing.e2e"),
            test_data=text_of(testing, "testing.test_data"),
        ),
        risks=risks,
        open_questions=questions,
        file_structure=structure,
        extra_sections=extras,
        headings=tidy(sections.headings(lambda title: not _template_subsection(title))),
        list_styles=styles,
    )


_HOLDS = """
        metadata.title metadata.feature_id metadata.spec_path metadata.created metadata.status
        architecture.overview architecture.interactions architecture.data_flow
        architecture.components.name architecture.components.change_type
        architecture.components.responsibility architecture.components.technology
        architecture.components.location architecture.components.dependencies
        architecture.components.dependents architecture.components.current
        architecture.components.change architecture.components.risk architecture.components.notes
        decisions.title decisions.options.name decisions.choice decisions.rationale
        data_model.overview data_model.entities.name data_model.entities.change_type
        data_model.entities.schema data_model.entities.schema_language data_model.entities.current_fields
        data_model.entities.new_fields data_model.entities.migration_notes
        api.endpoints.method api.endpoints.path api.endpoints.change_type api.endpoints.description
        api.endpoints.auth api.endpoints.input api.endpoints.output api.endpoints.errors
        api.endpoints.current_behavior api.endpoints.new_behavior api.endpoints.breaking
        phases.name phases.number phases.done phases.goal phases.dependencies phases.estimate
        phases.priority phases.tasks.text phases.deliverables.text
        testing.strategy testing.unit testing.integration testing.e2e testing.test_data
        risks.risk risks.probability risks.impact risks.mitigation
        open_questions file_structure extra_sections
        """


MAESTRO = Format(
    name="maestro",
    description="spec-maestro plan: numbered sections, component/entity blocks, phases with goal/tasks/deliverable",
    tool="spec-maestro",
    origin="Tiagofv/spec-maestro, .maestro/templates/plan-template.md",
    layout="one plan.md per feature: .maestro/specs/NNN-feature/plan.md",
    read=_read,
    renumbered=_renumbered,
    local_section=_local_section,
    local_before_last=_local_before_last,
    writer_data={
        "block_title": _block_title,
        "item": _label_item,
        "labels": _label_lines,
        "block": _block_body,
        "after": _block_after,
        "split": _first_modified,
    },
    holds=frozenset(_HOLDS.split()),
    markers=(
        (line_mark("*", r"^\*\*Feature ID:\*\*"), 3.0),
        (line_mark("#", r"^#### Component: "), 2.0),
        (line_mark("#", r"^#### Entity: "), 1.5),
        (line_mark("#", r"^### \d+\.\d+ Key Design Decisions\s*$"), 1.5),
        (line_mark("#", r"^## \d+\. Architecture Overview\s*$"), 1.0),
        (line_mark("#", r"^## \d+\. Open Questions\s*$"), 1.0),
        (line_mark("-", r"^- \*\*Deliverable:\*\*"), 1.0),
        # Its header and phase labels translated (``_vocabulary``): its shape when no heading is English.
        (line_mark("*", "^" + label_mark("feature_id", ("feature id",))), 3.0),
        (line_mark("-", "^- " + label_mark("deliverable", ("deliverable",))), 1.0),
        (line_mark("#", rf"^#### (?i:{alternation(LABELS['component'])})[ \t]*[:\uff1a]"), 2.0),
        (line_mark("#", rf"^#### (?i:{alternation(LABELS['entity'])})[ \t]*[:\uff1a]"), 1.5),
    ),
)
