"""Translated pages: a translation sits beside its source, and says which version of the source it was made from.

`content/pages/report.pa.md` is the Panjabi translation of `content/pages/report.md`, published at /pa/report/.
Its front matter records `translated_from:`, the version of the source it translates: a short fingerprint of the
source file that `python build.py check` prints (and `new translation` fills in). When the source changes, its
fingerprint changes, and check names both files until the translation is brought up to date and the new
fingerprint written in. `reviewed: false` (the default) tells readers that a fluent speaker has not checked it yet.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Set as AbstractSet

from .errors import Position, Problems
from .models import Page

# report.pa.md, report.pt-BR.md, report.sr-Latn.md: a language code after the last dot of the name
_LANGUAGE_SUFFIX = re.compile(r"(?P<name>.+)\.(?P<code>[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*)")
VERSION_LENGTH = 10


def split_name(stem: str) -> tuple[str, str]:
    """"report.pa" -> ("report", "pa"); a name with no language code -> (name, "")."""
    match = _LANGUAGE_SUFFIX.fullmatch(stem)
    return (match["name"], match["code"]) if match else (stem, "")


def page_language(rel: str, declared: str | None, pos: Position, problems: Problems) -> tuple[str, str, str]:
    """A page file's name without the language code, that code ("" for a source), and the page's language (the
    code, or front matter lang: on a page that is not a translation)."""
    stem, code = split_name(rel.rsplit("/", 1)[-1].removesuffix(".md"))
    if code and declared and declared != code:
        problems.add(pos, "lang", f"the file name says {code} but lang: says {declared}",
                     "remove lang: (a translation's language comes from its file name)")
    return stem, code, code or declared or ""


def source_of(rel: str) -> str:
    """The source file of a translation: content/pages/report.pa.md -> content/pages/report.md."""
    folder, _, file = rel.rpartition("/")
    name, _ = split_name(file.removesuffix(".md"))
    return f"{folder}/{name}.md"


def version(data: bytes) -> str:
    """The fingerprint of a source file's text (line endings and trailing spaces do not count)."""
    text = "\n".join(line.rstrip() for line in data.decode("utf-8", "replace").splitlines()).strip()
    return hashlib.blake2b(text.encode("utf-8"), digest_size=8).hexdigest()[:VERSION_LENGTH]


def check(pages: list[Page], problems: Problems, missing: AbstractSet[str] = frozenset()) -> None:
    """Every translation has its source beside it, and was made from the source as it is now (else a warning
    naming both files; --strict makes it an error). A source in `missing` has problems of its own."""
    by_source = {page.source: page for page in pages}
    for page in pages:
        if not page.translation_of:
            continue
        source = by_source.get(page.translation_of)
        if source is None and page.translation_of in missing:
            continue
        if source is None:
            problems.add(page.pos, "lang", f"{page.source} is a translation, but {page.translation_of} does not exist",
                         "a translation sits beside the page it translates, named like report.pa.md beside report.md")
            continue
        if page.translated_from == source.version:
            continue
        hint = (f"bring {page.source} up to date with {source.source}, then write translated_from: {source.version}"
                f" (and reviewed: false until a fluent speaker has checked it)")
        if not page.translated_from:
            problems.warn(page.pos, "translated_from", f"{page.source} does not say which version of "
                          f"{source.source} it translates", hint)
        else:
            problems.warn(page.at("translated_from"), "translated_from",
                          f"{source.source} has changed since {page.source} was translated from it", hint)
