"""A content folder written by an attacker, and faults at the wrong moment.

Each input must end in a site or in problems that name the file: never a traceback, a hang (every command here runs
under a 20 s limit and a memory cap), a file from outside the content folder, or a site that differs from a clean
build. Grouped as the faults were found: critical, major, minor.
"""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from stophate.errors import BuildFailed, Problem
from stophate.site import BuildOptions, build
from stophate.writer import MARKER, write_site

from .conftest import REPO, TODAY

BASE = Path(__file__).parent / "invalid" / "_base"
SECRET = "root:x:0:0:a line from outside the content folder"
SECONDS = 20
MEMORY = 1536 * 1024 * 1024


@pytest.fixture
def root(tmp_path: Path) -> Path:
    folder = tmp_path / "root"
    shutil.copytree(BASE, folder)
    return folder


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A folder beside the content folder, holding what an attacker would like published."""
    folder = tmp_path / "outside"
    folder.mkdir()
    (folder / "passwd").write_text(SECRET + "\n")
    (folder / "page.md").write_text(f"---\ntitle: Leaked\nsummary: From outside.\n---\n{SECRET}\n")
    return folder


def _limits() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def run(*args: str, timeout: float = SECONDS) -> subprocess.CompletedProcess[str]:
    """build.py in its own process, stopped after `timeout` seconds and capped in memory."""
    return subprocess.run([sys.executable, str(REPO / "build.py"), *args, "--today", TODAY.isoformat()],
                          capture_output=True, text=True, timeout=timeout, preexec_fn=_limits)


def failed(root: Path) -> list[Problem]:
    with pytest.raises(BuildFailed) as failure:
        build(root, BuildOptions(today=TODAY, workers=1))
    return failure.value.problems


def problem_at(problems: list[Problem], path: str, words: str) -> Problem:
    found = [p for p in problems if p.position.path == path and words in p.message]
    assert found, f"no problem at {path} saying '{words}': {[f'{p.position}: {p.message}' for p in problems]}"
    return found[0]


def assert_refused(result: subprocess.CompletedProcess[str], where: str, words: str) -> None:
    """Exit 1, no traceback, and a problem starting `where` (path:line:column) that says `words`."""
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert any(line.startswith(where) and words in line for line in result.stderr.splitlines()), result.stderr


# Critical ---------------------------------------------------------------------------------------------------------


def test_static_link_to_a_file_outside_the_root_is_refused(root: Path, outside: Path, tmp_path: Path) -> None:
    (root / "static").mkdir()
    (root / "static" / "passwd").symlink_to(outside / "passwd")
    (root / "static" / "linked").symlink_to(outside, target_is_directory=True)
    problems = failed(root)
    problem_at(problems, "static/passwd", "outside the content folder")
    problem_at(problems, "static/linked", "outside the content folder")
    result = run("build", "--root", str(root), "--out", str(tmp_path / "site"))
    assert_refused(result, "static/passwd:", "outside the content folder")
    assert SECRET not in result.stderr and not (tmp_path / "site").exists()


def test_page_link_to_markdown_outside_the_root_is_refused(root: Path, outside: Path) -> None:
    (root / "content" / "pages" / "leak.md").symlink_to(outside / "page.md")
    (root / "content" / "more").symlink_to(outside, target_is_directory=True)
    problems = failed(root)
    problem_at(problems, "content/pages/leak.md", "outside the content folder")
    problem_at(problems, "content/more", "outside the content folder")
    assert all(SECRET not in p.message for p in problems)


def test_links_inside_the_root_still_work(root: Path) -> None:
    (root / "content" / "pages" / "about.md").write_text("---\ntitle: About\nsummary: Who we are.\n---\nAbout us.\n")
    (root / "content" / "pages" / "who.md").symlink_to("about.md")
    result = build(root, BuildOptions(today=TODAY, workers=1))
    assert b"About us." in result.files["who/index.html"]


@pytest.mark.parametrize("name", ["*", "[s]", "?"])
def test_output_folder_name_is_never_a_pattern(tmp_path: Path, name: str) -> None:
    parent = tmp_path / "D"
    neighbours = [".site.tmp-1", ".site.old-2", ".other.tmp-3", ".x.tmp-4.tmp-5"]
    for neighbour in neighbours:
        (parent / neighbour).mkdir(parents=True)
    write_site({"index.html": b"<p>new</p>"}, parent / name)
    assert (parent / name / MARKER).is_file()
    assert sorted(p.name for p in parent.iterdir() if p.name != name) == sorted(neighbours)


def test_leftovers_of_this_output_are_still_cleaned(tmp_path: Path) -> None:
    (tmp_path / ".site.tmp-12").mkdir()
    (tmp_path / ".site.old-13").mkdir()
    write_site({"index.html": b"<p>new</p>"}, tmp_path / "site")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_named_pipe_page_is_refused_without_waiting(root: Path) -> None:
    os.mkfifo(root / "content" / "pages" / "pipe.md")
    assert_refused(run("check", "--root", str(root)), "content/pages/pipe.md:", "not an ordinary file")


def test_page_linked_to_an_endless_device_is_refused(root: Path) -> None:
    (root / "content" / "pages" / "zero.md").symlink_to("/dev/zero")
    (root / "static").mkdir()
    (root / "static" / "random.bin").symlink_to("/dev/urandom")
    result = run("check", "--root", str(root))
    assert_refused(result, "content/pages/zero.md:", "outside the content folder")
    assert_refused(result, "static/random.bin:", "outside the content folder")


def test_huge_page_is_refused_with_its_size(root: Path) -> None:
    (root / "content" / "pages" / "huge.md").write_bytes(b"---\ntitle: Huge\n---\n" + b"word " * 1_100_000)
    assert_refused(run("check", "--root", str(root)), "content/pages/huge.md:", "larger than 5 MB")


@pytest.mark.parametrize(("body", "line", "words"), [
    ("[" * 20_000, 6, "square brackets"),
    ("Text.\n\n" + "[a " * 60 + "\n", 8, "square brackets"),
    ("".join("    " * depth + "- item\n" for depth in range(1000)), 30, "nested more than"),
    ("* " * 50_000 + "x", 6, "nested more than"),
    ("".join(">" * depth + " quote\n" for depth in range(1000)), 31, "nested more than"),
])
def test_pathological_markdown_is_a_problem_not_a_hang(root: Path, body: str, line: int, words: str) -> None:
    (root / "content" / "pages" / "slow.md").write_text(f"---\ntitle: Slow\nsummary: Slow.\n---\n\n{body}")
    result = run("check", "--root", str(root))
    assert_refused(result, f"content/pages/slow.md:{line}:", words)
