"""Markdown structure: sections by heading (from mistune's block parser), and the
lists, labels, tables and fences inside them.

Everything here works on raw source slices, so what a reader takes from a
document is exactly what its author typed.
"""

from __future__ import annotations

import bisect
import functools
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, Generic, TypeVar

import attrs
from mistune.block_parser import BlockParser, _is_plain_paragraph_start
from mistune.core import BlockState
from mistune.helpers import LINK_LABEL
from mistune.list_parser import (
    _compile_continue_width,
    _compile_list_break_sc,
    _compile_list_item_pattern,
    _create_list_marker,
    _expand_leading_tabs,
    _get_list_bullet,
    _has_continuation_indent,
    _match_list_item_break,
)

__all__ = [
    "Item",
    "Node",
    "Outline",
    "Recent",
    "aligned_table",
    "cell",
    "code_fence",
    "compact_row",
    "dedent",
    "display_width",
    "fenced",
    "forget",
    "front_fenced",
    "label_value",
    "list_items",
    "normalize_title",
    "outline",
    "outline_like",
    "outline_without",
    "parsed_alone",
    "retitled",
    "strip_blank",
    "table_rows",
]


# mistune's patterns for thematic breaks and setext underlines repeat a group
# per character, so Python's regex engine keeps a backtracking frame for each:
# a long line of ``-`` or ``*`` costs far more than its length. These match the
# same lines with single-character repeats. (The group around the break keeps
# ``m.lastgroup`` the rule's name; the setext group still holds the last mark.)
_THEMATIC_BREAK = r"^ {0,3}(?:-(?:[ \t]*-){2}[- \t]*|_(?:[ \t]*_){2}[_ \t]*|\*(?:[ \t]*\*){2}[* \t]*)$"
_SETEXT_UNDERLINE = r"^ {0,3}[=-]*(?P<setext_1>[=-])[ \t]*$"


class _LineStarts:
    """A pattern of block rules that each match only at a line start (each opens with ``^``, the
    pattern multiline): its ``search`` tries it at each line start in turn, the same first match
    as the regex engine's search, which tries every rule at every character of a paragraph.

    Given ``openings`` (the pattern of the rules a line opening with each character may match,
    ``None`` where none does), ``opened`` and ``find`` are ``match`` and ``search`` trying only the
    rules a line's first character may open (the regex engine tries each rule of the whole pattern
    in turn, each costing about as much as the one that matches): the same rule matches the same
    text, its match holding only the groups of the rules tried."""

    def __init__(self, pattern: re.Pattern[str], openings: _Openings | None = None) -> None:
        self.pattern = pattern
        self.openings = openings
        self.match = pattern.match
        self.opened: Callable[[str, int], re.Match[str] | None] = pattern.match if openings is None else self._opened

    def _opened(self, text: str, position: int = 0) -> re.Match[str] | None:
        if position >= len(text):
            return None
        pattern = self.openings[text[position]]  # type: ignore[index]
        return None if pattern is None else pattern.match(text, position)

    def search(self, text: str, position: int = 0) -> re.Match[str] | None:
        match = self.match
        if position and text[position - 1] != "\n":
            position = text.find("\n", position) + 1
            if not position:
                return None
        while True:
            found = match(text, position)
            if found is not None:
                return found
            position = text.find("\n", position) + 1
            if not position:
                return None

    def find(self, text: str, position: int = 0) -> re.Match[str] | None:
        openings = self.openings
        if openings is None:
            return self.search(text, position)
        # (``search`` with ``opened``, without a call per line.)
        if position and text[position - 1] != "\n":
            position = text.find("\n", position) + 1
            if not position:
                return None
        while True:
            if position < len(text):
                pattern = openings[text[position]]
                if pattern is not None:
                    found = pattern.match(text, position)
                    if found is not None:
                        return found
            position = text.find("\n", position) + 1
            if not position:
                return None


# The characters a line each of mistune's block rules matches opens with (each may open with up to
# three blanks, ``indent_code`` with four or a tab): a decimal digit, as ``\d`` matches it, for a
# list's number.
_RULE_OPENINGS = {
    "fenced_code": " `~",
    "indent_code": " \t",
    "atx_heading": " #",
    "setex_heading": " =-",
    "thematic_break": " -_*",
    "block_quote": " >",
    "list": " *+-0123456789",
    "ref_link": " [",
    "raw_html": " <",
    "blank_line": " \t\v\f\n",
}


class _Openings(dict[str, "re.Pattern[str] | None"]):
    """The pattern of the rules a line opening with each character may match, in their order; ``None``
    for a character none opens (a letter, most punctuation), told the first time it is asked."""

    def __init__(self, parser: BlockParser, rules: list[str]) -> None:
        super().__init__()
        self._parser = parser
        self._rules = rules

    def __missing__(self, char: str) -> re.Pattern[str] | None:
        opened = [name for name in self._rules if char in _RULE_OPENINGS[name] or (name == "list" and char.isdecimal())]
        pattern = BlockParser.compile_sc(self._parser, opened) if opened else None
        # (A text of every character there is would keep as many.)
        if len(self) < 4096:
            self[char] = pattern
        return pattern


class _TopLevelBlockParser(BlockParser):
    """mistune's block parser, noting where each top-level block starts.

    It also reads long lines in time linear in their length (see
    ``_THEMATIC_BREAK``; mistune's trimming of a heading's closing ``#``s is
    quadratic in a run of blanks, and ``outline`` takes titles from the source).
    """

    def __init__(self) -> None:
        super().__init__()
        self.specification["thematic_break"] = _THEMATIC_BREAK
        self.specification["setex_heading"] = _SETEXT_UNDERLINE
        # The pattern of each list of rules (as mistune keys it), told once: each parse asks it.
        self._compiled: dict[str, re.Pattern[str] | _LineStarts] = {}

    def compile_sc(self, rules: list[str] | None = None) -> Any:
        key = "$" if rules is None else "|".join(rules)
        found = self._compiled.get(key)
        if found is None:
            pattern = super().compile_sc(rules)
            names = self.rules if rules is None else rules
            lines = all(self.specification[name].startswith(("^", "(^")) for name in names)
            known = all(name in _RULE_OPENINGS for name in names)
            openings = _Openings(self, list(names)) if known else None
            found = self._compiled[key] = _LineStarts(pattern, openings) if lines else pattern
        return found

    def parse(self, state: BlockState, rules: list[str] | None = None) -> None:
        # Where a list item or block quote ends is found on the lines of its
        # parent, before mistune parses its content as a document of its own;
        # the outline needs only the top-level blocks, so that content (most of
        # the cost in a plan of nested task lists) is not parsed.
        if state.parent is not None:
            return
        # mistune's loop (``BlockParser.parse``), its names looked up once. Indented code opens with a blank or
        # a tab: a block starting on any other character (most do) is told none without a copy of its line.
        if rules is None:
            rules = self.rules
        sc = self.compile_sc(rules)
        indent_code = "indent_code" in rules
        # The lines told here without the rules are those of mistune's own rules (``self.rules``).
        openings = sc.openings if rules is self.rules and isinstance(sc, _LineStarts) else None
        src = state.src
        match = sc.match
        blank_run = _BLANK_RUN.match
        while state.cursor < state.cursor_max:
            cursor = state.cursor
            char = src[cursor]
            if char == "\n" and cursor:
                # An empty line opens no block but blank lines (mistune's ``parse_blank_line``, which no rule before
                # it matches there): nearly half a plan's blocks, each told without trying every rule and a call.
                state.append_token({"type": "blank_line", "start": cursor})
                state.cursor = blank_run(src, cursor).end()  # type: ignore[union-attr]
                continue
            if char == "#" and openings is not None:
                # No rule before ``atx_heading`` matches a line opening with ``#``: most of a plan's headings,
                # each told without trying every rule.
                heading_end = _atx_heading(state, cursor)
                if heading_end is not None:
                    state.cursor = heading_end
                    continue
            elif char.isalpha() and openings is not None:
                # A line opening with a letter opens a paragraph (no rule matches a letter at a line's start):
                # mistune's ``_parse_plain_paragraph`` without trying every rule first.
                paragraph_end = _paragraph_end(src, cursor, state.cursor_max, openings)
                state.add_paragraph(src[cursor:paragraph_end])
                state.cursor = paragraph_end
                continue
            if indent_code and src[cursor] in " \t":
                end_pos = self._parse_indent_code_fast(state)
                if end_pos is not None:
                    state.cursor = end_pos
                    continue
            if openings is not None:
                rule = openings[char]
                m = None if rule is None else rule.match(src, cursor)
            else:
                m = match(src, cursor)
            if not m:
                if self._parse_plain_paragraph(state, sc):
                    continue
                if openings is not None:
                    # (No rule matches at the cursor: a search from it finds what one from the next line finds.)
                    next_line = src.find("\n", cursor) + 1
                    m = sc.find(src, next_line) if next_line else None
                else:
                    m = sc.find(src, cursor)
                if not m:
                    break
            start = m.start()
            if start > cursor:
                state.add_paragraph(src[cursor:start])
                state.cursor = start
                if openings is not None and src[start] == "\n" and not 0 <= getattr(state, "stop", -1) <= start:
                    # The blank lines after a paragraph (one of labels, say), told as the loop tells them.
                    continue
            end = self.parse_method(m, state)
            if end:
                state.cursor = end
            else:
                line_end = state.find_line_end()
                state.add_paragraph(state.get_text(line_end))
                state.cursor = line_end
        if state.cursor < state.cursor_max:
            state.add_paragraph(src[state.cursor :])
            state.cursor = state.cursor_max

    def _parse_plain_paragraph(self, state: BlockState, sc: Any) -> bool:
        # mistune's, its lines tried only against the rules their first characters may open.
        src, cursor = state.src, state.cursor
        if not (isinstance(sc, _LineStarts) and sc.openings is not None) or cursor >= state.cursor_max:
            return bool(super()._parse_plain_paragraph(state, sc))
        if not _is_plain_paragraph_start(src, cursor):
            return False
        end = _paragraph_end(src, cursor, state.cursor_max, sc.openings)
        state.add_paragraph(src[cursor:end])
        state.cursor = end
        return True

    def parse_list(self, m: re.Match[str], state: BlockState) -> int:
        """mistune's ``parse_list`` (``mistune/list_parser.py``), finding where
        the list ends as it does, less what only the items' content needs: the
        items' sources, and a compilation of the same patterns per item."""
        item = _create_list_marker(m, "list")
        # An empty item, or a numbered list not starting at 1, does not interrupt a paragraph.
        if not item.text.strip() or (item.ordered and int(item.marker[:-1]) != 1):
            end_pos: int | None = state.append_paragraph()
            if end_pos:
                return end_pos
        state.cursor = m.end() + 1
        bullet = _get_list_bullet(item.bullet)
        token: dict[str, Any] = {"type": "list", "children": []}
        src = state.src
        current: Any = item
        while current is not None:
            leading_width = len(current.spaces) + len(current.marker)
            text, continue_width = _continue_width(current.text, leading_width)
            item_re, break_sc = _list_patterns(bullet, leading_width)
            if text and not current.spaces and continue_width == leading_width + 1:
                # (It matches, if only an empty text.)
                run = _siblings(current.bullet, continue_width - 1).match(src, state.cursor, state.cursor_max)
                state.cursor = run.end() if run is not None else state.cursor
            end_pos, token_index, current = _item_end(self, item_re, break_sc, state, text, continue_width)
            if end_pos is not None and token_index is not None:
                state.tokens.insert(token_index, token)
                return end_pos
        state.append_token(token)
        return int(state.cursor)

    def parse_atx_heading(self, m: re.Match[str], state: BlockState) -> int:
        level = len(m.group("atx_1"))
        token = {"type": "heading", "text": _atx_text(m.group("atx_2")), "attrs": {"level": level}, "style": "atx"}
        state.append_token(token)
        return m.end() + 1

    def parse_setex_heading(self, m: re.Match[str], state: BlockState) -> int | None:
        # A setext heading is the paragraph before its underline made a
        # heading: its body starts after the underline, noted here.
        # (A paragraph's text is the source slice that ends where the underline starts.)
        last = state.last_token()
        cursor = state.cursor
        paragraph = last is not None and last["type"] == "paragraph" and state.parent is None
        end: int | None = super().parse_setex_heading(m, state)
        if end is not None and paragraph and last is not None and last["type"] == "heading":
            start = cursor - len(last["text"])
            if start >= 0 and state.src[start:cursor] == last["text"]:
                last["start"] = start
                last["body_start"] = end
        return end

    def parse_method(self, m: re.Match[str], state: BlockState) -> int | None:
        # The cursor, not m.start(): a block that interrupts a list is matched
        # against that one line, so m's offsets are the line's.
        before, start = len(state.tokens), state.cursor
        # (mistune's ``parse_method``, without a call of its own.)
        end: int | None = self._methods[m.lastgroup](m, state)  # type: ignore[index]
        if state.parent is None:
            for token in state.tokens[before:]:
                token.setdefault("start", start)
            if isinstance(state, _OutlineState) and 0 <= state.stop <= start and end:
                # A part's parse ends at the heading it was to stop at; found elsewhere, the part is parsed in vain.
                last = state.tokens[-1] if len(state.tokens) > before else None
                heading = last is not None and last["type"] == "heading" and last.get("style") == "atx"
                state.stopped = start == state.stop and heading
                state.cursor_max = end
        return end


def _atx_heading(state: BlockState, cursor: int) -> int | None:
    """For a line opening with ``#`` at ``cursor``: where it ends, when it is an ATX heading (six ``#``s at
    most, a blank or nothing after them), its token appended as ``parse_method`` appends the token of
    ``parse_atx_heading`` (and ends a part's parse at its stop); else ``None``. A regex and two calls less."""
    src = state.src
    eol = src.find("\n", cursor)
    eol = len(src) if eol < 0 else eol
    title = src[cursor:eol].lstrip("#")
    level = eol - cursor - len(title)
    if level > 6 or (title and title[0] not in " \t"):
        return None
    tokens = state.tokens
    # (``_OutlineState.append_token``.)
    if tokens and tokens[-1]["type"] == "paragraph":
        tokens[-1]["text"] = ""
    tokens.append(
        {"type": "heading", "text": _atx_text(title), "attrs": {"level": level}, "style": "atx", "start": cursor}
    )
    if isinstance(state, _OutlineState) and 0 <= state.stop <= cursor:
        state.stopped = cursor == state.stop
        state.cursor_max = eol + 1
    return eol + 1


def _continue_width(text: str, leading_width: int) -> tuple[bool, int]:
    """mistune's ``_compile_continue_width`` for a list item's first line: whether it holds text (the text it
    gives is not empty) and the width the item's lines continue at. A text holding no tab is not expanded,
    nor measured by a call per blank."""
    if "\t" in text:
        expanded, width = _compile_continue_width(text, leading_width)
        return bool(expanded), width
    if not text.strip():
        return False, leading_width + 1
    indent = len(text) - len(text.lstrip(" "))
    return True, leading_width + (1 if indent >= 5 else indent)


def _paragraph_end(src: str, start: int, cursor_max: int, openings: _Openings) -> int:
    """Where a paragraph whose first line starts at ``start`` ends (mistune's ``_parse_plain_paragraph``): at a
    line a rule matches or a blank line (as ``str.strip`` blanks), or the line reaching ``cursor_max``. A
    line opening with a letter is neither, told without a match."""
    position = src.find("\n", start) + 1 or len(src)
    while position < cursor_max:
        char = src[position]
        if char.isalpha():
            position = src.find("\n", position) + 1 or len(src)
            continue
        rule = openings[char]
        if rule is not None and rule.match(src, position):
            break
        line_end = src.find("\n", position) + 1 or len(src)
        if not src[position:line_end].strip():
            break
        position = line_end
    return position


def _item_end(
    block: BlockParser,
    item_re: re.Pattern[str],
    break_sc: re.Pattern[str],
    state: BlockState,
    text: bool,
    continue_width: int,
) -> tuple[int | None, int | None, Any]:
    """mistune's ``_collect_list_item_lines`` (``mistune/list_parser.py``), moving
    ``state.cursor`` to where a list item ends as it does, less the item's source,
    which the outline does not parse: ``(end_pos, token_index, next_item)`` of the
    ``_ListItemLines`` it returns. Most lines start with neither blank nor tab, and
    are taken as such without a call per character."""
    # Whether the item's source would still be white space only (mistune's ``not src.strip()``).
    blank_source = True
    prev_blank_line = False
    src = state.src
    blank_line = block.BLANK_LINE.match
    while state.cursor < state.cursor_max:
        cursor = state.cursor
        eol = src.find("\n", cursor)
        next_pos = len(src) if eol < 0 else eol + 1
        raw_line = src[cursor:next_pos]
        if blank_line(raw_line):
            prev_blank_line = True
            state.cursor = next_pos
            continue
        indented = raw_line[:1] in (" ", "\t")
        if indented and _has_continuation_indent(raw_line, continue_width):
            if prev_blank_line and not text and blank_source:
                # Example 280: a list item can begin with at most one blank line.
                break
            blank_source = blank_source and not raw_line.strip()
            prev_blank_line = False
            state.cursor = next_pos
            continue
        if raw_line[:1] == "#" and src[cursor - 1 : cursor] == "\n":
            # (Of the rules ending an item, only ``atx_heading`` matches a line opening with ``#``, as no item does.)
            token_index = len(state.tokens)
            heading_end = _atx_heading(state, cursor)
            if heading_end is not None:
                return heading_end, token_index, None
        line = _expand_leading_tabs(raw_line) if indented else raw_line
        line_break = _match_list_item_break(item_re, break_sc, state, line)
        if line_break:
            kind, match = line_break
            if kind == "list_item":
                state.cursor = next_pos
                return None, None, _create_list_marker(match, "listitem")
            if kind == "list":
                break
            token_index = len(state.tokens)
            end_pos = block.parse_method(match, state)
            if end_pos:
                return end_pos, token_index, None
        if prev_blank_line:
            break
        blank_source = blank_source and not raw_line.strip()
        state.cursor = next_pos
    return None, None, None


_BLOCK_PARSER = _TopLevelBlockParser()
# A run of blank lines, as mistune's ``BLANK_LINE`` matches one at a line start.
_BLANK_RUN = re.compile(r"(?:[ \t\v\f]*\n)+")


class _OutlineState(BlockState):
    """mistune's block state, holding no paragraph's text once a block follows it.

    Only the last block may grow into a longer paragraph or a setext heading;
    the outline takes nothing from the text of one before it, which would hold
    a big plan's paragraphs twice while it is parsed.
    """

    # Where a parse of part of a text stops (``_reparsed``): at the ATX heading starting there (-1: none).
    stop = -1
    stopped = False

    def append_token(self, token: dict[str, Any]) -> None:
        tokens = self.tokens
        if tokens and tokens[-1]["type"] == "paragraph":
            tokens[-1]["text"] = ""
        tokens.append(token)


@functools.cache
def _list_patterns(bullet: str, leading_width: int) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A list item's patterns for the next item and for a block that ends it."""
    next_item = re.compile(_compile_list_item_pattern(bullet, leading_width))
    return next_item, _compile_list_break_sc(_BLOCK_PARSER, leading_width)


@functools.cache
def _siblings(bullet: str, width: int) -> re.Pattern[str]:
    """The lines ``_item_end`` goes over for an item opening its line with a marker ``width`` wide (a number and
    ``bullet`` after it, or ``bullet`` alone) whose lines continue one column past it: its continuation lines
    (indented by spaces that far), blank lines, and its siblings after it, each opening its line with such a
    marker and one blank before its text (so that its lines continue as far), and no break rule taking it before
    the item rule (a thematic break holds no character but the bullet and blanks). One regex over a list's items,
    most of a plan of task lists, for a call per item and per line; ``_item_end`` goes on from where it stops as
    for the item it started at, for each of them ends the same."""
    mark = re.escape(bullet)
    sibling = (rf"\d{{{width - 1}}}{mark}" if width > 1 else mark) + rf"[ ][^\s{mark}][^\n]*\n"
    continuation = rf" {{{width + 1}}}[ \t\v\f]*[^ \t\v\f\n][^\n]*\n"
    return re.compile(rf"(?:(?:[ \t\v\f]*\n)*(?:{continuation}|{sibling}))*")


@attrs.define(eq=False)
class Node:
    """A heading and everything under it, up to the next heading of its level or above.

    Made with its fields by position (in this order): a call by keywords costs twice as much, and a
    conversion makes thousands (each outline derived makes its nodes anew)."""

    text: str = attrs.field(repr=False)
    level: int
    title: str
    line: int
    start: int
    body_start: int
    end: int = 0
    children: list[Node] = attrs.field(factory=list)
    _key: str | None = attrs.field(default=None, init=False, repr=False)

    @property
    def body(self) -> str:
        """The text between the heading line and the first sub-heading."""
        stop = self.children[0].start if self.children else self.end
        return self.text[self.body_start : stop]

    @property
    def content(self) -> str:
        """The text after the heading line, sub-sections included."""
        return self.text[self.body_start : self.end]

    @property
    def raw(self) -> str:
        return self.text[self.start : self.end]

    @property
    def key(self) -> str:
        # Asked several times a heading by the readers' lookups: kept, since a plan of thousands of
        # headings outgrows ``normalize_title``'s cache and would work each one out again.
        if self._key is None:
            self._key = normalize_title(self.title)
        return self._key


@attrs.define(eq=False)
class Outline:
    text: str = attrs.field(repr=False)
    roots: list[Node]
    _line_starts: list[int] | None = attrs.field(default=None, init=False, repr=False)
    # Every node, in the order ``walk`` gives them: the order of the headings in the text, in which ``_tree``
    # makes them (a conversion walks its outlines thousands of times, most of them once or twice).
    _nodes: list[Node] | None = attrs.field(default=None, repr=False)

    @property
    def preamble(self) -> str:
        stop = self.roots[0].start if self.roots else len(self.text)
        return self.text[:stop]

    @property
    def line_starts(self) -> list[int]:
        """The offset of each line's start. Made when first asked (only ``line_of`` does): an outline is
        made of each text a conversion reads and derived of each it writes, most never asked."""
        if self._line_starts is None:
            self._line_starts = [0] + [match.end() for match in re.finditer("\n", self.text)]
        return self._line_starts

    def line_of(self, offset: int) -> int:
        return bisect.bisect_right(self.line_starts, offset)

    def walk(self) -> Iterable[Node]:
        """Every node, depth first: each node before its children."""
        if self._nodes is None:
            self._nodes = []
            stack = list(reversed(self.roots))
            while stack:
                node = stack.pop()
                self._nodes.append(node)
                stack.extend(reversed(node.children))
        return iter(self._nodes)


_ATX_OPEN = re.compile(r" {0,3}#{1,6}")
_FRONT_MATTER = re.compile(r"---[ \t]*\n(?:[^\n]*\n)*?(?:---|\.\.\.)[ \t]*(?:\n|$)")


def _atx_text(text: str) -> str:
    """An ATX heading's title from the text after its opening ``#``s: without
    surrounding blanks or a closing run of ``#``s after a blank (a title of
    only ``#``s is kept). String operations, linear in the line, where a
    regular expression backtracks over every run of blanks."""
    text = text.strip(" \t")
    bare = text.rstrip("#")
    if bare != text and bare and bare[-1] in " \t":
        text = bare.rstrip(" \t")
    return text


def outline(text: str) -> Outline:
    """Split ``text`` (``\\n`` line ends) into a tree of sections by heading
    (ATX ``## Title`` or setext, a title underlined with ``---`` or ``===``).

    mistune decides what is a heading, so ``#`` lines inside code fences, HTML
    blocks and lists are not. The result is shared by the calls with the same
    text (detection, a reader, a report read one text's outline in turn), so it
    must not be changed.
    """
    found = _KEPT.get(text)
    if found is None:
        found = _KEPT.put(text, (len(text) >= _SHORT and _derived(text)) or _outline(text))
    return found


def outline_like(text: str, doc: Outline, before: int, after: int) -> Outline:
    """``outline(text)`` of a ``text`` that starts with ``before`` characters of ``doc``'s text and ends
    with its last ``after`` (a blank template with one section replaced): derived from ``doc``, which the
    caller keeps (``outline``'s derivation finds only the last texts' outlines), parsing only between."""
    found = _KEPT.get(text)
    if found is None:
        found = _KEPT.put(
            text, _reparsed(doc, text, before, after) or (len(text) >= _SHORT and _derived(text)) or _outline(text)
        )
    return found


_V = TypeVar("_V")


class Recent(Generic[_V]):
    """What was derived from the last few texts (an outline, a plan read), the
    last used last. A conversion reads its input and its output a few times
    each; a few texts are enough, and memory stays flat over a folder of plans.
    Texts of more than ``budget`` characters in all are not kept, but for the
    last big one: what is derived from a text is a few times its size, so a big
    plan's conversion would hold every text it wrote and read back to its end (a
    text not kept is derived again where it is needed again)."""

    def __init__(self, size: int = 8, budget: int = 4_000_000) -> None:
        self._size = size
        self._budget = budget
        self._chars = 0
        self._values: dict[str, _V] = {}

    def get(self, text: str) -> _V | None:
        value = self._values.pop(text, None)
        if value is not None:
            self._values[text] = value
        return value

    def put(self, text: str, value: _V) -> _V:
        if text in self._values:
            self._chars -= len(text)
            del self._values[text]
        self._values[text] = value
        self._chars += len(text)
        # Only a big text makes room by the budget: the small ones read meanwhile (blank
        # templates, while a big plan is detected) leave the big plan's outline kept.
        big = self.big(text)
        while len(self._values) > 1 and (len(self._values) > self._size or (big and self._chars > self._budget)):
            oldest = next(iter(self._values))
            self._chars -= len(oldest)
            del self._values[oldest]
        return value

    def big(self, text: str) -> bool:
        """Whether ``text`` is too big to keep ``size`` of within the budget."""
        return len(text) * self._size > self._budget

    def __contains__(self, text: str) -> bool:
        return text in self._values

    def values(self) -> list[_V]:
        """What is kept, the last used last."""
        return list(self._values.values())

    def clear(self) -> None:
        self._values.clear()
        self._chars = 0


# The outlines of the last texts.
_KEPT: Recent[Outline] = Recent()


def forget() -> None:
    """Drop the outlines kept of the last texts."""
    _KEPT.clear()


def retitled(text: str, titles: dict[int, str]) -> str:
    """``text`` with the heading lines starting at the given offsets written with
    the new titles, at their levels (``"#" * level + " " + title``).

    When ``text``'s outline is kept, the new text's is derived from it, not
    parsed: an ATX heading line that stays one leaves every block as it was,
    only the offsets after it move. (Putting an author's heading back is
    checked by reading the text again: this spares that reading a parse.)
    """
    parts = []
    position = 0
    ends: list[int] = []
    shifts: list[int] = []
    for start, title in sorted(titles.items()):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        level = len(text[start:end]) - len(text[start:end].lstrip("#"))
        line = "#" * level + " " + title
        parts.append(text[position:start] + line)
        position = end
        ends.append(end)
        shifts.append((shifts[-1] if shifts else 0) + len(line) - (end - start))
    result = "".join(parts) + text[position:]
    doc = _KEPT.get(text)
    if doc is not None and result not in _KEPT:
        derived = _moved(doc, result, titles, ends, shifts)
        if derived is not None:
            _KEPT.put(result, derived)
    return result


def front_fenced(text: str) -> str:
    r"""``text`` written as a ```` ```yaml ```` fence when it is YAML front matter alone (``---`` lines
    around it), else as it is: below the top of a document, front matter after a paragraph reads as a
    rule and a heading underlined by its closing ``---``.

    >>> front_fenced('---\ndescription: "Tasks"\n---')
    '```yaml\ndescription: "Tasks"\n```'
    """
    matter = _FRONT_MATTER.fullmatch(text.strip("\n"))
    if matter is None:
        return text
    inner = matter.group(0).split("\n")[1:-1]
    return "\n".join(["```yaml", *inner, "```"])


def outline_without(text: str, start: int, end: int) -> Outline:
    """The outline of ``text`` less ``text[start:end]``.

    When what is cut opens with a thematic break standing after a blank line
    and is either that break and the blank lines after it, right before a
    heading of ``text`` (a reader's layout rule, such as aadt's before its
    progress log), or the whole rest of ``text``, holding no heading (a footer,
    such as SmartSpec's), the outline is derived from ``text``'s, not parsed:
    the blank line ends every block before the break, so those blocks read
    the same without what follows, and only the offsets after it move.
    Otherwise (or for a big text) it is parsed.
    """
    cut = text[:start] + text[end:]
    found = _KEPT.get(cut)
    if found is not None:
        return found
    matter = _FRONT_MATTER.match(text)
    if (
        # A big text's cut is parsed: derived, the outlines of both texts would be held at once.
        not _KEPT.big(text)
        and start >= 2
        and text.startswith("\n\n", start - 2)
        and end > start
        # Front matter closed by the break would no longer be closed without it.
        and (matter is None or matter.end() <= start)
        and _THEMATIC_LINE.match(text, start) is not None
    ):
        doc = outline(text)
        starts = {node.start for node in doc.walk()}
        if end == len(text):
            derives = not any(at >= start for at in starts)
        else:
            derives = text[end - 1] == "\n" and end in starts and _THEMATIC.fullmatch(text, start, end) is not None
        if derives:
            removed = end - start
            lines = text.count("\n", start, end)

            def moved(offset: int) -> int:
                return offset - removed if offset >= end else offset

            def copy(node: Node) -> Node:
                return Node(
                    cut,
                    node.level,
                    node.title,
                    node.line - lines if node.start >= end else node.line,
                    moved(node.start),
                    moved(node.body_start),
                    moved(node.end),
                    [copy(child) for child in node.children],
                )

            return _KEPT.put(cut, Outline(text=cut, roots=[copy(root) for root in doc.roots]))
    return outline(cut)


_THEMATIC = re.compile(_THEMATIC_BREAK + r"\n(?:[ \t]*\n)*", re.MULTILINE)
_THEMATIC_LINE = re.compile(_THEMATIC_BREAK + r"(?:\n|\Z)", re.MULTILINE)


def _moved(doc: Outline, text: str, titles: dict[int, str], ends: list[int], shifts: list[int]) -> Outline | None:
    """``doc``'s outline moved onto ``text``: ``doc``'s text with the heading lines at
    the offsets of ``titles`` retitled (an offset at or past the old end ``ends[i]``
    of the i-th of them moves by ``shifts[i]``); ``None`` unless each is an ATX
    heading line (``#`` first, so it stays one) and its title one line."""
    old = doc.text
    nodes = {node.start: node for node in doc.walk()}
    for start, title in titles.items():
        node = nodes.get(start)
        eol = old.find("\n", start)
        line_end = len(old) if eol < 0 else eol
        if (
            node is None
            or "\n" in title
            or "\r" in title
            or not old.startswith("#", start)
            or len(old[start:line_end]) - len(old[start:line_end].lstrip("#")) != node.level
            or node.body_start != (len(old) if eol < 0 else eol + 1)
        ):
            return None

    def moved(offset: int) -> int:
        index = bisect.bisect_right(ends, offset) - 1
        return offset + (shifts[index] if index >= 0 else 0)

    def copy(node: Node) -> Node:
        start = moved(node.start)
        title = node.title
        if node.start in titles:
            eol = text.find("\n", start)
            line = text[start : len(text) if eol < 0 else eol]
            opening = _ATX_OPEN.match(line)
            title = _atx_text(line[opening.end() :]) if opening else title
        return Node(
            text,
            node.level,
            title,
            node.line,
            start,
            moved(node.body_start),
            moved(node.end),
            [copy(child) for child in node.children],
        )

    return Outline(text=text, roots=[copy(root) for root in doc.roots])


def _outline(text: str) -> Outline:
    state = _OutlineState()
    state.process(text if text.endswith("\n") else text + "\n")
    _BLOCK_PARSER.parse(state)
    matter = _FRONT_MATTER.match(text)
    return _tree(text, list(_headings(state.tokens, text, matter.end() if matter else 0)))


def _headings(tokens: list[dict[str, Any]], text: str, front: int) -> Iterator[tuple[int, str, int, int]]:
    """``(level, title, start, body_start)`` of each top-level heading among the parser's ``tokens`` of ``text``."""
    for token in tokens:
        if token["type"] != "heading":
            continue
        start = token.get("start")
        style = token.get("style")
        if start is None:
            continue
        if style == "atx":
            # The title ``parse_atx_heading`` took from this line (its text after the opening ``#``s): most headings.
            yield token["attrs"]["level"], token["text"], start, text.find("\n", start) + 1 or len(text)
            continue
        if style != "setext" or start < front:
            # (YAML front matter's closing ``---`` underlines no heading.)
            continue
        if "body_start" in token:
            # Its title is the paragraph it underlines, lines joined.
            body_start = min(token["body_start"], len(text))
            title = " ".join(line.strip() for line in text[start:body_start].rstrip("\n").split("\n")[:-1])
        else:
            eol = text.find("\n", start)
            body_start = len(text) if eol < 0 else eol + 1
            line = text[start : body_start - 1 if eol >= 0 else len(text)]
            opening = _ATX_OPEN.match(line)
            title = _atx_text(line[opening.end() :]) if opening else token.get("text", "")
        yield token["attrs"]["level"], title, start, body_start


def _tree(text: str, headings: Iterable[tuple[int, str, int, int]]) -> Outline:
    """The outline of ``text`` whose headings are ``(level, title, start, body_start)``, in order."""
    roots: list[Node] = []
    stack: list[Node] = []
    nodes: list[Node] = []
    # Line numbers counted on from the last heading's (headings come in order), not looked up in a list
    # of every line's start (``Outline.line_starts``).
    line, counted = 1, 0
    count = text.count
    for level, title, start, body_start in headings:
        if start < counted:
            line, counted = 1, 0
        line += count("\n", counted, start)
        counted = start
        node = Node(text, level, title, line, start, body_start, 0, [])
        while stack and stack[-1].level >= level:
            stack.pop().end = start
        (stack[-1].children if stack else roots).append(node)
        stack.append(node)
        nodes.append(node)
    for node in stack:
        node.end = len(text)
    # (Each node is the last child of one on the stack, so that in the order they are made each comes
    # after its parent and after the siblings before it with their children: the order ``walk`` gives.)
    return Outline(text, roots, nodes)


def _common_prefix(one: str, other: str) -> int:
    """The length of the longest text both start with."""
    return _longest(min(len(one), len(other)), lambda low, high: one[low:high] == other[low:high])


def _common_suffix(one: str, other: str, limit: int) -> int:
    """The length of the longest text (at most ``limit`` characters) both end with."""
    end, other_end = len(one), len(other)
    return _longest(limit, lambda low, high: one[end - high : end - low] == other[other_end - high : other_end - low])


# The first step of ``_longest``: the length it compares first.
_STEP = 64


def _longest(limit: int, same: Callable[[int, int], bool]) -> int:
    """The greatest length up to ``limit`` whose every step ``same(low, high)`` holds: steps compared in
    growing sizes, then halved (C speed, no loop per character; texts that soon differ are not copied
    whole). ``same(low, high)``: the parts from ``low`` to ``high`` are equal."""
    low, step = 0, _STEP
    while low < limit:
        high = min(limit, low + step)
        if not same(low, high):
            break
        low, step = high, step * 2
    else:
        return limit
    # Equal up to low, different between low and high.
    while high - low > 1:
        middle = (low + high) // 2
        if same(low, middle):
            low = middle
        else:
            high = middle
    return low


# A line that may open a block whose parse reads on past a heading after it, into text that may
# differ: a link reference definition (its label up to 999 characters, over line ends) and an
# HTML tag (its attributes' quoted values, over any lines). (mistune 3's ``ref_link`` and ``raw_html``.)
_LINK_DEFINITION_LINE = re.compile(r"^ {0,3}\[", re.MULTILINE)
_HTML_TAG_LINE = re.compile(r"^ {0,3}</?[A-Za-z]", re.MULTILINE)
# How far before a heading a link reference definition's line may start and still reach past it with its
# label (blank lines and all): three blanks, the ``[``, 999 units of a label (an escape, ``\\]``, two
# characters of one: mistune 3's ``LINK_LABEL``) and one more. (Its title does not reach past the blank
# line a heading parsed again from stands after.)
_LABEL_REACH = 3 + 1 + 2 * 999 + 1


def _line_opening(
    pattern: re.Pattern[str], mark: str, text: str, start: int = 0, end: int | None = None
) -> re.Match[str] | None:
    """``pattern.search(text, start, end)`` for a line opening (``_LINK_DEFINITION_LINE``, ``_HTML_TAG_LINE``:
    ``mark`` after at most three blanks at a line's start), tried only at the lines where ``mark`` stands so,
    found by ``str.find``: the regex engine tries ``^`` at every character of the text."""
    stop = len(text) if end is None else end
    position = start
    while True:
        found = text.find(mark, position, stop)
        if found < 0:
            return None
        line = text.rfind("\n", 0, found) + 1
        if line >= start and found - line <= 3:
            match = pattern.match(text, line, stop)
            if match is not None:
                return match
        # No later mark on this line opens it: on to the next (a line of marks is not walked back
        # from each of them, which made a long line of ``<`` quadratic).
        position = text.find("\n", found, stop) + 1
        if not position:
            return None


# A text shorter than this is parsed in less time than a kept text like it is found (a conversion's checks
# read several, each of one section or two): ``outline`` tries no derivation (``_derived``) of it.
_SHORT = 512


def _derived(text: str) -> Outline | None:
    """``text``'s outline derived from that of a kept text it shares most of its start and end with
    (a conversion's output with its appendix, or with placeholder lines cut), parsing only the part
    between; ``None`` when no kept text shares enough of it."""
    best: tuple[int, Outline, int, int] | None = None
    # Below, a kept text shares too little when it shares less than a quarter of ``text``; one whose first
    # and whose last ``_STEP`` characters differ from ``text``'s shares less than twice that, told without
    # finding how much (most kept texts, for a text read the first time).
    by_ends = len(text) // 4 >= 2 * _STEP
    for doc in _KEPT.values():
        old = doc.text
        if not len(text) // 2 <= len(old) <= 2 * len(text):
            continue
        # (Nor can a text shorter than the most shared so far share more.)
        if best is not None and min(len(old), len(text)) <= best[0]:
            continue
        if by_ends and old[:_STEP] != text[:_STEP] and old[-_STEP:] != text[-_STEP:]:
            continue
        before = _common_prefix(old, text)
        after = _common_suffix(old, text, min(len(old), len(text)) - before)
        if best is None or before + after > best[0]:
            best = (before + after, doc, before, after)
    # A quarter shared is worth trying: a text cut in two places far apart (samples cut from an output) shares
    # less than half with the text it was cut from, and ``_reparsed`` refuses what would parse most of it.
    if best is None or best[0] < len(text) // 4:
        return None
    return _reparsed(best[1], text, best[2], best[3])


def parsed_alone(text: str, end: int) -> bool:
    """Whether mistune's block parse of ``text[:end]`` is that of ``text`` up to ``end``, as far as the
    text shows (``False`` when it cannot tell): ``end`` starts an ATX heading line after a blank line,
    which ends every block before it, and no block that reads on past line ends whatever comes
    between (a link reference definition within ``_LABEL_REACH`` of it, an HTML tag: ``_reparsed``)
    opens before it, but in fenced code blocks (``_fenced_only``). (An HTML comment or a fence open at
    ``end`` would make its ``#`` line no heading: ``end`` is one of ``outline(text)``'s headings.)

    >>> parsed_alone("# T\\n\\n**A:** b\\n\\n## Next\\n", 15), parsed_alone("# T\\n\\n[a]: /x\\n\\n## Next\\n", 14)
    (True, False)
    """
    if not 2 <= end < len(text) or not text.startswith("\n\n", end - 2) or _ATX_OPEN.match(text, end) is None:
        return False
    if (
        _line_opening(_LINK_DEFINITION_LINE, "[", text, max(0, end - _LABEL_REACH), end) is None
        and _line_opening(_HTML_TAG_LINE, "<", text, 0, end) is None
    ):
        return True
    return _fenced_only(text, end)


# A line that opens a block of any HTML (a comment, say), at most three blanks in; a link reference definition
# (mistune 3's ``ref_link``); a line that opens a fenced code block, its fence indented (0: it is not).
_HTML_LINE = re.compile(r"^ {0,3}<", re.MULTILINE)
_LINK_DEFINITION = re.compile(r" {0,3}\[" + LINK_LABEL + r"\]:")
_FENCE_LINE = re.compile(r"^( {0,3})(`{3,}|~{3,})[ \t]*(.*?)$", re.MULTILINE)


def _fenced_only(text: str, end: int) -> bool:
    """Whether every line before ``end`` that opens a link reference definition or an HTML block, but for
    a comment, is in a fenced code block (code, which mistune reads as no block): ``parsed_alone`` of a text
    whose output shows HTML or links in code samples. ``False`` when it cannot tell.

    Fences and comments are told as mistune tells them (``parse_fenced_code``, ``parse_raw_html``), and only
    at a line's first column, where no block before holds them: a list item, a block quote, a paragraph and
    indented code each end at such a line (a fence or an HTML block breaks them), and the blocks that would
    hold it to their end (HTML, a link reference definition's title, a fence indented into a list item) open
    with the lines refused here before it. So each is mistune's, found from the start, each closed by its
    first closing after it, and one not closed before ``end`` is refused."""
    position = 0
    while True:
        fence = _fence_opening(text, position, end)
        stop = end if fence is None else fence.start()
        html = _line_opening(_HTML_LINE, "<", text, position, stop)
        if _link_definition(text, position, stop if html is None else html.start()):
            return False
        if html is not None:
            if not text.startswith("<!--", html.start()):
                return False
            # To the line of its first ``-->`` (mistune's ``_parse_html_to_end``).
            closing = text.find("-->", html.start() + 4, end)
            position = text.find("\n", closing, end) + 1 if closing >= 0 else 0
            if not position:
                return False
            continue
        if fence is None:
            return True
        if fence.group(1):
            return False
        marker, info = fence.group(2), fence.group(3)
        if marker[0] == "`" and "`" in info:
            # No fence (CommonMark's example 145): a paragraph's line, of neither block refused.
            position = fence.end() + 1
            continue
        closing_line = _fence_closing(marker[0], len(marker)).search(text, fence.end() + 1, end)
        if closing_line is None:
            return False
        position = closing_line.end()


def _link_definition(text: str, start: int, stop: int) -> bool:
    """Whether a line from ``start`` to ``stop`` opens a link reference definition (its label may end past
    ``stop``): a line of ``[`` that opens none (a template's ``[placeholder]``) is a paragraph's."""
    while True:
        line = _line_opening(_LINK_DEFINITION_LINE, "[", text, start, stop)
        if line is None:
            return False
        if _LINK_DEFINITION.match(text, line.start()) is not None:
            return True
        start = text.find("\n", line.start()) + 1
        if not start:
            return False


def _fence_opening(text: str, start: int, stop: int) -> re.Match[str] | None:
    """The first line from ``start`` to ``stop`` that opens a fenced code block, as ``_FENCE_LINE`` matches it."""
    backticks = _line_opening(_FENCE_LINE, "```", text, start, stop)
    tildes = _line_opening(_FENCE_LINE, "~~~", text, start, stop if backticks is None else backticks.start())
    return backticks if tildes is None else tildes


@functools.cache
def _fence_closing(mark: str, length: int) -> re.Pattern[str]:
    """The line that closes a fenced code block opened by ``length`` of ``mark`` (mistune's ``parse_fenced_code``)."""
    return re.compile(r"^ {0,3}" + re.escape(mark) + "{" + str(length) + r",}[ \t]*(?:\n|$)", re.MULTILINE)


def _reparsed(doc: Outline, text: str, before: int, after: int) -> Outline | None:
    """The outline of ``text``, which starts with ``before`` characters of ``doc``'s text and ends
    with its last ``after``: ``doc``'s headings where the texts are the same, those between parsed.

    mistune's block parser reads on from the end of a heading line as from the start of a document,
    and what it decides before a heading depends on no text after it unless a block that reads
    past line ends opens there (``_LINK_DEFINITION_LINE``, ``_HTML_TAG_LINE``; a paragraph, list,
    fence or quote ends at the heading). So the parse starts at the end of the last heading within
    the shared start (one after a blank line, with no such block open before it), in ``text``
    itself, and stops at the first ATX heading of the shared end, found where ``doc`` has it; from
    there on the headings are ``doc``'s, moved by the difference in length. ``None`` when the
    parse does not find that heading there, or would parse most of ``text`` anyway.
    """
    old = doc.text
    matter, old_matter = _FRONT_MATTER.match(text), _FRONT_MATTER.match(old)
    front = matter.end() if matter else 0
    if front != (old_matter.end() if old_matter else 0):
        return None
    nodes = list(doc.walk())
    html = _line_opening(_HTML_TAG_LINE, "<", old)
    open_html = html.start() if html else len(old)
    # Whether a heading after that HTML line may still be parsed from: asked once (``_fenced_only`` reads the
    # text from its start), of the last heading that would be, as ``parsed_alone`` asks it (HTML in code samples).
    fenced: bool | None = None
    start = 0
    kept = 0
    for index in range(len(nodes) - 1, -1, -1):
        node = nodes[index]
        if node.body_start > before or old[node.body_start - 1] != "\n" or (node.start > open_html and fenced is False):
            continue
        if node.start and not old.startswith("\n\n", node.start - 2) and node.start != 1:
            continue
        if node.start == 1 and old[0] != "\n":
            continue
        if _line_opening(_LINK_DEFINITION_LINE, "[", old, max(0, node.start - _LABEL_REACH), node.start):
            continue
        if node.start > open_html:
            if fenced is None:
                fenced = _fenced_only(old, node.start)
            if not fenced:
                continue
        start, kept = node.body_start, index + 1
        break
    shift = len(text) - len(old)
    stop_index = next(
        (
            index
            for index in range(kept, len(nodes))
            if nodes[index].start >= len(old) - after
            and _ATX_OPEN.match(old, nodes[index].start) is not None
            and old.find("\n", nodes[index].start) + 1 == nodes[index].body_start
        ),
        None,
    )
    stop = nodes[stop_index].start + shift if stop_index is not None else len(text)
    if stop - start > len(text) * 3 // 4:
        return None
    state = _OutlineState()
    state.process(text if text.endswith("\n") else text + "\n")
    state.cursor = start
    state.stop = stop if stop_index is not None else -1
    _BLOCK_PARSER.parse(state)
    if stop_index is not None and not state.stopped:
        return None
    between = [heading for heading in _headings(state.tokens, text, front) if heading[2] < stop]
    headings = [(node.level, node.title, node.start, node.body_start) for node in nodes[:kept]] + between
    if stop_index is not None:
        headings += [
            (node.level, node.title, node.start + shift, node.body_start + shift) for node in nodes[stop_index:]
        ]
    return _tree(text, headings)


_LEADING_MARKS = re.compile(r"^[^\w]+")
_NUMBERING = re.compile(r"^(?:\d+(?:\.\d+)*\.?|\d+\)|[IVX]+\.)\s+")
_NOT_WORD = re.compile(r"[^\w\s&/+-]+")
_SPACES = re.compile(r"\s+")


# Above the titles of a big plan (bench_scaling's edit-title-unknown-sections at 10x: 4,000 headings), whose
# outlines are derived anew, each node working its key out again: a cache of 4,096 was emptied by each reading.
@functools.lru_cache(maxsize=1 << 14)
def normalize_title(title: str) -> str:
    """A heading title reduced for lookup: no numbering, emoji, marks or case."""
    text = _NUMBERING.sub("", _LEADING_MARKS.sub("", title))
    text = _NOT_WORD.sub(" ", text)
    return _SPACES.sub(" ", text).strip().casefold()


def strip_blank(text: str) -> str:
    """``text`` without its leading blank lines and trailing white space."""
    # The first line that is not blank starts after the last line end before its first non-blank.
    start = len(text) - len(text.lstrip())
    return text[text.rfind("\n", 0, start) + 1 :].rstrip() if start < len(text) else ""


@attrs.frozen
class Item:
    """A list item: its marker, its first line, and the (dedented) lines under it."""

    marker: str
    text: str
    body: str
    line: int


_ITEM = re.compile(r"^([ \t]*)([-*+]|\d+[.)])(?:[ \t]+(.*)|[ \t]*)$")


def list_items(text: str) -> list[Item]:
    """The top-level items of the first list in ``text``."""
    lines = text.split("\n")
    items: list[Item] = []
    indent = -1
    body: list[str] = []
    current: tuple[str, str, int] | None = None

    def close() -> None:
        if current is not None:
            while body and not body[-1].strip():
                body.pop()
            items.append(Item(current[0], current[1], dedent(body), current[2]))

    for number, line in enumerate(lines):
        match = _ITEM.match(line)
        if match and (indent < 0 or len(match.group(1).expandtabs(4)) == indent):
            close()
            if indent < 0:
                indent = len(match.group(1).expandtabs(4))
            current = (match.group(2), match.group(3) or "", number)
            body = []
        elif current is None:
            continue
        elif not line.strip() or len(line) - len(line.lstrip()) > indent:
            body.append(line)
        else:
            break
    close()
    return items


def dedent(lines: Sequence[str]) -> str:
    """``lines`` joined, less the indent they all share."""
    cut = -1
    for line in lines:
        stripped = line.lstrip()
        if stripped:
            width = len(line) - len(stripped)
            if cut < 0 or width < cut:
                cut = width
                if not cut:
                    # No indent to cut (most bodies): the lines as they are.
                    break
    if cut <= 0:
        return "\n".join(lines)
    return "\n".join(line[cut:] for line in lines)


# A label may hold (and end with) a `*`: `**A***: b` is the label "A*".
# Its colon may be full-width (U+FF1A, as CJK plans write it), with no blank after it.
_LABEL = re.compile(
    r"^\*\*(?P<label>[^*\n][^\n]*?)(?P<inner>[:\uff1a]?)\*\*(?P<outer>[:\uff1a]?)"
    r"(?:(?:[ \t]+|(?<=\uff1a))(?P<value>.*)|[ \t]*)$",
    re.DOTALL,
)
_PLAIN_LABEL = re.compile(
    r"^(?P<label>[^:\uff1a*`\[\]]+?)[:\uff1a](?:(?:[ \t]+|(?<=\uff1a))(?P<value>.*)|[ \t]*)$", re.DOTALL
)


def label_value(text: str, *, plain: bool = False) -> tuple[str, str] | None:
    """``(label, value)`` for ``**Label:** value`` or ``**Label**: value``.

    With ``plain``, an unmarked ``Label: value`` counts too.
    """
    match = _LABEL.match(text)
    if match and (match.group("inner") or match.group("outer")):
        label = match.group("label").strip()
        # `**A:**: b`, as a `**Label**:` writer puts the label "A:".
        if match.group("inner") and match.group("outer"):
            label += ":"
        return label, (match.group("value") or "")
    if plain:
        match = _PLAIN_LABEL.match(text)
        if match:
            return match.group("label").strip(), (match.group("value") or "")
    return None


_SEPARATOR = re.compile(r"^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*$")
_UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")


def _cells(line: str) -> list[str]:
    row = line.strip()
    if row.startswith("|"):
        row = row[1:]
    if row.endswith("|") and not row.endswith("\\|"):
        row = row[:-1]
    return [_unbroken(part.strip().replace("\\|", "|")) for part in _UNESCAPED_PIPE.split(row)]


def table_rows(text: str) -> tuple[list[str], list[list[str]]] | None:
    """The header and body rows of the first pipe table in ``text``."""
    lines = text.split("\n")
    for number in range(len(lines) - 1):
        if "|" in lines[number] and _SEPARATOR.match(lines[number + 1]) and "-" in lines[number + 1]:
            rows = []
            for line in lines[number + 2 :]:
                if "|" not in line or not line.strip():
                    break
                rows.append(_cells(line))
            return _cells(lines[number]), rows
    return None


_FENCE = re.compile(r"^(?P<fence>`{3,}|~{3,})(?P<info>[^\n]*)\n(?P<content>.*?)\n?(?P=fence)[ \t]*$", re.DOTALL)


def fenced(text: str) -> tuple[str, str] | None:
    """``(info, content)`` when ``text`` is exactly one fenced code block."""
    match = _FENCE.match(text.strip())
    if match is None:
        return None
    return match.group("info").strip(), match.group("content")


def code_fence(code: str, info: str = "") -> str:
    """``code`` in a fenced code block with info string ``info``: the fence is longer than any run of
    backticks in the code, so that none closes it; ``code`` is kept exactly (a last line end gives a
    blank line before the closing fence)."""
    longest = max((len(run) for run in re.findall(r"`{3,}", code)), default=2)
    fence = "`" * (longest + 1)
    return f"{fence}{info}\n{code}\n{fence}"


# A cell is one line: a value's line break is written as GitHub's break in a cell, and a ``<br>`` of
# the value's own as the entity GitHub shows as ``<br>``; ``_cells`` reads both back.
_BREAK = "<br>"
_LITERAL_BREAK = "&lt;br>"


def _unbroken(text: str) -> str:
    """A cell's text as the value ``cell`` wrote it from."""
    if "<" not in text and "&" not in text:
        return text
    return text.replace(_BREAK, "\n").replace(_LITERAL_BREAK, _BREAK)


def cell(value: object) -> str:
    """A table cell's text (one line) for ``value``: its pipes escaped, its line breaks written as
    ``<br>``, a ``<br>`` of its own as ``&lt;br>``. Raises ``ValueError`` for a value holding
    ``&lt;br>`` as written, which no cell gives back as written."""
    text = str(value)
    if _LITERAL_BREAK in text:
        raise ValueError(f"a table cell cannot hold {_LITERAL_BREAK!r} as written: {text[:60]!r}")
    if "\n" in text or _BREAK in text:
        text = text.replace(_BREAK, _LITERAL_BREAK).replace("\n", _BREAK)
    # (Most cells hold no pipe: no substitution to scan them for one.)
    return _UNESCAPED_PIPE.sub("\\|", text) if "|" in text else text


def display_width(text: str) -> int:
    """The columns ``text`` takes in a terminal or a monospaced table."""
    if text.isascii():
        # No ASCII character combines or is wide: a column each.
        return len(text)
    width = 0
    for char in text:
        if unicodedata.combining(char) or char in "\u200d\ufe0f":
            continue
        width += 2 if unicodedata.east_asian_width(char) in "WF" else 1
    return width


def compact_row(cells: Iterable[Any]) -> str:
    return "| " + " | ".join(cell(value) for value in cells) + " |"


def aligned_table(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    """A pipe table with padded columns, as Prettier writes it (no final newline)."""
    body = [[cell(value) for value in row] for row in rows]
    grid = [list(header), *body]
    # Each cell measured once, for its column's width and for its padding.
    sizes = [[display_width(text) for text in row] for row in grid]
    widths = [max(3, *(row[i] for row in sizes)) for i in range(len(header))]

    def line(row: Sequence[str], size: Sequence[int]) -> str:
        return "| " + " | ".join(text + " " * (widths[i] - size[i]) for i, text in enumerate(row)) + " |"

    rule = "| " + " | ".join("-" * width for width in widths) + " |"
    return "\n".join(
        [line(grid[0], sizes[0]), rule, *(line(row, size) for row, size in zip(body, sizes[1:], strict=True))]
    )
