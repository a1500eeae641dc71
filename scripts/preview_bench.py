#!/usr/bin/env python3
"""Time the preview's rebuild after a one-post edit, on a site made by the peer benchmark (peer_bench.make_sites).

The preview is built once in this process, as `serve` does when it starts; then a sentence is added to the same post
(peer_bench.Sites.edit) before each timed rebuild. Prints the median wall and CPU seconds (this process: the preview
renders a few files, so it starts no worker) with the load average. `--profile FILE` saves a cProfile of the edits.
Tests never run it.

    .venv/bin/python scripts/preview_bench.py /tmp/pb/s1000 --edits 7
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import os
import shutil
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "scripts"))

import peer_bench  # noqa: E402

from stophate.cache import BuildCache  # noqa: E402
from stophate.preview import Preview  # noqa: E402
from stophate.site import BuildOptions  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="a peer benchmark site: its project is FOLDER/project")
    parser.add_argument("--edits", type=int, default=7, help="timed edits; medians are reported")
    parser.add_argument("--profile", type=Path, help="save a cProfile of the timed edits here")
    args = parser.parse_args()
    sites = peer_bench.Sites(args.folder, "")
    out = args.folder / "preview-bench"
    shutil.rmtree(out, ignore_errors=True)
    started = time.perf_counter()
    server = Preview(sites.project, out, BuildOptions(today=dt.date.fromisoformat(peer_bench.TODAY)), BuildCache())
    server.rebuild()
    print(f"first build {time.perf_counter() - started:.1f} s", flush=True)
    profile = cProfile.Profile() if args.profile else None
    load = f"{os.getloadavg()[0]:.2f}"
    walls, cpus = [], []
    for number in range(args.edits):
        sites.edit(time.time_ns())  # a sentence never written before: every edit changes the post
        wall, cpu = time.perf_counter(), time.process_time()
        if profile:
            profile.enable()
        server.rebuild()
        if profile:
            profile.disable()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
        print(f"edit {number + 1}: {walls[-1]:.3f} s, {cpus[-1]:.3f} CPU s", flush=True)
    print(f"one post edited, median of {args.edits}: {statistics.median(walls):.3f} s, "
          f"{statistics.median(cpus):.3f} CPU s; load average {load} to {os.getloadavg()[0]:.2f}")
    if profile and args.profile:
        profile.dump_stats(args.profile)
    shutil.rmtree(out, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
