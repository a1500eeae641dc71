"""Keyboard: a visible skip link first, every link and control reachable with a visible focus indicator, no trap."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page

from tests.browser.conftest import OpenPage, ServedSite, in_page_language

FOCUSABLE = "a[href], button, input, select, textarea, summary, [tabindex]:not([tabindex='-1'])"

# Remember how each focusable element looks before it has focus, so the focused look can be compared with it.
MARK_FOCUSABLE = """selector => {
  const items = [...document.querySelectorAll(selector)].filter(el => el.getClientRects().length > 0
      || el.classList.contains('app-skip-link'));
  items.forEach((el, i) => { el.dataset.kbIndex = String(i); });
  return items.length;
}"""

UNFOCUSED_LOOKS = """() => [...document.querySelectorAll('[data-kb-index]')].map(el => {
  const s = getComputedStyle(el);
  return [s.outlineStyle + ' ' + s.outlineWidth + ' ' + s.outlineColor, s.boxShadow, s.backgroundColor, s.color];
})"""

FOCUS_STATE = """() => {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) { return null; }
  const s = getComputedStyle(el);
  const r = el.getClientRects()[0] || el.getBoundingClientRect();  // a wrapped link: its first line box
  const x = Math.min(Math.max(r.left + Math.min(r.width / 2, 8), 0), innerWidth - 1);
  const y = Math.min(Math.max(r.top + Math.min(r.height / 2, 8), 0), innerHeight - 1);
  const onTop = document.elementFromPoint(x, y);
  const outlineShows = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2
      && !/rgba\\(.*, 0\\)$/.test(s.outlineColor);
  return {
    index: el.dataset.kbIndex ?? null, tag: el.tagName, text: (el.innerText || '').trim().slice(0, 40),
    look: [s.outlineStyle + ' ' + s.outlineWidth + ' ' + s.outlineColor, s.boxShadow, s.backgroundColor, s.color],
    outlineShows, inView: r.width > 0 && r.height > 0 && r.bottom > 0 && r.top < innerHeight,
    unobscured: onTop !== null && (onTop === el || el.contains(onTop)),
    onTop: onTop ? onTop.tagName + '.' + onTop.className : null,
  };
}"""


def _visible_focus(state: dict[str, Any], before: list[str]) -> bool:
    """A focus indicator shows: a real outline, or a change of box shadow or background from the unfocused look."""
    look = state["look"]
    return bool(state["outlineShows"] or look[1] != before[1] or look[2] != before[2])


@pytest.mark.parametrize("width", [1280, 360])
def test_first_tab_reaches_a_visible_skip_link_that_moves_focus_to_main(
        width: int, default_served: ServedSite, open_page: OpenPage) -> None:
    page = open_page(viewport={"width": width, "height": 800})
    for url in default_served.pages():
        page.goto(url)
        page.keyboard.press("Tab")
        state = page.evaluate(FOCUS_STATE)
        assert state is not None, url
        assert state["text"] == in_page_language(page, "Skip to main content"), url
        assert state["inView"] and state["unobscured"], url
        box = page.locator(".app-skip-link").bounding_box()
        assert box is not None and box["width"] > 50 and box["height"] > 20
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.id") == "main", url
        assert page.evaluate("document.activeElement.tagName") == "MAIN"


def _walk(page: Page, url: str, key: str, faults: list[str]) -> None:
    """Press key once more than there are focusable elements; each must take focus once, visibly, uncovered."""
    page.goto(url)
    search = page.locator("[data-module='app-search']")
    if search.count():  # the search form appears once its index has loaded: count its controls only then
        search.wait_for(state="visible")
    count = page.evaluate(MARK_FOCUSABLE, FOCUSABLE)
    before = page.evaluate(UNFOCUSED_LOOKS)
    first = "0" if key == "Tab" else str(count - 1)
    if key != "Tab":  # start below the last element, as a reader who reached the footer would
        page.evaluate("() => window.scrollTo(0, document.body.scrollHeight)")
        page.locator(f"[data-kb-index='{count - 1}']").focus()
        page.keyboard.press("Tab")
    reached: list[str] = []
    for _ in range(count + 1):
        page.keyboard.press(key)
        state = page.evaluate(FOCUS_STATE)
        if state is None or (reached and state["index"] == first):
            break  # focus left the document or came round to the start again: nothing held it
        where = f"{url} {key} {state['tag']} {state['text']!r}"
        if state["index"] is None:
            faults.append(f"{where}: focus reached an element outside the expected list")
            continue
        reached.append(state["index"])
        if not _visible_focus(state, before[int(state["index"])]):
            faults.append(f"{where}: no visible focus indicator")
        if not (state["inView"] and state["unobscured"]):
            faults.append(f"{where}: focused but hidden or covered by {state['onTop']}")
    else:
        faults.append(f"{url}: focus never left the page after {count + 1} presses of {key}")
    assert sorted(reached, key=int) == [str(i) for i in range(count)], f"{url} {key} {reached}"


def test_every_link_and_control_is_reachable_with_a_visible_focus_and_no_trap(
        default_served: ServedSite, open_page: OpenPage) -> None:
    page = open_page(viewport={"width": 1280, "height": 800})
    faults: list[str] = []
    for url in default_served.pages():
        _walk(page, url, "Tab", faults)
    assert faults == []


@pytest.mark.parametrize("path", ["", "report/", "support/"])
def test_walking_backwards_keeps_focus_clear_of_the_sticky_exit_bar(
        path: str, default_served: ServedSite, open_page: OpenPage) -> None:
    page = open_page(viewport={"width": 1280, "height": 700})
    faults: list[str] = []
    _walk(page, default_served.url + path, "Shift+Tab", faults)
    assert faults == []
