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

  Kiro's marks are ``[ ]``, ``[x]`` and ``[-]`` for the task "Start task" runs (``KIRO_MARKS``: started,
  where the shared reading of ``[-]`` is dropped); Kiro has no mark for a dropped task, which is written
  ``[ ]`` and reported. A task's ID, state, ``(P)``, ``_Requirements:_``, ``_Depends:_`` and ``**Validates: Requirements
  …**`` lines stay in its text and body as written (``Task.id``, ``status``, ``requirements`` read them).

The writer writes new task lists in the ``kiro-tasks`` layout only: it is the layout of Kiro's own
task generation (kiro.dev/docs/specs: tasks.md is a numbered checkbox list; three of the four corpus
folders), the one whose tasks Kiro shows "Start task" for. A ``kiro-task-blocks`` file is written
back in its own layout (byte for byte, edits on their lines).

New requirements.md and design.md files are written in Kiro's layout, a blank line under each
heading (every Kiro-written corpus file); an edit of a file keeps its own layout, cc-sdd's without
those blank lines included, in what the edit adds too (``_gap``, read from the file edited).

``spec.json`` (cc-sdd's state), ``research.md`` and every other file are carried verbatim as
sections headed by their paths, as the Spec Kit feature folder carries its unmodelled files.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from pathlib import Path

import attrs

from .._convert import convert_plan, part_format
from .._crosswalk import (
    activities_as_tasks,
    as_subtask,
    folded_spec,
    foreign_tool_file,
    lone_top_task,
    requirement_ids,
    summary_of_intent,
    top_tasks,
    with_carried_date,
    with_task_id,
    without_carried_date,
)
from .._errors import ParseError
from .._feature import (
    CARRIED_FILE,
    ID_MAP,
    FeatureWrite,
    carried_sections,
    folder_source,
    from_tasks_file,
    read_text,
    unfenced,
)
from .._files import holds, write_files
from .._format import PART_FORMATS, Format, own_headings
from .._loss import Loss
from .._markdown import Node, label_value, normalize_title, outline
from .._model import (
    Architecture,
    Criterion,
    DataModel,
    Metadata,
    Phase,
    Plan,
    Requirement,
    Section,
    Source,
    Step,
    Subtask,
    Task,
    Testing,
    is_empty,
)
from .._reading import FRONT, Block, Sections, blocks, cut_done, prose, rest, strip_title, tidy
from .._vocabulary import HEADINGS, LABELS, alternation, heading_pattern, label_words
from .speckit_tasks import MARKS, Marks, task_item

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
# A requirement's heading and its labels in English or translated (the shared vocabulary's words), the
# colon ASCII or full-width (``### 需求 1\uff1a离线编辑``).
_REQUIREMENT = re.compile(
    r"^(?:requirement|" + alternation(LABELS["requirement"]) + r")(?:\s+(?P<id>[^\s:\uff1a]+))?\s*"
    r"(?:[:\uff1a]\s*(?P<title>.*))?$",
    re.IGNORECASE,
)
_STORY_LABELS = ("user story", "objective", *label_words("user_story"))
_CRITERIA = re.compile(
    r"^(?:acceptance\s+criteria|" + alternation(HEADINGS["acceptance_criteria"]) + r")$", re.IGNORECASE
)
_CRITERION = re.compile(r"^\d+[.)]$")
_TASK_BLOCK = re.compile(r"^task\s+[\w.]+\s*(?:[:.\-–—]\s*)?(.*)$", re.IGNORECASE)
_BLOCK_LABELS = {"duration": "estimate", "estimate": "estimate", "priority": "priority", "dependencies": "dependencies"}

# Field key -> normalized heading titles: Kiro's English, and the shared vocabulary's translations.
REQUIREMENTS_SECTIONS = {
    "summary": [r"introduction", heading_pattern("introduction")],
    "requirements": [r"requirements", heading_pattern("requirements")],
}
DESIGN_SECTIONS = {
    "architecture.overview": [r"overview", heading_pattern("overview")],
    "architecture.interactions": [r"architecture", heading_pattern("architecture")],
    "data_model.overview": [r"data models?", heading_pattern("data_model")],
    "testing.strategy": [r"testing strategy", heading_pattern("testing")],
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
        if block.item is not None:
            # ``1. WHEN ...`` (its number the ID) or a bullet (no ID).
            text = block.item.text + ("\n" + block.item.body if block.item.body else "")
            number = block.item.marker[:-1] if _CRITERION.match(block.item.marker) else ""
            found.append(Criterion(id=number, text=text.rstrip()))
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
            if pair is not None and pair[0].casefold().rstrip(":\uff1a") in _STORY_LABELS:
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


# Kiro's "Start task" marks the task it runs ``[-]``, then ``[x]`` (kirodotdev/Kiro#8859, #9185): there
# ``[-]`` is work begun, not work dropped (the shared reading, Obsidian Tasks'). Kiro has no mark for a
# dropped task.
KIRO_MARKS: Marks = {**MARKS, "[-]": (False, True, False)}


def _kiro_mark(task: Task | Subtask) -> str:
    """Kiro's check box for ``task``: ``[x]`` done, ``[-]`` begun, else ``[ ]`` (a skipped one too: Kiro
    has no mark for it, the conversion reports it), ``*`` after it for an optional one."""
    mark = "[x]" if task.done else "[-]" if task.in_progress else "[ ]"
    return mark + ("*" if task.optional else "")


# A top task's closing ``**Checkpoint**:`` paragraph (``_phase_notes``: a phase's checkpoint, last of its notes).
_CHECKPOINT_NOTE = re.compile(r"(?:\A|\n\n)(?P<note>\*\*Checkpoint\*\*: [^\n]*)\Z")


def _closing(task: Task) -> tuple[str, str]:
    """``task``'s body as written before its sub-tasks and after them: a closing checkpoint (what can be
    checked once they are done) after them, as Spec Kit writes it below its tasks; Kiro reads both parts
    back as the task's body, in this order."""
    found = _CHECKPOINT_NOTE.search(task.body) if task.subtasks else None
    if found is None:
        return task.body, ""
    return task.body[: found.start()], found["note"]


def _checklist(body: str, marks: Marks = KIRO_MARKS) -> tuple[list[Block], list[Task]]:
    found: list[Block] = []
    tasks: list[Task] = []
    for block in blocks(body):
        if block.item is not None:
            task = task_item(block.item, marks)
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
    if tasks and nodes:
        # The checklist stands above the first heading: the sections under headings follow the phases
        # (as the writer places them), not the title, before the checklist.
        sections.mark(nodes[0], "phases")
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
    found, tasks = _checklist(node.body, MARKS)
    steps = []
    for child in node.children:
        sections.mark(child, "phases")
        inner, inner_tasks = _checklist(child.content, MARKS)
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


def _task_paths(prefix: str, *, skipped: bool = True) -> list[str]:
    names = ("text", "done", "in_progress", *(("skipped",) if skipped else ()), "optional", "body")
    return [f"{prefix}.{name}" for name in names] + [f"{prefix}.subtasks.{name}" for name in names]


_KIRO = "Kiro (kiro.dev) spec-driven development; also cc-sdd"
_LAYOUT = ".kiro/specs/<feature>/ holding requirements.md, design.md, tasks.md"

# A section's first line right under its heading (cc-sdd), or after a blank line (Kiro).
_TIGHT = re.compile(r"^#{2,6}[ \t].*\n(?![ \t]*(?:#|\n|$))", re.MULTILINE)
_LOOSE = re.compile(r"^#{2,6}[ \t].*\n[ \t]*\n(?![ \t]*(?:#|\n|$))", re.MULTILINE)


def _gap(like: str) -> str:
    """The blank line under a section's heading in a text like ``like``: Kiro's ("\\n") for a new
    file (``like`` empty) and a file that writes one, none for one that writes none (cc-sdd)."""
    return "" if len(_TIGHT.findall(like)) > len(_LOOSE.findall(like)) else "\n"


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
    writer_data={"gap": _gap},
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
    writer_data={"gap": _gap},
)

KIRO_TASKS = Format(
    name="kiro-tasks",
    description="Kiro tasks.md: `- [ ] 1. Title` with indented `- [ ] 1.1` sub-tasks and `_Requirements: 1.1_`",
    tool=_KIRO,
    origin="Kiro spec tasks.md (the layout Kiro offers 'Start task' for); blank template in plancore's own words",
    layout=_LAYOUT,
    read=_read_tasks,
    holds=frozenset(["metadata.title", *_task_paths("phases.tasks", skipped=False), "extra_sections"]),
    carries_sections=False,
    markers=((r"^# Implementation Plan", 2.0), (r"^- \[[ x]\]\*? \d+\. ", 2.0)),
    writer_data={"kiro_mark": _kiro_mark, "closing": _closing},
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

PARTS: Mapping[str, Format] = {fmt.name: fmt for fmt in (KIRO_REQUIREMENTS, KIRO_DESIGN, KIRO_TASKS, KIRO_TASK_BLOCKS)}
"""The part formats of a Kiro folder, by name (not in ``FORMATS``: no part is a plan on its own)."""
PART_FORMATS.update(PARTS)


_MODELLED = (REQUIREMENTS, DESIGN, TASKS)
# The top-level plan fields each file holds: the file a section placed after one of them goes back to.
_FIELDS = {
    REQUIREMENTS: ("summary", "requirements"),
    DESIGN: ("architecture", "data_model", "testing"),
    TASKS: ("phases",),
}
_SPECS = re.compile(r"^\.kiro$")
_KIRO_TASK = re.compile(r"^[ \t]*- \[[ xX~\-]\]\*?[ \t]+\d+\.", re.MULTILINE)
_BLOCK_HEADING = re.compile(r"^## Task \d+", re.MULTILINE)


def _tasks_format(text: str) -> Format:
    """The layout of a tasks.md: ``## Task N:`` blocks without a Kiro checklist, or the checklist."""
    return KIRO_TASK_BLOCKS if _BLOCK_HEADING.search(text) and not _KIRO_TASK.search(text) else KIRO_TASKS


def is_kiro_folder(path: str | Path) -> bool:
    """Whether ``path`` is a Kiro spec folder.

    Args:
        path: a folder (``.kiro/specs/login/``).

    Returns:
        ``True`` for a folder holding ``requirements.md`` or ``design.md`` and no ``plan.md``, or only a
        ``tasks.md`` in a Kiro layout (``- [ ] 1. Title`` or ``## Task 1:``) in a folder under ``.kiro/``;
        ``False`` otherwise (a file, a Spec Kit feature folder). Raises nothing.

    >>> import plancore, tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "requirements.md").write_text("# Requirements Document\\n")
    >>> is_kiro_folder(folder)
    True
    """
    folder = Path(path)
    if not folder.is_dir() or (folder / "plan.md").exists():
        return False
    if (folder / REQUIREMENTS).is_file() or (folder / DESIGN).is_file():
        return True
    tasks = folder / TASKS
    if not tasks.is_file() or not any(_SPECS.match(part) for part in folder.resolve().parts):
        return False
    try:
        text = tasks.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    return bool(_KIRO_TASK.search(text) or _BLOCK_HEADING.search(text))


def _parts(folder: Path) -> dict[str, Plan]:
    """Each Kiro file's plan, read by its part format."""
    parts: dict[str, Plan] = {}
    for name in _MODELLED:
        path = folder / name
        if not path.is_file():
            continue
        text = read_text(path)
        fmt = {REQUIREMENTS: KIRO_REQUIREMENTS, DESIGN: KIRO_DESIGN}.get(name) or _tasks_format(text)
        if not text.strip():
            raise ParseError("empty file", path=str(path))
        try:
            parts[name] = fmt.parse(text)
        except ParseError as error:
            error.path = error.path or str(path)
            raise
        except Exception as error:  # a reader fault is reported as the file's, never as a traceback
            raise ParseError(f"cannot be read as {fmt.name} ({type(error).__name__})", path=str(path)) from None
    return parts


def _layout(part: Plan) -> Format:
    """The part format a file was read in."""
    name = part.source.format if part.source is not None else KIRO_DESIGN.name
    return PARTS[name]


def _title_of(parts: Iterable[Plan], folder: Path) -> str:
    """The folder's title: the first a file gives (requirements.md, design.md, tasks.md), else the feature's
    name, which Kiro gives its folder (``.kiro/specs/user-authentication/``)."""
    return next((part.metadata.title for part in parts if part.metadata.title), folder.name)


def _owner(section: Section, plan: Plan) -> str:
    """The Kiro file a section of ``plan`` goes to: the one holding the field it follows; else, for text
    without a heading in a plan read from a folder, requirements.md when the file it was read from holds
    requirements (spec.md's header); a headed section of a folder's tasks file: tasks.md; else design.md (in
    tasks.md, text above the checklist, front matter's ``---`` say, may take it for a heading's)."""
    parts = plan.source.parts if isinstance(plan.source, Source) else ()
    part = next((part for part in parts if section in part.plan.extra_sections), None)
    read_as = part_format(part.format) if part is not None else None
    held = {path.split(".")[0] for path in read_as.holds} if read_as is not None else set()
    top = section.after.split(".")[0]
    found = next((name for name, fields in _FIELDS.items() if top in fields), None)
    if found is None and "requirements" in held:
        # A section of a file of requirements (an OpenSpec spec's Overview, its title block) stays with them.
        return REQUIREMENTS
    if section.level > 1 and (top == "phases" or from_tasks_file(section, plan)):
        # A tasks file's own sections (Spec Kit's tasks.md Overview, Task Format, Testing Strategy), and those
        # that follow the tasks (a Kiro tasks.md's, read without its folder), stay with them, whatever design.md's
        # headings are.
        return TASKS
    if section.level == 2:
        # Under a heading of a Kiro file's own (a design's Overview carried through plan.md): that file.
        for name in (DESIGN, REQUIREMENTS):
            if _is_own(section, name):
                return name
    return found or DESIGN


# The field whose section a file's sections that followed no field come after: requirements.md's Introduction
# (a spec's overview introduces its requirements), design.md's last own section.
_LAST_OWN = {REQUIREMENTS: "summary", DESIGN: "testing.strategy"}
_FILE_TITLE = re.compile(r"^[^:]+:\s*(?P<name>.+)$")


def _is_own(section: Section, name: str) -> bool:
    """Whether ``section`` is headed as a section of Kiro file ``name``'s own (design.md's Testing Strategy)."""
    own = {REQUIREMENTS: KIRO_REQUIREMENTS, DESIGN: KIRO_DESIGN}[name]
    return any(normalize_title(heading.value) == normalize_title(section.heading) for heading in own_headings(own))


def _fills(section: Section, plan: Plan) -> str:
    """The field of design.md's own section that ``section`` is headed as, when ``plan`` leaves it empty (a
    Spec Kit plan.md's ``## Testing Strategy``): the section is that field's text, wherever it stood; else ``""``."""
    title = normalize_title(section.heading)
    values = {
        "architecture.overview": plan.architecture.overview,
        "architecture.interactions": plan.architecture.interactions,
        "data_model.overview": plan.data_model.overview,
        "testing.strategy": plan.testing.strategy,
    }
    found = (key for key, patterns in DESIGN_SECTIONS.items() for pattern in patterns if re.fullmatch(pattern, title))
    key = next(found, "") if section.level == 2 else ""
    return key if key and not values[key] else ""


def _repeats_header(section: Section, plan: Plan) -> bool:
    """Whether ``section`` is another file's title block saying again what the plan's header says: a
    top heading ``Kind: <the plan's title>`` over lines each of which the header holds (OpenSpec's tasks.md
    ``# Implementation Tasks: X`` over the proposal's ``**Change ID:**``). Kiro's files each have their own
    title, so such a block is written once, in the header."""
    named = _FILE_TITLE.match(section.heading) if section.level == 1 else None
    if named is None or normalize_title(named["name"]) != normalize_title(plan.metadata.title):
        return False
    header = {
        line.strip()
        for kept in plan.extra_sections
        if kept.level == 0 and kept.after == "metadata.title"
        for line in kept.body.split("\n")
    }
    lines = [line.strip() for line in section.body.split("\n") if line.strip()]
    return all(line in header for line in lines)


def read_kiro(path: str | Path) -> Plan:
    """Read a Kiro spec folder into one plan.

    Args:
        path: the folder (``.kiro/specs/login/``) holding any of ``requirements.md``, ``design.md``,
            ``tasks.md`` and other files (cc-sdd's ``spec.json``, ``research.md``).

    Returns:
        The ``Plan``: ``metadata.title`` the first title a file gives (``# Design Document: Login``);
        from requirements.md ``summary`` (Introduction) and ``requirements``; from design.md
        ``architecture.overview`` (Overview), ``architecture.interactions`` (Architecture),
        ``data_model.overview`` (Data Models), ``testing.strategy`` (Testing Strategy); from tasks.md
        ``phases`` (one unnamed phase of the checklist's tasks, or a phase per ``## Task N:`` block).
        Every other section is an ``extra_sections`` entry in place (requirements.md's first, then
        design.md's, then tasks.md's); every other file one headed by its path holding its text in a fence.

    Raises:
        ParseError: ``path`` is no Kiro folder, or a file cannot be read (naming the file).

    >>> import plancore, tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "tasks.md").write_text("# Implementation Plan\\n\\n- [x] 1. Add it\\n  - _Requirements: 1.2_\\n")
    >>> _ = (folder / "requirements.md").write_text("# Requirements Document\\n")
    >>> task = read_kiro(folder).phases[0].tasks[0]
    >>> task.id, task.status, task.requirements
    ('1', 'done', ('1.2',))
    """
    folder = Path(path)
    if not is_kiro_folder(folder):
        raise ParseError(f"{folder}: no Kiro spec folder (it holds none of requirements.md, design.md, tasks.md)")
    parts = _parts(folder)
    empty = Plan()
    requirements, design, tasks = (parts.get(name, empty) for name in _MODELLED)
    title = _title_of((requirements, design, tasks), folder)
    extras = [section for part in (requirements, design, tasks) for section in part.extra_sections]
    extras += carried_sections(folder, _MODELLED, "")
    architecture = design.architecture
    if architecture.overview and architecture.overview == requirements.summary:
        # The Overview written from the summary (``_overview``) is the summary, once.
        architecture = attrs.evolve(architecture, overview="")
    read = Plan(
        metadata=Metadata(title=title),
        summary=requirements.summary,
        requirements=requirements.requirements,
        architecture=architecture,
        data_model=design.data_model,
        testing=design.testing,
        phases=tasks.phases,
        extra_sections=tuple(extras),
        headings=requirements.headings + design.headings + tasks.headings,
    )
    return folder_source(with_carried_date(read), "kiro", parts.values(), folder)


# Spec Kit's task IDs (``T001`` through the file), which Kiro writes by place (``1.``, ``1.1``).
_SPEC_KIT_ID = re.compile(r"T\d+")


def _by_place(phases: tuple[Phase, ...]) -> tuple[tuple[Phase, ...], tuple[tuple[str, str], ...], tuple[Loss, ...]]:
    """A lone phase's tasks, each and its sub-tasks numbered as Spec Kit numbers them (``T001``, ``T002``), as
    Kiro numbers them (``1.``, ``1.1``), with the IDs given (new, the text as it was); else ``phases`` as they are."""
    items = [item for phase in phases for task in phase.tasks for item in (task, *task.subtasks)]
    if not items or not all(_SPEC_KIT_ID.fullmatch(item.id) for item in items):
        return phases, (), ()
    given: list[tuple[str, str]] = []
    tasks = []
    for number, task in enumerate(phases[0].tasks, start=1):
        given.append((str(number), task.text))
        subtasks = []
        for place, sub in enumerate(task.subtasks, start=1):
            given.append((f"{number}.{place}", sub.text))
            subtasks.append(with_task_id(sub, f"{number}.{place}"))
        tasks.append(attrs.evolve(with_task_id(task, f"{number}."), subtasks=tuple(subtasks)))
    return (attrs.evolve(phases[0], tasks=tuple(tasks)),), tuple(given), ()


def _as_kiro_tasks(
    phases: tuple[Phase, ...], sections: tuple[Section, ...] = ()
) -> tuple[tuple[Phase, ...], tuple[tuple[str, str], ...], tuple[Loss, ...], tuple[Section, ...]]:
    """Phases as Kiro writes tasks: one unnamed phase of top tasks. A phase holding more than tasks
    (a name, a goal: a format with phases) becomes a top task ``N. Name`` (``N`` its place, an ID it is
    given and that is returned; ``Phase N`` when it has no name) with its tasks, and its groups' tasks,
    as sub-tasks; its other parts are the top task's body, as labelled lines, and last its own sections
    among ``sections`` (placed after ``phases.I``: a SpecPulse phase's ``#### Code`` after its task lists),
    each titled in bold; those are returned. A sub-task's own sub-tasks stay in its body, as lines. A lone
    phase of tasks only is written as it is. A phase's own number (``Phase 0``) other than ``N`` is
    returned as a ``Loss``."""
    if len(phases) <= 1 and all(phase == Phase(tasks=phase.tasks) for phase in phases):
        return (*_by_place(phases), ())
    taken: list[Section] = []
    tops: list[Task] = []
    given: list[tuple[str, str]] = []
    losses: list[Loss] = []
    for number, phase in enumerate(phases, start=1):
        if phase == Phase(tasks=phase.tasks):
            tops.extend(phase.tasks)
            continue
        name = phase.name or f"Phase {number}"
        given.append((str(number), name))
        if phase.number and phase.number != str(number):
            # Kiro's top tasks are numbered 1, 2, 3 (every corpus tasks.md; none names a phase in a title):
            # a numbering of the author's own (``Phase 0``) has no place there.
            reason = f"Kiro numbers its top tasks from 1: {name!r} is task {number} in tasks.md"
            losses.append(Loss(path=f"phases[{number - 1}].number", reason=reason, value=phase.number))
        tasks = (*phase.tasks, *(task for step in phase.steps for task in step.tasks))
        # Its own sections: below a document's top heading (a level-1 one is a part of its own).
        own = [s for s in sections if s.after == f"phases.{number - 1}" and s.level != 1]
        taken += own
        notes = [*_phase_notes(phase), *map(_note_of, own)]
        lone = None if phase.steps else lone_top_task(phase, str(number))
        if lone is not None:
            # A lone top task as a phase of itself (its title the phase's name): that task again, not over itself.
            tops.append(attrs.evolve(lone, body="\n\n".join(note for note in (lone.body, *notes) if note)))
            continue
        subtasks = tuple(as_subtask(task, _subtask_line) for task in tasks)
        tops.append(
            Task(
                text=f"{number}. {name}",
                # Kiro ticks a task once every sub-task is done: a phase done in all its tasks is done.
                done=phase.done or (bool(subtasks) and all(task.done for task in subtasks)),
                body="\n\n".join(notes),
                subtasks=subtasks,
            )
        )
    return (Phase(tasks=tuple(tops)),), tuple(given), tuple(losses), tuple(taken)


def _phase_notes(phase: Phase) -> list[str]:
    """A phase's parts other than its name and tasks, as the paragraphs of its top task's body."""
    labelled = [
        f"**{label}**: {value}"
        for label, value in (
            ("Priority", phase.priority),
            ("Estimate", phase.estimate),
            ("Dependencies", phase.dependencies),
        )
        if value
    ]
    notes = [phase.goal, "  \n".join(labelled), phase.description]
    for step in phase.steps:
        files = f"Files: {', '.join(step.files)}" if step.files else ""
        notes.append("\n".join(part for part in (f"**{step.title}**" if step.title else "", step.notes, files) if part))
    if phase.deliverables:
        # Each a detail bullet of the top task's, labelled: under one ``**Deliverables**:`` line, the sub-tasks
        # that follow the list (Kiro's nested checkboxes) read as more of it.
        notes.append("\n".join(_plain_item(item, "**Deliverable**: ") for item in phase.deliverables))
    notes.append(f"**Checkpoint**: {phase.checkpoint}" if phase.checkpoint else "")
    return [note for note in notes if note]


def _note_of(section: Section) -> str:
    """A phase's own section as a paragraph of its top task's body: a heading there (inside the list item)
    would read as the heading of the sub-tasks after it; the title in bold, as a step's is."""
    return "\n\n".join(part for part in (f"**{section.heading}**" if section.heading else "", section.body) if part)


def _plain_item(task: Task | Subtask, label: str = "") -> str:
    """``task`` as a list item without a check mark (one in a top task's body would read as its
    sub-task), after ``label``: its state in words after it, its body and sub-tasks indented under it."""
    state = [task.status] if task.status != "todo" else []
    state += ["optional"] if task.optional else []
    lines = [f"- {label}{task.text}" + (f" ({', '.join(state)})" if state else "")]
    if task.body:
        lines.append("\n".join("  " + line if line else line for line in task.body.split("\n")))
    for sub in task.subtasks if isinstance(task, Task) else ():
        lines.append("\n".join("  " + line if line else line for line in _plain_item(sub).split("\n")))
    return "\n".join(lines)


def _subtask_line(task: Subtask) -> str:
    # Kiro has no mark for a dropped task: a line in a body says so in words.
    text = f"{task.text} (skipped)" if task.skipped and not task.done else task.text
    body = "\n".join("  " + line if line else line for line in task.body.split("\n")) if task.body else ""
    return f"- {_kiro_mark(task)} {text}" + ("\n" + body if body else "")


def _part(plan: Plan, name: str) -> Plan:
    """The part of ``plan`` that Kiro file ``name`` holds (its fields only)."""
    if name == REQUIREMENTS:
        return Plan(summary=plan.summary, requirements=plan.requirements)
    if name == TASKS:
        return Plan(phases=plan.phases)
    return Plan(
        architecture=Architecture(overview=plan.architecture.overview, interactions=plan.architecture.interactions),
        data_model=DataModel(overview=plan.data_model.overview),
        testing=Testing(strategy=plan.testing.strategy),
    )


def _overview(plan: Plan, sections: Iterable[Section]) -> str:
    """A new design.md's Overview: the plan's architecture overview; else its summary (a Spec Kit plan.md's
    Summary is its primary requirement and technical approach: what Kiro's Overview says), unless one of
    design.md's ``sections`` is headed as the Overview (it is the Overview's text). requirements.md's
    Introduction holds the summary too; a design whose Overview repeats it is read back without it."""
    if plan.architecture.overview or any(_fills(section, plan) == "architecture.overview" for section in sections):
        return plan.architecture.overview
    return plan.summary


def _without_sample_architecture(text: str) -> str:
    """A new design.md's ``text`` without its Architecture section when that holds only the template's sample:
    beside an Overview of the author's (a diagram, SmartSpec's System Context) it reads as a part left to do,
    and a Kiro design is read back the same without it."""
    sample = KIRO_DESIGN.template_plan.architecture.interactions
    for node in outline(text).roots:
        for child in node.children:
            alone = child.level == 2 and child.title == "Architecture" and not child.children
            if alone and text[child.body_start : child.end].strip() == sample:
                return text[: child.start] + text[child.end :]
    return text


def _with_part(target: Plan, part: Plan, name: str) -> Plan:
    """``target`` with the fields of Kiro file ``name`` taken from ``part``."""
    return attrs.evolve(target, **{field: getattr(part, field) for field in _FIELDS[name]})


def write_kiro(plan: Plan, path: str | Path) -> FeatureWrite:
    """Write ``plan`` as a Kiro spec folder.

    Args:
        plan: the ``Plan``.
        path: the folder (``.kiro/specs/login/``); created when missing. Files it holds that the plan
            does not produce are left alone.

    Returns:
        A ``FeatureWrite``: the files written (relative paths) and the IDs given. ``requirements.md``
        gets the summary and requirements (a filled plan without any gets no sample one; a plan without
        any whose ``Requirements`` section is a folder's spec.md carried into a single file has them read
        from it, renumbered as Kiro numbers them); ``design.md`` the
        architecture overview and interactions,
        the data model overview and testing strategy, and every part of the plan Kiro has no file for
        (in its appendix, listed in ``losses``); ``tasks.md`` the phases in Kiro's checklist layout
        (a named phase is a top task ``N. Name``, its tasks sub-tasks under it: the ``N`` given are
        in ``ids`` and the ID map ``.plancore-task-ids.json``, a phase's own other number, ``Phase 0``, in
        ``losses``; task texts, IDs and marks as they are, Spec Kit's ``T001``... too, and a SmartSpec
        phase's activities, its sub-tasks ``N.1``...);
        an extra section headed by a file's path holding one fence (``spec.json``) as that file.
        A folder read and written back is unchanged byte for byte; an edit rewrites only the files
        (and lines) it touches.

    Raises:
        ParseError: a file of the folder cannot be read.
        EmitError: a part cannot be written (a fault of plancore's).
        OSError: the folder cannot be written.

    >>> import plancore, tempfile, pathlib
    >>> plan = plancore.Plan(phases=(plancore.Phase(tasks=(plancore.Task(text="1. Add it", done=True),)),))
    >>> write_kiro(plan, pathlib.Path(tempfile.mkdtemp())).written
    ('requirements.md', 'design.md', 'tasks.md')
    """
    folder = Path(path)
    # Another tool's state file (OpenSpec's .openspec.yaml) is not copied in, but reported with what it says (its date
    # too, which no Kiro file has a place for).
    plan = without_carried_date(plan)
    foreign = [
        Loss(
            path=f"extra_sections[{index}]",
            reason=f"{section.heading} is another tool's: not copied",
            value=unfenced(section.body) or section.body,
        )
        for index, section in enumerate(plan.extra_sections)
        if foreign_tool_file(section, "kiro")
    ]
    if foreign:
        kept = tuple(section for section in plan.extra_sections if not foreign_tool_file(section, "kiro"))
        plan = attrs.evolve(plan, extra_sections=kept)
    # A folder's spec.md carried into a single file (its user stories in a section ``Requirements``) comes
    # back as Kiro's requirements: left a section, it stood below the sample requirement (trial s13 T2).
    # Before the IDs: a story's ``US1`` is Kiro's requirement ``1``, and the tasks' links follow.
    plan, renamed, unlinked = requirement_ids(folded_spec(plan), "kiro")
    # A change's Why and What Changes are what its requirements introduce: requirements.md's Introduction.
    plan = summary_of_intent(plan)
    old = _parts(folder) if folder.is_dir() else {}
    blocks_file = TASKS in old and _layout(old[TASKS]) is KIRO_TASK_BLOCKS
    # Numbered groups (OpenSpec's) are the numbered top tasks they were made of, not top tasks over them.
    # A phase's own sections (after ``phases.N``) go with it, into its top task, not after the last task.
    phases, given, renumbered, taken = (
        (plan.phases, (), (), ())
        if blocks_file
        else _as_kiro_tasks(top_tasks(activities_as_tasks(plan, KIRO_TASKS).phases), plan.extra_sections)
    )
    plan = attrs.evolve(plan, extra_sections=tuple(s for s in plan.extra_sections if s not in taken))
    plan = attrs.evolve(plan, phases=phases)
    # The title a folder read gives: a file keeps its own heading until the title is edited.
    folders = ("kiro folder", "openspec folder")
    read = plan.source if isinstance(plan.source, Source) and plan.source.format in folders else None
    # The title a Kiro folder's (or an OpenSpec change's) name gave, no file's: Kiro's files are written
    # untitled, as a Kiro folder's were read.
    named_by_folder = (
        read is not None
        and read.plan.metadata.title == plan.metadata.title
        and not _title_of((part.plan for part in read.parts), Path())
    )
    kept_title = named_by_folder or _title_of(old.values(), folder) == plan.metadata.title
    texts: dict[str, str] = {}
    owned = {name: list(part.extra_sections) for name, part in old.items()}
    sections: dict[str, list[Section]] = {name: [] for name in _MODELLED}
    firsts: dict[str, list[Section]] = {name: [] for name in _MODELLED}
    for section in plan.extra_sections:
        text = unfenced(section.body)
        if section.level == 2 and text is not None and CARRIED_FILE.fullmatch(section.heading):
            if section.heading not in _MODELLED and not holds(folder / section.heading, text):
                texts[section.heading] = text
            continue
        owner = next((name for name, kept in owned.items() if section in kept), None)
        if owner is not None:
            owned[owner].remove(section)
        if owner is None:
            if _repeats_header(section, plan):
                continue
            owner = _owner(section, plan)
            if section.level == 0 and section.after == FRONT:
                # Front matter stays front matter, above the title of the file it goes to (below it, it would read
                # as a rule and a heading); a tasks file's (Spec Kit's ``description:``) is Kiro's tasks.md's.
                owner = TASKS if from_tasks_file(section, plan) else owner
            elif section.level == 0 and section.after.split(".")[0] not in _FIELDS[owner]:
                # Text from another file's header stands under the title of the file it goes to.
                section = attrs.evolve(section, after="metadata.title")
            elif (
                section.level > 0
                and owner in _LAST_OWN
                and (not section.after or (owner == DESIGN and bool(_fills(section, plan))))
            ):
                if _is_own(section, owner):
                    # Headed as a section of the file's own, it fills that section: before those following it.
                    firsts[owner].append(section)
                    continue
                # A section that followed no field of the plan comes after the file's own sections, in order.
                section = attrs.evolve(section, after=_LAST_OWN[owner])
            elif owner == TASKS and section.level > 0 and not section.after:
                # Kiro reads a checklist under a heading as that section's text, not as the tasks: a tasks
                # file's sections that stood before its tasks (Spec Kit's Overview, Task Format) follow them.
                section = attrs.evolve(section, after="phases")
        sections[owner].append(section)
    for name, first in firsts.items():
        # After the text under the title (a header's lines), which no heading of theirs may take in.
        at = next((i for i, section in enumerate(sections[name]) if section.level > 0), len(sections[name]))
        sections[name][at:at] = first
    source = plan.source.format if plan.source is not None else "plancore"
    losses: list[Loss] = [*foreign, *renumbered]
    for name in _MODELLED:
        part = _part(plan, name)
        tops = {*_FIELDS[name], "metadata"}
        headings = tuple(heading for heading in plan.headings if heading.label.split(".")[0] in tops)
        if name in old:
            before = old[name]
            tied = old.get(REQUIREMENTS, Plan()).summary
            if name == DESIGN and not plan.architecture.overview and tied and before.architecture.overview == tied:
                # An Overview read as the Introduction's repeat (``read_kiro``) stays that: the summary.
                part = attrs.evolve(part, architecture=attrs.evolve(part.architecture, overview=plan.summary))
            metadata = before.metadata if kept_title else plan.metadata
            changed = attrs.evolve(
                _with_part(before, part, name),
                metadata=metadata,
                extra_sections=tuple(sections[name]),
                headings=headings,
            )
            if changed != before:
                texts[name] = _layout(before).emit(changed)
            continue
        fmt = {REQUIREMENTS: KIRO_REQUIREMENTS, DESIGN: KIRO_DESIGN}.get(name, KIRO_TASKS)
        # The title heads every file; the rest of the header goes to design.md (its appendix) once.
        header = Metadata(title="" if named_by_folder else plan.metadata.title)
        # Requirements go through the crosswalk (their criteria in Kiro's shape); tasks are Kiro's already.
        source_of = plan.source if name == REQUIREMENTS else None
        fresh = attrs.evolve(
            part, metadata=header, extra_sections=tuple(sections[name]), headings=headings, source=source_of
        )
        if name == DESIGN:
            # Design takes what no Kiro file has a place for: the conversion carries it in its appendix.
            fresh = attrs.evolve(
                plan,
                metadata=attrs.evolve(plan.metadata, title=header.title),
                summary="",
                requirements=(),
                phases=(),
                extra_sections=tuple(sections[name]),
                headings=headings,
            )
        if old and is_empty(attrs.evolve(fresh, metadata=Metadata(), headings=())):
            # A folder that has other Kiro files and nothing for this one: none is made up.
            continue
        if name == DESIGN:
            overview = _overview(plan, sections[name])
            fresh = attrs.evolve(fresh, architecture=attrs.evolve(fresh.architecture, overview=overview))
        # A filled plan without requirements (SmartSpec's) gets no sample requirement: read as the author's, it
        # would be a requirement to do (``plancore check``'s PC001 on every line of it).
        unfilled = "drop" if name == REQUIREMENTS and not plan.requirements and not is_empty(plan) else "keep"
        conversion = convert_plan(fresh, fmt, source=source, unfilled=unfilled)
        text = conversion.text
        # The cut section's blank line before it would stand last.
        texts[name] = text.rstrip("\n") + "\n" * text.endswith("\n") if unfilled == "drop" else text
        if name == DESIGN and fresh.architecture.overview and not fresh.architecture.interactions:
            texts[name] = _without_sample_architecture(texts[name])
        losses += conversion.losses
    if given:
        texts[ID_MAP] = json.dumps(dict(given), indent=2, ensure_ascii=False) + "\n"
    written = write_files(folder, texts)
    return FeatureWrite(path=folder, written=written, ids=given, losses=(*losses, *unlinked), requirement_ids=renamed)
