"""Load the gettext catalogs of locales/ and compile them in memory with Babel.

The .po files are the only thing translators edit; the compiled form never
touches the disk, so there is no stale .mo to commit or forget.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import PoFileError, read_po
from babel.support import Translations

DOMAIN = "messages"


@dataclass(frozen=True)
class CatalogFile:
    """One language's catalog: where it lives and what it parsed to."""

    language: str
    path: Path
    catalog: Catalog


class CatalogParseError(Exception):
    """A .po file that does not parse; ``str()`` names the file and line."""

    def __init__(self, path: Path, line: int, reason: str):
        super().__init__(f"{path}:{line}: the catalog does not parse: {reason}")
        self.path, self.line, self.reason = path, line, reason


def catalog_path(locales_dir: Path, language: str) -> Path:
    """Path of the ``messages.po`` of ``language`` under ``locales_dir``."""
    return locales_dir / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def available_languages(locales_dir: Path) -> list[str]:
    """Languages that have a catalog, sorted by code."""
    return sorted(p.parent.parent.name for p in locales_dir.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))


# Babel's reader is lenient (an unterminated string is read as if closed), so
# every line is first matched against the PO grammar; msgfmt would reject it.
PO_LINE = re.compile(r'(?:(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+)?"(?:[^"\\]|\\.)*"')


def syntax_error(text: str) -> tuple[int, str] | None:
    """The first line of ``text`` that is not valid PO syntax, with the reason."""
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if stripped and not stripped.startswith("#") and not PO_LINE.fullmatch(stripped):
            return number, f"not a valid PO line: {stripped[:60]!r}"
    return None


def read_catalog(path: Path, language: str) -> CatalogFile:
    """Parse one .po file; a syntax error raises CatalogParseError with file:line."""
    try:
        problem = syntax_error(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as error:
        raise CatalogParseError(path, 1, f"not UTF-8: {error}") from error
    if problem:
        raise CatalogParseError(path, *problem)
    try:
        with path.open("rb") as handle:
            catalog = read_po(handle, locale=language, abort_invalid=True)
    except PoFileError as error:
        raise CatalogParseError(path, getattr(error, "lineno", 0) or 0, str(error)) from error
    except (ValueError, UnicodeDecodeError) as error:
        raise CatalogParseError(path, 1, str(error)) from error
    return CatalogFile(language, path, catalog)


def compile_translations(catalog: Catalog, *, use_fuzzy: bool = False) -> Translations:
    """Compile a parsed catalog to gettext translations, in memory.

    Entries left untranslated (and fuzzy ones, unless ``use_fuzzy``) fall back to
    the English msgid, as gettext does; the checks report them separately.
    """
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=use_fuzzy)
    buffer.seek(0)
    return Translations(fp=buffer, domain=DOMAIN)
