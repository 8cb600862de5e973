"""Start-up of a one-file conversion on the command line, against Python's own.

Times whole processes, interleaved: ``python -c "import mistune, jinja2"``
(the bare start-up of what plancore is built on) and ``plancore convert
examples/smartspec-plan.md --to speckit`` (output to a file), each run
``--runs`` times. The ratio of their shortest (and of their median) times is
printed; the goal (issue 16, P2) is a ratio of at most 1.5. One conversion runs
first so that the writer templates are compiled into the cache on disk, as
after plancore's first use on a machine (a cache of the benchmark's own unless
``PLANCORE_CACHE_DIR`` names one). plancore's modules are compiled to
bytecode first, as pip does when it installs a wheel (and as mistune and jinja2
were when they were installed): without that, under ``PYTHONDONTWRITEBYTECODE``
or in a tree Python may not write to, every run would compile plancore's source
afresh, which no installed plancore does.

Run: ``python benchmarks/bench_cli.py [--runs N] [--to FORMAT]``.
"""

from __future__ import annotations

import argparse
import compileall
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "smartspec-plan.md"
GOAL = 1.5


def _command() -> list[str]:
    """The ``plancore`` console script beside this Python, else ``python -m plancore``."""
    script = Path(sys.executable).parent / "plancore"
    return [str(script)] if script.exists() else [sys.executable, "-m", "plancore"]


def _timed(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """The wall time of a process running ``command``, and the CPU time it took
    (user + system: what wall time is on an idle machine, for a process that
    waits on nothing)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def _compile_package() -> None:
    """Byte-compile the plancore package the command imports (where pip would have)."""
    found = subprocess.run(
        [sys.executable, "-c", "import os, plancore; print(os.path.dirname(plancore.__file__))"],
        check=True,
        capture_output=True,
        text=True,
    )
    compileall.compile_dir(found.stdout.strip(), quiet=1)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=20, help="processes of each kind (default 20)")
    parser.add_argument("--to", default="speckit", help="target format (default speckit)")
    args = parser.parse_args(argv)
    folder = Path(tempfile.mkdtemp())
    try:
        output = folder / "plan.md"
        bare = [sys.executable, "-c", "import mistune, jinja2"]
        convert = [*_command(), "convert", str(EXAMPLE), "--to", args.to, "-o", str(output), "--force"]
        # A cache of this run's own (unless one is chosen): another plancore (another
        # checkout, another version) sharing ~/.cache/plancore would replace what
        # this one keeps there, and the runs timed would derive it afresh.
        env = {**os.environ}
        env.setdefault("PLANCORE_CACHE_DIR", str(folder / "cache"))
        _compile_package()
        _timed(convert, env)  # templates compiled into the cache, files in the page cache
        _timed(bare, env)
        bare_runs, convert_runs = [], []
        for _ in range(args.runs):
            bare_runs.append(_timed(bare, env))
            convert_runs.append(_timed(convert, env))
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    bare_times, convert_times = [wall for wall, _ in bare_runs], [wall for wall, _ in convert_runs]
    best = min(convert_times) / min(bare_times)
    typical = statistics.median(convert_times) / statistics.median(bare_times)
    cpu = statistics.median(c for _, c in convert_runs) / statistics.median(c for _, c in bare_runs)
    print(
        f"python -c 'import mistune, jinja2': min {min(bare_times) * 1000:.0f} ms, median "
        f"{statistics.median(bare_times) * 1000:.0f} ms"
    )
    print(
        f"plancore convert {EXAMPLE.name} --to {args.to}: min {min(convert_times) * 1000:.0f} ms, median "
        f"{statistics.median(convert_times) * 1000:.0f} ms"
    )
    print(f"P2: {best:.2f}x (shortest), {typical:.2f}x (median) the bare start-up (goal <= {GOAL:g}x);")
    print(f"    CPU time (user + system, median): {cpu:.2f}x")
    return 0 if best <= GOAL else 1


if __name__ == "__main__":
    sys.exit(main())
