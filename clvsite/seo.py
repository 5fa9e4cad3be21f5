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
VOID = {"br", "hr", "img", "input", "meta", "link", "wbr", "col", "source"}
# Spaced like running text when a formula becomes plain text.
SPACED_OPERATORS = {"=", "+", "−", "-", "×", "·", "⋅", "≈", "≤", "≥", "<", ">", "÷", "∣", "→"}
ATOM = re.compile(r"^[\w.,'′]+$")


@dataclass(frozen=True)
class Block:
    """A top-level element of the page content: tag, id and plain text."""

    tag: str
    id: str
    text: str


def _hidden(tag: str, attributes: dict) -> bool:
    """Elements whose text is not the page's words.

    KaTeX writes each formula twice, as MathML and as visual HTML marked
    aria-hidden; the MathML is read (as a reader's screen reader does) and its
    TeX annotation skipped, so a formula is written once.
    """
    classes = (attributes.get("class") or "").split()
    return (tag in {"script", "style", "annotation"} or attributes.get("aria-hidden") == "true"
            or (tag == "a" and ("headerlink" in classes or "footnote-ref" in classes)))


class _Blocks(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self._depth = 0
        self._current: tuple[str, str] | None = None
        self._text: list[str] = []
        self._skip_from: int | None = None  # depth of the hidden element being skipped
        self._math: list[list] | None = None  # open MathML elements: [tag, children]

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if self._depth == 0 and tag in BLOCKS:
            self._current, self._text = (tag, attributes.get("id") or ""), []
        if self._skip_from is None:
            if _hidden(tag, attributes):
                self._skip_from = self._depth
            elif tag == "math":
                self._math = [["math", []]]
            elif self._math is not None:
                node = [tag, []]
                self._math[-1][1].append(node)
                self._math.append(node)
        if tag in VOID:
            self.handle_endtag(tag, void=True)
        else:
            self._depth += 1

    def handle_endtag(self, tag, void=False):
        if not void:
            self._depth -= 1
        if self._skip_from is not None:
            if self._depth == self._skip_from:
                self._skip_from = None
        elif self._math is not None:
            node = self._math.pop()
            if not self._math:
                self._math = None
                self._text.append(math_text(node))
        if self._depth == 0 and self._current and not void:
            text = re.sub(r"[ \t\n\r\f]+", " ", "".join(self._text)).strip()
            self.blocks.append(Block(self._current[0], self._current[1], text))
            self._current = None

    def handle_data(self, data):
        if not self._current or self._skip_from is not None:
            return
        if self._math is not None:
            self._math[-1][1].append(data)
        else:
            self._text.append(data)


def _group(text: str) -> str:
    """A sub-expression in parentheses unless it is one symbol or number."""
    text = text.strip()
    return text if ATOM.match(text) or (text.startswith("(") and text.endswith(")") and text.count("(") == 1) \
        else f"({text})"


def math_text(node) -> str:
    """A formula as one line of readable text, from KaTeX's MathML.

    >>> math_text(["math", [["msup", [["mrow", [["mo", ["("]], ["mn", ["1"]], ["mo", ["+"]], ["mi", ["i"]],
    ...     ["mo", [")"]]]], ["mrow", [["mn", ["1"]], ["mi", ["/"]], ["mn", ["12"]]]]]], ["mo", ["−"]], ["mn", ["1"]]]])
    '(1 + i)^(1/12) − 1'
    """
    if isinstance(node, str):
        return node
    tag, children = node
    parts = [math_text(child) for child in children]
    if tag == "mfrac" and len(parts) == 2:
        text = f"{_group(parts[0])}/{_group(parts[1])}"
    elif tag == "msup" and len(parts) == 2:
        text = f"{parts[0].strip()}^{_group(parts[1])}"
    elif tag == "msub" and len(parts) == 2:
        text = f"{parts[0].strip()}_{_group(parts[1])}"
    elif tag in {"msubsup", "munderover"} and len(parts) == 3:
        text = f"{parts[0].strip()}_{_group(parts[1])}^{_group(parts[2])} "
    elif tag == "munder" and len(parts) == 2:
        text = f"{parts[0].strip()}_{_group(parts[1])} "
    elif tag == "mover" and len(parts) == 2:
        # An accent: \bar{v} is "v̄" (combining macron), \hat{p} is "p̂".
        accent = {"ˉ": "\u0304", "‾": "\u0304", "¯": "\u0304", "^": "\u0302", "~": "\u0303"}.get(parts[1].strip())
        text = parts[0] + accent if accent else f"{parts[0]}^{_group(parts[1])}"
    elif tag == "msqrt":
        text = "√" + _group("".join(parts))
    elif tag == "mroot" and len(parts) == 2:
        text = f"{parts[1]}√{_group(parts[0])}"
    elif tag == "mo" and "".join(parts).strip() in SPACED_OPERATORS:
        text = f" {''.join(parts).strip()} "
    elif tag == "mo" and "".join(parts).strip() in {",", ";"}:
        text = "".join(parts).strip() + " "
    elif tag == "mspace":
        text = " "
    elif tag == "mtr":
        text = " ".join(part.strip() for part in parts) + "; "
    else:
        text = "".join(parts)
    if tag == "math":
        text = re.sub(r"\s+", " ", text).strip().rstrip(";").strip()
        text = re.sub(r"\( ", "(", re.sub(r" \)", ")", text))
    return text


def blocks(html: str) -> list[Block]:
    """The top-level blocks of rendered Markdown."""
    parser = _Blocks()
    parser.feed(html)
    return parser.blocks


def description(page_blocks: list[Block]) -> str:
    """The first paragraph's first whole sentences, up to about 160 characters.

    Never cut inside a sentence: a first sentence longer than that is kept whole.
    A full stop ends a sentence only before a capital letter or a digit, so
    "e.g. the" stays together.
    """
    first = next((b.text for b in page_blocks if b.tag == "p" and b.text), "")
    sentences: list[str] = []
    for piece in re.split(r"(?<=[.!?])\s+", first):
        if sentences and not (piece[:1].isupper() or piece[:1].isdigit()):
            sentences[-1] += " " + piece
        else:
            sentences.append(piece)
    text = sentences[0] if sentences else ""
    for sentence in sentences[1:]:
        if len(text) + 1 + len(sentence) > DESCRIPTION_LENGTH:
            break
        text += " " + sentence
    return text


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
    # inLanguage belongs to the page (a CreativeWork), not to DefinedTerm.
    page = {"@type": "WebPage", "@id": url, "url": url, "name": name, "description": text, "inLanguage": language}
    graph: list[dict] = [page]
    if kind == "term":
        page["mainEntity"] = {"@id": url + "#term"}
        graph.append({
            "@type": "DefinedTerm", "@id": url + "#term", "name": name, "description": text, "url": url,
            "inDefinedTermSet": {"@type": "DefinedTermSet", "@id": term_set_url, "name": term_set_name,
                                 "url": term_set_url, "inLanguage": language},
        })
    if questions:
        graph.append({
            "@type": "FAQPage", "@id": url + "#faq", "url": url, "inLanguage": language, "isPartOf": {"@id": url},
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
