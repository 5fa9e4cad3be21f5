"""A bad catalog stops the strict build, naming the .po file and the entry's line."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.pofile import read_po, write_po

from tests.site.conftest import mkdocs_build



def line_of(path: Path, text: str) -> int:
    """1-based line number where ``text`` first appears in ``path``."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if text in line:
            return number
    raise AssertionError(f"{text!r} not in {path}")


@pytest.mark.slow
def test_wrong_placeholder_script_and_fuzzy_entry_fail_the_build(project_copy, tmp_path):
    po = project_copy / "locales" / "lt" / "LC_MESSAGES" / "messages.po"
    with po.open("rb") as handle:
        catalog = read_po(handle)
    catalog["Sources"].string += "<script>alert(1)</script>"
    catalog["Why CLV matters"].flags.add("fuzzy")
    placeholder_id = "With a margin of %(margin)s, their historical CLV is %(clv)s."
    catalog[placeholder_id].string = catalog[placeholder_id].string.replace("%(clv)s", "%(cvl)s")
    with po.open("wb") as handle:
        write_po(handle, catalog, width=79)

    result = mkdocs_build(project_copy, tmp_path / "site")

    output = result.stdout + result.stderr
    assert result.returncode != 0
    relative = Path("locales/lt/LC_MESSAGES/messages.po")
    for msgid, words in [('msgid "Sources"', "<script>"), ('msgid "Why CLV matters"', "fuzzy"),
                         ('msgid "With a margin of %(margin)s, their', "%(cvl)")]:
        line = line_of(po, msgid)
        located = [row for row in output.splitlines() if f"{relative}:{line}:" in row]
        assert located and words in located[0], (msgid, output)


@pytest.mark.slow
def test_a_catalog_that_does_not_parse_fails_the_build(project_copy, tmp_path):
    po = project_copy / "locales" / "pl" / "LC_MESSAGES" / "messages.po"
    text = po.read_text(encoding="utf-8").replace('msgid "Sources"', 'msgid "Sources', 1)
    po.write_text(text, encoding="utf-8")

    result = mkdocs_build(project_copy, tmp_path / "site")

    assert result.returncode != 0
    line = line_of(po, 'msgid "Sources')
    assert f"locales/pl/LC_MESSAGES/messages.po:{line}:" in result.stdout + result.stderr
