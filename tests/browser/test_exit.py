"""Exit this page: a visible button on every page, Shift pressed three times, history replaced, works without JS.

The neutral destination is answered by a stub inside the browser, so no request ever leaves this machine.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from tests.browser.conftest import OpenPage, RequestLog, ServedSite, in_page_language

EXIT_URL = "https://www.bbc.co.uk/weather"  # site.yaml's exit_url for the default site
STUB = "<!doctype html><html lang='en'><title>Weather</title><h1>Weather stub</h1></html>"


@pytest.fixture
def exit_page(open_page: OpenPage, requests_seen: RequestLog):
    """open a page whose exit destination is stubbed, so leaving can be watched without reaching the host."""
    requests_seen.allowed_hosts.add("www.bbc.co.uk")  # answered by the stub below, never by the network

    def open_(url: str, **options) -> Page:
        page = open_page(**options)
        page.context.route(EXIT_URL, lambda route: route.fulfill(status=200, content_type="text/html", body=STUB))
        page.goto(url)
        return page

    return open_


def _left(page: Page) -> bool:
    page.wait_for_url(EXIT_URL, timeout=5_000)
    return page.locator("h1").inner_text() == "Weather stub"


def test_every_page_has_a_visible_exit_button_at_the_top(default_served: ServedSite, open_page: OpenPage) -> None:
    page = open_page(viewport={"width": 360, "height": 640})
    for url in default_served.pages():
        page.goto(url)
        button = page.locator("#app-exit-button")
        assert button.get_attribute("href") == EXIT_URL, url
        name = f'{in_page_language(page, "Emergency")} {in_page_language(page, "Exit this page")}'
        assert " ".join(button.inner_text().split()) == name, url
        hidden = button.locator(".app-visually-hidden").bounding_box()
        assert hidden is not None and hidden["width"] <= 1, url  # "Emergency" is for screen readers only
        assert page.get_by_role("link", name=name).count() == 1, url
        box = button.bounding_box()
        assert box is not None and box["y"] < 100 and box["height"] >= 24 and box["width"] >= 24, url
        help_link = page.locator(".app-exit__hint a")
        assert help_link.get_attribute("href") == "/staying-safe-online/", url


def test_button_leaves_and_replaces_the_history_entry(default_served: ServedSite, exit_page) -> None:
    page = exit_page(default_served.url)
    page.goto(default_served.url + "report/")
    page.locator("#app-exit-button").click()
    assert _left(page)
    page.go_back()
    # the report page was replaced, so Back skips it and lands on the page before
    assert page.url == default_served.url


def test_shift_three_times_leaves_and_replaces_the_history_entry(default_served: ServedSite, exit_page) -> None:
    page = exit_page(default_served.url)
    page.goto(default_served.url + "support/")
    page.locator("main").click()
    for _ in range(3):
        page.keyboard.press("Shift")
    assert _left(page)
    page.go_back()
    assert page.url == default_served.url


def test_shift_presses_are_announced_to_screen_readers(default_served: ServedSite, exit_page) -> None:
    page = exit_page(default_served.url)
    page.keyboard.press("Shift")
    assert page.locator(".app-exit [role=status]").inner_text() == "Shift pressed 1 time"
    page.keyboard.press("Shift")
    assert page.locator(".app-exit [role=status]").inner_text() == "Shift pressed 2 times"


def test_presses_more_than_five_seconds_apart_do_not_leave(default_served: ServedSite, exit_page) -> None:
    page = exit_page(default_served.url)
    page.clock.install()
    page.reload()
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    page.clock.run_for(5_100)
    assert page.locator(".app-exit [role=status]").inner_text() == "Exit this page expired"
    page.keyboard.press("Shift")
    page.wait_for_timeout(300)
    assert page.url == default_served.url


@pytest.mark.parametrize("keys", [["Shift+Tab"] * 3, ["Shift+A", "Shift+B", "Shift+C"]])
def test_shift_used_with_another_key_does_not_leave(keys: list[str], default_served: ServedSite, exit_page) -> None:
    page = exit_page(default_served.url)
    for key in keys:
        page.keyboard.press(key)
    page.wait_for_timeout(300)
    assert page.url == default_served.url


def test_without_javascript_the_button_is_a_plain_link(default_served: ServedSite, exit_page) -> None:
    page = exit_page(default_served.url + "report/", java_script_enabled=False)
    page.locator("#app-exit-button").click()
    assert _left(page)


def test_the_safety_page_explains_history_and_private_browsing(default_served: ServedSite, open_page: OpenPage) -> None:
    page = open_page(default_served.url + "staying-safe-online/")
    text = page.locator("main").inner_text().lower()
    assert "private" in text
    assert "history" in text
