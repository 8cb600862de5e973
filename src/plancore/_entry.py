"""The ``plancore`` command's entry point (console script and ``python -m plancore``)."""

from __future__ import annotations

from . import _kept

__all__ = ["main"]


def main() -> int:
    """Run the ``plancore`` command (``_cli.main``) with the compiled code kept on disk.

    Only the command primes (``_kept.prime``), before the rest of plancore is
    imported: a program importing plancore as a library keeps ``re``'s cache and
    attrs as they are, and writes nothing at exit. Returns the exit status.
    """
    _kept.prime()
    from ._cli import main as command

    return command()
