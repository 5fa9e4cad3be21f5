"""Reading transaction CSVs: formats, edge cases, errors with line numbers."""

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from calculator.customers import summarize
from calculator.inputs import InputError
from calculator.transactions import read_transactions

HEADER = "customer_id,order_date,revenue\n"


def error_of(data, **options):
    with pytest.raises(InputError) as caught:
        summarize(data, **options)
    return caught.value


@pytest.mark.parametrize("data", ["", "\n\n", b""], ids=["empty", "blank-lines", "empty-bytes"])
def test_empty_file(data):
    assert error_of(data).code == "empty_file"


def test_header_only_has_no_transactions():
    assert error_of(HEADER).code == "no_transactions"


def test_missing_column_lists_the_header():
    error = error_of("customer,when,revenue\na,2024-01-01,5\n")
    assert (error.code, error.field, error.values["line"]) == ("missing_column", "date_column", 1)
    assert error.values["header"] == "customer, when, revenue"


def test_named_columns_override_detection():
    data = "who,when,paid,total\na,2024-01-01,5,999\n"
    rows = list(read_transactions(data, customer_column="who", date_column="when",
                                  amount_column="paid"))
    assert rows == [("a", date(2024, 1, 1), 5.0)]


# The fourth line of the file (header, a good row, a blank line, then the bad row).
@pytest.mark.parametrize("row,code,field,message", [
    ("a,2024-02-30,5", "bad_date", "date_column", "Line 4: Date “2024-02-30” cannot be read; expected YYYY-MM-DD."),
    ("a,yesterday,5", "bad_date", "date_column", "Line 4: Date “yesterday” cannot be read; expected YYYY-MM-DD."),
    ("a,2024-01-01,12abc", "bad_amount", "amount_column", "Line 4: Amount “12abc” cannot be read as a number."),
    ("a,2024-01-01,nan", "bad_amount", "amount_column", "Line 4: Amount “nan” cannot be read as a number."),
    ("a,2024-01-01,", "bad_amount", "amount_column", "Line 4: Amount “” cannot be read as a number."),
    (",2024-01-01,5", "missing_customer", "customer_column", "Line 4: Customer id is empty."),
    ("a,2024-01-01", "short_row", "file", "Transaction file, line 4: too few fields (expected: at least 3, found: 2)."),
])
def test_bad_row_names_its_line(row, code, field, message):
    error = error_of(HEADER + "ok,2024-01-01,1\n\n" + row + "\n")
    assert (error.code, error.field, error.values["line"]) == (code, field, 4)
    assert str(error) == message


def test_skipped_bad_rows_are_counted_and_reported():
    data = HEADER + "a,2024-01-01,5\nb,2024-13-01,5\nc,2024-01-02,x\na,2024-01-09,7\n"
    result = summarize(data, skip_bad_rows=True)
    report = result["report"]
    assert (report["rows"], report["bad_rows"], report["rows_used"]) == (4, 2, 2)
    assert [(e["code"], e["values"]["line"]) for e in report["errors"]] == [
        ("bad_date", 3), ("bad_amount", 4)]
    assert [c["customer_id"] for c in result["customers"]] == ["a"]


def test_semicolon_and_decimal_comma():
    data = "Klant;Datum;Bedrag\n"  # Dutch names are not known: give them
    data += "k1;2024-01-01;1.234,50\nk1;2024-01-08;10,25\nk2;2024-01-03;7\n"
    result = summarize(data, customer_column="Klant", date_column="Datum",
                       amount_column="Bedrag", unit="day")
    assert result["report"]["delimiter"] == ";" and result["report"]["decimal"] == ","
    k1 = result["customers"][0]
    assert (k1["total"], k1["monetary_value"], k1["recency"]) == (1244.75, 10.25, 7.0)


def test_tab_delimiter_quoted_fields_and_currency_signs():
    data = 'client\tdate\ttotal\n"Smith, J."\t2024-01-01\t"$1,200.00"\n"Smith, J."\t2024-03-01\t€15\n'
    result = summarize(data, end="2024-03-31", unit="month")
    customer = result["customers"][0]
    assert customer["customer_id"] == "Smith, J." and customer["total"] == 1215.0
    assert customer["recency"] == pytest.approx(60 / (365.25 / 12))


def test_bom_and_bytes():
    data = ("\ufeff" + HEADER + "a,2024-01-01,5\n").encode("utf-8")
    assert summarize(data)["report"]["columns"]["customer"] == "customer_id"
    assert summarize(data.decode("utf-8"))["customers"][0]["total"] == 5.0


def test_undecodable_bytes_name_the_line():
    data = (HEADER + "a,2024-01-01,5\nb\xe9,2024-01-01,5\n").encode("latin-1")
    error = error_of(data, encoding="utf-8")
    assert (error.code, error.values["line"]) == ("not_text", 3)
    # Not forced, the bytes are read in the English page's code page (cp1252).
    assert summarize(data)["customers"][1]["customer_id"] == "b\xe9"


def test_one_customer_file():
    result = summarize(HEADER + "only,2024-05-01,42\n")
    assert result["customers"] == [{
        "customer_id": "only", "frequency": 0, "recency": 0.0, "T": 0.0,
        "monetary_value": 0.0, "total": 42.0, "historical_clv": 42.0}]
    assert result["cohorts"] == [{"cohort": "2024-05", "customers": 1, "active": [1],
                                  "retention": [1.0]}]


def test_same_day_orders_are_one_purchase_and_order_does_not_matter():
    rows = ["a,2024-01-15,10", "a,2024-01-01,3", "a,2024-01-01,4", "a,2024-01-15,20",
            "a,2024-02-01,6"]
    forward = summarize(HEADER + "\n".join(rows), unit="day")["customers"][0]
    backward = summarize(HEADER + "\n".join(reversed(rows)), unit="day")["customers"][0]
    assert forward == backward
    assert (forward["frequency"], forward["recency"], forward["T"]) == (2, 31.0, 31.0)
    assert forward["monetary_value"] == (30 + 6) / 2  # first day (3 + 4) excluded


def test_end_date_excludes_later_rows_and_iso_formats():
    data = HEADER + "a,2024-01-01T10:00:00Z,5\na,20240110,5\nb,2024-02-01 09:00,9\n"
    result = summarize(data, end="2024-01-31", unit="day")
    assert result["report"]["rows_after_end"] == 1
    assert [c["T"] for c in result["customers"]] == [30.0]


def test_explicit_date_format():
    data = HEADER + "a,31/01/2024,5\na,01/02/2024,5\n"
    result = summarize(data, date_format="%d/%m/%Y", unit="day")
    assert result["customers"][0]["recency"] == 1.0
    assert error_of(HEADER + "a,2024-01-31,5\n", date_format="%d/%m/%Y").values["expected"] == "%d/%m/%Y"


def test_cohort_retention_by_first_purchase_month():
    data = HEADER + "a,2024-01-05,1\na,2024-03-02,1\nb,2024-01-20,1\nc,2024-02-11,1\nc,2024-03-01,1\n"
    cohorts = summarize(data, end="2024-03-31")["cohorts"]
    assert cohorts == [
        {"cohort": "2024-01", "customers": 2, "active": [2, 0, 1], "retention": [1.0, 0.0, 0.5]},
        {"cohort": "2024-02", "customers": 1, "active": [1, 1], "retention": [1.0, 1.0]},
    ]


# Memory that grows with the customers, not the rows (calculator/customers.py):
# the same CUSTOMERS in ROWS and in 4 × ROWS rows, each summarised in a fresh
# interpreter whose peak resident memory (VmHWM) is the measure; tracemalloc
# would measure the same but makes the rows ten times slower. ``stream`` is the
# file as an iterator of lines; ``list`` reads it all first, the memory a
# reader that does not stream needs. The 3 × ROWS extra rows cost the streaming
# reader about 5 bytes each (each is a new purchase day of its customer, kept
# in a compact array; the generator gives a customer at most 21 days), the list
# about 95 (on CPython 3.11: 0.6 MiB against 11.5 MiB); PER_ROW lies between.
#
# The million rows follow from the growth, not from a run at that size (about
# 5 s per run): under PER_ROW bytes a row, a million more rows of the same
# customers add under 23 MiB. The 10-million-row log of `make bench`
# (benchmarks/warehouse.py) measures the stdlib reader at scale.
SUMMARISE = """
import re, sys
from calculator.customers import summarize

rows, customers = int(sys.argv[2]), int(sys.argv[3])
def lines():
    yield "customer_id,order_date,revenue\\n"
    for i in range(rows):
        yield f"c{i % customers},2024-{1 + i % 12:02d}-{1 + i % 28:02d},{i % 97}.50\\n"

source = lines() if sys.argv[1] == "stream" else list(lines())
result = summarize(source)
assert result["report"]["rows"] == rows and len(result["customers"]) == customers
# The peak resident set of this program alone: VmHWM starts anew at exec, where
# getrusage's ru_maxrss keeps the forking pytest worker's own peak.
status = open("/proc/self/status", encoding="ascii").read()
print(int(re.search(r"VmHWM:\\s+(\\d+) kB", status).group(1)) * 1024)
"""
CUSTOMERS, ROWS = 20_000, 40_000
PER_ROW = 24  # bytes


def peak_memory(source: str, rows: int) -> int:
    """Peak resident bytes of a fresh interpreter summarising ``rows`` rows of CUSTOMERS customers."""
    run = subprocess.run([sys.executable, "-c", SUMMARISE, source, str(rows), str(CUSTOMERS)],
                         cwd=Path(__file__).parents[2], capture_output=True, text=True, check=True)
    return int(run.stdout)


def growth_per_row(source: str) -> float:
    """Bytes of peak memory each row beyond ROWS adds, from ROWS to 4 × ROWS rows."""
    return (peak_memory(source, 4 * ROWS) - peak_memory(source, ROWS)) / (3 * ROWS)


@pytest.mark.slow
def test_rows_of_known_customers_stream_in_almost_no_memory():
    """Peak memory for 4 × ROWS rows minus that for ROWS rows, same customers: under PER_ROW bytes a row."""
    growth = growth_per_row("stream")
    assert growth < PER_ROW, f"{growth:.1f} bytes a row: a million rows would add {growth * 1e6 / 2**20:.0f} MiB"


@pytest.mark.slow
def test_the_memory_measure_would_see_a_reader_that_keeps_every_row():
    """The same difference for a reader given every line at once: over PER_ROW bytes a row."""
    growth = growth_per_row("list")
    assert growth > PER_ROW, f"{growth:.1f} bytes a row"
