"""What plancore derives from its formats alone, kept on disk between runs.

Each format's blank template read as a plan, its headings, the format's own
headings for its sections: these depend only on plancore's code and templates,
yet deriving them reads (and writes) every template, which costs a one-file
conversion more than converting the file. They are derived once, kept in
memory, and kept on disk beside the compiled writer templates, under a
fingerprint of every file they are derived from (and of the versions of Python
and of the libraries that read and write them): a changed file, or a file on
disk that cannot be read back, and they are derived afresh. Each value is kept
pickled on its own and unpickled when first asked for: a conversion asks for
some of them (its two formats' templates read as plans, not the others'), and
its modules may be imported after the file is read (a value of a class of theirs).
"""

from __future__ import annotations

import atexit
import contextlib
import os
import pickle
import sys
import tempfile
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar, cast

import jinja2
import mistune

from ._kept import cache_dir

__all__ = ["cache_dir", "derived", "kept_file"]

_T = TypeVar("_T")

# What was derived or read back, by (kind, format name); None until first needed.
_memo: dict[tuple[str, str], object] | None = None
# What the file on disk holds, each value pickled, by (kind, format name): unpickled into ``_memo`` when asked for.
_pickled: dict[tuple[str, str], bytes] = {}
_unsaved = False


def kept_file(folder: Path) -> Path:
    """The file in ``folder`` that keeps this plancore's derived values: named by where
    plancore is installed, so that checkouts sharing the cache folder (worktrees, a
    virtual environment per project) keep one each instead of replacing each other's."""
    package = str(Path(__file__).resolve().parent).encode("utf-8", "surrogateescape")
    return folder / f"formats-{zlib.crc32(package):08x}.pickle"


def _fingerprint() -> tuple[object, ...]:
    """Every file the derived values may come from (plancore's modules and
    templates, in a wheel or a source tree), by size and time of change."""
    package = Path(__file__).resolve().parent
    folders = [package, package / "_formats", package / "templates", package.parents[1] / "templates"]
    files = []
    for folder in folders:
        with contextlib.suppress(OSError), os.scandir(folder) as entries:
            for entry in entries:
                if entry.is_file() and entry.name.endswith((".py", ".md", ".j2")):
                    status = entry.stat()
                    files.append((entry.path, status.st_size, status.st_mtime_ns))
    return (sys.version, mistune.__version__, jinja2.__version__, tuple(sorted(files)))


def _load() -> dict[tuple[str, str], object]:
    global _memo
    if _memo is None:
        _memo = {}
        folder = cache_dir()
        if folder is not None:
            # Whatever the file holds (another version's, truncated, not ours), it is
            # used only if it is what this fingerprint was saved with.
            with contextlib.suppress(Exception), open(kept_file(folder), "rb") as file:
                fingerprint, values = pickle.load(file)
                if fingerprint == _fingerprint():
                    _pickled.update(values)
        atexit.register(_save)
    return _memo


def _save() -> None:
    folder = cache_dir()
    if not _unsaved or folder is None or _memo is None:
        return
    # Written whole, then moved into place: a run reading it meanwhile sees the old file or the new.
    with contextlib.suppress(Exception):
        os.makedirs(folder, mode=0o700, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=".formats.", suffix=".tmp")
        try:
            values = {**_pickled, **{key: _pickle(value) for key, value in _memo.items() if key not in _pickled}}
            with os.fdopen(handle, "wb") as file:
                pickle.dump((_fingerprint(), values), file, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, kept_file(folder))
        finally:
            with contextlib.suppress(OSError):
                os.unlink(temporary)


def derived(kind: str, name: str, derive: Callable[[], _T]) -> _T:
    """The value ``derive()`` gives for format ``name`` (``kind`` says what it
    is): from memory or disk when it was derived before, else derived now."""
    global _unsaved
    memo = _load()
    key = (kind, name)
    if key in memo:
        return cast(_T, memo[key])
    kept = _pickled.get(key)
    if kept is not None:
        # Whatever it holds, it is used only if it reads back (else it is derived afresh, and saved).
        with contextlib.suppress(Exception):
            value: _T = pickle.loads(kept)
            memo[key] = value
            return value
        del _pickled[key]
    value = memo[key] = derive()
    _unsaved = True
    return value


def _pickle(value: object) -> bytes:
    return pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
