"""Golden readings of rare-event charts: a g chart improving and a t chart (whole text).

A ward team reads "higher" as "worse" out of habit; on g and t charts a higher point is a
longer gap between harms. These readings must say what a point is and which way the gaps
are going before calling a signal an improvement or a deterioration.
"""

from __future__ import annotations

from datetime import date, timedelta

from toolkit_builder.analysis import analyse
from toolkit_builder.analysis.types import ChartSpec, Observation
from toolkit_builder.charts.labels import ChartLabels
from toolkit_builder.charts.reading import read_chart, status_label


def events(gaps: list[float], start: date = date(2024, 1, 10)) -> list[Observation]:
    """Return one observation per event, dated `gap` days after the one before."""
    found, day = [], start
    for gap in gaps:
        day += timedelta(days=gap)
        found.append(Observation(day, gap))
    return found


def labels(lang: str = "en") -> ChartLabels:
    return ChartLabels(
        "c", "Days between falls", unit="days", direction="increase", frequency="event", lang=lang
    )


# Twelve short gaps (median of all 24: (15 + 22) / 2 = 18.5), then twelve long ones: a run of
# 12 above the median (limit round(log2 24) + 3 = 8), still going on at the last event.
G_GAPS = [9, 14, 6, 11, 8, 15, 7, 12, 10, 5, 13, 9, 25, 31, 22, 40, 28, 35, 30, 27, 44, 33, 29, 38]


def test_g_chart_improving_reads_as_longer_gaps() -> None:
    analysis = analyse(events(G_GAPS), ChartSpec("g", direction="increase"))
    assert read_chart(analysis, labels()) == (
        "The latest value is 38 days (25 May 2025); the median is 18.5 days. "
        "Each point is one event; its value is the days since the event before, so a higher "
        "point means a longer gap between events. "
        "The gaps between events are getting longer, so the events are becoming rarer: a "
        "signal of improvement. "
        "From 2 June 2024, 12 points in a row were above the median: a signal of improvement."
    )
    assert status_label(analysis, labels()) == "Improving"


def test_g_chart_improving_in_welsh() -> None:
    analysis = analyse(events(G_GAPS), ChartSpec("g", direction="increase"))
    text = read_chart(analysis, labels("cy"))
    assert "Mae'r bylchau rhwng digwyddiadau'n mynd yn hirach" in text
    assert "arwydd o welliant" in text and "gaps" not in text


# Fourteen gaps of 31 to 52 days, then eight of 7 to 15: the transformed mean
# (t ** (1/3.6)) gives a centre line of 26.2 days and a lower limit of 11.2 days, so the
# 7-, 8-, 9-, 10- and 11-day gaps (and the 52-day one, above 51.9) are outside; and 14
# points in a row are above the centre line.
T_GAPS = [40, 33, 52, 41, 45, 38, 36, 49, 35, 42, 31, 47, 39, 44, 12, 9, 15, 8, 11, 13, 7, 10]


def test_t_chart_reads_shorter_gaps_as_a_deterioration() -> None:
    analysis = analyse(events(T_GAPS), ChartSpec("t", direction="increase"))
    assert read_chart(analysis, labels()) == (
        "The latest value is 10 days (28 October 2025); the centre line is 26.2 days. "
        "Each point is one event; its value is the days since the event before, so a higher "
        "point means a longer gap between events. "
        "The gaps between events are getting shorter, so the events are happening more "
        "often: a signal of deterioration. "
        "6 points were outside the control limits, most recently 28 October 2025 (10 days, "
        "below the lower limit): a signal of deterioration."
    )
    assert status_label(analysis, labels()) == "Deteriorating"


def test_mr_chart_says_what_a_point_is_and_names_no_better_direction() -> None:
    values = [10.0, 12, 11, 13, 12, 30, 11, 12, 10, 11, 12, 11, 13]
    analysis = analyse(
        [Observation(date(2025, 1, 6) + timedelta(weeks=i), v) for i, v in enumerate(values)],
        ChartSpec("mr"),
    )
    mr_labels = ChartLabels("c", "Falls", unit="", direction="neutral", frequency="weekly")
    text = read_chart(analysis, mr_labels)
    assert "Each point is a moving range: how far a value moved from the one before it" in text
    assert "improvement" not in text and "deterioration" not in text
