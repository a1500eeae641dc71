"""Shared helpers: build a content folder into a temporary output and read back what was written."""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import io
import subprocess
import sys
from pathlib import Path

import html5lib
import pytest

from stophate import cli
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


@functools.cache
def built(root: Path, today: dt.date = TODAY) -> Output:
    """One build of a content folder that does not change during the tests (the default site, tests/sites/*) on a
    date, made once per session and shared by every test that reads it: never change what it returns. Tests of the
    build itself (determinism, the cache) build their own."""
    return build(root, BuildOptions(today=today))


def write_built(root: Path, out: Path, today: dt.date = TODAY, index: bool = False) -> Path:
    """The shared build of `root` (see `built`) written to `out`, with its search index when `index`."""
    write_site(built(root, today).files, out, index_site if index else None)
    return out


def run_cli(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(REPO / "build.py"), *args], cwd=cwd, capture_output=True,
                          text=True, timeout=120)


def run_here(*args: str) -> subprocess.CompletedProcess[str]:
    """What run_cli gives, from build.py's main called in this process: for tests of what a command finds and says,
    where a new process would add only its start-up and the drawing of images this process has already drawn."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(list(args))
    return subprocess.CompletedProcess(["build.py", *args], code, out.getvalue(), err.getvalue())


def parse_html(data: bytes | str):
    """An ElementTree of the document, parsed as a browser would (html5lib), without namespaces."""
    return html5lib.parse(data, treebuilder="etree", namespaceHTMLElements=False)


@pytest.fixture(scope="session")
def listings_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """tests/sites/listings (every schedule form, centre and event kind), built once per session."""
    return write_built(REPO / "tests" / "sites" / "listings", tmp_path_factory.mktemp("listings") / "site")


@pytest.fixture(scope="session")
def default_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The default Wolverhampton site, built once per test session on a fixed date."""
    return write_built(REPO, tmp_path_factory.mktemp("default") / "site")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true",
                     help="rewrite tests/sites/*/expected/ from the current build instead of comparing")


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))
