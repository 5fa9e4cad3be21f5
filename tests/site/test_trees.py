"""The fixes for mkdocs-static-i18n's gaps, without a build."""

import json
from pathlib import Path

from clvsite.trees import (
    MATERIAL_WORKER,
    TERM_PAGE_BOOST,
    absolute_url,
    fold_search,
    language_of,
    localize_search_base,
    split_search_index,
)

LANGUAGES = ["en", "lt", "uk"]


def test_language_of_a_location():
    assert language_of("lt/glossary/x/", LANGUAGES, "en") == "lt"
    assert language_of("glossary/x/", LANGUAGES, "en") == "en"
    assert language_of("ltv/", LANGUAGES, "en") == "en"  # a page named like a language is English


def test_search_index_is_split_per_tree(tmp_path):
    (tmp_path / "search").mkdir()
    merged = {"config": {"lang": ["en"], "separator": "[\\s\\-]+", "pipeline": ["stopWordFilter"]},
              "docs": [{"location": "", "title": "Home", "text": ""},
                       {"location": "lt/glossary/clv/", "title": "Kliento vertė", "text": ""},
                       {"location": "uk/", "title": "Головна", "text": ""}]}
    (tmp_path / "search" / "search_index.json").write_text(json.dumps(merged), encoding="utf-8")

    counts = split_search_index(tmp_path, LANGUAGES, "en")

    assert counts == {"en": 1, "lt": 1, "uk": 1}
    lt = json.loads((tmp_path / "lt" / "search" / "search_index.json").read_text(encoding="utf-8"))
    # A term's own page ranks above pages that only mention it.
    assert lt["docs"] == [{"location": "glossary/clv/", "title": "Kliento vertė", "text": "", "boost": TERM_PAGE_BOOST}]
    assert lt["config"]["pipeline"] == []  # no English stop words or stemmer on Lithuanian
    en = json.loads((tmp_path / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert [d["title"] for d in en["docs"]] == ["Home"]


def test_dutch_keeps_its_stemmer_and_vietnamese_its_stop_words(tmp_path):
    # Material's worker removes every step of a language's lunr pipeline that the config does not list.
    (tmp_path / "search").mkdir()
    merged = {"config": {"lang": ["en"], "separator": "[\\s\\-]+", "pipeline": ["stopWordFilter"]},
              "docs": [{"location": "nl/", "title": "Home", "text": ""}, {"location": "vi/", "title": "Home", "text": ""}]}
    (tmp_path / "search" / "search_index.json").write_text(json.dumps(merged), encoding="utf-8")
    split_search_index(tmp_path, ["en", "nl", "vi"], "en")
    nl = json.loads((tmp_path / "nl" / "search" / "search_index.json").read_text(encoding="utf-8"))["config"]
    vi = json.loads((tmp_path / "vi" / "search" / "search_index.json").read_text(encoding="utf-8"))["config"]
    assert nl["lang"] == ["nl"] and "stemmer" in nl["pipeline"]
    assert vi["lang"] == ["vi"] and "stopWordFilter" in vi["pipeline"]


def test_search_starts_the_folding_worker_with_materials_own():
    html = ('<script id="__config" type="application/json">'
            '{"base": "..", "search": "../assets/javascripts/workers/search.a7633da7.min.js"}</script>')
    assert ('"search": "../assets/javascripts/workers/search-fold.js?material=search.a7633da7.min.js"'
            in fold_search(html))
    assert fold_search(fold_search(html)) == fold_search(html)


def test_search_base_points_at_the_language_tree():
    html = '<script id="__config" type="application/json">{"base": "../..", "search": "x.js"}</script>'
    assert '"base": "../../lt/"' in localize_search_base(html, "lt", "en")
    assert localize_search_base(html, "en", "en") == html


def test_absolute_urls_for_hreflang():
    assert absolute_url("https://example.org/clv/", "lt/glossary/x/") == "https://example.org/clv/lt/glossary/x/"
    assert absolute_url("https://example.org/clv/", "/clv/lt/") == "https://example.org/clv/lt/"
    assert absolute_url("https://example.org/clv", "./") == "https://example.org/clv/"


def test_materials_worker_is_still_what_search_fold_js_wraps():
    # docs/assets/javascripts/workers/search-fold.js loads Material's worker by
    # its file name and patches the lunr it puts on self: fail on a theme update
    # that changes either, rather than lose folding silently.
    import material
    workers = Path(material.__file__).parent / "templates" / "assets" / "javascripts" / "workers"
    (worker,) = [path for path in workers.glob("search.*.min.js") if MATERIAL_WORKER.fullmatch(path.name)]
    source = worker.read_text(encoding="utf-8")
    assert "self.lunr=" in source and "this.add(o,{boost:o.boost})" in source
