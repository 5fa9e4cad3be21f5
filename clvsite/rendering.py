"""Render English Markdown sources with Jinja2's i18n extension, one language at a time.

One environment per language, built once per build and reused for every page,
as Jinja2's own ``install_gettext_translations`` intends (new-style gettext:
the `%`-formatting and autoescaping of arguments happen in one place).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import jinja2
import markupsafe
from babel.support import NullTranslations

from calculator.messages import unit_text
from clvsite.cohort_months import cohort_month
from clvsite.currency import choices, sign_html
from clvsite.formatting import filters_for
from clvsite.plurals import PluralForms

TEMPLATES_DIR = Path(__file__).with_name("templates")

# Markdown is not HTML: autoescaping would turn "&" in prose into "&amp;" twice.
# Values that reach pages are numbers formatted by Babel, so nothing to escape.
JINJA_OPTIONS: dict[str, Any] = dict(
    extensions=["jinja2.ext.i18n"],
    undefined=jinja2.StrictUndefined,
    autoescape=False,
    keep_trailing_newline=True,
)


class PageTemplateError(Exception):
    """A page's Jinja2 syntax or an undefined variable, named by file and line."""


def make_environment(translations: NullTranslations | PluralForms, *, locale: str, currency: str,
                     context: Mapping[str, Any], currency_choices: Sequence[str] = ()) -> jinja2.Environment:
    """The Jinja2 environment of one language: gettext, Babel filters, shared data.

    Whitespace inside ``{% trans %}`` blocks is trimmed (``ext.i18n.trimmed``) so a
    paragraph wrapped over several source lines is one tidy msgid; babel.cfg
    extracts with the same policy.
    """
    environment = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES_DIR), **JINJA_OPTIONS)
    environment.policies["ext.i18n.trimmed"] = True
    # PluralForms picks a plural message's form by CLDR for the displayed value
    # (gettext's Plural-Forms knows integers only); plain catalogs still work.
    environment.install_gettext_translations(translations, newstyle=True)
    # New-style `_()` always %-formats; message templates for the calculator must
    # reach the page with their placeholders intact. Labels are plain text, so
    # they are escaped for HTML (catalogs are untrusted input); the calculator's
    # JSON table of messages takes them raw (`tojson` escapes for a <script>).
    environment.globals["catalog_text"] = lambda message: markupsafe.escape(translations.gettext(message))
    environment.globals["catalog_raw"] = translations.gettext
    environment.filters.update(filters_for(locale, currency))
    # Month names after "cohort" take a case or a preposition CLDR does not give.
    environment.filters["cohort_month"] = lambda value, form="sentence": cohort_month(
        value, form, translations.pgettext)
    environment.globals.update(context)
    environment.globals["lang"] = locale
    # The calculator's money labels carry the currency sign; the picker offers others (display only).
    environment.globals["currency"] = currency
    environment.globals["currency_choices"] = choices(list(currency_choices) or [currency], locale, currency)
    environment.globals["unit_label"] = lambda unit: unit_text(unit, translations.gettext, sign_html(currency, locale))
    return environment


def render_page(environment: jinja2.Environment, source: str, *, filename: str, root: str = ".") -> str:
    """Render one page's Markdown source; errors name the file and the line.

    ``root`` is the relative URL from the page to the site root (shared assets).
    """
    try:
        template = environment.from_string(source)
        template.filename = filename
        return template.render(root=root.rstrip("/") or ".")
    except jinja2.TemplateSyntaxError as error:
        raise PageTemplateError(f"{filename}:{error.lineno}: {error.message}") from error
    except jinja2.UndefinedError as error:
        raise PageTemplateError(f"{filename}: {error.message}") from error
