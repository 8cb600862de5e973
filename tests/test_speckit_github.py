"""The speckit-github format: how GitHub Spec Kit plans map into the model, and the user story
"convert a SmartSpec plan to a plan.md that Spec Kit takes as its own"."""

from __future__ import annotations

import re
from pathlib import Path

import attrs
import pytest
from helpers import SHARED, read_seed

import plancore
from plancore._cli import main
from plancore._convert import convert_plan
from plancore._markdown import outline
from plancore._model import Labeled

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "smartspec-plan.md"
CORPUS = SHARED / "corpus" / "speckit-github"

# Written the way a person fills GitHub's template.
FILLED = """\
# Implementation Plan: Photo Albums

**Branch**: `001-photo-albums` | **Date**: 2026-01-21 | **Spec**: [spec.md](spec.md)

**Input**: Feature specification from `/specs/001-photo-albums/spec.md`

## Summary

Organize photos into albums.

## Technical Context

**Language/Version**: JavaScript (ES2022)

**Primary Dependencies**: Vite

**Storage**: NEEDS CLARIFICATION

**Testing**: [NEEDS CLARIFICATION]

## Constitution Check

*GATE: Must pass before Phase 0 research. Re-check after Phase 1 design.*

All gates pass.

### Gate 1: Tests first

Passes.

## Project Structure

### Documentation (this feature)

```text
specs/001-photo-albums/
└── plan.md
```

### Source Code (repository root)

```text
src/
└── albums.js
```

**Structure Decision**: single project.

## Complexity Tracking

| Violation | Why Needed | Simpler Alternative Rejected Because |
|-----------|------------|-------------------------------------|
| Worker thread | Thumbnails block the UI | Main-thread rendering stutters |
"""


def test_filled_plan_maps_into_the_model() -> None:
    plan = plancore.parse(FILLED, "speckit-github")
    meta = plan.metadata
    assert (meta.title, meta.branch, meta.created, meta.spec_path) == (
        "Photo Albums",
        "001-photo-albums",
        "2026-01-21",
        "[spec.md](spec.md)",
    )
    assert meta.input == "Feature specification from `/specs/001-photo-albums/spec.md`"
    assert plan.summary == "Organize photos into albums."
    # NEEDS CLARIFICATION, bare or bracketed, is an unfilled value.
    # An entry with a label and no value is empty (the writer puts the
    # template's placeholder back).
    assert plan.architecture.tech_stack == (
        Labeled(label="Language/Version", value="JavaScript (ES2022)"),
        Labeled(label="Primary Dependencies", value="Vite"),
    )
    # The gate line is the template's; the gates under the section are its content.
    assert plan.constitution_check == "All gates pass.\n\n### Gate 1: Tests first\n\nPasses."
    assert plan.documentation_structure == "```text\nspecs/001-photo-albums/\n└── plan.md\n```"
    assert plan.file_structure == "```text\nsrc/\n└── albums.js\n```\n\n**Structure Decision**: single project."
    [row] = plan.complexity
    assert (row.violation, row.why_needed, row.simpler_alternative) == (
        "Worker thread",
        "Thumbnails block the UI",
        "Main-thread rendering stutters",
    )
    assert plan.extra_sections == ()


def test_header_without_date_or_spec() -> None:
    text = FILLED.replace(" | **Date**: 2026-01-21 | **Spec**: [spec.md](spec.md)", "")
    meta = plancore.parse(text, "speckit-github").metadata
    assert (meta.branch, meta.created, meta.spec_path) == ("001-photo-albums", "", "")
    assert plancore.emit(plancore.parse(text, "speckit-github"), "speckit-github") == text


def test_numbered_headings_are_the_same_sections() -> None:
    text = FILLED.replace("## Summary", "## 1. Summary").replace("## Technical Context", "## 2. Technical Context")
    plan = plancore.parse(text, "speckit-github")
    assert plan.summary == "Organize photos into albums."
    assert plan.architecture.tech_stack[0].value == "JavaScript (ES2022)"
    assert plan.extra_sections == ()


@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is absent")
def test_translated_plan_with_a_heading_per_technical_context_entry() -> None:
    text = (CORPUS / "jochu-001-photo-albums-zh-tw.md").read_text(encoding="utf-8")
    plan = plancore.parse(text, "speckit-github")
    assert plan.metadata.branch == "001-photo-albums"
    assert plan.metadata.created == "2026-07-22"
    # `## 摘要` holds only subsections: they are the summary.
    assert plan.summary.startswith("### 規格功能概述\n\n本功能是單機個人用的照片相簿整理應用")
    # `## 技術背景` gives each entry a `###` heading of its own.
    labels = [item.label for item in plan.architecture.tech_stack]
    assert labels == [
        "使用語言／版本",
        "主要依賴",
        "資料儲存",
        "測試環境",
        "開發平台",
        "專案類型",
        "效能目標",
        "技術約束",
        "實作規模／範圍",
    ]
    assert plan.architecture.tech_stack[1].value.startswith("\n- Backend：`express`、`multer`")


def test_technical_context_becomes_a_technology_stack() -> None:
    # Spec Kit rapid's template names the language `Languages`: the entry is written under it, and comes back
    # under Spec Kit's label; SpecPulse's template has no label of that meaning, so the author's stays.
    for target, language in (("speckit", "Languages"), ("specpulse", "Language/Version")):
        result = plancore.convert(FILLED, target, source="speckit-github")
        stack = plancore.parse(result.text, target).architecture.tech_stack
        assert [(item.label, item.value) for item in stack] == [
            (language, "JavaScript (ES2022)"),
            ("Primary Dependencies", "Vite"),
        ]
        assert not any(loss.path.startswith("architecture.") for loss in result.losses)
        back = plancore.convert(result.text, "speckit-github", source=target).text
        assert "**Language/Version**: JavaScript (ES2022)\n" in back and back.count("Language/Version") == 1


def _skeleton(text: str) -> list[str]:
    """The headings up to the appendix, and the bold labels of the header and Technical Context."""
    text = text.split("## Appendix: Carried Over")[0]
    lines = []
    for node in outline(text).walk():
        lines.append("#" * node.level + " " + (node.title if node.level > 1 else node.title.split(":")[0]))
        if node.level == 1 or node.title == "Technical Context":
            lines.extend(re.findall(r"(?:^|\| )(\*\*[^*]+\*\*:)", node.body, re.MULTILINE))
    return lines


def test_smartspec_plan_converts_to_what_spec_kit_writes(tmp_path: Path) -> None:
    out = tmp_path / "plan.md"
    assert main(["convert", str(EXAMPLE), "--to", "speckit-github", "-o", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    template = read_seed("speckit-github")
    # Spec Kit's headings and labels, all and in its order; between them, the
    # SmartSpec sections Spec Kit has no section for, carried under their own
    # headings by the crosswalk (no longer in the appendix).
    # (But its sample Documentation tree, cut beside the author's Project Structure.)
    skeleton = iter(_skeleton(text))
    wanted = [line for line in _skeleton(template) if line != "### Documentation (this feature)"]
    assert all(line in skeleton for line in wanted) and "### Documentation (this feature)" not in text
    carried = set(_skeleton(text)) - set(_skeleton(template))
    assert {"## Database Schema", "## Rollback Plan", "## Technical Decisions"} <= carried
    # Its header line, with the SmartSpec title in the H1.
    assert text.startswith("# Implementation Plan: Password Reset by Email\n\n**Branch**: `")
    assert re.search(r"^\*\*Branch\*\*: `[^`]+` \| \*\*Date\*\*: \S.* \| \*\*Spec\*\*: \S", text, re.MULTILINE)
    assert plancore.detect(text) == "speckit-github"
    # What Spec Kit has no section for is carried over, not dropped.
    assert "CREATE TABLE password_reset_tokens" in text.split("## Appendix: Carried Over")[0]


@pytest.mark.parametrize("label", ["A*", "A:", "Scale/Scope*", "A*0"])
def test_labels_ending_in_marks_round_trip(label: str) -> None:
    # Found by hypothesis: `**A***: x` and `**A:**: x` lost or changed their
    # labels, and `**A*0**: x` was no label line at all.
    plan = plancore.Plan(architecture=plancore.Architecture(tech_stack=(Labeled(label=label, value="x"),)))
    text = plancore.emit(plan, "speckit-github")
    assert plancore.parse(text, "speckit-github").architecture.tech_stack == (Labeled(label=label, value="x"),)
    for target in ("speckit", "specpulse"):
        result = plancore.convert(text, target, source="speckit-github")
        assert plancore.parse(result.text, target).architecture.tech_stack == (Labeled(label=label, value="x"),)


def test_another_formats_timestamp_is_a_date_in_the_header_and_its_time_is_carried() -> None:
    # Spec Kit's ``**Date**:`` takes a date: a SpecPulse plan's CREATED timestamp gives its date there, and
    # the whole timestamp is carried and reported; a Spec Kit plan's own value is written as it is.
    text = (
        "# Implementation Plan: Exports\n\n<!-- STATUS: pending -->\n<!-- CREATED: 2025-11-29T20:35:00.000000 -->\n\n"
        "## Architecture Overview\n\n### High-Level Design\nOne CSV writer.\n"
    )
    out = plancore.convert(text, "speckit-github", source="specpulse")
    assert "**Date**: 2025-11-29 |" in out.text
    assert [loss.path for loss in out.losses if "created" in loss.path] == ["metadata.created"]
    assert "2025-11-29T20:35:00.000000" in out.text[out.text.index("## Appendix") :]
    alone = plancore.Plan(metadata=plancore.Metadata(title="Exports", created="2025-11-29T20:35:00"))
    written = plancore.emit(alone, "speckit-github")
    assert plancore.parse(written, "speckit-github").metadata.created == "2025-11-29T20:35:00"


# A plan of our own in the 2025 template's shape (v0.0.x): its Phase 0 decision, Phase 1 entities and checked
# progress items are fields the current template has no section for.
LEGACY = (
    "# Implementation Plan: Exports\n\n"
    "**Branch**: `004-exports` | **Date**: 2025-09-20 | **Spec**: [spec.md](./spec.md)\n"
    "**Input**: Feature specification from `/specs/004-exports/spec.md`\n\n"
    "## Summary\nExport invoices as CSV.\n\n"
    "## Phase 0: Outline & Research\n\n"
    "**Decision**: stream rows, not a temp file. **Rationale**: exports reach 2 GB.\n\n"
    "## Phase 1: Design & Contracts\n\nEntities: `Export(id, started_at, rows)`.\n\n"
    "## Progress Tracking\n\n- [x] Phase 0: Research complete\n- [ ] Phase 1: Design complete\n"
)


def test_a_2025_template_plan_written_from_its_fields_alone_keeps_its_process_sections() -> None:
    plan = plancore.parse(LEGACY, "speckit-github")
    assert plan.decisions[0].choice == "stream rows, not a temp file."
    assert plan.data_model.overview == "Entities: `Export(id, started_at, rows)`."
    assert plan.metadata.status == "Phase 0: Research complete"
    alone = plancore.emit(attrs.evolve(plan, source=None), "speckit-github")
    for heading in ("## Phase 0: Outline & Research", "## Phase 1: Design & Contracts", "## Progress Tracking"):
        assert heading in alone
    assert attrs.evolve(plancore.parse(alone, "speckit-github"), source=None) == attrs.evolve(plan, source=None)
    # Through JSON (no text kept) the same.
    again = plancore.from_json(plancore.to_json(plan))
    assert attrs.evolve(plancore.parse(plancore.emit(again, "speckit-github"), "speckit-github"), source=None) == (
        attrs.evolve(plan, source=None)
    )
    # Another format's decisions and status are not written there: carried and reported as before.
    other = plancore.convert(LEGACY, "specpulse", source="speckit-github")
    out = plancore.convert(other.text, "speckit-github", source="specpulse")
    assert "## Phase 0: Outline & Research\n\n**Decision**" not in out.text.split("## Appendix")[0]
    assert "stream rows, not a temp file." in out.text.split("## Appendix")[1]


def test_the_2025_template_case_written_from_its_fields_alone_reads_back_the_same() -> None:
    path = SHARED / "cases" / "legacy-v0-speckit-github.md"
    if not path.is_file():
        pytest.skip("../shared/cases/legacy-v0-speckit-github.md is absent")
    plan = attrs.evolve(plancore.parse(path.read_text(encoding="utf-8"), "speckit-github"), source=None)
    assert plan.decisions and plan.data_model.overview and plan.metadata.status
    assert attrs.evolve(plancore.parse(plancore.emit(plan, "speckit-github"), "speckit-github"), source=None) == plan


def test_a_status_that_is_no_progress_check_is_not_ticked_in_progress_tracking() -> None:
    # A plan of no text (JSON, the API) whose status is another format's document status: "Draft" is no
    # finished check, so no "- [x] Draft"; the conversion carries it as it did before the 2025 sections.
    draft = plancore.Plan(metadata=plancore.Metadata(title="Exports", status="Draft"), summary="Export invoices.")
    out = convert_plan(draft, "speckit-github", source="json")
    assert "## Progress Tracking" not in out.text and "- [x] Draft" not in out.text
    assert "## Appendix: Carried Over" in out.text and "**Status:** Draft" in out.text
    assert [loss.path for loss in out.losses] == ["metadata.status"]
    # Written alone, as any field the format has no place for: left out (``convert`` reports it).
    assert "Draft" not in plancore.emit(draft, "speckit-github")
    # A one-word status that says the work is done is a document's status too.
    done = attrs.evolve(draft, metadata=attrs.evolve(draft.metadata, status="Complete"))
    assert "## Progress Tracking" not in plancore.emit(done, "speckit-github")
    # Checks in the template's words are that section's, each ticked on its own line.
    checks = attrs.evolve(
        draft,
        metadata=attrs.evolve(draft.metadata, status="Phase 0: Research complete; All NEEDS CLARIFICATION resolved"),
    )
    text = plancore.emit(checks, "speckit-github")
    assert "## Progress Tracking\n\n- [x] Phase 0: Research complete\n- [x] All NEEDS CLARIFICATION resolved\n" in text
    assert plancore.parse(text, "speckit-github").metadata.status == checks.metadata.status
    # One part that is no check, and none is ticked: the status stays whole, carried.
    mixed = attrs.evolve(draft, metadata=attrs.evolve(draft.metadata, status="Phase 0: Research complete; Draft"))
    assert "## Progress Tracking" not in plancore.emit(mixed, "speckit-github")


def test_a_feature_folders_decisions_are_no_phase_0_of_a_plan_of_no_text() -> None:
    # Decisions and entities of a plan with no text (a feature folder's research.md and data-model.md, an
    # appendix's rendering of them) are no 2025-template plan's Phase 0/1: only a status made of that
    # template's progress checks says a plan of no text is one.
    decision = plancore.Decision(title="Storage", choice="SQLite", rationale="Embedded.")
    folder_like = plancore.Plan(
        metadata=plancore.Metadata(title="Exports", status="Draft"),
        decisions=(decision,),
        data_model=plancore.DataModel(overview="An invoice has lines."),
    )
    text = plancore.emit(folder_like, "speckit-github")
    assert "## Phase 0" not in text and "## Phase 1" not in text
    legacy = attrs.evolve(folder_like, metadata=attrs.evolve(folder_like.metadata, status="Phase 0: Research complete"))
    text = plancore.emit(legacy, "speckit-github")
    assert "## Phase 0: Outline & Research\n\n**Decision**: SQLite **Rationale**: Embedded.\n" in text
    assert "## Phase 1: Design & Contracts\n\nAn invoice has lines.\n" in text


def test_progress_checks_lost_in_the_target_stay_under_progress_tracking_in_the_appendix() -> None:
    # The appendix writes the plan with a token for each value: the status is judged by what it says (the
    # checks), not by its token, which says nothing; so the checks show under Spec Kit's heading for them.
    text = (
        "# Implementation Plan: Exports\n\n**Branch**: `004-exports` | **Date**: 2025-09-14 | **Spec**: [spec.md]\n\n"
        "## Summary\n\nExport invoices.\n\n## Constitution Check\n\n- [x] Tests first\n\n"
        "## Progress Tracking\n\n- [x] Phase 0: Research complete\n- [x] Initial Constitution Check: PASS\n"
    )
    plan = attrs.evolve(plancore.parse(text, "speckit-github"), source=None)
    assert plan.metadata.status == "Phase 0: Research complete; Initial Constitution Check: PASS"
    out = convert_plan(plan, "smartspec", source="speckit-github")
    appendix = out.text.split("## Appendix: Carried Over")[1]
    assert "under the speckit-github plan's headings" in appendix
    assert f"### Progress Tracking\n\n- [x] {plan.metadata.status}\n" in appendix
    assert "metadata.status" in [loss.path for loss in out.losses]
