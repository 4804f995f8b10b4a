"""Interface text per language: gettext catalogues read from Babel `.po` files.

The catalogues sit in the package (`locales/<lang>/LC_MESSAGES/messages.po`) and
are read at build time with Babel, so an editable and an installed package work
the same way and nothing is compiled. The default language is the source
language of the messages: it needs no catalogue.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from io import BytesIO
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations

LOCALES = Path(__file__).resolve().parents[1] / "locales"
"""Where the interface catalogues live, one folder per language."""

DOMAIN = "messages"
"""The gettext domain of page text (charts have their own)."""

SOURCE_LANGUAGE = "en"
"""The language the messages are written in, in templates and code."""

LANGUAGE_NAMES = {"en": "English", "cy": "Cymraeg"}
"""Each language's name in that language, for the language switch."""


def catalogue_path(lang: str, domain: str = DOMAIN, folder: Path = LOCALES) -> Path:
    """Return where the `.po` file of a language and domain sits."""
    return folder / lang / "LC_MESSAGES" / f"{domain}.po"


def has_catalogue(lang: str, domain: str = DOMAIN, folder: Path = LOCALES) -> bool:
    """Return True if the interface can be shown in `lang` (its catalogue exists)."""
    return lang == SOURCE_LANGUAGE or catalogue_path(lang, domain, folder).is_file()


@lru_cache(maxsize=16)
def translations_from_po(data: bytes, lang: str) -> NullTranslations:
    """Return gettext translations from the bytes of a `.po` file (fuzzy entries left out).

    Memoised on the file's bytes: the preview loads the catalogues for every rebuild.
    """
    catalog = read_po(BytesIO(data), locale=lang)
    compiled = BytesIO()
    write_mo(compiled, catalog, use_fuzzy=False)
    compiled.seek(0)
    return Translations(compiled)


def load_translations(lang: str, domain: str = DOMAIN, folder: Path = LOCALES) -> NullTranslations:
    """Return the interface translations of a language (none for the source language)."""
    path = catalogue_path(lang, domain, folder)
    if lang == SOURCE_LANGUAGE or not path.is_file():
        return NullTranslations()
    return translations_from_po(path.read_bytes(), lang)


def language_name(lang: str) -> str:
    """Return a language's own name ('Cymraeg'), or its code when unknown."""
    return LANGUAGE_NAMES.get(lang, lang)


@dataclass(frozen=True, slots=True)
class Languages:
    """The languages of a site, the first being the default."""

    codes: tuple[str, ...]

    @property
    def default(self) -> str:
        """Return the default language (its pages sit at the root)."""
        return self.codes[0]

    def prefix(self, lang: str) -> str:
        """Return the folder of a language's pages: '' for the default, else 'cy/'."""
        return "" if lang == self.default else f"{lang}/"

    def page_path(self, lang: str, path: str) -> str:
        """Return where a page of the default language's layout sits in `lang`."""
        return self.prefix(lang) + path

    def split(self, path: str) -> tuple[str, str]:
        """Return (language, path in the default layout) of an output path."""
        head, _, rest = path.partition("/")
        if rest and head in self.codes[1:]:
            return head, rest
        return self.default, path
