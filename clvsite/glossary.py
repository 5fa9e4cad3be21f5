"""The glossary's terms: slug, name and one-line definition, marked for translation.

The glossary index lists these, sorted by each language's collation; each term
page repeats its name as its H1 (the same msgid, so one translation).
"""

from __future__ import annotations

from dataclasses import dataclass


def N_(message: str) -> str:
    """Mark ``message`` for extraction; translated at build time."""
    return message


@dataclass(frozen=True)
class Term:
    """One glossary entry: its page is docs/glossary/<slug>.md."""

    slug: str
    name: str
    definition: str
    abbreviation: str = ""


TERMS: tuple[Term, ...] = (
    Term("customer-lifetime-value", N_("Customer lifetime value (CLV)"),
         N_("The gross profit a business expects from one customer over the whole relationship."), "CLV"),
)


def localized_terms(gettext, locale: str) -> list[dict[str, str]]:
    """The terms in ``locale``: translated names and definitions, in dictionary order."""
    from clvsite.collation import collation_sorted

    entries = {gettext(term.name): term for term in TERMS}
    return [
        {"slug": entries[name].slug, "name": name, "definition": gettext(entries[name].definition),
         "abbreviation": entries[name].abbreviation}
        for name in collation_sorted(list(entries), locale)
    ]
