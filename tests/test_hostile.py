"""Hostile and broken input: a clean outcome, bounded time, nothing evaluated.

Every public function, given any input, succeeds or raises a ``PlanError``
naming the line; the command line names the file too. Plan content holding
template syntax comes out verbatim. (The time each pathological shape costs as
it grows is measured by ``benchmarks/bench_scaling.py``; here a generous
timeout only guards against hangs.)
"""

from __future__ import annotations

import contextlib
import functools
import io
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import typing
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import attrs
import jinja2
import pytest
from helpers import LONG_TESTS
from hypothesis import given
from hypothesis import strategies as st
from strategies import any_bytes, any_text, hostile_plans

import plancore
from plancore import _registry
from plancore._cli import main
from plancore._errors import EmitError, ParseError, PlanTypeError, line_at
from plancore._format import Format, _environment

FORMATS = plancore.formats()
EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "smartspec-plan.md"
BLANKS = "\ufeff \t\r\n"


def example() -> str:
    return EXAMPLE.read_bytes().decode("utf-8")


def readable(text: str) -> bool:
    """Whether ``text`` can be read as a plan at all: not blank, no NUL, valid Unicode."""
    if not text.strip(BLANKS) or "\x00" in text:
        return False
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def assert_names_a_line(error: plancore.PlanError, text: str | bytes) -> None:
    assert isinstance(error.line, int), error
    assert 1 <= error.line <= line_at(text, len(text)), (error.line, error)
    assert error.message and "\n" not in error.message


def with_summary(body: str) -> str:
    """The example SmartSpec plan with ``body`` as its executive summary."""
    text = example()
    start = text.index("## Executive Summary\n\n") + len("## Executive Summary\n\n")
    end = text.index("\n## ", start)
    return text[:start] + body + "\n" + text[end:]


# ---------------------------------------------------------------------------
# Any text, any bytes: success or a PlanError naming the line.


@given(any_text)
def test_detect_any_text(text: str) -> None:
    try:
        name = plancore.detect(text)
    except plancore.PlanError as error:
        assert isinstance(error, ParseError | plancore.UnknownFormatError)
        assert_names_a_line(error, text)
    else:
        assert name in FORMATS


@given(any_text, st.sampled_from(FORMATS))
def test_parse_any_text_in_every_format(text: str, name: str) -> None:
    if not readable(text):
        with pytest.raises(ParseError) as caught:
            plancore.parse(text, name)
        assert_names_a_line(caught.value, text)
        return
    plan = plancore.parse(text, name)
    assert plancore.emit(plan, name) == text


@given(any_text, st.sampled_from(FORMATS), st.sampled_from(FORMATS))
def test_convert_any_text_to_every_format(text: str, source: str, target: str) -> None:
    if not readable(text):
        with pytest.raises(ParseError) as caught:
            plancore.convert(text, target, source=source)
        assert_names_a_line(caught.value, text)
        return
    result = plancore.convert(text, target, source=source)
    if source == target:
        assert result.text == text
    else:
        plancore.parse(result.text, target)
    try:
        plancore.convert(text, target)
    except plancore.UnknownFormatError as error:
        assert error.line == 1


@given(hostile_plans, st.sampled_from(FORMATS))
def test_emit_any_plan(plan: plancore.Plan, name: str) -> None:
    text = plancore.emit(plan, name)
    assert isinstance(text, str)
    if readable(text):
        plancore.parse(text, name)


@given(any_bytes)
def test_decoded_bytes(data: bytes) -> None:
    # Undecodable bytes become lone surrogates, which no function accepts.
    escaped = data.decode("utf-8", "surrogateescape")
    replaced = data.decode("utf-8", "replace")
    for text in (escaped, replaced):
        for call in (plancore.detect, functools.partial(plancore.parse, format="smartspec")):
            try:
                call(text)
            except plancore.PlanError as error:
                assert_names_a_line(error, text)
        try:
            plancore.convert(text, "speckit", source="maestro")
        except plancore.PlanError as error:
            assert_names_a_line(error, text)
    if readable(replaced):
        plancore.parse(replaced, "aadt")


@contextlib.contextmanager
def captured() -> Iterator[tuple[io.BytesIO, io.StringIO]]:
    """Standard output (as bytes) and standard error of ``main`` run in this process."""
    out, err = io.BytesIO(), io.StringIO()
    stdout = io.TextIOWrapper(out, encoding="utf-8", newline="")
    try:
        with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(err):
            yield out, err
    finally:
        stdout.flush()
        stdout.detach()  # so that ``out`` stays open


def run_main(*args: str) -> tuple[int, bytes, str]:
    with captured() as (out, err):
        status = main(list(args))
    return status, out.getvalue(), err.getvalue()


def cli_error_line(data: bytes) -> int | None:
    """The line the command line should name for ``data``, when it refuses it."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return None if readable(text) else 1


@given(any_bytes, st.sampled_from(FORMATS))
def test_cli_any_bytes(data: bytes, target: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "plan.md"
        path.write_bytes(data)
        status, out, err = run_main("convert", str(path), "--to", target)
        detected = run_main("detect", str(path))
    for code, stderr in ((status, err), (detected[0], detected[2])):
        lines = stderr.splitlines()
        if code == 0:
            assert all(line.startswith("plancore: warning: ") for line in lines), lines
            continue
        assert code == 1
        assert len(lines) == 1, lines
        where = re.match(rf"plancore: error: {re.escape(str(path))}:(\d+): \S", lines[0])
        assert where, lines[0]
        assert 1 <= int(where.group(1)) <= line_at(data, len(data))
    if status == 0:
        out.decode("utf-8")
    # The command line and the functions name the same line for bytes they refuse.
    text = data.decode("utf-8", "surrogateescape")
    if not readable(text):
        assert status == 1
        with pytest.raises(ParseError) as caught:
            plancore.parse(text, target)
        assert f"{path}:{caught.value.line}:" in err


# ---------------------------------------------------------------------------
# Targeted cases.


def test_random_bytes() -> None:
    data = random.Random(4).randbytes(10_000)
    with pytest.raises(UnicodeDecodeError) as caught:
        data.decode("utf-8")
    offset = caught.value.start
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "noise.md"
        path.write_bytes(data)
        status, out, err = run_main("convert", str(path), "--to", "speckit")
    assert (status, out) == (1, b"")
    assert err == f"plancore: error: {path}:{line_at(data, offset)}: not valid UTF-8 at byte offset {offset}\n"


@pytest.mark.parametrize(
    ("data", "line"),
    [
        (b"# Plan\n\nok \xc3\x28", 3),
        (b"# Plan\r\n\r\nok \xc3\x28", 3),
        (b"# Plan\r\rok\r\xff", 4),
        (b"\xe2\x82", 1),
        (b"# Plan\n" + "é".encode() * 100 + b"\n\xed\xa0\x80\n", 3),  # an encoded surrogate
    ],
)
def test_invalid_utf8_names_the_line(data: bytes, line: int, tmp_path: Path) -> None:
    path = tmp_path / "bad.md"
    path.write_bytes(data)
    status, _, err = run_main("convert", str(path), "--to", "smartspec")
    assert status == 1
    assert err.startswith(f"plancore: error: {path}:{line}: not valid UTF-8 at byte offset ")
    with pytest.raises(ParseError) as caught:
        plancore.parse(data.decode("utf-8", "surrogateescape"))
    assert caught.value.line == line
    assert "surrogate" in caught.value.message


def test_utf16_is_named(tmp_path: Path) -> None:
    path = tmp_path / "wide.md"
    path.write_bytes(example().encode("utf-16"))
    status, _, err = run_main("detect", str(path))
    assert status == 1
    assert f"{path}:1: not valid UTF-8 at byte offset 0 (it is UTF-16: save it as UTF-8)" in err


def test_nul_bytes_name_the_line(tmp_path: Path) -> None:
    text = with_summary("Fine.\n\nBroken \x00 here.")
    line = text[: text.index("\x00")].count("\n") + 1
    with pytest.raises(ParseError, match="NUL") as caught:
        plancore.parse(text)
    assert caught.value.line == line
    for call in (lambda: plancore.detect(text), lambda: plancore.convert(text, "maestro", source="smartspec")):
        with pytest.raises(ParseError, match="NUL"):
            call()
    path = tmp_path / "nul.md"
    path.write_bytes(text.encode())
    status, out, err = run_main("convert", str(path), "--to", "maestro")
    assert (status, out) == (1, b"")
    assert err.startswith(f"plancore: error: {path}:{line}: a NUL byte at byte offset ")
    assert len(err.splitlines()) == 1


# The long run (PLANCORE_LONG_TESTS=1) reads plans of 10 MB and 100,000 lines;
# the default run the same shapes at a tenth of that.
_BIG = 10 if LONG_TESTS else 1


def test_a_big_plan_converts() -> None:
    paragraph = "The service sends a reset link that expires after one hour; tokens are hashed at rest.\n"
    count = 1_500 * _BIG
    body = "\n".join(paragraph * 8 for _ in range(count)) + "\nLAST PARAGRAPH"
    text = with_summary(body)
    assert len(text.encode()) > 1_000_000 * _BIG
    assert plancore.convert(text, "smartspec").text == text
    result = plancore.convert(text, "speckit")
    assert result.text.count(paragraph) == 8 * count
    assert "LAST PARAGRAPH" in result.text


def test_many_lines() -> None:
    count = 10_000 * _BIG
    lines = [f"Line {number} of the notes, with `code` and *emphasis*." for number in range(count)]
    text = with_summary("\n".join(lines))
    assert text.count("\n") > count
    plan = plancore.parse(text, "smartspec")
    assert plan.summary.startswith("Line 0 of") and plan.summary.endswith(
        f"Line {count - 1} of the notes, with `code` and *emphasis*."
    )
    result = plancore.convert(text, "maestro")
    assert f"Line {count - 1} of the notes" in result.text


@pytest.mark.parametrize(
    "nested",
    [
        "- " * 10_000 + "deepest",
        "1. " * 10_000 + "deepest",
        "> " * 10_000 + "deepest",
        ">" * 10_000 + " deepest",
        "> - " * 5_000 + "deepest",
        "- > " * 5_000 + "deepest",
        "\n".join("  " * depth + "- item" for depth in range(500)) + "\n" + "  " * 500 + "- deepest",
        "\n".join(">" * depth + " line" for depth in range(1, 500)) + "\n" + ">" * 500 + " deepest",
    ],
    ids=["list", "ordered", "quote", "quote-tight", "quote-list", "list-quote", "list-lines", "quote-lines"],
)
def test_nesting_10_000_deep_is_read(nested: str) -> None:
    text = with_summary(nested)
    plan = plancore.parse(text, "smartspec")
    assert plan.summary == nested
    assert plancore.emit(plan, "smartspec") == text
    for target in ("maestro", "speckit"):
        output = plancore.convert(text, target).text
        assert nested in output
        # Carried as a section of its own (maestro), or the Context fence (speckit).
        back = plancore.parse(output, target)
        assert back.specification == nested or any(nested in s.body for s in back.extra_sections)


def test_unclosed_fence_swallows_the_rest_verbatim() -> None:
    text = with_summary("Before.\n\n```python\nnever closed")
    plan = plancore.parse(text, "smartspec")
    # Markdown reads everything after an unclosed fence as code: no more sections.
    assert plan.summary.startswith("Before.\n\n```python\nnever closed\n")
    assert "## Technical Decisions" in plan.summary
    assert plancore.convert(text, "smartspec").text == text
    for target in FORMATS:
        output = plancore.convert(text, target).text
        assert "never closed" in output and "Tokens must survive a restart" in output


def test_ragged_tables_lose_no_cell() -> None:
    text = example()
    text = text.replace(
        "| ResetController | Accepts reset requests and new passwords | FastAPI | Rate limited per IP |",
        "| ResetController | Accepts reset requests | FastAPI | Rate limited | EXTRA-ONE | EXTRA-TWO |",
    )
    text = text.replace("| Mailer | Sends the reset email | Celery + SMTP | Retries 3 times |", "| Mailer-alone |")
    text = text.replace("|-----------|---------------|------------|-------|", "|---|---|")
    assert plancore.convert(text, "smartspec").text == text
    for target in FORMATS:
        output = plancore.convert(text, target).text
        for cell in ("EXTRA-ONE", "EXTRA-TWO", "Mailer-alone", "TokenStore"):
            assert cell in output, (target, cell)


def test_rows_full_of_pipes() -> None:
    text = with_summary("| a | b |\n|---|---|\n" + "|" * 5_000 + "\n" + "| x " * 2_000 + "|")
    assert plancore.convert(text, "smartspec").text == text
    for target in FORMATS:
        assert plancore.convert(text, target).text.count("| x ") >= 2_000


@pytest.mark.parametrize("name", FORMATS)
def test_a_document_of_only_headings(name: str) -> None:
    headings = "\n".join(line for line in plancore.emit(plancore.Plan(), name).splitlines() if line.startswith("#"))
    assert plancore.detect(headings) == name
    for target in FORMATS:
        plancore.convert(headings, target)
    assert plancore.convert(headings, name).text == headings


def test_a_document_of_unknown_headings() -> None:
    text = "".join(f"{'#' * (1 + number % 6)} Heading {number}\n" for number in range(200))
    with pytest.raises(plancore.UnknownFormatError) as caught:
        plancore.detect(text)
    assert caught.value.line == 1
    for name in FORMATS:
        assert plancore.convert(text, name, source=name).text == text


@pytest.mark.parametrize("mark", ["{{", "{%", "{#", "}}", "%}", "#}", "{{ x", "{% if"])
def test_lone_template_marks(mark: str) -> None:
    text = with_summary(f"Odd {mark} here.\n\n{mark}")
    for target in FORMATS:
        output = plancore.convert(text, target).text
        assert f"Odd {mark} here." in output, target
    assert plancore.parse(text).summary == f"Odd {mark} here.\n\n{mark}"


def test_mixed_line_endings() -> None:
    unix = example()
    lines = unix.split("\n")
    endings = ["\r\n", "\n", "\r"]
    mixed = "".join(line + endings[number % 3] for number, line in enumerate(lines[:-1])) + lines[-1]
    plan = plancore.parse(mixed, "smartspec")
    assert attrs.evolve(plan, source=None) == attrs.evolve(plancore.parse(unix, "smartspec"), source=None)
    assert plancore.detect(mixed) == "smartspec"
    assert plancore.convert(mixed, "smartspec").text == mixed
    assert plancore.convert(mixed, "speckit").text == plancore.convert(unix, "speckit").text
    # Line numbers count every kind of line end.
    broken = mixed.replace("Tokens must survive", "Tokens \x00 must survive")
    with pytest.raises(ParseError) as caught:
        plancore.parse(broken)
    assert caught.value.line == unix[: unix.index("Tokens must survive")].count("\n") + 1


def test_wrong_argument_types() -> None:
    for call in (
        lambda: plancore.parse(b"# Plan"),  # type: ignore[arg-type]
        lambda: plancore.detect(None),  # type: ignore[arg-type]
        lambda: plancore.convert(["# Plan"], "smartspec"),  # type: ignore[arg-type]
        lambda: plancore.emit("# Plan", "smartspec"),  # type: ignore[arg-type]
        lambda: plancore.emit(plancore.Plan(), ["smartspec"]),  # type: ignore[arg-type]
        lambda: plancore.convert(example(), 3),  # type: ignore[arg-type]
    ):
        with pytest.raises(PlanTypeError) as caught:
            call()
        assert isinstance(caught.value, plancore.PlanError) and isinstance(caught.value, TypeError)
    with pytest.raises(plancore.PlanError, match="decode it first"):
        plancore.parse(b"# Plan")  # type: ignore[arg-type]


def _broken(name: str, **changes: Callable[..., Any]) -> Format:
    return attrs.evolve(_registry.FORMATS[name], **changes)


@pytest.mark.parametrize("fault", [KeyError("x"), IndexError("list index out of range"), RecursionError()])
def test_internal_faults_become_plan_errors(fault: Exception, monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*_: object) -> typing.NoReturn:
        raise fault

    monkeypatch.setitem(_registry.FORMATS, "smartspec", _broken("smartspec", read=fail))
    with pytest.raises(ParseError, match="cannot read the text as smartspec") as caught:
        plancore.parse(example(), "smartspec")
    assert not isinstance(caught.value.__cause__, plancore.PlanError)
    with pytest.raises(ParseError):
        plancore.convert(example(), "speckit", source="smartspec")

    class Unwritable(Format):
        def emit(self, plan: plancore.Plan) -> str:
            raise fault

    monkeypatch.undo()
    fmt = _registry.FORMATS["maestro"]
    monkeypatch.setitem(_registry.FORMATS, "maestro", Unwritable(**attrs.asdict(fmt, recurse=False)))
    with pytest.raises(EmitError, match="cannot write the plan as maestro"):
        plancore.emit(plancore.Plan(), "maestro")
    with pytest.raises(EmitError):
        plancore.convert(example(), "maestro")


# ---------------------------------------------------------------------------
# No template injection.

PAYLOADS = ["{{ 7*7 }}", "{% for x in y %}", "{# c #}", "{{ ''.__class__.__mro__ }}", "{% raw %}", "{{", "{%"]


def _fill(value: Any, payload: str) -> Any:
    """``value`` (a model object) with every text field set to ``payload``, one item per list."""
    if isinstance(value, str):
        return payload
    if not attrs.has(type(value)):
        return value
    hints = typing.get_type_hints(type(value))
    changes: dict[str, Any] = {}
    for field in attrs.fields(type(value)):
        if not field.eq:
            continue
        hint = hints[field.name]
        if hint is str:
            changes[field.name] = payload
        elif typing.get_origin(hint) is tuple:
            (item, _ellipsis) = typing.get_args(hint)
            changes[field.name] = (payload,) if item is str else (_fill(item(), payload),)
        elif attrs.has(hint):
            changes[field.name] = _fill(hint(), payload)
    return attrs.evolve(value, **changes)


@pytest.mark.parametrize("payload", PAYLOADS)
@pytest.mark.parametrize("name", FORMATS)
def test_template_syntax_in_every_field_comes_out_verbatim(name: str, payload: str) -> None:
    plan = _fill(plancore.Plan(), payload)
    text = plancore.emit(plan, name)
    assert "49" not in text and "<class" not in text
    assert text.count(payload) >= 10
    for target in FORMATS:
        output = plancore.convert(text, target, source=name).text
        assert "49" not in output and "<class" not in output
        assert payload in output


@pytest.mark.parametrize("name", FORMATS)
def test_template_syntax_in_every_section_comes_out_verbatim(name: str) -> None:
    payload = "{{ 7*7 }} {% for x in y %}{{ x }}{% endfor %} {# c #} {{ ''.__class__.__mro__ }} {% raw %}"
    lines = []
    for line in plancore.emit(plancore.Plan(), name).splitlines():
        lines.append(line)
        if line.startswith("#"):
            lines += ["", payload, ""]
    text = "\n".join(lines) + "\n"
    for target in FORMATS:
        output = plancore.convert(text, target, source=name).text
        assert "49" not in output and "<class" not in output
        assert payload in output


def test_templates_are_compiled_only_from_plancore_files(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # An empty cache of compiled templates, so that every template is compiled here.
    monkeypatch.setenv("PLANCORE_CACHE_DIR", str(tmp_path))
    compiled: list[tuple[str | None, str | None]] = []
    original = jinja2.Environment.compile

    def spy(
        self: jinja2.Environment,
        source: Any,
        name: str | None = None,
        filename: str | None = None,
        *args: Any,
        **kwargs: Any,
    ) -> Any:
        compiled.append((name, filename))
        return original(self, source, name, filename, *args, **kwargs)

    monkeypatch.setattr(jinja2.Environment, "compile", spy)
    _environment.cache_clear()
    try:
        hostile = with_summary("{{ 7*7 }} {% include 'smartspec.md.j2' %} {% extends '/etc/passwd' %}")
        for target in FORMATS:
            plancore.convert(hostile, target)
            plancore.emit(plancore.Plan(), target)
    finally:
        _environment.cache_clear()
    templates = Path(plancore.__file__).resolve().parents[2] / "templates"
    packaged = Path(plancore.__file__).resolve().parent / "templates"
    assert compiled
    for name, filename in compiled:
        assert name is not None and filename is not None
        assert name.endswith(".md.j2")
        assert Path(filename).resolve().parent in (templates, packaged), filename


@pytest.mark.parametrize("where", ["under-a-file", "damaged"])
def test_a_template_cache_it_cannot_use_is_done_without(
    where: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    expected = plancore.convert(example(), "maestro").text
    cache = tmp_path / "cache"
    if where == "under-a-file":
        (tmp_path / "file").write_text("x")
        cache = tmp_path / "file" / "cache"
    monkeypatch.setenv("PLANCORE_CACHE_DIR", str(cache))
    _environment.cache_clear()
    try:
        if where == "damaged":
            plancore.convert(example(), "maestro")
            files = list(cache.rglob("*.cache"))
            assert files
            for path in files:
                path.write_bytes(path.read_bytes()[:40])
            _environment.cache_clear()
        assert plancore.convert(example(), "maestro").text == expected
    finally:
        _environment.cache_clear()


def test_a_template_compiled_before_is_taken_from_the_cache(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # The cache is read by plancore's own reading of jinja2's files: a reading that failed every
    # time would compile every template afresh, and only be slower.
    monkeypatch.setenv("PLANCORE_CACHE_DIR", str(tmp_path))
    _environment.cache_clear()
    try:
        expected = plancore.convert(example(), "maestro").text
        assert list(tmp_path.rglob("*.cache"))
        _environment.cache_clear()
        compiled: list[object] = []
        original = jinja2.Environment.compile

        def spy(self: jinja2.Environment, *args: Any, **kwargs: Any) -> Any:
            compiled.append(args[1] if len(args) > 1 else kwargs.get("name"))
            return original(self, *args, **kwargs)

        monkeypatch.setattr(jinja2.Environment, "compile", spy)
        assert plancore.convert(example(), "maestro").text == expected
        assert compiled == []
    finally:
        _environment.cache_clear()


# ---------------------------------------------------------------------------
# Bounded time: a hang guard (the scaling figures live in benchmarks/bench_scaling.py).

# About 100,000 characters each: linear work takes well under a second, while
# one quadratic step would take minutes.
HANG_SHAPES = {
    "stars": "*" * 100_000,
    "underscores": "_a" * 50_000,
    "brackets": "[" * 100_000,
    "links": "[a](" * 25_000,
    "angles": "<" * 100_000,
    "tags": "<a " * 35_000,
    "backticks": "`a" * 50_000,
    "emphasis": "*a _b " * 8_000 + "c" + "_ *" * 8_000,
    "pipes": "| a | b |\n|---|---|\n" + "|" * 100_000,
    "deep-list": "- " * 50_000 + "x",
    "deep-quote": "> " * 50_000 + "x",
    "heading-blanks": "### a" + " " * 100_000 + "b",
    "rule-like": "- " * 25_000 + "x\n" + "-" * 50_000 + "x",
    "labels": "**" * 50_000 + ":",
    "phase-priorities": "## Implementation Phases\n\n### Phase 1: a " + "[Priority: b] " * 7_000 + "x",
    "phase-priority-close": "## Implementation Phases\n\n### Phase 1: a [Priority: b" + "] " * 50_000 + "x",
    "phase-blanks": "## Implementation Phases\n\n### Phase 1: a" + " " * 100_000 + "b (x) ✅",
    # Trailing rules were taken off one re-split of the section at a time.
    "trailing-rules": "Text.\n\n" + "---\n" * 25_000,
}

_HANG_SCRIPT = """
import json, sys, plancore
for name, body in json.load(sys.stdin).items():
    text = "# Implementation Plan: X\\n\\n## Executive Summary\\n\\n" + body + "\\n\\n## Rollback Plan\\n\\nUndo.\\n"
    plancore.detect(text)
    for source in plancore.formats():
        plancore.parse(text, source)
    plancore.convert(text, "smartspec")
    plancore.convert(text, "speckit")
    print(name, flush=True)
"""


def test_pathological_shapes_do_not_hang() -> None:
    env = {**os.environ, "PYTHONPATH": str(Path(plancore.__file__).resolve().parents[1])}
    done = subprocess.run(
        [sys.executable, "-c", _HANG_SCRIPT],
        input=json.dumps(HANG_SHAPES),
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == list(HANG_SHAPES)


# Edits of plans of many alike parts: the edited text is merged into the
# source (see ``_splice``), which once compared whole documents line by line.
# Sizes a quadratic merge still finishes in seconds; raise them once it is linear.
_EDIT_SCRIPT = """
import attrs, plancore
phase = ("### Phase {0}: Work item {0} [Priority: HIGH]\\n\\n**Duration**: 2 days\\n\\n"
         "#### Tasks\\n1. [ ] Task a {0}\\n2. [x] Task b {0}\\n\\n")
text = ("<!-- FEATURE_ID: 001 -->\\n# Implementation Plan: X\\n\\n## Implementation Phases\\n\\n"
        + "".join(phase.format(index) for index in range(60)))
plan = plancore.parse(text, "specpulse")
last = plan.phases[-1]
ticked = attrs.evolve(last, tasks=(attrs.evolve(last.tasks[0], done=True), *last.tasks[1:]))
out = plancore.emit(attrs.evolve(plan, phases=(*plan.phases[:-1], ticked)), "specpulse")
assert out.count("[x]") == text.count("[x]") + 1
print("tick-one-of-many-phases", flush=True)
text = open(EXAMPLE, encoding="utf-8").read() + "".join(
    f"\\n## Notes {index}\\n\\nA remark on part {index} of the work.\\n" for index in range(600)
)
plan = plancore.parse(text, "smartspec")
out = plancore.emit(attrs.evolve(plan, metadata=attrs.evolve(plan.metadata, title="Another Title")), "smartspec")
assert "Another Title" in out and "## Notes 599" in out
print("title-of-many-unknown-sections", flush=True)
"""


def test_edits_of_plans_of_many_alike_parts_do_not_hang() -> None:
    env = {**os.environ, "PYTHONPATH": str(Path(plancore.__file__).resolve().parents[1])}
    done = subprocess.run(
        [sys.executable, "-c", f"EXAMPLE = {str(EXAMPLE)!r}\n" + _EDIT_SCRIPT],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["tick-one-of-many-phases", "title-of-many-unknown-sections"]
