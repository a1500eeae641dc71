"""Is the published site up to date? Answered before anything else is loaded, as make and ninja do.

Each build that publishes (or finds nothing new to publish) keeps a record beside the build cache, in
ROOT/.cache/published/ (one per output folder), signed like the cache (cachefiles.py) and never trusted unsigned:
- `inputs`: the status (lstat: type, size, times, inode) of everything the build reads: site.yaml and the other YAML
  files, everything under content/, templates/, static/ and locales/, the builder's own code, templates, static
  files, translations, fonts and server settings, the installed libraries, Python's version and the build options;
- `built`: a digest of the name and SHA-256 of every file the build made (what it published, before the compressed
  copies and the search index were added);
- `published`: the status of every file and folder in the output folder, as published (a file edited or removed
  there by hand changes it), and `cache`: the status of the build cache's state file;
- `report`: the warnings the build printed, printed again when nothing changed.

With the same inputs and everything as published, there is nothing to do. Otherwise the build runs; when it makes
exactly the files already published (`built`) and the output folder is as published, it writes nothing either.

Only statuses are read, never following a link: a link or a device among the inputs, a file that cannot be looked
at, or a record that is not ours or not whole means a full build. A file changed in the seconds before a build can
change again without its status showing it (file times are coarse), so such a file's SHA-256 is kept and compared.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import stat
import sys
import time
from collections.abc import Mapping
from pathlib import Path
from typing import NamedTuple

from . import cachefiles
from .choices import BuildOptions

PACKAGE = Path(__file__).resolve().parent
BUILDER = (PACKAGE, PACKAGE.parent / "templates", PACKAGE.parent / "static", PACKAGE.parent / "locales",
           PACKAGE.parent / "deploy")
CONTENT_FOLDERS = ("content", "templates", "static", "locales")  # site.yaml and the listings sit beside them
RECENT_NS = 10 * 10**9  # a file changed this close to a build is also compared by its SHA-256
MAX_RECORD_BYTES = 64 * 1024 * 1024
MAX_HASHED_BYTES = 64 * 1024 * 1024
FORMAT = 1


class Doubt(Exception):
    """Something a status cannot vouch for (a link, a device, a file that vanished): then the site is built."""


class Inputs(NamedTuple):
    """The fingerprint of a build's inputs, taken before it reads them; None where in doubt."""

    code: str | None  # the builder, its libraries and Python
    content: str | None  # the content folder and the options, with `code`
    recent: dict[str, str]  # files changed just before the fingerprint was taken: path -> SHA-256


class Record(NamedTuple):
    code: str | None
    inputs: str | None
    recent: dict[str, str]
    built: str
    published: str
    cache: str
    report: str


def _read_ordinary(path: str, limit: int) -> bytes:
    """The bytes of an ordinary file of at most `limit` bytes, opened without following a link or waiting on a
    pipe; Doubt otherwise."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError:
        raise Doubt(path) from None
    try:
        found = os.fstat(fd)
        if not stat.S_ISREG(found.st_mode) or found.st_size > limit:
            raise Doubt(path)
        with os.fdopen(fd, "rb", closefd=False) as stream:
            data = stream.read(limit + 1)
    except OSError:
        raise Doubt(path) from None
    finally:
        os.close(fd)
    if len(data) > limit:
        raise Doubt(path)
    return data


def _sha256(path: str) -> str:
    return hashlib.sha256(_read_ordinary(path, MAX_HASHED_BYTES)).hexdigest()


class _Statuses:
    """A digest of the statuses of files and folders, in the order they are given, with the recent files' SHA-256."""

    def __init__(self, recent_since: int | None = None, within: str = "") -> None:
        self.digest = hashlib.sha256()
        self.recent: dict[str, str] = {}
        self.since = recent_since
        self.cut = len(within)  # paths are noted from here on: a folder renamed keeps its digest

    def add(self, path: str, found: os.stat_result | None) -> None:
        name = os.fsencode(path[self.cut:])
        if found is None:
            self.digest.update(b"absent\0" + name + b"\n")
        elif stat.S_ISDIR(found.st_mode):
            self.digest.update(b"folder\0" + name + b"\n")
        elif stat.S_ISREG(found.st_mode):
            times = (found.st_size, found.st_mtime_ns, found.st_ctime_ns, found.st_ino, found.st_mode)
            self.digest.update(b"file\0" + name + b"\0" + " ".join(map(str, times)).encode() + b"\n")
            if self.since is not None and max(found.st_mtime_ns, found.st_ctime_ns) >= self.since:
                self.recent[path] = _sha256(path)
        else:
            raise Doubt(path)  # a link, a pipe, a device: the build decides what to make of it

    def tree(self, top: Path, skip: tuple[str, ...] = ()) -> None:
        """`top` and everything under it, or that it is absent; folders named in `skip` are left out."""
        try:
            found = os.lstat(top)
        except FileNotFoundError:
            self.add(str(top), None)
            return
        except OSError:
            raise Doubt(str(top)) from None
        self.add(str(top), found)
        if stat.S_ISDIR(found.st_mode):
            self._folder(str(top), skip)

    def _folder(self, folder: str, skip: tuple[str, ...]) -> None:
        try:
            entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
            statuses = [(entry.path, entry.stat(follow_symlinks=False)) for entry in entries if entry.name not in skip]
        except OSError:
            raise Doubt(folder) from None
        for path, found in statuses:
            self.add(path, found)
            if stat.S_ISDIR(found.st_mode):
                self._folder(path, skip)

    def hexdigest(self) -> str:
        return self.digest.hexdigest()


def _libraries(statuses: _Statuses) -> None:
    """The installed packages, by the names of their metadata folders (which carry their versions)."""
    statuses.digest.update(sys.version.encode() + b"\n")
    for folder in sys.path:
        if not folder.endswith(("site-packages", "dist-packages")):
            continue
        try:
            names = sorted(entry.name for entry in os.scandir(folder) if entry.name.endswith((".dist-info",
                                                                                            ".egg-info")))
        except OSError:
            continue
        statuses.digest.update(os.fsencode(folder) + b"\0" + "\0".join(names).encode() + b"\n")


def take(root: Path, options: BuildOptions) -> Inputs:
    """The fingerprint of everything a build of `root` with `options` reads: before it reads anything."""
    since = time.time_ns() - RECENT_NS
    code = _Statuses(since)
    try:
        for folder in BUILDER:
            code.tree(folder, skip=("__pycache__",))
        _libraries(code)
    except Doubt:
        return Inputs(None, None, {})
    content = _Statuses(since)
    content.digest.update(code.hexdigest().encode() + b"\n" + repr(options).encode() + b"\n")
    try:
        with os.scandir(root) as entries:
            top = sorted((entry.name, entry.stat(follow_symlinks=False)) for entry in entries
                         if entry.name.endswith((".yaml", ".yml")))
        for name, found in top:
            content.add(str(root / name), found)
        for folder in CONTENT_FOLDERS:
            content.tree(root / folder)
    except (Doubt, OSError):
        return Inputs(code.hexdigest(), None, code.recent)
    return Inputs(code.hexdigest(), content.hexdigest(), {**code.recent, **content.recent})


def published(out: Path) -> str:
    """A digest of the statuses of the output folder and everything in it ("" when in doubt: never equal). A folder
    renamed, as the new site is when it is swapped in, keeps it: so it can be taken before the swap, while no other
    build can swap in its own."""
    statuses = _Statuses(within=str(out))
    try:
        found = os.lstat(out)
        if not stat.S_ISDIR(found.st_mode):
            return ""
        statuses.digest.update(f"{found.st_ino}\n".encode())  # each build publishes a new folder
        statuses.tree(out)
    except (Doubt, OSError):
        return ""
    return statuses.hexdigest()


def manifest(files: Mapping[str, bytes]) -> str:
    """A digest of every file's name and SHA-256: equal when a build makes the same files with the same bytes."""
    digest = hashlib.sha256()
    for name in sorted(files):
        digest.update(name.encode("utf-8", "surrogateescape") + b"\0"
                      + hashlib.sha256(files[name]).hexdigest().encode() + b"\n")
    return digest.hexdigest()


def _cache_status(root: Path) -> str:
    """The status of the build cache's state file: a cache edited, damaged or removed means a full build."""
    statuses = _Statuses()
    try:
        statuses.tree(root / ".cache" / "build" / "state.json")
    except Doubt:
        return ""
    return statuses.hexdigest()


def _record_file(root: Path, out: Path) -> Path:
    return root / ".cache" / "published" / (hashlib.sha256(os.fsencode(out)).hexdigest()[:32] + ".json")


def _read_record_file(file: Path) -> bytes | None:
    """The record's bytes: no link on the way from the content folder, an ordinary file, of a bounded size."""
    try:
        for folder in (file.parent.parent, file.parent):
            if not stat.S_ISDIR(os.lstat(folder).st_mode):
                return None
        return _read_ordinary(str(file), MAX_RECORD_BYTES)
    except (OSError, Doubt):
        return None


def load(root: Path, out: Path) -> Record | None:
    """What the last build that published to `out` kept; None when there is none, or it is not ours or not whole."""
    data = _read_record_file(_record_file(root, out))
    body = None if data is None else cachefiles.unsigned(cachefiles.secret(), data)
    if body is None:
        return None
    try:
        kept = json.loads(body)
        if kept["format"] != FORMAT or kept["out"] != str(out):
            return None
        record = Record(*(kept[name] for name in Record._fields))
    except (ValueError, KeyError, TypeError):
        return None
    strings = [record.built, record.published, record.cache, record.report, *record.recent, *record.recent.values()]
    optional = [record.code, record.inputs]
    if not isinstance(record.recent, dict) or not all(isinstance(value, str) for value in strings) \
            or not all(value is None or isinstance(value, str) for value in optional):
        return None
    return record


def _same_recent(recent: dict[str, str], now: Inputs) -> bool:
    try:
        return all(hmac.compare_digest(now.recent.get(path) or _sha256(path), digest)
                   for path, digest in recent.items())
    except Doubt:
        return False


def _intact(record: Record, out: Path) -> bool:
    """`out` is as it was published ("", a folder that could not be looked at, never is)."""
    return record.published != "" and record.published == published(out)


def up_to_date(record: Record | None, now: Inputs, root: Path, out: Path) -> bool:
    """True when nothing the build reads has changed since it published `out`, and `out` is as it was published."""
    return (record is not None and now.content is not None and record.inputs == now.content
            and _same_recent(record.recent, now) and record.cache != "" and record.cache == _cache_status(root)
            and _intact(record, out))


def unchanged(record: Record | None, now: Inputs, files: Mapping[str, bytes], out: Path) -> bool:
    """True when the build made exactly the files published in `out` (by the same builder), and `out` is intact:
    then nothing needs writing, compressing or indexing."""
    return (record is not None and now.code is not None and record.code == now.code
            and record.built == manifest(files) and _intact(record, out))


def save(root: Path, out: Path, now: Inputs, files: Mapping[str, bytes], report: str, folder: str) -> None:
    """Keep the record of what was just published to `out` (or found already there): `folder` is the digest of the
    folder published (`published`), taken before another build could swap in its own. A record that cannot be kept
    only makes the next build slower."""
    key = cachefiles.secret()
    if key is None or not folder:
        return
    record = Record(now.code, now.content, now.recent, manifest(files), folder, _cache_status(root), report)
    body = json.dumps({"format": FORMAT, "out": str(out), **record._asdict()}).encode()
    file = _record_file(root, out)
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        cachefiles.write_whole(file, cachefiles.signed(key, body))
    except OSError:
        pass
