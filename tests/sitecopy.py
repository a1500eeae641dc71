"""Copy the default content into a temporary folder, so tests can edit it freely."""

from __future__ import annotations

import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SOURCES = ("site.yaml", "services.yaml", "centres.yaml", "surgeries.yaml", "events.yaml", "chooser.yaml")


def copy_fixture_site(name: str, target: Path) -> Path:
    """A copy of the small site tests/sites/<name>, without its golden files: for tests that edit a site but need
    none of the default site's pages."""
    shutil.copytree(REPO / "tests" / "sites" / name, target, ignore=shutil.ignore_patterns("expected*"))
    return target


def copy_default_site(target: Path) -> Path:
    target.mkdir(parents=True, exist_ok=True)
    shutil.copytree(REPO / "content", target / "content")
    for name in SOURCES:
        if (REPO / name).is_file():
            shutil.copy(REPO / name, target / name)
    for translation in REPO.glob("chooser.*.yaml"):  # the chooser's words in the site's other languages
        shutil.copy(translation, target / translation.name)
    return target
