"""The pages residents read, built from the listings fixture site: surgeries, events, centres and the finder."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from tests.conftest import REPO, parse_html
from tests.test_html_valid import validate

ROOT = REPO / "tests" / "sites" / "listings"
TODAY = dt.date(2026, 11, 24)


@pytest.fixture
def site(listings_site: Path) -> Path:
    return listings_site


def main(site: Path, page: str):
    return next(parse_html((site / page / "index.html").read_bytes()).iter("main"))


def words(element) -> str:
    return " ".join("".join(element.itertext()).split())


def card(site: Path, page: str, card_id: str):
    return next(a for a in main(site, page).iter("article") if a.get("id") == card_id)


def test_each_surgery_says_when_it_is_next(site: Path) -> None:
    weekly = words(card(site, "surgeries", "surgery-weekly-hub"))
    assert ("Next: Tuesday 24 November, 10:00 to 12:00 Tuesday 1 December, 10:00 to 12:00 "
            "Tuesday 8 December, 10:00 to 12:00") in weekly
    assert "Next: Friday 27 November, 18:00 to 19:30 Friday 29 January" in words(
        card(site, "surgeries", "surgery-monthly-library"))
    assert "No sessions are planned at the moment." in words(card(site, "surgeries", "surgery-ended-series"))
    unconfirmed = words(card(site, "surgeries", "surgery-to-be-confirmed"))
    assert "Dates to be confirmed." in unconfirmed and "check before you travel" in unconfirmed


def test_coming_up_lists_eight_weeks_across_venues_with_moves_and_cancellations(site: Path) -> None:
    section = next(s for s in main(site, "surgeries").iter("section")
                   if s.get("aria-labelledby") == "coming-up-heading")
    items = [words(li) for li in section.iter("li")]
    assert items[0] == "Tuesday 24 November, 10:00 to 12:00: Weekly surgery at the hub, North Community Hub"
    assert ("Wednesday 23 December, 14:00 to 16:00 (moved from 22 December 2026): Weekly surgery at the hub, "
            "City Library") in items
    assert "Tuesday 29 December, 10:00 to 12:00 cancelled: Weekly surgery at the hub, North Community Hub" in items
    assert not [i for i in items if "Friday 25 December" in i]  # a bank holiday, skipped
    times = [t.get("datetime") for t in section.iter("time")]
    assert times == sorted(times) and times[-1] < "2027-01-20"  # eight weeks from 24 November
    assert section.find(".//a[@download]").get("href") == "/listings/surgeries.ics"


def test_events_page_lists_upcoming_events_only(site: Path) -> None:
    body = main(site, "events")
    sections = {s.get("aria-labelledby"): [words(h) for h in s.iter("h3")] for s in body.iter("section")}
    assert sections["events-heading"][:3] == ["Open day at the hub", "Online question time", "Community walk"]
    assert not any("Vigil" in title for title in sections["events-heading"])
    assert any("Vigil" in title for title in sections["past-events-heading"])  # as the build's warning says
    assert "This event is cancelled." in words(card(site, "events", "event-cancelled-walk"))
    assert "New date: this event was going to be on Wednesday 13 January 2027, 18:00." in words(
        card(site, "events", "event-moved-forum"))


def test_event_page_details(site: Path) -> None:
    festival = words(main(site, "events/weekend-festival"))
    assert "Saturday 13 February 2027, 10:00 to Sunday 14 February 2027, 16:00" in festival
    assert "Join online" in festival and "Add to calendar" in festival
    assert "This event has finished." in words(main(site, "events/past-vigil"))


def test_centre_page_shows_opening_hours_as_a_table_and_a_map_link(site: Path) -> None:
    body = main(site, "centres/north-hub")
    table = body.find(".//table")
    rows = [[words(cell) for cell in row] for row in table.iter("tr")]
    assert rows == [["Days", "Times", "Notes"],
                    ["Monday, Tuesday, Wednesday, Thursday and Friday", "09:00 to 17:00", ""],
                    ["Saturday", "10:00 to 13:00", "Drop in, no appointment needed"]]
    links = [a.get("href") for a in body.iter("a")]
    assert "https://www.openstreetmap.org/?mlat=52.60000&mlon=-2.10000#map=18/52.60000/-2.10000" in links
    assert not body.findall(".//iframe") and not body.findall(".//img")


def filters(body) -> dict[str, list[tuple[str, str, bool]]]:
    result = {}
    for facet in body.iter("div"):
        if facet.get("data-finder-facet"):
            result[facet.get("data-finder-facet")] = [
                (words(a), a.get("href"), a.get("aria-current") == "page") for a in facet.iter("a")]
    return result


def centre_names(body) -> list[str]:
    return [words(a.find(".//h3")) for a in body.iter("article")]


def test_finder_lists_every_option_as_a_link(site: Path) -> None:
    body = main(site, "centres")
    found = filters(body)
    assert found["area"] == [("WV1", "/listings/centres/area/wv1/", False),
                             ("WV10", "/listings/centres/area/wv10/", False)]
    assert [label for label, _, _ in found["need"]] == [
        "Step-free access", "Hearing loop", "Accessible toilet", "Quiet room", "British Sign Language (BSL)",
        "Open on Saturdays", "Open on Sundays"]
    assert [label for label, _, _ in found["language"]] == ["English", "Panjabi", "Polish", "Urdu"]
    assert centre_names(body) == ["North Community Hub", "City Library", "St Example's Church & Hall"]
    (script,) = [s.get("src") for s in body.iter("script")]
    assert re.fullmatch(r"/listings/assets/finder\.[0-9a-f]{10}\.js", script)


@pytest.mark.parametrize(("path", "heading", "names"), [
    ("area/wv1", "Reporting centres: WV1", ["City Library", "St Example's Church & Hall"]),
    ("area/wv10", "Reporting centres: WV10", ["North Community Hub"]),
    ("need/step-free", "Reporting centres: Step-free access", ["North Community Hub", "City Library"]),
    ("need/open-saturdays", "Reporting centres: Open on Saturdays", ["North Community Hub"]),
    ("need/bsl", "Reporting centres: British Sign Language (BSL)", ["City Library"]),
    ("language/urdu", "Reporting centres: Urdu", ["City Library"]),
])
def test_each_filter_page_shows_only_matching_centres(site: Path, path: str, heading: str, names: list[str]) -> None:
    body = main(site, f"centres/{path}")
    assert words(body.find(".//h1")) == heading
    assert centre_names(body) == names
    current = [href for facet in filters(body).values() for _, href, now in facet if now]
    assert current == [f"/listings/centres/{path}/"]
    assert f"{len(names)} of 3 reporting centre" in words(body)
    assert "Show all reporting centres" in words(body)
    assert not list(body.iter("script"))  # the filter pages need no script at all


def test_default_site_finder_has_no_empty_filters(default_site: Path) -> None:
    body = main(default_site, "centres")
    assert filters(body) == {}  # no postcode, access feature or language is confirmed yet
    assert len(list(body.iter("article"))) == 2
    assert not (default_site / "centres" / "area").exists()


def test_listings_site_is_valid_html(site: Path) -> None:
    assert validate(site) == ""
