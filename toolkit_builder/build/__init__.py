"""The build: the pipeline stages in order, and a build into the output folder.

Owns: options (BuildOptions, BuildResult: light, for the command line), pipeline
(the stages in memory: check_site, render_output, build_in_memory), chartstage (the
charts analysed, their drawing started early in worker processes), incremental
(`build`: the cache checked, the pipeline run when something changed, the output
written), collector (how often Python's cycle collector runs during that build).
May import: every stage (content, language, charts, pages, reuse), cache, write,
errors, progress.
Hands on: the output folder and a BuildResult.

The pipeline's names are imported on first use, not with this package: they bring
matplotlib, Jinja and openpyxl, which a build with nothing changed never needs.
"""

from __future__ import annotations

from importlib import import_module

from toolkit_builder.build.incremental import build
from toolkit_builder.build.options import BuildOptions, BuildResult, source_date_epoch

PIPELINE_NAMES = frozenset(
    {
        "analyse_site_charts",
        "build_in_memory",
        "check_site",
        "localised_sites",
        "render_output",
        "template_problem",
    }
)

__all__ = ["BuildOptions", "BuildResult", "build", "source_date_epoch", *sorted(PIPELINE_NAMES)]


def __getattr__(name: str) -> object:
    """Return a pipeline stage by name, importing the pipeline the first time one is asked."""
    if name in PIPELINE_NAMES:
        return getattr(import_module("toolkit_builder.build.pipeline"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
