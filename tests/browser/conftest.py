"""Real-browser fixtures: build each site once, serve it on 127.0.0.1, drive Debian's Chromium through Playwright.

One browser for the whole session (pytest-playwright's `browser`), one fresh context per page opened, and a
recorder on every context so that a request to any host but the test server fails the test that made it.
"""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, Page

from stophate.interface import interface_for
from tests.conftest import REPO, write_built

CHROMIUM = Path("/usr/bin/chromium")
# The flags that work on the CI machine; without the networking ones Chromium calls home to hosts it cannot reach.
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
]
AXE_JS = REPO / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa")
SITES_DIR = REPO / "tests" / "sites"
TIMEOUT_MS = 15_000  # generous for a busy 2-core machine, short enough that a hang fails quickly


def fixture_roots() -> list[Path]:
    """Every fixture site under tests/sites/: a folder holding site.yaml, at its top or one level down."""
    if not SITES_DIR.is_dir():
        return []
    roots = []
    for case in sorted(p for p in SITES_DIR.iterdir() if p.is_dir()):
        if (case / "site.yaml").is_file():
            roots.append(case)
        else:
            roots += sorted(p.parent for p in case.glob("*/site.yaml") if p.parent.name != "expected")
    return roots


def site_names() -> list[str]:
    return ["default"] + [root.relative_to(SITES_DIR).as_posix() for root in fixture_roots()]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # keep test output readable
        pass


@dataclass
class ServedSite:
    name: str
    folder: Path
    url: str  # http://127.0.0.1:PORT/ (with the site's base path when it has one)
    server: http.server.ThreadingHTTPServer = field(repr=False)

    def pages(self) -> list[str]:
        """Every HTML page of the built site as an address on the test server; not the pages made to be shown
        inside partners' sites (embed/), which have no header, footer or exit button of their own by design
        (tests/browser/test_campaign.py checks them)."""
        paths = []
        for file in sorted(self.folder.rglob("*.html")):
            rel = file.relative_to(self.folder).as_posix()
            if rel.startswith("embed/"):
                continue
            paths.append(rel[: -len("index.html")] if rel.endswith("index.html") else rel)
        return [self.url + p for p in paths]


def _serve(name: str, folder: Path, base_path: str) -> ServedSite:
    # A site with a sub-folder base URL is served from a parent folder, so its links resolve as they will live.
    root = folder
    if base_path.strip("/"):
        root = folder.parent / "_served"
        target = root / base_path.strip("/")
        target.parent.mkdir(parents=True, exist_ok=True)
        if not target.exists():
            target.symlink_to(folder, target_is_directory=True)
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return ServedSite(name, folder, f"http://127.0.0.1:{server.server_address[1]}{base_path}", server)


class SiteServers:
    """Builds and serves sites on first use; all servers stop at the end of the session."""

    def __init__(self, workdir: Path) -> None:
        self.workdir = workdir
        self.served: dict[str, ServedSite] = {}

    def get(self, name: str) -> ServedSite:
        if name not in self.served:
            root = REPO if name == "default" else SITES_DIR / name
            out = self.workdir / name.replace("/", "__") / "site"
            write_built(root, out, index=True)
            from stophate.config import load_site
            from stophate.errors import Problems

            site = load_site(root, Problems())
            base_path = site.base_path if site else "/"
            self.served[name] = _serve(name, out, base_path)
        return self.served[name]

    def close(self) -> None:
        for served in self.served.values():
            served.server.shutdown()
            served.server.server_close()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    if not CHROMIUM.exists():
        pytest.fail("Chromium is missing: run scripts/install-test-tools.sh (make test does it for you)")
    return {**browser_type_launch_args, "executable_path": str(CHROMIUM), "args": CHROMIUM_ARGS,
            "timeout": 60_000}


@pytest.fixture(scope="session")
def sites(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SiteServers]:
    servers = SiteServers(tmp_path_factory.mktemp("browser-sites"))
    yield servers
    servers.close()


@pytest.fixture(scope="session")
def default_served(sites: SiteServers) -> ServedSite:
    return sites.get("default")


@dataclass
class RequestLog:
    urls: list[str] = field(default_factory=list)
    allowed_hosts: set[str] = field(default_factory=lambda: {"127.0.0.1"})

    def foreign(self) -> list[str]:
        return [u for u in self.urls if urlsplit(u).scheme in ("http", "https", "ws", "wss")
                and urlsplit(u).hostname not in self.allowed_hosts]


OpenPage = Callable[..., Page]


@pytest.fixture
def requests_seen() -> RequestLog:
    return RequestLog()


@pytest.fixture
def open_page(browser: Browser, requests_seen: RequestLog) -> Iterator[OpenPage]:
    """open_page(url, **context_options) -> a loaded Page in a fresh context whose every request is recorded.

    At teardown the test fails if any request went to a host other than the test server (tests that stub a
    neutral exit destination add that host to requests_seen.allowed_hosts themselves).
    """
    contexts: list[BrowserContext] = []

    def open_(url: str | None = None, **options: Any) -> Page:
        context = browser.new_context(**options)
        context.set_default_timeout(TIMEOUT_MS)
        context.on("request", lambda request: requests_seen.urls.append(request.url))
        contexts.append(context)
        page = context.new_page()
        if url is not None:
            page.goto(url, wait_until="load")
        return page

    yield open_
    for context in contexts:
        context.close()
    assert requests_seen.foreign() == [], "a page asked another host for something"


def axe_violations(page: Page, tags: tuple[str, ...] = WCAG_TAGS) -> list[tuple[str, str, list[Any]]]:
    """Run axe-core in the page (evaluate, not a script tag, because the pages' CSP only allows 'self')."""
    page.evaluate(AXE_JS.read_text(encoding="utf-8"))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        list(tags))
    return [(v["id"], v["impact"], [n["target"] for n in v["nodes"]]) for v in result["violations"]]


def in_page_language(page: Page, message: str) -> str:
    """An interface message as the open page shows it: pages in other languages carry their own words."""
    return interface_for(page.evaluate("document.documentElement.lang")).gettext(message)
