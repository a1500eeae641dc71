"""Invalid content folders and the full report each produces, compared exactly.

Each folder in tests/invalid/ holds only the files that differ from tests/invalid/_base/ (a small valid site),
its expected report in expected.txt and, optionally, extra command-line options in args.txt.
Regenerate the reports after a deliberate change of wording with:  UPDATE_EXPECTED=1 pytest tests/test_validation.py
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from stophate import cli
from stophate.errors import BuildFailed
from stophate.site import BuildOptions, build

from .conftest import TODAY

INVALID = Path(__file__).parent / "invalid"
CASES = sorted(p.name for p in INVALID.iterdir() if p.is_dir() and not p.name.startswith("_"))
UPDATE = os.environ.get("UPDATE_EXPECTED") == "1"


def assemble(case: str, into: Path) -> Path:
    """The base site with the case's files laid over it."""
    root = into / "root"
    shutil.copytree(INVALID / "_base", root)
    shutil.copytree(INVALID / case, root, dirs_exist_ok=True,
                    ignore=shutil.ignore_patterns("expected.txt", "args.txt"))
    return root


def report(root: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> tuple[int, str]:
    code = cli.main(["check", "--root", str(root), "--today", TODAY.isoformat(), *extra])
    return code, capsys.readouterr().err


@pytest.mark.parametrize("case", CASES)
def test_report_matches_expected(case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args_file = INVALID / case / "args.txt"
    extra = args_file.read_text().split() if args_file.is_file() else []
    code, err = report(assemble(case, tmp_path), capsys, *extra)
    expected_file = INVALID / case / "expected.txt"
    if UPDATE:
        expected_file.write_text(err)
    assert err == expected_file.read_text()
    assert code == (cli.EXIT_PROBLEMS if "Nothing was published." in err else cli.EXIT_OK)
    assert str(tmp_path) not in err, "reports name files relative to the content folder"
    assert "Traceback" not in err


def test_base_site_is_valid(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, err = report(INVALID / "_base", capsys)
    assert (code, err) == (cli.EXIT_OK, "")


def problems_of(case: str, tmp_path: Path, strict: bool = False) -> list[tuple[str, str, str]]:
    try:
        result = build(assemble(case, tmp_path), BuildOptions(today=TODAY, strict=strict))
    except BuildFailed as failure:
        found = failure.problems
    else:
        found = result.problems.sorted()
    return [(str(p.position), p.field, p.severity) for p in found]


# One row per kind of mistake: the exact place, the field path and key words of the message.
KINDS = [
    ("tab-indent", "centres.yaml:4:1", "", ["tab", "spaces"]),
    ("bad-dates", "events.yaml:4:13", "events[0].starts", ["day-first", "year-month-day"]),
    ("bad-dates", "events.yaml:8:13", "events[1].starts", ["not a real date"]),
    ("bad-dates", "events.yaml:13:11", "events[2].ends", ["ends before it starts"]),
    ("bad-times", "surgeries.yaml:7:15", "surgeries[0].schedule.starts", ["time like 09:30", "9.30"]),
    ("bad-times", "surgeries.yaml:8:13", "surgeries[0].schedule.ends", ["not a real time"]),
    ("bad-times", "surgeries.yaml:14:15", "surgeries[1].schedule.weekly", ["not one of the choices"]),
    ("centre-fields", "centres.yaml:7:17", "centres[0].address.postcode", ["not a UK postcode"]),
    ("centre-fields", "centres.yaml:8:12", "centres[0].phone", ["not a UK phone number"]),
    ("centre-fields", "centres.yaml:9:12", "centres[0].email", ["not an e-mail address"]),
    ("centre-fields", "centres.yaml:10:5", "centres[0].webiste", ["did you mean 'website'"]),
    ("centre-fields", "centres.yaml:16:7", "centres[1].address.postcode", ["verified centre needs a postcode"]),
    ("centre-fields", "centres.yaml:33:14", "centres[4].website", ["https://"]),
    ("centre-fields", "centres.yaml:24:14", "centres[2].website", ["tracking redirect"]),
    ("dangling-venue", "surgeries.yaml:4:12", "surgeries[0].venue", ["no centre", "refugee-migrant-center"]),
    ("dangling-venue", "surgeries.yaml:16:18", "surgeries[1].schedule.moved[0].venue", ["no centre", "town-hall"]),
    ("dangling-venue", "events.yaml:5:12", "events[0].venue", ["no centre", "civic-centre"]),
    ("route-not-https", "site.yaml:19:14", "report_routes[1].contacts[0].url", ["https://"]),
    ("route-not-https", "site.yaml:21:14", "report_routes[1].contacts[1].url", ["tracking codes"]),
    ("centre-fields", "centres.yaml:26:9", "centres[3].id", ["used twice"]),
    ("page-mistakes", "content/pages/no-title.md:2:1", "title", ["'title' is missing"]),
    ("page-mistakes", "content/pages/no-front-matter.md:1:1", "title", ["no front matter"]),
    ("page-mistakes", "content/pages/Bad_Name.md:1:1", "slug", ["cannot be used in a web address"]),
    ("page-mistakes", "content/pages/escape.md:4:7", "slug", ["cannot be used in a web address"]),
    ("page-mistakes", "content/pages/typo.md:3:1", "sumary", ["did you mean 'summary'"]),
    ("page-mistakes", "content/pages/typo.md:4:7", "date", ["not a real date"]),
    ("page-mistakes", "content/pages/typo.md:5:8", "draft", ["true or false"]),
    ("same-url", "content/pages/about.md:2:1", "slug", ["both be published at /about/"]),
    ("same-url", "content/pages/news.md:2:1", "slug", ["made by the builder"]),
    ("page-mistakes", "content/pages/image.md:4:8", "image_alt", ["no alt text"]),
    ("links", "content/pages/links.md:5:16", "body", ["/centres/foo/", "no page"]),
    ("links", "content/pages/links.md:5:53", "body", ["no published file content/pages/reprot.md",
                                                          "did you mean content/pages/report.md"]),
    ("links", "content/pages/links.md:6:10", "body", ["content/posts/missing.md"]),
    ("links", "content/pages/links.md:6:52", "body", ["published at /who-we-are/"]),
    ("links", "content/pages/links.md:8:12", "body", ["no file at /images/no-such-file.jpg"]),
    ("unsafe-links", "content/pages/unsafe.md:5:13", "body", ["unsafe address", "javascript:"]),
    ("unsafe-links", "content/pages/unsafe.md:5:45", "body", ["unsafe address", "data:"]),
    ("unsafe-links", "content/pages/unsafe.md:5:74", "body", ["not secure"]),
    ("unsafe-links", "content/pages/unsafe.md:7:11", "body", ["unsafe address", "JaVaScRiPt:"]),
    ("unsafe-links", "content/pages/unsafe.md:7:42", "body", ["not on another website"]),
    ("unsafe-links", "content/pages/unsafe.md:9:5", "body", ["image has no alt text"]),
    ("related-centre", "content/posts/2026-10-01-week.md:5:35", "centres[1]", ["no centre", "st-peters-church"]),
    ("encodings", "content/pages/wide.md:1:1", "", ["UTF-16"]),
    ("encodings", "content/pages/windows.md:2:11", "", ["not saved as UTF-8"]),
    ("yaml-shapes", "events.yaml:1:1", "events", ["must start with 'events:'"]),
    ("yaml-shapes", "surgeries.yaml:2:3", "surgeries", ["must be a list"]),
    ("yaml-shapes", "centres.yaml:1:1", "defaults", ["unknown top-level field"]),
    ("yaml-shapes", "centres.yaml:6:5", "centres[0].name", ["written twice"]),
    ("yaml-alias", "surgeries.yaml:1:11", "", ["reused elsewhere with *"]),
]


@pytest.mark.parametrize(("case", "where", "field", "words"), KINDS,
                         ids=[f"{row[0]}:{row[2] or row[1]}" for row in KINDS])
def test_each_kind_of_mistake(case: str, where: str, field: str, words: list[str], tmp_path: Path) -> None:
    try:
        build(assemble(case, tmp_path), BuildOptions(today=TODAY))
    except BuildFailed as failure:
        found = [p for p in failure.problems if str(p.position) == where and p.field == field]
    else:
        pytest.fail("the build should have failed")
    assert found, f"no problem at {where} for {field!r}"
    message = " ".join(p.message + " " + p.hint for p in found)
    for word in words:
        assert word in message
    assert all(p.hint for p in found), "every problem says how to fix it"


WARNINGS = [
    ("events.yaml:4:13", "events[0].starts", "already over"),
    ("surgeries.yaml:6:7", "surgeries[0].schedule", "no upcoming date"),
    ("centres.yaml:5:14", "centres[0].checked", "more than 180 days"),
    ("content/pages/no-summary.md:2:1", "summary", "no summary"),
]


def test_warnings_still_build(tmp_path: Path) -> None:
    result = build(assemble("warnings", tmp_path), BuildOptions(today=TODAY))
    found = {(str(p.position), p.field): p for p in result.problems.items}
    for where, field, words in WARNINGS:
        problem = found[(where, field)]
        assert problem.severity == "warning" and words in problem.message
    assert "index.html" in result.files


def test_strict_turns_warnings_into_errors(tmp_path: Path) -> None:
    with pytest.raises(BuildFailed) as failure:
        build(assemble("warnings", tmp_path), BuildOptions(today=TODAY, strict=True))
    assert {(str(p.position), p.field) for p in failure.value.problems} >= {(w, f) for w, f, _ in WARNINGS}
    assert all(p.severity == "error" for p in failure.value.problems)


def test_report_is_sorted_by_file_and_line(tmp_path: Path) -> None:
    with pytest.raises(BuildFailed) as failure:
        build(assemble("links", tmp_path), BuildOptions(today=TODAY))
    keys = [(p.position.path, p.position.line, p.position.column) for p in failure.value.problems]
    assert keys == sorted(keys) and len(keys) == 5


def test_bom_is_accepted(tmp_path: Path) -> None:
    try:
        build(assemble("encodings", tmp_path), BuildOptions(today=TODAY))
    except BuildFailed as failure:
        assert not [p for p in failure.problems if p.position.path.endswith("bom.md")]


YAML_11 = """\
centres:
  - id: no
    name: NO
    summary: 010
    phone: 0808 1689 111
    languages: [no, yes, on, off, 1e3, 0x10]
    opening_hours:
      - days: [Monday]
        opens: 9:30
        closes: 12:30
    address:
      town: Wolverhampton
      lines: [010, 1:30]
    checked: 2026-11-01
"""


def test_yaml_1_1_values_keep_their_meaning(tmp_path: Path) -> None:
    """Unquoted no, 010, 12:30, 0x10 mean what the editor wrote, not false, 8, 750 or 16."""
    root = assemble("warnings", tmp_path)  # any valid folder with centres.yaml replaced
    (root / "centres.yaml").write_text(YAML_11)
    (root / "surgeries.yaml").unlink()
    result = build(root, BuildOptions(today=TODAY))
    html = result.files["centres/no/index.html"].decode()
    for written in ("NO", "010", "0808 1689 111", "no, yes, on, off, 1e3, 0x10", "09:30", "12:30", "1:30"):
        assert written in html.replace("</li><li>", ", ").replace("<li>", "").replace("</li>", ""), written
