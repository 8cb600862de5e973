"""The appendix a conversion writes for what the target has no place for.

The expected texts below were written from examples/smartspec-plan.md by
hand: each is the source's section, under its own headings, cut down to the
values given as lost.
"""

from __future__ import annotations

import re
from pathlib import Path

import attrs
import pytest
from helpers import SHARED, corpus_files, examples, shown
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import format_chains, markdownish_text, plans, token_picks

import plancore
from plancore import _appendix
from plancore._appendix import (
    _outlined_parts,
    _Part,
    _parts,
    _Rendering,
    _tokened,
    _tokened_only,
    appendix,
    appendix_parts,
    lost_sections,
)
from plancore._fields import leaves
from plancore._loss import Loss
from plancore._markdown import outline
from plancore._model import Architecture, ComplexityEntry, Component, Metadata, Plan, Section
from plancore._registry import get_format
from plancore._report import APPENDIX_HEADING, Tokens

EXAMPLE = (Path(__file__).resolve().parents[1] / "examples" / "smartspec-plan.md").read_text(encoding="utf-8")
PLAN = plancore.parse(EXAMPLE, "smartspec")
SMARTSPEC = get_format("smartspec")


def _lost(*pairs: tuple[str, object]) -> list[Loss]:
    return [Loss(path=path, reason="aadt has no place for it", value=value) for path, value in pairs]


def _body(losses: list[Loss], plan: Plan = PLAN) -> str:
    return appendix(losses, "smartspec", "aadt", plan=plan, source_format=SMARTSPEC).body


def _blocks(body: str) -> list[str]:
    """The body less its opening sentence."""
    return body.split("\n\n")[1:]


def test_table_rows_stay_rows_under_the_source_s_headings() -> None:
    body = _body(
        _lost(
            ("architecture.components[0].technology", "FastAPI"),
            ("architecture.components[0].notes", "Rate limited per IP"),
        )
    )
    # The example's "### Component Design" under "## Architecture Overview": only the row that holds the lost
    # cells, in the columns of those and the one naming the component; its responsibility, which landed in the
    # target, is not repeated (s12 trial item 1: a risk's mitigation repeated beside its lost likelihood).
    assert _blocks(body) == [
        "### Architecture Overview",
        "#### Component Design",
        "| Component | Technology | Notes |\n|---|---|---|\n| ResetController | FastAPI | Rate limited per IP |",
    ]


def test_list_entries_stay_list_items_nested_in_their_parent() -> None:
    body = _body(
        _lost(
            ("internal_dependencies[1]", "Celery"),
            ("decisions[0].options[1].notes", "revocable, one extra query"),
        )
    )
    # In the order of the source: the decision comes before the dependencies;
    # the option stays under "**Options Considered:**", with its number.
    assert _blocks(body) == [
        "### Technical Decisions",
        "#### Decision 1: Token storage",
        "- **Options Considered:**\n  2. Database row - revocable, one extra query",
        "### Dependencies",
        "#### Existing Dependencies Used",
        "- Celery",
    ]


def test_code_keeps_its_fence_and_language() -> None:
    body = _body(_lost(("data_model.schema", PLAN.data_model.schema)))
    assert _blocks(body)[:2] == ["### Database Schema", "#### New Tables"]
    assert _blocks(body)[2].startswith("```sql\nCREATE TABLE password_reset_tokens (\n")
    assert body.endswith("    used_at TIMESTAMPTZ\n);\n```")


def test_request_and_response_keep_their_labels_and_fences() -> None:
    body = _body(_lost(("api.examples[0].response", '{"status": "queued"}')))
    # The example's item heading names it; the response's label and json fence are the source's.
    assert _blocks(body) == [
        "### API Design",
        "#### Request/Response Examples",
        "##### Request a reset",
        '**Response:**\n```json\n{"status": "queued"}\n```',
    ]


def test_metadata_is_written_before_the_sections() -> None:
    body = _body(_lost(("summary", PLAN.summary), ("metadata.updated", "2026-11-20")))
    blocks = _blocks(body)
    # The source's footer line carries the date; the summary is under its heading.
    assert blocks[0] == "*Last Updated: 2026-11-20*"
    assert blocks[1] == "### Executive Summary"
    assert blocks[2].startswith("Users who forget their password")


def test_the_author_s_heading_is_the_group_s_heading() -> None:
    renamed = plancore.parse(EXAMPLE.replace("## Executive Summary\n", "## Overview\n", 1), "smartspec")
    # "Overview" is a heading smartspec reads as the summary's, not its own.
    assert renamed.headings
    body = _body(_lost(("summary", renamed.summary)), renamed)
    assert _blocks(body)[0] == "### Overview"


def test_a_section_kept_verbatim_stands_under_its_own_heading() -> None:
    text = EXAMPLE.replace("## Rollback Plan", "## Security Considerations\n\nTokens are hashed.\n\n## Rollback Plan")
    plan = plancore.parse(text, "smartspec")
    index = next(i for i, section in enumerate(plan.extra_sections) if section.heading == "Security Considerations")
    body = _body(_lost((f"extra_sections[{index}]", "Tokens are hashed.")), plan)
    assert _blocks(body) == ["### Security Considerations", "Tokens are hashed."]


def test_no_field_path_is_written() -> None:
    for target in plancore.formats():
        result = plancore.convert(EXAMPLE, target)
        text = result.text[result.text.find("## Appendix: Carried Over") :]
        for loss in result.losses:
            assert loss.path not in text, (target, loss.path)


def test_code_goes_in_a_fence_that_nothing_in_it_closes() -> None:
    # Without the plan, a value goes under its field's name, code in a fence.
    code = "```\nnot the end\n````"
    section = appendix([Loss(path="api.examples[0].request", reason="", value=code)], "smartspec", "aadt")
    assert "**Request:**\n\n`````\n```\nnot the end\n````\n`````" in section.body
    # Read back, the appendix is one section: no line of the code is a heading.
    text = "## " + section.heading + "\n\n" + section.body.replace("not the end", "# not a heading") + "\n"
    assert [node.title for node in outline(text).walk()] == [section.heading]


def test_without_the_plan_values_are_labelled_by_their_field_s_name() -> None:
    section = appendix(
        _lost(("summary", "Two\n\nparagraphs."), ("open_questions[1]", "Which mailer?"), ("phases[0].done", True)),
        "aadt",
        "maestro",
    )
    assert _blocks(section.body) == [
        "**Summary:**",
        "Two",
        "paragraphs.",
        "- **Open questions:** Which mailer?\n- **Done:** done",
    ]


def test_a_lost_check_is_said_in_words_after_its_item_never_as_another_state() -> None:
    task = plancore.Task(text="1.1 Add fields", in_progress=True)
    plan = Plan(
        phases=(plancore.Phase(name="Setup", done=True, tasks=(task, plancore.Task(text="Old", skipped=True))),)
    )
    lost = _lost(
        ("phases[0].done", True), ("phases[0].tasks[0].in_progress", True), ("phases[0].tasks[1].skipped", True)
    )
    assert _blocks(appendix(lost, "plancore", "openspec-tasks", plan=plan).body) == [
        "- **Setup**: done\n- **1.1 Add fields**: in progress\n- **Old**: skipped"
    ]
    # Without the plan, its field's name labels it, and the value says that state, not "done".
    assert _blocks(appendix(lost[1:2], "plancore", "openspec-tasks").body) == ["- **In progress:** in progress"]


def test_lost_sections_group_losses_by_the_source_s_top_sections() -> None:
    losses = _lost(
        ("metadata.updated", "2026-11-20"),
        ("architecture.components[0].notes", "Rate limited per IP"),
        ("decisions[0].rationale", PLAN.decisions[0].rationale),
        ("architecture.data_flow", PLAN.architecture.data_flow),
        ("testing.e2e", PLAN.testing.e2e),
    )
    groups = lost_sections(PLAN, losses, SMARTSPEC)
    assert [(group.heading, [loss.path for loss in group.losses]) for group in groups] == [
        ("", ["metadata.updated"]),
        ("Architecture Overview", ["architecture.components[0].notes", "architecture.data_flow"]),
        ("Technical Decisions", ["decisions[0].rationale"]),
        ("Testing Strategy", ["testing.e2e"]),
    ]
    assert groups[1].describe("aadt") == (
        'section "Architecture Overview": 2 fields not in their place in aadt, kept in the appendix'
    )
    assert groups[0].describe("aadt") == "the plan's metadata: 1 field not in its place in aadt, kept in the appendix"


def test_a_lost_heading_is_its_own_section_s() -> None:
    renamed = plancore.parse(EXAMPLE.replace("## Executive Summary\n", "## Overview\n", 1), "smartspec")
    losses = [Loss(path="headings[0]", reason="", value="Overview"), *_lost(("summary", renamed.summary))]
    assert [group.heading for group in lost_sections(renamed, losses, SMARTSPEC)] == ["Overview"]


@pytest.mark.parametrize("target", ["aadt", "speckit"])
@settings(max_examples=15)
@given(plan=plans())
def test_every_lost_value_is_in_the_appendix(target: str, plan: Plan) -> None:
    source = "smartspec" if target != "smartspec" else "maestro"
    result = plancore.convert(plancore.emit(plan, source), target, source=source)
    start = result.text.find("## Appendix: Carried Over")
    text = result.text[start:] if start >= 0 else ""
    for loss in result.losses:
        value = loss.value
        if isinstance(value, str):
            # A table cell shows a pipe escaped.
            assert value in text or value.replace("|", "\\|") in text, loss.path


def test_an_appendix_is_a_section_after_the_plan() -> None:
    section = appendix(_lost(("summary", "Why.")), "smartspec", "aadt", plan=PLAN, source_format=SMARTSPEC)
    assert isinstance(section, Section)
    assert (section.heading, section.level, section.after) == ("Appendix: Carried Over", 2, "appendix")


def test_a_value_s_own_headings_stay_under_its_section() -> None:
    # Written for this test: a Spec Kit Constitution Check with sub-sections, which are part
    # of the section's prose; in the appendix its heading is level 3, so theirs become level 4.
    text = plancore.emit(Plan(), "speckit-github").replace(
        "[Gates determined based on constitution file]",
        "### Testing\n\n- Integration tests first\n\n```sh\n# not a heading\n```",
    )
    plan = plancore.parse(text, "speckit-github")
    assert plan.constitution_check.startswith("### Testing")
    losses = [Loss(path="constitution_check", reason="", value=plan.constitution_check)]
    body = appendix(losses, "speckit-github", "smartspec", plan=plan, source_format=get_format("speckit-github")).body
    assert _blocks(body) == [
        "### Constitution Check",
        "#### Testing",
        "- Integration tests first",
        "```sh\n# not a heading\n```",
    ]


def test_a_table_keeps_only_the_columns_with_values() -> None:
    # Written for this test: a Complexity Tracking row without its "Why Needed"; the template's
    # placeholder in that cell is no content, so the column is left out.
    plan = Plan(complexity=(ComplexityEntry(violation="4th service", simpler_alternative="One | two"),))
    losses = [
        Loss(path="complexity[0].violation", reason="", value="4th service"),
        Loss(path="complexity[0].simpler_alternative", reason="", value="One | two"),
    ]
    body = appendix(losses, "speckit-github", "smartspec", plan=plan, source_format=get_format("speckit-github")).body
    assert _blocks(body) == [
        "### Complexity Tracking",
        "| Violation | Simpler Alternative Rejected Because |\n|---|---|\n| 4th service | One \\| two |",
    ]


def test_a_value_a_format_keeps_in_a_comment_is_shown() -> None:
    # SpecPulse keeps its feature folder in `<!-- FEATURE_DIR: ... -->`, out of sight when
    # rendered; in the appendix it is there to be read.
    plan = Plan(metadata=Metadata(feature_dir="001-export"))
    losses = [Loss(path="metadata.feature_dir", reason="", value="001-export")]
    body = appendix(losses, "specpulse", "maestro", plan=plan, source_format=get_format("specpulse")).body
    assert _blocks(body) == ["- FEATURE_DIR: 001-export"]


def test_an_item_a_writer_places_by_its_value_stays_where_its_value_puts_it() -> None:
    # maestro writes a component under "2.2 Modified Components" because its change type says
    # "Modified" (and then writes no "Change type" line); the appendix keeps that place.
    component = Component(name="Config File", change_type="Modified", current="A 75-line block", change="Remove it")
    plan = Plan(architecture=Architecture(components=(component,)))
    losses = [
        Loss(path="architecture.components[0].change_type", reason="", value="Modified"),
        Loss(path="architecture.components[0].current", reason="", value="A 75-line block"),
        Loss(path="architecture.components[0].change", reason="", value="Remove it"),
    ]
    maestro = get_format("maestro")
    body = appendix(losses, "maestro", "speckit", plan=plan, source_format=maestro).body
    assert _blocks(body) == [
        "### 2. Component Design",
        "#### 2.2 Modified Components",
        "##### Component: Config File",
        "- **Current:** A 75-line block\n- **Change:** Remove it",
    ]
    assert [section.heading for section in lost_sections(plan, losses, maestro)] == ["2. Component Design"]


# --- A header line kept in the appendix shows the plan's values, never its template's placeholders. ---

# Written by hand: a Spec Kit plan.md with translated labels (no target writes them), so the header's
# line is carried; its branch and date each land in a target field (maestro's Feature ID, a date).
_TRANSLATED_HEADER = """# 实现计划：评论浏览

**分支**: `001-x` | **日期**: 2026-04-10 | **规范**: [spec.md](./spec.md)
**输入**: 功能规范来自 `/specs/001-x/spec.md`

## 摘要

短。
"""


@pytest.mark.parametrize("target", ["maestro", "smartspec", "aadt", "specpulse"])
def test_a_header_line_in_the_appendix_shows_the_values_moved_out_of_it(target: str) -> None:
    result = plancore.convert(_TRANSLATED_HEADER, target, source="speckit-github")
    carried = result.text[result.text.index("## Appendix: Carried Over") :]
    header = "\n**分支**: `001-x` | **日期**: 2026-04-10 | **规范**: [spec.md](./spec.md)\n"
    if any(loss.path.startswith("metadata.") and loss.path != "metadata.input" for loss in result.losses):
        # The source's two lines, as Spec Kit's writer lays them out (a blank line between): the branch moved
        # into the target's field is shown as the plan has it (was the template's `[###-feature-name]`, or
        # `[DATE]`), and each label is the author's (was ``**001-x0**``: a token of a label read as another's).
        assert header in carried
    else:
        # Every value of the first line has its place in the target (maestro, aadt): only its labels, the
        # template's in translation, are left, and they are reported as replaced by the target's, not carried.
        assert header not in carried
        replaced = [loss.value for loss in result.losses if not loss.carried]
        assert {"分支", "日期", "规范"} <= set(replaced)
    assert "\n**输入**: 功能规范来自 `/specs/001-x/spec.md`\n" in carried
    assert "[###-feature-name]" not in carried and "[DATE]" not in carried


_FULL_WIDTH_HEADER = _TRANSLATED_HEADER.replace("**: ", "**：")


def test_a_header_written_with_full_width_colons_keeps_them_when_written_afresh() -> None:
    plan = plancore.parse(_FULL_WIDTH_HEADER, "speckit-github")
    # Written from the fields alone (not from the text read): the colons are the author's layout.
    fresh = plancore.emit(attrs.evolve(plan, source=None), "speckit-github")
    assert "\n**分支**：`001-x` | **日期**：2026-04-10 | **规范**：[spec.md](./spec.md)\n" in fresh
    assert "\n**输入**：功能规范来自 `/specs/001-x/spec.md`\n" in fresh
    assert plancore.parse(fresh, "speckit-github").metadata == plan.metadata
    # One colon (``**分支**: ``) as the writer writes it: that one alone is the writer's.
    mixed = plancore.parse(_TRANSLATED_HEADER.replace("**日期**: ", "**日期**："), "speckit-github")
    fresh = plancore.emit(attrs.evolve(mixed, source=None), "speckit-github")
    assert "\n**分支**: `001-x` | **日期**：2026-04-10 | **规范**: [spec.md](./spec.md)\n" in fresh


def test_the_chinese_plans_branch_is_in_its_appendix_header() -> None:
    path = SHARED / "cases" / "zh-fullwidth-speckit-github.md"
    if not path.is_file():
        pytest.skip(f"{shown(path)} is absent")
    source = path.read_text(encoding="utf-8")
    for target in sorted(set(plancore.formats()) - {"speckit-github"}):
        result = plancore.convert(source, target, source="speckit-github")
        carried = result.text[result.text.index("## Appendix: Carried Over") :]
        # The source's lines 3 and 4 as written, full-width colons and all; line 3 only where the target
        # lost a value of it (else its labels alone are left: reported as replaced, not carried).
        lost = {loss.path for loss in result.losses}
        replaced = [loss.value for loss in result.losses if not loss.carried]
        header = "\n**分支**：`004-offline-sync` | **日期**：2026-03-02 | **规范**：[spec.md](./spec.md)\n"
        if {"metadata.branch", "metadata.created", "metadata.spec_path"} & lost:
            assert header in carried, target
        else:
            assert header not in carried and "分支" in replaced, target
        line = "\n**输入**：来自 `/specs/004-offline-sync/spec.md` 的功能规范\n"
        if "metadata.input" in lost:
            assert line in carried, target
        else:
            assert line not in carried and "输入" in replaced, target
        assert "[###-feature-name]" not in carried and "[DATE]" not in carried, target
        # The title's prefix (line 1) is no bold label: where shown, it is on the title's line.
        assert "**实现计划" not in carried, target


# Chains of conversions (issue 10): a converted plan has one appendix. What an earlier conversion carried and
# still has no place is a part of it under that conversion's intro and headings; what now has a place goes there.
APPENDIX = f"## {APPENDIX_HEADING}"
_WORDS = re.compile(r"\w+")


def _lost_words(conversion: plancore.Conversion) -> set[str]:
    values = [loss.value for loss in conversion.losses]
    texts = [value for value in values if isinstance(value, str)]
    texts += [text for value in values if not isinstance(value, (str, bool, int)) for _, text in leaves(value)]
    return {word for text in texts if isinstance(text, str) for word in _WORDS.findall(text)}


def _chained(chain: tuple[str, ...]) -> tuple[plancore.Conversion, str]:
    """The bundled example converted along ``chain``: the conversion before the last, and the last's text."""
    text = plancore.convert(EXAMPLE, chain[0]).text
    for name in chain[1:-1]:
        middle = plancore.convert(text, name)
        text = middle.text
    return middle, plancore.convert(text, chain[-1]).text


def _assert_one_appendix_keeping(middle: plancore.Conversion, text: str) -> None:
    assert text.count(APPENDIX) <= 1
    # Every word of what the conversion before carried is in the plan still: in its place, or in the appendix.
    assert _lost_words(middle) <= set(_WORDS.findall(text))


@settings(max_examples=examples(6), deadline=None)
@given(chain=format_chains(3))
def test_a_chain_of_three_conversions_writes_one_appendix(chain: tuple[str, ...]) -> None:
    _assert_one_appendix_keeping(*_chained(chain))


# Per first format, the chain of the bundled example whose earlier appendix was biggest when a chain wrote two
# (measured over every chain of three formats before the fix: 50 of 252 wrote two).
WORST_CHAINS = [
    ("aadt", "maestro", "speckit-tasks"),
    ("maestro", "smartspec", "speckit-tasks"),
    ("smartspec", "speckit", "speckit-tasks"),
    ("speckit", "smartspec", "speckit-tasks"),
    ("speckit-github", "speckit", "speckit-tasks"),
    ("speckit-tasks", "maestro", "speckit-tasks"),
    ("specpulse", "speckit", "speckit-tasks"),
]


@pytest.mark.parametrize("chain", WORST_CHAINS, ids="->".join)
def test_the_example_through_each_worst_chain_has_one_appendix(chain: tuple[str, ...]) -> None:
    middle, text = _chained(chain)
    _assert_one_appendix_keeping(middle, text)
    # An earlier appendix is a part of the one appendix, under its own intro, after this conversion's part.
    parts = appendix_parts(text.split(APPENDIX, 1)[1].strip("\n"))
    # (Unless everything the conversion before carried has come home meanwhile.)
    assert len(parts) >= 2 or APPENDIX not in middle.text
    assert parts[0].startswith(f"What the {chain[1]} plan holds that the {chain[2]} format has no place for")
    assert all(part.startswith("What the ") for part in parts[1:])


def test_a_part_of_an_earlier_appendix_with_a_place_now_goes_there() -> None:
    # example -> aadt -> maestro -> speckit: maestro's Created date and aadt's migrations are carried in speckit's
    # one appendix, a part each. Back to maestro, the date has its place again; the migrations have none.
    _, speckit = _chained(("aadt", "maestro", "speckit"))
    carried = speckit.split(APPENDIX, 1)[1]
    assert "**Created:** 2026-11-20" in carried and "Migration 1: create `password_reset_tokens`" in carried
    maestro = plancore.convert(speckit, "maestro").text
    body, carried = maestro.split(APPENDIX, 1)
    assert maestro.count(APPENDIX) == 1
    assert "2026-11-20" in body and "Created" not in carried
    assert "What the aadt plan holds that the maestro format has no place for" in carried
    assert "- Migration 1: create `password_reset_tokens`" in carried


def test_a_part_of_an_earlier_appendix_brings_home_what_does_not_conflict() -> None:
    # The carried architecture conflicts with the plan's own and stays carried; the date, with no value in the
    # plan, still comes home (a part used to be kept whole for one conflicting value).
    speckit = (
        "# Implementation Plan: Reset\n\n## Technical Approach\n\n### Architecture\n\nOne service sends the mail.\n\n"
        f"{APPENDIX}\n\nWhat the maestro plan holds that the speckit format has no place for, under the maestro"
        " plan's headings.\n\n**Created:** 2026-11-20\n\n### 1. Architecture Overview\n\n#### 1.1 High-Level Design"
        "\n\nTwo services share the work.\n"
    )
    body, carried = plancore.convert(speckit, "maestro", source="speckit").text.split(APPENDIX, 1)
    assert "**Created:** 2026-11-20" in body and "Created" not in carried
    assert "One service sends the mail." in body and "One service" not in carried
    assert "#### 1.1 High-Level Design\n\nTwo services share the work." in carried and "Two services" not in body


def test_a_data_flow_bullet_holds_no_rule_that_closed_its_section() -> None:
    # maestro's Data Flow section ends in a rule before the next section: layout, not the data flow's (kept, the
    # bullet differed from the data flow read back and the appendix of a later conversion kept it whole).
    maestro = (
        "# Implementation Plan: Reset\n\n**Feature ID:** F-1\n\n## 3. Data Model\n\n### Data Flow\n\n"
        "```\nrequest -> mail\n```\n\n---\n\n## 4. API Contracts\n\nNone.\n"
    )
    speckit = plancore.convert(maestro, "speckit", source="maestro").text
    assert "### Data Model\n\n- Data flows:\n\n  ```\n  request -> mail\n  ```\n\n## " in speckit


def test_a_labelled_line_is_not_glued_to_the_list_of_headings() -> None:
    # After "Headings the ... plan gave its sections:" and its list, a labelled line with a blank
    # line between would be one more item of that list in any Markdown reader.
    losses = [
        plancore.Loss(path="headings[0]", reason="", value="Entwicklung"),
        plancore.Loss(path="metadata.status", reason="", value="approved"),
    ]
    body = appendix(losses, "specpulse", "speckit").body
    assert body.endswith("- **Status:** approved\n\nHeadings the specpulse plan gave its sections:\n- Entwicklung")


def _untokened_walk(value: object, tokens: Tokens, keep: frozenset[int]) -> object:
    # The definition: every token of the tokened plan not in ``keep`` given its value back, by a walk
    # over the whole plan (what the appendix did before it built the plan along the kept paths).
    if isinstance(value, str):
        match = tokens.pattern.fullmatch(value)
        return tokens.values[int(match.group(1))] if match and int(match.group(1)) not in keep else value
    if isinstance(value, tuple):
        return tuple(_untokened_walk(item, tokens, keep) for item in value)
    if attrs.has(type(value)):
        fields = attrs.fields(type(value))  # type: ignore[arg-type]
        changes = {f.name: _untokened_walk(getattr(value, f.name), tokens, keep) for f in fields if f.eq}
        return attrs.evolve(value, **changes)  # type: ignore[misc]
    return value


def _check_tokened_only(plan: Plan, picks: list[int]) -> None:
    tokens, tokened = _tokened(plan)
    count = len(tokens.paths)
    for keep in (frozenset(), frozenset(range(count)), frozenset(i for i in picks if i < count)):
        assert _tokened_only(plan, tokens, keep, {}) == _untokened_walk(tokened, tokens, keep), sorted(keep)


@settings(max_examples=10)
@given(plans(), token_picks)
def test_a_plan_with_only_some_tokens_is_the_tokened_plan_with_the_others_given_back(
    plan: Plan, picks: list[int]
) -> None:
    _check_tokened_only(plan, picks)


def test_the_example_with_only_some_tokens_is_the_tokened_example_with_the_others_given_back() -> None:
    # Every kind of path: a section's body, a list of texts, items' fields, labels and headings.
    plan = attrs.evolve(PLAN, extra_sections=(*PLAN.extra_sections, Section(heading="", level=0, body="Loose.")))
    _check_tokened_only(plan, list(range(0, 200, 7)))
    paths = _tokened(plan)[0].paths
    assert any(path.startswith("extra_sections[") for path in paths) and any("]." in path for path in paths)


def test_a_phase_field_carried_from_a_specpulse_plan_is_under_its_phase_heading() -> None:
    # Its rendering writes one-word values as they are (two phases' ``HIGH``): each stood as a bare
    # ``- **Priority:** HIGH`` line naming no phase.
    path = SHARED / "corpus" / "specpulse" / "pp-009-asset-price-chart.md"
    if not path.is_file():
        pytest.skip(f"{shown(path)} is absent")
    # The rapid Spec Kit plan has no place for a phase's priority (maestro and aadt write it in the phase since
    # s12, SmartSpec since s13).
    text = plancore.convert(path.read_text(encoding="utf-8"), "speckit", source="specpulse").text
    carried = text[text.index(APPENDIX) :]
    # The source's lines 148 and 188, under its line 44's heading.
    assert "\n#### Phase 3: Chart Component [Priority: HIGH]\n" in carried
    assert "\n#### Phase 4: Integration [Priority: HIGH]\n" in carried
    assert carried.index("### Implementation Phases") < carried.index("#### Phase 3: Chart Component")
    assert "**Priority:**" not in carried


def test_a_one_word_value_of_an_item_is_carried_when_its_item_heading_does_not_say_it() -> None:
    # Found by hypothesis (maestro -> aadt): the component's heading, carried for its note, does not
    # say the note; another ``Y`` in the appendix is no sign of it.
    plan = Plan(
        architecture=Architecture(components=(Component(notes="Y"),)),
        api=plancore.Api(endpoints=(plancore.Endpoint(breaking="A"),)),
    )
    source = plancore.emit(plan, "maestro")
    result = plancore.convert(source, "aadt", source="maestro")
    for loss in result.losses:
        assert str(loss.value) in result.text, loss.path


# A maestro plan whose Testing Strategy SpecPulse carries whole, subsections and all, and whose author's
# section after the API contracts lands where SpecPulse's architecture ends, as maestro-019's does.
_CARRIED_MAESTRO = """# Implementation Plan: Badges

## 1. Architecture Overview

### 1.1 High-Level Design

A badge service beside the profile page.

### 1.2 Component Interactions

The profile page asks the badge service for a user's badges.

## 4. API Contracts

### 4.1 New Endpoints/Methods

#### GET /badges

Lists a user's badges.

## 5. Rollout Notes

Behind a flag for a week.

## 6. Testing Strategy

### 6.1 Unit Tests

- The badge service counts a user's badges.

### 6.2 Integration Tests

- The profile page shows the badges.
"""


def test_a_section_carried_whole_is_written_once_its_headings_not_listed_again() -> None:
    conversion = plancore.convert(_CARRIED_MAESTRO, "specpulse", source="maestro")
    body, _, appendix_text = conversion.text.partition(f"## {APPENDIX_HEADING}")
    # Component Interactions and Unit Tests without maestro's numbers, its template's, not the author's (finding 7).
    for line in ("### Component Interactions", "## 5. Rollout Notes", "### Unit Tests", "#### GET /badges"):
        assert conversion.text.count(line + "\n") == 1, line
        assert line + "\n" in body, line
    # Component Interactions stands in SpecPulse's architecture, before the author's own top section.
    assert body.index("## Architecture Overview") < body.index("### Component Interactions")
    assert body.index("### Component Interactions") < body.index("## 5. Rollout Notes")
    assert "Headings the maestro plan gave" not in appendix_text
    assert not [loss.path for loss in conversion.losses if loss.path.startswith(("headings", "architecture", "api"))]


# A maestro plan of our own: one-word values (a component's Dependents, a decision's options and choice) and a
# modified component, which maestro lays out by its change type (so the one-word values are written as they are).
MAESTRO_ONE_WORD_VALUES = """# Implementation Plan: Board

**Feature ID:** 007-board
**Spec:** .maestro/specs/007-board/spec.md
**Created:** 2026-03-01
**Status:** Draft

---

## 1. Architecture Overview

### 1.1 High-Level Design

A board of cards.

### 1.3 Key Design Decisions

| Decision | Options Considered | Chosen | Rationale |
| -------- | ------------------ | ------ | --------- |
| Card updates | WebSocket, polling | Polling | Simpler |

---

## 2. Component Design

### 2.1 New Components

#### Component: Board

- **Purpose:** Shows the columns
- **Location:** `/src/Board.tsx`
- **Dependencies:** store
- **Dependents:** App

#### Component: Column

- **Purpose:** Shows the cards of one status
- **Location:** `/src/Column.tsx`
- **Dependencies:** store
- **Dependents:** Board

### 2.2 Modified Components

#### Component: store.ts

- **Current:** Holds the cards
- **Change:** Add a move action
- **Risk:** Low - additive
"""


def test_a_lost_one_word_value_of_an_item_says_whose_it_is() -> None:
    # A component's one-word Dependents stands under its component's heading, where the writer wrote its token:
    # not a loose line, and not '- **Dependents:** ...' saying nothing of whose it is. A decision's options,
    # one word each, show in its row (the decision's, as an option has no field of its own beside its name):
    # not again as lines '- **Name:** WebSocket'.
    out = plancore.convert(MAESTRO_ONE_WORD_VALUES, "speckit-tasks", source="maestro")
    body = out.text.split(f"## {APPENDIX_HEADING}")[1]
    assert "##### Component: Board\n\n- **Purpose:** Shows the columns\n- **Location:** `/src/Board.tsx`\n" in body
    assert "- **Dependencies:** store\n- **Dependents:** App\n\n##### Component: Column\n" in body
    assert "- **Dependencies:** store\n- **Dependents:** Board\n\n#### 2.2 Modified Components" in body
    carried = body.split("\n")
    assert not [line for line in carried if line.startswith(("- **Name:**", "- **Board —", "- **Column —"))]
    row = next(line for line in carried if line.startswith("| Card updates"))
    assert [cell.strip() for cell in row.strip("|").split("|")] == [
        "Card updates",
        "WebSocket, polling",
        "Polling",
        "Simpler",
    ]
    assert {loss.path for loss in out.losses} >= {
        "architecture.components[0].dependents",
        "architecture.components[1].dependents",
        "decisions[0].options[0].name",
        "decisions[0].options[1].name",
    }


def test_strict_names_only_the_authors_fields_not_the_template_words_the_target_replaced() -> None:
    # A new-user trial: with one real loss (the header's values), --strict also listed the translated
    # template headings the target replaced by its own (headings[0], headings[1]), which the README says
    # --strict does not fail on.
    text = (
        "# Implementation Plan: Coletas\n\n"
        "**Branch**: `007-x` | **Date**: 2026-02-11 | **Spec**: [spec.md](./spec.md)\n\n"
        "## Resumo\n\nAgendar coletas.\n\n## Contexto Técnico\n\n**Linguagem/Versão**: Python 3.12\n"
    )
    replaced = [loss.path for loss in plancore.convert(text, "speckit").losses if not loss.carried]
    assert replaced == ["headings[0]", "headings[1]"]
    with pytest.raises(plancore.LossError) as raised:
        plancore.convert(text, "speckit", strict=True)
    assert [loss.path for loss in raised.value.losses] == ["metadata.spec_path", "metadata.branch", "metadata.created"]
    # With nothing of the author's lost, the replaced words alone do not fail it.
    alone = text.replace("**Branch**: `007-x` | **Date**: 2026-02-11 | **Spec**: [spec.md](./spec.md)\n\n", "")
    lenient = plancore.convert(alone, "speckit", source="speckit-github")
    assert [loss.carried for loss in lenient.losses] == [False, False]
    assert plancore.convert(alone, "speckit", source="speckit-github", strict=True).text == lenient.text


# --- What the appendix does to be fast gives what it gives without (issue 16). ---

# Header lines as a writer writes them: a title, labelled lines, a rule after a blank line, and the lines
# that make a heading or hide one (a setext underline, a list, a link's label read on over the next line).
_HEADER_LINES = ["# T", "  # T", "#", "#x", "## S", "### D", "   ## S", "    ## S", "**Label:** x", "", "---", " ---",
                 "--", "-", "===", "Title", "- a", "  - b", "1. x", "> q", "```", "<!--", "-->", "[l", "## H]: /u",
                 "| a | b |", "|---|---|", "a | b", "--- | ---", "\t# T", "***"]  # fmt: skip
_header_texts = st.lists(st.sampled_from(_HEADER_LINES), max_size=12).map("\n".join)


@settings(max_examples=examples(150))
@given(
    st.one_of(markdownish_text, _header_texts), st.lists(st.tuples(st.integers(min_value=0), st.booleans()), max_size=4)
)
def test_the_header_s_part_found_by_its_lines_is_the_one_the_outline_gives(
    text: str, picks: list[tuple[int, bool]]
) -> None:
    # Where every lost value is in the header, on no title's line, and no line before the first section
    # might hide or be a heading, ``_parts`` finds the header's part by its lines, not by an outline.
    tokens = Tokens(text, len(picks))
    ids = {}
    for index, (at, lost) in enumerate(picks):
        at %= len(text) + 1
        text = text[:at] + tokens.token(f"phases[{index}].name", f"Value {index}") + text[at:]
        ids[f"phases[{index}].name"] = frozenset({index} if lost else ())
    rendering = _Rendering(text=text, tokens=tokens, ids=ids)
    assert _parts(rendering) == _outlined_parts(rendering, rendering.lost)


@settings(max_examples=examples(150))
@given(st.one_of(markdownish_text, _header_texts), st.integers(min_value=0))
def test_the_first_section_found_by_its_line_is_the_outline_s(text: str, at: int) -> None:
    # And a token shows under a heading (``_titles_show``) wherever the outline puts one from the first
    # section on, or in a heading's title.
    at %= len(text) + 1
    tokens = Tokens(text, 1)
    text = text[:at] + tokens.token("summary", "Why.") + text[at:]
    nodes = list(outline(text).walk())
    first = min((node.start for node in nodes if node.level > 1), default=len(text))
    assert _appendix._first_section(text)[0] == first
    if tokens.pattern.search(text, first) or any(tokens.pattern.search(node.title) for node in nodes):
        assert _appendix._titles_show(text, tokens)


def _converted_alike(monkeypatch: pytest.MonkeyPatch, name: str, definition: object) -> int:
    """Converts the corpus plans of maestro and specpulse (whose appendices render them three times) to every
    other format, with ``_appendix``'s ``name`` as it is and as ``definition``: the same texts and lost
    sections. The number of calls the two answer differently."""
    texts = [path.read_text(encoding="utf-8") for fmt, path in corpus_files() if fmt in ("maestro", "specpulse")]
    if not texts:
        pytest.skip("../shared/corpus is absent")
    fast = getattr(_appendix, name)
    differing = 0

    def compared(*args: object) -> object:
        nonlocal differing
        found = fast(*args)
        differing += found != definition(*args)  # type: ignore[operator]
        return found

    for text in texts:
        source = plancore.detect(text)
        for target in plancore.formats():
            if target == source:
                continue
            _appendix._LAST.clear()
            monkeypatch.setattr(_appendix, name, definition)
            expected = plancore.convert(text, target, source=source)
            expected_lost = expected.lost_sections()
            _appendix._LAST.clear()
            monkeypatch.setattr(_appendix, name, compared)
            done = plancore.convert(text, target, source=source)
            assert (done.text, done.lost_sections()) == (expected.text, expected_lost), target
    return differing


def test_corpus_appendices_cut_by_header_lines_are_those_the_outline_cuts(monkeypatch: pytest.MonkeyPatch) -> None:
    def outlined(rendering: _Rendering) -> list[_Part]:
        return _outlined_parts(rendering, rendering.lost)

    taken: list[bool] = []
    header_only = _appendix._header_only

    def counted(text: str, rendering: _Rendering, lost: frozenset[int]) -> str | None:
        found = header_only(text, rendering, lost)
        taken.append(found is not None)
        return found

    monkeypatch.setattr(_appendix, "_header_only", counted)
    assert _converted_alike(monkeypatch, "_parts", outlined) == 0
    # Most of these plans lose only header lines (a Feature ID): cut without an outline.
    assert any(taken)


def test_a_rendering_left_untitled_where_no_token_is_under_a_heading_gives_the_titled_one_s_appendix(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The definition: a rendering with only the lost values' tokens always has the author's headings put in.
    # Left out where the appendix shows no heading over a token, it gives the same appendix and lost
    # sections (those of a lost heading: ranked where its section stands, the headings put in then).
    assert _converted_alike(monkeypatch, "_titles_show", lambda text, tokens: True) > 0
