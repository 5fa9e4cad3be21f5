"""How the build time grows with the number of languages.

Builds are timed alternately (full, one language, full, ...) so that a noisy
neighbour slows both kinds alike; the ratio of medians is what we track.
Target: six languages in at most 6x the time of one (shared work is done once).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ROUNDS = 3


def timed_build(site_dir: Path, only_language: str | None) -> float:
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    environment.pop("CLV_ONLY_LANGUAGE", None)
    if only_language:
        environment["CLV_ONLY_LANGUAGE"] = only_language
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir", str(site_dir)],
                   cwd=ROOT, env=environment, check=True, capture_output=True)
    return time.perf_counter() - start


def main() -> None:
    full, single = [], []
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(ROUNDS):
            full.append(timed_build(Path(tmp) / "full", None))
            single.append(timed_build(Path(tmp) / "one", "en"))
    full_median, single_median = statistics.median(full), statistics.median(single)
    ratio = full_median / single_median
    print(f"site build, median of {ROUNDS} (wall clock, includes Python start-up):")
    print(f"  six languages : {full_median:6.2f} s")
    print(f"  one language  : {single_median:6.2f} s")
    print(f"  ratio         : {ratio:6.2f}x  (target <= 6x) {'OK' if ratio <= 6 else 'OVER TARGET'}")



if __name__ == "__main__":
    main()
