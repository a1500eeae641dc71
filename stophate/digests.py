"""Digests: of the builder's code, of bytes, and of any value by its content (never by object identity)."""

from __future__ import annotations

import hashlib
import io
import pickle
import sys
from importlib import metadata
from pathlib import Path
from typing import Any

PACKAGE = Path(__file__).resolve().parent
LIBRARIES = ("Jinja2", "Markdown", "nh3", "PyYAML", "MarkupSafe", "Pillow", "icalendar", "holidays", "weasyprint",
             "segno")


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


def fingerprint(value: Any) -> bytes:
    """What a value is, by content: two equal values give the same bytes, in any process."""
    if isinstance(value, str):  # Markup and str differ in how they render, so the type is part of it
        return type(value).__name__.encode() + b":" + value.encode("utf-8", "surrogatepass")
    if isinstance(value, int | float | bool | None):
        return repr(value).encode()
    content = getattr(value, "content_digest", None)  # a parsed page: the digest of the file it was parsed from
    if isinstance(content, str):
        return type(value).__name__.encode() + b":" + content.encode()
    return stable_digest(value)
