"""Frozen dataclasses as plain JSON data and back, every value checked against its type hint.

The saved build cache keeps parsed pages this way (cachestore.py): reading one back builds only the dataclasses its
type names, from strings, numbers and lists, so it can run no code; anything that is not exactly what `encode`
writes raises `Invalid`, and the cache treats it as a miss.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import types
import typing
from collections.abc import Callable
from typing import Any

Decoder = Callable[[Any], Any]


class Invalid(ValueError):
    """The data is not what `encode` makes of a value of this type."""


@functools.cache
def _field_names(kind: type) -> tuple[str, ...]:
    return tuple(field.name for field in dataclasses.fields(kind))


def encode(value: Any) -> Any:
    """A dataclass as the list of its fields, a tuple as a list, a date as its ISO text; TypeError for anything
    else that is not a plain string, number, boolean or None (a str subclass such as Markup would come back as a
    plain str, so it is refused too)."""
    kind = type(value)
    if kind in (str, int, float, bool) or value is None:
        return value
    if kind is tuple:
        return [encode(item) for item in value]
    if kind is dt.date:
        return value.isoformat()
    if dataclasses.is_dataclass(kind):
        return [encode(getattr(value, name)) for name in _field_names(kind)]
    raise TypeError(f"{kind.__name__} is not kept as data")


def decode(hint: Any, data: Any) -> Any:
    """The value of type `hint` that `encode` made `data` from; Invalid when it cannot be."""
    return decoder(hint)(data)


@functools.cache
def decoder(hint: Any) -> Decoder:
    """A function reading data of type `hint`, made once per type."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if hint in (str, int, bool):
        return functools.partial(_exact, hint)
    if hint is float:
        return _number
    if hint is type(None):
        return functools.partial(_exact, type(None))
    if hint is dt.date:
        return _date
    if origin in (typing.Union, types.UnionType):
        return _union(tuple(decoder(arg) for arg in args))
    if origin is typing.Literal:
        return functools.partial(_one_of, args)
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            return functools.partial(_many, decoder(args[0]))
        return functools.partial(_fixed, tuple(decoder(arg) for arg in args))
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return _record(hint)
    raise TypeError(f"no decoder for {hint!r}")


def _exact(kind: type, data: Any) -> Any:
    if type(data) is not kind:
        raise Invalid(f"not a {kind.__name__}")
    return data


def _number(data: Any) -> float:
    if type(data) not in (int, float):
        raise Invalid("not a number")
    return float(data)


def _date(data: Any) -> dt.date:
    if type(data) is not str:
        raise Invalid("not a date")
    try:
        return dt.date.fromisoformat(data)
    except ValueError:
        raise Invalid("not a date") from None


def _union(choices: tuple[Decoder, ...]) -> Decoder:
    def read(data: Any) -> Any:
        for choice in choices:
            try:
                return choice(data)
            except Invalid:
                continue
        raise Invalid("none of the types it may be")

    return read


def _one_of(allowed: tuple[Any, ...], data: Any) -> Any:
    if data not in allowed or type(data) is not str:
        raise Invalid("not one of the values allowed")
    return data


def _list(data: Any) -> list[Any]:
    if type(data) is not list:
        raise Invalid("not a list")
    return data


def _many(item: Decoder, data: Any) -> tuple[Any, ...]:
    return tuple(item(value) for value in _list(data))


def _fixed(items: tuple[Decoder, ...], data: Any) -> tuple[Any, ...]:
    if len(_list(data)) != len(items):
        raise Invalid("a list of the wrong length")
    return tuple(item(value) for item, value in zip(items, data, strict=True))


def _record(kind: type) -> Decoder:
    hints = typing.get_type_hints(kind)
    fields = [decoder(hints[name]) for name in _field_names(kind)]

    def read(data: Any) -> Any:
        if len(_list(data)) != len(fields):
            raise Invalid(f"not a {kind.__name__}")
        return kind(*[field(value) for field, value in zip(fields, data, strict=True)])

    return read
