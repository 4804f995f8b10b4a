"""The language a chart speaks: sentences from the `charts` gettext catalogue, dates and
numbers from CLDR (Babel).

English is the msgid, so English needs no catalogue and keeps its own date and number
code (formatting.py): its output stays as it always was. Another language needs
`locales/<code>/LC_MESSAGES/charts.po`; it is read with Babel, compiled in memory (never
to a file) and fuzzy entries are left out.
"""

from __future__ import annotations

import functools
import gettext
import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path

from babel.dates import format_date
from babel.numbers import format_decimal

from toolkit_builder.language import formatting
from toolkit_builder.language.i18n import translations_from_po

LOCALES = Path(__file__).resolve().parent.parent / "locales"
"""The package's catalogues: locales/<code>/LC_MESSAGES/<domain>.po."""
DOMAIN = "charts"
"""The catalogue of every chart text (the pages' own text is in `messages`)."""
DEFAULT = "en"
"""The language of the msgids."""
SHORT_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_NUMBER = re.compile(r"-?[0-9][0-9,]*(?:\.[0-9]+)?")


def catalogue_path(code: str) -> Path:
    """Return where a language's chart catalogue lives."""
    return LOCALES / code / "LC_MESSAGES" / f"{DOMAIN}.po"


def chart_languages() -> tuple[str, ...]:
    """Return the languages charts can speak: English and every language with a catalogue."""
    found = sorted(p.parent.parent.name for p in LOCALES.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))
    return (DEFAULT, *(code for code in found if code != DEFAULT))


def compile_catalogue(po_text: bytes, code: str) -> gettext.NullTranslations:
    """Return gettext translations from the text of a .po file (fuzzy entries left out)."""
    return translations_from_po(po_text, code)


@dataclass(frozen=True, slots=True)
class ChartLanguage:
    """Words, dates and numbers of one language, for charts and their readings."""

    code: str
    """Language code: 'en', 'cy'."""
    translations: gettext.NullTranslations

    def _(self, message: str) -> str:
        """Return a sentence or label in this language."""
        return self.translations.gettext(message)

    def ngettext(self, singular: str, plural: str, count: int) -> str:
        """Return the form of a message for `count` (Welsh has six)."""
        return self.translations.ngettext(singular, plural, count)

    def pgettext(self, context: str, message: str) -> str:
        """Return a word whose meaning depends on `context` (e.g. 'centre line')."""
        return self.translations.pgettext(context, message)

    def long_date(self, day: date) -> str:
        """Return '2 June 2025' / '2 Mehefin 2025'."""
        if self.code == DEFAULT:
            return formatting.long_date(day)
        return format_date(day, "d MMMM y", locale=self.code)

    def month_year(self, day: date) -> str:
        """Return 'June 2025' / 'Mehefin 2025'."""
        if self.code == DEFAULT:
            return formatting.month_year(day)
        return format_date(day, "MMMM y", locale=self.code)

    def short_month(self, day: date) -> str:
        """Return the month's short name: 'Jun' / 'Meh'."""
        if self.code == DEFAULT:
            return SHORT_MONTHS[day.month - 1]
        return format_date(day, "MMM", locale=self.code)

    def number(self, written: str) -> str:
        """Return a number written the English way ('1,250.5') as this language writes
        it (CLDR decimal and group signs); anything else (e.g. '1e-05') unchanged."""
        if self.code == DEFAULT or not _NUMBER.fullmatch(written):
            return written
        decimals = len(written.partition(".")[2])
        pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
        try:
            value = Decimal(written.replace(",", ""))
            return format_decimal(value, format=pattern, locale=self.code)
        except InvalidOperation:  # more digits than a decimal context holds: leave it
            return written


@functools.cache
def chart_language(code: str) -> ChartLanguage:
    """Return the chart language for a code; English words for a code with no catalogue.

    Cached per process: the catalogues are package files that do not change while it runs.
    """
    path = catalogue_path(code)
    if code == DEFAULT or not path.is_file():
        return ChartLanguage(code if code == DEFAULT else DEFAULT, gettext.NullTranslations())
    return ChartLanguage(code, compile_catalogue(path.read_bytes(), code))
