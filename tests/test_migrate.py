"""``plancore migrate`` and ``plancore.migrate`` (issue 15): find, dry run, ID map, re-run, dirty tree."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from test_cli import EXAMPLE, run_here

import plancore
from plancore import _migrate

GIT = shutil.which("git")
needs_git = pytest.mark.skipif(GIT is None, reason="needs git")


def example_in(name: str) -> str:
    return plancore.convert(EXAMPLE.read_text(encoding="utf-8"), name).text


def repository(root: Path) -> dict[str, str]:
    """A repository with a plan in each tool's layout, a loose plan, and Markdown that is no plan;
    returns each file's text by path."""
    files = {
        "specs/001-auth/plan.md": example_in("speckit-github"),
        "specs/001-auth/spec.md": "# Feature Specification: Auth\n\nUsers sign in.\n",
        ".specpulse/plans/002-chart/plan-001.md": example_in("specpulse"),
        ".maestro/specs/003-board/plan.md": example_in("maestro"),
        "docs/search-plan.md": EXAMPLE.read_text(encoding="utf-8"),
        "README.md": "# Our project\n\nIt does things.\n",
        "node_modules/lib/plan.md": EXAMPLE.read_text(encoding="utf-8"),
    }
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return files


def snapshot(root: Path) -> dict[str, tuple[bytes, int]]:
    return {
        path.relative_to(root).as_posix(): (path.read_bytes(), path.stat().st_mtime_ns)
        for path in sorted(root.rglob("*"))
        if path.is_file() and ".git" not in path.relative_to(root).parts
    }


def git(root: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.com", *args],
        cwd=root,
        check=True,
        capture_output=True,
    )


def test_the_finder_reads_one_table_of_layouts(tmp_path: Path) -> None:
    repository(tmp_path)
    assert [layout.path for layout in _migrate.LAYOUTS if "maestro" in layout.formats] == [
        ".maestro/specs/{feature}/plan.md"
    ]
    result = plancore.migrate(tmp_path, "aadt", tmp_path / "out", dry_run=True, jobs=1)
    # Each tool's plans by its layout, the loose one by its name; a spec, a README and
    # what lies in node_modules are no plans to migrate.
    assert [(plan.source, plan.target, plan.source_format, plan.feature) for plan in result.plans] == [
        (".maestro/specs/003-board/plan.md", "plans/003-board/plan.md", "maestro", "003-board"),
        (".specpulse/plans/002-chart/plan-001.md", "plans/002-chart/plan.md", "specpulse", "002-chart"),
        ("docs/search-plan.md", "plans/search-plan/plan.md", "smartspec", "search-plan"),
        ("specs/001-auth", "plans/001-auth/plan.md", "speckit-github", "001-auth"),
    ]
    assert result.skipped == ("README.md",)


def test_dry_run_writes_nothing_and_says_what_and_where(tmp_path: Path) -> None:
    repository(tmp_path)
    before = snapshot(tmp_path)
    status, out, err = run_here("migrate", str(tmp_path), "--to", "maestro", "--dry-run", "-j", "1")
    assert status == 0, err
    assert snapshot(tmp_path) == before
    lines = out.splitlines()
    assert (
        ".maestro/specs/003-board/plan.md -> .maestro/specs/003-board/plan.md (maestro -> maestro): in place" in lines
    )
    assert "docs/search-plan.md -> .maestro/specs/search-plan/plan.md (smartspec -> maestro): would be written" in lines
    # Per file, what the target cannot hold in its place, as convert reports it.
    expected = plancore.convert(EXAMPLE.read_text(encoding="utf-8"), "maestro").lost_sections()
    start = lines.index(
        "docs/search-plan.md -> .maestro/specs/search-plan/plan.md (smartspec -> maestro): would be written"
    )
    assert lines[start + 1 : start + 1 + len(expected)] == [f"  {section.describe('maestro')}" for section in expected]
    assert "plancore: README.md: not a plan; skipped" in err
    assert err.splitlines()[-1].startswith("plancore: would migrate 4 plans to maestro (")
    # The summary's counts say what would be, as the lines do: a dry run writes nothing.
    assert "would be written" in err.splitlines()[-1]
    assert not re.search(r"\(\d+ written|, \d+ written", err.splitlines()[-1])
    # And as JSON, for tools.
    status, out, _ = run_here("migrate", str(tmp_path), "--to", "maestro", "--dry-run", "--json", "-j", "1")
    document = json.loads(out)
    assert status == 0 and document["dry_run"] is True and document["skipped"] == ["README.md"]
    assert {plan["action"] for plan in document["plans"]} == {"in place", "written"}
    assert snapshot(tmp_path) == before


def test_the_map_records_ids_paths_and_hashes(tmp_path: Path) -> None:
    files = repository(tmp_path)
    status, _, err = run_here("migrate", str(tmp_path), "--to", "specpulse", "-j", "2")
    assert status == 0, err
    document = json.loads((tmp_path / "plancore-migration.json").read_text(encoding="utf-8"))
    assert document["target"] == "specpulse"
    assert document["ids"] == {
        "003-board": "003-board",
        "002-chart": "002-chart",
        "docs/search-plan.md": "search-plan",
        "001-auth": "001-auth",
    }
    assert document["paths"] == {
        ".maestro/specs/003-board/plan.md": ".specpulse/plans/003-board/plan-001.md",
        ".specpulse/plans/002-chart/plan-001.md": ".specpulse/plans/002-chart/plan-001.md",
        "docs/search-plan.md": ".specpulse/plans/search-plan/plan-001.md",
        "specs/001-auth": ".specpulse/plans/001-auth/plan-001.md",
    }
    for entry in document["plans"]:
        written = (tmp_path / entry["target"]).read_bytes()
        assert entry["sha256"] == hashlib.sha256(written).hexdigest()
        assert plancore.detect(written.decode("utf-8")) == "specpulse"
    # The SpecPulse plan was already where SpecPulse keeps it; no source was touched.
    for name, text in files.items():
        assert (tmp_path / name).read_text(encoding="utf-8") == text, name


def test_rerunning_changes_nothing_up_to_date_and_refuses_what_others_changed(tmp_path: Path) -> None:
    repository(tmp_path)
    assert run_here("migrate", str(tmp_path), "--to", "aadt", "-j", "1")[0] == 0
    first = snapshot(tmp_path)
    status, out, err = run_here("migrate", str(tmp_path), "--to", "aadt", "-j", "2")
    assert status == 0, err
    assert snapshot(tmp_path) == first  # not a byte nor a modification time changed, nothing added
    assert err.splitlines()[-1] == "plancore: migrated 4 plans to aadt (4 unchanged); skipped 1 not a plan"
    # A source edited since: its output, unchanged since plancore wrote it, is brought up to date.
    source = tmp_path / "specs" / "001-auth" / "plan.md"
    source.write_text(source.read_text(encoding="utf-8").replace("Password", "Passphrase"), encoding="utf-8")
    status, out, err = run_here("migrate", str(tmp_path), "--to", "aadt", "-j", "1")
    assert status == 0, err
    assert "specs/001-auth -> plans/001-auth/plan.md (speckit-github -> aadt): updated" in out
    assert "Passphrase" in (tmp_path / "plans" / "001-auth" / "plan.md").read_text(encoding="utf-8")
    # An output someone edited by hand is left as it is, and said so.
    edited = tmp_path / "plans" / "search-plan" / "plan.md"
    edited.write_text("my own notes\n", encoding="utf-8")
    source = tmp_path / "docs" / "search-plan.md"
    source.write_text(source.read_text(encoding="utf-8").replace("Password", "Passphrase"), encoding="utf-8")
    status, out, err = run_here("migrate", str(tmp_path), "--to", "aadt", "-j", "1")
    assert status == 1
    assert "plans/search-plan/plan.md exists, changed since plancore wrote it; left as it is" in out
    assert edited.read_text(encoding="utf-8") == "my own notes\n"


def test_a_file_in_the_way_is_never_overwritten(tmp_path: Path) -> None:
    repository(tmp_path)
    dest = tmp_path / "out"
    mine = dest / "plans" / "001-auth" / "plan.md"
    mine.parent.mkdir(parents=True)
    mine.write_text("not plancore's\n", encoding="utf-8")
    result = plancore.migrate(tmp_path, "smartspec", dest, jobs=1)
    assert not result.ok
    conflict = next(plan for plan in result.plans if plan.source == "specs/001-auth")
    assert conflict.action == "conflict" and "not written by plancore" in conflict.message
    assert mine.read_text(encoding="utf-8") == "not plancore's\n"
    assert "plans/001-auth/plan.md" not in json.loads((dest / "plancore-migration.json").read_text())["paths"].values()
    # In SRC itself a file where the output would go is found first (here: as no plan), and the
    # plan takes an ID of its own.
    shutil.rmtree(dest)
    (tmp_path / "plans" / "001-auth").mkdir(parents=True)
    (tmp_path / "plans" / "001-auth" / "plan.md").write_text("not plancore's\n", encoding="utf-8")
    result = plancore.migrate(tmp_path, "smartspec", jobs=1)
    assert result.ok and "plans/001-auth/plan.md" in result.skipped
    moved = next(plan for plan in result.plans if plan.source == "specs/001-auth")
    assert (moved.target, moved.action) == ("plans/001-auth-2/plan.md", "written")
    assert (tmp_path / "plans" / "001-auth" / "plan.md").read_text(encoding="utf-8") == "not plancore's\n"
    # A plan in the target tool's folder but in another format would be replaced by its own output: refused.
    result = plancore.migrate(tmp_path, "speckit", tmp_path, jobs=1)
    refused = next(plan for plan in result.plans if plan.source == "specs/001-auth")
    assert refused.action == "conflict" and "give another DEST" in refused.message
    assert (tmp_path / "specs/001-auth/plan.md").read_text(encoding="utf-8") == example_in("speckit-github")


def test_two_plans_of_one_feature_get_ids_of_their_own(tmp_path: Path) -> None:
    for number in ("001", "002"):
        path = tmp_path / ".specpulse" / "plans" / "004-search" / f"plan-{number}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(example_in("specpulse").replace("Password", f"Password {number}"), encoding="utf-8")
    result = plancore.migrate(tmp_path, "maestro", jobs=1)
    assert [(plan.target, plan.feature) for plan in result.plans] == [
        (".maestro/specs/004-search/plan.md", "004-search"),
        (".maestro/specs/004-search-2/plan.md", "004-search-2"),
    ]


@needs_git
def test_a_dirty_working_tree_is_refused_unless_allowed(tmp_path: Path) -> None:
    repository(tmp_path)
    git(tmp_path, "init", "-q", ".")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-qm", "plans")
    (tmp_path / "specs" / "001-auth" / "plan.md").write_text(example_in("speckit-github") + "\nmore\n")
    (tmp_path / "untracked.md").write_text("# notes\n")
    before = snapshot(tmp_path)
    status, out, err = run_here("migrate", str(tmp_path), "--to", "maestro")
    assert status == 1 and out == ""
    assert "has uncommitted changes (M specs/001-auth/plan.md, ?? untracked.md)" in err
    assert "--allow-dirty" in err
    assert snapshot(tmp_path) == before
    # A dry run goes ahead, and names what a real run would refuse.
    status, _, err = run_here("migrate", str(tmp_path), "--to", "maestro", "--dry-run")
    assert status == 0 and "uncommitted: M specs/001-auth/plan.md" in err
    assert run_here("migrate", str(tmp_path), "--to", "maestro", "--allow-dirty")[0] == 0
    # Once the change is committed, the migration's own outputs make the tree no dirtier:
    # a re-run goes ahead without --allow-dirty.
    (tmp_path / "untracked.md").unlink()
    git(tmp_path, "commit", "-qam", "more")
    status, _, err = run_here("migrate", str(tmp_path), "--to", "maestro")
    assert status == 0, err
    # Changes outside SRC are none of its business.
    (tmp_path / "elsewhere.md").write_text("# scratch\n")
    status, _, err = run_here("migrate", str(tmp_path / "specs"), "--to", "maestro", "-o", str(tmp_path / "m"))
    assert status == 0, err


def test_no_git_is_no_refusal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repository(tmp_path)
    monkeypatch.setenv("PATH", str(tmp_path / "no-such-bin"))
    assert plancore.migrate(tmp_path, "maestro", jobs=1).ok


def test_migrate_usage(tmp_path: Path) -> None:
    status, _, err = run_here("migrate", str(tmp_path / "nowhere"), "--to", "maestro")
    assert status == 2 and "is not a folder" in err
    assert run_here("migrate", str(tmp_path), "--to", "nope")[0] == 2


def test_loose_plans_beside_a_layout_are_found_and_its_feature_files_left_alone(tmp_path: Path) -> None:
    plan = EXAMPLE.read_text(encoding="utf-8")
    for name, text in {
        "plans/checkout.md": plan,  # loose, in a layout's folder
        "plans/002-pay/plan.md": example_in("aadt"),  # the layout's own
        "plans/002-pay/notes.md": "# Notes\n",  # a feature folder's other files: the tool's, not listed
        "docs/design/plan.md": plan,  # loose, named after its folder
        ".github/PULL_REQUEST_TEMPLATE.md": "# PR\n",  # hidden folders are not searched
    }.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    result = plancore.migrate(tmp_path, "maestro", dry_run=True, jobs=1)
    assert [(plan.source, plan.feature) for plan in result.plans] == [
        ("docs/design/plan.md", "design"),
        ("plans/002-pay/plan.md", "002-pay"),
        ("plans/checkout.md", "checkout"),
    ]
    assert result.skipped == ()


def test_no_output_goes_out_of_dest_through_a_link(tmp_path: Path) -> None:
    repo, elsewhere = tmp_path / "repo", tmp_path / "elsewhere"
    repository(repo)
    elsewhere.mkdir()
    (repo / ".maestro" / "specs" / "001-auth").symlink_to(elsewhere, target_is_directory=True)
    result = plancore.migrate(repo, "maestro", jobs=1)
    refused = next(plan for plan in result.plans if plan.source == "specs/001-auth")
    assert refused.action == "conflict" and "outside DEST, through a symbolic link" in refused.message
    assert list(elsewhere.iterdir()) == []
