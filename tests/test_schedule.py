"""Every schedule form, judged against fixed dates: the dates and times residents will be shown."""

from __future__ import annotations

import datetime as dt
import textwrap

import pytest

from stophate.errors import Problems
from stophate.fields import INVALID, Ctx, build_record
from stophate.models import Event, MovedSession, Schedule, Surgery, Venue
from stophate.schedule import (
    LONDON,
    is_bank_holiday,
    occurrences,
    past_events,
    rule_dates,
    upcoming_events,
    upcoming_occurrences,
)
from stophate.schema import SCHEDULE
from stophate.sourcefile import parse_yaml

D = dt.date
HALL = Venue("Hall")
LIBRARY = Venue("Library")
TEN, NOON = dt.time(10), dt.time(12)


def surgery(**schedule: object) -> Surgery:
    times = {"starts": TEN, "ends": NOON}
    return Surgery("s", "Surgery", HALL, schedule=Schedule(**{**times, **schedule}))  # type: ignore[arg-type]


def days(s: Surgery, start: D, end: D, **kw: bool) -> list[D]:
    return [o.date for o in occurrences(s, start, end, **kw)]


def test_weekly_on_a_day() -> None:
    assert days(surgery(weekly="Tuesday"), D(2026, 11, 24), D(2026, 12, 15)) == [
        D(2026, 11, 24), D(2026, 12, 1), D(2026, 12, 8), D(2026, 12, 15)]


@pytest.mark.parametrize(("ordinal", "expected"), [
    ("first", [D(2027, 1, 5), D(2027, 2, 2), D(2027, 3, 2)]),
    ("second", [D(2027, 1, 12), D(2027, 2, 9), D(2027, 3, 9)]),
    ("third", [D(2027, 1, 19), D(2027, 2, 16), D(2027, 3, 16)]),
    ("fourth", [D(2027, 1, 26), D(2027, 2, 23), D(2027, 3, 23)]),
    # March 2027 has five Tuesdays: "last" is the fifth, not the fourth
    ("last", [D(2027, 1, 26), D(2027, 2, 23), D(2027, 3, 30)]),
])
def test_monthly_on_a_weekday(ordinal: str, expected: list[D]) -> None:
    assert days(surgery(monthly=(ordinal, "Tuesday")), D(2027, 1, 1), D(2027, 3, 31)) == expected


def test_last_friday_of_each_month_including_short_february() -> None:
    found = days(surgery(monthly=("last", "Friday")), D(2027, 1, 1), D(2027, 4, 30))
    assert found == [D(2027, 1, 29), D(2027, 2, 26), D(2027, 3, 26), D(2027, 4, 30)]


def test_fortnightly_counts_from_the_first_session_whatever_the_window() -> None:
    s = surgery(fortnightly="Thursday", first=D(2026, 11, 12))
    assert days(s, D(2026, 11, 13), D(2026, 12, 31)) == [D(2026, 11, 26), D(2026, 12, 10), D(2026, 12, 24)]
    # starting the window on an "off" week must not shift the rhythm
    assert days(s, D(2026, 11, 19), D(2026, 12, 3)) == [D(2026, 11, 26)]


def test_one_off_dates_sorted_and_bounded_by_the_window() -> None:
    s = surgery(dates=(D(2027, 1, 16), D(2026, 12, 5), D(2026, 10, 1)))
    assert days(s, D(2026, 11, 24), D(2027, 12, 31)) == [D(2026, 12, 5), D(2027, 1, 16)]


def test_series_start_and_end() -> None:
    s = surgery(weekly="Monday", first=D(2026, 12, 1), last=D(2026, 12, 21))
    assert days(s, D(2026, 11, 1), D(2027, 1, 31)) == [D(2026, 12, 7), D(2026, 12, 14), D(2026, 12, 21)]
    assert days(surgery(weekly="Monday", last=D(2026, 6, 1)), D(2026, 11, 24), D(2027, 1, 1)) == []


@pytest.mark.parametrize(("label", "before", "after"), [
    # clocks go forward on Sunday 28 March 2027 and back on Sunday 31 October 2027
    ("spring", D(2027, 3, 22), D(2027, 3, 29)),
    ("autumn", D(2027, 10, 25), D(2027, 11, 1)),
])
def test_ten_oclock_stays_ten_oclock_across_the_clock_change(label: str, before: D, after: D) -> None:
    sessions = occurrences(surgery(weekly="Monday"), before, after)
    assert [o.date for o in sessions] == [before, after]
    assert [f"{o.starts:%H:%M}-{o.ends:%H:%M}" for o in sessions] == ["10:00-12:00", "10:00-12:00"]
    offsets = [o.starts.utcoffset() for o in sessions]
    assert sorted(offsets) == [dt.timedelta(0), dt.timedelta(hours=1)]
    assert all(o.starts.tzinfo == LONDON for o in sessions)
    utc_hours = [o.starts.astimezone(dt.UTC).hour for o in sessions]
    assert utc_hours == ([10, 9] if label == "spring" else [9, 10])


def test_bank_holidays_come_from_the_holidays_package() -> None:
    assert is_bank_holiday(D(2027, 5, 3))  # early May bank holiday
    assert is_bank_holiday(D(2026, 12, 28))  # Boxing Day falls on a Saturday: Monday is the substitute
    assert not is_bank_holiday(D(2027, 5, 10))


def test_bank_holidays_skipped_only_when_asked() -> None:
    window = (D(2027, 4, 1), D(2027, 6, 30))
    first_monday = {"monthly": ("first", "Monday")}
    assert days(surgery(**first_monday), *window) == [D(2027, 4, 5), D(2027, 5, 3), D(2027, 6, 7)]
    # Easter Monday 2027 is 29 March, so April is kept; 3 May is the early May bank holiday
    assert days(surgery(**first_monday, skip_bank_holidays=True), *window) == [D(2027, 4, 5), D(2027, 6, 7)]
    last_friday = surgery(monthly=("last", "Friday"), skip_bank_holidays=True)
    assert D(2026, 12, 25) not in days(last_friday, D(2026, 12, 1), D(2026, 12, 31))


def test_cancelled_session_drops_off_but_can_be_kept_for_calendars() -> None:
    s = surgery(weekly="Tuesday", cancelled=(D(2026, 12, 8),))
    assert days(s, D(2026, 12, 1), D(2026, 12, 15)) == [D(2026, 12, 1), D(2026, 12, 15)]
    kept = occurrences(s, D(2026, 12, 1), D(2026, 12, 15), cancelled=True)
    assert [(o.date, o.cancelled) for o in kept] == [
        (D(2026, 12, 1), False), (D(2026, 12, 8), True), (D(2026, 12, 15), False)]


def test_moved_session_to_another_day_time_and_venue() -> None:
    move = MovedSession(D(2026, 12, 22), D(2026, 12, 23), venue=LIBRARY, starts=dt.time(14), ends=dt.time(16))
    s = surgery(weekly="Tuesday", moved=(move,))
    sessions = occurrences(s, D(2026, 12, 15), D(2026, 12, 31))
    assert [o.date for o in sessions] == [D(2026, 12, 15), D(2026, 12, 23), D(2026, 12, 29)]
    moved = sessions[1]
    assert (moved.venue, moved.moved_from, moved.original_date) == (LIBRARY, D(2026, 12, 22), D(2026, 12, 22))
    assert (f"{moved.starts:%H:%M}", f"{moved.ends:%H:%M}") == ("14:00", "16:00")
    assert sessions[0].venue == HALL


def test_session_moved_into_the_window_from_far_outside_it_still_shows() -> None:
    move = MovedSession(D(2027, 3, 2), D(2026, 12, 2))
    s = surgery(monthly=("first", "Tuesday"), moved=(move,))
    assert days(s, D(2026, 11, 24), D(2026, 12, 31)) == [D(2026, 12, 1), D(2026, 12, 2)]
    assert D(2027, 3, 2) not in days(s, D(2027, 3, 1), D(2027, 3, 31))


def test_a_bank_holiday_session_moved_to_the_next_day_is_kept() -> None:
    move = MovedSession(D(2027, 5, 3), D(2027, 5, 4))
    s = surgery(monthly=("first", "Monday"), skip_bank_holidays=True, moved=(move,))
    assert days(s, D(2027, 5, 1), D(2027, 5, 31)) == [D(2027, 5, 4)]


def test_no_schedule_means_no_sessions() -> None:
    assert occurrences(Surgery("s", "Surgery", HALL), D(2026, 1, 1), D(2027, 1, 1)) == []


def test_upcoming_sessions_across_venues_are_in_time_order() -> None:
    a = Surgery("a", "A", HALL, schedule=Schedule(TEN, NOON, weekly="Tuesday"))
    b = Surgery("b", "B", LIBRARY, schedule=Schedule(dt.time(9), NOON, weekly="Tuesday"))
    found = upcoming_occurrences((a, b), D(2026, 11, 24))[:4]
    assert [(o.surgery_id, o.date) for o in found] == [
        ("b", D(2026, 11, 24)), ("a", D(2026, 11, 24)), ("b", D(2026, 12, 1)), ("a", D(2026, 12, 1))]


def test_rule_dates_ignore_cancellations() -> None:
    schedule = Schedule(TEN, NOON, weekly="Friday", cancelled=(D(2026, 11, 27),))
    assert rule_dates(schedule, D(2026, 11, 24), D(2026, 11, 30)) == [D(2026, 11, 27)]


def test_events_past_ones_drop_off_on_the_day_after_they_end() -> None:
    one_day = Event("a", "A", (D(2026, 11, 23), dt.time(18)))
    week = Event("b", "B", (D(2026, 11, 20), None), ends=(D(2026, 11, 24), None))
    later = Event("c", "C", (D(2026, 12, 1), None))
    today = D(2026, 11, 24)
    assert [e.id for e in upcoming_events((later, one_day, week), today)] == ["b", "c"]
    assert [e.id for e in past_events((later, one_day, week), today)] == ["a"]


def schedule_problems(text: str) -> list[str]:
    problems = Problems()
    node = parse_yaml(textwrap.dedent(text), "surgeries.yaml", problems)
    assert node is not None
    result = build_record(node, SCHEDULE, Ctx(problems, "schedule"))
    messages = [f"{p.position.line}: {p.field}: {p.message}" for p in problems.sorted()]
    assert (result is INVALID) == bool(messages)
    return messages


def test_schedule_written_in_plain_fields_is_accepted() -> None:
    assert schedule_problems("""\
        monthly: last Friday
        starts: "18:00"
        ends: "19:30"
        cancelled: [2026-11-27]
        moved:
          - date: 2027-01-29
            to: 2027-01-28
        skip_bank_holidays: true
        """) == []


def test_cancelled_date_that_is_not_a_session_is_reported_at_its_line() -> None:
    assert schedule_problems("""\
        weekly: Tuesday
        starts: "10:00"
        ends: "12:00"
        cancelled:
          - 2026-12-08
          - 2026-12-09
        """) == ["6: schedule.cancelled[1]: Wednesday 2026-12-09 is not a session date"]


def test_moved_date_must_be_a_session_and_not_also_cancelled() -> None:
    assert schedule_problems("""\
        weekly: Tuesday
        starts: "10:00"
        ends: "12:00"
        cancelled: [2026-12-08]
        moved:
          - date: 2026-12-08
            to: 2026-12-09
          - date: 2026-12-10
            to: 2026-12-11
        """) == [
        "6: schedule.moved[0]: 2026-12-08 is both cancelled and moved",
        "8: schedule.moved[1]: Thursday 2026-12-10 is not a session date",
    ]


def test_fortnightly_first_session_must_be_on_its_day() -> None:
    assert schedule_problems("""\
        fortnightly: Thursday
        first: 2026-11-11
        starts: "13:00"
        ends: "15:00"
        """) == ["2: schedule.first: the first session is a Wednesday, but the schedule says Thursday"]


def test_monthly_needs_a_week_and_a_day() -> None:
    assert schedule_problems("""\
        monthly: Tuesday
        starts: "10:00"
        ends: "12:00"
        """) == ['1: schedule.monthly: expected a week and a day like "first Tuesday", got "Tuesday"']
