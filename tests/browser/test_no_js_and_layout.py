"""Without JavaScript every page shows all its content; at 360 px and at 200% and 400% zoom nothing scrolls sideways
or hides; every request a page makes stays on the test server."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest

from stophate.config import load_site
from stophate.errors import Problems
from stophate.localtext import in_language
from tests.browser.conftest import OpenPage, RequestLog, ServedSite, SiteServers, site_names
from tests.conftest import REPO

TABS = 6

def _route_titles(lang: str = "en-GB") -> list[str]:
    """The routes' titles as a page in the language (by its code) shows them: its own words, else the English."""
    site = load_site(REPO, Problems())
    assert site is not None
    return [in_language(route.title, lang)[0] for route in site.report_routes]


def test_without_javascript_every_page_shows_the_same_content(default_served: ServedSite, open_page: OpenPage) -> None:
    with_js = open_page()
    without = open_page(java_script_enabled=False)
    titles = {code: _route_titles(code) for code in ("en-GB", "pa", "ur", "pl", "ro")}
    for url in default_served.pages():
        with_js.goto(url)
        without.goto(url)
        assert without.evaluate("1 + 1") is not None  # Playwright's own evaluation still works...
        assert without.locator("script").count() >= 1
        for page in (with_js, without):  # copy buttons come with their script; the hint to copy by hand without it
            page.evaluate("document.querySelectorAll('.app-copy, .app-copy-hint').forEach(e => e.remove())")
        # the search form is offered only where it can search (it needs the script); everything else is the same
        for part in ("header", "main > :not([data-module='app-search'])", "footer"):
            assert without.locator(part).all_inner_texts() == with_js.locator(part).all_inner_texts(), (url, part)
        if url.endswith("/search/"):
            assert without.get_by_role("search").is_hidden() and with_js.get_by_role("search").is_visible()
        # the Shift shortcut needs the script, so it is offered only when the script runs
        assert without.locator(".app-exit__shortcut").is_hidden(), url
        assert with_js.locator(".app-exit__shortcut").is_visible(), url
        assert without.locator("main h1").is_visible(), url
        for title in titles.get(without.locator("html").get_attribute("lang") or "", titles["en-GB"]):  # ...and every
            # reporting route is on every page, in the footer at least, in the page's language
            assert without.locator("footer").get_by_role("heading", name=title, exact=True).is_visible(), (url, title)


def test_without_javascript_the_report_page_shows_every_route_in_full(
        default_served: ServedSite, open_page: OpenPage) -> None:
    page = open_page(default_served.url + "report/", java_script_enabled=False)
    main = page.locator("main")
    for title in _route_titles():
        assert main.get_by_role("heading", name=title, exact=True).is_visible(), title
    assert main.locator("a[href='tel:999']").first.is_visible()
    assert main.locator("a[href='https://www.report-it.org.uk/']").first.is_visible()


# Chromium zoom is a smaller CSS viewport at a higher pixel ratio: 200% of 1280 px is 640 CSS px, 400% is 320.
VIEWS = {
    "phone 360px": {"viewport": {"width": 360, "height": 740}, "device_scale_factor": 2, "is_mobile": True,
                    "has_touch": True},
    "zoom 200%": {"viewport": {"width": 640, "height": 400}, "device_scale_factor": 2},
    "zoom 400%": {"viewport": {"width": 320, "height": 256}, "device_scale_factor": 4},
}

# Text that sticks out past the right edge, or is cut off, outside a table (tables may scroll on their own).
OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  const bad = [];
  if (document.documentElement.scrollWidth > width + 1) { bad.push('page scrolls sideways: ' +
      document.documentElement.scrollWidth + ' > ' + width); }
  for (const el of document.querySelectorAll('body *')) {
    if (el.closest('table') || el.closest('.app-visually-hidden') || el.classList.contains('app-skip-link')) {
      continue;
    }
    const hasText = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
    if (!hasText) { continue; }
    for (const r of el.getClientRects()) {
      if (r.width > 0 && (r.right > width + 1 || r.left < -1)) {
        bad.push(el.tagName + ' "' + el.textContent.trim().slice(0, 30) + '" spans ' + Math.round(r.left) + '-'
                 + Math.round(r.right));
        break;
      }
    }
    const s = getComputedStyle(el);
    if (el.scrollWidth > el.clientWidth + 1 && ['hidden', 'clip'].includes(s.overflowX)) {
      bad.push(el.tagName + ' "' + el.textContent.trim().slice(0, 30) + '" is cut off');
    }
  }
  return bad;
}"""


@pytest.mark.parametrize("view", list(VIEWS))
@pytest.mark.parametrize("name", site_names())
def test_no_sideways_scrolling_or_hidden_text(name: str, view: str, sites: SiteServers, open_page: OpenPage) -> None:
    served = sites.get(name)
    page = open_page(**VIEWS[view])
    found = {}
    for url in served.pages():
        page.goto(url)
        bad = page.evaluate(OVERFLOW)
        if bad:
            found[url.removeprefix(served.url)] = bad
        assert page.locator("#app-exit-button").is_visible(), url
    assert found == {}


@pytest.mark.parametrize("name", site_names())
def test_every_request_stays_on_the_test_server(name: str, sites: SiteServers, open_page: OpenPage,
                                                requests_seen: RequestLog) -> None:
    served = sites.get(name)
    # every page is held open until its network has been idle for half a second; in several tabs at once those
    # half seconds pass together, not one after another
    tabs = [open_page() for _ in range(TABS)]
    urls = served.pages()
    for start in range(0, len(urls), TABS):
        batch = list(zip(tabs, urls[start:start + TABS], strict=False))
        for tab, url in batch:
            tab.goto(url, wait_until="load")
        for tab, _url in batch:
            tab.wait_for_load_state("networkidle")
    hosts = {urlsplit(u).hostname for u in requests_seen.urls}
    assert hosts == {"127.0.0.1"}
    assert any(re.search(r"/assets/style\.[0-9a-f]{10}\.css$", u) for u in requests_seen.urls)
    assert any(re.search(r"/assets/exit\.[0-9a-f]{10}\.js$", u) for u in requests_seen.urls)


def test_the_overflow_check_finds_text_that_sticks_out(open_page: OpenPage) -> None:
    page = open_page(**VIEWS["zoom 400%"])
    page.set_content("<p style='width: 600px'>A paragraph set wider than the screen.</p>"
                     "<p style='width: 100px; overflow: hidden; white-space: nowrap'>Cut off at the edge here</p>")
    bad = page.evaluate(OVERFLOW)
    assert bad[0].startswith("page scrolls sideways")
    assert any("is cut off" in b for b in bad)
