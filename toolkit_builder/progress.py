"""Tell the user how a build is going: live on a terminal, plain lines otherwise."""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass, field
from typing import Protocol, TextIO


class Reporter(Protocol):
    """Receives progress from the build stages."""

    def stage(self, name: str, total: int = 0) -> None:
        """Start a stage of `total` items (0 when unknown)."""

    def advance(self, count: int = 1) -> None:
        """Count items done in the current stage."""

    def detail(self, text: str) -> None:
        """Say something only --verbose shows."""


@dataclass(slots=True)
class SilentReporter:
    """Reports nothing (tests, --quiet)."""

    def stage(self, name: str, total: int = 0) -> None:
        """Ignore the stage."""

    def advance(self, count: int = 1) -> None:
        """Ignore progress."""

    def detail(self, text: str) -> None:
        """Ignore details."""


@dataclass(slots=True)
class StreamReporter:
    """Writes progress to a stream: one redrawn line on a terminal, plain lines otherwise."""

    stream: TextIO = field(default_factory=lambda: sys.stderr)
    live: bool = False
    verbose: bool = False
    _name: str = ""
    _total: int = 0
    _done: int = 0
    _last_draw: float = 0.0

    def stage(self, name: str, total: int = 0) -> None:
        """Start a stage and show it."""
        self._finish_line()
        self._name, self._total, self._done = name, total, 0
        if not self.live:
            suffix = f" ({total} items)" if total else ""
            self.stream.write(f"{name}{suffix}\n")
        else:
            self._draw(force=True)

    def advance(self, count: int = 1) -> None:
        """Count items done; redraw the line at most 20 times a second."""
        self._done += count
        if self.live:
            self._draw()

    def detail(self, text: str) -> None:
        """Show a detail line when verbose."""
        if self.verbose:
            self._finish_line()
            self.stream.write(f"  {text}\n")

    def close(self) -> None:
        """End the live line."""
        self._finish_line()

    def _draw(self, force: bool = False) -> None:
        now = time.monotonic()
        if not force and now - self._last_draw < 0.05 and self._done != self._total:
            return
        self._last_draw = now
        count = f" {self._done}/{self._total}" if self._total else ""
        self.stream.write(f"\r\033[K{self._name}{count}")
        self.stream.flush()

    def _finish_line(self) -> None:
        if self.live and self._name:
            self.stream.write("\r\033[K")
            self.stream.flush()
