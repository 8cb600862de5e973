"""Reading plan files and writing them safely: strict UTF-8 in, whole files out.

A file is written through a temporary beside it, locked while its writer
lives, and renamed into place: a crash or Ctrl-C leaves the old file or the new
one, never half of one, and a later run removes what a killed run left.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
import sys
from collections.abc import Iterable
from pathlib import Path

from ._errors import ParseError, PlanError, line_at

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: stale temporaries are reported, not removed
    fcntl = None  # type: ignore[assignment]

__all__ = ["exists", "holds", "read_plan_file", "sweep_temporaries", "write_atomically", "write_files"]


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
# A temporary is named ``.NAME.<8 hex digits>.tmp`` beside its target.
_TEMPORARY = re.compile(r"\.(.*)\.[0-9a-f]{8}\.tmp")


def _temporary_beside(path: Path) -> tuple[Path, int]:
    """A new, empty file in ``path``'s folder (named after it, hidden) and its descriptor.

    It is created with mode 0o666 less the umask, as ``open`` would create
    ``path``, and locked while its writer lives, so that a later run tells it
    from one left by a run that was killed.
    """
    # A short stem keeps the name within file-name length limits.
    stem = path.name[:40]
    while True:
        # secrets.token_hex(4), without importing secrets (and base64, hmac) for it.
        temporary = path.with_name(f".{stem}.{os.urandom(4).hex()}.tmp")
        try:
            descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _O_BINARY, 0o666)
        except FileExistsError:
            continue
        if fcntl is not None:
            fcntl.flock(descriptor, fcntl.LOCK_EX)
            # Another run may have swept the file between its creation and the
            # lock (it was not locked yet, so it looked stale): take a new one.
            if not _names(temporary, descriptor):
                os.close(descriptor)
                continue
        return temporary, descriptor


def _names(path: Path, descriptor: int) -> bool:
    """Whether ``path`` still names the file open as ``descriptor``."""
    try:
        named, held = os.stat(path), os.fstat(descriptor)
    except OSError:
        return False
    return (named.st_dev, named.st_ino) == (held.st_dev, held.st_ino)


def _stale_temporaries(folder: Path, names: Iterable[str]) -> list[Path]:
    """The temporaries (``.NAME.<hex>.tmp``, live or stale) in ``folder`` of the files named ``names`` there."""
    try:
        present = os.listdir(folder)
    except OSError:
        return []
    stems = {name[:40] for name in names}
    return sorted(
        folder / name
        for name in present
        if (match := _TEMPORARY.fullmatch(name)) is not None and match.group(1) in stems
    )


def sweep_temporaries(folder: Path, names: Iterable[str]) -> tuple[list[Path], list[Path]]:
    """Remove the temporaries of the files ``names`` in ``folder`` left by runs that were killed mid-write.

    Returns ``(removed, left)``: a temporary whose writer still holds its lock
    is another run's, and stays; where files cannot be locked (Windows) none is
    removed and each is returned in ``left``, for the caller to report.
    """
    removed: list[Path] = []
    left: list[Path] = []
    for temporary in _stale_temporaries(folder, names):
        if fcntl is None:
            left.append(temporary)
            continue
        try:
            descriptor = os.open(temporary, os.O_RDONLY | _O_BINARY)
        except OSError:
            continue
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            continue  # a live run's
        else:
            with contextlib.suppress(FileNotFoundError):
                temporary.unlink()
                removed.append(temporary)
        finally:
            os.close(descriptor)
    return removed, left


# Errors of ``os.link`` on a file system without hard links.
_NO_HARD_LINKS = frozenset({errno.EPERM, errno.EOPNOTSUPP, errno.ENOTSUP, errno.ENOSYS, errno.EXDEV})


def _publish_new(temporary: Path, path: Path) -> None:
    """Give ``temporary`` the name ``path`` unless ``path`` exists (``FileExistsError``).

    A hard link fails if the name is taken, at the moment of publishing: of two
    runs writing one new file, the later fails instead of replacing the other's.
    """
    try:
        os.link(temporary, path)
    except FileExistsError:
        raise
    except OSError as error:
        if error.errno not in _NO_HARD_LINKS:
            raise
        # No hard links here: the check and the rename are two steps.
        if os.path.lexists(path):
            raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), str(path)) from None
        os.replace(temporary, path)
        return
    temporary.unlink()


def write_atomically(path: Path, text: str, *, replace: bool = True) -> None:
    """Write ``text`` (as UTF-8) to ``path`` through a temporary file in its folder.

    A crash leaves either the old file or the new one, never half of one. With
    ``replace``, the temporary is renamed over ``path`` and a file replaced
    keeps its permissions; without, ``path`` must not exist when the file is
    published (``FileExistsError`` else, even if another process created it
    while this one was writing).
    """
    data = text.encode("utf-8")
    temporary, descriptor = _temporary_beside(path)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(descriptor, view) :]
        os.fsync(descriptor)
        if fcntl is None:
            # Windows renames and removes no open file, and there is no lock to keep.
            os.close(descriptor)
            descriptor = -1
        if replace:
            with contextlib.suppress(FileNotFoundError):
                os.chmod(temporary, stat.S_IMODE(os.stat(path).st_mode))
            os.replace(temporary, path)
        else:
            _publish_new(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    finally:
        # The lock goes with the descriptor, once the temporary is published or gone.
        if descriptor >= 0:
            os.close(descriptor)
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


def holds(path: Path, text: str) -> bool:
    """Whether ``path`` is a regular file (not a link) holding exactly ``text`` as UTF-8."""
    try:
        return not path.is_symlink() and path.is_file() and path.read_bytes() == text.encode("utf-8")
    except OSError:
        return False


def exists(path: Path) -> bool:
    """Whether anything is at ``path``, a dangling symbolic link included."""
    return path.exists() or path.is_symlink()


def write_files(folder: Path, texts: dict[str, str]) -> tuple[str, ...]:
    """Each of ``texts`` (a path relative to ``folder``, ``/``-separated: its text) written into
    ``folder`` (created when missing), atomically; a file already holding its text is not written.
    Returns the paths written, in order."""
    written = []
    folder.mkdir(parents=True, exist_ok=True)
    for relative, text in texts.items():
        target = folder / relative
        if holds(target, text):
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(target, text)
        written.append(relative)
    return tuple(written)
