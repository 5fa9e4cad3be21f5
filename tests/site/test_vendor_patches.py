"""Patches to pinned third-party files apply once, exactly, or stop the build."""

from __future__ import annotations

from pathlib import Path

import material
import pytest

from clvsite.vendor_patches import PATCHES, Patch, PatchError, apply_patches

PATCH = Patch(files="assets/app.*.js", old='"old"', new='"new"', why="a test")


def write(site, text: str, name: str = "assets/app.1234.js"):
    path = site / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_a_patch_replaces_its_text_once_and_a_rebuild_keeps_it(tmp_path):
    path = write(tmp_path, 'a("old");b("other")')
    assert apply_patches(tmp_path, (PATCH,)) == [path]
    assert path.read_text() == 'a("new");b("other")'
    assert apply_patches(tmp_path, (PATCH,)) == []  # `make serve` rebuilds keep the file
    assert path.read_text() == 'a("new");b("other")'


@pytest.mark.parametrize("text", ['a("gone")', 'a("old");b("old")'])
def test_a_patch_that_no_longer_fits_stops_the_build(tmp_path, text):
    write(tmp_path, text)
    with pytest.raises(PatchError, match="exactly once"):
        apply_patches(tmp_path, (PATCH,))


def test_a_patch_needs_exactly_one_target_file(tmp_path):
    with pytest.raises(PatchError, match="found 0"):
        apply_patches(tmp_path, (PATCH,))
    write(tmp_path, '"old"')
    write(tmp_path, '"old"', "assets/app.5678.js")
    with pytest.raises(PatchError, match="found 2"):
        apply_patches(tmp_path, (PATCH,))


def test_every_patch_fits_the_pinned_material_theme():
    # The theme's own assets, which MkDocs copies into the site as they are.
    templates = Path(material.__file__).parent / "templates"
    for patch in PATCHES:
        (target,) = templates.glob(patch.files)
        assert target.read_text(encoding="utf-8").count(patch.old) == 1, patch.why
        assert len(patch.new) == len(patch.old)  # the source map still lines up
