"""Where the build cache is kept between runs: one state file and one file per rendered page, in ROOT/.cache/build.

The cache sits inside the content folder, which is shared and copied between machines, so nothing in it is trusted:
- it holds data only (JSON and the rendered bytes), never pickle or compiled code, so reading it can run nothing;
- the state file is signed with a key kept outside the content folder (in the user's own cache folder), so a cache
  planted in the content folder, or copied with it from another machine, is simply not used;
- the state names the SHA-256 of every rendered file, and a file that does not match (edited, cut short by Ctrl-C
  or a full disk, emptied) is a miss: it is rendered again, exactly as without a cache;
- every file is written beside its place and renamed into it, so a killed save leaves the old file or the new one.
Kept are the rendered files, each parsed Markdown page (as JSON, read back into its dataclasses by jsoncodec.py:
type-checked data, never code) and what each template reads; listings and compiled templates are kept in memory
only (the preview keeps them between rebuilds).
"""

from __future__ import annotations

import hashlib
import hmac
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import cachefiles, jsoncodec
from .contentfiles import Refused, read_inside
from .digests import CODE_VERSION
from .errors import Problem
from .models import Page, Parsed
from .templateinfo import TemplateInfo

if TYPE_CHECKING:
    from .cache import BuildCache

STATE_FILE = "state.json"
MAX_STATE_BYTES = 64 * 1024 * 1024
MAX_RENDERED_BYTES = 64 * 1024 * 1024


def load(cache: BuildCache, folder: Path) -> None:
    """Fill `cache` from what was saved in `folder`; nothing when there is none, it is not ours, or it is odd."""
    try:
        body = cachefiles.unsigned(cachefiles.secret(), read_inside(folder, folder / STATE_FILE, MAX_STATE_BYTES))
    except Refused:
        return
    if body is None:
        return
    try:
        state = json.loads(body)
    except ValueError:
        return
    if not isinstance(state, dict) or state.get("version") != CODE_VERSION:
        return
    try:
        rendered = {str(key): str(value) for key, value in state["rendered"].items()}
        templates = {(str(name), str(digest).encode()): TemplateInfo(str(digest).encode(), _names(names))
                     for name, digest, names in state["templates"]}
        closures = {str(name): _names(names, tuple) for name, names in state["closures"].items()}
        pages = {str(key): str(value) for key, value in state["pages"].items()}
        checks = {str(key): str(value) for key, value in state["checks"].items()}
    except (KeyError, TypeError, ValueError, AttributeError):  # not what save() writes: a miss
        return
    cache.saved, cache.templates.known, cache.templates.closures = rendered, templates, closures
    cache.saved_pages, cache.saved_stages = pages, checks


def _names(names: object, kind: type = frozenset) -> Any:
    if names is None:
        return None
    if not isinstance(names, list) or not all(isinstance(name, str) for name in names):
        raise TypeError("a list of names")
    return kind(names)


def _read_checked(folder: Path, saved: dict[str, str], key: str) -> bytes | None:
    """A file saved under `key`, when its SHA-256 is the one the signed state names; None (a miss) otherwise."""
    expected = saved.get(key)
    if expected is None:
        return None
    try:
        data = read_inside(folder, folder / key, MAX_RENDERED_BYTES)
    except Refused:
        data = None
    if data is None or not hmac.compare_digest(hashlib.sha256(data).hexdigest(), expected):
        del saved[key]  # written again by save()
        return None
    return data


def read_rendered(cache: BuildCache, folder: Path, key: str) -> bytes | None:
    """A rendered file saved by an earlier build, when it is exactly what was saved; None (a miss) otherwise."""
    data = _read_checked(folder / "render", cache.saved, key)
    if data is not None:
        cache.rendered[key] = data
    return data


def _read_result(folder: Path, saved: dict[str, str], key: str, kind: Any) -> tuple[Any, list[Problem]] | None:
    """A result and its problems saved by an earlier build, when its file is exactly what was saved and reads back
    as `kind`; None (a miss: it is made again) otherwise."""
    data = _read_checked(folder, saved, key)
    if data is None:
        return None
    try:
        result, problems = jsoncodec.decode(tuple[kind, tuple[Problem, ...]], json.loads(data))
    except (ValueError, RecursionError):  # jsoncodec.Invalid is a ValueError
        del saved[key]
        return None
    return result, list(problems)


def read_page(cache: BuildCache, folder: Path, key: str) -> Parsed | None:
    """A page parsed by an earlier build (the Page or None, and its problems); None when none was kept."""
    return _read_result(folder / "pages", cache.saved_pages, key, Page | None)


def read_stage(cache: BuildCache, folder: Path, key: str, kind: Any) -> None:
    """A result of `BuildCache.each` saved by an earlier build, put back among the cache's stages when it was kept."""
    found = _read_result(folder / "checks", cache.saved_stages, key, kind)
    if found is not None:
        cache.stages[key] = found


def _result_bytes(found: tuple[Any, list[Problem]]) -> bytes | None:
    """A result and its problems as JSON, or None when it holds a value jsoncodec does not keep (then not saved)."""
    result, problems = found
    try:
        return json.dumps(jsoncodec.encode((result, tuple(problems))), ensure_ascii=False).encode()
    except TypeError:
        return None


def _listed(names: tuple[str, ...] | None) -> list[str] | None:
    return None if names is None else list(names)


def save(cache: BuildCache, folder: Path, used_rendered: set[str]) -> None:
    """New rendered files are written, unused ones removed; then the signed state, replaced in one step."""
    secret = cachefiles.secret()
    if secret is None:
        return
    render_folder = folder / "render"
    render_folder.mkdir(parents=True, exist_ok=True)
    for key in sorted(used_rendered - cache.saved.keys()):
        if key in cache.rendered:
            cachefiles.write_whole(render_folder / key, cache.rendered[key])
            cache.saved[key] = hashlib.sha256(cache.rendered[key]).hexdigest()
    for key in cache.saved.keys() - used_rendered:
        (render_folder / key).unlink(missing_ok=True)
        del cache.saved[key]
    _save_results(folder / "pages", cache.pages, cache.saved_pages)
    _save_results(folder / "checks", {key: cache.stages[key] for key in cache.saved_as if key in cache.stages},
                  cache.saved_stages)
    this_build = cache.templates.this_build
    state = {"version": CODE_VERSION, "rendered": cache.saved, "pages": cache.saved_pages,
             "checks": cache.saved_stages,
             # what each template reads (Jinja's analysis of it is the slow part of a rebuild)
             "templates": [[name, info.digest.decode(), None if info.names is None else sorted(info.names)]
                           for name, info in sorted(this_build.items())],
             "closures": {name: _listed(cache.templates.closures.get(name)) for name in sorted(this_build)}}
    body = json.dumps(state, sort_keys=True).encode()
    cachefiles.write_whole(folder / STATE_FILE, cachefiles.signed(secret, body), sync=True)
    (folder / "state.pickle").unlink(missing_ok=True)  # an older builder's format, never read


def _save_results(folder: Path, results: dict[str, tuple[Any, list[Problem]]], saved: dict[str, str]) -> None:
    """The results of the last build made since the last save are written; those it no longer has, removed."""
    folder.mkdir(parents=True, exist_ok=True)
    for key in sorted(results.keys() - saved.keys()):
        data = _result_bytes(results[key])
        if data is not None:
            cachefiles.write_whole(folder / key, data)
            saved[key] = hashlib.sha256(data).hexdigest()
    for key in saved.keys() - results.keys():
        (folder / key).unlink(missing_ok=True)
        del saved[key]
