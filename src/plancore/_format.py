"""A plan format: its reader, its Jinja2 writer template and its blank template.

The blank template (``templates/NAME.md``) is the format's definition: read as
a plan it gives every field's placeholder, and ``Plan()`` written in the format
is exactly it. The writer template (``templates/NAME.md.j2``) lays out a plan
whose unfilled fields have been replaced by those placeholders.

A format whose blank template is not ours to ship as a file (speckit-github's
is GitHub's) carries its placeholders as a plan instead; its blank template is
then that plan written by the writer template.
"""

from __future__ import annotations

import functools
import importlib.resources
import re
from collections.abc import Callable, Mapping
from pathlib import Path

import attrs
import jinja2

from ._fields import blank, fill, filled, restrict
from ._headings import authored, retitle
from ._markdown import aligned_table, cell, compact_row
from ._model import Labeled, Plan, Section
from ._reading import snap
from ._splice import candidates, restyle

__all__ = ["Format", "Placer", "Source", "normalize_newlines", "own_headings", "template_text"]


@attrs.frozen
class Source:
    """What a plan was parsed from, so that an unchanged plan is written back as it was."""

    format: str
    text: str
    plan: Plan


def normalize_newlines(text: str) -> str:
    """``text`` without a byte-order mark and with ``\\n`` line ends."""
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def _templates_dir() -> Path:
    packaged = importlib.resources.files("plancore") / "templates"
    if packaged.is_dir():
        return Path(str(packaged))
    # A source checkout (or an editable install) keeps them at the top level.
    return Path(__file__).resolve().parents[2] / "templates"


@functools.cache
def _environment() -> jinja2.Environment:
    # Plan content reaches templates only as values, never as template source,
    # so nothing a plan holds is evaluated.
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(_templates_dir()),
        autoescape=False,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    environment.filters["cell"] = cell
    environment.globals["aligned_table"] = aligned_table
    environment.globals["compact_row"] = compact_row
    return environment


@functools.cache
def template_text(name: str) -> str:
    """The blank template of format ``name``, as shipped."""
    return (_templates_dir() / f"{name}.md").read_text(encoding="utf-8")


class Placer:
    """Hands out a plan's verbatim sections at the places a writer template names.

    A section goes after the field it followed in its source; sections whose
    field the template never names come out where it calls ``rest()``.
    """

    def __init__(self, sections: tuple[Section, ...], gap: str) -> None:
        self._pending = list(sections)
        self._gap = gap

    def _render(self, section: Section) -> str:
        if section.level == 0:
            # Text without a heading is a block like any other: no empty heading line, no gap above it.
            return section.body + "\n\n" if section.body else ""
        heading = "#" * section.level + (" " + section.heading if section.heading else "")
        return heading + "\n" + (self._gap + section.body + "\n\n" if section.body else "\n")

    def __call__(self, key: str) -> str:
        taken = [section for section in self._pending if section.after == key]
        self._pending = [section for section in self._pending if section.after != key]
        return "".join(self._render(section) for section in taken)

    def rest(self) -> str:
        taken, self._pending = self._pending, []
        return "".join(self._render(section) for section in taken)


@attrs.frozen
class Format:
    """One plan format, registered by ``name``."""

    name: str
    description: str
    origin: str
    read: Callable[[str], Plan] = attrs.field(repr=False)
    holds: frozenset[str] = attrs.field(repr=False)
    markers: tuple[tuple[str, float], ...] = attrs.field(repr=False)
    # The blank line a writer puts between a heading and its body ("\n" or "").
    gap: str = attrs.field(default="\n", repr=False)
    # Every field's placeholder, for a format that ships no ``templates/NAME.md``.
    placeholders: Plan | None = attrs.field(default=None, repr=False)
    # Data of the format's module that its writer template uses too (labels, say).
    writer_data: Mapping[str, object] = attrs.field(factory=dict, repr=False, eq=False)

    @property
    def blank_text(self) -> str:
        return template_text(self.name) if self.placeholders is None else _rendered_blank(self)

    @property
    def template_plan(self) -> Plan:
        return self.placeholders if self.placeholders is not None else _template_plan(self)

    def parse(self, text: str) -> Plan:
        # A placeholder written with other list marks or blank lines is still
        # the placeholder (snap), and a placeholder is no content (blank).
        template = self.template_plan
        plan = blank(snap(self.read(normalize_newlines(text)), template), template)
        plan = attrs.evolve(plan, headings=authored(plan.headings, own_headings(self)))
        return attrs.evolve(plan, source=Source(format=self.name, text=text, plan=plan))

    def emit(self, plan: Plan) -> str:
        source = plan.source
        if not isinstance(source, Source) or source.format != self.name:
            return self._render(plan)
        if source.plan == plan:
            return source.text
        # An edited plan: the edit goes into the text it was read from, which
        # is kept wherever the edit does not reach: line by line if that reads
        # back as the edited plan, else the sections it reaches are rewritten
        # (see ``candidates``), else the whole plan is.
        edited = self._render(plan)
        wanted = self.parse(edited)
        for text in candidates(source.text, self._render(source.plan), edited):
            if self.parse(text) == wanted:
                return text
        return restyle(edited, like=source.text)

    def _render(self, plan: Plan) -> str:
        filled = fill(plan, self.template_plan)
        placer = Placer(plan.extra_sections, self.gap)
        template = _environment().get_template(f"{self.name}.md.j2")
        text: str = template.render(**self.writer_data, plan=filled, place=placer, placeholders=self.template_plan)
        return retitle(text, plan.headings, self.read) if plan.headings else text

    def score(self, text: str) -> float:
        """How strongly ``text`` bears this format's marks (0 when none)."""
        return sum(weight for pattern, weight in self.markers if _compiled(pattern).search(text))


@functools.cache
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.MULTILINE)


_TEMPLATE_PLANS: dict[str, Plan] = {}
_RENDERED_BLANKS: dict[str, str] = {}
_OWN_HEADINGS: dict[str, tuple[Labeled, ...]] = {}


def _rendered_blank(fmt: Format) -> str:
    text = _RENDERED_BLANKS.get(fmt.name)
    if text is None:
        text = _RENDERED_BLANKS[fmt.name] = fmt._render(Plan())
    return text


def _template_plan(fmt: Format) -> Plan:
    plan = _TEMPLATE_PLANS.get(fmt.name)
    if plan is None:
        # Its headings are the format's own, no author's: the placeholder of every heading is none.
        plan = _TEMPLATE_PLANS[fmt.name] = attrs.evolve(fmt.read(fmt.blank_text), headings=())
    return plan


def own_headings(fmt: Format) -> tuple[Labeled, ...]:
    """The format's own headings for its sections, as its reader records them:
    its blank template's, and its writer's for sections the template lacks."""
    headings = _OWN_HEADINGS.get(fmt.name)
    if headings is None:
        full = restrict(attrs.evolve(filled(Plan), extra_sections=(), headings=()), fmt.holds)
        written = fmt.read(fmt._render(full)).headings
        headings = _OWN_HEADINGS[fmt.name] = fmt.read(fmt.blank_text).headings + written
    return headings
