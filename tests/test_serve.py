"""The live preview: a real `build.py serve` on a free loopback port, edited while it runs."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import REPO, parse_html
from tests.servers import stop
from tests.sitecopy import copy_default_site

START_TIMEOUT = 60.0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace")


def wait_for(url: str, condition, timeout: float) -> tuple[float, str]:  # type: ignore[no-untyped-def]
    """Poll until condition(body) holds; returns the seconds it took and the body."""
    started = time.perf_counter()
    body = ""
    while time.perf_counter() - started < timeout:
        try:
            status, body = fetch(url)
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            status = 0
        if status and condition(body):
            return time.perf_counter() - started, body
        time.sleep(0.02)
    raise AssertionError(f"{url} did not change as expected within {timeout} s; last body began: {body[:300]!r}")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    root = copy_default_site(tmp_path_factory.mktemp("serve") / "site-source")
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, str(REPO / "build.py"), "serve", "--root", str(root), "--port", str(port),
         "--today", "2026-11-24"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(base + "/", lambda body: "<html" in body, START_TIMEOUT)
        yield base, root
    finally:
        stop(process)


def test_serves_pages_with_reload_script_and_a_policy_that_lets_it_run(server: tuple[str, Path]) -> None:
    base, _ = server
    status, body = fetch(base + "/report/")
    assert status == 200
    tree = parse_html(body)
    assert tree.find(".//h1") is not None
    assert "livereload.js" in body  # injected by the server, only here
    policy = tree.find(".//meta[@http-equiv='Content-Security-Policy']").get("content")
    assert "'unsafe-inline'" in policy and "ws:" in policy


def test_preview_shows_a_draft_with_its_banner(server: tuple[str, Path]) -> None:
    base, root = server
    (root / "content" / "posts" / "draft-plan.md").write_text(
        "---\ntitle: Our draft plan\nsummary: Not ready yet.\ndate: 2026-11-20\ndraft: true\n---\nSoon.\n",
        encoding="utf-8")
    _, body = wait_for(base + "/news/draft-plan/", lambda b: "Our draft plan" in b, 5)
    banner = parse_html(body).find(".//p[@class='app-status-banner']")
    assert banner is not None and "Draft" in "".join(banner.itertext())


def test_an_edit_shows_within_a_second(server: tuple[str, Path]) -> None:
    base, root = server
    page = root / "content" / "pages" / "about.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nA sentence added while previewing.\n", encoding="utf-8")
    seconds, _ = wait_for(base + "/about/", lambda b: "A sentence added while previewing." in b, 10)
    assert seconds < 1.0, f"the edit took {seconds:.2f} s to show"


def test_a_broken_edit_shows_the_problem_and_fixing_it_restores_the_page(server: tuple[str, Path]) -> None:
    base, root = server
    page = root / "content" / "pages" / "privacy.md"
    good = page.read_text(encoding="utf-8")
    lines = good.split("\n")
    lines.insert(2, "draft: perhaps")  # line 3 of the file: not true or false
    page.write_text("\n".join(lines), encoding="utf-8")
    _, body = wait_for(base + "/privacy/", lambda b: "could not be built" in b, 10)
    tree = parse_html(body)
    where = [("".join(p.itertext())) for p in tree.iter("p") if p.get("class") == "where"]
    assert "content/pages/privacy.md:3:8" in where
    assert "perhaps" in "".join(tree.find(".//ol").itertext())
    # every page shows the problem, not only the one edited
    assert "could not be built" in fetch(base + "/report/")[1]
    page.write_text(good, encoding="utf-8")
    _, body = wait_for(base + "/privacy/", lambda b: "could not be built" not in b, 10)
    assert parse_html(body).find(".//h1") is not None
    assert "could not be built" not in fetch(base + "/report/")[1]


def test_the_built_site_has_no_reload_code_and_a_strict_policy(default_site: Path) -> None:
    for file in default_site.rglob("*"):
        if file.is_file():
            assert b"livereload" not in file.read_bytes(), file
    home = parse_html((default_site / "index.html").read_bytes())
    policy = home.find(".//meta[@http-equiv='Content-Security-Policy']").get("content")
    assert "unsafe-inline" not in policy and "ws:" not in policy
