"""A phase's priority and deliverables where the target has a place for them (the s12 user trial, item 9):
a SpecPulse phase's ``[Priority: HIGH]`` and ``#### Deliverables`` as a person writes them in aadt and maestro,
not as a work step or as empty headings in the appendix."""

from __future__ import annotations

import plancore

SPECPULSE = """# Implementation Plan: Sign-up form

<!-- FEATURE_DIR: 001-sign-up -->
<!-- FEATURE_ID: 001 -->

## Implementation Phases

### Phase 1: Foundation [Priority: HIGH]
**Timeline**: 2 days
**Dependencies**: None

#### Tasks
1. [ ] Create the form
2. [ ] Store the accounts

#### Deliverables
- [ ] Form renders
- [x] Accounts table exists

### Phase 2: Polish [Priority: LOW]
**Timeline**: 1 day
**Dependencies**: Phase 1 complete

#### Tasks
1. [ ] Add error messages

#### Deliverables
- [ ] Errors shown inline
"""


def test_aadt_writes_a_phase_s_priority_and_deliverables_in_the_phase() -> None:
    result = plancore.convert(SPECPULSE, "aadt", source="specpulse")
    text = result.text
    phase = text[text.index("### Phase 1: Foundation\n") : text.index("### Phase 2: Polish\n")]
    assert phase == (
        "### Phase 1: Foundation\n\n"
        "**Estimated Time:** 2 days\n\n"
        "**Dependencies:** None\n\n"
        "**Priority:** HIGH\n\n"
        "**Deliverables:**\n\n"
        "- [ ] Form renders\n"
        "- [x] Accounts table exists\n\n"
        "#### Step 1.1: Foundation\n\n"
        "**Tasks:**\n\n"
        "- [ ] Create the form\n"
        "- [ ] Store the accounts\n\n"
    )
    assert "Step 1.2" not in text and "Step 2.2" not in text
    assert "**Priority:** LOW\n" in text
    assert "[Priority:" not in text
    assert not [loss for loss in result.losses if loss.path.startswith("phases")]


def test_aadt_reads_its_priority_and_deliverables_back() -> None:
    aadt = plancore.convert(SPECPULSE, "aadt", source="specpulse").text
    plan = plancore.parse(aadt, "aadt")
    first, second = plan.phases
    assert (first.priority, second.priority) == ("HIGH", "LOW")
    assert [(t.text, t.done) for t in first.deliverables] == [("Form renders", False), ("Accounts table exists", True)]
    assert [t.text for t in first.steps[0].tasks] == ["Create the form", "Store the accounts"]
    assert first.description == ""
    # Back in SpecPulse, each phase is as it was.
    back = plancore.convert(aadt, "specpulse", source="aadt").text
    assert "### Phase 1: Foundation [Priority: HIGH]\n" in back
    assert "#### Deliverables\n- [ ] Form renders\n- [x] Accounts table exists\n" in back


def test_maestro_writes_a_phase_s_priority_as_an_item_and_reads_it_back() -> None:
    result = plancore.convert(SPECPULSE, "maestro", source="specpulse")
    assert "- **Estimate:** 2 days\n- **Priority:** HIGH\n- **Tasks:**\n" in result.text
    # Maestro's deliverables have no box: only the ticked one is carried, under its phase's heading.
    assert "[Priority: LOW]" not in result.text
    assert [loss.path for loss in result.losses if loss.path.startswith("phases")] == ["phases[0].deliverables[1].done"]
    assert [p.priority for p in plancore.parse(result.text, "maestro").phases] == ["HIGH", "LOW"]
