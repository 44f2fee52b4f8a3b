"""Snippets: a window of stored text around the matched words, HTML-escaped, words marked."""

from __future__ import annotations

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


def snippet(text: str, spans: list[tuple[int, int]], width: int = WIDTH) -> str:
    """Escaped text around the spans with <mark> around each; the start of text if none."""
    spans = merge([(s, e) for s, e in spans if 0 <= s < e <= len(text)])
    if not spans:
        return _cut(text, 0, width)
    words = [text[s:e] for s, e in spans]
    anchor = best_window(spans, words, width - LEAD)
    start = _word_start(text, max(0, anchor - LEAD))
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


def _cut(text: str, start: int, width: int) -> str:
    end = min(len(text), start + width)
    return _ellipsis(start > 0, escape(text[start:end]), end < len(text))


def _ellipsis(before: bool, body: str, after: bool) -> str:
    body = " ".join(body.split())
    return ("…" if before else "") + body + ("…" if after else "")
