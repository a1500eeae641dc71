"""Every page the builder writes is valid HTML, checked by the Nu Html Checker (vnu-jar from npm, run with Java)."""

from __future__ import annotations

import subprocess
from pathlib import Path

from tests.conftest import REPO, write_built

VNU = REPO / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def validate(*folders: Path) -> str:
    result = subprocess.run(["java", "-jar", str(VNU), "--errors-only", "--skip-non-html", *map(str, folders)],
                            capture_output=True, text=True, timeout=300)
    return result.stderr.strip() + result.stdout.strip()


def test_default_and_fixture_sites_are_valid_html(default_site: Path, tmp_path: Path) -> None:
    other = write_built(REPO / "tests" / "sites" / "other-council", tmp_path / "other")
    assert validate(default_site, other, REPO / "tests" / "sites" / "minimal" / "expected") == ""


def test_the_validator_does_report_errors(tmp_path: Path) -> None:
    (tmp_path / "bad.html").write_text("<!doctype html><html><head></head><body><p><div></p></body></html>")
    assert "error" in validate(tmp_path)
