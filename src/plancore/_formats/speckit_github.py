"""The ``speckit-github`` format: the official GitHub Spec Kit plan
(``specs/NNN-feature/plan.md``; reader; the writer is ``templates/speckit-github.md.j2``)."""

from __future__ import annotations

import re

from .._format import Format
from .._markdown import Node, dedent, label_value, outline, strip_blank, table_rows
from .._model import Architecture, ComplexityEntry, Labeled, Metadata, Plan, Section
from .._reading import FRONT, Sections, prose, records, split_table

__all__ = ["SPECKIT_GITHUB"]

NAME = "speckit-github"

# The format's definition: every field's placeholder, as GitHub's template
# (templates/plan-template.md, v1.0.1) has it once Spec Kit is installed: the
# installer writes each `__SPECKIT_COMMAND_NAME__` token of the template as
# the agent's command, `/speckit.name` (or `/speckit-name` for agents that
# take commands as skills). Written by the writer template, this plan is that
# template byte for byte, its tokens written as `/speckit.name` (tests compare
# it with the corpus copy); the reader reads every spelling as the template's.
PLACEHOLDERS = Plan(
    metadata=Metadata(
        title="[FEATURE]",
        branch="[###-feature-name]",
        created="[DATE]",
        spec_path="[link]",
        input="Feature specification from `/specs/[###-feature-name]/spec.md`",
    ),
    summary="[Extract from feature spec: primary requirement + technical approach from research]",
    architecture=Architecture(
        tech_stack=tuple(
            Labeled(label=label, value=value)
            for label, value in [
                ("Language/Version", "[e.g., Python 3.11, Swift 5.9, Rust 1.75 or NEEDS CLARIFICATION]"),
                ("Primary Dependencies", "[e.g., FastAPI, UIKit, LLVM or NEEDS CLARIFICATION]"),
                ("Storage", "[if applicable, e.g., PostgreSQL, CoreData, files or N/A]"),
                ("Testing", "[e.g., pytest, XCTest, cargo test or NEEDS CLARIFICATION]"),
                ("Target Platform", "[e.g., Linux server, iOS 15+, WASM or NEEDS CLARIFICATION]"),
                (
                    "Project Type",
                    "[e.g., library/cli/web-service/mobile-app/compiler/desktop-app or NEEDS CLARIFICATION]",
                ),
                (
                    "Performance Goals",
                    "[domain-specific, e.g., 1000 req/s, 10k lines/sec, 60 fps or NEEDS CLARIFICATION]",
                ),
                (
                    "Constraints",
                    "[domain-specific, e.g., <200ms p95, <100MB memory, offline-capable or NEEDS CLARIFICATION]",
                ),
                ("Scale/Scope", "[domain-specific, e.g., 10k users, 1M LOC, 50 screens or NEEDS CLARIFICATION]"),
            ]
        )
    ),
    constitution_check="[Gates determined based on constitution file]",
    documentation_structure="""\
```text
specs/[###-feature]/
├── plan.md              # This file (/speckit.plan command output)
├── research.md          # Phase 0 output (/speckit.plan command)
├── data-model.md        # Phase 1 output (/speckit.plan command)
├── quickstart.md        # Phase 1 output (/speckit.plan command)
├── contracts/           # Phase 1 output (/speckit.plan command)
└── tasks.md             # Phase 2 output (/speckit.tasks command - NOT created by /speckit.plan)
```""",
    file_structure="""\
```text
# [REMOVE IF UNUSED] Option 1: Single project (DEFAULT)
src/
├── models/
├── services/
├── cli/
└── lib/

tests/
├── contract/
├── integration/
└── unit/

# [REMOVE IF UNUSED] Option 2: Web application (when "frontend" + "backend" detected)
backend/
├── src/
│   ├── models/
│   ├── services/
│   └── api/
└── tests/

frontend/
├── src/
│   ├── components/
│   ├── pages/
│   └── services/
└── tests/

# [REMOVE IF UNUSED] Option 3: Mobile + API (when "iOS/Android" detected)
api/
└── [same as backend above]

ios/ or android/
└── [platform-specific structure: feature modules, UI flows, platform tests]
```

**Structure Decision**: [Document the selected structure and reference the real
directories captured above]""",
    complexity=(
        ComplexityEntry(
            violation="[e.g., 4th project]",
            why_needed="[current need]",
            simpler_alternative="[why 3 projects insufficient]",
        ),
        ComplexityEntry(
            violation="[e.g., Repository pattern]",
            why_needed="[specific problem]",
            simpler_alternative="[why direct DB access insufficient]",
        ),
    ),
)

# Field key -> normalized heading titles (English as in the template; the
# translations real plans use).
SECTIONS = {
    "summary": [r"summary", r"摘要", r"概要", r"總結", r"总结"],
    "architecture.tech_stack": [
        r"technical context",
        r"技術背景",
        r"技术背景",
        r"技術脈絡",
        r"技术上下文",
        r"技術上下文",
    ],
    "constitution_check": [
        r"constitution check",
        r"憲法檢查",
        r"宪法检查",
        r"憲章檢查",
        r"宪章检查",
        r"章程檢查",
        r"章程检查",
    ],
    "project_structure": [r"project structure", r"專案結構", r"项目结构", r"專案架構", r"项目架构"],
    "complexity": [r"complexity tracking", r"複雜度追蹤", r"复杂度跟踪", r"复杂度追踪", r"複雜度追踪"],
}
STRUCTURE = {
    "documentation_structure": [r"documentation(?: this feature)?", r"文件(?: 本功能)?", r"文档(?: 本功能)?"],
    "file_structure": [r"source code(?: repository root)?", r"原始碼(?: .*)?", r"源代码(?: .*)?", r"源码(?: .*)?"],
}
# Metadata field -> the header label the writer puts.
HEADER_OWN = {"branch": "Branch", "created": "Date", "spec_path": "Spec", "input": "Input"}
# Metadata field -> casefolded labels of the header lines.
HEADER_LABELS = {
    "branch": ["branch", "feature branch", "功能分支", "分支"],
    "created": ["date", "created", "建立日期", "创建日期", "日期"],
    "spec_path": ["spec", "specification", "規格", "规格", "规范", "規範"],
    "input": ["input", "輸入", "输入"],
}
COMPLEXITY_COLUMNS = {
    "violation": ["violation", "違規", "违规", "違反", "违反"],
    "why_needed": ["why needed", "justification", "為何需要", "为何需要", "理由"],
    "simpler_alternative": [
        "simpler alternative rejected because",
        "simpler alternative rejected",
        "simpler alternative",
        "rejected alternative",
        "被拒絕的更簡單方案",
        "被拒绝的更简单方案",
    ],
}


_TITLE = re.compile(r"^Implementation Plan:[ \t]*(.*)$")
_CODE_SPAN = re.compile(r"^`([^`]+)`$")
# A `|` between two header labels: `**Branch**: x | **Date**: y`.
_HEADER_SPLIT = re.compile(r"[ \t]+\|[ \t]+(?=\*\*[^*\n]+\*\*)")
_LABEL_LINE = re.compile(r"^\*\*\S")
_NEEDS_CLARIFICATION = re.compile(r"^\[?(?:\*\*)?NEEDS CLARIFICATION(?:\*\*)?\]?\.?$")

# Template text: instructions that are no content wherever they stand.
# Only the template's own wording: an older or edited instruction is the
# author's text and is kept.
# A command as the template has it (a token) or as an installed Spec Kit writes it.
_COMMAND = re.compile(r"__SPECKIT_COMMAND_(?P<token>[A-Z]+)__|/speckit[.-](?P<name>[a-z]+)\b")
_TEMPLATE_NOTE = re.compile(
    r"^\*\*Note\*\*: This template is filled in by the `(?:__SPECKIT_COMMAND_PLAN__|/speckit[.-]plan)` command; "
    r"its definition describes the execution workflow\.[ \t]*$"
)
_ACTION_COMMENTS = (
    """<!--
  ACTION REQUIRED: Replace the content in this section with the technical details
  for the project. The structure here is presented in advisory capacity to guide
  the iteration process.
-->""",
    """<!--
  ACTION REQUIRED: Replace the placeholder tree below with the concrete layout
  for this feature. Delete unused options and expand the chosen structure with
  real paths (e.g., apps/admin, packages/something). The delivered plan must
  not include Option labels.
-->""",
)
# Each line of a comment may end in blanks (layout, as after any template line).
_ACTION_COMMENT = re.compile(
    "^(?:"
    + "|".join(r"[ \t]*\n".join(re.escape(line) for line in comment.split("\n")) for comment in _ACTION_COMMENTS)
    + r")[ \t]*(?:\n|$)",
    re.MULTILINE,
)
_GATE = re.compile(
    r"^\*GATE: Must pass before Phase 0 research\. Re-check after Phase 1 design\.\*[ \t]*(?:\n|$)", re.M
)
_FILL_ONLY = re.compile(
    r"^> \*\*Fill ONLY if Constitution Check has violations that must be justified\*\*[ \t]*(?:\n|$)", re.M
)
_BLANK_RUNS = re.compile(r"\n{3,}")


def _lookup(label: str, table: dict[str, list[str]]) -> str | None:
    folded = label.casefold()
    for name, labels in table.items():
        if folded in labels:
            return name
    return None


_FULL_WIDTH_COLON = re.compile(r"^(\*\*[^*\n]+\*\*)\uff1a[ \t]*")


def _colon(text: str) -> str:
    """A label line with a full-width colon (U+FF1A) after its label, as Chinese
    and Japanese plans write it, as the ``**Label**: value`` line it means."""
    return _FULL_WIDTH_COLON.sub(r"\1: ", text, count=1)


def _installed(text: str) -> str:
    """``text``, when it is the template's documentation tree but for how its
    commands are spelled, as the writer spells them: it is the placeholder."""

    def command(match: re.Match[str]) -> str:
        return "/speckit." + (match.group("token") or match.group("name")).lower()

    placeholder = PLACEHOLDERS.documentation_structure
    return placeholder if text != placeholder and _COMMAND.sub(command, text) == placeholder else text


def _loose(text: str) -> str:
    """Text that maps to no field, as one block."""
    return strip_blank(_BLANK_RUNS.sub("\n\n", text))


def _header(text: str, found: dict[str, str], labels: dict[str, str]) -> str:
    """Reads the header labels of ``text`` into ``found`` (and those that are
    not the writer's own, as written, into ``labels``); returns the rest."""
    rest = []
    for line in text.split("\n"):
        if _TEMPLATE_NOTE.match(line):
            continue
        if not _LABEL_LINE.match(line):
            rest.append(line)
            continue
        kept = []
        for segment in _HEADER_SPLIT.split(line):
            pair = label_value(_colon(segment))
            name = _lookup(pair[0], HEADER_LABELS) if pair is not None else None
            if pair is None or name is None or name in found:
                kept.append(segment)
            else:
                found[name] = pair[1].rstrip()
                if pair[0] != HEADER_OWN[name]:
                    labels[name] = pair[0]
        if kept:
            rest.append(" | ".join(kept))
    return "\n".join(rest)


def _stack(body: str) -> tuple[list[Labeled], str]:
    """The ``**Label**: value`` lines of a Technical Context body, and the text before them."""
    items: list[tuple[str, list[str]]] = []
    before: list[str] = []
    for line in _ACTION_COMMENT.sub("", body).split("\n"):
        pair = label_value(_colon(line)) if _LABEL_LINE.match(line) else None
        if pair is not None:
            items.append((pair[0], [pair[1]]))
        elif items:
            items[-1][1].append(line)
        else:
            before.append(line)
    stack = []
    for label, lines in items:
        if lines[0].strip():
            value = strip_blank("\n".join(lines))
        else:
            # A value that starts under its label (a nested list) keeps that
            # line break, as ``labeled`` reads ``- **Label**:`` items.
            block = strip_blank(dedent(lines[1:]))
            value = "\n" + block if block else ""
        if _NEEDS_CLARIFICATION.match(value):
            value = ""
        stack.append(Labeled(label=label, value=value))
    return stack, _loose("\n".join(before))


def _heading_entry(node: Node) -> Labeled:
    """A Technical Context entry written as a subsection: its title is the label."""
    block = strip_blank(node.body)
    if "\n" in block:
        # Written back under a label, a block keeps its own line.
        block = "\n" + block
    return Labeled(label=node.title, value="" if _NEEDS_CLARIFICATION.match(block) else block)


def _unfill(stack: list[Labeled]) -> tuple[Labeled, ...]:
    # A standard label holding its template placeholder away from the
    # template's position (where the framework cannot see it) is unfilled.
    template = PLACEHOLDERS.architecture.tech_stack
    placeholders = {item.label.casefold(): (index, item.value) for index, item in enumerate(template)}
    result = []
    for index, item in enumerate(stack):
        known = placeholders.get(item.label.casefold())
        if known is not None and known[0] != index and item.value == known[1]:
            item = Labeled(label=item.label, value="")
        result.append(item)
    return tuple(result)


def _complexity(body: str) -> tuple[tuple[ComplexityEntry, ...], str]:
    """The Complexity Tracking table's rows, and the section's other text."""
    table, rest = split_table(body)
    header = table_rows(table) if table else None
    # A table with a column the model has no field for stays as written.
    if header is None or not all(_lookup(title, COMPLEXITY_COLUMNS) for title in header[0]):
        return (), _loose(_FILL_ONLY.sub("", body))
    entries = tuple(ComplexityEntry(**row) for row in records(table, COMPLEXITY_COLUMNS))
    return entries, _loose(_FILL_ONLY.sub("", rest))


# The places of verbatim text, in the order the writer puts them.
PLACES = (
    FRONT,
    "",
    "summary",
    "technical_context",
    "architecture.tech_stack",
    "constitution_check",
    "project_structure",
    "documentation_structure",
    "file_structure",
    "complexity",
)


def _place(extras: tuple[Section, ...], loose: list[Section]) -> tuple[Section, ...]:
    # Text under a heading comes before the sections that follow the same
    # field or a later one.
    def rank(section: Section) -> int:
        return PLACES.index(section.after) if section.after in PLACES else len(PLACES)

    result = list(extras)
    for section in loose:
        index = next((i for i, other in enumerate(result) if rank(other) >= rank(section)), len(result))
        result.insert(index, section)
    return tuple(result)


def read(text: str) -> Plan:
    doc = outline(text)
    sections = Sections()
    loose: list[Section] = []

    def keep(body: str, after: str) -> None:
        if body:
            loose.append(Section(heading="", level=0, body=body, after=after))

    header: dict[str, str] = {}
    labels: dict[str, str] = {}
    preamble = _header(doc.preamble, header, labels)
    title = ""
    nodes = doc.roots
    if nodes and nodes[0].level == 1:
        match = _TITLE.match(nodes[0].title)
        title = match.group(1) if match else nodes[0].title
        sections.mark(nodes[0], "")
        # Text before the title (front matter, say) goes back before it.
        keep(_loose(preamble), FRONT)
        preamble = _header(nodes[0].body, header, labels)
        nodes = nodes[0].children + nodes[1:]
    keep(_loose(preamble), "")
    found = sections.match(nodes, SECTIONS)

    def first(key: str) -> Node | None:
        return found[key][0] if key in found else None

    def children(node: Node | None) -> None:
        if node is not None:
            sections.match(node.children, {})

    # Subsections of Summary and Constitution Check (gates, re-evaluations)
    # are part of their prose.
    summary = ""
    if (node := first("summary")) is not None:
        summary = prose(node.content)

    stack: tuple[Labeled, ...] = ()
    if (node := first("architecture.tech_stack")) is not None:
        items, before = _stack(node.body)
        # Plans that give each entry a heading of its own (`### Storage`).
        for child in node.children:
            items.append(_heading_entry(child))
            sections.mark(child, "architecture.tech_stack")
            children(child)
        stack = _unfill(items)
        keep(before, "technical_context")

    constitution = ""
    if (node := first("constitution_check")) is not None:
        constitution = prose(_ACTION_COMMENT.sub("", _GATE.sub("", node.content, count=1)))

    documentation = file_structure = ""
    if (node := first("project_structure")) is not None:
        keep(_loose(_ACTION_COMMENT.sub("", node.body)), "project_structure")
        parts = sections.match(node.children, STRUCTURE)
        for key, matched in parts.items():
            value = prose(_ACTION_COMMENT.sub("", matched[0].body))
            if key == "documentation_structure":
                documentation = _installed(value)
            else:
                file_structure = value
            children(matched[0])

    complexity: tuple[ComplexityEntry, ...] = ()
    if (node := first("complexity")) is not None:
        complexity, rest = _complexity(node.body)
        keep(rest, "complexity")
        children(node)

    return Plan(
        metadata=Metadata(
            title=title,
            branch=_CODE_SPAN.sub(r"\1", header.get("branch", "")),
            created=header.get("created", ""),
            spec_path=header.get("spec_path", ""),
            input=header.get("input", ""),
        ),
        summary=summary,
        architecture=Architecture(tech_stack=stack),
        constitution_check=constitution,
        documentation_structure=documentation,
        file_structure=file_structure,
        complexity=complexity,
        extra_sections=_place(sections.extras(), loose),
        headings=sections.headings(),
        labels=tuple(Labeled(label=f"metadata.{name}", value=label) for name, label in labels.items()),
    )


SPECKIT_GITHUB = Format(
    name=NAME,
    description="GitHub Spec Kit plan.md: Branch/Date/Spec header, Technical Context labels, "
    "Constitution Check, Project Structure trees, Complexity Tracking table",
    tool="GitHub Spec Kit",
    origin="github/spec-kit, templates/plan-template.md (v1.0.1)",
    layout="one plan.md per feature folder: specs/NNN-feature/plan.md, beside spec.md and tasks.md",
    read=read,
    placeholders=PLACEHOLDERS,
    writer_data={"header_labels": HEADER_OWN},
    holds=frozenset(
        [
            "metadata.title",
            "metadata.branch",
            "metadata.created",
            "metadata.spec_path",
            "metadata.input",
            "summary",
            "architecture.tech_stack.label",
            "architecture.tech_stack.value",
            "constitution_check",
            "documentation_structure",
            "file_structure",
            "complexity.violation",
            "complexity.why_needed",
            "complexity.simpler_alternative",
            "extra_sections",
        ]
    ),
    markers=(
        (r"^\*\*Branch\*\*: .*\| \*\*Date\*\*:", 4.0),
        # The header's shape in any language: three or more bold labels on one line, set apart by pipes.
        (
            r"^\*\*[^*\n]+\*\*[:\uff1a][^|\n]*\|[ \t]*\*\*[^*\n]+\*\*[:\uff1a][^|\n]*\|"
            r"[ \t]*\*\*[^*\n]+\*\*[:\uff1a]",
            4.0,
        ),
        (r"^\*\*Input\*\*: Feature specification from", 2.0),
        (r"^## Constitution Check\s*$", 2.0),
        (r"^## Complexity Tracking\s*$", 2.0),
        (r"^\*\*Language/Version\*\*:", 1.5),
        (r"^\*\*Structure Decision\*\*:", 1.5),
        (r"^### Source Code \(repository root\)", 1.0),
        (r"^\*GATE:", 1.0),
        (r"^\*\*(?:功能分支|建立日期)\*\*:", 1.5),
        (r"^## (?:技術背景|技术背景)\s*$", 1.5),
        (r"^### (?:原始碼|源代码)\uff08", 1.0),
    ),
)
