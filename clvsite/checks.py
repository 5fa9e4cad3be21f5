"""Catalog checks that Babel does not do: formats, markup, duplicates and completeness.

Translators are contributors, not trusted code. A msgstr is rendered into HTML
pages and calculator messages, so it may carry exactly the markup of its
msgid (read with real parsers, clvsite.catalog_markup) and exactly its
placeholders with their conversions (clvsite.catalog_formats); anything
else could break a page or put a script on it. Each problem names the .po
file and the line of the entry.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog, Message

from clvsite.catalog_formats import format_problems
from clvsite.catalog_markup import is_link, markup, unbalanced
from clvsite.catalogs import CatalogFile

# `{name}` is str.format; `{{ ... }}` / `{% ... %}` would be evaluated if a
# template ever rendered the string.
BRACE_PLACEHOLDER = re.compile(r"(?<!\{)\{(\w*)\}(?!\})")
JINJA_SYNTAX = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.DOTALL)


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a catalog, located by file and line."""

    path: Path
    line: int
    kind: str  # "missing", "fuzzy", "placeholder", "markup", "link", "duplicate", "parse"
    message: str
    msgid: str = ""
    context: str | None = None  # msgctxt: the same msgid may be fine in another context

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"

    @property
    def is_unsafe(self) -> bool:
        """True when rendering the msgstr could break or inject into a page."""
        return self.kind in {"placeholder", "markup", "link"}


def placeholders(text: str) -> Counter[str]:
    """The ``{name}`` and Jinja placeholders of ``text`` (``%`` ones: catalog_formats)."""
    found: Counter[str] = Counter()
    for match in BRACE_PLACEHOLDER.finditer(text):
        found["{" + match.group(1) + "}"] += 1
    for match in JINJA_SYNTAX.finditer(text):
        found[" ".join(match.group(0).split())] += 1
    return found


def _translations(message: Message) -> list[str]:
    return list(message.string) if isinstance(message.string, (list, tuple)) else [message.string or ""]


def _sources(message: Message) -> list[str]:
    return list(message.id) if isinstance(message.id, (list, tuple)) else [message.id]


def _short(message: Message) -> str:
    msgid = _sources(message)[0]
    text = msgid if len(msgid) <= 60 else msgid[:57] + "..."
    context = f" (context {message.context!r})" if message.context else ""
    return f"msgid {text!r}{context}"


def placeholder_problems(sources: list[str], translation: str) -> list[str]:
    """``%`` formats (as gettext's msgfmt -c checks them), then brace and Jinja placeholders."""
    problems = format_problems(sources, translation)
    allowed = sum((placeholders(s) for s in sources), Counter())
    required = placeholders(sources[0])
    for source in sources[1:]:
        required &= placeholders(source)
    found = placeholders(translation)
    problems += [f"adds {p}" for p in sorted(set(found) - set(allowed))]
    problems += [f"drops {p}" for p in sorted(set(required) - set(found))]
    return problems


def markup_difference(sources: list[str], translation: str) -> tuple[list[str], list[str]]:
    """Markup the translation adds and drops, against the closest of its sources.

    Compared as sets: a translation may bold a term twice where English bolds
    it once (nl and pl name the Dutch and Polish synonyms), never a new tag,
    attribute, value or link target.
    """
    found = set(markup(translation))
    best: tuple[list[str], list[str]] | None = None
    for source in sources:
        expected = set(markup(source))
        added, dropped = sorted(found - expected), sorted(expected - found)
        if best is None or len(added) + len(dropped) < len(best[0]) + len(best[1]):
            best = (added, dropped)
    return best or ([], [])


def check_message(message: Message, path: Path) -> list[Problem]:
    """Problems of one catalog entry; an untranslated entry is only 'missing'."""
    where = dict(path=path, line=message.lineno or 0, msgid=_sources(message)[0], context=message.context)
    translations = _translations(message)
    if not all(translations):
        return [Problem(kind="missing", message=f"{_short(message)} is not translated", **where)]
    problems = []
    if message.fuzzy:
        problems.append(Problem(kind="fuzzy", message=f"{_short(message)} is marked fuzzy (needs review)", **where))
    sources = _sources(message)
    for translation in translations:
        detail = "; ".join(placeholder_problems(sources, translation))
        if detail:
            problems.append(Problem(kind="placeholder", message=f"{_short(message)}: the translation {detail}", **where))
        added, dropped = markup_difference(sources, translation)
        links = [item for item in added + dropped if is_link(item)]
        if links:
            problems.append(Problem(kind="link", message=f"{_short(message)}: the translation changes a link: {', '.join(links)}", **where))
        others = [f"adds {item}" for item in added if not is_link(item)] + [f"drops {item}" for item in dropped if not is_link(item)]
        if others:
            problems.append(Problem(kind="markup", message=f"{_short(message)}: the translation must keep exactly the markup of the msgid; it {'; '.join(others)}", **where))
        elif unbalanced(translation) and not any(unbalanced(s) for s in sources):
            problems.append(Problem(kind="markup", message=f"{_short(message)}: unbalanced tags in the translation: {', '.join(unbalanced(translation))}", **where))
    return problems


def duplicate_problems(catalog_file: CatalogFile) -> list[Problem]:
    """Entries whose msgctxt and msgid repeat an earlier one (gettext would keep only one)."""
    return [Problem(catalog_file.path, line, "duplicate", f"msgid {msgid[:60]!r} repeats the entry of line {first}"
                    + (f" (context {context!r})" if context else ""), msgid, context)
            for line, first, msgid, context in catalog_file.duplicates]


def check_catalog(catalog_file: CatalogFile) -> list[Problem]:
    """All problems of one parsed catalog, in file order."""
    catalog: Catalog = catalog_file.catalog
    problems: list[Problem] = duplicate_problems(catalog_file)
    for message in catalog:
        if message.id:
            problems.extend(check_message(message, catalog_file.path))
    return sorted(problems, key=lambda p: p.line)
