"""The SQL summary (DuckDB) against the stdlib summary of calculator.customers."""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

import pytest

from calculator import warehouse
from calculator.analysis import analyze
from calculator.cli import main
from calculator.customers import summarize
from calculator.errors import InputError
from calculator.models.table import PURCHASE_MODELS
from calculator.summaries import read_summary, read_summary_file, summary_for_analysis
from calculator.transactions import read_transactions
from tests.data.cdnow import CALIBRATION_END, as_csv

FIELDS = ("frequency", "recency", "T", "monetary_value")


def _duckdb_summary(tmp_path: Path, log: str, **options) -> dict[str, dict]:
    source = tmp_path / "log.csv"
    source.write_text(log, encoding="utf-8")
    out = tmp_path / "summary.csv"
    warehouse.summarize_file(source, out, **options)
    return _rows(out)


def _rows(summary: Path) -> dict[str, dict]:
    with summary.open(encoding="utf-8", newline="") as stream:
        return {row["customer_id"]: row for row in csv.DictReader(stream)}


# DuckDB's summaries of the CDNOW log, made once: tests only read them.
@pytest.fixture(scope="module")
def cdnow_log(tmp_path_factory) -> Path:
    source = tmp_path_factory.mktemp("cdnow") / "log.csv"
    source.write_text(as_csv(), encoding="utf-8")
    return source


@pytest.fixture(scope="module")
def cdnow_summary(cdnow_log) -> Path:
    """Weekly, to the end of the calibration period."""
    out = cdnow_log.with_name("summary.csv")
    warehouse.summarize_file(cdnow_log, out, end=CALIBRATION_END, unit="week")
    return out


@pytest.fixture(scope="module")
def cdnow_holdout_summary(cdnow_log) -> Path:
    """The same, with the holdout period to 1998-06-30."""
    out = cdnow_log.with_name("holdout-summary.csv")
    warehouse.summarize_file(cdnow_log, out, end=CALIBRATION_END, holdout_end="1998-06-30", unit="week")
    return out


def _assert_same(stdlib: dict, sql: dict) -> None:
    assert int(sql["frequency"]) == stdlib["frequency"]
    for name in ("recency", "T", "monetary_value"):
        assert float(sql[name]) == pytest.approx(stdlib[name], rel=1e-12, abs=1e-9), name
    assert float(sql["total_spend"]) == pytest.approx(stdlib["total"], rel=1e-12, abs=1e-9)


def test_duckdb_summary_equals_the_stdlib_summary_on_cdnow(cdnow_summary):
    log = as_csv()
    stdlib = {c["customer_id"]: c for c in summarize(log, end=CALIBRATION_END, unit="week")["customers"]}
    sql = _rows(cdnow_summary)
    assert sql.keys() == stdlib.keys()  # ids keep their leading zeros ("0001")
    assert len(sql) == 2357  # the CDNOW sample's customers (Fader, Hardie & Lee 2005)
    for customer_id, row in sql.items():
        _assert_same(stdlib[customer_id], row)


def test_holdout_purchases_count_purchase_days_after_the_end(cdnow_holdout_summary):
    log = as_csv()
    sql = _rows(cdnow_holdout_summary)
    # An independent count from the raw rows: distinct days in (end, holdout end].
    first: dict[str, str] = {}
    holdout: dict[str, set] = {}
    for customer, day, _ in read_transactions(log):
        iso = day.isoformat()
        first[customer] = min(first.get(customer, iso), iso)
        if CALIBRATION_END < iso <= "1998-06-30":
            holdout.setdefault(customer, set()).add(iso)
    for customer_id, row in sql.items():
        assert int(row["holdout_frequency"]) == len(holdout.get(customer_id, ()))
        assert float(row["holdout_duration"]) == pytest.approx(273 / 7)  # 1997-09-30 .. 1998-06-30
    assert sum(int(r["holdout_frequency"]) for r in sql.values()) > 0


EDGES = (
    "customer,date,amount\n"
    "same,2024-01-01,10\n"     # two orders on the first day: one purchase of 30
    "same,2024-01-01,20\n"
    "same,2024-01-15,5\n"
    "same,2024-01-15,7\n"      # two orders on a repeat day: one repeat purchase of 12
    "refund,2024-01-05,0.1\n"
    "refund,2024-02-05,0.2\n"
    "refund,2024-02-05,-0.2\n"  # a refund that cancels its day: m_x is 0, exactly
    "late,2024-02-20,9\n"
    "late,2024-03-05,4\n"      # after the end: holdout only
)


def test_edge_cases_by_hand(tmp_path):
    sql = _duckdb_summary(tmp_path, EDGES, end="2024-02-29", holdout_end="2024-03-31", unit="day")
    same, refund, late = sql["same"], sql["refund"], sql["late"]
    # same: purchase days 01-01 and 01-15: x = 1, t_x = 14, T = 59 days (to 02-29), m_x = 12.
    assert (int(same["frequency"]), float(same["recency"]), float(same["T"])) == (1, 14.0, 59.0)
    assert float(same["monetary_value"]) == 12.0 and float(same["total_spend"]) == 42.0
    # refund: days 01-05 and 02-05; the second nets 0.2 - 0.2 = 0.
    assert int(refund["frequency"]) == 1 and float(refund["monetary_value"]) == 0.0
    # late: one day in the calibration period, one in the holdout (31 days long).
    assert int(late["frequency"]) == 0 and int(late["holdout_frequency"]) == 1
    assert float(late["holdout_duration"]) == 31.0


def test_edge_cases_agree_with_the_stdlib_summary(tmp_path):
    sql = _duckdb_summary(tmp_path, EDGES, end="2024-02-29", unit="day")
    stdlib = {c["customer_id"]: c for c in summarize(EDGES, end="2024-02-29", unit="day")["customers"]}
    for customer_id, row in sql.items():
        _assert_same(stdlib[customer_id], row)


def test_grouped_summary_counts_identical_histories(tmp_path):
    log = as_csv()
    source = tmp_path / "log.csv"
    source.write_text(log, encoding="utf-8")
    out = tmp_path / "grouped.csv"
    warehouse.summarize_file(source, out, end=CALIBRATION_END, grouped=True)
    rows = read_summary_file(out)
    assert sum(r["count"] for r in rows) == 2357
    one_time = [r for r in rows if r["frequency"] == 0]
    # CDNOW sample: 1,411 of the 2,357 customers made no repeat purchase by week 39
    # (Fader, Hardie & Lee 2005, "Counting your customers the easy way").
    assert sum(r["count"] for r in one_time) == 1411


def test_the_sql_is_one_file_for_every_engine():
    text = warehouse.summary_query(end_day=10134, unit_days=7.0)
    sql_file = Path(warehouse.__file__).with_name("sql") / "customer_summary.sql"
    body = [line for line in sql_file.read_text(encoding="utf-8").splitlines() if not line.startswith("--")]
    assert text == "\n".join(body).format(end_day=10134, holdout_end_day=10134, unit_days="7.0")
    # The Spark runner calls the same function: no engine-specific copy of the query exists.
    source = Path(warehouse.__file__).read_text(encoding="utf-8")
    assert source.count("summary_query(end_day=end_day") == 2


def test_summarize_command_writes_a_summary_analyze_can_read(tmp_path, capsys):
    source = tmp_path / "log.csv"
    source.write_text(as_csv(), encoding="utf-8")
    out = tmp_path / "summary.parquet"
    assert main(["summarize", str(source), "--out", str(out), "--end", CALIBRATION_END]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report == {"engine": "duckdb", "rows": 2357, "end": CALIBRATION_END,
                      "holdout_end": None, "unit": "week"}
    rows = read_summary_file(out)
    assert len(rows) == 2357 and {r["customer_id"] for r in rows} >= {"0001", "2357"}


def test_summarize_names_a_bad_option(tmp_path, capsys):
    source = tmp_path / "log.csv"
    source.write_text(EDGES, encoding="utf-8")
    status = main(["summarize", str(source), "--out", str(tmp_path / "s.csv"), "--end", "29.02.2024"])
    assert status == 2
    assert "--end must be a date like 1997-09-30, not “29.02.2024”." in capsys.readouterr().err


@pytest.mark.parametrize("line, message", [
    ("a,1.5,2,10,5", "Line 2: Purchase frequency must be a whole number of at least 0, not “1.5”."),
    ("a,2,-1,10,5", "Line 2: Recency must be a number of at least 0, not “-1”."),
    ("a,2,12,10,5", "Line 2: Recency cannot be more than T."),
    ("a,2,3,10,x", "Line 2: monetary_value must be a number, not “x”."),
])
def test_a_bad_summary_row_names_its_line_and_column(line, message):
    with pytest.raises(Exception) as error:
        read_summary("customer_id,frequency,recency,T,monetary_value\n" + line + "\n")
    from calculator import messages
    assert messages.render(error.value.code, error.value.field, error.value.values) == message


def test_holdout_counts_equal_the_stdlib_summary(cdnow_holdout_summary):
    log = as_csv()
    sql = _rows(cdnow_holdout_summary)
    stdlib = summarize(log, end=CALIBRATION_END, holdout_end="1998-06-30", unit="week")["customers"]
    assert {c["customer_id"]: c["holdout_purchases"] for c in stdlib} == {
        customer_id: int(row["holdout_frequency"]) for customer_id, row in sql.items()}


@pytest.mark.parametrize("model", sorted(PURCHASE_MODELS))
def test_a_fit_on_the_summary_equals_the_fit_on_the_log(cdnow_summary, model):
    # The models need only (x, t_x, T, m_x): the same numbers from either path.
    log = as_csv()
    options = {"end": CALIBRATION_END, "unit": "week", "model": model, "margin": 0.3}
    direct = analyze(log, options)
    settings = {**options, "end": None}
    via_summary = analyze(None, settings, summary=summary_for_analysis(read_summary_file(cdnow_summary, margin=0.3)))
    # The same likelihood, to the rounding of sums taken in another row order; the
    # Pareto/NBD optimum is flat enough for that order to move s by 3e-5 of itself
    # (its fit uses a numerical gradient), the others' parameters by under 1e-8.
    assert via_summary["purchase"]["log_likelihood"] == pytest.approx(
        direct["purchase"]["log_likelihood"], rel=1e-10)
    for name, value in direct["purchase"].items():
        if isinstance(value, float):
            assert via_summary["purchase"][name] == pytest.approx(value, rel=1e-4), name
    for name in ("historical_clv", "expected_purchases", "clv", "total_clv"):
        assert via_summary["totals"][name] == pytest.approx(direct["totals"][name], rel=1e-4), name
    assert via_summary["customers"] == direct["customers"] == 2357


def test_analyze_reads_a_summary_file_from_the_command_line(tmp_path, capsys):
    source = tmp_path / "log.csv"
    source.write_text(as_csv(), encoding="utf-8")
    out = tmp_path / "summary.parquet"
    assert main(["summarize", str(source), "--out", str(out), "--end", CALIBRATION_END, "--grouped"]) == 0
    capsys.readouterr()
    assert main(["analyze", str(out), "--summary", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    # The CDNOW sample's BG/NBD estimates, Fader, Hardie & Lee (2005), p. 281: r = 0.243,
    # alpha = 4.414, a = 0.793, b = 2.426 (grouped histories fit like the customers they count).
    assert [round(result["bgnbd"][k], 3) for k in ("r", "alpha", "a", "b")] == [0.243, 4.414, 0.793, 2.426]
    assert result["customers"] == 2357


def test_a_value_the_engine_cannot_read_is_a_named_error(tmp_path):
    source = tmp_path / "log.csv"
    source.write_text("customer,date,amount\na,2024-01-01,1\nb,not a date,2\n", encoding="utf-8")
    with pytest.raises(InputError) as error:
        warehouse.summarize_file(source, tmp_path / "s.csv")
    assert (error.value.code, error.value.field, error.value.values["engine"]) == ("engine_failed", "file", "DuckDB")


def test_a_missing_engine_says_how_to_install_it(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "pyspark", None)  # as if PySpark were not installed
    source = tmp_path / "log.csv"
    source.write_text(EDGES, encoding="utf-8")
    with pytest.raises(InputError) as error:
        warehouse.summarize_file(source, tmp_path / "s", engine="spark")
    assert error.value.code == "engine_not_installed"
    assert error.value.values == {"package": "pyspark", "command": "pip install pyspark==4.3.0"}
