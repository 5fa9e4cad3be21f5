"""The worked examples of the glossary, computed by calculator/ at build time.

Pages show these numbers through Jinja (``{{ example.simple.clv | money }}``);
no number of a worked example is ever typed into the prose.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict
from typing import Any
from urllib.parse import urlencode

from calculator import analysis, formulas, messages, metrics, web
from calculator.counts import link_text
from calculator.inputs import to_percent
from calculator.models import bgbb, bgnbd, clv, gamma_gamma, mbgnbd, pareto_nbd, sbg
from calculator.models.table import PURCHASE_MODELS
from calculator.registry import FORMULAS
from calculator.transactions import UNIT_DAYS

# The inputs of each worked example, in US dollars; the outputs come from calculator/.
SIMPLE = dict(aov=75.0, frequency=4.0, lifespan=3.0, margin=0.30)
HISTORICAL_ORDERS = (180.0, 320.0, 95.0, 410.0, 235.0)
HISTORICAL_MARGIN = 0.35
PREDICTIVE = dict(transactions_per_month=1.5, aov=60.0, gross_margin=0.40, lifespan_months=24.0)
CHURN = dict(arpa=50.0, margin=0.80, churn=0.04)
DISCOUNTED = dict(margin_per_period=100.0, retention=0.80, discount_rate=0.10)
DISCOUNTED_PERIODS = 5
UNIT_ECONOMICS = dict(arpa=50.0, margin=0.80, churn=0.04, cac=300.0)
# Fader & Hardie (2007), table 1: the "High End" cohort, customers active at
# the start of years 0-7; a yearly margin and a yearly discount rate to match.
SUBSCRIPTION = dict(active=(1000, 869, 743, 653, 593, 551, 517, 491), margin_per_period=100.0,
                    discount_rate=0.10)

# The related terms' examples describe the same two businesses as the CLV
# entry: a subscription (CHURN, UNIT_ECONOMICS: monthly) and a shop (SIMPLE:
# yearly), so each term's result is an input of a CLV example above.
CHURN_RATE = dict(customers_lost=40, customers_at_start=1000)
RETENTION_RATE = dict(customers_at_end=1110, new_customers=150, customers_at_start=1000)
ACQUISITION = dict(acquisition_spend=30000.0, new_customers=100)
ORDER_VALUE = dict(revenue=30000.0, orders=400)
FREQUENCY = dict(orders=400, customers=100)
GROSS_MARGIN = dict(revenue=50000.0, cost_of_goods_sold=10000.0)
ARPU = dict(revenue=50000.0, accounts=1000)
MARKUP = dict(price=100.0, unit_cost=60.0)
LOWER_CHURN = 0.03
CHANNEL_CAC = dict(referral=150.0, paid_social=600.0)
COHORTS = ((dt.date(2025, 1, 1), (200, 170, 153, 145)),
           (dt.date(2025, 2, 1), (250, 200, 178)))
COHORT_PERIODS = 3
RFM_CUSTOMERS = (  # name, days since last purchase, orders, spend
    ("A", 5, 12, 1450.0), ("B", 12, 8, 980.0), ("C", 30, 8, 610.0),
    ("D", 45, 3, 720.0), ("E", 90, 2, 150.0), ("F", 200, 1, 60.0))
RFM_BINS = 3
NPS = dict(promoters=110, passives=50, detractors=40)

# Each market's examples in its own money: the dollar inputs times a rounded
# price level, so that an order, a subscription or a marketing budget has the
# size a shop there would see. These are not exchange rates; counts, rates and
# shares stay the same, so every page tells the same story in every currency.
PRICE_LEVEL = {"USD": 1, "EUR": 1, "PLN": 4, "UAH": 40, "VND": 25_000}
# The inputs above that are amounts of money (the others are counts or rates).
MONEY_INPUTS = frozenset({"aov", "arpa", "margin_per_period", "cac", "acquisition_spend", "revenue",
                          "cost_of_goods_sold", "price", "unit_cost", "referral", "paid_social"})

# The models' pages use the published CDNOW parameters, time in weeks: BG/NBD
# from Fader, Hardie & Lee (2005), Gamma-Gamma from Fader & Hardie's note 025.
BGNBD_CDNOW = bgnbd.Params(r=0.243, alpha=4.414, a=0.793, b=2.426)
GAMMA_GAMMA_CDNOW = gamma_gamma.Params(p=6.25, q=3.74, gamma=15.44)
# FHL's example customer, and one with the same purchases who went quiet early.
BGNBD_CUSTOMER = dict(x=2, t_x=30.43, T=38.86)
BGNBD_LAPSED_T_X = 5.0
BGNBD_HORIZON_WEEKS = 39.0
MODEL_HORIZON_MONTHS = 12
SPEND_CUSTOMER = dict(x=2, m_x=35.0)
HIGH_MEAN_SPEND = 100.0

# The other settings' models, with the same CDNOW customer where time is
# continuous. Pareto/NBD: Fader, Hardie & Lee's note 008 estimates. MBG/NBD:
# no published CDNOW estimates; these are the site's maximum-likelihood fit
# (lifetimes' ModifiedBetaGeoFitter gives the same, tests/data/lifetimes_cdnow.json).
PARETO_NBD_CDNOW = pareto_nbd.Params(r=0.55, alpha=10.58, s=0.61, beta=11.67)
MBGNBD_CDNOW = mbgnbd.Params(r=0.525, alpha=6.183, a=0.891, b=1.614)
# BG/BB: the 1995 donors of Fader, Hardie & Shang (2010), 6 yearly opportunities.
BGBB_DONATIONS = bgbb.Params(alpha=1.204, beta=0.750, gamma=0.657, delta=2.783)
BGBB_OPPORTUNITIES = 6
BGBB_DONORS = dict(loyal=dict(x=6, t_x=6), lapsed=dict(x=3, t_x=3))
BGBB_FUTURE = 5
# sBG: the "High End" cohort of Fader & Hardie (2007), customers active at the
# start of years 0-7; it is valued with the DISCOUNTED example's yearly margin and rate.
SBG_HIGH_END = (1000, 869, 743, 653, 593, 551, 517, 491)


def priced(inputs: dict[str, Any], currency: str) -> dict[str, Any]:
    """``inputs`` with its amounts of money in ``currency`` (PRICE_LEVEL); other values unchanged.

    >>> priced(dict(aov=75.0, frequency=4.0), "PLN")
    {'aov': 300.0, 'frequency': 4.0}
    """
    level = PRICE_LEVEL[currency]
    return {name: value * level if name in MONEY_INPUTS else value for name, value in inputs.items()}


def market(currency: str) -> dict[str, Any]:
    """The example inputs of this module that hold money, priced in ``currency``."""
    level = PRICE_LEVEL[currency]
    inputs: dict[str, Any] = {name: priced(globals()[name], currency) for name in (
        "SIMPLE", "PREDICTIVE", "CHURN", "DISCOUNTED", "UNIT_ECONOMICS", "SUBSCRIPTION", "ACQUISITION", "ORDER_VALUE",
        "GROSS_MARGIN", "ARPU", "MARKUP", "CHANNEL_CAC")}
    inputs["HISTORICAL_ORDERS"] = tuple(order * level for order in HISTORICAL_ORDERS)
    inputs["RFM_CUSTOMERS"] = tuple((name, days, orders, spend * level) for name, days, orders, spend in RFM_CUSTOMERS)
    return inputs


def example_inputs(currency: str = "USD") -> dict[str, dict[str, float]]:
    """The inputs of each worked example, keyed by formula id (they prefill the calculator)."""
    k = market(currency)
    return {
        "simple": k["SIMPLE"],
        "historical": {"revenue": sum(k["HISTORICAL_ORDERS"]), "margin": HISTORICAL_MARGIN},
        "predictive": k["PREDICTIVE"],
        "churn": k["CHURN"],
        "discounted": k["DISCOUNTED"],
        "unit_economics": k["UNIT_ECONOMICS"],
        "subscription": k["SUBSCRIPTION"],
    }


def example_hints(currency: str = "USD") -> dict[str, dict[str, float]]:
    """Plausible "for example" values of the optional fields a worked example leaves empty.

    Keyed by formula id like ``example_inputs``, amounts in ``currency``; they
    come from the related terms' examples (the CAC page's quarter, the
    discount table's years).
    """
    k = market(currency)
    hints: dict[str, dict[str, float]] = {formula_id: {} for formula_id in FORMULAS}
    hints["unit_economics"] = dict(k["ACQUISITION"])
    hints["discounted"] = {"periods": DISCOUNTED_PERIODS}
    return hints


def worked_examples(currency: str = "USD") -> dict[str, dict[str, Any]]:
    """Inputs and results of every worked example, keyed by formula id, amounts in ``currency``."""
    k = market(currency)
    historical_inputs = dict(revenue=sum(k["HISTORICAL_ORDERS"]), margin=HISTORICAL_MARGIN)
    simple = formulas.simple(**k["SIMPLE"])
    return {
        "simple": {**k["SIMPLE"], **asdict(simple),
                   "revenue": formulas.simple(**{**k["SIMPLE"], "margin": 1.0}).clv},
        "historical": {**historical_inputs, "orders": k["HISTORICAL_ORDERS"],
                       "order_count": len(k["HISTORICAL_ORDERS"]), **asdict(formulas.historical(**historical_inputs))},
        "predictive": {**k["PREDICTIVE"], **asdict(formulas.predictive(**k["PREDICTIVE"]))},
        "churn": {**k["CHURN"], **asdict(formulas.churn(**k["CHURN"]))},
        "discounted": {**k["DISCOUNTED"], **asdict(formulas.discounted(**k["DISCOUNTED"])),
                       "periods": DISCOUNTED_PERIODS,
                       "clv_finite": formulas.discounted(**k["DISCOUNTED"], periods=DISCOUNTED_PERIODS).clv,
                       "clv_undiscounted": formulas.discounted(**{**k["DISCOUNTED"], "discount_rate": 0.0}).clv,
                       # The churn-rate formula counts the first period's margin too:
                       # m/c with c = 1 − r is one margin more than m·r/(1 + 0 − r).
                       "clv_churn_convention": formulas.churn(arpa=k["DISCOUNTED"]["margin_per_period"], margin=1.0,
                                                              churn=1 - k["DISCOUNTED"]["retention"]).clv},
        "unit_economics": {**k["UNIT_ECONOMICS"], **asdict(formulas.unit_economics(**k["UNIT_ECONOMICS"]))},
        **term_examples(currency),
        **model_examples(),
        **setting_examples(currency),
    }


def term_examples(currency: str = "USD") -> dict[str, dict[str, Any]]:
    """Inputs and results of the related terms' examples, keyed by page slug (with _)."""
    k = market(currency)
    unit = formulas.unit_economics(**k["UNIT_ECONOMICS"])
    churn_clv = formulas.churn(**k["CHURN"]).clv
    # Expected margins m × r^t of the discounted example, year by year.
    margin, retention = k["DISCOUNTED"]["margin_per_period"], k["DISCOUNTED"]["retention"]
    flows = [margin * retention ** t for t in range(1, DISCOUNTED_PERIODS + 1)]
    rate = k["DISCOUNTED"]["discount_rate"]
    cohorts = []
    for start, customers in COHORTS:
        result = metrics.cohort_retention(customers=customers)
        shares = list(result.share_active) + [None] * (COHORT_PERIODS - len(result.share_active))
        cohorts.append({"start": start, "size": customers[0], "share_active": shares,
                        "period_retention": result.period_retention})
    names, recency, frequency, monetary = zip(*k["RFM_CUSTOMERS"])
    rfm = metrics.rfm_scores(recency=recency, frequency=frequency, monetary=monetary, bins=RFM_BINS)
    return {
        "churn_rate": {**CHURN_RATE, "churn": metrics.churn_rate(**CHURN_RATE),
                       "lifetime": metrics.customer_lifespan(churn=metrics.churn_rate(**CHURN_RATE)),
                       # Twelve months of 4 % churn keep 0.96^12 of customers, not 1 − 12 × 4 %.
                       "annual_churn": 1 - (1 - metrics.churn_rate(**CHURN_RATE)) ** 12,
                       "clv": churn_clv, "lower_churn": LOWER_CHURN,
                       "clv_lower_churn": formulas.churn(**{**k["CHURN"], "churn": LOWER_CHURN}).clv},
        "retention_rate": {**RETENTION_RATE, "kept": RETENTION_RATE["customers_at_end"] - RETENTION_RATE["new_customers"],
                           "retention": metrics.retention_rate(**RETENTION_RATE),
                           "churn": 1 - metrics.retention_rate(**RETENTION_RATE)},
        "customer_acquisition_cost": {**k["ACQUISITION"], "cac": metrics.customer_acquisition_cost(**k["ACQUISITION"]),
                                      "clv": churn_clv, "ltv_cac": unit.ltv_cac},
        "ltv_cac_ratio": {"clv": unit.clv, "cac": unit.cac, "ltv_cac": unit.ltv_cac,
                          **{f"{channel}_cac": cac for channel, cac in k["CHANNEL_CAC"].items()},
                          **{f"{channel}_ltv_cac": formulas.unit_economics(**{**k["UNIT_ECONOMICS"], "cac": cac}).ltv_cac
                             for channel, cac in k["CHANNEL_CAC"].items()}},
        "cac_payback_period": {**k["UNIT_ECONOMICS"], "monthly_margin": k["UNIT_ECONOMICS"]["arpa"] * k["UNIT_ECONOMICS"]["margin"],
                               "payback": unit.payback, "lifetime": unit.lifetime},
        "average_order_value": {**k["ORDER_VALUE"], "aov": metrics.average_order_value(**k["ORDER_VALUE"])},
        "purchase_frequency": {**FREQUENCY, "frequency": metrics.purchase_frequency(**FREQUENCY)},
        "customer_lifespan": {"churn": k["CHURN"]["churn"], "lifespan": metrics.customer_lifespan(churn=k["CHURN"]["churn"]),
                              "arpa": k["CHURN"]["arpa"], "margin": k["CHURN"]["margin"], "clv": churn_clv},
        "gross_margin": {**k["GROSS_MARGIN"], "gross_profit": k["GROSS_MARGIN"]["revenue"] - k["GROSS_MARGIN"]["cost_of_goods_sold"],
                         "margin": metrics.gross_margin(**k["GROSS_MARGIN"]),
                         **k["MARKUP"], "unit_margin": metrics.gross_margin(revenue=k["MARKUP"]["price"], cost_of_goods_sold=k["MARKUP"]["unit_cost"]),
                         # Markup: the same profit as a share of the cost.
                         "markup": (k["MARKUP"]["price"] - k["MARKUP"]["unit_cost"]) / k["MARKUP"]["unit_cost"]},
        "arpu": {**k["ARPU"], "arpu": metrics.arpu(**k["ARPU"]), "margin": k["CHURN"]["margin"], "churn": k["CHURN"]["churn"],
                 "clv": churn_clv},
        "discount_rate": {"margin_per_period": margin, "retention": retention, "discount_rate": rate,
                          "years": [{"year": t, "margin": flow, "present_value": flow / (1 + rate) ** t}
                                    for t, flow in enumerate(flows, start=1)],
                          "periods": DISCOUNTED_PERIODS, "undiscounted": sum(flows),
                          "npv": metrics.net_present_value(cash_flows=flows, discount_rate=rate),
                          "year_one_value": metrics.net_present_value(cash_flows=[margin], discount_rate=rate), "clv": formulas.discounted(**k["DISCOUNTED"]).clv},
        "cohort_analysis": {"cohorts": cohorts, "periods": COHORT_PERIODS},
        "rfm_segmentation": {"bins": RFM_BINS, "customers": [
            {"name": name, "recency": r, "frequency": f, "monetary": m, "r": rs, "f": fs, "m": ms, "cell": cell}
            for name, r, f, m, rs, fs, ms, cell in zip(names, recency, frequency, monetary, rfm.recency,
                                                       rfm.frequency, rfm.monetary, rfm.cells)]},
        "net_promoter_score": {**NPS, "responses": sum(NPS.values()),
                               **asdict(metrics.net_promoter_score(**NPS))},
    }


def model_examples() -> dict[str, dict[str, Any]]:
    """Inputs and results of the BG/NBD and Gamma-Gamma pages' examples (CDNOW, weeks)."""
    params, customer, horizon = BGNBD_CDNOW, BGNBD_CUSTOMER, BGNBD_HORIZON_WEEKS
    lapsed = {**customer, "t_x": BGNBD_LAPSED_T_X}
    # "12 months" is 52.18 weeks in the model's unit; read as 12 weeks it is a mistake.
    horizon_weeks = clv.horizon_in_unit(MODEL_HORIZON_MONTHS, "month", "week")
    spend_params, x, m_x = GAMMA_GAMMA_CDNOW, SPEND_CUSTOMER["x"], SPEND_CUSTOMER["m_x"]
    spend = gamma_gamma.conditional_expected_spend(spend_params, x, m_x)
    margin, annual_rate = SIMPLE["margin"], clv.DEFAULT_ANNUAL_DISCOUNT_RATE
    weekly_rate = clv.discount_rate_per(annual_rate, "year", "week")

    def residual(rate: float) -> float:
        """The example customer's residual CLV over 12 months, weekly cash flows."""
        return clv.residual_clv(params, **customer, spend=spend, margin=margin, horizon=horizon_weeks,
                                step=1.0, discount_rate=rate)

    return {
        "bgnbd": {**params._asdict(), **customer, "horizon": horizon,
                  "p_alive": bgnbd.probability_alive(params, **customer),
                  "expected": bgnbd.conditional_expected_purchases(params, horizon, **customer),
                  "new_expected": bgnbd.expected_purchases(params, horizon),
                  "lapsed_t_x": lapsed["t_x"],
                  "lapsed_p_alive": bgnbd.probability_alive(params, **lapsed),
                  "lapsed_expected": bgnbd.conditional_expected_purchases(params, horizon, **lapsed),
                  "months": MODEL_HORIZON_MONTHS, "horizon_weeks": horizon_weeks,
                  "expected_months": bgnbd.conditional_expected_purchases(params, horizon_weeks, **customer),
                  "expected_wrong_unit": bgnbd.conditional_expected_purchases(params, MODEL_HORIZON_MONTHS,
                                                                               **customer)},
        "gamma_gamma": {**spend_params._asdict(), "x": x, "mean_spend": m_x, "expected_spend": spend,
                        "population_mean": gamma_gamma.conditional_expected_spend(spend_params, 0, 0.0),
                        # Note 025 eq. (5): the weight of the customer's own mean.
                        "weight": spend_params.p * x / (spend_params.p * x + spend_params.q - 1),
                        "high_mean_spend": HIGH_MEAN_SPEND,
                        "high_expected_spend": gamma_gamma.conditional_expected_spend(spend_params, x,
                                                                                      HIGH_MEAN_SPEND),
                        **customer, "months": MODEL_HORIZON_MONTHS, "horizon_weeks": horizon_weeks,
                        "expected_purchases": bgnbd.conditional_expected_purchases(params, horizon_weeks,
                                                                                   **customer),
                        "margin": margin, "annual_discount_rate": annual_rate, "weekly_discount_rate": weekly_rate,
                        "residual_clv": residual(weekly_rate), "residual_clv_undiscounted": residual(0.0),
                        # The annual rate applied to every week: a value far too low.
                        "residual_clv_wrong_rate": residual(annual_rate)},
    }


def setting_examples(currency: str = "USD") -> dict[str, dict[str, Any]]:
    """The Pareto/NBD, MBG/NBD, BG/BB and sBG pages' examples; the sBG's money in ``currency``."""
    customer, horizon = BGNBD_CUSTOMER, BGNBD_HORIZON_WEEKS
    quiet = {"x": 0, "t_x": 0.0, "T": customer["T"]}

    def continuous(model, params) -> dict[str, Any]:
        return {**params._asdict(), **customer, "horizon": horizon,
                "p_alive": model.probability_alive(params, **customer),
                "expected": model.conditional_expected_purchases(params, horizon, **customer),
                "new_expected": model.expected_purchases(params, horizon),
                "quiet_p_alive": model.probability_alive(params, **quiet),
                "bgnbd_p_alive": bgnbd.probability_alive(BGNBD_CDNOW, **customer)}

    params, n = BGBB_DONATIONS, BGBB_OPPORTUNITIES
    donors = {f"{name}_{key}": value for name, donor in BGBB_DONORS.items() for key, value in {
        **donor, "p_alive": bgbb.probability_alive(params, **donor, n=n),
        "expected": bgbb.conditional_expected_purchases(params, BGBB_FUTURE, **donor, n=n)}.items()}
    fitted = sbg.fit([SBG_HIGH_END]).params
    renewals = len(SBG_HIGH_END) - 1
    margin, rate = priced(DISCOUNTED, currency)["margin_per_period"], DISCOUNTED["discount_rate"]
    derl = sbg.discounted_expected_residual_lifetime(fitted, renewals, rate)
    return {
        "pareto_nbd": continuous(pareto_nbd, PARETO_NBD_CDNOW),
        "mbgnbd": continuous(mbgnbd, MBGNBD_CDNOW),
        "bgbb": {**params._asdict(), "n": n, "future": BGBB_FUTURE, **donors,
                 "new_expected": bgbb.expected_purchases(params, n)},
        "sbg": {"alpha": fitted.alpha, "beta": fitted.beta, "active": SBG_HIGH_END,
                "start": SBG_HIGH_END[0], "end": SBG_HIGH_END[-1], "renewals": renewals,
                "mean_churn": fitted.alpha / (fitted.alpha + fitted.beta),
                "retention_first": sbg.retention_rate(fitted, 1),
                "retention_next": sbg.retention_rate(fitted, renewals + 1),
                "margin": margin, "discount_rate": rate, "derl": derl, "lifetime_value": margin * derl},
    }


def calculator_query(formula_id: str, currency: str = "USD") -> str:
    """The query string that opens the calculator with a worked example filled in.

    Rates travel in percent, as they are typed in the forms (DESIGN.md).
    """
    rates = {param.name for param in FORMULAS[formula_id].params if param.kind == "rate"}
    lists = {param.name for param in FORMULAS[formula_id].params if param.kind == "counts"}
    values = {name: to_percent(value) if name in rates else value
              for name, value in example_inputs(currency)[formula_id].items()}
    return urlencode({"formula": formula_id, **{k: link_text(v) if k in lists else repr(v).removesuffix(".0")
                                                for k, v in values.items()}})


def page_context(currency: str = "USD") -> dict[str, Any]:
    """What every page template may use: worked examples (amounts in ``currency``) and the calculator's tables."""
    return {
        "example": worked_examples(currency),
        # The calendar the models use (a month is a twelfth of 365.25 days), for prose and formulas.
        "days": {"month": UNIT_DAYS["month"], "year": UNIT_DAYS["year"]},
        "example_inputs": example_inputs(currency),
        "example_hints": example_hints(currency),
        "formulas": FORMULAS,
        "calculator_query": lambda formula_id: calculator_query(formula_id, currency),
        # The calculator forms show their example's results from the build.
        "calculate": web.calculate,
        "titles": messages.TITLES,
        "labels": messages.LABELS,
        "units": messages.UNITS,
        "currency_units": messages.CURRENCY_UNITS,
        "to_percent": to_percent,
        # The "your data" page: its settings, their defaults and the table's columns, as analysis has them.
        "analysis": {"columns": analysis.COLUMNS, "defaults": analysis.DEFAULTS,
                     "model_units": analysis.MODEL_UNITS, "horizon_units": analysis.HORIZON_UNITS,
                     # The model menu: the table's continuous-time purchase models, in its order.
                     "purchase_models": tuple(PURCHASE_MODELS)},
        # Every text the worker may need to translate: error templates and labels.
        "calculator_msgids": sorted({*messages.MESSAGES.values(), *messages.LABELS.values()}),
        # ... and, on the "your data" page, the texts of the file analysis.
        "analysis_msgids": sorted({*messages.MESSAGES.values(), *messages.LABELS.values(),
                                   *messages.ANALYSIS_TEXTS.values(), *messages.HEADER_NAMES.values(),
                                   *messages.COLUMN_LABELS.values(), *messages.PARAMETER_LABELS.values(),
                                   *messages.SEGMENT_NAMES.values(), *messages.SEGMENT_ADVICE.values()}),
    }
