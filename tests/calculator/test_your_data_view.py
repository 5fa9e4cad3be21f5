"""The your-data page's view of the models (issue 14): what the page shows is
what the CLI's JSON says, for every purchase model, formatted by the language.

The reference is the command line itself (``python -m calculator analyze
--json``, a separate process), so the page's numbers cannot drift from it.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from calculator import messages
from calculator.display import format_number
from calculator.models.table import PURCHASE_MODELS
from calculator.your_data_view import analyze_for_page
from clvsite.build import load_language
from clvsite.examples import page_context

ROOT = Path(__file__).resolve().parents[2]
FILE = Path(__file__).resolve().parents[1] / "data" / "your_data.csv"
END, HOLDOUT_END = "2024-05-31", "2024-06-30"


def cli_json(model: str) -> dict:
    command = [sys.executable, "-m", "calculator", "analyze", str(FILE), "--json", "--model", model,
               "--compare", "--end", END, "--holdout-end", HOLDOUT_END, "--intervals", "--margin", "50%"]
    return json.loads(subprocess.run(command, check=True, capture_output=True, text=True).stdout)


# What the page hands the worker: the Polish catalog's texts of the analysis.
POLISH = load_language(ROOT / "locales", "pl", 0).translations.gettext
TRANSLATIONS = {msgid: POLISH(msgid) for msgid in page_context()["analysis_msgids"]}


@pytest.fixture(scope="module", params=["bgnbd", "pareto_nbd"])
def both(request):
    model = request.param
    options = {"end": END, "holdout_end": HOLDOUT_END, "margin": "50", "model": model,
               "compare": True, "intervals": True}
    return model, analyze_for_page(FILE.read_bytes(), options, "pl", TRANSLATIONS).answer(), cli_json(model)


def test_the_parameters_are_the_chosen_models_own(both):
    model, answer, cli = both
    shown = answer["purchase"]
    assert shown["model"] == model == cli["purchase"]["model"]
    assert [p["name"] for p in shown["parameters"]] == list(PURCHASE_MODELS[model].params._fields)
    for parameter in shown["parameters"]:
        assert parameter["value"] == pytest.approx(cli["purchase"][parameter["name"]], rel=1e-9)
        assert parameter["text"] == format_number(cli["purchase"][parameter["name"]], "pl", 4)
        error = cli["purchase"]["standard_errors"][parameter["name"]]
        assert parameter["standard_error"]["value"] == pytest.approx(error, rel=1e-6)
    assert shown["label"] == POLISH(messages.LABELS[model]) != messages.LABELS[model]


def test_the_holdout_check_is_the_clis(both):
    _, answer, cli = both
    shown, expected = answer["holdout"], cli["holdout"]
    for name in ("actual_purchases", "predicted_purchases", "mae", "rmse", "error_percent"):
        assert shown[name]["value"] == pytest.approx(expected[name], rel=1e-9), name
    assert shown["mae"]["text"] == format_number(expected["mae"], "pl", 3)
    labels = [g["label"] for g in shown["by_frequency"]]
    assert labels == [f"{g['frequency']}{'+' if g['or_more'] else ''}" for g in expected["by_frequency"]]
    assert labels[-1] == "7+"  # C008 bought 11 times: the last group is "7 or more"
    for group, reference in zip(shown["by_frequency"], expected["by_frequency"]):
        assert group["actual"]["value"] == pytest.approx(reference["actual"], rel=1e-12)
        assert group["predicted"]["value"] == pytest.approx(reference["predicted"], rel=1e-9)
        assert group["customers"]["value"] == reference["customers"]


def test_the_comparison_and_its_recommendation_are_the_clis(both):
    model, answer, cli = both
    rows = answer["models"]["rows"]
    assert [row["id"] for row in rows] == [row["id"] for row in cli["models"]]
    assert rows[0]["id"] == model and rows[0]["chosen"]
    for row, reference in zip(rows, cli["models"]):
        for name in ("log_likelihood", "aic", "bic"):
            assert row[name]["value"] == pytest.approx(reference[name], rel=1e-9)
        assert row["holdout_mae"]["value"] == pytest.approx(reference["holdout"]["mae"], rel=1e-9)
        assert row["recommended"] == reference["recommended"]
    best = next(row for row in cli["models"] if row["recommended"])
    template = POLISH(messages.ANALYSIS_TEXTS["recommended_by_holdout_mae"])
    assert answer["models"]["recommendation"] == template % {"model": best["name"]}
    assert answer["models"]["recommendation"].startswith("Zalecany model: ")


def test_the_intervals_are_the_clis(both):
    _, answer, cli = both
    assert answer["interval"]["lower"]["value"] == pytest.approx(cli["clv_interval"]["lower"], rel=1e-9)
    assert answer["interval"]["upper"]["value"] == pytest.approx(cli["clv_interval"]["upper"], rel=1e-9)
    for segment in answer["segments"]:
        reference = cli["segment_intervals"][segment["id"]]
        if reference["customers"] == 0:  # nothing to be unsure about
            assert segment["interval"] is None
            continue
        assert segment["interval"]["upper"]["value"] == pytest.approx(reference["upper"], rel=1e-9)
        assert segment["interval"]["text"] == "od {} do {}".format(
            format_number(reference["lower"], "pl", 2), format_number(reference["upper"], "pl", 2))


def test_the_tracking_plot_uses_the_chosen_model(both):
    model, answer, _ = both
    assert answer["tracking"]["expected_label"] == f"Oczekiwane ({PURCHASE_MODELS[model].name})"
    bgnbd = analyze_for_page(FILE.read_bytes(), {"end": END, "margin": "50"}, "en").answer()
    # Another model expects other purchases; the actual ones are the same file's.
    assert answer["tracking"]["actual"] == bgnbd["tracking"]["actual"]
    assert (answer["tracking"]["expected"] == bgnbd["tracking"]["expected"]) == (model == "bgnbd")


def test_the_holdout_columns_are_in_the_table(both):
    _, answer, _ = both
    names = [c["name"] for c in answer["columns"]]
    assert names[-2:] == ["holdout_purchases", "predicted_holdout_purchases"]
    assert len(answer["table"]["rows"][0]) == len(names)


def test_without_compare_or_holdout_the_views_are_absent():
    answer = analyze_for_page(FILE.read_bytes(), {"end": END, "margin": "50"}, "en").answer()
    assert answer["models"] is None and answer["holdout"] is None and answer["interval"] is None
    assert all(segment["interval"] is None for segment in answer["segments"])


@pytest.mark.parametrize("options, code", [
    ({"end": END, "holdout_end": "2024-05-01"}, "holdout_after_end"),
    ({"holdout_end": HOLDOUT_END}, "holdout_after_end"),
    ({"end": END, "holdout_end": "2024-06-31"}, "not_a_date"),
    ({"end": END, "model": "bgbb"}, "not_one_of"),
])
def test_a_bad_option_is_an_error_naming_its_field(options, code):
    error = analyze_for_page(FILE.read_bytes(), options, "lt").answer()["error"]
    assert error["code"] == code
    assert error["field"] == ("model" if code == "not_one_of" else "holdout_end")
