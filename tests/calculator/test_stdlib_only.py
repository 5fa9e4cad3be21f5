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


def test_isolated_import_in_an_environment_without_third_party_packages(tmp_path):
    # A bare venv (no pip, no packages) that sees the checkout through a .pth
    # file, as an installed wheel would be seen; then the literal command.
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(tmp_path / "env")], check=True)
    python = tmp_path / "env" / "bin" / "python"
    site_packages = subprocess.run(
        [python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
        capture_output=True, text=True, check=True).stdout.strip()
    assert [p.name for p in Path(site_packages).iterdir()] == []  # nothing installed
    (Path(site_packages) / "checkout.pth").write_text(str(ROOT) + "\n", encoding="utf-8")
    subprocess.run([python, "-I", "-c", "import calculator"], check=True, cwd=tmp_path)
