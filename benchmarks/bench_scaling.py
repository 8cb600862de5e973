"""How the cost of reading and converting a plan grows with its size.

For each shape that has made Markdown parsers blow up (long runs of ``*``,
``_``, ``[``, ``<`` and backticks, nested emphasis, rows full of pipes, deep
lists and block quotes, headings and rules with long runs), for plans that
made plancore's own reading blow up (a section ending in many rules) and for a
plain long plan, the shape is put into a plan at size n and at 10n, and detect
+ parse (by every format's reader) + convert is timed on both in this one
process. Edit shapes (``edit-*``) time parse, one edit and emit instead. Linear
cost gives a ratio of about 10 (less where fixed costs still show); a ratio
above ``LIMIT`` is flagged and makes the exit status 1.

Then the peak memory (``tracemalloc``) of converting a plan of ``--memory-mb``
megabytes is measured against the plan's size; above ``MEMORY_LIMIT`` times
is flagged too.

Run: ``python benchmarks/bench_scaling.py [--size N] [--shape NAME ...] [--memory-mb M]``.
"""

from __future__ import annotations

import argparse
import functools
import gc
import sys
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import attrs
import bench_parse_emit
from bench_parse_emit import best_of

import plancore
from plancore._format import forget_texts

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "smartspec-plan.md"
LIMIT = 10.5
MEMORY_LIMIT = 10.0
TARGET = "speckit"


def _in_summary(body: str) -> str:
    """The example SmartSpec plan with ``body`` as its executive summary."""
    text = EXAMPLE.read_text(encoding="utf-8")
    start = text.index("## Executive Summary\n\n") + len("## Executive Summary\n\n")
    end = text.index("\n## ", start)
    return text[:start] + body + "\n" + text[end:]


def _staircase(step: str, depth: int, n: int) -> str:
    """Blocks of lines nested one deeper each (``step`` repeated), up to ``depth``, to about ``n`` characters."""
    block = "\n".join(step * level + "item" for level in range(1, depth + 1)) + "\n\n"
    return block * max(1, n // len(block))


def _long_plan(n: int) -> str:
    """A plain plan: the example with about ``n`` characters of ordinary sections after it."""
    section = (
        "\n## Appendix {index}\n\n"
        "The service sends a reset link that expires after one hour; tokens are *hashed* at rest.\n\n"
        "- [ ] Write the `TokenStore` migration\n- [x] Review the [design](docs/design.md)\n\n"
        "| Step | Owner |\n|---|---|\n| Deploy | Ops |\n"
    )
    count = max(1, n // len(section.format(index=0)))
    return EXAMPLE.read_text(encoding="utf-8") + "".join(section.format(index=index) for index in range(count))


# Phase headings are read by every format's reader (see ``_work``).
_PHASES = "## Implementation Phases\n\n### Phase 1: "


def _phases(n: int) -> str:
    """A SpecPulse plan of phases alike but for their numbers, about ``n`` characters."""
    phase = (
        "### Phase {index}: Work item {index} [Priority: HIGH]\n\n**Duration**: 2 days\n\n"
        "#### Tasks\n1. [ ] Task a {index}\n2. [x] Task b {index}\n\n"
    )
    count = max(1, n // len(phase.format(index=0)))
    phases = "".join(phase.format(index=index) for index in range(count))
    return "<!-- FEATURE_ID: 001 -->\n# Implementation Plan: X\n\n## Implementation Phases\n\n" + phases


def _unknown_sections(n: int) -> str:
    """The example SmartSpec plan and about ``n`` characters of sections no format maps, alike but for numbers."""
    section = "\n## Notes {index}\n\nA remark on part {index} of the work.\n"
    count = max(1, n // len(section.format(index=0)))
    return EXAMPLE.read_text(encoding="utf-8") + "".join(section.format(index=index) for index in range(count))


def _trailing_rules(n: int) -> str:
    """An aadt plan whose overview ends in about ``n`` characters of thematic breaks."""
    return (
        "# Implementation Plan: X\n\n**Issue:** A-1\n\n## Overview\n\nText.\n\n"
        + "---\n" * (n // 4)
        + ("\n## Notes\n\nEnd.\n")
    )


def _tick_last_phase(text: str) -> None:
    """Parse, tick the first task of the last phase, emit (issue 11: 63 s at 300 phases)."""
    plan = plancore.parse(text, "specpulse")
    phase = plan.phases[-1]
    ticked = attrs.evolve(phase, tasks=(attrs.evolve(phase.tasks[0], done=True), *phase.tasks[1:]))
    plancore.emit(attrs.evolve(plan, phases=(*plan.phases[:-1], ticked)), "specpulse")


def _retitle(text: str) -> None:
    """Parse, change the title, emit."""
    plan = plancore.parse(text, "smartspec")
    plancore.emit(attrs.evolve(plan, metadata=attrs.evolve(plan.metadata, title="Another Title")), "smartspec")


# Shape name -> the plan holding that shape at about ``n`` characters.
SHAPES: dict[str, Callable[[int], str]] = {
    "stars": lambda n: _in_summary("*" * n),
    "stars-in-words": lambda n: _in_summary("a*" * (n // 2)),
    "underscores": lambda n: _in_summary("_" * n),
    "underscores-in-words": lambda n: _in_summary("a_" * (n // 2)),
    "brackets": lambda n: _in_summary("[" * n),
    "open-links": lambda n: _in_summary("[a](" * (n // 4)),
    "angles": lambda n: _in_summary("<" * n),
    "open-tags": lambda n: _in_summary("<a " * (n // 3)),
    "backticks": lambda n: _in_summary("`" * n),
    "code-spans": lambda n: _in_summary("`a" * (n // 2)),
    "nested-emphasis": lambda n: _in_summary("*a _b " * (n // 12) + "c" + "_ *" * (n // 12)),
    "pipe-row": lambda n: _in_summary("| a | b |\n|---|---|\n" + "|" * n),
    "pipe-table": lambda n: _in_summary("| a | b |\n|---|---|\n" + ("| x " * 20 + "|\n") * (n // 81)),
    "deep-list": lambda n: _in_summary("- " * (n // 2) + "x"),
    "deep-list-lines": lambda n: _in_summary(_staircase("  ", 60, n).replace("item", "- item")),
    "deep-quote": lambda n: _in_summary("> " * (n // 2) + "x"),
    "deep-quote-lines": lambda n: _in_summary(_staircase(">", 60, n)),
    "heading-blanks": lambda n: _in_summary("Text.\n\n### a" + " " * n + "b"),
    "rule-like": lambda n: _in_summary("- " * (n // 4) + "x\n\n" + "-" * (n // 2) + "x"),
    "label-like": lambda n: _in_summary("**" * (n // 2) + ":"),
    "phase-priorities": lambda n: _in_summary(_PHASES + "a " + "[Priority: b] " * (n // 14) + "x"),
    "phase-priority-close": lambda n: _in_summary(_PHASES + "a [Priority: b" + "] " * (n // 2) + "x"),
    "phase-blanks": lambda n: _in_summary(_PHASES + "a" + " " * n + "b (x) ✅"),
    "plain-long-plan": _long_plan,
    "trailing-rules": _trailing_rules,
    "edit-tick-phases": _phases,
    "edit-title-unknown-sections": _unknown_sections,
}

# Shape name -> what is timed on its plan, where that is not ``_work``.
WORK: dict[str, Callable[[str], None]] = {
    "edit-tick-phases": _tick_last_phase,
    "edit-title-unknown-sections": _retitle,
}


def _work(text: str) -> None:
    plancore.detect(text)
    for name in plancore.formats():
        plancore.parse(text, name)
    plancore.convert(text, TARGET)


def peak_memory(megabytes: int) -> tuple[int, int]:
    """``(size, peak)`` in bytes: a SmartSpec plan of about ``megabytes`` MB
    (a summary of ordinary paragraphs), and the peak memory Python allocates
    converting it to ``TARGET``, the text itself included."""
    paragraph = "The service sends a reset link that expires after one hour; tokens are hashed at rest.\n"
    count = megabytes * 1_000_000 // (8 * len(paragraph) + 1)
    body = "\n".join(paragraph * 8 for _ in range(count))
    gc.collect()
    tracemalloc.start()
    try:
        text = _in_summary(body)
        del body
        plancore.convert(text, TARGET)
        size = len(text.encode())
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return size, peak


def _side_by_side(at_n: Callable[[], object], at_10n: Callable[[], object], rounds: int) -> tuple[float, float]:
    """The least time of ``rounds`` runs of each of ``at_n`` and ``at_10n``, run by turns (each reading its texts
    afresh): a shared machine slows for seconds at a time, which, had every run at n come before every run at
    10n, would land on one size's runs only."""
    least = [float("inf"), float("inf")]
    for _ in range(rounds):
        for at, function in enumerate((at_n, at_10n)):
            forget_texts()
            start = bench_parse_emit.CLOCK()
            function()
            least[at] = min(least[at], bench_parse_emit.CLOCK() - start)
    return least[0], least[1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=20_000, help="n, in characters of the shape (default 20000)")
    parser.add_argument("--shape", action="append", choices=list(SHAPES), help="only these shapes (repeatable)")
    parser.add_argument("--rounds", type=int, default=3, help="least of this many runs at n and at 10n (default 3)")
    parser.add_argument(
        "--memory-mb", type=int, default=20, help="size of the plan whose peak memory is measured (default 20; 0: none)"
    )
    args = parser.parse_args(argv)
    n = args.size
    _work(EXAMPLE.read_text(encoding="utf-8"))  # warm caches (templates, blank plans)
    base = best_of(lambda: _work(EXAMPLE.read_text(encoding="utf-8")), args.rounds)
    print(f"detect + parse (every format) + convert to {TARGET}; n = {n} chars; example alone: {base * 1000:.1f} ms")
    print(f"{'shape':<28} {'chars at n':>10} {'time at n':>10} {'time at 10n':>12} {'ratio':>6}")
    flagged = []
    for name in args.shape or list(SHAPES):
        small, large = SHAPES[name](n), SHAPES[name](10 * n)
        work = WORK.get(name, _work)
        at_n, at_10n = _side_by_side(functools.partial(work, small), functools.partial(work, large), args.rounds)
        ratio = at_10n / at_n
        mark = f"  <-- above {LIMIT:g}" if ratio > LIMIT else ""
        if mark:
            flagged.append(name)
        times = f"{at_n * 1000:>8.1f}ms {at_10n * 1000:>10.1f}ms"
        print(f"{name:<28} {len(small):>10} {times} {ratio:>6.1f}{mark}", flush=True)
    if flagged:
        print(f"superlinear: {', '.join(flagged)}")
    else:
        print(f"every shape within {LIMIT:g}x for 10x the input")
    if args.memory_mb:
        size, peak = peak_memory(args.memory_mb)
        ratio = peak / size
        mark = f"  <-- above {MEMORY_LIMIT:g}" if ratio > MEMORY_LIMIT else ""
        print(f"convert to {TARGET}, {size / 1e6:.1f} MB plan: peak {peak / 1e6:.1f} MB, {ratio:.1f}x its size{mark}")
        if mark:
            flagged.append("memory")
    return 1 if flagged else 0


if __name__ == "__main__":
    sys.exit(main())
