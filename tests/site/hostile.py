"""Hostile catalogs and sources for a copy of the project (tests/site/test_altered_copy.py).

The Dutch catalog gets one payload of reviews/security.md ("Got through" 1–8)
per entry, the Lithuanian one a Plural-Forms that divides by zero. The
English sources get payloads of their own (a site name that breaks out of
aria-label="…", entities in an H1 and a first paragraph): those are not
catalog entries, so nothing leaves them out, and only the escaping of the
theme's sinks keeps them text.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from babel.messages.pofile import read_po, write_po

# The Dutch payloads call alert(2), so that none may appear on a Dutch page; the English ones alert(1).
BREAK_OUT = 'CLV" autofocus onfocus="alert(1)" x="'
DUTCH_PAYLOADS = {
    "The **churn rate** is the share of customers who stop buying or cancel during a period, out of "
    "those you had at its start. It is the complement of the retention rate (the two add up to one), "
    "and it sets how long an average customer stays.": 'x"&gt;&lt;img src=x onerror=alert(2)&gt;',
    "Churn rate": "Verloop &lt;img src=x onerror=alert(2)&gt;",
    "Formula": 'Formule**x**{: onmouseover="alert(2)" }',
    "Header": 'Kop" autofocus onfocus="alert(2)" x="',
    "Margin": "Marge<svg/onload=alert(2)>",
    "Transaction file": "Transactiebestand<!--",
    "Sources": "Bronnen <HTTPS://evil.example>",
    "With a margin of %(margin)s, their historical CLV is %(clv)s.": "Bij %(margin)d marge is de CLV %(clv)s.",
    "%(field)s is required.": "%(field)r is verplicht.",
}
ENGLISH_H1 = 'ARPU x"&gt;&lt;img src=x onerror=alert(1)&gt;'
ENGLISH_PARAGRAPH = "&lt;!--&lt;script&gt;alert(1)&lt;/script&gt; **ARPU** is revenue per user."
# A real script in a page's content: the CSP must not allow it (no hash).
CONTENT_SCRIPT = "window.fromContent = true;"


class Page(HTMLParser):
    """Everything of a built page a payload could become: attributes, comments, scripts."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict]] = []
        self.comments: list[str] = []
        self.title = ""
        self._in: list[str] = []
        self.json_ld: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))
        self._in.append(tag if tag != "script" or dict(attrs).get("type") != "application/ld+json" else "ld")

    def handle_endtag(self, tag):
        if self._in:
            self._in.pop()

    def handle_comment(self, data):
        self.comments.append(data)

    def handle_data(self, data):
        if self._in and self._in[-1] == "title":
            self.title += data
        elif self._in and self._in[-1] == "ld":
            self.json_ld.append(data)


def poison(project: Path) -> None:
    nl = project / "locales" / "nl" / "LC_MESSAGES" / "messages.po"
    with nl.open("rb") as handle:
        catalog = read_po(handle)
    for msgid, payload in DUTCH_PAYLOADS.items():
        message = catalog.get(msgid)
        assert message is not None and message.string, msgid
        message.string = payload
    with nl.open("wb") as handle:
        write_po(handle, catalog, width=79)
    lt = project / "locales" / "lt" / "LC_MESSAGES" / "messages.po"
    text = lt.read_text(encoding="utf-8")
    # Keep the catalog's own number of forms, so only the expression is wrong.
    lt.write_text(re.sub(r'"Plural-Forms: nplurals=(\d+);[^"]*"(\n"[^"]*")*',
                         r'"Plural-Forms: nplurals=\1; plural=(n/0);\\n"', text, count=1),
                  encoding="utf-8")
    navigation = project / "clvsite" / "navigation.py"
    navigation.write_text(navigation.read_text(encoding="utf-8").replace('N_("CLV Glossary")', f"N_({BREAK_OUT!r})"),
                          encoding="utf-8")
    arpu = project / "docs" / "glossary" / "arpu.md"
    source = arpu.read_text(encoding="utf-8").replace('_("Average revenue per user (ARPU)")', f"_({ENGLISH_H1!r})", 1)
    source = source.replace("{% trans %}\n**Average revenue", "{% trans %}\n" + ENGLISH_PARAGRAPH + "\n**Average revenue", 1)
    arpu.write_text(source + f"\n<script>{CONTENT_SCRIPT}</script>\n", encoding="utf-8")


def assert_every_payload_is_named(project: Path, output: str) -> None:
    nl_po = project / "locales" / "nl" / "LC_MESSAGES" / "messages.po"
    with nl_po.open("rb") as handle:
        catalog = read_po(handle)
    for msgid in DUTCH_PAYLOADS:
        assert f"locales/nl/LC_MESSAGES/messages.po:{catalog.get(msgid).lineno}:" in output, msgid
    assert re.search(r"locales/lt/LC_MESSAGES/messages\.po:\d+: .*plural=\(n/0\)", output)


def page_description(page: Page) -> str:
    return next(attrs["content"] for tag, attrs in page.elements if tag == "meta" and attrs.get("name") == "description")
