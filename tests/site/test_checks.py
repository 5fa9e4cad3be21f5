"""Catalog checks: each kind of bad translation is caught and located by file and line."""

from pathlib import Path

import pytest
from babel.messages.catalog import Catalog

from clvsite.catalogs import CatalogFile, CatalogParseError, read_catalog
from clvsite.checks import check_catalog

PO_HEADER = '''msgid ""
msgstr ""
"Content-Type: text/plain; charset=utf-8\\n"
"Language: lt\\n"
"Plural-Forms: nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && (n%100<10 || n%100>=20) ? 1 : 2);\\n"

'''


def write_po(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "messages.po"
    path.write_text(PO_HEADER + body, encoding="utf-8")
    return path


def problems_of(tmp_path: Path, body: str):
    path = write_po(tmp_path, body)
    return check_catalog(read_catalog(path, "lt"))


GOOD = '''#: docs/x.md:3
msgid "A CLV of %(clv)s, see [the entry](glossary/clv.md)."
msgstr "CLV lygi %(clv)s, žr. [įrašą](glossary/clv.md)."
'''


def test_a_correct_entry_has_no_problem(tmp_path):
    assert problems_of(tmp_path, GOOD) == []


@pytest.mark.parametrize("msgstr, kind, words", [
    ("CLV lygi %(value)s.", "placeholder", ["adds %(value)", "drops %(clv)"]),
    ("CLV lygi.", "placeholder", ["drops %(clv)"]),
    ("CLV lygi %(clv)s {name}.", "placeholder", ["adds {name}"]),
    ("CLV lygi %(clv)s {{ config.secret }}.", "placeholder", ["{{ config.secret }}"]),
    ("CLV lygi %(clv)s.<script>alert(1)</script>", "markup", ["<script>"]),
    ('CLV lygi %(clv)s. <img src=x onerror="alert(1)">', "link", ["onerror=alert(1)"]),
    ("CLV lygi <b>%(clv)s.", "markup", ["b"]),
    ("CLV lygi %(clv)s, [spausk](javascript:alert(1)).", "link", ["javascript:alert(1"]),
    ("CLV lygi %(clv)s, [žr.](https://evil.example/).", "link", ["https://evil.example/"]),
])
def test_a_bad_translation_is_named_with_file_and_line(tmp_path, msgstr, kind, words):
    body = f'#: docs/x.md:3\nmsgid "A CLV of %(clv)s."\nmsgstr "{msgstr}"\n'.replace('"alert(1)"', '\\"alert(1)\\"')
    problems = problems_of(tmp_path, body)
    assert kind in {p.kind for p in problems} and all(p.is_unsafe for p in problems)
    text = str(next(p for p in problems if p.kind == kind))
    assert text.startswith(f"{tmp_path / 'messages.po'}:8: ")  # the msgid line of the entry
    for word in words:
        assert word in text


def test_markup_kept_from_the_msgid_is_fine(tmp_path):
    body = 'msgid "Read <abbr title=\\"CLV\\">this</abbr> **now**."\nmsgstr "Skaitykite <abbr title=\\"CLV\\">tai</abbr> **dabar**."\n'
    assert problems_of(tmp_path, body) == []


def test_missing_and_fuzzy_entries_are_reported(tmp_path):
    body = 'msgid "Sources"\nmsgstr ""\n\n#, fuzzy\nmsgid "Churn"\nmsgstr "Klientų praradimas"\n'
    problems = problems_of(tmp_path, body)
    assert [(p.kind, p.line) for p in problems] == [("missing", 7), ("fuzzy", 11)]


def test_each_plural_form_must_keep_the_count(tmp_path):
    body = ('msgid "%(count)s order"\nmsgid_plural "%(count)s orders"\n'
            'msgstr[0] "%(count)s užsakymas"\nmsgstr[1] "%(count)s užsakymai"\nmsgstr[2] "užsakymų"\n')
    problems = problems_of(tmp_path, body)
    assert [p.kind for p in problems] == ["placeholder"]
    assert "drops %(count)" in problems[0].message


def test_a_singular_without_the_count_allows_forms_without_it(tmp_path):
    body = ('msgid "the first year"\nmsgid_plural "the first %(count)s years"\n'
            'msgstr[0] "pirmieji metai"\nmsgstr[1] "pirmieji %(count)s metai"\nmsgstr[2] "pirmieji %(count)s metų"\n')
    assert problems_of(tmp_path, body) == []


def test_a_file_that_does_not_parse_names_file_and_line(tmp_path):
    path = write_po(tmp_path, 'msgid "Sources"\nmsgstr "Šaltiniai\n')
    with pytest.raises(CatalogParseError) as caught:
        read_catalog(path, "lt")
    assert str(caught.value).startswith(f"{path}:")
    assert caught.value.line >= 6


def test_checks_need_no_file(tmp_path):
    catalog = Catalog(locale="pl")
    catalog.add("Churn", "Rezygnacje <b>", lineno=12)
    problems = check_catalog(CatalogFile("pl", Path("pl.po"), catalog))
    assert [str(p) for p in problems][0].startswith("pl.po:12: ")


def test_an_unsafe_entry_is_left_out_but_its_other_context_is_kept(tmp_path):
    from clvsite.build import load_language

    body = '''msgctxt "menu"
msgid "years"
msgstr "metai<script>alert(1)</script>"

msgid "years"
msgstr "m."
'''
    catalog_dir = tmp_path / "lt" / "LC_MESSAGES"
    catalog_dir.mkdir(parents=True)
    (catalog_dir / "messages.po").write_text(PO_HEADER + body, encoding="utf-8")
    state = load_language(tmp_path, "lt", 0)
    assert [(p.kind, p.context) for p in state.problems] == [("markup", "menu")]
    assert state.translations.pgettext("menu", "years") == "years"  # English, not the script
    assert state.translations.gettext("years") == "m."
