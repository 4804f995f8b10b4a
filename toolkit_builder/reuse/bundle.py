"""Toolkit bundles: one deterministic ZIP per toolkit to copy and use offline (model in, bytes out)."""

from __future__ import annotations

import hashlib
import io
import json
import re
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from jinja2 import Environment
from markdown_it import MarkdownIt
from markupsafe import Markup

from toolkit_builder.content.model import Licence, Resource, Site, Toolkit
from toolkit_builder.content.siteindex import SiteIndex
from toolkit_builder.content.urls import item_path, target_path
from toolkit_builder.errors import ContentError, Problem
from toolkit_builder.language.i18n import load_translations
from toolkit_builder.language.pageformat import PageFormat
from toolkit_builder.pages.driverdiagram import draw_driver_diagram
from toolkit_builder.pages.markdown import render_markdown
from toolkit_builder.reuse.bundlefiles import (
    MODEL_FOR_IMPROVEMENT,
    PDSA_STAGES,
    change_package_yaml,
    collection_columns,
    data_collection_csv,
    goal_text,
    measures_csv,
    offline_html,
    pdsa_markdown,
)
from toolkit_builder.reuse.documents import pdsa_docx, toolkit_docx
from toolkit_builder.reuse.workbook import measure_workbook

PAGES = ("index.html", "measures.html", "pdsa-worksheet.html")
"""The offline pages of a bundle, each rendered from templates/bundle/<name>."""
STYLESHEET = "toolkit.css"
"""The bundle's own stylesheet (templates/bundle/toolkit.css), so the pages need no network."""
COMPRESSION_LEVEL = 9
FILE_MODE = 0o100644
"""A regular file, readable by all, writable by its owner."""
_UNSAFE = re.compile(r"[\\:\x00-\x1f\x7f]")


@dataclass(frozen=True, slots=True)
class Bundle:
    """A toolkit's ZIP file and its path in the output."""

    path: str
    data: bytes = field(repr=False)

    @property
    def size(self) -> int:
        """Return the size of the ZIP in bytes."""
        return len(self.data)


def bundle_folder(toolkit: Toolkit) -> str:
    """Return the bundle's top folder and file stem: `<id>-v<version>`."""
    return f"{toolkit.id}-v{toolkit.version}"


def bundle_path(toolkit: Toolkit) -> str:
    """Return the output path of a toolkit's ZIP, beside its page."""
    return f"toolkits/{toolkit.id}/{bundle_folder(toolkit)}.zip"


def bundle_date(toolkit: Toolkit) -> date:
    """Return the date a bundle stands for: the newer of last review and latest changelog entry."""
    return max([toolkit.last_reviewed, *(c.date for c in toolkit.changelog)])


def public_url(base_url: str, path: str) -> str:
    """Return the public address of an output path (folder pages without 'index.html')."""
    base = base_url if base_url.endswith("/") else base_url + "/"
    return base + path.removesuffix("index.html")


def toolkit_licence(toolkit: Toolkit, site: Site) -> Licence:
    """Return the toolkit's own licence, or the site's."""
    return toolkit.licence or site.config.licence


def attribution(toolkit: Toolkit, site: Site) -> str:
    """Return the text to credit when reusing the toolkit."""
    url = public_url(site.config.base_url, item_path("toolkit", toolkit.id))
    licence = toolkit_licence(toolkit, site).name
    return (
        f"Adapted from {toolkit.title} v{toolkit.version}, {site.config.title}, {url}, "
        f"licensed under {licence}"
    )


def safe_entry(name: str) -> bool:
    """Return whether a path inside the bundle stays inside it (no '..', '.', '' or absolute)."""
    parts = name.split("/")
    return not any(part in ("", ".", "..") for part in parts) and not _UNSAFE.search(name)


def resource_entry(resource: Resource) -> str:
    """Return where a bundled resource goes in the bundle: under `resources/`."""
    return resource.file if resource.file.startswith("resources/") else f"resources/{resource.file}"


def _page_context(toolkit: Toolkit, site: Site, ix: SiteIndex, md: MarkdownIt) -> dict[str, Any]:
    base = site.config.base_url

    def site_url(kind: str, item_id: str = "") -> str:
        return public_url(base, target_path(kind, item_id))

    def offline_md(text: str, kind: str = "toolkit", item_id: str = toolkit.id) -> Markup:
        page = public_url(base, target_path(kind, item_id))
        return Markup(offline_html(str(render_markdown(md, text)), page))

    measures = [ix.measures[m] for m in toolkit.measures]
    return {
        "toolkit": toolkit,
        "package": ix.package_of(toolkit),
        "measures": measures,
        "sheets": {m.id: f"data-collection/{m.id}.csv" for m in measures},
        "workbooks": {m.id: f"data-collection/{m.id}.xlsx" for m in measures},
        "columns": {m.id: ",".join(collection_columns(m)) for m in measures},
        "bundled": [(r, resource_entry(r)) for r in toolkit.resources if r.file],
        "links": [r for r in toolkit.resources if r.url],
        "licence": toolkit_licence(toolkit, site),
        "attribution": attribution(toolkit, site),
        "date": bundle_date(toolkit),
        "online_url": site_url("toolkit", toolkit.id),
        "site_url": site_url,
        "offline_md": offline_md,
        "goal_text": goal_text,
        "questions": MODEL_FOR_IMPROVEMENT,
        "stages": PDSA_STAGES,
        "stylesheet": STYLESHEET,
        "config": site.config,
        "ix": ix,
        "fmt": PageFormat(site.config.languages[0], load_translations(site.config.languages[0])),
        "lang": site.config.languages[0],
    }


def bundle_files(
    toolkit: Toolkit, site: Site, ix: SiteIndex, env: Environment, md: MarkdownIt
) -> dict[str, bytes]:
    """Return every file of a toolkit's bundle but the manifest, by path inside the bundle."""
    package = ix.package_of(toolkit)
    context = _page_context(toolkit, site, ix, md)
    files = {
        name: env.get_template(f"bundle/{name}").render(page=name, **context).encode("utf-8")
        for name in PAGES
    }
    assert env.loader is not None
    files[STYLESHEET] = env.loader.get_source(env, f"bundle/{STYLESHEET}")[0].encode("utf-8")
    files["driver-diagram.svg"] = draw_driver_diagram(package)
    comment = (
        f"Change package '{package.id}' of {toolkit.title} v{toolkit.version}, "
        f"{public_url(site.config.base_url, item_path('toolkit', toolkit.id))}, licensed under "
        f"{toolkit_licence(toolkit, site).name}. To reuse it, save it as "
        f"content/change-packages/{package.id}.yaml of a toolkit_builder site."
    )
    files["change-package.yaml"] = change_package_yaml(package, comment)
    files["measures.csv"] = measures_csv(context["measures"])
    for measure in context["measures"]:
        files[context["sheets"][measure.id]] = data_collection_csv(measure)
        files[context["workbooks"][measure.id]] = measure_workbook(measure, bundle_date(toolkit))
    files["pdsa-worksheet.md"] = pdsa_markdown(toolkit.title, toolkit.version, package)
    when = bundle_date(toolkit)
    files["pdsa-worksheet.docx"] = pdsa_docx(toolkit.title, toolkit.version, package, when)
    files["toolkit.docx"] = toolkit_docx(toolkit, package, context["measures"], when)
    for resource, entry in context["bundled"]:
        files[entry] = site.resource_files[resource.file]
    return files


def manifest(toolkit: Toolkit, site: Site, files: Mapping[str, bytes]) -> bytes:
    """Return manifest.json: what the bundle is, its licence and credit, and every file's checksum."""
    licence = toolkit_licence(toolkit, site)
    data = {
        "id": toolkit.id,
        "title": toolkit.title,
        "version": toolkit.version,
        "date": bundle_date(toolkit).isoformat(),
        "url": public_url(site.config.base_url, item_path("toolkit", toolkit.id)),
        "licence": {"name": licence.name, "url": licence.url},
        "attribution": attribution(toolkit, site),
        "changelog": [
            {"version": c.version, "date": c.date.isoformat(), "note": c.note}
            for c in toolkit.changelog
        ],
        "resources": [
            {"title": r.title, "path": resource_entry(r), "licence": r.licence}
            for r in toolkit.resources
            if r.file
        ],
        "links": [
            {"title": r.title, "url": r.url, "licence": r.licence}
            for r in toolkit.resources
            if r.url
        ],
        "files": [
            {"path": name, "size": len(data), "sha256": hashlib.sha256(data).hexdigest()}
            for name, data in sorted(files.items())
        ],
    }
    return (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def zip_bytes(folder: str, files: Mapping[str, bytes], when: date) -> bytes:
    """Return a ZIP of the files under one top folder: sorted, fixed times and modes."""
    stamp = (
        (when.year, when.month, when.day, 0, 0, 0) if when.year >= 1980 else (1980, 1, 1, 0, 0, 0)
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in sorted(files):
            info = zipfile.ZipInfo(f"{folder}/{name}", date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # Unix, on every platform, so the modes below mean the same
            info.external_attr = FILE_MODE << 16
            archive.writestr(info, files[name], compresslevel=COMPRESSION_LEVEL)
    return buffer.getvalue()


def toolkit_bundle(
    toolkit: Toolkit, site: Site, ix: SiteIndex, env: Environment, md: MarkdownIt
) -> Bundle:
    """Return a toolkit's bundle; raise ContentError if a path would leave the bundle."""
    files = bundle_files(toolkit, site, ix, env, md)
    unsafe = sorted(name for name in files if not safe_entry(name))
    if unsafe:
        raise ContentError(
            [
                Problem(
                    toolkit.source,
                    f"the bundle of toolkit '{toolkit.id}' would hold the unsafe path '{name}'",
                    "give resource files as paths under content/resources/, without '..'",
                )
                for name in unsafe
            ]
        )
    files["manifest.json"] = manifest(toolkit, site, files)
    data = zip_bytes(bundle_folder(toolkit), files, bundle_date(toolkit))
    return Bundle(bundle_path(toolkit), data)


def site_bundles(site: Site, ix: SiteIndex, env: Environment, md: MarkdownIt) -> dict[str, Bundle]:
    """Return the bundle of every toolkit of the site, by toolkit id."""
    return {t.id: toolkit_bundle(t, site, ix, env, md) for t in site.toolkits}


def bundle_keys(bundles: Mapping[str, Bundle]) -> dict[str, object]:
    """Return the dependency key `bundle:<toolkit id>` of each bundle: what its page shows of it."""
    return {f"bundle:{tid}": (b.path, b.size) for tid, b in bundles.items()}
