"""Texts of mkdocs.yml that readers see, translated per language tree.

mkdocs.yml holds them in English; they are repeated here, marked with ``N_``,
so `pybabel extract` puts them in the catalog, and the hook swaps in the
translation for each language build. A test keeps both in step.
"""

from __future__ import annotations

from collections.abc import Callable


def N_(message: str) -> str:
    """Mark ``message`` for extraction; translated later, at build time."""
    return message


SITE_TEXTS = {
    "site_name": N_("CLV Glossary"),
    "site_description": N_("Customer lifetime value (CLV) explained and calculated, in six languages."),
}
# Section titles of the `nav:` in mkdocs.yml.
NAV_SECTIONS = (N_("Glossary"),)


def translate_sections(items: list, gettext: Callable[[str], str]) -> None:
    """Translate the titles of nav sections in place (pages take their own H1)."""
    for item in items:
        if getattr(item, "is_section", False):
            item.title = gettext(item.title)
            translate_sections(item.children, gettext)
