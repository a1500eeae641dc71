"""What makes the site quick to load again and again: fingerprinted asset names and precompressed copies.

The builder's own style sheet, scripts and icon (and a content folder's files of the same names) are published as
assets/<name>.<hash>.<ext>: a new version gets a new name, so browsers may keep each one for a year without asking.
Every text file gets .gz and .br copies beside it, made once at build time, so servers never compress per request.
"""

from __future__ import annotations

import gzip
import hashlib
import zlib
from collections.abc import Mapping
from pathlib import Path, PurePosixPath

import brotli

from .contentfiles import Refused, read_inside
from .outputs.hosting import ASSETS, FILE_TYPES, MIME_TYPES, TEXT_TYPES, hidden
from .pool import fork_map

HASH_LENGTH = 10  # hex digits of SHA-256: a clash between two versions of one file is not a real risk
# Brotli's best (11) takes about 40 times as long as 8 for a few per cent less; assets are compressed once per change
# and fetched by every visitor, so they get the best; pages are rebuilt every day and get the quick setting.
BROTLI_ASSETS, BROTLI_PAGES = 11, 8


def fingerprinted(statics: Mapping[str, bytes], own_names: set[str]) -> dict[str, str]:
    """Static file name -> its published name, for the files in `own_names` (the builder's own static files)."""
    names = {}
    for name, data in statics.items():
        if name in own_names:
            path = PurePosixPath(name)
            digest = hashlib.sha256(data).hexdigest()[:HASH_LENGTH]
            names[name] = f"{ASSETS}{path.stem}.{digest}{path.suffix}"
    return names


def is_text(name: str) -> bool:
    base = PurePosixPath(name).name
    mime = FILE_TYPES.get(base) or MIME_TYPES.get(base.rpartition(".")[2], "")
    return mime in TEXT_TYPES


def _compressed(item: tuple[str, bytes]) -> list[tuple[str, bytes]]:
    name, data = item
    quality = BROTLI_ASSETS if name.startswith(ASSETS) else BROTLI_PAGES
    copies = [(f"{name}.gz", gzip.compress(data, compresslevel=9, mtime=0)),  # mtime 0: same input, same bytes
              (f"{name}.br", brotli.compress(data, quality=quality))]
    return [(copy, packed) for copy, packed in copies if len(packed) < len(data)]


def _kept(previous: Path, name: str, data: bytes) -> list[tuple[str, bytes]] | None:
    """The copies the last build made of a file that has not changed since, or None if they must be made.

    The last site is read like content: ordinary files inside it only, no bigger than the file itself (a pipe,
    a link or a huge file planted there is never waited on or followed), and each copy must unpack to exactly
    the file, so a damaged or edited copy is made afresh rather than published."""
    try:
        if read_inside(previous, previous / name, len(data)) != data:
            return None
        copies = [(f"{name}{suffix}", read_inside(previous, previous / f"{name}{suffix}", len(data)))
                  for suffix in (".gz", ".br")]
    except Refused:  # no such file, or no copy of it: compress it afresh
        return None
    return copies if all(_unpacks_to(copy, packed, data) for copy, packed in copies) else None


def _unpacks_to(name: str, packed: bytes, data: bytes) -> bool:
    """True when a .gz or .br copy unpacks to `data` and nothing else; unpacking stops just past its length."""
    try:
        if name.endswith(".gz"):
            gz = zlib.decompressobj(wbits=31)
            return gz.decompress(packed, len(data) + 1) == data and gz.eof and not gz.unused_data
        br = brotli.Decompressor()
        return br.process(packed, output_buffer_limit=len(data) + 1) == data and br.is_finished()
    except (zlib.error, brotli.error):
        return False


def precompressed(files: Mapping[str, bytes], workers: int | None = None,
                  previous: Path | None = None) -> dict[str, bytes]:
    """The files with a .gz and a .br copy beside each text file they would make smaller (on every core).

    `previous` is the site this build replaces: an unchanged file keeps the copies made last time, so a rebuild only
    compresses what changed."""
    texts = [(name, data) for name, data in files.items() if is_text(name) and not hidden(name)]
    result = dict(files)
    todo = []
    previous = previous.resolve() if previous is not None and previous.is_dir() else None
    for name, data in texts:
        kept = _kept(previous, name, data) if previous is not None else None
        if kept is None:
            todo.append((name, data))
        else:
            result.update(kept)
    for copies in fork_map(_compressed, todo, workers):
        result.update(copies)
    return result
