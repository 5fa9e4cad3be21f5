"""`python -m clvsite check|status|fresh|normalize`: the catalog commands of the Makefile."""

from __future__ import annotations

import argparse
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

from babel.messages.pofile import read_po, write_po

from clvsite import SOURCE_LANGUAGE
from clvsite.build import load_language
from clvsite.catalogs import available_languages, catalog_path
from clvsite.status import completeness, stale_catalogs, status_table

ROOT = Path(__file__).resolve().parent.parent
LOCALES = ROOT / "locales"
TEMPLATE = LOCALES / "messages.pot"
FIXED_DATE = datetime(2026, 1, 1, tzinfo=timezone.utc)  # dates in headers only make diffs noisy
WIDTH = 79  # one wrapping for every catalog, so diffs stay small


def check() -> int:
    problems = [p for lang in available_languages(LOCALES) if lang != SOURCE_LANGUAGE
                for p in load_language(LOCALES, lang, 0.0).problems]
    for problem in problems:
        print(problem)
    print(f"{len(problems)} problem(s) in {len(available_languages(LOCALES))} catalog(s)")
    return 1 if problems else 0


def status() -> int:
    rows = [completeness(catalog_path(LOCALES, lang), lang) for lang in available_languages(LOCALES)]
    print(status_table(rows))
    return 0


def fresh() -> int:
    paths = [catalog_path(LOCALES, lang) for lang in available_languages(LOCALES)]
    reasons = stale_catalogs(ROOT, TEMPLATE, paths)
    for reason in reasons:
        print(reason)
    if not reasons:
        print(f"{TEMPLATE.relative_to(ROOT)} and {len(paths)} catalog(s) match the sources")
    return 1 if reasons else 0


def normalize(paths: list[Path]) -> int:
    """Rewrite catalogs in the form GNU gettext writes, so Poedit and msgmerge change nothing else.

    Babel drops obsolete entries and fixes the header dates; `msgcat` then does
    the wrapping, exactly as Poedit, `msgmerge` and `msgcat` will on the next save.
    """
    for path in paths:
        with path.open("rb") as handle:
            catalog = read_po(handle)
        catalog.creation_date = catalog.revision_date = FIXED_DATE
        catalog.fuzzy = False
        for message in catalog:
            # Babel flags any msgid with braces; ours are TeX (`\bar{v}`), never str.format.
            message.flags.discard("python-brace-format")
        with path.open("wb") as handle:
            write_po(handle, catalog, width=WIDTH, omit_header=False, ignore_obsolete=True, include_previous=False)
        gnu_form(path)
    return 0


def gnu_form(path: Path) -> None:
    """Rewrite one catalog with GNU gettext, the writer Poedit and `msgmerge` share.

    A catalog goes through `msgmerge` with its template, which also puts the
    header fields in gettext's order; the template through `msgcat`.
    """
    template = path.resolve().parents[2] / TEMPLATE.name
    if path.suffix == ".po" and template.is_file():
        command = ["msgmerge", "--quiet", "--no-fuzzy-matching", "-o", str(path), str(path), str(template)]
    else:
        command = ["msgcat", "-o", str(path), str(path)]
    subprocess.run(command, check=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m clvsite", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("check", help="report every catalog problem with file and line")
    commands.add_parser("status", help="print completeness per language")
    commands.add_parser("fresh", help="fail when the catalogs lag behind the sources")
    normalize_parser = commands.add_parser("normalize", help="rewrite catalogs in the stable form")
    normalize_parser.add_argument("paths", nargs="+", type=Path)
    args = parser.parse_args(argv)
    if args.command == "normalize":
        return normalize(args.paths)
    return {"check": check, "status": status, "fresh": fresh}[args.command]()


if __name__ == "__main__":
    sys.exit(main())
