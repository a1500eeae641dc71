"""The live preview under hostile requests: a real `build.py serve` on 127.0.0.1, asked as an attacker would.

The preview shows drafts, so a page from another website must not read it (DNS rebinding sends that website's name
as Host; a script sends its Origin), and no path may make it fail, leave the preview folder or show the builder's own
files.
"""

from __future__ import annotations

import http.client
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from stophate.localonly import host_allowed, origin_allowed, site_path
from tests.previewserver import RunningPreview, free_port, running_preview

BASE = Path(__file__).parent / "invalid" / "_base"
SECRET = "a line from outside the preview folder"


@pytest.fixture(scope="module")
def preview(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningPreview]:
    folder = tmp_path_factory.mktemp("hostile-preview")
    (folder / "secret.txt").write_text(SECRET)
    root = folder / "root"
    shutil.copytree(BASE, root)
    (root / "content" / "pages" / "draft.md").write_text(
        "---\ntitle: Plans\nsummary: Not yet public.\ndraft: true\n---\nOur draft plans.\n")
    with running_preview(root, free_port()) as running:
        yield running


def ask(preview: RunningPreview, path: str, headers: dict[str, str] | None = None,
        host: str | None = "own") -> tuple[int, bytes]:
    """The status and body for a raw request: the path is sent exactly as given, and Host only when not None."""
    port = int(preview.base.rsplit(":", 1)[1])
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.putrequest("GET", path, skip_host=True, skip_accept_encoding=True)
        if host is not None:
            connection.putheader("Host", f"127.0.0.1:{port}" if host == "own" else host)
        for name, value in (headers or {}).items():
            connection.putheader(name, value)
        connection.endheaders()
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def test_the_preview_answers_its_own_names(preview: RunningPreview) -> None:
    port = preview.base.rsplit(":", 1)[1]
    for host in (f"127.0.0.1:{port}", f"localhost:{port}", f"LocalHost:{port}", f"[::1]:{port}"):
        status, body = ask(preview, "/draft/", host=host)
        assert status == 200 and b"Our draft plans." in body, host
    status, body = ask(preview, "/draft/", {"Origin": f"http://localhost:{port}"})
    assert status == 200 and b"Our draft plans." in body


def test_another_websites_name_is_refused(preview: RunningPreview) -> None:
    port = preview.base.rsplit(":", 1)[1]
    for host in (f"attacker.example:{port}", "attacker.example", f"attacker.example@localhost:{port}",
                 f"localhost.attacker.example:{port}", "", None, f"127.0.0.1:{port}/x"):
        for path in ("/draft/", "/_preview/changes", "/_preview/reload.js"):
            status, body = ask(preview, path, host=host)
            assert status == 403 and b"draft" not in body, (host, path)


@pytest.mark.parametrize("origin", ["http://attacker.example", "null", "https://127.0.0.1:{port}",
                                    "http://127.0.0.1:1", "http://attacker.example:{port}"])
def test_a_request_from_another_websites_page_is_refused(preview: RunningPreview, origin: str) -> None:
    origin = origin.format(port=preview.base.rsplit(":", 1)[1])
    for path in ("/draft/", "/_preview/changes"):
        status, body = ask(preview, path, {"Origin": origin})
        assert status == 403 and b"draft" not in body, (origin, path)


@pytest.mark.parametrize(("path", "statuses"), [
    ("/%00", {400}), ("/index.html%00.txt", {400}), ("/draft/%00/", {400}), ("/%0d%0aSet-Cookie:%20a=b", {400}),
    ("/%ff", {400}), ("/a%5c..%5c..%5csecret.txt", {400}), ("/a\\b", {400}),
    ("/..%2f..%2fsecret.txt", {400}), ("/%2e%2e/%2e%2e/secret.txt", {400}), ("/../../secret.txt", {400, 404}),
    ("/" + "a" * 5000, {414}), ("/" + "/".join(["b" * 250] * 6), {404}), ("/" + "c" * 300 + "/", {404}),
    ("/.stophate-site", {404}), ("/.cache/", {404}), ("/draft/.index.html.new", {404}), ("/_headers", {404}),
    ("http://attacker.example/draft/", {400}), ("*", {400}), ("/no-such-page/", {404}),
])
def test_odd_paths_are_refused_plainly(preview: RunningPreview, path: str, statuses: set[int]) -> None:
    status, body = ask(preview, path)
    assert status in statuses, (path, status)
    assert SECRET.encode() not in body and b"Traceback" not in body
    assert "Traceback" not in preview.output() and "Exception" not in preview.output()


def test_a_folder_without_its_slash_is_sent_to_the_same_site(preview: RunningPreview) -> None:
    port = int(preview.base.rsplit(":", 1)[1])
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("GET", "//draft")
    response = connection.getresponse()
    assert response.status == 301 and response.getheader("Location") == "/draft/"
    connection.close()


def test_the_host_rules() -> None:
    assert host_allowed("127.0.0.1:8000", "127.0.0.1", 8000)
    assert host_allowed("localhost", "127.0.0.1", 80)
    assert not host_allowed("localhost:8001", "127.0.0.1", 8000)
    assert not host_allowed("[::1", "::1", 8000) and not host_allowed("[zz]:8000", "::1", 8000)
    assert not host_allowed("192.168.1.5:8000", "127.0.0.1", 8000)
    assert host_allowed("192.168.1.5:8000", "192.168.1.5", 8000)  # --host chosen by the editor
    assert host_allowed("192.168.1.5:8000", "0.0.0.0", 8000)  # listening on every address: any literal one
    assert not host_allowed("printer.lan:8000", "0.0.0.0", 8000)  # a name could belong to anyone
    assert not origin_allowed("http://localhost:8000/x", "127.0.0.1", 8000)
    assert site_path("/centres/language/%D1%83%D0%BA%D1%80/") == "/centres/language/укр/"
    assert site_path("/report/?q=%00") == "/report/"


def test_a_pipe_or_endless_device_in_the_content_does_not_stop_the_preview(tmp_path: Path) -> None:
    root = tmp_path / "root"
    shutil.copytree(BASE, root)
    os.mkfifo(root / "content" / "pages" / "pipe.md")
    (root / "static").mkdir()
    (root / "static" / "zero.css").symlink_to("/dev/zero")
    with running_preview(root, free_port()) as running:  # fails if it does not start within a minute
        status, body = ask(running, "/")
        assert status == 200 and b"could not be built" in body
        assert b"content/pages/pipe.md" in body and b"static/zero.css" in body
