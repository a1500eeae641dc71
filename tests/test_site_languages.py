"""The language dimension of a site: each language under its prefix, alternates, switcher, honest navigation.

tests/sites/languages is the minimal site in English (default), Panjabi and Urdu (draft translations) and Polish
(reviewed); the home page is translated into all three, the report page into Panjabi and Urdu only.
"""

from __future__ import annotations

from pathlib import Path
from xml.etree import ElementTree

import pytest

from stophate.errors import BuildFailed

from .conftest import REPO, build_to, parse_html, write_built
from .sitecopy import copy_fixture_site

SITE = REPO / "tests" / "sites" / "languages"
ORIGIN = "https://example.org"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_built(SITE, tmp_path_factory.mktemp("languages") / "site")


def page(built: Path, path: str):
    return parse_html((built / path / "index.html").read_bytes())


def test_each_translation_is_published_under_its_language_and_nothing_is_faked(built: Path) -> None:
    for path in ("pa", "pa/report", "ur", "ur/report", "pl"):
        assert (built / path / "index.html").is_file(), path
    assert not (built / "pl" / "report").exists()  # not translated into Polish: no Polish page pretends to be it
    assert not (built / "report.pa").exists()


@pytest.mark.parametrize(("path", "lang", "direction"), [
    ("", "en-GB", "ltr"), ("pa", "pa", "ltr"), ("ur/report", "ur", "rtl"), ("pl", "pl", "ltr")])
def test_every_page_says_its_language_and_direction(built: Path, path: str, lang: str, direction: str) -> None:
    html = page(built, path)
    assert (html.get("lang"), html.get("dir")) == (lang, direction)
    # a share card says the language of the page shared, not the site's
    locale = next(m.get("content") for m in html.iter("meta") if m.get("property") == "og:locale")
    assert locale == lang.replace("-", "_")


def alternates(built: Path, path: str) -> dict[str, str]:
    return {link.get("hreflang"): link.get("href") for link in page(built, path).iter("link")
            if link.get("rel") == "alternate" and link.get("hreflang")}


def test_alternates_list_every_version_and_x_default_on_every_version(built: Path) -> None:
    home = {"en-GB": f"{ORIGIN}/", "pa": f"{ORIGIN}/pa/", "ur": f"{ORIGIN}/ur/", "pl": f"{ORIGIN}/pl/",
            "x-default": f"{ORIGIN}/"}
    for path in ("", "pa", "ur", "pl"):  # reciprocal: each version lists the same set, itself included
        assert alternates(built, path) == home, path
    report = {"en-GB": f"{ORIGIN}/report/", "pa": f"{ORIGIN}/pa/report/", "ur": f"{ORIGIN}/ur/report/",
              "x-default": f"{ORIGIN}/report/"}
    for path in ("report", "pa/report", "ur/report"):
        assert alternates(built, path) == report, path


def switcher(built: Path, path: str) -> list[tuple[str | None, ...]]:
    nav = next(n for n in page(built, path).iter("nav") if n.get("class") == "app-languages")
    return [(a.text, a.get("href"), a.get("lang"), a.get("hreflang"), a.get("dir"), a.get("aria-current"))
            for a in nav.iter("a")]


def test_the_language_switcher_names_each_language_in_itself_with_plain_links(built: Path) -> None:
    assert switcher(built, "ur/report") == [
        ("English", "/report/", "en-GB", "en-GB", "ltr", None),
        ("ਪੰਜਾਬੀ", "/pa/report/", "pa", "pa", "ltr", None),
        ("اردو", "/ur/report/", "ur", "ur", "rtl", "true"),
        ("Polski", "/pl/", "pl", "pl", "ltr", None),  # no Polish report page: the Polish home page instead
    ]


def menu(built: Path, path: str) -> list[tuple[str, str | None, str | None, str | None]]:
    nav = next(n for n in page(built, path).iter("nav") if n.get("class") == "app-nav")
    return [("".join(a.itertext()), a.get("href"), a.get("lang"), a.get("hreflang")) for a in nav.iter("a")]


def test_the_menu_links_the_english_page_marked_as_english_where_there_is_no_translation(built: Path) -> None:
    assert menu(built, "pa") == [("ਰਿਪੋਰਟ ਕਿਵੇਂ ਕਰਨੀ ਹੈ", "/pa/report/", None, None),
                                 # the centres page is in Panjabi (its list is), its own text is not
                                 ("Centres (English)", "/pa/centres/", "en-GB", None),
                                 ("News (English)", "/news/", "en-GB", "en-GB")]
    assert menu(built, "pl")[0] == ("How to report (English)", "/report/", "en-GB", "en-GB")
    assert menu(built, "")[0] == ("How to report", "/report/", None, None)


def test_a_menu_link_given_in_a_language_in_site_yaml_is_shown_in_it(built: Path) -> None:
    assert menu(built, "pl")[1] == ("Punkty", "/pl/centres/", None, None)  # site.yaml's Polish words, unmarked
    assert menu(built, "ur")[1] == ("Centres (English)", "/ur/centres/", "en-GB", None)
    assert menu(built, "")[1] == ("Centres", "/centres/", None, None)


def text_of(html, css_class: str) -> str:
    element = next(e for e in html.iter() if css_class in (e.get("class") or "").split())
    return " ".join("".join(element.itertext()).split())


def test_the_chrome_is_in_the_page_language(built: Path) -> None:
    polish = page(built, "pl")
    assert text_of(polish, "app-skip-link") == "Przejdź do treści głównej"
    assert text_of(polish, "app-exit__button") == "Nagły wypadek Opuść tę stronę"
    assert text_of(polish, "app-header__report") == "Zgłoś przestępstwo z nienawiści"
    assert text_of(polish, "app-header__emergency") == "W nagłym wypadku zadzwoń pod 999."
    assert text_of(page(built, "ur"), "app-footer__title") == "نفرت انگیز جرم کی رپورٹ کرنے کے طریقے"


def marks(element) -> tuple[str | None, str | None]:
    """The lang and dir a text is marked with: on its own element or on the one span inside it."""
    span = element.find("span")
    marked = span if span is not None and not (element.text or "").strip() else element
    return marked.get("lang"), marked.get("dir")


def test_content_in_the_default_language_is_marked_on_other_pages(built: Path) -> None:
    urdu = page(built, "ur/report")
    footer = next(e for e in urdu.iter("footer"))
    online = next(li for li in footer.iter("li") if li.get("id") == "footer-route-online").find("h3")
    assert marks(online) == ("en-GB", "ltr")  # no Urdu words for it in site.yaml: English, said to be
    assert text_of(urdu, "app-header__tagline") == "A small test site."
    tagline = next(e for e in urdu.iter("p") if e.get("class") == "app-header__tagline")
    assert marks(tagline) == ("en-GB", "ltr")
    polish = next(e for e in page(built, "pl").iter("p") if e.get("class") == "app-header__tagline")
    assert ("".join(polish.itertext()), marks(polish)) == ("Mała strona testowa.", (None, None))


def route_card(built: Path, path: str, route_id: str):
    return next(li for li in page(built, path).iter("li") if li.get("id") == route_id)


def test_the_routes_are_in_the_page_language_where_site_yaml_gives_their_words(built: Path) -> None:
    card = route_card(built, "ur/report", "route-emergency")
    assert [e for e in card.iter() if e.get("lang") or e.get("dir")] == []  # all Urdu: lang="ur" inherited
    words = " ".join("".join(card.itertext()).split())
    assert "ایمرجنسی میں" in words and "کوئی ابھی خطرے میں ہے" in words and "فون کریں" in words
    assert "Someone is in danger" not in words and "In an emergency" not in words
    panjabi = route_card(built, "pa/report", "route-emergency")
    assert (panjabi.find("h3").text, marks(panjabi.find("h3"))) == ("ਐਮਰਜੈਂਸੀ ਵਿੱਚ", (None, None))
    when = next(p for p in panjabi.iter("p") if p.get("class") == "app-routes__when").find("span")
    assert (when.text, when.get("lang"), when.get("dir")) == ("Someone is in danger now.", "en-GB", None)
    other = route_card(built, "ur/report", "route-online")
    title = other.find("h3").find("span")
    assert (title.text, title.get("lang"), title.get("dir")) == ("Report online", "en-GB", "ltr")
    english = route_card(built, "report", "route-emergency")
    assert english.find("h3").text == "In an emergency" and [e for e in english.iter() if e.get("lang")] == []


def test_a_translated_page_links_its_own_language_version_of_a_page(built: Path) -> None:
    body = next(e for e in page(built, "pa/report").iter("div") if e.get("class") == "app-prose")
    hrefs = [a.get("href") for a in body.iter("a")]
    # /centres/ has a Panjabi version; /news/ has none, so the English stays; a fragment is kept; a link to the
    # page's own English version is there to offer the English, so it stays
    assert hrefs == ["/pa/centres/", "/news/", "/pa/#top", "/report/"]
    english = [a.get("href") for a in next(e for e in page(built, "centres").iter("main")).iter("a")]
    assert "/pa/centres/" not in english


def test_a_draft_translation_says_so_and_links_the_original(built: Path) -> None:
    notice = next(e for e in page(built, "pa/report").iter("div")
                  if "app-notice--translation" in (e.get("class") or ""))
    link = notice.find(".//a")
    assert (link.get("href"), link.get("hreflang")) == ("/report/", "en-GB")
    for original in ("", "report"):
        assert not [e for e in page(built, original).iter("div")
                    if "app-notice--translation" in (e.get("class") or "")], original


def test_links_to_pages_a_language_lacks_go_to_the_default_language(built: Path) -> None:
    hrefs = {a.get("href") for a in page(built, "pa").iter("a")}
    assert "/pa/report/" in hrefs and "/news/" in hrefs and "/pa/news/" not in hrefs


def test_the_sitemap_lists_every_version_as_an_alternate(built: Path) -> None:
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    root = ElementTree.parse(built / "sitemap.xml").getroot()
    entries = {u.find("s:loc", ns).text: {a.get("hreflang"): a.get("href") for a in u.findall("x:link", ns)}
               for u in root.findall("s:url", ns)}
    assert entries[f"{ORIGIN}/ur/report/"] == entries[f"{ORIGIN}/report/"] == {
        "en-GB": f"{ORIGIN}/report/", "pa": f"{ORIGIN}/pa/report/", "ur": f"{ORIGIN}/ur/report/",
        "x-default": f"{ORIGIN}/report/"}


@pytest.mark.parametrize(("name", "message"), [
    ("report.uk.md", "the file name says this page is in 'uk', which site.yaml does not list"),
    ("missing.pa.md", "this translation has no content/pages/missing.md beside it to translate"),
])
def test_a_translation_that_fits_no_language_or_page_is_a_problem(tmp_path: Path, name: str, message: str) -> None:
    root = tmp_path / "site"
    copy_fixture_site("languages", root)
    (root / "content" / "pages" / name).write_text("---\ntitle: X\nsummary: Y.\n---\nZ.\n", "utf-8")
    with pytest.raises(BuildFailed) as failed:
        build_to(root, tmp_path / "out")
    found = [(p.position.path, p.field, p.message) for p in failed.value.problems if p.severity == "error"]
    assert found == [(f"content/pages/{name}", "lang", message)]


def test_a_language_with_posts_of_its_own_has_its_own_feed(built: Path) -> None:
    atom = "{http://www.w3.org/2005/Atom}"
    feed = ElementTree.parse(built / "pl" / "feed.xml").getroot()
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == "pl"
    assert [e.find(f"{atom}title").text for e in feed.iter(f"{atom}entry")] == ["Tydzień świadomości: stoimy razem"]
    assert feed.find(f"{atom}link[@rel='self']").get("href") == f"{ORIGIN}/pl/feed.xml"
    english = ElementTree.parse(built / "feed.xml").getroot()
    assert [e.find(f"{atom}title").text for e in english.iter(f"{atom}entry")] == ["Awareness week: we stand together"]
    assert not (built / "pa" / "feed.xml").exists()

    def feed_link(path: str) -> str:
        return next(link.get("href") for link in page(built, path).iter("link")
                    if link.get("type") == "application/atom+xml")

    assert (feed_link("pl"), feed_link("pa"), feed_link("")) == ("/pl/feed.xml", "/feed.xml", "/feed.xml")
    assert alternates(built, "pl/news/awareness-week")["pl"] == f"{ORIGIN}/pl/news/awareness-week/"


def main_text(built: Path, path: str) -> str:
    return " ".join("".join(next(page(built, path).iter("main")).itertext()).split())


@pytest.mark.parametrize("lang", ["pa", "ur", "pl"])
def test_every_listing_page_is_published_in_every_language(built: Path, lang: str) -> None:
    for path in ("centres", "centres/town-hall", "centres/language/polish", "centres/need/step-free",
                 "events/stall-2026", "events/old-event"):
        assert (built / lang / path / "index.html").is_file(), f"{lang}/{path}"
    assert alternates(built, f"{lang}/centres/town-hall") == {
        code: f"{ORIGIN}{prefix}/centres/town-hall/" for code, prefix in
        (("en-GB", ""), ("pa", "/pa"), ("ur", "/ur"), ("pl", "/pl"), ("x-default", ""))}


def test_a_centre_in_another_language_has_its_interface_in_that_language_and_its_facts_as_written(
        built: Path) -> None:
    text = main_text(built, "pl/centres/town-hall")
    assert "Dane kontaktowe" in text and "Contact details" not in text  # the interface in Polish
    # the name, address and phone number exactly as written
    assert "Exampletown Town Hall" in text and "1 High Street, Exampletown, EX1 1AA" in text and "0800 555 111" in text
    assert switcher(built, "ur/centres/town-hall")[0] == ("English", "/centres/town-hall/", "en-GB", "en-GB", "ltr",
                                                          None)
    crumb = next(p for p in page(built, "ur/centres/town-hall").iter("p") if p.get("class") == "app-breadcrumb")
    assert crumb.find("a").get("href") == "/ur/centres/"
    cards = [h.find("a").get("href") for h in page(built, "ur/centres").iter("h3")
             if h.get("class") == "app-card__title"]
    assert cards == ["/ur/centres/town-hall/"]


def test_a_listing_page_without_a_translation_marks_its_own_text_as_the_default_language(built: Path) -> None:
    urdu = page(built, "ur/centres")
    main = next(urdu.iter("main"))
    title = main.find(".//h1")
    assert (title.text, title.get("lang"), title.get("dir")) == ("Reporting centres", "en-GB", "ltr")
    prose = next(e for e in main.iter("div") if e.get("class") == "app-prose")
    assert (prose.get("lang"), prose.get("dir")) == ("en-GB", "ltr")
    counted = main.find(".//h2[@id='centres-heading']")
    assert counted.get("lang") is None and "سینٹر" in "".join(counted.itertext())  # the list is in Urdu
    assert urdu.get("lang") == "ur"
    assert next(page(built, "centres").iter("main")).find(".//h1").get("lang") is None


def test_the_sitemap_lists_listing_pages_in_every_language(built: Path) -> None:
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    root = ElementTree.parse(built / "sitemap.xml").getroot()
    entries = {u.find("s:loc", ns).text: {a.get("hreflang") for a in u.findall("x:link", ns)}
               for u in root.findall("s:url", ns)}
    for lang in ("", "/pa", "/ur", "/pl"):
        assert entries[f"{ORIGIN}{lang}/centres/town-hall/"] == {"en-GB", "pa", "ur", "pl", "x-default"}
        assert f"{ORIGIN}{lang}/events/stall-2026/" in entries
    assert f"{ORIGIN}/pl/events/old-event/" not in entries  # a past event keeps its page, out of the sitemap


def test_listing_text_given_in_a_language_is_shown_in_it_and_the_rest_falls_back_marked(built: Path) -> None:
    def lead(path: str):
        return next(p for p in page(built, path).iter("p") if p.get("class") == "app-lead")

    assert "".join(lead("pl/centres/town-hall").itertext()) == "Pracownicy mogą przyjąć od Ciebie zgłoszenie."
    assert lead("pl/centres/town-hall").find("span") is None  # in the page's own language: nothing to mark
    assert lead("ur/centres/town-hall").text == "یہاں کا عملہ آپ کی رپورٹ لے سکتا ہے۔"  # noqa: RUF001
    fallback = lead("pa/centres/town-hall").find("span")  # no Panjabi text: the English one, said to be English
    assert (fallback.text, fallback.get("lang"), fallback.get("dir")) == (
        "Staff here can take a report for you.", "en-GB", None)
    note = [td for td in page(built, "ur/centres/town-hall").iter("td")][-1].find("span")
    assert (note.text, note.get("lang"), note.get("dir")) == ("Drop in", "en-GB", "ltr")
    assert [td for td in page(built, "pl/centres/town-hall").iter("td")][-1].text == "Bez umawiania się"
    english = lead("centres/town-hall")
    assert english.text == "Staff here can take a report for you." and english.find("span") is None
    cost = main_text(built, "pl/events/stall-2026")
    assert "Bezpłatnie" in cost and "Free" not in cost


def test_a_name_written_in_another_language_is_marked_with_it(built: Path) -> None:
    title = next(page(built, "events/polish-coffee-morning").iter("h1")).find("span")
    assert (title.text, title.get("lang")) == ("Poranna kawa po polsku", "pl")
    assert next(page(built, "pl/events/polish-coffee-morning").iter("h1")).find("span") is None
    urdu = next(page(built, "ur/events/polish-coffee-morning").iter("h1")).find("span")
    assert (urdu.get("lang"), urdu.get("dir")) == ("pl", "ltr")


def test_each_language_has_its_own_calendars_in_its_words(built: Path) -> None:
    import icalendar

    polish = icalendar.Calendar.from_ical((built / "pl" / "events.ics").read_bytes())
    stall = next(e for e in polish.walk("VEVENT") if str(e["summary"]) == "Information stall")
    assert str(stall["description"]) == "Przyjdź i zapytaj nas o wszystko.\n\nKoszt: Bezpłatnie"
    assert str(stall["url"]) == f"{ORIGIN}/pl/events/stall-2026/"
    english = icalendar.Calendar.from_ical((built / "events.ics").read_bytes())
    assert str(next(e for e in english.walk("VEVENT") if e["summary"] == "Information stall")["description"]) == (
        "Come and ask us anything.\n\nCost: Free")
    one = icalendar.Calendar.from_ical((built / "ur" / "events" / "stall-2026.ics").read_bytes())
    assert str(one.walk("VEVENT")[0]["url"]) == f"{ORIGIN}/ur/events/stall-2026/"
    assert (built / "pa" / "surgeries.ics").is_file()
    for lang in ("pl", "ur"):  # the event page offers its own language's calendar file
        button = next(a for a in page(built, f"{lang}/events/stall-2026").iter("a") if a.get("download") is not None)
        assert button.get("href") == f"/{lang}/events/stall-2026.ics"


def structured_data(built: Path, path: str) -> dict:
    import json

    scripts = [s for s in page(built, path).iter("script") if s.get("type") == "application/ld+json"]
    assert len(scripts) == 1, path
    return json.loads(scripts[0].text or "")


def test_each_languages_item_page_describes_itself_to_search_engines(built: Path) -> None:
    """A Polish event page's JSON-LD gives its own address and the listing's Polish words, never the English
    page's; a centre's page its own address and the centre's name as written; a venue links to the centre's page
    in the same language."""
    english, polish = structured_data(built, "events/stall-2026"), structured_data(built, "pl/events/stall-2026")
    assert english["url"].endswith("/events/stall-2026/") and "/pl/" not in english["url"]
    assert english["description"] == "Come and ask us anything."
    assert polish["url"] == english["url"].replace("/events/", "/pl/events/")
    assert polish["description"] == "Przyjdź i zapytaj nas o wszystko."
    assert polish["startDate"] == english["startDate"] and polish["name"] == english["name"] == "Information stall"
    assert polish["location"]["url"].endswith("/pl/centres/town-hall/")
    urdu = structured_data(built, "ur/events/stall-2026")
    assert urdu["description"] == "Come and ask us anything."  # no Urdu words given: the default language's
    centre = structured_data(built, "ur/centres/town-hall")
    assert centre["url"].endswith("/ur/centres/town-hall/") and centre["name"] == "Exampletown Town Hall"
