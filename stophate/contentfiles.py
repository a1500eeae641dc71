"""Finding and reading the content folder's files, treating every one as untrusted.

Content folders are shared and copied between machines, so a file in one may be a link to a file elsewhere on this
computer (`/etc/passwd`), a device that never ends (`/dev/zero`), a named pipe that blocks forever, or a folder with
a page's name. Only ordinary files inside the content folder are read, and only up to a size limit; everything else
is a problem that names the file, never a hang, a crash or a file from outside published as if it were content.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from collections.abc import Callable
from pathlib import Path

from .errors import Position, Problems

MAX_SOURCE_BYTES = 5 * 1024 * 1024  # Markdown: a real page is a few kilobytes
# YAML: a real listing is a few kilobytes too, and each megabyte takes seconds to parse, so the limit is lower
MAX_YAML_BYTES = 1024 * 1024
MAX_STATIC_BYTES = 50 * 1024 * 1024  # images and documents published as they are


class Refused(Exception):
    """A file that must not be read; the message and hint say why in plain words."""

    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


_OUTSIDE = Refused("this is a link to a file outside the content folder, which is never published",
                   "copy the file into the content folder instead of linking to it")


_NOT_ORDINARY = Refused("this is not an ordinary file (it is a device, a pipe or a socket)",
                        "delete it; the content folder holds only ordinary files")


def _resolve(file: Path) -> Path:
    try:
        return file.resolve(strict=True)
    except FileNotFoundError:
        if file.is_symlink():
            raise Refused("this is a link to a file that does not exist",
                          "delete the link, or copy the file it meant into the content folder") from None
        raise Refused("this file does not exist (it may have been moved while the site was built)",
                      "check the file is still there, then build again") from None
    except RuntimeError:  # Python 3.11 reports a symlink loop this way
        raise Refused("this is a link that leads round in a circle to itself", "delete the link") from None
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise Refused("this is a link that leads round in a circle to itself", "delete the link") from None
        raise _unreadable(error) from None


def _unreadable(error: OSError) -> Refused:
    if isinstance(error, PermissionError):
        return Refused("the builder is not allowed to read this file",
                       "give everyone permission to read it (for example chmod a+r), then build again")
    return Refused(f"this file cannot be read ({error.strerror or 'the system refused'})",
                   "check the file opens in your editor, then build again")


# O_NONBLOCK: opening a named pipe must not wait for a writer; O_NOFOLLOW: a link where a path was just checked is
# someone racing the check
_FILE_FLAGS = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
_FOLDER_FLAGS = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)


def _open_beneath(root: Path, file: Path) -> int | None:
    """`file` opened from `root` one folder at a time, following no link on the way: then it is inside `root`
    without resolving its whole path (most of the time of reading a thousand pages). None when a step is a link
    or cannot be opened: the full check (`_open_resolved`) then decides, and says why in its words."""
    try:
        parts = file.relative_to(root).parts
    except ValueError:
        return None
    if not parts or ".." in parts or os.open not in os.supports_dir_fd:
        return None
    try:
        folder = os.open(root, _FOLDER_FLAGS & ~getattr(os, "O_NOFOLLOW", 0))  # the root itself may be a link
    except OSError:
        return None
    try:
        for part in parts[:-1]:
            inner = os.open(part, _FOLDER_FLAGS, dir_fd=folder)
            os.close(folder)
            folder = inner
        return os.open(parts[-1], _FILE_FLAGS, dir_fd=folder)
    except OSError:
        return None
    finally:
        os.close(folder)


def _open_resolved(root: Path, file: Path) -> int:
    """`file` opened after resolving every link in its path and checking where it leads; otherwise Refused."""
    real = _resolve(file)
    if not real.is_relative_to(root.resolve()):
        raise _OUTSIDE
    try:
        return os.open(real, _FILE_FLAGS)
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise _OUTSIDE from None
        if error.errno == errno.ENXIO:  # what opening a socket says
            raise _NOT_ORDINARY from None
        raise _unreadable(error) from None


def read_inside(root: Path, file: Path, limit: int = MAX_SOURCE_BYTES) -> bytes:
    """The bytes of `file`, an ordinary file inside `root` of at most `limit` bytes; otherwise Refused."""
    fd = _open_beneath(root, file)
    if fd is None:
        fd = _open_resolved(root, file)
    try:
        data = _read_regular(fd, limit)
    except OSError as error:
        raise _unreadable(error) from None
    finally:
        os.close(fd)
    return data


def _read_regular(fd: int, limit: int) -> bytes:
    info = os.fstat(fd)
    if stat.S_ISDIR(info.st_mode):
        raise Refused("this is a folder, but its name says it is a file",
                      "rename the folder so its name does not end like a file's")
    if not stat.S_ISREG(info.st_mode):
        raise _NOT_ORDINARY
    too_big = Refused(f"this file is larger than {limit / (1024 * 1024):g} MB, the most the builder reads",
                      "make it smaller: split a long page in two, remove old entries from a list, or "
                      "compress an image")
    if info.st_size > limit:
        raise too_big
    with os.fdopen(fd, "rb", closefd=False) as stream:
        data = stream.read(limit + 1)
    if len(data) > limit:  # it grew while we read
        raise too_big
    return data


def snapshot(file: Path, limit: int = MAX_STATIC_BYTES) -> bytes:
    """What a file holds, to notice that it changed: its bytes when it is an ordinary file of at most `limit` bytes,
    else a note of why not. Never waits on a pipe or reads a device without end; nothing read here is published."""
    try:
        fd = os.open(file, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as error:
        return f"\0cannot open: {error.errno}".encode()
    try:
        return _read_regular(fd, limit)
    except Refused as refused:
        return f"\0{refused.message}: {os.fstat(fd).st_mode}".encode()
    except OSError as error:
        return f"\0cannot read: {error.errno}".encode()
    finally:
        os.close(fd)


def read_file(root: Path, rel: str, problems: Problems, limit: int = MAX_SOURCE_BYTES) -> bytes | None:
    """The bytes of ROOT/rel, or None with a problem at that file saying why it was not read."""
    try:
        return read_inside(root, root / rel, limit)
    except Refused as refused:
        problems.add(Position(rel), "", refused.message, refused.hint)
        return None


def ordinary(root: Path, file: Path, limit: int = MAX_SOURCE_BYTES) -> bool:
    """True for an ordinary file inside root, of at most limit bytes: safe to read without asking read_file."""
    try:
        real = file.resolve(strict=True)
        info = real.stat()
    except (OSError, RuntimeError):
        return False
    return real.is_relative_to(root.resolve()) and stat.S_ISREG(info.st_mode) and info.st_size <= limit


def present(file: Path) -> bool:
    """True when something is there, even a broken link: a listing that cannot be read is a problem, not empty."""
    return os.path.lexists(file)


def find_files(root: Path, folder: str, problems: Problems, suffix: str = "") -> list[str]:
    """Every file under ROOT/folder whose name ends with suffix, as sorted paths relative to root.

    Hidden files and folders (names starting with a dot, such as editors' lock files) are not content. A folder
    that cannot be opened is a problem: its pages would otherwise vanish from the site without a word. A link to a
    folder is followed only when it stays inside the content folder, and each folder is visited once.
    """
    base = root / folder
    if not present(base):
        return []
    found: list[str] = []
    _walk(root.resolve(), base, folder, problems, suffix, set(), found)
    return sorted(found)


def _walk(real_root: Path, directory: Path, rel: str, problems: Problems, suffix: str, seen: set[Path],
          found: list[str]) -> None:
    try:
        real = _resolve(directory)
        if not real.is_relative_to(real_root):
            raise Refused("this is a link to a folder outside the content folder, which is never published",
                          "copy the files into the content folder instead of linking to them")
        if real in seen:
            return
        seen.add(real)
        entries = sorted(os.scandir(real), key=lambda entry: entry.name)
    except Refused as refused:
        problems.add(Position(rel), "", refused.message, refused.hint)
        return
    except NotADirectoryError:
        problems.add(Position(rel), "", "this should be a folder, but it is a file",
                     "move the file away and make a folder with this name")
        return
    except OSError as error:
        problems.add(Position(rel), "", "the builder cannot open this folder, so the files in it would be missing "
                     f"({error.strerror or 'the system refused'})",
                     "give everyone permission to read and open it (for example chmod a+rx), then build again")
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        child = f"{rel}/{entry.name}"
        try:
            is_folder = entry.is_dir()  # follows links: a linked folder is checked in _walk
        except OSError:
            is_folder = False
        if is_folder:
            _walk(real_root, Path(entry.path), child, problems, suffix, seen, found)
        elif entry.name.endswith(suffix):
            found.append(child)  # links, pipes and devices are refused, with a problem, when read


SourceLines = dict[str, list[str] | None]  # the lines of each file read for one report, by path


def source_line(root: Path, position: Position, read: SourceLines | None = None) -> str | None:
    """The line of the content file a problem points at, to show beside the message (None when there is none).
    `read` keeps the files already read for this report: a thousand warnings need not read a file each."""
    if not position.line:
        return None
    read = {} if read is None else read
    if position.path not in read:
        try:  # the same checks as the build: a link out of the content folder must not show a line of its target
            read[position.path] = read_inside(root, root / position.path).decode("utf-8-sig", "replace").splitlines()
        except Refused:
            read[position.path] = None
    lines = read[position.path]
    return lines[position.line - 1].rstrip() if lines is not None and 0 < position.line <= len(lines) else None


def check_folder(root: Path, folder: str, problems: Problems) -> None:
    """Every file under ROOT/folder is an ordinary file inside the content folder. For folders that other libraries
    read by themselves (Jinja reads templates/, Babel reads locales/): they would follow a link anywhere, or wait
    on a named pipe for ever."""
    for rel in find_files(root, folder, problems):
        read_file(root, rel, problems)


_ACTIVE = re.compile(rb"<script\b|\bon[a-z]+\s*=|javascript:", re.I)
_FRAME = re.compile(rb"<(?:iframe|frame|object|embed)\b[^>]*?\b(?:src|data)\s*=\s*[\"']?\s*(?:https?:)?//", re.I)


def warn_active_content(rel: str, data: bytes, problems: Problems) -> None:
    """static/ is published as it is: a script or a frame from another site there runs on the council's address.
    A warning, not an error (a council may mean it), so the editor knows it is there."""
    name = rel.lower()
    if name.endswith((".js", ".mjs")):
        problems.warn(Position(rel), "", "this script is published as it is and runs on every page that loads it",
                      "check where it came from and what it does; pages must work without it")
    elif name.endswith((".html", ".htm", ".xhtml", ".svg", ".xml")):
        if _FRAME.search(data):
            problems.warn(Position(rel), "", "this file shows a page from another website in a frame",
                          "link to the other website instead; pages load nothing from another host")
        elif _ACTIVE.search(data):
            problems.warn(Position(rel), "", "this file contains a script, which runs when the file is opened",
                          "remove the script (for an SVG, export it again as a plain image)")


def source_excerpt(root: Path, position: Position, shown: Callable[[str], str] = str,
                   read: SourceLines | None = None) -> list[str]:
    """The line a problem points at, with its number, and a caret under the column: for the terminal report and
    the preview's error page alike. `shown` makes text safe to print (the terminal's), and the caret follows it.
    Empty when there is no line to show."""
    text = source_line(root, position, read)
    if text is None or "\x00" in text:  # a UTF-16 file's line would print as noise
        return []
    gutter = f"{position.line:>6} | "
    lines = [gutter + shown(text)]
    if 0 < position.column <= len(text) + 1:
        # keep tabs as tabs so the caret lines up in any terminal
        pad = "".join("\t" if ch == "\t" else " " for ch in shown(text[: position.column - 1]))
        lines.append(" " * (len(gutter) - 2) + "| " + pad + "^")
    return lines
