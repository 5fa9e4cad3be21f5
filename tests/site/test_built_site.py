"""The built six-language site: one strict build, then what a reader and a crawler see."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from babel.messages.pofile import read_po

from calculator.registry import FORMULAS
from clvsite.site_urls import sitemap_entries
from tests.site.conftest import LANGUAGES
from tests.site.htmlscan import read_page

ROOT = Path(__file__).resolve().parents[2]
PAGES = ["", "glossary/customer-lifetime-value/"]
NBSP = "\u00a0"

# The worked simple-CLV example (75 dollars per order, 4 a year, 3 years, 30 %
# margin) is 75 × 4 × 3 × 0.3 = 270 dollars; each language shows it in its
# market's currency (mkdocs.yml extra.example_currency) at that currency's
# price level (clvsite/examples.py: EUR 1, PLN 4, UAH 40, VND 25 000), written
# here as CLDR formats it: 1080 zł, 10 800 ₴, 6 750 000 ₫ without minor units.
SIMPLE_CLV_TEXT = {
    "en": "$270.00", "lt": f"270,00{NBSP}€", "nl": f"€{NBSP}270,00",
    "pl": f"1{NBSP}080,00{NBSP}zł", "vi": f"6.750.000{NBSP}₫", "uk": f"10{NBSP}800,00{NBSP}₴",
}
# 180 + 320 + 95 + 410 + 235 = 1240 dollars, where grouping shows.
REVENUE_TEXT = {"en": "$1,240.00", "lt": f"1{NBSP}240,00{NBSP}€", "nl": f"€{NBSP}1.240,00", "vi": f"31.000.000{NBSP}₫"}


def page_path(site: Path, language: str, page: str) -> Path:
    prefix = "" if language == "en" else f"{language}/"
    return site / prefix / page / "index.html"


def catalog(language: str):
    with (ROOT / "locales" / language / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        return read_po(handle)


def material_string(language: str, key: str) -> str:
    """A string of Material's own interface translations, read from the installed theme."""
    import material

    partial = Path(material.__file__).parent / "templates" / "partials" / "languages" / f"{language}.html"
    match = re.search(rf'"{re.escape(key)}":\s*"([^"]*)"', partial.read_text(encoding="utf-8"))
    return match.group(1) if match else material_string("en", key)


@pytest.mark.slow
@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("page", PAGES)
def test_each_tree_has_the_page_in_its_language(built_site, site_url, language, page):
    html = read_page(page_path(built_site, language, page).read_text(encoding="utf-8"))
    assert html.lang == language
    expected = {lang: site_url + ("" if lang == "en" else f"{lang}/") + page for lang in LANGUAGES}
    # The sitemap carries the hreflang alternates (overrides/main.html has none).
    alternates = dict(sitemap_entries((built_site / "sitemap.xml").read_text(encoding="utf-8")))[expected[language]]
    assert alternates == {**expected, "x-default": expected["en"]}
    assert f'placeholder="{material_string(language, "search.placeholder")}"' in page_path(built_site, language, page).read_text(encoding="utf-8")


@pytest.mark.slow
@pytest.mark.parametrize("language", LANGUAGES[1:])
def test_the_clv_entry_title_and_headings_are_translated(built_site, language):
    html = read_page(page_path(built_site, language, PAGES[1]).read_text(encoding="utf-8"))
    translations = {m.id: m.string for m in catalog(language) if m.id and isinstance(m.id, str)}
    h1 = html.headings[0][1]
    # Dutch keeps the English term (TERMINOLOGY.md), so only equality with the catalog is required.
    assert h1 == translations["Customer lifetime value (CLV)"]
    assert html.title.startswith(h1)
    h2 = [text for tag, text in html.headings if tag == "h2"]
    assert translations["Frequently asked questions"] in h2 and translations["Sources"] in h2


def english_fragments(message) -> list[str]:
    """Literal runs of three or more words of a msgid, stripped of Markdown and math."""
    text = message.id if isinstance(message.id, str) else message.id[0]
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text).replace("**", "").replace("%%", "%")
    fragments = re.split(r"%\(\w+\)s|\$[^$]*\$|[.:;,()!?\"]", text)
    return [" ".join(f.split()) for f in fragments if len(f.split()) >= 3]


@pytest.mark.slow
@pytest.mark.parametrize("language", LANGUAGES[1:])
@pytest.mark.parametrize("page", PAGES)
def test_no_english_msgid_is_left_on_a_translated_page(built_site, language, page):
    text = read_page(page_path(built_site, language, page).read_text(encoding="utf-8")).text
    messages = [m for m in catalog(language) if m.id]
    # English the translators chose to keep in this very entry (e.g. the Dutch
    # term "customer lifetime value") is not a leftover; English in some other
    # entry's translation does not excuse it.
    def kept(message, fragment: str) -> bool:
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        return any(fragment in " ".join(string.split()) for string in strings)

    left = [f for m in messages for f in english_fragments(m) if f in text and not kept(m, f)]
    assert left == []


@pytest.mark.slow
@pytest.mark.parametrize("language", LANGUAGES)
def test_worked_examples_use_the_locale_number_format(built_site, language):
    text = read_page(page_path(built_site, language, PAGES[1]).read_text(encoding="utf-8")).text
    assert SIMPLE_CLV_TEXT[language] in text
    if language in REVENUE_TEXT:
        assert REVENUE_TEXT[language] in text


@pytest.mark.slow
def test_no_page_loads_anything_from_another_host(built_site, site_url):
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) >= 2 * len(LANGUAGES)
    foreign = []
    for path in pages:
        for url in read_page(path.read_text(encoding="utf-8")).resources:
            parts = urlsplit(url)
            if parts.scheme not in ("", "http", "https") or parts.netloc not in ("", urlsplit(site_url).netloc):
                foreign.append(f"{path.relative_to(built_site)}: {url}")
    for path in built_site.rglob("*.css"):
        for url in re.findall(r"url\(\s*['\"]?([^)'\"]+)", path.read_text(encoding="utf-8")):
            if urlsplit(url).netloc or url.startswith("//"):
                foreign.append(f"{path.relative_to(built_site)}: {url}")
        if "@import" in path.read_text(encoding="utf-8"):
            foreign.append(f"{path.relative_to(built_site)}: @import")
    assert foreign == []


@pytest.mark.slow
def test_math_is_typeset_at_build_time_with_a_text_alternative(built_site):
    entry = page_path(built_site, "lt", PAGES[1]).read_text(encoding="utf-8")
    home = page_path(built_site, "lt", "").read_text(encoding="utf-8")
    assert '<span class="katex">' in entry and "<math" in entry  # MathML for screen readers
    assert '<annotation encoding="application/x-tex">\\mathrm{CLV}' in entry
    assert "../../../assets/vendor/katex/katex.min.css" in entry
    assert "katex.min.js" not in entry and "\\(" not in read_page(entry).text
    assert (built_site / "assets/vendor/katex/katex.min.css").exists()
    assert list((built_site / "assets/vendor/katex/fonts").glob("*.woff2"))
    assert "katex" not in home


@pytest.mark.slow
def test_no_formula_mixes_fonts_inside_a_translated_word(built_site):
    # KaTeX marks letters its fonts lack ("latin_fallback", "cyrillic_fallback") and
    # builds accented ones from parts; translated words must be whole runs instead.
    mixed = [str(path.relative_to(built_site)) for path in built_site.rglob("*.html")
             if re.search(r'class="mord (latin|cyrillic)_fallback"', path.read_text(encoding="utf-8"))]
    assert mixed == []
    bg_nbd = page_path(built_site, "vi", "glossary/bg-nbd-model/").read_text(encoding="utf-8")
    assert '<span class="mord clv-math-text">' in bg_nbd


@pytest.mark.slow
@pytest.mark.parametrize("language", LANGUAGES)
def test_each_tree_has_its_own_404_and_search_index(built_site, language):
    prefix = "" if language == "en" else f"{language}/"
    assert read_page((built_site / prefix / "404.html").read_text(encoding="utf-8")).lang == language
    import json

    index = json.loads((built_site / prefix / "search" / "search_index.json").read_text(encoding="utf-8"))
    titles = {doc["title"] for doc in index["docs"] if "#" not in doc["location"]}
    h1 = read_page(page_path(built_site, language, PAGES[1]).read_text(encoding="utf-8")).headings[0][1]
    assert h1 in titles
    assert not any(doc["location"].startswith(tuple(f"{lang}/" for lang in LANGUAGES)) for doc in index["docs"])


@pytest.mark.slow
def test_the_sitemap_lists_every_language(built_site, site_url):
    sitemap = (built_site / "sitemap.xml").read_text(encoding="utf-8")
    for language in LANGUAGES[1:]:
        assert f"{site_url}{language}/glossary/customer-lifetime-value/" in sitemap


def json_ld_of(html: str) -> dict:
    import json

    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.DOTALL)
    assert match, "no JSON-LD"
    return json.loads(match.group(1))


@pytest.mark.slow
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_clv_entry_has_json_ld_in_its_language(built_site, site_url, language):
    html = page_path(built_site, language, PAGES[1]).read_text(encoding="utf-8")
    graph = {node["@type"]: node for node in json_ld_of(html)["@graph"]}
    term, faq = graph["DefinedTerm"], graph["FAQPage"]
    heading = read_page(html).headings[0][1]
    assert term["name"] == heading and graph["WebPage"]["inLanguage"] == language
    assert term["inDefinedTermSet"]["@type"] == "DefinedTermSet"
    assert term["url"] == site_url + ("" if language == "en" else f"{language}/") + PAGES[1]
    assert faq["inLanguage"] == language and len(faq["mainEntity"]) >= 6
    question = faq["mainEntity"][0]
    assert question["name"] in html and question["acceptedAnswer"]["text"]
    description = re.search(r'<meta name="description" content="([^"]*)"', html).group(1)
    assert description and description != "Customer lifetime value (CLV) explained and calculated, in six languages."


@pytest.mark.slow
@pytest.mark.parametrize("language", LANGUAGES[1:])
def test_the_404_page_speaks_the_language(built_site, language):
    translations = {m.id: m.string for m in catalog(language) if m.id and isinstance(m.id, str)}
    page = read_page((built_site / language / "404.html").read_text(encoding="utf-8"))
    assert page.headings[0][1] == translations["Page not found"] != "Page not found"


@pytest.mark.slow
def test_the_sitemap_has_x_default_for_every_url(built_site):
    sitemap = (built_site / "sitemap.xml").read_text(encoding="utf-8")
    assert sitemap.count("<url>") == sitemap.count('hreflang="x-default"') > 0


TERM_SLUGS = [term.slug for term in __import__("clvsite.glossary", fromlist=["TERMS"]).TERMS]


@pytest.mark.slow
@pytest.mark.parametrize("language", LANGUAGES)
def test_each_tree_has_every_term_page_with_its_json_ld(built_site, language):
    for slug in TERM_SLUGS:
        html = page_path(built_site, language, f"glossary/{slug}/").read_text(encoding="utf-8")
        page = read_page(html)
        assert page.lang == language, slug
        graph = json_ld_of(html)["@graph"]
        term = next(node for node in graph if node["@type"] == "DefinedTerm")
        # inLanguage is the page's (a WebPage); DefinedTerm has no such property.
        assert graph[0]["@type"] == "WebPage" and graph[0]["inLanguage"] == language, slug
        assert graph[0]["mainEntity"] == {"@id": term["@id"]} and term["name"] == page.headings[0][1], slug


# Dictionary order of first letters, from each language's alphabet (written out
# here by hand as the independent reference; the build asks ICU).
ALPHABETS = {
    "lt": "aąbcčdeęėfghiįyjklmnoprsštuųūvzž",
    "pl": "aąbcćdeęfghijklłmnńoópqrsśtuvwxyzźż",
    "uk": "абвгґдеєжзиіїйклмнопрстуфхцчшщьюя",
}


@pytest.mark.slow
@pytest.mark.parametrize("language", sorted(ALPHABETS))
def test_the_glossary_index_follows_the_alphabet(built_site, language):
    html = page_path(built_site, language, "glossary/").read_text(encoding="utf-8")
    names = re.findall(r"<li>(?:<p>)?<a href=\"[^\"]+\"><strong>([^<]+)</strong>", html)
    assert len(names) == len(TERM_SLUGS)
    alphabet = ALPHABETS[language]

    def letters(name: str) -> list[int]:
        # Every character, not just the first: a space or a sign before any
        # letter, the language's letters in its own order, other letters (Latin
        # in Ukrainian, q w x in Lithuanian) after them.
        return [-1 if not c.isalpha() else alphabet.index(c) if c in alphabet else len(alphabet) + ord(c)
                for c in name.lower()]

    assert names == sorted(names, key=letters)


@pytest.mark.slow
def test_one_english_word_can_have_two_translations_by_context(built_site):
    # "years" is the calculator's unit, which Ukrainian writes "у роках" in help
    # texts and result labels (a label, not a word after a number), and, with
    # msgctxt "time unit menu", an option of the your-data page's menus.
    assert catalog("uk").get("years").string == "у роках"
    assert catalog("uk").get("years", context="time unit menu").string == "роки"
    menu = page_path(built_site, "uk", "calculator/your-data").read_text(encoding="utf-8")
    assert '<option value="year">роки</option>' in menu
    calculator = page_path(built_site, "uk", "calculator").read_text(encoding="utf-8")
    assert "у роках, наприклад 3" in calculator


@pytest.mark.slow
def test_a_heading_and_a_count_label_translate_apart(built_site):
    # Vietnamese names a count "Số khách hàng" (number of customers); the heading
    # of the per-customer table (msgctxt "results heading") is just "Khách hàng".
    page = page_path(built_site, "vi", "calculator/your-data").read_text(encoding="utf-8")
    assert '<h2 id="yd-customers-title">Khách hàng</h2>' in page
    assert '<th scope="col">Số khách hàng</th>' in page


@pytest.mark.slow
def test_round_sums_in_running_text_have_no_cents(built_site):
    # 30,000 of acquisition spend (clvsite/examples.py ACQUISITION) is a round sum:
    # money_whole writes "$30,000"; the CAC itself, 30,000 ÷ 100 = 300, is a result.
    page = page_path(built_site, "en", "glossary/customer-acquisition-cost/").read_text(encoding="utf-8")
    assert "$30,000 on marketing" in page and "$30,000.00" not in page


@pytest.mark.slow
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_glossary_index_puts_each_definition_on_its_own_line(built_site, language):
    # "Term: The definition" put a capital after a colon; the definition is a sentence.
    html = page_path(built_site, language, "glossary/").read_text(encoding="utf-8")
    assert len(re.findall(r"</strong></a><br>\w", html)) == len(TERM_SLUGS)
    assert "</strong></a>:" not in html


# Each market's money on the calculator: the forms carry the currency (the result
# display reads data-currency), money labels show its CLDR sign, and a picker
# offers the others. Signs as CLDR writes them in each language.
CALCULATOR_CURRENCY = {"en": ("USD", "$"), "lt": ("EUR", "€"), "nl": ("EUR", "€"),
                       "pl": ("PLN", "zł"), "vi": ("VND", "₫"), "uk": ("UAH", "₴")}


@pytest.mark.slow
@pytest.mark.parametrize("language", LANGUAGES)
def test_calculator_shows_the_markets_currency(built_site, language):
    html = page_path(built_site, language, "calculator/").read_text(encoding="utf-8")
    code, sign = CALCULATOR_CURRENCY[language]
    assert html.count(f'data-currency="{code}"') == html.count("data-formula=") == len(FORMULAS)
    assert f"<span class=\"clv-currency\" data-currency-symbol>{sign}</span>" in html
    assert re.search(rf'<option value="{code}" data-symbol="{re.escape(sign)}" selected>', html)
    assert html.count("<option value=") == 5
    # The word "currency" is never shown; the units' templates for another
    # currency (data-currency-unit="%(currency)s per order") are not text.
    shown = re.sub(r'data-currency-unit="[^"]*"', "", html)
    assert ">currency<" not in shown and "(currency" not in shown


@pytest.mark.slow
@pytest.mark.parametrize("language", LANGUAGES)
def test_no_page_shows_a_placeholder_as_text(built_site, language):
    # A unit template such as "(%(currency)s)" reached the your-data cards as
    # text, to be filled by a script that had no currency to fill in: the
    # file's amounts are in the reader's own currency, which the page names so.
    for page in ("calculator/", "calculator/your-data/"):
        text = read_page(page_path(built_site, language, page).read_text(encoding="utf-8")).text
        assert "%(" not in text, page


@pytest.mark.slow
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_your_data_menus_and_columns_are_the_analysis_ones(built_site, language):
    # The table's headings come with its rows from calculator.your_data_view (columns() names
    # each cell), labelled from messages.COLUMN_LABELS: one label per analysis column.
    from calculator import messages
    from calculator.analysis import COLUMNS, HOLDOUT_COLUMNS, HORIZON_UNITS, MODEL_UNITS
    from calculator.models.table import PURCHASE_MODELS

    assert set(messages.COLUMN_LABELS) == set(COLUMNS) | set(HOLDOUT_COLUMNS)
    page = page_path(built_site, language, "calculator/your-data").read_text(encoding="utf-8")
    menus = dict(re.findall(r'<select id="yd-(unit|horizon_unit|model)"[^>]*>(.*?)</select>', page, re.DOTALL))
    assert tuple(re.findall(r'value="(\w+)"', menus["unit"])) == MODEL_UNITS
    assert tuple(re.findall(r'value="(\w+)"', menus["horizon_unit"])) == HORIZON_UNITS
    assert tuple(re.findall(r'value="(\w+)"', menus["model"])) == tuple(PURCHASE_MODELS)
