"""One service worker per language tree, so a calculator page works offline after one visit.

Each tree gets ``<tree>/sw.js`` (scope: that tree), made from
clvsite/templates/sw.js with three values filled in: the tree's calculator
pages and every same-site file they load (Pyodide runtime, wheel, lock file,
scripts, stylesheets, fonts), to precache on install; a version, the digest of
exactly those bytes, so the next build that changes any of them installs a new
cache and deletes the old one; and the other trees' paths, which the root
tree's worker leaves alone so an English cache never answers a Lithuanian page.
"""

from __future__ import annotations

import hashlib
import json
import posixpath
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

PAGES_DIR = "calculator"
# What the calculator pages load besides what their HTML names: the worker
# scripts (imported from JavaScript), the Python runtime, wheel and lock file.
LOADED_BY_SCRIPTS = ("assets/javascripts/*.js", "pyodide/*")
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


def service_worker(site_dir: Path, prefix: str, other_trees: list[str], template: str) -> str:
    """The text of ``<prefix>sw.js``; its URLs are relative to the worker's own location."""
    paths = precache_paths(site_dir, prefix)
    relative = [posixpath.relpath(path, prefix or ".") + ("/" if path.endswith("/") else "") for path in paths]
    values = {
        "VERSION": json.dumps(version_of(site_dir, paths, template)),
        "TREE": json.dumps(prefix.rstrip("/") or "root"),
        "PRECACHE": json.dumps(relative, indent=2),
        "OTHER_TREES": json.dumps(other_trees),
    }
    for name, value in values.items():
        template = template.replace(f"__{name}__", value)
    return template


def write_service_workers(site_dir: Path, languages: list[str], default: str, template_path: Path) -> list[Path]:
    """Write one worker per tree that has calculator pages; the files written."""
    template = template_path.read_text(encoding="utf-8")
    written = []
    for language in languages:
        prefix = "" if language == default else f"{language}/"
        if not (site_dir / prefix / PAGES_DIR).is_dir():
            continue
        others = [f"{other}/" for other in languages if other != default] if language == default else []
        target = site_dir / prefix / "sw.js"
        target.write_text(service_worker(site_dir, prefix, others, template), encoding="utf-8")
        written.append(target)
    return written
