"""BG/NBD and Gamma-Gamma on the CDNOW sample against the published estimates.

Expected numbers are as printed in their source, to the digits printed there.
"""

import pytest

from calculator.analysis import analyze
from tests.data.cdnow import CALIBRATION_END, as_csv


@pytest.fixture(scope="module")
def cdnow():
    return analyze(as_csv(), {"end": CALIBRATION_END, "unit": "week"})


def test_summary_is_the_papers_data(cdnow):
    # FHL (2005) section 5: 2,357 customers, 39-week calibration period.
    assert cdnow["customers"] == 2357
    first = cdnow["results"][0]  # customer 0001: purchases on days 0, 17, 213
    assert (first["frequency"], round(first["recency"], 2), round(first["T"], 2)) == (2, 30.43, 38.86)
    assert first["monetary_value"] == pytest.approx((29.73 + 14.96) / 2)


def test_bgnbd_matches_fader_hardie_lee_2005(cdnow):
    # Fader, Hardie & Lee (2005), Marketing Science 24(2), section 5:
    # r = 0.243, α = 4.414, a = 0.793, b = 2.426, LL = −9582.4.
    m = cdnow["bgnbd"]
    assert round(m["r"], 3) == 0.243
    assert round(m["alpha"], 3) == 4.414
    assert round(m["a"], 3) == 0.793
    assert round(m["b"], 3) == 2.426
    assert round(m["log_likelihood"], 1) == -9582.4


def test_gamma_gamma_matches_fader_hardie_2013(cdnow):
    # Fader & Hardie (2013), "The Gamma-Gamma Model of Monetary Value" (note
    # 025): 946 repeat buyers, p = 6.25, q = 3.74, γ = 15.44; the correlation
    # between frequency and average spend is 0.11.
    g = cdnow["gamma_gamma"]
    assert g["customers"] == 946 and g["excluded_one_time_buyers"] == 2357 - 946
    assert (round(g["p"], 2), round(g["q"], 2), round(g["gamma"], 2)) == (6.25, 3.74, 15.44)
    assert round(g["frequency_spend_correlation"], 2) == 0.11
