"""A GitHub Spec Kit feature folder (``specs/NNN-name/``) read as one plan and written back.

The folder-level rules live here: which file holds which part of the plan. Each file's own
format stays in its module: ``plan.md`` is ``speckit-github``, ``tasks.md`` ``speckit-tasks``,
``research.md`` ``_formats/speckit_research.py``, ``spec.md`` ``_formats/speckit_spec.py``,
``data-model.md`` ``_formats/speckit_data_model.py``, ``contracts/`` ``_formats/speckit_contracts.py``.

Bytes are kept by the folder itself: ``write_feature`` reads what the target folder holds and
writes only the files whose part of the plan changed (``tasks.md`` and ``plan.md`` through their
format's splice, so that only the edited lines change; ``research.md`` decision by decision).
"""

from __future__ import annotations

import json
import re
from collections.abc import Collection, Iterable
from pathlib import Path
from typing import TypeVar

import attrs

from ._convert import Conversion, convert_plan, emit, parse, part_format, source_named
from ._crosswalk import (
    carried_date,
    chosen_apart,
    folded_data_model,
    folded_spec,
    requirement_ids,
    shaped_criteria,
    with_task_id,
)
from ._errors import LossError, ParseError
from ._fields import leaves
from ._files import holds, write_files
from ._formats.speckit_contracts import CONTRACT, read_contract, render_contract
from ._formats.speckit_data_model import edit_data_model, read_data_model, render_data_model
from ._formats.speckit_research import DecisionBlock, read_research, render_decision, render_field, render_research
from ._formats.speckit_spec import SPECKIT_SPEC, is_spec_place
from ._loss import Loss
from ._markdown import code_fence
from ._model import (
    Api,
    ApiExample,
    DataModel,
    Decision,
    Endpoint,
    Labeled,
    Metadata,
    Plan,
    Section,
    Source,
    Subtask,
    Task,
)
from ._reading import FRONT

__all__ = [
    "CARRIED_FILE",
    "ID_MAP",
    "FeatureWrite",
    "carried_files",
    "carried_section",
    "carried_sections",
    "file_language",
    "folder_source",
    "from_tasks_file",
    "is_feature_folder",
    "read_feature",
    "read_text",
    "unfenced",
    "write_feature",
]

ID_MAP = ".plancore-task-ids.json"
"""The ID map's file name in a feature folder: the task IDs ``write_feature`` gave, as JSON."""

_PLAN, _TASKS, _RESEARCH, _DATA_MODEL, _CONTRACTS = "plan.md", "tasks.md", "research.md", "data-model.md", "contracts"
_SPEC = "spec.md"
# Files read as parts of the plan; every other file (quickstart.md, checklists/) is
# carried verbatim as a section named by its path.
_MODELLED = {_PLAN, _TASKS, _RESEARCH, _DATA_MODEL, _SPEC}
_TITLE = re.compile(r"^#[ \t]+(?:[^:\n]*:[ \t]*)?(?P<title>.*)$")
# A carried file's heading: a relative path with an extension, no ``..``.
_DOT_FILE = re.compile(r"\.[\w\-]+\.(?:ya?ml|json|toml|md)")
CARRIED_FILE = re.compile(r"(?!.*\.\./)\.?[\w\-]+(?:[\w.\-]*/\.?[\w\-][\w.\-]*)*\.\w+")


@attrs.frozen
class FeatureWrite:
    """What ``write_feature`` did.

    Attributes:
        path: The feature folder.
        written: The files written (paths relative to ``path``, ``/``-separated), in order; a file
            already holding its text is not written.
        ids: The task IDs given to tasks that had none: ``(id, the task's text as it was)``, in order.
        losses: What a new plan.md has no place for (``Loss``; carried in its appendix), as ``convert``
            reports them; then what of the requirements spec.md has no place for (its path under ``requirements``);
            then each task whose links to acceptance criteria the folder's ID scheme
            cannot express (kept in its body).
        requirement_ids: The requirement IDs the writer changed to the folder format's numbering
            (the documented ID map, ``REQUIREMENT_IDS``): ``(new, as read)``, in order (``("US1", "1")``
            for Kiro's Requirement 1 written as Spec Kit's User Story 1).
    """

    path: Path
    written: tuple[str, ...] = ()
    ids: tuple[tuple[str, str], ...] = ()
    losses: tuple[Loss, ...] = ()
    requirement_ids: tuple[tuple[str, str], ...] = ()


def is_feature_folder(path: Path) -> bool:
    """Whether ``path`` is a folder holding ``plan.md`` or ``tasks.md`` and no other plans: no folder
    under it (but ``contracts/`` and ``checklists/``) holds a plan.md or tasks.md."""
    if not (path.is_dir() and ((path / _PLAN).is_file() or (path / _TASKS).is_file())):
        return False
    nested = (*path.glob(f"*/**/{_PLAN}"), *path.glob(f"*/**/{_TASKS}"))
    return all(found.relative_to(path).parts[0] in (_CONTRACTS, "checklists") for found in nested)


def read_text(path: Path) -> str:
    try:
        return path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as error:
        raise ParseError(f"{path}: not UTF-8 text ({error.reason} at byte {error.start})") from None


def unfenced(body: str) -> str | None:
    match = re.fullmatch(r"(?P<fence>`{3,})[\w+-]*\n(?P<text>.*)\n(?P=fence)\n?", body, re.DOTALL)
    return None if match is None else match.group("text")


def carried_files(folder: Path, modelled: Collection[str] = _MODELLED, skipped: str = _CONTRACTS + "/") -> list[str]:
    """The files of ``folder`` that a folder format carries verbatim: every file but the
    ``modelled`` ones, those under ``skipped`` and hidden ones (but a top-level dot file with an extension),
    as ``/``-separated relative paths."""
    found = []
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder).as_posix()
        if (
            not path.is_file()
            or relative in modelled
            or relative == ID_MAP
            or (skipped and relative.startswith(skipped))
        ):
            continue
        # Hidden folders and files are the tools' own, but a top-level dot file with an extension
        # (OpenSpec's ``.openspec.yaml``, carried into another folder format) is the plan's.
        parts = path.relative_to(folder).parts
        if any(part.startswith(".") for part in parts[:-1]) or (
            parts[-1].startswith(".") and not _DOT_FILE.fullmatch(relative)
        ):
            continue
        found.append(relative)
    return found


def file_language(relative: str) -> str:
    """The info string of a fence holding the file ``relative`` (``yaml`` for ``openapi.yaml``)."""
    return {"yaml": "yaml", "yml": "yaml", "json": "json", "proto": "proto"}.get(
        relative.rsplit(".", 1)[-1], "markdown"
    )


def carried_section(relative: str, text: str) -> Section:
    return Section(heading=relative, level=2, body=code_fence(text, file_language(relative)))


def carried_sections(
    folder: Path, modelled: Collection[str] = _MODELLED, skipped: str = _CONTRACTS + "/"
) -> list[Section]:
    """Each file of ``folder`` a folder format carries verbatim (``carried_files``) as its section
    (``carried_section``)."""
    return [
        carried_section(relative, read_text(folder / relative)) for relative in carried_files(folder, modelled, skipped)
    ]


def folder_source(plan: Plan, name: str, parts: Iterable[Plan], folder: Path) -> Plan:
    """``plan``, read from ``folder``, a folder of folder format ``name``, file by file (``parts``, each as its
    file's format read it), with its ``Source``: ``"NAME folder"``, no text, each file's source as a part, so
    that a conversion carries each file's sections under their own headings, and the folder's files as read
    (every file a folder format carries, and the task ID map), so that the plan written as ``name`` into
    another folder is those files, edited where the plan changed."""
    sources = tuple(part.source for part in parts if isinstance(part.source, Source))
    names = [*carried_files(folder, (), ""), *([ID_MAP] if (folder / ID_MAP).is_file() else [])]
    files = tuple(Labeled(label=relative, value=read_text(folder / relative)) for relative in names)
    return attrs.evolve(plan, source=Source(format=f"{name} folder", text="", plan=plan, parts=sources, files=files))


def from_tasks_file(section: Section, plan: Plan) -> bool:
    """Whether ``section`` of a folder's ``plan`` was read from the folder's tasks file (a part format holding
    phases: Spec Kit's tasks.md, Kiro's, OpenSpec's): its sections (a tasks.md Overview, Task Format) are about
    the tasks, and a folder format writes them with its own tasks."""
    parts = plan.source.parts if isinstance(plan.source, Source) else ()
    part = next((part for part in parts if section in part.plan.extra_sections), None)
    fmt = part_format(part.format) if part is not None else None
    return fmt is not None and any(path.split(".")[0] == "phases" for path in fmt.holds)


def _parts(folder: Path) -> dict[str, Plan]:
    """Each modelled file's plan, read as its format reads it."""
    parts: dict[str, Plan] = {}
    for name, format_name in ((_PLAN, "speckit-github"), (_TASKS, "speckit-tasks")):
        if (folder / name).is_file():
            text = read_text(folder / name)
            try:
                parts[name] = parse(text, format_name)
            except ParseError as error:
                error.path = error.path or str(folder / name)
                raise
    if (folder / _SPEC).is_file():
        try:
            parts[_SPEC] = SPECKIT_SPEC.parse(read_text(folder / _SPEC))
        except ParseError as error:
            error.path = error.path or str(folder / _SPEC)
            raise
    if (folder / _RESEARCH).is_file():
        blocks, _ = read_research(read_text(folder / _RESEARCH))
        parts[_RESEARCH] = Plan(decisions=tuple(block.decision for block in blocks))
    if (folder / _DATA_MODEL).is_file():
        parts[_DATA_MODEL] = Plan(data_model=read_data_model(read_text(folder / _DATA_MODEL)).model)
    if (folder / _CONTRACTS).is_dir():
        api, mapped, _ = _contracts(folder)
        parts[_CONTRACTS] = Plan(api=api, extra_sections=tuple(_contract_notes(folder, mapped)))
    return parts


def _contracts(folder: Path) -> tuple[Api, str | None, str]:
    """The API of ``contracts/``: the endpoints and examples of its first file in plancore's contract
    shape (``read_contract``), then, and before, each other file as an example named by its path holding
    its text; that file's path and title (``None`` and the empty title when no file is in that shape)."""
    endpoints: tuple[Endpoint, ...] = ()
    examples: list[ApiExample] = []
    mapped: str | None = None
    title = ""
    for path in sorted((folder / _CONTRACTS).rglob("*")):
        if not path.is_file():
            continue
        relative, text = path.relative_to(folder).as_posix(), read_text(path)
        read = read_contract(text) if mapped is None else None
        if read is not None:
            mapped, (title, api) = relative, read
            endpoints = api.endpoints
            examples += api.examples
            continue
        if _is_readme(path):
            continue  # notes on the contracts (``_contract_notes``), no example of the API
        examples.append(ApiExample(name=relative, request=text, language=file_language(relative)))
    return Api(endpoints=endpoints, examples=tuple(examples)), mapped, title


def _is_readme(path: Path) -> bool:
    return path.stem.casefold() == "readme"


def _contract_notes(folder: Path, mapped: str | None) -> list[Section]:
    """The READMEs of ``contracts/`` (but one in plancore's contract shape, ``mapped``): notes on the contract
    files, no contract, each carried whole (``carried_section``) after the API examples (those files), not
    written as an example request of the API."""
    notes = []
    for path in sorted((folder / _CONTRACTS).rglob("*")):
        relative = path.relative_to(folder).as_posix()
        if path.is_file() and _is_readme(path) and relative != mapped:
            notes.append(attrs.evolve(carried_section(relative, read_text(path)), after="api.examples"))
    return notes


def _research_rest(text: str) -> list[Section]:
    """research.md's text outside its decisions (its overview, a summary), carried under its name;
    written back by no plan (the file keeps it), read so that a conversion loses none of it."""
    blocks, _ = read_research(text)
    lines = text.split("\n")
    for block in reversed(blocks):
        del lines[block.start : block.end]
        # Of the blank lines around a decision, one stays: the text reads as it would without it.
        at = block.start
        while 0 < at < len(lines) and not lines[at].strip() and not lines[at - 1].strip():
            del lines[at]
    rest = [line for line in lines if not _TITLE.match(line)]
    if not "".join(rest).strip():
        return []
    text = "\n".join(lines)
    # Its decisions gone, its end is one line end: decisions written after it (a research.md written afresh,
    # ``_research_text``) read back as this text again.
    return [carried_section(_RESEARCH, text.rstrip("\n") + "\n" if blocks else text)]


def read_feature(path: str | Path) -> Plan:
    """Read a Spec Kit feature folder into one plan.

    Args:
        path: the folder (``specs/004-name/``) holding any of ``plan.md``, ``tasks.md``,
            ``research.md``, ``data-model.md``, ``contracts/``, ``quickstart.md``, ``spec.md``.

    Returns:
        The ``Plan``: ``plan.md`` read as ``speckit-github``; ``phases`` from ``tasks.md``
        (``speckit-tasks``, its other sections added to ``extra_sections``); ``decisions`` from
        ``research.md`` (Decision / Rationale / Alternatives considered, the rest of each decision
        section in its ``context``, the text outside its decisions as an extra section
        ``research.md``); ``data_model`` from ``data-model.md`` (its entities, each with its
        description, fields table, schema and the rest of its section as ``details``; its ``## Schema``,
        ``## Migrations`` and ``## Migration commands`` sections; the rest of its text, a ``# Data
        Model`` title left out, as ``overview``); ``api`` from ``contracts/``: the endpoints and
        examples of a contract file in the shape ``write_feature`` writes, and each other file as an
        example (``name`` its path, ``request`` its text, ``language`` its kind: ``yaml``, ``markdown``);
        ``requirements`` and ``success_metrics`` from ``spec.md`` (its user stories ``US1``...,
        functional requirements ``FR-001``..., success criteria ``SC-001``...; its other sections
        added to ``extra_sections``, kept in place); every other file as an ``extra_sections`` entry
        headed by its path holding its text in a fence.

    Raises:
        ParseError: ``path`` is no folder, holds neither plan.md nor tasks.md, or a file cannot be read.

    >>> import plancore, tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "tasks.md").write_text("# Tasks: Search\\n\\n## Phase 1: Setup\\n\\n- [x] T001 Add it\\n")
    >>> [task.id for task in plancore.read_feature(folder).phases[0].tasks]
    ['T001']
    """
    folder = Path(path)
    if not is_feature_folder(folder):
        raise ParseError(f"{folder}: no feature folder (it holds neither plan.md nor tasks.md)")
    parts = _parts(folder)
    plan = parts.get(_PLAN, Plan())
    if plan.documentation_structure == _documentation(folder, ()):
        # The tree of the folder's own files, as plancore writes it into a new plan.md: the folder's, no part
        # of the plan (a Kiro spec converted here and back gains no section).
        plan = attrs.evolve(plan, documentation_structure="")
    extras = list(plan.extra_sections)
    tasks = parts.get(_TASKS)
    if tasks is not None:
        if _PLAN not in parts:
            plan = attrs.evolve(plan, metadata=tasks.metadata)
        plan = attrs.evolve(plan, phases=tasks.phases)
        extras += tasks.extra_sections
    if _RESEARCH in parts:
        plan = attrs.evolve(plan, decisions=parts[_RESEARCH].decisions)
    if _DATA_MODEL in parts:
        plan = attrs.evolve(plan, data_model=parts[_DATA_MODEL].data_model)
    if _CONTRACTS in parts:
        plan = attrs.evolve(plan, api=parts[_CONTRACTS].api)
        extras += parts[_CONTRACTS].extra_sections
    spec = parts.get(_SPEC)
    if spec is not None:
        plan = attrs.evolve(plan, requirements=spec.requirements, success_metrics=spec.success_metrics)
        if not plan.metadata.title:
            plan = attrs.evolve(plan, metadata=attrs.evolve(plan.metadata, title=spec.metadata.title))
        extras += spec.extra_sections
    if (folder / _RESEARCH).is_file():
        extras += _research_rest(read_text(folder / _RESEARCH))
    extras += carried_sections(folder)
    read = attrs.evolve(plan, extra_sections=tuple(extras), source=None)
    return folder_source(
        read, "speckit-github", (parts[name] for name in (_PLAN, _SPEC, _TASKS) if name in parts), folder
    )


_Item = TypeVar("_Item", Task, Subtask)


def _by_place(plan: Plan) -> bool:
    """Whether ``plan``'s tasks are one list numbered by place as Kiro nests them (``1.`` over ``1.1``, ``1.2``,
    then ``2.``): Spec Kit numbers them T001 on, and Kiro numbers them back by place (``kiro._by_place``)."""
    tasks = plan.phases[0].tasks if len(plan.phases) == 1 else ()
    return bool(tasks) and all(
        task.id == str(n) and all(sub.id == f"{n}.{k}" for k, sub in enumerate(task.subtasks, start=1))
        for n, task in enumerate(tasks, start=1)
    )


def _crosswalk_ids(plan: Plan, conversion: Conversion) -> tuple[tuple[str, str], ...]:
    """The IDs the crosswalk gave the tasks it made for tasks.md (a SmartSpec phase's activities, ``T001``...),
    with their text as it was: given like ``_ids``'s, they go in the ID map too."""
    if conversion.written is None:
        return ()
    had = {item.id for phase in plan.phases for task in phase.tasks for item in (task, *task.subtasks) if item.id}
    found = []
    for phase in conversion.written.phases:
        for task in phase.tasks:
            if task.id and task.id not in had:
                text = task.text.lstrip()
                found.append((task.id, text[len(task.id) :].strip() if text.startswith(task.id) else text))
    return tuple(found)


def _ids(plan: Plan) -> tuple[Plan, tuple[tuple[str, str], ...]]:
    """``plan`` with ``T001``... given, in order, to the tasks of its phases that have no ID; to every task and
    sub-task of a list numbered by place (Kiro's ``1.``, ``1.1``: ``_by_place``)."""
    renumber = _by_place(plan)
    items = [item for phase in plan.phases for task in phase.tasks for item in (task, *task.subtasks)]
    used = set() if renumber else {item.id for item in items if item.id}
    given: list[tuple[str, str]] = []
    number = 0

    def numbered(item: _Item) -> _Item:
        nonlocal number
        if not renumber and (item.id or isinstance(item, Subtask)):
            # A sub-task without an ID is a sub-item of its task's (as Spec Kit's own tasks.md nests them).
            return item
        while f"T{number:03d}" in used or number == 0:
            number += 1
        new = f"T{number:03d}"
        number += 1
        given.append((new, item.text))
        return with_task_id(item, new)

    phases = []
    for phase in plan.phases:
        tasks = tuple(
            attrs.evolve(numbered(task), subtasks=tuple(numbered(sub) for sub in task.subtasks)) for task in phase.tasks
        )
        phases.append(attrs.evolve(phase, tasks=tasks))
    return attrs.evolve(plan, phases=tuple(phases)), tuple(given)


def _decision_lines(lines: list[str], block: DecisionBlock, decision: Decision) -> list[str]:
    """A decision's section with only its changed fields' lines rewritten; all of it rewritten when
    its title or other text changed, or a field it gained has no line yet."""
    old = block.decision
    spans = {span.name: span for span in block.fields}
    changed = [name for name in ("choice", "rationale", "options") if getattr(old, name) != getattr(decision, name)]
    if old.title != decision.title or old.context != decision.context or any(name not in spans for name in changed):
        return render_decision(decision, block.level).split("\n")
    for name in sorted(changed, key=lambda name: -spans[name].start):
        span = spans[name]
        start, end = span.start - block.start, span.end - block.start
        lines[start:end] = render_field(span, decision)
    return lines


def _carried_text(plan: Plan, relative: str) -> str | None:
    """The text of the file ``relative`` that ``plan`` carries whole (``carried_section``), or ``None``."""
    for section in plan.extra_sections:
        if section.heading == relative and section.level == 2:
            text = unfenced(section.body)
            if text is not None:
                return text
    return None


def _research_text(old: str | None, title: str, decisions: tuple[Decision, ...]) -> str:
    if old is None:
        return render_research(title, decisions)
    blocks, _ = read_research(old)
    lines = old.split("\n")
    common = min(len(blocks), len(decisions))
    for block in reversed(blocks[common:]):
        del lines[block.start : block.end]
    for block, decision in reversed(list(zip(blocks[:common], decisions[:common], strict=True))):
        if block.decision != decision:
            lines[block.start : block.end] = _decision_lines(lines[block.start : block.end], block, decision)
    text = "\n".join(lines)
    if len(decisions) > common:
        level = blocks[0].level if blocks else 2
        added = "\n\n".join(render_decision(decision, level) for decision in decisions[common:])
        text = text.rstrip("\n") + "\n\n" + added + "\n"
    return text


def _spec_sections(old: Plan | None, plan: Plan) -> tuple[Section, ...]:
    """The sections of ``plan`` that are spec.md's: those read from it, and those placed after its parts
    (an Edge Cases section after the user stories)."""
    mine = old.extra_sections if old is not None else ()
    return tuple(section for section in plan.extra_sections if section in mine or is_spec_place(section.after))


def _documentation(folder: Path, written: Iterable[str]) -> str:
    """The feature's documentation tree as Spec Kit's plan.md shows it (``specs/<folder>/`` over its files),
    of the files written and those the folder holds: plan.md first, tasks.md last, as in Spec Kit's."""
    held = {path.name + ("/" if path.is_dir() else "") for path in folder.glob("*")} if folder.is_dir() else set()
    names = {name.split("/")[0] + ("/" if "/" in name else "") for name in written} | held
    names = {name for name in names if not name.startswith(".")}
    order = sorted(names, key=lambda name: (name != _PLAN, name == _TASKS, name))
    lines = [f"{'└──' if index == len(order) - 1 else '├──'} {name}" for index, name in enumerate(order)]
    return "```text\n" + "\n".join([f"specs/{folder.name}/", *lines]) + "\n```"


def _feature_title(plan: Plan, folder: Path) -> str:
    """The title of a new file of the folder: the plan's, else the feature's name as its folder gives it
    (``005-photo-upload`` is ``photo-upload``), as Spec Kit names a feature by its folder."""
    return plan.metadata.title or re.sub(r"^\d+-", "", folder.name) or folder.name


def _spec_text(old: Plan | None, plan: Plan, sections: tuple[Section, ...], folder: Path) -> str | None:
    """spec.md's new text: the folder's with ``plan``'s requirements, success criteria and spec.md's sections
    (only their lines rewritten), or a new spec.md holding them (the sections they fill, no placeholders);
    ``None`` when it is what the folder holds, or the plan has none of them."""
    if not (plan.requirements or plan.success_metrics):
        # As with tasks.md and research.md: a plan without the part leaves the folder's file alone.
        return None
    if old is not None:
        part = attrs.evolve(
            old, requirements=plan.requirements, success_metrics=plan.success_metrics, extra_sections=sections
        )
        return None if part == old else SPECKIT_SPEC.emit(part)
    part = Plan(
        metadata=Metadata(title=_feature_title(plan, folder)),
        # A new spec.md writes criteria as Spec Kit does (Given/When/Then), whatever shape they were read in.
        requirements=shaped_criteria(plan, SPECKIT_SPEC).requirements,
        success_metrics=plan.success_metrics,
        extra_sections=sections,
    )
    return SPECKIT_SPEC.emit(part)


def _spec_losses(plan: Plan, text: str) -> tuple[Loss, ...]:
    """What of ``plan``'s requirements and success criteria a spec.md (``text``) does not give back: the fields
    it has no place for (an OpenSpec requirement's capability, a story's statement), an ID it writes its own
    way (Kiro's ``1`` is ``User Story 1``, read back as ``US1``)."""
    back = SPECKIT_SPEC.parse(text)
    wanted = dict(leaves(Plan(requirements=plan.requirements, success_metrics=plan.success_metrics)))
    got = dict(leaves(Plan(requirements=back.requirements, success_metrics=back.success_metrics)))
    return tuple(
        Loss(path=path, reason="spec.md has no place for it", value=value)
        for path, value in wanted.items()
        if got.get(path) != value
    )


def write_feature(plan: Plan, path: str | Path, *, strict: bool = False) -> FeatureWrite:
    """Write ``plan`` as a Spec Kit feature folder.

    Args:
        plan: the ``Plan``.
        path: the folder; created when missing. Files it holds that the plan does not produce
            are left alone.
        strict: raise ``LossError`` (writing nothing) when a part of the plan has no place in the folder.

    Returns:
        A ``FeatureWrite``: the files written and the task IDs given. Tasks of the phases without
        an ID get ``T001``, ``T002``... in order (skipping IDs in use); IDs that exist are never
        changed. The IDs given are also written to ``ID_MAP`` (``.plancore-task-ids.json``) in the
        folder: ``{"T001": "the task's text as it was", ...}``.

        ``plan.md``: every part but those below (``speckit-github``, what it has no place for in its
        appendix); ``spec.md``: the requirements and success criteria, with the sections read from it
        or placed after its parts (a new spec.md holds only the sections they fill; a plan without
        requirements whose ``Requirements`` section is a spec.md carried into a single file has that
        section written as spec.md); ``tasks.md``:
        the phases (``speckit-tasks``); ``research.md``: the decisions in
        Decision / Rationale / Alternatives considered shape; ``data-model.md``: the data model, its
        entities in Spec Kit's shape (``### Name`` under ``## Entities``, a labelled ``**Description**``,
        ``**Fields**`` table and ``**Schema**`` fence, then their details; an edit rewrites only the
        changed entity's lines); ``contracts/``: each API example named ``contracts/...`` as that file,
        endpoints and the other examples in ``contracts/endpoints.md`` (or the folder's contract file in
        that shape); an extra section headed by a file's path holding one
        fence (as ``read_feature`` carries quickstart.md, checklists/...) as that file. A file whose part is
        what the folder holds is not written: a folder read and written back is unchanged byte for
        byte, and an edit rewrites only the files (and, in plan.md, tasks.md, research.md and spec.md, the
        lines) it touches.

    Raises:
        ParseError: a file of the folder cannot be read.
        LossError: with ``strict``, what the folder has no place for (nothing is written then).
        EmitError: a part cannot be written (a fault of plancore's).
        OSError: the folder cannot be written.

    >>> import plancore, tempfile, pathlib
    >>> plan = plancore.Plan(phases=(plancore.Phase(name="Setup", tasks=(plancore.Task(text="Add it"),)),))
    >>> plancore.write_feature(plan, pathlib.Path(tempfile.mkdtemp())).ids
    (('T001', 'Add it'),)
    """
    folder = Path(path)
    # A folder's spec.md carried into a single file comes back as spec.md.
    plan, renamed, unlinked = requirement_ids(source_named(plan), "speckit-github")
    plan, given = _ids(folded_data_model(folded_spec(plan)))
    old = _parts(folder) if folder.is_dir() else {}
    title = plan.metadata.title
    new_title = _feature_title(plan, folder)
    texts: dict[str, str] = {}
    losses: tuple[Loss, ...] = ()
    tasks_losses: tuple[Loss, ...] = ()
    # A phase's own sections (SpecPulse's ``#### Code:`` under a phase) go with its tasks into a new tasks.md:
    # left to plan.md, they drew the source's whole phases section, tasks and all, in after them.
    fresh_tasks = bool(plan.phases) and _TASKS not in old
    # And a tasks file's front matter (Kiro's tasks.md's, which a Spec Kit tasks.md's became) is tasks.md's.
    phase_sections = [
        s
        for s in plan.extra_sections
        if fresh_tasks
        and (s.after.split(".")[0] == "phases" or (s.level == 0 and s.after == FRONT and from_tasks_file(s, plan)))
    ]
    if plan.phases:
        # A new tasks.md's Input line names the folder as Spec Kit's own tasks.md does, and as plan.md's does.
        where = plan.metadata.input or f"Design documents from `/specs/{folder.name}/`"
        tasks_plan = old.get(_TASKS) or Plan(metadata=Metadata(title=new_title, input=where))
        # What of the phases tasks.md has no place for (a phase's estimate, priority, dependencies):
        # a new tasks.md carries it in its appendix; both report it.
        # With the plan's source: the crosswalk writes a phase's parts tasks.md lacks (a Kiro block's priority,
        # estimate) in its own lines, and the appendix shows what is left as the files it came from wrote it.
        part = Plan(
            metadata=tasks_plan.metadata, phases=plan.phases, extra_sections=tuple(phase_sections), source=plan.source
        )
        source = plan.source.format if plan.source is not None else "plancore"
        tasks_conversion = convert_plan(part, "speckit-tasks", source=source, unfilled="drop")
        tasks_losses = tasks_conversion.losses
        if _TASKS not in old:
            given += _crosswalk_ids(plan, tasks_conversion)
        # Kept when unchanged: the phases read back without their source still equal.
        if tasks_plan.phases != plan.phases:
            edited = attrs.evolve(tasks_plan, phases=plan.phases)
            texts[_TASKS] = tasks_conversion.text if _TASKS not in old else emit(edited, "speckit-tasks")
    if plan.decisions and (_RESEARCH not in old or old[_RESEARCH].decisions != plan.decisions):
        # Written afresh, research.md is its carried text outside the decisions (``_research_rest``), if the
        # plan holds it, with the decisions after: the file it was read from, not the decisions alone.
        existing = read_text(folder / _RESEARCH) if _RESEARCH in old else _carried_text(plan, _RESEARCH)
        decisions = chosen_apart(plan).decisions
        texts[_RESEARCH] = _research_text(existing, title if existing is not None else new_title, decisions)
    if plan.data_model != DataModel() and (_DATA_MODEL not in old or old[_DATA_MODEL].data_model != plan.data_model):
        existing = read_text(folder / _DATA_MODEL) if _DATA_MODEL in old else None
        texts[_DATA_MODEL] = (
            render_data_model(new_title, plan.data_model)
            if existing is None
            else edit_data_model(existing, title, plan.data_model)
        )
    mapped, contract_title = _contracts(folder)[1:] if _CONTRACTS in old else (None, "")
    contract = mapped or CONTRACT
    in_files = tuple(
        example
        for example in plan.api.examples
        if example.name.startswith(_CONTRACTS + "/") and example.name != contract
    )
    others = tuple(example for example in plan.api.examples if example not in in_files)
    old_files = {example.name: example for example in old[_CONTRACTS].api.examples} if _CONTRACTS in old else {}
    for example in in_files:
        if old_files.get(example.name) != example:
            texts[example.name] = example.request
    if plan.api.endpoints or others:
        api = Api(endpoints=plan.api.endpoints, examples=others)
        texts[contract] = render_contract(contract_title if mapped else new_title, api)
    spec_sections = _spec_sections(old.get(_SPEC), plan) if plan.requirements or _SPEC in old else ()
    spec_text = _spec_text(old.get(_SPEC), plan, spec_sections, folder)
    spec_losses: tuple[Loss, ...] = ()
    if spec_text is not None:
        texts[_SPEC] = spec_text
        # Measured against the criteria in spec.md's shape: a reshaped criterion is no loss.
        spec_losses = _spec_losses(shaped_criteria(plan, SPECKIT_SPEC) if _SPEC not in old else plan, spec_text)
    # Sections carried from the folder's other files go back to them; the rest is plan.md's.
    owned = [*(old[_TASKS].extra_sections if _TASKS in old else ()), *spec_sections]
    plan_sections = []
    for section in plan.extra_sections:
        text = unfenced(section.body)
        # A contract file is carried a level deeper, under the single file's API section (maestro's).
        level = 3 if section.heading.startswith(_CONTRACTS + "/") else 2
        if section.level in (2, level) and text is not None and CARRIED_FILE.fullmatch(section.heading):
            # A spec.md carried whole (by a plan read before spec.md was modelled) is that file.
            carried_spec = section.heading == _SPEC and _SPEC not in texts and _SPEC not in old
            # A file of another tool under a modelled name (Kiro's research.md) that the plan writes no part
            # to and the folder lacks is that file, not dropped.
            unclaimed = section.heading != _PLAN and section.heading not in texts and section.heading not in old
            if (section.heading not in _MODELLED or carried_spec or unclaimed) and not holds(
                folder / section.heading, text
            ):
                texts[section.heading] = text
            continue
        if section in owned:
            owned.remove(section)
            continue
        if any(section is mine for mine in phase_sections):
            continue
        plan_sections.append(section)
    plan_part = attrs.evolve(
        plan,
        phases=(),
        decisions=(),
        data_model=DataModel(),
        api=Api(),
        requirements=(),
        success_metrics=(),
        extra_sections=tuple(plan_sections),
    )
    if _PLAN in old:
        plan_part = attrs.evolve(plan_part, source=old[_PLAN].source)
        tree = old[_PLAN].documentation_structure
        if not plan_part.documentation_structure and tree == _documentation(folder, ()):
            plan_part = attrs.evolve(plan_part, documentation_structure=tree)
        if plan_part != old[_PLAN]:
            texts[_PLAN] = emit(plan_part, "speckit-github")
    elif plan_part != Plan(metadata=plan.metadata) or not plan.phases:
        source = plan.source.format if plan.source is not None else "plancore"
        header = plan_part.metadata
        # Spec Kit names a feature's branch as its folder (``specs/004-reset/`` is branch 004-reset), and links
        # the folder's spec.md from the header.
        header = attrs.evolve(
            header, title=new_title, branch=header.branch or folder.name, created=header.created or carried_date(plan)
        )
        if _SPEC in texts or (folder / _SPEC).is_file():
            spec_input = f"Feature specification from `/specs/{folder.name}/{_SPEC}`"
            header = attrs.evolve(
                header, spec_path=header.spec_path or f"[{_SPEC}](./{_SPEC})", input=header.input or spec_input
            )
        else:
            # No spec to link: said so, and the plan's input is the folder's documents, as tasks.md says.
            header = attrs.evolve(
                header,
                spec_path=header.spec_path or f"N/A (no {_SPEC})",
                input=header.input or f"Design documents from `/specs/{folder.name}/`",
            )
        plan_part = attrs.evolve(
            plan_part,
            metadata=header,
            documentation_structure=plan_part.documentation_structure or _documentation(folder, [_PLAN, *texts]),
        )
        conversion = convert_plan(plan_part, "speckit-github", source=source)
        texts[_PLAN], losses = conversion.text, conversion.losses
    losses += tasks_losses + spec_losses + unlinked
    if strict and any(loss.carried for loss in losses):
        raise LossError(losses, target="a Spec Kit feature folder")
    if given:
        texts[ID_MAP] = json.dumps(dict(given), indent=2, ensure_ascii=False) + "\n"
    written = write_files(folder, texts)
    return FeatureWrite(path=folder, written=written, ids=given, losses=losses, requirement_ids=renamed)
