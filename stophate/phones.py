"""Phone numbers that no resident can call: the ranges Ofcom keeps for drama, and plainly made-up ones."""

from __future__ import annotations

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
