"""The Jinja2 environment: autoescape, StrictUndefined, one translation function, URL helpers."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import jinja2

from . import views
from .models import Site
from .outputs.hosting import CONTENT_SECURITY_POLICY
from .translations import translator

BUILTIN_TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


def long_date(value: dt.date | dt.datetime) -> str:
    """Tuesday 1 December 2026: the form UK readers find easiest (no ordinals, no leading zero)."""
    return f"{value:%A} {value.day} {value:%B %Y}"


def short_date(value: dt.date | dt.datetime) -> str:
    return f"{value.day} {value:%B %Y}"


def clock(value: dt.time | dt.datetime) -> str:
    return f"{value:%H:%M}"


def make_environment(root: Path, site: Site) -> jinja2.Environment:
    loaders: list[jinja2.BaseLoader] = []
    if (root / "templates").is_dir():
        loaders.append(jinja2.FileSystemLoader(root / "templates"))
    loaders.append(jinja2.FileSystemLoader(BUILTIN_TEMPLATES))
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    gettext, ngettext = translator(site.language)
    env.install_gettext_callables(gettext, ngettext, newstyle=True)  # type: ignore[attr-defined]
    base_path = site.base_path

    def url(path: str) -> str:
        """A link to a page of this site that works at a domain root and in a sub-folder alike."""
        return base_path + path.lstrip("/")

    def absolute_url(path: str) -> str:
        return urljoin(site.base_url, url(path))

    env.globals.update(url=url, absolute_url=absolute_url, site=site, views=views, csp=CONTENT_SECURITY_POLICY)
    env.filters.update(long_date=long_date, short_date=short_date, clock=clock)
    return env


def render(env: jinja2.Environment, template: str, context: dict[str, Any]) -> str:
    return env.get_template(template).render(context)
