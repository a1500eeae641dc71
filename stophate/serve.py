"""The live preview: build with drafts shown, serve with livereload, rebuild and reload the browser on every save.

The preview is written to ROOT/.cache/preview, never to site/, so drafts and the reload script never reach the
published site. A content mistake does not stop the server: every page shows the problems until the next good save.
"""

from __future__ import annotations

import html
import os
import shutil
import time
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

from livereload import Server
from livereload.watcher import Watcher
from tornado import ioloop

from . import routes
from .cache import BuildCache
from .contentfiles import source_line
from .errors import BuildFailed, Problem
from .render import BUILTIN_TEMPLATES
from .site import BUILTIN_STATIC, BuildOptions, build
from .writer import MARKER, UnsafeOutput

POLL_MS = 150  # how often the sources are checked for saves; a save shows in the browser well within a second
WATCHED_FOLDERS = ("content", "templates", "static")
SKIPPED_FOLDERS = {".git", ".cache", "__pycache__", "site", "node_modules", ".venv"}


def preview_folder(root: Path) -> Path:
    return root / ".cache" / "preview"


def error_page(problems: list[Problem], root: Path) -> bytes:
    """A page listing every problem in large text: where (file:line:column), what is wrong, and how to fix it."""
    items = []
    for problem in problems:
        field = f"<span class=field>{html.escape(problem.field)}:</span> " if problem.field else ""
        text = source_line(root, problem.position)
        line = f"{problem.position.line:>4} | {text}" if text is not None else ""
        items.append(
            f"<li class={problem.severity}><p class=where>{html.escape(str(problem.position))}</p>"
            f"<p class=message><strong>{problem.severity}:</strong> {field}{html.escape(problem.message)}</p>"
            + (f"<pre>{html.escape(line)}</pre>" if line else "")
            + (f"<p class=hint>How to fix it: {html.escape(problem.hint)}</p>" if problem.hint else "")
            + "</li>")
    errors = sum(p.severity == "error" for p in problems)
    title = f"The site could not be built: {errors} problem{'s' * (errors != 1)} to fix"
    return f"""<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>
body {{ font: 1.5rem/1.5 system-ui, sans-serif; margin: 0 auto; max-width: 60rem; padding: 1rem; color: #0b0c0c; }}
h1 {{ font-size: 2.2rem; line-height: 1.2; border-left: 0.5rem solid #d4351c; padding-left: 1rem; }}
ol {{ padding-left: 1.5rem; }} li {{ margin-bottom: 2rem; }}
.where {{ font: bold 1.6rem/1.3 ui-monospace, monospace; margin-bottom: 0.25rem; }}
pre {{ font-size: 1.3rem; background: #f3f2f1; padding: 0.5rem; overflow-x: auto; }}
.hint {{ border-left: 0.3rem solid #1d70b8; padding-left: 0.75rem; }}
.warning .where {{ color: #594d00; }}
</style>
</head>
<body>
<main>
<h1>{title}</h1>
<p>Nothing was published. Fix the lines below and save: this page changes back to the site by itself.</p>
<ol class=problems>
{"".join(items)}
</ol>
</main>
</body>
</html>
""".encode()


class Preview:
    """Builds into the preview folder, writing only the files that changed since the last build."""

    def __init__(self, root: Path, out: Path, options: BuildOptions, cache: BuildCache | None = None) -> None:
        self.root = root
        self.out = out
        self.options = replace(options, drafts=True)  # drafts and scheduled posts show, with their banner
        self.cache = cache if cache is not None else BuildCache()
        self.written: dict[str, bytes] = {}
        self.pages: set[str] = set()  # the pages of the last plan built: each shows the problems while there are any
        if out.exists():
            if not (out / MARKER).is_file():
                raise UnsafeOutput(f"{out} holds files the preview did not write; move them away first")
            shutil.rmtree(out)
        out.mkdir(parents=True)
        (out / MARKER).write_text("The live preview. Not the published site: drafts show here.\n")

    def rebuild(self) -> list[Problem]:
        """Build and update the folder; returns the problems (the error page is shown when there are errors)."""
        try:
            result = build(self.root, self.options, self.cache)
        except BuildFailed as failure:
            page = error_page(failure.problems, self.root)
            pages = self.pages | {routes.output_path(routes.home()), routes.output_path(routes.not_found())}
            self._sync({**self.written, **dict.fromkeys(pages, page)})
            return failure.problems
        self.pages = {job.path for job in result.plan.jobs if job.path.endswith(".html")}  # each page of the plan
        self._sync(result.files)
        return result.problems.sorted()

    def _sync(self, files: dict[str, bytes]) -> None:
        for name in self.written.keys() - files.keys():
            (self.out / name).unlink(missing_ok=True)
        for name, data in files.items():
            if self.written.get(name) != data:
                target = self.out / name
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(data)
        self.written = dict(files)


def watched_files(root: Path) -> dict[str, tuple[int, int]]:
    """Every source file the site is made from, with its modification time and size."""
    found: dict[str, tuple[int, int]] = {}
    folders = [root / name for name in WATCHED_FOLDERS] + [BUILTIN_TEMPLATES, BUILTIN_STATIC]
    files = [*root.glob("*.yaml"), *root.glob("*.yml")]
    for folder in folders:
        files += [parent / name for parent, _dirs, names in _walk(folder) for name in names]
    for file in files:
        try:
            stat = file.stat()
        except OSError:  # removed while we looked: the next check sees it gone
            continue
        found[str(file)] = (stat.st_mtime_ns, stat.st_size)
    return found


def _walk(folder: Path) -> Iterator[tuple[Path, list[str], list[str]]]:
    for parent, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if d not in SKIPPED_FOLDERS]
        yield Path(parent), dirs, files


class SourceWatcher(Watcher):
    """Checks the sources every POLL_MS and rebuilds once per batch of saves (livereload's own poll is 800 ms)."""

    def __init__(self, root: Path, on_change: Callable[[], None]) -> None:
        super().__init__()
        self.root = root
        self.on_change = on_change
        self.snapshot = watched_files(root)

    def start(self, callback: Callable[[], None]) -> bool:
        ioloop.PeriodicCallback(callback, POLL_MS).start()
        return True

    def examine(self) -> tuple[str | None, float | None]:
        if self._changes:
            return self._changes.pop()
        current = watched_files(self.root)
        if current == self.snapshot:
            return None, None
        changed = sorted(name for name in current.keys() | self.snapshot.keys()
                         if current.get(name) != self.snapshot.get(name))
        self.snapshot = current
        self.filepath = changed[0]
        self.on_change()
        return self.filepath, None


def serve(root: Path, options: BuildOptions, host: str, port: int,
          report: Callable[[list[Problem], float], None]) -> None:
    """Build, then serve the preview until interrupted; `report` is told the problems after each build."""
    preview = Preview(root, preview_folder(root), options)

    def rebuild() -> None:
        started = time.perf_counter()
        problems = preview.rebuild()
        report(problems, time.perf_counter() - started)

    rebuild()
    server = Server(watcher=SourceWatcher(root, rebuild))
    server.serve(host=host, port=port, root=str(preview.out), open_url_delay=None, restart_delay=0)
