"""The content, as frozen dataclasses. Templates receive these (via params), never raw YAML."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from .errors import Position, Problem

NOWHERE = Position("")
FieldPositions = tuple[tuple[str, Position], ...]


class Located:
    """A record that remembers where each of its fields was written, so a later cross-check can point at the
    value itself rather than at the start of the record."""

    __slots__ = ()
    fields: FieldPositions
    pos: Position

    def at(self, name: str) -> Position:
        """Where a field was written; the start of the record when it is absent."""
        return next((pos for key, pos in self.fields if key == name), self.pos)


@dataclass(frozen=True, slots=True)
class Contact:
    label: str
    phone: str | None = None
    sms: str | None = None
    url: str | None = None
    email: str | None = None
    note: str | None = None
    pos: Position = NOWHERE


@dataclass(frozen=True, slots=True)
class ReportRoute(Located):
    id: str
    title: str
    when: str
    next: str
    contacts: tuple[Contact, ...] = ()
    emergency: bool = False
    page: str | None = None  # a page of this site with more, such as /centres/
    page_text: str | None = None
    verified: bool = True
    checked: dt.date | None = None
    fields: FieldPositions = ()
    pos: Position = NOWHERE


@dataclass(frozen=True, slots=True)
class NavLink(Located):
    title: str
    url: str
    fields: FieldPositions = ()
    pos: Position = NOWHERE


@dataclass(frozen=True, slots=True)
class CampaignMessage(Located):
    """A ready-to-post message of the campaign kit: its link and hashtags are added by the builder."""

    text: str
    image_text: str  # the few large words on its share image
    link: str = "/report/"
    fields: FieldPositions = ()
    pos: Position = NOWHERE


@dataclass(frozen=True, slots=True)
class Campaign:
    name: str
    hashtags: tuple[str, ...] = ()
    starts: dt.date | None = None  # override of the computed week
    ends: dt.date | None = None
    local_hashtag: str | None = None
    messages: tuple[CampaignMessage, ...] = ()
    pos: Position = NOWHERE


@dataclass(frozen=True, slots=True)
class Language:
    """One language of the site. The first in site.yaml is the default, published at the site's root."""

    code: str  # a BCP 47 tag, checked against CLDR: en-GB, pa, ur
    name: str = ""  # its own name (ਪੰਜਾਬੀ, Polski); config fills it from CLDR when not written
    dir: str = ""  # ltr or rtl; config fills it from CLDR when not written
    reviewed: bool = False  # a fluent speaker has checked the translation
    pos: Position = NOWHERE


@dataclass(frozen=True, slots=True)
class Council:
    """Who residents contact about the site, the centres and the surgeries: only details confirmed at `source`."""

    name: str
    source: str  # where the details were read, so the next person can check them again
    checked: dt.date
    team: str | None = None
    address: Address | None = None
    phone: str | None = None
    email: str | None = None
    website: str | None = None
    verified: bool = False
    pos: Position = NOWHERE


@dataclass(frozen=True, slots=True)
class Site:
    name: str
    base_url: str
    tagline: str = ""
    language: str = "en-GB"
    area: str = ""
    police_force: str = ""
    exit_url: str = "https://www.bbc.co.uk/weather"
    partners: tuple[str, ...] = ()
    nav: tuple[NavLink, ...] = ()
    report_routes: tuple[ReportRoute, ...] = ()
    campaign: Campaign | None = None
    council: Council | None = None
    reading_grade: float = 9.0
    languages: tuple[Language, ...] = ()  # config always makes at least one: the default language
    pos: Position = NOWHERE

    @property
    def base_path(self) -> str:
        """The path part of the base URL, always starting and ending with /."""
        from urllib.parse import urlsplit

        path = urlsplit(self.base_url).path or "/"
        return path if path.endswith("/") else path + "/"


@dataclass(frozen=True, slots=True)
class Service:
    id: str
    name: str
    summary: str
    contacts: tuple[Contact, ...] = ()
    who: str | None = None
    verified: bool = True
    checked: dt.date | None = None
    lang: str = ""  # the language its name is written in, when not the site's (a name in another script)
    pos: Position = NOWHERE


@dataclass(frozen=True, slots=True)
class Address:
    lines: tuple[str, ...] = ()
    town: str | None = None
    postcode: str | None = None
    pos: Position = NOWHERE

    def parts(self) -> tuple[str, ...]:
        return tuple(p for p in (*self.lines, self.town, self.postcode) if p)


@dataclass(frozen=True, slots=True)
class OpeningHours:
    days: tuple[str, ...]
    opens: dt.time
    closes: dt.time
    note: str | None = None
    pos: Position = NOWHERE


@dataclass(frozen=True, slots=True)
class Location:
    lat: float
    lon: float
    pos: Position = NOWHERE


@dataclass(frozen=True, slots=True)
class Centre:
    id: str
    name: str
    summary: str
    address: Address | None = None
    phone: str | None = None
    email: str | None = None
    website: str | None = None
    languages: tuple[str, ...] = ()
    access: tuple[str, ...] = ()
    opening_hours: tuple[OpeningHours, ...] = ()
    location: Location | None = None
    verified: bool = False
    checked: dt.date | None = None
    lang: str = ""  # the language its name is written in, when not the site's (a name in another script)
    pos: Position = NOWHERE

    @property
    def district(self) -> str:
        """The postcode district (WV1), the area residents filter by; empty without a postcode."""
        postcode = self.address.postcode if self.address else None
        return postcode.split()[0] if postcode else ""


@dataclass(frozen=True, slots=True)
class Venue:
    """Where something happens: a reporting centre (by id) or a place written out."""

    name: str
    address: Address | None = None
    centre_id: str | None = None
    location: Location | None = None
    lang: str = ""  # the language its name is written in, when not the site's (a name in another script)
    pos: Position = NOWHERE


@dataclass(frozen=True, slots=True)
class MovedSession:
    date: dt.date
    to: dt.date
    venue: Venue | None = None
    starts: dt.time | None = None
    ends: dt.time | None = None
    pos: Position = NOWHERE


@dataclass(frozen=True, slots=True)
class Schedule:
    """Plain-words recurrence: exactly one of weekly / monthly / fortnightly / dates."""

    starts: dt.time
    ends: dt.time
    weekly: str | None = None  # a weekday name
    monthly: tuple[str, str] | None = None  # (ordinal, weekday): ("first", "Tuesday")
    fortnightly: str | None = None
    dates: tuple[dt.date, ...] = ()
    first: dt.date | None = None  # series start (fortnightly counts from here)
    last: dt.date | None = None
    cancelled: tuple[dt.date, ...] = ()
    moved: tuple[MovedSession, ...] = ()
    skip_bank_holidays: bool = False
    pos: Position = NOWHERE


@dataclass(frozen=True, slots=True)
class Surgery:
    id: str
    title: str
    venue: Venue
    summary: str = ""
    schedule: Schedule | None = None
    verified: bool = False
    checked: dt.date | None = None
    lang: str = ""  # the language its title is written in, when not the site's
    pos: Position = NOWHERE


@dataclass(frozen=True, slots=True)
class Event:
    id: str
    title: str
    starts: tuple[dt.date, dt.time | None]
    summary: str = ""
    ends: tuple[dt.date, dt.time | None] | None = None
    venue: Venue | None = None
    online: str | None = None
    booking: str | None = None
    cost: str | None = None  # left out unless the content gives it: never guessed
    access: str | None = None
    campaign: bool = False
    cancelled: bool = False
    moved_from: tuple[dt.date, dt.time | None] | None = None  # the start it had before it was rescheduled
    verified: bool = False
    checked: dt.date | None = None
    lang: str = ""  # the language its title is written in, when not the site's
    pos: Position = NOWHERE

    @property
    def all_day(self) -> bool:
        return self.starts[1] is None

    @property
    def first_day(self) -> dt.date:
        return self.starts[0]

    @property
    def last_day(self) -> dt.date:
        return self.ends[0] if self.ends else self.starts[0]


@dataclass(frozen=True, slots=True)
class Occurrence:
    """One dated session of a surgery, resolved against the build date."""

    surgery_id: str
    date: dt.date
    starts: dt.datetime  # aware, Europe/London
    ends: dt.datetime
    venue: Venue
    moved_from: dt.date | None = None
    cancelled: bool = False  # kept so calendars that imported the session can drop it
    clock: str = ""  # "gap" or "fold" when a time written for it is skipped or repeated by a clock change

    @property
    def original_date(self) -> dt.date:
        """The date the session had in the schedule: stays the same when it moves, so its calendar UID does."""
        return self.moved_from or self.date


@dataclass(frozen=True, slots=True)
class Heading:
    level: int
    id: str
    text: str


@dataclass(frozen=True, slots=True)
class Page(Located):
    """A Markdown page or post after parsing; body_html is already safe."""

    source: str  # path relative to the content root
    slug: str
    url: str  # site path such as /report/ (without the base path)
    title: str
    summary: str
    body_html: str
    template: str = "page"
    is_post: bool = False
    date: dt.date | None = None
    updated: dt.date | None = None
    draft: bool = False
    campaign: bool = False
    image: str | None = None
    image_alt: str | None = None
    headings: tuple[Heading, ...] = ()
    links: tuple[tuple[str, Position], ...] = field(default=())  # internal links, checked after all pages load
    words: int = 0
    digest: str = ""  # of the source file's path, bytes and base path: all this page is made from
    centres: tuple[str, ...] = ()  # ids of related reporting centres, checked against centres.yaml
    lang: str = ""  # its language when not the site's: from the file name (report.pa.md) or front matter lang
    translation_of: str = ""  # the source file a translation translates (content/pages/report.md)
    translated_from: str = ""  # the version of that source it was made from (translated.py)
    reviewed: bool = False  # a translation a fluent speaker has checked
    version: str = ""  # this file's own version, as its translations record it
    easy_read_of: str | None = None  # the slug of the page this one retells in easy read (stricter checks)
    messages: tuple[CampaignMessage, ...] = ()  # a translated campaign page's ready-to-post messages
    fields: FieldPositions = ()  # where each front matter field was written, for messages
    pos: Position = NOWHERE

    @property
    def content_digest(self) -> str:
        """How the render cache knows this page without reading it all: it is made from its file alone."""
        return self.digest


Parsed = tuple[Page | None, list[Problem]]  # a Markdown file parsed: the Page (None when it has errors), its problems
