"""The ``aadt`` format: the AI-assisted dev toolkit's feature plan (reader; the
writer is ``templates/aadt.md.j2``)."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

import attrs

from .._format import Format, line_mark
from .._markdown import Node, label_value, outline, outline_without, strip_blank
from .._model import (
    Architecture,
    Component,
    DataModel,
    Dependency,
    LogEntry,
    Metadata,
    Phase,
    Plan,
    Risk,
    Section,
    Step,
    Task,
    Testing,
    TimelineEntry,
)
from .._reading import (
    FRONT,
    Aliases,
    Sections,
    Shape,
    alias_key,
    blocks,
    cut_done,
    fits_table,
    headings_shape,
    holds_parts,
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
    unruled,
)
from .._vocabulary import (
    PHASE_HEADING,
    PHASE_PREFIX,
    heading_pattern,
    label_mark,
    label_words,
    step_words,
    title_words,
)

__all__ = ["AADT"]

# Heading aliases (normalized titles, full matches), by field key.
SECTIONS = {
    "summary": [r"overview", r"summary", r"executive summary", heading_pattern("summary")],
    "prerequisites": [r"prerequisites", r"pre-requisites", r"before you start", heading_pattern("prerequisites")],
    "architecture": [r"architecture(?: overview)?", r"technical design", r"design", heading_pattern("architecture")],
    "phases": [
        r"implementation steps",
        r"implementation phases",
        r"implementation plan",
        r"phases",
        heading_pattern("phases"),
    ],
    "testing": [r"testing strategy", r"testing", r"test plan", r"tests", heading_pattern("testing")],
    "deployment": [
        r"migration/deployment",
        r"migration & deployment",
        r"migration and deployment",
        r"deployment",
        heading_pattern("deployment"),
    ],
    "dependencies": [r"dependencies", heading_pattern("dependencies")],
    "risks": [r"risks? (?:&|and) mitigations?", r"risks?", heading_pattern("risks")],
    "definition_of_done": [r"definition of done", r"done criteria", heading_pattern("definition_of_done")],
    "timeline": [r"timeline", r"schedule", heading_pattern("timeline")],
    "notes": [r"notes", r"implementation notes", heading_pattern("notes")],
    "progress_log": [r"progress log", r"progress", r"changelog", r"change log", heading_pattern("progress_log")],
}
ARCHITECTURE = {
    "architecture.overview": [
        r"high-level design",
        r"high level design",
        r"system context",
        r"overview",
        heading_pattern("high_level_design"),
    ],
    "architecture.components": [
        r"component changes",
        r"components",
        r"component design",
        heading_pattern("component_changes"),
    ],
}
PHASES = {"phases": [r"phase \w+(?: .*)?", PHASE_HEADING]}
# A step's heading, its word in English or translated (``步骤 1.1``, as a normalized title).
STEPS = {"phases.steps": [r"step [\d.]+(?: .*)?", rf"(?:{step_words()}) ?\d+(?: \d+)*(?: .*)?"]}
TESTING = {
    "testing.unit": [r"unit tests?", r"unit testing", heading_pattern("unit_tests")],
    "testing.integration": [r"integration tests?", r"integration testing", heading_pattern("integration_tests")],
    "testing.manual": [r"manual testing", r"manual tests?", heading_pattern("manual_tests")],
}
DEPLOYMENT = {
    "data_model.migration_commands": [r"database migrations?", r"migrations?", heading_pattern("database_migrations")],
    "feature_flags": [r"feature flags?", heading_pattern("feature_flags")],
    "rollback": [r"rollback plan", r"rollback", heading_pattern("rollback")],
}
DEPENDENCIES = {
    "dependencies": [r"external dependencies", r"new dependencies", heading_pattern("external_dependencies")],
    "internal_dependencies": [
        r"internal dependencies",
        r"existing dependencies",
        heading_pattern("internal_dependencies"),
    ],
}

# Every heading alias table, by the keys of the sections it is under (() for the top level).
HEADINGS: dict[tuple[str, ...], Aliases] = {
    (): SECTIONS,
    ("architecture",): ARCHITECTURE,
    ("phases",): PHASES,
    ("phases", "phases"): STEPS,
    ("testing",): TESTING,
    ("deployment",): DEPLOYMENT,
    ("dependencies",): DEPENDENCIES,
}

# Preamble labels (casefolded) by metadata field, in English and translated (``_vocabulary``).
METADATA_LABELS = {
    "issue_id": ["issue", *label_words("issue")],
    "spec_path": ["spec", *label_words("spec")],
    "author": ["author", *label_words("author")],
    "created": ["created", *label_words("created")],
    "status": ["status", *label_words("status")],
}
# Step labels (casefolded) by part.
STEP_LABELS = {
    "files": ["files", *label_words("files")],
    "tasks": ["tasks", *label_words("tasks")],
    "notes": ["notes", *label_words("notes")],
}
PHASE_LABELS = {
    "estimate": ["estimated time", "estimate", "duration", *label_words("estimate")],
    "dependencies": ["dependencies", "depends on", *label_words("dependencies")],
    "goal": ["goal", "purpose", *label_words("goal")],
    "checkpoint": ["checkpoint", *label_words("checkpoint")],
    "priority": ["priority", *label_words("priority")],
    # Over a checklist of what the phase delivers, before its steps.
    "deliverables": ["deliverables", "deliverable", *label_words("deliverable")],
}
# Phase labels whose value is their paragraph (a goal wrapped over lines), not their line.
_PARAGRAPH_LABELS = ("goal", "checkpoint")
# The template's line over the prerequisites checklist.
PREREQUISITES_INTRO = "Before starting implementation:"

COMPONENT_COLUMNS = {
    "name": ["component", *label_words("component")],
    "change_type": ["change type", "change", *label_words("change_type")],
    "responsibility": ["description", "responsibility", "purpose", *label_words("description")],
}
DEPENDENCY_COLUMNS = {
    "name": ["dependency", "package", *label_words("dependency")],
    "version": ["version", *label_words("version")],
    "purpose": ["purpose", *label_words("purpose")],
}
RISK_COLUMNS = {
    "risk": ["risk", *label_words("risk")],
    "probability": ["probability", "likelihood", *label_words("probability")],
    "impact": ["impact", *label_words("impact")],
    "mitigation": ["mitigation strategy", "mitigation", *label_words("mitigation")],
}
TIMELINE_COLUMNS = {
    "phase": ["phase", *label_words("phase")],
    "start": ["start date", "start", *label_words("start_date")],
    "end": ["end date", "end", *label_words("end_date")],
    "status": ["status", *label_words("status")],
}
LOG_COLUMNS = {"date": ["date", *label_words("date")], "update": ["update", *label_words("update")]}

# Sections known by their shape when their title matches no alias (a translated heading).
SHAPES: Mapping[str, Shape] = {
    "phases": headings_shape(PHASES),
    "risks": table_shape(RISK_COLUMNS),
    "timeline": table_shape(TIMELINE_COLUMNS),
    "progress_log": table_shape(LOG_COLUMNS),
}
ARCHITECTURE_SHAPES: Mapping[str, Shape] = {"architecture.components": table_shape(COMPONENT_COLUMNS)}
DEPENDENCY_SHAPES: Mapping[str, Shape] = {"dependencies": table_shape(DEPENDENCY_COLUMNS)}
# A table with a column no field reads is kept verbatim rather than taken in.
FITS: Mapping[str, Shape] = {
    "dependencies": holds_parts(DEPENDENCIES),
    "risks": fits_table(RISK_COLUMNS),
    "timeline": fits_table(TIMELINE_COLUMNS),
    "progress_log": fits_table(LOG_COLUMNS),
}
ARCHITECTURE_FITS: Mapping[str, Shape] = {"architecture.components": fits_table(COMPONENT_COLUMNS)}
DEPENDENCY_FITS: Mapping[str, Shape] = {"dependencies": fits_table(DEPENDENCY_COLUMNS)}

_TITLE = re.compile(rf"^(?:Implementation Plan:|(?i:{title_words()})[ \t]*[:\uff1a])[ \t]*(.*)$")
_PHASE_TITLE = re.compile(r"^(?:Phase[ \t]+\w+:[ \t]*|" + PHASE_PREFIX + r")(.*)$")
# ``Step 1.2`` alone: a step without a title (a converted plan's, with no sample title).
_STEP_TITLE = re.compile(
    rf"^(?:Step[ \t]+[\w.]+:|(?i:{step_words()})[ \t]*[\d.]+[ \t]*[:\uff1a.\-\u2013\u2014])[ \t]*(.*)$"
    rf"|^(?:Step[ \t]+|(?i:{step_words()})[ \t]*)[\d.]+$"
)
_BOLD_LABEL = re.compile(r"^\*\*[^*]+\*\*(?::?(?:[ \t].*)?|\uff1a.*)$")
_FENCE = re.compile(
    r"\A(?P<fence>`{3,}|~{3,})(?P<info>[^\n]*)\n(?:(?P<content>.*?)\n)??(?P=fence)[ \t]*(?=\n|\Z)", re.DOTALL
)
# The thematic break that sets the progress log apart, from the start of its line (see ``_log_rule``).
_LOG_RULE_LINE = (
    r" {0,3}(?:-[ \t]*){3,}\n(?:[ \t]*\n)*(?=#{1,6}[ \t]+(?i:progress log|progress|changelog|change log)[ \t]*$)"
)
_LOG_RULE_FIRST = re.compile(_LOG_RULE_LINE, re.MULTILINE)
# After a line end: a search the engine makes from line end to line end, where a ``^`` is tried at every character.
_LOG_RULE = re.compile(r"\n(?= {0,3}-)" + _LOG_RULE_LINE, re.MULTILINE)
# Where an unnamed intro (text under a container heading, before its first
# sub-heading) goes back: kept as a level-0 section with this ``after``.
_INTRO = ".intro"


def _log_rule(text: str) -> tuple[int, int] | None:
    """Where the first thematic break standing right before the progress log's heading (blank lines
    between) is in ``text``, with those blank lines: (start, end)."""
    found = _LOG_RULE_FIRST.match(text)
    if found is not None:
        return found.span()
    found = _LOG_RULE.search(text)
    return None if found is None else (found.start() + 1, found.end())


# The sections whose reading takes nothing from the sections around them: their subsections matched among
# themselves, their intro kept apart, the sections they keep placed after them or their subsections.
_LOCAL = frozenset({"architecture", "testing", "dependencies"})


def _local_section(node: Node, siblings: Sequence[Node]) -> bool:
    """``Format.local_section``: a section read alone (``_read_alone``) followed by no section or by one
    ``Sections.match`` takes for sure (the only one of its field, which no shape refuses): what the author keeps
    after that is placed after it, not after the last of the section's sub-sections read."""
    keys = [alias_key(other.key, SECTIONS) for other in siblings]
    if not _read_alone(node, siblings, keys):
        return False
    after = next((at for at, other in enumerate(siblings) if other.start >= node.end), None)
    return after is None or (keys[after] is not None and keys[after] not in FITS and keys.count(keys[after]) == 1)


def _local_before_last(node: Node, siblings: Sequence[Node]) -> bool:
    """``Format.local_before_last``: a section read alone (``_read_alone``), whatever follows it: what the author
    keeps after it is placed after its last sub-section (taken, its field; kept, where that sub-section is
    placed, which the section read alone tells)."""
    return _read_alone(node, siblings, [alias_key(other.key, SECTIONS) for other in siblings])


def _read_alone(node: Node, siblings: Sequence[Node], keys: Sequence[str | None]) -> bool:
    """Whether ``node`` is a section of ``_LOCAL``'s by its title, the only one of its field among ``siblings``
    (of fields ``keys``: ``Sections.match`` then gives it that field, as it does with it alone), and no rule of
    the progress log's in it (``_log_rule``: found in the whole text only, with the log's heading after it)."""
    at = next((at for at, other in enumerate(siblings) if other is node), None)
    if at is None or keys[at] not in _LOCAL or keys.count(keys[at]) > 1:
        return False
    rule = _log_rule(node.text)
    return rule is None or rule[1] <= node.start or node.end <= rule[0]


# A line that could underline a heading or open one wherever it stands (in a list, a quote): marks and blanks
# alone with an ``=`` or ``-`` among them (``---``, ``> ===``); a ``#`` is looked for apart.
_UNDERLINE_LIKE = re.compile(r"[\s>=*_+-]*[=-][\s>=*_+-]*")


def _metadata_line(line: str, index: Mapping[str, str]) -> tuple[str, str] | None:
    """(field, value) of a line of the title's body that ``_read`` takes for a metadata field's (its first
    line of the field's label is), else ``None``."""
    pair = label_value(line.rstrip())
    name = index.get(pair[0].casefold()) if pair is not None else None
    return None if pair is None or name is None else (name, pair[1])


def _header_alike(lines: Sequence[str], removed: Sequence[int]) -> bool:
    """``Format.header_alike``: the header's ``lines`` less those ``removed`` are those of metadata lines each holding
    the template's value (read as none once the template's placeholders are blanked, as when it is cut) and the
    only line of its label (the first is read, and another would be read in its place), in a header whose only
    heading is its title's first line and no other line could make one (no ``#``, no underline). ``_read`` reads
    the title's body line by line then, each line that is not a field's kept as written: the lines left read as
    they did."""
    if not lines[0].startswith("# ") or 0 in removed or any("\r" in line for line in lines):
        return False
    if any("#" in line or _UNDERLINE_LIKE.fullmatch(line) for line in lines[1:]):
        return False
    index = label_index(METADATA_LABELS)
    fields = [_metadata_line(line, index) for line in lines[1:]]
    names = [field[0] for field in fields if field is not None]
    template = AADT.template_plan.metadata
    for number in removed:
        field = fields[number - 1]
        if field is None or names.count(field[0]) > 1 or field[1] != getattr(template, field[0]):
            return False
    return True


def _unquote(text: str) -> str:
    return text[1:-1] if len(text) >= 2 and text.startswith("`") and text.endswith("`") else text


def _labeled_parts(text: str, table: dict[str, list[str]]) -> tuple[str, dict[str, str]]:
    """``text`` cut at its ``**Label:**`` lines: (text before them, part by field)."""
    index = label_index(table)
    head: list[str] = []
    parts: dict[str, list[str]] = {}
    current = head
    for line in text.split("\n"):
        pair = label_value(line) if _BOLD_LABEL.match(line) else None
        name = index.get(pair[0].casefold()) if pair is not None else None
        if pair is not None and name is not None and name not in parts:
            current = parts[name] = [pair[1]] if pair[1] else []
            continue
        current.append(line)
    return "\n".join(head), {name: "\n".join(lines) for name, lines in parts.items()}


def _intro(node: Node, key: str) -> Section | None:
    body = strip_blank(node.body)
    return Section(heading="", level=0, body=body, after=key + _INTRO) if body else None


def _read_step(title: str, body: str) -> Step:
    head, parts = _labeled_parts(body, STEP_LABELS)
    files, files_rest = one_line_items(parts.get("files", ""))
    todo, tasks_rest = _checklist(parts.get("tasks", ""))
    # Text between or after the lists is the author's note on the step.
    notes = [prose(text) for text in (head, files_rest, tasks_rest, parts.get("notes", "")) if prose(text)]
    return Step(
        title=strip_title(title, _STEP_TITLE),
        files=tuple(_unquote(file.rstrip()) for file in files),
        tasks=todo,
        notes="\n\n".join(notes),
    )


def _checklist(text: str) -> tuple[tuple[Task, ...], str]:
    """The items of the lists in ``text`` as tasks, and the rest of ``text``."""
    found = [block for block in blocks(text) if block.item is not None]
    return tasks(block.item for block in found if block.item is not None), rest(text, found)


def _section_checklist(text: str) -> tuple[tuple[Task, ...], str]:
    """``_checklist`` of a section's body, its list of tasks ``tidied`` (read alike: the same section in each text
    read)."""
    items, left = _checklist(text)
    return tidied(items), left


def _label_part(name: str, part: str) -> tuple[str, str]:
    """(value, text under it) of label ``name``'s part: its line, or for a goal or checkpoint its paragraph."""
    if name in _PARAGRAPH_LABELS:
        value, _, under = part.partition("\n\n")
        return value.rstrip(), under
    value, _, under = part.partition("\n")
    return value, under


def _trailing_checkpoint(steps: list[Step]) -> tuple[list[Step], str]:
    """``steps`` without the checkpoint that closes the last one's notes (where the writer puts a phase's
    checkpoint: after its steps), and that checkpoint (``""`` for none)."""
    if not steps:
        return steps, ""
    notes, _, last = steps[-1].notes.rpartition("\n\n")
    first, newline, more = last.partition("\n")
    pair = label_value(first) if _BOLD_LABEL.match(first) else None
    if pair is None or pair[0].casefold() not in PHASE_LABELS["checkpoint"] or not pair[1]:
        return steps, ""
    return [*steps[:-1], attrs.evolve(steps[-1], notes=notes)], pair[1] + newline + more


def _read_phase(node: Node, sections: Sections, index: int) -> Phase:
    # A section of the phase's own beside its steps (another format's `#### Code` in it) stays in the phase.
    sections.mark(node, f"phases.{index}")
    nodes = sections.match(node.children, STEPS, repeat=["phases.steps"]).get("phases.steps", [])
    for step in nodes:
        sections.match(step.children, {})
        sections.close(step, f"phases.{index}")
    # The phase is read of these texts alone (its sections matched above).
    return read_alike(_phase, node.title, node.body, *(text for step in nodes for text in (step.title, step.body)))


def _phase(title: str, body: str, *steps: str) -> Phase:
    """The phase headed ``title`` over ``body``, its steps' titles and bodies in turn in ``steps``; tidy (as
    the plan will be: ``tidy`` works value by value), so that the plan's ``tidy`` leaves it as it is."""
    head, parts = _labeled_parts(body, PHASE_LABELS)
    values = {name: _label_part(name, part) for name, part in parts.items()}
    deliverables: tuple[Task, ...] = ()
    if "deliverables" in values:
        line, under = values["deliverables"]
        deliverables, left = _checklist(under)
        if not deliverables and line:
            deliverables = (Task(text=line),)
        elif deliverables and line:
            left = f"{line}\n{left}"
        values["deliverables"] = ("", left)
    # A label's value is its line (a goal's its paragraph); the text under it is the phase's description.
    description = prose("\n".join([head, *(under for _, under in values.values())]))
    read = [_read_step(steps[at], steps[at + 1]) for at in range(0, len(steps), 2)]
    done_steps, checkpoint = _trailing_checkpoint(read)
    title, done = cut_done(title)
    name, number = phase_title(title, _PHASE_TITLE)
    return tidied(
        Phase(
            name=name,
            number=number,
            done=done,
            goal=values.get("goal", ("", ""))[0],
            estimate=values.get("estimate", ("", ""))[0],
            dependencies=values.get("dependencies", ("", ""))[0],
            priority=values.get("priority", ("", ""))[0],
            description=description,
            deliverables=deliverables,
            steps=tuple(done_steps),
            checkpoint=values.get("checkpoint", ("", ""))[0] or checkpoint,
        )
    )


def _leading_fence(text: str) -> tuple[str, str] | None:
    """``(content, rest)`` when ``text`` opens with a fenced code block."""
    match = _FENCE.match(text)
    if match is None:
        return None
    return match.group("content") or "", prose(text[match.end() :])


def _read(text: str) -> Plan:
    # The rule that sets the progress log apart is layout, not part of the section before it.
    rule = _log_rule(text)
    # Derived from the text's own outline (outline_without), which the writer's retitling reads too.
    doc = outline(text) if rule is None else outline_without(text, *rule)
    sections = Sections()
    intros: list[Section] = []
    metadata: dict[str, str] = {}
    front = strip_blank(doc.preamble)
    preamble: list[str] = []
    nodes = doc.roots
    if nodes and nodes[0].level == 1:
        metadata["title"] = strip_title(nodes[0].title, _TITLE).rstrip()
        sections.mark(nodes[0], "")
        index = label_index(METADATA_LABELS)
        for line in nodes[0].body.split("\n"):
            pair = label_value(line.rstrip())
            name = index.get(pair[0].casefold()) if pair is not None else None
            if pair is not None and name is not None and name not in metadata:
                metadata[name] = pair[1]
            else:
                preamble.append(line)
        nodes = nodes[0].children + nodes[1:]
    found = sections.match(nodes, SECTIONS, shapes=SHAPES, accept=FITS)
    head = strip_blank("\n".join(preamble))
    first = (Section(heading="", level=0, body=head, after=""),) if head else ()
    if front:
        # Text before the title (front matter, say) goes back before it.
        first = (Section(heading="", level=0, body=front, after=FRONT), *first)

    def one(key: str, *, container: bool = False) -> str:
        if key not in found:
            return ""
        node = found[key][0] if container else sections.leaf(found[key][0])
        # A rule at the end of a section sets it apart from the next one (the progress log).
        return unruled(prose(node.body))

    def children(
        key: str,
        aliases: Aliases,
        *,
        intro: bool = False,
        shapes: Mapping[str, Shape] | None = None,
        accept: Mapping[str, Shape] | None = None,
    ) -> dict[str, list[Node]]:
        if key not in found:
            return {}
        section = _intro(found[key][0], key) if intro else None
        if section is not None:
            intros.append(section)
        if intro and key == "dependencies":
            # The author's subsections above External Dependencies go back there, where the writer places
            # the intro: read as after the dependencies, another format writes them below its table. (Not
            # the phases': the writer puts another format's sections after the phases above them too.)
            sections.mark(found[key][0], key + _INTRO)
        return sections.match(found[key][0].children, aliases, repeat=["phases"], shapes=shapes, accept=accept)

    def part(parts: dict[str, list[Node]], key: str) -> str:
        return unruled(prose(sections.leaf(parts[key][0]).body)) if key in parts else ""

    def checklist(key: str, fixed: str = "") -> tuple[Task, ...]:
        if key not in found:
            return ()
        node = sections.leaf(found[key][0])
        items, left = read_alike(_section_checklist, node.body)
        # The template's own line over the list is no author's text.
        lines = left.split("\n")
        if fixed and lines[0].rstrip() == fixed:
            left = prose("\n".join(lines[1:]))
        sections.loose(node.body_start, left, key)
        return items

    parts = children("architecture", ARCHITECTURE, intro=True, shapes=ARCHITECTURE_SHAPES, accept=ARCHITECTURE_FITS)
    architecture = Architecture(
        overview=part(parts, "architecture.overview"),
        components=sections.table(parts, "architecture.components", COMPONENT_COLUMNS, Component),
    )

    parts = children("phases", PHASES, intro=True)
    phases = tuple(_read_phase(node, sections, index) for index, node in enumerate(parts.get("phases", [])))
    if "phases" in found:
        # A section after the steps' own is after the phases, not in the last one.
        sections.close(found["phases"][0], "phases")

    parts = children("testing", TESTING)
    testing = Testing(
        strategy=one("testing", container=True),
        unit=part(parts, "testing.unit"),
        integration=part(parts, "testing.integration"),
        manual=part(parts, "testing.manual"),
    )

    parts = children("deployment", DEPLOYMENT)
    migration_commands, migrations = "", part(parts, "data_model.migration_commands")
    block = _leading_fence(migrations)
    if block is not None:
        migration_commands, migrations = block
        migration_commands = migration_commands.rstrip()
    feature_flags = part(parts, "feature_flags")
    rollback = part(parts, "rollback")

    parts = children("dependencies", DEPENDENCIES, intro=True, shapes=DEPENDENCY_SHAPES, accept=DEPENDENCY_FITS)
    dependencies = sections.table(parts, "dependencies", DEPENDENCY_COLUMNS, Dependency)
    internal: tuple[str, ...] = ()
    if "internal_dependencies" in parts:
        node = sections.leaf(parts["internal_dependencies"][0])
        internal, left = read_alike(one_line_items, node.body)
        internal = tidy(internal)
        sections.loose(node.body_start, left, "internal_dependencies")

    notes = one("notes")

    # Each value tidy as made (``tidy`` of each, where a title or a list item may end in a blank): the plan is
    # not walked again by ``tidy``, which every reading of an output (several a conversion) would pay.
    return Plan(
        metadata=Metadata(**metadata),
        summary=one("summary"),
        prerequisites=checklist("prerequisites", PREREQUISITES_INTRO),
        architecture=architecture,
        data_model=DataModel(migrations=migrations, migration_commands=migration_commands),
        dependencies=dependencies,
        internal_dependencies=internal,
        phases=phases,
        testing=testing,
        risks=sections.table(found, "risks", RISK_COLUMNS, Risk),
        deployment=one("deployment", container=True),
        feature_flags=feature_flags,
        rollback=rollback,
        definition_of_done=checklist("definition_of_done"),
        timeline=sections.table(found, "timeline", TIMELINE_COLUMNS, TimelineEntry),
        progress_log=sections.table(found, "progress_log", LOG_COLUMNS, LogEntry),
        notes=notes,
        extra_sections=first + sections.extras() + tuple(intros),
        headings=tidy(sections.headings()),
    )


_HOLDS = """
    metadata.title metadata.issue_id metadata.spec_path metadata.author metadata.created metadata.status
    summary prerequisites.text prerequisites.done
    architecture.overview architecture.components.name architecture.components.change_type
    architecture.components.responsibility
    phases.name phases.number phases.done phases.estimate phases.dependencies phases.goal phases.description
    phases.checkpoint phases.priority phases.deliverables.text phases.deliverables.done phases.steps.title
    phases.steps.files
    phases.steps.tasks.text phases.steps.tasks.done phases.steps.notes
    testing.strategy testing.unit testing.integration testing.manual
    deployment data_model.migration_commands data_model.migrations feature_flags rollback
    dependencies.name dependencies.version dependencies.purpose internal_dependencies
    risks.risk risks.probability risks.impact risks.mitigation definition_of_done.text definition_of_done.done
    timeline.phase timeline.start timeline.end timeline.status
    notes progress_log.date progress_log.update extra_sections
"""

AADT = Format(
    name="aadt",
    description="AI-assisted dev toolkit feature plan: Issue/Spec header, phases of Step N.M blocks with "
    "Files/Tasks/Notes, aligned tables, timeline and progress log",
    tool="AI-assisted dev toolkit",
    origin="ninjasitm/ai-assisted-dev-toolkit, src/repo/templates/feature-plan.template.md",
    layout="one Markdown file per feature, written from the toolkit's feature-plan.template.md",
    read=_read,
    local_section=_local_section,
    local_before_last=_local_before_last,
    header_alike=_header_alike,
    holds=frozenset(_HOLDS.split()),
    writer_data={"prerequisites_intro": PREREQUISITES_INTRO},
    markers=(
        (line_mark("*", r"^\*\*Issue:\*\*"), 2.0),
        (line_mark("#", r"^#### Step \d+\.\d+:"), 2.0),
        (line_mark("*", r"^\*\*Estimated Time:\*\*"), 1.5),
        (line_mark("#", r"^## Progress Log\s*$"), 1.5),
        (line_mark("#", r"^## Migration/Deployment\s*$"), 1.5),
        (line_mark("#", r"^### Component Changes\s*$"), 1.0),
        (line_mark("*", r"^\*\*Files:\*\*\s*$"), 1.0),
        (line_mark("#", r"^## Definition of Done\s*$"), 0.5),
        # Its header, steps and labels translated (``_vocabulary``): its shape when no heading is English.
        (line_mark("*", "^" + label_mark("issue", ("issue",))), 2.0),
        (line_mark("#", rf"^#### (?:{step_words()})[ \t]*\d+\.\d+"), 2.0),
        (line_mark("*", "^" + label_mark("estimate", ("estimated time",))), 1.5),
        (line_mark("*", "^" + label_mark("files", ("files",)) + r"\s*$"), 1.0),
    ),
)
