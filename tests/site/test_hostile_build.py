"""Hostile catalogs: the strict build stops naming each one; a non-strict build shows none, every sink escapes.

The Dutch catalog gets one payload of reviews/security.md ("Got through" 1–8)
per entry, the Lithuanian one a Plural-Forms that divides by zero. The strict
build must stop before writing a page, naming each with its .po file and
line; the non-strict one must finish, log the same, and render English for
those entries. The English sources get payloads of their own (a site
name that breaks out of aria-label="…", entities in an H1 and a first
paragraph): those are not catalog entries, so nothing leaves them out, and
only the escaping of the theme's sinks keeps them text.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from babel.messages.pofile import read_po, write_po

from clvsite.csp import script_hash
from tests.site.conftest import mkdocs_build

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


@pytest.mark.slow
def test_a_non_strict_build_leaves_every_payload_out(project_copy, tmp_path):
    poison(project_copy)
    site = tmp_path / "site"
    # The strict build stops before any page, naming each payload's file and line.
    strict = mkdocs_build(project_copy, tmp_path / "strict-site")
    assert strict.returncode != 0 and not (tmp_path / "strict-site" / "index.html").exists()
    assert_every_payload_is_named(project_copy, strict.stdout + strict.stderr)

    result = mkdocs_build(project_copy, site, strict=False)

    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-3000:]
    assert_every_payload_is_named(project_copy, output)

    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 100
    for path in pages:
        html = path.read_text(encoding="utf-8")
        page = Page()
        page.feed(html)
        where = path.relative_to(site)
        # No payload became an element, an attribute, a comment or a link.
        assert not [(tag, name) for tag, attrs in page.elements for name in attrs
                    if name.startswith("on") or name == "autofocus"], where
        assert not [tag for tag, attrs in page.elements if tag == "svg" and "onload" in attrs], where
        assert not [attrs for tag, attrs in page.elements if tag == "img" and attrs.get("src") == "x"], where
        assert not [attrs for tag, attrs in page.elements if "evil.example" in str(attrs.get("href"))], where
        assert page.comments == [], where
        for block in page.json_ld:
            assert "<" not in block and ">" not in block and "&" not in block, where
            json.loads(block)
        if where.parts[0] == "nl":
            for left_out in ("alert(2)", "evil.example", "%(field)r", "%(margin)d", "Transactiebestand"):
                assert left_out not in html, (where, left_out)
        # The English site name is shown as the text it is, in the title (where a
        # long page title leaves room for it: overrides/main.html) and the header.
        title = page.title.strip()
        assert title.endswith(BREAK_OUT) or BREAK_OUT not in title, where
        assert any(attrs.get("aria-label") == BREAK_OUT for tag, attrs in page.elements), where
    arpu = Page()
    arpu_html = (site / "glossary" / "arpu" / "index.html").read_text(encoding="utf-8")
    assert f"<script>{CONTENT_SCRIPT}</script>" in arpu_html
    arpu.feed(arpu_html)
    assert page_description(arpu).startswith("<!--<script>alert(1)</script> ARPU is revenue")
    # The hostile h1 is the title's text (with the site name when it fits in 60 characters).
    assert arpu.title.startswith('ARPU x"><img src=x onerror=alert(1)>')
    policy = next(attrs["content"] for tag, attrs in arpu.elements if attrs.get("http-equiv") == "Content-Security-Policy")
    assert "sha256-" in policy and script_hash(CONTENT_SCRIPT) not in policy


def page_description(page: Page) -> str:
    return next(attrs["content"] for tag, attrs in page.elements if tag == "meta" and attrs.get("name") == "description")
