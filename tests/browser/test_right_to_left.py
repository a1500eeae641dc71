"""Urdu pages mirror at 320 px wide: the page runs right to left, its header, menu, language switcher and headings
start at the right edge where the same Polish page starts at the left, nothing scrolls sideways, and axe passes."""

from __future__ import annotations

import pytest

from .conftest import OpenPage, ServedSite, axe_violations

PHONE_320 = {"viewport": {"width": 320, "height": 640}, "device_scale_factor": 2, "is_mobile": True,
             "has_touch": True}

# For each element: how far its first piece of content sits from the left and right edges of its content box,
# so a mirrored layout shows as the same gap on the other side. A list measures its first item; a heading or a
# paragraph measures its text (all of it: in right-to-left text a number at its start is drawn rightmost).
GAPS = """selectors => selectors.map(selector => {
  const el = document.querySelector(selector);
  if (!el) { return null; }
  const box = el.getBoundingClientRect();
  const style = getComputedStyle(el);
  const left = box.left + parseFloat(style.paddingLeft) + parseFloat(style.borderLeftWidth);
  const right = box.right - parseFloat(style.paddingRight) - parseFloat(style.borderRightWidth);
  let first;
  if (el.tagName === 'UL') {
    first = el.querySelector('li').getBoundingClientRect();
  } else {
    const range = document.createRange();
    range.selectNodeContents(el);
    first = range.getBoundingClientRect();
  }
  return {selector, direction: style.direction, textAlign: style.textAlign,
          left: Math.round(first.left - left), right: Math.round(right - first.right)};
})"""
# Each element, and whether its first piece is short enough to leave room at its end at 320 px (a menu link may
# wrap across the whole width: then only its start is measured).
MIRRORED = {".app-header__emergency": True, ".app-languages__list": True, ".app-nav__list": False,
            "#centres-heading": True, ".app-footer__title": True}
PAGES = ["{lang}/", "{lang}/centres/", "{lang}/centres/refugee-migrant-centre/", "{lang}/events/"]


def gaps(page, url: str) -> dict[str, dict]:
    page.goto(url)
    return {g["selector"]: g for g in page.evaluate(GAPS, list(MIRRORED)) if g is not None}


@pytest.mark.parametrize("path", PAGES)
def test_an_urdu_page_mirrors_the_same_polish_page_at_320_px(path: str, default_served: ServedSite,
                                                             open_page: OpenPage) -> None:
    page = open_page(**PHONE_320)
    polish = gaps(page, default_served.url + path.format(lang="pl"))
    urdu = gaps(page, default_served.url + path.format(lang="ur"))
    assert page.evaluate("[document.documentElement.dir, getComputedStyle(document.body).direction]") == [
        "rtl", "rtl"]
    assert set(urdu) == set(polish) and len(urdu) >= 4, path
    for selector, left_to_right in polish.items():
        right_to_left = urdu[selector]
        assert left_to_right["direction"] == "ltr" and right_to_left["direction"] == "rtl", selector
        assert left_to_right["textAlign"] in ("start", "left") and right_to_left["textAlign"] in ("start", "right")
        # Polish starts at the left edge, Urdu at the right one; each is away from the other edge
        assert abs(left_to_right["left"]) <= 1 and abs(right_to_left["right"]) <= 1, (selector, urdu, polish)
        if MIRRORED[selector]:
            assert left_to_right["right"] > 8 and right_to_left["left"] > 8, (selector, urdu, polish)
    sideways = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert sideways <= 0, f"{path} scrolls sideways by {sideways} px at 320 px"
    assert axe_violations(page) == []


def test_the_menu_reads_from_the_right_in_urdu(default_served: ServedSite, open_page: OpenPage) -> None:
    """The header's own order flips: the first menu link is right of the second one when they share a line."""
    page = open_page(viewport={"width": 1024, "height": 768})
    for lang, first_is_right in (("ur", True), ("pl", False)):
        page.goto(default_served.url + f"{lang}/centres/")
        first, second = (page.locator(".app-nav__list li").nth(n).bounding_box() for n in (0, 1))
        assert abs(first["y"] - second["y"]) < 2, "the first two links share a line at 1024 px"
        assert (first["x"] > second["x"]) == first_is_right, lang
