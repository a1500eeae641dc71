"""The chooser: chooser.yaml into frozen models, every mistake a positioned problem, every path ending on a result."""

from __future__ import annotations

from pathlib import Path

import pytest

from stophate.chooser import MAX_PAGES, Question, Result, load_chooser, steps
from stophate.config import load_site
from stophate.errors import Problems
from stophate.listings import load_listings
from tests.conftest import REPO, TODAY, parse_html

ROUTES = ["emergency", "true-vision", "police"]
CENTRES = ["refugee-migrant-centre"]

VALID = """\
title: Which way?
intro: Answer a few questions.
start: danger
questions:
  - id: danger
    question: Is anyone in danger now?
    answers:
      - text: "Yes"
        next: call
      - text: "No"
        next: how
  - id: how
    question: How would you like to report?
    answers:
      - text: Online
        next: online
      - text: By phone
        next: phone
results:
  - id: call
    title: Call 999
    text: Call now.
    routes: [emergency]
  - id: online
    title: Online
    text: Report online.
    routes: [true-vision, police]
    centres: [refugee-migrant-centre]
  - id: phone
    title: Phone
    text: Call 101.
    routes: [police]
"""


def load(tmp_path: Path, text: str) -> tuple[object, list[tuple[str, str, str]]]:
    (tmp_path / "chooser.yaml").write_text(text)
    problems = Problems()
    chooser = load_chooser(tmp_path, ROUTES, CENTRES, problems)
    return chooser, [(str(p.position), p.field, p.message + " / " + p.hint) for p in problems.sorted()]


def test_valid_tree_gives_frozen_models_and_one_page_per_path(tmp_path: Path) -> None:
    chooser, problems = load(tmp_path, VALID)
    assert problems == []
    urls = [s.url for s in steps(chooser)]
    assert urls == ["/report/choose/danger/", "/report/choose/danger/call/", "/report/choose/danger/how/",
                    "/report/choose/danger/how/online/", "/report/choose/danger/how/phone/"]
    online = next(s for s in steps(chooser) if s.url.endswith("/online/"))
    assert online.back == "/report/choose/danger/how/"
    assert [r.id for r in online.node.routes] == ["true-vision", "police"]
    with pytest.raises(AttributeError):
        chooser.start = "how"  # type: ignore[misc]


def test_no_file_means_no_chooser(tmp_path: Path) -> None:
    problems = Problems()
    assert load_chooser(tmp_path, ROUTES, CENTRES, problems) is None
    assert problems.items == []


# (what is changed in VALID, where the problem is, its field, words of its message or hint)
MISTAKES = [
    (("start: danger", "start: dangr"), "chooser.yaml:3:8", "start", ["no question", "did you mean danger"]),
    (("next: how", "next: hwo"), "chooser.yaml:11:15", "questions[0].answers[1].next",
     ["leads nowhere", "did you mean how"]),
    (("next: phone", "next: danger"), "chooser.yaml:18:15", "questions[1].answers[1].next", ["loop"]),
    (("next: phone", "next: how"), "chooser.yaml:18:15", "questions[1].answers[1].next", ["loop"]),
    (("next: phone", "next: online"), "chooser.yaml:29:9", "results[2]", ["nothing leads to 'phone'"]),
    (("routes: [emergency]", "routes: [emergncy]"), "chooser.yaml:23:14", "results[0].routes[0]",
     ["no reporting route", "did you mean emergency"]),
    (("routes: [emergency]", "routes: [emergency, police, true-vision]"), "chooser.yaml:23:13",
     "results[0].routes", ["one or two"]),
    (("routes: [emergency]", "routes: []"), "chooser.yaml:23:13", "results[0].routes", ["one or two"]),
    (("centres: [refugee-migrant-centre]", "centres: [refugee-centre]"), "chooser.yaml:28:15",
     "results[1].centres[0]", ["no centre", "refugee-migrant-centre"]),
    (("  - id: phone", "  - id: how"), "chooser.yaml:29:9", "results[2].id", ["used twice", "line 12"]),
    (("      - text: By phone\n        next: phone\n", ""), "chooser.yaml:15:7", "questions[1].answers",
     ["two or more answers"]),
    (("    text: Call now.\n", ""), "chooser.yaml:20:5", "results[0].text", ["'text' is missing"]),
    (("    question: How", "    questoin: How"), "chooser.yaml:13:5", "questions[1].questoin",
     ["did you mean 'question'"]),
    (("id: how", "id: How Now"), "chooser.yaml:12:9", "questions[1].id", ["cannot be used in a web address"]),
    (("title: Which way?\n", "- title: Which way?\n"), "chooser.yaml:2:1", "", ["not valid YAML"]),
]


@pytest.mark.parametrize(("change", "where", "field", "words"), MISTAKES, ids=[m[2] or m[1] for m in MISTAKES])
def test_each_mistake_is_reported_in_place(tmp_path: Path, change: tuple[str, str], where: str, field: str,
                                           words: list[str]) -> None:
    old, new = change
    assert old in VALID
    chooser, problems = load(tmp_path, VALID.replace(old, new, 1))
    assert chooser is None, "a chooser with problems is not published"
    found = [message for position, name, message in problems if position == where and name == field]
    assert found, f"expected a problem at {where} {field}, got {problems}"
    for word in words:
        assert word in found[0]


def _ladder(rungs: int) -> str:
    """Each question leads to the next either directly or by a detour question: 2 ** rungs distinct paths."""
    lines = ["title: Many", "intro: Many.", "start: q0", "questions:"]
    for number in range(rungs):
        following = f"q{number + 1}" if number < rungs - 1 else "end"
        for name, second in ((f"q{number}", f"d{number}"), (f"d{number}", following)):
            lines += [f"  - id: {name}", "    question: Which?", "    answers:",
                      f"      - text: One\n        next: {following}", f"      - text: Two\n        next: {second}"]
    lines += ["results:", "  - id: end", "    title: End", "    text: End.", "    routes: [police]"]
    return "\n".join(lines) + "\n"


def test_too_many_paths_is_a_problem_not_a_hang(tmp_path: Path) -> None:
    chooser, problems = load(tmp_path, _ladder(3))
    assert chooser is not None, problems
    assert len(steps(chooser)) < MAX_PAGES
    chooser, problems = load(tmp_path, _ladder(12))
    assert chooser is None
    assert [(p[0], p[1]) for p in problems] == [("chooser.yaml:5:3", "questions")]
    assert "too many pages" in problems[0][2]


def test_default_chooser_every_path_ends_on_a_result() -> None:
    problems = Problems()
    site = load_site(REPO, problems)
    listings = load_listings(REPO, TODAY, problems)
    chooser = load_chooser(REPO, [r.id for r in site.report_routes], [c.id for c in listings.centres], problems)
    assert problems.errors == [] and chooser is not None
    pages = steps(chooser)
    results = {s.node.id for s in pages if isinstance(s.node, Result)}
    assert len(results) >= 6
    assert results == {r.id for r in chooser.results}, "every result can be reached"
    for step in pages:
        if isinstance(step.node, Question):
            children = [s for s in pages if s.path == (*step.path, step.node.id)]
            assert len(children) >= 1
    assert all(1 <= len(r.routes) <= 2 for r in chooser.results)


def test_default_site_result_page_names_its_routes(default_site: Path) -> None:
    page = default_site / "report/choose/danger/where/name/help/language/index.html"
    tree = parse_html(page.read_bytes())
    headings = ["".join(h.itertext()).strip() for h in tree.find(".//main").iter("h3")
                if "app-routes__title" in (h.get("class") or "")]
    assert headings == ["Tell West Midlands Police", "Report in person at a reporting centre"]
    links = [a.get("href") for a in tree.iter("a")]
    assert "/centres/refugee-migrant-centre/" in links
    assert "/report/choose/danger/where/name/help/" in links  # back
    assert "/report/choose/" in links  # start again
    text = "".join(tree.find(".//main").itertext())
    assert "What happens next:" in text
