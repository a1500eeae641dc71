"""centres.json, surgeries.json and events.json: the listings as plain data that partners can reuse.

The shape is documented in docs/listings.md; `format` goes up by one whenever a field changes meaning or is
removed, so a partner's importer can tell. Times are ISO 8601 with the Europe/London offset of that day.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable
from typing import Any

from .. import routes
from ..models import Address, Centre, Event, Occurrence, Site, Surgery, Venue
from .structured import event_times, is_free, moment

Absolute = Callable[[str], str]
FORMAT = 1


def _json(data: dict[str, Any]) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _header(site: Site, today: dt.date, absolute: Absolute, path: str) -> dict[str, Any]:
    return {"format": FORMAT, "site": site.name, "url": absolute(path), "generated": today.isoformat(),
            "timezone": "Europe/London"}


def address(value: Address | None) -> dict[str, Any] | None:
    if value is None:
        return None
    return {"lines": list(value.lines), "town": value.town, "postcode": value.postcode}


def venue(value: Venue, absolute: Absolute) -> dict[str, Any]:
    return {"name": value.name, "address": address(value.address), "centre": value.centre_id,
            "url": absolute(routes.centre(value.centre_id)) if value.centre_id else None,
            "location": {"lat": value.location.lat, "lon": value.location.lon} if value.location else None}


def centre(c: Centre, absolute: Absolute) -> dict[str, Any]:
    return {
        "id": c.id, "name": c.name, "summary": c.summary, "url": absolute(routes.centre(c.id)),
        "address": address(c.address), "area": c.district or None, "phone": c.phone, "email": c.email,
        "website": c.website, "languages": list(c.languages), "access": list(c.access),
        "opening_hours": [{"days": list(h.days), "opens": f"{h.opens:%H:%M}", "closes": f"{h.closes:%H:%M}",
                           "note": h.note} for h in c.opening_hours],
        "location": {"lat": c.location.lat, "lon": c.location.lon} if c.location else None,
        "verified": c.verified, "checked": c.checked.isoformat() if c.checked else None,
    }


def centres_json(site: Site, centres: Iterable[Centre], absolute: Absolute, today: dt.date) -> bytes:
    return _json({**_header(site, today, absolute, routes.data_file("centres")),
                  "centres": [centre(c, absolute) for c in centres]})


def event(e: Event, absolute: Absolute) -> dict[str, Any]:
    return {
        "id": e.id, "title": e.title, "summary": e.summary, "url": absolute(routes.event(e.id)),
        "calendar": absolute(routes.event_calendar(e.id)), "all_day": e.all_day, "starts": event_times(e)[0],
        "ends": event_times(e)[1],
        "status": "cancelled" if e.cancelled else "moved" if e.moved_from else "scheduled",
        "moved_from": moment(*e.moved_from) if e.moved_from else None,
        "venue": venue(e.venue, absolute) if e.venue else None, "online": e.online, "booking": e.booking,
        "cost": e.cost, "free": is_free(e.cost), "access": e.access, "campaign": e.campaign,
        "verified": e.verified, "checked": e.checked.isoformat() if e.checked else None,
    }


def events_json(site: Site, events: Iterable[Event], absolute: Absolute, today: dt.date) -> bytes:
    """Events that have not finished by the build date, soonest first."""
    return _json({**_header(site, today, absolute, routes.data_file("events")),
                  "events": [event(e, absolute) for e in events]})


def session(o: Occurrence, absolute: Absolute) -> dict[str, Any]:
    return {"date": o.date.isoformat(), "starts": o.starts.isoformat(), "ends": o.ends.isoformat(),
            "status": "cancelled" if o.cancelled else "moved" if o.moved_from else "scheduled",
            "moved_from": o.moved_from.isoformat() if o.moved_from else None, "venue": venue(o.venue, absolute)}


def surgeries_json(site: Site, surgeries: Iterable[Surgery], sessions: list[Occurrence], absolute: Absolute,
                   today: dt.date) -> bytes:
    """Each surgery with its coming sessions; `dates_confirmed` is false while a surgery has no schedule."""
    items = [{"id": s.id, "title": s.title, "summary": s.summary, "venue": venue(s.venue, absolute),
              "dates_confirmed": s.schedule is not None, "verified": s.verified,
              "checked": s.checked.isoformat() if s.checked else None,
              "sessions": [session(o, absolute) for o in sessions if o.surgery_id == s.id]}
             for s in surgeries]
    return _json({**_header(site, today, absolute, routes.data_file("surgeries")), "surgeries": items})
