"""Golden sites: build each small site under tests/sites/<case>/ (and the default site of this repository, whose
golden files are in tests/sites/default/) on a fixed date and compare every output file with what was approved.

Each case keeps two things:
- `expected.sha256`, the manifest: the SHA-256 of every file the build writes, in `sha256sum`'s format. Any changed
  byte of any file, and any file added or removed, fails the comparison.
- `expected/`, the text files (HTML, XML, JSON, calendars, `_headers`, robots.txt) byte for byte, so that a change
  shows as a readable diff when the goldens are regenerated and reviewed.
Binary files (share images, PDFs) are in the manifest only: a diff of them says nothing a reviewer can read, and
they are 5 MB. In the default site, the Panjabi and Romanian pages (`pa/`, `ro/` and their search pages) are in
the manifest only too: they are the same page shapes, from the same templates, as the Polish pages (kept in full,
the left-to-right language with three plural forms) and the Urdu pages (kept in full, the right-to-left one), in
other words; their text is still compared, by hash, but a change to them is read in the pages kept.

After an intended change, regenerate with: .venv/bin/python -m pytest tests/test_golden.py --update-golden
and review the diff of tests/sites/*/expected/ and tests/sites/*/expected.sha256 before committing.
"""

from __future__ import annotations

import difflib
import hashlib
import re
import shutil
from pathlib import Path, PurePosixPath

import pytest

from stophate.assets import is_text
from stophate.errors import Problems
from stophate.outputs.hosting import ASSETS
from stophate.site import BuildOptions, build, static_files
from tests.conftest import REPO, TODAY, built

SITES = Path(__file__).resolve().parent / "sites"
ROOTS = {"default": REPO, **{p.name: p for p in SITES.iterdir() if (p / "site.yaml").is_file()}}
MANIFEST = "expected.sha256"
# per case, the folders compared by hash only (see the module's docstring for why)
HASHED_ONLY = {"default": ("pa/", "ro/", "search/pa/", "search/ro/")}

FINGERPRINT = re.compile(r"(assets/[\w-]+)\.[0-9a-f]{10}(\.\w+)")


def without_fingerprints(files: dict[str, bytes]) -> dict[str, bytes]:
    """assets/style.<hash>.css read as assets/style.css: a change to the style sheet changes no golden page."""
    return {FINGERPRINT.sub(r"\1\2", name):
            FINGERPRINT.sub(r"\1\2", data.decode()).encode() if is_text(name) else data
            for name, data in files.items()}


def golden_files(root: Path, files: dict[str, bytes]) -> dict[str, bytes]:
    """What the build of `root` wrote, less the stylesheet and scripts: they are copied as they are, and comparing
    them adds only churn."""
    statics = static_files(root, Problems())
    copied = {f"{ASSETS}{name}": data for name, data in statics.items()} | statics
    return {name: data for name, data in without_fingerprints(files).items()
            if name not in copied or copied[name] != data}


def kept_in_full(case: str, name: str) -> bool:
    return ((is_text(name) or PurePosixPath(name).name == "_headers")
            and not name.startswith(HASHED_ONLY.get(case, ())))


def manifest(files: dict[str, bytes]) -> str:
    return "".join(f"{hashlib.sha256(data).hexdigest()}  {name}\n" for name, data in sorted(files.items()))


def read_manifest(text: str) -> dict[str, str]:
    return {name: digest for digest, name in (line.split("  ", 1) for line in text.splitlines())}


def write_golden(case: str, folder: Path, files: dict[str, bytes]) -> None:
    expected_dir = folder / "expected"
    shutil.rmtree(expected_dir, ignore_errors=True)
    for name, data in files.items():
        if kept_in_full(case, name):
            (expected_dir / name).parent.mkdir(parents=True, exist_ok=True)
            (expected_dir / name).write_bytes(data)
    (folder / MANIFEST).write_text(manifest(files))


def differences(case: str, folder: Path, files: dict[str, bytes]) -> list[str]:
    """Every way `files` differs from the golden files in `folder`: files added or removed, a kept file's diff, a
    file whose hash changed. Empty when they are the same."""
    expected = read_manifest((folder / MANIFEST).read_text())
    found = [f"added: {name}" for name in sorted(files.keys() - expected.keys())]
    found += [f"removed: {name}" for name in sorted(expected.keys() - files.keys())]
    expected_dir = folder / "expected"
    kept = {p.relative_to(expected_dir).as_posix() for p in expected_dir.rglob("*") if p.is_file()}
    should_keep = {name for name in expected if kept_in_full(case, name)}
    found += [f"expected/ and {MANIFEST} disagree on which files are kept: {name}"
              for name in sorted(kept ^ should_keep)]
    for name in sorted(files.keys() & expected.keys()):
        if name in kept and files[name] != (expected_dir / name).read_bytes():
            diff = "\n".join(difflib.unified_diff((expected_dir / name).read_text(errors="replace").splitlines(),
                                                  files[name].decode(errors="replace").splitlines(),
                                                  f"expected/{name}", f"built/{name}", lineterm="", n=2))
            found.append(f"{name} differs:\n{diff[:4000]}")
        elif hashlib.sha256(files[name]).hexdigest() != expected[name]:
            found.append(f"{name} differs from its SHA-256 in {MANIFEST}")
    return found


@pytest.mark.parametrize("case", sorted(ROOTS))
def test_golden_site(case: str, update_golden: bool) -> None:
    files = golden_files(ROOTS[case], built(ROOTS[case]).files)
    if update_golden:
        write_golden(case, SITES / case, files)
        return
    found = differences(case, SITES / case, files)
    assert not found, f"{case} (run pytest --update-golden if intended, and review):\n" + "\n".join(found)


@pytest.fixture(scope="module")
def minimal_files() -> dict[str, bytes]:
    return golden_files(SITES / "minimal", built(SITES / "minimal").files)


def test_golden_build_is_deterministic(minimal_files: dict[str, bytes]) -> None:
    fresh = build(SITES / "minimal", BuildOptions(today=TODAY)).files
    assert golden_files(SITES / "minimal", fresh) == minimal_files
    assert not any(str(SITES) in data.decode(errors="ignore") for data in minimal_files.values())


def test_comparison_fails_on_any_changed_added_or_removed_file(minimal_files: dict[str, bytes],
                                                                tmp_path: Path) -> None:
    write_golden("minimal", tmp_path, minimal_files)
    assert differences("minimal", tmp_path, minimal_files) == []
    assert (tmp_path / "expected" / "index.html").is_file() and (tmp_path / "expected" / "_headers").is_file()
    assert not (tmp_path / "expected" / "share-card.png").exists()
    assert "share-card.png" in read_manifest((tmp_path / MANIFEST).read_text())

    def one_byte_changed(name: str) -> dict[str, bytes]:
        data = bytearray(minimal_files[name])
        data[len(data) // 2] ^= 1
        return {**minimal_files, name: bytes(data)}

    assert differences("minimal", tmp_path, one_byte_changed("share-card.png")) == [
        f"share-card.png differs from its SHA-256 in {MANIFEST}"]
    changed_page = differences("minimal", tmp_path, one_byte_changed("index.html"))
    assert len(changed_page) == 1 and changed_page[0].startswith("index.html differs:\n--- expected/index.html")
    assert differences("minimal", tmp_path, {**minimal_files, "new/index.html": b""}) == ["added: new/index.html"]
    removed = {name: data for name, data in minimal_files.items() if name != "feed.xml"}
    assert differences("minimal", tmp_path, removed) == ["removed: feed.xml"]
    (tmp_path / "expected" / "robots.txt").unlink()
    assert differences("minimal", tmp_path, minimal_files) == [
        f"expected/ and {MANIFEST} disagree on which files are kept: robots.txt"]

