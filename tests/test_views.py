"""Models to component params: links residents tap (tel:, sms:, maps) and dates in plain UK form."""

from __future__ import annotations

import datetime as dt

from stophate.interface import interface_for
from stophate.localtext import LocalText
from stophate.models import Address, Centre, Contact, Event, Location
from stophate.views import contact, event_when, finder_options, map_href, share_links


def test_contacts_become_links_a_phone_can_use() -> None:
    english = interface_for("en-GB")
    assert contact(Contact("Call", phone="0808 168 9111"), english)["href"] == "tel:08081689111"
    assert contact(Contact("Text", sms="61016"), english)["href"] == "sms:61016"
    assert contact(Contact("Textphone", phone="18001 101"), english)["href"] == "tel:18001101"
    web = contact(Contact("Online", url="https://www.report-it.org.uk/"), english)
    assert web["text"] == "www.report-it.org.uk" and web["kind"] == "url"


def test_a_contact_label_is_in_the_page_language_where_given_and_its_number_as_written() -> None:
    label = LocalText("Call 101", "en-GB", (("pl", "Zadzwoń pod 101"),))
    polish = contact(Contact(label, phone="101", note=LocalText("Day and night", "en-GB")), interface_for("pl"))
    assert (polish["label"], polish["label_lang"], polish["text"]) == ("Zadzwoń pod 101", "pl", "101")
    assert (polish["note"], polish["note_lang"]) == ("Day and night", "en-GB")  # no Polish: English, said so


def test_map_links_go_to_openstreetmap() -> None:
    assert map_href("X", None, Location(52.5, -2.1)).startswith("https://www.openstreetmap.org/?mlat=52.50000")
    search = map_href("St Peter's", Address((), "Wolverhampton"), None)
    assert search == "https://www.openstreetmap.org/search?query=St+Peter%27s%2C+Wolverhampton"


ENGLISH = interface_for("en-GB")


def test_event_times_in_plain_words() -> None:
    day = dt.date(2027, 10, 9)
    assert event_when(Event("a", "A", (day, None), ends=(dt.date(2027, 10, 16), None)), ENGLISH) == \
        "Saturday 9 October 2027 to Saturday 16 October 2027"
    assert event_when(Event("a", "A", (day, dt.time(10)), ends=(day, dt.time(12))), ENGLISH) == \
        "Saturday 9 October 2027, 10:00 to 12:00"
    assert ENGLISH.long_date(dt.date(2026, 12, 1)) == "Tuesday 1 December 2026"


def test_event_times_in_another_language() -> None:
    day = dt.date(2027, 10, 9)
    event = Event("a", "A", (day, dt.time(10)), ends=(day, dt.time(12)))
    assert event_when(event, interface_for("pl")) == "sobota, 9 października 2027, od 10:00 do 12:00"
    assert event_when(event, interface_for("ur")) == "ہفتہ، 9 اکتوبر، 2027، 10:00 سے 12:00 تک"


def test_share_links_are_plain_links_with_hashtags() -> None:
    links = share_links("Speak up", "https://stophatewv.net/news/x/", ("#NationalHCAW",))
    names = [link["name"] for link in links]
    assert names == ["Facebook", "X (Twitter)", "WhatsApp", "LinkedIn", ""]
    assert links[-1]["email"] is True  # its text is a message of its own, "Share by email"
    assert all(link["href"].startswith(("https://", "mailto:")) for link in links)
    assert "%23NationalHCAW" in links[1]["href"]


def test_finder_language_options_keep_every_script() -> None:
    centres = (Centre(id="a", name="A", summary="s", languages=("Українська", "اردو", "Polski")),
               Centre(id="b", name="B", summary="s", languages=("ਪੰਜਾਬੀ", "Українська")))
    options = {o["label"]: (o["href"], o["count"]) for o in finder_options(centres, ENGLISH)["language"]}
    assert options == {"Українська": ("/centres/language/українська/", 2), "اردو": ("/centres/language/اردو/", 1),
                       "Polski": ("/centres/language/polski/", 1), "ਪੰਜਾਬੀ": ("/centres/language/ਪੰਜਾਬੀ/", 1)}
