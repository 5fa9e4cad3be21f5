"""Adding a language takes one mkdocs.yml entry and one `pybabel init` (TRANSLATING.md)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from clvsite.site_urls import sitemap_entries
from tests.site.conftest import mkdocs_build
from tests.site.htmlscan import read_page

NEW_LANGUAGE = """        - locale: de
          name: Deutsch
          build: true
"""


@pytest.mark.slow
def test_a_new_language_is_built_from_one_entry_and_one_init(project_copy, tmp_path):
    config = project_copy / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    anchor = "        - locale: uk\n          name: Українська\n          build: true\n"
    assert anchor in text
    config.write_text(text.replace(anchor, anchor + NEW_LANGUAGE), encoding="utf-8")
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", "init", "-i", "locales/messages.pot",
                    "-d", "locales", "-l", "de"], cwd=project_copy, check=True, capture_output=True)
    po = project_copy / "locales" / "de" / "LC_MESSAGES" / "messages.po"
    # A translator's first entry: the page title.
    po.write_text(po.read_text(encoding="utf-8").replace(
        'msgid "Customer lifetime value (CLV)"\nmsgstr ""',
        'msgid "Customer lifetime value (CLV)"\nmsgstr "Kundenlebenszeitwert (CLV)"'), encoding="utf-8")

    # Not strict: the new catalog is incomplete, which strict mode rightly refuses.
    result = mkdocs_build(project_copy, tmp_path / "site", strict=False)

    assert result.returncode == 0, result.stdout + result.stderr
    entry = tmp_path / "site" / "de" / "glossary" / "customer-lifetime-value" / "index.html"
    page = read_page(entry.read_text(encoding="utf-8"))
    assert page.lang == "de"
    assert page.headings[0][1] == "Kundenlebenszeitwert (CLV)"
    # The sitemap carries the hreflang alternates of every page (the head has none).
    alternates = {loc: links for loc, links in sitemap_entries((tmp_path / "site" / "sitemap.xml").read_text(encoding="utf-8"))}
    english = next(links for loc, links in alternates.items() if loc.endswith("/clv-glossary/glossary/customer-lifetime-value/"))
    assert english["de"].endswith("/de/glossary/customer-lifetime-value/")
    assert english["de"] in alternates
    assert "not translated" in result.stdout + result.stderr  # the gaps are reported
