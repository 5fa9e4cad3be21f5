"""What a catalog says, read straight from the .po file with Babel's parser.

Browser tests build their expected texts from this (data the translators
wrote), not from calculator.messages.render or str(InputError), which are the
code under test.
"""

from __future__ import annotations

import functools

from babel.messages.pofile import read_po

from tests.site.conftest import ROOT


@functools.cache
def _catalog(language: str):
    with (ROOT / "locales" / language / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        return read_po(handle, locale=language)


def translated(language: str, msgid: str, context: str | None = None) -> str:
    """The msgstr of *msgid* in *language* (the msgid itself in English); fails if missing."""
    if language == "en":
        return msgid
    message = _catalog(language).get(msgid, context=context)
    assert message is not None and message.string, f"{language}: no translation of {msgid!r}"
    return message.string
