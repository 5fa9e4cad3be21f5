"""Plural forms through ngettext and each catalog's CLDR plural rule.

The expected form index for each count comes from the grammar of the language
(CLDR categories written out by hand), not from the code: Lithuanian uses form 0
for 1, 21, 31...; form 1 for 2-9, 22-29... ("5 metus"); form 2 for 0 and 10-20, 30...
Polish: 0 only for 1; 1 for 2-4, 22-24...; 2 for 5-21, 25-31...
Ukrainian: 0 for 1, 21...; 1 for 2-4, 22-24...; 2 for 5-20, 25-30...
"""

from __future__ import annotations

import functools

import pytest
from babel.messages.pofile import read_po

from clvsite.build import SiteI18n
from tests.site.conftest import ROOT

COUNTS = [1, 2, 5, 11, 21, 22, 25]
EXPECTED_FORM = {
    "lt": [0, 1, 1, 2, 0, 1, 1],
    "pl": [0, 1, 2, 2, 2, 1, 2],
    "uk": [0, 1, 2, 2, 0, 1, 2],
}
# The two plural messages of the CLV entry: (singular, plural, other placeholders).
MESSAGES = [
    ("Counting only the first year, the CLV is %(clv)s.",
     "Counting only the first %(count)s years, the CLV is %(clv)s.", ("clv",)),
    ("**Worked example.** A customer placed %(count)s order worth %(revenue)s.",
     "**Worked example.** A customer placed %(count)s orders worth %(revenue)s in total.", ("revenue",)),
]


@functools.cache
def plural_forms(language: str, singular: str) -> tuple[str, ...]:
    """msgstr[0], msgstr[1], ... of *singular*, read from the .po file itself."""
    with (ROOT / "locales" / language / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        return tuple(read_po(handle, locale=language)[singular].string)


def trans_block(singular: str, plural: str, names: tuple[str, ...]) -> str:
    """The Jinja source that produces this msgid, as the page writes it."""
    def jinja(text: str) -> str:
        for name in ("count", *names):
            text = text.replace(f"%({name})s", "{{ %s }}" % name)
        return text
    assignments = ", ".join(["count=n", *(f"{name}='X'" for name in names)])
    return "{% trans " + assignments + " %}" + jinja(singular) + "{% pluralize %}" + jinja(plural) + "{% endtrans %}"


@pytest.fixture(scope="module")
def site_i18n() -> SiteI18n:
    return SiteI18n(ROOT / "locales", ["lt", "pl", "uk"], {})


@pytest.mark.parametrize("language", sorted(EXPECTED_FORM))
@pytest.mark.parametrize("singular, plural, names", MESSAGES, ids=["years", "orders"])
def test_plural_forms_follow_the_grammar(site_i18n, language, singular, plural, names):
    forms = plural_forms(language, singular)
    environment = site_i18n.environment(language)
    for count, index in zip(COUNTS, EXPECTED_FORM[language]):
        rendered = environment.from_string(trans_block(singular, plural, names)).render(n=count)
        assert rendered == forms[index] % {"count": count, **{name: "X" for name in names}}, count


@pytest.mark.parametrize("language", sorted(EXPECTED_FORM))
def test_three_form_languages_use_three_forms(site_i18n, language):
    # Some nouns share forms (Lithuanian "metai" is the same for 1 and 2), so
    # each pair of forms must differ in at least one of the messages.
    distinct = {(a, b) for singular, _, _ in MESSAGES for a in range(3) for b in range(3)
                if plural_forms(language, singular)[a] != plural_forms(language, singular)[b]}
    assert {(0, 1), (0, 2), (1, 2)} <= distinct
