"""Texts of a new content repository (`toolkit-builder init`): a small site that builds."""

from __future__ import annotations

import json
from datetime import date
from pathlib import PurePosixPath

from toolkit_builder.authoring import casestudyskeleton, skeletons
from toolkit_builder.authoring.jsonschema_out import all_schemas, editor_settings, schema_text
from toolkit_builder.authoring.skeletons import SiteRefs, quoted

TOPIC = "first-topic"
ORGANISATION = "first-organisation"
MEASURE = "first-measure"
CHANGE_PACKAGE = "first-change-package"
TOOLKIT = "first-toolkit"
CASE_STUDY = "first-case-study"
SETTINGS = ("acute", "community", "primary-care")
SCHEMA_DIR = "schemas"

SITE_YAML = f"""\
# Settings of the whole site. Replace each text that starts with 'Replace:'.
# Name of the programme, shown in every page header.
title: {quoted("Replace: name of the programme")}
# One sentence about the programme for the home page and search engines.
description: {quoted("Replace: who takes part and what they improve together.")}
# Public address of the site; it may include a subpath.
base_url: https://example.org/replace-me/
# Language codes; the first is the default. Add e.g. cy to publish Welsh translations.
languages: [en]
# Default licence of all content.
licence:
  name: Creative Commons Attribution 4.0 International (CC BY 4.0)
  url: https://creativecommons.org/licenses/by/4.0/
# Programme mailbox shown in the footer.
contact_email: improvement@example.org
# Care settings that toolkits and case studies may name.
settings: [{", ".join(SETTINGS)}]
# Rules that find signals in charts: anhoej, ihi or mdc.
chart_rules: anhoej
allow_raw_html: false
"""

TOPICS_YAML = f"""\
# Topics group toolkits. Each needs an id, a title and a one-sentence summary.
- id: {TOPIC}
  title: {quoted("Replace: name of the topic")}
  summary: {quoted("Replace: one sentence about the topic.")}
"""

ORGANISATIONS_YAML = f"""\
# Organisations that write case studies: id, name and type; region and url are optional.
- id: {ORGANISATION}
  name: {quoted("Replace: name of the organisation")}
  type: {quoted("Replace: kind of organisation, e.g. Health board")}
"""

ABOUT_MD = """\
---
title: About the programme
summary: "Replace: who we are and how the collaborative works."
---
Replace: what the programme is for, who takes part, and how to join.
"""

ACCESSIBILITY_MD = """\
---
title: Accessibility statement
summary: How accessible this website is, how to report a problem, and how we test it.
---
Replace: the programme's name and contact details in this statement, and review it
every year.

We want as many people as possible to be able to use this website. You should be
able to change colours and fonts, zoom in up to 400%, use the whole site with a
keyboard or a screen reader, and read every chart as text: each has a written
summary, a data table and a CSV download.

## How accessible this website is

We aim to meet the Web Content Accessibility Guidelines (WCAG) version 2.2 at
level AA. Known limitations: Replace: list any, e.g. downloads from other
organisations that may not be fully accessible.

## Feedback and contact information

If you find a problem, or need information in a different format, email
improvement@example.org. Replace: how soon you will reply.

## Enforcement procedure

If you are not happy with how we respond to your complaint, contact the
regulator for accessibility in your country.
"""

GITIGNORE = """\
# Built site and chart cache: made again by every build.
output/
.cache/
"""

README_MD = f"""\
# Replace: name of the programme

The content of the programme's website, built with toolkit-builder: toolkits,
change packages, measures, case studies with their data, events and pages.

## Build, check and preview

With toolkit-builder installed (it needs Python 3.11 or newer):

```sh
toolkit-builder check .   # list every mistake in the content, with file:line:column
toolkit-builder build .   # build the site into output/ (open output/index.html)
toolkit-builder serve .   # preview at http://127.0.0.1:8000/, reloads on every save
```

The preview shows drafts (`status: draft`); a build leaves them out.

## Add content

```sh
toolkit-builder new toolkit ID        # content/toolkits/ID.md
toolkit-builder new change-package ID # content/change-packages/ID.yaml
toolkit-builder new measure ID        # content/measures/ID.yaml
toolkit-builder new case-study ID     # content/case-studies/ID.yaml and its data CSV
toolkit-builder new event ID          # content/events/ID.yaml
```

Ids use lowercase letters, digits and single hyphens, e.g. `falls-at-night`. Each
new file is a draft with placeholders that start with `Replace:`.

## Editor support

`{SCHEMA_DIR}/` holds a JSON Schema for every kind of file and `.vscode/settings.json`
links them to the files: with the YAML extension by Red Hat, VS Code completes field
names and flags mistakes as you type. After upgrading toolkit-builder, refresh them
with `toolkit-builder schema --out {SCHEMA_DIR}`.

## Publishing

Build on every merge to the main branch and publish `output/`; check every pull
request with `toolkit-builder check`. See the publishing guide of toolkit-builder
(docs/publishing.md) for a sample CI workflow.
"""


def starter_refs() -> SiteRefs:
    """Return the ids the starter's toolkit and case study name (all defined in the starter)."""
    return SiteRefs(
        toolkit=TOOLKIT,
        change_package=CHANGE_PACKAGE,
        change_idea=skeletons.FIRST_CHANGE_IDEA,
        toolkit_measures=(MEASURE,),
        series=skeletons.MeasureRef(
            MEASURE,
            skeletons.NEW_MEASURE.chart,
            skeletons.NEW_MEASURE.counts,
            skeletons.NEW_MEASURE.frequency,
        ),
        organisation=ORGANISATION,
        topic=TOPIC,
        setting=SETTINGS[0],
    )


def starter_site(today: date) -> dict[PurePosixPath, str]:
    """Return every file of a new site by path: settings, one item of each kind, docs."""
    refs = starter_refs()
    files = {
        PurePosixPath("site.yaml"): SITE_YAML,
        PurePosixPath("README.md"): README_MD,
        PurePosixPath(".gitignore"): GITIGNORE,
        PurePosixPath("content/topics.yaml"): TOPICS_YAML,
        PurePosixPath("content/organisations.yaml"): ORGANISATIONS_YAML,
        PurePosixPath("content/pages/about.md"): ABOUT_MD,
        PurePosixPath("content/pages/accessibility.md"): ACCESSIBILITY_MD,
        PurePosixPath(".vscode/settings.json"): json.dumps(editor_settings(SCHEMA_DIR), indent=2)
        + "\n",
    }
    for name, schema in all_schemas().items():
        files[PurePosixPath(SCHEMA_DIR, name)] = schema_text(schema)
    for skeleton in (
        skeletons.measure(MEASURE, draft=False),
        skeletons.change_package(CHANGE_PACKAGE, today),
        skeletons.toolkit(TOOLKIT, refs, today, draft=False),
        casestudyskeleton.case_study(CASE_STUDY, refs, today, draft=False),
    ):
        files.update(skeleton.files)
    return dict(sorted(files.items()))
