"""The interface's messages: gettext catalogues read by Babel, complete, escaped, with CLDR plurals and formats."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest
from babel import Locale
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

from stophate.interface import BUILTIN_LOCALES, Interface, catalogue_files, interface_for, pseudo_text

from .conftest import REPO, build_to, parse_html

LANGUAGES = ("pa", "ur", "pl", "ro")
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|\{\w+\}")


def source_messages() -> dict[str | tuple[str, str], str]:
    """Every message the templates and Python use, found as `make translations` finds them (babel.cfg)."""
    with open(REPO / "babel.cfg", encoding="utf-8") as config:
        method_map, options_map = parse_mapping_cfg(config)
    found: dict[str | tuple[str, str], str] = {}
    for filename, _line, message, _comments, _context in extract_from_dir(REPO, method_map, options_map):
        found[message if isinstance(message, str) else tuple(message[:2])] = filename
    return found


def catalogue(code: str):
    with open(BUILTIN_LOCALES / code / "LC_MESSAGES" / "messages.po", "rb") as file:
        return read_po(file)


def test_the_sources_have_messages_from_templates_and_python() -> None:
    found = source_messages()
    assert found["Skip to main content"].startswith("templates")
    assert found["Step-free access"] == "stophate/views.py"
    assert ("%(num)d reporting centre", "%(num)d reporting centres") in found


@pytest.mark.parametrize("code", LANGUAGES)
def test_every_message_is_in_the_catalogue_and_translated(code: str) -> None:
    translated = {m.id if isinstance(m.id, str) else tuple(m.id): m.string for m in catalogue(code) if m.id}
    missing = [m for m in source_messages() if m not in translated]
    assert missing == [], f"run make translations, then translate these in locales/{code}: {missing}"
    empty = [m for m, string in translated.items() if not (string if isinstance(string, str) else all(string))]
    assert empty == [], f"untranslated in locales/{code}: {empty}"


@pytest.mark.parametrize("code", LANGUAGES)
def test_translations_keep_every_placeholder(code: str) -> None:
    for message in catalogue(code):
        if not message.id:
            continue
        ids = [message.id] if isinstance(message.id, str) else list(message.id)
        strings = [message.string] if isinstance(message.string, str) else list(message.string)
        wanted = set(PLACEHOLDER.findall(ids[-1])) | set(PLACEHOLDER.findall(ids[0]))
        for string in strings:
            assert set(PLACEHOLDER.findall(string)) == wanted, (message.id, string)


@pytest.mark.parametrize("code", LANGUAGES)
def test_plural_forms_follow_cldr_for_whole_numbers(code: str) -> None:
    """Each form of the catalogue stands for one CLDR category (one, few, many...) and never for two."""
    ui = interface_for(code)
    cldr = Locale.parse(code).plural_form
    category_of_form: dict[int, str] = {}
    for n in range(0, 1001):
        form = ui.translations.plural(n)  # type: ignore[attr-defined]  # the catalogue's Plural-Forms
        assert category_of_form.setdefault(form, cldr(n)) == cldr(n), (code, n, form)
    assert len(category_of_form) == {"pl": 3, "ro": 3}.get(code, 2)


def test_polish_and_romanian_have_three_forms() -> None:
    pl, ro = interface_for("pl"), interface_for("ro")
    assert [pl.ngettext("%(num)d centre", "%(num)d centres", n) % {"num": n} for n in (1, 3, 5, 22, 25)] == [
        "1 punkt", "3 punkty", "5 punktów", "22 punkty", "25 punktów"]
    assert [ro.ngettext("%(num)d centre", "%(num)d centres", n) % {"num": n} for n in (1, 2, 19, 20)] == [
        "1 centru", "2 centre", "19 centre", "20 de centre"]


@pytest.mark.parametrize(("code", "long", "short", "day", "clock"), [
    ("en-GB", "Tuesday 1 December 2026", "1 December 2026", "Tuesday 1 December", "18:30"),
    ("pl", "wtorek, 1 grudnia 2026", "1 grudnia 2026", "wtorek, 1 grudnia", "18:30"),
    ("ro", "marți, 1 decembrie 2026", "1 decembrie 2026", "marți, 1 decembrie", "18:30"),
    ("pa", "ਮੰਗਲਵਾਰ, 1 ਦਸੰਬਰ 2026", "1 ਦਸੰਬਰ 2026", "ਮੰਗਲਵਾਰ, 1 ਦਸੰਬਰ", "18:30"),
    ("ur", "منگل، 1 دسمبر، 2026", "1 دسمبر، 2026", "منگل، 1 دسمبر", "18:30"),
])
def test_dates_and_times_come_from_cldr(code: str, long: str, short: str, day: str, clock: str) -> None:
    ui = interface_for(code)
    moment = dt.datetime(2026, 12, 1, 18, 30)
    assert (ui.long_date(moment.date()), ui.short_date(moment.date()), ui.day_and_month(moment.date()),
            ui.clock(moment)) == (long, short, day, clock)


def test_weekdays_numbers_and_lists_come_from_cldr() -> None:
    pl = interface_for("pl")
    assert [pl.weekday(0), pl.weekday(6)] == ["poniedziałek", "niedziela"]
    assert pl.join(["A", "B", "C"]) == "A, B i C"
    assert interface_for("en-GB").join(["A", "B", "C"]) == "A, B and C"
    assert pl.number(12345) == "12\u00a0345"


def test_a_regional_code_uses_its_language_catalogue() -> None:
    assert interface_for("pl-PL").gettext("Skip to main content") == "Przejdź do treści głównej"
    assert interface_for("en-GB").gettext("Skip to main content") == "Skip to main content"


def test_catalogues_are_found_by_listing_folders_never_by_joining_a_value(tmp_path: Path) -> None:
    for name in ("pl", "..", "x y", "en_GB", "not-a-code"):
        folder = tmp_path / "locales" / name / "LC_MESSAGES"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "messages.po").write_text('msgid ""\nmsgstr ""\n', "utf-8")
    found = catalogue_files(tmp_path)
    assert found["pl"] == tmp_path / "locales" / "pl" / "LC_MESSAGES" / "messages.po"
    assert found["en_GB"].parent.parent.parent == tmp_path / "locales"
    assert not {"..", "x y", "not-a-code"} & set(found)


def test_a_catalogue_is_compiled_once_while_it_is_unchanged() -> None:
    assert interface_for("pl").translations is interface_for("pl").translations


def test_pseudo_text_is_accented_longer_and_keeps_placeholders() -> None:
    text = "Reporting centres: %(filter)s, shift pressed {count} times"
    pseudo = pseudo_text(text)
    assert "%(filter)s" in pseudo and "{count}" in pseudo
    assert len(pseudo) >= len(text) * 1.4
    assert not re.search(r"[A-Za-z]{3}", PLACEHOLDER.sub("", pseudo))
    assert Interface("en-XA", pseudo=True).gettext("Report hate crime") == pseudo_text("Report hate crime")


def test_a_catalogue_cannot_put_html_into_a_page(tmp_path: Path) -> None:
    """A council's own catalogue is text: markup in it comes out escaped, like any other content."""
    root = tmp_path / "site"
    shutil.copytree(REPO / "tests" / "sites" / "minimal", root)
    folder = root / "locales" / "en_GB" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "messages.po").write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=utf-8\\n"\n\n'
        'msgid "Skip to main content"\n'
        'msgstr "<meta http-equiv=\\"refresh\\" content=\\"0;url=https://evil.example/\\">Skip"\n\n'
        'msgid "In an emergency, call %(number)s."\n'
        'msgstr "<script>alert(1)</script> Call %(number)s."\n', "utf-8")
    build_to(root, tmp_path / "out")
    html = (tmp_path / "out" / "index.html").read_text("utf-8")
    tree = parse_html(html)
    assert [m.get("http-equiv") for m in tree.iter("meta") if m.get("http-equiv")] == ["Content-Security-Policy"]
    assert not [s for s in tree.iter("script") if "alert" in (s.text or "")]
    skip = next(a for a in tree.iter("a") if "app-skip-link" in (a.get("class") or ""))
    assert skip.text.startswith('<meta http-equiv="refresh"')
    emergency = next(p for p in tree.iter("p") if "app-header__emergency" in (p.get("class") or ""))
    strong = emergency.find("strong")
    assert strong.text == "<script>alert(1)</script> Call "
    assert strong.find("a").get("href") == "tel:999"  # the link put into the sentence is still a link


def test_the_finder_script_gets_a_sentence_for_each_plural_category() -> None:
    assert interface_for("pl").plural_samples == (("many", 0), ("one", 1), ("few", 2))
    assert interface_for("pa").plural_samples == (("one", 0), ("other", 2))


def test_the_finder_count_sentences_follow_the_page_language(listings_site: Path) -> None:
    finder = next(e for e in parse_html((listings_site / "centres" / "index.html").read_bytes()).iter("div")
                  if "data-finder" in e.attrib)
    counts = {k: v for k, v in finder.attrib.items() if k.startswith("data-count-")}
    assert counts == {"data-count-one": "{n} centre matches", "data-count-other": "{n} centres match"}
