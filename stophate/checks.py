"""Checks that need the whole site: addresses that collide, links that lead nowhere, related centres that do not
exist, and plain English. All of them read the plan for what the build will write."""

from __future__ import annotations

import difflib
import posixpath
from collections.abc import Callable
from collections.abc import Set as AbstractSet
from typing import Any
from urllib.parse import unquote, urlsplit

from . import readability, routes
from .cache import Cache
from .errors import Position, Problems
from .models import Page
from .outputs import hosting
from .plan import Plan
from .pool import fork_map
from .sitedata import SiteData

ITEM_KINDS = ("centre", "event")  # pages made from one listed item, which a Markdown page must not replace


def check_urls(data: SiteData, plan: Plan, problems: Problems) -> None:
    """Two sources writing the same address would silently lose one of them: both are named instead."""
    seen: dict[str, Page] = {}
    generated = {j.url: j.inputs[0].pos for j in plan.of_kind(*ITEM_KINDS)}
    reserved = {routes.news(), routes.feed(), routes.sitemap(), routes.not_found(), routes.robots(), routes.search(),
                "/" + hosting.ASSETS}  # kept a year by browsers: no page may live there
    for page in data.pages:
        where = page.at("slug")
        if page.url in seen:
            problems.add(where, "slug", f"two pages would both be published at {page.url}",
                         f"the other is {seen[page.url].source}; change the slug or file name of one")
        elif page.url in generated:
            other = generated[page.url]
            problems.add(where, "slug", f"this page would replace the listing page at {page.url}",
                         f"that page is made from {other.path} line {other.line}; choose another slug")
        elif page.url in reserved and page.template != "posts":
            problems.add(where, "slug", f"the address {page.url} is made by the builder itself", "choose another slug")
        seen.setdefault(page.url, page)
    for needed, name, template in ((routes.home(), "index.md", "home"), (routes.page("report"), "report.md", "report")):
        if needed not in seen and not data.missing.may_have(needed):
            problems.add(Position("content/pages"), "", f"the site has no {needed} page, which every page links to",
                         f"add content/pages/{name} with template: {template}")


def _nowhere_hint(target: str, pages: list[str], files: list[str]) -> str:
    is_file = "." in target.rsplit("/", 1)[-1]
    close = difflib.get_close_matches(target, files if is_file else pages, n=1)
    if close:
        return f"did you mean {close[0]}?"
    if is_file:
        return "check the file is in the static/ folder and its name is spelled the same"
    return "check the page exists and its address"


def check_links(data: SiteData, plan: Plan, problems: Problems) -> None:
    """Every link and image inside the site leads somewhere this build writes."""
    urls = plan.urls
    pages = sorted(u for u in urls if u.endswith("/"))  # suggestions name a page, never a data file
    files = sorted(j.url for j in plan.of_kind("static"))
    by_source = {p.source: p for p in data.pages}

    def known(path: str) -> bool:
        return path in urls or (path + "/") in urls or data.missing.may_have(path)

    for page in data.pages:
        folder = posixpath.dirname(page.source)
        for href, where in page.links:
            target = unquote(urlsplit(href).path)
            if target.endswith(".md"):
                others = {source: p for source, p in by_source.items() if source != page.source}
                _check_markdown_link(href, target, folder, others, where, problems, data.missing.sources)
            elif not target.startswith("/"):
                problems.add(where, "body", f'the link "{href}" is relative, so it breaks when pages move',
                             "start links to this site with /, for example /report/")
            elif not known(target):
                what = "there is no file" if "." in target.rsplit("/", 1)[-1] else "there is no page"
                problems.add(where, "body", f"the link {href} leads nowhere: {what} at {target} on this site",
                             _nowhere_hint(target, pages, files))

    def page_hint(path: str) -> str:
        close = difflib.get_close_matches(path, pages, n=1)
        return f"did you mean {close[0]}?" if close else "add that page, or point the link at a page that exists"

    for index, route in enumerate(data.site.report_routes):
        if route.page and not known(route.page.split("#")[0]):
            problems.add(route.at("page"), f"report_routes[{index}].page",
                         f"the route links to {route.page}, which is not a page", page_hint(route.page))
    for index, link in enumerate(data.site.nav):
        if not known(link.url.split("#")[0]):
            problems.add(link.at("url"), f"nav[{index}].url",
                         f"the menu link {link.url} leads to no page on this site", page_hint(link.url))


def _check_markdown_link(href: str, target: str, folder: str, by_source: dict[str, Page], where: Position,
                         problems: Problems, missing: AbstractSet[str]) -> None:
    """A link to a Markdown file, read the way an editor's preview reads it: relative to the linking file."""
    if target.startswith("/"):  # from the content folder: /pages/report.md, or /report.md for short
        candidates = [posixpath.normpath("content" + target), posixpath.normpath("content/pages" + target)]
    else:
        candidates = [posixpath.normpath(posixpath.join(folder, target))]
    source = next((c for c in candidates if c in by_source), candidates[0])
    page = by_source.get(source)
    if page is None and source in missing:
        return  # that file has problems of its own
    if page is None:
        close = difflib.get_close_matches(source, sorted(by_source), n=1)
        hint = (f"did you mean {close[0]}? " if close else "") + "or link to the page's address, such as /report/"
        problems.add(where, "body", f"the link {href} leads nowhere: there is no published file {source}", hint)
    elif page.url != routes.markdown_link(target):
        problems.add(where, "body", f"the link {href} leads nowhere: that page is published at {page.url}",
                     f"link to {page.url} instead")


def check_related(data: SiteData, problems: Problems) -> None:
    """A page's related centres must exist in centres.yaml."""
    ids = [c.id for c in data.listings.centres]
    for page in data.pages:
        for index, centre_id in enumerate(page.centres):
            if centre_id not in ids and not data.missing.centre(centre_id):
                close = difflib.get_close_matches(centre_id, ids, n=1)
                problems.add(page.at(f"centres[{index}]"), f"centres[{index}]",
                             f"there is no centre with the id '{centre_id}'",
                             (f"did you mean {close[0]}? " if close else "") + "use the id of a centre in centres.yaml")


def check_readability(data: SiteData, problems: Problems, cache: Cache) -> None:
    """Readability warnings for every page, on every core; with a cache, only for pages that changed."""
    grade = data.site.reading_grade

    def check(page: Page, found: Problems) -> float | None:
        return readability.check_page(data.root, page, grade, found)

    def on_all_cores(function: Callable[[Page], Any], items: list[Page]) -> list[Any]:
        return fork_map(function, items, data.options.workers)

    # the check reads each page's file to point at lines: the digest of that file is part of its inputs
    cache.each("readability", list(data.pages), lambda page: f"{page.digest} {grade!r}".encode(), problems, check,
               on_all_cores, kept_as=float | None)
