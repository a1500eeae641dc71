"""iCalendar files (RFC 5545): surgeries.ics, events.ics and one .ics per event.

Each session is written out as its own VEVENT rather than as an RRULE: bank holidays, cancellations and moved
sessions are already resolved by `schedule`, and calendar apps disagree on RRULE exceptions far more than on
plain events. A session's UID is built from its surgery and its date in the schedule, so a moved session keeps
its UID and calendars that subscribed update it instead of showing it twice. Times are written in
Europe/London with a VTIMEZONE, so a 10:00 surgery stays at 10:00 in winter and in summer.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from urllib.parse import urlsplit

import icalendar

from .. import routes
from ..interface import Interface
from ..localtext import in_language
from ..models import Event, Occurrence, Site, Surgery, Venue
from ..schedule import LONDON, clock_change, event_span

Absolute = Callable[[str], str]
TZID = "Europe/London"


def uid_domain(site: Site) -> str:
    """The part after @ in every UID: the site's host and sub-folder, so two sites on one host never clash."""
    parts = urlsplit(site.base_url)
    return parts.netloc + site.base_path.rstrip("/")


def surgery_uid(site: Site, occurrence: Occurrence) -> str:
    return f"surgery-{occurrence.surgery_id}-{occurrence.original_date:%Y%m%d}@{uid_domain(site)}"


def event_uid(site: Site, event: Event) -> str:
    return f"event-{event.id}@{uid_domain(site)}"


def london_timezone() -> icalendar.Timezone:
    """Europe/London as a VTIMEZONE with yearly rules: last Sunday of March and of October, valid past 2038."""
    zone = icalendar.Timezone()
    zone.add("tzid", TZID)
    for kind, month, start, offset_from, offset_to, name in (
        (icalendar.TimezoneDaylight, 3, dt.datetime(1970, 3, 29, 1, 0), 0, 1, "BST"),
        (icalendar.TimezoneStandard, 10, dt.datetime(1970, 10, 25, 2, 0), 1, 0, "GMT"),
    ):
        part = kind()
        part.add("dtstart", start)
        part.add("tzoffsetfrom", dt.timedelta(hours=offset_from))
        part.add("tzoffsetto", dt.timedelta(hours=offset_to))
        part.add("tzname", name)
        part.add("rrule", {"freq": "yearly", "bymonth": month, "byday": "-1su"})
        zone.add_component(part)
    return zone


def _calendar(site: Site, name: str, absolute: Absolute, path: str) -> icalendar.Calendar:
    cal = icalendar.Calendar()
    cal.add("prodid", f"-//{site.name}//Stop Hate site builder//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("name", name)
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", TZID)
    cal.add("source", absolute(path), parameters={"VALUE": "URI"})
    cal.add("refresh-interval", dt.timedelta(days=1), parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", "P1D")
    cal.add_component(london_timezone())
    return cal


def _stamp(today: dt.date) -> dt.datetime:
    # the build date, not the clock: the same content and --today give byte-identical calendars
    return dt.datetime.combine(today, dt.time(), tzinfo=dt.UTC)


def _london(value: dt.datetime) -> dt.datetime:
    """London time with its VTIMEZONE; in UTC when the wall time happens twice and this is the second, since
    RFC 5545 reads a repeated local time as the first."""
    local = value.astimezone(LONDON)
    if local.fold and clock_change(local.date(), local.time().replace(fold=0)) == "fold":
        return value.astimezone(dt.UTC)
    return local


def venue_text(venue: Venue) -> str:
    return ", ".join([venue.name, *(venue.address.parts() if venue.address else ())])


def _add_geo(vevent: icalendar.Event, venue: Venue | None) -> None:
    if venue is not None and venue.location is not None:
        vevent.add("geo", (venue.location.lat, venue.location.lon))


def surgeries_calendar(site: Site, surgeries: Iterable[Surgery], sessions: Iterable[Occurrence],
                       absolute: Absolute, today: dt.date, ui: Interface, lang: str = "") -> bytes:
    """Every session, in one language: its interface's words, the listings' text in it where given (`lang`:
    the language's URL code, for the addresses of its pages)."""
    gettext = ui.gettext
    by_id = {s.id: s for s in surgeries}
    cal = _calendar(site, gettext("%(site)s: Hate Crime Surgeries") % {"site": site.name}, absolute,
                    routes.calendar("surgeries", lang))
    for session in sessions:
        surgery = by_id[session.surgery_id]
        vevent = icalendar.Event()
        vevent.add("uid", surgery_uid(site, session))
        vevent.add("dtstamp", _stamp(today))
        vevent.add("dtstart", _london(session.starts))
        vevent.add("dtend", _london(session.ends))
        vevent.add("summary", surgery.title)
        lines = [in_language(surgery.summary, ui.code)[0]] if surgery.summary else []
        if session.moved_from:
            lines.append(gettext("Moved from %(date)s.") % {"date": ui.long_date(session.moved_from)})
        if not surgery.verified:
            lines.append(gettext("Details not yet confirmed: check before you travel."))
        if lines:
            vevent.add("description", "\n\n".join(lines))
        vevent.add("location", venue_text(session.venue))
        _add_geo(vevent, session.venue)
        vevent.add("url", absolute(routes.surgeries(lang)), parameters={"VALUE": "URI"})
        vevent.add("status", "CANCELLED" if session.cancelled else "CONFIRMED" if surgery.verified else "TENTATIVE")
        vevent.add("sequence", 1 if session.cancelled or session.moved_from else 0)
        vevent.add("transp", "OPAQUE")
        cal.add_component(vevent)
    return cal.to_ical()


def _event_component(site: Site, event: Event, absolute: Absolute, today: dt.date,
                     ui: Interface, lang: str) -> icalendar.Event:
    gettext = ui.gettext
    vevent = icalendar.Event()
    vevent.add("uid", event_uid(site, event))
    vevent.add("dtstamp", _stamp(today))
    start_day, start_time = event.starts
    if start_time is None:
        # all day: DTEND is the day after the last day (RFC 5545 3.6.1), so a one-day event spans one date
        vevent.add("dtstart", start_day)
        vevent.add("dtend", event.last_day + dt.timedelta(days=1))
        vevent.add("transp", "TRANSPARENT")
    else:
        start, end = event_span(event)
        vevent.add("dtstart", _london(start))
        if end is not None:
            vevent.add("dtend", _london(end))
        vevent.add("transp", "OPAQUE")
    vevent.add("summary", event.title)
    lines = [in_language(event.summary, ui.code)[0]] if event.summary else []
    if event.cost:
        lines.append(gettext("Cost: %(cost)s") % {"cost": in_language(event.cost, ui.code)[0]})
    if event.booking:
        lines.append(gettext("Book a place: %(url)s") % {"url": event.booking})
    if event.online:
        lines.append(gettext("Join online: %(url)s") % {"url": event.online})
    if event.access:
        lines.append(gettext("Access: %(access)s") % {"access": in_language(event.access, ui.code)[0]})
    if not event.verified:
        lines.append(gettext("Details not yet confirmed: check before you go."))
    if lines:
        vevent.add("description", "\n\n".join(lines))
    if event.venue is not None:
        vevent.add("location", venue_text(event.venue))
        _add_geo(vevent, event.venue)
    elif event.online:
        vevent.add("location", event.online)
    vevent.add("url", absolute(routes.event(event.id, lang)), parameters={"VALUE": "URI"})
    vevent.add("status", "CANCELLED" if event.cancelled else "CONFIRMED" if event.verified else "TENTATIVE")
    vevent.add("sequence", 1 if event.cancelled or event.moved_from else 0)
    if event.campaign and site.campaign:
        vevent.add("categories", [site.campaign.name])
    return vevent


def events_calendar(site: Site, events: Iterable[Event], absolute: Absolute, today: dt.date,
                    ui: Interface, lang: str = "") -> bytes:
    cal = _calendar(site, ui.gettext("%(site)s: Events") % {"site": site.name}, absolute,
                    routes.calendar("events", lang))
    for event in events:
        cal.add_component(_event_component(site, event, absolute, today, ui, lang))
    return cal.to_ical()


def event_calendar(site: Site, event: Event, absolute: Absolute, today: dt.date, ui: Interface,
                   lang: str = "") -> bytes:
    """The "Add to calendar" file of one event page, in one language."""
    cal = _calendar(site, event.title, absolute, routes.event_calendar(event.id, lang))
    cal.add_component(_event_component(site, event, absolute, today, ui, lang))
    return cal.to_ical()
