"""Hate Crime Awareness Week: the week's dates, its season on the site, and the ready-to-post kit.

Pure functions of the site settings and the build date: campaign_pages.py turns them into pages and files.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass

from . import routes
from .errors import Problems
from .models import Campaign, CampaignMessage, Site
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

    @property
    def dates(self) -> str:
        """10 to 17 October 2026; 29 September to 6 October 2027 when the week spans two months."""
        if self.starts.month == self.ends.month:
            return f"{self.starts.day} to {self.ends.day} {self.ends:%B %Y}"
        return f"{self.starts.day} {self.starts:%B} to {self.ends.day} {self.ends:%B %Y}"


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


def call_to_action(site: Site, absolute: Callable[[str], str]) -> str:
    """Report it: stophatewv.net (the address as people type it: no https://, no slash at the end)."""
    return f"Report it: {absolute('/').split('//', 1)[-1].rstrip('/')}"


def image_alt(message: CampaignMessage, cta: str, week: Season, campaign: Campaign) -> str:
    """Alt text says what the picture shows (its words), not what the post already says."""
    return (f'The words "{message.image_text}" in large letters. Under them: "{cta}" and '
            f'"{campaign.name}, {week.dates}".')


def kit_posts(site: Site, page_url: str, week: Season, absolute: Callable[[str], str]) -> tuple[KitPost, ...]:
    campaign = site.campaign
    if campaign is None:
        return ()
    tags, cta = hashtags(campaign), call_to_action(site, absolute)
    return tuple(
        KitPost(
            text=post_text(message, absolute(message.link), tags),
            alt=image_alt(message, cta, week, campaign),
            images=tuple(KitImage(routes.campaign_image(page_url, number, *size), *size, message.image_text,
                                  IMAGE_USES[size]) for size in IMAGE_SIZES),
        )
        for number, message in enumerate(campaign.messages, start=1))


def check_messages(site: Site, absolute: Callable[[str], str], problems: Problems) -> None:
    """Every post fits in 280 characters with its link and hashtags, and reads easily."""
    campaign = site.campaign
    if campaign is None:
        return
    tags = hashtags(campaign)
    for index, message in enumerate(campaign.messages):
        field = f"campaign.messages[{index}].text"
        length = len(post_text(message, absolute(message.link), tags))
        if length > POST_LIMIT:
            problems.add(message.at("text"), field,
                         f"the post is {length} characters with its link and hashtags; the limit is {POST_LIMIT}",
                         f"make the text {length - POST_LIMIT} characters shorter")
        grade, words = grade_level(message.text)
        if words >= 10 and grade > READING_GRADE:
            problems.add(message.at("text"), field,
                         f"the post reads at school grade {grade}, harder than {READING_GRADE:g}",
                         "use shorter sentences and shorter words", severity="warning")


def kit_json(posts: tuple[KitPost, ...], absolute: Callable[[str], str], poster: str, card: str) -> bytes:
    """The kit for scheduling tools and partners: {"posts": [{"text", "alt", "images"}], "poster", "card"}."""
    data = {
        "posts": [{"text": p.text, "alt": p.alt,
                   "images": [{"url": absolute(i.path), "width": i.width, "height": i.height} for i in p.images]}
                  for p in posts],
        "poster": absolute(poster),
        "card": absolute(card),
    }
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode()
