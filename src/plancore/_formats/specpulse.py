"""The ``specpulse`` format: SpecPulse's plan template (reader; the writer is
``templates/specpulse.md.j2``).

A section is mapped to its field only when the reader takes in all of it (a
labeled list of labels only, a table with known columns, ...); otherwise it is
kept verbatim, so that nothing a real plan says is dropped.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from .._format import Format, line_mark
from .._markdown import Node, list_items, outline, strip_blank, table_rows
from .._model import (
    Architecture,
    Dependency,
    Labeled,
    Metadata,
    Phase,
    Plan,
    Resources,
    Risk,
    Rollout,
    Section,
    Task,
)
from .._reading import (
    FRONT,
    Sections,
    Shape,
    alias_key,
    check_mark,
    cut_done,
    headings_shape,
    known_tidy,
    label_index,
    phase_title,
    prose,
    read_alike,
    records,
    split_rule,
    table_shape,
    tasks,
    tidied,
    tidy,
)
from .._vocabulary import HEADINGS as WORDS
from .._vocabulary import LABELS, PHASE_WORDS, alternation, heading_pattern, label_mark, label_words, title_words

__all__ = ["SPECPULSE"]

# A phase's heading (normalized): "Phase 2: Core", in any language.
# (A heading about two phases, "Phase 0 & 1 outputs", is no phase.)
_PHASE_HEADING = (
    r"(?:phase|stage|"
    + "|".join(word for words in PHASE_WORDS.values() for word in words)
    + r") ?\d+(?:\.\d+)?\b(?! ?(?:&|and|\+|,|/|-) ?\d).*"
)

# Field key -> full-match patterns over normalized heading titles.
SECTIONS = {
    "metadata": [
        r"specification reference",
        r"spec reference",
        r"specification",
        heading_pattern("specification_reference"),
    ],
    "architecture": [r"architecture overview", r"architecture", heading_pattern("architecture")],
    "phases": [r"implementation phases", r"phases", heading_pattern("phases"), _PHASE_HEADING],
    "risk_assessment": [
        r"risk assessment",
        r"risks?(?: and mitigations?)?",
        r"risk management",
        heading_pattern("risks"),
    ],
    "resources": [r"resource requirements", r"resources", r"kaynak gereksinimleri", heading_pattern("resources")],
    "success_metrics": [
        r"success metrics",
        r"success criteria",
        r"başarı metrikleri",
        r"başarı kriterleri",
        heading_pattern("success_metrics"),
    ],
    "rollout": [r"rollout plan", r"rollout", r"yayın planı", heading_pattern("rollout")],
    "definition_of_done": [
        r"definition of done",
        r"done criteria",
        r"tamamlanma kriterleri",
        heading_pattern("definition_of_done"),
    ],
    "notes": [r"additional notes", r"notes", r"ek notlar", r"notlar", heading_pattern("notes")],
}
ARCHITECTURE = {
    "architecture.overview": [
        r"high-level design",
        r"high level design",
        r"system context",
        r"overview",
        heading_pattern("high_level_design"),
    ],
    "architecture.tech_stack": [r"technical stack", r"tech(?:nology)? stack", heading_pattern("tech_stack")],
}
PHASES = {"phases": [_PHASE_HEADING]}
# A phase's parts: SpecPulse 2.x has Tasks and Deliverables; 1.x has
# Objectives (the goal), Tasks and Success Criteria (what it delivers).
PHASE_PARTS = {
    "phases.goal": [r"objectives?", r"goals?", heading_pattern("objectives")],
    "phases.tasks": [r"tasks", heading_pattern("tasks")],
    "phases.deliverables": [
        r"deliverables",
        r"success criteria",
        r"exit criteria",
        heading_pattern("deliverables"),
        heading_pattern("success_criteria"),
    ],
}
RISK_ASSESSMENT = {
    "risks": [r"technical risks", r"risks", r"teknik riskler", heading_pattern("risks")],
    "dependencies": [
        r"dependencies",
        r"external dependencies",
        r"bağımlılıklar",
        heading_pattern("dependencies"),
        heading_pattern("external_dependencies"),
    ],
}
RESOURCES = {
    "resources.team": [
        r"development team",
        r"team",
        r"development",
        r"ekip",
        r"geliştirme ekibi",
        heading_pattern("team"),
    ],
    "resources.infrastructure": [r"infrastructure", r"altyapı", heading_pattern("infrastructure")],
}
ROLLOUT = {
    "rollout.strategy": [
        r"phase rollout strategy",
        r"rollout strategy",
        r"strategy",
        heading_pattern("rollout_strategy"),
    ],
    "rollout.monitoring": [
        r"monitoring & observability",
        r"monitoring(?: and observability)?",
        r"observability",
        heading_pattern("monitoring"),
    ],
}
# Keys a document may hold more than once (each one read).
REPEAT = frozenset({"phases"})

# Every heading alias table, by the keys of the sections it is under (() for the top level).
HEADINGS: dict[tuple[str, ...], Mapping[str, Sequence[str]]] = {
    (): SECTIONS,
    ("architecture",): ARCHITECTURE,
    ("phases",): PHASES,
    ("phases", "phases"): PHASE_PARTS,
    ("risk_assessment",): RISK_ASSESSMENT,
    ("resources",): RESOURCES,
    ("rollout",): ROLLOUT,
}

COMMENTS = {
    "FEATURE_DIR": "feature_dir",
    "FEATURE_ID": "feature_id",
    "PLAN_NUMBER": "plan_number",
    "STATUS": "status",
    "CREATED": "created",
}
# The Specification Reference's labels (casefolded), in English and translated (``_vocabulary``).
SPEC_LABELS = {
    "spec_id": ["spec id", *label_words("spec_id")],
    "spec_version": ["spec version", *label_words("spec_version")],
    "plan_version": ["plan version", *label_words("plan_version")],
    "generated": ["generated", *label_words("generated")],
}
# The label of a phase's priority in its heading (``[Priority: HIGH]``, ``(Öncelik: P0)``), casefolded.
PRIORITY_LABELS = ("priority", *label_words("priority"))
PHASE_LABELS = {
    "estimate": ["timeline", "duration", "estimated time", "estimate", *label_words("estimate")],
    "dependencies": ["dependencies", *label_words("dependencies")],
}
RISK_COLUMNS = {
    "risk": ["risk", *label_words("risk")],
    "probability": ["probability", "likelihood", *label_words("probability")],
    "impact": ["impact", *label_words("impact")],
    "mitigation": ["mitigation", "mitigation strategy", *label_words("mitigation")],
}
DEPENDENCY_COLUMNS = {
    "name": ["dependency", "bağımlılık"],
    "version": ["version"],
    "purpose": ["purpose"],
    "risk": ["risk"],
    "contingency": ["contingency", "yedek plan"],
}


# Sections known by their shape when their title matches no alias (a translated heading).
SHAPES: Mapping[str, Shape] = {"risk_assessment": table_shape(RISK_COLUMNS), "phases": headings_shape(PHASES)}
RISK_SHAPES: Mapping[str, Shape] = {
    "risks": table_shape(RISK_COLUMNS),
    "dependencies": table_shape(DEPENDENCY_COLUMNS),
}

_TITLE = re.compile(rf"^(?:Implementation Plan:|(?i:{title_words()})[ \t]*[:\uff1a])[ \t]*(.*)$")
_COMMENT = re.compile(r"^<!--[ \t]*([A-Z_]+):[ \t]*(.*?)[ \t]*-->[ \t]*$")
_PHASE_TITLE = re.compile(
    r"^\W*(?:Phase|Stage|"
    + "|".join(re.escape(word) for words in PHASE_WORDS.values() for word in words)
    + r")[ \t]*\d+(?:\.\d+)?[ \t]*[:.\-–—\uff1a]?[ \t]*(.*)$",
    re.IGNORECASE,
)
_LABELS = "|".join(re.escape(label) for label in PRIORITY_LABELS)
_PRIORITY_OPEN = re.compile(rf"[\[(](?:{_LABELS})[:\uff1a][ \t]*", re.IGNORECASE)
_WORD = re.compile(r"\w")
# The colon ASCII or full-width (after which no blank is needed).
_LABEL_OUTER = re.compile(r"^\*\*(?P<label>[^\n]+?)\*\*(?P<colon>[:\uff1a])(?P<rest>.*)$", re.DOTALL)
_LABEL_INNER = re.compile(r"^\*\*(?P<label>[^\n]+?)(?P<colon>[:\uff1a])\*\*(?P<rest>.*)$", re.DOTALL)
_ITEM_LINE = re.compile(r"^(?:[-*+]|\d+[.)])(?:[ \t]|$)")
_TABLE_LINE = re.compile(r"^[ \t]*\|")
_BULLET_LINE = re.compile(r"^[-*+][ \t]+(.*\S)[ \t]*$")
# A bold line of its own, over a checklist: ``**Gate 1: Review**``.
_SUB_LABEL = re.compile(r"^\*\*[^*\n]+\*\*:?[ \t]*$")


def _split_priority(name: str) -> tuple[str, str] | None:
    """``(name, priority)`` for a phase name that ends with its priority
    (``Core [Priority: HIGH]``, ``Core (Öncelik: P0)``); marks after the
    priority stay with the name. ``None`` when it does not end with one."""
    # Searches, not one pattern with a lazy group: a long title stays linear.
    openings = list(_PRIORITY_OPEN.finditer(name))
    if not openings:
        return None
    opening = openings[-1]
    closer = "]" if opening.group().startswith("[") else ")"
    words = [match.end() for match in _WORD.finditer(name, opening.end())]
    # Marks after the priority hold no word; a closer right after it belongs to
    # the value (``[Priority: A]]``), an opener starts a mark (``[~]``).
    close = name.find(closer, words[-1] if words else opening.end())
    while close >= 0 and name[close + 1 :].lstrip(" \t").startswith(closer):
        close = name.find(closer, close + 1)
    if close < 0:
        return None
    marks = name[close + 1 :].strip()
    return (name[: opening.start()].rstrip() + " " + marks).strip(), name[opening.end() : close]


def _split_duration(name: str) -> tuple[str, str] | None:
    """``(name, estimate)`` for a phase name that ends with its duration (``Core (2 weeks)``)."""
    opening = name.rfind("(")
    if not name.endswith(")") or opening < 0 or ")" in name[opening + 1 : -1]:
        return None
    head = name[:opening].rstrip(" \t")
    return (head, name[opening + 1 : -1]) if head else None


def _clean(text: str) -> str:
    """A section body less surrounding blank lines and trailing thematic breaks (``---``)."""
    text = strip_blank(text)
    while True:
        before, after = split_rule(text)
        if after.strip() or before == text:
            return text
        text = strip_blank(before)


def _closing_rule(text: str) -> str:
    r"""The thematic break (``---``) ``text`` ends with, as written; ``""`` when none.

    >>> _closing_rule("- [ ] a\n\n---\n\n")
    '---'
    >>> _closing_rule("```\n---\n```\n")
    ''
    """
    text = strip_blank(text)
    return text.rsplit("\n", 1)[-1].strip() if _clean(text) != text else ""


# SpecPulse's own phase heading, as ``_heading_layout`` gives it: an author's that is this needs no layout kept.
_OWN_HEADING = "### Phase {number}: {name}"
_NUMBER = re.compile(r"\d+(?:\.\d+)?")


def _heading_layout(node: Node, phase: Phase, contained: bool) -> str:
    r"""The heading of the phase read from ``node`` as a layout of its parts: the line with its number,
    name and estimate (when the heading holds it) as ``{number}``, ``{name}``, ``{estimate}``
    (``## 🏗️ Faz {number}: {name} ({estimate})``); ``""`` when the writer could not write it so (a
    priority in it, braces, a level other than a phase's at its place: ``##`` alone, ``###`` under a
    heading over the phases). A done mark is no part of it (the writer marks a done phase's heading).

    >>> phase = Phase(name="Rows", number="1", estimate="30 dk")
    >>> _heading_layout(outline("## Faz 1: Rows (30 dk)\n").roots[0], phase, False)
    '## Faz {number}: {name} ({estimate})'
    """
    title = cut_done(node.title)[0]
    at = title.rfind(phase.name) if phase.name else -1
    if node.level != (3 if contained else 2) or phase.priority or at < 0 or "{" in title or "}" in title:
        return ""
    head, tail = title[:at], title[at + len(phase.name) :]
    number = _NUMBER.search(head)
    if number is None or number.group() != phase.number:
        return ""
    if phase.estimate and tail == f" ({phase.estimate})":
        tail = " ({estimate})"
    elif tail:
        return ""
    return f"{'#' * node.level} {head[: number.start()]}{{number}}{head[number.end() :]}{{name}}{tail}"


def _deliverables_last(node: Node) -> bool | None:
    """Whether the deliverables of the phase read from ``node`` stand after the author's own sections in it
    (``### Hedef`` then ``### Deliverables``); ``None`` when it has not both."""
    keys = [alias_key(child.key, PHASE_PARTS) for child in node.children]
    if "phases.deliverables" not in keys or None not in keys:
        return None
    return keys.index("phases.deliverables") > max(at for at, key in enumerate(keys) if key is None)


def _label(text: str) -> tuple[str, str] | None:
    """``(label, value)`` of ``**Label**: value`` (or ``**Label:** value``); the value may run on."""
    match = _LABEL_OUTER.match(text) or _LABEL_INNER.match(text)
    if match is None:
        return None
    rest = match.group("rest")
    value = rest.lstrip(" \t")
    if rest and value == rest and not rest.startswith("\n") and match.group("colon") == ":":
        return None
    return match.group("label").strip(), value


def _list_only(text: str) -> bool:
    """Whether ``text`` is one list and nothing else."""
    lines = text.split("\n")
    if not lines or not _ITEM_LINE.match(lines[0]):
        return False
    return all(not line.strip() or line[0] in " \t" or _ITEM_LINE.match(line) for line in lines)


def _labeled(node: Node) -> tuple[Labeled, ...] | None:
    """A section's list of labels; ``None`` for a body with more than list items. Read alike: the same
    section in each text a conversion reads back."""
    return read_alike(_labels_of, node.body)


def _labels_of(text: str) -> tuple[Labeled, ...] | None:
    body = _clean(text)
    if not body:
        return ()
    if not _list_only(body):
        return None
    result = []
    for item in list_items(body):
        content = item.text if not item.body else item.text + "\n" + item.body
        pair = _label(content)
        result.append(Labeled(label=pair[0], value=pair[1]) if pair is not None else Labeled(value=content))
    return known_tidy(tuple(result))


def _tasks(text: str) -> tuple[Task, ...] | None:
    """A section body's check list; ``None`` for a body with more than list items."""
    body = _clean(text)
    if not body:
        return ()
    if not _list_only(body):
        return None
    return known_tidy(tasks(list_items(body)))


def _table(node: Node, columns: Mapping[str, Sequence[str]]) -> list[dict[str, str]] | None:
    """The rows of a section that is one table of ``columns`` alone; ``None`` for another body. Read alike
    (the same section in each text a conversion reads back): shared, not to be changed."""
    return read_alike(_TABLE_READINGS[id(columns)], node.body)


def _table_reading(columns: Mapping[str, Sequence[str]]) -> Callable[[str], list[dict[str, str]] | None]:
    def reading(text: str) -> list[dict[str, str]] | None:
        body = _clean(text)
        if not body:
            return []
        table = table_rows(body)
        if table is None or not all(_TABLE_LINE.match(line) for line in body.split("\n")):
            return None
        header, rows = table
        known = label_index(columns)
        if any(title.casefold() not in known for title in header) or any(len(row) > len(header) for row in rows):
            return None
        return records(body, columns)

    return reading


# The reading of each table a section is, by its columns' id (one function each: ``read_alike`` tells
# readings by their function).
_TABLE_READINGS = {id(columns): _table_reading(columns) for columns in (RISK_COLUMNS, DEPENDENCY_COLUMNS)}


def _goal(text: str) -> str:
    """A phase's objectives (its section's body): one one-line item is the goal's text; anything else is its prose."""
    body = _clean(text)
    items = list_items(body) if _list_only(body) else []
    if len(items) == 1 and not items[0].body and "\n" not in body:
        return items[0].text
    return body


def _risk_blocks(node: Node) -> list[dict[str, str]] | None:
    """Risks written as label blocks (SpecPulse 1.x): ``1. **Risk**: ...`` with
    ``**Probability**:``, ``**Impact**:``, ``**Mitigation**:`` lines under it,
    as list items or paragraphs; ``None`` unless the body is only such blocks."""
    body = _clean(node.body)
    if not body:
        return None
    index = label_index(RISK_COLUMNS)
    chunks = (
        [item.text + ("\n" + item.body if item.body else "") for item in list_items(body)]
        if _list_only(body)
        else [chunk for chunk in re.split(r"\n[ \t]*\n", body) if chunk.strip()]
    )
    rows = []
    for chunk in chunks:
        row: dict[str, str] = {}
        for line in chunk.split("\n"):
            pair = _label(line.strip())
            field = index.get(pair[0].casefold()) if pair is not None else None
            if pair is None or field is None or field in row or (not row and field != "risk"):
                return None
            row[field] = pair[1].strip()
        rows.append(row)
    return rows or None


def _phase_shaped(node: Node) -> bool:
    """Whether a ``## Phase N: Name`` section standing alone has a phase's parts (a
    Tasks or Objectives subsection, a Timeline label, a priority, a task list): a
    section of prose about a phase ("Phase 0: Research") is the author's own."""
    if any(alias_key(child.key, PHASE_PARTS) is not None for child in node.children):
        return True
    if _split_priority(node.title) is not None:
        return True
    labels = {label for labels in PHASE_LABELS.values() for label in labels}
    body = _clean(node.body)
    for line in body.split("\n"):
        pair = _label(line)
        if pair is not None and pair[0].casefold() in labels:
            return True
    return bool(body) and (_list_only(body) or bool(_gated_tasks(body.split("\n"))[0]))


def _gated_tasks(lines: list[str]) -> tuple[tuple[Task, ...], list[str]]:
    """The checklist items under bold sub-labels of a phase's text (``**Gate 1: Review**``
    then ``- [ ] ...``): its tasks; and its other lines, the sub-labels among them."""
    found: list[Task] = []
    kept: list[str] = []
    under = False
    for line in lines:
        item = _BULLET_LINE.match(line)
        box = check_mark(item.group(1)) if under and item is not None else None
        if box is not None:
            found.append(Task(text=box[1], done=box[0]))
            continue
        if line.strip():
            under = _SUB_LABEL.match(line) is not None
        kept.append(line)
    return tuple(found), kept


def _container(node: Node) -> Node | None:
    """A section whose content is all in its sub-sections."""
    return node if not _clean(node.body) else None


def _local_section(node: Node, siblings: Sequence[Node]) -> bool:
    """``Format.local_section``: the Architecture Overview read alone (``_read_alone``) followed by no section
    or by the container of the phases, which the reader takes whatever it holds: what the author keeps after
    that is placed after it, not after the last of the Architecture's sub-sections read."""
    keys = [alias_key(other.key, SECTIONS) for other in siblings]
    if not _read_alone(node, siblings, keys):
        return False
    after = next((at for at, other in enumerate(siblings) if other.start >= node.end), None)
    return after is None or (
        keys[after] == "phases"
        and _PHASE_TITLE.match(siblings[after].title) is None
        and _container(siblings[after]) is not None
    )


def _local_before_last(node: Node, siblings: Sequence[Node]) -> bool:
    """``Format.local_before_last``: the Architecture Overview read alone (``_read_alone``), whatever follows
    it: what the author keeps after it is placed after its last sub-section (taken, its field; kept, where that
    sub-section is placed, which the section read alone tells)."""
    return _read_alone(node, siblings, [alias_key(other.key, SECTIONS) for other in siblings])


def _read_alone(node: Node, siblings: Sequence[Node], keys: Sequence[str | None]) -> bool:
    """Whether ``node`` is the Architecture Overview, the only one of its field among ``siblings`` (of fields
    ``keys``: ``_Reader.take`` gives it that field by its title whatever the others are, and reads it of its own
    text: its sub-sections matched among themselves, what it keeps placed after it or them), its sub-sections
    of one field each (each taken or kept by its own text), and no phase before it (the text between two phases
    is read for the rule closing it)."""
    at = next((at for at, other in enumerate(siblings) if other is node), None)
    if at is None or keys[at] != "architecture" or keys.count("architecture") > 1:
        return False
    named = [key for key in (alias_key(child.key, ARCHITECTURE) for child in node.children) if key is not None]
    if len(named) != len(set(named)):
        return False
    return not any(
        key == "phases" or _PHASE_TITLE.match(other.title) for key, other in zip(keys[:at], siblings[:at], strict=True)
    )


def _header_alike(lines: Sequence[str], removed: Sequence[int]) -> bool:
    """``Format.header_alike``: the header's ``lines`` less those ``removed`` are those each holding its field's
    template value (read as none once the template's placeholders are blanked, as when it is cut) and the only
    line of its field: comments under the title (``_preamble``), or bullets of the Specification Reference
    (``spec_reference``), a bullet of a field left; in a header of the title's heading, comments and blank lines
    under it, and the Specification Reference's bullets of a line each. Its reader reads them line by line and
    bullet by bullet: those left read as they did."""
    if not lines[0].startswith("# ") or 0 in removed or any("\r" in line for line in lines):
        return False
    if "## Specification Reference" not in lines:
        return False
    at = lines.index("## Specification Reference")
    end = at + 1
    while end < len(lines) and lines[end].startswith("- **"):
        end += 1
    if any(line.strip(" \t") for line in lines[end:]):
        return False
    comments = [_COMMENT.match(line) for line in lines[1:at]]
    if any(match is None and line.strip(" \t") for match, line in zip(comments, lines[1:at], strict=True)):
        return False
    index = label_index(SPEC_LABELS)
    pairs = [_label(line[2:]) for line in lines[at + 1 : end]]
    fields = [None, *(COMMENTS.get(match.group(1)) if match else None for match in comments), None]
    fields += [index.get(pair[0].casefold()) if pair is not None else None for pair in pairs]
    values = [None, *(match.group(2) if match else None for match in comments), None]
    values += [pair[1] if pair is not None else None for pair in pairs]
    # A bullet of a field left: with none, the reader refuses the Specification Reference (kept as written).
    if not any(fields[number] is not None for number in range(at + 1, end) if number not in removed):
        return False
    template = SPECPULSE.template_plan.metadata
    for number in removed:
        field = fields[number] if number < len(fields) else None
        if (
            field is None
            or lines[number] != lines[number].rstrip(" \t")
            or values[number] != getattr(template, field)
            or sum(1 for other in range(1, end) if fields[other] == field and (other < at) == (number < at)) > 1
        ):
            return False
    return True


class _Reader:
    def __init__(self) -> None:
        self.sections = Sections()

    def take(
        self,
        nodes: Iterable[Node],
        aliases: Mapping[str, Sequence[str]],
        parsers: Mapping[str, Callable[[Node], Any]],
        shapes: Mapping[str, Shape] | None = None,
    ) -> dict[str, list[tuple[Node, Any]]]:
        """Nodes matched to keys (with what ``parsers`` made of them); the rest kept verbatim.

        A parser returning ``None`` refuses the node, which is then kept verbatim. A
        node whose title matches no alias is taken for a key no title claims when
        it has that key's shape (``shapes``: a translated heading over a risk table).
        """
        nodes = list(nodes)
        keys = [alias_key(node.key, aliases) for node in nodes]
        titled = {key for key in keys if key is not None}
        for index, node in enumerate(nodes):
            for name, shape in (shapes or {}).items() if keys[index] is None else ():
                if name not in titled and shape(node):
                    keys[index] = name
                    titled.add(name)
                    break
        found: dict[str, list[tuple[Node, Any]]] = {}
        for node, key in zip(nodes, keys, strict=True):
            if key is not None and (key not in found or key in REPEAT):
                value = self.accept(node, parsers[key])
                if value is not None:
                    found.setdefault(key, []).append((node, value))
                    self.sections.mark(node, key, named=key not in REPEAT)
                    continue
            self.sections.keep(node)
        return found

    def accept(self, node: Node, parser: Callable[[Node], Any]) -> Any:
        """What ``parser`` makes of ``node``; the sub-sections of a leaf section are kept verbatim.

        A leaf section with nothing but sub-sections is refused whole.
        """
        value = parser(node)
        if value is node:
            return value
        value = _part_value(value, node.body, bool(node.children))
        if value is not None:
            for child in node.children:
                self.sections.keep(child)
        return value

    def phase(self, node: Node, number: int) -> Phase:
        # The author's sections inside a phase go back into it (after its deliverables).
        self.sections.mark(node, f"phases.{number}")
        # The phase is read of these texts alone: its parts' keys and bodies, and whether each has
        # sub-sections (what ``accept`` asks of a part).
        parts = [
            (alias_key(part.key, PHASE_PARTS) or "", part.body, "/" if part.children else "") for part in node.children
        ]
        phase, taken = read_alike(_phase, node.title, node.body, *(text for part in parts for text in part))
        for part, took in zip(node.children, taken, strict=True):
            # A part taken keeps its sub-sections verbatim (``accept``); one not taken is kept whole.
            for kept in part.children if took else [part]:
                self.sections.keep(kept)
        return phase


def _part_value(value: Any, body: str, nested: bool) -> Any:
    """What a section's parser read of it (``value``), as the plan takes it: a section with
    sub-sections (``nested``) and nothing of its own in ``body`` is refused whole (``None``)."""
    return None if value is not None and nested and not _clean(body) else value


def _phase(title: str, body: str, *parts: str) -> tuple[Phase, tuple[bool, ...]]:
    """The phase of a section headed ``title`` over ``body``, tidy (as the plan will be), and which of its
    sub-sections are its parts (``parts``: each one's key, or ``""``, body, and ``"/"`` when it has
    sub-sections of its own, or ``""``): a part's sub-sections are the author's, what is no part too."""
    title, done = cut_done(title)
    name, numbered = phase_title(title, _PHASE_TITLE)
    priority = ""
    head = _split_priority(name)
    if head is not None:
        name, priority = head
        # The mark may come before the priority: ``Core ✅ [Priority: HIGH]``.
        name, before = cut_done(name)
        done = done or before
    values: dict[str, str] = {}
    rest: list[str] = []
    index = label_index(PHASE_LABELS)
    for line in _clean(body).split("\n"):
        pair = _label(line)
        field = index.get(pair[0].casefold()) if pair is not None else None
        if pair is not None and field is not None and field not in values and not rest:
            values[field] = pair[1]
        else:
            rest.append(line)
    if "estimate" not in values:
        duration = _split_duration(name)
        if duration is not None:
            name, values["estimate"] = duration
    found: dict[str, Any] = {}
    taken: list[bool] = []
    for at in range(0, len(parts), 3):
        key, part, nested = parts[at : at + 3]
        parser = _goal if key == "phases.goal" else _tasks
        value = _part_value(parser(part), part, bool(nested)) if key and key not in found else None
        if value is not None:
            found[key] = value
        taken.append(value is not None)
    if "phases.tasks" not in found:
        found["phases.tasks"], rest = _gated_tasks(rest)
    phase = Phase(
        name=name,
        number=numbered,
        done=done,
        priority=priority,
        description=strip_blank("\n".join(rest)),
        goal=found.get("phases.goal", ""),
        tasks=found.get("phases.tasks", ()),
        deliverables=found.get("phases.deliverables", ()),
        estimate=values.get("estimate", ""),
        dependencies=values.get("dependencies", ""),
    )
    return tidied(phase), tuple(taken)


def _preamble(text: str) -> tuple[dict[str, str], str]:
    """The HTML comment metadata of the text under the title, and what else is there."""
    values: dict[str, str] = {}
    rest = []
    for line in text.split("\n"):
        match = _COMMENT.match(line)
        field = COMMENTS.get(match.group(1)) if match else None
        if match is not None and field is not None and field not in values:
            values[field] = match.group(2)
        else:
            rest.append(line)
    return values, strip_blank("\n".join(rest))


def _first(found: Mapping[str, list[tuple[Node, Any]]], key: str, default: Any) -> Any:
    return found[key][0][1] if key in found else default


def _read(text: str) -> Plan:
    doc = outline(text)
    reader = _Reader()
    sections = reader.sections
    title = ""
    nodes = doc.roots
    # Text before the title (front matter, say) goes back before it.
    front = strip_blank(doc.preamble)
    loose: list[str] = []
    values: dict[str, str] = {}
    if nodes and nodes[0].level == 1:
        match = _TITLE.match(nodes[0].title)
        title = (match.group(1) if match else nodes[0].title).rstrip()
        sections.mark(nodes[0], "")
        values, other = _preamble(nodes[0].body)
        loose.append(other)
        nodes = nodes[0].children + nodes[1:]
    preamble = "\n\n".join(part for part in loose if part)

    # Bullets of the Specification Reference no field holds, by the offset of their section.
    carried: dict[int, str] = {}

    def spec_reference(node: Node) -> dict[str, str] | None:
        # Read label by label: a bullet of its own (``Estimated Duration``) is kept
        # verbatim where it stood and the known labels are still read.
        body = _clean(node.body)
        if not body:
            return {}
        if not _list_only(body):
            return None
        lines = body.split("\n")
        items = list_items(body)
        index = label_index(SPEC_LABELS)
        result: dict[str, str] = {}
        kept: list[str] = []
        for number, item in enumerate(items):
            pair = _label(item.text if not item.body else item.text + "\n" + item.body)
            field = index.get(pair[0].casefold()) if pair is not None else None
            if pair is None or field is None or field in result or "\n" in pair[1]:
                end = items[number + 1].line if number + 1 < len(items) else len(lines)
                kept.append(strip_blank("\n".join(lines[item.line : end])))
                continue
            result[field] = pair[1]
        if not result:
            return None
        carried[node.start] = "\n".join(kept)
        return result

    def notes(node: Node) -> str:
        return prose(node.body)

    found = reader.take(
        nodes,
        SECTIONS,
        {
            "metadata": spec_reference,
            "architecture": lambda node: node,
            "phases": lambda node: node if _PHASE_TITLE.match(node.title) and _phase_shaped(node) else _container(node),
            "risk_assessment": lambda node: _container(node) or _table(node, RISK_COLUMNS) or _risk_blocks(node),
            "resources": _container,
            "success_metrics": _labeled,
            "rollout": _container,
            "definition_of_done": lambda node: read_alike(_tasks, node.body),
            "notes": notes,
        },
        SHAPES,
    )

    for node, _ in found.get("metadata", [])[:1]:
        sections.loose(node.body_start, carried.get(node.start, ""), "metadata.generated")

    architecture = Architecture()
    if "architecture" in found:
        parts = reader.take(
            found["architecture"][0][0].children,
            ARCHITECTURE,
            {"architecture.overview": lambda node: prose(node.body), "architecture.tech_stack": _labeled},
        )
        body = _clean(found["architecture"][0][0].body)
        if body and "architecture.overview" not in parts:
            # A diagram or prose right under the heading (SpecPulse 1.x) is the overview.
            parts["architecture.overview"] = [(found["architecture"][0][0], body)]
        elif body:
            sections.loose(found["architecture"][0][0].body_start, body, "architecture")
        architecture = Architecture(
            overview=_first(parts, "architecture.overview", ""),
            tech_stack=tidy(_first(parts, "architecture.tech_stack", ())),
        )

    phases: list[Phase] = []
    phase_nodes: list[Node] = []
    layouts: set[str] = set()
    for node, _ in found.get("phases", []):
        if _PHASE_TITLE.match(node.title):
            phases.append(reader.phase(node, len(phases)))
            phase_nodes.append(node)
            layouts.add(_heading_layout(node, phases[-1], False))
            reader.sections.close(node, "phases")
            continue
        # A container of phases: its title names the section.
        reader.sections.mark(node, "phases", named=True)
        for child, _ in reader.take(node.children, PHASES, {"phases": lambda child: child}).get("phases", []):
            phases.append(reader.phase(child, len(phases)))
            phase_nodes.append(child)
            layouts.add(_heading_layout(child, phases[-1], True))
        reader.sections.close(node, "phases")
    # Phases the author parts with a rule each: layout the writer keeps (the last one's rule closes the section).
    # (What stands between two phases' headings, a phase's own sections at its level included.)
    rules = {_closing_rule(node.text[node.start : after.start]) for node, after in itertools.pairwise(phase_nodes)}
    styles = tuple(Labeled(label="phases", value=rule) for rule in rules if rule and len(rules) == 1)
    # Phases the author heads alike in another way than SpecPulse's (``## 🏗️ Faz 1: Core (30 dk)``), their
    # deliverables after the sections of their own or not: layout the writer keeps, so that phases carried
    # elsewhere and back are headed as their author headed them (pp-012 specpulse>speckit-github).
    layout = layouts.pop() if len(layouts) == 1 else ""
    if layout and layout != _OWN_HEADING:
        styles += (Labeled(label="phases.name", value=layout),)
        last = {_deliverables_last(node) for node in phase_nodes} - {None}
        if last == {True}:
            styles += (Labeled(label="phases.deliverables", value="last"),)

    risks: tuple[Risk, ...] = ()
    dependencies: tuple[Dependency, ...] = ()
    assessment: Node | None = None
    value: Any = None
    if "risk_assessment" in found:
        assessment, value = found["risk_assessment"][0]
    if assessment is not None and value is not assessment:
        # A risk table right under the heading ("## Risks and Mitigations").
        risks = tuple(Risk(**row) for row in value)
    elif assessment is not None:
        parts = reader.take(
            assessment.children,
            RISK_ASSESSMENT,
            {
                "risks": lambda node: _table(node, RISK_COLUMNS),
                "dependencies": lambda node: _table(node, DEPENDENCY_COLUMNS),
            },
            RISK_SHAPES,
        )
        risks = tuple(Risk(**row) for row in _first(parts, "risks", []))
        dependencies = tuple(Dependency(**row) for row in _first(parts, "dependencies", []))

    resources = Resources()
    if "resources" in found:
        parts = reader.take(
            found["resources"][0][0].children,
            RESOURCES,
            {"resources.team": _labeled, "resources.infrastructure": _labeled},
        )
        resources = Resources(
            team=tidy(_first(parts, "resources.team", ())),
            infrastructure=tidy(_first(parts, "resources.infrastructure", ())),
        )

    rollout = Rollout()
    if "rollout" in found:
        parts = reader.take(
            found["rollout"][0][0].children,
            ROLLOUT,
            {"rollout.strategy": _labeled, "rollout.monitoring": _labeled},
        )
        rollout = Rollout(
            strategy=tidy(_first(parts, "rollout.strategy", ())),
            monitoring=tidy(_first(parts, "rollout.monitoring", ())),
        )

    extras = sections.extras()
    if preamble:
        extras = (Section(heading="", level=0, body=preamble, after=""), *extras)
    if front:
        extras = (Section(heading="", level=0, body=front, after=FRONT), *extras)
    # Each value tidy as made (``tidy`` of each that may not be; a list read alike and tidy is known so): the plan
    # is not walked again by ``tidy``, which every reading of an output (several a conversion) would pay.
    return Plan(
        metadata=tidy(Metadata(title=title, **values, **_first(found, "metadata", {}))),
        architecture=architecture,
        phases=tuple(phases),
        risks=tidy(risks),
        dependencies=tidy(dependencies),
        resources=resources,
        success_metrics=tidy(_first(found, "success_metrics", ())),
        rollout=rollout,
        definition_of_done=tidy(_first(found, "definition_of_done", ())),
        notes=_first(found, "notes", ""),
        extra_sections=extras,
        headings=tidy(sections.headings()),
        list_styles=tidy(styles),
    )


_HOLDS = """
metadata.title metadata.feature_dir metadata.feature_id metadata.plan_number metadata.status
metadata.created metadata.spec_id metadata.spec_version metadata.plan_version metadata.generated
architecture.overview architecture.tech_stack.label architecture.tech_stack.value
phases.name phases.number phases.done phases.goal phases.priority phases.estimate phases.dependencies phases.description
phases.tasks.text phases.tasks.done phases.deliverables.text phases.deliverables.done
risks.risk risks.probability risks.impact risks.mitigation
dependencies.name dependencies.version dependencies.purpose dependencies.risk dependencies.contingency
resources.team.label resources.team.value resources.infrastructure.label resources.infrastructure.value
success_metrics.label success_metrics.value rollout.strategy.label rollout.strategy.value
rollout.monitoring.label rollout.monitoring.value
definition_of_done.text definition_of_done.done notes extra_sections
"""
_MARKERS = (
    (line_mark("<", r"^<!-- FEATURE_ID: .*-->\s*$"), 3.0),
    (line_mark("<", r"^<!-- PLAN_NUMBER: .*-->\s*$"), 2.0),
    (line_mark("#", r"^#{2,3} .*Phase \d+: .*[\[(]Priority: "), 2.0),
    (line_mark("*", r"^\*\*Timeline\*\*:"), 1.5),
    (r"^\d+\. \[[ xX]\] ", 1.0),
    (line_mark("#", r"^## Specification Reference\s*$"), 2.0),
    (line_mark("-", r"^- \*\*Spec ID\*\*:"), 1.5),
    # What every plan written as SpecPulse keeps, a converted one without a feature id or Spec ID too: the
    # comment header's status and date, the Specification Reference's version labels.
    (line_mark("<", r"^<!-- STATUS: .*-->(?=\n<!-- CREATED: .*-->[ \t]*$)"), 3.0),
    (line_mark("-", r"^- \*\*(?:Spec|Plan) Version\*\*:"), 1.0),
    (line_mark("#", r"^### Phase Rollout Strategy\s*$"), 1.0),
    # Its Specification Reference and phase priorities translated (``_vocabulary``).
    (line_mark("-", "^- " + label_mark("spec_id", ("spec id",))), 1.5),
    (line_mark("#", rf"^#{{2,3}} .*[\[(](?i:{alternation(LABELS['priority'])})[:\uff1a]"), 2.0),
    # SpecPulse 1.x: no comment header; phases with Objectives and Success Criteria, risk label blocks
    # (in English or translated: ``_vocabulary``).
    (line_mark("#", rf"^#{{3,4}} (?i:objectives|{alternation(WORDS['objectives'])})\s*$"), 1.0),
    (line_mark("#", rf"^#{{3,4}} (?i:success criteria|{alternation(WORDS['success_criteria'])})\s*$"), 1.0),
    (rf"^(?:\d+\.|[-*])?[ \t]*\*\*(?i:risk|{alternation(LABELS['risk'])})\*\*:", 1.0),
    (rf"^[ \t]*\*\*(?i:mitigation|{alternation(LABELS['mitigation'])})\*\*:", 0.5),
)


SPECPULSE = Format(
    name="specpulse",
    description="SpecPulse plan: HTML comment header, prioritized phases with numbered task checkboxes, rollout plan",
    tool="SpecPulse",
    origin="specpulse/specpulse, plan_template in specpulse/core/specpulse.py (v2.6-2.7.4)",
    layout="numbered plans per feature: .specpulse/plans/NNN-feature/plan-NNN.md",
    read=_read,
    local_section=_local_section,
    local_before_last=_local_before_last,
    header_alike=_header_alike,
    holds=frozenset(_HOLDS.split()),
    markers=_MARKERS,
    gap="",
)
