"""The ``plancore`` command line."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from ._convert import convert, detect
from ._errors import LossError, PlanError
from ._registry import FORMATS, get_format

__all__ = ["main", "read_plan_file", "write_atomically"]

EXIT_OK, EXIT_BAD_INPUT, EXIT_USAGE, EXIT_LOSSES = 0, 1, 2, 3


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
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise PlanError(f"not valid UTF-8 at byte offset {error.start}", path=shown, line=line) from None
    if not text.strip("\ufeff \t\r\n"):
        raise PlanError("the file is empty", path=shown)
    return text


def write_atomically(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file renamed over it.

    A crash leaves either the old file or the new one, never half of one.
    """
    directory = path.parent if str(path.parent) else Path(".")
    handle = tempfile.NamedTemporaryFile(  # noqa: SIM115 - closed below, then renamed or removed
        "w", encoding="utf-8", newline="", dir=directory, prefix=f".{path.name}.", suffix=".tmp", delete=False
    )
    try:
        with handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(handle.name, path)
    except BaseException:
        Path(handle.name).unlink(missing_ok=True)
        raise


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
    convert_cmd.add_argument("--force", action="store_true", help="overwrite an existing OUTPUT")
    convert_cmd.add_argument("--in-place", action="store_true", help="replace INPUT with its conversion")

    detect_cmd = commands.add_parser("detect", help="print the format of each plan file")
    detect_cmd.add_argument("files", nargs="+", metavar="FILE")

    commands.add_parser("formats", help="list the supported formats")

    new_cmd = commands.add_parser("new", help="print the blank template of a format")
    new_cmd.add_argument("format", choices=list(FORMATS), metavar="FORMAT")
    return parser


def _error(message: object) -> None:
    print(f"plancore: error: {message}", file=sys.stderr)


def _convert(args: argparse.Namespace) -> int:
    if args.input != "-" and Path(args.input).is_dir():
        return _convert_tree(args)
    if args.in_place:
        if args.input == "-" or args.output:
            _error("--in-place takes one INPUT file and no -o")
            return EXIT_USAGE
        args.output, args.force = args.input, True
    output = Path(args.output) if args.output else None
    if output is not None and not args.in_place:
        if args.input != "-" and output.exists() and output.resolve() == Path(args.input).resolve():
            _error(f"{output}: is the input file; refusing to overwrite it")
            return EXIT_BAD_INPUT
        if output.exists() and not args.force:
            _error(f"{output}: already exists (use --force to overwrite)")
            return EXIT_BAD_INPUT
    text = read_plan_file(args.input)
    shown = "<stdin>" if args.input == "-" else args.input
    try:
        result = convert(text, args.to, source=args.source, strict=args.strict)
    except LossError as error:
        _error(f"{shown}: {error}")
        return EXIT_LOSSES
    except PlanError as error:
        error.path = error.path or shown
        raise
    for loss in result.losses:
        print(f"plancore: warning: {shown}: {loss.path}: {loss.reason} (kept in the appendix)", file=sys.stderr)
    if output is None:
        sys.stdout.write(result.text)
    else:
        write_atomically(output, result.text)
    return EXIT_OK


def _convert_tree(args: argparse.Namespace) -> int:
    """Convert every ``*.md`` plan under a folder into the same tree under OUTDIR."""
    root = Path(args.input)
    if not args.output:
        _error(f"{root}: is a folder; give -o OUTDIR for the converted tree")
        return EXIT_USAGE
    out_root = Path(args.output)
    plans: list[Path] = []
    for folder, subfolders, files in os.walk(root, followlinks=False):
        subfolders.sort()
        plans.extend(Path(folder) / name for name in sorted(files) if name.endswith(".md"))
    failures: list[str] = []
    show_progress = sys.stderr.isatty()
    for count, path in enumerate(plans, 1):
        if show_progress:
            print(f"\rplancore: [{count}/{len(plans)}] {path}"[:120].ljust(120), end="", file=sys.stderr, flush=True)
        # A relative path from os.walk cannot climb out of OUTDIR.
        target = out_root / path.relative_to(root)
        try:
            if path.is_symlink():
                raise PlanError("is a symbolic link; not followed", path=str(path))
            if target.exists() and not args.force:
                raise PlanError(f"{target} already exists (use --force to overwrite)", path=str(path))
            result = convert(read_plan_file(str(path)), args.to, source=args.source, strict=args.strict)
            target.parent.mkdir(parents=True, exist_ok=True)
            write_atomically(target, result.text)
        except PlanError as error:
            error.path = error.path or str(path)
            failures.append(str(error))
        except OSError as error:
            failures.append(f"{path}: {error.strerror or error}")
    if show_progress:
        print(file=sys.stderr)
    for failure in failures:
        _error(failure)
    print(f"plancore: converted {len(plans) - len(failures)} of {len(plans)} plans", file=sys.stderr)
    return EXIT_BAD_INPUT if failures else EXIT_OK


def _detect(args: argparse.Namespace) -> int:
    status = EXIT_OK
    for name in args.files:
        try:
            print(f"{name}: {detect(read_plan_file(name))}")
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
    sys.stdout.write(get_format(args.format).blank_text)
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
