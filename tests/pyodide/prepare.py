"""Wheels and a lock file to run tests/formulas inside Pyodide under Node.

Pyodide's own lock lists pytest, but its wheels live on a CDN this project
does not use; so pytest and its dependencies come from PyPI as pure wheels,
pinned with their hashes in requirements-pyodide.txt, next to the calculator
wheel, with a lock file listing exactly these packages (run_formula_suite.mjs
passes it to loadPyodide). Idempotent: a second run builds and downloads
nothing.

Usage, from the repository root: ``python -m tests.pyodide.prepare [--cache-dir DIR]``;
it prints the folder to give run_formula_suite.mjs.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import zipfile
from email.parser import BytesParser
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name, parse_wheel_filename

from clvsite.pyodide_bundle import LOCK_NAME, build_wheel, lock_entry, sha256_of, write_lock

ROOT = Path(__file__).resolve().parents[2]
REQUIREMENTS = Path(__file__).with_name("requirements-pyodide.txt")
PYODIDE_LOCK = ROOT / "node_modules" / "pyodide" / LOCK_NAME
CACHE_DIR = ROOT / "build" / "pyodide-tests"  # gitignored; `make clean` removes it


class PrepareError(RuntimeError):
    """The wheels or the lock could not be prepared; the message says how to fix it."""


def pins(requirements: Path = REQUIREMENTS) -> dict[str, tuple[str, str]]:
    """``{canonical name: (version, sha256)}`` from a file of ``name==version --hash=sha256:…`` lines."""
    pinned = {}
    for number, line in enumerate(requirements.read_text(encoding="utf-8").splitlines(), 1):
        words = line.split("#", 1)[0].split()
        if not words:
            continue
        requirement = Requirement(words[0])
        versions = [spec.version for spec in requirement.specifier if spec.operator == "=="]
        hashes = [word.removeprefix("--hash=sha256:") for word in words[1:]
                  if word.startswith("--hash=sha256:")]
        if len(versions) != 1 or len(hashes) != 1:
            raise PrepareError(f"{requirements}:{number}: expected one pin with one hash, "
                               f"e.g. 'pytest==9.2.0 --hash=sha256:<64 hex digits>'")
        pinned[canonicalize_name(requirement.name)] = (versions[0], hashes[0])
    return pinned


def target_environment(pyodide_lock: Path = PYODIDE_LOCK) -> dict[str, str]:
    """PEP 508 marker values inside Pyodide, from the Python version its lock names."""
    python = json.loads(pyodide_lock.read_text(encoding="utf-8"))["info"]["python"]
    return {"python_version": ".".join(python.split(".")[:2]), "python_full_version": python,
            "sys_platform": "emscripten", "platform_system": "Emscripten",
            "platform_machine": "wasm32", "os_name": "posix",
            "implementation_name": "cpython", "platform_python_implementation": "CPython",
            "extra": ""}


def cached(pinned: dict[str, tuple[str, str]], folder: Path) -> dict[str, Path]:
    """``{canonical name: wheel}`` of the pinned wheels already in ``folder`` with their pinned hash."""
    found = {}
    for wheel in folder.glob("*.whl"):
        name, version = parse_wheel_filename(wheel.name)[:2]
        if name in pinned and (str(version), sha256_of(wheel)) == pinned[name]:
            found[name] = wheel
    return found


def download(requirements: Path, folder: Path, python_version: str) -> dict[str, Path]:
    """The pinned wheels, downloaded with pip unless already in ``folder``."""
    pinned = pins(requirements)
    wheels = cached(pinned, folder)
    if wheels.keys() != pinned.keys():
        # --require-hashes is implied by the hashes in the file; pure wheels only.
        result = subprocess.run(
            [sys.executable, "-m", "pip", "download", "--quiet", "--disable-pip-version-check",
             "--only-binary=:all:", "--no-deps", "--python-version", python_version,
             "--dest", str(folder), "-r", str(requirements)],
            capture_output=True, text=True)
        wheels = cached(pinned, folder)
        if result.returncode != 0 or wheels.keys() != pinned.keys():
            raise PrepareError(f"pip could not download the wheels of {requirements}:\n{result.stderr}")
    return wheels


def metadata(wheel: Path):
    """The wheel's METADATA as an email message."""
    with zipfile.ZipFile(wheel) as archive:
        name = next(name for name in archive.namelist() if name.endswith(".dist-info/METADATA"))
        return BytesParser().parsebytes(archive.read(name))


def depends(wheel: Path, environment: dict[str, str], requirements: Path) -> list[str]:
    """The wheel's requirements inside Pyodide, each checked against its pin."""
    pinned = pins(requirements)
    names = []
    for line in metadata(wheel).get_all("Requires-Dist") or []:
        requirement = Requirement(line)
        if requirement.marker and not requirement.marker.evaluate(environment):
            continue
        name = canonicalize_name(requirement.name)
        if name not in pinned or not requirement.specifier.contains(pinned[name][0], prereleases=True):
            raise PrepareError(f"{wheel.name} requires {line!r}: pin a matching version "
                               f"with its hash in {requirements}")
        names.append(name)
    return sorted(names)


def imports(wheel: Path) -> list[str]:
    """Top-level modules of a wheel (packages and single-file modules)."""
    with zipfile.ZipFile(wheel) as archive:
        tops = {name.split("/")[0] for name in archive.namelist()}
    return sorted(top.removesuffix(".py") for top in tops
                  if not top.endswith((".dist-info", ".data")) and ("." not in top or top.endswith(".py")))


def prepare(project_dir: Path = ROOT, cache_dir: Path = CACHE_DIR,
            requirements: Path = REQUIREMENTS) -> Path:
    """Build the calculator wheel, fetch the pinned wheels, write the lock; return their folder."""
    if not PYODIDE_LOCK.exists():
        raise PrepareError(f"{PYODIDE_LOCK} is missing: run `npm ci` (the Makefile's setup does)")
    wheels_dir = cache_dir / "wheels"
    wheels_dir.mkdir(parents=True, exist_ok=True)
    environment = target_environment()
    wheels = download(requirements, wheels_dir, environment["python_version"])
    built = build_wheel(project_dir, cache_dir / "calculator")
    calculator = wheels_dir / built.name
    if not calculator.exists() or sha256_of(calculator) != sha256_of(built):
        shutil.copyfile(built, calculator)
    entries = [lock_entry(calculator, imports=["calculator"])]
    entries += [lock_entry(wheel, imports=imports(wheel), depends=depends(wheel, environment, requirements))
                for wheel in wheels.values()]
    write_lock(PYODIDE_LOCK, entries, wheels_dir / LOCK_NAME)
    return wheels_dir


def main(argv: list[str] | None = None) -> int:
    """Command line: prepare, then print the wheels folder."""
    parser = argparse.ArgumentParser(prog="python -m tests.pyodide.prepare",
                                     description=__doc__.split("\n")[0])
    parser.add_argument("--cache-dir", type=Path, default=CACHE_DIR, help=f"default: {CACHE_DIR}")
    options = parser.parse_args(argv)
    try:
        print(prepare(cache_dir=options.cache_dir))
    except PrepareError as error:
        print(f"prepare: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
