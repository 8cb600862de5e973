"""The canonical plan model: the union of what the supported formats express.

Every field is optional; the empty string, ``False`` and the empty tuple mean
"unfilled". Prose fields hold the Markdown their author wrote, unchanged.
"""

from __future__ import annotations

import contextlib
import sys
import types
import typing
from collections.abc import Callable
from typing import Any

import attrs

from ._errors import PlanTypeError

__all__ = [
    "Api",
    "ApiExample",
    "Architecture",
    "ComplexityEntry",
    "Component",
    "DataModel",
    "Decision",
    "Dependency",
    "Endpoint",
    "Entity",
    "FileChange",
    "Labeled",
    "LogEntry",
    "Metadata",
    "Option",
    "Phase",
    "Plan",
    "Resources",
    "Risk",
    "Rollout",
    "Section",
    "Source",
    "Step",
    "Task",
    "Testing",
    "TimelineEntry",
    "is_empty",
]


_Check = Callable[[object], bool]


def _check_for(hint: object) -> tuple[_Check, str] | None:
    """A test of a value against the type ``hint``, and the type's name; ``None`` for ``Any``."""
    if hint is Any:
        return None
    if hint is bool:
        return bool.__instancecheck__, "bool"
    if hint is int:
        return (lambda value: isinstance(value, int) and value.__class__ is not bool), "int"
    if hint is type(None):
        return (lambda value: value is None), "None"
    if isinstance(hint, type):
        # A bound method of the type: checking an item is no Python call.
        return hint.__instancecheck__, hint.__name__
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        item = _check_for(args[0])
        if item is None:
            return (lambda value: isinstance(value, tuple)), "tuple"
        is_item, name = item
        return (lambda value: isinstance(value, tuple) and all(map(is_item, value))), f"tuple of {name}"
    if origin in (typing.Union, types.UnionType):
        parts = [_check_for(arg) for arg in args]
        if any(part is None for part in parts):
            return None
        checks = [part[0] for part in parts if part is not None]
        names = " or ".join(part[1] for part in parts if part is not None)
        return (lambda value: any(check(value) for check in checks)), names
    raise TypeError(f"no check for the model type {hint!r}")


def _anything(_: object) -> bool:
    return True


def _validator(owner: type, annotation: object) -> Callable[[object, attrs.Attribute[Any], object], None]:
    """The validator of a field of model class ``owner`` annotated ``annotation``.

    A postponed annotation (a string) naming a class not yet defined is
    resolved at the first check, when every class it may name exists.
    """
    is_valid: _Check | None = None
    expected = ""

    def resolve() -> None:
        nonlocal is_valid, expected
        hint = annotation
        if isinstance(hint, str):
            hint = eval(hint, vars(sys.modules[owner.__module__]))  # our own annotations, not input
        is_valid, expected = _check_for(hint) or (_anything, "")

    def fail(attribute: attrs.Attribute[Any], value: object, name: str) -> None:
        shown = repr(value)
        shown = shown if len(shown) <= 60 else shown[:57] + "..."
        raise PlanTypeError(f"{owner.__name__}.{attribute.name}: expected {name}, got {type(value).__name__} {shown}")

    if annotation in ("str", str):
        # Most fields are text: their check is the one on every construction's path.
        def validate_text(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
            if value.__class__ is not str and not isinstance(value, str):
                fail(attribute, value, "str")

        return validate_text

    def validate(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if is_valid is None:
            resolve()
        if not is_valid(value):  # type: ignore[misc]
            fail(attribute, value, expected)

    with contextlib.suppress(NameError):
        resolve()
    return validate


def _typed(cls: type, fields: list[attrs.Attribute[Any]]) -> list[attrs.Attribute[Any]]:
    """``fields`` of model class ``cls``, each checked against its annotation at construction."""
    checked = []
    for field in fields:
        if field.type is None:
            checked.append(field)
            continue
        check = _validator(cls, field.type)
        validator = check if field.validator is None else attrs.validators.and_(check, field.validator)
        checked.append(field.evolve(validator=validator))
    return checked


def _key() -> Any:
    # A key names its item (a label, a field name) rather than filling it: a
    # template's label stays a label, and an item with only a key is empty.
    return attrs.field(default="", metadata={"key": True})


def _code() -> Any:
    # Code (a schema, a request): text that is no Markdown, kept in a code block.
    return attrs.field(default="", metadata={"code": True})


@attrs.frozen(kw_only=True, field_transformer=_typed)
class Labeled:
    """A ``**Label**: value`` pair, as in technology stacks and metrics."""

    label: str = _key()
    value: str = ""


@attrs.frozen(kw_only=True, field_transformer=_typed)
class Task:
    """A task or checklist item; ``done`` is its check mark."""

    text: str = ""
    done: bool = False


@attrs.frozen(kw_only=True, field_transformer=_typed)
class Metadata:
    title: str = ""
    feature_id: str = ""
    issue_id: str = ""
    spec_id: str = ""
    spec_path: str = ""
    feature_dir: str = ""
    plan_number: str = ""
    branch: str = ""
    author: str = ""
    created: str = ""
    updated: str = ""
    generated: str = ""
    status: str = ""
    spec_version: str = ""
    plan_version: str = ""
    input: str = ""


@attrs.frozen(kw_only=True, field_transformer=_typed)
class Component:
    name: str = ""
    change_type: str = ""
    responsibility: str = ""
    technology: str = ""
    location: str = ""
    dependencies: str = ""
    dependents: str = ""
    current: str = ""
    change: str = ""
    risk: str = ""
    notes: str = ""


@attrs.frozen(kw_only=True, field_transformer=_typed)
class Architecture:
    overview: str = ""
    interactions: str = ""
    data_flow: str = ""
    tech_stack: tuple[Labeled, ...] = ()
    components: tuple[Component, ...] = ()


@attrs.frozen(kw_only=True, field_transformer=_typed)
class Option:
    name: str = ""
    notes: str = ""


@attrs.frozen(kw_only=True, field_transformer=_typed)
class Decision:
    title: str = ""
    context: str = ""
    options: tuple[Option, ...] = ()
    choice: str = ""
    rationale: str = ""


@attrs.frozen(kw_only=True, field_transformer=_typed)
class Endpoint:
    method: str = ""
    path: str = ""
    change_type: str = ""
    description: str = ""
    auth: str = ""
    input: str = ""
    output: str = ""
    errors: str = ""
    current_behavior: str = ""
    new_behavior: str = ""
    breaking: str = ""


@attrs.frozen(kw_only=True, field_transformer=_typed)
class ApiExample:
    name: str = ""
    request: str = _code()
    response: str = _code()


@attrs.frozen(kw_only=True, field_transformer=_typed)
class Api:
    endpoints: tuple[Endpoint, ...] = ()
    examples: tuple[ApiExample, ...] = ()


@attrs.frozen(kw_only=True, field_transformer=_typed)
class Entity:
    name: str = ""
    change_type: str = ""
    schema: str = _code()
    # The info string of the schema's code fence (``typescript``).
    schema_language: str = ""
    current_fields: str = ""
    new_fields: str = ""
    migration_notes: str = ""


@attrs.frozen(kw_only=True, field_transformer=_typed)
class DataModel:
    overview: str = ""
    entities: tuple[Entity, ...] = ()
    schema: str = _code()
    schema_language: str = ""
    migrations: str = ""
    migration_commands: str = _code()


@attrs.frozen(kw_only=True, field_transformer=_typed)
class FileChange:
    path: str = ""
    change_type: str = ""
    description: str = ""


@attrs.frozen(kw_only=True, field_transformer=_typed)
class Dependency:
    name: str = ""
    version: str = ""
    purpose: str = ""
    risk: str = ""
    contingency: str = ""


@attrs.frozen(kw_only=True, field_transformer=_typed)
class Step:
    """A numbered step inside a phase (``#### Step 1.1: Title``)."""

    title: str = ""
    files: tuple[str, ...] = ()
    tasks: tuple[Task, ...] = ()
    notes: str = ""


@attrs.frozen(kw_only=True, field_transformer=_typed)
class Phase:
    """A phase of the work; ``done`` is the done mark of its heading (``✅``)."""

    name: str = ""
    done: bool = False
    goal: str = ""
    priority: str = ""
    estimate: str = ""
    dependencies: str = ""
    description: str = ""
    tasks: tuple[Task, ...] = ()
    deliverables: tuple[Task, ...] = ()
    steps: tuple[Step, ...] = ()


@attrs.frozen(kw_only=True, field_transformer=_typed)
class Testing:
    strategy: str = ""
    unit: str = ""
    integration: str = ""
    e2e: str = ""
    manual: str = ""
    test_data: str = ""


@attrs.frozen(kw_only=True, field_transformer=_typed)
class Risk:
    risk: str = ""
    probability: str = ""
    impact: str = ""
    mitigation: str = ""


@attrs.frozen(kw_only=True, field_transformer=_typed)
class Resources:
    team: tuple[Labeled, ...] = ()
    infrastructure: tuple[Labeled, ...] = ()


@attrs.frozen(kw_only=True, field_transformer=_typed)
class Rollout:
    strategy: tuple[Labeled, ...] = ()
    monitoring: tuple[Labeled, ...] = ()


@attrs.frozen(kw_only=True, field_transformer=_typed)
class TimelineEntry:
    phase: str = ""
    start: str = ""
    end: str = ""
    status: str = ""


@attrs.frozen(kw_only=True, field_transformer=_typed)
class LogEntry:
    date: str = ""
    update: str = ""


@attrs.frozen(kw_only=True, field_transformer=_typed)
class ComplexityEntry:
    """A justified deviation from a project's principles (Spec Kit's Complexity Tracking)."""

    violation: str = ""
    why_needed: str = ""
    simpler_alternative: str = ""


def _heading_level(section: Any, _: attrs.Attribute[int], level: int) -> None:
    # Markdown has six heading levels; level 0 is text kept in place without a heading.
    if not 0 <= level <= 6 or (level == 0 and section.heading):
        raise PlanTypeError(f"Section.level: expected 1 to 6 (0: text without a heading), got {level!r}")


@attrs.frozen(kw_only=True, field_transformer=_typed)
class Section:
    """A section that maps to no field, kept verbatim.

    ``after`` names the field whose section it followed in its source (empty:
    it came before every known section), so that a writer can put it back in
    the matching place.
    """

    heading: str = ""
    level: int = attrs.field(default=2, metadata={"key": True}, validator=_heading_level)
    body: str = ""
    after: str = attrs.field(default="", metadata={"key": True})


@attrs.frozen(kw_only=True, field_transformer=_typed)
class Plan:
    """A plan in canonical form. ``Plan()`` is the empty plan."""

    metadata: Metadata = attrs.field(factory=Metadata)
    specification: str = _code()
    summary: str = ""
    prerequisites: tuple[Task, ...] = ()
    architecture: Architecture = attrs.field(factory=Architecture)
    decisions: tuple[Decision, ...] = ()
    api: Api = attrs.field(factory=Api)
    data_model: DataModel = attrs.field(factory=DataModel)
    file_structure: str = ""
    file_changes: tuple[FileChange, ...] = ()
    dependencies: tuple[Dependency, ...] = ()
    internal_dependencies: tuple[str, ...] = ()
    phases: tuple[Phase, ...] = ()
    testing: Testing = attrs.field(factory=Testing)
    risks: tuple[Risk, ...] = ()
    resources: Resources = attrs.field(factory=Resources)
    success_metrics: tuple[Labeled, ...] = ()
    rollout: Rollout = attrs.field(factory=Rollout)
    deployment: str = ""
    feature_flags: str = ""
    rollback: str = ""
    definition_of_done: tuple[Task, ...] = ()
    timeline: tuple[TimelineEntry, ...] = ()
    progress_log: tuple[LogEntry, ...] = ()
    open_questions: tuple[str, ...] = ()
    notes: str = ""
    extra_sections: tuple[Section, ...] = ()
    # The headings an author gave mapped sections in place of the format's own
    # (a renamed or translated section): ``label`` is the field key, ``value``
    # the heading as written.
    headings: tuple[Labeled, ...] = ()
    # Likewise the labels an author gave fields (``**功能分支**`` for the
    # branch): ``label`` is the field's path, ``value`` the label as written.
    labels: tuple[Labeled, ...] = ()
    # The parsed source, so that an unchanged plan is written back byte for
    # byte; it takes no part in equality.
    source: Source | None = attrs.field(default=None, eq=False, repr=False)
    constitution_check: str = ""
    complexity: tuple[ComplexityEntry, ...] = ()
    documentation_structure: str = ""


@attrs.frozen(kw_only=True, field_transformer=_typed)
class Source:
    """What a plan was parsed from (set by ``parse``), so that an unchanged
    plan is written back as it was and an edited one changes only its lines:
    the format's name, the text, and the plan as read."""

    format: str
    text: str
    plan: Plan


def is_empty(value: object) -> bool:
    """Whether ``value`` (a model object, string, bool or tuple) holds no content."""
    if isinstance(value, str):
        return value == ""
    if isinstance(value, bool):
        return not value
    if isinstance(value, int):
        return False
    if isinstance(value, tuple):
        return all(is_empty(item) for item in value)
    if attrs.has(type(value)):
        return all(
            is_empty(getattr(value, f.name))
            for f in attrs.fields(type(value))  # type: ignore[arg-type]
            if f.eq and not f.metadata.get("key")
        )
    return value is None
