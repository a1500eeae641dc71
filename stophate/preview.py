"""What the preview serves: the site built with drafts shown into ROOT/.cache/preview, rebuilt on every save.

The folder is never site/, so drafts never reach the published site. A content mistake does not stop the preview:
every page shows the problems until the next good save. Whatever the timing of the saves, the folder ends up
equal to a fresh build of what is on disk (see `Preview.rebuild`).
"""

from __future__ import annotations

import hashlib
import html
import os
import shutil
import threading
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

from . import routes
from .cache import BuildCache
from .contentfiles import SourceLines, snapshot, source_excerpt
from .errors import BuildFailed, Problem
from .render import BUILTIN_TEMPLATES
from .settled import Settled
from .site import BUILTIN_STATIC, BuildOptions, build
from .writer import MARKER, UnsafeOutput

POLL_SECONDS = 0.1  # how often the sources are checked for saves
WATCHED_FOLDERS = ("content", "templates", "static")
SKIPPED_FOLDERS = {".git", ".cache", "__pycache__", "site", "node_modules", ".venv"}


def preview_folder(root: Path) -> Path:
    return root / ".cache" / "preview"


_STYLE = """
body { font: 1.5rem/1.5 system-ui, sans-serif; margin: 0 auto; max-width: 60rem; padding: 1rem; color: #0b0c0c; }
h1 { font-size: 2.2rem; line-height: 1.2; border-left: 0.5rem solid #d4351c; padding-left: 1rem; }
ol { padding-left: 1.5rem; } li { margin-bottom: 2rem; }
.where { font: bold 1.6rem/1.3 ui-monospace, monospace; margin-bottom: 0.25rem; }
pre { font-size: 1.3rem; background: #f3f2f1; padding: 0.5rem; overflow-x: auto; }
.hint { border-left: 0.3rem solid #1d70b8; padding-left: 0.75rem; }
.warning .where { color: #594d00; }
"""


def error_page(problems: list[Problem], root: Path) -> bytes:
    """A page listing every problem in large text: where (file:line:column), what is wrong, the line itself with
    a caret under the column, and how to fix it."""
    items = []
    read: SourceLines = {}
    for problem in problems:
        field = f"<span class=field>{html.escape(problem.field)}:</span> " if problem.field else ""
        excerpt = "\n".join(source_excerpt(root, problem.position, read=read))
        items.append(
            f"<li class={problem.severity}><p class=where>{html.escape(str(problem.position))}</p>"
            f"<p class=message><strong>{problem.severity}:</strong> {field}{html.escape(problem.message)}</p>"
            + (f"<pre>{html.escape(excerpt)}</pre>" if excerpt else "")
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
<style>{_STYLE}</style>
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
        self.built = ""  # the sources' digest the folder was last built from
        self.problems: list[Problem] = []  # and what that build found
        self.sources_digest = SourcesDigest()
        if out.exists():
            if not (out / MARKER).is_file():
                raise UnsafeOutput(f"{out} holds files the preview did not write; move them away first")
            shutil.rmtree(out)
        out.mkdir(parents=True)
        (out / MARKER).write_text("The live preview. Not the published site: drafts show here.\n")

    def rebuild(self) -> list[Problem]:
        """Build and update the folder; returns the problems (the error page is shown when there are errors).

        A file saved while the build was reading the sources can leave the build (and the cache entries it made)
        a mix of the old and the new file: then the cache's stages are dropped and the build runs again, until
        the sources stand still for a whole build. So the folder always equals a fresh build. A save that changes
        no byte (an editor saving twice) builds nothing: the folder already is that build.
        """
        while True:
            before = self.sources_digest(self.root)
            if before == self.built:
                return self.problems
            problems, files = self._build()
            if self.sources_digest(self.root) == before:
                break
            self.cache.forget_mixed()
        self._sync(files)
        self.built, self.problems = before, problems
        return problems

    def _build(self) -> tuple[list[Problem], dict[str, bytes]]:
        try:
            result = build(self.root, self.options, self.cache)
        except BuildFailed as failure:
            page = error_page(failure.problems, self.root)
            pages = self.pages | {routes.output_path(routes.home()), routes.output_path(routes.not_found())}
            return failure.problems, {**self.written, **dict.fromkeys(pages, page)}
        self.pages = {job.path for job in result.plan.jobs if job.path.endswith(".html")}  # each page of the plan
        return result.problems.sorted(), result.files

    def _sync(self, files: dict[str, bytes]) -> None:
        for name in self.written.keys() - files.keys():
            (self.out / name).unlink(missing_ok=True)
        for name, data in files.items():
            if self.written.get(name) != data:
                target = self.out / name
                target.parent.mkdir(parents=True, exist_ok=True)
                # written beside it, then renamed over it: the server never reads half a file
                temporary = target.with_name(f".{target.name}.new")
                temporary.write_bytes(data)
                os.replace(temporary, target)
        self.written = dict(files)


def source_files(root: Path) -> list[Path]:
    """Every source file the site is made from: the YAML files, content/, templates/ and static/, the builder's
    own templates and static files."""
    return [Path(name) for name in source_names(root)]


def source_names(root: Path) -> list[str]:
    """The same as paths in strings: ten times a second, for a thousand pages, Path objects cost more than the
    look itself."""
    folders = [str(root / name) for name in WATCHED_FOLDERS] + [str(BUILTIN_TEMPLATES), str(BUILTIN_STATIC)]
    files = [str(file) for file in (*root.glob("*.yaml"), *root.glob("*.yml"))]
    for folder in folders:
        files += [os.path.join(parent, name) for parent, _dirs, names in _walk(folder) for name in names]
    return sorted(files)


def watched_files(root: Path) -> dict[str, tuple[int, int]]:
    """Every source file with its modification time and size: cheap to take ten times a second."""
    found: dict[str, tuple[int, int]] = {}
    for name in source_names(root):
        try:
            stat = os.stat(name)
        except OSError:  # removed while we looked: the next check sees it gone
            continue
        found[name] = (stat.st_mtime_ns, stat.st_size)
    return found


class SourcesDigest:
    """A digest of the bytes of every source, reading again only the files that may have changed since the last
    look: each file's own digest is kept with its status, as the build keeps its Markdown files (settled.py), so
    two saves in the same clock tick with the same size still differ."""

    def __init__(self) -> None:
        self._files = Settled()

    def __call__(self, root: Path) -> str:
        digest = hashlib.blake2b(digest_size=16)
        names = source_names(root)
        for name in names:
            status = Settled.status(name)
            own = self._files.get(name, status, "")
            if own is None:  # a pipe or a link to /dev/zero among them is a problem of the build, not a hang here
                data = snapshot(Path(name))
                own = f"{len(data)}:{hashlib.blake2b(data, digest_size=16).hexdigest()}"
                self._files.keep(name, status, "", own)
            digest.update(name.encode() + b"\0" + own.encode())
        self._files.forget_all_but(set(names))
        return digest.hexdigest()


def _walk(folder: str) -> Iterator[tuple[str, list[str], list[str]]]:
    for parent, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if d not in SKIPPED_FOLDERS]
        yield parent, dirs, files


def watch(root: Path, rebuild: Callable[[], None], stop: threading.Event) -> None:
    """Call `rebuild` after every batch of saves until `stop` is set. Saves made during a rebuild are seen by
    the next look, so none is lost however quick they come."""
    snapshot = watched_files(root)
    while not stop.wait(POLL_SECONDS):
        current = watched_files(root)
        if current != snapshot:
            snapshot = current
            rebuild()
