"""The default Wolverhampton site: every page parsed and checked for structure, links and the content residents need."""

from __future__ import annotations

import hashlib
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.conftest import REPO, parse_html
from tests.htmlcheck import html_files, internal_targets, pages, resolves, text


def read(site: Path, path: str):
    return parse_html((site / path).read_bytes())


def test_every_expected_page_exists(default_site: Path) -> None:
    for path in ("index.html", "report/index.html", "what-is-hate-crime/index.html", "support/index.html",
                 "centres/index.html", "centres/refugee-migrant-centre/index.html",
                 "centres/st-peters-collegiate-church/index.html", "surgeries/index.html", "events/index.html",
                 "news/index.html", "news/hate-crime-awareness-week/index.html", "accessibility/index.html",
                 "privacy/index.html", "staying-safe-online/index.html", "404.html", "sitemap.xml", "robots.txt",
                 "feed.xml"):
        assert (default_site / path).is_file(), path


def stylesheet(site: Path) -> Path:
    (found,) = site.rglob("*.css")
    return found


def test_exactly_one_stylesheet_named_for_its_bytes_and_every_page_links_to_it(default_site: Path) -> None:
    css = stylesheet(default_site)
    digest = hashlib.sha256(css.read_bytes()).hexdigest()[:10]
    assert css.relative_to(default_site).as_posix() == f"assets/style.{digest}.css"
    assert css.read_bytes() == (REPO / "static" / "style.css").read_bytes()
    for path, doc in pages(default_site):
        links = [link.get("href") for link in doc.iter("link") if link.get("rel") == "stylesheet"]
        assert links == [f"/assets/style.{digest}.css"], path
        scripts = [script.get("src") for script in doc.iter("script") if script.get("src")]
        assert all(re.fullmatch(r"/assets/(exit|finder|search|copy)\.[0-9a-f]{10}\.js", src) for src in scripts), path
        assert scripts or path.startswith("embed/"), path  # a page inside partners' sites runs no script


@pytest.mark.parametrize("check", ["structure", "links", "no_third_party"])
def test_every_page(default_site: Path, check: str) -> None:
    count = 0
    for path, doc in pages(default_site):
        count += 1
        html = doc.getroot() if hasattr(doc, "getroot") else doc
        if check == "structure":
            parts = str(path).split("/")
            folder = parts[1] if parts[0] == "search" and len(parts) > 2 else parts[0]  # /search/pa/: see routes
            language = folder if folder in ("pa", "ur", "pl", "ro") else ""
            assert html.get("lang") == (language or "en-GB"), path
            assert len(list(doc.iter("h1"))) == 1, path
            title = text(next(doc.iter("title")))
            assert title.endswith("Stop Hate WLV") and len(title) > len("Stop Hate WLV"), (path, title)
            if path.startswith("embed/"):  # shown inside partners' pages: no header, menu or footer of its own
                assert not list(doc.iter("header")) and list(doc.iter("main")), path
                continue
            skip = next(a for a in doc.iter("a") if "app-skip-link" in (a.get("class") or ""))
            target = skip.get("href").lstrip("#")
            assert any(e.get("id") == target for e in doc.iter()), path
            for landmark in ("header", "nav", "main", "footer"):
                assert list(doc.iter(landmark)), (path, landmark)
            header = next(doc.iter("header"))
            report = [a for a in header.iter("a")
                      if a.get("href") in ("/report/", f"/{language}/report/")
                      and "app-button--report" in (a.get("class") or "")]
            assert report and (language or "Report hate crime" in text(report[0])), path  # in the page's language
            assert any(a.get("href") == "tel:999" for a in header.iter("a")), path
        elif check == "links":
            for target in internal_targets(doc):
                assert resolves(default_site, target), f"{path} links to {target}, which was not written"
        else:
            for tag, attr in (("script", "src"), ("link", "href"), ("img", "src"), ("iframe", "src")):
                for element in doc.iter(tag):
                    value = element.get(attr) or ""
                    if tag == "link" and element.get("rel") in ("canonical", "alternate"):
                        continue
                    assert not value.startswith(("http:", "https:", "//")), (path, tag, value)
            for style in doc.iter("style"):
                assert "@import" not in (style.text or "") and "url(" not in (style.text or ""), path
    assert count >= 20


def test_stylesheet_loads_nothing_from_elsewhere(default_site: Path) -> None:
    css = stylesheet(default_site).read_text()
    assert "@import" not in css and "url(" not in css and "@font-face" not in css


def test_report_page_has_every_route_and_what_happens_next(default_site: Path) -> None:
    doc = read(default_site, "report/index.html")
    body = text(next(doc.iter("main")))
    for needed in ("999", "18000", "999 BSL", "True Vision", "101", "18001 101", "Live chat", "Crimestoppers",
                   "0800 555 111", "61016", "British Transport Police", "What happens next", "When to use it"):
        assert needed in body, needed
    hrefs = {a.get("href") for a in doc.iter("a")}
    assert {"tel:999", "tel:101", "tel:0800555111", "sms:61016", "https://www.report-it.org.uk/",
            "https://www.999bsl.co.uk"} <= hrefs
    assert "WMNow" in body and "not for reporting" in body.replace("not be used for reporting", "not for reporting")
    checklist = body.lower()
    for item in ("date", "time", "what you saw", "witness"):
        assert item in checklist, item
    titles = [text(h) for h in next(doc.iter("main")).iter("h3") if "app-routes__title" in (h.get("class") or "")]
    assert titles[0] == "In an emergency"
    assert len(titles) == 6


def test_every_route_link_is_https(default_site: Path) -> None:
    for _path, doc in pages(default_site):
        for ul in doc.iter("ul"):
            if "app-routes" in (ul.get("class") or ""):
                for a in ul.iter("a"):
                    href = a.get("href")
                    # a route links out over https, to a phone, or to a page of this site (the centre list, in
                    # the page's language)
                    assert href.startswith(("https://", "tel:", "sms:", "mailto:")) or href in (
                        "/centres/", "/pa/centres/", "/ur/centres/", "/pl/centres/", "/ro/centres/"), href


def test_the_urdu_pages_give_the_routes_in_urdu_and_link_the_urdu_centres_page(default_site: Path) -> None:
    doc = read(default_site, "ur/report/index.html")
    footer = next(doc.iter("footer"))
    cards = [li for li in footer.iter("li") if (li.get("id") or "").startswith("footer-route-")]
    assert len(cards) == 6
    for card in cards:  # every word is given in Urdu in site.yaml: nothing marked, lang="ur" inherited
        assert [e.tag for e in card.iter() if e.get("lang") or e.get("dir")] == [], card.get("id")
    assert text(cards[0].find("h3")) == "ایمرجنسی میں"
    links = [a.get("href") for card in cards for a in card.iter("a")]
    assert "/ur/centres/" in links and "/centres/" not in links and "tel:999" in links
    tagline = next(p for p in doc.iter("p") if p.get("class") == "app-header__tagline")
    assert tagline.find("span") is None and "وولورہیمپٹن" in text(tagline)
    body = next(e for e in doc.iter("div") if e.get("class") == "app-prose")
    assert "/ur/centres/" in [a.get("href") for a in body.iter("a")]  # report.ur.md writes /centres/
    # report.ur.md names no template: it has report.md's, so the full route cards are in the page itself
    main = next(doc.iter("main"))
    assert len([h for h in main.iter("h3") if "app-routes__title" in (h.get("class") or "")]) == 6


@pytest.mark.parametrize("code", ["pa", "ur", "pl", "ro"])
def test_the_listing_pages_are_translated_and_still_list_their_listings(default_site: Path, code: str) -> None:
    for path, english in (("centres", "Third Party Reporting Centres"), ("surgeries", "Hate Crime Surgeries"),
                          ("events", "Events")):
        doc = read(default_site, f"{code}/{path}/index.html")
        main = next(doc.iter("main"))
        title = main.find(".//h1")
        assert text(title) != english and title.get("lang") is None, f"{code}/{path}"
        prose = next(e for e in main.iter("div") if e.get("class") == "app-prose")
        assert prose.get("lang") is None and prose.find("h2") is not None, f"{code}/{path}: its text, translated"
        assert read(default_site, f"{code}/index.html").find(f".//a[@href='/{code}/{path}/']") is not None
    cards = [a.get("href") for h in next(read(default_site, f"{code}/centres/index.html").iter("main")).iter("h3")
             if "app-card__title" in (h.get("class") or "") for a in h.iter("a")]
    assert cards and all(href.startswith(f"/{code}/centres/") for href in cards)


def test_what_is_hate_crime_names_the_five_strands(default_site: Path) -> None:
    body = text(next(read(default_site, "what-is-hate-crime/index.html").iter("main"))).lower()
    for strand in ("race", "religion", "sexual orientation", "disability", "transgender"):
        assert strand in body, strand
    assert "hate incident" in body and "online" in body


def test_support_lists_services_with_ways_to_reach_them(default_site: Path) -> None:
    doc = read(default_site, "support/index.html")
    body = text(next(doc.iter("main")))
    for name in ("Victim Support", "Zebra Access", "Galop", "Tell MAMA", "0808"):
        assert name in body, name
    assert "0845 113 5000" not in body and "0345 113 5000" not in body


def test_unverified_centre_says_check_before_you_travel(default_site: Path) -> None:
    doc = read(default_site, "centres/refugee-migrant-centre/index.html")
    body = text(next(doc.iter("main")))
    assert "Roma Parva" in body
    assert "Check before you travel" in body
    assert any("openstreetmap.org" in (a.get("href") or "") for a in doc.iter("a"))
    assert "last checked" in body


def test_surgeries_without_confirmed_dates_say_so(default_site: Path) -> None:
    body = text(next(read(default_site, "surgeries/index.html").iter("main")))
    for venue in ("Citizens Advice", "University of Wolverhampton", "Jamia Masjid Al-Aqsa"):
        assert venue in body
    assert "to be confirmed" in body


def test_events_show_only_upcoming(default_site: Path) -> None:
    body = text(next(read(default_site, "events/index.html").iter("main")))
    assert "Hate Crime Awareness Week 2027" in body
    assert "Saturday 9 October 2027" in body
    assert "Hate Crime Awareness Week 2026" not in body


def test_feed_lists_posts_newest_first(default_site: Path) -> None:
    feed = ET.parse(default_site / "feed.xml").getroot()
    ns = {"a": "http://www.w3.org/2005/Atom"}
    entries = feed.findall("a:entry", ns)
    assert len(entries) == 3
    published = [e.find("a:published", ns).text for e in entries]
    assert published == sorted(published, reverse=True)
    assert any("Awareness Week" in e.find("a:title", ns).text for e in entries)
    assert all(e.find("a:id", ns).text.startswith("https://stophatewv.net/news/") for e in entries)


def test_sitemap_and_robots(default_site: Path) -> None:
    root = ET.parse(default_site / "sitemap.xml").getroot()
    locs = [e.text for e in root.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert "https://stophatewv.net/" in locs and "https://stophatewv.net/report/" in locs
    assert all(loc.startswith("https://stophatewv.net/") for loc in locs)
    assert "Sitemap: https://stophatewv.net/sitemap.xml" in (default_site / "robots.txt").read_text()


def test_campaign_post_has_share_links_and_card(default_site: Path) -> None:
    doc = read(default_site, "news/hate-crime-awareness-week/index.html")
    metas = {m.get("property") or m.get("name"): m.get("content") for m in doc.iter("meta")}
    assert metas["og:title"].startswith("Hate Crime Awareness Week")
    assert metas["og:url"] == "https://stophatewv.net/news/hate-crime-awareness-week/"
    share = [a.get("href") for a in doc.iter("a") if "sharer" in (a.get("href") or "") or "wa.me" in
             (a.get("href") or "")]
    assert len(share) == 2
    assert any("NationalHCAW" in href for href in share)


def test_no_page_uses_javascript_for_content(default_site: Path) -> None:
    for file in html_files(default_site):
        doc = parse_html(file.read_bytes())
        for script in doc.iter("script"):
            if script.get("type") == "application/ld+json":
                continue  # structured data for search engines: a data block, never run
            assert script.get("src"), f"{file}: inline script"
            assert not (script.text or "").strip()


def test_every_post_has_a_share_card_of_the_right_size(default_site: Path) -> None:
    from PIL import Image

    for post in ("hate-crime-awareness-week", "speak-up-report-it", "zero-tolerance-before-pride"):
        doc = read(default_site, f"news/{post}/index.html")
        image = next(m.get("content") for m in doc.iter("meta") if m.get("property") == "og:image")
        assert image == f"https://stophatewv.net/news/{post}/share.png"
        with Image.open(default_site / "news" / post / "share.png") as card:
            assert card.size == (1200, 630) and card.format == "PNG"
    assert (default_site / "share-card.png").is_file()


def test_a_post_links_the_centres_it_names(default_site: Path) -> None:
    doc = read(default_site, "news/hate-crime-awareness-week/index.html")
    section = next(s for s in doc.iter("section") if s.get("aria-labelledby") == "related-centres-heading")
    hrefs = [a.get("href") for a in section.iter("a")]
    assert hrefs == ["/centres/refugee-migrant-centre/", "/centres/st-peters-collegiate-church/"]
