"""Properties of the formulas and of parse_number (hypothesis)."""

import math
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calculator import discounted, parse_number, simple
from tests.site.conftest import LANGUAGES

money = st.floats(min_value=0.01, max_value=1e6, allow_nan=False)
share = st.floats(min_value=0.001, max_value=1.0)
retention = st.floats(min_value=0.0, max_value=0.99)
rate = st.floats(min_value=0.0, max_value=1.0)
LOCALES = list(LANGUAGES)  # the site's languages (mkdocs.yml)


@given(aov=money, frequency=money, lifespan=money, margin=share)
def test_simple_clv_is_the_product_computed_exactly(aov, frequency, lifespan, margin):
    # An independent implementation: the practitioner formula in exact decimal
    # arithmetic, rounded once. A wrong factor, or one used twice, fails here
    # for almost every input (growth in aov or margin would still hold).
    result = simple(aov=aov, frequency=frequency, lifespan=lifespan, margin=margin)
    exact = Decimal(aov) * Decimal(frequency)
    assert result.customer_value == pytest.approx(float(exact), rel=1e-15)
    assert result.clv == pytest.approx(float(exact * Decimal(lifespan) * Decimal(margin)), rel=1e-15)


@given(m=money, r=retention, i=rate, n=st.integers(1, 500), more=st.integers(1, 500))
def test_finite_horizon_increases_toward_infinite(m, r, i, n, more):
    infinite = discounted(margin_per_period=m, retention=r, discount_rate=i).clv
    short = discounted(margin_per_period=m, retention=r, discount_rate=i, periods=n).clv
    longer = discounted(margin_per_period=m, retention=r, discount_rate=i,
                        periods=n + more).clv
    assert short <= longer <= infinite


@given(m=money, r=retention, i=st.floats(min_value=1e-6, max_value=1.0),
       n=st.none() | st.integers(1, 500))
def test_discounting_never_raises_clv(m, r, i, n):
    def at(rate):
        return discounted(margin_per_period=m, retention=r, discount_rate=rate, periods=n).clv

    assert at(i) <= at(0.0) * (1 + 1e-12)


@pytest.mark.parametrize("locale", LOCALES)
@given(number=st.decimals(min_value=-10**12, max_value=10**12, places=3,
                          allow_nan=False, allow_infinity=False))
def test_parse_reads_what_babel_formats(locale, number):
    babel_numbers = pytest.importorskip("babel.numbers")  # test env only
    text = babel_numbers.format_decimal(number, locale=locale)
    assert parse_number(text, locale) == float(Decimal(number))


@pytest.mark.parametrize("locale", LOCALES)
@given(number=st.decimals(min_value=0, max_value=100, places=1))
def test_parse_reads_babel_percent(locale, number):
    babel_numbers = pytest.importorskip("babel.numbers")
    text = babel_numbers.format_percent(number / 100, "#,##0.#%", locale=locale)
    assert math.isclose(parse_number(text, locale), float(number), rel_tol=1e-12)
