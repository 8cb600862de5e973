"""The ``speckit`` format: the Spec Kit plan template for rapid planning (reader; the
writer is ``templates/speckit.md.j2``).

The template's instructional sentences ("Describe the technical architecture:")
are part of the prose fields they introduce; the fixed lines around lists and
tables ("External dependencies needed:") are not stored. Text a reader finds
next to a list or table that is none of these is kept as a heading-less
(level 0) section placed right after that list or table.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TypeVar

from .._format import Format, line_mark
from .._markdown import Item, Node, label_value, list_items, outline, strip_blank
from .._model import (
    Architecture,
    DataModel,
    Dependency,
    FileChange,
    Labeled,
    Metadata,
    Phase,
    Plan,
    Risk,
    Task,
    Testing,
)
from .._reading import (
    FRONT,
    Sections,
    Shape,
    alias_key,
    cut_done,
    headings_shape,
    holds_parts,
    phase_title,
    prose,
    read_alike,
    records,
    strip_title,
    table_fits,
    table_shape,
    tasks,
    tidied,
    tidy,
)
from .._vocabulary import (
    HEADINGS as WORDS,
)
from .._vocabulary import (
    PHASE_HEADING,
    PHASE_PREFIX,
    alternation,
    heading_pattern,
    label_mark,
    label_words,
    title_words,
)

__all__ = ["SPECKIT"]

T = TypeVar("T")

# Top-level sections (normalized titles, full matches) -> field keys.
SECTIONS = {
    "specification": [
        r"context",
        r"specification",
        r"spec",
        r"feature spec(?:ification)?",
        r"input specification",
        heading_pattern("context"),
    ],
    "architecture": [
        r"technical approach",
        r"technical design",
        r"approach",
        r"implementation approach",
        r"technical strategy",
        r"solution design",
        heading_pattern("architecture"),
        heading_pattern("technical_approach"),
    ],
    "phases": [
        r"implementation steps",
        r"implementation phases",
        r"implementation plan",
        r"phases",
        r"steps",
        r"milestones",
        r"roadmap",
        heading_pattern("phases"),
    ],
    "file_changes": [
        r"file changes",
        r"files",
        r"changed files",
        r"files to (?:create|modify|change)(?:/modify| and modify)?",
        r"files? (?:changes|modifications)",
        heading_pattern("file_changes"),
    ],
    "testing.strategy": [
        r"testing strategy",
        r"testing",
        r"tests",
        r"test plan",
        r"test strategy",
        r"testing approach",
        heading_pattern("testing"),
    ],
    "risks": [
        r"risk assessment",
        r"risks?",
        r"risks? (?:and|&) mitigations?",
        r"risk management",
        r"risk analysis",
        heading_pattern("risks"),
    ],
    "rollback": [
        r"rollback plan",
        r"rollback",
        r"rollback strategy",
        r"rollback procedure",
        heading_pattern("rollback"),
    ],
    "dependencies": [
        r"dependencies",
        r"external dependencies",
        r"dependencies needed",
        heading_pattern("dependencies"),
    ],
    "deployment": [
        r"deployment",
        r"deployment plan",
        r"deployment strategy",
        r"deployment steps",
        heading_pattern("deployment"),
    ],
}
TECHNICAL_APPROACH = {
    "architecture.overview": [
        r"architecture",
        r"architecture overview",
        r"system architecture",
        r"technical architecture",
        r"high-level design",
        r"design",
        heading_pattern("architecture"),
    ],
    "architecture.tech_stack": [
        r"technology stack",
        r"tech stack",
        r"technologies",
        r"stack",
        heading_pattern("tech_stack"),
    ],
    "data_model.overview": [r"data model", r"data models", r"data structures", r"data design"],
}
PHASES = {"phases": [r"(?:phase|stage|milestone|step) \w+(?: .*)?", PHASE_HEADING]}

# Every heading alias table, by the keys of the sections it is under (() for the top level).
HEADINGS: dict[tuple[str, ...], Mapping[str, Sequence[str]]] = {
    (): SECTIONS,
    ("architecture",): TECHNICAL_APPROACH,
    ("phases",): PHASES,
}

# A phase's labels (casefolded), in English and translated (``_vocabulary``).
PHASE_LABELS = {
    "goal": ["goal", "goals", "objective", "objectives", "purpose", *label_words("goal")],
    "tasks": ["tasks", "task list", "steps", *label_words("tasks")],
    "estimate": [
        *("estimated time", "estimate", "time estimate", "estimated effort", "effort", "duration", "timeline"),
        *label_words("estimate"),
    ],
    "checkpoint": ["checkpoint", *label_words("checkpoint")],
}
# Labels whose value is their paragraph: the lines under the label line up to a blank line or the next label.
_PARAGRAPH_LABELS = frozenset({"goal", "checkpoint"})
RISK_COLUMNS = {
    "risk": ["risk", "risks", "risk description", *label_words("risk")],
    "probability": ["probability", "likelihood", *label_words("probability")],
    "impact": ["impact", "severity", *label_words("impact")],
    "mitigation": ["mitigation", "mitigations", "mitigation strategy", *label_words("mitigation")],
}
# Sections known by their shape when their title matches no alias (a translated heading).
SHAPES: Mapping[str, Shape] = {"risks": table_shape(RISK_COLUMNS), "phases": headings_shape(PHASES)}
# File change groups: a group label (casefolded) -> the change type it gives.
CHANGE_TYPES = {"new": "new", "modified": "modified"}
# The groups' labels in translation (``**新文件**``, casefolded) -> the change type they give.
TRANSLATED_GROUPS = {
    **{label: "new" for label in label_words("new_files")},
    **{label: "modified" for label in label_words("modified_files")},
}

# Fixed text of the template: written by the writer, never stored.
INTRO_LINES = (
    "_This template is adapted from GitHub Spec Kit for rapid planning._",
    "_Source: https://github.com/github/spec-kit (MIT License)_",
    "---",
)
CONTEXT_LINES = ("Based on this specification:", "Create a detailed technical implementation plan.")
TECH_STACK_INTRO = "Specify technologies to use:"
PHASES_INTRO = "Break down into sequential phases:"
FILE_CHANGES_INTRO = "What files will be created/modified:"
RISKS_INTRO = "Potential challenges and mitigation:"
DEPENDENCIES_INTRO = "External dependencies needed:"
INSTRUCTIONS = (
    "**Instructions to LLM:**\n"
    "Replace {{SPECIFICATION}} with the actual spec content, then create a detailed, actionable technical plan. "
    "Be specific about file changes, code structure, and implementation approach. Focus on HOW to build it."
)

_TITLE = re.compile(rf"^(?:Implementation Plan|(?i:{title_words()}))[ \t]*[:：\-–—][ \t]*(.*)$")
_PLACEHOLDER_TITLES = ("Implementation Plan Template", "Implementation Plan")
_PHASE_TITLE = re.compile(
    r"^(?:(?:Phase|Stage|Milestone|Step)[ \t]+[^\s:]+?[ \t]*(?:[:.\-–—][ \t]*(.*))?|" + PHASE_PREFIX + r"(.*))$",
    re.IGNORECASE,
)
# The closing block: a rule and the instructions, trailing blanks on its lines being layout.
_CLOSING = re.compile(
    r"(?:\A|\n)[ \t]*-{3,}[ \t]*\n\s*"
    + r"[ \t]*\n".join(re.escape(line) for line in INSTRUCTIONS.split("\n"))
    + r"\s*\Z"
)
# How a text holding the closing block ends (less white space): a text that does not is not searched.
_CLOSING_END = INSTRUCTIONS.split("\n")[-1]
_GROUP = re.compile(r"^\*\*(?P<a>.+) files:\*\*[ \t]*$|^\*\*(?P<b>.+) files\*\*:[ \t]*$", re.IGNORECASE)
_FILE_ITEM = re.compile(r"^`(?P<path>[^`\n]+)`(?:[ \t]*(?:[-–—:][ \t]*)?(?P<description>.*))?$", re.DOTALL)
_PLAIN_FILE_ITEM = re.compile(r"^(?P<path>\S+)[ \t]+[-–—][ \t]+(?P<description>.*)$", re.DOTALL)
_PLAIN_LABEL = re.compile(r"^(?P<label>[^\n]+?):(?:[ \t]+(?P<value>.*))?$", re.DOTALL)
_FENCE_OPEN = re.compile(r"^ {0,3}(?P<fence>`{3,}|~{3,})(?P<info>.*)$")
_LIST_ITEM = re.compile(r"^(?P<indent> {0,3})(?:[-*+]|\d+[.)])(?:[ \t]+.*)?$")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*$")


class _Block:
    """A run of body lines: a list, a table, a code fence, one other line or one blank line."""

    def __init__(self, kind: str, lines: list[str]) -> None:
        self.kind = kind
        self.lines = lines
        self.used = False

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" \t"))


def _blocks(text: str) -> list[_Block]:
    lines = text.split("\n")
    blocks: list[_Block] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        start = index
        index += 1
        if not line.strip():
            blocks.append(_Block("blank", [line]))
            continue
        fence = _FENCE_OPEN.match(line)
        if fence is not None:
            mark = fence.group("fence")
            closing = re.compile(r"^ {0,3}" + re.escape(mark[0]) + "{" + str(len(mark)) + r",}[ \t]*$")
            while index < len(lines) and not closing.match(lines[index]):
                index += 1
            index = min(index + 1, len(lines))
            blocks.append(_Block("fence", lines[start:index]))
            continue
        item = _LIST_ITEM.match(line)
        if item is not None:
            width = len(item.group("indent"))
            end = index
            while index < len(lines):
                current = lines[index]
                if not current.strip():
                    index += 1
                    continue
                same = _LIST_ITEM.match(current)
                if (same is not None and len(same.group("indent")) == width) or _indent(current) > width:
                    index += 1
                    end = index
                    continue
                break
            index = end
            blocks.append(_Block("list", lines[start:end]))
            continue
        if "|" in line and index < len(lines) and _TABLE_RULE.match(lines[index]) and "-" in lines[index]:
            while index < len(lines) and "|" in lines[index] and lines[index].strip():
                index += 1
            blocks.append(_Block("table", lines[start:index]))
            continue
        blocks.append(_Block("line", [line]))
    return blocks


def _leftover(blocks: Iterable[_Block]) -> str:
    """The unused blocks, each run of them between used ones as a paragraph group."""
    groups: list[list[str]] = [[]]
    for block in blocks:
        if block.used:
            groups.append([])
        else:
            groups[-1].extend(block.lines)
    parts = [strip_blank("\n".join(group)) for group in groups]
    return "\n\n".join(part for part in parts if part)


def _use_lines(blocks: Iterable[_Block], fixed: Sequence[str], *, once: bool = True) -> None:
    """Mark the lines of fixed template text as used (each one once, by default)."""
    wanted = list(fixed)
    for block in blocks:
        if block.kind == "line" and not block.used and block.lines[0].strip() in wanted:
            block.used = True
            if once:
                wanted.remove(block.lines[0].strip())


def _item_text(item: Item) -> str:
    return item.text if not item.body else item.text + "\n" + item.body


def _phase_name(title: str) -> tuple[str, str]:
    """``(name, number)`` of a phase's heading; a name in the template's brackets is the name."""
    name, number = phase_title(title, _PHASE_TITLE)
    name = name.strip()
    if name.startswith("[") and name.endswith("]") and "[" not in name[1:-1] and "]" not in name[1:-1]:
        return name[1:-1], number
    return name, number


def _tech(item: Item) -> Labeled:
    text = _item_text(item)
    if text.startswith(": "):
        return Labeled(label="", value=text[2:])
    pair = label_value(text)
    if pair is None:
        match = _PLAIN_LABEL.match(text)
        if match is None:
            return Labeled(label="", value=text)
        pair = match.group("label").strip(), match.group("value") or ""
    return Labeled(label=pair[0], value=pair[1])


def _file_change(item: Item, change_type: str) -> FileChange:
    text = _item_text(item)
    match = _FILE_ITEM.match(text) or _PLAIN_FILE_ITEM.match(text)
    if match is None:
        return FileChange(path=text, change_type=change_type)
    return FileChange(path=match.group("path"), change_type=change_type, description=match.group("description") or "")


def _change_type(label: str) -> str:
    return CHANGE_TYPES.get(label.strip().casefold(), label.strip())


def _labels(line: str, table: Mapping[str, Sequence[str]]) -> tuple[str, str] | None:
    pair = label_value(line)
    if pair is None:
        return None
    for name, names in table.items():
        if pair[0].casefold() in names:
            return name, pair[1]
    return None


def _phase(heading: str, body: str) -> Phase:
    """The phase of a section headed ``heading`` over ``body``, tidy (as the plan will be: ``tidy`` works value by
    value, so the plan's leaves it as it is)."""
    blocks = _blocks(body)
    values: dict[str, str] = {}
    steps: tuple[Task, ...] | None = None
    for at, block in enumerate(blocks):
        if block.kind == "line" and not block.used:
            pair = _labels(block.lines[0], PHASE_LABELS)
            if pair is None or pair[0] in values:
                continue
            name, value = pair
            if name == "tasks":
                if value or steps is not None:
                    continue
                values[name] = ""
            else:
                lines = [value]
                # A goal or checkpoint wrapped over lines (Spec Kit's `**Purpose**:`) is one paragraph.
                for more in blocks[at + 1 :] if name in _PARAGRAPH_LABELS else ():
                    if more.kind != "line" or label_value(more.lines[0]) is not None:
                        break
                    lines.append(more.lines[0])
                    more.used = True
                values[name] = "\n".join(lines)
            block.used = True
        elif block.kind == "list" and steps is None:
            # A step ticked off as a checklist item (``1. [x] T001 ...``) is a done task, its mark no part of its text.
            steps = tasks(list_items(block.text))
            block.used = True
    title, done = cut_done(heading)
    name, number = _phase_name(title)
    phase = Phase(
        name=name,
        number=number,
        done=done,
        goal=values.get("goal", ""),
        estimate=values.get("estimate", ""),
        tasks=steps or (),
        description=_leftover(blocks),
        checkpoint=values.get("checkpoint", ""),
    )
    return tidied(phase)


def _specification(blocks: list[_Block]) -> str:
    _use_lines(blocks, CONTEXT_LINES)
    for block in blocks:
        if block.kind == "fence":
            block.used = True
            lines = block.lines[1:]
            opening = _FENCE_OPEN.match(block.lines[0])
            mark = opening.group("fence") if opening else "```"
            if lines and re.fullmatch(r" {0,3}" + re.escape(mark[0]) + "{" + str(len(mark)) + r",}[ \t]*", lines[-1]):
                lines = lines[:-1]
            return "\n".join(lines)
    text = _leftover(blocks)
    for block in blocks:
        block.used = True
    return text


# A section's body read alike (``read_alike``): its value, each item ``tidied``, and the text no field holds.


def _file_changes(body: str) -> tuple[tuple[FileChange, ...], str]:
    blocks = _blocks(body)
    _use_lines(blocks, [FILE_CHANGES_INTRO])
    file_changes: list[FileChange] = []
    change_type = ""
    for block in blocks:
        if block.kind == "line":
            group = _GROUP.match(block.lines[0].strip())
            pair = label_value(block.lines[0].strip()) if group is None else None
            if group is not None:
                change_type = _change_type(group.group("a") or group.group("b"))
                block.used = True
            elif pair is not None and not pair[1] and pair[0].casefold() in TRANSLATED_GROUPS:
                change_type = TRANSLATED_GROUPS[pair[0].casefold()]
                block.used = True
        elif block.kind == "list":
            file_changes.extend(_file_change(item, change_type) for item in list_items(block.text))
            block.used = True
    return tuple(tidied(change) for change in file_changes), _leftover(blocks)


def _risks(body: str) -> tuple[tuple[Risk, ...], str]:
    blocks = _blocks(body)
    _use_lines(blocks, [RISKS_INTRO])
    risks: tuple[Risk, ...] = ()
    for block in blocks:
        if block.kind == "table":
            if table_fits(block.text, RISK_COLUMNS):
                # (A table with a column no field reads stays as written.)
                risks = tuple(tidied(Risk(**row)) for row in records(block.text, RISK_COLUMNS))
                block.used = True
            break
    return risks, _leftover(blocks)


def _dependencies(body: str) -> tuple[tuple[Dependency, ...], str]:
    blocks = _blocks(body)
    _use_lines(blocks, [DEPENDENCIES_INTRO])
    dependencies: tuple[Dependency, ...] = ()
    for block in blocks:
        if block.kind == "list":
            dependencies = tuple(tidied(Dependency(name=_item_text(item))) for item in list_items(block.text))
            block.used = True
            break
    return dependencies, _leftover(blocks)


def _local_section(node: Node, siblings: Sequence[Node]) -> bool:
    """``Format.local_section``: the Technical Approach read alone (``_read_alone``) followed by a section
    ``Sections.match`` takes for sure (the only one of its field, which no fit refuses): what the author keeps
    after that is placed after it, not after the last of the Technical Approach's sub-sections read."""
    keys = [alias_key(other.key, SECTIONS) for other in siblings]
    if not _read_alone(node, siblings, keys):
        return False
    after = next(at for at, other in enumerate(siblings) if other.start >= node.end)
    return keys[after] is not None and keys[after] != "dependencies" and keys.count(keys[after]) == 1


def _local_before_last(node: Node, siblings: Sequence[Node]) -> bool:
    """``Format.local_before_last``: the Technical Approach read alone (``_read_alone``), whatever follows it:
    what the author keeps after it is placed after its last sub-section (taken, its field; kept, where that
    sub-section is placed, which the section read alone tells)."""
    return _read_alone(node, siblings, [alias_key(other.key, SECTIONS) for other in siblings])


def _read_alone(node: Node, siblings: Sequence[Node], keys: Sequence[str | None]) -> bool:
    """Whether ``node`` is the Technical Approach, with sub-sections, the only one of its field among ``siblings``
    (of fields ``keys``: ``Sections.match`` gives it that field by its title whatever the others are, no shape or
    fit for it), and a section after it (the closing instructions, which the reader looks for at the end of the
    text, are not in it): it is read of its own text, its intro kept in its place, its sub-sections matched
    among themselves."""
    at = next((at for at, other in enumerate(siblings) if other is node), None)
    if at is None or keys[at] != "architecture" or keys.count("architecture") > 1 or not node.children:
        return False
    return any(other.start >= node.end for other in siblings)


def _read(text: str) -> Plan:
    closing = _CLOSING.search(text) if text.rstrip().endswith(_CLOSING_END) else None
    if closing is not None:
        text = text[: closing.start()] + "\n"
    doc = outline(text)
    sections = Sections()
    sections.loose(0, prose(doc.preamble), FRONT)
    title = ""
    nodes = doc.roots
    if nodes and nodes[0].level == 1:
        head = nodes[0]
        title = head.title.strip()
        title = "" if title in _PLACEHOLDER_TITLES else strip_title(title, _TITLE)
        sections.mark(head, "")
        blocks = _blocks(head.body)
        _use_lines(blocks, INTRO_LINES)
        sections.loose(head.body_start, _leftover(blocks), "intro")
        nodes = head.children + nodes[1:]
    found = sections.match(nodes, SECTIONS, shapes=SHAPES, accept={"dependencies": holds_parts({})})

    def node(key: str) -> Node | None:
        return found[key][0] if key in found else None

    def body_of(key: str, intro: str = "") -> list[_Block]:
        section = node(key)
        if section is None:
            return []
        sections.match(section.children, {})
        blocks = _blocks(section.body)
        if intro:
            _use_lines(blocks, [intro])
        return blocks

    def rest(key: str, blocks: list[_Block], after: str = "") -> None:
        section = node(key)
        if section is not None:
            sections.loose(section.body_start, _leftover(blocks), after or key)

    def read_section(key: str, read: Callable[[str], tuple[tuple[T, ...], str]]) -> tuple[T, ...]:
        """What ``read`` reads of ``key``'s section body (read alike), its text no field holds kept in its place."""
        section = node(key)
        if section is None:
            return ()
        sections.match(section.children, {})
        value, left = read_alike(read, section.body)
        sections.loose(section.body_start, left, key)
        return value

    def one(key: str) -> str:
        section = node(key)
        if section is None:
            return ""
        sections.match(section.children, {})
        return prose(section.body)

    specification = ""
    if "specification" in found:
        blocks = body_of("specification")
        specification = _specification(blocks)
        rest("specification", blocks)

    architecture = Architecture()
    data_model = DataModel()
    approach = node("architecture")
    if approach is not None:
        blocks = _blocks(approach.body)
        sections.loose(approach.body_start, _leftover(blocks), "architecture.intro")
        parts = sections.match(approach.children, TECHNICAL_APPROACH)

        def part(key: str) -> Node | None:
            return parts[key][0] if key in parts else None

        overview = part("architecture.overview")
        tech_node = part("architecture.tech_stack")
        data_node = part("data_model.overview")
        tech_stack: tuple[Labeled, ...] = ()
        for child in (overview, tech_node, data_node):
            if child is not None:
                sections.match(child.children, {})
        if tech_node is not None:
            blocks = _blocks(tech_node.body)
            _use_lines(blocks, [TECH_STACK_INTRO])
            for block in blocks:
                if block.kind == "list":
                    tech_stack = tuple(_tech(item) for item in list_items(block.text))
                    block.used = True
                    break
            sections.loose(tech_node.body_start, _leftover(blocks), "architecture.tech_stack")
        architecture = Architecture(
            overview=prose(overview.body) if overview is not None else "",
            tech_stack=tech_stack,
        )
        data_model = DataModel(overview=prose(data_node.body) if data_node is not None else "")

    phases: list[Phase] = []
    steps = node("phases")
    if steps is not None:
        blocks = _blocks(steps.body)
        _use_lines(blocks, [PHASES_INTRO])
        sections.loose(steps.body_start, _leftover(blocks), "phases.intro")
        for index, child in enumerate(sections.match(steps.children, PHASES, repeat=["phases"]).get("phases", [])):
            # The phase's own subsections stay with it (the writer places them per phase); what follows
            # the last is after the phases.
            sections.mark(child, f"phases.{index}")
            sections.close(child, "phases")
            sections.match(child.children, {})
            # The phase is read of these texts alone.
            phases.append(read_alike(_phase, child.title, child.body))

    file_changes = read_section("file_changes", _file_changes)
    risks = read_section("risks", _risks)

    dependencies = read_section("dependencies", _dependencies)

    # Each value tidy as made (``tidy`` of each that may not be; a list read alike and tidy is known so): the plan
    # is not walked again by ``tidy``, which every reading of an output (several a conversion) would pay.
    return Plan(
        metadata=Metadata(title=title.rstrip()),
        specification=specification.rstrip(),
        architecture=tidy(architecture),
        data_model=data_model,
        phases=tuple(phases),
        file_changes=tidy(file_changes),
        testing=Testing(strategy=one("testing.strategy")),
        risks=tidy(risks),
        rollback=one("rollback"),
        dependencies=tidy(dependencies),
        deployment=one("deployment"),
        extra_sections=sections.extras(),
        headings=tidy(sections.headings()),
    )


SPECKIT = Format(
    name="speckit",
    description="Spec Kit plan for rapid planning: spec in a code fence, technical approach, phases with goal/tasks/"
    "estimate, new/modified file lists, risk table, rollback and deployment",
    tool="Spec Kit template for rapid planning (AiDesigner)",
    origin="bacoco/AiDesigner, lib/spec-kit-templates/plan-template.md (adapted from github/spec-kit)",
    layout="one Markdown file per feature, written from AiDesigner's spec-kit plan-template.md",
    read=_read,
    local_section=_local_section,
    local_before_last=_local_before_last,
    holds=frozenset(
        """
        metadata.title specification
        architecture.overview architecture.tech_stack.label architecture.tech_stack.value
        data_model.overview
        phases.name phases.number phases.done phases.goal phases.tasks.text phases.tasks.done phases.estimate
        phases.description
        phases.checkpoint file_changes.path file_changes.change_type file_changes.description
        testing.strategy
        risks.risk risks.probability risks.impact risks.mitigation
        rollback dependencies.name deployment extra_sections
        """.split()
    ),
    markers=(
        (line_mark("*", r"^\*\*Instructions to LLM:\*\*"), 4.0),
        (r"^_This template is adapted from GitHub Spec Kit", 3.0),
        (r"^Based on this specification:\s*$", 2.0),
        (line_mark("#", r"^## Technical Approach\s*$"), 1.5),
        (line_mark("*", r"^\*\*Estimated time:\*\*"), 1.5),
        (line_mark("*", r"^\*\*(?:New|Modified) files:\*\*"), 1.5),
        (line_mark("#", r"^## Rollback Plan\s*$"), 0.5),
        (line_mark("#", r"^## Risk Assessment\s*$"), 0.5),
        (line_mark("#", r"^## Implementation Steps\s*$"), 1.0),
        # Its sections and phase labels translated (``_vocabulary``): its shape when no heading is English.
        (line_mark("#", rf"^## (?i:{alternation(WORDS['technical_approach'])})\s*$"), 1.5),
        (line_mark("*", "^" + label_mark("estimate", ("estimated time",))), 1.5),
    ),
)
