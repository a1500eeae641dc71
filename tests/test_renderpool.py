"""Rendering on several cores gives exactly what rendering in one process gives, problems included."""

from __future__ import annotations

from pathlib import Path

import pytest

from stophate.errors import BuildFailed
from stophate.execute import MIN_RENDERS
from stophate.render import BUILTIN_TEMPLATES
from stophate.site import BuildOptions, build
from tests.conftest import TODAY
from tests.sitecopy import copy_default_site


@pytest.fixture(scope="module")
def many_pages(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_default_site(tmp_path_factory.mktemp("pool") / "src")
    for number in range(MIN_RENDERS):
        table = "\n\n| A | B |\n| --- | --- |\n| 1 | 2 |\n" if number % 50 == 0 else ""  # a warning
        (root / "content" / "pages" / f"extra-{number}.md").write_text(
            f"---\ntitle: Extra page {number}\nsummary: Page {number}.\n---\nText of page {number}, "
            f"with a link to [how to report](/report/).{table}\n", encoding="utf-8")
    return root


def test_parallel_render_matches_one_process(many_pages: Path) -> None:
    one = build(many_pages, BuildOptions(today=TODAY, workers=1))
    two = build(many_pages, BuildOptions(today=TODAY, workers=2))
    assert list(two.files) == list(one.files)  # same files, in the same order
    assert two.files == one.files
    assert two.pages == one.pages > MIN_RENDERS
    warnings = two.problems.sorted()
    assert warnings == one.problems.sorted()
    assert sum(p.message == "a table has no caption" for p in warnings) == MIN_RENDERS // 50


def test_a_template_error_in_a_worker_is_reported_like_any_other(many_pages: Path, tmp_path: Path) -> None:
    root = copy_default_site(tmp_path / "src")
    for file in (many_pages / "content" / "pages").glob("extra-*.md"):
        (root / "content" / "pages" / file.name).write_bytes(file.read_bytes())
    (root / "templates").mkdir()
    source = (BUILTIN_TEMPLATES / "page.html").read_text(encoding="utf-8")
    broken = source.replace("{% block content %}", "{% block content %}{{ page.title.no_such_method() }}", 1)
    assert broken != source
    (root / "templates" / "page.html").write_text(broken, encoding="utf-8")
    reports = []
    for workers in (1, 2):
        with pytest.raises(BuildFailed) as failure:
            build(root, BuildOptions(today=TODAY, workers=workers))
        reports.append([(str(p.position), p.message) for p in failure.value.problems if p.severity == "error"])
    assert reports[0] == reports[1]
    assert reports[0] and all(where.startswith("templates/page.html:") for where, _ in reports[0])
