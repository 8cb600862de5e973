"""Headings an author gave mapped sections: kept in the model, written back, reported."""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest

import plancore
from plancore import Labeled, Plan

EXAMPLE = (Path(__file__).resolve().parents[1] / "examples" / "smartspec-plan.md").read_text(encoding="utf-8")
RENAMED = EXAMPLE.replace("## Executive Summary\n", "## Summary\n", 1)


def _headings(text: str) -> list[str]:
    return [line for line in text.split("\n") if line.startswith("#")]


def test_the_format_s_own_headings_are_not_kept() -> None:
    assert plancore.parse(EXAMPLE, "smartspec").headings == ()
    for name in plancore.formats():
        assert plancore.parse(plancore.emit(plancore.parse(EXAMPLE), name), name).headings == ()


def test_a_renamed_heading_is_kept_with_its_section() -> None:
    plan = plancore.parse(RENAMED, "smartspec")
    assert plan.headings == (Labeled(label="summary", value="Summary"),)
    assert plan.summary == plancore.parse(EXAMPLE, "smartspec").summary
    # Written afresh (not from its source text), the heading is the author's.
    fresh = plancore.emit(attrs.evolve(plan, source=None), "smartspec")
    assert "## Summary" in _headings(fresh) and "## Executive Summary" not in _headings(fresh)
    assert fresh == RENAMED


@pytest.mark.parametrize("target", ["aadt", "speckit-github"])
def test_conversion_keeps_a_heading_the_target_reads_as_the_same_section(target: str) -> None:
    # aadt's summary section is "Overview" and reads "Summary" as it too;
    # speckit-github's own summary heading is "Summary".
    result = plancore.convert(RENAMED, target, source="smartspec")
    assert "## Summary" in _headings(result.text)
    assert not [loss for loss in result.losses if loss.path.startswith("headings")]
    assert plancore.parse(result.text, target).summary == plancore.parse(RENAMED, "smartspec").summary
    assert ("headings[0]", "mapped", "Summary") in {(e.path, e.outcome, e.section) for e in result.report()}


@pytest.mark.parametrize("target", ["maestro", "specpulse"])
def test_a_section_the_target_has_none_for_is_carried_under_the_author_s_heading(target: str) -> None:
    # Neither format has a summary section: the crosswalk carries the section
    # as written, heading and all, so the heading is no loss.
    result = plancore.convert(RENAMED, target, source="smartspec")
    assert "## Summary" in _headings(result.text)
    assert not [loss for loss in result.losses if loss.path.startswith("headings")]
    assert "## Appendix: Carried Over" not in result.text or "Summary\n" not in result.text.split("## Appendix")[1]


@pytest.mark.parametrize("target", ["speckit"])
def test_conversion_reports_a_heading_the_target_has_no_section_for(target: str) -> None:
    # The rapid Spec Kit holds the summary in its Context fence, under its own
    # heading: the summary lands there (the crosswalk's place for it, no longer
    # the appendix), and the author's heading, which the target cannot write, is
    # listed as a loss and named in the appendix.
    result = plancore.convert(RENAMED, target, source="smartspec")
    lost = [loss for loss in result.losses if loss.path.startswith("headings")]
    assert [(loss.path, loss.value) for loss in lost] == [("headings[0]", "Summary")]
    context = result.text[result.text.index("## Context\n") : result.text.index("## Technical Approach\n")]
    assert "```\nUsers who forget their password can ask for a reset link by email." in context
    appendix = result.text[result.text.index("## Appendix: Carried Over") :]
    assert "Users who forget" not in appendix
    assert "\n- Summary\n" in appendix
    assert "headings[0]" not in appendix
    assert ("headings[0]", "appendix") in {(entry.path, entry.outcome) for entry in result.report()}
    assert ("summary", "mapped", "Context") in {(e.path, e.outcome, e.section) for e in result.report()}


def test_a_heading_that_would_read_as_another_section_is_not_written() -> None:
    # "Rollback Plan" over the summary would make the reader take the summary
    # for the rollback plan: the writer keeps its own heading there.
    plan = Plan(summary="Short.", rollback="Undo.", headings=(Labeled(label="summary", value="Rollback Plan"),))
    text = plancore.emit(plan, "smartspec")
    assert "## Executive Summary" in _headings(text)
    back = plancore.parse(text, "smartspec")
    assert (back.summary, back.rollback, back.headings) == ("Short.", "Undo.", ())


def test_of_several_headings_those_that_read_back_are_written() -> None:
    plan = Plan(
        summary="Short.",
        rollback="Undo.",
        headings=(
            Labeled(label="summary", value="Rollback Plan"),
            Labeled(label="rollback", value="Rollback"),
        ),
    )
    text = plancore.emit(plan, "smartspec")
    assert "## Executive Summary" in _headings(text) and "## Rollback" in _headings(text)
    back = plancore.parse(text, "smartspec")
    assert (back.summary, back.rollback) == ("Short.", "Undo.")
    assert back.headings == (Labeled(label="rollback", value="Rollback"),)


ZH_HEADER = "# Implementation Plan: 相簿\n\n**功能分支**: `001-albums` | **建立日期**: 2026-07-22 | **Spec**: spec.md\n"


def test_translated_header_labels_are_kept() -> None:
    text = plancore.emit(Plan(), "speckit-github").split("\n\n", 2)[2]
    text = ZH_HEADER + "\n" + text
    plan = plancore.parse(text, "speckit-github")
    metadata = plan.metadata
    assert (metadata.branch, metadata.created, metadata.spec_path) == ("001-albums", "2026-07-22", "spec.md")
    assert plan.labels == (
        Labeled(label="metadata.branch", value="功能分支"),
        Labeled(label="metadata.created", value="建立日期"),
    )
    fresh = plancore.emit(attrs.evolve(plan, source=None), "speckit-github")
    assert fresh.startswith(ZH_HEADER)
    # Other formats write their own labels: the translations go to the appendix, reported.
    result = plancore.convert(text, "aadt", source="speckit-github")
    assert [(loss.path, loss.value) for loss in result.losses if loss.path.startswith("labels")] == [
        ("labels[0]", "功能分支"),
        ("labels[1]", "建立日期"),
    ]


def _case_texts() -> list[tuple[str, str]]:
    from helpers import SHARED

    texts = [(path.name, path.read_text(encoding="utf-8")) for path in sorted((SHARED / "cases").glob("*.md"))]
    texts = [(name, text) for name, text in texts if name != "README.md"]
    # A plan of our own whose every heading is the author's: summary, technical context, structure.
    own = (
        "# 実装計画: 在庫アラート\n\n"
        "**ブランチ**: `007-stock` | **日付**: 2026-02-01 | **仕様**: [spec.md](./spec.md)\n\n"
        "## 概要\n\n在庫が閾値を下回ったら通知する。\n\n## 技術コンテキスト\n\n**言語/バージョン**: Go 1.22\n\n"
        "## プロジェクト構成\n\n### ソースコード\n\n```text\ncmd/alert/main.go\n```\n"
    )
    return [*texts, ("own-ja", own)]


@pytest.mark.parametrize("target", plancore.formats())
def test_the_judged_headings_are_those_each_tried_in_the_text_gives(target: str) -> None:
    # ``retitle`` judges an author's heading once per format, key and title (in the format's full
    # writing) and reads the text once; trying each heading in the text itself must give the same.
    from helpers import SHARED, shown

    from plancore._headings import _retitle_each
    from plancore._registry import get_format

    if not (SHARED / "cases").is_dir():
        pytest.skip(f"{shown(SHARED / 'cases')} is absent (the repository's shared test data, beside the checkout)")
    fmt = get_format(target)
    tried = 0
    for name, text in _case_texts():
        written = plancore.convert(text, target).written
        if not written.headings:
            continue
        laid_out = fmt.laid_out(written)
        wanted = {heading.label: heading.value for heading in written.headings}
        assert fmt.titled(laid_out, written.headings) == _retitle_each(laid_out, wanted, fmt._read_text), name
        tried += 1
    assert tried
