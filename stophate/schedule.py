"""Surgery schedules and events judged against one build date, in Europe/London time."""

from __future__ import annotations

import datetime as dt
from functools import cache
from zoneinfo import ZoneInfo

import holidays
from dateutil import rrule

from .models import Campaign, Event, Occurrence, Schedule, Surgery

LONDON = ZoneInfo("Europe/London")
HORIZON_DAYS = 366
_DAYS = {name: getattr(rrule, name[:2].upper()) for name in
         ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")}
_ORDINAL = {"first": 1, "second": 2, "third": 3, "fourth": 4, "last": -1}


@cache
def bank_holidays(year: int) -> frozenset[dt.date]:
    """England and Wales bank holidays, from the maintained `holidays` package."""
    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=year))


def is_bank_holiday(day: dt.date) -> bool:
    return day in bank_holidays(day.year)


def _at(day: dt.date, time: dt.time) -> dt.datetime:
    # zoneinfo picks the right offset for that day, so 10:00 stays 10:00 either side of a clock change
    return dt.datetime.combine(day, time, tzinfo=LONDON)


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
            result.append(Occurrence(surgery.id, day, _at(day, schedule.starts), _at(day, schedule.ends),
                                     surgery.venue, cancelled=off))
    # a move is judged by its new date, so a session moved into the window from outside it still shows
    for move in schedule.moved:
        if start <= move.to <= end and is_rule_date(schedule, move.date):
            result.append(Occurrence(
                surgery.id, move.to, _at(move.to, move.starts or schedule.starts),
                _at(move.to, move.ends or schedule.ends), move.venue or surgery.venue, moved_from=move.date))
    return sorted(result, key=lambda o: (o.starts, o.surgery_id))


def upcoming_occurrences(surgeries: tuple[Surgery, ...], today: dt.date, days: int = HORIZON_DAYS, *,
                         cancelled: bool = False) -> list[Occurrence]:
    end = today + dt.timedelta(days=days)
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
