"""The ``smartspec`` format: SmartSpec Pro's plan template (reader; the writer is
``templates/smartspec.md.j2``)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence

from .._format import Format, line_mark
from .._markdown import Item, Node, fenced, label_value, normalize_title, outline, outline_without
from .._model import (
    Api,
    ApiExample,
    Architecture,
    Component,
    DataModel,
    Decision,
    Dependency,
    Endpoint,
    Metadata,
    Option,
    Phase,
    Plan,
    Task,
    Testing,
)
from .._reading import (
    FENCE_OPEN,
    FRONT,
    Aliases,
    Block,
    Sections,
    Shape,
    alias_key,
    blocks,
    check_mark,
    cut_done,
    fits_table,
    headings_shape,
    item_label,
    item_value,
    label_index,
    one_line_items,
    phase_title,
    prose,
    read_alike,
    rest,
    strip_title,
    table_shape,
    tasks,
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

__all__ = ["SMARTSPEC"]

SECTIONS = {
    "summary": [r"executive summary", r"summary", r"overview", heading_pattern("summary")],
    "architecture": [r"architecture(?: overview)?", heading_pattern("architecture")],
    "decisions": [r"technical decisions", r"decisions", r"key decisions", heading_pattern("decisions")],
    "api": [r"api design", r"api", r"api contracts", heading_pattern("api")],
    "data_model": [
        r"database schema",
        r"data model",
        r"database",
        heading_pattern("data_model"),
        heading_pattern("database_schema"),
    ],
    "file_structure": [
        r"file structure",
        r"project structure",
        heading_pattern("file_structure"),
        heading_pattern("project_structure"),
    ],
    "dependencies": [r"dependencies", heading_pattern("dependencies")],
    "testing": [r"testing strategy", r"testing", r"test plan", heading_pattern("testing")],
    "phases": [r"rollout plan", r"implementation phases", r"phases", heading_pattern("phases")],
    "rollback": [r"rollback plan", r"rollback", heading_pattern("rollback")],
}
ARCHITECTURE = {
    "architecture.overview": [r"system context", r"high-level design", r"overview"],
    "architecture.components": [r"component design", r"components", heading_pattern("component_design")],
    "architecture.data_flow": [r"data flow"],
}
# A decision's heading, its word in English or translated (``决策 1``, as a normalized title).
DECISIONS = {
    "decisions": [
        r"decision(?: \w+)?(?: .*)?",
        "(?:"
        + "|".join(sorted({normalize_title(word) for word in label_words("decision")}, key=len, reverse=True))
        + r") ?\d+(?: .*)?",
    ]
}
API = {
    "api.endpoints": [r"endpoints", heading_pattern("endpoints")],
    "api.examples": [r"request/response examples", r"examples", heading_pattern("api_examples")],
}
DATA_MODEL = {
    "data_model.schema": [r"new tables", r"schema", r"tables", heading_pattern("new_tables")],
    "data_model.migrations": [r"migrations", heading_pattern("database_migrations")],
}
DEPENDENCIES = {
    "dependencies": [r"new dependencies", r"external dependencies", heading_pattern("external_dependencies")],
    "internal_dependencies": [
        r"existing dependencies used",
        r"existing dependencies",
        r"internal dependencies",
        heading_pattern("internal_dependencies"),
    ],
}
TESTING = {
    "testing.unit": [r"unit tests?", heading_pattern("unit_tests")],
    "testing.integration": [r"integration tests?", heading_pattern("integration_tests")],
    "testing.e2e": [r"e2e tests?", r"end-to-end tests?", heading_pattern("e2e_tests")],
}
PHASES = {"phases": [r"phase \w+(?: .*)?", PHASE_HEADING]}

# Every heading alias table, by the keys of the sections it is under (() for the top level).
HEADINGS: dict[tuple[str, ...], Aliases] = {
    (): SECTIONS,
    ("architecture",): ARCHITECTURE,
    ("decisions",): DECISIONS,
    ("api",): API,
    ("data_model",): DATA_MODEL,
    ("dependencies",): DEPENDENCIES,
    ("testing",): TESTING,
    ("phases",): PHASES,
}

COMPONENT_COLUMNS = {
    "name": ["component", *label_words("component")],
    "responsibility": ["responsibility", *label_words("purpose")],
    "technology": ["technology", *label_words("technology")],
    "notes": ["notes", *label_words("notes")],
}
ENDPOINT_COLUMNS = {
    "method": ["method", *label_words("method")],
    "path": ["path", *label_words("path")],
    "description": ["description", *label_words("description")],
    "auth": ["auth", *label_words("auth")],
}
DEPENDENCY_COLUMNS = {
    "name": ["package", "dependency", *label_words("dependency")],
    "version": ["version", *label_words("version")],
    "purpose": ["purpose", *label_words("purpose")],
}
DECISION_LABELS = {
    "context": ["context", *label_words("context")],
    "options": ["options considered", "options", *label_words("options")],
    "choice": ["decision", "choice", *label_words("decision")],
    "rationale": ["rationale", *label_words("rationale")],
}
PHASE_LABELS = {
    "estimate": ["duration", *label_words("estimate")],
    "priority": ["priority", *label_words("priority")],
    "dependencies": ["dependencies", "depends on", *label_words("dependencies")],
    "description": ["activities", *label_words("activities")],
    "goal": ["objective", "goal", *label_words("goal")],
    # Not the template's, but its labelled-bullet shape: what a phase delivers, a list under the label.
    "deliverables": ["deliverables", "deliverable", *label_words("deliverable")],
}

# Sections known by their shape when their title matches no alias (a translated heading).
SHAPES: Mapping[str, Shape] = {"decisions": headings_shape(DECISIONS), "phases": headings_shape(PHASES)}
ARCHITECTURE_SHAPES: Mapping[str, Shape] = {"architecture.components": table_shape(COMPONENT_COLUMNS)}
API_SHAPES: Mapping[str, Shape] = {"api.endpoints": table_shape(ENDPOINT_COLUMNS)}
DEPENDENCY_SHAPES: Mapping[str, Shape] = {"dependencies": table_shape(DEPENDENCY_COLUMNS)}
# A table with a column no field reads is kept verbatim rather than taken in.
ARCHITECTURE_FITS: Mapping[str, Shape] = {"architecture.components": fits_table(COMPONENT_COLUMNS)}
API_FITS: Mapping[str, Shape] = {"api.endpoints": fits_table(ENDPOINT_COLUMNS)}
DEPENDENCY_FITS: Mapping[str, Shape] = {"dependencies": fits_table(DEPENDENCY_COLUMNS)}

_TITLE = re.compile(rf"^(?:Implementation Plan:|(?i:{title_words()})[ \t]*[:\uff1a])[ \t]*(.*)$")
_DECISION_TITLE = re.compile(
    rf"^(?:Decision(?:[ \t]+\w+)?:|(?i:{alternation(LABELS['decision'])})[ \t]*\d+[ \t]*[:\uff1a.\-\u2013\u2014])"
    r"[ \t]*(.*)$"
)
_PHASE_TITLE = re.compile(r"^(?:Phase[ \t]+\w+:[ \t]*|" + PHASE_PREFIX + r")(.*)$")
# Trailing blanks on a line are layout: the fixed lines match with or without them. Either line
# alone is the footer too (``*Generated by SmartSpec Pro*`` with no date, a date with no tool line).
_FOOTER = re.compile(
    r"\n[ \t]*---[ \t]*\n(?:[ \t]*\n)+(?=\*(?:Generated by SmartSpec Pro|Last Updated:))"
    r"(?:\*Generated by SmartSpec Pro(?: - Kilo Architect Mode)?\*[ \t]*(?:\n|$))?"
    r"(?:\*Last Updated: (?P<updated>.*)\*[ \t]*\n?)?$"
)
# The labels in English as the template writes them, or translated (colon ASCII or full-width, inside the
# bold or after it).
_EXAMPLE = re.compile(
    r"^\*\*(?:Request:\*\*|" + label_mark("request")[4:] + r")[ \t]*\n(?P<request>.*?)\n(?:[ \t]*\n)*"
    r"\*\*(?:Response:\*\*|" + label_mark("response")[4:] + r")[ \t]*\n(?P<response>.*)$",
    re.DOTALL,
)


def _decision(title: str, body: str) -> tuple[Decision, str]:
    """The decision of a section headed ``title`` over ``body``, tidy (as the plan will be), and its text
    that no label holds."""
    index = label_index(DECISION_LABELS)
    values: dict[str, str] = {}
    options: list[Option] = []
    taken: list[Block] = []
    left: list[str] = []
    for block in blocks(body):
        pair = item_label(block.item.text) if block.item is not None else None
        name = index.get(pair[0].casefold()) if pair is not None else None
        if block.item is None or pair is None or name is None or name in values:
            continue
        taken.append(block)
        if name == "options":
            values[name] = ""
            found, other = _options(block.item.body)
            options.extend(found)
            # An option list's intro (a value after the label) has no field but is kept.
            left.extend(text for text in (pair[1].strip(), other) if text)
        else:
            values[name] = item_value(block.item, pair[1])
    decision = Decision(
        title=strip_title(title, _DECISION_TITLE),
        context=values.get("context", ""),
        options=tuple(options),
        choice=values.get("choice", ""),
        rationale=values.get("rationale", ""),
    )
    return tidied(decision), "\n\n".join(part for part in (rest(body, taken), *left) if part)


def _options(text: str) -> tuple[list[Option], str]:
    """The ``name - notes`` items of an options list, and the rest of ``text``."""
    options = []
    taken = []
    for block in blocks(text):
        if block.item is not None and not block.item.body:
            name, _, notes = block.item.text.partition(" - ")
            options.append(Option(name=name, notes=notes))
            taken.append(block)
    return options, rest(text, taken)


def _phase(title: str, body: str) -> tuple[Phase, str]:
    """The phase of a section headed ``title`` over ``body``, tidy (as the plan will be: ``tidy`` works
    value by value, so the plan's leaves it as it is), and its text that no field holds. Its
    labelled lines (``- Duration:``, ``**Objective**:``) fill their fields,
    its list items are its tasks (a check mark giving their state)."""
    index = label_index(PHASE_LABELS)
    values: dict[str, str] = {}
    items: list[Item] = []
    deliverables: tuple[Task, ...] = ()
    taken: list[Block] = []
    for block in blocks(body):
        if block.item is None:
            lines = body.split("\n")[block.start : block.end]
            pair = label_value(lines[0])
            name = index.get(pair[0].casefold()) if pair is not None else None
            # Of the labels, a paragraph gives only the goal (``**Objective**: ...``), wrapped over
            # its lines; a paragraph going on with another label or a fence is the author's text.
            wrapped = all(label_value(line) is None and not FENCE_OPEN.match(line) for line in lines[1:])
            if name == "goal" and name not in values and pair is not None and wrapped:
                values[name] = "\n".join([pair[1], *lines[1:]])
                taken.append(block)
            continue
        pair = item_label(block.item.text) if check_mark(block.item.text) is None else None
        name = index.get(pair[0].casefold()) if pair is not None else None
        if pair is not None and name == "deliverables" and name not in values:
            values[name] = ""
            deliverables = _deliverables(block.item, pair[1])
        elif pair is not None and name is not None and name not in values:
            values[name] = item_value(block.item, pair[1])
        else:
            items.append(block.item)
        taken.append(block)
    heading, done = cut_done(title)
    name, number = phase_title(heading, _PHASE_TITLE)
    phase = Phase(
        name=name,
        number=number,
        done=done,
        goal=values.get("goal", ""),
        estimate=values.get("estimate", ""),
        priority=values.get("priority", ""),
        dependencies=values.get("dependencies", ""),
        description=values.get("description", ""),
        tasks=tasks(items),
        deliverables=deliverables,
    )
    return tidied(phase), rest(body, taken)


def _deliverables(item: Item, value: str) -> tuple[Task, ...]:
    """A phase's ``- Deliverables:`` item as its deliverables: each item of the list under it (a check mark
    giving its state), else the text on and under its line as one."""
    found = blocks(item.body) if not value.strip() else []
    if found and all(block.item is not None for block in found):
        return tasks(block.item for block in found if block.item is not None)
    text = item_value(item, value).strip()
    return (Task(text=text),) if text else ()


# The sections read of their own text alone: their intro kept in its place, their sub-sections matched among
# themselves, what they keep placed after their own keys (no item of theirs numbered or closed as phases are).
_LOCAL = frozenset({"architecture", "api", "data_model", "dependencies", "testing"})


def _local_section(node: Node, siblings: Sequence[Node]) -> bool:
    """``Format.local_section``: a section read alone (``_read_alone``) followed by no section or by one
    ``Sections.match`` takes for sure (the only one of its field by its title): what the author keeps after
    that is placed after it, not after the last of the section's sub-sections read."""
    keys = [alias_key(other.key, SECTIONS) for other in siblings]
    if not _read_alone(node, siblings, keys):
        return False
    after = next((at for at, other in enumerate(siblings) if other.start >= node.end), None)
    return after is None or (keys[after] is not None and keys.count(keys[after]) == 1)


def _local_before_last(node: Node, siblings: Sequence[Node]) -> bool:
    """``Format.local_before_last``: a section read alone (``_read_alone``), whatever follows it: what the author
    keeps after it is placed after its last sub-section (taken, its field; kept, where that sub-section is
    placed, which the section read alone tells)."""
    return _read_alone(node, siblings, [alias_key(other.key, SECTIONS) for other in siblings])


def _read_alone(node: Node, siblings: Sequence[Node], keys: Sequence[str | None]) -> bool:
    """Whether ``node`` is a section of ``_LOCAL``'s by its title, the only one of its field among ``siblings``
    (of fields ``keys``: ``Sections.match`` gives it that field by its title whatever the others are; no shape
    or fit for it at the top level)."""
    at = next((at for at, other in enumerate(siblings) if other is node), None)
    return at is not None and keys[at] in _LOCAL and keys.count(keys[at]) == 1


def _read(text: str) -> Plan:
    footer = _FOOTER.search(text)
    updated = ""
    if footer is not None:
        updated = footer.group("updated") or ""
        # Derived from the text's own outline (outline_without), which the writer's retitling has read.
        doc = outline_without(text, footer.start() + 1, len(text))
        # The text up to the footer's rule (``text[: footer.start()] + "\n"``), not a second copy of it.
        text = doc.text
    else:
        doc = outline(text)
    sections = Sections()
    # Text before the title (front matter, say) goes back before it.
    sections.loose(0, prose(doc.preamble), FRONT)
    title = ""
    nodes = doc.roots
    if nodes and nodes[0].level == 1:
        head = nodes[0]
        title = strip_title(head.title, _TITLE)
        sections.mark(head, "")
        sections.loose(head.body_start, prose(head.body), "")
        nodes = head.children + nodes[1:]
    found = sections.match(nodes, SECTIONS, shapes=SHAPES)

    def one(key: str) -> str:
        return prose(sections.leaf(found[key][0]).body) if key in found else ""

    def container(
        key: str,
        aliases: Aliases,
        *,
        repeat: Iterable[str] = (),
        shapes: Mapping[str, Shape] | None = None,
        accept: Mapping[str, Shape] | None = None,
    ) -> dict[str, list[Node]]:
        """The sub-sections of ``key``'s section by key; the text above them is kept in its place."""
        if key not in found:
            return {}
        node = found[key][0]
        sections.loose(node.body_start, prose(node.body), key + ".intro")
        if key in aliases:
            # A sub-section of the same key (Dependencies, New Dependencies): what stands above it
            # is the intro's, not the sub-section's, whose place is after its table.
            sections.mark(node, key + ".intro")
        return sections.match(node.children, aliases, repeat=repeat, shapes=shapes, accept=accept)

    def part(parts: Mapping[str, list[Node]], key: str) -> str:
        return prose(sections.leaf(parts[key][0]).body) if key in parts else ""

    parts = container("architecture", ARCHITECTURE, shapes=ARCHITECTURE_SHAPES, accept=ARCHITECTURE_FITS)
    architecture = Architecture(
        overview=part(parts, "architecture.overview"),
        components=sections.table(parts, "architecture.components", COMPONENT_COLUMNS, Component),
        data_flow=part(parts, "architecture.data_flow"),
    )

    decisions = []
    for index, node in enumerate(container("decisions", DECISIONS, repeat=["decisions"]).get("decisions", [])):
        sections.leaf(node)
        # The decision is read of these texts alone.
        decision, left = read_alike(_decision, node.title, node.body)
        # Text of a decision that no label holds goes back right after it.
        sections.loose(node.body_start, left, f"decisions.{index}")
        decisions.append(decision)

    parts = container("api", API, shapes=API_SHAPES, accept=API_FITS)
    endpoints = sections.table(parts, "api.endpoints", ENDPOINT_COLUMNS, Endpoint)
    examples = []
    if "api.examples" in parts:
        group = parts["api.examples"][0]
        sections.loose(group.body_start, prose(group.body), "api.examples.intro")
        for node in group.children:
            sections.mark(node, "api.examples")
            match = _EXAMPLE.match(prose(node.body))
            request = fenced(match.group("request")) if match is not None else None
            response = fenced(match.group("response")) if match is not None else None
            if request is None or response is None:
                sections.keep(node)
                continue
            sections.leaf(node)
            examples.append(ApiExample(name=node.title, request=request[1], response=response[1], language=request[0]))
    api = Api(endpoints=endpoints, examples=tuple(examples))

    parts = container("data_model", DATA_MODEL)
    schema = part(parts, "data_model.schema")
    block = fenced(schema)
    data_model = DataModel(
        schema=block[1] if block is not None else schema,
        schema_language=block[0] if block is not None else "",
        migrations=part(parts, "data_model.migrations"),
    )

    parts = container("dependencies", DEPENDENCIES, shapes=DEPENDENCY_SHAPES, accept=DEPENDENCY_FITS)
    dependencies = sections.table(parts, "dependencies", DEPENDENCY_COLUMNS, Dependency)
    internal: tuple[str, ...] = ()
    if "internal_dependencies" in parts:
        node = sections.leaf(parts["internal_dependencies"][0])
        internal, left = one_line_items(node.body)
        sections.loose(node.body_start, left, "internal_dependencies")

    parts = container("testing", TESTING)
    testing = Testing(**{key.split(".")[1]: part(parts, key) for key in parts})

    phases = []
    for index, node in enumerate(container("phases", PHASES, repeat=["phases"]).get("phases", [])):
        # The phase's own subsections stay with it; what follows the last is after the phases.
        sections.mark(node, f"phases.{index}")
        sections.close(node, "phases")
        sections.leaf(node)
        # The phase is read of these texts alone.
        phase, left = read_alike(_phase, node.title, node.body)
        sections.loose(node.body_start, left, f"phases.{index}")
        phases.append(phase)

    # Each value tidy as made (``tidy`` of each that may not be; a list read alike and tidy is known so): the plan
    # is not walked again by ``tidy``, which every reading of an output (several a conversion) would pay.
    return Plan(
        metadata=tidy(Metadata(title=title, updated=updated)),
        summary=one("summary"),
        architecture=architecture,
        decisions=tuple(decisions),
        api=tidy(api),
        data_model=tidy(data_model),
        file_structure=one("file_structure"),
        dependencies=dependencies,
        internal_dependencies=tidy(internal),
        testing=testing,
        phases=tuple(phases),
        rollback=one("rollback"),
        extra_sections=sections.extras(),
        headings=tidy(sections.headings()),
    )


SMARTSPEC = Format(
    name="smartspec",
    description="SmartSpec Pro plan: executive summary, decision records, endpoint table, SQL schema",
    tool="SmartSpec Pro",
    origin="naibarn/SmartSpecPro, python-backend/app/templates/macro/plan.md",
    layout="one Markdown file per feature, written from SmartSpec Pro's macro plan.md template",
    read=_read,
    local_section=_local_section,
    local_before_last=_local_before_last,
    holds=frozenset(
        [
            "metadata.title",
            "metadata.updated",
            "summary",
            "architecture.overview",
            "architecture.data_flow",
            "architecture.components.name",
            "architecture.components.responsibility",
            "architecture.components.technology",
            "architecture.components.notes",
            "decisions.title",
            "decisions.context",
            "decisions.options.name",
            "decisions.options.notes",
            "decisions.choice",
            "decisions.rationale",
            "api.endpoints.method",
            "api.endpoints.path",
            "api.endpoints.description",
            "api.endpoints.auth",
            "api.examples.name",
            "api.examples.request",
            "api.examples.response",
            "api.examples.language",
            "data_model.schema",
            "data_model.schema_language",
            "data_model.migrations",
            "file_structure",
            "dependencies.name",
            "dependencies.version",
            "dependencies.purpose",
            "internal_dependencies",
            "testing.unit",
            "testing.integration",
            "testing.e2e",
            "phases.name",
            "phases.number",
            "phases.done",
            "phases.goal",
            "phases.estimate",
            "phases.priority",
            "phases.dependencies",
            "phases.description",
            "phases.tasks.text",
            "phases.tasks.done",
            "phases.deliverables.text",
            "phases.deliverables.done",
            "rollback",
            "extra_sections",
        ]
    ),
    markers=(
        (line_mark("#", r"^## Executive Summary\s*$"), 2.0),
        (line_mark("*", r"^\*Generated by SmartSpec"), 4.0),
        (line_mark("#", r"^### Decision \d+:"), 1.5),
        (line_mark("-", r"^- \*\*Options Considered:\*\*"), 1.5),
        (line_mark("#", r"^## Database Schema\s*$"), 1.0),
        (line_mark("#", r"^### Existing Dependencies Used\s*$"), 1.0),
        (line_mark("-", r"^- Activities:"), 1.0),
        (line_mark("#", r"^### System Context\s*$"), 1.0),
        # Its decisions and phases translated (``_vocabulary``): its shape when no heading is English.
        (line_mark("#", rf"^### (?i:{alternation(LABELS['decision'])})[ \t]*\d+[ \t]*[:\uff1a]"), 1.5),
        (line_mark("-", "^- " + label_mark("options", ("options considered", "options"))), 1.5),
        (line_mark("-", rf"^- (?i:{alternation(LABELS['activities'])})[ \t]*[:\uff1a]"), 1.0),
    ),
)
