"""Cross-format conservation: no word a person wrote disappears in a conversion.

A source's own words are the words of its text less those of its format's
blank template, of the headings its writer gives sections the template
lacks (maestro's "File Structure") and of its template's headings and labels
in translation that the target replaced by its own; Markdown marks that carry no words (list
numbers, heading numbers, check marks) are left out.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from helpers import TEMPLATE_IN_CORPUS, corpus_files, seed_path

import plancore
from plancore._format import own_headings
from plancore._formats.speckit_github import REVISIONS
from plancore._registry import get_format

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "smartspec-plan.md"
DOCUMENTS = [*corpus_files(), ("smartspec", EXAMPLE)]
_MARKS = re.compile(
    r"^[ \t]*(?:#{1,6}[ \t]+(?:\d+(?:\.\d+)*[.)]?[ \t]+)?|(?:[-*+]|\d+[.)])[ \t]+(?:\[[ xX~]\][ \t]*)?)", re.M
)
_WORD = re.compile(r"\w+")

# Gaps found by this test and not mended yet (file -> reason, targets); none today.
KNOWN_GAPS: dict[str, tuple[str, set[str]]] = {}


def _words(text: str) -> set[str]:
    return set(_WORD.findall(_MARKS.sub("", text)))


# Spec Kit's instruction lines of any known template revision (its older plan note): the template's too.
_INSTRUCTIONS = re.compile(
    "^(?:" + "|".join(line for revision in REVISIONS.values() for line in revision.get("lines", ())) + r")[ \t]*$",
    re.M,
)


def _own_words(text: str, name: str) -> set[str]:
    fmt = get_format(name)
    if name == "speckit-github":
        text = _INSTRUCTIONS.sub("", text)
    headings = "\n".join(heading.value for heading in own_headings(fmt))
    # A format's template as published is blank too (Spec Kit's, with its command tokens).
    seed = seed_path(name) if name in TEMPLATE_IN_CORPUS else None
    published = seed.read_text(encoding="utf-8") if seed is not None and seed.exists() else ""
    return _words(text) - _words(fmt.blank_text) - _words(published) - _words(headings)


def _cases() -> list[object]:
    cases = []
    for name, path in DOCUMENTS:
        marks = []
        for target in plancore.formats():
            reason, targets = KNOWN_GAPS.get(path.name, ("", set()))
            if target in targets:
                marks = [pytest.mark.xfail(reason=reason, strict=True)]
            cases.append(pytest.param(name, path, target, id=f"{path.name}-{target}", marks=marks))
            marks = []
    return cases


@pytest.mark.skipif(len(DOCUMENTS) < 2, reason="../shared/corpus is absent")
@pytest.mark.parametrize(("name", "path", "target"), _cases())
def test_every_word_of_the_source_is_in_the_output(name: str, path: Path, target: str) -> None:
    text = path.read_bytes().decode("utf-8")
    result = plancore.convert(text, target, source=name)
    # A template's heading or label in translation (``技術背景``, ``**功能分支**``) is the template's, not the
    # author's: reported as replaced by the target's own (``Loss.carried`` False), as an English one is no loss.
    template = _words("\n".join(str(loss.value) for loss in result.losses if not loss.carried))
    missing = _own_words(text, name) - _words(result.text) - template
    assert not missing, sorted(missing)[:20]
