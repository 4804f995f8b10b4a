"""Run-chart and SPC analysis: pure numbers, no plotting, no files (see docs/charts.md).

Owns: types (ChartSpec, Observation, ChartAnalysis), limits (centre lines and sigma),
runs (runs, shifts, trends and their limits), mdc (Making Data Count icons) and engine
(analyse: phases, baselines, signals). May import: nothing else from toolkit_builder.
Hands on: `analyse(observations, spec) -> ChartAnalysis` and its JSON form, and
`outside_count` (the points outside their limits, for validation's over-dispersion check).
"""

from toolkit_builder.analysis.engine import analyse, analysis_to_json, outside_count

__all__ = ["analyse", "analysis_to_json", "outside_count"]
