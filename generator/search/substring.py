"""Substring search over Thai text, as find-in-page does it, with a Whoosh bigram field.

Thai text is reduced to its stream: Thai letters and marks only, with the spaces, line breaks
and dots between two Thai characters dropped and every other run of characters (Latin,
digits, punctuation) one line break. The `grams` field indexes the overlapping character
bigrams of a record's stream (no positions: it only narrows the candidates); a query part of
two or more Thai characters then matches the candidates whose stream holds it, checked with
`in` on streams read once per opened index from the stored fields.

This module's path is pickled into every index's schema: keep it importable as
`generator.search.substring`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from whoosh.analysis import Token, Tokenizer

THAI = "\u0e01-\u0e4f\u0e5a\u0e5b"  # Thai letters, vowels, marks, ฯ ๆ (not Thai digits)
_RUN = re.compile(rf"[{THAI}]+(?:[\s.]+[{THAI}]+)*")  # Thai, maybe spaced or dotted
_GAP = re.compile(r"[\s.]+")
_YAMOK = re.compile(r"\s+ๆ")
MIN_CHARS = 2
GRAMS = "grams"  # the index field of the bigrams


def stream(text: str) -> str:
    """The Thai stream of cleaned text (see the module's docstring)."""
    return "\n".join(_GAP.sub("", run) for run in _RUN.findall(text))


def parts(query: str) -> list[str]:
    """The Thai pieces of a cleaned query that must each occur: its space-separated parts'
    runs of at least MIN_CHARS Thai characters, without repeats."""
    query = _YAMOK.sub("ๆ", query)  # ไม้ยมก belongs to the word before it
    found = [run for chunk in query.split() for run in stream(chunk).split("\n")]
    return list(dict.fromkeys(run for run in found if len(run) >= MIN_CHARS))


def bigrams(text: str) -> Iterator[str]:
    """Overlapping character pairs of a stream that do not cross a break."""
    for run in text.split("\n"):
        for i in range(len(run) - 1):
            yield run[i : i + 2]


def gram_set(text: str) -> set[str]:
    """The distinct bigrams of a stream, made in one step (the index writer's)."""
    found: set[str] = set()
    for run in text.split("\n"):
        found.update(map(str.__add__, run, run[1:]))
    return found


def pattern(part: str) -> re.Pattern:
    """A regex finding a stream part in cleaned text (spaces, line breaks, dots between)."""
    return re.compile(r"[\s.]*".join(map(re.escape, part)))


class GramTokenizer(Tokenizer):
    """Whoosh tokenizer: the bigrams of a text's stream; pickled with the index schema."""

    def __eq__(self, other: object) -> bool:
        return isinstance(other, GramTokenizer)

    def __hash__(self) -> int:
        return hash(GramTokenizer)

    def __call__(self, value: str, positions: bool = False, chars: bool = False,
                 keeporiginal: bool = False, removestops: bool = True, start_pos: int = 0,
                 start_char: int = 0, tokenize: bool = True, mode: str = "",
                 **kwargs) -> Iterator[Token]:  # fmt: skip
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        for pos, gram in enumerate(bigrams(stream(value))):
            token.text, token.boost, token.stopped = gram, 1.0, False
            if positions:
                token.pos = start_pos + pos
            yield token


class Streams:
    """The stream of each document's title and of its other indexed text (its attachments'
    too), by docnum, kept as
    TIS-620 bytes (one byte a Thai character: half the memory of str, and `in` scans half
    as many bytes)."""

    def __init__(self, reader) -> None:  # IndexReader
        size = reader.doc_count_all()
        self.title: list[bytes] = [b""] * size
        self.rest: list[bytes] = [b""] * size
        for docnum, stored in reader.iter_docs():
            self.title[docnum] = _bytes(stream(stored.get("title", "")))
            other = (stored.get(f, "") for f in ("number", "text", "meta", "attach"))
            self.rest[docnum] = _bytes(stream("\n".join(other)))

    def having(self, part: str, docnums) -> tuple[set[int], set[int]]:
        """(The docnums whose title or other text holds the part, those whose title does)."""
        title, rest, part = self.title, self.rest, _bytes(part)
        in_title = {d for d in docnums if part in title[d]}
        return in_title.union(d for d in docnums if d not in in_title and part in rest[d]), in_title

    def scores(self, parts: list[str], docnums) -> dict[int, float]:
        """docnum → 3 for each part in the title, 1 for each part only in the other text."""
        title, found = self.title, [_bytes(part) for part in parts]
        if len(found) == 1:
            return {d: 3.0 if found[0] in title[d] else 1.0 for d in docnums}
        return {d: sum(3.0 if part in title[d] else 1.0 for part in found) for d in docnums}

    def runs(self, part: str, docnums) -> dict[int, int]:
        """docnum → 2: the part is in the title, 1: in the other text, 0: nowhere."""
        title, rest, part = self.title, self.rest, _bytes(part)
        return {d: 2 if part in title[d] else 1 if part in rest[d] else 0 for d in docnums}


def _bytes(text: str) -> bytes:
    """A stream in TIS-620 (Thai's one-byte code; the few code points it lacks become ?)."""
    return text.encode("tis-620", errors="replace")
