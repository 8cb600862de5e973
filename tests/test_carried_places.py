"""Where a carried section stands in a target without its field: where a person converting by hand would put
it, and where the next cycle puts it again (A -> B -> A -> B writes the same B twice; hand-written inputs)."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import SHARED

import plancore
from plancore._report import APPENDIX_HEADING


def _body(text: str) -> str:
    return text.split(f"## {APPENDIX_HEADING}")[0]


def _cycle(text: str, a: str, b: str) -> tuple[str, str]:
    """The first B and the second B (A -> B -> A -> B) of ``text`` (in ``a``), up to the appendix."""
    first = plancore.convert(text, b, source=a).text
    return _body(first), _body(plancore.convert(plancore.convert(first, a, source=b).text, b, source=a).text)


def _headings(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith("## ")]


# aadt's Overview holding only subsections (its summary left empty), then sections of the author's.
AADT_OVERVIEW = (
    "# Implementation Plan: Photo Albums\n\n"
    "## Overview\n\n### Feature Summary\n\nPeople sort their photos into albums.\n\n"
    "## Technical Context\n\nNode.js 20 with Express, SQLite for the metadata.\n\n"
    "## Project Structure\n\n### Source Code\n\n```text\nbackend/\n```\n\n"
    "## Architecture\n\n### High-Level Design\n\nA REST API behind a small web page.\n\n"
    "## Risks & Mitigations\n\n| Risk | Impact | Mitigation |\n|------|--------|------------|\n"
    "| Large uploads | High | Stream them to disk |\n"
)


def test_a_summary_the_target_has_no_place_for_stays_at_the_top_with_what_followed_it() -> None:
    # maestro has no summary: the Overview and the section after it stand right under maestro's header, as
    # they stood under aadt's, not after maestro's Open Questions (where they went, and came back from
    # through aadt before its Definition of Done, so the next cycle put them before Open Questions). The
    # Project Structure is maestro's File Structure, which maestro writes last.
    first, second = _cycle(AADT_OVERVIEW, "aadt", "maestro")
    headings = _headings(first)
    assert headings[:3] == ["## Overview", "## Technical Context", "## 1. Architecture Overview"]
    assert headings[-2:] == ["## 8. Open Questions", "## Project Structure"]
    assert "### Feature Summary\n\nPeople sort their photos into albums.\n\n## Technical Context" in first
    assert second == first


# A Spec Kit rapid plan (as its writer writes one: its Context wraps the specification) with a Project
# Structure holding only subsections, after its Technical Approach.
SPECKIT_STRUCTURE = (
    "# Implementation Plan: Photo Albums\n\n"
    "## Context\n\nBased on this specification:\n\n```\nPeople sort their photos into albums.\n```\n\n"
    "Create a detailed technical implementation plan.\n\n"
    "## Technical Approach\n\n### Technology Stack\n\n- Node.js 20 with Express\n\n"
    "### Data Model\n\nAlbums hold photos.\n\n"
    "## Project Structure\n\n### Source Code\n\n```text\nbackend/\n└── src/\n```\n\n"
    "### Structure Decision\n\nOne backend folder, one frontend folder.\n\n"
    "## Implementation Steps\n\n### Phase 1: Albums\n\n- [ ] Create albums\n\n"
    "## Risk Assessment\n\n- Large uploads: stream them to disk\n"
)


def test_a_section_under_the_targets_heading_for_a_field_it_writes_only_when_filled_stands_at_its_place() -> None:
    # maestro reads ``## Project Structure`` as its File Structure wherever it stands, and writes that section
    # last: carried after its Architecture Overview (where Spec Kit had it, after the Data Model), it came back
    # through Spec Kit after the Risk Assessment, and the next cycle wrote it before maestro's Open Questions.
    first, second = _cycle(SPECKIT_STRUCTURE, "speckit", "maestro")
    headings = _headings(first)
    assert headings[-2:] == ["## 8. Open Questions", "## Project Structure"]
    assert "## Project Structure\n\n### Source Code\n\n```text\nbackend/" in first
    assert "### Structure Decision\n\nOne backend folder, one frontend folder.\n" in first
    assert second == first


JOCHU = SHARED / "corpus" / "speckit-github" / "jochu-001-photo-albums-zh-tw.md"


@pytest.mark.skipif(
    not JOCHU.exists(), reason="../shared/corpus/speckit-github/jochu-001-photo-albums-zh-tw.md is absent"
)
@pytest.mark.parametrize(("a", "b"), [("aadt", "maestro"), ("speckit", "maestro")])
def test_jochu_carried_summary_and_structure_are_stable(a: str, b: str) -> None:
    text = plancore.convert(Path(JOCHU).read_text(encoding="utf-8"), a, source="speckit-github").text
    first, second = _cycle(text, a, b)
    assert second == first
