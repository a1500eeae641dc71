#!/usr/bin/env python3
"""Time the builder on a synthetic site: 1,000 Markdown pages of about 600 words and 500 centres.

The site is written to a temporary folder (the default content plus generated pages and centres), then built with
the project's own code: a cold full build in memory (on one core, then on all of them, up to four), writing the
files, and a no-change rebuild and a one-page-edit rebuild with the build cache, as the preview server does them
(these include updating the preview folder). Each figure is the median of several runs, because other work on the
machine makes single timings noisy. Run with `make bench-synthetic`; tests never run it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import resource
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from stophate.assets import precompressed  # noqa: E402
from stophate.cache import BuildCache  # noqa: E402
from stophate.serve import Preview  # noqa: E402
from stophate.site import BuildOptions, build  # noqa: E402
from stophate.writer import write_site  # noqa: E402

TODAY = dt.date(2026, 11, 24)
WORDS = ("hate", "crime", "report", "support", "police", "centre", "community", "safe", "help", "victim",
         "witness", "online", "trust", "local", "advice", "talk", "listen", "equal", "respect", "together",
         "neighbour", "school", "faith", "family", "friend", "worker")
LINKS = (("/report/", "how to report"), ("/centres/", "reporting centres"), ("/support/", "support services"),
         ("/what-is-hate-crime/", "what hate crime is"), ("/surgeries/", "Hate Crime Surgeries"), ("/news/", "news"))


def _sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def _paragraph(rng: random.Random, words: int) -> str:
    """Short sentences, so the synthetic pages pass the site's readability check as real pages should."""
    return " ".join(_sentence(rng, 8) for _ in range(words // 8))


def _page(rng: random.Random, number: int) -> str:
    """About 600 words: headings, paragraphs with links, a list and a table."""
    parts = [f"---\ntitle: Synthetic page {number}\nsummary: {_sentence(rng, 12)}\n---\n"]
    for section in range(4):
        parts.append(f"## Section {section + 1} of page {number}\n")
        href, text = rng.choice(LINKS)
        parts.append(f"{_paragraph(rng, 40)} Read about [{text}]({href}). {_paragraph(rng, 40)}\n")
        parts.append("\n".join(f"- {_sentence(rng, 8)}" for _ in range(4)) + "\n")
        parts.append(f"{_paragraph(rng, 32)} *{_sentence(rng, 6)}* \"Quoted words\" -- {_sentence(rng, 8)}\n")
    parts.append("Table: Ways to get help\n\n| Route | When | Contact |\n| --- | --- | --- |\n")
    parts.extend(f"| {rng.choice(WORDS)} | {_sentence(rng, 4)} | [{text}]({href}) |\n"
                 for href, text in (rng.choice(LINKS) for _ in range(4)))
    return "\n".join(parts)


def _centre(number: int) -> str:
    return (f"  - id: synthetic-centre-{number}\n    name: Synthetic Centre {number}\n"
            f"    summary: A place where you can report hate crime to someone you trust.\n"
            f"    address:\n      lines: [\"{number} High Street\"]\n      town: Wolverhampton\n"
            f"    languages: [English, Panjabi]\n    access: [step-free]\n"
            f"    opening_hours:\n      - days: [Monday, Tuesday]\n        opens: \"09:00\"\n"
            f"        closes: \"17:00\"\n    checked: 2026-11-24\n    verified: false\n")


def add_languages(root: Path, count: int) -> None:
    """The site in `count` more languages, every generated page translated into each: as many more pages to build
    (the text stays English: what is measured is the work per page, not the words)."""
    codes = ("pa", "ur", "pl", "ro")[:count]  # the default site lists them all in site.yaml
    for page in sorted((root / "content" / "pages").glob("synthetic-*.md")):
        for code in codes:
            page.with_name(f"{page.stem}.{code}.md").write_bytes(page.read_bytes())


def make_site(folder: Path, pages: int = 1000, centres: int = 500) -> Path:
    """The default content plus `pages` generated pages and `centres` generated centres."""
    root = folder / "bench-site"
    shutil.copytree(REPO / "content", root / "content")
    for name in ("site.yaml", "services.yaml", "surgeries.yaml", "events.yaml", "centres.yaml"):
        shutil.copy(REPO / name, root / name)
    for chooser in REPO.glob("chooser*.yaml"):  # the translated pages link the chooser in their language
        shutil.copy(chooser, root / chooser.name)
    rng = random.Random(2026)
    generated = root / "content" / "pages"
    for number in range(pages):
        (generated / f"synthetic-{number:04d}.md").write_text(_page(rng, number), encoding="utf-8")
    with (root / "centres.yaml").open("a", encoding="utf-8") as file:
        file.write("\n" + "\n".join(_centre(n) for n in range(centres)))
    return root


def page_to_edit(root: Path, pages: int) -> Path:
    """The page the one-page-edit rebuild edits: the middle generated page (synthetic-0500.md of 1,000), or the
    first page of the default content when no page was generated."""
    folder = root / "content" / "pages"
    middle = folder / f"synthetic-{pages // 2:04d}.md"
    return middle if middle.is_file() else sorted(folder.glob("*.md"))[0]


def median_seconds(run: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=1000, help="Markdown pages to generate (0 or more)")
    parser.add_argument("--centres", type=int, default=500, help="centres to add to the default ones")
    parser.add_argument("--repeat", type=int, default=5, help="runs per figure; the median is reported")
    parser.add_argument("--languages", type=int, default=0, choices=range(5),
                        help="also translate every generated page into this many more languages (pa, ur, pl, ro)")
    args = parser.parse_args()
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="stophate-bench-") as temp:
        root = make_site(Path(temp), args.pages, args.centres)
        add_languages(root, args.languages)
        out = Path(temp) / "site"
        rows: list[tuple[str, float]] = []

        def full(workers: int) -> None:
            build(root, BuildOptions(today=TODAY, workers=workers))

        result = build(root, BuildOptions(today=TODAY, workers=1))
        files = len(result.files)
        markdown = len(list((root / "content").rglob("*.md")))
        pages = result.pages  # HTML pages built: the Markdown pages, and every listing page in every language
        cores = os.cpu_count() or 1
        rows.append(("full build, one core", median_seconds(lambda: full(1), args.repeat)))
        rows.append((f"full build, {min(cores, 4)} cores", median_seconds(lambda: full(0), args.repeat)))
        rows.append((f"writing the {files} files to site/", median_seconds(lambda: write_site(result.files, out),
                                                                            args.repeat)))
        rows.append((".gz and .br copies (build command)", median_seconds(lambda: precompressed(result.files),
                                                                           args.repeat)))

        preview = Preview(root, Path(temp) / "preview", BuildOptions(today=TODAY), BuildCache())
        preview.rebuild()  # fills the cache, as the server does when it starts
        rows.append(("no-change rebuild (preview)", median_seconds(preview.rebuild, args.repeat)))
        edited = page_to_edit(root, args.pages)
        original = edited.read_text(encoding="utf-8")
        counter = iter(range(10**6))

        def edit_and_rebuild() -> None:
            edited.write_text(original + f"\nOne more sentence, edit {next(counter)}.\n", encoding="utf-8")
            preview.rebuild()

        rows.append(("one-page-edit rebuild (preview)", median_seconds(edit_and_rebuild, args.repeat)))
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        worker_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        load = os.getloadavg()[0]
    print(f"Synthetic site: {markdown} Markdown pages, {args.centres} extra centres, {pages} pages built, "
          f"{files} files written; "
          f"median of {args.repeat} runs; load average {load_before:.2f} before, {load:.2f} after, on {cores} cores")
    print(f"{'what':<34} {'seconds':>8} {'pages/s':>9}")
    for name, seconds in rows:
        print(f"{name:<34} {seconds:>8.3f} {pages / seconds:>9.0f}")
    print(f"peak memory (resident): {peak_mb:.0f} MB in the main process, {worker_mb:.0f} MB in the largest worker")
    return 0


if __name__ == "__main__":
    sys.exit(main())
