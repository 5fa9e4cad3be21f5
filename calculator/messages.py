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


def pgettext(context: str, message: str) -> str:
    """Mark *message* with *context* for extraction (pybabel's ``pgettext``
    keyword); the catalog key is ``context + "\\x04" + message``, as in GNU
    gettext's compiled catalogs.

    >>> pgettext("CSV header", "date")
    'CSV header\\x04date'
    """
    return f"{context}\x04{message}"


def header_names(gettext: Callable[[str], str]) -> dict[str, list[str]]:
    """The translated column names per role, from a catalog's *gettext*.

    *gettext* may be ``GNUTranslations.gettext`` or a dict's lookup that
    returns the key itself when there is no translation (then no names).

    >>> header_names({HEADER_NAMES["date"]: "data|data zamówienia"}.get)["date"]
    ['data', 'data zamówienia']
    >>> header_names(N_)["customer"]
    []
    """
    names = {}
    for role, key in HEADER_NAMES.items():
        text = gettext(key) or key
        names[role] = [] if text == key else [n.strip() for n in text.split("|") if n.strip()]
    return names


# Error templates, keyed by the code of calculator/errors.py's errors (the
# codes are a stable API: the web page puts them in data-error attributes).
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
    # Translators: %(limit)s is the largest number accepted, written with this
    # language's separators (e.g. "1 000 000 000 000").
    "too_large": N_("%(field)s is too large: enter at most %(limit)s."),
    "unknown_field": N_("%(field)s is not an input of this calculator."),
    # Translators: shown when the inputs are valid but the result overflows.
    "result_not_finite": N_("The result is too large to compute; check the numbers you entered."),
    "unknown_formula": N_("There is no calculator named “%(formula)s”."),
    # Translators: %(field)s names the language setting (e.g. "--locale");
    # %(locale)s is the language code given, %(choices)s the codes known.
    "unsupported_locale": N_(
        "%(field)s: there are no number formats for the language “%(locale)s”; "
        "use one of %(choices)s."
    ),
    "must_be_non_negative": N_("%(field)s must be 0 or more."),
    # Translators: %(other)s is the label of another field, e.g. "Customers
    # lost cannot be more than Customers at the start."
    "exceeds": N_("%(field)s cannot be more than %(other)s."),
    # Translators: customers at the end of a period minus the new customers
    # won in it are the customers kept (assuming none of the new ones left
    # again in the same period), who cannot outnumber those at the start.
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
    # Errors in a list of counts typed or pasted into one field (calculator.counts):
    # %(position)s is the place of the count in the list, 1 for the first,
    # %(text)s the count (or the whole list) as typed.
    "count_not_whole": N_("%(field)s, count %(position)s: “%(text)s” is not a whole number of 0 or more."),
    # Translators: %(previous)s is the count before it, as typed.
    "count_rises": N_(
        "%(field)s, count %(position)s: %(text)s is more than the count before it "
        "(%(previous)s); active customers cannot rise."
    ),
    # Translators: the first count is the number of customers the cohort started with.
    "first_count_zero": N_("%(field)s: the first count, the customers at the start, must be greater than 0."),
    # Translators: %(limit)s and %(found)s are numbers of counts, after a colon
    # so that no word has to agree with them.
    "too_few_counts": N_("%(field)s: too few counts (at least: %(limit)s, found: %(found)s)."),
    # Translators: as above.
    "too_many_counts": N_("%(field)s: too many counts (at most: %(limit)s, found: %(found)s)."),
    # Translators: "1 000 869" could be 1000 and 869, or 1, 0 and 869; the
    # calculator asks instead of guessing.
    "ambiguous_counts": N_(
        "%(field)s, count %(position)s: cannot tell whether the spaces in “%(text)s” separate "
        "counts or group digits; put each count on its own line or separate the counts with "
        "semicolons."
    ),
    # Errors of the transaction-file analysis (calculator.transactions,
    # calculator.models, calculator.analysis).
    # Translators: %(choices)s lists the accepted values exactly as they must be
    # typed (e.g. "day, week, month"); they stay in English, like option values.
    "not_one_of": N_("%(field)s must be one of: %(choices)s (not “%(text)s”)."),
    # Translators: keep 1997-09-30 as written (ISO format).
    "not_a_date": N_("%(field)s must be a date like 1997-09-30, not “%(text)s”."),
    # Translators: the holdout period, used to check the predictions, runs
    # from the end date to the holdout end date.
    "holdout_after_end": N_("%(field)s needs an end date and must come after it."),
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
    # Translators: %(expected)s and %(found)s are numbers of fields in a row
    # (written so that no word follows a number: no plural form needed).
    "short_row": N_(
        "%(field)s, line %(line)s: too few fields (expected: at least %(expected)s, found: %(found)s)."
    ),
    "missing_customer": N_("Line %(line)s: %(field)s is empty."),
    # Translators: %(text)s is the date as written in the file; %(expected)s
    # is the expected format, e.g. YYYY-MM-DD or %%d/%%m/%%Y.
    "bad_date": N_("Line %(line)s: %(field)s “%(text)s” cannot be read; expected %(expected)s."),
    # Translators: %(text)s is the amount as written in the file.
    "bad_amount": N_("Line %(line)s: %(field)s “%(text)s” cannot be read as a number."),
    # Translators: %(text)s is the amount as written in the file; amounts are
    # limited so that their sums stay finite.
    "amount_too_large": N_("Line %(line)s: %(field)s “%(text)s” is too large for an amount."),
    # Translators: %(text)s is a date as written in the file, e.g. 01/02/2024,
    # which could be 1 February or January 2; the page then offers a "Date
    # order" menu (day first, month first) next to the file.
    "ambiguous_date_order": N_(
        "%(field)s: dates such as “%(text)s” (line %(line)s) can be read day first or "
        "month first, and the file does not tell which; choose the date order and "
        "analyse again."
    ),
    # Translators: %(expected)s and %(found)s are numbers of fields (columns);
    # the usual cause is an amount with a decimal comma, such as 1,5, in a
    # file whose fields are separated by commas.
    "long_row": N_(
        "%(field)s, line %(line)s: more fields than the header has (header: "
        "%(expected)s, this line: %(found)s); an amount with a decimal comma must be "
        "in quotes in a comma-separated file."
    ),
    # Translators: %(limit)s is a number of characters; the usual cause is a
    # quotation mark that opens a field and is never closed.
    "field_too_long": N_(
        "%(field)s, line %(line)s: a field is too long (the limit, in characters: "
        "%(limit)s); is a quotation mark left open?"
    ),
    "bad_csv": N_("%(field)s, line %(line)s: this line cannot be read as CSV."),
    # Translators: %(limit)s is the number of rows the analysis reads at most.
    "too_many_rows": N_(
        "%(field)s has more rows than the analysis reads (the limit: %(limit)s)."
    ),
    # Translators: %(first)s and %(last)s are dates (YYYY-MM-DD); %(limit)s is
    # a number of months. A mistyped year (0024 for 2024) is the usual cause.
    "date_span_too_long": N_(
        "%(field)s: the dates run from %(first)s to %(last)s, a longer span than the "
        "analysis handles (the limit, in months: %(limit)s); look for a mistyped year, "
        "or set the end date."
    ),
    # Translators: %(limit)s is a number in the horizon's own unit (the menu
    # next to the field: days, weeks, months or years).
    "horizon_too_long": N_(
        "%(field)s is too long: in this unit it can be at most %(limit)s."
    ),
    # Translators: %(limit)s is a percentage, e.g. 1000; "its equivalent" is
    # the same rate compounded over another period (a month, a day).
    "discount_rate_too_high": N_(
        "%(field)s is too high: the limit is %(limit)s%% a year, or its equivalent "
        "for another period."
    ),
    # Translators: the browser ran out of memory while analysing the file.
    "out_of_memory": N_(
        "%(field)s is too large to analyse in the browser; the command-line tool "
        "(python -m calculator analyze) reads larger files."
    ),
    "no_transactions": N_("%(field)s has no transactions."),
    # Translators: %(end)s is the observation end date.
    "no_transactions_before_end": N_("%(field)s has no transactions on or before the end date %(end)s."),
    # Translators: %(field)s is a model's name; the model needs customers who
    # bought more than once; %(repeat)s is how many there are.
    "not_enough_repeat_buyers": N_(
        "%(field)s needs customers with repeat purchases; this data has %(repeat)s."
    ),
    # Translators: %(field)s is a model's name; refunds can leave repeat
    # buyers with an average spend of 0 or less. %(repeat)s and %(positive)s
    # are counts, after a colon so that no word has to agree with them.
    "not_enough_positive_spend": N_(
        "%(field)s needs at least 2 repeat buyers whose average spend is above 0. "
        "Repeat buyers: %(repeat)s; with spend above 0: %(positive)s."
    ),
    # Translators: %(field)s is a model's name. A retention model needs
    # counts in which some customers renewed and some cancelled.
    "not_enough_renewals": N_(
        "%(field)s needs counts in which some customers renewed and some cancelled."
    ),
    # Translators: the numerical search for a model's parameters failed.
    "model_not_converged": N_(
        "%(field)s: the fit did not converge (iterations: %(iterations)s); "
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
    "monetary": N_("Monetary value (total spend)"),
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
    # Translators: whether the file's dates are day first (31.12.2024) or
    # month first (12/31/2024).
    "date_order": N_("Date order"),
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
    # Translators: Pareto/NBD is the model's name; keep it.
    "pareto_nbd": N_("Pareto/NBD purchase model"),
    # Translators: MBG/NBD (modified BG/NBD) is the model's name; keep it.
    "mbgnbd": N_("MBG/NBD purchase model"),
    # Translators: BG/BB (beta-geometric/beta-Bernoulli) is the model's
    # name; keep it. It models transactions at fixed occasions (yearly
    # donations, each issue of a magazine).
    "bgbb": N_("BG/BB transaction model"),
    # Translators: the number of occasions to transact after the first
    # transaction (for example 6 yearly fund drives).
    "n": N_("Transaction opportunities"),
    # Translators: how many coming occasions to transact the prediction covers.
    "future": N_("Future opportunities"),
    # Translators: the table of (frequency, recency, opportunities, customers)
    # rows the BG/BB model is fitted to.
    "summary": N_("Summary table"),
    # Translators: sBG (shifted beta-geometric) is the model's name; keep
    # the abbreviation. It models renewals of subscriptions and contracts.
    "sbg": N_("sBG retention model"),
    # Translators: the counts of one cohort's customers still subscribed at
    # the start of each period (1000, 869, 743, ...).
    "active": N_("Active customers per period"),
    # Translators: a period of a subscription, counted 0, 1, 2, ... from the start.
    "period": N_("Period"),
    # Translators: how many times a subscriber has renewed so far.
    "renewals": N_("Renewals so far"),
    # Translators: the last day of the holdout period, the period after the
    # end date whose purchases are compared with the predictions.
    "holdout_end": N_("Holdout end date"),
    # Translators: the option choosing which model predicts repeat
    # purchases (BG/NBD, Pareto/NBD, ...).
    "model": N_("Purchase model"),
    # Translators: the language whose number formats the calculator uses.
    "locale": N_("Language"),
    # Translators: which calculator (formula) a request asks for.
    "formula": N_("Calculator"),
    # Translators: the program that computes the customer summary in SQL
    # (DuckDB or Spark), an option of the command line.
    "engine": N_("Database engine"),
    # Translators: how the dates of a transaction file are written (an
    # option of the command line: ISO 8601, YYYYMMDD).
    "date_format": N_("Date format"),
    # The subscription form's results (calculator.subscription).
    # Translators: α and β are the two parameters of the sBG model (how the
    # chance to cancel varies across customers); keep the Greek letters.
    "alpha": N_("sBG parameter α"),
    # Translators: see "sBG parameter α".
    "beta": N_("sBG parameter β"),
    # Translators: the share of the customers active now expected to renew
    # at the end of the coming period.
    "next_retention": N_("Retention rate next period"),
    # Translators: DERL (Fader & Hardie 2010): how many more periods a customer
    # active now is expected to pay for, each discounted; keep the abbreviation.
    "derl": N_("Discounted expected residual lifetime (DERL)"),
    # Translators: the margin per period times DERL: what a customer active
    # now is still worth.
    "ltv": N_("Residual lifetime value per active customer"),
}

# Units shown next to fields and results, keyed by the registry's unit ids.
# Money units hold %(currency)s: the site puts the currency sign there (€, zł,
# ₴, ₫, $), the command line the word AMOUNT.
UNITS: dict[str, str] = {
    # Translators: an amount of money: only the currency sign (help text
    # "€, for example 12", result label "CLV (€)"); usually kept as it is.
    "currency": N_("%(currency)s"),
    # Translators: %(currency)s is a currency sign (€, zł, ₴) or the word "amount".
    "currency_per_order": N_("%(currency)s per order"),
    # Translators: %(currency)s is a currency sign (€, zł, ₴) or the word "amount".
    "currency_per_period": N_("%(currency)s per period"),
    # Translators: %(currency)s is a currency sign (€, zł, ₴) or the word "amount".
    "currency_per_year": N_("%(currency)s per year"),
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

# Translators: where no currency is known (command-line help), money units
# read "amount per order" and so on.
AMOUNT = N_("amount")


def unit_text(unit: str, gettext: Callable[[str], str] = N_, currency: str | None = None) -> str:
    """The translated unit ``unit``; money units get ``currency`` (default: the word AMOUNT).

    >>> unit_text("currency_per_order", currency="€"), unit_text("currency_per_year"), unit_text("years")
    ('€ per order', 'amount per year', 'years')
    """
    return gettext(UNITS[unit]) % {"currency": gettext(AMOUNT) if currency is None else currency}


# The money units, for the page's script that shows another currency's symbol
# (the same entries as UNITS: one translation each).
CURRENCY_UNITS: dict[str, str] = {
    name: UNITS[name] for name in ("currency", "currency_per_order", "currency_per_period", "currency_per_year")
}

TITLES: dict[str, str] = {
    "simple": N_("Simple CLV"),
    "historical": N_("Historical CLV"),
    "predictive": N_("CLV from monthly averages"),
    "churn": N_("Churn-based CLV"),
    "discounted": N_("Discounted CLV with retention"),
    "unit_economics": N_("Unit economics: CLV, CAC and payback"),
    # Translators: sBG = shifted beta-geometric, the model's name; keep the abbreviation.
    "subscription": N_("Subscription retention (sBG)"),
}


# Texts the web worker fills in while it analyses a transaction file
# (calculator.your_data_view.analyze_for_page), keyed by progress stage or purpose.
# Numbers come after a colon so no plural form is needed.
ANALYSIS_TEXTS: dict[str, str] = {
    # Translators: progress; %(done)s is a number of rows of the file.
    "read": N_("Reading the file, rows read: %(done)s"),
    # Translators: progress; %(done)s counts trials of the numerical search.
    "fit_bgnbd": N_("Fitting the BG/NBD purchase model, steps: %(done)s"),
    "fit_gamma_gamma": N_("Fitting the Gamma-Gamma spend model"),
    # Translators: progress; %(done)s counts trials of the numerical search,
    # after a colon so that no word has to agree with it.
    "fit_pareto_nbd": N_("Fitting the Pareto/NBD purchase model, steps: %(done)s"),
    # Translators: progress; as above. MBG/NBD is the model's name.
    "fit_mbgnbd": N_("Fitting the MBG/NBD purchase model, steps: %(done)s"),
    # Translators: progress; %(done)s and %(total)s are numbers of customers.
    "predict": N_("Predicting per customer: %(done)s of %(total)s"),
    # Translators: progress; the expected-versus-actual purchases chart.
    "tracking": N_("Drawing the tracking plot"),
    # Translators: under the per-customer table; all rows are in the CSV download.
    "table_note": N_("Customers shown: %(shown)s of %(total)s. The download has all of them."),
    # Translators: rows of the file that could not be read and were skipped.
    "bad_rows": N_("Rows skipped because they could not be read: %(count)s. The first ones:"),
    # Translators: under the cohort heatmap; %(low)s and %(high)s are percentages (numbers only).
    "cohort_scale": N_(
        "Shades run from %(low)s%% (lightest) to %(high)s%% (darkest): the retention seen "
        "after the first month. The first month is always 100%%."
    ),
    # Translators: the horizontal axis of the tracking plot, in the chosen time unit.
    "axis_day": N_("Days since the first date in the file"),
    "axis_week": N_("Weeks since the first date in the file"),
    "axis_month": N_("Months since the first date in the file"),
    # Translators: the vertical axis of the tracking plot.
    "axis_purchases": N_("Cumulative repeat purchases"),
    # Translators: rows dated after the chosen end date, not used by the models.
    "rows_after_end": N_("Rows after the end date, not used for fitting: %(count)s."),
    # Translators: %(encoding)s is an encoding's technical name, e.g. UTF-8 or
    # Windows-1250 (detected from the file's bytes).
    "encoding": N_("Text encoding of the file: %(encoding)s."),
    # Translators: %(pattern)s is how the dates were read, e.g. DD.MM.YYYY or
    # MM/DD/YYYY (D day, M month, Y year; the same letters as in other errors).
    "date_order": N_("Dates read as %(pattern)s."),
    # Translators: a 95 % interval of a residual CLV, under a heading that says
    # so; %(lower)s and %(upper)s are amounts (numbers only: nothing inflects).
    "interval": N_("%(lower)s to %(upper)s"),
    # Translators: chart legend and column: cumulative repeat purchases as the
    # fitted model expects them; %(model)s is its name (BG/NBD, Pareto/NBD …).
    "expected_by": N_("Expected (%(model)s)"),
    # Translators: the horizontal axis of the holdout chart: customers grouped by
    # their number of repeat purchases up to the end date (0, 1, … 7+).
    "axis_frequency": N_("Repeat purchases in the calibration period"),
    # Translators: the vertical axis of the holdout chart.
    "axis_holdout": N_("Average purchases per customer in the holdout period"),
    # Translators: under the model comparison; %(model)s is a model's name
    # (BG/NBD, Pareto/NBD, MBG/NBD), a proper name that does not inflect.
    "recommended_by_holdout_mae": N_(
        "Recommended: %(model)s. Its predictions came closest to what the customers "
        "bought in the holdout period (the lowest mean absolute error per customer)."
    ),
    # Translators: as above, when there is no holdout period to judge by.
    "recommended_by_bic": N_(
        "Recommended: %(model)s, with the lowest BIC: it describes the calibration period "
        "best once its number of parameters is taken into account. Set a holdout end date "
        "to compare the models on purchases they have not seen."
    ),
}

# The purchase models' parameters, by their names in the papers (a model's
# ``Params``); a name means the same in every model that has it.
PARAMETER_SYMBOLS: dict[str, str] = {"alpha": "α", "beta": "β", "gamma": "γ"}
PARAMETER_LABELS: dict[str, str] = {
    "r": N_("r (shape of the purchase rates)"),
    "alpha": N_("α (rate parameter of the purchase rates, in the time unit)"),
    # Translators: a and b shape how likely a customer is to drop out (BG/NBD, MBG/NBD).
    "a": N_("a (dropout)"),
    "b": N_("b (dropout)"),
    # Translators: Pareto/NBD: the shape of the customers' dropout rates.
    "s": N_("s (shape of the dropout rates)"),
    # Translators: Pareto/NBD: the rate (scale) parameter of the dropout rates.
    "beta": N_("β (rate parameter of the dropout rates, in the time unit)"),
}

# Column names recognised in transaction files, per role, besides the
# English ones of ``transactions.KNOWN_COLUMNS``: translators list the names
# exports in their language use, separated by "|".
HEADER_CONTEXT = "CSV header"
HEADER_NAMES: dict[str, str] = {
    # Translators: column names of a transaction file that mean "who bought",
    # separated by "|", as exports in your language write them (e.g. Polish
    # "klient|id klienta|nr klienta"). Case, spaces and punctuation are ignored.
    "customer": pgettext("CSV header", "customer|customer id|client"),
    # Translators: column names meaning "when they bought", separated by "|"
    # (e.g. Polish "data|data zamówienia").
    "date": pgettext("CSV header", "date|order date"),
    # Translators: column names meaning "how much they spent", separated by
    # "|" (e.g. Polish "kwota|wartość|suma").
    "amount": pgettext("CSV header", "amount|total|value"),
}


# Column headers of the per-customer table and of the spreadsheet download,
# keyed by calculator.analysis.COLUMNS (the data download keeps those names).
COLUMN_LABELS: dict[str, str] = {
    # Translators: a column of the transaction file: who bought.
    "customer_id": N_("Customer id"),
    "frequency": N_("Repeat purchases (x)"),
    "recency": N_("Recency (t_x)"),
    "T": N_("Age (T)"),
    "monetary_value": N_("Average repeat spend"),
    "historical_clv": N_("Historical CLV"),
    "p_alive": N_("P(alive)"),
    "expected_purchases": N_("Expected purchases"),
    "expected_avg_value": N_("Expected spend per purchase"),
    "clv": N_("Residual CLV"),
    "total_clv": N_("Total CLV"),
    # Translators: the columns added when a holdout end date is set: a
    # customer's purchases between the end date and the holdout end date.
    "holdout_purchases": N_("Purchases in the holdout period"),
    "predicted_holdout_purchases": N_("Predicted purchases in the holdout period"),
}

# Customer segments (calculator.segments): a name and what to do about them.
SEGMENT_NAMES: dict[str, str] = {
    # Translators: customer segment: valuable and very likely still buying.
    "best": N_("Best customers"),
    # Translators: customer segment: valuable so far, but their purchases are thinning out.
    "at_risk": N_("At risk: valuable but going quiet"),
    # Translators: customer segment: first purchase recently, too early to judge.
    "new": N_("New customers"),
    # Translators: customer segment: likely active, not among the most valuable.
    "regular": N_("Regular customers"),
    # Translators: customer segment: very unlikely to buy again.
    "lost": N_("Probably lost"),
}
SEGMENT_ADVICE: dict[str, str] = {
    "best": N_("P(alive) at least 70%% and in the top 20%% by historical CLV: keep them close."),
    "at_risk": N_("Top 20%% by historical CLV, P(alive) between 30%% and 70%%: win them back first."),
    "new": N_("First purchase in the last quarter of the period observed: welcome them, judge later."),
    "regular": N_("P(alive) at least 30%%, below the top 20%% by value."),
    "lost": N_("P(alive) below 30%%: reactivation is rarely worth much."),
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
    return fill(gettext(MESSAGES[code]), MESSAGES[code], filled)


def fill(template: str, english: str, values: Mapping[str, Any]) -> str:
    """``template % values``; a broken translation falls back to the English template.

    The catalog checks reject a translation whose placeholders differ from
    the msgid's, but a page built without ``--strict`` (or a stale catalog in
    the CLI) may still carry one; the user must see an error message then,
    never none, so the English template is used instead.

    >>> fill("%(field)d bad", "%(field)s is required.", {"field": "Margin"})
    'Margin is required.'
    >>> fill("50 % %(field)s", "%(field)s is required.", {"field": "Margin"})
    'Margin is required.'
    """
    try:
        return template % values
    except (KeyError, ValueError, TypeError, IndexError):
        return english % values
