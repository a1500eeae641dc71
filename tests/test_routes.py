"""routes.py: every address in one place, with a language prefix for any language but the site's own."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from stophate import routes
from tests.conftest import REPO, parse_html

SHAPES = re.compile(r"/(centres|events|news|surgeries)[/.\"']")


@pytest.mark.parametrize(("url", "lang", "expected"), [
    (routes.home(), "", "/"),
    (routes.home("pa"), "pa", "/pa/"),
    (routes.page("report"), "", "/report/"),
    (routes.page("report", "pa"), "pa", "/pa/report/"),
    (routes.post("week", "ur"), "ur", "/ur/news/week/"),
    (routes.centre("library", "pl"), "pl", "/pl/centres/library/"),
    (routes.centre_filter("area", "wv1"), "", "/centres/area/wv1/"),
    (routes.event_calendar("stall", "ro"), "ro", "/ro/events/stall.ics"),
    (routes.share_image("week", "pa"), "pa", "/pa/news/week/share.png"),
    (routes.feed("pa"), "pa", "/pa/feed.xml"),
    (routes.not_found("pa"), "pa", "/pa/404.html"),
])
def test_each_language_but_the_default_has_its_prefix(url: str, lang: str, expected: str) -> None:
    assert url == expected


@pytest.mark.parametrize(("url", "path"), [
    ("/", "index.html"),
    ("/pa/", "pa/index.html"),
    ("/centres/area/wv1/", "centres/area/wv1/index.html"),
    ("/events/stall.ics", "events/stall.ics"),
    ("/feed.xml", "feed.xml"),
    ("/news/week/share.png", "news/week/share.png"),
])
def test_the_output_file_comes_from_the_address(url: str, path: str) -> None:
    assert routes.output_path(url) == path


def test_markdown_links_name_the_address_of_their_file() -> None:
    assert routes.markdown_link("../posts/week.md") == "/news/week/"
    assert routes.markdown_link("/pages/report.md") == "/report/"
    assert routes.markdown_link("index.md") == "/"


def test_url_shapes_are_written_in_no_template_and_in_one_python_module() -> None:
    templates = [p for p in (REPO / "templates").rglob("*") if p.is_file()]
    assert not [p.name for p in templates if SHAPES.search(p.read_text())]
    python = [p for p in (REPO / "stophate").rglob("*.py") if p.name != "routes.py"]
    # comments and the schema's examples show what an editor writes in the content; they make no address
    written = [f"{p.name}:{n}" for p in python for n, line in enumerate(p.read_text().splitlines(), 1)
               if SHAPES.search(line.split("  # ")[0]) and not line.lstrip().startswith("#") and "example=" not in line]
    assert written == []


def test_templates_link_by_route_name_in_the_page_language() -> None:
    from stophate.config import load_site
    from stophate.errors import Problems
    from stophate.render import make_environment

    site = load_site(REPO, Problems())
    env = make_environment(Path(REPO), site)
    template = env.from_string('<a href="{{ url("centre", "x") }}">x</a><a href="{{ url("data_file", "events") }}">'
                               'd</a><a href="{{ url("/style.css") }}">s</a>')
    links = [a.get("href") for a in parse_html(template.render(lang="pa")).iter("a")]
    assert links == ["/pa/centres/x/", "/events.json", "/style.css"]
    assert next(a.get("href") for a in parse_html(template.render()).iter("a")) == "/centres/x/"
