"""Translated pages beside their source: published under the language's prefix, marked, and kept up to date."""

from __future__ import annotations

from pathlib import Path

import pytest

from stophate.translated import source_of, split_name, version
from tests.conftest import TODAY, build_to, parse_html, run_here
from tests.sitecopy import REPO, copy_default_site


@pytest.mark.parametrize(("stem", "expected"), [
    ("report", ("report", "")), ("report.pa", ("report", "pa")), ("report.pt-BR", ("report", "pt-BR")),
    ("what-is-hate-crime.ur", ("what-is-hate-crime", "ur")), ("v1.2", ("v1.2", "")),
])
def test_split_name(stem: str, expected: tuple[str, str]) -> None:
    assert split_name(stem) == expected


def test_source_and_version() -> None:
    assert source_of("content/pages/report.pa.md") == "content/pages/report.md"
    assert version(b"a  \r\nb\n") == version(b"a\nb") != version(b"a\nc")


def test_check_names_every_translation_whose_source_changed(tmp_path: Path) -> None:
    root = copy_default_site(tmp_path / "src")
    clean = run_here("check", "--strict", "--root", str(root), "--today", TODAY.isoformat())
    assert clean.returncode == 0, clean.stdout + clean.stderr
    english = root / "content" / "pages" / "report.md"
    english.write_text(english.read_text(encoding="utf-8") + "\nA new paragraph.\n", encoding="utf-8")
    changed = run_here("check", "--root", str(root), "--today", TODAY.isoformat())
    assert changed.returncode == 0  # a warning: the English page is still right
    report = changed.stdout + changed.stderr
    for code in ("pa", "pl", "ro", "ur"):
        assert (f"content/pages/report.{code}.md:4:18: translated_from: warning: content/pages/report.md has "
                f"changed since content/pages/report.{code}.md was translated from it") in report
    assert "support.pa.md" not in report
    assert f"then write translated_from: {version(english.read_bytes())}" in report
    strict = run_here("check", "--strict", "--root", str(root), "--today", TODAY.isoformat())
    assert strict.returncode == 1


def test_new_translation_fills_in_the_version(tmp_path: Path) -> None:
    root = copy_default_site(tmp_path / "src")
    created = run_here("new", "translation", "about", "pl", "--root", str(root))
    assert created.returncode == 0, created.stderr
    assert "content/pages/about.pl.md" in created.stdout
    text = (root / "content" / "pages" / "about.pl.md").read_text(encoding="utf-8")
    source = (root / "content" / "pages" / "about.md").read_bytes()
    assert f"translated_from: {version(source)}\nreviewed: false\n---\n" in text
    assert run_here("check", "--strict", "--root", str(root), "--today", TODAY.isoformat()).returncode == 0
    refused = run_here("new", "translation", "about", "pl", "--root", str(root))
    assert refused.returncode == 2 and "already exists" in refused.stderr
    missing = run_here("new", "translation", "nothing-here", "pl", "--root", str(root))
    assert missing.returncode == 2 and "no page content/pages/nothing-here.md" in missing.stderr


PUNJABI = """---
title: ਰਿਪੋਰਟ ਕਿਵੇਂ ਕਰੀਏ
summary: ਰਿਪੋਰਟ ਕਰਨ ਦੇ ਸਾਰੇ ਤਰੀਕੇ।
translated_from: {version}
reviewed: {reviewed}
---
## ਕਿਹੜਾ ਤਰੀਕਾ ਚੁਣੀਏ

ਐਮਰਜੈਂਸੀ ਵਿੱਚ 999 'ਤੇ ਫ਼ੋਨ ਕਰੋ।
"""


def test_a_translation_is_published_under_its_language_and_says_it_is_not_checked(tmp_path: Path) -> None:
    root = copy_default_site(tmp_path / "src")
    pages = root / "content" / "pages"
    current = version((pages / "report.md").read_bytes())
    (pages / "report.pa.md").write_text(PUNJABI.format(version=current, reviewed="false"), encoding="utf-8")
    (pages / "support.pa.md").write_text(PUNJABI.format(version=current, reviewed="true"), encoding="utf-8")
    out = tmp_path / "site"
    build_to(root, out)
    doc = parse_html((out / "pa" / "report" / "index.html").read_bytes())
    html = doc if doc.tag == "html" else next(doc.iter("html"))
    assert (html.get("lang"), html.get("dir")) == ("pa", "ltr")
    assert "".join(next(doc.iter("h1")).itertext()).strip() == "ਰਿਪੋਰਟ ਕਿਵੇਂ ਕਰੀਏ"
    assert [h.get("id") for h in doc.iter("h2") if h.get("id") and "ਤਰੀਕਾ" in h.get("id")] == ["ਕਿਹੜਾ-ਤਰੀਕਾ-ਚੁਣੀਏ"]
    notice = next(d for d in doc.iter("div") if "app-notice--translation" in (d.get("class") or ""))
    link = next(notice.iter("a"))
    assert (link.get("href"), link.get("hreflang"), link.get("lang")) == ("/report/", "en-GB", "en-GB")
    reviewed = parse_html((out / "pa" / "support" / "index.html").read_bytes())
    assert not [d for d in reviewed.iter("div") if "app-notice--translation" in (d.get("class") or "")]
    english = parse_html((out / "report" / "index.html").read_bytes())
    assert next(english.iter("html")).get("lang") == "en-GB"


def test_front_matter_lang_sets_the_page_language(tmp_path: Path) -> None:
    root = copy_default_site(tmp_path / "src")
    (root / "content" / "pages" / "urdu.md").write_text(
        "---\ntitle: اردو میں مدد\nsummary: مدد\nlang: ur\n---\n## مدد کہاں سے ملے\n\nCall 101.\n", encoding="utf-8")
    out = tmp_path / "site"
    build_to(root, out, TODAY)
    doc = parse_html((out / "urdu" / "index.html").read_bytes())
    html = next(doc.iter("html"))
    assert (html.get("lang"), html.get("dir")) == ("ur", "rtl")
    english_line = next(p for p in doc.iter("p") if (p.text or "").startswith("Call 101"))
    assert english_line.get("dir") == "ltr"


def test_lang_that_is_not_a_language_code_is_refused(tmp_path: Path) -> None:
    root = copy_default_site(tmp_path / "src")
    (root / "content" / "pages" / "x.md").write_text("---\ntitle: X\nsummary: s\nlang: Urdu\n---\nText\n",
                                                     encoding="utf-8")
    result = run_here("check", "--root", str(root), "--today", TODAY.isoformat())
    assert result.returncode == 1
    assert 'content/pages/x.md:4:7: lang: "Urdu" is not a language code' in result.stdout + result.stderr


LANGUAGES = {"pa": "ltr", "ur": "rtl", "pl": "ltr", "ro": "ltr"}
TRANSLATED = {"": "index", "report/": "report", "what-is-hate-crime/": "what-is-hate-crime", "support/": "support"}
# Numbers, addresses and organisation names stay exactly as in English in every translation of the report page.
REPORT_FACTS = ("999", "112", "18000", "101", "18001 101", "0800 555 111", "61016", "https://www.report-it.org.uk/",
                "https://www.west-midlands.police.uk/", "https://www.999bsl.co.uk", "True Vision",
                "West Midlands Police", "Crimestoppers", "British Transport Police", "WMNow", "Relay UK")


@pytest.mark.parametrize("code", sorted(LANGUAGES))
def test_default_site_has_the_first_pages_in_each_language(default_site: Path, code: str) -> None:
    for path, name in TRANSLATED.items():
        source = (REPO / "content" / "pages" / f"{name}.{code}.md").read_text(encoding="utf-8")
        assert "\nreviewed: false\n" in source  # drafts until a fluent speaker has checked them
        doc = parse_html((default_site / code / path / "index.html").read_bytes())
        html = next(doc.iter("html"))
        assert (html.get("lang"), html.get("dir")) == (code, LANGUAGES[code]), (code, path)
        notice = [d for d in doc.iter("div") if "app-notice--translation" in (d.get("class") or "")]
        assert len(notice) == 1 and next(notice[0].iter("a")).get("href") == "/" + path
    report = (default_site / code / "report" / "index.html").read_text(encoding="utf-8")
    text = "".join(parse_html(report).itertext()) + report
    assert [fact for fact in REPORT_FACTS if fact not in text] == []
