"""Surgery schedules and events judged against one build date, in Europe/London time."""

from __future__ import annotations

import datetime as dt
from functools import cache
from zoneinfo import ZoneInfo

import holidays
from dateutil import rrule

from .models import Campaign, Event, Occurrence, Schedule, Surgery

LONDON = ZoneInfo("Europe/London")
_DAYS = {name: getattr(rrule, name[:2].upper()) for name in
         ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")}
_ORDINAL = {"first": 1, "second": 2, "third": 3, "fourth": 4, "last": -1}


@cache
def bank_holidays(year: int) -> frozenset[dt.date]:
    """England and Wales bank holidays, from the maintained `holidays` package."""
    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=year))


def is_bank_holiday(day: dt.date) -> bool:
    return day in bank_holidays(day.year)


def clock_change(day: dt.date, time: dt.time) -> str:
    """'gap' when this London wall-clock time does not exist (the clocks go forward over it), 'fold' when it
    happens twice (the clocks go back over it), else ''. Found by round trips through UTC, as zoneinfo
    resolves both cases silently by `fold`."""
    first = dt.datetime.combine(day, time, tzinfo=LONDON)
    second = first.replace(fold=1)
    if first.utcoffset() == second.utcoffset():
        return ""
    back = first.astimezone(dt.UTC).astimezone(LONDON)
    return "gap" if back.replace(tzinfo=None) != first.replace(tzinfo=None) else "fold"


def at(day: dt.date, time: dt.time) -> dt.datetime:
    """The moment a London wall-clock time names. 10:00 stays 10:00 either side of a clock change; a time that
    does not exist becomes the first minute after the clocks go forward; a time that happens twice is the first."""
    moment = dt.datetime.combine(day, time, tzinfo=LONDON)
    if clock_change(day, time) == "gap":
        # aware arithmetic in one zone is wall-clock arithmetic: step minute by minute to the first that exists
        while clock_change(moment.date(), moment.time()) == "gap":
            moment = (moment + dt.timedelta(minutes=1)).replace(fold=0)
        return moment
    return moment


def span(day: dt.date, starts: dt.time, ends: dt.time) -> tuple[dt.datetime, dt.datetime]:
    """The start and end of a session written as wall-clock times on one day. An end at or before the start is
    on the next day (a late shift from 23:30 to 00:30). A session that starts in a clock-change gap keeps the
    length it was planned with; one that ends in it ends when the clocks have gone forward."""
    end_day = day + dt.timedelta(days=1) if ends <= starts else day
    start, end = at(day, starts), at(end_day, ends)
    if clock_change(day, starts) == "gap":
        planned = dt.datetime.combine(end_day, ends) - dt.datetime.combine(day, starts)
        end = (start.astimezone(dt.UTC) + planned).astimezone(LONDON)
    return start, end


def span_clock_change(day: dt.date, starts: dt.time, ends: dt.time) -> tuple[str, str]:
    """Which of the two times (if any) falls in a gap or a fold, as (field, kind) or ('', '')."""
    end_day = day + dt.timedelta(days=1) if ends <= starts else day
    for name, when, time in (("starts", day, starts), ("ends", end_day, ends)):
        kind = clock_change(when, time)
        if kind:
            return name, kind
    return "", ""


def event_span(event: Event) -> tuple[dt.datetime, dt.datetime | None]:
    """The start and end moments of a timed event, resolved like sessions; None for an open end."""
    (day, starts), ends = event.starts, event.ends
    assert starts is not None, "all-day events have no moments"
    start = at(day, starts)
    if ends is None or ends[1] is None:
        return start, None
    end = at(ends[0], ends[1])
    if clock_change(day, starts) == "gap":
        end = (start.astimezone(dt.UTC) + (dt.datetime.combine(*ends) - dt.datetime.combine(day, starts))
               ).astimezone(LONDON)
    return start, end


def rule_dates(schedule: Schedule, start: dt.date, end: dt.date) -> list[dt.date]:
    """The dates the schedule's rule gives from start to end inclusive, before cancellations and moves."""
    first = max(start, schedule.first) if schedule.first else start
    until = min(end, schedule.last) if schedule.last else end
    if until < first:
        return []
    if schedule.dates:
        return sorted({d for d in schedule.dates if first <= d <= until})
    # fortnightly counts from the series' first session, whatever window is asked for
    begin = dt.datetime.combine(schedule.first if schedule.fortnightly and schedule.first else first, dt.time())
    stop = dt.datetime.combine(until, dt.time())
    if schedule.weekly:
        rule = rrule.rrule(rrule.WEEKLY, byweekday=_DAYS[schedule.weekly], dtstart=begin, until=stop)
    elif schedule.fortnightly:
        rule = rrule.rrule(rrule.WEEKLY, interval=2, byweekday=_DAYS[schedule.fortnightly], dtstart=begin,
                           until=stop)
    elif schedule.monthly:
        ordinal, day = schedule.monthly
        rule = rrule.rrule(rrule.MONTHLY, byweekday=_DAYS[day](_ORDINAL[ordinal]), dtstart=begin, until=stop)
    else:
        return []
    return [d.date() for d in rule if d.date() >= first]


def is_rule_date(schedule: Schedule, day: dt.date) -> bool:
    return day in rule_dates(schedule, day, day)


def occurrences(surgery: Surgery, start: dt.date, end: dt.date, *, cancelled: bool = False) -> list[Occurrence]:
    """Every session of a surgery from start to end inclusive, after cancellations, bank holidays and moves.

    With cancelled=True, sessions the editor cancelled are kept (marked cancelled), for calendars and listings
    that tell residents a usual date is off. Bank holidays are never sessions, so they are not kept.
    """
    schedule = surgery.schedule
    if schedule is None:
        return []
    moved = {m.date: m for m in schedule.moved}
    result = []
    for day in rule_dates(schedule, start, end):
        if day in moved or (schedule.skip_bank_holidays and is_bank_holiday(day)):
            continue
        off = day in schedule.cancelled
        if not off or cancelled:
            result.append(Occurrence(surgery.id, day, *span(day, schedule.starts, schedule.ends),
                                     surgery.venue, cancelled=off,
                                     clock=span_clock_change(day, schedule.starts, schedule.ends)[1]))
    # a move is judged by its new date, so a session moved into the window from outside it still shows
    for move in schedule.moved:
        if start <= move.to <= end and is_rule_date(schedule, move.date):
            starts, ends = move.starts or schedule.starts, move.ends or schedule.ends
            result.append(Occurrence(surgery.id, move.to, *span(move.to, starts, ends), move.venue or surgery.venue,
                                     moved_from=move.date, clock=span_clock_change(move.to, starts, ends)[1]))
    return sorted(result, key=lambda o: (o.starts, o.surgery_id))


def year_end(today: dt.date) -> dt.date:
    """The last day of the year that starts on `today`: 2 December 2027 for 3 December 2026 (a year, not a year
    and a day); from 29 February, the 28th the next year."""
    try:
        return today.replace(year=today.year + 1) - dt.timedelta(days=1)
    except ValueError:
        return dt.date(today.year + 1, 2, 28)


def upcoming_occurrences(surgeries: tuple[Surgery, ...], today: dt.date, *,
                         cancelled: bool = False) -> list[Occurrence]:
    """Every session for a year from the build date."""
    end = year_end(today)
    found = [o for s in surgeries for o in occurrences(s, today, end, cancelled=cancelled)]
    return sorted(found, key=lambda o: (o.starts, o.surgery_id))


def upcoming_events(events: tuple[Event, ...], today: dt.date) -> list[Event]:
    """Events that have not finished by the build date, soonest first; past ones drop off by themselves."""
    return sorted((e for e in events if e.last_day >= today),
                  key=lambda e: (e.first_day, e.starts[1] or dt.time(), e.id))


def past_events(events: tuple[Event, ...], today: dt.date) -> list[Event]:
    return sorted((e for e in events if e.last_day < today), key=lambda e: (e.first_day, e.id), reverse=True)


def awareness_week(year: int, campaign: Campaign | None = None) -> tuple[dt.date, dt.date]:
    """Hate Crime Awareness Week: from the second to the third Saturday of October, unless the editor says."""
    if campaign and campaign.starts and campaign.starts.year == year:
        return campaign.starts, campaign.ends or campaign.starts + dt.timedelta(days=7)
    october = dt.date(year, 10, 1)
    first_saturday = october + dt.timedelta(days=(5 - october.weekday()) % 7)
    second = first_saturday + dt.timedelta(days=7)
    return second, second + dt.timedelta(days=7)


def next_awareness_week(today: dt.date, campaign: Campaign | None = None) -> tuple[dt.date, dt.date]:
    starts, ends = awareness_week(today.year, campaign)
    if ends < today:
        return awareness_week(today.year + 1, campaign)
    return starts, ends
