"""Helpers for tests that build the site: ``mkdocs_build`` and ``copy_project``.

The one shared strict build (``built_site``) lives in tests/conftest.py.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


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


