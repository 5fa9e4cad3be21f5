"""A small HTML reader for tests: language, alternates, titles, visible text, resources."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

RESOURCE_ATTRIBUTES = {"script": "src", "img": "src", "iframe": "src", "source": "src",
                       "audio": "src", "video": "src", "embed": "src", "object": "data"}
LINK_RELS_THAT_LOAD = {"stylesheet", "icon", "preload", "prefetch", "modulepreload", "manifest", "apple-touch-icon"}
INVISIBLE = {"script", "style", "template", "noscript"}


@dataclass
class Page:
    lang: str = ""
    title: str = ""
    alternates: dict[str, str] = field(default_factory=dict)
    headings: list[tuple[str, str]] = field(default_factory=list)
    resources: list[str] = field(default_factory=list)
    text_parts: list[str] = field(default_factory=list)
    inputs: list[dict[str, str]] = field(default_factory=list)

    @property
    def text(self) -> str:
        # Only ASCII whitespace collapses: no-break spaces are part of numbers.
        return re.sub(r"[ \t\n\r\f]+", " ", " ".join(self.text_parts)).strip()


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = Page()
        self._stack: list[str] = []
        self._heading: str | None = None
        self._heading_text: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = {k: v or "" for k, v in attrs}
        if tag == "html":
            self.page.lang = attributes.get("lang", "")
        if tag == "link":
            rel = set(attributes.get("rel", "").split())
            if "alternate" in rel and "hreflang" in attributes:
                self.page.alternates[attributes["hreflang"]] = attributes.get("href", "")
            if rel & LINK_RELS_THAT_LOAD:
                self.page.resources.append(attributes.get("href", ""))
        if tag in RESOURCE_ATTRIBUTES and attributes.get(RESOURCE_ATTRIBUTES[tag]):
            self.page.resources.append(attributes[RESOURCE_ATTRIBUTES[tag]])
        if tag == "input":
            self.page.inputs.append(attributes)
        if tag in {"h1", "h2", "h3"}:
            self._heading, self._heading_text = tag, []
        if tag not in {"meta", "link", "input", "img", "br", "hr", "source"}:
            self._stack.append(tag)

    def handle_endtag(self, tag):
        if tag == self._heading:
            self.page.headings.append((tag, " ".join("".join(self._heading_text).split()).rstrip("¶").strip()))
            self._heading = None
        while self._stack:
            if self._stack.pop() == tag:
                break

    def handle_data(self, data):
        if "title" in self._stack[-1:]:
            self.page.title += data
        if not INVISIBLE & set(self._stack) and "title" not in self._stack:
            self.page.text_parts.append(data)
            if self._heading:
                self._heading_text.append(data)


def read_page(html: str) -> Page:
    """Parse one built HTML page."""
    reader = _Reader()
    reader.feed(html)
    return reader.page
