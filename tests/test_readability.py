"""The plain-English checks in `check`: reading grade, heading order, link text, tables, images."""

from __future__ import annotations

from pathlib import Path

import pytest

from stophate.content import parse_page
from stophate.errors import Problems
from stophate.readability import check_page, grade_level, syllables
from tests.conftest import parse_html, run_cli
from tests.sitecopy import copy_fixture_site

PLAIN = ("You can tell the police. They will listen to you. You do not have to give your name. "
         "A friend can come with you. You can ask for help in your own language. ") * 3
HARD = ("Notwithstanding organisational considerations, comprehensive institutional accountability "
        "necessitates systematic documentation of discriminatory victimisation experiences, "
        "particularly regarding intersectional vulnerabilities affecting marginalised communities. ") * 3


def warnings_for(body: str, grade: float = 9.0, tmp_path: Path | None = None) -> list[tuple[int, str]]:
    text = f"---\ntitle: Test page\nsummary: A page for tests.\n---\n{body}"
    page, found = parse_page("content/pages/test.md", text.encode(), "/")
    assert page is not None, found
    root = tmp_path or Path("/nonexistent")
    if tmp_path:
        (tmp_path / "content" / "pages").mkdir(parents=True, exist_ok=True)
        (tmp_path / "content" / "pages" / "test.md").write_text(text, encoding="utf-8")
    problems = Problems()
    check_page(root, page, grade, problems)
    assert all(p.severity == "warning" for p in problems.items)
    return [(p.position.line, p.message) for p in problems.items]


@pytest.mark.parametrize(("word", "count"), [
    ("cat", 1), ("report", 2), ("police", 2), ("information", 4), ("community", 4), ("you", 1), ("the", 1),
])
def test_syllables(word: str, count: int) -> None:
    assert syllables(word) == count


def test_grade_of_plain_and_hard_text() -> None:
    plain, plain_words = grade_level(PLAIN)
    hard, _ = grade_level(HARD)
    assert plain_words == 99
    assert plain < 2
    assert hard > 20


def test_hard_page_warns_with_its_grade_and_plain_page_does_not() -> None:
    assert warnings_for(PLAIN) == []
    [(_, message)] = warnings_for(HARD)
    assert message.startswith("this page reads at school grade ")
    assert message.endswith("above the site's reading_grade of 9")


def test_the_threshold_comes_from_the_setting() -> None:
    assert warnings_for(PLAIN, grade=-5) != []
    assert warnings_for(HARD, grade=99) == []


def test_short_pages_are_not_graded() -> None:
    assert warnings_for("Notwithstanding institutional accountability considerations.") == []


def test_skipped_heading_level_points_at_its_line(tmp_path: Path) -> None:
    body = "Intro.\n\n## Ways to report\n\nText.\n\n#### Online\n\nText.\n\n### Fine\n"
    found = warnings_for(body, tmp_path=tmp_path)
    assert found == [(11, 'the heading "Online" skips from level 2 to level 4')]


def test_body_starting_at_level_three_skips_a_level() -> None:
    [(_, message)] = warnings_for("### Too deep\n\nText.\n")
    assert message == 'the heading "Too deep" skips from level 1 to level 3'


@pytest.mark.parametrize("text", ["click here", "Here", "read more", "More."])
def test_vague_link_text_warns(text: str, tmp_path: Path) -> None:
    found = warnings_for(f"Intro.\n\nTo report, [{text}](/report/).\n", tmp_path=tmp_path)
    assert found == [(7, f'the link text "{text}" does not say where it goes')]


def test_link_text_that_makes_sense_alone_is_fine() -> None:
    assert warnings_for("Read [how to report hate crime](/report/).\n") == []


def test_table_without_caption_or_header_cells_warns() -> None:
    body = "| Day | Hours |\n| --- | --- |\n| Monday | 9 to 5 |\n"
    assert [m for _, m in warnings_for(body)] == ["a table has no caption"]


def test_table_caption_from_a_table_line_is_rendered_and_accepted() -> None:
    body = "Table: Opening times\n\n| Day | Hours |\n| --- | --- |\n| Monday | 9 to 5 |\n"
    assert warnings_for(body) == []
    page, _ = parse_page("content/pages/t.md", f"---\ntitle: T\n---\n{body}".encode(), "/")
    assert page is not None
    table = parse_html(page.body_html).find(".//table")
    assert table[0].tag == "caption"
    assert table[0].text == "Opening times"
    assert "Table:" not in page.body_html


def test_default_content_is_plain_english() -> None:
    result = run_cli("check", "--today", "2026-11-24", "--strict")
    assert result.returncode == 0, result.stderr
    assert "reads at school grade" not in result.stderr


def test_check_prints_the_warning_with_its_place(tmp_path: Path) -> None:
    root = tmp_path / "site"
    copy_fixture_site("minimal", root)
    (root / "content" / "pages" / "vague.md").write_text(
        "---\ntitle: Vague\nsummary: A page with a vague link.\n---\nHello.\n\n[click here](/)\n", encoding="utf-8")
    result = run_cli("--root", str(root), "check", "--today", "2026-11-24")
    assert result.returncode == 0, result.stderr
    assert 'content/pages/vague.md:7:1: body: warning: the link text "click here" does not say where it goes' \
        in result.stderr
