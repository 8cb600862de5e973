"""parse+emit of the seeds and corpus plans, against a bare mistune AST parse.

Both run in this one process, interleaved, so the ratio holds on a noisy
machine where absolute times do not. Run: ``python benchmarks/bench_parse_emit.py``.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import attrs
import mistune

import plancore

SHARED = Path(__file__).resolve().parents[2] / "shared"


def documents() -> list[tuple[str, str]]:
    texts = []
    for path in sorted((SHARED / "seeds").glob("*.txt")) + sorted((SHARED / "corpus").glob("*/*.md")):
        texts.append((path.name, path.read_text(encoding="utf-8")))
    return texts


def best_of(function: Callable[[], object], rounds: int) -> float:
    samples = []
    for _ in range(rounds):
        start = time.perf_counter()
        function()
        samples.append(time.perf_counter() - start)
    return min(samples)


def main() -> int:
    docs = documents()
    if not docs:
        print("no documents under", SHARED)
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

    round_trip()  # warm caches (templates, blank plans)
    fresh_emit()
    ratios = {"parse+emit (unchanged)": [], "parse+emit (rendered)": []}
    for _ in range(7):
        base = best_of(baseline, 3)
        ratios["parse+emit (unchanged)"].append(best_of(round_trip, 3) / base)
        ratios["parse+emit (rendered)"].append(best_of(fresh_emit, 3) / base)
    print(f"{len(docs)} documents, {sum(len(t) for _, t in docs)} characters")
    for label, values in ratios.items():
        print(f"{label}: {statistics.median(values):.2f}x one mistune AST parse")
    return 0


if __name__ == "__main__":
    sys.exit(main())
