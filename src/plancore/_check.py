"""What a reader or a format's own tool would trip over in a plan: findings with stable codes.

Everything a check knows about a format comes from the format itself: its
blank template, its writer and its reader. A line of the blank template that
the writer never writes for a filled plan and that holds a field's
placeholder is placeholder text; the template's top-level sections, as its
reader names them, are the sections a plan should have, in that order.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import attrs

from ._convert import detect, parse
from ._errors import UnknownFormatError
from ._fields import filled, leaves, restrict
from ._format import Format, normalize_newlines
from ._markdown import Node, normalize_title, outline
from ._model import Labeled, Plan, Task, is_empty
from ._reading import FENCE_OPEN
from ._registry import get_format

__all__ = ["CODES", "Finding", "check", "check_folder"]

# The codes, stable across releases: a code is never reused for another problem.
CODES = {
    "PC000": "the file cannot be read as a plan",
    "PC001": "template placeholder text left in a filled plan",
    "PC002": "NEEDS CLARIFICATION marker",
    "PC003": "section of the template missing",
    "PC004": "section out of the template's order",
    "PC005": "heading the format reads under no field",
    "PC006": "task ID used twice, or missing where the other tasks have one",
    "PC007": "task depends on a task the plan does not have",
    "PC008": "task refers to a requirement the plan does not define",
}


@attrs.frozen(kw_only=True)
class Finding:
    """One problem in a plan: ``code`` (``PC001``…, see ``plancore check``),
    the 1-based ``line`` it is on, a ``message`` and the file's ``path``
    (``None`` for text not read from a file).

    >>> import plancore
    >>> plancore.Finding(code="PC002", line=12, message="NEEDS CLARIFICATION marker", path="plan.md")
    Finding(code='PC002', line=12, message='NEEDS CLARIFICATION marker', path='plan.md')
    """

    code: str
    line: int
    message: str
    path: str | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.path is not None else f"line {self.line}"
        return f"{where}: {self.code} {self.message}"

    def as_dict(self) -> dict[str, object]:
        """The finding as JSON-ready data: ``path``, ``line``, ``code``, ``message``."""
        return {"path": self.path, "line": self.line, "code": self.code, "message": self.message}


# A placeholder shorter than this, with no brace or bracket, is a value a plan
# may well hold (``Draft``, ``1.0``, ``None``): not evidence of a template left in.
_DISTINCT = 12
_MARKED = re.compile(r"[{}\[\]]")
_BRACED = re.compile(r"\{\{?[^{}\s][^{}]*\}\}?")
_CLARIFY = re.compile(r"\bNEEDS CLARIFICATION\b")
# A marker quoted in a code span is written about, not left in.
_CODE_SPAN = re.compile(r"(`+)[^`]+?\1")
_CELL_SPACE = re.compile(r"\s*\|\s*")


def _normal(line: str) -> str:
    """``line`` without its indentation and table alignment."""
    line = line.strip()
    return _CELL_SPACE.sub("|", line) if line.startswith("|") else line


def _pieces(template: Plan) -> set[str]:
    """The lines of the template's placeholders distinct enough to mark template text."""
    pieces = set()
    for _, value in leaves(template):
        if isinstance(value, str):
            for line in value.split("\n"):
                line = line.strip()
                if len(line) >= _DISTINCT or _MARKED.search(line):
                    pieces.add(line)
    return pieces


def _filled_like(value: Any) -> Any:
    """Model object ``value`` (a template's placeholders) with every field filled
    in (``x``) but its keys kept: a writer lays out a labeled item it knows
    (``**Language/Version**:``) where the template has it."""
    full = filled(type(value))
    changes = {}
    for field in attrs.fields(type(value)):
        if not field.eq or field.metadata.get("key"):
            continue
        old = getattr(value, field.name)
        if isinstance(old, tuple) and old and attrs.has(type(old[0])):
            changes[field.name] = tuple(_filled_like(item) for item in old)
        elif attrs.has(type(old)):
            changes[field.name] = _filled_like(old)
        elif isinstance(old, tuple) and old:
            changes[field.name] = ("x",) * len(old)
        else:
            changes[field.name] = getattr(full, field.name)
    return attrs.evolve(value, **changes)


@attrs.frozen
class _Placeholders:
    """Format text that marks a template left in: the blank template's lines
    holding a placeholder (normalized), the braced placeholder tokens
    (``{{plan_summary}}``) that mark a line wherever they are, and the lines
    its writer writes for a filled plan (which are never placeholders)."""

    lines: frozenset[str]
    tokens: tuple[str, ...]
    written: frozenset[str]

    def marks(self, line: str, fenced: bool) -> bool:
        normal = _normal(line)
        if normal in self.written:
            return False
        if normal.startswith("#") and _MARKED.search(line) is None:
            # A heading of the template that names no placeholder (OpenSpec's ``### New Capabilities``)
            # is the format's own, kept in a filled plan.
            return False
        if fenced:
            # A template's example code (a source tree) is often what a plan keeps:
            # in code, only a line with a marked placeholder (``specs/[###-feature]/``) is one.
            return normal in self.lines and _MARKED.search(line) is not None
        return normal in self.lines or ("{" in line and any(token in line for token in self.tokens))


def _format(name: str) -> Format:
    """Format ``name``: a registered one, or a file format of a folder format (``kiro-design``)."""
    from ._formats import kiro, openspec
    from ._formats.speckit_spec import SPECKIT_SPEC

    parts = {**kiro.PARTS, **openspec.PARTS, SPECKIT_SPEC.name: SPECKIT_SPEC}
    return parts[name] if name in parts else get_format(name)


@functools.cache
def _placeholders(name: str) -> _Placeholders:
    fmt = _format(name)
    full = restrict(attrs.evolve(_filled_like(fmt.template_plan), extra_sections=(), headings=()), fmt.holds)
    written = frozenset(_normal(line) for line in fmt.emit(full).split("\n"))
    pieces = _pieces(fmt.template_plan)
    lines = set()
    for line in fmt.blank_text.split("\n"):
        normal = _normal(line)
        if normal and normal not in written and any(piece in line for piece in pieces):
            lines.add(normal)
    # A one-word lowercase token (``{path}``, ``{id}``) is also how a path parameter is written.
    tokens = tuple(
        sorted(
            {
                token
                for piece in pieces
                for token in _BRACED.findall(piece)
                if token.startswith("{{") or " " in token or token == token.upper()
            }
        )
    )
    return _Placeholders(lines=frozenset(lines), tokens=tokens, written=written)


def _runs(numbers: Iterable[int]) -> list[tuple[int, int]]:
    """Consecutive runs of ``numbers`` (ascending) as (first, count)."""
    runs: list[tuple[int, int]] = []
    for number in numbers:
        if runs and runs[-1][0] + runs[-1][1] == number:
            runs[-1] = (runs[-1][0], runs[-1][1] + 1)
        else:
            runs.append((number, 1))
    return runs


def _quoted(line: str, limit: int = 80) -> str:
    line = line.strip()
    return repr(line if len(line) <= limit else line[: limit - 1] + "…")


def _line_findings(lines: list[str], fmt: Format, is_filled: bool) -> list[Finding]:
    placeholders = _placeholders(fmt.name)
    flagged: list[int] = []
    findings = []
    fence = ""
    for number, line in enumerate(lines, 1):
        opening = FENCE_OPEN.match(line)
        fenced = bool(fence)
        if fence and opening and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence):
            fence = ""
        elif not fence and opening:
            fence = opening.group(1)
        if placeholders.marks(line, fenced):
            flagged.append(number)
        elif _CLARIFY.search(_CODE_SPAN.sub("", line)):
            findings.append(Finding(code="PC002", line=number, message=f"NEEDS CLARIFICATION marker: {_quoted(line)}"))
    if is_filled:
        for first, count in _runs(flagged):
            more = f" (and the {count - 1} line(s) after it)" if count > 1 else ""
            message = f"template placeholder text left in a filled plan: {_quoted(lines[first - 1])}{more}"
            findings.append(Finding(code="PC001", line=first, message=message))
    return findings


def _top_titles(text: str) -> list[str]:
    doc = outline(text)
    roots = doc.roots[0].children + doc.roots[1:] if doc.roots and doc.roots[0].level == 1 else doc.roots
    return [node.title for node in roots]


def _placed(headings: Iterable[tuple[str, int]], nodes: list[Node]) -> list[int]:
    """The line of each (title, level) heading, matched to ``nodes`` in order (0: not found)."""
    used: set[int] = set()
    lines = []
    for title, level in headings:
        match = next(
            (i for i, node in enumerate(nodes) if i not in used and node.title == title and level in (0, node.level)),
            None,
        )
        if match is None:
            lines.append(0)
        else:
            used.add(match)
            lines.append(nodes[match].line)
    return lines


@functools.cache
def _template_sections(name: str) -> tuple[Labeled, ...]:
    """The top-level sections of format ``name``'s template, in order: (key, title)."""
    fmt = _format(name)
    top = set(_top_titles(fmt.blank_text))
    return tuple(heading for heading in fmt.read(fmt.blank_text).headings if heading.value in top)


@functools.cache
def _template_kept(name: str) -> frozenset[str]:
    """The headings of format ``name``'s template that its reader keeps verbatim (Kiro's Error Handling), normalized."""
    fmt = _format(name)
    return frozenset(normalize_title(s.heading) for s in fmt.read(fmt.blank_text).extra_sections if s.level > 0)


def _increasing(values: list[int]) -> set[int]:
    """Indices of a longest strictly increasing subsequence of ``values``."""
    chains: list[tuple[int, ...]] = []
    for index, value in enumerate(values):
        longest: tuple[int, ...] = ()
        for chain in chains:
            if values[chain[-1]] < value and len(chain) > len(longest):
                longest = chain
        chains.append((*longest, index))
    best: tuple[int, ...] = ()
    for chain in chains:
        if len(chain) > len(best):
            best = chain
    return set(best)


def _parent_line(line: int, nodes: list[Node]) -> int:
    """The line of the heading the heading on ``line`` sits under, in ``nodes`` (document order); 0: none."""
    level = next((node.level for node in nodes if node.line == line), 0)
    parent = 0
    for node in nodes:
        if node.line >= line:
            break
        if node.level < level:
            parent = node.line
    return parent


def _section_findings(read: Plan, doc_nodes: list[Node], fmt: Format, line_count: int) -> list[Finding]:
    template = _template_sections(fmt.name)
    found = {heading.label: heading.value for heading in read.headings}
    lines = dict(zip(found, _placed(((title, 0) for title in found.values()), doc_nodes), strict=True))
    findings = []
    present = [heading for heading in template if heading.label in found]
    # A section under the template's own heading that its reader cannot read is PC005's.
    unread = {normalize_title(section.heading) for section in read.extra_sections if section.level > 0}
    for index, heading in enumerate(template):
        if heading.label in found or normalize_title(heading.value) in unread:
            continue
        after = next((lines[h.label] for h in template[index + 1 :] if h.label in found and lines[h.label]), 0)
        findings.append(
            Finding(
                code="PC003",
                line=after or line_count,
                message=f"the {fmt.name} template's section {heading.value!r} is missing",
            )
        )
    ordered = [heading for heading in present if lines[heading.label]]
    by_line = sorted(ordered, key=lambda heading: lines[heading.label])
    ranks = [template.index(heading) for heading in by_line]
    keep = _increasing(ranks)
    for position, heading in enumerate(by_line):
        if position in keep:
            continue
        rank = template.index(heading)
        later = next((template[r].value for r in ranks[position + 1 :] if r < rank), "")
        before = f" (the template puts it after {later!r})" if later else ""
        findings.append(
            Finding(
                code="PC004",
                line=lines[heading.label],
                message=f"section {found[heading.label]!r} is out of the template's order{before}",
            )
        )
    # A section of the template's own is no stray heading, though its reader keeps it verbatim.
    kept = _template_kept(fmt.name)
    unread_sections = [s for s in read.extra_sections if s.level > 0 and normalize_title(s.heading) not in kept]
    # A sub-section of a template section the reader reads (a Kiro entity under ``## Data Models``) is
    # that section's detail, kept and carried with it: no stray heading.
    template_lines = {lines[heading.label] for heading in present if lines[heading.label]}
    for section, line in zip(
        unread_sections, _placed(((s.heading, s.level) for s in unread_sections), doc_nodes), strict=True
    ):
        if _parent_line(line, doc_nodes) in template_lines:
            continue
        findings.append(
            Finding(
                code="PC005",
                line=line or 1,
                message=f"heading {section.heading!r} is read under no field of {fmt.name}: "
                "kept verbatim, and carried to other formats as it stands",
            )
        )
    return findings


# A requirement defined in the text: ``- **FR-001**: System MUST ...`` (Spec Kit's spec), ``FR-001:``.
_DEFINED = re.compile(r"^\s*(?:[-*+]\s+)?(?:\*\*)?(?P<id>(?:FR|NFR|SC|REQ)-\d+(?:\.\d+)*)(?:\*\*)?\s*:", re.MULTILINE)
_DEFINABLE = re.compile(r"(?:FR|NFR|SC|REQ)-\d+(?:\.\d+)*")


def _all_tasks(plan: Plan) -> list[Any]:
    """Every task of the plan and its sub-tasks, in document order as the formats lay them out."""
    found: list[Any] = []

    def add(tasks: Iterable[Task]) -> None:
        for task in tasks:
            found.append(task)
            found.extend(task.subtasks)

    add(plan.prerequisites)
    for phase in plan.phases:
        add(phase.tasks)
        for step in phase.steps:
            add(step.tasks)
        add(phase.deliverables)
    add(plan.definition_of_done)
    return found


def _task_lines(tasks: list[Any], lines: list[str]) -> list[int]:
    """The 1-based line of each task: the next list item line after the last one that holds its text."""
    numbers = []
    at = 0
    for task in tasks:
        first = task.text.split("\n", 1)[0]
        number = next(
            (
                n
                for n in range(at, len(lines))
                if first and lines[n].rstrip().endswith(first) and lines[n].lstrip()[:1] in "-*+0123456789"
            ),
            None,
        )
        if number is None:
            numbers.append(at + 1 if at else 1)
        else:
            numbers.append(number + 1)
            at = number + 1
    return numbers


def _undefined(ref: str, defined: set[str]) -> bool:
    """Whether ``ref`` (a task's link) names a requirement of the scheme of ``defined`` that is not one of them:
    ``1.3`` among Kiro's ``1``, ``1.1``, ``1.2``; ``US4`` among ``US1``...; ``FR-009`` among ``FR-001``..."""
    scheme = re.sub(r"[\d.]+$", "", ref)
    return ref not in defined and any(re.sub(r"[\d.]+$", "", known) == scheme for known in defined)


def _task_findings(plan: Plan, text: str, lines: list[str], defined_ids: set[str] | None = None) -> list[Finding]:
    tasks = _all_tasks(plan)
    if not tasks:
        return []
    where = _task_lines(tasks, lines)
    findings = []
    seen: dict[str, int] = {}
    with_id = [task for task in tasks if task.id]
    for task, line in zip(tasks, where, strict=True):
        if task.id and task.id in seen:
            findings.append(
                Finding(
                    code="PC006", line=line, message=f"task ID {task.id} is used twice (first on line {seen[task.id]})"
                )
            )
        elif task.id:
            seen[task.id] = line
        elif 2 * len(with_id) > len(tasks):
            # Where most tasks have IDs, one without is one that cannot be referred to.
            findings.append(Finding(code="PC006", line=line, message=f"task has no ID: {_quoted(task.text)}"))
    if with_id:
        for task, line in zip(tasks, where, strict=True):
            for missing in (ref for ref in task.depends_on if ref not in seen):
                findings.append(
                    Finding(
                        code="PC007",
                        line=line,
                        message=f"task {task.id or _quoted(task.text)} depends on {missing}, which no task is",
                    )
                )
    if defined_ids is not None:
        # A folder: its requirements file defines them (Kiro's 1 and criteria 1.1, Spec Kit's US1 and FR-001).
        for task, line in zip(tasks, where, strict=True):
            for ref in (r for r in (*task.requirements, *task.stories) if _undefined(r, defined_ids)):
                findings.append(
                    Finding(
                        code="PC008",
                        line=line,
                        message=f"task {task.id or _quoted(task.text)} refers to requirement {ref}, "
                        "which the folder does not define",
                    )
                )
        return findings
    defined = set(_DEFINED.findall(text))
    if defined:
        # Only a plan that defines requirements can say which do not exist.
        for task, line in zip(tasks, where, strict=True):
            for ref in (r for r in task.requirements if _DEFINABLE.fullmatch(r) and r not in defined):
                findings.append(
                    Finding(
                        code="PC008",
                        line=line,
                        message=f"task {task.id or _quoted(task.text)} refers to {ref}, which the plan does not define",
                    )
                )
    return findings


def check(text: str, format: str | None = None) -> tuple[Finding, ...]:
    """The findings in plan ``text`` (in ``format``, detected when ``None``), by line.

    Codes: ``PC001`` template placeholder text left in a filled plan (a plan
    with any content), ``PC002`` a ``NEEDS CLARIFICATION`` marker, ``PC003``
    a top-level section of the format's template missing (it may be renamed:
    a section its reader recognises counts), ``PC004`` a section out of the
    template's order, ``PC005`` a heading the format reads under no field,
    ``PC006`` a task ID used twice (or a task without one where most have
    one), ``PC007`` a task that depends on an ID no task has, ``PC008`` a
    task that refers to a requirement (``FR-003``) the plan does not define
    (checked only in a plan that defines some: ``**FR-001**: ...``).
    Raises what ``parse`` raises: ``UnknownFormatError`` when no format fits
    (or, with the format detected, the text has fewer than half of its
    template's top-level sections: a file beside the plan, not a plan),
    ``ParseError`` for text that is no plan, ``PlanTypeError`` for no ``str``.

    >>> import plancore
    >>> text = "# Implementation Plan\\n\\n## Summary\\n\\n[NEEDS CLARIFICATION: scope]\\n"
    >>> plancore.check(text, "speckit-github")[0].code
    'PC002'
    """
    fmt = get_format(format if format is not None else detect(text))
    plan = parse(text, fmt.name)
    normalized = normalize_newlines(text)
    read = fmt.read(normalized)
    sections = {heading.label for heading in _template_sections(fmt.name)}
    present = sections & {heading.label for heading in read.headings}
    if format is None and 2 * len(present) < len(sections):
        # Detection goes by marks; a file with few of the format's sections (a
        # Spec Kit tasks.md beside its plan.md) would be all findings.
        raise UnknownFormatError(
            f"bears marks of {fmt.name} but has {len(present)} of its template's {len(sections)} sections: "
            "taken for no plan (give --format to check it as one)",
            line=1,
        )
    findings = _text_findings(normalized, fmt, read, plan)
    findings += _task_findings(plan, normalized, normalized.split("\n"))
    return tuple(sorted(findings, key=lambda finding: (finding.line, finding.code)))


def _text_findings(normalized: str, fmt: Format, read: Plan, plan: Plan) -> list[Finding]:
    """The findings of a text's lines and sections (PC001 to PC005): ``read`` is the text as ``fmt`` reads
    it, ``plan`` as parsed."""
    nodes = list(outline(normalized).walk())
    lines = normalized.split("\n")
    # Sections no field holds do not fill a plan: a template with a section added is still a template.
    is_filled = not is_empty(attrs.evolve(plan, extra_sections=(), headings=(), labels=()))
    return _line_findings(lines, fmt, is_filled) + _section_findings(read, nodes, fmt, len(lines))


def _task_count(plan: Plan) -> int:
    return len(_all_tasks(plan))


def check_folder(path: str | Path, format: str | None = None) -> tuple[Finding, ...]:
    """The findings in a plan kept as a folder (a Spec Kit feature, a Kiro spec, an OpenSpec change),
    each with the ``path`` of its file, by file and line.

    Each file the folder format reads is checked as its file format (``PC001`` to ``PC005``, as
    ``check``: Kiro's ``design.md`` against Kiro's design template), its tasks file for ``PC006`` and
    ``PC007``, and each task's links against the requirements the folder defines (``PC008``: Kiro's
    ``_Requirements: 1.3_`` where requirement 1 has two criteria, Spec Kit's ``[US4]`` where spec.md
    has three stories). Files the folder carries whole (``research.md`` of Kiro, ``.openspec.yaml``)
    are not checked.

    Args:
        path: the folder.
        format: its folder format's name (``kiro``, ``openspec``, ``speckit-github``); ``None`` to detect it.

    Returns:
        The ``Finding`` tuple, sorted by file, line and code.

    Raises:
        UnknownFormatError: ``path`` is no folder of a folder format.
        ParseError: a file of it cannot be read (naming the file).
        FormatNotFoundError: ``format`` is no folder format's name.

    >>> import pathlib, tempfile
    >>> import plancore
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "tasks.md").write_text("## 1. Setup\\n\\n- [ ] 1.1 Add it\\n- [ ] 1.1 Test it\\n")
    >>> _ = (folder / ".openspec.yaml").write_text("schema: spec-driven\\n")
    >>> [(pathlib.Path(f.path).name, f.line, f.code) for f in plancore.check_folder(folder)]
    [('tasks.md', 4, 'PC006')]
    """
    from ._feature import read_text
    from ._folder import FOLDERS, _folder_format, detect_folder, read_folder

    folder = Path(path)
    kind = format if format is not None else detect_folder(folder)
    if kind is None:
        raise UnknownFormatError(f"{folder}: no plan folder of a known folder format ({', '.join(FOLDERS)})")
    fmt_folder = _folder_format(kind)
    plan = read_folder(folder, kind)
    # Requirements without IDs (OpenSpec's, named alone: a Kiro spec converted there) are linked by their place,
    # as Kiro numbers them; so is a criterion without an ID of its own (an OpenSpec scenario).
    unnumbered = not any(requirement.id for requirement in plan.requirements)
    ids = [
        requirement.id or (str(place) if unnumbered else "") for place, requirement in enumerate(plan.requirements, 1)
    ]
    defined = {requirement_id for requirement_id in ids if requirement_id}
    defined |= {
        f"{requirement_id}.{criterion.id or number}"
        for requirement_id, requirement in zip(ids, plan.requirements, strict=True)
        if requirement_id
        for number, criterion in enumerate(requirement.criteria, 1)
    }
    defined |= {found for section in plan.extra_sections for found in _DEFINED.findall(section.body)}
    findings: list[Finding] = []
    seen: set[Path] = set()
    for pattern, names in fmt_folder.parts:
        for file in sorted(folder.glob(pattern)):
            if file in seen or not file.is_file():
                continue
            seen.add(file)
            normalized = normalize_newlines(read_text(file))
            # The layout a file is in is the one that reads the most tasks from it (Kiro's two task layouts).
            reads = [(_format(name), _format(name).read(normalized)) for name in names]
            fmt, read = max(reads, key=lambda pair: _task_count(pair[1]))
            found = _text_findings(normalized, fmt, read, read)
            found += _task_findings(read, normalized, normalized.split("\n"), defined if defined else None)
            findings += [attrs.evolve(finding, path=str(file)) for finding in found]
    return tuple(sorted(findings, key=lambda finding: (finding.path or "", finding.line, finding.code)))
