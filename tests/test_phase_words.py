"""Translated phase headings (``阶段 1`` and a full-width colon, ``フェーズ1:``, ``Fase 1 -``) in every format
that numbers its phases: read through the shared vocabulary (``PHASE_HEADING``, ``PHASE_PREFIX``)
into the phase's number and name, written back byte for byte, an edit touching its line only."""

from __future__ import annotations

import re
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import phase_headings

import plancore
from plancore import Phase, Plan, Task

# Language -> the two phase headings as a plan in it writes them, and the names they give. Numbered
# from 0, as Spec Kit numbers: a numbering of the author's own, kept (``Phase 1``, ``Phase 2`` only count).
HEADINGS = {
    "zh-Hans": (("阶段 0：基础", "基础"), ("阶段 1：核心", "核心")),
    "zh-Hant": (("階段 0：基礎", "基礎"), ("階段 1：核心", "核心")),
    "ja": (("フェーズ0: 基盤", "基盤"), ("フェーズ1: 中核", "中核")),
    "ko": (("단계 0: 기반", "기반"), ("단계 1: 핵심", "핵심")),
    "es": (("Fase 0 - Base", "Base"), ("Fase 1 - Núcleo", "Núcleo")),
    "pt": (("Fase 0 - Fundação", "Fundação"), ("Fase 1 - Núcleo", "Núcleo")),
    "de": (("Phase 0 – Grundlagen", "Grundlagen"), ("Phase 1 – Kern", "Kern")),
    "fr": (("Étape 0 : Fondations", "Fondations"), ("Étape 1 : Cœur", "Cœur")),
    "tr": (("Aşama 0: Temel", "Temel"), ("Aşama 1: Çekirdek", "Çekirdek")),
}
FORMATS = ("maestro", "smartspec", "aadt", "speckit-tasks", "speckit")

_ENGLISH = re.compile(r"^(#+) Phase ([01]): (Setup|Core)$", re.MULTILINE)


def _plan_text(fmt: str, language: str) -> str:
    """The format's writing of a plan of two phases, its phase headings in ``language``."""
    plan = Plan(
        phases=(
            Phase(name="Setup", number="0", tasks=(Task(text="Create project"),)),
            Phase(name="Core", number="1", tasks=(Task(text="Write sync"),)),
        )
    )
    english = plancore.emit(plan, fmt)
    assert len(_ENGLISH.findall(english)) == 2, fmt
    headings = HEADINGS[language]
    return _ENGLISH.sub(lambda match: f"{match.group(1)} {headings[int(match.group(2))][0]}", english)


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("language", list(HEADINGS))
def test_translated_phase_headings_are_read_and_come_back(fmt: str, language: str) -> None:
    text = _plan_text(fmt, language)
    plan = plancore.parse(text, fmt)
    (_, first), (heading, second) = HEADINGS[language]
    # The second's number counts on from the first's: not stored (``_counted``), written again as counted.
    assert [(phase.number, phase.name) for phase in plan.phases] == [("0", first), ("", second)]
    assert plancore.emit(plan, fmt) == text
    # (``阶段 1`` with a full-width colon and a name of two characters: the edit below is put into the
    # author's heading though the two share only the name around it, two characters of a script
    # written without spaces being a word: ``_splice._weight``.)
    # An edit of a phase's name rewrites that name only, in the author's heading.
    edited = attrs.evolve(plan, phases=(plan.phases[0], attrs.evolve(plan.phases[1], name="Sync")))
    out = plancore.emit(edited, fmt)
    changed = [(old, new) for old, new in zip(text.split("\n"), out.split("\n"), strict=True) if old != new]
    line = next(line for line in text.split("\n") if line.endswith(" " + heading))
    assert changed == [(line, line.replace(second, "Sync"))]
    assert [phase.name for phase in plancore.parse(out, fmt).phases] == [first, "Sync"]


@pytest.mark.parametrize("language", list(HEADINGS))
def test_a_word_with_no_number_is_no_phase(language: str) -> None:
    # "Fase de testes" names a section about phases, not a phase: only a number makes a heading a phase's.
    text = _plan_text("smartspec", language).replace(HEADINGS[language][1][0], "Fase de testes")
    assert [phase.name for phase in plancore.parse(text, "smartspec").phases] == [HEADINGS[language][0][1]]


@given(heading=phase_headings(), fmt=st.sampled_from(FORMATS))
def test_any_translated_phase_heading_gives_its_number_and_name(heading: tuple[str, str, str], fmt: str) -> None:
    title, number, name = heading
    english = _plan_text(fmt, "de")
    text = english.replace(HEADINGS["de"][0][0], title, 1)
    plan = plancore.parse(text, fmt)
    # A first phase numbered 1 only counts: that number is not stored (``_counted``).
    assert (plan.phases[0].number, plan.phases[0].name) == ("" if number == "1" else number, name)
    assert plancore.emit(plan, fmt) == text


# --- A phase's own number (``Phase 0``) where the target writes one, and where it cannot (issue 12). ---

_NUMBERED = Plan(
    phases=(
        Phase(name="Research", number="0", tasks=(Task(text="Read the logs"),)),
        Phase(name="Build", tasks=(Task(text="Write the worker"),)),
    )
)


@pytest.mark.parametrize("target", [name for name in plancore.formats() if name != "smartspec"])
def test_a_phase_number_is_written_or_reported(target: str) -> None:
    text = plancore.emit(_NUMBERED, "smartspec")
    assert "### Phase 0: Research\n" in text and "### Phase 1: Build\n" in text
    result = plancore.convert(text, target, source="smartspec")
    lost = [loss.path for loss in result.losses]
    # Every file format with phases writes their numbers in its phase headings; Spec Kit's plan.md has
    # no phases, and carries them as sections under their headings, numbers in (placed, not lost).
    heading = "## Phase 0: Research\n" if target in ("speckit-tasks", "speckit-github") else "### Phase 0: Research\n"
    assert heading in result.text
    assert "phases[0].number" not in lost
    if target == "speckit-github":
        assert "phases[0].number" in [placed.path for placed in result.placed]
    else:
        assert [phase.number for phase in plancore.parse(result.text, target).phases] == ["0", ""]


def test_a_folder_without_phase_numbers_reports_the_number(tmp_path: Path) -> None:
    # OpenSpec numbers its task groups from 1 (``## 1. Research``): a Phase 0 has no number there.
    written = plancore.write_folder(
        plancore.parse(plancore.emit(_NUMBERED, "smartspec"), "smartspec"), tmp_path, "openspec"
    )
    assert "phases[0].number" in [loss.path for loss in written.losses]
