"""The generated CLDR table is up to date, and messages are well-formed."""

import importlib.util
from pathlib import Path

import pytest

from calculator import messages
from calculator.registry import FORMULAS

ROOT = Path(__file__).resolve().parents[2]


def test_generated_symbols_are_not_stale():
    pytest.importorskip("babel")
    spec = importlib.util.spec_from_file_location(
        "gen_number_symbols", ROOT / "tools" / "gen_number_symbols.py")
    generator = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generator)
    committed = (ROOT / "calculator" / "_number_symbols.py").read_text(encoding="utf-8")
    assert generator.render() == committed, "run python tools/gen_number_symbols.py"


def test_every_template_names_its_field():
    # The CLI and the page rely on the message naming the field; these two
    # concern no single field.
    for code, template in messages.MESSAGES.items():
        if code not in {"unknown_formula", "result_not_finite"}:
            assert "%(field)s" in template, code


def test_every_field_output_unit_and_title_has_a_text():
    for spec in FORMULAS.values():
        assert spec.id in messages.TITLES
        for item in spec.params + spec.outputs:
            assert item.name in messages.LABELS
            # "" is no unit (the sBG's α and β are pure numbers).
            assert item.unit in messages.UNITS or (item in spec.outputs and item.unit == "")


def test_reserved_subcommand_is_free():
    assert "analyze" not in FORMULAS
