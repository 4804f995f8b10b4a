"""Language: interface catalogues, translated content and formatting for people.

Owns: i18n (Languages, gettext catalogues), localise (a site in one language, with
field-by-field fallbacks), pageformat and formatting (dates, numbers, sizes in a page's
language). May import: content, errors. Hands on: localised `Site`s and `PageFormat`.
"""
