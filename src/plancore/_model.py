"""The canonical plan model: the union of what the supported formats express.

Every field is optional; the empty string, ``False`` and the empty tuple mean
"unfilled". Prose fields hold the Markdown their author wrote, unchanged.
"""

from __future__ import annotations

import builtins
import collections
import functools
import operator
import re
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
    "Criterion",
    "DataModel",
    "Decision",
    "Dependency",
    "Endpoint",
    "Entity",
    "FileChange",
    "Intent",
    "Labeled",
    "LogEntry",
    "Metadata",
    "Option",
    "Phase",
    "Plan",
    "Requirement",
    "Resources",
    "Risk",
    "Rollout",
    "Section",
    "Source",
    "Step",
    "Subtask",
    "Task",
    "Testing",
    "TimelineEntry",
    "content_fields",
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
        # Most lists of a plan are empty (every default): told so without building a map to walk.
        return (lambda value: isinstance(value, tuple) and (not value or all(map(is_item, value)))), f"tuple of {name}"
    if origin in (typing.Union, types.UnionType):
        parts = [_check_for(arg) for arg in args]
        if any(part is None for part in parts):
            return None
        checks = [part[0] for part in parts if part is not None]
        names = " or ".join(part[1] for part in parts if part is not None)
        return (lambda value: any(check(value) for check in checks)), names
    raise TypeError(f"no check for the model type {hint!r}")


# The shapes of the model's annotations, read without ``eval`` (a compile each: a tenth of the model
# classes' start-up): a name, ``tuple[NAME, ...]``, ``NAME | None``.
_NAME = re.compile(r"[A-Za-z_]\w*")
_TUPLE_OF = re.compile(r"tuple\[([A-Za-z_]\w*), \.\.\.\]")
_OR_NONE = re.compile(r"([A-Za-z_]\w*) \| None")


def _hint(annotation: str, namespace: dict[str, Any]) -> object:
    """The type the string ``annotation`` of a model field names in module ``namespace``: what
    ``eval(annotation, namespace)`` gives (it gives any other shape)."""
    if _NAME.fullmatch(annotation) and (annotation in namespace or hasattr(builtins, annotation)):
        return namespace[annotation] if annotation in namespace else getattr(builtins, annotation)
    if found := _TUPLE_OF.fullmatch(annotation):
        return tuple[_hint(found.group(1), namespace), ...]  # type: ignore[misc]
    if found := _OR_NONE.fullmatch(annotation):
        return _hint(found.group(1), namespace) | None  # type: ignore[operator]
    return eval(annotation, namespace)  # our own, not input


def _anything(_: object) -> bool:
    return True


def _fail(instance: object, attribute: attrs.Attribute[Any], value: object, name: str) -> None:
    shown = repr(value)
    shown = shown if len(shown) <= 60 else shown[:57] + "..."
    raise PlanTypeError(
        f"{type(instance).__name__}.{attribute.name}: expected {name}, got {type(value).__name__} {shown}"
    )


_Own = Callable[[Any, "attrs.Attribute[Any]", Any], None]
# The check of each annotation resolved so far, by (module, annotation): a test and the type's name.
_checks: dict[tuple[str, object], tuple[_Check, str]] = {}
# The type each annotation resolved so far names, by (module, annotation).
_hints: dict[tuple[str, object], object] = {}
# Per model class whose checks are resolved (at its first instance): each field's test, by name (``evolve``
# checks the changed fields alone), and the fields' own validators in field order (which weigh the whole
# instance: ``evolve`` runs every one, as a construction does).
_field_checks: dict[type, tuple[dict[str, _Check], tuple[tuple[attrs.Attribute[Any], _Own], ...]]] = {}
# A field's name, annotation (None: not typed) and own validator (None: none).
_Field = tuple[str, object, "_Own | None"]


def field_values(names: tuple[str, ...]) -> Callable[[object], tuple[Any, ...]]:
    """What gives the values of the fields ``names`` of an instance, as a tuple, in one call from C."""
    if len(names) > 1:
        return operator.attrgetter(*names)
    if names:
        one = operator.attrgetter(names[0])
        return lambda instance: (one(instance),)
    return lambda instance: ()


def _exact(hint: object, value: str, names: dict[str, object]) -> str | None:
    """A Python expression, over the expression ``value``, true only where ``value`` passes the check of
    ``hint`` (``_check_for``), told by its exact class where it can be: no call but for a list's items (every
    check passes then). The objects it names are put in ``names``; ``None`` where no such expression is made."""
    if hint is Any:
        return "True"
    if isinstance(hint, type):
        # (Of exactly ``int``, no ``bool``; of ``NoneType``, ``None``.)
        names[name := f"_t{len(names)}"] = hint
        return f"{value}.__class__ is {name}"
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        item = _check_for(args[0])
        if item is None:
            return f"{value}.__class__ is tuple"
        names[name := f"_i{len(names)}"] = item[0]
        return f"({value}.__class__ is tuple and (not {value} or all(map({name}, {value}))))"
    if origin in (typing.Union, types.UnionType):
        parts = [_exact(arg, value, names) for arg in args]
        return None if None in parts else "(" + " or ".join(typing.cast(list[str], parts)) + ")"
    return None


def _exact_check(
    fields: list[tuple[str, object | None, _Check]], owns: tuple[tuple[attrs.Attribute[Any], _Own], ...], checked: _Own
) -> _Own:
    """The check of an instance whose ``fields`` (name, resolved hint or None, check) are of their types' exact
    classes (as a reader and the crosswalk build them: text of ``str``, items of the model's classes) written out
    as one function: its fields' own validators (``owns``) run then, in field order; any other instance is
    ``checked`` as before (a ``str`` subclass passes, a wrong type raises there). A check of each field by a
    call from C (``checked``'s) was most of a small instance's making."""
    names: dict[str, object] = {"checked": checked}
    tests = []
    for name, hint, check in fields:
        test = _exact(hint, f"instance.{name}", names) if hint is not None else "True"
        if test is None:
            names[call := f"_c{len(names)}"] = check
            test = f"{call}(instance.{name})"
        tests.append(test)
    lines = ["def validate(instance, attribute, value):", f"    if {' and '.join(tests) or 'True'}:"]
    for index, (attribute, own) in enumerate(owns):
        names[f"_o{index}"], names[f"_a{index}"] = own, attribute
        lines.append(f"        _o{index}(instance, _a{index}, instance.{attribute.name})")
    lines += ["        return", "    checked(instance, attribute, value)"]
    exec("\n".join(lines), names)  # our own code, of field names
    return typing.cast(_Own, names["validate"])


# The instances of a class checked field by field before its check is written out (``_exact_check``).
_WRITTEN_AFTER = 1024


def _instance_check(module: str, fields: list[_Field]) -> _Own:
    """One validator checking every field of a model instance, in field order,
    each against its annotation and then by its own validator: the first field
    at fault is named, as with a validator a field.

    One a class, on its last field (attrs runs validators once every field is
    set), so that each class's generated ``__init__`` holds one check, not one a
    field: generating the model classes is most of plancore's start-up. The
    annotations (postponed: strings, which may name a class not yet defined) are
    resolved at the first check, not when the classes are defined.
    """
    checks: tuple[tuple[attrs.Attribute[Any], _Check, str, _Own | None], ...] = ()
    valid: tuple[_Check, ...] = ()
    # The fields with a validator of their own, in field order: run once every field's type is right.
    owns: tuple[tuple[attrs.Attribute[Any], _Own], ...] = ()
    values = field_values(tuple(name for name, _, _ in fields))
    # The check run: the first resolves the annotations, and makes the check of the classes' fields written out.
    fast: _Own

    def resolve(cls: type) -> None:
        nonlocal checks, valid, owns, fast
        namespace = vars(sys.modules[module])
        final = {field.name: field for field in attrs.fields(cls)}
        resolved = []
        for name, annotation, own in fields:
            # Most fields share an annotation (``str``): each is evaluated once, not once a field.
            key = (module, annotation)
            found = _checks.get(key)
            if found is None:
                hint = _hint(annotation, namespace) if isinstance(annotation, str) else annotation
                found = _checks[key] = (_check_for(hint) if annotation is not None else None) or (_anything, "")
                if annotation is not None:
                    _hints[key] = hint
            is_valid, expected = found
            resolved.append((final[name], is_valid, expected, own))
        checks = tuple(resolved)
        valid = tuple(is_valid for _, is_valid, _, _ in checks)
        owns = tuple((attribute, own) for attribute, _, _, own in checks if own is not None)
        _field_checks[cls] = ({attribute.name: is_valid for attribute, is_valid, _, _ in checks}, owns)

    def write_out() -> None:
        nonlocal fast
        fast = _exact_check(
            [
                (attribute.name, _hints.get((module, annotation)), is_valid)
                for (attribute, is_valid, _, _), (_, annotation, _) in zip(checks, fields, strict=True)
            ],
            owns,
            checked,
        )

    def validate(instance: Any, attribute: attrs.Attribute[Any], value: object) -> None:
        fast(instance, attribute, value)

    def first(instance: Any, attribute: attrs.Attribute[Any], value: object) -> None:
        nonlocal fast
        resolve(type(instance))
        fast = counted
        checked(instance, attribute, value)

    made = 0

    def counted(instance: Any, attribute: attrs.Attribute[Any], value: object) -> None:
        # Written out (compiled) only for a class made often: compiling costs some thousand instances'
        # checks, which a one-file conversion (a few hundred a class) would pay at every start-up.
        nonlocal made
        made += 1
        if made >= _WRITTEN_AFTER:
            write_out()
        checked(instance, attribute, value)

    fast = first

    def checked(instance: Any, _: attrs.Attribute[Any], __: object) -> None:
        # Every check called from C; field by field (to name the first at fault) only when one fails.
        if all(map(operator.call, valid, values(instance))):
            # Every type right: the fields' own validators alone are left, in field order, as below.
            for attribute, its_own in owns:
                its_own(instance, attribute, getattr(instance, attribute.name))
            return
        for attribute, is_valid, expected, own in checks:
            value = getattr(instance, attribute.name)
            if not is_valid(value):
                _fail(instance, attribute, value, expected)
            if own is not None:
                own(instance, attribute, value)

    return validate


def _typed(cls: type, fields: list[attrs.Attribute[Any]]) -> list[attrs.Attribute[Any]]:
    """``fields`` of model class ``cls``, each checked against its annotation at
    construction (by one validator on the last field, see ``_instance_check``)."""
    checked: list[_Field] = [
        (field.name, field.type, field.validator)
        for field in fields
        if field.type is not None or field.validator is not None
    ]
    if not checked:
        return fields
    validate = _instance_check(cls.__module__, checked)
    for field in fields:
        if field.validator is not None:
            _set_validator(field, None)
    _set_validator(fields[-1], validate)
    return fields


def _set_validator(field: attrs.Attribute[Any], validator: _Own | None) -> None:
    """Give ``field`` (one attrs made for the class being built, no other's) ``validator``: what
    ``field.evolve(validator=...)`` gives, without copying it (the copy's ``__getstate__`` and
    ``__setstate__`` walk every slot in Python: a tenth of building the model classes). attrs sets
    its fresh fields' aliases so too."""
    object.__setattr__(field, "validator", validator)


_T = typing.TypeVar("_T")
# ``object.__setattr__`` bound to an instance, as attrs's ``__init__`` sets a frozen instance's fields: setting a
# slot through it is some 15 % cheaper than calling the slot's descriptor's ``__set__`` unbound (which copies
# its arguments each call).
_setter_of: Callable[[object], Callable[[str, object], None]] = object.__setattr__.__get__


class _Copier(typing.NamedTuple):
    """How ``evolve`` makes an instance of a model class: its fields' slots by name, in field order,
    what reads their values, their tests, their own validators, and whether it has an ``__attrs_post_init__``."""

    slots: dict[str, Any]
    values: Callable[[object], tuple[object, ...]]
    checks: dict[str, _Check]
    owns: tuple[tuple[attrs.Attribute[Any], _Own], ...]
    post_init: bool


# Per model class: its copier; False for a class ``evolve`` leaves to attrs.
_copiers: dict[type, _Copier | bool] = {}


def _copier(cls: type) -> _Copier | bool | None:
    """The copier of ``cls``; False when it has none; None when its checks are not resolved yet."""
    if cls.__module__ != __name__ or not attrs.has(cls):
        return False
    if cls not in _field_checks:
        return None
    checks, owns = _field_checks[cls]
    fields = attrs.fields(cls)
    slots = {field.name: cls.__dict__.get(field.name) for field in fields}
    # A slot that is no field's (a cached hash) or a field that attrs converts would be left as it was.
    others = set(getattr(cls, "__slots__", ())) - slots.keys() - {"__weakref__"}
    if others or not all(
        field.init
        and field.alias == field.name
        and field.converter is None
        and isinstance(slots[field.name], types.MemberDescriptorType)
        for field in fields
    ):
        return False
    return _Copier(slots, field_values(tuple(slots)), checks, owns, hasattr(cls, "__attrs_post_init__"))


def evolve(inst: _T, **changes: Any) -> _T:
    """``attrs.evolve(inst, **changes)``, checking the changed fields alone: a model instance is frozen
    and its fields were checked when it was made, and checking every item of every list of a plan again
    for each change was most of a change's cost (a conversion makes a hundred)."""
    cls = inst.__class__
    copier = _copiers.get(cls)
    if copier is None:
        copier = _copier(cls)
        if copier is None:
            return attrs.evolve(inst, **changes)  # type: ignore[misc]
        _copiers[cls] = copier
    if not isinstance(copier, _Copier) or not changes.keys() <= copier.slots.keys():
        # (A name of no field: attrs raises its error.)
        return attrs.evolve(inst, **changes)  # type: ignore[misc]
    slots, checks = copier.slots, copier.checks
    new: Any = object.__new__(cls)
    set_field = _setter_of(new)
    collections.deque(map(set_field, slots, copier.values(inst)), 0)
    valid = True
    for name, value in changes.items():
        set_field(name, value)
        check = checks.get(name)
        if check is not None and not check(value):
            valid = False
    if not valid:
        # attrs's own check of every field raises the error a user's ``Plan(...)`` would.
        return attrs.evolve(inst, **changes)  # type: ignore[misc]
    # Every field's type right, the fields' own validators run, in field order, as a construction runs them
    # then (``_instance_check``): they weigh the whole instance (a Section's level with its heading).
    for attribute, own in copier.owns:
        own(new, attribute, getattr(new, attribute.name))
    if copier.post_init:
        new.__attrs_post_init__()
    return new  # type: ignore[no-any-return]


def _key() -> Any:
    # A key names its item (a label, a field name) rather than filling it: a
    # template's label stays a label, and an item with only a key is empty.
    return attrs.field(default="", metadata={"key": True})


def _kind() -> Any:
    # A kind a format gives by where an item stands (maestro's "New"/"Modified" subsections): the
    # template's sample value only in a sample item; beside the item's own content it is the author's.
    return attrs.field(default="", metadata={"kind": True})


def _own() -> Any:
    # A value a format gives an item beside its own content (SpecPulse's ``[Priority: HIGH]`` in a phase's
    # heading): the template's sample value only in a sample item; beside the item's own content it is the
    # author's, though it equal the template's sample at that index.
    return attrs.field(default="", metadata={"own": True})


def _code() -> Any:
    # Code (a schema, a request): text that is no Markdown, kept in a code block.
    return attrs.field(default="", metadata={"code": True})


def _language(of: str) -> Any:
    # A code fence's info string (``sql``) is the language of the code field ``of``: written
    # beside real code it is no template's placeholder, even where it equals the template's.
    return attrs.field(default="", metadata={"language_of": of})


@attrs.frozen(kw_only=True, field_transformer=_typed)
class Labeled:
    """A ``**Label**: value`` pair, as in technology stacks and metrics.

    Attributes:
        label: The label (``Backend``), one line; it names the item.
        value: What follows the label, one line.

    Written wherever the field holding it is (see that field).
    """

    label: str = _key()
    value: str = ""


# What a task's text says of it besides its description, as people write it
# (github/spec-kit ``T001 [P] [US1] ... in src/x.py (depends on T000)``, Kiro
# ``1.1 ...`` with ``_Requirements: 2.1_`` lines, BMAD ``(AC: 1)``): read from
# the text as written (an ID put in later between two: OpenSpec ``3.6a``),
# never stored apart from it, so that every format that carries a task's text
# carries them and none can disagree with it.
_TASK_ID = re.compile(r"(?:\*\*)?(?P<id>[A-Z]{1,4}-?\d+(?:\.\d+)*|\d+\.(?:\d+(?:\.\d+)*[a-z]?)?)(?:\*\*)?(?=[ \t:]|$)")
_MARKER = re.compile(r"[ \t]*(?:\[(?P<bracket>[^\]\n]{1,12})\]|\((?P<paren>P)\))(?=[ \t]|$)")
_STORY = re.compile(r"US\d+[A-Za-z]?")
_REQUIREMENT = re.compile(r"\b(?:FR|NFR|SC|REQ|AC)-\d+(?:\.\d+)*\b")
_REQUIREMENTS_LINE = re.compile(r"_?\*{0,2}Requirements?\*{0,2}:\*{0,2}[ \t]*(?P<list>[^_\n]*)_?", re.IGNORECASE)
# Kiro's property-test tasks: ``**Validates: Requirements 1.1, 2.3**``.
_VALIDATES = re.compile(r"\*{0,2}Validates:?\*{0,2}[ \t]*Requirements?[ \t]*:?[ \t]*(?P<list>[^*_\n]*)", re.IGNORECASE)
_AC = re.compile(r"\(AC:?[ \t]*(?P<list>[\d ,#]+)\)")
_DEPENDS = re.compile(
    r"(?:depends[ \t]+on|_?\*{0,2}depends\*{0,2}:\*{0,2}|after|requires)[ \t]*:?[ \t]*"
    r"(?P<list>(?:[A-Z]{1,4}-?\d+(?:\.\d+)*|\d+(?:\.\d+)+)(?:[ \t]*(?:,|and|&)[ \t]*"
    r"(?:[A-Z]{1,4}-?\d+(?:\.\d+)*|\d+(?:\.\d+)+))*)",
    re.IGNORECASE,
)
_TASK_REF = re.compile(r"[A-Z]{1,4}-?\d+(?:\.\d+)*|\d+(?:\.\d+)+", re.IGNORECASE)
# A path: a word with a slash or a dotted extension, in backticks or bare; no URL, no version number.
_PATH = re.compile(
    r"`(?P<quoted>[^`\s]*(?:/|\.[A-Za-z][A-Za-z0-9]{0,5}\b)[^`\s]*)`"
    r"|(?<![\w/`.:])(?P<bare>(?:[\w.\-\[\]]+/)+[\w.\-\[\]]*|\.[A-Za-z][\w\-]*(?=[\s,;)]|$)|[\w\-\[\]]+(?:\.[\w\-]+)*\.(?:py|ts|tsx|js|jsx|go|rs|java|kt|"
    r"md|json|ya?ml|toml|sql|proto|html|css|sh|rb|cs|swift|c|h|cpp|txt|cfg|ini|mod|lock))(?![\w/])"
)


def _leading(text: str) -> tuple[str, tuple[str, ...]]:
    """The task ID that opens ``text`` (empty: none) and the bracketed markers after it."""
    text = text.lstrip()
    match = _TASK_ID.match(text)
    task_id = ""
    if match:
        task_id = match.group("id").rstrip(".")
        text = text[match.end() :]
    markers = []
    while True:
        marker = _MARKER.match(text)
        if marker is None:
            break
        markers.append(marker.group("bracket") or marker.group("paren"))
        text = text[marker.end() :]
    return task_id, tuple(markers)


def _unique(items: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(item for item in items if item))


class _TaskFacts:
    """What a task's text (and body) says of it besides its description; shared by tasks and sub-tasks."""

    text: str
    body: str
    done: bool
    in_progress: bool
    skipped: bool

    def __attrs_post_init__(self) -> None:
        # A check mark says one state: done over skipped over started, so that a task
        # written with its one mark reads back equal.
        if self.done or self.skipped:
            object.__setattr__(self, "in_progress", False)
        if self.done:
            object.__setattr__(self, "skipped", False)

    @property
    def status(self) -> str:
        """``done``, ``skipped``, ``in_progress`` or ``todo``, from the check mark."""
        if self.done:
            return "done"
        if self.skipped:
            return "skipped"
        return "in_progress" if self.in_progress else "todo"

    @property
    def id(self) -> str:
        """The ID that opens the text (``T001``, ``1.1``, ``WP01``) as written; empty when it has none."""
        return _leading(self.text)[0]

    @property
    def parallel(self) -> bool:
        """Whether a ``[P]`` or ``(P)`` marker follows the ID: the task may run beside others."""
        return "P" in _leading(self.text)[1]

    @property
    def stories(self) -> tuple[str, ...]:
        """The user stories it serves (``[US1]`` markers), in order."""
        return tuple(marker for marker in _leading(self.text)[1] if _STORY.fullmatch(marker))

    @property
    def requirements(self) -> tuple[str, ...]:
        """The requirements it refers to, in order: ``FR-003`` in its text or body, the items of a
        ``_Requirements: 2.1, 2.2_`` or ``**Validates: Requirements 2.1**`` line, ``AC 1`` for ``(AC: 1)``."""
        found: list[str] = []
        for line in (self.text, *self.body.split("\n")):
            found += _REQUIREMENT.findall(line)
            for ac in _AC.finditer(line):
                found += ["AC " + item.strip(" #") for item in ac.group("list").split(",")]
            listed = _VALIDATES.search(line) or _REQUIREMENTS_LINE.search(line)
            if listed:
                found += [item.strip(" *_`") for item in listed.group("list").split(",")]
        return _unique(found)

    @property
    def depends_on(self) -> tuple[str, ...]:
        """The task IDs it depends on (``depends on T012, T013``, ``_Depends: 1.2_``), in order."""
        found: list[str] = []
        for line in (self.text, *self.body.split("\n")):
            for match in _DEPENDS.finditer(line):
                found += _TASK_REF.findall(match.group("list"))
        return _unique(found)

    @property
    def files(self) -> tuple[str, ...]:
        """The file paths its text names (``src/models/user.py``, `` `go.mod` ``), in order."""
        return _unique([m.group("quoted") or m.group("bare") for m in _PATH.finditer(self.text)])


@attrs.frozen(kw_only=True, field_transformer=_typed)
class Subtask(_TaskFacts):
    """A task nested under a task (Kiro's ``1.1`` under ``1.``); what nests deeper stays in its body.

    Attributes:
        text: As ``Task.text``.
        done: As ``Task.done``.
        in_progress: As ``Task.in_progress``.
        skipped: As ``Task.skipped``.
        optional: As ``Task.optional``.
        body: As ``Task.body``, and the tasks nested under it, as written.

    Written wherever its task is, by the formats that hold sub-tasks there (speckit-tasks).

    Its ``status``, ``id``, ``parallel``, ``stories``, ``requirements``, ``depends_on`` and ``files``
    are read from its text as a task's are.
    """

    text: str = ""
    done: bool = False
    in_progress: bool = False
    skipped: bool = False
    optional: bool = False
    body: str = ""


@attrs.frozen(kw_only=True, field_transformer=_typed)
class Task(_TaskFacts):
    """A task or checklist item.

    Attributes:
        text: The item's text after its check mark, as written: its ID, markers and description
            (``T014 [US1] Implement the service in src/s.py (depends on T012)``), one line.
        done: Its check mark says done (``[x]``, ``[X]``, ``✅``).
        in_progress: Its mark says started (``[~]``, ``[/]``).
        skipped: Its mark says dropped (``[-]``).
        optional: Its mark says optional (Kiro's ``- [ ]*``).
        body: The lines under it that are no sub-task (notes, ``_Requirements: 2.1_``), Markdown as written,
            without their indentation.
        subtasks: The tasks nested under it, in order.

    Written wherever the field holding it is (see that field; ``format_info(name).holds`` names the
    parts each format writes: every format with tasks writes ``text``, most ``done``, speckit-tasks
    every part).

    Read from ``text`` (and ``body``), never stored apart from them, so that every format carrying
    the text carries them and none can disagree with it: ``id`` (``T001``, ``1.1``, ``WP01``, as
    written; empty without one), ``parallel`` (``[P]``, ``(P)``), ``stories`` (``[US1]``),
    ``requirements`` (``FR-003``, ``_Requirements: 2.1_``, ``(AC: 1)``), ``depends_on``
    (``depends on T012``, ``_Depends: 1.2_``) and ``files`` (the paths it names). ``status`` is
    ``todo``, ``done``, ``in_progress`` or ``skipped``: one mark, so of the flags set at
    construction ``done`` wins over ``skipped``, which wins over ``in_progress``.

    >>> import plancore
    >>> task = plancore.Task(text="T014 [P] [US1] Add the model in src/models/user.py (depends on T012)", done=True)
    >>> (task.id, task.status, task.parallel, task.stories, task.depends_on, task.files)
    ('T014', 'done', True, ('US1',), ('T012',), ('src/models/user.py',))
    """

    text: str = ""
    done: bool = False
    in_progress: bool = False
    skipped: bool = False
    optional: bool = False
    body: str = ""
    subtasks: tuple[Subtask, ...] = ()


@attrs.frozen(kw_only=True, field_transformer=_typed)
class Metadata:
    """The plan's header: title and the labelled facts under it.

    Attributes:
        title: The plan's title, from its top heading, one line. Written by: every format.
        feature_id: The feature's identifier (maestro ``**Feature ID:**``, SpecPulse ``FEATURE_ID``). Written by:
            maestro, specpulse.
        issue_id: The tracking issue (aadt ``**Issue:**``). Written by: aadt.
        spec_id: The specification's identifier (SpecPulse ``Spec ID``). Written by: specpulse.
        spec_path: A link or path to the specification. Written by: maestro, aadt, speckit-github.
        feature_dir: The feature's folder (SpecPulse ``FEATURE_DIR``). Written by: specpulse.
        plan_number: The plan's number within its feature (SpecPulse ``PLAN_NUMBER``). Written by: specpulse.
        branch: The feature branch (Spec Kit ``**Branch**``). Written by: speckit-github.
        author: Who wrote the plan. Written by: aadt.
        created: When the plan was created, as written (no date parsing). Written by: maestro, specpulse, aadt,
            speckit-github.
        updated: When the plan was last updated, as written. Written by: smartspec.
        generated: When a tool generated the plan, as written. Written by: specpulse.
        status: The plan's status (``Draft``), as written. Written by: maestro, specpulse, aadt.
        spec_version: The specification's version, as written. Written by: specpulse.
        plan_version: The plan's version, as written. Written by: specpulse.
        input: What the plan was made from (Spec Kit ``**Input**``). Written by: speckit-github, speckit-tasks.
    """

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
    """A component of the architecture.

    Attributes:
        name: Its name, one line. Written by: smartspec, maestro, aadt.
        change_type: ``New`` or ``Modified``, as written. Written by: maestro, aadt.
        responsibility: What it does. Written by: smartspec, maestro, aadt.
        technology: What it is built with. Written by: smartspec, maestro.
        location: Where its code lives (a file path). Written by: maestro.
        dependencies: What it depends on. Written by: maestro.
        dependents: What depends on it. Written by: maestro.
        current: What it does now (a modified component). Written by: maestro.
        change: What will change in it. Written by: maestro.
        risk: The risk of changing it. Written by: maestro.
        notes: Anything else said of it. Written by: smartspec, maestro.
    """

    name: str = ""
    change_type: str = _kind()
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
    """The technical design.

    Attributes:
        overview: The high-level design, Markdown prose. Written by: smartspec, maestro, specpulse, aadt, speckit.
        interactions: How components interact, Markdown prose. Written by: maestro.
        data_flow: How data flows through the system, Markdown prose. Written by: smartspec, maestro.
        tech_stack: The technology stack as ``Labeled`` pairs (``Language/Version``: ``Python 3.11``). Written by:
            specpulse, speckit, speckit-github.
        components: The components, in order. Written by: smartspec, maestro, aadt.
    """

    overview: str = ""
    interactions: str = ""
    data_flow: str = ""
    tech_stack: tuple[Labeled, ...] = ()
    components: tuple[Component, ...] = ()


@attrs.frozen(kw_only=True, field_transformer=_typed)
class Option:
    """An option a decision considered.

    Attributes:
        name: The option, one line. Written by: smartspec, maestro.
        notes: Its pros and cons, one line. Written by: smartspec.
    """

    name: str = ""
    notes: str = ""


@attrs.frozen(kw_only=True, field_transformer=_typed)
class Decision:
    """A design decision record.

    Attributes:
        title: What was decided about, one line. Written by: smartspec, maestro.
        context: Why a decision was needed, Markdown prose. Written by: smartspec.
        options: The options considered, in order. Written by: smartspec, maestro.
        choice: The option chosen. Written by: smartspec, maestro.
        rationale: Why it was chosen. Written by: smartspec, maestro.
    """

    title: str = ""
    context: str = ""
    options: tuple[Option, ...] = ()
    choice: str = ""
    rationale: str = ""


@attrs.frozen(kw_only=True, field_transformer=_typed)
class Endpoint:
    """An API endpoint (or method) the plan adds or changes.

    Attributes:
        method: The HTTP method or call kind (``POST``). Written by: smartspec, maestro.
        path: The route or method name. Written by: smartspec, maestro.
        change_type: ``New`` or ``Modified``, as written. Written by: maestro.
        description: What it does. Written by: smartspec, maestro.
        auth: Who may call it. Written by: smartspec, maestro.
        input: Its request schema. Written by: maestro.
        output: Its response schema. Written by: maestro.
        errors: Its error responses. Written by: maestro.
        current_behavior: What it does now (a modified endpoint). Written by: maestro.
        new_behavior: What will change. Written by: maestro.
        breaking: Whether the change breaks callers, as written. Written by: maestro.
    """

    method: str = ""
    path: str = ""
    change_type: str = _kind()
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
    """A request and response example.

    Attributes:
        name: The example's title, one line. Written by: smartspec.
        request: The request, code (kept in a code block). Written by: smartspec.
        response: The response, code (kept in a code block). Written by: smartspec.
        language: The info string of its request's and response's code fences (``json``). Written
            by folder formats: speckit-github (contracts/). Written by: smartspec.
    """

    name: str = ""
    request: str = _code()
    response: str = _code()
    language: str = _language("request")


@attrs.frozen(kw_only=True, field_transformer=_typed)
class Api:
    """The API contracts.

    Attributes:
        endpoints: The endpoints, in order. Written by: smartspec, maestro.
        examples: Request and response examples, in order. Written by: smartspec.
    """

    endpoints: tuple[Endpoint, ...] = ()
    examples: tuple[ApiExample, ...] = ()


@attrs.frozen(kw_only=True, field_transformer=_typed)
class Entity:
    """A data entity the plan adds or changes.

    Attributes:
        name: Its name, one line. Written by: maestro.
        change_type: ``New`` or ``Modified``, as written. Written by: maestro.
        schema: Its schema, code. Written by: maestro.
        schema_language: The schema code fence's info string (``typescript``). Written by: maestro.
        current_fields: Its fields now (a modified entity). Written by: maestro.
        new_fields: The fields it gains. Written by: maestro.
        migration_notes: What migrating its data takes. Written by: maestro.
        description: What it is, one paragraph of Markdown. Written by folder formats:
            speckit-github (data-model.md).
        fields: Its fields as written, Markdown (a ``| Field | Type |`` table). Written by folder
            formats: speckit-github (data-model.md).
        details: The rest of its section as written (validation rules, state transitions,
            indexes), Markdown. Written by folder formats: speckit-github (data-model.md).
    """

    name: str = ""
    change_type: str = _kind()
    schema: str = _code()
    # The info string of the schema's code fence (``typescript``).
    schema_language: str = _language("schema")
    current_fields: str = ""
    new_fields: str = ""
    migration_notes: str = ""
    description: str = ""
    fields: str = ""
    details: str = ""


@attrs.frozen(kw_only=True, field_transformer=_typed)
class DataModel:
    """The data model.

    Attributes:
        overview: The data structures, Markdown prose. Written by: maestro, speckit.
        entities: The entities, in order. Written by: maestro.
        schema: The database schema, code. Written by: smartspec.
        schema_language: The schema code fence's info string (``sql``). Written by: smartspec.
        migrations: The migrations, Markdown prose. Written by: smartspec, aadt.
        migration_commands: The commands that run them, code. Written by: aadt.
    """

    overview: str = ""
    entities: tuple[Entity, ...] = ()
    schema: str = _code()
    schema_language: str = _language("schema")
    migrations: str = ""
    migration_commands: str = _code()


@attrs.frozen(kw_only=True, field_transformer=_typed)
class FileChange:
    """A file the work creates or modifies.

    Attributes:
        path: The file's path. Written by: speckit.
        change_type: ``new`` or ``modified``. Written by: speckit.
        description: What changes in it, one line. Written by: speckit.
    """

    path: str = ""
    change_type: str = _kind()
    description: str = ""


@attrs.frozen(kw_only=True, field_transformer=_typed)
class Dependency:
    """An external dependency.

    Attributes:
        name: The package or service, one line. Written by: smartspec, specpulse, aadt, speckit.
        version: Its version, as written. Written by: smartspec, specpulse, aadt.
        purpose: Why it is needed. Written by: smartspec, specpulse, aadt.
        risk: How risky depending on it is. Written by: specpulse.
        contingency: The fallback if it fails. Written by: specpulse.
    """

    name: str = ""
    version: str = ""
    purpose: str = ""
    risk: str = ""
    contingency: str = ""


@attrs.frozen(kw_only=True, field_transformer=_typed)
class Step:
    """A numbered step inside a phase (``#### Step 1.1: Title``).

    Attributes:
        title: The step's title, one line. Written by: aadt, speckit-tasks.
        files: The files it touches, one path each. Written by: aadt.
        tasks: Its tasks, in order. Written by: aadt, speckit-tasks.
        notes: Notes on it, Markdown prose. Written by: aadt, speckit-tasks.
    """

    title: str = ""
    files: tuple[str, ...] = ()
    tasks: tuple[Task, ...] = ()
    notes: str = ""


@attrs.frozen(kw_only=True, field_transformer=_typed)
class Phase:
    """A phase of the work.

    Attributes:
        name: The phase's name, from its heading, one line. Written by: smartspec, maestro, specpulse, aadt,
            speckit, speckit-tasks.
        done: The done mark of its heading (``✅``). Written by: smartspec, maestro, specpulse, aadt, speckit,
            speckit-tasks.
        goal: What the phase achieves (Spec Kit tasks' ``**Purpose**:``). Written by: smartspec, maestro,
            specpulse, aadt, speckit, speckit-tasks.
        priority: Its priority (``HIGH``), as written; in a phase of its own content the author's, though it
            equal the template's sample (SpecPulse's Phase 1 ``HIGH``). Written by: smartspec, maestro, specpulse,
            aadt.
        estimate: Its time estimate, as written. Written by: smartspec, maestro, specpulse, aadt, speckit,
            speckit-tasks.
        dependencies: What must be done first. Written by: smartspec, maestro, specpulse, aadt.
        description: The phase's own prose, Markdown. Written by: smartspec, specpulse, aadt, speckit, speckit-tasks.
        tasks: Its tasks, in order. Written by: smartspec, maestro, specpulse, speckit, speckit-tasks.
        deliverables: What it delivers, as checklist items. Written by: smartspec, maestro, specpulse, aadt.
        steps: Its numbered steps, or groups of tasks (Spec Kit's ``### Tests for User Story 1``), in order.
            Written by: aadt, speckit-tasks.
        checkpoint: The line that closes its tasks (Spec Kit ``**Checkpoint**: ...``), a paragraph. Written by:
            aadt, speckit, speckit-tasks.
        number: The number its heading gives it, in digits as written (``0`` of ``## Phase 0: Research``,
            ``2`` of ``### フェーズ2: 実装``, ``1.5``); empty when the heading has none. A key: it names the
            phase, is never a placeholder, and a phase holding only a number is empty. Read by every format
            whose phase headings are numbered; written by: smartspec, maestro, specpulse, aadt, speckit,
            speckit-tasks (a phase without one takes the number after its predecessor's, or its place).
    """

    name: str = ""
    done: bool = False
    goal: str = ""
    priority: str = _own()
    estimate: str = ""
    dependencies: str = _own()
    description: str = ""
    tasks: tuple[Task, ...] = ()
    deliverables: tuple[Task, ...] = ()
    steps: tuple[Step, ...] = ()
    checkpoint: str = ""
    number: str = _key()


@attrs.frozen(kw_only=True, field_transformer=_typed)
class Testing:
    """The testing strategy.

    Attributes:
        strategy: The overall approach, Markdown prose. Written by: maestro, aadt, speckit.
        unit: Unit tests, Markdown. Written by: smartspec, maestro, aadt.
        integration: Integration tests, Markdown. Written by: smartspec, maestro, aadt.
        e2e: End-to-end tests, Markdown. Written by: smartspec, maestro.
        manual: Manual testing, Markdown. Written by: aadt.
        test_data: Test data and fixtures, Markdown. Written by: maestro.
    """

    strategy: str = ""
    unit: str = ""
    integration: str = ""
    e2e: str = ""
    manual: str = ""
    test_data: str = ""


@attrs.frozen(kw_only=True, field_transformer=_typed)
class Risk:
    """A risk and its mitigation.

    Attributes:
        risk: The risk, one line. Written by: maestro, specpulse, aadt, speckit.
        probability: How likely it is, as written. Written by: maestro, specpulse, aadt, speckit.
        impact: How bad it would be, as written. Written by: maestro, specpulse, aadt, speckit.
        mitigation: How it is addressed. Written by: maestro, specpulse, aadt, speckit.
    """

    risk: str = ""
    probability: str = ""
    impact: str = ""
    mitigation: str = ""


@attrs.frozen(kw_only=True, field_transformer=_typed)
class Resources:
    """The resources the work needs.

    Attributes:
        team: The team as ``Labeled`` pairs (role: how many). Written by: specpulse.
        infrastructure: Environments as ``Labeled`` pairs. Written by: specpulse.
    """

    team: tuple[Labeled, ...] = ()
    infrastructure: tuple[Labeled, ...] = ()


@attrs.frozen(kw_only=True, field_transformer=_typed)
class Rollout:
    """How the change reaches users.

    Attributes:
        strategy: Rollout stages as ``Labeled`` pairs (``Alpha``: who). Written by: specpulse.
        monitoring: What is watched, as ``Labeled`` pairs. Written by: specpulse.
    """

    strategy: tuple[Labeled, ...] = ()
    monitoring: tuple[Labeled, ...] = ()


@attrs.frozen(kw_only=True, field_transformer=_typed)
class TimelineEntry:
    """A row of the timeline.

    Attributes:
        phase: The phase it schedules. Written by: aadt.
        start: Its start date, as written. Written by: aadt.
        end: Its end date, as written. Written by: aadt.
        status: Its status, as written. Written by: aadt.
    """

    phase: str = ""
    start: str = ""
    end: str = ""
    status: str = ""


@attrs.frozen(kw_only=True, field_transformer=_typed)
class LogEntry:
    """A row of the progress log.

    Attributes:
        date: When, as written. Written by: aadt.
        update: What happened. Written by: aadt.
    """

    date: str = ""
    update: str = ""


@attrs.frozen(kw_only=True, field_transformer=_typed)
class ComplexityEntry:
    """A justified deviation from a project's principles (Spec Kit's Complexity Tracking).

    Attributes:
        violation: The principle departed from. Written by: speckit-github.
        why_needed: Why the departure is needed. Written by: speckit-github.
        simpler_alternative: Why the simpler way was rejected. Written by: speckit-github.
    """

    violation: str = ""
    why_needed: str = ""
    simpler_alternative: str = ""


@attrs.frozen(kw_only=True, field_transformer=_typed)
class Criterion:
    """An acceptance criterion or scenario of a requirement.

    Attributes:
        id: Its number as written (Kiro's ``1``, ``2``; Spec Kit's acceptance scenario ``1``); empty when it has none.
            Written by folder formats: kiro, speckit-github (spec.md).
        title: Its name (OpenSpec's ``#### Scenario: Title``), one line. Written by folder formats: openspec.
        text: The criterion as written, Markdown: an EARS sentence (``WHEN … THEN the system SHALL …``), Spec Kit's
            ``**Given** …, **When** …, **Then** …``, or OpenSpec's ``- **WHEN** …`` / ``- **THEN** …`` lines. Written by
            folder formats: kiro, openspec, speckit-github (spec.md).
    """

    id: str = ""
    title: str = ""
    text: str = ""


@attrs.frozen(kw_only=True, field_transformer=_typed)
class Requirement:
    """A requirement: a user story with its acceptance criteria (Kiro, Spec Kit), a functional requirement
    (Spec Kit's ``FR-001``), or a requirement of a capability's spec, whole or as a delta (OpenSpec).

    Attributes:
        id: Its ID as written, never renumbered (Kiro's ``1``, Spec Kit's ``US1`` or ``FR-001``); empty when it has
            none. Tasks name it (``_Requirements: 1.2_``, ``[US1]``, ``FR-001``). Written by folder formats: kiro,
            speckit-github (spec.md), openspec (leading the title: ``### Requirement: TKT-004 Title``).
        title: Its name, one line (``Requirement: Title`` in OpenSpec, the story's title in Spec Kit). Written by folder
            formats: kiro, openspec, speckit-github (spec.md).
        priority: Its priority as written (``P1``). Written by folder formats: speckit-github (spec.md).
        user_story: The user story, ``As a …, I want …, so that …`` as written. Written by folder formats: kiro,
            speckit-github (spec.md).
        text: The requirement's statement, Markdown (``The system SHALL …``, ``System MUST …``). Written by folder
            formats: openspec, speckit-github (spec.md).
        rationale: Why it has its priority, Markdown (Spec Kit's ``**Why this priority**:``). Written by folder formats:
            speckit-github (spec.md).
        independent_test: How it is tested on its own, Markdown (Spec Kit's ``**Independent Test**:``). Written by
            folder formats: speckit-github (spec.md).
        criteria: Its acceptance criteria or scenarios, in order. Written by folder formats: kiro, openspec,
            speckit-github (spec.md).
        change: As a spec delta, what the change does to it: ``added``, ``modified``, ``removed`` or ``renamed``
            (OpenSpec's ``## ADDED Requirements`` …); empty when it is no delta. Written by folder formats: openspec.
        capability: The capability whose spec holds it (OpenSpec's ``specs/<capability>/spec.md``). Written by folder
            formats: openspec.
        renamed_from: Its former name, for a renamed requirement. Written by folder formats: openspec.
        notes: Everything else written under it (a removal's reason and migration), Markdown. Written by folder formats:
            openspec.
    """

    id: str = ""
    title: str = ""
    priority: str = ""
    user_story: str = ""
    text: str = ""
    rationale: str = ""
    independent_test: str = ""
    criteria: tuple[Criterion, ...] = ()
    change: str = ""
    capability: str = ""
    renamed_from: str = ""
    notes: str = ""


@attrs.frozen(kw_only=True, field_transformer=_typed)
class Intent:
    """Why a change is made and what it changes (OpenSpec's proposal.md).

    Attributes:
        why: The problem or opportunity, Markdown. Written by folder formats: openspec.
        what_changes: What the change does, Markdown (a list, as written). Written by folder formats: openspec.
        capabilities: The capabilities it adds or modifies, Markdown (as written). Written by folder formats: openspec.
        impact: What it affects (code, APIs, dependencies, systems), Markdown. Written by folder formats: openspec.
    """

    why: str = ""
    what_changes: str = ""
    capabilities: str = ""
    impact: str = ""


def _heading_level(section: Any, _: attrs.Attribute[int], level: int) -> None:
    # Markdown has six heading levels; level 0 is text kept in place without a heading.
    if not 0 <= level <= 6 or (level == 0 and section.heading):
        raise PlanTypeError(f"Section.level: expected 1 to 6 (0: text without a heading), got {level!r}")


@attrs.frozen(kw_only=True, field_transformer=_typed)
class Section:
    """A section that maps to no field, kept verbatim, or (level 0) text
    without a heading kept where it stood.

    Attributes:
        heading: Its heading as written, one line; empty for level 0.
        level: Its heading level, 1 to 6; 0 for text without a heading.
        body: Everything under the heading, Markdown as written.
        after: The field whose section it followed in its source (empty: before every known section), so that a
            writer puts it back in the matching place.
    """

    heading: str = ""
    level: int = attrs.field(default=2, metadata={"key": True}, validator=_heading_level)
    body: str = ""
    after: str = attrs.field(default="", metadata={"key": True})


def _empty(cls: Callable[[], _T]) -> Callable[[], _T]:
    """A factory of the empty ``cls`` that makes it once: a model instance is frozen, so every plan's empty part
    may be the one object, and a plan made without one of its parts (``Plan()``, a reader's plan of a few fields)
    made and checked each of them afresh."""
    return functools.cache(cls)


@attrs.frozen(kw_only=True, field_transformer=_typed)
class Plan:
    """A plan in canonical form. ``Plan()`` is the empty plan.

    Every field is optional: the empty string, ``False`` and the empty tuple
    mean "unfilled". "Written by" names the formats with a place for a field
    (``format_info(name).holds``); a conversion to any other format carries
    it into the appendix and reports it.

    Attributes:
        metadata: The header: title, identifiers, dates, status. Written by: every format.
        specification: The feature specification the plan is for, code (Spec Kit's ``## Context`` fence). Written
            by: speckit.
        summary: The executive summary, Markdown prose. Written by: smartspec, aadt, speckit-github.
        prerequisites: What must be in place first, as checklist items. Written by: aadt.
        architecture: The technical design. Written by: smartspec, maestro, specpulse, aadt, speckit,
            speckit-github.
        decisions: The design decisions, in order. Written by: smartspec, maestro.
        api: The API contracts. Written by: smartspec, maestro.
        data_model: The data model. Written by: smartspec, maestro, aadt, speckit.
        file_structure: The source tree laid out, Markdown (a fenced tree, as written). Written by: smartspec,
            maestro, speckit-github.
        file_changes: The files created or modified, in order. Written by: speckit.
        dependencies: The external dependencies, in order. Written by: smartspec, specpulse, aadt, speckit.
        internal_dependencies: What inside the project it relies on, one line each. Written by: smartspec, aadt.
        phases: The phases of the work, in order. Written by: smartspec, maestro, specpulse, aadt, speckit,
            speckit-tasks.
        testing: The testing strategy. Written by: smartspec, maestro, aadt, speckit.
        risks: The risks, in order. Written by: maestro, specpulse, aadt, speckit.
        resources: The team and infrastructure needed. Written by: specpulse.
        success_metrics: How success is measured, as ``Labeled`` pairs. Written by: specpulse.
        rollout: The rollout stages and monitoring. Written by: specpulse.
        deployment: How it is deployed, Markdown. Written by: aadt, speckit.
        feature_flags: The feature flags, Markdown. Written by: aadt.
        rollback: How to undo it, Markdown. Written by: smartspec, aadt, speckit.
        definition_of_done: The definition of done, as checklist items. Written by: specpulse, aadt.
        timeline: The schedule, row by row. Written by: aadt.
        progress_log: The progress log, row by row. Written by: aadt.
        open_questions: Questions still open, one line each. Written by: maestro.
        notes: Further notes, Markdown prose. Written by: specpulse, aadt.
        extra_sections: Sections that map to no field, kept verbatim in place. Written by: every format.
        headings: Layout, not content: the headings an author gave mapped sections in place of the format's own
            (``label``: the field, ``value``: the heading as written); written back wherever the target reads that
            section under it.
        labels: Layout, not content: the labels an author gave fields (``**功能分支**`` for the branch; ``label``: the
            field's path, ``value``: the label as written).
        source: What the plan was read from (a ``Source``, set by ``parse``; ``None`` for a plan built by hand);
            no part of equality.
        constitution_check: The gates checked against the project's principles, Markdown. Written by:
            speckit-github.
        complexity: Justified deviations from those principles, in order. Written by: speckit-github.
        documentation_structure: The feature's documentation tree, Markdown (a fenced tree). Written by:
            speckit-github.
        requirements: The requirements (user stories with acceptance criteria, functional requirements, spec
            deltas), in order. Written by folder formats: kiro, openspec, speckit-github (spec.md of a feature
            folder).
        intent: Why the change is made and what it changes. Written by folder formats: openspec.
        list_styles: Layout, not content, and no part of equality: the list marker an author wrote a list field's
            items with (``label``: the field's path, ``open_questions``; ``value``: the first item's marker as
            written, ``1.``, ``1)``, ``*``), kept when a reader sees it as tomlkit keeps a file's raw text, so
            that a writer of a fresh text numbers or bullets them as the author did rather than in its own
            style. Read by: maestro (``open_questions``). Honoured by: maestro, openspec (design.md). Under
            ``architecture.tech_stack``, the Technical Context's layout as words (``tight ends=2,1``, ``headed``:
            ``speckit_github.StackLayout``). Read and honoured by: speckit-github. Under ``phases``, the
            rule (``---``) the author parts every two phases with; under ``phases.name``, the author's heading
            of every phase with its parts as ``{number}``, ``{name}``, ``{estimate}`` (``## Faz {number}: {name}
            ({estimate})``); under ``phases.deliverables``, ``last`` where they follow a phase's own sections.
            Read and honoured by: specpulse.
    """

    metadata: Metadata = attrs.field(factory=_empty(Metadata))
    specification: str = _code()
    summary: str = ""
    prerequisites: tuple[Task, ...] = ()
    architecture: Architecture = attrs.field(factory=_empty(Architecture))
    decisions: tuple[Decision, ...] = ()
    api: Api = attrs.field(factory=_empty(Api))
    data_model: DataModel = attrs.field(factory=_empty(DataModel))
    file_structure: str = ""
    file_changes: tuple[FileChange, ...] = ()
    dependencies: tuple[Dependency, ...] = ()
    internal_dependencies: tuple[str, ...] = ()
    phases: tuple[Phase, ...] = ()
    testing: Testing = attrs.field(factory=_empty(Testing))
    risks: tuple[Risk, ...] = ()
    resources: Resources = attrs.field(factory=_empty(Resources))
    success_metrics: tuple[Labeled, ...] = ()
    rollout: Rollout = attrs.field(factory=_empty(Rollout))
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
    requirements: tuple[Requirement, ...] = ()
    intent: Intent = attrs.field(factory=_empty(Intent))
    # Layout the target may or may not honour: comparing it would make a plan differ from itself written
    # in another format's style, and report a marker as a lost field.
    list_styles: tuple[Labeled, ...] = attrs.field(default=(), eq=False)


@attrs.frozen(kw_only=True, field_transformer=_typed)
class Source:
    """What a plan was parsed from (set by ``parse``), so that an unchanged
    plan is written back as it was and an edited one changes only its lines.

    Attributes:
        format: The format's name; for a plan read from a folder (a Kiro spec), the folder format's
            name and `` folder`` (``kiro folder``), a name no file format has.
        text: The text as given to ``parse`` (``""`` for a folder's).
        plan: The plan as read from it.
        parts: For a folder's plan, the source of each file read as a part of it (``requirements.md`` as
            ``kiro-requirements``...), in reading order: a conversion carries each file's sections
            under their own headings, as it does a single file's; empty for a file's plan.
        files: For a folder's plan, each file of the folder as read (``label`` its ``/``-separated path under
            the folder, ``value`` its text), so that the plan written as that folder format into another folder is an
            edit of those files, as it is of the folder itself (``write_folder``); empty for a file's plan.
    """

    format: str
    text: str
    plan: Plan
    parts: tuple[Source, ...] = ()
    files: tuple[Labeled, ...] = ()


def content_fields(cls: type, *, keys: bool = False) -> tuple[str, ...] | None:
    """The names of the fields of model class ``cls`` that make its value (compared ones; keys only
    with ``keys``), in order; ``None`` for a class that is no attrs class. Kept per class: a walk
    over a plan (``is_empty``, the readers' ``snap`` and ``tidy``, ``blank``) asks it of every value,
    and asking attrs each time was a tenth of a conversion."""
    return _content_fields(cls, keys)


@functools.cache
def _content_fields(cls: Any, keys: bool) -> tuple[str, ...] | None:
    if not attrs.has(cls):
        return None
    return tuple(f.name for f in attrs.fields(cls) if f.eq and (keys or not f.metadata.get("key")))


def is_empty(value: object) -> bool:
    """Whether ``value`` (a model object, string, bool or tuple) holds no content."""
    cls: Any = value.__class__
    # Most values are text, lists or model objects: told by their class, before the tests of any subclass.
    if cls is str:
        return value == ""
    if cls is tuple:
        return all(map(is_empty, value))  # type: ignore[call-overload]
    if isinstance(value, str):
        return value == ""
    if isinstance(value, bool):
        return not value
    if isinstance(value, int):
        return False
    if isinstance(value, tuple):
        return all(is_empty(item) for item in value)
    names = _content_fields(cls, False)
    if names is not None:
        for name in names:
            item = getattr(value, name)
            # Most fields are text: told here, not by a call each.
            if not (item == "" if item.__class__ is str else is_empty(item)):
                return False
        return True
    return value is None
