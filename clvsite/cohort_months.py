"""The month a cohort signed up, worded by the translators, not by a fixed pattern.

CLDR gives each month a standalone name ("styczeń 2025") and a name inside a
date ("1 stycznia 2025"), but not the form a month takes after the word
"cohort": Polish says "kohorta ze stycznia 2025" (a preposition that itself
depends on the month), Lithuanian "2025 m. sausio kohorta" (genitive, before
the noun), Ukrainian "когорта січня 2025 року". Vietnamese tables write
"Tháng 1/2025". So both forms are catalog entries, one per month, and the
translators choose them; tests/site/test_cohort_months.py checks them
against CLDR's month names.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from calculator.messages import pgettext

# Translators: a cohort's month as a table cell or label (standalone form),
# e.g. pl "styczeń %(year)s", lt "%(year)s m. sausis", vi "Tháng 1/%(year)s".
CELL = (pgettext("cohort month, table cell", "January %(year)s"),
        pgettext("cohort month, table cell", "February %(year)s"),
        pgettext("cohort month, table cell", "March %(year)s"),
        pgettext("cohort month, table cell", "April %(year)s"),
        pgettext("cohort month, table cell", "May %(year)s"),
        pgettext("cohort month, table cell", "June %(year)s"),
        pgettext("cohort month, table cell", "July %(year)s"),
        pgettext("cohort month, table cell", "August %(year)s"),
        pgettext("cohort month, table cell", "September %(year)s"),
        pgettext("cohort month, table cell", "October %(year)s"),
        pgettext("cohort month, table cell", "November %(year)s"),
        pgettext("cohort month, table cell", "December %(year)s"))

# Translators: a cohort's month as your sentences put it next to the word
# "cohort", with any preposition or case it needs: pl "ze stycznia %(year)s"
# ("kohorta ze stycznia 2025"), lt "%(year)s m. sausio", uk "січня %(year)s року".
IN_SENTENCE = (pgettext("cohort month, next to the word cohort", "January %(year)s"),
               pgettext("cohort month, next to the word cohort", "February %(year)s"),
               pgettext("cohort month, next to the word cohort", "March %(year)s"),
               pgettext("cohort month, next to the word cohort", "April %(year)s"),
               pgettext("cohort month, next to the word cohort", "May %(year)s"),
               pgettext("cohort month, next to the word cohort", "June %(year)s"),
               pgettext("cohort month, next to the word cohort", "July %(year)s"),
               pgettext("cohort month, next to the word cohort", "August %(year)s"),
               pgettext("cohort month, next to the word cohort", "September %(year)s"),
               pgettext("cohort month, next to the word cohort", "October %(year)s"),
               pgettext("cohort month, next to the word cohort", "November %(year)s"),
               pgettext("cohort month, next to the word cohort", "December %(year)s"))

FORMS = {"cell": CELL, "sentence": IN_SENTENCE}


def cohort_month(value: dt.date, form: str, translate: Callable[[str, str], str]) -> str:
    """The cohort month of *value* in *form* ("cell" or "sentence"), translated.

    The year is written without grouping: "2025", never "2 025".

    >>> cohort_month(dt.date(2025, 2, 1), "sentence", lambda context, message: message)
    'February 2025'
    """
    context, message = FORMS[form][value.month - 1].split("\x04")
    return translate(context, message) % {"year": str(value.year)}
