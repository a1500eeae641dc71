"""Text in one language inside a page in another is marked with lang and, when its direction differs, dir."""

from __future__ import annotations

from pathlib import Path

import pytest

from stophate.content import parse_page
from stophate.mixedtext import attributes, direction, language_of, mark
from tests.conftest import build_to, parse_html
from tests.sitecopy import copy_default_site


@pytest.mark.parametrize(("text", "expected"), [
    ("Hate crime", "ltr"), ("جامعہ مسجد", "rtl"), ("ਪੰਜਾਬੀ", "ltr"), ("2026 اردو", "rtl"), ("999", ""),
])
def test_direction_from_the_first_strong_letter(text: str, expected: str) -> None:
    assert direction(text) == expected


@pytest.mark.parametrize(("text", "declared", "expected"), [
    ("Українська", "", "uk"),  # a language's own name
    ("Polski", "", "pl"),
    ("اردو", "", "ur"),
    ("ਗੁਰਦੁਆਰਾ ਸਾਹਿਬ", "", "pa"),  # Gurmukhi is written for Panjabi only
    ("جامعہ مسجد الاقصیٰ", "", ""),  # Arabic script: Urdu, Arabic, Persian... not guessed
    ("جامعہ مسجد الاقصیٰ", "ur", "ur"),  # unless the editor says
    ("City Library", "", ""),
])
def test_language_of_a_name(text: str, declared: str, expected: str) -> None:
    assert language_of(text, declared) == expected


@pytest.mark.parametrize(("text", "lang", "page", "expected"), [
    ("جامعہ مسجد الاقصیٰ", "ur", ("en-GB", "ltr"), {"lang": "ur", "dir": "rtl"}),
    ("جامعہ مسجد", "", ("en-GB", "ltr"), {"dir": "rtl"}),
    ("Polski", "pl", ("en-GB", "ltr"), {"lang": "pl"}),
    ("City Library", "", ("ur", "rtl"), {"dir": "ltr"}),
    ("اردو", "ur", ("ur", "rtl"), {}),
    ("Polski", "pl", ("pl", "ltr"), {}),
    # in the page's own language, though it starts with a name in Latin letters: it runs as the page does
    ("True Vision کے ذریعے آن لائن رپورٹ کریں", "ur", ("ur", "rtl"), {}),
    ("True Vision کے ذریعے", "", ("ur", "rtl"), {"dir": "ltr"}),  # unknown language: its first letter decides
])
def test_only_what_differs_from_the_page_is_marked(text: str, lang: str, page: tuple[str, str],
                                                   expected: dict[str, str]) -> None:
    assert attributes(text, lang, *page) == expected


def test_mark_escapes_and_wraps() -> None:
    assert mark("اردو <b>", "ur", "en-GB", "ltr") == '<span lang="ur" dir="rtl">اردو &lt;b&gt;</span>'
    assert mark("A & B", "", "en-GB", "ltr") == "A &amp; B"


def test_markdown_blocks_in_another_script_are_marked() -> None:
    text = ("---\ntitle: Help in your language\nsummary: s\n---\n"
            "## ਪੰਜਾਬੀ ਵਿੱਚ ਮਦਦ\n\nਫ਼ੋਨ ਕਰੋ: 101.\n\n## اردو میں مدد {: lang=ur }\n\n"
            "- پولیس کو 101 پر فون کریں\n- English item\n\n## In English\n")
    page, problems = parse_page("content/pages/help.md", text.encode(), "/")
    assert page is not None, problems
    doc = parse_html(page.body_html)
    marks = [(e.tag, e.get("lang"), e.get("dir")) for e in doc.iter() if e.get("lang") or e.get("dir")]
    assert marks == [("h2", "pa", None), ("p", "pa", None), ("h2", "ur", "rtl"), ("li", None, "rtl")]


CENTRE = """
  - id: gurdwara
    name: ਗੁਰਦੁਆਰਾ ਸਾਹਿਬ
    summary: A place of worship where you can report hate crime.
    languages: [English, ਪੰਜਾਬੀ, Українська, اردو]
    checked: 2026-11-24
    verified: false
"""


def test_names_in_other_languages_are_marked_on_english_pages(tmp_path: Path) -> None:
    root = copy_default_site(tmp_path / "src")
    with (root / "centres.yaml").open("a", encoding="utf-8") as file:
        file.write(CENTRE)
    out = tmp_path / "site"
    build_to(root, out)
    centre = parse_html((out / "centres" / "gurdwara" / "index.html").read_bytes())
    h1 = next(centre.iter("h1"))
    assert [(s.get("lang"), s.get("dir"), s.text) for s in h1.iter("span")] == [("pa", None, "ਗੁਰਦੁਆਰਾ ਸਾਹਿਬ")]
    index = parse_html((out / "centres" / "index.html").read_bytes())
    card = next(a for a in index.iter("article") if a.get("id") == "centre-gurdwara")
    marked = [(s.get("lang"), s.get("dir"), s.text) for s in card.iter("span")]
    assert marked == [("pa", None, "ਗੁਰਦੁਆਰਾ ਸਾਹਿਬ"), ("pa", None, "ਪੰਜਾਬੀ"), ("uk", None, "Українська"),
                      ("ur", "rtl", "اردو")]
    options = {a.get("href"): [(s.get("lang"), s.get("dir")) for s in a.iter("span")]
               for a in index.iter("a") if "/centres/language/" in a.get("href", "")}
    assert options == {"/centres/language/english/": [], "/centres/language/ਪੰਜਾਬੀ/": [("pa", None)],
                       "/centres/language/українська/": [("uk", None)], "/centres/language/اردو/": [("ur", "rtl")]}
    assert (out / "centres" / "language" / "українська" / "index.html").is_file()


def test_numbers_and_latin_names_inside_right_to_left_text_keep_their_order() -> None:
    text = ("---\ntitle: رپورٹ\nsummary: s\nlang: ur\n---\n"
            "گمنام رپورٹ کے لیے Crimestoppers کو **0800 555 111** پر فون کریں، یا "
            "[True Vision](https://www.report-it.org.uk/) استعمال کریں\u06d4\n")
    page, problems = parse_page("content/pages/report-ur.md", text.encode(), "/")
    assert page is not None, problems
    doc = parse_html(page.body_html)
    assert [(e.tag, e.get("dir")) for e in doc.iter() if e.get("dir")] == [("strong", "ltr"), ("a", "ltr")]
    assert not next(doc.iter("p")).get("dir")  # the paragraph runs right to left, as the page does
