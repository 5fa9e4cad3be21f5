"""Facts with one home: the per-customer columns, units, defaults and percent.

The page's table header, the worker's rows and the CSV download all follow
analysis.COLUMNS; a reordered column must move its numbers with it.
"""

from __future__ import annotations

import csv
import io

from calculator import analysis
from calculator.inputs import from_percent, to_percent
from calculator.your_data_view import analyze_for_page

LOG = b"customer,date,amount\na,2024-01-01,10\na,2024-01-15,20\nb,2024-01-08,5\n"


def test_table_rows_and_csv_follow_the_columns():
    page = analyze_for_page(LOG, {"end": "2024-01-29", "margin": "50", "models": False}, "en")
    row = next(r for r in page.table("customer_id", False)["rows"] if r[0] == "a")
    # The cells follow the columns the page heads them with (essential ones first),
    # which are the analysis' columns.
    names = [column["name"] for column in page.columns()]
    assert sorted(names) == sorted(analysis.COLUMNS)
    by_name = dict(zip(names, row))
    # a: x = 1, t_x = 2 weeks, T = 4 weeks, m_x = 20, historical (10 + 20) × 50 % = 15.
    assert by_name == {"customer_id": "a", "frequency": "1", "recency": "2.0", "T": "4.0",
                       "monetary_value": "20.00", "historical_clv": "15.00", "p_alive": "–",
                       "expected_purchases": "–", "expected_avg_value": "–", "clv": "–", "total_clv": "–"}
    table = list(csv.DictReader(io.StringIO(page.csv("data"))))
    assert list(table[0]) == list(analysis.COLUMNS)


def test_the_page_starts_from_the_analysis_defaults():
    # Nothing typed: the worker's settings are analysis.DEFAULTS.
    settings = analyze_for_page(LOG, {"models": False}, "en").result["settings"]
    for name in ("unit", "horizon", "horizon_unit", "discount_rate", "discount_rate_unit", "margin"):
        assert settings[name] == analysis.DEFAULTS[name], name


def test_percent_both_ways():
    for typed in (0.5, 7, 12.5, 30, 99.9, 100):
        assert to_percent(from_percent(typed)) == typed
