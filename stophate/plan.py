"""The plan: every file the build writes, decided before anything is rendered.

`make_plan` asks each registered `PageType` for its jobs in each language. A `Job` says where a file goes (its URL
and output path), what makes it (a template or a writer), which source it comes from and what it is made from.
Rendering executes the plan; the sitemap, the feed, the link checks, the templates' `site_urls`, the preview and
`python build.py plan` all read it, so no address is worked out twice.

A new kind of page is one `PageType` added to `pagetypes.PAGE_TYPES`: a name, a `jobs` function listing its files in
one language, and a `make` function giving each one's template and context (or its bytes).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from . import routes
from .errors import Position
from .sitedata import Lang, SiteData

if TYPE_CHECKING:
    from .contexts import Contexts


@dataclass(frozen=True)
class Job:
    """One file of the site."""

    kind: str  # the PageType that plans and makes it: "page", "centre", "calendar"...
    route: str  # the same for every language version of this file ("centre:library"): alternates share it
    url: str  # the site path, as routes.py makes it: /pa/centres/library/
    path: str  # the output file, from routes.output_path(url): pa/centres/library/index.html
    lang: Lang
    maker: str  # the template (centre.html) or the writer (events.ics calendar) that makes it
    source: Position  # the file (and line) it comes from, for "where does this page come from?"
    inputs: tuple[Any, ...] = ()  # the models it is made from: a Page, a Centre, an Event...
    sitemap: bool = False  # listed in sitemap.xml


def job(kind: str, key: str, url: str, lang: Lang, maker: str, source: Position | str,
        inputs: tuple[Any, ...] = (), sitemap: bool = False) -> Job:
    """A Job whose output path comes from its URL and whose route key is `kind:key`."""
    where = source if isinstance(source, Position) else Position(source)
    return Job(kind, f"{kind}:{key}", url, routes.output_path(url), lang, maker, where, inputs, sitemap)


@dataclass(frozen=True)
class Render:
    """What a template job needs: the template's context, and digests already known for some of its names (things
    made from the listings alone are known by the listings' digest), so the render cache need not fingerprint them."""

    template: str
    context: dict[str, Any]
    known: dict[str, bytes] = field(default_factory=dict)


@dataclass(frozen=True)
class Compute:
    """A file made by a pure function of the inputs its key digests (a share card): run on any core with the
    renders, and kept by the cache under `key` as a rendered file is."""

    key: str
    make: Callable[[], bytes]


Made = Render | Compute | bytes


@dataclass(frozen=True)
class PageType:
    """A kind of output: how to list its jobs in one language, and how to make one of them."""

    name: str
    jobs: Callable[[SiteData, Lang], Iterable[Job]]
    make: Callable[[Job, Contexts], Made]
    # also planned in the site's other languages: what is translated (Markdown pages) or has no content of its
    # own (404); the rest is published once, in the default language, and other languages link it there
    translated: bool = False
    # its files read no page's text (body, headings, links) but their inputs' own: while the rest of the site
    # stands, they are reused without making their context (jobmemo.py); a page type that reads every post's
    # text (the feed) leaves it False
    keyed: bool = False


@dataclass(frozen=True)
class Plan:
    jobs: tuple[Job, ...]

    @functools.cached_property
    def urls(self) -> frozenset[str]:
        return frozenset(j.url for j in self.jobs)

    @functools.cached_property
    def by_path(self) -> dict[str, Job]:
        return {j.path: j for j in self.jobs}

    def of_kind(self, *kinds: str) -> list[Job]:
        return [j for j in self.jobs if j.kind in kinds]

    def sitemap_urls(self) -> list[str]:
        return [j.url for j in self.jobs if j.sitemap]

    def alternates(self, one: Job) -> list[Job]:
        """Every language version of the same file, this one included."""
        return [j for j in self.jobs if j.route == one.route]


def make_plan(data: SiteData, page_types: Iterable[PageType]) -> Plan:
    """Every job of every page type in every language. The first job for an output path wins (the checks report
    pages that collide); a static file yields to anything the build makes at its path."""
    jobs: dict[str, Job] = {}
    for lang in data.languages:
        for page_type in page_types:
            if lang.prefix and not page_type.translated:
                continue
            for one in page_type.jobs(data, lang):
                jobs.setdefault(one.path, one)
    return Plan(tuple(jobs.values()))


def describe(plan: Plan) -> str:
    """The plan as a table for people: every URL, what makes it, and the source it comes from."""
    rows = [("URL", "made by", "from")] + [(j.url, j.maker, str(j.source)) for j in plan.jobs]
    widths = [max(len(row[column]) for row in rows) for column in range(2)]
    return "\n".join(f"{u:<{widths[0]}}  {m:<{widths[1]}}  {s}".rstrip() for u, m, s in rows) + "\n"
