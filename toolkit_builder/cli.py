"""The command line: thin wrappers around the pipeline stages (no logic of its own)."""

from __future__ import annotations

import argparse
import gc
import os
import sys
import traceback
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import NoReturn, TextIO

from toolkit_builder import __version__
from toolkit_builder.analysis.types import CHART_TYPES, DIRECTIONS, RULE_SETS
from toolkit_builder.authoring.skeletons import NEW_KINDS
from toolkit_builder.build import BuildOptions, build
from toolkit_builder.errors import ContentError, Problem, UsageError, visible
from toolkit_builder.progress import Reporter, SilentReporter, StreamReporter
from toolkit_builder.write import remove_replaced

# The commands' own modules (the pipeline, the preview, `chart`, `new`) are imported
# when their command runs: they bring matplotlib, Jinja and openpyxl, about a second
# that a build with nothing changed (or `--help`) should not wait for.

EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2
SCAFFOLD_COMMANDS = ("new", "init", "schema")


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def make_parser() -> argparse.ArgumentParser:
    """Return the argument parser for every command."""
    parser = _Parser(
        prog="toolkit-builder",
        description="Build a static site for a quality-improvement programme.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    def common(sub: argparse.ArgumentParser) -> None:
        sub.add_argument(
            "site_dir", nargs="?", default=".", type=Path, help="site folder (default: .)"
        )
        sub.add_argument("--strict", action="store_true", help="fail on warnings too")
        sub.add_argument("--quiet", "-q", action="store_true", help="print only problems")
        sub.add_argument("--verbose", "-v", action="store_true", help="print more detail")
        sub.add_argument(
            "--debug", action="store_true", help="show a traceback for unexpected errors"
        )

    build_cmd = commands.add_parser("build", help="build the site into an output folder")
    common(build_cmd)
    build_cmd.add_argument(
        "--out", type=Path, default=None, help="output folder (default: SITE_DIR/output)"
    )
    chart_options(build_cmd)
    check_cmd = commands.add_parser("check", help="validate the content without building")
    common(check_cmd)
    serve_cmd = commands.add_parser(
        "serve", help="preview the site with live reload (drafts shown)"
    )
    serve_cmd.add_argument(
        "site_dir", nargs="?", default=".", type=Path, help="site folder (default: .)"
    )
    serve_cmd.add_argument(
        "--port", type=int, default=8000, help="port (default 8000; 0 picks a free one)"
    )
    serve_cmd.add_argument(
        "--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)"
    )
    serve_cmd.add_argument("--open", action="store_true", help="open the site in a browser")
    serve_cmd.add_argument(
        "--debug", action="store_true", help="show a traceback for unexpected errors"
    )
    chart_options(serve_cmd)
    add_chart_command(commands)
    add_scaffold_commands(commands)
    return parser


def add_chart_command(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `chart DATA.csv --chart …` to the command line."""
    sub = commands.add_parser("chart", help="analyse one measure CSV: JSON or SVG")
    sub.add_argument(
        "data", type=Path, help="CSV file (period, value or numerator/denominator, exclude, note)"
    )
    sub.add_argument("--chart", required=True, choices=CHART_TYPES)
    sub.add_argument("--multiplier", type=float, default=1.0)
    baseline = sub.add_mutually_exclusive_group()
    baseline.add_argument("--baseline-points", type=int, metavar="K")
    baseline.add_argument("--baseline-end", type=date.fromisoformat, metavar="DATE")
    sub.add_argument(
        "--phase-start", type=date.fromisoformat, action="append", default=[], metavar="DATE"
    )
    sub.add_argument("--rules", choices=RULE_SETS, default="anhoej")
    sub.add_argument("--direction", choices=DIRECTIONS, default="neutral")
    sub.add_argument("--target", type=float, help="target in display units (mdc assurance)")
    sub.add_argument("--no-mr-screening", action="store_true")
    sub.add_argument("--title", default="", help="chart title (SVG)")
    sub.add_argument("--debug", action="store_true", help="show a traceback for unexpected errors")
    output = sub.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help="print the analysis as JSON (default)")
    output.add_argument("--svg", type=Path, metavar="OUT.svg", help="write the chart as SVG")


def add_scaffold_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `new KIND ID [SITE_DIR]`, `init DIR` and `schema --out DIR` to the command line."""
    new = commands.add_parser("new", help="add a new content file with placeholders (a draft)")
    new.add_argument("kind", choices=list(NEW_KINDS), help="what to add")
    new.add_argument("id", help="id of the new item, e.g. falls-at-night (the file name)")
    new.add_argument("site_dir", nargs="?", default=".", type=Path, help="site folder (default: .)")
    init = commands.add_parser("init", help="start a new content repository that builds")
    init.add_argument("dir", type=Path, help="new or empty folder")
    schema = commands.add_parser("schema", help="write JSON Schemas of the content files")
    schema.add_argument("--out", type=Path, required=True, help="folder for the .schema.json files")
    for sub in (new, init, schema):
        sub.add_argument("--debug", action="store_true", help="show a traceback for bugs")


def chart_options(sub: argparse.ArgumentParser) -> None:
    """Add the chart cache and parallelism options to a command."""
    sub.add_argument(
        "--cache-dir",
        type=Path,
        default=None,
        help="build cache (default: SITE_DIR/.cache/toolkit-builder)",
    )
    sub.add_argument(
        "--no-cache", action="store_true", help="build everything again, without a cache"
    )
    sub.add_argument(
        "--jobs",
        "-j",
        type=int,
        default=os.cpu_count() or 1,
        help="processes that draw charts and render pages (default: all cores)",
    )


def _options(args: argparse.Namespace, out: Path) -> BuildOptions:
    cache = (
        None if args.no_cache else (args.cache_dir or args.site_dir / ".cache" / "toolkit-builder")
    )
    return BuildOptions(
        args.site_dir,
        out,
        strict=getattr(args, "strict", False),
        cache_dir=cache,
        workers=max(1, args.jobs),
    )


def _serve(args: argparse.Namespace, err: TextIO) -> int:
    from toolkit_builder.preview.serve import run_preview

    def say(text: str) -> None:
        err.write(text + "\n")
        err.flush()

    options = _options(args, args.site_dir / "output")
    try:
        run_preview(options, args.host, args.port, args.open, say)
    except OSError as error:
        err.write(
            f"toolkit-builder: error: cannot serve on {args.host}:{args.port}: {error.strerror or error}\n"
        )
        return EXIT_USAGE
    return EXIT_OK


def _reporter(args: argparse.Namespace, stream: TextIO) -> Reporter:
    if args.quiet:
        return SilentReporter()
    return StreamReporter(stream, live=stream.isatty() and not args.verbose, verbose=args.verbose)


def _print_problems(problems: Sequence[Problem], stream: TextIO) -> None:
    for problem in problems:
        stream.write(f"{problem}\n")


def _summary(problems: Sequence[Problem]) -> str:
    errors = sum(1 for p in problems if p.is_error)
    warnings = len(problems) - errors
    return f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}"


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Run a parsed command; return its exit code (2 when the system refuses a file)."""
    try:
        return _run(args, out, err)
    except OSError as error:
        kept = " (the previous output is unchanged)" if args.command == "build" else ""
        err.write(f"toolkit-builder: error: {environment_message(error)}{kept}\n")
        return EXIT_USAGE


def environment_message(error: OSError) -> str:
    """Return what the system refused and why: 'cannot write out/x: No space left on device'."""
    where = error.filename if error.filename is not None else ""
    if error.filename2 is not None:
        where = f"{where} -> {error.filename2}"
    reason = error.strerror or str(error)
    text = f"cannot use {where}: {reason}" if where else f"the system refused: {reason}"
    return visible(text)


def _run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    if args.command == "chart":
        from toolkit_builder.charts.command import run_chart

        return run_chart(args, out, err)
    if args.command in SCAFFOLD_COMMANDS:
        from toolkit_builder.authoring.scaffold import run_scaffold

        return run_scaffold(args, out, err)
    site_dir: Path = args.site_dir
    if not (site_dir / "site.yaml").is_file():
        err.write(
            f"toolkit-builder: error: no site.yaml in {site_dir} (is this the site folder?)\n"
        )
        return EXIT_USAGE
    if args.command == "serve":
        return _serve(args, err)
    reporter = _reporter(args, err)
    try:
        if args.command == "check":
            from toolkit_builder.build.pipeline import check_site

            _, warnings = check_site(
                BuildOptions(site_dir, site_dir / "output", strict=args.strict), reporter
            )
            _close(reporter)
            _print_problems(warnings, err)
            if not args.quiet:
                out.write(f"Content is valid: {_summary(warnings)}.\n")
            return EXIT_OK
        options = _options(args, args.out or site_dir / "output")
        result = build(options, reporter, keep_replaced=True)
        _close(reporter)
        _print_problems(result.warnings, err)
        if not args.quiet:
            same = " (nothing changed)" if result.unchanged else ""
            out.write(
                f"Built {result.pages} pages, {result.charts} charts, {len(result.warnings)} "
                f"warning{'s' * (len(result.warnings) != 1)} in {result.seconds:.1f} s into {options.out}{same}\n"
            )
            out.flush()
        remove_replaced(result.replaced)
        return EXIT_OK
    except ContentError as error:
        _close(reporter)
        _print_problems(error.problems, err)
        err.write(f"toolkit-builder: {_summary(error.problems)}; nothing was written.\n")
        return EXIT_CONTENT
    except UsageError as error:
        _close(reporter)
        err.write(f"toolkit-builder: error: {visible(str(error))}\n")
        return EXIT_USAGE
    except OSError:
        _close(reporter)
        raise


def _close(reporter: Reporter) -> None:
    if isinstance(reporter, StreamReporter):
        reporter.close()


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    args = make_parser().parse_args(argv)
    try:
        return run(args, sys.stdout, sys.stderr)
    except KeyboardInterrupt:
        sys.stderr.write("toolkit-builder: interrupted\n")
        return 130
    except Exception as error:
        if getattr(args, "debug", False):
            raise
        sys.stderr.write(
            f"toolkit-builder: internal error: {error.__class__.__name__}: {error}"
            f"{raised_where(error)}\n"
            "This is a bug in toolkit-builder, not in your content. Run again with --debug "
            "for a traceback and report it, with this message.\n"
        )
        return 3


def command() -> NoReturn:
    """Run the `toolkit-builder` program (and `python -m toolkit_builder`): the command
    line, then exit with its code.

    The process ends here, so nothing it holds needs collecting: its objects are frozen
    out of the cycle collector first, or Python's last full collections walk the whole
    build again on the way out (about 0.45 s of a cold N = 1000 build; the exit
    handlers still run). Tests call main(), which returns."""
    code = main()
    gc.freeze()
    raise SystemExit(code)


def raised_where(error: BaseException) -> str:
    """Return where `error` was raised, and the last place in toolkit-builder it passed
    (' (in multiprocessing/process.py:63 _cleanup, from toolkit_builder/pages/parallel.py:80
    render_parallel)'): a rare failure may not happen again with --debug."""
    frames = traceback.extract_tb(error.__traceback__)
    if not frames:
        return ""

    def place(frame: traceback.FrameSummary) -> str:
        parts = Path(frame.filename).parts
        package = [i for i, part in enumerate(parts) if part == "toolkit_builder"]
        shown = "/".join(parts[package[-1] :] if package else parts[-2:])
        return f"{shown}:{frame.lineno} {frame.name}"

    ours = [f for f in frames if "toolkit_builder" in Path(f.filename).parts]
    where = f" (in {place(frames[-1])}"
    if ours and ours[-1] is not frames[-1]:
        where += f", from {place(ours[-1])}"
    return where + ")"
