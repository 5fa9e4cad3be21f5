"""The "your data" page fits the purchase model chosen, checks it on a holdout
and compares the models (issue 14), in Chromium, in English and Polish.

Each language gets ONE page load (Pyodide takes seconds to start), shared
with the other your-data files (tests/browser/pages.py); each model is then
analysed on it in turn.  The reference is the command line's JSON for
the same file and options (``python -m calculator analyze --json``, CPython,
a separate process): what the page shows must be those numbers, formatted as
the language writes them (Babel, CLDR).  The tests wait for the form's
``data-answers`` counter only.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from babel.numbers import format_decimal

from calculator import messages
from calculator.models.table import PURCHASE_MODELS

from .answers import answered
from .axe import violations
from .catalog import translated
from .pages import fresh_form

pytestmark = pytest.mark.browser

DATA = Path(__file__).resolve().parents[1] / "data"
# The same orders twice: English CSV, and a Polish-style export (semicolons, decimal commas).
LANGUAGES = {"en": DATA / "your_data.csv", "pl": DATA / "your_data_semicolon.csv"}
MODELS = ("pareto_nbd", "bgnbd")
# Fitted on the purchases to the end of May, checked on June's (the file's last month).
END, HOLDOUT_END = "2024-05-31", "2024-06-30"
MARGIN = 50
TIMEOUT_MS = 60_000
# Pyodide's libm may differ from CPython's in the last bits, and a fit stops
# once ln L changes less than its tolerance. On these 12 customers ln L is flat
# along some parameters (Pareto/NBD's s = 1.44 has a standard error of 3.7), so
# the two runs stop ~2e-6 apart there (measured); intervals, from differences of
# nearby CLVs, differ more (~3e-5). The bounds leave room and still catch a
# wrong value: the texts, rounded as shown, must be equal anyway.
PARAMETER_REL = 1e-5
INTERVAL_REL = 1e-3


def cli_json(path: Path, model: str) -> dict:
    command = [sys.executable, "-m", "calculator", "analyze", str(path), "--json", "--model", model,
               "--compare", "--end", END, "--holdout-end", HOLDOUT_END, "--intervals",
               "--margin", f"{MARGIN}%"]
    return json.loads(subprocess.run(command, check=True, capture_output=True, text=True).stdout)


def shown(value: float, lang: str, decimals: int) -> str:
    """*value* as the page writes it in *lang* (Babel, CLDR)."""
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(value, format=pattern, locale=lang)


@pytest.fixture(scope="module", params=list(LANGUAGES))
def page(request, your_data_pages):
    """The language's shared page (tests/browser/pages.py), its form at the defaults."""
    return fresh_form(your_data_pages(request.param))


def analyse(page, model: str) -> None:
    """Choose *model* with a holdout, comparison and intervals; wait for the answer."""
    path = LANGUAGES[page.lang]
    chosen = page.evaluate("() => document.querySelector('#yd-file').files[0]?.name ?? null")

    def choose() -> None:
        page.fill("#yd-end", END)
        page.fill("#yd-holdout_end", HOLDOUT_END)
        page.fill("#yd-margin", str(MARGIN))
        page.select_option("#yd-model", model)
        page.check("#yd-compare")
        page.check("#yd-intervals")
        if chosen != path.name:
            page.set_input_files("#yd-file", str(path))
        else:  # the file is chosen already: setting the same one again changes nothing
            page.click("[data-analyze]")

    answered(page, choose)


def output(page, name: str) -> tuple[float, str]:
    element = page.locator(f'[data-result="{name}"]')
    return float(element.get_attribute("data-value")), element.text_content()


def test_the_model_menu_is_the_model_table(page):
    options = page.locator("#yd-model option")
    assert options.evaluate_all("os => os.map((o) => o.value)") == list(PURCHASE_MODELS)
    assert options.all_text_contents() == [translated(page.lang, messages.LABELS[m]) for m in PURCHASE_MODELS]
    assert page.locator("#yd-model").input_value() == "bgnbd"


@pytest.mark.parametrize("model", MODELS)
def test_the_page_shows_the_clis_numbers_for_the_model(page, model):
    analyse(page, model)
    assert page.locator("[data-analysis-error]").is_hidden()
    cli = cli_json(LANGUAGES[page.lang], model)
    lang = page.lang

    # The chosen model's own parameters, under its own heading.
    assert page.locator("[data-purchase-title]").text_content() == translated(lang, messages.LABELS[model])
    names = page.locator("[data-purchase-parameters] [data-parameter]").evaluate_all(
        "items => items.map((item) => item.dataset.parameter)")
    assert names == list(PURCHASE_MODELS[model].params._fields)
    for name in names:
        value, text = output(page, name)
        assert value == pytest.approx(cli["purchase"][name], rel=PARAMETER_REL), name
        assert text == shown(cli["purchase"][name], lang, 4), name
    assert output(page, "purchase_log_likelihood")[1] == shown(cli["purchase"]["log_likelihood"], lang, 2)
    assert output(page, "clv")[0] == pytest.approx(cli["totals"]["clv"], rel=PARAMETER_REL)

    # The tracking plot is the chosen model's.
    name = PURCHASE_MODELS[model].name
    legend = translated(lang, messages.ANALYSIS_TEXTS["expected_by"]) % {"model": name}
    assert page.locator("[data-tracking-figure] [data-expected-label]").text_content() == legend
    assert page.locator("svg[data-tracking-plot] polyline").count() == 2

    # Intervals: total and per segment, as the CLI computes them.
    interval = page.locator('[data-result="clv_interval"]')
    assert float(interval.get_attribute("data-lower")) == pytest.approx(cli["clv_interval"]["lower"], rel=INTERVAL_REL)
    assert float(interval.get_attribute("data-upper")) == pytest.approx(cli["clv_interval"]["upper"], rel=INTERVAL_REL)
    for segment, reference in cli["segment_intervals"].items():
        cell = page.locator(f'tr[data-segment="{segment}"] td[data-interval]')
        if reference["customers"]:
            assert float(cell.get_attribute("data-upper")) == pytest.approx(reference["upper"], rel=INTERVAL_REL)
        else:
            assert cell.text_content() == "–"


@pytest.mark.parametrize("model", MODELS)
def test_the_holdout_chart_and_table_are_the_clis(page, model):
    analyse(page, model)
    check = cli_json(LANGUAGES[page.lang], model)["holdout"]
    lang = page.lang
    chart = page.locator('[data-chart="holdout"]')
    assert chart.is_visible()
    assert chart.locator("polyline").count() == 2
    assert output(page, "holdout_actual_purchases")[1] == shown(check["actual_purchases"], lang, 0)
    assert output(page, "holdout_predicted_purchases")[1] == shown(check["predicted_purchases"], lang, 1)
    assert output(page, "holdout_mae")[1] == shown(check["mae"], lang, 3)
    assert output(page, "holdout_rmse")[1] == shown(check["rmse"], lang, 3)
    rows = page.locator("table[data-holdout-table] tbody tr")
    groups = check["by_frequency"]
    assert rows.count() == len(groups)
    for i, group in enumerate(groups):
        cells = rows.nth(i).locator("td")
        label = shown(group["frequency"], lang, 0) + ("+" if group["or_more"] else "")
        assert rows.nth(i).locator("th").text_content() == label
        assert cells.nth(0).text_content() == shown(group["customers"], lang, 0)
        assert cells.nth(1).text_content() == shown(group["actual"], lang, 3)
        assert cells.nth(2).text_content() == shown(group["predicted"], lang, 3)
    assert groups[-1]["or_more"] and rows.last.locator("th").text_content() == "7+"


@pytest.mark.parametrize("model", MODELS)
def test_the_comparison_table_and_recommendation_are_the_clis(page, model):
    analyse(page, model)
    cli = cli_json(LANGUAGES[page.lang], model)["models"]
    lang = page.lang
    table = page.locator("table[data-models]")
    assert table.is_visible()
    rows = table.locator("tbody tr")
    assert rows.evaluate_all("rows => rows.map((row) => row.dataset.model)") == [row["id"] for row in cli]
    for i, reference in enumerate(cli):
        row = rows.nth(i)
        for column, decimals in (("log_likelihood", 1), ("aic", 1), ("bic", 1)):
            assert row.locator(f'td[data-column="{column}"]').text_content() == shown(reference[column], lang, decimals)
        assert row.locator('td[data-column="holdout_mae"]').text_content() == shown(reference["holdout"]["mae"], lang, 3)
        assert (row.get_attribute("data-recommended") is not None) == reference["recommended"]
    best = next(row for row in cli if row["recommended"])
    sentence = translated(lang, messages.ANALYSIS_TEXTS["recommended_by_holdout_mae"]) % {"model": best["name"]}
    assert page.locator("[data-recommendation]").text_content() == sentence


def test_no_axe_violations_with_the_model_views(page):
    # After the comparison test: holdout chart, comparison table and intervals are shown.
    assert page.locator("[data-holdout]").is_visible() and page.locator("[data-comparison]").is_visible()
    assert violations(page) == []


def test_a_holdout_end_before_the_end_is_a_field_error_that_keeps_the_date(page):
    def analyse_with_an_early_holdout() -> None:
        page.fill("#yd-end", END)
        page.fill("#yd-holdout_end", "2024-05-01")
        page.click("[data-analyze]")

    answered(page, analyse_with_an_early_holdout)
    alert = page.locator("[data-analysis-error]")
    assert alert.get_attribute("data-error") == "holdout_after_end"
    expected = translated(page.lang, messages.MESSAGES["holdout_after_end"]) % {
        "field": translated(page.lang, messages.LABELS["holdout_end"])}
    assert alert.text_content() == expected
    field = page.locator("#yd-holdout_end")
    assert field.get_attribute("aria-invalid") == "true"
    assert field.input_value() == "2024-05-01"
