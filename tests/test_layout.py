"""Layout of converted plans: no runs of blank lines that the target's template lacks."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from helpers import corpus_files

import plancore
from plancore._model import Plan, Section
from plancore._registry import get_format

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "smartspec-plan.md"
DOCUMENTS = [*corpus_files(), ("smartspec", EXAMPLE)]
_FENCED = re.compile(r"^(`{3,}|~{3,}).*?^\1[ \t]*$", re.MULTILINE | re.DOTALL)
_RUN = re.compile(r"\n(?:[ \t]*\n){2,}")


def _longest_run(text: str) -> int:
    """The most blank lines in a row in ``text``, outside code blocks (whose blank lines are content)."""
    return max((match.group().count("\n") - 1 for match in _RUN.finditer(_FENCED.sub("```", text))), default=1)


def _runs(text: str, allowed: int) -> list[str]:
    return [
        text[max(0, match.start() - 60) : match.end() + 40]
        for match in _RUN.finditer(_FENCED.sub("```", text))
        if match.group().count("\n") - 1 > allowed
    ]


def _pairs() -> list[object]:
    return [
        pytest.param(name, path, target, id=f"{path.name}-{target}")
        for name, path in DOCUMENTS
        for target in plancore.formats()
        if target != name
    ]


@pytest.mark.skipif(len(DOCUMENTS) < 2, reason="../shared/corpus is absent")
@pytest.mark.parametrize(("name", "path", "target"), _pairs())
def test_no_blank_line_runs_the_target_template_lacks(name: str, path: Path, target: str) -> None:
    text = plancore.convert(path.read_text(encoding="utf-8"), target, source=name).text
    assert _runs(text, _longest_run(get_format(target).blank_text)) == []


@pytest.mark.parametrize("target", plancore.formats())
def test_text_without_a_heading_is_one_block_after_the_section_before_it(target: str) -> None:
    # Written by hand: a kept section and, after the same field, text of the author's with no
    # heading; each is one block with one blank line around it, as the template's blocks are.
    plan = Plan(
        summary="Why.",
        extra_sections=(
            Section(heading="Security Considerations", level=2, body="Tokens are hashed.", after="summary"),
            Section(heading="", level=0, body="A note of the author's.", after="summary"),
        ),
    )
    text = plancore.emit(plan, target)
    assert _runs(text, _longest_run(get_format(target).blank_text)) == []
    assert re.search(r"(?:^|\n\n)A note of the author's\.\n(?:\n|$)", text)


def test_same_format_keeps_the_source_s_blank_lines() -> None:
    # Bytes back: an author's runs of blank lines are theirs to keep.
    text = EXAMPLE.read_text(encoding="utf-8").replace("## Rollback Plan\n", "\n\n\n## Rollback Plan\n", 1)
    assert plancore.convert(text, "smartspec", source="smartspec").text == text
