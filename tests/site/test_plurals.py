"""Numbers and nouns agree for every value a page can show, decimals included.

Expected forms come from the grammar, written out here, not from the code:

* CLDR categories of the sweep's values (CLDR plural rules, unicode.org/cldr
  "Language Plural Rules"): Lithuanian "one" is 1, 21, 101 (n % 10 = 1, not
  11-19), "few" 2-9, 22-29 (not 12-19), "many" every fraction, "other" 0 and
  10-20; Polish "one" is only 1, "few" 2-4 and 22-24 (not 12-14), "many" the
  other integers, "other" fractions; Ukrainian like Polish but "one" is also
  21, 101; Dutch and English "one" is 1 (not "1.0"), Vietnamese has no plural.
* Which msgstr holds which category: the Plural-Forms headers TRANSLATING.md
  gives translators (lt: one, few, fractions, other; pl and uk: one, few,
  many, fractions; nl: one, other; vi: one form).
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

import jinja2
import pytest
from babel.messages.pofile import read_po

import clvsite.examples as examples
from calculator import messages
from clvsite import plurals
from clvsite.build import SiteI18n
from clvsite.catalogs import catalog_path
from clvsite.formatting import number
from clvsite.rendering import JINJA_OPTIONS
from tests.site.conftest import LANGUAGES, ROOT, mkdocs_config

SWEEP = [0, 1, 2, 5, 11, 12, 21, 22, 25, 101, 0.5, 1.5, 2.5]
CATEGORY = {  # CLDR category of each value of SWEEP, as shown on the page
    "en": "other one other other other other other other other other other other other",
    "nl": "other one other other other other other other other other other other other",
    "lt": "other one few few other other one few few one many many many",
    "pl": "many one few many many many many few many many other other other",
    "uk": "many one few many many many one few many one other other other",
    "vi": "other other other other other other other other other other other other other",
}
FORM_INDEX = {  # msgstr index of each category (TRANSLATING.md, "Numbers and plural forms")
    "en": {"one": 0, "other": 1}, "nl": {"one": 0, "other": 1}, "vi": {"other": 0},
    "lt": {"one": 0, "few": 1, "many": 2, "other": 3},
    "pl": {"one": 0, "few": 1, "many": 2, "other": 3},
    "uk": {"one": 0, "few": 1, "many": 2, "other": 3},
}
PLACEHOLDER = re.compile(r"%\((\w+)\)s")


def shown(value: float, language: str) -> plurals.Shown:
    """The value as a page shows it: integers bare, fractions with one decimal."""
    return number(value, language, digits=None if isinstance(value, int) else 1)


def plural_messages() -> list:
    """Every plural entry of the template: every number-bearing message of the site."""
    with (ROOT / "locales" / "messages.pot").open("rb") as handle:
        return [m for m in read_po(handle) if m.id and m.pluralizable]


@functools.cache
def forms_of(language: str) -> dict:
    """msgstr forms per (context, singular), read from the .po file; English: the msgids."""
    if language == "en":
        return {(m.context, m.id[0]): m.id for m in plural_messages()}
    with catalog_path(ROOT / "locales", language).open("rb") as handle:
        return {(m.context, m.id[0]): m.string for m in read_po(handle, locale=language) if m.pluralizable}


@pytest.fixture(scope="module")
def site_i18n() -> SiteI18n:
    """Every language's catalog parsed and checked once for the whole module (most of its cost)."""
    # The examples' currencies as the build reads them (mkdocs.yml), not a copy.
    return SiteI18n(ROOT / "locales", LANGUAGES, dict(mkdocs_config()["extra"]["example_currency"]))


def test_the_sweep_meets_every_category():
    # The hand-written categories agree with Babel's CLDR data, so the sweep
    # does test every form of every language.
    for language, names in CATEGORY.items():
        assert [plurals.category(shown(v, language), language) for v in SWEEP] == names.split(), language
    assert set(CATEGORY["lt"].split()) == {"one", "few", "many", "other"}
    assert set(CATEGORY["pl"].split()) == set(CATEGORY["uk"].split()) == {"one", "few", "many", "other"}


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_number_bearing_message_takes_the_cldr_form_of_the_shown_value(site_i18n, language):
    environment = site_i18n.environment(language)
    forms, messages_checked = forms_of(language), 0
    for message in plural_messages():
        singular, plural = message.id
        translated = forms[(message.context, singular)]
        others = {name: "X" for name in PLACEHOLDER.findall(singular + plural) if name not in {"num", "count"}}
        template = environment.from_string(
            "{{ npgettext(context, singular, plural, n, **others) }}" if message.context else
            "{{ ngettext(singular, plural, n, **others) }}")
        for value, tag in zip(SWEEP, CATEGORY[language].split()):
            text = shown(value, language)
            rendered = template.render(singular=singular, plural=plural, n=text, context=message.context,
                                       others={**others, "count": text})
            expected = translated[FORM_INDEX[language][tag]] % {**others, "num": text, "count": text}
            assert rendered == expected, (singular, value)
        messages_checked += 1
    assert messages_checked >= 30


@pytest.mark.parametrize("language", ["lt", "pl", "uk"])
def test_fractions_have_a_form_of_their_own(language):
    # "2,5 mėnesio", "2,5 miesiąca", "2,5 місяця": the fraction form is not one of the integer forms.
    month = forms_of(language)[("duration", "%(num)s month")]
    fraction = month[FORM_INDEX[language][CATEGORY[language].split()[-1]]]
    integer_forms = {month[FORM_INDEX[language][tag]] for tag in CATEGORY[language].split()[:10]}
    assert fraction not in integer_forms
    assert {"lt": "mėnesio", "pl": "miesiąca", "uk": "місяця"}[language] in fraction


def test_a_catalog_without_a_fraction_form_is_reported():
    three_forms = "(n%10==1 && n%100!=11 ? 0 : n%10>=2 && (n%100<10 || n%100>=20) ? 1 : 2)"
    assert "many" in plurals.fraction_problem("lt", three_forms, 3)
    four_forms = ("(n % 10 == 1 && (n % 100 > 19 || n % 100 < 11) ? 0 : (n % 10 >= 2 && n % 10 <= 9) "
                  "&& (n % 100 > 19 || n % 100 < 11) ? 1 : n % 1 != 0 ? 2 : 3)")
    assert plurals.fraction_problem("lt", four_forms, 4) is None


# A number placeholder right before a word: the word would have to agree with the number
# ("and" or "or" start the next item of a list; "3 of %(total)s" is a count, not a noun).
NUMBER_THEN_WORD = r"%\({}\)s\s+(?!(?:and|or)\b|of %\()[^\W\d_]"
GETTEXT_CALLS = {"gettext", "_", "ngettext", "pgettext", "npgettext"}


def numbers_before_words(source: str) -> list[str]:
    """msgids of a template where a ``|number`` value is followed by a word."""
    environment = jinja2.Environment(**JINJA_OPTIONS)
    environment.policies["ext.i18n.trimmed"] = True
    environment.newstyle_gettext = True  # values then stay keyword arguments of the gettext call
    found = []
    for call in environment.parse(source).find_all(jinja2.nodes.Call):
        if not (isinstance(call.node, jinja2.nodes.Name) and call.node.name in GETTEXT_CALLS):
            continue
        texts = " ".join(arg.value for arg in call.args if isinstance(arg, jinja2.nodes.Const)
                         and isinstance(arg.value, str))
        for keyword in call.kwargs:
            value = keyword.value
            if isinstance(value, jinja2.nodes.Filter) and value.name == "number" \
                    and re.search(NUMBER_THEN_WORD.format(keyword.key), texts):
                found.append(f"%({keyword.key})s in {texts[:70]!r}")
    return found


SOURCES = sorted([*(ROOT / "docs").rglob("*.md"), *(ROOT / "clvsite" / "templates").glob("*.html")])


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_number_is_followed_by_a_word_outside_a_plural_message(path: Path):
    assert numbers_before_words(path.read_text(encoding="utf-8")) == []


def test_the_check_finds_a_number_before_a_noun():
    assert numbers_before_words("{% trans n=x|number %}stays {{ n }} months{% endtrans %}")
    assert not numbers_before_words("{% trans n=x|number %}months: {{ n }}{% endtrans %}")


# calculator/messages.py texts whose placeholders are numbers: none may be followed by a word.
NUMBER_PLACEHOLDERS = {"done", "total", "shown", "count", "iterations", "found", "repeat"}


def test_calculator_messages_put_no_word_after_a_number():
    texts = [*messages.MESSAGES.values(), *messages.ANALYSIS_TEXTS.values()]
    offending = [text for text in texts for name in NUMBER_PLACEHOLDERS
                 if re.search(NUMBER_THEN_WORD.format(name), text)]
    offending += [t for t in [messages.MESSAGES["short_row"]] if re.search(NUMBER_THEN_WORD.format("expected"), t)]
    assert offending == []


def scaled(value, factor):
    """An example input times ``factor``: counts stay whole, shares (below 1) stay as they are."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 1:
        return value
    return round(value * factor) if isinstance(value, int) else value * factor


PAGES = sorted((ROOT / "docs").rglob("*.md"))


@pytest.fixture(scope="module")
def page_templates(site_i18n) -> dict:
    """Each page compiled once per language; a factor changes only what the pages are given."""
    return {(language, page): site_i18n.environment(language).from_string(page.read_text(encoding="utf-8"))
            for language in LANGUAGES for page in PAGES}


@pytest.mark.parametrize("factor", [0.5, 3])
def test_examples_changed_by_a_factor_still_agree(site_i18n, page_templates, monkeypatch, factor):
    # Every page of every language, with the worked examples' inputs changed:
    # each number-bearing message must take the form CLDR names for its value.
    for name in ("SIMPLE", "PREDICTIVE", "CHURN", "DISCOUNTED", "UNIT_ECONOMICS", "CHURN_RATE", "RETENTION_RATE",
                 "ACQUISITION", "ORDER_VALUE", "FREQUENCY", "GROSS_MARGIN", "ARPU", "MARKUP", "NPS"):
        monkeypatch.setattr(examples, name, {k: scaled(v, factor) for k, v in getattr(examples, name).items()})
    monkeypatch.setattr(examples, "HISTORICAL_ORDERS", tuple(v * factor for v in examples.HISTORICAL_ORDERS))
    # The pages' data, computed anew from the changed examples (what SiteI18n.environment
    # gives make_environment), replaces the module's environments' for this test only.
    contexts = {}
    for language in LANGUAGES:
        currency = site_i18n.currency(language)
        if currency not in contexts:
            contexts[currency] = examples.page_context(currency)
        environment = site_i18n.environment(language)
        assert environment.globals["example"] != contexts[currency]["example"], "the factor changes no example"
        for key, value in contexts[currency].items():
            monkeypatch.setitem(environment.globals, key, value)
    choices = []
    original = plurals.PluralForms.npgettext

    def recording(self, context, singular, plural, n):
        choices.append((self.locale, plurals.category(n, self.locale), original(self, context, singular, plural, n),
                        forms_of(self.locale).get((context, singular))))
        return original(self, context, singular, plural, n)

    monkeypatch.setattr(plurals.PluralForms, "npgettext", recording)
    for template in page_templates.values():
        template.render(root=".")
    assert len(choices) > 200
    assert {tag for language, tag, _, _ in choices if language == "lt"} >= {"few", "many", "other"}
    for language, tag, chosen, forms in choices:
        assert chosen == forms[FORM_INDEX[language][tag]], (language, tag, chosen)
