"""The first pages: rendered as the build renders them, except those that need what comes later."""

from __future__ import annotations

import jinja2

from toolkit_builder.pages.job import PageJob
from toolkit_builder.pages.render import Later, page_renderer, render_first

TEMPLATES = {
    "plain.html": "<p>{{ title }} in {{ lang_name }}</p>",
    "bundle.html": "<p>{{ bundles[title] }}</p>",
    "bundle_get.html": "<p>{{ bundles.get(title, 'none') }}</p>",
    "broken.html": "<p>{{ missing.attribute }}</p>",
}


def environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.DictLoader(TEMPLATES),
        undefined=jinja2.StrictUndefined,
        autoescape=True,
    )


def job(path: str, template: str, lang: str = "en") -> PageJob:
    return PageJob(path=path, template=template, title="falls", lang=lang)


def prepare_in(env: jinja2.Environment, bundles: object) -> list[str]:
    """Return the languages prepared, as the build's `prepare` would set them up."""
    prepared: list[str] = []

    def prepare(lang: str) -> str:
        prepared.append(lang)
        env.globals.update(root_path="", lang_name=lang, bundles=bundles)
        return ""

    env.globals["prepare"] = prepare
    return prepared


def test_first_pages_leave_out_what_needs_later_values_or_fails() -> None:
    env = environment()
    prepared = prepare_in(env, Later())
    jobs = [
        job("a/index.html", "plain.html"),
        job("b/index.html", "bundle.html"),
        job("c/index.html", "bundle_get.html"),
        job("d/index.html", "broken.html"),
        job("cy/a/index.html", "plain.html", "cy"),
    ]
    pages = render_first(jobs, env, env.globals["prepare"])  # type: ignore[arg-type]
    assert pages == {
        "a/index.html": b"<p>falls in en</p>",
        "cy/a/index.html": b"<p>falls in cy</p>",
    }
    assert prepared == ["en", "cy"]  # once a language, as the build does


def test_a_first_page_is_the_page_the_build_renders() -> None:
    env = environment()
    prepare_in(env, {"falls": "falls.zip (2 kB)"})
    built = page_renderer(env, env.globals["prepare"])  # type: ignore[arg-type]
    jobs = [job("a/index.html", "plain.html"), job("b/index.html", "bundle.html")]
    expected = {j.path: built(j) for j in jobs}
    assert expected["b/index.html"] == b"<p>falls.zip (2 kB)</p>"
    first = render_first(jobs, env, env.globals["prepare"])  # type: ignore[arg-type]
    assert first == expected
