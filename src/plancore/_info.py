"""What this installation is: its version, and a public description of each format."""

from __future__ import annotations

import attrs

from ._errors import PlanTypeError
from ._registry import get_format

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
    conversion to this format and is reported as a loss.
    """

    name: str
    tool: str
    description: str
    origin: str
    layout: str
    holds: tuple[str, ...]


def format_info(name: str) -> FormatInfo:
    """The description of the format ``name``.

    Args:
        name: a format name, one of ``plancore.formats()``.

    Returns:
        A ``FormatInfo`` (name, tool, description, origin, layout, holds).

    Raises:
        FormatNotFoundError: ``name`` is no format's name (it lists the known ones).
        PlanTypeError: ``name`` is not a ``str``.

    >>> import plancore
    >>> info = plancore.format_info("speckit-github")
    >>> info.tool, "constitution_check" in info.holds
    ('GitHub Spec Kit', True)
    """
    if not isinstance(name, str):
        raise PlanTypeError(f"expected a format name (str), got {type(name).__name__}")
    fmt = get_format(name)
    return FormatInfo(
        name=fmt.name,
        tool=fmt.tool,
        description=fmt.description,
        origin=fmt.origin,
        layout=fmt.layout,
        holds=tuple(sorted(fmt.holds)),
    )
