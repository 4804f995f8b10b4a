"""Warnings about content that builds but may mislead or go stale."""

from __future__ import annotations

import re
from collections.abc import Collection
from datetime import date
from pathlib import PurePosixPath

from toolkit_builder.content.model import CaseStudy, Site
from toolkit_builder.errors import Location, Problem, Severity

REVIEW_MONTHS = 24
MIN_SERIES_POINTS = 12
MONTH_WORDS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
]
YEAR = re.compile(r"\b(19|20)\d\d\b")
NUMBER = re.compile(r"\d")


def _warn(location: Location, message: str, hint: str = "") -> Problem:
    return Problem(location, message, hint, Severity.WARNING)


def months_between(earlier: date, later: date) -> int:
    """Return the number of whole months from `earlier` to `later`."""
    months = (later.year - earlier.year) * 12 + later.month - earlier.month
    return months - 1 if later.day < earlier.day else months


def aim_gaps(statement: str) -> list[str]:
    """Return what an aim statement lacks: 'number' (how much), 'date' (by when)."""
    words = set(re.findall(r"[a-z]+", statement.lower()))
    gaps = []
    has_date = bool(YEAR.search(statement)) or bool(words & set(MONTH_WORDS))
    without_years = YEAR.sub("", statement)
    if not NUMBER.search(without_years):
        gaps.append("number")
    if not has_date:
        gaps.append("date")
    return gaps


CaseAdvice = list[tuple[PurePosixPath | None, Problem]]
"""Warnings about one case study, each with the data file it is about (None: the case study)."""

AdviceMemory = dict[str, tuple[CaseStudy, CaseAdvice]]
"""Each case study's advice by its id, with the case study it was given for."""


def case_advice(case: CaseStudy) -> CaseAdvice:
    """Return the warnings about a case study: a vague aim, series too short for limits."""
    found: CaseAdvice = []
    gaps = aim_gaps(case.aim)
    if gaps:
        found.append(
            (
                None,
                _warn(
                    case.source,
                    f"the aim of case study '{case.id}' has no {' and no '.join(gaps)}",
                    "say how much, by when",
                ),
            )
        )
    for series in case.series:
        points = sum(
            1 for r in series.rows if r.observation.value is not None and not r.observation.excluded
        )
        if points < MIN_SERIES_POINTS:
            warning = _warn(
                series.source,
                f"series '{series.id}' has {points} points",
                f"with fewer than {MIN_SERIES_POINTS} points, limits and signals are provisional",
            )
            found.append((PurePosixPath("content", series.data), warning))
    return found


def advise(
    site: Site,
    today: date,
    failed_files: Collection[PurePosixPath] = (),
    advice: AdviceMemory | None = None,
    advice_now: AdviceMemory | None = None,
) -> list[Problem]:
    """Return warnings: stale reviews, incomplete measure families, short series, vague aims.

    Files that already have errors get no warnings that those errors would cause.
    With `advice` (the preview's, from the last build), a case study that is the same
    object as then is not advised again; `advice_now` receives this build's.
    """
    warnings: list[Problem] = []
    measure_types = {m.id: m.type for m in site.measures}
    for toolkit in site.toolkits:
        age = months_between(toolkit.last_reviewed, today)
        if age > REVIEW_MONTHS:
            warnings.append(
                _warn(
                    toolkit.source,
                    f"toolkit '{toolkit.id}' was last reviewed {age} months ago",
                    f"review it and update 'last_reviewed' (older than {REVIEW_MONTHS} months)",
                )
            )
        unknown = any(m not in measure_types for m in toolkit.measures)
        if toolkit.source.path in failed_files or not toolkit.measures or unknown:
            continue
        types = {measure_types.get(m) for m in toolkit.measures}
        missing = [t for t in ("outcome", "process", "balancing") if t not in types]
        if missing:
            warnings.append(
                _warn(
                    toolkit.source,
                    f"toolkit '{toolkit.id}' has no {' or '.join(missing)} measure",
                    "a family of measures has at least one outcome, one process and one balancing measure",
                )
            )
    for package in site.change_packages:
        gaps = aim_gaps(package.aim.statement)
        if gaps:
            warnings.append(
                _warn(
                    package.source,
                    f"the aim of '{package.id}' has no {' and no '.join(gaps)}",
                    "a good aim says how much, by when: 'By March 2027, reduce … by 30%'",
                )
            )
    for case in site.case_studies:
        kept = advice.get(case.id) if advice is not None else None
        found = kept[1] if kept is not None and kept[0] is case else case_advice(case)
        if advice_now is not None:
            advice_now[case.id] = (case, found)
        warnings.extend(w for data, w in found if data is None or data not in failed_files)
    return warnings
