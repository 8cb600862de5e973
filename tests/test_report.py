"""The conversion report: per field, where its content went; it agrees with ``Conversion.losses``."""

from __future__ import annotations

import json
from pathlib import Path

import attrs
import pytest
from helpers import SHARED, examples
from hypothesis import given, settings
from strategies import plans

import plancore
from plancore._cli import main
from plancore._fields import leaves, restrict
from plancore._markdown import outline
from plancore._model import Decision, Dependency, LogEntry, Metadata, Plan, Risk, TimelineEntry
from plancore._registry import get_format

PP_009 = SHARED / "corpus" / "specpulse" / "pp-009-asset-price-chart.md"
EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "smartspec-plan.md"


def _by_path(result: plancore.Conversion) -> dict[str, plancore.FieldReport]:
    return {entry.path: entry for entry in result.report()}


@pytest.mark.skipif(not PP_009.exists(), reason="../shared/corpus is absent")
def test_fields_are_reported_in_the_sections_they_went_to() -> None:
    # Read by hand: pp-009's first phase is "Infrastructure" and it has risks;
    # aadt writes phases as `### Phase N: Name` and risks under `## Risks & Mitigations`.
    result = plancore.convert(PP_009.read_text(encoding="utf-8"), "aadt", source="specpulse")
    report = _by_path(result)
    assert report["phases[0].name"] == plancore.FieldReport(
        path="phases[0].name", outcome="mapped", section="Phase 1: Infrastructure"
    )
    assert report["risks[0].risk"].section == "Risks & Mitigations"
    assert report["metadata.title"].section == "Implementation Plan: Asset Price Chart with Lightweight Charts"
    # aadt holds a progress log that pp-009 does not fill.
    assert report["progress_log.update"].outcome == "unfilled"


def test_a_value_also_written_in_an_earlier_section_is_reported_where_the_writer_put_it() -> None:
    # "Redis" is in the risk's mitigation and is the name of a dependency.
    # Spec Kit's template (templates/speckit.md) has `## Risk Assessment` (a
    # risk table) before `## Dependencies` (a list of dependency names), so
    # the dependency is under "Dependencies", though "Redis" comes first
    # under "Risk Assessment".
    plan = Plan(
        metadata=Metadata(title="Checkout"),
        risks=(
            Risk(
                risk="Cache outage slows checkout", probability="Low", impact="Medium", mitigation="Retry through Redis"
            ),
        ),
        dependencies=(Dependency(name="Redis"),),
    )
    result = plancore.convert(plancore.emit(plan, "specpulse"), "speckit", source="specpulse")
    assert "## Risk Assessment" in result.text
    assert result.text.index("Retry through Redis") < result.text.index("- Redis\n")
    report = _by_path(result)
    assert report["dependencies[0].name"] == plancore.FieldReport(
        path="dependencies[0].name", outcome="mapped", section="Dependencies"
    )
    assert report["risks[0].mitigation"].section == "Risk Assessment"


def test_a_repeated_date_is_reported_in_its_own_section() -> None:
    # aadt's template (templates/aadt.md) has a `## Timeline` table (Phase,
    # Start Date, End Date, Status) and, after it, a `## Progress Log` table
    # (Date, Update): the log entry's date, the day the first phase starts,
    # is in "Progress Log".
    plan = Plan(
        metadata=Metadata(title="Checkout"),
        timeline=(TimelineEntry(phase="Schema", start="2024-03-04", end="2024-03-08", status="Done"),),
        progress_log=(LogEntry(date="2024-03-04", update="Plan approved"),),
    )
    result = plancore.convert(plancore.emit(plan, "aadt"), "aadt", source="aadt")
    report = _by_path(result)
    assert report["timeline[0].start"].section == "Timeline"
    assert report["progress_log[0].date"] == plancore.FieldReport(
        path="progress_log[0].date", outcome="mapped", section="Progress Log"
    )
    assert report["progress_log[0].update"].section == "Progress Log"


def _own_sections(text: str) -> list[tuple[str, str]]:
    """Per section of ``text`` outside the appendix: its title, and its heading
    line and body (without its sub-sections)."""
    nodes = list(outline(text).walk())
    appendix = [(node.start, node.end) for node in nodes if node.title == "Appendix: Carried Over"]
    return [
        (node.title, text[node.start : node.children[0].start if node.children else node.end])
        for node in nodes
        if not any(start <= node.start < end for start, end in appendix)
    ]


def test_report_lists_appendix_entries_exactly_as_losses() -> None:
    result = plancore.convert(EXAMPLE.read_text(encoding="utf-8"), "speckit", source="smartspec")
    appendix = {entry.path for entry in result.report() if entry.outcome == "appendix"}
    assert appendix == {loss.path for loss in result.losses}
    assert {entry.section for entry in result.report() if entry.outcome == "appendix"} == {"Appendix: Carried Over"}
    # Rapid Spec Kit lists dependencies by name and has no last-updated date: those have no place.
    assert appendix == {"metadata.updated", "dependencies[0].version", "dependencies[0].purpose"}
    # SpecPulse has no decision records: the crosswalk carries SmartSpec's
    # decision section, as written, under the architecture (no longer the
    # appendix); its dependency table takes the version and purpose as columns.
    specpulse = plancore.convert(EXAMPLE.read_text(encoding="utf-8"), "specpulse", source="smartspec")
    assert ("decisions[0].rationale", "Technical Decisions") in {(p.path, p.field) for p in specpulse.placed}
    assert not specpulse.losses
    assert not [entry for entry in specpulse.report() if entry.outcome == "appendix"]


AADT_STEP = """# Implementation Plan: Export

**Issue:** #7

## Overview

Export reports as CSV.

## Implementation Steps

### Phase 1: Writer

**Estimated Time:** 2 days

#### Step 1.1: CSV writer

**Files:**

- `src/export/csv.py`

**Tasks:**

- [x] Write rows
- [ ] Quote cells

**Notes:**
Use the standard library.
"""


def test_losses_of_what_the_crosswalk_moved_are_the_source_fields() -> None:
    # The rapid Spec Kit has no steps: the crosswalk makes the step's tasks the
    # phase's tasks (a numbered list, its marks kept: `1. [x]`), its file a file
    # change (described by its step, a text the source does not have, so no
    # loss of its own), its title and notes the phase's text.
    # Losses and the report name the aadt plan's fields, not the reshaped plan's.
    result = plancore.convert(AADT_STEP, "speckit", source="aadt")
    assert "1. [x] Write rows\n2. [ ] Quote cells\n" in result.text
    assert "- `src/export/csv.py` - Step 1.1: CSV writer\n" in result.text
    assert [(loss.path, loss.value) for loss in result.losses] == [("metadata.issue_id", "#7")]
    report = _by_path(result)
    assert report["phases[0].steps[0].tasks[0].done"] == plancore.FieldReport(
        path="phases[0].steps[0].tasks[0].done", outcome="mapped", section="Phase 1: Writer"
    )
    assert report["phases[0].steps[0].tasks[1].text"] == plancore.FieldReport(
        path="phases[0].steps[0].tasks[1].text", outcome="mapped", section="Phase 1: Writer"
    )
    assert report["phases[0].steps[0].files[0]"].section == "File Changes"
    assert report["phases[0].steps[0].notes"].section == "Phase 1: Writer"
    assert "file_changes[0].path" not in report


GITHUB_RESEARCH = """# Implementation Plan: Search

**Branch**: `007-search` | **Date**: 2026-03-01 | **Spec**: [spec.md](./spec.md)

## Summary

Add search to the board.

## Phase 0: Research

Chose SQLite full-text search over an external engine.
"""


def test_a_section_the_target_reads_as_its_own_is_shown_once_and_not_lost() -> None:
    # A tasks file reads `## Phase 0: Research` as a phase: the author's section,
    # written as it stands, reads back as no section of the author's. It is in
    # the output as written, so it is not lost, and the appendix does not carry it again.
    result = plancore.convert(GITHUB_RESEARCH, "speckit-tasks", source="speckit-github")
    assert result.text.count("## Phase 0: Research\n\nChose SQLite full-text search") == 1
    assert result.text.count("Chose SQLite") == 1
    assert "extra_sections[0]" not in {loss.path for loss in result.losses}
    assert _by_path(result)["extra_sections[0]"] == plancore.FieldReport(
        path="extra_sections[0]", outcome="verbatim", section="Phase 0: Research"
    )


def _accounts_for_every_field(result: plancore.Conversion) -> None:
    report = result.report()
    filled = [path for path, _ in leaves(attrs.evolve(result.plan, extra_sections=()))]
    filled += [f"extra_sections[{index}]" for index in range(len(result.plan.extra_sections))]
    reported = [entry.path for entry in report if entry.outcome != "unfilled"]
    assert sorted(reported) == sorted(filled)
    assert {e.path for e in report if e.outcome == "appendix"} == {loss.path for loss in result.losses}
    assert all(entry.outcome in {"mapped", "verbatim", "appendix", "replaced", "unfilled"} for entry in report)
    # A mapped field is in a section of the output; where its text is in one
    # section only, it is that one.
    sections = _own_sections(result.text)
    values = dict(leaves(attrs.evolve(result.plan, extra_sections=())))
    for entry in report:
        if entry.outcome != "mapped":
            continue
        assert entry.section in {title for title, _ in sections}
        value = values[entry.path]
        line = next((line.strip() for line in value.split("\n") if line.strip()), "") if isinstance(value, str) else ""
        holding = [title for title, own in sections if line and line in own]
        if len(holding) == 1:
            assert entry.section == holding[0], (result.target, entry)


# One plan per example, converted to every other format: drawing a plan costs
# more than converting it, and the suite's time is budgeted.
@pytest.mark.parametrize("source", plancore.formats())
@settings(max_examples=examples(2))
@given(plan=plans())
def test_report_accounts_for_every_field(source: str, plan: plancore.Plan) -> None:
    text = plancore.emit(restrict(plan, get_format(source).holds), source)
    for target in plancore.formats():
        if target != source:
            _accounts_for_every_field(plancore.convert(text, target, source=source))


def test_a_field_under_a_heading_numbered_anew_is_reported_in_it() -> None:
    # maestro's samples before its Key Design Decisions are cut and the heading numbered anew (``1.3`` -> ``1.1``):
    # the tokens' rendering still has ``1.3``, matched to the output's heading of the same words. Matched by the
    # whole title only, the decisions were reported in the section of another value of theirs ("A" in the API
    # Contracts' text) or in the title's (found by the report property test above, session 24).
    plan = Plan(decisions=(Decision(rationale="B"), Decision(choice="A", rationale="A0")))
    result = plancore.convert(plancore.emit(plan, "smartspec"), "maestro")
    assert "### 1.1 Key Design Decisions\n" in result.text and "1.3 Key Design Decisions" not in result.text
    sections = {entry.path: entry.section for entry in result.report() if entry.outcome == "mapped"}
    assert sections == {
        "decisions[0].rationale": "1.1 Key Design Decisions",
        "decisions[1].choice": "1.1 Key Design Decisions",
        "decisions[1].rationale": "1.1 Key Design Decisions",
    }


def test_cli_report_as_json_agrees_with_losses(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "plan.md"
    code = main(["convert", str(EXAMPLE), "--to", "specpulse", "-o", str(out), "--report-format", "json"])
    assert code == 0
    captured = capsys.readouterr()
    # The conversion went to a file, so the report is on standard output and
    # replaces the per-loss warnings.
    document = json.loads(captured.out)
    assert captured.err == ""
    assert (document["source"], document["target"]) == ("smartspec", "specpulse")
    result = plancore.convert(EXAMPLE.read_text(encoding="utf-8"), "specpulse", source="smartspec")
    assert document["fields"] == [entry.as_dict() for entry in result.report()]
    appendix = [field["path"] for field in document["fields"] if field["outcome"] == "appendix"]
    assert appendix == [loss["path"] for loss in document["losses"]]
    assert out.read_text(encoding="utf-8") == result.text


def test_cli_text_report_goes_to_standard_error_beside_the_output(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["convert", str(EXAMPLE), "--to", "aadt", "--report"]) == 0
    captured = capsys.readouterr()
    assert captured.out.startswith("# Implementation Plan: Password Reset by Email")
    lines = captured.err.splitlines()
    assert lines[0] == f"{EXAMPLE}: smartspec -> aadt"
    assert any(line.split()[:2] == ["metadata.title", "mapped"] for line in lines)
    # The plan's date is aadt's Created date now (the crosswalk); the components'
    # technology has no column in aadt's Component Changes table: it is under the
    # component's name after the table, in that section.
    assert any(line.split()[:2] == ["metadata.updated", "mapped"] for line in lines)
    assert any(
        line.split() == ["architecture.components[0].technology", "mapped", "Component", "Changes"] for line in lines
    )
    assert "unfilled" in lines[-1]


def test_cli_report_for_a_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.md").write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "in" / "b.md").write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    args = ["convert", str(tmp_path / "in"), "--to", "maestro", "-o", str(tmp_path / "out"), "--report-format", "json"]
    assert main(args) == 0
    documents = json.loads(capsys.readouterr().out)
    assert sorted(Path(document["input"]).name for document in documents) == ["a.md", "b.md"]
