"""Spec Kit's Technical Context labels a plan answers elsewhere are filled, not left ``NEEDS CLARIFICATION``
(the s12 user trial, item 16): ``Testing`` by the kinds of tests its testing strategy holds."""

from __future__ import annotations

import plancore

SMARTSPEC = """# Implementation Plan: Export

## Testing Strategy

### Unit Tests

- Each exporter writes a valid file

### E2E Tests

- A user exports a board from the menu
"""


def test_testing_is_answered_by_the_plan_s_testing_strategy() -> None:
    text = plancore.convert(SMARTSPEC, "speckit-github", source="smartspec").text
    assert "**Testing**: Unit and end-to-end tests\n" in text
    # The strategy itself stays in the text, and a plan that names no language still asks for one.
    assert "- A user exports a board from the menu" in text
    assert "**Language/Version**: NEEDS CLARIFICATION" in text
    # Back in SmartSpec the label, made of its testing strategy, says nothing more: nothing is carried.
    back = plancore.convert(text, "smartspec", source="speckit-github")
    assert back.losses == ()
    assert "end-to-end" not in back.text
    assert plancore.parse(back.text, "smartspec").testing == plancore.parse(SMARTSPEC, "smartspec").testing


def test_a_plan_without_tests_leaves_testing_to_its_sample() -> None:
    text = plancore.convert(
        "# Implementation Plan: Export\n\n## Executive Summary\n\nExports.\n", "speckit-github", source="smartspec"
    ).text
    # Nothing answered: the template's Technical Context stands as it is, its sample for Testing too.
    assert "**Testing**: [e.g., pytest, XCTest, cargo test or NEEDS CLARIFICATION]" in text
