"""centres.yaml, surgeries.yaml, events.yaml, services.yaml -> validated models, cross-checked."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import Position, Problems
from .fields import INVALID, Ctx, Schema, build_record
from .models import Centre, Event, Service, Surgery, Venue
from .schema import CENTRE, EVENT, SERVICE, SURGERY
from .sourcefile import Mapping, Scalar, Sequence, load_yaml

STALE_AFTER_DAYS = 180


@dataclass(frozen=True, slots=True)
class Listings:
    centres: tuple[Centre, ...] = ()
    surgeries: tuple[Surgery, ...] = ()
    events: tuple[Event, ...] = ()
    services: tuple[Service, ...] = ()

    def centre(self, centre_id: str) -> Centre | None:
        return next((c for c in self.centres if c.id == centre_id), None)


def load_listing(root: Path, filename: str, key: str, schema: Schema, problems: Problems) -> tuple[Any, ...]:
    """A file whose top level is `key:` followed by a list of records. A missing file is an empty listing."""
    file = root / filename
    if not file.is_file():
        return ()
    node = load_yaml(file, filename, problems)
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
    ctx = Ctx(problems, key)
    records = []
    seen: dict[str, Position] = {}
    for index, item in enumerate(items.items):
        record = build_record(item, schema, ctx.child(index))
        if record is INVALID:
            continue
        if record.id in seen:
            problems.add(_id_pos(item), f"{key}[{index}].id", f"the id '{record.id}' is used twice",
                         f"the first is on line {seen[record.id].line}; give each {schema.name} its own id")
            continue
        seen[record.id] = _id_pos(item)
        records.append(record)
    return tuple(records)


def _id_pos(node: Any) -> Position:
    child = node.get("id") if isinstance(node, Mapping) else None
    return child.pos if child is not None else node.pos


def _resolve_venue(venue: Venue | None, centres: dict[str, Centre], field: str, problems: Problems) -> Venue | None:
    if venue is None or venue.centre_id is None:
        return venue
    centre = centres.get(venue.centre_id)
    if centre is None:
        import difflib

        close = difflib.get_close_matches(venue.centre_id, list(centres), n=1)
        hint = f"did you mean {close[0]}? " if close else ""
        problems.add(venue.pos, field, f"there is no centre with the id '{venue.centre_id}'",
                     hint + "use the id of a centre in centres.yaml, or write the place out with name and town")
        return None
    return dataclasses.replace(venue, name=centre.name, address=centre.address, location=centre.location)


def _stale(item: Any, key: str, today: dt.date, problems: Problems) -> None:
    if item.checked and (today - item.checked).days > STALE_AFTER_DAYS:
        problems.warn(item.pos, f"{key}.checked",
                      f"'{item.id}' was last checked on {item.checked.isoformat()}, more than "
                      f"{STALE_AFTER_DAYS} days ago",
                      "check the details with the organisation, then update 'checked' to today's date")


def load_listings(root: Path, today: dt.date, problems: Problems) -> Listings:
    centres = load_listing(root, "centres.yaml", "centres", CENTRE, problems)
    by_id = {c.id: c for c in centres}
    surgeries = []
    for surgery in load_listing(root, "surgeries.yaml", "surgeries", SURGERY, problems):
        venue = _resolve_venue(surgery.venue, by_id, "surgeries.venue", problems)
        schedule = surgery.schedule
        if schedule and schedule.moved:
            moved = tuple(dataclasses.replace(m, venue=_resolve_venue(m.venue, by_id, "schedule.moved.venue", problems))
                          for m in schedule.moved)
            schedule = dataclasses.replace(schedule, moved=moved)
        if venue is not None:
            surgeries.append(dataclasses.replace(surgery, venue=venue, schedule=schedule))
    events = []
    for event in load_listing(root, "events.yaml", "events", EVENT, problems):
        venue = _resolve_venue(event.venue, by_id, "events.venue", problems)
        if event.venue is None or venue is not None:
            events.append(dataclasses.replace(event, venue=venue))
    services = load_listing(root, "services.yaml", "services", SERVICE, problems)
    for key, items in (("centres", centres), ("surgeries", surgeries), ("events", events), ("services", services)):
        for item in items:
            _stale(item, key, today, problems)
    return Listings(tuple(centres), tuple(surgeries), tuple(events), tuple(services))
