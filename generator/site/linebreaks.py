"""Thai line breaks between words only: headings and titles marked for the browser.

Thai has no spaces, so a browser guesses where a line may break, and on a phone it breaks
inside words (`บูรณ|าการ`). Here each Thai word (PyThaiNLP's segmentation, as the search
uses) becomes an unbreakable `<span class="kb-w">` with a `<wbr>` between words, so a line
can end only between two words.
"""

from __future__ import annotations

import html as htmllib
import re
from functools import lru_cache

from markupsafe import Markup, escape

_THAI = re.compile("[\u0e01-\u0e4f]")
_ATTACHED = "ๆฯ\u0e31" + "".join(map(chr, range(0x0E34, 0x0E3B))) + "".join(
    map(chr, range(0x0E47, 0x0E4F)))  # fmt: skip
"""Characters that never start a line (ๆ, ฯ, vowel and tone marks): they join the word
before them."""
_ABBREVIATION = re.compile(r"((?:[\u0e01-\u0e4f]{1,4}\.){2,})")
"""Dotted abbreviations (ก.น.จ., ก.พ.ร.) stay whole."""
MAX_WORD = 30
"""A longer 'word' (an unknown run of letters) is left breakable rather than overflow."""
_HEADING = re.compile(r"(<h([1-3])\b[^>]*>)(.*?)(</h\2>)", re.S)
_TAG = re.compile(r"""(<(?:[^>"']|"[^"]*"|'[^']*')*>)""")
_SKIP = re.compile(r"<(code|pre|script|style|kbd)\b", re.I)


def thai_words(text: str) -> Markup:
    """`text`, escaped, with its Thai words kept whole and a break allowed between them."""
    return Markup(_wrapped(str(text)))


def wrap_html(html: str) -> str:
    """The text of an HTML fragment marked as `thai_words` does (code left alone)."""
    if 'class="kb-w"' in html or not _THAI.search(html):
        return html
    parts, skipping = _TAG.split(html), None
    for i, part in enumerate(parts):
        if i % 2:  # a tag
            opened = _SKIP.match(part)
            if skipping is None and opened:
                skipping = opened[1].lower()
            elif skipping and part.lower().startswith(f"</{skipping}"):
                skipping = None
        elif part and not skipping:
            parts[i] = _wrapped(htmllib.unescape(part))
    return "".join(parts)


def wrap_headings(html: str) -> str:
    """A page's HTML with the text of its h1–h3 headings marked as `thai_words` does."""
    return _HEADING.sub(lambda m: m[1] + wrap_html(m[3]) + m[4], html)


@lru_cache(maxsize=65_536)
def _wrapped(text: str) -> str:
    if not _THAI.search(text):
        return str(escape(text))
    from pythainlp.tokenize import word_tokenize

    groups: list[str] = []
    pieces = _ABBREVIATION.split(text)
    tokens = [t for i, piece in enumerate(pieces) if piece
              for t in ([piece] if i % 2 else word_tokenize(piece, keep_whitespace=True))]
    for token in tokens:
        thai = bool(_THAI.match(token))
        if thai and groups and token[0] in _ATTACHED and _THAI.search(groups[-1]):
            groups[-1] += token
        else:
            groups.append(token)
    out, previous_thai = [], False
    for group in groups:
        thai = bool(_THAI.match(group))
        if thai and len(group) <= MAX_WORD:
            out.append(("<wbr>" if previous_thai else "")
                       + f'<span class="kb-w">{escape(group)}</span>')  # fmt: skip
        else:
            out.append(str(escape(group)))
        previous_thai = thai
    return "".join(out)
