"""Limits that keep hostile Markdown from hanging the build: a check for the shapes known to be slow, and a clock.

Python-Markdown backtracks: 20,000 unclosed `[` in one paragraph take minutes, and lists nested a thousand levels
deep take a minute before they overflow the stack. No real page comes near these shapes, so they are refused with a
problem at the line where they start; the clock catches any shape not foreseen here.
"""

from __future__ import annotations

import re
import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TypeVar

T = TypeVar("T")
MAX_OPEN_BRACKETS = 50  # unclosed [ in one paragraph; a real page has one or two at most
MAX_NESTING = 24  # list items, quotes and indenting before a line's text: real pages nest three or four levels
PAGE_SECONDS = 10.0  # a long real page renders in well under a second
_BRACKET = re.compile(r"\\.|[\[\]]")  # an escaped character is skipped whole
_PREFIX = re.compile(r"(?:[ \t]|>|[*+-][ \t]|\d{1,9}[.)][ \t])*")
# Each level of nesting takes at least one character of a line's prefix, so only a line starting with more than
# MAX_NESTING of these characters can nest too deeply: one search over the page rules out every other line.
_DEEP_START = re.compile(rf"^[ \t>*+\-0-9.)]{{{MAX_NESTING + 1}}}", re.M)


@dataclass(frozen=True, slots=True)
class Hazard:
    line: int  # 0-based, within the Markdown text
    column: int  # 1-based
    message: str
    hint: str


class TooSlow(Exception):
    """The clock ran out while a page was being turned into HTML."""


def _nesting(prefix: str) -> int:
    spaces = prefix.replace("\t", "    ").count(" ")
    markers = len(re.findall(r">|[*+-][ \t]|\d[.)][ \t]", prefix))
    return markers + spaces // 4


def markdown_hazard(text: str) -> Hazard | None:
    """The first place where the Markdown takes a shape known to make Python-Markdown crawl or crash."""
    if text.count("[") <= MAX_OPEN_BRACKETS and not _DEEP_START.search(text):
        return None  # the line-by-line look below costs more than rendering some pages
    open_brackets = 0
    for number, line in enumerate(text.split("\n")):
        if not line.strip():
            open_brackets = 0  # brackets never pair across paragraphs
            continue
        prefix = _PREFIX.match(line)
        if prefix and _nesting(prefix.group()) > MAX_NESTING:
            return Hazard(number, 1, f"lists, quotes or indenting are nested more than {MAX_NESTING} levels deep here",
                          "write the list out more simply: nest it three or four levels at most")
        for bracket in _BRACKET.finditer(line):
            if bracket.group() == "[":
                open_brackets += 1
                if open_brackets > MAX_OPEN_BRACKETS:
                    return Hazard(number, bracket.start() + 1, f"more than {MAX_OPEN_BRACKETS} square brackets [ "
                                  "are opened here and not closed",
                                  "close each [ with a ], or write \\[ for a bracket on its own")
            elif bracket.group() == "]" and open_brackets:
                open_brackets -= 1
    return None


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise TooSlow inside the block once `seconds` have passed. Only the main thread can be interrupted; other
    threads run without the clock (they still have the shape check)."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return

    def expire(_signal: int, _frame: object) -> None:
        raise TooSlow

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def guarded(make: Callable[[], T], seconds: float = PAGE_SECONDS) -> T | str:
    """make(), or a plain-words reason when it ran too long or recursed too deeply."""
    try:
        with time_limit(seconds):
            return make()
    except TooSlow:
        return f"this page took more than {seconds:.0f} seconds to turn into a web page"
    except RecursionError:
        return "this page is nested too deeply to turn into a web page"
