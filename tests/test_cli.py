"""The command line: names, exit codes, --root for another council's content, sub-folder base URLs."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.conftest import REPO, parse_html, run_cli
from tests.htmlcheck import internal_targets, pages, resolves, text

OTHER = REPO / "tests" / "sites" / "other-council"


def test_help_names_every_command_and_option() -> None:
    result = run_cli("--help")
    assert result.returncode == 0
    for word in ("build", "check", "--root", "--out", "--today", "Exit codes"):
        assert word in result.stdout


def test_usage_error_exits_2() -> None:
    result = run_cli("--today", "31/10/2026")
    assert result.returncode == 2
    assert "not a date like 2026-10-10" in result.stderr
    assert run_cli("publish").returncode == 2


def test_missing_root_exits_2(tmp_path: Path) -> None:
    result = run_cli("--root", str(tmp_path / "nowhere"))
    assert result.returncode == 2 and "does not exist" in result.stderr


def test_root_builds_another_councils_site_in_a_sub_folder(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run_cli("build", "--root", str(OTHER), "--out", str(out), "--today", "2026-11-24")
    assert result.returncode == 0, result.stderr
    assert "Built" in result.stdout
    home = parse_html((out / "index.html").read_bytes())
    assert text(next(home.iter("title"))) == "Hate hurts Northtown - Hate Hurts Northtown"
    assert "Stop Hate WLV" not in (out / "index.html").read_text()
    # its own template overrides the built-in one, its own static file is copied
    assert "Northtown: page not found" in (out / "404.html").read_text()
    assert (out / "humans.txt").is_file()
    # nothing from the default content leaks in
    assert not (out / "centres").exists() and not (out / "what-is-hate-crime").exists()
    # every internal link carries the sub-folder and resolves when the site is served from it
    for path, doc in pages(out):
        for target in internal_targets(doc):
            assert target.startswith("/hate-crime/"), (path, target)
            assert resolves(out, target, "/hate-crime/"), (path, target)


def test_options_before_or_after_the_command(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run_cli("--root", str(OTHER), "build", "--out", str(out), "--today", "2026-11-24")
    assert result.returncode == 0, result.stderr
    assert "Northtown" in (out / "index.html").read_text()


def test_check_writes_nothing(tmp_path: Path) -> None:
    root = tmp_path / "content"
    shutil.copytree(OTHER, root)
    result = run_cli("check", "--root", str(root), "--today", "2026-11-24")
    assert result.returncode == 0, result.stderr
    assert "Nothing was written" in result.stdout
    assert not (root / "site").exists()


def test_content_problem_exits_1_and_keeps_the_previous_site(tmp_path: Path) -> None:
    root = tmp_path / "content"
    shutil.copytree(OTHER, root)
    assert run_cli("--root", str(root), "--today", "2026-11-24").returncode == 0
    before = {p: p.read_bytes() for p in (root / "site").rglob("*") if p.is_file()}
    site_yaml = root / "site.yaml"
    site_yaml.write_text(site_yaml.read_text().replace("url: https://www.northtown", "url: http://www.northtown"))
    (root / "content/pages/report.md").write_text("---\ntitle: Report it\nsumary: typo\n---\nSee [x](/nowhere/).\n")
    result = run_cli("--root", str(root), "--today", "2026-11-24")
    assert result.returncode == 1
    assert "site.yaml:4:11: base_url: web addresses must start with https://" in result.stderr
    typo = "content/pages/report.md:3:1: sumary: unknown field 'sumary': did you mean 'summary'?"
    assert typo in result.stderr
    assert "Nothing was published." in result.stderr
    assert "Traceback" not in result.stderr
    after = {p: p.read_bytes() for p in (root / "site").rglob("*") if p.is_file()}
    assert before == after


def test_a_report_of_many_problems_in_one_file_shows_each_line_and_reads_the_file_once(
        tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from stophate import cli, contentfiles
    from stophate.errors import Position, Problem

    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "a.md").write_text("first line\nsecond line\nthird line\n", encoding="utf-8")
    reads: list[Path] = []
    real = contentfiles.read_inside

    def counting(root: Path, file: Path, limit: int = contentfiles.MAX_SOURCE_BYTES) -> bytes:
        reads.append(file)
        return real(root, file, limit)

    monkeypatch.setattr(contentfiles, "read_inside", counting)
    problems = [Problem(Position("content/a.md", line, 1), "body", f"problem {line}", severity="warning")
                for line in (1, 3, 2)]
    read: contentfiles.SourceLines = {}
    shown = [cli.format_problem(problem, tmp_path, read) for problem in problems]
    assert [report.splitlines()[1].split("| ")[1] for report in shown] == ["first line", "third line", "second line"]
    assert reads == [tmp_path / "content" / "a.md"]
