"""Toolkit bundles: one deterministic ZIP per toolkit and language, to copy and use offline.

A language's bundle is made from the site in that language (its `PageLanguage`):
the toolkit's own texts where they are translated, the catalogue's words for
everything else. The default language's bundle sits beside the toolkit page
(`toolkits/<id>/<id>-v<version>.zip`); another language's under its code, named
with it (`cy/toolkits/<id>/<id>-v<version>-cy.zip`), so the two unzip side by side.
Files that are the same in every language (blank data sheets, bundled resources)
are made once, as are workbooks a measure page offers too; the costly ones (workbooks,
office documents, the diagram's PNG, the ZIP) are kept by what they are made from,
for the next build to reuse (`MadeFiles`, reuse/made.py).
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from jinja2 import Environment
from markdown_it import MarkdownIt

from toolkit_builder.content.model import Licence, Measure, Site, Toolkit
from toolkit_builder.content.urls import item_path
from toolkit_builder.errors import ContentError, Problem
from toolkit_builder.language.pageformat import PageFormat
from toolkit_builder.pages.driverdiagram import draw_driver_diagram
from toolkit_builder.pages.render import PageLanguage
from toolkit_builder.pages.toolkitpage import services_that_tested
from toolkit_builder.reuse.bundlefiles import (
    change_package_yaml,
    collection_columns,
    data_collection_csv,
    measures_csv,
    pdsa_markdown,
    public_url,
    resource_entry,
)
from toolkit_builder.reuse.bundlepages import bundle_pages
from toolkit_builder.reuse.made import MadeFiles

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


def language_tag(page_lang: PageLanguage) -> str:
    """Return what a language adds to a bundle's name: '' for the default, else '-cy'."""
    return "" if page_lang.lang == page_lang.languages.default else f"-{page_lang.lang}"


def bundle_folder(toolkit: Toolkit, tag: str = "") -> str:
    """Return the bundle's top folder and file stem: `<id>-v<version>` and the language tag."""
    return f"{toolkit.id}-v{toolkit.version}{tag}"


def bundle_path(toolkit: Toolkit, prefix: str = "", tag: str = "") -> str:
    """Return the output path of a toolkit's ZIP, beside its page in the language's folder."""
    return f"{prefix}toolkits/{toolkit.id}/{bundle_folder(toolkit, tag)}.zip"


def bundle_date(toolkit: Toolkit) -> date:
    """Return the date a bundle stands for: the newer of last review and latest changelog entry."""
    return max([toolkit.last_reviewed, *(c.date for c in toolkit.changelog)])


def toolkit_licence(toolkit: Toolkit, site: Site) -> Licence:
    """Return the toolkit's own licence, or the site's."""
    return toolkit.licence or site.config.licence


def attribution(toolkit: Toolkit, site: Site, words: PageFormat, prefix: str = "") -> str:
    """Return the text to credit when reusing the toolkit, in `words`' language."""
    url = public_url(site.config.base_url, prefix + item_path("toolkit", toolkit.id))
    return words.gettext(
        "Adapted from %(toolkit)s v%(version)s, %(site)s, %(url)s, licensed under %(licence)s"
    ) % {
        "toolkit": toolkit.title,
        "version": toolkit.version,
        "site": site.config.title,
        "url": url,
        "licence": toolkit_licence(toolkit, site).name,
    }


def safe_entry(name: str) -> bool:
    """Return whether a path inside the bundle stays inside it (no '..', '.', '' or absolute)."""
    parts = name.split("/")
    return not any(part in ("", ".", "..") for part in parts) and not _UNSAFE.search(name)


def workbook_key(measure: Measure, when: date, lang: str) -> tuple[object, ...]:
    """Return what a measure's workbook in `lang` dated `when` is made from (MadeFiles' key:
    the catalogues are the tool's own, so the language names its words)."""
    return ("workbook", lang, measure, when)


def shared_workbook(measure: Measure, when: date, words: PageFormat, made: MadeFiles) -> bytes:
    """Return a measure's workbook in `words`' language dated `when`, made once."""

    def make() -> bytes:
        from toolkit_builder.reuse.workbook import measure_workbook  # openpyxl: only when needed

        return measure_workbook(measure, when, words)

    return made.get(workbook_key(measure, when, words.lang), make)


def bundle_files(
    toolkit: Toolkit,
    page_lang: PageLanguage,
    env: Environment,
    md: MarkdownIt,
    made: MadeFiles | None = None,
) -> dict[str, bytes]:
    """Return every file of a toolkit's bundle in one language but the manifest, by path inside it.

    The templates are rendered with `env` set to the language's catalogue.
    """
    # The office-document libraries load only for a site with toolkits (a second or so).
    from toolkit_builder.reuse.documents import driver_diagram_png, pdsa_document, toolkit_document
    from toolkit_builder.reuse.docxfile import docx_bytes
    from toolkit_builder.reuse.odtfile import odt_bytes

    made = MadeFiles() if made is None else made
    site, ix, words = page_lang.site, page_lang.ix, page_lang.words
    _ = words.gettext
    prefix = page_lang.languages.prefix(page_lang.lang)
    package = ix.package_of(toolkit)
    services = services_that_tested(package, ix.case_studies_by_toolkit.get(toolkit.id, ()))
    credit = attribution(toolkit, site, words, prefix)
    when = bundle_date(toolkit)
    measures = [ix.measures[m] for m in toolkit.measures]
    files = bundle_pages(toolkit, page_lang, env, md, services, credit)
    files["driver-diagram.svg"] = draw_driver_diagram(package, _)
    online = public_url(site.config.base_url, prefix + item_path("toolkit", toolkit.id))
    comment = _(
        "Change package '%(package)s' of %(toolkit)s v%(version)s, %(url)s, licensed under "
        "%(licence)s. To reuse it, save it as content/change-packages/%(package)s.yaml of a "
        "toolkit_builder site."
    ) % {
        "package": package.id,
        "toolkit": toolkit.title,
        "version": toolkit.version,
        "url": online,
        "licence": toolkit_licence(toolkit, site).name,
    }
    files["change-package.yaml"] = change_package_yaml(package, comment)
    files["measures.csv"] = measures_csv(measures, _)
    for measure in measures:
        columns = collection_columns(measure)  # the same blank sheet in every language
        sheet = made.get(("sheet", columns), lambda m=measure: data_collection_csv(m))
        files[f"data-collection/{measure.id}.csv"] = sheet
        files[f"data-collection/{measure.id}.xlsx"] = shared_workbook(measure, when, words, made)
    files["pdsa-worksheet.md"] = pdsa_markdown(
        toolkit.title, toolkit.version, package, _, words.label
    )
    worksheet = pdsa_document(toolkit, package, words)
    files["pdsa-worksheet.docx"] = made.get(
        ("docx", worksheet, when), lambda: docx_bytes(worksheet, when)
    )
    files["pdsa-worksheet.odt"] = made.get(
        ("odt", worksheet, when), lambda: odt_bytes(worksheet, when)
    )
    diagram = made.get(("png", package, words.lang), lambda: driver_diagram_png(package, _))
    licence = toolkit_licence(toolkit, site)
    document = toolkit_document(toolkit, ix, services, words, diagram, licence, credit)
    files["toolkit.docx"] = made.get(("docx", document, when), lambda: docx_bytes(document, when))
    files["toolkit.odt"] = made.get(("odt", document, when), lambda: odt_bytes(document, when))
    for resource in toolkit.resources:
        if resource.file:
            files[resource_entry(resource)] = site.resource_files[resource.file]
    return files


def manifest(
    toolkit: Toolkit, page_lang: PageLanguage, files: Mapping[str, bytes], credit: str
) -> bytes:
    """Return manifest.json: what the bundle is, its language, licence and credit, and every file's checksum."""
    site = page_lang.site
    licence = toolkit_licence(toolkit, site)
    prefix = page_lang.languages.prefix(page_lang.lang)
    data = {
        "id": toolkit.id,
        "title": toolkit.title,
        "version": toolkit.version,
        "language": page_lang.lang,
        "date": bundle_date(toolkit).isoformat(),
        "url": public_url(site.config.base_url, prefix + item_path("toolkit", toolkit.id)),
        "licence": {"name": licence.name, "url": licence.url},
        "attribution": credit,
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
    toolkit: Toolkit,
    page_lang: PageLanguage,
    env: Environment,
    md: MarkdownIt,
    made: MadeFiles | None = None,
) -> Bundle:
    """Return a toolkit's bundle in one language; raise ContentError if a path would leave it."""
    made = MadeFiles() if made is None else made
    files = bundle_files(toolkit, page_lang, env, md, made)
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
    prefix = page_lang.languages.prefix(page_lang.lang)
    credit = attribution(toolkit, page_lang.site, page_lang.words, prefix)
    files["manifest.json"] = manifest(toolkit, page_lang, files, credit)
    tag = language_tag(page_lang)
    folder, when = bundle_folder(toolkit, tag), bundle_date(toolkit)
    data = made.get(("zip", folder, files, when), lambda: zip_bytes(folder, files, when))
    return Bundle(bundle_path(toolkit, prefix, tag), data)


def site_bundles(
    page_lang: PageLanguage,
    env: Environment,
    md: MarkdownIt,
    made: MadeFiles | None = None,
) -> dict[str, Bundle]:
    """Return the bundle of every toolkit of the site in one language, by toolkit id."""
    made = MadeFiles() if made is None else made
    return {
        t.id: made.by_inputs(
            f"bundle:{page_lang.lang}:{t.id}",
            bundle_inputs(t, page_lang),
            lambda t=t: toolkit_bundle(t, page_lang, env, md, made),  # type: ignore[misc]
        )
        for t in page_lang.site.toolkits
    }


def bundle_inputs(toolkit: Toolkit, page_lang: PageLanguage) -> tuple[object, ...]:
    """Return every model value a toolkit's bundle in one language is made from.

    That is what its pages, documents and files show: the toolkit, its change package
    and the measures it and its ideas name, the toolkit that replaces it, its topics,
    the case studies of the toolkit and of any toolkit sharing its package (its
    services and testers) with their organisations, its bundled files, and the
    site's settings. The templates and catalogues are not here: a bundle is not
    reused when a template changed (build/pipeline.py), and the catalogues are the
    tool's own.
    """
    site, ix = page_lang.site, page_lang.ix
    package = ix.package_of(toolkit)
    named = {*toolkit.measures, *(m for idea in package.change_ideas for m in idea.measures)}
    testers = tuple(ix.testers.get((package.id, idea.id), ()) for idea in package.change_ideas)
    cases = {c.id: c for c in ix.case_studies_by_toolkit.get(toolkit.id, ())}
    cases.update((c.id, c) for found in testers for c in found)
    organisations = sorted({o for case in cases.values() for o in case.organisations})
    return (
        page_lang.lang,
        page_lang.languages.codes,
        site.config,
        toolkit,
        package,
        tuple(ix.measures.get(m) for m in sorted(named)),
        ix.toolkits.get(toolkit.superseded_by) if toolkit.superseded_by else None,
        tuple(ix.topics.get(t) for t in toolkit.topics),
        ix.case_studies_by_toolkit.get(toolkit.id, ()),
        testers,
        tuple(ix.organisations.get(o) for o in organisations),
        tuple(site.resource_files.get(r.file) for r in toolkit.resources if r.file),
    )


def bundle_keys(bundles: Mapping[str, Bundle]) -> dict[str, object]:
    """Return the dependency key `bundle:<toolkit id>` of each bundle: what its page shows of it."""
    return {f"bundle:{tid}": (b.path, b.size) for tid, b in bundles.items()}
