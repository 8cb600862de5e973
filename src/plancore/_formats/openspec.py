"""The ``openspec`` folder format: an OpenSpec change (``openspec/changes/<id>/``, archived as
``openspec/changes/archive/YYYY-MM-DD-<id>/``) read as one plan and written back.

Folder rules, each file's reader, and the alias data live here; each file's writer is a template:
``templates/openspec-proposal.md.j2``, ``openspec-design``, ``openspec-tasks``, ``openspec-spec``
(blank templates beside them). The per-file formats are not in the registry of single-file formats:
they are parts of the folder, kept in ``PARTS``.

- ``proposal.md``: ``# Title`` is ``metadata.title``; ``## Why`` / ``## What Changes`` /
  ``## Capabilities`` / ``## Impact`` (``Impact Assessment``) are ``intent``, each section as written
  (its sub-sections included); every other section is kept in place.
- ``design.md``: ``## Context`` is ``summary``; each sub-section of ``## Decisions`` a ``Decision``
  (``### Decision: Title``; its text as written in ``context``); the items of ``## Risks /
  Trade-offs`` are ``risks`` (``- [Risk] … → Mitigation: …``); ``## Migration Plan`` is
  ``deployment``; the one-line items of ``## Open Questions`` are ``open_questions``. Goals /
  Non-Goals and every other section are kept in place, a ``# Title`` as a section of its own.
- ``tasks.md``: each ``## 1. Group`` is a phase (its name without the number), each
  ``- [ ] 1.1 …`` a task (text with its ID as written, nested items its sub-tasks).
- ``specs/<capability>/spec.md``: the requirements, whole (``## Requirements``) or as deltas
  (``## ADDED | MODIFIED | REMOVED | RENAMED Requirements``): ``### Requirement: Title`` (an ID
  at its start, ``TKT-004 Title``, or end, ``Title (REQ-PLM-001)``, is the requirement's ``id``),
  the statement before any ``**Label**:`` paragraph as ``text``, that paragraph on as ``notes``,
  each ``#### Scenario: Name`` a ``Criterion`` (title the name, text its lines as written);
  ``- FROM:`` / ``- TO:`` pairs under RENAMED a renamed requirement. ``capability`` is the folder
  name. A folder holding ``spec.md`` itself (``openspec/specs/<capability>/``) is a whole spec.
- Every other file (``.openspec.yaml``, notes) is carried verbatim, as a section headed by its
  path holding its text in a fence.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import attrs

from .._convert import _read, convert_plan
from .._errors import ParseError
from .._feature import FeatureWrite, _carried, _read_text, _unfence
from .._files import holds, write_atomically
from .._format import Format
from .._loss import Loss
from .._markdown import Node, outline, strip_blank
from .._model import Criterion, Decision, Intent, Metadata, Phase, Plan, Requirement, Risk, Section
from .._reading import FRONT, Aliases, Block, Sections, blocks, prose, rest, strip_title, tidy
from .speckit_tasks import task_item

__all__ = [
    "OPENSPEC_DESIGN",
    "OPENSPEC_PROPOSAL",
    "OPENSPEC_SPEC",
    "OPENSPEC_TASKS",
    "PARTS",
    "is_openspec_folder",
    "read_openspec",
    "write_openspec",
]

_PROPOSAL, _DESIGN, _TASKS, _SPECS, _SPEC = "proposal.md", "design.md", "tasks.md", "specs", "spec.md"
_MARKER = ".openspec.yaml"

PROPOSAL_SECTIONS: Aliases = {
    "intent.why": [r"why", r"motivation", r"problem"],
    "intent.what_changes": [r"what changes", r"what changes\?", r"changes", r"proposed changes?"],
    "intent.capabilities": [r"capabilities", r"affected capabilities"],
    "intent.impact": [r"impact", r"impact assessment"],
}
DESIGN_SECTIONS: Aliases = {
    "summary": [r"context", r"background"],
    "decisions": [r"decisions", r"key decisions", r"design decisions"],
    "risks": [r"risks / trade-offs", r"risks/trade-offs", r"risks and trade-offs", r"risks & trade-offs", r"risks"],
    "deployment": [r"migration plan", r"migration"],
    "open_questions": [r"open questions"],
}
_PROPOSAL_TITLE = re.compile(r"^(?:change\s+)?proposal\s*[:\-–—]\s*(.*)$", re.IGNORECASE)
_PHASE_TITLE = re.compile(r"^\d+(?:\.\d+)*[.)]?\s+(.*)$")
_DECISION_TITLE = re.compile(r"^(?:decision\s*\d*\s*[:.\-–—]\s*|\d+[.)]\s+)(.*)$", re.IGNORECASE)
# The change a delta section makes (``## ADDED Requirements``); ``Requirements`` alone: a whole spec.
_DELTA = re.compile(r"^(?:(?P<kind>ADDED|MODIFIED|REMOVED|RENAMED)\s+)?Requirements\s*$", re.IGNORECASE)
DELTA_HEADINGS = {
    "added": "ADDED Requirements",
    "modified": "MODIFIED Requirements",
    "removed": "REMOVED Requirements",
    "renamed": "RENAMED Requirements",
    "": "Requirements",
}
_REQUIREMENT = re.compile(r"^Requirement:\s*(.*)$", re.IGNORECASE)
_SCENARIO = re.compile(r"^Scenario:\s*(.*)$", re.IGNORECASE)
_ID = r"(?:[A-Z][A-Z0-9]*-)*[A-Z]*\d+(?:\.\d+)*"
_ID_FIRST = re.compile(rf"^(?P<id>{_ID})[.:]?\s+(?P<title>\S.*)$")
_ID_LAST = re.compile(rf"^(?P<title>.*\S)\s*\((?P<id>{_ID})\)$")
_RENAME = re.compile(r"^(?P<side>FROM|TO):\s*`?(?:#+\s*)?(?:Requirement:\s*)?(?P<name>.*?)`?\s*$", re.IGNORECASE)
_LABELLED = re.compile(r"^\*\*[^*\n]+\*\*:?")
_ARROW = re.compile(r"\s+(?:→|->)\s+")
_MITIGATION = re.compile(r"^mitigation:\s*", re.IGNORECASE)


def _split_id(title: str) -> tuple[str, str]:
    """``(id, title)`` of a requirement's heading text: an ID at its start or in parentheses at its end."""
    for pattern in (_ID_FIRST, _ID_LAST):
        match = pattern.match(title)
        if match is not None:
            return match.group("id"), match.group("title")
    return "", title


def requirement_heading(requirement: Requirement) -> str:
    """The text after ``### Requirement:`` for ``requirement``: its ID before its title."""
    if requirement.id and requirement.title:
        return f"{requirement.id} {requirement.title}"
    return requirement.id or requirement.title


def delta_heading(change: str) -> str:
    """The heading of the section holding requirements with ``change`` (``added``: ``ADDED Requirements``)."""
    return DELTA_HEADINGS.get(change, f"{change.upper()} Requirements")


def delta_runs(requirements: Sequence[Requirement]) -> list[list[Requirement]]:
    """The requirements in runs of one change each, in order: each run is one ``## … Requirements`` section."""
    runs: list[list[Requirement]] = []
    for requirement in requirements:
        if runs and runs[-1][0].change == requirement.change:
            runs[-1].append(requirement)
        else:
            runs.append([requirement])
    return runs


def _head(doc_roots: list[Node], sections: Sections) -> tuple[list[Node], tuple[Section, ...]]:
    """The top sections under a leading ``# Heading`` (which no field holds: kept as a section of its own)."""
    if doc_roots and doc_roots[0].level == 1:
        head = doc_roots[0]
        sections.mark(head, "")
        kept = Section(heading=head.title, level=1, body=strip_blank(head.body), after="")
        return head.children + doc_roots[1:], (kept,)
    return doc_roots, ()


def _read_proposal(text: str) -> Plan:
    doc = outline(text)
    sections = Sections()
    sections.loose(0, prose(doc.preamble), FRONT)
    title = ""
    nodes = doc.roots
    if nodes and nodes[0].level == 1:
        head = nodes[0]
        title = strip_title(head.title, _PROPOSAL_TITLE)
        sections.mark(head, "")
        sections.loose(head.body_start, prose(head.body), "metadata.title")
        nodes = head.children + nodes[1:]
    found = sections.match(nodes, PROPOSAL_SECTIONS)

    def content(key: str) -> str:
        return strip_blank(found[key][0].content) if key in found else ""

    intent = Intent(
        why=content("intent.why"),
        what_changes=content("intent.what_changes"),
        capabilities=content("intent.capabilities"),
        impact=content("intent.impact"),
    )
    return tidy(
        Plan(
            metadata=Metadata(title=title),
            intent=intent,
            extra_sections=sections.extras(),
            headings=sections.headings(),
        )
    )


def _items(node: Node, sections: Sections, key: str) -> list[str]:
    """The texts of the list items of ``node``'s body, its other text kept before them."""
    taken: list[Block] = []
    texts: list[str] = []
    for block in blocks(node.body):
        if block.item is not None:
            taken.append(block)
            text = block.item.text
            texts.append(text + ("\n" + block.item.body if block.item.body else ""))
    sections.loose(node.body_start, rest(node.body, taken), key + ".intro")
    sections.match(node.children, {})
    return texts


def _risk(text: str) -> Risk:
    parts = _ARROW.split(text, maxsplit=1)
    risk = parts[0].strip()
    if risk.startswith("[Risk]"):
        risk = risk[len("[Risk]") :].strip()
    elif risk.startswith("[") and risk.endswith("]") and "[" not in risk[1:-1]:
        risk = risk[1:-1].strip()
    mitigation = _MITIGATION.sub("", parts[1].strip()) if len(parts) > 1 else ""
    return Risk(risk=risk, mitigation=mitigation)


def _read_design(text: str) -> Plan:
    doc = outline(text)
    sections = Sections()
    sections.loose(0, prose(doc.preamble), FRONT)
    nodes, kept = _head(doc.roots, sections)
    found = sections.match(nodes, DESIGN_SECTIONS)
    summary = ""
    if "summary" in found:
        summary = strip_blank(found["summary"][0].content)
    decisions: list[Decision] = []
    if "decisions" in found:
        node = found["decisions"][0]
        sections.loose(node.body_start, prose(node.body), "decisions.intro")
        for child in node.children:
            decisions.append(
                Decision(title=strip_title(child.title, _DECISION_TITLE), context=strip_blank(child.content))
            )
    risks = [_risk(text) for text in _items(found["risks"][0], sections, "risks")] if "risks" in found else []
    deployment = strip_blank(found["deployment"][0].content) if "deployment" in found else ""
    questions: list[str] = []
    if "open_questions" in found:
        node = found["open_questions"][0]
        taken = [block for block in blocks(node.body) if block.item is not None and not block.item.body]
        questions = [block.item.text for block in taken if block.item is not None]
        sections.loose(node.body_start, rest(node.body, taken), "open_questions.intro")
        sections.match(node.children, {})
    return tidy(
        Plan(
            summary=summary,
            decisions=tuple(decisions),
            risks=tuple(risks),
            deployment=deployment,
            open_questions=tuple(questions),
            extra_sections=kept + sections.extras(),
            headings=sections.headings(),
        )
    )


def _read_tasks(text: str) -> Plan:
    doc = outline(text)
    sections = Sections()
    sections.loose(0, prose(doc.preamble), FRONT)
    nodes, kept = _head(doc.roots, sections)
    phases: list[Phase] = []
    for node in nodes:
        if node.level != 2:
            sections.keep(node)
            continue
        sections.mark(node, "phases")
        taken: list[Block] = []
        tasks = []
        for block in blocks(node.body):
            task = task_item(block.item) if block.item is not None else None
            if task is not None:
                tasks.append(task)
                taken.append(block)
        sections.match(node.children, {})
        phases.append(
            Phase(name=strip_title(node.title, _PHASE_TITLE), description=rest(node.body, taken), tasks=tuple(tasks))
        )
    return tidy(Plan(phases=tuple(phases), extra_sections=kept + sections.extras()))


def _requirement(node: Node, change: str, sections: Sections) -> Requirement:
    identifier, title = _split_id(strip_title(node.title, _REQUIREMENT))
    lines = node.body.split("\n")
    cut = next(
        (block.start for block in blocks(node.body) if block.item is None and _LABELLED.match(lines[block.start])),
        len(lines),
    )
    criteria = []
    for child in node.children:
        match = _SCENARIO.match(child.title)
        if match is None:
            sections.keep(child)
            continue
        criteria.append(Criterion(title=match.group(1), text=strip_blank(child.content)))
    return Requirement(
        id=identifier,
        title=title,
        text=strip_blank("\n".join(lines[:cut])),
        notes=strip_blank("\n".join(lines[cut:])),
        criteria=tuple(criteria),
        change=change,
    )


def _renames(node: Node, sections: Sections) -> list[Requirement]:
    """The ``- FROM:`` / ``- TO:`` pairs of a RENAMED section as renamed requirements; its other text kept."""
    found: list[Requirement] = []
    taken: list[Block] = []
    pending: tuple[str, Block] | None = None
    for block in blocks(node.body):
        match = _RENAME.match(block.item.text) if block.item is not None and not block.item.body else None
        if match is None:
            pending = None
            continue
        if match.group("side").upper() == "FROM":
            pending = (match.group("name"), block)
        elif pending is not None:
            identifier, title = _split_id(match.group("name"))
            found.append(Requirement(id=identifier, title=title, renamed_from=pending[0], change="renamed"))
            taken += [pending[1], block]
            pending = None
    sections.loose(node.body_start, rest(node.body, taken), "requirements.intro")
    return found


def _read_spec(text: str) -> Plan:
    doc = outline(text)
    sections = Sections()
    sections.loose(0, prose(doc.preamble), FRONT)
    nodes, kept = _head(doc.roots, sections)
    requirements: list[Requirement] = []
    for node in nodes:
        match = _DELTA.match(node.title) if node.level == 2 else None
        if match is None:
            sections.keep(node)
            continue
        sections.mark(node, "requirements")
        change = (match.group("kind") or "").lower()
        if change == "renamed":
            requirements += _renames(node, sections)
        else:
            sections.loose(node.body_start, prose(node.body), "requirements.intro")
        for child in node.children:
            if _REQUIREMENT.match(child.title) is None:
                sections.keep(child)
                continue
            requirements.append(_requirement(child, change, sections))
    return tidy(Plan(requirements=tuple(requirements), extra_sections=kept + sections.extras()))


def _task_paths(prefix: str) -> list[str]:
    return [f"{prefix}.{name}" for name in ("text", "done", "body")] + [
        f"{prefix}.subtasks.{name}" for name in ("text", "done", "body")
    ]


_ORIGIN = "Fission-AI/OpenSpec, schemas/spec-driven/templates (v1.10.0); blank template in plancore's own words"
_TOOL = "OpenSpec (openspec/changes/<id>/)"

OPENSPEC_PROPOSAL = Format(
    name="openspec-proposal",
    description="OpenSpec proposal.md: Why, What Changes, Capabilities, Impact",
    origin=_ORIGIN,
    tool=_TOOL,
    layout="openspec/changes/<id>/proposal.md",
    read=_read_proposal,
    holds=frozenset(
        ["metadata.title", "intent.why", "intent.what_changes", "intent.capabilities", "intent.impact", "extra_sections"]
    ),
    markers=(),
)
OPENSPEC_DESIGN = Format(
    name="openspec-design",
    description="OpenSpec design.md: Context, Goals / Non-Goals, Decisions, Risks / Trade-offs, Migration Plan",
    origin=_ORIGIN,
    tool=_TOOL,
    layout="openspec/changes/<id>/design.md",
    read=_read_design,
    holds=frozenset(
        [
            "summary",
            "decisions.title",
            "decisions.context",
            "risks.risk",
            "risks.mitigation",
            "deployment",
            "open_questions",
            "extra_sections",
        ]
    ),
    markers=(),
)
OPENSPEC_TASKS = Format(
    name="openspec-tasks",
    description="OpenSpec tasks.md: `## 1. Group` sections of `- [ ] 1.1 …` tasks",
    origin=_ORIGIN,
    tool=_TOOL,
    layout="openspec/changes/<id>/tasks.md",
    read=_read_tasks,
    holds=frozenset(["phases.name", "phases.description", *_task_paths("phases.tasks"), "extra_sections"]),
    carries_sections=False,
    markers=(),
)
OPENSPEC_SPEC = Format(
    name="openspec-spec",
    description="OpenSpec spec.md: requirements with scenarios, whole or as ADDED/MODIFIED/REMOVED/RENAMED deltas",
    origin=_ORIGIN,
    tool=_TOOL,
    layout="openspec/changes/<id>/specs/<capability>/spec.md; openspec/specs/<capability>/spec.md",
    read=_read_spec,
    holds=frozenset(
        [
            "requirements.id",
            "requirements.title",
            "requirements.text",
            "requirements.notes",
            "requirements.change",
            "requirements.renamed_from",
            "requirements.criteria.title",
            "requirements.criteria.text",
            "extra_sections",
        ]
    ),
    writer_data={"delta_heading": delta_heading, "runs": delta_runs, "heading": requirement_heading},
    markers=(),
)
PARTS: dict[str, Format] = {
    fmt.name: fmt for fmt in (OPENSPEC_PROPOSAL, OPENSPEC_DESIGN, OPENSPEC_TASKS, OPENSPEC_SPEC)
}
"""The per-file formats of an OpenSpec change, by name (not registered as formats of their own)."""
