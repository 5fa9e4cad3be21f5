"""Texts for people: error templates, field labels, units and titles.

The package never builds an English sentence in code.  Every text lives
here as a template marked with ``N_()`` so ``pybabel extract`` (run with
``--add-comments=Translators:``) puts it into ``locales/messages.pot``; the
site, the web worker and the CLI translate it with gettext at display time.

Templates use named ``%(name)s`` placeholders (gettext's ``python-format``).
``%(field)s`` and ``%(other)s`` receive *translated labels* from ``LABELS``;
a literal percent sign is written ``%%``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any


def N_(message: str) -> str:
    """Mark *message* for extraction without translating it now.

    >>> N_("Margin")
    'Margin'
    """
    return message


# Error templates, keyed by InputError.code (the codes are a stable API:
# the web page puts them in data-error attributes).
MESSAGES: dict[str, str] = {
    "required": N_("%(field)s is required."),
    "not_a_number": N_("%(field)s must be a number."),
    # Translators: %(text)s is what the user typed; %(example)s is
    # 1234.56 written with this language's separators, e.g. "1 234,56".
    "ambiguous_number": N_(
        "%(field)s: cannot tell how to read “%(text)s”; write numbers "
        "like %(example)s."
    ),
    # Translators: shown when a percent sign is typed into a money or
    # count field.
    "percent_not_allowed": N_("%(field)s is not a percentage; remove the %% sign."),
    "must_be_positive": N_("%(field)s must be greater than 0."),
    "must_be_whole": N_("%(field)s must be a whole number of at least 1."),
    "must_be_fraction": N_(
        "%(field)s must be greater than 0%% and at most 100%%."
    ),
    "must_be_below_one": N_("%(field)s must be at least 0%% and less than 100%%."),
    # Translators: the discount rate is so low, relative to the retention
    # rate, that the sum of future margins would never converge.
    "out_of_range": N_(
        "%(field)s is too low for this retention rate: the customer "
        "lifetime value would be infinite."
    ),
    # Translators: %(other)s is the label of another field.
    "conflicting_inputs": N_("Enter either %(field)s or %(other)s, not both."),
    # Translators: %(other)s is the label of another field.
    "one_of_required": N_("Enter %(field)s or %(other)s."),
    "unknown_field": N_("%(field)s is not an input of this calculator."),
    "unknown_formula": N_("There is no calculator named “%(formula)s”."),
}

# Field and result labels, keyed by the keyword-argument names.
LABELS: dict[str, str] = {
    "aov": N_("Average order value"),
    "frequency": N_("Purchase frequency"),
    "lifespan": N_("Customer lifespan"),
    "margin": N_("Margin"),
    "revenue": N_("Revenue per customer"),
    "transactions_per_month": N_("Transactions per month"),
    "gross_margin": N_("Average gross margin"),
    "lifespan_months": N_("Customer lifespan in months"),
    # Translators: ARPA = average revenue per account, per period.
    "arpa": N_("Average revenue per account"),
    # Translators: the share of customers lost each period.
    "churn": N_("Churn rate"),
    "margin_per_period": N_("Margin per period"),
    # Translators: the share of customers kept each period.
    "retention": N_("Retention rate"),
    "discount_rate": N_("Discount rate"),
    "periods": N_("Number of periods"),
    # Translators: CAC = customer acquisition cost.
    "cac": N_("Customer acquisition cost"),
    "acquisition_spend": N_("Acquisition spend"),
    "new_customers": N_("New customers"),
    "customer_value": N_("Customer value"),
    "clv": N_("Customer lifetime value"),
    "lifetime": N_("Expected lifetime"),
    # Translators: the ratio of lifetime value to acquisition cost.
    "ltv_cac": N_("LTV:CAC ratio"),
    "payback": N_("CAC payback"),
}

# Units shown next to fields and results, keyed by the registry's unit ids.
UNITS: dict[str, str] = {
    "currency": N_("currency"),
    "currency_per_order": N_("currency per order"),
    "currency_per_period": N_("currency per period"),
    "currency_per_year": N_("currency per year"),
    "orders_per_year": N_("orders per year"),
    "transactions_per_month": N_("transactions per month"),
    "customers": N_("customers"),
    "years": N_("years"),
    "months": N_("months"),
    # Translators: a billing or accounting period (month, quarter, year).
    "periods": N_("periods"),
    "percent": N_("percent"),
    # Translators: unit of a ratio, as in "3.2 times".
    "times": N_("times"),
}

TITLES: dict[str, str] = {
    "simple": N_("Simple CLV"),
    "historical": N_("Historical CLV"),
    "predictive": N_("Predictive CLV"),
    "churn": N_("Churn-based CLV"),
    "discounted": N_("Discounted CLV with retention"),
    "unit_economics": N_("Unit economics: CLV, CAC and payback"),
}


def render(
    code: str,
    field: str | None,
    values: Mapping[str, Any],
    gettext: Callable[[str], str] = N_,
    label: Callable[[str], str] | None = None,
) -> str:
    """Fill the template of *code*, translating template and labels.

    *label* turns a field id into the text used for ``%(field)s`` and
    ``%(other)s`` (default: the translated ``LABELS`` entry; the CLI passes
    option names instead).

    >>> render("must_be_positive", "aov", {})
    'Average order value must be greater than 0.'
    >>> render("must_be_fraction", "margin", {}, label=lambda f: "--" + f)
    '--margin must be greater than 0% and at most 100%.'
    """
    if label is None:
        def label(name: str) -> str:
            return gettext(LABELS[name]) if name in LABELS else name
    filled: dict[str, Any] = dict(values)
    filled["field"] = label(field) if field else ""
    if "other" in filled:
        filled["other"] = label(str(filled["other"]))
    return gettext(MESSAGES[code]) % filled
