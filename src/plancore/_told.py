"""Warnings for people about what a folder written from a plan has no place for.

A folder's writer converts each of its files from a part of the plan: the paths of its losses are
those parts' (``extra_sections[2]`` of requirements.md's and of design.md's are two sections), which
the report and ``FeatureWrite.losses`` keep for tools. A person is told, per loss, the source file it
was read from (for a folder, the file inside it), the section heading or item there as the source has
it (``section "User Scenarios & Testing"``, ``requirement 1 "Roll dice"``, ``task T012``), and what
happened: kept in the appendix of which file written, or the writer's own reason.
"""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Sequence

from ._appendix import LostSection, describe_losses, lost_sections
from ._convert import part_format
from ._crosswalk import requirement_name
from ._fields import leaves
from ._folder import FOLDERS
from ._loss import Loss
from ._markdown import outline
from ._model import Plan, Source

__all__ = ["TOLD_PER_REASON", "folder_warnings"]

# Losses with a reason of their own (what ``openspec validate`` wants) told item by item, per reason:
# a few show what it is; the rest are counted and named shortly (a Kiro folder's every task link may be one).
TOLD_PER_REASON = 3

_INDEX = re.compile(r"\[\d+\]")
_NAMED = re.compile(r"\([^()]*\)")
_ITEM = re.compile(r"^(?P<field>\w+)\[(?P<index>\d+)\](?:\.tasks\[(?P<task>\d+)\])?")
# The reasons of a conversion's losses (``_convert._losses``): the value is carried in the file's appendix.
# A reason naming a file (a feature folder's ``spec.md has no place for it``) is a part's that has no appendix.
_CARRIED = re.compile(
    r"^(?P<format>\S+(?<!\.md)) (?:has no place for it|could not keep it in place|cannot hold this value)"
)


def _files(kind: str, names: Sequence[str], fmt: str) -> list[str]:
    """The files among ``names`` that a folder of format ``kind`` writes or reads in part format ``fmt``
    (a pattern, ``specs/*/spec.md``, when none of ``names`` matches)."""
    folder = FOLDERS.get(kind)
    globs = [glob for glob, formats in (folder.parts if folder else ()) if fmt in formats]
    found = [name for glob in globs for name in names if fnmatch.fnmatchcase(name, glob)]
    return found or globs[:1]


def _output_file(loss: Loss, target: str, written: Sequence[str]) -> str:
    """The file of the folder written (format ``target``) that ``loss`` is about."""
    carried = _CARRIED.match(loss.reason)
    folder = FOLDERS.get(target)
    if carried is not None:
        fmt = carried.group("format")
    else:
        # A reason of the writer's own: the file whose format holds the field.
        top = _INDEX.sub("", loss.path).split(".")[0]
        fmt = next(
            (
                name
                for _, names in (folder.parts if folder else ())
                for name in names
                if (found := part_format(name)) is not None and any(h.split(".")[0] == top for h in found.holds)
            ),
            "",
        )
    files = _files(target, written, fmt)
    if len(files) > 1:
        # Several files of the part's format (an OpenSpec change's specs): named by their pattern.
        files = _files(target, (), fmt)
    return files[0] if files else ""


def _source_parts(plan: Plan, shown: str) -> list[tuple[str, Source]]:
    """Each part of the source plan with the file it was read from, as shown to a person: for a folder,
    the file inside it; for a file, ``shown``."""
    source = plan.source
    if not isinstance(source, Source):
        return []
    if not source.parts:
        return [(shown, source)]
    kind = source.format.removesuffix(" folder")
    names = [file.label for file in source.files]
    seen: dict[str, int] = {}
    parts = []
    for part in source.parts:
        # Parts of one format (an OpenSpec change's specs) are its files in reading order.
        files = _files(kind, names, part.format)
        at = seen.get(part.format, 0)
        seen[part.format] = at + 1
        name = files[at] if at < len(files) else (files[0] if files else part.format)
        parts.append((f"{shown.rstrip('/')}/{name}", part))
    return parts


def _item(plan: Plan, path: str) -> str:
    """The item ``path`` of ``plan`` is in, as its source names it (``requirement 1 "Roll dice"``,
    ``task T012``, ``phase "Setup"``); ``""`` for a field of no item."""
    match = _ITEM.match(path)
    if match is None:
        return ""
    field, index = match.group("field"), int(match.group("index"))
    if field == "requirements" and index < len(plan.requirements):
        requirement = plan.requirements[index]
        name = requirement_name(requirement)
        number = requirement.id or str(index + 1)
        return f'requirement {number} "{name}"' if name else f"requirement {number}"
    if field == "phases" and index < len(plan.phases):
        phase = plan.phases[index]
        task = match.group("task")
        if task is not None and int(task) < len(phase.tasks):
            found = phase.tasks[int(task)]
            return f"task {found.id}" if found.id else f'task "{found.text.split(chr(10))[0][:60]}"'
        return f'phase "{phase.name}"' if phase.name else f"phase {phase.number or index + 1}"
    return ""


def _value_key(value: object) -> object:
    return value if isinstance(value, (str, bool, int)) else repr(value)


class _Finder:
    """Where a loss of a folder written from ``plan`` stands in the source: the part (file) and the
    path in that part's plan, found by its value (a part's paths are not the folder's)."""

    def __init__(self, plan: Plan, parts: list[tuple[str, Source]], shown: str) -> None:
        self.flat = dict(leaves(plan))
        self.values: list[dict[tuple[str, object], str]] = []
        self.paths: list[dict[str, object]] = []
        # A folder's files, as shown (``shown`` is the folder); a file's plan has none.
        files = plan.source.files if isinstance(plan.source, Source) else ()
        self.files = [(f"{shown.rstrip('/')}/{file.label}", file.value) for file in files]
        for _, part in parts:
            index: dict[tuple[str, object], str] = {}
            found = list(leaves(part.plan))
            self.paths.append({path: _value_key(value) for path, value in found})
            for path, value in found:
                index.setdefault((_INDEX.sub("", path), _value_key(value)), path)
            for at, section in enumerate(part.plan.extra_sections):
                index.setdefault(("extra_sections", section.body), f"extra_sections[{at}]")
            self.values.append(index)

    def find(self, loss: Loss) -> tuple[int, str] | None:
        bare = "extra_sections" if loss.path.startswith("extra_sections[") else _INDEX.sub("", loss.path)
        key = (bare, _value_key(loss.value))
        # Its own path in a part, holding its value: a field only one file reads (a tasks.md's check marks).
        for at, index in enumerate(self.values):
            if index.get(key) == loss.path or (bare != "extra_sections" and self.paths[at].get(loss.path) == key[1]):
                return at, loss.path
        if isinstance(loss.value, str) and loss.value:
            for at, index in enumerate(self.values):
                if key in index:
                    return at, index[key]
        # A mark or an empty field (a requirement's missing statement): the part holding its item's first text.
        item = loss.path[: loss.path.rfind("]") + 1]
        first = next(
            (
                (path, value)
                for path, value in self.flat.items()
                if item and path.startswith(item + ".") and isinstance(value, str) and value
            ),
            None,
        )
        if first is None:
            return None
        key = (_INDEX.sub("", first[0]), _value_key(first[1]))
        for at, index in enumerate(self.values):
            if key in index:
                theirs = index[key]
                return at, theirs[: theirs.rfind("]") + 1] + loss.path[len(item) :]
        return None

    def in_files(self, loss: Loss) -> tuple[str, str] | None:
        """The file of the source folder (a file read into the plan whole: research.md) whose text shows
        ``loss``'s value, and the heading of the outermost section of level 2 or deeper it stands in."""
        needle = next((line.strip() for line in str(loss.value).split("\n") if line.strip()), "")
        if not isinstance(loss.value, str) or not needle:
            return None
        for name, text in self.files:
            at = text.find(needle)
            if at < 0:
                continue
            doc = outline(text)
            tops = [node for root in doc.roots for node in ([root] if root.level > 1 else root.children)]
            return name, next((node.title for node in tops if node.start <= at < node.end), "")
        return None


def folder_warnings(
    plan: Plan, losses: Sequence[Loss], *, shown: str, target: str, written: Sequence[str]
) -> list[str]:
    """The warning lines (without ``plancore: warning:``) for ``losses``, the ``FeatureWrite.losses`` of
    ``plan`` (read from ``shown``, a file or a folder) written as a folder of format ``target``
    (``written``: its files written, ``/``-separated): first each loss with a reason of its own, by its
    item (``TOLD_PER_REASON`` per reason, then one line counting and naming the rest), then one line per
    source section with fields carried into an appendix, and one summing those up.

    >>> from plancore import Plan, Requirement
    >>> plan = Plan(requirements=(Requirement(id="1", title="Roll dice"),))
    >>> loss = Loss(path="requirements[0].text", reason="openspec validate wants a statement", value="")
    >>> folder_warnings(plan, [loss], shown="game", target="openspec", written=["specs/game/spec.md"])
    ['game: requirement 1 "Roll dice": openspec validate wants a statement (specs/game/spec.md)']
    """
    parts = _source_parts(plan, shown)
    finder = _Finder(plan, parts, shown)
    own: dict[str, list[tuple[str, str, str]]] = {}
    carried: dict[tuple[int, str], list[tuple[Loss, Loss]]] = {}
    unplaced: list[tuple[str, Loss]] = []
    in_file: dict[tuple[str, str, str], list[Loss]] = {}
    for loss in losses:
        if not loss.carried:
            continue
        found = finder.find(loss)
        out = _output_file(loss, target, written)
        if _CARRIED.match(loss.reason) is None:
            file = parts[found[0]][0] if found else shown
            theirs = parts[found[0]][1].plan if found else plan
            item = _item(theirs, found[1] if found else loss.path) or _item(plan, loss.path)
            # One kind of reason, whatever its parentheses name (a task's stories and criteria).
            kind = _NAMED.sub("", loss.reason)
            told = f"{loss.reason} ({out})" if out and out not in loss.reason else loss.reason
            own.setdefault(kind, []).append((file, item, told))
        elif found is None:
            if (shown_in := finder.in_files(loss)) is not None:
                in_file.setdefault((*shown_in, out), []).append(loss)
            else:
                unplaced.append((out, loss))
        else:
            carried.setdefault((found[0], out), []).append(
                (Loss(path=found[1], reason=loss.reason, value=loss.value), loss)
            )
    lines = []
    for items in own.values():
        unique = list(dict.fromkeys(items))
        lines += [
            f"{file}: {item}: {told}" if item else f"{file}: {told}" for file, item, told in unique[:TOLD_PER_REASON]
        ]
        if rest := unique[TOLD_PER_REASON:]:
            # Each by its number or ID alone (``requirement 4``), or its file for a loss of no item; after its
            # file when they are in several (an OpenSpec change's specs number their requirements each).
            several = len({file for file, _, _ in unique}) > 1
            folder = shown.rstrip("/") + "/"
            short = [(file.removeprefix(folder), item.split(' "')[0]) for file, item, _ in rest[:6]]
            names = ", ".join(f"{file} {item}" if several and item else item or file for file, item in short)
            more = f", and {len(rest) - 6} more" if len(rest) > 6 else ""
            lines.append(f"{shown}: and {len(rest)} more like those: {names}{more} (--report lists them by field)")
    sections: list[LostSection] = []
    for (at, out), pairs in carried.items():
        file, part = parts[at]
        fmt = part_format(part.format)
        originals = {id(mine): original for mine, original in pairs}
        for section in lost_sections(part.plan, [mine for mine, _ in pairs], fmt):
            kept = tuple(originals[id(mine)] for mine in section.losses)
            sections.append(LostSection(heading=section.heading, losses=kept))
            lines.append(f"{file}: {_told(sections[-1], target, out)}")
    for (file, heading, out), group in in_file.items():
        sections.append(LostSection(heading=heading, losses=tuple(group)))
        lines.append(f"{file}: {_told(sections[-1], target, out)}")
    by_file: dict[str, list[Loss]] = {}
    for out, loss in unplaced:
        by_file.setdefault(out, []).append(loss)
    for out, group in by_file.items():
        sections.append(LostSection(heading="", losses=tuple(group)))
        lines.append(f"{shown}: {_told(sections[-1], target, out)}")
    if sections:
        lines.append(f"{shown}: {describe_losses(sections)} (--report lists them by field; -q silences these lines)")
    return lines


def _told(section: LostSection, target: str, out: str) -> str:
    """``section`` described for a person, kept in the appendix of ``out`` (a folder's file; ``""``: the
    output's). Outside every section of its file, a part other than the plan's metadata (a Kiro tasks.md's
    checklist) is told by its file alone."""
    told = section.describe(target, f"the appendix of {out}" if out else "the appendix")
    if not section.heading and not all(
        loss.path.startswith(("metadata.", "extra_sections[")) for loss in section.losses
    ):
        return told.removeprefix("the plan's metadata: ")
    return told
