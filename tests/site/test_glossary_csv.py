"""locales/glossary.csv, the translators' glossary of terms, agrees with the catalogs.

One row per English term, one column per language (Weblate's multilingual
glossary CSV); TRANSLATING.md tells translators to load it. A term whose English
appears in a msgid must appear, in its listed translation, in that entry's
msgstr. Lithuanian, Polish and Ukrainian inflect, so a word matches on its stem:
all but its last four letters (at least three), which covers case endings and
the Ukrainian vowel alternation (рівень / рівня, тривалість / тривалості).
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from clvsite import SOURCE_LANGUAGE
from clvsite.catalogs import available_languages, catalog_path

ROOT = Path(__file__).resolve().parents[2]
LOCALES = ROOT / "locales"
GLOSSARY = LOCALES / "glossary.csv"
LANGUAGES = [lang for lang in available_languages(LOCALES) if lang != SOURCE_LANGUAGE]

# Entries where the English term is used in another sense, with the reason.
EXCEPTIONS = {
    # "months of gross margin" is an amount of money, gross profit (lợi nhuận gộp),
    # not the ratio the glossary's "biên lợi nhuận gộp" names.
    ("vi", "gross margin", "How many periods of gross margin it takes"),
    ("vi", "gross margin", "The **CAC payback period** is the number of months"),
}


def glossary() -> list[dict[str, str]]:
    with GLOSSARY.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def stem(word: str) -> str:
    return word[:max(3, len(word) - 4)].casefold()


def contains_term(term: str, text: str) -> bool:
    folded = text.casefold()
    return all(stem(word) in folded for word in term.split())


def test_the_glossary_has_a_column_for_every_language_and_no_empty_cell():
    rows = glossary()
    assert rows, "locales/glossary.csv has no terms"
    assert set(LANGUAGES) | {"en"} <= set(rows[0]), "a language of locales/ has no column"
    for line, row in enumerate(rows, start=2):
        for language in ["en", *LANGUAGES]:
            assert row[language].strip(), f"locales/glossary.csv:{line}: no {language} for {row['en']!r}"


def test_the_glossary_covers_the_terminology_of_the_pages():
    terms = {row["en"].casefold() for row in glossary()}
    for concept in ("customer lifetime value", "churn rate", "retention rate", "cohort",
                    "customer lifespan", "net promoter score", "gross margin"):
        assert concept in terms


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_glossary_term_keeps_its_translation_in_the_catalog(language):
    with catalog_path(LOCALES, language).open("rb") as handle:
        catalog = read_po(handle)
    wrong = []
    for row in glossary():
        english = re.compile(rf"\b{re.escape(row['en'])}\b", re.IGNORECASE)
        for message in catalog:
            msgid = message.id if isinstance(message.id, str) else (message.id or ("",))[0]
            if not msgid or not english.search(msgid):
                continue
            if any((language, row["en"]) == (lang, term) and msgid.startswith(start)
                   for lang, term, start in EXCEPTIONS):
                continue
            forms = message.string if isinstance(message.string, tuple) else (message.string,)
            if not all(contains_term(row[language], form) for form in forms if form):
                wrong.append(f"{row['en']!r} is not {row[language]!r} in: {msgid[:70]}")
    assert not wrong, "\n".join(wrong)
