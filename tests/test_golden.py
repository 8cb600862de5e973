"""Golden files: the bundled SmartSpec example converted to every format.

Set ``PLANCORE_REGENERATE=1`` to rewrite them after an intended change, then
read the diff before committing it.
"""

from __future__ import annotations

import os
from pathlib import Path

import attrs
import pytest

import plancore

HERE = Path(__file__).resolve().parent
EXAMPLE = HERE.parent / "examples" / "smartspec-plan.md"
REGENERATE = os.environ.get("PLANCORE_REGENERATE") == "1"


def test_example_is_rendered_afresh_byte_for_byte() -> None:
    # examples/smartspec-plan.md was written by hand in the SmartSpec layout.
    text = EXAMPLE.read_text(encoding="utf-8")
    plan = attrs.evolve(plancore.parse(text, "smartspec"), source=None)
    assert plancore.emit(plan, "smartspec") == text


@pytest.mark.parametrize("name", plancore.formats())
def test_golden_conversion(name: str) -> None:
    golden = HERE / "golden" / f"smartspec-example.{name}.md"
    result = plancore.convert(EXAMPLE.read_text(encoding="utf-8"), name, source="smartspec")
    if REGENERATE:
        golden.write_text(result.text, encoding="utf-8")
    if not golden.exists():
        pytest.fail(f"{golden} is missing; run with PLANCORE_REGENERATE=1 and review it")
    assert result.text == golden.read_text(encoding="utf-8")
