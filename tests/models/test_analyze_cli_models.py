"""``python -m calculator analyze`` with the model options of issue 14:
--model, --compare, --holdout-end, --intervals, in a subprocess."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.data.cdnow import CALIBRATION_END, as_csv

ROOT = Path(__file__).resolve().parents[2]


def analyze(*args):
    return subprocess.run([sys.executable, "-m", "calculator", "analyze", *args], cwd=ROOT,
                          capture_output=True, text=True, encoding="utf-8")


@pytest.fixture(scope="module")
def cdnow_csv(tmp_path_factory):
    path = tmp_path_factory.mktemp("cdnow") / "cdnow.csv"
    path.write_text(as_csv(), encoding="utf-8")
    return path


def test_holdout_and_comparison_as_json(cdnow_csv):
    run = analyze(str(cdnow_csv), "--end", CALIBRATION_END, "--holdout-end", "1998-06-30",
                  "--compare", "--json")
    assert run.returncode == 0, run.stderr
    result = json.loads(run.stdout)
    holdout = result["holdout"]
    # 1,882 repeat purchase days in weeks 40-78 (tests/data/lifetimes.json,
    # split in pandas), the BG/NBD's prediction at its CDNOW fit.
    assert holdout["actual_purchases"] == 1882
    assert holdout["predicted_purchases"] == pytest.approx(1653.4, rel=1e-4)
    assert [m["id"] for m in result["models"]] == ["bgnbd", "mbgnbd", "pareto_nbd"]
    assert sum(m["recommended"] for m in result["models"]) == 1
    assert set(result["purchase"]["standard_errors"]) == {"r", "alpha", "a", "b"}


def test_pareto_nbd_and_an_interval_in_the_text_report(cdnow_csv):
    run = analyze(str(cdnow_csv), "--end", CALIBRATION_END, "--model", "pareto_nbd",
                  "--intervals", "--margin", "30%")
    assert run.returncode == 0, run.stderr
    assert "Pareto/NBD: r = 0.5533, alpha = 10.58 (weeks), s = 0.6062, beta = 11.67 (weeks)" in run.stdout
    assert "95% interval of residual CLV (delta method" in run.stdout


def test_holdout_end_without_end_names_the_option(cdnow_csv):
    run = analyze(str(cdnow_csv), "--holdout-end", "1998-06-30")
    assert run.returncode == 2
    assert "--holdout-end needs an end date and must come after it." in run.stderr
