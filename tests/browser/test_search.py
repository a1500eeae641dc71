"""The search page: with JavaScript, Pagefind finds pages and listings; without it, an A to Z of every page.
The index and its scripts load only on the search page, and every request stays on the test server."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from tests.browser.conftest import OpenPage, RequestLog, ServedSite, axe_violations


def _search(page, words: str, own: re.Pattern[str] | None = None) -> list[tuple[str, str]]:
    form = page.get_by_role("search")
    form.wait_for(state="visible")  # shown once the index has loaded
    form.locator("#search-input").fill(words)
    form.locator("button[type=submit]").click()
    # this search's own words in the status line: an earlier search's result never counts as this one's
    own = own or re.compile(rf"found for {re.escape(words)}(: \d+|\.)")
    page.locator("#search-status").filter(has_text=own).wait_for()
    links = page.locator("#search-results a")
    return [(links.nth(i).inner_text(), links.nth(i).get_attribute("href")) for i in range(links.count())]


def test_search_finds_the_refugee_and_migrant_centre(default_served: ServedSite, open_page: OpenPage,
                                                     requests_seen: RequestLog) -> None:
    page = open_page(default_served.url + "search/")
    found = _search(page, "Refugee")
    assert ("The Refugee and Migrant Centre", "/centres/refugee-migrant-centre/") in found
    assert re.fullmatch(r"Pages found for Refugee: \d+", page.locator("#search-status").inner_text())
    assert page.get_by_label("Search for a word, a place or a language").is_visible()
    page.get_by_role("link", name="The Refugee and Migrant Centre").first.click()
    assert page.locator("main h1").inner_text() == "The Refugee and Migrant Centre"
    assert any("/pagefind/" in url for url in requests_seen.urls)


def test_search_finds_centres_by_language_and_says_when_nothing_is_found(
        default_served: ServedSite, open_page: OpenPage) -> None:
    page = open_page(default_served.url + "search/")
    assert axe_violations(page) == []
    titles = [title for title, _ in _search(page, "languages")]
    assert "The Refugee and Migrant Centre" in titles
    assert _search(page, "zzxqy") == []
    assert "No pages found for zzxqy" in page.locator("#search-status").inner_text()
    assert axe_violations(page) == []


def test_other_pages_load_no_search_index(default_served: ServedSite, open_page: OpenPage,
                                         requests_seen: RequestLog) -> None:
    for path in ("", "report/", "centres/"):
        page = open_page(default_served.url + path)
        page.wait_for_load_state("networkidle")
        assert page.locator("header").get_by_role("link", name="Search").get_attribute("href") == "/search/"
    assert not [url for url in requests_seen.urls if "/pagefind/" in url or "search.js" in url]


def test_without_javascript_the_search_page_lists_every_page(default_served: ServedSite, open_page: OpenPage) -> None:
    page = open_page()
    page.route("**/*.js", lambda route: route.abort())
    page.goto(default_served.url + "search/")
    assert page.get_by_role("search").is_hidden(), "a form that cannot search is not offered"
    assert axe_violations(page) == []
    listed = {urlsplit(a).path for a in page.locator("main .app-a-to-z__list a").evaluate_all(
        "links => links.map(a => a.href)")}
    sitemap = (default_served.folder / "sitemap.xml").read_text(encoding="utf-8")
    every = {urlsplit(u).path for u in re.findall(r"<loc>([^<]+)</loc>", sitemap)}
    others = ("/pa/", "/ur/", "/pl/", "/ro/")
    assert {path for path in every if not path.startswith(others)} <= listed
    for prefix in others:  # each language's pages on its own search page
        page.goto(default_served.url + "search" + prefix)
        own = {urlsplit(a).path for a in page.locator("main .app-a-to-z__list a").evaluate_all(
            "links => links.map(a => a.href)")}
        assert {path for path in every if path.startswith(prefix)} <= own, prefix
    page.goto(default_served.url + "search/")
    items = page.locator("main .app-a-to-z__list li")
    assert all(len(text.split("\n", 1)) == 2 for text in items.all_inner_texts()), "each page with its summary"
    page.get_by_role("navigation", name="Letters").get_by_role("link", name="R", exact=True).click()
    assert page.url.endswith("#letter-r")


def test_each_language_searches_its_own_pages(default_served: ServedSite, open_page: OpenPage) -> None:
    page = open_page(default_served.url + "ur/report/")
    page.locator("header a.app-header__search-link").click()
    assert urlsplit(page.url).path == "/search/ur/"
    # the status line in Urdu names the words searched for; Pagefind searched the Urdu index
    found = _search(page, "رپورٹ", re.compile("رپورٹ"))
    hrefs = [href for _, href in found]
    assert "/ur/report/" in hrefs
    assert not [href for href in hrefs if not href.startswith("/ur/")], "only pages in the page's language"
    assert axe_violations(page) == []
