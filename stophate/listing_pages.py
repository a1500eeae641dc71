"""Everything made from the listings besides the Markdown pages that list them: a page per centre and per event,
the centre finder's filter pages, calendars, structured data and the JSON files partners reuse."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any

from . import routes, views
from .models import Page
from .outputs import calendars, data, structured

if TYPE_CHECKING:
    from .site import Output, SiteBuilder

FILES = (routes.calendar("surgeries"), routes.calendar("events"), routes.data_file("centres"),
         routes.data_file("events"), routes.data_file("surgeries"))


def planned_urls(builder: SiteBuilder) -> dict[str, str]:
    """Every address this module writes, mapped to the listing it comes from."""
    listings = builder.listings
    urls = {routes.centre(c.id): "centres.yaml" for c in listings.centres}
    if _page(builder, "centres"):
        urls |= {routes.centre_filter(f, v): "centres.yaml" for f, v in views.finder_pages(listings.centres)}
    urls |= {routes.event(e.id): "events.yaml" for e in listings.events}
    urls |= {routes.event_calendar(e.id): "events.yaml" for e in listings.events}
    urls |= dict.fromkeys(FILES, "listings")
    return urls


def _page(builder: SiteBuilder, template: str) -> Page | None:
    return next((p for p in builder.pages if p.template == template), None)


@dataclasses.dataclass(frozen=True)
class Derived:
    """What the listings alone decide: made once, and reused while site.yaml, the listings and the date stand."""

    files: dict[str, bytes]  # calendars and data files
    centre_jsonld: dict[str, str]
    event_jsonld: dict[str, str]
    finders: dict[tuple[str, str], dict[str, Any]]  # (facet, value) -> the finder's params


def derive(builder: SiteBuilder) -> Derived:
    site, listings, today, absolute = builder.site, builder.listings, builder.options.today, builder.absolute
    path, ui = routes.output_path, builder.ui
    files = {path(routes.event_calendar(e.id)): calendars.event_calendar(site, e, absolute, today, ui)
             for e in listings.events}
    files[path(routes.calendar("surgeries"))] = calendars.surgeries_calendar(
        site, listings.surgeries, builder.occurrences, absolute, today, ui)
    files[path(routes.calendar("events"))] = calendars.events_calendar(site, builder.events, absolute, today, ui)
    files[path(routes.data_file("centres"))] = data.centres_json(site, listings.centres, absolute, today)
    files[path(routes.data_file("events"))] = data.events_json(site, builder.events, absolute, today)
    files[path(routes.data_file("surgeries"))] = data.surgeries_json(site, listings.surgeries, builder.occurrences,
                                                                   absolute, today)
    return Derived(
        files=files,
        centre_jsonld={c.id: structured.script_json(structured.centre(c, absolute)) for c in listings.centres},
        event_jsonld={e.id: structured.script_json(structured.event(site, e, absolute)) for e in listings.events},
        finders={key: views.finder(listings.centres, builder.ui, *key) for key in views.finder_pages(listings.centres)},
    )


def render(builder: SiteBuilder, out: Output) -> None:
    listings = builder.listings
    derived = builder.derived("listing-outputs", lambda: derive(builder))
    centres_page = _page(builder, "centres")
    for centre in listings.centres:
        builder.render("centre.html", {"centre": views.centre(centre, builder.ui), "parent": centres_page,
                                       "jsonld": derived.centre_jsonld[centre.id]},
                       out, routes.output_path(routes.centre(centre.id)))
    if centres_page is not None:
        for (facet, value), finder in derived.finders.items():
            url = routes.centre_filter(facet, value)
            page = dataclasses.replace(centres_page, url=url, body_html="", headings=(), links=())
            builder.render("centres.html", {**builder.page_context(page), "finder": finder}, out,
                           routes.output_path(url))
    events_page = _page(builder, "events")
    for event in listings.events:
        past = event in builder.past_events
        builder.render("event.html", {"event": views.event(event, builder.ui), "past": past, "parent": events_page,
                                      "jsonld": derived.event_jsonld[event.id]},
                       out, routes.output_path(routes.event(event.id)))
    out.files.update(derived.files)
