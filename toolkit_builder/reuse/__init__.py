"""Reuse: what lets other services copy and follow the site.

Owns: bundle and bundlefiles (toolkit zips), feeds (Atom, robots.txt), calendars
(.ics), opendata and opendataschema (api/*.json with JSON Schemas), workbook (a
spreadsheet per measure), documents (the toolkit and PDSA worksheet as .docx), and
outputs (all of them by path, per language). May import: pages, charts, language, content, analysis, errors.
"""
