"""`build.py new post|page|event "Title"`: files that build as they are, and nothing overwritten."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from stophate.scaffold import ScaffoldError, create, event_id
from stophate.site import BuildOptions, build
from tests.conftest import TODAY, build_to, parse_html, run_here
from tests.sitecopy import copy_default_site


@pytest.mark.parametrize(("kind", "title", "file", "heading"), [
    ("post", "Zgłoś przestępstwo z nienawiści", "content/posts/zgłoś-przestępstwo-z-nienawiści.md",
     "Zgłoś przestępstwo z nienawiści"),
    ("post", "نفرت انگیز جرم کی رپورٹ کریں", "content/posts/نفرت-انگیز-جرم-کی-رپورٹ-کریں.md",
     "نفرت انگیز جرم کی رپورٹ کریں"),
    ("page", "ਮਦਦ ਕਿਵੇਂ ਲੈਣੀ ਹੈ", "content/pages/ਮਦਦ-ਕਿਵੇਂ-ਲੈਣੀ-ਹੈ.md", "ਮਦਦ ਕਿਵੇਂ ਲੈਣੀ ਹੈ"),
    ("page", "Як повідомити", "content/pages/як-повідомити.md", "Як повідомити"),
])
def test_new_keeps_the_letters_of_every_script(tmp_path: Path, kind: str, title: str, file: str,
                                               heading: str) -> None:
    root = tmp_path / "src"
    root.mkdir()
    result = run_here("new", kind, title, "--root", str(root), "--today", "2026-11-24")
    assert result.returncode == 0, result.stderr
    assert file in result.stdout
    text = (root / file).read_text(encoding="utf-8")
    assert f'title: "{heading}"' in text


@pytest.mark.parametrize(("title", "expected"), [
    ("Zgłoś się na spotkanie", "zglos-sie-na-spotkanie"),
    ("Întâlnire la bibliotecă", "intalnire-la-biblioteca"),
    ("اردو میں معلوماتی اسٹال", "event-2026-11-24"),  # no Latin letters: an id from the date, never empty
])
def test_event_ids_stay_ascii_and_never_empty(title: str, expected: str) -> None:
    assert event_id(title, TODAY) == expected


def test_new_post_is_a_draft_until_the_editor_publishes_it(tmp_path: Path) -> None:
    root = copy_default_site(tmp_path / "src")
    result = run_here("new", "post", "Our week of action", "--root", str(root), "--today", "2026-11-24")
    assert result.returncode == 0, result.stderr
    assert "content/posts/our-week-of-action.md" in result.stdout
    file = root / "content" / "posts" / "our-week-of-action.md"
    text = file.read_text(encoding="utf-8")
    assert 'title: "Our week of action"' in text and "date: 2026-11-24" in text
    assert "\ndraft: true" in text and "# image_alt:" in text  # optional fields shown as comments
    assert "template:" not in text  # posts always use the post layout
    out = tmp_path / "site"
    build_to(root, out)
    assert not (out / "news" / "our-week-of-action").exists()  # placeholder text never goes live by itself
    assert "/news/our-week-of-action/" not in (out / "news" / "index.html").read_text(encoding="utf-8")

    # the preview shows it, labelled as a draft in the list, with the banner under the title and date
    preview = build(root, BuildOptions(today=TODAY, drafts=True)).files
    news = parse_html(preview["news/index.html"])
    card = next(a for a in news.iter("article") if "Our week of action" in "".join(a.itertext()))
    assert [t.text for t in card.iter("strong") if "app-tag" in t.get("class", "")] == ["Draft"]
    post = parse_html(preview["news/our-week-of-action/index.html"])
    main = [el for el in post.find(".//main") if el.tag in ("h1", "p")]
    assert [el.tag for el in main[:3]] == ["h1", "p", "p"]
    assert main[1].get("class") == "app-meta" and main[2].get("class") == "app-status-banner"

    strict = run_here("check", "--strict", "--root", str(root), "--today", "2026-11-24")
    assert strict.returncode == 1
    assert "content/posts/our-week-of-action.md:3:10: summary:" in strict.stdout + strict.stderr
    assert 'the text "Write the first paragraph here." is still the example' in strict.stdout + strict.stderr

    file.write_text(text.replace("One sentence saying what this is about.", "A week of stalls and talks.")
                    .replace("Write the first paragraph here.", "Come and see us.")
                    .replace("More text. Link to other pages like this:", "Read").replace("\ndraft: true", ""),
                    encoding="utf-8")
    assert run_here("check", "--strict", "--root", str(root), "--today", "2026-11-24").returncode == 0
    build_to(root, out)
    page = parse_html((out / "news" / "our-week-of-action" / "index.html").read_bytes())
    assert "".join(page.find(".//h1").itertext()).strip() == "Our week of action"


def test_scheduled_posts_are_labelled_in_the_preview_list(tmp_path: Path) -> None:
    root = copy_default_site(tmp_path / "src")
    create(root, "post", "Next month", TODAY + dt.timedelta(days=30))
    file = root / "content" / "posts" / "next-month.md"
    file.write_text(file.read_text(encoding="utf-8").replace("\ndraft: true", ""), encoding="utf-8")
    news = parse_html(build(root, BuildOptions(today=TODAY, drafts=True)).files["news/index.html"])
    card = next(a for a in news.iter("article") if "Next month" in "".join(a.itertext()))
    assert [t.text for t in card.iter("strong") if "app-tag" in t.get("class", "")] == ["Scheduled"]


def test_long_event_titles_are_shortened_at_a_word_break() -> None:
    found = event_id("Information stall at the central library about reporting hate crime and getting support",
                     TODAY)
    assert len(found) <= 60 and not found.endswith("-")
    assert "information-stall-at-the-central-library-about-reporting".startswith(found)


def test_new_event_explains_a_venue_written_out_with_name_and_town(tmp_path: Path) -> None:
    create(tmp_path, "event", "Coffee morning", TODAY)
    venue_line = next(line for line in (tmp_path / "events.yaml").read_text().splitlines() if "# venue:" in line)
    assert "name: Central Library, town: Wolverhampton" in venue_line and "name and town" in venue_line


def test_new_page_and_event_build(tmp_path: Path) -> None:
    root = copy_default_site(tmp_path / "src")
    page = create(root, "page", "Young people", TODAY)
    assert page.path == root / "content" / "pages" / "young-people.md"
    event = create(root, "event", "Stall at the market", TODAY)
    assert event.appended and event.path == root / "events.yaml"
    out = tmp_path / "site"
    post = create(root, "post", "نفرت انگیز جرم کی رپورٹ کریں", TODAY)
    build_to(root, out)
    assert not (out / "young-people").exists() and not (out / "news" / post.slug).exists()  # drafts, both
    preview = build(root, BuildOptions(today=TODAY, drafts=True)).files
    assert "young-people/index.html" in preview and f"news/{post.slug}/index.html" in preview
    post.path.write_text(post.path.read_text(encoding="utf-8").replace("\ndraft: true", ""), encoding="utf-8")
    build_to(root, out)
    news = parse_html((out / "news" / "index.html").read_bytes())
    assert any(a.get("href").endswith(f"/news/{post.slug}/") for a in news.iter("a"))
    assert (out / "news" / post.slug / "index.html").is_file()
    sitemap = (out / "sitemap.xml").read_text(encoding="utf-8")
    assert "/news/%D9%86%D9%81%D8%B1%D8%AA-" in sitemap and post.slug not in sitemap  # addresses in ASCII
    event_page = parse_html((out / "events" / "stall-at-the-market" / "index.html").read_bytes())
    assert "Stall at the market" in "".join(event_page.find(".//h1").itertext())


def test_refuses_to_overwrite(tmp_path: Path) -> None:
    root = copy_default_site(tmp_path / "src")
    existing = root / "content" / "pages" / "about.md"
    before = existing.read_bytes()
    result = run_here("new", "page", "About", "--root", str(root))
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


def test_a_custom_share_image_declares_its_real_size(tmp_path: Path) -> None:
    from PIL import Image

    root = copy_default_site(tmp_path / "src")
    (root / "static" / "images").mkdir(parents=True)
    Image.new("RGB", (800, 418), (0, 0, 0)).save(root / "static" / "images" / "stall.png")
    (root / "content" / "posts" / "our-stall.md").write_text(
        "---\ntitle: Our stall\nsummary: We were at the market.\ndate: 2026-11-20\nimage: /images/stall.png\n"
        "image_alt: Our stall at the market\n---\nThanks for coming.\n", encoding="utf-8")
    page = parse_html(build(root, BuildOptions(today=TODAY)).files["news/our-stall/index.html"])
    meta = {m.get("property"): m.get("content") for m in page.iter("meta") if m.get("property")}
    assert meta["og:image"].endswith("/images/stall.png")
    assert (meta["og:image:width"], meta["og:image:height"]) == ("800", "418")
