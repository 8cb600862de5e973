"""Contract 1 and 2: each format's blank template, byte for byte."""

from __future__ import annotations

import itertools

import pytest
from helpers import blank_template, read_seed

import plancore
from plancore._registry import get_format

FORMATS = plancore.formats()


@pytest.mark.parametrize("name", FORMATS)
def test_shipped_template_is_the_seed(name: str) -> None:
    # speckit-github's: the upstream file, its command tokens as an installed Spec Kit writes them.
    assert get_format(name).blank_text == blank_template(name)


@pytest.mark.parametrize("name", FORMATS)
def test_empty_plan_emits_the_blank_template(name: str) -> None:
    assert plancore.emit(plancore.Plan(), name) == blank_template(name)


@pytest.mark.parametrize("name", FORMATS)
def test_blank_template_has_no_content(name: str) -> None:
    # Both the seed as published and as installed (speckit-github's tokens or commands) are blank.
    assert plancore.parse(read_seed(name), name) == plancore.Plan()
    assert plancore.parse(blank_template(name), name) == plancore.Plan()


@pytest.mark.parametrize("name", FORMATS)
def test_template_round_trips_byte_for_byte(name: str) -> None:
    for seed in (read_seed(name), blank_template(name)):
        assert plancore.emit(plancore.parse(seed, name), name) == seed


@pytest.mark.parametrize("name", FORMATS)
def test_template_round_trips_when_rendered_afresh(name: str) -> None:
    # Without the kept source the writer must still give the same bytes (the installed ones).
    seed = blank_template(name)
    plan = plancore.parse(read_seed(name), name)
    fresh = plancore.Plan(**{f: getattr(plan, f) for f in ("metadata", "summary", "phases")})
    assert plancore.emit(fresh, name) == seed


@pytest.mark.parametrize("name", FORMATS)
def test_seed_is_detected_as_its_format(name: str) -> None:
    assert plancore.detect(read_seed(name)) == name
    assert plancore.detect(blank_template(name)) == name


@pytest.mark.parametrize(("source", "target"), list(itertools.permutations(FORMATS, 2)))
def test_blank_converts_to_blank(source: str, target: str) -> None:
    result = plancore.convert(read_seed(source), target, source=source)
    assert result.text == blank_template(target)
    assert result.losses == ()
    assert (result.source, result.target) == (source, target)


def test_speckit_github_writes_the_installed_commands_and_reads_every_spelling() -> None:
    # Read by hand against ../shared/corpus/speckit-github/plan-template-v1.0.1.md: its Note line
    # and documentation tree name the plan command by token; a user's installed copy names it
    # `/speckit.plan` (or `/speckit-plan` where commands are skills); all are the template's text.
    text = plancore.emit(plancore.Plan(), "speckit-github")
    assert "**Note**: This template is filled in by the `/speckit.plan` command;" in text
    assert "└── tasks.md             # Phase 2 output (/speckit.tasks command - NOT created by /speckit.plan)" in text
    assert "__SPECKIT_COMMAND_" not in text
    hyphens = text.replace("/speckit.plan", "/speckit-plan").replace("/speckit.tasks", "/speckit-tasks")
    assert plancore.parse(hyphens, "speckit-github") == plancore.Plan()
    # A tree the author changed is content, commands and all.
    own = text.replace("specs/[###-feature]/", "specs/001-export/")
    assert "specs/001-export/" in plancore.parse(own, "speckit-github").documentation_structure
