"""The sBG retention model against an independent scipy fit, direct sums and
an exact simulation (scipy and numpy are test dependencies only)."""

import random

import numpy as np
import pytest
from scipy.optimize import minimize
from scipy.special import betaln

from calculator.models import sbg

HIGH_END = [1000, 869, 743, 653, 593, 551, 517, 491]  # Fader & Hardie (2007), table 1
REGULAR = [1000, 631, 468, 382, 326, 289, 262, 241]


def scipy_log_likelihood(log_params, cohorts):
    """FH 2007's likelihood written from the beta functions, not the recursion."""
    a, b = np.exp(log_params)
    total = 0.0
    for counts in cohorts:
        counts = np.asarray(counts, dtype=float)
        t = np.arange(1, len(counts))
        lost = counts[:-1] - counts[1:]
        total += np.sum(lost * (betaln(a + 1, b + t - 1) - betaln(a, b)))
        total += counts[-1] * (betaln(a, b + len(counts) - 1) - betaln(a, b))
    return total


@pytest.mark.parametrize("cohorts", [[HIGH_END], [REGULAR], [HIGH_END, REGULAR[:4]]])
def test_fit_agrees_with_scipy(cohorts):
    theirs = minimize(lambda v: -scipy_log_likelihood(v, cohorts), [0.0, 0.0],
                      method="Nelder-Mead", options={"xatol": 1e-10, "fatol": 1e-12,
                                                     "maxiter": 10_000})
    ours = sbg.fit(cohorts)
    assert list(ours.params) == pytest.approx(list(np.exp(theirs.x)), rel=1e-5)
    assert ours.log_likelihood == pytest.approx(-theirs.fun, rel=1e-10)


def test_derl_is_the_discounted_sum_of_survival():
    p = sbg.Params(0.668, 3.806)
    for renewals in (0, 1, 7):
        n = renewals + 1
        direct = sum(sbg.survival(p, t) / sbg.survival(p, n - 1) / 1.1 ** (t - n)
                     for t in range(n, 4000))
        assert sbg.discounted_expected_residual_lifetime(p, renewals, 0.1) == pytest.approx(
            direct, rel=1e-10)


def test_survival_is_one_minus_the_churn_so_far():
    p = sbg.Params(0.704, 1.182)
    for t in range(1, 12):
        assert sbg.survival(p, t) == pytest.approx(
            1 - sum(sbg.churn_probability(p, k) for k in range(1, t + 1)), rel=1e-12)
        assert sbg.retention_rate(p, t) == pytest.approx(
            sbg.survival(p, t) / sbg.survival(p, t - 1), rel=1e-12)


def test_parameters_recovered_from_an_exact_simulation():
    # θ ~ beta(α, β) per customer, then a geometric number of renewals; three
    # cohorts of 4,000 observed for 8, 5 and 3 periods.
    rng = random.Random(2007)
    truth = sbg.Params(0.9, 2.5)
    cohorts = []
    for periods in (8, 5, 3):
        active = [0] * (periods + 1)
        for _ in range(4000):
            theta = rng.betavariate(*truth)
            t = 0
            while t < periods and rng.random() > theta:
                t += 1
            for k in range(t + 1):
                active[k] += 1
        cohorts.append(active)
    fitted = sbg.fit(cohorts).params
    # Across seeds the estimates vary by about 5 % (α) and 6 % (β): ~3 spreads.
    assert fitted.alpha == pytest.approx(truth.alpha, rel=0.15)
    assert fitted.beta == pytest.approx(truth.beta, rel=0.25)


def test_project_values_the_survivors():
    r = sbg.project(active=[HIGH_END], margin=100, discount_rate=0.1, periods=5)
    (cohort,) = r["cohorts"]
    p = sbg.Params(r["alpha"], r["beta"])
    assert cohort["derl"] == pytest.approx(sbg.discounted_expected_residual_lifetime(p, 7, 0.1))
    assert cohort["residual_value"] == pytest.approx(491 * 100 * cohort["derl"])
    assert [row["actual"] for row in r["curve"][:8]] == pytest.approx([n / 1000 for n in HIGH_END])
    assert r["curve"][-1]["period"] == 12 and r["curve"][-1]["actual"] is None
    # DEL: Σ_{t≥0} S(t)/1.1^t.
    assert r["new_customer_del"] == pytest.approx(
        sum(sbg.survival(p, t) / 1.1 ** t for t in range(4000)), rel=1e-10)


def test_standard_errors_agree_with_scipys_hessian():
    # An independent observed information: the inverse Hessian of scipy's
    # BFGS is too rough, so a central-difference Hessian of the scipy-written
    # likelihood (numpy), at our estimate, in (α, β).
    r = sbg.project(active=[HIGH_END])
    a, b = r["alpha"], r["beta"]
    h = 1e-4

    def ll(x, y):
        return scipy_log_likelihood(np.log([x, y]), [HIGH_END])

    haa = (ll(a * (1 + h), b) - 2 * ll(a, b) + ll(a * (1 - h), b)) / (a * h) ** 2
    hbb = (ll(a, b * (1 + h)) - 2 * ll(a, b) + ll(a, b * (1 - h))) / (b * h) ** 2
    hab = (ll(a * (1 + h), b * (1 + h)) - ll(a * (1 + h), b * (1 - h))
           - ll(a * (1 - h), b * (1 + h)) + ll(a * (1 - h), b * (1 - h))) / (4 * a * h * b * h)
    cov = np.linalg.inv(-np.array([[haa, hab], [hab, hbb]]))
    assert [r["standard_errors"]["alpha"], r["standard_errors"]["beta"]] == pytest.approx(
        list(np.sqrt(np.diag(cov))), rel=1e-4)
