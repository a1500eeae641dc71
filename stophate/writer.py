"""Write the whole site beside the output folder, then swap it in, so a failed build never touches site/."""

from __future__ import annotations

import ctypes
import ctypes.util
import fcntl
import os
import shutil
import stat
from collections.abc import Callable
from pathlib import Path, PurePosixPath

MARKER = ".stophate-site"  # written into every output folder: we only ever replace folders we made
_RENAME_EXCHANGE = 2


class UnsafeOutput(Exception):
    """The chosen output folder could hold someone's files; the message says why in plain words."""


def check_output_folder(out: Path, root: Path) -> None:
    out, root = out.resolve(), root.resolve()
    home = Path.home().resolve()
    if out in (home, Path("/")):
        raise UnsafeOutput(f"{out} is your home folder or the top of the disk: "
                           f"choose a folder such as {root / 'site'}")
    if out == root or out in root.parents:
        raise UnsafeOutput(f"{out} is the content folder or one of its parents: "
                           f"choose a folder such as {root / 'site'}")
    for protected in ("content", "templates", "static"):
        folder = root / protected
        if out == folder or folder in out.parents:
            raise UnsafeOutput(f"{out} is inside the content folder's {protected}/: choose a folder such as "
                               f"{root / 'site'}")
    if out.exists() and (not out.is_dir() or (any(out.iterdir()) and not (out / MARKER).is_file())):
        raise UnsafeOutput(f"{out} already holds files this builder did not write; choose an empty or new folder "
                           "(nothing was changed)")


def _exchange(a: Path, b: Path) -> bool:
    """Swap two folders in one step (Linux renameat2); False where the system cannot."""
    libc_name = ctypes.util.find_library("c")
    if not libc_name:
        return False
    try:
        libc = ctypes.CDLL(libc_name, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd = -100
    result = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), _RENAME_EXCHANGE)
    return result == 0


def clean_leftovers(out: Path) -> None:
    """Remove temporary folders from builds that were killed before they could tidy up.

    Names are compared as text, never as a glob: an output folder named `*` or `[a]` must not match its neighbours.
    """
    for stale in out.parent.iterdir():
        for prefix in (f".{out.name}.tmp-", f".{out.name}.old-"):
            if stale.name.startswith(prefix) and stale.name[len(prefix):].isdigit() and not stale.is_symlink():
                shutil.rmtree(stale, ignore_errors=True)


def _safe_name(name: str) -> str:
    """Every output path stays inside the output folder, whatever a slug or file name tried."""
    parts = PurePosixPath(name).parts
    if not parts or name.startswith(("/", "\\")) or ".." in parts:
        raise UnsafeOutput(f'the output file name "{name}" would be written outside the site folder')
    return name


class Published(KeyboardInterrupt):
    """Ctrl-C came after the new site was swapped in: it is published, only the tidying up was cut short."""


def write_site(files: dict[str, bytes], out: Path, finish: Callable[[Path], None] | None = None) -> None:
    """Write every file into a temporary folder beside `out`, then swap it in; on any failure `out` is untouched.

    `finish`, when given, works on the written folder before the swap (the search index reads the finished pages):
    if it fails, nothing is swapped in either. Raises Published when interrupted after the swap, so nobody is told
    the old site is still there.
    """
    out = out.resolve()
    for name in files:
        _safe_name(name)
    out.parent.mkdir(parents=True, exist_ok=True)
    # builds into the same folder take turns: one must not tidy away the folder another is still writing. The lock
    # is on the parent folder itself, so no lock file is left beside the site
    lock = os.open(out.parent, os.O_RDONLY)
    try:
        fcntl.flock(lock, fcntl.LOCK_EX)
        _replace(files, out, finish)
    finally:
        os.close(lock)


def _replace(files: dict[str, bytes], out: Path, finish: Callable[[Path], None] | None) -> None:
    clean_leftovers(out)
    temp = out.parent / f".{out.name}.tmp-{os.getpid()}"
    old = out.parent / f".{out.name}.old-{os.getpid()}"
    ours: int | None = None  # the new marker's inode: renames keep it, so it shows which site is in place
    try:
        _write_files(files, temp, out)
        if finish is not None:
            finish(temp)
        ours = (temp / MARKER).stat().st_ino
        _swap(temp, out, old)
        _tidy(temp, old)
    except BaseException as error:
        if ours is not None and _inode(out / MARKER) == ours:
            _tidy(temp, old)
            if isinstance(error, KeyboardInterrupt):
                raise Published from None
            raise
        if old.exists() and not out.exists():  # stopped between the two renames: put the old site back
            old.rename(out)
        shutil.rmtree(temp, ignore_errors=True)
        raise


def _write_files(files: dict[str, bytes], temp: Path, previous: Path) -> None:
    made: set[Path] = set()
    for name, data in files.items():
        target = temp / name
        if target.parent not in made:
            target.parent.mkdir(parents=True, exist_ok=True)
            made.add(target.parent)
        target.write_bytes(data)
        _keep_time(previous / name, target, data)
    (temp / MARKER).write_text("Written by the Stop Hate site builder. This folder is replaced on each build.\n")


def _keep_time(old: Path, new: Path, data: bytes) -> None:
    """A file the last build wrote with the same bytes keeps its time stamp. Servers make Last-Modified and ETag
    from it, so a browser checking a page after the nightly rebuild hears "not modified" unless it changed."""
    try:
        found = os.lstat(old)
        if stat.S_ISREG(found.st_mode) and found.st_size == len(data) and old.read_bytes() == data:
            os.utime(new, ns=(found.st_atime_ns, found.st_mtime_ns))
    except OSError:  # no such file last time: the new time stamp stands
        pass


def _swap(temp: Path, out: Path, old: Path) -> None:
    """Put temp in out's place; the previous site ends up in temp (one atomic exchange) or in old."""
    if not out.exists():
        temp.rename(out)
    elif not _exchange(temp, out):
        out.rename(old)
        temp.rename(out)


def _tidy(temp: Path, old: Path) -> None:
    """Remove the previous site; a folder left behind is removed by the next build (clean_leftovers)."""
    shutil.rmtree(temp, ignore_errors=True)
    shutil.rmtree(old, ignore_errors=True)


def _inode(path: Path) -> int | None:
    try:
        return path.stat().st_ino
    except OSError:
        return None
