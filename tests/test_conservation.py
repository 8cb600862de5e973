"""Cross-format conservation: no word a person wrote disappears in a conversion.

A source's own words are the words of its text less those of its format's
blank template; Markdown marks that carry no words (list numbers, heading
numbers, check marks) are left out.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from helpers import corpus_files

import plancore
from plancore._registry import get_format

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "smartspec-plan.md"
DOCUMENTS = [*corpus_files(), ("smartspec", EXAMPLE)]
_MARKS = re.compile(
    r"^[ \t]*(?:#{1,6}[ \t]+(?:\d+(?:\.\d+)*[.)]?[ \t]+)?|(?:[-*+]|\d+[.)])[ \t]+(?:\[[ xX~]\][ \t]*)?)", re.M
)
_WORD = re.compile(r"\w+")

# Reader gaps found by this test and not mended yet: text the reader keeps
# neither in a field nor as a verbatim section (it survives same-format round
# trips only through the kept source).
KNOWN_READER_GAPS = {
    "maestro-001-kanban-board.md": "maestro drops a nested list of an entity label",
    "maestro-003-research-command.md": "maestro drops text after the open-questions list",
    "maestro-008-remove-planner.md": "maestro drops prose under API and open-questions headings",
    "maestro-019-beads-task-creation.md": "maestro drops prose and code under API headings",
    "jochu-001-photo-albums-zh-tw.md": "translated headings of mapped sections are replaced by the target's",
}


def _words(text: str) -> set[str]:
    return set(_WORD.findall(_MARKS.sub("", text)))


def _own_words(text: str, name: str) -> set[str]:
    return _words(text) - _words(get_format(name).blank_text)


def _cases() -> list[object]:
    cases = []
    for name, path in DOCUMENTS:
        marks = []
        for target in plancore.formats():
            if path.name in KNOWN_READER_GAPS and target != name:
                marks = [pytest.mark.xfail(reason=KNOWN_READER_GAPS[path.name], strict=True)]
            cases.append(pytest.param(name, path, target, id=f"{path.name}-{target}", marks=marks))
            marks = []
    return cases


@pytest.mark.skipif(len(DOCUMENTS) < 2, reason="../shared/corpus is absent")
@pytest.mark.parametrize(("name", "path", "target"), _cases())
def test_every_word_of_the_source_is_in_the_output(name: str, path: Path, target: str) -> None:
    text = path.read_bytes().decode("utf-8")
    result = plancore.convert(text, target, source=name)
    missing = _own_words(text, name) - _words(result.text)
    assert not missing, sorted(missing)[:20]
