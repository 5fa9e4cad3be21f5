"""The catalog files as Poedit, Weblate and GNU gettext see them."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from clvsite.__main__ import normalize
from tests.site.conftest import ROOT

CATALOGS = sorted((ROOT / "locales").glob("*/LC_MESSAGES/messages.po"))


def test_there_is_a_catalog_per_translated_language():
    assert {p.parent.parent.name for p in CATALOGS} >= {"lt", "nl", "pl", "vi", "uk"}


@pytest.mark.parametrize("path", CATALOGS, ids=lambda p: p.parent.parent.name)
def test_msgfmt_accepts_the_catalog(path):
    msgfmt = shutil.which("msgfmt")
    assert msgfmt, "GNU gettext's msgfmt is missing: `make test` installs it"
    result = subprocess.run([msgfmt, "--check", "--output-file=/dev/null", str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


TEMPLATE = ROOT / "locales" / "messages.pot"


def _copy_into_locales_layout(path: Path, tmp_path: Path) -> Path:
    """A copy of `path` with the template where `normalize` looks for it."""
    (tmp_path / "locales" / "xx" / "LC_MESSAGES").mkdir(parents=True)
    shutil.copy(TEMPLATE, tmp_path / "locales" / TEMPLATE.name)
    if path == TEMPLATE:
        return tmp_path / "locales" / TEMPLATE.name
    return Path(shutil.copy(path, tmp_path / "locales" / "xx" / "LC_MESSAGES" / path.name))


@pytest.mark.parametrize("path", [*CATALOGS, TEMPLATE], ids=lambda p: p.parent.parent.name if p.suffix == ".po" else "pot")
def test_catalogs_are_kept_in_the_stable_form(path, tmp_path):
    # Small diffs need one wrapping and order: `make update` writes this form.
    copy = _copy_into_locales_layout(path, tmp_path)
    normalize([copy])
    assert copy.read_bytes() == path.read_bytes(), f"{path.relative_to(ROOT)} is not normalized: run `make update`"


def test_normalize_is_idempotent(tmp_path):
    copy = _copy_into_locales_layout(CATALOGS[0], tmp_path)
    normalize([copy])
    once = copy.read_bytes()
    normalize([copy])
    assert copy.read_bytes() == once


@pytest.mark.parametrize("path", [*CATALOGS, TEMPLATE], ids=lambda p: p.parent.parent.name if p.suffix == ".po" else "pot")
def test_gnu_msgcat_leaves_the_catalog_byte_identical(path):
    # Poedit and msgcat share gettext's writer: a save changes only the edited entries.
    result = subprocess.run(["msgcat", str(path)], capture_output=True, check=True)
    assert result.stdout == path.read_bytes()


@pytest.mark.parametrize("path", CATALOGS, ids=lambda p: p.parent.parent.name)
def test_gnu_msgmerge_with_the_template_leaves_the_catalog_byte_identical(path):
    result = subprocess.run(["msgmerge", "--quiet", str(path), str(TEMPLATE)], capture_output=True, check=True)
    assert result.stdout == path.read_bytes()


def test_no_message_is_flagged_brace_format():
    # TeX braces (`\\bar{v}`, `^{12}`) are not str.format fields: the flag makes `msgfmt -c` refuse valid edits.
    for path in [*CATALOGS, TEMPLATE]:
        assert "python-brace-format" not in path.read_text(encoding="utf-8"), path


def test_msgfmt_accepts_a_valid_edit_of_a_formula(tmp_path):
    # A translator rewriting `^{12}` as `^12` in a formula is a valid edit, not a format error.
    nl = ROOT / "locales" / "nl" / "LC_MESSAGES" / "messages.po"
    text = nl.read_text(encoding="utf-8")
    marker = "^{12}"
    msgstr_at = text.index("msgstr", text.index(marker))
    edited_end = text.index("\nmsgid", msgstr_at)
    edited = text[:msgstr_at] + text[msgstr_at:edited_end].replace(marker, "^12") + text[edited_end:]
    assert edited != text, "the Dutch catalog no longer has the formula this test edits"
    copy = tmp_path / "messages.po"
    copy.write_text(edited, encoding="utf-8")
    result = subprocess.run(["msgfmt", "--check", "--output-file=/dev/null", str(copy)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
