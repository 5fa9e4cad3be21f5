"""The rounded copy that starts the fits on big data (the hint) leads to the
maximum the search finds without it, in fewer evaluations of the exact
likelihood: on continuous times and spends (every history and spend its
own) and on CDNOW master (many customers sharing each)."""

import pytest

from benchmarks.models import simulated
from calculator.customers import summarize
from calculator.models import bgnbd, gamma_gamma, histories, mbgnbd
from tests.data.cdnow import CALIBRATION_END, MASTER, as_csv

SPEND_HINT_ABOVE = gamma_gamma.HINT_ABOVE  # before a test lifts it


@pytest.fixture(scope="module")
def datasets():
    rows = summarize(as_csv(MASTER, sample_ids=False), end=CALIBRATION_END,
                     unit="week")["customers"]
    return {"continuous": simulated(20_000),
            "cdnow_master": [(r["frequency"], r["recency"], r["T"], r["monetary_value"])
                             for r in rows]}


def _with_and_without_hint(monkeypatch, fit):
    hinted = fit()
    monkeypatch.setattr(histories, "HINT_ABOVE", 10 ** 12)
    monkeypatch.setattr(gamma_gamma, "HINT_ABOVE", 10 ** 12)
    return hinted, fit()


@pytest.mark.parametrize("name", ["continuous", "cdnow_master"])
@pytest.mark.parametrize("model", [bgnbd, mbgnbd])
def test_purchase_model_hint_keeps_the_maximum(datasets, monkeypatch, name, model):
    data = [(x, t_x, T) for x, t_x, T, _ in datasets[name]]
    hinted, direct = _with_and_without_hint(monkeypatch, lambda: model.fit(data))
    assert list(hinted.params) == pytest.approx(list(direct.params), rel=1e-5)
    assert hinted.log_likelihood == pytest.approx(direct.log_likelihood, rel=1e-12)
    assert hinted.evaluations < direct.evaluations


@pytest.mark.parametrize("name", ["continuous", "cdnow_master"])
def test_gamma_gamma_hint_keeps_the_maximum(datasets, monkeypatch, name):
    data = [(x, m_x) for x, _, _, m_x in datasets[name]]
    hinted, direct = _with_and_without_hint(monkeypatch, lambda: gamma_gamma.fit(data))
    assert hinted.customers == direct.customers > SPEND_HINT_ABOVE
    assert list(hinted.params) == pytest.approx(list(direct.params), rel=1e-5)
    assert hinted.log_likelihood == pytest.approx(direct.log_likelihood, rel=1e-12)
    assert hinted.evaluations < direct.evaluations
