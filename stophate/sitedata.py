"""The site's data once it is loaded and valid: what the plan is made from and every output reads."""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from .assets import fingerprinted
from .choices import BuildOptions
from .chooser import Chooser
from .chooser_text import Translation
from .contentfiles import MAX_STATIC_BYTES, find_files, ordinary, read_file, warn_active_content
from .errors import Problems
from .languages import page_language, url_code
from .listings import Listings
from .missing import Missing
from .models import Event, Occurrence, Page, Site, Surgery
from .schedule import past_events, upcoming_events, upcoming_occurrences
from .slugs import uri

BUILTIN_STATIC = Path(__file__).resolve().parent.parent / "static"
EASY_READ_PICTURES = "easy-read/"


@dataclass(frozen=True)
class Lang:
    """One language the plan publishes the site in."""

    code: str  # as site.yaml writes it, such as en-GB: the pages' lang attribute
    prefix: str = ""  # the code routes.py puts in front of its addresses: "" for the default language


@dataclass(frozen=True)
class SiteData:
    root: Path
    site: Site
    listings: Listings
    pages: tuple[Page, ...]  # the pages this build publishes (drafts only in the preview)
    options: BuildOptions
    static: dict[str, bytes] = field(default_factory=dict)  # name in static/ -> a file copied as it is
    listings_key: str = ""  # a digest of site.yaml, the listings and the date: what `derived` results depend on
    assets: dict[str, str] = field(default_factory=dict)  # the builder's own static files: name -> fingerprinted name
    chooser: Chooser | None = None  # chooser.yaml: the "which way to report" questions, when the site has them
    missing: Missing = field(default_factory=Missing)  # what did not load: the checks do not report it again
    chooser_translations: dict[str, Translation] = field(default_factory=dict)  # chooser.pa.yaml..., by URL code

    @classmethod
    def make(cls, root: Path, site: Site, listings: Listings, pages: list[Page], options: BuildOptions,
             static: dict[str, bytes], listings_key: str = "", chooser: Chooser | None = None,
             missing: Missing | None = None, chooser_translations: dict[str, Translation] | None = None) -> SiteData:
        today = options.today
        visible = tuple(p for p in pages if options.drafts or (not p.draft and not (p.date and p.date > today)))
        return cls(root, site, listings, visible, options, static, listings_key,
                   fingerprinted(static, builtin_static_names()), chooser, missing or Missing(),
                   chooser_translations or {})

    @property
    def today(self) -> dt.date:
        return self.options.today

    @functools.cached_property
    def languages(self) -> tuple[Lang, ...]:
        """The languages the plan publishes, the default (site.yaml's first) first: each page type that is
        translated lists its files once for each, the others under /pa/, /ur/..."""
        return tuple(Lang(language.code, url_code(self.site, language)) for language in self.site.languages)

    def chooser_in(self, lang: str) -> Chooser | None:
        """The chooser in one language (by URL code), when the site has it in that language."""
        if not lang:
            return self.chooser
        translation = self.chooser_translations.get(lang)
        return translation.chooser if translation else None

    @functools.cached_property
    def posts(self) -> tuple[Page, ...]:
        return tuple(sorted((p for p in self.pages if p.is_post and not p.translation_of),
                            key=lambda p: (p.date or self.today, p.slug),
                            reverse=True))

    @functools.cached_property
    def occurrences(self) -> list[Occurrence]:
        # cancelled sessions are kept (and labelled) so residents and calendars learn that a usual date is off
        return upcoming_occurrences(self.listings.surgeries, self.today, cancelled=True)

    @functools.cached_property
    def events(self) -> list[Event]:
        """Events not over by the build date."""
        return upcoming_events(self.listings.events, self.today)

    @functools.cached_property
    def past_events(self) -> list[Event]:
        return past_events(self.listings.events, self.today)

    @functools.cached_property
    def surgery_by_id(self) -> dict[str, Surgery]:
        return {s.id: s for s in self.listings.surgeries}

    def page_with_template(self, template: str, lang: str = "") -> Page | None:
        """The page that lists a listing (template: centres...), in a language (its URL code) where it is
        translated, else in the default language; None when the site has no such page."""
        return self._first_by_template.get((template, lang)) or self._first_by_template.get((template, ""))

    @functools.cached_property
    def _first_by_template(self) -> dict[tuple[str, str], Page]:
        found: dict[tuple[str, str], Page] = {}
        for page in self.pages:
            found.setdefault((page.template, page_language(page)), page)
        return found

    @functools.cached_property
    def _origin(self) -> str:
        parts = urlsplit(self.site.base_url)
        return f"{parts.scheme}://{parts.netloc}"

    def absolute(self, path: str) -> str:
        """The full address of a path of this site (asked for every page by the sitemap, feeds and data files)."""
        return uri(self._origin + self.site.base_path + path.lstrip("/"))


def static_files(root: Path, problems: Problems) -> dict[str, bytes]:
    """Built-in static files, then the content folder's own, which win on the same name."""
    found: dict[str, bytes] = {}
    for base, folder in ((BUILTIN_STATIC.parent, BUILTIN_STATIC.name), (root, "static")):
        for rel in find_files(base, folder, problems):
            data = read_file(base, rel, problems, MAX_STATIC_BYTES)
            if data is not None:
                found[rel.removeprefix(folder + "/")] = data
                if base == root and (root / folder).resolve() != BUILTIN_STATIC:  # the council's own files
                    warn_active_content(rel, data, problems)
    return found


def builtin_static_names() -> set[str]:
    """The builder's own style sheet, scripts and icon: the templates link to them, so they are fingerprinted."""
    # the easy read pictures are linked from Markdown by their names, so they keep them
    return {file.relative_to(BUILTIN_STATIC).as_posix() for file in BUILTIN_STATIC.rglob("*")
            if file.is_file() and not file.relative_to(BUILTIN_STATIC).as_posix().startswith(EASY_READ_PICTURES)}


def listing_files(root: Path) -> list[Path]:
    """site.yaml and the listings: the inputs of everything made from the listings alone."""
    # only ordinary files: a named pipe or a link to /dev/zero here would hang the digest of the inputs (the
    # listings themselves are read with read_file, which names such a file as a problem)
    return sorted(file for file in [*root.glob("*.yaml"), *root.glob("*.yml")] if ordinary(root, file))
