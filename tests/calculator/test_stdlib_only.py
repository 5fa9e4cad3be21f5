"""The package imports nothing outside the standard library (Pyodide needs that)."""

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# -I ignores PYTHON* variables and user site-packages, -S skips site-packages:
# only the standard library and the repository root (on sys.path) are visible.
PROBE = f"""
import json, pkgutil, sys, importlib
sys.path.insert(0, {str(ROOT)!r})
import calculator
for module in pkgutil.walk_packages(calculator.__path__, "calculator."):
    if module.name != "calculator.__main__":  # running it would exit
        importlib.import_module(module.name)
print(json.dumps(sorted(sys.modules)))
"""


def test_only_stdlib_modules_are_imported():
    run = subprocess.run([sys.executable, "-I", "-S", "-c", PROBE],
                         capture_output=True, text=True, check=True)
    loaded = json.loads(run.stdout)
    foreign = [name for name in loaded
               if name.split(".")[0] not in sys.stdlib_module_names
               and name.split(".")[0] != "calculator"
               and name not in sys.builtin_module_names
               and name != "__main__"]  # the probe script itself
    assert "calculator.cli" in loaded and "calculator.registry" in loaded
    assert foreign == []


def test_isolated_import():
    # -I never puts the working directory on sys.path, so add the checkout
    # explicitly (an installed wheel would not need it).
    code = f"import sys; sys.path.insert(0, {str(ROOT)!r}); import calculator"
    subprocess.run([sys.executable, "-I", "-c", code], check=True)
