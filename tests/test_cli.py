"""The command line: exit codes, summaries, quiet and verbose output."""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support import INVALID_CASES, REPO, overlay, run_cli, tree_digest
from toolkit_builder import cli


def test_check_valid_site_exits_zero_with_summary(site_copy: Path) -> None:
    result = run_cli("check", str(site_copy))
    assert result.code == 0
    assert "Content is valid: 0 errors" in result.out
    assert not (site_copy / "output").exists()


def test_build_prints_one_line_summary(site_copy: Path) -> None:
    result = run_cli("build", str(site_copy))
    assert result.code == 0
    summary = result.out.strip().splitlines()
    assert len(summary) == 1
    assert summary[0].startswith("Built ") and " pages, " in summary[0] and " warning" in summary[0]
    # Not a terminal: plain progress lines, one per stage.
    assert "Rendering pages" in result.err and "\r" not in result.err


def test_quiet_prints_nothing_on_success(site_copy: Path) -> None:
    result = run_cli("build", str(site_copy), "--quiet")
    assert (result.code, result.out, result.err) == (0, "", "")


def test_missing_site_yaml_is_a_usage_error(tmp_path: Path) -> None:
    result = run_cli("build", str(tmp_path))
    assert result.code == 2
    assert "no site.yaml" in result.err


def test_strict_fails_on_warnings(site_copy: Path) -> None:
    toolkit = site_copy / "content" / "toolkits" / "falls.md"
    toolkit.write_text(
        toolkit.read_text().replace("last_reviewed: 2026-06-01", "last_reviewed: 2020-01-01")
    )
    relaxed = run_cli("check", str(site_copy), "-q")
    assert relaxed.code == 0
    assert "warning: toolkit 'falls' was last reviewed" in relaxed.err
    strict = run_cli("check", str(site_copy), "-q", "--strict")
    assert strict.code == 1
    assert "content/toolkits/falls.md:1:1: warning: toolkit 'falls' was last reviewed" in strict.err


def test_console_script_and_module_entry_points(site_copy: Path) -> None:
    overlay(site_copy, INVALID_CASES / "bad-id")
    for command in (
        [sys.executable, "-m", "toolkit_builder", "check", str(site_copy)],
        [str(Path(sys.executable).parent / "toolkit-builder"), "check", str(site_copy)],
    ):
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        assert done.returncode == 1, done.stderr
        assert "content/organisations.yaml:3:8: 'id': 'West_Side' is not a valid id" in done.stderr
        assert "Traceback" not in done.stderr


def test_the_program_exits_with_the_code_of_the_command_its_objects_frozen(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls: list[str] = []
    monkeypatch.setattr(cli, "main", lambda: calls.append("main") or 3)
    monkeypatch.setattr(cli.gc, "freeze", lambda: calls.append("freeze"))
    with pytest.raises(SystemExit) as exited:
        cli.command()
    assert exited.value.code == 3
    assert calls == ["main", "freeze"]


def test_bad_arguments_exit_two() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "toolkit_builder", "build", "--no-such-flag"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2
    assert "unrecognized arguments" in done.stderr


def test_warnings_cover_family_short_series_and_aims(site_copy: Path) -> None:
    toolkit = site_copy / "content" / "toolkits" / "falls.md"
    toolkit.write_text(
        toolkit.read_text().replace(
            "measures: [falls-rate, risk-assessed, restraint-days]", "measures: [falls-rate]"
        )
    )
    case = site_copy / "content" / "case-studies" / "eastbay-falls.yaml"
    case.write_text(
        case.read_text().replace(
            "aim: By June 2025, 90% of residents have a call bell check.", "aim: Fewer falls."
        )
    )
    result = run_cli("check", str(site_copy), "-q")
    assert result.code == 0
    lines = result.err.splitlines()
    assert (
        "content/toolkits/falls.md:1:1: warning: toolkit 'falls' has no process or balancing measure (a family of measures has at least one outcome, one process and one balancing measure)"
        in lines
    )
    assert (
        "content/case-studies/eastbay-falls.yaml:1:1: warning: the aim of case study 'eastbay-falls' has no number and no date (say how much, by when)"
        in lines
    )
    assert len(lines) == 2


def test_long_toolkit_summary_is_an_error(site_copy: Path) -> None:
    toolkit = site_copy / "content" / "toolkits" / "falls.md"
    long = " ".join(["word"] * 81)
    toolkit.write_text(
        toolkit.read_text().replace(
            "summary: How wards cut falls with simple changes.", f"summary: {long}"
        )
    )
    result = run_cli("check", str(site_copy), "-q")
    assert result.code == 1
    assert (
        "content/toolkits/falls.md:3:10: summary has 81 words; at most 80 are allowed" in result.err
    )


@pytest.mark.parametrize(
    ("code", "reason"),
    [(errno.ENOSPC, "No space left on device"), (errno.EROFS, "Read-only file system")],
)
def test_a_refusing_file_system_is_exit_2_and_keeps_the_output(
    site_copy: Path, monkeypatch: pytest.MonkeyPatch, code: int, reason: str
) -> None:
    assert run_cli("build", str(site_copy), "-j", "1").code == 0
    before = {p: p.read_bytes() for p in (site_copy / "output").rglob("*") if p.is_file()}
    real_open, real_write, real_link = os.open, Path.write_bytes, os.link
    real_copy = shutil.copyfile

    def refuse_open(path: str | Path, flags: int, *args: int, **kwargs: object) -> int:
        if flags & os.O_CREAT and Path(path).name == "index.html":  # a page, or its copy
            raise OSError(code, os.strerror(code), str(path))
        return real_open(path, flags, *args, **kwargs)  # type: ignore[arg-type]

    def refuse_link(source: str | Path, target: str | Path, **kwargs: bool) -> None:
        if Path(target).name == "index.html":  # a copy linked from the store refused too
            raise OSError(code, os.strerror(code), str(target))
        real_link(source, target, **kwargs)

    def refuse_copy(source: str | Path, target: str | Path, **kwargs: bool) -> object:
        if Path(target).name == "index.html":  # a page the link was refused for
            raise OSError(code, os.strerror(code), str(target))
        return real_copy(source, target, **kwargs)

    def refuse_write(self: Path, data: bytes) -> int:
        if self.name == "index.html":
            raise OSError(code, os.strerror(code), str(self))
        return real_write(self, data)

    def stored(folder: Path) -> dict[str, str]:
        # Pagefind's copies are a working folder, judged by their bytes at each build
        # (pages/search.py kept_copies); the store and its record must stay as they were.
        return {k: v for k, v in tree_digest(folder).items() if "/search-copies/" not in k}

    cache = stored(site_copy / ".cache")
    case = site_copy / "content" / "case-studies" / "ward-3.yaml"
    case.write_text(case.read_text().replace("cuts falls", "halves falls"))  # a page to write
    monkeypatch.setattr(os, "open", refuse_open)
    monkeypatch.setattr(Path, "write_bytes", refuse_write)
    monkeypatch.setattr(os, "link", refuse_link)
    monkeypatch.setattr(shutil, "copyfile", refuse_copy)
    result = run_cli("build", str(site_copy), "-j", "1")
    assert result.code == 2
    assert f"index.html: {reason} (the previous output is unchanged)" in result.err
    assert {p: p.read_bytes() for p in (site_copy / "output").rglob("*") if p.is_file()} == before
    assert stored(site_copy / ".cache") == cache
    assert [p.name for p in site_copy.iterdir() if p.name.startswith(".output.")] == []


def test_out_under_a_file_is_exit_2(site_copy: Path) -> None:
    result = run_cli("build", str(site_copy), "--out", str(site_copy / "site.yaml" / "out"))
    assert result.code == 2
    assert f"{site_copy / 'site.yaml'} is a file, not a folder" in result.err


def test_init_where_the_system_refuses_is_exit_2(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    result = run_cli("init", str(blocker / "site"))
    assert result.code == 2
    assert result.err.startswith(f"toolkit-builder: error: cannot use {blocker}")
    assert result.err.strip().endswith("Not a directory")


def test_the_command_line_starts_without_the_pipeline() -> None:
    """A build with nothing changed answers in a fraction of a second: starting the
    command line imports none of the libraries only the pipeline needs."""
    code = (
        "import sys, toolkit_builder.cli, toolkit_builder.build;"
        "toolkit_builder.cli.make_parser();"
        "print(sorted({m.split('.')[0] for m in sys.modules}"
        " & {'matplotlib', 'jinja2', 'openpyxl', 'docx', 'markdown_it', 'babel'}))"
    )
    found = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO
    )
    assert found.stdout == "[]\n"


def test_an_internal_error_says_where_it_was_raised(
    site_copy: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A rare failure may not happen again with --debug: its message names the place."""

    def broken(*_: object, **__: object) -> None:
        set_of_pages = {1}
        for page in set_of_pages:
            set_of_pages.add(page + 1)

    monkeypatch.setattr(cli, "build", broken)
    assert cli.main(["build", str(site_copy), "--quiet"]) == 3
    message = capsys.readouterr().err
    assert "internal error: RuntimeError: Set changed size during iteration" in message
    assert (
        "(in tests/test_cli.py:" in message and " broken, from toolkit_builder/cli.py:" in message
    )
