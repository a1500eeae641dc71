"""What the command line accepts, shared with the modules behind it: kept apart from them so the command line
starts (and finds a site up to date) without loading the YAML, Markdown and template libraries."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

FIRST_YEAR, LAST_YEAR = 1900, 2199  # the years a date may have, in the content and after --today
KINDS = ("post", "page", "event", "translation")  # what `build.py new` can start


@dataclass(frozen=True)
class BuildOptions:
    """How to build: every field is part of what decides whether a published site is up to date (uptodate.py)."""

    today: dt.date
    drafts: bool = False  # the preview shows drafts and scheduled posts with a banner; a build never writes them
    strict: bool = False
    workers: int | None = None
