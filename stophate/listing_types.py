"""The listing types, each written once: its file, its schema, its pages, its card, its structured data and the
calendars and data files made from it.

A new listing type is one `ListingType` in LISTING_TYPES (and a field of the same name in `listings.Listings`, with
its model in models.py and its schema in schema.py); pagetypes.py makes its pages and files from this record, and
listings.py loads its file with this schema.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from . import routes, views
from .fields import Schema
from .interface import Interface
from .outputs import calendars, data, structured
from .schema import CENTRE, EVENT, SERVICE, SURGERY

if TYPE_CHECKING:
    from .sitedata import SiteData


@dataclass(frozen=True)
class ItemPages:
    """A page for each item of a listing, such as a page per centre."""

    template: str  # centre.html
    url: Callable[..., str]  # the route of one item's page: routes.centre(id, lang)
    name: str  # the name the template knows the item's view by: centre
    # schema.org structured data in a language: its interface, and its URL code
    jsonld: Callable[[SiteData, Any, Interface, str], dict[str, Any]] | None = None
    listed: Callable[[SiteData, Any], bool] = lambda _data, _item: True  # is it in sitemap.xml?
    extra: Callable[[SiteData, Any], dict[str, Any]] = lambda _data, _item: {}  # more values for the template
    # an "Add to calendar" file for each item: how it is written, and its route (routes.event_calendar)
    calendar: tuple[Callable[[SiteData, Any, Interface, str], bytes], Callable[..., str]] | None = None


@dataclass(frozen=True)
class ListingFile:
    """A file made from a whole listing: a calendar or a data file for partners."""

    url: Callable[[str], str]  # its route in a language (routes.py), by URL code: routes.calendar("events", "pa")
    write: Callable[[SiteData, Interface, str], bytes]  # in a language: its interface, and its URL code
    translated: bool = False  # a file in every language (a calendar has words); else once (data for partners)


@dataclass(frozen=True)
class ListingType:
    name: str  # the top-level key of its file and the field of listings.Listings: centres
    file: str  # centres.yaml
    schema: Schema
    index_template: str  # the template of the Markdown page that lists them all (template: centres)
    card: str  # the macro in components/cards.html that shows one item in a list
    view: Callable[..., dict[str, Any]]  # (item, ui, lang) -> its card's params, in one language
    pages: ItemPages | None = None
    files: tuple[ListingFile, ...] = ()

    def items(self, data: SiteData) -> tuple[Any, ...]:
        return getattr(data.listings, self.name)


def _same_file(url: str) -> Callable[[str], str]:
    """The route of a file that is the same in every language."""
    return lambda _lang: url


def _event_calendar(site_data: SiteData, event: Any, ui: Interface, lang: str) -> bytes:
    return calendars.event_calendar(site_data.site, event, site_data.absolute, site_data.today, ui, lang)


CENTRES = ListingType(
    name="centres", file="centres.yaml", schema=CENTRE, index_template="centres", card="appCentreCard",
    view=views.centre,
    pages=ItemPages("centre.html", routes.centre, "centre",
                    jsonld=lambda d, c, ui, lang: structured.centre(c, d.absolute, ui, lang)),
    files=(ListingFile(_same_file(routes.data_file("centres")),
                       lambda d, _ui, _lang: data.centres_json(d.site, d.listings.centres, d.absolute, d.today)),),
)
SURGERIES = ListingType(
    name="surgeries", file="surgeries.yaml", schema=SURGERY, index_template="surgeries", card="appSurgeryCard",
    view=views.surgery,
    files=(ListingFile(functools.partial(routes.calendar, "surgeries"),
                       lambda d, ui, lang: calendars.surgeries_calendar(
                           d.site, d.listings.surgeries, d.occurrences, d.absolute, d.today, ui, lang),
                       translated=True),
           ListingFile(_same_file(routes.data_file("surgeries")), lambda d, _ui, _lang: data.surgeries_json(
               d.site, d.listings.surgeries, d.occurrences, d.absolute, d.today))),
)
EVENTS = ListingType(
    name="events", file="events.yaml", schema=EVENT, index_template="events", card="appEventCard", view=views.event,
    pages=ItemPages("event.html", routes.event, "event",
                    jsonld=lambda d, e, ui, lang: structured.event(d.site, e, d.absolute, ui, lang),
                    listed=lambda d, e: e in d.events,  # past events keep their page, out of the sitemap
                    extra=lambda d, e: {"past": e in d.past_events},
                    calendar=(_event_calendar, routes.event_calendar)),
    files=(ListingFile(functools.partial(routes.calendar, "events"),
                       lambda d, ui, lang: calendars.events_calendar(d.site, d.events, d.absolute, d.today, ui, lang),
                       translated=True),
           ListingFile(_same_file(routes.data_file("events")),
                       lambda d, _ui, _lang: data.events_json(d.site, d.events, d.absolute, d.today))),
)
SERVICES = ListingType(
    name="services", file="services.yaml", schema=SERVICE, index_template="support", card="appServiceCard",
    view=views.service,
)
LISTING_TYPES = (CENTRES, SURGERIES, EVENTS, SERVICES)
