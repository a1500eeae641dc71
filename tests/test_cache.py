"""The incremental build gives exactly the files a clean build gives, whatever was edited in between."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stophate import readability
from stophate.cache import BuildCache
from stophate.errors import BuildFailed
from stophate.render import BUILTIN_TEMPLATES
from stophate.site import BuildOptions, build
from tests.conftest import TODAY
from tests.sitecopy import copy_default_site, copy_fixture_site

OPTIONS = BuildOptions(today=TODAY, workers=1)
PAGES = ("about", "privacy", "report", "centres", "support", "index")


def _replace(file: Path, old: str, new: str) -> None:
    text = file.read_text(encoding="utf-8")
    assert old in text, (file, old)
    file.write_text(text.replace(old, new, 1), encoding="utf-8")


def edit_page_body(root: Path, n: int) -> None:
    file = root / "content" / "pages" / f"{PAGES[n % len(PAGES)]}.md"
    file.write_text(file.read_text(encoding="utf-8") + f"\nAn added line, number {n}.\n", encoding="utf-8")


def edit_page_title(root: Path, n: int) -> None:
    file = root / "content" / "pages" / "about.md"
    lines = file.read_text(encoding="utf-8").split("\n")
    lines = [f"title: About us {n}" if line.startswith("title:") else line for line in lines]
    file.write_text("\n".join(lines), encoding="utf-8")


def add_post(root: Path, n: int) -> None:
    (root / "content" / "posts" / f"added-{n % 3}.md").write_text(
        f"---\ntitle: Added post {n}\nsummary: A post added by the test.\ndate: 2026-11-{10 + n % 15}\n---\n"
        f"Text {n}, with a link to [how to report](/report/).\n", encoding="utf-8")


def add_page_with_warnings(root: Path, n: int) -> None:
    """No summary and a table without a caption: warnings that a cached build must still report."""
    (root / "content" / "pages" / "warned.md").write_text(
        f"---\ntitle: Warned page\n---\nA table.\n\n| A | B |\n| --- | --- |\n| {n} | x |\n", encoding="utf-8")


def remove_post(root: Path, n: int) -> None:
    posts = sorted((root / "content" / "posts").glob("added-*.md"))
    if posts:
        posts[n % len(posts)].unlink()


def schedule_post(root: Path, n: int) -> None:
    (root / "content" / "posts" / "later.md").write_text(
        f"---\ntitle: Coming later\nsummary: Not yet.\ndate: 2027-0{1 + n % 9}-01\n---\nLater.\n", encoding="utf-8")


def edit_centre(root: Path, n: int) -> None:
    _replace(root / "centres.yaml", "A Wolverhampton centre", f"A Wolverhampton centre ({n})")


def edit_site(root: Path, n: int) -> None:
    file = root / "site.yaml"  # the tagline's English, shown on every page (and, where not translated, marked)
    lines = file.read_text(encoding="utf-8").split("\n")
    at = next(i for i, line in enumerate(lines) if line.startswith("tagline:")) + 1
    lines[at] = f"  en-GB: Report hate crime, edit {n}."
    file.write_text("\n".join(lines), encoding="utf-8")


def edit_surgery(root: Path, n: int) -> None:
    file = root / "surgeries.yaml"
    text = file.read_text(encoding="utf-8")
    if "schedule:" not in text:
        schedule = '    schedule:\n      weekly: Tuesday\n      starts: "10:00"\n      ends: "12:00"\n'
        text = text.replace("    checked: 2026-11-24\n", schedule + "    checked: 2026-11-24\n", 1)
    else:
        text = text.replace("    checked: 2026-11-24\n", f"      cancelled: [2026-12-{1 + n % 28:02d}]\n"
                            "    checked: 2026-11-24\n", 1) if "cancelled" not in text else text
    file.write_text(text, encoding="utf-8")


def override_template(root: Path, n: int) -> None:
    folder = root / "templates"
    folder.mkdir(exist_ok=True)
    source = (BUILTIN_TEMPLATES / "centre.html").read_text(encoding="utf-8")
    (folder / "centre.html").write_text(source + f"\n<!-- local change {n} -->\n", encoding="utf-8")


def remove_override(root: Path, n: int) -> None:
    shutil.rmtree(root / "templates", ignore_errors=True)


def break_then_fix(root: Path, n: int) -> None:
    """A failed build in the middle must not leave anything wrong in the cache."""
    broken = root / "content" / "pages" / "broken.md"
    broken.write_text("---\ntitle: Broken\ndraft: perhaps\n---\nText.\n", encoding="utf-8")


EDITS = [edit_page_body, edit_page_title, add_post, add_page_with_warnings, remove_post, schedule_post, edit_centre,
         edit_site, edit_surgery, override_template, remove_override, break_then_fix]


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(EDITS), st.integers(0, 50)), min_size=1, max_size=5),
       st.booleans())
def test_incremental_build_matches_a_clean_build(edits, reload_from_disk: bool) -> None:  # type: ignore[no-untyped-def]
    with tempfile.TemporaryDirectory() as temp:
        root = copy_default_site(Path(temp) / "src")
        folder = Path(temp) / "cache"
        cache = BuildCache(folder=folder)
        build(root, OPTIONS, cache)
        cache.save()
        for edit, n in edits:
            edit(root, n)
            if reload_from_disk:  # as the command line does: a fresh process reading the saved cache
                cache = BuildCache.load(folder)
            try:
                build(root, OPTIONS, cache)
                cache.save()
            except BuildFailed:
                (root / "content" / "pages" / "broken.md").unlink()
        incremental, clean = build(root, OPTIONS, cache), build(root, OPTIONS)
        assert incremental.files == clean.files
        assert incremental.problems.sorted() == clean.problems.sorted()  # warnings are replayed, not lost


@pytest.fixture
def source(tmp_path: Path) -> Path:
    return copy_default_site(tmp_path / "src")


def test_unchanged_rebuild_renders_nothing(source: Path) -> None:
    cache = BuildCache()
    first = build(source, OPTIONS, cache)
    assert cache.hits == 0 and cache.misses == first.rendered
    again = build(source, OPTIONS, cache)
    assert cache.misses == 0 and again.files == first.files


def test_an_edit_re_renders_only_the_pages_that_use_it(source: Path) -> None:
    cache = BuildCache()
    first = build(source, OPTIONS, cache)
    total = first.rendered
    post_cards = sum(path.endswith("/share.png") for path in first.files)  # drawn from titles, not the tagline
    # the campaign kit's images and printable PDFs are made from its own words, and kept by what they are made of
    campaign_files = len(first.plan.of_kind("campaign-image", "campaign-pdf"))
    edit_page_body(source, 0)  # about.md: only the about page shows its body
    build(source, OPTIONS, cache)
    assert cache.misses == 1
    edit_centre(source, 1)  # one centre: its own page and the pages listing centres
    build(source, OPTIONS, cache)
    assert 1 <= cache.misses < total // 2
    override_template(source, 2)  # centre.html: the centre pages only, in every language
    centre_pages = build(source, OPTIONS, cache).plan.of_kind("centre")
    centres = len(list((source / "centres.yaml").read_text().split("  - id:"))) - 1
    assert cache.misses == len(centre_pages) == centres * len({j.lang for j in centre_pages})
    edit_site(source, 3)  # site.yaml's tagline: every page and the site's card
    build(source, OPTIONS, cache)
    assert post_cards > 0 and campaign_files > 0 and cache.misses == total - post_cards - campaign_files


def test_clean_flag_ignores_the_saved_cache(tmp_path: Path) -> None:
    from tests.conftest import run_cli

    source = copy_fixture_site("minimal", tmp_path / "src")  # what --clean ignores is the same for any site
    first = run_cli("build", "--root", str(source), "--today", "2026-11-24")
    assert first.returncode == 0, first.stderr
    assert (source / ".cache" / "build" / "state.json").is_file()
    # a cache entry that no longer matches its key would be used by a cached build, never by --clean
    cache = BuildCache.load(source / ".cache" / "build")
    for key in cache.saved:
        (source / ".cache" / "build" / "render" / key).write_bytes(b"tampered")
    clean = run_cli("build", "--clean", "--root", str(source), "--today", "2026-11-24")
    assert clean.returncode == 0, clean.stderr
    assert b"tampered" not in (source / "site" / "index.html").read_bytes()


def test_a_saved_cache_is_used_by_the_next_process(source: Path) -> None:
    """String hashing differs from process to process; fingerprints must not (sets are sorted first)."""
    from tests.conftest import run_cli

    first = run_cli("build", "--root", str(source), "--today", "2026-11-24")  # another process saves the cache
    assert first.returncode == 0, first.stderr
    cache = BuildCache.load(source / ".cache" / "build")
    result = build(source, OPTIONS, cache)
    assert cache.misses == 0 and cache.hits == result.rendered


def _count_parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The Markdown files parsed from now on, in order (the build runs on one core, so every parse is seen)."""
    from stophate import content

    parsed: list[str] = []
    real = content.parse_page

    def counting(rel: str, data: bytes, base_path: str):  # type: ignore[no-untyped-def]
        parsed.append(rel)
        return real(rel, data, base_path)

    monkeypatch.setattr(content, "parse_page", counting)
    return parsed


def _sign_as_saved(folder: Path, file: Path) -> None:
    import hashlib
    import json

    from stophate import cachefiles

    secret = cachefiles.secret()
    assert secret is not None
    state = json.loads((folder / "state.json").read_bytes().partition(b"\n")[2])
    state["pages"][file.name] = hashlib.sha256(file.read_bytes()).hexdigest()
    body = json.dumps(state, sort_keys=True).encode()
    (folder / "state.json").write_bytes(cachefiles.signed(secret, body))


def _saved_page_file(folder: Path, source: str) -> Path:
    return next(file for file in (folder / "pages").iterdir() if f'"{source}"'.encode() in file.read_bytes())


def test_the_next_process_reuses_the_parsed_pages_and_parses_only_an_edited_one(
        source: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.conftest import run_cli

    first = run_cli("build", "--root", str(source), "--today", TODAY.isoformat())  # another process saves the cache
    assert first.returncode == 0, first.stderr
    folder = source / ".cache" / "build"
    markdown_files = len(list((source / "content").rglob("*.md")))
    assert len(list((folder / "pages").iterdir())) == markdown_files
    clean = build(source, OPTIONS)
    parsed = _count_parses(monkeypatch)
    checked: list[str] = []
    real_check = readability.check_page
    monkeypatch.setattr(readability, "check_page", lambda root, page, *rest: checked.append(page.source)
                        or real_check(root, page, *rest))
    reused = build(source, OPTIONS, BuildCache.load(folder))
    assert parsed == [] and checked == []  # nor are their plain-English checks run again
    assert reused.files == clean.files and reused.problems.sorted() == clean.problems.sorted()
    edit_page_body(source, 0)
    cache = BuildCache.load(folder)
    edited = build(source, OPTIONS, cache)
    assert parsed == ["content/pages/about.md"] and checked == ["content/pages/about.md"]
    cache.save()
    assert edited.files == build(source, OPTIONS).files
    assert b"An added line, number 0." in edited.files["about/index.html"]
    parsed.clear()
    build(source, OPTIONS, BuildCache.load(folder))  # the edited page was saved in place of the old one
    assert parsed == [] and len(list((folder / "pages").iterdir())) == markdown_files


@pytest.mark.parametrize("damage", ["edited", "cut short", "not JSON", "wrong types"])
def test_a_damaged_saved_page_is_parsed_again(source: Path, monkeypatch: pytest.MonkeyPatch, damage: str) -> None:
    from tests.conftest import run_cli

    assert run_cli("build", "--root", str(source), "--today", TODAY.isoformat()).returncode == 0
    folder = source / ".cache" / "build"
    file = _saved_page_file(folder, "content/pages/about.md")
    data = file.read_bytes()
    file.write_bytes({"edited": data.replace(b"<p>", b"<p>Planted words. ", 1), "cut short": data[: len(data) // 2],
                      "not JSON": b"\x80" + data, "wrong types": data.replace(b'"about"', b"7", 1)}[damage])
    if damage in ("not JSON", "wrong types"):  # signed as if this builder had written it: read, and refused
        _sign_as_saved(folder, file)
    parsed = _count_parses(monkeypatch)
    result = build(source, OPTIONS, BuildCache.load(folder))
    assert parsed == ["content/pages/about.md"]
    assert b"Planted words" not in result.files["about/index.html"]
    monkeypatch.undo()
    assert result.files == build(source, OPTIONS).files
