"""``plancore migrate`` reads a Spec Kit feature folder whole (issue 15): plan.md, spec.md, tasks.md, research.md."""

from __future__ import annotations

import json
from pathlib import Path

from test_migrate import snapshot

import plancore
from plancore import Criterion, Decision, Phase, Plan, Requirement, Task
from plancore._convert import convert_plan

STORY = Requirement(
    id="US1",
    title="Sign in",
    priority="P1",
    user_story="As a user, I want to sign in, so that I see my orders.",
    criteria=(Criterion(text="**Given** a known user, **When** the password is right, **Then** a session opens"),),
)
PLAN = Plan(
    summary="Let people sign in with a password.",
    requirements=(STORY,),
    decisions=(Decision(title="Session store", choice="Signed cookies", rationale="No server state"),),
    phases=(
        Phase(
            name="Setup",
            tasks=(Task(text="T001 [US1] Add the sign-in form", done=True), Task(text="T002 [US1] Check the password")),
        ),
    ),
)


def _repository(root: Path) -> Path:
    feature = root / "specs" / "001-login"
    plancore.write_folder(PLAN, feature, "speckit-github")
    return feature


def test_a_feature_folder_is_one_plan_read_from_all_its_files(tmp_path: Path) -> None:
    feature = _repository(tmp_path)
    names = sorted(path.name for path in feature.iterdir())
    assert {"plan.md", "spec.md", "tasks.md", "research.md"} <= set(names)
    result = plancore.migrate(tmp_path, "maestro", tmp_path / "out", dry_run=True, jobs=1)
    [plan] = result.plans
    assert (plan.source, plan.target, plan.source_format) == (
        "specs/001-login",
        ".maestro/specs/001-login/plan.md",
        "speckit-github",
    )
    assert {f"specs/001-login/{name}" for name in ("plan.md", "spec.md", "tasks.md", "research.md")} <= set(
        plan.source_files
    )
    # Per file of the folder, what maestro cannot hold: a task's check mark (maestro holds a task's text,
    # phases.tasks.text, not its state) is tasks.md's; plan.md's Input line (maestro's header has no such
    # label) is plan.md's. The summary is carried under its own heading, so it is not lost.
    assert plan.lost == (
        "plan.md: metadata: maestro has no place for it (metadata.input)",
        "tasks.md: phases: maestro has no place for it (phases.tasks.done)",
    )
    # spec.md's story has a place: the crosswalk carries spec.md's stories as a section of their own.
    text = convert_plan(plancore.read_folder(feature), "maestro", source="speckit-github").text
    assert "As a user, I want to sign in, so that I see my orders." in text


def test_a_feature_folder_migrates_whole_with_its_map_and_reruns_safely(tmp_path: Path) -> None:
    feature = _repository(tmp_path)
    sources = snapshot(feature)
    result = plancore.migrate(tmp_path, "kiro", jobs=1)
    [plan] = result.plans
    assert (plan.source, plan.target, plan.action) == ("specs/001-login", ".kiro/specs/001-login", "written")
    kiro = tmp_path / ".kiro" / "specs" / "001-login"
    # tasks.md's tasks, spec.md's story and its priority (carried: Kiro has none) all reach Kiro.
    assert "Check the password" in (kiro / "tasks.md").read_text(encoding="utf-8")
    requirements = (kiro / "requirements.md").read_text(encoding="utf-8")
    assert "As a user, I want to sign in, so that I see my orders." in requirements
    assert any(line.startswith("spec.md: requirements: ") and "requirements.priority" in line for line in plan.lost)
    document = json.loads((tmp_path / "plancore-migration.json").read_text(encoding="utf-8"))
    [entry] = document["plans"]
    assert document["ids"] == {"001-login": "001-login"}
    assert document["paths"] == {"specs/001-login": ".kiro/specs/001-login"}
    assert "specs/001-login/tasks.md" in entry["source_files"] and "specs/001-login/spec.md" in entry["source_files"]
    assert set(entry["files"]) >= {"requirements.md", "tasks.md"}
    after = snapshot(tmp_path)
    again = plancore.migrate(tmp_path, "kiro", jobs=1)
    assert [plan.action for plan in again.plans] == ["unchanged"]
    assert snapshot(tmp_path) == after
    assert snapshot(feature) == sources


def test_a_feature_folder_to_spec_kit_is_in_place(tmp_path: Path) -> None:
    _repository(tmp_path)
    [plan] = plancore.migrate(tmp_path, "speckit-github", jobs=1).plans
    assert (plan.source, plan.action) == ("specs/001-login", "in place")


def test_a_rerun_to_spec_kit_takes_no_earlier_output_for_a_plan(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "reset-plan.md").write_text(plancore.emit(PLAN, "smartspec"), encoding="utf-8")
    first = plancore.migrate(tmp_path, "speckit-github", jobs=1)
    assert [(plan.source, plan.target, plan.action) for plan in first.plans] == [
        ("docs/reset-plan.md", "specs/reset-plan/plan.md", "written")
    ]
    # specs/reset-plan/ is a feature folder now, and the earlier migration's output: not a plan of its own.
    again = plancore.migrate(tmp_path, "speckit-github", jobs=1)
    assert [(plan.source, plan.action) for plan in again.plans] == [("docs/reset-plan.md", "unchanged")]
