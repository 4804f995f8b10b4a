"""Content: read the site folder and turn it into the typed, validated model.

Owns: load (files -> RawDoc, the only reader of content/), textmemory (the preview's
memory of the texts load read, by file status), yamlmarks (YAML with
line marks), schema (every file type's fields), fields and items (values -> model
objects), measuredata, workbook and series (CSV or .xlsx -> Series), seriesspec (how a
series is analysed, shared by validation and the charts), placeholders
(skeleton text left in), sharedtranslations (site.cy.yaml, topics and organisations
translated), itemcheck (one item file against its schema), references, advice,
collaborative (decisions across services, lessons by setting, who an event covers),
validate (`validate_site`), model (frozen dataclasses), siteindex (lookups) and urls
(where each item is published). May import: analysis, errors. Hands on: `Site` and its problems.
"""
