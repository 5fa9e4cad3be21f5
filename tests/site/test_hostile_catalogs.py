"""The payloads that got through (reviews/security.md, "Got through" 1–8), each on a small catalog.

Every one must be a problem at the line of its entry (or header), and must
be left out of the compiled translations, so that neither a strict build
(which stops on problems) nor a non-strict one (which renders English
instead) puts it on a page. Before this check, all of them passed except the
bad byte (reported at line 1) and `plural=__import__` (which crashed the
checker); the table is in the report of issue 15.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from clvsite.build import load_language

HEADER = '''msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"
"Language: nl\\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\\n"

'''
ENTRY_LINE = 7  # the msgid line of the first entry after HEADER


def po_string(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")


def load(tmp_path: Path, text: bytes):
    directory = tmp_path / "nl" / "LC_MESSAGES"
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "messages.po").write_bytes(text)
    return load_language(tmp_path, "nl", 0.0)


# (payload, msgid, msgstr, expected problem kinds)
ENTRIES = [
    ("1 entities in the first paragraph", "**Customer lifetime value (CLV)** is the profit.",
     'x"&gt;&lt;img src=x onerror=alert(1)&gt;', {"markup", "link"}),
    ("1 entities in the H1", "# Customer lifetime value", "# CLV &lt;img src=x onerror=alert(1)&gt;", {"markup", "link"}),
    ("1 double-encoded entities", "Churn is lost customers.", "Verloop &amp;lt;script&amp;gt;alert(1)&amp;lt;/script&amp;gt;", {"markup"}),
    ("2 attr_list on inline markup", "**Churn** is lost customers.", '**Verloop**{: onmouseover="alert(1)" } klanten.', {"markup"}),
    ("2 attr_list on the last line", "Churn is lost customers.", "Verloop.\n{: onclick=alert(1) }", {"markup"}),
    ("3 site name breaks out of aria-label", "CLV Glossary", 'CLV" autofocus onfocus="alert(1)" x="', {"markup"}),
    ("3 Header breaks out of nav aria-label", "Header", 'Kop" autofocus onfocus="alert(1)" x="', {"markup"}),
    ("4 slash-separated <svg/onload>", "Margin", "Marge<svg/onload=alert(1)>", {"markup"}),
    ("4 slash-separated <img/src/onerror>", "Margin", 'Marge<img/src="x"/onerror=alert(1)>', {"markup", "link"}),
    ("5 encoded comment opener", "Churn is lost customers.", "Verloop &lt;!--&lt;script&gt;", {"markup"}),
    ("5 comment opener in a label", "Margin", "Marge<!--", {"markup"}),
    ("6 autolink in capitals", "See the sources.", "Zie <HTTPS://evil.example>.", {"markup", "link"}),
    ("6 ftp autolink", "See the sources.", "Zie <ftp://evil.example/x>.", {"markup", "link"}),
    ("6 e-mail autolink", "See the sources.", "Zie <a@evil.example>.", {"markup", "link"}),
    ("7 conversion changed", "At a %(margin)s margin.", "Bij %(margin)d marge.", {"placeholder"}),
    ("7 lone %", "At a %(margin)s margin.", "Bij %(margin)s marge, 5 % korting.", {"placeholder"}),
    ("8 %r shows Python quotes", "%(field)s is required.", "%(field)r is verplicht.", {"placeholder"}),
    ("8 unbalanced **", "Churn is lost customers.", "**Verloop is verloren klanten.", {"markup"}),
    ("8 a new heading", "Churn is lost customers.", "# Verloop\n\nverloren klanten.", {"markup"}),
    ("8 a new list", "Churn is lost customers.", "- Verloop\n- verloren klanten.", {"markup"}),
    # Not in security.md: a definition renders to nothing alone, but links "[x][1]" of any other entry.
    ("a reference definition for another entry", "Churn is lost customers.",
     "Verloop.\n[1]: javascript:alert(1)", {"link"}),
    ("an unfinished tag", "Margin", "Marge <img src=https://evil.example/t.png", {"markup"}),
    ("an admonition", "Churn is lost customers.", "!!! note\n    Verloop.", {"markup"}),
    ("a Markdown image", "Churn is lost customers.", "Verloop ![x](https://evil.example/x.png)", {"link"}),
]


@pytest.mark.parametrize("msgid, msgstr, kinds", [pytest.param(*e[1:], id=e[0]) for e in ENTRIES])
def test_a_payload_is_a_problem_at_its_line_and_is_left_out(tmp_path, msgid, msgstr, kinds):
    body = f'msgid "{po_string(msgid)}"\nmsgstr "{po_string(msgstr)}"\n'
    state = load(tmp_path, (HEADER + body).encode("utf-8"))
    assert {p.kind for p in state.problems} == kinds
    assert all(p.line == ENTRY_LINE and p.is_unsafe for p in state.problems)
    assert str(state.problems[0]).startswith(f"{tmp_path / 'nl' / 'LC_MESSAGES' / 'messages.po'}:{ENTRY_LINE}: ")
    assert state.translations.gettext(msgid) == msgid  # English, not the payload


@pytest.mark.parametrize("plural, words", [
    ("(n==1?0:7)", "gives form 7 for n = 0, but nplurals is 2"),
    ("(n/0)", "fails for n = 0"),
    ("__import__('os').system('touch pwned')", "not a valid C expression"),
    ("(n > 1)", "does not follow CLDR's rule for 'nl'"),  # French's rule: 0 would be singular
], ids=["index out of range", "division by zero", "code", "not the CLDR rule"])
def test_a_bad_plural_forms_header_is_a_parse_problem_at_its_line(tmp_path, plural, words):
    header = HEADER.replace("plural=(n != 1);", f"plural={plural};")
    state = load(tmp_path, (header + 'msgid "Margin"\nmsgstr "Marge"\n').encode("utf-8"))
    assert [(p.kind, p.line) for p in state.problems] == [("parse", 5)]
    assert words in state.problems[0].message
    assert state.translations.gettext("Margin") == "Margin"
    assert not (tmp_path / "pwned").exists() and not Path("pwned").exists()


def test_every_shipped_plural_forms_header_follows_cldr():
    from clvsite.catalog_formats import plural_forms_problem
    from clvsite.catalogs import available_languages, catalog_path
    from tests.site.conftest import ROOT

    for language in available_languages(ROOT / "locales"):
        text = catalog_path(ROOT / "locales", language).read_text(encoding="utf-8")
        header = "".join(line.strip().strip('"') for line in text.split("\n\n", 1)[0].splitlines()
                         if not line.startswith("#")).replace("\\n", "\n")
        forms = next(line for line in header.splitlines() if line.startswith("Plural-Forms:"))
        assert plural_forms_problem(forms.split(":", 1)[1], language) is None, language


def test_a_charset_other_than_utf8_is_a_parse_problem_at_its_line(tmp_path):
    header = HEADER.replace("charset=UTF-8", "charset=ISO-8859-1")
    state = load(tmp_path, (header + 'msgid "Margin"\nmsgstr "Marža"\n').encode("utf-8"))
    assert [(p.kind, p.line) for p in state.problems] == [("parse", 3)]
    assert "charset=iso-8859-1" in state.problems[0].message.lower()


def test_a_bad_byte_is_reported_on_its_own_line(tmp_path):
    body = 'msgid "Margin"\nmsgstr "Marge"\n\nmsgid "Churn"\nmsgstr "Verloop '.encode() + b'\xff"\n'
    state = load(tmp_path, HEADER.encode() + body)
    assert [(p.kind, p.line) for p in state.problems] == [("parse", 11)]
    assert "0xff" in state.problems[0].message


def test_a_duplicate_msgid_is_reported_at_the_repeat(tmp_path):
    body = ('msgid "Margin"\nmsgstr "Marge"\n\nmsgctxt "menu"\nmsgid "Margin"\nmsgstr "Winst"\n\n'
            'msgid "Margin"\nmsgstr "Winstmarge"\n')
    state = load(tmp_path, (HEADER + body).encode("utf-8"))
    assert [(p.kind, p.line) for p in state.problems] == [("duplicate", 14)]
    assert "repeats the entry of line 7" in state.problems[0].message


@pytest.mark.parametrize("msgid, msgstr", [
    ("Read <abbr title=\"CLV\">this</abbr> **now**.", "Lees <abbr title=\"CLV\">dit</abbr> **nu**."),
    ("**Customer lifetime value**, also called **LTV**.", "**Klantwaarde** (**CLV**, ook **LTV**)."),
    ("A margin of 30%% on %(aov)s.", "Een marge van 30%% op %(aov)s."),
    ("See [the entry](glossary/clv.md) and <https://example.org/>.", "Zie [het begrip](glossary/clv.md) en <https://example.org/>."),
    ("Margin (%)", "Marge (%)"),
    ("Quotes „like this\" and 5 < 6 & 7 > 3.", "Aanhalingstekens „zo\" en 5 < 6 & 7 > 3."),
    ("Revenue = price × orders.", "Ontvangsten = prijs × bestellingen."),
], ids=["same tags", "a tag repeated", "escaped percent", "same links", "lone % kept", "plain < and &", "an equation in words"])
def test_translations_that_keep_the_markup_pass(tmp_path, msgid, msgstr):
    body = f'msgid "{po_string(msgid)}"\nmsgstr "{po_string(msgstr)}"\n'
    assert load(tmp_path, (HEADER + body).encode("utf-8")).problems == []
