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
from ._formats.speckit_research import render_decision
from ._formats.speckit_spec import SPECKIT_SPEC, is_spec_place
from ._loss import Loss
from ._markdown import Node, normalize_title, outline
from ._model import _MARKER, _TASK_ID, FileChange, Labeled, Phase, Plan, Section, Step, Subtask, Task, is_empty

__all__ = [
    "DEFAULTS",
    "HOMES",
    "MOVES",
    "REQUIREMENT_IDS",
    "Default",
    "Home",
    "IdScheme",
    "Move",
    "Placement",
    "crosswalk",
    "drop_unfilled",
    "folded_spec",
    "requirement_ids",
]

_INDEX = re.compile(r"\[\d+\]")
T = TypeVar("T")
TaskT = TypeVar("TaskT", Task, Subtask)


@attrs.frozen
class Placement:
    """Where the crosswalk put a field of the source plan: ``path`` (with
    indices, ``phases[0].tasks[1].text``) went into the target's ``field``
    (a field path, or the heading of a carried section)."""

    path: str
    field: str


@attrs.frozen
class Origin:
    """The source plan's text, for rows that carry what its author wrote."""

    text: str
    fmt: Format
    plan: Plan
    # The format the plan is converted to (rows placing a section look up where its writer places one).
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


def _steps_to_prose(plan: Plan, lost: frozenset[str], _: Origin) -> Plan:
    phases = []
    for number, phase in enumerate(plan.phases, 1):
        if not phase.steps or phase.description:
            phases.append(phase)
            continue
        parts = []
        for index, step in enumerate(phase.steps, 1):
            lines = [_step_title(number, index, step) + ":"]
            lines += [f"- [{'x' if task.done else ' '}] {task.text}" for task in step.tasks]
            lines += [f"- `{path}`" for path in step.files]
            parts.append("\n".join(lines) + (f"\n\n{step.notes}" if step.notes else ""))
        phases.append(attrs.evolve(phase, steps=(), description="\n\n".join(parts)))
    return attrs.evolve(plan, phases=tuple(phases))


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
        line = not any(item.done for item in (*tasks, *deliverables)) and not any("\n" in t for t in texts)
        parts = [f"Goal: {goal}"] if goal else []
        for label, items in (("", tasks), ("Deliverables: ", deliverables)):
            if not items:
                continue
            if line:
                parts.append(label + "; ".join(item.text for item in items))
            else:
                marks = "\n".join(f"- [{'x' if item.done else ' '}] {item.text}" for item in items)
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


def _decision_parts_to_context(plan: Plan, lost: frozenset[str], _: Origin) -> Plan:
    """Each decision's choice, rationale and options the target lacks, labelled, after its text."""
    decisions = []
    for decision in plan.decisions:
        blocks = [decision.context] if decision.context else []
        if decision.choice and "decisions.choice" in lost:
            blocks.append(f"**Decision**: {decision.choice}")
        if decision.rationale and "decisions.rationale" in lost:
            blocks.append(f"**Rationale**: {decision.rationale}")
        options = [f"- {option.name}: {option.notes}".rstrip(": ") for option in decision.options]
        if options and any(pattern.startswith("decisions.options") for pattern in lost):
            blocks.append("**Alternatives considered**:\n\n" + "\n".join(options))
        decisions.append(
            attrs.evolve(decision, context="\n\n".join(blocks), choice="", rationale="", options=())
            if len(blocks) > (1 if decision.context else 0)
            else decision
        )
    return attrs.evolve(plan, decisions=tuple(decisions))


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


def _part_section(key: str, heading: str, render: Callable[[Plan], str], places: Sequence[str]) -> Writer:
    """A row's writer for a part of a Spec Kit feature folder (spec.md, research.md, data-model.md,
    contracts/): the content of field ``key`` the target does not hold, carried as a section ``heading``
    written as its file writes it (``render``), after the first of ``places`` the target's writer names.
    Only for a plan with no source text (a folder's, read file by file): a single file's sections are
    carried as their author wrote them (``HOMES``)."""

    def write(plan: Plan, lost: frozenset[str], source: Origin) -> Plan:
        if source.text or not any(_under(pattern, key) for pattern in lost):
            return plan
        body = render(plan).strip("\n")
        if not body:
            return plan
        named = _place_keys(source.target) if source.target is not None else frozenset()
        after = next((place for place in places if place in named), "")
        plan = _cleared(plan, key)
        section = Section(heading=heading, level=2, body=body, after=after)
        return attrs.evolve(plan, extra_sections=(*plan.extra_sections, section))

    return write


def _spec_section(plan: Plan, lost: frozenset[str], source: Origin) -> Plan:
    """A row's writer: spec.md's part of a folder's plan (the requirements, the success criteria where the
    target has no field for them, and spec.md's own sections: Edge Cases, Key Entities, Assumptions...) as
    one section ``Requirements``, spec.md's text under its title with each heading a level deeper; after the
    target's summary. Only for a plan read file by file, as ``_part_section``."""
    keys = [key for key in ("requirements", "success_metrics") if any(_under(pattern, key) for pattern in lost)]
    if source.text or not keys:
        return plan
    named = _place_keys(source.target) if source.target is not None else frozenset()
    # spec.md's sections, but those the target's writer places itself (SpecPulse's after its success metrics).
    own = tuple(s for s in plan.extra_sections if is_spec_place(s.after) and s.after not in named)
    part = attrs.evolve(Plan(extra_sections=own), **{key: _get(plan, key) for key in keys})
    text = SPECKIT_SPEC.emit(part)
    body = _shift(text.split("\n", 1)[1] if text.startswith("# ") else text, 1).strip("\n")
    for key in keys:
        plan = _cleared(plan, key)
    after = next((place for place in _FRONT_PLACES if place in named), "")
    section = Section(heading="Requirements", level=2, body=body, after=after)
    kept = tuple(s for s in plan.extra_sections if s not in own)
    return attrs.evolve(plan, extra_sections=(*kept, section))


def folded_spec(plan: Plan) -> Plan:
    """``plan`` with the section a folder's spec.md became in a single file (``_spec_section``) read back as
    its requirements, success criteria and spec.md's sections, for a feature folder to write spec.md from;
    ``plan`` itself when it has requirements, or no such section holds any.

    >>> from plancore import Plan, Section
    >>> body = "### Requirements\\n\\n#### Functional Requirements\\n\\n- **FR-001**: System MUST log in"
    >>> folded_spec(Plan(extra_sections=(Section(heading="Requirements", body=body),))).requirements[0].id
    'FR-001'
    """
    if plan.requirements:
        return plan
    for index, section in enumerate(plan.extra_sections):
        if section.heading != "Requirements" or section.level != 2:
            continue
        spec = SPECKIT_SPEC.read("# Feature Specification\n\n" + _shift(section.body, -1) + "\n")
        if not spec.requirements:
            continue
        others = plan.extra_sections[:index] + plan.extra_sections[index + 1 :]
        return attrs.evolve(
            plan,
            requirements=spec.requirements,
            success_metrics=plan.success_metrics or spec.success_metrics,
            extra_sections=(*others, *spec.extra_sections),
        )
    return plan


def _decisions_text(plan: Plan) -> str:
    return "\n\n".join(render_decision(decision, 3) for decision in plan.decisions)


def _contracts_text(plan: Plan) -> str:
    parts = []
    for example in plan.api.examples:
        part = [f"### {example.name}" if example.name else "### Example"]
        for label, code in (("Request", example.request), ("Response", example.response)):
            if code:
                language = example.name.rsplit(".", 1)[-1] if "." in example.name else ""
                fence = "`" * max([3, *(len(run) + 1 for run in re.findall(r"`{3,}", code))])
                part.append(
                    ("" if label == "Request" and not example.response else f"{label}:\n\n")
                    + f"{fence}{language}\n{code}\n{fence}"
                )
        parts.append("\n\n".join(part))
    return "\n\n".join(parts)


# Where a folder part's section goes in a single file: after the summary (what the feature is), else after the title.
_FRONT_PLACES = ("summary", "specification", "metadata", "")
_DESIGN_PLACES = ("architecture.intro", "architecture.tech_stack", "summary", "metadata", "")


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
        ("decisions.choice", "decisions.rationale", "decisions.options"),
        "decisions.context",
        _decision_parts_to_context,
        "a decision's choice, rationale and alternatives, labelled, in its text (OpenSpec's design.md)",
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
    # A Spec Kit feature folder's parts, where a single-file target has no field for them.
    Move(
        ("requirements", "success_metrics"),
        "extra_sections",
        _spec_section,
        "spec.md's user stories, requirements, success criteria and sections, as spec.md writes them",
    ),
    Move(
        ("decisions",),
        "extra_sections",
        _part_section("decisions", "Research Decisions", _decisions_text, _DESIGN_PLACES),
        "research.md's decisions, as research.md writes them",
    ),
    Move(
        ("data_model.overview",),
        "extra_sections",
        _part_section("data_model.overview", "Data Model", lambda plan: plan.data_model.overview, _DESIGN_PLACES),
        "data-model.md's text, as written",
    ),
    Move(
        ("api.examples",),
        "extra_sections",
        _part_section("api.examples", "API Contracts", _contracts_text, _DESIGN_PLACES),
        "the files of contracts/, each under its path",
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
        lost = frozenset(p for p in held if any(_under(p, key) for key in move.source) and p not in target.holds)
        if not lost or not _holds(target, move.target):
            continue
        before = dict(leaves(shaped))
        shaped = move.write(shaped, lost, context)
        after = dict(leaves(shaped))
        # A move may take an item whole (a step with its tasks): whatever left its place went with it.
        placements += [Placement(path, move.target) for path in before if path not in after]
    shaped, carried = _carry(shaped, context, target) if target.carries_sections else (shaped, [])
    placements += carried
    # The author's heading of a carried section is carried with it.
    titles = {placement.field for placement in carried}
    headings = tuple(h for h in shaped.headings if h.value not in titles)
    return attrs.evolve(shaped, headings=headings), tuple(placements)


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
            placements += [Placement(path, holder.title) for path in before if path not in dict(leaves(plan))]
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
        sections = [
            s
            for s in sections
            if not (s.heading and s.heading in inside and s.heading in body)
            and not (not s.heading and s.body and s.body in body)
        ]
        sections.append(Section(heading=node.title, level=level, body=body, after=anchor))
        before = dict(leaves(plan))
        plan = _clear_under(plan, key, left)
        placements += [Placement(path, node.title) for path in before if path not in dict(leaves(plan))]
        carried.append(node)
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


@attrs.frozen
class IdScheme:
    """How a folder format numbers its story-level requirements, and how its tasks link to them.

    Attributes:
        format: The folder format's name (``kiro``).
        pattern: A requirement ID of the scheme, its number in group 1 (``US(\\d+)``); empty for a
            format that names its requirements instead of numbering them (no ID is mapped to or from it).
        template: The ID of requirement number ``{n}`` (``US{n}``).
        links: How a task names the requirements it serves: ``criterion`` (Kiro's
            ``_Requirements: 1.2, 2.1_``, requirement.criterion), ``story`` (Spec Kit's ``[US1]`` marker
            after the task's ID) or ``""`` (none).
        example: How the scheme reads in the format's files, for the documentation.
    """

    format: str
    pattern: str
    template: str
    links: str
    example: str


# The documented ID map (README "Folder formats"): a requirement numbered in one scheme is written
# with the same number in the target's, and the task links follow it.
REQUIREMENT_IDS: dict[str, IdScheme] = {
    scheme.format: scheme
    for scheme in (
        IdScheme("kiro", r"(\d+)", "{n}", "criterion", "`### Requirement 1`; a task's `_Requirements: 1.2, 2.1_`"),
        IdScheme("speckit-github", r"US(\d+)", "US{n}", "story", "`### User Story 1` (`US1`); a task's `[US1]`"),
        IdScheme("openspec", "", "", "", "`### Requirement: Name`: named, IDs kept as written in the name"),
    )
}


def _after_markers(text: str) -> int:
    """Where a task's text continues after its ID and bracketed markers (``T001 [P] [US1]``)."""
    position = len(text) - len(text.lstrip())
    match = _TASK_ID.match(text, position)
    if match is not None:
        position = match.end()
    while (marker := _MARKER.match(text, position)) is not None:
        position = marker.end()
    return position


def _with_stories(text: str, stories: Sequence[str]) -> str:
    position = _after_markers(text)
    markers = " ".join(f"[{story}]" for story in stories)
    if position == 0:
        return f"{markers} {text}"
    return f"{text[:position]} {markers}{text[position:]}"


def _without_stories(text: str, stories: Collection[str]) -> str:
    position = len(text) - len(text.lstrip())
    match = _TASK_ID.match(text, position)
    kept = [text[: match.end() if match is not None else position]]
    position = len(kept[0])
    while (marker := _MARKER.match(text, position)) is not None:
        if marker.group("bracket") not in stories:
            kept.append(marker.group(0))
        position = marker.end()
    rest = text[position:]
    return "".join(kept) + (rest if kept[0] or len(kept) > 1 else rest.lstrip())


def _linked(task: TaskT, path: str, numbers: dict[str, str], target: IdScheme, losses: list[Loss]) -> TaskT:
    """``task`` with its links to the requirements ``numbers`` renamed (old ID: new ID) in ``target``'s way."""
    if target.links == "story":
        links: list[str] = [link for link in task.requirements if link.split(".")[0] in numbers]
        stories = [*dict.fromkeys(numbers[link.split(".")[0]] for link in links)]
        new = [story for story in stories if story not in task.stories]
        finer = [link for link in links if "." in link]
        if finer:
            losses.append(
                Loss(
                    path=f"{path}.requirements",
                    reason=f"{target.format} links a task to user stories ({', '.join(stories)}): its links to "
                    f"acceptance criteria ({', '.join(finer)}) stay in its body as written",
                    value=", ".join(finer),
                )
            )
        return attrs.evolve(task, text=_with_stories(task.text, new)) if new else task
    if target.links == "criterion":
        stories = [story for story in task.stories if story in numbers]
        if not stories:
            return task
        linked = {link.split(".")[0] for link in task.requirements}
        missing = [numbers[story] for story in stories if numbers[story] not in linked]
        body = task.body
        if missing:
            body = "\n".join(part for part in (body, f"- _Requirements: {', '.join(missing)}_") if part)
        return attrs.evolve(task, text=_without_stories(task.text, stories), body=body)
    return task


def requirement_ids(plan: Plan, target: str) -> tuple[Plan, tuple[tuple[str, str], ...], tuple[Loss, ...]]:
    """``plan`` as folder format ``target`` numbers requirements (``REQUIREMENT_IDS``, the documented ID map).

    A requirement whose ID is a number of another scheme (Kiro ``1``, Spec Kit ``US1``) gets the same
    number in ``target``'s scheme, unless that ID is taken; FR-001, named and other IDs stay as written.
    The task links follow: into Spec Kit a task linked to ``1.2`` gets ``[US1]`` after its ID (the
    ``_Requirements: 1.2_`` line stays in its body: criterion links Spec Kit cannot express are kept
    readable and reported); into Kiro a task's ``[US1]`` becomes a ``_Requirements: 1_`` line unless a
    link to requirement 1 is there already (as a Spec Kit folder written from Kiro holds), so that Kiro ->
    Spec Kit -> Kiro gives the IDs and links back.

    Returns:
        The plan, the IDs changed (``(new, old)``, in order) and a ``Loss`` per task whose criterion
        links the target cannot express.

    >>> from plancore import Plan, Requirement, Phase, Task
    >>> task = Task(text="1. Add it", body="_Requirements: 1_")
    >>> plan = Plan(requirements=(Requirement(id="1"),), phases=(Phase(tasks=(task,)),))
    >>> mapped, changed, losses = requirement_ids(plan, "speckit-github")
    >>> changed, mapped.phases[0].tasks[0].text, losses
    ((('US1', '1'),), '1. [US1] Add it', ())
    """
    scheme = REQUIREMENT_IDS.get(target)
    if scheme is None or not scheme.pattern:
        return plan, (), ()
    taken = {requirement.id for requirement in plan.requirements}
    numbers: dict[str, str] = {}
    for requirement in plan.requirements:
        if re.fullmatch(scheme.pattern, requirement.id):
            continue
        for other in REQUIREMENT_IDS.values():
            match = re.fullmatch(other.pattern, requirement.id) if other.pattern else None
            if match is not None:
                new = scheme.template.format(n=match.group(1))
                if new not in taken:
                    numbers[requirement.id] = new
                    taken.add(new)
                break
    if not numbers:
        return plan, (), ()
    requirements = tuple(
        attrs.evolve(requirement, id=numbers[requirement.id]) if requirement.id in numbers else requirement
        for requirement in plan.requirements
    )
    # Links name the requirement as the source wrote it: Kiro ``1.2`` -> ``US1``, Spec Kit ``US1`` -> ``1``.
    losses: list[Loss] = []
    phases = tuple(
        attrs.evolve(
            phase,
            tasks=tuple(
                attrs.evolve(
                    _linked(task, f"phases[{p}].tasks[{t}]", numbers, scheme, losses),
                    subtasks=tuple(
                        _linked(sub, f"phases[{p}].tasks[{t}].subtasks[{s}]", numbers, scheme, losses)
                        for s, sub in enumerate(task.subtasks)
                    ),
                )
                for t, task in enumerate(phase.tasks)
            ),
        )
        for p, phase in enumerate(plan.phases)
    )
    changed = tuple((new, old) for old, new in numbers.items())
    return attrs.evolve(plan, requirements=requirements, phases=phases), changed, tuple(losses)
