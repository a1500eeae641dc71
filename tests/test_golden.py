"""Golden sites: build each small site under tests/sites/<case>/ (and the default site of this repository, whose
expected files are in tests/sites/default/expected/) on a fixed date and compare every output file byte for byte.

After an intended change, regenerate with: .venv/bin/python -m pytest tests/test_golden.py --update-golden
and review the diff of tests/sites/*/expected/ before committing.
"""

from __future__ import annotations

import difflib
import re
import shutil
from pathlib import Path

import pytest

from stophate.assets import is_text
from stophate.errors import Problems
from stophate.outputs.hosting import ASSETS
from stophate.site import BuildOptions, build, static_files
from tests.conftest import REPO, TODAY

SITES = Path(__file__).resolve().parent / "sites"
ROOTS = {"default": REPO, **{p.name: p for p in SITES.iterdir() if (p / "site.yaml").is_file()}}


FINGERPRINT = re.compile(r"(assets/[\w-]+)\.[0-9a-f]{10}(\.\w+)")


def without_fingerprints(files: dict[str, bytes]) -> dict[str, bytes]:
    """assets/style.<hash>.css read as assets/style.css: a change to the style sheet changes no golden page."""
    return {FINGERPRINT.sub(r"\1\2", name):
            FINGERPRINT.sub(r"\1\2", data.decode()).encode() if is_text(name) else data
            for name, data in files.items()}


@pytest.mark.parametrize("case", sorted(ROOTS))
def test_golden_site(case: str, update_golden: bool) -> None:
    root = ROOTS[case]
    # the stylesheet and scripts are copied as they are; comparing them adds only churn
    statics = static_files(root, Problems())
    copied = {f"{ASSETS}{name}": data for name, data in statics.items()} | statics
    files = {name: data for name, data in without_fingerprints(build(root, BuildOptions(today=TODAY)).files).items()
             if name not in copied or copied[name] != data}
    expected_dir = SITES / case / "expected"
    if update_golden:
        shutil.rmtree(expected_dir, ignore_errors=True)
        for name, data in files.items():
            (expected_dir / name).parent.mkdir(parents=True, exist_ok=True)
            (expected_dir / name).write_bytes(data)
        return
    expected = {p.relative_to(expected_dir).as_posix(): p.read_bytes() for p in expected_dir.rglob("*") if p.is_file()}
    assert sorted(files) == sorted(expected), "the set of files changed; run pytest --update-golden and review"
    for name in sorted(files):
        if files[name] != expected[name]:
            diff = "\n".join(difflib.unified_diff(expected[name].decode(errors="replace").splitlines(),
                                                  files[name].decode(errors="replace").splitlines(),
                                                  f"expected/{name}", f"built/{name}", lineterm="", n=2))
            pytest.fail(f"{case}: {name} differs (run pytest --update-golden if intended):\n{diff[:4000]}")


def test_golden_build_is_deterministic() -> None:
    first = build(SITES / "minimal", BuildOptions(today=TODAY)).files
    second = build(SITES / "minimal", BuildOptions(today=TODAY)).files
    assert first == second
    assert not any(str(SITES) in data.decode(errors="ignore") for data in first.values())
