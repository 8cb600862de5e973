"""Issue 3, generated variants: emitted plans edited the way people edit them.

Every mutated plan (``strategies.mutations``) reads without an exception, is
written back byte for byte, reads the same when written afresh, and maps its
content to the fields the edit leaves them in.
"""

from __future__ import annotations

import re
from collections import Counter

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import Mutation, mutations

import plancore
from plancore._fields import leaves
from plancore._markdown import cell

FORMATS = plancore.formats()


def _extras(plan: plancore.Plan) -> Counter[tuple[str, int, str]]:
    return Counter((section.heading, section.level, section.body) for section in plan.extra_sections)


def _fields(plan: plancore.Plan) -> plancore.Plan:
    """``plan``'s fields, less what is kept as written (verbatim sections, headings)."""
    return attrs.evolve(plan, extra_sections=(), headings=(), source=None)


def _differences(plan: plancore.Plan, other: plancore.Plan) -> list[str]:
    """The field paths where ``plan`` and ``other`` differ (short to report, where a diff of two
    plans in pytest's assertion explanation takes long on generated text)."""
    mine, theirs = dict(leaves(_fields(plan))), dict(leaves(_fields(other)))
    return sorted(path for path in mine.keys() | theirs.keys() if mine.get(path) != theirs.get(path))


def _read(mutation: Mutation) -> tuple[plancore.Plan, plancore.Plan]:
    """(the original plan, the mutated one), after the checks every mutation passes."""
    name = mutation.name
    original = plancore.parse(mutation.original, name)
    plan = plancore.parse(mutation.text, name)
    assert plancore.emit(plan, name) == mutation.text
    fresh = plancore.emit(attrs.evolve(plan, source=None), name)
    again = plancore.parse(fresh, name)
    assert _differences(again, plan) == []
    # Every verbatim section back in its place, every heading of the author's.
    assert again.extra_sections == plan.extra_sections
    assert again.headings == plan.headings
    return original, plan


def _layout_extras(mutation: Mutation) -> Counter[tuple[str, int, str]]:
    """The verbatim sections the layout changes add (the front matter)."""
    return Counter([("", 0, mutation.front)] if mutation.front else [])


@pytest.mark.parametrize("name", FORMATS)
@given(data=st.data())
def test_renamed_heading_means_the_same(name: str, data: st.DataObject) -> None:
    mutation = data.draw(mutations(name, "rename"))
    original, plan = _read(mutation)
    assert _differences(plan, original) == [], mutation.renamed
    assert _extras(plan) == _extras(original) + _layout_extras(mutation)
    # The new heading is kept, unless it is one of the format's own.
    assert {heading.value for heading in plan.headings} <= {mutation.renamed[1]}


@pytest.mark.parametrize("name", FORMATS)
@given(data=st.data())
def test_inserted_section_is_kept_verbatim(name: str, data: st.DataObject) -> None:
    mutation = data.draw(mutations(name, "insert"))
    original, plan = _read(mutation)
    assert _differences(plan, original) == []
    added = Counter([(s.heading, s.level, s.body) for s in [mutation.inserted] if s is not None])
    assert _extras(plan) == _extras(original) + added + _layout_extras(mutation)


@pytest.mark.parametrize("name", FORMATS)
@given(data=st.data())
def test_dropped_section_takes_only_its_own_fields(name: str, data: st.DataObject) -> None:
    mutation = data.draw(mutations(name, "drop"))
    original, plan = _read(mutation)
    before = dict(leaves(_fields(original)))
    after = dict(leaves(_fields(plan)))
    # What is left is as it was; what went was written in the dropped section.
    for path, value in after.items():
        assert before.get(path) == value, path
    for path, value in before.items():
        if path not in after and isinstance(value, str):
            assert value in mutation.dropped or cell(value) in mutation.dropped, path
    lost = _extras(original) + _layout_extras(mutation) - _extras(plan)
    assert _extras(plan) - _extras(original) - _layout_extras(mutation) == Counter()
    for _heading, _level, body in lost:
        assert body in mutation.dropped


@pytest.mark.parametrize("name", FORMATS)
@given(data=st.data())
def test_moved_section_means_the_same(name: str, data: st.DataObject) -> None:
    mutation = data.draw(mutations(name, "move"))
    original, plan = _read(mutation)
    assert _differences(plan, original) == []
    assert _extras(plan) == _extras(original) + _layout_extras(mutation)


@pytest.mark.parametrize("name", FORMATS)
@given(data=st.data())
def test_layout_changes_keep_every_field(name: str, data: st.DataObject) -> None:
    mutation = data.draw(mutations(name, "layout"))
    original, plan = _read(mutation)
    assert _differences(plan, original) == []
    assert _extras(plan) == _extras(original) + _layout_extras(mutation)


# --- regressions found by the strategy ----------------------------------------------------------


def test_section_after_a_container_list_stays_after_it() -> None:
    # A section kept after the last SmartSpec decision went back right under
    # "## Technical Decisions", where it swallowed the decisions that followed.
    plan = plancore.Plan(
        decisions=(plancore.Decision(title="Storage", choice="Files"),),
        phases=(plancore.Phase(name="Beta", estimate="2 days"),),
        extra_sections=(
            plancore.Section(heading="Appendix A", level=2, body="Notes.", after="decisions"),
            plancore.Section(heading="Appendix B", level=2, body="More.", after="phases"),
        ),
    )
    text = plancore.emit(plan, "smartspec")
    assert text.index("### Decision 1: Storage") < text.index("## Appendix A") < text.index("## API Design")
    back = plancore.parse(text, "smartspec")
    assert _differences(back, plan) == []
    assert _extras(back) == _extras(plan)


def test_section_inserted_before_the_progress_log_keeps_notes() -> None:
    # The rule that sets the aadt progress log apart then ends the notes: layout, not notes.
    plan = plancore.Plan(notes="Keep it small.")
    text = plancore.emit(plan, "aadt").replace("## Progress Log", "## Appendix\n\nLater.\n\n## Progress Log")
    back = plancore.parse(text, "aadt")
    assert back.notes == "Keep it small."
    assert _extras(back) == Counter([("Appendix", 2, "Later.")])


@pytest.mark.parametrize("name", FORMATS)
def test_blank_template_with_other_list_markers_is_empty(name: str) -> None:
    # Placeholders are placeholders whatever marks their lists use.
    text = plancore.emit(plancore.Plan(), name)
    text = re.sub(r"(?m)^(\s*)- ", "\\1* ", text)
    text = re.sub(r"(?m)^(\s*\d+)\. ", "\\1) ", text)
    assert "\n* " in text or name == "speckit-github"  # (its template has no list)
    plan = plancore.parse(text, name)
    assert plancore.emit(plan, name) == text
    assert _differences(plan, plancore.Plan()) == []
