"""Models -> component params, in one language's words. Page templates call these, so components never see a model.

Every label here is a whole message in the catalogue (no message id is ever a variable), and every date and time
is formatted by the language's Interface.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Any
from urllib.parse import quote_plus, urlsplit

from . import routes
from .fields import tel_href
from .interface import Interface
from .localtext import in_language
from .models import Centre, Contact, Council, Event, Occurrence, Page, ReportRoute, Service, Surgery, Venue
from .schedule import event_span
from .schema import ACCESS_FEATURES, WEEKDAYS


@functools.lru_cache(maxsize=16)  # read-only: every caller shares the answer
def access_labels(ui: Interface) -> Mapping[str, str]:
    return MappingProxyType({
        "step-free": ui.gettext("Step-free access"),
        "hearing-loop": ui.gettext("Hearing loop"),
        "accessible-toilet": ui.gettext("Accessible toilet"),
        "parking": ui.gettext("Parking"),
        "quiet-room": ui.gettext("Quiet room"),
        "bsl": ui.gettext("British Sign Language (BSL)"),
    })


def council(c: Council | None, ui: Interface) -> dict[str, Any] | None:
    """The council's contact: only the details that were confirmed, each as a summary row."""
    if c is None:
        return None
    rows = _contact_rows(c, ui)
    return {"name": c.name, "team": c.team or "", "rows": rows, "source": c.source, "checked": c.checked,
            "verified": c.verified, "complete": bool(c.phone and c.email)}


def contact(c: Contact, ui: Interface) -> dict[str, Any]:
    if c.phone:
        href, shown, kind = tel_href(c.phone), c.phone, "phone"
    elif c.sms:
        href, shown, kind = "sms:" + tel_href(c.sms)[4:], c.sms, "sms"
    elif c.email:
        href, shown, kind = "mailto:" + c.email, c.email, "email"
    else:
        url = c.url or ""
        href, shown, kind = url, (urlsplit(url).netloc + urlsplit(url).path).removesuffix("/"), "url"
    return {**local("label", c.label, ui), "href": href, "text": shown, "kind": kind, **local("note", c.note, ui)}


def route(r: ReportRoute, ui: Interface, here: Callable[[str], str] = str) -> dict[str, Any]:
    """A reporting route in the language of `ui`, where site.yaml gives it; `here` is the page it links to, in
    that language where the site has it (a path of the plan's), else as written."""
    return {"id": r.id, **local("title", r.title, ui), **local("when", r.when, ui), **local("next", r.next, ui),
            "emergency": r.emergency, "verified": r.verified, "contacts": [contact(c, ui) for c in r.contacts],
            "page": here(r.page) if r.page else "", **local("page_text", r.page_text, ui)}


def report_routes(rs: tuple[ReportRoute, ...], ui: Interface, here: Callable[[str], str] = str) -> list[dict[str, Any]]:
    ordered = sorted(rs, key=lambda r: not r.emergency)
    return [route(r, ui, here) for r in ordered]


def local(name: str, value: str | None, ui: Interface) -> dict[str, str]:
    """A free-text field in the page's language where it is given in it, else in the default language, and the
    language it is really in (`<name>_lang`), so the template marks it when that is not the page's."""
    shown, lang = in_language(value, ui.code)
    return {name: shown, f"{name}_lang": lang}


def service(s: Service, ui: Interface, lang: str = "") -> dict[str, Any]:
    return {"id": s.id, "name": s.name, "lang": s.lang, **local("summary", s.summary, ui), **local("who", s.who, ui),
            "verified": s.verified, "checked": s.checked, "contacts": [contact(c, ui) for c in s.contacts]}


def map_href(name: str, venue_address: Any, location: Any) -> str:
    """A link out to OpenStreetMap: residents get a map without this site loading anything from elsewhere."""
    if location is not None:
        return (f"https://www.openstreetmap.org/?mlat={location.lat:.5f}&mlon={location.lon:.5f}"
                f"#map=18/{location.lat:.5f}/{location.lon:.5f}")
    parts = [name, *(venue_address.parts() if venue_address else ())]
    return "https://www.openstreetmap.org/search?query=" + quote_plus(", ".join(parts))


def day_names(days: tuple[str, ...], ui: Interface) -> str:
    return ui.join([ui.weekday(WEEKDAYS.index(day)) for day in days])


def time_range(opens: dt.time, closes: dt.time, ui: Interface) -> str:
    return ui.gettext("%(start)s to %(end)s") % {"start": ui.clock(opens), "end": ui.clock(closes)}


def opening_rows(centre: Centre, ui: Interface) -> list[dict[str, Any]]:
    """Each row's times, and whether it closes the next day (18:00 to 03:00): the template says so in words."""
    return [{"days": day_names(hours.days, ui), "times": time_range(hours.opens, hours.closes, ui),
             "next_day": hours.closes < hours.opens, **local("note", hours.note, ui)} for hours in centre.opening_hours]


def _row(key: str, value: str, href: str = "", lang: str = "") -> dict[str, str]:
    return {"key": key, "value": value, "href": href, "lang": lang}


def _local_row(key: str, value: str | None, ui: Interface) -> dict[str, str]:
    shown, lang = in_language(value, ui.code)
    return _row(key, shown, lang=lang)


def _contact_rows(c: Centre | Council, ui: Interface) -> list[dict[str, str]]:
    """Address, phone, email and website, each only when known: a centre's and the council's alike."""
    rows = [_row(ui.gettext("Address"), ", ".join(c.address.parts()))] if c.address else []
    if c.phone:
        rows.append(_row(ui.gettext("Phone"), c.phone, tel_href(c.phone)))
    if c.email:
        rows.append(_row(ui.gettext("Email"), c.email, "mailto:" + c.email))
    if c.website:
        rows.append(_row(ui.gettext("Website"), c.website, c.website))
    return rows


def centre_details(c: Centre, ui: Interface) -> list[dict[str, str]]:
    rows = _contact_rows(c, ui)
    if c.languages:
        rows.append(_row(ui.gettext("Languages"), ", ".join(c.languages)))
    if c.access:
        rows.append(_row(ui.gettext("Access"), ui.join([access_labels(ui)[a] for a in c.access])))
    return rows


def centre(c: Centre, ui: Interface, lang: str = "") -> dict[str, Any]:
    address = c.address.parts() if c.address else ()
    return {
        "id": c.id, "name": c.name, "lang": c.lang, **local("summary", c.summary, ui),
        "href": routes.centre(c.id, lang),
        "address": list(address), "phone": c.phone, "phone_href": tel_href(c.phone) if c.phone else "",
        "email": c.email, "website": c.website, "languages": list(c.languages),
        "access": [access_labels(ui)[a] for a in c.access], "hours": opening_rows(c, ui),
        "map_href": map_href(c.name, c.address, c.location), "has_location": c.location is not None,
        "verified": c.verified, "checked": c.checked, "details": centre_details(c, ui),
        # what the finder filters on, written into data- attributes for the script as well
        "area": c.district.lower(), "needs": centre_needs(c), "language_slugs": [routes.slug(x) for x in c.languages],
    }


# The centre finder: one facet per way residents narrow the list. Each option is also a page of its own
# (/centres/<facet>/<value>/) so the filters work without JavaScript.
OPEN_DAYS = {"open-saturdays": "Saturday", "open-sundays": "Sunday"}
NEEDS = (*ACCESS_FEATURES, *OPEN_DAYS)
FACETS = ("area", "need", "language")


@functools.lru_cache(maxsize=16)  # read-only: every caller shares the answer
def need_labels(ui: Interface) -> Mapping[str, str]:
    return MappingProxyType({**access_labels(ui), "open-saturdays": ui.gettext("Open on Saturdays"),
                             "open-sundays": ui.gettext("Open on Sundays")})


@functools.lru_cache(maxsize=16)  # read-only: every caller shares the answer
def facet_titles(ui: Interface) -> Mapping[str, str]:
    return MappingProxyType({"area": ui.gettext("Area (postcode district)"),
                             "need": ui.gettext("Access and opening days"), "language": ui.gettext("Languages spoken")})


def centre_needs(c: Centre) -> list[str]:
    days = {day for hours in c.opening_hours for day in hours.days}
    needs = [a for a in ACCESS_FEATURES if a in c.access]
    return needs + [key for key, day in OPEN_DAYS.items() if day in days]


def _facet_values(c: Centre) -> dict[str, list[str]]:
    return {"area": [c.district.lower()] if c.district else [], "need": centre_needs(c),
            "language": [routes.slug(x) for x in c.languages]}


def finder_options(centres: tuple[Centre, ...], ui: Interface, lang: str = "") -> dict[str, list[dict[str, Any]]]:
    """Every option of every facet that at least one centre has, with its label and how many centres match."""
    labels: dict[str, dict[str, str]] = {"area": {}, "need": {}, "language": {}}
    counts: dict[tuple[str, str], int] = {}
    for c in centres:
        for facet, values in _facet_values(c).items():
            for value in values:
                counts[(facet, value)] = counts.get((facet, value), 0) + 1
        if c.district:
            labels["area"][c.district.lower()] = c.district
        for need in centre_needs(c):
            labels["need"][need] = need_labels(ui)[need]
        for language in c.languages:
            labels["language"].setdefault(routes.slug(language), language)
    order = {"need": list(NEEDS)}
    result: dict[str, list[dict[str, Any]]] = {}
    for facet, found in labels.items():
        keys = sorted(found, key=lambda v: (order.get(facet, []).index(v) if facet in order else 0,
                                            _natural(found[v])))
        result[facet] = [{"value": v, "label": found[v], "href": routes.centre_filter(facet, v, lang),
                          "count": counts[(facet, v)]} for v in keys]
    return result


def _natural(text: str) -> tuple[Any, ...]:
    # WV2 before WV10
    return tuple(int(part) if part.isdigit() else part for part in re.split(r"(\d+)", text.lower()))


def finder(centres: tuple[Centre, ...], ui: Interface, facet: str = "", value: str = "",
           lang: str = "", cards: Mapping[str, dict[str, Any]] | None = None) -> dict[str, Any]:
    """The finder's params: facets with options (the current one marked) and the centres that match.
    `cards`: the centres' views by id, when they are made already (a finder per filter page needs them all)."""
    cards = cards if cards is not None else {c.id: centre(c, ui, lang) for c in centres}
    options = finder_options(centres, ui, lang)
    facets = [{"name": name, "title": facet_titles(ui)[name],
               "options": [dict(o, current=(name == facet and o["value"] == value)) for o in options[name]]}
              for name in FACETS if options[name]]
    matching = [c for c in centres if not facet or value in _facet_values(c)[facet]]
    active = next((o for f in facets for o in f["options"] if o["current"]), None)
    return {"facets": facets, "centres": [cards[c.id] for c in matching], "active": active,
            "resetHref": routes.centres(lang),
            "facet": facet, "total": len(centres)}


@functools.lru_cache(maxsize=4)  # asked by every plan; the listings rarely change (the answer is immutable)
def finder_pages(centres: tuple[Centre, ...]) -> tuple[tuple[str, str], ...]:
    """(facet, value) of every filter page the build writes (the same in every language)."""
    return tuple((facet, o["value"]) for facet, opts in finder_options(centres, Interface("en")).items()
                 for o in opts)


def venue(v: Venue, lang: str = "") -> dict[str, Any]:
    return {"name": v.name, "lang": v.lang, "address": list(v.address.parts()) if v.address else [],
            "href": routes.centre(v.centre_id, lang) if v.centre_id else "",
            "map_href": map_href(v.name, v.address, v.location), "has_location": v.location is not None}


def _clock_time(value: dt.datetime, ui: Interface, zone: bool) -> str:
    # on a night the clocks change the times carry BST or GMT, so a repeated hour cannot mislead
    return f"{ui.clock(value)} {value:%Z}" if zone else ui.clock(value)


def session_text(o: Occurrence, ui: Interface) -> str:
    zone = bool(o.clock)
    return ui.gettext("%(day)s, %(start)s to %(end)s") % {
        "day": ui.day_and_month(o.starts), "start": _clock_time(o.starts, ui, zone),
        "end": _clock_time(o.ends, ui, zone)}


def session(o: Occurrence, ui: Interface) -> dict[str, Any]:
    """What every list of sessions shows of one: its text, and whether it ends the next day or falls on a night
    the clocks change (the template says so in words)."""
    return {"text": session_text(o, ui), "iso": o.starts.isoformat(), "moved_from": o.moved_from,
            "cancelled": o.cancelled, "next_day": o.ends.date() > o.starts.date(), "clock_change": bool(o.clock)}


def occurrence(o: Occurrence, surgeries: dict[str, Surgery], ui: Interface, lang: str = "") -> dict[str, Any]:
    s = surgeries[o.surgery_id]
    return {**session(o, ui), "surgery": s.title, "lang": s.lang, "surgery_id": s.id, "date": o.date,
            "venue": venue(o.venue, lang),
            "verified": s.verified}


def next_sessions(s: Surgery, sessions: list[Occurrence], limit: int) -> list[Occurrence]:
    """The surgery's next `limit` sessions that go ahead, and any cancelled ones among them."""
    chosen: list[Occurrence] = []
    running = 0
    for o in sessions:
        if o.surgery_id != s.id:
            continue
        if running == limit:
            break
        chosen.append(o)
        running += not o.cancelled
    return chosen


def surgery(s: Surgery, sessions: list[Occurrence], ui: Interface, limit: int = 3, lang: str = "") -> dict[str, Any]:
    return {"id": s.id, "title": s.title, "lang": s.lang, **local("summary", s.summary, ui),
            "venue": venue(s.venue, lang),
            "verified": s.verified, "checked": s.checked, "scheduled": s.schedule is not None,
            "next": [{**session(o, ui), "venue": venue(o.venue, lang) if o.venue != s.venue else None}
                     for o in next_sessions(s, sessions, limit)]}


def event_when(e: Event, ui: Interface) -> str:
    start_day = e.first_day
    first = ui.long_date(start_day)
    if e.all_day:
        end_day = e.last_day
        if end_day == start_day:
            return first
        return ui.gettext("%(start)s to %(end)s") % {"start": first, "end": ui.long_date(end_day)}
    # the moments as they will really be: a time the clocks skip is shown as the time it becomes
    start, end = event_span(e)
    zone = end is not None and start.utcoffset() != end.utcoffset()
    if end is None:
        return ui.gettext("%(day)s, %(time)s") % {"day": first, "time": _clock_time(start, ui, zone)}
    if end.date() == start.date():
        return ui.gettext("%(day)s, %(start)s to %(end)s") % {
            "day": first, "start": _clock_time(start, ui, zone), "end": _clock_time(end, ui, zone)}
    return ui.gettext("%(start)s to %(end)s") % {
        "start": ui.gettext("%(day)s, %(time)s") % {"day": first, "time": _clock_time(start, ui, zone)},
        "end": ui.gettext("%(day)s, %(time)s") % {"day": ui.long_date(end.date()),
                                                   "time": _clock_time(end, ui, zone)}}


def event_details(e: Event, ui: Interface) -> list[dict[str, str]]:
    rows = [_row(ui.gettext("When"), event_when(e, ui))]
    if e.venue:
        place = [e.venue.name, *(e.venue.address.parts() if e.venue.address else ())]
        rows.append(_row(ui.gettext("Where"), ", ".join(place)))
    if e.online:
        rows.append(_row(ui.gettext("Online"), ui.gettext("Join online"), e.online))
    if e.cost:
        rows.append(_local_row(ui.gettext("Cost"), e.cost, ui))
    if e.booking:
        rows.append(_row(ui.gettext("Booking"), ui.gettext("Book a place"), e.booking))
    if e.access:
        rows.append(_local_row(ui.gettext("Access"), e.access, ui))
    return rows


def event(e: Event, ui: Interface, lang: str = "") -> dict[str, Any]:
    return {"id": e.id, "title": e.title, "lang": e.lang, **local("summary", e.summary, ui),
            "href": routes.event(e.id, lang),
            "when": event_when(e, ui), "iso": e.starts[0].isoformat(),
            "venue": venue(e.venue, lang) if e.venue else None,
            "online": e.online, "booking": e.booking, "cost": in_language(e.cost, ui.code)[0],
            "access": in_language(e.access, ui.code)[0], "campaign": e.campaign,
            "cancelled": e.cancelled, "verified": e.verified, "checked": e.checked, "details": event_details(e, ui),
            "moved_from": event_moment(*e.moved_from, ui) if e.moved_from else "",
            "ics": routes.event_calendar(e.id, lang)}


def event_moment(day: dt.date, time: dt.time | None, ui: Interface) -> str:
    if time is None:
        return ui.long_date(day)
    return ui.gettext("%(day)s, %(time)s") % {"day": ui.long_date(day), "time": ui.clock(time)}


def page_status(p: Page, today: dt.date) -> str:
    """'draft' or 'scheduled' for what only the preview shows (a build never publishes them), else ''."""
    return "draft" if p.draft else "scheduled" if p.date and p.date > today else ""


def post(p: Page, today: dt.date) -> dict[str, Any]:
    return {"title": p.title, "summary": p.summary, "href": p.url, "date": p.date,
            "iso": p.date.isoformat() if p.date else "", "campaign": p.campaign, "status": page_status(p, today)}


def share_links(title: str, absolute: str, hashtags: tuple[str, ...]) -> list[dict[str, Any]]:
    """Plain links to each network's own share page: no scripts, no widgets, nothing loaded from them."""
    tags = " ".join(hashtags)
    text = quote_plus(f"{title} {tags}".strip())
    link = quote_plus(absolute)
    return [
        {"name": "Facebook", "href": f"https://www.facebook.com/sharer/sharer.php?u={link}"},
        {"name": "X (Twitter)", "href": f"https://x.com/intent/post?text={text}&url={link}"},
        {"name": "WhatsApp", "href": f"https://wa.me/?text={text}%20{link}"},
        {"name": "LinkedIn", "href": f"https://www.linkedin.com/sharing/share-offsite/?url={link}"},
        {"name": "", "email": True, "href": f"mailto:?subject={quote_plus(title)}&body={link}".replace("+", "%20")},
    ]


class FrozenDict(dict):  # type: ignore[type-arg]
    """A view that cannot be changed: views kept by the cache are shared by every page and every build."""

    def _read_only(self, *_args: Any, **_kwargs: Any) -> None:
        raise TypeError("views are read-only: copy one with dict(view, name=value)")

    __setitem__ = __delitem__ = clear = pop = popitem = setdefault = update = __ior__ = _read_only  # type: ignore[assignment]

    def __reduce__(self) -> tuple[Any, ...]:
        return (FrozenDict, (dict(self),))


def freeze(value: Any) -> Any:
    """The same value with every dict and list made read-only (lists become tuples), all the way down."""
    if isinstance(value, dict):
        return FrozenDict({key: freeze(item) for key, item in value.items()})
    if isinstance(value, list | tuple):
        return tuple(freeze(item) for item in value)
    return value
