"""Where plancore keeps what it derives between runs, and the compiled regular expressions kept there.

Compiling the regular expressions plancore and its libraries use (some 300, most of them when
the modules are imported) takes a sixth of a one-file conversion's start-up: ``re`` compiles
each in Python code, afresh in every process. What compiling gives (the matching engine's code
for a pattern and its flags) depends only on the pattern, its flags and the version of Python,
so it is kept in a file of the cache folder, one a version of Python, and handed to ``re``'s own
cache when plancore is imported (``prime``): ``re.compile`` then finds the patterns compiled.
A pattern not in the file is compiled as ever; a file that cannot be read, or was written by
another Python, is not used. The file is rewritten at exit when the process compiled patterns
it did not hold (``re``'s cache, at most ``re._MAXCACHE`` patterns, is what it holds).

This uses ``re``'s private parts (its cache, ``_sre.compile``); under a Python where they
are not as expected nothing is primed or kept, and nothing else changes.
"""

from __future__ import annotations

import array
import atexit
import contextlib
import marshal
import os
import re
import sys
import zlib
from pathlib import Path
from typing import Any

__all__ = ["cache_dir", "prime"]

# re's compiler (private: None where it is not where Python 3.11 to 3.13 keep it).
_COMPILER: Any = getattr(re, "_compiler", None)
# The version of Python and of its matching engine the kept code is for.
_ENGINE = f"{sys.version}|{getattr(getattr(_COMPILER, '_sre', None), 'MAGIC', None)}"
# An engine's code word as kept (machine words, read back as such).
_WORD = "I"
# (type, pattern, flags) of the patterns in re's cache when plancore was imported, and of those handed
# to it from the file: a process compiling none but these leaves the file as it is.
_primed: set[tuple[Any, ...]] = set()


def cache_dir() -> Path | None:
    """Where plancore keeps what it derives between runs (compiled writer templates included):
    ``$PLANCORE_CACHE_DIR``, else ``$XDG_CACHE_HOME/plancore`` (``~/.cache/plancore``);
    ``None`` without a home directory."""
    chosen = os.environ.get("PLANCORE_CACHE_DIR")
    if chosen:
        return Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME")
    if not base:
        home = os.path.expanduser("~")
        if home.startswith("~"):
            return None
        base = os.path.join(home, ".cache")
    return Path(base) / "plancore"


def _kept_patterns() -> Path | None:
    folder = cache_dir()
    return None if folder is None else folder / f"patterns-{zlib.crc32(_ENGINE.encode()):08x}.bin"


def prime() -> None:
    """Hand ``re`` the patterns kept on disk, compiled, and rewrite the file at exit if this
    process compiles others. Raises nothing."""
    cache = _re_cache()
    path = _kept_patterns()
    if cache is None or path is None:
        return
    atexit.register(_save)
    # Compiled before plancore was imported: no reason to rewrite the file.
    _primed.update(cache)
    with contextlib.suppress(Exception), open(path, "rb") as file:
        engine, checksum, payload = marshal.load(file)
        if engine != _ENGINE or zlib.crc32(payload) != checksum:
            return
        for entry in marshal.loads(payload):
            key = (type(entry[0]), entry[0], entry[1])
            if key not in cache:
                # The engine checks the code it is given (a damaged file raises here, and is not used further).
                cache[key] = _built(entry)
                _primed.add(key)


def _re_cache() -> dict[Any, Any] | None:
    """``re``'s cache of compiled patterns; ``None`` when ``re`` is not as this module expects
    (its cache a dict, its compiler where Python 3.11 keeps it, code words of our size)."""
    cache = getattr(re, "_cache", None)
    engine = getattr(_COMPILER, "_sre", None)
    usable = isinstance(cache, dict) and engine is not None and array.array(_WORD).itemsize == engine.CODESIZE
    return cache if usable else None


def _built(entry: tuple[Any, ...]) -> re.Pattern[Any]:
    """The pattern the engine builds from a kept ``entry`` (as ``_compiled`` gives it)."""
    pattern, _, final, code, groups, groupindex, indexgroup = entry
    words = array.array(_WORD, code).tolist()
    built: re.Pattern[Any] = _COMPILER._sre.compile(pattern, final, words, groups, groupindex, indexgroup)
    return built


def _compiled(pattern: str | bytes, flags: int) -> tuple[object, ...]:
    """What ``re`` compiles ``pattern`` with ``flags`` to, as ``re._compiler.compile`` hands it to the engine."""
    parsed = _COMPILER._parser.parse(pattern, flags)
    code = _COMPILER._code(parsed, flags)
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    final = flags | parsed.state.flags
    words = array.array(_WORD, code).tobytes()
    return (pattern, flags, final, words, parsed.state.groups - 1, groupindex, tuple(indexgroup))


def _save() -> None:
    cache = _re_cache()
    path = _kept_patterns()
    if cache is None or path is None:
        return
    keys = [key for key in list(cache) if isinstance(key, tuple) and len(key) == 3]
    if all(key in _primed for key in keys):
        return
    with contextlib.suppress(Exception):
        entries = []
        for kind, pattern, flags in keys:
            if kind in (str, bytes) and isinstance(flags, int) and not flags & re.DEBUG:
                entry = _compiled(pattern, flags)
                # Kept only if the engine builds from it the pattern re built (patterns compare by their code).
                if _built(entry) == cache[kind, pattern, flags]:
                    entries.append(entry)
        payload = marshal.dumps(entries)
        os.makedirs(path.parent, mode=0o700, exist_ok=True)
        # Written whole, then moved into place: a run reading it meanwhile sees the old file or the new.
        temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        try:
            with open(temporary, "wb") as file:
                marshal.dump((_ENGINE, zlib.crc32(payload), payload), file)
            os.replace(temporary, path)
        finally:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
