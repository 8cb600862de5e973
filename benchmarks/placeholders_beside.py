"""Template placeholders written beside the author's own content, over every corpus conversion.

Converts every plan of ``../shared/corpus`` (file formats) and every corpus folder (Kiro, OpenSpec
changes, Spec Kit feature folders) to every other file format, and lists the outputs where the target's
own sample text stands beside text of the author's (issue 11, "placeholders never turn into
content; nothing lands beside its twin"). Three shapes are counted, each once per output section:

* ``line``: a section whose own text (above its subsections) holds both a sample line of the
  target's blank template (a line holding ``{{...}}``, ``{...}``, ``[...]`` or ``<!-- -->``, a list
  item or a table row under a table's header, as the template has them) and a line of no template's
  text (the author's);
* ``sub``: a section holding the author's text (in its own text or in a subsection of its own) with
  a subsection that is the blank template's own, word for word (its sample, left beside the author's);
* ``twin``: a section that is the blank template's own, word for word, for a field that another
  section of the output stands for under another heading (some format's heading of that field:
  Kiro's ``Technology Stack`` beside SpecPulse's sample ``Technical Stack``).

Sections in the appendix are not counted (carried as the source wrote them). No timing: a measure
of the outputs, run before and after a change to compare.

Run: ``.venv/bin/python benchmarks/placeholders_beside.py [-v] [--show NAME TARGET]``.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import plancore
from plancore._convert import convert_plan
from plancore._crosswalk import _blank_sections, _content, _heading_labels
from plancore._folder import detect_folder
from plancore._format import Format, own_headings
from plancore._markdown import Node, normalize_title, outline
from plancore._registry import FORMATS
from plancore._report import APPENDIX_HEADING
from plancore._vocabulary import HEADINGS, heading_pattern

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
FOLDERS = {"kiro": "kiro", "openspec": "openspec", "speckit-feature": "speckit-github"}
SAMPLE = re.compile(r"\{\{[^{}\n]*\}\}|\{[A-Za-z][^{}\n]*\}|\[[A-Za-z][^\[\]\n]*\](?!\()|<!--|<[a-z][a-z-]*>")
_SEPARATOR = re.compile(r"^\|?\s*:?-{3,}")
_LABEL = re.compile(r"^(?:[-*+]|\d+\.)\s+\*\*[^*\n]+\*\*")
_STRUCTURE = re.compile(r"^(?:#{1,6}\s|-{3,}$|\*{3,}$|```|~~~)")


def sources() -> Iterator[tuple[str, plancore.Plan, str]]:
    """``(name, plan, source format)`` of every corpus plan and folder."""
    for path in sorted(CORPUS.glob("**/*.md")):
        relative = path.relative_to(CORPUS).as_posix()
        if relative.split("/")[0] in FOLDERS or relative == "SOURCES.md":
            continue
        text = path.read_text(encoding="utf-8")
        try:
            name = plancore.detect(text)
        except plancore.PlanError:
            continue
        yield relative, plancore.parse(text, name), name
    for top in FOLDERS:
        for folder in sorted(p for p in (CORPUS / top).glob("**/*") if p.is_dir()):
            fmt = detect_folder(folder)
            if fmt is None:
                continue
            yield folder.relative_to(CORPUS).as_posix() + "/", plancore.read_folder(folder, fmt), fmt


def _template_lines(fmt: Format) -> tuple[set[str], set[str]]:
    """Every line of ``fmt``'s blank template (stripped) and those of them that are sample text."""
    every: set[str] = set()
    samples: set[str] = set()
    table = False
    for raw in fmt.blank_text.split("\n"):
        line = raw.strip()
        if not line:
            table = False
            continue
        every.add(line)
        if line.startswith("|"):
            if _SEPARATOR.match(line):
                table = True
            elif table:
                samples.add(line)
            continue
        table = False
        if _STRUCTURE.match(line):
            continue
        # A label the writer puts over the author's value (``- **Tasks:**``) is the format's, no sample.
        if SAMPLE.search(line) or (re.match(r"^(?:[-*+]|\d+\.)\s", line) and not _LABEL.match(line)):
            samples.add(line)
    return every, samples


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.split("\n") if line.strip() and not _STRUCTURE.match(line.strip())]


def _own(node: Node) -> str:
    end = node.children[0].start if node.children else node.end
    return node.text[node.body_start : end]


def _whole(node: Node) -> str:
    return node.text[node.body_start : node.end]


def findings(text: str, fmt: Format) -> list[tuple[str, str, str]]:
    """``(shape, section title, example line)`` for each section of ``text`` (written in ``fmt``) with
    the target's sample text beside the author's."""
    every, samples = _template_lines(fmt)
    blank = _blank_sections(fmt)
    found: list[tuple[str, str, str]] = []
    nodes = [n for n in outline(text).walk() if n.level > 1 or n is not next(iter(outline(text).walk()), None)]
    appendix = [n for n in nodes if n.title == APPENDIX_HEADING]
    inside = {id(d) for a in appendix for d in _all(a)}
    nodes = [n for n in nodes if id(n) not in inside and n.level > 1]

    def sample(node: Node) -> bool:
        return (node.title, node.level, _content(node)) in blank

    def authored(lines: list[str]) -> list[str]:
        return [line for line in lines if line not in every]

    for node in nodes:
        own = _lines(_own(node))
        mine = authored(own)
        theirs = [line for line in own if line in samples]
        if mine and theirs:
            found.append(("line", node.title, theirs[0]))
        if sample(node):
            continue
        subs = [
            child for child in node.children if sample(child) and any(line in samples for line in _lines(_whole(child)))
        ]
        author = mine or any(authored(_lines(_whole(child))) for child in node.children if not sample(child))
        if subs and author:
            found.append(("sub", node.title, subs[0].title))
    own = {normalize_title(h.value): h.label for h in own_headings(fmt)}
    titles = [(n, _fields(n.title)) for n in nodes if not sample(n)]
    for node in nodes:
        key = own.get(normalize_title(node.title))
        if key is None or not sample(node) or not any(line in samples for line in _lines(_whole(node))):
            continue
        around = {id(n) for n in _all(node)} | {id(n) for n in nodes if any(d is node for d in _all(n))}
        for other, labels in titles:
            if (
                id(other) not in around
                and normalize_title(other.title) != normalize_title(node.title)
                and key in labels
            ):
                found.append(("twin", node.title, other.title))
                break
    return found


def _fields(title: str) -> frozenset[str]:
    """The fields some format's own heading of ``title`` is, or whose concept it names in another
    language of the shared vocabulary (``📦 依赖项``: the dependencies)."""
    words = normalize_title(title)
    concepts = {concept for concept in HEADINGS if re.fullmatch(heading_pattern(concept), words)}
    labels = {h.label for fmt in FORMATS.values() for h in own_headings(fmt) if h.label.rsplit(".")[-1] in concepts}
    return frozenset(_heading_labels(title) | labels)


def _all(node: Node) -> Iterator[Node]:
    yield node
    for child in node.children:
        yield from _all(child)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-v", "--verbose", action="store_true", help="list every finding")
    parser.add_argument("--show", nargs=2, metavar=("NAME", "TARGET"), help="print that conversion's output")
    args = parser.parse_args(argv)
    shapes: Counter[str] = Counter()
    outputs = 0
    flagged = 0
    for name, plan, source in sources():
        for target in plancore.formats():
            if target == source:
                continue  # the same format: the source's own bytes
            if args.show and (args.show[0] not in name or args.show[1] != target):
                continue
            try:
                text = convert_plan(plan, target, source=source).text
            except plancore.PlanError as error:
                print(f"{name} -> {target}: {error}", file=sys.stderr)
                continue
            if args.show:
                print(text)
                return 0
            outputs += 1
            found = findings(text, FORMATS[target])
            flagged += bool(found)
            shapes.update(shape for shape, _, _ in found)
            if args.verbose:
                for shape, title, example in found:
                    print(f"{name} -> {target}: {shape}: {title!r}: {example[:70]!r}")
    print(
        f"{outputs} outputs, {flagged} with sample text beside the author's; sections: {dict(sorted(shapes.items()))}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
