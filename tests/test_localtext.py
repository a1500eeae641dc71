"""Free text given per language in a listing: parsed against the site's languages, shown in a page's language or
else in the default one, which says what language it really is in."""

from __future__ import annotations

import pickle

import pytest

from stophate.errors import FieldError, Problems
from stophate.fields import INVALID, Ctx
from stophate.localtext import LocalText, in_language, local_text
from stophate.sourcefile import parse_yaml

LANGUAGES = ("en-GB", "pa", "ur", "pl")


def parse(yaml: str, languages: tuple[str, ...] = LANGUAGES) -> tuple[object, list[tuple[int, int, str, str]]]:
    problems = Problems()
    node = parse_yaml(yaml, "centres.yaml", problems)
    value = local_text(node.get("summary"), Ctx(problems, "centres[0].summary", languages))
    return value, [(p.position.line, p.position.column, p.field, p.message) for p in problems.sorted()]


def test_plain_text_is_the_default_language() -> None:
    value, problems = parse("summary: Staff can take a report.\n")
    assert (value, value.lang, value.translations, problems) == ("Staff can take a report.", "en-GB", (), [])
    assert in_language(value, "pl") == ("Staff can take a report.", "en-GB")
    assert in_language(value, "en-GB") == ("Staff can take a report.", "en-GB")


def test_one_text_per_language_and_the_default_for_the_others() -> None:
    value, problems = parse("summary:\n  EN-gb: Staff can take a report.\n  pl: Pracownicy przyjmą zgłoszenie.\n")
    assert problems == [] and isinstance(value, LocalText)
    assert value == "Staff can take a report."  # read as before wherever the default language is written
    assert in_language(value, "pl") == ("Pracownicy przyjmą zgłoszenie.", "pl")
    assert in_language(value, "ur") == ("Staff can take a report.", "en-GB")
    assert in_language(None, "pl") == ("", "")
    again = pickle.loads(pickle.dumps(value))  # a worker process hands it back whole
    assert (again, again.lang, again.translations) == (value, value.lang, value.translations)


@pytest.mark.parametrize(("yaml", "problems"), [
    ("summary:\n  en-GB: A.\n  uk: Б.\n", [(3, 3, "centres[0].summary.uk", "'uk' is not one of the site's languages")]),
    ("summary:\n  pl: A.\n", [(2, 3, "centres[0].summary", "there is no text in en-GB, the site's default language")]),
    ("summary:\n  en-GB: A.\n  pl: ''\n", [(3, 7, "centres[0].summary.pl", "this is empty")]),
    ("summary:\n  en-GB: A.\n  PL: B.\n  pl: C.\n",
     [(4, 3, "centres[0].summary.pl", "the text in pl is written twice")]),
])
def test_mistakes_are_positioned_problems(yaml: str, problems: list[tuple[int, int, str, str]]) -> None:
    value, found = parse(yaml)
    assert value is INVALID and found == problems


def test_a_list_is_not_text() -> None:
    with pytest.raises(FieldError) as raised:  # reported at the field by the record builder
        parse("summary: [A, B]\n")
    assert raised.value.message == "expected some text, or one text per language, got a list"
