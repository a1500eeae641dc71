"""What templates are given: the parts every page shares, the listings as views, and one page's own values.

The parts are made once per build and language. Whatever is made from site.yaml and the listings alone is kept by the
cache while those files and the build date stand (`derived`), and its fingerprint is made once with it (`known`),
so editing one page neither remakes nor fingerprints every calendar, finder and list of centres again.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from typing import Any, TypeVar

import jinja2
from markupsafe import Markup

from . import campaign, campaign_pages, easy_read, mixedtext, views
from .cache import Cache
from .digests import digest_bytes, stable_digest
from .errors import Problems
from .interface import Interface
from .languages import SiteLanguages, page_language, translation_notice
from .models import Page
from .outputs import share_images
from .plan import Plan, Render
from .render import interfaces, template_problem
from .sitedata import Lang, SiteData

T = TypeVar("T")
COMING_UP_DAYS = 56  # "coming up" across all venues: the next eight weeks


class Contexts:
    """The values templates read, made once per build and language and shared by every job's context."""

    def __init__(self, data: SiteData, plan: Plan, env: jinja2.Environment, cache: Cache,
                 problems: Problems) -> None:
        self.data = data
        self.plan = plan
        self.env = env
        self.cache = cache
        self.problems = problems
        self.interfaces = interfaces(data.root, data.site)  # by URL code: one compiled catalogue per language
        self._common: dict[str, tuple[dict[str, Any], dict[str, bytes]]] = {}
        self._footer: dict[str, Markup] = {}
        self.languages = SiteLanguages(data.site, list(data.pages), data.absolute,
                                       ((j.route, j.lang.prefix, j.url) for j in plan.jobs if j.url.endswith("/")))

    @functools.cached_property
    def easy_read_links(self) -> dict[str, dict[str, str]]:
        return easy_read.links(self.data.pages)

    def ui(self, lang: Lang) -> Interface:
        return self.interfaces[lang.prefix]

    def derived(self, name: str, compute: Callable[[], T]) -> T:
        """Something made from site.yaml and the listings alone: kept while they, the build date and the interface
        catalogues (whose words it may use) stand."""
        if not self.cache.keeps:
            return compute()
        return self.cache.derived(self.listings_digest(name).decode(), lambda: views.freeze(compute()))

    def listings_digest(self, name: str) -> bytes:
        """A key for something made from the listings alone, by its name (which says which thing, in which
        language)."""
        catalogues = str(self.env.globals.get("catalogues", ""))
        return digest_bytes(self.data.listings_key.encode(), catalogues.encode(), name.encode()).encode()

    def known(self, name: str, compute: Callable[[], T]) -> tuple[T, bytes]:
        """Like `derived`, with the value's fingerprint, made once with it: what the render cache knows it by."""

        def both() -> tuple[T, bytes]:
            value = compute()
            return value, stable_digest(value) if self.cache.keeps else b""

        return self.derived(name, both)

    def common(self, lang: Lang) -> tuple[dict[str, Any], dict[str, bytes]]:
        """The values every page of one language shares, and their digests (made once, not once per page)."""
        if lang.prefix not in self._common:
            data = self.data
            values = {
                "today": data.today,
                "routes": report_routes(self, lang),
                "campaign_banner": campaign_pages.banner(data, self.ui(lang), lang.prefix),
                "preview": data.options.drafts,
                "footer_routes": self._footer_routes(lang),
                "nav": self.languages.menu(lang.prefix),
                "lang": lang.prefix,
                "translation": None,
                "council": views.council(data.site.council, self.ui(lang)),
                **views.local("tagline", data.site.tagline, self.ui(lang)),
            }
            listed, digests = self.derived(f"listing-views {lang.prefix}", lambda: self._with_digests(
                self._listing_views(lang)))
            posts, posts_known = self.cache.site_derived(data, "posts", lambda: self._with_digests(
                {"posts": views.freeze([views.post(p, data.today) for p in data.posts])}))
            known = {**self._with_digests(values)[1], **digests, **posts_known}
            values |= listed | posts
            self._common[lang.prefix] = (values, known)
        return self._common[lang.prefix]

    def render(self, job_template: str, lang: Lang, own: dict[str, Any],
               own_known: dict[str, bytes] | None = None) -> Render:
        values, known = self.common(lang)
        # a page's own value for a shared name (its translation notice, posts) is not known by the shared digest
        shared = {name: digest for name, digest in known.items() if name not in own}
        return Render(job_template, {**values, **own}, {**shared, **(own_known or {})})

    def page(self, page: Page, lang: Lang) -> dict[str, Any]:
        """A Markdown page's own values."""
        today = self.data.today
        related = self.derived(f"related {lang.prefix} {' '.join(page.centres)}",
                               lambda: [views.centre(c, self.ui(lang), lang.prefix) for c in self.data.listings.centres
                                        if c.id in page.centres]) if page.centres else ()
        return {
            "page": self.languages.linking_own_language(page, lang.prefix),
            **self.languages.page_context(page.url, lang.prefix),
            "untranslated": self._untranslated(page, lang),
            **({"posts": [views.post(p, today) for p in self.languages.posts[page_language(page)]]}
               if page_language(page) in self.languages.posts else {}),
            "related_centres": related,
            "status": views.page_status(page, today),
            # a share image the editor gave is declared at its real size, read from the file
            "image_size": share_images.image_size(self.data.static.get(page.image.lstrip("/"))) if page.image else None,
            **self._page_language(page),
            "easy_read": self.easy_read_links.get(page.url, {}),
            **(campaign_pages.context(self, page, lang) if page.template == campaign.TEMPLATE else {}),
        }

    def _untranslated(self, page: Page, lang: Lang) -> dict[str, str]:
        """The lang and dir of a page's own text where it is the default language's, published in another
        language (a listing's page with no translation): its list is in the page's language, its text is not."""
        if page_language(page) == lang.prefix:
            return {}
        default, language = self.data.site.languages[0], self.languages.codes[lang.prefix]
        return mixedtext.attributes(page.title, default.code, language.code, language.dir) | {"lang": default.code}

    def _page_language(self, page: Page) -> dict[str, Any]:
        """A page in another language than the site's says so in <html lang dir>; a translation not yet checked
        by a fluent speaker says that, and links the page it translates."""
        if not page.lang:
            return {}
        source = next((p for p in self.data.pages if p.source == page.translation_of), None)
        notice = translation_notice(page.reviewed, source.url, source.title) if source else None
        return {"page_lang": page.lang, "page_dir": mixedtext.language_direction(page.lang), "translation": notice}

    def _listing_views(self, lang: Lang) -> dict[str, Any]:
        data, code, ui = self.data, lang.prefix, self.ui(lang)
        coming_up_end = data.today + dt.timedelta(days=COMING_UP_DAYS)
        sessions = [o for o in data.occurrences if o.date <= coming_up_end]
        centres = [views.centre(c, ui, code) for c in data.listings.centres]
        return {
            "services": [views.service(s, ui, code) for s in data.listings.services],
            "centres": centres,
            "finder": views.finder(data.listings.centres, ui, lang=code, cards={c["id"]: c for c in centres}),
            "surgeries": [views.surgery(s, data.occurrences, ui, lang=code) for s in data.listings.surgeries],
            "coming_up": [views.occurrence(o, data.surgery_by_id, ui, code) for o in sessions if not o.cancelled],
            # the surgeries page also lists cancelled sessions, labelled, so regulars know not to go
            "coming_up_with_cancelled": [views.occurrence(o, data.surgery_by_id, ui, code) for o in sessions],
            "events": [views.event(e, ui, code) for e in data.events],
            "past_events": [views.event(e, ui, code) for e in data.past_events],
        }

    def _footer_routes(self, language: Lang) -> Markup:
        """The footer's routes are the same on every page of a language: rendered once, not 1,500 times."""
        lang = language.prefix
        if lang not in self._footer:
            self._footer[lang] = Markup("")
            try:
                template = self.env.get_template("components/routes.html")
                component = template.make_module({"lang": lang}).appReportRoutes  # type: ignore[attr-defined]
                self._footer[lang] = component({
                    "routes": report_routes(self, language), "compact": True, "headingLevel": 3,
                    "idPrefix": "footer-route-"})
            except Exception as error:  # a council's own component with a mistake: a problem, not a traceback
                template_problem(error, self.problems, "the footer of every page")
        return self._footer[lang]

    def _with_digests(self, values: dict[str, Any]) -> tuple[dict[str, Any], dict[str, bytes]]:
        """The values and their fingerprints: for the render cache, so none when there is no cache."""
        return values, ({name: stable_digest(value) for name, value in values.items()} if self.cache.keeps else {})


def report_routes(contexts: Contexts, lang: Lang) -> list[dict[str, Any]]:
    """site.yaml's reporting routes in one language, each linking that language's version of its page."""
    here = functools.partial(contexts.languages.here, lang=lang.prefix)
    return views.report_routes(contexts.data.site.report_routes, contexts.ui(lang), here)
