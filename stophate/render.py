"""The Jinja2 environment: autoescape, StrictUndefined, one translation function, URL helpers.

Templates never spell an address: `url("centre", id)` links to a route of routes.py by its name, in the language
of the page being rendered (the context's `lang`), and `url(path)` links to a path already made in Python (a view's
href, a static file). `route(...)` is the same address without the base path, to compare with `site_urls`.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from urllib.parse import urljoin

import jinja2

from . import routes, views
from .models import Site
from .outputs.hosting import CONTENT_SECURITY_POLICY
from .slugs import uri
from .translations import translator

BUILTIN_TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


def long_date(value: dt.date | dt.datetime) -> str:
    """Tuesday 1 December 2026: the form UK readers find easiest (no ordinals, no leading zero)."""
    return f"{value:%A} {value.day} {value:%B %Y}"


def short_date(value: dt.date | dt.datetime) -> str:
    return f"{value.day} {value:%B %Y}"


def clock(value: dt.time | dt.datetime) -> str:
    return f"{value:%H:%M}"


@jinja2.pass_context
def route(context: jinja2.runtime.Context, name: str, *args: str) -> str:
    """The site path of a named route in the page's language; a path (starting with /) is returned as it is."""
    if name.startswith("/"):
        return name
    make = routes.ROUTES[name]
    return make(*args) if name in routes.LANGUAGE_FREE else make(*args, lang=context.get("lang", ""))


route.context_names = frozenset({"lang"})  # type: ignore[attr-defined]  # what the render cache must key on


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

    @jinja2.pass_context
    def url(context: jinja2.runtime.Context, name: str, *args: str) -> str:
        """A link to this site that works at a domain root and in a sub-folder alike."""
        return base_path + route(context, name, *args).lstrip("/")

    @jinja2.pass_context
    def absolute_url(context: jinja2.runtime.Context, name: str, *args: str) -> str:
        return uri(urljoin(site.base_url, url(context, name, *args)))

    url.context_names = absolute_url.context_names = route.context_names  # type: ignore[attr-defined]
    env.globals.update(url=url, route=route, absolute_url=absolute_url, site=site, views=views,
                       csp=CONTENT_SECURITY_POLICY)
    env.filters.update(long_date=long_date, short_date=short_date, clock=clock)
    return env
