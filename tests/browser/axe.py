"""axe-core on the page as it is now: the violations, minus the accepted ones.

Shared by test_accessibility.py (static pages) and the calculator tests, which
check their pages on the one page load each language already makes (a second
load would start Pyodide again).
"""

from __future__ import annotations

import functools

from .serving import AXE

# Violations we accept, by rule and node, each with the reason. Keep this short
# (it is empty: the search dialog's missing name is fixed in overrides/partials/search.html).
ACCEPTED: set[tuple[str, str]] = set()


@functools.cache
def _axe_source() -> str:
    return AXE.read_text(encoding="utf-8")


def violations(page) -> list[str]:
    """axe-core's violations on the page as it is now, minus ACCEPTED ones."""
    # Evaluated through the DevTools protocol: the page's CSP refuses an added inline script.
    page.evaluate(_axe_source())
    # resultTypes: only violations get their full node details (axe's own speed option).
    found = page.evaluate("""async () => (await axe.run(document, {resultTypes: ["violations"]})).violations.map((v) => ({
        id: v.id, help: v.help,
        nodes: v.nodes.map((n) => ({target: n.target.join(" "), summary: n.failureSummary}))}))""")
    report = []
    for violation in found:
        for node in violation["nodes"]:
            if (violation["id"], node["target"]) not in ACCEPTED:
                report.append(f"{violation['id']} ({violation['help']}) at {node['target']}: {node['summary']}")
    return report


def dark_violations(page) -> list[str]:
    """The violations of the page as a system set to dark mode shows it, then back to light.

    The theme follows the system's scheme as it changes, so the page keeps its
    state (a started calculator, an analysed file) and is not loaded again.
    """
    page.emulate_media(color_scheme="dark")
    page.wait_for_function("() => document.body.dataset.mdColorScheme === 'slate'")
    try:
        return violations(page)
    finally:
        page.emulate_media(color_scheme="light")
        page.wait_for_function("() => document.body.dataset.mdColorScheme === 'default'")
