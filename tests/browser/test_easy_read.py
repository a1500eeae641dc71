"""Easy read pages in the browser: axe finds nothing, every picture has alt text and sits beside its line, and the
type is large."""

from __future__ import annotations

import pytest

from tests.browser.conftest import OpenPage, ServedSite, axe_violations


@pytest.mark.parametrize("path", ["report/easy-read/", "what-is-hate-crime/easy-read/"])
def test_easy_read_page(default_served: ServedSite, open_page: OpenPage, path: str) -> None:
    page = open_page(default_served.url + path.removesuffix("easy-read/"))
    page.get_by_role("link", name="Easy read: this page in easy words with pictures").click()
    assert page.url == default_served.url + path
    assert axe_violations(page) == []
    pictures = page.locator("main .app-easy-read img")
    assert pictures.count() >= 10
    for index in range(pictures.count()):
        picture = pictures.nth(index)
        picture.scroll_into_view_if_needed()
        assert (picture.get_attribute("alt") or "").strip()
        assert picture.evaluate("img => img.complete && img.naturalWidth > 0"), "the picture loads"
        line = picture.locator("xpath=..")
        box, text_box = picture.bounding_box(), line.bounding_box()
        assert box["width"] >= 64 and box["y"] - text_box["y"] < 5, "the picture sits at the start of its line"
    size = page.locator("main .app-easy-read p").first.evaluate("p => parseFloat(getComputedStyle(p).fontSize)")
    assert size >= 24, "large type"
