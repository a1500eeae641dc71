"""site.yaml's words for residents given per language (a route's title, a contact's label, the tagline, a menu
link's text): checked against the languages site.yaml itself lists, each mistake a positioned problem."""

from __future__ import annotations

from pathlib import Path

import pytest

from stophate.config import load_site
from stophate.errors import Problems
from stophate.localtext import in_language

HEAD = """name: Example
base_url: https://example.org/
languages:
  - code: en-GB
  - code: ur
report_routes:
  - id: emergency
    checked: 2026-11-01
    when: Someone is in danger now.
    next: The police come.
"""


def load(tmp_path: Path, yaml: str) -> tuple[object, list[tuple[int, int, str, str]]]:
    (tmp_path / "site.yaml").write_text(yaml, "utf-8")
    problems = Problems()
    site = load_site(tmp_path, problems)
    return site, [(p.position.line, p.position.column, p.field, p.message) for p in problems.sorted()]


def test_a_route_title_in_each_language_and_the_rest_plain(tmp_path: Path) -> None:
    site, problems = load(tmp_path, HEAD + "    title:\n      en-GB: In an emergency\n      UR: ایمرجنسی میں\n"
                          "    contacts:\n      - {label: {en-GB: Call, ur: فون کریں}, phone: '999'}\n")
    assert problems == []
    route = site.report_routes[0]
    assert route.title == "In an emergency"  # read as before wherever the default language is written
    assert in_language(route.title, "ur") == ("ایمرجنسی میں", "ur")
    assert in_language(route.when, "ur") == ("Someone is in danger now.", "en-GB")  # plain: the default language
    assert in_language(route.contacts[0].label, "ur") == ("فون کریں", "ur")
    assert route.contacts[0].phone == "999"


def test_a_one_language_site_writes_its_texts_plainly_in_its_own_language(tmp_path: Path) -> None:
    yaml = HEAD.replace("languages:\n  - code: en-GB\n  - code: ur\n", "language: pl\n") + "    title: Pilne\n"
    site, problems = load(tmp_path, yaml)
    assert problems == [] and in_language(site.report_routes[0].title, "pl") == ("Pilne", "pl")


@pytest.mark.parametrize(("title", "problem"), [
    ("{en-GB: In an emergency, pa: ਐਮਰਜੈਂਸੀ}", (11, 37, "report_routes[0].title.pa",
                                                "'pa' is not one of the site's languages")),
    ("{en-GB: In an emergency, ur: ''}", (11, 41, "report_routes[0].title.ur", "this is empty")),
    ("{ur: ایمرجنسی میں}", (11, 12, "report_routes[0].title",
                          "there is no text in en-GB, the site's default language")),
    ("[In, an, emergency]", (11, 12, "report_routes[0].title",
                             "expected some text, or one text per language, got a list")),
])
def test_mistakes_in_a_text_are_positioned_problems(tmp_path: Path, title: str, problem: tuple) -> None:
    site, problems = load(tmp_path, HEAD + f"    title: {title}\n")
    assert site is None and problems == [problem]


def test_names_and_numbers_stay_plain(tmp_path: Path) -> None:
    yaml = HEAD + "    title: In an emergency\n    contacts:\n      - {label: Call, phone: {en-GB: '999', ur: '999'}}\n"
    site, problems = load(tmp_path, yaml)
    assert site is None and [p[2] for p in problems] == ["report_routes[0].contacts[0].phone"]
