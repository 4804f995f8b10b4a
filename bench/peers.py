"""The same 1,000 Markdown pages built by toolkit-builder and by its peers (MkDocs, Hugo).

Usage: python bench/peers.py [--pages N] [--runs R] [--mkdocs PATH] [--hugo PATH]

Each tool gets the same pages (title, summary, headings, paragraphs, a list and a
table) in its own layout and builds them as its own process, search included
(toolkit-builder's Pagefind index, MkDocs' search plugin; Hugo has no built-in
search). Figures are medians of R runs of the whole process: clean build (no cache,
empty output), and for toolkit-builder a rebuild with nothing changed (the same
command again, its cache kept) and one with one page edited. The clean builds of
the tools take turns, round after round, so that each meets the machine as the other
does: on a disk that is slow to make files just after many were deleted (an ext4
without a journal skips inodes freed in the last minutes), the tool run last after
a batch of deletions pays for them. `make bench` installs MkDocs from PyPI into
.cache/bench/mkdocs and uses Debian's `hugo` when it is on the PATH.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

WORDS = [
    "patients",
    "staff",
    "ward",
    "escalation",
    "review",
    "huddle",
    "measure",
    "change",
    "idea",
    "test",
    "cycle",
    "plan",
    "study",
    "act",
    "team",
    "service",
    "safety",
    "falls",
    "pressure",
    "injury",
    "deterioration",
    "score",
    "chart",
]


def page_text(index: int) -> tuple[str, str, str]:
    """Return (title, summary, Markdown body) of synthetic page `index`; deterministic."""
    words = [WORDS[(index * 7 + k * 3) % len(WORDS)] for k in range(120)]
    paragraph = " ".join(words).capitalize() + "."
    title = f"Page {index} on {words[0]} and {words[1]}"
    summary = f"What page {index} says about {words[2]} and {words[3]}."
    rows = "\n".join(f"| {words[k]} | {k * index % 97} |" for k in range(5))
    body = (
        f"## What we tested\n\n{paragraph}\n\n{paragraph}\n\n"
        f"## What we learned\n\n- {words[4]} first\n- {words[5]} next\n- {words[6]} last\n\n"
        f"| what | count |\n|---|---:|\n{rows}\n\n## Next steps\n\n{paragraph}\n"
    )
    return title, summary, body


def write_toolkit_builder_site(folder: Path, pages: int) -> None:
    """Write a toolkit-builder site whose content is `pages` free pages."""
    (folder / "content" / "pages").mkdir(parents=True)
    (folder / "site.yaml").write_text(
        "title: Benchmark programme\ndescription: Synthetic pages for a benchmark.\n"
        "base_url: https://example.org/bench/\nlanguages: [en]\n"
        "contact_email: bench@example.org\nsettings: [acute]\n"
        "licence: {name: CC BY 4.0, url: https://creativecommons.org/licenses/by/4.0/}\n",
        encoding="utf-8",
    )
    for index in range(pages):
        title, summary, body = page_text(index)
        (folder / "content" / "pages" / f"page-{index}.md").write_text(
            f"---\ntitle: {title}\nsummary: {summary}\n---\n{body}", encoding="utf-8"
        )


def write_mkdocs_site(folder: Path, pages: int) -> None:
    """Write an MkDocs project with the same pages, search on (its default plugin).

    By default MkDocs lists every page in every page's navigation, so its output
    grows with the square of the pages (207 MB, and 17 s, for 1,000 pages here).
    toolkit-builder's navigation is bounded; so that like is compared with like,
    MkDocs gets a bounded navigation too (the pages are built, but not listed).
    """
    (folder / "docs").mkdir(parents=True)
    (folder / "mkdocs.yml").write_text(
        "site_name: Benchmark programme\nsite_url: https://example.org/bench/\n"
        "plugins: [search]\nnav: [index.md]\nnot_in_nav: |\n  /page-*.md\n",
        encoding="utf-8",
    )
    (folder / "docs" / "index.md").write_text("# Benchmark programme\n", encoding="utf-8")
    for index in range(pages):
        title, summary, body = page_text(index)
        (folder / "docs" / f"page-{index}.md").write_text(
            f"# {title}\n\n{summary}\n\n{body}", encoding="utf-8"
        )


def write_hugo_site(folder: Path, pages: int) -> None:
    """Write a Hugo site with the same pages and a minimal single-page layout."""
    (folder / "content").mkdir(parents=True)
    (folder / "layouts" / "_default").mkdir(parents=True)
    (folder / "hugo.toml").write_text(
        'baseURL = "https://example.org/bench/"\ntitle = "Benchmark programme"\n', encoding="utf-8"
    )
    layout = "<!DOCTYPE html><html><head><title>{{ .Title }}</title></head><body>{{ .Content }}</body></html>\n"
    for name in ("single.html", "list.html"):
        (folder / "layouts" / "_default" / name).write_text(layout, encoding="utf-8")
    for index in range(pages):
        title, summary, body = page_text(index)
        (folder / "content" / f"page-{index}.md").write_text(
            f'---\ntitle: "{title}"\nsummary: "{summary}"\n---\n{body}', encoding="utf-8"
        )


def timed(command: Sequence[str], cwd: Path) -> float:
    """Return the wall seconds of one run of `command` (which must succeed)."""
    started = time.perf_counter()
    subprocess.run(command, cwd=cwd, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def median_of(runs: int, command: Sequence[str], cwd: Path, before: Path | None) -> float:
    """Return the median seconds of `runs` runs, removing `before` (output, cache) first."""
    return in_turn(runs, [(command, cwd, before)])[0]


Run = tuple[Sequence[str], Path, Path | None]
"""A command, the folder it runs in, and what to remove before each run (None: nothing)."""


def in_turn(runs: int, commands: Sequence[Run]) -> list[float]:
    """Return the median seconds of each command over `runs` rounds, each round running
    every command once, in turn (removing its `before` first)."""
    times: list[list[float]] = [[] for _ in commands]
    for _ in range(runs):
        for seconds, (command, cwd, before) in zip(times, commands, strict=True):
            if before is not None:
                shutil.rmtree(before, ignore_errors=True)
            seconds.append(timed(command, cwd))
    return [statistics.median(seconds) for seconds in times]


def compare(pages: int, runs: int, mkdocs: str | None, hugo: str | None, tmp: Path) -> list[str]:
    """Return the Markdown table of the side-by-side figures."""
    ours = tmp / "toolkit-builder"
    write_toolkit_builder_site(ours, pages)
    build = [sys.executable, "-m", "toolkit_builder", "build", ".", "--quiet"]
    clean_builds: list[Run] = [([*build, "--no-cache"], ours, ours / "output")]
    if mkdocs:
        theirs = tmp / "mkdocs"
        write_mkdocs_site(theirs, pages)
        clean_builds.append(([mkdocs, "build", "--quiet"], theirs, theirs / "site"))
    clean, *peers = in_turn(runs, clean_builds)
    peer = peers[0] if peers else None
    timed([*build, "--cache-dir", ".cache"], ours)  # fill the cache once
    unchanged = median_of(runs, [*build, "--cache-dir", ".cache"], ours, None)
    edited = []
    page = ours / "content" / "pages" / "page-0.md"
    original = page.read_text(encoding="utf-8")
    for run in range(runs):
        page.write_text(original.replace("## Next steps", f"## Next steps ({run})"), "utf-8")
        edited.append(timed([*build, "--cache-dir", ".cache"], ours))
    page.write_text(original, encoding="utf-8")
    edit = statistics.median(edited)
    rows = [
        f"| work | toolkit-builder | {'MkDocs' if mkdocs else 'MkDocs (not installed)'} | ratio |",
        "|---|---:|---:|---:|",
    ]
    shown = f"{peer:.2f} s" if peer else "-"
    ratio = f"{clean / peer:.2f}" if peer else "-"
    rows.append(
        f"| {pages} Markdown pages, clean build with search | {clean:.2f} s | {shown} | {ratio} |"
    )
    ratio = f"{unchanged / peer:.2f} (goal <= 0.10)" if peer else "-"
    rows.append(
        f"| the same, nothing changed (cache kept) | {unchanged:.2f} s | {shown} (clean) | {ratio} |"
    )
    ratio = f"{edit / peer:.2f}" if peer else "-"
    rows.append(
        f"| the same, one page edited (cache kept) | {edit:.2f} s | {shown} (clean) | {ratio} |"
    )
    if hugo:
        theirs = tmp / "hugo"
        write_hugo_site(theirs, pages)
        seconds = median_of(runs, [hugo, "--quiet"], theirs, theirs / "public")
        rows.append(f"| Hugo, {pages} pages, clean build (no search) | | {seconds:.2f} s | |")
    return rows


def main(argv: Sequence[str] | None = None) -> int:
    """Build the same pages with each tool and print the table."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--mkdocs", type=lambda p: str(Path(p).resolve()), default=shutil.which("mkdocs")
    )
    parser.add_argument(
        "--hugo", type=lambda p: str(Path(p).resolve()), default=shutil.which("hugo")
    )
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="tkb-peers-") as folder:
        rows = compare(args.pages, args.runs, args.mkdocs, args.hugo, Path(folder))
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    print(
        f"Median of {args.runs} runs of each whole process (clean builds in turn); "
        f"load average at the end: {load}.\n"
    )
    print("\n".join(rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
