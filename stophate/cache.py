"""Incremental builds: reuse parsed pages, loaded listings and rendered files whose inputs have not changed.

Every cached result is keyed by a digest of exactly what produced it, so a hit can never be stale:
- a Markdown page by its path, bytes and base path;
- site.yaml and the listings by the bytes of every top-level YAML file and the build date;
- a rendered file by the source of its template and every template that one extends, imports or includes, the
  values of the context names those templates read (found by Jinja's own analysis of the templates), and the
  environment's data globals (such as `site`).
The builder's own code (and its translations) is part of every key: a new version starts with an empty cache.
Outputs that SiteBuilder makes without `render()` (sitemap, feed...) are simply made each time.
The cache lives in memory (the preview server keeps one) and can be saved to a folder outside site/.
"""

from __future__ import annotations

import hashlib
import io
import os
import pickle
import sys
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any, TypeVar

import jinja2
from jinja2 import meta

from .errors import Problem, Problems

T = TypeVar("T")
PACKAGE = Path(__file__).resolve().parent
LIBRARIES = ("Jinja2", "Markdown", "nh3", "PyYAML", "MarkupSafe", "Pillow", "icalendar", "holidays")
STATE_FILE = "state.pickle"


def _code_version() -> str:
    """A digest of the builder's code, translations and libraries: results from other code are never used."""
    digest = hashlib.blake2b(digest_size=16)
    digest.update(sys.version.encode())
    for library in LIBRARIES:  # a new Markdown or Jinja2 may render the same source differently
        try:
            digest.update(f"{library}=={metadata.version(library)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{library} missing".encode())
    for file in sorted(PACKAGE.rglob("*")):
        if file.suffix in (".py", ".yaml", ".yml") and "__pycache__" not in file.parts:
            digest.update(file.relative_to(PACKAGE).as_posix().encode() + b"\0" + file.read_bytes() + b"\0")
    return digest.hexdigest()


CODE_VERSION = _code_version()


def digest_bytes(*parts: bytes) -> str:
    digest = hashlib.blake2b(digest_size=16)
    for part in parts:
        digest.update(len(part).to_bytes(8, "little"))
        digest.update(part)
    return digest.hexdigest()


class _StablePickler(pickle.Pickler):
    """Pickles sets in sorted order: their own order changes from process to process (string hashing is
    randomised), which would make a saved cache miss for no reason. (persistent_id, unlike reducer_override,
    is asked about sets too.)"""

    def persistent_id(self, obj: Any) -> Any:
        if type(obj) in (set, frozenset):
            try:
                return (type(obj).__name__, tuple(sorted(obj)))
            except TypeError:
                return (type(obj).__name__, tuple(sorted(obj, key=repr)))
        return None


def stable_digest(value: Any) -> bytes:
    buffer = io.BytesIO()
    _StablePickler(buffer, protocol=5).dump(value)
    return hashlib.blake2b(buffer.getvalue(), digest_size=16).digest()


class _MemoryBytecode(jinja2.BytecodeCache):
    """Compiled templates kept between builds; Jinja checks each one against its template's source."""

    def __init__(self, store: dict[str, bytes]) -> None:
        self.store = store

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.store:
            bucket.bytecode_from_string(self.store[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.store[bucket.key] = bucket.bytecode_to_string()


@dataclass(frozen=True)
class _TemplateInfo:
    digest: bytes  # the sources of the template and everything it pulls in
    names: frozenset[str] | None  # context names read; None means "any": depend on the whole context


@dataclass
class BuildCache:
    folder: Path | None = None  # where save() keeps the cache between runs; None: memory only
    pages: dict[str, tuple[Any, list[Problem]]] = field(default_factory=dict)
    stages: dict[str, tuple[Any, list[Problem]]] = field(default_factory=dict)
    rendered: dict[str, bytes] = field(default_factory=dict)
    bytecode: dict[str, bytes] = field(default_factory=dict)
    hits: int = 0
    misses: int = 0
    _templates: dict[tuple[str, bytes], _TemplateInfo] = field(default_factory=dict)
    _closures: dict[str, tuple[str, ...] | None] = field(default_factory=dict)
    _this_build: dict[str, _TemplateInfo] = field(default_factory=dict)
    _globals: dict[int, bytes] = field(default_factory=dict)
    _fingerprints: dict[int, tuple[Any, bytes]] = field(default_factory=dict)
    _fingerprinted: set[int] = field(default_factory=set)
    _used: set[str] = field(default_factory=set)
    _saved: set[str] = field(default_factory=set)

    # ---- one build ----
    def start_build(self) -> None:
        """Forget per-build memos. Fingerprints are keyed by object identity: each memo holds its object, so the
        id cannot be reused; those not used by the last build are dropped (parsed pages stay the same objects from
        build to build, so theirs are kept)."""
        self._fingerprints = {key: self._fingerprints[key] for key in self._fingerprinted if key in self._fingerprints}
        self._fingerprinted = set()
        self._this_build.clear()
        self._globals.clear()
        self._used.clear()
        self.hits = self.misses = 0

    def finish_build(self) -> None:
        """After a build that succeeded: forget what it did not use, so a long preview session stays small.
        (A failed build stops early and uses less, so it prunes nothing.)"""
        self.stages = {key: value for key, value in self.stages.items() if key in self._used}
        self.rendered = {key: value for key, value in self.rendered.items() if key in self._used}

    def stage(self, name: str, inputs: list[Path], extra: str, problems: Problems,
              compute: Callable[[Problems], T]) -> T:
        """Run `compute` unless these input files (and `extra`) were seen before; replays its problems."""
        parts = [name.encode(), extra.encode()]
        for file in inputs:
            parts += [file.name.encode(), file.read_bytes() if file.is_file() else b"\0missing"]
        key = "stage-" + digest_bytes(*parts)
        self._used.add(key)
        if key not in self.stages:
            found = Problems()
            self.stages[key] = (compute(found), found.items)
        result, items = self.stages[key]
        problems.items.extend(items)
        return result

    def each(self, name: str, items: Iterable[Any], inputs: Callable[[Any], bytes], problems: Problems,
             compute: Callable[[Any, Problems], Any],
             run_all: Callable[[Callable[[Any], Any], list[Any]], list[Any]] | None = None) -> list[Any]:
        """compute(item, problems) for each item, reused while the item and its inputs (bytes) are unchanged.
        `run_all(function, items)` may run the new ones elsewhere (on other cores); the default runs them here."""
        keyed = [(f"{name}-" + digest_bytes(name.encode(), self._fingerprint(item), inputs(item)), item)
                 for item in items]
        todo = [(key, item) for key, item in keyed if key not in self.stages]

        def one(item: Any) -> tuple[Any, list[Problem]]:
            found = Problems()
            return compute(item, found), found.items

        fresh = (run_all or (lambda f, xs: [f(x) for x in xs]))(one, [item for _, item in todo])
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

    def render_key(self, env: jinja2.Environment, template: str, context: dict[str, Any]) -> str | None:
        """The digest of everything a render can read, or None when a value cannot be fingerprinted."""
        try:
            info = self._template_info(env, template)
            parts = [template.encode(), info.digest, self._globals_digest(env)]
            names = sorted(context) if info.names is None else sorted(info.names & context.keys())
            for name in names:
                parts += [name.encode(), self._fingerprint(context[name])]
        except (pickle.PicklingError, TypeError, AttributeError, jinja2.TemplateError, OSError):
            return None
        return "render-" + digest_bytes(*parts)

    def get_rendered(self, key: str) -> bytes | None:
        self._used.add(key)
        data = self.rendered.get(key)
        if data is None and self.folder is not None:
            file = self.folder / "render" / key
            if file.is_file():
                data = self.rendered[key] = file.read_bytes()
            else:  # removed by someone: written again by save()
                self._saved.discard(key)
        if data is None:
            self.misses += 1
        else:
            self.hits += 1
        return data

    def put_rendered(self, key: str, data: bytes) -> None:
        self._used.add(key)
        self.rendered[key] = data

    # ---- fingerprints ----
    def _fingerprint(self, value: Any) -> bytes:
        if isinstance(value, str):  # Markup and str differ in how they render, so the type is part of it
            return type(value).__name__.encode() + b":" + value.encode("utf-8", "surrogatepass")
        if isinstance(value, int | float | bool | None):
            return repr(value).encode()
        memo = self._fingerprints.get(id(value))
        self._fingerprinted.add(id(value))
        if memo is not None and memo[0] is value:
            return memo[1]
        digest = stable_digest(value)
        self._fingerprints[id(value)] = (value, digest)  # holding the value keeps its id from being reused
        return digest

    def _globals_digest(self, env: jinja2.Environment) -> bytes:
        if id(env) not in self._globals:
            data = {name: value for name, value in sorted(env.globals.items())
                    if not callable(value) and not isinstance(value, type(os))}
            self._globals[id(env)] = stable_digest(data)
        return self._globals[id(env)]

    # ---- templates ----
    def _template_info(self, env: jinja2.Environment, name: str) -> _TemplateInfo:
        info = self._this_build.get(name)
        if info is not None:
            return info
        closure = self._closures.get(name)
        if closure is not None:  # reuse the last analysis while every template it pulled in is unchanged
            info = self._templates.get((name, _sources_digest(env, closure)))
        if info is None:
            info, closure = _analyse(env, name)
            self._closures[name] = closure
            self._templates[(name, info.digest)] = info
        self._this_build[name] = info
        return info

    # ---- persistence ----
    @classmethod
    def load(cls, folder: Path) -> BuildCache:
        """The cache saved in `folder`, or an empty one when there is none or it came from other code."""
        cache = cls(folder=folder)
        try:
            with (folder / STATE_FILE).open("rb") as file:
                state = pickle.load(file)
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, ValueError):
            return cache
        if not isinstance(state, dict) or state.get("version") != CODE_VERSION:
            return cache
        cache.pages, cache.stages, cache.bytecode = state["pages"], state["stages"], state["bytecode"]
        cache._templates, cache._closures = state["templates"], state["closures"]
        cache._saved = set(state["rendered"])
        return cache

    def save(self) -> None:
        """Keep what the last build used: new rendered files are written, unused ones removed."""
        if self.folder is None:
            return
        render_folder = self.folder / "render"
        render_folder.mkdir(parents=True, exist_ok=True)
        used_rendered = {key for key in self._used if key.startswith("render-")}
        for key in used_rendered - self._saved:
            if key in self.rendered:
                (render_folder / key).write_bytes(self.rendered[key])
        for key in self._saved - used_rendered:
            (render_folder / key).unlink(missing_ok=True)
        self._saved = used_rendered & (self._saved | self.rendered.keys())
        self.stages = {key: value for key, value in self.stages.items() if key in self._used}
        state = {"version": CODE_VERSION, "pages": self.pages, "stages": self.stages, "bytecode": self.bytecode,
                 "rendered": sorted(self._saved),
                 "templates": {(name, info.digest): info for name, info in self._this_build.items()},
                 "closures": {name: self._closures.get(name) for name in self._this_build}}
        handle, temp = tempfile.mkstemp(dir=self.folder, prefix=".state-")
        with os.fdopen(handle, "wb") as file:
            pickle.dump(state, file, protocol=5)
        os.replace(temp, self.folder / STATE_FILE)


def _sources_digest(env: jinja2.Environment, names: tuple[str, ...]) -> bytes:
    assert env.loader is not None
    return digest_bytes(*(part for name in names
                          for part in (name.encode(), env.loader.get_source(env, name)[0].encode()))).encode()


def _analyse(env: jinja2.Environment, name: str) -> tuple[_TemplateInfo, tuple[str, ...] | None]:
    """The template, everything it extends, imports or includes, and the context names they read."""
    assert env.loader is not None
    seen: set[str] = set()
    names: set[str] | None = set()
    dynamic = False
    todo = [name]
    while todo:
        current = todo.pop()
        if current in seen:
            continue
        seen.add(current)
        ast = env.parse(env.loader.get_source(env, current)[0])
        if names is not None:
            names |= meta.find_undeclared_variables(ast)
        for referenced in meta.find_referenced_templates(ast):
            if referenced is None:  # a template chosen at run time: depend on every template and every name
                todo.extend(env.list_templates())
                dynamic = True
            else:
                todo.append(referenced)
    context_names = _context_reads(env)
    if dynamic or context_names is None:
        names = None
    elif names is not None:
        names |= context_names
    closure = tuple(sorted(seen))
    info = _TemplateInfo(_sources_digest(env, closure), frozenset(names) if names is not None else None)
    return info, (None if dynamic else closure)


def _context_reads(env: jinja2.Environment) -> frozenset[str] | None:
    """The context names read by globals and filters marked pass_context; None when one could read any name
    (then a render depends on all of them).

    Jinja's own filters and gettext functions are marked so only to reach the environment or learn whether to
    autoescape; they read no names. Ours say what they read in `context_names` (render.py's url reads `lang`).
    """
    found: set[str] = set()
    for value in [*env.globals.values(), *env.filters.values(), *env.tests.values()]:
        marker = getattr(value, "jinja_pass_arg", None)
        builtin = getattr(value, "__module__", "").startswith("jinja2.")
        if marker is not None and marker.name == "context" and not builtin:
            declared = getattr(value, "context_names", None)
            if declared is None:
                return None
            found |= declared
    return frozenset(found)
