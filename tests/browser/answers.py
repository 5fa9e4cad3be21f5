"""Waiting for the your-data page's next answer, never for a fixed time.

The page counts its answers (results or an error) in ``data-answers`` on its
form; an action has been answered once that count differs from before it.
"""

from __future__ import annotations

from collections.abc import Callable

FORM = "form[data-your-data]"
TIMEOUT_MS = 60_000  # a cold Pyodide start and a model fit on a busy 2-core machine


def answered(page, action: Callable[[], object], timeout_ms: int = TIMEOUT_MS) -> None:
    """Run *action* and wait for the page's next answer."""
    before = page.get_attribute(FORM, "data-answers")
    action()
    page.wait_for_function(
        "(before) => (document.querySelector('form[data-your-data]').dataset.answers ?? null) !== before",
        arg=before, timeout=timeout_ms)
