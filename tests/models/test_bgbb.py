"""BG/BB against lifetimes' BetaGeoBetaBinomFitter (frozen in
tests/data/lifetimes.json), direct sums and an exact simulation."""

import math
import random
from collections import Counter

import pytest
from scipy.special import betaln

from calculator.models import bgbb, uncertainty
from tests.data.cdnow import lifetimes_outputs

FROZEN = lifetimes_outputs()["bgbb_donations"]
PUBLISHED = bgbb.Params(1.204, 0.750, 0.657, 2.783)  # Fader, Hardie & Shang (2010)


def test_fit_agrees_with_lifetimes():
    fit = bgbb.fit(FROZEN["summary"])
    assert list(fit.params) == pytest.approx(list(FROZEN["params"].values()), rel=1e-4)


def test_predictions_agree_with_lifetimes():
    histories = [row[:3] for row in FROZEN["summary"]]
    frozen = FROZEN["at_published"]
    assert [bgbb.probability_alive(PUBLISHED, *h) for h in histories] == pytest.approx(
        frozen["p_alive"], rel=1e-10)
    assert [bgbb.conditional_expected_purchases(PUBLISHED, 5, *h) for h in histories] == (
        pytest.approx(frozen["conditional_expected_purchases_5"], rel=1e-10))


def test_expected_purchases_is_the_sum_over_opportunities():
    alpha, beta, gamma, delta = PUBLISHED
    # E[X(n)] = E[p] Σ_{k=1..n} E[(1−θ)^k], E[(1−θ)^k] = B(γ, δ+k)/B(γ, δ).
    alive = [math.exp(betaln(gamma, delta + k) - betaln(gamma, delta)) for k in range(1, 11)]
    for n in (1, 6, 10):
        assert bgbb.expected_purchases(PUBLISHED, n) == pytest.approx(
            alpha / (alpha + beta) * sum(alive[:n]), rel=1e-12)


def test_parameters_recovered_from_an_exact_simulation():
    rng = random.Random(2010)
    truth = bgbb.Params(1.2, 0.75, 0.66, 2.8)
    counts = Counter()
    for _ in range(20_000):
        p, theta = rng.betavariate(truth.alpha, truth.beta), rng.betavariate(truth.gamma, truth.delta)
        x = t_x = 0
        for t in range(1, 7):
            if rng.random() < theta:  # dies before opportunity t
                break
            if rng.random() < p:
                x, t_x = x + 1, t
        counts[x, t_x, 6] += 1
    summary = [[*key, n] for key, n in counts.items()]
    fit = bgbb.fit(summary)
    errors = uncertainty.standard_errors(
        lambda q: sum(n * bgbb.log_likelihood(bgbb.Params(*q), *key) for key, n in counts.items()),
        fit.params)
    for estimate, true_value, error in zip(fit.params, truth, errors):
        assert abs(estimate - true_value) < 3 * error  # a 0.3 % chance each by luck


def test_summary_from_a_log_cut_into_years():
    # A log written from the donations summary: each donor's first gift in
    # 1995, the x later gifts in the years up to t_x (the last one in year
    # t_x), observed to the end of 2001: cutting it into years must give the
    # summary back.
    lines = ["customer,date,amount"]
    donor = 0
    for x, t_x, n, count in FROZEN["summary"][:8]:
        for _ in range(count):
            donor += 1
            years = list(range(t_x - x + 1, t_x + 1))  # x distinct years, the last t_x
            lines.append(f"d{donor},1995-03-01,10")
            lines += [f"d{donor},{1995 + k}-03-01,10" for k in years]
    cut = bgbb.summary_from_log("\n".join(lines) + "\n", start="1995-01-01", end="2001-12-31")
    assert cut["summary"] == sorted(FROZEN["summary"][:8])
    assert cut["periods"] == 7 and cut["without_opportunity"] == 0
