"""The markup of a catalog string, as a browser would see it: an allowlist check.

A translation may carry exactly the markup of its English msgid. "Markup" is
read with real parsers, never with a tag regex: the standard library's
``html.parser`` (the tokenizer of the HTML spec's tag states, so ``<svg/onload>``
and ``>`` inside quotes are read as browsers read them), once on the string
itself (calculator labels reach the page as HTML) and once on the string
rendered by Python-Markdown with the site's extensions (pages are Markdown:
links, autolinks of any scheme, attr_list ``{: … }``, headings, lists).
Entities are decoded first, because the page description and title are
decoded before the theme prints them.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from functools import lru_cache
from html.parser import HTMLParser

import markdown

# The Markdown extensions of mkdocs.yml that turn text into markup.
MARKDOWN_EXTENSIONS = ["attr_list", "md_in_html", "tables", "footnotes", "admonition", "pymdownx.details"]
VOID_ELEMENTS = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})
# Text that is an attribute once it lands inside a tag the theme prints:
# `x" onfocus="…` in a site name, `onclick=…` anywhere. Prose writes spaces
# around "=" ("ontvangsten = omzet"), so only `on…=` without them counts.
ATTRIBUTE_LIKE = re.compile(r"\bon[a-z]+=|[\w:-]+\s*=\s*[\"'`]", re.IGNORECASE)
# A Markdown reference definition ("[1]: javascript:…"): alone it renders to
# nothing, but on the page it turns "[x][1]" in any other entry into a link.
REFERENCE_DEFINITION = re.compile(r"^[ ]{0,3}\[([^\[\]]*)\]:[ ]*(\S*)", re.MULTILINE)
# Where the HTML tokenizer leaves the data state: "<" before a letter, "/",
# "!" or "?". An unfinished "<img src=x" is no tag to html.parser at the end
# of a string, but on the page it swallows what follows, up to the next ">".
TAG_OPENER = re.compile(r"<(/?[A-Za-z][^\s/>]*|!|\?)")
# Markdown delimiters that stay as text when unbalanced.
STRAY_DELIMITERS = ("**", "__", "`")


class _Markup(HTMLParser):
    """Collects every tag (with its decoded attributes), comment and declaration."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.items: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        pairs = "".join(f" {name}={value}" if value is not None else f" {name}" for name, value in sorted(attrs, key=str))
        self.items.append(f"<{tag}{pairs}>")

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        self.items.append(f"</{tag}>")

    def handle_comment(self, data):
        self.items.append("<!--…-->")

    def handle_decl(self, decl):
        self.items.append(f"<!{decl}>")

    def handle_pi(self, data):
        self.items.append(f"<?{data}>")

    def unknown_decl(self, data):
        self.items.append(f"<![{data}]>")

    def handle_data(self, data):
        self.text.append(data)


def decoded(text: str) -> str:
    """``text`` with HTML entities decoded, repeatedly (``&amp;lt;`` is ``<`` too)."""
    for _ in range(5):
        plain = html.unescape(text)
        if plain == text:
            break
        text = plain
    return text


def _parse(text: str) -> _Markup:
    parser = _Markup()
    parser.feed(text)
    parser.close()
    return parser


@lru_cache(maxsize=1)
def _markdown() -> markdown.Markdown:
    return markdown.Markdown(extensions=MARKDOWN_EXTENSIONS)


@lru_cache(maxsize=4096)
def markdown_html(text: str) -> str:
    """``text`` rendered as the site renders a page's Markdown."""
    converter = _markdown()
    converter.reset()
    return converter.convert(text)


def html_markup(text: str) -> Counter[str]:
    """Tags, comments and comment openers of ``text`` read as HTML, entities decoded."""
    plain = decoded(text)
    items = Counter(_parse(plain).items)
    # An unclosed `<!--` is no comment to the parser, yet it hides the rest of a page.
    for opener in ("<!--", "-->"):
        if plain.count(opener):
            items[opener] = plain.count(opener)
    for opener in TAG_OPENER.findall(plain):
        items["an opening <" + opener.lower()] += 1
    for attribute in ATTRIBUTE_LIKE.findall(plain):
        items["attribute " + re.sub(r"\s+", "", attribute.lower())] += 1
    return items


@lru_cache(maxsize=4096)
def markdown_markup(text: str) -> tuple[Counter[str], Counter[str]]:
    """Tags of ``text`` rendered as Markdown, and the delimiters left over as text."""
    parsed = _parse(markdown_html(text))
    rendered_text = "".join(parsed.text)
    stray = Counter({d: rendered_text.count(d) for d in STRAY_DELIMITERS if rendered_text.count(d)})
    return Counter(parsed.items), stray


def markup(text: str) -> Counter[str]:
    """Everything of ``text`` that is not plain text to a browser, by either reading."""
    tags, stray = markdown_markup(text)
    found = html_markup(text) | tags
    for label, target in REFERENCE_DEFINITION.findall(text):
        found[f"<a href={target}> (reference definition [{label}])"] += 1
    for delimiter, count in stray.items():
        found[f"unpaired {delimiter}"] = count
    return found


def unbalanced(text: str) -> list[str]:
    """Elements of ``text`` whose opening and closing tags do not pair up."""
    depth: Counter[str] = Counter()
    for item in _parse(decoded(text)).items:
        match = re.match(r"<(/?)([^\s>/]+)", item)
        if match and match.group(2) not in VOID_ELEMENTS and not item.startswith(("<!", "<?")):
            depth[match.group(2)] += -1 if match.group(1) else 1
    return sorted(name for name, count in depth.items() if count)


def is_link(item: str) -> bool:
    """True for an item that points somewhere: a link, an image, a frame, a form."""
    return bool(re.match(r"<(a|img|iframe|form|object|embed|link|area|source)\b", item)) and bool(
        re.search(r" (href|src|action|data|srcset)=", item))
