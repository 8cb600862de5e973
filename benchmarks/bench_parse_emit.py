"""parse+emit and conversion of the corpus plans and examples, against a bare mistune AST parse.

Each ratio is the time of an operation over every document divided by the
time of one bare mistune AST parse of the same documents, both run in this one
process, interleaved, so that the ratio holds on a noisy machine where absolute
times do not. Goals (issue 16, P1): parse + same-format emit of an unchanged
plan at most 1.0x, conversion to another format at most 2x (the worst target
is the one judged). Documents: ``../shared/seeds/*.txt``, ``../shared/corpus/*/*.md``
(when present) and ``examples/*.md``.

Times are CPU time of this process (``time.process_time``), which other work on a
shared machine disturbs less than wall time; ``--wall`` measures wall time instead.

Run: ``python benchmarks/bench_parse_emit.py [--rounds N] [--wall]``.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import attrs
import mistune

import plancore
from plancore._format import forget_texts

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
ROUND_TRIP_GOAL = 1.0
CONVERSION_GOAL = 2.0


def documents() -> list[tuple[str, str]]:
    """``(name, text)`` of every plan benchmarked (those no format reads are left out)."""
    paths = sorted((SHARED / "seeds").glob("*.txt")) + sorted((SHARED / "corpus").glob("*/*.md"))
    paths += sorted((ROOT / "examples").glob("*.md"))
    texts = []
    for path in paths:
        text = path.read_text(encoding="utf-8")
        try:
            plancore.detect(text)
        except plancore.PlanError:
            continue
        texts.append((f"{path.parent.name}/{path.name}", text))
    return texts


CLOCK: Callable[[], float] = time.process_time


def best_of(function: Callable[[], object], rounds: int) -> float:
    """The shortest time of ``rounds`` runs of ``function``, each reading its
    texts afresh (plancore keeps what it read of the last few texts)."""
    samples = []
    for _ in range(rounds):
        forget_texts()
        start = CLOCK()
        function()
        samples.append(CLOCK() - start)
    return min(samples)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=5, help="median over this many rounds (default 5)")
    parser.add_argument("--wall", action="store_true", help="wall time instead of CPU time")
    args = parser.parse_args(argv)
    global CLOCK
    CLOCK = time.perf_counter if args.wall else time.process_time
    docs = documents()
    if not docs:
        print("no documents under", SHARED, "or", ROOT / "examples")
        return 1
    markdown = mistune.create_markdown(renderer=None, plugins=["table"])
    formats = {name: plancore.detect(text) for name, text in docs}

    def baseline() -> None:
        for _, text in docs:
            markdown(text)

    def round_trip() -> None:
        for name, text in docs:
            plancore.emit(plancore.parse(text, formats[name]), formats[name])

    def fresh_emit() -> None:
        # Parse, then write from the templates (no kept source): the full path.
        for name, text in docs:
            plan = attrs.evolve(plancore.parse(text, formats[name]), source=None)
            plancore.emit(plan, formats[name])

    def conversion(target: str) -> Callable[[], None]:
        def run() -> None:
            for name, text in docs:
                if formats[name] != target:
                    plancore.convert(text, target)

        return run

    def conversion_report(target: str) -> Callable[[], None]:
        def run() -> None:
            for name, text in docs:
                if formats[name] != target:
                    plancore.convert(text, target).report()

        return run

    # Conversions leave out the documents already in the target, so each is
    # judged against a parse of the documents it converts.
    def baseline_for(target: str) -> Callable[[], None]:
        texts = [text for name, text in docs if formats[name] != target]

        def run() -> None:
            for text in texts:
                markdown(text)

        return run

    work: dict[str, tuple[Callable[[], None], Callable[[], None]]] = {
        "parse+emit (unchanged)": (round_trip, baseline),
        "parse+emit (rendered)": (fresh_emit, baseline),
    }
    for target in plancore.formats():
        work[f"convert to {target}"] = (conversion(target), baseline_for(target))
    work["convert+report to speckit"] = (conversion_report("speckit"), baseline_for("speckit"))
    for function, _ in work.values():
        function()  # warm caches (templates, blank plans)
    ratios: dict[str, list[float]] = {label: [] for label in work}
    for _ in range(args.rounds):
        for label, (function, base) in work.items():
            ratios[label].append(best_of(function, 2) / best_of(base, 2))
    clock = "wall" if args.wall else "CPU"
    print(f"{len(docs)} documents, {sum(len(t) for _, t in docs)} characters, {clock} time")
    medians = {label: statistics.median(values) for label, values in ratios.items()}
    for label, value in medians.items():
        print(f"{label:<28} {value:5.2f}x one mistune AST parse")
    worst = max(value for label, value in medians.items() if label.startswith("convert to"))
    unchanged = medians["parse+emit (unchanged)"]
    print(
        f"P1: parse+emit (unchanged) {unchanged:.2f}x (goal <= {ROUND_TRIP_GOAL:g}x), "
        f"worst conversion {worst:.2f}x (goal <= {CONVERSION_GOAL:g}x)"
    )
    return 0 if unchanged <= ROUND_TRIP_GOAL and worst <= CONVERSION_GOAL else 1


if __name__ == "__main__":
    sys.exit(main())
