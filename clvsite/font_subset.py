"""KaTeX's fonts cut down to the characters our formulas use.

KaTeX ships each font with every glyph TeX might need; a glossary page uses a
few dozen. fontTools' subsetter (pinned in requirements.lock, with brotli for
woff2) keeps the glyphs of the characters found in the typeset formulas, plus
the OpenType layout and metrics KaTeX's CSS was drawn for. One union of
characters serves every font: a browser downloads a font only when text styled
with it is on screen, so the fonts no formula uses cost nothing either way.

The cuts are cached under build/fonts/, keyed by the original font and the
characters, so `make serve` rebuilds do not redo them.
"""

from __future__ import annotations

import hashlib
import html
import io
import re
import shutil
from collections.abc import Iterable
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

TAG = re.compile(r"<[^>]*>")
# KaTeX puts the visual rendering last: <span class="katex-html" aria-hidden="true">…</span></span>
VISUAL_PART = 'class="katex-html"'


def visible_characters(formula_html: str) -> set[str]:
    """Characters drawn by one typeset formula (its visual HTML, not its MathML)."""
    start = formula_html.find(VISUAL_PART)
    if start < 0:
        return set()
    visual = formula_html[formula_html.index(">", start) + 1:]
    return set(html.unescape(TAG.sub("", visual)))


def characters_of(formulas: Iterable[str]) -> set[str]:
    """The union of characters drawn by all *formulas*."""
    characters: set[str] = set()
    for formula_html in formulas:
        characters |= visible_characters(formula_html)
    return characters


def subset_font(font: bytes, characters: set[str]) -> bytes:
    """A woff2 font with only the glyphs of *characters* (and what they need)."""
    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = ["*"]  # keep kerning and ligatures as KaTeX expects
    options.name_IDs = ["*"]
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(ord(character) for character in characters))
    parsed = TTFont(io.BytesIO(font))
    subsetter.subset(parsed)
    out = io.BytesIO()
    parsed.flavor = "woff2"
    parsed.save(out)
    return out.getvalue()


def subset_fonts(source_dir: Path, target_dir: Path, characters: set[str], cache_dir: Path) -> None:
    """Write every woff2 of *source_dir*, subset to *characters*, into *target_dir*."""
    target_dir.mkdir(parents=True, exist_ok=True)
    cache_dir.mkdir(parents=True, exist_ok=True)
    wanted = "".join(sorted(characters)).encode("utf-8")
    for font_path in sorted(source_dir.glob("*.woff2")):
        font = font_path.read_bytes()
        cached = cache_dir / (hashlib.sha256(font + b"\0" + wanted).hexdigest()[:24] + ".woff2")
        if not cached.exists():
            partial = cached.with_suffix(".part")
            partial.write_bytes(subset_font(font, characters))
            partial.replace(cached)  # never leave half a font in the cache
        shutil.copyfile(cached, target_dir / font_path.name)
