"""The stylesheet speaks in logical directions only, so a right-to-left page mirrors by itself."""

from __future__ import annotations

import re

import pytest

from tests.sitecopy import REPO

STYLESHEET = REPO / "static" / "style.css"
# A property whose name or value is a physical side: left: 0, margin-right, border-left-color, text-align: right...
PHYSICAL = re.compile(r"(?:^|[;{\s])((?:[a-z-]*-)?(?:left|right)(?:-[a-z-]+)?\s*:[^;}]*"
                      r"|(?:text-align|float|clear|caption-side)\s*:\s*(?:left|right)\b[^;}]*)", re.I)
# Four-value shorthands are top, right, bottom, left: physical when right and left differ.
SHORTHAND = re.compile(r"(?:^|[;{\s])((?:margin|padding|inset|border-width|border-style|border-color)"
                       r"\s*:\s*([^;}]+))", re.I)


def physical_rules(css: str) -> list[str]:
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    found = [m.group(1).strip() for m in PHYSICAL.finditer(css)]
    for match in SHORTHAND.finditer(css):
        values = match.group(2).replace("!important", "").split()
        if len(values) == 4 and values[1] != values[3]:
            found.append(match.group(1).strip())
    return found


@pytest.mark.parametrize(("css", "found"), [
    ("a { margin-left: 1rem; }", ["margin-left: 1rem"]),
    ("a{left:0}", ["left:0"]),
    ("th { text-align: right; }", ["text-align: right"]),
    ("a { border-right-color: red; float: left }", ["border-right-color: red", "float: left"]),
    ("a { padding: 0 1rem 0 2rem; }", ["padding: 0 1rem 0 2rem"]),
    ("a { padding: 0 1rem 0 1rem; margin: 0 auto; text-align: start; margin-inline-start: 1rem; }", []),
    ("/* left: 0 */ a { inset-inline-end: 0; border-inline-start: 1px solid; }", []),
])
def test_the_check_finds_physical_directions(css: str, found: list[str]) -> None:
    assert physical_rules(css) == found


def test_stylesheet_has_no_physical_left_or_right() -> None:
    assert physical_rules(STYLESHEET.read_text(encoding="utf-8")) == []
