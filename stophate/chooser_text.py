"""chooser.pa.yaml -> the chooser in Panjabi: the words of chooser.yaml in another of the site's languages.

A translation gives words only; the questions, their order, where each answer leads and which routes each result
names stay in chooser.yaml, so the tree is checked once and cannot differ between languages. A translation that
misses a question, a result or an answer is not published (the pages of that language link the default language's
chooser instead) and the build says what is missing: half a chooser in English would lose the reader halfway.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import fields as f
from . import routes
from .chooser import FILE, Chooser, Question, Result
from .contentfiles import present
from .errors import Position, Problems
from .fields import INVALID, Ctx, Field, Schema, build_record
from .models import NOWHERE, FieldPositions, Located
from .sourcefile import load_yaml


@dataclass(frozen=True, slots=True)
class QuestionText(Located):
    id: str
    question: str
    answers: tuple[str, ...]
    hint: str = ""
    fields: FieldPositions = ()
    pos: Position = NOWHERE


@dataclass(frozen=True, slots=True)
class ResultText(Located):
    id: str
    title: str
    text: str
    fields: FieldPositions = ()
    pos: Position = NOWHERE


@dataclass(frozen=True, slots=True)
class ChooserText(Located):
    title: str
    intro: str
    questions: tuple[QuestionText, ...]
    results: tuple[ResultText, ...]
    reviewed: bool = False
    fields: FieldPositions = ()
    pos: Position = NOWHERE


QUESTION_TEXT = Schema("question translation", (
    Field("id", f.slug, required=True, doc="the id of the question in chooser.yaml (not translated)",
          example="danger"),
    Field("question", f.text, required=True, doc="the question, translated", example="..."),
    Field("hint", f.text, default="", doc="the hint, translated (when chooser.yaml has one)", example="..."),
    Field("answers", f.list_of(f.text, allow_single=False), required=True,
          doc="each answer's text, translated, in the same order as in chooser.yaml", example="[..., ...]"),
), QuestionText, doc="a question's id with its question and answers in this language", keeps_positions=True)

RESULT_TEXT = Schema("result translation", (
    Field("id", f.slug, required=True, doc="the id of the result in chooser.yaml (not translated)", example="online"),
    Field("title", f.text, required=True, doc="the heading, translated", example="..."),
    Field("text", f.text, required=True, doc="the sentences under it, translated", example="..."),
), ResultText, doc="a result's id with its title and text in this language", keeps_positions=True)

CHOOSER_TEXT = Schema("chooser translation", (
    Field("reviewed", f.boolean, default=False,
          doc="true once a fluent speaker has checked the translation; until then its pages say it is a draft",
          example="false"),
    Field("title", f.text, required=True, doc="the start page's heading, translated", example="..."),
    Field("intro", f.text, required=True, doc="the start page's sentences, translated", example="..."),
    Field("questions", f.list_of(f.record(QUESTION_TEXT), allow_single=False), required=True,
          doc="every question of chooser.yaml, by its id", example="[...]"),
    Field("results", f.list_of(f.record(RESULT_TEXT), allow_single=False), required=True,
          doc="every result of chooser.yaml, by its id", example="[...]"),
), ChooserText, doc="a translation of chooser.yaml", keeps_positions=True)


@dataclass(frozen=True, slots=True)
class Translation:
    """The chooser in one other language, with whether a fluent speaker has checked it."""

    chooser: Chooser
    reviewed: bool


def file_name(lang: str) -> str:
    return FILE.replace(".yaml", f".{lang}.yaml")


def _missing(chooser: Chooser, text: ChooserText, name: str, problems: Problems) -> bool:
    """Warn about every question, result or answer the translation lacks, and every id it has that chooser.yaml
    does not; True when something is missing."""
    before = len(problems.warnings)
    questions = {q.id: q for q in text.questions}
    results = {r.id: r for r in text.results}
    hint = f"translate it in {name}, in the same order as {FILE}; until then this language links the chooser in " \
           "the site's main language"
    for question in chooser.questions:
        own = questions.get(question.id)
        if own is None:
            problems.warn(text.at("questions"), "questions", f"the question '{question.id}' is not translated", hint)
        elif len(own.answers) != len(question.answers):
            problems.warn(own.at("answers"), f"questions.{question.id}.answers",
                          f"{len(own.answers)} answers are translated, but the question has {len(question.answers)}",
                          hint)
        elif question.hint and not own.hint:
            problems.warn(own.pos, f"questions.{question.id}.hint", "the hint is not translated", hint)
    for result in chooser.results:
        if result.id not in results:
            problems.warn(text.at("results"), "results", f"the result '{result.id}' is not translated", hint)
    known = {n.id for n in (*chooser.questions, *chooser.results)}
    for item in (*text.questions, *text.results):
        if item.id not in known:
            problems.warn(item.at("id"), "id", f"{FILE} has no question or result '{item.id}'",
                          f"use the ids of {FILE}, which are not translated")
    return len(problems.warnings) > before


def translate(chooser: Chooser, text: ChooserText) -> Chooser:
    """The same tree in the translation's words (a complete translation: see `_missing`)."""
    questions = {q.id: q for q in text.questions}
    results = {r.id: r for r in text.results}

    def question(q: Question) -> Question:
        own = questions[q.id]
        answers = tuple(dataclasses.replace(a, text=words) for a, words in zip(q.answers, own.answers, strict=True))
        return dataclasses.replace(q, question=own.question, hint=own.hint, answers=answers)

    def result(r: Result) -> Result:
        return dataclasses.replace(r, title=results[r.id].title, text=results[r.id].text)

    return dataclasses.replace(chooser, title=text.title, intro=text.intro,
                               questions=tuple(question(q) for q in chooser.questions),
                               results=tuple(result(r) for r in chooser.results))


def load_translations(root: Path, chooser: Chooser | None, languages: list[str],
                      problems: Problems) -> dict[str, Translation]:
    """The chooser in each other language (by URL code) that has a complete translation file."""
    found: dict[str, Translation] = {}
    for lang in languages:  # the site's own codes, already checked: a file name is never taken from content
        name = file_name(lang)
        if not present(root / name):
            continue
        node = load_yaml(root, name, problems)
        if node is None:
            continue
        text: Any = build_record(node, CHOOSER_TEXT, Ctx(problems))
        if chooser is None and not present(root / FILE):
            problems.warn(Position(name), "", f"{name} translates {FILE}, but the site has no {FILE}",
                          f"add {FILE}, or remove {name}")
        elif chooser is not None and text is not INVALID and not _missing(chooser, text, name, problems):
            found[lang] = Translation(translate(chooser, text), text.reviewed)
    for stray in sorted(root.glob(file_name("*"))):
        if stray.name not in {file_name(lang) for lang in languages}:
            problems.warn(Position(stray.name), "", f"the site has no language for {stray.name}",
                          "add its language to languages in site.yaml, or name the file after one of them "
                          f"(such as {file_name(languages[0]) if languages else file_name('pa')})")
    return found


def unbuilt(chooser: Chooser | None, translations: dict[str, Translation], languages: list[str],
            problems: Problems) -> set[str]:
    """The chooser's addresses (by their start: /report/choose/, /pa/report/choose/) that this build leaves out
    because their file has errors of its own; links to them are not reported a second time (missing.py)."""
    broken = {problem.position.path for problem in problems.errors}
    gaps = {routes.chooser(lang=lang) for lang in ["", *languages]} if chooser is None and FILE in broken else set()
    return gaps | {routes.chooser(lang=lang) for lang in languages
                   if file_name(lang) in broken and lang not in translations}
