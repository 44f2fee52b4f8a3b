"""Thai clean-up of text extracted from PDFs and scans, before it is indexed."""

from __future__ import annotations

import re
import unicodedata

PUA_START = 0xF700
PUA_THAI = (
    "\u0e10\u0e34\u0e35\u0e36\u0e37\u0e48\u0e49\u0e4a\u0e4b\u0e4c"  # F700…F709
    "\u0e48\u0e49\u0e4a\u0e4b\u0e4c\u0e0d\u0e31\u0e4d\u0e47"  # F70A…F712
    "\u0e48\u0e49\u0e4a\u0e4b\u0e4c\u0e38\u0e39\u0e3a"  # F713…F71A
)
"""U+F700…U+F71A in order: shifted glyph variants of these characters in Thai fonts."""
_PUA = {PUA_START + i: ch for i, ch in enumerate(PUA_THAI)}

THAI = "\u0e01-\u0e4e"  # letters, vowels and marks (not digits or signs)
TONES = "\u0e48-\u0e4b"
UPPER_VOWELS = "\u0e31\u0e34-\u0e37\u0e47"
MARKS = "\u0e31\u0e34-\u0e3a\u0e47-\u0e4e"
VOWELS_AFTER = "\u0e30\u0e32\u0e33\u0e45"

_SARA_AM = re.compile(f"\u0e4d([{TONES}]?)\u0e32")
_TONE_FIRST = re.compile(f"([{TONES}])([{UPPER_VOWELS}])")
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufffd\u200b\ufeff]")
_SPACE_BEFORE_MARK = re.compile(f"[ \t\n\r]+(?=[{MARKS}{VOWELS_AFTER}])")
_THAI_WRAP = re.compile(f"(?<=[{THAI}])[ \t]*\n[ \t]*(?=[{THAI}])")
_SPACES = re.compile(r"[ \t\f\v\xa0]+")


def clean_thai(text: str, wraps: bool = True) -> str:
    """Extracted text made standard Thai: Private Use Area glyphs mapped, split sara am
    joined, tone marks after upper vowels, control characters dropped, and (`wraps`: text
    laid out in lines, as from a PDF or OCR) line breaks between two Thai characters joined,
    as they are wraps inside a sentence, not gaps between words."""
    text = text.translate(_PUA)
    text = _SARA_AM.sub(lambda m: m.group(1) + "\u0e33", text)
    text = unicodedata.normalize("NFC", text)
    text = _TONE_FIRST.sub(r"\2\1", text)
    text = _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = _SPACE_BEFORE_MARK.sub("", text)
    if wraps:
        text = _THAI_WRAP.sub("", text)
    text = _SPACES.sub(" ", text)
    return "\n".join(line.strip() for line in text.split("\n") if line.strip())


def unreadable_share(text: str) -> float:
    """The share of non-space characters still in the Private Use Area after clean-up
    (a font whose glyphs map to no real characters)."""
    chars = [c for c in text if not c.isspace()]
    if not chars:
        return 0.0
    return sum(0xE000 <= ord(c) <= 0xF8FF for c in chars) / len(chars)
