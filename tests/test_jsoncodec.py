"""Parsed pages as JSON data and back (jsoncodec.py): every value exactly as it was, anything else refused."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from markupsafe import Markup

from stophate import jsoncodec
from stophate.content import load_pages
from stophate.errors import Position, Problem, Problems
from stophate.models import CampaignMessage, Heading, Page
from tests.conftest import REPO

PARSED = tuple[Page | None, tuple[Problem, ...]]


def _round_trip(value: object, hint: object) -> object:
    return jsoncodec.decode(hint, json.loads(json.dumps(jsoncodec.encode(value))))


def test_every_page_of_the_default_site_comes_back_equal() -> None:
    pages = load_pages(REPO, "/", Problems(), 1, {})
    assert len(pages) > 10
    assert any(p.headings for p in pages) and any(p.links for p in pages) and any(p.date for p in pages)
    for page in pages:
        assert _round_trip((page, ()), PARSED) == (page, ())


def test_every_kind_of_field_comes_back_with_its_type() -> None:
    where = Position("content/posts/x.md", 3, 7)
    page = Page(source="content/posts/x.md", slug="x", url="/news/x/", title="X", summary="", body_html="<p>x</p>",
                is_post=True, date=dt.date(2026, 10, 1), updated=None, draft=True, image="/images/x.png",
                headings=(Heading(2, "a", "A"), Heading(3, "b", "B")), links=(("/report/", where),), words=1,
                centres=("library",), messages=(CampaignMessage("text", "big", fields=(("text", where),), pos=where),),
                fields=(("title", where),), pos=where)
    problems = (Problem(where, "summary", "no summary", "add one", "warning"),)
    back = _round_trip((page, problems), PARSED)
    assert back == (page, problems)
    assert type(back[0].date) is dt.date and type(back[0].headings) is tuple and back[0].updated is None
    assert _round_trip((None, problems), PARSED) == (None, problems)


@pytest.mark.parametrize("data", [
    [None, [[["a.md", True, 1], "f", "m", "h", "error"]]],  # a boolean where a line number goes
    [None, [[["a.md", 1, 1], "f", "m", "h", "fatal"]]],  # a severity that does not exist
    [None, [[["a.md", 1], "f", "m", "h", "error"]]],  # a position without its column
    [None, [[["a.md", 1, 1], "f", "m", "h", "error", "extra"]]],
    [None, {"problems": []}],
    ["a page", []],
    [None, [[["a.md", 1, 1], ["f"], "m", "h", "error"]]],
])
def test_data_that_encode_would_not_write_is_refused(data: object) -> None:
    with pytest.raises(jsoncodec.Invalid):
        jsoncodec.decode(PARSED, data)


def test_a_page_with_a_bad_date_is_refused() -> None:
    pages = load_pages(REPO, "/", Problems(), 1, {})
    post = next(p for p in pages if p.date)
    data = jsoncodec.encode((post, ()))
    data[0][data[0].index(post.date.isoformat())] = "2026-13-45"
    with pytest.raises(jsoncodec.Invalid):
        jsoncodec.decode(PARSED, data)


def test_values_that_would_not_come_back_the_same_are_not_encoded() -> None:
    for value in (Markup("<b>x</b>"), {"a": 1}, [1], Path("x"), dt.datetime(2026, 1, 1)):
        with pytest.raises(TypeError):
            jsoncodec.encode(value)
