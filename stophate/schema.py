"""Every source's schema, written once: used to validate content and to document it (docs/content-format.md)."""

from __future__ import annotations

from typing import Any

from . import fields as f
from .campaign_schema import MESSAGE
from .fields import Ctx, Field, Schema
from .language_tags import language_tag
from .localtext import PER_LANGUAGE, local_text, name_lang
from .models import (
    Address,
    Centre,
    Contact,
    Event,
    Location,
    MovedSession,
    OpeningHours,
    Schedule,
    Service,
    Surgery,
    Venue,
)
from .schedule import is_rule_date
from .sourcefile import Mapping, Node, Scalar, Sequence

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
ORDINALS = ("first", "second", "third", "fourth", "last")
ACCESS_FEATURES = ("step-free", "hearing-loop", "accessible-toilet", "parking", "quiet-room", "bsl")
weekday = f.choice(WEEKDAYS)

VERIFIED = Field("verified", f.boolean, default=False,
                 doc='true once someone has checked the facts with the organisation; false shows "check before '
                     'you travel"', example="true")
CHECKED = Field("checked", f.date, required=True, doc="the day the facts were last checked", example="2026-11-24")
ID = Field("id", f.slug, required=True, doc="a short name for web addresses: lower-case letters, numbers, hyphens",
           example="refugee-migrant-centre")


def _one_of(names: tuple[str, ...], values: dict[str, Any], node: Mapping, ctx: Ctx, what: str) -> None:
    given = [n for n in names if values.get(n) not in (None, ())]
    if len(given) != 1:
        ctx.report(node.pos, f"{what} needs exactly one of: {', '.join(names)}"
                   + (f" (found {', '.join(given)})" if given else ""),
                   f"keep just one, for example {names[0]}: ...")


def _check_contact(values: dict[str, Any], node: Mapping, ctx: Ctx) -> None:
    _one_of(("phone", "sms", "url", "email"), values, node, ctx, "a contact")


CONTACT = Schema("contact", (
    Field("label", local_text, required=True, doc="what the reader sees" + PER_LANGUAGE, example="Call 101"),
    Field("phone", f.phone, doc="a UK phone number, in quotes", example='"0808 168 9111"'),
    Field("sms", f.phone, doc="a number to text", example='"61016"'),
    Field("url", f.https_url, doc="a web address starting https://", example="https://www.report-it.org.uk/"),
    Field("email", f.email, doc="an e-mail address", example="help@example.org"),
    Field("note", local_text, doc="a short extra line, such as opening hours" + PER_LANGUAGE,
          example="8am to midnight"),
), Contact, _check_contact, doc="a contact with a label")

ADDRESS = Schema("address", (
    Field("lines", f.list_of(f.text), default=(), doc="street lines", example='["1st Floor, Roma Parva"]'),
    Field("town", f.text, doc="town or city", example="Wolverhampton"),
    Field("postcode", f.postcode, doc="UK postcode", example="WV1 1SH"),
), Address, doc="an address")

LOCATION = Schema("location", (
    Field("lat", f.within(f.number, -90, 90), required=True, doc="latitude", example="52.5862"),
    Field("lon", f.within(f.number, -180, 180), required=True, doc="longitude", example="-2.1288"),
), Location, doc="a map position with lat and lon")


def _check_hours(values: dict[str, Any], node: Mapping, ctx: Ctx) -> None:
    # closing at or before the opening time means the next day (18:00 to 03:00); only the same time is a slip
    if values["closes"] == values["opens"]:
        ctx.child("closes").report(f.field_position(node, "closes"), "it opens and closes at the same time",
                                   "check the times; a closing time earlier than the opening time means the next "
                                   "day, for example opens: \"18:00\" and closes: \"03:00\"")


OPENING_HOURS = Schema("opening hours", (
    Field("days", f.list_of(weekday), required=True, doc="days of the week", example="[Monday, Tuesday]"),
    Field("opens", f.time, required=True, doc="opening time", example='"09:00"'),
    Field("closes", f.time, required=True, doc="closing time", example='"17:00"'),
    Field("note", local_text, doc="for example: appointments only" + PER_LANGUAGE,
          example="Drop in, no appointment needed"),
), OpeningHours, _check_hours, doc="opening hours")


def _venue_from_mapping(pos: Any, name: str, address: tuple[str, ...], town: str | None, postcode: str | None,
                        location: Location | None, lang: str) -> Venue:
    has_address = address or town or postcode
    return Venue(name, Address(address, town, postcode, pos) if has_address else None, None, location, lang, pos)


VENUE_PLACE = Schema("venue", (
    Field("name", f.text, required=True, doc="name of the place", example="Citizens Advice"),
    Field("address", f.list_of(f.text), default=(), doc="street lines", example='["Snow Hill"]'),
    Field("town", f.text, doc="town", example="Wolverhampton"),
    Field("postcode", f.postcode, doc="postcode", example="WV1 1SH"),
    Field("location", f.record(LOCATION), doc="map position", example="{lat: 52.58, lon: -2.12}"),
    name_lang("name"),
), _venue_from_mapping, doc="a venue")


def venue(node: Node, ctx: Ctx) -> Venue:
    """A venue is a reporting centre's id (resolved later) or a place written out."""
    if isinstance(node, Scalar):
        return Venue(name="", centre_id=f.slug(node, ctx), pos=node.pos)
    return f.build_record(node, VENUE_PLACE, ctx)


def monthly(node: Node, ctx: Ctx) -> tuple[str, str]:
    value = f.scalar_text(node, "a week and a day")
    words = value.split()
    hint = "write which week and which day, for example: first Tuesday, or last Friday"
    if len(words) != 2:
        raise f.FieldError(f'expected a week and a day like "first Tuesday", got "{value}"', hint)
    ordinal = f.choice(ORDINALS)(Scalar(words[0], node.pos), ctx)
    day = weekday(Scalar(words[1], node.pos), ctx)
    return ordinal, day


MOVED = Schema("moved session", (
    Field("date", f.date, required=True, doc="the usual date of the session", example="2026-12-22"),
    Field("to", f.date, required=True, doc="the new date", example="2026-12-23"),
    Field("venue", venue, doc="a different venue for this session", example="refugee-migrant-centre"),
    Field("starts", f.time, doc="a different start time", example='"14:00"'),
    Field("ends", f.time, doc="a different end time", example='"16:00"'),
), MovedSession, doc="a moved session")


def _check_schedule(values: dict[str, Any], node: Mapping, ctx: Ctx) -> None:
    before = len(ctx.problems.errors)
    _one_of(("weekly", "monthly", "fortnightly", "dates"), values, node, ctx, "a schedule")
    # an end at or before the start is on the next day (23:30 to 00:30); only the same time is a slip
    if values["ends"] == values["starts"]:
        ctx.child("ends").report(f.field_position(node, "ends"), "the session starts and ends at the same time",
                                 "check the times; an end earlier than the start means the next day, for example "
                                 "starts: \"23:30\" and ends: \"00:30\"")
    if values["fortnightly"] and not values["first"]:
        ctx.child("first").report(node.pos, "a fortnightly schedule needs the date of its first session",
                                  "add a line first: 2026-01-06")
    if values["first"] and values["last"] and values["last"] < values["first"]:
        ctx.child("last").report(f.field_position(node, "last"), "the series ends before it starts",
                                 "'last' must be on or after 'first'")
    if values["fortnightly"] and values["first"] and f"{values['first']:%A}" != values["fortnightly"]:
        ctx.child("first").report(f.field_position(node, "first"),
                                  f"the first session is a {values['first']:%A}, but the schedule says "
                                  f"{values['fortnightly']}",
                                  f"make 'first' the date of the first {values['fortnightly']} session")
    if len(ctx.problems.errors) == before:  # the dates can only be judged against a sound rule
        _check_schedule_dates(values, node, ctx)


def _check_schedule_dates(values: dict[str, Any], node: Mapping, ctx: Ctx) -> None:
    """A cancelled or moved date must be one the schedule gives, or the editor has the wrong day."""
    schedule = Schedule(pos=node.pos, **values)
    hint = "check the date: it must be one on which the surgery would normally run"
    items = node.get("cancelled")
    for index, day in enumerate(schedule.cancelled):
        if not is_rule_date(schedule, day):
            at = items.items[index].pos if isinstance(items, Sequence) else f.field_position(node, "cancelled")
            ctx.child("cancelled").child(index).report(at, f"{day:%A} {day.isoformat()} is not a session date", hint)
    items = node.get("moved")
    for index, move in enumerate(schedule.moved):
        where = ctx.child("moved").child(index)
        if not is_rule_date(schedule, move.date):
            where.report(move.pos, f"{move.date:%A} {move.date.isoformat()} is not a session date", hint)
        if move.date in schedule.cancelled:
            where.report(move.pos, f"{move.date.isoformat()} is both cancelled and moved",
                         "keep it in 'cancelled' if it is off, or in 'moved' if it happens on another day")


SCHEDULE = Schema("schedule", (
    Field("weekly", weekday, doc="every week on this day", example="Tuesday"),
    Field("monthly", monthly, doc="once a month", example="first Tuesday"),
    Field("fortnightly", weekday, doc="every other week on this day, counted from 'first'", example="Tuesday"),
    Field("dates", f.list_of(f.date), default=(), doc="one-off dates", example="[2026-12-01, 2027-01-12]"),
    Field("starts", f.time, required=True, doc="start time", example='"10:00"'),
    Field("ends", f.time, required=True, doc="end time", example='"12:00"'),
    Field("first", f.date, doc="the date of the first session in the series", example="2026-01-06"),
    Field("last", f.date, doc="the date of the last session in the series", example="2027-07-27"),
    Field("cancelled", f.list_of(f.date), default=(), doc="dates with no session", example="[2026-12-29]"),
    Field("moved", f.list_of(f.record(MOVED)), default=(), doc="sessions moved to another day or venue",
          example="[{date: 2026-12-22, to: 2026-12-23}]"),
    Field("skip_bank_holidays", f.boolean, default=False, doc="no session on bank holidays in England and Wales",
          example="true"),
), Schedule, _check_schedule, doc="a schedule")

SURGERY = Schema("surgery", (
    ID,
    Field("title", f.text, required=True, doc="name of the surgery", example="Hate Crime Surgery at Citizens Advice"),
    Field("venue", venue, required=True, doc="a centre id, or a place with name, address, town, postcode",
          example="refugee-migrant-centre"),
    Field("summary", local_text, default="", doc="one or two sentences" + PER_LANGUAGE,
          example="Talk to a police officer in private."),
    Field("schedule", f.record(SCHEDULE), doc="when it runs; leave out while dates are not confirmed",
          example="{weekly: Tuesday, starts: '10:00', ends: '12:00'}"),
    VERIFIED, CHECKED, name_lang("title"),
), Surgery, doc="a surgery")


def _check_event(values: dict[str, Any], node: Mapping, ctx: Ctx) -> None:
    starts, ends = values["starts"], values["ends"]
    if ends is None:
        return
    if (starts[1] is None) != (ends[1] is None):
        ctx.child("ends").report(f.field_position(node, "ends"),
                                 "'starts' and 'ends' must both have a time, or both be dates only",
                                 "write 2026-10-10 and 2026-10-17 for all-day, or add times to both")
    elif (ends[0], ends[1] or starts[1]) < (starts[0], starts[1]) or (ends == starts and starts[1] is not None):
        ctx.child("ends").report(f.field_position(node, "ends"), "the event ends before it starts",
                                 "'ends' must be later than 'starts'")


EVENT = Schema("event", (
    ID,
    Field("title", f.text, required=True, doc="name of the event", example="Hate Crime Awareness Week 2027"),
    Field("starts", f.date_or_datetime, required=True, doc="a date (all day) or a date and time",
          example="2027-10-09 10:00"),
    Field("ends", f.date_or_datetime, doc="when it ends (same form as starts)", example="2027-10-09 12:00"),
    Field("summary", local_text, default="", doc="one or two sentences" + PER_LANGUAGE,
          example="Come and meet local groups."),
    Field("venue", venue, doc="where it is: a place written out with name and town (address and postcode if you "
          "have them), or the id of a centre in centres.yaml", example="{name: Central Library, town: Wolverhampton}"),
    Field("online", f.https_url, doc="the link for an online event", example="https://example.org/join"),
    Field("booking", f.https_url, doc="where to book", example="https://example.org/book"),
    Field("cost", local_text, doc="what it costs; left out, no cost is shown" + PER_LANGUAGE, example="Free"),
    Field("access", local_text, doc="access information" + PER_LANGUAGE, example="Step-free entrance, hearing loop"),
    Field("campaign", f.boolean, default=False, doc="part of the site's campaign (Hate Crime Awareness Week)",
          example="true"),
    Field("cancelled", f.boolean, default=False, doc="the event will not happen", example="true"),
    Field("moved_from", f.date_or_datetime, doc="when it was going to start, if it has been moved to a new date",
          example="2027-10-02 10:00"),
    VERIFIED, CHECKED, name_lang("title"),
), Event, _check_event, doc="an event")

def _check_centre(values: dict[str, Any], node: Mapping, ctx: Ctx) -> None:
    # residents travel to a verified centre, so its address must be complete; unverified ones say "check first"
    address = values.get("address")
    if values.get("verified") and address is not None and not address.postcode:
        ctx.child("address").child("postcode").report(
            f.field_position(node, "address"), "a verified centre needs a postcode",
            "add postcode: WV1 1SH (the centre's real one) under address, or set verified: false")


CENTRE = Schema("centre", (
    ID,
    Field("name", f.text, required=True, doc="name of the centre", example="The Refugee and Migrant Centre"),
    Field("summary", local_text, required=True, doc="one or two plain sentences" + PER_LANGUAGE,
          example="Help in many languages."),
    Field("address", f.record(ADDRESS), doc="lines, town, postcode", example='{town: Wolverhampton}'),
    Field("phone", f.phone, doc="UK phone number, in quotes", example='"0808 1689 111"'),
    Field("email", f.email, doc="e-mail address", example="help@example.org"),
    Field("website", f.https_url, doc="web address", example="https://example.org/"),
    Field("languages", f.list_of(f.text), default=(), doc="languages spoken", example="[English, Panjabi]"),
    Field("access", f.list_of(f.choice(ACCESS_FEATURES)), default=(), doc="access features",
          example="[step-free, hearing-loop]"),
    Field("opening_hours", f.list_of(f.record(OPENING_HOURS)), default=(), doc="when it is open",
          example='[{days: [Monday], opens: "09:00", closes: "17:00"}]'),
    Field("location", f.record(LOCATION), doc="map position", example="{lat: 52.5862, lon: -2.1288}"),
    VERIFIED, CHECKED, name_lang("name"),
), Centre, _check_centre, doc="a reporting centre")

SERVICE = Schema("service", (
    ID,
    Field("name", f.text, required=True, doc="name of the service", example="Victim Support"),
    Field("summary", local_text, required=True, doc="what it does, in one or two sentences" + PER_LANGUAGE,
          example="Free, private help after any crime."),
    Field("for", local_text, attr="who", doc="who it is for" + PER_LANGUAGE, example="Anyone affected by crime"),
    Field("contacts", f.list_of(f.record(CONTACT)), default=(), doc="how to reach it",
          example='[{label: Supportline, phone: "0808 168 9111"}]'),
    VERIFIED, CHECKED, name_lang("name"),
), Service, doc="a support service")

PAGE_TEMPLATES = ("page", "home", "report", "support", "centres", "surgeries", "events", "posts", "contact",
                  "campaign")


def _image_alt_required(values: dict[str, Any], node: Mapping, ctx: Ctx) -> None:
    if values.get("image") and not values.get("image_alt"):
        ctx.child("image_alt").report(f.field_position(node, "image"), "the image has no alt text",
                                      "add image_alt: a short description of what the picture shows")


FRONT_MATTER = Schema("front matter", (
    Field("title", f.text, required=True, doc="the page's heading and title", example="How to report hate crime"),
    Field("summary", f.text, default="", doc="one sentence for listings, search results and share cards",
          example="All the ways to report."),
    Field("template", f.choice(PAGE_TEMPLATES), default="page", doc="page layout", example="report"),
    Field("slug", f.page_slug, example="report",
          doc="web address (default: the file name): lower-case letters of any language, numbers, hyphens"),
    Field("date", f.date, doc="publication date (posts)", example="2026-10-01"),
    Field("updated", f.date, doc="last updated", example="2026-11-24"),
    Field("draft", f.boolean, default=False, doc="true keeps it out of the published site", example="true"),
    Field("campaign", f.boolean, default=False, doc="part of the campaign", example="true"),
    Field("image", f.site_file, doc="share image path inside static/", example="/images/hcaw.png"),
    Field("image_alt", f.text, doc="what the image shows", example="People holding a banner"),
    Field("centres", f.list_of(f.slug), default=(), doc="ids of reporting centres this page is about",
          example="[refugee-migrant-centre]"),
    Field("lang", language_tag, doc="the page's language, when it is not the site's (a translation's comes "
          "from its file name: report.pa.md)", example="ur"),
    Field("translated_from", f.text, doc="a translation: the version of the page it translates, as build.py "
          "check prints it", example="3f9a0c1b7e"),
    Field("reviewed", f.boolean, default=False, doc="a translation: true once a fluent speaker has checked it",
          example="true"),
    Field("easy_read_of", f.slug, doc="makes this page the easy read version of the page with this slug: it is "
          "published at that page's address plus easy-read/, linked from the top of that page, and checked more "
          "strictly for short sentences and a picture beside each idea", example="report"),
    Field("messages", f.list_of(f.record(MESSAGE)), default=(), doc="a translation of the campaign page: the "
          "ready-to-post messages of site.yaml's campaign, in the same order, in the page's language (links go to "
          "the page in that language where there is one)", example="[{text: ..., image_text: ...}]"),
), lambda pos, **values: dict(values, pos=pos), _image_alt_required, doc="front matter")

LISTING_SCHEMAS = (SERVICE, CENTRE, ADDRESS, OPENING_HOURS, LOCATION, SURGERY, VENUE_PLACE, SCHEDULE, MOVED, EVENT,
                   FRONT_MATTER)
