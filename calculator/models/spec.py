"""What a model module declares so that the CLI, the worker and the page can use it.

A model is one module of ``calculator.models``: its ``Params``, likelihood,
``fit`` and predictions, and at its end one ``MODEL`` value of the kind
below.  ``calculator.models.table`` collects every ``MODEL`` it finds, so a
new model touches its module, two texts in ``messages`` (its label in
``LABELS`` under its ``id``, used by errors; its progress text
``ANALYSIS_TEXTS["fit_<id>"]``, which the page shows), its glossary page and
its cases.  The your-data page (``your_data_view``) shows any purchase
model's parameters by their ``Params`` names, labelled from
``messages.PARAMETER_LABELS``: a parameter name not yet there needs its label.

Four kinds, by the data they explain (Fader & Hardie 2009, "Probability
models for customer-base analysis", Journal of Interactive Marketing 23(1),
fig. 1: contractual or not, continuous or discrete opportunities):

* ``PurchaseModel``: repeat purchases in continuous time, non-contractual,
  from (x, t_x, T) per customer (BG/NBD, Pareto/NBD, MBG/NBD);
* ``DiscretePurchaseModel``: transactions at discrete opportunities,
  non-contractual, from (x, t_x, n) (BG/BB);
* ``SpendModel``: spend per purchase, from (x, m_x) (Gamma-Gamma);
* ``RetentionModel``: contractual, from the active customers per period
  of a cohort (sBG).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Model:
    """What every kind declares: its id (the key of the model table and of its
    label in ``messages.LABELS``), name, setting (below), paper, ``Params`` and ``fit``."""
    id: str
    name: str  # as the papers write it ("BG/NBD"); a proper name, not translated
    setting: str
    reference: str
    params: type
    fit: Callable[..., Any]


@dataclass(frozen=True)
class PurchaseModel(Model):
    """A model of repeat buying: E[Y(t) | x, t_x, T] and P(alive | x, t_x, T).

    ``fit(data, progress=None, max_iterations=5000)`` takes (x, t_x, T) per
    customer and returns a fit with ``params``, ``log_likelihood``,
    ``customers`` and ``evaluations``; the three predictions take the
    params first; ``total_log_likelihood(params, data)`` is Σ ln L.
    """
    total_log_likelihood: Callable[..., float]
    probability_alive: Callable[..., float]
    expected_purchases: Callable[..., float]
    conditional_expected_purchases: Callable[..., float]


@dataclass(frozen=True)
class DiscretePurchaseModel(Model):
    """A model of transactions at discrete opportunities, from (x, t_x, n):
    ``conditional_expected_purchases(params, future, x, t_x, n)`` for the
    next *future* opportunities, ``probability_alive(params, x, t_x, n)``."""
    probability_alive: Callable[..., float]
    expected_purchases: Callable[..., float]
    conditional_expected_purchases: Callable[..., float]


@dataclass(frozen=True)
class SpendModel(Model):
    """A model of spend per purchase: E(M | x, m_x)."""
    conditional_expected_spend: Callable[..., float]


@dataclass(frozen=True)
class RetentionModel(Model):
    """A contractual model: survival S(t) and discounted expected residual lifetime."""
    survival: Callable[..., float]
    discounted_expected_residual_lifetime: Callable[..., float]


# The four settings of Fader & Hardie (2009), fig. 1.
CONTINUOUS_NONCONTRACTUAL = "continuous_noncontractual"
DISCRETE_NONCONTRACTUAL = "discrete_noncontractual"
CONTRACTUAL = "contractual"
SPEND = "spend"
