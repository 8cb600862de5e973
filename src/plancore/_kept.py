"""Where plancore keeps what it derives between runs, and the compiled code kept there.

Two kinds of compiling take a quarter of a one-file conversion's start-up, afresh in every
process: ``re`` compiling the regular expressions plancore and its libraries use (some 300,
most when the modules are imported; ``re`` parses each in Python code), and attrs compiling
the methods it writes for each of plancore's ~70 attrs classes. What compiling gives depends
only on what is compiled and on the version of Python (the matching engine's code for a pattern
and its flags; the bytecode of a generated script, as a ``.pyc`` keeps a module's), so it is
kept in one file of the cache folder, one a version of Python and checkout (``prime``, when plancore is
imported): the patterns are handed to ``re``'s own cache, where ``re.compile`` finds them, and
attrs is handed the bytecode of a plancore class's script it compiled before. What is not in
the file is compiled as ever; a file that cannot be read, or was written by another Python, is
not used. The file is rewritten at exit when the process compiled what it did not hold (the
patterns in ``re``'s cache, at most ``re._MAXCACHE``, and the scripts of plancore's classes).

This uses private parts of ``re`` (its cache, ``_sre.compile``) and of attrs (the function
compiling its scripts); where they are not as expected nothing is kept, and nothing else changes.
"""

from __future__ import annotations

import array
import atexit
import contextlib
import importlib.machinery
import importlib.util
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
# The marshalled bytecode of each script attrs compiled for a plancore class, by (file name, script
# without its hash salt): as read from the file, and as used by this process (what is kept at exit).
_scripts: dict[tuple[str, str], bytes] = {}
_scripts_used: dict[tuple[str, str], bytes] = {}
_scripts_added = False
# The number attrs salts a class's __hash__ with: the hash of a string, so another in every process
# (PYTHONHASHSEED). Any number serves (it keeps classes with equal fields apart), so a script is
# looked up without it, and its kept bytecode hashes with the salt of the process that compiled it.
# (Compiled when first used, from re's cache: it is kept too.)
_SALT_AFTER = "return hash((\n"
_SALT = r"([ \t]*)-?\d+,"


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


def _kept_file() -> Path | None:
    """The file of this Python and this plancore: named by both, so that checkouts sharing the cache
    folder (worktrees, a virtual environment per project) keep one each instead of replacing each other's."""
    folder = cache_dir()
    if folder is None:
        return None
    here = f"{_ENGINE}|{os.path.dirname(os.path.abspath(__file__))}".encode("utf-8", "surrogateescape")
    return folder / f"compiled-{zlib.crc32(here):08x}.bin"


def prime() -> None:
    """Hand ``re`` the patterns kept on disk, compiled, and attrs the bytecode of plancore's
    classes' scripts; rewrite the file at exit if this process compiles others. Raises nothing."""
    cache = _re_cache()
    path = _kept_file()
    if cache is None or path is None:
        return
    atexit.register(_save)
    # Compiled before plancore was imported: no reason to rewrite the file.
    _primed.update(cache)
    with contextlib.suppress(Exception), open(path, "rb") as file:
        engine, checksum, payload = marshal.load(file)
        if engine != _ENGINE or zlib.crc32(payload) != checksum:
            return
        patterns, scripts = marshal.loads(payload)
        _scripts.update(scripts)
        for entry in patterns:
            key = (type(entry[0]), entry[0], entry[1])
            if key not in cache:
                # The engine checks the code it is given (a damaged file raises here, and is not used further).
                cache[key] = _built(entry)
                _primed.add(key)
    # Last: importing attrs compiles patterns too (platform's), found in re's cache now.
    _keep_scripts()


def _keep_scripts() -> None:
    """Make attrs compile the scripts of its own classes (made while it is imported) and of plancore's
    classes through ``_scripts`` (other classes' as ever)."""
    seeding = "attr._make" not in sys.modules
    sys.meta_path.insert(0, _DEFERRING)
    if seeding:
        sys.meta_path.insert(0, _SEEDING)
    try:
        import attr._make
        import attrs  # noqa: F401  # (its validators and converters deferred too)
    finally:
        with contextlib.suppress(ValueError):
            sys.meta_path.remove(_DEFERRING)
        if seeding:
            with contextlib.suppress(ValueError):
                sys.meta_path.remove(_SEEDING)
            # attrs as it was (the attr package is imported by now).
            with contextlib.suppress(KeyError, AttributeError):
                del sys.modules["attr._make"].compile

    original = getattr(attr._make, "_compile_and_eval", None)
    if original is None or getattr(original, "__module__", None) != "attr._make":
        return

    def compile_and_eval(script: str, globs: Any, locs: Any = None, filename: str = "") -> None:
        # attrs names the file after the class (<attrs generated methods plancore._model.Plan>).
        code = _kept_code(script, filename) if " plancore." in filename else None
        if code is None:
            original(script, globs, locs, filename)
        else:
            eval(code, globs, locs)  # what attrs does with the bytecode

    attr._make._compile_and_eval = compile_and_eval


def _kept_code(script: str, filename: str) -> Any:
    """The bytecode of an attrs script, from ``_scripts`` or compiled now (and kept at exit); ``None``
    when it is not to be kept."""
    global _scripts_added
    unsalted, found = _unsalted(script)
    if not found and "__hash__" in script:
        # A salt not where this attrs writes it: looked up with it, the script would be kept anew every run.
        return None
    key = (filename, unsalted)
    kept = _scripts.get(key)
    if kept is None:
        code = compile(script, filename, "exec")
        kept = _scripts[key] = marshal.dumps(code)
        _scripts_added = True
    else:
        code = marshal.loads(kept)
    _scripts_used[key] = kept
    return code


class _Seeding:
    """A finder handing ``attr._make`` a ``compile`` of its own while the attr package is imported: the
    scripts of the classes attrs makes for itself then (a sixth of importing it) come from ``_scripts``
    too. ``_keep_scripts`` takes it away again."""

    def find_spec(self, name: str, path: Any, target: Any = None) -> Any:
        if name != "attr._make":
            return None
        sys.meta_path.remove(self)
        spec = importlib.machinery.PathFinder.find_spec(name, path)
        loader = getattr(spec, "loader", None)
        run = getattr(loader, "exec_module", None)
        if run is None:
            return spec

        def exec_module(module: Any) -> None:
            module.compile = _compile
            run(module)

        loader.exec_module = exec_module  # type: ignore[union-attr]  # this module's loader only
        return spec


def _compile(source: Any, filename: Any, mode: str, *args: Any, **kwargs: Any) -> Any:
    """``compile`` for attrs' scripts while ``attr._make`` is imported (``_Seeding``)."""
    if isinstance(source, str) and isinstance(filename, str) and mode == "exec" and not args and not kwargs:
        code = _kept_code(source, filename) if filename.startswith("<attrs generated") else None
        if code is not None:
            return code
    return compile(source, filename, mode, *args, **kwargs)


_SEEDING = _Seeding()

# attrs' modules of validators and converters (``attr.validators``, and ``attrs.validators`` reexporting it):
# importing attrs imports them, and they make some twenty attrs classes of their own, a fifth of importing
# attrs, which plancore's classes do not use.
_DEFERRED = frozenset(f"{package}.{name}" for package in ("attr", "attrs") for name in ("converters", "validators"))


class _Deferring:
    """A finder loading the modules ``_DEFERRED`` lazily (``importlib.util.LazyLoader``: made when one of their
    names is first read, if ever) while ``_keep_scripts`` imports attrs."""

    def find_spec(self, name: str, path: Any, target: Any = None) -> Any:
        if name not in _DEFERRED:
            return None
        spec = importlib.machinery.PathFinder.find_spec(name, path)
        loader = getattr(spec, "loader", None)
        if spec is not None and loader is not None and hasattr(loader, "exec_module"):
            spec.loader = importlib.util.LazyLoader(loader)
        return spec


_DEFERRING = _Deferring()


def _unsalted(script: str) -> tuple[str, bool]:
    """``script`` with the number its ``__hash__`` is salted with written ``salt``, and whether it had one.

    The salt's line is looked for after the words that open it (a pattern searched for over the whole
    script, trying each position, took a tenth of the model classes' start-up)."""
    at = script.find(_SALT_AFTER)
    while at >= 0:
        at += len(_SALT_AFTER)
        salt = re.compile(_SALT).match(script, at)
        if salt is not None:
            return f"{script[:at]}{salt.group(1)}salt,{script[salt.end() :]}", True
        at = script.find(_SALT_AFTER, at)
    return script, False


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
    path = _kept_file()
    if cache is None or path is None:
        return
    keys = [key for key in list(cache) if isinstance(key, tuple) and len(key) == 3]
    if all(key in _primed for key in keys) and not _scripts_added:
        return
    with contextlib.suppress(Exception):
        entries = []
        for kind, pattern, flags in keys:
            if kind in (str, bytes) and isinstance(flags, int) and not flags & re.DEBUG:
                entry = _compiled(pattern, flags)
                # Kept only if the engine builds from it the pattern re built (patterns compare by their code).
                if _built(entry) == cache[kind, pattern, flags]:
                    entries.append(entry)
        payload = marshal.dumps((entries, _scripts_used))
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
