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
readline.createInterface({ input: process.stdin }).on("line", (line) => {
  const { tex, display } = JSON.parse(line);
  try {
    const html = katex.renderToString(tex, { displayMode: display, throwOnError: true, output: "htmlAndMathml" });
    process.stdout.write(JSON.stringify({ html }) + "\n");
  } catch (error) {
    process.stdout.write(JSON.stringify({ error: String(error.message) }) + "\n");
  }
});
"""
# A translated word inside \text{} that is not plain ASCII (Vietnamese "còn hoạt
# động", Ukrainian "активний") is set in the page's own font as one run: KaTeX's
# fonts cover ASCII, so KaTeX would draw "ò" as "o" plus an accent and take
# "ạ" from a fallback font, mixing fonts inside one word. It is swapped for an
# ASCII placeholder while KaTeX lays the formula out, then put back.
TEXT_COMMAND = re.compile(r"\\text\{([^{}]*)\}")
PLACEHOLDER = "clvword{}"
PAGE_FONT_CLASS = "clv-math-text"

# pymdownx.arithmatex (generic mode) leaves \( ... \) in a span and \[ ... \] in a div.
ARITHMATEX = re.compile(r'<(span|div) class="arithmatex">(.*?)</\1>', re.DOTALL)


class MathError(ValueError):
    """A formula KaTeX cannot typeset; the message quotes it."""


def _swap_out_words(tex: str) -> tuple[str, list[str]]:
    """*tex* with each non-ASCII ``\\text{}`` argument replaced by a placeholder, and those words."""
    words: list[str] = []

    def swap(match: re.Match[str]) -> str:
        word = match.group(1)
        if word.isascii():
            return match.group(0)
        words.append(word)
        return "\\text{" + PLACEHOLDER.format(len(words) - 1) + "}"

    return TEXT_COMMAND.sub(swap, tex), words


def _put_back_words(typeset: str, words: list[str], tex: str) -> str:
    """KaTeX's output with the placeholders replaced: one page-font run in the
    visual HTML, the word itself in the MathML and in the TeX annotation."""
    for index, word in enumerate(words):
        placeholder, escaped = PLACEHOLDER.format(index), html.escape(word, quote=False)
        visual = f'<span class="mord">{placeholder}</span>'
        if typeset.count(visual) != 1 or typeset.count(placeholder) != 3:
            raise MathError(f"KaTeX laid out the placeholder of {word!r} in {tex!r} in an unexpected way")
        typeset = typeset.replace(visual, f'<span class="mord {PAGE_FONT_CLASS}">{escaped}</span>')
        typeset = typeset.replace(f"<mtext>{placeholder}</mtext>", f"<mtext>{escaped}</mtext>")
        typeset = typeset.replace(placeholder, escaped)  # the TeX source in <annotation>
    return typeset


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
            laid_out, words = _swap_out_words(tex)
            process = self._start()
            process.stdin.write(json.dumps({"tex": laid_out, "display": display}) + "\n")
            process.stdin.flush()
            answer = json.loads(process.stdout.readline())
            if "error" in answer:
                raise MathError(f"KaTeX cannot typeset {tex!r}: {answer['error']}")
            self._cache[key] = _put_back_words(answer["html"], words, tex)
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
