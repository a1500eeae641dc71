"""Hate Crime Awareness Week: the week's dates, its season on the site, and the ready-to-post kit.

Pure functions of the site settings and the build date: campaign_pages.py turns them into pages and files.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass

from babel import dates

from . import routes
from .errors import Problems
from .interface import Interface
from .models import Campaign, CampaignMessage
from .readability import grade_level
from .schedule import next_awareness_week

# the national week's own tags, on every post; the site adds its local one (campaign.local_hashtag)
NATIONAL_HASHTAGS = ("#NationalHCAW", "#WeStandTogether")
SEASON_DAYS = 28  # the banner shows from four weeks before the week to its last day
POST_LIMIT = 280  # the shortest limit of the platforms residents use most
READING_GRADE = 6.0  # reading age 11: posts are read in a second, between other posts
IMAGE_SIZES = ((1200, 630), (1080, 1080), (1080, 1920))  # link previews, feed posts, stories
IMAGE_USES = {(1200, 630): "link previews", (1080, 1080): "feed posts", (1080, 1920): "stories"}
TEMPLATE = "campaign"  # the page template of the campaign page: its address is the page's own


@dataclass(frozen=True, slots=True)
class Season:
    starts: dt.date
    ends: dt.date
    today: dt.date

    @property
    def opens(self) -> dt.date:
        return self.starts - dt.timedelta(days=SEASON_DAYS)

    @property
    def in_season(self) -> bool:
        return self.opens <= self.today <= self.ends

    @property
    def running(self) -> bool:
        return self.starts <= self.today <= self.ends


def week_dates(week: Season, ui: Interface) -> str:
    """10 to 17 October 2026; 29 September to 6 October 2027 when the week spans two months: in each language."""
    if (week.starts.year, week.starts.month) == (week.ends.year, week.ends.month):
        first = dates.format_date(week.starts, "d", locale=ui.locale)
    else:
        first = dates.format_skeleton("MMMMd", week.starts, locale=ui.locale)
    return ui.gettext("%(first)s to %(last)s") % {"first": first, "last": ui.short_date(week.ends)}


def season(today: dt.date, campaign: Campaign | None) -> Season:
    """The next week (or the one running now) from the rule, or the dates the editor set in site.yaml."""
    starts, ends = next_awareness_week(today, campaign)
    return Season(starts, ends, today)


@dataclass(frozen=True, slots=True)
class KitImage:
    path: str  # a path on this site
    width: int
    height: int
    image_text: str
    use: str


@dataclass(frozen=True, slots=True)
class KitPost:
    text: str
    alt: str
    images: tuple[KitImage, ...]

    @property
    def length(self) -> int:
        return len(self.text)


def hashtags(campaign: Campaign) -> tuple[str, ...]:
    return NATIONAL_HASHTAGS + ((campaign.local_hashtag,) if campaign.local_hashtag else ())


def post_text(message: CampaignMessage, link: str, tags: tuple[str, ...]) -> str:
    return " ".join((message.text, link, *tags))


@dataclass(frozen=True, slots=True)
class Wording:
    """The kit's own words in one language: each image's call to action ("Report it: stophatewv.net") and the
    week's name and dates under it, and the alt text that says so."""

    ui: Interface
    cta: str
    label: str

    def alt(self, message: CampaignMessage) -> str:
        """Alt text says what the picture shows (its words), not what the post already says."""
        return self.ui.gettext('The words "%(words)s" in large letters. Under them: "%(cta)s" and "%(label)s".') % {
            "words": message.image_text, "cta": self.cta, "label": self.label}


def wording(ui: Interface, address: str, name: str, week: Season) -> Wording:
    """`address`: the site as people type it (no https://, no slash at the end); `name`: the week's, as the
    campaign page in this language calls it."""
    label = ui.gettext("%(name)s, %(dates)s") % {"name": name, "dates": week_dates(week, ui)}
    return Wording(ui, ui.gettext("Report it: %(address)s") % {"address": address}, label)


def kit_posts(messages: tuple[CampaignMessage, ...], page_url: str, tags: tuple[str, ...], words: Wording,
              link: Callable[[str], str]) -> tuple[KitPost, ...]:
    """The posts of one language's kit: `link` gives a message's link as the post writes it (absolute)."""
    return tuple(
        KitPost(
            text=post_text(message, link(message.link), tags),
            alt=words.alt(message),
            images=tuple(KitImage(routes.campaign_image(page_url, number, *size), *size, message.image_text,
                                  IMAGE_USES[size]) for size in IMAGE_SIZES),
        )
        for number, message in enumerate(messages, start=1))


def check_messages(messages: tuple[CampaignMessage, ...], tags: tuple[str, ...], link: Callable[[str], str],
                   where: str, problems: Problems, plain_english: bool = True) -> None:
    """Every post fits in 280 characters with its link and hashtags, and (in English) reads easily. `where` names
    the list in messages: campaign.messages, or messages in a translation's front matter."""
    for index, message in enumerate(messages):
        field = f"{where}[{index}].text"
        length = len(post_text(message, link(message.link), tags))
        if length > POST_LIMIT:
            problems.add(message.at("text"), field,
                         f"the post is {length} characters with its link and hashtags; the limit is {POST_LIMIT}",
                         f"make the text {length - POST_LIMIT} characters shorter")
        grade, words = grade_level(message.text)
        if plain_english and words >= 10 and grade > READING_GRADE:
            problems.add(message.at("text"), field,
                         f"the post reads at school grade {grade}, harder than {READING_GRADE:g}",
                         "use shorter sentences and shorter words", severity="warning")


def kit_json(posts: tuple[KitPost, ...], absolute: Callable[[str], str], poster: str, card: str,
             language: dict[str, str | bool]) -> bytes:
    """The kit for scheduling tools and partners: {"posts": [{"text", "alt", "images"}], "poster", "card"}, and
    the kit's language with whether a fluent speaker has checked it ({"lang": "pa", "reviewed": false})."""
    data = {
        "posts": [{"text": p.text, "alt": p.alt,
                   "images": [{"url": absolute(i.path), "width": i.width, "height": i.height} for i in p.images]}
                  for p in posts],
        "poster": absolute(poster),
        "card": absolute(card),
        **language,
    }
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode()
