"""The Pareto/NBD, MBG/NBD, BG/BB and sBG pages' numbers, against the papers'
formulas written out again here with scipy (no code shared with calculator/)."""

import math

import pytest
from scipy.special import betaln, gammaln, hyp2f1

from clvsite.examples import setting_examples

# The example customer of the BG/NBD page (FHL 2005), CDNOW, weeks.
X, T_X, T, HORIZON = 2, 30.43, 38.86, 39.0


def pareto_p_alive(r, alpha, s, beta, x, t_x, T):
    """SMC (1987) eq. (11) in note 008's form, for α ≥ β as on the page."""
    assert alpha >= beta

    def f(t):
        return hyp2f1(r + s + x, s + 1, r + s + x + 1, (alpha - beta) / (alpha + t)) / (alpha + t) ** (r + s + x)

    a0 = f(t_x) - f(T)
    return 1 / (1 + s / (r + s + x) * (alpha + T) ** (r + x) * (beta + T) ** s * a0)


def test_pareto_nbd_example_uses_note_008_estimates_and_matches_eq_11_and_22():
    e = setting_examples()["pareto_nbd"]
    r, alpha, s, beta = 0.55, 10.58, 0.61, 11.67
    assert (e["r"], e["alpha"], e["s"], e["beta"]) == (r, alpha, s, beta)
    # CDNOW has α < β: the page's note applies (α and β swapped in A₀, r + x
    # in place of s + 1 in the series).
    def f(t):
        return (hyp2f1(r + s + x_, r + x_, r + s + x_ + 1, (beta - alpha) / (beta + t))
                / (beta + t) ** (r + s + x_))
    for x_, t_x_, key in ((X, T_X, "p_alive"), (0, 0.0, "quiet_p_alive")):
        a0 = f(t_x_) - f(T)
        hand = 1 / (1 + s / (r + s + x_) * (alpha + T) ** (r + x_) * (beta + T) ** s * a0)
        assert e[key] == pytest.approx(hand, rel=1e-9)
    # Eq. (22): posterior rate × expected time alive × P(alive).
    hand = ((r + X) * (beta + T) / ((alpha + T) * (s - 1))
            * (1 - ((beta + T) / (beta + T + HORIZON)) ** (s - 1)) * e["p_alive"])
    assert e["expected"] == pytest.approx(hand, rel=1e-12)
    # Eq. (17): E[X(t)] of a new customer.
    assert e["new_expected"] == pytest.approx(r * beta / (alpha * (s - 1)) * (1 - (beta / (beta + HORIZON)) ** (s - 1)),
                                              rel=1e-12)


def test_pareto_formula_of_the_page_agrees_with_the_swapped_case_when_alpha_is_larger():
    # The page's α ≥ β formula, checked on parameters where it applies, against
    # the model code (which picks the case itself).
    from calculator.models import pareto_nbd
    params = pareto_nbd.Params(0.55, 12.0, 0.61, 8.0)
    assert pareto_nbd.probability_alive(params, X, T_X, T) == pytest.approx(
        pareto_p_alive(*params, X, T_X, T), rel=1e-9)


def test_mbgnbd_example_matches_bdf_formulas():
    e = setting_examples()["mbgnbd"]
    r, alpha, a, b = 0.525, 6.183, 0.891, 1.614
    assert (e["r"], e["alpha"], e["a"], e["b"]) == (r, alpha, a, b)
    for x, t_x, key in ((X, T_X, "p_alive"), (0, 0.0, "quiet_p_alive")):
        hand = 1 / (1 + a / (b + x) * ((alpha + T) / (alpha + t_x)) ** (r + x))
        assert e[key] == pytest.approx(hand, rel=1e-12)
    z = HORIZON / (alpha + T + HORIZON)
    hand = ((a + b + X) / (a - 1) * (1 - ((alpha + T) / (alpha + T + HORIZON)) ** (r + X)
                                     * hyp2f1(r + X, b + X + 1, a + b + X, z)) * e["p_alive"])
    assert e["expected"] == pytest.approx(hand, rel=1e-9)
    # The BG/NBD comparison on the page: FHL's published parameters, note 021.
    bg = 1 / (1 + 0.793 / (2.426 + X - 1) * ((4.414 + T) / (4.414 + T_X)) ** (0.243 + X))
    assert e["bgnbd_p_alive"] == pytest.approx(bg, rel=1e-12)
    # Dropping out after the first purchase lowers P(alive) of a quiet customer below 1.
    assert e["quiet_p_alive"] < 1


ALPHA, BETA, GAMMA, DELTA = 1.204, 0.750, 0.657, 2.783


def bgbb_likelihood(x, t_x, n):
    """FHS (2010): still alive after n, plus dead at each opportunity after t_x."""
    def B(u, v):
        return math.exp(betaln(u, v))
    alive = B(ALPHA + x, BETA + n - x) / B(ALPHA, BETA) * B(GAMMA, DELTA + n) / B(GAMMA, DELTA)
    dead = sum(B(ALPHA + x, BETA + t_x - x + i) / B(ALPHA, BETA) * B(GAMMA + 1, DELTA + t_x + i) / B(GAMMA, DELTA)
               for i in range(n - t_x))
    return alive + dead


def test_bgbb_example_uses_the_published_donation_estimates_and_fhs_p_alive():
    e = setting_examples()["bgbb"]
    assert (e["alpha"], e["beta"], e["gamma"], e["delta"], e["n"]) == (ALPHA, BETA, GAMMA, DELTA, 6)
    for name, (x, t_x) in {"loyal": (6, 6), "lapsed": (3, 3)}.items():
        n = 6
        first = math.exp(betaln(ALPHA + x, BETA + n - x) - betaln(ALPHA, BETA)
                         + betaln(GAMMA, DELTA + n + 1) - betaln(GAMMA, DELTA))
        assert e[f"{name}_p_alive"] == pytest.approx(first / bgbb_likelihood(x, t_x, n), rel=1e-12)
    # The ordering the page tells: the donor who stopped is far less likely alive.
    assert e["lapsed_p_alive"] < 0.2 < 0.9 < e["loyal_p_alive"]


def test_bgbb_expected_donations_by_direct_sum():
    e = setting_examples()["bgbb"]
    n, future = 6, 5
    # E[X(n)] of a new customer: Σ_{t=1..n} E[p] E[(1−θ)^t] with E[(1−θ)^t] = B(γ, δ+t)/B(γ, δ).
    survive = [math.exp(betaln(GAMMA, DELTA + t) - betaln(GAMMA, DELTA)) for t in range(0, n + future + 1)]
    assert e["new_expected"] == pytest.approx(ALPHA / (ALPHA + BETA) * sum(survive[1:n + 1]), rel=1e-10)
    # Closed form of FHS, with gamma functions.
    closed = ALPHA / (ALPHA + BETA) * DELTA / (GAMMA - 1) * (
        1 - math.exp(gammaln(GAMMA + DELTA) + gammaln(1 + DELTA + n) - gammaln(GAMMA + DELTA + n) - gammaln(1 + DELTA)))
    assert e["new_expected"] == pytest.approx(closed, rel=1e-10)
    # E[X(n, n+n*) | x, t_x, n], FHS: B(α+x+1, β+n−x)/B(α, β) · Σ_{k=n+1..n+n*} B(γ, δ+k)/B(γ, δ) / L.
    for name, (x, t_x) in {"loyal": (6, 6), "lapsed": (3, 3)}.items():
        buying = math.exp(betaln(ALPHA + x + 1, BETA + n - x) - betaln(ALPHA, BETA))
        hand = buying * sum(survive[n + 1:n + future + 1]) / bgbb_likelihood(x, t_x, n)
        assert e[f"{name}_expected"] == pytest.approx(hand, rel=1e-10)


HIGH_END = (1000, 869, 743, 653, 593, 551, 517, 491)


def test_sbg_example_fit_reproduces_fader_hardie_2007():
    e = setting_examples()["sbg"]
    assert tuple(e["active"]) == HIGH_END
    # FH 2007, section 4: α = 0.668, β = 3.806 for the High End cohort.
    assert (round(e["alpha"], 3), round(e["beta"], 3)) == (0.668, 3.806)


def test_sbg_example_retention_and_derl_by_hand():
    e = setting_examples()["sbg"]
    alpha, beta = e["alpha"], e["beta"]
    # r_t = (β + t − 1)/(α + β + t − 1): the first renewal and the eighth.
    assert e["retention_first"] == pytest.approx(beta / (alpha + beta), rel=1e-12)
    assert e["retention_next"] == pytest.approx((beta + 7) / (alpha + beta + 7), rel=1e-12)
    assert e["mean_churn"] == pytest.approx(1 - e["retention_first"], rel=1e-12)
    # DERL after 7 renewals (n = 8): Σ_{t≥8} S(t)/S(7)/1.1^{t−8}, S(t) = B(α, β+t)/B(α, β).
    def S(t):
        return math.exp(betaln(alpha, beta + t) - betaln(alpha, beta))
    direct = sum(S(t) / S(7) / 1.1 ** (t - 8) for t in range(8, 4000))
    assert e["derl"] == pytest.approx(direct, rel=1e-9)
    assert e["lifetime_value"] == pytest.approx(100 * direct, rel=1e-9)


def test_sbg_margin_follows_the_market_currency():
    usd, pln = setting_examples("USD")["sbg"], setting_examples("PLN")["sbg"]
    assert pln["margin"] == 4 * usd["margin"]  # PRICE_LEVEL: an example, not an exchange rate
    assert pln["lifetime_value"] == pytest.approx(4 * usd["lifetime_value"], rel=1e-12)
    assert pln["derl"] == usd["derl"]
