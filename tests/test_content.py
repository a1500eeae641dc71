"""Markdown pages: front matter, safe rendering, heading ids, link rewriting for sub-folders."""

from __future__ import annotations

from stophate.content import MarkdownRenderer, parse_page
from tests.conftest import parse_html

PAGE = b"""---
title: Test page
summary: A page for tests.
---
Intro with "quotes" and a [report link](/report/) and [a site](https://www.report-it.org.uk/).

## First section

| Day | Time |
| --- | ---- |
| Monday | 10:00 |

### Detail {: #custom-id }
"""


def test_front_matter_and_body() -> None:
    page, problems = parse_page("content/pages/test-page.md", PAGE, "/")
    assert page is not None and not [p for p in problems if p.severity == "error"]
    assert page.title == "Test page" and page.url == "/test-page/" and page.template == "page"
    doc = parse_html(page.body_html)
    assert [h.get("id") for h in doc.iter("h2")] == ["first-section"]
    assert [h.get("id") for h in doc.iter("h3")] == ["custom-id"]
    assert [(h.level, h.text) for h in page.headings] == [(2, "First section"), (3, "Detail")]
    assert "\u201cquotes\u201d" in page.body_html  # smart quotes
    assert len(list(doc.iter("table"))) == 1 and len(list(doc.iter("th"))) == 2
    assert page.links[0][0] == "/report/" and page.links[0][1].line == 5


def test_external_links_get_rel_and_site_links_get_the_base_path() -> None:
    page, _ = parse_page("content/pages/test-page.md", PAGE, "/hate-crime/")
    anchors = {a.get("href"): a.get("rel") for a in parse_html(page.body_html).iter("a")}
    assert anchors["/hate-crime/report/"] is None
    assert anchors["https://www.report-it.org.uk/"] == "noopener noreferrer"


def test_posts_get_news_urls_and_need_a_date() -> None:
    page, problems = parse_page("content/posts/2026-10-01-week.md", b"---\ntitle: Week\nsummary: s\n---\nText\n", "/")
    assert page is None
    assert any(p.field == "date" and p.message == "a post needs a date" for p in problems)
    page, _ = parse_page("content/posts/2026-10-01-week.md",
                         b"---\ntitle: Week\nsummary: s\ndate: 2026-10-01\n---\nText\n", "/")
    assert page.url == "/news/week/" and page.is_post and page.template == "post"


def test_raw_html_is_shown_as_text_never_run() -> None:
    html, _, _ = MarkdownRenderer("/").render('<script>alert(1)</script>\n\n<img src=x onerror="alert(1)">\n')
    doc = parse_html(html)
    assert not list(doc.iter("script")) and not list(doc.iter("img"))
    assert "<script>alert(1)</script>" in "".join(doc.itertext())


def test_renderer_is_reset_between_documents() -> None:
    renderer = MarkdownRenderer("/")
    renderer.render("## Same\n\n[^1]\n")
    _, _, headings = renderer.render("## Same\n")
    assert [h.id for h in headings] == ["same"]  # not "same_1": no state carried over


def test_a_second_top_level_heading_is_a_problem() -> None:
    page, problems = parse_page("content/pages/x.md", b"---\ntitle: X\nsummary: s\n---\n\n# Another title\n", "/")
    assert page is None
    problem = next(p for p in problems if p.severity == "error")
    assert (problem.position.line, problem.position.column) == (6, 1)
    assert "##" in problem.hint


def test_heading_ids_and_file_names_in_every_script() -> None:
    text = "---\ntitle: ਮਦਦ\nsummary: s\n---\n## ਸਹਾਇਤਾ ਕਿਵੇਂ ਲਵੋ\n\n## مدد حاصل کریں\n\n## Zgłoś się\n\n## Zgłoś się\n"
    page, problems = parse_page("content/pages/ਮਦਦ.md", text.encode(), "/")
    assert page is not None, problems
    assert page.url == "/ਮਦਦ/"
    ids = [h.get("id") for h in parse_html(page.body_html).iter("h2")]
    assert ids == ["ਸਹਾਇਤਾ-ਕਿਵੇਂ-ਲਵੋ", "مدد-حاصل-کریں", "zgłoś-się", "zgłoś-się_1"]


def test_a_file_name_that_is_not_a_web_address_gets_a_suggestion() -> None:
    page, problems = parse_page("content/pages/Zgłoś Się.md", b"---\ntitle: T\nsummary: s\n---\nText\n", "/")
    assert page is None
    assert [(p.field, p.hint) for p in problems] == [
        ("slug", "rename the file zgłoś-się.md (lower-case letters of any language, numbers and hyphens), "
                 "or add a slug: field")]
