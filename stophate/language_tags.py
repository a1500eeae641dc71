"""The field parser for language codes (BCP 47), checked against CLDR's list of languages."""

from __future__ import annotations

import difflib
import re

from .errors import FieldError
from .fields import Ctx, scalar_text
from .sourcefile import Node

# A BCP 47 language tag: language, optional script, region and variants. Extensions and private use are not
# needed by any site and are refused, so a value can never be more than letters, digits and hyphens.
_LANGUAGE_TAG = re.compile(r"([a-z]{2,3})(?:-([a-z]{4}))?(?:-([a-z]{2}|\d{3}))?((?:-(?:[a-z\d]{5,8}|\d[a-z\d]{3}))*)",
                           re.IGNORECASE)
_TAG_HINT = "write a language code such as en-GB, pa, ur, pl or ro"


def language_tag(node: Node, ctx: Ctx) -> str:
    """A language tag CLDR knows, written in its usual case (en-GB, sr-Latn-RS)."""
    from babel import Locale, UnknownLocaleError, localedata

    value = scalar_text(node, "a language code")
    match = _LANGUAGE_TAG.fullmatch(value)
    if not match:
        raise FieldError(f'"{value}" is not a language code', _TAG_HINT)
    language, script, region, variants = match.groups()
    if value.lower() == "en-xa":  # CLDR's pseudo-locale: accented, longer text, to test the interface
        return "en-XA"
    try:  # CLDR's own language code (pol is pl); script and region stay as written, never guessed
        language = Locale.parse(language.lower()).language
        Locale.parse("-".join(p for p in (language, script, region) if p), sep="-")
    except (UnknownLocaleError, ValueError):
        known = sorted({name.split("_")[0] for name in localedata.locale_identifiers()})
        close = difflib.get_close_matches(language.lower(), known, n=1)
        hint = f"did you mean {close[0]}? " if close else ""
        raise FieldError(f'"{value}" is not a language the builder knows', hint + _TAG_HINT) from None
    return "-".join(p for p in (language, script and script.title(), region and region.upper()) if p) + variants.lower()
