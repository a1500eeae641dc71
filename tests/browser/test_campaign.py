"""The campaign page in the week itself: axe, the copy buttons, and the same page without JavaScript."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest

from tests.browser.conftest import OpenPage, ServedSite, _serve, axe_violations
from tests.conftest import REPO, write_built

PAGE = "hate-crime-awareness-week/"


@pytest.fixture(scope="module")
def in_season(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServedSite]:
    out = tmp_path_factory.mktemp("campaign") / "site"
    write_built(REPO, out, today=dt.date(2026, 10, 12))
    served = _serve("in-season", out, "/")
    yield served
    served.server.shutdown()
    served.server.server_close()


@pytest.mark.parametrize("path", [PAGE, "", "report/", PAGE + "poster/", PAGE + "card/", "embed/events/",
                                  "ur/" + PAGE, "pa/" + PAGE, "pl/report/"])
def test_no_axe_violations_in_the_week(in_season: ServedSite, open_page: OpenPage, path: str) -> None:
    page = open_page(in_season.url + path)
    assert axe_violations(page) == []
    if path != "embed/events/":  # the banner links the campaign page in the page's own language
        lang = path[:3] if path[2:3] == "/" else ""
        assert page.locator(".app-campaign-banner a").get_attribute("href") == f"/{lang}{PAGE}"


def test_copy_button_copies_the_post(in_season: ServedSite, open_page: OpenPage) -> None:
    page = open_page(in_season.url + PAGE, permissions=["clipboard-read", "clipboard-write"])
    post = page.locator("#post-1-text").inner_text()
    assert page.locator(".app-copy-hint").is_hidden()
    page.get_by_role("button", name="Copy post 1", exact=True).click()
    status = page.locator("#post-1 .app-copy__status").first
    status.wait_for(state="visible")
    assert status.inner_text() == "Copied"
    assert page.evaluate("navigator.clipboard.readText()") == post
    page.get_by_role("button", name="Copy the alt text of post 1").click()
    assert page.evaluate("navigator.clipboard.readText()") == page.locator("#post-1-alt").inner_text()
    assert page.locator("button", has_text="Copy").count() == 2 * page.locator("article.app-kit-post").count() + 1


def test_without_javascript_the_posts_can_be_selected(in_season: ServedSite, open_page: OpenPage) -> None:
    page = open_page()
    page.route("**/*.js", lambda route: route.abort())
    page.goto(in_season.url + PAGE)
    assert page.locator("button").count() == 0
    assert page.locator(".app-copy-hint").is_visible()
    posts = page.locator(".app-kit-post__text")
    assert posts.count() >= 5
    for index in range(posts.count()):
        text = posts.nth(index)
        assert text.is_visible() and "#NationalHCAW" in text.inner_text()
    page.locator("#post-1-text").click(click_count=3)  # a triple click selects the whole post, to copy by hand
    assert page.evaluate("window.getSelection().toString().trim()") == page.locator("#post-1-text").inner_text()
    assert "characters, with the link and hashtags" in page.locator("#post-1").inner_text()
    assert axe_violations(page) == []


def test_embed_page_fits_a_narrow_frame(in_season: ServedSite, open_page: OpenPage) -> None:
    page = open_page(in_season.url + "embed/events/", viewport={"width": 320, "height": 480})
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    assert page.locator("h1").inner_text().startswith("Upcoming events")
