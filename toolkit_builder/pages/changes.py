"""What changed between two builds, so the preview re-renders only the pages that show it."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from jinja2 import Environment, meta

from toolkit_builder.content.digest import key_digests
from toolkit_builder.content.model import CaseStudy, Site
from toolkit_builder.pages.navigation import site_navigation
from toolkit_builder.pages.plan import GLOBAL_KEYS, PageJob


def content_keys(site: Site) -> dict[str, object]:
    """Return every dependency key of the site with the value it stands for."""
    keys: dict[str, object] = {
        "config": (site.config, site.today),
        "nav": site_navigation(site).key(),
    }
    kinds = {
        "toolkit": site.toolkits,
        "package": site.change_packages,
        "measure": site.measures,
        "case": site.case_studies,
        "event": site.events,
        "page": site.pages,
    }
    for prefix, found in kinds.items():
        for item in found:
            keys[f"{prefix}:{item.id}"] = item
    for case in site.case_studies:  # what a lesson's own page shows of its case study
        keys[f"case-summary:{case.id}"] = (
            case.title,
            case.lessons,
            case.organisations,
            case.settings,
            case.period,
            case.toolkit,
            case.status,
        )
    keys["kind:toolkits"] = site.toolkits
    keys["kind:case-studies"] = site.case_studies
    keys["kind:measures"] = site.measures
    keys["kind:events"] = site.events
    keys["kind:organisations"] = site.organisations
    keys["kind:topics"] = site.topics
    keys["kind:pages"] = tuple((p.id, p.title, p.summary) for p in site.pages)
    grouped: defaultdict[str, list[CaseStudy]] = defaultdict(list)
    packages = {t.id: t.change_package for t in site.toolkits}
    for case in site.case_studies:
        grouped[f"cases-of-toolkit:{case.toolkit}"].append(case)
        if case.toolkit in packages:  # testers of its ideas, whichever toolkit shares it
            grouped[f"cases-of-package:{packages[case.toolkit]}"].append(case)
        for measure in {s.measure for s in case.series}:
            grouped[f"cases-of-measure:{measure}"].append(case)
        for organisation in case.organisations:
            grouped[f"cases-of-organisation:{organisation}"].append(case)
        for setting in case.settings:
            grouped[f"cases-of-setting:{setting}"].append(case)
    keys.update({key: tuple(cases) for key, cases in grouped.items()})
    return keys


def language_keys(sites: Mapping[str, Site], default: str) -> dict[str, object]:
    """Return the dependency keys of every language's site: `cy:`-named but for the default."""
    keys: dict[str, object] = {}
    for lang, site in sites.items():
        prefix = "" if lang == default else f"{lang}:"
        keys.update({prefix + key: value for key, value in content_keys(site).items()})
    return keys


def changed_keys(old: Mapping[str, object], new: Mapping[str, object]) -> set[str]:
    """Return the keys whose value differs between two builds (added and removed too)."""
    return {key for key in old.keys() | new.keys() if old.get(key) != new.get(key)}


def template_closure(
    env: Environment, name: str, references: dict[str, tuple[str, ...]] | None = None
) -> frozenset[str]:
    """Return the template and every template it extends, includes or imports.

    `references` keeps each template's own references (template name -> the names it
    names) from call to call, so that a template many others use (base.html,
    macros.html) is parsed once: pass the same dict while the templates do not change.
    """
    references = {} if references is None else references
    seen: set[str] = set()
    waiting = [name]
    while waiting:
        current = waiting.pop()
        if current in seen:
            continue
        seen.add(current)
        if current not in references:
            assert env.loader is not None
            source, _, _ = env.loader.get_source(env, current)
            found = meta.find_referenced_templates(env.parse(source))
            references[current] = tuple(ref for ref in found if ref)
        waiting.extend(references[current])
    return frozenset(seen)


def changed_template_names(paths: Iterable[PurePosixPath]) -> frozenset[str]:
    """Return the template names ('toolkit.html') of changed files under templates/."""
    return frozenset(
        PurePosixPath(*p.parts[1:]).as_posix()
        for p in paths
        if len(p.parts) > 1 and p.parts[0] == "templates" and p.parts[1] != "static"
    )


@dataclass(slots=True)
class RenderMemo:
    """What the last build rendered, to reuse pages whose inputs did not change."""

    keys: dict[str, object] = field(default_factory=dict)
    pages: dict[str, tuple[str, bytes | str]] = field(default_factory=dict)
    """Output path -> (template name, rendered bytes; on the command line, their digest
    in the build store instead)."""
    digests: dict[str, str] = field(default_factory=dict)
    """The digest of each key's value (content/digest.py), when known: a memo restored
    from the cache on disk has these instead of `keys`."""
    closures: dict[str, frozenset[str]] = field(default_factory=dict)
    changed: set[str] = field(default_factory=set)
    """Keys that changed in the build under way."""
    rendered: int = 0
    """Pages rendered by the latest build (the rest were reused)."""


def reusable(
    job: PageJob,
    memo: RenderMemo,
    changed: set[str],
    templates: frozenset[str],
    closure: frozenset[str],
) -> bytes | str | None:
    """Return the page's previous bytes (or digest) if nothing it depends on changed, else None."""
    previous = memo.pages.get(job.path)
    if previous is None or previous[0] != job.template:
        return None
    if not changed.isdisjoint(job.deps | GLOBAL_KEYS) or not templates.isdisjoint(closure):
        return None
    return previous[1]


def compare_keys(memo: RenderMemo, keys: dict[str, object]) -> None:
    """Set the memo's `changed` to the keys that differ from the last build's; keep `keys`.

    A memo kept in memory compares the values; one restored from disk (no values,
    only their digests) compares digests, and keeps the new ones for the next build.
    """
    if not memo.pages:
        memo.changed, memo.digests = set(keys), {}
    elif memo.keys or not memo.digests:
        memo.changed, memo.digests = changed_keys(memo.keys, keys), {}
    else:
        digests = key_digests(keys)
        memo.changed, memo.digests = changed_keys(memo.digests, digests), digests
    memo.keys = keys
