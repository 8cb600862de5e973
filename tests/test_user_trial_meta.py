"""Header values, dates and IDs as a user of the target tool reads them (the new-user trial's findings 6,
12 and 16), each on a small plan of our own."""

from __future__ import annotations

from pathlib import Path

import attrs

import plancore
from plancore import parse, read_folder, write_folder
from plancore._convert import convert_plan

SPEC_REFERENCE = """# Implementation Plan: Small

## Specification Reference
- **Spec ID**: SPEC-7
- **Spec Version**: 1.5
- **Plan Version**: 2.0
- **Generated**: 2026-01-03
- **Estimated Duration**: 7 saat

## Implementation Phases

### Phase 1: Core [Priority: HIGH]
**Timeline**: 1 day

#### Tasks
1. [ ] Build it
"""


def test_one_unknown_label_leaves_the_specification_reference_read() -> None:
    plan = parse(SPEC_REFERENCE, "specpulse")
    m = plan.metadata
    assert (m.spec_id, m.spec_version, m.plan_version, m.generated) == ("SPEC-7", "1.5", "2.0", "2026-01-03")
    assert [s.body for s in plan.extra_sections] == ["- **Estimated Duration**: 7 saat"]
    assert plancore.convert(SPEC_REFERENCE, "specpulse", source="specpulse").text == SPEC_REFERENCE
    aadt = plancore.convert(SPEC_REFERENCE, "aadt", source="specpulse").text
    assert "**Created:** 2026-01-03\n" in aadt and "{{DATE}}" not in aadt
    assert "- **Estimated Duration**: 7 saat\n" in aadt
    github = plancore.convert(SPEC_REFERENCE, "speckit-github", source="specpulse").text
    assert "**Date**: 2026-01-03 " in github and "[DATE]" not in github


def _as(plan: plancore.Plan, target: str) -> str:
    """``plan``, read from a folder, as ``target`` writes it."""
    assert plan.source is not None
    return convert_plan(plan, target, source=plan.source.format.removesuffix(" folder")).text


def _kiro_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "sign-up-form"
    folder.mkdir()
    (folder / "requirements.md").write_text(REQUIREMENTS, encoding="utf-8")
    (folder / "tasks.md").write_text(KIRO_TASKS, encoding="utf-8")
    (folder / "spec.json").write_text(SPEC_JSON, encoding="utf-8")
    return folder


REQUIREMENTS = "# Requirements Document\n\n## Introduction\n\nA sign-up form.\n"
KIRO_TASKS = "# Implementation Plan\n\n- [ ] 1. Build the form\n\n- [ ] 2. Ship it\n"
SPEC_JSON = '{\n  "feature_name": "sign-up-form",\n  "created_at": "2025-11-10T12:07:31Z"\n}\n'
OPENSPEC_TASKS = "## 1. Setup\n\n- [ ] 1.1 Add the table\n- [x] 1.2 Export the type\n"


def test_a_kiro_folder_is_dated_by_its_spec_json_and_keeps_the_date_there(tmp_path: Path) -> None:
    plan = read_folder(_kiro_folder(tmp_path))
    assert (plan.metadata.title, plan.metadata.created) == ("sign-up-form", "2025-11-10")
    specpulse = _as(plan, "specpulse")
    assert "<!-- CREATED: 2025-11-10 -->" in specpulse and "{{current_timestamp}}" not in specpulse
    assert "**Date**: 2025-11-10 " in _as(plan, "speckit-github")
    write_folder(plan, tmp_path / "copy", "kiro")
    assert (tmp_path / "copy" / "tasks.md").read_text(encoding="utf-8") == KIRO_TASKS
    assert (tmp_path / "copy" / "spec.json").read_text(encoding="utf-8") == SPEC_JSON
    # Written in its own format, the folder is its files (no design.md made to hold the date); the date
    # stays in spec.json alone.
    assert sorted(path.name for path in (tmp_path / "copy").iterdir()) == ["requirements.md", "spec.json", "tasks.md"]


def test_an_untitled_openspec_change_is_named_and_dated_by_its_folder(tmp_path: Path) -> None:
    folder = tmp_path / "add-history"
    folder.mkdir()
    (folder / "tasks.md").write_text(OPENSPEC_TASKS, encoding="utf-8")
    (folder / ".openspec.yaml").write_text("schema: spec-driven\ncreated: 2026-06-30\n", encoding="utf-8")
    plan = read_folder(folder)
    assert (plan.metadata.title, plan.metadata.created) == ("add-history", "2026-06-30")
    speckit = _as(plan, "speckit")
    assert speckit.startswith("# Implementation Plan: add-history\n")
    aadt = _as(plan, "aadt")
    assert aadt.startswith("# Implementation Plan: add-history\n") and "**Created:** 2026-06-30\n" in aadt
    assert "{{DATE}}" not in aadt.split("## Overview")[0]
    write_folder(plan, tmp_path / "copy", "openspec")
    assert "add-history" not in (tmp_path / "copy" / "proposal.md").read_text(encoding="utf-8")
    assert (tmp_path / "copy" / ".openspec.yaml").read_text(encoding="utf-8").endswith("created: 2026-06-30\n")
    assert (tmp_path / "copy" / "tasks.md").read_text(encoding="utf-8") == OPENSPEC_TASKS
    # Written as Kiro, the change's name is the folder's, not a title of its files.
    write_folder(plan, tmp_path / "kiro", "kiro")
    assert (tmp_path / "kiro" / "tasks.md").read_text(encoding="utf-8").startswith("# Implementation Plan\n")


BRANCHES = "# Implementation Plan: X\n\n**Branch**: `{}` | **Date**: 2026-01-02 | **Spec**: [spec.md](spec.md)\n"


def test_a_spec_kit_branch_is_an_aadt_issue_only_when_it_names_one() -> None:
    for branch in ("main", "001-photo-albums"):
        aadt = plancore.convert(BRANCHES.format(branch), "aadt", source="speckit-github")
        assert "**Issue:**" not in aadt.text.split("## Appendix")[0]
        assert "metadata.branch" in [loss.path for loss in aadt.losses]
    named = plancore.convert(BRANCHES.format("fix/PROJ-12-login"), "aadt", source="speckit-github").text
    assert "**Issue:** fix/PROJ-12-login\n" in named


def test_a_task_id_that_is_its_list_number_is_written_once(tmp_path: Path) -> None:
    folder = tmp_path / "add-history"
    folder.mkdir()
    (folder / "tasks.md").write_text(OPENSPEC_TASKS + "\n## 2. Ship\n\n- [ ] 2.1 Release it\n", encoding="utf-8")
    (folder / ".openspec.yaml").write_text("schema: spec-driven\n", encoding="utf-8")
    plan = read_folder(folder)
    speckit = _as(plan, "speckit")
    assert "1. [ ] Add the table\n2. [x] Export the type\n" in speckit and "1.1" not in speckit
    specpulse = _as(plan, "specpulse")
    assert "1. [ ] Add the table\n2. [x] Export the type\n" in specpulse and "2.1" not in specpulse
    # IDs naming tasks by another number than the list's stay, once.
    kiro = read_folder(_kiro_folder(tmp_path))
    flat = attrs.evolve(kiro, phases=(attrs.evolve(kiro.phases[0], tasks=kiro.phases[0].tasks[::-1]),))
    assert "1. [ ] 2. Ship it\n" in _as(flat, "specpulse")
