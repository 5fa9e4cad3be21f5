"""Page weight: what a glossary page transfers, and each language's search index.

A real static host compresses text; Python's test server does not, so each
response body is also gzip-compressed here (level 6, like most servers) and both
sizes are printed. Target: a glossary page under 150 kB transferred (gzip),
without Pyodide.
"""

from __future__ import annotations

import gzip
import tempfile
from collections import defaultdict
from pathlib import Path

from playwright.sync_api import sync_playwright

from clvsite.glossary import TERMS
from tests.browser.serving import LANGUAGES, SiteServer, build_for, launch

PAGE = "glossary/customer-lifetime-value/"
TARGET_KB = 150


def kind_of(url: str, content_type: str) -> str:
    for kind, marks in {"html": ("text/html",), "css": ("text/css",), "js": ("javascript",),
                        "font": ("font", "woff")}.items():
        if any(mark in content_type or mark in url for mark in marks):
            return kind
    return "other"


def page_weight(browser, url: str) -> dict[str, list[int]]:
    """Bytes per kind of resource: [raw, gzip], for one cold load of ``url``."""
    context = browser.new_context()
    page = context.new_page()
    sizes: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    bodies = []
    page.on("response", lambda response: bodies.append(response))
    page.goto(url, wait_until="networkidle")
    for response in bodies:
        try:
            body = response.body()
        except Exception:  # redirects and aborted requests have no body
            continue
        kind = kind_of(response.url, response.headers.get("content-type", ""))
        sizes[kind][0] += len(body)
        sizes[kind][1] += len(gzip.compress(body, 6))
    context.close()
    return sizes


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        site_dir = Path(tmp)
        server = SiteServer(site_dir)
        build_for(server, site_dir)
        server.start()
        try:
            with sync_playwright() as playwright:
                browser = launch(playwright)
                # Each glossary page once per language; the CLV entry's breakdown is printed.
                pages = ["glossary/", *(f"glossary/{term.slug}/" for term in TERMS)]
                heaviest = {}
                print(f"glossary page {PAGE} (cold cache), kB raw / gzip:")
                print("  lang   html        css         js          fonts       other       total")
                for language in LANGUAGES:
                    prefix = "" if language == "en" else f"{language}/"
                    weights = {path: page_weight(browser, server.url(f"/{prefix}{path}")) for path in pages}
                    gzipped = {path: sum(v[1] for v in sizes.values()) for path, sizes in weights.items()}
                    heaviest[language] = max(gzipped.items(), key=lambda item: item[1])
                    sizes = weights[PAGE]
                    total = [sum(v[i] for v in sizes.values()) for i in (0, 1)]
                    cells = "  ".join(f"{sizes[k][0] / 1000:5.0f}/{sizes[k][1] / 1000:4.0f}" for k in ("html", "css", "js", "font", "other"))
                    verdict = "OK" if total[1] / 1000 <= TARGET_KB else "OVER"
                    print(f"  {language:5}  {cells}  {total[0] / 1000:5.0f}/{total[1] / 1000:4.0f}  (target gzip <= {TARGET_KB}) {verdict}")
                print("heaviest of all glossary pages (index and terms), kB gzip:")
                for language, (path, size) in heaviest.items():
                    verdict = "OK" if size / 1000 <= TARGET_KB else "OVER"
                    print(f"  {language:5}  {size / 1000:4.0f}  {path}  (target <= {TARGET_KB}) {verdict}")
                browser.close()
        finally:
            server.stop()
        print("search index per language, kB raw / gzip:")
        for language in LANGUAGES:
            prefix = "" if language == "en" else f"{language}/"
            data = (site_dir / prefix / "search" / "search_index.json").read_bytes()
            print(f"  {language:5}  {len(data) / 1000:6.0f} / {len(gzip.compress(data, 6)) / 1000:5.0f}")


if __name__ == "__main__":
    main()
