"""Open data: the site's toolkits, case studies, measures and lessons as versioned JSON files,
and the views across services (what works where, measures across services).

Each file is `{"schema_version", "generated_from", "licence", "items"}`; the fields
are documented in docs/open-data.md and described by the JSON Schemas of
reuse/opendataschema.py. Output is deterministic: sorted keys, two-space indent,
UTF-8, a trailing newline.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence

from toolkit_builder.charts.across import known_state
from toolkit_builder.charts.stage import ChartView, analyse_site
from toolkit_builder.content.collaborative import ToolkitAcross, programme_across
from toolkit_builder.content.model import (
    CaseStudy,
    Licence,
    Measure,
    Series,
    Site,
    SiteConfig,
    Toolkit,
)
from toolkit_builder.content.urls import (
    api_path,
    api_schema_path,
    chart_path,
    item_path,
    public_url,
)
from toolkit_builder.reuse.made import MadeFiles
from toolkit_builder.reuse.opendataschema import API_NAMES, SCHEMA_VERSION, schema_for

JsonObject = dict[str, object]


def json_bytes(value: object) -> bytes:
    """Return a value as deterministic JSON: sorted keys, two-space indent, UTF-8, final newline."""
    return (_indented_json(value) + "\n").encode("utf-8")


def _indented_json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True)


def _licence(licence: Licence) -> JsonObject:
    return {"name": licence.name, "url": licence.url or None}


def toolkit_item(toolkit: Toolkit, site: Site, files_url: str = "") -> JsonObject:
    """Return a toolkit's open-data record; bundled files sit at `files_url` (default: base_url)."""
    base = site.config.base_url
    files_url = files_url or base
    package = next((p for p in site.change_packages if p.id == toolkit.change_package), None)
    ideas = package.change_ideas if package else ()
    return {
        "id": toolkit.id,
        "title": toolkit.title,
        "summary": toolkit.summary,
        "url": public_url(base, item_path("toolkit", toolkit.id)),
        "status": toolkit.status,
        "superseded_by": toolkit.superseded_by or None,
        "version": toolkit.version,
        "last_reviewed": toolkit.last_reviewed.isoformat(),
        "topics": list(toolkit.topics),
        "settings": list(toolkit.settings),
        "measures": list(toolkit.measures),
        "aim": package.aim.statement if package else None,
        "change_ideas": [
            {
                "id": idea.id,
                "title": idea.title,
                "url": public_url(base, item_path("change-idea", f"{toolkit.id}/{idea.id}")),
            }
            for idea in ideas
        ],
        "driver_diagram": public_url(base, f"toolkits/{toolkit.id}/driver-diagram.svg"),
        "licence": _licence(toolkit.licence or site.config.licence),
        "resources": [
            {
                "title": r.title,
                "url": public_url(files_url, r.file) if r.file else r.url,
                "bundled": bool(r.file),
                "licence": r.licence or None,
            }
            for r in toolkit.resources
        ],
        "changelog": [
            {"version": e.version, "date": e.date.isoformat(), "note": e.note}
            for e in toolkit.changelog
        ],
    }


def case_study_item(case: CaseStudy, config: SiteConfig) -> JsonObject:
    """Return a case study's open-data record, with the charts and data of each series."""
    base = config.base_url
    return {
        "id": case.id,
        "title": case.title,
        "url": public_url(base, item_path("case-study", case.id)),
        "toolkit": case.toolkit,
        "organisations": list(case.organisations),
        "settings": list(case.settings),
        "period": {"start": case.period.start.isoformat(), "end": case.period.end.isoformat()},
        "aim": case.aim,
        "results": case.results,
        "changes_tested": [
            {"change_idea": c.change_idea, "adaptation": c.adaptation or None}
            for c in case.changes_tested
        ],
        "series": [
            {
                "id": s.id,
                "measure": s.measure,
                "chart": s.chart,
                "csv": public_url(base, chart_path(s.id, "csv")),
                "json": public_url(base, chart_path(s.id, "json")),
                "svg": public_url(base, chart_path(s.id, "svg")),
            }
            for s in case.series
        ],
        "lessons": [f"{case.id}/{lesson.number}" for lesson in case.lessons],
        "contact": case.contact,
    }


def measure_item(measure: Measure, config: SiteConfig) -> JsonObject:
    """Return a measure's open-data record: its whole operational definition."""
    goal = measure.goal
    return {
        "id": measure.id,
        "title": measure.title,
        "url": public_url(config.base_url, item_path("measure", measure.id)),
        "type": measure.type,
        "definition": measure.definition,
        "scoring": measure.scoring,
        "numerator": measure.numerator or None,
        "denominator": measure.denominator or None,
        "multiplier": measure.multiplier,
        "unit": measure.unit or None,
        "direction": measure.direction,
        "chart": measure.chart,
        "data_source": measure.data_source,
        "sampling": measure.sampling or None,
        "frequency": measure.frequency,
        "exclusions": list(measure.exclusions),
        "goal": (
            {"value": goal.value, "by": goal.by.isoformat() if goal.by else None} if goal else None
        ),
    }


def what_works_item(view: ToolkitAcross, config: SiteConfig) -> JsonObject:
    """Return a toolkit's change ideas with every service's decision, as an open-data record."""
    base = config.base_url
    toolkit = view.toolkit
    ideas = []
    for item in view.ideas:
        counts = item.counts()
        ideas.append(
            {
                "id": item.idea.id,
                "title": item.idea.title,
                "url": public_url(base, item_path("change-idea", f"{toolkit.id}/{item.idea.id}")),
                "counts": {
                    "tested": counts.tested,
                    "adopted": counts.adopted,
                    "adapted": counts.adapted,
                    "abandoned": counts.abandoned,
                    "undecided": counts.undecided,
                },
                "decisions": [
                    {
                        "case_study": d.case_study,
                        "decision": d.decision or None,
                        "cycles": d.cycles,
                        "latest_cycle_start": d.latest_start.isoformat()
                        if d.latest_start
                        else None,
                    }
                    for d in sorted(item.services, key=lambda d: d.case_study)
                ],
            }
        )
    return {
        "id": toolkit.id,
        "title": toolkit.title,
        "url": public_url(base, item_path("toolkit-what-works", toolkit.id)),
        "toolkit_url": public_url(base, item_path("toolkit", toolkit.id)),
        "services": [
            {
                "case_study": c.id,
                "title": c.title,
                "url": public_url(base, item_path("case-study", c.id)),
                "organisations": list(c.organisations),
                "settings": list(c.settings),
            }
            for c in sorted(view.services, key=lambda c: c.id)
        ],
        "change_ideas": ideas,
    }


def measure_services_item(
    measure: Measure,
    pairs: Sequence[tuple[CaseStudy, Series]],
    config: SiteConfig,
    views: Mapping[str, ChartView],
) -> JsonObject | None:
    """Return a measure's latest state at every service that reports it (`pairs`: each case
    study and its series of the measure), or None if none does."""
    base = config.base_url
    services = []
    for case, series in sorted(pairs, key=lambda pair: pair[1].id):
        state = known_state(views[series.id])
        services.append(
            {
                "case_study": case.id,
                "case_study_url": public_url(base, item_path("case-study", case.id)),
                "series": series.id,
                "organisations": list(case.organisations),
                "settings": list(case.settings),
                "points": state.points,
                "latest_period": state.period.isoformat() if state.period else None,
                "latest_value": state.value,
                "variation": state.variation,
                "side": None if state.high is None else ("high" if state.high else "low"),
                "assurance": state.assurance,
                "status": state.status,
                "csv": public_url(base, chart_path(series.id, "csv")),
                "svg": public_url(base, chart_path(series.id, "svg")),
            }
        )
    if not services:
        return None
    return {
        "id": measure.id,
        "title": measure.title,
        "url": public_url(base, item_path("measure-services", measure.id)),
        "measure_url": public_url(base, item_path("measure", measure.id)),
        "direction": measure.direction,
        "goal": measure.goal.value if measure.goal else None,
        "services": services,
    }


def lesson_items(case: CaseStudy, config: SiteConfig) -> list[JsonObject]:
    """Return the open-data records of a case study's lessons."""
    base = config.base_url
    return [
        {
            "id": f"{case.id}/{lesson.number}",
            "url": public_url(base, item_path("lesson", f"{case.id}/{lesson.number}")),
            "category": lesson.category,
            "statement": lesson.statement,
            "try_this": lesson.try_this or None,
            "case_study": case.id,
            "case_study_url": public_url(base, item_path("case-study", case.id)),
            "settings": list(case.settings),
        }
        for lesson in case.lessons
    ]


def api_items(
    site: Site, files_url: str = "", views: Mapping[str, ChartView] | None = None
) -> dict[str, list[JsonObject]]:
    """Return the records of every open-data file, by file name, in id order.

    `views` are the site's chart views (the build's, in the site's language); without
    them the series are analysed here.
    """
    config = site.config
    cases = sorted(site.case_studies, key=lambda c: c.id)
    toolkits = sorted(site.toolkits, key=lambda t: t.id)
    measures = sorted(site.measures, key=lambda m: m.id)
    views = views if views is not None else analyse_site(site, lang=config.languages[0])
    pairs: dict[str, list[tuple[CaseStudy, Series]]] = {}
    for case in site.case_studies:
        for series in case.series:
            pairs.setdefault(series.measure, []).append((case, series))
    across = [measure_services_item(m, pairs.get(m.id, []), config, views) for m in measures]
    return {
        "toolkits": [toolkit_item(t, site, files_url) for t in toolkits],
        "case-studies": [case_study_item(c, config) for c in cases],
        "measures": [measure_item(m, config) for m in measures],
        # Lessons in case-study order, then as numbered in their case study.
        "lessons": [record for c in cases for record in lesson_items(c, config)],
        "what-works": [
            what_works_item(v, config)
            for v in sorted(programme_across(site), key=lambda v: v.toolkit.id)
        ],
        "measures-across-services": [record for record in across if record is not None],
    }


def api_document(config: SiteConfig, items: list[JsonObject]) -> JsonObject:
    """Return one open-data file: schema version, site, licence and records."""
    return {
        "schema_version": SCHEMA_VERSION,
        "generated_from": config.title,
        "licence": _licence(config.licence),
        "items": items,
    }


def document_bytes(config: SiteConfig, items: list[JsonObject], made: MadeFiles) -> bytes:
    """Return `json_bytes(api_document(config, items))`, each record's text kept by `made`.

    A record's indented text is the same wherever it sits, shifted by its depth (JSON
    strings hold no raw line breaks), so it is made once and found again by its compact
    JSON, which the C encoder writes about ten times faster than the indented form.
    """
    if not made.keeps_texts:  # no later build reuses the records' texts: write it at once
        return json_bytes(api_document(config, items))
    head = _indented_json(api_document(config, []))
    if not items:
        return (head + "\n").encode("utf-8")

    def indented(item: JsonObject) -> str:
        return _indented_json(item).replace("\n", "\n" + _RECORD_INDENT)

    records = [
        made.text(json.dumps(item, ensure_ascii=False, sort_keys=True), lambda i=item: indented(i))
        for item in items
    ]
    body = f"\n{_ITEMS}[\n{_RECORD_INDENT}" + f",\n{_RECORD_INDENT}".join(records) + "\n  ]"
    return (head.replace(f"\n{_ITEMS}[]", body, 1) + "\n").encode("utf-8")


_ITEMS = '  "items": '
"""How the records' key opens in a document (json_bytes: two-space indent)."""
_RECORD_INDENT = " " * 4
"""The indent of each record in a document's list (depth 2)."""


def opendata_files(
    site: Site,
    files_url: str = "",
    views: Mapping[str, ChartView] | None = None,
    made: MadeFiles | None = None,
) -> dict[str, bytes]:
    """Return every open-data file and its JSON Schema, by output path.

    A language's files (`cy/api/`) link that language's pages, and the bundled files
    that every language shares at `files_url`; `views` are its chart views. With
    `made` from the last build (the preview), records' texts are reused.
    """
    items: Mapping[str, list[JsonObject]] = api_items(site, files_url, views)
    made = MadeFiles() if made is None else made
    files: dict[str, bytes] = {}
    for name in API_NAMES:
        files[api_path(name)] = document_bytes(site.config, items[name], made)
        files[api_schema_path(name)] = json_bytes(schema_for(name))
    return files
