"""Detection by shape: ``plancore.detect_scores`` and ``plancore detect --explain`` say how
close each format came and by which marks; SpecPulse 1.x and translated plans are found."""

from __future__ import annotations

import functools
import re
from pathlib import Path
from unittest import mock

import pytest
from helpers import SHARED, examples
from hypothesis import given, settings
from strategies import detection_text, markdownish_text

import plancore
from plancore import _detect
from plancore._cli import main

SPECPULSE_V1 = """# Implementation Plan: Exports

## Architecture Overview

A nightly job writes CSV files.

## Phase 0: Groundwork

### Objectives
- Exports stored per account

### Tasks
- [ ] Add the `exports` table

### Success Criteria
- An export is listed within a minute

## Risk Management

1. **Risk**: Large accounts time out
   **Probability**: Low
   **Impact**: Medium
   **Mitigation**: Stream rows
"""

# SpecPulse 1.x in Turkish: the shape (phase sections with their parts, risk blocks) is the same.
SPECPULSE_V1_TR = """# Uygulama Planı: Dışa Aktarım

## Mimari

Gece çalışan bir iş CSV dosyaları yazar.

## Faz 0: Temel

### Hedefler
- Dışa aktarımlar hesap başına saklanır

### Görevler
- [x] `exports` tablosunu ekle

### Başarı Kriterleri
- Dışa aktarım bir dakika içinde listelenir

## Riskler

1. **Risk**: Büyük hesaplar zaman aşımına uğrar
   **Olasılık**: Düşük
   **Etki**: Orta
   **Önlem**: Satırları akış olarak yaz
"""


def test_scores_name_every_format_best_first_and_the_best_is_detected() -> None:
    scores = plancore.detect_scores(SPECPULSE_V1)
    assert sorted(score.format for score in scores) == sorted(plancore.formats())
    assert [score.score for score in scores] == sorted((score.score for score in scores), reverse=True)
    best = scores[0]
    assert best.format == "specpulse" == plancore.detect(SPECPULSE_V1)
    assert best.fits
    assert best.marks == ("### Objectives", "### Success Criteria", "1. **Risk**:", "**Mitigation**:")
    assert 0.0 < best.headings < 1.0


def test_scores_of_a_text_no_format_fits() -> None:
    scores = plancore.detect_scores("Some notes.\n\nNothing more.\n")
    assert not any(score.fits for score in scores)
    assert all(score.marks == () for score in scores)
    with pytest.raises(plancore.UnknownFormatError):
        plancore.detect("Some notes.\n\nNothing more.\n")


def test_scores_refuse_what_detect_refuses() -> None:
    with pytest.raises(plancore.ParseError):
        plancore.detect_scores("   \n")
    with pytest.raises(plancore.PlanTypeError):
        plancore.detect_scores(b"# Plan")  # type: ignore[arg-type]


@pytest.mark.parametrize("text", [SPECPULSE_V1, SPECPULSE_V1_TR], ids=["en", "tr"])
def test_specpulse_v1_plan_is_detected_and_read(text: str) -> None:
    assert plancore.detect(text) == "specpulse"
    plan = plancore.parse(text)
    (phase,) = plan.phases
    assert phase.goal.startswith(("Exports stored", "Dışa aktarımlar"))
    assert len(phase.tasks) == 1 and len(phase.deliverables) == 1
    (risk,) = plan.risks
    assert risk.probability in ("Low", "Düşük") and risk.mitigation in ("Stream rows", "Satırları akış olarak yaz")
    assert plan.architecture.overview.startswith(("A nightly job", "Gece çalışan"))
    assert plan.extra_sections == ()
    assert plancore.emit(plan, "specpulse") == text


def test_a_phase_section_of_prose_is_the_authors_own() -> None:
    # "Phase 0: Research" holding a paragraph is no phase (no tasks, objectives, timeline).
    text = SPECPULSE_V1 + "\n## Phase 9: Notes on research\n\nWe read three papers.\n"
    plan = plancore.parse(text, "specpulse")
    assert [phase.name for phase in plan.phases] == ["Groundwork"]
    assert [section.heading for section in plan.extra_sections] == ["Phase 9: Notes on research"]


def test_cli_explain_says_how_close_each_format_came(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    plan = tmp_path / "plan.md"
    plan.write_text(SPECPULSE_V1, encoding="utf-8")
    notes = tmp_path / "notes.md"
    notes.write_text("Some notes.\n", encoding="utf-8")
    assert main(["detect", "--explain", str(plan)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].endswith("plan.md: specpulse")
    assert lines[1].startswith("  specpulse: 3.") and "Objectives" in lines[1]
    assert main(["detect", "--explain", str(notes)]) != 0
    captured = capsys.readouterr()
    # None fits, and still every format's score and reasons follow (a new-user trial saw only the error).
    lines = captured.out.splitlines()
    assert lines[0] == f"{notes}: not a plan"
    assert sorted(line.split(":")[0].strip() for line in lines[1:]) == sorted(plancore.formats())
    assert all(", below 2.00 (template headings 0%; marks: none)" in line for line in lines[1:])
    assert "no plan format fits" in captured.err
    assert "-f FORMAT" in captured.err
    # Trial 12 #15: with --explain given, no advice to run `detect --explain` (a circle).
    assert "--explain" not in captured.err


def test_cli_explain_names_the_near_misses_of_a_free_form_plan(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # One Spec Kit rapid heading and nothing else: speckit came closest, and its line says by what.
    plan = tmp_path / "free.md"
    plan.write_text("# Billing\n\n## Goals\n\n- Charge cards\n\n## Technical Approach\n\nStripe.\n", encoding="utf-8")
    scores = plancore.detect_scores(plan.read_text(encoding="utf-8"))
    assert not any(score.fits for score in scores)
    assert main(["detect", "--explain", str(plan)]) != 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == f"{plan}: not a plan"
    assert len(lines) == 1 + len(plancore.formats())
    assert scores[0].format == "speckit" and 0 < scores[0].score < 2
    assert lines[1].startswith("  speckit: 1.")
    assert lines[1].endswith(", below 2.00 (template headings 7%; marks: ## Technical Approach)")


def test_checklists_under_bold_sub_labels_are_the_phase_tasks() -> None:
    text = (
        "# Implementation Plan: Launch\n\n## Phase 1: Review\n\n**Gate 1: Review**\n- [x] Design reviewed\n"
        "- [ ] Security reviewed\n\n**Gate 2: Ship**\n\n- [ ] Rolled out\n"
    )
    plan = plancore.parse(text, "specpulse")
    (phase,) = plan.phases
    assert [(task.text, task.done) for task in phase.tasks] == [
        ("Design reviewed", True),
        ("Security reviewed", False),
        ("Rolled out", False),
    ]
    # The sub-labels stay, as the phase's text.
    assert phase.description == "**Gate 1: Review**\n\n**Gate 2: Ship**"
    assert plancore.emit(plan, "specpulse") == text


EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "smartspec-plan.md"


@pytest.mark.parametrize("unfilled", ["keep", "drop"])
@pytest.mark.parametrize("target", plancore.formats())
def test_plancore_s_own_output_of_a_format_is_detected_as_that_format(target: str, unfilled: str) -> None:
    # A converted plan keeps the target's marks that need no value of the source's (SpecPulse's comment header
    # and version labels where the Spec ID line went with its placeholder), though it carries the source's sections.
    text = plancore.convert(EXAMPLE.read_text(encoding="utf-8"), target, unfilled=unfilled).text
    assert plancore.detect(text) == target


@functools.lru_cache(maxsize=4)
def _reference_line_marks(patterns: tuple[str, ...]) -> tuple[re.Pattern[str], tuple[tuple[str, int], ...]]:
    # Detection before marks declared their line's opening (``LineMark``): every mark tried at every line.
    bodies = [pattern[1:] for pattern in patterns]
    any_mark = "|".join(f"(?:{body})" for body in bodies)
    each = "".join(f"(?:(?=(?P<m{index}>{body}))|)" for index, body in enumerate(bodies))
    compiled = re.compile(f"\\n(?={any_mark}){each}", re.MULTILINE)
    return compiled, tuple((pattern, compiled.groupindex[f"m{index}"]) for index, pattern in enumerate(patterns))


def _reference_marks_found(lines: str, markers: tuple[tuple[tuple[str, float], ...], ...]) -> dict[str, str]:
    patterns = dict.fromkeys(str(pattern) for marks in markers for pattern, _ in marks if pattern.startswith("^"))
    compiled, groups = _reference_line_marks(tuple(patterns))
    found: dict[str, str] = {}
    for match in compiled.finditer(lines):
        values = match.groups()
        for pattern, group in groups:
            value = values[group - 1]
            if value is not None and pattern not in found:
                found[pattern] = value.strip()
    return found


def _assert_scores_as_the_reference(text: str) -> None:
    scores = _detect.format_scores(text)
    with mock.patch.object(_detect, "_marks_found", _reference_marks_found):
        assert scores == _detect.format_scores(text)


def _corpus_texts() -> list[str]:
    paths = sorted((SHARED / "seeds").glob("*.txt")) + sorted((SHARED / "corpus").glob("*/*.md"))
    if not paths:
        pytest.skip("../shared is absent (the repository's shared test data, beside the checkout)")
    return [path.read_text(encoding="utf-8", errors="replace") for path in paths]


def test_marks_tried_on_their_lines_alone_score_every_corpus_text_as_all_tried_everywhere() -> None:
    texts = _corpus_texts()
    for text in texts:
        _assert_scores_as_the_reference(text)
        # The texts' own lines after another opening: a mark sought on a line opening otherwise.
        for opening in (" ", "- ", "#", "**", "> "):
            _assert_scores_as_the_reference(text.replace("\n", "\n" + opening))


@settings(max_examples=examples(300), deadline=None)
@given(detection_text | markdownish_text)
def test_marks_tried_on_their_lines_alone_score_any_text_as_all_tried_everywhere(text: str) -> None:
    _assert_scores_as_the_reference(text)
