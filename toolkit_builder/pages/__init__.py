"""Pages: the site's HTML pages, their theme and search index.

Owns: plan and job (PageJob: every page to render, by kind), whatworks (the
views across services and learning-session packs), render (Jinja rendering, the
sitemap), parallel (many pages rendered across cores), changes (what a change
re-renders), theme (templates and static files), markdown (the one MarkdownIt),
driverdiagram (SVG), toolkitpage (a toolkit page in a visitor's order), search,
synonyms and searchmeta (Pagefind).
May import: charts, language, content, analysis, errors, progress.
Hands on: output files by path (`dict[str, bytes]`).
"""
