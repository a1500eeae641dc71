"""schema.org JSON-LD for event and centre pages, so search engines and maps show the right dates and hours.

Each language's page describes itself: its own address, and the item's words in that language where the listing
gives them, else the default language's."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import Any

from markupsafe import Markup

from .. import routes
from ..interface import Interface
from ..localtext import in_language
from ..models import Address, Centre, Event, Site, Venue
from ..schedule import at, event_span
from ..views import access_labels

Absolute = Callable[[str], str]
ENGLISH = Interface("en-GB")
SCHEMA = "https://schema.org/"


def script_json(data: dict[str, Any]) -> Markup:
    """JSON safe inside <script type="application/ld+json">: no '</script>' or comment can close it early."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text)


def postal_address(address: Address | None) -> dict[str, Any] | None:
    if address is None or not address.parts():
        return None
    data: dict[str, Any] = {"@type": "PostalAddress", "addressCountry": "GB"}
    if address.lines:
        data["streetAddress"] = ", ".join(address.lines)
    if address.town:
        data["addressLocality"] = address.town
    if address.postcode:
        data["postalCode"] = address.postcode
    return data


def _geo(location: Any) -> dict[str, Any]:
    return {"@type": "GeoCoordinates", "latitude": location.lat, "longitude": location.lon}


def place(venue: Venue, absolute: Absolute, lang: str = "") -> dict[str, Any]:
    data: dict[str, Any] = {"@type": "Place", "name": venue.name}
    address = postal_address(venue.address)
    if address:
        data["address"] = address
    if venue.location:
        data["geo"] = _geo(venue.location)
    if venue.centre_id:
        data["url"] = absolute(routes.centre(venue.centre_id, lang))
    return data


def moment(day: dt.date, time: dt.time | None) -> str:
    """ISO 8601: all-day events are plain dates; timed ones carry the London offset of that day (+00:00 or +01:00)."""
    if time is None:
        return day.isoformat()
    return at(day, time).isoformat()


def event_times(e: Event) -> tuple[str, str | None]:
    """Start and end as ISO 8601, resolved as the pages and calendars resolve them (clock changes, next day)."""
    if e.all_day:
        return e.first_day.isoformat(), e.ends[0].isoformat() if e.ends else None
    start, end = event_span(e)
    return start.isoformat(), end.isoformat() if end else None


def is_free(cost: str | None) -> bool | None:
    """Whether the content says the event is free; None when it gives no cost at all."""
    if cost is None:
        return None
    return cost.strip().lower().startswith("free") or cost.strip() in ("£0", "0", "£0.00")


def event(site: Site, e: Event, absolute: Absolute, ui: Interface = ENGLISH, lang: str = "") -> dict[str, Any]:
    """The event as its page in `lang` (a URL code; "" for the default language) shows it."""
    status = "EventCancelled" if e.cancelled else "EventRescheduled" if e.moved_from else "EventScheduled"
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": in_language(e.title, ui.code)[0],
        "url": absolute(routes.event(e.id, lang)),
        "startDate": event_times(e)[0],
        "eventStatus": SCHEMA + status,
        "organizer": {"@type": "Organization", "name": site.name, "url": site.base_url},
    }
    if e.summary:
        data["description"] = in_language(e.summary, ui.code)[0]
    if is_free(e.cost) is not None:
        data["isAccessibleForFree"] = is_free(e.cost)
    if e.ends:
        data["endDate"] = event_times(e)[1]
    elif e.all_day:
        data["endDate"] = e.first_day.isoformat()
    if e.moved_from:
        data["previousStartDate"] = moment(*e.moved_from)
    locations: list[dict[str, Any]] = []
    if e.venue:
        locations.append(place(e.venue, absolute, lang))
    if e.online:
        locations.append({"@type": "VirtualLocation", "url": e.online})
    if not locations and site.area:
        # a city-wide event such as an awareness week still happens somewhere: the area the site serves
        locations.append({"@type": "Place", "name": site.area,
                          "address": {"@type": "PostalAddress", "addressLocality": site.area,
                                      "addressCountry": "GB"}})
    if locations:
        data["location"] = locations[0] if len(locations) == 1 else locations
    mode = ("MixedEventAttendanceMode" if e.venue and e.online else
            "OnlineEventAttendanceMode" if e.online else "OfflineEventAttendanceMode")
    data["eventAttendanceMode"] = SCHEMA + mode
    if e.booking:
        offer: dict[str, Any] = {"@type": "Offer", "url": e.booking, "availability": SCHEMA + "InStock"}
        if is_free(e.cost):
            offer |= {"price": "0", "priceCurrency": "GBP"}
        data["offers"] = offer
    return data


def centre(c: Centre, absolute: Absolute, ui: Interface = ENGLISH, lang: str = "") -> dict[str, Any]:
    """The centre as its page in `lang` (a URL code; "" for the default language) shows it; its name is never
    translated."""
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "CivicStructure",
        "name": c.name,
        "description": in_language(c.summary, ui.code)[0],
        "url": absolute(routes.centre(c.id, lang)),
    }
    address = postal_address(c.address)
    if address:
        data["address"] = address
    if c.location:
        data["geo"] = _geo(c.location)
    if c.phone:
        data["telephone"] = c.phone
    if c.email:
        data["email"] = c.email
    if c.website:
        data["sameAs"] = c.website
    if c.opening_hours:
        data["openingHoursSpecification"] = [
            {"@type": "OpeningHoursSpecification", "dayOfWeek": [SCHEMA + day for day in hours.days],
             "opens": f"{hours.opens:%H:%M}", "closes": f"{hours.closes:%H:%M}"}
            for hours in c.opening_hours]
    if c.access:
        labels = access_labels(ui)
        data["amenityFeature"] = [{"@type": "LocationFeatureSpecification", "name": labels[a], "value": True}
                                  for a in c.access]
    return data
