"""Reuse: what lets other services copy and follow the site, in every language.

Owns: bundle, bundlepages and bundlefiles (toolkit zips, one per language), feeds
(Atom, robots.txt), calendars (.ics), opendata and opendataschema (api/*.json with
JSON Schemas), workbook (a spreadsheet per measure), documents and documentblocks
(what the toolkit and PDSA worksheet documents say), docxfile and odtfile (them as
.docx and .odt), officezip (office files byte-identical), and outputs (all of them
by path, per language: `reuse_outputs`). May import: pages, charts, language,
content, analysis, errors. Hands on: `ReuseOutputs` (each language's bundles, for
the toolkit pages, and every file by output path).
"""
