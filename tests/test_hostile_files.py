"""Odd files and huge counts in a content folder: every kind of entry a folder can hold, every way a text file can be
saved, and listings far longer than any council's. Each ends in a site or in problems naming the file, quickly:
never a traceback, a hang or a file read from outside (the commands run with tests/test_hostile.py's limits).
"""

from __future__ import annotations

import os
import shutil
import socket
import time
from pathlib import Path

import pytest

from stophate.site import BuildOptions, build, plan_site

from .conftest import TODAY, parse_html
from .test_hostile import BASE, assert_refused, run


@pytest.fixture
def root(tmp_path: Path) -> Path:
    folder = tmp_path / "root"
    shutil.copytree(BASE, folder)
    return folder


def page(title: str, body: str = "Text.") -> str:
    return f"---\ntitle: {title}\nsummary: A page.\n---\n{body}\n"


def test_every_odd_entry_is_named_in_one_run(root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pages = root / "content" / "pages"
    os.mkfifo(pages / "pipe.md")
    monkeypatch.chdir(pages)  # a socket's path is limited to about 100 characters
    listening = socket.socket(socket.AF_UNIX)
    listening.bind("socket.md")
    (pages / "null.md").symlink_to("/dev/null")
    (pages / "zero.md").symlink_to("/dev/zero")
    (pages / "folder.md").mkdir()
    (pages / "latin.md").write_bytes(page("Caf\u00e9").encode("latin-1"))
    (pages / "wide.md").write_bytes(page("Wide").encode("utf-16"))
    (pages / "nul.md").write_bytes(page("Nul", "A\x00B").encode())
    (pages / "crlf.md").write_bytes(page("Windows", "Line one.\n\nSee [a page](/gone/).").replace("\n", "\r\n")
                                    .encode())
    out = tmp_path / "site"
    started = time.perf_counter()
    try:
        result = run("build", "--root", str(root), "--out", str(out))
    finally:
        listening.close()
    assert time.perf_counter() - started < 60
    for where, words in [("content/pages/pipe.md:", "not an ordinary file"),
                         ("content/pages/socket.md:", "not an ordinary file"),
                         ("content/pages/null.md:", "outside the content folder"),
                         ("content/pages/zero.md:", "outside the content folder"),
                         ("content/pages/latin.md:2:11:", "not saved as UTF-8"),
                         ("content/pages/wide.md:1:1:", "UTF-16"),
                         ("content/pages/nul.md:5:2:", "NUL"),
                         ("content/pages/crlf.md:7:14:", "/gone/ leads nowhere")]:  # CRLF lines counted once
        assert_refused(result, where, words)
    assert not out.exists()


@pytest.mark.parametrize(("name", "data", "title", "text"), [
    ("bom", "\ufeff" + page("With a mark", "Marked text."), "With a mark", "Marked text."),
    ("crlf", page("Windows", "Windows text.").replace("\n", "\r\n"), "Windows", "Windows text."),
    ("cr", page("Old Mac", "Old text.").replace("\n", "\r"), "Old Mac", "Old text."),
    ("long", page("Long", "word " * 400_000), "Long", "word word"),
    ("tabs", page("Tabs", "Tabbed\ttext."), "Tabs", "Tabbed"),
])
def test_files_saved_other_ways_build(root: Path, name: str, data: str, title: str, text: str) -> None:
    (root / "content" / "pages" / f"{name}.md").write_bytes(data.encode())
    tree = parse_html(build(root, BuildOptions(today=TODAY, workers=1)).files[f"{name}/index.html"])
    assert "".join(tree.find(".//h1").itertext()).strip() == title
    assert text in "".join(tree.find(".//main").itertext())


def test_a_folder_of_pages_named_like_a_page_is_a_folder(root: Path) -> None:
    (root / "content" / "pages" / "odd.md").mkdir()
    (root / "content" / "pages" / "odd.md" / "inner.md").write_text(page("Inner"))
    assert "inner/index.html" in build(root, BuildOptions(today=TODAY, workers=1)).files


def centres(count: int, compact: bool = False) -> str:
    if compact:
        return "centres:\n" + "".join(f"- {{id: c{n}, name: C, summary: S, address: {{town: W}}, checked: "
                                      "2026-11-01}\n" for n in range(count))
    return "centres:\n" + "".join(f"  - id: centre-{n}\n    name: Centre {n}\n    summary: Help.\n    address:\n"
                                  "      town: Wolverhampton\n    checked: 2026-11-01\n" for n in range(count))


@pytest.mark.parametrize(("file", "text", "where", "words"), [
    ("centres.yaml", centres(20_000), "centres.yaml:", "larger than 1 MB"),
    ("centres.yaml", centres(12_000, compact=True), "centres.yaml:2:1:", "lists 12,000 centres"),
    ("events.yaml", "events: [" + ", ".join(["{}"] * 100_000) + "]\n", "events.yaml:1:9:", "lists 100,000 events"),
    ("centres.yaml", "centres: [" + ",".join(["1"] * 300_000) + "]\n", "centres.yaml:1:10:", "lists 300,000"),
])
def test_huge_listings_are_refused_quickly(root: Path, file: str, text: str, where: str, words: str) -> None:
    (root / file).write_text(text)
    assert_refused(run("check", "--root", str(root)), where, words)


def test_the_longest_listing_allowed_is_planned(root: Path) -> None:
    (root / "centres.yaml").write_text(centres(1000, compact=True))
    planned = plan_site(root, BuildOptions(today=TODAY, workers=1))
    assert {f"/centres/c{n}/" for n in range(1000)} <= planned.plan.urls
