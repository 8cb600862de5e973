"""The ``plancore`` command line."""

from __future__ import annotations

import argparse
import contextlib
import difflib
import errno
import fnmatch
import json
import os
import re
import secrets
import shutil
import stat
import sys
import unicodedata
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

import attrs

from ._appendix import describe_losses
from ._check import Finding, check
from ._convert import Conversion, convert, convert_plan, detect, parse
from ._errors import LossError, ParseError, PlanError, UnknownFormatError, line_at
from ._info import __version__
from ._json import from_json, json_schema, to_json
from ._markdown import display_width
from ._registry import FORMATS, get_format

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: stale temporaries are reported, not removed
    fcntl = None  # type: ignore[assignment]

__all__ = ["EXIT_CODES", "main", "read_plan_file", "write_atomically"]

EXIT_OK, EXIT_BAD_INPUT, EXIT_USAGE, EXIT_LOSSES, EXIT_INTERRUPTED = 0, 1, 2, 3, 130
# The meaning of each exit status, the same for a file and a folder (README's table says more).
EXIT_CODES = {
    EXIT_OK: "ok",
    EXIT_BAD_INPUT: "bad input",
    EXIT_USAGE: "usage",
    EXIT_LOSSES: "losses under --strict",
    EXIT_INTERRUPTED: "interrupted",
}


_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def read_plan_file(name: str) -> str:
    """The text of plan file ``name`` (``-``: standard input), as strict UTF-8."""
    try:
        data = sys.stdin.buffer.read() if name == "-" else Path(name).read_bytes()
    except FileNotFoundError:
        raise PlanError("no such file", path=name) from None
    except IsADirectoryError:
        raise PlanError("is a directory, not a plan file", path=name) from None
    except OSError as error:
        raise PlanError(f"cannot read: {error.strerror or error}", path=name) from None
    shown = "<stdin>" if name == "-" else name
    # The first fault is the one named: a NUL byte, or bytes that are not UTF-8.
    nul = data.find(b"\x00")
    try:
        text = data[: nul if nul >= 0 else len(data)].decode("utf-8")
    except UnicodeDecodeError as error:
        hint = " (it is UTF-16: save it as UTF-8)" if data.startswith(_UTF16_BOMS) else ""
        raise ParseError(
            f"not valid UTF-8 at byte offset {error.start}{hint}", path=shown, line=line_at(data, error.start)
        ) from None
    if nul >= 0:
        raise ParseError(
            f"a NUL byte at byte offset {nul}: a binary file, not a plan", path=shown, line=line_at(data, nul)
        )
    if not text.strip("\ufeff \t\r\n"):
        raise ParseError("the file is empty", path=shown, line=1)
    return text


_O_BINARY: int = getattr(os, "O_BINARY", 0)
# A temporary is named ``.NAME.<8 hex digits>.tmp`` beside its target.
_TEMPORARY = re.compile(r"\.(.*)\.[0-9a-f]{8}\.tmp")


def _temporary_beside(path: Path) -> tuple[Path, int]:
    """A new, empty file in ``path``'s folder (named after it, hidden) and its descriptor.

    It is created with mode 0o666 less the umask, as ``open`` would create
    ``path``, and locked while its writer lives, so that a later run tells it
    from one left by a run that was killed.
    """
    # A short stem keeps the name within file-name length limits.
    stem = path.name[:40]
    while True:
        temporary = path.with_name(f".{stem}.{secrets.token_hex(4)}.tmp")
        try:
            descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _O_BINARY, 0o666)
        except FileExistsError:
            continue
        if fcntl is not None:
            fcntl.flock(descriptor, fcntl.LOCK_EX)
            # Another run may have swept the file between its creation and the
            # lock (it was not locked yet, so it looked stale): take a new one.
            if not _names(temporary, descriptor):
                os.close(descriptor)
                continue
        return temporary, descriptor


def _names(path: Path, descriptor: int) -> bool:
    """Whether ``path`` still names the file open as ``descriptor``."""
    try:
        named, held = os.stat(path), os.fstat(descriptor)
    except OSError:
        return False
    return (named.st_dev, named.st_ino) == (held.st_dev, held.st_ino)


def _stale_temporaries(path: Path) -> list[Path]:
    """The temporaries of ``path`` in its folder (``.NAME.<hex>.tmp``), live or stale."""
    try:
        names = os.listdir(path.parent)
    except OSError:
        return []
    stem = path.name[:40]
    return sorted(
        path.with_name(name)
        for name in names
        if (match := _TEMPORARY.fullmatch(name)) is not None and match.group(1) == stem
    )


def _sweep_temporaries(path: Path) -> tuple[list[Path], list[Path]]:
    """Remove the temporaries of ``path`` left by runs that were killed mid-write.

    Returns ``(removed, left)``: a temporary whose writer still holds its lock
    is another run's, and stays; where files cannot be locked (Windows) none is
    removed and each is returned in ``left``, for the caller to report.
    """
    removed: list[Path] = []
    left: list[Path] = []
    for temporary in _stale_temporaries(path):
        if fcntl is None:
            left.append(temporary)
            continue
        try:
            descriptor = os.open(temporary, os.O_RDONLY | _O_BINARY)
        except OSError:
            continue
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            continue  # a live run's
        else:
            with contextlib.suppress(FileNotFoundError):
                temporary.unlink()
                removed.append(temporary)
        finally:
            os.close(descriptor)
    return removed, left


# Errors of ``os.link`` on a file system without hard links.
_NO_HARD_LINKS = frozenset({errno.EPERM, errno.EOPNOTSUPP, errno.ENOTSUP, errno.ENOSYS, errno.EXDEV})


def _publish_new(temporary: Path, path: Path) -> None:
    """Give ``temporary`` the name ``path`` unless ``path`` exists (``FileExistsError``).

    A hard link fails if the name is taken, at the moment of publishing: of two
    runs writing one new file, the later fails instead of replacing the other's.
    """
    try:
        os.link(temporary, path)
    except FileExistsError:
        raise
    except OSError as error:
        if error.errno not in _NO_HARD_LINKS:
            raise
        # No hard links here: the check and the rename are two steps.
        if os.path.lexists(path):
            raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), str(path)) from None
        os.replace(temporary, path)
        return
    temporary.unlink()


def write_atomically(path: Path, text: str, *, replace: bool = True) -> None:
    """Write ``text`` (as UTF-8) to ``path`` through a temporary file in its folder.

    A crash leaves either the old file or the new one, never half of one. With
    ``replace``, the temporary is renamed over ``path`` and a file replaced
    keeps its permissions; without, ``path`` must not exist when the file is
    published (``FileExistsError`` else, even if another process created it
    while this one was writing).
    """
    data = text.encode("utf-8")
    temporary, descriptor = _temporary_beside(path)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(descriptor, view) :]
        os.fsync(descriptor)
        if fcntl is None:
            # Windows renames and removes no open file, and there is no lock to keep.
            os.close(descriptor)
            descriptor = -1
        if replace:
            with contextlib.suppress(FileNotFoundError):
                os.chmod(temporary, stat.S_IMODE(os.stat(path).st_mode))
            os.replace(temporary, path)
        else:
            _publish_new(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    finally:
        # The lock goes with the descriptor, once the temporary is published or gone.
        if descriptor >= 0:
            os.close(descriptor)
    _sync_folder(path.parent)


def _sync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable, where the system allows it."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


def _holds(path: Path, text: str) -> bool:
    """Whether ``path`` is a regular file (not a link) holding exactly ``text`` as UTF-8."""
    try:
        return not path.is_symlink() and path.is_file() and path.read_bytes() == text.encode("utf-8")
    except OSError:
        return False


def _exists(path: Path) -> bool:
    return path.exists() or path.is_symlink()


def _publish(path: Path, text: str, *, force: bool) -> bool:
    """Write ``text`` to ``path``; ``False`` when, without ``force``, it already held exactly that.

    Without ``force`` a different existing file is refused (``PlanError``
    "already exists"). Temporaries of ``path`` left by killed runs are removed
    first, and any that cannot be are reported.
    """
    removed, left = _sweep_temporaries(path)
    for temporary in removed:
        _warning(f"{temporary}: removed, left by an interrupted run")
    for temporary in left:
        _warning(f"{temporary}: left by an interrupted run? remove it if no plancore is running")
    if not force and _holds(path, text):
        return False
    refused = PlanError("already exists (use --force to overwrite)", path=str(path))
    if not force and _exists(path):
        raise refused
    try:
        write_atomically(path, text, replace=force)
    except FileExistsError:
        if _holds(path, text):
            return False
        raise refused from None
    except IsADirectoryError:
        raise PlanError("is a folder, not a file", path=str(path)) from None
    except OSError as error:
        raise PlanError(f"cannot write: {error.strerror or error}", path=str(path)) from None
    return True


class _Parser(argparse.ArgumentParser):
    """argparse that names an unknown flag, with the closest known one, in the
    usage of the command it was given to.

    Plain argparse reports a missing required flag first (``--too speckit``
    gives "required: --to") and a subcommand's unknown flag with the top-level
    usage. Flags are not abbreviated: ``--rep`` is no ``--report``.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("allow_abbrev", False)
        kwargs.setdefault("formatter_class", argparse.RawDescriptionHelpFormatter)
        super().__init__(*args, **kwargs)
        self._has_commands = False

    def add_subparsers(self, **kwargs: Any) -> Any:
        self._has_commands = True
        return super().add_subparsers(**kwargs)

    def parse_known_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> tuple[argparse.Namespace, list[str]]:
        tokens = list(sys.argv[1:] if args is None else args)
        unknown = self._unknown_flag(tokens)
        if unknown is not None:
            known = [flag for flag in self._option_string_actions if flag.startswith("--")]
            close = difflib.get_close_matches(unknown, known, n=1, cutoff=0.6)
            hint = f" (did you mean {close[0]}?)" if close else ""
            self.error(f"unrecognized argument: {unknown}{hint}")
        parsed, extras = super().parse_known_args(tokens, namespace)
        if extras and not self._has_commands:
            self.error(f"unrecognized arguments: {' '.join(extras)}")
        return parsed, extras

    def _unknown_flag(self, tokens: list[str]) -> str | None:
        """The first flag in ``tokens`` that this parser does not know.

        The values of flags are no flags, nothing after ``--`` is one, and a
        parser with commands looks no further than the command's name.
        """
        actions = self._option_string_actions
        value_next = False
        for token in tokens:
            if value_next:
                value_next = False
                continue
            if token == "--":
                return None
            if token == "-" or not token.startswith("-"):
                if self._has_commands:
                    return None
                continue
            flag = token.split("=", 1)[0] if token.startswith("--") else token
            if flag in actions:
                value_next = actions[flag].nargs != 0 and "=" not in token
            elif not token.startswith("--") and token[:2] in actions:
                continue  # a short flag with its value attached: -tspeckit
            else:
                return flag
        return None


class _ListFormats(argparse.Action):
    """``--list-formats``: print the format names, one a line (as pandoc's ``--list-input-formats``)."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: Any) -> None:
        super().__init__(option_strings, dest=argparse.SUPPRESS, default=argparse.SUPPRESS, nargs=0, **kwargs)

    def __call__(self, parser: argparse.ArgumentParser, *_: object) -> None:
        _write_stdout("".join(f"{name}\n" for name in FORMATS))
        parser.exit()


def _epilog() -> str:
    statuses = ", ".join(f"{code} {meaning}" for code, meaning in EXIT_CODES.items())
    return f"formats: {', '.join(FORMATS)} ('plancore formats' describes them)\nexit status: {statuses}"


def _folder_options(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--include",
        action="append",
        metavar="GLOB",
        help="in a folder, take the files whose path under it or name matches GLOB (default: *.md); repeatable",
    )
    command.add_argument(
        "--exclude", action="append", metavar="GLOB", help="in a folder, leave out the files matching GLOB; repeatable"
    )


def _parser() -> argparse.ArgumentParser:
    names = ", ".join(FORMATS)
    parser = _Parser(
        prog="plancore",
        description="Convert implementation plans between spec-driven development formats.",
        epilog=_epilog(),
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--list-formats", action=_ListFormats, help="print the format names, one a line, and exit")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    convert_cmd = commands.add_parser(
        "convert", help="convert a plan (or a folder of plans) to another format", epilog=_epilog()
    )
    convert_cmd.add_argument(
        "input", metavar="INPUT", help="plan file, - for standard input, or a folder (with -o OUTDIR)"
    )
    # "json" is the plan as data (plancore.to_json), no plan format.
    convert_cmd.add_argument(
        "-t",
        "--to",
        required=True,
        choices=[*FORMATS, "json"],
        metavar="FORMAT",
        help=f"target format: {names}, or json",
    )
    convert_cmd.add_argument(
        "-f",
        "--from",
        dest="source",
        choices=[*FORMATS, "json"],
        metavar="FORMAT",
        help="source format, or json (default: detected)",
    )
    convert_cmd.add_argument(
        "--keep-source", action="store_true", help="with --to json: carry the plan's text, to write it back as it was"
    )
    convert_cmd.add_argument(
        "-o",
        "--output",
        metavar="OUTPUT",
        help="output file, or a folder to write INPUT's name in when it ends with / (default: standard output); "
        "OUTDIR when INPUT is a folder",
    )
    convert_cmd.add_argument("--strict", action="store_true", help="fail (exit 3) instead of carrying fields over")
    convert_cmd.add_argument(
        "--drop-unfilled", action="store_true", help="leave out target sections the plan has nothing for"
    )
    convert_cmd.add_argument("--force", action="store_true", help="overwrite an existing OUTPUT")
    convert_cmd.add_argument("--in-place", action="store_true", help="replace INPUT with its conversion")
    convert_cmd.add_argument(
        "-q", "--quiet", action="store_true", help="no warnings for the sections carried into the appendix"
    )
    convert_cmd.add_argument(
        "--report",
        action="store_true",
        help="print, per field, where its content went (standard output when the conversion goes to a file, "
        "else standard error)",
    )
    convert_cmd.add_argument(
        "--report-format", choices=["text", "json"], help="the report as text (default) or JSON; implies --report"
    )
    _folder_options(convert_cmd)

    detect_cmd = commands.add_parser(
        "detect", help="print the format of each plan file (of each Markdown file in a folder)", epilog=_epilog()
    )
    detect_cmd.add_argument("files", nargs="+", metavar="FILE", help="plan file, - for standard input, or a folder")
    _folder_options(detect_cmd)

    commands.add_parser("formats", help=f"describe the supported formats ({names})")

    new_cmd = commands.add_parser("new", help="print the blank template of a format")
    new_cmd.add_argument("format", choices=list(FORMATS), metavar="FORMAT", help=names)

    commands.add_parser("schema", help="print the JSON Schema of the plans convert --to json writes")

    check_cmd = commands.add_parser("check", help="report what is wrong in plan files (exit 1 on findings)")
    check_cmd.add_argument("paths", nargs="+", metavar="PATH", help="plan file or folder (its *.md files)")
    check_cmd.add_argument(
        "--format", choices=list(FORMATS), metavar="FORMAT", help="the plans' format (default: detect)"
    )
    check_cmd.add_argument("--json", action="store_true", help="the findings as JSON")
    return parser


# Characters that would break an error's one line or drive the terminal: control
# and format characters, line separators, and the surrogates that stand for
# undecodable bytes in file names.
_UNSHOWABLE = frozenset(["Cc", "Cf", "Cs", "Zl", "Zp"])


def _shown(text: object) -> str:
    """``text`` with every character that is not safe to print written as an escape."""
    value = str(text)
    if value.isprintable():
        return value
    return "".join(
        char.encode("unicode_escape", "backslashreplace").decode("ascii")
        if char != " " and unicodedata.category(char) in _UNSHOWABLE
        else char
        for char in value
    )


def _error(message: object) -> None:
    print(f"plancore: error: {_shown(message)}", file=sys.stderr)


def _warning(message: object) -> None:
    print(f"plancore: warning: {_shown(message)}", file=sys.stderr)


def _note(message: object) -> None:
    print(f"plancore: {_shown(message)}", file=sys.stderr)


def _convert(args: argparse.Namespace) -> int:
    json_io = "json" in (args.to, args.source)
    if args.keep_source and args.to != "json":
        _error("--keep-source goes with --to json")
        return EXIT_USAGE
    if json_io and (_wants_report(args) or (args.input != "-" and Path(args.input).is_dir())):
        _error("json converts one file, with no --report")
        return EXIT_USAGE
    if args.input != "-" and Path(args.input).is_dir():
        return _convert_tree(args)
    if args.in_place:
        if args.input == "-" or args.output:
            _error("--in-place takes one INPUT file and no -o")
            return EXIT_USAGE
        # Where the input stands: through a symbolic link, the file it names.
        args.output, args.force = str(Path(args.input).resolve()), True
    output = Path(args.output) if args.output else None
    if output is not None and not args.in_place:
        if args.output.endswith(("/", os.sep)):
            # A trailing slash names a folder: the output takes the input's name in it.
            if args.input == "-":
                _error(f"{args.output}: names a folder, and standard input has no name to give the output")
                return EXIT_USAGE
            _make_folder(output)
            output = output / Path(args.input).name
        if args.input != "-" and _same_file(output, Path(args.input)):
            _error(f"{output}: is the input file; refusing to overwrite it (use --in-place)")
            return EXIT_BAD_INPUT
        if args.input == "-" and _is_standard_input(output):
            _error(f"{output}: is the file standard input reads; refusing to overwrite it")
            return EXIT_BAD_INPUT
        if output.is_dir():
            _error(f"{output}: is a folder; give a file name for the output")
            return EXIT_BAD_INPUT
    text = read_plan_file(args.input)
    shown = "<stdin>" if args.input == "-" else args.input
    try:
        unfilled = "drop" if args.drop_unfilled else "keep"
        result = (
            _json_conversion(text, args)
            if json_io
            else convert(text, args.to, source=args.source, strict=args.strict, unfilled=unfilled)
        )
    except LossError as error:
        _error(f"{shown}: {error}")
        return EXIT_LOSSES
    except PlanError as error:
        error.path = error.path or shown
        raise
    if not _wants_report(args) and not args.quiet:
        lost = result.lost_sections()
        for section in lost:
            _warning(f"{shown}: {section.describe(result.target)}")
        if lost:
            _warning(f"{shown}: {describe_losses(lost)} (--report lists them by field; -q silences these lines)")
    if output is None:
        _write_stdout(result.text)
    elif not _publish(output, result.text, force=args.force):
        _note(f"{output}: up to date")
    if _wants_report(args):
        rendered = _report_text([(shown, result)], args.report_format or "text")
        if output is None:
            sys.stderr.write(rendered)
        else:
            _write_stdout(rendered)
    return EXIT_OK


def _json_conversion(text: str, args: argparse.Namespace) -> Conversion:
    """The conversion of ``text`` from or to JSON (``plancore.to_json``)."""
    plan = from_json(text) if args.source == "json" else parse(text, args.source)
    if args.to != "json":
        return convert_plan(
            plan, args.to, source="json", strict=args.strict, unfilled="drop" if args.drop_unfilled else "keep"
        )
    source = "json" if args.source == "json" else getattr(plan.source, "format", "")
    return Conversion(
        text=to_json(plan, keep_source=args.keep_source), plan=plan, source=source, target="json", losses=()
    )


def _make_folder(folder: Path) -> None:
    """Make ``folder`` (not its parents) unless it is one already."""
    try:
        folder.mkdir(exist_ok=True)
    except FileExistsError:
        raise PlanError("is a file, not a folder", path=str(folder)) from None
    except FileNotFoundError:
        raise PlanError("no such folder to make it in", path=str(folder)) from None
    except OSError as error:
        raise PlanError(f"cannot make the folder: {error.strerror or error}", path=str(folder)) from None


def _is_standard_input(path: Path) -> bool:
    """Whether ``path`` is the file standard input is redirected from (``< plan.md``)."""
    try:
        given, target = os.fstat(sys.stdin.fileno()), os.stat(path)
    except (OSError, ValueError, AttributeError):
        return False
    return stat.S_ISREG(given.st_mode) and (given.st_dev, given.st_ino) == (target.st_dev, target.st_ino)


def _wants_report(args: argparse.Namespace) -> bool:
    return bool(args.report or args.report_format is not None)


def _report_document(result: Conversion, shown: str) -> dict[str, object]:
    return {
        "input": shown,
        "source": result.source,
        "target": result.target,
        "fields": [entry.as_dict() for entry in result.report()],
        "losses": [{"path": loss.path, "reason": loss.reason} for loss in result.losses],
    }


def _report_text(results: Sequence[tuple[str, Conversion]], style: str) -> str:
    """The reports of ``results`` (shown input name, conversion) as text or JSON."""
    if style == "json":
        documents = [_report_document(result, shown) for shown, result in results]
        return json.dumps(documents[0] if len(documents) == 1 else documents, ensure_ascii=False, indent=2) + "\n"
    lines = []
    for shown, result in results:
        entries = result.report()
        width = max((len(entry.path) for entry in entries), default=0)
        lines.append(f"{_shown(shown)}: {result.source} -> {result.target}")
        for entry in entries:
            where = f"  {_shown(entry.section)}" if entry.section else ""
            lines.append(f"  {entry.path.ljust(width)}  {entry.outcome:<8}{where}")
        counts = {o: sum(e.outcome == o for e in entries) for o in ("mapped", "verbatim", "appendix", "unfilled")}
        lines.append("  " + ", ".join(f"{count} {outcome}" for outcome, count in counts.items()))
    return "\n".join(lines) + "\n"


def _write_stdout(text: str) -> None:
    """``text`` on standard output as UTF-8, line ends as they are, whatever the locale."""
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:
        sys.stdout.write(text)
        return
    sys.stdout.flush()
    buffer.write(text.encode("utf-8"))
    buffer.flush()


def _same_file(first: Path, second: Path) -> bool:
    try:
        return first.samefile(second)
    except OSError:
        return False


def _inside(path: Path, folder: Path) -> bool:
    """Whether ``path`` (resolved) is ``folder`` (resolved) or lies under it."""
    return path == folder or folder in path.parents


class _Progress:
    """A one-line progress bar on standard error, drawn only on a terminal."""

    WIDTH = 24

    def __init__(self, total: int, stream: TextIO) -> None:
        self.total = total
        self.stream = stream
        self.shown = total > 0 and stream.isatty()
        self.columns = max(40, shutil.get_terminal_size(fallback=(80, 24)).columns - 1)

    def update(self, done: int, current: Path) -> None:
        if not self.shown:
            return
        filled = self.WIDTH * done // self.total
        bar = "#" * filled + "-" * (self.WIDTH - filled)
        line = f"plancore: [{bar}] {done}/{self.total} {_shown(current)}"[: self.columns]
        # Wide characters take two columns: the line must not wrap, or "\r" cannot redraw it.
        while display_width(line) > self.columns:
            line = line[:-1]
        self.stream.write("\r" + line + " " * (self.columns - display_width(line)))
        self.stream.flush()

    def close(self) -> None:
        if self.shown:
            self.stream.write("\r" + " " * self.columns + "\r")
            self.stream.flush()


def _resolved(path: Path) -> Path | None:
    """``path`` with every symbolic link followed; ``None`` for a link loop."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return None


def _chosen(relative: str, include: Sequence[str] | None, exclude: Sequence[str] | None) -> bool:
    """Whether the file at ``relative`` (its path under the folder given, with ``/``) is taken:
    its path or its name matches an ``include`` glob (default ``*.md``) and no ``exclude`` glob."""
    name = relative.rsplit("/", 1)[-1]

    def matches(globs: Sequence[str]) -> bool:
        return any(fnmatch.fnmatchcase(relative, glob) or fnmatch.fnmatchcase(name, glob) for glob in globs)

    return matches(include or ["*.md"]) and not matches(exclude or [])


def _plans_under(
    root: Path,
    out_root: Path | None,
    include: Sequence[str] | None = None,
    exclude: Sequence[str] | None = None,
) -> tuple[list[Path], list[str]]:
    """The files under ``root`` to read as plans (``*.md``, or as ``include`` and
    ``exclude`` choose), and the failures met finding them.

    Symbolic links are followed only to files inside ``root``: a link out of
    ``root`` (or to nowhere) is a failure, and linked folders are not entered
    (what a link inside ``root`` leads to is converted where it stands).
    Anything but a regular file is a failure (reading a named pipe would wait
    forever). ``out_root`` is skipped when it lies inside ``root``.
    """
    real_root = root.resolve()
    real_out = out_root.resolve() if out_root is not None else None
    plans: list[Path] = []
    failures: list[str] = []

    def not_followed(link: Path, what: str) -> None:
        failures.append(f"{link}: a symbolic link to {what} ({os.readlink(link)}); not followed")

    for folder, subfolders, files in os.walk(root, followlinks=False):
        here = Path(folder)
        kept = []
        for name in sorted(subfolders):
            path = here / name
            real = _resolved(path)
            if path.is_symlink():
                if real is None or not _inside(real, real_root):
                    not_followed(path, f"a folder outside {root}")
            elif real != real_out:
                kept.append(name)
        subfolders[:] = kept
        for name in sorted(files):
            path = here / name
            if not _chosen(path.relative_to(root).as_posix(), include, exclude):
                continue
            real = _resolved(path)
            if path.is_symlink() and (real is None or not _inside(real, real_root)):
                not_followed(path, f"a file outside {root}" if real is not None else "itself")
            elif real is None or not real.is_file():
                failures.append(f"{path}: not a regular file; skipped")
            else:
                plans.append(path)
    return plans, failures


def _leads_out(folder: Path, out_root: Path, real_out: Path) -> bool:
    """Whether ``folder`` (under ``out_root``) lies, or would be made, outside
    ``real_out`` through a symbolic link already in OUTDIR."""
    while not os.path.lexists(folder):
        if folder == out_root or folder == folder.parent:
            return False
        folder = folder.parent
    return not _inside(folder.resolve(), real_out)


def _convert_tree(args: argparse.Namespace) -> int:
    """Convert every plan under a folder into the same tree under OUTDIR.

    Markdown files that are no plan (a README) are skipped and listed; an
    output already holding exactly its conversion is left as it is ("up to
    date"), so a second run into the same OUTDIR succeeds.
    """
    root = Path(args.input)
    if args.in_place:
        _error(f"{root}: is a folder; --in-place takes one INPUT file (give -o OUTDIR for a folder)")
        return EXIT_USAGE
    if not args.output:
        _error(f"{root}: is a folder; give -o OUTDIR for the converted tree")
        return EXIT_USAGE
    out_root = Path(args.output)
    real_out = out_root.resolve()
    if real_out == root.resolve():
        _error(f"{out_root}: is the input folder; give another OUTDIR")
        return EXIT_USAGE
    if out_root.exists() and not out_root.is_dir():
        _error(f"{out_root}: is not a folder")
        return EXIT_BAD_INPUT
    plans, skipped = _plans_under(root, out_root, args.include, args.exclude)
    failures: list[str] = []
    lossy: list[str] = []
    non_plans: list[Path] = []
    unchanged = 0
    reports: list[tuple[str, Conversion]] = []
    inputs = {path.resolve() for path in plans}
    progress = _Progress(len(plans), sys.stderr)
    for done, path in enumerate(plans):
        progress.update(done, path)
        # A relative path from os.walk cannot climb out of OUTDIR by its names;
        # a symbolic link inside OUTDIR could, and is refused before any
        # folder is made through it.
        target = out_root / path.relative_to(root)
        try:
            if _leads_out(target.parent, out_root, real_out):
                raise PlanError(f"{target} would be written outside {out_root}; refusing", path=str(path))
            if target.resolve() in inputs:
                raise PlanError(f"{target} is an input file; refusing to overwrite it", path=str(path))
            try:
                unfilled = "drop" if args.drop_unfilled else "keep"
                result = convert(
                    read_plan_file(str(path)), args.to, source=args.source, strict=args.strict, unfilled=unfilled
                )
            except UnknownFormatError:
                non_plans.append(path)
                continue
            except LossError as error:
                lossy.append(f"{path}: {error}")
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            if not _publish(target, result.text, force=args.force):
                unchanged += 1
            reports.append((str(path), result))
        except PlanError as error:
            error.path = error.path or str(path)
            failures.append(str(error))
        except OSError as error:
            failures.append(f"{path}: {error.strerror or error}")
    progress.update(len(plans), root)
    progress.close()
    if _wants_report(args) and reports:
        _write_stdout(_report_text(reports, args.report_format or "text"))
    for path in non_plans:
        _note(f"{path}: not a plan (no format fits); skipped")
    for failure in skipped + failures + lossy:
        _error(failure)
    total = len(plans) - len(non_plans)
    summary = f"plancore: converted {len(reports)} of {total} plans"
    if unchanged:
        summary += f" ({unchanged} up to date)"
    if non_plans:
        summary += f"; skipped {len(non_plans)} not a plan"
    if skipped:
        summary += f"; skipped {len(skipped)} (symbolic links not followed, not regular files)"
    print(_shown(summary), file=sys.stderr)
    if skipped or failures:
        return EXIT_BAD_INPUT
    return EXIT_LOSSES if lossy else EXIT_OK


def _detect(args: argparse.Namespace) -> int:
    """Print ``NAME: FORMAT`` per file; in a folder, ``NAME: not a plan`` for Markdown that is none."""
    status = EXIT_OK
    for name in args.files:
        if name != "-" and Path(name).is_dir():
            plans, skipped = _plans_under(Path(name), None, args.include, args.exclude)
            for failure in skipped:
                _error(failure)
                status = EXIT_BAD_INPUT
            for path in plans:
                try:
                    print(f"{_shown(path)}: {detect(read_plan_file(str(path)))}")
                except UnknownFormatError:
                    print(f"{_shown(path)}: not a plan")
                except PlanError as error:
                    error.path = error.path or str(path)
                    _error(error)
                    status = EXIT_BAD_INPUT
            continue
        try:
            print(f"{_shown(name)}: {detect(read_plan_file(name))}")
        except PlanError as error:
            error.path = error.path or name
            _error(error)
            status = EXIT_BAD_INPUT
    return status


def _formats(_: argparse.Namespace) -> int:
    width = max(len(name) for name in FORMATS)
    for name, fmt in FORMATS.items():
        print(f"{name:<{width}}  {fmt.description}  [{fmt.origin}]")
    return EXIT_OK


def _new(args: argparse.Namespace) -> int:
    _write_stdout(get_format(args.format).blank_text)
    return EXIT_OK


def _schema(_: argparse.Namespace) -> int:
    _write_stdout(json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n")
    return EXIT_OK


def _check(args: argparse.Namespace) -> int:
    """Check each plan file (a folder: its ``*.md`` files); exit 1 on findings.

    A file no format fits is skipped with a note (a README beside the plans);
    one that cannot be read is a ``PC000`` finding.
    """
    files: list[str] = []
    notes: list[str] = []
    for name in args.paths:
        path = Path(name)
        if path.is_dir():
            plans, failures = _plans_under(path, path)
            files += [str(plan) for plan in plans]
            notes += failures
        elif path.exists() or name == "-":
            files.append(name)
        else:
            _error(f"{name}: no such file or folder")
            return EXIT_USAGE
    findings: list[Finding] = []
    skipped = 0
    for name in files:
        shown = "<stdin>" if name == "-" else name
        try:
            found = check(read_plan_file(name), args.format)
        except UnknownFormatError as error:
            notes.append(f"{name}: {error.message.split(':')[0]}; skipped")
            skipped += 1
            continue
        except PlanError as error:
            found = (Finding(code="PC000", line=error.line or 1, message=error.message),)
        findings += [attrs.evolve(finding, path=shown) for finding in found]
    if args.json:
        document = {
            "findings": [finding.as_dict() for finding in findings],
            "checked": len(files) - skipped,
            "skipped": notes,
        }
        _write_stdout(json.dumps(document, ensure_ascii=False, indent=2) + "\n")
    else:
        _write_stdout("".join(_shown(finding) + "\n" for finding in findings))
        for note in notes:
            print(f"plancore: note: {_shown(note)}", file=sys.stderr)
    return EXIT_BAD_INPUT if findings else EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    try:
        args = _parser().parse_args(argv)
    except SystemExit as stop:
        # argparse has printed the usage error (or the help, or the version).
        return stop.code if isinstance(stop.code, int) else EXIT_OK
    handlers = {
        "convert": _convert,
        "detect": _detect,
        "formats": _formats,
        "new": _new,
        "schema": _schema,
        "check": _check,
    }
    try:
        return handlers[args.command](args)
    except PlanError as error:
        _error(error)
        return EXIT_BAD_INPUT
    except BrokenPipeError:
        # The reader went away (``| head``); that is not an error of ours.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except OSError as error:
        # A file system refusal not met where a file is read or written.
        where = f"{error.filename}: " if error.filename else ""
        _error(f"{where}{error.strerror or error}")
        return EXIT_BAD_INPUT
