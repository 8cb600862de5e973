"""The ``speckit-tasks`` format: the ``tasks.md`` of a GitHub Spec Kit feature folder (reader;
the writer is ``templates/speckit-tasks.md.j2``, the blank template ``templates/speckit-tasks.md``).

``## Phase N: Name`` sections hold the tasks, each a checklist line
``- [ ] T001 [P] [US1] Description in path``; ``### ...`` groups inside a phase
(``Tests for User Story 1``) are its steps; ``**Purpose**:`` (or ``**Goal**:``)
is its goal, ``**Estimate**:`` its estimate and ``**Checkpoint**:`` its checkpoint. Every other section
(``## Format``, ``## Dependencies & Execution Order``, ...) is kept verbatim.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from .._format import Format, line_mark
from .._markdown import Item, Node, label_value, outline
from .._model import Metadata, Phase, Plan, Step, Subtask, Task
from .._reading import (
    FRONT,
    Block,
    Sections,
    blocks,
    cut_done,
    phase_title,
    prose,
    rest,
    split_rule,
    strip_title,
    tidy,
    unruled,
)
from .._vocabulary import LABELS, PHASE_HEADING, PHASE_PREFIX, alternation, label_mark, label_words

__all__ = ["MARKS", "SPECKIT_TASKS", "Marks", "task_item"]

# A heading naming two phases at once (Spec Kit plan.md's ``## Phase 0 & 1 outputs``) is about
# both: no phase of its own.
_TWO_PHASES = r"(?!\w+ ?\d+ ?(?:&|and|,|\+|/) ?\d)"
# As in every language (``PHASE_HEADING``), a number makes a heading a phase's: Spec Kit's ``Phase N``,
# a digit or a roman numeral; ``Phase Rollout Strategy`` or ``Phase Dependencies`` is about phases.
_PHASE_NUMBER = r"phase(?: (?:\d|n\b|[ivxlc]+\b).*)?"
SECTIONS = {"phases": [_TWO_PHASES + _PHASE_NUMBER, _TWO_PHASES + PHASE_HEADING]}
# The title's word in English or translated (``任务``), then a colon of either width or a dash.
_TITLE = re.compile(
    rf"^(?:(?:implementation\s+)?tasks?|{alternation(LABELS['tasks'])})\s*[:\uff1a\-–—]\s*(.*)$", re.IGNORECASE
)
_PHASE_TITLE = re.compile(r"^(?:phase\s+[\w.]+\s*(?:[:.\-–—]\s*)?|" + PHASE_PREFIX + r")(.*)$", re.IGNORECASE)
# A phase's labels (casefolded), in English and translated (``_vocabulary``).
GOAL_LABELS = ("purpose", "goal", *label_words("goal"))
CHECKPOINT_LABELS = ("checkpoint", *label_words("checkpoint"))
# Spec Kit's template has no estimate; a phase's estimate from another plan is a labelled line in its style.
ESTIMATE_LABELS = ("estimate", "duration", "estimated time", *label_words("estimate"))
INPUT_LABELS = ("input", *label_words("input"))

# A checklist mark and what it says: (done, in progress, skipped). ``[~]`` and ``[/]`` are
# work started, ``[-]`` work dropped (as Obsidian Tasks writes it); a ``*`` right after the
# box makes the task optional (Kiro's ``- [ ]*``).
MARKS = {
    "[ ]": (False, False, False),
    "[x]": (True, False, False),
    "[X]": (True, False, False),
    "[~]": (False, True, False),
    "[/]": (False, True, False),
    "[-]": (False, False, True),
    "✅": (True, False, False),
    "☐": (False, False, False),
}
_MARK = re.compile(
    r"^(?P<mark>" + "|".join(re.escape(mark) for mark in MARKS) + r")(?P<optional>\*)?(?:[ \t]+(?P<text>.*)|[ \t]*)$",
    re.DOTALL,
)
# A list item with no check mark is a task when an ID opens it (``- T001 Do it``).
_BARE_ID = re.compile(r"^(?:\*\*)?(?:[A-Z]{1,4}-?\d+(?:\.\d+)*|\d+\.\d+(?:\.\d+)*)(?:\*\*)?[ \t]")


Marks = Mapping[str, tuple[bool, bool, bool]]
"""A format's reading of checklist marks: mark to (done, in progress, skipped), its keys ``MARKS``'."""


def _mark(text: str) -> tuple[str, bool, str] | None:
    """``(mark, optional, text)`` of a checklist item's text; ``None`` when it is no task."""
    match = _MARK.match(text)
    if match is not None:
        return match.group("mark"), match.group("optional") is not None, match.group("text") or ""
    if _BARE_ID.match(text):
        return "", False, text
    return None


def task_item(item: Item, marks: Marks = MARKS) -> Task | None:
    """The task of a list item (``- [x] T001 ...`` and the lines under it), ``None`` for an item
    that is no task. Items with a check mark under it are its sub-tasks; the rest is its body.
    ``marks``: what each mark says in the format read (``MARKS``, or a format's own reading of some)."""
    found = _mark(item.text)
    if found is None:
        return None
    mark, optional, text = found
    done, started, skipped = marks.get(mark, (False, False, False))
    subtasks: list[Subtask] = []
    taken: list[Block] = []
    for block in blocks(item.body) if item.body else ():
        if block.item is None:
            continue
        inner = _mark(block.item.text)
        if inner is None:
            continue
        sub_done, sub_started, sub_skipped = marks.get(inner[0], (False, False, False))
        subtasks.append(
            Subtask(
                text=inner[2],
                done=sub_done,
                in_progress=sub_started,
                skipped=sub_skipped,
                optional=inner[1],
                body=prose(block.item.body),
            )
        )
        taken.append(block)
    return Task(
        text=text,
        done=done,
        in_progress=started,
        skipped=skipped,
        optional=optional,
        body=rest(item.body, taken) if subtasks else prose(item.body),
        subtasks=tuple(subtasks),
    )


def _labelled(lines: list[str], labels: tuple[str, ...]) -> str | None:
    """The value of a paragraph ``**Label**: value`` (its further lines included) whose label is one of
    ``labels``; ``None`` for any other paragraph."""
    pair = label_value(lines[0])
    if pair is None or pair[0].casefold().rstrip(":") not in labels:
        return None
    return "\n".join([pair[1], *lines[1:]]).strip()


class _Group:
    """The parts of a phase's (or a task group's) body: its tasks, its labelled lines, the rest."""

    def __init__(self, body: str, *, goal: bool) -> None:
        text, rule = split_rule(body)
        # A closing thematic break (``---``) sets phases apart: layout, which the writer puts back.
        if rule.strip() or text == body:
            text = body
        self.tasks: list[Task] = []
        self.goal = ""
        self.estimate = ""
        self.checkpoint = ""
        taken: list[Block] = []
        lines = text.split("\n")
        for block in blocks(text):
            if block.item is not None:
                task = task_item(block.item)
                if task is not None:
                    self.tasks.append(task)
                    taken.append(block)
                continue
            paragraph = lines[block.start : block.end]
            value = _labelled(paragraph, GOAL_LABELS) if goal and not self.goal else None
            if value is not None:
                self.goal = value
                taken.append(block)
                continue
            value = _labelled(paragraph, ESTIMATE_LABELS) if goal and not self.estimate else None
            if value is not None:
                self.estimate = value
                taken.append(block)
                continue
            value = _labelled(paragraph, CHECKPOINT_LABELS) if not self.checkpoint else None
            if value is not None:
                self.checkpoint = value
                taken.append(block)
        self.rest = rest(text, taken)


def _groups_nothing(node: Node) -> bool:
    """Whether ``node`` and its subsections hold no task and no checkpoint: an author's section, not
    a task group."""
    inner = _Group(node.body, goal=False)
    return not inner.tasks and not inner.checkpoint and all(map(_groups_nothing, node.children))


def _below_rule(phase: Node, node: Node) -> bool:
    """Whether the last line above ``node``'s heading (in ``phase``) is a thematic break (``---``)."""
    above = phase.text[max(phase.body_start, node.start - 400) : node.start].rstrip()
    return bool(above) and unruled(above) != above


def _phase(node: Node, sections: Sections, index: int) -> Phase:
    group = _Group(node.body, goal=True)
    steps: list[Step] = []
    checkpoint = group.checkpoint
    # Sections below the phase's closing rule that group no task are the author's, kept with the
    # phase (where a writer places another format's phase subsections: after the phase's ``---``):
    # read as empty task groups, they would reach a format without groups as lost steps, and come
    # back as groups. (A group of notes only above the rule is a step, as Kiro's task blocks have.)
    last = len(node.children)
    while last and _groups_nothing(node.children[last - 1]):
        last -= 1
    ruled = next((at for at in range(last, len(node.children)) if _below_rule(node, node.children[at])), None)
    ungrouped = node.children[:ruled]
    for child in node.children[len(ungrouped) :]:
        sections.mark(child, f"phases.{index}")
        sections.keep(child)
    sections.close(node, "phases")
    # Task groups (``### Tests for User Story 1``), and groups within them, in document order.
    pending = ungrouped
    while pending:
        child = pending.pop(0)
        pending[:0] = child.children
        # Text after a group is placed after the phases, as after a phase.
        sections.mark(child, "phases")
        inner = _Group(child.body, goal=False)
        if inner.checkpoint and not checkpoint:
            checkpoint = inner.checkpoint
        elif inner.checkpoint:
            inner.rest = (inner.rest + "\n\n**Checkpoint**: " + inner.checkpoint).strip()
        steps.append(Step(title=child.title, tasks=tuple(inner.tasks), notes=inner.rest))
    heading, done = cut_done(node.title)
    name, number = phase_title(heading, _PHASE_TITLE)
    return Phase(
        name=name,
        number=number,
        done=done,
        goal=group.goal,
        estimate=group.estimate,
        description=group.rest,
        tasks=tuple(group.tasks),
        steps=tuple(steps),
        checkpoint=checkpoint,
    )


def _read(text: str) -> Plan:
    doc = outline(text)
    sections = Sections()
    # Front matter (``description: ...``) and whatever stands before the title go back before it.
    sections.loose(0, prose(doc.preamble), FRONT)
    title = ""
    given = ""
    nodes = doc.roots
    if nodes and nodes[0].level == 1:
        head = nodes[0]
        title = strip_title(head.title, _TITLE)
        sections.mark(head, "")
        lines = head.body.split("\n")
        taken: list[Block] = []
        for block in blocks(head.body):
            # Only a line of its own: ``**Input**: ...  `` over ``**Branch**: ...`` stays as written.
            if block.item is None and not given and block.end - block.start == 1:
                value = _labelled(lines[block.start : block.end], INPUT_LABELS)
                if value:
                    given = value
                    taken.append(block)
        sections.loose(head.body_start, rest(head.body, taken), "metadata.input")
        nodes = head.children + nodes[1:]
    found = sections.match(nodes, SECTIONS, repeat=["phases"])
    phases = tuple(_phase(node, sections, index) for index, node in enumerate(found.get("phases", [])))
    return tidy(
        Plan(
            metadata=Metadata(title=title, input=given),
            phases=phases,
            extra_sections=sections.extras(),
            headings=sections.headings(),
        )
    )


def _task_paths(prefix: str) -> list[str]:
    paths = [f"{prefix}.{name}" for name in ("text", "done", "in_progress", "skipped", "optional", "body")]
    return paths + [
        f"{prefix}.subtasks.{name}" for name in ("text", "done", "in_progress", "skipped", "optional", "body")
    ]


SPECKIT_TASKS = Format(
    name="speckit-tasks",
    description="GitHub Spec Kit tasks.md: phases of `- [ ] T001 [P] [US1] ...` tasks, task groups, checkpoints",
    tool="GitHub Spec Kit (/speckit.tasks)",
    origin="github/spec-kit, templates/tasks-template.md (v1.0.1); blank template in plancore's own words",
    layout="one tasks.md per feature folder: specs/NNN-feature/tasks.md, beside plan.md and spec.md",
    read=_read,
    holds=frozenset(
        [
            "metadata.title",
            "metadata.input",
            "phases.name",
            "phases.number",
            "phases.done",
            "phases.goal",
            "phases.estimate",
            "phases.description",
            "phases.checkpoint",
            "phases.steps.title",
            "phases.steps.notes",
            *_task_paths("phases.tasks"),
            *_task_paths("phases.steps.tasks"),
            "extra_sections",
        ]
    ),
    carries_sections=False,
    markers=(
        # The title alone tells a tasks file from a plan converted to one that carries another
        # format's sections (a real phase shows no sample Purpose or Checkpoint line).
        (line_mark("#", r"^# Tasks:"), 4.5),
        (line_mark("*", r"^\*\*Purpose\*\*:"), 1.0),
        (line_mark("#", r"^## Format: `\[ID\] \[P\?\] \[Story\]"), 4.0),
        (line_mark("-", r"^- \[[ xX]\] T\d{3,} "), 2.0),
        (line_mark("*", r"^\*\*Checkpoint\*\*:"), 1.5),
        (line_mark("#", r"^## Dependencies & Execution Order"), 2.0),
        # Its title and phase labels translated (``_vocabulary``): its shape when no heading is English.
        (line_mark("#", rf"^# (?i:{alternation(LABELS['tasks'])})[ \t]*[:\uff1a]"), 4.5),
        (line_mark("*", "^" + label_mark("goal", ("purpose", "goal"))), 1.0),
        (line_mark("*", "^" + label_mark("checkpoint", ("checkpoint",))), 1.5),
    ),
)
