"""The orchestrator: read every source, check it, then render every file in memory. Nothing is written here."""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import posixpath
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import unquote, urlsplit

import jinja2
from markupsafe import Markup

from . import listing_pages, readability, renderpool, routes, views
from .assets import fingerprinted
from .cache import BuildCache
from .config import load_site
from .content import load_pages
from .contentfiles import MAX_STATIC_BYTES, find_files, read_file
from .errors import BuildFailed, Position, Problem, Problems
from .listings import Listings, load_listings
from .models import Page, Site
from .outputs import feeds, hosting, share_images
from .render import interfaces, make_environment
from .schedule import next_awareness_week, past_events, upcoming_events, upcoming_occurrences
from .slugs import uri

T = TypeVar("T")
BUILTIN_STATIC = Path(__file__).resolve().parent.parent / "static"
COMING_UP_DAYS = 56  # "coming up" across all venues: the next eight weeks


@dataclass(frozen=True)
class BuildOptions:
    today: dt.date
    drafts: bool = False  # the preview shows drafts and scheduled posts with a banner; a build never writes them
    strict: bool = False
    workers: int | None = None


@dataclass
class Output:
    files: dict[str, bytes] = field(default_factory=dict)  # output path (posix, relative) -> bytes
    problems: Problems = field(default_factory=Problems)
    pages: int = 0


def _template_problem(error: Exception, problems: Problems, page: str) -> None:
    if isinstance(error, jinja2.TemplateSyntaxError):
        problems.add(Position(f"templates/{error.name or error.filename}", error.lineno or 0, 1), "template",
                     f"template error: {error.message}", "check the tag on this line is closed and spelled right")
        return
    tb = error.__traceback__
    where = Position("templates", 0, 0)
    while tb is not None:
        name = tb.tb_frame.f_code.co_filename
        if name.endswith((".html", ".xml")) and "templates" in name:
            where = Position("templates/" + name.split("templates/")[-1], tb.tb_lineno, 1)
        tb = tb.tb_next
    problems.add(where, "template", f"template error while writing {page}: {error}",
                 "check the names used on this line exist in the page's data")


class SiteBuilder:
    """Holds the loaded sources for one build; every method below reads them and renders one kind of page."""

    def __init__(self, root: Path, site: Site, listings: Listings, pages: list[Page], options: BuildOptions,
                 cache: BuildCache | None = None, assets: dict[str, str] | None = None):
        self.root = root
        self.cache = cache
        self.queue: list[renderpool.Job] | None = None
        self.site = site
        self.listings = listings
        self.options = options
        today = options.today
        visible = [p for p in pages if options.drafts or (not p.draft and not (p.date and p.date > today))]
        self.pages = visible
        self.posts = sorted((p for p in visible if p.is_post), key=lambda p: (p.date or today, p.slug), reverse=True)
        # cancelled sessions are kept (and labelled) so residents and calendars learn that a usual date is off
        self.occurrences = upcoming_occurrences(listings.surgeries, today, cancelled=True)
        self.events = upcoming_events(listings.events, today)
        self.past_events = past_events(listings.events, today)
        self.env = make_environment(root, site, assets)
        self.ui = interfaces(root, site)[""]  # the default language's; one compiled catalogue per language
        # templates link to optional pages (about, privacy...) only when this site has them
        self.env.globals["site_urls"] = frozenset(self.planned)
        if options.drafts:  # the preview only: its reload script must run
            self.env.globals["csp"] = hosting.preview_policy()
        if cache is not None:
            cache.prepare(self.env)
        self.surgery_by_id = {s.id: s for s in listings.surgeries}
        self.footer_routes = Markup("")

    def derived(self, name: str, compute: Callable[[], T]) -> T:
        """Something made from site.yaml and the listings alone: with a cache, kept while those files and the
        build date are unchanged, so editing one page does not remake every calendar, data file and finder.
        Their words come from the interface catalogues too, so those are part of the key."""
        if self.cache is None:
            return compute()
        extra = f"{self.options.today.isoformat()} {self.env.globals['catalogues']}"
        return self.cache.stage(name, listing_files(self.root), extra, Problems(), lambda _found: compute())

    @functools.cached_property
    def _origin(self) -> str:
        parts = urlsplit(self.site.base_url)
        return f"{parts.scheme}://{parts.netloc}"

    def absolute(self, path: str) -> str:
        """The full address of a path of this site (asked for every page by the sitemap, feeds and data files)."""
        return uri(self._origin + self.site.base_path + path.lstrip("/"))

    @functools.cached_property
    def common(self) -> dict[str, Any]:
        starts, ends = next_awareness_week(self.options.today, self.site.campaign)
        return {
            "today": self.options.today,
            "routes": views.report_routes(self.site.report_routes),
            "campaign_week": {"starts": starts, "ends": ends},
            "preview": self.options.drafts,
            "footer_routes": self.footer_routes,
        }

    @functools.cached_property
    def listing_context(self) -> dict[str, Any]:
        """The listings every page may show, as views: made once per build rather than once per page, and with a
        cache kept from build to build while the listings stand (the same objects let the render cache skip them)."""
        return {**self.derived("listing-views", self._listing_views), "posts": [views.post(p) for p in self.posts]}

    def _listing_views(self) -> dict[str, Any]:
        today, ui = self.options.today, self.ui
        coming_up_end = today + dt.timedelta(days=COMING_UP_DAYS)
        return {
            "services": [views.service(s) for s in self.listings.services],
            "centres": [views.centre(c, ui) for c in self.listings.centres],
            "finder": views.finder(self.listings.centres, ui),
            "surgeries": [views.surgery(s, self.occurrences, ui) for s in self.listings.surgeries],
            "coming_up": [views.occurrence(o, self.surgery_by_id, ui) for o in self.occurrences
                          if o.date <= coming_up_end and not o.cancelled],
            # the surgeries page also lists cancelled sessions, labelled, so regulars know not to go
            "coming_up_with_cancelled": [views.occurrence(o, self.surgery_by_id, ui) for o in self.occurrences
                                         if o.date <= coming_up_end],
            "events": [views.event(e, ui) for e in self.events],
            "past_events": [views.event(e, ui) for e in self.past_events],
        }

    def page_context(self, page: Page) -> dict[str, Any]:
        today = self.options.today
        return {
            **self.listing_context,
            "page": page,
            "related_centres": [views.centre(c, self.ui) for c in self.listings.centres if c.id in page.centres]
                                if page.centres else (),  # one shared empty value: the cache knows it
            "status": "draft" if page.draft else ("scheduled" if page.date and page.date > today else ""),
        }

    @functools.cached_property
    def planned(self) -> dict[str, str]:
        """Every URL this build will write, mapped to what writes it, before anything is rendered."""
        urls: dict[str, str] = {}
        for page in self.pages:
            urls.setdefault(page.url, page.source)
        for url, source in listing_pages.planned_urls(self).items():
            urls.setdefault(url, source)
        return urls

    def check_urls(self, problems: Problems) -> None:
        """Two sources writing the same address would silently lose one of them: both are named instead."""
        seen: dict[str, Page] = {}
        generated = {routes.centre(c.id): c.pos for c in self.listings.centres}
        generated |= {routes.event(e.id): e.pos for e in self.listings.events}
        reserved = {routes.news(), routes.feed(), routes.sitemap(), routes.not_found(), routes.robots(),
                    "/" + hosting.ASSETS}  # kept a year by browsers: no page may live there
        for page in self.pages:
            where = page.at("slug")
            if page.url in seen:
                problems.add(where, "slug", f"two pages would both be published at {page.url}",
                             f"the other is {seen[page.url].source}; change the slug or file name of one")
            elif page.url in generated:
                other = generated[page.url]
                problems.add(where, "slug", f"this page would replace the listing page at {page.url}",
                             f"that page is made from {other.path} line {other.line}; choose another slug")
            elif page.url in reserved and page.template != "posts":
                problems.add(where, "slug", f"the address {page.url} is made by the builder itself",
                             "choose another slug")
            seen.setdefault(page.url, page)
        for needed, name, template in ((routes.home(), "index.md", "home"),
                                       (routes.page("report"), "report.md", "report")):
            if needed not in seen:
                problems.add(Position("content/pages"), "", f"the site has no {needed} page, which every page links to",
                             f"add content/pages/{name} with template: {template}")

    def check_links(self, problems: Problems, static_files: set[str]) -> None:
        """Every link and image inside the site leads somewhere this build writes."""
        urls = set(self.planned) | {routes.feed(), routes.sitemap()}
        pages = sorted(u for u in urls if u.endswith("/"))  # suggestions name a page, never a data file
        files = {"/" + f for f in static_files}
        by_source = {p.source: p for p in self.pages}

        def known(path: str) -> bool:
            return path in urls or path in files or (path + "/") in urls

        for page in self.pages:
            folder = posixpath.dirname(page.source)
            for href, where in page.links:
                target = unquote(urlsplit(href).path)
                if target.endswith(".md"):
                    others = {source: p for source, p in by_source.items() if source != page.source}
                    self._check_md_link(href, target, folder, others, where, problems)
                elif not target.startswith("/"):
                    problems.add(where, "body", f'the link "{href}" is relative, so it breaks when pages move',
                                 "start links to this site with /, for example /report/")
                elif not known(target):
                    is_file = "." in target.rsplit("/", 1)[-1]
                    close = difflib.get_close_matches(target, sorted(files) if is_file else pages, n=1)
                    if close:
                        hint = f"did you mean {close[0]}?"
                    elif is_file:
                        hint = "check the file is in the static/ folder and its name is spelled the same"
                    else:
                        hint = "check the page exists and its address"
                    what = "there is no file" if is_file else "there is no page"
                    problems.add(where, "body", f"the link {href} leads nowhere: {what} at {target} on this site",
                                 hint)
        def page_hint(path: str) -> str:
            close = difflib.get_close_matches(path, pages, n=1)
            return f"did you mean {close[0]}?" if close else "add that page, or point the link at a page that exists"

        for index, route in enumerate(self.site.report_routes):
            if route.page and not known(route.page.split("#")[0]):
                problems.add(route.at("page"), f"report_routes[{index}].page",
                             f"the route links to {route.page}, which is not a page", page_hint(route.page))
        for index, link in enumerate(self.site.nav):
            if not known(link.url.split("#")[0]):
                problems.add(link.at("url"), f"nav[{index}].url",
                             f"the menu link {link.url} leads to no page on this site", page_hint(link.url))

    def _check_md_link(self, href: str, target: str, folder: str, by_source: dict[str, Page], where: Position,
                       problems: Problems) -> None:
        """A link to a Markdown file, read the way an editor's preview reads it: relative to the linking file."""
        if target.startswith("/"):  # from the content folder: /pages/report.md, or /report.md for short
            candidates = [posixpath.normpath("content" + target), posixpath.normpath("content/pages" + target)]
        else:
            candidates = [posixpath.normpath(posixpath.join(folder, target))]
        source = next((c for c in candidates if c in by_source), candidates[0])
        page = by_source.get(source)
        if page is None:
            close = difflib.get_close_matches(source, sorted(by_source), n=1)
            hint = (f"did you mean {close[0]}? " if close else "") + "or link to the page's address, such as /report/"
            problems.add(where, "body", f"the link {href} leads nowhere: there is no published file {source}", hint)
        elif page.url != routes.markdown_link(target):
            problems.add(where, "body", f"the link {href} leads nowhere: that page is published at {page.url}",
                         f"link to {page.url} instead")

    def check_related(self, problems: Problems) -> None:
        """A page's related centres must exist in centres.yaml."""
        ids = [c.id for c in self.listings.centres]
        for page in self.pages:
            for index, centre_id in enumerate(page.centres):
                if centre_id not in ids:
                    close = difflib.get_close_matches(centre_id, ids, n=1)
                    problems.add(page.at(f"centres[{index}]"), f"centres[{index}]",
                                 f"there is no centre with the id '{centre_id}'",
                                 (f"did you mean {close[0]}? " if close else "")
                                 + "use the id of a centre in centres.yaml")

    def render(self, template: str, context: dict[str, Any], out: Output, path: str) -> None:
        context = {**self.common, **context}
        key = self.cache.render_key(self.env, template, context) if self.cache else None
        cached = self.cache.get_rendered(key) if self.cache and key else None
        if cached is not None:
            out.files[path] = cached
            out.pages += path.endswith(".html")
            return
        if self.queue is not None:  # rendered by renderpool after build(), on every core
            self.queue.append((template, context, path, key))
            out.files[path] = b""  # keeps the file's place; filled in (or removed on error) by the queue
            return
        data = self.render_bytes(template, context, path, out.problems)
        if data is None:
            return
        out.files[path] = data
        if self.cache and key:
            self.cache.put_rendered(key, data)
        if path.endswith(".html"):
            out.pages += 1

    def render_bytes(self, template: str, context: dict[str, Any], path: str, problems: Problems) -> bytes | None:
        try:
            html = self.env.get_template(template).render(context)
        except jinja2.TemplateError as error:
            _template_problem(error, problems, path)
            return None
        except Exception as error:  # a template calling a filter badly must not crash the build
            _template_problem(error, problems, path)
            return None
        return html.encode("utf-8")

    def build(self, out: Output) -> None:
        try:  # the footer's routes are the same on every page: render the component once, not 1,500 times
            component = self.env.get_template("components/routes.html").module.appReportRoutes  # type: ignore[attr-defined]
            self.footer_routes = component({"routes": views.report_routes(self.site.report_routes), "compact": True,
                                            "headingLevel": 3, "idPrefix": "footer-route-"})
        except Exception as error:  # a council's own component with a mistake: a problem, not a traceback
            _template_problem(error, out.problems, "the footer of every page")
        for page in self.pages:
            self.render(f"{page.template}.html", self.page_context(page), out, routes.output_path(page.url))
        listing_pages.render(self, out)
        self.render("404.html", {}, out, routes.output_path(routes.not_found()))
        urls = [p.url for p in self.pages if not p.draft]
        urls += [routes.centre(c.id) for c in self.listings.centres]
        urls += [routes.event(e.id) for e in self.events]
        out.files[routes.output_path(routes.sitemap())] = feeds.sitemap(urls, self.absolute)
        out.files[routes.output_path(routes.robots())] = feeds.robots(self.absolute)
        out.files[routes.output_path(routes.feed())] = feeds.atom_feed(self.site, self.posts, self.absolute,
                                                                       self.options.today)
        out.files[routes.output_path(routes.headers())] = hosting.headers_file(self.site.base_path)
        self.share_cards(out)

    def share_cards(self, out: Output) -> None:
        """A card for the site and one for each post, unless the post names its own image."""
        address = self.absolute("/").split("//", 1)[-1].rstrip("/")
        out.files[routes.output_path(routes.site_share_image())] = share_images.share_card(
            self.site.name, self.site.tagline or self.site.name, address)
        for post in self.posts:
            if not post.image:
                footer = self.site.campaign.name if (post.campaign and self.site.campaign) else address
                out.files[routes.output_path(routes.share_image(post.slug))] = share_images.share_card(
                    self.site.name, post.title, footer)


def static_files(root: Path, problems: Problems) -> dict[str, bytes]:
    """Built-in static files, then the content folder's own, which win on the same name."""
    found: dict[str, bytes] = {}
    for base, folder in ((BUILTIN_STATIC.parent, BUILTIN_STATIC.name), (root, "static")):
        for rel in find_files(base, folder, problems):
            data = read_file(base, rel, problems, MAX_STATIC_BYTES)
            if data is not None:
                found[rel.removeprefix(folder + "/")] = data
    return found


def builtin_static_names() -> set[str]:
    """The builder's own style sheet, scripts and icon: the templates link to them, so they are fingerprinted."""
    return {file.relative_to(BUILTIN_STATIC).as_posix() for file in BUILTIN_STATIC.rglob("*") if file.is_file()}


def _stop_on_errors(problems: Problems, options: BuildOptions) -> None:
    if options.strict:
        problems.warnings_as_errors()
    if problems.errors:
        raise BuildFailed(problems.sorted())


def _check_readability(root: Path, pages: list[Page], grade: float, problems: Problems, cache: BuildCache | None,
                       workers: int | None) -> None:
    """Readability warnings for every page, on every core; with a cache, only for pages that changed."""

    def check(page: Page, found: Problems) -> float | None:
        return readability.check_page(root, page, grade, found)

    def on_all_cores(function: Callable[[Page], Any], items: list[Page]) -> list[Any]:
        return renderpool.fork_map(function, items, workers)

    def problems_of(page: Page) -> list[Problem]:
        found = Problems()
        check(page, found)
        return found.items

    if cache is None:
        for items in on_all_cores(problems_of, pages):
            problems.items.extend(items)
    else:  # the check reads each page's file to point at lines: the digest of that file is part of its inputs
        cache.each("readability", pages, lambda page: f"{page.digest} {grade!r}".encode(),
                   problems, check, on_all_cores)


def listing_files(root: Path) -> list[Path]:
    """site.yaml and the listings: the inputs of everything `SiteBuilder.derived` makes."""
    return sorted([*root.glob("*.yaml"), *root.glob("*.yml")])


def build(root: Path, options: BuildOptions, cache: BuildCache | None = None) -> Output:
    """Run every stage. Raises BuildFailed with every problem when the content has errors.

    With a cache, results whose inputs have not changed are reused (see cache.py); the output is the same.
    """
    out = Output()
    problems = out.problems
    if cache is None:
        site = load_site(root, problems)
        listings = load_listings(root, options.today, problems)
    else:
        cache.start_build()
        yaml_files = listing_files(root)
        site = cache.stage("site", yaml_files, "", problems, lambda found: load_site(root, found))
        listings = cache.stage("listings", yaml_files, options.today.isoformat(), problems,
                               lambda found: load_listings(root, options.today, found))
    pages = load_pages(root, site.base_path if site else "/", problems, options.workers,
                       cache.pages if cache else None)
    statics = static_files(root, problems)
    if site is None:
        raise BuildFailed(problems.sorted())
    _stop_on_errors(problems, options)
    assets = fingerprinted(statics, builtin_static_names())
    builder = SiteBuilder(root, site, listings, pages, options, cache, assets)
    builder.check_urls(problems)
    builder.check_links(problems, set(statics))
    builder.check_related(problems)
    _check_readability(root, builder.pages, site.reading_grade, problems, cache, options.workers)
    _stop_on_errors(problems, options)
    builder.queue = []
    builder.build(out)
    renderpool.render_queued(builder, builder.queue, out, options.workers)
    builder.queue = None
    for name, data in statics.items():
        out.files.setdefault(assets.get(name, name), data)
    _stop_on_errors(problems, options)
    if cache is not None:
        cache.finish_build()
    return out
