"""A SpecPulse phase's priority, deliverables and risk subsections in SmartSpec (the s13 user trial, T12):
each where a person converting by hand puts it, not as empty phase headings in the appendix, a rollback
plan made of a dependency table, or deliverables glued into the activities line."""

from __future__ import annotations

import plancore

SPECPULSE = """# Implementation Plan: Sign-up form

<!-- FEATURE_DIR: 001-sign-up -->

## Implementation Phases

### Phase 1: Foundation [Priority: HIGH]
**Timeline**: 2 days
**Dependencies**: None

#### Tasks
1. [ ] Create the form
2. [ ] Store the accounts

#### Deliverables
- [ ] Form renders
- [ ] Accounts table exists

### Phase 2: Polish [Priority: LOW]
**Timeline**: 1 day
**Dependencies**: Phase 1 complete

#### Tasks
1. [ ] Add error messages
"""


def _phase(text: str, name: str) -> str:
    start = text.index(f"### Phase {name}\n")
    end = text.find("\n### ", start + 1)
    return text[start : end if end != -1 else text.index("\n## ", start)]


def test_a_phase_s_priority_is_a_line_of_its_smartspec_phase_not_an_empty_appendix_heading() -> None:
    result = plancore.convert(SPECPULSE, "smartspec", source="specpulse")
    text = result.text
    assert _phase(text, "1: Foundation").startswith(
        "### Phase 1: Foundation\n\n- Duration: 2 days\n- Priority: HIGH\n- Dependencies: None\n"
    )
    assert "- Duration: 1 day\n- Priority: LOW\n- Dependencies: Phase 1 complete\n" in _phase(text, "2: Polish")
    assert "[Priority:" not in text
    assert "### Implementation Phases" not in text
    assert not [loss.path for loss in result.losses if loss.path.startswith("phases")]
    # SmartSpec reads it back, and SpecPulse writes it in its heading again.
    assert [p.priority for p in plancore.parse(text, "smartspec").phases] == ["HIGH", "LOW"]
    back = plancore.convert(text, "specpulse", source="smartspec").text
    assert "### Phase 1: Foundation [Priority: HIGH]\n" in back
    assert "### Phase 2: Polish [Priority: LOW]\n" in back


def test_a_smartspec_phase_s_priority_line_comes_back_as_written() -> None:
    text = plancore.convert(SPECPULSE, "smartspec", source="specpulse").text
    edited = text.replace("- Priority: LOW\n", "- Priority: MEDIUM\n")
    assert plancore.convert(edited, "smartspec", source="smartspec").text == edited


# SpecPulse's dependency-risk table with a column of the author's (``Owner``): no dependency field reads it, so it
# is the author's section, a sibling of the Technical Risks under the Risk Assessment.
RISKS = """# Implementation Plan: Sign-up form

## Implementation Phases

### Phase 1: Foundation [Priority: HIGH]
**Timeline**: 2 days

#### Tasks
1. [ ] Create the form

## Risk Assessment

### Technical Risks
| Risk | Probability | Impact | Mitigation |
|------|-------------|--------|------------|
| Spam sign-ups | High | Medium | Add a captcha |

### Dependencies
| Dependency | Owner | Risk | Contingency |
|------------|-------|------|-------------|
| Mail service | Ops | Low | Queue the mails |
"""


def test_a_risk_assessment_s_dependency_table_stays_beside_its_risks_not_under_the_rollback_plan() -> None:
    text = plancore.convert(RISKS, "smartspec", source="specpulse").text
    # Checked by hand against RISKS: the whole Risk Assessment after the phases, its two subsections as written.
    assert (
        "- [ ] Create the form\n\n"
        "## Risk Assessment\n\n"
        "### Technical Risks\n\n"
        "| Risk | Probability | Impact | Mitigation |\n"
        "|------|-------------|--------|------------|\n"
        "| Spam sign-ups | High | Medium | Add a captcha |\n\n"
        "### Dependencies\n\n"
        "| Dependency | Owner | Risk | Contingency |\n"
        "|------------|-------|------|-------------|\n"
        "| Mail service | Ops | Low | Queue the mails |\n\n"
        "## Rollback Plan\n\n{{rollback_plan}}\n\n---\n"
    ) in text
    # Back in SpecPulse, both tables are under its Risk Assessment again, and the next SmartSpec is the same.
    back = plancore.convert(text, "specpulse", source="smartspec").text
    assert "## Risk Assessment\n\n### Technical Risks\n| Risk |" in back
    assert "### Dependencies\n| Dependency | Owner | Risk | Contingency |\n" in back
    assert plancore.convert(back, "smartspec", source="specpulse").text == text


def test_a_phase_s_deliverables_are_a_deliverables_item_of_its_smartspec_phase_not_glued_into_its_activities() -> None:
    result = plancore.convert(SPECPULSE, "smartspec", source="specpulse")
    text = result.text
    # Checked by hand against SPECPULSE's Phase 1: its two open deliverables listed, no box (none is ticked).
    assert _phase(text, "1: Foundation") == (
        "### Phase 1: Foundation\n\n"
        "- Duration: 2 days\n"
        "- Priority: HIGH\n"
        "- Dependencies: None\n"
        "- Deliverables:\n"
        "  - Form renders\n"
        "  - Accounts table exists\n"
        "- [ ] Create the form\n"
        "- [ ] Store the accounts\n"
    )
    assert "Activities" not in text[text.index("## Rollout Plan") :]
    plan = plancore.parse(text, "smartspec")
    assert [d.text for d in plan.phases[0].deliverables] == ["Form renders", "Accounts table exists"]
    assert [t.text for t in plan.phases[0].tasks] == ["Create the form", "Store the accounts"]
    back = plancore.convert(text, "specpulse", source="smartspec").text
    assert "#### Deliverables\n- [ ] Form renders\n- [ ] Accounts table exists\n" in back


def test_one_open_deliverable_is_on_the_label_s_line_and_a_ticked_one_keeps_its_box() -> None:
    one = SPECPULSE.replace("- [ ] Accounts table exists\n", "")
    text = plancore.convert(one, "smartspec", source="specpulse").text
    assert "- Dependencies: None\n- Deliverables: Form renders\n- [ ] Create the form\n" in text
    ticked = SPECPULSE.replace("- [ ] Accounts table exists", "- [x] Accounts table exists")
    text = plancore.convert(ticked, "smartspec", source="specpulse").text
    assert "- Deliverables:\n  - [ ] Form renders\n  - [x] Accounts table exists\n" in text
    done = [(d.text, d.done) for d in plancore.parse(text, "smartspec").phases[0].deliverables]
    assert done == [("Form renders", False), ("Accounts table exists", True)]


def test_deliverables_whose_text_reads_as_a_box_are_boxed_so_they_read_back_as_written() -> None:
    deliverables = (plancore.Task(text="[x] odd"), plancore.Task(text="Plain"))
    plan = plancore.Plan(phases=(plancore.Phase(name="Build", deliverables=deliverables),))
    text = plancore.emit(plan, "smartspec")
    assert "- Deliverables:\n  - [ ] [x] odd\n  - [ ] Plain\n" in text
    assert plancore.parse(text, "smartspec").phases[0].deliverables == deliverables
