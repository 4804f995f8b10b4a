"""Build into the output folder, doing again only what changed since the last build.

With a cache folder (options.cache_dir), a build first hashes what it would read
(the site's files, the build settings) and what would read it (the tool), and
compares that with the record of the last build (cache/record.py):

- nothing changed and the output folder is as that build wrote it: nothing to do;
- nothing changed, but the output was removed, edited or asked elsewhere: it is
  written again from the last output (hard links) and the store;
- else the pipeline runs with the last build's pages, charts and search index
  (cache/persist.py), so only what the change touched is made again; the output
  is written with its unchanged files hard-linked from the last output.

Only the last case imports the pipeline (matplotlib, Jinja, openpyxl: about a
second); a failed build changes neither the output nor the record.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath

import toolkit_builder
from toolkit_builder.build.collector import fewer_collections
from toolkit_builder.build.options import BuildOptions, BuildResult, build_date
from toolkit_builder.cache.fingerprint import settings_digest, tool_fingerprint
from toolkit_builder.cache.record import BuildRecord, record_from_json, record_to_json
from toolkit_builder.cache.store import CacheStore, digest_of
from toolkit_builder.content.digest import key_digests
from toolkit_builder.content.load import site_digest, template_digests
from toolkit_builder.progress import Reporter, SilentReporter
from toolkit_builder.regularfile import read_regular
from toolkit_builder.write import (
    MARKER,
    StagedSite,
    check_output_folder,
    file_stamps,
    write_site,
)


@dataclass(frozen=True, slots=True)
class LastBuild:
    """What the cache knows before a build."""

    store: CacheStore
    tool: str
    """The fingerprint of this tool (a record by another is not used)."""
    inputs: str
    """The digest of this build's input: the site's files and the settings."""
    record: BuildRecord | None
    """The last successful build by this tool, if the store has one."""
    intact: frozenset[str]
    """Files of the output folder still as the last build wrote them (by their stamps;
    none when the record is of another output folder)."""

    def previous(self, name: str, digest: str) -> Path | None:
        """Return the last output's file `name` if it is intact and its bytes are `digest`.

        The bytes are read and checked, not only the stamp: a record is untrusted
        input (SECURITY.md), and a file is linked into the new output only when it
        holds exactly what this build publishes there.
        """
        record = self.record
        if record is None or name not in self.intact or record.files.get(name) != digest:
            return None
        path = Path(record.out) / name
        data = read_regular(path)
        return path if data is not None and digest_of(data) == digest else None


def build(
    options: BuildOptions, reporter: Reporter | None = None, keep_replaced: bool = False
) -> BuildResult:
    """Build the site into options.out; raise ContentError (output untouched) on problems.

    With `keep_replaced` the previous output is moved aside, not removed: the
    result names it, for the caller to remove once it has reported the build.
    """
    reporter = reporter or SilentReporter()
    started = time.perf_counter()
    check_output_folder(options.site_root, options.out)
    out = options.out.resolve()
    last = last_build(options, reporter)
    record = last.record if last is not None else None
    if last is not None and record is not None and record.inputs == last.inputs:
        if record.out == str(out) and last.intact == set(record.stamps):
            reporter.detail("nothing changed since the last build: the output is kept")
            return _summary(record, started)
        links = _restorable(last, record)
        if links is not None:
            reporter.stage("Writing from the cache", len(links))
            replaced = write_site({}, out, links, keep_replaced)
            _save(last, replace(record, out=str(out)), reporter)
            return replace(_summary(record, started), unchanged=False, replaced=replaced)
    with fewer_collections():  # the pipeline holds the content: full collections cost seconds
        return _build_changes(options, last, reporter, keep_replaced, started)


def last_build(options: BuildOptions, reporter: Reporter) -> LastBuild | None:
    """Return what the cache knows of the last build; None without a (usable) cache."""
    if options.cache_dir is None:
        return None
    reporter.stage("Checking for changes")
    store = CacheStore.open(options.cache_dir, options.site_root)
    if store is None:
        reporter.detail(f"cache not used: a link leads into {options.cache_dir}")
        return None
    tool = tool_fingerprint(toolkit_builder.__version__)
    settings = {
        "site": site_digest(options.site_root),
        "strict": str(options.strict),
        "drafts": str(options.include_drafts),
        "today": build_date(options).isoformat(),
    }
    record = record_from_json(store.read_record(), tool)
    intact: frozenset[str] = frozenset()
    if record is not None and record.out == str(options.out.resolve()):
        stamps = file_stamps(options.out.resolve(), record.stamps)
        intact = frozenset(n for n, stamp in record.stamps.items() if stamps.get(n) == stamp)
    return LastBuild(store, tool, settings_digest(settings), record, intact)


def _restorable(last: LastBuild, record: BuildRecord) -> dict[str, Path] | None:
    """Return where every output file of the record can be linked from, or None if the
    store lost one (then the pipeline makes it again)."""
    links: dict[str, Path] = {}
    for name, digest in record.files.items():
        found = last.previous(name, digest) or last.store.verified_path(digest)
        if found is None:
            return None
        links[name] = found
    return links


def _build_changes(
    options: BuildOptions,
    last: LastBuild | None,
    reporter: Reporter,
    keep_replaced: bool,
    started: float,
) -> BuildResult:
    # Imported here, not above: the pipeline brings matplotlib, Jinja and openpyxl,
    # which a build with nothing changed never needs (see the module docstring).
    from toolkit_builder.build.pipeline import build_in_memory
    from toolkit_builder.cache.persist import Digests, restore_cache
    from toolkit_builder.pages.search import scratch_indexer

    digests = Digests()
    record = last.record if last is not None else None
    cache = restore_cache(last.store, record, digests) if last is not None else None
    templates = template_digests(options.site_root) if last is not None else {}
    changed = _changed_templates(record.templates if record else {}, templates)
    # Charts come from the verified store (cache/store.py), never from the preview's
    # chart folder, whose files are named by what they show, not by their bytes.
    store = last.store if last is not None else None  # pages and charts stored as made
    staged = StagedSite(options.out)
    kept: set[str] = set()  # output files the store has kept already
    # Without a cache, Pagefind writes its index in a folder of this build's, removed
    # at the end, so that its files are linked into the output rather than written again.
    scope = contextlib.ExitStack()
    search = cache.search if cache is not None else scope.enter_context(scratch_indexer())

    def links_to(files: Mapping[str, str], stored: Mapping[str, str]) -> dict[str, Path]:
        """Return where the files can be linked from: the last output, the store."""
        if last is None:
            return {}
        links = {n: p for n, d in files.items() if (p := last.previous(n, d)) is not None}
        for name, digest in stored.items():  # stored by this build, or checked
            links[name] = last.store.stored_path(digest)
        return links

    def write_pages(
        output: Mapping[str, bytes],
        stored: Mapping[str, str],
        written: Callable[[Path | None], None],
    ) -> None:
        files = {name: digests.of(data) for name, data in output.items()}
        links = links_to(files, stored)
        bundle = search.bundle_files()  # the search index as Pagefind wrote it: linked
        links.update((n, bundle[n]) for n in files.keys() - links.keys() if n in bundle)
        reporter.stage("Writing pages", len(files) + len(stored) - len(links))
        staged.write(output, links)
        written(staged.folder)  # the search index may read the pages there now
        if last is not None and staged.folder is not None:
            # kept now, while the charts are drawn, rather than after them (see _save)
            with contextlib.suppress(OSError):  # a cache that cannot be written: _save tries
                last.store.keep_output(files, staged.folder, {})
                kept.update(files)
        if cache is not None and not cache.memo.digests:
            # what the record keeps of the pages' inputs, digested while the charts are
            # drawn rather than after (cache/persist.py cache_parts)
            cache.memo.digests = key_digests(cache.memo.keys)

    try:
        result = build_in_memory(
            replace(options, cache_dir=None),
            reporter,
            cache,
            changed,
            True,
            store,
            pages_made=write_pages,
            search=search,
        )
        if cache is not None:
            reused = result.pages - cache.memo.rendered
            reporter.detail(f"{cache.memo.rendered} page(s) rendered, {reused} from the cache")
        files = {name: digests.of(data) for name, data in result.output.items()}
        rest = {name: digest for name, digest in files.items() if name not in staged}
        rest_stored = {n: d for n, d in result.stored.items() if n not in staged}
        links = links_to(rest, rest_stored)
        if last is not None:
            files.update(result.stored)
        reporter.stage("Writing", len(rest) + len(rest_stored) - len(links))
        staged.write({n: d for n, d in result.output.items() if n in rest}, links)
        replaced = staged.finish(keep_replaced)
    except BaseException:
        staged.discard()
        if last is not None:  # a failed build leaves the cache as it found it
            _forget_unrecorded(last)
        raise
    finally:
        scope.close()
    if last is not None and cache is not None:
        from toolkit_builder.cache.persist import cache_parts

        render, svgs, made_files, search_key, search, blobs = cache_parts(cache, digests)
        made = BuildRecord(
            tool=last.tool,
            inputs=last.inputs,
            out=str(options.out.resolve()),
            files=files,
            stamps={},
            pages=result.pages,
            charts=result.charts,
            warnings=result.warnings,
            templates=templates,
            render=render,
            svgs=svgs,
            made=made_files,
            search_key=search_key,
            search=search,
        )
        # the charts are in the store already: drawn into it, or checked there
        _save(last, made, reporter, blobs, frozenset(kept) | result.stored.keys())
    seconds = time.perf_counter() - started
    return replace(result, seconds=seconds, replaced=replaced)


def _changed_templates(before: dict[str, str], now: dict[str, str]) -> frozenset[PurePosixPath]:
    """Return the site's template files added, changed or removed since the last build."""
    names = {n for n in before.keys() | now.keys() if before.get(n) != now.get(n)}
    return frozenset(PurePosixPath("templates", name) for name in names)


def _save(
    last: LastBuild,
    record: BuildRecord,
    reporter: Reporter,
    blobs: dict[str, bytes] | None = None,
    kept: frozenset[str] = frozenset(),
) -> None:
    """Store the output's files but those `kept` already, and the record; drop what the
    record no longer names.

    A cache that cannot be written (a full disk) costs the next build time, never
    this build its success: the output is already in place.
    """
    out = Path(record.out)
    try:
        rest = {name: digest for name, digest in record.files.items() if name not in kept}
        last.store.keep_output(rest, out, blobs or {})
        made = replace(record, stamps=file_stamps(out, [*record.files, MARKER]))
        last.store.write_record(record_to_json(made))
        last.store.prune(made.digests())
    except OSError as error:
        reporter.detail(f"cache not saved: {error}")


def _forget_unrecorded(last: LastBuild) -> None:
    """Remove what a failed build stored as it went (pages, charts) and the last record
    does not name; a store that cannot be changed stays as it is."""
    with contextlib.suppress(OSError):
        last.store.prune(last.record.digests() if last.record is not None else ())


def _summary(record: BuildRecord, started: float) -> BuildResult:
    return BuildResult(
        record.pages,
        record.charts,
        len(record.files),
        record.warnings,
        time.perf_counter() - started,
        unchanged=True,
    )
