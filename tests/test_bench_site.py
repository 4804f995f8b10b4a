"""The synthetic benchmark site is valid and deterministic."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.support import REPO, run_cli


def test_synthetic_site_is_valid_and_deterministic(tmp_path: Path) -> None:
    for name in ("a", "b"):
        subprocess.run(
            [
                sys.executable,
                str(REPO / "bench" / "make_site.py"),
                "40",
                "--out",
                str(tmp_path / name),
            ],
            check=True,
        )
    result = run_cli("check", str(tmp_path / "a"), "-q", "--strict")
    assert result.code == 0, result.err
    files_a = sorted(
        p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*") if p.is_file()
    )
    assert len([p for p in files_a if p.parts[1:2] == ("case-studies",)]) == 40
    for path in files_a:
        assert (tmp_path / "a" / path).read_bytes() == (tmp_path / "b" / path).read_bytes()


def test_refuses_a_folder_it_did_not_make(tmp_path: Path) -> None:
    (tmp_path / "mine.txt").write_text("keep me")
    done = subprocess.run(
        [sys.executable, str(REPO / "bench" / "make_site.py"), "5", "--out", str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode != 0 and "refusing" in done.stderr
    assert (tmp_path / "mine.txt").read_text() == "keep me"
