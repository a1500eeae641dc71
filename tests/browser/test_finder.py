"""The centre finder in a real browser: the filter pages work with JavaScript off, the script narrows the
list at once with it on, and nothing is fetched from another host either way."""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.conftest import REPO, write_built

ROOT = REPO / "tests" / "sites" / "listings"
BASE_PATH = "/listings/"  # the fixture site lives in a sub-folder, as its base_url says


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def listings_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The listings fixture site, built for the fixed date and served on a free loopback port."""
    served = tmp_path_factory.mktemp("finder")
    write_built(ROOT, served / BASE_PATH.strip("/"))
    handler = functools.partial(_Quiet, directory=str(served))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}{BASE_PATH}"
    server.shutdown()
    server.server_close()


def visible_centres(page: Page) -> list[str]:
    return [t.strip() for t in page.locator("article.app-card--centre:visible h3").all_inner_texts()]


def only_local_requests(page: Page) -> list[str]:
    seen: list[str] = []
    page.on("request", lambda request: seen.append(request.url))
    return seen


def test_filter_links_work_without_javascript(browser: Browser, listings_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    seen = only_local_requests(page)
    page.goto(listings_url + "centres/")
    assert visible_centres(page) == ["North Community Hub", "City Library", "St Example's Church & Hall"]
    page.get_by_role("link", name="Step-free access").click()
    assert urlsplit(page.url).path == BASE_PATH + "centres/need/step-free/"
    expect(page.get_by_role("heading", level=1)).to_have_text("Reporting centres: Step-free access")
    assert visible_centres(page) == ["North Community Hub", "City Library"]
    expect(page.get_by_role("link", name="Step-free access")).to_have_attribute("aria-current", "page")
    page.get_by_role("link", name="WV10").click()
    assert visible_centres(page) == ["North Community Hub"]
    page.get_by_role("link", name="Urdu").click()
    assert visible_centres(page) == ["City Library"]
    page.get_by_role("link", name="Show all reporting centres").click()
    assert urlsplit(page.url).path == BASE_PATH + "centres/"
    assert len(visible_centres(page)) == 3
    context.close()
    assert {urlsplit(u).hostname for u in seen} == {"127.0.0.1"}


def test_script_filters_the_one_page_at_once(page: Page, listings_url: str) -> None:
    seen = only_local_requests(page)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(listings_url + "centres/")
    area = page.get_by_label("Area (postcode district)")
    need = page.get_by_label("Access and opening days")
    expect(area).to_be_visible()
    expect(page.get_by_role("link", name="Step-free access")).to_be_hidden()  # the links gave way to the form
    area.select_option("wv1")
    assert visible_centres(page) == ["City Library", "St Example's Church & Hall"]
    expect(page.locator("[data-finder-status]")).to_have_text("2 centres match")
    need.select_option(label="Step-free access")
    assert visible_centres(page) == ["City Library"]
    expect(page.locator("[data-finder-status]")).to_have_text("1 centre matches")
    need.select_option(label="Open on Saturdays")
    assert visible_centres(page) == []
    expect(page.locator("[data-finder-status]")).to_have_text("0 centres match")
    area.select_option("")
    assert visible_centres(page) == ["North Community Hub"]
    assert urlsplit(page.url).path == BASE_PATH + "centres/"  # no page load: the same page throughout
    page.get_by_label("Languages spoken").select_option(label="Polish")
    assert visible_centres(page) == ["North Community Hub"]
    assert errors == []
    assert {urlsplit(u).hostname for u in seen} == {"127.0.0.1"}


def test_filter_pages_stay_plain_links_with_javascript_on(page: Page, listings_url: str) -> None:
    page.goto(listings_url + "centres/area/wv1/")
    assert visible_centres(page) == ["City Library", "St Example's Church & Hall"]
    assert page.locator("select").count() == 0
    page.get_by_role("link", name="Open on Sundays").click()
    assert visible_centres(page) == ["City Library"]


def test_finder_passes_axe_with_the_script_and_with_a_filter_applied(page: Page, listings_url: str) -> None:
    axe = (REPO / "node_modules" / "axe-core" / "axe.min.js").read_text(encoding="utf-8")
    page.goto(listings_url + "centres/")
    page.get_by_label("Area (postcode district)").select_option("wv1")
    page.evaluate(axe)  # evaluate, not a script tag: the pages' CSP only allows scripts from the site itself
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})",
                           ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"])
    assert [(v["id"], [n["target"] for n in v["nodes"]]) for v in result["violations"]] == []
