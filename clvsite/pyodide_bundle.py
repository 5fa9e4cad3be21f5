"""Ship the calculator to the browser: Pyodide runtime, calculator wheel, lock file.

The runtime comes from the npm package `pyodide` (pinned in package-lock.json);
only the files a page needs are copied, once, under site/pyodide/, shared by
the six language trees. The calculator is built as a pure wheel with
`python -m build --wheel` and listed, with its sha256, in a lock file of our
own that the page passes to `loadPyodide({lockFileURL})`, so
`loadPackage("calculator")` fetches it from the site and nowhere else.

Why a small function writes the lock entry instead of `pyodide lockfile
add-wheels`: pyodide-lock 0.2 needs Python >= 3.12 and the project's
environment is the machine's Python 3.11 (the oldest the calculator supports).
pyodide-build's `build`, `venv` and `xbuildenv` download a cross-build
environment (no network here) and its `py-compile` uses the host Python's
bytecode, which Pyodide's Python 3.14 cannot load, so none of them is used.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

RUNTIME_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip")
LOCK_NAME = "pyodide-lock.json"
# A fixed timestamp inside the wheel: the same sources give the same sha256.
SOURCE_DATE_EPOCH = "1767225600"  # 2026-01-01


class BundleError(RuntimeError):
    """The runtime or the wheel could not be prepared; the message says how to fix it."""


def sources_digest(package_dir: Path) -> str:
    """A digest of the package's .py files and pyproject, to reuse an up-to-date wheel."""
    digest = hashlib.sha256()
    for path in sorted(package_dir.rglob("*.py")) + [package_dir.parent / "pyproject.toml"]:
        digest.update(path.relative_to(package_dir.parent).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def build_wheel(project_dir: Path, cache_dir: Path) -> Path:
    """Build (or reuse) the pure ``py3-none-any`` wheel of calculator/."""
    target = cache_dir / sources_digest(project_dir / "calculator")
    wheels = sorted(target.glob("calculator-*-py3-none-any.whl"))
    if wheels:
        return wheels[-1]
    target.mkdir(parents=True, exist_ok=True)
    environment = {**os.environ, "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH}
    result = subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(target), str(project_dir)],
        capture_output=True, text=True, env=environment)
    wheels = sorted(target.glob("calculator-*-py3-none-any.whl"))
    if result.returncode != 0 or not wheels:
        raise BundleError(f"building the calculator wheel failed:\n{result.stdout}\n{result.stderr}")
    # setuptools' scratch folders; the rest of build/ may belong to others.
    for scratch in [project_dir / "build" / "lib", *(project_dir / "build").glob("bdist.*")]:
        shutil.rmtree(scratch, ignore_errors=True)
    return wheels[-1]


def sha256_of(path: Path) -> str:
    """Hex sha256 of a file, as Pyodide's lock file records it."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def lock_entry(wheel: Path, *, imports: list[str], depends: list[str] | None = None) -> dict:
    """One package entry of pyodide-lock.json for a pure-Python wheel.

    The fields are those of Pyodide's own lock file (see any entry of
    node_modules/pyodide/pyodide-lock.json); the wheel name gives name and
    version (PEP 427: ``{name}-{version}-py3-none-any.whl``).
    """
    name, version = wheel.name.split("-")[:2]
    return {
        "name": name.replace("_", "-").lower(),
        "version": version,
        "file_name": wheel.name,
        "install_dir": "site",
        "sha256": sha256_of(wheel),
        "package_type": "package",
        "imports": imports,
        "depends": depends or [],
        "unvendored_tests": False,
        "shared_library": False,
    }


def write_lock(pyodide_lock: Path, entries: list[dict], output: Path) -> Path:
    """A lock file with Pyodide's ``info`` and only our packages.

    Listing nothing else means a request for any other package fails at once
    instead of being looked up elsewhere.
    """
    info = json.loads(pyodide_lock.read_text(encoding="utf-8"))["info"]
    lock = {"info": info, "packages": {entry["name"]: entry for entry in entries}}
    output.write_text(json.dumps(lock, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return output


def bundle(project_dir: Path, node_modules: Path, site_dir: Path, cache_dir: Path) -> Path:
    """Copy the runtime, the calculator wheel and our lock file under site/pyodide/."""
    runtime = node_modules / "pyodide"
    missing = [name for name in RUNTIME_FILES + (LOCK_NAME,) if not (runtime / name).exists()]
    if missing:
        raise BundleError(f"{runtime} lacks {', '.join(missing)}: run `npm ci` (the Makefile does)")
    target = site_dir / "pyodide"
    target.mkdir(parents=True, exist_ok=True)
    for name in RUNTIME_FILES:
        shutil.copyfile(runtime / name, target / name)
    wheel = build_wheel(project_dir, cache_dir)
    shutil.copyfile(wheel, target / wheel.name)
    write_lock(runtime / LOCK_NAME, [lock_entry(wheel, imports=["calculator"])], target / LOCK_NAME)
    return target
