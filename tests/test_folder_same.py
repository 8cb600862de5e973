"""Same format for folder formats: a Kiro spec, an OpenSpec change or a Spec Kit feature folder read and
converted to its own format, into another folder, through the CLI or ``read_folder`` / ``write_folder``, is
every file back byte for byte (files carried unread too, no task ID map added), and an edit rewrites only
its lines.

The folders here are written by hand for the shapes tested (an author's spacing and wording plancore would
not write); the corpus test reads ../shared/corpus/{kiro,openspec,speckit-feature}/."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

import attrs
import pytest
from helpers import SHARED, shown
from hypothesis import given, settings
from strategies import author_spacings, carried_file_texts

from plancore import Plan
from plancore._cli import main
from plancore._feature import ID_MAP
from plancore._folder import detect_folder, read_folder, write_folder

CORPUS = SHARED / "corpus"
# The folder format each corpus kind is written in by its own name.
KINDS = {"kiro": "kiro", "openspec": "openspec", "speckit-feature": "speckit-github"}
CORPUS_FOLDERS = [
    (path, target)
    for kind, target in KINDS.items()
    for path in (sorted((CORPUS / kind).iterdir()) if (CORPUS / kind).is_dir() else [])
    if path.is_dir() and detect_folder(path) is not None
]

# An OpenSpec change as its author wrote it: OpenSpec 1.x's ``[Risk] ... -> Mitigation:`` bullets, no blank
# line under a group heading, blank lines between a scenario's clauses and two before it.
OPENSPEC = {
    "proposal.md": "## Why\n\nPeople cannot log in.\n\n## What Changes\n\n- Add a login form.\n",
    "design.md": "## Context\n\nA small app.\n\n## Risks / Trade-offs\n\n"
    "- [Risk] Passwords leak -> Mitigation: hash them.\n",
    "tasks.md": "## 1. Form\n- [ ] 1.1 Add the form\n- [x] 1.2 Style it\n",
    "specs/auth/spec.md": "## ADDED Requirements\n\n### Requirement: Log in\nThe system SHALL let a person log in.\n"
    "\n\n#### Scenario: Right password\n\n- **WHEN** the password is right\n\n- **THEN** the person is in\n",
}
# A Kiro spec with no design.md, a title-less ``# Requirements Document``, a trailing blank line in tasks.md and
# Kiro's own spec.json beside them.
KIRO = {
    "requirements.md": "# Requirements Document\n\n## Introduction\n\nLog in.\n\n## Requirements\n\n"
    "### Requirement 1\n\n**User Story:** As a person, I want to log in, so that I see my things.\n\n"
    "#### Acceptance Criteria\n\n1. WHEN the password is right THEN the system SHALL let the person in\n",
    "tasks.md": "# Implementation Plan\n\n- [ ] 1. Add the form\n  - _Requirements: 1.1_\n- [ ] 2. Style it\n\n",
    "spec.json": '{"feature": "login"}\n',
}
# A Spec Kit feature folder of a short plan.md (none of the template's sections) and its tasks.md.
SPECKIT = {
    "plan.md": "# Implementation Plan: Login\n\n**Branch**: `001-login` | **Date**: 2026-01-02 | "
    "**Spec**: [spec.md](./spec.md)\n\n## Summary\n\nLog in.\n",
    "tasks.md": "# Tasks: Login\n\n## Phase 1: Setup\n\n- [ ] T001 Add the form\n- [ ] T002 Style it\n",
}
OWN = {"openspec": OPENSPEC, "kiro": KIRO, "speckit-github": SPECKIT}


def _folder(path: Path, files: dict[str, str]) -> Path:
    for relative, text in files.items():
        (path / relative).parent.mkdir(parents=True, exist_ok=True)
        (path / relative).write_bytes(text.encode("utf-8"))
    return path


def _files(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in folder.rglob("*") if path.is_file()}


def _tick_first_open_task(plan: Plan) -> Plan:
    at = next((p, t) for p, phase in enumerate(plan.phases) for t, task in enumerate(phase.tasks) if not task.done)
    phase = plan.phases[at[0]]
    tasks = list(phase.tasks)
    tasks[at[1]] = attrs.evolve(tasks[at[1]], done=True)
    phases = list(plan.phases)
    phases[at[0]] = attrs.evolve(phase, tasks=tuple(tasks))
    return attrs.evolve(plan, phases=tuple(phases))


@pytest.mark.skipif(not CORPUS_FOLDERS, reason=f"{shown(CORPUS)} is absent")
@pytest.mark.parametrize(
    ("folder", "target"), CORPUS_FOLDERS, ids=[f"{path.parent.name}/{path.name}" for path, _ in CORPUS_FOLDERS]
)
def test_a_corpus_folder_converted_to_its_own_format_is_its_files(
    folder: Path, target: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / folder.name
    assert main(["convert", str(folder), "--to", target, "-o", f"{out}/"]) == 0
    # Every file, the ones carried unread too, and nothing more (no task ID map): no warning either.
    assert _files(out) == _files(folder)
    assert "warning" not in capsys.readouterr().err
    # Converted again into it, the folder is up to date.
    assert main(["convert", str(folder), "--to", target, "-o", f"{out}/"]) == 0
    assert f"{out}: up to date" in capsys.readouterr().err


@pytest.mark.parametrize("target", sorted(OWN))
def test_an_authors_folder_through_the_cli_is_its_files(target: str, tmp_path: Path) -> None:
    source = _folder(tmp_path / "in" / "login", OWN[target])
    out = tmp_path / "out" / "login"
    assert main(["convert", str(source), "--to", target, "-o", f"{out}/", "-q"]) == 0
    assert _files(out) == {name: text.encode("utf-8") for name, text in OWN[target].items()}
    assert not (out / ID_MAP).exists()


@pytest.mark.parametrize("target", sorted(OWN))
def test_a_ticked_task_rewrites_its_line_only(target: str, tmp_path: Path) -> None:
    source = _folder(tmp_path / "in" / "login", OWN[target])
    plan = read_folder(source, target)
    # Unchanged, the plan writes its folder into an empty one as it was read.
    write_folder(plan, tmp_path / "same" / "login", target)
    assert _files(tmp_path / "same" / "login") == _files(source)
    written = write_folder(_tick_first_open_task(plan), tmp_path / "ticked" / "login", target)
    after = _files(tmp_path / "ticked" / "login")
    changed = sorted(name for name in after if after[name] != _files(source).get(name))
    assert changed == ["tasks.md"] and not written.ids
    old, new = (OWN[target]["tasks.md"].splitlines(), after["tasks.md"].decode("utf-8").splitlines())
    assert len(old) == len(new)
    # The first open task's line, checked in the format's mark (Spec Kit's tasks.md writes ``[X]``).
    first = next(line for line in old if "[ ]" in line)
    mark = "[X]" if target == "speckit-github" else "[x]"
    assert [(a, b) for a, b in zip(old, new, strict=True) if a != b] == [(first, first.replace("[ ]", mark, 1))]


def test_a_folder_of_another_format_is_no_source_of_files(tmp_path: Path) -> None:
    # Only the format a plan was read from gets its files back: a Kiro spec written as an OpenSpec change is
    # OpenSpec's files, none of Kiro's (spec.json is carried as a file of the plan, as before).
    source = _folder(tmp_path / "in" / "login", KIRO)
    write_folder(read_folder(source), tmp_path / "out" / "login", "openspec")
    names = set(_files(tmp_path / "out" / "login"))
    assert {"proposal.md", "tasks.md"} <= names and "requirements.md" not in names


@settings(max_examples=8, deadline=None)
@given(spacing=author_spacings, carried=carried_file_texts)
def test_an_authors_spacing_comes_back_through_write_folder(spacing: Callable[[str], str], carried: str) -> None:
    files = {name: spacing(text) for name, text in KIRO.items() if name.endswith(".md")} | {"spec.json": carried}
    with tempfile.TemporaryDirectory() as scratch:
        source = _folder(Path(scratch) / "in" / "login", files)
        write_folder(read_folder(source), Path(scratch) / "out" / "login", "kiro")
        assert _files(Path(scratch) / "out" / "login") == _files(source)
