"""KaTeX's fonts in the built site keep exactly the characters our formulas draw.

The characters are read here from the built pages with the standard library's
HTML parser, independently of clvsite/font_subset.py, and compared with each
font's character map before and after the cut.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont
from fontTools.unicodedata import mirrored

from clvsite.font_subset import characters_of, visible_characters

from .conftest import ROOT

KATEX_FONTS = ROOT / "node_modules" / "katex" / "dist" / "fonts"


class _VisualMath(HTMLParser):
    """Text inside <span class="katex-html">, the part of a formula that is drawn."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.characters: set[str] = set()

    def handle_starttag(self, tag, attrs):
        if self.depth:
            self.depth += tag not in ("path", "line", "rect")  # void-like SVG children close themselves
        elif "katex-html" in (dict(attrs).get("class") or "").split():
            self.depth = 1

    def handle_startendtag(self, tag, attrs):
        pass  # <br/>, <path/>: no text, no depth

    def handle_endtag(self, tag):
        if self.depth and tag not in ("path", "line", "rect"):
            self.depth -= 1

    def handle_data(self, data):
        if self.depth:
            self.characters.update(data)


def drawn_characters(site: Path) -> set[str]:
    reader = _VisualMath()
    for page in site.rglob("*.html"):
        reader.feed(page.read_text(encoding="utf-8"))
    return reader.characters


def codepoints(font: Path) -> set[int]:
    return set(TTFont(font).getBestCmap() or {})


def codepoints_needed(font: Path, drawn: set[int]) -> set[int]:
    """Drawn characters the font has, their bidi mirror images, and the glyphs they are built from.

    fontTools keeps the mirror image (")" for "(", "<" for ">") that right-to-left
    text would need; Unicode's BidiMirroring data says which that is.
    """
    parsed = TTFont(font)
    cmap, glyf = parsed.getBestCmap(), parsed["glyf"]
    wanted = drawn | {mirrored(code) for code in drawn if mirrored(code) is not None}
    glyphs, todo = set(), [cmap[code] for code in wanted if code in cmap]
    while todo:
        name = todo.pop()
        if name not in glyphs:
            glyphs.add(name)
            todo.extend(glyf[name].getComponentNames(glyf))
    return {code for code, name in cmap.items() if name in glyphs}


@pytest.mark.slow
def test_each_font_keeps_exactly_the_characters_the_formulas_need(built_site):
    drawn = {ord(character) for character in drawn_characters(built_site)}
    assert {ord("α"), ord("∑"), ord("P")} <= drawn  # the BG/NBD and CLV formulas are in
    for original in sorted(KATEX_FONTS.glob("*.woff2")):
        cut = built_site / "assets/vendor/katex/fonts" / original.name
        assert codepoints(cut) == codepoints_needed(original, drawn), original.name


@pytest.mark.slow
def test_the_fonts_a_formula_page_loads_are_smaller(built_site):
    # The CLV entry draws with these three (see tests/browser/test_requests.py).
    names = ("KaTeX_Main-Regular.woff2", "KaTeX_Math-Italic.woff2", "KaTeX_Size2-Regular.woff2")
    before = sum((KATEX_FONTS / name).stat().st_size for name in names)
    after = sum((built_site / "assets/vendor/katex/fonts" / name).stat().st_size for name in names)
    assert after < before / 2, (before, after)


def test_visible_characters_skip_the_mathml_and_decode_entities():
    formula = ('<span class="katex"><span class="katex-mathml"><math><mi>Ω</mi></math></span>'
               '<span class="katex-html" aria-hidden="true"><span class="mord">x</span>'
               '<span class="mrel">&lt;</span><svg><path d="M0 0"/></svg></span></span>')
    assert visible_characters(formula) == {"x", "<"}
    assert visible_characters("<span>no math</span>") == set()
    assert characters_of([formula, formula.replace(">x<", ">y<")]) == {"x", "y", "<"}
