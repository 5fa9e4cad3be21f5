"""Text from the bytes of a CSV export, in the encodings spreadsheets write.

Excel saves "CSV UTF-8" (UTF-8 with a BOM), "Unicode text" (UTF-16 with a
BOM, tab separated) and plain "CSV", which is in the Windows code page of
the computer's language: cp1250 (Polish), cp1251 (Ukrainian), cp1257
(Lithuanian), cp1252 (Dutch, English) or cp1258 (Vietnamese).

``decode`` tries a BOM (UTF-8, UTF-16), then strict UTF-8 (plain ASCII is
UTF-8), then the code pages, the page language's first.  A single-byte code
page decodes almost any bytes, so every code page that decodes the file is
scored on the lines with non-ASCII bytes, and the lowest score wins; a tie
goes to the language's code page.  The score adds, counting each distinct
word or character once (a customer's name repeats on every row of theirs):

* 2 per word mixing Cyrillic and Latin letters ("Јуdџ": Polish "Łódź" read
  as cp1251);
* 1 per Latin word of two or more letters without one ASCII letter
  ("Ęëłşíň": Ukrainian "Клієнт" read as cp1250); such real words exist
  ("Żółć") but are rare, while Cyrillic read as Latin gives nothing else;
* 2 per character that is neither a letter, a mark, a digit, a space,
  punctuation nor a currency sign ("³", "¹", "¤": cp1250 letters read as
  cp1257).

Latin code pages cannot be told apart this way when the text is plausible in
both (Lithuanian "ąžuolas" in cp1250 is "ŕţuolas"): the page language
decides, and the result says which encoding was used.
"""

from __future__ import annotations

import re
import unicodedata

from .inputs import InputError

__all__ = ["CODE_PAGES", "decode", "encoding_name"]

# The Windows code page Excel writes plain CSV in, per page language.
CODE_PAGES = {"pl": "cp1250", "uk": "cp1251", "lt": "cp1257", "nl": "cp1252",
              "en": "cp1252", "vi": "cp1258"}
_ORDER = ("cp1252", "cp1250", "cp1257", "cp1251", "cp1258")
# Lines with non-ASCII bytes that are scored (the first ones of the file).
SAMPLE_LINES = 2000
_NON_ASCII_LINE = re.compile(rb"[^\n]*[\x80-\xff][^\n]*")
_WORD = re.compile(r"[^\W\d_]+")
# Unicode categories that cost nothing: letters, marks, decimal digits,
# spaces, punctuation, currency signs.
_FINE = {"Lu", "Ll", "Lt", "Lm", "Lo", "Mn", "Mc", "Me", "Nd", "Zs",
         "Pc", "Pd", "Ps", "Pe", "Pi", "Pf", "Po", "Sc"}
_NAMES = {"utf-8": "UTF-8", "utf-8-sig": "UTF-8", "utf-16": "UTF-16",
          "cp1250": "Windows-1250", "cp1251": "Windows-1251", "cp1252": "Windows-1252",
          "cp1257": "Windows-1257", "cp1258": "Windows-1258"}


def encoding_name(encoding: str) -> str:
    """How people know an encoding ("Windows-1250" for cp1250).

    >>> encoding_name("cp1257"), encoding_name("utf-8-sig"), encoding_name("koi8_r")
    ('Windows-1257', 'UTF-8', 'koi8_r')
    """
    return _NAMES.get(encoding.lower(), encoding)


def implausibility(text: str) -> int:
    """How unlike real text *text* is (0 for plausible text); see the module docstring.

    >>> implausibility("Łódź, zł"), implausibility("Јуdџ, zі"), implausibility("Ęëłşíň ³")
    (0, 4, 3)
    """
    score = 2 * sum(1 for c in set(text) if c > "\x7f" and unicodedata.category(c) not in _FINE)
    for word in set(_WORD.findall(text)):
        if word.isascii():
            continue
        scripts = {unicodedata.name(c, "?").split()[0] for c in word}
        if len(scripts) > 1:
            score += 2
        elif scripts == {"LATIN"} and len(word) > 1 and not any(c.isascii() for c in word):
            score += 1
    return score


def decode(data: bytes, language: str = "en", encoding: str | None = None) -> tuple[str, str]:
    """(text, encoding) of a file's bytes; *encoding* forces one, else it is detected.

    >>> decode("klient;kwota\\nŁódź;5".encode("cp1250"), "pl")
    ('klient;kwota\\nŁódź;5', 'cp1250')
    >>> decode("клієнт;сума".encode("cp1251"), "pl")[1]
    'cp1251'
    >>> decode("\\ufeffid\\tsuma".encode("utf-16"), "lt")
    ('id\\tsuma', 'utf-16')
    """
    if encoding:
        return _strict(data, encoding), encoding
    if data.startswith(b"\xef\xbb\xbf"):
        return _strict(data, "utf-8-sig"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _strict(data, "utf-16").lstrip("\ufeff"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as error:
        utf8_error = error
    own = CODE_PAGES.get(language.split("-")[0].lower(), "cp1252")
    sample = b"\n".join(_NON_ASCII_LINE.findall(data, 0)[:SAMPLE_LINES])
    best: tuple[int, str, str] | None = None
    for candidate in (own, *(c for c in _ORDER if c != own)):
        try:
            text = data.decode(candidate)
        except UnicodeDecodeError:
            continue
        score = implausibility(unicodedata.normalize("NFC", sample.decode(candidate)))
        if best is None or score < best[0]:
            best = (score, text, candidate)
    if best is None:  # no code page decodes it: say where UTF-8 failed
        raise _not_text(data, utf8_error, "utf-8")
    return best[1], best[2]


def _strict(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        raise _not_text(data, error, encoding) from None


def _not_text(data: bytes, error: UnicodeDecodeError, encoding: str) -> InputError:
    return InputError("not_text", "file", line=data[:error.start].count(b"\n") + 1,
                      encoding=encoding_name(encoding))
