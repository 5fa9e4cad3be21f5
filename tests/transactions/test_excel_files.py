"""Files as people have them: Excel's encodings, dates and column names in each market."""

import math
from datetime import date

import pytest

from calculator import messages
from calculator.decoding import decode, implausibility
from calculator.inputs import InputError
from calculator.transactions import read_transactions
from calculator.your_data_view import analyze_for_page
from clvsite.build import load_language
from tests.data.excel_exports import EXPORTS, customer_name, excel_export, orders
from tests.site.conftest import ROOT

# The catalogs' translations of the CSV header entries, as the page's table
# and the CLI's gettext give them (key: context + "\x04" + msgid).
PL_HEADERS = {messages.HEADER_NAMES["customer"]: "klient|id klienta",
              messages.HEADER_NAMES["date"]: "data|data zamówienia",
              messages.HEADER_NAMES["amount"]: "kwota|wartość"}


def rows(data, **options):
    return list(read_transactions(data, **options))


def error_of(data, **options):
    with pytest.raises(InputError) as caught:
        rows(data, **options)
    return caught.value


# Dates ------------------------------------------------------------------------

@pytest.mark.parametrize("text,expected", [
    ("31.01.2024", date(2024, 1, 31)),         # pl, uk, lt Excel
    ("31-1-2024", date(2024, 1, 31)),          # nl
    ("31/01/2024", date(2024, 1, 31)),         # vi
    ("1/31/2024", date(2024, 1, 31)),          # en-US
    ("31.01.2024 14:05", date(2024, 1, 31)),   # with a time
    ("2024-01-31", date(2024, 1, 31)),
    ("2024/1/31", date(2024, 1, 31)),
    ("20240131", date(2024, 1, 31)),
    ("2024-01-31T23:59:00Z", date(2024, 1, 31)),
], ids=lambda v: str(v))
def test_dates_as_each_market_writes_them(text, expected):
    assert rows(f"customer,date,amount\na,{text},5\n") == [("a", expected, 5.0)]


def test_timestamps_share_their_days_parse_and_errors_show_the_text():
    data = "customer,date,amount\na,2024-01-05 10:00:00 +0100,1\na,2024-01-05T23:59Z,2\n"
    assert [d for _, d, _ in rows(data)] == [date(2024, 1, 5)] * 2
    error = error_of("customer,date,amount\na,2024-02-30 10:00,1\n")
    assert (error.code, error.values["text"]) == ("bad_date", "2024-02-30 10:00")


def test_a_day_above_12_tells_the_order_even_late_in_the_file():
    # 300 rows with days <= 12 (more than the held rows) before one that decides.
    lines = [f"c{i},0{1 + i % 9}/02/2024,1" for i in range(300)] + ["x,13/02/2024,1"]
    read = rows("customer,date,amount\n" + "\n".join(lines) + "\n")
    assert read[0][1] == date(2024, 2, 1) and read[-1][1] == date(2024, 2, 13)
    month_first = rows("customer,date,amount\na,02/01/2024,1\nb,02/13/2024,1\n")
    assert [d for _, d, _ in month_first] == [date(2024, 2, 1), date(2024, 2, 13)]


def test_ambiguous_order_is_an_error_that_asks_for_a_choice():
    data = "customer,date,amount\na,01/02/2024,1\nb,03/04/2024,1\n"
    error = error_of(data)
    assert (error.code, error.field, error.values) == (
        "ambiguous_date_order", "date_column", {"line": 2, "text": "01/02/2024"})
    assert "choose the date order" in str(error)
    # ... also when bad rows are skipped: it is about the whole file.
    assert error_of(data, skip_bad_rows=True).code == "ambiguous_date_order"
    assert [d for _, d, _ in rows(data, date_order="dmy")] == [date(2024, 2, 1), date(2024, 4, 3)]
    assert [d for _, d, _ in rows(data, date_order="mdy")] == [date(2024, 1, 2), date(2024, 3, 4)]


def test_dots_are_day_first_and_iso_needs_no_choice():
    assert rows("customer,date,amount\na,01.02.2024,1\n")[0][1] == date(2024, 2, 1)
    report = {}
    assert rows("customer,date,amount\na,2024-01-02,1\n", report=report)[0][1] == date(2024, 1, 2)
    assert report["date_order"] is None and "date_pattern" not in report


def test_a_date_against_the_files_order_names_its_line_and_the_pattern():
    error = error_of("customer,date,amount\na,13/01/2024,1\nb,01/13/2024,1\n")
    assert (error.code, error.values["line"], error.values["expected"]) == (
        "bad_date", 3, "DD/MM/YYYY")
    assert error_of("customer,date,amount\na,01/02/2024,1\n", date_order="ymd").values[
        "expected"] == "YYYY/MM/DD"
    # Two-digit years are not read (19 or 20?): the error shows the four-digit form.
    assert error_of("customer,date,amount\na,31.12.24,1\n").values["expected"] == "DD.MM.YYYY"


def test_unknown_date_order_names_the_choices():
    error = error_of("customer,date,amount\na,2024-01-01,1\n", date_order="ydm")
    assert (error.code, error.field, error.values["choices"]) == ("not_one_of", "date_order",
                                                                  "dmy, mdy, ymd")


# Encodings --------------------------------------------------------------------

@pytest.mark.parametrize("language,encoding,text", [
    ("pl", "cp1250", "klient;kwota\nŁukasz Wróbel;5\nZażółć gęślą jaźń;7\n"),
    ("uk", "cp1251", "клієнт;сума\nІван Петренко;5\nЮлія Ковальчук;7\n"),
    ("lt", "cp1257", "klientas;suma\nŠarūnas Žemaitė;5\nĄžuolas Ėglė;7\n"),
    ("nl", "cp1252", "klant;bedrag\nJosé Müller;5\nCafé Noël;7\n"),
])
def test_the_languages_code_page_is_detected(language, encoding, text):
    assert decode(text.encode(encoding), language) == (text, encoding)


@pytest.mark.parametrize("page", ["en", "pl", "lt", "nl", "vi"])
def test_cyrillic_and_latin_are_told_apart_on_any_page(page):
    # Cyrillic bytes read as a Latin code page give words without ASCII letters;
    # Polish bytes read as cp1251 give words mixing two scripts.
    uk = "клієнт;сума\nІван Петренко;5\n"
    pl = "klient;kwota\nŁukasz Wróbel;5\nZażółć gęślą jaźń;7\n"
    assert decode(uk.encode("cp1251"), page) == (uk, "cp1251")
    assert decode(pl.encode("cp1250"), "uk") == (pl, "cp1250")


def test_plausibility_score_by_hand():
    # "Јуdџ" mixes Cyrillic and Latin (2); "Ęëłşíň" has no ASCII letter (1);
    # "³" is a digit-like symbol, not a letter (2).
    assert implausibility("Łódź Wróbel") == 0
    assert implausibility("Јуdџ Wróbel") == 2
    assert implausibility("Ęëłşíň ³") == 3


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be"])
def test_unicode_forms_excel_writes(encoding):
    text = "customer\tdate\tamount\nŁukasz\t2024-01-02\t5\n"
    data = text.encode(encoding)
    if encoding in ("utf-16-le", "utf-16-be"):  # Excel's "Unicode text" has a BOM
        data = "\ufeff".encode(encoding) + data
    report = {}
    assert rows(data, report=report) == [("Łukasz", date(2024, 1, 2), 5.0)]
    assert report["encoding"] == {"utf-16-le": "utf-16", "utf-16-be": "utf-16"}.get(encoding,
                                                                                   encoding)


def test_a_forced_encoding_that_does_not_fit_names_the_line():
    data = "customer,date,amount\na,2024-01-01,5\nŁ,2024-01-01,5\n".encode("cp1250")
    error = error_of(data, encoding="utf-8")
    assert (error.code, error.values) == ("not_text", {"line": 3, "encoding": "UTF-8"})


# Column names -----------------------------------------------------------------

def test_headers_in_the_pages_language_and_in_english():
    names = messages.header_names(PL_HEADERS.get)
    assert names["date"] == ["data", "data zamówienia"]
    data = "ID klienta;Data zamówienia;Wartość\nk1;05.01.2024;12,50\n"
    assert rows(data, header_names=names) == [("k1", date(2024, 1, 5), 12.5)]
    assert rows("Customer ID;Order Date;Revenue\nk1;05.01.2024;12,50\n",
                header_names=names) == [("k1", date(2024, 1, 5), 12.5)]
    # Without the page's names the Polish header is not known (and says so).
    assert error_of(data).code == "missing_column"


def test_header_translations_in_every_catalog_are_recognised():
    expected = {"lt": ("klientas", "data", "suma"), "nl": ("klant", "datum", "bedrag"),
                "pl": ("klient", "data", "kwota"), "uk": ("клієнт", "дата", "сума"),
                "vi": ("khách hàng", "ngày", "số tiền")}
    for language, header in expected.items():
        gettext = load_language(ROOT / "locales", language, 0).translations.gettext
        data = ";".join(h.upper() for h in header) + "\nk1;2024-01-05;3\n"
        assert rows(data, header_names=messages.header_names(gettext)) == [
            ("k1", date(2024, 1, 5), 3.0)], language


@pytest.mark.parametrize("language", list(EXPORTS))
def test_excel_exports_of_poland_and_ukraine(language):
    gettext = load_language(ROOT / "locales", language, 0).translations.gettext
    report = {}
    read = rows(excel_export(language), language=language,
                header_names=messages.header_names(gettext), report=report)
    assert read == [(customer_name(language, c), d, a) for c, d, a in orders()]
    assert (report["encoding"], report["delimiter"], report["decimal"], report["date_pattern"]) == (
        EXPORTS[language][0], ";", ",", "DD.MM.YYYY")


def test_the_page_says_which_encoding_and_date_pattern_it_used():
    data = excel_export("pl")
    page = analyze_for_page(data, {"models": False}, "pl", PL_HEADERS)
    answer = page.answer()
    assert "error" not in answer, answer
    total = math.fsum(a for _, _, a in orders())
    assert answer["summary"]["historical_clv"]["value"] == pytest.approx(total, rel=1e-12)
    assert answer["notes"][:2] == ["Text encoding of the file: Windows-1250.",
                                   "Dates read as DD.MM.YYYY."]
    # The page's menu value reaches the reader.
    ambiguous = "Klient;Data;Kwota\na;01/02/2024;1\nb;02/03/2024;1\n".encode("cp1250")
    error = analyze_for_page(ambiguous, {"models": False}, "pl", PL_HEADERS).answer()["error"]
    assert error["code"] == "ambiguous_date_order"
    chosen = analyze_for_page(ambiguous, {"models": False, "date_order": "mdy"}, "pl", PL_HEADERS)
    assert chosen.answer()["settings"]["start"] == "2024-01-02"
