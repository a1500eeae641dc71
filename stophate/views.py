"""Models -> component params. Page templates call these, so components never see a model."""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import quote_plus, urlsplit

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


def routes(rs: tuple[ReportRoute, ...]) -> list[dict[str, Any]]:
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


def centre(c: Centre) -> dict[str, Any]:
    address = c.address.parts() if c.address else ()
    return {
        "id": c.id, "name": c.name, "summary": c.summary, "href": f"/centres/{c.id}/",
        "address": list(address), "phone": c.phone, "phone_href": tel_href(c.phone) if c.phone else "",
        "email": c.email, "website": c.website, "languages": list(c.languages),
        "access": [ACCESS_LABELS[a] for a in c.access], "hours": opening_rows(c),
        "map_href": map_href(c.name, c.address, c.location), "verified": c.verified, "checked": c.checked,
        "details": centre_details(c),
    }


def venue(v: Venue) -> dict[str, Any]:
    return {"name": v.name, "address": list(v.address.parts()) if v.address else [],
            "href": f"/centres/{v.centre_id}/" if v.centre_id else "",
            "map_href": map_href(v.name, v.address, v.location)}


def session_text(o: Occurrence) -> str:
    return f"{o.starts:%A} {o.starts.day} {o.starts:%B}, {o.starts:%H:%M} to {o.ends:%H:%M}"


def occurrence(o: Occurrence, surgeries: dict[str, Surgery]) -> dict[str, Any]:
    s = surgeries[o.surgery_id]
    return {"surgery": s.title, "surgery_id": s.id, "date": o.date, "text": session_text(o),
            "iso": o.starts.isoformat(), "venue": venue(o.venue),
            "moved_from": o.moved_from, "verified": s.verified}


def surgery(s: Surgery, sessions: list[Occurrence], limit: int = 3) -> dict[str, Any]:
    return {"id": s.id, "title": s.title, "summary": s.summary, "venue": venue(s.venue),
            "verified": s.verified, "checked": s.checked, "scheduled": s.schedule is not None,
            "next": [{"text": session_text(o), "iso": o.starts.isoformat(), "moved_from": o.moved_from,
                      "venue": venue(o.venue) if o.venue != s.venue else None}
                     for o in sessions if o.surgery_id == s.id][:limit]}


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


def event(e: Event) -> dict[str, Any]:
    return {"id": e.id, "title": e.title, "summary": e.summary, "href": f"/events/{e.id}/", "when": event_when(e),
            "iso": e.starts[0].isoformat(), "venue": venue(e.venue) if e.venue else None, "online": e.online,
            "booking": e.booking, "cost": e.cost, "access": e.access, "campaign": e.campaign,
            "cancelled": e.cancelled, "verified": e.verified, "checked": e.checked, "details": event_details(e)}


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


def iso(value: dt.date | dt.datetime) -> str:
    return value.isoformat()
