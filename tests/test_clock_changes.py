"""Times that the clocks skip or repeat, sessions and opening hours past midnight, a year of dates, past events
and costs: what residents are shown must be what will really happen, the same in the page, .ics and JSON."""

from __future__ import annotations

import datetime as dt
import json

import icalendar
import pytest

from stophate.errors import Problems
from stophate.fields import Ctx, build_record
from stophate.models import Schedule, Surgery, Venue
from stophate.schedule import clock_change, span, upcoming_occurrences, year_end
from stophate.schema import OPENING_HOURS
from stophate.site import BuildOptions, Output, build
from stophate.sourcefile import parse_yaml
from tests.conftest import parse_html
from tests.sitecopy import copy_default_site

TODAY = dt.date(2027, 3, 1)
UTC = dt.UTC

SURGERIES = """\
surgeries:
  - id: gap-night
    title: Night surgery when the clocks go forward
    venue: {name: Night Shelter, town: Wolverhampton}
    schedule:
      dates: [2027-03-28]
      starts: "01:30"
      ends: "02:30"
    checked: 2027-03-01
  - id: fold-night
    title: Night surgery when the clocks go back
    venue: {name: Night Shelter, town: Wolverhampton}
    schedule:
      dates: [2027-10-31]
      starts: "01:30"
      ends: "02:30"
    checked: 2027-03-01
  - id: late-shift
    title: Late shift surgery
    venue: {name: Taxi Office, town: Wolverhampton}
    schedule:
      dates: [2027-03-05]
      starts: "23:30"
      ends: "00:30"
    checked: 2027-03-01
"""

EVENTS = """\
events:
  - id: early-walk
    title: Early walk
    starts: 2027-03-28 01:30
    ends: 2027-03-28 03:00
    checked: 2027-03-01
  - id: no-cost-given
    title: Talk with no cost given
    starts: 2027-04-10 10:00
    checked: 2027-03-01
  - id: older-past
    title: Older past event
    starts: 2027-01-05
    checked: 2027-03-01
  - id: newer-past
    title: Newer past event
    starts: 2027-02-20
    checked: 2027-03-01
"""

LATE_CENTRE = """
  - id: late-venue
    name: Late Night Venue
    summary: A venue open late where staff can help you report.
    opening_hours:
      - days: [Friday, Saturday]
        opens: "18:00"
        closes: "03:00"
    checked: 2027-03-01
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Output:
    root = copy_default_site(tmp_path_factory.mktemp("clocks"))
    (root / "surgeries.yaml").write_text(SURGERIES, encoding="utf-8")
    (root / "events.yaml").write_text(EVENTS, encoding="utf-8")
    with (root / "centres.yaml").open("a", encoding="utf-8") as file:
        file.write(LATE_CENTRE)
    return build(root, BuildOptions(today=TODAY))


def sessions(built: Output) -> dict[str, dict]:
    data = json.loads(built.files["surgeries.json"])
    return {s["id"]: s["sessions"][0] for s in data["surgeries"]}


def ics_times(built: Output, name: str) -> dict[str, tuple[dt.datetime, dt.datetime]]:
    cal = icalendar.Calendar.from_ical(built.files[name])
    return {str(e["SUMMARY"]): (e.decoded("DTSTART"), e.decoded("DTEND")) for e in cal.walk("VEVENT")}


def text_of(html: bytes) -> str:
    return " ".join(" ".join(parse_html(html).find(".//main").itertext()).split())


def warnings(built: Output) -> list[str]:
    return [f"{p.position}: {p.field}: {p.message}" for p in built.problems.sorted() if p.severity == "warning"]


def test_clock_change_kinds_are_found_by_round_trips() -> None:
    assert clock_change(dt.date(2027, 3, 28), dt.time(1, 30)) == "gap"
    assert clock_change(dt.date(2027, 10, 31), dt.time(1, 30)) == "fold"
    assert clock_change(dt.date(2027, 10, 31), dt.time(2, 30)) == ""
    assert clock_change(dt.date(2027, 3, 27), dt.time(1, 30)) == ""


def test_a_session_in_the_skipped_hour_moves_to_the_first_valid_minute_and_keeps_its_length() -> None:
    start, end = span(dt.date(2027, 3, 28), dt.time(1, 30), dt.time(2, 30))
    assert (start.isoformat(), end.isoformat()) == ("2027-03-28T02:00:00+01:00", "2027-03-28T03:00:00+01:00")
    assert end - start == dt.timedelta(hours=1)


def test_a_session_in_the_repeated_hour_takes_the_first_and_its_true_length() -> None:
    start, end = span(dt.date(2027, 10, 31), dt.time(1, 30), dt.time(2, 30))
    assert (start.isoformat(), end.isoformat()) == ("2027-10-31T01:30:00+01:00", "2027-10-31T02:30:00+00:00")
    assert end.astimezone(UTC) - start.astimezone(UTC) == dt.timedelta(hours=2)


def test_a_session_past_midnight_ends_the_next_day() -> None:
    start, end = span(dt.date(2027, 3, 5), dt.time(23, 30), dt.time(0, 30))
    assert (start.isoformat(), end.isoformat()) == ("2027-03-05T23:30:00+00:00", "2027-03-06T00:30:00+00:00")


def test_calendars_and_data_hold_a_year_of_dates_not_a_year_and_a_day() -> None:
    today = dt.date(2026, 11, 24)
    assert year_end(today) == dt.date(2027, 11, 23)
    assert year_end(dt.date(2028, 2, 29)) == dt.date(2029, 2, 28)
    dates = Schedule(dt.time(10), dt.time(12), dates=(dt.date(2027, 11, 23), dt.date(2027, 11, 24)))
    found = upcoming_occurrences((Surgery("s", "S", Venue("Hall"), schedule=dates),), today)
    assert [o.date for o in found] == [dt.date(2027, 11, 23)]


def test_both_clock_changes_are_warned_about_at_the_line_with_what_residents_will_see(built: Output) -> None:
    found = warnings(built)
    assert ("surgeries.yaml:7:15: surgeries[0].schedule.starts: 01:30 on Sunday 28 March 2027 does not exist: the "
            "clocks go forward an hour at 01:00 that night; it is shown as 02:00 BST to 03:00 BST (1 hour)") in found
    assert ("surgeries.yaml:15:15: surgeries[1].schedule.starts: 01:30 on Sunday 31 October 2027 happens twice: "
            "the clocks go back an hour at 02:00 that night; the first 01:30 is taken, so it is shown as 01:30 BST "
            "to 02:30 GMT (2 hours)") in found
    assert any(w.startswith("events.yaml:4:13: events[0].starts: 01:30 on Sunday 28 March 2027 does not exist")
               and w.endswith("02:00 BST to 03:30 BST (1 hour 30 minutes)") for w in found)
    assert not any("late-shift" in w or "surgeries[2]" in w for w in found)


def test_page_calendar_and_json_agree_on_the_moved_and_the_doubled_session(built: Output) -> None:
    data = sessions(built)
    assert (data["gap-night"]["starts"], data["gap-night"]["ends"]) == ("2027-03-28T02:00:00+01:00",
                                                                          "2027-03-28T03:00:00+01:00")
    assert (data["fold-night"]["starts"], data["fold-night"]["ends"]) == ("2027-10-31T01:30:00+01:00",
                                                                            "2027-10-31T02:30:00+00:00")
    ics = ics_times(built, "surgeries.ics")
    for title, key in (("Night surgery when the clocks go forward", "gap-night"),
                       ("Night surgery when the clocks go back", "fold-night"),
                       ("Late shift surgery", "late-shift")):
        # compared in UTC: Python never calls a repeated local time equal to a time in another zone
        start, end = (moment.astimezone(UTC) for moment in ics[title])
        assert start == dt.datetime.fromisoformat(data[key]["starts"]).astimezone(UTC)
        assert end == dt.datetime.fromisoformat(data[key]["ends"]).astimezone(UTC)
    page = text_of(built.files["surgeries/index.html"])
    assert "Sunday 28 March, 02:00 BST to 03:00 BST (the clocks change that night)" in page
    assert "Sunday 31 October, 01:30 BST to 02:30 GMT (the clocks change that night)" in page


def test_an_event_in_the_skipped_hour_agrees_everywhere(built: Output) -> None:
    event = next(e for e in json.loads(built.files["events.json"])["events"] if e["id"] == "early-walk")
    assert (event["starts"], event["ends"]) == ("2027-03-28T02:00:00+01:00", "2027-03-28T03:30:00+01:00")
    start, end = ics_times(built, "events/early-walk.ics")["Early walk"]
    assert (start.isoformat(), end.isoformat()) == (event["starts"], event["ends"])
    jsonld = parse_html(built.files["events/early-walk/index.html"]).find(".//script[@type='application/ld+json']")
    assert json.loads(jsonld.text)["startDate"] == event["starts"]
    assert "Sunday 28 March 2027, 02:00 to 03:30" in text_of(built.files["events/early-walk/index.html"])


def test_a_session_past_midnight_is_accepted_and_shown_ending_the_next_day(built: Output) -> None:
    late = sessions(built)["late-shift"]
    assert (late["starts"], late["ends"]) == ("2027-03-05T23:30:00+00:00", "2027-03-06T00:30:00+00:00")
    assert "Friday 5 March, 23:30 to 00:30 (the next day)" in text_of(built.files["surgeries/index.html"])


def test_opening_hours_past_midnight_are_accepted_everywhere(built: Output) -> None:
    page = parse_html(built.files["centres/late-venue/index.html"])
    row = [" ".join("".join(td.itertext()).split()) for td in page.iter("td")]
    assert row[0] == "18:00 to 03:00 (the next day)"
    hours = json.loads(page.find(".//script[@type='application/ld+json']").text)["openingHoursSpecification"]
    assert (hours[0]["opens"], hours[0]["closes"]) == ("18:00", "03:00")  # schema.org: closes < opens is next day
    centre = next(c for c in json.loads(built.files["centres.json"])["centres"] if c["id"] == "late-venue")
    assert centre["opening_hours"][0]["closes"] == "03:00"


def test_an_event_with_no_cost_says_nothing_about_cost(built: Output) -> None:
    page = built.files["events/no-cost-given/index.html"]
    assert "Cost" not in text_of(page) and "Free" not in text_of(page)
    assert "isAccessibleForFree" not in parse_html(page).find(".//script[@type='application/ld+json']").text
    event = next(e for e in json.loads(built.files["events.json"])["events"] if e["id"] == "no-cost-given")
    assert event["cost"] is None and event["free"] is None
    assert b"Cost" not in built.files["events/no-cost-given.ics"]


def test_finished_events_are_listed_under_past_events_newest_first(built: Output) -> None:
    page = parse_html(built.files["events/index.html"])
    section = next(s for s in page.iter("section") if s.get("aria-labelledby") == "past-events-heading")
    titles = [" ".join("".join(h.itertext()).split()) for h in section.iter("h3")]
    assert titles == ["Newer past event", "Older past event"]
    assert any(a.get("href") == "#past-events-heading" for a in page.iter("a"))
    assert any("is listed under past events on the events page" in w for w in warnings(built))


def test_opening_and_closing_at_the_same_time_is_still_a_mistake() -> None:
    problems = Problems()
    node = parse_yaml('days: [Monday]\nopens: "17:00"\ncloses: "17:00"\n', "centres.yaml", problems)
    assert node is not None
    build_record(node, OPENING_HOURS, Ctx(problems, "hours"))
    assert [(str(p.position), p.message) for p in problems.items] == [
        ("centres.yaml:3:9", "it opens and closes at the same time")]
