"""Search: the A to Z of every page (the search page without JavaScript) and the Pagefind index of the written site.

Pagefind (a Python package that ships its own binary, so it runs offline) reads the finished HTML, so it runs after
the site is written into its temporary folder and before that folder is swapped in: a failed index loses nothing.
Only the part of a page inside `data-pagefind-body` is indexed (the main content, never the menu or footer), and
only on pages worth finding: not each step of the chooser, the finder's filter pages or the search page itself.
"""

from __future__ import annotations

import subprocess
import sys
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import routes
from .languages import page_language
from .localtext import in_language
from .outputs import hosting
from .plan import Job, Made, PageType, job
from .sitedata import Lang, SiteData

if TYPE_CHECKING:
    from .contexts import Contexts

INDEX_FOLDER = "pagefind"
# Pagefind's ready-made interfaces need inline styles, which the pages' security policy refuses: the search page
# uses its JavaScript API with a small interface of its own instead (static/search.js), so these are not published.
UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
          "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js")
OTHER = "#"  # the A to Z heading for titles that start with a digit or a sign


class IndexFailed(Exception):
    """Pagefind could not index the site; the message says why in plain words."""


@dataclass(frozen=True, slots=True)
class Entry:
    title: str
    url: str
    summary: str
    lang: str = ""  # the language of the page it links, when not the search page's: its title and summary say so


def entries(data: SiteData, versions: Callable[[str], dict[str, str]], lang: str = "") -> list[Entry]:
    """Every page a resident may look for in one language, with its summary: its pages and posts, and the centres,
    events and chooser in that language where the site plans them, else the default language's, marked as such.
    `versions` gives a planned page's address in each language (by URL code) from its default-language address."""
    default = data.languages[0].code

    def entry(title: str, summary: str, url: str) -> Entry:
        own = versions(url).get(lang)
        return Entry(title, own, summary) if own else Entry(title, url, summary, default)

    found = [Entry(p.title, p.url, p.summary) for p in data.pages if not p.draft and page_language(p) == lang]
    if lang:  # pages with no translation that are published in this language too (the centres page): in English
        translated = {p.translation_of for p in data.pages if page_language(p) == lang}
        found += [Entry(p.title, own, p.summary, default) for p in data.pages
                  if not p.draft and not page_language(p) and p.source not in translated
                  and (own := versions(p.url).get(lang))]
    code = next(language.code for language in data.languages if language.prefix == lang)
    found += [entry(c.name, in_language(c.summary, code)[0], routes.centre(c.id)) for c in data.listings.centres]
    found += [entry(e.title, in_language(e.summary, code)[0], routes.event(e.id)) for e in data.listings.events]
    chooser = data.chooser_in(lang) or data.chooser
    if chooser is not None:
        found.append(entry(chooser.title, chooser.intro, routes.chooser()))
    return sorted(found, key=lambda e: (_sort_key(e.title), e.url))


def _sort_key(title: str) -> str:
    """Titles sort by their letters, whatever the case or accents; "The Refugee and Migrant Centre" under R."""
    key = unicodedata.normalize("NFKD", title).casefold()
    return key[4:] if key.startswith("the ") else key


def _letter(title: str) -> str:
    first = next((ch for ch in _sort_key(title) if ch.isalnum()), "")
    return first.upper() if first.isalpha() else OTHER


def a_to_z(found: list[Entry]) -> list[dict[str, Any]]:
    """The entries grouped under their first letter, each group with an id for the letter links."""
    groups: dict[str, list[dict[str, str]]] = {}
    for entry in found:
        groups.setdefault(_letter(entry.title), []).append(
            {"title": entry.title, "url": entry.url, "summary": entry.summary, "lang": entry.lang})
    ordered = sorted(groups, key=lambda letter: (letter == OTHER, letter))
    return [{"letter": letter, "id": "other" if letter == OTHER else letter.lower(), "entries": groups[letter]}
            for letter in ordered]


def _make(one: Job, contexts: Contexts) -> Made:
    found = entries(contexts.data, contexts.languages.versions, one.lang.prefix)
    own = {"a_to_z": a_to_z(found), "current_url": one.url,
           "csp": hosting.search_policy(str(contexts.env.globals["csp"]))}
    return contexts.render(one.maker, one.lang, own)


def _jobs(data: SiteData, lang: Lang) -> Iterable[Job]:
    yield job("search", "search", routes.search(lang.prefix), lang, "search.html", "every page")


SEARCH_PAGE = PageType("search", _jobs, _make, translated=True, keyed=True)  # Pagefind keeps one index per language


def _pagefind() -> list[str]:
    """Pagefind's own executable: its Python wrapper would start another interpreter first (about 0.25 s)."""
    try:
        from pagefind_bin_extended import get_executable

        return [str(get_executable())]
    except (ImportError, OSError):
        return [sys.executable, "-m", "pagefind"]


def index_site(folder: Path) -> None:
    """Index the written site in `folder` (the temporary one, before it is swapped in); IndexFailed if it fails."""
    command = [*_pagefind(), "--site", str(folder), "--output-subdir", INDEX_FOLDER, "--silent"]
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=600, check=False)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise IndexFailed(f"the search index could not be made ({error})") from None
    if result.returncode != 0:
        reason = (result.stderr or result.stdout).strip().splitlines()
        raise IndexFailed("the search index could not be made" + (f" ({reason[-1]})" if reason else ""))
    for name in UNUSED:
        (folder / INDEX_FOLDER / name).unlink(missing_ok=True)
