"""Moving a repository's plans into one tool's layout (``plancore.migrate``, ``plancore migrate``).

The plans are found where each tool keeps them (``LAYOUTS``) and as loose
Markdown files elsewhere; each is converted and written where the target's
tool keeps its plans, under DEST. Nothing is ever deleted, no source is ever
written over, and an output is replaced only when an earlier migration wrote
it and nobody has changed it since (``plancore-migration.json`` records what
was written, with its hash): running a migration again changes nothing that
is up to date and duplicates nothing.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import re
import shutil
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import attrs

from ._convert import convert, convert_plan, detect, parse
from ._errors import PlanError, UnknownFormatError
from ._feature import read_text
from ._fields import leaves
from ._files import holds, read_plan_file, write_atomically
from ._folder import FOLDERS, read_folder, write_folder
from ._loss import Loss
from ._model import Plan
from ._registry import get_format
from ._report import folder_report

__all__ = ["LAYOUTS", "MAP_NAME", "Layout", "MigratedPlan", "Migration", "migrate"]

MAP_NAME = "plancore-migration.json"
_MAP_VERSION = 1


@attrs.frozen
class Layout:
    """Where one tool keeps its plans in a repository.

    ``find`` are globs under the repository's root for its plan files, each of
    the shape ``FOLDER/*/FILE`` (the ``*`` is the feature's folder, its ID);
    ``formats`` the plan formats whose migrations go here, written to
    ``path`` (``{feature}`` is the feature's ID). ``folder`` names the folder
    format of a tool that keeps a plan as a folder: ``find`` then has the shape
    ``FOLDER/*`` (each folder of that format a plan), and ``path`` is the
    folder a plan is written to, as ``write_folder`` writes it. ``read_as``
    names the folder format its plans are read in when they are folders but
    written as files (a Spec Kit feature folder, read whole: plan.md, spec.md,
    tasks.md, research.md...; written as its plan.md to a file format).
    """

    tool: str
    find: tuple[str, ...]
    formats: tuple[str, ...]
    path: str
    folder: str = ""
    read_as: str = ""

    @property
    def source_folder(self) -> str:
        """The folder format its plans are found as (``""``: files)."""
        return self.folder or self.read_as


# One table of layouts: the finder and the writer both read it.
LAYOUTS = (
    Layout(
        "Spec Kit", ("specs/*",), ("speckit-github", "speckit"), "specs/{feature}/plan.md", read_as="speckit-github"
    ),
    Layout("SpecPulse", (".specpulse/plans/*/*.md",), ("specpulse",), ".specpulse/plans/{feature}/plan-001.md"),
    Layout("spec-maestro", (".maestro/specs/*/plan.md",), ("maestro",), ".maestro/specs/{feature}/plan.md"),
    # SmartSpec and the aadt toolkit keep no fixed folder: a plans folder, one feature a folder.
    Layout("plans folder", ("plans/*/plan.md",), ("smartspec", "aadt"), "plans/{feature}/plan.md"),
    Layout("Kiro", (".kiro/specs/*",), ("kiro",), ".kiro/specs/{feature}", folder="kiro"),
    # Active changes only: ``openspec/changes/archive/`` holds the ones done.
    Layout("OpenSpec", ("openspec/changes/*",), ("openspec",), "openspec/changes/{feature}", folder="openspec"),
)
# Folders of a folder layout that are no plan of it.
_NOT_PLANS = frozenset({"archive"})

# Folders never searched for loose plans: version control, dependencies, environments.
_NEVER_SEARCHED = frozenset({"node_modules", "venv", "__pycache__", "site-packages"})


@attrs.frozen
class MigratedPlan:
    """One plan of a migration.

    Attributes:
        source: Its path under SRC (``/``-separated).
        target: Its output's path under DEST.
        source_format: The format it was read in (``""`` when it could not be read).
        feature: The feature ID it is filed under in the target layout.
        action: ``written`` (new), ``updated`` (an earlier migration's output,
            unchanged since, replaced), ``unchanged`` (the output holds it
            already), ``in place`` (already the target's format, where its tool
            keeps it), ``conflict`` (an output of someone else's, or a
            source, is in the way: nothing written) or ``failed`` (the plan
            could not be read). In a dry run, what would be done.
        lost: Per section of the plan that the target cannot hold in its
            place, one line (it is carried into the output's appendix).
        message: Why a conflict or failure, one line.
        sha256: The hash of the output's text (``""`` when nothing is written); of a folder
            written, the hash of its ``files`` list.
        files: A folder written (a Kiro spec, an OpenSpec change, a Spec Kit feature folder):
            each file's path under ``target`` with the hash of its text.
        requirement_ids: The requirement IDs a folder written gives in its format's numbering
            (``FeatureWrite.requirement_ids``: ``(new, as read)``, Kiro ``1`` is Spec Kit ``US1``).
        source_files: A plan read as a folder (a Spec Kit feature, a Kiro spec, an OpenSpec change):
            the paths under SRC of the files it was read from (spec.md, tasks.md, research.md...).
    """

    source: str
    target: str
    source_format: str
    feature: str
    action: str
    lost: tuple[str, ...] = ()
    message: str = ""
    sha256: str = ""
    files: tuple[tuple[str, str], ...] = ()
    requirement_ids: tuple[tuple[str, str], ...] = ()
    source_files: tuple[str, ...] = ()


@attrs.frozen
class Migration:
    """What a migration did (or, in a dry run, would do).

    Attributes:
        source: SRC, as given.
        dest: DEST, as given (SRC when none was).
        target: The target format.
        dry_run: Whether nothing was written.
        plans: One ``MigratedPlan`` per plan found, by source path.
        skipped: Markdown files found that are no plan (a README), under SRC.
        dirty: In a dry run, the uncommitted changes under SRC that a real
            run would refuse to start with (without ``allow_dirty``).
    """

    source: str
    dest: str
    target: str
    dry_run: bool
    plans: tuple[MigratedPlan, ...]
    skipped: tuple[str, ...] = ()
    dirty: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        """Whether every plan found was migrated (no conflict, no failure)."""
        return all(plan.action not in ("conflict", "failed") for plan in self.plans)

    def as_dict(self) -> dict[str, object]:
        """The migration as JSON-ready data (``plancore migrate --json``)."""
        return {
            "source": self.source,
            "dest": self.dest,
            "target": self.target,
            "dry_run": self.dry_run,
            "plans": [attrs.asdict(plan) for plan in self.plans],
            "skipped": list(self.skipped),
            "dirty": list(self.dirty),
        }


@attrs.frozen
class _Job:
    source: Path
    source_shown: str
    target: Path
    target_shown: str
    feature: str
    # The hash an earlier migration recorded for this output; it may replace only a file still holding that.
    recorded: str | None
    dry_run: bool
    to: str
    # Whether a symbolic link in DEST would lead the output out of it.
    outside: bool = False
    # The folder format of a source that is a folder, and of a target that is one ("": a file).
    source_folder: str = ""
    target_folder: str = ""
    # A folder target's files an earlier migration wrote: (path under DEST, hash).
    recorded_files: tuple[tuple[str, str], ...] = ()


def _slug(name: str) -> str:
    """A feature ID from a file or folder name: lower case, words joined by ``-``."""
    slug = re.sub(r"[^\w.]+", "-", name.lower()).strip("-.")
    return slug or "plan"


def _matches(relative: str, pattern: str) -> bool:
    """Whether ``relative`` (``/``-separated) matches a layout's glob, each ``*`` within one name."""
    parts = (re.escape(part).replace(r"\*", "[^/]*") for part in pattern.split("/"))
    return re.fullmatch("/".join(parts), relative) is not None


def _layout_files(root: Path) -> Iterator[tuple[Path, str, str]]:
    """The plans under ``root`` in a tool's layout, with their feature IDs (the folder the ``*``
    matched) and their folder format (``""`` for a file)."""
    for layout in LAYOUTS:
        for pattern in layout.find:
            for path in sorted(root.glob(pattern)):
                if path.is_symlink():
                    continue
                kind = layout.source_folder
                if not kind and path.is_file():
                    yield path, path.parent.name, ""
                elif kind and path.name not in _NOT_PLANS and FOLDERS[kind].is_folder(path):
                    yield path, path.name, kind


def _tool_folder(pattern: str) -> str:
    """The folder of a layout's glob that its tool owns (``specs``, ``openspec/changes``)."""
    return pattern.split("/*")[0]


def _loose_files(root: Path, excluded: set[Path]) -> Iterator[tuple[Path, str]]:
    """Markdown files under ``root`` outside the layouts' folders, with a feature ID from the name."""
    layout_roots = {root / _tool_folder(pattern) for layout in LAYOUTS for pattern in layout.find}
    # A folder tool's folder holds no loose plans: OpenSpec's ``openspec/specs/`` and project.md
    # are its specifications, archived changes are done.
    tools = {
        root / _tool_folder(pattern).split("/")[0] for layout in LAYOUTS if layout.folder for pattern in layout.find
    }
    for folder, subfolders, files in os.walk(root):
        here = Path(folder)
        # Hidden folders are tools' own (.github, .specpulse), and so are the feature folders
        # of a layout (specs/001-x/ holds spec.md, tasks.md): their plans are found by the layouts.
        subfolders[:] = sorted(
            name
            for name in subfolders
            if not name.startswith(".")
            and name not in _NEVER_SEARCHED
            and here not in layout_roots
            and here / name not in tools
            and (here / name).resolve() not in excluded
        )
        for name in sorted(files):
            path = here / name
            if not name.lower().endswith((".md", ".markdown")) or path.is_symlink() or path.resolve() in excluded:
                continue
            stem = Path(name).stem
            if stem.lower() in ("plan", "index") and here != root:
                stem = here.name
            yield path, _slug(stem)


def _previous_map(path: Path) -> dict[str, str]:
    """Per output path (under DEST) the hash an earlier migration recorded for it."""
    if not path.exists():
        return {}
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
        found = {entry["target"]: entry["sha256"] for entry in document["plans"] if entry.get("sha256")}
        for entry in document["plans"]:
            found.update({f"{entry['target']}/{name}": sha for name, sha in entry.get("files", {}).items()})
        return found
    except (OSError, ValueError, KeyError, TypeError):
        raise PlanError(
            "is not a migration map plancore can read; move it away to start afresh", path=str(path)
        ) from None


def _uncommitted(src: Path, ignored: set[Path]) -> list[str]:
    """The uncommitted changes (``git status --porcelain``) under ``src``, less ``ignored`` paths;
    none when ``src`` is in no git working tree or git is not installed."""
    import subprocess

    try:
        top = subprocess.run(
            ["git", "-C", str(src), "rev-parse", "--show-toplevel"], capture_output=True, text=True, check=False
        )
        if top.returncode != 0:
            return []
        status = subprocess.run(
            ["git", "-C", str(src), "status", "--porcelain=v1", "-z", "--untracked-files=all", "--", "."],
            capture_output=True,
            check=False,
        )
    except OSError:
        return []
    root = Path(top.stdout.strip())
    changes: list[str] = []
    fields = status.stdout.decode("utf-8", "surrogateescape").split("\0")
    index = 0
    while index < len(fields):
        field = fields[index]
        index += 1
        if len(field) < 4:
            continue
        code, name = field[:2], field[3:]
        if "R" in code or "C" in code:
            index += 1  # the name it was renamed or copied from
        if (root / name).resolve() not in ignored:
            changes.append(f"{code.strip()} {name}")
    return changes


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _lost_fields(losses: Iterable[Loss]) -> tuple[str, ...]:
    """What a folder written has no place for, one line per top-level field of the plan."""
    by_top: dict[str, dict[str, str]] = {}
    for loss in losses:
        top = re.split(r"[.\[]", loss.path)[0]
        by_top.setdefault(top, {}).setdefault(re.sub(r"\[\d+\]", "", loss.path), loss.reason)
    return tuple(_lost_line(top, fields) for top, fields in by_top.items())


def _lost_line(top: str, fields: dict[str, str]) -> str:
    """One line for the lost parts ``fields`` (path without indices to reason, in order) of the plan's field
    ``top``: the reason of the first, and which parts, unless it is lost whole (``risks.probability`` alone
    of a risk whose text and mitigation landed)."""
    more = f" ({', '.join(list(fields)[:4])}{f' and {len(fields) - 4} more' if len(fields) > 4 else ''})"
    return f"{top}: {next(iter(fields.values()))}{more if list(fields) != [top] else ''}"


def _lost_by_file(plan: Plan, losses: Iterable[Loss], folder: Path, kind: str, to: str) -> tuple[str, ...]:
    """What a plan read from ``folder`` (of folder format ``kind``) loses in ``to``, one line per file of the
    folder: the file each lost field is read from (where its value shows), with the plan's fields lost."""
    names = [
        path.relative_to(folder).as_posix()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and not path.is_symlink() and path.suffix in (".md", ".yaml", ".yml", ".json")
    ]
    # The files read into fields are looked in first (in the folder format's order), those carried whole last.
    carried = {section.heading for section in plan.extra_sections}
    parts = FOLDERS[kind].files

    def rank(name: str) -> int:
        return next(
            (i for i, part in enumerate(parts) if name == part or (part.endswith("/") and name.startswith(part))),
            len(parts),
        )

    names.sort(key=lambda name: (name in carried, rank(name)))
    files = {name: read_text(folder / name) for name in names}
    shown = {entry.path: entry.section.split(": ", 1)[0] for entry in folder_report(plan, files, ())}
    # An item named by its file's path (a contract of contracts/) is that file's.
    for path, value in leaves(plan):
        if isinstance(value, str) and value in files:
            item = path[: path.rfind("]") + 1]
            shown.update({other: value for other in shown if other.startswith(item)})
    by_file: dict[tuple[str, str], dict[str, str]] = {}
    for loss in losses:
        where = ""
        # An empty field that the target wants (a requirement's statement) is in the file most of its item is in.
        for prefix in (loss.path, loss.path[: loss.path.rfind("]") + 1]):
            files_shown = Counter(
                f for path, f in shown.items() if prefix and f and re.match(rf"{re.escape(prefix)}(?![\w])", path)
            )
            if files_shown:
                where = files_shown.most_common(1)[0][0]
                break
        top = re.split(r"[.\[]", loss.path)[0]
        reasons = by_file.setdefault((where or "the plan", top), {})
        reasons.setdefault(re.sub(r"\[\d+\]", "", loss.path), loss.reason)
    lines = []
    for (name, top), fields in sorted(by_file.items()):
        # One line per field of the plan in each file, with the reason of its first part lost.
        lines.append(f"{name}: {_lost_line(top, fields)}")
    return tuple(lines)


def _folder_files(job: _Job) -> tuple[str, dict[str, str], tuple[str, ...], tuple[tuple[str, str], ...]]:
    """``job``'s plan written as a folder of ``job.target_folder`` (into a new folder, so that what is
    written depends on the plan alone; a folder of the target's format is that folder, byte for byte):
    the source's format, each file's text by its path, what is lost, the requirement IDs changed."""
    plan = read_folder(job.source, job.source_folder) if job.source_folder else None
    source = job.source_folder
    if plan is None:
        text = read_plan_file(str(job.source))
        source = detect(text)
        plan = parse(text, source)
    with tempfile.TemporaryDirectory(prefix=".plancore-") as trial:
        folder = Path(trial) / "folder"
        if source == job.target_folder:
            shutil.copytree(job.source, folder, symlinks=True)
        written = write_folder(plan, folder, job.target_folder)
        files = {
            path.relative_to(folder).as_posix(): path.read_text(encoding="utf-8")
            for path in sorted(folder.rglob("*"))
            if path.is_file() and not path.is_symlink()
        }
    if job.source_folder:
        lost = _lost_by_file(plan, written.losses, job.source, job.source_folder, job.to)
    else:
        lost = _lost_fields(written.losses)
    return source, files, lost, written.requirement_ids


def _migrate_folder(job: _Job, base: MigratedPlan) -> MigratedPlan:
    """``job``'s plan written as a folder: each file where nothing is, or over a file an earlier
    migration wrote and nobody changed since; nothing at all when one file is in the way."""
    try:
        source, files, lost, renamed = _folder_files(job)
    except UnknownFormatError:
        return attrs.evolve(base, action="not a plan")
    except PlanError as error:
        error.path = error.path or job.source_shown
        return attrs.evolve(base, message=str(error))
    hashes = tuple((name, _digest(text)) for name, text in files.items())
    made = functools.partial(
        attrs.evolve,
        base,
        source_format=source,
        lost=lost,
        files=hashes,
        sha256=_digest(json.dumps(hashes)),
        requirement_ids=renamed,
    )
    if job.target == job.source:
        if source == job.to:
            return made(action="in place", files=(), sha256="")
        why = f"in {job.to}'s folder but in {source}: give another DEST"
        return made(action="conflict", message=why, files=(), sha256="")
    if job.outside:
        why = f"{job.target_shown} would be written outside DEST, through a symbolic link; refusing"
        return made(action="conflict", message=why, files=(), sha256="")
    recorded = dict(job.recorded_files)
    new, replaced = [], []
    for name, text in files.items():
        target = job.target / name
        if holds(target, text):
            continue
        if os.path.lexists(target):
            shown = f"{job.target_shown}/{name}"
            try:
                current = target.read_bytes() if target.is_file() and not target.is_symlink() else None
            except OSError:
                current = None
            if current is None or recorded.get(shown) != hashlib.sha256(current).hexdigest():
                why = "changed since plancore wrote it" if shown in recorded else "not written by plancore"
                return made(action="conflict", message=f"{shown} exists, {why}; left as it is", files=(), sha256="")
            replaced.append(name)
        else:
            new.append(name)
    if not (new or replaced):
        return made(action="unchanged")
    if not job.dry_run:
        try:
            for name in (*new, *replaced):
                (job.target / name).parent.mkdir(parents=True, exist_ok=True)
                write_atomically(job.target / name, files[name], replace=name in replaced)
        except FileExistsError:
            why = f"{job.target_shown} changed while writing; left as it is"
            return made(action="conflict", message=why, files=(), sha256="")
        except OSError as error:
            why = f"{job.target_shown}: cannot write: {error.strerror or error}"
            return made(action="failed", message=why, files=(), sha256="")
    return made(action="updated" if replaced else "written")


def _migrate_one(job: _Job) -> MigratedPlan:
    """Convert ``job``'s plan and write it where it goes (in this process or a worker of the pool)."""

    files: tuple[str, ...] = ()
    if job.source_folder:
        found = (path for path in sorted(job.source.rglob("*")) if path.is_file() and not path.is_symlink())
        files = tuple(f"{job.source_shown}/{path.relative_to(job.source).as_posix()}" for path in found)
    base = MigratedPlan(job.source_shown, job.target_shown, "", job.feature, "failed", source_files=files)
    if job.target_folder:
        return _migrate_folder(job, base)
    try:
        if job.source_folder:
            plan = read_folder(job.source, job.source_folder)
            result = convert_plan(plan, job.to, source=job.source_folder)
            lost = _lost_by_file(plan, result.losses, job.source, job.source_folder, job.to)
        else:
            result = convert(read_plan_file(str(job.source)), job.to)
            lost = tuple(section.describe(job.to) for section in result.lost_sections())
    except UnknownFormatError:
        return attrs.evolve(base, action="not a plan")
    except PlanError as error:
        error.path = error.path or job.source_shown
        return attrs.evolve(base, message=str(error))
    converted = attrs.evolve(base, source_format=result.source, lost=lost, sha256=_digest(result.text))
    made = functools.partial(attrs.evolve, converted)
    if job.target == job.source:
        if result.source == job.to:
            return made(action="in place")
        return made(
            action="conflict", message=f"in {job.to}'s folder but in {result.source}: give another DEST", sha256=""
        )
    if job.outside:
        why = f"{job.target_shown} would be written outside DEST, through a symbolic link; refusing"
        return made(action="conflict", message=why, sha256="")
    if holds(job.target, result.text):
        return made(action="unchanged")
    replace = False
    if os.path.lexists(job.target):
        try:
            current = job.target.read_bytes() if job.target.is_file() and not job.target.is_symlink() else None
        except OSError:
            current = None
        if current is None or job.recorded is None or hashlib.sha256(current).hexdigest() != job.recorded:
            why = "changed since plancore wrote it" if job.recorded is not None else "not written by plancore"
            return made(action="conflict", message=f"{job.target_shown} exists, {why}; left as it is", sha256="")
        replace = True
    if not job.dry_run:
        try:
            job.target.parent.mkdir(parents=True, exist_ok=True)
            write_atomically(job.target, result.text, replace=replace)
        except FileExistsError:
            why = f"{job.target_shown} appeared while writing; left as it is"
            return made(action="conflict", message=why, sha256="")
        except OSError as error:
            why = f"{job.target_shown}: cannot write: {error.strerror or error}"
            return made(action="failed", message=why, sha256="")
    return made(action="updated" if replace else "written")


def migrate(
    src: str | os.PathLike[str],
    to: str,
    dest: str | os.PathLike[str] | None = None,
    *,
    dry_run: bool = False,
    allow_dirty: bool = False,
    jobs: int | None = None,
    progress: Callable[[int], None] | None = None,
) -> Migration:
    """Convert every plan in the repository (or folder) ``src`` into ``to``'s layout under ``dest``.

    Plans are found in each tool's layout (Spec Kit feature folders ``specs/*/``, read whole,
    ``.specpulse/plans/*/*.md``, ``.maestro/specs/*/plan.md``,
    ``plans/*/plan.md``; the folders ``.kiro/specs/*/`` and
    ``openspec/changes/*/``, archive/ not) and as loose Markdown files elsewhere (not in
    ``.git``, ``node_modules`` and the like); Markdown that is no plan is
    skipped and listed. Each plan goes where the target's tool keeps plans,
    its feature ID being its folder's name (a loose file's: its name); to
    ``kiro`` and ``openspec`` as a folder of theirs, to ``speckit-github`` a
    Kiro spec or OpenSpec change as a feature folder (``specs/ID/``). The
    plans are converted by ``jobs`` processes (default: one per core).

    Outputs are written only where nothing is, or over an output that an
    earlier migration wrote and that has not changed since (the map
    ``plancore-migration.json`` in ``dest`` records each with its hash); a
    source is never written over and nothing is deleted. Unless
    ``dry_run``, the map is written (when it changed).

    Args:
        src: the repository's (or a folder's) path.
        to: the target format's name, or a folder format's (``kiro``, ``openspec``).
        dest: where to write the target layout (default: ``src``).
        dry_run: find and convert, write nothing; ``Migration.dirty`` lists
            what a real run would refuse to start with.
        allow_dirty: start even when ``src`` has uncommitted changes.
        jobs: processes to convert with (``1``: in this one).
        progress: called with the number of plans found, then once per plan
            (with ``1``) as each is done.

    Returns:
        A ``Migration``: ``.plans`` (one ``MigratedPlan`` each: source,
        target, action, what the target cannot hold), ``.skipped``, ``.ok``.

    Raises:
        PlanError: ``src`` is no folder; ``src`` is inside a git working tree
            with uncommitted changes under it (not with ``allow_dirty`` or
            ``dry_run``); the map in ``dest`` cannot be read.
        FormatNotFoundError: ``to`` is no format's name.
        KeyboardInterrupt: Ctrl-C; every output written is whole (running again resumes).

    >>> import pathlib, tempfile, plancore
    >>> repo = pathlib.Path(tempfile.mkdtemp())
    >>> (repo / "specs" / "001-search").mkdir(parents=True)
    >>> plan = plancore.emit(plancore.Plan(summary="Add search."), "speckit-github")
    >>> _ = (repo / "specs" / "001-search" / "plan.md").write_text(plan)
    >>> result = plancore.migrate(repo, "maestro", jobs=1)
    >>> [(entry.source, entry.target, entry.action) for entry in result.plans]
    [('specs/001-search', '.maestro/specs/001-search/plan.md', 'written')]
    >>> [entry.action for entry in plancore.migrate(repo, "maestro", jobs=1).plans]
    ['unchanged']
    """
    from ._batch import cores, run_batch

    if to not in FOLDERS:
        get_format(to)
    layout = next((layout for layout in LAYOUTS if to in layout.formats), None)
    if layout is None:
        raise PlanError(f"plancore knows no folder where {to} plans are kept; it cannot migrate to it")
    root, out = Path(src), Path(dest) if dest is not None else Path(src)
    if not root.is_dir():
        raise PlanError("is not a folder", path=str(root))
    map_path = out / MAP_NAME
    recorded = _previous_map(map_path)
    own_outputs = {(out / name).resolve() for name in recorded}
    dirty = tuple(_uncommitted(root, own_outputs | {map_path.resolve()}))
    if dirty and not (allow_dirty or dry_run):
        shown = ", ".join(dirty[:3]) + (f" and {len(dirty) - 3} more" if len(dirty) > 3 else "")
        raise PlanError(
            f"has uncommitted changes ({shown}); commit or stash them first, or give --allow-dirty", path=str(root)
        )
    excluded = own_outputs | ({out.resolve()} if out.resolve() != root.resolve() else set())
    found: dict[Path, str] = {}
    folders: dict[Path, str] = {}
    for path, feature, folder_format in _layout_files(root):
        real = path.resolve()
        # A folder holding an earlier migration's output (specs/ID/plan.md) is that output, no plan to migrate.
        if real not in excluded and not (folder_format and any(real in output.parents for output in excluded)):
            found.setdefault(path, feature)
            folders[path] = folder_format
    for path, feature in _loose_files(root, excluded):
        if path.resolve() not in excluded:
            found.setdefault(path, feature)

    def relative(path: Path) -> str:
        return path.relative_to(root).as_posix()

    # A plan in the target tool's own folder keeps its place (under DEST); no other
    # output may land on it, nor on any file found here, plan or not.
    at_home = {path for path in found if any(_matches(relative(path), pattern) for pattern in layout.find)}
    taken = {path.resolve() for path in found} | {(out / relative(path)).resolve() for path in at_home}
    work = []
    for path, feature in sorted(found.items(), key=lambda item: relative(item[0])):
        number = 1
        source_folder = folders.get(path, "")
        # A plan kept as a folder goes to a Spec Kit feature folder whole (spec.md, tasks.md...).
        target_folder = layout.folder or ("speckit-github" if source_folder and to == "speckit-github" else "")
        where = layout.path if layout.folder or not target_folder else layout.path.rsplit("/", 1)[0]
        if path in at_home:
            target_shown = relative(path)
        else:
            # Two plans of one feature (a SpecPulse feature's second plan, two loose files of
            # one name), or a file in the way: the later gets an ID of its own.
            target_shown = where.format(feature=feature)
            while (out / target_shown).resolve() in taken:
                number += 1
                target_shown = where.format(feature=f"{feature}-{number}")
            taken.add((out / target_shown).resolve())
        target = out / target_shown
        folder = target.parent
        while not os.path.lexists(folder) and folder != out and folder != folder.parent:
            folder = folder.parent
        real_out = out.resolve()
        outside = real_out != folder.resolve() and real_out not in folder.resolve().parents
        work.append(
            _Job(
                source=path,
                source_shown=relative(path),
                target=path if target.resolve() == path.resolve() else target,
                target_shown=target_shown,
                feature=feature if number == 1 else f"{feature}-{number}",
                recorded=recorded.get(target_shown),
                dry_run=dry_run,
                to=to,
                outside=outside,
                source_folder=source_folder,
                target_folder=target_folder,
                recorded_files=tuple(
                    (name, sha) for name, sha in recorded.items() if name.startswith(target_shown + "/")
                ),
            )
        )
    plans: list[MigratedPlan] = []
    skipped: list[str] = []

    def collect(entry: MigratedPlan) -> None:
        if entry.action == "not a plan":
            skipped.append(entry.source)
        else:
            plans.append(entry)
        if progress is not None:
            progress(1)

    if progress is not None:
        progress(len(work))
    run_batch(_migrate_one, work, collect, jobs=jobs or cores())
    migration = Migration(str(src), str(out), to, dry_run, tuple(plans), tuple(skipped), dirty if dry_run else ())
    if not dry_run:
        _write_map(map_path, migration)
    return migration


def _write_map(path: Path, migration: Migration) -> None:
    """Write the ID and path map of ``migration`` to ``path``, unless it holds exactly that already."""
    kept = [plan for plan in migration.plans if plan.action in ("written", "updated", "unchanged", "in place")]
    document = {
        "plancore_migration": _MAP_VERSION,
        "target": migration.target,
        "ids": {_source_id(plan): plan.feature for plan in kept},
        "paths": {plan.source: plan.target for plan in kept},
        "plans": [
            {
                "source": plan.source,
                "source_format": plan.source_format,
                "target": plan.target,
                "feature": plan.feature,
                "sha256": plan.sha256,
                **({"source_files": list(plan.source_files)} if plan.source_files else {}),
                **({"files": dict(plan.files)} if plan.files else {}),
                **(
                    {"requirement_ids": {old: new for new, old in plan.requirement_ids}} if plan.requirement_ids else {}
                ),
            }
            for plan in kept
        ],
    }
    text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    if not holds(path, text):
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, text)


def _source_id(plan: MigratedPlan) -> str:
    """The feature ID a plan had where it was: its folder in a tool's layout, else its path."""
    parts = plan.source.split("/")
    layout = next((layout for layout in LAYOUTS if any(_matches(plan.source, p) for p in layout.find)), None)
    if layout is None:
        return plan.source
    return parts[-1] if layout.source_folder else parts[-2]
