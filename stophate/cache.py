"""Incremental builds: reuse parsed pages, loaded listings and rendered files whose inputs have not changed.

Every cached result is keyed by a digest of exactly what produced it, so a hit can never be stale:
- a Markdown page by its path, bytes and base path;
- site.yaml and the listings by the bytes of every top-level YAML file and the build date, and so is everything
  made from them alone (`derived`: calendars, data files, the listings as views);
- a rendered file by the source of its template and every template that one extends, imports or includes, the
  values of the context names those templates read (found by Jinja's own analysis, see templateinfo.py), and the
  environment's data globals (such as `site` and `site_urls`). Values are fingerprinted by content; what is made
  from the listings is known by the listings' digest instead (plan.Render.known).
The builder's own code (and its translations) is part of every key: a new version starts with an empty cache.
The cache lives in memory (the preview server keeps one); its rendered files and parsed pages can be saved to a
folder outside site/ (cachestore.py: data only, signed with a key outside the content folder, every file checked
when read), so the next process parses and renders only what changed.
`NullCache` has the same interface and keeps nothing: a build with it does all the work.
"""

from __future__ import annotations

import os
import pickle
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import jinja2

from . import cachestore
from .digests import digest_bytes, fingerprint, stable_digest
from .errors import Problem, Problems
from .jobmemo import JobMemo
from .models import Parsed
from .plan import Plan
from .settled import Settled
from .sitedata import SiteData
from .templateinfo import TemplateInfos

T = TypeVar("T")
RunAll = Callable[[Callable[[Any], Any], list[Any]], list[Any]]


def _here(function: Callable[[Any], Any], items: list[Any]) -> list[Any]:
    return [function(item) for item in items]


def _run(compute: Callable[[Any, Problems], Any], items: list[Any], run_all: RunAll) -> list[tuple[Any, list[Problem]]]:
    """compute(item, problems) for each item, by run_all; each result with the problems it found."""

    def one(item: Any) -> tuple[Any, list[Problem]]:
        found = Problems()
        return compute(item, found), found.items

    return run_all(one, items)


class NullCache:
    """No cache: everything is computed each time. The same interface as BuildCache."""

    hits = misses = 0
    keeps = False  # nothing made is kept, so nothing needs a fingerprint or protecting from change
    files = None  # no file is known by its status: every one is read

    @property
    def pages(self) -> dict[str, tuple[Any, list[Problem]]]:
        return {}  # a new one each time: parsed pages are never kept

    def saved_page(self, key: str) -> None:
        return None

    def start_build(self) -> None:
        pass

    def finish_build(self) -> None:
        pass

    def prepare(self, env: jinja2.Environment) -> None:
        pass

    def stage(self, name: str, inputs: list[Path], extra: str, problems: Problems,
              compute: Callable[[Problems], T]) -> T:
        return compute(problems)

    def derived(self, key: str, compute: Callable[[], T]) -> T:
        return compute()

    def each(self, name: str, items: Iterable[Any], inputs: Callable[[Any], bytes], problems: Problems,
             compute: Callable[[Any, Problems], Any], run_all: RunAll = _here, kept_as: Any = None) -> list[Any]:
        results = []
        for result, found in _run(compute, list(items), run_all):
            problems.items.extend(found)
            results.append(result)
        return results

    def render_key(self, env: jinja2.Environment, template: str, context: dict[str, Any],
                   known: dict[str, bytes]) -> str | None:
        return None

    def job_memo(self, data: SiteData, env: jinja2.Environment) -> JobMemo | None:
        return None

    def plan(self, data: SiteData, make: Callable[[], Plan]) -> Plan:
        return make()

    def site_derived(self, data: SiteData, name: str, compute: Callable[[], T]) -> T:
        return compute()

    def get_rendered(self, key: str) -> bytes | None:
        return None

    def put_rendered(self, key: str, data: bytes) -> None:
        pass

    def save(self) -> None:
        pass


@dataclass
class BuildCache:
    folder: Path | None = None  # where save() keeps the cache between runs; None: memory only
    pages: dict[str, tuple[Any, list[Problem]]] = field(default_factory=dict)
    stages: dict[str, tuple[Any, list[Problem]]] = field(default_factory=dict)
    rendered: dict[str, bytes] = field(default_factory=dict)
    bytecode: dict[str, bytes] = field(default_factory=dict)
    templates: TemplateInfos = field(default_factory=TemplateInfos)
    saved: dict[str, str] = field(default_factory=dict)  # render key -> SHA-256 of its file in folder/render
    saved_pages: dict[str, str] = field(default_factory=dict)  # page key -> SHA-256 of its file in folder/pages
    saved_stages: dict[str, str] = field(default_factory=dict)  # stage key -> SHA-256 of its file in folder/checks
    hits: int = 0
    misses: int = 0
    keeps = True  # what it keeps is shared with later builds: read-only, and fingerprinted once
    _globals: bytes | None = None
    _used: set[str] = field(default_factory=set)
    saved_as: dict[str, Any] = field(default_factory=dict)  # the results of `each` saved between runs, by key
    jobs: JobMemo = field(default_factory=JobMemo)  # in memory only: the preview's files, by what made them
    files: Settled = field(default_factory=Settled)  # in memory only: Markdown files' keys, by their status

    @classmethod
    def load(cls, folder: Path) -> BuildCache:
        """The cache saved in `folder`, or an empty one when there is none or it came from other code."""
        cache = cls(folder=folder)
        cachestore.load(cache, folder)
        return cache

    def save(self) -> None:
        """Keep what the last build used: new rendered files are written, unused ones removed."""
        if self.folder is not None:
            self.stages = {key: value for key, value in self.stages.items() if key in self._used}
            cachestore.save(self, self.folder, {key for key in self._used if key.startswith("render-")})

    def saved_page(self, key: str) -> Parsed | None:
        """A page parsed by an earlier process, by its key (content.page_key); None when none was saved."""
        return None if self.folder is None else cachestore.read_page(self, self.folder, key)

    def forget_mixed(self) -> None:
        """After a build that read changing sources: drop what it may have made of old and new files alike."""
        self.stages.clear()
        self.jobs = JobMemo()

    # ---- one build ----
    def start_build(self) -> None:
        self.templates.this_build.clear()
        self._globals = None
        self._used.clear()
        self.saved_as.clear()
        self.hits = self.misses = 0

    def finish_build(self) -> None:
        """After a build that succeeded: forget what it did not use, so a long preview session stays small.
        (A failed build stops early and uses less, so it prunes nothing.)"""
        self.stages = {key: value for key, value in self.stages.items() if key in self._used}
        self.rendered = {key: value for key, value in self.rendered.items() if key in self._used}
        self.jobs.finish()

    def stage(self, name: str, inputs: list[Path], extra: str, problems: Problems,
              compute: Callable[[Problems], T]) -> T:
        """Run `compute` unless these input files (and `extra`) were seen before; replays its problems."""
        parts = [name.encode(), extra.encode()]
        for file in inputs:
            parts += [file.name.encode(), file.read_bytes() if file.is_file() else b"\0missing"]
        return self._keep("stage-" + digest_bytes(*parts), problems, compute)

    def derived(self, key: str, compute: Callable[[], T]) -> T:
        """`compute()`, kept under `key`: a digest of everything it reads (see contexts.Contexts.derived)."""
        return self._keep("derived-" + key, Problems(), lambda _found: compute())

    def _keep(self, key: str, problems: Problems, compute: Callable[[Problems], T]) -> T:
        self._used.add(key)
        if key not in self.stages:
            found = Problems()
            self.stages[key] = (compute(found), found.items)
        result, items = self.stages[key]
        problems.items.extend(items)
        return result

    def each(self, name: str, items: Iterable[Any], inputs: Callable[[Any], bytes], problems: Problems,
             compute: Callable[[Any, Problems], Any], run_all: RunAll = _here, kept_as: Any = None) -> list[Any]:
        """compute(item, problems) for each item, reused while the item and its inputs (bytes) are unchanged.
        `run_all(function, items)` may run the new ones elsewhere (on other cores); the default runs them here.
        With `kept_as`, the type of a result (as jsoncodec reads it), the results are saved between runs too."""
        keyed = [(f"{name}-" + digest_bytes(name.encode(), fingerprint(item), inputs(item)), item) for item in items]
        if kept_as is not None:
            for key, _ in keyed:
                self.saved_as[key] = kept_as
                if key not in self.stages and self.folder is not None:
                    cachestore.read_stage(self, self.folder, key, kept_as)
        todo = [(key, item) for key, item in keyed if key not in self.stages]
        fresh = _run(compute, [item for _, item in todo], run_all)
        self.stages.update((key, result) for (key, _), result in zip(todo, fresh, strict=True))
        results = []
        for key, _ in keyed:
            self._used.add(key)
            result, found_items = self.stages[key]
            problems.items.extend(found_items)
            results.append(result)
        return results

    def prepare(self, env: jinja2.Environment) -> None:
        env.bytecode_cache = _MemoryBytecode(self.bytecode)

    def render_key(self, env: jinja2.Environment, template: str, context: dict[str, Any],
                   known: dict[str, bytes]) -> str | None:
        """The digest of everything a render can read, or None when a value cannot be fingerprinted.
        `known` gives the digest of some context names already (those made from the listings alone)."""
        try:
            info = self.templates.get(env, template)
            parts = [template.encode(), info.digest, self._globals_digest(env)]
            names = sorted(context) if info.names is None else sorted(info.names & context.keys())
            for name in names:
                parts += [name.encode(), known.get(name) or fingerprint(context[name])]
        except (pickle.PicklingError, TypeError, AttributeError, jinja2.TemplateError, OSError):
            return None
        return "render-" + digest_bytes(*parts)

    def plan(self, data: SiteData, make: Callable[[], Plan]) -> Plan:
        """`make()`, or the last plan while the site's data but its pages' text stand (jobmemo.py)."""
        return self.jobs.plan(data, make)

    def site_derived(self, data: SiteData, name: str, compute: Callable[[], T]) -> T:
        """`compute()` (of no page's text), kept while the site's data but its pages' text stand (jobmemo.py)."""
        return self._keep(f"site-{name}-" + self.jobs.site_digest(data).decode(), Problems(), lambda _found: compute())

    def job_memo(self, data: SiteData, env: jinja2.Environment) -> JobMemo:
        self.jobs.start(data, env, self._globals_digest(env))  # once the plan and the globals are made
        return self.jobs

    def get_rendered(self, key: str) -> bytes | None:
        self._used.add(key)
        data = self.rendered.get(key)
        if data is None and self.folder is not None:
            data = cachestore.read_rendered(self, self.folder, key)
        if data is None:
            self.misses += 1
        else:
            self.hits += 1
        return data

    def put_rendered(self, key: str, data: bytes) -> None:
        self._used.add(key)
        self.rendered[key] = data

    def _globals_digest(self, env: jinja2.Environment) -> bytes:
        """The environment's data globals (site, site_urls...), once per build: one environment per build."""
        if self._globals is None:
            data = {name: value for name, value in sorted(env.globals.items())
                    if not callable(value) and not isinstance(value, type(os))}
            self._globals = stable_digest(data)
        return self._globals


Cache = NullCache | BuildCache


class _MemoryBytecode(jinja2.BytecodeCache):
    """Compiled templates kept between builds; Jinja checks each one against its template's source."""

    def __init__(self, store: dict[str, bytes]) -> None:
        self.store = store

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.store:
            bucket.bytecode_from_string(self.store[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.store[bucket.key] = bucket.bytecode_to_string()
