"""One source of headers: deploy/ stays in step with it, and _headers, nginx and Caddy say the same."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from stophate.outputs import hosting, serverconf
from stophate.outputs.hosting import header_policy, headers_file
from tests import servers
from tests.conftest import REPO

DEPLOY = REPO / "deploy"


def policies(text: str) -> list[str]:
    """Every Content-Security-Policy value set in an nginx, Caddy or _headers file."""
    found = re.findall(r'Content-Security-Policy:? "?([^"\n]+)"?', text)
    return [value.rstrip(";").strip() for value in found]


@pytest.mark.parametrize(("name", "make"), [("nginx.conf", serverconf.nginx_conf), ("Caddyfile", serverconf.caddyfile)])
def test_deploy_files_are_what_the_source_makes(name: str, make) -> None:  # type: ignore[no-untyped-def]
    assert (DEPLOY / name).read_text() == make(), f"deploy/{name} is out of step: run make deploy-configs"


def test_the_policy_is_the_same_in_nginx_caddy_and_headers(default_site: Path) -> None:
    built = (default_site / "_headers").read_text()
    frameable = {header_policy(ancestors) for ancestors in hosting.FRAMEABLE.values()}
    for text in (built, (DEPLOY / "nginx.conf").read_text(), (DEPLOY / "Caddyfile").read_text()):
        # the search page and Pagefind's worker may also compile WebAssembly (hosting.WASM); nothing else may
        assert set(policies(text)) == {header_policy(), header_policy(wasm=True), *frameable}
    assert header_policy() == hosting.CONTENT_SECURITY_POLICY + "; frame-ancestors 'none'"
    meta = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"',
                     (default_site / "index.html").read_text())
    assert meta and meta.group(1).replace("&#39;", "'") == hosting.CONTENT_SECURITY_POLICY


def test_every_rule_has_every_security_header() -> None:
    names = {name for name, _ in hosting.SECURITY_HEADERS} | {"Content-Security-Policy", "Cache-Control"}
    for rule in hosting.rules():
        assert {name for name, _ in rule.headers} == names, rule.folder
    assert "Strict-Transport-Security" in (DEPLOY / "nginx.conf").read_text().split("server {")[2]
    assert "Strict-Transport-Security" not in (DEPLOY / "nginx.conf").read_text().split("server {")[1]


def netlify_matches(pattern: str, address: str) -> bool:
    """How Netlify matches a `_headers` path (its headers parser, for_regexp.ts): a `:name` segment is one segment,
    a `*` segment is `/?(.*)`, any other `*` is `(.*)`, a trailing slash is optional, letters match in any case."""
    def part(segment: str) -> str:
        if segment.startswith(":"):
            return "([^/]+)"
        if segment == "*":
            return "?(.*)"
        return "(.*)".join(re.escape(piece) for piece in segment.split("*"))

    body = "/".join(part(segment) for segment in pattern.split("/") if segment)
    return re.fullmatch(f"/{body}/?", address, re.IGNORECASE) is not None


def cloudflare_matches(pattern: str, address: str) -> bool:
    """Cloudflare Pages: the one splat matches any characters; the rest of the pattern literally."""
    return re.fullmatch(".*".join(re.escape(piece) for piece in pattern.split("*")), address) is not None


def header_blocks(text: str) -> list[tuple[str, list[tuple[str, str]]]]:
    blocks = []
    for line in text.splitlines():
        if line.startswith("/"):
            blocks.append((line, []))
        elif line.startswith("  "):
            name, _, value = line.strip().partition(":")
            blocks[-1][1].append((name.strip(), value.strip()))
    return blocks


def headers_of(blocks: list[tuple[str, list[tuple[str, str]]]], address: str, matches) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    found: dict[str, list[str]] = {}
    for pattern, headers in blocks:
        if matches(pattern, address):
            for name, value in headers:
                found.setdefault(name, []).append(value)
    return found


def expected_policy(address: str) -> str:
    if address.startswith(("/search/", "/pagefind/")):
        return header_policy(wasm=True)
    return header_policy("https:") if address.startswith("/embed/events/") else header_policy()


@pytest.mark.parametrize("matches", [netlify_matches, cloudflare_matches])
def test_headers_file_gives_every_address_each_header_once(default_site: Path, matches) -> None:  # type: ignore[no-untyped-def]
    """Netlify and Cloudflare add up every block an address matches, and Netlify's `/pa/*` also matches /pagefind/:
    every file of the built site, by every address it is asked for, gets each header from one block only, with
    the policy meant for it (frameable events list, search page, and every other page)."""
    text = (default_site / "_headers").read_text()
    assert "!" not in text  # Cloudflare's way to drop a header is not Netlify's: it is not needed
    blocks = header_blocks(text)
    files = [p.relative_to(default_site).as_posix() for p in default_site.rglob("*")
             if p.is_file() and not hosting.hidden(p.relative_to(default_site).as_posix())]
    addresses = {"/" + name for name in files} | {"/" + name.removesuffix("index.html") for name in files
                                                   if name.endswith("index.html")}
    addresses.add("/pagefind/pagefind.js")  # the search index, written when the build has Pagefind
    assert {"/embed/events/", "/search/", "/pa/", "/feed.xml", "/events.ics"} <= addresses
    for address in sorted(addresses):
        found = headers_of(blocks, address, matches)
        assert all(len(values) == 1 for values in found.values()), (address, found)
        assert found["Content-Security-Policy"] == [expected_policy(address)], address
        assert found["X-Content-Type-Options"] == ["nosniff"], address
    assert headers_of(blocks, "/assets/x.css", matches)["Cache-Control"] == [hosting.CACHE_FOREVER]
    assert headers_of(blocks, "/feed.xml", matches)["Content-Type"] == ["application/atom+xml; charset=utf-8"]
    assert len(blocks) < 100, "Cloudflare Pages reads at most 100 rules"


def test_site_policy_patterns_never_reach_a_folder_with_its_own(monkeypatch: pytest.MonkeyPatch) -> None:
    """Names that begin like a frameable folder's (/em, /embed.json, /embedded/) are covered; the folder is not."""
    monkeypatch.setattr(hosting, "FRAMEABLE", {"embed/events/": "https:"})
    paths = ["index.html", "embed/index.html", "embed/events/index.html", "embed.json", "embedded/index.html",
             "events/index.html", "e/index.html", "report/index.html"]
    patterns = hosting.site_policy_patterns("/", paths)
    for address in ("/embed/events/", "/embed/events/index.html", "/embed/events/more/"):
        assert not any(netlify_matches(p, address) or cloudflare_matches(p, address) for p in patterns), address
    for address in ("/", "/index.html", "/embed/", "/embed/index.html", "/embed.json", "/embedded/", "/events/",
                    "/e/", "/report/index.html"):
        assert sum(netlify_matches(p, address) for p in patterns) == 1, (address, patterns)
        assert sum(cloudflare_matches(p, address) for p in patterns) == 1, (address, patterns)
    assert not any(p.endswith("/*") for p in patterns)  # Netlify reads /x/* as /x followed by anything


def test_headers_file_follows_a_sub_folder() -> None:
    text = headers_file("/hate-crime/", ["index.html", "report/index.html", "assets/style.css"]).decode()
    patterns = [line for line in text.splitlines() if line.startswith("/")]
    assert patterns[0] == "/hate-crime/*" and "/hate-crime/assets/*" in patterns
    assert all(p.startswith("/hate-crime/") for p in patterns)
    assert "/hate-crime/r*" in patterns and "/hate-crime/" in patterns


def test_a_frameable_page_is_one_entry(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(hosting.FRAMEABLE, "events/embed/", "https:")
    framed = header_policy("https:")
    nginx = serverconf.nginx_conf()
    block = nginx.split("location /events/embed/ {")[1].split("}")[0]
    assert f'add_header Content-Security-Policy "{framed}" always;' in block
    assert 'add_header X-Content-Type-Options "nosniff" always;' in block
    assert nginx.count("frame-ancestors 'none'") == len(hosting.rules()) - len(hosting.FRAMEABLE)
    caddy = serverconf.caddyfile()
    assert f'header /events/embed/* Content-Security-Policy "{framed}"' in caddy
    headers = headers_file("/", ["index.html", "events/index.html", "events/embed/index.html"]).decode()
    assert f"/events/embed/*\n  Content-Security-Policy: {framed}\n" in headers
    assert "\n/events/\n" in headers and "\n/events/i*\n" in headers


def test_hidden_names() -> None:
    for name in ("_headers", ".stophate-site", "news/.draft", "assets/_x.css"):
        assert hosting.hidden(name), name
    for name in ("index.html", "news/my_post/index.html", "assets/style.0123456789.css"):
        assert not hosting.hidden(name), name


def test_caddy_reads_the_caddyfile(tmp_path: Path) -> None:
    caddy = shutil.which("caddy")
    if caddy is None:
        pytest.skip("caddy is not installed: run `sudo bash scripts/install-test-tools.sh` (make test does it)")
    result = subprocess.run([caddy, "adapt", "--config", str(DEPLOY / "Caddyfile"), "--adapter", "caddyfile"],
                            capture_output=True, text=True, timeout=30, env={"HOME": str(tmp_path)})
    assert result.returncode == 0, result.stderr
    assert "frame-ancestors 'none'" in result.stdout


def test_both_servers_accept_a_frameable_page(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """The exception for an embeddable page is valid nginx and Caddy configuration, not only the right words."""
    monkeypatch.setitem(hosting.FRAMEABLE, "events/embed/", "https:")
    (tmp_path / "site").mkdir()
    for name in ("nginx", "caddy"):
        (tmp_path / name).mkdir()
    command = [*servers.nginx_command(tmp_path / "site", tmp_path / "nginx", 8443, 8080), "-t"]
    result = subprocess.run(command, capture_output=True, text=True, timeout=30)
    assert result.returncode == 0, result.stderr
    assert "frame-ancestors https:" in (tmp_path / "nginx" / "server.conf").read_text()
    command, env = servers.caddy_command(tmp_path / "site", tmp_path / "caddy", 8443, 8080)
    command[1] = "validate"
    result = subprocess.run(command, capture_output=True, text=True, timeout=60, env=env)
    assert result.returncode == 0, result.stderr
    assert "frame-ancestors https:" in (tmp_path / "caddy" / "Caddyfile").read_text()
