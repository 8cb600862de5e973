"""How many A -> B -> A -> B round trips over the corpus are not stable after one cycle.

For every corpus plan (and the SmartSpec example) and every ordered pair of formats
(A, B): the plan converted to A, then to B (the first B), then back to A and to B again
(the second B). A pair is unstable when the second B reads as another plan than the first,
the appendix of what B has no place for aside (it is carried again on every cycle), as
``tests/test_edit_locality.py::test_there_and_back_is_stable_after_one_cycle`` checks it
(opt-in there: PLANCORE_LONG_TESTS=1).

With ``--text``, a pair is unstable when the second B's text is not the first B's, byte for
byte up to the appendix (``tests/test_edit_locality.py::UNSTABLE_TEXT`` lists those pairs).

Prints, per document, the unstable pairs and the fields that differ in them (``-v``), then
the total. A measurement, not a test: it takes minutes.

Run: ``python benchmarks/cycle_stability.py [-v] [--text] [NAME ...]`` (NAME: part of a file name).
"""

from __future__ import annotations

import argparse
import collections
import re
from pathlib import Path

import attrs

import plancore
from plancore._fields import leaves
from plancore._report import APPENDIX_HEADING

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
EXAMPLE = ROOT / "examples" / "smartspec-plan.md"


def _documents() -> list[tuple[str, Path]]:
    found = [
        (folder.name, path)
        for folder in sorted(CORPUS.iterdir())
        if folder.is_dir() and folder.name in plancore.formats()
        for path in sorted(folder.glob("*.md"))
    ]
    return [*found, ("smartspec", EXAMPLE)]


def _without_appendix(plan: plancore.Plan) -> plancore.Plan:
    return attrs.evolve(
        plan,
        extra_sections=tuple(section for section in plan.extra_sections if section.heading != APPENDIX_HEADING),
        source=None,
    )


def _differing(one: plancore.Plan, other: plancore.Plan) -> list[str]:
    """The leaf paths (indices dropped: ``extra_sections.body``) whose values differ."""
    left, right = dict(leaves(one)), dict(leaves(other))
    paths = {path for path in left.keys() | right.keys() if left.get(path) != right.get(path)}
    return sorted({re.sub(r"\[\d+\]", "", path) for path in paths})


def _body(text: str) -> str:
    return text.split(f"## {APPENDIX_HEADING}")[0]


def unstable_pairs(name: str, path: Path, *, text_only: bool = False) -> dict[str, list[str]]:
    """The pairs "A->B" of the document that are not stable after one cycle, with the fields that
    differ (``text_only``: whose second B's text up to the appendix is not the first B's)."""
    text = path.read_bytes().decode("utf-8")
    found: dict[str, list[str]] = {}
    for a in plancore.formats():
        start = plancore.convert(text, a, source=name).text
        for b in plancore.formats():
            if a == b:
                continue
            first = plancore.convert(start, b, source=a).text
            again = plancore.convert(plancore.convert(first, a, source=b).text, b, source=a).text
            one = _without_appendix(plancore.parse(first, b))
            other = _without_appendix(plancore.parse(again, b))
            if one != other or (text_only and _body(first) != _body(again)):
                found[f"{a}->{b}"] = _differing(one, other)
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-v", "--verbose", action="store_true", help="list the pairs and the fields that differ")
    parser.add_argument("--text", action="store_true", help="compare the texts up to the appendix, not the plans")
    parser.add_argument("names", nargs="*", help="only documents whose file name holds one of these")
    args = parser.parse_args()
    if not CORPUS.is_dir():
        raise SystemExit("../shared/corpus is absent")
    documents = [
        (name, path) for name, path in _documents() if not args.names or any(part in path.name for part in args.names)
    ]
    total = pairs = 0
    fields: collections.Counter[str] = collections.Counter()
    for name, path in documents:
        found = unstable_pairs(name, path, text_only=args.text)
        count = len(plancore.formats()) * (len(plancore.formats()) - 1)
        total += len(found)
        pairs += count
        print(f"{path.name}: {len(found)} of {count} pairs unstable")
        for pair, differ in found.items():
            fields.update(differ)
            if args.verbose:
                print(f"  {pair}: {', '.join(differ)}")
    print(f"total: {total} of {pairs} pairs unstable after one cycle" + (" (text)" if args.text else ""))
    if args.verbose:
        print("fields differing (pairs):", ", ".join(f"{field} {n}" for field, n in fields.most_common()))


if __name__ == "__main__":
    main()
