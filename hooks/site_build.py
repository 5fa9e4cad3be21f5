"""The site build's MkDocs hooks: every event of a build, adapted to clvsite/.

Per build: load and check the catalogs (a strict build stops on a problem).
Per page: render the Markdown through its language's catalog, typeset the math
with KaTeX, derive the description and JSON-LD. After the last language tree:
the 404 pages, KaTeX's files and font cuts, the Pyodide bundle, the service
worker, robots.txt, the URL checks and one search index per tree.

Glue only: the logic lives in clvsite/ (catalogs, checks, rendering, seo,
katex_render, pyodide_bundle, offline, site_urls, csp, trees).
"""

from __future__ import annotations

import logging
import os
import sys
from copy import deepcopy
from dataclasses import replace
from pathlib import Path

from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

# MkDocs loads hooks by file path; the repository root makes clvsite importable.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from clvsite import SOURCE_LANGUAGE  # noqa: E402
from clvsite.assets import add_math, copy_katex  # noqa: E402
from clvsite.build import SiteI18n  # noqa: E402
from clvsite.checks import Problem  # noqa: E402
from clvsite.csp import add_policy  # noqa: E402
from clvsite.font_subset import characters_of  # noqa: E402
from clvsite.katex_render import KatexRenderer, MathError  # noqa: E402
from clvsite.markup import focusable_tables  # noqa: E402
from clvsite.navigation import (  # noqa: E402
    NAV_SECTIONS,
    PERMALINK_TITLE,
    SITE_TEXTS,
    THEME_GAPS,
    translate_sections,
)
from clvsite.offline import write_service_worker  # noqa: E402
from clvsite.pyodide_bundle import bundle  # noqa: E402
from clvsite.rendering import PageTemplateError, render_page  # noqa: E402
from clvsite.seo import blocks, description, faq, json_ld, og_locale  # noqa: E402
from clvsite.site_urls import robots_txt, site_problems  # noqa: E402
from clvsite.trees import absolute_url, fold_search, localize_search_base, split_search_index  # noqa: E402

log = logging.getLogger("mkdocs.hooks.site_build")

# Hooks ------------------------------------------------------------------------


def on_config(config: MkDocsConfig) -> None:
    """Load and check every catalog once per build; a strict build stops on any problem."""
    global site_i18n, katex
    if config.plugins["i18n"].building:
        return  # mkdocs-static-i18n's build of another language: same catalogs, same run
    site_i18n = SiteI18n(LOCALES_DIR, languages(config), dict(config.extra.get("example_currency", {})),
                         list(config.extra.get("calculator_currencies", [])))
    report_catalog_problems(site_i18n.problems(), strict=config.strict, root=ROOT)
    katex = katex or KatexRenderer(ROOT / "node_modules")  # one Node.js process, even across `make serve` rebuilds
    katex.forget_use()


def on_serve(server, *, config: MkDocsConfig, builder) -> None:
    """Rebuild when a translator saves a .po file."""
    server.watch(str(LOCALES_DIR))


def on_pre_build(*, config: MkDocsConfig) -> None:
    """Site name, description and heading-link tooltip in the language being built."""
    gettext = site_i18n.state(current_language(config)).translations.gettext
    for key, english in SITE_TEXTS.items():
        # Escaped once, as Markup: the theme prints config.site_name unescaped
        # in aria-label="…" and text, and `| e` leaves Markup as it is.
        config[key] = escape(gettext(english))
    config.mdx_configs.setdefault("toc", {})["permalink_title"] = gettext(PERMALINK_TITLE)


def on_nav(nav, *, config: MkDocsConfig, files: Files):
    """Section titles of the navigation in the language being built."""
    gettext = site_i18n.state(current_language(config)).translations.gettext
    translate_sections(nav.items, lambda english: escape(gettext(english)))  # the theme prints titles unescaped
    return nav


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Render the English source with the current language's translations."""
    environment = site_i18n.environment(current_language(config))
    try:
        return render_page(environment, markdown, filename=f"docs/{page.file.src_uri}",
                           root=get_relative_url(".", page.url))
    except PageTemplateError as error:
        raise PluginError(str(error)) from error


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Typeset the math; description and JSON-LD from the rendered, translated page."""
    try:
        html = katex.typeset(html)
    except MathError as error:
        raise PluginError(f"docs/{page.file.src_uri}: {error}") from error
    html = focusable_tables(html)
    language = current_language(config)
    gettext = site_i18n.state(language).translations.gettext
    prefix = "" if language == SOURCE_LANGUAGE else f"{language}/"
    page_blocks = blocks(html)
    text = description(page_blocks)
    is_term = page.file.src_uri.startswith("glossary/") and not page.file.src_uri.endswith("index.md")
    page.meta["description"] = text
    page.meta["json_ld"] = json_ld(
        kind="term" if is_term else "page", language=language,
        url=page.canonical_url or absolute_url(config.site_url or "/", page.url),
        name=page_blocks[0].text if page_blocks and page_blocks[0].tag == "h1" else page.title or "",
        text=text, questions=faq(page_blocks),
        term_set_url=absolute_url(config.site_url or "/", prefix + "glossary/"),
        term_set_name=gettext(NAV_SECTIONS[0]))
    return html


def on_env(env, *, config: MkDocsConfig, files: Files):
    """Theme templates get the language's gettext (404, head) and the sitemap's x-default language."""
    env.filters["og_locale"] = og_locale
    env.globals["theme_gaps"] = THEME_GAPS
    env.globals["source_language"] = SOURCE_LANGUAGE  # the sitemap's x-default
    if "jinja2.ext.InternationalizationExtension" not in env.extensions:
        env.add_extension("jinja2.ext.i18n")
    env.install_gettext_translations(site_i18n.state(current_language(config)).translations, newstyle=True)
    return env


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    """Point search at the page's language tree; load KaTeX where there is math; add the CSP."""
    output = fold_search(localize_search_base(output, current_language(config), SOURCE_LANGUAGE))
    # Last: the policy hashes the theme's final scripts (never those of page.content).
    return add_policy(add_math(output, get_relative_url(".", page.url)), page.content or "")


def on_template_context(context, *, template_name: str, config: MkDocsConfig):
    """The 404 page's switcher links each language's home, not the last page built.

    mkdocs-static-i18n rewrites config.extra.alternate for every page and keeps
    the tree homes (absolute paths under site_url) as ``extra_alternate``; it
    resets the list before its next page, so the 404 may change it.
    """
    homes = getattr(config.plugins["i18n"], "extra_alternate", None)
    if template_name == "404.html" and homes:
        # The plugin sets the attribute, which templates read before the item.
        config.extra.alternate = deepcopy(homes)
    return context


def on_post_template(output: str, *, template_name: str, config: MkDocsConfig) -> str:
    """Keep each language's 404 page (every language build writes /404.html), with its CSP."""
    if template_name == "404.html":
        output = add_policy(output)
        language = current_language(config)
        if language == SOURCE_LANGUAGE:
            not_found_pages[language] = output
        else:
            target = Path(config.site_dir) / language / "404.html"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(output, encoding="utf-8")
    return output


def on_shutdown() -> None:
    """Stop the KaTeX process."""
    global katex
    if katex is not None:
        katex.close()
        katex = None


@event_priority(-200)  # after mkdocs-static-i18n has built the other languages
def on_post_build(*, config: MkDocsConfig) -> None:
    """Shared files once for all trees: English 404, KaTeX, Pyodide, service worker, robots.txt; one search index per tree; URL checks."""
    # Each language build ends here too; the shared work waits for the last one,
    # when mkdocs-static-i18n has finished its nested builds and merged the index.
    if config.plugins["i18n"].building:
        return
    site_dir = Path(config.site_dir)
    if SOURCE_LANGUAGE in not_found_pages:
        (site_dir / "404.html").write_text(not_found_pages[SOURCE_LANGUAGE], encoding="utf-8")
    copy_katex(ROOT / "node_modules", site_dir, characters_of(katex.used()), ROOT / "build" / "fonts")
    bundle(ROOT, ROOT / "node_modules", site_dir, ROOT / "build" / "wheels")
    if (site_dir / "search" / "search_index.json").exists():
        split_search_index(site_dir, languages(config), SOURCE_LANGUAGE)
    write_service_worker(site_dir, languages(config), SOURCE_LANGUAGE, ROOT / "clvsite" / "templates" / "sw.js")
    (site_dir / "robots.txt").write_text(robots_txt(config.site_url or "/"), encoding="utf-8")
    check_urls(config, site_dir)


def check_urls(config: MkDocsConfig, site_dir: Path) -> None:
    """Canonical, og:url, JSON-LD and sitemap URLs all under the public site_url.

    A loopback site_url passes only when CLV_SITE_URL asks for it (`make serve`,
    the browser tests), so a plain build can never publish one.
    """
    problems = site_problems(site_dir, config.site_url or "", languages(config), SOURCE_LANGUAGE,
                             allow_loopback=bool(os.environ.get("CLV_SITE_URL")))
    if problems and config.strict:
        raise PluginError(f"{len(problems)} URL problems in the built site:\n" + "\n".join(problems[:40]))
    for problem in problems:
        log.warning(problem)


# Helpers ----------------------------------------------------------------------


def languages(config: MkDocsConfig) -> list[str]:
    """Locales of the i18n plugin, in the order of mkdocs.yml."""
    return [language.locale for language in config.plugins["i18n"].config.languages if language.build]


def report_catalog_problems(problems: list[Problem], *, strict: bool, root: Path) -> None:
    """Stop a strict build on any catalog problem, else warn; each as file:line relative to *root*."""
    problems = [replace(p, path=p.path.relative_to(root)) for p in problems]
    if problems and strict:
        raise PluginError("Translation catalogs have problems:\n" + "\n".join(map(str, problems)))
    for problem in problems:
        log.warning(str(problem))


def current_language(config: MkDocsConfig) -> str:
    """The language mkdocs-static-i18n is building now."""
    return config.plugins["i18n"].current_language or SOURCE_LANGUAGE


# Data -------------------------------------------------------------------------

ROOT = Path(__file__).resolve().parent.parent
LOCALES_DIR = ROOT / "locales"
site_i18n: SiteI18n | None = None
katex: KatexRenderer | None = None
not_found_pages: dict[str, str] = {}
