"""Nothing lost: a failed, interrupted or killed build leaves the previous site byte for byte as it was."""

from __future__ import annotations

import errno
import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from stophate import cli, writer
from stophate.writer import MARKER, UnsafeOutput, check_output_folder, write_site

from .conftest import REPO, TODAY

BASE = Path(__file__).parent / "invalid" / "_base"


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under folder with a hash of its bytes."""
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def siblings(out: Path) -> list[str]:
    return sorted(p.name for p in out.parent.iterdir() if p.name != out.name and p.name.startswith("."))


@pytest.fixture
def root(tmp_path: Path) -> Path:
    folder = tmp_path / "root"
    shutil.copytree(BASE, folder)
    return folder


def build_cli(root: Path, out: Path) -> int:
    return cli.main(["build", "--root", str(root), "--out", str(out), "--today", TODAY.isoformat()])


def test_stale_files_do_not_linger(root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "site"
    extra = root / "content" / "pages" / "extra.md"
    extra.write_text("---\ntitle: Extra\nsummary: Here for one build only.\n---\nText.\n")
    assert build_cli(root, out) == cli.EXIT_OK
    assert (out / "extra" / "index.html").is_file()
    extra.unlink()
    assert build_cli(root, out) == cli.EXIT_OK
    assert not (out / "extra").exists()
    assert (out / MARKER).is_file() and siblings(out) == []


def test_failed_build_leaves_site_unchanged(root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "site"
    assert build_cli(root, out) == cli.EXIT_OK
    before = snapshot(out)
    (root / "centres.yaml").write_text("centres:\n  - id: Bad Id\n")
    assert build_cli(root, out) == cli.EXIT_PROBLEMS
    assert "Nothing was published." in capsys.readouterr().err
    assert snapshot(out) == before and siblings(out) == []


def test_disk_full_leaves_site_unchanged(root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "site"
    assert build_cli(root, out) == cli.EXIT_OK
    before = snapshot(out)
    (root / "content" / "pages" / "index.md").write_text(  # something to publish: an unchanged site writes nothing
        "---\ntitle: Changed home\nsummary: A new version.\ntemplate: home\n---\nNew text.\n")
    written = []
    real = Path.write_bytes

    def fill_up(self: Path, data: bytes) -> int:
        written.append(self)
        if len(written) > 3:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(self, data)

    monkeypatch.setattr(Path, "write_bytes", fill_up)
    assert build_cli(root, out) == cli.EXIT_PROBLEMS
    err = capsys.readouterr().err
    assert "No space left on device" in err and "was not changed" in err and "Traceback" not in err
    assert snapshot(out) == before and siblings(out) == []


def test_names_outside_the_output_are_refused(tmp_path: Path) -> None:
    for name in ("../evil.html", "/etc/passwd", "a/../../evil.html"):
        with pytest.raises(UnsafeOutput):
            write_site({"index.html": b"ok", name: b"x"}, tmp_path / "site")
        assert not (tmp_path / "site").exists() and not (tmp_path / "evil.html").exists()


@pytest.mark.parametrize("where", ["root", "repo", "content", "home", "foreign"])
def test_out_refuses_folders_it_did_not_make(where: str, root: Path, tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path / "home"
    (home / "Documents").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    foreign = tmp_path / "photos"
    foreign.mkdir()
    (foreign / "holiday.jpg").write_bytes(b"\xff\xd8")
    out = {"root": root, "repo": REPO, "content": root / "content" / "site", "home": home,
           "foreign": foreign}[where]
    with pytest.raises(UnsafeOutput):
        check_output_folder(out, root)
    assert (foreign / "holiday.jpg").read_bytes() == b"\xff\xd8"


def test_out_accepts_new_empty_and_earlier_site(root: Path, tmp_path: Path) -> None:
    check_output_folder(tmp_path / "new", root)
    (tmp_path / "empty").mkdir()
    check_output_folder(tmp_path / "empty", root)
    write_site({"index.html": b"ok"}, tmp_path / "earlier")
    check_output_folder(tmp_path / "earlier", root)


def test_cli_refuses_home_without_traceback(root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    home = tmp_path / "home"
    home.mkdir()
    (home / "notes.txt").write_text("mine")
    monkeypatch.setenv("HOME", str(home))
    assert build_cli(root, home) == cli.EXIT_USAGE
    assert "refusing to write there" in capsys.readouterr().err
    assert [p.name for p in home.iterdir()] == ["notes.txt"]


# A build in a child process that stops in the middle of writing the new site (after its tenth page) and tells the
# test so by creating the file named in STOPHATE_TEST_READY: the signal then always lands mid-write, however busy the
# machine (a test that raced a slowed-down write could lose the race and see the build finish first). A suite started
# in the background (`make test &`) hands its children Ctrl-C ignored, so the child restores it first.
SLOW_BUILD = """
import os, signal, sys, time
from pathlib import Path
signal.signal(signal.SIGINT, signal.default_int_handler)  # as in a terminal, even if the suite runs in the background
real = Path.write_bytes
pages = 0
def paused(self, data):
    global pages
    written = real(self, data)
    if ".tmp-" in str(self) and self.suffix == ".html":
        pages += 1
        if pages == 10:
            Path(os.environ["STOPHATE_TEST_READY"]).touch()
            time.sleep(120)
    return written
Path.write_bytes = paused
from stophate.cli import main
sys.exit(main(sys.argv[1:]))
"""


def big_root(root: Path) -> Path:
    """More pages than the build writes before the test pauses it."""
    for number in range(120):
        (root / "content" / "pages" / f"page-{number}.md").write_text(
            f"---\ntitle: Page {number}\nsummary: Filler page {number}.\n---\nText {number}.\n")
    return root


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGKILL], ids=["SIGINT", "SIGKILL"])
def test_signal_during_write_leaves_site_unchanged(sig: signal.Signals, root: Path, tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    out, ready = tmp_path / "site", tmp_path / "ready"
    big_root(root)
    assert build_cli(root, out) == cli.EXIT_OK
    before = snapshot(out)
    (root / "content" / "pages" / "index.md").write_text(
        "---\ntitle: Changed home\nsummary: A new version.\ntemplate: home\n---\nNew text.\n")
    child = subprocess.Popen(
        [sys.executable, "-c", SLOW_BUILD, "build", "--root", str(root), "--out", str(out),
         "--today", TODAY.isoformat()],
        cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONPATH": str(REPO), "STOPHATE_TEST_READY": str(ready)})
    temp = out.parent / f".{out.name}.tmp-{child.pid}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not ready.exists() and child.poll() is None:
        time.sleep(0.01)
    assert ready.exists() and child.poll() is None, "the build never paused in the middle of writing"
    assert len(list(temp.rglob("*.html"))) == 10
    child.send_signal(sig)
    _, err = child.communicate(timeout=60)
    assert snapshot(out) == before
    if sig == signal.SIGINT:
        assert child.returncode == cli.EXIT_INTERRUPTED
        assert "was not changed" in err and "Traceback" not in err
        assert siblings(out) == []  # it tidied up after itself
    else:
        assert child.returncode == -signal.SIGKILL
        assert temp.is_dir()  # killed outright, it could not tidy up: the next build does
        assert build_cli(root, out) == cli.EXIT_OK
        assert siblings(out) == []
        assert "Changed home" in (out / "index.html").read_text()


def test_exchange_is_atomic_where_supported(tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    (a / "x").write_text("a")
    (b / "x").write_text("b")
    if not writer._exchange(a, b):
        pytest.skip("this system cannot swap folders in one step; write_site renames twice instead")
    assert (a / "x").read_text() == "b" and (b / "x").read_text() == "a"


def test_no_local_path_or_secret_in_output(root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    """Nothing about the build machine is published: not its folders, user, host name or environment."""
    import getpass
    import socket

    secret = "s3cr3t-token-5f2a9c"
    monkeypatch.setenv("STOPHATE_TOKEN", secret)
    monkeypatch.setenv("GITHUB_TOKEN", secret)
    out = tmp_path / "site"
    assert build_cli(root, out) == cli.EXIT_OK
    leaks = [secret, str(tmp_path), str(REPO), str(Path.home()), f"/{getpass.getuser()}/"]
    if len(socket.gethostname()) >= 8:  # a short host name could match ordinary words
        leaks.append(socket.gethostname())
    for file in out.rglob("*"):
        if file.is_file():
            data = file.read_bytes().decode("utf-8", errors="replace")
            for leak in leaks:
                assert leak not in data, f"{file.name} contains {leak}"


def test_unchanged_files_keep_their_time_stamps(tmp_path: Path) -> None:
    """Servers answer "not modified" from the time stamp: only files that changed look new after a rebuild."""
    out = tmp_path / "site"
    write_site({"index.html": b"home", "about/index.html": b"about", "same-size.txt": b"aaaa"}, out)
    past = time.time_ns() - 86_400 * 10**9
    for name in ("index.html", "about/index.html", "same-size.txt"):
        os.utime(out / name, ns=(past, past))
    write_site({"index.html": b"home", "about/index.html": b"about us", "same-size.txt": b"bbbb",
                "new.html": b"new"}, out)
    assert (out / "index.html").stat().st_mtime_ns == past
    for name in ("about/index.html", "same-size.txt", "new.html"):
        assert (out / name).stat().st_mtime_ns > past, name
