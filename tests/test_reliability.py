"""Issue 11, "Never lose text silently": the reliability cases of
``../shared/cases/reliability`` that lose or misplace text, and the property
behind them: every line of a plan is read into a field or kept verbatim, and a
conversion writes it out or reports it in ``losses``."""

from __future__ import annotations

import os
import re
from pathlib import Path

import attrs
import pytest
from helpers import SHARED, corpus_files
from hypothesis import example, given, settings
from strategies import INSERTED_TOKEN, inserted_paragraphs, insertion_lines, outside_fences

import plancore
from plancore._report import APPENDIX_HEADING

CASES = SHARED / "cases" / "reliability"
FORMATS = plancore.formats()
LONG = os.environ.get("PLANCORE_LONG_TESTS") == "1"


def case(name: str) -> str:
    path = CASES / name
    if not path.exists():
        pytest.skip(f"../shared/cases/reliability/{name} is absent")
    return path.read_text(encoding="utf-8")


def kept(conversion: plancore.Conversion, text: str) -> bool:
    """Whether ``text`` is in the output of ``conversion`` or among its losses."""
    return text in conversion.text or any(text in str(loss.value) for loss in conversion.losses)


def only_verbatim(plan: plancore.Plan, text: str) -> bool:
    """Whether ``text`` is in ``plan`` and only in its verbatim sections (none of its fields)."""
    fields = attrs.evolve(plan, extra_sections=(), source=None)
    return text in repr(plan.extra_sections) and text not in repr(fields)


# --- 01, 01b: heading-less text is never glued under a target's placeholder ---


@pytest.mark.parametrize("target", [name for name in FORMATS if name != "maestro"])
def test_case_01_intro_text_is_not_read_back_as_the_rollback(target: str) -> None:
    text = case("01-maestro-intro-into-rollback.md")
    words = "None - this feature modifies existing components only."
    conversion = plancore.convert(text, target, source="maestro")
    back = plancore.parse(conversion.text, target)
    assert back.rollback == "" and back.notes == "" and back.deployment == ""
    assert conversion.text.count(words) == 1
    assert only_verbatim(back, words)
    # Under its heading in the appendix, in every target: glued after Spec Kit's last section (Complexity
    # Tracking), it read as that section's text, which the next cycle carried under that heading.
    assert f"#### 2.1 New Components\n\n{words}" in conversion.text.split(APPENDIX_HEADING)[1]


def test_case_01b_stack_intro_is_not_read_back_as_scale() -> None:
    text = case("01b-speckit-stack-intro-into-scale.md")
    conversion = plancore.convert(text, "speckit-github", source="speckit")
    back = plancore.parse(conversion.text, "speckit-github")
    assert all("Existing stack" not in entry.value for entry in back.architecture.tech_stack)
    # Rapid Spec Kit's Languages is Spec Kit's Language/Version (``STACK_SYNONYMS``): it answers that label.
    assert [(entry.label, entry.value) for entry in back.architecture.tech_stack] == [("Language/Version", "Java 21")]
    assert conversion.text.count("Existing stack, no new services:") == 1
    assert only_verbatim(back, "Existing stack, no new services:")


def test_text_glued_under_a_placeholder_goes_to_the_appendix_only() -> None:
    # A maestro intro has no place in smartspec; written after the rollback placeholder it would read as the rollback.
    text = "# Implementation Plan: X\n\n## 2. Component Design\n\n### 2.2 Modified Components\n\nOnly wording.\n"
    for target in ("smartspec", "aadt", "speckit"):
        conversion = plancore.convert(text, target, source="maestro")
        back = plancore.parse(conversion.text, target)
        assert (back.rollback, back.notes, back.deployment) == ("", "", "")
        assert conversion.text.count("Only wording.") == 1 and only_verbatim(back, "Only wording.")
        assert [loss.path for loss in conversion.losses] == ["extra_sections[0]"]


# --- 03 .. 06: the smartspec and aadt readers read every line ---

LOST = {
    "03-smartspec-decision-paragraph-dropped.md": ("smartspec", ["Reviewed with the security team on Monday."]),
    "04-aadt-step-paragraph-dropped.md": (
        "aadt",
        ["Ask Dana for bucket access first.", "Keep the worker stateless.", "Benchmark against ImageMagick first."],
    ),
    "05-smartspec-phase-body-dropped.md": ("smartspec", ["Local login with JWT.", "Hash passwords with bcrypt"]),
    "05b-smartspec-rollout-paragraph-dropped.md": (
        "smartspec",
        ["Coordinate with the mobile team before merging.", "Hash passwords with bcrypt"],
    ),
    "06-smartspec-decision-plain-labels-dropped.md": (
        "smartspec",
        ["Peak load is 1,200 events/s.", "RabbitMQ", "native delays", "Postgres table", "Load test passed at 5x peak."],
    ),
}


@pytest.mark.parametrize("target", FORMATS)
@pytest.mark.parametrize("name", sorted(LOST))
def test_cases_03_to_06_no_text_vanishes(name: str, target: str) -> None:
    source, phrases = LOST[name]
    text = case(name)
    plan = plancore.parse(text, source)
    for phrase in phrases:
        assert phrase in repr(plan)
    conversion = plancore.convert(text, target, source=source)
    for phrase in phrases:
        assert kept(conversion, phrase)
    if any(any(phrase in str(loss.value) for loss in conversion.losses) for phrase in phrases):
        with pytest.raises(plancore.LossError):
            plancore.convert(text, target, source=source, strict=True)


def test_case_03_paragraph_after_a_decision_stays_after_it() -> None:
    plan = plancore.parse(case("03-smartspec-decision-paragraph-dropped.md"), "smartspec")
    (decision,) = plan.decisions
    assert (decision.choice, decision.rationale) == ("Database row", "Revocable.")
    assert [(s.body, s.after) for s in plan.extra_sections] == [
        ("Reviewed with the security team on Monday.", "decisions.0")
    ]


def test_case_04_step_paragraphs_are_its_notes() -> None:
    plan = plancore.parse(case("04-aadt-step-paragraph-dropped.md"), "aadt")
    (step,) = plan.phases[0].steps
    assert step.files == ("worker.ts",)
    assert step.tasks == (plancore.Task(text="Write the resize handler"),)
    assert step.notes == "Keep the worker stateless.\n\nBenchmark against ImageMagick first."
    assert plan.prerequisites == (plancore.Task(text="Buckets created"),)
    assert [(s.body, s.after) for s in plan.extra_sections] == [("Ask Dana for bucket access first.", "prerequisites")]


def test_case_05_objective_and_checkboxes_are_the_phase_goal_and_tasks() -> None:
    plan = plancore.parse(case("05-smartspec-phase-body-dropped.md"), "smartspec")
    (phase,) = plan.phases
    assert phase.goal == "Local login with JWT."
    assert phase.tasks == (plancore.Task(text="Hash passwords with bcrypt"),)
    maestro = plancore.parse(plancore.convert(case("05-smartspec-phase-body-dropped.md"), "maestro").text, "maestro")
    assert (maestro.phases[0].goal, maestro.phases[0].tasks) == (phase.goal, phase.tasks)


def test_case_05b_rollout_phase_keeps_its_paragraph_and_task() -> None:
    plan = plancore.parse(case("05b-smartspec-rollout-paragraph-dropped.md"), "smartspec")
    (phase,) = plan.phases
    assert (phase.estimate, phase.description) == ("1 week", "Build it")
    assert phase.tasks == (plancore.Task(text="Hash passwords with bcrypt"),)
    assert [(s.body, s.after) for s in plan.extra_sections] == [
        ("Coordinate with the mobile team before merging.", "phases.0")
    ]


def test_case_06_plain_labels_are_read() -> None:
    plan = plancore.parse(case("06-smartspec-decision-plain-labels-dropped.md"), "smartspec")
    assert plan.decisions == (
        plancore.Decision(
            title="Queue",
            context="Peak load is 1,200 events/s.",
            options=(
                plancore.Option(name="RabbitMQ", notes="native delays"),
                plancore.Option(name="Postgres table", notes="one store"),
            ),
            choice="Postgres table",
            rationale="Load test passed at 5x peak.",
        ),
    )
    assert plan.extra_sections == ()


# --- 16: setext headings are sections ---


def test_case_16_setext_headings_are_sections() -> None:
    text = case("16-setext-headings-not-sections.md")
    assert plancore.detect(text) == "smartspec"
    plan = plancore.parse(text, "smartspec")
    assert plan.summary == "Users reset a forgotten password by email."
    assert plan.rollback == "Turn off the reset_password flag."
    assert plan.extra_sections == ()
    conversion = plancore.convert(text, "aadt")
    back = plancore.parse(conversion.text, "aadt")
    assert (back.summary, back.rollback, conversion.losses) == (plan.summary, plan.rollback, ())


# --- 17: a translated speckit-github plan is known by its shape ---


def test_case_17_translated_speckit_github_is_detected() -> None:
    text = case("17-translated-speckit-github-undetected.md")
    assert plancore.detect(text) == "speckit-github"
    plan = plancore.parse(text)
    assert (plan.metadata.branch, plan.metadata.created) == ("001-review-browser", "2026-04-10")
    assert plan.summary == "构建一个评论浏览网页。"


def test_case_17_full_width_colons_are_read() -> None:
    text = case("17-translated-speckit-github-undetected.md").replace("**: ", "**\uff1a")
    assert plancore.detect(text) == "speckit-github"
    plan = plancore.parse(text)
    assert plan.metadata.branch == "001-review-browser"
    assert [(entry.label, entry.value) for entry in plan.architecture.tech_stack] == [
        ("语言/版本", "TypeScript 5.x"),
        ("存储", "PostgreSQL"),
    ]
    assert plancore.emit(plan, "speckit-github") == text


# --- The property: a paragraph inserted at any line is read, and converted or reported ---


EXAMPLE = (Path(__file__).resolve().parents[1] / "examples" / "smartspec-plan.md").read_text(encoding="utf-8")
PLANS = [*((name, path.read_bytes().decode("utf-8")) for name, path in corpus_files()), ("smartspec", EXAMPLE)]


def _check_insertion(name: str, text: str, paragraph: str, target: str) -> None:
    plan = plancore.parse(text, name)
    assert paragraph in repr(plan), "the reader dropped it"
    conversion = plancore.convert(text, target, source=name)
    lost = any(paragraph in str(loss.value) for loss in conversion.losses)
    if not lost:
        assert paragraph in conversion.text
        assert paragraph in repr(plancore.parse(conversion.text, target)), f"{target} reads no such text back"
    else:
        with pytest.raises(plancore.LossError):
            plancore.convert(text, target, source=name, strict=True)


def _inserted_at(name: str, text: str, line: int) -> tuple[str, str, str, int]:
    paragraph = INSERTED_TOKEN + " found before."
    lines = text.split("\n")
    return name, "\n".join([*lines[:line], "", paragraph, "", *lines[line:]]), paragraph, line


# The line of the bundled example's heading after its one decision.
_AFTER_DECISION = EXAMPLE.split("\n").index("## API Design")


@settings(max_examples=400 if LONG else 12)
@given(inserted=inserted_paragraphs(PLANS))
# Found before: a paragraph after a SmartSpec decision's labels was read into nothing.
@example(inserted=_inserted_at("smartspec", EXAMPLE, _AFTER_DECISION))
@pytest.mark.parametrize("target", FORMATS)
def test_an_inserted_paragraph_is_never_lost(target: str, inserted: tuple[str, str, str, int]) -> None:
    name, text, paragraph, _ = inserted
    _check_insertion(name, text, paragraph, target)


@pytest.mark.skipif(not LONG, reason="every line of every plan: set PLANCORE_LONG_TESTS=1")
@pytest.mark.parametrize("target", FORMATS)
def test_a_paragraph_inserted_at_every_line_is_never_lost(target: str) -> None:
    paragraph = INSERTED_TOKEN + " every line."
    for name, text in PLANS:
        lines = text.split("\n")
        for line in insertion_lines(text):
            inserted = "\n".join([*lines[:line], "", paragraph, "", *lines[line:]])
            _check_insertion(name, inserted, paragraph, target)


# --- Variants of the same kinds, in our own small inputs ---

HEAD = "# Implementation Plan: Hooks\n\n## Executive Summary\n\nShip hooks.\n\n"
DECISION = {
    "plain labels": "- Context: Peak load.\n- Decision: Postgres\n- Rationale: Simple.\n",
    "underscore labels": "- __Context:__ Peak load.\n- __Decision__: Postgres\n- __Rationale:__ Simple.\n",
    "no-break space": "-\u00a0**Context:** Peak load.\n-\u00a0**Decision:** Postgres\n-\u00a0**Rationale:** Simple.\n",
    "star bullets": "* **Context:** Peak load.\n* **Decision:** Postgres\n* **Rationale:** Simple.\n",
}


@pytest.mark.parametrize("variant", sorted(DECISION))
def test_smartspec_decision_labels_however_marked(variant: str) -> None:
    text = HEAD + "## Technical Decisions\n\n### Decision 1: Queue\n\n" + DECISION[variant]
    plan = plancore.parse(text, "smartspec")
    (decision,) = plan.decisions
    assert (decision.context, decision.choice, decision.rationale) == ("Peak load.", "Postgres", "Simple.")
    assert plan.extra_sections == ()
    assert_fresh_reads_back(plan, "smartspec")


def assert_fresh_reads_back(plan: plancore.Plan, name: str) -> None:
    """Written from its fields alone (no kept source), ``plan`` reads back as itself."""
    fresh = plancore.emit(attrs.evolve(plan, source=None), name)
    assert attrs.evolve(plancore.parse(fresh, name), source=None) == attrs.evolve(plan, source=None)


SMARTSPEC_KEPT = {
    # (the section's text, the words that no field holds, where they go)
    "paragraph under a decision heading": (
        "## Technical Decisions\n\n### Decision 1: Queue\n\nWe argued a week.\n\n- **Decision:** Postgres\n",
        "We argued a week.",
        "decisions.0",
    ),
    "unknown label in a decision": (
        "## Technical Decisions\n\n### Decision 1: Queue\n\n- **Decision:** Postgres\n- **Owner:** Dana\n",
        "- **Owner:** Dana",
        "decisions.0",
    ),
    "second list after a paragraph": (
        "## Technical Decisions\n\n### Decision 1: Queue\n\n- **Decision:** Postgres\n\nAlso:\n\n- kept one\n",
        "Also:\n\n- kept one",
        "decisions.0",
    ),
    "paragraph under existing dependencies": (
        "## Dependencies\n\n### Existing Dependencies Used\n\nAll pinned.\n\n- requests\n",
        "All pinned.",
        "internal_dependencies",
    ),
    "paragraph inside a rollout phase": (
        "## Rollout Plan\n\n### Phase 1: Beta\n\n- Duration: 1 week\n\nInvite only.\n",
        "Invite only.",
        "phases.0",
    ),
}


@pytest.mark.parametrize("variant", sorted(SMARTSPEC_KEPT))
def test_smartspec_text_no_field_holds_is_kept_in_place(variant: str) -> None:
    body, words, after = SMARTSPEC_KEPT[variant]
    plan = plancore.parse(HEAD + body, "smartspec")
    assert [(section.body, section.after) for section in plan.extra_sections] == [(words, after)]
    assert_fresh_reads_back(plan, "smartspec")


@pytest.mark.parametrize(
    "body",
    [
        "**Objective**: Local login.\n\n- [ ] Hash passwords\n- [x] Pick a library\n",
        "- Objective: Local login.\n- [ ] Hash passwords\n- [x] Pick a library\n",
        "**Objective**: Local login.\n\n- Hash passwords\n\n- [x] Pick a library\n",
    ],
    ids=["bold objective line", "objective item", "plain and checked items"],
)
def test_smartspec_phase_objective_and_tasks(body: str) -> None:
    text = HEAD + "## Implementation Phases\n\n### Phase 1: Core (40 hours)\n\n" + body
    plan = plancore.parse(text, "smartspec")
    (phase,) = plan.phases
    assert phase.goal == "Local login."
    assert phase.tasks == (plancore.Task(text="Hash passwords"), plancore.Task(text="Pick a library", done=True))
    assert plan.extra_sections == ()
    assert_fresh_reads_back(plan, "smartspec")


def test_smartspec_multi_line_activities_read_back() -> None:
    text = (
        HEAD
        + "## Rollout Plan\n\n### Phase 1: Launch\n\n"
        + "- Duration: 2 weeks\n- Activities:\n  - Week 1: beta\n  - Week 2: all\n"
    )
    plan = plancore.parse(text, "smartspec")
    assert plan.phases[0].description == "- Week 1: beta\n- Week 2: all"
    assert plan.phases[0].tasks == ()
    assert_fresh_reads_back(plan, "smartspec")


AADT_HEAD = "# Implementation Plan: Thumbs\n\n**Issue:** M-1\n\n## Overview\n\nThumbnails.\n\n"
AADT_STEP = "## Implementation Steps\n\n### Phase 1: Worker\n\n**Estimated Time:** 2 days\n\n#### Step 1.1: Resize\n\n"


@pytest.mark.parametrize(
    ("body", "notes"),
    [
        ("**Files:**\n\n- `a.ts`\n\nStateless.\n\n**Tasks:**\n\n- [ ] Write it\n", "Stateless."),
        ("**Tasks:**\n\n- [ ] Write it\n\nBenchmark first.\n", "Benchmark first."),
        (
            "Read the RFC.\n\n**Tasks:**\n\n- [ ] Write it\n\n**Notes:**\nMind the cache.\n",
            "Read the RFC.\n\nMind the cache.",
        ),
    ],
    ids=["between files and tasks", "after the tasks", "before the labels and notes"],
)
def test_aadt_step_text_is_its_notes(body: str, notes: str) -> None:
    plan = plancore.parse(AADT_HEAD + AADT_STEP + body, "aadt")
    (step,) = plan.phases[0].steps
    assert step.notes == notes
    assert step.tasks == (plancore.Task(text="Write it"),)
    assert_fresh_reads_back(plan, "aadt")


@pytest.mark.parametrize(
    ("section", "words", "after"),
    [
        (
            "## Prerequisites\n\nBefore starting implementation:\n\n- [ ] Spec\n\nAsk Dana.\n",
            "Ask Dana.",
            "prerequisites",
        ),
        ("## Definition of Done\n\nAll of:\n\n- [ ] Tests pass\n", "All of:", "definition_of_done"),
        (
            "## Dependencies\n\n### Internal Dependencies\n\n- auth\n\nBoth stable.\n",
            "Both stable.",
            "internal_dependencies",
        ),
    ],
    ids=["prerequisites", "definition of done", "internal dependencies"],
)
def test_aadt_checklist_text_is_kept(section: str, words: str, after: str) -> None:
    plan = plancore.parse(AADT_HEAD + section, "aadt")
    assert [(s.body, s.after) for s in plan.extra_sections] == [(words, after)]
    assert_fresh_reads_back(plan, "aadt")


@pytest.mark.parametrize("name", FORMATS)
def test_setext_headings_read_as_atx_ones(name: str) -> None:
    # A plan of each format, its ``##`` headings rewritten as setext ones, reads as the same plan.
    atx = plancore.emit(plancore.Plan(summary="Short.", rollback="Undo."), name)

    def setext_line(line: str) -> str:
        for mark, rule in (("# ", "="), ("## ", "-")):
            # (``1. Title`` over a rule is a list item and a rule in Markdown: it stays ATX.)
            if line.startswith(mark) and not re.match(r"\d+[.)] ", line[len(mark) :]):
                return line[len(mark) :] + "\n" + rule * len(line[len(mark) :])
        return line

    setext = outside_fences(atx, setext_line)
    assert setext != atx
    assert plancore.detect(setext) == name
    assert attrs.evolve(plancore.parse(setext, name), source=None) == attrs.evolve(
        plancore.parse(atx, name), source=None
    )
