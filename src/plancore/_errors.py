"""The exceptions plancore raises; every one is a ``PlanError``."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ._loss import Loss

__all__ = [
    "EmitError",
    "FormatNotFoundError",
    "LossError",
    "ParseError",
    "PlanError",
    "PlanTypeError",
    "UnknownFormatError",
    "line_at",
]


class PlanError(Exception):
    """Base class of every error plancore raises.

    ``line`` is the 1-based line the problem is on, when there is one; ``path``
    names the file, when the text came from one.
    """

    def __init__(self, message: str, *, line: int | None = None, path: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.path = path

    def __str__(self) -> str:
        where: str | None = None
        if self.path is not None:
            where = self.path if self.line is None else f"{self.path}:{self.line}"
        elif self.line is not None:
            where = f"line {self.line}"
        return f"{where}: {self.message}" if where else self.message


class ParseError(PlanError):
    """The text cannot be read as a plan (bad encoding, empty, malformed)."""


class EmitError(PlanError):
    """A plan cannot be written in a format (a fault of plancore's: please report it)."""


class UnknownFormatError(PlanError):
    """The text matches none of the known formats."""


class FormatNotFoundError(PlanError, ValueError):
    """A format name that is not registered (the message lists the known ones)."""


class PlanTypeError(PlanError, TypeError):
    """A value of the wrong type: text that is not a ``str``, a plan that is not a
    ``Plan``, a model field given what its annotation does not allow
    (``Task(done="no")``, ``Section(level=9)``)."""


class LossError(PlanError):
    """A strict conversion would leave fields without a place in the target."""

    def __init__(self, losses: Sequence[Loss], *, target: str) -> None:
        fields = ", ".join(loss.path for loss in losses)
        super().__init__(f"{len(losses)} field(s) have no place in {target}: {fields}")
        self.losses = tuple(losses)
        self.target = target


def line_at(text: str | bytes, offset: int) -> int:
    """The 1-based line of ``text`` that ``offset`` is on; ``\\r\\n``, ``\\r`` and
    ``\\n`` each end a line, as plancore reads them."""
    before = text[:offset]
    if isinstance(before, bytes):
        return before.count(b"\n") + before.count(b"\r") - before.count(b"\r\n") + 1
    return before.count("\n") + before.count("\r") - before.count("\r\n") + 1
