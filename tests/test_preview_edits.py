"""The preview after a run of edits equals a fresh build of what is on disk, and an edit to one page's text makes
that page again, not the whole site."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from stophate import contexts, execute, site
from stophate.jobmemo import JobMemo
from stophate.plan import Plan
from stophate.preview import Preview
from stophate.site import BuildOptions, build
from stophate.sitedata import SiteData
from stophate.writer import MARKER
from tests.conftest import TODAY
from tests.sitecopy import copy_fixture_site

OPTIONS = BuildOptions(today=TODAY, workers=1)


def folder_files(folder: Path) -> dict[str, bytes]:
    return {file.relative_to(folder).as_posix(): file.read_bytes() for file in folder.rglob("*")
            if file.is_file() and file.name != MARKER}


def assert_fresh(server: Preview) -> None:
    """The preview folder holds exactly what a build with no cache makes of the sources now."""
    fresh = build(server.root, replace(OPTIONS, drafts=True)).files
    shown = folder_files(server.out)
    assert sorted(shown) == sorted(fresh)
    assert [name for name in fresh if shown[name] != fresh[name]] == []


def append(file: Path, text: str) -> None:
    file.write_text(file.read_text(encoding="utf-8") + text, encoding="utf-8")


def edit(file: Path, old: str, new: str) -> None:
    text = file.read_text(encoding="utf-8")
    assert old in text
    file.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def server(tmp_path: Path) -> Preview:
    root = copy_fixture_site("languages", tmp_path / "src")
    preview = Preview(root, tmp_path / "preview", OPTIONS)
    assert preview.rebuild() == [] or all(p.severity == "warning" for p in preview.problems)
    return preview


def test_every_kind_of_edit_leaves_the_folder_equal_to_a_fresh_build(server: Preview) -> None:
    root = server.root
    post = root / "content" / "posts" / "awareness-week.md"
    steps = [
        lambda: append(post, "\nOne more sentence, at the end of the post.\n"),  # its text only
        lambda: edit(post, "title: \"", "title: \"Renamed: "),  # shown on the home page, the news page, the feed
        lambda: (root / "content" / "posts" / "new-post.md").write_text(
            "---\ntitle: A new post\ndate: 2026-11-20\nsummary: Something new happened.\n---\n\nIt did.\n",
            encoding="utf-8"),
        lambda: append(root / "content" / "pages" / "about.md", "\nAbout us, [reporting](/report/).\n"),
        lambda: (root / "content" / "posts" / "new-post.md").unlink(),
        lambda: append(root / "centres.yaml", "\n# a comment changes the file, not the centres\n"),
        lambda: edit(root / "centres.yaml", "name: ", "name: The "),
        lambda: append(root / "content" / "pages" / "report.pa.md", "\nਹੋਰ\n"),  # a translation's text
    ]
    for number, step in enumerate(steps):
        step()
        assert [p for p in server.rebuild() if p.severity == "error"] == [], number
        assert_fresh(server)


def test_a_template_edit_and_a_broken_page_then_fixed(server: Preview) -> None:
    root = server.root
    templates = root / "templates"
    templates.mkdir()
    builtin = Path(execute.__file__).resolve().parent.parent / "templates" / "post.html"
    (templates / "post.html").write_text(builtin.read_text(encoding="utf-8").replace(
        "{{ page.body_html | safe }}", '<p class="app-note">Edited template</p>{{ page.body_html | safe }}'),
        encoding="utf-8")
    server.rebuild()
    assert b"Edited template" in (server.out / "news" / "awareness-week" / "index.html").read_bytes()
    assert_fresh(server)
    post = root / "content" / "posts" / "awareness-week.md"
    good = post.read_text(encoding="utf-8")
    post.write_text(good.replace("title: \"", "title: ", 1), encoding="utf-8")
    assert [p for p in server.rebuild() if p.severity == "error"]
    assert b"could not be built" in (server.out / "index.html").read_bytes()
    post.write_text(good + "\nFixed now.\n", encoding="utf-8")
    server.rebuild()
    assert_fresh(server)


def test_an_edit_to_one_posts_text_makes_only_that_page_again(server: Preview,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    made: list[str] = []
    rendered: list[str] = []
    keyed: list[str] = []
    planned: list[Path] = []
    real_page, real_render, real_key, real_plan = (contexts.Contexts.page, execute.render_bytes, JobMemo.key,
                                                   site.make_plan)

    def page(self: contexts.Contexts, one: object, lang: object) -> object:
        made.append(one.url)  # type: ignore[attr-defined]
        return real_page(self, one, lang)  # type: ignore[arg-type]

    def render(env: object, one: object, path: str, problems: object) -> object:
        rendered.append(path)
        return real_render(env, one, path, problems)  # type: ignore[arg-type]

    def key(self: JobMemo, job: object) -> str:
        keyed.append(job.path)  # type: ignore[attr-defined]
        return real_key(self, job)  # type: ignore[arg-type]

    def make_plan(data: SiteData, page_types: object) -> Plan:
        planned.append(data.root)
        return real_plan(data, page_types)  # type: ignore[arg-type]

    monkeypatch.setattr(site, "make_plan", make_plan)
    monkeypatch.setattr(contexts.Contexts, "page", page)
    monkeypatch.setattr(execute, "render_bytes", render)
    monkeypatch.setattr(JobMemo, "key", key)
    append(server.root / "content" / "posts" / "awareness-week.md", "\nOne more sentence.\n")
    server.rebuild()
    assert len(keyed) > 40  # every page of the site was asked for...
    assert made == ["/news/awareness-week/"]  # ...and only the edited one was made again
    assert rendered == ["news/awareness-week/index.html"]
    assert planned == []  # the plan stands: it reads no page's text
    assert b"One more sentence." in (server.out / "news" / "awareness-week" / "index.html").read_bytes()
    assert_fresh(server)
    made.clear()
    rendered.clear()
    planned.clear()  # the fresh build above planned too
    edit(server.root / "content" / "posts" / "awareness-week.md", "title: \"", "title: \"Renamed: ")
    server.rebuild()
    assert len(made) > 10  # a title is shown on other pages: every page is made again (the render cache answers)
    assert planned == [server.root]
    assert_fresh(server)


def test_only_the_markdown_files_that_may_have_changed_are_read_again(server: Preview,
                                                                      monkeypatch: pytest.MonkeyPatch,
                                                                      tmp_path: Path) -> None:
    import os

    from stophate import settled

    monkeypatch.setattr(settled, "SETTLED_NS", -10**9)  # every file counts as settled, as if copied long ago
    about = server.root / "content" / "pages" / "about.md"
    append(about, "\nRead once more, then known by its status.\n")
    server.rebuild()
    read: list[str] = []
    real_read = settled.read_file

    def counting(root: Path, rel: str, *args: object) -> bytes | None:
        read.append(rel)
        return real_read(root, rel, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(settled, "read_file", counting)
    before = about.stat()
    data = about.read_bytes()
    about.write_bytes(data.replace(b"Read once", b"Read twice"))  # the same size and modification time
    os.utime(about, ns=(before.st_atime_ns, before.st_mtime_ns))
    server.rebuild()
    assert read == ["content/pages/about.md"]
    assert b"Read twice more" in (server.out / "about" / "index.html").read_bytes()
    assert_fresh(server)
    outside = tmp_path / "outside.md"
    outside.write_bytes(about.read_bytes() + b"\nFrom outside.\n")
    about.unlink()
    about.symlink_to(outside)  # a page from outside the content folder: never published
    problems = server.rebuild()
    assert any("outside the content folder" in p.message and p.position.path == "content/pages/about.md"
               for p in problems)
