"""The chooser in other languages: chooser.pa.yaml gives the words, chooser.yaml keeps the tree. A complete
translation is published under its language with a draft notice; an incomplete or stray one is named, not published."""

from __future__ import annotations

from pathlib import Path

from stophate.chooser import load_chooser, steps
from stophate.chooser_text import load_translations
from stophate.errors import Problems
from tests.conftest import parse_html
from tests.test_chooser import CENTRES, ROUTES, VALID

POLISH = """\
reviewed: false
title: Który sposób?
intro: Odpowiedz na kilka pytań.
questions:
  - id: danger
    question: Czy ktoś jest teraz w niebezpieczeństwie?
    answers: ["Tak", "Nie"]
  - id: how
    question: Jak chcesz to zgłosić?
    answers: [Przez internet, Przez telefon]
results:
  - id: call
    title: Zadzwoń pod 999
    text: Zadzwoń teraz.
  - id: online
    title: Przez internet
    text: Zgłoś przez internet.
  - id: phone
    title: Telefon
    text: Zadzwoń pod 101.
"""


def _load(tmp_path: Path, files: dict[str, str], languages: list[str] | None = None) -> tuple[dict, list[str]]:
    (tmp_path / "chooser.yaml").write_text(VALID)
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    problems = Problems()
    chooser = load_chooser(tmp_path, ROUTES, CENTRES, problems)
    found = load_translations(tmp_path, chooser, languages or ["pl", "pa"], problems)
    return found, [f"{p.position} {p.field}: {p.message}" for p in problems.sorted()]


def test_a_complete_translation_keeps_the_tree_and_changes_the_words(tmp_path: Path) -> None:
    found, problems = _load(tmp_path, {"chooser.pl.yaml": POLISH})
    assert problems == []
    assert list(found) == ["pl"] and found["pl"].reviewed is False
    polish = found["pl"].chooser
    assert polish.title == "Który sposób?"
    english = load_chooser(tmp_path, ROUTES, CENTRES, Problems())
    assert [s.url for s in steps(polish)] == [s.url for s in steps(english)], "the same pages, by the same ids"
    danger = polish.node("danger")
    assert [(a.text, a.next) for a in danger.answers] == [("Tak", "call"), ("Nie", "how")]
    assert [r.id for r in polish.node("online").routes] == ["true-vision", "police"]


def test_an_incomplete_translation_is_named_and_not_published(tmp_path: Path) -> None:
    missing = POLISH.replace("""  - id: phone
    title: Telefon
    text: Zadzwoń pod 101.
""", "").replace("answers: [Przez internet, Przez telefon]", "answers: [Przez internet, Przez telefon, Osobiście]")
    found, problems = _load(tmp_path, {"chooser.pl.yaml": missing})
    assert found == {}
    assert "chooser.pl.yaml:10:14 questions.how.answers: 3 answers are translated, but the question has 2" in problems
    assert any("results: the result 'phone' is not translated" in p for p in problems)


def test_unknown_ids_stray_files_and_bad_fields_are_reported_in_place(tmp_path: Path) -> None:
    renamed = POLISH.replace("id: online", "id: onlnie")
    files = {"chooser.pl.yaml": renamed, "chooser.de.yaml": POLISH, "chooser.pa.yaml": "title: [1, 2]\n"}
    found, problems = _load(tmp_path, files)
    assert found == {}
    assert "chooser.pl.yaml:15:9 id: chooser.yaml has no question or result 'onlnie'" in problems
    assert "chooser.de.yaml : the site has no language for chooser.de.yaml" in problems
    assert any(p.startswith("chooser.pa.yaml:1:8 title:") for p in problems)


def test_default_site_has_the_chooser_in_every_language(default_site: Path) -> None:
    for code, direction in (("pa", "ltr"), ("ur", "rtl"), ("pl", "ltr"), ("ro", "ltr")):
        start = parse_html((default_site / code / "report/choose/index.html").read_bytes())
        assert (start.get("lang"), start.get("dir")) == (code, direction)
        notice = start.find(".//div[@class='app-notice app-notice--translation']")
        assert notice is not None, f"{code}: a draft says so"
        assert notice.find(".//a").get("href") == "/report/choose/"
        start_link = start.find(".//a[@class='app-button app-button--report app-button--large']")
        assert start_link.get("href") == f"/{code}/report/choose/danger/"
        report = parse_html((default_site / code / "report/index.html").read_bytes())
        assert f"/{code}/report/choose/" in [a.get("href") for a in report.iter("a")], "linked from How to report"
    result = parse_html((default_site / "pl/report/choose/danger/where/name/help/language/index.html").read_bytes())
    main = result.find(".//main")
    assert "".join(main.find(".//h1").itertext()) == "Zgłoś z pomocą w Twoim języku"
    links = [a.get("href") for a in main.iter("a")]
    assert "/pl/report/choose/danger/where/name/help/" in links and "/pl/report/choose/" in links
    # the route cards are in Polish too (site.yaml gives their words in Polish): nothing marked as English
    routes = [p for p in main.iter("p") if p.get("class") == "app-routes__next"]
    assert routes and all(p.find(".//*[@lang]") is None for p in routes)
    said = " ".join("".join(p.itertext()) for p in routes)
    assert "Policja" in said and "What happens next" not in said  # the card's own labels in Polish too
