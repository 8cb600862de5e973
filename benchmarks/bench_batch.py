"""A folder of many plans converted on one core against every core (issue 16, P3; issue 15, Batch).

Lays out a tree of ``--plans`` plan files (default 10,000) in a temporary
folder: the bundled example and its conversion to every other format, each
copy with words of its own, 20 to a feature folder. Then times whole
``plancore convert TREE --to FORMAT -o OUT`` processes, ``--jobs 1`` against
``--jobs N`` (default: every core), checks that both wrote the same tree byte
for byte, and prints the ratio of their wall times (the goal is at least 1.8
on two cores). The peak memory of a serial run over a tenth of the tree and
over the whole of it is printed too: it should not grow with the number of
files. When pandoc is found (``--pandoc PATH``, else ``pandoc`` on PATH; the
``pypandoc-binary`` wheel ships one), it is run file by file
(``pandoc -f gfm -t gfm``) over a sample of the tree, and plancore's parallel
throughput is printed as a multiple of pandoc's (issue 16, P3: at least 3x).

Run: ``python benchmarks/bench_batch.py [--plans N] [--jobs N] [--to FORMAT] [--pandoc PATH]``
(``--plans 1000`` for a quick run).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "smartspec-plan.md"
GOAL = 1.8
PANDOC_GOAL = 3.0
PANDOC_SAMPLE = 200


def _tree(folder: Path, count: int) -> None:
    """``count`` plans under ``folder``, in every format, 20 to a feature folder."""
    import plancore

    text = EXAMPLE.read_text(encoding="utf-8")
    variants = [text] + [plancore.convert(text, name).text for name in plancore.formats() if name != "smartspec"]
    for number in range(count):
        path = folder / f"team-{number // 1000:02d}" / f"feature-{number // 20:04d}" / f"plan-{number % 20:02d}.md"
        if number % 20 == 0:
            path.parent.mkdir(parents=True)
        variant = variants[number % len(variants)]
        path.write_text(variant.replace("Password", f"Password {number}"), encoding="utf-8")


def _command() -> list[str]:
    script = Path(sys.executable).parent / "plancore"
    return [str(script)] if script.exists() else [sys.executable, "-m", "plancore"]


def _run(tree: Path, out: Path, to: str, jobs: int) -> tuple[float, float, int]:
    """The wall time of one folder conversion in a process of its own, the CPU time
    (user + system) of it and its workers, and the peak memory (KiB) of the
    largest process run so far (``ru_maxrss`` of the children)."""
    command = [*_command(), "convert", str(tree), "--to", to, "-o", str(out), "--jobs", str(jobs)]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, after.ru_maxrss


def _pandoc_rate(pandoc: str, tree: Path, out: Path) -> float:
    """Plans a second for ``pandoc -f gfm -t gfm``, one process per file, over
    the first ``PANDOC_SAMPLE`` plans of ``tree`` (one file at a time, as a
    script converting a folder with pandoc does)."""
    sample = sorted(tree.rglob("*.md"))[:PANDOC_SAMPLE]
    out.mkdir()
    start = time.perf_counter()
    for number, path in enumerate(sample):
        target = out / f"{number}.md"
        subprocess.run([pandoc, "-f", "gfm", "-t", "gfm", str(path), "-o", str(target)], check=True)
    return len(sample) / (time.perf_counter() - start)


def _digest(folder: Path) -> tuple[int, str]:
    """How many files are under ``folder``, and one hash of all their names and bytes."""
    total = hashlib.sha256()
    count = 0
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            count += 1
            total.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return count, total.hexdigest()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--plans", type=int, default=10_000, help="plans in the tree (default 10,000)")
    parser.add_argument("--jobs", type=int, default=len(os.sched_getaffinity(0)), help="processes (default: cores)")
    parser.add_argument("--to", default="speckit", help="target format (default speckit)")
    parser.add_argument("--pandoc", default=shutil.which("pandoc"), help="pandoc to compare with (default: on PATH)")
    args = parser.parse_args(argv)
    folder = Path(tempfile.mkdtemp(prefix="plancore-bench-batch-"))
    try:
        small, tree = folder / "small", folder / "tree"
        _tree(small, max(1, args.plans // 10))
        _tree(tree, args.plans)
        # Warm: templates compiled into the cache on disk, the files in the page cache.
        _run(small, folder / "warm", args.to, 1)
        _, _, small_peak = _run(small, folder / "small-out", args.to, 1)
        load = os.getloadavg()[0]
        serial, serial_cpu, serial_peak = _run(tree, folder / "serial", args.to, 1)
        parallel, parallel_cpu, _ = _run(tree, folder / "parallel", args.to, args.jobs)
        written, digest = _digest(folder / "serial")
        same = (written, digest) == _digest(folder / "parallel")
        ratio = serial / parallel
        print(f"plans: {args.plans} ({args.to}), cores: {len(os.sched_getaffinity(0))}, jobs: {args.jobs}")
        print(f"load average before the runs: {load:.2f} (other work on the machine slows the parallel run most)")
        print(f"serial   {serial:8.2f} s wall  {serial_cpu:8.2f} s CPU  {args.plans / serial:7.1f} plans/s")
        print(f"parallel {parallel:8.2f} s wall  {parallel_cpu:8.2f} s CPU  {args.plans / parallel:7.1f} plans/s")
        print(f"ratio    {ratio:8.2f}x wall  (goal >= {GOAL}x: {'met' if ratio >= GOAL else 'NOT met'})")
        # With the cores to itself, the parallel run can be at most ``jobs`` times
        # faster, less the work the pool adds (CPU time beyond the serial run's).
        print(f"CPU time parallel/serial {parallel_cpu / serial_cpu:.3f} (the pool's overhead)")
        print(f"outputs  {written} files, parallel identical to serial: {same}")
        print(
            f"peak memory of a serial run: {small_peak / 1024:.1f} MiB for {max(1, args.plans // 10)} plans, "
            f"{serial_peak / 1024:.1f} MiB for {args.plans}"
        )
        if args.pandoc:
            rate = _pandoc_rate(args.pandoc, tree, folder / "pandoc")
            times = (args.plans / parallel) / rate
            verdict = "met" if times >= PANDOC_GOAL else "NOT met"
            print(f"pandoc   {rate:8.1f} plans/s file by file ({PANDOC_SAMPLE} plans)")
            print(f"plancore parallel / pandoc {times:.2f}x throughput (goal >= {PANDOC_GOAL}x: {verdict})")
        else:
            print("pandoc   not found (--pandoc PATH; the pypandoc-binary wheel ships one): not compared")
        return 0 if same else 1
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
