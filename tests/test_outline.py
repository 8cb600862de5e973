"""The outline reads only a document's top-level blocks, and finds the same
sections as mistune's full block parse (lists and block quotes parsed to the
bottom), on every corpus plan and on Markdown-shaped text."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from helpers import corpus_files
from hypothesis import given
from hypothesis import strategies as st
from mistune.block_parser import BlockParser
from mistune.core import BlockState
from mistune.list_parser import (
    _compile_continue_width,
    _create_list_marker,
    _expand_leading_tabs,
    _get_list_bullet,
    _has_continuation_indent,
    _match_list_item_break,
)
from strategies import edited_texts, list_shaped_text, markdownish_text, outline_lines, outline_text

from plancore import _markdown
from plancore._markdown import outline


class _FullParser(_markdown._TopLevelBlockParser):
    """The outline's parser with mistune's own list parsing and nested parses."""

    def parse(self, state: BlockState, rules: list[str] | None = None) -> None:
        BlockParser.parse(self, state, rules)

    def parse_list(self, m: re.Match[str], state: BlockState) -> int:
        return BlockParser.parse_list(self, m, state)


def _sections(text: str, parser: BlockParser) -> list[tuple[int, str, int, int, int, int]]:
    original = _markdown._BLOCK_PARSER
    _markdown._BLOCK_PARSER = parser  # type: ignore[assignment]
    _markdown.forget()
    try:
        return [
            (node.level, node.title, node.line, node.start, node.body_start, node.end) for node in outline(text).walk()
        ]
    finally:
        _markdown._BLOCK_PARSER = original
        _markdown.forget()


def _same_sections(text: str) -> None:
    assert _sections(text, _markdown._BLOCK_PARSER) == _sections(text, _FullParser())


@pytest.mark.skipif(not corpus_files(), reason="../shared/corpus is absent")
@pytest.mark.parametrize("path", [path for _, path in corpus_files()], ids=lambda path: path.name)
def test_corpus_plans_have_the_sections_of_a_full_parse(path: object) -> None:
    text = path.read_text(encoding="utf-8").replace("\r\n", "\n")  # type: ignore[attr-defined]
    # As written, in block quotes, and with headings inside list items.
    for variant in (text, text.replace("\n- ", "\n> - "), text.replace("\n## ", "\n- a\n  ## ")):
        _same_sections(variant)


@given(markdownish_text)
def test_markdown_shaped_text_has_the_sections_of_a_full_parse(text: str) -> None:
    _same_sections(text)


class _PlainParser(_markdown._TopLevelBlockParser):
    """The outline's parser as it was before its loop told headings, paragraphs and blank lines by their first
    character: every block tried against the pattern of every rule (``_LineStarts`` without openings), and a
    list's items ended by mistune's helpers, a heading after them by ``parse_method``."""

    def compile_sc(self, rules: list[str] | None = None) -> Any:
        found = super().compile_sc(rules)
        return _markdown._LineStarts(found.pattern) if isinstance(found, _markdown._LineStarts) else found

    def parse(self, state: BlockState, rules: list[str] | None = None) -> None:
        if state.parent is not None:
            return
        if rules is None:
            rules = self.rules
        sc = self.compile_sc(rules)
        indent_code = "indent_code" in rules
        src = state.src
        match = sc.match
        blank_run = _markdown._BLANK_RUN.match
        while state.cursor < state.cursor_max:
            cursor = state.cursor
            if src[cursor] == "\n" and cursor:
                state.append_token({"type": "blank_line", "start": cursor})
                state.cursor = blank_run(src, cursor).end()  # type: ignore[union-attr]
                continue
            if indent_code and src[cursor] in " \t":
                end_pos = self._parse_indent_code_fast(state)
                if end_pos is not None:
                    state.cursor = end_pos
                    continue
            m = match(src, cursor)
            if not m:
                if self._parse_plain_paragraph(state, sc):
                    continue
                m = sc.search(src, cursor)
                if not m:
                    break
            start = m.start()
            if start > cursor:
                state.add_paragraph(src[cursor:start])
                state.cursor = start
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

    def parse_list(self, m: re.Match[str], state: BlockState) -> int:
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
            text, continue_width = _compile_continue_width(current.text, current.leading_width)
            item_re, break_sc = _markdown._list_patterns(bullet, current.leading_width)
            if text and not current.spaces and continue_width == current.leading_width + 1:
                # (It matches, if only an empty text.)
                run = _markdown._siblings(current.bullet, continue_width - 1).match(src, state.cursor, state.cursor_max)
                state.cursor = run.end() if run is not None else state.cursor
            end_pos, token_index, current = _item_end_as_it_was(self, item_re, break_sc, state, text, continue_width)
            if end_pos is not None and token_index is not None:
                state.tokens.insert(token_index, token)
                return end_pos
        state.append_token(token)
        return int(state.cursor)


def _item_end_as_it_was(
    block: BlockParser,
    item_re: re.Pattern[str],
    break_sc: re.Pattern[str],
    state: BlockState,
    text: str,
    continue_width: int,
) -> tuple[int | None, int | None, Any]:
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


_PLAIN = _PlainParser()


def _parsed(parser: BlockParser, text: str, start: int, stop: int) -> tuple[object, ...]:
    state = _markdown._OutlineState()
    state.process(text if text.endswith("\n") else text + "\n")
    state.cursor = start
    state.stop = stop
    parser.parse(state)
    return state.tokens, state.cursor, state.cursor_max, state.stopped


def _same_parse(text: str, start: int = 0, stop: int = -1) -> None:
    assert _parsed(_markdown._BLOCK_PARSER, text, start, stop) == _parsed(_PLAIN, text, start, stop)
    if start == 0 and stop < 0:
        assert _shape(_markdown._outline(text)) == _shape(_outline_as_it_was(text))


def _headings_as_they_were(tokens: list[dict[str, Any]], text: str, front: int) -> list[tuple[int, str, int, int]]:
    """``_markdown._headings`` as it was, each token's style asked as it was needed."""
    found = []
    for token in tokens:
        if token["type"] != "heading" or "start" not in token or token.get("style") not in ("atx", "setext"):
            continue
        start = token["start"]
        if token.get("style") == "setext" and start < front:
            continue
        if token.get("style") == "setext" and "body_start" in token:
            body_start = min(token["body_start"], len(text))
            title = " ".join(line.strip() for line in text[start:body_start].rstrip("\n").split("\n")[:-1])
        else:
            eol = text.find("\n", start)
            body_start = len(text) if eol < 0 else eol + 1
            if token["style"] == "atx":
                title = token["text"]
            else:
                line = text[start : body_start - 1 if eol >= 0 else len(text)]
                opening = _markdown._ATX_OPEN.match(line)
                title = _markdown._atx_text(line[opening.end() :]) if opening else token.get("text", "")
        found.append((token["attrs"]["level"], title, start, body_start))
    return found


def _outline_as_it_was(text: str) -> _markdown.Outline:
    tokens = _parsed(_PLAIN, text, 0, -1)[0]
    matter = _markdown._FRONT_MATTER.match(text)
    return _markdown._tree(text, _headings_as_they_were(tokens, text, matter.end() if matter else 0))  # type: ignore[arg-type]


def _shape(doc: _markdown.Outline) -> list[tuple[object, ...]]:
    return [(node.level, node.title, node.line, node.start, node.body_start, node.end) for node in doc.walk()]


@given(st.one_of(outline_text, markdownish_text, list_shaped_text), st.sampled_from(["", "---\na: b\n---\n", "---\n"]))
def test_blocks_told_by_their_first_character_are_those_every_rule_finds(text: str, matter: str) -> None:
    _same_parse(matter + text)


def test_each_line_after_each_line_is_parsed_as_every_rule_finds() -> None:
    for first in outline_lines:
        for second in outline_lines:
            _same_parse(f"{first}\n{second}\nText\n")
            _same_parse(f"Text\n{first}\n{second}\n\n# End")


@given(outline_text, st.data())
def test_a_part_parsed_up_to_a_heading_is_parsed_as_every_rule_finds(text: str, data: st.DataObject) -> None:
    # As ``_reparsed`` parses a part of a text: from a line's start, stopping at an ATX heading where there is one.
    lines = [0] + [match.end() for match in re.finditer("\n", text)]
    start = data.draw(st.sampled_from(lines))
    stop = data.draw(st.sampled_from([-1, *[line for line in lines if line >= start]]))
    _same_parse(text, start, stop)


@pytest.mark.skipif(not corpus_files(), reason="../shared/corpus is absent")
def test_corpus_plans_are_parsed_as_every_rule_finds() -> None:
    for _, path in corpus_files():
        text = path.read_text(encoding="utf-8").replace("\r\n", "\n")
        _same_parse(text)
        lines = [0] + [match.end() for match in re.finditer("\n", text)]
        headings = [node.start for node in outline(text).walk()]
        for start, stop in zip(lines[:: max(1, len(lines) // 8)], headings[1::2], strict=False):
            _same_parse(text, start, stop)


# Each character a line may open with: ASCII, Latin-1, the white space ``str.strip`` strips, every script's
# decimal digits (``\d`` matches them in a list item's number) and letters, symbols and emoji.
_FIRST_CHARACTERS = sorted(
    {chr(code) for code in range(0x250)}
    | {chr(code) for code in range(0x110000) if chr(code).isdecimal() or chr(code).isspace()}
    | set("中ǅ😀✅•→—")
)
_AFTER = ["", "\n", " ", "  x", "\t", "x", "##", " x\n", "- x", ". x", ") x", "``", "~~", "**", "--", "==", "__"]


def test_rules_tried_by_a_line_s_first_character_match_as_all_rules() -> None:
    full = _markdown._BLOCK_PARSER.compile_sc()
    for char in _FIRST_CHARACTERS:
        for after in _AFTER:
            for before in ("", "a\n", "a"):
                text = before + char + after
                _same_match(full, text, len(before))


@given(st.one_of(outline_text, markdownish_text), st.data())
def test_rules_tried_by_a_line_s_first_character_match_as_all_rules_anywhere(text: str, data: st.DataObject) -> None:
    _same_match(_markdown._BLOCK_PARSER.compile_sc(), text, data.draw(st.integers(0, len(text))))


def _same_match(lines: _markdown._LineStarts, text: str, position: int) -> None:
    assert lines.openings is not None
    for found, expected in (
        (lines.opened(text, position), lines.match(text, position)),
        (lines.find(text, position), lines.search(text, position)),
    ):
        assert (found is None) == (expected is None), (text, position)
        if found is not None and expected is not None:
            # (The pattern of the rules tried has the groups of those rules only: those of the rule matched.)
            assert (found.lastgroup, found.span(), _matched(found)) == (
                expected.lastgroup,
                expected.span(),
                _matched(expected),
            ), (text, position)


def _matched(match: re.Match[str]) -> dict[str, str]:
    return {name: value for name, value in match.groupdict().items() if value is not None}


def _walked_as_it_was(doc: _markdown.Outline) -> Iterator[_markdown.Node]:
    stack = list(reversed(doc.roots))
    while stack:
        node = stack.pop()
        yield node
        stack.extend(reversed(node.children))


@given(edited_texts(), st.text(alphabet="ab #", max_size=4))
def test_a_walk_gives_each_node_before_its_children(texts: tuple[str, str], title: str) -> None:
    # Outlines parsed, derived from a kept one (``_reparsed``), moved (``retitled``) and cut (``outline_without``).
    text, edited = texts
    _markdown.forget()
    try:
        docs = [outline(text), outline(edited)]
        starts = [node.start for node in docs[0].walk()]
        docs.append(outline(_markdown.retitled(text, {starts[-1]: title})))
        docs.append(_markdown.outline_without(text + "\n\n---\n", len(text) + 2, len(text) + 6))
        for doc in docs:
            assert [id(node) for node in doc.walk()] == [id(node) for node in _walked_as_it_was(doc)]
    finally:
        _markdown.forget()


def test_an_item_continues_where_mistune_says() -> None:
    # Every first line of up to seven of blanks, tabs, other white space and a letter, after markers of each width.
    texts = [""]
    for _ in range(7):
        texts += [text + char for text in texts if len(text) == len(texts[-1]) for char in " \t\xa0a"]
    for text in texts:
        for leading_width in range(1, 6):
            expanded, width = _compile_continue_width(text, leading_width)
            assert _markdown._continue_width(text, leading_width) == (bool(expanded), width), (text, leading_width)
