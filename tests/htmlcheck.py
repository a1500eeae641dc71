"""Reading a built site back: every page parsed, every internal link resolved against the files written."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urlsplit

from tests.conftest import parse_html


def html_files(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def pages(site: Path) -> Iterator[tuple[str, object]]:
    for file in html_files(site):
        yield file.relative_to(site).as_posix(), parse_html(file.read_bytes())


def text(element) -> str:
    return " ".join("".join(element.itertext()).split())


def internal_targets(doc, base_path: str = "/") -> Iterator[str]:
    """Every same-site URL a page refers to: links, stylesheets, scripts, images."""
    for tag, attr in (("a", "href"), ("link", "href"), ("script", "src"), ("img", "src")):
        for element in doc.iter(tag):
            value = element.get(attr)
            if not value or value.startswith("#"):
                continue
            parts = urlsplit(value)
            if parts.scheme or parts.netloc:
                continue
            yield parts.path


def resolves(site: Path, path: str, base_path: str = "/") -> bool:
    """True when a static host serving `site` at base_path would answer this path with a file."""
    if not path.startswith(base_path):
        return False
    local = site / unquote(path[len(base_path):])
    if path.endswith("/"):
        return (local / "index.html").is_file()
    return local.is_file()
