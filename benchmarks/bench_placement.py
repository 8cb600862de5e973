"""Where a converted plan's content lands: in the body or the appendix, and in
the section of its meaning.

Over every corpus plan of a registered format (../shared/corpus/<format>/*.md),
the bundled example, and the example's hand-checked conversion to each other
format (tests/golden/: the only filled aadt and rapid Spec Kit plans at hand,
the corpus holding just their blank templates), and the corpus Spec Kit
features' tasks.md files as tasks files (``speckit-tasks``: tasks files as
people write them, besides the golden one, a whole plan in a tasks file's appendix),
converted to every other format, prints per format pair and overall:

1. body: the share of the plan's own words (its words less those of its
   format's blank template and of an earlier conversion's appendix heading
   and intro line, counted with repeats) that are in the output's
   body rather than only in its appendix;
2. placed: the share of the words of source sections with a known meaning
   (a heading the source format reads as a field; less, per field, the words
   its format's template has there, as for the body share) that land in the target's
   section of that meaning, or in the home the crosswalk names for them
   (``Conversion.placed``: the field it moved them into, or the section it
   carried them as).

A plan goes to Spec Kit as a feature folder (``plancore.write_feature``:
plan.md, tasks.md, research.md, data-model.md, contracts/), scored over the
folder's files together (each without its appendix) as ``speckit-feature``: the phases' home is tasks.md,
the decisions' research.md, the data model's data-model.md, the API's
contracts/, every other part's its section in plan.md (or, where plan.md has
none, anywhere in plan.md's body: the crosswalk's home there is not recorded
by ``write_feature``). A tasks file alone (``speckit-tasks``) holds only
phases: it is scored for the plan's phases only. A tasks file as the source
has no section of a fixed title: its sections of known meaning are its phases,
placed where their words are in the target's section of that phase (a heading
holding the phase's name, with its sub-sections).

Run: ``.venv/bin/python benchmarks/bench_placement.py`` (``--pairs`` for one
line per plan as well).
"""

from __future__ import annotations

import re
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

import attrs

import plancore
from plancore._fields import leaves
from plancore._format import own_headings
from plancore._markdown import Node, normalize_title, outline
from plancore._registry import get_format
from plancore._report import APPENDIX_HEADING

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
EXAMPLE = ROOT / "examples" / "smartspec-plan.md"
GOLDEN = ROOT / "tests" / "golden"
_WORD = re.compile(r"\w+")
_INDEX = re.compile(r"\[\d+\]")


def _words(text: str) -> Counter[str]:
    return Counter(word.casefold() for word in _WORD.findall(text))


def _plans() -> list[tuple[str, Path]]:
    found = [("smartspec", EXAMPLE)]
    found += [(name, GOLDEN / f"smartspec-example.{name}.md") for name in plancore.formats() if name != "smartspec"]
    for name in plancore.formats():
        folder = CORPUS / name
        if folder.is_dir():
            found += [(name, path) for path in sorted(folder.glob("*.md"))]
    # A Spec Kit feature's tasks.md is a tasks file as its users write one.
    found += [("speckit-tasks", path) for path in sorted(CORPUS.glob("speckit-feature/*/tasks.md"))]
    return found


def _split(text: str) -> tuple[str, str]:
    cut = text.find(f"\n## {APPENDIX_HEADING}\n")
    return (text, "") if cut < 0 else (text[:cut], text[cut:])


# An earlier conversion's appendix: its heading and the line saying what it is are plancore's, not the plan's.
_APPENDIX_INTRO = re.compile(
    rf"^#+ {re.escape(APPENDIX_HEADING)}$|^What the \S+ plan holds that the \S+ format has no place for, .*$",
    re.MULTILINE,
)


def own_words(source_text: str, source: str) -> Counter[str]:
    """The plan's own words: its text's less those of its format's blank template and of the
    heading and intro of an earlier conversion's appendix, counted with repeats."""
    boilerplate = _words("\n".join(m.group(0) for m in _APPENDIX_INTRO.finditer(source_text)))
    return _words(source_text) - _words(get_format(source).blank_text) - boilerplate


def body_share(source_text: str, source: str, output: str) -> tuple[int, int]:
    """(own words found in the body, own words) of one conversion."""
    own = own_words(source_text, source)
    body, _ = _split(output)
    in_body = _words(body)
    found = sum(min(count, in_body[word]) for word, count in own.items())
    return found, sum(own.values())


def _template_words(source: str) -> dict[str, Counter[str]]:
    """Per field pattern, the words of the source format's template in it (its labels and samples)."""
    found: dict[str, Counter[str]] = defaultdict(Counter)
    for path, value in leaves(get_format(source).template_plan):
        if isinstance(value, str):
            pattern = _INDEX.sub("", path)
            found[pattern] = found[pattern] | _words(value)
    return found


def _nodes_titled(nodes: list[Node], titles: set[str]) -> list[Node]:
    return [node for node in nodes if node.key in titles]


def _titles(fmt_name: str, key: str, plan: plancore.Plan) -> set[str]:
    """The headings the target writes over field ``key`` (or its nearest parent that has one)."""
    fmt = get_format(fmt_name)
    while key:
        titles = {normalize_title(h.value) for h in (*own_headings(fmt), *plan.headings) if h.label == key}
        if titles:
            return titles
        key = key.rpartition(".")[0]
    return set()


def placed_share(conversion: plancore.Conversion) -> tuple[int, int]:
    """(words of meaningful source sections in their home, such words) of one conversion."""
    source = get_format(conversion.source)
    target = get_format(conversion.target)
    keys = {h.label for h in own_headings(source)}
    body, _ = _split(conversion.text)
    nodes = list(outline(body).walk())
    # Every home of a field: one split up (the rapid Spec Kit's Data Model bullets, recorded by the
    # bullet, ``data_model.overview (API contracts)``) is in place where each part of it is.
    moved: dict[str, list[str]] = defaultdict(list)
    for placement in conversion.placed:
        moved[placement.path.split(" (")[0]].append(placement.field)
    # Where the target's writer put each field (the report): the home of a field the target
    # holds under no heading of its own or of a parent's (aadt's migrations, under the
    # heading of its migration commands).
    written = {entry.path: normalize_title(entry.section) for entry in conversion.report()}
    found = total = 0
    template = _template_words(conversion.source)
    flat = leaves(attrs.evolve(conversion.plan, extra_sections=(), headings=(), labels=()))
    for path, value in flat:
        if not isinstance(value, str):
            continue
        pattern = _INDEX.sub("", path)
        # The section of known meaning the field was read from: its nearest key with a heading.
        key = pattern
        while key and key not in keys:
            key = key.rpartition(".")[0]
        if not key:
            continue
        # The plan's own words, as for the body share: the source format's labels a field keeps
        # (the rapid Spec Kit's ``- Database schema changes``) are its template's, not the plan's.
        words = _words(value) - template[pattern]
        total += sum(words.values())
        homes = moved.get(path)
        titles = set()
        if not homes:
            titles = _titles(target.name, pattern, conversion.plan) if _held(target.holds, pattern) else set()
            if not titles and _held(target.holds, pattern) and path in written:
                titles = {written[path]}
        for home in homes or ():
            if any(p == home or p.startswith(home + ".") for p in target.holds):
                titles |= _titles(target.name, home, conversion.plan)
            else:
                titles.add(normalize_title(home))
        there: Counter[str] = Counter()
        for node in _nodes_titled(nodes, titles):
            there += _words(node.content)
        found += sum(min(count, there[word]) for word, count in words.items())
    return found, total


def phases_placed(conversion: plancore.Conversion) -> tuple[int, int]:
    """(words of the plan's phases in the target's section of their phase, such words) of the conversion of
    a tasks file, whose sections of known meaning are its phases (no heading of a fixed title): a phase's
    section is the first heading after the previous phase's whose title holds the phase's name, with its
    sub-sections (aadt's steps); a phase without a name, or whose heading is not found, is not in place."""
    nodes = sorted(outline(_split(conversion.text)[0]).walk(), key=lambda node: node.start)
    template = _template_words(conversion.source)
    flat = leaves(attrs.evolve(conversion.plan, extra_sections=(), headings=(), labels=()))
    found = total = 0
    at = 0
    for index, phase in enumerate(conversion.plan.phases):
        words: Counter[str] = Counter()
        for path, value in flat:
            if isinstance(value, str) and path.startswith(f"phases[{index}]."):
                words += _words(value) - template[_INDEX.sub("", path)]
        total += sum(words.values())
        name = normalize_title(phase.name)
        hit = next((i for i in range(at, len(nodes)) if name and name in nodes[i].key), None)
        if hit is not None:
            at = hit + 1
            found += _found(words, _words(nodes[hit].raw))
    return found, total


def _held(holds: frozenset[str], pattern: str) -> bool:
    return pattern in holds


def _key_fields(source: str, plan: plancore.Plan) -> list[tuple[str, str, str]]:
    """(path, pattern, key) of each text field of ``plan`` read from a section of known meaning."""
    keys = {h.label for h in own_headings(get_format(source))}
    fields = []
    for path, value in leaves(attrs.evolve(plan, extra_sections=(), headings=(), labels=())):
        if not isinstance(value, str):
            continue
        pattern = _INDEX.sub("", path)
        key = pattern
        while key and key not in keys:
            key = key.rpartition(".")[0]
        if key:
            fields.append((path, pattern, key))
    return fields


def _found(words: Counter[str], there: Counter[str]) -> int:
    return sum(min(count, there[word]) for word, count in words.items())


def tasks_shares(conversion: plancore.Conversion) -> tuple[tuple[int, int], tuple[int, int]]:
    """(body, placed) of a conversion to a tasks file, over the plan's phases only:
    a tasks file holds nothing else. A phase's words are in place anywhere in the
    tasks file's body (its phases are its top sections)."""
    body = _words(_split(conversion.text)[0])
    values = dict(leaves(conversion.plan))
    words: Counter[str] = Counter()
    for path, pattern, _ in _key_fields(conversion.source, conversion.plan):
        if pattern.startswith("phases."):
            words += _words(str(values[path]))
    found = _found(words, body)
    return (found, sum(words.values())), (found, sum(words.values()))


# The feature folder's file for a part of the plan that is not plan.md's.
_FOLDER_FILES = (
    ("phases", "tasks.md"),
    ("decisions", "research.md"),
    ("data_model", "data-model.md"),
    ("api", "contracts/"),
)


def feature_shares(source_text: str, source: str) -> tuple[tuple[int, int], tuple[int, int]]:
    """(body, placed) of ``source_text`` written as a Spec Kit feature folder, its files scored together."""
    plan = plancore.parse(source_text, source)
    with tempfile.TemporaryDirectory() as folder:
        plancore.write_feature(plan, folder)
        files = {
            path.relative_to(folder).as_posix(): path.read_text(encoding="utf-8")
            for path in sorted(Path(folder).rglob("*"))
            if path.is_file() and path.suffix == ".md"
        }
    # Every file's appendix is no body: tasks.md carries what it has no place for as plan.md does.
    bodies = {name: _split(text)[0] for name, text in files.items()}
    plan_body = bodies.get("plan.md", "")
    own = own_words(source_text, source)
    in_body = _words("\n".join(bodies.values()))
    body = (_found(own, in_body), sum(own.values()))
    nodes = list(outline(plan_body).walk())
    target = get_format("speckit-github")
    values = dict(leaves(plan))
    found = total = 0
    template = _template_words(source)
    for path, pattern, _ in _key_fields(source, plan):
        words = _words(str(values[path])) - template[pattern]
        total += sum(words.values())
        home = next((name for key, name in _FOLDER_FILES if pattern == key or pattern.startswith(key + ".")), None)
        if home is not None:
            there = _words("\n".join(text for name, text in bodies.items() if name.startswith(home)))
        elif _held(target.holds, pattern):
            there = Counter()
            for node in _nodes_titled(nodes, _titles(target.name, pattern, plan)):
                there += _words(node.content)
        else:
            there = _words(plan_body)
        found += _found(words, there)
    return body, (found, total)


def main(argv: list[str]) -> int:
    per_pair: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    lines = "--pairs" in argv
    for source, path in _plans():
        text = path.read_text(encoding="utf-8")
        for target in plancore.formats():
            if target == source:
                continue
            if target == "speckit-tasks":
                b, p = tasks_shares(plancore.convert(text, target, source=source))
            else:
                conversion = plancore.convert(text, target, source=source)
                b = body_share(text, source, conversion.text)
                p = phases_placed(conversion) if source == "speckit-tasks" else placed_share(conversion)
            row = per_pair[(source, target)]
            row[0] += b[0]
            row[1] += b[1]
            row[2] += p[0]
            row[3] += p[1]
            if lines:
                print(f"{path.name:50} -> {target:15} body {_pct(*b):>7} placed {_pct(*p):>7}")
        if source != "speckit-github":
            b, p = feature_shares(text, source)
            row = per_pair[(source, "speckit-feature")]
            for index, value in enumerate((*b, *p)):
                row[index] += value
            if lines:
                print(f"{path.name:50} -> {'speckit-feature':15} body {_pct(*b):>7} placed {_pct(*p):>7}")
    print(f"{'pair':35} {'body':>8} {'placed':>8}")
    sums = [0, 0, 0, 0]
    for (source, target), row in sorted(per_pair.items()):
        print(f"{source + ' -> ' + target:35} {_pct(row[0], row[1]):>8} {_pct(row[2], row[3]):>8}")
        sums = [a + b for a, b in zip(sums, row, strict=True)]
    print(f"{'overall':35} {_pct(sums[0], sums[1]):>8} {_pct(sums[2], sums[3]):>8}")
    return 0


def _pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "n/a"


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
