"""What search engines read, from real KaTeX output: formulas once, whole sentences."""

from __future__ import annotations

import json

import pytest

from clvsite.katex_render import KatexRenderer
from clvsite.seo import blocks, description, faq, json_ld
from tests.site.conftest import ROOT


@pytest.fixture(scope="module")
def katex():
    renderer = KatexRenderer(ROOT / "node_modules")
    yield renderer
    renderer.close()


@pytest.mark.parametrize(("tex", "text"), [
    # The validators found "(1+i)1/12−1(1+i)^{1/12} - 1" in the FAQ answers.
    (r"(1+i)^{1/12} - 1", "(1 + i)^(1/12) − 1"),
    (r"\frac{m \cdot r}{1 + d - r}", "(m ⋅ r)/(1 + d − r)"),
    (r"\bar{v}", "v\u0304"),
    (r"\sum_{t=1}^{n} m_t", "∑_(t = 1)^n m_t"),
    (r"\sqrt{x}", "√x"),
    (r"\text{CLV} = m \times 3", "CLV = m × 3"),
])
def test_a_typeset_formula_reads_once_as_plain_text(katex, tex, text):
    html = f"<p>So {katex.render(tex, display=False)} holds.</p>"
    assert blocks(html)[0].text == f"So {text} holds."


def test_display_math_in_an_faq_answer_is_written_once(katex):
    html = ('<h2 id="faq">FAQ</h2><h3>How?</h3><p>Like this:</p>'
            f'<div class="arithmatex">{katex.render("a^2", display=True)}</div><p>Done.</p>')
    # Only p/ul/ol blocks make an answer: the displayed formula sits in a div.
    assert faq(blocks(html)) == [("How?", "Like this: Done.")]
    assert blocks(f"<p>{katex.render('a^2', display=True)}</p>")[0].text == "a^2"


@pytest.mark.parametrize(("paragraph", "expected"), [
    ("Short. " + "X" * 170 + ".", "Short."),
    ("A first sentence, e.g. with an abbreviation, stays whole. Then more.",
     "A first sentence, e.g. with an abbreviation, stays whole. Then more."),
    ("One " + "long " * 40 + "sentence. Next.", "One " + "long " * 40 + "sentence."),
])
def test_a_description_is_whole_sentences(paragraph, expected):
    assert description(blocks(f"<p>{paragraph}</p>")) == expected


def test_in_language_is_on_the_page_not_on_the_term():
    data = json.loads(json_ld(kind="term", language="lt", url="https://x.org/lt/t/", name="T", text="D.",
                              questions=[("Q?", "A.")], term_set_url="https://x.org/lt/glossary/", term_set_name="G"))
    page, term, questions = data["@graph"]
    assert (page["@type"], page["inLanguage"], page["mainEntity"]) == ("WebPage", "lt", {"@id": term["@id"]})
    assert term["@type"] == "DefinedTerm" and "inLanguage" not in term
    assert term["inDefinedTermSet"]["inLanguage"] == "lt" and questions["inLanguage"] == "lt"
