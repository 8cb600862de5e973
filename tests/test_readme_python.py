"""README's Python examples run as written, from the repository's root, and say what they show.

The feature-folder example needs a folder (``specs/004-password-reset``); it runs in a
temporary copy of the root holding one written from the bundled example.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
from pathlib import Path

import plancore

ROOT = Path(__file__).resolve().parents[1]
_BLOCK = re.compile(r"^```python\n(.*?)^```", re.S | re.M)


def _blocks() -> list[str]:
    return _BLOCK.findall((ROOT / "README.md").read_text(encoding="utf-8"))


def test_readme_python_examples_run_in_order(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    example = (ROOT / "examples" / "smartspec-plan.md").read_text(encoding="utf-8")
    plancore.write_feature(plancore.parse(example), tmp_path / "specs" / "004-password-reset")
    blocks = _blocks()
    assert len(blocks) >= 5
    namespace: dict[str, object] = {}
    seen: list[dict[str, object]] = []
    here = Path.cwd()
    os.chdir(tmp_path)
    try:
        with contextlib.redirect_stdout(io.StringIO()) as out:
            for block in blocks:
                exec(compile(block, "README.md", "exec"), namespace)
                seen.append(dict(namespace))
    finally:
        os.chdir(here)
    # What the comments say they show.
    assert plancore.detect(example) == "smartspec"
    edited = seen[1]["plan"]
    assert isinstance(edited, plancore.Plan)
    assert seen[0]["plan"].phases[0].estimate == "1 week"  # type: ignore[attr-defined]
    assert edited.phases[0].done
    assert "### Phase 1: Development ✅\n" in plancore.emit(edited, "smartspec")
    assert '"schema_version": 2' in str(seen[2]["data"]) and seen[2]["plan"] == edited
    assert out.getvalue().rstrip("\n").endswith("()")  # write_feature: nothing changed
