"""The English pages keep the fixes of the expert review (Markdown sources, no build).

Each test names the finding it guards; the rendered pages are checked by
test_built_site.py.
"""

from __future__ import annotations

import re

from calculator.registry import FORMULAS
from clvsite.examples import example_hints, example_inputs
from tests.site.conftest import ROOT

DOCS = ROOT / "docs"


def prose(page: str) -> str:
    """A page's Markdown with its line breaks folded, as the extractor joins them."""
    return " ".join((DOCS / page).read_text(encoding="utf-8").split())


def test_no_article_stands_before_a_number():
    # "at a {{ margin }} margin" reads "at a 80% margin": a/an depends on the value,
    # so a number never follows an article; "a margin of {{ margin }}" holds for all.
    offenders = []
    for page in sorted(DOCS.rglob("*.md")):
        text = " ".join(page.read_text(encoding="utf-8").split())
        offenders += [f"{page.relative_to(ROOT)}: {m.group(0)}"
                      for m in re.finditer(r"\b[Aa]n? \{\{ (?!_\()[^}]*\}\}", text)]
    assert not offenders, offenders


def test_the_retention_formula_states_when_e_minus_n_are_the_customers_kept():
    text = prose("glossary/retention-rate.md")
    assert "only if none of the new customers left again" in text
    assert r"r = (S - L)/S" in text


def test_the_clv_entry_explains_residual_and_total_clv():
    text = prose("glossary/customer-lifetime-value.md")
    assert "**residual** CLV" in text and "**total** CLV" in text


def test_the_clv_entry_reconciles_the_churn_and_the_discounted_formulas():
    text = prose("glossary/customer-lifetime-value.md")
    assert "discounted.clv_churn_convention" in text and "one period's margin more" in text


def test_the_average_based_formula_is_not_called_predictive_and_has_a_source():
    text = prose("glossary/customer-lifetime-value.md")
    assert "Predictive CLV from averages" not in text
    assert "Gupta et al., 2006, equation 1" in text


def test_the_reichheld_figure_is_cited_through_its_reporter():
    text = prose("glossary/retention-rate.md")
    assert "as reported by [Gallo in HBR, 2014]" in text and "Reichheld, F. F. (2001)" in text
    assert "Reichheld" not in prose("glossary/customer-lifetime-value.md")


def test_each_rule_of_thumb_is_written_out_on_one_page_only():
    skok = [page.name for page in DOCS.rglob("*.md")
            if "It is a practitioner's heuristic, not a law" in prose(str(page.relative_to(DOCS)))]
    assert skok == ["ltv-cac-ratio.md"]


def test_every_calculator_field_has_a_plausible_example():
    # Without a worked value or a hint, the help text falls back to "for example 12",
    # which for an acquisition spend or a number of new customers is not plausible.
    inputs, hints = example_inputs(), example_hints()
    missing = [f"{formula_id}.{param.name}" for formula_id, spec in FORMULAS.items()
               for param in spec.params
               if param.kind != "rate" and param.name not in inputs.get(formula_id, {})
               and param.name not in hints[formula_id]]
    assert not missing, missing
