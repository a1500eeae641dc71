"""A build that finds nothing changed writes nothing and says so; any change at all makes it build in full."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

import pytest

from stophate import cli, uptodate
from stophate.choices import BuildOptions

from .conftest import REPO, TODAY

BASE = Path(__file__).parent / "invalid" / "_base"
SCRIPT_WARNING = "this script is published as it is"


class Run(NamedTuple):
    code: int
    out: str
    err: str

    @property
    def last(self) -> str:
        return self.out.strip().splitlines()[-1]


def run(capsys: pytest.CaptureFixture[str], root: Path, out: Path, *extra: str, today: dt.date = TODAY) -> Run:
    capsys.readouterr()
    code = cli.main(["build", "--root", str(root), "--out", str(out), "--today", today.isoformat(), *extra])
    captured = capsys.readouterr()
    return Run(code, captured.out, captured.err)


def statuses(out: Path) -> dict[str, tuple[int, int]]:
    """The inode and modification time of the output folder and of everything in it: a write changes one."""
    found = {".": (out.stat().st_ino, out.stat().st_mtime_ns)}
    for path in out.rglob("*"):
        info = path.lstat()
        found[path.relative_to(out).as_posix()] = (info.st_ino, info.st_mtime_ns)
    return found


def files_of(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """A small site with one warning (a script in static/), a page to delete and a template of its own to edit."""
    folder = tmp_path / "root"
    shutil.copytree(BASE, folder)
    (folder / "static").mkdir()
    (folder / "static" / "extra.js").write_text("document.documentElement.dataset.extra = 'yes';\n")
    (folder / "content" / "pages" / "extra.md").write_text(
        "---\ntitle: Extra\nsummary: A page to delete.\n---\nExtra text.\n")
    (folder / "templates").mkdir()
    shutil.copy(REPO / "templates" / "home.html", folder / "templates" / "home.html")
    return folder


def test_a_second_build_with_no_change_writes_nothing_and_reports_the_same_warnings(
        root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "site"
    first = run(capsys, root, out)
    assert first.code == cli.EXIT_OK and first.last.startswith("Built ")
    assert SCRIPT_WARNING in first.err and "Found 1 warning in 1 file" in first.err
    before = statuses(out)
    for _ in range(2):
        again = run(capsys, root, out)
        assert again.code == cli.EXIT_OK
        assert again.last.startswith(f"Nothing changed: {out} is up to date (check ")
        assert again.err == first.err
        assert statuses(out) == before


def test_an_up_to_date_site_is_answered_without_loading_the_builder(root: Path, tmp_path: Path,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "site"
    assert run(capsys, root, out).code == cli.EXIT_OK
    program = ("import sys\nfrom stophate import cli\n"
               f"code = cli.main(['build', '--root', {str(root)!r}, '--out', {str(out)!r}, '--today', "
               f"{TODAY.isoformat()!r}])\n"
               "print(sorted(name for name in ('jinja2', 'markdown', 'PIL', 'yaml', 'brotli', 'babel', "
               "'stophate.site', 'stophate.search') if name in sys.modules))\nsys.exit(code)\n")
    child = subprocess.run([sys.executable, "-c", program], cwd=REPO, capture_output=True, text=True, timeout=120,
                           env={**os.environ, "PYTHONPATH": str(REPO)}, check=False)
    assert child.returncode == cli.EXIT_OK, child.stderr
    lines = child.stdout.splitlines()
    assert lines[0].startswith(f"Nothing changed: {out} is up to date")
    assert lines[1] == "[]"
    assert SCRIPT_WARNING in child.stderr


def _append(file: Path, text: str) -> None:
    file.write_text(file.read_text() + text)


def _damage_record(root: Path) -> None:
    for record in (root / ".cache" / "published").iterdir():
        record.write_bytes(record.read_bytes()[:-20])


CHANGES: dict[str, Callable[[Path, Path], None]] = {
    "a page edited": lambda root, out: _append(root / "content" / "pages" / "index.md", "One more sentence.\n"),
    "a page edited to the same size": lambda root, out: (root / "content" / "pages" / "index.md").write_text(
        (root / "content" / "pages" / "index.md").read_text().replace("Report hate crime.", "Report hate crimes")),
    "a page added": lambda root, out: (root / "content" / "pages" / "new.md").write_text(
        "---\ntitle: New\nsummary: A new page.\n---\nNew text.\n"),
    "a page deleted": lambda root, out: (root / "content" / "pages" / "extra.md").unlink(),
    "a template edited": lambda root, out: (root / "templates" / "home.html").write_text(
        (root / "templates" / "home.html").read_text().replace(
            "<h1>{{ page.title }}</h1>", "<h1>{{ page.title }}</h1>\n<p>Edited by hand.</p>", 1)),
    "a static file edited": lambda root, out: _append(root / "static" / "extra.js", "// and a comment\n"),
    "a listing edited": lambda root, out: _append(root / "centres.yaml", "# a comment\n"),
    "a published page edited": lambda root, out: (out / "index.html").write_bytes(b"defaced"),
    "a published page deleted": lambda root, out: (out / "extra" / "index.html").unlink(),
    "a compressed copy deleted": lambda root, out: (out / "index.html.gz").unlink(),
    "a file added to the published site": lambda root, out: (out / "planted.html").write_text("planted"),
    "the published site removed": lambda root, out: shutil.rmtree(out),
    "the record damaged": lambda root, out: _damage_record(root),
    "the build cache removed": lambda root, out: shutil.rmtree(root / ".cache" / "build"),
    "the build cache's state edited": lambda root, out: _append(root / ".cache" / "build" / "state.json", " "),
}
WRITES = {"a page edited", "a page edited to the same size", "a page added", "a page deleted", "a template edited",
          "a static file edited", "a published page edited", "a published page deleted", "a compressed copy deleted",
          "a file added to the published site", "the published site removed", "the record damaged"}


@pytest.mark.parametrize("change", CHANGES)
def test_any_change_makes_a_full_build_equal_to_a_clean_one(change: str, root: Path, tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "site"
    assert run(capsys, root, out).code == cli.EXIT_OK
    CHANGES[change](root, out)
    again = run(capsys, root, out)
    assert again.code == cli.EXIT_OK
    assert "load and check" in again.last  # the site was loaded and checked again: not taken as up to date
    assert again.last.startswith("Built " if change in WRITES else f"Nothing changed: {out} is up to date (")
    assert run(capsys, root, tmp_path / "clean", "--clean").code == cli.EXIT_OK
    assert files_of(out) == files_of(tmp_path / "clean")
    if change == "a template edited":
        assert "Edited by hand." in (out / "index.html").read_text()
    # and the build after that one has nothing to do again
    assert run(capsys, root, out).last.startswith(f"Nothing changed: {out} is up to date (check ")


def test_new_options_make_a_full_build(root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "site"
    assert run(capsys, root, out).code == cli.EXIT_OK
    before = statuses(out)
    strict = run(capsys, root, out, "--strict")
    assert strict.code == cli.EXIT_PROBLEMS and "Nothing was published." in strict.err
    assert statuses(out) == before
    tomorrow = run(capsys, root, out, today=TODAY + dt.timedelta(days=1))
    assert tomorrow.code == cli.EXIT_OK and "load and check" in tomorrow.last
    assert run(capsys, root, out, "--clean").last.startswith("Built ")  # --clean always builds and writes
    assert run(capsys, root, out).last.startswith(f"Nothing changed: {out} is up to date (check ")


def test_a_record_signed_with_another_key_is_not_used(root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "site"
    assert run(capsys, root, out).code == cli.EXIT_OK
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "another-user"))
    assert run(capsys, root, out).last.startswith("Built ")


def test_a_link_in_the_content_is_never_taken_on_trust(root: Path, tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    """A link's own status says nothing of the file it leads to: a site with a link is always built."""
    shared = root / "shared.md"
    shared.write_text("---\ntitle: Linked\nsummary: A page through a link.\n---\nFirst text.\n")
    (root / "content" / "pages" / "linked.md").symlink_to(shared)
    out = tmp_path / "site"
    assert run(capsys, root, out).code == cli.EXIT_OK
    assert "First text." in (out / "linked" / "index.html").read_text()
    assert "load and check" in run(capsys, root, out).last
    shared.write_text(shared.read_text().replace("First", "Second"))
    again = run(capsys, root, out)
    assert again.code == cli.EXIT_OK and again.last.startswith("Built ")
    assert "Second text." in (out / "linked" / "index.html").read_text()


@pytest.mark.parametrize("where", ["content/pages/pipe.md", "static/elsewhere", "site.yaml", "templates"])
def test_the_fingerprint_follows_no_link(where: str, root: Path, tmp_path: Path) -> None:
    """A link to a named pipe or to a folder outside the content folder is noted, never opened or walked."""
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    (tmp_path / "elsewhere").mkdir()
    link = root / where
    if link.exists():
        shutil.rmtree(link) if link.is_dir() else link.unlink()
    link.symlink_to(tmp_path / "elsewhere" if where in ("static/elsewhere", "templates") else pipe)
    now = uptodate.take(root, BuildOptions(today=TODAY))
    assert now.content is None and now.code is not None


def test_a_file_changed_just_before_a_build_is_compared_by_its_bytes(root: Path, tmp_path: Path,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    """File times are coarse: a file written in the same tick as the build read it could change again without its
    status showing it. Such a file's SHA-256 is kept, and a different one means a full build."""
    out = tmp_path / "site"
    assert run(capsys, root, out).code == cli.EXIT_OK
    record = uptodate.load(root, out.resolve())
    page = str(root / "content" / "pages" / "index.md")
    assert record is not None and page in record.recent  # copied a moment ago
    now = uptodate.take(root, BuildOptions(today=TODAY))
    assert uptodate.up_to_date(record, now, root, out.resolve())
    other_bytes = record._replace(recent={**record.recent, page: "0" * 64})
    assert not uptodate.up_to_date(other_bytes, now, root, out.resolve())


def test_an_output_folder_that_could_not_be_looked_at_is_never_taken_as_published(
        root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = (tmp_path / "site").resolve()
    assert run(capsys, root, out).code == cli.EXIT_OK
    record = uptodate.load(root, out)
    assert record is not None
    now = uptodate.take(root, BuildOptions(today=TODAY))
    assert uptodate.up_to_date(record, now, root, out)
    missing = tmp_path / "missing"
    assert uptodate.published(missing) == ""
    assert not uptodate.up_to_date(record._replace(published=""), now, root, missing)


def test_a_build_overtaken_by_another_does_not_vouch_for_its_folder(root: Path, tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    """Two builds into one folder: the second to publish may be the first to finish. The record of the other must
    not say that the folder now published is its own."""
    out = tmp_path / "site"
    real_save = uptodate.save

    def overtaken(*args: object) -> None:
        monkeypatch.setattr(uptodate, "save", real_save)
        tomorrow = (TODAY + dt.timedelta(days=1)).isoformat()
        assert cli.main(["build", "--root", str(root), "--out", str(out), "--today", tomorrow]) == cli.EXIT_OK
        real_save(*args)

    monkeypatch.setattr(uptodate, "save", overtaken)
    assert run(capsys, root, out).code == cli.EXIT_OK
    again = run(capsys, root, out)
    assert again.code == cli.EXIT_OK and again.last.startswith("Built ")
    assert run(capsys, root, out).last.startswith(f"Nothing changed: {out} is up to date (check ")
