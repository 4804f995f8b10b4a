"""A build loads the heavy libraries only for the work that needs them.

matplotlib (charts), openpyxl (workbooks) and the office-document libraries
(bundles) take about a second to import; a site of pages alone builds without them.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from bench.peers import write_toolkit_builder_site
from tests.support import REPO

HEAVY = ("matplotlib", "openpyxl", "docx", "odf", "PIL")

SCRIPT = """
import sys
from pathlib import Path
from toolkit_builder.build import BuildOptions, build_in_memory
result = build_in_memory(BuildOptions(Path(sys.argv[1]), Path(sys.argv[1]) / "output"),
                         index_search=False)
assert result.pages > 1, result.pages
print(" ".join(sorted(name for name in sys.argv[2:] if name in sys.modules)))
"""


def _loaded(site: Path) -> list[str]:
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(site), *HEAVY],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.split()


def test_a_site_of_pages_builds_without_loading_the_chart_and_office_libraries(
    tmp_path: Path,
) -> None:
    write_toolkit_builder_site(tmp_path, 3)  # the pages the peer benchmark builds
    assert _loaded(tmp_path) == []


def test_the_example_site_loads_them_for_its_charts_and_bundles() -> None:
    assert _loaded(REPO) == sorted(HEAVY)


def test_every_pipeline_name_the_build_package_offers_is_there() -> None:
    import toolkit_builder.build as build_package

    for name in sorted(build_package.PIPELINE_NAMES):
        assert callable(getattr(build_package, name)), name
