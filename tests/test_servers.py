"""The real nginx and Caddy, configured as deploy/ says, serving a freshly built site over HTTPS on 127.0.0.1.

Each server starts once for this module. They skip (saying how to install them) only where they are not installed.
"""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from pathlib import Path

import brotli
import pytest

from stophate.assets import precompressed
from stophate.outputs.hosting import CACHE_FOREVER, HSTS, PERMISSIONS_POLICY, header_policy
from stophate.writer import MARKER, write_site
from tests import servers
from tests.conftest import REPO, built, parse_html


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("served") / "site"
    write_site(precompressed(built(REPO).files), out)
    return out


@pytest.fixture(scope="module", params=["nginx", "caddy"])
def server(request: pytest.FixtureRequest, site: Path,
           tmp_path_factory: pytest.TempPathFactory) -> Iterator[servers.Server]:
    start = getattr(servers, request.param)
    with start(site, tmp_path_factory.mktemp(request.param)) as running:
        yield running


def asset(site: Path, stem: str) -> str:
    """The published path of a fingerprinted file, as the pages link to it."""
    (found,) = [p for p in (site / "assets").iterdir() if p.name.startswith(f"{stem}.") and p.suffix in (".css", ".js")]
    return "/" + found.relative_to(site).as_posix()


def test_a_missing_page_is_the_sites_404_page_with_status_404(server: servers.Server, site: Path) -> None:
    for path in ("/no-such-page/", "/no-such-file.ics", "/centres/nowhere/"):
        response = server.get(path)
        assert response.status == 404, path
        assert response.headers["content-type"] == "text/html; charset=utf-8"
        assert response.body == (site / "404.html").read_bytes(), path
    h1 = parse_html(server.get("/no-such-page/").body).find(".//h1")
    assert h1 is not None and "".join(h1.itertext()).strip()


@pytest.mark.parametrize(("path", "content_type"), [
    ("/", "text/html; charset=utf-8"),
    ("/surgeries.ics", "text/calendar; charset=utf-8"),
    ("/events.ics", "text/calendar; charset=utf-8"),
    ("/feed.xml", "application/atom+xml; charset=utf-8"),
    ("/centres.json", "application/json; charset=utf-8"),
    ("/sitemap.xml", "application/xml; charset=utf-8"),
    ("/robots.txt", "text/plain; charset=utf-8"),
    ("/share-card.png", "image/png"),
])
def test_each_file_type_is_sent_as_what_it_is(server: servers.Server, path: str, content_type: str) -> None:
    response = server.get(path)
    assert response.status == 200
    assert response.headers["content-type"] == content_type


def test_fingerprinted_assets_have_their_types_and_are_kept_for_a_year(server: servers.Server, site: Path) -> None:
    for stem, content_type in (("style", "text/css; charset=utf-8"), ("exit", "text/javascript; charset=utf-8")):
        response = server.get(asset(site, stem))
        assert response.status == 200
        assert response.headers["content-type"] == content_type
        assert response.headers["cache-control"] == CACHE_FOREVER == "public, max-age=31536000, immutable"


def test_html_is_checked_on_every_visit(server: servers.Server) -> None:
    for path in ("/", "/report/", "/no-such-page/", "/feed.xml"):
        assert server.get(path).headers["cache-control"] == "no-cache", path


@pytest.mark.parametrize("path", ["/_headers", "/%5Fheaders", f"/{MARKER}", "/.git/config", "/centres/.hidden",
                                  "/_headers.gz"])
def test_no_dotfile_or_underscore_file_is_served(server: servers.Server, site: Path, path: str) -> None:
    response = server.get(path)
    assert response.status == 404
    assert response.body == (site / "404.html").read_bytes()


@pytest.mark.parametrize("encoding", ["gzip", "br"])
def test_precompressed_files_are_sent_as_they_were_built(server: servers.Server, site: Path, encoding: str) -> None:
    suffix, unpack = {"gzip": (".gz", gzip.decompress), "br": (".br", brotli.decompress)}[encoding]
    for path, file in (("/", "index.html"), ("/report/", "report/index.html"), ("/surgeries.ics", "surgeries.ics"),
                       (asset(site, "style"), asset(site, "style").lstrip("/"))):
        response = server.get(path, encoding=encoding)
        assert response.headers.get("content-encoding") == encoding, path
        assert "accept-encoding" in response.headers.get("vary", "").lower(), path
        assert response.body == (site / (file + suffix)).read_bytes(), path  # the very file: not compressed again
        assert unpack(response.body) == (site / file).read_bytes()
    plain = server.get("/")
    assert "content-encoding" not in plain.headers
    assert plain.body == (site / "index.html").read_bytes()


@pytest.mark.parametrize("path", ["/", "/report/", "/no-such-page/", "/_headers", "/feed.xml", "/share-card.png"])
def test_security_headers_on_every_response(server: servers.Server, site: Path, path: str) -> None:
    headers = server.get(path).headers
    assert headers["content-security-policy"] == header_policy()
    assert "frame-ancestors 'none'" in headers["content-security-policy"]
    assert "script-src 'self';" in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "no-referrer"
    assert headers["permissions-policy"] == PERMISSIONS_POLICY
    assert "camera=()" in headers["permissions-policy"]
    assert headers["strict-transport-security"] == HSTS
    assert headers.get("server", "nginx") == "nginx"  # no version number to look up


def test_a_folder_without_its_slash_is_sent_to_the_slash(server: servers.Server) -> None:
    response = server.get("/report")
    assert response.status in (301, 308)
    assert response.headers["location"] == "/report/"  # on the host and port the visitor used
    assert server.get("/report/").status == 200


def test_plain_http_is_sent_to_https(server: servers.Server) -> None:
    response = server.get("/report/?a=1", https=False)
    assert response.status in (301, 308)
    assert response.headers["location"].startswith("https://127.0.0.1")
    assert response.headers["location"].endswith("/report/?a=1")


def test_after_a_rebuild_an_unchanged_page_is_not_modified(server: servers.Server, site: Path) -> None:
    """HTML is checked on every visit: the check must say "not modified" when the nightly rebuild changed nothing."""
    before = server.get("/report/")
    files = {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*")
             if p.is_file() and p.name != MARKER}
    write_site(files, site)  # the same site again, as a rebuild on a day when nothing changed
    for condition in ({"If-None-Match": before.headers["etag"]},
                      {"If-Modified-Since": before.headers["last-modified"]}):
        again = server.get("/report/", headers=condition)
        assert again.status == 304, condition
        assert again.headers["cache-control"] == "no-cache"
