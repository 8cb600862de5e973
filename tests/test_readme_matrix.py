"""README's crosswalk matrix is the crosswalk's ``MOVES`` table, column by column.

Run ``python tests/test_readme_matrix.py`` to print the matrix after changing ``MOVES``.
"""

from __future__ import annotations

from pathlib import Path

from plancore._crosswalk import MOVES
from plancore._format import Format
from plancore._formats import kiro, openspec
from plancore._registry import FORMATS

README = Path(__file__).resolve().parents[1] / "README.md"

# A folder format's column: the fields any of its files holds (each file is written through the crosswalk).
_FOLDER_PARTS: dict[str, tuple[Format, ...]] = {
    "kiro": tuple(kiro.PARTS.values()),
    "openspec": tuple(openspec.PARTS.values()),
}


def _holds(patterns: frozenset[str], key: str) -> bool:
    return any(pattern == key or pattern.startswith(key + ".") for pattern in patterns)


def _fields(names: tuple[str, ...]) -> str:
    """``a.b``, ``.c`` for ``a.b``, ``a.c``: a field after the first with its parent is named by its last part."""
    parent = names[0].rpartition(".")[0]
    shown = [names[0]] + [
        f".{name.rpartition('.')[2]}" if parent and name.startswith(parent + ".") else name for name in names[1:]
    ]
    return ", ".join(f"`{name}`" for name in shown)


def crosswalk_matrix() -> str:
    """The matrix: a row per ``MOVES`` row; per format ``own`` (it holds the content's field), ``→`` (it
    holds the field the row writes, not the content's: the row applies) or nothing."""
    columns = {name: fmt.holds for name, fmt in FORMATS.items()}
    columns.update({name: frozenset().union(*(part.holds for part in parts)) for name, parts in _FOLDER_PARTS.items()})
    lines = [
        "| Content | Lands in | Written as | " + " | ".join(f"`{name}`" for name in columns) + " |",
        "|---|---|---|" + "---|" * len(columns),
    ]
    for move in MOVES:
        cells = [
            "own" if any(_holds(held, source) for source in move.source) else "→" if _holds(held, move.target) else ""
            for held in columns.values()
        ]
        lines.append(f"| {_fields(move.source)} | `{move.target}` | {move.how} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def _readme_matrix() -> str:
    text = README.read_text(encoding="utf-8")
    start = text.index("| Content | Lands in |")
    return text[start : text.index("\n\n", start) + 1]


def test_readme_matrix_is_the_crosswalk() -> None:
    assert _readme_matrix() == crosswalk_matrix(), "run python tests/test_readme_matrix.py and paste its output"


def test_readme_format_table_covers_every_format_and_folder() -> None:
    text = README.read_text(encoding="utf-8")
    table = text[text.index("| name | tool | template origin | marks |") :].split("\n\n", 1)[0]
    names = {line.split("|")[1].strip().split()[0].strip("`") for line in table.splitlines()[2:]}
    assert names == {*FORMATS, *_FOLDER_PARTS}


if __name__ == "__main__":
    print(crosswalk_matrix(), end="")
