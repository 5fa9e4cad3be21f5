"""Theme blocks our overrides copy or replace: an upgrade that changes them fails here.

Each entry is the sha256 (first 16 hex digits) of the upstream text our copy or
override was written against. When one fails, compare the new upstream text
with ours, carry the change over (or decide it does not matter), then record
the new digest.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import material
import mkdocs_static_i18n
import pytest

MATERIAL = Path(material.__file__).parent / "templates"
STATIC_I18N = Path(mkdocs_static_i18n.__file__).parent


def block(template: Path, name: str) -> str:
    match = re.search(r"\{% block " + name + r" %\}(.*?)\{% endblock %\}", template.read_text(encoding="utf-8"), re.DOTALL)
    assert match, f"{template}: no block {name}"
    return match.group(1)


UPSTREAM = [
    # overrides/main.html copies site_meta (without its hreflang links) ...
    ("material base.html site_meta", lambda: block(MATERIAL / "base.html", "site_meta"), "977fd30a899dfae2"),
    # ... and replaces htmltitle (title fitted to about 60 characters).
    ("material base.html htmltitle", lambda: block(MATERIAL / "base.html", "htmltitle"), "253e4cbb7cfac383"),
    # ... and copies scripts, with the bundle deferred (its name is in our copy).
    ("material base.html scripts", lambda: block(MATERIAL / "base.html", "scripts"), "66a6516bdc6ae1fb"),
    # overrides/404.html replaces Material's 404 content.
    ("material 404.html", lambda: (MATERIAL / "404.html").read_text(encoding="utf-8"), "80c93494b5432b1b"),
    # overrides/sitemap.xml is mkdocs-static-i18n's sitemap with x-default fixed.
    ("static-i18n sitemap.xml", lambda: (STATIC_I18N / "custom_i18n_sitemap" / "sitemap.xml").read_text(encoding="utf-8"),
     "538e71a0c68befda"),
]


@pytest.mark.parametrize(("name", "text", "digest"), UPSTREAM, ids=[entry[0] for entry in UPSTREAM])
def test_the_upstream_text_is_the_one_our_override_was_written_for(name, text, digest):
    assert hashlib.sha256(text().encode("utf-8")).hexdigest()[:16] == digest, (
        f"{name} changed upstream: compare it with our override, then update the digest")


def test_material_fetches_sitemaps_only_next_to_head_alternate_links():
    # Why the head carries no hreflang links (overrides/main.html): Material 9.8
    # fetches sitemap.xml next to each; with none, it fetches nothing.
    (bundle,) = (MATERIAL / "assets" / "javascripts").glob("bundle.*.min.js")
    assert bundle.read_text(encoding="utf-8").count('"link[rel=alternate]"') == 1


def test_static_i18n_keeps_the_tree_homes_the_404_links_to():
    # hooks/i18n_pages.py (on_template_context) copies this list into the 404 page.
    from mkdocs_static_i18n.reconfigure import ExtendedPlugin

    assert ExtendedPlugin().extra_alternate == {}
    assert "self.extra_alternate = deepcopy(config.extra[\"alternate\"])" in (
        STATIC_I18N / "reconfigure.py").read_text(encoding="utf-8")
