"""Every address the site publishes, written once.

Each function returns a site path (starting with /, before the site's base path is added). Every one takes an
optional URL language code: "" (the default) is the site's own language, with no prefix; any other code puts
/<code> in front, so `page("report", "pa")` is /pa/report/. Data files and images are the same in every language
and take no code. The output file of an address comes from `output_path`, never from a second spelling of it.
Templates reach these through `url(name, ...)` and `route(name, ...)` (see render.py), by the names in ROUTES.
"""

from __future__ import annotations

from collections.abc import Callable

from .slugs import slugify

NEWS = "news"  # posts live under /news/<slug>/; the news index is a page of its own (content/pages/news.md)
CENTRES = "centres"
EVENTS = "events"
SURGERIES = "surgeries"


def prefix(lang: str = "") -> str:
    """The part in front of every address of one language: nothing for the site's own language."""
    return f"/{lang}" if lang else ""


def page(slug: str, lang: str = "") -> str:
    """A Markdown page: content/pages/<slug>.md. The page called index is the home page."""
    return prefix(lang) + ("/" if slug == "index" else f"/{slug}/")


def home(lang: str = "") -> str:
    return page("index", lang)


def post(slug: str, lang: str = "") -> str:
    return f"{prefix(lang)}/{NEWS}/{slug}/"


def news(lang: str = "") -> str:
    return page(NEWS, lang)


def centres(lang: str = "") -> str:
    return page(CENTRES, lang)


def centre(centre_id: str, lang: str = "") -> str:
    return f"{prefix(lang)}/{CENTRES}/{centre_id}/"


def centre_filter(facet: str, value: str, lang: str = "") -> str:
    """One option of the centre finder as a page of its own, so the filters work without JavaScript."""
    return f"{prefix(lang)}/{CENTRES}/{facet}/{value}/"


def events(lang: str = "") -> str:
    return page(EVENTS, lang)


def event(event_id: str, lang: str = "") -> str:
    return f"{prefix(lang)}/{EVENTS}/{event_id}/"


def event_calendar(event_id: str, lang: str = "") -> str:
    """The "Add to calendar" file of one event."""
    return f"{prefix(lang)}/{EVENTS}/{event_id}.ics"


def surgeries(lang: str = "") -> str:
    return page(SURGERIES, lang)


def calendar(name: str, lang: str = "") -> str:
    """A calendar of a whole listing: surgeries.ics, events.ics."""
    return f"{prefix(lang)}/{name}.ics"


def data_file(name: str) -> str:
    """A listing as JSON for partners: centres.json, events.json, surgeries.json."""
    return f"/{name}.json"


def feed(lang: str = "") -> str:
    return f"{prefix(lang)}/feed.xml"


def share_image(post_slug: str, lang: str = "") -> str:
    """The share card of one post, beside its page."""
    return post(post_slug, lang) + "share.png"


def site_share_image() -> str:
    return "/share-card.png"


def chooser(*steps: str, lang: str = "") -> str:
    """The "which way to report" pages: the start page, then one page per path of answers (the ids of each step),
    so that each page's back link is the path one step shorter."""
    return page("report", lang) + "choose/" + "".join(f"{step}/" for step in steps)


def easy_read(slug: str, lang: str = "") -> str:
    """The easy read version of a page, beside it: /report/easy-read/."""
    return page(slug, lang) + "easy-read/"


def content_page(slug: str, is_post: bool, easy_read_of: str | None, lang: str = "") -> str:
    """Where a Markdown page is published: easy read beside the page it retells; a translation in its language."""
    if easy_read_of and not is_post:
        return easy_read(easy_read_of, lang)
    return post(slug, lang) if is_post else page(slug, lang)


def search(lang: str = "") -> str:
    """The search page: Pagefind's index with JavaScript, an A to Z of every page without it. Each language's is
    inside /search/ (/search/pa/), not under its prefix: the one folder whose pages may run Pagefind's WebAssembly
    (outputs/hosting.py), whatever languages a site has, in every server's configuration."""
    return f"/search/{lang}/" if lang else "/search/"


def campaign_kit(campaign_page: str) -> str:
    """The campaign kit hangs off the campaign page's own address (the page with template: campaign)."""
    return campaign_page + "kit.json"


def campaign_print(campaign_page: str, kind: str) -> str:
    """The poster or pocket card as a page to print."""
    return f"{campaign_page}{kind}/"


def campaign_pdf(campaign_page: str, kind: str) -> str:
    return f"{campaign_page}{kind}.pdf"


def campaign_image(campaign_page: str, number: int, width: int, height: int) -> str:
    """One ready-to-post message's image in one size."""
    return f"{campaign_page}images/post-{number}-{width}x{height}.png"


def embed_events() -> str:
    """The upcoming events alone, for partners' iframes: the one page other sites may frame."""
    return "/embed/events/"


def not_found(lang: str = "") -> str:
    return f"{prefix(lang)}/404.html"


def sitemap() -> str:
    return "/sitemap.xml"


def robots() -> str:
    return "/robots.txt"


def headers() -> str:
    return "/_headers"


def static(name: str) -> str:
    """A file copied from static/ as it is: style.css, finder.js..."""
    return "/" + name.lstrip("/")


def output_path(url: str) -> str:
    """The file that serves an address: /centres/x/ -> centres/x/index.html, /feed.xml -> feed.xml."""
    path = url.strip("/")
    if url.endswith("/"):
        return f"{path}/index.html" if path else "index.html"
    return path


def markdown_link(path: str) -> str:
    """Where a link to a Markdown file is published, judged by its name: posts/x.md -> /news/x/, x.md -> /x/.

    The link check compares this with the linked file's real address (a slug can change it) and says so.
    """
    name = path.rsplit("/", 1)[-1][:-3]
    return post(name) if "/posts/" in "/" + path else page(name)


def slug(text: str) -> str:
    """Text made fit for an address, in any script: "Українська" -> українська (see slugs.py)."""
    return slugify(text)


# The names templates use: {{ url("centre", centre.id) }}, {% if route("news") in site_urls %}
ROUTES: dict[str, Callable[..., str]] = {
    "home": home, "page": page, "post": post, "news": news, "centres": centres, "centre": centre,
    "centre_filter": centre_filter, "events": events, "event": event, "event_calendar": event_calendar,
    "surgeries": surgeries, "calendar": calendar, "data_file": data_file, "feed": feed, "share_image": share_image,
    "site_share_image": site_share_image, "not_found": not_found, "sitemap": sitemap, "static": static,
    "chooser": chooser, "search": search, "easy_read": easy_read,
}
LANGUAGE_FREE = {"data_file", "site_share_image", "sitemap", "static"}  # the same file for every language
