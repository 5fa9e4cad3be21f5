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


@pytest.mark.parametrize("path", [*CATALOGS, ROOT / "locales" / "messages.pot"], ids=lambda p: p.parent.parent.name if p.suffix == ".po" else "pot")
def test_catalogs_are_kept_in_the_stable_form(path, tmp_path):
    # Small diffs need one wrapping and order: `make update` writes this form.
    copy = tmp_path / path.name
    shutil.copy(path, copy)
    normalize([copy])
    assert copy.read_bytes() == path.read_bytes(), f"{path.relative_to(ROOT)} is not normalized: run `make update`"


def test_normalize_is_idempotent(tmp_path):
    copy = tmp_path / "messages.po"
    shutil.copy(CATALOGS[0], copy)
    normalize([copy])
    once = copy.read_bytes()
    normalize([copy])
    assert copy.read_bytes() == once
