"""The preview runs with a short switch interval, and gives the interpreter's back after."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from toolkit_builder.build import BuildOptions
from toolkit_builder.preview import serve
from toolkit_builder.preview.responsive import SWITCH_SECONDS, responsive_threads


def test_the_interval_is_short_inside_and_restored_after_even_on_error() -> None:
    before = sys.getswitchinterval()
    assert before != pytest.approx(SWITCH_SECONDS)
    with pytest.raises(KeyboardInterrupt), responsive_threads():
        assert sys.getswitchinterval() == pytest.approx(SWITCH_SECONDS)
        raise KeyboardInterrupt
    assert sys.getswitchinterval() == before


def test_the_preview_serves_with_the_short_interval(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    seen: list[float] = []
    monkeypatch.setattr(serve, "_run_preview", lambda *_: seen.append(sys.getswitchinterval()))
    serve.run_preview(BuildOptions(tmp_path, tmp_path / "out"), "127.0.0.1", 0, False, print)
    assert seen == [pytest.approx(SWITCH_SECONDS)]
    assert sys.getswitchinterval() != pytest.approx(SWITCH_SECONDS)
