"""The build, stage by stage: load and validate the sources, make the plan, check it, execute it. Nothing is
written here (writer.py does that); the stages themselves live in their own modules."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from . import campaign_pages, checks, easy_read, translated
from .cache import Cache, NullCache
from .chooser import Chooser, load_chooser
from .chooser_text import Translation, load_translations, unbuilt
from .config import load_site
from .content import load_pages
from .contentfiles import check_folder, find_files
from .contexts import Contexts
from .digests import digest_bytes
from .errors import BuildFailed, Problems
from .execute import Output, execute
from .languages import check_languages, url_code
from .listings import Listings, load_listings
from .missing import Missing
from .models import Site
from .outputs import hosting, share_images
from .pagetypes import PAGE_TYPES
from .plan import Plan, make_plan
from .render import make_environment
from .sitedata import BUILTIN_STATIC, BuildOptions, SiteData, listing_files, static_files

__all__ = ["BUILTIN_STATIC", "BuildOptions", "Output", "Planned", "build", "plan_site", "static_files"]


def _stop_on_errors(problems: Problems, options: BuildOptions) -> None:
    if options.strict:
        problems.warnings_as_errors()
    if problems.errors:
        raise BuildFailed(problems.sorted())


@dataclass(frozen=True)
class Planned:
    """A loaded, checked site and its plan: everything but the rendering."""

    data: SiteData
    plan: Plan


def load(root: Path, options: BuildOptions, cache: Cache, problems: Problems) -> SiteData:
    """Read and validate every source (stage 1): what has errors is left out, and named in SiteData.missing.
    Raises BuildFailed only when site.yaml cannot be read, as nothing can be planned without it."""
    yaml_files = listing_files(root)
    site = cache.stage("site", yaml_files, "", problems, lambda found: load_site(root, found))
    languages = tuple(language.code for language in site.languages) if site else ()  # site.yaml is an input
    listings = cache.stage("listings", yaml_files, options.today.isoformat(), problems,
                           lambda found: load_listings(root, options.today, found, languages))
    pages = load_pages(root, site.base_path if site else "/", problems, options.workers, cache.pages,
                       cache.saved_page, cache.files)
    static = static_files(root, problems)
    for folder in ("templates", "locales"):  # read by Jinja and Babel themselves: checked like every other file
        check_folder(root, folder, problems)
    if site is None:
        raise BuildFailed(problems.sorted())
    # the checks of the whole site run even after errors here, so every problem is reported in one run
    found = find_files(root, "content", Problems(), suffix=".md")
    pages = check_languages(site, pages, problems, set(found) - {p.source for p in pages})
    others = [url_code(site, language) for language in site.languages[1:]]
    chooser, chooser_translations = cache.stage("chooser", yaml_files, "", problems,
                                                lambda found: _load_chooser(root, site, listings, others, found))
    missing = Missing.make(found, (p.source for p in pages), listings.broken,
                           unbuilt(chooser, chooser_translations, others, problems))
    key = digest_bytes(options.today.isoformat().encode(), *(f.name.encode() + f.read_bytes() for f in yaml_files))
    return SiteData.make(root, site, listings, pages, options, static, key, chooser, missing, chooser_translations)


def _load_chooser(root: Path, site: Site, listings: Listings, others: list[str],
                  problems: Problems) -> tuple[Chooser | None, dict[str, Translation]]:
    """The chooser and its translations: made from the top-level YAML files alone (the routes are site.yaml's, the
    centres the listings'), so kept while they stand."""
    broken_centres = listings.broken.get("centres", frozenset())
    centre_ids = None if broken_centres is None else [c.id for c in listings.centres] + sorted(broken_centres)
    chooser = load_chooser(root, [r.id for r in site.report_routes], centre_ids, problems)
    return chooser, load_translations(root, chooser, others, problems)


def plan_site(root: Path, options: BuildOptions, cache: Cache | None = None,
              problems: Problems | None = None) -> Planned:
    """Load, plan and check (stages 1 to 3): every problem is found before anything is rendered."""
    cache = cache if cache is not None else NullCache()
    problems = problems if problems is not None else Problems()
    data = load(root, options, cache, problems)
    plan = cache.plan(data, lambda: make_plan(data, PAGE_TYPES))
    checks.check_urls(data, plan, problems)
    checks.check_links(data, plan, problems)
    checks.check_related(data, problems)
    translated.check(data.pages, problems, data.missing.sources)
    _check_shaping(data, problems)
    easy_read.check(list(data.pages), problems, data.missing.may_have)
    campaign_pages.check(data, plan, problems)
    checks.check_readability(data, problems, cache)
    _stop_on_errors(problems, options)
    return Planned(data, plan)


def _check_shaping(data: SiteData, problems: Problems) -> None:
    """Without Raqm, share cards in Urdu or Panjabi come out unjoined: the build says so rather than hiding it."""
    if share_images.SHAPING:
        return
    for post in data.posts:
        if share_images.needs_shaping(post.title):
            problems.warn(post.at("title"), "title", "this post's share card cannot be shaped on this computer, "
                          "so its letters will not join", "install libfribidi0 (scripts/install-runtime-libs.sh)")


def build(root: Path, options: BuildOptions, cache: Cache | None = None) -> Output:
    """Every stage. Raises BuildFailed with every problem when the content has errors.

    With a BuildCache, results whose inputs have not changed are reused (see cache.py); the output is the same.
    """
    cache = cache if cache is not None else NullCache()
    out = Output()
    cache.start_build()
    started = time.perf_counter()
    planned = plan_site(root, options, cache, out.problems)
    out.seconds["load and check"] = time.perf_counter() - started
    data, plan = planned.data, planned.plan
    out.plan = plan
    env = make_environment(root, data.site, data.assets)
    # templates link to optional pages (about, privacy...) only when this site has them
    env.globals["site_urls"] = plan.urls
    if options.drafts:  # the preview only: its reload script must run
        env.globals["csp"] = hosting.preview_policy()
    cache.prepare(env)
    started = time.perf_counter()
    execute(plan, Contexts(data, plan, env, cache, out.problems), cache, out, options.workers)
    out.seconds["render"] = time.perf_counter() - started
    _stop_on_errors(out.problems, options)
    cache.finish_build()
    return out
