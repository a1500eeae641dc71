"""Colour contrast measured in the browser (7:1 body text, 4.5:1 everything else), reduced motion, and print."""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import OpenPage, ServedSite, SiteServers, site_names
from tests.conftest import REPO

# For every element holding visible text: its colour, the colour it sits on, and whether it is body text.
CONTRAST = """() => {
  const parse = c => { const m = c.match(/[\\d.]+/g).map(Number); return [m[0], m[1], m[2], m.length > 3 ? m[3] : 1]; };
  const lin = v => { v /= 255; return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
  const lum = c => 0.2126 * lin(c[0]) + 0.7152 * lin(c[1]) + 0.0722 * lin(c[2]);
  const over = (top, under) => [0, 1, 2].map(i => top[i] * top[3] + under[i] * (1 - top[3])).concat([1]);
  const background = el => {
    const layers = [];
    for (let e = el; e; e = e.parentElement) {
      const c = parse(getComputedStyle(e).backgroundColor);
      if (c[3] > 0) { layers.push(c); if (c[3] >= 1) { break; } }
    }
    let colour = [255, 255, 255, 1];
    for (const layer of layers.reverse()) { colour = over(layer, colour); }
    return colour;
  };
  const out = [];
  for (const el of document.querySelectorAll('body *')) {
    const own = [...el.childNodes].filter(n => n.nodeType === 3 && n.textContent.trim());
    if (!own.length || el.closest('.app-visually-hidden, .app-skip-link, script, style')) { continue; }
    const rect = el.getBoundingClientRect();
    const s = getComputedStyle(el);
    if (rect.width < 2 || rect.height < 2 || s.visibility === 'hidden') { continue; }
    const bg = background(el);
    const fg = over(parse(s.color), bg);
    const [a, b] = [lum(fg), lum(bg)].sort((x, y) => y - x);
    const size = parseFloat(s.fontSize);
    const large = size >= 24 || (size >= 18.66 && Number(s.fontWeight) >= 700);
    const body = !!el.closest('main') && !el.closest('h1, h2, h3, h4, h5, h6, .app-button') && !large;
    out.push({text: own[0].textContent.trim().slice(0, 30), tag: el.tagName, ratio: (a + 0.05) / (b + 0.05), body});
  }
  return out;
}"""


@pytest.mark.parametrize("name", site_names())
def test_text_contrast(name: str, sites: SiteServers, open_page: OpenPage) -> None:
    served = sites.get(name)
    page = open_page()
    faults = []
    checked = 0
    for url in served.pages():
        page.goto(url)
        for item in page.evaluate(CONTRAST):
            checked += 1
            need = 7.0 if item["body"] else 4.5
            if item["ratio"] < need:
                faults.append(f"{url} {item['tag']} {item['text']!r}: {item['ratio']:.2f} < {need}")
    assert checked > 20 * len(served.pages())
    assert faults == []


def test_the_contrast_check_finds_pale_text(open_page: OpenPage) -> None:
    page = open_page()
    page.set_content("<main><p style='color:#767676'>Grey body text passes AA but not AAA.</p>"
                     "<h2 style='color:#999999'>Pale heading</h2></main>")
    ratios = {i["text"]: round(i["ratio"], 2) for i in page.evaluate(CONTRAST)}
    assert ratios == {"Grey body text passes AA but n": 4.54, "Pale heading": 2.85}


def _palette() -> dict[str, str]:
    css = (REPO / "static" / "style.css").read_text(encoding="utf-8")
    root = css[css.index(":root {"): css.index("}", css.index(":root {"))]
    return dict(re.findall(r"--([\w-]+):\s*(#[0-9a-fA-F]{6})", root))


def _ratio(a: str, b: str) -> float:
    def lum(h: str) -> float:
        channels = [int(h[i:i + 2], 16) / 255 for i in (1, 3, 5)]
        lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]
    high, low = sorted((lum(a), lum(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


# Every text colour of the palette on every background it is used on (docs/accessibility.md lists the figures).
PAIRS = [
    ("text", "bg"), ("muted", "bg"), ("link", "bg"), ("link-visited", "bg"), ("text", "panel"), ("muted", "panel"),
    ("link", "panel"), ("link-visited", "panel"), ("text", "notice"), ("link", "notice"), ("link-visited", "notice"),
    ("text", "focus"), ("white", "brand"), ("white", "report"), ("white", "exit"), ("text", "emergency-bg"),
    ("link", "emergency-bg"), ("link-visited", "emergency-bg"),
]


@pytest.mark.parametrize(("fg", "bg"), PAIRS)
def test_palette_pairs_reach_seven_to_one(fg: str, bg: str) -> None:
    palette = {**_palette(), "white": "#ffffff"}
    assert _ratio(palette[fg], palette[bg]) >= 7.0


def test_reduced_motion_is_honoured(default_served: ServedSite, open_page: OpenPage) -> None:
    moving = open_page(default_served.url, reduced_motion="no-preference")
    still = open_page(default_served.url, reduced_motion="reduce")
    duration = "el => getComputedStyle(el).transitionDuration"
    assert moving.locator("#app-exit-button").evaluate(duration) != "0s"
    for page in (still,):
        for selector in ("#app-exit-button", ".app-button--report", "a"):
            assert page.locator(selector).first.evaluate(duration) == "0s", selector


PRINT_AFTER = "el => getComputedStyle(el, '::after').content"


def test_print_shows_addresses_phones_and_link_urls(default_served: ServedSite, open_page: OpenPage) -> None:
    page = open_page(default_served.url + "report/")
    page.emulate_media(media="print")
    assert page.locator("#app-exit-button").is_hidden()
    assert page.locator(".app-nav").is_hidden()
    main = page.locator("main")
    assert main.locator("a[href='tel:999']").first.is_visible()
    assert main.locator("a[href='tel:999']").first.inner_text() == "999"  # the number is the link's own text
    web = main.locator("a[href='https://www.report-it.org.uk/']").first
    assert web.evaluate(PRINT_AFTER) == '" (https://www.report-it.org.uk/)"'
    assert page.locator("footer a[href^='tel:']").first.is_visible()
    footer_web = page.locator("footer a[href^='https:']").first
    assert footer_web.evaluate(PRINT_AFTER) == f'" ({footer_web.get_attribute("href")})"'
    # on screen the addresses are not repeated
    page.emulate_media(media="screen")
    assert web.evaluate(PRINT_AFTER) == "none"


def test_print_shows_a_centre_address(default_served: ServedSite, open_page: OpenPage) -> None:
    page = open_page(default_served.url + "centres/refugee-migrant-centre/")
    page.emulate_media(media="print")
    address = page.locator(".app-summary-list__value").first
    assert address.is_visible()
    assert "Roma Parva" in address.inner_text()
    assert page.pdf().startswith(b"%PDF")  # Chromium really lays the page out for paper
