"""A content folder written by an attacker, and faults at the wrong moment.

Each input must end in a site or in problems that name the file: never a traceback, a hang (every command here runs
with 20 s of processor time, a wall-clock limit and a memory cap), a file from outside the content folder, or a
site that differs from a clean build. Grouped as the faults were found: critical, major, minor.
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

from .conftest import REPO, TODAY, built, parse_html

BASE = Path(__file__).parent / "invalid" / "_base"
SECRET = "root:x:0:0:a line from outside the content folder"
SECONDS = 20  # of processor time: a hang that computes is stopped by the system after this
WALL_SECONDS = 120  # a hang that waits (a named pipe) is stopped here; generous, as the machine may be busy
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
    resource.setrlimit(resource.RLIMIT_CPU, (SECONDS, SECONDS))


def run(*args: str, timeout: float = WALL_SECONDS) -> subprocess.CompletedProcess[str]:
    """build.py in its own process, capped in processor time and memory, and stopped after `timeout` seconds."""
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


def test_template_link_to_a_file_outside_the_root_is_refused(root: Path, outside: Path) -> None:
    (root / "templates").mkdir()
    (root / "templates" / "404.html").symlink_to(outside / "passwd")
    problem_at(failed(root), "templates/404.html", "outside the content folder")


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


def test_pipes_and_devices_among_the_listings_are_refused(root: Path) -> None:
    os.mkfifo(root / "events.yaml")
    (root / "zero.yaml").symlink_to("/dev/zero")
    assert_refused(run("check", "--root", str(root)), "events.yaml:", "not an ordinary file")


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


# Major ------------------------------------------------------------------------------------------------------------


def nested(depth: int) -> str:
    return "".join("  " * level + "a:\n" for level in range(depth)) + "  " * depth + "b: 1\n"


@pytest.mark.parametrize("name", ["site.yaml", "events.yaml", "content/pages/deep.md"])
def test_yaml_nested_990_levels_is_a_problem(root: Path, name: str) -> None:
    text = nested(990)
    if name.endswith(".md"):
        text = f"---\ntitle: Deep\n{text}---\nBody.\n"
    (root / name).write_text(text)
    result = run("check", "--root", str(root))
    assert_refused(result, f"{name}:", "nested")


def test_preview_shows_deep_yaml_as_an_error_page(root: Path, tmp_path: Path) -> None:
    from stophate.serve import Preview

    (root / "events.yaml").write_text(nested(990))
    preview = Preview(root, tmp_path / "preview", BuildOptions(today=TODAY, workers=1))
    problems = preview.rebuild()
    assert any(p.position.path == "events.yaml" and "nested" in p.message for p in problems)
    assert b"could not be built" in (tmp_path / "preview" / "index.html").read_bytes()


def test_far_dates_are_problems_and_the_edges_build(root: Path) -> None:
    (root / "events.yaml").write_text(
        "events:\n  - id: far\n    title: Far away\n    starts: 9999-12-31\n    summary: A long wait.\n"
        "    checked: 2026-11-01\n")
    assert_refused(run("check", "--root", str(root)), "events.yaml:4:", "too far")
    for today in ("2199-12-31", "1900-01-01"):  # the edges still build
        (root / "events.yaml").write_text(f"events:\n  - id: edge\n    title: Edge\n    starts: {today}\n"
                                          "    summary: At the edge.\n    checked: 2026-11-01\n")
        edge = subprocess.run([sys.executable, str(REPO / "build.py"), "check", "--root", str(root), "--today",
                               today], capture_output=True, text=True, timeout=WALL_SECONDS, preexec_fn=_limits)
        assert edge.returncode == 0, edge.stderr
    far = subprocess.run([sys.executable, str(REPO / "build.py"), "check", "--root", str(root), "--today",
                          "9999-12-31"], capture_output=True, text=True, timeout=WALL_SECONDS, preexec_fn=_limits)
    assert far.returncode == 2 and "Traceback" not in far.stderr and "between 1900 and 2199" in far.stderr


@pytest.mark.parametrize("address", ["https://[::1", "https://example.org\uff0fevil", "https://[::1]x/"])
def test_odd_urls_are_problems(root: Path, address: str) -> None:
    site = (root / "site.yaml").read_text()
    (root / "site.yaml").write_text(site.replace("base_url: https://example.org/", f'base_url: "{address}"'))
    result = run("check", "--root", str(root))
    assert_refused(result, "site.yaml:2:", "web address")
    (root / "site.yaml").write_text(site)
    page = root / "content" / "pages" / "odd.md"
    page.write_text(f"---\ntitle: Odd\nsummary: Odd links.\n---\nSee [this]({address}) and ![a picture]({address}).\n")
    result = run("check", "--root", str(root))
    assert "Traceback" not in result.stderr, result.stderr
    assert_refused(result, "content/pages/odd.md:5:", "")


def test_unreadable_files_and_odd_entries_are_problems(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pages = root / "content" / "pages"
    (pages / "folder.md").mkdir()
    (pages / "dangling.md").symlink_to(pages / "gone.md")
    (pages / "loop.md").symlink_to(pages / "loop.md")
    (pages / "secret.md").write_text("---\ntitle: Secret\n---\nText.\n")
    (root / "content" / "posts").mkdir()
    real_open, real_scandir = os.open, os.scandir

    def refuse_open(path, *args, **kwargs):
        if str(path).endswith("secret.md"):
            raise PermissionError(13, "Permission denied")
        return real_open(path, *args, **kwargs)

    def refuse_scandir(path):
        if str(path).endswith("posts"):
            raise PermissionError(13, "Permission denied")
        return real_scandir(path)

    monkeypatch.setattr(os, "open", refuse_open)
    monkeypatch.setattr(os, "scandir", refuse_scandir)
    problems = failed(root)
    problem_at(problems, "content/pages/dangling.md", "does not exist")
    problem_at(problems, "content/pages/loop.md", "circle")
    problem_at(problems, "content/pages/secret.md", "not allowed to read")
    problem_at(problems, "content/posts", "cannot open this folder")


@pytest.mark.parametrize(("name", "make"), [
    ("centres.yaml", lambda file: file.mkdir()),
    ("events.yaml", lambda file: file.symlink_to(file.parent / "nowhere.yaml")),
    ("site.yaml", lambda file: file.symlink_to(file)),
])
def test_listing_that_is_not_a_file_is_a_problem_not_empty(root: Path, name: str, make) -> None:
    (root / name).unlink(missing_ok=True)
    make(root / name)
    problems = failed(root)
    assert any(p.position.path == name for p in problems), problems


def test_serve_refuses_a_preview_folder_holding_other_files(root: Path) -> None:
    (root / ".cache" / "preview").mkdir(parents=True)
    (root / ".cache" / "preview" / "notes.txt").write_text("mine")
    result = subprocess.run([sys.executable, str(REPO / "build.py"), "serve", "--root", str(root), "--port", "0"],
                            capture_output=True, text=True, timeout=WALL_SECONDS, preexec_fn=_limits)
    assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr
    assert "preview" in result.stderr and (root / ".cache" / "preview" / "notes.txt").read_text() == "mine"


@pytest.mark.parametrize(("name", "events"), [
    ("latin-1", "events:\n  - id: caf\u00e9\n".encode("latin-1")),
    ("flow style", b"events: [{id: one, title: One, starts: 2026-12-01, summary: S, checked: 2026-11-01}]\n"),
    ("four spaces", b"events:\n    -   id: one\n        title: One\n        starts: 2026-12-01\n"
                    b"        summary: S.\n        checked: 2026-11-01\n"),
    ("folder", None),
])
def test_new_event_never_writes_invalid_yaml(root: Path, name: str, events: bytes | None) -> None:
    file = root / "events.yaml"
    if events is None:
        file.mkdir()
    else:
        file.write_bytes(events)
    result = run("new", "event", "Stall at the library", "--root", str(root))
    assert "Traceback" not in result.stderr, result.stderr
    if result.returncode == 0:  # when it says it added the event, the file must still build, with the event in it
        assert "Added" in result.stdout
        build(root, BuildOptions(today=TODAY, workers=1))
        assert "stall-at-the-library" in file.read_text()
    else:
        assert result.returncode == 2 and "nothing was changed" in result.stderr
        assert events is None or file.read_bytes() == events


def test_new_post_in_a_read_only_folder_is_a_clear_error(root: Path, monkeypatch: pytest.MonkeyPatch,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    from stophate import cli

    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    (root / "content" / "posts").mkdir()
    monkeypatch.setattr(Path, "open", refuse)
    code = cli.main(["new", "post", "A post", "--root", str(root), "--today", TODAY.isoformat()])
    assert code == 2 and "not allowed" in capsys.readouterr().err


@pytest.mark.parametrize(("lat", "lon"), [("nan", "-2.1"), ("52.5", "1e999"), ("-inf", "0"), ("200", "0"),
                                        ("52.5", "-181")])
def test_coordinates_must_be_real_numbers(root: Path, lat: str, lon: str) -> None:
    centres = (BASE / "centres.yaml").read_text()
    (root / "centres.yaml").write_text(centres + f"    location:\n      lat: {lat}\n      lon: {lon}\n")
    assert any(p.position.path == "centres.yaml" and p.field.endswith((".lat", ".lon")) for p in failed(root))


def test_ctrl_c_just_after_the_swap_says_the_site_was_published(root: Path, tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    from stophate import cli, writer

    out = tmp_path / "site"
    args = ["build", "--root", str(root), "--out", str(out), "--today", TODAY.isoformat(), "--clean"]
    assert cli.main(args) == 0
    (root / "content" / "pages" / "index.md").write_text(
        (root / "content" / "pages" / "index.md").read_text().replace("Report hate crime.", "Brand new text."))
    real_rmtree = shutil.rmtree

    def interrupted(path, *args, **kwargs):
        monkeypatch.setattr(writer.shutil, "rmtree", real_rmtree)
        raise KeyboardInterrupt

    monkeypatch.setattr(writer.shutil, "rmtree", interrupted)
    capsys.readouterr()
    assert cli.main(args) == cli.EXIT_INTERRUPTED
    err = capsys.readouterr().err
    assert b"Brand new text." in (out / "index.html").read_bytes()
    assert "was not changed" not in err and "published" in err


def test_ctrl_c_between_the_two_renames_puts_the_old_site_back(tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    from stophate import writer

    out = tmp_path / "site"
    write_site({"index.html": b"old"}, out)
    monkeypatch.setattr(writer, "_exchange", lambda a, b: False)  # a system without renameat2
    real_rename, calls = Path.rename, []

    def rename(self: Path, target: Path) -> Path:
        calls.append(self)
        if len(calls) == 2:  # the new site's rename, just after the old one moved aside
            raise KeyboardInterrupt
        return real_rename(self, target)

    monkeypatch.setattr(Path, "rename", rename)
    with pytest.raises(KeyboardInterrupt) as stopped:
        write_site({"index.html": b"new"}, out)
    assert not isinstance(stopped.value, writer.Published)
    assert (out / "index.html").read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


# Minor ------------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["!!binary aGVsbG8=", "!!python/object:os.system x", "!custom x", "!!set {a}"])
def test_yaml_tags_are_problems_not_ignored(root: Path, value: str) -> None:
    (root / "events.yaml").write_text(f"events:\n  - id: tagged\n    title: {value}\n")
    problem_at(failed(root), "events.yaml", "YAML tag")


def test_reading_grade_nan_is_a_problem(root: Path) -> None:
    with (root / "site.yaml").open("a") as site:
        site.write("reading_grade: nan\n")
    assert any(p.position.path == "site.yaml" and p.field == "reading_grade" for p in failed(root))


def test_terminal_escapes_and_newlines_in_content_are_shown_as_escapes(root: Path, tmp_path: Path) -> None:
    (root / "content" / "pages" / "bad\nname.md").write_text("---\ntitle: Bad\n---\nText.\n")
    (root / "content" / "pages" / "escape.md").write_text(
        "---\ntitle: \x1b]0;owned\x07\x1b[2J\u202eevil\nsummary: S.\nnope: 1\n---\nText.\n")
    result = run("check", "--root", str(root))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr and "\u202e" not in result.stderr
    assert "\\x1b]0;owned" in result.stderr
    assert all(line.startswith(("content/", " ", "Found")) for line in result.stderr.splitlines()), result.stderr
    assert "bad\\x0aname.md" in result.stderr


def test_a_stray_nul_is_not_called_utf16(root: Path) -> None:
    (root / "content" / "pages" / "nul.md").write_bytes(b"---\ntitle: Nul\nsummary: S\x00.\n---\nText.\n")
    problem = problem_at(failed(root), "content/pages/nul.md", "NUL")
    assert (problem.position.line, problem.position.column) == (3, 11)
    (root / "content" / "pages" / "nul.md").write_bytes("---\ntitle: Wide\n---\nText.\n".encode("utf-16-le"))
    problem_at(failed(root), "content/pages/nul.md", "UTF-16")


def test_root_at_a_file_says_so(tmp_path: Path) -> None:
    (tmp_path / "site.yaml").write_text("name: x\n")
    result = run("check", "--root", str(tmp_path / "site.yaml"))
    assert result.returncode == 2 and "is a file, not a folder" in result.stderr


def test_cross_reference_problems_come_with_the_parse_errors(root: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    assert run("build", "--root", str(root), "--out", str(out)).returncode == 0
    before = files_of(out)
    (root / "content" / "pages" / "broken.md").write_text("---\ntitle: 'Unclosed\n---\nText.\n")
    (root / "content" / "pages" / "links.md").write_text(
        "---\ntitle: Links\nsummary: S.\ncentres: [nowhere-centre]\n---\n"
        "See [the lost page](/lost/), [the broken page](/broken/) and [its file](broken.md).\n")
    (root / "events.yaml").write_text("events:\n  - id: stall\n    title: Stall\n    starts: 2026-12-05\n"
                                      "    summary: S.\n    venue: town-hall\n    checked: 2026-11-01\n")
    result = run("build", "--root", str(root), "--out", str(out))
    assert_refused(result, "content/pages/broken.md:2:8:", "not valid YAML")
    assert_refused(result, "content/pages/links.md:4:11:", "no centre with the id 'nowhere-centre'")
    assert_refused(result, "content/pages/links.md:6:", "/lost/ leads nowhere")
    assert_refused(result, "events.yaml:6:12:", "no centre with the id 'town-hall'")
    reported = [line for line in result.stderr.splitlines() if line.startswith(("content/", "events.yaml"))]
    assert len(reported) == 4, reported  # a link to the broken page is not a problem: its own problem is enough
    assert files_of(out) == before


# Critical 1: the interface language and its catalogue -------------------------------------------------------------

REFRESH = '<meta http-equiv="refresh" content="0;url=https://evil.example/">'


def catalogue(text: str) -> str:
    quoted = text.replace("\\", "\\\\").replace('"', '\\"')
    return ('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
            f'msgid "Report hate crime"\nmsgstr "{quoted}"\n')


def set_language(root: Path, code: str) -> None:
    with (root / "site.yaml").open("a") as site:
        site.write(f"language: {code}\n")


def test_language_is_never_joined_to_a_path(root: Path) -> None:
    (root / "evil.yaml").write_text(f"Report hate crime: '{REFRESH}'\n")
    set_language(root, "/proc/self/cwd/evil")
    assert any(p.position.path == "site.yaml" and "language" in p.field for p in failed(root))


def test_catalogue_strings_are_escaped(root: Path) -> None:
    (root / "locales" / "pl" / "LC_MESSAGES").mkdir(parents=True)
    (root / "locales" / "pl" / "LC_MESSAGES" / "messages.po").write_text(catalogue(REFRESH))
    set_language(root, "pl")
    html = build(root, BuildOptions(today=TODAY, workers=1)).files["index.html"]
    tree = parse_html(html)
    assert not [m for m in tree.iter("meta") if (m.get("http-equiv") or "").lower() == "refresh"]
    assert REFRESH in "".join(tree.find(".//header").itertext())  # shown as text, as written


@pytest.mark.parametrize("kind", ["outside", "pipe"])
def test_catalogue_from_outside_or_a_pipe_is_never_read(root: Path, outside: Path, kind: str) -> None:
    folder = root / "locales" / "pl" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    if kind == "outside":
        (outside / "messages.po").write_text(catalogue(SECRET))
        (folder / "messages.po").symlink_to(outside / "messages.po")
    else:
        os.mkfifo(folder / "messages.po")
    set_language(root, "pl")
    result = run("build", "--root", str(root), "--out", str(root.parent / "site"))
    assert "Traceback" not in result.stderr, result.stderr
    assert "locales/pl/LC_MESSAGES/messages.po" in result.stderr
    site = root.parent / "site"
    assert not site.exists() or all(SECRET not in p.read_text(errors="replace") for p in site.rglob("*.html"))


def test_table_alignment_is_a_class_the_policy_allows(root: Path) -> None:
    (root / "content" / "pages" / "table.md").write_text(
        "---\ntitle: Table\nsummary: S.\n---\n| Day | Opens | Note |\n|:----|------:|:----:|\n| Mon | 09:30 | x |\n")
    tree = parse_html(build(root, BuildOptions(today=TODAY, workers=1)).files["table/index.html"])
    cells = [(c.tag, c.get("class"), c.get("style")) for c in tree.iter() if c.tag in ("th", "td")]
    assert cells == [("th", "app-align-start", None), ("th", "app-align-end", None), ("th", "app-align-centre", None),
                     ("td", "app-align-start", None), ("td", "app-align-end", None), ("td", "app-align-centre", None)]
    css = (REPO / "static" / "style.css").read_text()
    assert all(f".app-align-{side} {{ text-align: " in css for side in ("start", "end", "centre"))


def test_concurrent_builds_into_one_output_take_turns(tmp_path: Path) -> None:
    import fcntl
    import threading

    out = tmp_path / "site"
    other = tmp_path / ".site.tmp-999999"  # another build, still writing
    other.mkdir()
    holder = os.open(tmp_path, os.O_RDONLY)
    fcntl.flock(holder, fcntl.LOCK_EX)
    writer = threading.Thread(target=write_site, args=({"index.html": b"mine"}, out))
    writer.start()
    writer.join(1.0)
    assert writer.is_alive() and other.is_dir(), "the second build waits; the first build's folder is kept"
    fcntl.flock(holder, fcntl.LOCK_UN)
    os.close(holder)
    writer.join(WALL_SECONDS)
    assert not writer.is_alive() and (out / "index.html").read_bytes() == b"mine"


def running(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0] != "Z"  # a zombie has ended
    except OSError:
        return False


def test_killed_build_leaves_no_worker_running(tmp_path: Path) -> None:
    import signal
    import time

    script = ("import os, time\nfrom stophate.pool import fork_map\n"
              "def work(item):\n    print(os.getpid(), flush=True)\n    time.sleep(60)\n"
              "fork_map(work, range(2), workers=2, least=1)\n")
    parent = subprocess.Popen([sys.executable, "-c", script], cwd=REPO, stdout=subprocess.PIPE, text=True)
    assert parent.stdout is not None
    workers = [pid for pid in (int(parent.stdout.readline()) for _ in range(2)) if pid != parent.pid]
    assert len(workers) == 1
    parent.send_signal(signal.SIGKILL)
    parent.wait(WALL_SECONDS)
    deadline = time.monotonic() + 5
    alive = workers
    while alive and time.monotonic() < deadline:
        time.sleep(0.1)
        alive = [pid for pid in workers if running(pid)]
    for pid in alive:  # tidy up whatever the failing build left
        os.kill(pid, signal.SIGKILL)
    assert alive == [], "workers outlived the killed build"


def warnings_of(root: Path) -> list[Problem]:
    return [p for p in build(root, BuildOptions(today=TODAY, workers=1)).problems.items if p.severity == "warning"]


def test_each_vague_link_is_warned_at_its_own_line(root: Path) -> None:
    links = "".join(f"Line {n}: [here](/report/)\n\n" for n in range(1000))
    (root / "content" / "pages" / "links.md").write_text(f"---\ntitle: Links\nsummary: S.\n---\n{links}")
    lines = sorted(p.position.line for p in warnings_of(root)
                   if p.position.path == "content/pages/links.md" and "link text" in p.message)
    assert lines == [5 + 2 * n for n in range(1000)]


def test_table_warnings_point_at_each_table(root: Path) -> None:
    table = "| Day | Opens |\n|-----|-------|\n| Mon | 09:30 |\n"
    (root / "content" / "pages" / "tables.md").write_text(
        f"---\ntitle: Day by day\nsummary: Day.\n---\nDay one.\n\n{table}\nText.\n\n{table}")
    found = [(p.position.line, p.message) for p in warnings_of(root) if p.position.path == "content/pages/tables.md"]
    assert sorted(line for line, message in found if "caption" in message) == [7, 13]


@pytest.mark.parametrize(("front", "words"), [
    ('title: "Unclosed\nsummary: S.\n', "quote"), ("title: [a, b\nsummary: S.\n", "list in [ ]"),
    ("title: {a: b\n", "group in { }"),
])
def test_front_matter_mistakes_point_where_they_start(root: Path, front: str, words: str) -> None:
    (root / "content" / "pages" / "open.md").write_text(f"---\n{front}---\nBody.\n")
    problem = problem_at(failed(root), "content/pages/open.md", words)
    assert (problem.position.line, problem.position.column) == (2, 8) and problem.hint


@pytest.mark.parametrize(("image", "words"), [
    ("https://tracker.example/pixel.png", "not the address of a file"), ("//tracker.example/x.png", "not the address"),
    ("javascript:alert(1)", "not the address"), ("/images/missing.png", "leads nowhere"),
])
def test_front_matter_image_is_a_file_of_this_site(root: Path, image: str, words: str) -> None:
    (root / "content" / "pages" / "pic.md").write_text(
        f"---\ntitle: Picture\nsummary: S.\nimage: '{image}'\nimage_alt: A picture\n---\nBody.\n")
    problem = problem_at(failed(root), "content/pages/pic.md", words)
    assert problem.position.line == 4


@pytest.mark.parametrize(("name", "data", "words"), [
    ("static/extra.js", b"alert(1)", "script is published"),
    ("static/logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
     "contains a script"),
    ("static/embed.html", b'<iframe src="https://other.example/"></iframe>', "another website in a frame"),
])
def test_scripts_and_frames_in_static_are_warned(root: Path, name: str, data: bytes, words: str) -> None:
    (root / name).parent.mkdir(exist_ok=True)
    (root / name).write_bytes(data)
    problem_at(warnings_of(root), name, words)


def test_the_builtin_scripts_are_not_warned() -> None:
    problems = built(REPO).problems.items
    assert not [p for p in problems if p.position.path.startswith("static")]


# Critical 4 to 6: the build cache ----------------------------------------------------------------------------------


def cli_build(root: Path, out: Path, *extra: str) -> int:
    from stophate import cli

    return cli.main(["build", "--root", str(root), "--out", str(out), "--today", TODAY.isoformat(), *extra])


def files_of(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def cached(root: Path, tmp_path: Path) -> tuple[Path, Path, dict[str, bytes]]:
    """A site built once with its cache saved, and what a clean build of it writes."""
    assert cli_build(root, tmp_path / "clean", "--clean") == 0
    assert cli_build(root, tmp_path / "site") == 0
    cache = root / ".cache" / "build"
    assert list((cache / "render").iterdir())
    return root, cache, files_of(tmp_path / "clean")


def test_a_planted_pickle_runs_nothing(cached: tuple[Path, Path, dict[str, bytes]], tmp_path: Path) -> None:
    import pickle

    root, cache, clean = cached
    marker = tmp_path / "ran"

    class Payload:
        def __reduce__(self) -> tuple[object, tuple[str]]:
            return (os.system, (f"touch {marker}",))

    for name in ("state.pickle", "state.json"):
        (cache / name).write_bytes(pickle.dumps(Payload()))
    from stophate import cli

    assert cli.main(["check", "--root", str(root), "--today", TODAY.isoformat()]) == 0
    assert cli_build(root, tmp_path / "again") == 0
    assert not marker.exists()
    assert files_of(tmp_path / "again") == clean


def test_a_cache_copied_from_another_machine_is_not_used(cached: tuple[Path, Path, dict[str, bytes]],
                                                         tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from stophate.cache import BuildCache

    root, cache, clean = cached
    # what an attacker would publish, hashes and all, but unsigned
    for file in [file for kind in ("render", "pages", "checks") for file in (cache / kind).iterdir()]:
        file.write_bytes(file.read_bytes().replace(b"<p>", b"<p><script>alert(1)</script>"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "another-machine"))
    assert not BuildCache.load(cache).saved and not BuildCache.load(cache).saved_pages
    assert cli_build(root, tmp_path / "again") == 0
    assert files_of(tmp_path / "again") == clean


@pytest.mark.parametrize("damage", ["empty", "cut short", "edited", "link to a pipe"])
def test_damaged_cache_files_give_the_clean_site(cached: tuple[Path, Path, dict[str, bytes]], tmp_path: Path,
                                                 damage: str) -> None:
    root, cache, clean = cached
    for file in [file for kind in ("render", "pages", "checks") for file in (cache / kind).iterdir()]:
        data = file.read_bytes()
        if damage == "link to a pipe":
            file.unlink()
            os.mkfifo(tmp_path / f"pipe-{file.name}")
            file.symlink_to(tmp_path / f"pipe-{file.name}")
        else:
            file.write_bytes({"empty": b"", "cut short": data[: len(data) // 2],
                              "edited": data.replace(b"<main", b"<script>alert(1)</script><main")
                              .replace(b"<p>", b"<p><script>alert(1)</script>")}[damage])
    assert cli_build(root, tmp_path / "again") == 0
    assert files_of(tmp_path / "again") == clean


def test_ctrl_c_and_a_full_disk_during_the_cache_save(root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    import errno

    from stophate import cachefiles, cli

    assert cli_build(root, tmp_path / "clean", "--clean") == 0
    clean = files_of(tmp_path / "clean")
    real_write = cachefiles.write_whole
    for fault in (KeyboardInterrupt(), OSError(errno.ENOSPC, "No space left on device")):
        calls: list[Path] = []

        def failing(target: Path, data: bytes, sync: bool = False, fault: BaseException = fault,
                    calls: list[Path] = calls) -> None:
            calls.append(target)
            if len(calls) == 3:  # part way through the rendered files
                target.write_bytes(data[:10])  # what a cut-short write leaves
                raise fault
            real_write(target, data, sync)

        monkeypatch.setattr(cachefiles, "write_whole", failing)
        shutil.rmtree(root / ".cache", ignore_errors=True)
        code = cli_build(root, tmp_path / "site")
        assert code == (cli.EXIT_INTERRUPTED if isinstance(fault, KeyboardInterrupt) else 0)
        assert "Traceback" not in capsys.readouterr().err
        assert files_of(tmp_path / "site") == clean  # the new site was published all the same
        monkeypatch.setattr(cachefiles, "write_whole", real_write)
        assert cli_build(root, tmp_path / "again") == 0
        assert files_of(tmp_path / "again") == clean


def test_what_did_not_load_is_not_reported_again() -> None:
    from stophate.missing import Missing

    missing = Missing.make(["content/pages/about.md", "content/pages/report.pa.md", "content/posts/2026-10-01-week.md",
                            "content/pages/index.md", "content/pages/support-easy-read.md"], ["content/pages/index.md"],
                           {"centres": frozenset({"town-hall"}), "events": frozenset({"stall"}), "services": None})
    assert missing.sources == {"content/pages/about.md", "content/pages/report.pa.md",
                               "content/posts/2026-10-01-week.md", "content/pages/support-easy-read.md"}
    for path in ("/about/", "/about", "/pa/report/", "/news/week/", "/centres/town-hall/", "/pa/centres/town-hall/",
                 "/events/stall/", "/events/stall.ics", "/support/easy-read/"):
        assert missing.may_have(path), path
    for path in ("/", "/report/", "/centres/", "/centres/library/", "/events/fair/", "/news/"):
        assert not missing.may_have(path), path
    assert missing.centre("town-hall") and not missing.centre("library")
    home = Missing.make(["content/pages/index.md"], [], {})
    assert home.may_have("/") and not home.may_have("/lost/") and not home.may_have("/pa/")
    chooser = Missing.make([], [], {}, ["/pa/report/choose/"])
    assert chooser.may_have("/pa/report/choose/") and chooser.may_have("/pa/report/choose/safe/now/")
    assert chooser.may_have("/pa/report/choose") and not chooser.may_have("/pa/report/")
    assert not chooser.may_have("/report/choose/")
    everything = Missing.make([], [], {"centres": None})
    assert everything.centre("library") and everything.may_have("/centres/library/")
    assert everything.may_have("/ur/centres/library/") and not everything.may_have("/events/fair/")


@pytest.mark.parametrize("name", sorted([p.name for p in REPO.glob("*.yaml")]
                                         + [p.relative_to(REPO).as_posix() for p in REPO.glob("content/**/*.md")]))
def test_one_broken_file_of_the_default_site_is_the_only_problem(tmp_path: Path, name: str) -> None:
    from stophate.site import plan_site

    from .sitecopy import copy_default_site

    root = copy_default_site(tmp_path / "root")
    (root / name).write_text('---\ntitle: "Unclosed\n---\nText.\n' if name.endswith(".md") else 'x: "unclosed\n')
    with pytest.raises(BuildFailed) as failure:
        plan_site(root, BuildOptions(today=TODAY, workers=1))
    errors = [f"{p.position}: {p.message}" for p in failure.value.problems if p.severity == "error"]
    assert len(errors) == 1 and errors[0].startswith(f"{name}:"), errors  # nothing that links to it is named
