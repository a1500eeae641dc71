"""`build.py new post|page|event "Title"`: start a new file (or events.yaml entry) with the right fields.

Required fields are filled in; every optional field is written as a comment, with what it means and an example,
taken from the same schema that checks the content, so the comments never drift from the rules.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from .choices import KINDS
from .contentfiles import present, read_file
from .errors import Problems
from .fields import Field, Schema
from .schema import EVENT, FRONT_MATTER
from .slugs import ascii_slug, is_slug, slugify
from .sourcefile import Mapping, Node, Scalar, Sequence, decode, parse_yaml
from .translated import version


class ScaffoldError(Exception):
    """The new content could not be started; the message says why in plain words (nothing was changed)."""


@dataclass(frozen=True)
class Created:
    path: Path
    slug: str
    appended: bool  # True when an entry was added to an existing file (events.yaml)


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _comment(field: Field, indent: str) -> str:
    return f"{indent}# {field.name}: {field.example}    # {field.doc}"


def _optional(schema: Schema, filled: set[str], indent: str) -> list[str]:
    return [_comment(f, indent) for f in schema.fields if f.name not in filled]


# The text a new page starts with. The build warns while any of it is left (so `check --strict` fails).
PLACEHOLDERS = ("One sentence saying what this is about.", "Write the first paragraph here.",
                "More text. Link to other pages like this:")


def post_or_page(kind: str, title: str, today: dt.date) -> tuple[str, str]:
    slug = slugify(title)
    lines = ["---", f"title: {_quoted(title)}", f"summary: {PLACEHOLDERS[0]}"]
    filled = {"title", "summary"}
    if kind == "post":
        lines.append(f"date: {today.isoformat()}")
        filled |= {"date", "template"}  # a post always uses the post layout
    # a draft until the editor says otherwise: the placeholder text must never go live by itself
    lines.append("draft: true    # shown in the preview only; change to false (or delete the line) to publish")
    filled.add("draft")
    lines.append("# Optional fields: remove the # at the start of a line to use it.")
    lines += _optional(FRONT_MATTER, filled | {"slug"}, "")
    lines += ["---", PLACEHOLDERS[1], "", "## A heading", "", f"{PLACEHOLDERS[2]} [how to report](/report/).", ""]
    return slug, "\n".join(lines)


def event_id(title: str, today: dt.date) -> str:
    """Listing ids stay ASCII (editors type them in other files): Latin letters transliterated ("Zgłoś" -> zglos);
    a title with none, in Urdu say, gets an id from its date, which the editor may change."""
    return ascii_slug(title) or f"event-{today.isoformat()}"


def event_entry(title: str, today: dt.date) -> tuple[str, str]:
    slug = event_id(title, today)
    filled = {"id", "title", "starts", "summary", "checked", "verified"}
    lines = [
        f"  - id: {slug}",
        f"    title: {_quoted(title)}",
        f"    starts: {today.isoformat()}    # the date, or date and time like {today.isoformat()} 10:00",
        "    summary: One or two sentences saying what happens.",
        f"    checked: {today.isoformat()}",
        "    verified: false",
        "    # Optional fields: remove the # at the start of a line to use it.",
        *_optional(EVENT, filled, "    "),
    ]
    return slug, "\n".join(lines) + "\n"


def create(root: Path, kind: str, title: str, today: dt.date, lang: str = "") -> Created:
    """Write the new file or entry; refuses to overwrite anything."""
    if kind == "translation":
        return translation(root, title, lang)
    if kind not in KINDS:
        raise ScaffoldError(f'"{kind}" is not something new can start: choose post, page or event')
    if not title.strip():
        raise ScaffoldError("the title is empty: write it in quotes, for example new post \"Our week of action\"")
    title = unicodedata.normalize("NFC", " ".join(title.split()))
    if not slugify(title):
        raise ScaffoldError(f'the title "{title}" has no letters or numbers to make a web address from')
    if kind == "event":
        slug, entry = event_entry(title, today)
        return _append_event(root, slug, entry)
    slug, text = post_or_page(kind, title, today)
    folder = root / "content" / ("posts" if kind == "post" else "pages")
    path = folder / f"{slug}.md"
    if path.exists():
        raise ScaffoldError(f"{path.relative_to(root)} already exists; nothing was changed. "
                            "Choose another title, or edit that file")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8") as file:  # "x": never replace a file made meanwhile
            file.write(text)
    except OSError as error:
        raise _not_written(path.relative_to(root), error) from None
    return Created(path, slug, appended=False)


def _not_written(rel: Path | str, error: OSError) -> ScaffoldError:
    if isinstance(error, PermissionError):
        return ScaffoldError(f"the builder is not allowed to write {rel}; nothing was changed. "
                             "Check you may edit that folder")
    return ScaffoldError(f"could not write {rel} ({error.strerror or 'the system refused'}); nothing was changed")


def _append_event(root: Path, slug: str, entry: str) -> Created:
    path, problems = root / "events.yaml", Problems()
    data = read_file(root, "events.yaml", problems) if present(path) else b""
    existing = decode(data, "events.yaml", problems) if data is not None else None
    if existing is None or problems.errors:
        raise ScaffoldError(f"events.yaml cannot be read: {problems.errors[0].message}; nothing was changed")
    if re.search(rf"^\s*-?\s*id:\s*['\"]?{re.escape(slug)}['\"]?\s*$", existing, re.M):
        raise ScaffoldError(f"events.yaml already has an event with the id {slug}; nothing was changed. "
                            "Choose another title, or edit that event")
    if not re.search(r"^events:", existing, re.M):
        if existing.strip():
            raise ScaffoldError("events.yaml does not start with 'events:', so the new event has nowhere to go; "
                                "nothing was changed")
        existing = "events:\n"
    if re.search(r"^events:\s*\[\]\s*$", existing, re.M):
        existing = re.sub(r"^events:\s*\[\]\s*$", "events:", existing, flags=re.M)
    item = re.search(r"^( *)-( +)\S", existing, re.M)  # follow the file's own indenting
    if item:
        entry = _reindent(entry, item[1], item[2])
    text = existing.rstrip("\n") + "\n\n" + entry
    if not _adds_event(existing, text, slug):
        raise ScaffoldError("events.yaml is written in a way new cannot add to (a list in [ ] or on one line); "
                            "nothing was changed. Copy an event there by hand, or write the list with one - per event")
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as error:
        raise _not_written("events.yaml", error) from None
    return Created(path, slug, appended=True)


def _reindent(entry: str, dash: str, gap: str) -> str:
    """Our entry (`  - id:` then fields at four spaces) indented like the file's first list item."""
    inner = " " * (len(dash) + 1 + len(gap))
    lines = entry.split("\n")
    return "\n".join([dash + "-" + gap + lines[0].removeprefix("  - ")]
                     + [inner + line.removeprefix("    ") if line else line for line in lines[1:]])


def _adds_event(before: str, after: str, slug: str) -> bool:
    """The new text parses, and its events list is the old one with our event at the end."""

    def events(text: str) -> tuple[Node, ...] | None:
        node = parse_yaml(text, "events.yaml", Problems())
        items = node.get("events") if isinstance(node, Mapping) else None
        if isinstance(items, Scalar) and items.is_null:
            return ()
        return items.items if isinstance(items, Sequence) else None

    old, new = events(before), events(after)
    if old is None or new is None or len(new) != len(old) + 1 or not isinstance(new[-1], Mapping):
        return False
    written = new[-1].get("id")
    return isinstance(written, Scalar) and written.text == slug


def translation(root: Path, name: str, lang: str) -> Created:
    """content/pages/<name>.<lang>.md: a copy of the page to translate, with the version it is made from filled in
    and reviewed: false, so check can later say when the source has changed."""
    if not re.fullmatch(r"[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*", lang or ""):
        raise ScaffoldError("write the language code after the page: new translation report pa")
    folder = root / "content" / "pages"
    name = name.removesuffix(".md").rsplit("/", 1)[-1]
    source = folder / f"{name}.md"
    if not is_slug(name) or not source.is_file():
        raise ScaffoldError(f"there is no page content/pages/{name}.md to translate; give the page's file name, "
                            "for example new translation report pa")
    problems = Problems()
    data = read_file(root, f"content/pages/{name}.md", problems)
    text = decode(data, f"content/pages/{name}.md", problems) if data is not None else None
    if data is None or text is None:
        raise ScaffoldError(problems.items[0].message if problems.items else f"content/pages/{name}.md cannot be read")
    marker = f"translated_from: {version(data)}\nreviewed: false\n"
    if not text.startswith("---\n") or "\n---" not in text[3:]:
        raise ScaffoldError(f"content/pages/{name}.md has no front matter to copy")
    end = text.index("\n---", 3) + 1
    path = folder / f"{name}.{lang}.md"
    if path.exists():
        raise ScaffoldError(f"content/pages/{path.name} already exists; nothing was changed. "
                            "When you have brought it up to date, write the translated_from: that check prints")
    with path.open("x", encoding="utf-8") as file:
        file.write(text[:end] + marker + text[end:])
    return Created(path, name, appended=False)
