"""Charts in Welsh: readings, labels, ticks and tables from the catalogue and CLDR."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import pytest
from babel import Locale
from babel.dates import format_date
from babel.numbers import format_decimal
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.charts.factory import make_analysis, make_labels, month, week
from tests.charts.svgtools import draw, texts
from toolkit_builder.charts.dates import tick_labels
from toolkit_builder.charts.draw import draw_chart
from toolkit_builder.charts.language import chart_language, chart_languages
from toolkit_builder.charts.reading import read_chart, status_label
from toolkit_builder.charts.words import period_text, periods_text

WELSH_MONTHS = (
    "Ionawr", "Chwefror", "Mawrth", "Ebrill", "Mai", "Mehefin",
    "Gorffennaf", "Awst", "Medi", "Hydref", "Tachwedd", "Rhagfyr",
)  # fmt: skip
LOW_HIGH = [10.0, 11, 9, 10, 11, 9, 10, 11, 9, 10, 20, 21, 19, 20, 21, 19, 20, 21, 19, 20]
NOISE = [10.0, 12, 9, 11, 13, 8, 12, 10, 11, 9, 12, 10, 11, 13]
CLAIMS = {
    "en": ("a signal", "special-cause", "outside the control limits"),
    "cy": ("arwydd o welliant", "arwydd o ddirywiad", "arwydd bod", "arwydd o newid i",
           "amrywiad achos arbennig", "y tu allan i'r terfynau rheoli"),
}  # fmt: skip


def welsh(**fields: object):  # type: ignore[no-untyped-def]
    return make_labels(lang="cy", **fields)


def test_cldr_gives_welsh_months_and_a_decimal_point() -> None:
    days = [date(2025, m, 1) for m in range(1, 13)]
    assert tuple(format_date(d, "MMMM", locale="cy") for d in days) == WELSH_MONTHS
    assert chart_language("cy").long_date(date(2025, 6, 2)) == "2 Mehefin 2025"
    # Welsh writes 1,234.5 as English does (CLDR: decimal point, comma groups).
    assert format_decimal(1234.5, locale="cy") == "1,234.5"
    assert chart_language("cy").number("1,234.5") == format_decimal(Decimal("1234.5"), locale="cy")
    assert chart_language("cy").number("1e-05") == "1e-05"  # not a plain number: unchanged


def test_a_welsh_reading_has_welsh_dates_numbers_and_words() -> None:
    values = [88.7 + (i % 3) for i in range(20)]
    analysis = make_analysis(values, chart="i", periods=[month(i) for i in range(20)])
    text = read_chart(analysis, welsh(unit="%", percent=True, frequency="monthly"))
    latest = format_decimal(Decimal("89.7"), locale="cy")
    assert text.startswith(f"Y gwerth diweddaraf yw {latest}% (mis Awst 2025); y cymedr yw ")
    assert "Does dim arwydd o newid" in text
    assert not any(word in text for word in ("August", "latest", "mean", "signal"))


def test_welsh_signal_sentences() -> None:
    shift = make_analysis(LOW_HIGH, chart="run", run=range(1, 21), direction="increase")
    labels = welsh(unit="diwrnod", direction="increase", annotations=((week(9), "Huddle"),))
    text = read_chart(shift, labels)
    assert (
        "Ers yr wythnos yn dechrau 17 Mawrth 2025, mae 10 wythnos yn olynol wedi bod uwchben "
        "y canolrif: arwydd o welliant, ar ôl “Huddle” (yr wythnos yn dechrau 10 Mawrth 2025)."
    ) in text
    assert status_label(shift, labels) == "Yn gwella"
    assert status_label(shift, "increase", "cy") == "Yn gwella"
    assert status_label(shift, "increase") == "Improving"


def test_mdc_status_labels_in_welsh() -> None:
    special = dict.fromkeys(range(9, 16), "improvement")
    analysis = make_analysis(
        [10.0] * 8 + [6.0] * 7, rules="mdc", direction="decrease", special=special,
        spread=6.0, variation="special_cause_improvement", assurance="inconsistent", target=8.0,
    )  # fmt: skip
    labels = welsh(unit="diwrnod", direction="decrease")
    assert status_label(analysis, labels) == (
        "Amrywiad achos arbennig – gwelliant; yn cyrraedd y targed yn anghyson"
    )
    text = read_chart(analysis, labels)
    assert "mae'r pwyntiau'n dangos amrywiad achos arbennig o natur sy'n gwella" in text
    assert "Mae'r targed (8 diwrnod) rhwng y terfynau" in text


@pytest.mark.parametrize(
    ("count", "months", "points", "times"),
    [
        (0, "0 mis", "0 pwynt", "0 gwaith"),
        (1, "1 mis", "1 pwynt", "1 waith"),
        (2, "2 fis", "2 bwynt", "2 waith"),
        (3, "3 mis", "3 phwynt", "3 gwaith"),
        (6, "6 mis", "6 phwynt", "6 gwaith"),
        (9, "9 mis", "9 pwynt", "9 gwaith"),
    ],
)
def test_welsh_plural_forms(count: int, months: str, points: str, times: str) -> None:
    assert periods_text(count, "monthly", "cy") == months
    assert periods_text(count, "other", "cy") == points
    fields = {1: {"runs_signal": True, "crossings": count, "crossings_limit": 12}}
    analysis = make_analysis(NOISE, chart="run", phase_fields=fields)
    assert f"y canolrif {times} yn unig" in read_chart(analysis, welsh(unit="diwrnod"))


def test_the_catalogue_plural_rule_is_cldrs() -> None:
    words = chart_language("cy")
    categories = ("zero", "one", "two", "few", "many", "other")
    rule = Locale("cy").plural_form
    for n in range(200):
        # the message's own forms, one per CLDR category (see charts.po)
        form = words.ngettext("%(count)d point", "%(count)d points", n) % {"count": n}
        expected = {"zero": "pwynt", "one": "pwynt", "two": "bwynt", "few": "phwynt",
                    "many": "phwynt", "other": "pwynt"}[rule(n)]  # fmt: skip
        assert form == f"{n} {expected}", (n, rule(n))
    assert {rule(n) for n in range(200)} == set(categories)


def test_welsh_svg_has_welsh_title_description_ticks_and_legend() -> None:
    periods = [month(i) for i in range(20)]
    analysis = make_analysis(LOW_HIGH, chart="i", run=range(11, 21), periods=periods)
    labels = welsh(title="Cwympiadau", unit="%", percent=True, direction="increase", goal=25.0)
    svg = draw_chart(analysis, labels).decode("utf-8")
    root = draw(analysis, labels)
    assert re.search(r'<title id="[^"]+">Cwympiadau</title>', svg)
    desc = re.search(r'<desc id="[^"]+">([^<]*)</desc>', svg)
    assert desc and desc.group(1) == read_chart(analysis, labels)
    assert desc.group(1).startswith("Y gwerth diweddaraf yw")
    shown = "\n".join(texts(root))
    for word in ("↑ Gorau po uchaf", "Cymedr", "Terfynau rheoli", "Canran", "Nod 25%",
                 "Gwelliant", "Pryder", "Y tu allan i'r terfynau"):  # fmt: skip
        assert word in shown, word
    assert any(m in shown for m in ("Ion", "Ebr", "Gorff", "Hyd"))
    assert not any(e in shown for e in ("Higher", "Mean", "Control", "Jan", "Apr", "Goal"))


def test_english_is_unchanged_by_the_language_field() -> None:
    analysis = make_analysis(LOW_HIGH, chart="run", run=range(1, 21), direction="increase")
    english = make_labels(direction="increase")
    assert draw_chart(analysis, english) == draw_chart(
        analysis, make_labels(direction="increase", lang="en")
    )
    assert b"Higher is better" in draw_chart(analysis, english)
    assert draw_chart(analysis, english) != draw_chart(analysis, welsh(direction="increase"))


def test_tick_labels_in_welsh() -> None:
    days = [date(2024, 11, 1), date(2024, 12, 1), date(2025, 1, 1), date(2025, 2, 1)]
    assert tick_labels(days, "cy") == ["Tach\n2024", "Rhag", "Ion\n2025", "Chwef"]
    assert tick_labels(days) == ["Nov\n2024", "Dec", "Jan\n2025", "Feb"]


def test_periods_in_welsh() -> None:
    day = date(2025, 6, 2)
    assert period_text(day, "weekly", "cy") == "yr wythnos yn dechrau 2 Mehefin 2025"
    assert period_text(day, "monthly", "cy") == "mis Mehefin 2025"
    assert period_text(day, "quarterly", "cy") == "y chwarter yn dechrau 2 Mehefin 2025"
    assert period_text(day, "daily", "cy") == "2 Mehefin 2025"


def test_a_language_without_a_catalogue_speaks_english() -> None:
    assert "cy" in chart_languages() and chart_languages()[0] == "en"
    assert chart_language("xx").code == "en"
    assert chart_language("xx")._("Improving") == "Improving"


@settings(max_examples=60, deadline=None)
@given(
    values=st.lists(
        st.one_of(st.none(), st.floats(0, 1000, allow_nan=False)), min_size=0, max_size=40
    ),
    chart=st.sampled_from(["run", "i", "p", "c"]),
    rules=st.sampled_from(["anhoej", "ihi", "mdc"]),
    direction=st.sampled_from(["increase", "decrease", "neutral"]),
    signal=st.booleans(),
)
def test_welsh_claims_a_signal_exactly_when_english_does(
    values: list[float | None], chart: str, rules: str, direction: str, signal: bool
) -> None:
    flagged = range(1, len(values) + 1, 2) if signal else ()
    analysis = make_analysis(
        values, chart=chart, rules=rules, direction=direction,  # type: ignore[arg-type]
        spread=1.0 if signal else 1e9, run=flagged,
        special=dict.fromkeys(flagged, "improvement") if rules == "mdc" else None,
        variation=("special_cause_improvement" if signal else "common_cause")
        if rules == "mdc" else None,
    )  # fmt: skip
    readings = {
        lang: read_chart(analysis, make_labels(direction=direction, lang=lang))
        for lang in ("en", "cy")
    }
    claims = {lang: any(c in text for c in CLAIMS[lang]) for lang, text in readings.items()}
    assert claims["en"] == claims["cy"], readings
    sentences = {lang: text.count(". ") for lang, text in readings.items()}
    assert sentences["en"] == sentences["cy"], readings
