"""Field parsers, table-driven: the editor's text in, a value or an exact plain-words message out."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from stophate import fields as f
from stophate.errors import FieldError, Position, Problems
from stophate.schema import SCHEDULE
from stophate.sourcefile import Scalar, parse_yaml

AT = Position("x.yaml", 3, 7)
PLACEHOLDER_HINT = "write the organisation's real number, or leave the line out until you have it"


def parse(parser: f.Parser, text: str) -> Any:
    return parser(Scalar(text, AT), f.Ctx(Problems(), "x"))


GOOD = [
    (f.date, "2026-10-10", dt.date(2026, 10, 10)),
    (f.date, "2028-02-29", dt.date(2028, 2, 29)),
    (f.time, "09:30", dt.time(9, 30)),
    (f.time, "9:30", dt.time(9, 30)),
    (f.time, "23:59", dt.time(23, 59)),
    (f.date_or_datetime, "2026-10-10 10:00", (dt.date(2026, 10, 10), dt.time(10, 0))),
    (f.phone, "0808 168 9111", "0808 168 9111"),
    (f.phone, "+44 800 488 0894", "+44 800 488 0894"),
    (f.phone, "101", "101"),
    (f.phone, "18001 101", "18001 101"),
    (f.phone, "020 7946 1000", "020 7946 1000"),  # beside a drama range, not in it
    (f.phone, "0121 496 1000", "0121 496 1000"),
    (f.postcode, "wv1 1sh", "WV1 1SH"),
    (f.postcode, "WV11SH", "WV1 1SH"),
    (f.email, "help@example.org", "help@example.org"),
    (f.https_url, "https://www.report-it.org.uk/", "https://www.report-it.org.uk/"),
    (f.slug, "refugee-migrant-centre", "refugee-migrant-centre"),
    (f.slug, "no", "no"),
    (f.boolean, "NO", False),
    (f.boolean, "true", True),
    (f.integer, "010", 10),
    (f.text, "  NO  ", "NO"),
    (f.choice(("Monday", "Tuesday")), "tuesday", "Tuesday"),
]


@pytest.mark.parametrize(("parser", "text", "value"), GOOD, ids=[row[1] for row in GOOD])
def test_good_values(parser: f.Parser, text: str, value: Any) -> None:
    assert parse(parser, text) == value


BAD = [
    (f.date, "31/10/2026", '"31/10/2026" is written day-first; dates must be year-month-day',
     "write the date as year-month-day, for example 2026-10-10"),
    (f.date, "2026-02-29", '"2026-02-29" is not a real date', "check the day exists in that month"),
    (f.date, "next Tuesday", 'expected a date like 2026-10-10, got "next Tuesday"',
     "write the date as year-month-day, for example 2026-10-10"),
    (f.time, "9.30", 'expected a time like 09:30, got "9.30"', "use 24-hour time with a colon, for example 09:30"),
    (f.time, "2pm", 'expected a time like 09:30, got "2pm"', "use 24-hour time with a colon, for example 09:30"),
    (f.time, "24:00", '"24:00" is not a real time', "use 24-hour time with a colon, for example 09:30"),
    (f.date_or_datetime, "2026-10-10 at 10", 'expected a date or a date and time, got "2026-10-10 at 10"',
     "write 2026-10-10 for all day, or 2026-10-10 10:00 with a time"),
    (f.phone, "+1 555 0100", '"+1 555 0100" is not a UK phone number',
     'write the full number with its area code, in quotes, for example "0808 168 9111"'),
    (f.phone, "0800 555", '"0800 555" is not a UK phone number',
     'write the full number with its area code, in quotes, for example "0808 168 9111"'),
    *[(f.phone, number, f'"{number}" is in a range Ofcom keeps for drama and examples, not a number residents '
       "can call", PLACEHOLDER_HINT)
      for number in ("01632 960001", "020 7946 0123", "0113 496 0999", "0121 496 0000", "0161 496 0500",
                     "0191 498 0123", "028 9649 6123", "029 2018 0456", "07700 900123", "+44 7700 900456",
                     "08081 570123", "0909 879 0123", "03069 990123")],
    *[(f.phone, number, f'"{number}" looks like a made-up example, not a number residents can call',
       PLACEHOLDER_HINT)
      for number in ("01902 000000", "0121 111 1111", "01234 567890", "01902 123456", "0800 000 0000")],
    (f.postcode, "WV99", '"WV99" is not a UK postcode', "write it like WV1 1SH"),
    (f.email, "help(at)example.org", '"help(at)example.org" is not an e-mail address',
     "write it like name@example.org"),
    (f.https_url, "http://example.org/", 'web addresses must start with https://, got "http://example.org/"',
     "copy the address from the browser's address bar, for example https://www.report-it.org.uk/"),
    (f.https_url, "www.example.org", 'web addresses must start with https://, got "www.example.org"',
     "copy the address from the browser's address bar, for example https://www.report-it.org.uk/"),
    (f.https_url, "javascript:alert(1)", 'web addresses must start with https://, got "javascript:alert(1)"',
     "copy the address from the browser's address bar, for example https://www.report-it.org.uk/"),
    (f.https_url, "https://t.co/abc", "this is a tracking redirect (copied from an e-mail or social media), not the "
     "real address", "open the link, then copy the address of the page it lands on"),
    (f.https_url, "https://example.org/a?utm_source=x", "this address carries tracking codes (utm_ and similar)",
     "remove everything from the ? onwards: https://example.org/a"),
    (f.slug, "../../etc", '"../../etc" cannot be used in a web address',
     "use lower-case letters, numbers and hyphens only, for example etc"),
    (f.slug, "My Page", '"My Page" cannot be used in a web address',
     "use lower-case letters, numbers and hyphens only, for example my-page"),
    (f.boolean, "maybe", 'expected true or false, got "maybe"', "write true or false"),
    (f.integer, "3.5", 'expected a whole number, got "3.5"', "write a number such as 3"),
    (f.text, "", "this is empty", "write some text after the colon, or remove the line"),
    (f.choice(("Monday", "Tuesday")), "Tusday", '"Tusday" is not one of the choices',
     "did you mean Tuesday? choose one of: Monday, Tuesday"),
]


@pytest.mark.parametrize(("parser", "text", "message", "hint"), BAD, ids=[row[1] or "empty" for row in BAD])
def test_bad_values(parser: f.Parser, text: str, message: str, hint: str) -> None:
    with pytest.raises(FieldError) as error:
        parse(parser, text)
    assert (error.value.message, error.value.hint) == (message, hint)
    assert "<class" not in error.value.message and "Error" not in error.value.message


def record_problems(yaml_text: str, schema: f.Schema) -> list[tuple[str, str, str]]:
    problems = Problems()
    node = parse_yaml(yaml_text, "x.yaml", problems)
    assert node is not None
    f.build_record(node, schema, f.Ctx(problems, "surgeries[2].schedule"))
    return [(str(p.position), p.field, p.message) for p in problems.sorted()]


def test_record_collects_every_problem_with_field_paths() -> None:
    found = record_problems("weekly: Tusday\nstarts: 9.30\nends: '12:00'\nfirstt: 2026-01-06\n", SCHEDULE)
    assert found == [
        ("x.yaml:1:9", "surgeries[2].schedule.weekly", '"Tusday" is not one of the choices'),
        ("x.yaml:2:9", "surgeries[2].schedule.starts", 'expected a time like 09:30, got "9.30"'),
        ("x.yaml:4:1", "surgeries[2].schedule.firstt", "unknown field 'firstt': did you mean 'first'?"),
    ]


def test_record_checks_run_once_fields_are_valid() -> None:
    found = record_problems("weekly: Tuesday\nmonthly: first Tuesday\nstarts: '12:00'\nends: '12:00'\n", SCHEDULE)
    assert found == [
        ("x.yaml:1:1", "surgeries[2].schedule",
         "a schedule needs exactly one of: weekly, monthly, fortnightly, dates (found weekly, monthly)"),
        ("x.yaml:4:7", "surgeries[2].schedule.ends", "the session starts and ends at the same time"),
    ]


def test_list_items_get_indexed_paths() -> None:
    problems = Problems()
    node = parse_yaml("- 2026-01-06\n- 2026-13-01\n- soon\n", "x.yaml", problems)
    assert node is not None
    assert f.list_of(f.date)(node, f.Ctx(problems, "dates")) is f.INVALID
    assert [(str(p.position), p.field) for p in problems.items] == [("x.yaml:2:3", "dates[1]"),
                                                                   ("x.yaml:3:3", "dates[2]")]
