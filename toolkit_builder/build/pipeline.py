"""The build pipeline in memory: load -> validate -> localise -> analyse -> render -> index."""

from __future__ import annotations

import time
import traceback
from collections import ChainMap
from collections.abc import Callable, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path, PurePosixPath

import jinja2
from jinja2 import Environment
from markdown_it import MarkdownIt

from toolkit_builder.build.chartstage import (
    analyse_site_charts,
    early_pool,
    finish_site_charts,
    start_site_charts,
    warm_drawing,
)
from toolkit_builder.build.options import (
    BuildOptions,
    BuildResult,
    FirstPages,
    build_date,
    source_date_epoch,
)
from toolkit_builder.cache.memory import BuildCache
from toolkit_builder.cache.store import CacheStore
from toolkit_builder.charts.batch import Drawn, Keep
from toolkit_builder.charts.csvout import series_csv
from toolkit_builder.charts.files import NARROW_ENDING, language_chart_files
from toolkit_builder.charts.stage import ChartView
from toolkit_builder.content.dispersion import (
    DispersionMemory,
    dispersion_warning,
    memoised_dispersion_check,
)
from toolkit_builder.content.itemcheck import ItemCheck, ItemMemory, check_item, memoised_item_check
from toolkit_builder.content.load import ParseMemory, load_site, memoised_parser
from toolkit_builder.content.measuredata import CsvMemory, memoised_csv_parser, parse_measure_csv
from toolkit_builder.content.model import Site
from toolkit_builder.content.placeholders import PlaceholderMemory, placeholder_warnings
from toolkit_builder.content.series import CaseMemories
from toolkit_builder.content.textmemory import TextMemory, memoised_reader
from toolkit_builder.content.urls import chart_path
from toolkit_builder.content.validate import validate_site
from toolkit_builder.content.yamlmarks import parse_yaml
from toolkit_builder.errors import ContentError, Location, Problem, sort_problems
from toolkit_builder.language.i18n import Languages
from toolkit_builder.language.localise import localise_site, translation_warnings
from toolkit_builder.pages.changes import (
    RenderMemo,
    changed_template_names,
    compare_keys,
    language_keys,
)
from toolkit_builder.pages.driverdiagram import draw_driver_diagram
from toolkit_builder.pages.markdown import make_markdown
from toolkit_builder.pages.plan import in_language, plan_pages
from toolkit_builder.pages.render import (
    Later,
    PageLanguage,
    page_language,
    prepare_language,
    render_first,
    render_pages,
    sitemap,
)
from toolkit_builder.pages.search import SearchIndexer
from toolkit_builder.pages.theme import make_environment, read_static_files, theme_folders
from toolkit_builder.progress import Reporter, SilentReporter
from toolkit_builder.reuse.ahead import start_workbooks
from toolkit_builder.reuse.bundle import bundle_keys
from toolkit_builder.reuse.made import MadeFiles, MadeMemory
from toolkit_builder.reuse.outputs import reuse_outputs


def check_site(
    options: BuildOptions, reporter: Reporter, cache: BuildCache | None = None
) -> tuple[Site, list[Problem]]:
    """Return the validated site and its warnings; raise ContentError on errors (or warnings if strict)."""
    reporter.stage("Loading content")
    memory = cache if cache is not None and cache.in_process else None
    parse, parse_csv, check_dispersion = parse_yaml, parse_measure_csv, dispersion_warning
    check: ItemCheck = check_item
    parsed: ParseMemory = {}
    checked: ItemMemory = {}
    data: CsvMemory = {}
    judged: DispersionMemory = {}
    cases = CaseMemories()
    placeholders: PlaceholderMemory = {}
    texts: TextMemory = {}
    read = None
    if memory is not None:
        read = memoised_reader(memory.texts, texts)
        parse = memoised_parser(memory.parsed, parsed)
        check = memoised_item_check(memory.items, checked)
        parse_csv = memoised_csv_parser(memory.data, data)
        check_dispersion = memoised_dispersion_check(memory.dispersion, judged)
    files = load_site(options.site_root, parse, read)
    reporter.stage("Validating", len(files.docs))
    epoch = source_date_epoch()
    today = build_date(options)
    site, problems = validate_site(
        files,
        include_drafts=options.include_drafts,
        epoch=epoch,
        today=today,
        parse_csv=parse_csv,
        check_dispersion=check_dispersion,
        check=check,
        cases_before=memory.cases if memory is not None else None,
        cases_now=cases if memory is not None else None,
    )
    reporter.advance(len(files.docs))
    before = memory.placeholders if memory is not None else None
    now = placeholders if memory is not None else None
    problems = [*problems, *placeholder_warnings(files, before, now)]
    if memory is not None:
        memory.texts, memory.parsed, memory.items, memory.data = texts, parsed, checked, data
        memory.dispersion, memory.cases, memory.placeholders = judged, cases, placeholders
    if not any(p.is_error for p in problems):
        problems = [*problems, *translation_warnings(site)]
    warnings = [p for p in problems if not p.is_error]
    failing = problems if options.strict else [p for p in problems if p.is_error]
    if failing:
        raise ContentError(sort_problems(problems))
    return site, sort_problems(warnings)


def render_output(
    site: Site,
    env: Environment,
    md: MarkdownIt,
    static: dict[str, bytes],
    reporter: Reporter,
    memo: RenderMemo | None = None,
    changed_templates: frozenset[str] = frozenset(),
    charts: Mapping[str, Mapping[str, ChartView]] | None = None,
    sites: Mapping[str, Site] | None = None,
    workers: int = 1,
    made: MadeFiles | None = None,
    keep: Keep | None = None,
    first: FirstPages | None = None,
) -> tuple[dict[str, bytes], dict[str, str], int]:
    """Return every output file by path, the pages stored by `keep` (by path: the name
    it gave them), and the number of HTML pages.

    With `first`, the pages it names are planned and rendered before anything else, and
    handed to `first.show` (see render_first).

    `charts` holds the chart views of each language (see analyse_site_charts); a
    language without its own views shows the default language's charts. With a
    memo (the preview server), pages whose inputs did not change are reused.
    With `workers` above 1, many pages are rendered in that many processes. `made`
    holds the last build's workbooks, documents and bundles, reused where unchanged.
    """
    languages = Languages(site.config.languages)
    views = charts or {}
    local_sites = sites or localised_sites(site)
    made_langs: dict[str, PageLanguage] = {}

    def language(lang: str) -> PageLanguage:
        if lang not in made_langs:
            made_langs[lang] = page_language(
                local_sites[lang],
                lang,
                languages,
                views.get(lang, views.get(languages.default, {})),
                lang if lang in views else languages.default,
            )
        return made_langs[lang]

    if first is not None:
        first.show(_first_pages(first.paths, languages, language, env, md))
    page_langs = {lang: language(lang) for lang in languages.codes}
    jobs = [
        job
        for lang, page_lang in page_langs.items()
        for job in in_language(
            plan_pages(page_lang.site, page_lang.ix, page_lang.words),
            lang,
            languages.prefix(lang),
        )
    ]
    reuse = reuse_outputs(page_langs, env, md, made)
    if memo is not None:
        keys = language_keys({lang: p.site for lang, p in page_langs.items()}, languages.default)
        for lang in languages.codes:
            prefix = "" if lang == languages.default else f"{lang}:"
            bundles = bundle_keys(reuse.bundles[lang])
            keys.update({prefix + key: value for key, value in bundles.items()})
        compare_keys(memo, keys)
    reporter.stage("Rendering pages", len(jobs))

    def prepare(lang: str) -> str:
        # a toolkit page links its bundle in the page's language, with its size
        env.globals["bundles"] = reuse.bundles[lang]
        return prepare_language(env, page_langs[lang], md)

    rendered = render_pages(
        jobs, env, reporter.advance, memo, changed_templates, prepare, workers, keep
    )
    output = {path: page for path, page in rendered.items() if isinstance(page, bytes)}
    stored = {path: page for path, page in rendered.items() if isinstance(page, str)}
    del rendered
    output["sitemap.xml"] = sitemap(jobs, site.config.base_url, languages)
    output.update(reuse.files)
    for lang, page_lang in page_langs.items():
        for toolkit in page_lang.site.toolkits:
            path = languages.page_path(lang, f"toolkits/{toolkit.id}/driver-diagram.svg")
            package = page_lang.ix.package_of(toolkit)
            output[path] = draw_driver_diagram(package, page_lang.translations.gettext)
    for lang, language_views in views.items():
        output.update(language_chart_files(language_views, {}, lang))
    for case in site.case_studies:  # data CSVs the views above did not give (no views)
        for series in case.series:
            path = chart_path(series.id, "csv")
            if path not in output:
                output[path] = series_csv(series)
    for name, data in site.resource_files.items():
        output[name] = data
    output.update(static)
    return dict(sorted(output.items())), stored, len(jobs)


def _first_pages(
    paths: frozenset[str],
    languages: Languages,
    language: Callable[[str], PageLanguage],
    env: Environment,
    md: MarkdownIt,
) -> dict[str, bytes]:
    """Return the pages at `paths` that render before the bundles are made (render_first),
    planning only those pages (plan_pages' `only`)."""
    wanted: dict[str, set[str]] = {}
    for path in paths:
        lang, local = languages.split(path)
        wanted.setdefault(lang, set()).add(local)
    jobs = [
        job
        for lang in languages.codes
        if lang in wanted
        for page_lang in (language(lang),)
        for job in in_language(
            plan_pages(page_lang.site, page_lang.ix, page_lang.words, frozenset(wanted[lang])),
            lang,
            languages.prefix(lang),
        )
    ]

    def prepare(lang: str) -> str:
        env.globals["bundles"] = Later()
        return prepare_language(env, language(lang), md)

    return render_first(jobs, env, prepare)


def template_problem(error: jinja2.TemplateError, site_root: Path) -> Problem:
    """Return a located problem for an error raised while rendering a template."""
    if isinstance(error, jinja2.TemplateSyntaxError) and error.filename:
        return Problem(
            Location(_shown_path(error.filename, site_root), error.lineno or 0, 1),
            f"template error: {error.message}",
        )
    frames = [
        f
        for f in traceback.extract_tb(error.__traceback__)
        if f.filename.endswith((".html", ".xml"))
    ]
    if frames:
        frame = frames[-1]
        return Problem(
            Location(_shown_path(frame.filename, site_root), frame.lineno or 0, 1),
            f"template error: {error}",
        )
    return Problem(Location(PurePosixPath("templates"), 0, 0), f"template error: {error}")


def _shown_path(filename: str, site_root: Path) -> PurePosixPath:
    path = Path(filename)
    try:
        return PurePosixPath(path.resolve().relative_to(site_root.resolve()).as_posix())
    except ValueError:
        return PurePosixPath(path.as_posix())


def localised_sites(site: Site) -> dict[str, Site]:
    """Return the site in each of its languages (in the default one, without translations)."""
    return {lang: localise_site(site, lang)[0] for lang in site.config.languages}


def _with_known(
    show: Callable[[dict[str, bytes]], None], known: Mapping[str, Drawn]
) -> Callable[[dict[str, bytes]], None]:
    """Return `show` given the first pages with the files known before them (not stored ones)."""
    files = {path: data for path, data in known.items() if isinstance(data, bytes)}
    return lambda pages: show({**files, **pages})


def _made_memory(cache: BuildCache | None, templates: frozenset[str]) -> MadeMemory | None:
    """Return what the last build made; whole bundles only when no template changed."""
    if cache is None:
        return None
    if templates:  # a bundle's pages come from templates its inputs do not name
        return MadeMemory(cache.made.files, {}, cache.made.texts)
    return cache.made


PagesMade = Callable[[Mapping[str, bytes], Mapping[str, str], Callable[[Path | None], None]], None]
"""Writes output files as they are made (the command line's; see build_in_memory)."""


def _once(future: Future[Path | None]) -> Callable[[Path | None], None]:
    """Return a function that gives `future` its result, the first time it is called."""

    def give(folder: Path | None) -> None:
        if not future.done():
            future.set_result(folder)

    return give


def build_in_memory(
    options: BuildOptions,
    reporter: Reporter | None = None,
    cache: BuildCache | None = None,
    changed_paths: frozenset[PurePosixPath] = frozenset(),
    index_search: bool = True,
    store: CacheStore | None = None,
    first: FirstPages | None = None,
    pages_made: PagesMade | None = None,
    search: SearchIndexer | None = None,
) -> BuildResult:
    """Return the built site as files in memory; raise ContentError on content problems.

    The preview passes what it kept from its previous build and the files that
    changed: only the work those changes need is done again. It also indexes the
    pages for search itself, after showing them (index_search=False). The command
    line passes its build store: pages and charts are put there as they are rendered
    and drawn, and the result names them by digest (BuildResult.stored), not as bytes.
    With `first` (the preview), the pages its browsers show are handed on as soon as
    they are rendered, with the files already known (FirstPages). `pages_made` (the
    command line) is called once every page is made, with the output files known then
    and the stored ones (by digest), while the charts are drawn and the search index is
    made: it writes them meanwhile, and tells `written` the folder that holds them
    once they are there (the search index reads the pages there when none gains a
    synonym; None: no such folder). It is called again with the search index's files
    once Pagefind is done, while the last charts are drawn. They are final: what comes
    later (the charts' SVGs) has paths of its own. The result holds them too, with the
    rest. `search` indexes the pages when there is no cache (default: an indexer of
    its own, in a temporary folder).
    """
    keep = store.put if store is not None else None
    reporter = reporter or SilentReporter()
    started = time.perf_counter()
    warm_drawing(options, cache, keep)  # matplotlib imported on another core while we read
    site, warnings = check_site(options, reporter, cache)
    folders = theme_folders(options.site_root)
    templates = changed_template_names(changed_paths)
    env = cache.environment if cache is not None and not templates else None
    if env is None:
        env = make_environment(folders)
        if cache is not None:
            cache.environment = env
    md = make_markdown(site.config.allow_raw_html)
    sites = localised_sites(site)
    in_process = cache is not None and cache.in_process
    made = MadeFiles(memory=_made_memory(cache, templates), in_process=in_process)
    pool = early_pool(site, options, cache, keep)
    try:
        if pool is not None:  # the workers make the workbooks while the charts are analysed
            start_workbooks(sites, made, pool.submit)
        views = analyse_site_charts(sites, reporter, cache)
        charts = start_site_charts(views, options, cache, keep, pool)  # drawn as pages render
    except BaseException:
        made.cancel_ahead()
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)
        raise
    memo = cache.memo if cache is not None else None
    try:
        static = read_static_files(folders)
        if first is not None:
            known = {**static, **site.resource_files, **charts.found}
            first = replace(first, show=_with_known(first.show, known))
        output, stored, pages = render_output(
            site,
            env,
            md,
            static,
            reporter,
            memo,
            templates,
            views,
            sites,
            options.workers,
            made,
            keep,
            first,
        )
    except jinja2.TemplateError as error:
        charts.cancel()
        if cache is not None:
            cache.memo.pages.clear()  # the next build renders everything again
            cache.environment = None
        raise ContentError([template_problem(error, options.site_root)]) from error
    except BaseException:
        charts.cancel()
        raise
    del views, sites  # the chart views' tables are in the pages now: let them go
    if cache is not None:
        cache.made = made.memory()
    with ThreadPoolExecutor(1) as background:
        # Pagefind (its own process) indexes the pages while the charts are drawn.
        indexer = cache.search if cache is not None else search or SearchIndexer()
        pages_read = ChainMap(dict(output), store.files(stored)) if store else dict(output)
        # the stored pages' files, for the search copies to link (pages/search.py)
        sources = {name: store.stored_path(d) for name, d in stored.items()} if store else {}
        # where the pages are published, once written (the command line's folder)
        published: Future[Path | None] = Future()
        index = (
            background.submit(
                indexer.index,
                pages_read,
                site.config.synonyms,
                sources,
                published.result if pages_made is not None else None,
            )
            if index_search
            else None
        )
        if pages_made is not None:
            try:
                told = _once(published)
                try:
                    pages_made(output, stored, told)
                finally:  # the indexer never waits for pages that will not come
                    told(None)
                if index is not None:  # Pagefind ends before the charts: its files go now
                    reporter.stage("Indexing for search")
                    search_files = index.result()
                    pages_made(search_files, {}, lambda _: None)
                    output.update(search_files)
                    index = None
            except BaseException:  # the folder refused them, or Pagefind failed: stop drawing
                charts.cancel()
                raise
        svgs, stored_charts = finish_site_charts(charts, reporter)
        output.update(svgs)
        stored.update(stored_charts)
        if index is not None:
            reporter.stage("Indexing for search")
            output.update(index.result())
    charts = sum(
        1
        for name in (*output, *stored)
        if name.startswith("charts/") and name.endswith(".svg") and not name.endswith(NARROW_ENDING)
    )
    seconds = time.perf_counter() - started
    files = len(output) + len(stored)
    return BuildResult(
        pages, charts, files, tuple(warnings), seconds, output, stored, site.config.synonyms
    )
