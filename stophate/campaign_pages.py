"""The campaign kit's page types beside its Markdown page: kit.json, the share images, the printable poster and
pocket card (as pages and as PDFs), and the events list partners place in an iframe.

The campaign page is the Markdown page with `template: campaign`; every address here hangs off its own (routes.py).
Each kind is a `PageType` in PAGE_TYPES below, registered in pagetypes.py.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

import jinja2
import segno
from markupsafe import Markup

from . import campaign, routes, views
from .digests import digest_bytes
from .errors import Problems
from .interface import Interface
from .models import CampaignMessage, Page, ReportRoute
from .outputs import campaign_images
from .plan import Compute, Job, Made, PageType, Plan, job
from .render import template_problem
from .sitedata import Lang, SiteData

if TYPE_CHECKING:
    from .contexts import Contexts

PRINTS = ("poster", "card")  # an A4 poster; a pocket card of 85 x 55 mm, two sides
CARD_CONTACTS = 6  # as many numbers as the card's front holds in type large enough to read
CARD_CENTRES = 3


def page_of(data: SiteData) -> Page | None:
    """The campaign page in the site's own language; its translations sit beside it (campaign.pa.md)."""
    if data.site.campaign is None:
        return None
    return next((p for p in data.pages if p.template == campaign.TEMPLATE and not p.translation_of), None)


def versions(data: SiteData) -> dict[str, Page]:
    """The campaign page in each language it is published in, by the language's prefix ("" for the site's own)."""
    source = page_of(data)
    if source is None:
        return {}
    found = {"": source}
    found.update((p.lang, p) for p in data.pages if p.translation_of == source.source and p.template == source.template)
    return found


def season(data: SiteData) -> campaign.Season:
    return campaign.season(data.today, data.site.campaign)


def messages(data: SiteData, page: Page) -> tuple[CampaignMessage, ...]:
    """The ready-to-post messages of one language: site.yaml's, or those in a translation's front matter."""
    if page.translation_of:
        return page.messages
    return data.site.campaign.messages if data.site.campaign else ()


def _name(data: SiteData, page: Page) -> str:
    """The week's name in the page's language: the translated page's title."""
    return page.title if page.translation_of or data.site.campaign is None else data.site.campaign.name


def link_in(data: SiteData, prefix: str, urls: frozenset[str]) -> Callable[[str], str]:
    """A message's link as its post writes it: to the page in the post's language, where the site (`urls`, the
    plan's addresses) has one."""

    def link(path: str) -> str:
        own = routes.prefix(prefix) + path
        return data.absolute(own if prefix and own.split("#")[0] in urls else path)

    return link


def kit(data: SiteData, page: Page, ui: Interface, urls: frozenset[str]) -> tuple[campaign.KitPost, ...]:
    """One language's posts: its messages, with links to its own pages and its words on the images."""
    if data.site.campaign is None:
        return ()
    prefix = page.lang if page.translation_of else ""
    words = campaign.wording(ui, _address(data, "/"), _name(data, page), season(data))
    return campaign.kit_posts(messages(data, page), page.url, campaign.hashtags(data.site.campaign), words,
                              link_in(data, prefix, urls))


def banner(data: SiteData, ui: Interface, prefix: str) -> dict[str, Any] | None:
    """The short banner every page shows from four weeks before the week to its last day, linking the campaign
    page in the page's language where there is one."""
    pages, week = versions(data), season(data)
    if not pages or not week.in_season:
        return None
    page = pages.get(prefix, pages[""])
    return {"href": page.url, "name": _name(data, page), "dates": campaign.week_dates(week, ui),
            "running": week.running}


def check(data: SiteData, plan: Plan, problems: Problems) -> None:
    """Before anything is rendered: each message in each language fits, links to a page this build writes, and
    (in the site's own language) reads easily; a translation has as many messages as site.yaml."""
    pages = versions(data)
    for page in data.pages:
        if page.messages and not (page.translation_of and pages.get(page.lang) is page):
            problems.add(page.at("messages"), "messages", "only a translation of the campaign page has messages:",
                         "write the site's own messages in site.yaml under campaign: messages:, and their "
                         "translations in the campaign page's translations (campaign.pa.md)")
    if data.site.campaign is None:
        return
    tags, english = campaign.hashtags(data.site.campaign), data.site.campaign.messages
    for prefix, page in pages.items():
        where = "messages" if prefix else "campaign.messages"
        found = messages(data, page)
        campaign.check_messages(found, tags, link_in(data, prefix, plan.urls), where, problems,
                                plain_english=not prefix)
        for index, message in enumerate(found):
            target = message.link.split("#")[0]
            if target not in plan.urls and not data.missing.may_have(target):  # a page with problems of its own
                problems.add(message.at("link"), f"{where}[{index}].link",
                             f"the post links to {message.link}, which is not a page of this site",
                             "link to a page that exists, such as /report/")
        if prefix and len(found) != len(english):
            problems.warn(page.at("messages"), "messages", f"{page.source} has {len(found)} ready-to-post "
                          f"messages, and site.yaml's campaign has {len(english)}",
                          "translate each of campaign.messages in site.yaml, in the same order")


def _address(data: SiteData, path: str) -> str:
    return data.absolute(path).split("//", 1)[-1].rstrip("/")


def print_contacts(report_routes: tuple[ReportRoute, ...], ui: Interface) -> list[dict[str, str]]:
    """Every number from the reporting routes, emergency first; a route with no number (True Vision) by its
    web address. Taken from site.yaml, so the printed numbers are the site's own."""
    rows = []
    for route in views.report_routes(report_routes, ui):
        numbers = [c for c in route["contacts"] if c["kind"] in ("phone", "sms")]
        for contact in numbers or [c for c in route["contacts"] if c["kind"] == "url"][:1]:
            verb = {"phone": "Call", "sms": "Text"}.get(contact["kind"], "")
            # "Call 999" beside "999" says it twice: such a contact is named by its route instead
            label = route["title"] if contact["text"] in contact["label"] else contact["label"]
            rows.append({"number": f"{verb} {contact['text']}".strip(), "label": label,
                         "emergency": route["emergency"]})
    return rows


@functools.lru_cache(maxsize=16)
def qr_svg(target: str) -> Markup:
    """A QR code as inline SVG, black on white with its quiet zone, so it scans on screen and in print. Kept for the
    same address: encoding one takes longer than a preview rebuild after editing a page should."""
    code = segno.make(target, error="m")
    return Markup(code.svg_inline(scale=1, border=4, dark="#000", light="#fff", omitsize=True))


def printable(data: SiteData, plan: Plan, ui: Interface) -> dict[str, Any]:
    """What the poster and the card show: the same facts on both."""
    site, week = data.site, season(data)
    report = data.absolute(routes.page("report"))
    centres = [{"name": c.name, "address": ", ".join(c.address.parts()) if (c.address and c.verified) else ""}
               for c in data.listings.centres]
    return {
        "site_name": site.name, "area": site.area, "partners": list(site.partners),
        "campaign": site.campaign.name if site.campaign else "", "dates": campaign.week_dates(week, ui),
        "contacts": print_contacts(site.report_routes, ui), "card_contacts": CARD_CONTACTS,
        "centres": centres, "card_centres": CARD_CENTRES,
        "centres_address": _address(data, routes.centres()) if routes.centres() in plan.urls else "",
        "report_address": _address(data, routes.page("report")), "report_url": report, "qr": qr_svg(report),
    }


def context(contexts: Contexts, page: Page, lang: Lang) -> dict[str, Any]:
    """The campaign page's own data, in its language, beside what every page gets."""
    data, ui = contexts.data, contexts.ui(lang)
    week, source = season(data), page_of(data)
    assert source is not None
    events = [views.event(e, ui, lang.prefix) for e in data.events
              if e.first_day <= week.ends and e.last_day >= week.starts]
    return {
        "week": {"starts": week.starts, "ends": week.ends, "dates": campaign.week_dates(week, ui),
                 "name": _name(data, page), "running": week.running, "in_season": week.in_season},
        "week_events": events,
        "kit": [{"number": n, "text": p.text, "length": p.length, "limit": campaign.POST_LIMIT, "alt": p.alt,
                 "images": [{"href": i.path, "width": i.width, "height": i.height, "use": i.use}
                            for i in p.images]}
                for n, p in enumerate(kit(data, page, ui, contexts.plan.urls), start=1)],
        "kit_json": routes.campaign_kit(page.url),
        # the poster and card are printed in the site's own language
        "prints": [{"name": kind, "href": routes.campaign_print(source.url, kind),
                    "pdf": routes.campaign_pdf(source.url, kind)} for kind in PRINTS],
        "embed": {"href": routes.embed_events(), "absolute": data.absolute(routes.embed_events())},
    }


def _once(data: SiteData, lang: Lang) -> Page | None:
    """The campaign page, for files made once (in the site's own language): the PDFs and the events list."""
    return None if lang.prefix else page_of(data)


def _kit_jobs(data: SiteData, lang: Lang) -> Iterable[Job]:
    page = versions(data).get(lang.prefix)
    if page is not None:
        yield job("campaign-kit", "kit", routes.campaign_kit(page.url), lang, "campaign kit (JSON)", page.source,
                  (page,))


def _make_kit(one: Job, contexts: Contexts) -> Made:
    data, page, source = contexts.data, one.inputs[0], page_of(contexts.data)
    assert source is not None
    lang = {"lang": one.lang.code, "reviewed": page.reviewed or not page.translation_of}
    return campaign.kit_json(kit(data, page, contexts.ui(one.lang), contexts.plan.urls), data.absolute,
                             routes.campaign_pdf(source.url, "poster"), routes.campaign_pdf(source.url, "card"), lang)


def _image_jobs(data: SiteData, lang: Lang) -> Iterable[Job]:
    page = versions(data).get(lang.prefix)
    if page is not None:
        for number, _message in enumerate(messages(data, page), start=1):
            for width, height in campaign.IMAGE_SIZES:
                yield job("campaign-image", f"{number}-{width}x{height}",
                          routes.campaign_image(page.url, number, width, height), lang, "campaign image (PNG)",
                          page.source if page.translation_of else "site.yaml", (page, number, width, height))


def _make_image(one: Job, contexts: Contexts) -> Made:
    data, (page, number, width, height) = contexts.data, one.inputs
    words = campaign.wording(contexts.ui(one.lang), _address(data, "/"), _name(data, page), season(data))
    colours = campaign_images.site_colours(data.static.get("style.css", b"").decode())
    args = (width, height, data.site.name, messages(data, page)[number - 1].image_text, words.cta, words.label,
            colours)
    # slow to draw and the same while the words, dates and colours stand: kept by the cache under those, between
    # runs too, and drawn on every core with the pages
    return Compute("render-campaign-image-" + digest_bytes(repr(args).encode()),
                   lambda: campaign_images.campaign_image(*args))


def _print_jobs(data: SiteData, lang: Lang) -> Iterable[Job]:
    page = page_of(data)
    if page is None:
        return
    for kind in PRINTS:
        yield job("campaign-print", kind, routes.campaign_print(page.url, kind), lang, "campaign-print.html",
                  page.source, (page, kind))


def _make_print(one: Job, contexts: Contexts) -> Made:
    page, kind = one.inputs
    return contexts.render(one.maker, one.lang, {"page": page, "kind": kind, "current": one.url,
                                                 "print": printable(contexts.data, contexts.plan,
                                                                    contexts.ui(one.lang)),
                                                 "pdf": routes.campaign_pdf(page.url, kind)})


def _pdf_jobs(data: SiteData, lang: Lang) -> Iterable[Job]:
    page = _once(data, lang)
    if page is not None:
        for kind in PRINTS:
            yield job("campaign-pdf", kind, routes.campaign_pdf(page.url, kind), lang, "PDF (WeasyPrint)",
                      page.source, (page, kind))


def _make_pdf(one: Job, contexts: Contexts) -> Made:
    kind = one.inputs[1]
    params = printable(contexts.data, contexts.plan, contexts.ui(one.lang))
    values, _known = contexts.common(one.lang)
    try:
        html = contexts.env.get_template("print-document.html").render({**values, "kind": kind, "print": params})
    except (jinja2.TemplateError, TypeError, ValueError, AttributeError) as error:
        template_problem(error, contexts.problems, one.path)
        return b""
    css = contexts.data.static.get("style.css", b"")
    # PDFs are the slowest files of the build: made again only when their HTML or the style sheet changes
    return Compute("render-campaign-pdf-" + digest_bytes(html.encode(), css), lambda: _write_pdf(html, css.decode()))


def _write_pdf(html: str, css: str) -> bytes:
    from .outputs import pdf  # WeasyPrint takes a second to import: only a build that makes a PDF pays it

    return pdf.write_pdf(html, css)


def _embed_jobs(data: SiteData, lang: Lang) -> Iterable[Job]:
    if _once(data, lang) is not None:
        yield job("embed-events", "events", routes.embed_events(), lang, "embed-events.html", "events.yaml")


def _make_embed(one: Job, contexts: Contexts) -> Made:
    events_page = routes.events() if routes.events() in contexts.plan.urls else ""
    return contexts.render(one.maker, one.lang, {"events_page": events_page})


PAGE_TYPES: tuple[PageType, ...] = (
    PageType("campaign-kit", _kit_jobs, _make_kit, translated=True),
    PageType("campaign-image", _image_jobs, _make_image, translated=True, keyed=True),
    PageType("campaign-print", _print_jobs, _make_print),
    PageType("campaign-pdf", _pdf_jobs, _make_pdf),
    PageType("embed-events", _embed_jobs, _make_embed),
)
