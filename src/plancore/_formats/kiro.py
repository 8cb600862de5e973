"""The ``kiro`` folder format: a Kiro spec folder (``.kiro/specs/<feature>/``, also written by cc-sdd).

The folder holds three Markdown files, each read by its own part format (kept out of the format
registry: a part is no plan on its own), and files carried verbatim:

* ``requirements.md`` (``kiro-requirements``): ``# Requirements Document``, ``## Introduction``
  (the plan's ``summary``), ``## Requirements`` with ``### Requirement N[: Title]`` blocks
  (``Plan.requirements``: ``id`` "N", ``title``, ``user_story`` after ``**User Story:**`` or cc-sdd's
  ``**Objective:**``, ``criteria`` the numbered EARS acceptance criteria, ``notes`` the other text).
  ``## Glossary`` and every other section are kept verbatim in place.
* ``design.md`` (``kiro-design``): ``## Overview`` (``architecture.overview``), ``## Architecture``
  (``architecture.interactions``, Mermaid kept as written), ``## Data Models``
  (``data_model.overview``), ``## Testing Strategy`` (``testing.strategy``); sub-sections and every
  other section (Components and Interfaces, Error Handling, Correctness Properties...) verbatim in place.
* ``tasks.md``, in one of two layouts:

  - ``kiro-tasks``: the checklist Kiro writes and offers "Start task" for, ``- [ ] 1. Title`` with
    sub-tasks ``  - [ ] 1.1 Title`` indented under it, their details as indented ``- `` lines ending
    in ``_Requirements: 1.1, 2.3_``; ``- [ ]*`` marks an optional task (Kiro's property tests),
    cc-sdd adds ``(P)`` after the ID and writes sub-tasks unindented. The tasks are one unnamed phase.
  - ``kiro-task-blocks``: ``## Task N: Title`` sections (an older layout seen in the wild) with
    ``**Duration:**`` / ``**Priority:**`` / ``**Dependencies:**`` lines and ``### ...`` sub-sections
    whose checkboxes are its tasks; each block is a phase (``estimate``, ``priority``,
    ``dependencies``; sub-sections are its steps).

  A task's ID, state, ``(P)``, ``_Requirements:_``, ``_Depends:_`` and ``**Validates: Requirements
  …**`` lines stay in its text and body as written (``Task.id``, ``status``, ``requirements`` read them).

The writer writes new task lists in the ``kiro-tasks`` layout only: it is the layout of Kiro's own
task generation (kiro.dev, "Specs: tasks"), the one whose tasks Kiro shows "Start task" for; a
``kiro-task-blocks`` file is written back in its own layout (byte for byte, edits on their lines).

``spec.json`` (cc-sdd's state), ``research.md`` and every other file are carried verbatim as
sections headed by their paths, as the Spec Kit feature folder carries its unmodelled files.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

import attrs

from .._format import Format
from .._markdown import Node, label_value, outline
from .._model import Architecture, Criterion, DataModel, Metadata, Phase, Plan, Requirement, Step, Task, Testing
from .._reading import FRONT, Block, Sections, blocks, cut_done, prose, rest, strip_title, tidy
from .speckit_tasks import task_item

__all__ = [
    "KIRO_DESIGN",
    "KIRO_REQUIREMENTS",
    "KIRO_TASKS",
    "KIRO_TASK_BLOCKS",
    "PARTS",
    "is_kiro_folder",
    "read_kiro",
    "write_kiro",
]

REQUIREMENTS, DESIGN, TASKS = "requirements.md", "design.md", "tasks.md"

# The document titles: ``# Requirements Document``, ``# Design Document: Name``, ``# Implementation Plan``.
_REQUIREMENTS_TITLE = re.compile(r"^requirements?(?:\s+document)?\s*(?:[:\-–—]\s*(.*))?$", re.IGNORECASE)
_DESIGN_TITLE = re.compile(r"^(?:technical\s+)?design(?:\s+document)?\s*(?:[:\-–—]\s*(.*))?$", re.IGNORECASE)
_TASKS_TITLE = re.compile(
    r"^(?:implementation\s+(?:plan|tasks)|tasks?(?:\s+list)?)\s*(?:[:\-–—]\s*(.*))?$", re.IGNORECASE
)
_REQUIREMENT = re.compile(r"^requirement(?:\s+(?P<id>[^\s:]+))?\s*(?::\s*(?P<title>.*))?$", re.IGNORECASE)
_STORY_LABELS = ("user story", "objective")
_CRITERIA = re.compile(r"^acceptance\s+criteria$", re.IGNORECASE)
_CRITERION = re.compile(r"^\d+[.)]$")
_TASK_BLOCK = re.compile(r"^task\s+[\w.]+\s*(?:[:.\-–—]\s*)?(.*)$", re.IGNORECASE)
_BLOCK_LABELS = {"duration": "estimate", "estimate": "estimate", "priority": "priority", "dependencies": "dependencies"}

REQUIREMENTS_SECTIONS = {"summary": [r"introduction"], "requirements": [r"requirements"]}
DESIGN_SECTIONS = {
    "architecture.overview": [r"overview"],
    "architecture.interactions": [r"architecture"],
    "data_model.overview": [r"data models?"],
    "testing.strategy": [r"testing strategy"],
}


def _title(head: Node | None, pattern: re.Pattern[str]) -> str:
    return strip_title(head.title, pattern) if head is not None else ""


def _top(text: str, sections: Sections) -> tuple[Node | None, list[Node]]:
    """The document's title node and the sections under (or after) it; the text before it kept first."""
    doc = outline(text)
    sections.loose(0, prose(doc.preamble), FRONT)
    nodes = doc.roots
    if nodes and nodes[0].level == 1:
        head = nodes[0]
        sections.mark(head, "")
        sections.loose(head.body_start, prose(head.body), "metadata.title")
        return head, head.children + nodes[1:]
    return None, nodes


def _criteria(node: Node, sections: Sections) -> tuple[Criterion, ...]:
    found: list[Criterion] = []
    taken: list[Block] = []
    for block in blocks(node.body):
        if block.item is not None and _CRITERION.match(block.item.marker):
            text = block.item.text + ("\n" + block.item.body if block.item.body else "")
            found.append(Criterion(id=block.item.marker[:-1], text=text.rstrip()))
            taken.append(block)
    left = rest(node.body, taken)
    if left:
        sections.loose(node.body_start, left, "requirements")
    sections.match(node.children, {})
    return tuple(found)


def _requirement(node: Node, sections: Sections) -> Requirement | None:
    match = _REQUIREMENT.match(node.title)
    if match is None:
        return None
    sections.mark(node, "requirements")
    story = ""
    taken: list[Block] = []
    lines = node.body.split("\n")
    for block in blocks(node.body):
        if block.item is None and not story:
            pair = label_value(lines[block.start])
            if pair is not None and pair[0].casefold().rstrip(":") in _STORY_LABELS:
                story = "\n".join([pair[1], *lines[block.start + 1 : block.end]]).strip()
                taken.append(block)
    criteria: tuple[Criterion, ...] = ()
    for child in node.children:
        if not criteria and _CRITERIA.match(child.title):
            sections.mark(child, "requirements")
            criteria = _criteria(child, sections)
        else:
            sections.keep(child)
    return Requirement(
        id=match.group("id") or "",
        title=(match.group("title") or "").strip(),
        user_story=story,
        criteria=criteria,
        notes=rest(node.body, taken),
    )


def _read_requirements(text: str) -> Plan:
    sections = Sections()
    head, nodes = _top(text, sections)
    found = sections.match(nodes, REQUIREMENTS_SECTIONS)
    summary = ""
    if "summary" in found:
        summary = prose(sections.leaf(found["summary"][0]).body)
    requirements: list[Requirement] = []
    if "requirements" in found:
        container = found["requirements"][0]
        sections.loose(container.body_start, prose(container.body), "requirements.intro")
        for child in container.children:
            requirement = _requirement(child, sections)
            if requirement is None:
                sections.keep(child)
            else:
                requirements.append(requirement)
    return tidy(
        Plan(
            metadata=Metadata(title=_title(head, _REQUIREMENTS_TITLE)),
            summary=summary,
            requirements=tuple(requirements),
            extra_sections=sections.extras(),
            headings=sections.headings(),
        )
    )


def _read_design(text: str) -> Plan:
    sections = Sections()
    head, nodes = _top(text, sections)
    found = sections.match(nodes, DESIGN_SECTIONS)
    values = {key: prose(sections.leaf(found[key][0]).body) if key in found else "" for key in DESIGN_SECTIONS}
    return tidy(
        Plan(
            metadata=Metadata(title=_title(head, _DESIGN_TITLE)),
            architecture=Architecture(
                overview=values["architecture.overview"], interactions=values["architecture.interactions"]
            ),
            data_model=DataModel(overview=values["data_model.overview"]),
            testing=Testing(strategy=values["testing.strategy"]),
            extra_sections=sections.extras(),
            headings=sections.headings(),
        )
    )


def _checklist(body: str) -> tuple[list[Block], list[Task]]:
    found: list[Block] = []
    tasks: list[Task] = []
    for block in blocks(body):
        if block.item is not None:
            task = task_item(block.item)
            if task is not None:
                found.append(block)
                tasks.append(task)
    return found, tasks


def _read_tasks(text: str) -> Plan:
    sections = Sections()
    doc = outline(text)
    nodes = doc.roots
    head = nodes[0] if nodes and nodes[0].level == 1 else None
    if head is not None:
        sections.loose(0, prose(doc.preamble), FRONT)
        sections.mark(head, "")
        body, start, nodes = head.body, head.body_start, head.children + nodes[1:]
    else:
        body, start = doc.preamble, 0
    taken, tasks = _checklist(body)
    sections.loose(start, rest(body, taken), "metadata.title")
    sections.match(nodes, {})
    return tidy(
        Plan(
            metadata=Metadata(title=_title(head, _TASKS_TITLE)),
            phases=(Phase(tasks=tuple(tasks)),) if tasks else (),
            extra_sections=sections.extras(),
            headings=sections.headings(),
        )
    )


def _block(node: Node, sections: Sections) -> Phase:
    sections.mark(node, "phases")
    labelled: dict[str, str] = {}
    taken: list[Block] = []
    lines = node.body.split("\n")
    for block in blocks(node.body):
        if block.item is not None:
            continue
        # ``**Duration:** 1-2 hours  `` lines: one paragraph, a label a line.
        values = [label_value(line.rstrip()) for line in lines[block.start : block.end]]
        pairs = [pair for pair in values if pair is not None and pair[0].casefold().rstrip(":") in _BLOCK_LABELS]
        if pairs and len(pairs) == len(values) and not labelled:
            for label, value in pairs:
                labelled[_BLOCK_LABELS[label.casefold().rstrip(":")]] = value.strip()
            taken.append(block)
    found, tasks = _checklist(node.body)
    steps = []
    for child in node.children:
        sections.mark(child, "phases")
        inner, inner_tasks = _checklist(child.content)
        steps.append(Step(title=child.title, tasks=tuple(inner_tasks), notes=rest(child.content, inner)))
    heading, done = cut_done(node.title)
    # A rule closing the block sets it apart from the next one: layout, which the writer puts back.
    description = rest(node.body, [*taken, *found])
    if steps:
        last = steps[-1]
        steps[-1] = attrs.evolve(last, notes=re.sub(r"\n*^---[ \t]*\Z", "", last.notes, flags=re.MULTILINE))
    else:
        description = re.sub(r"\n*^---[ \t]*\Z", "", description, flags=re.MULTILINE)
    return Phase(
        name=strip_title(heading, _TASK_BLOCK),
        done=done,
        estimate=labelled.get("estimate", ""),
        priority=labelled.get("priority", ""),
        dependencies=labelled.get("dependencies", ""),
        description=description,
        tasks=tuple(tasks),
        steps=tuple(steps),
    )


def _read_task_blocks(text: str) -> Plan:
    sections = Sections()
    head, nodes = _top(text, sections)
    phases = []
    for node in nodes:
        if node.level == 2 and _TASK_BLOCK.match(node.title):
            phases.append(_block(node, sections))
        else:
            sections.keep(node)
    return tidy(
        Plan(
            metadata=Metadata(title=_title(head, _TASKS_TITLE)),
            phases=tuple(phases),
            extra_sections=sections.extras(),
            headings=sections.headings(),
        )
    )


def _task_paths(prefix: str) -> list[str]:
    names = ("text", "done", "in_progress", "skipped", "optional", "body")
    return [f"{prefix}.{name}" for name in names] + [f"{prefix}.subtasks.{name}" for name in names]


_KIRO = "Kiro (kiro.dev) spec-driven development; also cc-sdd"
_LAYOUT = ".kiro/specs/<feature>/ holding requirements.md, design.md, tasks.md"

KIRO_REQUIREMENTS = Format(
    name="kiro-requirements",
    description="Kiro requirements.md: Introduction, Glossary, `### Requirement N` with user story and EARS criteria",
    tool=_KIRO,
    origin="Kiro spec requirements.md as Kiro writes it; blank template in plancore's own words",
    layout=_LAYOUT,
    read=_read_requirements,
    holds=frozenset(
        [
            "metadata.title",
            "summary",
            "requirements.id",
            "requirements.title",
            "requirements.user_story",
            "requirements.notes",
            "requirements.criteria.id",
            "requirements.criteria.text",
            "extra_sections",
        ]
    ),
    markers=((r"^# Requirements Document", 3.0), (r"^\*\*User Story:\*\*", 2.0)),
)

KIRO_DESIGN = Format(
    name="kiro-design",
    description="Kiro design.md: Overview, Architecture, Components and Interfaces, Data Models, Testing Strategy",
    tool=_KIRO,
    origin="Kiro spec design.md as Kiro writes it; blank template in plancore's own words",
    layout=_LAYOUT,
    read=_read_design,
    holds=frozenset(
        [
            "metadata.title",
            "architecture.overview",
            "architecture.interactions",
            "data_model.overview",
            "testing.strategy",
            "extra_sections",
        ]
    ),
    markers=((r"^# Design Document", 3.0),),
)

KIRO_TASKS = Format(
    name="kiro-tasks",
    description="Kiro tasks.md: `- [ ] 1. Title` with indented `- [ ] 1.1` sub-tasks and `_Requirements: 1.1_`",
    tool=_KIRO,
    origin="Kiro spec tasks.md (the layout Kiro offers 'Start task' for); blank template in plancore's own words",
    layout=_LAYOUT,
    read=_read_tasks,
    holds=frozenset(["metadata.title", *_task_paths("phases.tasks"), "extra_sections"]),
    carries_sections=False,
    markers=((r"^# Implementation Plan", 2.0), (r"^- \[[ x]\]\*? \d+\. ", 2.0)),
)

KIRO_TASK_BLOCKS = Format(
    name="kiro-task-blocks",
    description="Kiro tasks.md in `## Task N:` blocks with Duration / Priority / Dependencies and sub-sections",
    tool=_KIRO,
    origin="Kiro spec tasks.md, block layout seen in public repositories; blank template in plancore's own words",
    layout=_LAYOUT,
    read=_read_task_blocks,
    holds=frozenset(
        [
            "metadata.title",
            "phases.name",
            "phases.done",
            "phases.estimate",
            "phases.priority",
            "phases.dependencies",
            "phases.description",
            "phases.steps.title",
            "phases.steps.notes",
            *_task_paths("phases.tasks"),
            *_task_paths("phases.steps.tasks"),
            "extra_sections",
        ]
    ),
    carries_sections=False,
    markers=((r"^## Task \d+:", 3.0),),
)

PARTS: Mapping[str, Format] = {
    fmt.name: fmt for fmt in (KIRO_REQUIREMENTS, KIRO_DESIGN, KIRO_TASKS, KIRO_TASK_BLOCKS)
}
"""The part formats of a Kiro folder, by name (not in ``FORMATS``: no part is a plan on its own)."""
