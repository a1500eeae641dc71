"""Run the real nginx and Caddy on a built site, each with its own ports, pid, logs and temporary files.

The server blocks come from the same functions that write deploy/ (only the address, root and certificate
differ), so what the tests check is what a council copies.
"""

from __future__ import annotations

import http.client
import os
import shutil
import socket
import ssl
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from stophate.outputs.serverconf import caddyfile, nginx_conf

NGINX_MODULES = Path("/usr/lib/nginx/modules")
START_SECONDS = 20


@dataclass(frozen=True)
class Response:
    status: int
    headers: dict[str, str]  # names in lower case
    body: bytes


@dataclass(frozen=True)
class Server:
    name: str
    port: int  # HTTPS
    http_port: int  # plain HTTP, which sends visitors to HTTPS

    def get(self, path: str, encoding: str = "", https: bool = True, headers: dict[str, str] | None = None) -> Response:
        context = ssl._create_unverified_context()  # a certificate made for the test: nothing to verify it against
        if https:
            connection: http.client.HTTPConnection = http.client.HTTPSConnection(
                "127.0.0.1", self.port, timeout=10, context=context)
        else:
            connection = http.client.HTTPConnection("127.0.0.1", self.http_port, timeout=10)
        headers = {**({"Accept-Encoding": encoding} if encoding else {}), **(headers or {})}
        try:
            connection.request("GET", path, headers=headers)
            response = connection.getresponse()
            return Response(response.status, {k.lower(): v for k, v in response.getheaders()}, response.read())
        finally:
            connection.close()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def need(program: str) -> str:
    found = shutil.which(program) or shutil.which(program, path="/usr/sbin:/sbin")
    if not found:
        pytest.skip(f"{program} is not installed, so the {program} tests cannot run: "
                    "run `sudo bash scripts/install-test-tools.sh` (make test does it)")
    return found


def _wait(process: subprocess.Popen[bytes], port: int, log: Path) -> None:
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server stopped at start:\n{log.read_text(errors='replace')}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.05)
    process.kill()
    raise RuntimeError(f"the server did not start in {START_SECONDS} s:\n{log.read_text(errors='replace')}")


@contextmanager
def _running(command: list[str], port: int, work: Path, env: dict[str, str] | None = None) -> Iterator[None]:
    log = work / "server.log"
    with log.open("wb") as output:
        process = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT, cwd=work, env=env)
    try:
        _wait(process, port, log)
        yield
    finally:
        stop(process)


def stop(process: subprocess.Popen) -> None:  # type: ignore[type-arg]
    """Ask a server to stop; make it stop if it has not within ten seconds."""
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def certificate(work: Path) -> tuple[Path, Path]:
    cert, key = work / "cert.pem", work / "key.pem"
    subprocess.run([need("openssl"), "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                    "-subj", "/CN=127.0.0.1", "-keyout", str(key), "-out", str(cert)],
                   check=True, capture_output=True)
    return cert, key


def nginx_command(site: Path, work: Path, port: int, http_port: int) -> list[str]:
    """Write nginx's configuration for `site` into `work` (deploy/'s server blocks inside a main file of the test's
    own paths) and return the command that runs it."""
    program = need("nginx")
    cert, key = certificate(work)
    server_block = nginx_conf(server_name="127.0.0.1", root=str(site), http_listen=(f"127.0.0.1:{http_port}",),
                              https_listen=(f"127.0.0.1:{port} ssl http2",), certificate=str(cert), key=str(key))
    modules = sorted(NGINX_MODULES.glob("ngx_http_brotli_static_module.so"))
    if not modules:
        pytest.skip("nginx's Brotli module is not installed (Debian: libnginx-mod-http-brotli-static): "
                    "run `sudo bash scripts/install-test-tools.sh`")
    temp = {name: work / name for name in ("body", "proxy", "fastcgi", "uwsgi", "scgi")}
    for folder in temp.values():
        folder.mkdir(exist_ok=True)
    (work / "server.conf").write_text(server_block)
    (work / "nginx.conf").write_text("\n".join([
        *(f"load_module {module};" for module in modules),
        "daemon off;", "master_process on;", "worker_processes 1;", "user root;",  # the test's files are root's
        f"pid {work / 'nginx.pid'};", f"error_log {work / 'error.log'} warn;",
        "events { worker_connections 64; }",
        "http {", "    access_log off;",
        f"    client_body_temp_path {temp['body']};", f"    proxy_temp_path {temp['proxy']};",
        f"    fastcgi_temp_path {temp['fastcgi']};", f"    uwsgi_temp_path {temp['uwsgi']};",
        f"    scgi_temp_path {temp['scgi']};",
        f"    include {work / 'server.conf'};", "}", ""]))
    return [program, "-p", str(work), "-c", str(work / "nginx.conf"), "-e", "stderr"]


@contextmanager
def nginx(site: Path, work: Path) -> Iterator[Server]:
    port, http_port = free_port(), free_port()
    with _running(nginx_command(site, work, port, http_port), port, work):
        yield Server("nginx", port, http_port)


def caddy_command(site: Path, work: Path, port: int, http_port: int) -> tuple[list[str], dict[str, str]]:
    """Write the Caddyfile for `site` into `work` (deploy/'s, on the test's ports and certificate) and return the
    command that runs it, with its environment."""
    program = need("caddy")
    cert, key = certificate(work)
    options = ("admin off", f"http_port {http_port}", f"https_port {port}", "default_sni 127.0.0.1",
               f"storage file_system {work / 'data'}")
    (work / "Caddyfile").write_text(caddyfile(address=f"https://127.0.0.1:{port}", root=str(site),
                                              global_options=options, tls=f"{cert} {key}"))
    env = {**os.environ, "HOME": str(work), "XDG_DATA_HOME": str(work / "data"),
           "XDG_CONFIG_HOME": str(work / "config")}
    return [program, "run", "--config", str(work / "Caddyfile"), "--adapter", "caddyfile"], env


@contextmanager
def caddy(site: Path, work: Path) -> Iterator[Server]:
    port, http_port = free_port(), free_port()
    command, env = caddy_command(site, work, port, http_port)
    with _running(command, port, work, env):
        yield Server("caddy", port, http_port)
