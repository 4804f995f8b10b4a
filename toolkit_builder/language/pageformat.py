"""Dates, numbers and labels on pages, in the page's language (templates call it `fmt`).

The English words of ids (statuses, measure types, settings, …) are marked with
`N_` so `make messages` extracts them; they are translated when shown.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime

from babel.dates import format_date
from babel.numbers import format_decimal
from babel.support import NullTranslations

from toolkit_builder.language import formatting
from toolkit_builder.language.i18n import SOURCE_LANGUAGE


def N_(message: str) -> str:
    """Return the message unchanged: marks it for extraction, translated later."""
    return message


Gettext = Callable[[str], str]
"""Returns a message in one language (a catalogue's gettext)."""


def same_text(message: str) -> str:
    """Return the message unchanged: the text in the language the interface is written in."""
    return message


LABELS: dict[str, str] = {
    "draft": N_("Draft"),
    "published": N_("Published"),
    "superseded": N_("Superseded"),
    "retired": N_("Retired"),
    "outcome": N_("Outcome"),
    "process": N_("Process"),
    "balancing": N_("Balancing"),
    "proportion": N_("Proportion"),
    "rate": N_("Rate"),
    "count": N_("Count"),
    "value": N_("Value"),
    "days-between": N_("Days between events"),
    "cases-between": N_("Cases between events"),
    "daily": N_("Daily"),
    "weekly": N_("Weekly"),
    "monthly": N_("Monthly"),
    "quarterly": N_("Quarterly"),
    "adopt": N_("Adopt"),
    "adapt": N_("Adapt"),
    "abandon": N_("Abandon"),
    "leadership": N_("Leadership"),
    "data": N_("Data"),
    "consumers": N_("Consumers"),
    "workforce": N_("Workforce"),
    "digital": N_("Digital"),
    "clinical": N_("Clinical"),
    "spread": N_("Spread"),
    "learning-session": N_("Learning session"),
    "webinar": N_("Webinar"),
    "community-of-practice": N_("Community of practice"),
    "celebration": N_("Celebration"),
    "in-person": N_("In person"),
    "virtual": N_("Virtual"),
    "hybrid": N_("Hybrid"),
}
"""Choice values (content/schema/) -> their English words."""

SETTING_NAMES: dict[str, str] = {
    "acute": N_("Acute"),
    "ambulatory": N_("Ambulatory"),
    "community": N_("Community"),
    "primary-care": N_("Primary care"),
    "mental-health": N_("Mental health"),
    "maternity": N_("Maternity"),
}
"""The usual care-setting ids; other ids are shown as words made from the id."""

MEASURE_TYPES: dict[str, tuple[str, str]] = {
    "outcome": (N_("Outcome measure"), N_("Outcome measures")),
    "process": (N_("Process measure"), N_("Process measures")),
    "balancing": (N_("Balancing measure"), N_("Balancing measures")),
}
"""Measure type -> (one measure, the heading of a group)."""

CHART_NAMES: dict[str, str] = {
    "run": N_("Run chart"),
    "i": N_("I chart (XmR)"),
    "mr": N_("MR chart (moving ranges)"),
    "p": N_("P chart"),
    "pp": N_("P′ chart (Laney)"),
    "u": N_("U chart"),
    "up": N_("U′ chart (Laney)"),
    "c": N_("C chart"),
    "g": N_("G chart (between rare events)"),
    "t": N_("T chart (time between rare events)"),
}

RULES_NAMES: dict[str, str] = {
    "anhoej": N_("Anhøj rules"),
    "ihi": N_("IHI run-chart rules"),
    "mdc": N_("Making Data Count rules"),
}

DIRECTIONS: dict[str, str] = {
    "increase": N_("Higher"),
    "decrease": N_("Lower"),
    "neutral": N_("Neither (monitored)"),
}

LANGUAGES: dict[str, str] = {"en": N_("English"), "cy": N_("Welsh")}
"""Language names, to say in the page's language which language a passage is in."""


@dataclass(frozen=True, slots=True)
class PageFormat:
    """Formats values for the pages of one language."""

    lang: str
    translations: NullTranslations
    _month_years: dict[tuple[int, int], str] = field(
        default_factory=dict, compare=False, repr=False
    )
    """Months already written: list pages show a month for each of a thousand items."""

    def gettext(self, message: str) -> str:
        """Return the message in the page's language."""
        return self.translations.gettext(message)

    def language(self, code: str) -> str:
        """Return a language's name in the page's language ('English' on a Welsh page: 'Saesneg')."""
        known = LANGUAGES.get(code)
        return self.gettext(known) if known else code

    def long_date(self, value: date | datetime) -> str:
        """Return a date as '1 March 2026' ('1 Mawrth 2026')."""
        return format_date(value, "d MMMM y", locale=self.lang)

    def month_year(self, value: date) -> str:
        """Return a date as 'March 2026' ('Mawrth 2026')."""
        key = (value.year, value.month)
        written = self._month_years.get(key)
        if written is None:
            written = self._month_years[key] = format_date(value, "LLLL y", locale=self.lang)
        return written

    def event_time(self, start: datetime, end: datetime | None) -> str:
        """Return an event's date and time span, e.g. '29 November 2026, 10:00–16:00 (UTC+00:00)'."""
        offset = start.strftime("%z")
        zone = f"UTC{offset[:3]}:{offset[3:]}" if offset else "UTC"
        text = f"{self.long_date(start)}, {start:%H:%M}"
        if end is not None:
            if end.date() == start.date():
                text += f"–{end:%H:%M}"
            else:
                text = self.gettext("%(start)s to %(end)s") % {
                    "start": text,
                    "end": f"{self.long_date(end)}, {end:%H:%M}",
                }
        return f"{text} ({zone})"

    def number(self, value: float, digits: int = 1) -> str:
        """Return a number with at most `digits` decimals and the language's separators."""
        return format_decimal(value, "#,##0." + "#" * digits, locale=self.lang)

    def with_unit(self, value: float, unit: str) -> str:
        """Return a value with its unit: '85.2%' or '4.1 per 1,000 bed days'."""
        text = self.number(value)
        if not unit:
            return text
        return f"{text}{unit}" if unit == "%" else f"{text} {unit}"

    def file_size(self, size: int) -> str:
        """Return a file size for readers: '512 bytes', '48 kB' or '1.2 MB' (powers of 1,000)."""
        if size < 1000:
            return self.translations.ngettext("%(num)d byte", "%(num)d bytes", size) % {"num": size}
        if size < 999_500:
            return f"{self.number(size / 1000, 0)} kB"
        return f"{self.number(size / 1_000_000)} MB"

    def label(self, value: str) -> str:
        """Return a choice value in words ('learning-session' -> 'Learning session')."""
        known = LABELS.get(value)
        return self.gettext(known) if known else formatting.label(value)

    def setting_name(self, setting_id: str) -> str:
        """Return a care setting's name ('primary-care' -> 'Primary care')."""
        known = SETTING_NAMES.get(setting_id)
        return self.gettext(known) if known else formatting.setting_name(setting_id)

    def measure_type(self, measure_type: str, heading: bool = False) -> str:
        """Return 'Outcome measure', or with heading=True 'Outcome measures'."""
        names = MEASURE_TYPES.get(measure_type)
        if names is None:
            return formatting.label(measure_type)
        return self.gettext(names[1] if heading else names[0])

    def chart_name(self, chart: str) -> str:
        """Return the reader's name of a chart type."""
        known = CHART_NAMES.get(chart)
        return self.gettext(known) if known else chart

    def rules_name(self, rules: str) -> str:
        """Return the reader's name of a rule set."""
        known = RULES_NAMES.get(rules)
        return self.gettext(known) if known else rules

    def direction_text(self, direction: str) -> str:
        """Return which way is better, in words."""
        return self.gettext(DIRECTIONS.get(direction, DIRECTIONS["neutral"]))


def source_words() -> PageFormat:
    """Return the formats of the language the interface is written in (no catalogue needed)."""
    return PageFormat(SOURCE_LANGUAGE, NullTranslations())
