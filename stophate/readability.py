"""Plain-English checks on every content page: reading grade, heading order, link text, tables and images.

Residents include people with little English and people reading in a hurry, so a page that reads harder than the
site's `reading_grade` earns a warning. The grade is the Flesch-Kincaid grade level (a US school year):
    0.39 * words per sentence + 11.8 * syllables per word - 15.59
Syllables come from pyphen's hyphenation dictionaries (offline, well kept), not from a word list that a library
would download at build time. Only prose counts: headings, list items and table cells are short by design.
Everything here is a warning, never an error: the editor decides.
"""

from __future__ import annotations

import functools
import re
import xml.etree.ElementTree as etree
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pyphen

from .contentfiles import Refused, read_inside
from .errors import Position, Problems
from .models import Page

# Link text that means nothing when a screen reader lists the links of a page on their own.
VAGUE_LINK_TEXT = frozenset({
    "click here", "here", "click", "this link", "link", "read more", "more", "more info", "more information",
    "this page", "find out more", "learn more", "go", "this", "website",
})
EASY_READ_GRADE = 4.0  # easy read pages: about reading age 9, whatever the site's own target
EASY_READ_WORDS = 15  # easy read guidance asks for sentences of about 10 words; longer than this warns
MIN_WORDS = 60  # below this a grade says more about one sentence than about the page
_WORD = re.compile(r"[A-Za-z]+(?:['\u2019][A-Za-z]+)*")
_SENTENCE_END = re.compile(r"[.!?]+(?:[\"'\u201d\u2019)]*)(?:\s|$)")


@functools.cache
def _dictionary() -> pyphen.Pyphen:
    return pyphen.Pyphen(lang="en_GB")


@functools.lru_cache(maxsize=20_000)
def syllables(word: str) -> int:
    """Syllables in one word: the larger of pyphen's hyphenation points plus one and a vowel-group count.

    Hyphenation dictionaries avoid some breaks a reader still hears ("com-mu-ni-ty" hyphenates as two parts),
    so the vowel groups, less a silent final e, catch what they miss.
    """
    word = word.lower().replace("\u2019", "'").strip("'")
    if not word:
        return 0
    by_pattern = len(_dictionary().positions(word)) + 1
    by_vowels = len(re.findall(r"[aeiouy]+", word))
    if word.endswith("e") and not re.search(r"[^aeiouy]le$", word) and by_vowels > 1:
        by_vowels -= 1
    return max(1, by_pattern, by_vowels)


def grade_level(text: str) -> tuple[float, int]:
    """The Flesch-Kincaid grade of plain text, and the number of words it was measured on."""
    words = _WORD.findall(text)
    if not words:
        return 0.0, 0
    sentences = max(1, len(_SENTENCE_END.findall(text.strip() + " ")))
    syllable_count = sum(syllables(w) for w in words)
    grade = 0.39 * len(words) / sentences + 11.8 * syllable_count / len(words) - 15.59
    return round(grade, 1), len(words)


_VOID = frozenset({"area", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})


class _TreeParser(HTMLParser):
    """nh3's output is well-formed HTML, so the standard library's parser can turn it into an element tree."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.builder = etree.TreeBuilder()
        self.builder.start("body", {})
        self.open: list[str] = ["body"]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.builder.start(tag, {k: v or "" for k, v in attrs})
        if tag in _VOID:
            self.builder.end(tag)
        else:
            self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.open[1:]:
            while self.open[-1] != tag:
                self.builder.end(self.open.pop())
            self.builder.end(self.open.pop())

    def handle_data(self, data: str) -> None:
        self.builder.data(data)

    def tree(self, html: str) -> etree.Element:
        self.feed(html)
        self.close()
        while self.open:
            self.builder.end(self.open.pop())
        return self.builder.close()


_VOID_TAG = re.compile(r"<(area|br|col|embed|hr|img|input|wbr)(\b[^>]*?)\s*/?>")


def parse_fragment(html: str) -> etree.Element:
    """Sanitised Markdown output is nearly XML: with void tags closed, the C XML parser reads it ten times faster
    than html.parser. Anything it cannot read goes the slow, forgiving way."""
    try:
        return etree.fromstring("<body>" + _VOID_TAG.sub(r"<\1\2 />", html).replace("&nbsp;", "&#160;") + "</body>")
    except etree.ParseError:
        return _TreeParser().tree(html)


def _text(element: Any) -> str:
    return " ".join("".join(element.itertext()).split())


def _prose(tree: Any) -> str:
    """The page's paragraphs, each ending a sentence, so a paragraph without a full stop still counts as one."""
    parts = []
    for p in tree.iter("p"):
        text = _text(p)
        if text:
            parts.append(text if re.search(r"[.!?][\"'\u201d\u2019)]*$", text) else text + ".")
    return " ".join(parts)


class _Locator:
    """Finds the source line of a piece of text, so a warning points at the line to change."""

    def __init__(self, root: Path, page: Page) -> None:
        self.page = page
        try:
            self.lines = read_inside(root, root / page.source).decode("utf-8-sig").splitlines()
        except (Refused, UnicodeDecodeError):
            self.lines = []
        self.cursors: dict[str, tuple[int, int]] = {}  # per kind of warning: where the last one was found

    def find(self, *needles: str, kind: str = "", rows: bool = False) -> Position:
        """Where the first needle is written. Warnings of one kind come in document order, so each search starts
        after the previous one of its kind: ten vague links are ten warnings at ten places, not one at the first.
        With rows, only table rows (lines starting with |) are searched."""
        for start in (self.cursors.get(kind, (0, 0)), (0, 0)):
            for needle in needles:
                found = self._search(needle.strip(), start, rows)
                if found is not None:
                    self.cursors[kind] = (found[0], found[1] + 1)
                    return Position(self.page.source, found[0] + 1, found[1] + 1)
        return self.page.pos

    def _search(self, needle: str, start: tuple[int, int], rows: bool) -> tuple[int, int] | None:
        if not needle:
            return None
        for number in range(start[0], len(self.lines)):
            line = self.lines[number]
            if rows and not line.lstrip().startswith("|"):
                continue
            column = line.find(needle, start[1] if number == start[0] else 0)
            if column >= 0:
                return number, column
        return None


def _heading_problems(tree: Any, where: _Locator, problems: Problems) -> None:
    level = 1  # the page title is the h1; the body starts below it
    for element in tree.iter():
        tag = element.tag
        if re.fullmatch(r"h[1-6]", tag):
            new = int(tag[1])
            if new > level + 1:
                text = _text(element)
                problems.warn(where.find("#" * new + " " + text, text, kind="heading"), "body",
                              f'the heading "{text}" skips from level {level} to level {new}',
                              f"use {'#' * (level + 1)} for this heading, so screen reader users do not think "
                              "they missed a section")
            level = new


def _link_problems(tree: Any, where: _Locator, problems: Problems) -> None:
    for link in tree.iter("a"):
        text = _text(link)
        if text.lower().strip(" .:!") in VAGUE_LINK_TEXT:
            problems.warn(where.find(f"[{text}]", text, kind="link"), "body",
                          f'the link text "{text}" does not say where it goes',
                          "use words that make sense on their own, for example [how to report hate crime](/report/)")


def _table_problems(tree: Any, where: _Locator, problems: Problems) -> None:
    for table in tree.iter("table"):
        first_cell = next((_text(c) for c in table.iter() if c.tag in ("th", "td") and _text(c)), "")
        at = where.find(first_cell, kind="table", rows=True)
        if table.find(".//th") is None:
            problems.warn(at, "body", "a table has no header cells",
                          "give the table a header row: the line under it is made of dashes, like | --- | --- |")
        if table.find("caption") is None:
            problems.warn(at, "body", "a table has no caption",
                          'put a line starting "Table:" just above the table, for example Table: Opening times')


def _image_problems(tree: Any, where: _Locator, problems: Problems) -> None:
    for image in tree.iter("img"):
        if image.get("alt") is None:
            problems.warn(where.find(image.get("src") or "![", kind="image"), "body", "an image has no alt text",
                          "describe the picture in the square brackets: ![Volunteers at a stall](/images/x.jpg)")


def _easy_read_problems(tree: Any, where: _Locator, problems: Problems) -> None:
    """Easy read: one idea per line with a picture beside it, and sentences of about ten words."""
    for paragraph in tree.iter("p"):
        text = _text(paragraph)
        if not text:
            continue
        first = next(iter(paragraph), None)
        if first is None or first.tag != "img" or (paragraph.text or "").strip():
            problems.warn(where.find(text[:40]), "body", "this line has no picture beside it",
                          "start the line with a picture that shows its idea: "
                          "![A phone](/easy-read/phone.svg) Call 101.")
        for sentence in re.split(r"(?<=[.!?])\s+", text):
            words = len(re.findall(r"\w+(?:['\u2019]\w+)*", sentence))
            if words > EASY_READ_WORDS:
                problems.warn(where.find(sentence[:40]), "body",
                              f"this sentence has {words} words; easy read sentences have about 10",
                              "split it into two short sentences, one idea each")


def check_page(root: Path, page: Page, reading_grade: float, problems: Problems) -> float | None:
    """Add warnings for one page; return its grade (None when it is too short to measure)."""
    tree = parse_fragment(page.body_html)
    where = _Locator(root, page)
    if page.easy_read_of:
        _easy_read_problems(tree, where, problems)
        reading_grade = min(reading_grade, EASY_READ_GRADE)
    _heading_problems(tree, where, problems)
    _link_problems(tree, where, problems)
    _table_problems(tree, where, problems)
    _image_problems(tree, where, problems)
    if page.lang and not page.lang.lower().startswith("en"):
        return None  # the grade formula and syllable counts are for English text only
    grade, words = grade_level(_prose(tree))
    if words < MIN_WORDS:
        return None
    if grade > reading_grade:
        problems.warn(page.pos, "body", f"this page reads at school grade {grade:g}, above the site's "
                      f"reading_grade of {reading_grade:g}",
                      "use shorter sentences and everyday words; split long paragraphs")
    return grade
