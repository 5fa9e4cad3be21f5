"""axe-core on the page as it is now: the violations, minus the accepted ones.

Shared by test_accessibility.py (static pages) and the calculator tests, which
check their pages on the one page load each language already makes (a second
load would start Pyodide again).
"""

from __future__ import annotations

from .serving import AXE

# Violations we accept, by rule and node, each with the reason. Keep this short
# (it is empty: the search dialog's missing name is fixed in overrides/partials/search.html).
ACCEPTED: set[tuple[str, str]] = set()


def violations(page) -> list[str]:
    """axe-core's violations on the page as it is now, minus ACCEPTED ones."""
    # Evaluated through the DevTools protocol: the page's CSP refuses an added inline script.
    page.evaluate(AXE.read_text(encoding="utf-8"))
    found = page.evaluate("""async () => (await axe.run(document)).violations.map((v) => ({
        id: v.id, help: v.help,
        nodes: v.nodes.map((n) => ({target: n.target.join(" "), summary: n.failureSummary}))}))""")
    report = []
    for violation in found:
        for node in violation["nodes"]:
            if (violation["id"], node["target"]) not in ACCEPTED:
                report.append(f"{violation['id']} ({violation['help']}) at {node['target']}: {node['summary']}")
    return report
