"""The light/dark toggle: our copy of Material's palette partial stays in step.

overrides/partials/palette.html copies Material's partial to translate the
toggles' names; if Material changes its partial (an upgrade), this fails so
that the copy is redone rather than silently drifting.
"""

from __future__ import annotations

import re
from pathlib import Path

import material

from tests.site.conftest import ROOT, mkdocs_config

OURS = ROOT / "overrides" / "partials" / "palette.html"
THEIRS = Path(material.__file__).parent / "templates" / "partials" / "palette.html"


def _body(text: str) -> list[str]:
    """The partial's lines without comments, blank lines and our name lookup."""
    text = re.sub(r"\{#.*?#\}", "", text, flags=re.S)
    text = re.sub(r"\{%-? set toggle_names = .*?%\}", "", text, flags=re.S)
    text = re.sub(r"\s*\{% set name = .*?%\}", "", text)
    text = text.replace("{{ name }}", "{{ option.toggle.name }}")
    return [line.strip() for line in text.splitlines() if line.strip()]


def test_copy_matches_materials_partial():
    assert _body(OURS.read_text(encoding="utf-8")) == _body(THEIRS.read_text(encoding="utf-8"))


def test_every_toggle_name_is_a_msgid_of_the_copy():
    names = [option["toggle"]["name"] for option in mkdocs_config()["theme"]["palette"]]
    ours = OURS.read_text(encoding="utf-8")
    for name in names:
        assert f'"{name}": _("{name}")' in ours, name
