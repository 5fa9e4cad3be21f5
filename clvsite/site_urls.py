"""The published site's own URLs: every absolute one a page or the sitemap names.

Canonical links, og:url, hreflang alternates, JSON-LD identifiers and the
sitemap must all live under ``site_url``, the one public address of mkdocs.yml;
a loopback address there means a local build was about to be published. The
hook runs these checks on every strict build (hooks/i18n_pages.py).
"""

from __future__ import annotations

import ipaddress
import json
import xml.etree.ElementTree as ElementTree
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
JSON_LD_KEYS = {"@id", "url"}


def is_loopback(url: str) -> bool:
    """True for localhost and 127.0.0.0/8 or ::1 addresses.

    >>> is_loopback("http://127.0.0.1:8000/"), is_loopback("http://[::1]/x"), is_loopback("https://example.org/")
    (True, True, False)
    """
    host = (urlsplit(url).hostname or "").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class _HeadUrls(HTMLParser):
    """(what, url) for canonical, og:url, hreflang links and JSON-LD of one page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str]] = []
        self._json_ld: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        rel = (attributes.get("rel") or "").split()
        if tag == "link" and "canonical" in rel:
            self.found.append(("canonical", attributes.get("href") or ""))
        elif tag == "link" and "alternate" in rel and "hreflang" in attributes:
            self.found.append((f"hreflang {attributes['hreflang']}", attributes.get("href") or ""))
        elif tag == "meta" and attributes.get("property") == "og:url":
            self.found.append(("og:url", attributes.get("content") or ""))
        elif tag == "script" and attributes.get("type") == "application/ld+json":
            self._json_ld = []

    def handle_data(self, data):
        if self._json_ld is not None:
            self._json_ld.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._json_ld is not None:
            self.found.extend(("JSON-LD " + key, url) for key, url in _json_ld_urls(json.loads("".join(self._json_ld))))
            self._json_ld = None


def _json_ld_urls(node) -> list[tuple[str, str]]:
    if isinstance(node, list):
        return [pair for item in node for pair in _json_ld_urls(item)]
    if not isinstance(node, dict):
        return []
    pairs = [(key, value) for key, value in node.items() if key in JSON_LD_KEYS and isinstance(value, str)]
    return pairs + [pair for value in node.values() for pair in _json_ld_urls(value)]


def page_urls(html: str) -> list[tuple[str, str]]:
    """What a crawler reads as this page's addresses, in document order."""
    parser = _HeadUrls()
    parser.feed(html)
    return parser.found


def sitemap_entries(xml: str) -> list[tuple[str, dict[str, str]]]:
    """Each <url> of a sitemap: its <loc> and its alternates by hreflang."""
    root = ElementTree.fromstring(xml.encode("utf-8"))
    return [
        (url.findtext("s:loc", "", SITEMAP_NS).strip(),
         {link.get("hreflang", ""): link.get("href", "") for link in url.findall("x:link", SITEMAP_NS)})
        for url in root.findall("s:url", SITEMAP_NS)
    ]


def url_problem(url: str, site_url: str, *, allow_loopback: bool = False) -> str | None:
    """Why ``url`` may not be published under ``site_url``, or None."""
    if is_loopback(url) and not allow_loopback:
        return "is a loopback address"
    if not url.startswith(site_url):
        return f"is not under site_url {site_url}"
    return None


def sitemap_problems(xml: str, languages: list[str], default: str) -> list[str]:
    """Every <url> needs one alternate per language and x-default = the default language's page."""
    problems = []
    for loc, alternates in sitemap_entries(xml):
        missing = [language for language in languages if language not in alternates]
        if missing:
            problems.append(f"{loc}: no alternate for {', '.join(missing)}")
        if alternates.get("x-default") != alternates.get(default):
            problems.append(f"{loc}: x-default is {alternates.get('x-default')}, not the {default} page")
        if loc not in alternates.values():
            problems.append(f"{loc}: not among its own alternates")
    return problems


def site_problems(site_dir: Path, site_url: str, languages: list[str], default: str, *,
                  allow_loopback: bool = False) -> list[str]:
    """Every URL problem of a built site, each naming the file (relative to ``site_dir``)."""
    problems = []
    if is_loopback(site_url) and not allow_loopback:
        problems.append(f"mkdocs.yml: site_url {site_url} is a loopback address (set the public one)")
    for path in sorted(site_dir.rglob("*.html")):
        name = path.relative_to(site_dir).as_posix()
        for what, url in page_urls(path.read_text(encoding="utf-8")):
            reason = url_problem(url, site_url, allow_loopback=allow_loopback)
            if reason:
                problems.append(f"{name}: {what} {url} {reason}")
    sitemap = site_dir / "sitemap.xml"
    if sitemap.exists():
        xml = sitemap.read_text(encoding="utf-8")
        for loc, alternates in sitemap_entries(xml):
            for what, url in [("loc", loc), *((f"hreflang {lang}", href) for lang, href in alternates.items())]:
                reason = url_problem(url, site_url, allow_loopback=allow_loopback)
                if reason:
                    problems.append(f"sitemap.xml: {what} {url} {reason}")
        problems += [f"sitemap.xml: {problem}" for problem in sitemap_problems(xml, languages, default)]
    return problems


def robots_txt(site_url: str) -> str:
    """robots.txt allowing everything and naming the sitemap (crawlers read it at the host root).

    >>> print(robots_txt("https://example.org/docs/"), end="")
    User-agent: *
    Allow: /
    Sitemap: https://example.org/docs/sitemap.xml
    """
    return f"User-agent: *\nAllow: /\nSitemap: {site_url.rstrip('/')}/sitemap.xml\n"


def tree_home(site_url: str, language: str, default: str) -> str:
    """The absolute path of a language tree's home page, for links that work at any depth.

    >>> tree_home("https://example.org/clv/", "lt", "en"), tree_home("https://example.org", "en", "en")
    ('/clv/lt/', '/')
    """
    base = urlsplit(site_url).path.rstrip("/")
    return f"{base}/" if language == default else f"{base}/{language}/"

