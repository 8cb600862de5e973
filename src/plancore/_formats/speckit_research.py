"""Spec Kit's ``research.md``: its decisions, each a section holding ``Decision``, ``Rationale``
and ``Alternatives considered`` labels (``**Decision**: ...``, ``- **Decision**: ...`` or a
``### Decision: ...`` heading). A small line reader and writer used by the feature folder
(``_feature.py``); no plan format of its own.

The labels below are the whole definition: what a decision section is read from and written as.
"""

from __future__ import annotations

import re

import attrs

from .._model import Decision, Option
from .._vocabulary import label_words

__all__ = [
    "DecisionBlock",
    "FieldSpan",
    "heading_lines",
    "read_research",
    "render_decision",
    "render_field",
    "render_research",
]

# Each field of a decision and the labels people write for it, the first being Spec Kit's own.
# Then the shared vocabulary's translations (casefolded).
LABELS = {
    "choice": tuple(dict.fromkeys(("Decision", "Chosen", "决策", "决定", *label_words("decision")))),
    "rationale": tuple(dict.fromkeys(("Rationale", "Why", "理由", *label_words("rationale")))),
    "options": tuple(
        dict.fromkeys(
            ("Alternatives considered", "Alternatives", "Options considered", "备选方案", *label_words("alternatives"))
        )
    ),
}
_ALL = "|".join(re.escape(label) for labels in LABELS.values() for label in labels)
# A label line (its colon either width): ``**Decision**: x``, ``- **Decision**: x``, ``**Decision:** x`` or
# ``### Decision: x``.
_LABEL = re.compile(
    rf"^(?:[-*][ \t]+)?(?:\*\*(?P<bold>{_ALL})[ \t]*[:\uff1a]?\*\*[ \t]*[:\uff1a]?"
    rf"|#{{2,6}}[ \t]+(?P<head>{_ALL})[ \t]*[:\uff1a])"
    r"[ \t]*(?P<rest>.*)$",
    re.IGNORECASE,
)
# Any other label line (``**Implementation Impact**:``) ends a field's value.
_OTHER = re.compile(r"^(?:[-*][ \t]+)?\*\*[^*\n]+\*\*[ \t]*:|^(?:[-*][ \t]+)?\*\*[^*\n]+:\*\*")
_HEADING = re.compile(r"^(?P<hashes>#{1,6})[ \t]+(?P<text>.*?)[ \t]*#*[ \t]*$")
_FENCE = re.compile(r"^[ \t]{0,3}(?P<fence>`{3,}|~{3,})")


@attrs.frozen
class FieldSpan:
    """The lines a decision's field was read from (0-based, end exclusive), and its label line's
    text before the value (``- **Decision**: ``)."""

    name: str
    start: int
    end: int
    prefix: str


@attrs.frozen
class DecisionBlock:
    """One decision of a research.md: the ``Decision`` and the lines it was read from
    (``start`` to ``end``, 0-based, end exclusive), its heading's level and its fields' lines."""

    decision: Decision
    start: int
    end: int
    level: int
    fields: tuple[FieldSpan, ...] = ()


def heading_lines(lines: list[str]) -> list[tuple[int, int, str]]:
    """``(line, level, text)`` of every heading outside code fences."""
    found = []
    fence = ""
    for number, line in enumerate(lines):
        opened = _FENCE.match(line)
        if fence:
            if opened and opened.group("fence")[0] == fence[0] and len(opened.group("fence")) >= len(fence):
                fence = ""
            continue
        if opened:
            fence = opened.group("fence")
            continue
        heading = _HEADING.match(line)
        if heading:
            found.append((number, len(heading.group("hashes")), heading.group("text")))
    return found


def _field(label: str) -> str:
    lowered = label.lower()
    return next(name for name, labels in LABELS.items() if lowered in (item.lower() for item in labels))


def _chooses(match: re.Match[str] | None) -> bool:
    return match is not None and _field(match.group("bold") or match.group("head")) == "choice"


def _options(text: str) -> tuple[Option, ...]:
    items = re.split(r"\n(?=[-*][ \t])", text) if text.startswith(("- ", "* ")) else [text]
    options = []
    for item in items:
        item = re.sub(r"^[-*][ \t]+", "", item).strip()
        name, colon, notes = item.partition(": ")
        options.append(
            Option(name=name.strip(), notes=notes.strip()) if colon and "\n" not in name else Option(name=item)
        )
    return tuple(option for option in options if option.name)


def _decision(title: str, lines: list[str], offset: int) -> tuple[Decision, tuple[FieldSpan, ...]]:
    values: dict[str, list[str]] = {}
    spans: dict[str, list[int | str]] = {}
    context: list[str] = []
    current: list[str] = context
    field = ""
    for number, line in enumerate(lines, offset):
        label = _LABEL.match(line)
        if label:
            field = _field(label.group("bold") or label.group("head"))
            current = values.setdefault(field, [])
            current.append(label.group("rest"))
            # A field written twice is no field its lines can be rewritten in.
            spans[field] = [number, number + 1, line[: label.start("rest")]] if field not in spans else [-1, -1, ""]
            continue
        if _OTHER.match(line) or _HEADING.match(line):
            current, field = context, ""
        if field and line.strip() and spans[field][0] != -1:
            spans[field][1] = number + 1
        # A continuation line of a ``- **Label**:`` item is indented under it.
        current.append(line[2:] if current is not context and line.startswith("  ") else line)
    joined = {name: "\n".join(value).strip() for name, value in values.items()}
    decision = Decision(
        title=title,
        context="\n".join(context).strip(),
        choice=joined.get("choice", ""),
        rationale=joined.get("rationale", ""),
        options=_options(joined.get("options", "")),
    )
    found = tuple(
        FieldSpan(name, int(start), int(end), str(prefix))
        for name, (start, end, prefix) in spans.items()
        if start != -1
    )
    return decision, found


def read_research(text: str) -> tuple[tuple[DecisionBlock, ...], str]:
    """The decisions of a research.md and its title (the ``# ...`` line's text, ``Research:`` cut)."""
    lines = text.split("\n")
    headings = heading_lines(lines)
    title = next((heading for _, level, heading in headings if level == 1), "")
    title = re.sub(r"^research\s*:\s*", "", title, flags=re.IGNORECASE)
    blocks: list[DecisionBlock] = []
    taken_until = -1
    for index, (number, level, heading_text) in enumerate(headings):
        if number < taken_until or level < 2:
            continue
        end = next((line for line, other, _ in headings[index + 1 :] if other <= level), len(lines))
        body = lines[number + 1 : end]
        own_end = next((line for line, _, _ in headings[index + 1 :] if line < end), end)
        # A decision section: a ``Decision`` label in its own lines, or a ``### Decision:`` heading right under it.
        own = [_LABEL.match(line) for line in lines[number + 1 : own_end]]
        children = [
            _LABEL.match(lines[line]) for line, other, _ in headings[index + 1 :] if line < end and other == level + 1
        ]
        if not any(_chooses(match) for match in (*own, *children)):
            continue
        while end > number + 1 and lines[end - 1].strip() == "":
            end -= 1
        decision, fields = _decision(heading_text, body[: end - number - 1], number + 1)
        blocks.append(DecisionBlock(decision, number, end, level, fields))
        taken_until = end
    return tuple(blocks), title


def _value(label: str, value: str) -> str:
    if "\n" in value or value.startswith(("- ", "* ")):
        return f"**{label}**:\n{value}"
    return f"**{label}**: {value}"


def _options_text(options: tuple[Option, ...]) -> str:
    return "\n".join(f"- {option.name}: {option.notes}" if option.notes else f"- {option.name}" for option in options)


def render_field(span: FieldSpan, decision: Decision) -> list[str]:
    """The lines of ``decision``'s field ``span.name`` written in the place (and label) it was read from."""
    value = _options_text(decision.options) if span.name == "options" else str(getattr(decision, span.name))
    prefix = span.prefix
    indent = "  " if re.match(r"[-*][ \t]", prefix) else ""
    if "\n" not in value and not value.startswith(("- ", "* ")):
        return [prefix + ("" if prefix.endswith((" ", "\t")) else " ") + value]
    return [prefix.rstrip(), *(indent + line if line else line for line in value.split("\n"))]


def render_decision(decision: Decision, level: int = 2) -> str:
    """A decision as a research.md section in Spec Kit's shape (no trailing newline)."""
    parts = ["#" * level + " " + (decision.title or "Decision")]
    if decision.context:
        parts.append(decision.context)
    if decision.choice:
        parts.append(_value("Decision", decision.choice))
    if decision.rationale:
        parts.append(_value("Rationale", decision.rationale))
    if decision.options:
        items = [
            f"- {option.name}: {option.notes}" if option.notes else f"- {option.name}" for option in decision.options
        ]
        parts.append("**Alternatives considered**:\n" + "\n".join(items))
    return "\n\n".join(parts)


def render_research(title: str, decisions: tuple[Decision, ...]) -> str:
    """A new research.md holding ``decisions``."""
    parts = [f"# Research: {title}" if title else "# Research"]
    parts += [render_decision(decision) for decision in decisions]
    return "\n\n".join(parts) + "\n"
