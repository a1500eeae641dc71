"""site.yaml -> Site."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from .contentfiles import present
from .errors import FieldError, Position, Problems
from .fields import INVALID, Ctx, build_record, field_position
from .interface import PSEUDO
from .language_tags import language_tag
from .models import Language, Site
from .site_schema import SITE
from .sourcefile import Mapping, Node, Sequence


def load_site(root: Path, problems: Problems) -> Site | None:
    from .sourcefile import load_yaml

    file = root / "site.yaml"
    if not present(file):
        problems.add(Position("site.yaml"), "", "site.yaml is missing from the content folder",
                     f"create {file} with at least name, base_url and report_routes (see the content guide)")
        return None
    node = load_yaml(root, "site.yaml", problems)
    if node is None:
        if not problems.errors:
            problems.add(Position("site.yaml", 1, 1), "", "site.yaml is empty", "add name, base_url and report_routes")
        return None
    site = build_record(node, SITE, Ctx(problems, languages=_language_codes(node)))
    if site is INVALID or not isinstance(node, Mapping):
        return None
    seen: dict[str, Position] = {}
    for route in site.report_routes:
        if route.id in seen:
            problems.add(route.pos, "report_routes.id", f"two reporting routes have the id '{route.id}'",
                         f"the first is on line {seen[route.id].line}; give each route its own id")
        seen[route.id] = route.pos
    return _with_languages(site, node, problems)


def _language_codes(node: Node) -> tuple[str, ...]:
    """The codes of the languages site.yaml lists, the default first, read ahead of the rest of the file because
    its texts may be written in each of them. A code that is not sound is left out here: the languages field
    reports it with the rest."""
    listed = node.get("languages") if isinstance(node, Mapping) else None
    written = [item.get("code") for item in listed.items if isinstance(item, Mapping)] \
        if isinstance(listed, Sequence) else [node.get("language") if isinstance(node, Mapping) else None]
    codes = []
    for code in written:
        try:
            codes.append(language_tag(code, Ctx(Problems())) if code is not None else "en-GB")
        except FieldError:
            continue
    return tuple(codes)


def _with_languages(site: Site, node: Mapping, problems: Problems) -> Site | None:
    """The site's languages, the default first, each with its own name and direction (from CLDR unless written).

    A one-language site may keep the older `language: en-GB`; writing both would leave the default unclear."""
    if not site.languages:
        return dataclasses.replace(site, languages=(_completed(Language(site.language, reviewed=True, pos=site.pos)),))
    if node.get("language") is not None:
        problems.add(field_position(node, "language"), "language", "site.yaml has both language and languages",
                     "remove language: and write the default language first under languages")
        return None
    seen: dict[str, Language] = {}
    for index, language in enumerate(site.languages):
        if language.code in seen:
            problems.add(language.pos, f"languages[{index}].code", f"the language {language.code} is listed twice",
                         f"the first is on line {seen[language.code].pos.line}; remove one")
            return None
        seen[language.code] = language
    first, *others = (_completed(language) for language in site.languages)
    return dataclasses.replace(site, language=first.code,
                               languages=(dataclasses.replace(first, reviewed=True), *others))


def _completed(language: Language) -> Language:
    from babel import Locale

    locale = Locale.parse("en" if language.code == PSEUDO else language.code, sep="-")
    name = language.name or locale.get_language_name(locale) or language.code
    direction = language.dir or ("rtl" if locale.character_order == "right-to-left" else "ltr")
    return dataclasses.replace(language, name=name[:1].upper() + name[1:], dir=direction)
