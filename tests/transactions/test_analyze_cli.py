"""``python -m calculator analyze`` as a user runs it, in a subprocess."""

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.data.cdnow import CALIBRATION_END, as_csv

ROOT = Path(__file__).resolve().parents[2]


def cli(*args):
    return subprocess.run([sys.executable, "-m", "calculator", "analyze", *map(str, args)],
                          cwd=ROOT, capture_output=True, text=True, encoding="utf-8")


@pytest.fixture(scope="module")
def cdnow_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("cdnow") / "cdnow.csv"
    path.write_text(as_csv(), encoding="utf-8")
    return path


def test_json_has_the_documented_keys(cdnow_file):
    run = cli(cdnow_file, "--end", CALIBRATION_END, "--unit", "week", "--json")
    assert run.returncode == 0, run.stderr
    result = json.loads(run.stdout)
    assert result["customers"] == 2357
    assert set(result["bgnbd"]) >= {"r", "alpha", "a", "b", "log_likelihood"}
    assert set(result["gamma_gamma"]) >= {"p", "q", "gamma"}
    assert round(result["bgnbd"]["r"], 3) == 0.243  # FHL (2005)
    assert "results" not in result  # per-customer rows go to --out


def test_out_writes_one_row_per_customer(cdnow_file, tmp_path):
    out = tmp_path / "results.csv"
    run = cli(cdnow_file, "--end", CALIBRATION_END, "--horizon", "12", "--horizon-unit", "month",
              "--discount-rate", "0.01", "--discount-rate-unit", "month", "--margin", "30%",
              "--out", out)
    assert run.returncode == 0, run.stderr
    assert "BG/NBD: r = 0.2426" in run.stdout and "residual CLV" in run.stdout
    with out.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == 2357
    assert list(rows[0]) == ["customer_id", "frequency", "recency", "T", "monetary_value",
                             "historical_clv", "p_alive", "expected_purchases",
                             "expected_avg_value", "clv", "total_clv"]
    assert float(rows[0]["historical_clv"]) == pytest.approx(0.3 * (29.33 + 29.73 + 14.96))


def test_bad_file_is_one_line_with_the_line_number(tmp_path):
    path = tmp_path / "orders.csv"
    path.write_text("customer;date;amount\na;2024-01-01;5\nb;2024-01-02;zwei\n", encoding="utf-8")
    run = cli(path)
    assert run.returncode == 2 and run.stdout == ""
    assert len(run.stderr.splitlines()) == 1
    assert "Line 3" in run.stderr and "zwei" in run.stderr


def test_skip_bad_rows_reports_what_was_skipped(tmp_path):
    path = tmp_path / "orders.csv"
    path.write_text("customer,date,amount\na,2024-01-01,5\nb,2024-01-02,zwei\n", encoding="utf-8")
    run = cli(path, "--skip-bad-rows", "--no-models")
    assert run.returncode == 0, run.stderr
    assert "1 bad (skipped)" in run.stdout
    assert "skipped" in run.stderr and "Line 3" in run.stderr


def test_model_that_cannot_be_fitted_is_an_error(tmp_path):
    path = tmp_path / "one.csv"
    path.write_text("customer,date,amount\na,2024-01-01,5\n", encoding="utf-8")
    run = cli(path)
    assert run.returncode == 2 and "repeat purchases" in run.stderr
    assert cli(path, "--no-models").returncode == 0


@pytest.mark.parametrize("args,option", [
    (["--end", "30.09.1997"], "--end"),
    (["--margin", "0"], "--margin"),
    (["--horizon", "abc"], "--horizon"),
])
def test_bad_option_names_it(cdnow_file, args, option):
    run = cli(cdnow_file, *args)
    assert run.returncode == 2 and option in run.stderr


def test_help_states_the_time_unit_pitfalls():
    run = cli("--help")
    assert "30.4375" in run.stdout and "per year" in run.stdout and "residual" in run.stdout
