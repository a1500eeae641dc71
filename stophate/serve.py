"""The live preview server: serves the preview folder on this computer and tells open pages to reload.

Each rebuild raises the preview's generation by one. Every HTML page is served with a small script (a file of
its own, so the page's Content-Security-Policy holds) that listens to /_preview/changes, a Server-Sent Events
stream that sends the current generation on connecting and again after each rebuild. A page reloads as soon as
the generation differs from the one it was served with: no reload is ever skipped or held back, however quick the
saves, and a page opened during a rebuild catches up on connecting. The browser reconnects by itself if the
stream drops.
"""

from __future__ import annotations

import errno
import mimetypes
import socket
import threading
import time
from collections.abc import Callable
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import quote

from .contentfiles import MAX_STATIC_BYTES, Refused, read_inside
from .errors import Problem
from .localonly import host_allowed, origin_allowed, site_path
from .outputs.hosting import hidden
from .preview import Preview, preview_folder, watch
from .site import BuildOptions

EVENTS = "/_preview/changes"
SCRIPT = "/_preview/reload.js"
PORTS_TRIED = 20  # a busy port: the next ones are tried, and the one taken is printed
HEARTBEAT_SECONDS = 10.0  # a comment line now and then, so a closed tab's stream is noticed and its thread ends

RELOAD_JS = b"""// The preview only: reload this page whenever the site has been rebuilt since it was served.
(function () {
  "use strict";
  var served = document.currentScript.getAttribute("data-generation");
  var source = new EventSource("/_preview/changes");
  source.onmessage = function (event) {
    if (event.data !== served) {
      source.close();
      window.location.reload();
    }
  };
})();
"""


class Generations:
    """The number of rebuilds so far, and a way to wait for the next one."""

    def __init__(self) -> None:
        self.value = 0
        self.changed = threading.Condition()

    def advance(self) -> None:
        with self.changed:
            self.value += 1
            self.changed.notify_all()

    def wait_past(self, seen: int, timeout: float) -> int:
        with self.changed:
            self.changed.wait_for(lambda: self.value != seen, timeout)
            return self.value


class PreviewServer(ThreadingHTTPServer):
    daemon_threads = True  # an open event stream never keeps the preview from stopping
    allow_reuse_address = True

    def __init__(self, address: tuple[str, int], folder: Path, generations: Generations) -> None:
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        self.folder = folder.resolve()
        self.host = address[0]
        self.generations = generations
        self.stopping = threading.Event()
        super().__init__(address, PreviewHandler)


class PreviewHandler(BaseHTTPRequestHandler):
    server: PreviewServer
    protocol_version = "HTTP/1.1"

    def log_message(self, *args: object) -> None:
        pass  # the terminal shows the problems and the rebuild times, not every request

    def do_GET(self) -> None:
        host, port = self.server.host, self.server.server_address[1]
        if not (host_allowed(self.headers.get("Host"), host, port)
                and origin_allowed(self.headers.get("Origin"), host, port)):
            self._send(HTTPStatus.FORBIDDEN, b"The preview answers only pages of this computer: open the address "
                       b"it printed after 'Serving on'.", "text/plain; charset=utf-8")
            return
        path = site_path(self.path)
        if isinstance(path, HTTPStatus):
            self._send(path, path.phrase.encode(), "text/plain; charset=utf-8")
        elif path == EVENTS:
            self._events()
        elif path == SCRIPT:
            self._send(HTTPStatus.OK, RELOAD_JS, "text/javascript; charset=utf-8")
        else:
            self._file(path)

    def _file(self, path: str) -> None:
        folder, name = self.server.folder, path.lstrip("/")
        target = folder / name
        # the marker, half-written files and _headers are the builder's and the host's: never served, as on a host
        secret = hidden(name)
        try:
            is_dir = not secret and target.is_dir()
        except OSError:  # a name too long for the file system, say: there is no such page
            is_dir = False
        if is_dir and not path.endswith("/"):  # a clean address without its slash, as hosts do
            self.send_response(HTTPStatus.MOVED_PERMANENTLY)
            self.send_header("Location", quote(path + "/"))
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if is_dir:
            target = target / "index.html"
        generation = self.server.generations.value  # read before the file: a rebuild in between reloads again
        status, data = HTTPStatus.OK, None if secret else _read(folder, target)
        if data is None:
            status, target = HTTPStatus.NOT_FOUND, folder / "404.html"
            data = _read(folder, target) or b""  # removed by a rebuild as we looked: the reload that follows shows it
        kind = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        if kind == "text/html":
            data = with_reload_script(data, generation)
            kind += "; charset=utf-8"
        self._send(status, data, kind)

    def _send(self, status: HTTPStatus, data: bytes, kind: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")  # a reload always fetches the new file
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def do_HEAD(self) -> None:
        self.do_GET()

    def _events(self) -> None:
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True
        generations = self.server.generations
        seen = generations.value
        try:
            self.wfile.write(b"retry: 500\ndata: %d\n\n" % seen)
            self.wfile.flush()
            while not self.server.stopping.is_set():
                current = generations.wait_past(seen, HEARTBEAT_SECONDS)
                self.wfile.write(b"data: %d\n\n" % current if current != seen else b": still here\n\n")
                self.wfile.flush()
                seen = current
        except (BrokenPipeError, ConnectionResetError):
            pass  # the tab was closed or reloaded


def _read(folder: Path, file: Path) -> bytes | None:
    """An ordinary file inside the preview folder, or None: never a link out of it, a pipe or a device."""
    try:
        return read_inside(folder, file, MAX_STATIC_BYTES)
    except Refused:
        return None


def with_reload_script(page: bytes, generation: int) -> bytes:
    tag = f'<script src="{SCRIPT}" data-generation="{generation}"></script>'.encode()
    end = page.rfind(b"</body>")
    return page[:end] + tag + page[end:] if end >= 0 else page + tag


def open_server(host: str, port: int, folder: Path, generations: Generations) -> tuple[PreviewServer, str]:
    """The server on `port`, or on the next free one when it is busy; with a note saying so."""
    for candidate in range(port, min(port + PORTS_TRIED, 65536)):
        try:
            server = PreviewServer((host, candidate), folder, generations)
        except OSError as error:
            if error.errno != errno.EADDRINUSE:
                raise
            continue
        note = "" if candidate == port else f"Port {port} is in use, so the preview uses port {candidate} instead."
        return server, note
    raise OSError(errno.EADDRINUSE, f"ports {port} to {port + PORTS_TRIED - 1} are all in use; "
                                    f"choose another with --port")


def serve(root: Path, options: BuildOptions, host: str, port: int,
          report: Callable[[list[Problem], float], None], announce: Callable[[str], None]) -> None:
    """Build, then serve the preview until interrupted; `report` is told the problems after each build and
    `announce` gets the address (once the port is really ours) and any note about it."""
    generations = Generations()
    preview = Preview(root, preview_folder(root), options)
    lock = threading.Lock()

    def rebuild() -> None:
        with lock:
            started = time.perf_counter()
            problems = preview.rebuild()
            generations.advance()
            report(problems, time.perf_counter() - started)

    server, note = open_server(host, port, preview.out, generations)
    rebuild()
    shown_host = f"[{host}]" if ":" in host else host
    announce((note + "\n" if note else "") + f"Serving on http://{shown_host}:{server.server_address[1]}/")
    watcher = threading.Thread(target=watch, args=(root, rebuild, server.stopping), daemon=True)
    watcher.start()
    try:
        server.serve_forever(poll_interval=0.2)
    finally:
        server.stopping.set()
        with generations.changed:
            generations.changed.notify_all()
        server.server_close()

