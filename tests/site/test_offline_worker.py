"""The service worker's precache lists and version, on a small hand-made site."""

from __future__ import annotations

import json
import re
from pathlib import Path

from clvsite.offline import precache_paths, service_worker
from tests.site.conftest import ROOT

TEMPLATE = (ROOT / "clvsite" / "templates" / "sw.js").read_text(encoding="utf-8")
PAGE = ('<html><head><link rel="stylesheet" href="{up}assets/site.css"><link rel="icon" href="{up}favicon.png">'
        '<link rel="stylesheet" href="https://cdn.example/x.css"></head>'
        '<body><script type="module" src="{up}assets/javascripts/offline.js"></script></body></html>')


def make_site(site: Path) -> Path:
    files = {
        "calculator/index.html": PAGE.format(up="../"),
        "calculator/your-data/index.html": PAGE.format(up="../../"),
        "lt/calculator/index.html": PAGE.format(up="../../"),
        "glossary/index.html": "<html></html>",
        "assets/site.css": "@font-face{src:url(fonts/a.woff2)}",
        "assets/fonts/a.woff2": "font",
        "favicon.png": "png",
        "assets/javascripts/offline.js": "//",
        "assets/javascripts/calculator-worker.js": "//",
        "pyodide/pyodide.asm.wasm": "wasm",
        "pyodide/pyodide-lock.json": "{}",
        "search/search_index.json": "{}",
        "lt/search/search_index.json": "{}",
    }
    for name, text in files.items():
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text(text, encoding="utf-8")
    return site


def constants(worker: str) -> dict:
    return {name: json.loads(re.search(rf"const {name} = (.*?);\n", worker, re.DOTALL).group(1))
            for name in ("VERSION", "RUNTIME", "TREES")}


def test_the_worker_precaches_each_trees_pages_and_every_file_they_load(tmp_path):
    site = make_site(tmp_path)
    assert precache_paths(site, "lt/") == [
        "lt/calculator/", "assets/fonts/a.woff2", "assets/javascripts/calculator-worker.js",
        "assets/javascripts/offline.js", "assets/site.css", "favicon.png", "lt/search/search_index.json",
        "pyodide/pyodide-lock.json", "pyodide/pyodide.asm.wasm"]
    values = constants(service_worker(site, ["en", "lt"], "en", TEMPLATE))
    assert values["TREES"] == {"root": ["calculator/", "calculator/your-data/"], "lt": ["lt/calculator/"]}
    assert "glossary/" not in json.dumps(values) and "cdn.example" not in json.dumps(values)
    assert {"search/search_index.json", "lt/search/search_index.json", "pyodide/pyodide.asm.wasm"} <= set(values["RUNTIME"])


def test_the_version_changes_with_any_precached_byte_and_only_then(tmp_path):
    site = make_site(tmp_path)
    first = constants(service_worker(site, ["en", "lt"], "en", TEMPLATE))["VERSION"]
    (site / "glossary" / "index.html").write_text("<html>changed</html>", encoding="utf-8")
    assert constants(service_worker(site, ["en", "lt"], "en", TEMPLATE))["VERSION"] == first
    (site / "pyodide" / "pyodide-lock.json").write_text('{"new": 1}', encoding="utf-8")
    assert constants(service_worker(site, ["en", "lt"], "en", TEMPLATE))["VERSION"] != first


def test_the_template_keeps_html_network_first_without_ignore_search():
    assert "ignoreSearch" not in TEMPLATE
    assert re.search(r'request\.mode === "navigate"\) \{\s*event\.respondWith\(page\(', TEMPLATE)
    assert "caches.delete" in TEMPLATE and "VERSION" in TEMPLATE
