"""Drift tests: every copy or parse of a pinned theme or plugin internal fails here on upgrade.

Material for MkDocs 9 is end of life and mkdocs-static-i18n 1.3.1 is pinned;
the project copies a template of each, overrides one block, reads two plugin
attributes, and parses Material's config script, arithmatex's placeholders and
KaTeX's output. Each test names the file that depends on the internal, so an
upgrade that changes it says what to redo (README: "Theme coupling").
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import markdown
import material
import mkdocs_static_i18n
import pytest
from mkdocs_static_i18n.config import I18nPluginLanguage
from mkdocs_static_i18n.plugin import I18n

from clvsite.font_subset import VISUAL_PART, visible_characters
from clvsite.katex_render import ARITHMATEX, KatexRenderer
from clvsite.trees import CONFIG_SCRIPT
from tests.site.conftest import ROOT

MATERIAL = Path(material.__file__).parent / "templates"
STATIC_I18N = Path(mkdocs_static_i18n.__file__).parent


def test_search_partial_is_materials_with_only_the_dialog_name_added():
    # overrides/partials/search.html: Material 9.8.1's partial plus aria-label on the dialog.
    ours = (ROOT / "overrides" / "partials" / "search.html").read_text(encoding="utf-8")
    upstream = (MATERIAL / "partials" / "search.html").read_text(encoding="utf-8")
    our_header, our_body = re.match(r"(\{#-.*?-#\}\n)(.*)", ours, re.DOTALL).groups()
    upstream_body = re.sub(r"\A\{#-\s*This file was automatically generated - do not edit\s*-#\}\n", "", upstream)
    change = ('role="dialog">', "role=\"dialog\" aria-label=\"{{ lang.t('search') }}\">")
    assert upstream_body.count(change[0]) == 1, "Material's search dialog changed: redo the override"
    assert our_body == upstream_body.replace(*change), "overrides/partials/search.html differs from Material's"


# overrides/sitemap.xml replaces static-i18n's template (every URL with its six
# alternates and x-default): tests/site/test_override_drift.py pins the upstream text.


# sha256 of Material 9.8.1's {% block site_meta %} in base.html, the block that
# overrides/main.html rewrites (absolute hreflang, x-default, Open Graph, JSON-LD).
SITE_META_SHA256 = "977fd30a899dfae2966063541fa2a598a690eeaafb7acb813570192df812b368"


def test_the_overridden_site_meta_block_is_still_materials_9_8_1():
    base = (MATERIAL / "base.html").read_text(encoding="utf-8")
    block = re.search(r"\{% block site_meta %\}(.*?)\{% endblock %\}", base, re.DOTALL).group(1)
    assert hashlib.sha256(block.encode("utf-8")).hexdigest() == SITE_META_SHA256, (
        "Material's site_meta block changed: carry the new lines into overrides/main.html, then update the hash")


def test_materials_config_script_is_what_trees_py_rewrites():
    # clvsite/trees.py: CONFIG_SCRIPT finds the JSON config and rewrites its "base".
    base = (MATERIAL / "base.html").read_text(encoding="utf-8")
    opening = '<script id="__config" type="application/json">'
    assert base.count(opening) == 1
    assert '"base": base_url' in base[base.index(opening):]
    sample = opening + '{"base": "..", "search": "x"}</script>'
    assert CONFIG_SCRIPT.search(sample).group(2) == '{"base": "..", "search": "x"}'


def test_static_i18n_has_the_attributes_the_hook_reads():
    # hooks/site_build.py reads .building, .current_language and config.languages[*].locale/.build.
    plugin = I18n()
    assert plugin.building is False and plugin.current_language is None
    assert {"locale", "build", "name"} <= {key for key, _ in I18nPluginLanguage._schema}


def test_arithmatex_leaves_the_placeholders_katex_render_py_parses():
    html = markdown.markdown(r"Inline \(x^2\) and" "\n\n" r"\[ \mathrm{CLV} = m \]",
                             extensions=["pymdownx.arithmatex"],
                             extension_configs={"pymdownx.arithmatex": {"generic": True, "inline_syntax": ["round"]}})
    found = [(tag, tex) for tag, tex in ARITHMATEX.findall(html)]
    assert found == [("span", r"\(x^2\)"), ("div", r"\[ \mathrm{CLV} = m \]")], html


@pytest.fixture(scope="module")
def katex():
    renderer = KatexRenderer(ROOT / "node_modules")
    yield renderer
    renderer.close()


def test_katex_output_has_the_parts_font_subset_py_and_the_pages_rely_on(katex):
    # font_subset.py reads the characters after class="katex-html" (the visual part, last);
    # the pages keep MathML with the TeX as annotation for screen readers.
    html = katex.render(r"\mathrm{CLV} = \sum_t m", display=True)
    assert html.startswith('<span class="katex-display">')
    assert '<annotation encoding="application/x-tex">\\mathrm{CLV} = \\sum_t m</annotation>' in html
    assert html.count(VISUAL_PART) == 1 and html.index("<math") < html.index(VISUAL_PART)
    assert {"C", "L", "V", "=", "m", "t"} <= visible_characters(html)


def test_a_translated_word_in_text_is_one_run_in_the_page_font(katex):
    # KaTeX alone draws "còn" as "c", "o" plus an accent, "n", and takes "đ" from a
    # fallback font (the review's mixed fonts in P(còn hoạt động)); katex_render.py
    # lays out an ASCII placeholder and puts the word back whole.
    html = katex.render(r"P(\text{còn hoạt động} \mid x) + \text{hist}", display=False)
    assert '<span class="mord clv-math-text">còn hoạt động</span>' in html
    assert "<mtext>còn hoạt động</mtext>" in html and "\\text{còn hoạt động}" in html
    assert "katex-accent" not in html and "latin_fallback" not in html and "clvword" not in html
    assert '<span class="mord">hist</span>' in html  # ASCII words stay KaTeX's


GENERATED = re.compile(r"\A\{#-\s*This file was automatically generated - do not edit\s*-#\}\n")


def test_copyright_partial_is_materials_with_only_the_credit_translated():
    # overrides/partials/copyright.html: Material's footer, its "Made with" credit through the catalog.
    ours = re.sub(r"\A\{#-.*?-#\}\n", "", (ROOT / "overrides" / "partials" / "copyright.html")
                  .read_text(encoding="utf-8"), flags=re.DOTALL)
    upstream = GENERATED.sub("", (MATERIAL / "partials" / "copyright.html").read_text(encoding="utf-8"))
    credit = ('    Made with\n'
              '    <a href="https://squidfunk.github.io/mkdocs-material/" target="_blank" rel="noopener">\n'
              '      Material for MkDocs\n'
              '    </a>\n')
    translated = ("    {% trans link='<a href=\"https://squidfunk.github.io/mkdocs-material/\" target=\"_blank\" "
                  "rel=\"noopener\">Material for MkDocs</a>' %}Made with {{ link }}{% endtrans %}\n")
    assert upstream.count(credit) == 1, "Material's footer credit changed: redo overrides/partials/copyright.html"
    assert ours == upstream.replace(credit, translated)


def test_language_partial_keeps_materials_lookup_and_the_gap_keys_exist():
    # overrides/partials/language.html: Material's t(key) lookup, then THEME_GAPS from our catalogs.
    from clvsite.navigation import THEME_GAPS

    upstream = GENERATED.sub("", (MATERIAL / "partials" / "language.html").read_text(encoding="utf-8"))
    ours = (ROOT / "overrides" / "partials" / "language.html").read_text(encoding="utf-8")
    imports = [line for line in upstream.splitlines() if line.startswith("{% import")]
    assert len(imports) == 2 and all(line in ours for line in imports)
    assert "{% macro t(key) %}{{ lang.t(key) or fallback.t(key) or key }}{% endmacro %}" in upstream
    assert "lang.t(key) or fallback.t(key) or key" in ours
    english = (MATERIAL / "partials" / "languages" / "en.html").read_text(encoding="utf-8")
    for key, text in THEME_GAPS.items():
        # The gap is detected as "still Material's English text", so that text must be ours too.
        assert f'"{key}": "{text}"' in english, key
