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

# lunr.js supports these of our languages; the others are indexed word by
# word (no stemmer exists for lt, pl or uk, and lunr's ASCII trimmer would
# strip their letters). Material's worker removes every step of a language's
# pipeline that is not listed, so Dutch lists its stemmer to keep it.
LUNR_LANGUAGES = {"en", "nl", "vi"}
PIPELINES = {
    "en": ["stopWordFilter"],
    "nl": ["trimmer", "stopWordFilter", "stemmer"],
    "vi": ["trimmer", "stopWordFilter"],
}
# A term's own entry ranks above the pages that merely mention it (lunr
# multiplies a document's score by its boost).
TERM_PAGE_BOOST = 4
# Our worker (docs/assets/javascripts/workers/search-fold.js) wraps Material's
# and folds diacritics in the index and the queries.
FOLDING_WORKER = "search-fold.js"
MATERIAL_WORKER = re.compile(r"search\.[0-9a-f]+\.min\.js$")
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
            boosted({**doc, "location": doc["location"][len(prefix):]})
            for doc in merged["docs"]
            if language_of(doc["location"], languages, default) == language
        ]
        config = {
            **merged["config"],
            "lang": [language] if language in LUNR_LANGUAGES else ["en"],
            "pipeline": PIPELINES.get(language, []),
        }
        target = site_dir / prefix / "search" / "search_index.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps({"config": config, "docs": docs}, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        counts[language] = len(docs)
    return counts


def boosted(doc: dict) -> dict:
    """A search document, boosted when it is the top of a glossary term's page.

    >>> boosted({"location": "glossary/churn-rate/"})["boost"], "boost" in boosted({"location": "glossary/"})
    (4, False)
    """
    location = doc["location"]
    if location.startswith("glossary/") and location.count("/") == 2 and "#" not in location:
        return {**doc, "boost": TERM_PAGE_BOOST}
    return doc


def fold_search(html: str) -> str:
    """Make Material start our folding worker, which loads Material's own worker.

    Material resolves ``search`` against the page; only the file name changes.
    """
    def rewrite(match: re.Match[str]) -> str:
        config = json.loads(match.group(2))
        folder, _, worker = config["search"].rpartition("/")
        if MATERIAL_WORKER.fullmatch(worker):
            config["search"] = f"{folder}/{FOLDING_WORKER}?material={worker}"
        return match.group(1) + json.dumps(config, ensure_ascii=False) + match.group(3)

    return CONFIG_SCRIPT.sub(rewrite, html, count=1)


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
