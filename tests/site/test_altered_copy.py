"""A copy of the project changed as contributors and attackers change it, built once.

Two changes, one copy and one non-strict build (the run's second and last
build; tests/conftest.py has the first):

* **Hostile catalogs and sources** (tests/site/hostile.py): the strict build
  stops before writing a page, naming each payload's .po file and line; the
  non-strict one finishes, logs the same, renders English for those entries,
  and every sink of the theme escapes what is left.
* **A seventh language the TRANSLATING.md way**: one mkdocs.yml entry,
  `pybabel init` and `make update`'s number symbols. The site gets a German
  tree, and the calculator reads and writes German numbers.

The two do not meet: the payloads are in the Dutch and Lithuanian catalogs
and the English sources, the new language is German. The copy builds only
those four trees (Polish, Vietnamese and Ukrainian set to ``build: false``,
which mkdocs-static-i18n offers): the theme's sinks are the same templates
in every tree, and a tree less is a seventh of a build less.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from babel.numbers import format_decimal

from clvsite.csp import script_hash
from clvsite.site_urls import sitemap_entries
from tests.site.conftest import copy_project, mkdocs_build
from tests.site.hostile import BREAK_OUT, CONTENT_SCRIPT, Page, assert_every_payload_is_named, page_description, poison
from tests.site.htmlscan import read_page

pytestmark = pytest.mark.slow

NEW_LANGUAGE = """        - locale: de
          name: Deutsch
          build: true
"""
GERMAN_TITLE = "Kundenlebenszeitwert (CLV)"


def add_german(project: Path) -> None:
    """TRANSLATING.md's steps: the mkdocs.yml entry, `pybabel init`, `make update`'s symbols, a first entry."""
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    anchor = "        - locale: uk\n          name: Українська\n          build: true\n"
    assert anchor in text
    config.write_text(text.replace(anchor, anchor + NEW_LANGUAGE), encoding="utf-8")
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", "init", "-i", "locales/messages.pot",
                    "-d", "locales", "-l", "de"], cwd=project, check=True, capture_output=True)
    # `make update` (TRANSLATING.md, step 2) also gives the calculator the language's CLDR number symbols.
    subprocess.run([sys.executable, "tools/gen_number_symbols.py"], cwd=project, check=True, capture_output=True)
    po = project / "locales" / "de" / "LC_MESSAGES" / "messages.po"
    # A translator's first entry: the page title.
    po.write_text(po.read_text(encoding="utf-8").replace(
        'msgid "Customer lifetime value (CLV)"\nmsgstr ""',
        f'msgid "Customer lifetime value (CLV)"\nmsgstr "{GERMAN_TITLE}"'), encoding="utf-8")


UNCHANGED_TREES = ("pl", "vi", "uk")


def skip_unchanged_trees(project: Path) -> None:
    """The languages this copy does not change are left out of its build (``build: false``)."""
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    for language in UNCHANGED_TREES:
        entry = re.search(rf"        - locale: {language}\n          name: [^\n]+\n          build: true\n", text)
        assert entry, language
        text = text.replace(entry.group(0), entry.group(0).replace("build: true", "build: false"))
    config.write_text(text, encoding="utf-8")


@dataclass
class AlteredBuild:
    project: Path
    strict: subprocess.CompletedProcess
    strict_site: Path
    result: subprocess.CompletedProcess
    site: Path

    @property
    def output(self) -> str:
        return self.result.stdout + self.result.stderr


@pytest.fixture(scope="module")
def altered(tmp_path_factory) -> AlteredBuild:
    folder = tmp_path_factory.mktemp("altered")
    project = copy_project(folder)
    poison(project)
    add_german(project)
    skip_unchanged_trees(project)
    strict = mkdocs_build(project, folder / "strict-site")
    # Not strict: the payloads are left out, and the new catalog is incomplete,
    # which strict mode rightly refuses.
    result = mkdocs_build(project, folder / "site", strict=False)
    return AlteredBuild(project, strict, folder / "strict-site", result, folder / "site")


# Hostile catalogs and sources --------------------------------------------------------


def test_the_strict_build_stops_before_any_page_naming_each_payload(altered):
    assert altered.strict.returncode != 0 and not (altered.strict_site / "index.html").exists()
    assert_every_payload_is_named(altered.project, altered.strict.stdout + altered.strict.stderr)


def test_a_non_strict_build_leaves_every_payload_out(altered):
    assert altered.result.returncode == 0, altered.output[-3000:]
    assert_every_payload_is_named(altered.project, altered.output)
    site = altered.site
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 100
    for path in pages:
        html = path.read_text(encoding="utf-8")
        page = Page()
        page.feed(html)
        where = path.relative_to(site)
        # No payload became an element, an attribute, a comment or a link.
        assert not [(tag, name) for tag, attrs in page.elements for name in attrs
                    if name.startswith("on") or name == "autofocus"], where
        assert not [tag for tag, attrs in page.elements if tag == "svg" and "onload" in attrs], where
        assert not [attrs for tag, attrs in page.elements if tag == "img" and attrs.get("src") == "x"], where
        assert not [attrs for tag, attrs in page.elements if "evil.example" in str(attrs.get("href"))], where
        assert page.comments == [], where
        for block in page.json_ld:
            assert "<" not in block and ">" not in block and "&" not in block, where
            json.loads(block)
        if where.parts[0] == "nl":
            for left_out in ("alert(2)", "evil.example", "%(field)r", "%(margin)d", "Transactiebestand"):
                assert left_out not in html, (where, left_out)
        # The English site name is shown as the text it is, in the title (where a
        # long page title leaves room for it: overrides/main.html) and the header.
        title = page.title.strip()
        assert title.endswith(BREAK_OUT) or BREAK_OUT not in title, where
        assert any(attrs.get("aria-label") == BREAK_OUT for tag, attrs in page.elements), where


def test_hostile_english_sources_stay_text_and_a_content_script_gets_no_hash(altered):
    assert altered.result.returncode == 0, altered.output[-3000:]
    arpu = Page()
    arpu_html = (altered.site / "glossary" / "arpu" / "index.html").read_text(encoding="utf-8")
    assert f"<script>{CONTENT_SCRIPT}</script>" in arpu_html
    arpu.feed(arpu_html)
    assert page_description(arpu).startswith("<!--<script>alert(1)</script> ARPU is revenue")
    # The hostile h1 is the title's text (with the site name when it fits in 60 characters).
    assert arpu.title.startswith('ARPU x"><img src=x onerror=alert(1)>')
    policy = next(attrs["content"] for tag, attrs in arpu.elements if attrs.get("http-equiv") == "Content-Security-Policy")
    assert "sha256-" in policy and script_hash(CONTENT_SCRIPT) not in policy


# A seventh language ------------------------------------------------------------------


def test_a_new_language_is_built_from_one_entry_and_one_init(altered):
    assert altered.result.returncode == 0, altered.output[-3000:]
    entry = altered.site / "de" / "glossary" / "customer-lifetime-value" / "index.html"
    page = read_page(entry.read_text(encoding="utf-8"))
    assert page.lang == "de"
    assert page.headings[0][1] == GERMAN_TITLE
    # The sitemap carries the hreflang alternates of every page (the head has none).
    alternates = dict(sitemap_entries((altered.site / "sitemap.xml").read_text(encoding="utf-8")))
    english = next(links for loc, links in alternates.items() if loc.endswith("/clv-glossary/glossary/customer-lifetime-value/"))
    assert english["de"].endswith("/de/glossary/customer-lifetime-value/")
    assert english["de"] in alternates
    assert "not translated" in altered.output  # the gaps are reported
    # The wheel the browser's calculator loads knows the new language's numbers.
    wheel = next((altered.site / "pyodide").glob("calculator-*.whl"))
    with zipfile.ZipFile(wheel) as archive:
        assert "'de': {" in archive.read("calculator/_number_symbols.py").decode("utf-8")


# 1.234,5 × 4 orders a year × 3 years × 30 % = 4 444,2, typed and shown the German way.
CALCULATE_IN_GERMAN = """
import json
from calculator.web import calculate
print(json.dumps(calculate("simple", {"aov": "1.234,5", "frequency": "4", "lifespan": "3", "margin": "30"}, "de")))
"""


def test_a_new_language_computes_and_formats_numbers_in_the_calculator(altered):
    run = subprocess.run([sys.executable, "-c", CALCULATE_IN_GERMAN], cwd=altered.project, capture_output=True,
                         text=True, check=True)
    answer = json.loads(run.stdout)
    assert "error" not in answer, answer
    assert answer["results"]["clv"]["value"] == pytest.approx(4444.2, rel=1e-12)
    # Babel (CLDR) as the oracle for German number text: "4.444,20".
    assert answer["results"]["clv"]["text"] == format_decimal(4444.2, format="#,##0.00", locale="de") == "4.444,20"
    assert answer["inputs"]["aov"] == "1234.5"  # the link carries dot decimals
