"""Parts of a plan landing where a person converting by hand puts them, in the target's own style
(issue 11; user-trial findings 9, 11, 15 and 21): a phase's own subsections with their phase, scenarios
named and written as OpenSpec writes them, phases in SmartSpec's labelled bullets, and research.md's
alternatives without the option chosen. Each on a small plan written for the shape."""

from __future__ import annotations

from pathlib import Path

import plancore
from plancore._cli import main
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


# A Spec Kit feature folder's spec.md: labelled Given/When/Then scenarios, one wrapped over two lines, one
# whose action names no one, and an Edge Cases subsection after the stories.
SPEC_MD = """\
# Feature Specification: Photos

## Clarifications

### Session 2025-01-01

- Q: Which formats? → A: JPEG and PNG

## User Scenarios & Testing *(mandatory)*

### User Story 1 - Add a photo (Priority: P1)

An administrator adds a photo to a car.

**Acceptance Scenarios**:

1. **US1-AS1**: **Given** an administrator and a car, **When** the administrator uploads a valid image,
   **Then** the image is stored with the car.
2. **US1-AS2**: **Given** an administrator and a car that has no record, **When** they submit, **Then** the \
request is rejected with a clear "car not found" error.
3. **US1-AS3**: **Given** a visitor, **When** they submit, **Then** the request is rejected as forbidden.

---

### Edge Cases

- A file of zero bytes is rejected.

## Requirements *(mandatory)*

### Functional Requirements

- **FR-001**: System MUST store one photo per car.

## Success Criteria *(mandatory)*

### Measurable Outcomes

- **SC-001**: A stored photo shows within one second.
"""


def _spec_kit_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "specs" / "001-photos"
    folder.mkdir(parents=True)
    (folder / "spec.md").write_text(SPEC_MD)
    (folder / "plan.md").write_text("# Implementation Plan: Photos\n\n## Summary\n\nStore a photo per car.\n")
    return folder


def test_spec_kit_scenarios_are_named_and_written_as_openspec_writes_them(tmp_path: Path) -> None:
    plan = plancore.read_folder(_spec_kit_folder(tmp_path))
    plancore.write_folder(plan, tmp_path / "change", "openspec")
    spec = next((tmp_path / "change" / "specs").glob("*/spec.md")).read_text()
    # Named by what each is about (its action; its situation where the action names no one; its outcome where
    # that repeats), after Spec Kit's own label, as the requirement's ID leads its name: never numbered, bold,
    # or cut from the Given clause; each a GIVEN/WHEN/THEN list (OpenSpec's conventions), a wrapped one too.
    assert (
        "#### Scenario: US1-AS1 Administrator uploads a valid image\n"
        "- **GIVEN** an administrator and a car\n"
        "- **WHEN** the administrator uploads a valid image\n"
        "- **THEN** the image is stored with the car.\n"
    ) in spec
    assert "#### Scenario: US1-AS2 Administrator and a car that has no record\n- **GIVEN**" in spec
    # Its situation is no name on its own (two words): the outcome, cut before the quotation it would halve.
    assert "#### Scenario: US1-AS3 Request is rejected as forbidden\n- **GIVEN** a visitor\n" in spec
    assert "**Given**" not in spec and "Scenario: 1" not in spec
    # Back in a Spec Kit folder, the scenarios are as they were written (the wrapped one on one line).
    plancore.write_folder(plancore.read_folder(tmp_path / "change"), tmp_path / "back", "speckit-github")
    back = (tmp_path / "back" / "spec.md").read_text()
    assert (
        "2. **US1-AS2**: **Given** an administrator and a car that has no record, **When** they submit, **Then** the "
        'request is rejected with a clear "car not found" error.\n'
    ) in back
    assert "1. **US1-AS1**: **Given** an administrator and a car, **When** the administrator uploads" in back


def test_an_edge_cases_subsection_keeps_its_parent_heading_in_openspec_design(tmp_path: Path) -> None:
    plan = plancore.read_folder(_spec_kit_folder(tmp_path))
    plancore.write_folder(plan, tmp_path / "change", "openspec")
    design = (tmp_path / "change" / "design.md").read_text()
    headings = [line for line in design.split("\n") if line.startswith("#")]
    # The stories are in the spec files; the rest of spec.md is a section of the design (OpenSpec has no place for
    # success criteria): the Edge Cases stand under their own section's heading there, not under the
    # Clarifications before it.
    at = headings.index("#### Edge Cases")
    assert headings[at - 1] == "### User Scenarios & Testing *(mandatory)*"
    assert headings[at - 3 : at - 1] == ["### Clarifications", "#### Session 2025-01-01"]


SMARTSPEC_DECISION = """\
# Implementation Plan: Reset

## Architecture Decisions

### Decision 1: Token storage

- **Context:** Tokens must be revocable.
- **Options Considered:**
  1. Signed JWT - stateless, cannot be revoked early
  2. Database row - revocable, one extra query
  3. Cache entry
- **Decision:** Database row
- **Rationale:** Revocation matters more than one query.
"""


def test_research_md_lists_as_alternatives_only_the_options_not_chosen(tmp_path: Path) -> None:
    plan = plancore.parse(SMARTSPEC_DECISION, "smartspec")
    plancore.write_folder(plan, tmp_path / "reset", "speckit-github")
    research = (tmp_path / "reset" / "research.md").read_text()
    # SmartSpec's Options Considered hold the chosen option; research.md's Alternatives considered are the others.
    assert "**Decision**: Database row — revocable, one extra query\n" in research
    assert research.endswith(
        "**Alternatives considered**:\n- Signed JWT: stateless, cannot be revoked early\n- Cache entry\n"
    )
    # A Spec Kit folder's own decisions are written as they are, whatever their alternatives.
    back = plancore.read_folder(tmp_path / "reset")
    plancore.write_folder(back, tmp_path / "again", "speckit-github")
    assert (tmp_path / "again" / "research.md").read_text() == research
    # Back in SmartSpec, the chosen option is among those considered again, its notes its own (listed last:
    # research.md does not say where it stood).
    out = tmp_path / "reset.md"
    assert main(["convert", str(tmp_path / "reset"), "--to", "smartspec", "-o", str(out), "-q"]) == 0
    (decision,) = plancore.parse(out.read_text(), "smartspec").decisions
    assert decision.choice == "Database row"
    assert [(option.name, option.notes) for option in decision.options] == [
        ("Signed JWT", "stateless, cannot be revoked early"),
        ("Cache entry", ""),
        ("Database row", "revocable, one extra query"),
    ]
