"""A real `build.py serve` on a loopback port, for the preview tests (plain HTTP and in Chromium)."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tests.conftest import REPO
from tests.servers import stop

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


def wait_for(url: str, condition: Callable[[str], bool], timeout: float) -> tuple[float, str]:
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


@dataclass
class RunningPreview:
    base: str
    root: Path
    log: Path  # everything the command printed, stdout and stderr together
    process: subprocess.Popen[str]

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")


@contextmanager
def running_preview(root: Path, port: int, *extra: str, wait: bool = True) -> Iterator[RunningPreview]:
    log = root.parent / f"serve-{port}.log"
    with log.open("w", encoding="utf-8") as sink:
        process = subprocess.Popen(
            [sys.executable, str(REPO / "build.py"), "serve", "--root", str(root), "--port", str(port),
             "--today", "2026-11-24", *extra],
            stdout=sink, stderr=subprocess.STDOUT, text=True)
    running = RunningPreview(f"http://127.0.0.1:{port}", root, log, process)
    try:
        if wait:
            started = time.perf_counter()
            while "Serving on" not in running.output():
                assert process.poll() is None, f"the preview stopped:\n{running.output()}"
                assert time.perf_counter() - started < START_TIMEOUT, "the preview did not start"
                time.sleep(0.05)
        yield running
    finally:
        stop(process)
