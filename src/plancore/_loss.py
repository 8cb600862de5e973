"""``Loss``: a field of a source plan that a target format has no place for.

Its own module, so that the errors, the report and the conversion all use it
without importing each other.
"""

from __future__ import annotations

import attrs

__all__ = ["Loss"]


@attrs.frozen
class Loss:
    """A field of the source plan that the target format has no place for.

    ``path`` names it (``phases[0].tasks[2].done``); ``reason`` says why, in
    one line; ``value`` is the content, which went into the output's appendix;
    ``carried`` is ``False`` for a template's heading or label in translation
    (``项目结构``, ``**分支**``) that the target replaced by its own: reported,
    not carried (an English plan's template words are no loss at all).

    >>> import plancore
    >>> plancore.Loss(path="decisions[0].rationale", reason="speckit has no place for it")
    Loss(path='decisions[0].rationale', reason='speckit has no place for it')
    """

    path: str
    reason: str
    value: object = attrs.field(eq=False, repr=False, default="")
    carried: bool = attrs.field(eq=False, repr=False, default=True)
