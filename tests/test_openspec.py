"""Issue 14, OpenSpec: a change folder (proposal.md, design.md, tasks.md, specs/<capability>/spec.md,
.openspec.yaml) read as one plan (``read_openspec``) and written back (``write_openspec``)."""

from __future__ import annotations

import difflib
import re
from collections import Counter
from pathlib import Path

import attrs
import pytest
from helpers import SHARED, copy_shared, shown
from hypothesis import given, settings
from strategies import openspec_requirements, openspec_task_plans, task_picks

import plancore
from plancore import Criterion, Phase, Plan, Requirement, Task
from plancore._convert import convert_plan
from plancore._errors import ParseError
from plancore._fields import leaves
from plancore._formats.openspec import PARTS, is_openspec_folder, read_openspec, write_openspec

CORPUS = SHARED / "corpus" / "openspec"
DELTA = "openspec-2025-08-19-adopt-delta-based-changes"
CODEX = "openspec-make-codex-skills-only"
TICKETS = "ticketflow-2026-05-01-mvp1-ticket-history"
PUBS = "wetherspooning-2025-12-27-add-pub-navigation-sidebar"
CHANGES = [DELTA, CODEX, TICKETS, PUBS]


def _copy(name: str, tmp_path: Path) -> Path:
    return copy_shared(CORPUS / name, tmp_path / name)


def _files(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in folder.rglob("*") if path.is_file()}


def _changed(before: dict[str, bytes], after: dict[str, bytes]) -> dict[str, list[str]]:
    """The lines each changed file lost and gained."""
    changed = {}
    for name in before.keys() | after.keys():
        old, new = before.get(name, b"").decode(), after.get(name, b"").decode()
        if old != new:
            diff = difflib.unified_diff(old.split("\n"), new.split("\n"), lineterm="", n=0)
            changed[name] = [line for line in diff if line[:1] in "+-" and not line.startswith(("+++", "---"))]
    return changed


def _tasks(plan: Plan) -> list[tuple[str, bool, tuple[tuple[str, bool], ...]]]:
    return [
        (task.text, task.done, tuple((sub.text, sub.done) for sub in task.subtasks))
        for phase in plan.phases
        for task in phase.tasks
    ]


# --- The four real changes ------------------------------------------------------------------------


@pytest.mark.parametrize("name", CHANGES)
def test_a_real_change_read_and_written_back_is_unchanged_byte_for_byte(name: str, tmp_path: Path) -> None:
    folder = _copy(name, tmp_path)
    before = _files(folder)
    plan = read_openspec(folder)
    result = write_openspec(plan, folder)
    assert result.written == () and result.losses == ()
    assert _files(folder) == before


@pytest.mark.parametrize("name", CHANGES)
def test_each_part_of_a_real_change_written_afresh_reads_back_as_read(name: str, tmp_path: Path) -> None:
    # What an edit is spliced by: a part's own rendering must read back as the part.
    folder = _copy(name, tmp_path)
    names = {"proposal.md": "proposal", "design.md": "design", "tasks.md": "tasks", "spec.md": "spec"}
    for path in sorted(folder.rglob("*.md")):
        fmt = PARTS["openspec-" + names[path.name]]
        plan = fmt.parse(path.read_text(encoding="utf-8"))
        assert fmt.parse(fmt.emit(attrs.evolve(plan, source=None))) == plan, path.name


def test_the_delta_based_change_as_read_by_hand(tmp_path: Path) -> None:
    plan = read_openspec(_copy(DELTA, tmp_path))
    assert plan.metadata.title == "Adopt Delta-Based Changes for Specifications"
    assert plan.intent.why.startswith("The current approach of storing complete future states")
    assert plan.intent.what_changes.startswith("Store only the requirements that actually change")
    assert plan.intent.impact.startswith("**Affected specs**: openspec-conventions, cli-archive, cli-diff")
    assert plan.intent.capabilities == ""
    # tasks.md: three numbered groups (``## Notes`` is none), 23 tasks of which 17 ticked, 19 sub-tasks.
    assert [phase.name for phase in plan.phases] == [
        "Update Conventions",
        "Update Diff Command",
        "Update Archive Command",
    ]
    tasks = [task for phase in plan.phases for task in phase.tasks]
    assert len(tasks) == 23 and sum(task.done for task in tasks) == 17
    assert sum(len(task.subtasks) for task in tasks) == 19
    assert (tasks[0].id, tasks[0].done, tasks[6].id, tasks[6].done) == ("1.1", True, "2.1", False)
    assert tasks[16].subtasks[0].text == (
        "3.5.1 Auto-generate minimal skeleton: `# [Spec Name] Specification`, `## Purpose` placeholder,"
        " `## Requirements`"
    )
    assert any(section.heading == "Notes" for section in plan.extra_sections)
    # specs/: 2 + 3 + 3 requirements, in path order, with their deltas as written.
    assert [(r.capability, r.change, r.title) for r in plan.requirements[:5]] == [
        ("cli-archive", "modified", "Spec Update Process"),
        ("cli-archive", "added", "Display Output"),
        ("cli-diff", "removed", "Display Format"),
        ("cli-diff", "modified", "Diff Output"),
        ("cli-diff", "added", "Validation"),
    ]
    assert len(plan.requirements) == 8
    removed = plan.requirements[2]
    assert removed.text == "The diff command SHALL display unified diff output in text format."
    assert removed.notes.startswith("**Reason for removal**: The standard unified diff format is replaced")
    assert [c.title for c in removed.criteria] == ["Unified diff output (deprecated)"]
    assert removed.criteria[0].text.split("\n")[0] == "- **WHEN** running `openspec diff <change>`"
    assert [len(r.criteria) for r in plan.requirements] == [3, 1, 1, 1, 1, 3, 4, 2]
    # No design.md; each spec's ``# … - Changes`` title is kept as a section of its own.
    assert plan.decisions == () and plan.summary == ""
    assert Counter(section.heading for section in plan.extra_sections if section.level == 1) == Counter(
        [
            "Implementation Tasks",
            "CLI Archive Command - Changes",
            "CLI Diff Command - Changes",
            "OpenSpec Conventions - Changes",
        ]
    )


def test_the_codex_change_as_read_by_hand(tmp_path: Path) -> None:
    plan = read_openspec(_copy(CODEX, tmp_path))
    # No proposal title: the change is named by its folder, as OpenSpec names it (`openspec/changes/<name>/`).
    assert plan.metadata.title == "openspec-make-codex-skills-only"
    assert plan.intent.why.startswith("Codex custom prompts are now a poor fit")
    assert plan.intent.what_changes.startswith("- **BREAKING**: Stop generating new Codex custom prompt files")
    assert plan.intent.capabilities.startswith("### New Capabilities\n- None.\n\n### Modified Capabilities")
    assert plan.intent.impact.startswith("- Affected code: `src/core/config.ts`")
    assert plan.summary.startswith("Codex is currently represented as both a skill-capable tool")
    assert [d.title for d in plan.decisions][:2] == [
        "Remove Codex from the command adapter registry",
        "Treat Codex as skills-invocable regardless of delivery mode",
    ]
    assert len(plan.decisions) == 6
    assert plan.decisions[0].context.startswith("Codex should no longer have a registered command adapter.")
    assert len(plan.risks) == 5
    assert plan.risks[2].risk == "Cleanup touches a global directory."
    assert plan.risks[2].mitigation.startswith("remove only exact allowlisted OpenSpec-owned filenames")
    tasks = [task for phase in plan.phases for task in phase.tasks]
    assert len(plan.phases) == 6 and len(tasks) == 39 and all(task.done for task in tasks)
    assert [task.text.split(" ")[0] for task in plan.phases[2].tasks][5:7] == ["3.6", "3.6a"]
    assert [len(r.criteria) for r in plan.requirements if r.capability == "ai-tool-paths"] == [2, 3, 3]
    assert Counter(r.capability for r in plan.requirements) == Counter(
        {"ai-tool-paths": 3, "cli-init": 3, "cli-update": 4, "command-generation": 3}
    )
    assert sum(len(r.criteria) for r in plan.requirements) == 8 + 9 + 25 + 8
    assert plan.requirements[0].text == (
        "The system SHALL identify `.codex/skills/` as the supported Codex OpenSpec workflow path."
    )
    # .openspec.yaml is carried verbatim.
    carried = [section for section in plan.extra_sections if section.heading == ".openspec.yaml"]
    assert carried and "schema: spec-driven\ncreated: 2026-06-30\n" in carried[0].body


def test_the_ticket_history_change_as_read_by_hand(tmp_path: Path) -> None:
    plan = read_openspec(_copy(TICKETS, tmp_path))
    assert plan.intent.why.startswith("当前系统无操作审计")
    assert plan.intent.impact.startswith("| 层级 | 文件 | 变更 |")
    assert plan.intent.capabilities.startswith("### Modified Capabilities\n\n- `ticket`:")
    assert plan.decisions[0].title == "Schema：`ticket_history` 表设计"
    assert len(plan.decisions) == 6
    assert plan.risks[0] == attrs.evolve(
        plan.risks[0], risk="迁移回填使用原始 SQL INSERT...SELECT", mitigation=plan.risks[0].mitigation
    )
    assert plan.risks[0].mitigation.startswith("单条语句")
    assert len(plan.open_questions) == 3 and plan.open_questions[0].startswith("**History 是否需要分页？**")
    assert plan.phases[0].name == "共享类型 [TKT-020]"
    tasks = [task for phase in plan.phases for task in phase.tasks]
    assert len(plan.phases) == 9 and len(tasks) == 31 and all(task.done for task in tasks)
    assert tasks[-1].text == "9.3 测试重新指派给相同用户时显示错误提示 [WF-004]"
    # The requirements' IDs lead their titles; the tasks' tags name them.
    assert [(r.id, r.title, r.change) for r in plan.requirements][:2] == [
        ("TKT-004", "工单指派 API", "modified"),
        ("TKT-022", "ticket_history 表定义", "added"),
    ]
    assert [r.capability for r in plan.requirements] == ["ticket"] * 5 + ["workflow"]
    assert plan.requirements[-1].id == "WF-004" and len(plan.requirements[-1].criteria) == 8
    # The dependency preamble (an H1 over the groups) is kept as a section.
    assert [section.heading for section in plan.extra_sections if section.level == 1] == ["依赖关系"]


def test_the_navigation_sidebar_change_as_read_by_hand(tmp_path: Path) -> None:
    plan = read_openspec(_copy(PUBS, tmp_path))
    assert plan.metadata.title == "Add Navigation Sidebar for Pub Browsing"
    assert plan.intent.impact.startswith("### User Impact")
    assert plan.headings == (plancore.Labeled(label="intent.impact", value="Impact Assessment"),)
    names = [phase.name for phase in plan.phases]
    assert names[:2] == ["Pre-Implementation", "Component Development"] and len(names) == 8
    tasks = [task for phase in plan.phases for task in phase.tasks]
    assert len(tasks) == 28 and not any(task.done for task in tasks) and all(task.id == "" for task in tasks)
    assert tasks[3].body.startswith("- Set up component props (pubs, isOpen)")
    assert [(r.id, r.title) for r in plan.requirements][:3] == [
        ("REQ-PLM-001", "Map Display"),
        ("REQ-PLM-004", "Pub Information Display"),
        ("REQ-PNS-001", "Sidebar Display"),
    ]
    # A requirement of only ``**Label:**`` paragraphs has no statement: all of it is its notes.
    assert plan.requirements[0].text == "" and plan.requirements[0].notes.startswith("**Priority:** MUST")
    assert plan.decisions == () and plan.risks == ()


# --- Detection ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", CHANGES)
def test_a_change_folder_is_detected(name: str, tmp_path: Path) -> None:
    assert is_openspec_folder(_copy(name, tmp_path))


def test_a_spec_kit_feature_folder_or_a_project_config_is_no_openspec_folder(tmp_path: Path) -> None:
    feature = SHARED / "corpus" / "speckit-feature" / "todo2-001-todo-app"
    if not feature.is_dir():
        pytest.skip(f"{shown(feature)} is absent (the repository's shared test data, beside the checkout)")
    assert not is_openspec_folder(feature)
    assert not is_openspec_folder(CORPUS / "_project" / "ticketflow" / "openspec")
    assert not is_openspec_folder(tmp_path)
    assert not is_openspec_folder(tmp_path / "missing")
    with pytest.raises(ParseError, match="no OpenSpec folder"):
        read_openspec(tmp_path)


def test_an_active_change_with_only_tasks_is_detected_by_where_it_is(tmp_path: Path) -> None:
    folder = tmp_path / "openspec" / "changes" / "add-search"
    folder.mkdir(parents=True)
    (folder / "tasks.md").write_text("## 1. Setup\n\n- [ ] 1.1 Add the index\n", encoding="utf-8")
    assert is_openspec_folder(folder)
    archived = tmp_path / "openspec" / "changes" / "archive" / "2025-01-02-add-search"
    archived.mkdir(parents=True)
    (archived / "tasks.md").write_text("## 1. Setup\n\n- [x] 1.1 Add the index\n", encoding="utf-8")
    assert read_openspec(archived).phases[0].tasks[0].done
    loose = tmp_path / "elsewhere"
    loose.mkdir()
    (loose / "tasks.md").write_text("## 1. Setup\n\n- [ ] 1.1 Add the index\n", encoding="utf-8")
    assert not is_openspec_folder(loose)


# --- Spec deltas and whole specs (own inputs: shapes the corpus lacks) ------------------------------

ALL_DELTAS = """\
# Search - Changes

## ADDED Requirements

### Requirement: Fuzzy search
The system SHALL match titles within one typo.

#### Scenario: One typo
- **WHEN** a user searches "serch"
- **THEN** results for "search" are shown

## MODIFIED Requirements

### Requirement: FR-002 Result order
Results SHALL be ordered by relevance.

#### Scenario: Ties
- **WHEN** two results score equally
- **THEN** the newer comes first

## REMOVED Requirements

### Requirement: Exact search only
**Reason**: fuzzy search replaces it.
**Migration**: none.

## RENAMED Requirements
- FROM: `### Requirement: Basic Search`
- TO: `### Requirement: Keyword Search`
- FROM: `### Requirement: Filters`
- TO: `### Requirement: Facets`
"""

WHOLE_SPEC = """\
# search Specification

## Purpose
Find notes by their words.

## Requirements

### Requirement: Keyword Search
The system SHALL find notes holding every word searched.

#### Scenario: Two words
- **WHEN** a user searches "red car"
- **THEN** only notes holding both words are shown
"""


def test_every_delta_kind_is_read_as_written(tmp_path: Path) -> None:
    folder = tmp_path / "add-fuzzy-search"
    (folder / "specs" / "search").mkdir(parents=True)
    (folder / "proposal.md").write_text("## Why\n\nTypos.\n", encoding="utf-8")
    (folder / "specs" / "search" / "spec.md").write_text(ALL_DELTAS, encoding="utf-8")
    plan = read_openspec(folder)
    assert [(r.change, r.id, r.title, r.renamed_from) for r in plan.requirements] == [
        ("added", "", "Fuzzy search", ""),
        ("modified", "FR-002", "Result order", ""),
        ("removed", "", "Exact search only", ""),
        ("renamed", "", "Keyword Search", "Basic Search"),
        ("renamed", "", "Facets", "Filters"),
    ]
    assert plan.requirements[0] == Requirement(
        title="Fuzzy search",
        text="The system SHALL match titles within one typo.",
        criteria=(
            Criterion(
                title="One typo", text='- **WHEN** a user searches "serch"\n- **THEN** results for "search" are shown'
            ),
        ),
        change="added",
        capability="search",
    )
    assert plan.requirements[2].notes == "**Reason**: fuzzy search replaces it.\n**Migration**: none."
    assert write_openspec(plan, folder).written == ()
    # Renaming one pair again touches its TO line only.
    before = _files(folder)
    edited = list(plan.requirements)
    edited[4] = attrs.evolve(edited[4], title="Facet filters")
    write_openspec(attrs.evolve(plan, requirements=tuple(edited)), folder)
    assert _changed(before, _files(folder)) == {
        "specs/search/spec.md": ["-- TO: `### Requirement: Facets`", "+- TO: `### Requirement: Facet filters`"]
    }


def test_a_capability_folder_holding_its_whole_spec_is_read_and_written_back(tmp_path: Path) -> None:
    folder = tmp_path / "openspec" / "specs" / "search"
    folder.mkdir(parents=True)
    (folder / "spec.md").write_text(WHOLE_SPEC, encoding="utf-8")
    assert is_openspec_folder(folder)
    plan = read_openspec(folder)
    assert [(r.capability, r.change, r.title) for r in plan.requirements] == [("search", "", "Keyword Search")]
    assert [section.heading for section in plan.extra_sections] == ["search Specification", "Purpose"]
    assert write_openspec(plan, folder).written == ()
    before = _files(folder)
    requirement = attrs.evolve(plan.requirements[0], text="The system SHALL find notes holding all the words.")
    write_openspec(attrs.evolve(plan, requirements=(requirement,)), folder)
    assert _changed(before, _files(folder)) == {
        "spec.md": [
            "-The system SHALL find notes holding every word searched.",
            "+The system SHALL find notes holding all the words.",
        ]
    }


# --- Edits touch only their lines -----------------------------------------------------------------


@pytest.mark.parametrize("name", CHANGES)
def test_ticking_a_task_changes_one_line_of_tasks_md_and_no_other_file(name: str, tmp_path: Path) -> None:
    folder = _copy(name, tmp_path)
    before = _files(folder)
    plan = read_openspec(folder)
    phase = plan.phases[0]
    task = phase.tasks[1]
    ticked = attrs.evolve(phase, tasks=(phase.tasks[0], attrs.evolve(task, done=not task.done), *phase.tasks[2:]))
    result = write_openspec(attrs.evolve(plan, phases=(ticked, *plan.phases[1:])), folder)
    assert result.written == ("tasks.md",)
    changed = _changed(before, _files(folder))
    assert list(changed) == ["tasks.md"] and len(changed["tasks.md"]) == 2
    old, new = changed["tasks.md"]
    assert old[1:].replace("[x]", "[ ]") == new[1:].replace("[x]", "[ ]") and old[1:] != new[1:]
    assert read_openspec(folder).phases[0].tasks[1].done != task.done


@pytest.mark.parametrize("name", [DELTA, CODEX, TICKETS])
def test_editing_a_requirement_and_the_intent_touches_only_their_lines(name: str, tmp_path: Path) -> None:
    folder = _copy(name, tmp_path)
    before = _files(folder)
    plan = read_openspec(folder)
    first = plan.requirements[0]
    criteria = (attrs.evolve(first.criteria[0], title=first.criteria[0].title + " again"), *first.criteria[1:])
    requirements = (attrs.evolve(first, criteria=criteria), *plan.requirements[1:])
    intent = attrs.evolve(plan.intent, why=plan.intent.why + " Now.")
    result = write_openspec(attrs.evolve(plan, requirements=requirements, intent=intent), folder)
    spec = f"specs/{first.capability}/spec.md"
    assert sorted(result.written) == sorted(["proposal.md", spec])
    changed = _changed(before, _files(folder))
    assert sorted(changed) == sorted(["proposal.md", spec])
    assert changed[spec] == [
        f"-#### Scenario: {first.criteria[0].title}",
        f"+#### Scenario: {first.criteria[0].title} again",
    ]
    assert len(changed["proposal.md"]) == 2 and changed["proposal.md"][1].endswith(" Now.")
    assert read_openspec(folder).requirements == requirements


# --- Across formats -----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", CHANGES)
def test_openspec_to_a_spec_kit_feature_and_back_keeps_task_states_and_ids_or_reports_them(
    name: str, tmp_path: Path
) -> None:
    plan = read_openspec(_copy(name, tmp_path))
    feature = tmp_path / "specs" / "001-change"
    written = plancore.write_feature(plan, feature)
    # Requirements go to spec.md (what it has no field for reported); the intent (Why, What Changes, Impact)
    # has no field in plan.md: carried in its body under the proposal's headings, not in its appendix.
    reported = {loss.path.split("[")[0].split(".")[0] for loss in written.losses}
    assert "intent" not in reported
    plan_md = (feature / "plan.md").read_text(encoding="utf-8").split("## Appendix: Carried Over")[0]
    for _, value in leaves(plan.intent):
        assert str(value).split("\n")[0] in plan_md
    assert all(loss.value for loss in written.losses if loss.path.startswith("requirements"))
    back = plancore.read_feature(feature)
    given = dict(written.ids)
    expected = [
        (
            f"{given_id} {text}" if (given_id := next((i for i, t in given.items() if t == text), "")) else text,
            done,
            subs,
        )
        for text, done, subs in _tasks(plan)
    ]
    assert _tasks(back) == expected
    again = tmp_path / "openspec" / "changes" / "change"
    write_openspec(back, again)
    assert _tasks(read_openspec(again)) == expected
    assert [phase.name for phase in read_openspec(again).phases] == [phase.name for phase in plan.phases]


@pytest.mark.parametrize("name", CHANGES)
def test_openspec_to_smartspec_keeps_or_reports_everything(name: str, tmp_path: Path) -> None:
    plan = read_openspec(_copy(name, tmp_path))
    conversion = convert_plan(plan, "smartspec", source="openspec")
    written = plancore.parse(conversion.text, "smartspec")
    lost = {loss.path for loss in conversion.losses}
    kept = dict(leaves(attrs.evolve(written, extra_sections=(), headings=())))
    # A field not read back nor reported is carried in the text: its section as written, or reshaped into
    # SmartSpec's Requirements section (a scenario as Given/When/Then, a delta's capability in its notes).
    words = set(re.findall(r"\w+", conversion.text.casefold()))
    unreported = [
        path
        for path, value in leaves(attrs.evolve(plan, extra_sections=(), headings=()))
        if value not in ("", False, ())
        and kept.get(path) != value
        and path not in lost
        and not set(re.findall(r"\w+", str(value).casefold())) <= words
    ]
    assert unreported == []
    sections = Counter((s.heading, s.level, s.body) for s in written.extra_sections)
    for index, section in enumerate(plan.extra_sections):
        if sections[(section.heading, section.level, section.body)] > 0:
            sections[(section.heading, section.level, section.body)] -= 1
        elif not (f"{'#' * section.level} {section.heading}" in conversion.text and section.body in conversion.text):
            # Shown as written, under its heading, it is no loss (though SmartSpec may read it into a field);
            # nor is a section the crosswalk read into SmartSpec's field of that heading (``## Data Flow``), or
            # carried a level deeper in the Requirements section (a spec's own ``## Integration Points``).
            placed = any(placement.path == f"extra_sections[{index}]" for placement in conversion.placed)
            carried = placed or f"## {section.heading}\n" in conversion.text
            assert f"extra_sections[{index}]" in lost or (
                carried and set(re.findall(r"\w+", section.body.casefold())) <= words
            )
    # Every requirement's title and scenario names are in the text (its appendix).
    for requirement in plan.requirements:
        assert requirement.title in conversion.text
        assert all(criterion.title in conversion.text for criterion in requirement.criteria)


def test_a_plan_of_another_format_becomes_a_change_without_specs_when_it_has_no_requirements(tmp_path: Path) -> None:
    source = SHARED / "corpus" / "maestro" / "maestro-008-remove-planner.md"
    if not source.is_file():
        pytest.skip(f"{shown(source)} is absent (the repository's shared test data, beside the checkout)")
    plan = plancore.parse(source.read_text(encoding="utf-8"), "maestro")
    folder = tmp_path / "openspec" / "changes" / "remove-planner"
    result = write_openspec(plan, folder)
    assert result.written == ("proposal.md", "design.md", "tasks.md")
    assert not (folder / "specs").exists()
    back = read_openspec(folder)
    assert back.metadata.title == plan.metadata.title
    assert _tasks(back) == _tasks(attrs.evolve(plan, phases=back.phases))
    assert back.phases[0].tasks[0].text.startswith("Read `task_sizing.py`")
    assert [risk.risk for risk in back.risks] == [risk.risk for risk in plan.risks]
    # A decision's choice and rationale, which OpenSpec writes as its text, are in it.
    for decision, read in zip(plan.decisions, back.decisions, strict=True):
        assert read.title == decision.title
        assert decision.choice in read.context and decision.rationale in read.context
    paths = {loss.path for loss in result.losses}
    assert {"metadata.feature_id", "risks[0].probability", "requirements"} <= paths
    assert "skip_specs: true" in next(loss.reason for loss in result.losses if loss.path == "requirements")
    assert "**Feature ID:**" in (folder / "proposal.md").read_text(encoding="utf-8")


def test_requirements_of_another_format_are_written_as_deltas_and_what_validate_wants_is_reported(
    tmp_path: Path,
) -> None:
    plan = Plan(
        metadata=plancore.Metadata(title="Login"),
        requirements=(
            Requirement(
                id="1",
                title="Sign in",
                user_story="As a user, I want to sign in, so that my notes are mine.",
                criteria=(Criterion(id="1", text="WHEN the password is right THEN the system SHALL sign the user in"),),
            ),
            Requirement(id="FR-002", text="System MUST lock an account after five failures."),
        ),
        phases=(Phase(name="Setup", tasks=(Task(text="1.1 Add the form", done=True),)),),
    )
    folder = tmp_path / "openspec" / "changes" / "add-login"
    result = write_openspec(plan, folder)
    assert result.written == ("proposal.md", "tasks.md", "specs/login/spec.md")
    spec = (folder / "specs" / "login" / "spec.md").read_text(encoding="utf-8")
    # A plan's own ID stays in the name (a Kiro folder's place numbers do not: test_folder_crosswalk).
    assert spec.startswith("## ADDED Requirements\n\n### Requirement: 1 Sign in\nAs a user, I want to sign in")
    # Named by their condition, and by their statement's outcome, as OpenSpec wants names; a plan
    # built in Python gets the crosswalk's rows that read its fields too: the EARS criterion in OpenSpec's shape.
    assert (
        "#### Scenario: Password is right\n- **WHEN** the password is right\n"
        "- **THEN** the system SHALL sign the user in\n" in spec
    )
    assert "### Requirement: FR-002 Lock an account after five failures\nSystem MUST lock" in spec
    reasons = {loss.path: loss.reason for loss in result.losses}
    assert "SHALL or MUST" in reasons["requirements[0].text"]
    assert "Scenario" in reasons["requirements[1].criteria"]
    back = read_openspec(folder)
    assert [(r.id, r.title, r.change, r.capability) for r in back.requirements] == [
        ("1", "Sign in", "added", "login"),
        ("FR-002", "Lock an account after five failures", "added", "login"),
    ]
    assert back.phases[0].tasks[0].done and back.phases[0].tasks[0].id == "1.1"


def test_a_started_or_dropped_task_is_reported_openspec_marks_only_done(tmp_path: Path) -> None:
    plan = Plan(
        phases=(
            Phase(name="Build", tasks=(Task(text="1.1 Start", in_progress=True), Task(text="1.2 Drop", skipped=True))),
        )
    )
    result = write_openspec(plan, tmp_path / "change")
    assert {loss.path for loss in result.losses} == {
        "phases[0].tasks[0].in_progress",
        "phases[0].tasks[1].skipped",
        "requirements",
    }
    assert "- [ ] 1.1 Start\n- [ ] 1.2 Drop\n" in (tmp_path / "change" / "tasks.md").read_text(encoding="utf-8")


def test_a_file_that_is_no_text_is_named(tmp_path: Path) -> None:
    folder = tmp_path / "change"
    folder.mkdir()
    (folder / "proposal.md").write_bytes(b"## Why\n\n\xff\xfe broken\n")
    with pytest.raises(ParseError, match=r"proposal\.md: not UTF-8 text"):
        read_openspec(folder)
    (folder / "proposal.md").write_text("## Why\n\nBecause.\n", encoding="utf-8")
    (folder / "tasks.md").write_text("## 1. Setup\n\n- [ ] 1.1 Add\x00 it\n", encoding="utf-8")
    with pytest.raises(ParseError, match="NUL character") as raised:
        read_openspec(folder)
    assert raised.value.path == str(folder / "tasks.md") and raised.value.line == 3
    (folder / "tasks.md").write_text("\n", encoding="utf-8")
    with pytest.raises(ParseError, match="empty") as raised:
        read_openspec(folder)
    assert raised.value.path == str(folder / "tasks.md")


# --- Properties -------------------------------------------------------------------------------------


@settings(max_examples=25)
@given(openspec_task_plans())
def test_task_lists_round_trip_through_a_change_folder(tmp_path_factory: pytest.TempPathFactory, plan: Plan) -> None:
    folder = tmp_path_factory.mktemp("change")
    # A change without requirements has no spec delta: reported, and nothing else.
    assert [loss.path for loss in write_openspec(plan, folder).losses] == ["requirements"]
    assert read_openspec(folder).phases == plan.phases
    assert write_openspec(read_openspec(folder), folder).written == ()


@settings(max_examples=25)
@given(openspec_requirements)
def test_requirement_deltas_round_trip_through_a_change_folder(
    tmp_path_factory: pytest.TempPathFactory, requirements: tuple[Requirement, ...]
) -> None:
    folder = tmp_path_factory.mktemp("change")
    plan = Plan(requirements=requirements)
    assert write_openspec(plan, folder).losses == ()
    back = read_openspec(folder)
    assert back.requirements == requirements
    assert write_openspec(back, folder).written == ()


@pytest.mark.parametrize("name", [CODEX, TICKETS])
def test_editing_the_design_touches_only_the_edited_lines_in_the_authors_style(name: str, tmp_path: Path) -> None:
    folder = _copy(name, tmp_path)
    before = _files(folder)
    plan = read_openspec(folder)
    risks = (plan.risks[0], attrs.evolve(plan.risks[1], mitigation="test it."), *plan.risks[2:])
    second = plan.decisions[1]
    decisions = (plan.decisions[0], attrs.evolve(second, title=second.title + " now"), *plan.decisions[2:])
    questions = (*plan.open_questions, "Who owns it?")
    edited = attrs.evolve(plan, risks=risks, decisions=decisions, open_questions=questions)
    assert write_openspec(edited, folder).written == ("design.md",)
    changed = _changed(before, _files(folder))["design.md"]
    if name == CODEX:
        risk = "- [Risk] `delivery=commands` semantics become per-tool rather than purely global. -> Mitigation:"
        assert changed[:4] == [
            "-### Decision: Treat Codex as skills-invocable regardless of delivery mode",
            "+### Decision: Treat Codex as skills-invocable regardless of delivery mode now",
            f"-{risk} document Codex as a `skills-invocable` command-surface tool and test commands-only Codex"
            " init/update.",
            f"+{risk} test it.",
        ]
        # The design had no Open Questions: the section is added at its end, and nothing else changes.
        assert sorted(changed[4:]) == ["+", "+", "+## Open Questions", "+- Who owns it?"]
        assert (folder / "design.md").read_text(encoding="utf-8").endswith("\n\n## Open Questions\n\n- Who owns it?\n")
    else:
        risk = "- [details JSON 字符串非结构化] →"
        assert changed == [
            "-### 2. History 写入：路由内直接 insert",
            "+### 2. History 写入：路由内直接 insert now",
            f"-{risk} SQLite 无 JSON 列，Dashboard 用 `json_extract`，切换到 PostgreSQL 后可用 `->>` 等价替代",
            f"+{risk} test it.",
            # Numbered on, as the author numbered the three questions above it.
            "+4. Who owns it?",
        ]
    back = read_openspec(folder)
    assert (back.risks, back.decisions, back.open_questions) == (risks, decisions, questions)


@settings(max_examples=10)
@given(openspec_task_plans(), openspec_requirements, task_picks)
def test_ticking_any_task_of_a_written_change_changes_one_line(
    tmp_path_factory: pytest.TempPathFactory, tasks: Plan, requirements: tuple[Requirement, ...], pick: int
) -> None:
    folder = tmp_path_factory.mktemp("change")
    write_openspec(attrs.evolve(tasks, requirements=requirements), folder)
    plan = read_openspec(folder)
    before = _files(folder)
    spots = [(p, t) for p, phase in enumerate(plan.phases) for t in range(len(phase.tasks))]
    at, index = spots[pick % len(spots)]
    phase = plan.phases[at]
    task = phase.tasks[index]
    tasks_now = (*phase.tasks[:index], attrs.evolve(task, done=not task.done), *phase.tasks[index + 1 :])
    phases = (*plan.phases[:at], attrs.evolve(phase, tasks=tasks_now), *plan.phases[at + 1 :])
    assert write_openspec(attrs.evolve(plan, phases=phases), folder).written == ("tasks.md",)
    changed = _changed(before, _files(folder))
    assert list(changed) == ["tasks.md"] and len(changed["tasks.md"]) == 2
    assert read_openspec(folder).phases == phases


@pytest.mark.parametrize(
    ("heading", "expected"),
    [
        ("Map Display (REQ-PLM-001)", ("REQ-PLM-001", "Map Display")),
        ("TKT-004 工单指派 API", ("TKT-004", "工单指派 API")),
        ("Login (US1)", ("US1", "Login")),
        ("FR-002", ("FR-002", "")),
        ("1 Sign in", ("1", "Sign in")),
        ("Compliance (2024)", ("", "Compliance (2024)")),
        ("3D printing", ("", "3D printing")),
    ],
)
def test_a_requirement_heading_gives_its_id_where_one_leads_or_closes_it(
    heading: str, expected: tuple[str, str]
) -> None:
    text = f"## ADDED Requirements\n\n### Requirement: {heading}\nIt SHALL work.\n"
    requirement = PARTS["openspec-spec"].parse(text).requirements[0]
    assert (requirement.id, requirement.title) == expected


def test_a_renamed_requirement_with_content_is_its_pair_and_a_modified_requirement(tmp_path: Path) -> None:
    renamed = Requirement(
        title="Keyword Search",
        renamed_from="Basic Search",
        change="renamed",
        text="The system SHALL find notes by keyword.",
        criteria=(Criterion(title="One word", text="- **WHEN** a user searches\n- **THEN** notes are shown"),),
        capability="search",
        priority="P2",
    )
    folder = tmp_path / "change"
    result = write_openspec(Plan(requirements=(renamed,)), folder)
    spec = (folder / "specs" / "search" / "spec.md").read_text(encoding="utf-8")
    assert spec.startswith(
        "## RENAMED Requirements\n\n- FROM: `### Requirement: Basic Search`\n"
        "- TO: `### Requirement: Keyword Search`\n\n"
        "## MODIFIED Requirements\n\n### Requirement: Keyword Search\nThe system SHALL find notes by keyword.\n"
    )
    # What has no place is named by the plan's path, the requirement's index in the plan.
    assert [loss.path for loss in result.losses] == ["requirements[0].priority"]
    assert [(r.change, r.title, r.renamed_from) for r in read_openspec(folder).requirements] == [
        ("renamed", "Keyword Search", "Basic Search"),
        ("modified", "Keyword Search", ""),
    ]


def test_a_phase_without_tasks_is_followed_by_one_blank_line_not_two(tmp_path: Path) -> None:
    plan = Plan(phases=(Phase(name="Build", description="Do it."), Phase(name="Ship", tasks=(Task(text="Tag"),))))
    write_openspec(plan, tmp_path / "c")
    assert (tmp_path / "c" / "tasks.md").read_text(encoding="utf-8") == (
        "## 1. Build\n\nDo it.\n\n## 2. Ship\n\n- [ ] Tag\n"
    )


def test_a_smartspec_system_context_placed_as_the_context_is_not_carried_again(tmp_path: Path) -> None:
    # SmartSpec's Architecture Overview holds the overview (System Context) beside sections OpenSpec has no
    # field for: the overview becomes design.md's Context, so carrying the whole section repeated it.
    text = (
        "# Implementation Plan: Mini\n\n## Executive Summary\n\nA small feature.\n\n"
        "## Architecture Overview\n\n### System Context\n\nClient talks to the server.\n\n"
        "### Component Design\n\n| Component | Responsibility | Technology | Notes |\n"
        "|-----------|---------------|------------|-------|\n| Api | Serves it | Flask | none |\n"
    )
    plancore.write_folder(plancore.parse(text, "smartspec"), tmp_path, "openspec")
    design = (tmp_path / "design.md").read_text(encoding="utf-8")
    assert design.count("Client talks to the server.") == 1
    assert design.startswith("## Context\n\nClient talks to the server.\n")
    assert "## Component Design\n\n| Component | Responsibility | Technology | Notes |\n" in design
    assert "System Context" not in design


def test_a_single_file_plan_s_phase_estimate_is_a_line_of_its_openspec_group(tmp_path: Path) -> None:
    # The row writing a phase's facts above its text applied to folder sources only: a SmartSpec or Spec Kit
    # tasks.md phase's estimate went to tasks.md's appendix while a Kiro one stood in its group.
    text = (
        "# Implementation Plan: Mini\n\n## Executive Summary\n\nA small feature.\n\n## Rollout Plan\n\n"
        "### Phase 1: Development\n\n- Duration: 1 week\n- Activities: Build the endpoints\n"
    )
    plancore.write_folder(plancore.parse(text, "smartspec"), tmp_path, "openspec")
    tasks = (tmp_path / "tasks.md").read_text(encoding="utf-8")
    # Its activities are its tasks, numbered as OpenSpec numbers them (tests/test_activities.py).
    assert tasks == "## 1. Development\n\n**Duration:** 1 week\n\n- [ ] 1.1 Build the endpoints\n"


def test_numbered_open_questions_are_read_and_written_numbered(tmp_path: Path) -> None:
    questions = ("Who owns it?", "When does it ship?")
    styled = Plan(
        summary="Add a cache.",
        open_questions=questions,
        list_styles=(plancore.Labeled(label="open_questions", value="1."),),
    )
    write_openspec(styled, tmp_path / "change")
    design = (tmp_path / "change" / "design.md").read_text(encoding="utf-8")
    assert "## Open Questions\n\n1. Who owns it?\n2. When does it ship?\n" in design
    back = read_openspec(tmp_path / "change")
    assert back.open_questions == questions
    assert back.list_styles == styled.list_styles


def test_the_text_opening_tasks_md_opens_it_again_when_written_from_the_fields_alone(tmp_path: Path) -> None:
    # tasks.md's opening lines (a Spec Kit tasks.md's header) and design.md's were both read as the front of the
    # plan: written without the kept source, both went to design.md, ran together and were carried in its appendix.
    change = tmp_path / "change"
    change.mkdir()
    (change / "proposal.md").write_text("# Cache\n\n## Why\n\nPages are slow.\n", encoding="utf-8")
    (change / "design.md").write_text("**Note**: Drafted by hand.\n\n## Context\n\nA cache.\n", encoding="utf-8")
    header = "**Feature**: 001-cache  \n**Status**: Ready"
    (change / "tasks.md").write_text(f"{header}\n\n## 1. Setup\n\n- [ ] 1.1 Add the cache\n", encoding="utf-8")
    plan = read_openspec(change)
    write_openspec(attrs.evolve(plan, source=None), tmp_path / "afresh")
    tasks = (tmp_path / "afresh" / "tasks.md").read_text(encoding="utf-8")
    assert tasks == f"{header}\n\n## 1. Setup\n\n- [ ] 1.1 Add the cache\n"
    design = (tmp_path / "afresh" / "design.md").read_text(encoding="utf-8")
    assert design.startswith("**Note**: Drafted by hand.\n\n## Context\n\nA cache.\n")
    assert "Appendix" not in design
    assert read_openspec(tmp_path / "afresh").extra_sections == plan.extra_sections


# --- s12 trial item 1: a maestro plan's risks and open questions in design.md -------------------------------

_MAESTRO_RISKS = """# Implementation Plan: Drop the cache

**Feature ID:** 042
**Status:** Draft

---

## 1. Architecture Overview

### 1.1 High-Level Design

The cache layer goes away; reads hit the store.

---

## 4. API Contracts

### 4.2 Modified Endpoints

None. No endpoint changes.

---

## 7. Risks and Mitigations

| Risk               | Likelihood | Impact | Mitigation              |
| ------------------ | ---------- | ------ | ----------------------- |
| Reads slow down    | Medium     | High   | Benchmark before merge  |
| Stale config stays | Low        | Low    | Delete the cache block  |

---

## 8. Open Questions

None — all were settled in review.
"""


def test_maestro_risks_are_written_once_and_the_appendix_carries_only_likelihood_and_impact(tmp_path: Path) -> None:
    plan = plancore.parse(_MAESTRO_RISKS, "maestro")
    write_openspec(plan, tmp_path)
    design = (tmp_path / "design.md").read_text()
    body, _, appendix = design.partition("## Appendix: Carried Over")
    assert "## Risks / Trade-offs\n\n- Reads slow down → Benchmark before merge\n- Stale config stays → " in body
    # Each risk's text names its row; its mitigation, in the list above, is not repeated.
    assert appendix.split("### 7. Risks and Mitigations\n\n")[1].split("\n") == [
        "| Risk | Likelihood | Impact |",
        "|---|---|---|",
        "| Reads slow down | Medium | High |",
        "| Stale config stays | Low | Low |",
        "",
    ]
    assert "Benchmark before merge" not in appendix


def test_maestro_open_questions_prose_stays_under_design_open_questions(tmp_path: Path) -> None:
    # The prose is no list item: no open question is read, yet design.md has the section for it. The
    # endpoint line OpenSpec places nowhere goes to the appendix alone, not gluing the prose there with it.
    plan = plancore.parse(_MAESTRO_RISKS, "maestro")
    write_openspec(plan, tmp_path)
    body, _, appendix = (tmp_path / "design.md").read_text().partition("## Appendix: Carried Over")
    assert body.endswith("## Open Questions\n\nNone — all were settled in review.\n\n")
    assert "Open Questions" not in appendix
    assert "#### 4.2 Modified Endpoints\n\nNone. No endpoint changes." in appendix


def test_the_dry_run_names_which_parts_of_the_risks_have_no_place(tmp_path: Path) -> None:
    (tmp_path / "drop-cache-plan.md").write_text(_MAESTRO_RISKS)
    result = plancore.migrate(tmp_path, "openspec", tmp_path / "out", dry_run=True, jobs=1)
    (migrated,) = result.plans
    assert "risks: openspec-design has no place for it (risks.probability, risks.impact)" in migrated.lost
