"""Edits touch only what changed: a plan read from a document, changed in one field and
written in the same format, differs from the document only in that field's lines."""

from __future__ import annotations

import difflib
from collections.abc import Callable
from pathlib import Path

import attrs
import pytest
from helpers import corpus_files
from hypothesis import given
from strategies import plans

import plancore
from plancore._fields import restrict
from plancore._markdown import Node, Outline, outline
from plancore._model import Architecture, Labeled, LogEntry, Metadata, Task
from plancore._registry import get_format
from plancore._splice import candidates, splice

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "smartspec-plan.md"
DOCUMENTS = [*corpus_files(), ("smartspec", EXAMPLE)]


def _changed_lines(old: str, new: str) -> list[int]:
    """1-based numbers of the lines of ``old`` that ``new`` removes or changes, or inserts after."""
    lines = []
    matcher = difflib.SequenceMatcher(None, old.splitlines(), new.splitlines(), autojunk=False)
    for tag, i1, i2, _, _ in matcher.get_opcodes():
        if tag != "equal":
            lines.extend(range(i1 + 1, i2 + 1) if i2 > i1 else [i1])
    return lines


def _innermost(doc: Outline, needle: str) -> Node:
    """The innermost section whose own body holds ``needle``."""
    best = None
    for node in doc.walk():
        if needle in node.body:
            best = node
    assert best is not None, needle
    return best


def _lines_of(doc: Outline, node: Node) -> range:
    last = doc.line_of(node.end - 1) if node.end > node.start else node.line
    return range(node.line, last + 1)


def _section_lines(text: str, needle: str) -> range:
    """The lines of the innermost section whose own body holds ``needle``."""
    doc = outline(text)
    return _lines_of(doc, _innermost(doc, needle))


def _top_section(doc: Outline, needle: str) -> Node:
    """The top-level section holding the innermost section of ``needle``: the one below the
    document's ``#`` title (or, without a title over it, the outermost)."""
    inner = _innermost(doc, needle)
    chain = []
    nodes = doc.roots
    while nodes:
        node = next((node for node in nodes if node.start <= inner.start < node.end), None)
        if node is None:
            break
        chain.append(node)
        nodes = node.children
    return chain[1] if chain[0].level == 1 and len(chain) > 1 else chain[0]


Edit = Callable[[plancore.Plan], "tuple[plancore.Plan, str] | None"]


def _tick(plan: plancore.Plan) -> tuple[plancore.Plan, str] | None:
    for i, phase in enumerate(plan.phases):
        for j, task in enumerate(phase.tasks):
            if not task.text:
                continue
            tasks = (*phase.tasks[:j], attrs.evolve(task, done=not task.done), *phase.tasks[j + 1 :])
            phases = (*plan.phases[:i], attrs.evolve(phase, tasks=tasks), *plan.phases[i + 1 :])
            return attrs.evolve(plan, phases=phases), task.text.split("\n")[0]
        for k, step in enumerate(phase.steps):
            for j, task in enumerate(step.tasks):
                if not task.text:
                    continue
                tasks = (*step.tasks[:j], attrs.evolve(task, done=not task.done), *step.tasks[j + 1 :])
                steps = (*phase.steps[:k], attrs.evolve(step, tasks=tasks), *phase.steps[k + 1 :])
                phases = (*plan.phases[:i], attrs.evolve(phase, steps=steps), *plan.phases[i + 1 :])
                return attrs.evolve(plan, phases=phases), task.text.split("\n")[0]
    return None


def _edit_stack(plan: plancore.Plan) -> tuple[plancore.Plan, str] | None:
    stack = plan.architecture.tech_stack
    if not stack or not stack[0].value.strip():
        return None
    first = attrs.evolve(stack[0], value=stack[0].value + " (pinned)")
    architecture = attrs.evolve(plan.architecture, tech_stack=(first, *stack[1:]))
    return attrs.evolve(plan, architecture=architecture), stack[0].value.strip().split("\n")[0]


def _edit_risk(plan: plancore.Plan) -> tuple[plancore.Plan, str] | None:
    if not plan.risks or not plan.risks[0].risk:
        return None
    first = plan.risks[0]
    edited = attrs.evolve(first, mitigation=(first.mitigation + " Reviewed weekly.").strip())
    return attrs.evolve(plan, risks=(edited, *plan.risks[1:])), first.risk


def _append_progress(plan: plancore.Plan) -> tuple[plancore.Plan, str] | None:
    row = LogEntry(date="2026-11-22", update="Reviewed the plan")
    return attrs.evolve(plan, progress_log=(*plan.progress_log, row)), "Progress Log"


def _edit_summary(plan: plancore.Plan) -> tuple[plancore.Plan, str] | None:
    if not plan.summary:
        return None
    return attrs.evolve(plan, summary=plan.summary + "\n\nOne more paragraph."), plan.summary.split("\n")[-1]


# Edit -> (the fields it changes, of which a format must hold one; the edit).
EDITS: dict[str, tuple[tuple[str, ...], Edit]] = {
    "tick a task": (("phases.tasks.done", "phases.steps.tasks.done"), _tick),
    "edit a risk": (("risks.mitigation",), _edit_risk),
    "append a progress-log row": (("progress_log.update",), _append_progress),
    "edit the summary": (("summary",), _edit_summary),
    "edit the technology stack": (("architecture.tech_stack.value",), _edit_stack),
}
# Where the author laid a field out in a shape the writer does not use, an edit of it cannot
# be merged line by line: the top-level section holding the field is written in the writer's
# layout instead, and only it. For these the diff is checked to stay within that section (and
# to reach past the field's own, so that an entry no longer needed fails); for every other case
# within the field's own section.
# (The stack of jochu-001-photo-albums-zh-tw.md, written as headings, was one until the edit went
# into the author's line character by character.)
SECTION_REWRITES: dict[tuple[str, str], str] = {}
CASES = [
    pytest.param(name, path, edit, id=f"{path.name}-{edit}")
    for name, path in DOCUMENTS
    for edit, (fields, _) in EDITS.items()
    if get_format(name).holds & set(fields)
]


@pytest.mark.skipif(len(DOCUMENTS) < 2, reason="../shared/corpus is absent")
@pytest.mark.parametrize(("name", "path", "edit"), CASES)
def test_edit_touches_only_its_field(name: str, path: Path, edit: str) -> None:
    fields, change = EDITS[edit]
    held = set(fields) & get_format(name).holds
    text = path.read_bytes().decode("utf-8")
    plan = plancore.parse(text, name)
    changed = change(plan)
    if changed is None:
        pytest.skip(f"{path.name} has nothing to {edit}")
    edited, anchor = changed
    out = plancore.emit(edited, name)
    # The output reads as the edited plan...
    assert plancore.parse(out, name) == plancore.parse(plancore.emit(attrs.evolve(edited, source=None), name), name)
    assert restrict(plancore.parse(out, name), held) == restrict(edited, held)
    # ...and differs from the document only inside the section of the field.
    lines = _changed_lines(text, out)
    assert lines
    if edit == "append a progress-log row" and "Progress Log" not in text:
        return
    section = _section_lines(text, anchor) if edit != "append a progress-log row" else _heading_lines(text, anchor)
    if (path.name, edit) in SECTION_REWRITES:
        assert not set(lines) <= set(section), "merged within the field's section: drop the SECTION_REWRITES entry"
        doc = outline(text)
        top = _top_section(doc, anchor)
        assert set(lines) <= set(_lines_of(doc, top)), (lines, top.title)
        # Every byte outside that section is the document's own.
        assert out.startswith(text[: top.start]), top.title
        assert out.endswith(text[top.end :]), top.title
        return
    assert set(lines) <= set(section), (lines, section)
    if edit == "tick a task":
        assert len(lines) == 1


def _heading_lines(text: str, title: str) -> range:
    doc = outline(text)
    node = next(node for node in doc.walk() if title.casefold() in node.title.casefold())
    return range(node.line, doc.line_of(node.end - 1) + 1)


@pytest.mark.parametrize("variant", ["\r\n", "\ufeff", "no final newline", "trailing spaces"])
def test_edit_keeps_the_documents_own_bytes(variant: str) -> None:
    text = plancore.emit(
        plancore.Plan(
            phases=(plancore.Phase(name="Build", tasks=(Task(text="Write it"), Task(text="Test it"))),),
        ),
        "specpulse",
    )
    if variant == "\r\n":
        text = text.replace("\n", "\r\n")
    elif variant == "\ufeff":
        text = "\ufeff" + text
    elif variant == "no final newline":
        text = text.rstrip("\n")
    else:
        text = text.replace("\n", "  \n", 3)
    plan = plancore.parse(text, "specpulse")
    edited, _ = _tick(plan) or (plan, "")
    out = plancore.emit(edited, "specpulse")
    expected = text.replace("1. [ ] Write it", "1. [x] Write it")
    assert expected != text
    assert out == expected


# A speckit-github plan whose author wrote the Technical Context entries as headings of their
# own (and left the unfilled ones out), a shape the writer does not use, and spaced everything
# else with two blank lines where the writer puts one.
STACKED = plancore.Plan(
    metadata=Metadata(title="Photo Albums", branch="042-photo-albums"),
    summary="Albums group photos by date.",
    architecture=Architecture(
        tech_stack=(Labeled(label="Language/Version", value="TypeScript 5"), Labeled(label="Storage", value="SQLite"))
    ),
)


def _authored_stack(variant: str) -> tuple[str, str, str]:
    """The document, as (before its Technical Context, that section, after it)."""
    written = plancore.emit(STACKED, "speckit-github")
    start, end = written.index("## Technical Context\n"), written.index("## Constitution Check\n")
    entries = "".join(f"### {item.label}\n\n{item.value}\n\n" for item in STACKED.architecture.tech_stack)
    parts = [written[:start].replace("\n\n", "\n\n\n"), "## Technical Context\n\n" + entries, written[end:]]
    parts[2] = parts[2].replace("\n\n", "\n\n\n")
    if variant == "no final newline":
        parts[2] = parts[2].rstrip("\n")
    if variant == "\ufeff\r\n":
        parts = [part.replace("\n", "\r\n") for part in parts]
        parts[0] = "\ufeff" + parts[0]
    return parts[0], parts[1], parts[2]


@pytest.mark.parametrize("variant", ["\n", "\ufeff\r\n", "no final newline"])
def test_edit_that_cannot_be_merged_rewrites_only_its_section(variant: str) -> None:
    head, section, tail = _authored_stack(variant)
    text = head + section + tail
    plan = plancore.parse(text, "speckit-github")
    assert attrs.evolve(plan, source=None) == STACKED
    stack = plan.architecture.tech_stack
    edited = attrs.evolve(
        plan,
        architecture=attrs.evolve(plan.architecture, tech_stack=(*stack, Labeled(label="Testing", value="Vitest"))),
    )
    # Merged line by line, the edit would not read back: the writer's new entry lands in the body
    # of the author's last headed one.
    fmt = get_format("speckit-github")
    merged = splice(text, fmt._render(plan), fmt._render(edited))
    assert fmt.parse(merged) != fmt.parse(fmt._render(edited))

    out = plancore.emit(edited, "speckit-github")
    assert attrs.evolve(plancore.parse(out, "speckit-github"), source=None) == attrs.evolve(edited, source=None)
    # The other sections keep their bytes (their doubled blank lines, the BOM, the line ends, the
    # missing final newline); the Technical Context is the writer's, with the document's line end, its entries
    # headed as the author headed them (``Plan.list_styles``), not turned into bold labels.
    assert out.startswith(head)
    assert out.endswith(tail)
    rewritten = out[len(head) : len(out) - len(tail)]
    newline = "\r\n" if "\r\n" in variant else "\n"
    assert rewritten.startswith("## Technical Context" + newline)
    for label, value in (("Language/Version", "TypeScript 5"), ("Storage", "SQLite"), ("Testing", "Vitest")):
        assert f"{newline}### {label}{newline}{newline}{value}{newline}" in rewritten
    assert "**" not in rewritten
    assert newline == "\n" or "\n" not in rewritten.replace("\r\n", "")


def test_candidates_reach_further_one_section_at_a_time() -> None:
    # The source: a BOM, CRLF line ends, its own spacing, no final newline, and B's entries as
    # headings; the writer lays B's entries out as labels.
    source = "\ufeff# T\r\n\r\n\r\n## A\r\n\r\nalpha\r\n\r\n## B\r\n\r\n### x\r\n\r\nbeta\r\n\r\n### y\r\n\r\ndelta"
    before = "# T\n\n## A\n\nalpha\n\n## B\n\n**x**: beta\n\n**y**: delta\n"
    after = "# T\n\n## A\n\nalpha\n\n## B\n\n**x**: gamma\n\n**y**: delta\n"
    found = list(candidates(source, before, after))
    # (B merged on its own is the line-by-line merge again, and comes only once.)
    assert len(found) == 2
    assert found[0] == splice(source, before, after)
    # Every one keeps the head and section A as they are; the last has B as the writer writes it.
    assert all(text.startswith("\ufeff# T\r\n\r\n\r\n## A\r\n\r\nalpha\r\n\r\n## B\r\n") for text in found)
    assert found[-1] == "\ufeff# T\r\n\r\n\r\n## A\r\n\r\nalpha\r\n\r\n## B\r\n\r\n**x**: gamma\r\n\r\n**y**: delta"


def test_candidates_put_a_section_the_source_lacks_after_the_one_before() -> None:
    # The source has no section B, and A's entries as headings; the edit changes A and fills B.
    source = "# T\n\n## A\n\n### x\n\none\n\n### y\n\nthree\n\n## C\n\ngamma\n"
    before = "# T\n\n## A\n\n**x**: one\n\n**y**: three\n\n## B\n\n[placeholder]\n\n## C\n\ngamma\n"
    after = "# T\n\n## A\n\n**x**: two\n\n**y**: three\n\n## B\n\nbeta\n\n## C\n\ngamma\n"
    found = list(candidates(source, before, after))
    assert found[0] == splice(source, before, after)
    assert all(text.endswith("\n\n## B\n\nbeta\n\n## C\n\ngamma\n") for text in found[1:])
    assert found[-1] == "# T\n\n## A\n\n**x**: two\n\n**y**: three\n\n## B\n\nbeta\n\n## C\n\ngamma\n"


@given(plan=plans())
def test_edit_of_a_generated_plan_changes_only_its_lines(plan: plancore.Plan) -> None:
    # Every format holds the title: change it in each, on a document written
    # by the format itself.
    for name in plancore.formats():
        original = restrict(plan, get_format(name).holds)
        text = plancore.emit(original, name)
        parsed = plancore.parse(text, name)
        title = parsed.metadata.title + " Revised" if parsed.metadata.title else "Revised"
        edited = attrs.evolve(parsed, metadata=attrs.evolve(parsed.metadata, title=title))
        out = plancore.emit(edited, name)
        assert plancore.parse(out, name).metadata.title == title
        lines = _changed_lines(text, out)
        assert len(lines) == 1, (name, lines)
        assert title in out.splitlines()[lines[0] - 1]


@given(plan=plans())
def test_ticking_a_task_of_a_generated_plan_changes_one_line(plan: plancore.Plan) -> None:
    for name in ("specpulse", "aadt"):
        text = plancore.emit(restrict(plan, get_format(name).holds), name)
        changed = _tick(plancore.parse(text, name))
        if changed is None:
            continue
        edited, first_line = changed
        out = plancore.emit(edited, name)
        assert plancore.parse(out, name) == edited
        lines = _changed_lines(text, out)
        assert len(lines) == 1, (name, lines)
        assert first_line in out.splitlines()[lines[0] - 1]
