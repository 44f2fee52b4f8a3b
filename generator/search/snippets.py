"""Snippets: a window of stored text around the matched words, HTML-escaped, words marked.

The window starts and ends at a space or at a word boundary of the segmenter (so never
inside a Thai character cluster): the marked text is exactly what matched."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from html import escape

WIDTH = 180
LEAD = 40


def merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted, non-overlapping spans."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def best_window(spans: list[tuple[int, int]], words: list[str], width: int) -> int:
    """The start of the window of `width` characters that holds the most different words."""
    best_start, best_count = spans[0][0], 0
    for i, (start, _) in enumerate(spans):
        inside = {words[j] for j in range(i, len(spans)) if spans[j][1] <= start + width}
        if len(inside) > best_count:
            best_start, best_count = start, len(inside)
    return best_start


Segment = Callable[[str], Sequence[str]]


def snippet(text: str, spans: list[tuple[int, int]], width: int = WIDTH,
            segment: Segment | None = None) -> str:  # fmt: skip
    """Escaped text around the spans with <mark> around each; the start of text if none.
    `segment` splits a run of Thai letters into words (whole runs are kept without it)."""
    spans = merge([(s, e) for s, e in spans if 0 <= s < e <= len(text)])
    if not spans:
        return _cut(text, 0, width, segment)
    words = [text[s:e] for s, e in spans]
    anchor = best_window(spans, words, width - LEAD)
    start = _word_start(text, max(0, anchor - LEAD))
    start = boundary(text, start, segment)
    end = boundary(text, min(len(text), start + width), segment)
    for s, e in spans:
        if s < end < e:  # a mark is never cut: the window ends before it
            end = boundary(text, s, segment)
    if end <= start:
        end = min(len(text), start + width)
    out, cursor = [], start
    for s, e in spans:
        if s < start or e > end:
            continue
        out += [escape(text[cursor:s]), "<mark>", escape(text[s:e]), "</mark>"]
        cursor = e
    out.append(escape(text[cursor:end]))
    return _ellipsis(start > 0, "".join(out), end < len(text))


def _word_start(text: str, start: int) -> int:
    """Move start forward to just after a space, if there is one close by."""
    space = text.find(" ", start, start + 15)
    return space + 1 if space >= 0 and start > 0 else start


def _cut(text: str, start: int, width: int, segment: Segment | None = None) -> str:
    end = boundary(text, min(len(text), start + width), segment)
    end = end if end > start else min(len(text), start + width)
    return _ellipsis(start > 0, escape(text[start:end]), end < len(text))


_THAI_RUN = re.compile("[\u0e01-\u0e4e]+")
_NO_CUT_BEFORE = re.compile("[\u0e30-\u0e3a\u0e45\u0e47-\u0e4e]")  # vowels and marks
_LEADING = "\u0e40\u0e41\u0e42\u0e43\u0e44"  # เ แ โ ใ ไ: written before their consonant


def boundary(text: str, i: int, segment: Segment | None = None) -> int:
    """The last word boundary at or before i: i itself outside Thai words, else the start
    of the segmenter's word that i falls in (or of the Thai run, without a segmenter)."""
    if i <= 0 or i >= len(text):
        return max(0, min(i, len(text)))
    run = _run_at(text, i)
    if run is None:
        return i
    start, end = run
    cut = start
    if segment is not None:
        for word in segment(text[start:end]):
            if cut + len(word) > i:
                break
            cut += len(word)
    while cut > start and (_NO_CUT_BEFORE.match(text, cut) or text[cut - 1] in _LEADING):
        cut -= 1  # never inside a cluster, whatever the segmenter said
    return cut


def _run_at(text: str, i: int) -> tuple[int, int] | None:
    """The span of the Thai run that position i is strictly inside, if any."""
    if not (_THAI_RUN.match(text, i) and _THAI_RUN.match(text, i - 1)):
        return None
    start = i - 1  # back to the run's start, a character at a time (no regex per step)
    while start > 0 and "\u0e01" <= text[start - 1] <= "\u0e4e":
        start -= 1
    return start, _THAI_RUN.match(text, i).end()


def _ellipsis(before: bool, body: str, after: bool) -> str:
    body = " ".join(body.split())
    return ("…" if before else "") + body + ("…" if after else "")
