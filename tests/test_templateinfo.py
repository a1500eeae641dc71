"""What a template reads, as the render cache keys it: found once per template source, not once per page type."""

from __future__ import annotations

import jinja2
import pytest

from stophate.templateinfo import TemplateInfos

LAYOUT = "<title>{{ title }}</title>{% block body %}{% endblock %}{% include 'footer.html' %}"


def environment(templates: dict[str, str]) -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.DictLoader(templates), autoescape=True)


@pytest.fixture
def templates() -> dict[str, str]:
    return {
        "base.html": LAYOUT,
        "footer.html": "<footer>{{ council }}</footer>",
        "post.html": "{% extends 'base.html' %}{% block body %}{{ body }}{% endblock %}",
        "centre.html": "{% extends 'base.html' %}{% block body %}{{ centre.name }}{% endblock %}",
    }


def test_a_template_reads_the_names_of_everything_it_pulls_in(templates: dict[str, str]) -> None:
    infos = TemplateInfos()
    env = environment(templates)
    assert infos.get(env, "post.html").names == {"title", "body", "council"}
    assert infos.get(env, "centre.html").names == {"title", "centre", "council"}
    assert infos.closures["post.html"] == ("base.html", "footer.html", "post.html")


def test_a_shared_layout_is_analysed_once(templates: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> None:
    env = environment(templates)
    parsed: list[str] = []
    parse = env.parse
    monkeypatch.setattr(env, "parse", lambda source, *a, **k: parsed.append(source) or parse(source, *a, **k))
    infos = TemplateInfos()
    infos.get(env, "post.html")
    infos.get(env, "centre.html")
    assert sorted(parsed) == sorted(templates.values())  # each source once, though both pages extend base.html


def test_an_edited_layout_is_analysed_again(templates: dict[str, str]) -> None:
    infos = TemplateInfos()
    before = infos.get(environment(templates), "post.html")
    infos.this_build.clear()  # a new build
    templates["base.html"] = LAYOUT.replace("{{ title }}", "{{ title }} {{ tagline }}")
    after = infos.get(environment(templates), "post.html")
    assert after.names == before.names | {"tagline"}
    assert after.digest != before.digest


def test_a_template_chosen_at_run_time_depends_on_every_name(templates: dict[str, str]) -> None:
    templates["any.html"] = "{% include which %}"
    assert TemplateInfos().get(environment(templates), "any.html").names is None
