"""Segments, histogram, CSV exports and what-if views: hand-computed cases.

Each expected number is worked out in the comment next to it, not by the
code under test.
"""

from __future__ import annotations

import csv
import io

import pytest

from calculator import web
from calculator.export import data_csv, spreadsheet_csv
from calculator.histogram import histogram
from calculator.inputs import InputError, within_range
from calculator.segments import segments
from calculator.whatif import cumulative_margin, sensitivity


def customer(i, T, p_alive, value):
    return {"customer_id": f"{i:05d}", "T": T, "p_alive": p_alive, "historical_clv": value, "clv": value}


def test_segments_follow_the_documented_rule():
    # Oldest T = 99, so "new" is T <= 24.75. Not new: ids 1-10 with values 10..100;
    # the top 20 % of 10 is 2 customers, threshold = 90 (ids 9 and 10).
    rows = [customer(i, 100 - i, p, 10 * i) for i, p in
            [(1, 0.9), (2, 0.5), (3, 0.1), (4, 0.95), (5, 0.3), (6, 0.8), (7, 0.2), (8, 0.6), (9, 0.5), (10, 0.75)]]
    rows.append(customer(11, 20, 1.0, 5))  # T 20 <= 24.75: new, whatever P(alive)
    groups = {name: [c["customer_id"] for c in group] for name, group in segments(rows).items()}
    assert groups == {
        "best": ["00010"],            # value 100 >= 90, P 0.75 >= 0.7
        "at_risk": ["00009"],         # value 90 >= 90, P 0.5 in [0.3, 0.7)
        "new": ["00011"],
        "regular": ["00001", "00002", "00004", "00005", "00006", "00008"],  # P >= 0.3, value < 90
        "lost": ["00003", "00007"],   # P < 0.3
    }


def test_histogram_bins_cover_every_value():
    # 20 values 1..20: the 95th percentile index int(0.95 * 19) = 18 -> 19; 19 / 10 = 1.9 -> width 2.
    bins = histogram(list(range(1, 21)))
    assert [(b["low"], b["high"]) for b in bins[:2]] == [(0, 2), (2, 4)]
    assert bins[-1] == {"low": 20, "high": None, "count": 1}  # 20 is beyond the last edge (20)
    assert sum(b["count"] for b in bins) == 20
    assert bins[0]["count"] == 1  # only 1 is in [0, 2)


def test_spreadsheet_csv_in_polish_is_what_polish_excel_reads():
    rows = [{"customer_id": "00017", "clv": 27.140000000000004, "p_alive": 0.93728}]
    text = spreadsheet_csv(rows, ["customer_id", "clv", "p_alive"], locale="pl",
                           label={"customer_id": "Klient", "clv": "CLV", "p_alive": "P"}.get,
                           decimals={"clv": 2, "p_alive": 3})
    assert text.startswith("\ufeff")
    header, row = list(csv.reader(io.StringIO(text[1:]), delimiter=";"))
    assert header == ["Klient", "CLV", "P"]
    assert row == ['="00017"', "27,14", "0,937"]


def test_data_csv_keeps_full_precision_and_cli_names():
    rows = [{"customer_id": "00017", "clv": 27.140000000000004}]
    assert data_csv(rows, ["customer_id", "clv"]).splitlines() == ["customer_id,clv", "00017,27.140000000000004"]


def test_range_check():
    assert within_range("aov", 1e12) == 1e12
    with pytest.raises(InputError) as caught:
        within_range("aov", -2e12)
    assert caught.value.code == "too_large"


def test_web_reports_every_field_error_and_formats_the_limit():
    answer = web.calculate("simple", {"aov": "1" + "0" * 300, "frequency": "x", "lifespan": "3"}, "lt")
    assert [(e["field"], e["code"]) for e in answer["errors"]] == [("aov", "too_large"), ("frequency", "not_a_number")]
    assert "1\u00a0000\u00a0000\u00a0000\u00a0000" in answer["errors"][0]["message"]


def test_sensitivity_matches_the_formula_by_hand():
    # churn CLV = arpa × margin / churn: 100 × 0.85 / 0.07 = 1214.29 (bottom right).
    view = sensitivity("churn", {"arpa": 100.0, "margin": 0.8, "churn": 0.05})
    assert view["clv"][-1][-1] == pytest.approx(100 * 0.85 / 0.07)
    # Churn 1 %: 1 − 2 points is not a churn rate, so the table starts at 1 %... rows 0.01..0.03.
    low = sensitivity("churn", {"arpa": 100.0, "margin": 0.8, "churn": 0.01})
    assert low["rows"] == [0.01, 0.02, 0.03] and low["current"] == [0, 1]


def test_cumulative_margin_tends_to_the_clv():
    # Discounted: m = 100, r = 0.8, i = 0.12: CLV = 100 × 0.8 / 0.32 = 250; the sum stops at >= 99 %.
    sums = cumulative_margin("discounted", {"margin_per_period": 100.0, "retention": 0.8, "discount_rate": 0.12})
    assert 0.99 * 250 <= sums[-1] <= 250
    assert sums[0] == pytest.approx(100 * 0.8 / 1.12)
