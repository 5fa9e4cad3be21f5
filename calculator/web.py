"""The web worker's entry points: data in, data out, never code.

The page posts what the user typed (strings, as typed, in the page's locale)
and the translated message templates it got from the catalogs at build time;
these functions answer with plain dicts the worker hands back to the page.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict
from typing import Any

from . import messages
from .display import format_number
from .inputs import InputError
from .registry import parse_inputs, spec_for

# Decimals shown per output kind: money to the cent, ratios and periods to one.
DECIMALS = {"money": 2, "ratio": 1, "duration": 1}


def calculate(formula_id: str, raw_inputs: Mapping[str, Any], locale: str,
              translations: Mapping[str, str] | None = None) -> dict[str, Any]:
    """Compute a form: ``{"results": ...}`` or ``{"error": ...}``.

    *raw_inputs* are the form's strings; rates are typed in percent. The
    answer gives each result as ``{"value": float, "text": str}`` (text in the
    locale's number format), and ``inputs``: the parsed values with rates in
    percent, the form a shared link carries (dot decimals). An error is
    ``{"code", "field", "message"}``, the message translated through
    *translations* (English msgid -> translated text, from the catalog).

    >>> calculate("churn", {"arpa": "1 200,50", "margin": "80", "churn": "5"}, "lt")["results"]["clv"]
    {'value': 19208.0, 'text': '19\\xa0208,00'}
    >>> calculate("churn", {"arpa": "abc", "margin": "80", "churn": "5"}, "en")["error"]["code"]
    'not_a_number'
    """
    spec = spec_for(formula_id)
    try:
        values = parse_inputs(formula_id, raw_inputs, locale, percent_rates=True)
        results = asdict(spec.function(**values))
    except InputError as error:
        return {"error": _error(error, translations or {})}
    kinds = {output.name: output.kind for output in spec.outputs}
    rates = {param.name for param in spec.params if param.kind == "rate"}
    return {
        "results": {
            name: {"value": value, "text": format_number(value, locale, DECIMALS.get(kinds.get(name, ""), 2))}
            for name, value in results.items()
        },
        "inputs": {name: _dot_decimal(value * 100 if name in rates else value) for name, value in values.items()},
    }


def localize_inputs(formula_id: str, link_inputs: Mapping[str, str], locale: str) -> dict[str, str]:
    """Values from a shared link (dot decimals) written as a person of *locale* types them.

    Unknown or unreadable values are passed through untouched, so the form
    shows them and the usual error explains what is wrong.

    >>> localize_inputs("simple", {"aov": "1234.5", "margin": "30"}, "lt")
    {'aov': '1\\xa0234,5', 'margin': '30'}
    """
    spec = spec_for(formula_id)
    names = {param.name for param in spec.params}
    localized = {}
    for name, text in link_inputs.items():
        if name not in names:
            continue
        try:
            value = float(text)
        except ValueError:
            localized[name] = text
            continue
        localized[name] = _plain(value, locale)
    return localized


def _dot_decimal(value: float) -> str:
    """A value as a link carries it: dot decimal, no float noise ("30", "0.5")."""
    return repr(round(value, 10)).removesuffix(".0")


def _plain(value: float, locale: str) -> str:
    """A number with only the decimals it needs, in the locale's symbols."""
    decimals = 0
    while decimals < 10 and round(value, decimals) != value:
        decimals += 1
    return format_number(value, locale, decimals)


def _error(error: InputError, translations: Mapping[str, str]) -> dict[str, Any]:
    def gettext(text: str) -> str:
        return translations.get(text) or text

    return {"code": error.code, "field": error.field,
            "message": messages.render(error.code, error.field, error.values, gettext=gettext)}
