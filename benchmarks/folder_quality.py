"""How folder-to-folder conversions read: appendix lines and leftover template placeholders.

For every corpus folder (../shared/corpus/kiro/*, ../shared/corpus/openspec/* changes,
../shared/corpus/speckit-feature/*) converted to each other folder format (``write_folder`` into a
new temporary folder), counts in the Markdown files written:

* appendix lines: the lines of each ``## Appendix: Carried Over`` section (heading to the file's
  next ``## `` heading or its end), what the target had no place for;
* field dumps: appendix lines in the shape ``**Name:**`` / ``- **Name:** value`` alone on a line
  that the source's files do not hold as such (a field written by its name, not as the author wrote it);
* placeholders: template placeholders that are not in the source's own text (``{...}``,
  ``[FEATURE]``, ``[DATE]``, ``[link]``, ``[###-...]``, ``[e.g., ...]``, ``NEEDS CLARIFICATION``),
  and lines of the Kiro / OpenSpec / Spec Kit blank templates holding a placeholder
  (``[What the feature is for...]``, ``<!-- ... -->``).

Prints one row per source folder and target format, and the totals. No timing: a measure of the
outputs, run before and after a change to compare.

Run: ``.venv/bin/python benchmarks/folder_quality.py [--show FOLDER_NAME TARGET]`` (``--show``
prints that conversion's files).
"""

from __future__ import annotations

import re
import sys
import tempfile
from pathlib import Path

import plancore
from plancore._folder import detect_folder
from plancore._report import APPENDIX_HEADING

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
SOURCES = {"kiro": CORPUS / "kiro", "openspec": CORPUS / "openspec", "speckit-github": CORPUS / "speckit-feature"}
PLACEHOLDER = re.compile(
    r"\{\{?[A-Za-z][^{}\n]{0,60}\}\}?|\[(?:FEATURE|DATE|link|###-[^\]\n]*|e\.g\.,[^\]\n]*)\]|NEEDS CLARIFICATION"
)
TEMPLATES = Path(__file__).resolve().parents[1] / "templates"
# The placeholder lines of the folder formats' blank templates (``[What the feature is for...]``,
# ``<!-- Why this change -->``), found in an output as written there.
TEMPLATE_LINES = {
    line.strip()
    for path in TEMPLATES.glob("*.md")
    if path.name.startswith(("kiro-", "openspec-", "speckit-"))
    for line in path.read_text(encoding="utf-8").split("\n")
    if re.search(r"\[[A-Za-z][^\]]*\]|<!--|<[a-z-]+>", line)
}
DUMP = re.compile(r"^(?:- )?\*\*[A-Z][\w .]*:\*\*(?: .*)?$")


def _folders(name: str) -> list[Path]:
    root = SOURCES[name]
    return [path for path in sorted(root.iterdir()) if path.is_dir() and detect_folder(path) == name]


def _texts(folder: Path) -> str:
    return "\n".join(path.read_text(encoding="utf-8") for path in sorted(folder.rglob("*")) if path.is_file())


def _appendix(text: str) -> list[str]:
    lines = text.split("\n")
    found: list[str] = []
    inside = False
    for line in lines:
        if line.startswith("## "):
            inside = line == f"## {APPENDIX_HEADING}"
        if inside:
            found.append(line)
    return found


def measure(folder: Path, source: str, target: str, out: Path) -> tuple[int, int, int]:
    plan = plancore.read_folder(folder, source)
    plancore.write_folder(plan, out, target)
    own = _texts(folder)
    appendix = dumps = placeholders = 0
    for path in sorted(out.rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        carried = _appendix(text)
        appendix += len(carried)
        dumps += sum(1 for line in carried if DUMP.match(line) and line.strip() not in own)
        placeholders += sum(1 for match in PLACEHOLDER.finditer(text) if match.group() not in own)
        placeholders += sum(
            1 for line in text.split("\n") if line.strip() in TEMPLATE_LINES and line.strip() not in own
        )
    return appendix, dumps, placeholders


def main(argv: list[str]) -> int:
    missing = [f"../shared/corpus/{path.name}" for path in SOURCES.values() if not path.is_dir()]
    if missing:
        print(f"absent: {', '.join(missing)}")
        return 1
    show = argv[argv.index("--show") + 1 : argv.index("--show") + 3] if "--show" in argv else None
    totals = [0, 0, 0]
    print(f"{'source folder':58} {'target':15} {'appendix':>8} {'dumps':>6} {'placeholders':>12}")
    with tempfile.TemporaryDirectory() as temporary:
        for source in SOURCES:
            for folder in _folders(source):
                for target in SOURCES:
                    if target == source:
                        continue
                    out = Path(temporary) / f"{folder.name}-{target}"
                    row = measure(folder, source, target, out)
                    totals = [a + b for a, b in zip(totals, row, strict=True)]
                    label = f"{source}/{folder.name}"[:58]
                    print(f"{label:58} {target:15} {row[0]:8} {row[1]:6} {row[2]:12}")
                    if show == [folder.name, target]:
                        for path in sorted(out.rglob("*")):
                            if path.is_file():
                                print(f"===== {path.relative_to(out)}\n{path.read_text(encoding='utf-8')}")
    print(f"{'total':58} {'':15} {totals[0]:8} {totals[1]:6} {totals[2]:12}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
