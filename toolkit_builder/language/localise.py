"""The site in one language: translated fields merged in, field by field.

A field the translation lacks keeps the default language's text as a
`Fallback` string, which the pages mark with `lang` (see pages/theme.py) and a notice.
Which fields can be translated comes from the schema (`translatable=True`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, is_dataclass, replace
from pathlib import PurePosixPath
from typing import Any, TypeVar

from toolkit_builder.content.model import Site, no_translations
from toolkit_builder.content.schema import FILE_TYPES, Field
from toolkit_builder.errors import Location, Problem, Severity
from toolkit_builder.language.i18n import has_catalogue

T = TypeVar("T")

TEXT_KINDS = ("text", "markdown")

LANGUAGE_NAMES_IN_ENGLISH = {"en": "English", "cy": "Welsh"}
"""Language names for authors' messages."""

KINDS = ("toolkits", "change-packages", "measures", "case-studies", "events", "pages")
"""Content kinds that have translation files, as Site attribute names use them."""

_SITE_ATTRIBUTES = {
    "toolkits": "toolkits",
    "change-packages": "change_packages",
    "measures": "measures",
    "case-studies": "case_studies",
    "events": "events",
    "pages": "pages",
}

_WITH_BODY = ("toolkits", "pages")
"""Kinds whose translation file has a Markdown body below the front matter."""


class Fallback(str):
    """Text in the default language, shown where a translation lacks it.

    `notice` is False for text that has no translation files at all (the site's
    title, topics, organisations): it is marked with its language, but the page
    does not say it is incompletely translated.
    """

    lang: str
    notice: bool

    def __new__(cls, text: str, lang: str, notice: bool = True) -> Fallback:
        """Return the text marked as being in `lang`."""
        made = super().__new__(cls, text)
        made.lang = lang
        made.notice = notice
        return made

    def __reduce__(self) -> tuple[type[Fallback], tuple[str, str, bool]]:
        """Pickle with the language and notice (chart labels go to drawing processes)."""
        return (Fallback, (str.__str__(self), self.lang, self.notice))


def _untranslatable(item: T, names: Sequence[str], lang: str) -> T:
    """Return the item with its text fields marked as always in `lang` (no translation files)."""
    changes = {n: Fallback(getattr(item, n), lang, notice=False) for n in names if getattr(item, n)}
    return replace(item, **changes)  # type: ignore[type-var]


def _shared(item: T, names: Sequence[str], given: Mapping[str, object], default: str) -> T:
    """Return a setting, topic or organisation with its translated texts (site.cy.yaml,
    topics.cy.yaml, organisations.cy.yaml); the others stay marked as in `default`."""
    marked = _untranslatable(item, names, default)
    texts = {n: v for n in names if isinstance(v := given.get(n), str) and v.strip()}
    return replace(marked, **texts) if texts else marked  # type: ignore[type-var]


@dataclass(frozen=True, slots=True)
class Gap:
    """An item whose translation into one language is missing or incomplete."""

    kind: str
    item_id: str
    lang: str
    source: Location
    missing: tuple[str, ...]
    """Fields the translation lacks ('summary', 'lessons[2].statement'); () with no file."""
    has_file: bool


def _translatable(spec: Field) -> bool:
    return spec.translatable or any(_translatable(f) for f in spec.fields)


def _merge(
    item: T,
    fields: Sequence[Field],
    given: Mapping[str, Any],
    where: str,
    out: list[str],
    default: str,
) -> T:
    changes: dict[str, Any] = {}
    for spec in fields:
        if not _translatable(spec) or not hasattr(item, spec.name):
            continue
        current = getattr(item, spec.name)
        value = given.get(spec.name)
        name = f"{where}{spec.name}"
        if spec.kind in TEXT_KINDS:
            if isinstance(value, str) and value.strip():
                changes[spec.name] = value
            elif any(c.isalpha() for c in current):
                # Text without letters ('%', '08:00') reads the same in every language.
                changes[spec.name] = Fallback(current, default)
                out.append(name)
        elif spec.kind == "strings":
            if isinstance(value, (list, tuple)) and len(value) == len(current):
                changes[spec.name] = tuple(str(v) for v in value)
            elif current:
                changes[spec.name] = tuple(Fallback(v, default) for v in current)
                out.append(name)
        elif spec.kind == "object" and is_dataclass(current):
            sub = value if isinstance(value, Mapping) else {}
            changes[spec.name] = _merge(current, spec.fields, sub, f"{name}.", out, default)
        elif spec.kind == "objects" and isinstance(current, tuple):
            by_id = any(f.name == "id" for f in spec.fields)
            entries = _pair(current, value if isinstance(value, (list, tuple)) else (), by_id)
            changes[spec.name] = tuple(
                _merge(child, spec.fields, entry, f"{name}[{i + 1}].", out, default)
                for i, (child, entry) in enumerate(entries)
            )
    return replace(item, **changes) if changes else item  # type: ignore[type-var]


def _pair(
    children: tuple[Any, ...], entries: Sequence[Any], by_id: bool
) -> list[tuple[Any, Mapping[str, Any]]]:
    """Pair each original list item with its translation: by id where items have one, else in order."""
    if by_id:
        by_id = {e.get("id"): e for e in entries if isinstance(e, Mapping)}
        return [(c, by_id.get(c.id, {})) for c in children]
    padded = [e if isinstance(e, Mapping) else {} for e in entries]
    padded += [{}] * (len(children) - len(padded))
    return list(zip(children, padded, strict=False))


def localise_item(item: T, kind: str, lang: str, default: str) -> tuple[T, Gap | None]:
    """Return the item in `lang` (missing fields fall back to `default`), and its gap."""
    has_translations = bool(getattr(item, "translations", None))
    # an item without translations is kept as it is: the same object from build to build
    bare = replace(item, translations=no_translations()) if has_translations else item  # type: ignore[type-var]
    if lang == default:
        return bare, None
    found = getattr(item, "translations", {}).get(lang)
    given: Mapping[str, Any] = found if found is not None else {}
    missing: list[str] = []
    merged = _merge(bare, FILE_TYPES[kind].fields, given, "", missing, default)
    if kind in _WITH_BODY and getattr(item, "body", "").strip():
        body = given.get("body")
        if isinstance(body, str) and body.strip():
            merged = replace(merged, body=body, body_line=1)  # type: ignore[type-var]
        else:
            merged = replace(merged, body=Fallback(item.body, default))  # type: ignore[attr-defined,type-var]
            missing.append("body")
    source: Location = item.source  # type: ignore[attr-defined]
    if found is None:
        return merged, Gap(kind, item.id, lang, source, (), False)  # type: ignore[attr-defined]
    if missing:
        return merged, Gap(kind, item.id, lang, source, tuple(missing), True)  # type: ignore[attr-defined]
    return merged, None


def localise_site(site: Site, lang: str) -> tuple[Site, tuple[Gap, ...]]:
    """Return the site with every item in `lang`, and the translation gaps found."""
    default = site.config.languages[0]
    gaps: list[Gap] = []
    changes: dict[str, tuple[Any, ...]] = {}
    for kind in KINDS:
        attribute = _SITE_ATTRIBUTES[kind]
        items = []
        for item in getattr(site, attribute):
            merged, gap = localise_item(item, kind, lang, default)
            items.append(merged)
            if gap is not None:
                gaps.append(gap)
        changes[attribute] = tuple(items)
    if lang != default:
        shared = site.shared_translations.get(lang, {})
        changes["topics"] = tuple(
            _shared(t, ("title", "summary"), shared.get(f"topics/{t.id}", {}), default)
            for t in site.topics
        )
        changes["organisations"] = tuple(
            _shared(o, ("name", "type", "region"), shared.get(f"organisations/{o.id}", {}), default)
            for o in site.organisations
        )
        config = _shared(site.config, ("title", "description"), shared.get("site", {}), default)
        return replace(site, config=config, **changes), tuple(gaps)
    return replace(site, **changes), tuple(gaps)


def translation_file(gap: Gap) -> PurePosixPath:
    """Return where the translation file of a gap's item sits (or should)."""
    original = gap.source.path
    return original.with_name(f"{original.stem}.{gap.lang}{original.suffix}")


def gap_warning(gap: Gap, default_lang: str = "en") -> Problem:
    """Return the author's warning for one translation gap, at the original or the translation."""
    language = LANGUAGE_NAMES_IN_ENGLISH.get(gap.lang, gap.lang)
    default = LANGUAGE_NAMES_IN_ENGLISH.get(default_lang, default_lang)
    target = translation_file(gap)
    if not gap.has_file:
        return Problem(
            Location(gap.source.path, 1, 1),
            f"no {language} ({gap.lang}) translation: {target.name} is missing; {default} is shown",
            f"add {target}",
            Severity.WARNING,
        )
    shown = ", ".join(gap.missing[:5]) + (
        f" and {len(gap.missing) - 5} more" if len(gap.missing) > 5 else ""
    )
    return Problem(
        Location(target, 1, 1),
        f"the {language} ({gap.lang}) translation lacks {shown}; {default} is shown there",
        f"translate these fields in {target.name}",
        Severity.WARNING,
    )


def translation_warnings(site: Site) -> list[Problem]:
    """Return one warning per item and language whose translation is missing or incomplete.

    A language whose interface has no catalogue gets a warning at site.yaml too.
    """
    problems = []
    for lang in site.config.languages[1:]:
        if not has_catalogue(lang):
            problems.append(
                Problem(
                    site.config.source,
                    f"no interface translation for '{lang}': its pages show menus and labels "
                    f"in {LANGUAGE_NAMES_IN_ENGLISH.get(site.config.languages[0], 'the default language')}",
                    f"add toolkit_builder/locales/{lang}/LC_MESSAGES/messages.po (make messages)",
                    Severity.WARNING,
                )
            )
        _, gaps = localise_site(site, lang)
        problems.extend(gap_warning(g, site.config.languages[0]) for g in gaps)
    return problems
