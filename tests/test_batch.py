"""Folder conversion on every core (issue 15, Batch): the same output as one process, Ctrl-C, resuming."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from test_cli import EXAMPLE, run_here

import plancore
from plancore import _batch


def mixed_tree(root: Path, copies: int, *, extras: bool = True) -> None:
    """``copies`` plans in every format in nested folders; ``extras``: a README (no plan) and a bad file."""
    text = EXAMPLE.read_text(encoding="utf-8")
    variants = [text] + [plancore.convert(text, name).text for name in plancore.formats() if name != "smartspec"]
    for number in range(copies):
        for index, variant in enumerate(variants):
            path = root / f"team{number % 3}" / f"feature-{number:03d}" / f"plan-{index}.md"
            path.parent.mkdir(parents=True, exist_ok=True)
            # Each copy its own words, so that a file written to the wrong name would show.
            path.write_text(variant.replace("Password", f"Password{number}"), encoding="utf-8")
    if not extras:
        return
    (root / "README.md").write_text("# Our plans\n\nThey live here.\n", encoding="utf-8")
    (root / "team1" / "broken.md").write_bytes(b"\xff\xfe not UTF-8")


def tree_bytes(root: Path) -> dict[str, bytes]:
    return {path.relative_to(root).as_posix(): path.read_bytes() for path in sorted(root.rglob("*")) if path.is_file()}


def test_parallel_output_is_the_serial_output_byte_for_byte(tmp_path: Path) -> None:
    source = tmp_path / "plans"
    mixed_tree(source, copies=4)
    runs = {}
    for jobs in ("1", "2"):
        out = tmp_path / f"out-{jobs}"
        runs[jobs] = run_here("convert", str(source), "-t", "speckit", "-o", str(out), "-j", jobs, "--report")
    serial, parallel = tree_bytes(tmp_path / "out-1"), tree_bytes(tmp_path / "out-2")
    assert len(serial) == 4 * len(plancore.formats())
    assert parallel == serial
    # The same status, report and messages, in the same order.
    assert runs["2"] == runs["1"]
    status, report, err = runs["1"]
    assert status == 1  # the broken file
    assert report.count(" -> speckit") == len(serial)
    lines = err.splitlines()
    assert lines[0] == f"plancore: {source}/README.md: not a plan (no format fits); skipped"
    assert "broken.md:1: not valid UTF-8" in lines[1]
    assert lines[-1] == f"plancore: converted {len(serial)} of {len(serial) + 1} plans; skipped 1 not a plan"


def test_run_batch_hands_results_on_in_input_order() -> None:
    seen: list[int] = []
    items = list(range(-50, 50))
    _batch.run_batch(abs, items, seen.append, jobs=2)
    assert seen == [abs(item) for item in items]
    seen.clear()
    _batch.run_batch(abs, items, seen.append, jobs=1)
    assert seen == [abs(item) for item in items]


def test_ctrl_c_in_a_serial_run_leaves_no_partial_file_and_skip_existing_resumes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source, out = tmp_path / "plans", tmp_path / "out"
    mixed_tree(source, copies=1, extras=False)
    total = len(plancore.formats())
    real_fsync = os.fsync
    calls = []

    def fsync(descriptor: int) -> None:
        calls.append(descriptor)
        # Each file is synced, then its folder: the fifth call is the third file's data, half written.
        if len(calls) == 5:
            raise KeyboardInterrupt
        real_fsync(descriptor)

    monkeypatch.setattr(os, "fsync", fsync)
    status, _, err = run_here("convert", str(source), "-t", "maestro", "-o", str(out), "-j", "1")
    monkeypatch.setattr(os, "fsync", real_fsync)
    assert status == 130
    assert err.splitlines()[-1] == (f"plancore: interrupted after 2 of {total} files; no file was left half written")
    assert not [path for path in out.rglob("*") if path.name.endswith(".tmp")]
    written = tree_bytes(out)
    assert len(written) == 2
    # Resuming converts only the rest; the result is a whole run's.
    # -q: the files' loss warnings (test_cli) are not what this checks.
    status, _, err = run_here("convert", str(source), "-t", "maestro", "-o", str(out), "--skip-existing", "-q")
    assert status == 0, err
    assert err == (
        f"plancore: converted {total - 2} of {total} plans; left 2 existing outputs unread (--skip-existing)\n"
    )
    assert run_here("convert", str(source), "-t", "maestro", "-o", str(tmp_path / "whole"), "-j", "1")[0] == 0
    assert tree_bytes(out) == tree_bytes(tmp_path / "whole")


def test_ctrl_c_in_a_parallel_run_counts_what_was_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source, out, whole = tmp_path / "plans", tmp_path / "out", tmp_path / "whole"
    mixed_tree(source, copies=6, extras=False)
    total = 6 * len(plancore.formats())
    assert run_here("convert", str(source), "-t", "aadt", "-o", str(whole), "-j", "1")[0] == 0
    advance = _batch.Progress.advance
    handed: list[object] = []

    def interrupted(self: _batch.Progress, _: object = None) -> None:
        handed.append(None)
        if len(handed) == 3:
            raise KeyboardInterrupt  # as Ctrl-C reaches the parent while it counts the third file
        advance(self)

    monkeypatch.setattr(_batch.Progress, "advance", interrupted)
    status, _, err = run_here("convert", str(source), "-t", "aadt", "-o", str(out), "-j", "2")
    assert status == 130
    written = tree_bytes(out)
    assert 3 <= len(written) < total
    assert err.splitlines()[-1] == (
        f"plancore: interrupted after {len(written)} of {total} files; no file was left half written"
    )
    # Every file there is whole: the one a serial run writes.
    assert all(whole_text == tree_bytes(whole)[name] for name, whole_text in written.items())
    monkeypatch.setattr(_batch.Progress, "advance", advance)
    status, _, err = run_here("convert", str(source), "-t", "aadt", "-o", str(out), "--skip-existing", "-j", "2")
    assert status == 0, err
    assert tree_bytes(out) == tree_bytes(whole)


@pytest.mark.parametrize(
    ("flags", "message"),
    [
        (["-j", "0"], "not a number of processes: '0'"),
        (["--jobs", "many"], "not a number of processes: 'many'"),
        (["--force", "--skip-existing"], "--force and --skip-existing contradict each other"),
    ],
)
def test_bad_batch_flags_are_usage_errors(tmp_path: Path, flags: list[str], message: str) -> None:
    source = tmp_path / "plans"
    source.mkdir()
    (source / "a.md").write_bytes(EXAMPLE.read_bytes())
    status, _, err = run_here("convert", str(source), "-t", "speckit", "-o", str(tmp_path / "out"), *flags)
    assert status == 2 and message in err
    assert not (tmp_path / "out").exists()


def test_a_folder_run_sweeps_what_a_killed_run_left(tmp_path: Path) -> None:
    source, out = tmp_path / "plans", tmp_path / "out"
    mixed_tree(source, copies=1, extras=False)
    folder = out / "team0" / "feature-000"
    folder.mkdir(parents=True)
    stale = folder / ".plan-0.md.0123abcd.tmp"
    stale.write_text("half a plan")
    mine = folder / ".notes.md.0123abcd.tmp"  # no output of this run: not ours to touch
    mine.write_text("someone's")
    # -q silences the files' loss warnings (test_cli), not this one.
    status, _, err = run_here("convert", str(source), "-t", "speckit", "-o", str(out), "-j", "2", "-q")
    assert status == 0, err
    assert err.splitlines()[0] == f"plancore: warning: {stale}: removed, left by an interrupted run"
    assert err.count("warning:") == 1
    assert not stale.exists() and mine.exists()


def test_ctrl_c_while_waiting_for_a_chunk_counts_it_once_it_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from concurrent.futures import Future

    source, out = tmp_path / "plans", tmp_path / "out"
    mixed_tree(source, copies=6, extras=False)
    result = Future.result
    waits: list[object] = []

    def interrupted(self: Future[object], timeout: float | None = None) -> object:
        waits.append(self)
        if len(waits) == 2:
            raise KeyboardInterrupt  # Ctrl-C while the parent waits for the second chunk
        return result(self, timeout)

    monkeypatch.setattr(Future, "result", interrupted)
    status, _, err = run_here("convert", str(source), "-t", "maestro", "-o", str(out), "-j", "2")
    assert status == 130
    written = tree_bytes(out)
    # The chunk waited for was written by its worker all the same: it is counted.
    assert err.splitlines()[-1].startswith(f"plancore: interrupted after {len(written)} of ")
    assert len(written) > 2 and not [path for path in out.rglob("*") if path.name.endswith(".tmp")]


def test_without_a_process_pool_one_process_does_it_all(monkeypatch: pytest.MonkeyPatch) -> None:
    import concurrent.futures

    tried: list[object] = []

    def no_pool(*_: object, **__: object) -> None:
        tried.append(None)
        raise OSError(38, "Function not implemented")  # as where /dev/shm is missing

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", no_pool)
    seen: list[int] = []
    _batch.run_batch(abs, list(range(-5, 5)), seen.append, jobs=2)
    assert seen == [abs(item) for item in range(-5, 5)]
    assert tried  # a pool was asked for, and could not be had
