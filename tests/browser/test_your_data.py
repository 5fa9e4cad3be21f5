"""The "your data" page in Chromium, in two languages: a CSV in, CLV out, nothing uploaded.

Each language gets ONE page load (Pyodide takes seconds to start), shared
with the other your-data files (tests/browser/pages.py); this module's tests
run in file order on it, the phone ones last, on the Lithuanian page made
phone-sized. Expected numbers are
computed here from the fixture with the csv module, not with calculator/,
except the fitted parameters, which must equal what CPython computes.
"""

from __future__ import annotations

import csv
import io
import math
from collections import defaultdict
from datetime import date
from pathlib import Path

import pytest
from babel.dates import format_skeleton
from babel.numbers import format_decimal

from calculator import messages
from calculator.analysis import COLUMNS as ANALYSIS_COLUMNS
from calculator.analysis import analyze
from clvsite.build import load_language
from tests.site.conftest import ROOT

from .answers import answered
from .axe import dark_violations, violations
from .catalog import translated
from .pages import fresh_form, policy_violations

pytestmark = pytest.mark.browser

DATA = Path(__file__).resolve().parents[1] / "data"
COMMA = DATA / "your_data.csv"          # customer_id,order_date,revenue; dot decimals
SEMICOLON = DATA / "your_data_semicolon.csv"  # the same orders: Client;Date;Total; decimal commas
END = "2024-06-30"
MARGIN = 50  # percent, typed the same in every language
LANGUAGES = {"en": COMMA, "lt": SEMICOLON, "pl": SEMICOLON}
TIMEOUT_MS = 60_000
XSS_ID = "<img src=x onerror=alert(1)>"


def orders(path: Path) -> list[tuple[str, date, float]]:
    """The fixture's rows, read independently of calculator/."""
    text = path.read_text(encoding="utf-8")
    delimiter = ";" if path == SEMICOLON else ","
    rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))[1:]
    return [(c, date.fromisoformat(d), float(a.replace(",", "."))) for c, d, a in rows]


def excluded_from_spend_model(path: Path) -> int:
    """Customers with a single purchase day up to END, or whose repeat days
    (all but the first, amounts of one day added) do not average above 0."""
    days: dict[str, dict[date, float]] = defaultdict(lambda: defaultdict(float))
    for customer, day, amount in orders(path):
        if day <= date.fromisoformat(END):
            days[customer][day] += amount
    excluded = 0
    for totals in days.values():
        repeat = [totals[day] for day in sorted(totals)[1:]]
        excluded += not repeat or math.fsum(repeat) / len(repeat) <= 0
    return excluded


def shown(value: float, lang: str, decimals: int = 2) -> str:
    """*value* as the page shows it (Babel, CLDR)."""
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(value, format=pattern, locale=lang)


@pytest.fixture(scope="module", params=list(LANGUAGES))
def page(request, your_data_pages):
    """The language's shared page (tests/browser/pages.py) with the fixture analysed."""
    page = fresh_form(your_data_pages(request.param))
    analyse(page, LANGUAGES[page.lang])
    return page


def analyse(page, path: Path) -> None:
    """Set the options, choose *path*, and wait for the new results (or an error)."""
    def choose() -> None:
        page.fill("#yd-end", END)
        page.fill("#yd-margin", str(MARGIN))
        page.set_input_files("#yd-file", str(path))

    answered(page, choose)


def result(page, name: str) -> tuple[float, str]:
    output = page.locator(f'[data-result="{name}"]')
    return float(output.get_attribute("data-value")), output.text_content()


def test_summary_matches_the_file(page):
    rows = orders(LANGUAGES[page.lang])
    assert page.locator("[data-analysis-error]").is_hidden()
    assert result(page, "customers") == (len({c for c, _, _ in rows}), shown(len({c for c, _, _ in rows}), page.lang, 0))
    assert result(page, "transactions")[0] == len(rows)
    # Historical CLV: all spend up to the end date, times the margin.
    historical = math.fsum(a for _, d, a in rows if d <= date.fromisoformat(END)) * MARGIN / 100
    value, text = result(page, "historical_clv")
    assert value == pytest.approx(historical, rel=1e-12)
    assert text == shown(historical, page.lang)


def test_no_axe_violations_with_results(page):
    assert violations(page) == []
    if page.lang == "en":  # our own colours (heatmap, charts) in the dark scheme
        assert dark_violations(page) == []


def test_progress_was_shown_in_the_language(page):
    texts = page.evaluate("window.progressTexts")
    reading = translated(page.lang, messages.ANALYSIS_TEXTS["read"]).split("%(done)s")[0]
    assert any(text.startswith(reading) for text in texts), texts
    assert translated(page.lang, "Fitting the Gamma-Gamma spend model") in texts


def test_fitted_parameters_are_those_of_cpython(page):
    expected = analyze(COMMA.read_text(encoding="utf-8"),
                       {"end": END, "margin": MARGIN / 100, "unit": "week"})
    for name in ("r", "alpha", "a", "b"):
        assert result(page, name)[0] == pytest.approx(expected["bgnbd"][name], rel=1e-6), name
    for name in ("p", "q", "gamma"):
        assert result(page, name)[0] == pytest.approx(expected["gamma_gamma"][name], rel=1e-6), name
    assert result(page, "clv")[0] == pytest.approx(expected["totals"]["clv"], rel=1e-6)
    # Customers with one purchase day, or no positive repeat spend, are left out
    # of the Gamma-Gamma fit: counted here from the file itself.
    assert result(page, "excluded_customers")[0] == excluded_from_spend_model(LANGUAGES[page.lang])


def test_table_shows_customer_ids_as_text(page):
    ids = {c for c, _, _ in orders(LANGUAGES[page.lang])}
    row_ids = page.locator("table[data-customers] tbody th").all_text_contents()
    assert sorted(row_ids) == sorted(ids)
    assert XSS_ID in row_ids
    assert page.locator("[data-results] img").count() == 0
    assert page.dialogs == []
    # Sorted by residual CLV, highest first.
    header = page.locator('table[data-customers] th:has([data-sort="clv"])')
    assert header.get_attribute("aria-sort") == "descending"


def test_sorting_by_customer_id(page):
    page.click('[data-sort="customer_id"]')
    page.wait_for_function(
        """() => document.querySelector('th:has([data-sort="customer_id"])').getAttribute('aria-sort') === 'ascending'""",
        timeout=TIMEOUT_MS)
    row_ids = page.locator("table[data-customers] tbody th").all_text_contents()
    assert row_ids == sorted(row_ids)


def test_cohort_heatmap(page):
    firsts: dict[str, date] = {}
    for c, d, _ in orders(LANGUAGES[page.lang]):
        firsts[c] = min(d, firsts.get(c, d))
    months = sorted({f"{d.year:04d}-{d.month:02d}" for d in firsts.values()})
    rows = page.locator("table[data-cohorts] tbody tr")
    assert [th.get_attribute("data-cohort") for th in rows.locator("th").all()] == months
    # Named as the language names a month (Babel's CLDR: "January 2024", "2024 m. sausis").
    names = [format_skeleton("yMMMM", date.fromisoformat(month + "-01"), locale=page.lang) for month in months]
    assert rows.locator("th").all_text_contents() == names
    for i, month in enumerate(months):
        cells = rows.nth(i).locator("td")
        size = sum(1 for d in firsts.values() if f"{d.year:04d}-{d.month:02d}" == month)
        assert cells.nth(0).text_content() == shown(size, page.lang, 0)
        assert cells.nth(1).text_content() == "100"  # everyone buys in their first month
        # Month 0 is outside the colour scale; later months are shaded on it.
        assert "clv-heatmap-first" in cells.nth(1).get_attribute("class")
        if cells.count() > 2:
            assert cells.nth(2).get_attribute("style")
    # The scale spans the retention seen after month 0, and says so.
    later = [float(td.get_attribute("data-value")) for row in rows.all() for td in row.locator("td").all()[2:]]
    legend = page.locator("[data-cohort-scale]").text_content()
    assert shown(min(later) * 100, page.lang, 0) in legend and shown(max(later) * 100, page.lang, 0) in legend


def test_tracking_plot(page):
    assert page.locator("svg[data-tracking-plot] polyline").count() == 2
    rows = page.locator("table[data-tracking] tbody tr")
    assert rows.count() > 10
    # The last actual cumulative value: every repeat purchase day in the file.
    days = defaultdict(set)
    for c, d, _ in orders(LANGUAGES[page.lang]):
        days[c].add(d)
    repeats = sum(len(v) - 1 for v in days.values())
    assert rows.last.locator("td").first.text_content() == shown(repeats, page.lang, 0)


def download(page, selector: str) -> str:
    with page.expect_download() as info:
        page.click(selector)
    assert info.value.url.startswith("blob:")
    return Path(info.value.path()).read_text(encoding="utf-8")


def test_data_download_has_every_customer_in_the_cli_columns(page):
    text = download(page, '.clv-actions [data-download="data"]')
    table = list(csv.DictReader(io.StringIO(text)))
    assert {row["customer_id"] for row in table} == {c for c, _, _ in orders(LANGUAGES[page.lang])}
    assert list(table[0].keys()) == list(ANALYSIS_COLUMNS)


def excel_rows(text: str, lang: str) -> list[list]:
    """The CSV read as Excel in *lang*'s region reads it (not with calculator/).

    Excel detects UTF-8 by its BOM, splits at the region's list separator
    (";" where the decimal mark is a comma), reads ="..." cells as text and
    numbers with the region's decimal mark; anything else stays text.
    """
    assert text.startswith("\ufeff"), "no BOM: Excel would read the file as ANSI"
    comma = format_decimal(1.5, locale=lang) == "1,5"
    rows = list(csv.reader(io.StringIO(text[1:]), delimiter=";" if comma else ","))

    def value(cell: str):
        if cell.startswith('="') and cell.endswith('"'):
            return cell[2:-1].replace('""', '"')
        number = cell.replace(",", ".") if comma else cell
        try:
            return float(number)
        except ValueError:
            return cell
    return [rows[0]] + [[value(cell) for cell in row] for row in rows[1:]]


def test_spreadsheet_download_opens_in_the_readers_excel(page):
    rows = excel_rows(download(page, '.clv-actions [data-download="spreadsheet"]'), page.lang)
    gettext = load_language(ROOT / "locales", page.lang, 0).translations.gettext
    assert rows[0] == [gettext(messages.COLUMN_LABELS[name]) for name in ANALYSIS_COLUMNS]
    assert len(rows[0]) > 1, "one column: the wrong separator"
    data = {row["customer_id"]: row for row in csv.DictReader(io.StringIO(
        download(page, '.clv-actions [data-download="data"]')))}
    ids = [row[0] for row in rows[1:]]
    assert sorted(ids) == sorted(data)  # ids as text: "C008" and "Šarūnas & Co" as in the file
    for row in rows[1:]:
        cells = dict(zip(ANALYSIS_COLUMNS, row))
        # Rounded to what they mean: P(alive) to 3 decimals, money to the cent.
        assert cells["p_alive"] == round(float(data[row[0]]["p_alive"]), 3)
        assert cells["clv"] == round(float(data[row[0]]["clv"]), 2)
        assert cells["frequency"] == float(data[row[0]]["frequency"])


def test_segments_and_distribution(page):
    rows = orders(LANGUAGES[page.lang])
    customers = {c for c, _, _ in rows}
    segments = page.locator("table[data-segments] tbody tr[data-segment]")
    assert segments.evaluate_all("rows => rows.map((row) => row.dataset.segment)") == [
        "best", "at_risk", "new", "regular", "lost"]
    counts = {row.get_attribute("data-segment"): float(row.locator("td").first.get_attribute("data-value"))
              for row in segments.all()}
    assert sum(counts.values()) == len(customers)
    # "new": first purchase in the last quarter of the window (age ≤ ¼ of the oldest), by hand.
    end = date.fromisoformat(END)
    firsts = {}
    for c, d, _ in rows:
        if d <= end:
            firsts[c] = min(d, firsts.get(c, d))
    ages = {c: (end - d).days for c, d in firsts.items()}
    assert counts["new"] == sum(1 for age in ages.values() if age <= max(ages.values()) / 4)
    chart = page.locator('[data-chart="clv-distribution"]')
    assert chart.is_visible()
    bars = chart.locator("rect")
    bins = page.locator("table[data-distribution] tbody tr td").all_text_contents()
    assert bars.count() == len(bins) > 1
    assert sum(int(text) for text in bins) == len(customers)


def test_choosing_the_same_file_again_runs_again(page):
    def choose_again() -> None:
        with page.expect_file_chooser() as chooser:
            page.click("#yd-file")
        chooser.value.set_files(str(LANGUAGES[page.lang]))

    answered(page, choose_again)
    assert page.locator("[data-results]").is_visible()


def test_bad_date_names_the_line_in_the_language(page, tmp_path):
    lines = COMMA.read_text(encoding="utf-8").splitlines()
    line = 5
    customer, _, amount = lines[line - 1].split(",")
    lines[line - 1] = f"{customer},2024-02-31,{amount}"
    bad = tmp_path / "bad.csv"
    bad.write_text("\n".join(lines) + "\n", encoding="utf-8")
    analyse(page, bad)
    alert = page.locator("[data-analysis-error]")
    template = translated(page.lang, "Line %(line)s: %(field)s “%(text)s” cannot be read; expected %(expected)s.")
    expected = template % {"line": line, "field": translated(page.lang, "Date"), "text": "2024-02-31",
                           "expected": "YYYY-MM-DD"}
    assert alert.text_content() == expected
    assert alert.get_attribute("data-error") == "bad_date"
    # The page stays usable: the good file still works afterwards.
    analyse(page, LANGUAGES[page.lang])
    assert alert.is_hidden()
    assert page.locator("[data-results]").is_visible()


def test_no_policy_violation(page):
    # Every analysis of this module (and of the other modules on this page) ran under the CSP.
    assert policy_violations(page) == []


def test_no_request_left_the_origin(page):
    assert page.requests, "no request recorded"
    foreign = [url for url in page.requests
               if not url.startswith((page.origin + "/", "blob:", "data:"))]
    assert foreign == []


PHONE = {"width": 390, "height": 844}


@pytest.mark.parametrize("page", ["lt"], indirect=True)
def test_an_error_is_in_view_and_focused_on_a_phone(page, tmp_path):
    # A file whose header names none of the columns: the error must be where a
    # phone user looks (inside 390 × 844), not a screen below the file input.
    bad = tmp_path / "columns.csv"
    bad.write_text("who,when,how much\na,2024-01-01,1\n", encoding="utf-8")
    page.set_viewport_size(PHONE)
    page.evaluate("() => window.scrollTo(0, 0)")
    analyse(page, bad)
    alert = page.locator("[data-analysis-error]")
    assert alert.is_visible()
    assert alert.get_attribute("data-error") == "missing_column"
    page.wait_for_function("el => document.activeElement === el", arg=alert.element_handle(), timeout=TIMEOUT_MS)
    box = alert.bounding_box()
    header = page.locator(".md-header").bounding_box()
    assert box["y"] >= header["height"] and box["y"] + box["height"] <= PHONE["height"], box


@pytest.mark.parametrize("page", ["lt"], indirect=True)
def test_results_are_in_view_on_a_phone(page):
    page.set_viewport_size(PHONE)
    page.evaluate("() => window.scrollTo(0, 0)")
    analyse(page, SEMICOLON)
    title = page.locator("#yd-summary-title")
    page.wait_for_function("el => document.activeElement === el", arg=title.element_handle(), timeout=TIMEOUT_MS)
    box = title.bounding_box()
    assert 0 <= box["y"] < PHONE["height"], box
    # Only id, P(alive) and residual CLV on a phone; the toggle shows the rest.
    visible = page.locator("table[data-customers] thead th:visible [data-sort]")
    assert visible.evaluate_all("bs => bs.map((b) => b.dataset.sort)") == ["customer_id", "p_alive", "clv"]
    page.click("[data-all-columns]")
    assert visible.count() == len(ANALYSIS_COLUMNS)
