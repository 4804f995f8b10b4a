"""The Welsh chart catalogue is complete, not fuzzy, and matches the messages in the code."""

from __future__ import annotations

import gettext
import re
from pathlib import Path

import pytest
from babel import Locale
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from toolkit_builder.charts.language import catalogue_path, chart_languages, compile_catalogue

PACKAGE = Path(__file__).parents[2] / "toolkit_builder"
KEYWORDS = {"_": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2)}
"""How the charts code marks its messages (ChartLanguage's methods)."""
CHART_CODE = [
    ("charts/**.py", "python"),
    ("**.py", "ignore"),
]
"""The modules that speak the `charts` domain (babel.cfg leaves them out of `messages`)."""
CLDR_ORDER = ("zero", "one", "two", "few", "many", "other")
"""The order of plural forms in a catalogue: CLDR's categories, as the .po lists them."""
LANGUAGES = [code for code in chart_languages() if code != "en"]


def code_messages() -> set[tuple[str | None, str]]:
    """Return (context, msgid) of every message the code marks."""
    found = set()
    for _file, _line, message, _comments, context in extract_from_dir(
        str(PACKAGE), method_map=CHART_CODE, keywords=KEYWORDS
    ):
        found.add((context, message[0] if isinstance(message, tuple) else message))
    return found


def catalogue(code: str) -> Catalog:
    with catalogue_path(code).open("rb") as stream:
        return read_po(stream, locale=code)


def test_there_is_a_welsh_catalogue() -> None:
    assert "cy" in LANGUAGES


@pytest.mark.parametrize("code", LANGUAGES)
def test_every_entry_is_translated_and_not_fuzzy(code: str) -> None:
    entries = [m for m in catalogue(code) if m.id]
    assert entries
    fuzzy = [m.id for m in entries if m.fuzzy]
    empty = [
        m.id for m in entries if not (all(m.string) if isinstance(m.string, tuple) else m.string)
    ]
    assert fuzzy == [] and empty == []


@pytest.mark.parametrize("code", LANGUAGES)
def test_catalogue_and_code_have_the_same_messages(code: str) -> None:
    listed = {(m.context, m.id[0] if isinstance(m.id, tuple) else m.id) for m in catalogue(code)}
    listed.discard((None, ""))
    used = code_messages()
    assert sorted(used - listed, key=str) == [], "used in code, missing from the catalogue"
    assert sorted(listed - used, key=str) == [], "in the catalogue, no longer used"


@pytest.mark.parametrize("code", LANGUAGES)
def test_placeholders_and_plural_forms_match(code: str) -> None:
    cat = catalogue(code)
    problems = [(m.id, errors) for m, errors in cat.check()]
    assert problems == []
    for message in cat:
        if message.pluralizable:
            assert len(message.string) == cat.num_plurals


@pytest.mark.parametrize("code", LANGUAGES)
def test_plural_rule_in_the_header_is_cldrs(code: str) -> None:
    cat = catalogue(code)
    rule = Locale(code).plural_form
    order = [c for c in CLDR_ORDER if c in rule.tags | {"other"}]
    assert cat.num_plurals == len(order)
    choose = gettext.c2py(cat.plural_expr)  # the header's own C expression
    for n in range(1000):
        assert order[choose(n)] == rule(n), n
    if code == "cy":
        assert order == list(CLDR_ORDER)  # Welsh: all six


def test_fuzzy_entries_are_left_out_when_compiled() -> None:
    po = b"""msgid ""
msgstr ""
"Language: cy\\n"
"Content-Type: text/plain; charset=utf-8\\n"

#, fuzzy
msgid "Improving"
msgstr "Anghywir"

msgid "No signal"
msgstr "Dim arwydd"
"""
    translations = compile_catalogue(po, "cy")
    assert translations.gettext("Improving") == "Improving"
    assert translations.gettext("No signal") == "Dim arwydd"


WELSH_MUTATING_WORDS = (
    "o",
    "i",
    "yn",
    "tan",
    "hyd",
    "am",
    "ar",
    "at",
    "gan",
    "heb",
    "dros",
    "trwy",
)
"""Words after which Welsh mutates the next word ('o fis Medi', 'ym mis Medi', 'i fis Medi')."""
PERIOD_PLACEHOLDERS = ("when", "end", "start", "first", "last")
"""Placeholders filled with a period, which in Welsh may begin 'mis' (monthly periods)."""


def test_no_welsh_period_follows_a_word_that_would_mutate_it() -> None:
    """A period is filled in unmutated ('mis Medi'), so no sentence may put it after 'o'."""
    pattern = re.compile(
        rf"\b({'|'.join(WELSH_MUTATING_WORDS)}) %\(({'|'.join(PERIOD_PLACEHOLDERS)})\)s",
        re.IGNORECASE,
    )
    found = [
        match.group(0)
        for message in catalogue("cy")
        for text in (message.string if isinstance(message.string, tuple) else (message.string,))
        for match in pattern.finditer(text or "")
    ]
    assert found == []
