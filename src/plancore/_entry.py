"""The ``plancore`` command's entry point (console script and ``python -m plancore``)."""

from __future__ import annotations

import gc
import os
import sys

from . import _kept

__all__ = ["main"]


def main() -> int:
    """Run the ``plancore`` command (``_cli.main``) with the compiled code kept on disk.

    Only the command primes (``_kept.prime``), before the rest of plancore is
    imported: a program importing plancore as a library keeps ``re``'s cache and
    attrs as they are, and writes nothing at exit. Returns the exit status (when
    the process does not end here, see ``_end``).
    """
    # Importing plancore and its libraries makes some 100,000 objects and no garbage: the
    # collector's passes over them are a tenth of a one-file conversion's start-up. Paused
    # while importing; what the imports made is then left out of later passes (gc.freeze).
    enabled = gc.isenabled()
    gc.disable()
    try:
        _kept.prime()
        from ._cli import main as command
    finally:
        if enabled:
            gc.freeze()
            gc.enable()
    status = command()
    _end(status)
    return status


def _end(status: int) -> None:
    """End the process with ``status`` as Python would, without freeing its objects first.

    Python's own exit frees every module and object one by one, a tenth of a one-file
    conversion, for a process that is ending anyway. Everything Python's exit does that
    anyone can see is done here: the exit functions run (the kept code saved, temporary
    folders removed), the standard streams are flushed. Where that cannot be done as
    Python would (another thread still running, a stream that fails to flush, an
    ``atexit`` without its runner) this returns, and Python exits as ever.
    """
    run_exit_functions = getattr(__import__("atexit"), "_run_exitfuncs", None)
    threading = sys.modules.get("threading")
    if run_exit_functions is None or (threading is not None and threading.active_count() > 1):
        return
    try:
        for stream in (sys.stdout, sys.stderr):
            if stream is not None:
                stream.flush()
    except (OSError, ValueError):
        return  # Python's exit reports it (and exits with 120), as it did before
    run_exit_functions()
    try:
        for stream in (sys.stdout, sys.stderr):
            if stream is not None:
                stream.flush()
    except (OSError, ValueError):
        pass  # written by an exit function to a reader gone away: not ours to report
    os._exit(status)
