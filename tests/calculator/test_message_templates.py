"""The calculator's message templates: valid `%` formats, and a broken translation still shows an error."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from calculator import messages
from clvsite.catalog_formats import format_problems, parse_format

ROOT = Path(__file__).resolve().parents[2]

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


def _error_fields() -> dict[str, list[str]]:
    """Each field named by a literal in a ``raise InputError(code, "field", …)`` of calculator/."""
    fields: dict[str, list[str]] = {}
    for path in sorted((ROOT / "calculator").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            called = getattr(node, "func", None)
            name = getattr(called, "id", getattr(called, "attr", None))
            if (isinstance(node, ast.Call) and name in ("InputError", "ModelError") and len(node.args) >= 2
                    and isinstance(node.args[1], ast.Constant) and isinstance(node.args[1].value, str)):
                fields.setdefault(node.args[1].value, []).append(f"{path.relative_to(ROOT)}:{node.lineno}")
    return fields


def test_every_field_an_error_names_has_a_translatable_label():
    # An error shows its field through LABELS; a field missing there reaches
    # every language as the raw key ("engine"), untranslated.
    fields = _error_fields()
    assert len(fields) > 20  # the scan finds the calculator's errors
    assert {field: places for field, places in fields.items() if field not in messages.LABELS} == {}
