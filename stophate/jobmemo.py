"""Files reused without making their context: after one page's text is edited, the other pages come back as they were.

The render cache (cache.py) keys a file on its context, so it must make every job's context and fingerprint it, for
every job, on every build: most of an edit's time in the preview. This memo keys a job on what its context is made
from instead, which is known before any of it is made:
- the site's data with each page known by everything but its text (`site_digest`: its body, headings, links and
  word count; a page's own file, title, summary, date, slug, tags, language... are all in it),
- every template's source and the environment's data globals (the URLs of the plan, the catalogues, the assets),
- the job itself, and the digest of the file of each page it is made from (`Page.digest`): its text.
Only page types that read no page's text but their inputs' (`PageType.keyed`) are memoised: the feed, which carries
every post's text, is made every time. Editing a page's text changes only its own key; editing its title, a listing
or a template changes the site digest, and every keyed job is made again (and answered by the render cache).
A job that reported a problem is never kept, so its problem is reported again by the next build.
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import pickle
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import jinja2

from .digests import digest_bytes
from .models import Page
from .plan import Job, Plan
from .sitedata import SiteData

# what a page's file makes of its text (`version` is read by the translations check only), and the digest of
# that file: a job knows its own pages by the digest
TEXT_FIELDS = ("body_html", "headings", "links", "words", "version", "digest")
_PAGE_FIELDS = tuple(f.name for f in dataclasses.fields(Page) if f.name not in TEXT_FIELDS)
_SITE_FIELDS = tuple(f.name for f in dataclasses.fields(SiteData))


@dataclass(frozen=True)
class Kept:
    data: bytes
    render_key: str | None  # the render cache's key when a template made it: kept in use with the file
    rendered: bool  # made through the render cache: counted as a rendered file (and a page, when HTML)


class _SitePickler(pickle.Pickler):
    """Pickles a page as the digest of all but its text, and sets in sorted order (as digests.stable_digest)."""

    def __init__(self, buffer: io.BytesIO, memo: JobMemo) -> None:
        super().__init__(buffer, protocol=5)
        self.jobs = memo

    def persistent_id(self, obj: Any) -> Any:
        kind = type(obj)
        if kind is Page:
            return ("page", self.jobs.without_text(obj))
        if kind in (set, frozenset):
            try:
                return (kind.__name__, tuple(sorted(obj)))
            except TypeError:
                return (kind.__name__, tuple(sorted(obj, key=repr)))
        return None


@dataclass
class JobMemo:
    """Job key -> the file it made, for the jobs of the last build (kept in memory by the preview's cache)."""

    files: dict[str, Kept] = field(default_factory=dict)
    _meta: dict[int, tuple[Page, bytes]] = field(default_factory=dict)  # id -> (the page, so the id stays its own)
    _fields: dict[str, tuple[Any, bytes]] = field(default_factory=dict)  # the site's data: name -> (value, digest)
    _used: set[str] = field(default_factory=set)
    _site: Any = None  # this build's keys start from this digest (a blake2b object)
    _digested: tuple[SiteData, bytes] | None = None  # the last site's data and its digest
    _plan: tuple[bytes, Plan, list[tuple[int, ...] | None]] | None = None  # site digest, plan, its pages' places

    def plan(self, data: SiteData, make: Callable[[], Plan]) -> Plan:
        """The plan, made again only when the site's data but the pages' text changed (no page type plans by a
        page's text): else the last plan, each job given this build's page where it had the last build's."""
        site = self.site_digest(data)
        if self._plan is not None and self._plan[0] == site:
            plan = _with_pages(self._plan[1], self._plan[2], data.pages)
        else:
            plan = make()
        places = _page_places(plan, data.pages)
        self._plan = None if places is None else (site, plan, places)
        return plan

    def start(self, data: SiteData, env: jinja2.Environment, globals_digest: bytes) -> None:
        """Key this build's jobs on its data, templates and globals."""
        self._used.clear()
        self._site = hashlib.blake2b(digest_bytes(self.site_digest(data), _templates_digest(env),
                                                  globals_digest).encode(), digest_size=16)

    def site_digest(self, data: SiteData) -> bytes:
        """Every field of the site's data (not what was worked out from them since), pages without their text.
        A field that is the very object of the last build (what the cache's stages kept) keeps its digest."""
        if self._digested is not None and self._digested[0] is data:
            return self._digested[1]
        seen = len(self._meta)
        parts = []
        for name in _SITE_FIELDS:
            value = getattr(data, name)
            kept = self._fields.get(name)
            if kept is None or kept[0] is not value:
                buffer = io.BytesIO()
                _SitePickler(buffer, self).dump(value)
                kept = self._fields[name] = (value, hashlib.blake2b(buffer.getvalue(), digest_size=16).digest())
            parts.append(kept[1])
        if len(self._meta) > seen or len(self._meta) > 2 * len(data.pages):  # forget pages no longer built
            alive = {id(page) for page in data.pages}
            self._meta = {key: value for key, value in self._meta.items() if key in alive}
        digest = digest_bytes(*parts).encode()
        self._digested = (data, digest)
        return digest

    def without_text(self, page: Page) -> bytes:
        kept = self._meta.get(id(page))
        if kept is None or kept[0] is not page:
            buffer = io.BytesIO()
            _SitePickler(buffer, self).dump([getattr(page, name) for name in _PAGE_FIELDS])
            kept = self._meta[id(page)] = (page, hashlib.blake2b(buffer.getvalue(), digest_size=16).digest())
        return kept[1]

    def key(self, job: Job) -> str:
        """The job (the plan is made from the site's data, so its other inputs are in the site digest), and the
        text of each page it is made from."""
        digest = self._site.copy()  # no field holds a NUL: names, addresses and hexadecimal digests
        digest.update("\0".join([job.kind, job.route, job.url, job.path, job.maker, job.lang.code, job.lang.prefix,
                                  *(one.digest for one in job.inputs if isinstance(one, Page))]).encode())
        return digest.hexdigest()

    def get(self, key: str) -> Kept | None:
        kept = self.files.get(key)
        if kept is not None:
            self._used.add(key)
        return kept

    def put(self, key: str, kept: Kept) -> None:
        self._used.add(key)
        self.files[key] = kept

    def finish(self) -> None:
        """After a build that succeeded: keep only its own jobs' files."""
        self.files = {key: kept for key, kept in self.files.items() if key in self._used}


def _page_places(plan: Plan, pages: tuple[Page, ...]) -> list[tuple[int, ...] | None] | None:
    """For each job, the place in `pages` of each of its inputs (-1: not a page); None for a job with no page.
    None for the whole plan when a job holds a page that is not one of `pages` itself (a copy made for it)."""
    place = {id(page): number for number, page in enumerate(pages)}
    places: list[tuple[int, ...] | None] = []
    for job in plan.jobs:
        if not any(isinstance(one, Page) for one in job.inputs):
            places.append(None)
            continue
        found = tuple(place.get(id(one), -2) if isinstance(one, Page) else -1 for one in job.inputs)
        if -2 in found:
            return None
        places.append(found)
    return places


def _with_pages(plan: Plan, places: list[tuple[int, ...] | None], pages: tuple[Page, ...]) -> Plan:
    jobs = []
    for job, found in zip(plan.jobs, places, strict=True):
        if found is None:
            jobs.append(job)
            continue
        inputs = tuple(pages[at] if at >= 0 else one for at, one in zip(found, job.inputs, strict=True))
        if any(new is not old for new, old in zip(inputs, job.inputs, strict=True)):
            job = dataclasses.replace(job, inputs=inputs)
        jobs.append(job)
    return Plan(tuple(jobs))


def _templates_digest(env: jinja2.Environment) -> bytes:
    """Every template the environment can load, by name and source: a context made once per build (the footer)
    may render one that the page's own template does not name."""
    assert env.loader is not None
    parts = []
    for name in sorted(env.list_templates()):
        parts += [name.encode(), env.loader.get_source(env, name)[0].encode()]
    return digest_bytes(*parts).encode()
