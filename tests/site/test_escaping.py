"""Where the templates print a translated or page-derived text, it is escaped there.

MkDocs renders the theme without autoescaping, so each sink needs its own
``| e``. The overrides carry it where Material's templates lack it; when
Material changes a block that an override replaces, the override must be
redone, so the theme's block is pinned here.
"""

from __future__ import annotations

import re
from pathlib import Path

import jinja2
import material
from markupsafe import Markup, escape

from clvsite.seo import script_json
from tests.site.conftest import ROOT

THEME = Path(material.__file__).parent / "templates"
OVERRIDES = ROOT / "overrides"
# Material's own htmltitle block, which overrides/main.html replaces with an escaping copy.
MATERIAL_HTMLTITLE = """
  {% if page.meta and page.meta.title %}
    <title>{{ page.meta.title }} - {{ config.site_name }}</title>
  {% elif page.title and not page.is_homepage %}
    <title>{{ page.title | striptags }} - {{ config.site_name }}</title>
  {% else %}
    <title>{{ config.site_name }}</title>
  {% endif %}
"""
# Texts that come from catalogs or pages (not from mkdocs.yml or the theme's own files).
TRANSLATED = re.compile(r"site_name|site_description|description|title|gettext|\b_\(")
EXPRESSION_IN_ATTRIBUTE = re.compile(r'=\s*"[^"]*?\{\{(.*?)\}\}')


def block(template: str, name: str) -> str:
    match = re.search(r"\{%\s*block " + name + r"\s*%\}(.*?)\{%\s*endblock\s*%\}", template, re.DOTALL)
    assert match, name
    return " ".join(match.group(1).split())


def test_the_theme_block_the_override_replaces_is_unchanged():
    theme = (THEME / "base.html").read_text(encoding="utf-8")
    assert block(theme, "htmltitle") == " ".join(MATERIAL_HTMLTITLE.split()), (
        "Material's htmltitle block changed: redo the escaping copy in overrides/main.html")
    override = block((OVERRIDES / "main.html").read_text(encoding="utf-8"), "htmltitle")
    assert override.count("| e }}") == override.count("{{")


def test_every_translated_text_in_an_attribute_of_an_override_is_escaped():
    unescaped = []
    for path in sorted(OVERRIDES.rglob("*.html")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            for expression in EXPRESSION_IN_ATTRIBUTE.findall(line):
                if TRANSLATED.search(expression) and not re.search(r"\|\s*e\s*$", expression):
                    unescaped.append(f"{path.relative_to(ROOT)}:{number}: {{{{{expression}}}}}")
    assert not unescaped


def test_the_site_name_is_escaped_once_and_not_twice():
    """The hook stores config.site_name as Markup: theme sinks without `| e` print it escaped, those with `| e` do not escape it again."""
    name = escape('CLV" onfocus="alert(1)')
    assert isinstance(name, Markup)
    assert str(name) == "CLV&#34; onfocus=&#34;alert(1)"
    assert escape(name) == name


def test_json_ld_cannot_end_its_script_or_open_a_comment():
    text = script_json({"name": "</script><!--<script>&amp;"})
    assert "<" not in text and ">" not in text and "&" not in text
    assert text == '{"name":"\\u003c/script\\u003e\\u003c!--\\u003cscript\\u003e\\u0026amp;"}'


def test_a_theme_text_filled_from_a_catalog_is_escaped():
    """overrides/partials/language.html, as Material's own templates import it (nl lacks "header")."""
    environment = jinja2.Environment(loader=jinja2.FileSystemLoader([str(OVERRIDES), str(THEME)]))
    environment.globals.update(config={"theme": {"language": "nl"}}, theme_gaps={"header": "Header"},
                               gettext=lambda english: 'Kop" onfocus="alert(1)')
    html = environment.from_string(
        """{% import "partials/language.html" as lang with context %}<nav aria-label="{{ lang.t('header') }}">""").render()
    assert html == '<nav aria-label="Kop&#34; onfocus=&#34;alert(1)">'


def test_a_calculator_label_from_a_catalog_is_escaped_and_its_message_table_is_not():
    """clvsite/templates print labels with ``catalog_text`` (escaped) and the worker's
    message table with ``catalog_raw`` (kept whole, escaped for <script> by tojson)."""
    from babel.support import Translations

    from clvsite.rendering import make_environment

    hostile = '<img src=x onerror="alert(1)">Marża'
    translations = Translations()
    translations._catalog = {"Gross margin": hostile}
    environment = make_environment(translations, locale="pl", currency="PLN", context={})
    label = environment.from_string('<label>{{ catalog_text("Gross margin") }}</label>').render()
    assert label == "<label>&lt;img src=x onerror=&#34;alert(1)&#34;&gt;Marża</label>"
    table = environment.from_string('{% import "calculator.html" as c %}{{ c.messages_json(["Gross margin"]) }}').render()
    assert table.endswith('{"Gross margin": "\\u003cimg src=x onerror=\\"alert(1)\\"\\u003eMar\\u017ca"}</script>')
