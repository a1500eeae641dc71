"""The interface in one language: its gettext catalogue, and dates, times, numbers and lists from CLDR (Babel).

English is the source language: messages are written in English in templates and Python, and another language is a
gettext catalogue, `locales/<code>/LC_MESSAGES/messages.po`, compiled by Babel when a build first needs it (once per
build: compiled catalogues are kept while their file is unchanged). A content folder may bring its own `locales/`,
whose catalogue replaces the built-in one of the same language. Catalogues are found by listing those folders and
matching their names against the site's language codes: no file path is ever made from a value in site.yaml.

The pseudo-locale `en-XA` (CLDR's code for it) accents every message and makes it about 40% longer, so a build in
it shows any text that bypasses the catalogue, and any text that overflows when a translation runs longer.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import io
import math
import re
from dataclasses import dataclass, field
from pathlib import Path

from babel import Locale, dates, lists, numbers
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations

BUILTIN_LOCALES = Path(__file__).resolve().parent.parent / "locales"
PSEUDO = "en-XA"
_FOLDER_NAME = re.compile(r"[A-Za-z]{2,3}(?:_[A-Za-z]{4})?(?:_(?:[A-Za-z]{2}|\d{3}))?")


def catalogue_files(root: Path | None = None) -> dict[str, Path]:
    """Every catalogue by its folder's name (pa, en_GB): the built-in ones, then the content folder's own."""
    found: dict[str, Path] = {}
    for folder in (BUILTIN_LOCALES, root / "locales" if root else None):
        if folder is None or not folder.is_dir():
            continue
        for child in sorted(folder.iterdir()):
            file = child / "LC_MESSAGES" / "messages.po"
            if _FOLDER_NAME.fullmatch(child.name) and file.is_file():
                found[child.name] = file
    return found


def _catalogue_for(code: str, files: dict[str, Path]) -> Path | None:
    """The most specific catalogue for a language code: pa_IN before pa."""
    parts = code.split("-")
    for length in range(len(parts), 0, -1):
        file = files.get("_".join(parts[:length]))
        if file is not None:
            return file
    return None


@functools.lru_cache(maxsize=32)
def _compiled(file: Path, _stamp: tuple[int, int]) -> tuple[NullTranslations, str]:
    """A catalogue read and compiled by Babel (the stamp, size and time, makes a changed file load again)."""
    data = file.read_bytes()
    catalogue = read_po(io.BytesIO(data))
    compiled = io.BytesIO()
    write_mo(compiled, catalogue)
    compiled.seek(0)
    return Translations(compiled), hashlib.blake2b(data, digest_size=16).hexdigest()


@dataclass(frozen=True, eq=False)
class Interface:
    """One language's interface: messages (plain text; templates escape them) and locale formats."""

    code: str
    translations: NullTranslations = field(default_factory=NullTranslations, repr=False)
    digest: str = ""  # of the catalogue's bytes: part of every cached render's key
    pseudo: bool = False

    @functools.cached_property
    def locale(self) -> Locale:
        return Locale.parse("en-GB" if self.pseudo else self.code, sep="-")

    def gettext(self, message: str) -> str:
        return self._shown(self.translations.gettext(message))

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self._shown(self.translations.ngettext(singular, plural, n))

    def _shown(self, text: str) -> str:
        return pseudo_text(text) if self.pseudo else text

    # ---- dates, times, numbers and lists, from CLDR ----
    def long_date(self, value: dt.date) -> str:
        """Tuesday 1 December 2026: each language's full date (English as GOV.UK writes it, without a comma)."""
        pattern = "EEEE d MMMM y" if self.locale.language == "en" else "full"
        return self._shown(dates.format_date(value, pattern, locale=self.locale))

    def short_date(self, value: dt.date) -> str:
        """1 December 2026."""
        return self._shown(dates.format_date(value, "long", locale=self.locale))

    def day_and_month(self, value: dt.date) -> str:
        """Tuesday 1 December: a date this year, with its weekday."""
        return self._shown(dates.format_date(value, self._weekday_day_month, locale=self.locale))

    @functools.cached_property
    def _weekday_day_month(self) -> str:
        pattern = self.locale.datetime_skeletons.get("MMMMEEEEd")
        if pattern is not None:
            return pattern.pattern
        full = self.locale.date_formats["full"].pattern  # the full date without its year
        return re.sub(r"[\s,،.]*\by+\b[.]?", "", full).strip(" ,،")

    def clock(self, value: dt.time | dt.datetime) -> str:
        """18:30: 24-hour time, as UK services write it, in each language's digits and separator."""
        pattern = self.locale.datetime_skeletons.get("Hm")
        return dates.format_time(value, pattern.pattern if pattern else "HH:mm", locale=self.locale)

    def weekday(self, index: int) -> str:
        """The name of a day of the week, Monday being 0."""
        return self._shown(self.locale.days["format"]["wide"][index])

    @functools.cached_property
    def plural_samples(self) -> tuple[tuple[str, int], ...]:
        """Each CLDR plural category of the language, with the first whole number in it: what a script needs to
        pick the right sentence for a count (with Intl.PluralRules) from sentences made here."""
        found: dict[str, int] = {}
        for n in range(0, 1000):
            found.setdefault(self.locale.plural_form(n), n)
        return tuple(found.items())

    def number(self, value: int) -> str:
        return numbers.format_decimal(value, locale=self.locale)

    def join(self, items: list[str]) -> str:
        """A, B and C."""
        return lists.format_list(items, locale=self.locale) if items else ""


def pseudo_text(text: str) -> str:
    """Accented and about 40% longer; placeholders (%(name)s, {count}) are kept as they are."""
    pieces = re.split(r"(%\(\w+\)[sd]|%%|\{\w+\})", text)
    accented = "".join(p if i % 2 else p.translate(_ACCENTS) for i, p in enumerate(pieces))
    extra = math.ceil(len(text) * 0.4)
    padding = " ".join("ẋ" * min(5, extra - start) for start in range(0, extra, 5))
    return f"{accented} {padding}" if padding else accented


_ACCENTS = str.maketrans("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
                         "åƀçðéƒĝĥîĵķļɱñöþǫŕšţûṽŵẋýžÅƁÇÐÉƑĜĤÎĴĶĻṀÑÖÞǪŔŠŢÛṼŴẊÝŽ")


def interface_for(code: str, root: Path | None = None) -> Interface:
    """The interface for a language code of site.yaml (English, the source, has no catalogue)."""
    if code == PSEUDO:
        return Interface(code, pseudo=True, digest="pseudo")
    file = _catalogue_for(code, catalogue_files(root))
    if file is None:
        return Interface(code)
    stat = file.stat()
    translations, digest = _compiled(file, (stat.st_size, stat.st_mtime_ns))
    return Interface(code, translations, digest)
