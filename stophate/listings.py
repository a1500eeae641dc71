"""centres.yaml, surgeries.yaml, events.yaml, services.yaml -> validated models, cross-checked."""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .contentfiles import present
from .errors import Position, Problems
from .fields import INVALID, Ctx, Schema, build_record, field_position
from .listing_types import LISTING_TYPES
from .missing import Broken, is_broken
from .models import Centre, Event, Service, Surgery, Venue
from .sourcefile import Mapping, Scalar, Sequence, load_yaml

STALE_AFTER_DAYS = 180
MAX_RECORDS = 1000  # per listing: a council lists tens; thousands would take minutes to build, and to read


@dataclass(frozen=True, slots=True)
class Listings:
    centres: tuple[Centre, ...] = ()
    surgeries: tuple[Surgery, ...] = ()
    events: tuple[Event, ...] = ()
    services: tuple[Service, ...] = ()
    broken: dict[str, Broken] = field(default_factory=dict)  # kind -> ids of records that did not load (missing.py)


@dataclass(frozen=True, slots=True)
class Source:
    """Where one loaded record was written: its field path (`centres[2]`) and its YAML node."""

    path: str
    node: Mapping

    def at(self, name: str) -> tuple[str, Position]:
        """The field path and position of one of the record's fields (the record itself if it is absent)."""
        child = self.node.get(name)
        return f"{self.path}.{name}", (child.pos if child is not None else self.node.pos)


def load_listing(root: Path, filename: str, key: str, schema: Schema, problems: Problems,
                 sources: dict[str, Source] | None = None, broken: set[str] | None = None,
                 languages: tuple[str, ...] = ()) -> tuple[Any, ...]:
    """A file whose top level is `key:` followed by a list of records. A missing file is an empty listing.

    `sources`, when given, is filled with each record's id -> Source, for cross-checks with field paths.
    `broken`, when given, collects the ids of records that have problems of their own, so references to them
    are not reported a second time as pointing nowhere. `languages`: the site's language codes, the default
    first, that free text may be written in (localtext.py).
    """
    if not present(root / filename):
        return ()
    node = load_yaml(root, filename, problems)
    if node is None or (isinstance(node, Scalar) and node.is_null):
        return ()
    hint = f"start the file with a line {key}: and list each {schema.name} under it, starting with - id:"
    if not isinstance(node, Mapping) or node.get(key) is None:
        problems.add(node.pos, key, f"{filename} must start with '{key}:'", hint)
        return ()
    for other, _ in node.entries:
        if other.text != key:
            problems.add(other.pos, other.text, f"unknown top-level field '{other.text}'", hint)
    items = node.get(key)
    if isinstance(items, Scalar) and items.is_null:
        return ()
    if not isinstance(items, Sequence):
        problems.add(items.pos, key, f"'{key}' must be a list", hint)
        return ()
    if len(items.items) > MAX_RECORDS:
        problems.add(items.pos, key, f"{filename} lists {len(items.items):,} {key}, more than the {MAX_RECORDS:,} "
                     "the builder makes pages for", f"keep only the {key} residents need now (remove past and closed "
                     "ones); a longer list would make a site too slow to build and to use")
        return ()
    ctx = Ctx(problems, key, languages)
    records = []
    seen: dict[str, Position] = {}
    for index, item in enumerate(items.items):
        record = build_record(item, schema, ctx.child(index))
        # duplicates are found from the id as written, so a broken first record still counts
        written = item.get("id") if isinstance(item, Mapping) else None
        item_id = written.text.strip() if isinstance(written, Scalar) else None
        if item_id and item_id in seen:
            problems.add(_id_pos(item), f"{key}[{index}].id", f"the id '{item_id}' is used twice in {filename}",
                         f"the first is on line {seen[item_id].line}; give each {schema.name} its own id")
            continue
        if item_id:
            seen[item_id] = _id_pos(item)
        if record is INVALID:
            if item_id and broken is not None:
                broken.add(item_id)
            continue
        if sources is not None and isinstance(item, Mapping):
            sources[record.id] = Source(f"{key}[{index}]", item)
        records.append(record)
    return tuple(records)


def _id_pos(node: Any) -> Position:
    child = node.get("id") if isinstance(node, Mapping) else None
    return child.pos if child is not None else node.pos


def _resolve_venue(venue: Venue | None, centres: dict[str, Centre], field: str, problems: Problems,
                   broken: Broken = frozenset()) -> Venue | None:
    """A venue given as a centre id becomes that centre's name and address; an unknown id is a problem."""
    if venue is None or venue.centre_id is None:
        return venue
    centre = centres.get(venue.centre_id)
    if centre is None and is_broken(broken, venue.centre_id):
        return None  # that centre's own problems are reported already
    if centre is None:
        problems.add(venue.pos, field, f"there is no centre with the id '{venue.centre_id}'",
                     suggest(venue.centre_id, centres)
                     + "use the id of a centre in centres.yaml, or write the place out with name and town")
        return None
    return dataclasses.replace(venue, name=centre.name, address=centre.address, location=centre.location,
                               lang=centre.lang)


def suggest(value: str, known: Any) -> str:
    """'did you mean x? ' for a near miss, else nothing: the start of a hint."""
    close = difflib.get_close_matches(value, list(known), n=1)
    return f"did you mean {close[0]}? " if close else ""


def _stale(item: Any, source: Source | None, today: dt.date, problems: Problems) -> None:
    if item.checked and (today - item.checked).days > STALE_AFTER_DAYS and source is not None:
        field, pos = source.at("checked")
        problems.warn(pos, field,
                      f"'{item.id}' was last checked on {item.checked.isoformat()}, more than "
                      f"{STALE_AFTER_DAYS} days ago",
                      "check the details with the organisation, then update 'checked' to today's date")


def _date_warnings(surgeries: list[Surgery], events: list[Event], sources: dict[str, Source],
                   today: dt.date, problems: Problems) -> None:
    """Listings that are still valid but probably out of date: worth a look, not worth stopping the build."""
    from .schedule import upcoming_occurrences

    upcoming = {o.surgery_id for o in upcoming_occurrences(tuple(surgeries), today)}
    for surgery in surgeries:
        # no schedule means "dates to be confirmed", which the page says; a schedule that has run out is a mistake
        if surgery.schedule is not None and surgery.id not in upcoming:
            field, pos = sources[f"surgeries:{surgery.id}"].at("schedule")
            problems.warn(pos, field, f"the surgery '{surgery.id}' has no upcoming date",
                          "add new dates, move 'last' later, or remove the schedule while dates are not confirmed")
    _clock_warnings(surgeries, events, sources, today, problems)
    for event in events:
        if event.last_day < today and not event.cancelled:
            field, pos = sources[f"events:{event.id}"].at("ends" if event.ends else "starts")
            problems.warn(pos, field, f"the event '{event.id}' is already over "
                          f"(it ended on {event.last_day.isoformat()}); it is listed under past events on the "
                          "events page",
                          "check the date, or remove the event when it no longer needs to be listed")


def _length(start: dt.datetime, end: dt.datetime) -> str:
    minutes = int((end.astimezone(dt.UTC) - start.astimezone(dt.UTC)).total_seconds()) // 60  # real, not wall
    hours, rest = divmod(minutes, 60)
    parts = ([f"{hours} hour" + ("s" if hours != 1 else "")] if hours else []) + (
        [f"{rest} minute" + ("s" if rest != 1 else "")] if rest or not hours else [])
    return " ".join(parts)


def clock_message(field: str, kind: str, day: dt.date, written: dt.time, start: dt.datetime,
                  end: dt.datetime | None) -> tuple[str, str]:
    """The warning for a time the clock change skips or repeats, saying what residents will be shown."""
    what = f"{written:%H:%M} on {day:%A} {day.day} {day:%B %Y}"
    shown = f"{start:%H:%M %Z}" + (f" to {end:%H:%M %Z} ({_length(start, end)})" if end else "")
    if kind == "gap":
        message = (f"{what} does not exist: the clocks go forward an hour at 01:00 that night; it is shown as "
                   f"{shown}")
    else:
        message = (f"{what} happens twice: the clocks go back an hour at 02:00 that night; the first {written:%H:%M} "
                   f"is taken, so it is shown as {shown}")
    return message, f"move the {field} time out of the hour from 01:00 to 02:00 so that no one is misled"


def _clock_warnings(surgeries: list[Surgery], events: list[Event], sources: dict[str, Source], today: dt.date,
                    problems: Problems) -> None:
    """Times on the nights the clocks change that are skipped or happen twice: shown as they will really be."""
    from .schedule import clock_change, event_span, span_clock_change, upcoming_occurrences

    for o in upcoming_occurrences(tuple(surgeries), today):
        schedule = next(s.schedule for s in surgeries if s.id == o.surgery_id)
        assert schedule is not None
        move = next((m for m in schedule.moved if m.date == o.moved_from), None) if o.moved_from else None
        starts = move.starts or schedule.starts if move else schedule.starts
        ends = move.ends or schedule.ends if move else schedule.ends
        field, kind = span_clock_change(o.date, starts, ends)
        if kind:
            source = sources[f"surgeries:{o.surgery_id}"]
            node = source.node.get("schedule")
            pos = move.pos if move else field_position(node, field) if isinstance(node, Mapping) else source.node.pos
            written = starts if field == "starts" else ends
            problems.warn(pos, f"{source.path}.schedule.{field}",
                          *clock_message(field, kind, o.date if field == "starts" else o.ends.date(), written,
                                         o.starts, o.ends))
    for event in events:
        if event.last_day < today or event.all_day:
            continue
        for field, value in (("starts", event.starts), ("ends", event.ends)):
            if value is not None and value[1] is not None and clock_change(value[0], value[1]):
                path, pos = sources[f"events:{event.id}"].at(field)
                problems.warn(pos, path, *clock_message(field, clock_change(value[0], value[1]), value[0], value[1],
                                                        *event_span(event)))
                break


def load_listings(root: Path, today: dt.date, problems: Problems, languages: tuple[str, ...] = ()) -> Listings:
    """Every listing type's file (listing_types.LISTING_TYPES), then venues resolved and dates checked.
    `languages`: the site's language codes, the default first (free text may be given in each)."""
    kinds: dict[str, dict[str, Source]] = {t.name: {} for t in LISTING_TYPES}
    loaded: dict[str, tuple[Any, ...]] = {}
    broken: dict[str, Broken] = {}  # records with problems of their own, which other files may name
    for kind in LISTING_TYPES:
        errors, ids = len(problems.errors), set[str]()
        loaded[kind.name] = load_listing(root, kind.file, kind.name, kind.schema, problems, kinds[kind.name], ids,
                                         languages)
        whole_file = not loaded[kind.name] and len(problems.errors) > errors  # any id may be one of them
        broken[kind.name] = None if whole_file else frozenset(ids)
    centres = loaded["centres"]
    by_id = {c.id: c for c in centres}
    surgeries = []
    for surgery in loaded["surgeries"]:
        path = kinds["surgeries"][surgery.id].path
        venue = _resolve_venue(surgery.venue, by_id, f"{path}.venue", problems, broken["centres"])
        schedule = surgery.schedule
        if schedule and schedule.moved:
            moved = tuple(dataclasses.replace(m, venue=_resolve_venue(
                m.venue, by_id, f"{path}.schedule.moved[{index}].venue", problems, broken["centres"]))
                for index, m in enumerate(schedule.moved))
            schedule = dataclasses.replace(schedule, moved=moved)
        if venue is not None:
            surgeries.append(dataclasses.replace(surgery, venue=venue, schedule=schedule))
    events = []
    for event in loaded["events"]:
        venue = _resolve_venue(event.venue, by_id, f"{kinds['events'][event.id].path}.venue", problems,
                               broken["centres"])
        if event.venue is None or venue is not None:
            events.append(dataclasses.replace(event, venue=venue))
    loaded |= {"surgeries": tuple(surgeries), "events": tuple(events)}
    for key, items in loaded.items():
        for item in items:
            _stale(item, kinds[key].get(item.id), today, problems)
    flat = {f"{key}:{item_id}": source for key, found in kinds.items() for item_id, source in found.items()}
    _date_warnings(surgeries, events, flat, today, problems)
    return Listings(**{key: tuple(items) for key, items in loaded.items()}, broken=broken)
