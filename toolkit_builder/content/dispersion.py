"""Over-dispersion: p and u charts whose limits are too narrow to tell signal from noise.

With very large denominators (tens of thousands of attendances a month) the p and u
charts' limits hug the centre and nearly every point is "outside", though the process
is stable: the periods differ by more than binomial or Poisson chance allows. Laney's
p' and u' charts (pp, up) widen the limits by that between-period variation (Laney 2002).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from toolkit_builder.analysis import outside_count
from toolkit_builder.analysis.types import ChartSpec, ChartType
from toolkit_builder.content.model import DataRow
from toolkit_builder.errors import Location, Problem, Severity

FEWEST_POINTS = 8
"""Judge only series with at least this many counted points."""
LANEY_CHART: dict[str, ChartType] = {"p": "pp", "u": "up"}
"""The Laney chart that suits an over-dispersed p or u chart."""


def dispersion_warning(
    chart: ChartType,
    rows: Sequence[DataRow],
    baseline_points: int | None,
    baseline_end: date | None,
    phase_starts: tuple[date, ...],
    location: Location,
) -> Problem | None:
    """Return a warning when most counted points of a p or u chart fall outside its limits."""
    if chart not in LANEY_CHART:
        return None
    spec = ChartSpec(
        chart, baseline_points=baseline_points, baseline_end=baseline_end, phase_starts=phase_starts
    )
    counted, outside = outside_count([row.observation for row in rows], spec)
    if counted < FEWEST_POINTS or outside * 2 <= counted:
        return None
    laney = LANEY_CHART[chart]
    return Problem(
        location,
        f"{outside} of {counted} points fall outside the {chart} chart's limits: with "
        "denominators this large the limits are too narrow to tell a real change from the "
        "usual variation between periods (over-dispersion)",
        f"use 'chart: {laney}' (Laney {chart}′), whose limits allow for that variation",
        Severity.WARNING,
    )


DispersionCheck = Callable[
    [ChartType, Sequence[DataRow], int | None, date | None, tuple[date, ...], Location],
    Problem | None,
]
"""dispersion_warning, or a memoised version of it (the preview keeps one between builds)."""
DispersionMemory = dict[int, tuple[Sequence[DataRow], tuple[object, ...], Problem | None]]
"""id() of the rows judged -> those rows (kept, so the id stays theirs), the rest of
the question asked, and the answer."""


def memoised_dispersion_check(
    previous: DispersionMemory, current: DispersionMemory
) -> DispersionCheck:
    """Return dispersion_warning reusing results from `previous` (it analyses the series:
    most of what validating an unchanged series costs); results used go to `current`.

    Rows are recognised by identity: the memoised CSV parser (measuredata.py) hands
    back the same rows for the same file, and comparing them by value would cost
    about what the check saves.
    """

    def check(
        chart: ChartType,
        rows: Sequence[DataRow],
        baseline_points: int | None,
        baseline_end: date | None,
        phase_starts: tuple[date, ...],
        location: Location,
    ) -> Problem | None:
        rest = (chart, baseline_points, baseline_end, phase_starts, location)
        for memory in (current, previous):
            known = memory.get(id(rows))
            if known is not None and known[0] is rows and known[1] == rest:
                current[id(rows)] = known
                return known[2]
        found = dispersion_warning(
            chart, rows, baseline_points, baseline_end, phase_starts, location
        )
        current[id(rows)] = (rows, rest, found)
        return found

    return check
