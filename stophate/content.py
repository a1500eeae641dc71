"""content/**/*.md -> Page models: front matter checked, Markdown rendered safely.

Safety is layered: Python-Markdown is told to treat raw HTML as text, a tree processor removes unsafe link
schemes and marks external links, and nh3 (a real HTML sanitiser) has the last word on every tag and attribute.
"""

from __future__ import annotations

import hashlib
import re
import xml.etree.ElementTree as etree
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from html import unescape
from pathlib import Path
from urllib.parse import urlsplit

import markdown
import nh3
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

from . import guards, mixedtext, routes, tables, translated
from .contentfiles import find_files
from .errors import Position, Problem, Problems
from .fields import INVALID, Ctx, build_record
from .models import Heading, Page, Parsed
from .pool import fork_map
from .scaffold import PLACEHOLDERS
from .schema import FRONT_MATTER
from .settled import Settled, read_changed
from .slugs import heading_id, is_slug, slugify
from .sourcefile import Mapping, Node, Scalar, Sequence, split_front_matter

_SAFE_SCHEMES = {"http", "https", "mailto", "tel", ""}
_ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "code", "dd", "del", "div", "dl", "dt", "em", "h2", "h3", "h4",
    "h5", "h6", "hr", "i", "img", "li", "ol", "p", "pre", "s", "span", "strong", "sub", "sup", "table", "tbody",
    "td", "tfoot", "th", "thead", "tr", "ul",
}
_ALLOWED_ATTRIBUTES = {
    "*": {"id", "class", "lang", "dir", "title"},
    "a": {"href", "rel", "hreflang"},
    "img": {"src", "alt", "width", "height", "loading"},
    "th": {"scope", "colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
    "ol": {"start"},
}


@dataclass(frozen=True, slots=True)
class LinkNote:
    """A link or image found while rendering, kept for checks once every page is known."""

    href: str
    kind: str  # "link" | "image"
    text: str


def _scheme(href: str) -> str | None:
    """The address's scheme in lower case ("" for a link within this site); None when it is no valid address.

    An address starting // names another host without a scheme: it counts as invalid, never as a site link.
    """
    try:
        parts = urlsplit(href)
    except ValueError:  # https://[::1 or a host with a full-width slash
        return None
    return None if parts.netloc and not parts.scheme else parts.scheme.lower()


class _LinkProcessor(Treeprocessor):
    """Prefix site links with the base path, neutralise unsafe schemes, mark external links, note images."""

    def __init__(self, md: markdown.Markdown, base_path: str) -> None:
        super().__init__(md)
        self.base_path = base_path
        self.notes: list[LinkNote] = []

    def _site_href(self, href: str) -> str:
        path, _, rest = href.partition("#")
        if path.endswith(".md"):
            path = routes.markdown_link(path)
        if path.startswith("/"):
            path = self.base_path + path.lstrip("/")
        return path + ("#" + rest if rest else "")

    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            if element.tag == "a":
                href = (element.get("href") or "").strip()
                # browsers ignore entities, tabs and control characters inside a scheme: so must we
                probe = re.sub(r"[\x00-\x20]", "", unescape(href))
                scheme = _scheme(probe)
                if scheme is None:
                    element.set("href", "#")
                    self.notes.append(LinkNote(href, "invalid", "".join(element.itertext())))
                elif scheme not in _SAFE_SCHEMES or re.match(r"^(javascript|data|vbscript):", probe, re.I):
                    element.set("href", "#")
                    self.notes.append(LinkNote(href, "unsafe", "".join(element.itertext())))
                elif scheme in ("http", "https"):
                    element.set("rel", "noopener noreferrer")
                    self.notes.append(LinkNote(href, "external", "".join(element.itertext())))
                elif scheme == "" and not href.startswith("#"):
                    self.notes.append(LinkNote(href, "link", "".join(element.itertext())))
                    element.set("href", self._site_href(href))
            elif element.tag == "img":
                src = (element.get("src") or "").strip()
                scheme = _scheme(src)
                self.notes.append(LinkNote(src, "image" if scheme is not None else "invalid", element.get("alt") or ""))
                if scheme != "":
                    element.set("src", "")  # pages never load anything from another host
                else:
                    element.set("src", self._site_href(src))
                element.set("loading", "lazy")


_SMART = re.compile(r"---|--|\.\.\.|\"|'")
_OPENERS = "([{-\u2013\u2014\u2018\u201c"
_INLINE_TAGS = {"a", "abbr", "b", "br", "del", "em", "i", "img", "s", "span", "strong", "sub", "sup"}
_SMART_TEXT = {"---": "\u2014", "--": "\u2013", "...": "\u2026"}


def smarten(text: str, before: str) -> str:
    """Curly quotes, dashes and ellipses in one pass; `before` is the character printed just before `text`."""

    def replace(match: re.Match[str]) -> str:
        token, start, end = match.group(), match.start(), match.end()
        if token in _SMART_TEXT:
            return _SMART_TEXT[token]
        prev = text[start - 1] if start else before
        following = text[end : end + 1]
        opening = (not prev or prev.isspace() or prev in _OPENERS) and not following.isspace()
        if token == '"':
            return "\u201c" if opening else "\u201d"
        if opening and not re.match(r"\d0s", text[end : end + 3]):  # '90s is an apostrophe, not a quote
            return "\u2018"
        return "\u2019"

    return _SMART.sub(replace, text)


class _SmartPunctuation(Treeprocessor):
    """Typographic punctuation, as the `smarty` extension makes it, in one regex pass per text node.

    `smarty` adds some twenty inline patterns, each tried on every text node: it tripled the time to render a page
    (scripts/benchmark.py). Code keeps its straight quotes; escaped quotes (\\") are still placeholders here.
    """

    def run(self, root: etree.Element) -> None:
        self._last = ""
        self._walk(root)

    def _walk(self, element: etree.Element) -> None:
        if element.tag not in _INLINE_TAGS:
            self._last = ""  # a new block: a quote at its start opens
        if element.tag in ("code", "pre"):
            self._last = (element.text or "")[-1:] or self._last
        else:
            if element.text and not isinstance(element.text, AtomicString):
                element.text = smarten(element.text, self._last)
            self._last = (element.text or "")[-1:] or self._last
            for child in element:
                self._walk(child)
                if child.tail:
                    child.tail = smarten(child.tail, self._last)
                    self._last = child.tail[-1:] or self._last
        if element.tag not in _INLINE_TAGS:
            self._last = ""


class _SafeLinks(Extension):
    def __init__(self, base_path: str) -> None:
        super().__init__()
        self.base_path = base_path

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        self.processor = _LinkProcessor(md, self.base_path)
        md.treeprocessors.register(self.processor, "stophate_links", 1)
        md.treeprocessors.register(_SmartPunctuation(md), "stophate_smart", 7)  # after inline (20), before toc (5)
        md.treeprocessors.register(tables.Captions(md), "stophate_table_captions", 0)
        md.treeprocessors.register(tables.Alignment(md), "stophate_table_alignment", -1)
        self.mixed = mixedtext.MixedText(md)
        md.treeprocessors.register(self.mixed, "stophate_mixed_text", -2)


class MarkdownRenderer:
    """One configured Python-Markdown instance, reset between documents (it keeps state otherwise)."""

    def __init__(self, base_path: str) -> None:
        self.links = _SafeLinks(base_path)
        self.md = markdown.Markdown(
            extensions=["tables", "attr_list", "toc", "sane_lists", self.links],
            extension_configs={"toc": {"slugify": heading_id, "toc_depth": "2-3", "marker": ""}},  # no [TOC] search
            output_format="html",
        )

    def render(self, text: str, lang: str = "", page_dir: str = "ltr",
               page_script: str = "") -> tuple[str, list[LinkNote], tuple[Heading, ...]]:
        """The page's language (when known), direction and script: text in others is marked (mixedtext.py)."""
        self.md.reset()
        mixed = self.links.mixed
        mixed.page_lang, mixed.page_dir, mixed.page_script = lang, page_dir, page_script
        self.links.processor.notes = []
        html = self.md.convert(text)
        html = nh3.clean(html, tags=_ALLOWED_TAGS, attributes=_ALLOWED_ATTRIBUTES, link_rel=None,
                         url_schemes={"http", "https", "mailto", "tel"})
        headings = tuple(_flatten(self.md.toc_tokens))  # type: ignore[attr-defined]
        return html, list(self.links.processor.notes), headings


def _flatten(tokens: Iterable[dict]) -> Iterable[Heading]:
    for token in tokens:
        yield Heading(token["level"], token["id"], token["name"])
        yield from _flatten(token["children"])


def _locate(body: str, body_line: int, needle: str, path: str, start: int = 0) -> Position:
    """Where needle is written in the body, searching from start (links are noted in document order)."""
    index = body.find(needle, start)
    if index < 0:
        index = body.find(needle)
    if index < 0:
        return Position(path, body_line, 1)
    line = body.count("\n", 0, index)
    column = index - (body.rfind("\n", 0, index) + 1) + 1
    return Position(path, body_line + line, column)


_renderers: dict[str, MarkdownRenderer] = {}


def _renderer(base_path: str) -> MarkdownRenderer:
    if base_path not in _renderers:
        _renderers[base_path] = MarkdownRenderer(base_path)
    return _renderers[base_path]


def _placeholder_warnings(text: str, body: str, rel: str, problems: Problems) -> None:
    """The example sentences `new` starts a page with, still there: a warning, so `check --strict` fails."""
    for placeholder in PLACEHOLDERS:
        if placeholder in text:
            problems.warn(_locate(text, 1, placeholder, rel), "body" if placeholder in body else "summary",
                          f'the text "{placeholder}" is still the example from "new"',
                          "write your own words in its place")


def parse_page(rel: str, data: bytes, base_path: str) -> tuple[Page | None, list[Problem]]:
    """One Markdown file to a Page (or problems). A pure function of its inputs, so it can run in a worker."""
    from .sourcefile import decode

    problems = Problems()
    text = decode(data, rel, problems)
    if text is None:
        return None, problems.items
    source = split_front_matter(text, rel, problems)
    if source.meta is None:
        if not problems.errors:
            problems.add(Position(rel, 1, 1), "title", "this page has no front matter, so it has no title",
                         "start the file with three lines: ---, title: Your title, ---")
        return None, problems.items
    meta = build_record(source.meta, FRONT_MATTER, Ctx(problems))
    if meta is INVALID:
        return None, problems.items
    is_post = rel.startswith("content/posts/")
    stem, file_lang, lang = translated.page_language(rel, meta["lang"], meta["pos"], problems)
    slug = meta["slug"] or re.sub(r"^\d{4}-\d{2}-\d{2}-", "", stem)
    if meta["slug"] is None and not is_slug(slug):
        problems.add(Position(rel, 1, 1), "slug", f'the file name "{stem}" cannot be used in a web address',
                     f"rename the file {slugify(stem) or 'my-page'}.md (lower-case letters of any language, "
                     "numbers and hyphens), or add a slug: field")
        return None, problems.items
    if is_post and meta["date"] is None:
        problems.add(meta["pos"], "date", "a post needs a date", "add a line date: 2026-10-01")
    if not meta["summary"]:
        problems.warn(meta["pos"], "summary", "this page has no summary",
                      "add summary: one sentence saying what the page is for (used in listings and share cards)")
    _placeholder_warnings(text, source.body, rel, problems)
    for match in re.finditer(r"^#(?!#)\s*\S", source.body, re.M):
        problems.add(_locate(source.body, source.body_line, match.group(0), rel), "body",
                     "a heading starts with a single #, which would make a second page title",
                     "start headings with ## (the page title is printed from the front matter)")
    rendered = _render_guarded(source.body, source.body_line, rel, base_path, problems,
                               (lang, *mixedtext.page_writing(lang, meta["title"])))
    if rendered is None:
        return None, problems.items
    html, notes, headings = rendered
    links = _checked_links(notes, source.body, source.body_line, rel, problems)
    image = source.meta.get("image") if isinstance(source.meta, Mapping) else None
    if meta["image"] and image is not None:  # the share image must be a file this build publishes
        links.append((meta["image"], image.pos))
    if problems.errors:
        return None, problems.items
    url = routes.content_page(slug, is_post, meta["easy_read_of"], file_lang)
    words = len(re.findall(r"\w+", re.sub(r"<[^>]+>", " ", html)))
    page = Page(
        source=rel, slug=slug, url=url, title=meta["title"], summary=meta["summary"], body_html=html,
        template=meta["template"] if not is_post else "post", is_post=is_post, date=meta["date"],
        updated=meta["updated"], draft=meta["draft"], campaign=meta["campaign"],
        image=meta["image"], image_alt=meta["image_alt"], headings=headings, links=tuple(links), words=words,
        centres=meta["centres"], easy_read_of=meta["easy_read_of"], lang=lang,
        translation_of=translated.source_of(rel) if file_lang else "",
        translated_from=meta["translated_from"] or "", reviewed=meta["reviewed"], version=translated.version(data),
        messages=meta["messages"],
        fields=_field_positions(source.meta), digest=page_key(rel, data, base_path), pos=meta["pos"],
    )
    return page, problems.items


def _render_guarded(body: str, body_line: int, rel: str, base_path: str, problems: Problems,
                    writing: tuple[str, str, str]) -> tuple[str, list[LinkNote], tuple[Heading, ...]] | None:
    """The Markdown rendered, or None with a problem where its shape would hang or crash the renderer. Writing is
    the page's language, direction and script: text in others is marked (mixedtext.py)."""
    hazard = guards.markdown_hazard(body)
    if hazard is not None:
        problems.add(Position(rel, body_line + hazard.line, hazard.column), "body", hazard.message, hazard.hint)
        return None
    rendered = guards.guarded(lambda: _renderer(base_path).render(body, *writing))
    if isinstance(rendered, str):
        problems.add(Position(rel, body_line, 1), "body", rendered,
                     "split the page into smaller pages, and nest lists and quotes a few levels at most")
        return None
    return rendered


def _checked_links(notes: list[LinkNote], body: str, body_line: int, rel: str,
                   problems: Problems) -> list[tuple[str, Position]]:
    """The links and images of a page that point into the site, each where it is written; problems for the rest."""
    links: list[tuple[str, Position]] = []
    cursor = 0
    for note in notes:
        needle = note.href or "!["
        where = _locate(body, body_line, needle, rel, cursor)
        cursor = max(cursor, body.find(needle, cursor) + 1)
        if note.kind == "invalid":
            problems.add(where, "body", f'"{note.href[:60]}" is not a valid web address',
                         "copy the address again from the browser's address bar, starting with https://")
        elif note.kind == "unsafe":
            problems.add(where, "body", f'the link "{note.text}" uses an unsafe address ({note.href[:40]})',
                         "links must start with https://, mailto:, tel: or / for a page on this site")
        elif note.kind == "image" and not note.text.strip():
            problems.add(where, "body", "an image has no alt text",
                         "write a short description in the square brackets: ![Volunteers at a stall](/images/x.jpg)")
        elif note.kind == "image" and _scheme(note.href):
            problems.add(where, "body", "images must be files on this site, not on another website",
                         "put the image in static/images/ and link it as /images/name.jpg")
        elif note.kind in ("link", "image"):
            links.append((note.href, where))
        if note.kind == "external" and note.href.startswith("http://"):
            problems.add(where, "body", f"the link {note.href} is not secure (http)", "use https:// instead")
    return links


def _field_positions(meta: Node) -> tuple[tuple[str, Position], ...]:
    """Where each front matter field (and each item of a list field) was written, for later cross-checks."""
    found: list[tuple[str, Position]] = []
    if isinstance(meta, Mapping):
        for key, value in meta.entries:
            found.append((key.text, value.pos))
            if isinstance(value, Sequence):
                found.extend((f"{key.text}[{index}]", item.pos) for index, item in enumerate(value.items))
            elif isinstance(value, Scalar):
                found.append((f"{key.text}[0]", value.pos))  # a single value stands for a list of one
    return tuple(found)


PARALLEL_THRESHOLD = 64  # below this, starting worker processes costs more than it saves


def page_key(rel: str, data: bytes, base_path: str) -> str:
    return hashlib.blake2b(b"\0".join((rel.encode(), base_path.encode(), data)), digest_size=16).hexdigest()


def load_pages(root: Path, base_path: str, problems: Problems, workers: int | None,
               known: dict[str, Parsed], saved: Callable[[str], Parsed | None] = lambda _key: None,
               files: Settled | None = None) -> list[Page]:
    """Every Markdown file under content/, parsed, except those whose bytes are in `known` (the cache's pages,
    updated here) or were `saved` by an earlier process. Parsing uses every core when there are many files: on two
    cores that halves a 1,000-page build (scripts/benchmark.py). workers=1 keeps everything in this process.
    With `files` (the preview's), a file whose status stands since it was read is not read again (settled.py).
    """
    sources = read_changed(root, find_files(root, "content", problems, suffix=".md"), problems, known,
                           lambda rel, data: page_key(rel, data, base_path), base_path, files)
    keys = [key for _rel, _data, key in sources]
    known.update((key, earlier) for key in keys if key not in known and (earlier := saved(key)) is not None)
    todo = [(rel, data) for rel, data, key in sources if key not in known]
    parsed = fork_map(lambda source: parse_page(*source, base_path), todo, workers, PARALLEL_THRESHOLD)
    known.update((page_key(rel, data, base_path), result) for (rel, data), result in zip(todo, parsed, strict=True))
    for stale in set(known) - set(keys):
        del known[stale]
    pages = []
    for key in keys:
        page, found = known[key]
        problems.items.extend(found)
        if page is not None:
            pages.append(page)
    return pages
