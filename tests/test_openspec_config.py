"""An OpenSpec 1.x project's ``openspec/config.yaml``: carried with each of its changes, never lost."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import SHARED, shown

import plancore
from plancore._cli import main
from plancore._feature import unfenced

CONFIG = SHARED / "corpus" / "openspec" / "_project" / "openspec" / "openspec" / "config.yaml"

# A config of our own, in the shape of the official docs' example (docs/customization.md).
OWN_CONFIG = """schema: spec-driven
context: |
  Tech stack: Python 3.11, FastAPI
  We value backwards compatibility for all public APIs
rules:
  proposal:
    - Include rollback plan
"""


def _project(root: Path, config: str, *, archived: bool = False) -> Path:
    (root / "openspec").mkdir(parents=True)
    (root / "openspec" / "config.yaml").write_text(config, encoding="utf-8")
    change = root / "openspec" / "changes" / ("archive/2026-01-02-add-login" if archived else "add-login")
    change.mkdir(parents=True)
    (change / "proposal.md").write_text("## Why\n\nPeople cannot sign in.\n", encoding="utf-8")
    (change / "tasks.md").write_text("## 1. Login\n\n- [ ] 1.1 Add the form\n", encoding="utf-8")
    return change


def _config_section(plan: plancore.Plan) -> plancore.Section:
    return next(section for section in plan.extra_sections if section.heading == "openspec/config.yaml")


@pytest.mark.parametrize("archived", [False, True])
def test_a_change_carries_its_projects_config_and_writes_back_nothing(tmp_path: Path, archived: bool) -> None:
    change = _project(tmp_path, OWN_CONFIG, archived=archived)
    plan = plancore.read_folder(change)
    section = _config_section(plan)
    assert section.body.startswith("```yaml\nschema: spec-driven\n")
    assert unfenced(section.body) == OWN_CONFIG
    # Its context describes the project, not this change: the change's summary stays design.md's Context.
    assert plan.summary == ""
    assert plancore.write_folder(plan, change, "openspec").written == ()
    assert sorted(path.name for path in change.iterdir()) == ["proposal.md", "tasks.md"]
    assert (tmp_path / "openspec" / "config.yaml").read_text(encoding="utf-8") == OWN_CONFIG


def test_a_folder_outside_a_project_has_no_config(tmp_path: Path) -> None:
    (tmp_path / "openspec").mkdir()
    (tmp_path / "openspec" / "config.yaml").write_text(OWN_CONFIG, encoding="utf-8")
    change = tmp_path / "elsewhere" / "add-login"
    change.mkdir(parents=True)
    (change / "proposal.md").write_text("## Why\n\nPeople cannot sign in.\n", encoding="utf-8")
    assert all(section.heading != "openspec/config.yaml" for section in plancore.read_folder(change).extra_sections)


def test_the_config_survives_kiro_and_a_single_file_and_comes_back_byte_for_byte(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    if not CONFIG.is_file():
        pytest.skip(f"{shown(CONFIG)} is absent (the repository's shared test data, beside the checkout)")
    config = CONFIG.read_text(encoding="utf-8")
    change = _project(tmp_path / "repo", config)
    kiro = tmp_path / "kiro"
    assert main(["convert", str(change), "--to", "kiro", "-o", f"{kiro}/", "-q"]) == 0
    # Kiro writes a section headed by a file's path as that file: the config is kept as it is.
    assert (kiro / "openspec" / "config.yaml").read_text(encoding="utf-8") == config
    single = tmp_path / "plan.md"
    assert main(["convert", str(kiro), "--to", "smartspec", "-o", str(single), "-q"]) == 0
    assert "Product language:" in single.read_text(encoding="utf-8")
    back = tmp_path / "repo" / "openspec" / "changes" / "add-login-again"
    assert main(["convert", str(single), "--to", "openspec", "-o", f"{back}/", "-q"]) == 0
    # Back in its project, whose config holds exactly that: nothing written beside the change.
    assert not (back / "openspec").exists()
    assert (tmp_path / "repo" / "openspec" / "config.yaml").read_text(encoding="utf-8") == config
    outside = tmp_path / "outside"
    assert main(["convert", str(single), "--to", "openspec", "-o", f"{outside}/", "-q"]) == 0
    # Out of the project, the change keeps the file, byte for byte.
    assert (outside / "openspec" / "config.yaml").read_bytes() == CONFIG.read_bytes()
    capsys.readouterr()
