"""The ``speckit-github`` format: the official GitHub Spec Kit plan
(``specs/NNN-feature/plan.md``; reader; the writer is ``templates/speckit-github.md.j2``)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import NamedTuple

from .._format import Format, line_mark
from .._markdown import Node, dedent, label_value, outline, strip_blank, table_rows
from .._model import (
    Architecture,
    ComplexityEntry,
    DataModel,
    Decision,
    Labeled,
    Metadata,
    Option,
    Plan,
    Section,
)
from .._reading import FENCE_OPEN, FRONT, Sections, prose, records, split_table, unruled
from .._vocabulary import HEADINGS, LABELS, alternation, heading_pattern, label_words, stack_key, title_prefix

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

# Field key -> normalized heading titles: the template's English, and the
# shared vocabulary's translations of each concept (``_vocabulary``).
SECTIONS = {
    "summary": [r"summary", heading_pattern("summary")],
    "architecture.tech_stack": [r"technical context", heading_pattern("technical_context")],
    "constitution_check": [r"constitution check", heading_pattern("constitution_check")],
    "project_structure": [r"project structure", heading_pattern("project_structure")],
    "complexity": [r"complexity tracking", heading_pattern("complexity")],
}
# The subsections of Project Structure, under the template's titles or renamed
# (``Source Code (affected files)``, ``Código-fonte``): a qualifier may follow.
STRUCTURE = {
    "documentation_structure": [r"documentation(?: .*)?", r"docs(?: .*)?", heading_pattern("documentation", True)],
    "file_structure": [
        r"source code(?: .*)?",
        r"source(?: tree| layout| structure)?(?: .*)?",
        r"(?:code|repository|directory|file) (?:structure|layout|tree)(?: .*)?",
        heading_pattern("source_code", True),
    ],
}
# Metadata field -> the header label the writer puts.
HEADER_OWN = {"branch": "Branch", "created": "Date", "spec_path": "Spec", "input": "Input"}
# Metadata field -> casefolded labels of the header lines.
HEADER_LABELS = {
    "branch": ["branch", "feature branch", *label_words("branch")],
    "created": ["date", "created", *label_words("date"), *label_words("created")],
    "spec_path": ["spec", "specification", *label_words("spec")],
    "input": ["input", *label_words("input")],
}
# The template's title prefix, as the writer puts it.
TITLE_OWN = "Implementation Plan: "
# Appended to a header field's name (``branch:colon``): the label (``metadata.branch:colon``) of the colon an
# author put after its bold label when it is not the writer's ``: `` (a full-width one, U+FF1A).
COLON = ":colon"
# The Complexity Tracking table's columns (casefolded), in English and translated.
COMPLEXITY_COLUMNS = {
    "violation": [
        "violation",
        *("違規", "违规", "違反", "违反", "위반", "violación", "violação", "verstoß", "ihlal"),
    ],
    "why_needed": [
        "why needed",
        "justification",
        *("為何需要", "为何需要", "理由", "必要な理由", "필요한 이유", "por qué es necesario", "justificación"),
        *("por que é necessário", "justificativa", "warum nötig", "begründung", "pourquoi nécessaire"),
        *("neden gerekli", "gerekçe"),
    ],
    "simpler_alternative": [
        "simpler alternative rejected because",
        "simpler alternative rejected",
        "simpler alternative",
        "rejected alternative",
        *("被拒絕的更簡單方案", "被拒绝的更简单方案", "却下したより簡単な代替案", "기각된 더 간단한 대안"),
        *("alternativa más simple rechazada", "alternativa mais simples rejeitada"),
        *("verworfene einfachere alternative", "alternative plus simple rejetée", "reddedilen daha basit alternatif"),
    ],
}


_CODE_SPAN = re.compile(r"^`([^`]+)`$")
# A `|` between two header labels: `**Branch**: x | **Date**: y`.
_HEADER_SPLIT = re.compile(r"[ \t]+\|[ \t]+(?=\*\*[^*\n]+\*\*)")
_LABEL_LINE = re.compile(r"^\*\*\S")
_NEEDS_CLARIFICATION = re.compile(r"^\[?(?:\*\*)?NEEDS CLARIFICATION(?:\*\*)?\]?\.?$")

# How Spec Kit marks a Technical Context label it has no answer for.
UNKNOWN = "NEEDS CLARIFICATION"


def stack_lines(stack: tuple[Labeled, ...], template: tuple[Labeled, ...]) -> list[Labeled]:
    """The Technical Context's lines: ``stack`` (a plan's) with each of ``template``'s labels it lacks
    (matched case-insensitively, a translation as the label it translates: ``stack_key``) as ``UNKNOWN``,
    placed after the template label before it in ``template`` (else before the first one after it, else
    last), so the template's labels keep its order around the plan's own lines.

    >>> plan = (Labeled(label="Api", value="FastAPI"), Labeled(label="存储", value="PostgreSQL"))
    >>> [t.label for t in stack_lines(plan, PLACEHOLDERS.architecture.tech_stack)][:4]
    ['Api', 'Language/Version', 'Primary Dependencies', '存储']
    """
    lines = list(stack)
    order = [stack_key(t.label) for t in template]
    # Each line's label keyed once, beside it: a translated label answers the template's label it means.
    folded = [stack_key(t.label) for t in lines]
    for place, wanted in enumerate(template):
        if order[place] in folded:
            continue
        earlier, later = set(order[:place]), set(order[place + 1 :])
        before = next((i for i in range(len(folded) - 1, -1, -1) if folded[i] in earlier), None)
        after = next((i for i, label in enumerate(folded) if label in later), None)
        at = before + 1 if before is not None else after if after is not None else len(lines)
        lines.insert(at, Labeled(label=wanted.label, value=UNKNOWN))
        folded.insert(at, order[place])
    return lines


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
_BLANK_RUNS = re.compile(r"\n{3,}")

# The template text of every known revision of Spec Kit's plan template, as
# data: a new revision is one more entry. ``lines``: lines (full-line patterns)
# that are instructions wherever they stand; ``sections``: headings (normalized)
# whose whole body is instructions; ``items``: the opening words of the
# numbered instructions of the Phase 0/1/2 sections (an item and its nested
# lines). The author's lines among them are content.
REVISIONS: Mapping[str, Mapping[str, tuple[str, ...]]] = {
    "v1.0.1": {
        "lines": (
            r"\*GATE: Must pass before Phase 0 research\. Re-check after Phase 1 design\.\*",
            r"> \*\*Fill ONLY if Constitution Check has violations that must be justified\*\*",
        ),
    },
    "v0.0.57, v0.1.5": {
        "lines": (
            r"\*\*Note\*\*: This template is filled in by the `/(?:speckit\.)?plan` command\. See "
            r"`\.specify/templates/(?:commands/plan|plan-template)\.md` for the execution workflow\.",
            r"\*Fill ONLY if Constitution Check has violations that must be justified\*",
        ),
    },
    # The 2025 revisions (v0.0.x) with an Execution Flow block and Phase 0/1/2 sections.
    "v0.0.x (execution flow)": {
        "lines": (
            r"\*Prerequisites: research\.md complete\*",
            r"\*This section describes what the /tasks command will do - DO NOT execute during /plan\*",
            r"\*This checklist is updated during execution flow\*",
            r"\*Based on Constitution v[\d.]+ - See `/memory/constitution\.md`\*",
            r"\*\*Output\*\*: research\.md with all NEEDS CLARIFICATION resolved",
            r"\*\*Output\*\*: data-model\.md, /contracts/\*, failing tests, quickstart\.md(?:, agent-specific file)?",
            r"\*\*Estimated Output\*\*: 25-30 numbered, ordered tasks in tasks\.md",
            r"\*\*IMPORTANT\*\*: This phase is executed by the /tasks command, NOT by /plan",
            r"\*\*(?:Phase|Gate) Status\*\*:",
            r"\*\*(?:Task Generation Strategy|Ordering Strategy)\*\*:",
        ),
        "sections": (r"execution flow(?: .*)?", r"phase 2 task planning approach", r"phase 3\+ future implementation"),
        "items": (
            "**Extract unknowns from Technical Context**",
            "**Generate and dispatch research agents**",
            "**Consolidate findings**",
            "**Extract entities from feature spec**",
            "**Generate API contracts**",
            "**Generate contract tests**",
            "**Extract test scenarios**",
            "**Update agent file incrementally**",
            "Load `.specify/templates/tasks-template.md`",
            "Each contract → contract test task",
        ),
    },
}
_TEMPLATE_LINE = re.compile(
    "^(?:" + "|".join(line for revision in REVISIONS.values() for line in revision.get("lines", ())) + r")[ \t]*$"
)
_TEMPLATE_SECTIONS = tuple(pattern for revision in REVISIONS.values() for pattern in revision.get("sections", ()))
# All of them as one pattern, compiled once: a reader asks it of every top section.
_TEMPLATE_SECTION = re.compile("|".join(f"(?:{pattern})" for pattern in _TEMPLATE_SECTIONS) or "(?!)")
_TEMPLATE_ITEMS = tuple(item for revision in REVISIONS.values() for item in revision.get("items", ()))
# The process sections of the 2025 template: Phase 0 (research: decisions),
# Phase 1 (design: the data model), Progress Tracking (the plan's status).
PROCESS = {
    "decisions": [r"phase 0(?: .*)?"],
    "data_model": [r"phase 1(?: .*)?"],
    "metadata.status": [r"progress tracking"],
}
_DECISION = re.compile(
    r"^\*\*Decision\*\*:[ \t]*(?P<choice>.+?)(?:[ \t]+\*\*Rationale\*\*:[ \t]*(?P<rationale>.+?))?"
    r"(?:[ \t]+\*\*Alternatives considered\*\*:[ \t]*(?P<alternatives>.+))?[ \t]*$",
    re.DOTALL,
)
_ENTITIES = re.compile(r"^(?:\*\*)?(?:key )?entit(?:y|ies)\b", re.IGNORECASE)
_CHECK_ITEM = re.compile(r"^[-*][ \t]+\[(?P<mark>[ xX])\][ \t]+(?P<text>.+?)(?:[ \t]+\([^)]*\))?[ \t]*$")
# A check of the 2025 template's Progress Tracking, by its opening words ("Phase 0: Research complete",
# "Initial Constitution Check: PASS", "All NEEDS CLARIFICATION resolved") or, after what was checked, a closing
# word that says it passed ("Contracts generated"). Another format's document status ("Draft", "Complete",
# "In Progress") is no check: it is carried, not ticked.
_PROGRESS_CHECK = re.compile(
    r"^(?:phase \d+:|(?:initial|post-design) constitution check\b|all needs clarification\b|complexity deviations\b)"
    r"|^\S.*\s(?:complete|completed|passed|pass|resolved|documented|generated|done)$",
    re.IGNORECASE,
)


def progress_checks(status: str) -> list[str]:
    """The checks of a status (its ``"; "``-joined parts) when each is a Progress Tracking check, else none:
    ``progress_checks("Phase 0: Research complete; Phase 1: Design complete")`` is both, of ``"Draft"`` none."""
    checks = [check for check in status.split("; ") if check.strip()]
    return checks if all(_PROGRESS_CHECK.search(check.strip()) for check in checks) else []


_PLACEHOLDER_CELL = re.compile(r"^\[[^\]]*\]$")
_ORDERED_ITEM = re.compile(r"^\d+\.[ \t]+(.*)$")


def _lookup(label: str, table: dict[str, list[str]]) -> str | None:
    folded = label.casefold()
    for name, labels in table.items():
        if folded in labels:
            return name
    return None


# A label's colon full-width (U+FF1A, as Chinese and Japanese plans write it)
# or set off by a blank (French typography), after the bold or inside it.
_COLON_OUTSIDE = re.compile(r"^(\*\*[^*\n]+\*\*)(?:[ \t]+:|[ \t]*\uff1a)[ \t]*")
_COLON_INSIDE = re.compile(r"^(\*\*[^*\n]+?)(?:[ \t]+:|[ \t]*\uff1a)(\*\*)[ \t]*")


def _colon(text: str) -> str:
    """A label line whose colon is full-width or set off by a blank, as the
    ``**Label**: value`` line it means."""
    if "\uff1a" not in text and " :" not in text and "\t:" not in text:
        # Neither colon is there to rewrite (most lines): both patterns need one.
        return text
    text = _COLON_INSIDE.sub(r"\1\2: ", text, count=1)
    return _COLON_OUTSIDE.sub(r"\1: ", text, count=1)


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


def _untemplated(text: str) -> str:
    """``text`` less the template text of any known revision (its instruction
    lines, its numbered instruction items with their nested lines), outside
    code fences; what is left is the author's."""
    kept = []
    skipping = False
    fence = ""
    for line in text.split("\n"):
        opening = FENCE_OPEN.match(line)
        if fence:
            kept.append(line)
            if line.strip().startswith(fence) and not line.strip().strip(fence[0]):
                fence = ""
            continue
        if opening is not None:
            fence = opening.group(1)
            skipping = False
            kept.append(line)
            continue
        if skipping and (not line.strip() or line[:1] in " \t"):
            continue
        skipping = False
        item = _ORDERED_ITEM.match(line)
        if item is not None and item.group(1).startswith(_TEMPLATE_ITEMS):
            skipping = True
            continue
        if _TEMPLATE_LINE.match(line):
            continue
        kept.append(line)
    return _loose("\n".join(kept))


def _decisions(text: str) -> tuple[tuple[Decision, ...], str]:
    """The ``**Decision**: ... **Rationale**: ...`` paragraphs of a Phase 0 section, and the rest."""
    found = []
    rest = []
    for paragraph in text.split("\n\n"):
        match = _DECISION.match(paragraph.strip())
        if match is None:
            rest.append(paragraph)
            continue
        found.append(
            Decision(
                choice=match.group("choice").strip(),
                rationale=(match.group("rationale") or "").strip(),
                options=tuple(
                    Option(name=name.strip()) for name in (match.group("alternatives") or "").split(";") if name.strip()
                ),
            )
        )
    return tuple(found), _loose("\n\n".join(rest))


def _entities(text: str) -> tuple[str, str]:
    """The entity paragraphs of a Phase 1 section (the data model), and the rest."""
    taken: list[str] = []
    rest: list[str] = []
    for paragraph in text.split("\n\n"):
        (taken if _ENTITIES.match(paragraph.strip()) else rest).append(paragraph)
    return _loose("\n\n".join(taken)), _loose("\n\n".join(rest))


def _progress(text: str) -> tuple[str, str]:
    """The checked items of a Progress Tracking section as the plan's status, and the rest."""
    done = []
    rest = []
    for line in text.split("\n"):
        match = _CHECK_ITEM.match(line)
        if match is None:
            rest.append(line)
        elif match.group("mark") != " ":
            done.append(match.group("text"))
    return "; ".join(done), _loose("\n".join(line for line in rest if line.strip()))


def _header(text: str, found: dict[str, str], labels: dict[str, str]) -> str:
    """Reads the header labels of ``text`` into ``found`` (and those that are
    not the writer's own, as written, into ``labels``); returns the rest."""
    rest = []
    for line in text.split("\n"):
        if _TEMPLATE_NOTE.match(line) or _TEMPLATE_LINE.match(line):
            # The template's note, in any known revision's words (``REVISIONS``): an instruction, no content.
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
                wide = _COLON_OUTSIDE.match(segment)
                if wide and "\uff1a" in wide.group(0):
                    # A full-width colon after the bold is layout: kept to be written back.
                    labels[name + COLON] = wide.group(0)[len(wide.group(1)) :]
        if kept:
            rest.append(" | ".join(kept))
    return "\n".join(rest)


class StackLayout(NamedTuple):
    """How an author laid out a Technical Context, where it is not the writer's own (each label line a paragraph
    of its own): kept in ``Plan.list_styles`` under ``architecture.tech_stack`` as words (``tight ends=2,1``),
    read by ``stack_layout``, so that a plan written afresh (after a cycle through a format that carried the
    section verbatim) lays it out as its author did.

    Attributes:
        tight: The label lines stand one under the other, no blank line between (``tight``).
        headed: Each entry is a ``###`` subsection titled with its label (``headed``).
        ends: The white space ending each entry's label line, in spaces (``ends=2,1``: a hard break, then one
            space after a label whose value is a nested list); empty where none does.
    """

    tight: bool = False
    headed: bool = False
    ends: tuple[str, ...] = ()


_STACK = "architecture.tech_stack"
_ENDS = "ends="


def stack_layout(plan: Plan) -> StackLayout:
    """The layout ``plan``'s Technical Context was read in (``StackLayout``); the writer's own when none was kept.

    >>> stack_layout(Plan(list_styles=(Labeled(label="architecture.tech_stack", value="tight ends=2,0"),)))
    StackLayout(tight=True, headed=False, ends=('  ', ''))
    """
    words = next((style.value.split() for style in plan.list_styles if style.label == _STACK), [])
    ends = next((word.removeprefix(_ENDS).split(",") for word in words if word.startswith(_ENDS)), [])
    return StackLayout(
        tight="tight" in words,
        headed="headed" in words,
        ends=tuple(" " * int(end) if end.isdigit() else "" for end in ends),
    )


def _stack_style(layout: StackLayout) -> tuple[Labeled, ...]:
    """``layout`` as ``Plan.list_styles`` keeps it (``stack_layout`` reads it back); none for the writer's own."""
    words = [word for word, used in (("tight", layout.tight), ("headed", layout.headed)) if used]
    if any(layout.ends):
        words.append(_ENDS + ",".join(str(len(end)) for end in layout.ends))
    return (Labeled(label=_STACK, value=" ".join(words)),) if words else ()


def _stack(body: str) -> tuple[list[Labeled], str, StackLayout]:
    """The ``**Label**: value`` lines of a Technical Context body, the text before them and how they are laid out
    (one under the other, what ends each label line)."""
    items: list[tuple[str, list[str]]] = []
    before: list[str] = []
    ends: list[str] = []
    for line in _ACTION_COMMENT.sub("", body).split("\n"):
        pair = label_value(_colon(line)) if _LABEL_LINE.match(line) else None
        if pair is not None:
            items.append((pair[0], [pair[1]]))
            tail = line[len(line.rstrip()) :]
            # Spaces only: a tab or another blank is not told apart from them when written back.
            ends.append(tail if tail.strip(" ") == "" else "")
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
        stack.append(Labeled(label=label, value=value))
    # A value's own lines end in a line that is not blank where no blank line sets the entries apart.
    tight = len(items) > 1 and all(len(lines) == 1 or lines[-1].strip() for _, lines in items[:-1])
    return stack, _loose("\n".join(before)), StackLayout(tight=tight, ends=tuple(ends) if any(ends) else ())


def _heading_entry(node: Node) -> Labeled:
    """A Technical Context entry written as a subsection: its title is the label."""
    block = strip_blank(node.body)
    if "\n" in block:
        # Written back under a label, a block keeps its own line.
        block = "\n" + block
    return Labeled(label=node.title, value=block)


# Each standard label (casefolded) -> its place in the template's Technical Context and its placeholder.
_STACK_PLACEHOLDERS = {
    item.label.casefold(): (index, item.value) for index, item in enumerate(PLACEHOLDERS.architecture.tech_stack)
}


def _unanswered(label: str, value: str, index: int | None = None) -> bool:
    """Whether ``value`` answers Technical Context label ``label`` with the template's words for no answer: its
    placeholder for the label (``[e.g., Python 3.11, ...]``), or ``NEEDS CLARIFICATION``, which the template
    offers as every label's answer (``[e.g., ... or NEEDS CLARIFICATION]``: not known yet). A placeholder at
    the template's own place (``index``, the entry's) is left to the framework, which blanks it there.

    >>> _unanswered("Storage", "NEEDS CLARIFICATION"), _unanswered("Storage", "PostgreSQL")
    (True, False)
    """
    if _NEEDS_CLARIFICATION.match(value):
        return True
    known = _STACK_PLACEHOLDERS.get(label.casefold())
    return known is not None and known[0] != index and value == known[1]


def _unfill(stack: list[Labeled]) -> tuple[Labeled, ...]:
    """The entries of a Technical Context, those answered with the template's words for no answer unfilled."""
    return tuple(
        Labeled(label=item.label, value="") if _unanswered(item.label, item.value, index) else item
        for index, item in enumerate(stack)
    )


def unanswered_lines(key: str, text: str) -> str:
    r"""``text``, the section of field ``key`` as written, carried into another format, without the
    Technical Context's label lines that the reader reads as unfilled (``_unanswered``): there they would
    read as the author's answers, where here they are the template's (written afresh for each label a plan
    leaves unanswered, they would come back on every cycle as content).

    >>> unanswered_lines("architecture.tech_stack", "**Stack**: Go\n**Storage**: NEEDS CLARIFICATION\n**Cli**: x")
    '**Stack**: Go\n**Cli**: x'
    """
    if key != _STACK:
        return text
    lines = text.split("\n")
    kept: list[str] = []
    skip_blank = False
    for at, line in enumerate(lines):
        if skip_blank and not line.strip():
            skip_blank = False
            continue
        skip_blank = False
        pair = label_value(_colon(line)) if _LABEL_LINE.match(line) else None
        after = lines[at + 1] if at + 1 < len(lines) else ""
        # Only a value on its line alone: a line under it would be part of its value.
        alone = not after.strip() or _LABEL_LINE.match(after) is not None
        if pair is not None and alone and _unanswered(pair[0], pair[1].strip()):
            # Its paragraph's blank line goes with it, when one sets it apart on both sides.
            skip_blank = not kept or not kept[-1].strip()
            continue
        kept.append(line)
    return strip_blank("\n".join(kept))


def _complexity(body: str) -> tuple[tuple[ComplexityEntry, ...], str]:
    """The Complexity Tracking table's rows, and the section's other text."""
    table, rest = split_table(body)
    header = table_rows(table) if table else None
    # A table with a column the model has no field for stays as written.
    if header is None or not all(_lookup(title, COMPLEXITY_COLUMNS) for title in header[0]):
        return (), _untemplated(body)
    rows = records(table, COMPLEXITY_COLUMNS)
    # A row of placeholders only (``[No violations] | [N/A] | [N/A]``) is the template's example.
    template = [(entry.violation, entry.why_needed, entry.simpler_alternative) for entry in PLACEHOLDERS.complexity]
    entries = tuple(
        ComplexityEntry(**row)
        for row in rows
        if not all(_PLACEHOLDER_CELL.match(cell) for cell in row.values())
        or tuple(row.get(name, "") for name in ("violation", "why_needed", "simpler_alternative")) in template
    )
    return entries, _untemplated(rest)


def _has_table(node: Node) -> bool:
    """Whether a Complexity Tracking section holds its table (or nothing but template text): a
    section of prose or a quote instead is the author's, kept whole with its heading."""
    table, rest = split_table(_untemplated(node.body))
    header = table_rows(table) if table else None
    if header is None:
        return not rest and not node.children
    return all(_lookup(title, COMPLEXITY_COLUMNS) for title in header[0])


def _complexity_line(text: str) -> tuple[str, str]:
    """``text`` less a last paragraph that is a bold Complexity Tracking label line, and that line."""
    head, _, last = text.rpartition("\n\n")
    pair = label_value(_colon(last)) if _LABEL_LINE.match(last) else None
    if pair is None or pair[0].casefold() not in _COMPLEXITY_LABELS:
        return text, ""
    return strip_blank(head), last


_COMPLEXITY_LABELS = frozenset(["complexity tracking", "complexity", *label_words("complexity")])


# Which bodies a section matched by title is read from; any other is the
# author's own, kept whole under its heading.
ACCEPT = {
    "complexity": _has_table,
    "decisions": lambda node: bool(_decisions(_untemplated(node.body))[0]),
    "data_model": lambda node: bool(_entities(_untemplated(node.body))[0]),
    "metadata.status": lambda node: bool(_progress(_untemplated(node.body))[0]),
}


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


# A bold header label and its colon (ASCII or full-width, inside or outside the bold).
_HEADER_LABEL = r"\*\*[^*\n]+(?:\*\*[ \t]*[:\uff1a]|[:\uff1a]\*\*)"


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
        prefix, title = title_prefix(nodes[0].title)
        if prefix and prefix != TITLE_OWN:
            # A translated (or otherwise written) template prefix is layout, kept to be written back.
            labels["title"] = prefix
        sections.mark(nodes[0], "")
        # Text before the title (front matter, say) goes back before it.
        keep(_loose(preamble), FRONT)
        preamble = _header(nodes[0].body, header, labels)
        nodes = nodes[0].children + nodes[1:]
    keep(_loose(preamble), "")
    # Sections that are all template instructions (an Execution Flow block) are no content.
    nodes = [node for node in nodes if _TEMPLATE_SECTION.fullmatch(node.key) is None]
    # (The process sections' headings are the template's: no title of theirs is kept.)
    found = sections.match(nodes, {**SECTIONS, **PROCESS}, accept=ACCEPT, repeat=PROCESS)

    def first(key: str) -> Node | None:
        return found[key][0] if key in found else None

    def children(node: Node | None) -> None:
        if node is not None:
            sections.match(node.children, {})

    # Subsections of Summary and Constitution Check (gates, re-evaluations)
    # are part of their prose.
    summary = ""
    if (node := first("summary")) is not None:
        summary = prose(unruled(node.content))

    stack: tuple[Labeled, ...] = ()
    styles: tuple[Labeled, ...] = ()
    if (node := first("architecture.tech_stack")) is not None:
        items, before, layout = _stack(unruled(node.body))
        # Plans that give each entry a heading of its own (`### Storage`); under
        # `**Label**:` lines, a subsection is a section of its own (one carried there).
        if items:
            children(node)
        elif node.children:
            layout = layout._replace(headed=True)
        for child in node.children if not items else ():
            items.append(_heading_entry(child))
            sections.mark(child, "architecture.tech_stack")
            children(child)
        stack = _unfill(items)
        keep(before, "technical_context")
        styles = _stack_style(layout)

    constitution = ""
    if (node := first("constitution_check")) is not None:
        constitution = prose(unruled(_ACTION_COMMENT.sub("", _GATE.sub("", node.content, count=1))))

    documentation = file_structure = ""
    if (node := first("project_structure")) is not None:
        body = _loose(unruled(_ACTION_COMMENT.sub("", node.body)))
        parts = sections.match(node.children, STRUCTURE)
        if "file_structure" not in parts and FENCE_OPEN.search(body) is not None:
            # One tree (with or without prose) and no source subsection: that is the file structure.
            file_structure, body = body, ""
        keep(body, "project_structure")
        for key, matched in parts.items():
            value = prose(unruled(_ACTION_COMMENT.sub("", matched[0].body)))
            if key == "documentation_structure":
                documentation = _installed(value)
            else:
                file_structure = value
            children(matched[0])
        # Complexity Tracking written as a bold label line at the end of the structure.
        file_structure, aside = _complexity_line(file_structure)
        keep(aside, "complexity")

    complexity: tuple[ComplexityEntry, ...] = ()
    if (node := first("complexity")) is not None:
        complexity, rest = _complexity(node.body)
        keep(rest, "complexity")
        children(node)

    decisions: list[Decision] = []
    entities: list[str] = []
    status: list[str] = []
    for node in found.get("decisions", []):
        read_decisions, rest = _decisions(_untemplated(node.body))
        decisions.extend(read_decisions)
        keep(rest, "decisions")
        children(node)
    for node in found.get("data_model", []):
        read_entities, rest = _entities(_untemplated(node.body))
        entities.append(read_entities)
        keep(rest, "data_model")
        children(node)
    for node in found.get("metadata.status", []):
        read_status, rest = _progress(_untemplated(node.body))
        status.append(read_status)
        keep(unruled(rest), "metadata.status")
        children(node)

    return Plan(
        metadata=Metadata(
            title=title,
            branch=_CODE_SPAN.sub(r"\1", header.get("branch", "")),
            created=header.get("created", ""),
            spec_path=header.get("spec_path", ""),
            input=header.get("input", ""),
            status="; ".join(status),
        ),
        decisions=tuple(decisions),
        data_model=DataModel(overview="\n\n".join(entities)),
        summary=summary,
        architecture=Architecture(tech_stack=stack),
        constitution_check=constitution,
        documentation_structure=documentation,
        file_structure=file_structure,
        complexity=complexity,
        extra_sections=_place(sections.extras(), loose),
        headings=sections.headings(),
        labels=tuple(Labeled(label=f"metadata.{name}", value=label) for name, label in labels.items()),
        list_styles=styles,
    )


def read_titles(text: str) -> tuple[Labeled, ...]:
    """``read(text).headings`` alone: only the sections matched by title (the top ones and a Project
    Structure's subsections) give a title; the rest of ``read`` marks or keeps sections without one.

    >>> text = "# T\\n\\n## 摘要\\n\\nWhy.\\n\\n## Project Structure\\n\\n### Código-fonte\\n"
    >>> [(heading.label, heading.value) for heading in read_titles(text)][0]
    ('summary', '摘要')
    """
    doc = outline(text)
    sections = Sections()
    nodes = doc.roots
    if nodes and nodes[0].level == 1:
        nodes = nodes[0].children + nodes[1:]
    nodes = [node for node in nodes if _TEMPLATE_SECTION.fullmatch(node.key) is None]
    found = sections.match(nodes, {**SECTIONS, **PROCESS}, accept=ACCEPT, repeat=PROCESS)
    if "project_structure" in found:
        sections.match(found["project_structure"][0].children, STRUCTURE)
    return sections.headings()


SPECKIT_GITHUB = Format(
    name=NAME,
    description="GitHub Spec Kit plan.md: Branch/Date/Spec header, Technical Context labels, "
    "Constitution Check, Project Structure trees, Complexity Tracking table",
    tool="GitHub Spec Kit",
    origin="github/spec-kit, templates/plan-template.md (v1.0.1)",
    layout="one plan.md per feature folder: specs/NNN-feature/plan.md, beside spec.md and tasks.md",
    read=read,
    read_titles=read_titles,
    placeholders=PLACEHOLDERS,
    unanswered=unanswered_lines,
    writer_data={
        "header_labels": {**HEADER_OWN, "title": TITLE_OWN, **{name + COLON: ": " for name in HEADER_OWN}},
        "stack_lines": stack_lines,
        "stack_layout": stack_layout,
        "progress_checks": progress_checks,
    },
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
        (line_mark("*", r"^\*\*Branch\*\*: .*\| \*\*Date\*\*:"), 4.0),
        # The header's shape in any language: three or more bold labels on one line, set apart by pipes.
        (line_mark("*", f"^{_HEADER_LABEL}[^|\n]*\\|[ \t]*{_HEADER_LABEL}[^|\n]*\\|[ \t]*{_HEADER_LABEL}"), 4.0),
        (line_mark("*", r"^\*\*Input\*\*: Feature specification from"), 2.0),
        (line_mark("#", r"^## Constitution Check\s*$"), 2.0),
        (line_mark("#", r"^## Complexity Tracking\s*$"), 2.0),
        (line_mark("*", r"^\*\*Language/Version\*\*:"), 1.5),
        (line_mark("*", r"^\*\*Structure Decision\*\*:"), 1.5),
        (line_mark("#", r"^### Source Code \(repository root\)"), 1.0),
        (line_mark("*", r"^\*GATE:"), 1.0),
        # The template's sections and labels translated (``_vocabulary``).
        (line_mark("*", f"^\\*\\*(?:{alternation(LABELS['structure_decision'])})"), 1.0),
        (line_mark("#", f"^## (?i:{alternation(HEADINGS['technical_context'])})\\s*$"), 1.5),
        (line_mark("#", f"^## (?i:{alternation(HEADINGS['constitution_check'])})\\s*$"), 1.5),
        (line_mark("#", f"^## (?i:{alternation(HEADINGS['complexity'])})\\s*$"), 1.0),
        (line_mark("#", f"^### (?i:{alternation(HEADINGS['source_code'])})"), 1.0),
    ),
)
