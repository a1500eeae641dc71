"""The preview's builds: a save that changes no byte builds nothing; any real change builds again."""

from __future__ import annotations

from pathlib import Path

import pytest

from stophate import preview
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
