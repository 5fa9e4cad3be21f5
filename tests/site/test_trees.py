"""The fixes for mkdocs-static-i18n's gaps, without a build."""

import json

from clvsite.trees import absolute_url, language_of, localize_search_base, split_search_index

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
    assert lt["docs"] == [{"location": "glossary/clv/", "title": "Kliento vertė", "text": ""}]
    assert lt["config"]["pipeline"] == []  # no English stop words or stemmer on Lithuanian
    en = json.loads((tmp_path / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert [d["title"] for d in en["docs"]] == ["Home"]


def test_search_base_points_at_the_language_tree():
    html = '<script id="__config" type="application/json">{"base": "../..", "search": "x.js"}</script>'
    assert '"base": "../../lt/"' in localize_search_base(html, "lt", "en")
    assert localize_search_base(html, "en", "en") == html


def test_absolute_urls_for_hreflang():
    assert absolute_url("https://example.org/clv/", "lt/glossary/x/") == "https://example.org/clv/lt/glossary/x/"
    assert absolute_url("https://example.org/clv/", "/clv/lt/") == "https://example.org/clv/lt/"
    assert absolute_url("https://example.org/clv", "./") == "https://example.org/clv/"
