"""Web address parts and heading ids from text in any script.

A slug keeps the letters, combining marks and digits of every script (Gurmukhi vowel signs, Urdu, Polish "ł",
Cyrillic), in Unicode normal form NFC and lower case; everything else becomes one hyphen. Browsers show such
addresses as written and send them percent-encoded (`uri()` does the same for files that need plain ASCII, such
as the sitemap). Only listing ids, which editors type by hand in other files, stay ASCII: `ascii_slug()`
transliterates Latin letters and never returns an empty word.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import quote

MAX_LENGTH = 60

# Latin letters that Unicode does not decompose into a base letter and an accent, so NFKD alone would drop them.
_LATIN = str.maketrans({"ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ø": "o", "Ø": "O", "ß": "ss", "æ": "ae",
                        "Æ": "AE", "œ": "oe", "Œ": "OE", "ð": "d", "þ": "th", "ħ": "h", "\u0131": "i", "ŧ": "t"})
# Apostrophes and invisible joiners belong inside a word: "don't" -> dont, not don-t.
_INSIDE_WORD = dict.fromkeys(map(ord, "'\u2019\u02bc\u200c\u200d\u00ad"), None)


def _words(text: str) -> list[str]:
    text = unicodedata.normalize("NFC", text).translate(_INSIDE_WORD).lower()
    words: list[str] = []
    current: list[str] = []
    for char in text:
        if unicodedata.category(char)[0] in "LMN":
            current.append(char)
        elif current:
            words.append("".join(current))
            current = []
    if current:
        words.append("".join(current))
    return words


def _join(words: list[str], limit: int) -> str:
    """Whole words up to the limit: a word is never cut, and the first word is kept whatever its length."""
    kept: list[str] = []
    for word in words:
        if kept and len("-".join([*kept, word])) > limit:
            break
        kept.append(word)
    return "-".join(kept)


def slugify(text: str, separator: str = "-", limit: int = MAX_LENGTH) -> str:
    """"Zgłoś przestępstwo!" -> zgłoś-przestępstwo; "ਰਿਪੋਰਟ ਕਰੋ" keeps its vowel signs; "" only if no letters."""
    return _join(_words(text), limit).replace("-", separator)


def heading_id(text: str, separator: str = "-") -> str:
    """A heading's id (Python-Markdown's toc slugify signature); never cut, since ids are not shown."""
    return slugify(text, separator, limit=10_000)


def is_slug(text: str) -> bool:
    return bool(text) and slugify(text, limit=10_000) == text


def ascii_slug(text: str, limit: int = MAX_LENGTH) -> str:
    """Latin text in ASCII ("Zgłoś" -> zglos); "" when the text has no Latin letters or digits to keep."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_LATIN))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    words = [w for w in (re.sub(r"[^a-z0-9]", "", w) for w in _words(plain)) if w]
    return _join(words, limit)


def uri(address: str) -> str:
    """An address as plain ASCII (percent-encoded UTF-8), for files whose formats require it."""
    return quote(address, safe=":/?#[]@!$&'()*+,;=%~")
