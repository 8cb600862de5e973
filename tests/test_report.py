"""The conversion report: per field, where its content went; it agrees with ``Conversion.losses``."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import attrs
import pytest
from helpers import SHARED
from hypothesis import given, settings
from strategies import plans

import plancore
from plancore._cli import main
from plancore._fields import leaves, restrict
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


def test_report_lists_appendix_entries_exactly_as_losses() -> None:
    result = plancore.convert(EXAMPLE.read_text(encoding="utf-8"), "specpulse", source="smartspec")
    appendix = {entry.path for entry in result.report() if entry.outcome == "appendix"}
    assert appendix == {loss.path for loss in result.losses}
    assert {entry.section for entry in result.report() if entry.outcome == "appendix"} == {"Appendix: Carried Over"}
    # SmartSpec's decision records have no place in SpecPulse.
    assert "decisions[0].rationale" in appendix


@pytest.mark.parametrize(("source", "target"), list(itertools.permutations(plancore.formats(), 2)))
@settings(max_examples=5)
@given(plan=plans())
def test_report_accounts_for_every_field(source: str, target: str, plan: plancore.Plan) -> None:
    original = restrict(plan, get_format(source).holds)
    result = plancore.convert(plancore.emit(original, source), target, source=source)
    report = result.report()
    filled = [path for path, _ in leaves(attrs.evolve(result.plan, extra_sections=()))]
    filled += [f"extra_sections[{index}]" for index in range(len(result.plan.extra_sections))]
    reported = [entry.path for entry in report if entry.outcome != "unfilled"]
    assert sorted(reported) == sorted(filled)
    assert {e.path for e in report if e.outcome == "appendix"} == {loss.path for loss in result.losses}
    assert all(entry.outcome in {"mapped", "verbatim", "appendix", "unfilled"} for entry in report)


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
    assert any(line.split()[:3] == ["metadata.updated", "appendix", "Appendix:"] for line in lines)
    assert "unfilled" in lines[-1]


def test_cli_report_for_a_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.md").write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "in" / "b.md").write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    args = ["convert", str(tmp_path / "in"), "--to", "maestro", "-o", str(tmp_path / "out"), "--report-format", "json"]
    assert main(args) == 0
    documents = json.loads(capsys.readouterr().out)
    assert sorted(Path(document["input"]).name for document in documents) == ["a.md", "b.md"]
