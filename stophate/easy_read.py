"""Easy read versions of pages: which page each retells, the links between the two, and that each names a real page.

An easy read page (front matter `easy_read_of: report`) is published beside the page it retells
(/report/easy-read/), linked from the top of that page, and checked more strictly by readability.py.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable

from . import routes
from .errors import Problems
from .models import Page


def links(pages: Iterable[Page]) -> dict[str, dict[str, str]]:
    """For each page with an easy read version, and each easy read page: the address of the other one."""
    found: dict[str, dict[str, str]] = {}
    for page in pages:
        if page.easy_read_of:
            original = routes.page(page.easy_read_of)
            found.setdefault(original, {})["version"] = page.url
            found.setdefault(page.url, {})["original"] = original
    return found


def check(pages: list[Page], problems: Problems, missing: Callable[[str], bool] = lambda url: False) -> None:
    """Each easy read page retells a page that exists (not a post, not another easy read page), or one that
    `missing` says has problems of its own."""
    slugs = sorted(p.slug for p in pages if not p.is_post and not p.easy_read_of)
    for page in pages:
        if page.easy_read_of and page.easy_read_of not in slugs and not missing(routes.page(page.easy_read_of)):
            close = difflib.get_close_matches(page.easy_read_of, slugs, n=1)
            problems.add(page.at("easy_read_of"), "easy_read_of",
                         f"there is no page '{page.easy_read_of}' for this to be the easy read version of",
                         (f"did you mean {close[0]}? " if close else "") + "use the slug of a page, such as report")
