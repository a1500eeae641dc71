"""Everything made from the listings besides the Markdown pages that list them: a page per centre and per event,
the centre finder's filter pages, calendars, structured data and the JSON files partners reuse."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from . import views
from .models import Page
from .outputs import calendars, data, structured

if TYPE_CHECKING:
    from .site import Output, SiteBuilder

FILES = ("/surgeries.ics", "/events.ics", "/centres.json", "/events.json", "/surgeries.json")


def filter_url(facet: str, value: str) -> str:
    return f"/centres/{facet}/{value}/"


def planned_urls(builder: SiteBuilder) -> dict[str, str]:
    """Every address this module writes, mapped to the listing it comes from."""
    listings = builder.listings
    urls = {f"/centres/{c.id}/": "centres.yaml" for c in listings.centres}
    if _page(builder, "centres"):
        urls |= {filter_url(f, v): "centres.yaml" for f, v in views.finder_pages(listings.centres)}
    urls |= {f"/events/{e.id}/": "events.yaml" for e in listings.events}
    urls |= {calendars.event_ics_path(e): "events.yaml" for e in listings.events}
    urls |= dict.fromkeys(FILES, "listings")
    return urls


def _page(builder: SiteBuilder, template: str) -> Page | None:
    return next((p for p in builder.pages if p.template == template), None)


def render(builder: SiteBuilder, out: Output) -> None:
    site, listings, today = builder.site, builder.listings, builder.options.today
    absolute = builder.absolute
    centres_page = _page(builder, "centres")
    for centre in listings.centres:
        builder.render("centre.html", {"centre": views.centre(centre), "parent": centres_page,
                                       "jsonld": structured.script_json(structured.centre(centre, absolute))},
                       out, _index(f"/centres/{centre.id}/"))
    if centres_page is not None:
        for facet, value in views.finder_pages(listings.centres):
            url = filter_url(facet, value)
            page = dataclasses.replace(centres_page, url=url, body_html="", headings=(), links=())
            context = {**builder.page_context(page), "finder": views.finder(listings.centres, facet, value)}
            builder.render("centres.html", context, out, _index(url))
    events_page = _page(builder, "events")
    for event in listings.events:
        past = event in builder.past_events
        builder.render("event.html", {"event": views.event(event), "past": past, "parent": events_page,
                                      "jsonld": structured.script_json(structured.event(site, event, absolute))},
                       out, _index(f"/events/{event.id}/"))
        out.files[calendars.event_ics_path(event).lstrip("/")] = calendars.event_calendar(site, event, absolute,
                                                                                          today)
    out.files["surgeries.ics"] = calendars.surgeries_calendar(site, listings.surgeries, builder.occurrences,
                                                              absolute, today)
    out.files["events.ics"] = calendars.events_calendar(site, builder.events, absolute, today)
    out.files["centres.json"] = data.centres_json(site, listings.centres, absolute, today)
    out.files["events.json"] = data.events_json(site, builder.events, absolute, today)
    out.files["surgeries.json"] = data.surgeries_json(site, listings.surgeries, builder.occurrences, absolute, today)


def _index(url: str) -> str:
    return url.strip("/") + "/index.html"
