"""The canonical plan model: the union of what the supported formats express.

Every field is optional; the empty string, ``False`` and the empty tuple mean
"unfilled". Prose fields hold the Markdown their author wrote, unchanged.
"""

from __future__ import annotations

from typing import Any

import attrs

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
    "Step",
    "Task",
    "Testing",
    "TimelineEntry",
    "is_empty",
]


def _key() -> Any:
    # A key names its item (a label, a field name) rather than filling it: a
    # template's label stays a label, and an item with only a key is empty.
    return attrs.field(default="", metadata={"key": True})


def _code() -> Any:
    # Code (a schema, a request): text that is no Markdown, kept in a code block.
    return attrs.field(default="", metadata={"code": True})


@attrs.frozen(kw_only=True)
class Labeled:
    """A ``**Label**: value`` pair, as in technology stacks and metrics."""

    label: str = _key()
    value: str = ""


@attrs.frozen(kw_only=True)
class Task:
    """A task or checklist item; ``done`` is its check mark."""

    text: str = ""
    done: bool = False


@attrs.frozen(kw_only=True)
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


@attrs.frozen(kw_only=True)
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


@attrs.frozen(kw_only=True)
class Architecture:
    overview: str = ""
    interactions: str = ""
    data_flow: str = ""
    tech_stack: tuple[Labeled, ...] = ()
    components: tuple[Component, ...] = ()


@attrs.frozen(kw_only=True)
class Option:
    name: str = ""
    notes: str = ""


@attrs.frozen(kw_only=True)
class Decision:
    title: str = ""
    context: str = ""
    options: tuple[Option, ...] = ()
    choice: str = ""
    rationale: str = ""


@attrs.frozen(kw_only=True)
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


@attrs.frozen(kw_only=True)
class ApiExample:
    name: str = ""
    request: str = _code()
    response: str = _code()


@attrs.frozen(kw_only=True)
class Api:
    endpoints: tuple[Endpoint, ...] = ()
    examples: tuple[ApiExample, ...] = ()


@attrs.frozen(kw_only=True)
class Entity:
    name: str = ""
    change_type: str = ""
    schema: str = _code()
    # The info string of the schema's code fence (``typescript``).
    schema_language: str = ""
    current_fields: str = ""
    new_fields: str = ""
    migration_notes: str = ""


@attrs.frozen(kw_only=True)
class DataModel:
    overview: str = ""
    entities: tuple[Entity, ...] = ()
    schema: str = _code()
    schema_language: str = ""
    migrations: str = ""
    migration_commands: str = _code()


@attrs.frozen(kw_only=True)
class FileChange:
    path: str = ""
    change_type: str = ""
    description: str = ""


@attrs.frozen(kw_only=True)
class Dependency:
    name: str = ""
    version: str = ""
    purpose: str = ""
    risk: str = ""
    contingency: str = ""


@attrs.frozen(kw_only=True)
class Step:
    """A numbered step inside a phase (``#### Step 1.1: Title``)."""

    title: str = ""
    files: tuple[str, ...] = ()
    tasks: tuple[Task, ...] = ()
    notes: str = ""


@attrs.frozen(kw_only=True)
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


@attrs.frozen(kw_only=True)
class Testing:
    strategy: str = ""
    unit: str = ""
    integration: str = ""
    e2e: str = ""
    manual: str = ""
    test_data: str = ""


@attrs.frozen(kw_only=True)
class Risk:
    risk: str = ""
    probability: str = ""
    impact: str = ""
    mitigation: str = ""


@attrs.frozen(kw_only=True)
class Resources:
    team: tuple[Labeled, ...] = ()
    infrastructure: tuple[Labeled, ...] = ()


@attrs.frozen(kw_only=True)
class Rollout:
    strategy: tuple[Labeled, ...] = ()
    monitoring: tuple[Labeled, ...] = ()


@attrs.frozen(kw_only=True)
class TimelineEntry:
    phase: str = ""
    start: str = ""
    end: str = ""
    status: str = ""


@attrs.frozen(kw_only=True)
class LogEntry:
    date: str = ""
    update: str = ""


@attrs.frozen(kw_only=True)
class ComplexityEntry:
    """A justified deviation from a project's principles (Spec Kit's Complexity Tracking)."""

    violation: str = ""
    why_needed: str = ""
    simpler_alternative: str = ""


@attrs.frozen(kw_only=True)
class Section:
    """A section that maps to no field, kept verbatim.

    ``after`` names the field whose section it followed in its source (empty:
    it came before every known section), so that a writer can put it back in
    the matching place.
    """

    heading: str = ""
    level: int = attrs.field(default=2, metadata={"key": True})
    body: str = ""
    after: str = attrs.field(default="", metadata={"key": True})


@attrs.frozen(kw_only=True)
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
    source: Any = attrs.field(default=None, eq=False, repr=False)
    constitution_check: str = ""
    complexity: tuple[ComplexityEntry, ...] = ()
    documentation_structure: str = ""


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
