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

Each ratio is judged two ways. *Per document* (the one the goals are judged by): in each round,
each document's operation is timed right after the bare parse of that same document, and a
document's time is its least over the rounds; the ratio is the sum of those of the operation over
the sum of those of the parse. A machine shared with others slows by turns for a second or more,
which lands on one whole pass over the documents and not on the next: timed side by side a
document at a time, the operation and its baseline see the same slowdown, and the least of
several rounds leaves it out (other work only ever adds time). *Whole passes* (the estimate this
benchmark judged by at first): the median over the rounds of the best of two passes over every document
against the best of two bare passes, shown beside it.

Run: ``python benchmarks/bench_parse_emit.py [--rounds N] [--wall]``.
"""

from __future__ import annotations

import argparse
import functools
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
    parser.add_argument(
        "--rounds",
        type=int,
        default=5,
        help="rounds (default 5): least time of each document over them; median of the passes",
    )
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
    per_document = _per_document(list(work), docs, formats, markdown, args.rounds)
    passes: dict[str, list[float]] = {label: [] for label in work}
    for _ in range(args.rounds):
        for label, (function, base) in work.items():
            passes[label].append(best_of(function, 2) / best_of(base, 2))
    clock = "wall" if args.wall else "CPU"
    print(f"{len(docs)} documents, {sum(len(t) for _, t in docs)} characters, {clock} time, {args.rounds} rounds")
    print(f"{'':<28} {'per document':>12}  {'whole passes':>12}  (x one mistune AST parse)")
    medians = {label: statistics.median(values) for label, values in passes.items()}
    for label in work:
        print(f"{label:<28} {per_document[label]:11.2f}x  {medians[label]:11.2f}x")
    worst_label = max((label for label in work if label.startswith("convert to")), key=per_document.__getitem__)
    worst = per_document[worst_label]
    unchanged = per_document["parse+emit (unchanged)"]
    print(
        f"P1: parse+emit (unchanged) {unchanged:.2f}x (goal <= {ROUND_TRIP_GOAL:g}x), "
        f"worst conversion {worst:.2f}x, {worst_label[len('convert to ') :]} (goal <= {CONVERSION_GOAL:g}x)"
    )
    return 0 if unchanged <= ROUND_TRIP_GOAL and worst <= CONVERSION_GOAL else 1


def _per_document(
    labels: list[str],
    docs: list[tuple[str, str]],
    formats: dict[str, str],
    markdown: Callable[[str], object],
    rounds: int,
) -> dict[str, float]:
    """Each operation's (``labels``, as ``main`` names them) ratio to the bare parse, timed a document at a
    time beside that document's parse: the sum over the documents of each one's least time over ``rounds``
    rounds, the operation's over the parse's. Each round reads every text afresh (``forget_texts``) and
    goes through the documents in order, as a whole pass does."""

    def operations(name: str) -> dict[str, Callable[[str], object]]:
        own = formats[name]
        found: dict[str, Callable[[str], object]] = {
            "parse+emit (unchanged)": lambda text: plancore.emit(plancore.parse(text, own), own),
            "parse+emit (rendered)": lambda text: plancore.emit(
                attrs.evolve(plancore.parse(text, own), source=None), own
            ),
        }
        for target in plancore.formats():
            if target != own:
                found[f"convert to {target}"] = functools.partial(plancore.convert, to=target)
        if own != "speckit":
            found["convert+report to speckit"] = lambda text: plancore.convert(text, "speckit").report()
        return found

    least: dict[tuple[str, str], list[float]] = {}
    for _ in range(rounds):
        for label in labels:
            forget_texts()
            for name, text in docs:
                operation = operations(name).get(label)
                if operation is None:
                    continue
                start = CLOCK()
                markdown(text)
                middle = CLOCK()
                operation(text)
                end = CLOCK()
                times = least.setdefault((label, name), [float("inf"), float("inf")])
                times[0] = min(times[0], end - middle)
                times[1] = min(times[1], middle - start)
    ratios: dict[str, float] = {}
    for label in labels:
        spent = [times for (each, _), times in least.items() if each == label]
        ratios[label] = sum(t[0] for t in spent) / sum(t[1] for t in spent)
    return ratios


if __name__ == "__main__":
    sys.exit(main())
