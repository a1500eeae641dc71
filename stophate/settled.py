"""Files known by their status, so that a file that has not changed is not read again (as git does for its index).

What was made of a file (its digest) is kept with its status (times, size, inode, device, type), but only when its
last change is older than `SETTLED_NS` at the time it was read: every write and every change of times sets a file's
ctime to the clock's time, so a later change never leaves the status as it was, and two saves in the same clock tick
with the same size still differ, since the first is never kept. The status is the link's own (lstat): a file
replaced by a link, or reached through a folder replaced by one, has another status and is read again the careful
way.
"""

from __future__ import annotations

import os
import stat
import time
from collections.abc import Callable, Container
from pathlib import Path

from .contentfiles import read_file
from .errors import Problems

SETTLED_NS = 2_000_000_000  # coarser than the clock of any file system (FAT counts in 2 seconds)
Status = tuple[int, ...]


class Settled:
    """Name -> (status when read, what it was read with, its key)."""

    def __init__(self) -> None:
        self._known: dict[str, tuple[Status, str, str]] = {}

    @staticmethod
    def status(file: str) -> Status | None:
        """Taken before the file is read: a change while it is read gives another status next time."""
        try:
            info = os.lstat(file)
        except OSError:
            return None
        if not stat.S_ISREG(info.st_mode) or info.st_ctime_ns >= time.time_ns() - SETTLED_NS:
            return None  # changed just now: it may change again within the clock's tick
        return (info.st_mtime_ns, info.st_ctime_ns, info.st_size, info.st_ino, info.st_dev, info.st_mode)

    def get(self, name: str, status: Status | None, extra: str) -> str | None:
        kept = self._known.get(name)
        if status is None or kept is None or kept[0] != status or kept[1] != extra:
            return None
        return kept[2]

    def keep(self, name: str, status: Status | None, extra: str, key: str) -> None:
        if status is None:
            self._known.pop(name, None)
        else:
            self._known[name] = (status, extra, key)

    def forget_all_but(self, names: set[str]) -> None:
        self._known = {name: kept for name, kept in self._known.items() if name in names}


def read_changed(root: Path, found: list[str], problems: Problems, known: Container[str],
                 key_of: Callable[[str, bytes], str], extra: str,
                 files: Settled | None) -> list[tuple[str, bytes, str]]:
    """Each file's path, bytes and key (`key_of(path, bytes)`, made with `extra`); the bytes are left empty for a
    file `files` knows by its status whose key is `known`. A file that cannot be read is a problem, and left out."""
    sources = []
    for rel in found:
        status = files.status(os.path.join(root, rel)) if files is not None else None
        key = files.get(rel, status, extra) if files is not None else None
        if key is not None and key in known:
            sources.append((rel, b"", key))
            continue
        data = read_file(root, rel, problems)
        if data is not None:
            key = key_of(rel, data)
            sources.append((rel, data, key))
            if files is not None:
                files.keep(rel, status, extra, key)
    if files is not None:
        files.forget_all_but({rel for rel, _data, _key in sources})
    return sources
