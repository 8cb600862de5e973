"""The appendix a conversion writes for what the target has no place for."""

from __future__ import annotations

from pathlib import Path

import plancore
from plancore._convert import _appendix
from plancore._loss import Loss
from plancore._markdown import outline

EXAMPLE = (Path(__file__).resolve().parents[1] / "examples" / "smartspec-plan.md").read_text(encoding="utf-8")


def _appendix_of(text: str) -> str:
    return text[text.index("## Appendix: Carried Over") :]


def test_an_item_s_fields_are_listed_together_under_the_item() -> None:
    # The example's first component is "| ResetController | Accepts reset requests
    # and new passwords | FastAPI |" with the note "Rate limited per IP"; aadt
    # holds a component's name and responsibility, not its technology or notes.
    appendix = _appendix_of(plancore.convert(EXAMPLE, "aadt").text)
    assert "### architecture.components[0]\n\n- **technology:** FastAPI\n- **notes:** Rate limited per IP\n" in appendix
    # A sub-item's fields stay with their item, by their path in it: maestro's
    # decision table has no column for an option's notes ("Signed JWT -
    # stateless, but cannot be revoked early").
    appendix = _appendix_of(plancore.convert(EXAMPLE, "maestro").text)
    assert "### decisions[0]\n\n" in appendix
    assert "- **options[0].notes:** stateless, but cannot be revoked early\n" in appendix


def test_code_goes_in_a_fence_that_nothing_in_it_closes() -> None:
    code = "```\nnot the end\n````"
    section = _appendix([Loss(path="api.examples[0].request", reason="", value=code)], "smartspec", "aadt")
    assert "**request:**\n\n`````\n```\nnot the end\n````\n`````" in section.body
    # Read back, the appendix is one section: no line of the code is a heading.
    text = "## " + section.heading + "\n\n" + section.body.replace("not the end", "# not a heading") + "\n"
    assert [node.title for node in outline(text).walk()] == [section.heading, "api.examples[0]"]


def test_single_fields_and_list_entries_stand_under_their_own_path() -> None:
    section = _appendix(
        [
            Loss(path="summary", reason="", value="Two\n\nparagraphs."),
            Loss(path="open_questions[1]", reason="", value="Which mailer?"),
            Loss(path="phases[0].tasks[1].done", reason="", value=True),
        ],
        "aadt",
        "maestro",
    )
    assert section.body.split("\n\n")[1:] == [
        "### summary",
        "Two",
        "paragraphs.",
        "### open_questions[1]",
        "Which mailer?",
        "### phases[0]",
        "- **tasks[1].done:** done",
    ]
