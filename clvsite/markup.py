"""Small fixes to the rendered Markdown that the theme does not make."""

from __future__ import annotations

import re

TABLE = re.compile(r"<table>.*?</table>", re.DOTALL)


def focusable_tables(html: str) -> str:
    """Wrap each Markdown table in a scroll container that the keyboard can reach.

    A wide table (RFM scores, cohorts) scrolls sideways on a phone; a scrolling
    region must take focus so keyboard users can scroll it (WCAG 2.1.1, axe's
    scrollable-region-focusable). Material's own wrapper, added later by its
    JavaScript, is made not to scroll in site.css, so this one does.

    >>> focusable_tables("<p>x</p><table><tr><td>1</td></tr></table>")
    '<p>x</p><div class="clv-table-scroll" tabindex="0"><table><tr><td>1</td></tr></table></div>'
    """
    return TABLE.sub(lambda match: f'<div class="clv-table-scroll" tabindex="0">{match.group(0)}</div>', html)
