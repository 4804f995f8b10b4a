"""Incremental command-line builds make exactly what a clean build makes.

The fixture site is built once, then edited step by step (a case study, a CSV
row, a template, a translation, a deleted file, a renamed measure, site.yaml ...)
with an incremental build after each edit; after each, the whole output tree is
compared byte for byte with a clean build of the same content (another folder,
no cache).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest

import toolkit_builder
from tests.support import run_cli, tree_digest
from toolkit_builder.build import BuildOptions, build
from toolkit_builder.build.pipeline import build_in_memory
from toolkit_builder.cache.fingerprint import tool_fingerprint
from toolkit_builder.cache.memory import BuildCache
from toolkit_builder.cache.record import record_from_json
from toolkit_builder.pages import search, synonyms
from toolkit_builder.reuse import workbook
from toolkit_builder.write import MARKER

Edit = Callable[[Path], None]


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def edit_case_study(site: Path) -> None:
    _replace(site / "content/case-studies/ward-3.yaml", "cuts falls at night", "halves falls")


def edit_csv_row(site: Path) -> None:
    _replace(site / "content/data/ward3-falls.csv", "2025-02-01,6,854", "2025-02-01,9,854")


def add_csv_row(site: Path) -> None:
    csv = site / "content/data/ward3-assessed.csv"
    last = csv.read_text(encoding="utf-8").rstrip("\n").splitlines()[-1]
    year, month = int(last[:4]), int(last[5:7])
    year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    rest = last.split(",", 1)[1]
    with csv.open("a", encoding="utf-8") as stream:
        stream.write(f"{year:04d}-{month:02d}-01,{rest}\n")


def add_template(site: Path) -> None:
    (site / "templates").mkdir(exist_ok=True)
    (site / "templates/page.html").write_text(
        '{% extends "default/page.html" %}\n'
        '{% block content %}<p class="local">Local note one</p>{{ super() }}{% endblock %}\n',
        encoding="utf-8",
    )


def edit_template(site: Path) -> None:
    _replace(site / "templates/page.html", "Local note one", "Local note two")


def remove_template(site: Path) -> None:
    (site / "templates/page.html").unlink()


def edit_translation(site: Path) -> None:
    path = site / "content/case-studies/ward-3.cy.yaml"
    text = path.read_text(encoding="utf-8")
    title = re.search(r"^title: (.*)$", text, re.M)
    assert title is not None
    _replace(path, title.group(0), f"title: {title.group(1)} (diwygiwyd)")


def delete_translation(site: Path) -> None:
    (site / "content/pages/about.cy.md").unlink()  # the Welsh page falls back to English


def delete_event(site: Path) -> None:
    (site / "content/events/ls1.yaml").unlink()
    (site / "content/events/ls1.cy.yaml").unlink()


def rename_measure(site: Path) -> None:
    measures = site / "content/measures"
    for name in ("restraint-days.yaml", "restraint-days.cy.yaml"):
        (measures / name).rename(measures / name.replace("restraint-days", "restraint-hours"))
    for path in sorted((site / "content").rglob("*")):
        if path.is_file() and path.suffix in (".md", ".yaml"):
            text = path.read_text(encoding="utf-8")
            if "restraint-days" in text:
                path.write_text(text.replace("restraint-days", "restraint-hours"), encoding="utf-8")


def edit_site_yaml(site: Path) -> None:
    _replace(site / "site.yaml", "title: Fixture Collaborative", "title: Fixture Network")


def add_stylesheet(site: Path) -> None:
    (site / "templates/static").mkdir(parents=True, exist_ok=True)
    (site / "templates/static/local.css").write_text(".local { color: #222; }\n")


EDITS: tuple[Edit, ...] = (
    edit_case_study,
    edit_csv_row,
    add_csv_row,
    add_template,
    edit_template,
    remove_template,
    edit_translation,
    delete_translation,
    delete_event,
    rename_measure,
    edit_site_yaml,
    add_stylesheet,
)


def _differences(built: dict[str, str], clean: dict[str, str]) -> list[str]:
    return sorted(
        name for name in built.keys() | clean.keys() if built.get(name) != clean.get(name)
    )


def test_each_incremental_build_equals_a_clean_build(site_copy: Path, tmp_path: Path) -> None:
    assert run_cli("build", str(site_copy), "-q").code == 0
    for step, edit in enumerate(EDITS):
        edit(site_copy)
        result = run_cli("build", str(site_copy), "-q")
        assert result.code == 0, (edit.__name__, result.err)
        clean = tmp_path / f"clean-{step}"
        assert run_cli("build", str(site_copy), "-q", "--no-cache", "--out", str(clean)).code == 0
        built, expected = tree_digest(site_copy / "output"), tree_digest(clean)
        assert _differences(built, expected) == [], edit.__name__
    # The cache holds what the last build's record names, no more.
    store = site_copy / ".cache/toolkit-builder/build"
    record = record_from_json(json.loads((store / "record.json").read_text()), _tool())
    assert record is not None
    kept = {p.parent.name + p.name for p in (store / "objects").glob("*/*")}
    assert kept == record.digests()


def test_a_failed_build_between_two_good_ones_leaves_output_and_cache_alone(
    site_copy: Path, tmp_path: Path
) -> None:
    assert run_cli("build", str(site_copy), "-q").code == 0
    output, cache = tree_digest(site_copy / "output"), tree_digest(site_copy / ".cache")
    case = site_copy / "content/case-studies/ward-3.yaml"
    good = case.read_text(encoding="utf-8")
    case.write_text(good.replace("toolkit: falls", "toolkit: [falls"), encoding="utf-8")
    assert run_cli("build", str(site_copy), "-q").code == 1
    assert tree_digest(site_copy / "output") == output
    assert tree_digest(site_copy / ".cache") == cache
    case.write_text(good.replace("cuts falls", "halves falls"), encoding="utf-8")
    assert run_cli("build", str(site_copy), "-q").code == 0
    clean = tmp_path / "clean"
    assert run_cli("build", str(site_copy), "-q", "--no-cache", "--out", str(clean)).code == 0
    assert _differences(tree_digest(site_copy / "output"), tree_digest(clean)) == []


def test_nothing_changed_leaves_every_file_as_it_was(site_copy: Path) -> None:
    assert run_cli("build", str(site_copy), "-q").code == 0
    before = _inodes(site_copy / "output")
    result = run_cli("build", str(site_copy))
    assert result.code == 0
    assert "(nothing changed)" in result.out
    assert _inodes(site_copy / "output") == before


def test_an_edit_rewrites_only_the_files_it_changed(site_copy: Path) -> None:
    assert run_cli("build", str(site_copy), "-q").code == 0
    out = site_copy / "output"
    before, digests = _inodes(out), tree_digest(out)
    edit_case_study(site_copy)
    assert run_cli("build", str(site_copy), "-q").code == 0
    after, changed = _inodes(out), tree_digest(out)
    same = {name for name in digests if changed.get(name) == digests[name]}
    assert "case-studies/ward-3/index.html" not in same
    assert "static/style.css" in same and "about/index.html" in same
    assert {name for name in same if after[name] == before[name]} == same - {MARKER}
    assert all(after[n] != before[n] for n in changed.keys() - same if n in before)


def add_synonyms(site: Path) -> None:
    with (site / "site.yaml").open("a", encoding="utf-8") as stream:
        stream.write("search:\n  synonyms:\n    - [falls, slips and trips]\n")


def test_an_edit_rewrites_only_the_search_copies_of_pages_it_changed(site_copy: Path) -> None:
    """Pagefind's copies of the pages stay in the cache between builds: an edit writes
    the copies of the pages it changed, not all of them (cache/persist.py)."""
    add_synonyms(site_copy)  # a page about falls gains words: Pagefind reads copies
    assert run_cli("build", str(site_copy), "-q").code == 0
    copies = site_copy / ".cache/toolkit-builder/search-copies/site"
    before = _inodes(copies)
    assert "case-studies/ward-3/index.html" in before and "about/index.html" in before
    for name in before:
        os.utime(copies / name, ns=(0, 0))  # a copy written again gets a time of its own
    edit_case_study(site_copy)
    assert run_cli("build", str(site_copy), "-q").code == 0
    assert _inodes(copies).keys() == before.keys()
    rewritten = {name for name in before if (copies / name).stat().st_mtime_ns != 0}
    assert "case-studies/ward-3/index.html" in rewritten
    assert "about/index.html" not in rewritten and len(rewritten) < len(before) / 2


def test_without_synonyms_pagefind_reads_the_published_pages(site_copy: Path) -> None:
    """No page gains a synonym: Pagefind reads the pages where they are written, and no
    copy is made; the index is the one the copies give, and copies come back with
    synonyms (and go again without them)."""
    assert run_cli("build", str(site_copy), "-q").code == 0
    copies = site_copy / ".cache/toolkit-builder/search-copies/site"
    assert _inodes(copies) == {}
    output = site_copy / "output"
    pages = {p.relative_to(output).as_posix(): p.read_bytes() for p in output.rglob("*.html")}
    published = {k: v for k, v in tree_digest(output).items() if k.startswith("pagefind/")}
    from_copies = search.SearchIndexer().index(pages, ())
    assert published == {
        name: hashlib.sha256(data).hexdigest() for name, data in from_copies.items()
    }
    add_synonyms(site_copy)
    assert run_cli("build", str(site_copy), "-q").code == 0
    assert "case-studies/ward-3/index.html" in _inodes(copies)
    _replace(site_copy / "site.yaml", "[falls, slips and trips]", "[zzyzx, qqxyz]")
    assert run_cli("build", str(site_copy), "-q").code == 0
    assert _inodes(copies) == {}


def test_a_removed_output_is_written_again_from_the_cache(site_copy: Path, tmp_path: Path) -> None:
    assert run_cli("build", str(site_copy), "-q").code == 0
    expected = tree_digest(site_copy / "output")
    (site_copy / "output/index.html").write_text("edited by hand")
    (site_copy / "output/about/index.html").unlink()
    assert run_cli("build", str(site_copy), "-q").code == 0
    assert tree_digest(site_copy / "output") == expected
    elsewhere = tmp_path / "elsewhere"
    assert run_cli("build", str(site_copy), "-q", "--out", str(elsewhere)).code == 0
    assert tree_digest(elsewhere) == expected


def test_search_index_is_reused_when_no_page_text_changed(
    site_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run_cli("build", str(site_copy), "-q").code == 0
    index = {k: v for k, v in tree_digest(site_copy / "output").items() if "pagefind" in k}
    runs: list[int] = []
    original = search.SearchIndexer._run

    def counted(self: search.SearchIndexer, *args: object) -> dict[str, bytes]:
        runs.append(1)
        return original(self, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(search.SearchIndexer, "_run", counted)
    add_stylesheet(site_copy)  # a new file in the output; no page changes
    assert run_cli("build", str(site_copy), "-q").code == 0
    assert runs == []
    after = tree_digest(site_copy / "output")
    assert {k: v for k, v in after.items() if "pagefind" in k} == index
    assert "static/local.css" in after
    edit_case_study(site_copy)
    assert run_cli("build", str(site_copy), "-q").code == 0
    assert runs == [1]


def test_another_version_of_the_tool_does_not_use_the_cache(
    site_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run_cli("build", str(site_copy), "-q").code == 0
    poisoned = tmp_path / "poisoned"
    _poison_page(site_copy, "about/index.html", b"<p>from a cache entry</p>")
    edit_csv_row(site_copy)  # something changed: the pipeline runs with the cache
    copy = tmp_path / "copy"
    shutil.copytree(site_copy, copy, symlinks=True)
    assert run_cli("build", str(site_copy), "-q", "--out", str(poisoned)).code == 0
    # The test's poison works: the same tool takes the page from its cache...
    assert (poisoned / "about/index.html").read_bytes() == b"<p>from a cache entry</p>"
    # ... and another version does not.
    monkeypatch.setattr(toolkit_builder, "__version__", toolkit_builder.__version__ + ".1")
    assert run_cli("build", str(copy), "-q").code == 0
    clean = tmp_path / "clean"
    assert run_cli("build", str(copy), "-q", "--no-cache", "--out", str(clean)).code == 0
    assert tree_digest(copy / "output") == tree_digest(clean)


def _poison_page(site: Path, page: str, data: bytes) -> None:
    """Make the cache's record name other bytes for a rendered page (as a forged or stale
    entry would), stored in the store under their true digest."""
    folder = site / ".cache/toolkit-builder/build"
    digest = hashlib.sha256(data).hexdigest()
    (folder / "objects" / digest[:2]).mkdir(parents=True, exist_ok=True)
    (folder / "objects" / digest[:2] / digest[2:]).write_bytes(data)
    record = json.loads((folder / "record.json").read_text(encoding="utf-8"))
    record["render"]["pages"][page][1] = digest
    (folder / "record.json").write_text(json.dumps(record), encoding="utf-8")


def _tool() -> str:
    return tool_fingerprint(toolkit_builder.__version__)


def _inodes(folder: Path) -> dict[str, int]:
    return {
        p.relative_to(folder).as_posix(): os.stat(p).st_ino
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_a_cache_folder_that_is_a_link_is_neither_read_nor_written(
    site_copy: Path, tmp_path: Path
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (site_copy / ".cache").mkdir()
    (site_copy / ".cache/toolkit-builder").symlink_to(elsewhere)
    result = run_cli("build", str(site_copy), "-v")
    assert result.code == 0
    assert "cache not used: a link leads into" in result.err
    assert list(elsewhere.iterdir()) == []


def test_a_forged_record_cannot_publish_a_file_from_elsewhere(
    site_copy: Path, tmp_path: Path
) -> None:
    assert run_cli("build", str(site_copy), "-q").code == 0
    elsewhere = tmp_path / "home"
    (elsewhere / "resources").mkdir(parents=True)
    secret = elsewhere / "resources/huddle.md"
    secret.write_bytes(b"deploy key")
    info = os.stat(secret)
    record_path = site_copy / ".cache/toolkit-builder/build/record.json"
    record = json.loads(record_path.read_text(encoding="utf-8"))
    record["out"] = str(elsewhere)
    record["files"]["resources/huddle.md"] = hashlib.sha256(b"deploy key").hexdigest()
    record["stamps"]["resources/huddle.md"] = [info.st_size, info.st_mtime_ns, info.st_ino]
    record_path.write_text(json.dumps(record), encoding="utf-8")
    shutil.rmtree(site_copy / "output")
    assert run_cli("build", str(site_copy), "-q").code == 0
    published = (site_copy / "output/resources/huddle.md").read_bytes()
    assert published == (site_copy / "content/resources/huddle.md").read_bytes()


def test_an_edit_makes_no_workbook_again_whose_measure_did_not_change(
    site_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    made: list[str] = []
    real = workbook.measure_workbook

    def counted(measure, when, words):  # type: ignore[no-untyped-def]
        made.append(measure.id)
        return real(measure, when, words)

    monkeypatch.setattr(workbook, "measure_workbook", counted)
    assert run_cli("build", str(site_copy), "-q").code == 0
    assert made  # the first build makes every workbook
    made.clear()
    edit_case_study(site_copy)
    assert run_cli("build", str(site_copy), "-q").code == 0
    assert made == []  # read back from the cache
    rename_measure(site_copy)
    assert run_cli("build", str(site_copy), "-q").code == 0
    assert "restraint-hours" in made and "restraint-days" not in made


def test_pages_and_charts_are_stored_as_made_and_linked_into_the_output(site_copy: Path) -> None:
    options = BuildOptions(site_copy, site_copy / "output", cache_dir=site_copy / ".cache/tb")
    first = build(options)
    held = [n for n in first.output if n.endswith(".html") or ("charts/" in n and ".svg" in n)]
    assert held == []  # the build process never held a page or a chart's SVG
    assert {n.rsplit(".", 1)[-1] for n in first.stored} == {"html", "svg"}
    assert "case-studies/ward-3/index.html" in first.stored
    objects = site_copy / ".cache/tb/build/objects"
    for name, digest in first.stored.items():
        published = site_copy / "output" / name
        assert os.stat(published).st_ino == os.stat(objects / digest[:2] / digest[2:]).st_ino
    # A stored page or chart that no longer holds its bytes is made again, not published.
    chart = next(name for name in sorted(first.stored) if name.endswith(".svg"))
    for name in (chart, "about/index.html"):
        stored = objects / first.stored[name][:2] / first.stored[name][2:]
        stored.unlink()
        stored.write_bytes(b"<p>not what was made</p>")
    edit_case_study(site_copy)
    again = build(options)
    for name in (chart, "about/index.html"):
        assert again.stored[name] == first.stored[name]
        digest = hashlib.sha256((site_copy / "output" / name).read_bytes()).hexdigest()
        assert digest == first.stored[name]
    assert (
        again.stored["case-studies/ward-3/index.html"]
        != first.stored["case-studies/ward-3/index.html"]
    )


def test_the_store_keeps_every_output_file_linked_to_the_output(site_copy: Path) -> None:
    options = BuildOptions(site_copy, site_copy / "output", cache_dir=site_copy / ".cache/tb")
    build(options)
    folder = site_copy / ".cache/tb/build"
    record = json.loads((folder / "record.json").read_text(encoding="utf-8"))
    files: dict[str, str] = record["files"]
    assert any(n.startswith("pagefind/") for n in files) and any(n.endswith(".csv") for n in files)
    objects = folder / "objects"
    assert [d for d in files.values() if not (objects / d[:2] / d[2:]).is_file()] == []
    # a file whose bytes no other file has is the stored file itself (a hard link)
    once = {d for d, count in Counter(files.values()).items() if count == 1}
    unlinked = [
        name
        for name, digest in files.items()
        if digest in once
        and os.stat(site_copy / "output" / name).st_ino
        != os.stat(objects / digest[:2] / digest[2:]).st_ino
    ]
    assert unlinked == []


def test_the_command_line_keeps_in_memory_only_what_goes_to_disk(site_copy: Path) -> None:
    options = BuildOptions(site_copy, site_copy / "output")
    kept, disk_only = BuildCache(), BuildCache(in_process=False)
    for cache in (kept, disk_only):
        build_in_memory(options, cache=cache, index_search=False)
    # The preview keeps parsed files, checks, views, bundles and texts for its next build.
    assert kept.parsed and kept.data and kept.views and kept.made.kept and kept.made.texts
    assert not (disk_only.parsed or disk_only.data or disk_only.dispersion or disk_only.views)
    assert not (disk_only.made.kept or disk_only.made.texts)
    # What goes to disk is the same either way.
    assert disk_only.made.files == kept.made.files
    assert disk_only.memo.pages == kept.memo.pages and disk_only.svgs == kept.svgs


def test_search_copies_and_the_index_are_linked_rather_than_written_again(site_copy: Path) -> None:
    """Each file made costs the file system (much, on one whose inodes were just freed):
    a page's copy for Pagefind that gains no synonyms is the published page's file, and
    the index Pagefind wrote is linked into the output (pages/search.py)."""
    with (site_copy / "site.yaml").open("a", encoding="utf-8") as stream:
        stream.write("search:\n  synonyms:\n    - [falls, slips and trips]\n")
    assert run_cli("build", str(site_copy), "-q").code == 0
    copies, out = site_copy / ".cache/toolkit-builder/search-copies", site_copy / "output"
    pages = _inodes(copies / "site")
    linked = {name for name, inode in pages.items() if inode == (out / name).stat().st_ino}
    assert linked and len(linked) < len(pages)  # the fixture's synonyms expand some pages
    for name in pages:
        gained = synonyms.SYNONYMS_ANCHOR in (copies / "site" / name).read_text("utf-8")
        assert gained == (name not in linked), name
    fragments = sorted((out / "pagefind/fragment").iterdir())
    assert fragments
    for fragment in fragments:
        assert fragment.stat().st_ino == (copies / "bundle/fragment" / fragment.name).stat().st_ino
