"""The command line on plans kept as folders: ``--report`` for a folder written or read."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import plancore._cli
from plancore import EmitError, Loss, Metadata, Phase, Plan, Task
from plancore._cli import main
from plancore._report import folder_report

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "smartspec-plan.md"


def _report_lines(out: str) -> dict[str, tuple[str, str]]:
    """A text report's field lines: path -> (outcome, section)."""
    found = {}
    for line in out.splitlines()[1:-1]:
        path, outcome, *section = line.split(None, 2)
        found[path] = (outcome, section[0] if section else "")
    return found


def test_report_of_a_file_written_as_a_kiro_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "login"
    assert main(["convert", str(EXAMPLE), "--to", "kiro", "-o", f"{out}/", "--report"]) == 0
    captured = capsys.readouterr()
    assert captured.out.splitlines()[0] == f"{EXAMPLE}: smartspec -> kiro folder {out}"
    fields = _report_lines(captured.out)
    # Read against the example and the files written: its summary opens requirements.md's
    # Introduction, its overview design.md's Overview, its rollback plan design.md's Rollback Plan.
    assert fields["summary"] == ("mapped", "requirements.md: Introduction")
    assert fields["architecture.overview"] == ("mapped", "design.md: Overview")
    assert fields["rollback"] == ("mapped", "design.md: Rollback Plan")
    assert "Introduction" in (out / "requirements.md").read_text(encoding="utf-8")
    # Kiro has no place for the plan's date: carried in design.md's appendix, as the warning said.
    assert fields["metadata.updated"] == ("appendix", "design.md: Appendix: Carried Over")
    assert "Appendix: Carried Over" in (out / "design.md").read_text(encoding="utf-8")
    counts = captured.out.splitlines()[-1]
    assert counts == f"  {len(fields) - 1} mapped, 0 verbatim, 1 appendix, 0 unfilled"


def test_report_json_of_a_folder_to_a_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    kiro = tmp_path / "kiro"
    assert main(["convert", str(EXAMPLE), "--to", "kiro", "-o", f"{kiro}/", "-q"]) == 0
    capsys.readouterr()
    out = tmp_path / "change"
    assert main(["convert", str(kiro), "--to", "openspec", "-o", f"{out}/", "--report-format", "json", "-q"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert (document["input"], document["source"], document["target"]) == (str(kiro), "kiro", "openspec")
    assert document["output"] == str(out)
    assert set(document["written"]) >= {"proposal.md", "tasks.md"}
    lost = {loss["path"] for loss in document["losses"]}
    for field in document["fields"]:
        assert (field["outcome"] == "appendix") == (field["path"] in lost)
        if field["section"]:
            # Every place named is a file written and a heading in it.
            name, heading = field["section"].split(": ", 1)
            assert f" {heading}" in (out / name).read_text(encoding="utf-8")
    assert any(field["section"].startswith("proposal.md: ") for field in document["fields"])


def test_report_of_a_folder_read_into_one_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    kiro = tmp_path / "kiro"
    assert main(["convert", str(EXAMPLE), "--to", "kiro", "-o", f"{kiro}/", "-q"]) == 0
    capsys.readouterr()
    target = tmp_path / "plan.md"
    assert main(["convert", str(kiro), "--to", "maestro", "-o", str(target), "--report"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == f"{kiro}: kiro -> maestro"
    # design.md's Overview is maestro's High-Level Design.
    assert _report_lines(out)["architecture.overview"] == ("mapped", "1.1 High-Level Design")


def test_report_of_a_tree_with_folders(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    tree = tmp_path / "tree"
    assert main(["convert", str(EXAMPLE), "--to", "kiro", "-o", f"{tree / 'login'}/", "-q"]) == 0
    (tree / "login").rename(tree / "specs")
    capsys.readouterr()
    out = tmp_path / "out"
    assert main(["convert", str(tree), "--to", "openspec", "-o", str(out), "--report", "-q", "-j", "1"]) == 0
    first = capsys.readouterr().out.splitlines()[0]
    assert first == f"{tree / 'specs'}: kiro -> openspec folder {out / 'specs'}"


def test_folder_report_names_file_and_section_and_does_not_guess() -> None:
    plan = Plan(summary="Sign in.", phases=(Phase(tasks=(Task(text="Add the form"), Task(text="Rewritten"))),))
    files = {
        "proposal.md": "# Login\n\n## Why\n\nSign in.\n",
        "tasks.md": "# Tasks\n\n## 1. Work\n\n- [ ] 1.1 Add the form\n",
    }
    entries = {entry.path: (entry.outcome, entry.section) for entry in folder_report(plan, files, ())}
    assert entries == {
        "summary": ("mapped", "proposal.md: Why"),
        "phases[0].tasks[0].text": ("mapped", "tasks.md: 1. Work"),
        # Shown nowhere as written: no section is made up for it.
        "phases[0].tasks[1].text": ("mapped", ""),
    }


def test_folder_report_names_the_appendix_of_the_file_holding_the_loss() -> None:
    # Each file of an OpenSpec change has its own appendix: a phase's estimate is carried in tasks.md's.
    plan = Plan(phases=(Phase(name="Build", estimate="2 weeks"),), metadata=Metadata(updated="2026-01-02"))
    files = {
        "proposal.md": "# X\n\n## Why\n\n## Appendix: Carried Over\n\n*Last Updated: 2026-01-02*\n",
        "tasks.md": "## 1. Build\n\n## Appendix: Carried Over\n\n### Plan\n\n- Duration: 2 weeks\n",
    }
    losses = (Loss(path="metadata.updated", reason="r"), Loss(path="phases[0].estimate", reason="r"))
    entries = {entry.path: (entry.outcome, entry.section) for entry in folder_report(plan, files, losses)}
    assert entries["metadata.updated"] == ("appendix", "proposal.md: Appendix: Carried Over")
    assert entries["phases[0].estimate"] == ("appendix", "tasks.md: Appendix: Carried Over")


def test_folder_warning_counts_one_field_in_the_singular(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # The example's only loss in Kiro is its last-updated date.
    assert main(["convert", str(EXAMPLE), "--to", "kiro", "-o", f"{tmp_path / 'login'}/"]) == 0
    err = capsys.readouterr().err
    # Its footer's date, told by the file and part it stands in, and the file whose appendix keeps it.
    told = f"{EXAMPLE}: the plan's metadata: 1 field not in its place in kiro, kept in the appendix of design.md\n"
    assert told in err
    assert f"{EXAMPLE}: 1 field of 1 section kept in the appendix (--report lists them by field" in err
    assert "metadata.updated" not in err


def test_folder_warning_tells_a_loss_with_a_reason_of_its_own(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The example has no requirements: OpenSpec's validator would reject the change, which is no
    # field "with no place in openspec" (the example holds none to place).
    assert main(["convert", str(EXAMPLE), "--to", "openspec", "-o", f"{tmp_path / 'login'}/"]) == 0
    err = capsys.readouterr().err
    assert f"{EXAMPLE}: openspec validate rejects a change without spec deltas" in err
    told = "the plan's metadata: 1 field not in its place in openspec, kept in the appendix of proposal.md"
    assert f"{EXAMPLE}: {told}\n" in err
    assert "metadata.updated" not in err and "requirements:" not in err


def test_folder_warning_tells_three_reasons_then_counts(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Each of five Kiro tasks links criterion 1.1, which Spec Kit cannot link (stories only): five
    # losses with reasons; three are told, the rest named and counted.
    kiro = tmp_path / "login"
    kiro.mkdir()
    (kiro / "requirements.md").write_text(
        "# Requirements Document\n\n## Introduction\n\nLog in.\n\n## Requirements\n\n"
        "### Requirement 1\n\n**User Story:** As a user, I want to log in, so that I see my boards\n\n"
        "#### Acceptance Criteria\n\n1. WHEN the password is right THEN the system SHALL log the user in\n",
        encoding="utf-8",
    )
    tasks = "".join(f"- [ ] {n}. Step {n}\n  - _Requirements: 1.1_\n\n" for n in range(1, 6))
    (kiro / "tasks.md").write_text("# Implementation Plan\n\n" + tasks, encoding="utf-8")
    out = tmp_path / "001-login"
    assert main(["convert", str(kiro), "--to", "speckit-github", "-o", f"{out}/"]) == 0
    lines = [line for line in capsys.readouterr().err.splitlines() if line.startswith("plancore: warning: ")]
    told = [line for line in lines if "links a task to user stories (US1): its links to acceptance criteria" in line]
    # Each by its task ID in the source's tasks.md, the file written that keeps the links last.
    assert [line.split(": ")[2:4] for line in told] == [[f"{kiro}/tasks.md", f"task {n}"] for n in (1, 2, 3)]
    assert all(line.endswith(" stay in its body as written (tasks.md)") for line in told)
    rest = f"{kiro}: and 2 more like those: task 4, task 5 (--report lists them by field)"
    assert lines[len(told)] == f"plancore: warning: {rest}"


@pytest.mark.parametrize("target", ["openspec", "kiro", "speckit-github"])
def test_converting_a_folder_again_into_the_same_output_is_up_to_date(
    target: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A second run into an earlier run's output used to fail: the write, tried as an edit of the files
    # there, changed them (refused, "already exists") or could not be written (EmitError naming no file).
    source = tmp_path / "source"
    source.mkdir()
    (source / "proposal.md").write_text(
        "# Add login\n\n## Why\n\nPeople cannot sign in.\n\n## What Changes\n\n- A sign-in form.\n", encoding="utf-8"
    )
    (source / "design.md").write_text(
        "## Context\n\nA web app.\n\n## Goals / Non-Goals\n\n**Goals:**\n- Sign in\n\n"
        "## Decisions\n\n### Decision: Sessions\n\nCookies.\n\n## Notes\n\n### Later\n\nMaybe SSO.\n",
        encoding="utf-8",
    )
    (source / "tasks.md").write_text("## 1. Form\n\n- [ ] 1.1 Add the form\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["convert", str(source), "--to", target, "-o", f"{out}/", "-q"]) == 0
    before = {path: path.read_bytes() for path in out.rglob("*") if path.is_file()}
    capsys.readouterr()
    assert main(["convert", str(source), "--to", target, "-o", f"{out}/", "-q"]) == 0
    assert f"{out}: up to date" in capsys.readouterr().err
    assert {path: path.read_bytes() for path in out.rglob("*") if path.is_file()} == before


def test_an_error_of_a_folder_s_writer_names_the_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # The writer's EmitError ("cannot write the edit as openspec-design ...") carries no path of its own.
    def failing(*args: object, **kwargs: object) -> None:
        raise EmitError("cannot write the edit as openspec-design")

    monkeypatch.setattr(plancore._cli, "write_folder", failing)
    out = tmp_path / "change"
    assert main(["convert", str(EXAMPLE), "--to", "openspec", "-o", f"{out}/"]) == 1
    assert f"{out}: cannot write the edit as openspec-design" in capsys.readouterr().err


def test_strict_loss_of_a_folder_names_the_folder_format_readably(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Was "have no place in a openspec folder".
    assert main(["convert", str(EXAMPLE), "--to", "openspec", "-o", f"{tmp_path / 'c'}/", "--strict"]) == 3
    assert "have no place in the openspec folder: metadata.updated" in capsys.readouterr().err
