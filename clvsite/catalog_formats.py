"""Formats and plurals of a catalog, checked the way gettext's ``msgfmt -c`` does.

Every string of this site goes through Python's ``%`` operator (Jinja's
new-style gettext formats even strings without variables, and the
calculator fills its templates with ``%``), so a translation must be a valid
``%`` format with the same placeholders, each with the same conversion, as
its msgid. The Plural-Forms expression is C code in a header; it is parsed
by the standard library's ``gettext.c2py`` (a tokenizer with an allowlist of
operators, never ``eval`` of arbitrary text) and then compared with CLDR's
rule for the language.
"""

from __future__ import annotations

import gettext
import re
from collections import Counter
from dataclasses import dataclass

from babel.core import Locale, UnknownLocaleError

# One conversion specification of Python's printf-style formatting
# (https://docs.python.org/3/library/stdtypes.html#printf-style-string-formatting).
CONVERSION = re.compile(r"%(?:\((?P<name>[^()]*)\))?[#0\- +]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[hlL]?(?P<type>[diouxXeEfFgGcrsa%])")
# `%r` and `%a` print Python's repr (quotes, escapes): never text for readers.
REPR_CONVERSIONS = frozenset("ra")
# Plural rules are checked on these counts, as the issue asks (0…1000).
PLURAL_SAMPLE = range(0, 1001)


@dataclass(frozen=True)
class Format:
    """What Python's ``%`` operator would see in one string."""

    placeholders: Counter[str]  # "%(name)s", or "%s" for positional ones
    lone_percent: int  # `%` signs that start no valid conversion


def parse_format(text: str) -> Format:
    """The placeholders of ``text`` with their conversions, and its stray ``%`` signs.

    >>> parse_format("%(clv)s at %(margin).1f%% and %d%%").placeholders
    Counter({'%(clv)s': 1, '%(margin)f': 1, '%d': 1})
    >>> parse_format("50 % off, 5 %korting").lone_percent
    2
    """
    found: Counter[str] = Counter()
    lone = 0
    position = text.find("%")
    while position != -1:
        match = CONVERSION.match(text, position)
        if match is None:
            lone += 1
            position = text.find("%", position + 1)
            continue
        name = match.group("name")
        if name is None and " " in match.group(0):
            # "50 % off" is `% o` to Python (space flag, octal): a percent sign meant as text.
            lone += 1
            position = text.find("%", position + 1)
            continue
        if match.group("type") != "%":
            found[f"%({name}){match.group('type')}" if name is not None else f"%{match.group('type')}"] += 1
        position = text.find("%", match.end())
    return Format(found, lone)


def format_problems(sources: list[str], translation: str) -> list[str]:
    """Why ``translation`` would fail or differ under ``%`` where its msgid does not.

    ``sources`` is the msgid and, for a plural entry, the msgid_plural: a
    form may use the placeholders of either, but must keep those both share.
    """
    source_formats = [parse_format(s) for s in sources]
    target = parse_format(translation)
    problems = []
    if target.lone_percent and not any(f.lone_percent for f in source_formats):
        problems.append("has a lone % (write %% for a percent sign)")
    allowed = set().union(*(f.placeholders for f in source_formats))
    required = set.intersection(*(set(f.placeholders) for f in source_formats))
    by_name = {_name(p): p for p in allowed}
    found_names = {_name(p) for p in target.placeholders}
    for placeholder in sorted(set(target.placeholders) - allowed):
        if _name(placeholder) in by_name:
            quotes = f" ({placeholder[-1]} shows Python quotes)" if placeholder[-1] in REPR_CONVERSIONS else ""
            problems.append(f"changes the conversion: {placeholder} where the msgid has {by_name[_name(placeholder)]}{quotes}")
        elif placeholder[-1] in REPR_CONVERSIONS:
            problems.append(f"adds {placeholder}, which shows Python quotes")
        else:
            problems.append(f"adds {placeholder}")
    problems += [f"drops {p}" for p in sorted(required) if _name(p) not in found_names]
    return problems


def _name(placeholder: str) -> str:
    """The placeholder without its conversion: %(clv)s -> %(clv)."""
    return placeholder[:-1]


# Plural-Forms -------------------------------------------------------------------

PLURAL_FORMS = re.compile(r"^\s*nplurals\s*=\s*(?P<count>\d+)\s*;\s*plural\s*=\s*(?P<expression>[^;]+?)\s*;?\s*$")


def plural_forms_problem(header: str, language: str) -> str | None:
    """Why a Plural-Forms header cannot be used for ``language``; None when it can.

    The expression must parse, give an index below nplurals for every count
    of 0…1000, and put two counts in the same form exactly when CLDR puts
    them in the same category (so any order of the forms is accepted).

    >>> plural_forms_problem("nplurals=2; plural=(n != 1);", "nl") is None
    True
    >>> plural_forms_problem("nplurals=2; plural=(n==1?0:7);", "nl")
    'plural=(n==1?0:7) gives form 7 for n = 0, but nplurals is 2'
    """
    match = PLURAL_FORMS.match(header)
    if not match:
        return f"Plural-Forms {header!r} is not 'nplurals=N; plural=EXPRESSION;'"
    count, expression = int(match.group("count")), match.group("expression")
    try:
        rule = gettext.c2py(expression)
    except (ValueError, SyntaxError, RecursionError) as error:
        return f"plural={expression} is not a valid C expression of n: {error}"
    indexes = {}
    for n in PLURAL_SAMPLE:
        try:
            index = rule(n)
        except (ArithmeticError, RecursionError) as error:
            return f"plural={expression} fails for n = {n}: {error}"
        if not 0 <= index < count:
            return f"plural={expression} gives form {index} for n = {n}, but nplurals is {count}"
        indexes[n] = index
    try:
        cldr = Locale.parse(language).plural_form
    except (UnknownLocaleError, ValueError):
        return None  # no CLDR data to compare with
    categories = {n: cldr(n) for n in PLURAL_SAMPLE}
    form_of_category: dict[str, int] = {}
    category_of_form: dict[int, str] = {}
    for n in PLURAL_SAMPLE:
        category, index = categories[n], indexes[n]
        if form_of_category.setdefault(category, index) != index or category_of_form.setdefault(index, category) != category:
            return (f"plural={expression} does not follow CLDR's rule for {language!r}: n = {n} ({category!r}) "
                    f"gets form {index}, but other {category!r} counts get form {form_of_category[category]}"
                    if form_of_category[category] != index else
                    f"plural={expression} does not follow CLDR's rule for {language!r}: form {index} is used for "
                    f"both {category_of_form[index]!r} and {category!r} counts (n = {n})")
    return None
