"""The field reference (docs/fields.md), written from the same schemas that validate the content.

Regenerate with `make docs`; a test fails when the committed file and the schemas disagree.
"""

from __future__ import annotations

import sys

from .chooser import ANSWER, CHOOSER, QUESTION, RESULT
from .chooser_text import CHOOSER_TEXT, QUESTION_TEXT, RESULT_TEXT
from .fields import Schema
from .schema import LISTING_SCHEMAS
from .site_schema import SITE_SCHEMAS

# Where each schema is written, for readers who start from a file rather than a record type.
WHERE = {
    "site": "site.yaml, at the top level",
    "language": "site.yaml, each item of languages",
    "reporting route": "site.yaml, each item of report_routes",
    "contact": "each item of contacts (in report_routes and services.yaml)",
    "menu link": "site.yaml, each item of nav",
    "campaign": "site.yaml, campaign",
    "council": "site.yaml, council",
    "message": "site.yaml, each item of the campaign's messages",
    "service": "services.yaml, each item of services",
    "centre": "centres.yaml, each item of centres",
    "address": "a centre's address",
    "opening hours": "each item of a centre's opening_hours",
    "location": "a centre's or venue's location",
    "surgery": "surgeries.yaml, each item of surgeries",
    "venue": "a surgery's or event's venue, when it is a place rather than a centre id",
    "schedule": "a surgery's schedule",
    "moved session": "each item of a schedule's moved",
    "event": "events.yaml, each item of events",
    "front matter": "the top of every page and post, between two --- lines",
    "chooser": "chooser.yaml, at the top level (the file is optional)",
    "question": "chooser.yaml, each item of questions",
    "answer": "each item of a question's answers",
    "result": "chooser.yaml, each item of results",
    "chooser translation": "chooser.pa.yaml (chooser.<language code>.yaml), at the top level: the chooser's words in "
                           "another of the site's languages",
    "question translation": "a chooser translation, each item of questions",
    "result translation": "a chooser translation, each item of results",
}
DOCUMENTED = (*SITE_SCHEMAS, *LISTING_SCHEMAS, CHOOSER, QUESTION, ANSWER, RESULT, CHOOSER_TEXT, QUESTION_TEXT,
              RESULT_TEXT)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def schema_table(schema: Schema) -> str:
    lines = [f"## {schema.name[0].upper()}{schema.name[1:]}", "", f"Written in: {WHERE.get(schema.name, '')}.", "",
             "| field | required | what it is | example |", "| --- | --- | --- | --- |"]
    for field in schema.fields:
        required = "yes" if field.required else ""
        example = f"`{field.name}: {field.example}`" if field.example else ""
        lines.append(f"| `{field.name}` | {required} | {_cell(field.doc)} | {_cell(example)} |")
    return "\n".join(lines)


def field_reference() -> str:
    intro = [
        "# Field reference",
        "",
        "Every field the builder reads, made from the schemas that check the content (`stophate/schema.py`), so",
        "this page and the checks cannot disagree. Regenerate it with `make docs`. For worked examples, see",
        "[content-format.md](content-format.md), [listings.md](listings.md) and",
        "[content-guide.md](content-guide.md).",
        "",
        "Times are 24-hour with a colon, in quotes (`\"09:30\"`); dates are year-month-day (`2026-10-10`); web",
        "addresses start with `https://`. A field not listed for a record is a mistake, reported with a suggestion.",
        "",
        "A field marked \"one text per language\" takes plain text, in the site's default language, or one line per",
        "language under the codes `languages` in site.yaml lists; the default language's is always needed, and a",
        "language without its own text shows it (see [content-guide.md](content-guide.md)):",
        "",
        "```yaml",
        "summary:",
        "  en-GB: Staff here can take a report for you.",
        "  pl: Pracownicy mogą przyjąć od Ciebie zgłoszenie.",
        "```",
    ]
    return "\n".join(intro) + "\n\n" + "\n\n".join(schema_table(s) for s in DOCUMENTED) + "\n"


if __name__ == "__main__":
    sys.stdout.write(field_reference())
