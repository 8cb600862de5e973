"""The ``plancore`` command line."""

from __future__ import annotations

import argparse
import fnmatch
import functools
import json
import os
import re
import shutil
import stat
import sys
import unicodedata
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, NoReturn

import attrs

from ._appendix import describe_losses
from ._convert import Conversion, convert, convert_plan, detect, detect_scores, parse
from ._detect import MIN_SCORE
from ._errors import LossError, PlanError, UnknownFormatError
from ._files import exists, holds, read_plan_file, sweep_temporaries, write_atomically
from ._folder import FOLDERS, detect_folder, read_folder, write_folder
from ._model import Plan
from ._registry import FORMATS, get_format
from ._report import FieldReport, folder_report
from ._told import folder_warnings

if TYPE_CHECKING:
    from ._check import Finding
    from ._feature import FeatureWrite

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


def _sweep_and_warn(folder: Path, names: Iterable[str]) -> None:
    """Sweep the temporaries of the files ``names`` in ``folder`` (``sweep_temporaries``), with a warning for each."""
    removed, left = sweep_temporaries(folder, names)
    for temporary in removed:
        _warning(f"{temporary}: removed, left by an interrupted run")
    for temporary in left:
        _warning(f"{temporary}: left by an interrupted run? remove it if no plancore is running")


def _publish(path: Path, text: str, *, force: bool, sweep: bool = True) -> bool:
    """Write ``text`` to ``path`` (its folder created when missing); ``False`` when, without
    ``force``, it already held exactly that.

    Without ``force`` a different existing file is refused (``PlanError``
    "already exists"). With ``sweep``, temporaries of ``path`` left by killed
    runs are removed first, and any that cannot be are reported (a folder
    conversion sweeps each folder once, before it starts).
    """
    try:
        # Folder targets are created when missing; a file's folder is no different.
        path.parent.mkdir(parents=True, exist_ok=True)
    except FileExistsError as error:
        raise PlanError(f"cannot create its folder: {error.filename} is a file", path=str(path)) from None
    except OSError as error:
        raise PlanError(f"cannot create its folder: {error.strerror or error}", path=str(path)) from None
    if sweep:
        _sweep_and_warn(path.parent, [path.name])
    if not force and holds(path, text):
        return False
    refused = PlanError("already exists (use --force to overwrite)", path=str(path))
    if not force and exists(path):
        raise refused
    try:
        write_atomically(path, text, replace=force)
    except FileExistsError:
        if holds(path, text):
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
        self._width: int | None = None
        super().__init__(*args, **kwargs)
        self._has_commands = False

    def _get_formatter(self) -> argparse.HelpFormatter:
        # argparse makes a formatter for every argument added (to check its metavar), and each
        # asks the terminal its width: asked once a parser, as the help would ask it.
        if self._width is None:
            self._width = shutil.get_terminal_size().columns - 2
        make: Any = self.formatter_class  # a HelpFormatter class (typeshed's protocol names prog only)
        formatter: argparse.HelpFormatter = make(prog=self.prog, width=self._width)
        return formatter

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
            import difflib  # only for a mistyped name

            close = difflib.get_close_matches(unknown, known, n=1, cutoff=0.6)
            hint = f" (did you mean {close[0]}?)" if close else ""
            self.error(f"unrecognized argument: {unknown}{hint}")
        parsed, extras = super().parse_known_args(tokens, namespace)
        if extras and not self._has_commands:
            self.error(f"unrecognized arguments: {' '.join(extras)}")
        return parsed, extras

    def error(self, message: str) -> NoReturn:
        # A mistyped format name (``-t speckitt``) is named with the closest valid one, as a flag is.
        choice = re.match(r"argument .*: invalid choice: '(.*)' \(choose from (.*)\)$", message)
        if choice is not None:
            import difflib  # only for a mistyped name

            names = re.findall(r"'([^']*)'", choice.group(2))
            close = difflib.get_close_matches(choice.group(1), names, n=1, cutoff=0.6)
            message += f" (did you mean {close[0]}?)" if close else ""
        super().error(message)

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
    """``--list-formats``: print the format names, one a line (as pandoc's ``--list-input-formats``); a
    folder-only format (kiro, openspec) with `` (folder)`` after its name, as ``-t`` takes it only with ``-o DIR/``."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: Any) -> None:
        super().__init__(option_strings, dest=argparse.SUPPRESS, default=argparse.SUPPRESS, nargs=0, **kwargs)

    def __call__(self, parser: argparse.ArgumentParser, *_: object) -> None:
        _write_stdout("".join(f"{name}\n" for name in FORMATS) + "".join(f"{name} (folder)\n" for name in _FOLDER_ONLY))
        parser.exit()


class _Version(argparse._VersionAction):
    """``--version``: the version is looked up when asked for (its module, with the format descriptions,
    is more than a one-file conversion's start-up need import)."""

    def __call__(self, parser: argparse.ArgumentParser, *args: Any, **kwargs: Any) -> None:
        from ._info import __version__

        self.version = f"%(prog)s {__version__}"
        super().__call__(parser, *args, **kwargs)


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


def _job_count(text: str) -> int:
    try:
        count = int(text)
    except ValueError:
        count = 0
    if count < 1:
        raise argparse.ArgumentTypeError(f"not a number of processes: {text!r} (give 1 or more)")
    return count


# The folder formats that are no file format too (speckit-github is both: plan.md, or its feature folder).
_FOLDER_ONLY = tuple(name for name in FOLDERS if name not in FORMATS)


def _names_folder(output: str | None) -> bool:
    """Whether ``-o OUTPUT`` names a folder: it ends with ``/`` or is one."""
    return bool(output) and (str(output).endswith(("/", os.sep)) or Path(str(output)).is_dir())


class _Unparsed:
    """A command's parser that ``_parser`` does not make: what is added to it goes nowhere."""

    def add_argument(self, *args: Any, **kwargs: Any) -> None:
        pass


class _OnlyCommand:
    """Subparsers that make the parser of one command only (``_parser``)."""

    def __init__(self, commands: Any, command: str) -> None:
        self._commands, self._command = commands, command

    def add_parser(self, name: str, **kwargs: Any) -> Any:
        return self._commands.add_parser(name, **kwargs) if name == self._command else _Unparsed()


def _parser(command: str | None = None) -> argparse.ArgumentParser:
    """The command line's parser; with ``command`` (a command's name) with that command's parser only: it
    parses that command's line, help and errors as the whole parser does, and making the others' parsers
    would be a tenth of a one-file conversion's run."""
    names = ", ".join(FORMATS)
    parser = _Parser(
        prog="plancore",
        description="Convert implementation plans between spec-driven development formats.",
        epilog=_epilog(),
    )
    parser.add_argument("--version", action=_Version)
    parser.add_argument("--list-formats", action=_ListFormats, help="print the format names, one a line, and exit")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    if command is not None:
        commands = _OnlyCommand(commands, command)

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
        choices=[*FORMATS, *_FOLDER_ONLY, "json"],
        metavar="FORMAT",
        help=f"target format: {names}, a folder format ({', '.join(FOLDERS)}) with -o FOLDER/, or json",
    )
    convert_cmd.add_argument(
        "-f",
        "--from",
        dest="source",
        choices=[*FORMATS, *_FOLDER_ONLY, "json"],
        metavar="FORMAT",
        help="source format, a folder format for a folder INPUT, or json (default: detected)",
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
    convert_cmd.add_argument(
        "--single-file",
        action="store_true",
        help="with --to speckit-github and -o FOLDER/: write one plan.md, not a Spec Kit feature folder",
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
    convert_cmd.add_argument(
        "-j",
        "--jobs",
        type=_job_count,
        metavar="N",
        help="in a folder, convert N files at a time in separate processes (default: one per core; 1: serially)",
    )
    convert_cmd.add_argument(
        "--skip-existing",
        action="store_true",
        help="in a folder, leave every output that exists as it is, unread (resumes an interrupted run)",
    )

    detect_cmd = commands.add_parser(
        "detect", help="print the format of each plan file (of each Markdown file in a folder)", epilog=_epilog()
    )
    detect_cmd.add_argument("files", nargs="+", metavar="FILE", help="plan file, - for standard input, or a folder")
    detect_cmd.add_argument(
        "--explain", action="store_true", help="also print how close each format came, and by which marks"
    )
    _folder_options(detect_cmd)

    commands.add_parser("formats", help=f"describe the supported formats ({names})")

    new_cmd = commands.add_parser("new", help="print the blank template of a format")
    new_cmd.add_argument("format", choices=[*FORMATS, *_FOLDER_ONLY], metavar="FORMAT", help=names)

    commands.add_parser("schema", help="print the JSON Schema of the plans convert --to json writes")

    check_cmd = commands.add_parser("check", help="report what is wrong in plan files (exit 1 on findings)")
    check_cmd.add_argument(
        "paths",
        nargs="+",
        metavar="PATH",
        help="plan file, plan folder (a Kiro spec, an OpenSpec change, a Spec Kit feature) or a tree of them",
    )
    check_cmd.add_argument(
        "--format",
        choices=[*FORMATS, *_FOLDER_ONLY],
        metavar="FORMAT",
        help="the plans' format, or a plan folder's (default: detect)",
    )
    check_cmd.add_argument("--json", action="store_true", help="the findings as JSON")

    migrate_cmd = commands.add_parser(
        "migrate",
        help="convert every plan of a repository into one tool's layout (--dry-run shows what, first)",
        epilog=_epilog(),
    )
    migrate_cmd.add_argument("src", metavar="SRC", help="the repository (or folder) to find plans in")
    migrate_cmd.add_argument(
        "-t",
        "--to",
        required=True,
        choices=[*FORMATS, *_FOLDER_ONLY],
        metavar="FORMAT",
        help=f"{names}, or a folder format ({', '.join(_FOLDER_ONLY)})",
    )
    migrate_cmd.add_argument(
        "-o", "--output", metavar="DEST", help="write the target layout and plancore-migration.json here (default: SRC)"
    )
    migrate_cmd.add_argument("--dry-run", action="store_true", help="print what would be written where; write nothing")
    migrate_cmd.add_argument("--json", action="store_true", help="what was (or would be) done, as JSON")
    migrate_cmd.add_argument(
        "--allow-dirty", action="store_true", help="start even when SRC has uncommitted changes (git status)"
    )
    migrate_cmd.add_argument(
        "-j", "--jobs", type=_job_count, metavar="N", help="convert N plans at a time (default: one per core)"
    )
    migrate_cmd.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
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
    if args.source is None and args.input != "-" and Path(args.input).suffix.lower() == ".json":
        # No plan format detects JSON: without this, a plan.json failed "no plan format fits".
        args.source = "json"
    json_io = "json" in (args.to, args.source)
    if args.keep_source and args.to != "json":
        _error("--keep-source goes with --to json")
        return EXIT_USAGE
    if json_io and (_wants_report(args) or (args.input != "-" and Path(args.input).is_dir())):
        _error("json converts one file, with no --report")
        return EXIT_USAGE
    if args.input != "-" and Path(args.input).is_dir():
        if not json_io and (args.source in FOLDERS or detect_folder(Path(args.input)) is not None):
            return _convert_folder(args)
        return _convert_tree(args)
    if args.source in _FOLDER_ONLY:
        _error(f"{args.input}: --from {args.source} reads a folder; give the folder as INPUT")
        return EXIT_USAGE
    # A plan as JSON is a plan like any other to a folder writer: only JSON out is one file.
    if args.to in _FOLDER_ONLY and args.to != "json" and (not _names_folder(args.output) or args.in_place):
        _error(f"{args.to} is a folder format: give the folder to write with -o FOLDER/")
        return EXIT_USAGE
    if (
        args.to in FOLDERS
        and _names_folder(args.output)
        and not (args.single_file and args.to in FORMATS)
        and not args.in_place
    ):
        return _convert_folder(args)
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
    _warn_lost(result, shown, args)
    if output is None:
        _write_stdout(result.text)
    elif not _publish(output, result.text, force=args.force):
        _note(f"{output}: up to date")
    if _wants_report(args):
        style = args.report_format or "text"
        rendered = _report_text([_report_part(result, shown, style)], style)
        if output is None:
            sys.stderr.write(rendered)
        else:
            _write_stdout(rendered)
    return EXIT_OK


def _convert_folder(args: argparse.Namespace) -> int:
    """A plan folder read (INPUT a folder of a folder format) or written (-o FOLDER/ --to a folder format)."""
    source = Path(args.input) if args.input != "-" else None
    if source is not None and source.is_dir():
        source_name = args.source if args.source in FOLDERS else detect_folder(source)
        plan, shown = read_folder(source, source_name), str(source)
        source_name = source_name or "folder"
    else:
        text = read_plan_file(args.input)
        shown = "<stdin>" if source is None else args.input
        source_name = args.source or detect(text)
        if source_name == "json":
            from ._json import from_json

            plan = from_json(text)
        else:
            plan = parse(text, source_name)
    if args.to in FOLDERS and _names_folder(args.output) and not (args.single_file and args.to in FORMATS):
        folder = Path(args.output)
        try:
            result = write_folder(plan, folder, args.to, strict=args.strict, force=args.force)
        except LossError as error:
            _error(f"{shown}: {error}")
            return EXIT_LOSSES
        except PlanError as error:
            # Every error names its file: one the folder's writer raises without a path is the folder's.
            error.path = error.path or str(folder)
            raise
        for written in result.written:
            _note(f"{folder / written}: written")
        if not result.written:
            _note(f"{folder}: up to date")
        if _wants_report(args):
            style = args.report_format or "text"
            part = _folder_report_part(plan, result, source_name, args.to, shown, style)
            _write_stdout(_report_text([part], style))
        if result.ids:
            from ._feature import ID_MAP

            _note(f"{folder / ID_MAP}: {len(result.ids)} task IDs given")
        if result.requirement_ids:
            mapped = ", ".join(f"{old} -> {new}" for new, old in result.requirement_ids)
            _note(f"{folder}: requirement IDs in {args.to}'s numbering (README: documented ID map): {mapped}")
        if result.losses and not args.quiet:
            for line in folder_warnings(plan, result.losses, shown=shown, target=args.to, written=result.written):
                _warning(line)
        return EXIT_OK
    if args.to not in FORMATS:
        _error(f"{args.to} is a folder format: give the folder to write with -o FOLDER/")
        return EXIT_USAGE
    try:
        conversion = convert_plan(
            plan, args.to, source=source_name, strict=args.strict, unfilled="drop" if args.drop_unfilled else "keep"
        )
    except LossError as error:
        _error(f"{shown}: {error}")
        return EXIT_LOSSES
    _warn_lost(conversion, shown, args, folder=source is not None and source.is_dir())
    output = Path(args.output) if args.output else None
    if output is not None and _names_folder(args.output):
        _make_folder(output)
        output = output / "plan.md"
    if output is None:
        _write_stdout(conversion.text)
    elif not _publish(output, conversion.text, force=args.force):
        _note(f"{output}: up to date")
    if _wants_report(args):
        style = args.report_format or "text"
        rendered = _report_text([_report_part(conversion, shown, style)], style)
        (sys.stderr.write if output is None else _write_stdout)(rendered)
    return EXIT_OK


def _warn_lost(result: Conversion, shown: str, args: argparse.Namespace, *, folder: bool = False) -> None:
    """One warning a source section with parts the target has no place for, and their count (not under
    ``--report``, which lists them by field, nor ``-q``): the same for a file, standard input or a folder source.
    A folder's parts are in several files, no one format's sections: they are grouped by their top-level field."""
    if _wants_report(args) or args.quiet:
        return
    for line in _lost_lines(result, shown, folder=folder):
        _warning(line)


def _lost_lines(result: Conversion, shown: str, *, folder: bool = False) -> list[str]:
    """The warnings ``_warn_lost`` gives for ``result``, the conversion of ``shown``."""
    lines = []
    if folder:
        # A folder's parts are in several files: each told by the file and section it was read from.
        lines += folder_warnings(result.plan, result.losses, shown=shown, target=result.target, written=())
    else:
        lost = result.lost_sections()
        lines += [f"{shown}: {section.describe(result.target)}" for section in lost]
        if lost:
            lines.append(f"{shown}: {describe_losses(lost)} (--report lists them by field; -q silences these lines)")
    if replaced := [str(loss.value).strip() for loss in result.losses if not loss.carried]:
        lines.append(
            f"{shown}: the template's headings and labels in translation, replaced by {result.target}'s own: "
            + ", ".join(dict.fromkeys(word for word in replaced if word.strip("：:")))
        )
    return lines


def _json_conversion(text: str, args: argparse.Namespace) -> Conversion:
    """The conversion of ``text`` from or to JSON (``plancore.to_json``)."""
    # Imported here: cattrs costs a plan-to-plan conversion's start-up more than it spares.
    from ._json import from_json, to_json

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


def _report_part(result: Conversion, shown: str, style: str) -> str | dict[str, object]:
    """The report of one conversion (of the input shown as ``shown``): a JSON document, or lines of text."""
    if style == "json":
        return _report_document(result, shown)
    return _report_lines(result.report(), f"{_shown(shown)}: {result.source} -> {result.target}")


def _folder_report_part(
    plan: Plan, written: FeatureWrite, source: str, target: str, shown: str, style: str
) -> str | dict[str, object]:
    """The report of a plan (read from ``shown``) written as a folder of folder format ``target``:
    per field, the file and section it went to (``folder_report``)."""
    folder = written.path
    named = [folder / name.rstrip("/") for name in FOLDERS[target].files]
    paths = [path for path in named if path.is_file()]
    paths += [path for path in sorted(folder.rglob("*.md")) if path.is_file() and path not in paths]
    files = {path.relative_to(folder).as_posix(): path.read_text(encoding="utf-8") for path in paths}
    entries = folder_report(plan, files, written.losses)
    if style == "json":
        return {
            "input": shown,
            "output": str(folder),
            "source": source,
            "target": target,
            "written": list(written.written),
            "fields": [entry.as_dict() for entry in entries],
            "losses": [{"path": loss.path, "reason": loss.reason} for loss in written.losses],
        }
    header = f"{_shown(shown)}: {source} -> {target} folder {_shown(folder)}"
    return _report_lines(entries, header)


def _report_lines(entries: Sequence[FieldReport], header: str) -> str:
    """A report's ``entries`` as lines of text under ``header``, with a count per outcome."""
    width = max((len(entry.path) for entry in entries), default=0)
    lines = [header]
    for entry in entries:
        where = f"  {_shown(entry.section)}" if entry.section else ""
        lines.append(f"  {entry.path.ljust(width)}  {entry.outcome:<8}{where}")
    counts = {
        o: sum(e.outcome == o for e in entries) for o in ("mapped", "verbatim", "appendix", "replaced", "unfilled")
    }
    # Replaced words are a translated plan's alone: counted where there are some.
    lines.append("  " + ", ".join(f"{n} {o}" for o, n in counts.items() if n or o != "replaced"))
    return "\n".join(lines)


def _report_text(parts: Sequence[str | dict[str, object]], style: str) -> str:
    """The reports ``parts`` (from ``_report_part``) as one text or one JSON document."""
    if style == "json":
        return json.dumps(parts[0] if len(parts) == 1 else list(parts), ensure_ascii=False, indent=2) + "\n"
    return "\n".join(str(part) for part in parts) + "\n"


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


@attrs.frozen
class _TreeOptions:
    """What every file of one folder conversion is converted with."""

    to: str
    source: str | None
    strict: bool
    force: bool
    skip_existing: bool
    report_style: str | None
    unfilled: Literal["keep", "drop"] = "keep"
    # Each file's loss warnings, as a file converted alone gives them (not under --report or -q).
    warn: bool = False


@attrs.frozen
class _FileJob:
    """One file of a folder conversion: where it is read and written, or why it is refused."""

    path: Path
    target: Path
    refusal: str | None = None


@attrs.frozen
class _FileOutcome:
    """What converting one file of a folder did; small, so that a run of any size keeps only counts.

    ``outcome`` is ``written``, ``unchanged`` (the output held it already),
    ``existing`` (left unread under --skip-existing), ``not_plan``, ``lossy``
    (refused under --strict) or ``failed``.
    """

    outcome: str
    message: str = ""
    report: str | dict[str, object] | None = None
    warnings: tuple[str, ...] = ()


def _convert_feature_in_tree(options: _TreeOptions, folder: Path, target: Path) -> _FileOutcome:
    """A plan folder of a tree: to a folder at ``target`` (a folder format), else to one plan there."""
    source = detect_folder(folder) or "speckit-github"
    plan = read_folder(folder, source)
    try:
        if options.to in FOLDERS:
            wrote = write_folder(plan, target, options.to, strict=options.strict, force=options.force)
            style = options.report_style
            report = None if style is None else _folder_report_part(plan, wrote, source, options.to, str(folder), style)
            told = folder_warnings(plan, wrote.losses, shown=str(folder), target=options.to, written=wrote.written)
            warnings = tuple(told) if options.warn and wrote.losses and wrote.written else ()
            return _FileOutcome("written" if wrote.written else "unchanged", report=report, warnings=warnings)
        result = convert_plan(plan, options.to, source=source, strict=options.strict, unfilled=options.unfilled)
    except LossError as error:
        return _FileOutcome("lossy", f"{folder}: {error}")
    return _published(options, result, folder, target)


def _published(options: _TreeOptions, result: Conversion, source: Path, target: Path) -> _FileOutcome:
    """``result`` (the conversion of ``source``) written to ``target``, with its report part if asked for."""
    target.parent.mkdir(parents=True, exist_ok=True)
    written = _publish(target, result.text, force=options.force, sweep=False)
    report = None if options.report_style is None else _report_part(result, str(source), options.report_style)
    # An output up to date was warned of when it was written: a rerun says only its counts.
    warnings = tuple(_lost_lines(result, str(source), folder=source.is_dir())) if options.warn and written else ()
    return _FileOutcome("written" if written else "unchanged", report=report, warnings=warnings)


def _convert_file(options: _TreeOptions, job: _FileJob) -> _FileOutcome:
    """Convert ``job``'s file and write its output (in this process or a worker of the pool)."""
    path, target = job.path, job.target
    try:
        if job.refusal is not None:
            raise PlanError(job.refusal, path=str(path))
        if options.skip_existing and exists(target):
            return _FileOutcome("existing")
        if path.is_dir():
            return _convert_feature_in_tree(options, path, target)
        if options.to in _FOLDER_ONLY:
            try:
                detect(read_plan_file(str(path)))
            except UnknownFormatError:
                return _FileOutcome("not_plan", str(path))
            raise PlanError(
                f"{options.to} is a folder format: a tree converts only its plan folders to it", path=str(path)
            )
        try:
            result = convert(
                read_plan_file(str(path)),
                options.to,
                source=options.source,
                strict=options.strict,
                unfilled=options.unfilled,
            )
        except UnknownFormatError:
            return _FileOutcome("not_plan", str(path))
        except LossError as error:
            return _FileOutcome("lossy", f"{path}: {error}")
        return _published(options, result, path, target)
    except PlanError as error:
        error.path = error.path or str(path)
        return _FileOutcome("failed", str(error))
    except OSError as error:
        return _FileOutcome("failed", f"{path}: {error.strerror or error}")


def _convert_tree(args: argparse.Namespace) -> int:
    """Convert every plan under a folder into the same tree under OUTDIR.

    Markdown files that are no plan (a README) are skipped and listed; an
    output already holding exactly its conversion is left as it is ("up to
    date"), so a second run into the same OUTDIR succeeds. The files are
    converted by ``--jobs`` processes (default: one per core); what is written
    and printed is the same as from one.
    """
    from ._batch import BatchInterrupted, Progress, cores, run_batch

    root = Path(args.input)
    if args.in_place:
        _error(f"{root}: is a folder; --in-place takes one INPUT file (give -o OUTDIR for a folder)")
        return EXIT_USAGE
    if not args.output:
        _error(f"{root}: is a folder; give -o OUTDIR for the converted tree")
        return EXIT_USAGE
    if args.force and args.skip_existing:
        _error("--force and --skip-existing contradict each other; give one")
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
    inputs = {path.resolve() for path in plans}
    # A folder of a folder format is converted as one plan (to its plan.md's place, or to a folder of
    # a folder format).
    plans, features = _with_folders(plans)
    jobs = []
    for path in plans:
        # A relative path from os.walk cannot climb out of OUTDIR by its names;
        # a symbolic link inside OUTDIR could, and is refused before any
        # folder is made through it.
        target = out_root / path.relative_to(root)
        if path in features and args.to not in FOLDERS:
            target = target / "plan.md"
        refusal = None
        if _leads_out(target.parent, out_root, real_out):
            refusal = f"{target} would be written outside {out_root}; refusing"
        elif target.resolve() in inputs:
            refusal = f"{target} is an input file; refusing to overwrite it"
        jobs.append(_FileJob(path, target, refusal))
    del inputs
    # Temporaries left by killed runs: one look at each output folder, not one per file.
    folders: dict[Path, list[str]] = {}
    for job in jobs:
        if job.refusal is None:
            folders.setdefault(job.target.parent, []).append(job.target.name)
    for folder, names in folders.items():
        _sweep_and_warn(folder, names)
    del folders
    style = (args.report_format or "text") if _wants_report(args) else None
    unfilled: Literal["keep", "drop"] = "drop" if args.drop_unfilled else "keep"
    warn = not (_wants_report(args) or args.quiet)
    options = _TreeOptions(args.to, args.source, args.strict, args.force, args.skip_existing, style, unfilled, warn)
    counts = dict.fromkeys(("written", "unchanged", "existing", "not_plan", "lossy", "failed"), 0)
    failures: list[str] = []
    lossy: list[str] = []
    non_plans: list[str] = []
    reports: list[str | dict[str, object]] = []
    warnings: list[str] = []
    progress = Progress(len(jobs), sys.stderr, shown=not args.quiet)

    def tally(outcome: _FileOutcome) -> None:
        counts[outcome.outcome] += 1
        if outcome.report is not None:
            reports.append(outcome.report)
        warnings.extend(outcome.warnings)
        {"not_plan": non_plans, "lossy": lossy, "failed": failures}.get(outcome.outcome, []).append(outcome.message)
        progress.advance()

    interrupted = None
    try:
        run_batch(functools.partial(_convert_file, options), jobs, tally, jobs=args.jobs or cores())
    except BatchInterrupted as stop:
        interrupted = stop
    finally:
        progress.close()
    if reports:
        _write_stdout(_report_text(reports, style or "text"))
    # After the progress bar, which a line written meanwhile would break.
    for warning in warnings:
        _warning(warning)
    for name in non_plans:
        _note(f"{name}: not a plan (no format fits); skipped")
    for failure in skipped + failures + lossy:
        _error(failure)
    if interrupted is not None:
        _note(f"interrupted after {interrupted.done} of {interrupted.total} files; no file was left half written")
        return EXIT_INTERRUPTED
    total = len(plans) - len(non_plans)
    converted = counts["written"] + counts["unchanged"]
    summary = f"plancore: converted {converted} of {total} plans"
    if counts["unchanged"]:
        summary += f" ({counts['unchanged']} up to date)"
    if counts["existing"]:
        summary += f"; left {counts['existing']} existing outputs unread (--skip-existing)"
    if non_plans:
        summary += f"; skipped {len(non_plans)} not a plan"
    if skipped:
        summary += f"; skipped {len(skipped)} (symbolic links not followed, not regular files)"
    print(_shown(summary), file=sys.stderr)
    if skipped or failures:
        return EXIT_BAD_INPUT
    return EXIT_LOSSES if lossy else EXIT_OK


def _with_folders(plans: list[Path]) -> tuple[list[Path], list[Path]]:
    """``plans`` (Markdown files under a folder) with the files of each plan kept as a folder (a Kiro
    spec, an OpenSpec change, a Spec Kit feature holding tasks.md) replaced by that folder, the folders
    last; and those folders."""
    kinds = {parent: detect_folder(parent) for parent in {path.parent for path in plans}}
    features = sorted(
        {
            path.parent
            for path in plans
            if kinds[path.parent] is not None and (path.name == "tasks.md" or kinds[path.parent] != "speckit-github")
        }
    )
    # A folder inside another (an OpenSpec change's specs/<capability>/) is a part of that one.
    features = [folder for folder in features if not any(other in folder.parents for other in features)]
    kept = [path for path in plans if not any(_inside(path, feature) for feature in features)]
    return kept + features, features


def _detect(args: argparse.Namespace) -> int:
    """Print ``NAME: FORMAT`` per file; in a folder, ``NAME: not a plan`` for Markdown that is none.
    With ``--explain``, every format follows, indented, best first, with its score, whether it fits and its marks."""
    status = EXIT_OK

    def one(shown: str, text: str, lenient: bool) -> None:
        # ``lenient``: a file in a folder that is no plan is said to be none, not an error.
        unknown: UnknownFormatError | None = None
        try:
            found = detect(text)
        except UnknownFormatError as error:
            if not (lenient or args.explain):
                raise
            found, unknown = "not a plan", error
        print(f"{shown}: {found}")
        if args.explain:
            # Every format, the ones that scored nothing too: when none fits, that is the answer asked for.
            for score in detect_scores(text):
                marks = "; ".join(score.marks) or "none"
                verdict = "fits" if score.fits else f"below {MIN_SCORE:.2f}"
                print(
                    f"  {score.format}: {score.score:.2f}, {verdict} "
                    f"(template headings {score.headings:.0%}; marks: {marks})"
                )
        if unknown is not None and not lenient:
            # The scores are printed above: pointing at ``detect --explain`` again would send the reader in a circle.
            raise UnknownFormatError(
                "no plan format fits (how close each came is above); to convert it, name the format: "
                "`plancore convert FILE -f FORMAT -t TARGET`",
                line=unknown.line,
            )

    for name in args.files:
        folder_format = detect_folder(Path(name)) if name != "-" else None
        if folder_format is not None:
            # A plan kept as a folder (a Kiro spec, a Spec Kit feature) is one plan: its folder format.
            print(f"{_shown(Path(name))}: {folder_format} (folder)")
            continue
        if name != "-" and Path(name).is_dir():
            plans, skipped = _plans_under(Path(name), None, args.include, args.exclude)
            for failure in skipped:
                _error(failure)
                status = EXIT_BAD_INPUT
            plans, folders = _with_folders(plans)
            for path in plans:
                if path in folders:
                    print(f"{_shown(path)}: {detect_folder(path)} (folder)")
                    continue
                try:
                    one(_shown(path), read_plan_file(str(path)), True)
                except PlanError as error:
                    error.path = error.path or str(path)
                    _error(error)
                    status = EXIT_BAD_INPUT
            continue
        try:
            one(_shown(name), read_plan_file(name), False)
        except PlanError as error:
            error.path = error.path or name
            _error(error)
            status = EXIT_BAD_INPUT
    return status


def _formats(_: argparse.Namespace) -> int:
    width = max(len(name) for name in (*FORMATS, *FOLDERS))
    for name, fmt in FORMATS.items():
        folder = f"  (also a folder: {FOLDERS[name].description})" if name in FOLDERS else ""
        print(f"{name:<{width}}  {fmt.description}  [{fmt.origin}]{folder}")
    for name in _FOLDER_ONLY:
        print(f"{name:<{width}}  folder: {FOLDERS[name].description}")
    return EXIT_OK


def _new(args: argparse.Namespace) -> int:
    if args.format in _FOLDER_ONLY:
        # A folder format has no one blank text to print; its folder is made by converting a plan into it.
        _error(
            f"{args.format} is a folder format: `new` prints a single-file format's blank template "
            f"({', '.join(FORMATS)}); make {'an' if args.format[0] in 'aeiou' else 'a'} {args.format} folder with "
            f"`plancore new speckit-github > plan.md && plancore convert plan.md -t {args.format} -o DIR/`"
        )
        return EXIT_USAGE
    _write_stdout(get_format(args.format).blank_text)
    return EXIT_OK


def _schema(_: argparse.Namespace) -> int:
    from ._json import json_schema

    _write_stdout(json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n")
    return EXIT_OK


def _check(args: argparse.Namespace) -> int:
    """Check each plan file (a folder: its ``*.md`` files); exit 1 on findings.

    A file no format fits is skipped with a note (a README beside the plans);
    one that cannot be read is a ``PC000`` finding.
    """
    from ._check import Finding, check, check_folder

    files: list[str] = []
    folders: list[Path] = []
    notes: list[str] = []
    for name in args.paths:
        path = Path(name)
        if path.is_dir() and (detect_folder(path) is not None or args.format in _FOLDER_ONLY):
            folders.append(path)
        elif path.is_dir():
            plans, failures = _plans_under(path, path)
            # A plan kept as a folder (a Kiro spec, an OpenSpec change, a feature with tasks.md) is checked as one.
            plans, plan_folders = _with_folders(plans)
            files += [str(plan) for plan in plans if plan not in plan_folders]
            folders += plan_folders
            notes += failures
        elif name != "-" and args.format not in FORMATS and (folder := _plan_folder_of(path)) is not None:
            # A file of a plan kept as a folder (as pre-commit passes it) is checked with its folder, once.
            if folder not in folders:
                folders.append(folder)
        elif path.exists() or name == "-":
            files.append(name)
        else:
            _error(f"{name}: no such file or folder")
            return EXIT_USAGE
    findings: list[Finding] = []
    for folder in folders:
        try:
            findings += check_folder(folder, args.format if args.format in FOLDERS else None)
        except PlanError as error:
            findings.append(
                Finding(code="PC000", line=error.line or 1, message=error.message, path=error.path or str(folder))
            )
    skipped = 0
    for name in files:
        shown = "<stdin>" if name == "-" else name
        try:
            found = check(read_plan_file(name), args.format if args.format in FORMATS else None)
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
            "checked": len(files) + len(folders) - skipped,
            "skipped": notes,
        }
        _write_stdout(json.dumps(document, ensure_ascii=False, indent=2) + "\n")
    else:
        _write_stdout("".join(_shown(finding) + "\n" for finding in findings))
        for note in notes:
            print(f"plancore: note: {_shown(note)}", file=sys.stderr)
    return EXIT_BAD_INPUT if findings else EXIT_OK


def _plan_folder_of(path: Path) -> Path | None:
    """The plan folder whose file ``path`` is (``design.md`` of a Kiro spec, ``specs/auth/spec.md`` of an
    OpenSpec change, ``tasks.md`` of a Spec Kit feature holding one), as tree conversion groups them."""
    if not path.is_file():
        return None
    found = None
    # The outermost of the folders up to three levels above: an OpenSpec change, not its specs/<capability>/.
    for folder in list(path.parents)[:3]:
        kind = detect_folder(folder)
        if kind is None:
            continue
        relative = path.relative_to(folder).as_posix()
        is_part = any(fnmatch.fnmatchcase(relative, glob) for glob, _ in FOLDERS[kind].parts)
        # A plan.md alone is a plan file, whatever its format; with tasks.md beside it, a feature.
        grouped = kind != "speckit-github" or (folder / "tasks.md").is_file()
        if is_part and grouped:
            found = folder
    return found


def _migrate(args: argparse.Namespace) -> int:
    """Migrate SRC's plans; per plan one line (and what the target cannot hold), then a summary."""
    from ._batch import BatchInterrupted, Progress
    from ._migrate import migrate

    if not Path(args.src).is_dir():
        _error(f"{args.src}: is not a folder")
        return EXIT_USAGE
    bar: list[Progress] = []

    def progress(count: int) -> None:
        if bar:
            bar[0].advance()
        else:
            bar.append(Progress(count, sys.stderr, shown=not (args.quiet or args.json)))

    try:
        result = migrate(
            args.src, args.to, args.output, dry_run=args.dry_run, allow_dirty=args.allow_dirty, jobs=args.jobs,
            progress=progress,
        )  # fmt: skip
    except BatchInterrupted as stop:
        for shown in bar:
            shown.close()
        _note(f"interrupted after {stop.done} of {stop.total} files; no file was left half written")
        return EXIT_INTERRUPTED
    for shown in bar:
        shown.close()
    if args.json:
        _write_stdout(json.dumps(result.as_dict(), ensure_ascii=False, indent=2) + "\n")
    else:
        lines = []
        for plan in result.plans:
            would = args.dry_run and plan.action in ("written", "updated")
            action = f"would be {plan.action}" if would else plan.action
            what = f"{plan.source_format} -> {args.to}" if plan.source_format else "unread"
            lines.append(f"{plan.source} -> {plan.target} ({what}): {action}")
            lines += [f"  {message}" for message in (plan.message, *plan.lost) if message]
        _write_stdout("".join(_shown(line) + "\n" for line in lines))
        for name in result.skipped:
            _note(f"{name}: not a plan; skipped")
        for change in result.dirty:
            _note(f"uncommitted: {change} (a real run refuses to start; --allow-dirty)")
    counts: dict[str, int] = {}
    for plan in result.plans:
        # A dry run writes nothing: its count says what would be, as its lines do.
        action = f"would be {plan.action}" if args.dry_run and plan.action in ("written", "updated") else plan.action
        counts[action] = counts.get(action, 0) + 1
    done = ", ".join(f"{count} {action}" for action, count in sorted(counts.items())) or "none"
    verb = "would migrate" if args.dry_run else "migrated"
    count = len(result.plans)
    summary = f"plancore: {verb} {count} {'plan' if count == 1 else 'plans'} to {args.to} ({done})"
    if result.skipped:
        summary += f"; skipped {len(result.skipped)} not a plan"
    print(_shown(summary), file=sys.stderr)
    return EXIT_OK if result.ok else EXIT_BAD_INPUT


_HANDLERS = {
    "convert": _convert,
    "detect": _detect,
    "formats": _formats,
    "new": _new,
    "schema": _schema,
    "check": _check,
    "migrate": _migrate,
}


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    tokens = list(sys.argv[1:] if argv is None else argv)
    try:
        args = _parser(tokens[0] if tokens and tokens[0] in _HANDLERS else None).parse_args(tokens)
    except SystemExit as stop:
        # argparse has printed the usage error (or the help, or the version).
        return stop.code if isinstance(stop.code, int) else EXIT_OK
    try:
        return _HANDLERS[args.command](args)
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
