"""Plural forms chosen by CLDR for the number a page shows, decimals included.

gettext's ``Plural-Forms`` is evaluated on integers only, while CLDR gives
fractions their own category: Lithuanian "2,5 mėnesio", Polish "2,5 roku",
Ukrainian "2,5 року" use a form that no integer takes. So the catalogs of
lt, pl and uk carry four forms (CLDR's, in the order Transifex and Weblate
use), and the form of a message is picked here: the CLDR category of the
*displayed* value (Babel's plural rules; "1,0" is not "1") decides, and the
catalog's own plural expression says which msgstr index holds that category.

A category that no integer reaches (fractions) takes the one index no integer
reaches; a catalog without such an index has no form for fractions, which
:func:`fraction_problem` reports.
"""

from __future__ import annotations

import gettext
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from babel import Locale
from babel.messages.catalog import Catalog
from babel.messages.plurals import get_plural
from babel.numbers import parse_decimal
from babel.support import NullTranslations

__all__ = ["Shown", "shown", "category", "form_indices", "PluralForms", "fraction_problem"]

# Integers enough to meet every CLDR integer category of any language (the
# rules look at n mod 100 at most, and at 0 and 1 explicitly).
INTEGER_SAMPLES = range(0, 200)


class Shown(str):
    """A number as the page shows it ("2,5"), carrying the value CLDR rules need.

    >>> s = shown("2,5", "lt")
    >>> s, s.value
    ('2,5', Decimal('2.5'))
    """

    value: Decimal


def shown(text: str, locale: str) -> Shown:
    """The formatted ``text`` with its value read back from it, visible decimals kept."""
    result = Shown(text)
    result.value = parse_decimal(text, locale=locale, strict=False)
    return result


def category(value: Any, locale: str) -> str:
    """The CLDR plural category of a displayed value (one, few, many, other).

    >>> category(shown("2,5", "pl"), "pl"), category(5, "pl"), category(shown("1,0", "en"), "en")
    ('other', 'many', 'other')
    """
    number = value.value if isinstance(value, Shown) else Decimal(str(value))
    return Locale.parse(locale).plural_form(number)


def form_indices(locale: str, plural_expr: str, nplurals: int) -> dict[str, int]:
    """CLDR category -> msgstr index, read from a catalog's ``Plural-Forms``.

    Integer categories take the index gettext gives their integers; a category
    only fractions reach takes the one index left over. A category missing from
    the result has no form in this catalog.

    >>> form_indices("lt", "(n % 10 == 1 && (n % 100 > 19 || n % 100 < 11) ? 0 : "
    ...     "(n % 10 >= 2 && n % 10 <= 9) && (n % 100 > 19 || n % 100 < 11) ? 1 : n % 1 != 0 ? 2 : 3)", 4)
    {'other': 3, 'one': 0, 'few': 1, 'many': 2}
    """
    rule = Locale.parse(locale).plural_form
    evaluate = gettext.c2py(plural_expr)
    indices: dict[str, int] = {}
    for n in INTEGER_SAMPLES:
        indices.setdefault(rule(n), evaluate(n))
    left_over = sorted(set(range(nplurals)) - set(indices.values()))
    fraction_only = [tag for tag in sorted(rule.tags | {"other"}) if tag not in indices]
    if len(fraction_only) == 1 and len(left_over) == 1:
        indices[fraction_only[0]] = left_over[0]
    return indices


def fraction_problem(locale: str, plural_expr: str, nplurals: int) -> str | None:
    """Why a catalog cannot write every displayed value, or None when it can."""
    missing = sorted((Locale.parse(locale).plural_form.tags | {"other"}) - form_indices(locale, plural_expr, nplurals).keys())
    if not missing:
        return None
    return (f"Plural-Forms has no form for CLDR category {', '.join(missing)} (numbers such as 2,5); "
            f"use the four-form header of TRANSLATING.md")


class PluralForms:
    """gettext for Jinja whose ``ngettext``/``npgettext`` follow CLDR for the shown value.

    ``translations`` answers every singular message; plural messages come from
    ``catalog`` (every form, including the ones no integer reaches). Without a
    complete translation the English forms are used, as gettext does.
    """

    def __init__(self, translations: NullTranslations, locale: str, catalog: Catalog | None = None):
        self.translations = translations
        self.locale = locale
        self.forms: dict[tuple[str | None, str], tuple[str, ...]] = {}
        if catalog is not None:
            self.indices = form_indices(locale, catalog.plural_expr, catalog.num_plurals)
            for message in catalog:
                if message.pluralizable and not message.fuzzy and all(message.string):
                    self.forms[(message.context, message.id[0])] = tuple(message.string)
        else:
            self.indices = form_indices(locale, *reversed(get_plural(locale)))
        self.english = form_indices("en", "(n != 1)", 2)

    def gettext(self, message: str) -> str:
        return self.translations.gettext(message)

    def pgettext(self, context: str, message: str) -> str:
        return self.translations.pgettext(context, message)

    def npgettext(self, context: str | None, singular: str, plural: str, n: Any) -> str:
        """The form of ``singular``/``plural`` for the displayed number ``n``."""
        forms = self.forms.get((context, singular))
        if forms is not None:
            index = self.indices.get(category(n, self.locale))
            if index is not None and index < len(forms):
                return forms[index]
        return (singular, plural)[self.english[category(n, "en")]]

    def ngettext(self, singular: str, plural: str, n: Any) -> str:
        return self.npgettext(None, singular, plural, n)

    def choice(self, n: Any) -> Mapping[str, Any]:
        """What a test needs to check a choice: the category and the index."""
        tag = category(n, self.locale)
        return {"category": tag, "index": self.indices.get(tag)}
