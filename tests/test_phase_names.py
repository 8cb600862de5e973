"""A phase named as its format's template names its sample phase (SmartSpec's ``Development``,
``Foundation`` in SpecPulse, aadt and rapid Spec Kit) is that phase's name in a filled plan:
``Plan.phases[i].name`` holds it (issue 10). The blank template still reads as the empty plan."""

from __future__ import annotations

import attrs
import pytest
from helpers import SHARED, shown

import plancore
from plancore import Phase, Plan, Task

# Written by hand: a filled SmartSpec plan whose one rollout phase is named as the template's first.
_SMARTSPEC = """# Implementation Plan: Export

## Executive Summary

Export notes as Markdown.

## Rollout Plan

### Phase 1: Development

- Duration: 1 week
- Activities: Write the exporter

- [ ] Write the exporter
- [ ] Test it
"""


def test_a_smartspec_phase_named_development_keeps_its_name() -> None:
    plan = plancore.parse(_SMARTSPEC, "smartspec")
    assert [(phase.name, phase.estimate) for phase in plan.phases] == [("Development", "1 week")]
    assert plancore.emit(plan, "smartspec") == _SMARTSPEC
    # An edit elsewhere in the phase leaves its heading as written.
    phase = plan.phases[0]
    ticked = attrs.evolve(phase, tasks=(attrs.evolve(phase.tasks[0], done=True), phase.tasks[1]))
    out = plancore.emit(attrs.evolve(plan, phases=(ticked,)), "smartspec")
    assert out == _SMARTSPEC.replace("- [ ] Write the exporter\n- [ ]", "- [x] Write the exporter\n- [ ]")
    assert plancore.parse(out, "smartspec").phases[0].name == "Development"


# Each format's template's first phase name, read from templates/<format>.md.
@pytest.mark.parametrize(
    ("fmt", "name"),
    [("smartspec", "Development"), ("specpulse", "Foundation"), ("aadt", "Foundation"), ("speckit", "Foundation")],
)
def test_a_filled_phase_named_as_the_template_reads_with_its_name(fmt: str, name: str) -> None:
    plan = Plan(summary="Why.", phases=(Phase(name=name, estimate="2 days", tasks=(Task(text="Ship the exporter"),)),))
    text = plancore.emit(plan, fmt)
    assert f"Phase 1: {name}\n" in text
    back = plancore.parse(text, fmt)
    assert (back.phases[0].name, back.phases[0].estimate) == (name, "2 days")
    assert plancore.emit(back, fmt) == text
    # The blank template is no plan: its sample phases are no phases.
    blank = plancore.emit(Plan(), fmt)
    assert plancore.parse(blank, fmt).phases == ()
    assert plancore.emit(plancore.parse(blank, fmt), fmt) == blank


def test_the_shared_case_phase_is_named_development() -> None:
    path = SHARED / "cases" / "reliability" / "05b-smartspec-rollout-paragraph-dropped.md"
    if not path.is_file():
        pytest.skip(f"{shown(path)} is absent")
    text = path.read_text(encoding="utf-8")
    # Its line 9: ``### Phase 1: Development``, the plan's one rollout phase.
    plan = plancore.parse(text, "smartspec")
    assert [phase.name for phase in plan.phases] == ["Development"]
    assert plancore.emit(plan, "smartspec") == text
