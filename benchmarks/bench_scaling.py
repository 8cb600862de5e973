"""How the cost of reading and converting a plan grows with its size.

For each shape that has made Markdown parsers blow up (long runs of ``*``,
``_``, ``[``, ``<`` and backticks, nested emphasis, rows full of pipes, deep
lists and block quotes, headings and rules with long runs) and for a plain long
plan, the shape is put into a plan at size n and at 10n, and detect + parse (by
every format's reader) + convert is timed on both in this one process. Linear cost gives a ratio of about
10 (less where fixed costs still show); a ratio above ``LIMIT`` is flagged and
makes the exit status 1.

The edit shapes (``edit-*``) time instead writing an edited plan back over the document it
was read from, which splices the edit into the document's lines.

Run: ``python benchmarks/bench_scaling.py [--size N] [--shape NAME ...]``.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

import attrs
from bench_parse_emit import best_of

import plancore

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "smartspec-plan.md"
LIMIT = 15.0
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
}


def _ticked(n: int) -> tuple[plancore.Plan, str]:
    """A SpecPulse plan of like phases (about ``n`` characters) with the last phase's first task ticked."""
    phase = (
        "### Phase {i}: Work item {i} [Priority: HIGH]\n\n**Duration**: 2 days\n\n"
        "#### Tasks\n1. [ ] Task a {i}\n2. [x] Task b {i}\n\n"
    )
    count = max(1, n // len(phase.format(i=0)))
    head = "<!-- FEATURE_ID: 001 -->\n# Implementation Plan: X\n\n## Implementation Phases\n\n"
    plan = plancore.parse(head + "".join(phase.format(i=i) for i in range(count)), "specpulse")
    last = plan.phases[-1]
    ticked = attrs.evolve(last, tasks=(attrs.evolve(last.tasks[0], done=True), *last.tasks[1:]))
    return attrs.evolve(plan, phases=(*plan.phases[:-1], ticked)), "specpulse"


def _retitled(n: int) -> tuple[plancore.Plan, str]:
    """The example SmartSpec plan with about ``n`` characters of sections it does not know, retitled."""
    section = "\n## Unknown section {i}\n\nSome text {i}.\n\n- item\n"
    count = max(1, n // len(section.format(i=0)))
    text = EXAMPLE.read_text(encoding="utf-8") + "".join(section.format(i=i) for i in range(count))
    plan = plancore.parse(text, "smartspec")
    return attrs.evolve(plan, metadata=attrs.evolve(plan.metadata, title="Retitled")), "smartspec"


# Edit shape name -> an edited plan read from a document of about ``n`` characters, and its format:
# writing the edit back (``emit``) is timed.
EDIT_SHAPES: dict[str, Callable[[int], tuple[plancore.Plan, str]]] = {
    "edit-tick": _ticked,
    "edit-title-unknown": _retitled,
}


def _work(text: str) -> None:
    plancore.detect(text)
    for name in plancore.formats():
        plancore.parse(text, name)
    plancore.convert(text, TARGET)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=20_000, help="n, in characters of the shape (default 20000)")
    parser.add_argument(
        "--shape", action="append", choices=[*SHAPES, *EDIT_SHAPES], help="only these shapes (repeatable)"
    )
    parser.add_argument("--rounds", type=int, default=3, help="best of this many runs at n (default 3)")
    args = parser.parse_args(argv)
    n = args.size
    _work(EXAMPLE.read_text(encoding="utf-8"))  # warm caches (templates, blank plans)
    base = best_of(lambda: _work(EXAMPLE.read_text(encoding="utf-8")), args.rounds)
    print(f"detect + parse (every format) + convert to {TARGET}; n = {n} chars; example alone: {base * 1000:.1f} ms")
    print(f"{'shape':<22} {'chars at n':>10} {'time at n':>10} {'time at 10n':>12} {'ratio':>6}")
    flagged = []
    for name in args.shape or [*SHAPES, *EDIT_SHAPES]:
        if name in EDIT_SHAPES:
            # An edit written back over its document (emit) rather than read and converted.
            (small_plan, fmt), (large_plan, _) = EDIT_SHAPES[name](n), EDIT_SHAPES[name](10 * n)
            small, large = small_plan.source.text, large_plan.source.text
            at_n = best_of(lambda plan=small_plan, fmt=fmt: plancore.emit(plan, fmt), args.rounds)
            at_10n = best_of(lambda plan=large_plan, fmt=fmt: plancore.emit(plan, fmt), max(1, args.rounds - 1))
        else:
            small, large = SHAPES[name](n), SHAPES[name](10 * n)
            at_n = best_of(lambda text=small: _work(text), args.rounds)
            at_10n = best_of(lambda text=large: _work(text), max(1, args.rounds - 1))
        ratio = at_10n / at_n
        mark = f"  <-- above {LIMIT:g}" if ratio > LIMIT else ""
        if mark:
            flagged.append(name)
        times = f"{at_n * 1000:>8.1f}ms {at_10n * 1000:>10.1f}ms"
        print(f"{name:<22} {len(small):>10} {times} {ratio:>6.1f}{mark}", flush=True)
    if flagged:
        print(f"superlinear: {', '.join(flagged)}")
        return 1
    print(f"every shape within {LIMIT:g}x for 10x the input")
    return 0


if __name__ == "__main__":
    sys.exit(main())
