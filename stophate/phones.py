"""Phone numbers that no resident can call: the ranges Ofcom keeps for drama, and plainly made-up ones."""

from __future__ import annotations

import re

from .errors import FieldError

SHORT_NUMBERS = {"999", "112", "101", "111", "105", "18000", "18001", "18001 101", "61016", "116 123"}


def check_phone(value: str) -> None:
    """Nothing for a national short number or a UK number someone can call; else FieldError saying why."""
    compact = re.sub(r"[\s()-]", "", value)
    if value in SHORT_NUMBERS or compact in {n.replace(" ", "") for n in SHORT_NUMBERS}:
        return
    if compact.startswith("+44"):
        compact = "0" + compact[3:]
    if not re.fullmatch(r"0\d{9,10}", compact):
        raise FieldError(f'"{value}" is not a UK phone number',
                         'write the full number with its area code, in quotes, for example "0808 168 9111"')
    unreal = unreal_number(compact)
    if unreal:
        raise FieldError(f'"{value}" {unreal}, not a number residents can call',
                         "write the organisation's real number, or leave the line out until you have it")

# Ofcom keeps these ranges for drama and examples: they are never given to a real line.
_DRAMA_PREFIXES = ("01134960", "01144960", "01154960", "01164960", "01174960", "01184960", "01214960", "01314960",
                   "01414960", "01514960", "01614960", "01914980", "02079460", "02896496", "02920180", "01632960",
                   "07700900", "08081570", "09098790", "03069990")
_RUNS = "01234567890", "09876543210"


def unreal_number(compact: str) -> str:
    """Why a number is a placeholder, or '' for one that could be real."""
    if compact.startswith(_DRAMA_PREFIXES):
        return "is in a range Ofcom keeps for drama and examples"
    national = compact[1:]
    if len(set(national[-6:])) == 1 or any(national in run for run in _RUNS) or national[-6:] in ("123456",
                                                                                                 "654321"):
        return "looks like a made-up example"
    return ""
