"""The calculator's message templates: valid `%` formats, and a broken translation still shows an error."""

from __future__ import annotations

import pytest

from calculator import messages
from clvsite.catalog_formats import format_problems, parse_format

TEMPLATES = {**{f"MESSAGES[{k}]": v for k, v in messages.MESSAGES.items()},
             **{f"ANALYSIS_TEXTS[{k}]": v for k, v in messages.ANALYSIS_TEXTS.items()}}


@pytest.mark.parametrize("name", sorted(TEMPLATES))
def test_each_english_template_is_a_format_of_named_strings(name):
    parsed = parse_format(TEMPLATES[name])
    assert parsed.lone_percent == 0
    # Named %(x)s only: a translation can reorder them, and nothing prints a repr.
    assert all(p.startswith("%(") and p.endswith(")s") for p in parsed.placeholders), parsed.placeholders
    values = {p[2:-2]: "x" for p in parsed.placeholders}
    assert "%(" not in TEMPLATES[name] % values


@pytest.mark.parametrize("broken", [
    "%(field)d is verplicht.",      # conversion changed: TypeError on a label
    "%(veld)s is verplicht.",       # placeholder renamed: KeyError
    "%(field)s is 100 % verplicht.",  # lone %: ValueError
])
def test_a_broken_translation_falls_back_to_the_english_error(broken):
    english = messages.MESSAGES["required"]
    assert format_problems([english], broken)  # the catalog check reports it ...
    translations = {english: broken, "Margin": "Marge"}
    text = messages.render("required", "margin", {}, gettext=lambda s: translations.get(s, s))
    assert text == "Marge is required."  # ... and the page still shows an error, in English
