"""The live preview: a real `build.py serve` on a free loopback port, edited while it runs."""

from __future__ import annotations

import socket
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from stophate.site import BuildOptions, build
from stophate.writer import MARKER
from tests.conftest import TODAY, parse_html, run_cli
from tests.previewserver import RunningPreview, fetch, free_port, running_preview, wait_for
from tests.sitecopy import copy_default_site


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningPreview]:
    root = copy_default_site(tmp_path_factory.mktemp("serve") / "site-source")
    with running_preview(root, free_port()) as running:
        yield running


def test_serves_pages_with_the_reload_script_as_a_file_of_its_own(server: RunningPreview) -> None:
    status, body = fetch(server.base + "/report/")
    assert status == 200
    tree = parse_html(body)
    assert tree.find(".//h1") is not None
    scripts = [s.get("src") for s in tree.iter("script") if s.get("data-generation") is not None]
    assert scripts == ["/_preview/reload.js"]  # loaded from the site itself, so 'self' in the policy covers it
    status, script = fetch(server.base + "/_preview/reload.js")
    assert status == 200 and "EventSource" in script
    assert fetch(server.base + "/no-such-page/")[0] == 404


def test_preview_shows_a_draft_with_its_banner(server: RunningPreview) -> None:
    (server.root / "content" / "posts" / "draft-plan.md").write_text(
        "---\ntitle: Our draft plan\nsummary: Not ready yet.\ndate: 2026-11-20\ndraft: true\n---\nSoon.\n",
        encoding="utf-8")
    _, body = wait_for(server.base + "/news/draft-plan/", lambda b: "Our draft plan" in b, 5)
    banner = parse_html(body).find(".//p[@class='app-status-banner']")
    assert banner is not None and "Draft" in "".join(banner.itertext())


def test_an_edit_shows_within_a_second(server: RunningPreview) -> None:
    page = server.root / "content" / "pages" / "about.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nA sentence added while previewing.\n", encoding="utf-8")
    seconds, _ = wait_for(server.base + "/about/", lambda b: "A sentence added while previewing." in b, 10)
    assert seconds < 1.0, f"the edit took {seconds:.2f} s to show"


def test_every_rebuild_is_announced_on_the_event_stream(server: RunningPreview) -> None:
    with urllib.request.urlopen(server.base + "/_preview/changes", timeout=10) as stream:
        assert stream.headers["Content-Type"] == "text/event-stream"

        def next_generation() -> int:
            while True:
                line = stream.readline().decode()
                if line.startswith("data: "):
                    return int(line[6:])

        seen = next_generation()  # sent on connecting: a page served before a rebuild learns of it at once
        page = server.root / "content" / "pages" / "privacy.md"
        for number in range(3):  # quicker than any throttle: each save is announced
            started = time.perf_counter()
            page.write_text(page.read_text(encoding="utf-8") + f"\nSave number {number}.\n", encoding="utf-8")
            while f"Save number {number}." not in fetch(server.base + "/privacy/")[1]:
                generation = next_generation()
                assert generation > seen
                seen = generation
            assert time.perf_counter() - started < 3


def test_a_broken_edit_shows_the_problem_with_a_caret_and_fixing_it_restores_the_page(
        server: RunningPreview) -> None:
    page = server.root / "content" / "pages" / "privacy.md"
    good = page.read_text(encoding="utf-8")
    lines = good.split("\n")
    lines.insert(2, "draft: perhaps")  # line 3 of the file: not true or false
    page.write_text("\n".join(lines), encoding="utf-8")
    _, body = wait_for(server.base + "/privacy/", lambda b: "could not be built" in b, 30)
    tree = parse_html(body)
    where = [("".join(p.itertext())) for p in tree.iter("p") if p.get("class") == "where"]
    assert "content/pages/privacy.md:3:8" in where
    excerpt = next(pre.text for pre in tree.iter("pre") if "perhaps" in (pre.text or ""))
    line, caret = excerpt.split("\n")
    assert line.endswith("| draft: perhaps") and caret.index("^") == line.index("perhaps")
    # every page shows the problem, not only the one edited (polled: on a busy machine a save may land in two
    # writes, each seen by a rebuild of its own)
    wait_for(server.base + "/report/", lambda b: "could not be built" in b, 30)
    page.write_text(good, encoding="utf-8")
    _, body = wait_for(server.base + "/privacy/", lambda b: "could not be built" not in b, 30)
    assert parse_html(body).find(".//h1") is not None
    wait_for(server.base + "/report/", lambda b: "could not be built" not in b, 30)


def test_the_terminal_shows_problems_and_rebuilds_not_every_request(server: RunningPreview) -> None:
    for _ in range(3):
        fetch(server.base + "/")
    output = server.output()
    assert "Serving on http://127.0.0.1:" in output and "Preview rebuilt in" in output
    assert "GET /" not in output and "[I " not in output and "Browser Connected" not in output


def test_preview_equals_a_fresh_build_after_a_burst_of_saves(server: RunningPreview) -> None:
    events = server.root / "events.yaml"
    original = events.read_text(encoding="utf-8")
    title = original.split("title: ", 1)[1].split("\n", 1)[0]
    for number in range(12):  # quicker than a build: saves land while the last one is still reading the files
        events.write_text(original.replace(f"title: {title}", f"title: Burst {number}", 1), encoding="utf-8")
        time.sleep(0.05 * (number % 4))
    fresh = {name: data for name, data in build(server.root, BuildOptions(today=TODAY, drafts=True)).files.items()}
    folder = server.root / ".cache" / "preview"
    deadline = time.perf_counter() + 15
    while True:
        shown = {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*")
                 if p.is_file() and p.name != MARKER}
        different = sorted(n for n in shown.keys() | fresh.keys() if shown.get(n) != fresh.get(n))
        if not different or time.perf_counter() > deadline:
            break
        time.sleep(0.2)
    assert different == [], f"the preview differs from a fresh build in {different[:5]}"
    assert b"Burst 11" in shown["events.ics"] and b"Burst 10" not in shown["events.ics"]


def test_a_busy_port_is_said_before_serving_and_the_next_free_one_is_taken(tmp_path: Path) -> None:
    root = copy_default_site(tmp_path / "src")
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        with running_preview(root, port) as running:
            output = running.output()
            taken = int(output.split("Serving on http://127.0.0.1:", 1)[1].split("/", 1)[0])
            assert taken != port
            assert f"Port {port} is in use, so the preview uses port {taken} instead." in output
            assert output.index("is in use") < output.index("Serving on")
            assert fetch(f"http://127.0.0.1:{taken}/report/")[0] == 200


@pytest.mark.parametrize("port", ["99999", "65536", "-1", "eighty"])
def test_a_port_that_cannot_exist_is_a_usage_error(port: str) -> None:
    result = run_cli("serve", "--port", port)
    assert result.returncode == 2
    assert f"'{port}' is not a port: give a whole number from 0 to 65535" in result.stderr
    assert "Serving on" not in result.stdout


def test_the_built_site_has_no_reload_code(default_site: Path) -> None:
    for file in default_site.rglob("*"):
        if file.is_file():
            assert b"_preview" not in file.read_bytes(), file
    home = parse_html((default_site / "index.html").read_bytes())
    policy = home.find(".//meta[@http-equiv='Content-Security-Policy']").get("content")
    assert "unsafe-inline" not in policy and "ws:" not in policy
