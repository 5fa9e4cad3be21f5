"""`make bench`: every benchmark of the project, each printing ratios measured side by side.

Speed and size targets live here, not in tests: these machines are shared and
noisy, so each benchmark times the things it compares in the same run.

Run from the repository root, as `make bench` does: `python -m benchmarks
[build limits models pages calculator your_data lighthouse warehouse]`; the root is then on sys.path, so
the benchmarks import calculator/, clvsite/ and tests/ like the test suite does.
"""

from __future__ import annotations

import importlib
import sys

# In order: cheap first, so a failure late in the run still leaves numbers.
BENCHMARKS = ["build", "limits", "models", "pages", "calculator", "your_data", "lighthouse", "warehouse"]


def main(names: list[str]) -> int:
    for name in names or BENCHMARKS:
        print(f"\n== {name} ==", flush=True)
        importlib.import_module(f"benchmarks.{name}").main()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
