"""Texts of mkdocs.yml that readers see, translated per language tree.

mkdocs.yml holds them in English; they are repeated here, marked with ``N_``,
so `pybabel extract` puts them in the catalog, and the hook swaps in the
translation for each language build. A test keeps both in step.
"""

from __future__ import annotations

from collections.abc import Callable

from calculator.messages import N_  # marks a text for extraction; translated at build time

SITE_TEXTS = {
    "site_name": N_("CLV Glossary"),
    "site_description": N_("Customer lifetime value (CLV) explained and calculated, in six languages."),
}
# Tooltip of the ¶ link after each heading (Python-Markdown's toc extension).
PERMALINK_TITLE = N_("Permanent link")
# Material interface texts that some of its language files leave in English
# (overrides/partials/language.html uses the catalog's translation for them).
THEME_GAPS = {
    "search.result.initializer": N_("Initializing search"),
    # Translators: accessible name of the page header landmark.
    "header": N_("Header"),
    # Translators: accessible name of the page footer landmark.
    "footer": N_("Footer"),
}
# Section titles of the `nav:` in mkdocs.yml.
NAV_SECTIONS = (N_("Glossary"),)


def translate_sections(items: list, gettext: Callable[[str], str]) -> None:
    """Translate the titles of nav sections in place (pages take their own H1)."""
    for item in items:
        if getattr(item, "is_section", False):
            item.title = gettext(item.title)
            translate_sections(item.children, gettext)
