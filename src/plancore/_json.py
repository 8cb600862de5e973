"""Plans as JSON data (through cattrs) and the JSON Schema of that data.

A JSON document is ``{"schema_version": 2, "plan": {...}}``, and optionally
``"source": {"format": NAME, "text": TEXT}``: the text the plan was read from,
so that the plan read back writes out byte for byte as it was (and an edit
made in the JSON touches only its lines). Fields holding their default (the
empty string, ``false``, the empty list) are left out.
"""

from __future__ import annotations

import functools
import json
import re
import typing
from typing import Any

import attrs
import cattrs
from cattrs.cols import homogenous_tuple_structure_factory
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

from ._convert import parse
from ._errors import ParseError, PlanError, PlanTypeError
from ._format import Source
from ._model import Plan
from ._registry import FORMATS

__all__ = ["SCHEMA_VERSION", "from_json", "json_schema", "to_json"]

# Raised whenever the document's shape changes in a way an older reader would misread
# (2: tasks' states, bodies and sub-tasks, phases' checkpoints).
SCHEMA_VERSION = 2
# Documents of these versions read as plans of this one (each version only added keys).
_READS = (1, 2)

_JSON_TYPES = {
    str: "a string",
    bool: "a boolean",
    int: "an integer",
    float: "a number",
    list: "an array",
    dict: "an object",
}


def _json_type(value: object) -> str:
    if value is None:
        return "null"
    return _JSON_TYPES.get(type(value), type(value).__name__)


class _WrongType(TypeError):
    """A JSON value of the wrong type (its message is the whole story)."""


_SURROGATE = re.compile("[\ud800-\udfff]")


def _exact(kind: type) -> Any:
    # cattrs would coerce (str(5), bool("no")); a plan takes only its own types.
    def structure(value: object, _: type) -> object:
        if type(value) is not kind:
            raise _WrongType(f"expected {_JSON_TYPES[kind]}, got {_json_type(value)}")
        if isinstance(value, str) and not value.isascii() and _SURROGATE.search(value):
            # No file can hold it: "\ud800" is JSON, but no text.
            raise _WrongType("holds a lone surrogate: not valid Unicode text")
        return value

    return structure


def _is_tuple(cls: Any) -> bool:
    return typing.get_origin(cls) is tuple


@functools.cache
def _converter() -> cattrs.Converter:
    converter = cattrs.Converter(forbid_extra_keys=True, omit_if_default=True)
    for kind in (str, bool, int):
        converter.register_structure_hook(kind, _exact(kind))

    def tuple_factory(cls: Any, conv: cattrs.Converter) -> Any:
        items = homogenous_tuple_structure_factory(cls, conv)

        def structure(value: object, _: type) -> object:
            if type(value) is not list:
                raise _WrongType(f"expected an array, got {_json_type(value)}")
            return items(value, cls)

        return structure

    converter.register_structure_hook_factory(_is_tuple, tuple_factory)

    def model_factory(cls: Any, conv: cattrs.Converter) -> Any:
        # The kept source is no data of the plan: never written, never read.
        if cls is Plan:
            build = make_dict_structure_fn(cls, conv, _cattrs_forbid_extra_keys=True, source=override(omit=True))
        else:
            build = make_dict_structure_fn(cls, conv, _cattrs_forbid_extra_keys=True)

        def structure(value: object, _: type) -> object:
            if type(value) is not dict:
                raise _WrongType(f"expected an object, got {_json_type(value)}")
            return build(value, cls)

        return structure

    converter.register_structure_hook_factory(attrs.has, model_factory)
    converter.register_unstructure_hook(
        Plan, make_dict_unstructure_fn(Plan, converter, _cattrs_omit_if_default=True, source=override(omit=True))
    )
    return converter


def to_json(plan: Plan, *, keep_source: bool = False, indent: int | None = 2) -> str:
    """``plan`` as a JSON document (a ``str``): ``{"schema_version": 2, "plan": {...}}``.

    Fields holding their default are left out. With ``keep_source``, a plan
    that was read from text carries it, under ``"source"``, so that
    ``from_json`` gives a plan that ``emit`` writes in that format byte for
    byte as it was read. Raises ``PlanTypeError`` when ``plan`` is no ``Plan``.

    >>> import plancore
    >>> plancore.to_json(plancore.Plan(summary="Add a cache"), indent=None)
    '{"schema_version": 2, "plan": {"summary": "Add a cache"}}'
    """
    if not isinstance(plan, Plan):
        raise PlanTypeError(f"expected a Plan, got {type(plan).__name__}")
    document: dict[str, Any] = {"schema_version": SCHEMA_VERSION, "plan": _converter().unstructure(plan)}
    # A folder's plan has no one text to keep (its files are its source).
    if keep_source and isinstance(plan.source, Source) and not plan.source.parts:
        document["source"] = {"format": plan.source.format, "text": plan.source.text}
    return json.dumps(document, ensure_ascii=False, indent=indent) + ("\n" if indent is not None else "")


def _message(fault: BaseException, path: str) -> str:
    """The first of cattrs' errors in ``fault``, as ``$.path: problem``."""

    def describe(error: BaseException, cls: type | None) -> str:
        if isinstance(error, _WrongType):
            return str(error)
        if isinstance(error, cattrs.ForbiddenExtraKeysError):
            return "unknown key(s): " + ", ".join(sorted(error.extra_fields))
        return cattrs.v.format_exception(error, cls)

    errors = cattrs.transform_error(fault, path, describe)
    problem, _, where = errors[0].rpartition(" @ ")
    more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
    return f"{where}: {problem}{more}"


def from_json(text: str) -> Plan:
    """The plan in the JSON document ``text`` (as written by ``to_json``).

    Keys left out take their defaults. Raises ``ParseError`` naming the JSON
    path (``$.plan.phases[0].done: expected a boolean, got a string``) for a
    document of the wrong shape, an unknown key or another ``schema_version``,
    with the line for text that is no JSON; ``PlanTypeError`` when ``text`` is
    no ``str``.

    >>> import plancore
    >>> plancore.from_json('{"schema_version": 2, "plan": {"summary": "Add a cache"}}').summary
    'Add a cache'
    """
    if not isinstance(text, str):
        hint = " (decode it first: data.decode('utf-8'))" if isinstance(text, bytes | bytearray) else ""
        raise PlanTypeError(f"expected the JSON document as str, got {type(text).__name__}{hint}")
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise ParseError(f"not JSON: {error.msg} (column {error.colno})", line=error.lineno) from None
    except RecursionError:
        raise ParseError("not readable JSON: nested too deeply") from None
    if type(document) is not dict:
        raise ParseError(f"$: expected an object, got {_json_type(document)}")
    unknown = sorted(set(document) - {"schema_version", "plan", "source"})
    if unknown:
        raise ParseError("$: unknown key(s): " + ", ".join(unknown))
    version = document.get("schema_version")
    if version not in _READS or type(version) is not int:
        got = "none" if "schema_version" not in document else json.dumps(version)
        raise ParseError(
            f"$.schema_version: this plancore reads schema_version {' or '.join(map(str, _READS))}, got {got}"
        )
    if "plan" not in document:
        raise ParseError("$.plan: missing")
    try:
        plan = _converter().structure(document["plan"], Plan)
    except RecursionError:
        raise ParseError("$.plan: nested too deeply") from None
    except Exception as fault:
        raise ParseError(_message(fault, "$.plan")) from None
    if "source" in document:
        plan = attrs.evolve(plan, source=_source(document["source"]))
    return plan


def _source(value: object) -> Source:
    if type(value) is not dict:
        raise ParseError(f"$.source: expected an object, got {_json_type(value)}")
    unknown = sorted(set(value) - {"format", "text"})
    if unknown:
        raise ParseError("$.source: unknown key(s): " + ", ".join(unknown))
    name, text = value.get("format"), value.get("text")
    if type(name) is not str or name not in FORMATS:
        raise ParseError(f"$.source.format: expected one of {', '.join(FORMATS)}, got {json.dumps(name)}")
    if type(text) is not str:
        raise ParseError(f"$.source.text: expected a string, got {_json_type(text)}")
    try:
        # The plan as read is what an edit is measured against; reading it again rebuilds it.
        read = parse(text, name)
    except PlanError as error:
        raise ParseError(f"$.source.text: cannot be read as {name}: {error}") from None
    source = read.source
    assert isinstance(source, Source)
    return source


_SCALARS: dict[Any, dict[str, Any]] = {str: {"type": "string"}, bool: {"type": "boolean"}, int: {"type": "integer"}}


def _schema_of(hint: Any, defs: dict[str, Any]) -> dict[str, Any]:
    if hint in _SCALARS:
        return dict(_SCALARS[hint])
    if _is_tuple(hint):
        return {"type": "array", "items": _schema_of(typing.get_args(hint)[0], defs)}
    if isinstance(hint, type) and attrs.has(hint):
        name = hint.__name__
        if name not in defs:
            defs[name] = {}  # taken before the walk, so a cycle would end
            hints = typing.get_type_hints(hint)
            properties = {}
            for field in attrs.fields(hint):
                if field.name == "source" and hint is Plan:
                    continue
                prop = _schema_of(hints[field.name], defs)
                if not (isinstance(field.default, attrs.Factory)):  # type: ignore[arg-type]
                    prop["default"] = list(field.default) if isinstance(field.default, tuple) else field.default
                properties[field.name] = prop
            definition: dict[str, Any] = {"type": "object", "properties": properties, "additionalProperties": False}
            if hint.__doc__ and not hint.__doc__.startswith(f"{name}("):
                definition = {"description": " ".join(hint.__doc__.split()), **definition}
            defs[name] = definition
        return {"$ref": f"#/$defs/{name}"}
    raise TypeError(f"no JSON Schema for {hint!r}")


@functools.cache
def _schema_text() -> str:
    defs: dict[str, Any] = {}
    plan = _schema_of(Plan, defs)
    document = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "plancore plan",
        "description": "A plan as plancore.to_json writes it (plancore.from_json reads it).",
        "schema_version": SCHEMA_VERSION,
        "type": "object",
        "properties": {
            "schema_version": {"const": SCHEMA_VERSION},
            "plan": plan,
            "source": {
                "description": "The text the plan was read from (to_json(plan, keep_source=True)).",
                "type": "object",
                "properties": {"format": {"enum": list(FORMATS)}, "text": {"type": "string"}},
                "required": ["format", "text"],
                "additionalProperties": False,
            },
        },
        "required": ["schema_version", "plan"],
        "additionalProperties": False,
        "$defs": dict(sorted(defs.items())),
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the documents ``to_json`` writes, as
    a new ``dict``; its ``schema_version`` is the version it describes.
    Generated from the model classes.

    >>> import plancore
    >>> plancore.json_schema()["properties"]["schema_version"]
    {'const': 2}
    """
    loaded: dict[str, Any] = json.loads(_schema_text())
    return loaded
