"""The outline reads only a document's top-level blocks, and finds the same
sections as mistune's full block parse (lists and block quotes parsed to the
bottom), on every corpus plan and on Markdown-shaped text."""

from __future__ import annotations

import re

import pytest
from helpers import corpus_files
from hypothesis import given
from mistune.block_parser import BlockParser
from mistune.core import BlockState
from strategies import markdownish_text

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
