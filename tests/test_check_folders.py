"""``plancore check`` on plans kept as folders (issue 15): a Kiro spec, an OpenSpec change, a Spec Kit
feature, and a tree holding them; each finding names its file and line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import SHARED, shown
from test_migrate_folders import PLAN

import plancore
from plancore._check import CODES, check_folder
from plancore._cli import main
from plancore._folder import detect_folder

REQUIREMENTS = """# Requirements Document

## Introduction

Let people sign in.

## Requirements

### Requirement 1

**User Story:** As a user, I want to sign in, so that I see my orders.

#### Acceptance Criteria

1. WHEN the password is right THEN the system SHALL open a session
2. WHEN the password is wrong THEN the system SHALL show an error
"""
DESIGN = """# Design Document

## Overview

A form and a session store.

## Architecture

The form posts to the server.

## Data Models

A session row.

## Testing Strategy

Unit tests.
"""
TASKS = """# Implementation Plan

- [ ] 1. Build sign-in
  - [ ] 1.1 Add the form
    - _Requirements: 1.1_
  - [ ] 1.2 Check the password
    - _Requirements: 1.2_
"""


def _kiro(folder: Path, requirements: str = REQUIREMENTS, design: str = DESIGN, tasks: str = TASKS) -> Path:
    folder.mkdir(parents=True)
    for name, text in (("requirements.md", requirements), ("design.md", design), ("tasks.md", tasks)):
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def _found(folder: Path) -> list[tuple[str, int, str]]:
    return [(Path(str(f.path)).name, f.line, f.code) for f in check_folder(folder)]


def test_a_clean_kiro_spec_has_no_findings(tmp_path: Path) -> None:
    assert _found(_kiro(tmp_path / "login")) == []


def test_pc002_in_a_kiro_requirements_file(tmp_path: Path) -> None:
    marked = REQUIREMENTS.replace("show an error", "show an error [NEEDS CLARIFICATION: which error]")
    assert _found(_kiro(tmp_path / "login", requirements=marked)) == [("requirements.md", 16, "PC002")]


def test_pc005_an_authors_heading_in_kiro_design(tmp_path: Path) -> None:
    design = DESIGN + "\n## Rollout Notes\n\nBehind a flag.\n"
    assert _found(_kiro(tmp_path / "login", design=design)) == [("design.md", 19, "PC005")]


def test_kiros_own_design_sections_are_no_pc005(tmp_path: Path) -> None:
    # Kiro's design template has Components and Interfaces, Error Handling: kept verbatim, yet no stray headings.
    design = DESIGN.replace("## Data Models", "## Components and Interfaces\n\n- Form: posts.\n\n## Data Models")
    design = design.replace(
        "## Testing Strategy", "## Error Handling\n\nA wrong password shows why.\n\n## Testing Strategy"
    )
    assert _found(_kiro(tmp_path / "login", design=design)) == []


def test_subsections_of_a_read_design_section_are_no_pc005(tmp_path: Path) -> None:
    # Trial 12 #6: entities as ``###`` under ``## Data Models`` (a real cc-sdd design) are the section's detail;
    # an author's ``##`` section (kept whole, its ``###`` within it) still is a heading read under no field.
    design = DESIGN.replace(
        "A session row.\n",
        "A session row.\n\n### Session (Server → Browser)\n\nid, expiry.\n\n#### Fields\n\nTwo.\n"
        "\n### Login Attempt\n\nCounted.\n",
    )
    design += "\n## Rollout Notes\n\nBehind a flag.\n\n### Flag Name\n\nlogin-v2.\n"
    lines = design.split("\n")
    assert _found(_kiro(tmp_path / "login", design=design)) == [
        ("design.md", lines.index("## Rollout Notes") + 1, "PC005"),
    ]


def test_pc003_a_section_of_kiros_design_missing(tmp_path: Path) -> None:
    design = DESIGN.replace("## Data Models\n\nA session row.\n\n", "")
    [finding] = check_folder(_kiro(tmp_path / "login", design=design))
    # Reported where it would go: before Testing Strategy, now on line 11.
    assert (finding.code, finding.line) == ("PC003", 11)
    assert "'Data Models' is missing" in finding.message


def test_pc006_pc007_pc008_in_kiro_tasks(tmp_path: Path) -> None:
    tasks = TASKS.replace("1.2 Check", "1.1 Check").replace("_Requirements: 1.2_", "_Requirements: 1.3_")
    tasks += "  - [ ] 1.2 Add the session store\n    - _Depends: 1.9_\n"
    assert _found(_kiro(tmp_path / "login", tasks=tasks)) == [
        ("tasks.md", 6, "PC006"),  # 1.1 twice
        ("tasks.md", 6, "PC008"),  # requirement 1 has criteria 1 and 2: no 1.3
        ("tasks.md", 8, "PC007"),  # no task 1.9
    ]


def test_pc003_pc004_in_an_openspec_proposal(tmp_path: Path) -> None:
    change = tmp_path / "add-login"
    change.mkdir()
    (change / "proposal.md").write_text(
        "## What Changes\n\n- Add a sign-in form.\n\n## Why\n\nPeople cannot sign in.\n\n## Impact\n\nThe web app.\n",
        encoding="utf-8",
    )
    (change / "tasks.md").write_text("## 1. Form\n\n- [ ] 1.1 Add the form\n", encoding="utf-8")
    # The template's order is Why, What Changes, Capabilities, Impact.
    assert _found(change) == [("proposal.md", 5, "PC004"), ("proposal.md", 9, "PC003")]


def test_a_task_id_put_in_between_two_is_an_id(tmp_path: Path) -> None:
    change = tmp_path / "add-login"
    change.mkdir()
    (change / "proposal.md").write_text("## Why\n\nSign in.\n\n## What Changes\n\n- A form.\n", encoding="utf-8")
    tasks = "## 1. Form\n\n- [ ] 1.1 Add the form\n- [ ] 1.1a Label the form\n- [ ] 1.2 Post it\n- [ ] 1.1a Again\n"
    (change / "tasks.md").write_text(tasks, encoding="utf-8")
    # 1.1a is an ID (OpenSpec's codex change has 3.6a): used twice is PC006, once is nothing.
    assert [(name, line, code) for name, line, code in _found(change) if code == "PC006"] == [("tasks.md", 6, "PC006")]


def test_pc008_links_a_kiro_spec_converted_to_openspec_keeps_name_its_scenarios_by_place(tmp_path: Path) -> None:
    # OpenSpec's scenarios have names, no IDs: Kiro's `_Requirements: 1.2_` (requirement 1, criterion 2),
    # kept in the change's tasks.md, was flagged on every task of every converted change.
    change = tmp_path / "login"
    plancore.write_folder(plancore.read_folder(_kiro(tmp_path / "kiro")), change, "openspec")
    assert "_Requirements: 1.2_" in (change / "tasks.md").read_text(encoding="utf-8")
    assert [f for f in check_folder(change) if f.code == "PC008"] == []
    tasks = change / "tasks.md"
    tasks.write_text(tasks.read_text(encoding="utf-8").replace("1.2_", "1.3_"), encoding="utf-8")
    found = [f for f in check_folder(change) if f.code == "PC008"]
    assert len(found) == 1 and "1.3" in found[0].message


def test_pc008_a_spec_kit_task_for_a_story_spec_md_does_not_have(tmp_path: Path) -> None:
    feature = tmp_path / "001-login"
    plancore.write_folder(PLAN, feature, "speckit-github")
    tasks = feature / "tasks.md"
    tasks.write_text(tasks.read_text(encoding="utf-8").replace("T002 [US1]", "T002 [US4]"), encoding="utf-8")
    found = [f for f in check_folder(feature) if f.code == "PC008"]
    assert [(Path(str(f.path)).name, f.line) for f in found] == [("tasks.md", 8)]
    assert "US4" in found[0].message


def test_pc001_template_text_left_in_a_feature_folder(tmp_path: Path) -> None:
    feature = tmp_path / "001-login"
    # A plan with no technical context: plan.md keeps the template's sample lines there, each a finding.
    plancore.write_folder(PLAN, feature, "speckit-github")
    found = {(Path(str(f.path)).name, f.line) for f in check_folder(feature) if f.code == "PC001"}
    lines = (feature / "plan.md").read_text(encoding="utf-8").splitlines()
    sample = next(number for number, line in enumerate(lines, 1) if line.startswith("**Language/Version**: [e.g."))
    assert ("plan.md", sample) in found
    # The title is the feature folder's name, not a placeholder: no finding on line 1.
    assert lines[0] == "# Implementation Plan: login"
    assert ("plan.md", 1) not in found


def test_cli_checks_a_tree_of_folders_and_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    tree = tmp_path / "repo"
    _kiro(tree / ".kiro" / "specs" / "login", design=DESIGN + "\n## Rollout Notes\n\nBehind a flag.\n")
    (tree / "README.md").write_text("# Our project\n\nIt does things.\n", encoding="utf-8")
    assert main(["check", str(tree / ".kiro" / "specs" / "login")]) == 1
    design = tree / ".kiro" / "specs" / "login" / "design.md"
    assert capsys.readouterr().out.startswith(f"{design}:19: PC005 heading 'Rollout Notes'")
    assert main(["check", str(tree), "--json"]) == 1
    document = json.loads(capsys.readouterr().out)
    assert [(f["path"], f["line"], f["code"]) for f in document["findings"]] == [(str(design), 19, "PC005")]
    assert document["checked"] == 1
    assert document["skipped"] == [f"{tree / 'README.md'}: no plan format fits; skipped"]
    design.write_text(DESIGN, encoding="utf-8")
    assert main(["check", str(tree)]) == 0
    assert main(["check", str(tree), "--format", "nope"]) == 2
    capsys.readouterr()


def test_cli_unreadable_file_of_a_folder_is_pc000(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = _kiro(tmp_path / "login")
    (folder / "design.md").write_bytes(b"# Design Document\n\xff\n")
    assert main(["check", str(folder), "--json"]) == 1
    [finding] = json.loads(capsys.readouterr().out)["findings"]
    assert finding["code"] == "PC000" and f"{folder / 'design.md'}: not UTF-8" in finding["message"]


def test_corpus_folders_give_known_codes_on_real_lines() -> None:
    folders = [
        path
        for kind in ("kiro", "openspec", "speckit-feature")
        for path in sorted((SHARED / "corpus" / kind).glob("*"))
    ]
    folders = [path for path in folders if detect_folder(path) is not None]
    if not folders:
        pytest.skip(f"{shown(SHARED / 'corpus')} is absent (the repository's shared test data, beside the checkout)")
    for folder in folders:
        for finding in check_folder(folder):
            assert finding.code in CODES
            lines = Path(str(finding.path)).read_text(encoding="utf-8").count("\n") + 1
            assert 1 <= finding.line <= lines, finding


def test_cli_a_file_of_a_plan_folder_is_checked_with_its_folder_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # As pre-commit passes them: the changed files, one by one.
    folder = _kiro(tmp_path / "login", design=DESIGN + "\n## Rollout Notes\n\nBehind a flag.\n")
    assert main(["check", str(folder / "design.md"), str(folder / "tasks.md")]) == 1
    assert capsys.readouterr().out.splitlines() == [
        f"{folder / 'design.md'}:19: PC005 heading 'Rollout Notes' is read under no field of kiro-design: "
        "kept verbatim, and carried to other formats as it stands"
    ]
