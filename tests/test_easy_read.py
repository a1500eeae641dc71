"""Easy read pages: published beside the page they retell and linked from its top, a picture with alt text beside
every idea, and stricter readability checks."""

from __future__ import annotations

from pathlib import Path

import pytest

from stophate import readability
from stophate.content import parse_page
from stophate.errors import BuildFailed, Problems
from stophate.site import BuildOptions, build
from tests.conftest import TODAY, parse_html
from tests.sitecopy import copy_default_site

PAGES = {"report/index.html": "report/easy-read/index.html",
         "what-is-hate-crime/index.html": "what-is-hate-crime/easy-read/index.html"}


def _main(site: Path, name: str):
    return parse_html((site / name).read_bytes()).find(".//main")


@pytest.mark.parametrize(("original", "version"), PAGES.items())
def test_linked_from_the_top_of_the_page_and_back(default_site: Path, original: str, version: str) -> None:
    first_link = _main(default_site, original).find(".//p[@class='app-easy-read-link']/a")
    assert first_link.get("href") == "/" + version.removesuffix("index.html")
    back = _main(default_site, version).find(".//p[@class='app-easy-read-link']/a")
    assert back.get("href") == "/" + original.removesuffix("index.html")


@pytest.mark.parametrize("version", PAGES.values())
def test_every_idea_has_a_picture_with_alt_text(default_site: Path, version: str) -> None:
    prose = _main(default_site, version).find(".//div[@class='app-prose app-easy-read']")
    lines = prose.findall("p")
    assert len(lines) >= 10
    for line in lines:
        picture = line[0]
        assert picture.tag == "img" and not (line.text or "").strip(), "the picture comes first"
        assert picture.get("alt", "").strip(), picture.get("src")
        assert picture.get("src").startswith("/easy-read/") and (default_site / picture.get("src")[1:]).is_file()
    assert (default_site / "easy-read" / "LICENSE-lucide.txt").read_text().startswith("ISC License")


def _easy_page(tmp_path: Path, body: str):
    text = f"---\ntitle: Easy\nsummary: Easy.\neasy_read_of: report\n---\n{body}"
    (tmp_path / "content" / "pages").mkdir(parents=True)
    (tmp_path / "content" / "pages" / "easy.md").write_text(text)
    page, problems = parse_page("content/pages/easy.md", text.encode(), "/")
    assert problems == [] and page is not None
    return page


def test_easy_read_lines_need_a_picture_and_short_sentences(tmp_path: Path) -> None:
    page = _easy_page(tmp_path, "![A phone](/easy-read/phone.svg) Call 101.\n\nNo picture on this line.\n\n"
                      "![A phone](/easy-read/phone.svg) This sentence goes on and on with far too many words "
                      "for anyone who finds reading hard to follow easily.\n")
    assert page.url == "/report/easy-read/"
    found = Problems()
    readability.check_page(tmp_path, page, 9.0, found)
    where = {(str(p.position), p.message.split(";")[0]) for p in found.warnings}
    assert where == {("content/pages/easy.md:8:1", "this line has no picture beside it"),
                     ("content/pages/easy.md:10:34", "this sentence has 20 words")}


def test_ordinary_pages_are_not_held_to_easy_read_rules(tmp_path: Path) -> None:
    page = _easy_page(tmp_path, "No picture on this line.\n")
    ordinary = type(page)(**{**{f: getattr(page, f) for f in page.__dataclass_fields__}, "easy_read_of": None})
    found = Problems()
    readability.check_page(tmp_path, ordinary, 9.0, found)
    assert found.items == []


def test_easy_read_of_must_name_a_page(tmp_path: Path) -> None:
    root = copy_default_site(tmp_path / "src")
    source = root / "content/pages/report-easy-read.md"
    source.write_text(source.read_text().replace("easy_read_of: report", "easy_read_of: reprot"))
    with pytest.raises(BuildFailed) as failure:
        build(root, BuildOptions(today=TODAY, workers=1))
    found = [(str(p.position), p.field, p.hint) for p in failure.value.problems if p.field == "easy_read_of"]
    assert found == [("content/pages/report-easy-read.md:4:15", "easy_read_of",
                      "did you mean report? use the slug of a page, such as report")]
