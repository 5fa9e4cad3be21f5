"""Worked examples come from calculator/, and agree with hand calculations."""

from urllib.parse import parse_qs

import pytest

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
