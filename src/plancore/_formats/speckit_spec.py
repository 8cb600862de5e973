"""Spec Kit's ``spec.md``: the feature specification of a GitHub Spec Kit feature folder, a part of the
folder (``_feature.py``), not a plan format of its own: it is in no registry (reader here; the writer is
``templates/speckit-spec.md.j2``). Its placeholders are data, ``PLACEHOLDERS``, as speckit-github's: GitHub's
template is GitHub's, and a blank file read back would make the first scenario's number ``1`` a placeholder
(and so every real first scenario's number nothing); its blank template is ``Plan()`` written.

What it reads into the plan:

- ``### User Story N - Title (Priority: Pn)`` under ``## User Scenarios & Testing``: a ``Requirement``
  (``id`` ``USN``, ``title``, ``priority``; ``user_story`` the text before the first label;
  ``rationale`` ``**Why this priority**:``; ``independent_test`` ``**Independent Test**:``;
  ``criteria`` the numbered ``**Acceptance Scenarios**:``, each ``Criterion(id=its number, text=as written)``;
  ``notes`` any other text of the story).
- ``- **FR-001**: System MUST …`` anywhere under ``## Requirements`` / ``### Functional Requirements``
  (sub-headings grouping them included): ``Requirement(id="FR-001", text="System MUST …")``.
- ``- **SC-001**: …`` under ``## Success Criteria``: ``success_metrics`` (``Labeled``: label ``SC-001``).
- The title (``# Feature Specification: Title``). Every other part (the header lines, Clarifications,
  Edge Cases, Key Entities, Assumptions, the groups' sub-headings) is kept as written, in place.
"""

from __future__ import annotations

import re

from .._fields import blank
from .._format import PART_FORMATS, Format
from .._markdown import Node, label_value, outline, strip_blank
from .._model import Criterion, Labeled, Metadata, Plan, Requirement
from .._reading import FRONT, Block, Sections, blocks, prose, rest, split_rule, strip_title, tidy
from .._vocabulary import LABELS as VOCABULARY
from .._vocabulary import alternation, heading_pattern, label_words

__all__ = ["SPECKIT_SPEC", "is_spec_place", "is_story"]

# The field keys of spec.md's sections: the user stories' section, the functional requirements' one.
STORY_KEY, TEXT_KEY = "requirements.user_story", "requirements.text"
# In English or translated (the shared vocabulary's words; a qualifier may follow).
SECTIONS = {
    STORY_KEY: [r"user scenarios.*", r"user stories.*", heading_pattern("user_scenarios", True)],
    TEXT_KEY: [r"requirements.*", heading_pattern("requirements", True)],
    "success_metrics": [r"success criteria.*", heading_pattern("success_criteria", True)],
}
# The place of the text between the title and the user stories (the header lines, Clarifications).
HEAD_KEY = "requirements"
# The place of the text between the stories' heading and the first story (a comment).
STORY_INTRO = STORY_KEY + ".intro"


def is_spec_place(key: str) -> bool:
    """Whether a section placed after ``key`` is spec.md's own: after its header, a story, its sections' items."""
    return key.partition(".")[0] in ("requirements", "success_metrics")


# The sub-sections holding the items (``### Functional Requirements``, ``### Measurable Outcomes``).
_INNER = {
    TEXT_KEY: [r"functional requirements.*", heading_pattern("functional_requirements", True)],
    "success_metrics": [r"measurable outcomes.*", heading_pattern("measurable_outcomes", True)],
}
_TITLE = re.compile(r"^feature\s+specification\s*[:\-–—]\s*(.*)$", re.IGNORECASE)
# ``User Story 1 - Title (Priority: P1)``, or translated (``用户故事 1 - 标题\uff08优先级\uff1aP1\uff09``: the
# colons and parentheses either width).
_STORY = re.compile(
    r"^(?:user\s+story|" + alternation(VOCABULARY["user_story"]) + r")\s+(?P<number>[^\s\-–—:\uff1a(\uff08]+)"
    r"(?:\s*[-–—:\uff1a]\s*(?P<title>.*?))?"
    r"(?:\s*[(\uff08]\s*(?:priority|" + alternation(VOCABULARY["priority"]) + r")\s*[:\uff1a]\s*"
    r"(?P<priority>[^)\uff09]*?)\s*[)\uff09])?\s*$",
    re.IGNORECASE,
)
# Each story field and the labels people write for it, the first being Spec Kit's own; then translated.
LABELS = {
    "rationale": ("Why this priority", *label_words("why_this_priority")),
    "independent_test": ("Independent Test", *label_words("independent_test")),
    "criteria": ("Acceptance Scenarios", "Acceptance Criteria", *label_words("acceptance_scenarios")),
}
_ITEM_ID = re.compile(r"^\*\*(?P<id>[^*\n]+?)\*\*[ \t]*:[ \t]*(?P<text>.*)$", re.DOTALL)

PLACEHOLDERS = Plan(
    metadata=Metadata(title="[FEATURE NAME]"),
    requirements=(
        Requirement(
            id="US[N]",
            title="[Short title of the journey]",
            priority="[P1]",
            user_story="[The user's journey, in plain words]",
            rationale="[What the story is worth, and why it comes before the others]",
            independent_test="[How the story is checked on its own, and what that shows]",
            criteria=(Criterion(text="**Given** [a state], **When** [an action], **Then** [an outcome]"),),
        ),
        Requirement(id="FR-[###]", text="System MUST [a capability]"),
    ),
    success_metrics=(Labeled(label="SC-001", value="[A measurable outcome]"),),
)


def _label(lines: list[str]) -> tuple[str, str] | None:
    """``(field, value)`` of a paragraph ``**Label**: value`` (its further lines included) naming a story field."""
    pair = label_value(lines[0])
    if pair is None:
        return None
    wanted = pair[0].rstrip(":\uff1a").strip().casefold()
    field = next((name for name, labels in LABELS.items() if wanted in (label.casefold() for label in labels)), None)
    return None if field is None else (field, "\n".join([pair[1], *lines[1:]]).strip())


def _item_text(text: str, body: str) -> str:
    return text + ("\n" + body if body else "")


def _story_parts(
    lines: list[str], found: list[Block], refused: set[int]
) -> tuple[dict[str, str], dict[str, int], list[Criterion], list[Block], list[Block]]:
    """A story body's labelled values (and each label's block), acceptance scenarios, the blocks taken for
    them and the story's own blocks (those before the first label); ``refused``: blocks read as no label."""
    values: dict[str, str] = {}
    where: dict[str, int] = {}
    criteria: list[Criterion] = []
    taken: list[Block] = []
    story: list[Block] = []
    field = ""
    for index, block in enumerate(found):
        if block.item is None:
            labelled = None if index in refused else _label(lines[block.start : block.end])
            if labelled is not None and labelled[0] not in values:
                field = labelled[0]
                values[field], where[field] = labelled[1], index
                taken.append(block)
                continue
            if not values:
                story.append(block)
                continue
        elif field == "criteria" and block.item.marker[:-1].isdigit():
            criteria.append(Criterion(id=block.item.marker[:-1], text=_item_text(block.item.text, block.item.body)))
            taken.append(block)
            continue
        elif not values:
            story.append(block)
            continue
        field = ""
    return values, where, criteria, taken, story


def _story(node: Node, match: re.Match[str]) -> Requirement:
    body, _ = split_rule(node.body)
    if not _rule_ends(node.body):
        body = node.body
    lines = body.split("\n")
    found = blocks(body)
    refused: set[int] = set()
    while True:
        values, where, criteria, taken, story = _story_parts(lines, found, refused)
        # A label is one the writer writes back: with a value (Acceptance Scenarios: without one, over its
        # numbered scenarios); any other stays text of the story.
        wrong = {
            where[name]
            for name, value in values.items()
            if (name == "criteria") != (not value) or (name == "criteria" and not criteria)
        }
        if not wrong:
            break
        refused |= wrong
    user_story = "\n".join(lines[story[0].start : story[-1].end]).strip() if story else ""
    notes = _kept(body, [*story, *taken])
    if notes and not values:
        # Text the writer would put right under the heading is the story.
        user_story, notes = strip_blank(body), ""
    number = match.group("number")
    return Requirement(
        id=f"US{number}",
        title=match.group("title") or "",
        priority=match.group("priority") or "",
        user_story=user_story,
        rationale=values.get("rationale", ""),
        independent_test=values.get("independent_test", ""),
        criteria=tuple(criteria),
        notes=notes,
    )


def _rule_ends(text: str) -> bool:
    """Whether ``text`` ends with a thematic break (``---``): the line setting stories apart, which the writer puts."""
    before, after = split_rule(text)
    return before != text and not after.strip()


_UNDERLINE = re.compile(r"(?m)(?<=\S)\n(?=[ \t]{0,3}(?:-+|=+)[ \t]*$)")


def _kept(text: str, taken: list[Block]) -> str:
    """``rest(text, taken)``, a line of dashes left right under a paragraph (the items between them taken)
    set apart by a blank line: it stays a thematic break, not the underline of a heading."""
    return _UNDERLINE.sub("\n\n", rest(text, taken))


def _body_items(node: Node, sections: Sections, key: str, found: list[tuple[str, str]]) -> None:
    """The ``**ID**: text`` list items of ``node``'s body into ``found``; the text among them (a comment, a bold
    line over some of them) kept as written, placed before the item it stands before (``KEY.N``: before the
    N-th item of the section, ``KEY.<count>`` after the last)."""
    lines = node.body.split("\n")
    run: list[Block] = []

    def keep_run() -> None:
        if run:
            offset = node.body_start + sum(len(line) + 1 for line in lines[: run[0].start])
            text = "\n".join(lines[run[0].start : run[-1].end]).strip("\n")
            sections.loose(offset, text, f"{key}.{len(found)}")
            run.clear()

    for block in blocks(node.body):
        match = _ITEM_ID.match(block.item.text) if block.item is not None else None
        if block.item is None or match is None:
            run.append(block)
            continue
        keep_run()
        found.append((match.group("id").strip(), _item_text(match.group("text"), block.item.body)))
    keep_run()


def _group(node: Node, sections: Sections, key: str, found: list[tuple[str, str]]) -> None:
    """The items of a group of them (``#### Managing photos``) and its sub-groups; its heading kept before
    its first item."""
    sections.loose(node.start, "#" * node.level + " " + node.title, f"{key}.{len(found)}")
    _body_items(node, sections, key, found)
    for child in node.children:
        _group(child, sections, key, found)


def _inner(node: Node, sections: Sections, key: str) -> list[tuple[str, str]]:
    """The items of ``key``'s section: in its body, and in its ``### Functional Requirements`` (or
    ``### Measurable Outcomes``) sub-section and the groups in it; its other sub-sections kept."""
    found: list[tuple[str, str]] = []
    _body_items(node, sections, key, found)
    # A sub-heading deeper than the writer's ``### Functional Requirements`` is a group of its items, as it
    # would be under that heading.
    deep = [child for child in node.children if child.level > node.level + 1]
    inner = sections.match([child for child in node.children if child not in deep], {key: _INNER[key]})
    for child in deep:
        _group(child, sections, key, found)
    for child in inner.get(key, []):
        _body_items(child, sections, key, found)
        for group in child.children:
            _group(group, sections, key, found)
    return found


def _read(text: str) -> Plan:
    doc = outline(text)
    sections = Sections()
    sections.loose(0, prose(doc.preamble), FRONT)
    title = ""
    nodes = doc.roots
    if nodes and nodes[0].level == 1:
        head = nodes[0]
        title = strip_title(head.title, _TITLE)
        # Its header lines, and sections before the user stories, are spec.md's own: placed after ``HEAD_KEY``.
        sections.mark(head, HEAD_KEY)
        sections.loose(head.body_start, prose(head.body), HEAD_KEY)
        nodes = head.children + nodes[1:]
    found = sections.match(nodes, SECTIONS)
    requirements: list[Requirement] = []
    for node in found.get(STORY_KEY, []):
        # What stands before the first story stays before the stories (marked at the section's start, after
        # its key: the later mark of a place wins).
        sections.mark(node, STORY_INTRO)
        sections.loose(node.body_start, prose(node.body), STORY_INTRO)
        for child in node.children:
            match = _STORY.match(child.title)
            if match is None:
                sections.keep(child)
                continue
            # A story's own sub-sections are written back inside it; what follows it, after the stories.
            sections.mark(child, f"{STORY_KEY}.{len(requirements)}")
            sections.close(child, STORY_KEY)
            sections.match(child.children, {})
            requirements.append(_story(child, match))
    for node in found.get(TEXT_KEY, []):
        requirements += [Requirement(id=id_, text=value) for id_, value in _inner(node, sections, TEXT_KEY)]
    metrics: list[Labeled] = []
    for node in found.get("success_metrics", []):
        metrics += [Labeled(label=label, value=value) for label, value in _inner(node, sections, "success_metrics")]
    return tidy(
        Plan(
            metadata=Metadata(title=title),
            requirements=tuple(requirements),
            success_metrics=tuple(metrics),
            extra_sections=sections.extras(),
            headings=sections.headings(),
        )
    )


def _parts(plan: Plan, placeholders: Plan) -> tuple[list[Requirement], list[Requirement], tuple[Labeled, ...]]:
    """The user stories, functional requirements and success criteria the writer writes: ``plan``'s real items
    (without the placeholders ``fill`` put in their empty fields), none where it has none; the placeholders'
    own in a blank spec.md."""
    empty = plan.requirements == placeholders.requirements and plan.success_metrics == placeholders.success_metrics
    requirements: tuple[Requirement, ...] = ()
    metrics: tuple[Labeled, ...] = ()
    if empty or plan.requirements != placeholders.requirements:
        requirements = plan.requirements if empty else blank(plan.requirements, placeholders.requirements)
    if empty or plan.success_metrics != placeholders.success_metrics:
        metrics = plan.success_metrics if empty else blank(plan.success_metrics, placeholders.success_metrics)
    stories = [requirement for requirement in requirements if is_story(requirement)]
    return stories, [requirement for requirement in requirements if not is_story(requirement)], metrics


def is_story(requirement: Requirement) -> bool:
    """Whether ``requirement`` is written as a user story (else as a functional requirement ``- **ID**: text``)."""
    return bool(
        requirement.user_story
        or requirement.priority
        or requirement.rationale
        or requirement.independent_test
        or requirement.criteria
        or requirement.title
        or not requirement.text
    )


# The template's annotations of its headings (``## Requirements *(mandatory)*``, ``### Key Entities *(include if
# feature involves data)*``): read as no part of the heading's words, dropped in another format.
ANNOTATIONS = re.compile(r"[ \t]+\*\((?:mandatory|optional|include if [^)\n]*)\)\*[ \t]*$", re.IGNORECASE)

SPECKIT_SPEC = Format(
    name="speckit-spec",
    annotations=ANNOTATIONS,
    description="GitHub Spec Kit spec.md: prioritised user stories, acceptance scenarios, FR-### and SC-### items",
    tool="GitHub Spec Kit (/speckit.specify)",
    origin="github/spec-kit, templates/spec-template.md (v1.0.1); placeholders in plancore's own words",
    layout="one spec.md per feature folder: specs/NNN-feature/spec.md, beside plan.md and tasks.md",
    read=_read,
    placeholders=PLACEHOLDERS,
    writer_data={
        "parts": _parts,
        "story_labels": {name: labels[0] for name, labels in LABELS.items()},
    },
    holds=frozenset(
        [
            "metadata.title",
            "requirements.id",
            "requirements.title",
            "requirements.priority",
            "requirements.user_story",
            "requirements.text",
            "requirements.rationale",
            "requirements.independent_test",
            "requirements.criteria.id",
            "requirements.criteria.text",
            "requirements.notes",
            "success_metrics.label",
            "success_metrics.value",
            "extra_sections",
        ]
    ),
    carries_sections=True,
    markers=(
        (r"^# Feature Specification:", 3.0),
        (r"^### User Story \d+ .*\(Priority: P\d+\)", 3.0),
        (r"^- \*\*FR-\d{3}\*\*:", 2.0),
        (r"^- \*\*SC-\d{3}\*\*:", 2.0),
    ),
)
PART_FORMATS[SPECKIT_SPEC.name] = SPECKIT_SPEC
