"""Catalog checks that Babel does not do: placeholders, markup and completeness.

Babel's own checkers compare ``%`` placeholders only on entries flagged
python-format. Translations here are rendered into HTML pages, so a msgstr must
not bring a placeholder, tag, attribute or link its msgid does not have: that is
how a typo breaks a page and how an injected ``<script>`` would reach readers.
Each problem names the .po file and the line of the entry.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog, Message

from clvsite.catalogs import CatalogFile

# Why each pattern: `%(name)s` is what Jinja's trans blocks and Python use;
# `{name}` is str.format; `{{ ... }}` / `{% ... %}` would be evaluated if a
# template ever rendered the string.
PERCENT_PLACEHOLDER = re.compile(r"%(?:\((\w+)\))?[-#0 +]*\d*(?:\.\d+)?[sdifrxXeEgGc]")
BRACE_PLACEHOLDER = re.compile(r"(?<!\{)\{(\w*)\}(?!\})")
JINJA_SYNTAX = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.DOTALL)
HTML_TAG = re.compile(r"<(/?)([A-Za-z][\w:-]*)((?:\s+[^<>]*?)?)\s*(/?)>")
HTML_ATTRIBUTE = re.compile(r"([\w:-]+)(?:\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s\"'>]+))?")
MARKDOWN_LINK = re.compile(r"\]\(\s*([^)\s]+)[^)]*\)|\]:\s*(\S+)|<((?:https?|mailto|javascript):[^>]*)>")
DANGEROUS_SCHEME = re.compile(r"javascript\s*:|vbscript\s*:|data\s*:\s*text/html", re.IGNORECASE)
VOID_ELEMENTS = frozenset({"br", "hr", "img", "input", "meta", "link", "wbr", "source", "col", "area"})


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a catalog, located by file and line."""

    path: Path
    line: int
    kind: str  # "missing", "fuzzy", "placeholder", "markup", "link", "parse"
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
    """Every placeholder of ``text``, as a multiset of canonical spellings."""
    found: Counter[str] = Counter()
    for match in PERCENT_PLACEHOLDER.finditer(text.replace("%%", "")):
        found[f"%({match.group(1)})" if match.group(1) else "%"] += 1
    for match in BRACE_PLACEHOLDER.finditer(text):
        found["{" + match.group(1) + "}"] += 1
    for match in JINJA_SYNTAX.finditer(text):
        found[" ".join(match.group(0).split())] += 1
    return found


def tags(text: str) -> Counter[str]:
    """Every HTML tag of ``text`` with its attributes, in a canonical spelling."""
    found: Counter[str] = Counter()
    for closing, name, attributes, _ in HTML_TAG.findall(text):
        pairs = sorted(f"{key.lower()}={value.strip(chr(34) + chr(39))}" for key, value in HTML_ATTRIBUTE.findall(attributes))
        found[f"<{closing}{name.lower()}{''.join(' ' + p for p in pairs)}>"] += 1
    return found


def unbalanced_tags(text: str) -> list[str]:
    """Names of non-void elements whose opening and closing tags do not pair up."""
    depth: Counter[str] = Counter()
    for closing, name, _, self_closing in HTML_TAG.findall(text):
        name = name.lower()
        if name in VOID_ELEMENTS or self_closing:
            continue
        depth[name] += -1 if closing else 1
    return sorted(name for name, count in depth.items() if count)


def link_targets(text: str) -> Counter[str]:
    """Targets of Markdown links, reference definitions and autolinks."""
    return Counter(next(group for group in match.groups() if group) for match in MARKDOWN_LINK.finditer(text))


def _translations(message: Message) -> list[str]:
    return list(message.string) if isinstance(message.string, (list, tuple)) else [message.string or ""]


def _sources(message: Message) -> list[str]:
    return list(message.id) if isinstance(message.id, (list, tuple)) else [message.id]


def _short(message: Message) -> str:
    msgid = _sources(message)[0]
    text = msgid if len(msgid) <= 60 else msgid[:57] + "..."
    context = f" (context {message.context!r})" if message.context else ""
    return f"msgid {text!r}{context}"


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
    allowed_placeholders = sum((placeholders(s) for s in sources), Counter())
    required_placeholders = placeholders(sources[0])
    if len(sources) > 1:
        required_placeholders &= placeholders(sources[1])
    allowed_tags = sum((tags(s) for s in sources), Counter())
    allowed_links = sum((link_targets(s) for s in sources), Counter())
    for translation in translations:
        found = placeholders(translation)
        extra = set(found) - set(allowed_placeholders)
        lost = set(required_placeholders) - set(found)
        if extra or lost:
            detail = "; ".join(filter(None, [
                extra and "adds " + ", ".join(sorted(extra)),
                lost and "drops " + ", ".join(sorted(lost)),
            ]))
            problems.append(Problem(kind="placeholder", message=f"{_short(message)}: the translation {detail}", **where))
        added_tags = set(tags(translation)) - set(allowed_tags)
        if added_tags:
            problems.append(Problem(kind="markup", message=f"{_short(message)}: the translation adds markup not in the msgid: {', '.join(sorted(added_tags))}", **where))
        unbalanced = unbalanced_tags(translation)
        if unbalanced:
            problems.append(Problem(kind="markup", message=f"{_short(message)}: unbalanced tags in the translation: {', '.join(unbalanced)}", **where))
        added_links = set(link_targets(translation)) - set(allowed_links)
        if added_links or (DANGEROUS_SCHEME.search(translation) and not any(DANGEROUS_SCHEME.search(s) for s in sources)):
            targets = ", ".join(sorted(added_links)) or "a javascript:/data: URL"
            problems.append(Problem(kind="link", message=f"{_short(message)}: the translation adds a link target not in the msgid: {targets}", **where))
    return problems


def check_catalog(catalog_file: CatalogFile) -> list[Problem]:
    """All problems of one parsed catalog, in file order."""
    catalog: Catalog = catalog_file.catalog
    problems: list[Problem] = []
    for message in catalog:
        if message.id:
            problems.extend(check_message(message, catalog_file.path))
    return sorted(problems, key=lambda p: p.line)
