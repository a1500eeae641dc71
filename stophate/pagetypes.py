"""Every kind of file the site is made of, registered once in PAGE_TYPES, in the order the plan lists them.

Adding a kind of page is one entry: a `PageType` with a name, a `jobs(data, lang)` function that lists its files in
one language (each made with `plan.job`, its address from routes.py) and a `make(job, contexts)` function that gives
a `Render` (template and context) or the file's bytes. A page of a listing type comes from its `ListingType` record
in listing_types.py instead.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from typing import Any

from . import campaign_pages, routes, views
from .chooser_pages import CHOOSER_PAGES
from .contexts import Contexts
from .digests import digest_bytes
from .languages import original, page_language
from .listing_types import LISTING_TYPES, ItemPages, ListingFile, ListingType
from .models import Page
from .outputs import feeds, hosting, share_images, structured
from .plan import Compute, Job, Made, PageType, job
from .search import SEARCH_PAGE
from .sitedata import Lang, SiteData

LISTING_PAGES = frozenset(listing.index_template for listing in LISTING_TYPES)


def _markdown_jobs(data: SiteData, lang: Lang) -> Iterable[Job]:
    """The Markdown pages written in one language; a translation shares its original's route key. A page that
    lists a listing (template: centres) is in every language: where it has no translation, the default language's
    page is published under the language's prefix, its own text marked as in the default language and its list in
    the language's words."""
    keys = {p.source: p.slug if not p.is_post else f"news/{p.slug}" for p in data.pages if not p.translation_of}
    translated = {original(p) for p in data.pages if page_language(p) == lang.prefix}
    for page in data.pages:
        if page_language(page) == lang.prefix:
            key = keys.get(original(page), page.slug if not page.is_post else f"news/{page.slug}")
            yield job("page", key, page.url, lang, f"{page.template}.html", page.source, (page,),
                      sitemap=not page.draft)
        elif not page_language(page) and page.template in LISTING_PAGES and page.source not in translated:
            yield job("page", keys[page.source], routes.page(page.slug, lang.prefix), lang, f"{page.template}.html",
                      page.source, (page,), sitemap=not page.draft)


def _at(page: Page, url: str) -> Page:
    """A page published at another address (its default language's text under a language's prefix, or narrowed
    to one option of the finder): its own digest, so the render cache keeps the two apart."""
    if page.url == url:
        return page
    return dataclasses.replace(page, url=url, digest=digest_bytes(page.digest.encode(), url.encode()))


def _make_markdown(one: Job, contexts: Contexts) -> Made:
    page = _at(one.inputs[0], one.url)
    return contexts.render(one.maker, one.lang, contexts.page(page, one.lang))


def _filter_jobs(data: SiteData, lang: Lang) -> Iterable[Job]:
    """The centre finder's options as pages of their own, so the filters work without JavaScript."""
    centres_page = data.page_with_template("centres", lang.prefix)
    if centres_page is None:
        return
    for facet, value in views.finder_pages(data.listings.centres):
        yield job("centre-filter", f"{facet}/{value}", routes.centre_filter(facet, value, lang.prefix), lang,
                  "centres.html", "centres.yaml", (centres_page, facet, value))


def _make_filter(one: Job, contexts: Contexts) -> Made:
    centres_page, facet, value = one.inputs
    # the main centres page narrowed to one option: its own text stays on the main page
    page = dataclasses.replace(_at(centres_page, one.url), body_html="", headings=(), links=())
    name = f"finder {one.lang.prefix} {facet} {value}"
    finder, digest = contexts.known(name, lambda: views.finder(
        contexts.data.listings.centres, contexts.ui(one.lang), facet, value, lang=one.lang.prefix,
        cards={card["id"]: card for card in contexts.common(one.lang)[0]["centres"]}))
    own = {**contexts.page(page, one.lang), "finder": finder, "searchable": False}  # the main page is indexed
    return contexts.render(one.maker, one.lang, own, {"finder": digest})


def _item_page_type(listing: ListingType, pages: ItemPages) -> PageType:
    kind = pages.name

    def jobs(data: SiteData, lang: Lang) -> Iterable[Job]:
        for item in listing.items(data):
            yield job(kind, item.id, pages.url(item.id, lang.prefix), lang, pages.template, item.pos, (item,),
                      sitemap=pages.listed(data, item))

    def make(one: Job, contexts: Contexts) -> Made:
        item, data = one.inputs[0], contexts.data
        name = f"{kind} {one.lang.prefix} {item.id}"
        view, digest = contexts.known(name, lambda: listing.view(item, contexts.ui(one.lang), lang=one.lang.prefix))
        jsonld = contexts.derived(f"{kind} jsonld {one.lang.prefix} {item.id}", lambda: structured.script_json(
            pages.jsonld(data, item, contexts.ui(one.lang), one.lang.prefix))) if pages.jsonld else ""
        own: dict[str, Any] = {kind: view, "jsonld": jsonld, **pages.extra(data, item),
                               **contexts.languages.page_context(one.url, one.lang.prefix)}
        return contexts.render(pages.template, one.lang, own, {kind: digest})

    return PageType(kind, jobs, make, translated=True, keyed=True)


def _item_calendar_type(listing: ListingType, pages: ItemPages) -> PageType:
    kind = f"{pages.name}-calendar"
    write, calendar_url = pages.calendar

    def jobs(data: SiteData, lang: Lang) -> Iterable[Job]:
        for item in listing.items(data):
            yield job(kind, item.id, calendar_url(item.id, lang.prefix), lang, "calendar (iCalendar)", item.pos,
                      (item,))

    def make(one: Job, contexts: Contexts) -> Made:
        return contexts.derived(f"file {one.url}", lambda: write(contexts.data, one.inputs[0], contexts.ui(one.lang),
                                                                   one.lang.prefix))

    return PageType(kind, jobs, make, translated=True)


def _listing_file_type(listing: ListingType, file: ListingFile) -> PageType:
    kind = f"{listing.name}-{file.url('').rsplit('.', 1)[-1]}"  # events-ics, events-json
    maker = "calendar (iCalendar)" if file.url("").endswith(".ics") else "data (JSON)"

    def jobs(data: SiteData, lang: Lang) -> Iterable[Job]:
        yield job(kind, listing.name, file.url(lang.prefix), lang, maker, listing.file)

    def make(one: Job, contexts: Contexts) -> Made:
        return contexts.derived(f"file {one.url}", lambda: file.write(contexts.data, contexts.ui(one.lang),
                                                                        one.lang.prefix))

    return PageType(kind, jobs, make, translated=file.translated)


def _listing_page_types() -> list[PageType]:
    found = []
    for listing in LISTING_TYPES:
        if listing.pages is not None:
            found.append(_item_page_type(listing, listing.pages))
            if listing.name == "centres":
                found.append(PageType("centre-filter", _filter_jobs, _make_filter, translated=True,
                                            keyed=True))
    for listing in LISTING_TYPES:
        if listing.pages is not None and listing.pages.calendar is not None:
            found.append(_item_calendar_type(listing, listing.pages))
    found += [_listing_file_type(listing, file) for listing in LISTING_TYPES for file in listing.files]
    return found


def _single(kind: str, url: Callable[..., str], maker: str, source: str, make: Callable[[Job, Contexts], Made],
            every_language: bool = False, translated: bool = False, keyed: bool = True) -> PageType:
    """A page type with one file: in every language (`url` then takes the language), or only once."""

    def jobs(_data: SiteData, lang: Lang) -> Iterable[Job]:
        if every_language:
            yield job(kind, kind, url(lang.prefix), lang, maker, source)
        elif not lang.prefix:
            yield job(kind, kind, url(), lang, maker, source)

    return PageType(kind, jobs, make, translated, keyed)


def _address(data: SiteData) -> str:
    return data.absolute("/").split("//", 1)[-1].rstrip("/")


def _sitemap(_one: Job, contexts: Contexts) -> Made:
    alternates = {url: contexts.languages.alternates(url) for url in contexts.plan.sitemap_urls()}
    return feeds.sitemap(contexts.plan.sitemap_urls(), contexts.data.absolute, alternates)


def _robots(_one: Job, contexts: Contexts) -> Made:
    return feeds.robots(contexts.data.absolute)


def _headers(_one: Job, contexts: Contexts) -> Made:
    return hosting.headers_file(contexts.data.site.base_path, [job.path for job in contexts.plan.jobs])


def _site_share_image(_one: Job, contexts: Contexts) -> Made:
    site = contexts.data.site
    return _share_card(site.name, site.tagline or site.name, _address(contexts.data))


def _language_posts(data: SiteData, lang: Lang) -> list[Page]:
    """The posts written in one language, newest first (the default language's are data.posts)."""
    if not lang.prefix:
        return list(data.posts)
    return sorted((p for p in data.pages if p.is_post and page_language(p) == lang.prefix),
                  key=lambda p: (p.date or data.today, p.slug), reverse=True)


def _feed_jobs(data: SiteData, lang: Lang) -> Iterable[Job]:
    """The news feed, and one for each other language that has posts of its own."""
    if not lang.prefix or _language_posts(data, lang):
        yield job("feed", "feed", routes.feed(lang.prefix), lang, "news feed (Atom)", "content/posts")


def _feed(one: Job, contexts: Contexts) -> Made:
    data = contexts.data
    return feeds.atom_feed(data.site, _language_posts(data, one.lang), data.absolute, data.today, one.lang.prefix,
                           one.lang.code if one.lang.prefix else "")


def _share_image_jobs(data: SiteData, lang: Lang) -> Iterable[Job]:
    """A share card for each post, unless the post names its own image."""
    for post in data.posts:
        if not post.image:
            yield job("share-image", post.slug, routes.share_image(post.slug, lang.prefix), lang,
                      "share card (PNG)", post.source, (post,))


def _make_share_image(one: Job, contexts: Contexts) -> Made:
    data, post = contexts.data, one.inputs[0]
    footer = data.site.campaign.name if (post.campaign and data.site.campaign) else _address(data)
    return _share_card(data.site.name, post.title, footer)


def _share_card(site_name: str, title: str, footer: str) -> Compute:
    """A card is kept in the build cache by its text (its design is code, part of every key), between runs too: a
    build that keeps the cache draws only the cards whose text changed, and draws them on every core."""
    key = "render-card-" + digest_bytes(site_name.encode(), b"\0", title.encode(), b"\0", footer.encode())
    return Compute(key, lambda: share_images.share_card(site_name, title, footer))


def _static_jobs(data: SiteData, lang: Lang) -> Iterable[Job]:
    if lang.prefix:
        return
    for name in data.static:  # the builder's own style sheet and scripts under their fingerprinted names
        yield job("static", name, routes.static(data.assets.get(name, name)), lang, "copied", f"static/{name}")


def _make_static(one: Job, contexts: Contexts) -> Made:
    return contexts.data.static[one.route.removeprefix("static:")]


def _not_found(one: Job, contexts: Contexts) -> Made:
    return contexts.render(one.maker, one.lang, {})


PAGE_TYPES: tuple[PageType, ...] = (
    PageType("page", _markdown_jobs, _make_markdown, translated=True, keyed=True),
    *_listing_page_types(),
    CHOOSER_PAGES,
    SEARCH_PAGE,
    _single("not-found", routes.not_found, "404.html", "templates/404.html", _not_found, every_language=True,
            translated=True),
    _single("sitemap", routes.sitemap, "sitemap (XML)", "content", _sitemap),
    _single("robots", routes.robots, "robots.txt", "site.yaml", _robots),
    PageType("feed", _feed_jobs, _feed, translated=True),
    _single("headers", routes.headers, "_headers (security headers)", "site.yaml", _headers),
    _single("site-share-image", routes.site_share_image, "share card (PNG)", "site.yaml", _site_share_image),
    PageType("share-image", _share_image_jobs, _make_share_image, keyed=True),
    *campaign_pages.PAGE_TYPES,
    PageType("static", _static_jobs, _make_static),  # last: anything the build makes wins over a static file
)
BY_NAME = {page_type.name: page_type for page_type in PAGE_TYPES}
assert len(BY_NAME) == len(PAGE_TYPES), "two page types share a name"
