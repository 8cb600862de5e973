"""Every hypothesis strategy of the test suite.

``plans()`` builds any plan the model can express, within the limits that all
formats share (README, "Limits"): one-line fields are single lines, prose is
paragraphs of lines that start with a letter, code has no fence lines. It is
generic over the attrs model, so new fields are generated as soon as they exist.
"""

from __future__ import annotations

import typing
from typing import Any

import attrs
from hypothesis import strategies as st

import plancore
from plancore._model import Section, is_empty

# Fields written as multi-line Markdown prose.
PROSE = frozenset(
    [
        "summary",
        "architecture.overview",
        "architecture.interactions",
        "architecture.data_flow",
        "data_model.overview",
        "data_model.migrations",
        "file_structure",
        "testing.strategy",
        "testing.unit",
        "testing.integration",
        "testing.e2e",
        "testing.manual",
        "testing.test_data",
        "deployment",
        "feature_flags",
        "rollback",
        "notes",
        "phases.steps.notes",
        "constitution_check",
        "documentation_structure",
    ]
)
# Fields written inside a code fence.
CODE = frozenset(
    [
        "specification",
        "data_model.schema",
        "data_model.migration_commands",
        "data_model.entities.schema",
        "api.examples.request",
        "api.examples.response",
    ]
)

_LETTERS = st.characters(categories=["Lu", "Ll", "Lo"], exclude_characters="\\")
_INLINE_CHARS = st.one_of(
    st.characters(categories=["L", "N", "P", "S"], exclude_characters="\\#`~<>"),
    st.sampled_from(list("|{}*_[]éİ中😀")),
    st.just(" "),
)


def _clean_inline(text: str) -> bool:
    return text == text.strip() and ", " not in text and " - " not in text and "  " not in text


inline_text = st.builds(
    lambda first, rest: (first + rest).rstrip(),
    _LETTERS,
    st.text(_INLINE_CHARS, max_size=24),
).filter(_clean_inline)

prose_text = st.lists(
    st.lists(inline_text, min_size=1, max_size=3).map("\n".join),
    min_size=1,
    max_size=3,
).map("\n\n".join)

code_text = (
    st.lists(
        st.text(st.characters(categories=["L", "N", "P", "S", "Zs"], exclude_characters="\\`~"), max_size=30).map(
            str.rstrip
        ),
        min_size=1,
        max_size=4,
    )
    .map("\n".join)
    .filter(lambda text: text.strip() != "" and text == text.strip("\n") and not text[0].isspace())
)


def _text_for(path: str) -> st.SearchStrategy[str]:
    if path in PROSE:
        return prose_text
    if path in CODE:
        return code_text
    return inline_text


def _maybe(strategy: st.SearchStrategy[Any], empty: Any) -> st.SearchStrategy[Any]:
    return st.one_of(st.just(empty), strategy)


def _strategy_for(cls: type, prefix: str = "") -> st.SearchStrategy[Any]:
    hints = typing.get_type_hints(cls)
    fields: dict[str, st.SearchStrategy[Any]] = {}
    for field in attrs.fields(cls):
        if not field.eq:
            continue
        path = prefix + field.name
        hint = hints[field.name]
        if field.metadata.get("key") and hint is str:
            # A key (a label) names its item; an item never lacks one.
            fields[field.name] = inline_text
        else:
            fields[field.name] = _value_for(hint, path)
    return st.builds(cls, **fields)


def _value_for(hint: Any, path: str) -> st.SearchStrategy[Any]:
    if hint is str:
        return _maybe(_text_for(path), "")
    if hint is bool:
        return st.booleans()
    if hint is int:
        return st.just(2)
    origin = typing.get_origin(hint)
    if origin is tuple:
        (item, _ellipsis) = typing.get_args(hint)
        if item is str:
            return st.lists(inline_text, max_size=3).map(tuple)
        return st.lists(_strategy_for(item, path + "."), max_size=3).map(
            lambda items: tuple(value for value in items if not is_empty(value))
        )
    if isinstance(hint, type) and attrs.has(hint):
        return _strategy_for(hint, path + ".")
    raise TypeError(f"unsupported field type at {path}: {hint}")


extra_sections = st.lists(
    st.builds(
        lambda heading, body: Section(heading="Appendix " + heading, level=2, body=body),
        inline_text,
        _maybe(prose_text, ""),
    ),
    max_size=2,
).map(tuple)


@st.composite
def plans(draw: st.DrawFn) -> plancore.Plan:
    """Any plan, extra (unmapped) sections included."""
    plan = draw(_strategy_for(plancore.Plan))
    return attrs.evolve(plan, extra_sections=draw(extra_sections))
