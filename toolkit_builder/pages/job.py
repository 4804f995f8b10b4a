"""A page to render: where it goes, which template, what it shows and depends on."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from toolkit_builder.errors import Location
from toolkit_builder.pages.searchmeta import SearchEntry


@dataclass(frozen=True, slots=True)
class PageJob:
    """One page to render: where it goes, which template, what it shows and depends on."""

    path: str
    template: str
    title: str
    context: Mapping[str, Any] = field(default_factory=dict)
    source: Location | None = None
    """The content file the page comes from, for error messages."""
    deps: frozenset[str] = frozenset()
    """Content keys the page shows (besides GLOBAL_KEYS)."""
    search: SearchEntry | None = None
    """The page's record in the site search; None: the page is not indexed."""
    lang: str = ""
    """The page's language; '' until plan_languages gives it one."""
