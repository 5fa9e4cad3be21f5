"""Command line: ``python -m calculator FORMULA --PARAM VALUE ... [--json]``.

Option names are the keyword names with "_" → "-" (``--lifespan-months``).
Values are read in English number format (dot decimal, "1,234.5" is
allowed); rate options also take percent: ``--margin 30%`` = ``--margin
0.3``.  ``--locale`` chooses the language of the output and of error
messages (a compiled catalog ``locales/<lang>/LC_MESSAGES/messages.mo`` next
to the package is used if present, else English).

Bad input exits with status 2 and one line on stderr naming the option.
``python -m calculator analyze FILE.csv ...`` analyses a transaction log
(see ``calculator.analyze_cli``); ``python -m calculator retention --active
"1000 869 743 ..."`` fits the sBG retention model (``calculator.retention_cli``).
"""

from __future__ import annotations

import argparse
import gettext as gettext_module
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NoReturn

from . import messages
from ._number_symbols import NUMBER_SYMBOLS
from .analyze_cli import add_analyze_parser, run_analyze
from .display import format_number
from .errors import CalculatorError
from .inputs import to_percent
from .registry import FORMULAS, FormulaSpec, compute, parse_inputs
from .retention_cli import add_retention_parser, run_retention
from .summarize_cli import add_summarize_parser, run_summarize

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locales"
EXIT_BAD_INPUT = 2


class OneLineParser(argparse.ArgumentParser):
    """argparse, but usage errors are one line on stderr, status 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_BAD_INPUT, f"{self.prog}: error: {message}\n")


def option(name: str) -> str:
    """The CLI option for a keyword argument.

    >>> option("lifespan_months")
    '--lifespan-months'
    """
    return "--" + name.replace("_", "-")


def translations(locale: str) -> Callable[[str], str]:
    """gettext for *locale* from ``locales/``, English when there is no catalog."""
    return gettext_module.translation(
        "messages", localedir=LOCALE_DIR, languages=[locale], fallback=True
    ).gettext


def build_parser(_: Callable[[str], str] = messages.N_) -> argparse.ArgumentParser:
    """The parser: one subcommand per registry entry, one option per input."""
    parser = OneLineParser(
        prog="python -m calculator",
        description="Customer lifetime value (CLV) formulas.",
    )
    subcommands = parser.add_subparsers(dest="formula", metavar="FORMULA",
                                        required=True)
    for spec in FORMULAS.values():
        sub = subcommands.add_parser(spec.id, help=_(messages.TITLES[spec.id]),
                                     description=_(messages.TITLES[spec.id]))
        for param in spec.params:
            unit = messages.unit_text(param.unit, _)
            if param.kind == "rate":
                unit += " (0.3 or 30%%)"  # argparse %-formats help texts
            default = "" if param.required else " [optional]"
            sub.add_argument(option(param.name), dest=param.name, metavar="VALUE",
                             help=f"{_(messages.LABELS[param.name])}, {unit}{default}")
        sub.add_argument("--json", action="store_true", help="print JSON")
        sub.add_argument("--locale", default="en",
                         help=f"output language ({' '.join(sorted(NUMBER_SYMBOLS))})")
    add_analyze_parser(subcommands)
    add_retention_parser(subcommands)
    add_summarize_parser(subcommands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; returns the exit status."""
    args = build_parser().parse_args(argv)
    _ = translations(args.locale)
    if args.formula == "analyze":
        return run_analyze(args, _)
    if args.formula == "retention":
        return run_retention(args, _)
    if args.formula == "summarize":
        return run_summarize(args, _)
    spec = FORMULAS[args.formula]
    raw = {p.name: getattr(args, p.name) for p in spec.params
           if getattr(args, p.name) is not None}
    try:
        # Inputs are always English-format numbers; --locale is output only.
        inputs = parse_inputs(spec.id, raw, "en")
        results = compute(spec.id, inputs)
        report = render_text(spec, results, args.locale, _)
    except CalculatorError as err:
        # Every template names its field; label=option makes that "--margin"
        # (and "--locale" for a language without number formats).
        text = messages.render(err.code, err.field, err.values, _, label=option)
        print(f"python -m calculator {spec.id}: error: {text}", file=sys.stderr)
        return EXIT_BAD_INPUT
    if args.json:
        print(json.dumps({"formula": spec.id, "inputs": inputs, "results": results},
                         allow_nan=False))
    else:
        print(report)
    return 0


def render_text(spec: FormulaSpec, results: dict[str, float], locale: str,
                _: Callable[[str], str]) -> str:
    """The plain-text report: a title, then one "label (unit): value" line per result.

    The unit goes with the label, as on the web page, not after the number:
    "3,5 lata" would need Polish "roku", and gettext's plural forms only know
    whole numbers.
    """
    lines = [_(messages.TITLES[spec.id])]
    for output in spec.outputs:
        value = format_number(to_percent(results[output.name]) if output.kind == "percent"
                              else results[output.name], locale)
        unit = "" if output.unit in ("currency", "") else f" ({messages.unit_text(output.unit, _)})"
        lines.append(f"  {_(messages.LABELS[output.name])}{unit}: {value}")
    return "\n".join(lines)
