"""Small, checked edits to pinned third-party assets in the built site.

Like patch-package in the npm world: each patch names the file, the exact text
it expects, its replacement and why. The text must occur exactly once, so a
Material upgrade that changes it fails the build instead of silently shipping
the unpatched behaviour; the patch is then redone or dropped.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


class PatchError(RuntimeError):
    """A patch no longer applies to the pinned file it was written for."""


@dataclass(frozen=True)
class Patch:
    files: str  # glob, relative to the site directory
    old: str
    new: str
    why: str


PATCHES = (
    Patch(
        files="assets/javascripts/bundle.*.min.js",
        # Same length, so Material's source map still lines up.
        old='"link[rel=alternate]"',
        new='"link[rel=x-sitemap]"',
        why=("Material 9.8 fetches sitemap.xml next to every <link rel=alternate>, expecting "
             "language roots (squidfunk/mkdocs-material#6582). Our hreflang links name the "
             "page itself, so each page made seven requests for /<page>/sitemap.xml that a "
             "static host answers with its whole 404 page. The language switcher already "
             "links each page to its translation (mkdocs-static-i18n), so it loses nothing."),
    ),
)


def apply_patches(site_dir: Path, patches: tuple[Patch, ...] = PATCHES) -> list[Path]:
    """Apply every patch to the built site; the files changed, in order."""
    changed = []
    for patch in patches:
        targets = sorted(site_dir.glob(patch.files))
        if len(targets) != 1:
            raise PatchError(f"{patch.files}: expected one file in {site_dir}, found {len(targets)}")
        target = targets[0]
        text = target.read_text(encoding="utf-8")
        if patch.new in text and patch.old not in text:
            continue  # a dirty rebuild (`make serve`) kept the patched file
        if text.count(patch.old) != 1:
            raise PatchError(f"{target}: expected {patch.old!r} exactly once, found {text.count(patch.old)}; "
                             f"redo or drop this patch ({patch.why})")
        target.write_text(text.replace(patch.old, patch.new), encoding="utf-8")
        changed.append(target)
    return changed
