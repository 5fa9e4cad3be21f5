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


@pytest.mark.parametrize("args,option", [
    (["--horizon", "100000"], "--horizon"),
    (["--discount-rate", "1e300"], "--discount-rate"),
])
def test_limits_name_the_option(cdnow_file, args, option):
    run = cli(cdnow_file, *args)
    assert run.returncode == 2 and option in run.stderr
    assert "Error" not in run.stderr and "Traceback" not in run.stderr


def test_ambiguous_dates_ask_for_date_order(tmp_path):
    path = tmp_path / "orders.csv"
    path.write_text("customer,date,amount\na,01/02/2024,5\na,03/04/2024,7\n", encoding="utf-8")
    run = cli(path, "--no-models")
    assert run.returncode == 2 and "Line" not in run.stderr
    assert "line 2" in run.stderr and "--date-order dmy" in run.stderr
    run = cli(path, "--no-models", "--date-order", "mdy", "--json")
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["settings"]["start"] == "2024-01-02"


def test_a_ukrainian_code_page_file_is_read_and_named(tmp_path):
    path = tmp_path / "orders.csv"
    path.write_bytes("customer;date;amount\nІван Петренко;31.01.2024;5,5\n".encode("cp1251"))
    run = cli(path, "--no-models", "--json")
    assert run.returncode == 0, run.stderr
    result = json.loads(run.stdout)
    assert result["report"]["encoding"] == "cp1251" and result["totals"]["historical_clv"] == 5.5
    assert cli(path, "--no-models").stdout.startswith("file: Windows-1251, delimiter ';'")
    forced = cli(path, "--no-models", "--encoding", "utf-8")
    assert forced.returncode == 2 and "UTF-8" in forced.stderr and "line 2" in forced.stderr


def test_polish_excel_export_with_polish_headers(tmp_path, capsys):
    # In-process with the catalog compiled from the .po (the CLI's .mo is a
    # build artefact): --locale pl recognises "Klient", "Data zamówienia", "Kwota".
    from calculator.analyze_cli import run_analyze
    from calculator.cli import build_parser
    from clvsite.build import load_language
    from tests.data.excel_exports import excel_export, orders

    path = tmp_path / "eksport.csv"
    path.write_bytes(excel_export("pl"))
    gettext = load_language(ROOT / "locales", "pl", 0).translations.gettext
    args = build_parser().parse_args(["analyze", str(path), "--no-models", "--json",
                                      "--locale", "pl"])
    assert run_analyze(args, gettext) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["transactions"] == len(orders())
    assert result["report"]["columns"] == {"customer": "Klient", "date": "Data zamówienia",
                                           "amount": "Kwota"}
