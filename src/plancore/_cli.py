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
    convert_cmd.add_argument("input", metavar="INPUT", help="plan file, or - for standard input")
    convert_cmd.add_argument("--to", required=True, choices=list(FORMATS), metavar="FORMAT", help="target format")
    convert_cmd.add_argument(
        "--from", dest="source", choices=list(FORMATS), metavar="FORMAT", help="source format (default: detect)"
    )
    convert_cmd.add_argument("-o", "--output", metavar="OUTPUT", help="output file (default: standard output)")
    convert_cmd.add_argument("--strict", action="store_true", help="fail (exit 3) instead of carrying fields over")
    convert_cmd.add_argument("--force", action="store_true", help="overwrite an existing OUTPUT")

    detect_cmd = commands.add_parser("detect", help="print the format of each plan file")
    detect_cmd.add_argument("files", nargs="+", metavar="FILE")

    commands.add_parser("formats", help="list the supported formats")

    new_cmd = commands.add_parser("new", help="print the blank template of a format")
    new_cmd.add_argument("format", choices=list(FORMATS), metavar="FORMAT")
    return parser


def _error(message: object) -> None:
    print(f"plancore: error: {message}", file=sys.stderr)


def _convert(args: argparse.Namespace) -> int:
    output = Path(args.output) if args.output else None
    if output is not None:
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
