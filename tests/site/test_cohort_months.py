"""A cohort's month: translators' forms checked against CLDR's month names.

The cohort page says "kohorty ze stycznia 2025" (pl) and "2025 m. sausio
kohorta" (lt): the month in the case a sentence needs, which CLDR's
standalone month names (a table cell) do not give. The catalogs carry both
forms per month (clvsite/cohort_months.py); here each is compared with the
names CLDR has for the same month: the standalone name ``LLLL`` for a cell
and, in languages whose months decline, the name inside a date ``MMMM``
(genitive: "1 stycznia 2025") for the sentence form.
"""

from __future__ import annotations

import datetime as dt
import functools
import re

import pytest
from babel.dates import format_date

from clvsite.cohort_months import cohort_month
from tests.site.htmlscan import read_page
from tests.site.test_built_site import catalog, page_path

MONTHS = [dt.date(2025, month, 1) for month in range(1, 13)]
DECLINING = ["lt", "pl", "uk"]  # month names change case after "cohort"
YEAR = "2025"


@functools.cache
def translate_with(language: str):
    messages = catalog(language)  # read once per language, not once per case

    def translate(context: str, message: str) -> str:
        entry = messages.get(message, context=context)
        assert entry is not None and entry.string, (language, context, message)
        return entry.string

    return translate


# A cell names the month as CLDR does standalone ("styczeń"); next to "cohort",
# in the languages whose months decline, it is CLDR's genitive ("stycznia").
CLDR_FORMS = ([(language, "cell", "LLLL") for language in ["lt", "nl", "pl", "uk"]]
              + [(language, "sentence", "MMMM") for language in DECLINING])


@pytest.mark.parametrize(("language", "form", "pattern"), CLDR_FORMS)
@pytest.mark.parametrize("day", MONTHS, ids=lambda day: f"{day:%m}")
def test_each_form_holds_the_month_as_cldr_names_it(language, form, pattern, day):
    worded = cohort_month(day, form, translate_with(language))
    name = format_date(day, pattern, locale=language)
    assert re.search(rf"(^|\s){re.escape(name)}(\s|$)", worded), (worded, name)
    assert YEAR in worded


@pytest.mark.parametrize("day", MONTHS, ids=lambda day: f"{day:%m}")
def test_polish_takes_ze_before_a_cluster_of_s_or_z(day):
    # Polish writes "ze" instead of "z" before a word opening with s, z, ś, ź
    # or ż followed by a consonant ("ze stycznia"), "z" otherwise ("z sierpnia").
    worded = cohort_month(day, "sentence", translate_with("pl"))
    genitive = format_date(day, "MMMM", locale="pl")
    preposition = "ze" if re.match(r"[szśźż][^aeiouyąęó]", genitive) else "z"
    assert worded == f"{preposition} {genitive} {YEAR}"


@pytest.mark.parametrize("day", MONTHS, ids=lambda day: f"{day:%m}")
def test_vietnamese_cells_write_thang_m_slash_year(day):
    assert cohort_month(day, "cell", translate_with("vi")) == f"Tháng {day.month}/{YEAR}"


# The cohort page's example starts in January and February 2025 (clvsite/examples.py COHORTS).
COHORT_PAGE_TEXT = {
    "pl": ["kohorty ze stycznia 2025", "Kohorta z lutego 2025"],
    "lt": ["2025 m. sausio kohorta", "2025 m. vasario kohorta"],
    "uk": ["когорта січня 2025 року", "Когорта лютого 2025 року"],
    "vi": ["cohort tháng 1/2025", "Tháng 1/2025"],
}


@pytest.mark.parametrize("language", sorted(COHORT_PAGE_TEXT))
def test_the_cohort_page_puts_the_month_in_its_sentence_form(built_site, language):
    text = read_page(page_path(built_site, language, "glossary/cohort-analysis/").read_text(encoding="utf-8")).text
    for fragment in COHORT_PAGE_TEXT[language]:
        assert fragment in text
