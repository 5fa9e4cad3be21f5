"""Completeness of each catalog, and whether the catalogs match the sources."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.frontend import CommandLineInterface
from babel.messages.pofile import read_po

from clvsite.catalogs import read_catalog


@dataclass(frozen=True)
class Completeness:
    """Counts of one catalog's entries."""

    language: str
    total: int
    translated: int
    fuzzy: int

    @property
    def percent(self) -> float:
        return 100.0 * self.translated / self.total if self.total else 100.0


def completeness(path: Path, language: str) -> Completeness:
    """How many entries of a catalog are translated and not fuzzy."""
    messages = [m for m in read_catalog(path, language).catalog if m.id]
    fuzzy = sum(1 for m in messages if m.fuzzy)
    done = sum(1 for m in messages if not m.fuzzy and all(m.string if isinstance(m.string, tuple) else [m.string]))
    return Completeness(language, len(messages), done, fuzzy)


def status_table(rows: list[Completeness]) -> str:
    """A Markdown table, one line per language."""
    lines = ["| language | translated | fuzzy | untranslated | complete |", "|---|---:|---:|---:|---:|"]
    for row in rows:
        missing = row.total - row.translated - row.fuzzy
        lines.append(f"| {row.language} | {row.translated}/{row.total} | {row.fuzzy} | {missing} | {row.percent:.0f} % |")
    return "\n".join(lines)


def _keys(catalog: Catalog, root: Path | None = None) -> dict[tuple, tuple]:
    """What must agree between a template and a catalog made from the same sources."""
    def relative(filename: str) -> str:
        return Path(filename).relative_to(root).as_posix() if root and Path(filename).is_absolute() else filename

    return {
        (m.id if isinstance(m.id, str) else tuple(m.id), m.context):
            (tuple(sorted((relative(f), line) for f, line in m.locations)), tuple(m.auto_comments))
        for m in catalog if m.id
    }


def extract_template(root: Path, mapping: Path) -> Catalog:
    """Run `pybabel extract` on the sources into a temporary template and parse it."""
    with tempfile.TemporaryDirectory() as tmp:
        output = Path(tmp) / "messages.pot"
        # The same options as `make extract`, run in-process.
        CommandLineInterface().run(
            ["pybabel", "--quiet", "extract", "-F", str(mapping), "-c", "Translators:",
             "--sort-by-file", "-o", str(output), str(root)])
        with output.open("rb") as handle:
            return read_po(handle)


def stale_catalogs(root: Path, template_path: Path, catalog_paths: list[Path]) -> list[str]:
    """Reasons why the committed template or catalogs lag behind the sources."""
    reasons = []
    fresh = _keys(extract_template(root, root / "babel.cfg"), root)
    with template_path.open("rb") as handle:
        committed = _keys(read_po(handle))
    if committed != fresh:
        added = len(set(fresh) - set(committed))
        removed = len(set(committed) - set(fresh))
        reasons.append(f"{template_path}: stale ({added} new, {removed} gone, or moved/changed comments); run `make update`")
    for path in catalog_paths:
        with path.open("rb") as handle:
            ids = set(_keys(read_po(handle)))
        if ids != set(fresh):
            reasons.append(f"{path}: does not match the sources ({len(set(fresh) - ids)} missing, {len(ids - set(fresh))} obsolete); run `make update`")
    return reasons
