"""Free text in a listing written in several languages: a summary, a note, opening hours text.

In centres.yaml, surgeries.yaml, events.yaml and services.yaml such a field is either plain text, in the site's
default language:

    summary: Staff here can take a report for you.

or one text per language, each under a language code that site.yaml lists, the default language's always there
(every language without its own text falls back to it):

    summary:
      en-GB: Staff here can take a report for you.
      pl: Pracownicy mogą przyjąć od Ciebie zgłoszenie.

The value is a `LocalText`: a string holding the default language's text (so everything made in the default
language, such as the data files for partners, reads it as before) that also knows its translations. A page in
another language shows that language's text, or the default's marked with the default's lang and dir.
"""

from __future__ import annotations

import difflib
from typing import Any

from .errors import FieldError
from .fields import INVALID, Ctx, Field, text
from .language_tags import language_tag
from .sourcefile import Mapping, Node, Scalar, describe

PER_LANGUAGE = " (or one text per language: {en-GB: ..., pa: ...})"  # said of such a field in the field reference


def name_lang(what: str) -> Field:
    """The `lang:` field of a listing whose name or title may be written in another language."""
    return Field("lang", language_tag, default="", doc=f"the language the {what} is written in, when it is not the "
                 "site's (so it is read out in that language)", example="ur")


class LocalText(str):
    """The default language's text, with the same text in other languages (the site's codes as written)."""

    lang: str  # the default language's code ("" when the languages were not known, as in a parser test)
    translations: tuple[tuple[str, str], ...]

    def __new__(cls, value: str, lang: str = "", translations: tuple[tuple[str, str], ...] = ()) -> LocalText:
        made = super().__new__(cls, value)
        made.lang = lang
        made.translations = translations
        return made

    def __reduce__(self) -> tuple[Any, ...]:  # kept whole when a worker process hands it back
        return (LocalText, (str(self), self.lang, self.translations))


def in_language(value: str | None, code: str) -> tuple[str, str]:
    """The text to show in a language (by its code) and the language it is really in: that language's own text,
    else the default language's. Plain text is in the default language, which is not known here: ""."""
    if not value:
        return "", ""
    if not isinstance(value, LocalText):
        return str(value), ""
    own = next((written for lang, written in value.translations if lang.lower() == code.lower()), None)
    return (own, code) if own is not None else (str(value), value.lang)


def local_text(node: Node, ctx: Ctx) -> LocalText:
    """Text in the default language, or a mapping of language codes (from site.yaml) to texts."""
    default = ctx.languages[0] if ctx.languages else ""
    if not isinstance(node, Mapping):
        if not isinstance(node, Scalar):
            raise FieldError(f"expected some text, or one text per language, got {describe(node)}",
                             "write the text after the colon, or each language's text on a line of its own, "
                             f"such as {default or 'en-GB'}: ...")
        return LocalText(text(node, ctx), default)
    known = {code.lower(): code for code in ctx.languages}
    texts: dict[str, str] = {}
    seen: set[str] = set()
    failed = False
    for key, value in node.entries:
        written = key.text.strip()
        code = known.get(written.lower(), written if not known else "")
        if not code:
            close = difflib.get_close_matches(written.lower(), list(known), n=1)
            ctx.child(written).report(key.pos, f"'{written}' is not one of the site's languages",
                                      (f"did you mean {known[close[0]]}? " if close else "")
                                      + f"use one of {', '.join(ctx.languages)} (the languages in site.yaml), or "
                                      "add the language to site.yaml first")
            failed = True
            continue
        if code in texts:
            ctx.child(written).report(key.pos, f"the text in {code} is written twice",
                                      "keep one of them and delete the other")
            failed = True
            continue
        seen.add(code)
        try:
            texts[code] = text(value, ctx.child(code))
        except FieldError as error:
            ctx.child(code).report(value.pos, error.message, error.hint)
            failed = True
    default = default or next(iter(texts), "")
    if default not in seen:
        ctx.report(node.pos, f"there is no text in {default}, the site's default language",
                   f"add a line {default}: with the text in {default}; every language without its own text shows it")
        failed = True
    if failed:
        return INVALID  # type: ignore[return-value]
    return LocalText(texts[default], default, tuple((code, value) for code, value in texts.items() if code != default))
