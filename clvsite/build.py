"""What one site build needs per language: catalogs, their problems, Jinja environments.

Catalogs are parsed, checked and compiled once per build (not per page, not per
language tree), then reused; a catalog whose file changed is reloaded, so
`make serve` picks up a translator's save.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
from babel.messages.catalog import Catalog
from babel.support import NullTranslations

from clvsite import SOURCE_LANGUAGE
from clvsite.catalogs import CatalogParseError, catalog_path, compile_translations, read_catalog
from clvsite.checks import Problem, check_catalog
from clvsite.examples import page_context
from clvsite.glossary import localized_terms
from clvsite.plurals import PluralForms, fraction_problem
from clvsite.rendering import make_environment


@dataclass
class LanguageState:
    """One language's compiled translations and the problems found in its catalog."""

    translations: NullTranslations
    problems: list[Problem]
    mtime: float = 0.0
    environment: jinja2.Environment | None = None
    # The parsed catalog: plural messages need every form, also those no integer reaches.
    catalog: Catalog | None = None


@dataclass
class SiteI18n:
    """Catalogs and Jinja environments for all languages of one site."""

    locales_dir: Path
    languages: list[str]
    currencies: dict[str, str]
    # Currencies the calculator's picker offers (mkdocs.yml extra.calculator_currencies).
    currency_choices: list[str] = field(default_factory=list)
    _states: dict[str, LanguageState] = field(default_factory=dict)
    _contexts: dict[str, dict[str, Any]] = field(default_factory=dict)  # per currency

    def state(self, language: str) -> LanguageState:
        """The (cached) state of ``language``, reloaded if its .po changed."""
        path = catalog_path(self.locales_dir, language)
        mtime = path.stat().st_mtime if path.exists() else 0.0
        cached = self._states.get(language)
        if cached is None or cached.mtime != mtime:
            cached = self._states[language] = load_language(self.locales_dir, language, mtime)
        return cached

    def currency(self, language: str) -> str:
        """The currency of ``language``'s worked examples (mkdocs.yml extra.example_currency)."""
        return self.currencies.get(language, "USD")

    def problems(self) -> list[Problem]:
        """Every problem of every non-source catalog."""
        return [p for language in self.languages for p in self.state(language).problems]

    def environment(self, language: str) -> jinja2.Environment:
        """The Jinja environment of ``language``, built once."""
        state = self.state(language)
        if state.environment is None:
            currency = self.currency(language)
            if currency not in self._contexts:
                self._contexts[currency] = page_context(currency)
            state.environment = make_environment(
                PluralForms(state.translations, language, state.catalog), locale=language,
                currency=currency, context=self._contexts[currency], currency_choices=self.currency_choices)
            gettext = state.translations.gettext
            state.environment.globals["glossary_terms"] = lambda: localized_terms(gettext, language)
        return state.environment


def load_language(locales_dir: Path, language: str, mtime: float) -> LanguageState:
    """Parse, check and compile one catalog; unsafe entries fall back to English.

    A msgstr that adds a tag, a link or a placeholder is left out of the compiled
    translations, so even a non-strict build never renders it.
    """
    if language == SOURCE_LANGUAGE:
        return LanguageState(NullTranslations(), [], mtime)
    path = catalog_path(locales_dir, language)
    if not path.exists():
        return LanguageState(NullTranslations(), [Problem(path, 0, "parse", f"no catalog for language {language!r}")], mtime)
    try:
        catalog_file = read_catalog(path, language)
    except CatalogParseError as error:
        return LanguageState(NullTranslations(), [Problem(path, error.line, "parse", f"the catalog does not parse: {error.reason}")], mtime)
    problems = check_catalog(catalog_file)
    unsafe = {(p.msgid, p.context) for p in problems if p.is_unsafe}
    catalog = catalog_file.catalog
    if any(message.pluralizable for message in catalog):
        reason = fraction_problem(language, catalog.plural_expr, catalog.num_plurals)
        if reason:
            problems.append(Problem(path, header_line(path), "plural", reason))
    for message in list(catalog):
        if message.id and (message.id if isinstance(message.id, str) else message.id[0], message.context) in unsafe:
            message.string = "" if isinstance(message.string, str) else ("",) * len(message.string)
    return LanguageState(compile_translations(catalog), problems, mtime, catalog=catalog)


def header_line(path: Path) -> int:
    """The line of the catalog's Plural-Forms header (1 when there is none)."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.startswith('"Plural-Forms:'):
            return number
    return 1
