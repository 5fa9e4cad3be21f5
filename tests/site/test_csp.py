"""The Content-Security-Policy <meta> of every page covers exactly its inline scripts.

The scripts are read back with html.parser (not with clvsite.csp's own regex)
and hashed with hashlib here, so a theme upgrade that adds an inline script,
or a change that writes one after the policy is computed, fails this test.
"""

from __future__ import annotations

import base64
import hashlib
from html.parser import HTMLParser

from clvsite.csp import add_policy, inline_scripts, policy, script_hash

PAGE = """<!doctype html><html><head><meta charset="utf-8"><title>t</title>
<script>var a = "</scr" + "ipt>";</script>
<script type="application/ld+json">{"a": 1}</script>
<script id="__config" type="application/json">{}</script>
<script src="assets/x.js"></script>
<script type="module">import "./y.js";</script>
</head><body><p>x</p></body></html>"""


class Scripts(HTMLParser):
    """Inline executable scripts, the CSP meta, and what comes before it in the head."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.scripts: list[str] = []
        self.policy: str | None = None
        self.before_policy: list[str] = []
        self._script: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "meta" and (attributes.get("http-equiv") or "").lower() == "content-security-policy":
            self.policy = attributes["content"]
        elif self.policy is None:
            self.before_policy.append(tag)
        executable = (attributes.get("type") or "").lower() in {"", "text/javascript", "module"}
        self._script = [] if tag == "script" and "src" not in attributes and executable else None

    def handle_data(self, data):
        if self._script is not None:
            self._script.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            self.scripts.append("".join(self._script))
            self._script = None


def sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def directives(value: str) -> dict[str, list[str]]:
    return {part.split()[0]: part.split()[1:] for part in value.split(";") if part.strip()}


def test_only_executable_inline_scripts_are_hashed():
    assert inline_scripts(PAGE) == ['var a = "</scr" + "ipt>";', 'import "./y.js";']
    script_src = directives(policy(PAGE))["script-src"]
    assert script_src == ["'self'", "'wasm-unsafe-eval'", sha256('var a = "</scr" + "ipt>";'), sha256('import "./y.js";')]


def test_a_script_in_the_page_content_gets_no_hash():
    content = '<p>Verloop</p><script>alert(1)</script>'
    page = PAGE.replace("<p>x</p>", content)
    script_src = directives(policy(page, content))["script-src"]
    assert script_hash("alert(1)") not in script_src
    assert sha256('import "./y.js";') in script_src  # the theme's scripts still are


def test_the_policy_comes_right_after_the_charset():
    parsed = Scripts()
    parsed.feed(add_policy(PAGE))
    assert parsed.before_policy == ["html", "head", "meta"]
    rules = directives(parsed.policy)
    assert rules["object-src"] == ["'none'"] and rules["frame-src"] == ["'none'"]
    assert rules["connect-src"] == ["'self'"] and rules["base-uri"] == ["'self'"]
    assert "'unsafe-inline'" not in rules["script-src"] and "'unsafe-eval'" not in rules["script-src"]


def test_every_page_has_a_policy_that_covers_each_of_its_inline_scripts(built_site):
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) > 100
    for path in pages:
        parsed = Scripts()
        parsed.feed(path.read_text(encoding="utf-8"))
        where = path.relative_to(built_site)
        assert parsed.policy, f"{where} has no Content-Security-Policy"
        assert parsed.before_policy == ["html", "head", "meta"], where  # before every script and style
        allowed = set(directives(parsed.policy)["script-src"])
        missing = [script[:60] for script in parsed.scripts if sha256(script) not in allowed]
        assert not missing, f"{where}: inline scripts not in the policy: {missing}"
        assert parsed.scripts, where  # Material writes some: the check above is not vacuous
