"""The glossary's terms: slug, name and one-line definition, marked for translation.

The glossary index lists these, sorted by each language's collation; each term
page repeats its name as its H1 (the same msgid, so one translation).
"""

from __future__ import annotations

from dataclasses import dataclass

from calculator.messages import N_  # marks a text for extraction; translated at build time


@dataclass(frozen=True)
class Term:
    """One glossary entry: its page is docs/glossary/<slug>.md."""

    slug: str
    name: str
    definition: str
    abbreviation: str = ""


TERMS: tuple[Term, ...] = (
    Term("customer-lifetime-value", N_("Customer lifetime value (CLV)"),
         N_("The gross profit a business expects from one customer over the whole relationship."), "CLV"),
    Term("churn-rate", N_("Churn rate"),
         N_("The share of customers at the start of a period who leave during it.")),
    Term("retention-rate", N_("Retention rate"),
         N_("The share of customers at the start of a period who are still customers at its end.")),
    Term("customer-acquisition-cost", N_("Customer acquisition cost (CAC)"),
         N_("Sales and marketing spend divided by the number of new customers it won."), "CAC"),
    Term("ltv-cac-ratio", N_("LTV:CAC ratio"),
         N_("Customer lifetime value divided by the cost of acquiring the customer."), "LTV:CAC"),
    Term("cac-payback-period", N_("CAC payback period"),
         N_("How many periods of gross margin it takes to earn back the cost of acquiring a customer.")),
    Term("average-order-value", N_("Average order value (AOV)"),
         N_("Revenue divided by the number of orders: what a customer spends per order."), "AOV"),
    Term("purchase-frequency", N_("Purchase frequency"),
         N_("The average number of orders per customer in a period.")),
    Term("customer-lifespan", N_("Customer lifespan"),
         N_("How long a customer keeps buying, on average; one divided by the churn rate.")),
    Term("gross-margin", N_("Gross margin"),
         N_("The share of revenue left after the direct cost of what was sold.")),
    Term("arpu", N_("Average revenue per user (ARPU)"),
         N_("Revenue of a period divided by the number of users or accounts (ARPA)."), "ARPU"),
    Term("discount-rate", N_("Discount rate and net present value"),
         N_("The rate that converts future margins into their value today, and the sum of those values.")),
    Term("cohort-analysis", N_("Cohort analysis"),
         N_("Following groups of customers acquired at the same time to compare retention and value.")),
    Term("rfm-segmentation", N_("RFM segmentation"),
         N_("Scoring customers on recency, frequency and monetary value of their purchases."), "RFM"),
    Term("net-promoter-score", N_("Net Promoter Score (NPS)"),
         N_("The percentage of promoters minus the percentage of detractors in a recommendation survey."), "NPS"),
    # Translators: BG/NBD stands for "beta-geometric/negative binomial distribution"; keep the abbreviation.
    Term("bg-nbd-model", N_("BG/NBD model"),
         N_("A model of repeat purchasing that forecasts each customer's future purchases and the probability that they are still active."), "BG/NBD"),
    Term("gamma-gamma-model", N_("Gamma-Gamma model"),
         N_("A model of spend per purchase that predicts each repeat buyer's average order value from their past purchases.")),
    Term("customer-base-settings", N_("Customer-base settings"),
         N_("The four kinds of customer relationship, contractual or not and with continuous or discrete opportunities to buy, that decide which model fits.")),
    # Translators: Pareto/NBD is the name of the model (Pareto and negative binomial distributions); keep it.
    Term("pareto-nbd-model", N_("Pareto/NBD model"),
         N_("The classic model of repeat purchasing: it forecasts each customer's purchases when customers can leave at any moment without telling you."), "Pareto/NBD"),
    # Translators: MBG/NBD stands for "modified BG/NBD"; keep the abbreviation.
    Term("mbg-nbd-model", N_("MBG/NBD model"),
         N_("A variant of the BG/NBD model in which customers can also be lost right after their first purchase."), "MBG/NBD"),
    # Translators: BG/BB stands for "beta-geometric/beta-Bernoulli"; keep the abbreviation.
    Term("bg-bb-model", N_("BG/BB model"),
         N_("A model of repeat purchasing for customers who can only buy at set occasions, such as a yearly donation."), "BG/BB"),
    # Translators: sBG stands for "shifted-beta-geometric"; keep the abbreviation.
    Term("sbg-model", N_("sBG model"),
         N_("A model of subscription retention that projects how many customers will renew and what those still active are worth."), "sBG"),
)


def localized_terms(gettext, locale: str) -> list[dict[str, str]]:
    """The terms in ``locale``: translated names and definitions, in dictionary order."""
    from clvsite.collation import collation_sorted

    entries = {gettext(term.name): term for term in TERMS}
    return [
        {"slug": entries[name].slug, "name": name, "definition": gettext(entries[name].definition),
         "abbreviation": entries[name].abbreviation}
        for name in collation_sorted(list(entries), locale)
    ]
