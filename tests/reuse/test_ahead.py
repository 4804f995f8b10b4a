"""Workbooks started ahead in worker processes: the ones the build asks for, made alike."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import pytest

from tests.support import REPO
from toolkit_builder.build.options import BuildOptions
from toolkit_builder.build.pipeline import analyse_site_charts, check_site, localised_sites
from toolkit_builder.charts.batch import worker_pool
from toolkit_builder.content.digest import Digester
from toolkit_builder.content.model import Site
from toolkit_builder.language.i18n import Languages, load_translations
from toolkit_builder.language.pageformat import PageFormat
from toolkit_builder.pages.markdown import make_markdown
from toolkit_builder.pages.render import page_language
from toolkit_builder.pages.theme import PACKAGE_THEME, make_environment
from toolkit_builder.progress import SilentReporter
from toolkit_builder.reuse.ahead import start_workbooks, workbook_requests
from toolkit_builder.reuse.bundle import workbook_key
from toolkit_builder.reuse.made import MadeFiles
from toolkit_builder.reuse.outputs import reuse_outputs
from toolkit_builder.reuse.workbook import measure_workbook


@pytest.fixture(scope="module")
def example_sites() -> dict[str, Site]:
    """The example site in each of its languages (English and Welsh)."""
    options = BuildOptions(site_root=REPO, out=REPO / "output")
    site, _ = check_site(options, SilentReporter())
    return localised_sites(site)


class AskedFiles(MadeFiles):
    """MadeFiles that notes the digest of every workbook asked for."""

    def __init__(self) -> None:
        super().__init__()
        self.workbooks: set[str] = set()

    def get(self, key: tuple[object, ...], make: Callable[[], bytes]) -> bytes:
        if key[0] == "workbook":
            self.workbooks.add(Digester().digest(key))
        return super().get(key, make)


@pytest.mark.parametrize("toolkits", [True, False], ids=["with toolkits", "measures alone"])
def test_the_workbooks_started_ahead_are_those_the_outputs_ask_for(
    example_sites: dict[str, Site], toolkits: bool
) -> None:
    if not toolkits:  # a measure in no toolkit: its workbook carries the site's date
        example_sites = {lang: replace(site, toolkits=()) for lang, site in example_sites.items()}
    languages = Languages(tuple(example_sites))
    views = analyse_site_charts(example_sites, SilentReporter())
    page_langs = {
        lang: page_language(site, lang, languages, views[lang])
        for lang, site in example_sites.items()
    }
    asked = AskedFiles()
    reuse_outputs(page_langs, make_environment([PACKAGE_THEME]), make_markdown(False), asked)
    ahead = {
        Digester().digest(workbook_key(measure, when, lang))
        for lang, site in example_sites.items()
        for measure, when in workbook_requests(site)
    }
    assert asked.workbooks, "the example's bundles and measure pages offer workbooks"
    assert ahead == asked.workbooks


def test_a_workbook_made_ahead_in_a_worker_is_the_one_made_here(
    example_sites: dict[str, Site],
) -> None:
    welsh = {"cy": example_sites["cy"]}
    requests = list(workbook_requests(welsh["cy"]))
    made = MadeFiles()
    pool = worker_pool(1)
    try:
        assert start_workbooks(welsh, made, pool.submit) == len(requests) > 0
        assert start_workbooks(welsh, made, pool.submit) == 0, "each is started once"
        words = PageFormat("cy", load_translations("cy"))
        for measure, when in requests:
            here = measure_workbook(measure, when, words)
            assert made.get(workbook_key(measure, when, "cy"), lambda: b"not made ahead") == here
    finally:
        pool.shutdown()
    assert made.made == len(requests)
