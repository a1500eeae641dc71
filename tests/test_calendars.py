"""Every .ics the fixture site writes, parsed with the icalendar library and checked against expected dates."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import icalendar
import pytest

from tests.conftest import REPO, build_to, parse_html

ROOT = REPO / "tests" / "sites" / "listings"
TODAY = dt.date(2026, 11, 24)
LONDON_UID = "@example.org/listings"


@pytest.fixture
def site(listings_site: Path) -> Path:
    return listings_site


def calendar(site: Path, name: str) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical((site / name).read_bytes())


def events_of(cal: icalendar.Calendar) -> dict[str, icalendar.Event]:
    return {str(e["UID"]): e for e in cal.walk("VEVENT")}


def start(event: icalendar.Event) -> dt.date | dt.datetime:
    return event.decoded("DTSTART")


def test_every_ics_file_parses_and_has_what_rfc_5545_requires(site: Path) -> None:
    files = sorted(site.rglob("*.ics"))
    names = {f.relative_to(site).as_posix() for f in files}
    assert {"surgeries.ics", "events.ics", "events/open-day.ics", "events/past-vigil.ics"} <= names
    for file in files:
        raw = file.read_bytes()
        assert raw.startswith(b"BEGIN:VCALENDAR\r\n") and raw.endswith(b"END:VCALENDAR\r\n"), file
        assert all(len(line) <= 75 for line in raw.split(b"\r\n")), f"{file}: a line is not folded"
        cal = icalendar.Calendar.from_ical(raw)
        assert cal["VERSION"] == "2.0" and str(cal["PRODID"]).startswith("-//Listings Test//")
        uids = [str(e["UID"]) for e in cal.walk("VEVENT")]
        assert len(uids) == len(set(uids)), f"{file}: UIDs repeat"
        used = {e["DTSTART"].params.get("TZID") for e in cal.walk("VEVENT")} - {None}
        defined = {str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")}
        assert used <= defined, f"{file}: a TZID without its VTIMEZONE"
        for event in cal.walk("VEVENT"):
            assert event["UID"] and event["DTSTART"] and event["SUMMARY"]
            assert event.decoded("DTSTAMP") == dt.datetime(2026, 11, 24, tzinfo=dt.UTC)
            assert str(event["UID"]).endswith(LONDON_UID)


def test_surgery_sessions_match_the_schedules(site: Path) -> None:
    sessions = events_of(calendar(site, "surgeries.ics"))

    def uid(surgery: str, day: str) -> str:
        return f"surgery-{surgery}-{day}{LONDON_UID}"

    weekly = sorted(start(e) for u, e in sessions.items() if u.startswith("surgery-weekly-hub-"))
    assert weekly[:3] == [dt.datetime(2026, 11, d, 10, tzinfo=weekly[0].tzinfo) for d in (24,)] + [
        dt.datetime(2026, 12, d, 10, tzinfo=weekly[0].tzinfo) for d in (1, 8)]
    # the moved session keeps the UID of its usual date, so subscribed calendars move it instead of adding one
    moved = sessions[uid("weekly-hub", "20261222")]
    assert start(moved) == dt.datetime(2026, 12, 23, 14, tzinfo=moved.decoded("DTSTART").tzinfo)
    assert "City Library" in str(moved["LOCATION"]) and int(moved["SEQUENCE"]) == 1
    cancelled = sessions[uid("weekly-hub", "20261229")]
    assert str(cancelled["STATUS"]) == "CANCELLED"
    # last Friday of December 2026 is Christmas Day: skipped, not cancelled
    assert uid("monthly-library", "20261225") not in sessions
    assert uid("monthly-library", "20270129") in sessions
    market = sorted(start(e).date() for u, e in sessions.items() if u.startswith("surgery-one-off-market-"))
    assert market == [dt.date(2026, 12, 5), dt.date(2027, 1, 16)]
    fortnightly = sorted(start(e).date() for u, e in sessions.items() if "fortnightly-church" in u)
    assert fortnightly[:3] == [dt.date(2026, 11, 26), dt.date(2026, 12, 10), dt.date(2026, 12, 24)]
    assert fortnightly[-1] == dt.date(2027, 3, 18)  # 'last' (25 March) is an off week: it only bounds the series
    assert str(sessions[uid("fortnightly-church", "20261126")]["STATUS"]) == "TENTATIVE"  # not verified
    assert not [u for u in sessions if "ended-series" in u or "to-be-confirmed" in u]


def test_times_are_london_wall_clock_on_both_sides_of_the_clock_change(site: Path) -> None:
    raw = (site / "surgeries.ics").read_bytes().decode().replace("\r\n ", "")
    # the monthly surgery at 18:00 in winter (GMT) and in summer (BST) alike
    assert "DTSTART;TZID=Europe/London:20270129T180000" in raw
    assert "DTSTART;TZID=Europe/London:20270430T180000" in raw
    cal = calendar(site, "surgeries.ics")
    zone = next(iter(cal.walk("VTIMEZONE"))).to_tz()  # the VTIMEZONE this file carries, not the system's
    for event in cal.walk("VEVENT"):
        local = event.decoded("DTSTART")
        if "monthly-library" in str(event["UID"]):
            assert local.hour == 18
            utc = local.replace(tzinfo=zone).astimezone(dt.UTC)
            assert utc.hour == (17 if dt.date(2027, 3, 28) <= local.date() < dt.date(2027, 10, 31) else 18)


def test_events_calendar_has_upcoming_events_of_every_kind(site: Path) -> None:
    events = events_of(calendar(site, "events.ics"))
    ids = {u.split("@")[0].removeprefix("event-") for u in events}
    assert ids == {"open-day", "awareness-week-2027", "evening-talk", "online-session", "cancelled-walk",
                   "moved-forum", "weekend-festival"}  # the past vigil has dropped off

    def get(name: str) -> icalendar.Event:
        return events[f"event-{name}{LONDON_UID}"]

    open_day = get("open-day")
    assert (open_day.decoded("DTSTART"), open_day.decoded("DTEND")) == (dt.date(2026, 12, 5), dt.date(2026, 12, 6))
    week = get("awareness-week-2027")
    assert (week.decoded("DTSTART"), week.decoded("DTEND")) == (dt.date(2027, 10, 9), dt.date(2027, 10, 17))
    assert [str(c) for c in week["CATEGORIES"].cats] == ["Hate Crime Awareness Week"]
    talk = get("evening-talk")
    assert talk.decoded("DTSTART").astimezone(dt.UTC) == dt.datetime(2027, 3, 30, 17, 30, tzinfo=dt.UTC)
    online = get("online-session")
    assert str(online["LOCATION"]) == "https://example.org/join"
    assert str(get("cancelled-walk")["STATUS"]) == "CANCELLED"
    festival = get("weekend-festival")
    assert festival.decoded("DTEND") - festival.decoded("DTSTART") == dt.timedelta(hours=30)
    assert str(get("awareness-week-2027")["STATUS"]) == "TENTATIVE"


def test_text_is_escaped_and_reads_back_unchanged(site: Path) -> None:
    raw = (site / "events" / "moved-forum.ics").read_bytes().decode().replace("\r\n ", "")  # unfolded
    assert "Talk\\, listen\\; ask questions\\, bring a friend." in raw
    assert "Cost: £5\\; concessions £2\\, children free" in raw
    event = next(iter(calendar(site, "events/moved-forum.ics").walk("VEVENT")))
    description = str(event["DESCRIPTION"])
    assert description.startswith("Talk, listen; ask questions, bring a friend.\n\nCost: £5; concessions £2,")
    walk = next(iter(calendar(site, "events.ics").walk("VEVENT")))
    assert walk  # the file with every event parses as a whole
    church = events_of(calendar(site, "events.ics"))[f"event-cancelled-walk{LONDON_UID}"]
    assert str(church["LOCATION"]) == "St Example's Church & Hall, Testtown, WV1 2BB"


def test_uids_are_stable_and_builds_are_repeatable(tmp_path: Path, site: Path) -> None:
    later = tmp_path / "later"
    build_to(ROOT, later, dt.date(2026, 12, 1))
    before = events_of(calendar(site, "surgeries.ics"))
    after = events_of(calendar(later, "surgeries.ics"))
    common = set(before) & set(after)
    assert len(common) > 20 and f"surgery-weekly-hub-20261124{LONDON_UID}" not in after
    for uid in common:
        assert start(before[uid]) == start(after[uid])
    again = tmp_path / "again"
    build_to(ROOT, again, TODAY)
    for name in ("surgeries.ics", "events.ics", "events/open-day.ics"):
        assert (again / name).read_bytes() == (site / name).read_bytes()


def test_event_pages_link_to_their_own_calendar_file(site: Path) -> None:
    tree = parse_html((site / "events" / "open-day" / "index.html").read_bytes())
    link = next(a for a in tree.iter("a") if "".join(a.itertext()).strip() == "Add to calendar")
    assert link.get("href") == "/listings/events/open-day.ics"
    assert (site / "events" / "open-day.ics").is_file()
    for finished in ("past-vigil", "cancelled-walk"):
        tree = parse_html((site / "events" / finished / "index.html").read_bytes())
        assert not [a for a in tree.iter("a") if (a.get("href") or "").endswith(".ics")]


def test_default_site_invents_no_surgery_dates(default_site: Path) -> None:
    cal = calendar(default_site, "surgeries.ics")
    assert list(cal.walk("VEVENT")) == []
    tree = parse_html((default_site / "surgeries" / "index.html").read_bytes())
    text = " ".join(" ".join(tree.find(".//main").itertext()).split())
    assert text.count("Dates to be confirmed.") == 5
    assert "Next:" not in text and "Add all surgery dates" not in text
