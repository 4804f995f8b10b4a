"""Interface text per language: the catalogues are complete, and dates and numbers follow the page."""

from __future__ import annotations

import subprocess
import sys
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from babel.messages.pofile import read_po

from tests.support import REPO
from toolkit_builder.language.i18n import (
    Languages,
    catalogue_path,
    has_catalogue,
    load_translations,
    translations_from_po,
)
from toolkit_builder.language.pageformat import LABELS, SETTING_NAMES, PageFormat

WELSH = catalogue_path("cy")


def _extract(tmp_path: Path) -> set[str]:
    """Return every message id marked in the templates and code, as `make messages` finds them."""
    pot = tmp_path / "messages.pot"
    command = [
        sys.executable,
        "-c",
        "from babel.messages.frontend import main; main()",
        "--quiet",
        "extract",
        "-F",
        "babel.cfg",
        "-k",
        "N_",
        "--no-location",
        "--omit-header",
        "-o",
        str(pot),
        ".",
    ]
    subprocess.run(command, cwd=REPO, check=True, capture_output=True)
    with pot.open("rb") as f:
        return {str(m.id) for m in read_po(f) if m.id}


def test_every_marked_string_is_in_the_welsh_catalogue(tmp_path: Path) -> None:
    extracted = _extract(tmp_path)
    with WELSH.open("rb") as f:
        catalogue = {str(m.id) for m in read_po(f) if m.id}
    assert "Skip to main content" in extracted  # the extraction reads the templates
    assert "Primary care" in extracted  # ... and the N_() marks in code
    assert sorted(extracted - catalogue) == [], "run `make messages` and translate the new entries"


def test_welsh_catalogue_has_no_untranslated_fuzzy_or_broken_entry() -> None:
    with WELSH.open("rb") as f:
        catalogue = read_po(f, locale="cy")
    entries = [m for m in catalogue if m.id]
    assert len(entries) > 200
    assert [m.id for m in entries if not m.string] == []
    assert [m.id for m in entries if m.fuzzy] == []
    # Placeholders (%(name)s, {query}) survive translation.
    assert [(m.id, errors) for m, errors in catalogue.check()] == []
    for m in entries:
        for placeholder in ("{n}", "{query}"):
            assert (placeholder in m.id) == (placeholder in m.string), m.id


def test_a_fuzzy_entry_is_not_used() -> None:
    po = b'msgid ""\nmsgstr ""\n\n#, fuzzy\nmsgid "Search"\nmsgstr "Chwilio"\n\nmsgid "Home"\nmsgstr "Hafan"\n'
    translations = translations_from_po(po, "cy")
    assert translations.gettext("Search") == "Search"
    assert translations.gettext("Home") == "Hafan"


def test_catalogues_load_from_the_package() -> None:
    assert has_catalogue("cy") and has_catalogue("en") and not has_catalogue("xx")
    assert load_translations("cy").gettext("Case studies") == "Astudiaethau achos"
    assert load_translations("en").gettext("Case studies") == "Case studies"


def test_package_data_includes_the_catalogues() -> None:
    pyproject = (REPO / "pyproject.toml").read_text()
    assert '"locales/*/LC_MESSAGES/*.po"' in pyproject
    assert WELSH.relative_to(REPO / "toolkit_builder").as_posix().startswith("locales/cy/")


def test_welsh_dates_use_welsh_month_names() -> None:
    welsh = PageFormat("cy", load_translations("cy"))
    english = PageFormat("en", load_translations("en"))
    assert welsh.long_date(date(2026, 1, 5)) == "5 Ionawr 2026"
    assert welsh.month_year(date(2026, 2, 1)) == "Chwefror 2026"
    months = [date(2025, month, day) for month in (2, 3, 2, 12) for day in (1, 28)]
    assert [welsh.month_year(d) for d in months] == [  # written once, then remembered
        "Chwefror 2025", "Chwefror 2025", "Mawrth 2025", "Mawrth 2025",
        "Chwefror 2025", "Chwefror 2025", "Rhagfyr 2025", "Rhagfyr 2025",
    ]  # fmt: skip
    assert english.month_year(date(2025, 3, 1)) == "March 2025"
    assert english.long_date(date(2026, 3, 1)) == "1 March 2026"
    utc = timezone(timedelta(0))
    start, end = datetime(2026, 11, 29, 10, tzinfo=utc), datetime(2026, 11, 30, 16, tzinfo=utc)
    assert (
        welsh.event_time(start, end)
        == "29 Tachwedd 2026, 10:00 – 30 Tachwedd 2026, 16:00 (UTC+00:00)"
    )
    assert (
        english.event_time(start, end.replace(day=29))
        == "29 November 2026, 10:00–16:00 (UTC+00:00)"
    )


def test_numbers_and_labels_follow_the_language() -> None:
    welsh = PageFormat("cy", load_translations("cy"))
    english = PageFormat("en", load_translations("en"))
    assert english.number(1234.56) == "1,234.6"
    assert english.number(1000) == "1,000"
    assert welsh.with_unit(85.25, "%") == "85.2%"
    assert welsh.setting_name("primary-care") == "Gofal sylfaenol"
    assert welsh.setting_name("prison-health") == "Prison health"  # an id of the site's own
    assert welsh.label("learning-session") == "Sesiwn ddysgu"
    assert welsh.measure_type("outcome", heading=True) == "Mesurau canlyniad"
    assert welsh.direction_text("increase") == "Uwch"
    assert welsh.language("en") == "Saesneg"
    untranslated = [v for v in (*LABELS.values(), *SETTING_NAMES.values()) if welsh.gettext(v) == v]
    assert untranslated == ["Data", "Hybrid"]  # the same word in Welsh


def test_languages_place_pages_by_language() -> None:
    languages = Languages(("en", "cy"))
    assert languages.page_path("en", "toolkits/falls/index.html") == "toolkits/falls/index.html"
    assert languages.page_path("cy", "toolkits/falls/index.html") == "cy/toolkits/falls/index.html"
    assert languages.split("cy/toolkits/falls/index.html") == ("cy", "toolkits/falls/index.html")
    assert languages.split("cy/index.html") == ("cy", "index.html")
    assert languages.split("cymru/index.html") == ("en", "cymru/index.html")
    assert languages.split("index.html") == ("en", "index.html")
