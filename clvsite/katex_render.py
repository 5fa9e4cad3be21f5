"""Typeset formulas at build time with KaTeX, so readers download no math JavaScript.

KaTeX (pinned in package-lock.json) runs in one Node.js process for the whole
build; formulas are sent one per line and cached, since every language shares
them. Its output carries MathML beside the visual HTML, which screen readers
read, and the page needs only KaTeX's stylesheet and fonts.
"""

from __future__ import annotations

import html
import json
import re
import subprocess
from pathlib import Path

RENDER_SCRIPT = r"""
const katex = require(process.argv[1]);
const readline = require("readline");
// Translated words inside \text{} (Vietnamese "ạ", Ukrainian letters) are drawn in
// the browser's own font; KaTeX would warn about each of them on every build.
const FOREIGN_LETTERS = new Set(["unknownSymbol", "symbolNotInFont"]);
const strict = (code) => (FOREIGN_LETTERS.has(code) ? "ignore" : "warn");
readline.createInterface({ input: process.stdin }).on("line", (line) => {
  const { tex, display } = JSON.parse(line);
  try {
    const html = katex.renderToString(tex, { displayMode: display, throwOnError: true, output: "htmlAndMathml", strict });
    process.stdout.write(JSON.stringify({ html }) + "\n");
  } catch (error) {
    process.stdout.write(JSON.stringify({ error: String(error.message) }) + "\n");
  }
});
"""
# pymdownx.arithmatex (generic mode) leaves \( ... \) in a span and \[ ... \] in a div.
ARITHMATEX = re.compile(r'<(span|div) class="arithmatex">(.*?)</\1>', re.DOTALL)


class MathError(ValueError):
    """A formula KaTeX cannot typeset; the message quotes it."""


class KatexRenderer:
    """One Node.js process running KaTeX, with a cache of typeset formulas."""

    def __init__(self, node_modules: Path) -> None:
        self._katex = node_modules / "katex"
        self._process: subprocess.Popen | None = None
        self._cache: dict[tuple[str, bool], str] = {}
        self._used: set[tuple[str, bool]] = set()

    def render(self, tex: str, *, display: bool) -> str:
        """The HTML (with MathML) of one formula."""
        key = (tex, display)
        self._used.add(key)
        if key not in self._cache:
            process = self._start()
            process.stdin.write(json.dumps({"tex": tex, "display": display}) + "\n")
            process.stdin.flush()
            answer = json.loads(process.stdout.readline())
            if "error" in answer:
                raise MathError(f"KaTeX cannot typeset {tex!r}: {answer['error']}")
            self._cache[key] = answer["html"]
        return self._cache[key]

    def typeset(self, page_html: str) -> str:
        """Replace every arithmatex placeholder of a page with typeset math."""
        def replace(match: re.Match[str]) -> str:
            source = html.unescape(match.group(2)).strip()
            display = source.startswith("\\[")
            tex = source[2:-2].strip()
            tag = match.group(1)
            # A display formula may scroll sideways on a phone: the keyboard must reach it.
            focus = ' tabindex="0"' if tag == "div" else ""
            return f'<{tag} class="arithmatex"{focus}>{self.render(tex, display=display)}</{tag}>'

        return ARITHMATEX.sub(replace, page_html)

    def forget_use(self) -> None:
        """Start a new build: ``used()`` lists the formulas rendered from now on."""
        self._used.clear()

    def used(self) -> list[str]:
        """The HTML of every formula this build rendered (the fonts are cut to these)."""
        return [self._cache[key] for key in self._used]

    def close(self) -> None:
        """Stop the Node.js process."""
        if self._process:
            self._process.stdin.close()
            self._process.wait(timeout=10)
            self._process = None

    def _start(self) -> subprocess.Popen:
        if self._process is None:
            if not (self._katex / "package.json").exists():
                raise MathError(f"{self._katex} is missing: run `npm ci` (the Makefile does)")
            self._process = subprocess.Popen(
                ["node", "-e", RENDER_SCRIPT, str(self._katex.resolve())],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, encoding="utf-8")
        return self._process
