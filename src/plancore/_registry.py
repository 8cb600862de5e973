"""The one registry of formats, by name."""

from __future__ import annotations

import importlib
from collections.abc import Iterator, MutableMapping

from ._derived import derived
from ._errors import FormatNotFoundError
from ._format import Format

__all__ = ["FORMATS", "get_format", "markers"]

# Each format's name, in the registry's order: format ``speckit-github`` is ``SPECKIT_GITHUB`` of module
# ``plancore._formats.speckit_github`` (its name with ``_`` for ``-``, the constant that name in capitals).
_DEFINED = ("smartspec", "maestro", "specpulse", "aadt", "speckit", "speckit-github", "speckit-tasks")


class _Formats(MutableMapping[str, Format]):
    """The formats by name, each format's module imported when the format is first asked for: a conversion
    uses its two formats (the others' markers, for detection, are kept on disk: ``markers``), and importing
    the others was a fiftieth of a one-file conversion's run."""

    def __init__(self) -> None:
        self._defined = frozenset(_DEFINED)
        # The formats imported, and any put in by hand; None for a name of ``_defined`` taken out.
        self._formats: dict[str, Format | None] = {}
        self._order = list(_DEFINED)

    def __getitem__(self, name: str) -> Format:
        fmt = self._formats.get(name)
        if fmt is None:
            if name not in self._defined or name in self._formats:
                raise KeyError(name)
            module = name.replace("-", "_")
            fmt = self._formats[name] = getattr(importlib.import_module(f"plancore._formats.{module}"), module.upper())
        return fmt

    def __setitem__(self, name: str, fmt: Format) -> None:
        if name not in self:
            self._order.append(name)
        self._formats[name] = fmt

    def __delitem__(self, name: str) -> None:
        if name not in self:
            raise KeyError(name)
        self._order.remove(name)
        self._formats[name] = None

    def __contains__(self, name: object) -> bool:
        return name in self._order

    def __iter__(self) -> Iterator[str]:
        return iter(list(self._order))

    def __len__(self) -> int:
        return len(self._order)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({list(self._order)!r})"

    def markers(self, name: str) -> tuple[tuple[str, float], ...]:
        """The markers of format ``name`` (``Format.markers``), kept on disk for a format not imported yet:
        detecting a text's format weighs every format's. Raises ``KeyError`` for a name of no format."""
        if name in self._formats or name not in self._defined:
            return self[name].markers
        return derived("markers", name, lambda: self[name].markers)


_FORMATS = _Formats()
FORMATS: MutableMapping[str, Format] = _FORMATS
markers = _FORMATS.markers


def get_format(name: str) -> Format:
    try:
        return FORMATS[name]
    except KeyError:
        known = ", ".join(FORMATS)
        raise FormatNotFoundError(f"unknown format {name!r} (known: {known})") from None
