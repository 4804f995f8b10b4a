"""Incremental preview rebuilds always equal a clean full build, and really are incremental."""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path, PurePosixPath

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.support import FIXTURE_SITE
from toolkit_builder.build import BuildOptions, build_in_memory
from toolkit_builder.preview.serve import Preview

Edit = Callable[[Path, int], str]


def _replace_line(site: Path, relative: str, prefix: str, new_line: str) -> str:
    path = site / relative
    lines = path.read_text().splitlines()
    lines = [new_line if line.startswith(prefix) else line for line in lines]
    path.write_text("\n".join(lines) + "\n")
    return relative


EDITS: dict[str, Edit] = {
    "case results": lambda s, n: _replace_line(
        s, "content/case-studies/ward-3.yaml", "results:", f"results: Falls fell, edit {n}."
    ),
    "csv value": lambda s, n: _replace_line(
        s, "content/data/ward3-falls.csv", "2025-06-01", f"2025-06-01,{n % 9},800,,"
    ),
    "toolkit summary": lambda s, n: _replace_line(
        s, "content/toolkits/falls.md", "summary:", f"summary: Summary {n}."
    ),
    "welsh toolkit summary": lambda s, n: _replace_line(
        s, "content/toolkits/falls.cy.md", "summary:", f"summary: Crynodeb {n}."
    ),
    "welsh title removed": lambda s, n: _replace_line(
        s, "content/measures/risk-assessed.cy.yaml", "title:", f"# no title {n}"
    ),
    "measure title": lambda s, n: _replace_line(
        s, "content/measures/risk-assessed.yaml", "title:", f"title: Assessed patients {n}"
    ),
    "page title": lambda s, n: _replace_line(
        s, "content/pages/about.md", "title:", f"title: About {n}"
    ),
    "org name": lambda s, n: _replace_line(
        s,
        "content/organisations.yaml",
        "- {id: eastbay",
        f"- {{id: eastbay, name: Eastbay {n}, type: Community trust}}",
    ),
    "topic title": lambda s, n: _replace_line(
        s, "content/topics.yaml", "- {id: falls", f"- {{id: falls, title: Falls {n}}}"
    ),
    "idea title": lambda s, n: _replace_line(
        s,
        "content/change-packages/falls.yaml",
        "    title: Safety huddle",
        f"    title: Safety huddle {n}",
    ),
    "site title": lambda s, n: _replace_line(s, "site.yaml", "title:", f"title: Collaborative {n}"),
    "event title": lambda s, n: _replace_line(
        s, "content/events/ls1.yaml", "title:", f"title: Learning session {n}"
    ),
    "draft toggle": lambda s, n: _set_status(
        s, "content/case-studies/eastbay-falls.yaml", "draft" if n % 2 else "published"
    ),
    "template": lambda s, n: _write(
        s,
        "templates/page.html",
        f'{{% extends "default/page.html" %}}{{% block breadcrumbs %}}<p>Edit {n}</p>{{% endblock %}}',
    ),
    "stylesheet": lambda s, n: _write(
        s, "templates/static/extra.css", f"body {{ margin: {n}px; }}"
    ),
    "bundled resource": lambda s, n: _write(
        s, "content/resources/huddle.md", f"# Huddle prompt {n}\n\n" + "Who is at risk? " * n
    ),
    "bundle template": lambda s, n: _write(
        s,
        "templates/bundle/pdsa-worksheet.html",
        f'{{% extends "default/bundle/pdsa-worksheet.html" %}}{{% block title %}}PDSA {"x" * n}{{% endblock %}}',
    ),
    "no-op edit": lambda s, n: _replace_line(
        s, "content/measures/restraint-days.yaml", "chart:", "chart: c"
    ),
}


def _set_status(site: Path, relative: str, status: str) -> str:
    path = site / relative
    lines = [line for line in path.read_text().splitlines() if not line.startswith("status:")]
    path.write_text("\n".join([*lines, f"status: {status}"]) + "\n")
    return relative


def _write(site: Path, relative: str, text: str) -> str:
    path = site / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return relative


EDIT_SEQUENCES = int(os.environ.get("INCREMENTAL_EXAMPLES", "8"))
"""Random edit sequences per run (each a fresh site and a clean build to compare with);
`make fuzz` tries many more."""


@settings(max_examples=EDIT_SEQUENCES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(st.sampled_from(sorted(EDITS)), st.integers(0, 1000)), min_size=1, max_size=5
    )
)
def test_incremental_rebuilds_equal_a_full_build(edits: list[tuple[str, int]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        shutil.copytree(FIXTURE_SITE, site)
        preview = Preview(BuildOptions(site, site / "output"))
        preview.rebuild()
        for name, n in edits:
            changed = EDITS[name](site, n)
            preview.rebuild({PurePosixPath(changed)})
        assert preview.snapshot.problems == ()
        assert preview.wait_for_search()
        full = build_in_memory(replace(preview.options)).output
        assert preview.snapshot.files.keys() == full.keys()
        different = [path for path in full if preview.snapshot.files[path] != full[path]]
        assert different == []


def test_a_data_edit_renders_only_the_pages_that_show_it(site_copy: Path) -> None:
    preview = Preview(BuildOptions(site_copy, site_copy / "output"))
    preview.rebuild()
    total = preview.cache.memo.rendered
    changed = EDITS["csv value"](site_copy, 5)
    preview.rebuild({PurePosixPath(changed)})
    # The case study, its toolkit and measure pages, the lists that name case studies,
    # and the change-idea pages of its toolkit (they list the services that tested them).
    # Counted in both languages: every page exists in English and in Welsh.
    # The views across services show every service's latest data and decisions too:
    # what works where (programme and toolkit), measures across services, event packs.
    ideas = sum(1 for path in preview.snapshot.files if "/change-ideas/" in path)
    views = sum(
        1
        for path in preview.snapshot.files
        if path.endswith("index.html")
        and any(part in f"/{path}" for part in ("/what-works/", "/services/", "/pack/"))
    )
    assert 0 < preview.cache.memo.rendered < total
    assert preview.cache.memo.rendered <= 2 * 12 + ideas + views
    changed = EDITS["template"](site_copy, 1)
    preview.rebuild({PurePosixPath(changed)})
    assert preview.cache.memo.rendered == 2  # only the free page (en, cy) uses page.html


def test_a_bundled_resource_edit_updates_the_size_on_the_toolkit_page(site_copy: Path) -> None:
    preview = Preview(BuildOptions(site_copy, site_copy / "output"))
    preview.rebuild()
    page = "toolkits/falls/index.html"
    before = preview.snapshot.files[page]
    # Hex digits of many hashes compress poorly: the ZIP grows by several kB.
    text = "".join(hashlib.sha256(str(i).encode()).hexdigest() for i in range(400))
    changed = _write(site_copy, "content/resources/huddle.md", text)
    preview.rebuild({PurePosixPath(changed)})
    after = preview.snapshot.files[page]
    assert after != before and b"Download this toolkit (ZIP, " in after
    full = build_in_memory(replace(preview.options), index_search=False).output
    assert after == full[page]
    assert (
        preview.snapshot.files["toolkits/falls/falls-v1.0.0.zip"]
        == full["toolkits/falls/falls-v1.0.0.zip"]
    )


def test_a_translation_edit_renders_only_welsh_pages(site_copy: Path) -> None:
    preview = Preview(BuildOptions(site_copy, site_copy / "output"))
    preview.rebuild()
    before = dict(preview.snapshot.files)
    changed = EDITS["welsh toolkit summary"](site_copy, 7)
    preview.rebuild({PurePosixPath(changed)})
    rendered = preview.cache.memo.rendered
    after = preview.snapshot.files
    differ = sorted(p for p in after if p.endswith(".html") and after[p] != before.get(p))
    assert "cy/toolkits/falls/index.html" in differ
    assert "Crynodeb 7." in after["cy/toolkits/falls/index.html"].decode()
    assert all(p.startswith("cy/") for p in differ), differ
    assert 0 < rendered < len([p for p in after if p.startswith("cy/") and p.endswith(".html")])


def test_a_tester_in_another_toolkit_sharing_the_package_updates_the_first(
    site_copy: Path,
) -> None:
    # Two toolkits may share one change package: a case study of the second that tests
    # an idea is listed as a tester on the first's pages and in its bundle.
    toolkit = (site_copy / "content/toolkits/falls.md").read_text()
    _write(site_copy, "content/toolkits/falls-copy.md", toolkit.replace("Preventing falls", "Copy"))
    _write(
        site_copy,
        "content/case-studies/copy-ward.yaml",
        "title: Copy ward\norganisations: [eastbay]\nsettings: [community]\ntoolkit: falls-copy\n"
        "period: {start: 2025-01-01, end: 2025-06-30}\naim: Fewer falls.\ncontext: A ward.\n"
        "changes_tested:\n  - change_idea: bell-check\nresults: It worked.\n"
        "lessons:\n  - {statement: Use a checklist, category: clinical}\n"
        "contact: quality@eastbay.example\n",
    )
    preview = Preview(BuildOptions(site_copy, site_copy / "output"))
    preview.rebuild()
    assert preview.snapshot.problems == ()
    page = "toolkits/falls/index.html"
    assert b"Copy ward" in preview.snapshot.files[page]
    changed = _replace_line(
        site_copy, "content/case-studies/copy-ward.yaml", "title:", "title: Renamed ward"
    )
    preview.rebuild({PurePosixPath(changed)})
    full = build_in_memory(replace(preview.options), index_search=False).output
    shown = [
        path
        for path in full
        if path.startswith(("toolkits/falls/", "cy/toolkits/falls/"))
        and (path.endswith((".html", ".zip")))
    ]
    assert b"Renamed ward" in preview.snapshot.files[page]
    assert [path for path in shown if preview.snapshot.files[path] != full[path]] == []
