"""A -> B -> A -> B with an author's subsections under a section of a field the plan leaves empty: the
section is carried whole, heading and all, so a second cycle writes what the first did (hand-written
inputs, one per kind that made a cycle unstable)."""

from __future__ import annotations

import plancore
from plancore._report import APPENDIX_HEADING


def _body(text: str) -> str:
    return text.split(f"## {APPENDIX_HEADING}")[0]


SPECPULSE_TESTING = (
    "# Implementation Plan: Export\n\n## Specification Reference\n\n- **Spec**: spec.md\n\n"
    "## Architecture Overview\n\n### High-Level Design\n\nA CSV writer behind the board menu.\n\n"
    "## Testing Strategy\n\n### Golden Files\n\nEach export is compared with a file checked in.\n\n"
    "### Big Boards\n\n- A board of 10,000 cards exports in one pass\n\n"
    "## Implementation Phases\n\n### Phase 1: Rows [Priority: HIGH]\n\n#### Tasks\n\n- [ ] Write the row type\n\n"
    "## Additional Notes\n\nShip on Friday.\n"
)


def test_an_authors_subsections_keep_their_heading_beside_the_targets_sample_subsections() -> None:
    # SmartSpec writes its Unit/Integration/E2E samples beside the author's subsections of Testing
    # Strategy. Those samples counted as fields of the section, so the section was not carried whole to
    # SpecPulse (no testing field): its subsections went on their own, as top sections at the end,
    # and came back to SmartSpec there on the second cycle.
    smartspec = plancore.convert(SPECPULSE_TESTING, "smartspec", source="specpulse").text
    back = plancore.convert(smartspec, "specpulse", source="smartspec").text
    assert "## Testing Strategy\n### Golden Files\n" in back
    assert back.index("## Testing Strategy") < back.index("### Big Boards") < back.index("## Resource Requirements")
    # The samples are SmartSpec's template, not the author's: not carried.
    assert "unit_test" not in back
    again = plancore.convert(back, "smartspec", source="specpulse").text
    assert _body(again) == _body(smartspec)


MAESTRO_PHASE_CODE = (
    "# Implementation Plan: Export\n\n**Feature ID:** 007-export\n**Spec:** spec.md\n**Created:** 2026-05-01\n"
    "**Status:** Draft\n\n---\n\n## 5. Implementation Phases\n\n### Phase 1: Rows\n\n- **Tasks:**\n"
    "  - Write the row type\n- **Deliverable:** Rows\n\n#### Code: `rows.ts`\n\n"
    "```ts\nexport type Row = string[];\n```\n\n"
    "### Phase 2: Button\n\n- **Tasks:**\n  - Add the button\n- **Deliverable:** A button\n\n---\n"
)


def test_a_maestro_phases_own_subsection_is_a_section_of_that_phase() -> None:
    # Read into the phase's loose text, heading and all, it had no heading in a format placing no text in
    # a phase (SpecPulse carried it to its appendix) and left the phase on the second cycle.
    plan = plancore.parse(MAESTRO_PHASE_CODE, "maestro")
    assert [(s.heading, s.level, s.after) for s in plan.extra_sections] == [("Code: `rows.ts`", 4, "phases.0")]
    assert plancore.emit(plan, "maestro") == MAESTRO_PHASE_CODE
    back = plancore.convert(MAESTRO_PHASE_CODE, "specpulse", source="maestro").text
    assert back.index("### Phase 1") < back.index("#### Code: `rows.ts`") < back.index("### Phase 2")
    again = plancore.convert(back, "maestro", source="specpulse").text
    assert again.index("### Phase 1") < again.index("#### Code: `rows.ts`") < again.index("### Phase 2")
    assert _body(plancore.convert(again, "specpulse", source="maestro").text) == _body(back)
