"""The your-data page of a language, started once per worker and shared by three test files.

test_your_data.py, test_your_data_models.py and test_your_files.py all need
the page with Pyodide running; each page load starts it again (seconds of
CPU). tests/scheduling.py runs a language's tests of the three files one
after the other on one worker, so one page per language serves them all.
One page is open at a time: opening another language's closes the last.

A module takes the page as the last one left it, so ``fresh_form`` puts the
form's fields back to their defaults: what a module then types is all there is.
"""

from __future__ import annotations

TIMEOUT_MS = 60_000
# Every `securitypolicyviolation` from the first script on, in window.cspViolations
# (test_csp.py, and the shared calculator and your-data pages: ``policy_violations``).
RECORD_VIOLATIONS = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.cspViolations.push(`${event.effectiveDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`);
});
"""
# Keeps every text the progress indicator shows, in window.progressTexts.
RECORD_PROGRESS = """
window.progressTexts = [];
document.addEventListener("DOMContentLoaded", () => {
  const text = document.querySelector("[data-progress-text]");
  new MutationObserver(() => window.progressTexts.push(text.textContent))
    .observe(text, { childList: true, characterData: true, subtree: true });
});
"""


def record_policy_violations(page) -> None:
    """From the next load on, keep the page's CSP violations and the console's refusals."""
    page.refusals = []
    page.on("console", lambda message: "Content Security Policy" in message.text and page.refusals.append(message.text))
    page.add_init_script(RECORD_VIOLATIONS)


def policy_violations(page) -> list[str]:
    """What the CSP refused on *page* since it was loaded (``record_policy_violations``)."""
    return page.evaluate("window.cspViolations") + page.refusals


def open_your_data_page(context, site, lang: str):
    """The language's your-data page in *context*, Pyodide ready; every request, dialog and CSP refusal recorded."""
    page = context.new_page()
    page.requests, page.dialogs = [], []
    page.on("request", lambda request: page.requests.append(request.url))
    page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
    page.add_init_script(RECORD_PROGRESS)
    record_policy_violations(page)
    prefix = "" if lang == "en" else f"/{lang}"
    page.goto(site.url(f"{prefix}/calculator/your-data/"))
    page.wait_for_selector("[data-calculator-status=ready]", state="attached", timeout=TIMEOUT_MS)
    page.lang, page.origin = lang, site.origin
    return page


class YourDataPages:
    """``pages(lang)``: the shared page of *lang*, opened on first use."""

    def __init__(self, context, site) -> None:
        self._context, self._site = context, site
        self._open: dict[str, object] = {}

    def __call__(self, lang: str):
        if lang not in self._open:
            self.close()
            self._open[lang] = open_your_data_page(self._context, self._site, lang)
        return self._open[lang]

    def close(self) -> None:
        for page in self._open.values():
            page.close()
        self._open.clear()


def fresh_form(page):
    """*page* with its form's fields at their defaults (the file chosen, dates, options), for a new module."""
    page.set_viewport_size({"width": 1280, "height": 720})
    page.evaluate("() => document.querySelector('form[data-your-data]').reset()")
    return page
