#!/usr/bin/env python3
"""Lighthouse (mobile) on every kind of page of a built site, served on 127.0.0.1 as deploy/ serves it.

Builds the default site into a temporary folder (or takes --site), serves it with the headers of
stophate/outputs/hosting.py and the precompressed .br and .gz copies, and runs the npm `lighthouse` (package.json)
in Debian's Chromium (CHROME_PATH, default /usr/bin/chromium), headless, with its default mobile settings, on the
home page, how to report, the centres, a centre, the surgeries, the events, an event, the news, a post and the 404
page (at /404.html: Lighthouse audits no page served with status 404). Prints the four category scores and the
cumulative layout shift of each (with --runs N, the median of N runs), and what held a score back; exits 1 when any
score is below 100 or any shift is 0.05 or more. Run with `make lighthouse`; it needs no network.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from io import BytesIO
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from stophate.outputs.hosting import FILE_TYPES, MIME_TYPES, hidden, rules  # noqa: E402

CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
MAX_SHIFT = 0.05
LIGHTHOUSE = REPO / "node_modules" / ".bin" / "lighthouse"


class SiteHandler(SimpleHTTPRequestHandler):
    """The built site as nginx serves it (deploy/nginx.conf): its headers, its compressed copies, its 404 page."""

    def log_message(self, *args: object) -> None:
        pass

    def send_head(self):  # type: ignore[no-untyped-def]
        path = self.path.split("?", 1)[0].split("#", 1)[0].lstrip("/")
        name = path + "index.html" if path.endswith("/") or not path else path
        file = Path(self.directory) / name
        status = 200
        if hidden(name) or not file.is_file():
            name, file, status = "404.html", Path(self.directory) / "404.html", 404
        encodings = self.headers.get("Accept-Encoding", "")
        body, encoding = file.read_bytes(), ""
        for suffix, word in ((".br", "br"), (".gz", "gzip")):
            if word in encodings and file.with_name(file.name + suffix).is_file():
                body, encoding = file.with_name(file.name + suffix).read_bytes(), word
                break
        self.send_response(status)
        headers = dict(_rule(name).headers)
        headers["Content-Type"] = _rule(name).content_type or _type(name)
        for header, value in headers.items():
            self.send_header(header, value)
        if encoding:
            self.send_header("Content-Encoding", encoding)
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return BytesIO(body)


def _type(name: str) -> str:
    base = name.rsplit("/", 1)[-1]
    mime = FILE_TYPES.get(base) or MIME_TYPES.get(base.rsplit(".", 1)[-1], "application/octet-stream")
    return f"{mime}; charset=utf-8" if mime.startswith("text/") or mime.endswith(("json", "xml")) else mime


def _rule(name: str):  # type: ignore[no-untyped-def]
    """The most specific rule for a path, as the servers in deploy/ choose it."""
    matching = [r for r in rules() if (name == r.folder if r.exact else name.startswith(r.folder))]
    return max(matching, key=lambda r: (r.exact, len(r.folder)))


def pages(site: Path) -> dict[str, str]:
    """One page of every kind: the name it is reported under and its path."""

    def first(folder: str) -> str:
        found = sorted(p.parent for p in (site / folder).glob("*/index.html"))
        if not found:
            raise SystemExit(f"no page under {folder}/ in {site}")
        return "/" + found[0].relative_to(site).as_posix() + "/"

    return {"home": "/", "report": "/report/", "centres": "/centres/", "a centre": first("centres"),
            "surgeries": "/surgeries/", "events": "/events/", "an event": first("events"), "news": "/news/",
            # Lighthouse audits no page served with status 404: the same page, at its own address
            "a post": first("news"), "404": "/404.html"}


def audit(url: str, chrome: str, folder: Path) -> tuple[dict[str, float], float]:
    report = folder / "report.json"
    subprocess.run([str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={report}",
                    f"--only-categories={','.join(CATEGORIES)}",
                    "--chrome-flags=--headless=new --no-sandbox --disable-gpu"],
                   check=True, env={**os.environ, "CHROME_PATH": chrome}, timeout=300)
    result = json.loads(report.read_text(encoding="utf-8"))
    for key, value in result["audits"].items():  # what held a score back, for the person reading
        if value.get("score") is not None and value["score"] < 0.9 and value.get("scoreDisplayMode") != "informative":
            print(f"    {url}: {key}: {value.get('displayValue') or value['score']}", file=sys.stderr)
    scores = {name: round((result["categories"][name]["score"] or 0) * 100) for name in CATEGORIES}
    return scores, result["audits"]["cumulative-layout-shift"]["numericValue"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="a built site folder (default: build the default site now)")
    parser.add_argument("--chrome", default=os.environ.get("CHROME_PATH", "/usr/bin/chromium"))
    parser.add_argument("--runs", type=int, default=1,
                        help="runs per page; the median of each score is reported (Lighthouse's own advice on a busy "
                        "machine, where performance moves from run to run)")
    parser.add_argument("--page", action="append", help="only this kind of page (repeatable): home, a post...")
    args = parser.parse_args()
    if not LIGHTHOUSE.is_file():
        raise SystemExit("lighthouse is not installed: npm install (package.json)")
    with tempfile.TemporaryDirectory(prefix="stophate-lighthouse-") as temp:
        site = args.site
        if site is None:
            site = Path(temp) / "site"
            subprocess.run([sys.executable, str(REPO / "build.py"), "build", "--out", str(site)], check=True,
                           stdout=subprocess.DEVNULL)
        server = ThreadingHTTPServer(("127.0.0.1", 0), partial(SiteHandler, directory=str(site)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_address[1]}"
        failed = False
        print(f"{'page':<11} {'path':<42} {'perf':>5} {'a11y':>5} {'best':>5} {'seo':>5} {'CLS':>7}")
        try:
            for name, path in pages(site).items():
                if args.page and name not in args.page:
                    continue
                runs = [audit(base + path, args.chrome, Path(temp)) for _ in range(args.runs)]
                scores = {c: statistics.median_low(run[0][c] for run in runs) for c in CATEGORIES}
                shift = statistics.median_low(run[1] for run in runs)
                failed |= min(scores.values()) < 100 or shift >= MAX_SHIFT
                print(f"{name:<11} {path:<42} " + " ".join(f"{scores[c]:>5}" for c in CATEGORIES)
                      + f" {shift:>7.3f}", flush=True)
        finally:
            server.shutdown()
    print("Every page scores 100 with a layout shift under 0.05." if not failed else
          "Some page scores under 100 or shifts by 0.05 or more.")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
