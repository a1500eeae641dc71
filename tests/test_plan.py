"""The plan: every file of the site, decided before rendering, read by the build, the sitemap and `build.py plan`."""

from __future__ import annotations

import dataclasses
import functools
import pickle
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest

from stophate import routes
from stophate.contexts import Contexts
from stophate.listing_types import LISTING_TYPES
from stophate.pagetypes import PAGE_TYPES
from stophate.plan import Job, Made, PageType, job, make_plan
from stophate.site import BuildOptions, plan_site
from stophate.sitedata import Lang, SiteData
from tests.conftest import REPO, TODAY, built, parse_html, run_cli

SITES = REPO / "tests" / "sites"


@functools.cache
def planned(root: Path):
    return plan_site(root, BuildOptions(today=TODAY))


@pytest.mark.parametrize("root", [REPO, SITES / "listings", SITES / "other-council"], ids=lambda p: p.name)
def test_the_build_writes_exactly_the_files_of_its_plan(root: Path) -> None:
    result = built(root)
    assert [j.path for j in result.plan.jobs] == list(result.files)
    for one in result.plan.jobs:
        assert one.path == routes.output_path(one.url)
        assert one.route.startswith(one.kind + ":")


def test_the_sitemap_lists_the_plan_s_listed_pages() -> None:
    result = built(SITES / "listings")
    sitemap = result.files["sitemap.xml"].decode()
    listed = [j for j in result.plan.jobs if j.sitemap]
    assert sitemap.count("<loc>") == len(listed)
    assert all("<loc>https://" in sitemap and j.url in sitemap for j in listed)
    past = [j for j in result.plan.of_kind("event") if not j.sitemap]
    assert past, "the listings site has a past event: its page is written but not listed"
    assert all(j.path in result.files and j.url not in sitemap for j in past)


def test_plan_command_prints_every_url_with_its_maker_and_source() -> None:
    done = run_cli("plan", "--root", str(SITES / "listings"), "--today", TODAY.isoformat())
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].split() == ["URL", "made", "by", "from"]
    rows = {line.split()[0]: line.split()[1:] for line in lines[1:]}
    plan = planned(SITES / "listings").plan
    assert set(rows) == plan.urls
    centre = plan.of_kind("centre")[0]
    assert rows[centre.url][0] == "centre.html" and rows[centre.url][-1].startswith("centres.yaml:")
    assert rows["/report/"] == ["report.html", "content/pages/report.md"]
    assert rows[routes.data_file("centres")][-1] == "centres.yaml"


def test_plan_command_reports_problems_like_check(tmp_path: Path) -> None:
    (tmp_path / "site.yaml").write_text("name: X\n")
    done = run_cli("plan", "--root", str(tmp_path), "--today", TODAY.isoformat())
    assert done.returncode == 1
    assert "base_url" in done.stderr and "Nothing was published" in done.stderr


def test_another_language_gives_its_translations_and_every_listing_page_under_its_prefix() -> None:
    """Another language is planned from its translations, the 404 page, and every page and calendar of the
    listings; other pages it has no translation of are not made up for it, and data files are made once."""
    data = planned(SITES / "listings").data
    both = (Lang("en-GB"), Lang("pa", "pa"))
    two = dataclasses.replace(data)
    two.__dict__["languages"] = both  # what the languages of site.yaml give
    report = next(p for p in data.pages if p.url == "/report/")
    translated = dataclasses.replace(report, url="/pa/report/", lang="pa", source="content/pages/report.pa.md",
                                     translation_of=report.source)
    two.__dict__["pages"] = (*data.pages, translated)
    plan = make_plan(two, PAGE_TYPES)
    punjabi = {j.route: j for j in plan.jobs if j.lang.prefix == "pa"}
    english = {j.route: j for j in plan.jobs if not j.lang.prefix}
    listing_kinds = {"centre", "centre-filter", "event", "event-calendar", "events-ics", "surgeries-ics"}
    assert {j.url for j in punjabi.values() if j.kind not in listing_kinds} == {
        "/pa/report/", "/pa/404.html", "/search/pa/", "/pa/centres/", "/pa/events/", "/pa/surgeries/"}
    for kind in listing_kinds:  # every one of them, under the prefix
        assert {"/pa" + j.url for j in english.values() if j.kind == kind} == {
            j.url for j in punjabi.values() if j.kind == kind}, kind
    for route, one in punjabi.items():  # alternates share the route key
        assert plan.alternates(one) == [english[route], one]
    assert punjabi["page:centres"].inputs == english["page:centres"].inputs  # the English text, not a made-up one
    assert "page:about" not in punjabi and "page:news" not in punjabi
    assert not any(j.kind in {"centres-json", "static", "sitemap"} for j in punjabi.values())
    assert Counter(j.path for j in plan.jobs).most_common(1)[0][1] == 1


def test_a_new_page_type_is_one_registration() -> None:
    def jobs(data: SiteData, lang: Lang) -> Iterable[Job]:
        yield job("week", "week", routes.page("example-week", lang.prefix), lang, "page.html",
                  "site.yaml", sitemap=True)

    def make(one: Job, contexts: Contexts) -> Made:
        return b"made"

    plan = make_plan(planned(REPO).data, (*PAGE_TYPES, PageType("week", jobs, make)))
    week = plan.by_path["example-week/index.html"]
    assert (week.kind, week.route, week.sitemap) == ("week", "week:week", True)
    assert week.url in plan.urls and week.url in plan.sitemap_urls()


def test_listing_types_are_loaded_and_planned_from_their_records() -> None:
    data, plan = planned(REPO).data, planned(REPO).plan
    for listing in LISTING_TYPES:
        assert listing.items(data), f"the listings site has {listing.name}"
        if listing.pages is not None:
            urls = {j.url for j in plan.of_kind(listing.pages.name)}
            assert urls == {listing.pages.url(item.id, lang.prefix) for item in listing.items(data)
                            for lang in data.languages}
        for file in listing.files:
            assert file.url("") in plan.urls
            assert (file.url("pa") != file.url("")) == file.translated  # a calendar in each language, data once
            assert all(file.url(lang.prefix) in plan.urls for lang in data.languages)


def test_pages_link_by_route_to_what_the_plan_writes() -> None:
    result = built(SITES / "listings")
    centre = result.plan.of_kind("centre")[0]
    page = parse_html(result.files[centre.path])
    breadcrumb = page.find(".//p[@class='app-breadcrumb']/a")
    assert breadcrumb is not None and breadcrumb.get("href") == "/listings" + routes.centres()  # base path first
    assert routes.centres() in result.plan.urls


def test_what_the_cache_keeps_is_read_only() -> None:
    from stophate.cache import BuildCache
    from stophate.errors import Problems
    from stophate.render import make_environment

    data, plan = planned(REPO).data, planned(REPO).plan
    cache = BuildCache()

    def centres() -> Any:
        contexts = Contexts(data, plan, make_environment(REPO, data.site), cache, Problems())
        return contexts.common(data.languages[0])[0]["centres"]

    first = centres()
    assert centres() is first  # kept from build to build, so shared...
    with pytest.raises(TypeError):
        first[0]["name"] = "Changed"  # ...and so no one may change it
    with pytest.raises((TypeError, AttributeError)):
        first.append({})  # type: ignore[attr-defined]
    assert pickle.loads(pickle.dumps(first)) == first
