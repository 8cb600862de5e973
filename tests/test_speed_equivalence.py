"""What plancore does to be fast gives what it would give without: a retitled
text's outline derived from the old one is the outline a parse gives; values
derived from the formats and kept on disk are the values derived afresh; a
placeholder written with other layout still snaps to the placeholder; a
conversion's placeholder lines are cleared as the blank template, outlined
afresh for each text, says."""

from __future__ import annotations

import contextlib
import os
import pickle
import re
import subprocess
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import attrs
import pytest
from helpers import SHARED, corpus_files, examples
from hypothesis import example, given, settings
from hypothesis import strategies as st
from mistune.block_parser import BlockParser
from mistune.core import BlockState
from strategies import (
    appendix_word_cases,
    blank_edged_text,
    edited_texts,
    header_cuts,
    heading_titles,
    label_lines,
    list_shaped_text,
    markdownish_text,
    neighbouring_plans,
    opening_texts,
    plans,
    repeated_ruled_text,
    retitlings,
    ruled_text,
    section_keys,
    section_titles,
    specpulse_header_cuts,
    stack_label_lists,
    text_positions,
    token_picks,
)

import plancore
from plancore import _appendix, _convert, _crosswalk, _derived, _headings, _markdown, _reading
from plancore._convert import _places
from plancore._fields import _plain, _sample, blank, field_leaves, fill, leaves, named
from plancore._format import Format, _unfilled, forget_texts, own_headings
from plancore._formats import speckit_github
from plancore._model import Labeled, Section, content_fields, is_empty
from plancore._reading import WHITE_SPACE, snap, tidy
from plancore._registry import FORMATS, get_format
from plancore._vocabulary import heading_concepts, stack_key, translated_heading

TITLES = ["Overview", "", "#hash", "ends in #", "ends in ##", "  padded  ", "Überblick 概要", "a\\", "`x` *y*", "---"]

DOCUMENT = """\
---
title: front matter
---
# Plan: X

Intro.

## Summary
Text.

Setext title
------------

- item
  ## not a section (in a list)

```
## not a section (in code)
```

### Deep ###
#### Last"""


def _shape(doc: _markdown.Outline) -> list[tuple[object, ...]]:
    return [
        (node.level, node.title, node.line, node.start, node.body_start, node.end, len(node.children))
        for node in doc.walk()
    ] + [tuple(doc.line_starts)]


def _check_retitled(text: str, titles: dict[int, str]) -> bool:
    """Whether the outline kept for the retitled text is the one a parse gives
    (``True``), or none was derived (``False``)."""
    _markdown.forget()
    _markdown.outline(text)
    result = _markdown.retitled(text, titles)
    derived = _markdown._KEPT.get(result)
    _markdown.forget()
    if derived is None:
        return False
    assert _shape(derived) == _shape(_markdown.outline(result)), titles
    return True


@pytest.mark.parametrize("title", TITLES)
def test_a_retitled_outline_is_the_parsed_one(title: str) -> None:
    nodes = list(_markdown.outline(DOCUMENT).walk())
    assert [node.title for node in nodes] == ["Plan: X", "Summary", "Setext title", "Deep", "Last"]
    # Each heading alone, and all of them at once (the last line has no line end).
    for chosen in [[node] for node in nodes] + [nodes]:
        derived = _check_retitled(DOCUMENT, {node.start: title for node in chosen})
        # A setext heading written as a "#" line is another block: not derived, parsed.
        assert derived == all(DOCUMENT.startswith("#", node.start) for node in chosen)


@given(markdownish_text, retitlings)
def test_a_retitled_outline_of_markdown_shaped_text_is_the_parsed_one(text: str, picks: list[tuple[int, str]]) -> None:
    nodes = list(_markdown.outline(text).walk())
    if nodes:
        _check_retitled(text, {nodes[index % len(nodes)].start: title for index, title in picks})


@pytest.mark.skipif(not corpus_files(), reason="../shared/corpus is absent")
def test_retitled_corpus_outlines_are_the_parsed_ones() -> None:
    for _, path in corpus_files():
        text = path.read_text(encoding="utf-8").replace("\r\n", "\n")
        nodes = list(_markdown.outline(text).walk())
        for index, node in enumerate(nodes):
            _check_retitled(text, {node.start: TITLES[index % len(TITLES)]})


def test_headings_read_alone_are_those_of_the_plan_read() -> None:
    # ``Format.read_headings`` skips the placeholder walk of ``parse``: the texts the crosswalk probes
    # (a section alone under a title, any format's own heading) and the corpus plans read alike.
    texts = [
        f"# Plan\n\n{'#' * level} {heading.value}\n\nText of it.\n"
        for fmt in FORMATS.values()
        for heading in own_headings(fmt)
        for level in (2, 3)
    ]
    texts += [path.read_text(encoding="utf-8") for _, path in corpus_files()[::4]]
    authored = 0
    for fmt in FORMATS.values():
        for text in texts:
            headings = fmt.read_headings(text)
            assert headings == fmt.parse(text).headings, (fmt.name, text[:80])
            authored += bool(headings)
    assert authored > 100


def test_values_kept_on_disk_are_the_values_derived_afresh(tmp_path: Path) -> None:
    # A fresh process with an empty cache derives and saves them; the next reads them back.
    env = {**os.environ, "PLANCORE_CACHE_DIR": str(tmp_path)}
    script = (
        "import pickle, sys, plancore\n"
        "from plancore import _crosswalk, _detect, _format\n"
        "from plancore._registry import FORMATS\n"
        "values = {n: (_detect._template_headings(n), f.template_plan, _format.own_headings(f), f.blank_text,"
        " _crosswalk._place_keys(f), {h.label: _crosswalk._level(f, h.label) for h in _format.own_headings(f)})"
        " for n, f in FORMATS.items()}\n"
        "sys.stdout.buffer.write(pickle.dumps(values))\n"
    )
    # Another checkout's file in the shared folder (named by its own install path) is left alone.
    theirs = tmp_path / "formats-0123abcd.pickle"
    theirs.write_bytes(b"another checkout's")
    first = subprocess.run([sys.executable, "-c", script], env=env, check=True, capture_output=True).stdout
    assert _derived.kept_file(tmp_path).is_file()
    assert _derived.kept_file(tmp_path) != theirs and theirs.read_bytes() == b"another checkout's"
    second = subprocess.run([sys.executable, "-c", script], env=env, check=True, capture_output=True).stdout
    afresh = pickle.loads(first)
    assert pickle.loads(second) == afresh
    # Derived here, in this process, they are the same too.
    assert afresh["aadt"][2] == own_headings(FORMATS["aadt"])
    assert afresh["speckit"][1] == FORMATS["speckit"].template_plan
    assert afresh["speckit-github"][4] == _crosswalk._place_keys(FORMATS["speckit-github"])
    assert "complexity" in afresh["speckit-github"][4]
    assert afresh["aadt"][5] == {
        h.label: _crosswalk._level(FORMATS["aadt"], h.label) for h in own_headings(FORMATS["aadt"])
    }
    assert set(afresh["aadt"][5].values()) == {2, 3}


@pytest.mark.parametrize("content", [b"", b"not a pickle", pickle.dumps((("other",), {("own headings", "aadt"): ()}))])
def test_a_kept_file_that_is_not_this_plancore_s_is_not_used(content: bytes, tmp_path: Path) -> None:
    _derived.kept_file(tmp_path).write_bytes(content)
    env = {**os.environ, "PLANCORE_CACHE_DIR": str(tmp_path)}
    script = "import plancore, sys; sys.stdout.write(plancore.convert(sys.stdin.read(), 'aadt').text)"
    text = plancore.emit(plancore.Plan(summary="Why.", notes="Ask."), "specpulse")
    command = [sys.executable, "-c", script]
    done = subprocess.run(command, env=env, input=text, check=True, capture_output=True, text=True)
    assert done.stdout == plancore.convert(text, "aadt").text
    # Written anew, with this plancore's fingerprint.
    fingerprint, _ = pickle.loads(_derived.kept_file(tmp_path).read_bytes())
    assert fingerprint[0] == sys.version


def test_the_cache_folder_is_where_the_environment_says(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PLANCORE_CACHE_DIR", str(tmp_path / "here"))
    assert _derived.cache_dir() == tmp_path / "here"
    monkeypatch.delenv("PLANCORE_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert _derived.cache_dir() == tmp_path / "xdg" / "plancore"


@pytest.mark.parametrize(
    ("value", "template", "snapped"),
    [
        # Other list marks, blank lines, padding and white space (an ideographic space too,
        # as str.strip knows it) are layout.
        ("* [ ] One\u3000\n\n+ [ ] Two", "- [ ] One\n- [ ] Two", True),
        ("1) First\n2) Second", "1. First\n2. Second", True),
        ("|  a  |  b  |\n|:--|--:|\n| 1 | 2 |", "| a | b |\n|---|---|\n| 1 | 2 |", True),
        # Other words, or a mark that is content, are not.
        ("- [ ] One\n- [ ] Three", "- [ ] One\n- [ ] Two", False),
        ("- [ ] One\n- [ ] Two.", "- [ ] One\n- [ ] Two", False),
        ("- [ ] One\n- [ ] Tw o", "- [ ] One\n- [ ] Two", False),
    ],
)
def test_a_placeholder_in_other_layout_snaps_to_it(value: str, template: str, snapped: bool) -> None:
    assert (snap(value, template) == template) is snapped


def test_white_space_is_what_str_strip_strips() -> None:
    assert set(WHITE_SPACE) == {char for char in map(chr, range(sys.maxunicode + 1)) if char.isspace()}


@given(st.one_of(blank_edged_text, markdownish_text))
@example("\n \n\x0cword  \n\n")
@example(" \t")
@example("a\n")
def test_strip_blank_is_its_definition_line_by_line(text: str) -> None:
    # The definition: the lines from the first that is not white space alone, trailing white space cut.
    lines = text.split("\n")
    first = next((index for index, line in enumerate(lines) if line.strip()), len(lines))
    assert _markdown.strip_blank(text) == "\n".join(lines[first:]).rstrip()


@given(st.lists(blank_edged_text, max_size=6))
@example(["  a", "", "    b"])
@example(["a", "  b"])
@example([" ", "\t"])
def test_dedent_is_its_definition(lines: list[str]) -> None:
    # The definition: the lines less the least indent of those that are not white space alone.
    cut = min((len(line) - len(line.lstrip()) for line in lines if line.strip()), default=0)
    assert _markdown.dedent(lines) == "\n".join(line[cut:] for line in lines)


# A rule cut out before a heading (aadt's before its progress log): the outline derived
# from the whole text's is the one a parse of the cut text gives, or it is parsed.
RULED = [
    ("# Plan\n\nText.\n\n", "---\n\n", "## Progress Log\n\n- a\n", True),
    ("# Plan\n\n- item\n\n", "***\n", "## Progress Log\n", True),
    ("# Plan\n\n- item\n\n", "  ---\n\n\n", "## Progress Log\n\ntext\n## Next\n", True),
    ("# Plan\n\n> quote\n\n", "- - -\n\n", "### Progress\nend", True),
    ("# Plan\n\nSetext title\n", "---\n\n", "## Progress Log\n", False),  # an underline, not a break
    ("# Plan\n\n```\n\n", "---\n\n", "## Progress Log\n```\n", False),  # in a fence: no heading after it
    ("", "---\n\n", "## Progress Log\n", False),  # front matter's place
    ("---\ntitle: x\n\n", "---\n\n", "## Progress Log\n", False),  # closes front matter
    # The rest of the text, holding no heading (SmartSpec's footer).
    ("# Plan\n\n## Notes\n\nText.\n\n", "---\n\n*Generated*\n*Last Updated: x*\n", "", True),
    ("# Plan\n\n## Notes\n\nText.\n\n", "---\n\n*Generated*", "", True),
    ("# Plan\n\n- a\n\n", "  ---\n  ## in the item\n", "", True),
    ("# Plan\n\nSetext\n", "---\n\n*Generated*\n", "", False),  # an underline, not a break
    ("# Plan\n\n", "---\n\n## Heading\n\n*Generated*\n", "", False),  # a heading in what is cut
]


@pytest.mark.parametrize(("before", "rule", "after", "derives"), RULED)
def test_an_outline_less_a_rule_is_the_parsed_one(
    before: str, rule: str, after: str, derives: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = before + rule + after
    cut = before + after
    _markdown.forget()
    _markdown.outline(text)
    parsed: list[str] = []
    original, partly = _markdown._outline, _markdown._reparsed

    def counted(source: str) -> _markdown.Outline:
        parsed.append(source)
        return original(source)

    def counted_part(doc: _markdown.Outline, source: str, before: int, after: int) -> _markdown.Outline | None:
        # A parse of the part between what two texts share is a parse too.
        parsed.append(source)
        return partly(doc, source, before, after)

    monkeypatch.setattr(_markdown, "_outline", counted)
    monkeypatch.setattr(_markdown, "_reparsed", counted_part)
    derived = _markdown.outline_without(text, len(before), len(before) + len(rule))
    monkeypatch.undo()
    _markdown.forget()
    assert (parsed == []) == derives
    assert _shape(derived) == _shape(_markdown.outline(cut))
    _markdown.forget()


@given(text_positions())
@example(("para\nmore\n# Heading\n", 0))
@example(("| a | b |\n|---|---|\n| 1 | 2 |\n\n## Next\n", 3))
def test_a_search_by_line_starts_finds_what_the_regex_search_finds(found: tuple[str, int]) -> None:
    text, position = found
    parser = _markdown._BLOCK_PARSER
    for rules in (None, ["thematic_break", "list"], ["blank_line", "indent_code", "fenced_code"]):
        scanner = parser.compile_sc(rules)
        assert isinstance(scanner, _markdown._LineStarts)
        mine, theirs = scanner.search(text, position), scanner.pattern.search(text, position)
        assert (mine and (mine.span(), mine.lastgroup, mine.groups())) == (
            theirs and (theirs.span(), theirs.lastgroup, theirs.groups())
        )


@given(edited_texts())
def test_shared_starts_and_ends_are_found_whole(texts: tuple[str, str]) -> None:
    one, other = texts
    before = _markdown._common_prefix(one, other)
    assert one[:before] == other[:before] and (before == min(len(one), len(other)) or one[before] != other[before])
    limit = min(len(one), len(other)) - before
    after = _markdown._common_suffix(one, other, limit)
    assert after <= limit and one[len(one) - after :] == other[len(other) - after :]
    assert after == limit or one[len(one) - after - 1] != other[len(other) - after - 1]


@given(opening_texts())
@example(("x" + "<" * 50 + "\n <a\n", 0, 56))
@example(("[\n  [x", 1, 6))
def test_a_line_opening_is_found_where_the_pattern_s_search_finds_it(case: tuple[str, int, int]) -> None:
    # Found from the marks' places, a line of marks skipped after its first (a long line of ``<`` was walked
    # back from each of them: quadratic, bench_scaling's ``angles``).
    text, start, end = case
    for pattern, mark in ((_markdown._LINK_DEFINITION_LINE, "["), (_markdown._HTML_TAG_LINE, "<")):
        mine, theirs = _markdown._line_opening(pattern, mark, text, start, end), pattern.search(text, start, end)
        assert (mine and mine.span()) == (theirs and theirs.span())


# A text, and an edit of it that opens a block reading past the heading after the edit's start.
REACHING = [
    ("# T\n\n[x\n# H\nold\n\n## Z\n", "# T\n\n[x\n# H\ny]: /u\n\n## Z\n"),  # a link label over the heading
    ("# T\n\n<span a='\n# H\nold\n\n## Z\n", "# T\n\n<span a='\n# H\n'>\n\n## Z\n"),  # an HTML attribute
    ("# T\n\n[a]: /u 'x\n# H\nold\n\n## Z\n", "# T\n\n[a]: /u 'x\n# H\nold'\n\n## Z\n"),  # a link title
    ("# T\n\n```\n# H\nold\n```\n## Z\n", "# T\n\n```\n# H\nnew\n## Z\n"),  # a fence no longer closed
    ("# T\nbody\n## H\nold\n## Z\nend\n", "# T\nbody\n## H\nnew\n```\n## Z\nend\n"),  # a fence opened
    # A link label of escapes (two characters a unit), over blank lines, from ~1,200 characters before the heading.
    (
        "# T\n\n[" + "\\]" * 600 + "\n\n## Mid\n\nx\n\n## End\n\nold\n",
        "# T\n\n[" + "\\]" * 600 + "\n\n## Mid\n\nx]: /url\n\n## End\n\nold\n",
    ),
]


def _assert_derived_is_parsed(old: str, new: str) -> None:
    # ``new``'s outline derived from ``old``'s, kept (``_derived``), is the one a parse gives, when derived at all.
    _markdown.forget()
    _markdown.outline(old)
    derived = _markdown._derived(new)
    if derived is not None:
        assert _shape(derived) == _shape(_markdown._outline(new))
    _markdown.forget()


@given(edited_texts())
@example(REACHING[0])
@example(REACHING[1])
@example(REACHING[2])
def test_an_outline_derived_from_a_kept_text_is_the_parsed_one(texts: tuple[str, str]) -> None:
    old, new = texts
    _assert_derived_is_parsed(old, new)


@pytest.mark.parametrize(("old", "new"), REACHING)
def test_a_block_reading_past_a_heading_is_parsed_from_before_it(old: str, new: str) -> None:
    _assert_derived_is_parsed(old, new)


def test_an_output_with_its_appendix_is_outlined_from_the_output() -> None:
    # The appendix goes at the end: only the last section is parsed again.
    body = "".join(f"## Part {index}\n\n- item {index}\n  - more\n\nText {index}.\n\n" for index in range(20))
    text = "# Plan\n\n" + body
    _markdown.forget()
    _markdown.outline(text)
    with_appendix = text + "## Appendix: Carried Over\n\n- **Summary:** Why.\n"
    derived = _markdown._derived(with_appendix)
    assert derived is not None
    assert _shape(derived) == _shape(_markdown._outline(with_appendix))
    _markdown.forget()


def test_kept_texts_stay_within_their_budget() -> None:
    # Eight texts at most; past the budget in characters only the last big one stays, and the
    # small texts read meanwhile (blank templates while a big plan is detected) push nothing out.
    kept: _markdown.Recent[int] = _markdown.Recent(size=8, budget=100)
    for index in range(10):
        kept.put(f"small {index}", index)
    assert "small 0" not in kept and "small 1" not in kept and kept.get("small 9") == 9
    kept.put("a" * 60, 60)
    kept.put("tiny", 0)
    assert "a" * 60 in kept
    kept.put("b" * 60, 61)
    assert "a" * 60 not in kept and kept.get("b" * 60) == 61 and kept.get("tiny") == 0
    kept.put("c" * 500, 500)
    assert kept.get("c" * 500) == 500 and "b" * 60 not in kept


# A process that primes as the command does, imports plancore, compiles a pattern of its own, and
# prints whether every pattern in re's cache equals a fresh compile (patterns compare by their engine
# code), whether the patterns and the bytecode of plancore's attrs classes came from the kept file, and a conversion.
_KEPT_SCRIPT = """\
import re, sys
from plancore import _kept
_kept.prime()  # as the plancore command does, before the rest of plancore is imported
import plancore
from re import _compiler
own = re.compile("kept-(?P<word>[a-z]+)-(x|y)\\\\b", re.IGNORECASE)
assert own.fullmatch("KEPT-abc-y").group("word") == "abc" and own.groupindex == {"word": 1}
plan = plancore.Plan(summary="Why.", phases=(plancore.Phase(name="One"),))
assert plan == plancore.Plan(summary="Why.", phases=(plancore.Phase(name="One"),)) != plancore.Plan()
assert len({plan, plancore.Plan(summary="Why.", phases=(plancore.Phase(name="One"),))}) == 1
text = plancore.convert(plancore.emit(plan, "specpulse"), "aadt").text
same = all(_compiler.compile(key[1], key[2]) == value for key, value in list(re._cache.items()))
kept = len(_kept._primed) > 100 and len(_kept._scripts_used) > 50 and not _kept._scripts_added
# attrs' own classes (made while attrs is imported) too, and attrs left as it was; its classes work, its
# validators' too (their module made when first used, not when attrs is imported).
import attr, attr._make
kept = kept and sum(" attr." in name for name, _ in _kept._scripts_used) > 10 and "compile" not in vars(attr._make)
kept = kept and type(sys.modules["attr.validators"]) is not type(sys)
check = attr.validators.instance_of(int)
assert check == attr.validators.instance_of(int) != attr.validators.instance_of(str)
assert hash(check) == hash(attr.validators.instance_of(int)) and "<instance_of validator for type" in repr(check)
sys.stdout.write(f"{same} {kept} {repr(plan)[:40]} {text}")
"""


def _kept_run(env: dict[str, str]) -> list[str]:
    done = subprocess.run([sys.executable, "-c", _KEPT_SCRIPT], env=env, check=True, capture_output=True, text=True)
    return done.stdout.split(" ", 2)


def test_compiled_code_kept_on_disk_is_the_code_compiled_afresh(tmp_path: Path) -> None:
    env = {**os.environ, "PLANCORE_CACHE_DIR": str(tmp_path)}
    plan = plancore.Plan(summary="Why.", phases=(plancore.Phase(name="One"),))
    expected = f"{repr(plan)[:40]} {plancore.convert(plancore.emit(plan, 'specpulse'), 'aadt').text}"
    # Nothing kept yet: compiled, then kept at exit.
    assert _kept_run(env) == ["True", "False", expected]
    [kept] = tmp_path.glob("compiled-*.bin")
    # Handed to re and to attrs from the file: each pattern as re compiles it, the classes as attrs makes them;
    # a run compiling nothing new leaves the file as it is.
    written = kept.stat().st_mtime_ns
    assert _kept_run(env) == ["True", "True", expected]
    assert kept.stat().st_mtime_ns == written
    # A damaged file, or one from another Python, is not used (and is written anew).
    for content in (b"", kept.read_bytes()[:-40], b"\x00" * 64):
        kept.write_bytes(content)
        assert _kept_run(env) == ["True", "False", expected]
        assert kept.stat().st_size > 10_000


def test_a_program_importing_plancore_keeps_nothing(tmp_path: Path) -> None:
    env = {**os.environ, "PLANCORE_CACHE_DIR": str(tmp_path)}
    plan = "plancore.emit(plancore.Plan(summary='Why.'), 'specpulse')"
    script = f"import plancore; print(plancore.convert({plan}, 'aadt').target)"
    done = subprocess.run([sys.executable, "-c", script], env=env, check=True, capture_output=True, text=True)
    assert done.stdout == "aadt\n"
    assert not list(tmp_path.glob("compiled-*.bin"))


def test_the_command_keeps_compiled_code(tmp_path: Path) -> None:
    env = {**os.environ, "PLANCORE_CACHE_DIR": str(tmp_path)}
    done = subprocess.run([sys.executable, "-m", "plancore", "formats"], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert len(list(tmp_path.glob("compiled-*.bin"))) == 1


def _stands_for_afresh(title: str) -> frozenset[str]:
    # What ``_crosswalk._stands_for`` did before it looked the labels up by concept: every format's own
    # headings scanned for each title.
    concepts = heading_concepts(title)
    fields = set(_crosswalk._heading_labels(title))
    fields |= {
        h.label for fmt in FORMATS.values() for h in own_headings(fmt) if _crosswalk._concept(h.label) in concepts
    }
    key = _markdown.normalize_title(title)
    fields |= {field for concept, english, field, _ in _crosswalk.TWINS if concept in concepts or key in english}
    return frozenset(fields)


def test_the_fields_a_title_stands_for_are_those_of_the_definition() -> None:
    titles = {heading.value for fmt in FORMATS.values() for heading in own_headings(fmt)}
    titles |= {"📦 依赖项", "Dependencies", "技术栈", "Riesgos y mitigaciones", "Notes", "An author's own", ""}
    assert sum(bool(_stands_for_afresh(title)) for title in titles) > 50
    for title in sorted(titles):
        assert _crosswalk._stands_for.__wrapped__(title) == _stands_for_afresh(title), title


def test_a_title_s_concepts_are_those_of_the_definition() -> None:
    # Before the patterns were compiled once: each concept's pattern looked up and matched per title.
    from plancore._vocabulary import HEADINGS, _words, heading_pattern

    titles = {heading.value for fmt in FORMATS.values() for heading in own_headings(fmt)}
    titles |= {f"1. {words[-1]}" for words in (_words(table) for table in HEADINGS.values()) if words}
    titles |= {"📦 依赖项", "Dependencies", "技术栈", "Riesgos y mitigaciones", "İzleme", "An author's own", ""}
    found = 0
    for title in sorted(titles):
        words = _markdown.normalize_title(title)
        afresh = frozenset(c for c in HEADINGS if re.fullmatch(heading_pattern(c), words))
        assert heading_concepts(title) == afresh, title
        found += bool(afresh)
    assert found > 50


def _unfilled_afresh(read: plancore.Plan, template: plancore.Plan) -> plancore.Plan:
    # What ``Format._parse`` did before it kept its fields' walks: the whole plan walked each time.
    raw = snap(read, template)
    return named(blank(raw, template), raw, template)


def _check_unfilled(name: str, texts: list[str]) -> None:
    """Every text's reading through the kept walks of its fields is the one walked afresh, each text
    read in turn (a field read as in an earlier text takes that text's walk)."""
    fmt = get_format(name)
    forget_texts()
    for text in texts:
        read = fmt._read_text(text)
        assert _unfilled(fmt, read, fmt.template_plan) == _unfilled_afresh(read, fmt.template_plan), (name, text[:80])


def test_kept_placeholder_walks_give_the_reading_walked_afresh() -> None:
    # A conversion's texts: a plan, its placeholder lines cut one by one, the blank template, and
    # the plans of the corpus in turn (other values in the same fields).
    hits = 0
    for name in plancore.formats():
        fmt = get_format(name)
        texts = [fmt.blank_text]
        texts += [line_cut for line_cut in _lines_cut(fmt.blank_text)]
        texts += [path.read_text(encoding="utf-8") for folder, path in corpus_files() if folder == name]
        _check_unfilled(name, texts)
        hits += len(texts)
    assert hits > 50


def _lines_cut(text: str) -> list[str]:
    lines = text.split("\n")
    return ["\n".join(lines[:at] + lines[at + 1 :]) for at in range(0, len(lines), 5)]


@settings(max_examples=8)
@given(plans())
def test_kept_placeholder_walks_of_written_plans_give_the_reading_walked_afresh(plan: plancore.Plan) -> None:
    # Written in each format (its placeholders where the plan has nothing), then with every
    # placeholder of one kind filled: the same fields read in the second text but one.
    for name in plancore.formats():
        text = plancore.emit(plan, name)
        _check_unfilled(name, [text, text.replace("{{", "{{x"), text])


def _blank_walk(value: Any, template: Any) -> Any:
    # The definition ``blank`` keeps to (each text a call of its own, as before texts were blanked in
    # their item's loop): a text equal to its placeholder emptied, empty items dropped.
    if isinstance(value, str):
        return "" if value == template else value
    if isinstance(value, tuple):
        if not template:
            return value
        assert isinstance(template, tuple)
        items = [_blank_walk(item, _sample(template, i, item)) for i, item in enumerate(value)]
        if any(not is_empty(item) and item == old for item, old in zip(items, value, strict=True)):
            # A sample item in words beside the author's own items is the author's (issue 11).
            items = [old if is_empty(item) and _plain(old) else item for item, old in zip(items, value, strict=True)]
        return tuple(item for item in items if not is_empty(item))
    if attrs.has(type(value)) and not isinstance(value, Section):
        fields = [f for f in attrs.fields(type(value)) if f.eq and not f.metadata.get("key")]
        changes = {f.name: _blank_walk(getattr(value, f.name), getattr(template, f.name)) for f in fields}
        changes = {name: new for name, new in changes.items() if new != getattr(value, name)}
        for f in attrs.fields(type(value)):
            code = f.metadata.get("language_of")
            if code and f.name in changes and changes.get(code, getattr(value, code)):
                del changes[f.name]
        return attrs.evolve(value, **changes)
    return value


def _template_and_corpus_reads() -> Iterator[tuple[str, plancore.Plan, plancore.Plan]]:
    """Per format: its name, its template plan, and each raw reading of its blank template (all
    emptied), of that template with its placeholders changed, and of its corpus plans."""
    for name in plancore.formats():
        fmt = get_format(name)
        reads = [fmt._read_text(fmt.blank_text), fmt._read_text(fmt.blank_text.replace("{{", "{{x"))]
        reads += [fmt._read_text(path.read_text(encoding="utf-8")) for folder, path in corpus_files() if folder == name]
        for read in reads:
            yield name, fmt.template_plan, read


def test_blank_is_its_definition_over_templates_and_corpus() -> None:
    checked = 0
    for name, template, read in _template_and_corpus_reads():
        raw = snap(read, template)
        assert blank(raw, template) == _blank_walk(raw, template), name
        checked += 1
    assert checked > 20


def _padded(value: Any) -> Any:
    # Every text of a plan with white space after it, keys and verbatim sections too.
    if isinstance(value, str):
        return value + " " if value else value
    if isinstance(value, tuple):
        return tuple(_padded(item) for item in value)
    if attrs.has(type(value)):
        return attrs.evolve(
            value, **{f.name: _padded(getattr(value, f.name)) for f in attrs.fields(type(value)) if f.eq}
        )
    return value


def _tidy_walk(value: Any) -> Any:
    # The definition ``tidy`` keeps to: every text right-stripped, verbatim sections as they are.
    if isinstance(value, str):
        return value.rstrip()
    if isinstance(value, tuple):
        return tuple(_tidy_walk(item) for item in value)
    if attrs.has(type(value)) and not isinstance(value, Section):
        return attrs.evolve(
            value, **{f.name: _tidy_walk(getattr(value, f.name)) for f in attrs.fields(type(value)) if f.eq}
        )
    return value


def _snap_walk(value: Any, template: Any) -> Any:
    # The definition ``snap`` keeps to: each text snapped by a call of its own.
    if isinstance(value, str):
        return snap(value, template)
    if isinstance(value, tuple):
        if not isinstance(template, tuple) or not template:
            return value
        return tuple(_snap_walk(item, template[min(i, len(template) - 1)]) for i, item in enumerate(value))
    if attrs.has(type(value)) and not isinstance(value, Section) and type(template) is type(value):
        fields = [f for f in attrs.fields(type(value)) if f.eq and not f.metadata.get("key")]
        return attrs.evolve(
            value, **{f.name: _snap_walk(getattr(value, f.name), getattr(template, f.name)) for f in fields}
        )
    return value


def test_tidy_and_snap_are_their_definitions_over_templates_and_corpus() -> None:
    checked = 0
    for name, template, read in _template_and_corpus_reads():
        assert snap(read, template) == _snap_walk(read, template), name
        padded = _padded(read)
        assert tidy(padded) == _tidy_walk(padded), name
        checked += 1
    assert checked > 20


def _fill_walk(value: Any, template: Any, in_item: bool = False) -> Any:
    # The definition ``fill`` keeps to: every item built anew, each text filled by a call of its own.
    if isinstance(value, str):
        return value or template
    if isinstance(value, tuple):
        if not value:
            return value if in_item else template
        if not template:
            return value
        return tuple(_fill_walk(item, _sample(template, i, item), True) for i, item in enumerate(value))
    if attrs.has(type(value)) and not isinstance(value, Section):
        changes = {
            f.name: _fill_walk(getattr(value, f.name), getattr(template, f.name), in_item)
            for f in attrs.fields(type(value))
            if f.eq
            and not f.metadata.get("key")
            and not (f.metadata.get("language_of") and getattr(value, f.metadata["language_of"]))
        }
        return attrs.evolve(value, **changes)
    return value


@settings(max_examples=8)
@given(plans())
def test_fill_is_its_definition(plan: plancore.Plan) -> None:
    for name in plancore.formats():
        template = get_format(name).template_plan
        assert fill(plan, template) == _fill_walk(plan, template), name


def test_fill_is_its_definition_over_the_corpus() -> None:
    read = [plancore.parse(path.read_text(encoding="utf-8"), folder) for folder, path in corpus_files()[::3]]
    for name in plancore.formats():
        template = get_format(name).template_plan
        for plan in [plancore.Plan(), *read]:
            assert fill(plan, template) == _fill_walk(plan, template), name


def _cut_walk(text: str, node: _markdown.Node, theirs: _markdown.Node | None, title: bool) -> str:
    # The definition ``_cut_placeholders`` keeps to: the template's section compared as its node,
    # its lines and placeholder lines found anew for each section of each text.
    same = (
        _crosswalk._lines(_crosswalk._own_text(node, title)) <= _crosswalk._lines(_crosswalk._own_text(theirs, title))
        if theirs is not None
        else True
    )
    if theirs is None or (same and (theirs.children or not node.children)):
        return text
    lines = {line for line in _crosswalk._own_text(theirs, False).split("\n") if _crosswalk._PLACEHOLDER.search(line)}
    start, end = node.body_start, node.children[0].start if node.children else node.end
    if not any(text.find(line, start, end) >= 0 for line in lines):
        return text
    kept: list[str] = []
    fence = ""
    cut = False
    for line in text[start:end].split("\n"):
        mark = re.match(r"^ {0,3}(`{3,}|~{3,})", line)
        if mark is not None:
            fence = "" if fence and mark.group(1).startswith(fence) else (fence or mark.group(1))
        elif not fence and line in lines:
            cut = True
            continue
        if cut and not fence and not line.strip() and kept and not kept[-1].strip():
            continue
        cut = cut and not line.strip()
        kept.append(line)
    own = "\n".join(kept)
    if node.children and not own.endswith("\n"):
        own += "\n"
    elif text[start:end].endswith("\n\n"):
        own = own.rstrip("\n") + "\n\n" if own.strip() else "\n"
    return text[:start] + own + text[end:]


def _clear_walk(text: str, target: Format) -> str:
    # The definition ``clear_placeholders`` keeps to: the blank template outlined for each text.
    key = _crosswalk._own_key
    blank = {key(node, index): node for index, node in enumerate(_markdown.outline(target.blank_text).walk())}
    nodes = list(reversed(list(enumerate(_markdown.outline(text).walk()))))
    everything = text
    for index, node in nodes:
        everything = _cut_walk(everything, node, blank.get(key(node, index)), not key(node, index))
    if everything == text:
        return text
    read = target.parse(text)
    if target.parse(everything) == read:
        return everything
    for index, node in nodes:
        cut = _cut_walk(text, node, blank.get(key(node, index)), not key(node, index))
        if cut != text and target.parse(cut) == read:
            text = cut
    return text


def test_placeholders_cleared_are_those_of_the_definition() -> None:
    # Each format's writing of the bundled examples and some corpus plans converted to it, before its
    # placeholders are cleared, and each format's blank template with one placeholder filled.
    root = Path(__file__).resolve().parents[1]
    texts = [path.read_text(encoding="utf-8") for path in sorted((root / "examples").glob("*.md"))]
    texts += [path.read_text(encoding="utf-8") for _, path in corpus_files()[::6]]
    checked = changed = 0
    for name in plancore.formats():
        target = get_format(name)
        written = [target.blank_text.replace("{{", "Filled {{", 1)]
        for text in texts:
            if plancore.detect(text) != name:
                done = plancore.convert(text, name)
                written.append(target.emit(done.plan if done.written is None else done.written))
        for text in written:
            cleared = _crosswalk.clear_placeholders(text, target)
            # Then the samples beside the author's content go (``_cut_samples``, no speed change of its own).
            assert cleared == _crosswalk._cut_samples(_clear_walk(text, target), target, None), name
            checked += 1
            changed += cleared != text
    assert checked > len(plancore.formats()) and changed > len(plancore.formats())


def _walked(plan: plancore.Plan) -> tuple[dict[str, object], set[str]]:
    flat = dict(leaves(plan))
    return flat, _crosswalk._patterns_of(flat)


def _whole(parts: dict[str, Any]) -> tuple[dict[str, object], set[str]]:
    # What a walk has of a plan field by field (``_Walk.parts``), put together.
    flat: dict[str, object] = {}
    held: set[str] = set()
    for part in parts.values():
        flat.update(part.leaves)
        held |= part.patterns
    return flat, held


def _keys(held: set[str]) -> frozenset[str]:
    return frozenset(key for pattern in held for key in _crosswalk._keys_over(pattern))


@settings(max_examples=5)
@given(plans())
def test_a_walk_field_by_field_is_the_walk_of_the_whole_plan(plan: plancore.Plan) -> None:
    # The crosswalk walks again only the fields a row rewrote (``_Walk``): after each change, what it
    # has is what a walk of the whole plan gives, leaves in the same order; the leaves gone are those
    # a walk of each whole plan finds gone; the keys of another plan are those of its whole walk.
    names = content_fields(plancore.Plan, keys=True) or ()
    assert [leaf for name in names for leaf in field_leaves(plan, name)] == list(leaves(plan))
    walk = _crosswalk._Walk()
    source = plan
    parts = walk.parts(plan)
    assert _whole(parts) == _walked(plan)
    changes = [
        ("phases", plan.phases[::-1]),
        ("summary", plan.summary + " and more"),
        ("extra_sections", ()),
        ("dependencies", plan.dependencies[1:]),
    ]
    for name, value in changes:
        before = dict(leaves(plan))
        plan = attrs.evolve(plan, **{name: value})
        old, parts = parts, walk.parts(plan)
        flat, held = _whole(parts)
        assert list(flat.items()) == list(leaves(plan)) and held == _walked(plan)[1]
        assert _crosswalk._gone(old, parts) == [path for path in before if path not in flat]
        for key in held:
            found = _crosswalk._under_key(parts, key)
            assert sorted(found) == sorted(p for p in held if key in _crosswalk._keys_over(p))
        assert walk.keys(source) == _keys(_walked(source)[1]) and walk.keys(plan) == _keys(held)


@pytest.mark.skipif(not corpus_files(), reason="../shared/corpus is absent")
def test_the_source_s_section_for_a_key_is_the_first_with_its_title() -> None:
    # ``Origin.node`` looks titles up in an index of the outline built once: the same section as
    # the first of the outline's walk with one of the key's titles.
    for name, path in corpus_files()[::3]:
        text = path.read_text(encoding="utf-8")
        fmt = get_format(name)
        plan = plancore.parse(text, name)
        origin = _crosswalk.Origin(text=text, fmt=fmt, plan=plan)
        for key in {h.label for h in (*own_headings(fmt), *plan.headings)}:
            titles = [h.value for h in (*plan.headings, *own_headings(fmt)) if h.label == key]
            wanted = {_markdown.normalize_title(title) for title in titles}
            first = next((node for node in _markdown.outline(text).walk() if node.key in wanted), None)
            found = origin.node(key)
            assert (found and (found.start, found.title)) == (first and (first.start, first.title)), (path.name, key)


@settings(max_examples=40)
@given(text_positions())
@example(("# T\n\n```\n## not a heading\n```\n\nPLANCOREFIELD0\n\n## S\n", 0))
@example(("# T\n\nPLANCOREFIELD0\n---\n\n## S\n", 0))
@example(("- item\n  ## in a list\n\nPLANCOREFIELD0\n## S\n", 0))
def test_a_token_in_sections_is_found_as_by_the_outline(found: tuple[str, int]) -> None:
    # The appendix asks whether a lost value's token stands under a heading of level 2 or more: found by
    # the first heading line where no line before it is unsure, else by the outline, as it was defined.
    from plancore._appendix import _in_sections
    from plancore._report import Tokens

    text, at = found
    tokens = Tokens("", 1)
    text = text[:at] + "\n\n" + tokens.of(0) + "\n\n" + text[at:]
    first = min((node.start for node in _markdown.outline(text).walk() if node.level > 1), default=len(text))
    defined = any(int(match.group(1)) == 0 for match in tokens.pattern.finditer(text, first))
    assert _in_sections(text, tokens, frozenset({0})) == defined


def test_an_output_retitled_again_with_its_appendix_is_retitled_as_afresh(monkeypatch: pytest.MonkeyPatch) -> None:
    # A conversion writes its output again with its appendix: the authors' headings are put back as in
    # the first writing, without reading it again (``_headings._again``), as retitling it afresh does.
    from plancore import _headings

    again = _headings._again
    hits: list[bool] = []

    def checked(text: str, headings: Any, canonical: str, read: Any, given: Any = None) -> str | None:
        fast = again(text, headings, canonical, read, given)
        if fast is not None:
            wanted = {heading.label: heading.value for heading in headings}
            hits.append(fast == _headings._retitle(text, headings, wanted, canonical, read))
        return fast

    monkeypatch.setattr(_headings, "_again", checked)
    header = "**分支**: `004-x` | **日期**: 2026-03-02 | **规范**: [spec.md](./spec.md)\n\n"
    for summary, context in [("摘要", "技术背景"), ("Resumo", "Contexto Técnico"), ("概要", "技術コンテキスト")]:
        text = f"# 实现计划：X\n\n{header}## {summary}\n\nSync.\n\n## {context}\n\n**Language/Version**: Go\n"
        for target in plancore.formats():
            plancore.convert(text, target, source="speckit-github")
    assert hits and all(hits)


def test_an_output_written_again_with_its_appendix_is_the_output_written_afresh(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A conversion writes its output again with its appendix at the end: from its first writing, where
    # the writer closes the text with what the appendix is placed in (``Format._appended``), as afresh.
    from plancore import _format

    appended = _format.Format._appended
    hits: list[str] = []

    def checked(fmt: Format, plan: plancore.Plan) -> str | None:
        fast = appended(fmt, plan)
        if fast is not None:
            text, _ = fmt._laid_out(plan)
            assert fast == fmt.titled(text, plan.headings), fmt.name
            hits.append(fmt.name)
        return fast

    monkeypatch.setattr(_format.Format, "_appended", checked)
    texts = [(fmt, path.read_text(encoding="utf-8")) for fmt, path in corpus_files()]
    for source, text in [*texts, *_own_plans_and_example()]:
        for target in plancore.formats():
            if target != source:
                plancore.convert(text, target, source=source)
    assert set(hits) == set(plancore.formats())


@settings(max_examples=examples(10), deadline=None)
@given(plan=plans(), fmt=st.sampled_from(plancore.formats()), body=st.sampled_from(["x", "", "### Overview\n\ny"]))
def test_a_plan_written_again_with_a_section_more_is_written_as_afresh(
    plan: plancore.Plan, fmt: str, body: str
) -> None:
    # Any plan with an appendix (or another section, at the end of its own) after it, in any format.
    from plancore import _format

    target = get_format(fmt)
    more = (Section(heading="Appendix: Carried Over", level=2, body=body, after="appendix"),)
    more += (Section(heading="Rest", level=3, body=body, after="nowhere"),)
    for section in more:
        _format._LAST_RENDERED.clear()
        target._render(plan)
        longer = attrs.evolve(plan, extra_sections=(*plan.extra_sections, section))
        fast = target._render(longer)
        _format._LAST_RENDERED.clear()
        assert fast == target._render(longer)


def _own_plans_and_example() -> list[tuple[str, str]]:
    """``(format, text)``: own plans written in every format (a dependency's version and a done task, which
    some targets lose with nothing moved by the crosswalk), and the bundled example."""
    root = Path(__file__).resolve().parents[1]
    plans = [
        plancore.Plan(dependencies=(plancore.Dependency(name="httpx", version="0.27"),)),
        plancore.Plan(phases=(plancore.Phase(name="Setup", tasks=(plancore.Task(text="Add a model", done=True),)),)),
    ]
    found = [(name, plancore.emit(plan, name)) for plan in plans for name in plancore.formats()]
    example = (root / "examples" / "smartspec-plan.md").read_text(encoding="utf-8")
    return [*found, ("smartspec", example)]


def test_report_and_lost_sections_from_the_conversion_s_walks_are_those_made_afresh() -> None:
    # report() takes the conversion's leaves and places, lost_sections() the appendix's rendering of an
    # equal plan: each is what it gives with nothing kept from the conversion.
    from plancore import _appendix, _convert, _fields

    shared = 0
    for source, text in _own_plans_and_example():
        for name in plancore.formats():
            if name == source:
                continue
            _appendix._LAST.clear()
            done = plancore.convert(text, name, source=source)
            made = [rendering for *_, rendering in _appendix._LAST]
            lost = done.lost_sections()
            # The appendix's rendering served lost_sections: no other was made.
            shared += bool(made) and _appendix._LAST[0][3] is made[0]
            fields = done.report()
            _fields._BARE.clear()
            _convert._PLACES.clear()
            _appendix._LAST.clear()
            assert done.lost_sections() == lost, (source, name)
            assert done.report() == fields, (source, name)
    assert shared > 0


@settings(max_examples=10)
@given(plans())
def test_bare_leaves_are_the_leaves_of_the_plan_without_its_own_sections(plan: plancore.Plan) -> None:
    from plancore._fields import _BARE, bare_leaves

    _BARE.clear()
    bare = attrs.evolve(plan, extra_sections=(), headings=(), labels=())
    assert bare_leaves(plan) == dict(leaves(bare))
    assert bare_leaves(plan) is bare_leaves(plan)


def _fresh_state() -> None:
    """Nothing kept of an earlier conversion: the texts read (outlines, readings, their placeholder
    walks), the last appendix rendering, the retitling verdicts and the titles looked up."""
    forget_texts()
    _appendix._LAST.clear()
    _headings._VERDICTS.clear()
    _headings._OWN.clear()
    _reading._LOOKED_UP.clear()


def _cycle_of(text: str, a: str, b: str, legs: int = 3) -> list[tuple[str, tuple[tuple[str, str, object], ...]]]:
    """The texts and losses (with their values) of A -> B -> A -> B from ``text`` in ``a`` (its first ``legs``)."""
    steps = []
    for source, target in ((a, b), (b, a), (a, b))[:legs]:
        done = plancore.convert(text, target, source=source)
        steps.append((done.text, tuple((loss.path, loss.reason, loss.value) for loss in done.losses)))
        text = done.text
    return steps


def _after_and_fresh(earlier: str, text: str, a: str, b: str, legs: int = 3) -> tuple[list[Any], list[Any]]:
    """``text``'s cycle through ``b`` right after ``earlier``'s, and in a fresh state."""
    _fresh_state()
    _cycle_of(earlier, a, b, legs)
    after = _cycle_of(text, a, b, legs)
    _fresh_state()
    return after, _cycle_of(text, a, b, legs)


@settings(max_examples=examples(3), deadline=None)
@given(pair=neighbouring_plans(), a=st.sampled_from(plancore.formats()), b=st.sampled_from(plancore.formats()))
def test_a_conversion_after_another_gives_what_it_gives_in_a_fresh_state(
    pair: tuple[plancore.Plan, plancore.Plan], a: str, b: str
) -> None:
    # What a process keeps of the texts it read (outlines, readings, placeholder walks, the last
    # appendix) is keyed by what the result depends on: a plan converted after a near neighbour
    # (one field edited; texts sharing most of their start, end and fields) is converted as alone.
    earlier, plan = pair
    after, fresh = _after_and_fresh(plancore.emit(earlier, a), plancore.emit(plan, a), a, b, legs=2)
    assert after == fresh


_MIDDLE = (
    "# Implementation Plan: Search\n\n## Executive Summary\n\nAdd search.\n\n## Team Notes\n\n{}\n\n"
    "## Open Questions\n\n- Which engine?\n\n## Out of Scope\n\nFacets.\n"
)
# What an earlier text held in the middle, and what the text converted next holds there: blocks
# that read on past a heading (an HTML comment, a fence, a link definition) or make one (setext).
_MIDDLES = [
    ("We pair on Fridays.", "<!--\n## Hidden\n\nStill a comment.\n-->"),
    ("<!--\n## Hidden\n-->", "We pair on Fridays."),
    ("We pair on Fridays.", "```\n## Not a heading"),
    ("We pair on Fridays.", "[label\n## Heading?]: /url"),
    ("We pair on Fridays.", "Team rota\n---------"),
]


@pytest.mark.parametrize("fmt", ["smartspec", "specpulse"])
@pytest.mark.parametrize(("before", "middle"), _MIDDLES)
def test_a_text_read_after_one_sharing_its_start_and_end_is_read_as_alone(
    fmt: str, before: str, middle: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Texts this short are parsed, not derived (``_SHORT``): derived here, as a longer text is.
    monkeypatch.setattr(_markdown, "_SHORT", 0)
    after, fresh = _after_and_fresh(_MIDDLE.format(before), _MIDDLE.format(middle), fmt, "maestro")
    assert after == fresh


def _put_one_by_one(value: Any, path: str, new: str) -> Any:
    # The definition: each put builds the value and every item on its path anew (the appendix's
    # ``_put``, applied once per kept token before the puts were made in one pass).
    step = re.fullmatch(r"(\w+)(?:\[(\d+)\])?(?:\.(.+))?", path)
    assert step is not None, path
    name, index, rest = step.groups()
    item = getattr(value, name)
    if index is None:
        return attrs.evolve(value, **{name: _put_one_by_one(item, rest, new) if rest else new})
    at = int(index)
    element = item[at]
    if rest:
        element = _put_one_by_one(element, rest, new)
    elif isinstance(element, Section):
        element = attrs.evolve(element, body=new)
    else:
        element = new
    return attrs.evolve(value, **{name: (*item[:at], element, *item[at + 1 :])})


def _check_puts_in_one_pass(plan: plancore.Plan, picks: list[int]) -> None:
    tokens, _ = _appendix._tokened(plan)
    count = len(tokens.paths)
    for keep in (frozenset(range(count)), frozenset(i for i in picks if i < count)):
        leads = {index: "Lead " for index in keep if index % 2}
        expected = attrs.evolve(plan, source=None)
        for index in sorted(keep):
            expected = _put_one_by_one(expected, tokens.paths[index], leads.get(index, "") + tokens.of(index))
        assert _appendix._tokened_only(plan, tokens, keep, leads) == expected, sorted(keep)


@settings(max_examples=10)
@given(plans(), token_picks)
def test_tokens_put_in_one_pass_are_those_put_one_by_one(plan: plancore.Plan, picks: list[int]) -> None:
    _check_puts_in_one_pass(plan, picks)


def test_puts_in_one_pass_follow_their_order_where_paths_meet() -> None:
    # A section's body put, then its heading, then the body again; a list put whole, then an item of it.
    edit = _appendix._Edit(
        plancore.Plan(
            extra_sections=(Section(heading="A", level=2, body="a"), Section(heading="B", level=2, body="b")),
            internal_dependencies=("x", "y"),
        )
    )
    puts = [
        ("extra_sections[1]", "one"),
        ("extra_sections[1].heading", "Two"),
        ("extra_sections[1]", "three"),
        ("internal_dependencies[0]", "p"),
        ("internal_dependencies[1]", "q"),
    ]
    expected: Any = edit.value
    for path, new in puts:
        edit.put(path, new)
        expected = _put_one_by_one(expected, path, new)
    assert edit.built() == expected
    assert expected.extra_sections[1] == Section(heading="Two", level=2, body="three")
    assert expected.internal_dependencies == ("p", "q")


def test_the_example_s_tokens_put_in_one_pass_are_those_put_one_by_one() -> None:
    # Every kind of path: sections' bodies, lists of texts, items' fields, labels and headings.
    example = plancore.parse((Path(__file__).resolve().parents[1] / "examples" / "smartspec-plan.md").read_text())
    _check_puts_in_one_pass(example, list(range(0, 400, 3)))


def test_model_annotations_read_without_eval_are_what_eval_gives() -> None:
    # The model's field checks resolve each annotation by its shape (a name, ``tuple[NAME, ...]``,
    # ``NAME | None``) rather than by ``eval``: every annotation the model has, and the shapes left to
    # ``eval``, give what ``eval`` gives.
    from plancore import _model

    namespace = vars(_model)
    # As written in the classes (a field's ``type`` is resolved in place once ``attrs.resolve_types`` has run).
    annotations = {
        annotation
        for cls in vars(_model).values()
        if isinstance(cls, type) and attrs.has(cls) and cls.__module__ == _model.__name__
        for base in cls.__mro__
        for annotation in vars(base).get("__annotations__", {}).values()
        if isinstance(annotation, str)
    }
    assert {"str", "bool", "int", "Plan", "tuple[Phase, ...]", "Source | None"} <= annotations
    for annotation in sorted(annotations | {"tuple[str, int]", "dict[str, Plan]", "Plan | Source"}):
        hint = _model._hint(annotation, namespace)
        expected = eval(annotation, namespace)
        assert hint == expected and type(hint) is type(expected), annotation


def test_the_plan_s_item_fields_are_its_tuple_fields() -> None:
    # Derived from one empty plan; the old definition made one for every field.
    expected = tuple(
        field.name
        for field in attrs.fields(plancore.Plan)
        if isinstance(getattr(plancore.Plan(), field.name), tuple)
        and field.name not in ("extra_sections", "headings", "labels", "list_styles")
    )
    assert expected == _crosswalk._ITEM_FIELDS
    assert "phases" in expected and "extra_sections" not in expected


def _parsed_blocks(text: str) -> tuple[list[tuple[object, ...]], int]:
    """The top-level blocks the outline's parser finds in ``text`` (type, start, a heading's title and
    level) and where its cursor ends."""
    state = _markdown._OutlineState()
    state.process(text if text.endswith("\n") else text + "\n")
    _markdown._BLOCK_PARSER.parse(state)
    blocks: list[tuple[object, ...]] = [
        (
            token["type"],
            token.get("start"),
            token.get("text") if token["type"] == "heading" else None,
            token.get("attrs"),
        )
        for token in state.tokens
    ]
    return blocks, state.cursor


def _old_item_end(*args: Any) -> tuple[int | None, int | None, Any]:
    """``_markdown._item_end``'s old definition: mistune's own ``_collect_list_item_lines``."""
    from mistune.list_parser import _collect_list_item_lines

    lines = _collect_list_item_lines(*args)
    return lines.end_pos, lines.token_index, lines.next_item


def _blocks_with(name: str, stand_in: object, text: str) -> tuple[object, object]:
    """The blocks and outline of ``text``, and those found with ``_markdown.<name>`` replaced by ``stand_in``."""
    mine = _parsed_blocks(text), _shape(_markdown._outline(text))
    kept = getattr(_markdown, name)
    setattr(_markdown, name, stand_in)
    try:
        theirs = _parsed_blocks(text), _shape(_markdown._outline(text))
    finally:
        setattr(_markdown, name, kept)
    return mine, theirs


def _templates_and_corpus() -> list[str]:
    """Every format's blank plan as written, and every corpus plan (line ends made ``\\n``)."""
    texts = [plancore.emit(plancore.Plan(), name) for name in plancore.formats()]
    texts += [path.read_text(encoding="utf-8") for _, path in corpus_files()]
    return [text.replace("\r\n", "\n") for text in texts]


def _blocks_both_ways(text: str) -> tuple[object, object]:
    return _blocks_with("_item_end", _old_item_end, text)


@settings(max_examples=examples(150))
@given(st.one_of(list_shaped_text, markdownish_text))
@example("- a\n\n   \n  b\n")
@example("-\n\n  a\n")
@example("-\n  a\n\n  b\n")
@example("-\nlazy\n\n  b\n")
@example("-\n  \xa0\n\n  b\n")
@example("- a\n \xa0\n\n- b\n")
@example("1. a\n\t- b\n  ```\n# H\n")
def test_a_list_item_ends_where_mistune_s_collector_ends_it(text: str) -> None:
    mine, theirs = _blocks_both_ways(text)
    assert mine == theirs


def test_list_items_end_where_mistune_s_collector_ends_them_over_templates_and_corpus() -> None:
    for text in _templates_and_corpus():
        mine, theirs = _blocks_both_ways(text)
        assert mine == theirs


def _blocks_item_by_item(text: str) -> tuple[object, object]:
    """The blocks and outline of ``text``, and those found with no list item's lines taken at once
    (``_markdown._siblings`` matching nothing: each item and line gone over by ``_item_end``)."""
    return _blocks_with("_siblings", lambda bullet, width: re.compile(""), text)


@settings(max_examples=examples(150))
@given(st.one_of(list_shaped_text, markdownish_text))
@example("- a\n- - -\n# H\n")
@example("* a\n* * *\n")
@example("- a\n  b\n\n   \n  c\n- d\n\ne\n")
@example("1. a\n2. b\n10. c\n    d\n# H\n")
@example("- a\n-  b\n  c\n - d\n")
@example("- a\n- \xa0b\n  \x0c\n  c\n")
@example("- a\n  \tb\n- c\r\n# H\n")
def test_a_list_s_items_taken_at_once_end_where_item_by_item_ends_them(text: str) -> None:
    mine, theirs = _blocks_item_by_item(text)
    assert mine == theirs


def test_a_list_s_items_taken_at_once_end_as_item_by_item_over_templates_and_corpus() -> None:
    for text in _templates_and_corpus():
        mine, theirs = _blocks_item_by_item(text)
        assert mine == theirs


def _old_alias_key(target: Format, section: Section) -> str | None:
    """``_crosswalk._alias_key``'s old definition: the section read alone in a text of its own making."""
    text = f"# Plan\n\n{'#' * section.level} {section.heading}\n\n{section.body}\n"
    return next((h.label for h in target.read_headings(text) if h.value == section.heading), None)


def _top_sections(text: str) -> list[Section]:
    return [
        Section(heading=node.title, level=node.level, body=_markdown.strip_blank(node.content))
        for node in _markdown.outline(text.replace("\r\n", "\n")).walk()
        if node.level in (1, 2)
    ]


def test_a_section_read_alone_is_keyed_as_by_its_old_text_over_templates_and_corpus() -> None:
    # ``_alias_key`` reads a section in the text ``_items_by_sections`` reads it in (a reading shared by both),
    # which ends in one more blank line than its own did, and none for a section without a body.
    sections = {
        section
        for text in [plancore.emit(plancore.Plan(), name) for name in plancore.formats()]
        + [path.read_text(encoding="utf-8") for _, path in corpus_files()[::2]]
        for section in _top_sections(text)
    }
    sections |= {Section(heading=section.heading, level=section.level, body="") for section in list(sections)[::4]}
    for name in plancore.formats():
        target = get_format(name)
        for section in sorted(sections, key=lambda s: (s.heading, s.level, s.body)):
            assert _crosswalk._alias_key(target, section) == _old_alias_key(target, section), (name, section.heading)


@settings(max_examples=examples(25))
@given(st.sampled_from(sorted(plancore.formats())), section_titles, st.sampled_from([1, 2]), markdownish_text)
def test_a_generated_section_read_alone_is_keyed_as_by_its_old_text(
    name: str, title: str, level: int, body: str
) -> None:
    target = get_format(name)
    section = Section(heading=title, level=level, body=_markdown.strip_blank(body))
    assert _crosswalk._alias_key(target, section) == _old_alias_key(target, section)


def _typed_by_evolve(cls: type, fields: list[attrs.Attribute[Any]]) -> list[attrs.Attribute[Any]]:
    # The old definition of ``_model._typed``: each changed field a copy (``evolve``).
    from plancore._model import _Field, _instance_check

    checked: list[_Field] = [
        (field.name, field.type, field.validator)
        for field in fields
        if field.type is not None or field.validator is not None
    ]
    if not checked:
        return fields
    result = [field.evolve(validator=None) if field.validator is not None else field for field in fields]
    result[-1] = result[-1].evolve(validator=_instance_check(cls.__module__, checked))
    return result


def _model_family(transformer: Any) -> tuple[type, type, type]:
    def positive(_: object, attribute: attrs.Attribute[Any], value: int) -> None:
        if value < 0:
            raise ValueError(f"{attribute.name} below zero")

    @attrs.frozen(kw_only=True, field_transformer=transformer)
    class Base:
        key: str = attrs.field(default="", metadata={"key": True})
        count: int = attrs.field(default=0, validator=positive)
        done: bool = False

    @attrs.frozen(kw_only=True, field_transformer=transformer)
    class Child(Base):
        items: tuple[str, ...] = ()
        note: str | None = None

    @attrs.frozen(kw_only=True, field_transformer=transformer)
    class Untyped:
        anything = attrs.field(default=None)

    return Base, Child, Untyped


def test_model_fields_given_their_check_in_place_are_those_evolved() -> None:
    # ``_typed`` sets the one validator on the fields attrs made for the class instead of copying
    # them: the classes' fields, and what constructing them accepts and refuses, are as before.
    from plancore._model import _typed

    new, old = _model_family(_typed), _model_family(_typed_by_evolve)
    slots = [name for name in attrs.Attribute.__slots__ if name != "validator"]
    for made, expected in zip(new, old, strict=True):
        fields, before = attrs.fields(made), attrs.fields(expected)
        assert [[getattr(f, s) for s in slots] for f in fields] == [[getattr(f, s) for s in slots] for f in before]
        assert [f.validator is None for f in fields] == [f.validator is None for f in before]
        assert repr(made()) == repr(expected()) and made() == made() and hash(made()) == hash(made())
    base, child, untyped = new
    old_base, old_child, _ = old
    for kind, old_kind in ((base, old_base), (child, old_child)):
        assert kind(key="k", count=2, done=True) == kind(key="k", count=2, done=True)
        for bad in ({"count": "2"}, {"count": -1}, {"done": 1}, {"key": None}):
            with pytest.raises((plancore.PlanError, ValueError)) as raised:
                kind(**bad)
            with pytest.raises((plancore.PlanError, ValueError)) as expected_error:
                old_kind(**bad)
            assert (type(raised.value), str(raised.value)) == (type(expected_error.value), str(expected_error.value))
    with pytest.raises(plancore.PlanError, match="expected tuple of str"):
        child(items=("a", 1))
    assert untyped(anything=3).anything == 3
    # Every model class: one check, on its last field.
    from plancore import _model

    for cls in vars(_model).values():
        if isinstance(cls, type) and attrs.has(cls) and cls.__module__ == _model.__name__:
            checks = [f.validator is not None for f in attrs.fields(cls)]
            assert checks == [False] * (len(checks) - 1) + [True], cls


def test_model_evolve_is_attrs_evolve() -> None:
    """``_model.evolve`` checks only the changed fields of a model instance: it makes what ``attrs.evolve`` makes,
    runs ``__attrs_post_init__``, and raises the error ``attrs.evolve`` raises for a wrong value or name."""
    from plancore._model import Phase, Plan, Section, Task, evolve

    plan = Plan(summary="s", phases=(Phase(name="p", tasks=(Task(text="t"),)),), open_questions=("q",))
    for changes in (
        {"summary": "t"},
        {"phases": (), "notes": "n"},
        {"open_questions": ("a", "b")},
        {"phases": (Phase(),), "extra_sections": (Section(heading="h"),)},
    ):
        made, expected = evolve(plan, **changes), attrs.evolve(plan, **changes)
        assert made == expected and repr(made) == repr(expected) and hash(made) == hash(expected)
    task = Task(text="t", in_progress=True, skipped=True)
    assert repr(evolve(task, done=True)) == repr(attrs.evolve(task, done=True))
    assert evolve(Section(heading="h"), level=3) == Section(heading="h", level=3)
    # A Section's own validator weighs its level with its heading: run though neither changed.
    kept = Section(heading="", level=0, body="b")
    assert repr(evolve(kept, body="c", after="summary")) == repr(attrs.evolve(kept, body="c", after="summary"))
    for instance, bad in (
        (plan, {"summary": 1}),
        (plan, {"open_questions": ("a", 1), "summary": 2}),
        (plan, {"phases": [Phase()]}),
        (plan, {"nothing": ""}),
        (Section(heading="h"), {"level": 0}),
        (Section(heading="h"), {"level": 7, "body": 1}),
        (kept, {"heading": "h"}),
        (kept, {"level": True}),
    ):
        with pytest.raises((plancore.PlanError, TypeError)) as raised:
            evolve(instance, **bad)
        with pytest.raises((plancore.PlanError, TypeError)) as expected_error:
            attrs.evolve(instance, **bad)
        assert (type(raised.value), str(raised.value)) == (type(expected_error.value), str(expected_error.value))


def _stack_lines_by_definition(stack: tuple[Labeled, ...], template: tuple[Labeled, ...]) -> list[Labeled]:
    # ``speckit_github.stack_lines`` as it was, keying every label (``stack_key``) at every look.
    lines = list(stack)
    order = [stack_key(t.label) for t in template]
    for place, wanted in enumerate(template):
        if any(stack_key(t.label) == order[place] for t in lines):
            continue
        before = [i for i, t in enumerate(lines) if stack_key(t.label) in order[:place]]
        after = [i for i, t in enumerate(lines) if stack_key(t.label) in order[place + 1 :]]
        at = before[-1] + 1 if before else after[0] if after else len(lines)
        lines.insert(at, Labeled(label=wanted.label, value=speckit_github.UNKNOWN))
    return lines


@settings(max_examples=60)
@given(stack_label_lists())
@example((["语言/版本", "存储"], [t.label for t in speckit_github.PLACEHOLDERS.architecture.tech_stack]))
@example((["Api", "storage", "Ä"], ["Language/Version", "Storage", "ä", "Storage"]))
def test_technical_context_lines_folded_once_are_those_folded_at_every_look(labels: tuple[list[str], ...]) -> None:
    stack = tuple(Labeled(label=label, value=f"v{index}") for index, label in enumerate(labels[0]))
    template = tuple(Labeled(label=label, value="") for label in labels[1])
    assert speckit_github.stack_lines(stack, template) == _stack_lines_by_definition(stack, template)


@settings(max_examples=80)
@given(label_lines())
@example("**分支**： `x`")
@example("**Branch** : x")
@example("**Branch :** x")
@example("**Branch\t：**x")
def test_a_label_line_without_either_colon_is_left_as_both_patterns_leave_it(line: str) -> None:
    by_definition = speckit_github._COLON_OUTSIDE.sub(
        r"\1: ", speckit_github._COLON_INSIDE.sub(r"\1\2: ", line, count=1), count=1
    )
    assert speckit_github._colon(line) == by_definition


@settings(max_examples=60)
@given(section_keys())
@example("execution flow (/plan command scope)")
@example("phase 3+ future implementation")
@example("phase 2 task planning approachx")
def test_template_sections_found_by_one_pattern_are_those_any_pattern_fully_matches(key: str) -> None:
    by_definition = any(re.fullmatch(pattern, key) for pattern in speckit_github._TEMPLATE_SECTIONS)
    assert (speckit_github._TEMPLATE_SECTION.fullmatch(key) is not None) == by_definition


@settings(max_examples=40)
@given(heading_titles())
def test_a_translated_heading_asked_again_is_answered_as_afresh(title: str) -> None:
    first = translated_heading(title)
    assert translated_heading(title) == first == translated_heading.__wrapped__(title)


# A translated plan of our own: its headings are the author's, put back over the writer's own.
_TRANSLATED_SPECKIT_GITHUB = """\
# 实现计划：离线同步

**分支**：`004-offline-sync` | **日期**：2026-03-02 | **规范**：[spec.md](./spec.md)

## 摘要

离线编辑，后台同步。

## 技术背景

**语言/版本**：Kotlin 2.0
**存储**：SQLite

## 章程检查

- [x] 规则 1

## 项目结构

### 文档（本功能）

```text
specs/004/
```

### 源代码（仓库根目录）

```text
app/src/
```

## 复杂性追踪

| 违规 | 为何需要 | 被拒绝的更简单替代方案 |
|------|----------|------------------------|
| 第四个项目 | 同步 | 太慢 |
"""


def _speckit_github_texts() -> list[str]:
    """Our translated plan and the Spec Kit plans of ../shared (corpus and cases)."""
    texts = [_TRANSLATED_SPECKIT_GITHUB, _TRANSLATED_SPECKIT_GITHUB.replace("## 摘要", "## Summary")]
    texts += [path.read_text(encoding="utf-8") for fmt, path in corpus_files() if fmt == "speckit-github"]
    cases = SHARED / "cases"
    texts += [path.read_text(encoding="utf-8") for path in sorted(cases.glob("*speckit-github.md"))]
    return texts


def test_a_speckit_github_text_s_titles_read_alone_are_its_reading_s_headings() -> None:
    # Each text, its writing afresh with its headings (as an appendix renders a plan) and without.
    fmt = get_format("speckit-github")
    assert fmt.read_titles is not None
    for text in _speckit_github_texts():
        plan = fmt.read(text)
        for each in (text, fmt.emit(attrs.evolve(plan, source=None)), fmt.laid_out(plan)):
            assert fmt.read_titles(each) == fmt.read(each).headings


@settings(max_examples=examples(10), deadline=None)
@given(plans())
def test_a_written_plan_s_titles_read_alone_are_its_reading_s_headings(plan: plancore.Plan) -> None:
    fmt = get_format("speckit-github")
    assert fmt.read_titles is not None
    text = fmt.emit(plan)
    assert fmt.read_titles(text) == fmt.read(text).headings


def test_an_appendix_rendering_titled_by_its_titles_alone_is_titled_as_by_its_reading() -> None:
    fmt = get_format("speckit-github")
    for text in _speckit_github_texts():
        plan = fmt.parse(text)
        if not plan.headings:
            continue
        laid_out = fmt.laid_out(attrs.evolve(plan, source=None))
        _headings._LAST.clear()
        alone = fmt.titled(laid_out, plan.headings, read_again=False)
        _headings._LAST.clear()
        assert alone == fmt.titled(laid_out, plan.headings)


def _shown_words_by_definition(words: set[str], plan: plancore.Plan, body: str) -> set[str]:
    # ``_convert._shown_words`` as it was: the body split into its lines.
    lines = body.split("\n")
    titles = {line.lstrip("#").strip() for line in lines if line.startswith("#")}
    labels = {
        label.label
        for label in plan.labels
        if f"**{label.value}" in body
        or (label.label == "metadata.title" and any(line.startswith(label.value) for line in lines))
    }
    shown = set()
    for path in words:
        name, _, index = path.partition("[")
        if name == "headings":
            if plan.headings[int(index[:-1])].value in titles:
                shown.add(path)
        elif plan.labels[int(index[:-1])].label.partition(":")[0] in labels:
            shown.add(path)
    return shown


@settings(max_examples=80)
@given(appendix_word_cases())
@example(("x\n实现计划：T\n### 摘要 \n**分支**：a", "实现计划：", "分支", "摘要"))
@example(("#\n##\n", "", "", ""))
@example(("a\nb", "a\nb", "x", "x"))
def test_template_words_shown_by_heading_lines_found_alone_are_those_shown_line_by_line(
    case: tuple[str, str, str, str],
) -> None:
    from plancore._convert import _shown_words

    body, prefix, label, heading = case
    plan = plancore.Plan(
        labels=(Labeled(label="metadata.title", value=prefix), Labeled(label="metadata.branch", value=label)),
        headings=(Labeled(label="summary", value=heading),),
    )
    words = {"labels[0]", "labels[1]", "headings[0]"}
    assert _shown_words(words, plan, body) == _shown_words_by_definition(words, plan, body)


def _grouped_afresh(conversion: plancore.Conversion) -> tuple[_appendix.LostSection, ...]:
    """``Conversion.lost_sections`` as it was defined: the source plan rendered again for its carried losses."""
    carried = tuple(loss for loss in conversion.losses if loss.carried)
    return _appendix.lost_sections(conversion.plan, carried, FORMATS.get(conversion.source))


def _lost_section_texts() -> list[str]:
    """The bundled examples and the reliability cases of ../shared (values the crosswalk moves, check marks
    listed by task ID: where the appendix's rendering cannot be reused)."""
    root = Path(__file__).resolve().parents[1] / "examples"
    texts = [path.read_text(encoding="utf-8") for path in sorted(root.glob("*.md"))]
    texts += [path.read_text(encoding="utf-8") for path in sorted((SHARED / "cases" / "reliability").glob("*.md"))]
    return texts


def test_lost_sections_from_the_appendix_s_rendering_are_those_rendered_afresh() -> None:
    # ``Conversion.lost_sections`` groups the losses by the rendering the appendix made where it shows
    # each lost value as the source's rendering would (the command line's warnings: no second rendering).
    reused = 0
    for text in _lost_section_texts():
        try:
            source = plancore.detect(text)
        except plancore.UnknownFormatError:
            continue  # a case of a plan no format fits
        for target in plancore.formats():
            if target == source:
                continue
            conversion = plancore.convert(text, target, source=source)
            if conversion.rendered is not None:
                places = _places(conversion.plan, conversion.written or conversion.plan, conversion.placed)
                carried = [loss for loss in conversion.losses if loss.carried]
                rendered = (*conversion.rendered, places)
                reused += _appendix._reused(rendered, get_format(source), carried) is not None
            assert conversion.lost_sections() == _grouped_afresh(conversion), (source, target)
    # The example's conversions carry fields in place: most reuse the rendering.
    assert reused >= 3


def _cleared_alike(texts: list[tuple[str, Format, str | None]]) -> int:
    """Asserts ``clear_placeholders`` of each ``(text, target, checked)`` is its definition's; the number
    decided by reading only the part before the cuts' next heading (``_reads_alike_before``)."""
    alone = []
    real = _crosswalk._reads_alike_before

    def noting(*args: Any) -> bool:
        alone.append(real(*args))
        return alone[-1]

    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.setattr(_crosswalk, "_reads_alike_before", noting)
        for text, target, checked in texts:
            expected = _crosswalk._cut_samples(_clear_walk(text, target), target, None)
            assert _crosswalk.clear_placeholders(text, target, checked) == expected, target.name
    return sum(alone)


def _outputs_cleared(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, Format, str | None]]:
    """The texts conversions clear placeholders from (their outputs, appendix in), as they come, with the
    text each conversion's loss check read."""
    found: list[tuple[str, Format, str | None]] = []
    real = _crosswalk.clear_placeholders

    def noting(text: str, target: Format, checked: str | None = None) -> str:
        found.append((text, target, checked))
        return real(text, target, checked)

    monkeypatch.setattr(_convert, "clear_placeholders", noting)
    return found


@pytest.mark.skipif(not corpus_files(), reason="../shared/corpus is absent")
def test_placeholders_cleared_from_conversions_with_an_appendix_are_the_definition_s(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The outputs with their appendix (those ``test_placeholders_cleared_are_those_of_the_definition`` writes
    # have none), to the formats whose header the conversions cut (aadt's Author, SpecPulse's comments) and
    # those whose footer follows the appendix (SmartSpec's, Spec Kit's: ``_appendix_alone``).
    found = _outputs_cleared(monkeypatch)
    for _, path in corpus_files()[::2]:
        text = path.read_text(encoding="utf-8")
        for name in ("aadt", "specpulse", "smartspec", "speckit"):
            if plancore.detect(text) != name:
                plancore.convert(text, name)
    assert _cleared_alike(found) > 5


@pytest.mark.skipif(not corpus_files(), reason="../shared/corpus is absent")
def test_outlines_of_cut_outputs_derived_from_the_output_s_are_the_parsed_ones(monkeypatch: pytest.MonkeyPatch) -> None:
    # The outlines the cuts of an output (its header's placeholder lines, the samples beside its appendix) are
    # derived with from the output's own outline, as a parse of each cut text gives them.
    real = _markdown.outline_like
    same: list[bool] = []

    def checked(text: str, doc: _markdown.Outline, before: int, after: int) -> _markdown.Outline:
        found = real(text, doc, before, after)
        same.append(_shape(found) == _shape(_markdown._outline(text)))
        return found

    monkeypatch.setattr(_crosswalk, "outline_like", checked)
    for _, path in corpus_files()[::2]:
        text = path.read_text(encoding="utf-8")
        for name in ("aadt", "maestro", "speckit"):
            if plancore.detect(text) != name:
                plancore.convert(text, name)
    assert len(same) > 10 and all(same)


@settings(max_examples=6)
@given(plans(), st.sampled_from(["smartspec", "maestro", "speckit-github"]), st.sampled_from(["aadt", "specpulse"]))
def test_placeholders_cleared_from_converted_plans_are_the_definition_s(
    plan: plancore.Plan, source: str, target: str
) -> None:
    with pytest.MonkeyPatch.context() as monkeypatch:
        found = _outputs_cleared(monkeypatch)
        plancore.convert(plancore.emit(plan, source), target, source=source)
    _cleared_alike(found)


@pytest.mark.parametrize(
    ("text", "alone"),
    [
        ("# T\n\n**A:** b\n\n## Next\n", True),
        # Blocks that read on past line ends, whatever is between: the part is not read alone.
        ("# T\n\n[a]: /x\n\n## Next\n", False),
        ("# T\n\n<div>\n\n## Next\n", False),
        # No blank line above the heading, or no ATX heading there.
        ("# T\n\n**A:** b\n## Next\n", False),
        ("# T\n\n**A:** b\n\nNext\n", False),
        # In a fenced code block, such a line is code; a link's label reaches no farther than 2,003 characters.
        ("# T\n\n```html\n<div>\n[a]: /x\n```\n\n## Next\n", True),
        ("# T\n\n<!-- c -->\n[a placeholder]\n~~~\n<pre>\n~~~\n\n## Next\n", True),
        ("# T\n\n[a]: /x\n\n" + "x\n" * 1002 + "\n## Next\n", True),
        # A fence indented (into a list item?), or not closed, or held in a comment; a definition before a fence.
        ("# T\n\n- a\n\n  ```\n  <div>\n  ```\n\n## Next\n", False),
        ("# T\n\n<!--\n```\n-->\n<div>\n```\n\n## Next\n", False),
        ("# T\n\n[a]: /x\n```\n<div>\n```\n\n## Next\n", False),
    ],
)
def test_a_part_is_read_alone_only_when_its_blocks_end_before_the_heading(text: str, alone: bool) -> None:
    end = text.find("Next") - (3 if "## Next" in text else 0)
    assert _markdown.parsed_alone(text, end) is alone
    if alone:
        # Its headings are those the whole text has before that offset.
        assert [node.title for node in _markdown.outline(text[:end]).walk()] == [
            node.title for node in _markdown.outline(text).walk() if node.start < end
        ]


# Lines of a text before a heading: fences of each mark, length and indentation, info strings (a backtick one
# opens none), HTML, comments and link definitions in fences and out, lines of ``[`` that define no link, and
# the blocks that hold a fence line (list items, block quotes, indented code, HTML, a definition's title).
_ALONE_LINES = [
    "```", "````", "~~~", "~~~~", "```py", "``` `x`", "~~~ `x`", " ```", "   ~~~", "    ```", "\t```", "x ```",
    "<div>", "  <div>", "<span a=1>", "<!--", "-->", "<pre>", "</pre>", "<?", "?>", "<!X", "[a]: /x", "  [b]: /y",
    "[a", "]: /z", "[placeholder text]", "[a]", "<!-- x -->", "<!-- a", "b -->", "<!--->", " <!--", "[a\\]]: /q",
    '[c]: /u "t', '"', "- item", "  - sub", "  ```", "1. one", "   <div>", "> quote", "> ```", ">", "    code",
    "\tcode", "", "", "text", "**A:** b", "## H", "### Sub", "---", "===", "| a | b |", "# T",
]  # fmt: skip


def _blocks(text: str) -> list[str]:
    """mistune's block parse of ``text`` (list items and quotes parsed to the bottom), each block as text,
    sorted: a block quote broken by a list is put after it or before it as the list ends the text or not."""
    state = BlockState()
    state.process(text)
    BlockParser().parse(state)
    return sorted(map(repr, state.tokens))


@settings(max_examples=400)
@given(st.lists(st.sampled_from(_ALONE_LINES), max_size=16), st.lists(st.sampled_from(_ALONE_LINES), max_size=6))
def test_a_part_told_alone_by_its_fences_is_parsed_as_in_the_whole_text(before: list[str], after: list[str]) -> None:
    # Every ATX heading after a blank line, a heading of the text's or not: what ``_fenced_only`` tells alone is
    # parsed as in the whole text, where that line is a heading. (``parsed_alone``'s other tests hold only for a
    # heading of the text's, as its callers ask.)
    text = "# T\n\n" + "\n".join(before) + "\n\n## Next\n" + "\n".join(after) + "\n"
    headings = [(node.level, node.title, node.start, node.body_start) for node in _markdown._outline(text).walk()]
    for end in (match.start() for match in re.finditer(r"(?<=\n\n)#", text)):
        if _markdown._fenced_only(text, end):
            assert end in [heading[2] for heading in headings]
            assert _blocks(text) == sorted(_blocks(text[:end]) + _blocks(text[end:]))
            parts = [
                (node.level, node.title, node.start, node.body_start) for node in _markdown._outline(text[:end]).walk()
            ]
            assert parts == [heading for heading in headings if heading[2] < end]
    for _, _, start, _ in headings:
        if _markdown.parsed_alone(text, start):
            assert _blocks(text) == sorted(_blocks(text[:start]) + _blocks(text[start:]))


@settings(max_examples=300)
@given(
    st.lists(st.sampled_from(_ALONE_LINES), max_size=12),
    st.lists(st.sampled_from(_ALONE_LINES), max_size=6),
    st.lists(st.sampled_from(_ALONE_LINES), max_size=6),
)
@example(["```tsx", "<Chart data={x} />", "```"], ["Text."], ["More text.", "<div>"])
def test_an_outline_derived_past_html_in_code_is_the_parsed_one(
    before: list[str], after: list[str], edit: list[str]
) -> None:
    # A text whose HTML or link definitions stand before the part changed: the derivation parses from the
    # last heading before the change when ``_fenced_only`` tells that heading ends every block before it.
    old = "# T\n\n" + "\n".join(before) + "\n\n## Next\n\n" + "\n".join(after) + "\n\n## Last\n\nEnd.\n"
    new = old.replace("\n\n## Last\n", "\n" + "\n".join(edit) + "\n\n## Last\n")
    _assert_derived_is_parsed(old, new)


def test_an_outline_is_derived_past_html_in_a_code_sample() -> None:
    # JSX in a fenced code block (a specpulse plan's component samples) leaves the text before it parsed once.
    sample = "## Component\n\n```tsx\n<PriceChart data={prices} />\n```\n\n"
    old = "# Plan\n\n" + sample + "".join(f"## Part {index}\n\nText {index}.\n\n" for index in range(12))
    new = old + "## Appendix: Carried Over\n\n- **Summary:** Why.\n"
    _markdown.forget()
    doc = _markdown.outline(old)
    derived = _markdown._reparsed(doc, new, len(old), 0)
    assert derived is not None
    assert _shape(derived) == _shape(_markdown._outline(new))
    _markdown.forget()


def _cut_samples_defined(text: str, target: Format) -> str:
    """``_crosswalk._cut_samples``'s definition (as round 1 wrote it): every node asked afresh whether
    it is a sample, the whole outline visited and every section compared for twins, with no early end."""
    samples = _crosswalk._blank_sections(target)
    headed = {(title, level) for title, level, _ in samples}
    known = _crosswalk._template_lines(target.name, target.blank_text)
    cuts: list[tuple[int, int]] = []

    def sample(node: _markdown.Node) -> bool:
        return (node.title, node.level) in headed and (node.title, node.level, _crosswalk._content(node)) in samples

    def empty(node: _markdown.Node) -> bool:
        own = _crosswalk._lines(_crosswalk._own_text(node, False))
        return sample(node) or (own <= known and all(map(empty, node.children)))

    def visit(node: _markdown.Node, top: bool) -> None:
        if sample(node):
            return
        if not top and node.children and not empty(node):
            cuts.extend((child.start, _crosswalk._before_rule(child)) for child in node.children if sample(child))
        for child in node.children:
            visit(child, False)

    roots = _markdown.outline(text).roots
    for index, root in enumerate(roots):
        visit(root, index == 0 and root.level == 1)
    nodes = [node for root in roots for node in (root, *_crosswalk._descendants(root))]
    carried = [range(node.start, node.end) for node in nodes if node.title == _crosswalk.APPENDIX_HEADING]
    nodes = [node for node in nodes if not any(node.start in span for span in carried)]
    labels: dict[str, set[str]] = {}
    for heading in own_headings(target):
        labels.setdefault(_crosswalk.normalize_title(heading.value), set()).add(heading.label)
    authored = [
        (node, _crosswalk._stands_for(node.title))
        for node in nodes
        if node.level > 1 and not sample(node) and node.key not in labels
    ]
    for node in nodes:
        mine = labels.get(node.key, set())
        if node.level < 2 or not mine or not sample(node):
            continue
        for other, fields in authored:
            apart = other.start not in range(node.start, node.end) and node.start not in range(other.start, other.end)
            if other.key != node.key and apart and mine & fields:
                cuts.append((node.start, _crosswalk._before_rule(node)))
                break
    own = {_crosswalk.normalize_title(heading.value) for heading in own_headings(target)}
    cuts = sorted(
        cut
        for cut in set(cuts)
        if not any(a <= cut[0] and cut[1] <= b and (a, b) != cut for a, b in cuts)
        and _crosswalk._next_title(text, cut[1]) in own | {""}
    )
    read = target.parse(text)
    everything = text
    for start, stop in reversed(cuts):
        everything = everything[:start] + everything[stop:]
    result = text
    if target.parse(everything) == read:
        result = everything
    else:
        for start, stop in reversed(cuts):
            cut = result[:start] + result[stop:]
            if target.parse(cut) == read:
                result = cut
    # A text cut is numbered again by its format (maestro's 1.3 after 1.2 was cut: 1.2), where it reads as before.
    again = result if result == text or target.renumbered is None else target.renumbered(result)
    return again if target.parse(again) == read else result


# A maestro plan whose Testing Strategy the author filled, its template's sample subsections beside
# it (cut); an aadt plan with an author's dependencies section in Chinese after the sample table (a
# twin, not cut: without the sample the author's section is read as Dependencies); one with no sample
# section at all (the early end).
_SAMPLES_BESIDE = (
    ("maestro", "## 6. Testing Strategy\n\nEvery parser is tested against the corpus.\n"),
    ("aadt", "## 📦 依赖项\n\n- mistune 3\n- jinja2 3\n"),
)


def _sample_texts() -> list[tuple[str, Format]]:
    texts = []
    for name, section in _SAMPLES_BESIDE:
        target = get_format(name)
        blank = target.blank_text
        texts.append((blank, target))
        texts.append((blank + "\n" + section, target))
        heading = section.split("\n", 1)[0]
        if heading in blank:
            texts.append((blank.replace(heading + "\n", section + "\n", 1), target))
    texts.append(("# Plan: Export\n\n## Notes\n\nNothing of any template's.\n", get_format("aadt")))
    return texts


def test_samples_cut_are_those_of_the_definition(monkeypatch: pytest.MonkeyPatch) -> None:
    # The texts conversions cut samples from, as they come (the example's and the corpus's, when
    # present, to every format), and texts of my own, each cut as its definition cuts it.
    found: list[tuple[str, Format]] = []
    # What the conversions' own calls gave (a reading at hand, the text the loss check read): the definition's too.
    given: list[tuple[str, Format, str]] = []
    real = _crosswalk._cut_samples

    def noting(text: str, target: Format, read: Any, alike: str | None = None, checked: str | None = None) -> str:
        found.append((text, target))
        given.append((text, target, real(text, target, read, alike, checked)))
        return given[-1][2]

    with monkeypatch.context() as patch:
        patch.setattr(_crosswalk, "_cut_samples", noting)
        sources = [
            path.read_text(encoding="utf-8")
            for path in sorted((Path(__file__).resolve().parents[1] / "examples").glob("*.md"))
        ]
        sources += [path.read_text(encoding="utf-8") for _, path in corpus_files()[::6]]
        for source in sources:
            for target in plancore.formats():
                plancore.convert(source, target)
    for text, target, result in given:
        forget_texts()
        assert result == _cut_samples_defined(text, target), target.name
    found += _sample_texts()
    cut = early = 0
    for text, target in found:
        forget_texts()
        expected = _cut_samples_defined(text, target)
        assert real(text, target, None) == expected, target.name
        cut += expected != text
        nodes = list(_markdown.outline(text).walk())
        early += not any(
            (n.title, n.level, _crosswalk._content(n)) in _crosswalk._blank_sections(target) for n in nodes
        )
    # Both paths taken: texts cut, and texts with no sample at all (the early end).
    assert cut >= 3 and early >= 1, (cut, early)


@pytest.mark.skipif(not corpus_files(), reason="../shared/corpus is absent")
def test_a_cut_judged_within_its_section_reads_as_the_whole_does(monkeypatch: pytest.MonkeyPatch) -> None:
    # Every conversion's judgement of a sample's cut by the one section it changes (``_reads_alike_within``,
    # where the target reads that section as a part of its own), the examples' and the corpus's to each
    # format that says where: each cut it finds reading as before reads as before by the whole texts.
    real = _crosswalk._reads_alike_within
    judged: list[tuple[str, str, Format, bool]] = []

    def noting(text: str, cut: str, doc: _markdown.Outline, target: Format) -> bool:
        judged.append((text, cut, target, real(text, cut, doc, target)))
        return judged[-1][3]

    targets = [fmt for fmt in FORMATS.values() if fmt.local_section is not None]
    with monkeypatch.context() as patch:
        patch.setattr(_crosswalk, "_reads_alike_within", noting)
        sources = [
            path.read_text(encoding="utf-8")
            for path in sorted((Path(__file__).resolve().parents[1] / "examples").glob("*.md"))
        ]
        sources += [path.read_text(encoding="utf-8") for _, path in corpus_files()]
        paths = sorted(SHARED.glob("cases/**/*.md")) + sorted(SHARED.glob("seeds/*.txt"))
        sources += [path.read_text(encoding="utf-8") for path in paths]
        for source in sources:
            for target in targets:
                # (A case no format reads, or one of a conversion's failures, is no cut.)
                with contextlib.suppress(plancore.PlanError):
                    plancore.convert(source, target.name)
    alike = several = 0
    for text, cut, target, answer in judged:
        if answer:
            forget_texts()
            assert target.parse(cut) == target.parse(text), target.name
            alike += 1
            several += _sections_changed(text, cut) > 1
    # The judgement answered for most cuts (the subsections of samples under an author's section), cuts from
    # several sections among them.
    assert targets and alike >= 5 and several >= 3, (alike, several)


def _sections_changed(text: str, cut: str) -> int:
    """How many of the sections under the title (or after it) of ``text`` are another text in ``cut``."""
    sections = []
    for each in (text, cut):
        roots = _markdown.outline(each).roots
        sections.append([each[node.start : node.end] for node in [*roots[0].children, *roots[1:]]])
    return sum(old != new for old, new in zip(*sections, strict=True))


def test_a_sample_cut_is_judged_by_the_whole_reading() -> None:
    # Why ``_cut_samples`` reads the whole text, not only the part before the cut's next heading (as
    # ``_reads_alike_before`` does for placeholder lines): an author's section after that heading can
    # be read into the cut sample's field once the sample is gone. The parts before read alike, the
    # wholes do not, and the sample stays.
    aadt = get_format("aadt")
    text = aadt.blank_text + "\n" + _SAMPLES_BESIDE[1][1]
    start = text.index("## Dependencies\n")
    stop = text.index("\n## ", start + 1) + 1
    cut = text[:start] + text[stop:]
    assert aadt.parse(text[:stop]) == aadt.parse(cut[:start])
    assert aadt.parse(cut) != aadt.parse(text)
    assert _crosswalk._cut_samples(text, aadt, None) == text


def _unruled_by_lines(text: str) -> str:
    """``_reading.unruled``'s definition: the text split into lines, rules and the blanks before them taken
    off the end, a rule under text (a setext underline) kept."""
    lines = text.rstrip().split("\n")
    end = len(lines)
    rule = _reading._RULE
    while end and rule.match(lines[end - 1]) and (end == 1 or not _reading._underlines(lines[end - 2], lines[end - 1])):
        end -= 1
        while end and not lines[end - 1].strip():
            end -= 1
    return text if end == len(lines) else _reading.strip_blank("\n".join(lines[:end]))


@given(ruled_text)
@example("---")
@example("text\n---")
@example("\n---\n\n---")
@example("text\n\n---\n***\n")
@example("  \n---")
def test_unruled_read_from_the_end_is_its_definition(text: str) -> None:
    assert _reading.unruled(text) == _unruled_by_lines(text)


@given(repeated_ruled_text)
@example("---\n---")
@example("text\n---\n---\n---")
@example("\n---\n---\n---\n")
@example("text\n\n- - -\n- - -\n\n---\n---\n")
@example("text\r\n---\r\n---\r\n---\r\n")
def test_unruled_skipping_copies_of_a_rule_is_its_definition(text: str) -> None:
    # (A run of copies of one rule is dropped at once: each copy under its like, but the topmost, which may underline.)
    assert _reading.unruled(text) == _unruled_by_lines(text)


def _with_appendix(text: str, body: str) -> str:
    # (The template's one line that might open a link reference definition drawn: no block then reads on.)
    text = text.replace("[Component diagram or flow chart]", "A diagram.")
    return text.rstrip("\n") + f"\n\n## {_crosswalk.APPENDIX_HEADING}\n\n{body}\n"


def test_a_sample_cut_is_judged_before_an_appendix_that_reads_alone() -> None:
    # Cuts before the appendix are judged by the text before it (the output the loss check read): an appendix
    # the target reads as a section of its own, whatever comes before it, leaves the judgement as the whole's.
    aadt = get_format("aadt")
    text = _with_appendix(aadt.blank_text + "\n" + _SAMPLES_BESIDE[1][1], "### Background\n\nCarried as written.")
    roots = _markdown.outline(text).roots
    assert _crosswalk._appendix_alone(text, roots, aadt) == (text.index("## " + _crosswalk.APPENDIX_HEADING), "")
    forget_texts()
    assert _crosswalk._cut_samples(text, aadt, None) == _cut_samples_defined(text, aadt) != text


def test_an_appendix_read_into_a_field_is_no_appendix_read_alone() -> None:
    # An appendix whose table a reader takes as a field's by its shape (aadt's risks, once the sample Risks
    # section is cut) would read otherwise after a cut: such a cut is judged by the whole reading.
    aadt = get_format("aadt")
    table = "| Risk | Probability | Impact | Mitigation |\n| --- | --- | --- | --- |\n| Drift | High | High | Pin |"
    text = _with_appendix(aadt.blank_text + "\n" + _SAMPLES_BESIDE[1][1], table)
    assert _crosswalk._appendix_alone(text, _markdown.outline(text).roots, aadt) is None
    forget_texts()
    assert _crosswalk._cut_samples(text, aadt, None) == _cut_samples_defined(text, aadt)


# The readers that build their plans tidy value by value (each value ``tidy`` as made, not the whole plan walked).
_TIDY_READERS = ["aadt", "maestro", "specpulse", "speckit", "smartspec"]
# Blanks ``str.rstrip`` takes and Markdown keeps in a line: a line ending in them leaves them in what a reader reads.
_LINE_ENDS = [" ", "\t", "\u00a0", "\u3000", "\x0b", "\x0c", "\x1c", "\x85", "\u2003", " \u00a0"]


def _padded_lines(text: str, end: str) -> str:
    # Every line of ``text`` ending in ``end``, and every table cell and label's value in it too.
    text = text.replace(" |", end + " |").replace(":** ", ":** " + end)
    return "\n".join(line + end for line in text.split("\n"))


def _read_untidy(name: str, text: str) -> bool:
    plan = get_format(name).read(text)
    return _tidy_walk(plan) != plan


@pytest.mark.skipif(not corpus_files(), reason="../shared/corpus is absent")
def test_readers_read_tidy_plans_over_the_corpus() -> None:
    texts = [path.read_text(encoding="utf-8") for _, path in corpus_files()]
    texts += [path.read_text(encoding="utf-8") for path in (Path(__file__).parent / "golden").glob("*.md")]
    texts += [_padded_lines(text, end) for text in texts for end in _LINE_ENDS]
    for name in _TIDY_READERS:
        assert not [text for text in texts if _read_untidy(name, text)], name


@settings(max_examples=examples(20), deadline=None)
@given(plan=plans(), name=st.sampled_from(_TIDY_READERS), end=st.sampled_from(_LINE_ENDS))
def test_readers_read_tidy_plans_of_written_plans(plan: plancore.Plan, name: str, end: str) -> None:
    text = plancore.emit(plan, name)
    assert not _read_untidy(name, text)
    assert not _read_untidy(name, _padded_lines(text, end))


_EXPORT = "# Implementation Plan: Export\n\n"


_PULSE_REFERENCE = "## Specification Reference\n- **Spec Version**: 1.0\n"


_SPECPULSE_HEADERS = (
    "specpulse",
    [
        # The template's placeholder comments and Spec ID cut from an output's header (most conversions to it).
        (
            _EXPORT + "<!-- FEATURE_DIR: {{feature_directory}} -->\n<!-- FEATURE_ID: 001-x -->\n\n"
            "## Specification Reference\n- **Spec ID**: SPEC-{{feature_id}}\n- **Spec Version**: 1.0\n\n",
            _EXPORT + "<!-- FEATURE_ID: 001-x -->\n\n" + _PULSE_REFERENCE + "\n",
            True,
        ),
        # An author's value; a second comment of the field, read in the cut one's place; no bullet of a field left.
        (_EXPORT + "<!-- PLAN_NUMBER: 2 -->\n\n" + _PULSE_REFERENCE, _EXPORT + "\n" + _PULSE_REFERENCE, False),
        (
            _EXPORT + "<!-- PLAN_NUMBER: {{plan_number}} -->\n<!-- PLAN_NUMBER: 2 -->\n\n" + _PULSE_REFERENCE,
            _EXPORT + "<!-- PLAN_NUMBER: 2 -->\n\n" + _PULSE_REFERENCE,
            False,
        ),
        (
            _EXPORT + "## Specification Reference\n- **Spec ID**: SPEC-{{feature_id}}\n- **Owner**: Ann\n",
            _EXPORT + "## Specification Reference\n- **Owner**: Ann\n",
            False,
        ),
    ],
)


_AADT_HEADERS = (
    "aadt",
    [
        # The template's placeholder lines cut from an output's header (most conversions to aadt).
        (
            _EXPORT + "**Issue:** {{ISSUE_ID}}\n**Spec:** x.md\n**Author:** {{AUTHOR}}\n\n",
            _EXPORT + "**Spec:** x.md\n\n",
            True,
        ),
        (
            _EXPORT + "**Issue:** {{ISSUE_ID}}\n**Author:** {{AUTHOR}}\n\n- **Estimated Duration**: 7 days\n",
            _EXPORT + "\n- **Estimated Duration**: 7 days\n",
            True,
        ),
        # An author's value; a second line of the label, read in the cut line's place; a list item's line.
        (_EXPORT + "**Issue:** 42\n**Spec:** x.md\n", _EXPORT + "**Spec:** x.md\n", False),
        (_EXPORT + "**Issue:** {{ISSUE_ID}}\n**Issue:** 42\n", _EXPORT + "**Issue:** 42\n", False),
        (_EXPORT + "- **Issue:** {{ISSUE_ID}}\n- x\n", _EXPORT + "- x\n", False),
        # A line that could underline the paragraph the cut line leaves, or a heading: read, not told.
        (_EXPORT + "Words\n**Issue:** {{ISSUE_ID}}\n---\n", _EXPORT + "Words\n---\n", False),
        (_EXPORT + "**Issue:** {{ISSUE_ID}}\n\n## Overview\n", _EXPORT + "\n## Overview\n", False),
    ],
)


@pytest.mark.parametrize(
    ("name", "header", "cut", "alike"),
    [(name, *case) for name, cases in (_AADT_HEADERS, _SPECPULSE_HEADERS) for case in cases],
)
def test_a_format_tells_its_placeholder_lines_cut_from_a_header(name: str, header: str, cut: str, alike: bool) -> None:
    target = get_format(name)
    assert _told_alike(target, header, cut) is alike
    if alike:
        assert target.parse(cut) == target.parse(header)


def _told_alike(target: Format, header: str, cut: str) -> bool:
    """What ``target.header_alike`` tells of ``cut``, ``header`` less some lines (as ``_reads_alike_before`` asks)."""
    assert target.header_alike is not None
    lines = header.split("\n")
    removed = _crosswalk._lines_cut(lines, cut.split("\n"))
    return bool(removed) and target.header_alike(lines, removed)


@settings(max_examples=examples(100))
@given(
    st.one_of(
        header_cuts().map(lambda texts: ("aadt", *texts)),
        specpulse_header_cuts().map(lambda texts: ("specpulse", *texts)),
    )
)
def test_a_header_told_alike_by_its_format_reads_alike(texts: tuple[str, str, str]) -> None:
    # ``Format.header_alike`` answers alike only where the header and the cut one read alike.
    name, header, cut = texts
    target = get_format(name)
    if _told_alike(target, header, cut):
        assert target.parse(cut) == target.parse(header)


@pytest.mark.skipif(not corpus_files(), reason="../shared/corpus is absent")
def test_headers_told_alike_in_conversions_read_alike(monkeypatch: pytest.MonkeyPatch) -> None:
    # Every header the conversions of the examples and the corpus to a format that tells them
    # (``Format.header_alike``) cut placeholder lines from and told alike: it reads alike, and so do the texts.
    told: list[tuple[str, str, Format]] = []
    judged: list[tuple[str, str, Format]] = []
    targets = [fmt for fmt in FORMATS.values() if fmt.header_alike is not None]
    real_before = _crosswalk._reads_alike_before

    def before(text: str, cut: str, last: int, nodes: list[_markdown.Node], target: Format) -> bool:
        answer = real_before(text, cut, last, nodes, target)
        if answer:
            judged.append((text, cut, target))
        return answer

    def noting(
        real: Callable[[Sequence[str], Sequence[int]], bool], target: Format
    ) -> Callable[[Sequence[str], Sequence[int]], bool]:
        def told_alike(lines: Sequence[str], removed: Sequence[int]) -> bool:
            answer = real(lines, removed)
            if answer:
                header = "\n".join(lines)
                told.append((header, "\n".join(line for at, line in enumerate(lines) if at not in removed), target))
            return answer

        return told_alike

    monkeypatch.setattr(_crosswalk, "_reads_alike_before", before)
    sources = [
        path.read_text(encoding="utf-8")
        for path in sorted((Path(__file__).resolve().parents[1] / "examples").glob("*.md"))
    ]
    sources += [path.read_text(encoding="utf-8") for _, path in corpus_files()]
    reals = {target.name: target.header_alike for target in targets}
    try:
        for target in targets:
            real = target.header_alike
            assert real is not None
            # (A format is frozen: its declaration is wrapped in place, and put back below.)
            object.__setattr__(target, "header_alike", noting(real, target))
        for source in sources:
            for target in targets:
                with contextlib.suppress(plancore.PlanError):
                    if plancore.detect(source) != target.name:
                        plancore.convert(source, target.name)
    finally:
        for target in targets:
            object.__setattr__(target, "header_alike", reals[target.name])
    for header, cut, target in told:
        forget_texts()
        assert target.parse(cut) == target.parse(header), target.name
    for text, cut, target in judged:
        forget_texts()
        assert target.parse(cut) == target.parse(text), target.name
    assert targets and len(told) >= 5, len(told)


_SPECPULSE_HEAD = (
    "# Implementation Plan: Export\n\n<!-- STATUS: pending -->\n\n"
    "## Specification Reference\n- **Spec Version**: 1.0\n\n## Architecture Overview\n\n"
)
_SPECPULSE_TAIL = (
    "## Constitution Check\n\nAll gates pass.\n\n## Implementation Phases\n\n"
    "### Phase 1: Foundation [Priority: HIGH]\n**Timeline**: 2 days\n\n#### Tasks\n1. [ ] Build it\n"
)
_SPECPULSE_DESIGN = "### High-Level Design\n[High-level description of the solution approach]\n\n"
_SPECPULSE_STACK = (
    "### Technical Stack\n- **Frontend**: [Technologies and frameworks]\n- **Backend**: [Technologies and frameworks]\n"
    "- **Database**: [Database technologies]\n- **Infrastructure**: [Infrastructure components]\n\n"
)
_AADT_TESTING = (
    "# Implementation Plan: Export\n\n**Spec:** x.md\n\n## Overview\n\nExport data.\n\n## Testing Strategy\n\n"
    "### Unit Tests\n\n- test the queue\n\n"
)
_SPECKIT_APPROACH = (
    "# Implementation Plan: Export\n\n## Context\n\nExport the data.\n\n## Technical Approach\n\n"
    "### Architecture\n\nA queue and a worker.\n\n"
)
_SPECKIT_DATA = (
    "### Data Model\n\nIf applicable, describe data structures:\n\n- Database schema changes\n- API contracts\n"
    "- Data flows\n\n"
)
_AADT_MANUAL = "### Manual Testing\n\n- [ ] Test case 1: Description\n- [ ] Test case 2: Description\n\n"
_CONSTITUTION = "## Constitution Check\n\nAll gates pass.\n"
_SMARTSPEC_TESTING = (
    "# Implementation Plan: Export\n\n## Executive Summary\n\nExport data.\n\n## Testing Strategy\n\n"
    "### Unit Tests\n\n- test the queue\n\n"
)
_SMARTSPEC_E2E = "### E2E Tests\n\n- {{e2e_test_1}}\n- {{e2e_test_2}}\n\n"
_MAESTRO_TESTING = (
    "# Implementation Plan: Export\n\n**Feature ID:** 001\n\n---\n\n## 1. Architecture Overview\n\n"
    "### 1.1 High-Level Design\n\nA queue.\n\n---\n\n## 6. Testing Strategy\n\n"
    "### 6.1 Unit Tests\n\n- test the queue\n\n"
)
_MAESTRO_DATA = "### 6.4 Test Data\n\n{What test data/fixtures are needed}\n\n"
_MAESTRO_RISKS = (
    "## 7. Risks and Mitigations\n\n| Risk | Likelihood | Impact | Mitigation | Owner |\n"
    "| --- | --- | --- | --- | --- |\n| Loss | L | H | Backups | Ann |\n"
)


def test_a_sample_cut_before_the_last_sub_section_of_specpulse_s_architecture_is_judged_by_it_alone() -> None:
    # The High-Level Design sample cut from an Architecture Overview whose Technical Stack is the author's,
    # an author's section after it (``Format.local_before_last``): judged by the section alone, as the whole reads.
    specpulse = get_format("specpulse")
    text = _SPECPULSE_HEAD + _SPECPULSE_DESIGN + "### Technical Stack\n- **Backend**: Go\n\n" + _SPECPULSE_TAIL
    cut = text.replace(_SPECPULSE_DESIGN, "")
    assert _crosswalk._reads_alike_within(text, cut, _markdown.outline(text), specpulse)
    assert specpulse.parse(cut) == specpulse.parse(text)
    assert _crosswalk._cut_samples(text, specpulse, None) == cut


@pytest.mark.parametrize(
    ("name", "text", "sample", "after"),
    [
        # An author's section after SpecPulse's Architecture Overview, and a second Overview after aadt's
        # Testing Strategy (kept as written: its field's section is the first): each placed after the
        # section's last sub-section read, the sample cut.
        (
            "specpulse",
            _SPECPULSE_HEAD + "### High-Level Design\nA queue.\n\n" + _SPECPULSE_STACK,
            _SPECPULSE_STACK,
            _SPECPULSE_TAIL,
        ),
        (
            "aadt",
            _AADT_TESTING + _AADT_MANUAL,
            _AADT_MANUAL,
            "## Overview\n\nMore.\n\n## Migration/Deployment\n\nNone.\n",
        ),
        ("aadt", _AADT_TESTING + _AADT_MANUAL, _AADT_MANUAL, "## Constitution Check\n\nAll gates pass.\n"),
        ("speckit", _SPECKIT_APPROACH + _SPECKIT_DATA, _SPECKIT_DATA, "## Constitution Check\n\nAll gates pass.\n"),
        ("smartspec", _SMARTSPEC_TESTING + _SMARTSPEC_E2E, _SMARTSPEC_E2E, _CONSTITUTION),
        # maestro's Risks, its table of a column more, refused by its fit: the author's section, after the tests.
        ("maestro", _MAESTRO_TESTING + _MAESTRO_DATA, _MAESTRO_DATA, _MAESTRO_RISKS),
    ],
)
def test_a_section_s_last_sample_cut_before_a_section_kept_is_not_judged_by_the_section_alone(
    name: str, text: str, sample: str, after: str
) -> None:
    # The section reads alike alone with its last sub-section cut, but the section after it is placed after
    # another field then: ``_reads_alike_within`` cannot tell, and the sample stays.
    target = get_format(name)
    text += after
    cut = text.replace(sample, "")
    head = text.index("\n## ") + 1
    section = text.index("## ", text.index("\n## ", head + 1))
    alone = text[:head], text[section : text.index(after)], cut[section : cut.index(after)]
    assert target.parse(alone[0] + alone[1]) == target.parse(alone[0] + alone[2])
    assert target.parse(cut) != target.parse(text)
    assert not _crosswalk._reads_alike_within(text, cut, _markdown.outline(text), target)
    assert target.parse(_crosswalk._cut_samples(text, target, None)) == target.parse(text)


def test_samples_cut_from_two_sections_of_smartspec_are_judged_by_each_alone() -> None:
    # Samples cut beside the author's text in the Architecture Overview and in the Testing Strategy: each section
    # read alone (``Format.local_section``) with the header reads as before, and so does the whole text.
    smartspec = get_format("smartspec")
    blank = smartspec.blank_text
    text = blank.replace("```\n{{system_context_diagram}}\n```", "A queue feeds one worker.", 1)
    text = text.replace("- {{unit_test_1}}\n- {{unit_test_2}}", "- test the queue", 1)
    design = blank[blank.index("### Component Design") : blank.index("## Technical Decisions")]
    tests = blank[blank.index("### Integration Tests") : blank.index("## Rollout Plan")]
    cut = text.replace(design, "").replace(tests, "")
    assert _crosswalk._reads_alike_within(text, cut, _markdown.outline(text), smartspec)
    forget_texts()
    assert smartspec.parse(cut) == smartspec.parse(text)
    assert _crosswalk._cut_samples(text, smartspec, None) == cut


def test_maestro_s_architecture_with_a_data_flow_is_not_read_alone() -> None:
    # The Architecture Overview's Data Flow claims the field before the Data Model's is read (``_Reader``): with
    # one, what the section holds decides how a section after it reads, and it is not judged alone.
    maestro = get_format("maestro")
    text = maestro.blank_text.replace("{Describe how this feature fits", "A queue. {Describe how this feature fits", 1)
    flow = "### 1.4 Data Flow\n\nRows flow from the queue to the worker.\n\n"
    with_flow = text.replace("---\n\n## 2. Component Design", flow + "---\n\n## 2. Component Design", 1)
    for each, local in ((text, True), (with_flow, False)):
        doc = _markdown.outline(each)
        siblings = [*doc.roots[0].children, *doc.roots[1:]]
        assert maestro.local_section is not None and maestro.local_before_last is not None
        assert maestro.local_section(siblings[0], siblings) is local
        assert maestro.local_before_last(siblings[0], siblings) is local


@settings(max_examples=examples(10))
@given(plan=plans(), source=st.sampled_from(sorted(FORMATS)))
def test_a_cut_judged_by_its_sections_alone_reads_as_the_whole_does(plan: plancore.Plan, source: str) -> None:
    # ``_reads_alike_within`` over conversions of written plans (sections filled in part, so samples stand beside
    # the author's text, in one section or several): each cut it judged alike reads as before by the whole texts.
    judged: list[tuple[str, str, Format]] = []
    real = _crosswalk._reads_alike_within

    def noting(text: str, cut: str, doc: _markdown.Outline, target: Format) -> bool:
        answer = real(text, cut, doc, target)
        if answer:
            judged.append((text, cut, target))
        return answer

    text = plancore.emit(plan, source)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(_crosswalk, "_reads_alike_within", noting)
        for target in FORMATS.values():
            if target.local_section is not None and target.name != source:
                plancore.convert(text, target.name, source=source)
    for before, cut, target in judged:
        forget_texts()
        assert target.parse(cut) == target.parse(before), target.name
