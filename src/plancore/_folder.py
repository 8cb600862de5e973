"""Folder formats: plans kept as a folder of files (a Spec Kit feature, a Kiro spec, an OpenSpec change), by name.

Each folder format is a ``FolderFormat``: how a folder of its kind is recognised, read into one
``Plan`` and written back. The rules of each folder live in its own module (``_feature.py``,
``_formats/kiro.py``, ``_formats/openspec.py``); this module only names them, so that the CLI and ``read_folder`` /
``write_folder`` convert any folder format to any other, and to and from every file format.
"""

from __future__ import annotations

import importlib
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from ._convert import source_named
from ._errors import EmitError, FormatNotFoundError, LossError, ParseError, PlanError, PlanTypeError
from ._files import holds, write_files
from ._model import Plan, Source

if TYPE_CHECKING:
    from ._feature import FeatureWrite

__all__ = ["FOLDERS", "FolderFormat", "detect_folder", "read_folder", "write_folder"]


def _deferred(module: str, name: str) -> Callable[..., Any]:
    """The function ``name`` of plancore's ``module``, imported at its first call: a command
    converting one file reads no folder, and importing the folder formats' modules would add a
    tenth to its start-up (issue 16, P2)."""

    def call(*args: Any, **kwargs: Any) -> Any:
        return getattr(importlib.import_module(module, __package__), name)(*args, **kwargs)

    call.__name__ = call.__qualname__ = name
    return call


@attrs.frozen
class FolderFormat:
    """A plan format that is a folder of files.

    Attributes:
        name: The format's name (``kiro``; ``speckit-github`` is both a file format, ``plan.md``,
            and the folder format of its feature folder).
        description: What the folder holds, one line.
        files: The files it reads as parts of the plan (other files are carried verbatim).
        is_folder: Whether a path is a folder of this format.
        read: Reads such a folder into a ``Plan``.
        write: Writes a ``Plan`` as such a folder, returning a ``FeatureWrite``.
        parts: The file format of each file it reads (a glob under the folder, and the names of the
            formats a file there may be in: Kiro's tasks.md is a checklist or ``## Task N`` blocks), for
            ``plancore check``.
    """

    name: str
    description: str
    files: tuple[str, ...]
    is_folder: Callable[[Path], bool] = attrs.field(repr=False)
    read: Callable[[Path], Plan] = attrs.field(repr=False)
    write: Callable[[Plan, Path], FeatureWrite] = attrs.field(repr=False)
    parts: tuple[tuple[str, tuple[str, ...]], ...] = ()


# Detection tries them in this order: an OpenSpec change (proposal.md, .openspec.yaml) and a Kiro
# folder (requirements.md) are recognised by their own files before a folder holding only a
# tasks.md is taken for a Spec Kit feature.
FOLDERS: dict[str, FolderFormat] = {
    folder.name: folder
    for folder in (
        FolderFormat(
            name="openspec",
            description="OpenSpec change folder (openspec/changes/<id>/): proposal.md, design.md, tasks.md, specs/",
            files=("proposal.md", "design.md", "tasks.md", "specs/"),
            is_folder=_deferred("._formats.openspec", "is_openspec_folder"),
            read=_deferred("._formats.openspec", "read_openspec"),
            write=_deferred("._formats.openspec", "write_openspec"),
            parts=(
                ("proposal.md", ("openspec-proposal",)),
                ("design.md", ("openspec-design",)),
                ("tasks.md", ("openspec-tasks",)),
                ("specs/*/spec.md", ("openspec-spec",)),
                ("spec.md", ("openspec-spec",)),
            ),
        ),
        FolderFormat(
            name="kiro",
            description="Kiro spec folder (.kiro/specs/<feature>/): requirements.md, design.md, tasks.md",
            files=("requirements.md", "design.md", "tasks.md"),
            is_folder=_deferred("._formats.kiro", "is_kiro_folder"),
            read=_deferred("._formats.kiro", "read_kiro"),
            write=_deferred("._formats.kiro", "write_kiro"),
            parts=(
                ("requirements.md", ("kiro-requirements",)),
                ("design.md", ("kiro-design",)),
                ("tasks.md", ("kiro-tasks", "kiro-task-blocks")),
            ),
        ),
        FolderFormat(
            name="speckit-github",
            description="GitHub Spec Kit feature folder (specs/NNN-feature/): plan.md, tasks.md, research.md, ...",
            files=("plan.md", "tasks.md", "research.md", "data-model.md", "contracts/"),
            is_folder=_deferred("._feature", "is_feature_folder"),
            read=_deferred("._feature", "read_feature"),
            write=_deferred("._feature", "write_feature"),
            parts=(("plan.md", ("speckit-github",)), ("tasks.md", ("speckit-tasks",)), ("spec.md", ("speckit-spec",))),
        ),
    )
}


def _folder_format(name: object) -> FolderFormat:
    if not isinstance(name, str):
        raise PlanTypeError(f"expected a folder format name (str), got {type(name).__name__}")
    try:
        return FOLDERS[name]
    except KeyError:
        known = ", ".join(FOLDERS)
        raise FormatNotFoundError(f"unknown folder format {name!r} (folder formats: {known})") from None


def detect_folder(path: str | Path) -> str | None:
    """The name of the folder format ``path`` is a folder of; ``None`` for none (or no folder)."""
    folder = Path(path)
    # No folder format's test holds for a file: one stat instead of importing them all.
    if not folder.is_dir():
        return None
    return next((name for name, fmt in FOLDERS.items() if fmt.is_folder(folder)), None)


def read_folder(path: str | Path, format: str | None = None) -> Plan:
    """Read a plan kept as a folder (a Kiro spec, a Spec Kit feature folder).

    Args:
        path: the folder.
        format: a folder format's name (``kiro``, ``openspec``, ``speckit-github``); ``None`` to detect it.

    Returns:
        The ``Plan``, as the folder format's reader gives it (``read_feature``, Kiro's reader):
        every part of the plan its files hold, the other files carried as sections named by their paths.

    Raises:
        ParseError: ``path`` is no folder of a known folder format (or of ``format``), or a file of it
            cannot be read (naming the file).
        FormatNotFoundError: ``format`` is no folder format's name.

    >>> import plancore, tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "requirements.md").write_text("# Requirements Document\\n\\n## Introduction\\n\\nLog in.\\n")
    >>> plancore.read_folder(folder).summary
    'Log in.'
    """
    folder = Path(path)
    if format is None:
        name = detect_folder(folder)
        if name is None:
            known = ", ".join(FOLDERS)
            raise ParseError(f"{folder}: no plan folder of a known folder format ({known})")
        format = name
    fmt = _folder_format(format)
    if not fmt.is_folder(folder):
        raise ParseError(f"{folder}: no {fmt.name} folder (it holds none of {', '.join(fmt.files)})")
    return fmt.read(folder)


def _write(fmt: FolderFormat, plan: Plan, folder: Path) -> FeatureWrite:
    """``plan`` written by ``fmt`` into ``folder``, as an edit of the files it was read from when it was read
    from a folder of that format: the writers edit the files a folder holds (an unchanged part is not
    written), so each of the source's files the folder lacks is put there first, as it was read."""
    source = plan.source
    seeded: list[str] = []
    if isinstance(source, Source) and source.format == f"{fmt.name} folder":
        missing = {file.label: file.value for file in source.files if not (folder / file.label).exists()}
        seeded = list(write_files(folder, missing))
    result = fmt.write(plan, folder)
    if not seeded:
        return result
    return attrs.evolve(result, written=(*seeded, *(name for name in result.written if name not in seeded)))


def write_folder(
    plan: Plan, path: str | Path, format: str, *, strict: bool = False, force: bool = True
) -> FeatureWrite:
    """Write ``plan`` as a folder of folder format ``format``.

    Args:
        plan: the ``Plan``.
        path: the folder; created when missing. Files it holds that the plan does not produce are
            left alone.
        format: a folder format's name (``kiro``, ``openspec``, ``speckit-github``).
        strict: raise ``LossError`` (writing nothing) when a part of the plan has no place in the folder.
        force: rewrite files the folder already holds; without it (the CLI's default) a plan that
            would change a file already there is refused with ``PlanError`` naming it, and nothing is
            written: converting into a folder never replaces what its author wrote unasked. A folder
            already holding exactly what the plan writes into a new folder is left as it is (``written``
            empty), so converting again into an earlier run's output succeeds.

    Returns:
        A ``FeatureWrite``: the files written (relative paths), the task IDs given, the requirement
        IDs changed to the folder's numbering (``requirement_ids``: Kiro ``1`` is Spec Kit ``US1``, the
        documented ID map ``REQUIREMENT_IDS``; task links follow them), and what the folder has no
        place for (``losses``: carried in an appendix, or task links kept in the task's body). A
        folder read and written in its own format, back or into another folder, is its files byte for
        byte (those carried unread too, no ID map added); an edit rewrites only the lines it touches.

    Raises:
        FormatNotFoundError: ``format`` is no folder format's name.
        PlanTypeError: ``plan`` is not a ``Plan``.
        LossError: with ``strict``, what the folder has no place for (nothing is written then).
        PlanError: without ``force``, a file already in the folder would change (nothing is written then).
        ParseError: a file already in the folder cannot be read.
        EmitError: a part cannot be written (a fault of plancore's).
        OSError: the folder cannot be written.

    >>> import plancore, tempfile, pathlib
    >>> plan = plancore.Plan(phases=(plancore.Phase(tasks=(plancore.Task(text="1. Add it"),)),))
    >>> plancore.write_folder(plan, pathlib.Path(tempfile.mkdtemp()), "kiro").written
    ('requirements.md', 'design.md', 'tasks.md')
    """
    from ._feature import read_text

    fmt = _folder_format(format)
    if not isinstance(plan, Plan):
        raise PlanTypeError(f"expected a Plan, got {type(plan).__name__}")
    folder = Path(path)
    plan = source_named(plan)
    differing: list[str] = []
    if not force and folder.is_dir():
        # A folder already holding exactly what the plan writes afresh (an earlier run's output) is up to
        # date: written again as an edit of its own files, it need not come out the same.
        with tempfile.TemporaryDirectory(prefix=".plancore-") as trial:
            fresh = _write(fmt, plan, Path(trial) / folder.name)
            differing = [name for name in fresh.written if not holds(folder / name, read_text(fresh.path / name))]
        if not differing:
            if strict and any(loss.carried for loss in fresh.losses):
                raise LossError(fresh.losses, target=f"the {fmt.name} folder")
            return attrs.evolve(fresh, path=folder, written=())
    if strict or (not force and folder.is_dir()):
        # What a folder has no place for, and which of its files change, are known once its files are
        # written: the write is tried on a copy of the folder, so that a refused plan leaves it untouched.
        with tempfile.TemporaryDirectory(prefix=".plancore-") as trial:
            copy = Path(trial) / "folder"
            if folder.is_dir():
                shutil.copytree(folder, copy)
            try:
                tried = _write(fmt, plan, copy)
            except EmitError:
                # Not writable as an edit of the files there: refused as any change to them is.
                in_way = [name for name in differing if (folder / name).exists()]
                if force or not in_way:
                    raise
                raise PlanError("already exists (use --force to overwrite)", path=str(folder / in_way[0])) from None
        if strict and any(loss.carried for loss in tried.losses):
            raise LossError(tried.losses, target=f"the {fmt.name} folder")
        replaced = [name for name in tried.written if (folder / name).exists()]
        if not force and replaced:
            raise PlanError("already exists (use --force to overwrite)", path=str(folder / replaced[0]))
    return _write(fmt, plan, folder)
