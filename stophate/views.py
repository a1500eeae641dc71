"""Models -> component params. Page templates call these, so components never see a model."""

from __future__ import annotations

import datetime as dt
import functools
import re
from typing import Any
from urllib.parse import quote_plus, urlsplit

from . import routes
from .fields import tel_href
from .models import Centre, Contact, Event, Occurrence, Page, ReportRoute, Service, Surgery, Venue

ACCESS_LABELS = {
    "step-free": "Step-free access",
    "hearing-loop": "Hearing loop",
    "accessible-toilet": "Accessible toilet",
    "parking": "Parking",
    "quiet-room": "Quiet room",
    "bsl": "British Sign Language (BSL)",
}


def contact(c: Contact) -> dict[str, Any]:
    if c.phone:
        href, shown, kind = tel_href(c.phone), c.phone, "phone"
    elif c.sms:
        href, shown, kind = "sms:" + tel_href(c.sms)[4:], c.sms, "sms"
    elif c.email:
        href, shown, kind = "mailto:" + c.email, c.email, "email"
    else:
        url = c.url or ""
        href, shown, kind = url, (urlsplit(url).netloc + urlsplit(url).path).removesuffix("/"), "url"
    return {"label": c.label, "href": href, "text": shown, "kind": kind, "note": c.note or ""}


def route(r: ReportRoute) -> dict[str, Any]:
    return {"id": r.id, "title": r.title, "when": r.when, "next": r.next, "emergency": r.emergency,
            "verified": r.verified, "contacts": [contact(c) for c in r.contacts], "page": r.page or "",
            "page_text": r.page_text or ""}


def report_routes(rs: tuple[ReportRoute, ...]) -> list[dict[str, Any]]:
    ordered = sorted(rs, key=lambda r: not r.emergency)
    return [route(r) for r in ordered]


def service(s: Service) -> dict[str, Any]:
    return {"id": s.id, "name": s.name, "summary": s.summary, "who": s.who or "", "verified": s.verified,
            "checked": s.checked, "contacts": [contact(c) for c in s.contacts]}


def map_href(name: str, venue_address: Any, location: Any) -> str:
    """A link out to OpenStreetMap: residents get a map without this site loading anything from elsewhere."""
    if location is not None:
        return (f"https://www.openstreetmap.org/?mlat={location.lat:.5f}&mlon={location.lon:.5f}"
                f"#map=18/{location.lat:.5f}/{location.lon:.5f}")
    parts = [name, *(venue_address.parts() if venue_address else ())]
    return "https://www.openstreetmap.org/search?query=" + quote_plus(", ".join(parts))


def opening_rows(centre: Centre) -> list[dict[str, str]]:
    rows = []
    for hours in centre.opening_hours:
        days = ", ".join(hours.days)
        rows.append({"days": days, "times": f"{hours.opens:%H:%M} to {hours.closes:%H:%M}",
                     "note": hours.note or ""})
    return rows


def _row(key: str, value: str, href: str = "") -> dict[str, str]:
    return {"key": key, "value": value, "href": href}


def centre_details(c: Centre) -> list[dict[str, str]]:
    rows = []
    if c.address:
        rows.append(_row("Address", ", ".join(c.address.parts())))
    if c.phone:
        rows.append(_row("Phone", c.phone, tel_href(c.phone)))
    if c.email:
        rows.append(_row("Email", c.email, "mailto:" + c.email))
    if c.website:
        rows.append(_row("Website", c.website, c.website))
    if c.languages:
        rows.append(_row("Languages", ", ".join(c.languages)))
    if c.access:
        rows.append(_row("Access", ", ".join(ACCESS_LABELS[a] for a in c.access)))
    return rows


@functools.lru_cache(maxsize=4096)  # pure; the pages, the finder and its filter pages each ask for every centre
def centre(c: Centre, lang: str = "") -> dict[str, Any]:
    address = c.address.parts() if c.address else ()
    return {
        "id": c.id, "name": c.name, "summary": c.summary, "href": routes.centre(c.id, lang),
        "address": list(address), "phone": c.phone, "phone_href": tel_href(c.phone) if c.phone else "",
        "email": c.email, "website": c.website, "languages": list(c.languages),
        "access": [ACCESS_LABELS[a] for a in c.access], "hours": opening_rows(c),
        "map_href": map_href(c.name, c.address, c.location), "has_location": c.location is not None,
        "verified": c.verified, "checked": c.checked, "details": centre_details(c),
        # what the finder filters on, written into data- attributes for the script as well
        "area": c.district.lower(), "needs": centre_needs(c), "language_slugs": [routes.slug(x) for x in c.languages],
    }


# The centre finder: one facet per way residents narrow the list. Each option is also a page of its own
# (/centres/<facet>/<value>/) so the filters work without JavaScript.
OPEN_DAYS = {"open-saturdays": ("Saturday", "Open on Saturdays"), "open-sundays": ("Sunday", "Open on Sundays")}
NEED_LABELS = {**ACCESS_LABELS, **{key: label for key, (_, label) in OPEN_DAYS.items()}}
FACET_TITLES = {"area": "Area (postcode district)", "need": "Access and opening days", "language": "Languages spoken"}


def centre_needs(c: Centre) -> list[str]:
    days = {day for hours in c.opening_hours for day in hours.days}
    needs = [a for a in ACCESS_LABELS if a in c.access]
    return needs + [key for key, (day, _) in OPEN_DAYS.items() if day in days]


def _facet_values(c: Centre) -> dict[str, list[str]]:
    return {"area": [c.district.lower()] if c.district else [], "need": centre_needs(c),
            "language": [routes.slug(x) for x in c.languages]}


def finder_options(centres: tuple[Centre, ...], lang: str = "") -> dict[str, list[dict[str, Any]]]:
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
            labels["need"][need] = NEED_LABELS[need]
        for language in c.languages:
            labels["language"].setdefault(routes.slug(language), language)
    order = {"need": list(NEED_LABELS)}
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


def finder(centres: tuple[Centre, ...], facet: str = "", value: str = "", lang: str = "") -> dict[str, Any]:
    """The finder's params: facets with options (the current one marked) and the centres that match."""
    options = finder_options(centres, lang)
    facets = [{"name": name, "title": FACET_TITLES[name],
               "options": [dict(o, current=(name == facet and o["value"] == value)) for o in options[name]]}
              for name in FACET_TITLES if options[name]]
    matching = [c for c in centres if not facet or value in _facet_values(c)[facet]]
    active = next((o for f in facets for o in f["options"] if o["current"]), None)
    return {"facets": facets, "centres": [centre(c, lang) for c in matching], "active": active,
            "resetHref": routes.centres(lang),
            "facet": facet, "total": len(centres)}


@functools.lru_cache(maxsize=4)  # asked by every build for its planned URLs; the listings rarely change
def finder_pages(centres: tuple[Centre, ...]) -> list[tuple[str, str]]:
    """(facet, value) of every filter page the build writes."""
    return [(facet, o["value"]) for facet, opts in finder_options(centres).items() for o in opts]


def venue(v: Venue, lang: str = "") -> dict[str, Any]:
    return {"name": v.name, "address": list(v.address.parts()) if v.address else [],
            "href": routes.centre(v.centre_id, lang) if v.centre_id else "",
            "map_href": map_href(v.name, v.address, v.location), "has_location": v.location is not None}


def session_text(o: Occurrence) -> str:
    return f"{o.starts:%A} {o.starts.day} {o.starts:%B}, {o.starts:%H:%M} to {o.ends:%H:%M}"


def occurrence(o: Occurrence, surgeries: dict[str, Surgery]) -> dict[str, Any]:
    s = surgeries[o.surgery_id]
    return {"surgery": s.title, "surgery_id": s.id, "date": o.date, "text": session_text(o),
            "iso": o.starts.isoformat(), "venue": venue(o.venue), "cancelled": o.cancelled,
            "moved_from": o.moved_from, "verified": s.verified}


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


def surgery(s: Surgery, sessions: list[Occurrence], limit: int = 3) -> dict[str, Any]:
    return {"id": s.id, "title": s.title, "summary": s.summary, "venue": venue(s.venue),
            "verified": s.verified, "checked": s.checked, "scheduled": s.schedule is not None,
            "next": [{"text": session_text(o), "iso": o.starts.isoformat(), "moved_from": o.moved_from,
                      "cancelled": o.cancelled, "venue": venue(o.venue) if o.venue != s.venue else None}
                     for o in next_sessions(s, sessions, limit)]}


def event_when(e: Event) -> str:
    start_day, start_time = e.starts
    end_day, end_time = e.ends if e.ends else (start_day, None)
    first = f"{start_day:%A} {start_day.day} {start_day:%B %Y}"
    if e.all_day:
        if end_day == start_day:
            return first
        return f"{first} to {end_day:%A} {end_day.day} {end_day:%B %Y}"
    if end_day == start_day:
        return f"{first}, {start_time:%H:%M}" + (f" to {end_time:%H:%M}" if end_time else "")
    return f"{first}, {start_time:%H:%M} to {end_day:%A} {end_day.day} {end_day:%B %Y}, {end_time:%H:%M}"


def event_details(e: Event) -> list[dict[str, str]]:
    rows = [_row("When", event_when(e))]
    if e.venue:
        rows.append(_row("Where", ", ".join([e.venue.name, *(e.venue.address.parts() if e.venue.address else ())])))
    if e.online:
        rows.append(_row("Online", "Join online", e.online))
    rows.append(_row("Cost", e.cost))
    if e.booking:
        rows.append(_row("Booking", "Book a place", e.booking))
    if e.access:
        rows.append(_row("Access", e.access))
    return rows


def event(e: Event, lang: str = "") -> dict[str, Any]:
    return {"id": e.id, "title": e.title, "summary": e.summary, "href": routes.event(e.id, lang),
            "when": event_when(e), "iso": e.starts[0].isoformat(), "venue": venue(e.venue, lang) if e.venue else None,
            "online": e.online,
            "booking": e.booking, "cost": e.cost, "access": e.access, "campaign": e.campaign,
            "cancelled": e.cancelled, "verified": e.verified, "checked": e.checked, "details": event_details(e),
            "moved_from": event_moment(*e.moved_from) if e.moved_from else "",
            "ics": routes.event_calendar(e.id, lang)}


def event_moment(day: dt.date, time: dt.time | None) -> str:
    return f"{day:%A} {day.day} {day:%B %Y}" + (f", {time:%H:%M}" if time else "")


def post(p: Page) -> dict[str, Any]:
    return {"title": p.title, "summary": p.summary, "href": p.url, "date": p.date,
            "iso": p.date.isoformat() if p.date else "", "campaign": p.campaign}


def share_links(title: str, absolute: str, hashtags: tuple[str, ...]) -> list[dict[str, str]]:
    """Plain links to each network's own share page: no scripts, no widgets, nothing loaded from them."""
    tags = " ".join(hashtags)
    text = quote_plus(f"{title} {tags}".strip())
    link = quote_plus(absolute)
    return [
        {"name": "Facebook", "href": f"https://www.facebook.com/sharer/sharer.php?u={link}"},
        {"name": "X (Twitter)", "href": f"https://x.com/intent/post?text={text}&url={link}"},
        {"name": "WhatsApp", "href": f"https://wa.me/?text={text}%20{link}"},
        {"name": "LinkedIn", "href": f"https://www.linkedin.com/sharing/share-offsite/?url={link}"},
        {"name": "Email", "href": f"mailto:?subject={quote_plus(title)}&body={link}".replace("+", "%20")},
    ]
