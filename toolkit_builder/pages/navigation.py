"""What the header and footer of every page link to: a bounded set, whatever the site's size.

Every page carries the header and footer, so what they list is paid for once per page:
a footer naming every free page would make a site of n pages cost n x n links. They
name at most FOOTER_PAGE_LIMIT free pages and the section indexes, among them the list
of all free pages (`pages/index.html`), which reaches the rest.
"""

from __future__ import annotations

from dataclasses import dataclass

from toolkit_builder.content.model import Page, Site

FOOTER_PAGE_LIMIT = 8
"""Most free pages the footer names (the first ones by file name)."""

ABOUT_PAGE = "about"
"""Id of the free page the main navigation names."""

STATEMENT_PAGE = "accessibility"
"""Id of the free page whose text the generated accessibility statement takes in."""


@dataclass(frozen=True, slots=True)
class Navigation:
    """The pages every page's header and footer name."""

    about: Page | None
    """The free page `about`, named in the main navigation, if the site has one."""
    footer_pages: tuple[Page, ...]
    """The free pages the footer names: at most FOOTER_PAGE_LIMIT, in site order."""
    statement_is_page: bool
    """A free page has the accessibility statement's address (the footer names it once)."""

    def key(self) -> tuple[object, ...]:
        """Return what the header and footer show of these pages (ids and titles)."""
        return (
            (self.about.id, self.about.title) if self.about else None,
            tuple((p.id, p.title) for p in self.footer_pages),
            self.statement_is_page,
        )


def site_navigation(site: Site) -> Navigation:
    """Return the bounded set of pages the header and footer of every page name."""
    pages = site.pages
    return Navigation(
        about=next((p for p in pages if p.id == ABOUT_PAGE), None),
        footer_pages=pages[:FOOTER_PAGE_LIMIT],
        statement_is_page=any(p.id == STATEMENT_PAGE for p in pages),
    )
