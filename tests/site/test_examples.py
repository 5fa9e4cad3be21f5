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
}


@pytest.mark.parametrize("formula, output", sorted(HAND))
def test_worked_example_matches_hand_calculation(formula, output):
    assert worked_examples()[formula][output] == pytest.approx(HAND[formula, output], rel=1e-12)


def test_calculator_links_carry_rates_in_percent():
    query = parse_qs(calculator_query("simple"))
    assert query == {"formula": ["simple"], "aov": ["75"], "frequency": ["4"], "lifespan": ["3"], "margin": ["30"]}


def test_site_texts_match_mkdocs_yml():
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    for key, english in SITE_TEXTS.items():
        assert f"{key}: {english}\n" in text
