"""Self-hosted front-end assets: KaTeX from the pinned npm package, on math pages only.

The formulas are written in LaTeX (pymdownx.arithmatex, generic mode); KaTeX
typesets them in the browser. Its files come from node_modules (package-lock.json
pins the version) and are copied once under site/assets/vendor/, shared by all
six language trees. Pages without a formula load none of it.
"""

from __future__ import annotations

import shutil
from pathlib import Path

KATEX_DIR = "assets/vendor/katex"
KATEX_FILES = ("katex.min.js", "katex.min.css")
MATH_SCRIPT = "assets/javascripts/math.js"  # docs/assets/javascripts/math.js
MATH_MARKER = 'class="arithmatex"'


class MissingAssetError(FileNotFoundError):
    """A pinned npm asset is not installed; `npm ci` installs it."""


def copy_katex(node_modules: Path, site_dir: Path) -> Path:
    """Copy KaTeX's script, stylesheet and woff2 fonts into the built site."""
    source = node_modules / "katex" / "dist"
    if not (source / KATEX_FILES[0]).exists():
        raise MissingAssetError(f"{source / KATEX_FILES[0]} is missing: run `npm ci` (the Makefile does)")
    target = site_dir / KATEX_DIR
    (target / "fonts").mkdir(parents=True, exist_ok=True)
    for name in KATEX_FILES:
        shutil.copyfile(source / name, target / name)
    # Modern browsers all take woff2; the .woff/.ttf fallbacks are never fetched.
    for font in (source / "fonts").glob("*.woff2"):
        shutil.copyfile(font, target / "fonts" / font.name)
    return target


def math_tags(root: str) -> str:
    """The tags that load KaTeX and typeset the page; ``root`` leads from the page to the site root."""
    prefix = "" if root in ("", ".") else root.rstrip("/") + "/"
    return (
        f'<link rel="stylesheet" href="{prefix}{KATEX_DIR}/katex.min.css">\n'
        f'<script defer src="{prefix}{KATEX_DIR}/katex.min.js"></script>\n'
        f'<script defer src="{prefix}{MATH_SCRIPT}"></script>\n'
    )


def add_math(html: str, root: str) -> str:
    """Add KaTeX to a page that has formulas; other pages are returned unchanged."""
    if MATH_MARKER not in html:
        return html
    return html.replace("</head>", math_tags(root) + "</head>", 1)
