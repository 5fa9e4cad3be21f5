"""Self-hosted front-end assets: KaTeX's stylesheet and fonts, on math pages only.

Formulas are typeset at build time (clvsite/katex_render.py), so a page needs
only KaTeX's CSS and the woff2 fonts it uses, copied from node_modules
(package-lock.json pins the version) once under site/assets/vendor/, shared by
all six language trees, the fonts cut to the characters our formulas draw
(clvsite/font_subset.py). Pages without a formula load none of it.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from clvsite.font_subset import subset_fonts

KATEX_DIR = "assets/vendor/katex"
KATEX_FILES = ("katex.min.css",)
MATH_MARKER = 'class="arithmatex"'


class MissingAssetError(FileNotFoundError):
    """A pinned npm asset is not installed; `npm ci` installs it."""


def copy_katex(node_modules: Path, site_dir: Path, characters: set[str], cache_dir: Path) -> None:
    """Copy KaTeX's stylesheet, and its woff2 fonts cut to *characters*, into the built site."""
    source = node_modules / "katex" / "dist"
    if not (source / KATEX_FILES[0]).exists():
        raise MissingAssetError(f"{source / KATEX_FILES[0]} is missing: run `npm ci` (the Makefile does)")
    target = site_dir / KATEX_DIR
    target.mkdir(parents=True, exist_ok=True)
    for name in KATEX_FILES:
        shutil.copyfile(source / name, target / name)
    # Modern browsers all take woff2; the .woff/.ttf fallbacks are never fetched.
    subset_fonts(source / "fonts", target / "fonts", characters, cache_dir)


# The fonts nearly every formula draws: upright text and digits, italic variables.
# Preloaded, they arrive with the stylesheet; found late through it, their swap
# moved the lines around inline math (Lighthouse: layout shift 0.07 on a phone).
PRELOADED_FONTS = {"KaTeX_Main-Regular.woff2": 'class="katex"', "KaTeX_Math-Italic.woff2": "mathnormal"}


def math_tags(root: str, html: str = "") -> str:
    """The stylesheet link of typeset math, and preloads of the fonts ``html`` uses.

    ``root`` leads from the page to the site root.
    """
    prefix = "" if root in ("", ".") else root.rstrip("/") + "/"
    preloads = "".join(
        f'<link rel="preload" href="{prefix}{KATEX_DIR}/fonts/{font}" as="font" type="font/woff2" crossorigin>\n'
        for font, marker in PRELOADED_FONTS.items() if marker in html)
    return preloads + f'<link rel="stylesheet" href="{prefix}{KATEX_DIR}/katex.min.css">\n'


def add_math(html: str, root: str) -> str:
    """Add KaTeX's stylesheet to a page that has formulas; others are returned unchanged."""
    if MATH_MARKER not in html:
        return html
    return html.replace("</head>", math_tags(root, html) + "</head>", 1)
