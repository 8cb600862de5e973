"""Bad input gives a PlanError that says what is wrong."""

from __future__ import annotations

import pytest

import plancore


@pytest.mark.parametrize("text", ["", "   \n\n", "\ufeff"])
def test_empty_text(text: str) -> None:
    with pytest.raises(plancore.PlanError, match="empty"):
        plancore.parse(text)


def test_text_of_no_format() -> None:
    with pytest.raises(plancore.UnknownFormatError, match="looked for") as caught:
        plancore.detect("# Shopping list\n\n- eggs\n- milk\n")
    assert caught.value.line == 1


def test_unknown_format_name() -> None:
    with pytest.raises(plancore.PlanError, match="unknown format 'docx'"):
        plancore.emit(plancore.Plan(), "docx")
    with pytest.raises(plancore.PlanError):
        plancore.convert("# x", "docx")


def test_jinja_syntax_in_content_comes_out_verbatim() -> None:
    hostile = "{{ 7*7 }} {% for x in y %} {# c #} {{ ''.__class__.__mro__ }} {% raw %}"
    plan = plancore.Plan(
        summary=hostile,
        notes=hostile,
        rollback=hostile,
        metadata=plancore.Metadata(title="{{ 7*7 }}"),
        phases=(plancore.Phase(name="{% raw %}", tasks=(plancore.Task(text="{{ 7*7 }}"),)),),
    )
    for name in plancore.formats():
        text = plancore.emit(plan, name)
        assert "49" not in text, name
        assert "{{ 7*7 }}" in text, name
        back = plancore.parse(text, name)
        for field in ("summary", "notes", "rollback"):
            assert getattr(back, field) in ("", hostile), (name, field)
        assert back.metadata.title in ("", "{{ 7*7 }}"), name
