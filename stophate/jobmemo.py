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
from dataclasses import dataclass, field
from typing import Any

import jinja2

from .digests import digest_bytes
from .models import Page
from .plan import Job
from .sitedata import SiteData

# what a page's file makes of its text (`version` is read by the translations check only), and the digest of
# that file: a job knows its own pages by the digest
TEXT_FIELDS = ("body_html", "headings", "links", "words", "version", "digest")
_PAGE_FIELDS = tuple(f.name for f in dataclasses.fields(Page) if f.name not in TEXT_FIELDS)


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
    _used: set[str] = field(default_factory=set)
    _site: str = ""

    def start(self, data: SiteData, env: jinja2.Environment, globals_digest: bytes) -> None:
        """Key this build's jobs on its data, templates and globals."""
        self._used.clear()
        self._site = digest_bytes(self.site_digest(data), _templates_digest(env), globals_digest)

    def site_digest(self, data: SiteData) -> bytes:
        """Every field of the site's data (not what was worked out from them since), pages without their text."""
        seen = len(self._meta)
        buffer = io.BytesIO()
        _SitePickler(buffer, self).dump([getattr(data, f.name) for f in dataclasses.fields(data)])
        if len(self._meta) > seen or len(self._meta) > 2 * len(data.pages):  # forget pages no longer built
            alive = {id(page) for page in data.pages}
            self._meta = {key: value for key, value in self._meta.items() if key in alive}
        return hashlib.blake2b(buffer.getvalue(), digest_size=16).digest()

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
        texts = [one.digest.encode() for one in job.inputs if isinstance(one, Page)]
        return digest_bytes(self._site.encode(), job.kind.encode(), job.route.encode(), job.url.encode(),
                            job.path.encode(), job.maker.encode(), job.lang.code.encode(), job.lang.prefix.encode(),
                            *texts)

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


def _templates_digest(env: jinja2.Environment) -> bytes:
    """Every template the environment can load, by name and source: a context made once per build (the footer)
    may render one that the page's own template does not name."""
    assert env.loader is not None
    parts = []
    for name in sorted(env.list_templates()):
        parts += [name.encode(), env.loader.get_source(env, name)[0].encode()]
    return digest_bytes(*parts).encode()
