"""Render many pages across cores: forked processes share the prepared build, send back bytes.

A forked process starts with the parent's memory: the Jinja environment, the site and
its pages' contexts are already there, so nothing is pickled on the way in (pickling
the site would cost more than rendering it). Each process renders one contiguous part
of the pages and sends back their bytes through a pipe; the parent renders the last
part itself, so its environment ends set up as after a serial render. A part whose
process fails (an error in a template, a killed process) is rendered again in the
parent, where the error is raised with its traceback, as in a serial build.
"""

from __future__ import annotations

import gc
import itertools
import multiprocessing
from collections.abc import Callable, Sequence
from multiprocessing.connection import Connection
from typing import TypeVar

Job = TypeVar("Job")
Page = TypeVar("Page")
"""A rendered page as `render` returns it (its bytes, or the name it was stored under)."""

PARALLEL_FROM = 64
"""Render in several processes only from this many pages: below it, forking a large
process costs more than it saves."""


def split(jobs: Sequence[Job], parts: int) -> list[Sequence[Job]]:
    """Return `jobs` cut into at most `parts` contiguous parts of near-equal length, in order."""
    parts = max(1, min(parts, len(jobs)))
    size, extra = divmod(len(jobs), parts)
    cuts = [0]
    for index in range(parts):
        cuts.append(cuts[-1] + size + (1 if index < extra else 0))
    return [jobs[start:end] for start, end in itertools.pairwise(cuts)]


def _render_part(
    render: Callable[[Sequence[Job]], list[Page]], part: Sequence[Job], send: Connection
) -> None:
    """In a forked process: send `render(part)`, or None when it fails (the parent retries)."""
    try:
        pages = render(part)
    except BaseException:  # the parent renders the part again, and raises
        send.send(None)
    else:
        send.send(pages)
    finally:
        send.close()


def render_parallel(
    jobs: Sequence[Job],
    render: Callable[[Sequence[Job]], list[Page]],
    workers: int,
    progress: Callable[[int], None] | None = None,
) -> list[Page]:
    """Return `render(jobs)`, computed in up to `workers` processes; the pages in job order.

    `render` must give the same bytes for a page whichever part it is in. Without fork
    (not Linux or macOS), with one worker or few pages, everything is rendered here.
    `progress(n)` is told as each part comes back.
    """
    forking = "fork" in multiprocessing.get_all_start_methods()
    if workers <= 1 or len(jobs) < PARALLEL_FROM or not forking:
        return _report(render(jobs), progress)
    context = multiprocessing.get_context("fork")
    *forked_parts, own_part = split(jobs, workers)
    children = []
    gc.freeze()  # the children do not touch (and so copy) the parent's objects to collect them
    try:
        for part in forked_parts:
            receive, send = context.Pipe(duplex=False)
            process = context.Process(target=_render_part, args=(render, part, send), daemon=True)
            process.start()
            send.close()
            children.append((part, process, receive))
        own = _report(render(own_part), progress)
        results = []
        for part, process, receive in children:
            try:
                pages = receive.recv()
            except EOFError:
                pages = None  # the process ended without sending (killed)
            finally:
                receive.close()
                process.join()
            results.append(_report(render(part) if pages is None else pages, progress))
    finally:
        for _part, process, _receive in children:
            if process.is_alive():
                process.kill()
                process.join()
        gc.unfreeze()
    return [page for part in results for page in part] + own


def _report(pages: list[Page], progress: Callable[[int], None] | None) -> list[Page]:
    if progress is not None:
        progress(len(pages))
    return pages
