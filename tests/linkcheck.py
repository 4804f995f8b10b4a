"""A small crawler: every internal href and src in a built site must resolve (anchors too)."""

from __future__ import annotations

import posixpath
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()
        self.downloads: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a" and any(name == "download" for name, _ in attrs):
            self.downloads += [value for name, value in attrs if name == "href" and value]
        for name, value in attrs:
            if value is None:
                continue
            if name in ("href", "src"):
                self.links.append(value)
            elif name in ("id", "name"):
                self.ids.add(value)


def parse_page(html: str) -> tuple[list[str], set[str]]:
    """Return the links and element ids of an HTML page."""
    parser = _Links()
    parser.feed(html)
    return parser.links, parser.ids


def resolved(page_path: str, href: str) -> str:
    """Return the output path a relative link on the page at `page_path` leads to."""
    return posixpath.normpath(posixpath.join(posixpath.dirname(page_path), unquote(href)))


def link_targets(page_path: str, html: str) -> set[str]:
    """Return the output paths the relative links of the page at `page_path` lead to."""
    links = parse_page(html)[0]
    return {resolved(page_path, link) for link in links if not urlsplit(link).scheme}


def download_targets(page_path: str, html: str) -> set[str]:
    """Return the output paths the page's download links (`<a download>`) lead to."""
    parser = _Links()
    parser.feed(html)
    return {resolved(page_path, link) for link in parser.downloads}


def broken_links(root: Path, root_path: str = "/") -> list[str]:
    """Return 'page -> link' for every internal link of the site at `root` that does not resolve."""
    pages = {p.relative_to(root).as_posix(): p for p in root.rglob("*.html")}
    parsed = {name: parse_page(path.read_text(encoding="utf-8")) for name, path in pages.items()}
    broken = []
    for name, (links, _ids) in sorted(parsed.items()):
        for link in links:
            parts = urlsplit(link)
            if parts.scheme in ("http", "https", "mailto", "tel", "data"):
                continue
            target = unquote(parts.path)
            if target.startswith("/"):
                if not target.startswith(root_path):
                    broken.append(f"{name} -> {link} (outside the site)")
                    continue
                resolved = target[len(root_path) :]
            elif target:
                resolved = posixpath.normpath(posixpath.join(posixpath.dirname(name), target))
            else:
                resolved = name
            if resolved.startswith("..") or not (root / resolved).is_file():
                broken.append(f"{name} -> {link}")
                continue
            if parts.fragment:
                target_ids = parsed[resolved][1] if resolved in parsed else set()
                if parts.fragment not in target_ids:
                    broken.append(f"{name} -> {link} (no id '{parts.fragment}')")
    return broken
