"""Every interface string goes through gettext-style functions, so languages can be added without template edits.

English is the source language: its strings are the keys. Another language is a YAML file in
stophate/locales/<code>.yaml mapping each English string to its translation; a missing string falls back to English.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from pathlib import Path

import yaml

LOCALES = Path(__file__).resolve().parent / "locales"


@cache
def _catalogue(language: str) -> dict[str, str]:
    code = language.split("-")[0].lower()
    file = LOCALES / f"{code}.yaml"
    if code == "en" or not file.is_file():
        return {}
    return {str(k): str(v) for k, v in (yaml.load(file.read_text("utf-8"), Loader=yaml.BaseLoader) or {}).items()}


def translator(language: str) -> tuple[Callable[..., str], Callable[..., str]]:
    catalogue = _catalogue(language)

    def gettext(message: str) -> str:
        return catalogue.get(message, message)

    def ngettext(singular: str, plural: str, n: int) -> str:
        return catalogue.get(singular if n == 1 else plural, singular if n == 1 else plural)

    return gettext, ngettext
