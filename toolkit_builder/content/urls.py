"""Where every page lives in the output, and relative links from a page to the site root."""

from __future__ import annotations

SECTION_PATHS: dict[str, str] = {
    "home": "index.html",
    "toolkits": "toolkits/index.html",
    "case-studies": "case-studies/index.html",
    "measures": "measures/index.html",
    "lessons": "lessons/index.html",
    "what-works": "what-works/index.html",
    "topics": "topics/index.html",
    "organisations": "organisations/index.html",
    "settings": "settings/index.html",
    "events": "events/index.html",
    "pages": "pages/index.html",
    "search": "search/index.html",
    "sitemap": "sitemap.xml",
}
"""Pages that list a whole section, by name."""

ITEM_FOLDERS: dict[str, str] = {
    "toolkit": "toolkits",
    "case-study": "case-studies",
    "measure": "measures",
    "topic": "topics",
    "organisation": "organisations",
    "setting": "settings",
    "event": "events",
}
"""Item kind -> the folder its pages sit in."""

ITEM_VIEWS: dict[str, tuple[str, str]] = {
    "toolkit-what-works": ("toolkits", "what-works"),
    "measure-services": ("measures", "services"),
    "event-pack": ("events", "pack"),
}
"""Views of an item on their own page -> (the item's folder, the view's folder in it):
a toolkit's change ideas across services, a measure across services, an event's pack."""


def item_path(kind: str, item_id: str) -> str:
    """Return the output path of one item's page (free pages sit at the root).

    A change idea's id is `<toolkit>/<idea>`; a lesson's is `<case study>/<number>`;
    `toolkit-print` is a toolkit's print view; ITEM_VIEWS names the other views of an item.
    """
    if kind == "page":
        return f"{item_id}/index.html"
    if kind == "change-idea":
        toolkit, idea = item_id.split("/")
        return f"toolkits/{toolkit}/change-ideas/{idea}/index.html"
    if kind == "lesson":
        return f"lessons/{item_id}/index.html"
    if kind == "toolkit-print":
        return f"toolkits/{item_id}/print/index.html"
    if kind in ITEM_VIEWS:
        folder, view = ITEM_VIEWS[kind]
        return f"{folder}/{item_id}/{view}/index.html"
    return f"{ITEM_FOLDERS[kind]}/{item_id}/index.html"


def target_path(kind: str, item_id: str = "") -> str:
    """Return the output path of a section (no id) or of an item."""
    return item_path(kind, item_id) if item_id else SECTION_PATHS[kind]


def root_prefix(from_path: str) -> str:
    """Return the relative link from the page at `from_path` to the site's root folder.

    A link to any output path is this prefix and the path ('../../' and
    'static/style.css'): it works under any subpath, and a page computes it once for
    all its links.
    """
    return "../" * from_path.count("/")


def chart_path(series_id: str, ending: str) -> str:
    """Return the output path of a chart file (`svg`, `csv` or `json`)."""
    return f"charts/{series_id}.{ending}"


def public_url(base_url: str, path: str) -> str:
    """Return the absolute public address of an output path (a folder's index.html as `folder/`)."""
    base = base_url if base_url.endswith("/") else base_url + "/"
    return base + path.removesuffix("index.html")


FEED_PATH = "feed.xml"
"""The site-wide Atom feed."""

UPCOMING_CALENDAR_PATH = "events/upcoming.ics"
"""The calendar of every upcoming event."""


def topic_feed_path(topic_id: str) -> str:
    """Return the output path of a topic's Atom feed."""
    return f"topics/{topic_id}/feed.xml"


def event_calendar_path(event_id: str) -> str:
    """Return the output path of one event's calendar file."""
    return f"events/{event_id}/{event_id}.ics"


def api_path(name: str) -> str:
    """Return the output path of an open-data file (`toolkits`, `case-studies`, …)."""
    return f"api/{name}.json"


def api_schema_path(name: str) -> str:
    """Return the output path of an open-data file's JSON Schema."""
    return f"api/schema/{name}.schema.json"
