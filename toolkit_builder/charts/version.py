"""What decides a drawn chart's bytes besides its analysis and labels (part of its cache key).

Kept apart from charts/draw.py so that computing a cache key does not import matplotlib:
a build whose charts all come from the cache never loads it.
"""

from __future__ import annotations

from importlib.metadata import version

DRAWING_VERSION = "7"
"""Bump when the drawing changes, so cached charts are drawn again."""
MATPLOTLIB_VERSION = version("matplotlib")
"""The installed matplotlib's version: a new one may draw the same chart differently."""
