"""A phase change is a signal only when the earlier phase's frozen baseline shows one."""

from __future__ import annotations

from datetime import date

from toolkit_builder.analysis import analyse
from toolkit_builder.analysis.types import ChartSpec, Observation

BEFORE = [10.0, 12, 9, 11, 12, 8, 11, 10, 12, 9, 11, 10]


def months(count: int) -> list[date]:
    return [date(2024 + i // 12, i % 12 + 1, 1) for i in range(count)]


def changes(values: list[float], start: int, **spec: object) -> tuple[object, ...]:
    periods = months(len(values))
    chart = ChartSpec(chart="i", phase_starts=(periods[start],), **spec)  # type: ignore[arg-type]
    observations = [Observation(d, v) for d, v in zip(periods, values, strict=True)]
    return analyse(observations, chart).changes


def test_a_sustained_shift_is_supported_from_its_first_flagged_point() -> None:
    (change,) = changes([*BEFORE, 14, 15, 13, 14, 16, 14, 15, 13, 14, 15, 14, 16], 12)
    assert change.phase == 2 and change.supported
    assert round(change.before, 2) == 10.42 and round(change.after, 2) == 14.42
    assert change.signal_index == 13  # the run above the frozen mean starts at the phase


def test_a_small_move_within_the_old_limits_is_not_supported() -> None:
    (change,) = changes([*BEFORE, 11, 10, 12, 9, 12, 11, 10, 13, 11, 10, 12, 11], 12)
    assert change.after > change.before and not change.supported
    assert change.signal_index is None


def test_a_signal_on_the_other_side_does_not_support_the_change() -> None:
    # the mean rises, but the only flagged point is far below the old lower limit
    values = [*BEFORE, 11, 12, 11, 12, 11, 12, 1, 13, 12, 12, 13, 12]
    (change,) = changes(values, 12)
    assert change.after > change.before and not change.supported


def test_a_frozen_first_phase_baseline_is_kept() -> None:
    # the first six points set the baseline; the rest of phase 1 is already higher
    values = [10.0, 11, 9, 10, 11, 9, 20, 21, 19, 20, 21, 19, 20, 21, 19, 20, 21, 19]
    with_base = changes(values, 12, baseline_points=6)
    assert with_base[0].before is not None and round(with_base[0].before, 1) == 10.0
    assert with_base[0].supported


def test_a_single_phase_has_no_changes() -> None:
    periods = months(12)
    analysis = analyse(
        [Observation(d, v) for d, v in zip(periods, BEFORE, strict=True)], ChartSpec(chart="i")
    )
    assert analysis.changes == ()
