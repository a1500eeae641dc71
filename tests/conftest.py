"""Shared helpers: build a content folder into a temporary output and read back what was written."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import html5lib
import pytest

from stophate.search import index_site
from stophate.site import BuildOptions, Output, build
from stophate.writer import write_site

REPO = Path(__file__).resolve().parent.parent
TODAY = dt.date(2026, 11, 24)


def build_to(root: Path, out: Path, today: dt.date = TODAY, index: bool = False) -> Output:
    """Build in-process and write the site (with its search index when `index`); raises BuildFailed on content
    errors."""
    result = build(root, BuildOptions(today=today))
    write_site(result.files, out, index_site if index else None)
    return result


def run_cli(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(REPO / "build.py"), *args], cwd=cwd, capture_output=True,
                          text=True, timeout=120)


def parse_html(data: bytes | str):
    """An ElementTree of the document, parsed as a browser would (html5lib), without namespaces."""
    return html5lib.parse(data, treebuilder="etree", namespaceHTMLElements=False)


@pytest.fixture(scope="session")
def listings_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """tests/sites/listings (every schedule form, centre and event kind), built once per session."""
    out = tmp_path_factory.mktemp("listings") / "site"
    build_to(REPO / "tests" / "sites" / "listings", out)
    return out


@pytest.fixture(scope="session")
def default_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The default Wolverhampton site, built once per test session on a fixed date."""
    out = tmp_path_factory.mktemp("default") / "site"
    build_to(REPO, out)
    return out


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true",
                     help="rewrite tests/sites/*/expected/ from the current build instead of comparing")


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))
