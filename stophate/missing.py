"""What could not be loaded because of problems of its own, so that references to it are not reported twice.

Every problem is reported in one run: the checks that need the whole site (links, related centres, venues, the
pages every page links to) run even when some files have errors. A reference to something that did not load may
well be right once that thing's own problems are fixed, so it is never reported as leading nowhere.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from . import routes, translated
from .errors import Position, Problems

EASY_READ_NAME = "-easy-read"
Broken = frozenset[str] | None  # the ids of a listing's records that did not load; None: the whole file did not


def is_broken(broken: Broken, item_id: str) -> bool:
    return broken is None or item_id in broken


def addresses_by_name(rel: str) -> set[str]:
    """The addresses a content file may have when its front matter cannot be read: by its name (about.pa.md ->
    /pa/about/), and for an easy read page named as the content guide says (report-easy-read.md) /report/easy-read/."""
    stem, code, _lang = translated.page_language(rel, None, Position(rel), Problems())
    is_post = rel.startswith("content/posts/")
    found = {routes.content_page(re.sub(r"^\d{4}-\d{2}-\d{2}-", "", stem) if is_post else stem, is_post, None, code)}
    if stem.endswith(EASY_READ_NAME) and not is_post:
        found.add(routes.easy_read(stem.removesuffix(EASY_READ_NAME), code))
    return found


@dataclass(frozen=True)
class Missing:
    sources: frozenset[str] = frozenset()  # content files that did not load: content/pages/about.md
    urls: frozenset[str] = frozenset()  # the addresses those would have by their names, and broken records'
    listings: Mapping[str, Broken] = field(default_factory=dict)  # listing kind (centres, events) -> its broken ids
    under: frozenset[str] = frozenset()  # every address starting so may exist: /report/choose/ when chooser.yaml broke

    @classmethod
    def make(cls, found: Iterable[str], loaded: Iterable[str], listings: Mapping[str, Broken],
             under: Iterable[str] = ()) -> Missing:
        """From every content file found, those that loaded as pages, each listing's broken ids, and the starts of
        addresses whose source did not load."""
        sources = frozenset(found) - frozenset(loaded)
        urls = {url for rel in sources for url in addresses_by_name(rel)}
        urls |= {routes.centre(i) for i in listings.get("centres") or ()}
        urls |= {url for i in listings.get("events") or () for url in (routes.event(i), routes.event_calendar(i))}
        return cls(sources, frozenset(urls), dict(listings), frozenset(under))

    def centre(self, centre_id: str) -> bool:
        """True when a centre of that id may exist but did not load."""
        return "centres" in self.listings and is_broken(self.listings["centres"], centre_id)

    def may_have(self, path: str) -> bool:
        """True when something that did not load may have been published at this address of the site."""
        segments = path.strip("/").split("/")
        candidates = {path, f"{path}/"}
        if len(segments) > 1:  # /pa/centres/x/: a listing's page in another language
            candidates |= {"/" + "/".join(segments[1:]) + "/"}
        if candidates & self.urls or any(f"{path}/".startswith(start) for start in self.under):
            return True
        return any(self.listings.get(kind, ()) is None and kind in segments[:2] for kind in ("centres", "events"))
