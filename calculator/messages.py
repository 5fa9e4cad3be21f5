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
    # Translators: shown when the inputs are valid but the result overflows.
    "result_not_finite": N_("The result is too large to compute; check the numbers you entered."),
    "unknown_formula": N_("There is no calculator named “%(formula)s”."),
    "must_be_non_negative": N_("%(field)s must be 0 or more."),
    # Translators: %(other)s is the label of another field, e.g. "Customers
    # lost cannot be more than Customers at the start."
    "exceeds": N_("%(field)s cannot be more than %(other)s."),
    # Translators: customers at the end of a period minus the new customers
    # won in it are the customers kept, who cannot outnumber those at the start.
    "end_above_start_plus_new": N_(
        "%(field)s cannot be more than the customers at the start plus the "
        "new customers."
    ),
    # Translators: the three answer counts of a Net Promoter Score survey.
    "all_zero": N_("%(field)s and the other counts cannot all be 0."),
    # Translators: two lists of values, one value per customer each.
    "length_mismatch": N_("%(field)s must have as many values as %(other)s."),
    # Translators: the customers of a cohort still active after each period.
    "must_not_increase": N_("%(field)s cannot increase from one period to the next."),
    # Errors of the transaction-file analysis (calculator.transactions,
    # calculator.models, calculator.analysis).
    # Translators: %(choices)s lists the accepted values exactly as they must be
    # typed (e.g. "day, week, month"); they stay in English, like option values.
    "not_one_of": N_("%(field)s must be one of: %(choices)s (not “%(text)s”)."),
    # Translators: keep 1997-09-30 as written (ISO format).
    "not_a_date": N_("%(field)s must be a date like 1997-09-30, not “%(text)s”."),
    "must_be_above_minus_one": N_("%(field)s must be greater than −100%%."),
    # Errors in an uploaded transaction file.  %(line)s is a line number in
    # the file (the header is line 1); %(field)s is "Transaction file" or a
    # kind of value (Customer id, Date, Amount).
    "empty_file": N_("%(field)s is empty."),
    # Translators: %(encoding)s is a text encoding such as "utf-8".
    "not_text": N_(
        "%(field)s is not %(encoding)s text (line %(line)s); save it as UTF-8 CSV."
    ),
    # Translators: %(header)s lists the column names found, as written in the file.
    "missing_column": N_(
        "%(field)s: no column found in line %(line)s (the header); the columns are: %(header)s."
    ),
    # Translators: %(column)s is a column name the user gave; %(header)s
    # lists the column names found, as written in the file.
    "unknown_column": N_(
        "%(field)s: no column “%(column)s” in line %(line)s (the header); the columns "
        "are: %(header)s."
    ),
    # Translators: %(expected)s and %(found)s are numbers of fields in a row.
    "short_row": N_(
        "%(field)s, line %(line)s: expected at least %(expected)s fields, found %(found)s."
    ),
    "missing_customer": N_("Line %(line)s: %(field)s is empty."),
    # Translators: %(text)s is the date as written in the file; %(expected)s
    # is the expected format, e.g. YYYY-MM-DD or %%d/%%m/%%Y.
    "bad_date": N_("Line %(line)s: %(field)s “%(text)s” cannot be read; expected %(expected)s."),
    # Translators: %(text)s is the amount as written in the file.
    "bad_amount": N_("Line %(line)s: %(field)s “%(text)s” cannot be read as a number."),
    "no_transactions": N_("%(field)s has no transactions."),
    # Translators: %(end)s is the observation end date.
    "no_transactions_before_end": N_("%(field)s has no transactions on or before the end date %(end)s."),
    # Translators: %(field)s is a model's name; the model needs customers who
    # bought more than once; %(repeat)s is how many there are.
    "not_enough_repeat_buyers": N_(
        "%(field)s needs customers with repeat purchases; this data has %(repeat)s."
    ),
    # Translators: the numerical search for a model's parameters failed.
    "model_not_converged": N_(
        "%(field)s: the fit did not converge after %(iterations)s iterations; "
        "the data may not suit this model."
    ),
    # Errors in a per-customer summary file (calculator.summaries): %(field)s is
    # a column name as written in the file (frequency, recency, T, count...).
    # Translators: %(minimum)s is 0 or 1; %(text)s is the cell as written.
    "summary_not_whole": N_(
        "Line %(line)s: %(field)s must be a whole number of at least %(minimum)s, not “%(text)s”."
    ),
    # Translators: %(text)s is the cell as written in the file.
    "summary_not_non_negative": N_("Line %(line)s: %(field)s must be a number of at least 0, not “%(text)s”."),
    # Translators: %(text)s is the cell as written in the file.
    "summary_not_a_number": N_("Line %(line)s: %(field)s must be a number, not “%(text)s”."),
    # Translators: recency (time to the last purchase) cannot exceed T (time to the end).
    "summary_recency_after_T": N_("Line %(line)s: %(field)s cannot be more than %(other)s."),
    # Translators: %(package)s is a Python package (duckdb, pyspark);
    # %(command)s the command that installs it, to be kept as written.
    "engine_not_installed": N_("%(field)s needs the Python package %(package)s: %(command)s"),
    # Translators: %(engine)s is DuckDB or Spark; %(detail)s is its own
    # message, in English.
    "engine_failed": N_("%(field)s: %(engine)s could not read it: %(detail)s"),
}

# Field and result labels, keyed by the keyword-argument names.
LABELS: dict[str, str] = {
    "aov": N_("Average order value"),
    "frequency": N_("Purchase frequency"),
    "lifespan": N_("Customer lifespan"),
    # Translators: a form field: the gross margin, in percent of revenue.
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
    "customers_lost": N_("Customers lost"),
    "customers_at_start": N_("Customers at the start"),
    "customers_at_end": N_("Customers at the end"),
    # Translators: a number of orders (a form field; also an RFM table column).
    "orders": N_("Orders"),
    # Translators: a number of customers (a form field, a table column). The
    # your-data page's heading "Customers" has its own entry (context "results heading").
    "customers": N_("Customers"),
    "cost_of_goods_sold": N_("Cost of goods sold"),
    # Translators: paying customer accounts (companies or users).
    "accounts": N_("Accounts"),
    # Translators: money received (or paid) in each period.
    "cash_flows": N_("Cash flows"),
    # Translators: NPS survey answers of 9 or 10.
    "promoters": N_("Promoters"),
    # Translators: NPS survey answers of 7 or 8.
    "passives": N_("Passives"),
    # Translators: NPS survey answers of 0 to 6.
    "detractors": N_("Detractors"),
    # Translators: RFM: time since each customer's last purchase.
    "recency": N_("Recency"),
    # Translators: RFM: each customer's total spend.
    "monetary": N_("Monetary value"),
    # Translators: RFM: how many score groups (5 for quintiles).
    "bins": N_("Number of score groups"),
    # The transaction-file analysis: the file, its columns, options, models.
    # Translators: the uploaded transaction file.
    "file": N_("Transaction file"),
    # Translators: a column of the transaction file: who bought.
    "customer_column": N_("Customer id"),
    # Translators: a column of the transaction file: when they bought.
    "date_column": N_("Date"),
    # Translators: a column of the transaction file: how much they spent.
    "amount_column": N_("Amount"),
    # Translators: the last day of the observation period.
    "end": N_("End date"),
    # Translators: the time unit of the model (day, week or month).
    "unit": N_("Time unit"),
    # Translators: how far ahead the prediction looks.
    "horizon": N_("Horizon"),
    "horizon_unit": N_("Horizon unit"),
    # Translators: BG/NBD is the model's name; keep the abbreviation.
    "bgnbd": N_("BG/NBD purchase model"),
    # Translators: Gamma-Gamma is the model's name; keep it.
    "gamma_gamma": N_("Gamma-Gamma spend model"),
}

# Units shown next to fields and results, keyed by the registry's unit ids.
UNITS: dict[str, str] = {
    # Translators: the unit of an amount of money, in any currency
    # (help text: "currency, for example 12"; not a currency sign).
    "currency": N_("currency"),
    "currency_per_order": N_("currency per order"),
    "currency_per_period": N_("currency per period"),
    "currency_per_year": N_("currency per year"),
    "orders_per_year": N_("orders per year"),
    "transactions_per_month": N_("transactions per month"),
    # Translators: the unit of a count of customers
    # (help text: "customers, for example 12").
    "customers": N_("customers"),
    # Translators: a field's or result's unit, shown in its help text
    # ("years, for example 3") and in parentheses after a result's label
    # ("Expected lifetime (years)"), never right after a number; an
    # abbreviation is fine. The your-data page's menus have their own entry
    # (context "time unit menu").
    "years": N_("years"),
    # Translators: a field's unit, as "years" (help text, result labels).
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


# Texts the web worker fills in while it analyses a transaction file
# (calculator.web.analyze_for_page), keyed by progress stage or purpose.
# Numbers come after a colon so no plural form is needed.
ANALYSIS_TEXTS: dict[str, str] = {
    # Translators: progress; %(done)s is a number of rows of the file.
    "read": N_("Reading the file: %(done)s rows"),
    # Translators: progress; %(done)s counts trials of the numerical search.
    "fit_bgnbd": N_("Fitting the BG/NBD purchase model: %(done)s steps"),
    "fit_gamma_gamma": N_("Fitting the Gamma-Gamma spend model"),
    # Translators: progress; %(done)s and %(total)s are numbers of customers.
    "predict": N_("Predicting per customer: %(done)s of %(total)s"),
    # Translators: progress; the expected-versus-actual purchases chart.
    "tracking": N_("Drawing the tracking plot"),
    # Translators: under the per-customer table; all rows are in the CSV download.
    "table_note": N_("Customers shown: %(shown)s of %(total)s. The download has all of them."),
    # Translators: rows of the file that could not be read and were skipped.
    "bad_rows": N_("Rows skipped because they could not be read: %(count)s. The first ones:"),
    # Translators: rows dated after the chosen end date, not used by the models.
    "rows_after_end": N_("Rows after the end date, not used for fitting: %(count)s."),
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
