"""chooser.yaml -> Chooser: the "which way to report is right for me?" questions, answers and results.

The tree is data, so a council can change it without code. Every check a resident would otherwise meet as a dead
end is made here, with the place in the file: an answer that leads nowhere, a result naming a route or centre that
does not exist, a question or result nothing leads to, and answers that go round in a loop.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import fields as f
from . import routes
from .contentfiles import present
from .errors import Position, Problems
from .fields import INVALID, Ctx, Field, Schema, build_record
from .models import NOWHERE, FieldPositions, Located
from .sourcefile import Node, load_yaml

FILE = "chooser.yaml"
MAX_PAGES = 400  # every path through the questions is a page of its own, so the back link needs no JavaScript


@dataclass(frozen=True, slots=True)
class Ref:
    """An id naming something in another file, with where it was written, so a wrong one is shown in place."""

    id: str
    pos: Position = NOWHERE


def ref(node: Node, ctx: Ctx) -> Ref:
    return Ref(f.slug(node, ctx), node.pos)


@dataclass(frozen=True, slots=True)
class Answer(Located):
    text: str
    next: str  # the id of a question or a result
    fields: FieldPositions = ()
    pos: Position = NOWHERE


@dataclass(frozen=True, slots=True)
class Question(Located):
    id: str
    question: str
    answers: tuple[Answer, ...]
    hint: str = ""
    fields: FieldPositions = ()
    pos: Position = NOWHERE


@dataclass(frozen=True, slots=True)
class Result(Located):
    id: str
    title: str
    text: str
    routes: tuple[Ref, ...]  # site.yaml's report_routes, in the order shown
    centres: tuple[Ref, ...] = ()  # centres from centres.yaml that suit this result
    fields: FieldPositions = ()
    pos: Position = NOWHERE


@dataclass(frozen=True, slots=True)
class Chooser(Located):
    title: str
    intro: str
    start: str
    questions: tuple[Question, ...]
    results: tuple[Result, ...]
    fields: FieldPositions = ()
    pos: Position = NOWHERE

    def node(self, node_id: str) -> Question | Result:
        return next(n for n in (*self.questions, *self.results) if n.id == node_id)


ANSWER = Schema("answer", (
    Field("text", f.text, required=True, doc="the answer, as the reader would say it", example="No"),
    Field("next", f.slug, required=True, doc="the id of the question or result this answer leads to",
          example="where"),
), Answer, doc="an answer with text and next", keeps_positions=True)

QUESTION = Schema("question", (
    Field("id", f.slug, required=True, doc="a short name, used in web addresses", example="danger"),
    Field("question", f.text, required=True, doc="one question, the page's heading",
          example="Is anyone in danger right now?"),
    Field("hint", f.text, default="", doc="a line under the question that helps to answer it",
          example="For example, someone is hurt."),
    Field("answers", f.list_of(f.record(ANSWER), allow_single=False), required=True, doc="two or more answers",
          example="[{text: Yes, next: emergency}, {text: No, next: where}]"),
), Question, doc="a question with id, question and answers", keeps_positions=True)

RESULT = Schema("result", (
    Field("id", f.slug, required=True, doc="a short name, used in web addresses", example="online"),
    Field("title", f.text, required=True, doc="the page's heading", example="Report online"),
    Field("text", f.text, required=True, doc="why this way suits the answers given, in one or two sentences",
          example="You can report online at any time."),
    Field("routes", f.list_of(ref), required=True, doc="one or two ids from report_routes in site.yaml",
          example="[true-vision, police]"),
    Field("centres", f.list_of(ref), default=(), doc="ids of reporting centres from centres.yaml that suit",
          example="[refugee-migrant-centre]"),
), Result, doc="a result with id, title, text and routes", keeps_positions=True)

CHOOSER = Schema("chooser", (
    Field("title", f.text, required=True, doc="the start page's heading",
          example="Which way to report is right for me?"),
    Field("intro", f.text, required=True, doc="a few sentences on the start page", example="Answer a few questions."),
    Field("start", f.slug, required=True, doc="the id of the first question", example="danger"),
    Field("questions", f.list_of(f.record(QUESTION), allow_single=False), required=True, doc="the questions",
          example="[...]"),
    Field("results", f.list_of(f.record(RESULT), allow_single=False), required=True, doc="where the answers end",
          example="[...]"),
), Chooser, doc="the chooser", keeps_positions=True)


def _unknown(value: str, known: list[str], what: str, file_hint: str) -> str:
    close = difflib.get_close_matches(value, known, n=1)
    return (f"did you mean {close[0]}? " if close else "") + f"use the id of {what} {file_hint}"


def _check_ids(chooser: Chooser, problems: Problems) -> bool:
    seen: dict[str, Position] = {}
    ok = True
    for kind, nodes in (("questions", chooser.questions), ("results", chooser.results)):
        for index, node in enumerate(nodes):
            if node.id in seen:
                problems.add(node.at("id"), f"{kind}[{index}].id", f"the id '{node.id}' is used twice",
                             f"the first is on line {seen[node.id].line}; questions and results each need their own id")
                ok = False
            seen.setdefault(node.id, node.at("id"))
    return ok


def _check_links(chooser: Chooser, problems: Problems) -> bool:
    """The first question and every answer's next exist: without that the paths cannot be followed."""
    question_ids = [q.id for q in chooser.questions]
    node_ids = question_ids + [r.id for r in chooser.results]
    before = len(problems.errors)
    if chooser.start not in question_ids:
        problems.add(chooser.at("start"), "start", f"there is no question with the id '{chooser.start}'",
                     _unknown(chooser.start, question_ids, "a question", "below"))
    for qi, question in enumerate(chooser.questions):
        for ai, answer in enumerate(question.answers):
            if answer.next not in node_ids:
                problems.add(answer.at("next"), f"questions[{qi}].answers[{ai}].next",
                             f"this answer leads nowhere: there is no question or result '{answer.next}'",
                             _unknown(answer.next, node_ids, "a question or result", "in this file"))
    return len(problems.errors) == before


def _check_choices(chooser: Chooser, route_ids: list[str], centre_ids: list[str] | None, problems: Problems) -> None:
    """Each question has a choice to make; each result names one or two routes of site.yaml and real centres
    (centre_ids None: centres.yaml could not be read, and says so itself)."""
    for qi, question in enumerate(chooser.questions):
        if len(question.answers) < 2:
            problems.add(question.at("answers"), f"questions[{qi}].answers", "a question needs two or more answers",
                         "add another answer, or leave the question out")
    for ri, result in enumerate(chooser.results):
        if not 1 <= len(result.routes) <= 2:
            problems.add(result.at("routes"), f"results[{ri}].routes",
                         f"a result names one or two ways to report, not {len(result.routes)}",
                         "keep the one or two that fit best")
        for kind, refs, known, what, where in (
                ("routes", result.routes, route_ids, "reporting route", "site.yaml's report_routes"),
                ("centres", result.centres, centre_ids, "centre", "centres.yaml")):
            for index, item in enumerate(refs):
                if known is not None and item.id not in known:
                    problems.add(item.pos, f"results[{ri}].{kind}[{index}]",
                                 f"there is no {what} with the id '{item.id}'",
                                 _unknown(item.id, known, f"a {what}", f"in {where}"))


def _check_paths(chooser: Chooser, problems: Problems) -> None:
    """No loops, nothing unreachable, and a number of pages a site can hold (each path is a page)."""
    questions = {q.id: q for q in chooser.questions}
    reached: set[str] = set()
    pages = 0

    def walk(node_id: str, path: tuple[str, ...]) -> None:
        nonlocal pages
        reached.add(node_id)
        pages += 1
        if pages > MAX_PAGES or node_id not in questions:
            return
        followed: set[str] = set()  # two answers leading to one place are one page, not two
        for ai, answer in enumerate(questions[node_id].answers):
            if answer.next in followed:
                continue
            followed.add(answer.next)
            if answer.next in path or answer.next == node_id:
                qi = list(questions).index(node_id)
                problems.add(answer.at("next"), f"questions[{qi}].answers[{ai}].next",
                             f"this answer goes back to '{answer.next}', which was asked before it: "
                             "the questions would go round in a loop",
                             "point it at a later question or at a result")
                continue
            walk(answer.next, (*path, node_id))

    walk(chooser.start, ())
    if pages > MAX_PAGES:
        problems.add(chooser.at("questions"), "questions",
                     f"the answers can be given in more than {MAX_PAGES} different orders, too many pages to make",
                     "let more answers lead straight to a result, or ask fewer questions")
        return
    for kind, nodes in (("questions", chooser.questions), ("results", chooser.results)):
        for index, node in enumerate(nodes):
            if node.id not in reached:
                problems.add(node.at("id"), f"{kind}[{index}]", f"nothing leads to '{node.id}', so no one can reach it",
                             "point an answer's next at it, or remove it")


def load_chooser(root: Path, route_ids: list[str], centre_ids: list[str] | None,
                 problems: Problems) -> Chooser | None:
    """The chooser, or None when the site has none (the file is optional) or it has problems (each reported)."""
    if not present(root / FILE):
        return None
    node = load_yaml(root, FILE, problems)
    if node is None:
        return None
    chooser: Any = build_record(node, CHOOSER, Ctx(problems))
    if chooser is INVALID:
        return None
    before = len(problems.errors)
    _check_choices(chooser, route_ids, centre_ids, problems)
    ids_ok, links_ok = _check_ids(chooser, problems), _check_links(chooser, problems)
    if ids_ok and links_ok:  # the paths can only be followed when every id is unique and leads somewhere
        _check_paths(chooser, problems)
    return chooser if len(problems.errors) == before else None


@dataclass(frozen=True, slots=True)
class Step:
    """One page of the chooser: a node reached by one path of answers, so its back link is exact."""

    node: Question | Result
    path: tuple[str, ...]  # the ids of the questions answered before it

    @property
    def url(self) -> str:
        return step_url((*self.path, self.node.id))

    @property
    def back(self) -> str:
        return step_url(self.path) if self.path else START_URL


START_URL = routes.chooser()


def step_url(ids: tuple[str, ...]) -> str:
    return routes.chooser(*ids)


def steps(chooser: Chooser) -> list[Step]:
    """Every page, in the order a reader meets them (depth first), once per path of answers."""
    found: dict[str, Step] = {}

    def walk(node_id: str, path: tuple[str, ...]) -> None:
        node = chooser.node(node_id)
        step = Step(node, path)
        if step.url in found:  # two answers of one question may lead to the same place
            return
        found[step.url] = step
        if isinstance(node, Question):
            for answer in node.answers:
                walk(answer.next, (*path, node.id))

    walk(chooser.start, ())
    return list(found.values())
