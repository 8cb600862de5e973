"""Reading and writing back a plan folder, by folder format, against the Spec Kit feature folder.

Over the corpus folders (../shared/corpus/kiro/*, ../shared/corpus/speckit-feature/*), copied to a
temporary folder, times ``read_folder`` and ``write_folder`` of the unchanged plan (which writes
nothing) for each folder format, best of ``--repeat`` runs with what was read forgotten before each,
and prints the time per KiB of Markdown and its ratio to the Spec Kit feature folder's, measured in
the same process.

Run: ``.venv/bin/python benchmarks/bench_folders.py [--repeat N]``.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from pathlib import Path

import plancore
from plancore._format import forget_texts

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
FOLDERS = {"speckit-github": CORPUS / "speckit-feature", "kiro": CORPUS / "kiro"}


def _size(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*.md"))


def _best(folders: list[Path], name: str, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        forget_texts()
        start = time.perf_counter()
        for folder in folders:
            plancore.write_folder(plancore.read_folder(folder, name), folder, name)
        best = min(best, time.perf_counter() - start)
    return best


def main(argv: list[str]) -> int:
    repeat = int(argv[argv.index("--repeat") + 1]) if "--repeat" in argv else 10
    per_kib: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as temporary:
        for name, source in FOLDERS.items():
            if not source.is_dir():
                print(f"{name}: ../shared/corpus/{source.name} is absent")
                return 1
            copies = [
                Path(shutil.copytree(folder, Path(temporary) / name / folder.name))
                for folder in sorted(source.iterdir())
            ]
            seconds = _best(copies, name, repeat)
            kib = sum(map(_size, copies)) / 1024
            per_kib[name] = seconds / kib
            timing = f"{seconds * 1000:.1f} ms ({per_kib[name] * 1000:.2f} ms/KiB)"
            print(f"{name}: {len(copies)} folders, {kib:.0f} KiB, {timing}")
    print(f"kiro / speckit-github per KiB: {per_kib['kiro'] / per_kib['speckit-github']:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
