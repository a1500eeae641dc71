"""Field parsers: the editor's text in, a value or a plain-words problem out.

Each parser takes a node and a Ctx and either returns a value or raises FieldError(message, hint).
`record` and `list_of` build nested values and report problems for each part themselves.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from .choices import FIRST_YEAR, LAST_YEAR
from .errors import FieldError, Position, Problems
from .phones import check_phone
from .slugs import ascii_slug, is_slug, slugify
from .sourcefile import Mapping, Node, Scalar, Sequence, describe

Parser = Callable[[Node, "Ctx"], Any]


@dataclass(frozen=True, slots=True)
class Ctx:
    problems: Problems
    field: str = ""
    languages: tuple[str, ...] = ()  # the site's language codes, the default first: what free text may be in

    def child(self, name: str | int) -> Ctx:
        if isinstance(name, int):
            return Ctx(self.problems, f"{self.field}[{name}]", self.languages)
        return Ctx(self.problems, f"{self.field}.{name}" if self.field else name, self.languages)

    def report(self, position: Position, message: str, hint: str = "") -> None:
        self.problems.add(position, self.field, message, hint)


class Invalid:
    """Marks a value that failed to parse; its problem has already been reported."""


INVALID = Invalid()


def scalar_text(node: Node, what: str = "a single value") -> str:
    if not isinstance(node, Scalar):
        raise FieldError(f"expected {what}, got {describe(node)}", "write the value on the same line as its name")
    return node.text.strip()


def text(node: Node, ctx: Ctx) -> str:
    value = scalar_text(node, "some text")
    if not value or (isinstance(node, Scalar) and node.is_null):
        raise FieldError("this is empty", "write some text after the colon, or remove the line")
    return value


def boolean(node: Node, ctx: Ctx) -> bool:
    value = scalar_text(node, "true or false").lower()
    if value in ("true", "yes"):
        return True
    if value in ("false", "no"):
        return False
    raise FieldError(f'expected true or false, got "{value}"', "write true or false")


def integer(node: Node, ctx: Ctx) -> int:
    value = scalar_text(node, "a whole number")
    if not re.fullmatch(r"-?\d+", value):
        raise FieldError(f'expected a whole number, got "{value}"', "write a number such as 3")
    return int(value)


def number(node: Node, ctx: Ctx) -> float:
    value = scalar_text(node, "a number")
    if not re.fullmatch(r"[-+]?\d+(\.\d+)?", value):  # never nan, inf or 1e999, which Python's float() takes
        raise FieldError(f'expected a number, got "{value}"', "write a number such as 52.5862")
    return float(value)


def within(parse: Parser, low: float, high: float) -> Parser:
    """A number between low and high: a latitude beyond 90 is a typo, and maps and partners' data reject it."""
    def parse_within(node: Node, ctx: Ctx) -> float:
        if not low <= (value := parse(node, ctx)) <= high:
            raise FieldError(f"{value:g} is not between {low:g} and {high:g}", "copy the number again from the map")
        return value
    return parse_within


_DATE_HINT = "write the date as year-month-day, for example 2026-10-10"


def date(node: Node, ctx: Ctx) -> dt.date:
    value = scalar_text(node, "a date")
    match = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", value)
    if not match:
        if re.fullmatch(r"\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}", value):
            raise FieldError(f'"{value}" is written day-first; dates must be year-month-day', _DATE_HINT)
        raise FieldError(f'expected a date like 2026-10-10, got "{value}"', _DATE_HINT)
    if not FIRST_YEAR <= int(match[1]) <= LAST_YEAR:  # calendars and schedules add years to dates
        raise FieldError(f'"{value}" is too far in the past or future to be right',
                         f"check the year: dates from {FIRST_YEAR} to {LAST_YEAR} are accepted")
    try:
        return dt.date(*(int(part) for part in match.groups()))
    except ValueError:
        raise FieldError(f'"{value}" is not a real date', "check the day exists in that month") from None


_TIME_HINT = "use 24-hour time with a colon, for example 09:30"


def time(node: Node, ctx: Ctx) -> dt.time:
    value = scalar_text(node, "a time")
    match = re.fullmatch(r"(\d{1,2}):(\d{2})", value)
    if not match:
        raise FieldError(f'expected a time like 09:30, got "{value}"', _TIME_HINT)
    hours, minutes = int(match[1]), int(match[2])
    if hours > 23 or minutes > 59:
        raise FieldError(f'"{value}" is not a real time', _TIME_HINT)
    return dt.time(hours, minutes)


def date_or_datetime(node: Node, ctx: Ctx) -> tuple[dt.date, dt.time | None]:
    value = scalar_text(node, "a date")
    parts = value.replace("T", " ").split()
    if len(parts) == 1:
        return date(node, ctx), None
    if len(parts) == 2:
        return date(Scalar(parts[0], node.pos), ctx), time(Scalar(parts[1], node.pos), ctx)
    raise FieldError(
        f'expected a date or a date and time, got "{value}"',
        "write 2026-10-10 for all day, or 2026-10-10 10:00 with a time",
    )


SLUG_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def slug(node: Node, ctx: Ctx) -> str:
    value = scalar_text(node, "an id")
    if not SLUG_RE.fullmatch(value):
        suggestion = ascii_slug(value) or "my-page"
        raise FieldError(
            f'"{value}" cannot be used in a web address',
            f"use lower-case letters, numbers and hyphens only, for example {suggestion}",
        )
    return value


def page_slug(node: Node, ctx: Ctx) -> str:
    """A page's web address part: letters of any script are kept (zgłoś, ਰਿਪੋਰਟ), unlike listing ids."""
    value = scalar_text(node, "a web address part")
    if not is_slug(value):
        raise FieldError(f'"{value}" cannot be used in a web address',
                         f"use lower-case letters, numbers and hyphens only, for example {slugify(value) or 'my-page'}")
    return value


# Hosts that wrap a real address in a tracking redirect (e-mail security scanners, social networks).
_REDIRECT_HOSTS = ("safelinks.protection.outlook.com", "urldefense.com", "urldefense.proofpoint.com",
                   "l.facebook.com", "lm.facebook.com", "www.google.com/url", "google.com/url", "t.co",
                   "lnkd.in", "mailchi.mp", "click.mlsend.com")
_TRACKING_PARAMS = ("utm_", "fbclid", "gclid", "mc_eid", "mc_cid")


def https_url(node: Node, ctx: Ctx) -> str:
    value = scalar_text(node, "a web address")
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 - reading it checks the port is a number in range
    except ValueError:  # https://[::1, or a host with a full-width slash that would change under NFKC
        parts = None
    if parts is None or (parts.netloc and not re.fullmatch(r"[\w-]+(\.[\w-]+)+\.?", parts.hostname or "")):
        raise FieldError(f'"{value[:60]}" is not a valid web address',
                         "copy the address from the browser's address bar, for example https://www.report-it.org.uk/")
    if parts.scheme != "https" or not parts.netloc:
        shown = value if len(value) < 60 else value[:57] + "..."
        raise FieldError(
            f'web addresses must start with https://, got "{shown}"',
            "copy the address from the browser's address bar, for example https://www.report-it.org.uk/",
        )
    host_path = (parts.netloc + parts.path).lower()
    if any(host_path == h or host_path.startswith(h + "/") or parts.netloc.lower().endswith("." + h)
           for h in _REDIRECT_HOSTS):
        raise FieldError(
            "this is a tracking redirect (copied from an e-mail or social media), not the real address",
            "open the link, then copy the address of the page it lands on",
        )
    if any(key.lower().startswith(_TRACKING_PARAMS) for key, _ in parse_qsl(parts.query)):
        raise FieldError(
            "this address carries tracking codes (utm_ and similar)",
            f"remove everything from the ? onwards: {value.split('?')[0]}",
        )
    return value


def site_file(node: Node, ctx: Ctx) -> str:
    """A file this site publishes (from static/), written as its address: /images/hcaw.png."""
    value = scalar_text(node, "a file's address")
    if not re.fullmatch(r"/(?!/)[^\s?#\\]*[^/\s?#\\]", value) or "/../" in value + "/":
        raise FieldError(f'"{value[:60]}" is not the address of a file on this site',
                         "put the file in static/images/ and write its address, for example /images/hcaw.png")
    return value


_EMAIL_RE = re.compile(r"[^@\s<>\"]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+")


def email(node: Node, ctx: Ctx) -> str:
    value = scalar_text(node, "an e-mail address")
    if not _EMAIL_RE.fullmatch(value):
        raise FieldError(f'"{value}" is not an e-mail address', "write it like name@example.org")
    return value


def phone(node: Node, ctx: Ctx) -> str:
    value = scalar_text(node, "a phone number")
    check_phone(value)
    return value


def tel_href(number: str) -> str:
    """The tel: form of a number as written, for links that phones can dial."""
    return "tel:" + re.sub(r"[^\d+]", "", number)


_POSTCODE_RE = re.compile(r"([A-Z]{1,2}\d[A-Z\d]?)\s*(\d[A-Z]{2})")


def postcode(node: Node, ctx: Ctx) -> str:
    value = scalar_text(node, "a postcode")
    match = _POSTCODE_RE.fullmatch(value.upper())
    if not match:
        raise FieldError(f'"{value}" is not a UK postcode', "write it like WV1 1SH")
    return f"{match[1]} {match[2]}"


def choice(options: tuple[str, ...]) -> Parser:
    def parse(node: Node, ctx: Ctx) -> str:
        value = scalar_text(node, "one of " + ", ".join(options))
        lowered = value.lower()
        for option in options:
            if option.lower() == lowered:
                return option
        by_lower = {o.lower(): o for o in options}
        close = difflib.get_close_matches(lowered, list(by_lower), n=1)
        hint = f"did you mean {by_lower[close[0]]}? " if close else ""
        raise FieldError(f'"{value}" is not one of the choices', hint + "choose one of: " + ", ".join(options))

    return parse


def list_of(item: Parser, allow_single: bool = True) -> Parser:
    """A list; a single value is taken as a list of one, which is what editors usually mean."""

    def parse(node: Node, ctx: Ctx) -> tuple[Any, ...]:
        if isinstance(node, Scalar) and node.is_null:
            return ()
        if not isinstance(node, Sequence):
            if allow_single and isinstance(node, Scalar):
                return (item(node, ctx),)
            raise FieldError(f"expected a list, got {describe(node)}", "start each item on its own line with - ")
        values = []
        failed = False
        for index, child in enumerate(node.items):
            child_ctx = ctx.child(index)
            try:
                value = item(child, child_ctx)
            except FieldError as error:
                child_ctx.report(child.pos, error.message, error.hint)
                failed = True
                continue
            if value is INVALID:
                failed = True
            values.append(value)
        if failed:
            return INVALID  # type: ignore[return-value]
        return tuple(values)

    return parse


@dataclass(frozen=True, slots=True)
class Field:
    name: str
    parse: Parser
    required: bool = False
    default: Any = None
    doc: str = ""
    example: str = ""
    attr: str = ""  # the model attribute when it differs from the YAML name

    @property
    def target(self) -> str:
        return self.attr or self.name


@dataclass(frozen=True, slots=True)
class Schema:
    """One record type: the fields the editor may write, and the model they become."""

    name: str
    fields: tuple[Field, ...]
    build: Callable[..., Any]
    check: Callable[[dict[str, Any], Mapping, Ctx], None] | None = None
    doc: str = ""
    keeps_positions: bool = False  # the model has `fields`: where each field was written (see models.Located)

    def field_names(self) -> list[str]:
        return [f.name for f in self.fields]


def unknown_key_problem(key: Scalar, known: list[str], ctx: Ctx) -> None:
    close = difflib.get_close_matches(key.text, known, n=1, cutoff=0.6)
    if close:
        ctx.child(key.text).report(key.pos, f"unknown field '{key.text}': did you mean '{close[0]}'?",
                                   f"rename it to {close[0]}")
    else:
        ctx.child(key.text).report(key.pos, f"unknown field '{key.text}'",
                                   "the fields you can use here are: " + ", ".join(known))


def build_record(node: Node, schema: Schema, ctx: Ctx) -> Any:
    """Parse every field of one record, report every problem, and build the model if all is well."""
    if not isinstance(node, Mapping):
        ctx.report(node.pos, f"expected {schema.doc or 'a group of fields'}, got {describe(node)}",
                   "write each field on its own line as name: value")
        return INVALID
    known = schema.field_names()
    seen: dict[str, Scalar] = {}
    failed = False
    for key, _ in node.entries:
        if key.text in seen:
            first = seen[key.text].pos.line
            ctx.child(key.text).report(key.pos, f"'{key.text}' is written twice (first on line {first})",
                                       "keep one of them and delete the other")
            failed = True
        seen[key.text] = key
        if key.text not in known:
            unknown_key_problem(key, known, ctx)
            failed = True
    values: dict[str, Any] = {}
    for spec in schema.fields:
        child = node.get(spec.name)
        child_ctx = ctx.child(spec.name)
        if child is None or (isinstance(child, Scalar) and child.is_null and spec.required):
            if spec.required:
                at = child.pos if child is not None else node.pos
                example = f"{spec.name}: {spec.example}" if spec.example else ""
                child_ctx.report(at, f"'{spec.name}' is missing", f"add a line {example}".rstrip())
                failed = True
            values[spec.target] = spec.default
            continue
        if isinstance(child, Scalar) and child.is_null:
            values[spec.target] = spec.default
            continue
        try:
            value = spec.parse(child, child_ctx)
        except FieldError as error:
            child_ctx.report(child.pos, error.message, error.hint)
            value, failed = INVALID, True
        if value is INVALID:
            failed = True
        values[spec.target] = value
    if failed:
        return INVALID
    before = len(ctx.problems.errors)
    if schema.check:
        schema.check(values, node, ctx)
    if len(ctx.problems.errors) > before:
        return INVALID
    if schema.keeps_positions:
        values["fields"] = tuple((key.text, value.pos) for key, value in node.entries)
    return schema.build(pos=node.pos, **values)


def record(schema: Schema) -> Parser:
    def parse(node: Node, ctx: Ctx) -> Any:
        return build_record(node, schema, ctx)

    return parse


def field_position(node: Mapping, name: str) -> Position:
    child = node.get(name)
    return child.pos if child is not None else node.pos


def site_path(node: Node, ctx: Ctx) -> str:
    value = scalar_text(node, "a path on this site")
    if not value.startswith("/") or value.startswith("//") or ".." in value:
        raise FieldError(f'"{value}" is not a path on this site', "write a path like /report/")
    return value
