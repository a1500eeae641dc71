"""JSON-LD on event and centre pages, and the JSON files partners reuse: parsed and checked property by property."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from stophate.outputs.structured import script_json
from tests.conftest import REPO, parse_html

ROOT = REPO / "tests" / "sites" / "listings"
TODAY = dt.date(2026, 11, 24)
BASE = "https://example.org/listings/"
SCHEMA = "https://schema.org/"


@pytest.fixture
def site(listings_site: Path) -> Path:
    return listings_site


def jsonld(site: Path, page: str) -> dict[str, Any]:
    tree = parse_html((site / page / "index.html").read_bytes())
    scripts = [s for s in tree.iter("script") if s.get("type") == "application/ld+json"]
    assert len(scripts) == 1, page
    return json.loads(scripts[0].text or "")


EVENT_REQUIRED = ("@context", "@type", "name", "startDate", "location", "eventStatus", "eventAttendanceMode",
                  "url", "organizer")


@pytest.mark.parametrize("event", ["open-day", "awareness-week-2027", "evening-talk", "online-session",
                                   "cancelled-walk", "moved-forum", "weekend-festival", "past-vigil"])
def test_every_event_page_has_an_event_with_the_required_properties(site: Path, event: str) -> None:
    data = jsonld(site, f"events/{event}")
    assert data["@context"] == "https://schema.org" and data["@type"] == "Event"
    assert [key for key in EVENT_REQUIRED if key not in data] == []
    assert data["url"] == f"{BASE}events/{event}/"
    assert dt.date.fromisoformat(data["startDate"][:10]) <= dt.date.fromisoformat(data["endDate"][:10])


def test_event_dates_status_location_and_cost(site: Path) -> None:
    talk = jsonld(site, "events/evening-talk")
    assert (talk["startDate"], talk["endDate"]) == ("2027-03-30T18:30:00+01:00", "2027-03-30T20:00:00+01:00")
    assert talk["location"]["@type"] == "Place" and talk["location"]["name"] == "City Library"
    assert talk["location"]["address"] == {"@type": "PostalAddress", "streetAddress": "2 Example Square",
                                           "addressLocality": "Testtown", "postalCode": "WV1 1AA",
                                           "addressCountry": "GB"}
    assert talk["location"]["geo"] == {"@type": "GeoCoordinates", "latitude": 52.58, "longitude": -2.13}
    assert talk["eventStatus"] == SCHEMA + "EventScheduled" and talk["isAccessibleForFree"] is True

    walk = jsonld(site, "events/cancelled-walk")
    assert walk["eventStatus"] == SCHEMA + "EventCancelled"
    forum = jsonld(site, "events/moved-forum")
    assert forum["eventStatus"] == SCHEMA + "EventRescheduled"
    assert forum["previousStartDate"] == "2027-01-13T18:00:00+00:00"
    assert forum["isAccessibleForFree"] is False

    online = jsonld(site, "events/online-session")
    assert "isAccessibleForFree" not in online  # no cost in the content: nothing said about it
    assert online["location"] == {"@type": "VirtualLocation", "url": "https://example.org/join"}
    assert online["eventAttendanceMode"] == SCHEMA + "OnlineEventAttendanceMode"
    festival = jsonld(site, "events/weekend-festival")
    assert [place["@type"] for place in festival["location"]] == ["Place", "VirtualLocation"]
    assert festival["eventAttendanceMode"] == SCHEMA + "MixedEventAttendanceMode"

    week = jsonld(site, "events/awareness-week-2027")
    assert (week["startDate"], week["endDate"]) == ("2027-10-09", "2027-10-16")
    assert week["location"]["name"] == "Testtown"  # no venue: the area the site serves
    open_day = jsonld(site, "events/open-day")
    assert open_day["offers"] == {"@type": "Offer", "url": "https://example.org/book", "price": "0",
                                  "priceCurrency": "GBP", "availability": SCHEMA + "InStock"}


def test_centre_pages_have_a_civic_structure_with_address_and_opening_hours(site: Path) -> None:
    hub = jsonld(site, "centres/north-hub")
    assert hub["@type"] == "CivicStructure" and hub["name"] == "North Community Hub"
    assert hub["address"]["postalCode"] == "WV10 6AA" and hub["telephone"] == "0800 555 111"
    assert hub["openingHoursSpecification"] == [
        {"@type": "OpeningHoursSpecification", "dayOfWeek": [SCHEMA + d for d in
                                                              ("Monday", "Tuesday", "Wednesday", "Thursday",
                                                               "Friday")],
         "opens": "09:00", "closes": "17:00"},
        {"@type": "OpeningHoursSpecification", "dayOfWeek": [SCHEMA + "Saturday"], "opens": "10:00",
         "closes": "13:00"},
    ]
    assert [f["name"] for f in hub["amenityFeature"]] == ["Step-free access", "Hearing loop", "Accessible toilet"]
    church = jsonld(site, "centres/east-church")
    assert church["name"] == "St Example's Church & Hall"
    assert "openingHoursSpecification" not in church and "geo" not in church


def test_script_json_cannot_close_its_script_element() -> None:
    text = str(script_json({"name": "</script><script>alert(1)</script> & <!--"}))
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text)["name"] == "</script><script>alert(1)</script> & <!--"


def test_centres_json_for_partners(site: Path) -> None:
    data = json.loads((site / "centres.json").read_text("utf-8"))
    assert (data["format"], data["generated"], data["url"]) == (1, "2026-11-24", BASE + "centres.json")
    hub = next(c for c in data["centres"] if c["id"] == "north-hub")
    assert hub["area"] == "WV10" and hub["url"] == BASE + "centres/north-hub/"
    assert hub["opening_hours"][1] == {"days": ["Saturday"], "opens": "10:00", "closes": "13:00",
                                       "note": "Drop in, no appointment needed"}
    assert [c["verified"] for c in data["centres"]] == [True, True, False]


def test_events_and_surgeries_json_for_partners(site: Path) -> None:
    events = json.loads((site / "events.json").read_text("utf-8"))["events"]
    assert [e["id"] for e in events][:2] == ["open-day", "online-session"]
    assert "past-vigil" not in {e["id"] for e in events}
    forum = next(e for e in events if e["id"] == "moved-forum")
    assert (forum["status"], forum["moved_from"], forum["free"]) == ("moved", "2027-01-13T18:00:00+00:00", False)
    assert forum["calendar"] == BASE + "events/moved-forum.ics"
    surgeries = {s["id"]: s for s in json.loads((site / "surgeries.json").read_text("utf-8"))["surgeries"]}
    assert surgeries["to-be-confirmed"]["dates_confirmed"] is False and surgeries["to-be-confirmed"]["sessions"] == []
    weekly = surgeries["weekly-hub"]["sessions"]
    assert weekly[0] == {"date": "2026-11-24", "starts": "2026-11-24T10:00:00+00:00",
                         "ends": "2026-11-24T12:00:00+00:00", "status": "scheduled", "moved_from": None,
                         "venue": weekly[0]["venue"]}
    assert {s["status"] for s in weekly} == {"scheduled", "moved", "cancelled"}


def test_default_site_json_invents_nothing(default_site: Path) -> None:
    surgeries = json.loads((default_site / "surgeries.json").read_text("utf-8"))["surgeries"]
    assert surgeries and all(s["sessions"] == [] and not s["dates_confirmed"] for s in surgeries)
    centres = json.loads((default_site / "centres.json").read_text("utf-8"))["centres"]
    assert all(not c["opening_hours"] and c["phone"] is None and not c["verified"] for c in centres)
