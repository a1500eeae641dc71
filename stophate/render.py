"""The Jinja2 environment: autoescape, StrictUndefined, URL helpers, and the interface in the page's language.

Templates never spell an address: `url("centre", id)` links to a route of routes.py by its name, in the language
of the page being rendered (the context's `lang`), and `url(path)` links to a path already made in Python (a view's
href, a static file). `route(...)` is the same address without the base path, to compare with `site_urls`.

One environment serves every language: messages (`_`, `ngettext`), dates, times and lists come from the Interface
of the context's `lang` ("" is the site's default language), and `page_language()` is that language's record
(code, name, direction) for `<html lang dir>`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import jinja2
from markupsafe import Markup, escape

from . import mixedtext, routes, views
from .errors import Position, Problems
from .interface import Interface, interface_for
from .languages import by_url_code, url_code
from .models import Language, Site
from .outputs.hosting import CONTENT_SECURITY_POLICY
from .slugs import uri

BUILTIN_TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
READS_LANG = frozenset({"lang"})  # what the render cache must key on for every helper below


@jinja2.pass_context
def route(context: jinja2.runtime.Context, name: str, *args: str) -> str:
    """The site path of a named route in the page's language; a path (starting with /) is returned as it is.

    Where the page's language has no version of that route, the default language's is linked: never a page that
    does not exist, and never one made up."""
    if name.startswith("/"):
        return name
    make = routes.ROUTES[name]
    lang = context.get("lang", "")
    if name in routes.LANGUAGE_FREE or not lang:
        return make(*args)
    path = make(*args, lang=lang)
    planned = context.get("site_urls")  # known once the build has planned its addresses
    return path if planned is None or path in planned else make(*args)


route.context_names = READS_LANG  # type: ignore[attr-defined]


def interfaces(root: Path, site: Site) -> dict[str, Interface]:
    """Every language's interface by its URL code, each catalogue loaded once for the build."""
    return {url_code(site, language): interface_for(language.code, root) for language in site.languages}


def _in_page_language(by_code: dict[str, Interface], name: str, message: bool = False) -> Callable[..., Any]:
    """A function of the Interface (gettext, long_date...) called in the language of the page being rendered.

    A message is text like any other: what a catalogue says is escaped (Jinja's own gettext would trust it); only
    values marked safe, such as the links put into a sentence, go in as HTML."""

    @jinja2.pass_context
    def call(context: jinja2.runtime.Context, *args: Any) -> Any:
        result = getattr(by_code[context.get("lang", "")], name)(*args)
        return escape(result) if message else result

    call.context_names = READS_LANG  # type: ignore[attr-defined]
    return call


def _plural_samples(by_code: dict[str, Interface]) -> Callable[..., tuple[tuple[str, int], ...]]:
    """Each plural category of the page's language with a number in it, for the finder's count sentences."""

    @jinja2.pass_context
    def samples(context: jinja2.runtime.Context) -> tuple[tuple[str, int], ...]:
        return by_code[context.get("lang", "")].plural_samples

    samples.context_names = READS_LANG  # type: ignore[attr-defined]
    return samples


def make_environment(root: Path, site: Site, assets: Mapping[str, str] | None = None) -> jinja2.Environment:
    """`assets` maps a static file's name to its fingerprinted one: url('/style.css') gives the published name."""
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
    by_code = interfaces(root, site)
    languages = by_url_code(site)
    site_scripts = mixedtext.scripts_of((language.code, language.name) for language in site.languages)
    env.install_gettext_callables(  # type: ignore[attr-defined]
        _in_page_language(by_code, "gettext", message=True), _in_page_language(by_code, "ngettext", message=True),
        newstyle=True)
    base_path = site.base_path
    assets = dict(assets or {})

    @jinja2.pass_context
    def url(context: jinja2.runtime.Context, name: str, *args: str) -> str:
        """A link to this site that works at a domain root and in a sub-folder alike."""
        path = route(context, name, *args).lstrip("/")
        return base_path + assets.get(path, path)  # the builder's own style sheet and scripts: fingerprinted

    @jinja2.pass_context
    def absolute_url(context: jinja2.runtime.Context, name: str, *args: str) -> str:
        return uri(urljoin(site.base_url, url(context, name, *args)))

    @jinja2.pass_context
    def page_language(context: jinja2.runtime.Context) -> Language:
        return languages[context.get("lang", "")]

    @jinja2.pass_context
    def marked(context: jinja2.runtime.Context, text: str, lang: str = "") -> Markup:
        """Text in its own language inside the page's: `{{ centre.name | marked(centre.lang) }}` (mixedtext.py).
        A page whose front matter sets lang: is in that language, else in its URL language's."""
        language = languages[context.get("lang", "")]
        page_lang = context.get("page_lang") or language.code
        page_dir = context.get("page_dir") or language.dir
        return mixedtext.mark(text, mixedtext.language_of(text, lang, site_scripts), page_lang, page_dir)

    for helper in (url, absolute_url, page_language):
        helper.context_names = READS_LANG  # type: ignore[attr-defined]
    marked.context_names = READS_LANG | {"page_lang", "page_dir"}  # type: ignore[attr-defined]
    env.globals.update(url=url, route=route, absolute_url=absolute_url, site=site, views=views,
                       csp=CONTENT_SECURITY_POLICY, page_language=page_language,
                       plural_samples=_plural_samples(by_code),
                       catalogues=" ".join(f"{code}:{ui.digest}" for code, ui in sorted(by_code.items())),
                       assets=assets)  # a value, not only inside url(): the render cache sees a new fingerprint
    env.filters.update({name: _in_page_language(by_code, name)
                        for name in ("long_date", "short_date", "clock", "number")})
    env.filters["join_list"] = _in_page_language(by_code, "join")
    env.filters["marked"] = marked
    return env


def template_problem(error: Exception, problems: Problems, page: str) -> None:
    """A template mistake as a problem at its template's line: a council's own template must not crash the build."""
    if isinstance(error, jinja2.TemplateSyntaxError):
        problems.add(Position(f"templates/{error.name or error.filename}", error.lineno or 0, 1), "template",
                     f"template error: {error.message}", "check the tag on this line is closed and spelled right")
        return
    tb = error.__traceback__
    where = Position("templates", 0, 0)
    while tb is not None:
        name = tb.tb_frame.f_code.co_filename
        if name.endswith((".html", ".xml")) and "templates" in name:
            where = Position("templates/" + name.split("templates/")[-1], tb.tb_lineno, 1)
        tb = tb.tb_next
    problems.add(where, "template", f"template error while writing {page}: {error}",
                 "check the names used on this line exist in the page's data")
