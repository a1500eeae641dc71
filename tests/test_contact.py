"""The council's contact: only confirmed details, with their source and checked date, and every page that tells
residents to contact the council links to it."""

from __future__ import annotations

from pathlib import Path

import pytest

from stophate.config import load_site
from stophate.errors import Problems
from tests.conftest import parse_html
from tests.sitecopy import copy_default_site


def _main_text(site: Path, name: str) -> tuple[str, object]:
    main = parse_html((site / name).read_bytes()).find(".//main")
    return " ".join("".join(main.itertext()).split()), main


def test_the_contact_page_shows_only_confirmed_details_with_source_and_date(default_site: Path) -> None:
    text, main = _main_text(default_site, "contact/index.html")
    assert "City of Wolverhampton Council" in text
    assert "Civic Centre, St Peter's Square, Wolverhampton, WV1 1SH" in text
    assert "Last checked on Tuesday 24 November 2026" in text
    keys = ["".join(dt.itertext()) for dt in main.iter("dt")]
    assert keys == ["Address"], "no phone, email or web page until the council confirms them"
    assert not [a for a in main.iter("a") if (a.get("href") or "").startswith(("tel:", "mailto:"))]


def test_every_page_that_says_contact_the_council_links_to_it(default_site: Path) -> None:
    pages = 0
    for file in sorted(default_site.rglob("*.html")):
        text, main = _main_text(default_site, file.relative_to(default_site).as_posix())
        if "contact the city of wolverhampton council" in text.lower() and file.parent.name != "contact":
            pages += 1
            assert "/contact/" in [a.get("href") for a in main.iter("a")], file
        footer = parse_html(file.read_bytes()).find(".//footer")
        if footer is None:  # the events list partners frame in their own pages has no footer of ours
            assert file.relative_to(default_site).parts[0] == "embed", file
            continue
        assert "/contact/" in [a.get("href") for a in footer.iter("a")], file
    assert pages >= 4


@pytest.mark.parametrize(("line", "field", "words"), [
    ('  phone: "12345"\n', "council.phone", "not a UK phone number"),
    ("  email: council-at-example\n", "council.email", "not an e-mail address"),
    ("  website: http://example.gov.uk/\n", "council.website", "https://"),
])
def test_council_details_are_checked_like_every_contact(tmp_path: Path, line: str, field: str, words: str) -> None:
    root = copy_default_site(tmp_path / "src")
    text = (root / "site.yaml").read_text()
    (root / "site.yaml").write_text(text.replace("  name: City of Wolverhampton Council\n",
                                                 "  name: City of Wolverhampton Council\n" + line))
    problems = Problems()
    assert load_site(root, problems) is None
    assert [(p.field, words in p.message) for p in problems.errors] == [(field, True)]
    assert problems.errors[0].position.path == "site.yaml" and problems.errors[0].position.line > 1
