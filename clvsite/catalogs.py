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

from clvsite.catalog_formats import plural_forms_problem

DOMAIN = "messages"


@dataclass(frozen=True)
class CatalogFile:
    """One language's catalog: where it lives and what it parsed to."""

    language: str
    path: Path
    catalog: Catalog
    # (line, line of the first entry, msgid, msgctxt) of each repeated entry.
    duplicates: tuple[tuple[int, int, str, str | None], ...] = ()


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


def decode_po(data: bytes) -> str:
    """The text of a .po file; a byte that is not UTF-8 is reported on its own line."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise ValueError(line, f"byte {data[error.start]:#04x} is not UTF-8 (save the file as UTF-8)") from error


def entries(text: str) -> list[tuple[int, str | None, str]]:
    """(line of the msgid, msgctxt, msgid) of every entry of a syntactically valid PO text.

    The strings are returned as written, with their PO escapes.

    >>> entries('msgid ""\\nmsgstr "x"\\n\\nmsgctxt "menu"\\nmsgid "Y"\\n"ears"\\nmsgstr "m."\\n')
    [(1, None, ''), (5, 'menu', 'Years')]
    """
    found: list[tuple[int, str | None, str]] = []
    keyword, context, pending_context = "", None, None
    parts: dict[str, list[str]] = {}
    line_of_msgid = 0

    def finish() -> None:
        if "msgid" in parts:
            found.append((line_of_msgid, context, "".join(parts["msgid"])))

    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        word, _, rest = stripped.partition(" ") if not stripped.startswith('"') else ("", "", stripped)
        if word == "msgctxt":
            finish()
            parts, context, pending_context = {}, None, []
            keyword = word
        elif word == "msgid":
            if pending_context is None:
                finish()
                parts, context = {}, None
            else:
                context, pending_context = "".join(parts.get("msgctxt", [])), None
            line_of_msgid, keyword = number, word
        elif word:
            keyword = word
        # Kept as written (escapes and all): only equality matters, and gettext's
        # writers spell the same string the same way.
        parts.setdefault(keyword, []).append((rest if word else stripped).strip()[1:-1])
    finish()
    return found


def duplicate_entries(text: str) -> tuple[tuple[int, int, str, str | None], ...]:
    """Entries whose msgctxt and msgid repeat an earlier entry's."""
    first: dict[tuple[str | None, str], int] = {}
    repeats = []
    for line, context, msgid in entries(text):
        key = (context, msgid)
        if key in first:
            repeats.append((line, first[key], msgid, context))
        else:
            first[key] = line
    return tuple(repeats)


def header_line(text: str, field: str) -> int:
    """The line of a header field (e.g. "Plural-Forms"), or 1."""
    for number, line in enumerate(text.splitlines(), start=1):
        if line.startswith(f'"{field}:'):
            return number
    return 1


def header_problem(catalog: Catalog, text: str, language: str) -> tuple[int, str] | None:
    """A header that would garble or crash the translations: charset, Plural-Forms."""
    charset = (catalog.charset or "").lower().replace("_", "-")
    if charset not in {"utf-8", "utf8"}:
        return header_line(text, "Content-Type"), f"charset={catalog.charset} declared; the file must be UTF-8 and say charset=UTF-8"
    plural = next((value for key, value in catalog.mime_headers if key.lower() == "plural-forms"), None)
    if plural is not None:
        problem = plural_forms_problem(plural, language)
        if problem:
            return header_line(text, "Plural-Forms"), problem
    return None


def read_catalog(path: Path, language: str) -> CatalogFile:
    """Parse one .po file; a syntax, encoding or header error raises CatalogParseError with file:line."""
    try:
        text = decode_po(path.read_bytes())
    except ValueError as error:
        raise CatalogParseError(path, *error.args) from error
    problem = syntax_error(text)
    if problem:
        raise CatalogParseError(path, *problem)
    try:
        with path.open("rb") as handle:
            catalog = read_po(handle, locale=language, abort_invalid=True)
    except PoFileError as error:
        raise CatalogParseError(path, getattr(error, "lineno", 0) or 0, str(error)) from error
    except (ValueError, UnicodeDecodeError) as error:
        raise CatalogParseError(path, 1, str(error)) from error
    problem = header_problem(catalog, text, language)
    if problem:
        raise CatalogParseError(path, *problem)
    return CatalogFile(language, path, catalog, duplicate_entries(text))


def compile_translations(catalog: Catalog, *, use_fuzzy: bool = False) -> Translations:
    """Compile a parsed catalog to gettext translations, in memory.

    Entries left untranslated (and fuzzy ones, unless ``use_fuzzy``) fall back to
    the English msgid, as gettext does; the checks report them separately.
    """
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=use_fuzzy)
    buffer.seek(0)
    return Translations(fp=buffer, domain=DOMAIN)
