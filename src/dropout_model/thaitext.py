"""Thai text helpers: digits and the library's declared normalisation (floor 1).

This module imports nothing of the package.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Final

__all__ = ["THAI_DIGITS", "ZERO_WIDTH", "normalize", "to_arabic_digits", "to_thai_digits"]

#: The Thai digits ๐ (U+0E50) to ๙ (U+0E59), in order.
THAI_DIGITS: Final = "๐๑๒๓๔๕๖๗๘๙"
#: Characters :func:`normalize` removes: zero width space, non-joiner, joiner,
#: word joiner and the byte order mark (zero width no-break space).
ZERO_WIDTH: Final = "\u200b\u200c\u200d\u2060\ufeff"

_TO_THAI: Final = str.maketrans("0123456789", THAI_DIGITS)
_TO_ARABIC: Final = str.maketrans(THAI_DIGITS, "0123456789")
_HAS_THAI_DIGIT: Final = re.compile(f"[{THAI_DIGITS}]").search
_ZERO_WIDTH: Final = re.compile(f"[{ZERO_WIDTH}]")
# Nikhahit + sara aa, typed for sara am, possibly with a tone mark typed in between.
_SARA_AM: Final = re.compile("\u0e4d([\u0e48-\u0e4b]?)\u0e32")
# Only runs that change: two or more blanks, or a tab (a lone space is left alone).
_BLANKS: Final = re.compile("[ \t]{2,}|\t")


def to_thai_digits(text: str) -> str:
    """Replace the ASCII digits 0–9 with the Thai digits ๐–๙; leave the rest.

    >>> to_thai_digits("31/01/2566")
    '๓๑/๐๑/๒๕๖๖'
    >>> to_thai_digits("ม.ค. 66")
    'ม.ค. ๖๖'
    """
    return text.translate(_TO_THAI)


def to_arabic_digits(text: str) -> str:
    """Replace the Thai digits ๐–๙ with the ASCII digits 0–9; leave the rest.

    >>> to_arabic_digits("๓๑ มกราคม ๒๕๖๖")
    '31 มกราคม 2566'
    """
    # translate() looks up every character; most texts have no Thai digit at all.
    return text if _HAS_THAI_DIGIT(text) is None else text.translate(_TO_ARABIC)


def normalize(text: str) -> str:
    """Return *text* in the library's declared normal form.

    In order: zero width characters (:data:`ZERO_WIDTH`) are removed;
    nikhahit + sara aa (U+0E4D U+0E32, which looks like sara am) becomes sara
    am U+0E33, also when a tone mark was typed between them (the tone mark then
    comes first, as in ``น้ำ``); the text is put in Unicode NFC; every run of
    spaces and tabs becomes one space. Line breaks, leading and trailing space are
    kept. The function is idempotent.

    >>> normalize("น\u0e49\u0e4d\u0e32") == "น้ำ"
    True
    >>> normalize("ก\u0e4d\u0e32ไร") == "กำไร"
    True
    >>> normalize("31\u200b ม.ค.\t\t 66")
    '31 ม.ค. 66'
    """
    text = _ZERO_WIDTH.sub("", text)
    if "\u0e4d" in text:
        text = _SARA_AM.sub("\\1\u0e33", text)
    return _BLANKS.sub(" ", unicodedata.normalize("NFC", text))
