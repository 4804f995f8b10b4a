"""Files that let others follow and reuse the site, in every language: bundles, workbooks,
feeds, calendars, robots.txt and open data."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from jinja2 import Environment
from markdown_it import MarkdownIt

from toolkit_builder.charts.stage import ChartView
from toolkit_builder.content.model import Site
from toolkit_builder.content.siteindex import SiteIndex
from toolkit_builder.content.urls import item_path
from toolkit_builder.pages.render import PageLanguage
from toolkit_builder.reuse.bundle import (
    Bundle,
    bundle_date,
    shared_workbook,
    site_bundles,
)
from toolkit_builder.reuse.calendars import calendar_files
from toolkit_builder.reuse.feeds import feed_files, robots_txt
from toolkit_builder.reuse.made import MadeFiles
from toolkit_builder.reuse.opendata import opendata_files


@dataclass(frozen=True, slots=True)
class ReuseOutputs:
    """What the reuse stage makes for every language."""

    bundles: Mapping[str, Mapping[str, Bundle]]
    """Each language's toolkit bundles, by language, then toolkit id (the pages link them)."""
    files: dict[str, bytes] = field(repr=False)
    """Every file it makes, bundles included, by output path."""


def reuse_files(
    site: Site,
    ix: SiteIndex,
    views: Mapping[str, ChartView] | None = None,
    made: MadeFiles | None = None,
) -> dict[str, bytes]:
    """Return the Atom feeds, .ics calendars, robots.txt and api/ files, by output path.

    They are made from the whole site on every build (the preview too): cheap, and
    never out of date. `views` are the charts' views (analysed again when not given);
    `made` keeps open data's texts between builds.
    """
    files = feed_files(site.config, ix, site.events, site.today)
    files.update(calendar_files(site.config, site.events, ix.upcoming_events, site.today))
    files["robots.txt"] = robots_txt(site.config.base_url)
    files.update(opendata_files(site, views=views, made=made))
    return files


def language_reuse_files(
    page_lang: PageLanguage, made: MadeFiles | None = None
) -> dict[str, bytes]:
    """Return the feeds, calendars and api/ files of a language other than the default.

    They sit under `<lang>/` (cy/feed.xml, cy/events/upcoming.ics, cy/api/toolkits.json),
    are made from the site in that language, and link its pages (`<base_url><lang>/...`);
    bundled files, shared by every language, keep their address.
    """
    site, ix, lang = page_lang.site, page_lang.ix, page_lang.lang
    root = (
        site.config.base_url if site.config.base_url.endswith("/") else site.config.base_url + "/"
    )
    config = replace(site.config, base_url=f"{root}{lang}/")
    local = replace(site, config=config)
    gettext = page_lang.words.gettext
    files = feed_files(config, ix, local.events, local.today, lang, gettext)
    files.update(
        calendar_files(config, local.events, ix.upcoming_events, local.today, lang, gettext)
    )
    files.update(opendata_files(local, root, page_lang.charts, made))
    return {f"{lang}/{path}": data for path, data in sorted(files.items())}


def measure_workbooks(page_lang: PageLanguage, made: MadeFiles) -> dict[str, bytes]:
    """Return the workbook each measure page offers, in the page's language, by output path.

    A measure's workbook is dated like the newest bundle that holds it (so it is that
    bundle's file, made once), or by the site's reference date when no toolkit has it.
    """
    site, ix = page_lang.site, page_lang.ix
    prefix = page_lang.languages.prefix(page_lang.lang)
    files = {}
    for measure in site.measures:
        dates = [bundle_date(t) for t in ix.toolkits_by_measure.get(measure.id, ())]
        when = max(dates, default=site.today)
        folder = item_path("measure", measure.id).removesuffix("index.html")
        files[f"{prefix}{folder}{measure.id}.xlsx"] = shared_workbook(
            measure, when, page_lang.words, made
        )
    return files


def reuse_outputs(
    page_langs: Mapping[str, PageLanguage],
    env: Environment,
    md: MarkdownIt,
    made: MadeFiles | None = None,
) -> ReuseOutputs:
    """Return every language's bundles, workbooks, feeds, calendars and open data.

    Files that are the same in every language, or in a bundle and on a measure page,
    are made once; with `made` from the last build, costly files whose inputs did not
    change are reused. Bundles render with `env`, which is left set to the last language.
    """
    made = MadeFiles() if made is None else made
    bundles: dict[str, dict[str, Bundle]] = {}
    files: dict[str, bytes] = {}
    for lang, page_lang in page_langs.items():
        bundles[lang] = site_bundles(page_lang, env, md, made)
        files.update({bundle.path: bundle.data for bundle in bundles[lang].values()})
        files.update(measure_workbooks(page_lang, made))
        if lang == page_lang.languages.default:
            files.update(reuse_files(page_lang.site, page_lang.ix, page_lang.charts, made))
        else:
            files.update(language_reuse_files(page_lang, made))
    return ReuseOutputs(bundles, dict(sorted(files.items())))
