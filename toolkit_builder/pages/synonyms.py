"""Synonyms for search: the other words of a group, added to the copy of a page Pagefind reads.

A page that uses a word of a synonym group (`site.yaml` `search.synonyms`) gets the
other words of the group at the end of its main element, in a block the search page
leaves out of excerpts (SYNONYMS_ANCHOR), weighted as where the word was found. Text
in, text out: pages/search.py writes the copies.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from html import escape, unescape

SYNONYMS_ANCHOR = "search-synonyms"
"""Id of the block of synonyms added to the indexed copy of a page.

Pagefind records where the block starts (an anchor's word location); the search
page builds its excerpts from the words before it, so synonyms match but are never
shown (static/search.js reads the same id from the search page's data).
"""


def _term_pattern(term: str) -> str:
    """Return a regex for a term and its plural ('injury' -> 'injury|injuries')."""
    words = [re.escape(w) for w in term.split()]
    last = words[-1]
    if last.endswith("y") and len(last) > 1:
        words[-1] = last[:-1] + "(?:y|ies)"
    else:
        words[-1] = last + "(?:s|es)?"
    return r"\s+".join(words)


@dataclass(frozen=True)
class SynonymExpander:
    """Adds the other words of each synonym group after a word found in a page's text."""

    groups: tuple[tuple[str, ...], ...]
    _patterns: list[tuple[re.Pattern[str], str]] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        patterns = []
        for group in self.groups:
            for term in group:
                others = ", ".join(t for t in group if t.casefold() != term.casefold())
                pattern = re.compile(rf"(?<![\w-])(?:{_term_pattern(term)})(?![\w-])", re.I)
                patterns.append((len(term), pattern, others))
        patterns.sort(key=lambda p: -p[0])  # longest first: 'pressure injury' before 'injury'
        object.__setattr__(self, "_patterns", [(p, o) for _, p, o in patterns])

    def terms_in(self, text: str) -> list[str]:
        """Return the other words of each synonym group found in `text`, longest match first."""
        taken: list[tuple[int, int]] = []
        found: list[str] = []
        for pattern, others in self._patterns:
            for match in pattern.finditer(text):
                start, end = match.span()
                if any(start < e and s < end for s, e in taken):
                    continue  # part of a longer term already found ('injury' in 'pressure injury')
                taken.append((start, end))
                if others not in found:
                    found.append(others)
        return found

    def expand_page(self, html: str) -> str:
        """Return the page with, at the end of its main element, the synonyms of the words in it.

        The group is added once for each time its word was found (up to MAX_REPEATS),
        with the weight of the place it was found (headings count as Pagefind weighs
        them), so a synonym ranks a page about as the word itself does; words in parts
        Pagefind leaves out (data-pagefind-ignore) add nothing.
        """
        start, end = html.find("<main"), html.rfind("</main>")
        if not self._patterns or start < 0 or end < 0:
            return html
        found: Counter[tuple[str, float]] = Counter()
        stack: list[float] = [1.0]
        skipping = False
        ignored = 0  # depth inside an element Pagefind leaves out (data-pagefind-ignore)
        for part in re.split(r"(<[^>]*>)", html[start:end]):
            if part.startswith("</"):
                name = part[2:-1].strip().lower()
                skipping = skipping and name not in ("script", "style")
                ignored = max(ignored - 1, 0)
                if name in _HEADING_WEIGHTS and len(stack) > 1:
                    stack.pop()
            elif part.startswith("<"):
                name = re.match(r"<\s*([a-zA-Z0-9]+)", part)
                tag = name.group(1).lower() if name else ""
                skipping = skipping or tag in ("script", "style")
                opens = bool(tag) and tag not in _VOID_ELEMENTS and not part.endswith("/>")
                if opens and (ignored or "data-pagefind-ignore" in part):
                    ignored += 1
                weight = re.search(r'data-pagefind-weight="([0-9.]+)"', part)
                if tag in _HEADING_WEIGHTS:
                    stack.append(float(weight.group(1)) if weight else _HEADING_WEIGHTS[tag])
            elif part.strip() and not skipping and not ignored:
                found.update((others, stack[-1]) for others in self.terms_in(unescape(part)))
        if not found:
            return html
        added = "".join(
            f'<p data-pagefind-weight="{weight:g}">{escape(others)}</p>' * min(count, MAX_REPEATS)
            for (others, weight), count in sorted(found.items())
        )
        block = f'<div id="{SYNONYMS_ANCHOR}">{added}</div>'
        return html[:end] + block + html[end:]


MAX_REPEATS = 50
"""Most times one synonym group is added to a page (ranking saturates long before)."""

_VOID_ELEMENTS = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
)
"""Elements with no closing tag."""

_HEADING_WEIGHTS = {"h1": 7.0, "h2": 6.0, "h3": 5.0, "h4": 4.0, "h5": 3.0, "h6": 2.0}
"""Pagefind's default weight of words in each heading level (other text: 1)."""
