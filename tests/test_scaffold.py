"""`build.py new post|page|event "Title"`: files that build as they are, and nothing overwritten."""

from __future__ import annotations

from pathlib import Path

import pytest

from stophate.scaffold import ScaffoldError, create, slugify
from tests.conftest import TODAY, build_to, parse_html, run_cli
from tests.sitecopy import copy_default_site


@pytest.mark.parametrize(("title", "slug"), [
    ("Hate Crime Awareness Week 2027", "hate-crime-awareness-week-2027"),
    ("  Speak up: it's worth it!  ", "speak-up-its-worth-it"),
    ("Café & community", "cafe-community"),
])
def test_slug_from_title(title: str, slug: str) -> None:
    assert slugify(title) == slug


def test_new_post_from_the_command_line_builds_and_is_listed(tmp_path: Path) -> None:
    root = copy_default_site(tmp_path / "src")
    result = run_cli("new", "post", "Our week of action", "--root", str(root), "--today", "2026-11-24")
    assert result.returncode == 0, result.stderr
    assert "content/posts/our-week-of-action.md" in result.stdout
    text = (root / "content" / "posts" / "our-week-of-action.md").read_text(encoding="utf-8")
    assert 'title: "Our week of action"' in text and "date: 2026-11-24" in text
    assert "# draft: true" in text and "# image_alt:" in text  # optional fields shown as comments
    assert "template:" not in text  # posts always use the post layout
    out = tmp_path / "site"
    build_to(root, out)
    page = parse_html((out / "news" / "our-week-of-action" / "index.html").read_bytes())
    assert "".join(page.find(".//h1").itertext()).strip() == "Our week of action"
    news = (out / "news" / "index.html").read_text(encoding="utf-8")
    assert "/news/our-week-of-action/" in news


def test_new_page_and_event_build(tmp_path: Path) -> None:
    root = copy_default_site(tmp_path / "src")
    page = create(root, "page", "Young people", TODAY)
    assert page.path == root / "content" / "pages" / "young-people.md"
    event = create(root, "event", "Stall at the market", TODAY)
    assert event.appended and event.path == root / "events.yaml"
    out = tmp_path / "site"
    build_to(root, out)
    assert (out / "young-people" / "index.html").is_file()
    event_page = parse_html((out / "events" / "stall-at-the-market" / "index.html").read_bytes())
    assert "Stall at the market" in "".join(event_page.find(".//h1").itertext())


def test_refuses_to_overwrite(tmp_path: Path) -> None:
    root = copy_default_site(tmp_path / "src")
    existing = root / "content" / "pages" / "about.md"
    before = existing.read_bytes()
    result = run_cli("new", "page", "About", "--root", str(root))
    assert result.returncode == 2
    assert "already exists" in result.stderr and "nothing was changed" in result.stderr
    assert existing.read_bytes() == before
    create(root, "event", "Coffee morning", TODAY)
    events = (root / "events.yaml").read_bytes()
    with pytest.raises(ScaffoldError, match="already has an event with the id coffee-morning"):
        create(root, "event", "Coffee Morning!", TODAY)
    assert (root / "events.yaml").read_bytes() == events


@pytest.mark.parametrize("title", ["", "   ", "!!!"])
def test_rejects_titles_without_words(tmp_path: Path, title: str) -> None:
    with pytest.raises(ScaffoldError):
        create(tmp_path, "post", title, TODAY)
    assert not (tmp_path / "content").exists()
