"""Where the build cache is kept between runs: one state file and one file per rendered page, in ROOT/.cache/build.

Everything that reads or writes the saved cache is here, so its format can change in one place.
"""

from __future__ import annotations

import os
import pickle
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from .digests import CODE_VERSION

if TYPE_CHECKING:
    from .cache import BuildCache

STATE_FILE = "state.pickle"


def load(cache: BuildCache, folder: Path) -> None:
    """Fill `cache` from what was saved in `folder`; nothing when there is none or it came from other code."""
    try:
        with (folder / STATE_FILE).open("rb") as file:
            state = pickle.load(file)
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, ValueError):
        return
    if not isinstance(state, dict) or state.get("version") != CODE_VERSION:
        return
    cache.pages, cache.stages, cache.bytecode = state["pages"], state["stages"], state["bytecode"]
    cache.templates.known, cache.templates.closures = state["templates"], state["closures"]
    cache.saved = set(state["rendered"])


def read_rendered(cache: BuildCache, folder: Path, key: str) -> bytes | None:
    file = folder / "render" / key
    if file.is_file():
        data = cache.rendered[key] = file.read_bytes()
        return data
    cache.saved.discard(key)  # removed by someone: written again by save()
    return None


def save(cache: BuildCache, folder: Path, used_rendered: set[str]) -> None:
    """New rendered files are written, unused ones removed; then the state, replaced in one step."""
    render_folder = folder / "render"
    render_folder.mkdir(parents=True, exist_ok=True)
    for key in used_rendered - cache.saved:
        if key in cache.rendered:
            (render_folder / key).write_bytes(cache.rendered[key])
    for key in cache.saved - used_rendered:
        (render_folder / key).unlink(missing_ok=True)
    cache.saved = used_rendered & (cache.saved | cache.rendered.keys())
    this_build = cache.templates.this_build
    state = {"version": CODE_VERSION, "pages": cache.pages, "stages": cache.stages, "bytecode": cache.bytecode,
             "rendered": sorted(cache.saved),
             "templates": {(name, info.digest): info for name, info in this_build.items()},
             "closures": {name: cache.templates.closures.get(name) for name in this_build}}
    handle, temp = tempfile.mkstemp(dir=folder, prefix=".state-")
    with os.fdopen(handle, "wb") as file:
        pickle.dump(state, file, protocol=5)
    os.replace(temp, folder / STATE_FILE)
