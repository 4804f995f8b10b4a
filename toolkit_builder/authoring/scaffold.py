"""The `new`, `init` and `schema` commands: the only writers of new content files.

The file texts come from pure functions (`skeletons.py`, `starter.py`,
`jsonschema_out.py`); this module picks ids from the site, checks the command
line, and creates files without ever overwriting one.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Mapping
from datetime import UTC, date, datetime
from pathlib import Path, PurePosixPath
from typing import TextIO

from toolkit_builder.analysis.types import RATIO_CHARTS
from toolkit_builder.authoring import casestudyskeleton, skeletons
from toolkit_builder.authoring.jsonschema_out import all_schemas, schema_text
from toolkit_builder.authoring.skeletons import MeasureRef, SiteRefs, Skeleton
from toolkit_builder.authoring.starter import starter_site
from toolkit_builder.content.fields import ID_HINT, ID_PATTERN
from toolkit_builder.content.itemcheck import RESERVED_PAGE_IDS
from toolkit_builder.content.load import load_site
from toolkit_builder.content.model import Site
from toolkit_builder.content.validate import validate_site
from toolkit_builder.errors import UsageError, visible


def scaffold_date() -> date:
    """Return the date new files carry: SOURCE_DATE_EPOCH if set, else today."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    return datetime.fromtimestamp(int(epoch), UTC).date() if epoch else date.today()


def run_scaffold(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Run `new`, `init` or `schema`; return the exit code (2 for a refused command line)."""
    try:
        if args.command == "schema":
            for path in write_schemas(args.out):
                out.write(f"Wrote {path}\n")
        elif args.command == "init":
            written = create_files(_empty_folder(args.dir), starter_site(scaffold_date()))
            out.write(f"Started a site in {args.dir} ({len(written)} files).\n")
            out.write(f"Next: toolkit-builder build {args.dir}  (see {args.dir}/README.md)\n")
        else:
            _run_new(args, out, err)
    except UsageError as error:
        err.write(f"toolkit-builder: error: {visible(str(error))}\n")
        return 2
    return 0


def _run_new(args: argparse.Namespace, out: TextIO, err: TextIO) -> None:
    skeleton = new_skeleton(args.kind, args.id, _read_site(args.site_dir), scaffold_date())
    for path in create_files(args.site_dir, skeleton.files):
        out.write(f"Wrote {path}\n")
    for item in skeleton.todo:
        err.write(f"fill in: {item}\n")
    if skeleton.draft:
        out.write(f"It is a draft: preview it with toolkit-builder serve {args.site_dir}\n")


def new_skeleton(kind: str, item_id: str, site: Site, today: date) -> Skeleton:
    """Return the files of a new item of `kind`, naming ids that exist in `site`."""
    if not ID_PATTERN.fullmatch(item_id):
        raise UsageError(f"'{item_id}' is not a valid id: {ID_HINT}")
    if kind == "page":
        if item_id in RESERVED_PAGE_IDS:
            raise UsageError(f"'{item_id}' is the address of a list of the site; choose another id")
        return skeletons.page(item_id)
    refs = pick_refs(site, item_id)
    if kind == "toolkit":
        return skeletons.toolkit(item_id, refs, today)
    if kind == "change-package":
        return skeletons.change_package(item_id, today)
    if kind == "measure":
        return skeletons.measure(item_id)
    if kind == "case-study":
        return casestudyskeleton.case_study(item_id, refs, today)
    return skeletons.event(item_id, today)


def pick_refs(site: Site, new_id: str = "") -> SiteRefs:
    """Return ids from the published site for a new item: its first toolkit, idea, measure…."""
    packages = {p.id: p for p in site.change_packages}
    measures = {m.id: m for m in site.measures}
    with_ideas = [
        t
        for t in site.toolkits
        if t.change_package in packages and packages[t.change_package].change_ideas
    ]
    toolkit = (with_ideas or list(site.toolkits) or [None])[0]
    ideas = packages[toolkit.change_package].change_ideas if toolkit in with_ideas else ()
    measure = (
        next((measures[m] for m in toolkit.measures if m in measures), None) if toolkit else None
    )
    series = None
    if measure is not None:
        counts = measure.chart in RATIO_CHARTS or (
            measure.chart == "run" and measure.scoring in ("proportion", "rate")
        )
        series = MeasureRef(measure.id, measure.chart, counts, measure.frequency)
    settings = [s for s in (toolkit.settings if toolkit else ()) if s in site.config.settings]
    family = [
        next((m.id for m in site.measures if m.type == kind), "")
        for kind in ("outcome", "process", "balancing")
    ]
    package = new_id if new_id in packages else next(iter(sorted(packages)), "")
    # A new toolkit on a package another toolkit uses starts from that toolkit's measures.
    sibling = next((t for t in site.toolkits if t.change_package == package), None)
    if sibling is not None and any(m in measures for m in sibling.measures):
        family = [m for m in sibling.measures if m in measures]
    return SiteRefs(
        toolkit=toolkit.id if toolkit else "",
        change_package=package,
        change_idea=ideas[0].id if ideas else "",
        toolkit_measures=tuple(m for m in family if m) or tuple(sorted(measures))[:1],
        series=series,
        organisation=site.organisations[0].id if site.organisations else "",
        topic=site.topics[0].id if site.topics else "",
        setting=(settings or list(site.config.settings) or [""])[0],
    )


def _read_site(site_dir: Path) -> Site:
    if not (site_dir / "site.yaml").is_file():
        raise UsageError(f"no site.yaml in {site_dir} (is this the site folder?)")
    site, _ = validate_site(load_site(site_dir))
    return site


def _empty_folder(folder: Path) -> Path:
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"{folder} is a file, not a folder")
    if folder.is_dir() and any(folder.iterdir()):
        raise UsageError(f"{folder} is not empty: init starts a site only in a new or empty folder")
    return folder


def create_files(root: Path, files: Mapping[PurePosixPath, str]) -> list[Path]:
    """Create every file under `root` and return their paths; refuse if any already exists."""
    targets = [root / path for path in files]
    for target in targets:
        if target.exists():
            raise UsageError(f"{target} already exists; it was left as it is (choose another id)")
    for target, text in zip(targets, files.values(), strict=True):
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("x", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    return targets


def _inside_content(folder: Path) -> bool:
    absolute = folder.resolve()
    return any(
        part.name == "content" and (part.parent / "site.yaml").is_file()
        for part in (absolute, *absolute.parents)
    )


def write_schemas(folder: Path) -> list[Path]:
    """Write (or refresh) one JSON Schema per content file type; return the paths."""
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"{folder} is not a folder")
    if _inside_content(folder):
        raise UsageError(f"{folder} is inside a content folder; write the schemas beside it")
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, schema in all_schemas().items():
        path = folder / name
        path.write_text(schema_text(schema), encoding="utf-8", newline="\n")
        written.append(path)
    return written
