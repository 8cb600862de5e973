"""A -> B -> A -> B with a data flow: written once, where the target has its place, and read back from
there, so a second cycle writes what the first did (hand-written inputs, one per kind that made a cycle
unstable: maestro-001/003/019 of the corpus)."""

from __future__ import annotations

import plancore
from plancore._report import APPENDIX_HEADING

FLOW = "**Input:** rows\n↓\n**Output:** a CSV file"


def _body(text: str) -> str:
    return text.split(f"## {APPENDIX_HEADING}")[0]


def _cycle(text: str, a: str, b: str) -> tuple[str, str]:
    """The first B and the second B (A -> B -> A -> B) of ``text`` (in ``a``), up to the appendix."""
    start = plancore.convert(text, a, source="maestro").text
    first = plancore.convert(start, b, source=a).text
    return _body(first), _body(plancore.convert(plancore.convert(first, a, source=b).text, b, source=a).text)


def _maestro(model: str, after_components: str = "") -> str:
    return (
        "# Implementation Plan: Export\n\n**Feature ID:** 007-export\n**Spec:** spec.md\n**Created:** 2026-05-01\n"
        "**Status:** Draft\n\n---\n\n## 1. Architecture Overview\n\n### 1.1 High-Level Design\n\n"
        "A CSV writer behind the board menu.\n\n### 1.2 Component Interactions\n\nThe menu calls the writer.\n\n"
        "---\n\n## 2. Component Design\n\n### 2.1 New Components\n\n#### Component: Writer\n\n"
        "- **Purpose:** Writes the CSV\n- **Location:** `src/export.ts`\n\n" + after_components + "---\n\n"
        "## 3. Data Model\n\n" + model + "---\n\n## 5. Implementation Phases\n\n### Phase 1: Rows\n\n"
        "- **Tasks:**\n  - Write the row type\n- **Deliverable:** Rows\n"
    )


# The data flow where maestro's template has it, under the Data Model beside the entities.
IN_MODEL = _maestro(
    "### 3.1 New Entities\n\n#### Entity: Row\n\n```ts\ntype Row = string[];\n```\n\n### 3.3 Data Flow\n\n"
    + FLOW
    + "\n\n"
)
# The data flow right after the components (maestro-019's Data Model heading is lost in an unclosed fence).
AFTER_COMPONENTS = _maestro(
    "### 3.1 New Entities\n\n#### Entity: Row\n\n```ts\ntype Row = string[];\n```\n\n",
    "### 3.2 Data Flow\n\n" + FLOW + "\n\n",
)


def test_spec_kit_rapid_writes_a_data_flow_inside_the_data_model_once_as_its_own_bullet() -> None:
    # The schema bullet took the whole Data Model section, its Data Flow subsection with it, beside the
    # Data flows bullet: the flow was there twice, and came back to SmartSpec in two places.
    text = plancore.convert(IN_MODEL, "speckit", source="maestro").text
    assert text.count("**Output:** a CSV file") == 1
    schema, flows = text.split("- Database schema changes:\n\n")[1].split("- Data flows:\n\n")
    assert "type Row" in schema and "Data Flow" not in schema
    assert flows.startswith("  **Input:** rows\n  ↓\n")
    first, again = _cycle(IN_MODEL, "speckit", "smartspec")
    assert first == again
    assert plancore.parse(first, "smartspec").architecture.data_flow == FLOW


def test_maestro_reads_a_data_flow_after_its_components_as_the_data_flow() -> None:
    plan = plancore.parse(AFTER_COMPONENTS, "maestro")
    assert plan.architecture.data_flow == FLOW
    assert [c.name for c in plan.architecture.components] == ["Writer"]
    assert not [s for s in plan.extra_sections if "Data Flow" in s.heading]
    assert plancore.emit(plan, "maestro") == AFTER_COMPONENTS


def test_a_data_flow_after_the_components_is_stable_in_every_format_without_one_of_its_own() -> None:
    # Left the author's section on the first pass, it came home as maestro's data flow on the second:
    # aadt wrote it after the components, then after the decisions; SpecPulse and Spec Kit carried it
    # inside Component Design, then maestro took it out and it stood elsewhere.
    for target in ("aadt", "specpulse", "speckit", "speckit-github", "speckit-tasks"):
        first, again = _cycle(AFTER_COMPONENTS, "maestro", target)
        assert first == again, target
        assert first.count("**Output:** a CSV file") <= 1, target


def test_a_carried_section_leaves_out_a_data_flow_its_format_has_elsewhere_and_takes_one_it_has() -> None:
    # SpecPulse has no place for maestro's components, data model or data flow: each is carried, the data
    # flow in the Data Model as maestro's template has it, not in Component Design where the author put it.
    text = plancore.convert(AFTER_COMPONENTS, "specpulse", source="maestro").text
    assert text.count("**Output:** a CSV file") == 1
    design, model = text.split("### Component Design\n")[1].split("\n### Data Model\n")
    assert "Writes the CSV" in design and "Data Flow" not in design
    assert model.index("type Row") < model.index("#### Data Flow\n**Input:** rows\n") < model.index("\n## ")


def test_a_data_flow_under_a_carried_data_model_comes_home_to_the_targets_data_flow() -> None:
    # GitHub Spec Kit carries maestro's Data Model whole; SmartSpec took it home under its Database Schema,
    # the Data Flow with it, where SmartSpec reads no data flow: it came home only on the next cycle.
    github = plancore.convert(IN_MODEL, "speckit-github", source="maestro").text
    assert "## Data Model\n" in github and "### Data Flow\n" in github
    smartspec = plancore.convert(github, "smartspec", source="speckit-github").text
    plan = plancore.parse(smartspec, "smartspec")
    assert plan.architecture.data_flow == FLOW
    # The entities stay under SmartSpec's Database Schema, their author's subsections, once.
    assert smartspec.count("type Row = string[];") == 1
    assert smartspec.index("## Database Schema") < smartspec.index("type Row")
    assert smartspec.count("**Output:** a CSV file") == 1
    first, again = _cycle(IN_MODEL, "speckit-github", "smartspec")
    assert first == again


SMARTSPEC_BULLETS = (
    "# Implementation Plan: Export\n\n## Executive Summary\n\nUsers export boards.\n\n## Architecture Overview\n\n"
    "### System Context\n\nA CSV writer.\n\n### Data Model\n\n- API contracts:\n\n  **Export call**\n\n"
    "  - `export(board)` returns the file\n\n### Data Flow\n\n" + FLOW + "\n"
)


def test_spec_kit_rapid_adds_the_data_flow_beside_bullets_written_already() -> None:
    # A Data Model holding the API contracts bullet (it did not come home in SmartSpec) left no room for
    # the data flow, which came home: Spec Kit carried it as a section of its own on the second pass.
    text = plancore.convert(SMARTSPEC_BULLETS, "speckit", source="smartspec").text
    model = text.split("### Data Model\n\n")[1].split("\n## ")[0]
    assert model.startswith("- API contracts:\n\n  **Export call**\n")
    assert "- Data flows:\n\n  **Input:** rows\n  ↓\n  **Output:** a CSV file" in model
    assert text.count("**Output:** a CSV file") == 1


MODIFIED_COMMAND = IN_MODEL.replace(
    "---\n\n## 5. Implementation Phases",
    "---\n\n## 4. API Contracts\n\n### 4.2 Modified Methods\n\n#### Command: /sync\n\n"
    "- **Current behavior:** Syncs all\n- **New behavior:** Syncs one board\n- **Breaking:** No\n\n"
    "---\n\n## 5. Implementation Phases",
)


def test_an_appendix_item_carried_by_name_alone_makes_no_new_item() -> None:
    # SmartSpec's appendix carries maestro's "4.2 Modified Methods" over the command by its name; Spec Kit
    # rapid holds the endpoints in its Data Model bullet. Back in SmartSpec the name came home as an endpoint
    # of its own, of nothing but its path, which kept the bullet's endpoints from coming home, and Spec Kit
    # carried it as an API Design of its own on the second pass (maestro-019 smartspec>speckit).
    smartspec = plancore.convert(MODIFIED_COMMAND, "smartspec", source="maestro").text
    speckit = plancore.convert(smartspec, "speckit", source="smartspec").text
    back = plancore.convert(speckit, "smartspec", source="speckit").text
    api = _body(back).split("## API Design\n")[1].split("\n## ")[0]
    assert "| Command: /sync |" in api and "- **New behavior:** Syncs one board" in api
    again = plancore.convert(back, "speckit", source="smartspec").text
    assert _body(again) == _body(speckit)
    assert "### API Design" not in _body(again)
