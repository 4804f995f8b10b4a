"""Files that let others follow and reuse the site: feeds, calendars, robots.txt, open data."""

from __future__ import annotations

from toolkit_builder.content.model import Site
from toolkit_builder.content.siteindex import SiteIndex
from toolkit_builder.reuse.calendars import calendar_files
from toolkit_builder.reuse.feeds import feed_files, robots_txt
from toolkit_builder.reuse.opendata import opendata_files


def reuse_files(site: Site, ix: SiteIndex) -> dict[str, bytes]:
    """Return the Atom feeds, .ics calendars, robots.txt and api/ files, by output path.

    They are made from the whole site on every build (the preview too): cheap, and
    never out of date.
    """
    files = feed_files(site.config, ix, site.events, site.today)
    files.update(calendar_files(site.config, site.events, ix.upcoming_events, site.today))
    files["robots.txt"] = robots_txt(site.config.base_url)
    files.update(opendata_files(site))
    return files
