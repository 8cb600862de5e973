"""The command line, run as ``python -m plancore`` in a child process."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import plancore

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
