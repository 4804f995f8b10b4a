"""What the preview server keeps between builds, to redo only the work a change needs."""

from __future__ import annotations

from dataclasses import dataclass, field

from jinja2 import Environment

from toolkit_builder.charts.stage import ViewMemory
from toolkit_builder.content.dispersion import DispersionMemory
from toolkit_builder.content.itemcheck import ItemMemory
from toolkit_builder.content.load import ParseMemory
from toolkit_builder.content.measuredata import CsvMemory
from toolkit_builder.content.placeholders import PlaceholderMemory
from toolkit_builder.content.series import CaseMemories
from toolkit_builder.content.textmemory import TextMemory
from toolkit_builder.pages.changes import RenderMemo
from toolkit_builder.pages.search import SearchIndexer
from toolkit_builder.reuse.made import MadeMemory


@dataclass(slots=True)
class BuildCache:
    """Results of the previous build, reused only where their inputs are equal."""

    in_process: bool = True
    """Keep what only a later build in this process can reuse: parsed files, checks,
    analysed series, bundles by their inputs and open data's texts (the preview). The
    command line keeps only what goes to disk (cache/persist.py), so at N = 4000 it does
    not hold a few hundred MB that no build would read."""

    texts: TextMemory = field(default_factory=dict)
    """File texts by path, with the status they were read at (content/textmemory.py)."""
    parsed: ParseMemory = field(default_factory=dict)
    """Parsed YAML by (text, path, line offset)."""
    items: ItemMemory = field(default_factory=dict)
    """What checking each item file gave, with the document it was checked from."""
    data: CsvMemory = field(default_factory=dict)
    """Parsed CSV by (text, path, chart type)."""
    placeholders: PlaceholderMemory = field(default_factory=dict)
    """Placeholder warnings of each content file, with what they were found in."""
    cases: CaseMemories = field(default_factory=CaseMemories)
    """Case studies (with their series), their problems and advice, by what they were made from."""
    dispersion: DispersionMemory = field(default_factory=dict)
    """Over-dispersion warnings by the series, baseline and phases they judged."""
    views: dict[str, ViewMemory] = field(default_factory=dict)
    """Chart analyses of each language by series id, with the series and measure they came from."""
    svgs: dict[str, bytes] = field(default_factory=dict)
    """Drawn charts by cache key (the preview)."""
    stored_svgs: dict[str, str] = field(default_factory=dict)
    """Drawn charts by cache key: their digests in the command line's store, which its
    drawing processes write (charts/batch.py `Keep`)."""
    made: MadeMemory = field(default_factory=MadeMemory)
    """Workbooks, office documents and bundles by a digest of what they are made from,
    and (in memory only) bundles by their inputs and open data's texts (reuse/made.py)."""
    environment: Environment | None = None
    """The Jinja environment (it reloads templates whose files changed)."""
    memo: RenderMemo = field(default_factory=RenderMemo)
    """Rendered pages and their dependency keys."""
    search: SearchIndexer = field(default_factory=SearchIndexer)
    """The search indexer, with its last index (reused when no page changed)."""
