"""Progress: a redrawn line with counts on a terminal, plain stage lines otherwise."""

from __future__ import annotations

import io

from toolkit_builder.progress import StreamReporter


def test_terminal_progress_shows_stage_and_counts() -> None:
    stream = io.StringIO()
    reporter = StreamReporter(stream, live=True)
    reporter.stage("Rendering pages", 3)
    for _ in range(3):
        reporter.advance()
    reporter.close()
    text = stream.getvalue()
    assert "\rRendering pages 0/3" in text.replace("\x1b[K", "")
    assert "Rendering pages 3/3" in text
    assert text.endswith("\r\x1b[K")


def test_plain_progress_is_one_line_per_stage_and_verbose_details() -> None:
    stream = io.StringIO()
    reporter = StreamReporter(stream, live=False, verbose=True)
    reporter.stage("Validating", 12)
    reporter.advance(12)
    reporter.detail("12 documents")
    assert stream.getvalue() == "Validating (12 items)\n  12 documents\n"
