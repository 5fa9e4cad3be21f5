"""The progress callback of the long steps (summarising a log, fitting a model).

``progress(step, done, total)``: *step* names the step, a key of
``messages.ANALYSIS_TEXTS`` (``"fit_bgnbd"``), *done* the work so far
(rows, evaluations), *total* the whole work when known, else None. The
your-data page shows it; the CLI and the tests pass None.
"""

from __future__ import annotations

from collections.abc import Callable

__all__ = ["Progress"]

Progress = Callable[[str, int, int | None], None]
