"""The campaign kit's page types beside its Markdown page: kit.json, the share images, the printable poster and
pocket card (as pages and as PDFs), and the events list partners place in an iframe.

The campaign page is the Markdown page with `template: campaign`; every address here hangs off its own (routes.py).
Each kind is a `PageType` in PAGE_TYPES below, registered in pagetypes.py.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import jinja2
import segno
from markupsafe import Markup

from . import campaign, routes, views
from .digests import digest_bytes
from .errors import Problems
from .models import Page, ReportRoute
from .outputs import campaign_images
from .plan import Job, Made, PageType, Plan, job
from .render import template_problem
from .sitedata import Lang, SiteData

if TYPE_CHECKING:
    from .contexts import Contexts

PRINTS = ("poster", "card")  # an A4 poster; a pocket card of 85 x 55 mm, two sides
CARD_CONTACTS = 6  # as many numbers as the card's front holds in type large enough to read
CARD_CENTRES = 3


def page_of(data: SiteData) -> Page | None:
    return data.page_with_template(campaign.TEMPLATE) if data.site.campaign is not None else None


def season(data: SiteData) -> campaign.Season:
    return campaign.season(data.today, data.site.campaign)


def kit(data: SiteData) -> tuple[campaign.KitPost, ...]:
    page = page_of(data)
    return campaign.kit_posts(data.site, page.url, season(data), data.absolute) if page else ()


def banner(data: SiteData) -> dict[str, Any] | None:
    """The short banner every page shows from four weeks before the week to its last day."""
    page, week = page_of(data), season(data)
    if page is None or data.site.campaign is None or not week.in_season:
        return None
    return {"href": page.url, "name": data.site.campaign.name, "dates": week.dates, "running": week.running}


def check(data: SiteData, plan: Plan, problems: Problems) -> None:
    """Before anything is rendered: each message fits, reads easily and links to a page this build writes."""
    if data.site.campaign is None:
        return
    campaign.check_messages(data.site, data.absolute, problems)
    for index, message in enumerate(data.site.campaign.messages):
        if message.link.split("#")[0] not in plan.urls:
            problems.add(message.at("link"), f"campaign.messages[{index}].link",
                         f"the post links to {message.link}, which is not a page of this site",
                         "link to a page that exists, such as /report/")


def _address(data: SiteData, path: str) -> str:
    return data.absolute(path).split("//", 1)[-1].rstrip("/")


def print_contacts(report_routes: tuple[ReportRoute, ...]) -> list[dict[str, str]]:
    """Every number from the reporting routes, emergency first; a route with no number (True Vision) by its
    web address. Taken from site.yaml, so the printed numbers are the site's own."""
    rows = []
    for route in views.report_routes(report_routes):
        numbers = [c for c in route["contacts"] if c["kind"] in ("phone", "sms")]
        for contact in numbers or [c for c in route["contacts"] if c["kind"] == "url"][:1]:
            verb = {"phone": "Call", "sms": "Text"}.get(contact["kind"], "")
            # "Call 999" beside "999" says it twice: such a contact is named by its route instead
            label = route["title"] if contact["text"] in contact["label"] else contact["label"]
            rows.append({"number": f"{verb} {contact['text']}".strip(), "label": label,
                         "emergency": route["emergency"]})
    return rows


def qr_svg(target: str) -> Markup:
    """A QR code as inline SVG, black on white with its quiet zone, so it scans on screen and in print."""
    code = segno.make(target, error="m")
    return Markup(code.svg_inline(scale=1, border=4, dark="#000", light="#fff", omitsize=True))


def printable(data: SiteData, plan: Plan) -> dict[str, Any]:
    """What the poster and the card show: the same facts on both."""
    site, week = data.site, season(data)
    report = data.absolute(routes.page("report"))
    centres = [{"name": c.name, "address": ", ".join(c.address.parts()) if (c.address and c.verified) else ""}
               for c in data.listings.centres]
    return {
        "site_name": site.name, "area": site.area, "partners": list(site.partners),
        "campaign": site.campaign.name if site.campaign else "", "dates": week.dates,
        "contacts": print_contacts(site.report_routes), "card_contacts": CARD_CONTACTS,
        "centres": centres, "card_centres": CARD_CENTRES,
        "centres_address": _address(data, routes.centres()) if routes.centres() in plan.urls else "",
        "report_address": _address(data, routes.page("report")), "report_url": report, "qr": qr_svg(report),
    }


def context(contexts: Contexts, lang: Lang) -> dict[str, Any]:
    """The campaign page's own data, beside what every page gets."""
    data = contexts.data
    page, week = page_of(data), season(data)
    assert page is not None
    events = [views.event(e, contexts.ui(lang), lang.prefix) for e in data.events
              if e.first_day <= week.ends and e.last_day >= week.starts]
    return {
        "week": {"starts": week.starts, "ends": week.ends, "dates": week.dates, "running": week.running,
                 "in_season": week.in_season},
        "week_events": events,
        "kit": [{"number": n, "text": p.text, "length": p.length, "limit": campaign.POST_LIMIT, "alt": p.alt,
                 "images": [{"href": i.path, "width": i.width, "height": i.height, "use": i.use}
                            for i in p.images]}
                for n, p in enumerate(kit(data), start=1)],
        "kit_json": routes.campaign_kit(page.url),
        "prints": [{"name": kind, "href": routes.campaign_print(page.url, kind),
                    "pdf": routes.campaign_pdf(page.url, kind)} for kind in PRINTS],
        "embed": {"href": routes.embed_events(), "absolute": data.absolute(routes.embed_events())},
    }


def _once(data: SiteData, lang: Lang) -> Page | None:
    """The campaign page, for files made once (in the site's own language): images, data and PDFs."""
    return None if lang.prefix else page_of(data)


def _kit_jobs(data: SiteData, lang: Lang) -> Iterable[Job]:
    page = _once(data, lang)
    if page is not None:
        yield job("campaign-kit", "kit", routes.campaign_kit(page.url), lang, "campaign kit (JSON)", page.source,
                  (page,))


def _make_kit(one: Job, contexts: Contexts) -> Made:
    data, page = contexts.data, one.inputs[0]
    return campaign.kit_json(kit(data), data.absolute, routes.campaign_pdf(page.url, "poster"),
                             routes.campaign_pdf(page.url, "card"))


def _image_jobs(data: SiteData, lang: Lang) -> Iterable[Job]:
    if _once(data, lang) is not None:
        for number, post in enumerate(kit(data), start=1):
            for image in post.images:
                yield job("campaign-image", f"{number}-{image.width}x{image.height}", image.path, lang,
                          "campaign image (PNG)", "site.yaml", (image,))


def _make_image(one: Job, contexts: Contexts) -> Made:
    data, image = contexts.data, one.inputs[0]
    site = data.site
    colours = campaign_images.site_colours(data.static.get("style.css", b"").decode())
    label = f"{site.campaign.name}, {season(data).dates}" if site.campaign else ""
    args = (image.width, image.height, site.name, image.image_text, campaign.call_to_action(site, data.absolute),
            label, colours)
    # slow to draw and the same while the words, dates and colours stand: kept by the cache under those
    key = digest_bytes(b"campaign image", repr(args).encode())
    return contexts.cache.derived(key, lambda: campaign_images.campaign_image(*args))


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
                                                 "print": printable(contexts.data, contexts.plan),
                                                 "pdf": routes.campaign_pdf(page.url, kind)})


def _pdf_jobs(data: SiteData, lang: Lang) -> Iterable[Job]:
    page = _once(data, lang)
    if page is not None:
        for kind in PRINTS:
            yield job("campaign-pdf", kind, routes.campaign_pdf(page.url, kind), lang, "PDF (WeasyPrint)",
                      page.source, (page, kind))


def _make_pdf(one: Job, contexts: Contexts) -> Made:
    kind = one.inputs[1]
    params = printable(contexts.data, contexts.plan)
    values, _known = contexts.common(one.lang)
    try:
        html = contexts.env.get_template("print-document.html").render({**values, "kind": kind, "print": params})
    except (jinja2.TemplateError, TypeError, ValueError, AttributeError) as error:
        template_problem(error, contexts.problems, one.path)
        return b""
    css = contexts.data.static.get("style.css", b"")
    # PDFs are the slowest files of the build: made again only when their HTML or the style sheet changes
    key = digest_bytes(b"campaign pdf", html.encode(), css)
    return contexts.cache.derived(key, lambda: _write_pdf(html, css.decode()))


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
    PageType("campaign-kit", _kit_jobs, _make_kit),
    PageType("campaign-image", _image_jobs, _make_image),
    PageType("campaign-print", _print_jobs, _make_print),
    PageType("campaign-pdf", _pdf_jobs, _make_pdf),
    PageType("embed-events", _embed_jobs, _make_embed),
)
