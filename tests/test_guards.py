"""The Markdown shapes refused before rendering: right at their limits, however the page gets there."""

from __future__ import annotations

import pytest

from stophate.guards import MAX_NESTING, MAX_OPEN_BRACKETS, markdown_hazard


@pytest.mark.parametrize(("text", "refused"), [
    ("Text " + "[a " * MAX_OPEN_BRACKETS + "\n", False),
    ("Text " + "[a " * (MAX_OPEN_BRACKETS + 1) + "\n", True),
    ("[a " * 40 + "\n\n" + "[b " * 40 + "\n", False),  # brackets never pair across paragraphs
    ("\t" * MAX_NESTING + "deep\n", False),
    ("\t" * (MAX_NESTING + 1) + "deep\n", True),
    (">" * MAX_NESTING + " quote\n", False),
    (">" * (MAX_NESTING + 1) + " quote\n", True),
    ("1234567890" * 4 + " is a number, not a list\n", False),
    ("Intro.\n\n" + "- " * (MAX_NESTING + 1) + "item\n", True),
])
def test_shapes_at_their_limits(text: str, refused: bool) -> None:
    assert (markdown_hazard(text) is not None) == refused
