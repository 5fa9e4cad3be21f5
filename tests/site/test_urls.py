"""The published URLs (issue 11, points 1-3), over every page of the shared strict build.

The shared build (tests/conftest.py) is the plain ``make site``: mkdocs.yml's
site_url, a GitHub project page under the sub-path /clv-glossary/ (a site at
the root of its host differs only by the path prefix these tests read from
site_url). It passed the hook's own URL check (clvsite/site_urls.py) to exist
at all; these tests read what a crawler reads.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from clvsite.site_urls import page_urls, robots_txt, site_problems, sitemap_entries, sitemap_problems
from tests.browser.serving import PUBLIC_URL
from tests.site.conftest import LANGUAGES, ROOT
from tests.site.htmlscan import read_page

TITLE_LENGTH = 60


@pytest.fixture
def build(built_site, site_url) -> tuple[Path, str]:
    """(site directory, its site_url): the shared build, for the public address."""
    assert site_url == PUBLIC_URL
    return built_site, site_url


def pages(site: Path) -> list[Path]:
    return sorted(path for path in site.rglob("*.html") if path.name == "index.html")


def tree_home(site_url: str, language: str) -> str:
    return urlsplit(site_url).path + ("" if language == "en" else f"{language}/")


def test_the_public_address_is_a_project_page_under_a_sub_path():
    parts = urlsplit(PUBLIC_URL)
    assert parts.scheme == "https" and parts.path.strip("/") and PUBLIC_URL.endswith("/")
    assert PUBLIC_URL in (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.slow
def test_no_url_is_loopback_or_outside_site_url(build):
    site, site_url = build
    assert site_problems(site, site_url, LANGUAGES, "en") == []


@pytest.mark.slow
def test_every_page_has_its_canonical_url_as_og_url(build):
    site, site_url = build
    for path in pages(site):
        found = dict(page_urls(path.read_text(encoding="utf-8")))
        folder = path.parent.relative_to(site).as_posix()
        expected = site_url + ("" if folder == "." else folder + "/")
        assert found["canonical"] == found["og:url"] == expected, path


@pytest.mark.slow
def test_every_sitemap_url_has_six_alternates_and_the_english_x_default(build):
    site, site_url = build
    xml = (site / "sitemap.xml").read_text(encoding="utf-8")
    entries = sitemap_entries(xml)
    assert len(entries) == len(pages(site)) > 100
    assert sitemap_problems(xml, LANGUAGES, "en") == []
    for loc, alternates in entries:
        assert set(alternates) == {*LANGUAGES, "x-default"}, loc
        assert alternates["x-default"] == alternates["en"] and "/lt/" not in alternates["en"], loc
    assert (site / "robots.txt").read_text(encoding="utf-8") == robots_txt(site_url)
    assert f"Sitemap: {site_url}sitemap.xml" in robots_txt(site_url)


@pytest.mark.slow
@pytest.mark.parametrize("language", LANGUAGES)
def test_each_404_links_its_home_and_every_home_by_absolute_path(build, language):
    site, site_url = build
    prefix = "" if language == "en" else f"{language}/"
    html = (site / prefix / "404.html").read_text(encoding="utf-8")
    page = read_page(html)
    assert page.lang == language and page.alternates == {}
    home = re.search(r'<article[^>]*>.*?<a href="([^"]+)"', html, re.DOTALL).group(1)
    assert home == tree_home(site_url, language)
    switcher = dict((lang, href) for href, lang in re.findall(r'<a href="([^"]+)" hreflang="([^"]+)" class="md-select__link"', html))
    assert switcher == {lang: tree_home(site_url, lang) for lang in LANGUAGES}
    # Every other link and resource is absolute too, so any depth works.
    links = re.findall(r'(?:href|src)="([^"#][^"]*)"', html)
    assert all(link.startswith(("/", "https://")) for link in links), [link for link in links if not link.startswith(("/", "https://"))]
    assert 'property="og:url"' not in html and 'rel="canonical"' not in html


def json_ld_of(html: str) -> dict:
    return json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.DOTALL).group(1))


@pytest.mark.slow
def test_json_ld_is_plain_text_in_whole_sentences_on_schema_org_types(built_site):
    answers = 0
    for path in pages(built_site):
        html = path.read_text(encoding="utf-8")
        graph = json_ld_of(html)["@graph"]
        page = graph[0]
        assert page["@type"] == "WebPage" and page["inLanguage"] == read_page(html).lang, path
        for node in graph:
            assert "inLanguage" not in node or node["@type"] in {"WebPage", "FAQPage", "DefinedTermSet"}
            assert node["@type"] != "DefinedTerm" or "inLanguage" not in node
        texts = [page["description"]]
        for node in graph:
            if node["@type"] == "FAQPage":
                texts += [question["acceptedAnswer"]["text"] for question in node["mainEntity"]]
                answers += len(node["mainEntity"])
        for text in texts:
            assert not re.search(r"[{}\\]|…$", text), (path, text)
            assert text.endswith((".", "!", "?", ":", ")", "»", "”")) or not text, (path, text)
    assert answers > 100


@pytest.mark.slow
def test_a_formula_in_an_answer_is_written_once_as_text(built_site):
    graph = json_ld_of((built_site / "glossary" / "discount-rate" / "index.html").read_text(encoding="utf-8"))["@graph"]
    faq = next(node for node in graph if node["@type"] == "FAQPage")
    answer = next(q["acceptedAnswer"]["text"] for q in faq["mainEntity"] if "monthly rate" in q["acceptedAnswer"]["text"])
    # The source writes \((1+i)^{1/12} - 1\) and \(i/12\).
    assert "a monthly rate of (1 + i)^(1/12) − 1, not i/12." in answer
    assert answer.count("1/12") == 1


@pytest.mark.slow
def test_titles_fit_search_results_and_the_home_title_says_what_the_site_is(build):
    site, _ = build
    for path in pages(site):
        title = read_page(path.read_text(encoding="utf-8")).title
        assert 0 < len(title) <= TITLE_LENGTH, (path, title)
    assert "lifetime value" in read_page((site / "index.html").read_text(encoding="utf-8")).title


# The checker itself, on small hand-made sites ----------------------------------


def write(site: Path, name: str, head: str) -> None:
    (site / name).parent.mkdir(parents=True, exist_ok=True)
    (site / name).write_text(f"<html><head>{head}</head><body></body></html>", encoding="utf-8")


SITEMAP = """<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">
<url><loc>{loc}</loc>{links}</url></urlset>"""


def link(lang: str, href: str) -> str:
    return f'<xhtml:link rel="alternate" hreflang="{lang}" href="{href}"/>'


def test_a_loopback_or_foreign_url_is_reported_with_its_file(tmp_path):
    site_url = "https://example.org/clv/"
    write(tmp_path, "index.html", f'<link rel="canonical" href="{site_url}">')
    write(tmp_path, "lt/x/index.html", '<link rel="canonical" href="http://127.0.0.1:8000/lt/x/">'
                                       '<meta property="og:url" content="https://other.org/lt/x/">')
    write(tmp_path, "nl/index.html", '<script type="application/ld+json">'
                                     '{"@graph":[{"@id":"http://localhost/nl/","url":"https://example.org/clv/nl/"}]}</script>')
    problems = site_problems(tmp_path, site_url, ["en"], "en")
    assert problems == [
        "lt/x/index.html: canonical http://127.0.0.1:8000/lt/x/ is a loopback address",
        "lt/x/index.html: og:url https://other.org/lt/x/ is not under site_url https://example.org/clv/",
        "nl/index.html: JSON-LD @id http://localhost/nl/ is a loopback address",
    ]


def test_a_loopback_site_url_fails_unless_the_local_override_asks_for_it(tmp_path):
    write(tmp_path, "index.html", '<link rel="canonical" href="http://127.0.0.1:8000/">')
    assert site_problems(tmp_path, "http://127.0.0.1:8000/", ["en"], "en") == [
        "mkdocs.yml: site_url http://127.0.0.1:8000/ is a loopback address (set the public one)",
        "index.html: canonical http://127.0.0.1:8000/ is a loopback address",
    ]
    assert site_problems(tmp_path, "http://127.0.0.1:8000/", ["en"], "en", allow_loopback=True) == []


def test_a_sitemap_entry_needs_every_language_and_the_english_x_default(tmp_path):
    base = "https://example.org/"
    good = link("en", base) + link("lt", base + "lt/") + link("x-default", base)
    assert sitemap_problems(SITEMAP.format(loc=base + "lt/", links=good), ["en", "lt"], "en") == []
    self_default = link("en", base) + link("lt", base + "lt/") + link("x-default", base + "lt/")
    assert sitemap_problems(SITEMAP.format(loc=base + "lt/", links=self_default), ["en", "lt"], "en") == [
        f"{base}lt/: x-default is {base}lt/, not the en page"]
    missing = link("en", base) + link("x-default", base)
    assert sitemap_problems(SITEMAP.format(loc=base, links=missing), ["en", "lt"], "en") == [f"{base}: no alternate for lt"]
    (tmp_path / "sitemap.xml").write_text(SITEMAP.format(loc="http://[::1]/", links=good), encoding="utf-8")
    assert "sitemap.xml: loc http://[::1]/ is a loopback address" in site_problems(tmp_path, base, ["en", "lt"], "en")
