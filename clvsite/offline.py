"""The service worker: a calculator page works offline after one visit.

One worker, ``sw.js`` at the site root, made from clvsite/templates/sw.js. Its
scope has to be the root: the Web Worker that runs Python
(assets/javascripts/calculator-worker.js) and Pyodide live outside the language
trees, and a browser picks the service worker of a worker script by the
script's own URL. The trees are kept apart by cache instead: each tree's
calculator pages go into a cache of that tree, the shared files (Pyodide
runtime, wheel, lock file, scripts, stylesheets, fonts) into one runtime cache,
and a page is only ever looked up in its own tree's cache.

The build fills in the precache lists and a version, the digest of exactly
those bytes, so the next build that changes any of them installs new caches
and deletes the old ones.
"""

from __future__ import annotations

import hashlib
import json
import posixpath
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from clvsite.trees import LUNR_LANGUAGES

PAGES_DIR = "calculator"
# What the calculator pages load besides what their HTML names: the worker
# scripts (imported from JavaScript), the Python runtime, wheel and lock file,
# and Material's search (its worker, lunr's language support, the tree's index).
LOADED_BY_SCRIPTS = ("assets/javascripts/*.js", "pyodide/*", "assets/javascripts/workers/search.*.min.js",
                     "assets/javascripts/lunr/min/lunr.stemmer.support.min.js",
                     "assets/javascripts/lunr/min/lunr.multi.min.js",
                     *(f"assets/javascripts/lunr/min/lunr.{language}.min.js" for language in LUNR_LANGUAGES))
SEARCH_INDEX = "search/search_index.json"
FONT_URL = re.compile(r"url\(([^)]+\.woff2)\)")


class _Resources(HTMLParser):
    """The src/href of scripts, stylesheets and icons a page loads."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        rel = (attributes.get("rel") or "").split()
        if tag == "script" and attributes.get("src"):
            self.links.append(attributes["src"])
        elif tag == "link" and {"stylesheet", "icon", "modulepreload"} & set(rel) and attributes.get("href"):
            self.links.append(attributes["href"])


def page_resources(html: str, page_path: str) -> list[str]:
    """Site-relative paths of the same-site files a page at ``page_path`` (site-relative) loads.

    >>> page_resources('<script src="../../a.js"></script><link rel="stylesheet" href="//cdn/x.css">', "lt/calculator/")
    ['a.js']
    """
    parser = _Resources()
    parser.feed(html)
    base = "https://site.invalid/" + page_path
    paths = []
    for link in parser.links:
        url = urlsplit(urljoin(base, link))
        if url.netloc == "site.invalid":
            paths.append(url.path.lstrip("/"))
    return paths


def precache_paths(site_dir: Path, prefix: str) -> list[str]:
    """Site-relative paths a tree's calculator pages need offline: pages first, then files."""
    pages = sorted(path.parent.relative_to(site_dir).as_posix() + "/"
                   for path in (site_dir / prefix / PAGES_DIR).rglob("index.html"))
    files: set[str] = set()
    for page in pages:
        files.update(page_resources((site_dir / page / "index.html").read_text(encoding="utf-8"), page))
    for pattern in LOADED_BY_SCRIPTS:
        files.update(path.relative_to(site_dir).as_posix() for path in site_dir.glob(pattern) if path.is_file())
    files.add(prefix + SEARCH_INDEX)
    # Fonts named by the stylesheets (KaTeX's are cut to the formulas in use).
    for stylesheet in [name for name in files if name.endswith(".css")]:
        for font in FONT_URL.findall((site_dir / stylesheet).read_text(encoding="utf-8")):
            path = posixpath.normpath(posixpath.join(posixpath.dirname(stylesheet), font.strip("'\"")))
            if (site_dir / path).is_file():
                files.add(path)
    return pages + sorted(path for path in files if (site_dir / path).is_file())


def version_of(site_dir: Path, paths: list[str], template: str) -> str:
    """Digest of the worker template and every precached file's name and bytes."""
    digest = hashlib.sha256(template.encode("utf-8"))
    for path in paths:
        target = site_dir / path / "index.html" if path.endswith("/") else site_dir / path
        digest.update(path.encode("utf-8") + b"\0" + target.read_bytes())
    return digest.hexdigest()[:16]


def service_worker(site_dir: Path, languages: list[str], default: str, template: str) -> str:
    """The text of the root ``sw.js``; its URLs are relative to the site root."""
    trees = {}
    runtime: set[str] = set()
    for language in languages:
        prefix = "" if language == default else f"{language}/"
        if not (site_dir / prefix / PAGES_DIR).is_dir():
            continue
        paths = precache_paths(site_dir, prefix)
        trees[language if prefix else "root"] = [path for path in paths if path.endswith("/")]
        runtime.update(path for path in paths if not path.endswith("/"))
    everything = sorted(runtime) + [page for pages in trees.values() for page in pages]
    values = {
        "VERSION": json.dumps(version_of(site_dir, everything, template)),
        "RUNTIME": json.dumps(sorted(runtime), indent=2),
        "TREES": json.dumps(trees, indent=2),
    }
    for name, value in values.items():
        template = template.replace(f"__{name}__", value)
    return template


def write_service_worker(site_dir: Path, languages: list[str], default: str, template_path: Path) -> Path:
    """Write ``sw.js`` at the site root; its path."""
    target = site_dir / "sw.js"
    target.write_text(service_worker(site_dir, languages, default, template_path.read_text(encoding="utf-8")),
                      encoding="utf-8")
    return target
