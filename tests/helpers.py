"""Paths to the shared format definitions and corpus, and small comparisons."""

from __future__ import annotations

import difflib
import os
import shutil
from pathlib import Path

import attrs
import pytest

import plancore

# The long run (a scheduled or manual job sets PLANCORE_LONG_TESTS=1): more
# hypothesis examples (the "long" profile, tests/conftest.py) and the biggest inputs.
LONG_TESTS = os.environ.get("PLANCORE_LONG_TESTS") == "1"


def examples(count: int) -> int:
    """A property's hypothesis example count: ``count`` in the default run, 20 times it in the long run."""
    return count * 20 if LONG_TESTS else count


SHARED = Path(__file__).resolve().parents[2] / "shared"
SEEDS = {
    "smartspec": "000_c47e7de88c248b52.txt",
    "maestro": "001_f70f57257d67adad.txt",
    "specpulse": "002_f2cb6894b0ce1950.txt",
    "aadt": "003_b6e583a811941eee.txt",
    "speckit": "004_98ebee65aa6352b9.txt",
}
# The official Spec Kit template lives in the corpus rather than among the seeds.
TEMPLATE_IN_CORPUS = {"speckit-github": "speckit-github/plan-template-v1.0.1.md"}


# Formats whose blank template is plancore's own (written for the format, not a published seed).
OWN_TEMPLATES = {"speckit-tasks": Path(__file__).resolve().parents[1] / "templates" / "speckit-tasks.md"}


def seed_path(name: str) -> Path:
    if name in OWN_TEMPLATES:
        return OWN_TEMPLATES[name]
    if name in SEEDS:
        return SHARED / "seeds" / SEEDS[name]
    return SHARED / "corpus" / TEMPLATE_IN_CORPUS[name]


def shown(path: Path) -> str:
    """``path`` as the tests name it in a skip reason: relative to the checkout
    (``../shared/seeds/...``), where the repository's shared test data stands beside it."""
    return "../shared/" + path.relative_to(SHARED).as_posix()


def read_seed(name: str) -> str:
    path = seed_path(name)
    if not path.exists():
        pytest.skip(f"{shown(path)} is absent (the repository's shared test data, beside the checkout)")
    return path.read_bytes().decode("utf-8")


# What installing Spec Kit (`specify init`) does to its template's command tokens for the
# agents that take slash commands with a dot: `__SPECKIT_COMMAND_PLAN__` becomes `/speckit.plan`
# (as in the corpus's filled plans, e.g. speckit-tutorial-001-photo-albums.md).
INSTALLED_COMMANDS = {"__SPECKIT_COMMAND_PLAN__": "/speckit.plan", "__SPECKIT_COMMAND_TASKS__": "/speckit.tasks"}


def blank_template(name: str) -> str:
    """Format ``name``'s blank template as a user has it: the seed, with Spec Kit's command tokens
    as an installed Spec Kit writes them (the seed of speckit-github is the template in Spec
    Kit's repository, before installation)."""
    text = read_seed(name)
    for token, command in INSTALLED_COMMANDS.items():
        text = text.replace(token, command)
    return text


def corpus_files() -> list[tuple[str, Path]]:
    """(format, path) of every corpus plan whose folder names a registered format."""
    root = SHARED / "corpus"
    if not root.is_dir():
        return []
    return [
        (folder.name, path)
        for folder in sorted(root.iterdir())
        if folder.is_dir() and folder.name in plancore.formats()
        for path in sorted(folder.glob("*.md"))
    ]


def unplaced(plan: plancore.Plan) -> plancore.Plan:
    """``plan`` with its verbatim sections' positions forgotten (a writer may move them)."""
    return attrs.evolve(
        plan, extra_sections=tuple(attrs.evolve(section, after="") for section in plan.extra_sections), source=None
    )


def copy_shared(source: Path, into: Path) -> Path:
    """The shared folder ``source`` copied to ``into`` (the test's own temporary folder); the test
    is skipped when the shared data is absent."""
    if not source.is_dir():
        pytest.skip(f"{shown(source)} is absent (the repository's shared test data, beside the checkout)")
    return Path(shutil.copytree(source, into))


def changed_lines(before: str, after: str) -> list[str]:
    """The lines ``after`` adds (``+``) or drops (``-``) against ``before``, as a unified diff lists them."""
    diff = difflib.unified_diff(before.split("\n"), after.split("\n"), lineterm="", n=0)
    return [line for line in diff if line[:1] in "+-" and not line.startswith(("+++", "---"))]
