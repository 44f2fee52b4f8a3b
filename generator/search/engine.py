"""Fast matching and BM25F scoring over Whoosh's postings, for a 10,000-record index.

Whoosh's collectors walk matcher trees one posting at a time in Python, and its result
count walks the whole match set a second time. Here a posting list is read a block at a
time into arrays (cached per opened index), and matching, scoring and ranking are numpy
operations over them, in C whatever the number of matches: the AND of the words is an AND
of boolean arrays, each term's BM25F part is added to a score array with the same formula
and boosts Whoosh uses (the scores of Whoosh's exhaustive search: its top-k pruning is not
exact; here every match is scored) and the best are taken with one sort. Deleted documents
(an index updated in place) are never matched.
"""

from __future__ import annotations

import threading
import time
from array import array
from bisect import bisect_left
from collections import OrderedDict
from collections.abc import Iterable, Mapping, Sequence
from itertools import accumulate
from math import log

import numpy as np
from whoosh.codec.whoosh3 import W3LeafMatcher

B, K1 = 0.75, 1.2  # Whoosh's BM25F defaults
CACHE_POSTINGS = 2_000_000  # postings kept in memory per opened index (10k records: 1.6M)
CACHE_BITMAPS = 4096  # documents-of-a-term bitmaps kept per opened index (~2 KB each at 17k)


class Postings:
    """One term's postings in one field: ascending docnums, their term frequencies and (for
    fields whose positions are read) their encoded values, as one bytes object cut at `ends`
    (millions of small bytes objects, made and dropped as the cache turns, would fragment
    the server's memory)."""

    __slots__ = ("ids", "weights", "values", "ends", "format")

    def __init__(self, ids: array, weights: array, values: list | None, fmt=None) -> None:
        self.ids, self.weights, self.format = ids, weights, fmt
        self.values = b"".join(values) if values is not None else None
        self.ends = array("I", accumulate(map(len, values))) if values is not None else None

    def __len__(self) -> int:
        return len(self.ids)

    def docnums(self) -> np.ndarray:
        """The docnums as a numpy array (a view of `ids`, no copy)."""
        return np.frombuffer(self.ids, dtype=np.uint32)

    def tfs(self) -> np.ndarray:
        """The term frequencies as floats, aligned with docnums()."""
        return np.frombuffer(self.weights, dtype=np.float32).astype(np.float64)

    def value_as(self, docnum: int, kind: str) -> list | None:
        """The positions or characters of the term in a document (None if not there)."""
        i = bisect_left(self.ids, docnum)
        if i == len(self.ids) or self.ids[i] != docnum or self.values is None:
            return None
        start = self.ends[i - 1] if i else 0
        return self.format.decode_as(kind, self.values[start : self.ends[i]])


class Engine:
    """Statistics of an opened index and a shared cache of its posting lists."""

    def __init__(self, reader, fieldnames: Iterable[str], value_fields: Iterable[str] = ()
                 ) -> None:  # fmt: skip
        self.size = reader.doc_count_all()
        self.live = frozenset(reader.all_doc_ids())
        self.avgfl = {f: reader.field_length(f) / (self.size or 1) or 1 for f in fieldnames}
        self.norms = {f: _norms(reader, f, self.size, self.avgfl[f]) for f in fieldnames}
        self.live_mask = mask_of(self.live, self.size)
        self.value_fields = frozenset(value_fields)
        self._cache: OrderedDict[tuple[str, str], Postings] = OrderedDict()
        self._cached = 0
        self._bitmaps: OrderedDict[tuple[str, str], int] = OrderedDict()
        self._idfs: dict[tuple[str, str], float] = {}
        self._lock = threading.Lock()

    def postings(self, reader, fieldname: str, text: str) -> Postings:
        """The postings of a term (read with the calling thread's reader, then cached)."""
        key = (fieldname, text)
        found = self._cache.get(key)
        if found is not None:
            return found
        found = read_postings(reader, fieldname, text, fieldname in self.value_fields)
        with self._lock:
            if key in self._cache:  # another thread read it meanwhile
                return self._cache[key]
            self._cache[key] = found
            self._cached += len(found)
            while self._cached > CACHE_POSTINGS and len(self._cache) > 1:
                self._cached -= len(self._cache.popitem(last=False)[1])
        return found

    def bitmap(self, reader, fieldname: str, text: str) -> int:
        """The documents holding a term as an int whose bit d is set for document d: ANDs
        of common terms' documents in C, whatever their number (cached)."""
        key = (fieldname, text)
        found = self._bitmaps.get(key)
        if found is None:
            found = as_bitmap(read_postings(reader, fieldname, text).ids, self.size)
            with self._lock:
                self._bitmaps[key] = found
                if len(self._bitmaps) > CACHE_BITMAPS:
                    self._bitmaps.popitem(last=False)
        return found

    def preload(self, reader, fieldnames: Iterable[str], seconds: float,
                bitmaps: str | None = None) -> int:  # fmt: skip
        """Read the bitmaps of every term of the `bitmaps` field (a Thai query needs its
        pairs'; about 1,300 of them), then the postings of the most frequent terms first (the
        slowest to read when a search needs them: ~2.5 µs a posting), until the cache is full
        or `seconds` are up; the terms read."""
        count = 0
        pairs = list(reader.field_terms(bitmaps)) if bitmaps in reader.schema else []
        for text in pairs[:CACHE_BITMAPS]:
            self.bitmap(reader, bitmaps, text)
            count += 1
        started = time.monotonic()  # (the postings have their own time)
        terms = [(reader.doc_frequency(f, t), f, t) for f in fieldnames
                 for t in reader.field_terms(f)]  # fmt: skip
        for _, fieldname, text in sorted(terms, key=lambda dft: -dft[0]):
            if time.monotonic() - started > seconds or self._cached >= CACHE_POSTINGS * 0.9:
                break
            self.postings(reader, fieldname, text)
            count += 1
        return count

    def values(self, reader, fieldname: str, text: str, docnums: Iterable[int], kind: str
               ) -> dict[int, list]:  # fmt: skip
        """docnum → positions or characters of a term in a field, for the given documents."""
        if fieldname not in self.value_fields:
            return term_values(reader, fieldname, text, docnums, kind)
        plist = self.postings(reader, fieldname, text)
        found = {d: plist.value_as(d, kind) for d in docnums}
        return {d: v for d, v in found.items() if v is not None}

    def idf(self, reader, fieldname: str, text: str) -> float:
        """Whoosh's BM25F idf of a term (remembered for the index's own terms: reading a
        document frequency looks the term up in every segment, ~0.4 ms)."""
        key = (fieldname, text)
        found = self._idfs.get(key)
        if found is None:
            frequency = reader.doc_frequency(fieldname, text)
            found = log(self.size / (frequency + 1)) + 1
            if frequency:  # (a query's made-up words are not kept)
                self._idfs[key] = found
        return found

    def match(self, reader, words: Sequence[str], fields: Sequence[tuple[str, float]],
              allowed: frozenset[int] | None) -> dict[int, float]:  # fmt: skip
        """docnum → BM25F score of the live documents holding every word in some field."""
        matched = self.live_mask.copy()
        if allowed is not None:
            matched &= mask_of(allowed, self.size)
        scores = np.zeros(self.size)
        for word in words:
            held = np.zeros(self.size, dtype=bool)
            for fieldname, boost in fields:
                plist = self.postings(reader, fieldname, word)
                if len(plist):
                    ids = plist.docnums()
                    held[ids] = True
                    self._score(scores, ids, plist.tfs(), self.idf(reader, fieldname, word),
                                fieldname, boost)  # fmt: skip
            matched &= held
        docnums = np.flatnonzero(matched)
        return dict(zip(docnums.tolist(), scores[docnums].tolist(), strict=True))

    def _score(self, scores: np.ndarray, ids: np.ndarray, tfs: np.ndarray, idf: float,
               fieldname: str, boost: float) -> None:  # fmt: skip
        """Add one term's BM25F score: Whoosh's bm25() times the term's boost, with the
        length part of each document computed once per opened index (a document is once
        in a posting list, so the fancy-indexed add adds each once)."""
        scores[ids] += idf * (K1 + 1) * boost * tfs / (tfs + self.norms[fieldname][ids])


def top(scores: Mapping[int, float], depth: int, ranks: Sequence[np.ndarray] = (),
        scored: bool = True) -> list[tuple[int, float]]:  # fmt: skip
    """The `depth` best (docnum, score) of `scores`: by each of `ranks` in turn (arrays
    indexed by docnum, higher first), then by the higher score (unless not `scored`), then by
    the lower docnum. One sort in C whatever the number of matches."""
    n = len(scores)
    docs = np.fromiter(scores.keys(), dtype=np.int64, count=n)
    values = np.fromiter(scores.values(), dtype=np.float64, count=n)
    keys = [docs, -values] if scored else [docs]
    keys += [-rank[docs] for rank in reversed(ranks)]
    order = np.lexsort(keys)[:depth]
    return list(zip(docs[order].tolist(), values[order].tolist(), strict=True))


def rank_of(values: Mapping[int, float], size: int) -> np.ndarray:
    """An array by docnum of the given values (0 for the others)."""
    out = np.zeros(size)
    out[np.fromiter(values.keys(), dtype=np.int64, count=len(values))] = list(values.values())
    return out


def mask_of(docnums: Iterable[int], size: int) -> np.ndarray:
    """A boolean array with True at each docnum."""
    out = np.zeros(size, dtype=bool)
    if isinstance(docnums, array):  # (postings' ids: read in place)
        ids = np.frombuffer(docnums, dtype=np.uint32) if docnums else []
    else:
        ids = np.fromiter(docnums, dtype=np.int64)
    out[ids] = True
    return out


def as_bitmap(docnums: Iterable[int], size: int) -> int:
    """An int with bit d set for each docnum d."""
    bits = np.packbits(mask_of(docnums, size), bitorder="little")
    return int.from_bytes(bits.tobytes(), "little")


def docnums_of(bitmap: int) -> list[int]:
    """The docnums whose bits are set, ascending."""
    data = bitmap.to_bytes((bitmap.bit_length() + 7) // 8, "little")
    bits = np.unpackbits(np.frombuffer(data, dtype=np.uint8), bitorder="little")
    return np.flatnonzero(bits).tolist()


def _norms(reader, fieldname: str, size: int, avgfl: float) -> np.ndarray:
    """K1 × ((1 - B) + B × length / average length) of each document (length 1 if none),
    the length as Whoosh's scorer sees it."""
    out = np.ones(size)
    for leaf, base in reader.leaf_readers():
        length = leaf.doc_field_length
        for d in range(leaf.doc_count_all()):
            out[base + d] = length(d, fieldname, 1) or 1
    return K1 * ((1 - B) + B * out / avgfl)


def read_postings(reader, fieldname: str, text: str, values: bool = False) -> Postings:
    """All postings of a term, deleted documents included, a block at a time."""
    ids, weights = array("I"), array("f")
    vals: list | None = [] if values else None
    for leaf, base in reader.leaf_readers():
        if (fieldname, text) not in leaf:
            continue
        matcher = _raw_matcher(leaf, fieldname, text)
        if isinstance(matcher, W3LeafMatcher):
            _read_blocks(matcher, base, ids, weights, vals)
        else:
            _read_each(matcher, base, ids, weights, vals)
    return Postings(ids, weights, vals, reader.schema[fieldname].format)


def _raw_matcher(leaf, fieldname: str, text: str):
    """The segment's matcher without the deleted-documents filter (they are set aside)."""
    try:
        btext = leaf._text_to_bytes(fieldname, text)
        return leaf._terms.matcher(fieldname, btext, leaf.schema[fieldname].format)
    except AttributeError:
        return leaf.postings(fieldname, text)


def _read_blocks(matcher: W3LeafMatcher, base: int, ids: array, weights: array,
                 values: list | None) -> None:  # fmt: skip
    while matcher.is_active():
        if matcher._data is None:
            matcher._read_data()
        deltas, stored = matcher._data[0], matcher._data[1]  # (Whoosh's block: ids as gaps,
        block = np.cumsum(np.array(deltas, dtype=np.int64)) + base  # weights None: all 1)
        ids.frombytes(block.astype(np.uint32).tobytes())
        if stored is None:
            weights.frombytes(np.ones(len(block), dtype=np.float32).tobytes())
        else:
            matcher._read_weights()
            weights.extend(matcher._weights)
        if values is not None:
            matcher._read_values()
            values.extend(matcher._values)
        matcher._next_block()


def _read_each(matcher, base: int, ids: array, weights: array, values: list | None) -> None:
    while matcher.is_active():
        ids.append(matcher.id() + base)
        weights.append(matcher.weight())
        if values is not None:
            values.append(matcher.value())
        matcher.next()


def term_values(reader, fieldname: str, text: str, docnums: Iterable[int], kind: str
                ) -> dict[int, list]:  # fmt: skip
    """docnum → positions or characters of a term in a field, for the given documents,
    one pass over the term's postings in each segment."""
    found: dict[int, list] = {}
    wanted = sorted(set(docnums))
    for leaf, base in reader.leaf_readers():
        local = [d - base for d in wanted if 0 <= d - base < leaf.doc_count_all()]
        if not local or (fieldname, text) not in leaf:
            continue
        matcher = _raw_matcher(leaf, fieldname, text)
        for d in local:
            if matcher.is_active() and matcher.id() < d:
                matcher.skip_to(d)
            if not matcher.is_active():
                break
            if matcher.id() == d:
                found[d + base] = matcher.value_as(kind)
    return found
