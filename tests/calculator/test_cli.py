"""``python -m calculator`` as a user runs it, in a subprocess."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def cli(*args):
    return subprocess.run([sys.executable, "-m", "calculator", *args], cwd=ROOT,
                          capture_output=True, text=True, encoding="utf-8")


def test_json_output():
    run = cli("simple", "--aov", "75", "--frequency", "4", "--lifespan", "3",
              "--margin", "30%", "--json")
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout) == {
        "formula": "simple",
        "inputs": {"aov": 75.0, "frequency": 4.0, "lifespan": 3.0, "margin": 0.3},
        "results": {"customer_value": 300.0, "clv": 270.0},
    }


def test_percent_and_fraction_are_the_same_rate():
    common = ["discounted", "--margin-per-period", "100", "--discount-rate", "12%", "--json"]
    as_percent = cli(*common, "--retention", "80%")
    as_fraction = cli(*common, "--retention", "0.8")
    assert json.loads(as_percent.stdout) == json.loads(as_fraction.stdout)


def test_plain_output_in_locale_format():
    run = cli("unit_economics", "--arpa", "1,000", "--margin", "0.8", "--churn", "2%",
              "--acquisition-spend", "50000", "--new-customers", "25", "--locale", "lt")
    assert run.returncode == 0, run.stderr
    assert "40\u00a0000,00" in run.stdout  # 1000 × 0.8 / 0.02
    assert "2\u00a0000,00" in run.stdout  # 50000 / 25


def test_a_unit_labels_the_result_instead_of_following_the_number():
    # Polish would need "20 okresów" but "6,25 okresu": the unit cannot follow
    # every number, so it goes with the label, as on the web page.
    run = cli("unit_economics", "--arpa", "100", "--margin", "0.8", "--churn", "5%", "--cac", "500")
    assert run.returncode == 0, run.stderr
    assert "  Expected lifetime (periods): 20.00\n" in run.stdout  # 1 / 0.05
    assert "  CAC payback (periods): 6.25\n" in run.stdout  # 500 / (100 × 0.8)
    assert "  Customer lifetime value: 1,600.00\n" in run.stdout  # money has no unit label


@pytest.mark.parametrize("args,option", [
    (["churn", "--arpa", "100", "--margin", "0.8", "--churn", "0"], "--churn"),
    (["churn", "--arpa", "abc", "--margin", "0.8", "--churn", "0.1"], "--arpa"),
    (["simple", "--aov", "2,5", "--frequency", "4", "--lifespan", "3"], "--aov"),
    (["simple", "--aov", "75", "--frequency", "4"], "--lifespan"),
    (["predictive", "--transactions-per-month", "2", "--aov", "50",
      "--gross-margin", "40", "--lifespan-months", "24"], "--gross-margin"),
    (["simple", "--aov", "75", "--frequency", "4", "--lifespan", "3", "--bogus", "1"],
     "--bogus"),
])
def test_bad_input_is_one_line_naming_the_option(args, option):
    run = cli(*args)
    assert run.returncode == 2
    assert run.stdout == ""
    assert len(run.stderr.splitlines()) == 1
    assert option in run.stderr


def test_help_lists_formulas_and_inputs_with_units():
    top = cli("--help")
    assert top.returncode == 0
    for formula in ("simple", "historical", "predictive", "churn", "discounted",
                    "unit_economics"):
        assert formula in top.stdout
    sub = cli("predictive", "--help")
    assert "--lifespan-months" in sub.stdout and "months" in sub.stdout
    assert "--gross-margin" in sub.stdout and "30%" in sub.stdout
