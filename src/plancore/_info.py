"""What this installation is: its version, and a public description of each format."""

from __future__ import annotations

import attrs

from ._errors import FormatNotFoundError, PlanTypeError
from ._folder import FOLDERS
from ._registry import FORMATS

__all__ = ["FormatInfo", "__version__", "format_info"]


# The distribution's version, its one source: pyproject.toml reads it from here
# (hatch's version source). A literal, for importlib.metadata, which would look it
# up, costs more to import than a one-file conversion's start-up can spare.
__version__ = "0.1.0"


@attrs.frozen(kw_only=True)
class FormatInfo:
    """What one supported format is, as ``format_info`` describes it.

    ``name`` is the name plancore knows it by (``"speckit-github"``);
    ``tool`` the tool whose plans these are; ``description`` its layout in a
    line; ``origin`` the public repository and path of the template that
    defines it; ``layout`` where the tool keeps its plan files; ``holds``
    the paths of the model fields it has a place for (``"phases.tasks.done"``:
    no indices), sorted. A field not in ``holds`` goes to the appendix of a
    conversion to this format and is reported as a loss. ``files`` are the
    files of its folder that it reads as parts of the plan (a path ending in
    ``/`` a folder of them), for a format kept as a folder (``kiro``,
    ``openspec``; ``speckit-github``'s feature folder); ``()`` for a format
    that is one file only.

    A folder format's ``tool``, ``origin``, ``layout`` and ``holds`` are those
    of its files' formats (``kiro-requirements``, ``kiro-design``, ...)
    together: the distinct texts joined by ``"; "``, and every field any of
    its files holds. ``speckit-github`` is both a file (``plan.md``) and a
    folder: its fields are the file's, and ``files`` its folder's.
    """

    name: str
    tool: str
    description: str
    origin: str
    layout: str
    holds: tuple[str, ...]
    files: tuple[str, ...] = ()


def _joined(texts: list[str]) -> str:
    return "; ".join(dict.fromkeys(text for text in texts if text))


def format_info(name: str) -> FormatInfo:
    """The description of the format ``name``.

    Args:
        name: a format name, one of ``plancore.formats()``, or a folder format's
            (``kiro``, ``openspec``, ``speckit-github``: as ``plancore formats`` lists them).

    Returns:
        A ``FormatInfo`` (name, tool, description, origin, layout, holds, files).

    Raises:
        FormatNotFoundError: ``name`` is no format's name, of a file or a folder (it lists the known ones).
        PlanTypeError: ``name`` is not a ``str``.

    >>> import plancore
    >>> info = plancore.format_info("speckit-github")
    >>> info.tool, "constitution_check" in info.holds
    ('GitHub Spec Kit', True)
    >>> plancore.format_info("kiro").files
    ('requirements.md', 'design.md', 'tasks.md')
    """
    if not isinstance(name, str):
        raise PlanTypeError(f"expected a format name (str), got {type(name).__name__}")
    folder = FOLDERS.get(name)
    files = folder.files if folder is not None else ()
    if name in FORMATS:
        fmt = FORMATS[name]
        return FormatInfo(
            name=fmt.name,
            tool=fmt.tool,
            description=fmt.description,
            origin=fmt.origin,
            layout=fmt.layout,
            holds=tuple(sorted(fmt.holds)),
            files=files,
        )
    if folder is None:
        known = ", ".join(dict.fromkeys((*FORMATS, *FOLDERS)))
        raise FormatNotFoundError(f"unknown format {name!r} (known: {known})")
    # The part formats are defined in the folder formats' own modules, imported only here.
    from ._check import _format

    parts = [_format(part) for _, names in folder.parts for part in dict.fromkeys(names)]
    return FormatInfo(
        name=folder.name,
        tool=_joined([part.tool for part in parts]),
        description=folder.description,
        origin=_joined([part.origin for part in parts]),
        layout=_joined([part.layout for part in parts]),
        holds=tuple(sorted(frozenset().union(*(part.holds for part in parts)))),
        files=files,
    )
