"""Fingerprinted asset names and precompressed copies."""

from __future__ import annotations

import gzip
import hashlib
import os
import time
from pathlib import Path

import brotli
import pytest

from stophate.assets import is_text, precompressed
from stophate.cache import BuildCache
from stophate.errors import BuildFailed
from stophate.site import BuildOptions, build
from tests.conftest import REPO, TODAY, built, parse_html, run_cli
from tests.htmlcheck import html_files
from tests.sitecopy import copy_default_site, copy_fixture_site

FIRST_ROUND_TRIP = 14 * 1024  # what a new connection can carry before waiting for the browser's first reply


def linked(html: bytes) -> list[str]:
    doc = parse_html(html)
    return [e.get("href") for e in doc.iter("link") if e.get("rel") in ("stylesheet", "icon")] + \
        [e.get("src") for e in doc.iter("script")]


def test_a_councils_own_style_sheet_gets_its_own_name_and_other_static_files_keep_theirs(tmp_path: Path) -> None:
    root = copy_default_site(tmp_path / "content")
    (root / "static" / "images").mkdir(parents=True)
    css = b"body { color: #0b0c0c; }\n"
    (root / "static" / "style.css").write_bytes(css)
    (root / "static" / "images" / "poster.png").write_bytes(b"\x89PNG not really")
    files = build(root, BuildOptions(today=TODAY)).files
    name = f"assets/style.{hashlib.sha256(css).hexdigest()[:10]}.css"
    assert files[name] == css
    assert "style.css" not in files and "images/poster.png" in files
    assert f"/{name}" in linked(files["index.html"])


def test_a_new_style_sheet_reaches_every_cached_page(tmp_path: Path) -> None:
    """The render cache must not keep pages that link to the old name."""
    root = copy_default_site(tmp_path / "content")
    (root / "static").mkdir()
    (root / "static" / "style.css").write_text("body { margin: 0; }\n")
    cache = BuildCache.load(tmp_path / "cache")
    first = build(root, BuildOptions(today=TODAY), cache)
    cache.save()
    (root / "static" / "style.css").write_text("body { margin: 1px; }\n")
    cache = BuildCache.load(tmp_path / "cache")
    second = build(root, BuildOptions(today=TODAY), cache)
    old = next(n for n in first.files if n.startswith("assets/style."))
    new = next(n for n in second.files if n.startswith("assets/style."))
    assert old != new and old not in second.files
    for name, data in second.files.items():
        if name.endswith(".html"):
            assert f"/{new}" in linked(data), name


def test_precompressed_copies_are_the_same_bytes_every_time() -> None:
    files = built(REPO / "tests" / "sites" / "minimal").files
    first, second = precompressed(files, workers=2), precompressed(dict(files), workers=1)
    assert first == second
    for name, data in files.items():
        if name.startswith("_") or not is_text(name):
            assert f"{name}.gz" not in first and f"{name}.br" not in first, name
            continue
        if f"{name}.gz" in first:
            packed = first[f"{name}.gz"]
            assert packed[4:8] == b"\0\0\0\0"  # no time stamp: the same input gives the same bytes
            assert gzip.decompress(packed) == data and len(packed) < len(data)
        if f"{name}.br" in first:
            assert brotli.decompress(first[f"{name}.br"]) == data
    assert "index.html.gz" in first and "index.html.br" in first and "feed.xml.br" in first
    assert any(n.startswith("assets/style.") and n.endswith(".css.br") for n in first)


@pytest.mark.parametrize(("name", "text"), [("index.html", True), ("feed.xml", True), ("a/b.ics", True),
                                            ("centres.json", True), ("x.svg", True), ("card.png", False),
                                            ("notes", False), ("x.pdf", False)])
def test_which_files_are_text(name: str, text: bool) -> None:
    assert is_text(name) is text


def test_every_page_arrives_with_its_style_sheet_in_the_first_round_trip(default_site: Path) -> None:
    (css,) = default_site.glob("assets/style.*.css")
    css_size = len(gzip.compress(css.read_bytes(), 9))
    files = html_files(default_site)
    assert len(files) >= 20
    for file in files:
        assert len(gzip.compress(file.read_bytes(), 9)) + css_size <= FIRST_ROUND_TRIP, file


def test_the_build_command_writes_the_compressed_copies(tmp_path: Path) -> None:
    root = copy_fixture_site("minimal", tmp_path / "content")
    result = run_cli("build", "--root", str(root), "--today", TODAY.isoformat())
    assert result.returncode == 0, result.stderr
    site = root / "site"
    for name in ("index.html", "report/index.html", "surgeries.ics", "feed.xml"):
        assert gzip.decompress((site / f"{name}.gz").read_bytes()) == (site / name).read_bytes()
        assert brotli.decompress((site / f"{name}.br").read_bytes()) == (site / name).read_bytes()
    assert not (site / "_headers.gz").exists() and not (site / "share-card.png.gz").exists()


def test_no_page_may_be_published_where_the_assets_are(tmp_path: Path) -> None:
    root = tmp_path / "site"
    copy_fixture_site("minimal", root)
    page = "---\ntitle: Our assets\nsummary: Things we own.\n---\nText.\n"
    (root / "content" / "pages" / "assets.md").write_text(page)
    with pytest.raises(BuildFailed) as failure:
        build(root, BuildOptions(today=TODAY))
    messages = [p.message for p in failure.value.problems]
    assert "the address /assets/ is made by the builder itself" in messages


def test_a_rebuild_keeps_the_copies_of_unchanged_files_and_remakes_the_rest(tmp_path: Path) -> None:
    files = {"index.html": b"<p>home</p>" * 200, "report/index.html": b"<p>report</p>" * 200}
    previous = tmp_path / "site"
    for name, data in precompressed(files, workers=1).items():
        (previous / name).parent.mkdir(parents=True, exist_ok=True)
        (previous / name).write_bytes(data)
    # last time's copies made another way (same text, other bytes), to see which ones a rebuild keeps
    kept_gz = gzip.compress(files["index.html"], compresslevel=1, mtime=1)
    kept_br = brotli.compress(files["index.html"], quality=1)
    (previous / "index.html.gz").write_bytes(kept_gz)
    (previous / "index.html.br").write_bytes(kept_br)
    (previous / "report" / "index.html.gz").write_bytes(gzip.compress(b"stale", mtime=1))
    changed = {**files, "report/index.html": b"<p>changed</p>" * 200}
    result = precompressed(changed, workers=1, previous=previous)
    assert result["index.html.gz"] == kept_gz and result["index.html.br"] == kept_br
    assert gzip.decompress(result["report/index.html.gz"]) == changed["report/index.html"]
    assert brotli.decompress(result["report/index.html.br"]) == changed["report/index.html"]
    (previous / "index.html.br").unlink()  # a copy missing: both are made again
    assert gzip.decompress(precompressed(files, workers=1, previous=previous)["index.html.gz"]) == files["index.html"]


@pytest.mark.parametrize("plant", ["edited copy", "copy of other text", "bomb", "cut short", "pipe", "device",
                                   "link out", "page is a pipe", "huge page"])
def test_a_damaged_or_planted_previous_site_gives_fresh_copies(tmp_path: Path, plant: str) -> None:
    files = {"index.html": b"<p>home</p>" * 200}
    fresh = precompressed(files, workers=1)
    previous = tmp_path / "site"
    previous.mkdir()
    for name, data in fresh.items():
        (previous / name).write_bytes(data)
    gz, br, page = previous / "index.html.gz", previous / "index.html.br", previous / "index.html"
    (tmp_path / "outside.gz").write_bytes(gzip.compress(b"a file outside the site", mtime=0))
    {"edited copy": lambda: br.write_bytes(brotli.compress(b"<script>alert(1)</script>" + files["index.html"])),
     "copy of other text": lambda: gz.write_bytes(gzip.compress(b"<p>other</p>", mtime=0)),
     "bomb": lambda: br.write_bytes(brotli.compress(b"\0" * 50_000_000, quality=5)),  # 77 bytes
     "cut short": lambda: gz.write_bytes(fresh["index.html.gz"][:20]),
     "pipe": lambda: (gz.unlink(), os.mkfifo(gz)),
     "device": lambda: (br.unlink(), br.symlink_to("/dev/zero")),
     "link out": lambda: (gz.unlink(), gz.symlink_to(tmp_path / "outside.gz")),
     "page is a pipe": lambda: (page.unlink(), os.mkfifo(page)),
     "huge page": lambda: page.write_bytes(files["index.html"] + b" " * 60_000_000)}[plant]()
    started = time.perf_counter()
    assert precompressed(files, workers=1, previous=previous) == fresh
    assert time.perf_counter() - started < 5
