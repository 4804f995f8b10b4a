"""Files started ahead: the measure workbooks a cold build makes in its worker processes.

A cold build validates and analyses on one core before it has a chart to draw; the
workbooks (openpyxl, about 25 ms each) need no analysis, so they are made in the
worker processes meanwhile, and the bundles and measure pages take them from
MadeFiles (make_ahead) when they ask. The same bytes as made in the build's own
process: the task gets the measure (in the language already: its translations are
left behind), the date and the language, and words in that language come from the
tool's own catalogue.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool
from dataclasses import replace
from datetime import date
from importlib import import_module

from toolkit_builder.content.model import Measure, Site
from toolkit_builder.language.i18n import load_translations
from toolkit_builder.language.pageformat import PageFormat
from toolkit_builder.reuse.bundle import bundle_date, workbook_key
from toolkit_builder.reuse.made import MadeFiles

Submit = Callable[..., Future[bytes]]
"""Starts a task in another process: ProcessPoolExecutor.submit."""


def workbook_requests(site: Site) -> Iterator[tuple[Measure, date]]:
    """Yield each (measure, date) whose workbook the site's bundles and measure pages ask
    for (reuse/bundle.py bundle_files, reuse/outputs.py measure_workbooks): one per
    toolkit date of each measure, and the site's reference date for a measure in no
    toolkit. Each once."""
    dates: dict[str, set[date]] = {}
    for toolkit in site.toolkits:
        for measure_id in toolkit.measures:
            dates.setdefault(measure_id, set()).add(bundle_date(toolkit))
    for measure in site.measures:
        for when in sorted(dates.get(measure.id) or {site.today}):
            yield measure, when


WORKBOOK_MODULE = "toolkit_builder.reuse.workbook"
"""What a worker imports for its first workbook (openpyxl with it, about 0.15 s): a cold
build's processes are forked from a server that imported it already (charts/batch.py
start_forkserver), while the build reads the content on the other core."""


def workbook_in(measure: Measure, when: date, lang: str) -> bytes:
    """Return a measure's workbook dated `when` in language `lang` (a worker's task)."""
    measure_workbook = import_module(WORKBOOK_MODULE).measure_workbook  # openpyxl: only here
    return measure_workbook(measure, when, PageFormat(lang, load_translations(lang)))


def start_workbooks(sites: Mapping[str, Site], made: MadeFiles, submit: Submit) -> int:
    """Start every workbook the sites (by language) will ask for and `made` does not
    hold, each with `submit`; return how many were started. Where no worker process
    can start, none is started: `made` makes them all when asked."""
    started = 0
    try:
        for lang, site in sites.items():
            for measure, when in workbook_requests(site):
                sent = replace(measure, translations={})  # a mapping proxy does not pickle
                started += made.make_ahead(
                    workbook_key(measure, when, lang),
                    lambda m=sent, w=when, lang=lang: submit(workbook_in, m, w, lang),  # type: ignore[misc]
                )
    except (BrokenProcessPool, OSError):  # no worker processes here (a sandbox)
        made.cancel_ahead()
        return 0
    return started
