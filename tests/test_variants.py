"""Issue 3: real plans depart from their template, and still round trip and mean the same.

For every format, a filled plan (``FULL``, below, restricted to what the format
holds) is written out and then varied the way real plans vary (see
``../shared/FORMATS.md``, "What real plans look like"). Each variant must

1. be written back byte for byte (``emit(parse(doc), f) == doc``),
2. read as the plan it says (the fields of ``FULL``, changed only where the
   variant changes content), and
3. read the same when written afresh from its fields (no kept source), so the
   fields, not the kept text, carry the meaning.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs
import pytest
from helpers import corpus_files, unplaced
from strategies import outside_fences

import plancore
from plancore import (
    Api,
    ApiExample,
    Architecture,
    ComplexityEntry,
    Component,
    DataModel,
    Decision,
    Dependency,
    Endpoint,
    Entity,
    FileChange,
    Labeled,
    LogEntry,
    Metadata,
    Option,
    Phase,
    Plan,
    Resources,
    Risk,
    Rollout,
    Step,
    Task,
    TimelineEntry,
)
from plancore._fields import restrict
from plancore._markdown import Node, outline
from plancore._registry import get_format

FORMATS = plancore.formats()


def formats_but(known: dict[str, str]) -> list[Any]:
    """Every format; those in ``known`` expected to fail (format -> why; see the issue report)."""
    return [
        pytest.param(name, marks=pytest.mark.xfail(strict=True, reason=known[name])) if name in known else name
        for name in FORMATS
    ]


# speckit-tasks' only sections are its phases, a run of items: there is no section to rename,
# translate, repeat, reorder or dress with emoji (a moved or repeated phase is another phase),
# no table and no plan-level prose. tests/test_tasks.py varies its shapes.
WITH_SECTIONS = [
    pytest.param(name, marks=pytest.mark.skip(reason="speckit-tasks has no such section (tests/test_tasks.py)"))
    if name == "speckit-tasks"
    else name
    for name in FORMATS
]


FULL = Plan(
    metadata=Metadata(
        title="Photo Albums",
        feature_id="042",
        issue_id="#42",
        spec_id="SPEC-042",
        spec_path="specs/042/spec.md",
        feature_dir="specs/042-photo-albums",
        plan_number="001",
        branch="042-photo-albums",
        author="Ada",
        created="2025-01-02",
        updated="2025-02-03",
        generated="2025-01-02",
        status="approved",
        spec_version="1.1",
        plan_version="1.2",
        input="Feature specification from `/specs/042-photo-albums/spec.md`",
    ),
    specification="Users group photos into albums.\nAlbums sort by date.",
    summary="Albums group photos by date.\nDrag and drop reorders them.",
    prerequisites=(Task(text="Read the spec", done=True), Task(text="Set up the database")),
    architecture=Architecture(
        overview="A Vite app over a local SQLite store.",
        interactions="The grid asks the store for thumbnails.",
        data_flow="Upload, then thumbnail, then index.",
        tech_stack=(Labeled(label="Language", value="TypeScript 5"), Labeled(label="Storage", value="SQLite")),
        components=(
            Component(
                name="AlbumGrid",
                change_type="New",
                responsibility="Shows albums",
                technology="React",
                notes="Virtualized",
            ),
            Component(
                name="PhotoStore",
                change_type="Modified",
                responsibility="Keeps photos",
                technology="SQLite",
                current="Flat list",
                change="Adds albums",
                risk="Low",
            ),
        ),
    ),
    decisions=(
        Decision(
            title="Thumbnail storage",
            context="Thumbnails are many",
            options=(Option(name="Files", notes="simple"), Option(name="Blobs", notes="atomic")),
            choice="Files",
            rationale="Fewer writes",
        ),
    ),
    api=Api(
        endpoints=(
            Endpoint(
                method="GET",
                path="/albums",
                change_type="New",
                description="Lists albums",
                auth="None",
                input="none",
                output="Album list",
                errors="500",
            ),
        ),
        examples=(ApiExample(name="List albums", request='{"page": 1}', response='{"albums": []}'),),
    ),
    data_model=DataModel(
        overview="Albums hold photos.",
        entities=(Entity(name="Album", change_type="New", schema="id INTEGER\ntitle TEXT"),),
        schema="CREATE TABLE albums (id INTEGER);",
        migrations="Run the album migration once.",
        migration_commands="npm run migrate",
    ),
    file_structure="Source lives in src/albums.",
    file_changes=(
        FileChange(path="src/albums/grid.tsx", change_type="new", description="The album grid"),
        FileChange(path="src/store.ts", change_type="modified", description="Album queries"),
    ),
    dependencies=(Dependency(name="sharp", version="0.33", purpose="Thumbnails", risk="Low", contingency="jimp"),),
    internal_dependencies=("PhotoStore",),
    phases=(
        Phase(
            name="Setup",
            goal="A running skeleton",
            priority="CRITICAL",
            estimate="2 days",
            dependencies="Design approved",
            description="Scaffold the app.",
            tasks=(Task(text="Create the repo", done=True), Task(text="Add CI")),
            deliverables=(Task(text="Skeleton app"), Task(text="CI pipeline")),
            steps=(
                Step(
                    title="Scaffold",
                    files=("src/main.ts",),
                    tasks=(Task(text="Run the generator", done=True),),
                    notes="Use Vite.",
                ),
            ),
        ),
        Phase(
            name="Core",
            goal="Albums work",
            priority="MEDIUM",
            estimate="1 week",
            dependencies="Setup merged",
            description="Build the albums.",
            tasks=(Task(text="Album grid"), Task(text="Drag and drop")),
            deliverables=(Task(text="Albums page"), Task(text="Reordering")),
            steps=(
                Step(
                    title="Grid",
                    files=("src/albums/grid.tsx",),
                    tasks=(Task(text="Render the grid"),),
                    notes="Virtualize it.",
                ),
            ),
        ),
    ),
    testing=plancore.Testing(
        strategy="Test the store first.",
        unit="Store queries.",
        integration="Upload flow.",
        e2e="Create an album.",
        manual="Drag photos around.",
        test_data="Ten sample photos.",
    ),
    risks=(
        Risk(risk="Large libraries", probability="Medium", impact="High", mitigation="Paginate"),
        Risk(risk="Corrupt files", probability="Low", impact="Medium", mitigation="Skip them"),
    ),
    resources=Resources(
        team=(Labeled(label="Frontend Developer", value="1 developer"),),
        infrastructure=(Labeled(label="CI", value="GitHub Actions"),),
    ),
    success_metrics=(Labeled(label="Performance", value="Grid renders in 100 ms"),),
    rollout=Rollout(
        strategy=(Labeled(label="Alpha", value="Team only"),),
        monitoring=(Labeled(label="Errors", value="Sentry"),),
    ),
    deployment="Ship as a static site.",
    feature_flags="albums_enabled",
    rollback="Turn the flag off.",
    definition_of_done=(Task(text="Tests pass", done=True), Task(text="Docs written")),
    timeline=(TimelineEntry(phase="Setup", start="2025-01-06", end="2025-01-07", status="Done"),),
    progress_log=(LogEntry(date="2025-01-06", update="Started"),),
    open_questions=("Do albums nest?",),
    notes="Keep the grid fast.",
    constitution_check="Simplicity: pass.",
    complexity=(
        ComplexityEntry(violation="Second store", why_needed="Offline cache", simpler_alternative="One is too slow"),
    ),
    documentation_structure="specs/042/ holds plan.md",
)


def expected(name: str) -> Plan:
    """``FULL`` as format ``name`` holds it."""
    plan = restrict(FULL, get_format(name).holds)
    if name == "maestro":
        # maestro's template writes "New" and "Modified" as placeholders: the
        # subsection a block sits in gives its kind.
        arch = plan.architecture
        plan = attrs.evolve(
            plan,
            architecture=attrs.evolve(arch, components=tuple(attrs.evolve(c, change_type="") for c in arch.components)),
            data_model=attrs.evolve(
                plan.data_model,
                entities=tuple(attrs.evolve(e, change_type="") for e in plan.data_model.entities),
            ),
            api=attrs.evolve(plan.api, endpoints=tuple(attrs.evolve(e, change_type="") for e in plan.api.endpoints)),
        )
    if name == "speckit":
        # So does Spec Kit's ("**New files:**", "**Modified files:**").
        plan = attrs.evolve(plan, file_changes=tuple(attrs.evolve(f, change_type="") for f in plan.file_changes))
    return plan


def written(name: str, plan: Plan | None = None) -> str:
    return plancore.emit(expected(name) if plan is None else plan, name)


# --- text surgery -----------------------------------------------------------------------------


def node(text: str, title: str) -> Node:
    for found in outline(text.replace("\r\n", "\n")).walk():
        if found.title == title:
            return found
    raise AssertionError(f"no heading {title!r}")


def retitle(text: str, old: str, new: str) -> str:
    found = node(text, old)
    end = text.index("\n", found.start)
    return text[: found.start] + "#" * found.level + " " + new + text[end:]


def cut(text: str, title: str) -> tuple[str, str]:
    """``text`` without the section ``title`` (heading to the next heading of its level or above)."""
    found = node(text, title)
    return text[: found.start] + text[found.end :], text[found.start : found.end]


def insert_before(text: str, title: str, chunk: str) -> str:
    """``text`` with ``chunk`` inserted before the heading ``title`` (at the end for "")."""
    if not title:
        return text.rstrip("\n") + "\n\n" + chunk
    found = node(text, title)
    return text[: found.start] + chunk + text[found.start :]


def table_columns(text: str, first: str, change: Callable[[list[str], int], list[str]]) -> str:
    """``text`` with the rows of the table whose header starts with ``first`` changed cell-wise."""
    lines = text.split("\n")
    start = next(i for i, line in enumerate(lines) if re.match(r"^\|\s*" + re.escape(first) + r"\s*\|", line))
    end = start
    while end < len(lines) and lines[end].startswith("|"):
        cells = lines[end].strip().strip("|").split("|")
        lines[end] = "|" + "|".join(change(cells, end - start)) + "|"
        end += 1
    return "\n".join(lines)


def add_column(text: str, first: str, header: str, value: str) -> str:
    def change(cells: list[str], row: int) -> list[str]:
        return [*cells, f" {header} " if row == 0 else "---" if row == 1 else f" {value} "]

    return table_columns(text, first, change)


def drop_column(text: str, first: str, column: str) -> str:
    header = next(line for line in text.split("\n") if re.match(r"^\|\s*" + re.escape(first) + r"\s*\|", line))
    index = [cell.strip() for cell in header.strip().strip("|").split("|")].index(column)
    return table_columns(text, first, lambda cells, row: cells[:index] + cells[index + 1 :])


def untrail(value: Any) -> Any:
    """``value`` with trailing blanks cut from every line of its texts."""
    if isinstance(value, str):
        return re.sub(r"[ \t]+(?=\n|$)", "", value)
    if isinstance(value, tuple):
        return tuple(untrail(item) for item in value)
    if attrs.has(type(value)):
        return attrs.evolve(
            value, **{f.name: untrail(getattr(value, f.name)) for f in attrs.fields(type(value)) if f.eq}
        )
    return value


# --- the checks -------------------------------------------------------------------------------


def fields(plan: Plan) -> Plan:
    """``plan``'s fields, less what is kept as written (verbatim sections, headings)."""
    return attrs.evolve(plan, extra_sections=(), headings=(), source=None)


def kept(plan: Plan) -> list[tuple[str, int, str]]:
    """The verbatim sections of ``plan`` (heading, level, body), wherever they go."""
    return [(section.heading, section.level, section.body) for section in plan.extra_sections]


def read(name: str, text: str, *, exact: bool = True) -> Plan:
    """``text`` read as ``name``, after checking that it round trips byte for byte, kept or not.

    Written afresh, it reads as the same plan, its verbatim sections in the same
    places (``exact``) or, where the writer had to move one, anywhere.
    """
    plan = plancore.parse(text, name)
    assert plancore.emit(plan, name) == text
    again = plancore.parse(plancore.emit(attrs.evolve(plan, source=None), name), name)
    if exact:
        assert attrs.evolve(again, source=None) == attrs.evolve(plan, source=None)
    else:
        assert unplaced(again) == unplaced(plan)
    return plan


# --- variants that keep every field -----------------------------------------------------------


def _front_matter(text: str) -> str:
    return "---\ntitle: Photo Albums\ntags: [albums, photos]\n---\n\n" + text


def _tabs(text: str) -> str:
    def change(line: str) -> str:
        line = re.sub(r"^(\s*)([-*+]|\d+[.)]) ", lambda m: m.group(1).replace("  ", "\t") + m.group(2) + "\t", line)
        return re.sub(r"^(#{1,6}) ", "\\1\t", line)

    return outside_fences(text, change)


def _markers(text: str) -> str:
    def change(line: str) -> str:
        line = re.sub(r"^(\s*)- ", "\\1* ", line)
        return re.sub(r"^(\s*\d+)\. ", "\\1) ", line)

    return outside_fences(text, change)


LAYOUT: dict[str, Callable[[str], str]] = {
    "crlf": lambda text: text.replace("\n", "\r\n"),
    "bom": lambda text: "\ufeff" + text,
    "bom-crlf": lambda text: "\ufeff" + text.replace("\n", "\r\n"),
    "no-final-newline": lambda text: text.rstrip("\n"),
    "leading-blank-line": lambda text: "\n" + text,
    "blank-lines-doubled": lambda text: text.replace("\n\n", "\n\n\n"),
    "tabs": _tabs,
    "list-markers": _markers,
}


@pytest.mark.parametrize("variant", list(LAYOUT))
@pytest.mark.parametrize("name", FORMATS)
def test_layout_variant_keeps_every_field(name: str, variant: str) -> None:
    plan = read(name, LAYOUT[variant](written(name)))
    assert fields(plan) == expected(name)
    assert kept(plan) == []


@pytest.mark.parametrize("name", FORMATS)
def test_trailing_spaces_are_layout(name: str) -> None:
    text = "\n".join(line + "  " if line.strip() else line for line in written(name).split("\n"))
    plan = read(name, text)
    # Prose keeps its hard line breaks ("  " before a line end) as written; no
    # field ends in blanks, so one-line fields are exactly as before.
    assert untrail(fields(plan)) == expected(name)
    assert fields(plan).metadata.title == "Photo Albums"
    for path in ("phases", "risks", "decisions", "architecture"):
        assert getattr(fields(plan), path) == untrail(getattr(fields(plan), path)) or "\n" in repr(
            getattr(expected(name), path)
        )
    assert kept(plan) == []


def test_trailing_spaces_keep_fixed_lines() -> None:
    # SmartSpec's footer and example labels, Spec Kit's closing instructions:
    # fixed lines found with trailing blanks are still the fixed lines.
    for name, field, value in [
        ("smartspec", "metadata", FULL.metadata.updated),
        ("smartspec", "api", FULL.api.examples[0].response),
        ("speckit", "deployment", FULL.deployment),
    ]:
        text = "\n".join(line + " " if line.strip() else line for line in written(name).split("\n"))
        plan = read(name, text)
        if field == "metadata":
            assert plan.metadata.updated == value
        elif field == "api":
            assert plan.api.examples[0].response == value
        else:
            assert plan.deployment == value


@pytest.mark.parametrize(
    ("footer", "updated"),
    [
        ("*Generated by SmartSpec Pro*\n", ""),
        ("*Generated by SmartSpec Pro - Kilo Architect Mode*", ""),
        ("*Last Updated: 2025-03-04*\n", "2025-03-04"),
        ("*Generated by SmartSpec Pro*  \n*Last Updated: 2025-03-04*\n", "2025-03-04"),
    ],
)
def test_a_smartspec_footer_of_either_line_alone_is_the_footer(footer: str, updated: str) -> None:
    # Real SmartSpec plans end `*Generated by SmartSpec Pro*` with no date line; read as the footer, it
    # is no part of the last section, so no other format carries it.
    full = written("smartspec")
    rule = full.rindex("\n---\n\n*Generated by SmartSpec Pro - Kilo Architect Mode*\n*Last Updated: ")
    text = full[: rule + len("\n---\n\n")] + footer
    plan = read("smartspec", text)
    whole = expected("smartspec")
    assert fields(plan) == attrs.evolve(whole, metadata=attrs.evolve(whole.metadata, updated=updated))
    assert kept(plan) == []
    edited = plancore.emit(attrs.evolve(plan, rollback="Restore the last release."), "smartspec")
    assert edited.endswith("\n\nRestore the last release.\n\n---\n\n" + footer)
    conversion = plancore.convert(text, "maestro", source="smartspec")
    assert "SmartSpec Pro" not in conversion.text and "Last Updated" not in conversion.text
    assert conversion.losses == plancore.convert(full, "maestro", source="smartspec").losses


@pytest.mark.parametrize("name", FORMATS)
def test_front_matter_is_kept_before_the_title(name: str) -> None:
    text = _front_matter(written(name))
    plan = read(name, text)
    assert fields(plan) == expected(name)
    assert kept(plan) == [("", 0, "---\ntitle: Photo Albums\ntags: [albums, photos]\n---")]
    fresh = plancore.emit(attrs.evolve(plan, source=None), name)
    assert fresh.startswith("---\ntitle: Photo Albums\n"), fresh[:80]


# --- variants of sections, per format ---------------------------------------------------------


@attrs.frozen
class Spec:
    """How a format's filled plan is varied; titles are the headings ``written`` gives."""

    renamed: list[tuple[str, str]]
    translated: list[tuple[str, str]]
    renumbered: list[tuple[str, str]]
    repeated: str
    reordered: tuple[str, str]  # move the first section before the second
    added: list[tuple[str, str]]  # (chunk, before this heading)
    dropped: tuple[str, Callable[[Plan], Plan]]
    emoji: list[tuple[str, str]]


SECURITY = "## Security Considerations\n\nAll uploads are scanned.\n\n"
SECURITY_SECTION = ("Security Considerations", 2, "All uploads are scanned.")
BACKGROUND = "### Background\n\nAlbums came from a survey.\n\n"
BACKGROUND_SECTION = ("Background", 3, "Albums came from a survey.")

SPECS = {
    "smartspec": Spec(
        renamed=[
            ("Executive Summary", "Summary"),
            ("Technical Decisions", "Key Decisions"),
            ("Testing Strategy", "Test Plan"),
            ("Rollout Plan", "Implementation Phases"),
            ("Component Design", "Components"),
        ],
        translated=[
            # Known by their shape: a table of components, phase headings.
            ("Component Design", "Diseño de componentes"),
            ("Rollout Plan", "Plan de despliegue"),
        ],
        renumbered=[
            ("Decision 1: Thumbnail storage", "Decision 4: Thumbnail storage"),
            ("Phase 2: Core", "Phase 7: Core"),
        ],
        repeated="File Structure",
        reordered=("Testing Strategy", "Executive Summary"),
        added=[(SECURITY, "File Structure"), (BACKGROUND, "Architecture Overview")],
        dropped=("File Structure", lambda plan: attrs.evolve(plan, file_structure="")),
        emoji=[("Executive Summary", "📋 Executive Summary"), ("Architecture Overview", "🏗️ Architecture Overview")],
    ),
    "maestro": Spec(
        renamed=[
            ("7. Risks and Mitigations", "7. Risk Assessment"),
            ("1. Architecture Overview", "1. Technical Architecture"),
            ("1.3 Key Design Decisions", "1.3 Design Decisions"),
            ("6.3 End-to-End Tests", "6.3 E2E Tests"),
            ("8. Open Questions", "8. Unresolved Questions"),
        ],
        translated=[("7. Risks and Mitigations", "7. Riesgos y mitigaciones")],
        renumbered=[
            ("1. Architecture Overview", "3. Architecture Overview"),
            ("1.1 High-Level Design", "3.1 High-Level Design"),
            ("7. Risks and Mitigations", "9. Risks and Mitigations"),
            ("Phase 2: Core", "Phase 5: Core"),
        ],
        repeated="7. Risks and Mitigations",
        reordered=("8. Open Questions", "1. Architecture Overview"),
        added=[(SECURITY, "8. Open Questions"), (BACKGROUND, "1.2 Component Interactions")],
        dropped=("7. Risks and Mitigations", lambda plan: attrs.evolve(plan, risks=())),
        emoji=[
            ("1. Architecture Overview", "1. 🏗️ Architecture Overview"),
            ("7. Risks and Mitigations", "⚠️ 7. Risks and Mitigations"),
        ],
    ),
    "specpulse": Spec(
        renamed=[
            ("Risk Assessment", "Risks and Mitigations"),
            ("Additional Notes", "Notes"),
            ("High-Level Design", "Overview"),
            ("Technical Stack", "Tech Stack"),
            ("Success Metrics", "Success Criteria"),
        ],
        translated=[
            ("Risk Assessment", "Riskler"),
            ("Additional Notes", "Ek Notlar"),
            ("Implementation Phases", "Uygulama Fazları"),
            ("Success Metrics", "Başarı Metrikleri"),
        ],
        renumbered=[("Phase 1: Setup [Priority: CRITICAL]", "Phase 3: Setup [Priority: CRITICAL]")],
        repeated="Additional Notes",
        reordered=("Definition of Done", "Architecture Overview"),
        added=[(SECURITY, "Resource Requirements"), (BACKGROUND, "Architecture Overview")],
        dropped=("Success Metrics", lambda plan: attrs.evolve(plan, success_metrics=())),
        emoji=[("Implementation Phases", "🏗️ Implementation Phases"), ("Definition of Done", "✅ Definition of Done")],
    ),
    "aadt": Spec(
        renamed=[
            ("Risks & Mitigations", "Risks and Mitigations"),
            ("Overview", "Summary"),
            ("Implementation Steps", "Implementation Plan"),
            ("Migration/Deployment", "Deployment"),
            ("Progress Log", "Changelog"),
        ],
        translated=[("Risks & Mitigations", "Riesgos"), ("Implementation Steps", "Pasos de implementación")],
        renumbered=[("Phase 2: Core", "Phase 5: Core"), ("Step 2.1: Grid", "Step 5.1: Grid")],
        repeated="Timeline",
        reordered=("Timeline", "Overview"),
        added=[(SECURITY, "Dependencies"), (BACKGROUND, "Prerequisites")],
        dropped=("Timeline", lambda plan: attrs.evolve(plan, timeline=())),
        emoji=[("Overview", "📋 Overview"), ("Definition of Done", "✅ Definition of Done")],
    ),
    "speckit": Spec(
        renamed=[
            ("Risk Assessment", "Risks and Mitigations"),
            ("Implementation Steps", "Milestones"),
            ("Context", "Specification"),
            ("Technology Stack", "Tech Stack"),
            ("File Changes", "Files to Create/Modify"),
        ],
        translated=[("Risk Assessment", "Riesgos")],
        renumbered=[("Phase 2: Core", "Phase 5: Core")],
        repeated="Rollback Plan",
        reordered=("Rollback Plan", "Context"),
        added=[(SECURITY, "Rollback Plan"), (BACKGROUND, "Implementation Steps")],
        dropped=("Testing Strategy", lambda plan: attrs.evolve(plan, testing=plancore.Testing())),
        emoji=[("Context", "📋 Context"), ("Risk Assessment", "⚠️ Risk Assessment")],
    ),
    "speckit-github": Spec(
        renamed=[("Documentation (this feature)", "Documentation"), ("Source Code (repository root)", "Source Code")],
        translated=[
            ("Summary", "摘要"),
            ("Technical Context", "技術背景"),
            ("Constitution Check", "憲法檢查"),
            ("Project Structure", "專案結構"),
            ("Complexity Tracking", "複雜度追蹤"),
        ],
        renumbered=[("Summary", "1. Summary"), ("Constitution Check", "3. Constitution Check")],
        repeated="Complexity Tracking",
        reordered=("Constitution Check", "Summary"),
        # (Sub-sections of Summary and Constitution Check are their prose, of
        # Technical Context its entries: the background goes under the last section.)
        added=[(SECURITY, "Project Structure"), (BACKGROUND, "")],
        dropped=("Constitution Check", lambda plan: attrs.evolve(plan, constitution_check="")),
        emoji=[("Summary", "📋 Summary"), ("Technical Context", "⚙️ Technical Context")],
    ),
    # Only the variants a run of phase sections has (the others are skipped: WITH_SECTIONS).
    "speckit-tasks": Spec(
        renamed=[],
        translated=[],
        renumbered=[("Phase 1: Setup", "Phase 3: Setup"), ("Phase 2: Core", "Phase 7: Core")],
        repeated="",
        reordered=("", ""),
        added=[(SECURITY, "Phase 2: Core")],
        dropped=("Phase 2: Core", lambda plan: attrs.evolve(plan, phases=plan.phases[:1])),
        emoji=[],
    ),
}


@pytest.mark.parametrize("name", WITH_SECTIONS)
def test_renamed_sections(name: str) -> None:
    for old, new in SPECS[name].renamed:
        plan = read(name, retitle(written(name), old, new))
        assert fields(plan) == expected(name), (old, new)
        assert kept(plan) == [], (old, new)
        # The author's heading is kept, and written afresh (``read`` checks that).
        assert [heading.value for heading in plan.headings] == [new]


@pytest.mark.parametrize("name", WITH_SECTIONS)
def test_translated_sections(name: str) -> None:
    for old, new in SPECS[name].translated:
        plan = read(name, retitle(written(name), old, new))
        assert fields(plan) == expected(name), (old, new)
        assert kept(plan) == [], (old, new)
        assert [heading.value for heading in plan.headings] == [new]


@pytest.mark.parametrize("name", FORMATS)
def test_renumbered_sections(name: str) -> None:
    text = written(name)
    for old, new in SPECS[name].renumbered:
        text = retitle(text, old, new)
    plan = read(name, text)
    # A phase renumbered keeps its number (Phase.number), and so does one after it no longer
    # counted on from it; a number counted on from its predecessor's is the writer's, not kept.
    numbers = {
        new.partition(": ")[2].partition(" [")[0]: new.split()[1].rstrip(":")
        for _, new in SPECS[name].renumbered
        if new.startswith("Phase ")
    }
    want = expected(name)
    phases, previous = [], 0
    for place, phase in enumerate(want.phases, 1):
        number = int(numbers.get(phase.name, place))
        phases.append(attrs.evolve(phase, number="" if number == previous + 1 else str(number)))
        previous = number
    assert fields(plan) == attrs.evolve(want, phases=tuple(phases))
    assert kept(plan) == []


@pytest.mark.parametrize("name", WITH_SECTIONS)
def test_repeated_section_is_kept_verbatim(name: str) -> None:
    title = SPECS[name].repeated
    text = written(name)
    found = node(text, title)
    copy = text[found.start : found.end].rstrip("\n") + "\n\n"
    plan = read(name, text[: found.end] + copy + text[found.end :])
    assert fields(plan) == expected(name)
    [(heading, level, body)] = kept(plan)
    assert (heading, level) == (title, found.level)
    assert body.split("\n")[0] in copy


@pytest.mark.parametrize("name", WITH_SECTIONS)
def test_reordered_sections(name: str) -> None:
    moved, before = SPECS[name].reordered
    text, section = cut(written(name), moved)
    plan = read(name, insert_before(text, before, section.rstrip("\n") + "\n\n"))
    assert fields(plan) == expected(name)
    assert kept(plan) == []


@pytest.mark.parametrize("name", FORMATS)
def test_added_sections_are_kept_verbatim(name: str) -> None:
    for chunk, before in SPECS[name].added:
        plan = read(name, insert_before(written(name), before, chunk))
        assert fields(plan) == expected(name), chunk
        assert kept(plan) == [SECURITY_SECTION if chunk == SECURITY else BACKGROUND_SECTION]


@pytest.mark.parametrize("name", FORMATS)
def test_dropped_section(name: str) -> None:
    title, change = SPECS[name].dropped
    text, _section = cut(written(name), title)
    plan = read(name, text)
    assert fields(plan) == change(expected(name))
    assert kept(plan) == []


@pytest.mark.parametrize("name", WITH_SECTIONS)
def test_emoji_in_headings(name: str) -> None:
    text = written(name)
    for old, new in SPECS[name].emoji:
        text = retitle(text, old, new)
    plan = read(name, text)
    assert fields(plan) == expected(name)
    assert kept(plan) == []


@pytest.mark.parametrize("name", WITH_SECTIONS)
def test_section_after_a_shortened_container(name: str) -> None:
    # A container section missing its last sub-sections, then a section no
    # field holds: written afresh, that section must not swallow the
    # sub-sections the template writes after the last one the plan had.
    text = written(name)
    roots = outline(text).roots[0].children
    cases = 0
    for container in roots[:-1]:
        for first in range(1, len(container.children)):
            cut_at = container.children[first].start
            varied = text[:cut_at] + "## Appendix Z\n\nZ body.\n\n" + text[container.end :]
            plan = read(name, varied, exact=False)
            assert ("Appendix Z", 2, "Z body.") in kept(plan), (container.title, first)
            cases += 1
    assert cases > 0


# --- tables -----------------------------------------------------------------------------------

# Format -> (first header cell of a table, the field its rows fill, a column and its field).
TABLES = {
    "smartspec": ("Component", "architecture.components", "Notes", "notes"),
    "maestro": ("Risk", "risks", "Impact", "impact"),
    "specpulse": ("Risk", "risks", "Impact", "impact"),
    "aadt": ("Dependency", "dependencies", "Version", "version"),
    "speckit": ("Risk", "risks", "Probability", "probability"),
    "speckit-github": ("Violation", "complexity", "Why Needed", "why_needed"),
}


def _get(plan: Plan, path: str) -> Any:
    value: Any = plan
    for part in path.split("."):
        value = getattr(value, part)
    return value


def _set(plan: Plan, path: str, value: Any) -> Plan:
    head, _, last = path.rpartition(".")
    if not head:
        return attrs.evolve(plan, **{last: value})
    return attrs.evolve(plan, **{head: attrs.evolve(getattr(plan, head), **{last: value})})


@pytest.mark.parametrize("name", WITH_SECTIONS)
def test_table_with_a_missing_column(name: str) -> None:
    first, path, column, field = TABLES[name]
    plan = read(name, drop_column(written(name), first, column))
    rows = tuple(attrs.evolve(row, **{field: ""}) for row in _get(expected(name), path))
    assert fields(plan) == _set(expected(name), path, rows)
    assert kept(plan) == []


@pytest.mark.parametrize("name", WITH_SECTIONS)
def test_table_with_an_extra_column_is_kept_verbatim(name: str) -> None:
    # A column no field holds would be lost silently if its rows were taken
    # into fields: the table is kept as written instead.
    first, path, _column, _field = TABLES[name]
    text = add_column(written(name), first, "Owner", "Ada")
    plan = read(name, text)
    assert fields(plan) == _set(expected(name), path, ())
    assert any("| Owner |" in body and "| Ada |" in body for _h, _l, body in kept(plan))


# --- checklists -------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["specpulse", "aadt"])
@pytest.mark.parametrize(
    ("done", "undone"), [("[X]", "[ ]"), ("✅", "☐"), ("[x]", "[~]"), ("✔️", "⬜")], ids=["X", "emoji", "tilde", "ticks"]
)
def test_check_marks(name: str, done: str, undone: str) -> None:
    text = written(name).replace("- [x] ", f"- {done} ").replace("- [ ] ", f"- {undone} ")
    text = re.sub(r"(?m)^(\d+\.) \[x\] ", f"\\1 {done} ", text)
    text = re.sub(r"(?m)^(\d+\.) \[ \] ", f"\\1 {undone} ", text)
    assert done in text and undone in text
    plan = read(name, text)
    assert fields(plan) == expected(name)
    assert plan.definition_of_done == (Task(text="Tests pass", done=True), Task(text="Docs written"))


# --- code fences ------------------------------------------------------------------------------

FENCED = (
    "Run it like this:\n\n"
    "```sh\n# not a heading\n## nor this\nmake albums\n```\n\n"
    "````markdown\n## Example plan\n```\n# still inside\n```\n````"
)
# Format -> a prose field that holds Markdown.
PROSE = {
    "smartspec": "rollback",
    "maestro": "file_structure",
    "specpulse": "notes",
    "aadt": "notes",
    "speckit": "deployment",
    "speckit-github": "summary",
}


@pytest.mark.parametrize("name", WITH_SECTIONS)
def test_fences_holding_heading_lines(name: str) -> None:
    plan = _set(expected(name), PROSE[name], FENCED)
    text = written(name, plan)
    assert "\n## nor this\n" in text and "\n```\n# still inside\n```\n````" in text
    back = read(name, text)
    assert fields(back) == plan
    assert kept(back) == []


def test_specification_fence_holding_headings() -> None:
    spec = "# Albums\n\n## Stories\n\n```\n## not a heading\n```"
    plan = attrs.evolve(expected("speckit"), specification=spec)
    text = written("speckit", plan)
    assert "````\n# Albums\n" in text
    back = read("speckit", text)
    assert back.specification == spec
    assert fields(back) == plan


# --- meaning ----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["maestro", "specpulse", "aadt", "speckit"])
def test_risks_and_mitigations_is_the_risk_section(name: str) -> None:
    text = written(name)
    for title in ("7. Risks and Mitigations", "Risk Assessment", "Risks & Mitigations"):
        if f"# {title}\n" in text:
            text = retitle(text, title, "Risks and Mitigations")
    plan = read(name, text)
    assert plan.risks[0].risk == "Large libraries"
    assert plan.risks[1].mitigation == "Skip them"


SPECPULSE_RISK_TABLE = """\
## Risks and Mitigations

| Risk | Probability | Impact | Mitigation |
|------|-------------|--------|------------|
| Token theft | Low | High | Short-lived tokens |

"""


def test_specpulse_risk_table_under_its_own_heading() -> None:
    # Not the template's container of "Technical Risks" and "Dependencies", but
    # a risk table right under the heading, as other tools write it.
    text = written("specpulse")
    text, _section = cut(text, "Risk Assessment")
    text = insert_before(text, "Resource Requirements", SPECPULSE_RISK_TABLE)
    plan = read("specpulse", text)
    assert plan.risks == (Risk(risk="Token theft", probability="Low", impact="High", mitigation="Short-lived tokens"),)
    assert fields(plan) == attrs.evolve(expected("specpulse"), risks=plan.risks, dependencies=())


@pytest.mark.parametrize(
    ("suffix", "priority"),
    [
        ("[Priority: CRITICAL]", "CRITICAL"),
        ("(Priority: LOW)", "LOW"),
        ("[Priority: P0 - KRİTİK]", "P0 - KRİTİK"),
        ("[priority: low]", "low"),
        ("(Öncelik: P1)", "P1"),
    ],
)
def test_specpulse_priorities(suffix: str, priority: str) -> None:
    text = retitle(written("specpulse"), "Phase 2: Core [Priority: MEDIUM]", f"Phase 2: Core {suffix}")
    plan = read("specpulse", text)
    assert (plan.phases[1].name, plan.phases[1].priority) == ("Core", priority)
    assert plan.phases[0].priority == "CRITICAL"


PHASE_TITLES = {
    "smartspec": "Phase 2: Core",
    "maestro": "Phase 2: Core",
    "specpulse": "Phase 2: Core [Priority: MEDIUM]",
    "aadt": "Phase 2: Core",
    "speckit": "Phase 2: Core",
}


DONE_MARKS = {
    "trailing check mark": lambda title: title + " ✅",
    "leading check mark": lambda title: "✅ " + title,
    "heavy check mark": lambda title: title + " ✔️",
    "ticked box": lambda title: title + " [x]",
    "word": lambda title: title + " (Done)",
}


@pytest.mark.parametrize("mark", list(DONE_MARKS))
@pytest.mark.parametrize("name", list(PHASE_TITLES))
def test_done_mark_in_phase_heading_means_done(name: str, mark: str) -> None:
    old = PHASE_TITLES[name]
    plan = read(name, retitle(written(name), old, DONE_MARKS[mark](old)))
    assert (plan.phases[1].name, plan.phases[1].done) == ("Core", True)
    # Only that phase: the others and the rest of the plan read as before.
    assert attrs.evolve(plan, phases=(), source=None, extra_sections=()) == attrs.evolve(
        expected(name), phases=(), extra_sections=()
    )
    assert [phase for index, phase in enumerate(plan.phases) if index != 1] == [
        phase for index, phase in enumerate(expected(name).phases) if index != 1
    ]


def test_done_mark_before_a_priority_means_done() -> None:
    old = PHASE_TITLES["specpulse"]
    plan = read("specpulse", retitle(written("specpulse"), old, "Phase 2: Core ✅ [Priority: MEDIUM]"))
    assert (plan.phases[1].name, plan.phases[1].priority, plan.phases[1].done) == ("Core", "MEDIUM", True)


@pytest.mark.parametrize("name", list(PHASE_TITLES))
@pytest.mark.parametrize("mark", ["🚧", "☐", "[~]"])
def test_other_marks_in_phase_heading_stay_in_the_name(name: str, mark: str) -> None:
    old = PHASE_TITLES[name]
    plan = read(name, retitle(written(name), old, old + " " + mark))
    assert plan.phases[1].name == "Core " + mark
    assert plan.phases[1].done is False


@pytest.mark.parametrize("name", list(PHASE_TITLES))
def test_done_phase_is_written_with_its_mark(name: str) -> None:
    plan = expected(name)
    done = attrs.evolve(plan, phases=(plan.phases[0], attrs.evolve(plan.phases[1], done=True), *plan.phases[2:]))
    text = plancore.emit(done, name)
    heading = next(line for line in text.split("\n") if line.startswith("### Phase 2:"))
    assert heading.endswith(" ✅")
    assert heading.count("✅") == 1
    assert fields(plancore.parse(text, name)) == done


# --- every corpus plan, varied ----------------------------------------------------------------

CORPUS = corpus_files()
CORPUS_VARIANTS: dict[str, Callable[[str], str]] = {
    "bom-crlf": LAYOUT["bom-crlf"],
    "front-matter": _front_matter,
    "no-final-newline": LAYOUT["no-final-newline"],
}


def _corpus_cases() -> list[Any]:
    cases = []
    for name, path in CORPUS:
        for variant in CORPUS_VARIANTS:
            cases.append(pytest.param(name, path, variant, id=f"{path.name}-{variant}"))
    return cases


@pytest.mark.skipif(not CORPUS, reason="../shared/corpus is absent")
@pytest.mark.parametrize(("name", "path", "variant"), _corpus_cases())
def test_corpus_plan_variant(name: str, path: Path, variant: str) -> None:
    text = path.read_bytes().decode("utf-8")
    original = plancore.parse(text, name)
    plan = read(name, CORPUS_VARIANTS[variant](text))
    assert fields(plan) == fields(original)
    if variant == "front-matter":
        assert kept(plan)[0] == ("", 0, "---\ntitle: Photo Albums\ntags: [albums, photos]\n---")
    else:
        assert kept(plan) == kept(original)


@pytest.mark.parametrize("target", FORMATS)
@pytest.mark.parametrize("name", FORMATS)
def test_front_matter_stays_before_the_title_in_a_conversion(name: str, target: str) -> None:
    text = _front_matter(written(name))
    result = plancore.convert(text, target, source=name)
    assert result.text.startswith("---\ntitle: Photo Albums\ntags: [albums, photos]\n---\n\n# ")
