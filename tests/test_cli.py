"""The command line, run as ``python -m plancore`` in a child process."""

from __future__ import annotations

import contextlib
import importlib.metadata
import io
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

import plancore
from plancore import _cli, _files
from plancore._cli import main, write_atomically
from plancore._folder import FOLDERS

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "smartspec-plan.md"


def run(*args: str, stdin: bytes | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "plancore", *args], input=stdin, capture_output=True, cwd=cwd, timeout=60
    )


def test_convert_to_stdout() -> None:
    result = run("convert", str(EXAMPLE), "--to", "speckit")
    assert result.returncode == 0, result.stderr
    text = result.stdout.decode()
    assert plancore.detect(text) == "speckit"
    assert "Password Reset by Email" in text


def test_convert_reads_stdin() -> None:
    result = run("convert", "-", "--to", "smartspec", stdin=EXAMPLE.read_bytes())
    assert result.returncode == 0
    assert result.stdout == EXAMPLE.read_bytes()


def test_convert_writes_output_file_and_refuses_to_overwrite(tmp_path: Path) -> None:
    out = tmp_path / "plan.md"
    assert run("convert", str(EXAMPLE), "--to", "smartspec", "-o", str(out)).returncode == 0
    assert out.read_bytes() == EXAMPLE.read_bytes()
    out.write_text("mine")
    refused = run("convert", str(EXAMPLE), "--to", "smartspec", "-o", str(out))
    assert refused.returncode == 1
    assert b"already exists" in refused.stderr
    assert out.read_text() == "mine"
    assert run("convert", str(EXAMPLE), "--to", "smartspec", "-o", str(out), "--force").returncode == 0
    assert out.read_bytes() == EXAMPLE.read_bytes()
    assert [p.name for p in tmp_path.iterdir()] == ["plan.md"]


def test_convert_never_overwrites_its_input(tmp_path: Path) -> None:
    plan = tmp_path / "plan.md"
    plan.write_bytes(EXAMPLE.read_bytes())
    result = run("convert", str(plan), "--to", "speckit", "-o", str(plan), "--force")
    assert result.returncode == 1
    assert plan.read_bytes() == EXAMPLE.read_bytes()


@pytest.mark.skipif(len(plancore.formats()) < 2, reason="needs two formats")
def test_losses_are_reported_on_stderr_and_fail_under_strict() -> None:
    lossy = run("convert", str(EXAMPLE), "--to", "speckit")
    assert lossy.returncode == 0
    assert b"warning:" in lossy.stderr
    strict = run("convert", str(EXAMPLE), "--to", "speckit", "--strict")
    assert strict.returncode == 3
    assert strict.stdout == b""
    assert len(strict.stderr.decode().strip().splitlines()) == 1


def test_bad_input_is_one_line_and_exit_1(tmp_path: Path) -> None:
    cases = {
        "missing.md": None,
        "empty.md": b"",
        "binary.md": b"# Plan\n\xff\xfe\x00",
        "prose.md": b"Just some notes about lunch.\n",
    }
    for name, data in cases.items():
        path = tmp_path / name
        if data is not None:
            path.write_bytes(data)
        result = run("convert", str(path), "--to", "smartspec")
        assert result.returncode == 1, name
        lines = result.stderr.decode().strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("plancore: error:"), (name, lines)
        assert name in lines[0]
        assert b"Traceback" not in result.stderr


def test_invalid_utf8_names_the_byte_offset(tmp_path: Path) -> None:
    path = tmp_path / "bad.md"
    path.write_bytes(b"# Plan\n\nok \xc3\x28")
    result = run("detect", str(path))
    assert result.returncode == 1
    assert b"byte offset 11" in result.stderr
    assert b":3:" in result.stderr


def test_usage_errors_exit_2() -> None:
    assert run("convert", str(EXAMPLE), "--to", "nonsense").returncode == 2
    assert run().returncode == 2


def test_detect_formats_and_new() -> None:
    detected = run("detect", str(EXAMPLE))
    assert detected.stdout.decode() == f"{EXAMPLE}: smartspec\n"
    listed = run("formats").stdout.decode().splitlines()
    folders_only = [name for name in FOLDERS if name not in plancore.formats()]
    assert [line.split()[0] for line in listed] == [*plancore.formats(), *folders_only]
    for name in plancore.formats():
        blank = run("new", name).stdout.decode()
        assert plancore.emit(plancore.Plan(), name) == blank


def test_in_place_replaces_the_input(tmp_path: Path) -> None:
    plan = tmp_path / "plan.md"
    plan.write_bytes(EXAMPLE.read_bytes())
    assert run("convert", str(plan), "--to", "smartspec", "--in-place").returncode == 0
    assert plan.read_bytes() == EXAMPLE.read_bytes()
    assert [p.name for p in tmp_path.iterdir()] == ["plan.md"]


def test_folder_conversion_keeps_going_past_bad_files(tmp_path: Path) -> None:
    source = tmp_path / "plans"
    (source / "team" / "a").mkdir(parents=True)
    (source / "team" / "a" / "plan.md").write_bytes(EXAMPLE.read_bytes())
    (source / "good.md").write_bytes(EXAMPLE.read_bytes())
    (source / "bad.md").write_bytes(b"\xff\xfe not a plan")
    (source / "notes.txt").write_text("ignored")
    out = tmp_path / "out"
    result = run("convert", str(source), "--to", "smartspec", "-o", str(out))
    assert result.returncode == 1
    errors = [line for line in result.stderr.decode().splitlines() if "error:" in line]
    assert len(errors) == 1 and "bad.md" in errors[0] and "UTF-8" in errors[0]
    assert (out / "good.md").read_bytes() == EXAMPLE.read_bytes()
    assert (out / "team" / "a" / "plan.md").read_bytes() == EXAMPLE.read_bytes()
    assert not (out / "bad.md").exists()
    assert not (out / "notes.txt").exists()


# --- Hostile names, symbolic links, progress and file safety (issue 4). ---


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def run_here(*args: str, stderr: io.StringIO | None = None) -> tuple[int, str, str]:
    """``main(args)`` in this process: (status, stdout, stderr)."""
    out, err = io.BytesIO(), stderr if stderr is not None else io.StringIO()
    stdout = io.TextIOWrapper(out, encoding="utf-8", newline="")
    try:
        with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(err):
            status = main(list(args))
    finally:
        stdout.flush()
        stdout.detach()
    return status, out.getvalue().decode(), err.getvalue()


def plan_tree(root: Path, names: list[str]) -> None:
    for name in names:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(EXAMPLE.read_bytes())


def files_under(root: Path) -> set[str]:
    return {str(path.relative_to(root)) for path in root.rglob("*")}


ODD_NAMES = [
    "-rf.md",
    "..md",
    "...md",
    " spaced name .md",
    "new\nline.md",
    "tab\tand\x1b[31mescape.md",
    "back\\slash.md",
    "ü中😀.md",
    ".hidden.md",
    "x" * 240 + ".md",
    "deep/../../looks-like-a-climb.md",  # a folder named "deep" holding it; ".." resolved by mkdir
]


def test_folder_outputs_stay_inside_outdir_whatever_the_names(tmp_path: Path) -> None:
    source, out = tmp_path / "plans", tmp_path / "out"
    source.mkdir()
    names = [name for name in ODD_NAMES if ".." not in name.split("/")]
    plan_tree(source, names)
    (source / "sub\nfolder").mkdir()
    (source / "sub\nfolder" / "bad\x1b]0;title\x07.md").write_bytes(b"\xff")
    before = files_under(tmp_path)
    status, _, err = run_here("convert", str(source), "--to", "smartspec", "-o", str(out))
    assert status == 1
    for name in names:
        assert (out / name).read_bytes() == EXAMPLE.read_bytes(), name
    # Nothing was written anywhere but OUTDIR.
    assert {path for path in files_under(tmp_path) if not path.startswith("out")} == before
    assert not any(path.name.endswith(".tmp") for path in out.rglob("*"))
    # The one failure is one line, its control characters escaped.
    lines = err.splitlines()
    errors = [line for line in lines if line.startswith("plancore: error:")]
    assert len(errors) == 1 and "sub\\nfolder" in errors[0] and "\\x1b]0;title\\x07" in errors[0]
    assert "\x1b" not in err and "\x07" not in err
    assert lines[-1] == f"plancore: converted {len(names)} of {len(names) + 1} plans"


def test_folder_symlinks_out_of_the_folder_are_not_followed(tmp_path: Path) -> None:
    source, out, outside = tmp_path / "plans", tmp_path / "out", tmp_path / "outside"
    plan_tree(source, ["real.md", "team/inner.md"])
    plan_tree(outside, ["secret.md", "private/hidden.md"])
    (source / "secret.md").symlink_to(outside / "secret.md")
    (source / "private").symlink_to(outside / "private")
    (source / "alias.md").symlink_to(source / "team" / "inner.md")
    (source / "team-alias").symlink_to(source / "team")
    (source / "dangling.md").symlink_to(tmp_path / "nowhere.md")
    (source / "loop").symlink_to(source)
    (source / "self.md").symlink_to(source / "self.md")
    os.mkfifo(source / "pipe.md")  # reading it would wait forever
    status, _, err = run_here("convert", str(source), "--to", "smartspec", "-o", str(out))
    assert status == 1
    assert files_under(out) == {"real.md", "team", "team/inner.md", "alias.md"}
    assert (out / "alias.md").read_bytes() == EXAMPLE.read_bytes() and not (out / "alias.md").is_symlink()
    errors = sorted(line for line in err.splitlines() if "error:" in line)
    assert len(errors) == 5, errors
    assert "dangling.md: a symbolic link to a file outside" in errors[0]
    assert "pipe.md: not a regular file; skipped" in errors[1]
    assert "private: a symbolic link to a folder outside" in errors[2] and "not followed" in errors[2]
    assert "secret.md: a symbolic link to a file outside" in errors[3] and "not followed" in errors[3]
    assert "self.md: a symbolic link to itself" in errors[4]
    assert err.splitlines()[-1] == (
        "plancore: converted 3 of 3 plans; skipped 5 (symbolic links not followed, not regular files)"
    )


def test_folder_refuses_to_write_through_a_link_in_outdir(tmp_path: Path) -> None:
    source, out, elsewhere = tmp_path / "plans", tmp_path / "out", tmp_path / "elsewhere"
    plan_tree(source, ["team/plan.md", "team/sub/plan.md", "top.md"])
    out.mkdir()
    elsewhere.mkdir()
    (out / "team").symlink_to(elsewhere)
    status, _, err = run_here("convert", str(source), "--to", "smartspec", "-o", str(out))
    assert status == 1
    assert list(elsewhere.iterdir()) == []  # not even a folder made through the link
    assert "would be written outside" in err
    assert (out / "top.md").exists()


def test_folder_never_overwrites_without_force(tmp_path: Path) -> None:
    source, out = tmp_path / "plans", tmp_path / "out"
    plan_tree(source, ["a.md", "b.md"])
    out.mkdir()
    (out / "a.md").write_text("mine")
    status, _, err = run_here("convert", str(source), "--to", "smartspec", "-o", str(out))
    assert status == 1
    assert (out / "a.md").read_text() == "mine"
    assert (out / "b.md").read_bytes() == EXAMPLE.read_bytes()
    assert "a.md: already exists (use --force to overwrite)" in err
    assert run_here("convert", str(source), "--to", "smartspec", "-o", str(out), "--force")[0] == 0
    assert (out / "a.md").read_bytes() == EXAMPLE.read_bytes()


def test_folder_outdir_inside_the_folder_is_not_read_again(tmp_path: Path) -> None:
    source = tmp_path / "plans"
    plan_tree(source, ["a.md"])
    out = source / "converted"
    assert run_here("convert", str(source), "--to", "speckit", "-o", str(out))[0] == 0
    status, _, err = run_here("convert", str(source), "--to", "speckit", "-o", str(out), "--force")
    assert status == 0, err
    assert files_under(out) == {"a.md"}


def test_folder_outdir_must_differ_from_the_folder(tmp_path: Path) -> None:
    source = tmp_path / "plans"
    plan_tree(source, ["a.md"])
    status, _, err = run_here("convert", str(source), "--to", "speckit", "-o", str(source) + "/.", "--force")
    assert status == 2 and "is the input folder" in err
    assert run_here("convert", str(source), "--to", "speckit", "--in-place")[0] == 2
    assert (source / "a.md").read_bytes() == EXAMPLE.read_bytes()


def test_folder_never_overwrites_an_input_even_with_force(tmp_path: Path) -> None:
    # OUTDIR above DIR: plans/plans/a.md would be written over plans/a.md.
    out = tmp_path / "out"
    plan_tree(out, ["plans/a.md", "plans/plans/a.md"])
    (out / "plans" / "plans" / "a.md").write_bytes(EXAMPLE.read_bytes().replace(b"Password", b"Passphrase"))
    status, _, err = run_here("convert", str(out / "plans"), "--to", "smartspec", "-o", str(out), "--force")
    assert status == 1
    assert "is an input file; refusing" in err
    assert (out / "plans" / "a.md").read_bytes() == EXAMPLE.read_bytes()


def test_progress_bar_on_a_terminal_only(tmp_path: Path) -> None:
    source = tmp_path / "plans"
    plan_tree(source, [f"p{number}.md" for number in range(4)])
    terminal = FakeTerminal()
    status, _, err = run_here("convert", str(source), "--to", "smartspec", "-o", str(tmp_path / "a"), stderr=terminal)
    assert status == 0
    frames = [frame.strip() for frame in err.split("\r") if frame.strip()]
    # One bar (tqdm), counting plans, redrawn in place.
    assert frames[0].startswith("plancore:   0%|") and " 0/4 " in frames[0]
    assert all(frame.startswith("plancore: ") and "/4 [" in frame for frame in frames[:-1])
    # The bar is wiped before the summary, which stands on its own line.
    assert err.endswith("\rplancore: converted 4 of 4 plans\n")
    # No bar under --quiet, even on a terminal.
    quiet = FakeTerminal()
    status, _, err = run_here("convert", str(source), "-t", "smartspec", "-o", str(tmp_path / "q"), "-q", stderr=quiet)
    assert status == 0 and err == "plancore: converted 4 of 4 plans\n"
    piped = run("convert", str(source), "--to", "smartspec", "-o", str(tmp_path / "b"))
    assert piped.returncode == 0
    assert b"\r" not in piped.stderr and b"#" not in piped.stderr
    assert piped.stderr == b"plancore: converted 4 of 4 plans\n"


def test_output_errors_are_one_line(tmp_path: Path) -> None:
    folder = tmp_path / "existing"
    folder.mkdir()
    status, _, err = run_here("convert", str(EXAMPLE), "--to", "smartspec", "-o", str(folder), "--force")
    assert status == 1 and err == f"plancore: error: {folder}: is a folder; give a file name for the output\n"
    blocked = tmp_path / "a-file" / "out.md"
    (tmp_path / "a-file").write_text("not a folder\n", encoding="utf-8")
    status, _, err = run_here("convert", str(EXAMPLE), "--to", "smartspec", "-o", str(blocked))
    assert status == 1 and err == f"plancore: error: {blocked}: cannot create its folder: {blocked.parent} is a file\n"
    assert (tmp_path / "a-file").read_text(encoding="utf-8") == "not a folder\n"


def test_output_into_a_missing_folder_creates_it(tmp_path: Path) -> None:
    missing = tmp_path / "no" / "such" / "out.md"
    status, _, err = run_here("convert", str(EXAMPLE), "--to", "smartspec", "-o", str(missing))
    assert status == 0, err
    assert missing.read_text(encoding="utf-8").startswith("# ")


def test_in_place_through_a_symlink_writes_the_file_it_names(tmp_path: Path) -> None:
    real = tmp_path / "real.md"
    real.write_bytes(EXAMPLE.read_bytes())
    link = tmp_path / "link.md"
    link.symlink_to(real)
    assert run_here("convert", str(link), "--to", "speckit", "--in-place")[0] == 0
    assert link.is_symlink()
    assert plancore.detect(real.read_text()) == "speckit"


def test_overwriting_keeps_permissions_and_new_files_follow_the_umask(tmp_path: Path) -> None:
    plan = tmp_path / "plan.md"
    plan.write_bytes(EXAMPLE.read_bytes())
    plan.chmod(0o640)
    assert run_here("convert", str(plan), "--to", "speckit", "--in-place")[0] == 0
    assert stat.S_IMODE(plan.stat().st_mode) == 0o640
    umask = os.umask(0o022)
    try:
        fresh = tmp_path / "fresh.md"
        assert run_here("convert", str(EXAMPLE), "--to", "speckit", "-o", str(fresh))[0] == 0
    finally:
        os.umask(umask)
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o644


def test_a_failed_write_leaves_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    plan = tmp_path / "plan.md"
    plan.write_text("old")

    def crash(*_: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", crash)
    status, _, err = run_here("convert", str(EXAMPLE), "--to", "smartspec", "-o", str(plan), "--force")
    assert status == 1 and err == f"plancore: error: {plan}: cannot write: No space left on device\n"
    assert plan.read_text() == "old"
    assert [path.name for path in tmp_path.iterdir()] == ["plan.md"]
    with pytest.raises(KeyboardInterrupt):
        monkeypatch.setattr(os, "fsync", lambda _: (_ for _ in ()).throw(KeyboardInterrupt()))
        write_atomically(plan, "new")
    assert plan.read_text() == "old"
    assert [path.name for path in tmp_path.iterdir()] == ["plan.md"]


def test_nul_and_odd_names_in_detect(tmp_path: Path) -> None:
    odd = tmp_path / "odd\nname\u202e.md"
    odd.write_bytes(EXAMPLE.read_bytes())
    nul = tmp_path / "nul.md"
    nul.write_bytes(b"# Plan\n\n\x00")
    status, out, err = run_here("detect", str(odd), str(nul))
    assert status == 1
    assert out == f"{tmp_path}/odd\\nname\\u202e.md: smartspec\n"
    assert err == f"plancore: error: {nul}:3: a NUL byte at byte offset 8: a binary file, not a plan\n"


# --- The command line as its users expect it (issue 17). ---


def test_version_comes_from_the_package_metadata() -> None:
    assert plancore.__version__ == importlib.metadata.version("plancore")
    result = run("--version")
    assert result.returncode == 0
    assert result.stdout.decode() == f"plancore {plancore.__version__}\n"


def test_short_from_and_to_flags_are_the_long_ones() -> None:
    short = run("convert", "-f", "smartspec", "-t", "speckit", str(EXAMPLE))
    long = run("convert", "--from", "smartspec", "--to", "speckit", str(EXAMPLE))
    assert short.returncode == 0 and short.stdout == long.stdout
    assert short.stdout.decode().startswith("# Implementation Plan: Password Reset by Email\n")


@pytest.mark.parametrize(
    ("args", "named", "usage"),
    [
        (
            ["convert", "EX", "--too", "speckit"],
            "unrecognized argument: --too (did you mean --to?)",
            "plancore convert",
        ),
        (["convert", "EX", "-t", "speckit", "--stirct"], "--stirct (did you mean --strict?)", "plancore convert"),
        (["convert", "EX", "-t", "speckit", "--fomr=x"], "--fomr (did you mean --from?)", "plancore convert"),
        (["--verison"], "unrecognized argument: --verison (did you mean --version?)", "plancore [-h]"),
        (["detect", "--xyz", "EX"], "unrecognized argument: --xyz\n", "plancore detect"),
        # A format name as a flag is: the closest valid one named after the choices.
        (["convert", "EX", "-t", "speckitt"], "'json') (did you mean speckit?)\n", "plancore convert"),
        (["check", "EX", "--format", "maestr"], "'kiro') (did you mean maestro?)\n", "plancore check"),
        (["convert", "EX", "-t", "zzz"], "'kiro', 'json')\n", "plancore convert"),
        (["convert", "EX", "-t", "speckit", "extra"], "unrecognized arguments: extra", "plancore convert"),
    ],
)
def test_unknown_flags_are_named_in_their_command_usage(args: list[str], named: str, usage: str) -> None:
    status, out, err = run_here(*(str(EXAMPLE) if arg == "EX" else arg for arg in args))
    assert status == 2 and out == ""
    assert named in err
    assert err.startswith(f"usage: {usage}")
    assert "required" not in err


def test_usage_errors_exit_2_before_reading() -> None:
    assert main(["convert", str(EXAMPLE), "-t", "nonsense"]) == 2
    assert main(["convert", str(Path("no") / "such.md"), "-t", "speckit", "--bogus"]) == 2


def test_a_flag_value_that_looks_like_a_flag_is_a_value(tmp_path: Path) -> None:
    out = tmp_path / "-weird.md"
    status, _, err = run_here("convert", str(EXAMPLE), "-t", "smartspec", "-o", str(out))
    assert status == 0, err
    assert out.read_bytes() == EXAMPLE.read_bytes()
    assert run_here("convert", str(EXAMPLE), "-tsmartspec", "--output=" + str(tmp_path / "b.md"))[0] == 0


def test_help_lists_the_formats_and_list_formats_prints_them() -> None:
    names = plancore.formats()
    for args in (["--help"], ["convert", "--help"], ["detect", "--help"]):
        result = run(*args)
        assert result.returncode == 0
        text = result.stdout.decode()
        assert "formats: " + ", ".join(names) in text, args
        assert "exit status: 0 ok, 1 bad input, 2 usage, 3 losses under --strict, 130 interrupted" in text
    assert "--list-formats" in run("--help").stdout.decode()
    listed = run("--list-formats")
    # The folder-only formats -t takes (with -o DIR/) are listed too, marked as folders.
    folders = "openspec (folder)\nkiro (folder)\n"
    assert listed.returncode == 0 and listed.stdout.decode() == "".join(f"{name}\n" for name in names) + folders


@pytest.mark.parametrize("name", ["kiro", "openspec"])
def test_new_of_a_folder_format_says_which_formats_new_prints_and_exits_2(name: str) -> None:
    result = run("new", name)
    told = result.stderr.decode()
    assert (result.returncode, result.stdout) == (2, b"")
    assert f"{name} is a folder format" in told and "unknown format" not in told
    assert ", ".join(plancore.formats()) in told and f"-t {name} -o DIR/" in told
    assert {"kiro": "make a kiro folder", "openspec": "make an openspec folder"}[name] in told


def test_detect_a_folder_lists_plans_and_non_plans(tmp_path: Path) -> None:
    plan_tree(tmp_path, ["a.md", "team/b.md"])
    (tmp_path / "README.md").write_text("# My project\n\nJust notes about lunch.\n")
    (tmp_path / "notes.txt").write_text("not Markdown")
    speckit = plancore.convert(EXAMPLE.read_text(), to="speckit").text
    (tmp_path / "team" / "c.md").write_text(speckit)
    status, out, err = run_here("detect", str(tmp_path))
    assert (status, err) == (0, "")
    assert out.splitlines() == [
        f"{tmp_path}/README.md: not a plan",
        f"{tmp_path}/a.md: smartspec",
        f"{tmp_path}/team/b.md: smartspec",
        f"{tmp_path}/team/c.md: speckit",
    ]
    status, out, _ = run_here("detect", str(tmp_path), "--exclude", "README.md", "--exclude", "team/b*")
    assert status == 0 and out.splitlines() == [f"{tmp_path}/a.md: smartspec", f"{tmp_path}/team/c.md: speckit"]
    status, out, _ = run_here("detect", str(tmp_path), "--include", "*.txt")
    assert status == 0 and out == f"{tmp_path}/notes.txt: not a plan\n"


def test_a_folder_skips_and_lists_non_plans(tmp_path: Path) -> None:
    source, out = tmp_path / "plans", tmp_path / "out"
    plan_tree(source, ["a.md", "docs/b.md"])
    (source / "README.md").write_text("# Plans\n\nThe team's plans live here.\n")
    (source / "docs" / "CHANGELOG.md").write_text("- fixed things\n")
    status, _, err = run_here("convert", str(source), "--to", "speckit", "-o", str(out))
    assert status == 0, err
    assert files_under(out) == {"a.md", "docs", "docs/b.md"}
    assert f"plancore: {source}/README.md: not a plan (no format fits); skipped\n" in err
    assert f"plancore: {source}/docs/CHANGELOG.md: not a plan (no format fits); skipped\n" in err
    assert "error" not in err
    assert err.splitlines()[-1] == "plancore: converted 2 of 2 plans; skipped 2 not a plan"


def test_a_folder_include_and_exclude_choose_files(tmp_path: Path) -> None:
    source, out = tmp_path / "plans", tmp_path / "out"
    plan_tree(source, ["a.md", "drafts/b.md", "c.markdown", "d.md"])
    status, _, err = run_here(
        "convert", str(source), "-t", "smartspec", "-o", str(out),
        "--include", "*.md", "--include", "*.markdown", "--exclude", "drafts/*", "--exclude", "d.md",
    )  # fmt: skip
    assert status == 0, err
    assert files_under(out) == {"a.md", "c.markdown"}
    assert err == "plancore: converted 2 of 2 plans\n"


def test_exit_codes_mean_the_same_for_files_and_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = tmp_path / "plans"
    plan_tree(source, ["a.md", "b.md"])
    # Losses under --strict: 3, for a file and for a folder.
    assert run_here("convert", str(source / "a.md"), "-t", "speckit", "--strict")[0] == 3
    status, _, err = run_here("convert", str(source), "-t", "speckit", "-o", str(tmp_path / "o1"), "--strict")
    assert status == 3
    assert err.count("have no place in speckit") == 2
    assert not (tmp_path / "o1" / "a.md").exists()
    # Bad input (here beside losses): 1, for a file and for a folder.
    (source / "bad.md").write_bytes(b"\xff")
    assert run_here("convert", str(source / "bad.md"), "-t", "speckit")[0] == 1
    assert run_here("convert", str(source), "-t", "speckit", "-o", str(tmp_path / "o2"), "--strict")[0] == 1
    # Usage: 2; ok: 0.
    assert run_here("convert", str(source), "-t", "speckit")[0] == 2
    assert run_here("convert", str(source / "a.md"), "-t", "speckit", "-o", str(tmp_path / "one.md"))[0] == 0

    # Interrupted: 130.
    def interrupted(*_: object, **__: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(_cli, "convert", interrupted)
    assert run_here("convert", str(source / "a.md"), "-t", "speckit")[0] == 130
    assert run_here("convert", str(source), "-t", "speckit", "-o", str(tmp_path / "o3"))[0] == 130


def test_readme_documents_every_exit_code_in_one_table() -> None:
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    rows = [line for line in readme.splitlines() if line.startswith("| exit ")]
    documented = {int(row.split("|")[1].split()[1]): row.split("|")[2].strip() for row in rows}
    assert set(documented) == set(_cli.EXIT_CODES)
    for code, name in _cli.EXIT_CODES.items():
        assert documented[code].startswith(name), (code, documented[code])


def test_rerunning_into_the_same_outdir_is_up_to_date(tmp_path: Path) -> None:
    source, out = tmp_path / "plans", tmp_path / "out"
    plan_tree(source, ["a.md", "team/b.md"])
    assert run_here("convert", str(source), "-t", "speckit", "-o", str(out))[0] == 0
    written = {name: (out / name).stat().st_mtime_ns for name in ("a.md", "team/b.md")}
    status, _, err = run_here("convert", str(source), "-t", "speckit", "-o", str(out))
    assert status == 0, err
    assert err == "plancore: converted 2 of 2 plans (2 up to date)\n"
    assert {name: (out / name).stat().st_mtime_ns for name in written} == written
    # A real conflict is still refused, and only it.
    (out / "a.md").write_text("mine")
    status, _, err = run_here("convert", str(source), "-t", "speckit", "-o", str(out))
    assert status == 1
    assert f"plancore: error: {out}/a.md: already exists (use --force to overwrite)\n" in err
    assert err.splitlines()[-1] == "plancore: converted 1 of 2 plans (1 up to date)"
    assert (out / "a.md").read_text() == "mine"
    # So with one file.
    single = tmp_path / "single.md"
    assert run_here("convert", str(EXAMPLE), "-t", "maestro", "-o", str(single))[0] == 0
    status, out_text, err = run_here("convert", str(EXAMPLE), "-t", "maestro", "-o", str(single), "--report")
    assert status == 0 and f"plancore: {single}: up to date\n" in err
    assert "mapped" in out_text


# --- Files (issue 11; ../shared/cases/reliability/10..13). ---


def test_two_runs_to_one_new_output_never_both_succeed(tmp_path: Path) -> None:
    """Case 10: started together, without --force, one run fails 'already exists'."""
    first, second = tmp_path / "A.md", tmp_path / "B.md"
    first.write_bytes(EXAMPLE.read_bytes())
    second.write_bytes(EXAMPLE.read_bytes() + b"\n## Security Considerations\n\nB only.\n")
    out = tmp_path / "out.md"
    command = [sys.executable, "-m", "plancore", "convert"]
    runs = [
        subprocess.Popen([*command, str(path), "-t", "speckit", "-o", str(out)], stderr=subprocess.PIPE)
        for path in (first, second)
    ]
    results = [(run.wait(timeout=60), run.stderr.read() if run.stderr else b"") for run in runs]
    assert sorted(status for status, _ in results) == [0, 1], results
    winner = next(path for path, (status, _) in zip((first, second), results, strict=True) if status == 0)
    loser_err = next(err for status, err in results if status == 1)
    assert b"already exists" in loser_err
    assert out.read_text() == plancore.convert(winner.read_text(), to="speckit").text
    assert [path.name for path in tmp_path.iterdir() if path.name.endswith(".tmp")] == []


def test_an_output_that_appears_while_writing_is_not_replaced(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Case 10, made certain: another run publishes the output after this one checked for it."""
    out = tmp_path / "out.md"
    tree_out = tmp_path / "tree" / "out.md"
    real_fsync = os.fsync

    def other_run_wins(descriptor: int) -> None:
        real_fsync(descriptor)
        for target in (out, tree_out):
            if target.parent.is_dir() and not target.exists():
                target.write_text("the other run's plan")

    monkeypatch.setattr(os, "fsync", other_run_wins)
    status, _, err = run_here("convert", str(EXAMPLE), "-t", "speckit", "-o", str(out))
    assert status == 1 and err.endswith(f"plancore: error: {out}: already exists (use --force to overwrite)\n")
    assert out.read_text() == "the other run's plan"
    assert [path.name for path in tmp_path.iterdir()] == ["out.md"]
    # A folder run publishes the same way.
    source = tmp_path / "plans"
    plan_tree(source, ["out.md"])
    status, _, err = run_here("convert", str(source), "-t", "smartspec", "-o", str(tmp_path / "tree"))
    assert status == 1 and f"plancore: error: {tree_out}: already exists (use --force to overwrite)\n" in err
    assert tree_out.read_text() == "the other run's plan"
    assert [path.name for path in tree_out.parent.iterdir()] == ["out.md"]


def test_output_ending_with_a_slash_is_a_folder(tmp_path: Path) -> None:
    """Case 11: -o outdir/ writes outdir/plan.md, never a file named outdir."""
    plan = tmp_path / "plan.md"
    plan.write_bytes(EXAMPLE.read_bytes())
    status, _, err = run_here("convert", str(plan), "-t", "speckit", "-o", str(tmp_path / "outdir") + "/")
    assert status == 0, err
    assert (tmp_path / "outdir").is_dir()
    assert plancore.detect((tmp_path / "outdir" / "plan.md").read_text()) == "speckit"
    # An existing folder too; standard input has no name to give the output.
    assert run_here("convert", str(plan), "-t", "maestro", "-o", str(tmp_path / "outdir") + "/", "--force")[0] == 0
    status, _, err = run_here("convert", "-", "-t", "speckit", "-o", str(tmp_path / "other") + "/")
    assert status == 2 and "standard input has no name" in err
    assert not (tmp_path / "other").exists()
    # A file of that name is not a folder.
    (tmp_path / "afile").write_text("x")
    status, _, err = run_here("convert", str(plan), "-t", "speckit", "-o", str(tmp_path / "afile") + "/")
    assert status == 1 and err == f"plancore: error: {tmp_path}/afile: is a file, not a folder\n"


def test_standard_input_file_is_never_overwritten(tmp_path: Path) -> None:
    """Case 12: convert - -o plan.md --force < plan.md refuses."""
    plan = tmp_path / "plan.md"
    plan.write_bytes(EXAMPLE.read_bytes())
    with plan.open("rb") as stdin:
        result = subprocess.run(
            [sys.executable, "-m", "plancore", "convert", "-", "-t", "speckit", "-o", "plan.md", "--force"],
            stdin=stdin,
            capture_output=True,
            cwd=tmp_path,
            timeout=60,
        )
    assert result.returncode == 1
    assert result.stderr == b"plancore: error: plan.md: is the file standard input reads; refusing to overwrite it\n"
    assert plan.read_bytes() == EXAMPLE.read_bytes()
    # Another file is written as usual from the same standard input.
    with plan.open("rb") as stdin:
        other = subprocess.run(
            [sys.executable, "-m", "plancore", "convert", "-", "-t", "speckit", "-o", "other.md"],
            stdin=stdin,
            capture_output=True,
            cwd=tmp_path,
            timeout=60,
        )
    assert other.returncode == 0, other.stderr
    assert plancore.detect((tmp_path / "other.md").read_text()) == "speckit"


@pytest.mark.skipif(_files.fcntl is None, reason="needs file locks (POSIX)")
def test_stale_temporaries_are_swept_and_live_ones_kept(tmp_path: Path) -> None:
    """Case 13: a run killed mid-write leaves .NAME.<hex>.tmp; the next run removes it."""
    import fcntl

    out = tmp_path / "out"
    out.mkdir()
    stale = out / ".plan.md.0123abcd.tmp"
    stale.write_text("half a plan")
    live = out / ".plan.md.89abcdef.tmp"
    unrelated = out / ".other.md.0123abcd.tmp"
    unrelated.write_text("another target's")
    with live.open("w") as handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)  # as a running writer holds it
        status, _, err = run_here("convert", str(EXAMPLE), "-t", "smartspec", "-o", str(out / "plan.md"))
        assert status == 0, err
        assert err == f"plancore: warning: {stale}: removed, left by an interrupted run\n"
        assert not stale.exists() and live.exists() and unrelated.exists()
    assert {path.name for path in out.iterdir()} == {"plan.md", live.name, unrelated.name}


def test_stale_temporaries_are_reported_where_they_cannot_be_told_from_live_ones(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(_files, "fcntl", None)
    stale = tmp_path / ".plan.md.0123abcd.tmp"
    stale.write_text("half a plan")
    status, _, err = run_here("convert", str(EXAMPLE), "-t", "smartspec", "-o", str(tmp_path / "plan.md"))
    assert status == 0
    assert err == (f"plancore: warning: {stale}: left by an interrupted run? remove it if no plancore is running\n")
    assert stale.exists()


@pytest.mark.parametrize(
    "args",
    [
        ["convert", "plan.md", "--to", "speckit", "-o", "out/", "--force", "-q"],
        ["convert", "-", "-t", "aadt", "--report-format", "json", "--strict"],
        ["detect", "a.md", "b.md", "--explain"],
        ["check", "plans/", "--format", "kiro", "--json"],
        ["migrate", "repo", "--to", "openspec", "--dry-run", "-j", "2"],
        ["new", "maestro"],
        ["formats"],
        ["schema"],
    ],
)
def test_the_parser_of_one_command_parses_as_the_whole_parser(args: list[str]) -> None:
    # The command makes only the parser of the command it is given (issue 16, P2): the same line
    # parsed, the same help.
    whole, only = _cli._parser(), _cli._parser(args[0])
    assert only.parse_args(args) == whole.parse_args(args)
    helps = []
    for parser in (whole, only):
        with contextlib.redirect_stdout(io.StringIO()) as shown, pytest.raises(SystemExit):
            parser.parse_args([args[0], "--help"])
        helps.append(shown.getvalue())
    assert helps[0] == helps[1] and f"usage: plancore {args[0]}" in helps[0]


def test_the_command_ends_as_python_would(tmp_path: Path) -> None:
    # The command ends without Python freeing every object (issue 16, P2): a long output through a
    # pipe still arrives whole, the exit status is the command's, the exit functions ran.
    tasks = [[plancore.Task(text=f"Task {n}.{k}: " + "do the work " * 8) for k in range(10)] for n in range(120)]
    plan = plancore.Plan(
        summary="Why.", phases=tuple(plancore.Phase(name=f"Step {n}", tasks=tuple(tasks[n])) for n in range(120))
    )
    source = tmp_path / "plan.md"
    source.write_text(plancore.emit(plan, "maestro"), encoding="utf-8")
    env = {**os.environ, "PLANCORE_CACHE_DIR": str(tmp_path / "cache")}
    command = [sys.executable, "-m", "plancore", "convert", str(source), "--to", "specpulse", "-q"]
    done = subprocess.run(command, capture_output=True, env=env, timeout=60)
    assert done.returncode == 0, done.stderr
    expected = plancore.convert(source.read_text(encoding="utf-8"), "specpulse", source="maestro").text
    assert len(done.stdout) > 130_000 and done.stdout.decode() == expected
    assert len(list((tmp_path / "cache").glob("compiled-*.bin"))) == 1  # written by an exit function
    strict_command = [sys.executable, "-m", "plancore", "convert", str(EXAMPLE), "--to", "speckit", "--strict"]
    strict = subprocess.run(strict_command, capture_output=True, env=env, timeout=60)
    assert strict.returncode == 3 and strict.stdout == b"" and b"error" in strict.stderr


def test_a_translated_plans_template_words_are_told_as_replaced_not_carried(tmp_path: Path) -> None:
    # Its Chinese headings and labels that maestro writes its own way are no loss of the author's words:
    # one warning names them; nothing is said to be kept in an appendix, and the report counts them.
    plan = tmp_path / "plan.md"
    plan.write_text(
        "# 实现计划：X\n\n**分支**：`001-x` | **日期**：2026-03-02 | **规范**：[spec.md](./spec.md)\n\n"
        "## 摘要\n\nSync.\n\n## 项目结构\n\n### 源代码（仓库根目录）\n\n```text\nsrc/\n```\n",
        encoding="utf-8",
    )
    status, out, err = run_here("convert", str(plan), "-t", "maestro")
    assert status == 0, err
    assert "Appendix" not in out and "kept in the appendix" not in err
    assert err == (
        f"plancore: warning: {plan}: the template's headings and labels in translation, replaced by maestro's own: "
        "项目结构, 源代码（仓库根目录）, 实现计划：, 分支, 日期, 规范\n"
    )
    status, out, err = run_here("convert", str(plan), "-t", "maestro", "--report")
    # Two headings, the title's prefix, three labels and their three full-width colons.
    assert status == 0
    assert " 0 appendix, 9 replaced, " in err.splitlines()[-1]


def test_a_folder_converted_to_one_file_warns_as_a_file_does(tmp_path: Path) -> None:
    # A Kiro folder of two prioritized tasks: maestro's phases have no priority, so both are carried.
    spec = tmp_path / ".kiro" / "specs" / "login"
    spec.mkdir(parents=True)
    (spec / "requirements.md").write_text(
        "# Requirements Document\n\n## Introduction\n\nSign in.\n\n## Requirements\n\n"
        "### Requirement 1\n\n**User Story:** As a user, I want to sign in, so that I see my plans\n\n"
        "#### Acceptance Criteria\n\n1. WHEN the password is right THEN the system SHALL sign the user in\n"
    )
    (spec / "design.md").write_text("# Design Document\n\n## Overview\n\nA form.\n")
    (spec / "tasks.md").write_text(
        "# Implementation Tasks\n\n## Task 1: Form\n\n**Priority:** High\n\n- [ ] Draw the form\n\n"
        "## Task 2: Check\n\n**Priority:** Low\n\n- [ ] Check the password\n"
    )
    output = tmp_path / "plan.md"
    status, _, err = run_here("convert", str(spec), "-t", "maestro", "-o", str(output))
    assert status == 0 and output.is_file()
    # Each priority told by the file and the task heading it stands under, not by the plan's field.
    for heading in ("Task 1: Form", "Task 2: Check"):
        told = f'{spec}/tasks.md: section "{heading}": 1 field not in its place in maestro, kept in the appendix\n'
        assert f"plancore: warning: {told}" in err
    assert f"{spec}: 2 fields of 2 sections kept in the appendix (--report lists them by field" in err
    assert run_here("convert", str(spec), "-t", "maestro", "-o", str(output), "--force", "-q")[2] == ""


def test_a_folder_converted_file_by_file_warns_of_each_files_losses_as_one_file_does(tmp_path: Path) -> None:
    # A new-user trial: `convert DIR -o OUT -j 1` said nothing of what each plan carried into its appendix.
    source = tmp_path / "in"
    source.mkdir()
    plans = {
        "a.md": "# Implementation Plan: A\n\n"
        "**Branch**: `001-a` | **Date**: 2026-01-02 | **Spec**: [spec.md](./spec.md)"
        "\n\n## Summary\n\nAdd A.\n",
        # Nothing lost: no line for it.
        "b.md": "# Implementation Plan: B\n\n## Executive Summary\n\nAdd B.\n",
    }
    alone = []
    for name, text in plans.items():
        (source / name).write_text(text, encoding="utf-8")
        status, _, err = run_here("convert", str(source / name), "-t", "speckit", "-o", str(tmp_path / f"alone-{name}"))
        assert status == 0
        alone += err.splitlines()
    assert alone and all(f"{source / 'a.md'}: " in line for line in alone)
    status, _, err = run_here("convert", str(source), "-t", "speckit", "-o", str(tmp_path / "out"), "-j", "1")
    assert status == 0
    assert err.splitlines() == [*alone, "plancore: converted 2 of 2 plans"]
    status, _, err = run_here("convert", str(source), "-t", "speckit", "-o", str(tmp_path / "quiet"), "-q")
    assert err.splitlines() == ["plancore: converted 2 of 2 plans"]
