"""How many times a conversion reads and writes text, per target: each reader, outline and render counted.

For each target format, every benchmark document (``bench_parse_emit.documents``) not already in it is
converted once, with plancore's kept results (``forget_texts``) dropped before each conversion so that
each is counted as a conversion run alone would be. Counted per conversion, with the characters each
call took, as a share of the input's characters:

- ``read:NAME``: a run of format NAME's reader (``Format.read``, results not kept);
- ``outline``: a full mistune block parse of a text (``_markdown._outline``);
- ``outline-part``: a partial one, of a text derived from a kept one (``_markdown._reparsed``);
- ``render:NAME``: a run of NAME's writer template (``Format.laid_out``).

Each is split by the conversion stage that made it, the innermost of ``STAGES`` on the stack
(``_read``: the source's reading, ``read back``: the output's, for its loss check).

Run: ``python benchmarks/count_reads.py [TARGET ...] [--no-stages]``.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_parse_emit

import plancore
from plancore import _format, _markdown
from plancore._format import PART_FORMATS, forget_texts
from plancore._registry import FORMATS

# The stages of a conversion, innermost first wins.
STAGES = (
    "appendix",
    "clear_placeholders",
    "drop_unfilled",
    "retitle",
    "_losses",
    "crosswalk",
    "_detected",
    "_write",
    "_read",
)
_CALLS: Counter[tuple[str, str]] = Counter()
_CHARS: Counter[tuple[str, str]] = Counter()


def _stage() -> str:
    frame = sys._getframe(2)
    found: dict[str, int] = {}
    depth = 0
    while frame is not None:
        name = frame.f_code.co_name
        if name in ("_read", "_write") and not frame.f_code.co_filename.endswith("_convert.py"):
            name = ""  # a reader's own function of that name
        if name in STAGES and name not in found:
            if name == "_read" and frame.f_back is not None and frame.f_back.f_code.co_name == "convert_plan":
                # The output read back (the loss check), not the source read.
                name = "read back"
            found[name] = depth
        frame = frame.f_back  # type: ignore[assignment]
        depth += 1
    return min(found, key=found.__getitem__) if found else "other"


def _note(kind: str, chars: int) -> None:
    key = (kind, _stage())
    _CALLS[key] += 1
    _CHARS[key] += chars


def _counted(kind: str, function: Callable[..., Any], size: Callable[..., int]) -> Callable[..., Any]:
    def run(*args: Any, **kwargs: Any) -> Any:
        _note(kind, size(*args, **kwargs))
        return function(*args, **kwargs)

    return run


def install() -> None:
    """Wrap every reader, the outline parses and the writer templates with counters."""
    for fmt in (*FORMATS.values(), *PART_FORMATS.values()):
        object.__setattr__(fmt, "read", _counted(f"read:{fmt.name}", fmt.read, lambda text: len(text)))
    _markdown._outline = _counted("outline", _markdown._outline, lambda text: len(text))
    _markdown._reparsed = _counted(
        "outline-part", _markdown._reparsed, lambda doc, text, before, after: max(0, len(text) - before - after)
    )
    laid_out = _format.Format.laid_out

    def counted_laid_out(self: _format.Format, plan: Any, **kwargs: Any) -> str:
        text = laid_out(self, plan, **kwargs)
        _note(f"render:{self.name}", len(text))
        return text

    _format.Format.laid_out = counted_laid_out  # type: ignore[method-assign]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("targets", nargs="*", help="targets (default: every format)")
    parser.add_argument("--no-stages", action="store_true", help="totals per kind only")
    args = parser.parse_args(argv)
    docs = bench_parse_emit.documents()
    formats = {name: plancore.detect(text) for name, text in docs}
    for target in plancore.formats():
        for name, text in docs:
            if formats[name] != target:
                plancore.convert(text, target)  # warm what depends on the format alone
    install()
    for target in args.targets or plancore.formats():
        _CALLS.clear()
        _CHARS.clear()
        texts = [text for name, text in docs if formats[name] != target]
        for text in texts:
            forget_texts()
            plancore.convert(text, target)
        size = sum(len(text) for text in texts)
        print(f"to {target}: {len(texts)} conversions, {size} input characters; per conversion: calls (chars/input)")
        kinds: Counter[str] = Counter()
        chars: Counter[str] = Counter()
        for (kind, stage), calls in _CALLS.items():
            kinds[kind] += calls
            chars[kind] += _CHARS[(kind, stage)]
        for kind in sorted(kinds):
            stages = ", ".join(
                f"{stage} {calls / len(texts):.2f} ({_CHARS[(k, stage)] / size:.2f}x)"
                for (k, stage), calls in sorted(_CALLS.items(), key=lambda item: -item[1])
                if k == kind
            )
            detail = "" if args.no_stages else f"   [{stages}]"
            print(f"  {kind:<22} {kinds[kind] / len(texts):5.2f} ({chars[kind] / size:5.2f}x){detail}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
