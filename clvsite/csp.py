"""The Content-Security-Policy of every page, as a <meta> element computed from the page.

Scripts run only from the site's own files and from the inline scripts the
theme writes into each page, allowed one by one by the SHA-256 of their
text. The hashes are taken from the finished page at build time, so a theme
upgrade that changes an inline script changes its hash with it instead of
silently breaking search or the palette. Scripts inside the page's content
(its rendered Markdown, where translations land) get no hash: one smuggled
in there does not run.

A policy delivered in <meta> cannot use ``frame-ancestors``, ``sandbox`` or
``report-uri`` (browsers ignore them there, CSP Level 3 §6.1). Framing by
other sites is therefore refused by a server header where the host allows
one (README: "Hosting"); the policy here still forbids the pages from
framing anything (``frame-src 'none'``) and from loading plugins.
"""

from __future__ import annotations

import base64
import hashlib
import re
from html.parser import HTMLParser

# `wasm-unsafe-eval`: Pyodide compiles WebAssembly (it does not allow eval()).
# `style-src 'unsafe-inline'`: KaTeX and Material position with style="…";
# styles cannot run script. `connect-src 'self'`: Pyodide's packages, the
# search index and the service worker's fetches all come from the site.
POLICY: dict[str, tuple[str, ...]] = {
    "default-src": ("'self'",),
    "script-src": ("'self'", "'wasm-unsafe-eval'"),
    "style-src": ("'self'", "'unsafe-inline'"),
    "img-src": ("'self'", "data:"),
    "font-src": ("'self'",),
    "connect-src": ("'self'",),
    "worker-src": ("'self'",),
    "manifest-src": ("'self'",),
    "object-src": ("'none'",),
    "frame-src": ("'none'",),
    "base-uri": ("'self'",),
    "form-action": ("'self'",),
}
SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.IGNORECASE | re.DOTALL)
# Script types a browser executes; JSON and JSON-LD blocks are data.
EXECUTABLE_TYPES = frozenset({"", "text/javascript", "application/javascript", "module"})
CHARSET_META = re.compile(r"<meta\s+charset=[\"']?utf-8[\"']?\s*/?>", re.IGNORECASE)


class _Attributes(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.attributes: dict[str, str | None] = {}

    def handle_starttag(self, tag, attrs):
        self.attributes = dict(attrs)


def _attributes(opening_tag: str) -> dict[str, str | None]:
    parser = _Attributes()
    parser.feed(opening_tag)
    parser.close()
    return parser.attributes


def inline_scripts(html: str) -> list[str]:
    """The text of every inline script of ``html`` that a browser would run."""
    scripts = []
    for match in SCRIPT.finditer(html):
        attributes = _attributes(f"<script{match.group(1)}>")
        kind = (attributes.get("type") or "").strip().lower()
        if "src" not in attributes and kind in EXECUTABLE_TYPES:
            scripts.append(match.group(2))
    return scripts


def script_hash(text: str) -> str:
    """The CSP source expression of one inline script: 'sha256-…' of its UTF-8 text.

    >>> script_hash("alert(1)")
    "'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='"
    """
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def theme_scripts(html: str, content: str = "") -> list[str]:
    """The inline scripts of ``html`` that are not in ``content``, the page's rendered Markdown.

    Only the theme's scripts are allowed: a script in the content came from a
    page source or a catalog (the catalog checks refuse it, this keeps it dead).
    """
    scripts = inline_scripts(html)
    for text in inline_scripts(content):
        if text in scripts:
            scripts.remove(text)
    return scripts


def policy(html: str, content: str = "") -> str:
    """The policy for one page: POLICY plus the hashes of the theme's inline scripts in it."""
    hashes = tuple(dict.fromkeys(script_hash(text) for text in theme_scripts(html, content)))
    directives = {**POLICY, "script-src": POLICY["script-src"] + hashes}
    return "; ".join(f"{name} {' '.join(sources)}" for name, sources in directives.items())


def add_policy(html: str, content: str = "") -> str:
    """``html`` with its CSP <meta> as the first element after <meta charset>.

    ``content`` is the page's rendered Markdown, whose scripts get no hash.
    The policy applies only to what follows it, so it must come before every
    script and stylesheet of the head.
    """
    element = f'<meta http-equiv="Content-Security-Policy" content="{policy(html, content)}">'
    charset = CHARSET_META.search(html)
    if charset:
        return html[:charset.end()] + element + html[charset.end():]
    head = re.search(r"<head\b[^>]*>", html, re.IGNORECASE)
    if head is None:
        raise ValueError("the page has no <head> to put its Content-Security-Policy in")
    return html[:head.end()] + element + html[head.end():]
