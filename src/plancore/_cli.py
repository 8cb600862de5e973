"""The ``plancore`` command line."""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import secrets
import shutil
import stat
import sys
import unicodedata
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from ._convert import Conversion, convert, detect
from ._errors import LossError, ParseError, PlanError, line_at
from ._markdown import display_width
from ._registry import FORMATS, get_format

__all__ = ["main", "read_plan_file", "write_atomically"]

EXIT_OK, EXIT_BAD_INPUT, EXIT_USAGE, EXIT_LOSSES = 0, 1, 2, 3


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


def _temporary_beside(path: Path) -> tuple[Path, int]:
    """A new, empty file in ``path``'s folder (named after it, hidden) and its descriptor.

    It is created with mode 0o666 less the umask, as ``open`` would create ``path``.
    """
    # A short stem keeps the name within file-name length limits.
    stem = path.name[:40]
    while True:
        temporary = path.with_name(f".{stem}.{secrets.token_hex(4)}.tmp")
        try:
            return temporary, os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _O_BINARY, 0o666)
        except FileExistsError:
            continue


def write_atomically(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file renamed over it.

    A crash leaves either the old file or the new one, never half of one. A
    file replaced keeps its permissions.
    """
    data = text.encode("utf-8")
    temporary, descriptor = _temporary_beside(path)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        with contextlib.suppress(FileNotFoundError):
            os.chmod(temporary, stat.S_IMODE(os.stat(path).st_mode))
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
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


def _write_output(path: Path, text: str) -> None:
    try:
        write_atomically(path, text)
    except IsADirectoryError:
        raise PlanError("is a folder, not a file", path=str(path)) from None
    except OSError as error:
        raise PlanError(f"cannot write: {error.strerror or error}", path=str(path)) from None


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="plancore", description="Convert implementation plans between spec-driven development formats."
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    convert_cmd = commands.add_parser("convert", help="convert a plan to another format")
    convert_cmd.add_argument(
        "input", metavar="INPUT", help="plan file, - for standard input, or a folder (with -o OUTDIR)"
    )
    convert_cmd.add_argument("--to", required=True, choices=list(FORMATS), metavar="FORMAT", help="target format")
    convert_cmd.add_argument(
        "--from", dest="source", choices=list(FORMATS), metavar="FORMAT", help="source format (default: detect)"
    )
    convert_cmd.add_argument("-o", "--output", metavar="OUTPUT", help="output file (default: standard output)")
    convert_cmd.add_argument("--strict", action="store_true", help="fail (exit 3) instead of carrying fields over")
    convert_cmd.add_argument(
        "--drop-unfilled", action="store_true", help="leave out target sections the plan has nothing for"
    )
    convert_cmd.add_argument("--force", action="store_true", help="overwrite an existing OUTPUT")
    convert_cmd.add_argument("--in-place", action="store_true", help="replace INPUT with its conversion")
    convert_cmd.add_argument(
        "--report",
        action="store_true",
        help="print, per field, where its content went (standard output when the conversion goes to a file, "
        "else standard error)",
    )
    convert_cmd.add_argument(
        "--report-format", choices=["text", "json"], help="the report as text (default) or JSON; implies --report"
    )

    detect_cmd = commands.add_parser("detect", help="print the format of each plan file")
    detect_cmd.add_argument("files", nargs="+", metavar="FILE")

    commands.add_parser("formats", help="list the supported formats")

    new_cmd = commands.add_parser("new", help="print the blank template of a format")
    new_cmd.add_argument("format", choices=list(FORMATS), metavar="FORMAT")
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


def _convert(args: argparse.Namespace) -> int:
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
        if args.input != "-" and _same_file(output, Path(args.input)):
            _error(f"{output}: is the input file; refusing to overwrite it (use --in-place)")
            return EXIT_BAD_INPUT
        if output.is_dir():
            _error(f"{output}: is a folder; give a file name for the output")
            return EXIT_BAD_INPUT
        if (output.exists() or output.is_symlink()) and not args.force:
            _error(f"{output}: already exists (use --force to overwrite)")
            return EXIT_BAD_INPUT
    text = read_plan_file(args.input)
    shown = "<stdin>" if args.input == "-" else args.input
    try:
        unfilled = "drop" if args.drop_unfilled else "keep"
        result = convert(text, args.to, source=args.source, strict=args.strict, unfilled=unfilled)
    except LossError as error:
        _error(f"{shown}: {error}")
        return EXIT_LOSSES
    except PlanError as error:
        error.path = error.path or shown
        raise
    if not _wants_report(args):
        for loss in result.losses:
            _warning(f"{shown}: {loss.path}: {loss.reason} (kept in the appendix)")
    if output is None:
        _write_stdout(result.text)
    else:
        _write_output(output, result.text)
    if _wants_report(args):
        rendered = _report_text([(shown, result)], args.report_format or "text")
        if output is None:
            sys.stderr.write(rendered)
        else:
            _write_stdout(rendered)
    return EXIT_OK


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


def _plans_under(root: Path, out_root: Path) -> tuple[list[Path], list[str]]:
    """The ``*.md`` files under ``root`` to convert, and the failures met finding them.

    Symbolic links are followed only to files inside ``root``: a link out of
    ``root`` (or to nowhere) is a failure, and linked folders are not entered
    (what a link inside ``root`` leads to is converted where it stands).
    Anything but a regular file is a failure (reading a named pipe would wait
    forever). ``out_root`` is skipped when it lies inside ``root``.
    """
    real_root, real_out = root.resolve(), out_root.resolve()
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
            if not name.endswith(".md"):
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
    """Convert every ``*.md`` plan under a folder into the same tree under OUTDIR."""
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
    plans, skipped = _plans_under(root, out_root)
    failures: list[str] = []
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
            target.parent.mkdir(parents=True, exist_ok=True)
            if target.resolve() in inputs:
                raise PlanError(f"{target} is an input file; refusing to overwrite it", path=str(path))
            if (target.exists() or target.is_symlink()) and not args.force:
                raise PlanError(f"{target} already exists (use --force to overwrite)", path=str(path))
            unfilled = "drop" if args.drop_unfilled else "keep"
            result = convert(
                read_plan_file(str(path)), args.to, source=args.source, strict=args.strict, unfilled=unfilled
            )
            _write_output(target, result.text)
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
    for failure in skipped + failures:
        _error(failure)
    summary = f"plancore: converted {len(plans) - len(failures)} of {len(plans)} plans"
    if skipped:
        summary += f"; skipped {len(skipped)} (symbolic links not followed, not regular files)"
    print(_shown(summary), file=sys.stderr)
    return EXIT_BAD_INPUT if skipped or failures else EXIT_OK


def _detect(args: argparse.Namespace) -> int:
    status = EXIT_OK
    for name in args.files:
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


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    args = _parser().parse_args(argv)
    handlers = {"convert": _convert, "detect": _detect, "formats": _formats, "new": _new}
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
        return 130
    except OSError as error:
        # A file system refusal not met where a file is read or written.
        where = f"{error.filename}: " if error.filename else ""
        _error(f"{where}{error.strerror or error}")
        return EXIT_BAD_INPUT
