"""The bugs of the models review (models.md B1–B5) and the quadratic
``rfm_scores``, each reproduced with the review's input."""

import math
import random

import pytest

from calculator.analysis import analyze
from calculator.customers import summarize
from calculator.metrics import rfm_scores
from calculator.models import bgnbd, gamma_gamma
from tests.data.cdnow import CALIBRATION_END, MASTER, as_csv, lifetimes_outputs

LIFETIMES = lifetimes_outputs()


def test_b1_fit_where_the_rounded_hint_has_no_maximum():
    # CDNOW master observed to 2005: rounding t_x and T to max(T)/32 (13 weeks)
    # left the hint problem without an interior maximum, and the fit raised
    # model_not_converged.  lifetimes (an independent implementation) fits it;
    # its fit is frozen in tests/data/lifetimes.json.
    frozen = LIFETIMES["master_2005"]
    rows = summarize(as_csv(MASTER, sample_ids=False), end="2005-01-01")["customers"]
    assert len(rows) == frozen["customers"] == 23_570
    ours = bgnbd.fit([(r["frequency"], r["recency"], r["T"]) for r in rows])
    theirs = frozen["lifetimes_bgnbd_fit"]
    assert list(ours.params) == pytest.approx([theirs[k] for k in ("r", "alpha", "a", "b")], rel=1e-3)


def test_b2_gamma_gamma_does_not_depend_on_the_currency():
    rows = summarize(as_csv(), end=CALIBRATION_END)["customers"]
    data = [(r["frequency"], r["monetary_value"]) for r in rows]
    dollars = gamma_gamma.fit(data)
    # ×3e5: orders of about 7.7 million, ordinary in VND or IDR; failed before.
    dong = gamma_gamma.fit([(x, m * 3e5) for x, m in data])
    assert dong.params.p == pytest.approx(dollars.params.p, rel=1e-6)
    assert dong.params.q == pytest.approx(dollars.params.q, rel=1e-6)
    assert dong.params.gamma == pytest.approx(dollars.params.gamma * 3e5, rel=1e-6)
    # The density of m_x scales by 1/s per customer: ln L falls by n ln s.
    assert dong.log_likelihood == pytest.approx(
        dollars.log_likelihood - dollars.customers * math.log(3e5), rel=1e-9)


def test_b3_a_refund_that_cancels_gives_exactly_zero():
    result = summarize("customer,date,amount\nR,1997-01-05,0.1\nR,1997-02-05,0.2\n"
                       "R,1997-02-05,-0.2\n")
    (customer,) = result["customers"]
    assert customer["frequency"] == 1
    assert customer["monetary_value"] == 0.0  # was 2.8e-17
    assert customer["total"] == 0.1


def test_b4_refunds_are_not_purchases():
    result = summarize("customer,date,amount\nS,1997-01-01,10\nS,1997-01-20,-3\n"
                       "S,1996-12-01,-2\nQ,1997-02-01,-5000\n", end="1997-02-05")
    (s,) = result["customers"]
    # The refund day is no purchase day; both refunds come off the total.
    assert (s["frequency"], s["recency"], s["T"], s["total"]) == (0, 0.0, 5.0, 5.0)
    report = result["report"]
    assert report["refund_only_customers"] == 1
    assert report["refund_only_examples"] == ["Q"]
    assert report["refund_only_total"] == -5000.0


def test_b4_a_refund_never_raises_clv_and_m_x_zero_is_the_limit():
    text = as_csv()
    # Customer 0001 (x = 2, spend 29.73 and 14.96 on repeat days): refund
    # both repeat purchases on their days, so m_x = 0.
    refunded = text + "0001,19970118,0,-29.73\n0001,19970802,0,-14.96\n"
    options = {"end": CALIBRATION_END, "margin": 0.3}
    before = analyze(text, options)
    after = analyze(refunded, options)
    first_before, first_after = before["results"][0], after["results"][0]
    assert first_after["frequency"] == first_before["frequency"] == 2
    assert first_after["monetary_value"] == 0.0
    assert first_after["clv"] < first_before["clv"]
    # The analysis gives that customer the Gamma-Gamma posterior at m_x = 0 ...
    g = after["gamma_gamma"]
    fitted = gamma_gamma.Params(g["p"], g["q"], g["gamma"])
    assert first_after["expected_avg_value"] == pytest.approx(
        gamma_gamma.conditional_expected_spend(fitted, 2, 0.0), rel=1e-12)
    assert first_after["expected_avg_value"] < g["p"] * g["gamma"] / (g["q"] - 1)  # below the population mean
    # ... which is lifetimes' posterior there (its formula is written for any m_x ≥ 0),
    # frozen at the parameters of tests/data/lifetimes.json.
    params = gamma_gamma.Params(**LIFETIMES["gamma_gamma"])
    for x, expected in LIFETIMES["zero_spend"].items():
        assert gamma_gamma.conditional_expected_spend(params, int(x), 0.0) == pytest.approx(expected, rel=1e-12), x


def test_b5_the_message_counts_the_repeat_buyers():
    data = [(3, 0.0)] * 9451 + [(0, 0.0)] * 10
    with pytest.raises(gamma_gamma.InputError) as caught:
        gamma_gamma.fit(data)
    assert caught.value.code == "not_enough_positive_spend"
    assert caught.value.values == {"repeat": 9451, "positive": 0}


def _rfm_by_definition(values, better):
    """score = 1 + floor(bins k / n), k counted one pair at a time (O(n²))."""
    n = len(values)
    return tuple(1 + 5 * sum(better(x, other) for other in values) // n for x in values)


def test_rfm_scores_equal_the_definition_with_ties():
    rng = random.Random(7)
    n = 600
    recency = [rng.randint(0, 30) for _ in range(n)]  # many ties
    frequency = [rng.randint(0, 8) for _ in range(n)]
    monetary = [round(rng.expovariate(0.05), 1) for _ in range(n)]
    scores = rfm_scores(recency=recency, frequency=frequency, monetary=monetary)
    assert scores.recency == _rfm_by_definition(recency, lambda x, other: other > x)
    assert scores.frequency == _rfm_by_definition(frequency, lambda x, other: other < x)
    assert scores.monetary == _rfm_by_definition(monetary, lambda x, other: other < x)


def test_pareto_nbd_series_near_one_is_outside_the_model_not_a_hang():
    # ₂F₁(1, b; c; z) by its series needs about 39/(1 − z) terms. On a small
    # file (tests/data/your_data.csv ending 2024-03-31) the optimizer tried
    # α/β ≈ 10⁶ with t = 0, where z = 1 − β/α: tens of millions of terms per
    # customer per step, minutes per fit. Such points now count as overflow.
    from calculator.models import pareto_nbd

    with pytest.raises(OverflowError):
        pareto_nbd._hyp2f1_one(1.5, 2.1, 1 - 1e-6)
    with pytest.raises(OverflowError):
        pareto_nbd.log_likelihood(pareto_nbd.Params(r=0.5, alpha=1e6, s=0.6, beta=1.0), x=0, t_x=0.0, T=10.0)
    # Just inside the limit the series is exact: ₂F₁(1, 1; 2; z) = −ln(1 − z)/z.
    z = 1 - 2 * pareto_nbd.MIN_DISTANCE_FROM_ONE
    assert pareto_nbd._hyp2f1_one(1.0, 2.0, z) == pytest.approx(-math.log1p(-z) / z, rel=1e-12)
