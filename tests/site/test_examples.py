"""Worked examples come from calculator/, and agree with hand calculations."""

from urllib.parse import parse_qs

import pytest
from scipy.special import hyp2f1

from clvsite.examples import calculator_query, worked_examples
from clvsite.navigation import SITE_TEXTS
from tests.site.conftest import ROOT

# Hand calculations of the examples shown on the CLV entry.
HAND = {
    ("simple", "clv"): 75 * 4 * 3 * 0.30,               # 270
    ("simple", "revenue"): 75 * 4 * 3,                 # 900
    ("historical", "clv"): (180 + 320 + 95 + 410 + 235) * 0.35,  # 1240 × 0.35 = 434
    ("predictive", "clv"): 1.5 * 60 * 0.40 * 24,       # 864
    ("churn", "lifetime"): 1 / 0.04,                   # 25 months
    ("churn", "clv"): 50 * 0.80 / 0.04,                # 1000
    ("discounted", "clv"): 100 * 0.8 / (1 + 0.10 - 0.8),  # 80 / 0.3 = 266.67
    ("discounted", "clv_finite"): sum(100 * 0.8**t / 1.1**t for t in range(1, 6)),
    ("discounted", "clv_undiscounted"): 100 * 0.8 / (1 - 0.8),  # 400
    # The churn-rate formula counts the first period's margin too: m / c with
    # c = 1 − r is 100 / 0.2 = 500, one margin (100) more than the 400 above.
    ("discounted", "clv_churn_convention"): 100 / (1 - 0.8),  # 500
    ("unit_economics", "ltv_cac"): 1000 / 300,
    ("unit_economics", "payback"): 300 / (50 * 0.80),  # 7.5 months
    # The related terms' pages.
    ("churn_rate", "churn"): 40 / 1000,                 # 4 %
    ("churn_rate", "annual_churn"): 1 - 0.96**12,      # 38.7 %, not 48 %
    ("churn_rate", "clv_lower_churn"): 50 * 0.80 / 0.03,  # 1333.33
    ("retention_rate", "retention"): (1110 - 150) / 1000,  # 96 %
    ("customer_acquisition_cost", "cac"): 30000 / 100,  # 300
    ("ltv_cac_ratio", "referral_ltv_cac"): 1000 / 150,  # 6.7
    ("ltv_cac_ratio", "paid_social_ltv_cac"): 1000 / 600,  # 1.7
    ("average_order_value", "aov"): 30000 / 400,       # 75
    ("purchase_frequency", "frequency"): 400 / 100,    # 4
    ("customer_lifespan", "lifespan"): 1 / 0.04,       # 25 months
    ("gross_margin", "margin"): (50000 - 10000) / 50000,  # 80 %
    ("gross_margin", "markup"): (100 - 60) / 60,       # 66.7 %
    ("arpu", "arpu"): 50000 / 1000,                    # 50
    ("discount_rate", "year_one_value"): 100 / 1.1,    # 90.91
    ("discount_rate", "npv"): 80 / 1.1 + 64 / 1.1**2 + 51.2 / 1.1**3 + 40.96 / 1.1**4 + 32.768 / 1.1**5,
    ("net_promoter_score", "nps"): 100 * (110 - 40) / 200,  # 35
}

# Each related term's result is an input of one of the CLV entry's examples.
SAME = [
    (("churn_rate", "churn"), ("churn", "churn")),
    (("customer_acquisition_cost", "cac"), ("unit_economics", "cac")),
    (("average_order_value", "aov"), ("simple", "aov")),
    (("purchase_frequency", "frequency"), ("simple", "frequency")),
    (("customer_lifespan", "lifespan"), ("churn", "lifetime")),
    (("gross_margin", "margin"), ("churn", "margin")),
    (("arpu", "arpu"), ("churn", "arpa")),
    (("discount_rate", "npv"), ("discounted", "clv_finite")),
]


@pytest.mark.parametrize("formula, output", sorted(HAND))
def test_worked_example_matches_hand_calculation(formula, output):
    assert worked_examples()[formula][output] == pytest.approx(HAND[formula, output], rel=1e-12)


@pytest.mark.parametrize("term, entry", SAME, ids=lambda key: ".".join(key))
def test_term_examples_agree_with_the_clv_entry(term, entry):
    examples = worked_examples()
    assert examples[term[0]][term[1]] == pytest.approx(examples[entry[0]][entry[1]], rel=1e-12)


def test_retention_and_churn_examples_describe_the_same_month():
    examples = worked_examples()
    assert examples["retention_rate"]["retention"] == pytest.approx(1 - examples["churn_rate"]["churn"], rel=1e-12)


def test_rfm_example_scores():
    cells = [customer["cell"] for customer in worked_examples()["rfm_segmentation"]["customers"]]
    assert cells == ["333", "323", "222", "222", "111", "111"]  # see cases.toml, metrics-rfm-terciles-with-a-tie


def test_calculator_links_carry_rates_in_percent():
    query = parse_qs(calculator_query("simple"))
    assert query == {"formula": ["simple"], "aov": ["75"], "frequency": ["4"], "lifespan": ["3"], "margin": ["30"]}


def test_site_texts_match_mkdocs_yml():
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    for key, english in SITE_TEXTS.items():
        assert f"{key}: {english}\n" in text


# The models' pages: CDNOW parameters, BG/NBD from Fader, Hardie & Lee (2005,
# Marketing Science), Gamma-Gamma from Fader & Hardie's note 025; time in weeks.
R, ALPHA, A, B = 0.243, 4.414, 0.793, 2.426
P, Q, GAMMA = 6.25, 3.74, 15.44


def p_alive(x, t_x, T):
    """P(alive), Fader, Hardie & Lee's note 021, written out again here."""
    return 1 / (1 + (x > 0) * A / (B + x - 1) * ((ALPHA + T) / (ALPHA + t_x)) ** (R + x))


def expected_purchases(t, x, t_x, T):
    """E[Y(t) | x, t_x, T], FHL eq. (10) as printed, with scipy's ₂F₁ (no Euler transformation)."""
    z = t / (ALPHA + T + t)
    numerator = (A + B + x - 1) / (A - 1) * (
        1 - ((ALPHA + T) / (ALPHA + T + t)) ** (R + x) * hyp2f1(R + x, B + x, A + B + x - 1, z))
    return numerator * p_alive(x, t_x, T)


def test_bgnbd_example_is_fhl_customer_with_published_parameters():
    e = worked_examples()["bgnbd"]
    assert (e["r"], e["alpha"], e["a"], e["b"]) == (R, ALPHA, A, B)
    assert (e["x"], e["t_x"], e["T"], e["horizon"]) == (2, 30.43, 38.86, 39)


def test_bgnbd_example_matches_published_and_hand_computed_numbers():
    e = worked_examples()["bgnbd"]
    # 1.226: Hardie's Excel implementation (lifetimes' test_conditional_expectation_
    # returns_same_value_as_Hardie_excel_sheet).
    assert round(e["expected"], 3) == 1.226
    # P(alive) by hand (note 021): (α+T)/(α+t_x) = 43.274/34.844 = 1.24194;
    # 1.24194^(r+x = 2.243) = 1.62577; × a/(b+x−1) = 0.793/3.426 = 0.231465 gives
    # 0.376308; 1/(1 + 0.376308) = 0.72658.
    assert round(e["p_alive"], 4) == 0.7266
    assert e["p_alive"] == pytest.approx(p_alive(2, 30.43, 38.86), rel=1e-12)


WEEKS_PER_MONTH = 365.25 / 12 / 7  # months of 30.4375 days


@pytest.mark.parametrize("output, t, t_x", [
    ("expected", 39, 30.43),
    ("lapsed_expected", 39, 5.0),
    ("expected_months", 12 * WEEKS_PER_MONTH, 30.43),
    ("expected_wrong_unit", 12, 30.43),  # 12 "months" read as 12 weeks
])
def test_bgnbd_expected_purchases_match_scipy(output, t, t_x):
    assert worked_examples()["bgnbd"][output] == pytest.approx(expected_purchases(t, 2, t_x, 38.86), rel=1e-10)


def test_bgnbd_p_alive_matches_formula():
    e = worked_examples()["bgnbd"]
    assert e["p_alive"] == pytest.approx(p_alive(2, 30.43, 38.86), rel=1e-12)
    assert e["lapsed_p_alive"] == pytest.approx(p_alive(2, 5.0, 38.86), rel=1e-12)


def test_bgnbd_new_customer_matches_eq_9():
    z = 39 / (ALPHA + 39)
    hand = (A + B - 1) / (A - 1) * (1 - (ALPHA / (ALPHA + 39)) ** R * hyp2f1(R, B, A + B - 1, z))
    assert worked_examples()["bgnbd"]["new_expected"] == pytest.approx(hand, rel=1e-10)
    assert round(hand, 4) == 1.1967  # calculator/models/bgnbd.py's doctest of E[X(39)]


def test_gamma_gamma_example_matches_closed_form():
    e = worked_examples()["gamma_gamma"]
    assert (e["p"], e["q"], e["gamma"]) == (P, Q, GAMMA)
    population = GAMMA * P / (Q - 1)  # ≈ 35.22
    for mean, output in ((35.0, "expected_spend"), (100.0, "high_expected_spend")):
        # Note 025 eq. (5): weighted mean of the population mean and the customer's mean.
        hand = (Q - 1) / (P * 2 + Q - 1) * population + (P * 2) / (P * 2 + Q - 1) * mean
        assert e[output] == pytest.approx(hand, rel=1e-12)
    assert e["population_mean"] == pytest.approx(population, rel=1e-12)
    assert e["weight"] == pytest.approx(12.5 / 15.24, rel=1e-12)


def test_gamma_gamma_residual_clv_matches_weekly_sum():
    e = worked_examples()["gamma_gamma"]
    weeks = 12 * WEEKS_PER_MONTH  # 52.18: the last step is a part-week
    steps = [min(k, weeks) for k in range(1, 54)]
    cumulative = [0.0] + [expected_purchases(t, 2, 30.43, 38.86) for t in steps]
    margin_per_purchase = e["expected_spend"] * 0.30
    weekly_rate = 1.10 ** (7 / 365.25) - 1  # 10 % a year, compounded over one week
    assert e["weekly_discount_rate"] == pytest.approx(weekly_rate, rel=1e-12)
    for rate, output in ((weekly_rate, "residual_clv"), (0.0, "residual_clv_undiscounted"),
                         (0.10, "residual_clv_wrong_rate")):
        hand = sum((cumulative[k] - cumulative[k - 1]) / (1 + rate) ** k for k in range(1, 54)) * margin_per_purchase
        assert e[output] == pytest.approx(hand, rel=1e-9)
