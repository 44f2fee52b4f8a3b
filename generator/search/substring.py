"""Substring search over Thai text, as find-in-page does it, with a Whoosh bigram field.

Thai text is reduced to its stream: Thai letters and marks only, with the spaces, line breaks
and dots between two Thai characters dropped and every other run of characters (Latin,
digits, punctuation) one line break. The `grams` field indexes the overlapping character
bigrams of a record's stream (no positions: it only narrows the candidates); a query part of
two or more Thai characters then matches the candidates whose stream holds it: the streams,
read once per opened index from the stored fields, are looked up in their suffix array (made
with libdivsufsort when a server preloads) or else scanned candidate by candidate.

This module's path is pickled into every index's schema: keep it importable as
`generator.search.substring`.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator

import numpy as np
from pydivsufsort import divsufsort
from whoosh.analysis import Token, Tokenizer

THAI = "\u0e01-\u0e4f\u0e5a\u0e5b"  # Thai letters, vowels, marks, ฯ ๆ (not Thai digits)
_RUN = re.compile(rf"[{THAI}]+(?:[\s.]+[{THAI}]+)*")  # Thai, maybe spaced or dotted
_GAP = re.compile(r"[\s.]+")
_YAMOK = re.compile(r"\s+ๆ")
MIN_CHARS = 2
GRAMS = "grams"  # the index field of the bigrams
SUFFIX_MAX_BYTES = 40_000_000  # past this much stream text, no suffix array (9 bytes a byte)
SCAN_ABOVE = 50  # occurrences a candidate past which scanning the candidates is quicker


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
    too) as regions of one blob of TIS-620 bytes (one byte a Thai character): the title of
    docnum d is region 2d, the rest region 2d + 1, each followed by a zero byte. Once
    `sort_suffixes` has run (a server does it while it preloads), the blob's suffix array and
    the region of each of its suffixes give the regions holding a piece by binary search;
    until then, or when a piece occurs many times a candidate, each candidate is scanned."""

    def __init__(self, reader) -> None:  # IndexReader
        regions = [b""] * (2 * reader.doc_count_all())
        for docnum, stored in reader.iter_docs():
            regions[2 * docnum] = _bytes(stream(stored.get("title", "")))
            other = (stored.get(f, "") for f in ("number", "text", "meta", "attach"))
            regions[2 * docnum + 1] = _bytes(stream("\n".join(other)))
        self.blob = b"\0".join(regions) + b"\0"
        lengths = np.fromiter(map(len, regions), dtype=np.int64, count=len(regions)) + 1
        self.starts = np.concatenate(([0], np.cumsum(lengths)))  # region r from starts[r]
        self._at: list[int] = self.starts.tolist()
        self.sorted: tuple[np.ndarray, np.ndarray] | None = None  # suffixes, their regions

    def sort_suffixes(self) -> bool:
        """Make the suffix array (libdivsufsort: ~2.3 s for 19 MB) and the region of each
        suffix, unless the blob is past SUFFIX_MAX_BYTES; whether they were made."""
        if self.sorted is not None or len(self.blob) > SUFFIX_MAX_BYTES:
            return self.sorted is not None
        suffixes = divsufsort(np.frombuffer(self.blob, dtype=np.uint8).copy())
        count = len(self.starts) - 1
        region_at = np.repeat(np.arange(count, dtype=np.int32), np.diff(self.starts))
        self.sorted = suffixes, region_at[suffixes]
        return True

    def having(self, part: str, docnums) -> tuple[set[int], set[int]]:
        """(The docnums whose title or other text holds the part, those whose title does)."""
        return self._holders(_bytes(part), docnums, title_only=False)

    def scores(self, parts: list[str], docnums) -> dict[int, float]:
        """docnum → 3 for each part in the title, 1 for each part only in the other text."""
        found = dict.fromkeys(docnums, 0.0)
        docnums = set(found)
        for part in parts:
            _, in_title = self._holders(_bytes(part), docnums, title_only=True)
            for d in found:
                found[d] += 3.0 if d in in_title else 1.0
        return found

    def runs(self, part: str, docnums) -> dict[int, int]:
        """docnum → 2: the part is in the title, 1: in the other text, 0: nowhere."""
        docnums = docnums if isinstance(docnums, (set, frozenset)) else set(docnums)
        held, in_title = self._holders(_bytes(part), docnums, title_only=False)
        return {d: 2 if d in in_title else 1 if d in held else 0 for d in docnums}

    def _holders(self, part: bytes, docnums, title_only: bool) -> tuple[set[int], set[int]]:
        """(Those of docnums holding part, those holding it in the title)."""
        docnums = docnums if isinstance(docnums, (set, frozenset)) else set(docnums)
        found = self.sorted
        if found is not None and docnums:
            suffixes, regions = found
            lo, hi = self._bounds(suffixes, part)
            if hi - lo <= SCAN_ABOVE * len(docnums):
                return _from_regions(regions[lo:hi], len(self._at) - 1, docnums, title_only)
        find, at = self.blob.find, self._at
        in_title = {d for d in docnums if find(part, at[2 * d], at[2 * d + 1]) >= 0}
        if title_only:
            return in_title, in_title
        rest = {
            d
            for d in docnums
            if d not in in_title and find(part, at[2 * d + 1], at[2 * d + 2]) >= 0
        }
        return in_title | rest, in_title

    def _bounds(self, suffixes: np.ndarray, part: bytes) -> tuple[int, int]:
        """The range of the suffix array whose suffixes start with the part."""
        size, blob = len(part), self.blob

        def key(at: int) -> bytes:
            return blob[at : at + size]

        lo = bisect_left(suffixes, part, key=key)
        return lo, bisect_right(suffixes, part, lo=lo, key=key)


def _from_regions(found: np.ndarray, count: int, docnums: set[int], title_only: bool
                  ) -> tuple[set[int], set[int]]:  # fmt: skip
    """(Those of docnums with any of the regions found, those with their title region)."""
    regions = np.zeros(count, dtype=bool)
    regions[found] = True
    titles = regions[0::2]
    in_title = docnums.intersection(np.flatnonzero(titles).tolist())
    if title_only:
        return in_title, in_title
    return docnums.intersection(np.flatnonzero(titles | regions[1::2]).tolist()), in_title


def _bytes(text: str) -> bytes:
    """A stream in TIS-620 (Thai's one-byte code; the few code points it lacks become ?)."""
    return text.encode("tis-620", errors="replace")
