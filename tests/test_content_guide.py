"""Every example in docs/content-guide.md works: files build, listings entries build, commands are valid."""

from __future__ import annotations

import datetime as dt
import re
import shlex
from dataclasses import dataclass
from pathlib import Path

import pytest

from stophate.cli import parser
from stophate.errors import BuildFailed, Problems
from stophate.listings import load_listings
from stophate.schedule import upcoming_occurrences
from stophate.site import BuildOptions, build
from tests.conftest import REPO, TODAY, parse_html, run_cli
from tests.sitecopy import copy_default_site

GUIDE = REPO / "docs" / "content-guide.md"
FENCE = re.compile(r"^```(?P<info>[^\n]*)\n(?P<body>.*?)^```\s*$", re.M | re.S)


@dataclass(frozen=True)
class Example:
    language: str
    options: dict[str, str]
    body: str
    line: int

    def __str__(self) -> str:
        return f"content-guide.md:{self.line}"


def examples() -> list[Example]:
    text = GUIDE.read_text(encoding="utf-8")
    found = []
    for match in FENCE.finditer(text):
        words = match.group("info").split()
        options = dict(word.split("=", 1) if "=" in word else (word, "") for word in words[1:])
        found.append(Example(words[0] if words else "", options, match.group("body"),
                             text.count("\n", 0, match.start()) + 1))
    return found


def content_examples(expect_error: bool) -> list[Example]:
    return [e for e in examples() if ("file" in e.options or "add-to" in e.options)
            and ("expect" in e.options) == expect_error]


def apply(example: Example, root: Path) -> None:
    if "file" in example.options:
        target = root / example.options["file"]
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(example.body, encoding="utf-8")
    else:
        listing = root / example.options["add-to"]
        listing.write_text(listing.read_text(encoding="utf-8").rstrip("\n") + "\n\n" + example.body,
                           encoding="utf-8")


def shown_value(example: Example) -> str:
    """The title or name the example gives, which the built site must show."""
    match = re.search(r"^\s*-?\s*(?:title|name|text): (.+)$", example.body, re.M)
    assert match, f"{example}: the example has no title or name"
    return match.group(1).strip().strip('"')


def test_the_guide_has_examples_of_everything_it_promises() -> None:
    files = {e.options.get("file", "") for e in examples()}
    listings = [e.options.get("add-to", "") for e in examples()]
    assert any(f.startswith("content/posts/") for f in files)
    assert any(f.startswith("content/pages/") for f in files)
    assert {"centres.yaml", "surgeries.yaml", "events.yaml"} <= set(listings)
    assert any("cancelled:" in e.body for e in examples())
    assert "(errors.md)" in GUIDE.read_text(encoding="utf-8")


@pytest.mark.parametrize("example", content_examples(expect_error=False), ids=str)
def test_example_builds_and_shows_in_the_preview(example: Example, tmp_path: Path) -> None:
    root = copy_default_site(tmp_path / "src")
    apply(example, root)
    published = build(root, BuildOptions(today=TODAY, workers=1))  # raises BuildFailed, with every problem
    preview = build(root, BuildOptions(today=TODAY, drafts=True, workers=1))
    value = shown_value(example)
    shown = [path for path, data in preview.files.items() if path.endswith(".html")
             and value in "".join(parse_html(data).find(".//main").itertext())]
    assert shown, f"{example}: '{value}' appears on no page of the preview"
    if "file" in example.options and re.search(r"^date: (\S+)", example.body, re.M):
        date = re.search(r"^date: (\S+)", example.body, re.M).group(1)
        page = next(p for p in shown if "/news/" in "/" + p and p != "news/index.html")
        assert (page in published.files) == (date <= TODAY.isoformat()), "a future post is published only later"


def test_cancelled_and_moved_sessions_are_not_listed(tmp_path: Path) -> None:
    root = copy_default_site(tmp_path / "src")
    example = next(e for e in examples() if "cancelled:" in e.body)
    apply(example, root)
    problems = Problems()
    listings = load_listings(root, TODAY, problems)
    assert not problems.errors
    surgery_id = re.search(r"id: (\S+)", example.body).group(1)
    dates = {o.date for o in upcoming_occurrences(listings.surgeries, TODAY) if o.surgery_id == surgery_id}
    assert dt.date(2026, 12, 17) in dates  # an ordinary week
    assert not dates & {dt.date(2026, 12, 24), dt.date(2026, 12, 31), dt.date(2027, 1, 7)}
    assert dt.date(2027, 1, 8) in dates  # the moved session
    out = build(root, BuildOptions(today=TODAY, workers=1))
    text = "".join(parse_html(out.files["surgeries/index.html"]).find(".//main").itertext())
    assert "Hate Crime Surgery at St Peter" in text and "Thursday 26 November, 14:00 to 16:00" in text
    # what the guide says happens to a cancelled session is what the page does: shown struck through
    assert "struck through" in GUIDE.read_text(encoding="utf-8")
    struck = [" ".join("".join(d.itertext()).split())
              for d in parse_html(out.files["surgeries/index.html"]).iter("del")]
    assert "Thursday 24 December, 14:00 to 16:00" in struck


@pytest.mark.parametrize("example", content_examples(expect_error=True), ids=str)
def test_error_example_gives_the_message_the_guide_shows(example: Example, tmp_path: Path) -> None:
    root = copy_default_site(tmp_path / "src")
    apply(example, root)
    with pytest.raises(BuildFailed):
        build(root, BuildOptions(today=TODAY, workers=1))
    following = examples()[examples().index(example) + 1]
    assert following.language == "text"
    result = run_cli("check", "--root", str(root), "--today", TODAY.isoformat())
    assert result.returncode == 1
    for line in following.body.strip().splitlines():
        assert line.strip() in result.stderr, f"{following}: '{line.strip()}' is not in:\n{result.stderr}"


def commands() -> list[tuple[Example, str]]:
    return [(e, line.strip()) for e in examples() if e.language == "sh" for line in e.body.splitlines()
            if line.strip().startswith((".venv/bin/python build.py", "make ", "python"))]


@pytest.fixture(scope="module")
def guide_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One copy of the default content for every command of the guide, run in order as an editor would."""
    return copy_default_site(tmp_path_factory.mktemp("guide"))


@pytest.mark.parametrize(("example", "command"), commands(), ids=lambda v: str(v))
def test_command_works_after_make_site(example: Example, command: str, guide_copy: Path) -> None:
    words = shlex.split(command)
    if words[0] == "make":
        makefile = (REPO / "Makefile").read_text(encoding="utf-8")
        assert re.search(rf"^{re.escape(words[1])}:", makefile, re.M), f"{example}: no make target {words[1]}"
        return
    # the project's own environment, which `make site` makes: a bare `python` may lack the libraries
    assert words[:2] == [".venv/bin/python", "build.py"], f"{example}: `{command}` does not use .venv/bin/python"
    assert (REPO / ".venv" / "bin" / "python").exists()
    try:
        parser().parse_args(words[2:])
    except SystemExit as error:
        pytest.fail(f"{example}: `{command}` is not a valid command ({error})")
    if words[2] == "serve":
        return  # the preview runs until stopped: tests/test_serve.py starts it
    result = run_cli(*words[2:], "--root", str(guide_copy), "--today", TODAY.isoformat())
    assert result.returncode == 0, f"{example}: `{command}` failed:\n{result.stderr}"


def test_readme_sends_readers_to_the_preview_not_to_the_files() -> None:
    # the pages link from the site's root (/report/), which a file:// address cannot follow
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "Open `site/index.html`" not in readme and "run `make serve`" in readme
    assert "`python build.py" not in readme.replace("`.venv/bin/python build.py", "")
