"""``differing`` skips the parts two plans share (the same objects): proven equal to comparing every leaf."""

from __future__ import annotations

from typing import Any

import attrs
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import hostile_plans, plans, single_field_edits

import plancore
from plancore._fields import differing, leaves


def _every_leaf_compared(one: Any, other: Any) -> set[str]:
    """The reference: ``differing`` as it was, every leaf of both walked."""
    left, right = dict(leaves(one)), dict(leaves(other))
    return {path for path in left.keys() | right.keys() if left.get(path) != right.get(path)}


@given(st.data())
def test_an_edited_plan_differs_where_every_leaf_compared_says(data: st.DataObject) -> None:
    plan = data.draw(plans())
    edited, _, _ = data.draw(single_field_edits(plan))
    assert differing(plan, edited) == _every_leaf_compared(plan, edited)
    assert differing(edited, plan) == _every_leaf_compared(edited, plan)


@given(plans(), plans(), st.data())
def test_lists_sharing_some_items_differ_where_every_leaf_compared_says(
    plan: plancore.Plan, other: plancore.Plan, data: st.DataObject
) -> None:
    # Each list field: the plan's first items (the same objects) and the other plan's after them.
    changes = {}
    for field in attrs.fields(plancore.Plan):
        mine, theirs = getattr(plan, field.name), getattr(other, field.name)
        if isinstance(mine, tuple) and isinstance(theirs, tuple):
            kept = data.draw(st.integers(min_value=0, max_value=len(mine)))
            changes[field.name] = mine[:kept] + theirs[kept:]
    mixed = attrs.evolve(plan, **changes)
    assert differing(plan, mixed) == _every_leaf_compared(plan, mixed)
    assert differing(mixed, plan) == _every_leaf_compared(mixed, plan)


# Two whole plans are big inputs: which of them run past hypothesis's entropy bound turns with the constants it
# draws from the source's code (a change anywhere in it), not with what the property says.
@settings(suppress_health_check=[*settings.default.suppress_health_check, HealthCheck.data_too_large])
@given(st.one_of(plans(), hostile_plans), st.one_of(plans(), hostile_plans))
def test_unrelated_plans_differ_where_every_leaf_compared_says(one: plancore.Plan, other: plancore.Plan) -> None:
    assert differing(one, other) == _every_leaf_compared(one, other)
    assert differing(one, one) == set() == _every_leaf_compared(one, one)
