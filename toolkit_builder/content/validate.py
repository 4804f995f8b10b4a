"""Check raw documents against the schema and build the content model, collecting problems."""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from pathlib import PurePosixPath
from types import MappingProxyType
from typing import Any

from toolkit_builder.content import items
from toolkit_builder.content.advice import advise
from toolkit_builder.content.dispersion import DispersionCheck, dispersion_warning
from toolkit_builder.content.fields import ID_HINT, ID_PATTERN, FieldChecker
from toolkit_builder.content.itemcheck import ItemCheck, check_item, item_source
from toolkit_builder.content.load import RawDoc, SiteFiles
from toolkit_builder.content.measuredata import CsvParser, parse_measure_csv
from toolkit_builder.content.model import ChangePackage, Site, SiteConfig
from toolkit_builder.content.references import check_references
from toolkit_builder.content.schema import FILE_TYPES
from toolkit_builder.content.series import (
    CaseMemories,
    build_series,
    case_inputs,
    same_case_inputs,
)
from toolkit_builder.content.sharedtranslations import (
    SHARED_KINDS,
    SharedTexts,
    shared_translation,
    unknown_keys,
)
from toolkit_builder.content.workbook import with_workbooks
from toolkit_builder.content.yamlmarks import Marks
from toolkit_builder.errors import Location, Problem


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
    shared: dict[str, SharedTexts] = field(default_factory=dict)
    """Language -> translated texts of site.yaml, topics and organisations (by key)."""
    shared_places: dict[str, Location] = field(default_factory=dict)
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
            if not ID_PATTERN.fullmatch(value):
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


def collect(files: SiteFiles, check: ItemCheck = check_item) -> Collected:
    """Return every item and translation checked against its schema (items by `check`)."""
    problems = list(files.problems)
    config = check_config(files.config, problems)
    collected = Collected(config, problems=problems)
    if files.config is not None:
        collected.marks[files.config.path] = files.config.marks
        if files.config.data is None:  # reported where it failed; nothing depends on it
            collected.broken["site"] = {"site"}
    for doc in files.docs:
        collected.marks[doc.path] = doc.marks
        if doc.data is None:
            collected.broken.setdefault(doc.kind, set()).add(doc.stem)
            continue
        if doc.lang is not None and doc.kind in SHARED_KINDS:
            texts, places, found = shared_translation(doc, config.languages)
            collected.shared.setdefault(doc.lang, {}).update(texts)
            collected.shared_places.update(places)
            problems.extend(found)
        elif doc.kind in ("organisations", "topics"):
            _collect_list(doc, collected)
        elif doc.lang is not None:
            _collect_translation(doc, collected)
        else:
            checked = check(doc)
            collected.problems.extend(checked.problems)
            if checked.values is not None:
                collected.case_studies.append((doc.stem, checked.values, doc))
            elif checked.item is not None:
                collected.by_kind.setdefault(doc.kind, []).append(checked.item)
    return collected


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
    if doc.lang not in languages[1:] and "site" in collected.broken:
        return  # site.yaml did not parse: its languages are unknown, not wrong
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
    check_dispersion: DispersionCheck = dispersion_warning,
    check: ItemCheck = check_item,
    cases_before: CaseMemories | None = None,
    cases_now: CaseMemories | None = None,
) -> tuple[Site, list[Problem]]:
    """Return the content model and every problem (errors and warnings) found in the files.

    With `cases_before` (the last build's case studies, in the preview), a case study whose
    inputs did not change is not made or advised again; `cases_now` receives this build's.
    """
    collected = collect(files, check)
    problems = collected.problems
    config = collected.config
    measures = {m.id: m for m in collected.by_kind.get("measures", [])}
    data_files, parse_csv, found = with_workbooks(files.data_files, files.workbook_files, parse_csv)
    problems.extend(found)
    case_studies = []
    # what a case study is made from is gathered only when it is remembered (the preview)
    by_name = (
        {str(path): text for path, text in data_files.items()} if cases_now is not None else {}
    )

    def data_text(name: str) -> str | None:
        text = by_name.get(name)  # as written, most often; else as a path (`data//x.csv`)
        return text if text is not None else data_files.get(PurePosixPath(name))

    for stem, values, doc in collected.case_studies:
        inputs = (
            case_inputs(doc, values, measures, config, data_text) if cases_now is not None else None
        )
        before = cases_before.cases.get(stem) if cases_before is not None else None
        if inputs is not None and before is not None and same_case_inputs(before[0], inputs):
            case, made = before[1], before[2]
            problems.extend(made)
        else:
            start = len(problems)
            series = build_series(
                stem, values, doc.marks, measures, config, data_files, problems, parse_csv,
                check_dispersion,
            )  # fmt: skip
            case = items.case_study(stem, values, series, item_source(doc))
            made = tuple(problems[start:])
        if cases_now is not None and inputs is not None:
            cases_now.cases[stem] = (inputs, case, made)
        case_studies.append(case)
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
        shared_translations=MappingProxyType(collected.shared),
    )
    named = {f"topics/{t.id}" for t in site.topics} | {
        f"organisations/{o.id}" for o in site.organisations
    }
    problems.extend(unknown_keys(collected.shared_places, named))
    site = replace(site, today=reference_date(site, epoch))
    problems.extend(check_references(site, collected.marks, drafts, collected.broken))
    failed_files = {p.location.path for p in problems if p.is_error}
    advice = cases_before.advice if cases_before is not None else None
    advice_now = cases_now.advice if cases_now is not None else None
    problems.extend(advise(site, today or site.today, failed_files, advice, advice_now))
    return site, problems
