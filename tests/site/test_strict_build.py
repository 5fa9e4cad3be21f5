"""A bad catalog stops the strict build, naming the .po file and the entry's line.

Tested through the hook's own functions on a copy of locales/ (no site build):
``SiteI18n`` parses and checks the catalogs as ``on_config`` does, and
``report_catalog_problems`` is what stops a strict build.
"""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

import pytest
from babel.messages.pofile import read_po, write_po
from mkdocs.exceptions import PluginError

from clvsite.build import SiteI18n
from tests.site.conftest import LANGUAGES, ROOT

RELATIVE = {lang: Path(f"locales/{lang}/LC_MESSAGES/messages.po") for lang in LANGUAGES}


def load_hook():
    """hooks/site_build.py as MkDocs loads it: by file path."""
    spec = importlib.util.spec_from_file_location("site_build_under_test", ROOT / "hooks" / "site_build.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def locales(tmp_path: Path) -> Path:
    """A copy of locales/ under tmp_path (the stand-in for the project root)."""
    shutil.copytree(ROOT / "locales", tmp_path / "locales")
    return tmp_path / "locales"


def strict_build_error(locales: Path) -> str:
    """The hook's check of *locales* in a strict build: the PluginError's text."""
    hook = load_hook()
    problems = SiteI18n(locales, LANGUAGES, {}).problems()
    with pytest.raises(PluginError) as raised:
        hook.report_catalog_problems(problems, strict=True, root=locales.parent)
    return str(raised.value)


def line_of(path: Path, text: str) -> int:
    """1-based line number where ``text`` first appears in ``path``."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if text in line:
            return number
    raise AssertionError(f"{text!r} not in {path}")


def test_the_catalogs_as_committed_pass(locales):
    hook = load_hook()
    hook.report_catalog_problems(SiteI18n(locales, LANGUAGES, {}).problems(), strict=True, root=locales.parent)


def test_wrong_placeholder_script_and_fuzzy_entry_fail_the_build(locales):
    po = locales.parent / RELATIVE["lt"]
    with po.open("rb") as handle:
        catalog = read_po(handle)
    catalog["Sources"].string += "<script>alert(1)</script>"
    catalog["Why CLV matters"].flags.add("fuzzy")
    placeholder_id = "With a margin of %(margin)s, their historical CLV is %(clv)s."
    catalog[placeholder_id].string = catalog[placeholder_id].string.replace("%(clv)s", "%(cvl)s")
    with po.open("wb") as handle:
        write_po(handle, catalog, width=79)

    output = strict_build_error(locales)

    for msgid, words in [('msgid "Sources"', "<script>"), ('msgid "Why CLV matters"', "fuzzy"),
                         ('msgid "With a margin of %(margin)s, their', "%(cvl)")]:
        line = line_of(po, msgid)
        located = [row for row in output.splitlines() if row.startswith(f"{RELATIVE['lt']}:{line}:")]
        assert located and words in located[0], (msgid, output)


def test_a_catalog_that_does_not_parse_fails_the_build(locales):
    po = locales.parent / RELATIVE["pl"]
    text = po.read_text(encoding="utf-8").replace('msgid "Sources"', 'msgid "Sources', 1)
    po.write_text(text, encoding="utf-8")

    output = strict_build_error(locales)

    line = line_of(po, 'msgid "Sources')
    assert f"{RELATIVE['pl']}:{line}:" in output


def test_a_build_that_is_not_strict_only_warns(locales, caplog):
    po = locales.parent / RELATIVE["vi"]
    po.write_text(po.read_text(encoding="utf-8").replace('msgid "Sources"', 'msgid "Sources', 1), encoding="utf-8")
    hook = load_hook()
    hook.report_catalog_problems(SiteI18n(locales, LANGUAGES, {}).problems(), strict=False, root=locales.parent)
    assert any(str(RELATIVE["vi"]) in record.getMessage() for record in caplog.records)
