"""What search engines read: a page's description and its schema.org JSON-LD.

Everything is derived from the rendered, translated page, so no extra strings
need translating: the first paragraph (the definition) is the description, the
FAQ section gives the FAQPage, and a glossary page is a DefinedTerm in the
site's DefinedTermSet.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from html.parser import HTMLParser

from babel.core import get_global

DESCRIPTION_LENGTH = 160
BLOCKS = {"h1", "h2", "h3", "p", "ul", "ol", "div", "table", "form", "dl"}


@dataclass(frozen=True)
class Block:
    """A top-level element of the page content: tag, id and plain text."""

    tag: str
    id: str
    text: str


class _Blocks(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self._depth = 0
        self._current: tuple[str, str] | None = None
        self._text: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if self._depth == 0 and tag in BLOCKS:
            self._current, self._text = (tag, attributes.get("id") or ""), []
        if tag in {"script", "style"} or (tag == "a" and "headerlink" in (attributes.get("class") or "")):
            self._skip += 1
        if tag not in {"br", "hr", "img", "input", "meta", "link", "wbr"}:
            self._depth += 1

    def handle_endtag(self, tag):
        if tag in {"script", "style", "a"} and self._skip:
            self._skip -= 1
        self._depth -= 1
        if self._depth == 0 and self._current:
            text = re.sub(r"[ \t\n\r\f]+", " ", "".join(self._text)).strip()
            self.blocks.append(Block(self._current[0], self._current[1], text))
            self._current = None

    def handle_data(self, data):
        if self._current and not self._skip:
            self._text.append(data)


def blocks(html: str) -> list[Block]:
    """The top-level blocks of rendered Markdown."""
    parser = _Blocks()
    parser.feed(html)
    return parser.blocks


def description(page_blocks: list[Block]) -> str:
    """The first paragraph, cut at a word boundary to about 160 characters."""
    first = next((b.text for b in page_blocks if b.tag == "p" and b.text), "")
    if len(first) <= DESCRIPTION_LENGTH:
        return first
    cut = first[:DESCRIPTION_LENGTH].rsplit(" ", 1)[0].rstrip(",;:–—-")
    return cut + "…"


def faq(page_blocks: list[Block], section_id: str = "faq") -> list[tuple[str, str]]:
    """(question, answer) pairs: each h3 of the FAQ section and the paragraphs after it."""
    pairs: list[tuple[str, list[str]]] = []
    inside = False
    for block in page_blocks:
        if block.tag == "h2":
            inside = block.id == section_id
        elif inside and block.tag == "h3":
            pairs.append((block.text, []))
        elif inside and pairs and block.tag in {"p", "ul", "ol"}:
            pairs[-1][1].append(block.text)
    return [(question, " ".join(answer)) for question, answer in pairs if answer]


def json_ld(*, kind: str, language: str, url: str, name: str, text: str,
            questions: list[tuple[str, str]], term_set_url: str, term_set_name: str) -> str:
    """The JSON-LD of a page, safe to embed in a <script> element.

    ``kind`` is "term" (a DefinedTerm in the glossary's DefinedTermSet) or
    "page" (a WebPage).
    """
    graph: list[dict] = []
    if kind == "term":
        graph.append({
            "@type": "DefinedTerm", "@id": url + "#term", "name": name, "description": text,
            "inLanguage": language, "url": url,
            "inDefinedTermSet": {"@type": "DefinedTermSet", "@id": term_set_url, "name": term_set_name,
                                 "url": term_set_url, "inLanguage": language},
        })
    else:
        graph.append({"@type": "WebPage", "@id": url, "name": name, "description": text,
                      "inLanguage": language, "url": url})
    if questions:
        graph.append({
            "@type": "FAQPage", "@id": url + "#faq", "inLanguage": language,
            "mainEntity": [{"@type": "Question", "name": q,
                            "acceptedAnswer": {"@type": "Answer", "text": a}} for q, a in questions],
        })
    data = {"@context": "https://schema.org", "@graph": graph}
    return script_json(data)


# What a <script> element's text must not contain: "</script" ends it, "<!--"
# switches the parser into an escaped state that can swallow the rest of the page.
SCRIPT_UNSAFE = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def script_json(data: object) -> str:
    """JSON safe to put between <script> tags: no <, > or & (JSON's \\u escapes instead).

    >>> print(script_json({"a": "</script><!--&"}))
    {"a":"\\u003c/script\\u003e\\u003c!--\\u0026"}
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return "".join(SCRIPT_UNSAFE.get(character, character) for character in text)


def og_locale(language: str) -> str:
    """Open Graph's language_TERRITORY from CLDR's likely subtags: "lt" -> "lt_LT".

    >>> og_locale("uk"), og_locale("en")
    ('uk_UA', 'en_US')
    """
    likely = get_global("likely_subtags").get(language, language)
    parts = likely.split("_")
    return f"{parts[0]}_{parts[-1]}" if len(parts) > 1 else language
