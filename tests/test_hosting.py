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


def test_headers_file_sets_each_header_once_per_path() -> None:
    """Netlify and Cloudflare add up every rule a path matches: a header in two rules would be sent twice."""
    text = headers_file("/").decode()
    blocks = re.split(r"^(?=/)", text, flags=re.M)[1:]
    every_path = [line.split(":")[0].strip() for line in blocks[0].splitlines()[1:]]
    for block in blocks[1:]:
        dropped = set()
        for line in block.splitlines()[1:]:
            name = line.split(":")[0].strip()
            if name.startswith("!"):  # Cloudflare's way to drop the site-wide header before setting this one
                dropped.add(name.lstrip("! "))
            assert name not in every_path or name.startswith("!") or name in dropped, (block, name)
    assert text.startswith("# ")
    assert "/assets/*\n  Cache-Control: public, max-age=31536000, immutable\n" in text


def test_headers_file_follows_a_sub_folder() -> None:
    text = headers_file("/hate-crime/").decode()
    assert "\n/hate-crime/*\n" in text and "\n/hate-crime/assets/*\n" in text and "\n/*\n" not in text


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
    headers = headers_file("/").decode()
    assert f"/events/embed/*\n  ! Content-Security-Policy\n  Content-Security-Policy: {framed}\n" in headers


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
