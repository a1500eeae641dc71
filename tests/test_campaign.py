# ruff: noqa: RUF001  (Polish and Romanian write a date range with an en dash)
"""Hate Crime Awareness Week: the dates, the season banner, the ready-to-post kit, its images and kit.json."""

from __future__ import annotations

import datetime as dt
import io
import json
import re

import jsonschema
import pytest
import yaml
from PIL import Image

from stophate.campaign import POST_LIMIT, READING_GRADE, season, week_dates
from stophate.errors import BuildFailed
from stophate.interface import interface_for
from stophate.models import Campaign
from stophate.outputs.campaign_images import Colours, campaign_image
from stophate.readability import grade_level
from stophate.schedule import awareness_week
from stophate.site import BuildOptions, Output, build
from tests.conftest import REPO, built, parse_html
from tests.htmlcheck import text
from tests.sitecopy import copy_default_site

PAGE = "/hate-crime-awareness-week/"
KIT_SCHEMA = {
    "type": "object",
    "required": ["posts", "poster", "card", "lang", "reviewed"],
    "additionalProperties": False,
    "properties": {
        "lang": {"type": "string", "minLength": 2},
        "reviewed": {"type": "boolean"},
        "posts": {"type": "array", "minItems": 5, "items": {
            "type": "object", "required": ["text", "alt", "images"], "additionalProperties": False,
            "properties": {
                "text": {"type": "string", "minLength": 1, "maxLength": POST_LIMIT},
                "alt": {"type": "string", "minLength": 1},
                "images": {"type": "array", "minItems": 1, "items": {
                    "type": "object", "required": ["url", "width", "height"], "additionalProperties": False,
                    "properties": {"url": {"type": "string", "pattern": "^https://"},
                                   "width": {"type": "integer", "minimum": 1},
                                   "height": {"type": "integer", "minimum": 1}}}},
            }}},
        "poster": {"type": "string", "pattern": r"^https://.*\.pdf$"},
        "card": {"type": "string", "pattern": r"^https://.*\.pdf$"},
    },
}


@pytest.fixture(scope="module")
def outputs() -> dict[str, Output]:
    """The default site built on three dates: before the season, early in it, and during the week."""
    return {day: built(REPO, dt.date.fromisoformat(day)) for day in ("2026-06-01", "2026-09-20", "2026-10-12")}


@pytest.fixture(scope="module")
def builds(outputs: dict[str, Output]) -> dict[str, dict[str, bytes]]:
    return {day: output.files for day, output in outputs.items()}


def html_pages(files: dict[str, bytes]) -> dict[str, object]:
    return {path: parse_html(data) for path, data in files.items() if path.endswith(".html")}


@pytest.mark.parametrize(("year", "starts", "ends"), [(2023, "2023-10-14", "2023-10-21"),
                                                     (2024, "2024-10-12", "2024-10-19"),
                                                     (2026, "2026-10-10", "2026-10-17"),
                                                     (2027, "2027-10-09", "2027-10-16")])
def test_week_follows_the_rule(year: int, starts: str, ends: str) -> None:
    assert awareness_week(year) == (dt.date.fromisoformat(starts), dt.date.fromisoformat(ends))


@pytest.mark.parametrize(("today", "in_season", "running", "starts"), [
    ("2026-06-01", False, False, "2026-10-10"),
    ("2026-09-11", False, False, "2026-10-10"),  # 29 days before: not yet
    ("2026-09-12", True, False, "2026-10-10"),  # four weeks before
    ("2026-10-12", True, True, "2026-10-10"),
    ("2026-10-17", True, True, "2026-10-10"),  # the last day
    ("2026-10-18", False, False, "2027-10-09"),  # the day after: the next week is next year's
])
def test_season(today: str, in_season: bool, running: bool, starts: str) -> None:
    week = season(dt.date.fromisoformat(today), None)
    assert (week.in_season, week.running, week.starts.isoformat()) == (in_season, running, starts)


def test_editor_can_move_the_week() -> None:
    moved = Campaign(name="Week", starts=dt.date(2026, 10, 3), ends=dt.date(2026, 10, 9))
    week = season(dt.date(2026, 9, 10), moved)
    assert (week.starts, week.ends, week.in_season, week_dates(week, interface_for("en-GB"))) == (
        dt.date(2026, 10, 3), dt.date(2026, 10, 9), True, "3 to 9 October 2026")


@pytest.mark.parametrize(("code", "same_month", "two_months"), [
    ("en-GB", "10 to 17 October 2026", "29 September to 6 October 2027"),
    ("pl", "10–17 października 2026", "29 września–6 października 2027"),
    ("pa", "10 ਤੋਂ 17 ਅਕਤੂਬਰ 2026", "ਸਤੰਬਰ 29 ਤੋਂ 6 ਅਕਤੂਬਰ 2027"),  # CLDR: month first here
])
def test_the_week_dates_in_each_language(code: str, same_month: str, two_months: str) -> None:
    ui = interface_for(code)
    assert week_dates(season(dt.date(2026, 6, 1), None), ui) == same_month
    spanning = Campaign(name="Week", starts=dt.date(2027, 9, 29), ends=dt.date(2027, 10, 6))
    assert week_dates(season(dt.date(2027, 6, 1), spanning), ui) == two_months


@pytest.mark.parametrize("day", ["2026-09-20", "2026-10-12"])
def test_in_season_every_page_links_the_campaign_page(builds: dict[str, dict[str, bytes]], day: str) -> None:
    pages = html_pages(builds[day])
    assert len(pages) > 20
    dates = {"pa": "10 ਤੋਂ 17 ਅਕਤੂਬਰ 2026", "ur": "10 سے 17 اکتوبر، 2026", "pl": "10–17 października 2026",
             "ro": "10–17 octombrie 2026"}
    for path, doc in pages.items():
        if path.startswith("embed/"):  # inside partners' pages: events only
            continue
        lang = next(doc.iter("html")).get("lang")  # the page's language (/pa/..., and /search/pa/)
        lang = lang if lang in dates else ""
        banners = [e for e in doc.iter("div") if "app-campaign-banner" in (e.get("class") or "")]
        assert len(banners) == 1, path
        # the campaign page in the page's own language, and the dates as that language writes them
        assert any(a.get("href") == (f"/{lang}" if lang else "") + PAGE for a in banners[0].iter("a")), path
        assert dates.get(lang, "10 to 17 October 2026") in text(banners[0]), path
    during = [e for e in html_pages(builds["2026-10-12"])["index.html"].iter("div")
              if "app-campaign-banner" in (e.get("class") or "")]
    assert "It is Hate Crime Awareness Week" in text(during[0])


def test_out_of_season_no_banner_and_the_page_speaks_of_the_next_week(builds: dict[str, dict[str, bytes]]) -> None:
    pages = html_pages(builds["2026-06-01"])
    for path, doc in pages.items():
        assert not [e for e in doc.iter() if "app-campaign-banner" in (e.get("class") or "")], path
    lead = text(next(e for e in pages["hate-crime-awareness-week/index.html"].iter("p")
                     if "app-campaign-dates" in (e.get("class") or "")))
    assert lead == "The next Hate Crime Awareness Week is from 10 to 17 October 2026."


def test_kit_json_validates_and_matches_the_images(builds: dict[str, dict[str, bytes]]) -> None:
    files = builds["2026-09-20"]
    kit = json.loads(files["hate-crime-awareness-week/kit.json"])
    jsonschema.validate(kit, KIT_SCHEMA)
    shapes = set()
    for post in kit["posts"]:
        assert len(post["text"]) <= POST_LIMIT
        assert re.search(r"https://stophatewv\.net/\S+", post["text"])
        assert {"#NationalHCAW", "#WeStandTogether", "#stophateWV"} <= set(post["text"].split())
        assert post["alt"] and post["alt"] not in post["text"] and "10 to 17 October 2026" in post["alt"]
        for image in post["images"]:
            path = image["url"].removeprefix("https://stophatewv.net/")
            with Image.open(io.BytesIO(files[path])) as opened:
                assert opened.format == "PNG"
                assert opened.size == (image["width"], image["height"]), path
            shapes.add((image["width"], image["height"]))
    assert shapes == {(1200, 630), (1080, 1080), (1080, 1920)}
    for key in ("poster", "card"):
        assert kit[key].removeprefix("https://stophatewv.net/") in files


def test_posts_read_easily(outputs: dict[str, Output]) -> None:
    """Reading age 11 or under: a Flesch-Kincaid grade of 6 or less."""
    assert not [p for p in outputs["2026-09-20"].problems.items if "campaign" in p.field]
    for message in yaml.safe_load((REPO / "site.yaml").read_text())["campaign"]["messages"]:
        assert grade_level(message["text"])[0] <= READING_GRADE, message["text"]


def test_page_shows_each_post_with_its_count_image_and_alt(builds: dict[str, dict[str, bytes]]) -> None:
    files = builds["2026-10-12"]
    doc = parse_html(files["hate-crime-awareness-week/index.html"])
    kit = json.loads(files["hate-crime-awareness-week/kit.json"])
    posts = [e for e in doc.iter("article") if "app-kit-post" in (e.get("class") or "")]
    assert len(posts) == len(kit["posts"]) >= 5
    for article, post in zip(posts, kit["posts"], strict=True):
        paragraphs = {p.get("class"): text(p) for p in article.iter("p")}
        assert paragraphs["app-kit-post__text"] == post["text"]
        assert paragraphs["app-meta app-kit-post__count"].startswith(f"{len(post['text'])} characters")
        image = next(article.iter("img"))
        assert image.get("alt") == post["alt"]
        first = post["images"][0]
        assert (int(image.get("width")), int(image.get("height"))) == (first["width"], first["height"])
        links = [text(a) for a in article.iter("a")]
        for size in post["images"]:
            assert f"{size['width']} by {size['height']} pixels" in " ".join(links)
    scripts = [s.get("src") for s in doc.iter("script")]
    assert any(re.fullmatch(r"/assets/copy\.[0-9a-f]{10}\.js", src or "") for src in scripts)
    assert not [s for s in doc.iter("script") if (s.text or "").strip()]
    main = text(next(doc.iter("main")))
    assert "It is on now" not in main and "is on now: 10 to 17 October 2026" in main


def test_a_post_too_long_is_reported_at_its_line(tmp_path) -> None:
    root = copy_default_site(tmp_path / "site")
    config = (root / "site.yaml").read_text()
    long_text = "This post goes on and on. " * 10
    config = config.replace("Hate crime is never OK. If someone hurts", long_text + "Hate crime. If someone hurts")
    (root / "site.yaml").write_text(config)
    with pytest.raises(BuildFailed) as failure:
        build(root, BuildOptions(today=dt.date(2026, 9, 20)))
    found = [p for p in failure.value.problems if p.field == "campaign.messages[0].text"]
    assert len(found) == 1 and found[0].severity == "error"
    assert "characters with its link and hashtags; the limit is 280" in found[0].message
    line = config.splitlines()[found[0].position.line - 1]
    assert "- text:" in line


def test_embed_page_lists_upcoming_events_and_only_it_may_be_framed(builds: dict[str, dict[str, bytes]]) -> None:
    files = builds["2026-06-01"]
    doc = parse_html(files["embed/events/index.html"])
    assert next(doc.iter("base")).get("target") == "_blank"
    titles = [text(h) for h in doc.iter("h2")]
    assert "Hate Crime Awareness Week 2027" in titles
    headers = files["_headers"].decode()
    blocks = {block.splitlines()[0]: block for block in re.split(r"^(?=/)", headers, flags=re.M)[1:]}
    assert "Content-Security-Policy" not in blocks["/*"]  # the site-wide policy is set only where it belongs
    assert "frame-ancestors https:" in blocks["/embed/events/*"]
    assert "frame-ancestors 'none'" not in blocks["/embed/events/*"]


@pytest.mark.parametrize(("width", "height"), [(1200, 630), (1080, 1080), (1080, 1920)])
def test_an_image_is_drawn_in_the_sites_three_colours(width: int, height: int) -> None:
    """The background, the headline's ink and the accent band are exactly the site's colours, and every other
    colour is an anti-aliased edge between the background and one of the two inks."""
    colours = Colours(background=(11, 12, 80), text=(255, 255, 255), accent=(255, 200, 40))
    data = campaign_image(width, height, "Stop Hate WLV", "Hate crime is never OK. Report it.",
                          "Report it: stophatewv.net", "10 to 17 October 2026", colours)
    with Image.open(io.BytesIO(data)) as opened:
        assert opened.format == "PNG" and opened.size == (width, height)
        image = opened.convert("RGB")
    assert image.getpixel((width - 2, height // 3)) == colours.background
    assert image.getpixel((width - 2, height - 2)) == colours.accent  # the band, right of its text
    assert image.getpixel((width // 2, 2)) == colours.accent  # the bar across the top
    found = {colour for _count, colour in image.getcolors(maxcolors=256)}
    assert {colours.background, colours.text, colours.accent} <= found
    edges = {tuple(round(b + (i - b) * step / 7) for b, i in zip(colours.background, ink, strict=True))
             for ink in (colours.text, colours.accent) for step in range(8)}
    assert found <= edges
