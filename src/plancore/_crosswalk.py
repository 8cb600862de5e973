"""The crosswalk: where a plan's content lands in a format that does not hold
it in the source's shape, and how it is written there.

Every cross-format rule is a row of ``MOVES`` or ``HOMES``; no format module
knows about any other. A conversion applies them (``crosswalk``) to the
parsed plan before writing it in the target format:

- ``MOVES``: content of a field the target does not hold goes into a field it
  does hold and that is still empty, rewritten in that field's shape (a
  phase's tasks become a step of that phase in aadt; the summary fills the
  rapid Spec Kit's ``## Context`` fence). Rows are tried in order; the first
  that applies takes the content.
- ``HOMES``: a section of the source whose fields the target holds none of is
  carried as its author wrote it, heading and all, after the target section
  the row names (decisions under the target's architecture). A section no
  row names goes after the nearest section before it in the source that the
  target has.

What neither takes is left to the appendix.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable, Sequence
from typing import Any, TypeVar

import attrs

from ._fields import blank, is_code, leaves
from ._format import Format, _templates_dir, normalize_newlines, own_headings
from ._markdown import Node, normalize_title, outline
from ._model import Architecture, Component, FileChange, Labeled, Phase, Plan, Section, Step, Subtask, Task, is_empty

__all__ = [
    "DEFAULTS",
    "HOMES",
    "MOVES",
    "Default",
    "Home",
    "Move",
    "Placement",
    "clear_placeholders",
    "crosswalk",
    "drop_unfilled",
]

_INDEX = re.compile(r"\[\d+\]")
T = TypeVar("T")


@attrs.frozen
class Placement:
    """Where the crosswalk put a field of the source plan: ``path`` (with
    indices, ``phases[0].tasks[1].text``) went into the target's ``field``
    (a field path, or the heading of a carried section). ``into`` are the
    paths of the reshaped plan that hold its content (``phases[0].description``,
    ``extra_sections[3]``): a loss of one of them is a loss of ``path``."""

    path: str
    field: str
    into: tuple[str, ...] = ()


@attrs.frozen
class Origin:
    """The source plan's text, for rows that carry what its author wrote."""

    text: str
    fmt: Format
    plan: Plan
    # The format the plan is being written in.
    target: Format | None = None

    def node(self, key: str) -> Node | None:
        """The source's section for field ``key``, if its text has one."""
        titles = [h.value for h in self.plan.headings if h.label == key]
        titles += [h.value for h in own_headings(self.fmt) if h.label == key]
        wanted = {normalize_title(title) for title in titles}
        return next((node for node in outline(self.text).walk() if node.key in wanted), None)


# A row's writer: the plan with the content of the row's source fields that
# the target does not hold (``lost``, field patterns) moved; the writer leaves
# a target field that is not empty as it is.
Writer = Callable[[Plan, frozenset[str], Origin], Plan]


@attrs.frozen
class Move:
    """Content of ``source`` fields lands in ``target``, written by ``write``."""

    source: tuple[str, ...]
    target: str
    write: Writer = attrs.field(repr=False)
    how: str = ""
    # Whether the row also takes source fields the target holds: a field whose
    # text is in the shape another row writes (a phase's steps as prose) goes
    # back to the field that row took it from; the writer picks by the text.
    held: bool = False


@attrs.frozen
class Home:
    """A section for field ``key`` that the target holds nothing of goes after
    the first of the target's sections ``after`` that it has."""

    key: str
    after: tuple[str, ...]
    how: str = ""


@attrs.frozen
class Default:
    """Items of the list ``items`` that have content take ``value`` for their
    empty ``field`` in a target that holds the field, from a source format
    that has no such field."""

    items: str
    field: str
    value: str
    how: str = ""


def _get(value: Any, path: str) -> Any:
    for name in path.split("."):
        value = getattr(value, name)
    return value


def _set(value: T, path: str, new: Any) -> T:
    name, _, rest = path.partition(".")
    return attrs.evolve(value, **{name: _set(getattr(value, name), rest, new) if rest else new})  # type: ignore[misc]


def _cleared(value: T, path: str) -> T:
    return _set(value, path, type(_get(value, path))())


def _under(pattern: str, key: str) -> bool:
    return pattern == key or pattern.startswith(key + ".")


def _bold_headings(text: str) -> str:
    """``text`` with its headings written as bold lines, so that it can be a
    field's prose (a heading would end the field's section)."""
    lines = []
    fence = ""
    for line in text.split("\n"):
        mark = re.match(r"^ {0,3}(`{3,}|~{3,})", line)
        if mark is not None:
            fence = "" if fence and mark.group(1).startswith(fence) else (fence or mark.group(1))
        heading = re.match(r"^ {0,3}#{1,6}[ \t]+(.*?)[ \t#]*$", line)
        lines.append(f"**{heading.group(1)}**" if heading is not None and not fence else line)
    return "\n".join(lines)


def _shift(text: str, by: int) -> str:
    """``text`` with each heading ``by`` levels deeper (shallower when negative)."""
    if not by:
        return text
    lines = []
    fence = ""
    for line in text.split("\n"):
        mark = re.match(r"^ {0,3}(`{3,}|~{3,})", line)
        if mark is not None:
            fence = "" if fence and mark.group(1).startswith(fence) else (fence or mark.group(1))
        heading = re.match(r"^(#{1,6})([ \t].*|)$", line)
        if heading is not None and not fence:
            level = min(6, max(1, len(heading.group(1)) + by))
            line = "#" * level + heading.group(2)
        lines.append(line)
    return "\n".join(lines)


def _content(node: Node) -> str:
    return _tight(node.content.strip("\n"))


def _tight(text: str) -> str:
    """``text`` with each run of blank lines outside code fences cut to one:
    carried into another format, it is laid out as that format's blocks are."""
    lines: list[str] = []
    fence = ""
    for line in text.split("\n"):
        mark = re.match(r"^ {0,3}(`{3,}|~{3,})", line)
        if mark is not None:
            fence = "" if fence and mark.group(1).startswith(fence) else (fence or mark.group(1))
        if not fence and not line.strip() and lines and not lines[-1].strip():
            continue
        lines.append(line)
    return "\n".join(lines)


# Writers -----------------------------------------------------------------


def _text(source: str, target: str) -> Writer:
    def write(plan: Plan, lost: frozenset[str], _: Origin) -> Plan:
        if not is_empty(_get(plan, target)):
            return plan
        return _cleared(_set(plan, target, _get(plan, source)), source)

    return write


# The titles ``_tasks_to_steps`` gives a step when the phase has no name of its own.
_OWN_STEP_TITLES = ("", "Tasks", "Deliverables")


def _tasks_to_steps(plan: Plan, lost: frozenset[str], _: Origin) -> Plan:
    phases = []
    for phase in plan.phases:
        if phase.steps:
            phases.append(phase)
            continue
        steps = []
        if phase.tasks and "phases.tasks.text" in lost:
            steps.append(Step(title=phase.name or _OWN_STEP_TITLES[1], tasks=phase.tasks))
            phase = attrs.evolve(phase, tasks=())
        if phase.deliverables and "phases.deliverables.text" in lost:
            steps.append(Step(title=_OWN_STEP_TITLES[2], tasks=phase.deliverables))
            phase = attrs.evolve(phase, deliverables=())
        phases.append(attrs.evolve(phase, steps=tuple(steps)))
    return attrs.evolve(plan, phases=tuple(phases))


def _step_title(phase: int, index: int, step: Step) -> str:
    return f"Step {phase}.{index}" + (f": {step.title}" if step.title else "")


def _steps_to_tasks(plan: Plan, lost: frozenset[str], _: Origin) -> Plan:
    """Each step's tasks become the phase's tasks, its files the plan's file
    changes; its title and notes introduce the phase's description."""
    phases = []
    files = list(plan.file_changes)
    if "phases.steps.tasks.text" not in lost:
        # The target has steps (Spec Kit's task groups), only not their files: the files alone move.
        for number, phase in enumerate(plan.phases, 1):
            for index, step in enumerate(phase.steps, 1):
                title = _step_title(number, index, step)
                files.extend(FileChange(path=path, description=title) for path in step.files)
            phases.append(attrs.evolve(phase, steps=tuple(attrs.evolve(step, files=()) for step in phase.steps)))
        return attrs.evolve(plan, phases=tuple(phases), file_changes=tuple(files))
    for number, phase in enumerate(plan.phases, 1):
        # A phase's own tasks and description are its author's, never added to.
        if not phase.steps or phase.tasks or phase.description:
            phases.append(phase)
            continue
        tasks: list[Task] = []
        notes: list[str] = []
        for index, step in enumerate(phase.steps, 1):
            tasks.extend(step.tasks)
            title = _step_title(number, index, step)
            if not plan.file_changes:
                files.extend(FileChange(path=path, description=title) for path in step.files)
                listed = ""
            else:
                listed = "".join(f"\n- `{path}`" for path in step.files)
            if not step.notes and not listed and step.title in (*_OWN_STEP_TITLES, phase.name):
                # A step named only by its phase (as a phase's tasks become one) says nothing more.
                continue
            notes.append(
                f"**{title}**" + (f"\n\n{step.notes}" if step.notes else "") + (f"\n{listed}" if listed else "")
            )
        description = "\n\n".join(notes)
        phases.append(attrs.evolve(phase, tasks=tuple(tasks), steps=(), description=description))
    return attrs.evolve(plan, phases=tuple(phases), file_changes=tuple(files))


def _task_lines(task: Task | Subtask, depth: int = 0) -> str:
    """``task`` as a check-list item, its body and sub-tasks indented under it."""
    pad = "  " * depth
    lines = [f"{pad}- [{'x' if task.done else ' '}] {task.text}"]
    if task.body:
        lines += [f"{pad}  {line}" if line.strip() else "" for line in task.body.split("\n")]
    lines += [_task_lines(sub, depth + 1) for sub in getattr(task, "subtasks", ())]
    return "\n".join(lines)


def _steps_to_prose(plan: Plan, lost: frozenset[str], _: Origin) -> Plan:
    if not lost & {"phases.steps.title", "phases.steps.tasks.text"}:
        # The target has steps, only not every part of them (a task's subtasks): those alone are lost.
        return plan
    phases = []
    for number, phase in enumerate(plan.phases, 1):
        if not phase.steps or phase.description:
            phases.append(phase)
            continue
        parts = []
        for index, step in enumerate(phase.steps, 1):
            lines = [_step_title(number, index, step) + ":"]
            lines += [_task_lines(task) for task in step.tasks]
            lines += [f"- `{path}`" for path in step.files]
            parts.append("\n".join(lines) + (f"\n\n{step.notes}" if step.notes else ""))
        phases.append(attrs.evolve(phase, steps=(), description="\n\n".join(parts)))
    return attrs.evolve(plan, phases=tuple(phases))


_STEP_HEAD = re.compile(r"Step \d+\.\d+(?:: (.*))?:")
_STEP_LINE = re.compile(r"- (?:\[([ x])\](?: (.*))?|`([^`\n]*)`)")


def _prose_to_steps(plan: Plan, lost: frozenset[str], source: Origin) -> Plan:
    """A phase's description written by ``_steps_to_prose`` (and nothing
    else), as the steps it was: there and back, a plan keeps its steps."""
    if _holds(source.fmt, "phases.steps"):
        # A format with steps of its own: a description in that shape is its author's prose.
        return plan
    phases = []
    for phase in plan.phases:
        steps = () if phase.steps else _steps_in(phase.description)
        phases.append(attrs.evolve(phase, steps=steps, description="") if steps else phase)
    return attrs.evolve(plan, phases=tuple(phases))


def _steps_in(text: str) -> tuple[Step, ...]:
    """The steps ``text`` lists in ``_steps_to_prose``'s shape; none when it is not all in that shape."""
    steps: list[Step] = []
    for block in text.split("\n\n") if text else ():
        head, *lines = block.split("\n")
        title = _STEP_HEAD.fullmatch(head)
        items = [_STEP_LINE.fullmatch(line) for line in lines]
        if title is not None and all(items):
            tasks = tuple(Task(text=m.group(2) or "", done=m.group(1) == "x") for m in items if m and m.group(1))
            files = tuple(m.group(3) for m in items if m and m.group(3) is not None)
            steps.append(Step(title=title.group(1) or "", tasks=tasks, files=files))
        elif steps:
            notes = steps[-1].notes
            steps[-1] = attrs.evolve(steps[-1], notes=f"{notes}\n\n{block}" if notes else block)
        else:
            return ()
    return tuple(steps)


def _phase_to_prose(plan: Plan, lost: frozenset[str], _: Origin) -> Plan:
    """A phase's goal, tasks and deliverables the target lacks, as its description."""
    phases = []
    for phase in plan.phases:
        if phase.description:
            phases.append(phase)
            continue
        goal = phase.goal if "phases.goal" in lost else ""
        tasks = phase.tasks if "phases.tasks.text" in lost else ()
        deliverables = phase.deliverables if "phases.deliverables.text" in lost else ()
        texts = [item.text for item in (*tasks, *deliverables)] + [goal]
        # One line where it can be, as SmartSpec's ``- Activities:`` is.
        line = not any(item.done or item.body or item.subtasks for item in (*tasks, *deliverables))
        line = line and not any("\n" in t for t in texts)
        parts = [f"Goal: {goal}"] if goal else []
        for label, items in (("", tasks), ("Deliverables: ", deliverables)):
            if not items:
                continue
            if line:
                parts.append(label + "; ".join(item.text for item in items))
            else:
                marks = "\n".join(_task_lines(item) for item in items)
                parts.append((label.rstrip() + "\n\n" if label else "") + marks)
        if not parts:
            phases.append(phase)
            continue
        description = (". " if line else "\n\n").join(parts)
        phases.append(
            attrs.evolve(
                phase,
                description=description,
                goal="" if goal else phase.goal,
                tasks=() if tasks else phase.tasks,
                deliverables=() if deliverables else phase.deliverables,
            )
        )
    return attrs.evolve(plan, phases=tuple(phases))


def _description_to_tasks(plan: Plan, lost: frozenset[str], _: Origin) -> Plan:
    phases = tuple(
        attrs.evolve(phase, tasks=(Task(text=phase.description),), description="")
        if phase.description and not phase.tasks
        else phase
        for phase in plan.phases
    )
    return attrs.evolve(plan, phases=phases)


def _technology_to_stack(plan: Plan, lost: frozenset[str], _: Origin) -> Plan:
    if plan.architecture.tech_stack:
        return plan
    stack = tuple(
        Labeled(label=component.name, value=component.technology)
        for component in plan.architecture.components
        if component.technology
    )
    components = tuple(attrs.evolve(c, technology="") for c in plan.architecture.components)
    architecture = attrs.evolve(plan.architecture, tech_stack=stack, components=components)
    return attrs.evolve(plan, architecture=architecture)


def _item_parts_to(items: str, target: str, parts: Sequence[tuple[str, str]]) -> Writer:
    """Each item's one-line parts ``parts`` (field, label) the target lacks, as
    ``Label: value`` lines joined by ``; `` in the item's empty field ``target``
    (a table cell: one line)."""

    def write(plan: Plan, lost: frozenset[str], _: Origin) -> Plan:
        changed = []
        for item in _get(plan, items):
            values = [(name, label, getattr(item, name)) for name, label in parts]
            taken = [
                (name, label, value)
                for name, label, value in values
                if value and "\n" not in value and f"{items}.{name}" in lost
            ]
            # An unnamed item is no row a reader can find its details in.
            if getattr(item, target) or not taken or not getattr(item, "name", ""):
                changed.append(item)
                continue
            text = "; ".join(f"{label}: {value}" for _, label, value in taken)
            changed.append(attrs.evolve(item, **{target: text}, **{name: "" for name, _, _ in taken}))
        return _set(plan, items, tuple(changed))

    return write


_DETAILS = (
    ("technology", "Technology"),
    ("location", "Location"),
    ("dependencies", "Depends on"),
    ("dependents", "Used by"),
    ("current", "Current"),
    ("change", "Change"),
    ("risk", "Risk"),
)


def _component_details(plan: Plan, lost: frozenset[str], source: Origin) -> Plan:
    """Each named component's details the target lacks (those no row put in a
    column of its table), and notes of several lines where its table's cell
    cannot hold them, as its maestro-like block after the components: its
    name in bold, a labeled line per detail, then its notes."""
    holds = source.target.holds if source.target is not None else frozenset[str]()
    # In a table cell, notes of several lines would break the table.
    one_line = source.target is not None and not _holds_notes_lines(source.target)
    components = []
    blocks = []
    for component in plan.architecture.components:
        taken = [(name, label) for name, label in _DETAILS if getattr(component, name)]
        taken = [(name, label) for name, label in taken if f"architecture.components.{name}" not in holds]
        held = "architecture.components.notes" in holds and not (one_line and "\n" in component.notes)
        notes = component.notes if not held else ""
        if not component.name or not (taken or notes):
            components.append(component)
            continue
        values = [(label, getattr(component, name)) for name, label in taken]
        lines = "\n".join(f"- **{label}:** {value}" for label, value in values if "\n" not in value)
        # A detail of several lines (a list of changes) is a paragraph under its label.
        long = [f"**{label}:**\n\n{value}" for label, value in values if "\n" in value]
        block = "\n\n".join(part for part in (f"**{component.name}**", lines, *long, notes) if part)
        # A heading in its notes would end the block: it is a bold line there.
        blocks.append(_bold_headings(block))
        cleared = {name: "" for name, _ in taken} | ({"notes": ""} if notes else {})
        components.append(attrs.evolve(component, **cleared))
    if not blocks:
        return plan
    section = Section(heading="", level=0, body="\n\n".join(blocks), after="architecture.components")
    architecture = attrs.evolve(plan.architecture, components=tuple(components))
    return attrs.evolve(plan, architecture=architecture, extra_sections=(*plan.extra_sections, section))


# Per target format's name: whether it writes a component's notes of several lines so that they read back.
_NOTES_LINES: dict[str, bool] = {}


def _holds_notes_lines(target: Format) -> bool:
    """Whether ``target`` writes a component's notes of several lines so that
    they read back as they were (in a block, not a table cell)."""
    if target.name not in _NOTES_LINES:
        notes = "First line\n\nSecond paragraph"
        probe = Plan(architecture=Architecture(components=(Component(name="Probe", notes=notes),)))
        back = target.parse(target.emit(probe)).architecture.components
        _NOTES_LINES[target.name] = bool(back) and back[0].notes == notes
    return _NOTES_LINES[target.name]


def _parts_to(target: str, parts: Sequence[tuple[str, str]]) -> Writer:
    """Prose fields ``parts`` (path, label) the target lacks, under their labels in ``target``."""

    def write(plan: Plan, lost: frozenset[str], _: Origin) -> Plan:
        if not is_empty(_get(plan, target)):
            return plan
        blocks = []
        for path, label in parts:
            value = _get(plan, path)
            if path in lost and value:
                blocks.append(f"**{label}**\n\n{_labeled_text(value)}")
                plan = _cleared(plan, path)
        return _set(plan, target, "\n\n".join(blocks)) if blocks else plan

    return write


def _labeled_text(value: Any) -> str:
    if isinstance(value, tuple):
        return "\n".join(f"- **{item.label}:** {item.value}" if item.label else f"- {item.value}" for item in value)
    return str(value)


def _sections_to(target: str, keys: Sequence[tuple[str, str]]) -> Writer:
    """The source's sections for ``keys`` (key, label), as written, under their labels in ``target``."""

    def write(plan: Plan, lost: frozenset[str], source: Origin) -> Plan:
        if not is_empty(_get(plan, target)):
            return plan
        blocks = []
        for key, label in keys:
            mine = {pattern for pattern in _patterns(plan) if _under(pattern, key)}
            if not mine or not mine <= lost:
                continue
            node = source.node(key)
            if node is None or not _content(node):
                continue
            blocks.append(f"- {label}:\n\n" + _indent(_bold_headings(_content(node))))
            plan = _clear_under(plan, key, lost)
        return _set(plan, target, "\n\n".join(blocks)) if blocks else plan

    return write


def _indent(text: str) -> str:
    return "\n".join(("  " + line) if line.strip() else "" for line in text.split("\n"))


def _clear_under(plan: Plan, key: str, lost: Collection[str]) -> Plan:
    """``plan`` without the content of field ``key`` that the target does not hold."""
    value = _get(plan, key)
    if attrs.has(type(value)):
        for f in attrs.fields(type(value)):
            if f.eq:
                plan = _clear_under(plan, f"{key}.{f.name}", lost)
        return plan
    if any(_under(pattern, key) for pattern in lost):
        return _cleared(plan, key)
    return plan


def _same(source: str, target: str, how: str) -> Move:
    """A row moving one field's text unchanged into another field of the same meaning."""
    return Move((source,), target, _text(source, target), how)


# The table -----------------------------------------------------------------

MOVES: tuple[Move, ...] = (
    _same("summary", "specification", "summary fills the Context fence"),
    _same("specification", "summary", "the specification is the summary"),
    _same("metadata.branch", "metadata.feature_id", "branch"),
    _same("metadata.feature_id", "metadata.branch", "feature id"),
    _same("metadata.issue_id", "metadata.feature_id", "issue"),
    Move(
        ("metadata.feature_id",), "metadata.issue_id", _text("metadata.feature_id", "metadata.issue_id"), "feature id"
    ),
    _same("metadata.issue_id", "metadata.branch", "issue id"),
    _same("metadata.branch", "metadata.issue_id", "branch"),
    _same("metadata.feature_dir", "metadata.feature_id", "dir"),
    _same("metadata.updated", "metadata.created", "the plan's date"),
    _same("metadata.generated", "metadata.created", "date"),
    Move(("phases.tasks", "phases.deliverables"), "phases.steps", _tasks_to_steps, "a step of the phase, titled by it"),
    Move(("phases.steps",), "phases.tasks", _steps_to_tasks, "the phase's tasks; files to file changes"),
    Move(("phases.steps",), "phases.description", _steps_to_prose, "the phase's activities, step by step"),
    Move(("phases.description",), "phases.steps", _prose_to_steps, "activities step by step are the steps", held=True),
    Move(
        ("phases.goal", "phases.tasks", "phases.deliverables"),
        "phases.description",
        _phase_to_prose,
        "the phase's activities: goal, tasks, deliverables",
    ),
    Move(("phases.description",), "phases.tasks", _description_to_tasks, "the activities are the phase's task"),
    Move(
        ("architecture.components.technology",),
        "architecture.tech_stack",
        _technology_to_stack,
        "each component's technology, by component",
    ),
    Move(
        tuple(
            f"architecture.components.{name}"
            for name in ("location", "dependencies", "dependents", "current", "change", "risk")
        ),
        "architecture.components.notes",
        _item_parts_to(
            "architecture.components",
            "notes",
            (
                ("location", "Location"),
                ("dependencies", "Depends on"),
                ("dependents", "Used by"),
                ("current", "Current"),
                ("change", "Change"),
                ("risk", "Risk"),
            ),
        ),
        "a component's details, labeled, in its notes",
    ),
    Move(
        tuple(
            f"architecture.components.{name}"
            for name in ("location", "dependencies", "dependents", "current", "change", "risk")
        ),
        "architecture.components.responsibility",
        _item_parts_to(
            "architecture.components",
            "responsibility",
            (
                ("location", "Location"),
                ("dependencies", "Depends on"),
                ("dependents", "Used by"),
                ("current", "Current"),
                ("change", "Change"),
                ("risk", "Risk"),
            ),
        ),
        "a component's details, labeled, as its description where it has none",
    ),
    Move(
        tuple(
            f"architecture.components.{name}"
            for name in ("technology", "location", "dependencies", "dependents", "current", "change", "risk", "notes")
        ),
        "architecture.components",
        _component_details,
        "a component's other details, labeled, under its name after the components",
        held=True,
    ),
    Move(
        ("data_model", "api", "architecture.data_flow"),
        "data_model.overview",
        _sections_to(
            "data_model.overview",
            (
                ("data_model", "Database schema changes"),
                ("api", "API contracts"),
                ("architecture.data_flow", "Data flows"),
            ),
        ),
        "the Data Model bullets",
    ),
    Move(
        ("testing",),
        "testing.strategy",
        _parts_to(
            "testing.strategy",
            (
                ("testing.unit", "Unit tests"),
                ("testing.integration", "Integration tests"),
                ("testing.e2e", "End-to-end tests"),
                ("testing.manual", "Manual testing"),
                ("testing.test_data", "Test data"),
            ),
        ),
        "the parts, labeled",
    ),
    Move(
        ("rollout", "feature_flags"),
        "deployment",
        _parts_to(
            "deployment",
            (
                ("rollout.strategy", "Rollout strategy"),
                ("feature_flags", "Feature flags"),
                ("rollout.monitoring", "Monitoring"),
            ),
        ),
        "rollout, flags and monitoring, labeled",
    ),
)

# A format without change types lists what the plan makes: its components,
# endpoints and entities are new ones (not "Modified", and no ``New/Modified`` cell).
DEFAULTS: tuple[Default, ...] = (
    Default("architecture.components", "change_type", "New", "a component of a plan without change types is new"),
    Default("api.endpoints", "change_type", "New", "an endpoint of a plan without change types is new"),
    Default("data_model.entities", "change_type", "New", "an entity of a plan without change types is new"),
)

HOMES: tuple[Home, ...] = (
    Home("decisions", ("decisions", "architecture.overview", "architecture.tech_stack"), "decision subsections"),
    Home("api", ("data_model.overview", "architecture.data_flow", "architecture.overview")),
    Home("data_model", ("data_model.overview", "architecture.data_flow", "architecture.overview")),
    Home("architecture.components", ("architecture.overview", "architecture.tech_stack")),
    Home("architecture.data_flow", ("architecture.overview", "architecture.tech_stack")),
    Home("summary", ("metadata", "")),
    Home("data_model.schema", ("data_model.migration_commands", "data_model.overview", "data_model")),
    Home("file_structure", ("file_changes", "phases")),
    Home("file_changes", ("file_structure", "phases")),
    Home("testing", ("phases", "testing.strategy")),
    Home("rollback", ("deployment", "rollout.monitoring", "risks")),
    Home("deployment", ("rollback", "rollout.monitoring", "phases")),
)


def _holds(fmt: Format, key: str) -> bool:
    return any(_under(pattern, key) for pattern in fmt.holds)


def _patterns(plan: Plan) -> set[str]:
    return {_INDEX.sub("", path) for path, _ in leaves(attrs.evolve(plan, extra_sections=(), headings=(), labels=()))}


def _place_keys(target: Format) -> frozenset[str]:
    text = (_templates_dir() / f"{target.name}.md.j2").read_text(encoding="utf-8")
    return frozenset(re.findall(r"""(?:place|inner)\("([^"]*)\"""", text))


def _level(target: Format, key: str) -> int:
    """The heading level of the target's section for ``key`` (0 when it has none)."""
    titles = {normalize_title(h.value) for h in own_headings(target) if h.label == key}
    node = next((node for node in outline(target.blank_text).walk() if node.key in titles), None)
    return node.level if node is not None else 0


def crosswalk(plan: Plan, source: Format, target: Format, text: str) -> tuple[Plan, tuple[Placement, ...]]:
    """``plan`` (read from ``text`` in ``source``) reshaped for ``target`` by
    ``MOVES`` and ``HOMES``, and where each moved field went.

    Raises nothing of its own; a plan the rows do not apply to comes back as it is.

    >>> from plancore import parse
    >>> from plancore._registry import get_format
    >>> plan = parse("# Implementation Plan: X\\n\\n## Executive Summary\\n\\nWhy.\\n", "smartspec")
    >>> crosswalk(plan, get_format("smartspec"), get_format("speckit"), "")[0].specification
    'Why.'
    """
    context = Origin(text=normalize_newlines(text), fmt=source, plan=plan, target=target)
    placements: list[Placement] = []
    shaped = _named(plan, context)
    for default in DEFAULTS:
        path = f"{default.items}.{default.field}"
        if path in target.holds and path not in source.holds:
            shaped = _defaulted(shaped, default, target)
    for move in MOVES:
        held = _patterns(shaped)
        lost = frozenset(
            p for p in held if any(_under(p, key) for key in move.source) and (move.held or p not in target.holds)
        )
        if not lost or not _holds(target, move.target):
            continue
        before = dict(leaves(shaped))
        shaped = move.write(shaped, lost, context)
        after = dict(leaves(shaped))
        # A move may take an item whole (a step with its tasks): whatever left its place went with it.
        into = _into(before, after)
        placements += [Placement(path, move.target, into.get(path, ())) for path in before if path not in after]
    shaped, carried = _carry(shaped, context, target) if target.carries_sections else (shaped, [])
    placements += carried
    # The author's heading of a carried section is carried with it.
    titles = {placement.field for placement in carried}
    headings = tuple(h for h in shaped.headings if h.value not in titles)
    return attrs.evolve(shaped, headings=headings), tuple(placements)


def _item(path: str) -> str:
    """The item ``path`` is a field of (``phases[0].tasks[1]`` for ``phases[0].tasks[1].done``), or ``""``."""
    return path[: path.rfind("]") + 1]


def _common(a: list[str], b: list[str]) -> int:
    """How many first items ``a`` and ``b`` have in common."""
    return next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))


def _into(before: dict[str, Any], after: dict[str, Any]) -> dict[str, tuple[str, ...]]:
    """Per path of ``before`` that a move took away, the paths of ``after`` that
    hold its content: the new value equal to it (the nearest in path, when
    several are), else every new text holding it, else every new text it
    holds; a field without text of its own (a check mark) goes where its
    item's text went."""
    gone = [path for path in before if path not in after]
    new = [path for path in after if before.get(path) != after[path]]
    into: dict[str, list[str]] = {}

    def closeness(source: str, target: str) -> tuple[int, int]:
        # The same trailing fields first (``tasks[1].text``), then the same leading ones.
        a, b = source.split("."), target.split(".")
        return _common(a[::-1], b[::-1]), _common(a, b)

    for target in new:
        value = after[target]
        if not isinstance(value, str):
            continue
        texts = [path for path in gone if isinstance(before[path], str)]
        equal = [path for path in texts if before[path] == value]
        found = [max(equal, key=lambda path: closeness(path, target))] if equal else []
        # Several joined into one (a phase's activities), or one split up (activities into steps).
        found = found or [path for path in texts if before[path] in value] or [p for p in texts if value in before[p]]
        for path in found:
            into.setdefault(path, []).append(target)
    for path in gone:
        # Where the nearest item it is in went (its own item's other fields, else its list's):
        # the same field there, else that item's new place.
        item = _item(path)
        while path not in into and item:
            places: list[str] = []
            for other in gone:
                if other != path and other.startswith(item) and into.get(other):
                    rest = other[len(item) :]
                    places += [
                        target[: -len(rest)] + path[len(item) :] for target in into[other] if target.endswith(rest)
                    ]
                    places += into[other]
            found = [place for place in places if place in after and after[place] == before[path]]
            if places:
                into[path] = found[:1] or places
            item = _item(item[: item.rfind("[")])
    return {path: tuple(dict.fromkeys(targets)) for path, targets in into.items()}


def _defaulted(plan: Plan, default: Default, target: Format) -> Plan:
    template = _get(target.template_plan, default.items)
    items = []
    for index, item in enumerate(_get(plan, default.items)):
        # Where the target's own sample value is the default, its writer puts
        # it there and its reader takes it for no value: the item stays as it is.
        sample = getattr(template[min(index, len(template) - 1)], default.field) if template else ""
        if not getattr(item, default.field) and not is_empty(item) and sample != default.value:
            item = attrs.evolve(item, **{default.field: default.value})
        items.append(item)
    return _set(plan, default.items, tuple(items))


def _named(plan: Plan, source: Origin) -> Plan:
    """``plan`` with the names its phases have in the text: a template's phase
    name (``Development``) is a placeholder only in a blank plan."""
    if not plan.phases:
        return plan
    template = source.fmt.template_plan.phases
    raw = source.fmt.read(source.text).phases
    kept = [
        phase
        for index, phase in enumerate(raw)
        if not is_empty(blank(phase, template[min(index, len(template) - 1)] if template else Phase()))
    ]
    if len(kept) != len(plan.phases):
        return plan
    phases = tuple(
        attrs.evolve(mine, name=theirs.name) if not mine.name and theirs.name else mine
        for mine, theirs in zip(plan.phases, kept, strict=True)
    )
    return attrs.evolve(plan, phases=phases)


def _descendants(node: Node) -> Iterable[Node]:
    for child in node.children:
        yield child
        yield from _descendants(child)


def _in_any(path: str, patterns: Iterable[str]) -> bool:
    pattern = _INDEX.sub("", path)
    return any(_under(pattern, p) for p in patterns)


def _carry(plan: Plan, source: Origin, target: Format) -> tuple[Plan, list[Placement]]:
    """``plan`` with the source's sections whose fields the target holds none
    of carried verbatim (``HOMES``)."""
    homes = {home.key: home.after for home in HOMES}
    placeable = _place_keys(target)
    keys = list(dict.fromkeys(h.label for h in own_headings(source.fmt)))
    theirs = {normalize_title(h.value): h.label for h in own_headings(target)}
    placements: list[Placement] = []
    sections = list(plan.extra_sections)
    carried: list[Node] = []
    anchored: dict[str, str] = {}
    for position, key in enumerate(keys):
        if _holds(target, key):
            continue
        try:
            _get(plan, key)
        except AttributeError:
            continue  # a heading over several fields (SpecPulse's Risk Assessment)
        left = {p for p in _patterns(plan) if _under(p, key)}
        if not left:
            continue
        node = source.node(key)
        if node is None:
            continue
        if theirs.get(node.key, key) != key:
            # Under a heading the target reads as another field's, a reader
            # would take it for that field: the appendix carries it instead.
            continue
        holder = next((done for done in carried if done.start <= node.start < done.end), None)
        if holder is not None:
            # Carried with the section it is in.
            before = dict(leaves(plan))
            plan = _clear_under(plan, key, left)
            placements += [
                Placement(path, holder.title, (holder.title,)) for path in before if path not in dict(leaves(plan))
            ]
            continue
        home = next((a for a in homes.get(key, ()) if a in placeable), None)
        if home is not None:
            anchor, level = home, _level(target, home) or node.level
        else:
            # After its neighbour before it: a section the target has, or one carried.
            anchor = ""
            for previous in reversed(keys[:position]):
                if previous in anchored:
                    anchor = anchored[previous]
                    break
                if previous in placeable and _holds(target, previous):
                    anchor = previous
                    break
            # A subsection beside a subsection stays one; else it is a top section.
            level = max(2, min(node.level, _level(target, anchor) or node.level))
        anchored[key] = anchor
        value = _get(plan, key)
        # A field read as prose is what its author wrote, without what closes the document.
        prose = isinstance(value, str) and not is_code(Plan, key)
        body = _tight(value) if prose else _shift(_content(node), level - node.level)
        inside = {child.title for child in _descendants(node)}
        # The author's sections inside it go with it, when its body shows them.
        within = [
            s
            for s in sections
            if (s.heading and s.heading in inside and s.heading in body)
            or (not s.heading and s.body and s.body in body)
        ]
        sections = [s for s in sections if not any(s is w for w in within)]
        placements += [
            Placement(f"extra_sections[{index}]", node.title, (node.title,))
            for index, s in enumerate(plan.extra_sections)
            if any(s is w for w in within)
        ]
        sections.append(Section(heading=node.title, level=level, body=body, after=anchor))
        before = dict(leaves(plan))
        plan = _clear_under(plan, key, left)
        placements += [Placement(path, node.title, (node.title,)) for path in before if path not in dict(leaves(plan))]
        carried.append(node)
    # A carried section's content is in the reshaped plan's section under its heading.
    at = {s.heading: f"extra_sections[{index}]" for index, s in enumerate(sections) if s.level > 0}
    placements = [attrs.evolve(p, into=tuple(at.get(title, title) for title in p.into)) for p in placements]
    return attrs.evolve(plan, extra_sections=tuple(sections)), placements


def drop_unfilled(text: str, plan: Plan, target: Format) -> str:
    """``text`` (``plan`` written in ``target``) without the target's sections
    that ``plan`` fills nothing of: no field under the section's key has
    content and no section of the plan's own is in it.

    >>> from plancore import Plan
    >>> from plancore._registry import get_format
    >>> drop_unfilled(get_format("aadt").blank_text, Plan(), get_format("aadt")).count("## ")
    0
    """
    filled = _patterns(plan)
    own = {(h.label, normalize_title(h.value)) for h in (*own_headings(target), *plan.headings)}
    kept = [section.heading for section in plan.extra_sections if section.heading]
    cuts: list[tuple[int, int]] = []

    def visit(node: Node) -> None:
        keys = {key for key, title in own if title == node.key}
        if node.level > 1 and keys and not any(_under(p, key) for p in filled for key in keys):
            inner = [child.title for child in _descendants(node)]
            if not any(title in inner for title in kept):
                cuts.append((node.start, node.end))
                return
        for child in node.children:
            visit(child)

    for root in outline(text).roots:
        visit(root)
    for start, end in reversed(cuts):
        text = text[:start] + text[end:]
    return text


_PLACEHOLDER = re.compile(r"\{\{[^{}\n]*\}\}")


def clear_placeholders(text: str, target: Format) -> str:
    """``text`` (a plan written in ``target``) without the template's
    placeholder lines (a line of the blank template, holding a ``{{...}}``)
    in each section that received content: a section whose own text (its
    heading and the body above its sub-sections) differs from the template's.
    A section that received nothing keeps them, so a reader sees what is left
    to fill; lines in code fences stay.

    >>> from plancore._registry import get_format
    >>> aadt = get_format("aadt")
    >>> text = aadt.blank_text.replace("{{FEATURE_NAME}}", "Export", 1)
    >>> "{{ISSUE_ID}}" in clear_placeholders(text, aadt), "{{ISSUE_ID}}" in clear_placeholders(aadt.blank_text, aadt)
    (False, True)
    """
    blank = {_own_key(node, index): node for index, node in enumerate(outline(target.blank_text).walk())}
    read = target.parse(text)
    for index, node in reversed(list(enumerate(outline(text).walk()))):
        cut = _cut_placeholders(text, node, blank.get(_own_key(node, index)), not _own_key(node, index))
        # A line the reader needs to end the section (SmartSpec's footer) stays.
        if cut != text and target.parse(cut) == read:
            text = cut
    return text


def _cut_placeholders(text: str, node: Node, theirs: Node | None, title: bool) -> str:
    """``text`` without the template's placeholder lines in ``node``'s own
    text (``theirs`` is the template's section; ``title``: the document's
    title, whose heading is content too), if the section received content."""
    if theirs is None or _own_text(node, title) == _own_text(theirs, title):
        return text
    template_lines = {line for line in _own_text(theirs, False).split("\n") if _PLACEHOLDER.search(line)}
    start = node.body_start
    end = node.children[0].start if node.children else node.end
    kept: list[str] = []
    fence = ""
    cut = False
    for line in text[start:end].split("\n"):
        mark = re.match(r"^ {0,3}(`{3,}|~{3,})", line)
        if mark is not None:
            fence = "" if fence and mark.group(1).startswith(fence) else (fence or mark.group(1))
        elif not fence and line in template_lines:
            cut = True
            continue
        # A blank line beside the cut one, after a blank line, would make a run the template lacks.
        if cut and not fence and not line.strip() and kept and not kept[-1].strip():
            continue
        cut = cut and not line.strip()
        kept.append(line)
    return text[:start] + "\n".join(kept) + text[end:]


def _own_key(node: Node, index: int) -> str:
    # The document's title holds the plan's title: it is the first section, whatever it says.
    return "" if node.level == 1 and index == 0 else node.key


def _own_text(node: Node, title: bool) -> str:
    """The body of ``node`` above its sub-sections, with its heading line when ``title``."""
    return node.text[node.start if title else node.body_start : node.children[0].start if node.children else node.end]
