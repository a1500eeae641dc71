"""The campaign kit in the site's other languages: the page, the ready-to-post messages, kit.json and the images in
Panjabi, Urdu, Polish and Romanian, marked as drafts, with numbers, names and hashtags left as they are."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import jsonschema
import pytest
import yaml
from fontTools.ttLib import TTFont
from PIL import Image

from stophate import campaign
from stophate.errors import BuildFailed
from stophate.interface import interface_for
from stophate.outputs.share_images import FONT_FILES, FONTS, runs
from stophate.site import BuildOptions, build
from tests.conftest import REPO, built, parse_html
from tests.htmlcheck import text
from tests.sitecopy import copy_default_site
from tests.test_campaign import KIT_SCHEMA

LANGUAGES = ("pa", "ur", "pl", "ro")
SITE = "https://stophatewv.net"
TAGS = ("#NationalHCAW", "#WeStandTogether", "#stophateWV")
WEEK_DAY = dt.date(2026, 10, 12)


def front_matter(lang: str) -> dict:
    source = (REPO / "content" / "pages" / f"hate-crime-awareness-week.{lang}.md").read_text()
    return yaml.safe_load(source.split("---")[1])


@pytest.fixture(scope="module")
def files() -> dict[str, bytes]:
    return built(REPO, WEEK_DAY).files


def kit_of(files: dict[str, bytes], lang: str) -> dict:
    return json.loads(files[f"{lang}/hate-crime-awareness-week/kit.json"])


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_language_has_its_own_kit(files: dict[str, bytes], lang: str) -> None:
    kit, english = kit_of(files, lang), json.loads(files["hate-crime-awareness-week/kit.json"])
    jsonschema.validate(kit, KIT_SCHEMA)
    assert (kit["lang"], kit["reviewed"], english["lang"], english["reviewed"]) == (lang, False, "en-GB", True)
    assert len(kit["posts"]) == len(english["posts"]) >= 5
    messages = front_matter(lang)["messages"]
    for post, message in zip(kit["posts"], messages, strict=True):
        assert len(post["text"]) <= campaign.POST_LIMIT  # the English rule: every character of text, link and tags
        words, link, *tags = post["text"].rsplit(" ", len(TAGS) + 1)
        assert words == " ".join(message["text"].split()) and tuple(tags) == TAGS
        # a link to the page in the post's language where there is one, else the site's own
        page = message.get("link", "/report/")
        expected = f"{SITE}/{lang}{page}" if f"{lang}{page}index.html" in files else f"{SITE}{page}"
        assert link == expected
        assert message["image_text"] in post["alt"] and post["alt"] not in post["text"]
        for image in post["images"]:
            assert image["url"].startswith(f"{SITE}/{lang}/hate-crime-awareness-week/images/")
            with Image.open(io.BytesIO(files[image["url"].removeprefix(SITE + "/")])) as opened:
                assert opened.size == (image["width"], image["height"])
    assert kit["posts"][0]["text"].split()[-4] == f"{SITE}/{lang}/report/"
    assert kit["posts"][3]["text"].split()[-4] == f"{SITE}/{lang}/centres/"  # the centres, listed in each language
    # numbers and names are never translated
    assert "999" in kit["posts"][4]["text"] and "101" in kit["posts"][4]["text"]
    assert "True Vision" in kit["posts"][2]["text"]
    assert (kit["poster"], kit["card"]) == (english["poster"], english["card"])


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_translated_page_shows_its_posts_and_says_it_is_a_draft(files: dict[str, bytes], lang: str) -> None:
    doc = parse_html(files[f"{lang}/hate-crime-awareness-week/index.html"])
    assert next(doc.iter("html")).get("lang") == lang
    assert front_matter(lang)["reviewed"] is False
    notices = [e for e in doc.iter("div") if "app-notice--translation" in (e.get("class") or "")]
    assert len(notices) == 1  # "This translation has not been checked yet", in the page's language
    kit = kit_of(files, lang)
    shown = [text(p) for p in doc.iter("p") if p.get("class") == "app-kit-post__text"]
    assert shown == [post["text"] for post in kit["posts"]]
    images = [img for img in doc.iter("img") if "/images/post-" in (img.get("src") or "")]
    assert [img.get("alt") for img in images] == [post["alt"] for post in kit["posts"]]
    kit_links = [a.get("href") for a in doc.iter("a") if (a.get("href") or "").endswith("kit.json")]
    assert kit_links == [f"/{lang}/hate-crime-awareness-week/kit.json"]
    lead = text(next(p for p in doc.iter("p") if "app-campaign-dates" in (p.get("class") or "")))
    assert front_matter(lang)["title"] in lead and "October" not in lead


def cmap(name: str) -> set[int]:
    return set(TTFont(FONTS / FONT_FILES[name]).getBestCmap())


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_character_on_the_images_has_a_glyph(lang: str) -> None:
    """The headline, the call to action and the week's name and dates, each in the font its script is drawn in."""
    words = campaign.wording(interface_for(lang), "stophatewv.net", front_matter(lang)["title"],
                             campaign.season(WEEK_DAY, None))
    drawn = [m["image_text"] for m in front_matter(lang)["messages"]] + [words.cta, words.label]
    missing = [(name, char) for line in drawn for name, part in runs(line) for char in part
               if not char.isspace() and ord(char) not in cmap(name)]
    assert missing == []


def shortest_line(files: dict[str, bytes], path: str) -> tuple[int, int, int]:
    """The width of an image, and the leftmost and rightmost columns of the shortest line of its headline (the
    white ink between the site's name and the accent band): a short line shows which side lines start from."""
    with Image.open(io.BytesIO(files[path])) as opened:
        image = opened.convert("L")
    width, height = image.size
    pixels = image.load()
    rows = [y for y in range(height // 4, int(height * 0.7)) if any(pixels[x, y] > 200 for x in range(0, width, 2))]
    lines: list[list[int]] = []
    for y in rows:
        if lines and y - lines[-1][-1] <= 12:
            lines[-1].append(y)
        else:
            lines.append([y])
    spans = []
    for line in lines:
        columns = [x for x in range(width) if any(pixels[x, y] > 200 for y in line[::2])]
        spans.append((max(columns) - min(columns), min(columns), max(columns)))
    _, left, right = min(spans)
    return width, left, right


@pytest.mark.parametrize(("lang", "direction"), [("ur", "rtl"), ("pa", "ltr"), ("pl", "ltr")])
def test_the_headline_starts_on_the_side_its_script_is_read_from(files: dict[str, bytes], lang: str,
                                                                   direction: str) -> None:
    width, left, right = shortest_line(files, f"{lang}/hate-crime-awareness-week/images/post-4-1200x630.png")
    margin = width // 15
    if direction == "rtl":
        assert abs(right - (width - margin)) < 12 and left > margin + 100, (left, right)
    else:
        assert abs(left - margin) < 12 and right < width - margin - 100, (left, right)


def test_a_translated_post_too_long_is_reported_at_its_line(tmp_path: Path) -> None:
    root = copy_default_site(tmp_path / "site")
    page = root / "content" / "pages" / "hate-crime-awareness-week.pl.md"
    source = page.read_text().replace("Przestępstwo z nienawiści nigdy", "Bardzo długi wpis. " * 8 + "Nigdy", 1)
    page.write_text(source)
    with pytest.raises(BuildFailed) as failure:
        build(root, BuildOptions(today=WEEK_DAY))
    found = [p for p in failure.value.problems if p.field == "messages[0].text"]
    assert len(found) == 1 and found[0].severity == "error"
    assert found[0].position.path == "content/pages/hate-crime-awareness-week.pl.md"
    assert "the limit is 280" in found[0].message
    lines = source.splitlines()[found[0].position.line - 1:]
    assert "- text:" in lines[0] and "Bardzo długi wpis." in lines[1]  # the field, then its folded text


def test_messages_belong_only_to_a_translation_of_the_campaign_page(tmp_path: Path) -> None:
    root = copy_default_site(tmp_path / "site")
    page = root / "content" / "pages" / "support.pl.md"
    page.write_text(page.read_text().replace("reviewed: false\n", "reviewed: false\nmessages:\n"
                                             "  - text: Zgłoś to.\n    image_text: Zgłoś to\n", 1))
    with pytest.raises(BuildFailed) as failure:
        build(root, BuildOptions(today=WEEK_DAY))
    found = [p for p in failure.value.problems if p.field == "messages"]
    assert [p.position.path for p in found] == ["content/pages/support.pl.md"]


def test_a_translation_with_a_message_missing_is_warned_about(tmp_path: Path) -> None:
    root = copy_default_site(tmp_path / "site")
    page = root / "content" / "pages" / "hate-crime-awareness-week.ro.md"
    source = page.read_text()
    start = source.index("  - text: >-\n      Infracțiunea motivată de ură poate")
    page.write_text(source[:start] + source[source.index("---\n## ", start):])
    output = build(root, BuildOptions(today=WEEK_DAY))
    found = [p for p in output.problems.items if p.field == "messages"]
    assert len(found) == 1 and found[0].severity == "warning" and "has 5 ready-to-post messages" in found[0].message
    assert len(json.loads(output.files["ro/hate-crime-awareness-week/kit.json"])["posts"]) == 5
