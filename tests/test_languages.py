"""The site's languages in site.yaml: codes checked against CLDR, names and directions filled in, old key kept."""

from __future__ import annotations

from pathlib import Path

import pytest

from stophate.config import load_site
from stophate.errors import Problems

BASE = "name: Test\nbase_url: https://example.org/\nreport_routes: []\n"


def load(tmp_path: Path, yaml: str):
    (tmp_path / "site.yaml").write_text(BASE + yaml, "utf-8")
    problems = Problems()
    return load_site(tmp_path, problems), problems.items


def test_a_site_with_the_older_language_key_has_that_one_language(tmp_path: Path) -> None:
    site, problems = load(tmp_path, "language: en-gb\n")
    assert problems == []
    assert [(x.code, x.name, x.dir, x.reviewed) for x in site.languages] == [("en-GB", "English", "ltr", True)]
    assert site.language == "en-GB"


def test_without_either_key_the_site_is_in_british_english(tmp_path: Path) -> None:
    site, _ = load(tmp_path, "")
    assert [x.code for x in site.languages] == ["en-GB"]


def test_languages_take_their_own_names_and_directions_from_cldr(tmp_path: Path) -> None:
    site, problems = load(tmp_path, "languages:\n  - code: en-GB\n  - code: pa\n  - code: ur\n  - code: pl\n"
                                    "    reviewed: true\n  - code: ro\n    name: Limba română\n")
    assert problems == []
    assert [(x.code, x.name, x.dir, x.reviewed) for x in site.languages] == [
        ("en-GB", "English", "ltr", True), ("pa", "ਪੰਜਾਬੀ", "ltr", False), ("ur", "اردو", "rtl", False),
        ("pl", "Polski", "ltr", True), ("ro", "Limba română", "ltr", False)]
    assert site.language == "en-GB"


@pytest.mark.parametrize(("yaml", "line", "column", "field", "message"), [
    ("language: /proc/self/cwd/evil\n", 4, 11, "language", '"/proc/self/cwd/evil" is not a language code'),
    ("language: ../../etc/passwd\n", 4, 11, "language", '"../../etc/passwd" is not a language code'),
    ("language: english\n", 4, 11, "language", '"english" is not a language code'),
    ("language: qq\n", 4, 11, "language", '"qq" is not a language the builder knows'),
    ("languages:\n  - code: en\n  - name: Polski\n", 6, 5, "languages[1].code", "'code' is missing"),
    ("languages:\n  - code: en\n  - code: ur\n    dir: right\n", 7, 10, "languages[1].dir",
     '"right" is not one of the choices'),
    ("languages:\n  - code: en\n  - code: EN\n", 6, 5, "languages[1].code", "the language en is listed twice"),
    ("language: en\nlanguages:\n  - code: en\n", 4, 11, "language", "site.yaml has both language and languages"),
])
def test_a_bad_language_is_a_positioned_problem(tmp_path: Path, yaml: str, line: int, column: int, field: str,
                                                message: str) -> None:
    site, problems = load(tmp_path, yaml)
    assert site is None
    assert [(p.position.line, p.position.column, p.field, p.message) for p in problems] == [
        (line, column, field, message)]
    assert problems[0].hint


def test_a_code_is_written_as_cldr_writes_it(tmp_path: Path) -> None:
    site, _ = load(tmp_path, "languages: [{code: EN-gb}, {code: pol}, {code: sr-latn-rs}]\n")
    assert [x.code for x in site.languages] == ["en-GB", "pl", "sr-Latn-RS"]
