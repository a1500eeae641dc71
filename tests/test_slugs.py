"""Slugs, heading ids and listing ids keep the letters of every script, and never come out empty or cut."""

from __future__ import annotations

import unicodedata

import pytest

from stophate.slugs import ascii_slug, heading_id, is_slug, slugify, uri


@pytest.mark.parametrize(("text", "slug"), [
    ("Hate Crime Awareness Week 2027", "hate-crime-awareness-week-2027"),
    ("  Speak up: it's worth it!  ", "speak-up-its-worth-it"),
    ("Café & community", "café-community"),
    ("Zgłoś przestępstwo z nienawiści", "zgłoś-przestępstwo-z-nienawiści"),
    ("Cum raportați o infracțiune", "cum-raportați-o-infracțiune"),
    ("Українська", "українська"),
    ("ਪੰਜਾਬੀ ਵਿੱਚ ਰਿਪੋਰਟ ਕਰੋ", "ਪੰਜਾਬੀ-ਵਿੱਚ-ਰਿਪੋਰਟ-ਕਰੋ"),  # vowel signs (ੰ ਾ ੀ ਿ ੋ) and addak (ੱ) kept
    ("نفرت انگیز جرم کی رپورٹ کیسے کریں؟", "نفرت-انگیز-جرم-کی-رپورٹ-کیسے-کریں"),
    ("۲۰۲۶ میں", "۲۰۲۶-میں"),  # Urdu digits are digits
    ("---", ""),
])
def test_slug_keeps_every_script(text: str, slug: str) -> None:
    assert slugify(text) == slug
    assert unicodedata.is_normalized("NFC", slugify(text))


def test_decomposed_input_gives_the_same_slug_as_composed() -> None:
    assert slugify(unicodedata.normalize("NFD", "Zgłoś się")) == slugify("Zgłoś się") == "zgłoś-się"


@pytest.mark.parametrize("text", [
    "Tydzień świadomości przestępstw z nienawiści: spotkanie informacyjne w bibliotece miejskiej",
    "ਨਫ਼ਰਤ ਅਪਰਾਧ ਜਾਗਰੂਕਤਾ ਹਫ਼ਤਾ ਲਾਇਬ੍ਰੇਰੀ ਵਿੱਚ ਜਾਣਕਾਰੀ ਸਟਾਲ ਅਤੇ ਮਦਦ ਕਿਵੇਂ ਲੈਣੀ ਹੈ ਬਾਰੇ ਗੱਲਬਾਤ",
])
def test_long_titles_are_shortened_at_a_word_boundary(text: str) -> None:
    slug = slugify(text)
    assert len(slug) <= 60
    words = slugify(text, limit=10_000).split("-")
    assert slug.split("-") == words[:len(slug.split("-"))]  # whole words only, in order


def test_one_long_word_is_kept_whole() -> None:
    word = "a" * 80
    assert slugify(word) == word


@pytest.mark.parametrize(("text", "expected"), [
    ("Zgłoś przestępstwo", "zglos-przestepstwo"),
    ("Straße Ærø", "strasse-aero"),
    ("Întâlnire în Wolverhampton", "intalnire-in-wolverhampton"),
    ("اردو", ""),
])
def test_ascii_slug_transliterates_latin_and_drops_no_letter(text: str, expected: str) -> None:
    assert ascii_slug(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("ਸਹਾਇਤਾ ਲਵੋ", "ਸਹਾਇਤਾ-ਲਵੋ"),
    ("مدد حاصل کریں", "مدد-حاصل-کریں"),
])
def test_heading_ids_keep_vowel_signs(text: str, expected: str) -> None:
    assert heading_id(text) == expected


def test_is_slug() -> None:
    assert is_slug("zgłoś-się") and is_slug("ਰਿਪੋਰਟ") and is_slug("report-2")
    assert not is_slug("Report") and not is_slug("a--b") and not is_slug("") and not is_slug("report.pa")


def test_uri_percent_encodes_only_what_is_not_ascii() -> None:
    assert uri("https://example.org/centres/language/українська/") == (
        "https://example.org/centres/language/%D1%83%D0%BA%D1%80%D0%B0%D1%97%D0%BD%D1%81%D1%8C%D0%BA%D0%B0/")
    assert uri("https://example.org/a%20b/?x=1&y=2#top") == "https://example.org/a%20b/?x=1&y=2#top"
