"""``python -m calculator retention`` as a user runs it, in a subprocess."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def cli(*args):
    return subprocess.run([sys.executable, "-m", "calculator", "retention", *args], cwd=ROOT,
                          capture_output=True, text=True, encoding="utf-8")


def test_high_end_cohort_as_json():
    run = cli("--active", "1,000 869 743 653 593 551 517 491", "--margin", "100",
              "--discount-rate", "10%", "--json")
    assert run.returncode == 0, run.stderr
    result = json.loads(run.stdout)
    # Fader & Hardie (2007), section 4: α = 0.668, β = 3.806.
    assert (round(result["alpha"], 3), round(result["beta"], 3)) == (0.668, 3.806)
    (cohort,) = result["cohorts"]
    assert cohort["active"] == 491 and cohort["renewals"] == 7
    assert cohort["residual_value"] == pytest.approx(491 * 100 * cohort["derl"])


def test_several_cohorts_and_the_text_report():
    run = cli("--active", "1000 869 743 653", "--active", "500 340 260")
    assert run.returncode == 0, run.stderr
    assert "sBG: alpha = " in run.stdout and "total residual value" in run.stdout
    assert run.stdout.count("\n  1  1000") == 1 and "\n  2  500  260  2  " in run.stdout


@pytest.mark.parametrize("args, option", [
    (["--active", "1000 1100"], "--active"),
    (["--active", "1000 900", "--discount-rate", "0"], "--discount-rate"),
    (["--active", "1000 abc"], "--active"),
])
def test_bad_input_names_the_option(args, option):
    run = cli(*args)
    assert run.returncode == 2
    assert run.stderr.startswith(f"python -m calculator retention: error: {option} ")
    assert run.stdout == ""
