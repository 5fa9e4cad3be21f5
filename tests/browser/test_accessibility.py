"""axe-core finds no accessibility violations on every page, in every language.

The calculator is checked once ready and again while it shows an input error;
the other pages as they load. The 404 page is checked too. Every page is
checked in the light scheme; the pages with our own colours (calculators,
home, the main entry, 404) in the dark scheme too, as a system set to dark
mode shows them.
"""

from __future__ import annotations

import pytest

from clvsite.glossary import TERMS

from .serving import AXE, LANGUAGES

pytestmark = pytest.mark.browser

PAGES = {
    "home": "", "calculator": "calculator/", "your-data": "calculator/your-data/",
    "glossary": "glossary/", "404": "404.html",
    **{term.slug: f"glossary/{term.slug}/" for term in TERMS},
}

# Violations we accept, by rule and node, each with the reason. Keep this short
# (it is empty: the search dialog's missing name is fixed in overrides/partials/search.html).
ACCEPTED: set[tuple[str, str]] = set()


def violations(page) -> list[str]:
    """axe-core's violations on the page as it is now, minus ACCEPTED ones."""
    page.add_script_tag(path=str(AXE))
    found = page.evaluate("""async () => (await axe.run(document)).violations.map((v) => ({
        id: v.id, help: v.help,
        nodes: v.nodes.map((n) => ({target: n.target.join(" "), summary: n.failureSummary}))}))""")
    report = []
    for violation in found:
        for node in violation["nodes"]:
            if (violation["id"], node["target"]) not in ACCEPTED:
                report.append(f"{violation['id']} ({violation['help']}) at {node['target']}: {node['summary']}")
    return report


DARK_PAGES = ("home", "calculator", "your-data", "customer-lifetime-value", "404")
SCHEMES = [("light", name) for name in PAGES] + [("dark", name) for name in DARK_PAGES]


@pytest.fixture
def page(browser, request):
    scheme = getattr(request, "param", "light")
    context = browser.new_context(color_scheme=scheme)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize(("page", "name"), SCHEMES, indirect=["page"], ids=[f"{s}-{n}" for s, n in SCHEMES])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_axe_violations(page, site, lang, name):
    prefix = "/" if lang == "en" else f"/{lang}/"
    page.goto(site.url(prefix + PAGES[name]))
    if name == "calculator":
        page.wait_for_selector('[data-calculator-status="ready"]', state="attached", timeout=60_000)
    assert violations(page) == []
    if name == "calculator":
        # The error state: alert text, aria-invalid input.
        page.locator('form[data-formula="simple"] input[name="aov"]').fill("abc")
        page.wait_for_selector('form[data-formula="simple"] [role=alert][data-error]', timeout=15_000)
        assert violations(page) == []


@pytest.mark.parametrize("page", ["dark"], indirect=True)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_dark_scheme_follows_the_system_and_the_toggle_is_named(page, site, lang):
    english = {"Switch to light mode", "Switch to dark mode", "Follow the system setting"}
    prefix = "/" if lang == "en" else f"/{lang}/"
    page.goto(site.url(prefix))
    assert page.evaluate("document.body.dataset.mdColorScheme") == "slate"
    names = page.locator("form[data-md-component=palette] input[aria-label]").evaluate_all(
        "inputs => inputs.map((input) => input.getAttribute('aria-label'))")
    assert len(names) == 3 and all(names)
    assert (set(names) == english) == (lang == "en"), names
