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


def test_errors_name_the_line_counting_every_line_end() -> None:
    from plancore._errors import line_at

    for text in ("a\nb\nc\x00", "a\r\nb\r\nc\x00", "a\rb\rc\x00", "a\r\nb\rc\x00", b"a\nb\r\nc\x00"):
        assert line_at(text, len(text) - 1) == 3, text
    with pytest.raises(plancore.PlanError) as caught:
        plancore.parse("# Plan\r\n\r\n## Executive Summary\rtext \x00")
    assert caught.value.line == 4
    assert str(caught.value).startswith("line 4: ")
    caught.value.path = "plan.md"
    assert str(caught.value).startswith("plan.md:4: ")


def test_type_errors_are_plan_errors() -> None:
    from plancore._errors import PlanTypeError

    with pytest.raises(PlanTypeError) as caught:
        plancore.parse(None)  # type: ignore[arg-type]
    assert isinstance(caught.value, TypeError) and isinstance(caught.value, plancore.PlanError)
