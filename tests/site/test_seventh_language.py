"""Adding a language takes one mkdocs.yml entry, `pybabel init` and `make update` (TRANSLATING.md).

The site gets a seventh tree, and the calculator reads and writes numbers in it.
"""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile

import pytest
from babel.numbers import format_decimal

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
    # `make update` (TRANSLATING.md, step 2) also gives the calculator the
    # language's CLDR number symbols.
    subprocess.run([sys.executable, "tools/gen_number_symbols.py"], cwd=project_copy, check=True,
                   capture_output=True)
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
    # The wheel the browser's calculator loads knows the new language's numbers.
    wheel = next((tmp_path / "site" / "pyodide").glob("calculator-*.whl"))
    with zipfile.ZipFile(wheel) as archive:
        assert "'de': {" in archive.read("calculator/_number_symbols.py").decode("utf-8")


# 1.234,5 × 4 orders a year × 3 years × 30 % = 4 444,2, typed and shown the German way.
CALCULATE_IN_GERMAN = """
import json
from calculator.web import calculate
print(json.dumps(calculate("simple", {"aov": "1.234,5", "frequency": "4", "lifespan": "3", "margin": "30"}, "de")))
"""


@pytest.mark.slow
def test_a_new_language_computes_and_formats_numbers_in_the_calculator(project_copy):
    # The same two steps as above: the catalog, then `make update`'s number symbols.
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", "init", "-i", "locales/messages.pot",
                    "-d", "locales", "-l", "de"], cwd=project_copy, check=True, capture_output=True)
    subprocess.run([sys.executable, "tools/gen_number_symbols.py"], cwd=project_copy, check=True,
                   capture_output=True)
    run = subprocess.run([sys.executable, "-c", CALCULATE_IN_GERMAN], cwd=project_copy, capture_output=True,
                         text=True, check=True)
    answer = json.loads(run.stdout)
    assert "error" not in answer, answer
    assert answer["results"]["clv"]["value"] == pytest.approx(4444.2, rel=1e-12)
    # Babel (CLDR) as the oracle for German number text: "4.444,20".
    assert answer["results"]["clv"]["text"] == format_decimal(4444.2, format="#,##0.00", locale="de") == "4.444,20"
    assert answer["inputs"]["aov"] == "1234.5"  # the link carries dot decimals
