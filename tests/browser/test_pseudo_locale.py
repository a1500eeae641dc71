"""The default site built in the pseudo-locale en-XA (every interface message accented and 40% longer), in Chromium:
English left in the interface shows up unaccented, and longer translations must not make any page overflow."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.browser.conftest import OpenPage, ServedSite, _serve
from tests.browser.test_no_js_and_layout import OVERFLOW, VIEWS
from tests.conftest import build_to
from tests.sitecopy import copy_default_site

# The interface's own text on every page, and on the pages that have them, the labels of listings and cards.
INTERFACE = (".app-skip-link", ".app-exit__button", ".app-exit__hint a", ".app-header__emergency",
             ".app-header__report", ".app-footer__title", ".app-footer__links a", ".app-summary-list__key",
             ".app-card__meta > strong", ".app-finder__facet-title", ".app-card__check", ".app-notice__text > strong")
ENGLISH_WORD = re.compile(r"\b[A-Za-z]{3,}\b")
# Text in these that is content, not interface: names of places and organisations, numbers, file names.
NAMES = re.compile(r"West Midlands Police|City of Wolverhampton Council|Safer Wolverhampton Partnership|"
                   r"Stop Hate WLV|Atom|Shift|OpenStreetMap|iCalendar|BSL|\w+\.json")


@pytest.fixture(scope="module")
def pseudo_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServedSite]:
    root = copy_default_site(tmp_path_factory.mktemp("pseudo") / "content")
    site_yaml = root / "site.yaml"
    text, replaced = re.subn(r"^languages:\n(?:[ -].*\n)+", "language: en-XA\n", site_yaml.read_text("utf-8"),
                             flags=re.M)
    assert replaced == 1  # the whole site in the pseudo-locale, as its only language
    site_yaml.write_text(text, "utf-8")
    for file in root.glob("*.yaml"):  # texts given per language keep their English, the pseudo-locale's source
        if "en-GB:" in file.read_text("utf-8"):
            file.write_text(yaml.safe_dump(_english(yaml.safe_load(file.read_text("utf-8"))), allow_unicode=True,
                                           sort_keys=False), "utf-8")
    for translation in [f for f in root.rglob("*.md") if re.fullmatch(r".+\.[a-z]{2,3}(-[a-z0-9]+)*", f.stem)]:
        translation.unlink()  # the other languages' pages: the pseudo-locale stands for every language at once
    out: Path = root.parent / "site"
    build_to(root, out)
    served = _serve("pseudo", out, "/")
    yield served
    served.server.shutdown()
    served.server.server_close()


def _english(value: Any) -> Any:
    """A YAML value with each text given per language ({en-GB: ..., pa: ...}) reduced to its English."""
    if isinstance(value, dict):
        return value["en-GB"] if "en-GB" in value else {key: _english(item) for key, item in value.items()}
    return [_english(item) for item in value] if isinstance(value, list) else value


def test_every_interface_string_goes_through_the_catalogue(pseudo_site: ServedSite, open_page: OpenPage) -> None:
    page = open_page()
    english: dict[str, list[str]] = {}
    for url in pseudo_site.pages():
        page.goto(url)
        assert page.locator("html").get_attribute("lang") == "en-XA"
        for selector in INTERFACE:
            for text in page.locator(selector).all_inner_texts():
                words = ENGLISH_WORD.findall(NAMES.sub("", text))
                if words:
                    english.setdefault(url.removeprefix(pseudo_site.url), []).append(f"{selector}: {text!r}")
    assert english == {}


def test_the_interface_is_accented_on_every_page(pseudo_site: ServedSite, open_page: OpenPage) -> None:
    page = open_page()
    for url in pseudo_site.pages():
        page.goto(url)
        assert "ẋẋẋ" in page.locator(".app-skip-link").inner_text(), url
        assert "Ŕéþöŕţ" in page.locator(".app-header__report").inner_text(), url


@pytest.mark.parametrize("view", ["phone 360px", "zoom 400%"])
def test_longer_text_never_overflows(view: str, pseudo_site: ServedSite, open_page: OpenPage) -> None:
    page = open_page(**VIEWS[view])
    found = {}
    for url in pseudo_site.pages():
        page.goto(url)
        bad = page.evaluate(OVERFLOW)
        if bad:
            found[url.removeprefix(pseudo_site.url)] = bad
    assert found == {}
