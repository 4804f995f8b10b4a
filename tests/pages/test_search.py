"""The search stage: synonyms added to the indexed copy, and the Pagefind index itself."""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Mapping
from pathlib import Path

import pytest

from tests.support import REPO
from toolkit_builder.pages.search import (
    INDEXED_MARK,
    SearchIndexer,
    _decode,
    _encode,
    pages_to_index,
    scratch_indexer,
    stable_bundle,
)
from toolkit_builder.pages.synonyms import MAX_REPEATS, SYNONYMS_ANCHOR, SynonymExpander

GROUPS = (
    ("NEWS2", "early warning score"),
    ("pressure injury", "pressure ulcer", "bedsore"),
    ("HAPI", "hospital-acquired pressure injury"),
)


def page(body: str) -> str:
    return f"<html><head><title>NEWS2</title></head><body><main data-pagefind-body>{body}</main><footer>NEWS2</footer></body></html>"


def test_a_word_brings_in_the_rest_of_its_group() -> None:
    expander = SynonymExpander(GROUPS)
    assert expander.terms_in("Score NEWS2 at every set") == ["early warning score"]
    assert expander.terms_in("Cut pressure ulcers by half") == ["pressure injury, bedsore"]
    assert expander.terms_in("Fewer pressure injuries") == ["pressure ulcer, bedsore"]
    assert expander.terms_in("Nothing to see") == []


def test_the_longest_term_wins_and_case_is_ignored() -> None:
    expander = SynonymExpander(GROUPS)
    found = expander.terms_in("every Hospital-Acquired Pressure Injury counts")
    assert found == ["HAPI"]  # not also the 'pressure injury' group inside it


def test_words_inside_other_words_do_not_match() -> None:
    assert SynonymExpander(GROUPS).terms_in("NEWS20 and XNEWS2 and hapiness") == []


def test_synonyms_go_at_the_end_of_main_with_the_weight_of_where_the_word_was() -> None:
    html = page("<h1>NEWS2 in the community</h1><p>Use NEWS2.</p><p>NEWS2 again.</p>")
    expanded = SynonymExpander(GROUPS).expand_page(html)
    tail = expanded[
        expanded.index("NEWS2 again.</p>") + len("NEWS2 again.</p>") : expanded.index("</main>")
    ]
    assert tail == (
        f'<div id="{SYNONYMS_ANCHOR}">'
        + '<p data-pagefind-weight="1">early warning score</p>' * 2
        + '<p data-pagefind-weight="7">early warning score</p>'
        + "</div>"
    )
    assert expanded.endswith("<footer>NEWS2</footer></body></html>")  # outside main: untouched


def test_explicit_weights_scripts_and_repeats() -> None:
    html = page(
        '<h1 data-pagefind-weight="10">NEWS2</h1><script>var NEWS2 = 1;</script>'
        + "<p>NEWS2</p>" * (MAX_REPEATS + 5)
    )
    expanded = SynonymExpander(GROUPS).expand_page(html)
    assert expanded.count('<p data-pagefind-weight="10">early warning score</p>') == 1
    assert expanded.count('<p data-pagefind-weight="1">early warning score</p>') == MAX_REPEATS


def test_words_pagefind_leaves_out_add_no_synonyms() -> None:
    html = page(
        "<div data-pagefind-ignore><table><tr><td>NEWS2<br>NEWS2</td></tr></table>"
        '<img src="x.svg" alt=""></div><p>NEWS2 counted</p>'
        "<section data-pagefind-ignore><h2>NEWS2</h2></section><h3>NEWS2 heading</h3>"
    )
    expanded = SynonymExpander(GROUPS).expand_page(html)
    assert expanded.count("early warning score") == 2
    assert '<p data-pagefind-weight="1">early warning score</p>' in expanded
    assert '<p data-pagefind-weight="5">early warning score</p>' in expanded


def test_added_words_are_escaped() -> None:
    expander = SynonymExpander((("A&E", "emergency <department>"),))
    expanded = expander.expand_page(page("<p>Go to A&amp;E now</p>"))
    assert '<p data-pagefind-weight="1">emergency &lt;department&gt;</p>' in expanded


def test_a_page_without_synonyms_is_unchanged() -> None:
    html = page("<p>Nothing here</p>")
    assert SynonymExpander(GROUPS).expand_page(html) == html
    assert SynonymExpander(()).expand_page(page("<p>NEWS2</p>")) == page("<p>NEWS2</p>")


def test_only_pages_that_ask_are_indexed() -> None:
    output = {
        "a/index.html": page("x").encode(),
        "b/index.html": b"<html><main>list</main></html>",
        "charts/x.svg": INDEXED_MARK,
    }
    assert list(pages_to_index(output)) == ["a/index.html"]


def site(words: str) -> dict[str, bytes]:
    return {
        "index.html": b"<html><main>home</main></html>",
        "one/index.html": page(f"<h1>One</h1><p>{words}</p>").encode(),
        "two/index.html": page("<h1>Two</h1><p>Something else entirely</p>").encode(),
    }


def test_the_index_is_built_and_is_the_same_every_time() -> None:
    first = SearchIndexer().index(site("Score NEWS2"), GROUPS)
    second = SearchIndexer().index(site("Score NEWS2"), GROUPS)
    assert "pagefind/pagefind.js" in first
    assert "pagefind/pagefind-entry.json" in first
    assert sum(name.startswith("pagefind/fragment/") for name in first) == 2
    assert not any(name.endswith("-ui.js") for name in first)  # the site has its own search page
    assert first == second


def test_synonyms_change_the_index(tmp_path: Path) -> None:
    plain = SearchIndexer().index(site("Score NEWS2"), ())
    expanded = SearchIndexer().index(site("Score NEWS2"), GROUPS)
    assert plain != expanded


def test_the_indexer_reuses_its_last_index_when_no_page_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    indexer = SearchIndexer(tmp_path)
    first = indexer.index(site("Score NEWS2"), GROUPS)
    calls: list[object] = []
    real_run = subprocess.run

    def counted_run(*args: object, **kwargs: object) -> object:
        if str(tmp_path) in str(args):  # a preview left by another test may index too
            calls.append(args)
        return real_run(*args, **kwargs)

    monkeypatch.setattr(subprocess, "run", counted_run)
    assert indexer.index(site("Score NEWS2"), GROUPS) == first
    assert calls == []
    changed = indexer.index(site("Score NEWS2 twice"), GROUPS)
    assert len(calls) == 1
    assert changed != first
    assert changed == SearchIndexer().index(site("Score NEWS2 twice"), GROUPS)  # same as fresh


def test_the_working_folder_holds_the_expanded_pages_and_only_changed_ones_are_rewritten(
    tmp_path: Path,
) -> None:
    indexer = SearchIndexer(tmp_path)
    indexer.index(site("Score NEWS2"), GROUPS)
    one, two = tmp_path / "site/one/index.html", tmp_path / "site/two/index.html"
    expander = SynonymExpander(GROUPS)
    assert one.read_text("utf-8") == expander.expand_page(
        site("Score NEWS2")["one/index.html"].decode()
    )
    assert "early warning score" in one.read_text("utf-8")
    os.utime(two, ns=(0, 0))  # marks the unchanged page: rewriting it would reset this
    indexer.index(site("Score NEWS2 twice"), GROUPS)
    assert "twice" in one.read_text("utf-8")
    assert two.stat().st_mtime_ns == 0
    fewer = {k: v for k, v in site("Score NEWS2").items() if not k.startswith("two/")}
    indexed = indexer.index(fewer, GROUPS)
    assert not two.exists()
    assert sum(name.startswith("pagefind/fragment/") for name in indexed) == 1


def test_filter_order_from_pagefind_does_not_change_the_output() -> None:
    pages = {
        f"p{i}/index.html": page(f"<h1>Page {i}</h1>")
        .replace(
            "<title>",
            f'<meta data-pagefind-filter="topic[content]" content="Topic {i % 5}"><title>',
        )
        .encode()
        for i in range(20)
    }
    bundle = SearchIndexer().index(pages, ())
    # Pagefind writes filter values in hash-map order: shuffle them as another run might
    shuffled = dict(bundle)
    for name in [n for n in bundle if n.endswith(".pf_filter")]:
        filter_name, values = _decode(bundle[name])
        assert [v[0] for v in values] == sorted(v[0] for v in values)
        shuffled[name] = _encode([filter_name, values[::-1]])
    assert stable_bundle(shuffled) == bundle


def test_the_search_page_leaves_the_synonym_block_out_of_excerpts() -> None:
    script = (REPO / "templates" / "static" / "search.js").read_text()
    assert f'const SYNONYMS_ANCHOR = "{SYNONYMS_ANCHOR}";' in script
    assert "ownExcerptNodes(record)" in script


def _index_words(output: Mapping[str, bytes]) -> set[str]:
    """Return every word of a built site's Pagefind index (as Pagefind stems them)."""
    words: set[str] = set()
    for name, data in output.items():
        if name.startswith("pagefind/index/") and name.endswith(".pf_index"):
            for chunk in _decode(data):
                words.update(entry[0] for entry in chunk)
    return words


def _numbers(html: str) -> set[str]:
    """Return the numbers of three digits or more in `html` as Pagefind indexes them
    (it drops the separators: 1,000 and 8.41 are the words 1000 and 841)."""
    found = (re.sub(r"[.,]", "", n) for n in re.findall(r"\d[\d.,]*\d", html))
    return {n for n in found if len(n) >= 3}


def test_chart_data_tables_are_left_out_of_the_index_and_readings_are_not(
    example_output: Mapping[str, bytes],
) -> None:
    tables = re.compile(r'<details class="data-table"[^>]*>.*?</details>', re.S)
    in_tables: set[str] = set()
    elsewhere: set[str] = set()
    for name, data in example_output.items():
        if name.endswith(".html") and INDEXED_MARK in data:
            html = data.decode("utf-8")
            for table in tables.findall(html):
                assert "data-pagefind-ignore" in table.split(">", 1)[0]
                in_tables.update(_numbers(table))
            elsewhere.update(_numbers(tables.sub("", html)))
    only_in_tables = in_tables - elsewhere  # e.g. a month's denominator
    words = _index_words(example_output)
    assert only_in_tables and not only_in_tables & words
    assert elsewhere & words  # numbers in the readings and the text are still found


def test_a_new_indexer_starts_its_folder_empty_and_writes_through_no_link(
    tmp_path: Path,
) -> None:
    """The preview's copies folder sits in the site's cache, which a content repository
    could commit with links in it: a new indexer removes what it finds there first."""
    outside = tmp_path / "outside.html"
    outside.write_text("kept")
    folder = tmp_path / "search"
    (folder / "site/one").mkdir(parents=True)
    (folder / "site/one/index.html").symlink_to(outside)
    indexer = SearchIndexer(folder)
    assert not (folder / "site/one/index.html").is_symlink()
    indexer.index(site("Score NEWS2"), GROUPS)
    assert outside.read_text() == "kept"
    assert "NEWS2" in (folder / "site/one/index.html").read_text("utf-8")


def test_kept_copies_are_written_again_only_where_a_page_changed(tmp_path: Path) -> None:
    """The command line's copies stay in the cache from one build (one indexer) to the
    next: the next writes only the copies that differ, and indexes as a fresh one does."""
    SearchIndexer(tmp_path, kept=True).index(site("Score NEWS2"), GROUPS)
    one, two = tmp_path / "site/one/index.html", tmp_path / "site/two/index.html"
    os.utime(two, ns=(0, 0))  # rewriting the unchanged page would reset this
    before = one.stat().st_ino, two.stat().st_ino
    changed = SearchIndexer(tmp_path, kept=True).index(site("Score NEWS2 twice"), GROUPS)
    assert changed == SearchIndexer().index(site("Score NEWS2 twice"), GROUPS)
    assert two.stat().st_mtime_ns == 0 and two.stat().st_ino == before[1]
    assert "twice" in one.read_text("utf-8")


def test_kept_copies_follow_no_link_and_keep_only_the_pages_copies(tmp_path: Path) -> None:
    """What the kept folder holds is untrusted (a content repository or a restored CI
    cache may hold it): links are removed, never read or written through; a file that
    is not a page's copy, or a copy of a page no longer built, is not indexed."""
    secret = tmp_path / "secret"
    secret.mkdir()
    (secret / "index.html").write_text(page("<p>Zanzibarword</p>"))
    shared = tmp_path / "shared.html"
    shared.write_text("someone else's file")
    folder = tmp_path / "copies"
    (folder / "site/one").mkdir(parents=True)
    (folder / "site/one/index.html").symlink_to(secret / "index.html")
    (folder / "site/linked").symlink_to(secret)
    (folder / "bundle").symlink_to(secret)  # where Pagefind writes its index
    os.link(shared, folder / "site/two.html")
    (folder / "site/two").mkdir()
    os.link(shared, folder / "site/two/index.html")  # another name for a file elsewhere
    (folder / "site/gone").mkdir()
    (folder / "site/gone/index.html").write_text(page("<p>Quuxwordgone</p>"))
    (folder / "site/notes.txt").write_text("not a page")
    (folder / "site/pipe").mkdir()
    os.mkfifo(folder / "site/pipe/index.html")  # read, it would wait for a writer forever
    index = SearchIndexer(folder, kept=True).index(site("Score NEWS2"), GROUPS)
    words = _index_words(index)
    assert "news2" in words and "zanzibarword" not in words and "quuxwordgone" not in words
    assert sum(name.startswith("pagefind/fragment/") for name in index) == 2
    assert shared.read_text() == "someone else's file"
    assert sorted(p.name for p in secret.iterdir()) == ["index.html"]  # nothing written there
    assert not any(p.is_symlink() for p in folder.rglob("*"))
    assert not (folder / "site/notes.txt").exists() and not (folder / "site/two.html").exists()
    assert not (folder / "site/pipe/index.html").exists()
    assert "Something else" in (folder / "site/two/index.html").read_text("utf-8")


def test_a_copy_the_synonyms_leave_as_it_is_is_a_link_to_its_source(tmp_path: Path) -> None:
    """A file system can be slow to make files: a page that gains no synonyms is linked
    from the file that holds it (the build store's), and indexed the same."""
    pages = site("Score NEWS2")
    sources = {}
    for name in ("one/index.html", "two/index.html"):
        sources[name] = tmp_path / name.replace("/", "-")
        sources[name].write_bytes(pages[name])
    folder = tmp_path / "copies"
    index = SearchIndexer(folder, kept=True).index(pages, GROUPS, sources)
    assert index == SearchIndexer().index(pages, GROUPS)
    one, two = folder / "site/one/index.html", folder / "site/two/index.html"
    assert two.stat().st_ino == sources["two/index.html"].stat().st_ino  # no synonyms: linked
    assert one.stat().st_ino != sources["one/index.html"].stat().st_ino  # NEWS2 gains some
    assert "early warning score" in one.read_text("utf-8")
    assert "early warning score" not in sources["one/index.html"].read_text("utf-8")
    changed = site("Score NEWS2")
    changed["two/index.html"] = page("<h1>Two</h1><p>Now different</p>").encode()
    new_source = tmp_path / "two-changed"  # as the store keeps new bytes: a new file
    new_source.write_bytes(changed["two/index.html"])
    SearchIndexer(folder, kept=True).index(changed, GROUPS, {"two/index.html": new_source})
    assert two.stat().st_ino == new_source.stat().st_ino
    assert "Something else" in sources["two/index.html"].read_text("utf-8")  # left alone


def test_bundle_files_are_the_index_files_as_pagefind_wrote_them(tmp_path: Path) -> None:
    """The index files the indexer did not reorder can be linked from its folder: each
    named file holds exactly the bytes of the index; a reused index names none."""
    pages = {
        f"p{i}/index.html": page(f"<h1>Page {i}</h1>")
        .replace("<title>", f'<meta data-pagefind-filter="topic[content]" content="T{i}"><title>')
        .encode()
        for i in range(3)
    }
    indexer = SearchIndexer(tmp_path, kept=True)
    index = indexer.index(pages, ())
    files = indexer.bundle_files()
    assert any(name.startswith("pagefind/fragment/") for name in files)
    assert all(files[name].read_bytes() == index[name] for name in files)
    assert not any(name.endswith((".pf_filter", ".pf_meta", "-entry.json")) for name in files)
    indexer.index(pages, ())  # the same pages: the last index, Pagefind not run
    assert indexer.bundle_files() == {}
    assert SearchIndexer().bundle_files() == {}


def _published(folder: Path, pages: Mapping[str, bytes]) -> Path:
    """Write `pages` into `folder` as a build publishes them, with a file that is no page."""
    for name, data in pages.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
    (folder / "notes.txt").write_text("not a page")
    return folder


def test_without_synonyms_pagefind_reads_the_published_pages(tmp_path: Path) -> None:
    """No page gains a synonym: Pagefind reads the folder the pages are published in
    (the pages without data-pagefind-body are left out there too), no copy is made,
    and the index is the one copies give."""
    pages = site("Score NEWS2")
    folder = _published(tmp_path / "out", pages)
    asked: list[int] = []

    def published() -> Path:
        asked.append(1)
        return folder

    indexer = SearchIndexer(tmp_path / "copies", kept=True)
    for synonyms in ((), (("zanzibar", "quux"),)):  # none, or none a page uses
        index = indexer.index(pages, synonyms, published=published)
        assert index == SearchIndexer().index(pages, ())
        assert not (tmp_path / "copies/site").exists()
    assert asked == [1, 1]
    assert indexer.bundle_files() == {}  # the same pages: the index before, not run again
    index = SearchIndexer(tmp_path / "other", kept=True).index(pages, (), published=published)
    assert "pagefind/pagefind-entry.json" in index
    assert sorted(_index_words(index) & {"one", "two", "home"}) == ["one", "two"]


def test_a_page_that_gains_synonyms_brings_copies_of_every_page(tmp_path: Path) -> None:
    """A page further on gains synonyms: every page is copied, the ones before it too,
    and the published folder is not asked for; without it, or when it cannot be had,
    every page is copied too."""
    pages = {
        "a/index.html": page("<h1>A</h1><p>Nothing to add</p>").encode(),
        "b/index.html": page("<h1>B</h1><p>Score NEWS2</p>").encode(),
    }
    folder = _published(tmp_path / "out", pages)
    expected = SearchIndexer().index(pages, GROUPS)
    indexer = SearchIndexer(tmp_path / "copies", kept=True)
    assert indexer.index(pages, GROUPS, published=lambda: pytest.fail("asked")) == expected
    copies = tmp_path / "copies/site"
    assert sorted(p.relative_to(copies).as_posix() for p in copies.rglob("*.html")) == list(pages)
    assert "early warning score" in (copies / "b/index.html").read_text("utf-8")
    plain = SearchIndexer().index(pages, ())
    for fallback in (lambda: None, None):  # no folder: copies of every page
        other = SearchIndexer(tmp_path / f"fallback-{fallback is None}", kept=True)
        assert other.index(pages, (), published=fallback) == plain
        assert len(list((other.folder or tmp_path).rglob("site/*/index.html"))) == 2
    assert indexer.index(pages, (), published=lambda: folder) == plain
    assert not copies.exists()  # the copies of before are not kept for nothing


def test_a_scratch_indexer_names_its_index_files_until_it_is_done() -> None:
    """A build without a cache links the index files from the indexer's own folder:
    they are there, holding the index's bytes, until the indexer is done."""
    with scratch_indexer() as indexer:
        index = indexer.index(site("Score NEWS2"), ())
        files = indexer.bundle_files()
        assert any(name.startswith("pagefind/fragment/") for name in files)
        assert all(files[name].read_bytes() == index[name] for name in files)
        folder = indexer.folder
    assert folder is not None and not folder.parent.exists()
