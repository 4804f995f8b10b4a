"""Files that let others follow and reuse the site: feeds, calendars, robots.txt, open data."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from toolkit_builder.charts.stage import ChartView
from toolkit_builder.content.model import Site
from toolkit_builder.content.siteindex import SiteIndex
from toolkit_builder.content.urls import item_path
from toolkit_builder.reuse.calendars import calendar_files
from toolkit_builder.reuse.feeds import feed_files, robots_txt
from toolkit_builder.reuse.opendata import opendata_files
from toolkit_builder.reuse.workbook import measure_workbook


def reuse_files(
    site: Site, ix: SiteIndex, views: Mapping[str, ChartView] | None = None
) -> dict[str, bytes]:
    """Return the Atom feeds, .ics calendars, robots.txt and api/ files, by output path.

    They are made from the whole site on every build (the preview too): cheap, and
    never out of date. `views` are the charts' views (analysed again when not given).
    """
    files = feed_files(site.config, ix, site.events, site.today)
    files.update(calendar_files(site.config, site.events, ix.upcoming_events, site.today))
    files["robots.txt"] = robots_txt(site.config.base_url)
    files.update(opendata_files(site, views=views))
    for measure in site.measures:
        path = f"{item_path('measure', measure.id).removesuffix('index.html')}{measure.id}.xlsx"
        files[path] = measure_workbook(measure, site.today)
    return files


def language_reuse_files(
    site: Site, ix: SiteIndex, lang: str, views: Mapping[str, ChartView] | None = None
) -> dict[str, bytes]:
    """Return the feeds, calendars and api/ files of a language other than the default.

    They sit under `<lang>/` (cy/feed.xml, cy/events/upcoming.ics, cy/api/toolkits.json),
    are made from the site in that language, and link its pages (`<base_url><lang>/...`);
    bundled files, shared by every language, keep their address.
    """
    root = (
        site.config.base_url if site.config.base_url.endswith("/") else site.config.base_url + "/"
    )
    config = replace(site.config, base_url=f"{root}{lang}/")
    local = replace(site, config=config)
    files = feed_files(config, ix, local.events, local.today, lang)
    files.update(calendar_files(config, local.events, ix.upcoming_events, local.today))
    files.update(opendata_files(local, root, views))
    return {f"{lang}/{path}": data for path, data in sorted(files.items())}
