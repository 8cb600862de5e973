"""Every conversion's output, to check that a change made for speed changes no byte of it.

Writes, as JSON, the text, losses, placements, report and lost sections of the conversion of each
plan of ``../shared/corpus``, ``../shared/cases`` (the file formats') and ``../shared/seeds`` and of
``bench_translated``'s plans to every format; ``--compare`` names the conversions two such files
differ in. Run it on the commit before the change and on the change, then compare:

    python benchmarks/same_outputs.py before.json     # on the base commit (--shared: where ../shared is)
    python benchmarks/same_outputs.py after.json      # on the change
    python benchmarks/same_outputs.py --compare before.json after.json
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from bench_translated import TEMPLATES, plan_text

import plancore

SHARED = Path(__file__).resolve().parents[2] / "shared"
# Folder formats' files are no plans of a file format on their own.
FOLDERS = ("kiro", "openspec")


def plans(shared: Path) -> list[tuple[str, str]]:
    """``(name, text)`` of every plan converted."""
    paths = [*shared.glob("corpus/**/*.md"), *shared.glob("cases/**/*.md"), *shared.glob("seeds/*.txt")]
    found = [(path.relative_to(shared).as_posix(), path.read_text(encoding="utf-8")) for path in sorted(paths)]
    found = [(name, text) for name, text in found if not any(f"/{folder}/" in f"/{name}" for folder in FOLDERS)]
    return found + [(f"bench_translated-{code}-{size}", plan_text(code, size)) for code in TEMPLATES for size in (1, 3)]


def outputs(shared: Path) -> dict[str, object]:
    results: dict[str, object] = {}
    for name, text in plans(shared):
        try:
            source = plancore.detect(text)
        except plancore.PlanError as error:
            results[name] = str(error)
            continue
        for target in plancore.formats():
            try:
                done = plancore.convert(text, target, source=source)
            except plancore.PlanError as error:
                results[f"{name} -> {target}"] = str(error)
                continue
            results[f"{name} -> {target}"] = [
                done.text,
                [repr(loss) for loss in done.losses],
                [repr(p) for p in done.placed],
                # What a speed change may make reuse: the report and the lost sections.
                [repr(entry) for entry in done.report()],
                [repr(section) for section in done.lost_sections()],
            ]
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="+", help="the JSON file to write, or with --compare the two to compare")
    parser.add_argument("--compare", action="store_true", help="name the conversions two files differ in")
    parser.add_argument("--shared", type=Path, default=SHARED, help="the shared test data (default ../shared)")
    args = parser.parse_args(argv)
    if not args.compare:
        results = outputs(args.shared)
        Path(args.files[0]).write_text(json.dumps(results, ensure_ascii=False, indent=0), encoding="utf-8")
        print(f"{len(results)} conversions written to {args.files[0]}")
        return 0
    before, after = (json.loads(Path(name).read_text(encoding="utf-8")) for name in args.files[:2])
    differing = sorted(name for name in before.keys() | after.keys() if before.get(name) != after.get(name))
    print(f"{len(before.keys() | after.keys())} conversions compared, {len(differing)} differ")
    for name in differing[:20]:
        print(f"  {name}")
    return 1 if differing else 0


if __name__ == "__main__":
    sys.exit(main())
