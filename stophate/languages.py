"""The language dimension of the site: which pages translate which, and what each page says about its languages.

A translation sits beside its source with the language's code before `.md`: `content/pages/report.pa.md` is the
Panjabi version of `report.md`, published at `/pa/report/`. All versions of a page share one key, the source of the
default language's version, and every alternate link, switcher entry and sitemap entry is found by that key.
A page with no translation is never faked: the language's navigation links the default-language page, marked
with that language (so a screen reader reads it in English, and the resident knows before following it).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterable
from collections.abc import Set as AbstractSet
from html import escape, unescape
from typing import Any

from . import routes
from .errors import Position, Problems
from .localtext import in_language
from .models import Language, Page, Site

_HREF = re.compile(r'(<a\b[^>]*?\bhref=")([^"]*)(")')  # nh3 writes every attribute in double quotes


def page_language(page: Page) -> str:
    """The URL code of the language a page is published in: a translation's (report.pa.md), else the default's
    ("": a page whose front matter names its language in a one-language site is still the site's own)."""
    return page.lang.lower() if page.translation_of else ""


def original(page: Page) -> str:
    """The source shared by all versions of a page: what a translation translates, else its own."""
    return page.translation_of or page.source


def translation_notice(reviewed: bool, href: str, title: str) -> dict[str, str] | None:
    """What a translation says on its page until a fluent speaker has checked it: that it is a draft, linking the
    version it translates (`href`, `title`); nothing once it is checked."""
    return None if reviewed else {"href": href, "title": title}


def url_code(site: Site, language: Language) -> str:
    """The code in front of a language's addresses (and of its files, report.pa.md): none for the default."""
    return "" if language == site.languages[0] else language.code.lower()


def by_url_code(site: Site) -> dict[str, Language]:
    return {url_code(site, language): language for language in site.languages}


def check_languages(site: Site, pages: list[Page], problems: Problems,
                    unloaded: AbstractSet[str] = frozenset()) -> list[Page]:
    """Translations in a language site.yaml lists, each beside its source; the pages that may be published.
    A translation of a source in `unloaded` (which has problems of its own) is left out without a word."""
    codes = by_url_code(site)
    sources = {p.source: p for p in pages if not page_language(p)}
    kept = []
    for page in pages:
        code = page_language(page)
        if code and original(page) in unloaded:
            continue
        if code and code not in codes:
            listed = ", ".join(code for code in codes if code) or "none besides the default"
            problems.add(Position(page.source, 1, 1), "lang",
                         f"the file name says this page is in '{code}', which site.yaml does not list",
                         f"add {code} under languages in site.yaml, or rename the file (languages: {listed})")
        elif page_language(page) and original(page) not in sources:
            problems.add(Position(page.source, 1, 1), "lang",
                         f"this translation has no {original(page)} beside it to translate",
                         "name the file after the page it translates, such as report.pa.md beside report.md")
        else:
            kept.append(_with_template_of(page, sources.get(original(page))))
    return kept


def _with_template_of(page: Page, source: Page | None) -> Page:
    """A translation whose front matter names no template has its source's (report.pa.md lays out its routes as
    report.md does, centres.pa.md lists the centres): the layout is the page's, not its language's."""
    written = any(key == "template" for key, _ in page.fields)
    if source is None or source is page or written or page.template == source.template:
        return page
    return dataclasses.replace(page, template=source.template)


def alternates(site: Site, group: dict[str, str], absolute: Callable[[str], str]) -> list[dict[str, str]]:
    """`<link rel=alternate hreflang>` of one page: every version (URL by URL code), itself included, and x-default
    (reciprocal, since every version of a page gets the same list). A page in one language only has none."""
    if len(group) < 2:
        return []
    found = [{"hreflang": language.code, "href": absolute(group[code])}
             for code, language in by_url_code(site).items() if code in group]
    if "" in group:
        found.append({"hreflang": "x-default", "href": absolute(group[""])})
    return found


def switcher(site: Site, current: str, group: dict[str, str], homes: dict[str, str]) -> list[dict[str, Any]]:
    """The language switcher: each language named in itself, linking this page's version in it, or that
    language's home page when this page has no version in it; a language with neither is left out."""
    if len(site.languages) < 2:
        return []
    entries = []
    for code, language in by_url_code(site).items():
        href = group.get(code) or homes.get(code, "")
        if href:
            entries.append({"code": language.code, "name": language.name, "dir": language.dir, "href": href,
                            "current": code == current, "translated": code in group})
    return entries if len(entries) > 1 else []


def navigation(site: Site, lang: str, versions: Callable[[str], dict[str, str]],
               translated: dict[str, Page]) -> list[dict[str, str]]:
    """The main menu in one language: a translated page by its own title; else by the link's text in that
    language from site.yaml, or the default language's text, marked with its code so it is read, and known, as
    such. A link to a page this language does not have says the language of the page it leads to."""
    default = site.languages[0]
    links = []
    for link in site.nav:
        href = versions(link.url).get(lang, link.url) if lang else link.url
        version = translated.get(href)
        text, written_in = in_language(link.title, by_url_code(site)[lang].code)
        if not lang or version is not None:
            links.append(_nav_link(link.url, href, version.title if version else link.title, ""))
            continue
        marked = written_in.lower() != by_url_code(site)[lang].code.lower()
        found = _nav_link(link.url, href, text, default.code if marked else "")
        if href == link.url:  # hreflang: the language of the page it leads to, when that is not this page's
            found |= {"language": default.name, "hreflang": default.code}
        elif marked:
            found |= {"language": default.name}
        links.append(found)
    return links


def _nav_link(key: str, href: str, text: str, lang: str) -> dict[str, str]:
    return {"href": href, "text": text, "lang": lang, "hreflang": "", "language": "", "key": key}


class SiteLanguages:
    """The site's pages seen across its languages, from the plan: every version of a page is a job with the same
    route key (a translation shares its original's, a centre's page is centre:<id> in every language). Made once
    per build, asked by every page."""

    def __init__(self, site: Site, pages: list[Page], absolute: Callable[[str], str],
                 planned: Iterable[tuple[str, str, str]]) -> None:
        """`planned`: (route key, URL code, URL) of every HTML page of the plan."""
        self.site = site
        self.absolute = absolute
        self.codes = by_url_code(site)
        self._by_route: dict[str, dict[str, str]] = {}
        self._route_of: dict[str, str] = {}
        for key, code, url in planned:
            self._by_route.setdefault(key, {})[code] = url
            self._route_of[url] = key
        self.homes = self.versions(routes.home())
        # a language with posts of its own lists them on its news page; the others list the default language's
        self.posts: dict[str, list[Page]] = {}
        for post in sorted((p for p in pages if p.is_post and page_language(p)), key=lambda p: (str(p.date), p.slug),
                           reverse=True):
            self.posts.setdefault(page_language(post), []).append(post)
        self._translated = {p.url: p for p in pages if page_language(p)}

    def versions(self, url: str) -> dict[str, str]:
        """Every language version of the page at `url`, by URL code (itself included)."""
        return self._by_route.get(self._route_of.get(url, ""), {})

    def here(self, path: str, lang: str) -> str:
        """The version in a language (by URL code) of the page at a path (its #fragment kept), where the site has
        one; else the path as it is."""
        page, hash_mark, fragment = path.partition("#")
        own = self.versions(page).get(lang)
        return own + hash_mark + fragment if own else path

    def linking_own_language(self, page: Page, lang: str) -> Page:
        """A page published in another language (by URL code) links that language's version of each page it
        links to, where the site has one: the editor writes each page's address once, in the default language."""
        if not lang or not page.links:
            return page
        body = self.links_in(page.body_html, lang, page.url)
        return page if body == page.body_html else dataclasses.replace(page, body_html=body)

    def links_in(self, html: str, lang: str, url: str) -> str:
        """The HTML of the page at `url` with each link to a page of this site pointing at that page's version in
        the language (by URL code), where the site has one: report.pa.md's link to the centres page goes to the
        Panjabi centres page. A link to another version of the page itself is left as written: it is there to offer the
        page in that language (support.pa.md's "the full list, in English")."""
        base = self.site.base_path

        def own(match: re.Match[str]) -> str:
            href = unescape(match.group(2))
            if not href.startswith(base):
                return match.group()
            path = "/" + href[len(base):]
            mapped = self.here(path, lang)
            if mapped == path or mapped.partition("#")[0] == url:
                return match.group()
            return match.group(1) + escape(base + mapped.lstrip("/")) + match.group(3)

        return _HREF.sub(own, html) if lang else html

    def menu(self, lang: str) -> list[dict[str, str]]:
        return navigation(self.site, lang, self.versions, self._translated)

    def alternates(self, url: str) -> list[dict[str, str]]:
        return alternates(self.site, self.versions(url), self.absolute)

    def page_context(self, url: str, lang: str) -> dict[str, Any]:
        """A page's versions in the site's languages: alternates and the language switcher."""
        group = self.versions(url) or {lang: url}
        return {"alternates": self.alternates(url),
                # site.yaml and the listings are written in the default language: marked so on other pages
                "content_lang": self.site.languages[0].code if lang else "",
                "switcher": switcher(self.site, lang, group, self.homes)}
