"""Helpers for tests that build the site: ``mkdocs_build``, ``copy_project``, and
mkdocs.yml as the build reads it (``mkdocs_config``, ``LANGUAGES``).

The one shared strict build (``built_site``) lives in tests/conftest.py.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from functools import cache
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]


@cache
def mkdocs_config() -> dict:
    """mkdocs.yml as plain data (its ``!ENV`` tags left unread), the one place tests read it from."""
    return yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)


def _site_languages() -> tuple[str, ...]:
    """The i18n plugin's languages, in mkdocs.yml's order (English, the default, first)."""
    plugin = next(entry["i18n"] for entry in mkdocs_config()["plugins"] if isinstance(entry, dict) and "i18n" in entry)
    return tuple(language["locale"] for language in plugin["languages"])


# The site's languages: the tests take them from mkdocs.yml, as the build does.
LANGUAGES = _site_languages()


def mkdocs_build(root: Path, site_dir: Path, *extra: str, strict: bool = True,
                 env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """Run `mkdocs build` (strict unless told otherwise) in ``root`` into ``site_dir``.

    ``env`` adds variables, e.g. ``CLV_SITE_URL`` for a site served elsewhere.
    """
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    command = [sys.executable, "-m", "mkdocs", "build", *(["--strict"] if strict else []),
               "--site-dir", str(site_dir), *extra]
    return subprocess.run(command, cwd=root, capture_output=True, text=True, env=environment)


COPIED = ["mkdocs.yml", "babel.cfg", "docs", "overrides", "hooks", "clvsite", "calculator", "locales", "pyproject.toml",
          "tools"]


def copy_project(folder: Path) -> Path:
    """The site sources copied into *folder*/project, so a test can change them."""
    copy = folder / "project"
    copy.mkdir()
    for name in COPIED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, copy / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, copy / name)
    os.symlink(ROOT / "node_modules", copy / "node_modules")
    return copy


