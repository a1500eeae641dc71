"""The preview's builds: a save that changes no byte builds nothing; any real change builds again."""

from __future__ import annotations

from pathlib import Path

import pytest

from stophate import preview, settled
from stophate.preview import Preview
from stophate.site import BuildOptions
from tests.conftest import TODAY
from tests.sitecopy import copy_default_site


def test_a_save_that_changes_nothing_builds_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = copy_default_site(tmp_path / "src")
    server = Preview(root, tmp_path / "preview", BuildOptions(today=TODAY, workers=1))
    first = server.rebuild()
    builds: list[Path] = []
    real_build = preview.build

    def counting(*args: object) -> object:
        builds.append(args[0])  # type: ignore[arg-type]
        return real_build(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(preview, "build", counting)
    page = root / "content" / "pages" / "about.md"
    page.write_bytes(page.read_bytes())  # saved again, unchanged
    assert server.rebuild() == first and builds == []
    page.write_text(page.read_text(encoding="utf-8") + "\nOne more sentence.\n", encoding="utf-8")
    server.rebuild()
    assert builds == [root]
    assert "One more sentence." in (tmp_path / "preview" / "about" / "index.html").read_text(encoding="utf-8")


def test_the_sources_digest_reads_again_only_what_may_have_changed(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    root = copy_default_site(tmp_path / "src")
    read: list[Path] = []
    real_snapshot = preview.snapshot

    def counting(file: Path) -> bytes:
        read.append(file)
        return real_snapshot(file)

    monkeypatch.setattr(preview, "snapshot", counting)
    digest = preview.SourcesDigest()
    first = digest(root)
    assert len(read) == len(preview.source_files(root))  # just copied: every file is new, so every file is read
    monkeypatch.setattr(settled, "SETTLED_NS", -10**9)  # every file counts as settled from now on
    read.clear()
    assert digest(root) == first  # the site's own files were read again (copied just now), the builder's were not
    assert set(read) == {file for file in preview.source_files(root) if root in file.parents}
    read.clear()
    assert digest(root) == first and read == []  # nothing changed: nothing read
    page = root / "content" / "pages" / "about.md"
    before = page.stat()
    data = page.read_bytes()
    page.write_bytes(data.replace(b"a", b"b", 1))  # the same size and, put back, the same modification time
    os.utime(page, ns=(before.st_atime_ns, before.st_mtime_ns))
    changed = digest(root)
    assert read == [page] and changed != first
    page.write_bytes(data)
    assert digest(root) == first
