"""The command line, run as ``python -m plancore`` in a child process."""

from __future__ import annotations

import contextlib
import io
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

import plancore
from plancore._cli import main, write_atomically

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
    assert [line.split()[0] for line in listed] == list(plancore.formats())
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
    assert "a.md already exists (use --force to overwrite)" in err
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
    assert frames[0].startswith("plancore: [------------------------] 0/4 ")
    assert "plancore: [######------------------] 1/4 " in err
    assert any(frame.startswith("plancore: [########################] 4/4") for frame in frames)
    # The bar is wiped before the summary, which stands on its own line.
    assert err.endswith("\rplancore: converted 4 of 4 plans\n")
    piped = run("convert", str(source), "--to", "smartspec", "-o", str(tmp_path / "b"))
    assert piped.returncode == 0
    assert b"\r" not in piped.stderr and b"#" not in piped.stderr
    assert piped.stderr == b"plancore: converted 4 of 4 plans\n"


def test_output_errors_are_one_line(tmp_path: Path) -> None:
    folder = tmp_path / "existing"
    folder.mkdir()
    status, _, err = run_here("convert", str(EXAMPLE), "--to", "smartspec", "-o", str(folder), "--force")
    assert status == 1 and err == f"plancore: error: {folder}: is a folder; give a file name for the output\n"
    missing = tmp_path / "no" / "such" / "out.md"
    status, _, err = run_here("convert", str(EXAMPLE), "--to", "smartspec", "-o", str(missing))
    assert status == 1 and err == f"plancore: error: {missing}: cannot write: No such file or directory\n"
    assert not (tmp_path / "no").exists()


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
