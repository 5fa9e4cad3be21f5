"""Files and numbers beyond the documented limits: a clear error naming the field or line.

Reproductions of the security review ("Files and numbers"): each used to be
an exception type, a dead worker, minutes of work or gigabytes.
"""

import csv
from pathlib import Path

import pytest

from calculator import customers, transactions
from calculator.analysis import analyze
from calculator.inputs import InputError
from calculator.your_data_view import analyze_for_page

DATA = Path(__file__).resolve().parents[1] / "data"
HEADER = "customer,date,amount\n"
GOOD = HEADER + "a,2024-01-01,10\na,2024-02-01,20\nb,2024-01-10,15\n"


def error_of(data, **options):
    with pytest.raises(InputError) as caught:
        analyze(data, {"models": False, **options})
    return caught.value


def test_extra_unquoted_field_names_the_line():
    # B7: "1,5" unquoted in a comma file is two fields, not the amount 1.
    error = error_of(HEADER + "a,2024-01-01,3\na,2024-02-01,1,5\n")
    assert (error.code, error.field, error.values) == (
        "long_row", "file", {"line": 3, "expected": 3, "found": 4})
    # Trailing empty fields (Excel's cleared columns) are harmless.
    assert analyze(HEADER + "a,2024-01-01,3,,\n", {"models": False})["transactions"] == 1


def test_a_field_over_the_csv_limit_names_its_line():
    limit = csv.field_size_limit()
    data = HEADER + "a,2024-01-01,1\n" + "b" * (limit + 1) + ",2024-01-01,1\n"
    error = error_of(data, skip_bad_rows=True)
    assert (error.code, error.values) == ("field_too_long", {"line": 3, "limit": limit})
    # An unclosed quote swallows the rest of the file into one field.
    opened = HEADER + 'a,2024-01-01,1\n"b,2024-01-01,1\n' + "c,2024-01-02,1\n" * 20_000
    assert error_of(opened).values["line"] == 3


@pytest.mark.parametrize("rows", [
    ["a,2024-01-01,1e308", "a,2024-02-01,1e308"],   # one customer: inf
    ["a,2024-01-01,1e308", "b,2024-02-01,1e308"],   # two: overflow in the totals
    ["a,2024-01-01,1e16"],
])
def test_huge_amounts_name_their_line(rows):
    error = error_of(HEADER + "\n".join(rows) + "\n")
    assert (error.code, error.field, error.values["line"]) == ("amount_too_large",
                                                               "amount_column", 2)


def test_the_largest_amount_is_accepted_and_sums_stay_finite():
    result = analyze(HEADER + "a,2024-01-01,1e15\nb,2024-02-01,-1e15\nc,2024-02-01,1e15\n",
                     {"models": False})
    # b has a refund only: left out and reported (customers.py's refund policy).
    assert result["totals"]["historical_clv"] == 2e15
    assert result["report"]["refund_only_total"] == -1e15


def test_a_span_of_centuries_is_an_error_not_gigabytes():
    # security.md: years 0001-9999 made the cohort table months x customers (3.3 GB).
    rows = [f"c{i},{year:04d}-01-01,1" for i, year in enumerate((1, 5000, 9999))]
    error = error_of(HEADER + "\n".join(rows) + "\n")
    assert (error.code, error.field, error.values) == ("date_span_too_long", "date_column", {
        "first": "0001-01-01", "last": "9999-01-01", "limit": customers.MAX_COHORT_MONTHS})
    # The span counts to the end date too.
    assert error_of(GOOD, end="2100-01-01").code == "date_span_too_long"


def test_the_longest_span_is_accepted():
    # 600 calendar months: January 1974 to December 2023.
    result = analyze(HEADER + "a,1974-01-15,1\nb,2023-12-31,1\n", {"models": False})
    assert len(result["cohorts"][0]["active"]) == customers.MAX_COHORT_MONTHS


@pytest.mark.parametrize("horizon,unit,limit", [
    (100_000, "month", "1200"), (1201, "day", "1200"), (101, "year", "100"),
])
def test_a_horizon_beyond_the_limit_names_the_field(horizon, unit, limit):
    error = error_of(GOOD, horizon=horizon, horizon_unit=unit)
    assert (error.code, error.field, error.values) == ("horizon_too_long", "horizon",
                                                       {"limit": limit})


@pytest.mark.parametrize("rate,unit", [(1e300, "year"), (10.01, "year"), (10, "day")])
def test_an_absurd_discount_rate_names_the_field(rate, unit):
    error = error_of(GOOD, discount_rate=rate, discount_rate_unit=unit)
    assert (error.code, error.field, error.values) == ("discount_rate_too_high", "discount_rate",
                                                       {"limit": "1000"})


def test_an_infinite_discount_rate_is_not_a_number():
    assert error_of(GOOD, discount_rate=float("inf")).code == "not_a_number"


def test_the_longest_horizon_at_the_highest_rate_computes():
    # 100 yearly steps at 1000 % a year: discount factors down to 11^-100, finite.
    log = (DATA / "your_data.csv").read_text(encoding="utf-8")
    options = {"horizon": 100, "horizon_unit": "year", "end": "2024-06-30"}
    cheap = analyze(log, {**options, "discount_rate": 10})["totals"]["clv"]
    dear = analyze(log, {**options, "discount_rate": 0.1})["totals"]["clv"]
    assert 0 < cheap < dear


def test_too_many_rows_is_one_error(monkeypatch):
    monkeypatch.setattr(transactions, "MAX_ROWS", 2)
    error = error_of(GOOD, skip_bad_rows=True)
    assert (error.code, error.values) == ("too_many_rows", {"line": 4, "limit": 2})


def test_the_page_answers_the_next_file_after_any_error(monkeypatch):
    bad_files = [HEADER + "a,2024-01-01,1e308\n",
                 HEADER + "a,0001-01-01,1\nb,9999-01-01,1\n",
                 HEADER + "x" * (csv.field_size_limit() + 1) + "\n"]
    for data in bad_files:
        answer = analyze_for_page(data.encode(), {"models": False}, "en").answer()
        assert set(answer) == {"error"} and answer["error"]["message"], answer
        good = analyze_for_page(GOOD.encode(), {"models": False}, "en").answer()
        assert good["summary"]["customers"]["value"] == 2
    assert analyze_for_page(GOOD.encode(), {"horizon": "100 000", "models": False},
                            "pl").answer()["error"]["code"] == "horizon_too_long"

    def exhausted(*args, **kwargs):
        raise MemoryError
    monkeypatch.setattr("calculator.your_data_view.analyze", exhausted)
    assert analyze_for_page(GOOD.encode(), {}, "en").answer()["error"]["code"] == "out_of_memory"


def test_any_other_csv_error_names_its_line(monkeypatch):
    # The csv module's other errors (its strict-dialect checks) have no input in the
    # default dialect; a reader that fails after the header stands in for one.
    real_reader = csv.reader

    class Failing:
        def __init__(self, lines, **options):
            self.rows = real_reader(lines, **options)
            self.line_num = 0

        def __iter__(self):
            return self

        def __next__(self):
            if self.line_num:
                raise csv.Error("unexpected end of data")
            self.line_num = 1
            return next(self.rows)

    def failing(lines, **options):
        return Failing(lines, **options)

    monkeypatch.setattr(transactions.csv, "reader", failing)
    error = error_of(GOOD)
    assert (error.code, error.field, error.values["line"]) == ("bad_csv", "file", 2)
