"""Tests for pages/changes.py: which templates a page's template depends on."""

from __future__ import annotations

from jinja2 import DictLoader, Environment

from toolkit_builder.pages.changes import template_closure

TEMPLATES = {
    "base.html": "{% import 'macros.html' as m %}<main>{% block content %}{% endblock %}</main>",
    "macros.html": "{% macro card(x) %}{{ x }}{% endmacro %}",
    "footer.html": "<footer></footer>",
    "toolkit.html": "{% extends 'base.html' %}{% block content %}{% include 'footer.html' %}"
    "{% endblock %}",
    "lesson.html": "{% extends 'base.html' %}{% block content %}{% endblock %}",
    "alone.html": "<p>{{ text }}</p>",
}


class CountingLoader(DictLoader):
    """A DictLoader that counts the sources it hands out."""

    def __init__(self, mapping: dict[str, str]) -> None:
        super().__init__(mapping)
        self.read: list[str] = []

    def get_source(self, environment: Environment, template: str):  # type: ignore[override]
        self.read.append(template)
        return super().get_source(environment, template)


def test_the_closure_holds_every_template_extended_included_or_imported() -> None:
    env = Environment(loader=DictLoader(TEMPLATES))
    assert template_closure(env, "toolkit.html") == {
        "toolkit.html",
        "base.html",
        "macros.html",
        "footer.html",
    }
    assert template_closure(env, "lesson.html") == {"lesson.html", "base.html", "macros.html"}
    assert template_closure(env, "alone.html") == {"alone.html"}


def test_shared_references_parse_each_template_once_with_the_same_closures() -> None:
    loader = CountingLoader(TEMPLATES)
    env = Environment(loader=loader)
    references: dict[str, tuple[str, ...]] = {}
    names = ["toolkit.html", "lesson.html", "alone.html"]
    shared = [template_closure(env, name, references) for name in names]
    assert sorted(loader.read) == sorted(set(loader.read))  # base.html read once, not twice
    assert set(loader.read) == set(TEMPLATES)
    fresh_env = Environment(loader=DictLoader(TEMPLATES))
    assert shared == [template_closure(fresh_env, name) for name in names]
