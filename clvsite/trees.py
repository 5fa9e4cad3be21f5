"""Per-language site trees: one search index per tree, each tree's search base,
absolute URLs.

mkdocs-static-i18n 1.3.1 builds one tree per language but leaves gaps; each
function here closes one, and the hook (hooks/site_build.py) calls it at the
right MkDocs event. The 404 pages are kept by the hook itself; hreflang links
are written by overrides/main.html with ``absolute_url``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urljoin

# lunr.js ships stemmers for these of our languages; the others are indexed
# word by word (no stemmer exists for lt, pl or uk, and lunr's ASCII trimmer
# would strip their letters).
LUNR_LANGUAGES = {"en", "nl", "vi"}
ENGLISH_PIPELINE = ["stopWordFilter"]
CONFIG_SCRIPT = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.DOTALL)


def language_of(location: str, languages: list[str], default: str) -> str:
    """The language tree a site-relative location belongs to ("lt/x/" -> "lt")."""
    first = location.split("/", 1)[0]
    return first if first in languages and first != default else default


def split_search_index(site_dir: Path, languages: list[str], default: str) -> dict[str, int]:
    """Write one search index per language tree, holding only that language's pages.

    mkdocs-static-i18n merges every language into site/search/search_index.json;
    here each tree gets its own index with locations relative to the tree root.
    Returns the number of entries per language.
    """
    merged_path = site_dir / "search" / "search_index.json"
    merged = json.loads(merged_path.read_text(encoding="utf-8"))
    counts = {}
    for language in languages:
        prefix = "" if language == default else f"{language}/"
        docs = [
            {**doc, "location": doc["location"][len(prefix):]}
            for doc in merged["docs"]
            if language_of(doc["location"], languages, default) == language
        ]
        config = {
            **merged["config"],
            "lang": [language] if language in LUNR_LANGUAGES else ["en"],
            "pipeline": ENGLISH_PIPELINE if language == "en" else [],
        }
        target = site_dir / prefix / "search" / "search_index.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps({"config": config, "docs": docs}, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        counts[language] = len(docs)
    return counts


def localize_search_base(html: str, language: str, default: str) -> str:
    """Point Material's search at the page's own language tree.

    Material fetches ``<base>/search/search_index.json`` and joins result
    locations to ``base``; the tree root of a translated page is ``<base>/<lang>``.
    """
    if language == default:
        return html

    def rewrite(match: re.Match[str]) -> str:
        config = json.loads(match.group(2))
        # The trailing slash matters: Material resolves "search/search_index.json"
        # against base, and "../lt" would resolve to the root index.
        config["base"] = f"{config['base'].rstrip('/')}/{language}/"
        return match.group(1) + json.dumps(config, ensure_ascii=False) + match.group(3)

    return CONFIG_SCRIPT.sub(rewrite, html, count=1)


def absolute_url(site_url: str, link: str) -> str:
    """An absolute URL for a site-relative or root-relative link (hreflang needs it)."""
    return urljoin(site_url if site_url.endswith("/") else site_url + "/", link)
