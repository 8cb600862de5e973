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

from .._convert import _check_text, _read, _write, convert_plan
from .._crosswalk import (
    folded_spec,
    intent_of,
    requirement_name,
    scenario_titles,
    with_carried_date,
    without_carried_date,
)
from .._errors import ParseError
from .._feature import FeatureWrite, carried_section, folder_source, from_tasks_file, read_text, unfenced
from .._fields import blank
from .._files import holds, write_files
from .._format import PART_FORMATS, Format
from .._loss import Loss
from .._markdown import Node, normalize_title, outline, strip_blank
from .._model import Criterion, Decision, Intent, Labeled, Metadata, Phase, Plan, Requirement, Risk, Section, Source
from .._reading import FRONT, Aliases, Block, Sections, blocks, prose, rest, strip_title, tidy
from .._vocabulary import LABELS, alternation, heading_pattern
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

# Field key -> normalized heading titles: OpenSpec's English, and the shared vocabulary's translations.
PROPOSAL_SECTIONS: Aliases = {
    "intent.why": [r"why", r"motivation", r"problem", heading_pattern("why")],
    "intent.what_changes": [
        r"what changes",
        r"what changes\?",
        r"changes",
        r"proposed changes?",
        heading_pattern("what_changes"),
    ],
    "intent.capabilities": [r"capabilities", r"affected capabilities", heading_pattern("capabilities")],
    "intent.impact": [r"impact", r"impact assessment", heading_pattern("impact")],
}
DESIGN_SECTIONS: Aliases = {
    "summary": [r"context", r"background", heading_pattern("context")],
    "decisions": [r"decisions", r"key decisions", r"design decisions", heading_pattern("decisions")],
    "risks": [
        r"risks / trade-offs",
        r"risks/trade-offs",
        r"risks and trade-offs",
        r"risks & trade-offs",
        r"risks",
        heading_pattern("risks_tradeoffs"),
        heading_pattern("risks"),
    ],
    "deployment": [r"migration plan", r"migration", heading_pattern("migration_plan")],
    "open_questions": [r"open questions", heading_pattern("open_questions")],
}
_PROPOSAL_TITLE = re.compile(r"^(?:change\s+)?proposal\s*[:\-–—]\s*(.*)$", re.IGNORECASE)
_PHASE_TITLE = re.compile(r"^\d+(?:\.\d+)*[.)]?\s+(.*)$")
# ``Decision 1: Title`` (or translated: ``决策 1\uff1aTitle``, the colon either width) or ``1. Title``.
_DECISION_TITLE = re.compile(
    r"^(?:(?:decision|" + alternation(LABELS["decision"]) + r")\s*\d*\s*[:\uff1a.\-–—]\s*|\d+[.)]\s+)(.*)$",
    re.IGNORECASE,
)
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
# An ID of digits alone: a place in a list, no name (Kiro's ``Requirement 1``).
_PLACE = re.compile(r"\d+(?:\.\d+)*")
_ID_FIRST = re.compile(rf"^(?P<id>{_ID})[.:]?\s+(?P<title>\S.*)$")
# At the end only an ID with letters: ``(REQ-PLM-001)``, ``(US1)``; ``(2024)`` is part of the title.
_ID_LAST = re.compile(r"^(?P<title>.*\S)\s*\((?P<id>(?:[A-Z][A-Z0-9]*-)+\d+(?:\.\d+)*|[A-Z]+\d+(?:\.\d+)*)\)$")
_RENAME = re.compile(r"^(?P<side>FROM|TO):\s*`?(?:#+\s*)?(?:Requirement:\s*)?(?P<name>.*?)`?\s*$", re.IGNORECASE)
_LABELLED = re.compile(r"^\*\*[^*\n]+\*\*:?")
_ARROW = re.compile(r"\s+(?:→|->)\s+")
_MITIGATION = re.compile(r"^mitigation:\s*", re.IGNORECASE)


def _split_id(title: str) -> tuple[str, str]:
    """``(id, title)`` of a requirement's heading text: an ID at its start or in parentheses at its end."""
    if re.fullmatch(_ID, title):
        return title, ""
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


def delta_runs(requirements: tuple[Requirement, ...], placeholders: tuple[Requirement, ...]) -> list[list[Requirement]]:
    """The requirements in runs of one change each, in order: each run is one ``## … Requirements`` section.

    The template's sample values stand only in the blank template: a requirement without a statement is
    written without one (an edit's rendering too, so that no sample text reaches a spec)."""
    runs: list[list[Requirement]] = []
    for requirement in requirements if requirements == placeholders else blank(requirements, placeholders):
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
    styles: tuple[Labeled, ...] = ()
    if "open_questions" in found:
        node = found["open_questions"][0]
        taken = [block for block in blocks(node.body) if block.item is not None and not block.item.body]
        questions = [block.item.text for block in taken if block.item is not None]
        styles = tuple(Labeled(label="open_questions", value=block.item.marker) for block in taken[:1] if block.item)
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
            list_styles=styles,
        )
    )


def _read_tasks(text: str) -> Plan:
    doc = outline(text)
    sections = Sections()
    # The text opening tasks.md (a Spec Kit tasks.md's ``**Feature**:`` lines) introduces the tasks: read as
    # the phases' intro, a plan without its source still writes it at the top of tasks.md, not design.md's.
    sections.loose(0, prose(doc.preamble), _TASKS_INTRO)
    nodes, kept = _head(doc.roots, sections)
    phases: list[Phase] = []
    for node in nodes:
        taken: list[Block] = []
        tasks = []
        for block in blocks(node.body):
            task = task_item(block.item) if block.item is not None else None
            if task is not None:
                tasks.append(task)
                taken.append(block)
        # A group is numbered (``## 1. Setup``) or holds tasks; ``## Notes`` is neither.
        if node.level != 2 or not (tasks or _PHASE_TITLE.match(node.title)):
            sections.keep(node)
            continue
        sections.mark(node, "phases")
        sections.match(node.children, {})
        # Text after the group's tasks (a Spec Kit phase's ``**Checkpoint**:`` line) is the author's, after its
        # list, where the writer places it; only the text above them (and between) is the group's.
        lines = node.body.split("\n")
        end = taken[-1].end if taken else len(lines)
        above = "\n".join(lines[:end])
        sections.loose(node.body_start + len(above), strip_blank("\n".join(lines[end:])), f"phases.{len(phases)}")
        phases.append(
            Phase(name=strip_title(node.title, _PHASE_TITLE), description=rest(above, taken), tasks=tuple(tasks))
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
        [
            "metadata.title",
            "intent.why",
            "intent.what_changes",
            "intent.capabilities",
            "intent.impact",
            "extra_sections",
        ]
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
PART_FORMATS.update(PARTS)

# A carried file's heading: a relative path with an extension (a dot file too), no ``..``.
_FILE = re.compile(r"(?!.*\.\./)\.?[\w\-]+(?:[\w.\-]*/\.?[\w\-][\w.\-]*)*\.\w+")
# A text that is one heading line alone.
_GROUP_HEADING = re.compile(r"#{1,6}[ \t]+\S[^\n]*")
_DATED = re.compile(r"^\d{4}-\d{2}-\d{2}-(?P<id>.+)$")
_STATEMENT = re.compile(r"\b(?:SHALL|MUST)\b")


def _spec_files(folder: Path) -> list[str]:
    """The spec files of a change (``specs/<capability>/spec.md``, capabilities nested too), sorted."""
    found = sorted(path.relative_to(folder).as_posix() for path in (folder / _SPECS).rglob(_SPEC) if path.is_file())
    return found if (folder / _SPECS).is_dir() else []


def _capability(relative: str) -> str:
    return relative[len(_SPECS) + 1 : -len(_SPEC) - 1] if relative.startswith(_SPECS + "/") else ""


def _is_whole_spec(folder: Path) -> bool:
    """A capability's folder (``openspec/specs/<capability>/``) holding its whole ``spec.md``."""
    spec = folder / _SPEC
    if not spec.is_file() or (folder / "plan.md").exists() or (folder / _TASKS).exists():
        return False
    try:
        text = spec.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    return re.search(r"^###[ \t]+Requirement:", text, re.MULTILINE) is not None


def is_openspec_folder(path: Path) -> bool:
    """Whether ``path`` is an OpenSpec change folder or a capability's spec folder.

    A change folder holds ``proposal.md`` or ``.openspec.yaml``, or sits in ``openspec/changes/``
    (``archive/`` too) holding ``tasks.md``, ``design.md`` or ``specs/``; a capability folder holds
    a ``spec.md`` with ``### Requirement:`` headings and no plan.md or tasks.md. A Spec Kit feature
    folder (plan.md, tasks.md, spec.md) is none.

    >>> import pathlib, tempfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "proposal.md").write_text("## Why\\n\\nBecause.\\n")
    >>> is_openspec_folder(folder)
    True
    """
    path = Path(path)
    if not path.is_dir():
        return False
    if (path / "plan.md").is_file():
        return False
    if (path / _PROPOSAL).is_file() or (path / _MARKER).is_file():
        return True
    parents = [parent.name for parent in path.parents][:2]
    in_changes = parents[:1] == ["changes"] or parents == ["archive", "changes"]
    if in_changes and any((path / name).exists() for name in (_TASKS, _DESIGN, _SPECS)):
        return True
    return _is_whole_spec(path)


def _parse_part(folder: Path, relative: str, fmt: Format) -> Plan:
    text = read_text(folder / relative)
    try:
        return _read(fmt, _check_text(text))
    except ParseError as error:
        error.path = error.path or str(folder / relative)
        raise


def _parts(folder: Path) -> dict[str, Plan]:
    """Each modelled file's plan, by its path in the folder; a spec's requirements carry their capability."""
    parts: dict[str, Plan] = {}
    for relative, fmt in ((_PROPOSAL, OPENSPEC_PROPOSAL), (_DESIGN, OPENSPEC_DESIGN), (_TASKS, OPENSPEC_TASKS)):
        if (folder / relative).is_file():
            parts[relative] = _parse_part(folder, relative, fmt)
    specs = _spec_files(folder)
    if not specs and _is_whole_spec(folder):
        specs = [_SPEC]
    for relative in specs:
        parts[relative] = _parse_part(folder, relative, OPENSPEC_SPEC)
    return parts


def _carried_files(folder: Path, modelled: set[str]) -> list[str]:
    return [
        relative
        for relative in (path.relative_to(folder).as_posix() for path in sorted(folder.rglob("*")) if path.is_file())
        if relative not in modelled
    ]


# An OpenSpec 1.x project's configuration (schema, project context, per-artifact rules), shared by its changes.
_PROJECT_CONFIG = "openspec/config.yaml"


def _project_config(folder: Path) -> Path | None:
    """The ``openspec/config.yaml`` of the project whose change ``folder`` is (``openspec/changes/<id>/``,
    archived ``openspec/changes/archive/<id>/``); ``None`` when there is none."""
    changes = folder.resolve().parent
    if changes.name == "archive":
        changes = changes.parent
    config = changes.parent / "config.yaml"
    return config if changes.name == "changes" and config.is_file() else None


def _capability_of(folder: Path, relative: str) -> str:
    return _capability(relative) or (folder.resolve().name if relative == _SPEC else "")


def read_openspec(path: str | Path) -> Plan:
    """Read an OpenSpec change folder (or a capability's spec folder) into one plan.

    Args:
        path: the folder: ``openspec/changes/<id>/`` (archived: ``openspec/changes/archive/YYYY-MM-DD-<id>/``)
            holding any of ``proposal.md``, ``design.md``, ``tasks.md``, ``specs/<capability>/spec.md``;
            or ``openspec/specs/<capability>/`` holding ``spec.md``.

    Returns:
        The ``Plan``: ``metadata.title`` and ``intent`` from proposal.md; ``summary`` (Context),
        ``decisions``, ``risks``, ``deployment`` (Migration Plan) and ``open_questions`` from design.md;
        ``phases`` from tasks.md (``## 1. Group``, tasks with their IDs and check marks as written);
        ``requirements`` from the spec files in path order, each with its ``capability`` (its folder under
        ``specs/``) and ``change`` (``added``, ``modified``, ``removed``, ``renamed``; ``""`` in a whole
        spec). Every other section of those files is an ``extra_sections`` entry, in file order (proposal,
        design, tasks, specs); every other file (``.openspec.yaml``...) an entry headed by its path holding
        its text in a fence; last, for a change of an OpenSpec 1.x project, the project's
        ``openspec/config.yaml`` likewise (headed ``openspec/config.yaml``).

    Raises:
        ParseError: ``path`` is no OpenSpec folder, or a file cannot be read (not UTF-8, empty, a NUL
            byte; naming the file and the line).

    >>> import pathlib, tempfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "tasks.md").write_text("## 1. Setup\\n\\n- [x] 1.1 Add it\\n")
    >>> _ = (folder / ".openspec.yaml").write_text("schema: spec-driven\\n")
    >>> [(task.id, task.done) for task in read_openspec(folder).phases[0].tasks]
    [('1.1', True)]
    """
    folder = Path(path)
    if not is_openspec_folder(folder):
        raise ParseError(f"{folder}: no OpenSpec folder (it holds no proposal.md, .openspec.yaml or spec.md)")
    parts = _parts(folder)
    proposal = parts.get(_PROPOSAL, Plan())
    design = parts.get(_DESIGN, Plan())
    tasks = parts.get(_TASKS, Plan())
    requirements: list[Requirement] = []
    extras = [*proposal.extra_sections, *design.extra_sections, *tasks.extra_sections]
    for relative, part in parts.items():
        if part.requirements or relative.endswith(_SPEC):
            capability = _capability_of(folder, relative)
            requirements += [attrs.evolve(item, capability=capability) for item in part.requirements]
            extras += part.extra_sections
    extras += [
        carried_section(relative, read_text(folder / relative)) for relative in _carried_files(folder, set(parts))
    ]
    config = _project_config(folder)
    if config is not None:
        # The project's context and rules describe every change of the project, not this one: no field
        # of the plan takes them. Carried as the file, they reach any format and come back byte for byte.
        extras.append(carried_section(_PROJECT_CONFIG, read_text(config)))
    # A change without a titled proposal is named by its folder (``add-dark-mode``), as Kiro's feature is.
    title = proposal.metadata.title or _change_id(folder)
    read = Plan(
        metadata=attrs.evolve(proposal.metadata, title=title),
        intent=proposal.intent,
        summary=design.summary,
        decisions=design.decisions,
        risks=design.risks,
        deployment=design.deployment,
        open_questions=design.open_questions,
        list_styles=design.list_styles,
        phases=tasks.phases,
        requirements=tuple(requirements),
        extra_sections=tuple(extras),
        headings=(*proposal.headings, *design.headings, *tasks.headings),
    )
    return folder_source(with_carried_date(read), "openspec", parts.values(), folder)


_TASKS_INTRO = "phases.intro"
_DESIGN_FIELDS = ("summary", "decisions", "risks", "deployment", "open_questions")
_ELSEWHERE = ("metadata", "intent", "phases", "requirements", "extra_sections", "headings", "labels")


def _without_folder_header(plan: Plan) -> Plan:
    """``plan`` less the header values its OpenSpec folder gave and no file of it holds (``read_openspec``):
    the title its name gave an untitled proposal, the date ``.openspec.yaml`` gives; written back, the
    proposal stays untitled and the date stays in that file."""
    plan = without_carried_date(plan)
    read = plan.source if isinstance(plan.source, Source) and plan.source.format == "openspec folder" else None
    if read is None or read.plan.metadata.title != plan.metadata.title:
        return plan
    if any(part.plan.metadata.title for part in read.parts):
        return plan
    return attrs.evolve(plan, metadata=attrs.evolve(plan.metadata, title=""))


def _change_id(folder: Path) -> str:
    name = folder.resolve().name
    match = _DATED.match(name)
    return match.group("id") if match else name


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-")


def _checked(
    requirements: Sequence[Requirement], *, places: bool = False
) -> tuple[list[tuple[int, Requirement]], list[Loss]]:
    """Requirements of another format as an OpenSpec delta, each with the index of the one it comes from:
    what ``openspec validate`` needs and they lack is reported (a statement with SHALL or MUST, a scenario),
    never made up; a user story stands as the statement when there is none; a requirement without a name is
    named by what its user story wants (else its statement's or first criterion's outcome), a criterion by
    what it is about (``scenario_titles``); a renamed requirement with content is its ``FROM``/``TO`` pair
    and, as OpenSpec has it, a MODIFIED requirement under the new name. ``places``: the IDs of digits alone
    are places (a Kiro folder's), not written in a named requirement's name."""
    shaped: list[tuple[int, Requirement]] = []
    notes: list[Loss] = []
    for index, requirement in enumerate(requirements):
        content = attrs.evolve(requirement, id="", title="", renamed_from="", change="")
        if requirement.change == "renamed" and content != Requirement():
            pair = Requirement(
                id=requirement.id, title=requirement.title, renamed_from=requirement.renamed_from, change="renamed"
            )
            shaped.append((index, pair))
            requirement = attrs.evolve(requirement, renamed_from="", change="modified")
        if not requirement.change:
            requirement = attrs.evolve(requirement, change="added")
        if not requirement.text and requirement.user_story:
            requirement = attrs.evolve(requirement, text=requirement.user_story, user_story="")
        requirement = attrs.evolve(requirement, criteria=scenario_titles(requirement.criteria))
        if not requirement.title:
            requirement = attrs.evolve(requirement, title=requirement_name(requirement))
        if places and requirement.title and _PLACE.fullmatch(requirement.id):
            # Kiro's ``Requirement 1`` is numbered by its place, which tasks' ``_Requirements: 1.2_`` name (as
            # ``plancore check`` links them): OpenSpec names a requirement by its title alone.
            requirement = attrs.evolve(requirement, id="")
        if requirement.change in ("added", "modified") and not _STATEMENT.search(requirement.text):
            notes.append(
                Loss(
                    path=f"requirements[{index}].text",
                    reason="openspec validate wants a statement with SHALL or MUST; none is written",
                    value=requirement.text,
                )
            )
        if requirement.change in ("added", "modified") and not requirement.criteria:
            notes.append(
                Loss(
                    path=f"requirements[{index}].criteria",
                    reason="openspec validate wants a #### Scenario: for it; none is written",
                    value="",
                )
            )
        shaped.append((index, requirement))
    return shaped, notes


def write_openspec(plan: Plan, path: str | Path) -> FeatureWrite:
    """Write ``plan`` as an OpenSpec change folder.

    Args:
        plan: the ``Plan``.
        path: the folder (``openspec/changes/<id>/``); created when missing. Files it holds that the plan
            does not produce are left alone.

    Returns:
        A ``FeatureWrite``: the files written (``ids`` is always empty: tasks keep the IDs they have) and
        the losses. ``proposal.md``: the title and intent (every metadata field but the title is a loss);
        ``design.md``: Context (``summary``), decisions, risks, Migration Plan (``deployment``), open
        questions, and whatever else of the plan has no OpenSpec place (carried in its appendix, listed as
        losses); ``tasks.md``: the phases (a task's started or dropped state is a loss: OpenSpec marks
        ``[ ]`` and ``[x]`` only); ``specs/<capability>/spec.md``: the requirements by capability (read,
        where the plan has none, from its ``Requirements`` section that is a folder's spec.md carried into a
        single file; one without a capability goes to the change's name; one without a change is ADDED; a
        missing SHALL/MUST statement or scenario is reported, not made up). No requirements: no specs/
        (reported, as ``openspec validate`` wants a delta unless ``.openspec.yaml`` says
        ``skip_specs: true``). An extra section
        headed by a file's path holding one fence is written as that file; ``openspec/config.yaml`` is not
        written when the folder is a change of a project whose configuration holds exactly that text. A file
        whose part is what the folder holds is not written: a folder read and written back is unchanged
        byte for byte, and an edit rewrites only the lines it touches.

    Raises:
        ParseError: a file of the folder cannot be read.
        EmitError: a part cannot be written (a fault of plancore's).
        OSError: the folder cannot be written.

    >>> import plancore, tempfile, pathlib
    >>> plan = plancore.Plan(phases=(plancore.Phase(name="Setup", tasks=(plancore.Task(text="1.1 Add it"),)),))
    >>> write_openspec(plan, pathlib.Path(tempfile.mkdtemp())).written
    ('proposal.md', 'tasks.md')
    """
    folder = Path(path)
    # A folder's spec.md carried into a single file (its user stories in a section ``Requirements``) comes
    # back as the requirements specs/ holds, not as text of the proposal (trial s13 T2).
    plan = folded_spec(_without_folder_header(plan))
    old = _parts(folder) if folder.is_dir() else {}
    source = plan.source.format if plan.source is not None else "plancore"
    texts: dict[str, str] = {}
    losses: list[Loss] = []
    whole = _SPEC in old
    by_file: dict[str, list[tuple[int, Requirement]]] = {}
    for index, requirement in enumerate(plan.requirements):
        capability = requirement.capability or _slug(plan.metadata.title) or _change_id(folder)
        relative = _SPEC if whole and capability == folder.resolve().name else f"{_SPECS}/{capability}/{_SPEC}"
        by_file.setdefault(relative, []).append((index, requirement))
    # A new proposal of a plan without intent says what a person would write in it (the crosswalk's
    # INTENT_PARTS); the summary it takes as the Why is written there, not also as the design's Context. A
    # capability's whole spec (openspec/specs/<name>/) has no proposal.
    moved: tuple[str, ...] = ()
    if _PROPOSAL not in old and not whole:
        plan = _intent_in_sections(plan)
        capabilities = [_capability(relative) for relative in by_file if relative != _SPEC]
        intent, moved = intent_of(plan, capabilities)
        plan = attrs.evolve(
            plan,
            intent=intent,
            summary="" if "summary" in moved else plan.summary,
            specification="" if "specification" in moved else plan.specification,
        )
    # Sections the folder's files hold go back to them; a file's path heading over one fence is that
    # file; the others go to the file holding the field they follow (by plan index, for the losses).
    owned = Counter(
        (s.heading, s.level, s.body, s.after) for part_plan in old.values() for s in part_plan.extra_sections
    )
    routed: dict[str, list[tuple[int, Section]]] = {_PROPOSAL: [], _DESIGN: [], _TASKS: []}
    for index, section in enumerate(plan.extra_sections):
        key = (section.heading, section.level, section.body, section.after)
        text = unfenced(section.body)
        if section.level == 2 and text is not None and _FILE.fullmatch(section.heading):
            config = _project_config(folder) if section.heading == _PROJECT_CONFIG else None
            if config is not None and holds(config, text):
                continue  # the project's own configuration, where it is
            if section.heading not in old and not holds(folder / section.heading, text):
                texts[section.heading] = text
            continue
        if owned[key] > 0:
            owned[key] -= 1
            continue
        if section.level == 0 and section.after.startswith("requirements.") and _GROUP_HEADING.fullmatch(section.body):
            # A heading grouping the requirements (Spec Kit's FR groups): they go to specs/, where a heading
            # between them would be read as a part of the one above; in design.md it would head nothing.
            title = section.body.lstrip("#").strip()
            reason = f"openspec has no place for a heading grouping requirements, specs/ list them ungrouped ({title})"
            losses.append(Loss(path=f"extra_sections[{index}]", reason=reason, value=section.body))
            continue
        has_tasks = bool(plan.phases) or _TASKS in old
        if has_tasks and (section.level > 1 or section.after == FRONT) and from_tasks_file(section, plan):
            # A tasks file's own sections (Spec Kit's tasks.md Overview, Task Format) and its front matter
            # (``description: "Task list for ..."``) stay with its tasks.
            routed[_TASKS].append((index, section))
            continue
        if has_tasks and section.level == 0 and section.after.startswith("metadata") and from_tasks_file(section, plan):
            # The tasks file's header lines (Spec Kit's ``**Feature**:``, ``**Branch**:``) open the tasks file,
            # not the proposal, whose title they would stand under.
            routed[_TASKS].append((index, attrs.evolve(section, after=_TASKS_INTRO)))
            continue
        routed[_home(section, has_tasks=has_tasks)].append((index, section))

    def part(relative: str, fmt: Format, new: Plan, fresh: Plan, index: dict[str, list[int]]) -> None:
        """``relative`` written from ``new`` (its fields over the file's own part) or, for a new file,
        ``fresh`` (a conversion, its losses named by the plan's paths through ``index``)."""
        extras = [section for _, section in routed.get(relative, ())]
        if relative in old:
            new = attrs.evolve(new, extra_sections=(*new.extra_sections, *extras))
            if new != old[relative]:
                texts[relative] = _write(fmt, new)
            return
        fresh = attrs.evolve(fresh, extra_sections=(*fresh.extra_sections, *extras), source=plan.source)
        # With the plan's source: the crosswalk then moves what the part holds in another shape.
        conversion = convert_plan(fresh, fmt, source=source)
        texts[relative] = conversion.text
        index = {**index, "extra_sections": [at for at, _ in routed.get(relative, ())]}
        losses.extend(_renamed(loss, index) for loss in conversion.losses)

    proposal = Plan(metadata=plan.metadata, intent=plan.intent)
    if _PROPOSAL in old or not (whole and proposal == Plan()):
        part(
            _PROPOSAL,
            OPENSPEC_PROPOSAL,
            attrs.evolve(old.get(_PROPOSAL, Plan()), metadata=plan.metadata, intent=plan.intent),
            attrs.evolve(proposal, headings=_headings_for(plan, ("metadata", "intent"))),
            {},
        )

    design_values = {name: getattr(plan, name) for name in _DESIGN_FIELDS}
    others = attrs.evolve(plan, **{name: getattr(Plan(), name) for name in (*_DESIGN_FIELDS, *_ELSEWHERE)})
    if _DESIGN in old or any(design_values.values()) or routed[_DESIGN] or others != Plan():
        fresh = attrs.evolve(others, **design_values, headings=_headings_for(plan, _DESIGN_FIELDS))
        part(_DESIGN, OPENSPEC_DESIGN, attrs.evolve(old.get(_DESIGN, Plan()), **design_values), fresh, {})

    if _TASKS in old or plan.phases:
        tasks = Plan(phases=plan.phases)
        part(_TASKS, OPENSPEC_TASKS, attrs.evolve(old.get(_TASKS, Plan()), phases=plan.phases), tasks, {})

    for relative, indexed in by_file.items():
        items = [attrs.evolve(requirement, capability="") for _, requirement in indexed]
        places = {"requirements": [at for at, _ in indexed]}
        if relative in old:
            part(relative, OPENSPEC_SPEC, attrs.evolve(old[relative], requirements=tuple(items)), Plan(), places)
            continue
        shaped, notes = _checked(items, places=source.startswith("kiro"))
        losses.extend(_renamed(loss, places) for loss in notes)
        places = {"requirements": [indexed[origin][0] for origin, _ in shaped]}
        part(relative, OPENSPEC_SPEC, Plan(), Plan(requirements=tuple(item for _, item in shaped)), places)

    if not plan.requirements and not any(relative.endswith(_SPEC) for relative in old):
        marker = texts.get(_MARKER) or (read_text(folder / _MARKER) if (folder / _MARKER).is_file() else "")
        if not re.search(r"^skip_specs:\s*true\b", marker, re.MULTILINE):
            # Only the author can say that no behaviour changes: the marker is never written for them.
            reason = (
                "openspec validate rejects a change without spec deltas unless .openspec.yaml sets skip_specs: true"
            )
            losses.append(Loss(path="requirements", reason=reason, value=()))
    written = write_files(folder, texts)
    return FeatureWrite(path=folder, written=written, losses=tuple(losses))


def _intent_in_sections(plan: Plan) -> Plan:
    """``plan`` with its own top sections headed as the proposal's parts (``## Why`` in a Spec Kit plan.md
    converted from OpenSpec) as its intent, when it has none: they are the proposal's, not the design's."""
    if plan.intent != Intent():
        return plan
    parts: dict[str, str] = {}
    kept = []
    for section in plan.extra_sections:
        title = normalize_title(section.heading) if section.level == 2 else ""
        key = next((k for k, names in PROPOSAL_SECTIONS.items() if any(re.fullmatch(n, title) for n in names)), "")
        if key and key not in parts:
            parts[key] = section.body
            continue
        kept.append(section)
    if not parts:
        return plan
    intent = Intent(**{key.split(".")[1]: body for key, body in parts.items()})
    return attrs.evolve(plan, intent=intent, extra_sections=tuple(kept))


def _home(section: Section, *, has_tasks: bool) -> str:
    """The file a section of the plan goes to: the proposal's after the title or intent, the tasks' among
    the phases, the design's otherwise."""
    key = section.after.split(".")[0]
    if key in ("metadata", "intent") and section.after != FRONT:
        return _PROPOSAL
    if key == "phases" and has_tasks:
        return _TASKS
    return _DESIGN


_LIST_INDEX = re.compile(r"^(?P<field>\w+)\[(?P<index>\d+)\]")


def _renamed(loss: Loss, index: dict[str, list[int]]) -> Loss:
    """``loss`` of a file's part named by the plan's path: item ``i`` of a list is the plan's ``index[list][i]``."""
    match = _LIST_INDEX.match(loss.path)
    if match is None or match.group("field") not in index:
        return loss
    at = index[match.group("field")][int(match.group("index"))]
    return Loss(path=f"{match.group('field')}[{at}]{loss.path[match.end() :]}", reason=loss.reason, value=loss.value)


def _headings_for(plan: Plan, keys: Sequence[str]) -> tuple[Labeled, ...]:
    """The author's headings of the sections with ``keys`` (a file's own)."""
    return tuple(heading for heading in plan.headings if heading.label.split(".")[0] in keys)
