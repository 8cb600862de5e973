"""Parts of a plan landing where a person converting by hand puts them, in the target's own style
(issue 11; user-trial findings 9, 11, 15 and 21): a phase's own subsections with their phase, scenarios
named and written as OpenSpec writes them, phases in SmartSpec's labelled bullets, and research.md's
alternatives without the option chosen. Each on a small plan written for the shape."""

from __future__ import annotations

from pathlib import Path

import plancore
from plancore._formats.kiro import read_kiro

# A SpecPulse plan whose first two phases have a subsection of their own after their task lists.
SPECPULSE_PHASE_SUBSECTIONS = """\
# Implementation Plan: Charts

## Implementation Phases

### Phase 1: Types [Priority: HIGH]
**Duration**: 1 day

#### Tasks
1. [ ] Add the chart types

#### Deliverables
- [ ] Types for chart data

#### Code: `chart.ts`

```ts
export type Range = '1D';
```

### Phase 2: API [Priority: HIGH]
**Duration**: 1 day

#### Tasks
1. [ ] Add the endpoint

#### API Contract

GET /api/chart

### Phase 3: Polish [Priority: LOW]
**Duration**: 1 day

#### Tasks
1. [ ] Tune the colours
"""


def test_a_phase_subsection_goes_into_its_kiro_top_task(tmp_path: Path) -> None:
    plan = plancore.parse(SPECPULSE_PHASE_SUBSECTIONS, "specpulse")
    plancore.write_folder(plan, tmp_path / "charts", "kiro")
    tasks = (tmp_path / "charts" / "tasks.md").read_text()
    # In its phase's top task (a heading inside the list item would head the sub-tasks after it), not after
    # the last task.
    first, second, third = tasks.split("\n- [ ] ")[1:]
    assert first.startswith("1. Types")
    assert "  **Code: `chart.ts`**\n\n  ```ts\n  export type Range = '1D';\n  ```\n" in first
    assert second.startswith("2. API") and "  **API Contract**\n\n  GET /api/chart\n" in second
    assert third == "3. Polish\n\n  **Priority**: LOW  \n  **Estimate**: 1 day\n  - [ ] Tune the colours\n"
    assert "####" not in tasks
    back = read_kiro(tmp_path / "charts").phases[0].tasks
    assert back[0].body.endswith("**Code: `chart.ts`**\n\n```ts\nexport type Range = '1D';\n```")
    assert [sub.text for sub in back[0].subtasks] == ["Add the chart types"]


def test_a_phase_subsection_stays_with_its_phase_in_rapid_spec_kit() -> None:
    text = plancore.convert(SPECPULSE_PHASE_SUBSECTIONS, "speckit", source="specpulse").text
    headings = [line for line in text.split("\n") if line.startswith("#")]
    at = headings.index("### Phase 1: Types")
    assert headings[at : at + 5] == [
        "### Phase 1: Types",
        "#### Code: `chart.ts`",
        "### Phase 2: API",
        "#### API Contract",
        "### Phase 3: Polish",
    ]
    # Read back, each is its phase's: written from the fields alone, it stands there again.
    back = plancore.parse(text, "speckit")
    assert [(s.heading, s.after) for s in back.extra_sections[:2]] == [
        ("Code: `chart.ts`", "phases.0"),
        ("API Contract", "phases.1"),
    ]
    again = plancore.emit(plancore.Plan(phases=back.phases, extra_sections=back.extra_sections[:2]), "speckit")
    assert again.index("### Phase 1: Types") < again.index("#### Code") < again.index("### Phase 2: API")
    assert again.index("### Phase 2: API") < again.index("#### API Contract") < again.index("### Phase 3: Polish")
