"""The chooser's pages, as a page type of the plan: a start page, then one page per question and per result on each
path of answers (so every back link is a plain link)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from . import routes
from .chooser import FILE, Chooser, Question, Result, Step, steps
from .chooser_text import file_name
from .languages import translation_notice
from .plan import Job, Made, PageType, job
from .sitedata import Lang, SiteData

if TYPE_CHECKING:
    from .contexts import Contexts


def start_params(chooser: Chooser, lang: str) -> dict[str, Any]:
    return {"title": chooser.title, "intro": chooser.intro, "href": routes.chooser(chooser.start, lang=lang)}


def question_params(step: Step, question: Question, lang: str) -> dict[str, Any]:
    here = (*step.path, question.id)
    return {
        "title": question.question, "hint": question.hint, "restart": routes.chooser(lang=lang),
        "back": routes.chooser(*step.path, lang=lang),
        "answers": [{"text": a.text, "href": routes.chooser(*here, a.next, lang=lang)} for a in question.answers],
    }


def result_params(step: Step, result: Result, data: SiteData, lang: str, routes_shown: list[dict[str, Any]],
                  ) -> dict[str, Any]:
    """`routes_shown`: site.yaml's reporting routes in the page's language (Contexts.routes)."""
    by_id = {r["id"]: r for r in routes_shown}
    centres = {c.id: c for c in data.listings.centres}
    return {
        "title": result.title, "text": result.text, "restart": routes.chooser(lang=lang),
        "back": routes.chooser(*step.path, lang=lang),
        "routes": [by_id[r.id] for r in result.routes],
        "centres": [{"id": c.id, "name": centres[c.id].name, "summary": centres[c.id].summary}
                    for c in result.centres],
    }


def _jobs(data: SiteData, lang: Lang) -> Iterable[Job]:
    chooser = data.chooser_in(lang.prefix)
    if chooser is None:
        return
    source = file_name(lang.prefix) if lang.prefix else FILE
    yield job("chooser", "start", routes.chooser(lang=lang.prefix), lang, "chooser_start.html", source, (chooser,),
              sitemap=True)
    for step in steps(chooser):
        template = "chooser_question.html" if isinstance(step.node, Question) else "chooser_result.html"
        ids = (*step.path, step.node.id)
        where = step.node.pos if not lang.prefix else source  # the tree is chooser.yaml's, the words the translation's
        yield job("chooser", "/".join(ids), routes.chooser(*ids, lang=lang.prefix), lang, template, where, (step,))


def _make(one: Job, contexts: Contexts) -> Made:
    from .contexts import report_routes  # contexts imports the page types: only at run time

    data, lang = contexts.data, one.lang.prefix
    item = one.inputs[0]
    if isinstance(item, Step) and isinstance(item.node, Question):
        own = {"question": question_params(item, item.node, lang)}
    elif isinstance(item, Step) and isinstance(item.node, Result):
        own = {"result": result_params(item, item.node, data, lang, report_routes(contexts, one.lang))}
    else:
        own = {"chooser": start_params(item, lang)}
    return contexts.render(one.maker, one.lang, {**own, **_translation(data, lang)})


def _translation(data: SiteData, lang: str) -> dict[str, Any]:
    """In another language the route cards keep the site's own words, marked as such; a translation no fluent
    speaker has checked says so on every page, linking the chooser in the site's own language."""
    translation = data.chooser_translations.get(lang)
    if translation is None or data.chooser is None:
        return {"content_lang": ""}
    notice = translation_notice(translation.reviewed, routes.chooser(), data.chooser.title)
    return {"content_lang": data.site.languages[0].code, "translation": notice}


CHOOSER_PAGES = PageType("chooser", _jobs, _make, translated=True, keyed=True)
