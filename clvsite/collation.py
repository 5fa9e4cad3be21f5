"""Sort words as a language's dictionary does, with CLDR collation through ICU.

Babel has no collation, and PyICU has no wheel here; Node.js ships full ICU,
so `Intl.Collator(locale)` gives CLDR's tailored order (Lithuanian y beside i,
Polish ł after l, Ukrainian ґ after г) without a table written by hand.
"""

from __future__ import annotations

import functools
import json
import shutil
import subprocess

SORT_SCRIPT = """
const { locale, words } = JSON.parse(require("fs").readFileSync(0, "utf8"));
const collator = new Intl.Collator(locale, { sensitivity: "variant", numeric: true });
if (!Intl.Collator.supportedLocalesOf([locale]).length) throw new Error("no ICU collation for " + locale);
process.stdout.write(JSON.stringify([...words].sort(collator.compare)));
"""


class CollationError(RuntimeError):
    """Node.js is missing or has no collation for the locale."""


@functools.lru_cache(maxsize=64)
def _sorted(locale: str, words: tuple[str, ...]) -> tuple[str, ...]:
    node = shutil.which("node")
    if node is None:
        raise CollationError("node is not on PATH; the Makefile's setup needs Node.js for npm anyway")
    result = subprocess.run([node, "-e", SORT_SCRIPT], input=json.dumps({"locale": locale, "words": list(words)}),
                            capture_output=True, text=True)
    if result.returncode != 0:
        raise CollationError(result.stderr.strip().splitlines()[-1] if result.stderr.strip() else "node failed")
    return tuple(json.loads(result.stdout))


def collation_sorted(words: list[str], locale: str) -> list[str]:
    """``words`` in the dictionary order of ``locale``.

    >>> collation_sorted(["Łódź", "Lublin", "Marża", "Ala"], "pl")
    ['Ala', 'Lublin', 'Łódź', 'Marża']
    """
    return list(_sorted(locale, tuple(words)))
