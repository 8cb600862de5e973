"""plancore.check and ``plancore check``: one test per finding code, on plans written for them."""

from __future__ import annotations

import json
from pathlib import Path

import attrs
import pytest
from helpers import corpus_files
from hypothesis import given, settings
from strategies import any_text

import plancore
from plancore._check import CODES, _filled_like
from plancore._cli import main
from plancore._fields import restrict
from plancore._registry import get_format

ROOT = Path(__file__).resolve().parents[1]

# A filled maestro plan with every section of the template, in its order.
PLAN = """\
# Implementation Plan: Export reports

**Feature ID:** 042
**Spec:** specs/042/spec.md
**Created:** 2026-01-05
**Status:** Draft

---

## 1. Architecture Overview

### 1.1 High-Level Design

A writer turns a report into CSV; a scheduler mails it.

---

## 2. Component Design

### 2.1 New Components

#### Component: CsvWriter

- **Purpose:** Writes a report as CSV
- **Location:** src/export/csv.py

---

## 3. Data Model

Reports keep their rows; nothing new is stored.

---

## 4. API Contracts

### 4.1 New Endpoints/Methods

#### GET /reports/{id}.csv

- **Purpose:** Downloads a report as CSV

---

## 5. Implementation Phases

### Phase 1: Writer

- **Goal:** Reports are written as CSV
- **Tasks:**
  - Add the CSV writer
- **Deliverable:** A CSV file

---

## 6. Testing Strategy

Unit tests for the writer.

---

## 7. Risks and Mitigations

| Risk | Likelihood | Impact | Mitigation |
| ---- | ---------- | ------ | ---------- |
| Large reports | M | M | Stream the rows |

---

## 8. Open Questions

- Which delimiter do Excel users expect?
"""


def line_of(text: str, line: str) -> int:
    """The 1-based number of ``line`` in ``text`` (the expected place of a finding)."""
    return text.split("\n").index(line) + 1


def codes(text: str, name: str = "maestro") -> list[tuple[str, int]]:
    return [(finding.code, finding.line) for finding in plancore.check(text, name)]


def test_a_clean_plan_has_no_findings() -> None:
    assert plancore.check(PLAN) == ()
    assert plancore.check(PLAN.replace("\n", "\r\n"), "maestro") == ()


@pytest.mark.parametrize("name", plancore.formats())
def test_blank_template_and_fully_filled_plan_are_clean(name: str) -> None:
    # The blank template is an empty plan: its placeholders are no finding.
    assert plancore.check(plancore.emit(plancore.Plan(), name), name) == ()
    # Every field the format holds filled, written by plancore: nothing to report.
    fmt = get_format(name)
    full = restrict(attrs.evolve(_filled_like(fmt.template_plan), extra_sections=(), headings=()), fmt.holds)
    assert plancore.check(plancore.emit(full, name), name) == ()


def test_pc001_placeholder_left_in_a_filled_plan() -> None:
    # Two lines of the component block still hold the template's text.
    text = PLAN.replace(
        "- **Location:** src/export/csv.py\n",
        "- **Location:** src/export/csv.py\n- **Dependencies:** {what it depends on}\n"
        "- **Dependents:** {what will depend on it}\n",
    )
    (finding,) = plancore.check(text, "maestro")
    assert (finding.code, finding.line) == ("PC001", line_of(text, "- **Dependencies:** {what it depends on}"))
    assert "(and the 1 line(s) after it)" in finding.message
    # A template line with the alignment changed is the same line.
    table = PLAN.replace(
        "## 8. Open Questions", "## 8. Open Questions\n\n| {risk} | {L/M/H} | {L/M/H} | {mitigation} |"
    )
    assert codes(table) == [("PC001", line_of(table, "| {risk} | {L/M/H} | {L/M/H} | {mitigation} |"))]


def test_pc001_braced_token_anywhere_and_code_left_alone() -> None:
    text = PLAN.replace("Unit tests for the writer.", "Unit tests for {test category 1} and more.")
    assert codes(text) == [("PC001", line_of(text, "Unit tests for {test category 1} and more."))]
    # In a code block a brace is code: only a whole template line with a marked placeholder counts.
    fenced = PLAN.replace("Unit tests for the writer.", "```python\nprint(f'{test category 1}')\n```")
    assert codes(fenced) == []
    # A one-word lowercase token is also a path parameter: "{path}" marks no line.
    endpoint = PLAN.replace("#### GET /reports/{id}.csv", "#### GET /reports/{path}")
    assert codes(endpoint) == []
    assert codes(PLAN.replace("**Status:** Draft", "**Status:** Draft ({DATE})")) == [("PC001", 6)]


def test_pc001_only_in_a_filled_plan() -> None:
    # A template with a section added is still a template: no placeholder findings.
    blank = plancore.emit(plancore.Plan(), "maestro") + "\n## Glossary\n\nTerms.\n"
    assert [finding.code for finding in plancore.check(blank, "maestro")] == ["PC005"]


def test_pc002_needs_clarification() -> None:
    text = PLAN.replace("- Which delimiter", "- [NEEDS CLARIFICATION: quoting rules]\n- Which delimiter")
    assert codes(text) == [("PC002", line_of(text, "- [NEEDS CLARIFICATION: quoting rules]"))]
    # Quoted in a code span, the marker is written about, not left in.
    quoted = PLAN.replace("Unit tests for the writer.", "Lint for `[NEEDS CLARIFICATION]` markers.")
    assert codes(quoted) == []


def test_pc002_not_in_template_text() -> None:
    # GitHub Spec Kit's own placeholders name the marker ("... or NEEDS CLARIFICATION").
    blank = plancore.emit(plancore.Plan(), "speckit-github")
    assert "NEEDS CLARIFICATION" in blank
    assert plancore.check(blank, "speckit-github") == ()


def _without(text: str, heading: str) -> str:
    start = text.index(heading)
    end = text.index("\n## ", start + 1)
    return text[:start] + text[end + 1 :]


def test_pc003_section_missing() -> None:
    text = _without(PLAN, "## 6. Testing Strategy")
    (finding,) = plancore.check(text, "maestro")
    assert finding.code == "PC003"
    assert "'6. Testing Strategy'" in finding.message
    # Where it belongs: at the section that should follow it.
    assert text.split("\n")[finding.line - 1] == "## 7. Risks and Mitigations"


def test_pc003_renamed_section_is_present() -> None:
    # The reader recognises "Risk Assessment" as the risk section.
    assert codes(PLAN.replace("## 7. Risks and Mitigations", "## 7. Risk Assessment")) == []


def test_pc004_section_out_of_order() -> None:
    section = PLAN[PLAN.index("## 6. Testing Strategy") : PLAN.index("## 7. Risks")]
    text = PLAN.replace(section, "").replace("## 3. Data Model", section + "## 3. Data Model")
    (finding,) = plancore.check(text, "maestro")
    assert finding.code == "PC004"
    assert text.split("\n")[finding.line - 1] == "## 6. Testing Strategy"
    assert "'6. Testing Strategy' is out of the template's order" in finding.message


def test_pc005_heading_read_under_no_field() -> None:
    text = PLAN.replace("## 8. Open Questions", "## Glossary\n\nCSV: comma-separated values.\n\n## 8. Open Questions")
    (finding,) = plancore.check(text, "maestro")
    assert (finding.code, finding.line) == ("PC005", line_of(text, "## Glossary"))
    assert "'Glossary'" in finding.message


def test_pc005_takes_the_place_of_pc003_for_an_unread_template_heading() -> None:
    # The template's own heading over a body its reader cannot read: one finding, not two.
    text = PLAN.replace("| Large reports | M | M | Stream the rows |", "").replace(
        "| Risk | Likelihood | Impact | Mitigation |\n| ---- | ---------- | ------ | ---------- |",
        "| Owner | Due |\n| --- | --- |\n| Ann | May |",
    )
    assert [code for code, _ in codes(text)] == ["PC005"]


def test_findings_are_sorted_and_printable() -> None:
    text = _without(PLAN, "## 6. Testing Strategy").replace("- Which", "- NEEDS CLARIFICATION: Which")
    findings = plancore.check(text, "maestro")
    assert [f.code for f in findings] == ["PC003", "PC002"]
    assert [f.line for f in findings] == sorted(f.line for f in findings)
    assert str(findings[1]).startswith(f"line {findings[1].line}: PC002 NEEDS CLARIFICATION marker")
    located = attrs.evolve(findings[1], path="plan.md")
    assert str(located).startswith(f"plan.md:{findings[1].line}: PC002 ")
    assert located.as_dict() == {
        "path": "plan.md",
        "line": findings[1].line,
        "code": "PC002",
        "message": located.message,
    }


def test_detected_file_with_few_template_sections_is_no_plan() -> None:
    # The header marks it as maestro, but only one of the template's eight sections is there.
    text = PLAN[: PLAN.index("## 1.")] + PLAN[PLAN.index("## 8. Open Questions") :]
    assert plancore.detect(text) == "maestro"
    with pytest.raises(plancore.UnknownFormatError, match="has 1 of its template's 8 sections"):
        plancore.check(text)
    assert [code for code, _ in codes(text)] == ["PC003"] * 7


def test_check_raises_what_parse_raises() -> None:
    with pytest.raises(plancore.UnknownFormatError):
        plancore.check("Just a note.\n")
    with pytest.raises(plancore.ParseError):
        plancore.check("", "maestro")
    with pytest.raises(plancore.PlanTypeError):
        plancore.check(b"# Plan")  # type: ignore[arg-type]


@pytest.mark.parametrize("name", plancore.formats())
@settings(max_examples=10)
@given(text=any_text)
def test_any_text_gives_findings_or_a_plan_error(name: str, text: str) -> None:
    try:
        findings = plancore.check(text, name)
    except plancore.PlanError:
        return
    assert all(finding.code in CODES and finding.line >= 1 for finding in findings)


CORPUS = corpus_files()


@pytest.mark.skipif(not CORPUS, reason="../shared/corpus is absent")
def test_corpus_findings_use_known_codes_and_real_lines() -> None:
    for name, path in CORPUS:
        text = path.read_bytes().decode("utf-8")
        for finding in plancore.check(text, name):
            assert finding.code in CODES
            assert 1 <= finding.line <= text.count("\n") + 1


# --- the command line ---


def test_cli_exit_codes_and_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    clean, dirty = tmp_path / "clean.md", tmp_path / "dirty.md"
    clean.write_text(PLAN, encoding="utf-8")
    dirty.write_text(PLAN.replace("- Which", "- NEEDS CLARIFICATION: Which"), encoding="utf-8")
    assert main(["check", str(clean)]) == 0
    assert capsys.readouterr().out == ""
    assert main(["check", str(clean), str(dirty)]) == 1
    marked = "'- NEEDS CLARIFICATION: Which delimiter do Excel users expect?'"
    assert capsys.readouterr().out == f"{dirty}:72: PC002 NEEDS CLARIFICATION marker: {marked}\n"
    assert main(["check", str(dirty), "--json"]) == 1
    document = json.loads(capsys.readouterr().out)
    assert document["checked"] == 1
    assert [(f["path"], f["line"], f["code"]) for f in document["findings"]] == [(str(dirty), 72, "PC002")]
    assert main(["check"]) == 2
    assert main(["check", str(tmp_path / "missing.md")]) == 2


def test_cli_checks_a_tree_and_skips_what_is_no_plan(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "specs" / "042").mkdir(parents=True)
    (tmp_path / "specs" / "042" / "plan.md").write_text(_without(PLAN, "## 3. Data Model"), encoding="utf-8")
    (tmp_path / "README.md").write_text("# Project\n\nSome words.\n", encoding="utf-8")
    (tmp_path / "specs" / "notes.txt").write_text("not markdown", encoding="utf-8")
    assert main(["check", str(tmp_path), "--format", "maestro", "--json"]) == 1
    document = json.loads(capsys.readouterr().out)
    codes_found = {(Path(f["path"]).name, f["code"]) for f in document["findings"]}
    # With --format, every file is read as that format: the README lacks every section.
    assert ("plan.md", "PC003") in codes_found
    assert ("README.md", "PC003") in codes_found
    assert main(["check", str(tmp_path)]) == 1
    captured = capsys.readouterr()
    assert "plan.md:" in captured.out and "README.md" not in captured.out
    assert "README.md: no plan format fits; skipped" in captured.err
    assert main(["check", str(tmp_path), "--json"]) == 1
    document = json.loads(capsys.readouterr().out)
    assert document["checked"] == 1
    assert document["skipped"] == [f"{tmp_path / 'README.md'}: no plan format fits; skipped"]


def test_cli_unreadable_file_is_pc000(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "plan.md"
    bad.write_bytes(b"# Plan\n\xff\xfe\n")
    assert main(["check", str(bad)]) == 1
    assert capsys.readouterr().out == f"{bad}:2: PC000 not valid UTF-8 at byte offset 7\n"


def test_pre_commit_hook_runs_plancore_check() -> None:
    hooks = (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    assert "- id: plancore-check\n" in hooks
    assert "  entry: plancore check\n" in hooks
    assert "  language: python\n" in hooks
