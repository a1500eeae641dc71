"""The Atom feed: the newest posts only, so it does not grow with the site."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

from stophate.config import load_site
from stophate.errors import Problems
from stophate.models import Page
from stophate.outputs.feeds import FEED_ENTRIES, atom_feed
from tests.conftest import REPO, TODAY

ATOM = "{http://www.w3.org/2005/Atom}"


def test_the_feed_keeps_the_newest_posts_only() -> None:
    first = dt.date(2026, 1, 1)
    posts = [Page(source=f"content/posts/p{n}.md", slug=f"p{n}", url=f"/news/p{n}/", title=f"Post {n}",
                  summary="", body_html=f"<p>Post {n}.</p>", is_post=True, date=first + dt.timedelta(days=n))
             for n in range(FEED_ENTRIES + 20)][::-1]  # newest first, as the news page lists them
    site = load_site(REPO, Problems())
    feed = ET.fromstring(atom_feed(site, posts, lambda path: "https://example.org" + path, TODAY))
    titles = [entry.find(f"{ATOM}title").text for entry in feed.iter(f"{ATOM}entry")]
    assert titles == [f"Post {n}" for n in range(FEED_ENTRIES + 19, 19, -1)]
    assert feed.find(f"{ATOM}updated").text == f"{posts[0].date.isoformat()}T00:00:00Z"
