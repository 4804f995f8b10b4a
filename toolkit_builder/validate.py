"""Check raw documents against the schema and build the content model, collecting problems."""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from pathlib import PurePosixPath
from types import MappingProxyType
from typing import Any

from toolkit_builder import items
from toolkit_builder.advice import advise
from toolkit_builder.analysis.types import ChartType, RuleSet
from toolkit_builder.errors import Location, Problem
from toolkit_builder.fields import ID_HINT, ID_PATTERN, FieldChecker
from toolkit_builder.load import RawDoc, SiteFiles
from toolkit_builder.measuredata import CsvParser, parse_measure_csv
from toolkit_builder.model import ChangePackage, Measure, Series, Site, SiteConfig
from toolkit_builder.references import check_references
from toolkit_builder.schema import CHARTS_FOR_SCORING, FILE_TYPES
from toolkit_builder.yamlmarks import Marks

RESERVED_PAGE_IDS = frozenset(
    {
        "toolkits",
        "case-studies",
        "measures",
        "lessons",
        "topics",
        "organisations",
        "settings",
        "events",
        "charts",
        "static",
        "search",
        "api",
        "404",
        "index",
        "sitemap",
        "pagefind",
    }
)
"""First URL segments used by generated pages: a free page may not take them."""

MAX_SUMMARY_WORDS = 80


@dataclass(slots=True)
class Collected:
    """Items and translations gathered while checking documents."""

    config: SiteConfig
    marks: dict[PurePosixPath, Marks] = field(default_factory=dict)
    by_kind: dict[str, list[Any]] = field(default_factory=dict)
    translations: dict[tuple[str, str], dict[str, Mapping[str, object]]] = field(
        default_factory=dict
    )
    problems: list[Problem] = field(default_factory=list)
    case_studies: list[tuple[str, dict[str, Any], RawDoc]] = field(default_factory=list)
    """Case-study values waiting for the measures their series need."""
    broken: dict[str, set[str]] = field(default_factory=dict)
    """Ids of items whose file did not parse, by kind."""


def check_config(doc: RawDoc | None, problems: list[Problem]) -> SiteConfig:
    """Return the site settings from site.yaml, recording problems."""
    if doc is None:
        problems.append(
            Problem(
                Location(PurePosixPath("site.yaml"), 1, 1),
                "site.yaml is missing",
                "every site needs site.yaml with title, base_url and licence",
            )
        )
        return items.site_config({})
    if doc.data is None:
        return items.site_config({})
    checker = FieldChecker(doc.marks)
    values = checker.check_mapping(doc.data, FILE_TYPES["site"].fields)
    problems.extend(checker.problems)
    for key in ("settings", "languages"):
        seen: set[str] = set()
        for index, value in enumerate(values.get(key, [])):
            if not ID_PATTERN.match(value):
                problems.append(
                    Problem(
                        doc.marks.value((key, index)),
                        f"'{value}' is not a valid {key[:-1]} id",
                        ID_HINT,
                    )
                )
            elif value in seen:
                problems.append(
                    Problem(doc.marks.value((key, index)), f"'{value}' is listed twice in {key}")
                )
            seen.add(value)
    statement = values.get("accessibility")
    if statement and not (statement.get("contact") or values.get("contact_email")):
        problems.append(
            Problem(
                doc.marks.key(("accessibility",)),
                "the accessibility statement has no contact",
                "add accessibility.contact or contact_email: people must be able to report "
                "a problem",
            )
        )
    return items.site_config(values)


def collect(files: SiteFiles) -> Collected:
    """Return every item and translation checked against its schema."""
    problems = list(files.problems)
    config = check_config(files.config, problems)
    collected = Collected(config, problems=problems)
    if files.config is not None:
        collected.marks[files.config.path] = files.config.marks
    for doc in files.docs:
        collected.marks[doc.path] = doc.marks
        if doc.data is None:
            collected.broken.setdefault(doc.kind, set()).add(doc.stem)
            continue
        if doc.kind in ("organisations", "topics"):
            _collect_list(doc, collected)
        elif doc.lang is not None:
            _collect_translation(doc, collected)
        else:
            _collect_item(doc, collected, files)
    return collected


def _source(doc: RawDoc) -> Location:
    return Location(doc.path, 1, 1)


def _check_stem(doc: RawDoc, problems: list[Problem]) -> bool:
    if ID_PATTERN.match(doc.stem):
        return True
    problems.append(
        Problem(
            Location(doc.path, 1, 1),
            f"file name '{doc.stem}' is not a valid id",
            "rename the file: " + ID_HINT,
        )
    )
    return False


def _collect_item(doc: RawDoc, collected: Collected, files: SiteFiles) -> None:
    if not _check_stem(doc, collected.problems):
        return
    checker = FieldChecker(doc.marks)
    data = doc.data if doc.data is not None else {}
    values = checker.check_mapping(data, FILE_TYPES[doc.kind].fields)
    collected.problems.extend(checker.problems)
    source = _source(doc)
    kind, stem = doc.kind, doc.stem
    if kind == "toolkits":
        item: Any = items.toolkit(stem, values, doc.body, doc.body_line, source)
        words = len(item.summary.split())
        if words > MAX_SUMMARY_WORDS:
            collected.problems.append(
                Problem(
                    doc.marks.value(("summary",)),
                    f"summary has {words} words; at most {MAX_SUMMARY_WORDS} are allowed",
                    "keep the summary short; put detail in the body",
                )
            )
    elif kind == "change-packages":
        item = items.change_package(stem, values, source)
    elif kind == "measures":
        item = items.measure(stem, values, source)
        _check_measure(item, values, doc.marks, collected.problems)
    elif kind == "case-studies":
        collected.case_studies.append((stem, values, doc))
        return
    elif kind == "events":
        values.setdefault("start", datetime(1970, 1, 1, tzinfo=UTC))
        item = items.event(stem, values, source)
    else:
        if stem in RESERVED_PAGE_IDS:
            collected.problems.append(
                Problem(
                    source,
                    f"page id '{stem}' would take the URL of the generated '{stem}/' section",
                    "rename the page file",
                )
            )
        item = items.page(stem, values, doc.body, doc.body_line, source)
    collected.by_kind.setdefault(kind, []).append(item)


def _check_measure(
    measure: Measure, values: dict[str, Any], marks: Marks, problems: list[Problem]
) -> None:
    if "scoring" in values and "chart" in values:
        suited = CHARTS_FOR_SCORING[measure.scoring]
        if measure.chart not in suited:
            problems.append(
                Problem(
                    marks.value(("chart",)),
                    f"a {measure.chart} chart does not suit scoring '{measure.scoring}'",
                    "use " + " or ".join(suited),
                )
            )
    if measure.scoring in ("proportion", "rate"):
        for name in ("numerator", "denominator"):
            if name not in values:
                problems.append(
                    Problem(
                        marks.value(()),
                        f"missing field '{name}' (required when scoring is {measure.scoring})",
                        f"add '{name}: …' describing what is counted",
                    )
                )
    lowered = measure.title.lower()
    for word in ("increase", "reduce", "reduction", "improve", "decrease"):
        if word in lowered.split():
            problems.append(
                Problem(
                    marks.value(("title",)),
                    f"measure title contains '{word}'",
                    "name what is measured, not the hoped-for change; 'direction' says which way is better",
                )
            )
            break


def _collect_list(doc: RawDoc, collected: Collected) -> None:
    kind = doc.kind
    if not isinstance(doc.data, list):
        collected.problems.append(
            Problem(
                doc.marks.value(()),
                f"{doc.path.name} must be a list of {kind}",
                "start each item with '- id: …'",
            )
        )
        return
    seen: dict[str, int] = {}
    for index, entry in enumerate(doc.data):
        checker = FieldChecker(doc.marks)
        values = checker.check_mapping(entry, FILE_TYPES[kind].fields, (index,))
        collected.problems.extend(checker.problems)
        item_id = values.get("id")
        if item_id in seen:
            collected.problems.append(
                Problem(
                    doc.marks.value((index, "id")),
                    f"duplicate id '{item_id}'",
                    f"already used by item {seen[item_id] + 1}",
                )
            )
            continue
        if item_id:
            seen[item_id] = index
            maker = items.organisation if kind == "organisations" else items.topic
            collected.by_kind.setdefault(kind, []).append(maker(values))


def _collect_translation(doc: RawDoc, collected: Collected) -> None:
    languages = collected.config.languages
    if doc.lang not in languages[1:]:
        hint = "site.yaml lists: " + ", ".join(languages)
        if doc.lang == languages[0]:
            hint = f"'{doc.lang}' is the default language: name the file without it"
        collected.problems.append(
            Problem(
                Location(doc.path, 1, 1),
                f"'{doc.lang}' is not a translation language of this site",
                hint,
            )
        )
        return
    checker = FieldChecker(doc.marks, translation=True)
    values = checker.check_mapping(
        doc.data if doc.data is not None else {}, FILE_TYPES[doc.kind].fields
    )
    collected.problems.extend(checker.problems)
    if doc.body.strip():
        values["body"] = doc.body
    collected.translations.setdefault((doc.kind, doc.stem), {})[doc.lang] = MappingProxyType(values)
    collected.marks[doc.path] = doc.marks


def build_series(
    case_id: str,
    values: dict[str, Any],
    marks: Marks,
    measures: Mapping[str, Measure],
    config: SiteConfig,
    data_files: Mapping[PurePosixPath, str],
    problems: list[Problem],
    parse_csv: CsvParser = parse_measure_csv,
) -> tuple[Series, ...]:
    """Return the parsed series of one case study, recording data problems."""
    result: list[Series] = []
    used: set[str] = set()
    for index, entry in enumerate(values.get("series", ())):
        where = ("series", index)
        measure = measures.get(entry.get("measure", ""))
        data_path = entry.get("data")
        if measure is None and "measure" in entry:
            close = difflib.get_close_matches(entry["measure"], list(measures), n=1, cutoff=0.6)
            hint = f"did you mean '{close[0]}'?" if close else "add it under content/measures/"
            problems.append(
                Problem(
                    marks.value((*where, "measure")), f"unknown measure '{entry['measure']}'", hint
                )
            )
        if measure is None or data_path is None:
            continue
        chart = entry.get("chart", measure.chart)
        if "chart" in entry and chart not in CHARTS_FOR_SCORING[measure.scoring]:
            problems.append(
                Problem(
                    marks.value((*where, "chart")),
                    f"a {chart} chart does not suit measure '{measure.id}' (scoring '{measure.scoring}')",
                    "use " + " or ".join(CHARTS_FOR_SCORING[measure.scoring]),
                )
            )
            continue
        rules = entry.get("rules")
        if rules and not rules_suit(rules, chart):
            problems.append(
                Problem(
                    marks.value((*where, "rules")),
                    f"the {rules} rules do not apply to a {chart} chart",
                    RULES_HINT[rules],
                )
            )
            continue
        text = data_files.get(PurePosixPath(data_path))
        if text is None:
            close = difflib.get_close_matches(data_path, [str(p) for p in data_files], n=1)
            hint = (
                f"did you mean '{close[0]}'?"
                if close
                else "put the CSV under content/data/ and give its path from content/"
            )
            problems.append(
                Problem(
                    marks.value((*where, "data")),
                    f"data file 'content/{data_path}' does not exist",
                    hint,
                )
            )
            continue
        rows, found = parse_csv(text, PurePosixPath("content", data_path), chart)
        problems.extend(found)
        series_id = f"{case_id}-{measure.id}"
        while series_id in used:
            series_id += "-2"
        used.add(series_id)
        baseline = entry.get("baseline", {})
        points = baseline.get("points")
        if points is not None and not found and not 1 <= points <= len(rows):
            problems.append(
                Problem(
                    marks.value((*where, "baseline", "points")),
                    f"baseline of {points} points, but the data has {len(rows)} rows",
                    "use a number from 1 to the number of rows",
                )
            )
        if "points" in baseline and "end" in baseline:
            problems.append(
                Problem(
                    marks.value((*where, "baseline")),
                    "baseline gives both 'points' and 'end'",
                    "use one of them",
                )
            )
        result.append(
            Series(
                id=series_id,
                case_study=case_id,
                measure=measure.id,
                data=data_path,
                chart=chart,
                rules=entry.get("rules") or default_rules(config.chart_rules, chart),
                rows=rows,
                source=marks.value(where),
                baseline_points=baseline.get("points"),
                baseline_end=baseline.get("end"),
                phases=items.phases(entry),
                annotations=items.annotations(entry),
            )
        )
    return tuple(result)


RULES_HINT = {
    "ihi": "the IHI run-chart rules need 'chart: run'",
    "mdc": "Making Data Count rules are for XmR charts: use 'chart: i'",
}


def rules_suit(rules: str, chart: str) -> bool:
    """Return True if a rule set applies to a chart type (ihi: run charts; mdc: i charts)."""
    return {"ihi": chart == "run", "mdc": chart == "i"}.get(rules, True)


def default_rules(site_rules: RuleSet, chart: ChartType) -> RuleSet:
    """Return the site's rule set where it applies to the chart, else anhoej."""
    return site_rules if rules_suit(site_rules, chart) else "anhoej"


def with_translations(item: Any, collected: Collected, kind: str) -> Any:
    """Return the item with its translation files attached."""
    found = collected.translations.pop((kind, item.id), None)
    if not found:
        return item
    if kind == "change-packages":
        _check_translated_ids(item, found, collected)
    return replace(item, translations=MappingProxyType(dict(sorted(found.items()))))


def _check_translated_ids(
    package: ChangePackage, found: dict[str, Mapping[str, object]], collected: Collected
) -> None:
    """Record a problem for each translated list item whose id is not in the original."""
    known = {
        "primary_drivers": {p.id for p in package.primary_drivers},
        "change_ideas": {c.id for c in package.change_ideas},
    }
    secondary = {s.id for p in package.primary_drivers for s in p.secondary_drivers}
    for lang, values in found.items():
        path = package.source.path.with_name(f"{package.id}.{lang}.yaml")
        marks = collected.marks[path]
        for key, ids in known.items():
            for index, entry in enumerate(values.get(key, ())):  # type: ignore[attr-defined]
                _check_item_id(entry, ids, (key, index), marks, collected.problems)
                for sub, child in enumerate(
                    entry.get("secondary_drivers", ()) if key == "primary_drivers" else ()
                ):
                    _check_item_id(
                        child,
                        secondary,
                        (key, index, "secondary_drivers", sub),
                        marks,
                        collected.problems,
                    )


def _check_item_id(
    entry: Mapping[str, object],
    ids: set[str],
    where: tuple[str | int, ...],
    marks: Marks,
    problems: list[Problem],
) -> None:
    item_id = entry.get("id")
    if item_id is None:
        problems.append(
            Problem(
                marks.value(where),
                "a translated list item needs the 'id' of the item it translates",
                "add 'id: …' from the original",
            )
        )
    elif item_id not in ids:
        close = difflib.get_close_matches(str(item_id), sorted(ids), n=1)
        hint = f"did you mean '{close[0]}'?" if close else "use an id from the original file"
        problems.append(
            Problem(marks.value((*where, "id")), f"'{item_id}' is not an id in the original", hint)
        )


def reference_date(site: Site, epoch: int | None) -> date:
    """Return the date 'upcoming' is measured from: SOURCE_DATE_EPOCH, else the newest review date.

    Review and changelog dates say when the content was last touched; case-study
    periods may end in the future, so they do not count.
    """
    if epoch is not None:
        return datetime.fromtimestamp(epoch, UTC).date()
    dates = [t.last_reviewed for t in site.toolkits]
    dates += [e.date for t in site.toolkits for e in t.changelog]
    return max(dates, default=date(1970, 1, 1))


def validate_site(
    files: SiteFiles,
    *,
    include_drafts: bool = False,
    epoch: int | None = None,
    today: date | None = None,
    parse_csv: CsvParser = parse_measure_csv,
) -> tuple[Site, list[Problem]]:
    """Return the content model and every problem (errors and warnings) found in the files."""
    collected = collect(files)
    problems = collected.problems
    config = collected.config
    measures = {m.id: m for m in collected.by_kind.get("measures", [])}
    case_studies = []
    for stem, values, doc in collected.case_studies:
        series = build_series(
            stem, values, doc.marks, measures, config, files.data_files, problems, parse_csv
        )
        case_studies.append(items.case_study(stem, values, series, _source(doc)))
    collected.by_kind["case-studies"] = case_studies
    drafts: dict[str, set[str]] = {}
    chosen: dict[str, tuple[Any, ...]] = {}
    for kind in ("toolkits", "change-packages", "measures", "case-studies", "events", "pages"):
        kept = []
        for item in sorted(collected.by_kind.get(kind, []), key=lambda i: i.id):
            item = with_translations(item, collected, kind)
            if getattr(item, "status", "published") == "draft" and not include_drafts:
                drafts.setdefault(kind, set()).add(item.id)
                continue
            kept.append(item)
        chosen[kind] = tuple(kept)
    for (kind, stem), found in sorted(collected.translations.items()):
        if stem in collected.broken.get(kind, set()):
            continue  # the original exists but could not be read: its problem is reported
        for lang in found:
            path = PurePosixPath(
                "content",
                kind,
                f"{stem}.{lang}{'.md' if kind in ('toolkits', 'pages') else '.yaml'}",
            )
            problems.append(
                Problem(
                    Location(path, 1, 1),
                    f"translation of '{stem}' has no original",
                    f"add content/{kind}/{stem} in the default language, or rename this file",
                )
            )
    site = Site(
        config=config,
        toolkits=chosen["toolkits"],
        change_packages=chosen["change-packages"],
        measures=chosen["measures"],
        case_studies=chosen["case-studies"],
        events=tuple(sorted(chosen["events"], key=lambda e: (e.start, e.id))),
        pages=chosen["pages"],
        organisations=tuple(sorted(collected.by_kind.get("organisations", []), key=lambda o: o.id)),
        topics=tuple(collected.by_kind.get("topics", [])),
        resource_files=MappingProxyType(
            {str(k): v for k, v in sorted(files.resource_files.items())}
        ),
    )
    site = replace(site, today=reference_date(site, epoch))
    problems.extend(check_references(site, collected.marks, drafts, collected.broken))
    failed_files = {p.location.path for p in problems if p.is_error}
    problems.extend(advise(site, today or site.today, failed_files))
    return site, problems
