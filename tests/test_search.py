"""Search: the A to Z, which pages are indexed, the search page's own policy, and a failed index losing nothing."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from stophate import search
from stophate.outputs.hosting import headers_file
from stophate.search import Entry, IndexFailed, a_to_z, index_site
from stophate.writer import write_site
from tests.conftest import parse_html


def test_a_to_z_groups_by_first_letter_ignoring_case_accents_and_the() -> None:
    groups = a_to_z([Entry("Zebra Access", "/z/", ""), Entry("the Refugee and Migrant Centre", "/r/", "Help."),
                     Entry("Émigré help", "/e/", ""), Entry("101 and live chat", "/1/", ""), Entry("about", "/a/", "")])
    assert [(g["letter"], g["id"], [e["url"] for e in g["entries"]]) for g in groups] == [
        ("A", "a", ["/a/"]), ("E", "e", ["/e/"]), ("R", "r", ["/r/"]), ("Z", "z", ["/z/"]), ("#", "other", ["/1/"])]
    assert groups[2]["entries"][0]["summary"] == "Help."


def _pages(site: Path) -> dict[str, object]:
    return {f.relative_to(site).as_posix(): parse_html(f.read_bytes()) for f in site.rglob("*.html")}


def test_every_page_links_to_search_and_only_the_search_page_loads_it(default_site: Path) -> None:
    for name, tree in _pages(default_site).items():
        lang = name.split("/")[0] if name.split("/")[0] in {"pa", "ur", "pl", "ro"} else ""
        if name.startswith("search/") and name.count("/") == 2:
            lang = name.split("/")[1]
        own = f"/search/{lang}/" if lang else "/search/"
        # the events list partners frame in their own pages has no header of ours, so no search link
        assert (tree.find(f".//header//a[@href='{own}']") is not None) != name.startswith("embed/"), name
        policy = tree.find(".//meta[@http-equiv='Content-Security-Policy']").get("content")
        scripts = [s.get("src") for s in tree.iter("script") if s.get("src")]
        searching = [src for src in scripts if src.startswith("/assets/search.")]
        if name.startswith("search/"):
            assert "script-src 'self' 'wasm-unsafe-eval';" in policy
            assert len(searching) == 1 and (default_site / searching[0].lstrip("/")).is_file()
        else:
            assert "wasm" not in policy, name
            assert searching == [], name
    headers = headers_file("/", ["index.html", "search/index.html", "sitemap.xml"]).decode()
    for folder in ("search", "pagefind"):
        assert f"/{folder}/*\n  Content-Security-Policy: default-src 'self'; script-src 'self' 'wasm-unsafe-eval';" \
            in headers


def test_only_pages_worth_finding_are_indexed(default_site: Path) -> None:
    indexed = {name for name, tree in _pages(default_site).items()
               if tree.find(".//main").get("data-pagefind-body") is not None}
    assert {"index.html", "report/index.html", "centres/refugee-migrant-centre/index.html",
            "report/choose/index.html"} <= indexed
    assert not indexed & {"search/index.html", "404.html", "report/choose/danger/index.html",
                          "report/choose/danger/emergency/index.html"}
    assert not [name for name in indexed if name.startswith("centres/language/")]


def test_the_search_page_lists_every_page_with_its_summary(default_site: Path) -> None:
    tree = parse_html((default_site / "search/index.html").read_bytes())
    listed = [item for item in tree.iter("ul") if item.get("class") == "app-a-to-z__list"]
    links = {a.get("href"): "".join(a.itertext()) for ul in listed for a in ul.iter("a")}
    assert links["/centres/refugee-migrant-centre/"] == "The Refugee and Migrant Centre"
    assert links["/report/choose/"] == "Which way to report is right for me?"
    assert all(li.find("br") is not None for ul in listed for li in ul.iter("li")), "every page with its summary"
    form = tree.find(".//form")
    assert form.get("hidden") is not None and form.get("role") == "search"


def test_a_failed_index_leaves_the_published_site_as_it_was(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "site"
    write_site({"index.html": b"old"}, out)
    monkeypatch.setattr(search, "_pagefind", lambda: ["/bin/false"])
    with pytest.raises(IndexFailed, match="the search index could not be made"):
        write_site({"index.html": b"new"}, out, index_site)
    assert (out / "index.html").read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["site"], "no temporary folder is left behind"


def test_index_is_written_beside_the_pages_without_the_unused_interfaces(tmp_path: Path) -> None:
    page = (b'<!doctype html><html lang="en-GB"><head><title>Centre</title></head><body>'
            b'<main data-pagefind-body><h1>The Refugee and Migrant Centre</h1><p>Help in many languages.</p></main>'
            b"</body></html>")
    out = tmp_path / "site"
    write_site({"centres/x/index.html": page}, out, index_site)
    bundle = {p.name for p in (out / "pagefind").iterdir()}
    assert {"pagefind.js", "pagefind-entry.json"} <= bundle
    assert not bundle & {"pagefind-ui.js", "pagefind-ui.css", "pagefind-highlight.js"}


def test_each_language_has_its_own_search_page_listing_its_pages(default_site: Path) -> None:
    tree = parse_html((default_site / "search/ur/index.html").read_bytes())
    assert tree.get("lang") == "ur" and tree.get("dir") == "rtl", "Pagefind searches the index of the page's lang"
    listed = [a for ul in tree.iter("ul") if ul.get("class") == "app-a-to-z__list" for a in ul.iter("a")]
    hrefs = {a.get("href"): a for a in listed}
    assert "/ur/report/" in hrefs and "/report/" not in hrefs, "its own pages, not the English ones they translate"
    # a centre's page is in every language: its Urdu one, its name as written (marked left to right)
    centre = hrefs["/ur/centres/refugee-migrant-centre/"]
    assert centre.get("hreflang") is None and "/centres/refugee-migrant-centre/" not in hrefs
    assert centre.find("span").get("dir") == "ltr"
    assert hrefs["/ur/report/"].get("hreflang") is None
    english = parse_html((default_site / "search/index.html").read_bytes())
    english_hrefs = {a.get("href") for ul in english.iter("ul") if ul.get("class") == "app-a-to-z__list"
                     for a in ul.iter("a")}
    assert "/report/" in english_hrefs and not [h for h in english_hrefs if h.startswith("/ur/")]


def test_pagefind_runs_as_its_own_program() -> None:
    """Not through its Python wrapper, which would start a second interpreter on every build."""
    command = search._pagefind()
    assert len(command) == 1 and Path(command[0]).name.startswith("pagefind")
    assert subprocess.run([*command, "--version"], capture_output=True, text=True, check=True).stdout.startswith(
        "pagefind ")
