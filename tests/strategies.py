"""Every hypothesis strategy of the test suite.

``plans()`` builds any plan the model can express, within the limits that all
formats share (README, "Limits"): one-line fields are single lines, prose is
paragraphs of lines that start with a letter, code has no fence lines. It is
generic over the attrs model, so new fields are generated as soon as they exist.
"""

from __future__ import annotations

import functools
import typing
from typing import Any

import attrs
from hypothesis import assume
from hypothesis import strategies as st

import plancore
from plancore._fields import is_code, leaves
from plancore._model import Section, is_empty
from plancore._reading import cut_done

# Fields written as multi-line Markdown prose.
PROSE = frozenset(
    [
        "summary",
        "architecture.overview",
        "architecture.interactions",
        "architecture.data_flow",
        "data_model.overview",
        "data_model.migrations",
        "file_structure",
        "testing.strategy",
        "testing.unit",
        "testing.integration",
        "testing.e2e",
        "testing.manual",
        "testing.test_data",
        "deployment",
        "feature_flags",
        "rollback",
        "notes",
        "phases.steps.notes",
        "constitution_check",
        "documentation_structure",
    ]
)

_LETTERS = st.characters(categories=["Lu", "Ll", "Lo"], exclude_characters="\\")
_INLINE_CHARS = st.one_of(
    st.characters(categories=["L", "N", "P", "S"], exclude_characters="\\#`~<>"),
    st.sampled_from(list("|{}*_[]éİ中😀")),
    st.just(" "),
)


def _clean_inline(text: str) -> bool:
    return text == text.strip() and ", " not in text and " - " not in text and "  " not in text


inline_text = st.builds(
    lambda first, rest: (first + rest).rstrip(),
    _LETTERS,
    st.text(_INLINE_CHARS, max_size=24),
).filter(_clean_inline)

prose_text = st.lists(
    st.lists(inline_text, min_size=1, max_size=3).map("\n".join),
    min_size=1,
    max_size=3,
).map("\n\n".join)

code_text = (
    st.lists(
        st.text(st.characters(categories=["L", "N", "P", "S", "Zs"], exclude_characters="\\`~"), max_size=30).map(
            str.rstrip
        ),
        min_size=1,
        max_size=4,
    )
    .map("\n".join)
    .filter(lambda text: text.strip() != "" and text == text.strip("\n") and not text[0].isspace())
)


def _text_for(path: str) -> st.SearchStrategy[str]:
    if path in PROSE:
        return prose_text
    if is_code(plancore.Plan, path):
        return code_text
    if path == "phases.name":
        # A done mark that ends a phase's heading is its done state (README, "Limits").
        return inline_text.filter(lambda name: not cut_done(name)[1])
    return inline_text


def _key_text(path: str) -> st.SearchStrategy[str]:
    if path == "phases.number":
        # A phase's number is its heading's, written as the target numbers phases: numbers of
        # the author's own are tested by tests/test_cases.py; a plan drawn has none.
        return st.just("")
    # A key (a label) names its item; an item never lacks one.
    return inline_text


def _maybe(strategy: st.SearchStrategy[Any], empty: Any) -> st.SearchStrategy[Any]:
    return st.one_of(st.just(empty), strategy)


def _strategy_for(cls: type, prefix: str = "") -> st.SearchStrategy[Any]:
    hints = typing.get_type_hints(cls)
    fields: dict[str, st.SearchStrategy[Any]] = {}
    for field in attrs.fields(cls):
        if not field.eq:
            continue
        path = prefix + field.name
        hint = hints[field.name]
        if field.metadata.get("key") and hint is str:
            fields[field.name] = _key_text(path)
        else:
            fields[field.name] = _value_for(hint, path)
    return st.builds(cls, **fields)


def _value_for(hint: Any, path: str) -> st.SearchStrategy[Any]:
    if hint is str:
        return _maybe(_text_for(path), "")
    if hint is bool:
        return st.booleans()
    if hint is int:
        return st.just(2)
    origin = typing.get_origin(hint)
    if origin is tuple:
        (item, _ellipsis) = typing.get_args(hint)
        if item is str:
            return st.lists(inline_text, max_size=3).map(tuple)
        return st.lists(_strategy_for(item, path + "."), max_size=3).map(
            lambda items: tuple(value for value in items if not is_empty(value))
        )
    if isinstance(hint, type) and attrs.has(hint):
        return _strategy_for(hint, path + ".")
    raise TypeError(f"unsupported field type at {path}: {hint}")


extra_sections = st.lists(
    st.builds(
        lambda heading, body: Section(heading="Appendix " + heading, level=2, body=body),
        inline_text,
        _maybe(prose_text, ""),
    ),
    max_size=2,
).map(tuple)


@functools.cache
def _plan_strategy() -> st.SearchStrategy[plancore.Plan]:
    # Built once: a strategy built on every draw is also checked by hypothesis on
    # every draw, which took three quarters of a conversion property's time.
    return _strategy_for(plancore.Plan)


@st.composite
def plans(draw: st.DrawFn) -> plancore.Plan:
    """Any plan, extra (unmapped) sections included."""
    plan = draw(_plan_strategy())
    # Headings and labels as written come from reading a document
    # (tests/test_headings.py): a key is a format's section key, not any text.
    return attrs.evolve(plan, extra_sections=draw(extra_sections), headings=(), labels=())


# --- Hostile input (issue 4): any text, any bytes, and plans holding any text. ---

# Lines and marks that steer a Markdown reader: every line of every blank
# template (so generated text often looks like a plan), the block and inline
# marks, template syntax, and the characters files should not hold.
_TEMPLATE_LINES = sorted(
    {line for name in plancore.formats() for line in plancore.emit(plancore.Plan(), name).splitlines()}
)
_MARKS = [
    "\n", "\n\n", "\r\n", "\r", "\t", "    ", "# ", "## ", "### ", "#### ", "- ", "* ", "+ ", "1. ", "2) ",
    "- [ ] ", "- [x] ", "> ", ">", "```", "```sql\n", "~~~", "---", "***", "___", "===", "| ", " | ", "|", "|---|---|",
    "\\|", "**", "__", "*", "_", "`", "[", "]", "](", ")", "<", ">", "<div>", "</div>", "<!--", "-->", "<pre>",
    "{{", "}}", "{%", "%}", "{#", "#}", "{{ 7*7 }}", "{% raw %}", ":", "**Label:** ", "\\", "\x00", "\ufeff",
    "\u2028", "\ud800", "é", "中", "😀",
]  # fmt: skip
_FRAGMENTS = st.one_of(st.sampled_from(_TEMPLATE_LINES).map(lambda line: line + "\n"), st.sampled_from(_MARKS))

# Text built from plan lines, Markdown marks and arbitrary characters.
markdownish_text = st.lists(st.one_of(_FRAGMENTS, st.text(max_size=12)), max_size=40).map("".join)
# Text whose lines open as formats' marks do, or nearly (``plancore._detect``): a template's lines, marks in
# English and translated, each maybe after a blank, a list marker or a ``#``, with setext underlines, fences,
# lines a mark looks past (SpecPulse's CREATED comment after STATUS) and any text between.
_MARK_LINES = [
    "## Executive Summary", "### Decision 1:", "### 决策 2：", "- **Options Considered:**", "- **选项**:",
    "**Feature ID:**", "**功能 ID**：", "#### Component: x", "#### 组件：x", "## 1. Architecture Overview",
    "<!-- FEATURE_ID: 1 -->", "<!-- STATUS: x -->", "<!-- CREATED: y -->", "## Phase 1: A (Priority: P1)",
    "### Phase 2: B [优先级: 高]", "**Timeline**: 2d", "1. [x] a", "1. **Risk**: r", "**RISK**:", " **Mitigation**: m",
    "\t**mitigación**:", "### Objectives", "#### ZIELE", "### Success Criteria ", "**Issue:** #1", "**问题**：#2",
    "#### Step 1.2: s", "#### 步骤 1.2", "**Estimated Time:** 1h", "**Files:**", "**文件**: ", "## Progress Log",
    "**Instructions to LLM:**", "_This template is adapted from GitHub Spec Kit", "Based on this specification:",
    "## Technical Approach", "## 技术方案", "**Branch**: b | **Date**: d", "**A**: 1 | **B**: 2 | **C**: 3",
    "## Constitution Check", "## 章程检查\t", "*GATE: g", "### Source Code (repository root)", "# Tasks: t",
    "# 任务：t", "**Purpose**: p", "- [ ] T001 t", "**Checkpoint**: c", "## Dependencies & Execution Order",
    "Executive Summary", "Objectives", "---", "===", "```", "~~~", "", " ", "text",
]  # fmt: skip
_MARK_OPENINGS = st.sampled_from(["", "", "", " ", "   ", "\t", "- ", "* ", "1. ", "#", "# ", "> ", "**"])
detection_text = st.lists(
    st.one_of(
        st.tuples(_MARK_OPENINGS, st.sampled_from(_MARK_LINES)).map("".join),
        st.sampled_from(_TEMPLATE_LINES),
        st.text(max_size=8),
    ),
    max_size=30,
).map("\n".join)
# Text of list lines: items of every marker, indented by blanks and tabs, with blank and white-space-only lines,
# lazy and indented continuations, and the blocks that end a list item (a heading, a fence, a rule, a quote).
_LIST_LINES = [
    "- a", "* b", "+ c", "1. d", "2) e", "10. f", "-", "1.", "- [ ] t", "- [x] u", "  - g", "    - h", "\t- i",
    " \t- j", "  1. k", "      code", "\tcode", "  more", " lazy", "text", "", "   ", "\t", "\xa0", " \x0c", "\r",
    "# H", "## H2", "```", "~~~", "---", "***", "> q", "<div>", "| a | b |", "Title", "===",
]  # fmt: skip
list_shaped_text = st.lists(st.sampled_from(_LIST_LINES), max_size=14).map(lambda lines: "\n".join(lines) + "\n")
# Lines as the outline's parser tells them apart by their first character (``_markdown._RULE_OPENINGS``):
# ATX headings and lines nearly so, paragraphs opening with letters of any script and with other characters,
# list items of any marker (numbers in other scripts' digits), rules, setext underlines, fences, quotes, link
# definitions, HTML, indented code and blank lines of every kind of white space.
outline_lines = [
    "#", "# ", "#\t", "# T", "## T ##", "###### Six", "####### Seven", "#hashtag", "##\tTab", "# #", "#  # x #",
    "   # Three", "    # Four", " #x", "Text", "Ünïcode", "中文 text", "ǅ title", "😀 emoji", "✅ done", "1st",
    "٣. three", "١) one", "**Label**: value", "*em*", "* item", "- item", "+ item", "1. item", "2) item",
    "- [ ] T001", "  - sub",
    "---", "***", "___", "- - -", "===", "Title", "```", "```sql", "~~~", "> quote", ">", "[a]: /x", "[x] text",
    "<div>", "<!-- c -->", "</b>", "<x", "    code", "\tcode", "| a | b |", "", " ", "   ", "\t", "\xa0", "\x0c",
    "\x0b", "\r", "\u2028", "_x_", "=x", "-x", "`x`", "~x", "\\#",
]  # fmt: skip
outline_text = st.lists(st.one_of(st.sampled_from(outline_lines), st.text(max_size=6)), max_size=30).map("\n".join)
# Lines of link-definition and HTML-tag openings, runs of ``[`` and ``<`` anywhere in a line, with a start and
# an end within the text (``_markdown._line_opening``).
_OPENING_PIECES = ["[", "<", "<a", "</b", " ", "   ", "\t", "x", "\n", "\n\n"]


@st.composite
def opening_texts(draw: st.DrawFn) -> tuple[str, int, int]:
    text = "".join(draw(st.lists(st.sampled_from(_OPENING_PIECES), max_size=40)))
    start = draw(st.integers(min_value=0, max_value=len(text)))
    return text, start, draw(st.integers(min_value=start, max_value=len(text)))


# Text ending in thematic breaks of every shape, blank lines and setext underlines (``Title`` over ``---``).
_RULED_LINES = ["---", "- - -", "***", "___", " ---", "    ---", "--", "-", "===", "text", "", "  ", "\t", "--- x"]
ruled_text = st.lists(st.sampled_from(_RULED_LINES), max_size=12).map("\n".join) | st.lists(
    st.sampled_from(_RULED_LINES), max_size=12
).map(lambda lines: "\n".join(lines) + "\n \n")
# The same, its lines in runs of copies (a section ending in many rules alike, an underline among them).
repeated_ruled_text = st.lists(
    st.tuples(st.sampled_from([*_RULED_LINES, "---\r", "text\r"]), st.integers(min_value=1, max_value=9)), max_size=6
).map(lambda runs: "\n".join(line for line, count in runs for _ in range(count))) | st.lists(
    st.tuples(st.sampled_from(_RULED_LINES), st.integers(min_value=1, max_value=9)), max_size=6
).map(lambda runs: "".join(line + "\n" for line, count in runs for _ in range(count)))
# Any text at all: arbitrary characters, or Markdown-shaped text.
any_text = st.one_of(st.text(), markdownish_text)

# Text of blank lines, white space of every kind (a form feed, a Unicode line separator) and a few words.
blank_edged_text = st.lists(
    st.sampled_from(["\n", " ", "\t", "\r", "\x0c", "\u2028", "\x85", "\xa0", "a", "b c", "#"]), max_size=16
).map("".join)


@st.composite
def text_positions(draw: st.DrawFn) -> tuple[str, int]:
    """Markdown-shaped text and a position in it (to search from)."""
    text = draw(markdownish_text)
    return text, draw(st.integers(min_value=0, max_value=len(text)))


@st.composite
def edited_texts(draw: st.DrawFn) -> tuple[str, str]:
    """A text of sections under headings, and that text with one span replaced by Markdown-shaped text:
    an outline derived from the first's (``_markdown._derived``) must be the one a parse gives."""
    sections = draw(
        st.lists(st.tuples(st.sampled_from(["# ", "## ", "### ", "  ## "]), markdownish_text), min_size=2, max_size=6)
    )
    text = "".join(f"{mark}Part {index}\n\n{body}\n\n" for index, (mark, body) in enumerate(sections))
    start = draw(st.integers(min_value=0, max_value=len(text)))
    end = draw(st.integers(min_value=start, max_value=min(len(text), start + 80)))
    return text, text[:start] + draw(markdownish_text)[:60] + text[end:]


# Any bytes: arbitrary, Markdown-shaped UTF-8 (surrogates kept as invalid bytes), or Markdown-shaped UTF-16.
any_bytes = st.one_of(
    st.binary(),
    markdownish_text.map(lambda text: text.encode("utf-8", "surrogatepass")),
    markdownish_text.map(lambda text: text.encode("utf-16", "surrogatepass")),
)


def _hostile_value(hint: Any) -> st.SearchStrategy[Any]:
    if hint is str:
        return any_text
    if hint is bool:
        return st.booleans()
    if hint is int:
        # Section levels outside Markdown's 1..6 are refused at construction (tests/test_model.py).
        return st.integers(min_value=1, max_value=6)
    origin = typing.get_origin(hint)
    if origin is tuple:
        (item, _ellipsis) = typing.get_args(hint)
        return st.lists(_hostile_value(item), max_size=2).map(tuple)
    if isinstance(hint, type) and attrs.has(hint):
        return st.deferred(lambda: _hostile_model(hint))
    raise TypeError(f"unsupported field type: {hint}")


def _hostile_model(cls: type) -> st.SearchStrategy[Any]:
    hints = typing.get_type_hints(cls)
    return st.builds(cls, **{field.name: _hostile_value(hints[field.name]) for field in attrs.fields(cls) if field.eq})


# A plan whose every text field holds any text (no format limits respected).
hostile_plans = _hostile_model(plancore.Plan)


# --- Mutated plans (issue 3): an emitted plan, edited the way people edit plans. ---
#
# ``mutations(name, kind)`` writes a generated plan in format ``name`` and then
# changes it: ``rename`` gives a heading another title from the format's alias
# tables, ``insert`` adds a section no field holds, ``drop`` removes a
# top-level section, ``move`` puts one elsewhere, ``layout`` changes nothing
# but layout. Any of them may also switch line ends to CRLF, add YAML front
# matter or change list markers (``-`` to ``*``/``+``, ``1.`` to ``1)``).

# re._constants and re._parser (the regex parser's private modules) enumerate what an alias pattern
# matches; typeshed has no stubs for them.
import re as _re  # noqa: E402
import re._constants as _sre  # type: ignore[import-not-found]  # noqa: E402
import re._parser as _sre_parse  # type: ignore[import-not-found]  # noqa: E402

from plancore._fields import restrict as _restrict  # noqa: E402
from plancore._formats import aadt as _aadt  # noqa: E402
from plancore._formats import maestro as _maestro  # noqa: E402
from plancore._formats import smartspec as _smartspec  # noqa: E402
from plancore._formats import speckit as _speckit  # noqa: E402
from plancore._formats import speckit_github as _speckit_github  # noqa: E402
from plancore._formats import speckit_tasks as _speckit_tasks  # noqa: E402
from plancore._formats import specpulse as _specpulse  # noqa: E402
from plancore._markdown import Node as _Node  # noqa: E402
from plancore._markdown import normalize_title as _normalize  # noqa: E402
from plancore._markdown import outline as _outline  # noqa: E402
from plancore._registry import get_format as _get_format  # noqa: E402

# Format -> its heading alias tables, by the keys of the sections they are under.
HEADING_TABLES: dict[str, dict[tuple[str, ...], Any]] = {
    "smartspec": _smartspec.HEADINGS,
    "maestro": _maestro.HEADINGS,
    "specpulse": _specpulse.HEADINGS,
    "aadt": _aadt.HEADINGS,
    "speckit": _speckit.HEADINGS,
    "speckit-github": {(): _speckit_github.SECTIONS, ("project_structure",): _speckit_github.STRUCTURE},
    "speckit-tasks": {(): _speckit_tasks.SECTIONS},
}
MUTATIONS = ("rename", "insert", "drop", "move", "layout")
FRONT_MATTER = "---\ntitle: Generated plan\nstatus: draft\n---"


def _lookup_key(title: str, table: dict[str, Any]) -> str | None:
    for key, patterns in table.items():
        if any(_re.fullmatch(pattern, title) for pattern in patterns):
            return key
    return None


def _expand(items: Any, limit: int = 48) -> list[str] | None:
    """Every string a finite regular expression (parsed) matches; None for classes, wildcards, loops."""
    results = [""]
    for op, av in items:
        if op is _sre.LITERAL:
            options: list[str] | None = [chr(av)]
        elif op is _sre.SUBPATTERN:
            options = _expand(av[3], limit)
        elif op is _sre.BRANCH:
            branches = [_expand(branch, limit) for branch in av[1]]
            options = None if any(b is None for b in branches) else [s for b in branches for s in b or []]
        elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT) and av[1] == 1:
            inner = _expand(av[2], limit)
            options = None if inner is None else ([""] if av[0] == 0 else []) + inner
        else:
            return None
        if options is None:
            return None
        results = [a + b for a in results for b in options][:limit]
    return results


def alias_titles(table: Any, key: str) -> list[str]:
    """The titles (normalized) that the alias patterns of ``key`` spell out, each read back as ``key``."""
    titles = []
    for pattern in table.get(key, []):
        expanded = _expand(_sre_parse.parse(pattern))
        for title in expanded or []:
            if title and _lookup_key(title, table) == key:
                titles.append(title)
    return sorted(set(titles))


def _headings(text: str, tables: dict[tuple[str, ...], Any]) -> list[tuple[_Node, Any, str]]:
    """Every heading of ``text`` that an alias table matches: (node, its table, its key)."""
    doc = _outline(text)
    roots = doc.roots[0].children + doc.roots[1:] if doc.roots and doc.roots[0].level == 1 else doc.roots
    found: list[tuple[_Node, Any, str]] = []
    stack: list[tuple[_Node, tuple[str, ...]]] = [(node, ()) for node in reversed(roots)]
    while stack:
        node, path = stack.pop()
        table = tables.get(path)
        key = _lookup_key(node.key, table) if table is not None else None
        if key is None:
            continue
        found.append((node, table, key))
        stack.extend((child, (*path, key)) for child in reversed(node.children))
    return sorted(found, key=lambda entry: entry[0].start)


def _top(text: str) -> list[_Node]:
    doc = _outline(text)
    roots = doc.roots[0].children + doc.roots[1:] if doc.roots and doc.roots[0].level == 1 else doc.roots
    return [node for node in roots if node.level == 2]


def outside_fences(text: str, change: Any) -> str:
    """``text`` with ``change`` applied to every line outside code fences."""
    lines, fence = [], ""
    for line in text.split("\n"):
        opening = _re.match(r"^ {0,3}(`{3,}|~{3,})", line)
        if fence:
            if opening and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence):
                fence = ""
            lines.append(line)
        elif opening:
            fence = opening.group(1)
            lines.append(line)
        else:
            lines.append(change(line))
    return "\n".join(lines)


@attrs.frozen
class Mutation:
    """A plan written in ``name`` (``original``) and the same text after an edit of ``kind``."""

    name: str
    kind: str
    original: str
    text: str
    # What the edit did: the renamed heading (old, new), the inserted section,
    # the dropped section's text; and the front matter added ("" if none).
    renamed: tuple[str, str] = ("", "")
    inserted: Section | None = None
    dropped: str = ""
    front: str = ""
    crlf: bool = False
    markers: str = ""


def _held(cls: type, holds: frozenset[str], prefix: str = "") -> st.SearchStrategy[Any]:
    """``_strategy_for(cls)`` drawing only the fields in ``holds`` (the rest left empty)."""
    hints = typing.get_type_hints(cls)
    fields: dict[str, st.SearchStrategy[Any]] = {}
    for field in attrs.fields(cls):
        path = prefix + field.name
        if not field.eq or not any(held == path or held.startswith(path + ".") for held in holds):
            continue
        hint = hints[field.name]
        if field.metadata.get("key") and hint is str:
            fields[field.name] = _key_text(path)
        elif typing.get_origin(hint) is tuple and attrs.has(typing.get_args(hint)[0]):
            item = _held(typing.get_args(hint)[0], holds, path + ".")
            fields[field.name] = st.lists(item, max_size=3).map(
                lambda items: tuple(value for value in items if not is_empty(value))
            )
        elif isinstance(hint, type) and attrs.has(hint):
            fields[field.name] = _held(hint, holds, path + ".")
        else:
            fields[field.name] = _value_for(hint, path)
    return st.builds(cls, **fields)


@functools.cache
def held_plans(name: str) -> st.SearchStrategy[plancore.Plan]:
    """Like ``plans()``, but only what format ``name`` holds (so, faster). Built
    once per format, as ``plans()``'s strategy is."""
    holds = _get_format(name).holds
    return st.builds(
        lambda plan, extras: attrs.evolve(plan, extra_sections=extras),
        _held(plancore.Plan, holds - {"extra_sections"}),
        extra_sections,
    )


def _repeated(name: str, top: list[_Node]) -> set[int]:
    """Indices of the top-level sections whose key another one has too (the items of a run)."""
    table = HEADING_TABLES[name].get((), {})
    keys = [_lookup_key(node.key, table) for node in top]
    return {i for i, key in enumerate(keys) if key is not None and keys.count(key) > 1}


@st.composite
def mutations(draw: st.DrawFn, name: str, kind: str) -> Mutation:
    plan = _restrict(draw(held_plans(name)), _get_format(name).holds)
    original = plancore.emit(plan, name)
    text = original
    renamed: tuple[str, str] = ("", "")
    inserted = None
    dropped = ""
    top = _top(text)
    if kind == "rename":
        choices = []
        for node, table, key in _headings(text, HEADING_TABLES[name]):
            others = [title for title in alias_titles(table, key) if title != node.key]
            if others:
                choices.append((node, others))
        if choices:
            node, others = draw(st.sampled_from(choices))
            title = draw(st.sampled_from(others))
            styled = draw(st.sampled_from([title, title.title(), title.capitalize(), title.upper()]))
            if _normalize(styled) != title:
                styled = title
            numbering = _re.match(r"^(?:\d+(?:\.\d+)*\.?\s+)", node.title)
            new = (numbering.group(0) if numbering else "") + styled
            end = text.find("\n", node.start)
            text = text[: node.start] + "#" * node.level + " " + new + (text[end:] if end >= 0 else "")
            renamed = (node.title, new)
    elif kind == "insert" and top:
        before = draw(st.sampled_from(top))
        section = Section(heading="Appendix " + draw(inline_text), level=2, body=draw(_maybe(prose_text, "")))
        chunk = "## " + section.heading + "\n\n" + (section.body + "\n\n" if section.body else "")
        text = text[: before.start] + chunk + text[before.start :]
        inserted = section
    elif kind == "drop" and top:
        # A section that is one of a run of items (speckit-tasks' phases) goes only as the last
        # of them: dropping another renumbers the ones after it.
        repeated = _repeated(name, top)
        node = draw(st.sampled_from([n for i, n in enumerate(top) if i not in repeated or i == max(repeated)]))
        dropped = text[node.start : node.end]
        text = text[: node.start] + text[node.end :]
    elif kind == "move" and len(top) > 2:
        # Not the last section: it runs to the end, and takes a format's closing lines along.
        # An item of a run of them (speckit-tasks' phases) stays: moving it reorders the items.
        repeated = _repeated(name, top)
        if repeated:
            movable = [i for i in range(len(top) - 1) if i not in repeated]
            assume(movable)
            index = draw(st.sampled_from(movable))
        else:
            index = draw(st.integers(0, len(top) - 2))
        node = top[index]
        target = draw(st.sampled_from([other for i, other in enumerate(top) if i not in (index, index + 1)]))
        moved = text[node.start : node.end]
        rest = text[: node.start] + text[node.end :]
        at = target.start if target.start < node.start else target.start - len(moved)
        text = rest[:at] + moved + rest[at:]
    markers = ""
    if draw(st.booleans()):
        bullet = draw(st.sampled_from(["*", "+"]))
        markers = bullet + "1)"

        def change(line: str) -> str:
            line = _re.sub(r"^(\s*)- ", lambda m: m.group(1) + bullet + " ", line)
            return _re.sub(r"^(\s*\d+)\. ", lambda m: m.group(1) + ") ", line)

        text = outside_fences(text, change)
    front = FRONT_MATTER if draw(st.booleans()) else ""
    if front:
        text = front + "\n\n" + text
    crlf = draw(st.booleans())
    if crlf:
        text = text.replace("\n", "\r\n")
    return Mutation(
        name=name,
        kind=kind,
        original=original,
        text=text,
        renamed=renamed,
        inserted=inserted,
        dropped=dropped,
        front=front,
        crlf=crlf,
        markers=markers,
    )


# A paragraph no plan holds: a fixed token, so that it is found wherever it
# lands, and words drawn after it.
INSERTED_TOKEN = "Zqxv"


def insertion_lines(text: str) -> list[int]:
    """The lines of ``text`` before which a paragraph can go without landing in a code fence."""
    marked = outside_fences(text, lambda line: "\x00" + line)
    lines = marked.split("\n")
    # Before a line outside every fence (no fence line itself), or at the very end.
    return [number for number, line in enumerate(lines) if line.startswith("\x00")] + [len(lines)]


@st.composite
def inserted_paragraphs(draw: st.DrawFn, texts: Any) -> tuple[str, str, str, int]:
    """(format, text with a unique paragraph inserted at a line outside code fences, the
    paragraph, the line) for one of ``texts`` ((format, text) pairs)."""
    name, text = draw(st.sampled_from(texts))
    line = draw(st.sampled_from(insertion_lines(text)))
    words = draw(st.lists(st.text("abcdefghijklmnopqrstuvwxyz", min_size=2, max_size=8), min_size=1, max_size=4))
    paragraph = " ".join([INSERTED_TOKEN, *words]) + "."
    lines = text.split("\n")
    return name, "\n".join([*lines[:line], "", paragraph, "", *lines[line:]]), paragraph, line


# --- single-field edits ------------------------------------------------------------------

_PATH_STEP = _re.compile(r"(\w+)(?:\[(\d+)\])?")
# What an edit appends to a text field: a word no plan holds, so its lines are easy to find.
EDIT_MARK = " zqxedit"


def with_value(value: Any, path: str, new: Any) -> Any:
    """``value`` (a model object) with the leaf at ``path`` (``phases[0].tasks[1].done``) set to ``new``."""
    head, _, rest = path.partition(".")
    step = _PATH_STEP.fullmatch(head)
    assert step is not None, path
    name, index = step.group(1), step.group(2)
    current = getattr(value, name)
    if index is None:
        return attrs.evolve(value, **{name: with_value(current, rest, new) if rest else new})
    at = int(index)
    item = with_value(current[at], rest, new) if rest else new
    return attrs.evolve(value, **{name: (*current[:at], item, *current[at + 1 :])})


def _attribute_at(value: Any, path: str) -> attrs.Attribute[Any]:
    """The attrs field that holds the leaf at ``path``."""
    *parents, last = path.split(".")
    for head in parents:
        step = _PATH_STEP.fullmatch(head)
        assert step is not None, path
        value = getattr(value, step.group(1))
        if step.group(2) is not None:
            value = value[int(step.group(2))]
    step = _PATH_STEP.fullmatch(last)
    assert step is not None, path
    return attrs.fields_dict(type(value))[step.group(1)]


def editable_fields(plan: plancore.Plan) -> list[tuple[str, Any]]:
    """(path, value) of every field of ``plan`` an author edits by hand: its filled text and check
    marks (not its verbatim sections, headings, labels or keys), and the check marks of its tasks."""
    found = [
        (path, value)
        for path, value in leaves(attrs.evolve(plan, source=None))
        if not path.startswith(("extra_sections", "headings", "labels"))
        and not _attribute_at(plan, path).metadata.get("key")
    ]
    held = {path for path, _ in found}
    for i, phase in enumerate(plan.phases):
        groups = [(f"phases[{i}].tasks", phase.tasks)]
        groups += [(f"phases[{i}].steps[{k}].tasks", step.tasks) for k, step in enumerate(phase.steps)]
        for prefix, tasks in groups:
            for j, task in enumerate(tasks):
                path = f"{prefix}[{j}].done"
                if task.text and path not in held:
                    found.append((path, False))
    return found


@st.composite
def single_field_edits(draw: st.DrawFn, plan: plancore.Plan) -> tuple[plancore.Plan, str, Any]:
    """One field of ``plan`` edited as a person would: a check mark flipped, or a word appended to a
    text. Returns (the edited plan, the field's path, its value before the edit)."""
    choices = editable_fields(plan)
    assume(choices)
    path, value = draw(st.sampled_from(choices))
    new = (not value) if isinstance(value, bool) else value + EDIT_MARK
    return with_value(plan, path, new), path, value


# Titles an author may give a section, some of them Markdown-like of their own.
author_titles = st.sampled_from(
    ["Overview", "", "#hash", "ends in #", "ends in ##", "  padded  ", "Überblick 概要", "a\\", "`x` *y*", "---"]
)
# A section's title: one of the above, or a heading of some format's blank template (one that a reader keys).
section_titles = st.one_of(
    author_titles,
    st.sampled_from(
        sorted(
            {
                line.lstrip("#").strip()
                for name in plancore.formats()
                for line in plancore.emit(plancore.Plan(), name).splitlines()
                if line.startswith("#")
            }
        )
    ),
)
# Which headings of a text to retitle (by index, modulo their count) and with what.
retitlings = st.lists(st.tuples(st.integers(min_value=0, max_value=40), author_titles), min_size=1, max_size=3)


# --- Tasks (issue 13): any mix of marks, IDs, markers, references and nesting. ---

task_ids = st.one_of(
    st.just(""),
    st.integers(1, 999).map(lambda n: f"T{n:03}"),
    st.tuples(st.integers(1, 9), st.integers(1, 9)).map(lambda pair: f"{pair[0]}.{pair[1]}"),
    st.integers(1, 99).map(lambda n: f"WP{n:02}"),
)
_TASK_MARKERS = st.lists(st.sampled_from(["[P]", "(P)", "[US1]", "[US2]", "[US12]"]), max_size=3, unique=True)
_TASK_REFERENCES = st.sampled_from(
    ["", "in src/models/user.py", "(depends on T001, T002)", "(FR-003)", "(AC: 1)", "— depends on 1.2", "in `go.mod`"]
)
# The four states a mark gives, as the flags a task is built with.
task_states = st.sampled_from([{}, {"done": True}, {"in_progress": True}, {"skipped": True}])

task_texts = st.builds(
    lambda task_id, markers, words, reference: " ".join(part for part in (task_id, *markers, words, reference) if part),
    task_ids,
    _TASK_MARKERS,
    inline_text,
    _TASK_REFERENCES,
)
task_bodies = st.one_of(st.just(""), inline_text, st.just("_Requirements: 1.1, 2.3_"), st.just("_Depends: 1.2_"))


def _task(cls: type, **more: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.builds(
        lambda state, **fields: cls(**fields, **state),
        task_states,
        text=task_texts,
        optional=st.booleans(),
        body=task_bodies,
        **more,
    )


subtasks = _task(plancore.Subtask)
tasks = _task(plancore.Task, subtasks=st.lists(subtasks, max_size=2).map(tuple))


@st.composite
def task_plans(draw: st.DrawFn) -> plancore.Plan:
    """A plan of phases holding only tasks (any states, IDs, markers, sub-tasks)."""
    names = st.lists(_text_for("phases.name"), min_size=1, max_size=2)
    phases = tuple(
        plancore.Phase(name=name, tasks=tuple(draw(st.lists(tasks, min_size=1, max_size=4)))) for name in draw(names)
    )
    return plancore.Plan(metadata=plancore.Metadata(title=draw(inline_text)), phases=phases)


# --- Feature folders (issue 13): research.md decisions in Spec Kit's shape. ---

_words = st.lists(
    st.sampled_from(["cache", "Redis", "tokens", "use", "the", "queue", "v2", "`db.py`", "fast", "no"]),
    min_size=1,
    max_size=5,
).map(" ".join)
_bullets = st.lists(_words, min_size=1, max_size=3).map(lambda items: "\n".join(f"- {item}" for item in items))
research_decisions = st.lists(
    st.builds(
        plancore.Decision,
        title=_words,
        choice=_words,
        rationale=st.one_of(st.just(""), _words, _bullets),
        options=st.lists(st.builds(plancore.Option, name=_words, notes=st.one_of(st.just(""), _words)), max_size=3).map(
            tuple
        ),
    ),
    max_size=3,
).map(tuple)


# --- Kiro spec folders (issue 14): task lists and requirements as Kiro writes them. ---

_kiro_links = st.sampled_from(
    ["", "_Requirements: 1.1, 2.3_", "_Depends: 1.2_", "**Validates: Requirements 2.1**", "_Requirements: 1.1-1.4_"]
)
kiro_task_bodies = st.builds(
    lambda details, link: "\n".join(f"- {line}" for line in (*details, link) if line),
    st.lists(inline_text, max_size=2),
    _kiro_links,
)


# Kiro's marks: ``[ ]``, ``[x]`` and ``[-]`` for the task it runs; no mark for a dropped task.
kiro_task_states = st.sampled_from([{}, {"done": True}, {"in_progress": True}])


def _kiro_task(cls: type, text: st.SearchStrategy[str], **more: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.builds(
        lambda state, **fields: cls(**fields, **state),
        kiro_task_states,
        text=text,
        optional=st.booleans(),
        body=kiro_task_bodies,
        **more,
    )


@st.composite
def kiro_task_plans(draw: st.DrawFn) -> plancore.Plan:
    """A plan of one unnamed phase of Kiro tasks: ``N. Title`` (``(P)`` after the ID, cc-sdd's) with
    sub-tasks ``N.M Title``; any of Kiro's marks, optional or not, bodies of detail lines and links."""
    top = []
    for number in range(1, draw(st.integers(1, 4)) + 1):
        marker = draw(st.sampled_from(["", " (P)"]))
        subtasks = tuple(
            draw(_kiro_task(plancore.Subtask, inline_text.map(f"{number}.{sub} ".__add__)))
            for sub in range(1, draw(st.integers(0, 2)) + 1)
        )
        title = inline_text.map(f"{number}.{marker} ".__add__)
        top.append(draw(_kiro_task(plancore.Task, title, subtasks=st.just(subtasks))))
    return plancore.Plan(phases=(plancore.Phase(tasks=tuple(top)),))


_ears = st.builds(lambda event, response: f"WHEN {event} THEN the system SHALL {response}", inline_text, inline_text)
kiro_requirements = st.lists(
    st.tuples(st.one_of(st.just(""), inline_text), inline_text, st.lists(_ears, min_size=1, max_size=3)),
    min_size=1,
    max_size=3,
).map(
    lambda items: tuple(
        plancore.Requirement(
            id=str(number),
            title=title,
            user_story=story,
            criteria=tuple(plancore.Criterion(id=str(at), text=text) for at, text in enumerate(criteria, start=1)),
        )
        for number, (title, story, criteria) in enumerate(items, start=1)
    )
)
# --- OpenSpec (issue 14): task lists and requirement deltas as an OpenSpec change holds them. ---


@st.composite
def openspec_task_plans(draw: st.DrawFn) -> plancore.Plan:
    """Phases of tasks as an OpenSpec tasks.md holds them: ``1.1`` IDs or none, done or not, bodies,
    sub-tasks ``1.1.1`` (no started, dropped or optional marks: OpenSpec has ``[ ]`` and ``[x]`` only)."""
    phases = []
    for number, name in enumerate(draw(st.lists(_text_for("phases.name"), min_size=1, max_size=3)), start=1):
        numbered = draw(st.booleans())
        tasks = []
        for index in range(1, draw(st.integers(1, 4)) + 1):
            task_id = f"{number}.{index} " if numbered else ""
            subtasks = tuple(
                plancore.Subtask(
                    text=f"{task_id.strip()}.{sub} {draw(inline_text)}".lstrip("."), done=draw(st.booleans())
                )
                for sub in range(1, draw(st.integers(0, 2)) + 1)
            )
            tasks.append(
                plancore.Task(
                    text=task_id + draw(inline_text),
                    done=draw(st.booleans()),
                    body=draw(task_bodies),
                    subtasks=subtasks,
                )
            )
        phases.append(plancore.Phase(name=name, tasks=tuple(tasks)))
    return plancore.Plan(phases=tuple(phases))


_spec_words = st.lists(
    st.sampled_from(["search", "notes", "index", "tags", "the", "export", "`sync`", "offline", "cache", "über"]),
    min_size=1,
    max_size=4,
).map(" ".join)
_spec_titles = _spec_words.map(lambda words: words[0].upper() + words[1:])
_scenarios = st.builds(
    plancore.Criterion,
    title=_spec_titles,
    text=st.builds(
        lambda when, then: f"- **WHEN** {when}\n- **THEN** the system SHALL {then}", _spec_words, _spec_words
    ),
)
_requirements = st.builds(
    plancore.Requirement,
    id=st.sampled_from(["", "FR-001", "TKT-004", "US2", "REQ-PLM-001", "3.1"]),
    title=_spec_titles,
    text=_spec_words.map(lambda words: f"The system SHALL {words}."),
    criteria=st.lists(_scenarios, min_size=1, max_size=2).map(tuple),
    change=st.sampled_from(["added", "modified", "removed"]),
    notes=st.one_of(st.just(""), _spec_words.map(lambda words: f"**Reason**: {words}.")),
)
_renames = st.builds(
    lambda old, new, identifier: plancore.Requirement(id=identifier, title=new, renamed_from=old, change="renamed"),
    _spec_titles,
    _spec_titles,
    st.sampled_from(["", "FR-002"]),
)


@st.composite
def _capability_requirements(draw: st.DrawFn) -> tuple[plancore.Requirement, ...]:
    # Capabilities in the order their spec files are read (by path): no name the prefix of another.
    names = sorted(
        draw(st.lists(st.sampled_from(["search", "notes", "sync", "export"]), min_size=1, max_size=3, unique=True))
    )
    found: list[plancore.Requirement] = []
    for name in names:
        items = draw(st.lists(st.one_of(_requirements, _renames), min_size=1, max_size=4))
        found += [attrs.evolve(item, capability=name) for item in items]
    return tuple(found)


openspec_requirements = _capability_requirements()
# Which task of a change to tick: an index taken modulo the number of its tasks.
task_picks = st.integers(min_value=0, max_value=50)
# --- Spec Kit's spec.md (issue 14): user stories and functional requirements in its shape. ---

_spec_words = st.lists(
    st.sampled_from(["users", "add", "the", "list", "`todo.py`", "fast", "存储", "MUST", "a", "photo", "(P2)", "100%"]),
    min_size=1,
    max_size=6,
).map(" ".join)
# A paragraph of one or two lines, the second a continuation line as authors wrap them.
_spec_paragraph = st.lists(_spec_words, min_size=1, max_size=2).map("\n".join)


@st.composite
def spec_requirements(draw: st.DrawFn) -> tuple[plancore.Requirement, ...]:
    """Requirements as Spec Kit's spec.md holds them: user stories ``US1``... (title, priority, story,
    why, independent test, numbered acceptance scenarios; any of them left out), then functional
    requirements ``FR-001``... with their text."""
    stories = []
    for number in range(1, draw(st.integers(min_value=0, max_value=3)) + 1):
        scenarios = draw(st.lists(_spec_paragraph, max_size=3))
        stories.append(
            plancore.Requirement(
                id=f"US{number}",
                title=draw(_spec_words),
                priority=draw(st.sampled_from(["", "P1", "P2", "P3"])),
                user_story=draw(st.one_of(st.just(""), _spec_paragraph)),
                rationale=draw(st.one_of(st.just(""), _spec_paragraph)),
                independent_test=draw(st.one_of(st.just(""), _spec_paragraph)),
                criteria=tuple(
                    plancore.Criterion(id=str(index), text=f"**Given** {text}, **When** x, **Then** y")
                    for index, text in enumerate(scenarios, 1)
                ),
            )
        )
    functional = [
        plancore.Requirement(id=f"FR-{number:03d}", text=text)
        for number, text in enumerate(draw(st.lists(_spec_paragraph, max_size=4)), 1)
    ]
    return (*stories, *functional)


spec_metrics = st.lists(_spec_words, max_size=3).map(
    lambda values: tuple(plancore.Labeled(label=f"SC-{n:03d}", value=value) for n, value in enumerate(values, 1))
)


_SPEC_LINES = [
    "# Feature Specification: T",
    "## User Scenarios & Testing",
    "### User Story 1 - Add (Priority: P1)",
    "### User Story 2",
    "**Why this priority**: a",
    "**Independent Test**: t",
    "**Acceptance Scenarios**:",
    "1. **Given** a, **When** b, **Then** c",
    "2. **Given** b",
    "   wrapped",
    "### Edge Cases",
    "## Requirements",
    "### Functional Requirements",
    "- **FR-001**: System MUST b",
    "- **FR-002**: c",
    "* **FR-003**: star",
    "#### Group",
    "### Key Entities",
    "## Success Criteria",
    "### Measurable Outcomes",
    "- **SC-001**: c",
    "## Assumptions",
    "---",
    "",
    "",
    "text",
    "  continuation",
    "<!-- c -->",
    "- plain item",
    "**Bold**:",
]


def _spec_text_fits(lines: list[str]) -> bool:
    """What the writer cannot move about and read back the same (README, "Limits"): a story heading outside
    the stories' section, one section heading twice, one item line twice (an edit's place is ambiguous)."""
    stories = [at for at, line in enumerate(lines) if line.startswith("### User Story")]
    if stories:
        if "## User Scenarios & Testing" not in lines:
            return False
        first = lines.index("## User Scenarios & Testing")
        later = [
            at for at, line in enumerate(lines) if line in ("## Requirements", "## Success Criteria", "## Assumptions")
        ]
        if min(stories) < first or any(at < first for at in later) or (later and max(stories) > min(later)):
            return False
    repeated = [line for line in lines if line.startswith(("#", "- **", "* **", "1.", "2.")) and lines.count(line) > 1]
    return not repeated


# A spec.md made of its own lines in any order (and others), for its round trip and edits.
spec_texts = st.lists(st.sampled_from(_SPEC_LINES), max_size=30).filter(_spec_text_fits).map("\n".join)


# --- Requirement IDs and task links across Kiro and Spec Kit (issue 14, the documented ID map). ---


@st.composite
def kiro_linked_plans(draw: st.DrawFn) -> plancore.Plan:
    """A Kiro plan: numbered requirements (``1``, ``2``...) and Kiro tasks whose bodies link to
    them (``_Requirements: 1.1, 2.3_``, ``**Validates: Requirements 2.1**``, ranges) or to none."""
    tasks = draw(kiro_task_plans())
    return attrs.evolve(tasks, requirements=draw(kiro_requirements))


_CLAUSE_WORDS = st.lists(
    st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=8).filter(
        lambda word: word.upper() not in {"GIVEN", "WHEN", "WHILE", "WHERE", "IF", "THEN", "AND"}
    ),
    min_size=1,
    max_size=5,
).map(" ".join)


@st.composite
def criterion_clauses(draw: st.DrawFn) -> list[tuple[str, str]]:
    """The clauses of an acceptance criterion, ``(KEYWORD, text)``: a condition (WHEN), an outcome (THEN,
    with SHALL), and optionally more outcomes (AND); plain lowercase words, none a keyword."""
    clauses = [("WHEN", draw(_CLAUSE_WORDS)), ("THEN", "the system SHALL " + draw(_CLAUSE_WORDS))]
    clauses += [("AND", draw(_CLAUSE_WORDS)) for _ in range(draw(st.integers(0, 2)))]
    return clauses


# --- Translated phase headings (issue 12): ``フェーズ1:``, ``Fase 1 -``, ``Aşama 1:``. ---

_PHASE_NAMES = st.lists(
    st.sampled_from(["基础", "核心", "基盤", "기반", "Base", "Núcleo", "Grundlagen", "Cœur", "Temel", "API", "v2"]),
    min_size=1,
    max_size=3,
).map(" ".join)


@st.composite
def phase_headings(draw: st.DrawFn) -> tuple[str, str, str]:
    """``(title, number, name)``: a phase heading's title in one of the languages the shared
    vocabulary knows (its word, a space or none, a number from 0, a colon of either width or a
    dash, the name), the number and name it gives."""
    from plancore._vocabulary import PHASE_WORDS

    word = draw(st.sampled_from(sorted({word for words in PHASE_WORDS.values() for word in words})))
    word = draw(st.sampled_from([word, word.capitalize()]))
    number = str(draw(st.integers(min_value=0, max_value=12)))
    space = draw(st.sampled_from(["", " "])) if not word.isascii() else " "
    mark = draw(st.sampled_from([": ", "：", " - ", " – ", " — ", " : "]))
    name = draw(_PHASE_NAMES)
    return f"{word}{space}{number}{mark}{name}", number, name


# --- Feature folders (issue 13): data-model.md entities and contracts/ endpoints. ---

_table = st.lists(
    st.tuples(st.sampled_from(["`id`", "`name`", "`done`", "`created_at`"]), st.sampled_from(["UUID", "String"])),
    min_size=1,
    max_size=3,
).map(lambda rows: "\n".join(["| Field | Type |", "|-------|------|", *(f"| {n} | {t} |" for n, t in rows)]))
_code = st.lists(st.sampled_from(["id UUID,", "CREATE TABLE t (", ");", "interface T {", "}"]), min_size=1, max_size=3)
_details = st.sampled_from(
    ["", "**Validation Rules**:\n- `name` MUST NOT be empty", "**State Transitions**:\n```\n[New] --> [Done]\n```"]
)
# An entity as the folder holds it: its one-paragraph parts (a blank line ends a labelled value).
folder_entities = st.lists(
    st.builds(
        plancore.Entity,
        name=_spec_titles,
        change_type=st.sampled_from(["", "New", "Modified"]),
        schema=st.one_of(st.just(""), _code.map("\n".join)),
        schema_language=st.sampled_from(["", "sql", "typescript"]),
        current_fields=st.one_of(st.just(""), _words, _bullets),
        new_fields=st.one_of(st.just(""), _words, _bullets),
        migration_notes=st.one_of(st.just(""), _words),
        description=st.one_of(st.just(""), _words),
        fields=st.one_of(st.just(""), _table),
        details=_details,
    ).filter(lambda entity: entity.schema or not entity.schema_language),
    max_size=3,
    # Two entities of one name are one block to maestro's reader; a folder keeps them, no other format.
    unique_by=lambda entity: entity.name,
).map(tuple)
folder_endpoints = st.lists(
    st.builds(
        plancore.Endpoint,
        method=st.sampled_from(["GET", "POST", "PUT", "query"]),
        path=st.sampled_from(["/todos", "/todos/{id}", "addCarPhoto"]),
        change_type=st.sampled_from(["", "New", "Modified"]),
        description=st.one_of(st.just(""), _words),
        auth=st.one_of(st.just(""), _words),
        input=st.one_of(st.just(""), _words, _bullets),
        output=st.one_of(st.just(""), _words, _bullets),
        errors=st.one_of(st.just(""), _bullets),
        breaking=st.sampled_from(["", "Yes", "No"]),
    ),
    max_size=3,
).map(tuple)
folder_examples = st.lists(
    st.builds(
        plancore.ApiExample,
        name=_words,
        request=_code.map("\n".join),
        response=st.one_of(st.just(""), _code.map("\n".join)),
        language=st.sampled_from(["", "json", "yaml"]),
    ),
    max_size=2,
).map(tuple)


@st.composite
def format_chains(draw: st.DrawFn, length: int = 3) -> tuple[str, ...]:
    """``length`` file format names, each other than the one before it: a chain of conversions."""
    names = sorted(plancore.formats())
    chain = [draw(st.sampled_from(names))]
    while len(chain) < length:
        chain.append(draw(st.sampled_from([name for name in names if name != chain[-1]])))
    return tuple(chain)


# Indices of a plan's value tokens (the appendix's ``Tokens``) to keep, some past the last.
token_picks = st.lists(st.integers(min_value=0, max_value=60), max_size=6)


_component_names = st.text(st.characters(categories=["Lu", "Ll"]), min_size=2, max_size=12)
_technologies = st.lists(
    st.sampled_from(["FastAPI", "PostgreSQL", "Redis", "Celery", "SMTP", "React", "S3 bucket", "gRPC"]),
    min_size=1,
    max_size=3,
    unique=True,
).map(" + ".join)


@st.composite
def technology_components(draw: st.DrawFn) -> plancore.Plan:
    """A plan of components, each named (names distinct), with a technology and maybe one line of notes."""
    names = draw(st.lists(_component_names, min_size=1, max_size=4, unique_by=str.casefold))
    components = tuple(
        plancore.Component(
            name=name,
            responsibility=draw(inline_text),
            technology=draw(_technologies),
            notes=draw(_maybe(inline_text, "")),
        )
        for name in names
    )
    return plancore.Plan(
        metadata=plancore.Metadata(title=draw(inline_text)),
        architecture=plancore.Architecture(components=components),
    )


# A SmartSpec phase's one line of activities: words, ``; `` between activities (as people and
# ``_phase_to_prose`` list them).
activity_lines = st.lists(
    st.lists(
        st.sampled_from(["Write", "the", "exporter", "add", "a", "button", "ship", "it", "v2"]), min_size=1, max_size=4
    ).map(" ".join),
    min_size=1,
    max_size=3,
).map("; ".join)


# How a translated label's colon may be written: (inside the bold, after it), the value's lead.
_LABEL_COLONS = (
    (":**", " "),
    ("**:", " "),
    ("\uff1a**", " "),
    ("**\uff1a", ""),
    ("**\uff1a", " "),
    (" :**", " "),
)


@st.composite
def translated_headers(draw: st.DrawFn, concepts: dict[str, str]) -> tuple[str, dict[str, str]]:
    """A header of bold label lines, one per field of ``concepts`` (metadata field -> ``LABELS``
    concept), each label a word of its concept in any language with its colon written any way a
    plan writes it, and its value: (the lines, field -> value)."""
    from plancore._vocabulary import LABELS

    lines = []
    values = {}
    for field, concept in concepts.items():
        words = [word for table in LABELS[concept].values() for word in table]
        word = draw(st.sampled_from(words))
        colon, lead = draw(st.sampled_from(_LABEL_COLONS))
        value = draw(st.from_regex(r"[A-Za-z][A-Za-z0-9\-]{0,7}", fullmatch=True))
        lines.append(f"**{word[:1].upper()}{word[1:]}{colon}{lead}{value}")
        values[field] = value
    return "\n".join(lines), values


@st.composite
def neighbouring_plans(draw: st.DrawFn) -> tuple[plancore.Plan, plancore.Plan]:
    """Two plans that differ in one field (a word appended, a check mark flipped): written in a format,
    texts sharing most of their start and end and most fields, as a process converting one plan after
    another, or a plan after its edit, reads them."""
    plan = draw(plans())
    edited, _, _ = draw(single_field_edits(plan))
    return plan, edited


# Technical Context labels as plans write them: the template's (in any case), translated, or the author's own.
_STACK_LABELS = (
    "Language/Version",
    "language/version",
    "Primary Dependencies",
    "STORAGE",
    "Testing",
    "Target Platform",
    "Project Type",
    "Performance Goals",
    "Constraints",
    "Scale/Scope",
    "语言/版本",
    "存储",
    "Api",
    "Ä",
    "ä",
)


def stack_label_lists() -> st.SearchStrategy[tuple[list[str], list[str]]]:
    """A plan's Technical Context labels and a template's (each a list of labels, repeats allowed)."""
    labels = st.sampled_from(_STACK_LABELS)
    return st.tuples(st.lists(labels, max_size=12), st.lists(labels, max_size=10))


def label_lines() -> st.SearchStrategy[str]:
    """A bold label line as plans write it: its colon ASCII or full-width, inside or outside the bold,
    set off by blanks or tabs, or none, and bits of such lines in any order."""
    bits = st.sampled_from(["**", "Label", "标签", ":", "\uff1a", " ", "\t", " :", "\t:", "value", "*"])
    return st.lists(bits, max_size=10).map("".join)


def section_keys() -> st.SearchStrategy[str]:
    """A section's key (its title folded) near the 2025 template's instruction sections: their titles,
    cut, run on, or among other words."""
    bits = st.sampled_from(
        ["execution flow", "phase 2 task planning approach", "phase 3+ future implementation", " ", "(main)", "x", ""]
    )
    return st.lists(bits, max_size=4).map("".join)


def heading_titles() -> st.SearchStrategy[str]:
    """A heading's title: a template's in translation (numbered, padded), an English or decorated one, or any text."""
    known = st.sampled_from(["项目结构", "5. 项目结构", "📋 Özet", "Project Structure", "Resumo", "", " 摘要 "])
    return known | st.text(max_size=12)


def appendix_word_cases() -> st.SearchStrategy[tuple[str, str, str, str]]:
    """An appendix body made of heading, label and other lines, and a title prefix, a label and a
    heading that may or may not show in it: (body, prefix, label, heading)."""
    words = st.sampled_from(["实现计划：", "分支", "摘要", "Summary", "", "#", " ", "\n", "\r"])
    pieces = st.sampled_from(
        ["\n", "#", "## ", "### ", "**", "：", " ", "x", "\r", "实现计划：", "分支", "摘要", "Summary"]
    )
    return st.tuples(st.lists(pieces, max_size=16).map("".join), words, words, words)


# --- Table cells: values of several lines, list-shaped, or holding a ``<br>`` of their own. ---

table_cell_text = st.one_of(
    inline_text,
    st.lists(inline_text, min_size=2, max_size=3).map("\n".join),
    st.lists(inline_text, min_size=1, max_size=3).map(lambda items: "\n".join(f"- {item}" for item in items)),
    st.tuples(inline_text, inline_text).map("<br>".join),
    st.tuples(inline_text, inline_text).map("\n\n".join),
)
# Per format, a plan whose one table's cells (but its row's key, one line) hold such values.
_ROW_KEY = inline_text
table_cell_plans: dict[str, st.SearchStrategy[plancore.Plan]] = {
    "maestro": st.builds(plancore.Decision, title=_ROW_KEY, choice=table_cell_text, rationale=table_cell_text).map(
        lambda decision: plancore.Plan(decisions=(decision,))
    ),
    "speckit": st.builds(plancore.Risk, risk=_ROW_KEY, impact=table_cell_text, mitigation=table_cell_text).map(
        lambda risk: plancore.Plan(risks=(risk,))
    ),
    "specpulse": st.builds(plancore.Dependency, name=_ROW_KEY, risk=table_cell_text, contingency=table_cell_text).map(
        lambda dependency: plancore.Plan(dependencies=(dependency,))
    ),
    "speckit-github": st.builds(
        plancore.ComplexityEntry, violation=_ROW_KEY, why_needed=table_cell_text, simpler_alternative=table_cell_text
    ).map(lambda entry: plancore.Plan(complexity=(entry,))),
    "smartspec": st.builds(
        plancore.Component, name=_ROW_KEY, responsibility=table_cell_text, notes=table_cell_text
    ).map(lambda component: plancore.Plan(architecture=plancore.Architecture(components=(component,)))),
}


# --- A folder as its author spaced it (issue: same format through the CLI for folder formats). ---

# What an author's folder holds that plancore does not write: runs of blank lines, no blank line under a
# heading, a missing or doubled end of line, CRLF line ends, a byte-order mark.
author_spacings = st.sampled_from(
    [
        lambda text: text,
        lambda text: text.replace("\n\n", "\n\n\n"),
        lambda text: _re.sub(r"^(#+ .*)\n\n", r"\1\n", text, flags=_re.MULTILINE),
        lambda text: text.rstrip("\n"),
        lambda text: text + "\n",
        lambda text: text.replace("\n", "\r\n"),
        lambda text: "\ufeff" + text,
    ]
)
# A file a folder carries unread (Kiro's spec.json, a notes file), its text anything printable.
carried_file_texts = st.text(
    st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\x00"), max_size=40
).map(lambda text: '{"feature": "' + text.replace("\\", "/").replace('"', "'") + '"}\n')


# --- Rows named as the template's sample rows beside the plan's own (trial finding T6). ---


@st.composite
def sample_named_timelines(draw: st.DrawFn) -> tuple[plancore.TimelineEntry, ...]:
    """aadt Timeline rows of names only, cells empty: each named as the template's sample row in its place
    (``Phase 1: Foundation``) or of the plan's own, at least one of them the plan's own."""
    samples = [row.phase for row in _get_format("aadt").template_plan.timeline]
    count = draw(st.integers(min_value=2, max_value=len(samples) + 1))
    own = draw(st.integers(min_value=0, max_value=count - 1))
    names = []
    for at in range(count):
        sample = samples[min(at, len(samples) - 1)]
        name = sample if at != own and draw(st.booleans()) else draw(inline_text)
        assume(at != own or name != sample)
        names.append(name)
    return tuple(plancore.TimelineEntry(phase=name) for name in names)


# --- Lines a splice matches (``_splice.matching_blocks``): repeated, blank and unique ones, edited. ---

_SPLICED_LINES = st.one_of(
    st.sampled_from(["", " ", "x", "y", "- [ ] t", "## H", "**Duration**: 2 days"]),
    st.integers(min_value=0, max_value=40).map(lambda n: f"unique {n}"),
)


@st.composite
def edited_line_lists(draw: st.DrawFn) -> tuple[list[str], list[str]]:
    """A text's lines and another text's: the first's with lines inserted, removed and replaced, its
    lines rewritten here and there (as an author's text departs from the writer's)."""
    first = draw(st.lists(_SPLICED_LINES, max_size=40))
    second = list(first)
    for kind, at, line in draw(
        st.lists(st.tuples(st.sampled_from("+-="), st.integers(min_value=0, max_value=40), _SPLICED_LINES), max_size=6)
    ):
        if kind == "+":
            second.insert(min(at, len(second)), line)
        elif second:
            if kind == "-":
                del second[at % len(second)]
            else:
                second[at % len(second)] = line
    if draw(st.booleans()):
        rewritten = draw(st.sets(st.integers(min_value=0, max_value=40)))
        first = [line + " (rewritten)" if at in rewritten else line for at, line in enumerate(first)]
    return first, second


# Texts of lines with every kind of line ending (``\n``, ``\r\n``, ``\r``) or none at the end.
line_ended_texts = st.lists(st.sampled_from(["a", "b", " ", "\n", "\r", "\r\n"]), max_size=24).map("".join)


@st.composite
def block_appending_edits(draw: st.DrawFn, plan: plancore.Plan) -> plancore.Plan:
    """``plan`` with a Markdown block (a heading, a list, a rule, code) appended to one of its text fields:
    often an edit no text of its format holds as made (``emit`` refuses it, or takes the writer's reading)."""
    choices = [(path, value) for path, value in editable_fields(plan) if isinstance(value, str)]
    assume(choices)
    path, value = draw(st.sampled_from(choices))
    block = draw(
        st.sampled_from(["## Injected heading\n\nMore.", "- a list item", "---\n\nafter a rule", "```\ncode\n```"])
    )
    return with_value(plan, path, f"{value}\n\n{block}")


# Lines of a plan's header under its title: the aadt template's metadata lines, an author's, those lines
# translated or laid out otherwise, and lines that make or end a block of another kind (a heading, a rule, a
# list, a quote, a fence, HTML, a table) or would underline a heading.
_HEADER_LINES = [
    "**Issue:** {{ISSUE_ID}}",
    "**Author:** {{AUTHOR}}",
    "**Created:** {{DATE}}",
    "**Spec:** [spec.md](spec.md)",
    "**Status:** Draft | In Progress | Completed",
    "**Issue:** 42",
    "**Author:** Ann",
    "**Created:** 2026-01-02",
    "**issue**: {{ISSUE_ID}}",
    "**Issue:**  {{ISSUE_ID}}",
    "**Author:** {{AUTHOR}} ",
    "**Autor:** {{AUTHOR}}",
    "**作者**: {{AUTHOR}}",
    "**Note:** {{AUTHOR}}",
    "**狀態**: 草稿",
    "- **Estimated Duration**: 7 days",
    "- **Issue:** {{ISSUE_ID}}",
    "> **Author:** {{AUTHOR}}",
    "    **Issue:** {{ISSUE_ID}}",
    "\t**Created:** {{DATE}}",
    "** **",
    "Words of the author.",
    "",
    "",
    "  ",
    "---",
    "===",
    "- - -",
    "> ---",
    "1. ===",
    "\x0c---",
    "**Created:** {{DATE}}\u2028===",
    "```",
    "~~~",
    "<!--",
    "-->",
    "<div>",
    "| a | b |",
    "|---|---|",
    "[a]: /x",
    "## Overview",
    "#tag",
    "Title",
]


@st.composite
def header_cuts(draw: st.DrawFn) -> tuple[str, str]:
    """An aadt plan's header (its title's heading over lines of ``_HEADER_LINES``) and that header less some of
    the lines under its title, most often the template's placeholder lines (as ``clear_placeholders`` cuts)."""
    # Half the headers of label lines and blank ones alone (most outputs'), where most cuts are told alike.
    pool = (
        _HEADER_LINES if draw(st.booleans()) else [line for line in _HEADER_LINES if line.startswith("**") or not line]
    )
    lines = draw(st.lists(st.sampled_from(pool), max_size=10))
    end = draw(st.sampled_from(["", "\n", "\n\n"]))
    placeholder = draw(st.booleans())
    cut = [
        at
        for at, line in enumerate(lines)
        if draw(st.booleans()) and (not placeholder or "{{" in line or not draw(st.booleans()))
    ]
    title = draw(st.sampled_from(["# Implementation Plan: Export", "# Export", "#  Plan: {{FEATURE_NAME}}"]))
    header = "\n".join([title, *lines]) + end
    return header, "\n".join([title, *(line for at, line in enumerate(lines) if at not in cut)]) + end


# Lines of a SpecPulse plan's header: comments under its title and bullets of its Specification Reference, the
# template's and an author's, repeated, in other layouts or of no field, and lines of other blocks.
_SPECPULSE_COMMENTS = [
    "<!-- FEATURE_DIR: {{feature_directory}} -->",
    "<!-- FEATURE_ID: {{feature_id}} -->",
    "<!-- PLAN_NUMBER: {{plan_number}} -->",
    "<!-- STATUS: pending -->",
    "<!-- CREATED: {{current_timestamp}} -->",
    "<!-- FEATURE_ID: 001-export -->",
    "<!-- PLAN_NUMBER: 2 -->",
    "<!-- PLAN_NUMBER: {{plan_number}} --> ",
    "<!-- OWNER: {{owner}} -->",
    "<!--FEATURE_DIR:{{feature_directory}}-->",
    "",
    "Words of the author.",
    "- a bullet",
]
_SPECPULSE_BULLETS = [
    "- **Spec ID**: SPEC-{{feature_id}}",
    "- **Spec Version**: 1.0",
    "- **Plan Version**: 1.0",
    "- **Generated**: {{current_date}}",
    "- **Spec ID**: SPEC-001",
    "- **spec id**: SPEC-{{feature_id}}",
    "-  **Spec ID**: 42",
    "* **Spec ID**: 42",
    "- **Spec ID**:SPEC-{{feature_id}}",
    "- **Generated**: 2026-01-02",
    "- **Estimated Duration**: 7 days",
    "  more of the bullet above",
    "",
    "---",
    "### Notes",
]


@st.composite
def specpulse_header_cuts(draw: st.DrawFn) -> tuple[str, str]:
    """A SpecPulse plan's header (its title's heading, comments, the Specification Reference's bullets) and that
    header less some of its lines, most often the template's placeholder lines (as ``clear_placeholders`` cuts)."""
    # Half the headers of the template's lines and an author's values alone (most outputs'), their placeholder
    # lines cut: most are told alike.
    tame = draw(st.booleans())
    comments = draw(st.lists(st.sampled_from(_SPECPULSE_COMMENTS[: 7 if tame else None]), max_size=7, unique=tame))
    bullets = draw(
        st.lists(
            st.sampled_from(_SPECPULSE_BULLETS[: 6 if tame else None]),
            min_size=3 if tame else 0,
            max_size=6,
            unique=tame,
        )
    )
    lines = ["", *comments, "", "## Specification Reference", *bullets, "", ""]
    placeholder = draw(st.booleans())
    cut = [
        at
        for at, line in enumerate(lines)
        if draw(st.booleans()) and ("{{" in line or (not tame and (not placeholder or not draw(st.booleans()))))
    ]
    title = "# Implementation Plan: Export"
    header = "\n".join([title, *lines])
    return header, "\n".join([title, *(line for at, line in enumerate(lines) if at not in cut)])


# --- Model instances of fields of any type (``plancore._model``'s checks): each field its default, a value of
# its type (of its exact class or a subclass), or of another type. ---
class _Text(str):
    """A ``str`` of a class of its own: of the type a text field holds, not of its exact class."""


def _model_classes() -> list[type]:
    from plancore import _model

    return [
        value
        for value in vars(_model).values()
        if isinstance(value, type) and attrs.has(value) and value.__module__ == _model.__name__
    ]


_OTHER_VALUES = ["", "x", _Text("x"), 0, 2, True, False, None, (), ("a",), (_Text("a"), 1), 1.5, b"x"]


def model_instance(cls: Any) -> Any:
    """An instance of model class ``cls``, its fields that have no default given empty values."""
    hints = typing.get_type_hints(cls)
    needed = [field.name for field in attrs.fields(cls) if field.init and field.default is attrs.NOTHING]
    return cls(**{name: _empty_of(hints[name]) for name in needed})


def _empty_of(hint: Any) -> Any:
    if hint is str:
        return ""
    if typing.get_origin(hint) is tuple:
        return ()
    if isinstance(hint, type) and attrs.has(hint):
        return model_instance(hint)
    return None


def _field_value(hint: Any) -> st.SearchStrategy[Any]:
    own: list[Any] = []
    origin = typing.get_origin(hint)
    if origin is tuple:
        item = typing.get_args(hint)[0]
        if isinstance(item, type) and attrs.has(item):
            own = [(model_instance(item),), (model_instance(item), model_instance(item)), (model_instance(item), "x")]
    elif isinstance(hint, type) and attrs.has(hint):
        own = [model_instance(hint)]
    elif origin is not None and type(None) in typing.get_args(hint):
        own = [model_instance(arg) for arg in typing.get_args(hint) if isinstance(arg, type) and attrs.has(arg)]
    return st.sampled_from(own + _OTHER_VALUES)


@st.composite
def unchecked_models(draw: st.DrawFn) -> tuple[type, dict[str, Any]]:
    """A model class and values for its fields that have no default and some others, of any type."""
    cls = draw(st.sampled_from(_model_classes()))
    hints = typing.get_type_hints(cls)
    fields = [field for field in attrs.fields(cls) if field.init]
    values = {field.name: _empty_of(hints[field.name]) for field in fields if field.default is attrs.NOTHING}
    chosen = draw(st.lists(st.sampled_from(fields), unique=True, max_size=4)) if fields else []
    return cls, values | {field.name: draw(_field_value(hints[field.name])) for field in chosen}
