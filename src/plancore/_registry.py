"""The one registry of formats, by name."""

from __future__ import annotations

from ._errors import FormatNotFoundError
from ._format import Format
from ._formats.aadt import AADT
from ._formats.maestro import MAESTRO
from ._formats.smartspec import SMARTSPEC
from ._formats.speckit import SPECKIT
from ._formats.speckit_github import SPECKIT_GITHUB
from ._formats.speckit_tasks import SPECKIT_TASKS
from ._formats.specpulse import SPECPULSE

__all__ = ["FORMATS", "get_format"]

FORMATS: dict[str, Format] = {
    fmt.name: fmt for fmt in (SMARTSPEC, MAESTRO, SPECPULSE, AADT, SPECKIT, SPECKIT_GITHUB, SPECKIT_TASKS)
}


def get_format(name: str) -> Format:
    try:
        return FORMATS[name]
    except KeyError:
        known = ", ".join(FORMATS)
        raise FormatNotFoundError(f"unknown format {name!r} (known: {known})") from None
