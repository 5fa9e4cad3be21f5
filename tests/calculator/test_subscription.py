"""The subscription form: how counts are split (calculator.counts) and what
the worker answers for it (calculator.web), beyond tests/formulas/cases.toml."""

import pytest

from calculator import InputError, web
from calculator.counts import MAX_COUNTS, from_link, link_text, parse_counts
from tests.site.conftest import LANGUAGES

HIGH_END = "1000\n869\n743\n653\n593\n551\n517\n491"  # Fader & Hardie (2007), table 1


def code_of(text, locale="en"):
    with pytest.raises(InputError) as caught:
        parse_counts(text, locale)
    return caught.value.code, caught.value.values


@pytest.mark.parametrize(("text", "locale"), [
    ("1 000\n869\n743", "pl"),      # a column: the line breaks separate, the space groups
    ("1\u00a0000\t869\t743", "lt"),  # a row pasted from a spreadsheet
    ("1.000; 869; 743", "nl"),
    ("1,000;869;743;", "en"),        # a trailing separator ends nothing
    ("1000 869 743", "uk"),          # spaces only: they separate
    ("  1000\r\n869\r\n743\r\n", "vi"),
])
def test_each_separator_gives_the_same_counts(text, locale):
    assert parse_counts(text, locale) == [1000, 869, 743]


def test_more_than_the_limit_is_refused_with_the_numbers():
    text = "\n".join(["5"] * (MAX_COUNTS + 1))
    assert code_of(text) == ("too_many_counts", {"limit": MAX_COUNTS, "found": MAX_COUNTS + 1})
    assert len(parse_counts("\n".join(["5"] * MAX_COUNTS))) == MAX_COUNTS


@pytest.mark.parametrize("text", ["1 500 1 200 900", "12 500 9 000"])
def test_a_rise_that_grouping_would_explain_is_ambiguous_not_a_rise(text):
    # 1 500 1 200 900 is 1500, 1200, 900 with grouping; split by spaces, "500" rises after "1".
    assert code_of(text, "pl")[0] == "ambiguous_counts"


def test_a_plain_rise_names_the_position_and_both_counts_as_typed():
    assert code_of("1000 1100 900") == ("count_rises", {"position": 2, "text": "1100", "previous": "1000"})
    assert code_of("1\u00a0000\n1\u00a0100", "lt")[1]["text"] == "1\u00a0100"


@pytest.mark.parametrize(("text", "position"), [("1000\nabc\n900", 2), ("1000;900;-5", 3),
                                                 ("1000;2,5;1", 2), ("1000 90% 80", 2)])
def test_a_count_that_is_not_whole_names_its_position(text, position):
    code, values = code_of(text)
    assert (code, values["position"]) == ("count_not_whole", position)


def test_a_link_carries_counts_that_any_locale_reads_back():
    counts = parse_counts(HIGH_END)
    assert link_text(counts) == "1000;869;743;653;593;551;517;491"
    for locale in LANGUAGES:
        assert parse_counts(from_link(link_text(counts)), locale) == counts


def test_the_worker_answers_results_link_and_chart():
    answer = web.calculate("subscription", {"active": HIGH_END, "margin_per_period": "100",
                                            "discount_rate": "10"}, "lt")
    assert answer["results"]["alpha"]["text"] == "0,668"
    assert answer["results"]["beta"]["text"] == "3,806"
    # A fraction, shown in percent: r(8) = (β + 7)/(α + β + 7).
    assert answer["results"]["next_retention"]["text"] == "94,2"
    assert answer["inputs"] == {"active": "1000;869;743;653;593;551;517;491",
                                "margin_per_period": "100", "discount_rate": "10"}
    chart = answer["retention"]
    # 8 counts and 4 projected periods (half as many again); the actual share n_t / n_0.
    assert chart["periods"] == list(range(12))
    assert [p and p["text"] for p in chart["actual"]][:2] == ["100,0", "86,9"]
    assert chart["actual"][8:] == [None] * 4
    assert chart["rows"][8][1] == "–"
    assert chart["fitted"][0]["value"] == 1


def test_the_worker_names_the_field_and_keeps_nothing_stale():
    answer = web.calculate("subscription", {"active": "1000\n1100\n900", "margin_per_period": "abc",
                                            "discount_rate": "10"}, "en")
    assert [(e["code"], e["field"]) for e in answer["errors"]] == [
        ("count_rises", "active"), ("not_a_number", "margin_per_period")]
    assert answer["errors"][0]["message"] == (
        "Active customers per period, count 2: 1100 is more than the count before it (1000); "
        "active customers cannot rise.")
    assert "results" not in answer


def test_a_shared_link_fills_the_field_one_count_per_line():
    assert web.localize_inputs("subscription", {"active": "1000;869;743", "discount_rate": "12.5"}, "pl") == {
        "active": "1000\n869\n743", "discount_rate": "12,5"}
