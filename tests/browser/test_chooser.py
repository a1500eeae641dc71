"""The chooser, walked by clicking its links with the site's scripts blocked: every path ends on a result naming one
or two reporting routes, every page has a back link and "start again", and every page passes axe."""

from __future__ import annotations

from playwright.sync_api import Page

from tests.browser.conftest import OpenPage, ServedSite, axe_violations


def _no_scripts(page: Page) -> Page:
    # axe needs JavaScript itself, so the page's own scripts are blocked instead of turning JavaScript off
    page.route("**/*.js", lambda route: route.abort())
    return page


def test_every_path_ends_on_a_result_without_javascript(default_served: ServedSite, open_page: OpenPage) -> None:
    page = _no_scripts(open_page())
    page.goto(default_served.url)
    page.get_by_role("link", name="Not sure which way to report? Answer a few short questions").click()
    assert page.locator("h1").inner_text() == "Which way to report is right for me?"
    assert axe_violations(page) == []
    page.get_by_role("link", name="Start now").click()
    stack = [page.url]
    results: dict[str, list[str]] = {}
    while stack:
        url = stack.pop()
        page.goto(url)
        assert axe_violations(page) == [], url
        assert page.locator("main h1").count() == 1, url
        nav = page.get_by_role("navigation", name="Questions")
        restart = nav.get_by_role("link", name="Start again").evaluate("a => a.href")
        assert restart == default_served.url + "report/choose/"
        answers = page.locator("main .app-answers__link")
        for index in range(answers.count()):
            answers.nth(index).click()  # a plain link: the next page loads without any script
            stack.append(page.url)
            page.get_by_role("navigation", name="Questions").get_by_role("link", name="Back").click()
            assert page.url == url, "Back returns to the question before"
        if not answers.count():
            routes = page.locator("main .app-routes__title").all_inner_texts()
            assert 1 <= len(routes) <= 2, url
            assert page.locator("main").get_by_text("What happens next:").count() == len(routes), url
            results[url] = routes
    assert len(results) >= 6
    assert len({tuple(r) for r in results.values()}) >= 6, "at least six different answers"


def test_back_link_returns_to_the_question_before(default_served: ServedSite, open_page: OpenPage) -> None:
    page = _no_scripts(open_page(default_served.url + "report/choose/danger/"))
    page.get_by_role("link", name="No, it is not happening now").click()
    page.get_by_role("link", name="On a train or on the Midland Metro (tram)").click()
    assert page.locator("main h1").inner_text() == "Text British Transport Police"
    page.get_by_role("link", name="Back").click()
    assert page.locator("main h1").inner_text() == "Where did it happen?"
    page.get_by_role("link", name="Start again").click()
    assert page.locator("main h1").inner_text() == "Which way to report is right for me?"


def test_the_chooser_in_urdu_reads_right_to_left_and_ends_on_a_result(default_served: ServedSite,
                                                                       open_page: OpenPage) -> None:
    page = _no_scripts(open_page(default_served.url + "ur/report/"))
    page.locator("main a[href='/ur/report/choose/']").first.click()  # the report layout's link, and the text's
    assert page.evaluate("getComputedStyle(document.querySelector('main h1')).direction") == "rtl"
    assert axe_violations(page) == []
    page.locator("main a.app-button--report").click()
    while page.locator("main .app-answers__link").count():
        assert axe_violations(page) == [], page.url
        page.locator("main .app-answers__link").last.click()  # the last answer: the longest way through
    assert page.url.startswith(default_served.url + "ur/report/choose/")
    assert page.locator("html").get_attribute("lang") == "ur"
    assert page.locator("main .app-routes__title").count() >= 1
    assert axe_violations(page) == []
    # a draft translation says so, and leads to the chooser in English
    page.locator(".app-notice--translation a").click()
    assert page.url == default_served.url + "report/choose/"
