"""Answering a search: requests checked, queries built from analysed words, hits ranked.

No query syntax reaches Whoosh: the query is analysed into at most 10 words and the search
is the AND of those words, each looked up in the title, number, text, labels and compound
parts. The top candidates are then re-ranked: records holding the words as a phrase first.
"""

from __future__ import annotations

import functools
import json
import operator
import re
import threading
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path

import numpy as np
from whoosh.filedb.filestore import FileStorage
from whoosh.query import And, Or, Query, Term

from ..content.dates import thai_to_arabic
from ..projects.register import BUDGET_RANGES
from .analysis import Segmenter, Tok, analyse, clean
from .attached import BOOSTS as ATTACH_BOOSTS
from .attached import FIELD as ATTACH_FIELD
from .attached import attachment_hit, attachment_spans, own_terms
from .documents import FACETS, facet_value
from .engine import Engine, docnums_of, mask_of, rank_of, top
from .errors import (
    BAD_LIMIT,
    BAD_PAGE,
    BAD_RANGE,
    BAD_SORT,
    EMPTY,
    NO_WORDS,
    TOO_DEEP,
    TOO_LONG,
    TOO_MANY_TERMS,
    BadRequest,
    bad_year,
    no_index,
    repeated_parameter,
    unknown_parameter,
    unknown_value,
)
from .index import LABELS_FILE, is_index
from .snippets import snippet
from .substring import GRAMS, Streams, bigrams, parts, pattern, stream
from .suggest import Vocabulary
from .synonyms import Synonyms

MAX_QUERY_CHARS = 200
MAX_TERMS = 10
MAX_LIMIT = 50
MAX_DEPTH = 1000
DEFAULT_LIMIT = 10
RERANK = 100  # candidates re-ranked by phrase adjacency
SUBSTRING_WEIGHT = 0.5  # a substring occurrence, against a word's BM25F score
PRELOAD_SECONDS = 6.0  # reading the most frequent terms' postings when an index is opened
VOCABULARY_WAIT = 10.0  # seconds a query that wants a suggestion waits for the vocabulary
SUGGEST_BELOW = 3  # a query finding fewer records gets a suggestion, if one finds more
_HAS_THAI = re.compile("[\u0e01-\u0e5b]")
MAX_FACET_VALUES = 50
LABELLED = ("type", "group", "province", "ministry", "budget")  # facets whose values are ids
PARAMS = ("q", *FACETS, "page", "limit", "sort", "from", "to")
SORTS = ("relevance", "newest", "oldest")
BE_OFFSET, FIRST_BE, LAST_BE = 543, 2400, 2800  # a year under 2400 is ค.ศ.
FIELD_BOOSTS = (("title", 3.0), ("number", 2.0), ("text", 1.0), ("meta", 0.5), ("parts", 0.3),
                *ATTACH_BOOSTS)


@dataclass(frozen=True)
class SearchRequest:
    """A checked request: the query text, one value per chosen facet, the page wanted."""

    query: str = ""
    filters: dict[str, str] = field(default_factory=dict)
    page: int = 1
    limit: int = DEFAULT_LIMIT
    sort: str = "relevance"
    """relevance, newest or oldest first."""
    year_from: int | None = None
    """The first พ.ศ. year of the range (records of no year are then left out)."""
    year_to: int | None = None
    """The last พ.ศ. year of the range."""


def parse_params(params: Mapping[str, Sequence[str]]) -> SearchRequest:
    """A SearchRequest from query-string parameters (name → values); BadRequest if invalid."""
    single: dict[str, str] = {}
    for name, values in params.items():
        if name not in PARAMS:
            raise unknown_parameter(name)
        if len(values) > 1:
            raise repeated_parameter(name)
        single[name] = values[0] if values else ""
    filters = {f: v.strip() for f in FACETS if (v := single.get(f, "")).strip()}
    return make_request(single.get("q", ""), filters, single.get("page"), single.get("limit"),
                        single.get("sort"), single.get("from"), single.get("to"))  # fmt: skip


def make_request(query: str, filters: Mapping[str, str], page: str | int | None = None,
                 limit: str | int | None = None, sort: str | None = None,
                 year_from: str | int | None = None, year_to: str | int | None = None
                 ) -> SearchRequest:  # fmt: skip
    """A checked SearchRequest (the limits of SPEC.md and issues 3 and 8); BadRequest if
    invalid."""
    query = query.strip()
    if len(query) > MAX_QUERY_CHARS:
        raise TOO_LONG
    sort = (sort or "").strip() or "relevance"
    if sort not in SORTS:
        raise BAD_SORT
    first, last = _year(year_from, "from"), _year(year_to, "to")
    if first is not None and last is not None and first > last:
        raise BAD_RANGE
    if not query and not filters and first is None and last is None:
        raise EMPTY
    page_n = _whole(page, 1, BAD_PAGE)
    limit_n = _whole(limit, DEFAULT_LIMIT, BAD_LIMIT)
    if page_n < 1:
        raise BAD_PAGE
    if not 1 <= limit_n <= MAX_LIMIT:
        raise BAD_LIMIT
    if page_n * limit_n > MAX_DEPTH:
        raise TOO_DEEP
    return SearchRequest(query, dict(filters), page_n, limit_n, sort, first, last)


def _year(value: str | int | None, name: str) -> int | None:
    """A พ.ศ. year from a พ.ศ. or ค.ศ. year (Thai digits accepted); None if not given."""
    text = thai_to_arabic(str(value if value is not None else "")).strip()
    if not text:
        return None
    if not re.fullmatch(r"[0-9]{4}", text):
        raise bad_year(name)
    year = int(text) + (BE_OFFSET if int(text) < FIRST_BE else 0)
    if not FIRST_BE <= year <= LAST_BE:
        raise bad_year(name)
    return year


def _whole(value: str | int | None, default: int, error: Exception) -> int:
    if value is None or value == "":
        return default
    text = thai_to_arabic(str(value)).strip()
    if not re.fullmatch(r"[0-9]{1,6}", text):
        raise error
    return int(text)


def query_words(query: str, segmenter: Segmenter) -> list[Tok]:
    """The query's words, in order with their positions; BadRequest if over 10 different."""
    toks = list(analyse(clean(query), segmenter))
    if len({t.text for t in toks}) > MAX_TERMS:
        raise TOO_MANY_TERMS
    return toks


def whoosh_query(words: Sequence[str]) -> Query:
    """The AND of the words, each an OR over the searched fields."""
    ors = [Or([Term(f, w, boost=b) for f, b in FIELD_BOOSTS]) for w in dict.fromkeys(words)]
    return ors[0] if len(ors) == 1 else And(ors)


class FacetTables:
    """Facet values of every live document, read once per opened index."""

    def __init__(self, reader, live: frozenset[int] | None = None) -> None:  # IndexReader
        self.size = reader.doc_count_all()
        self.live = frozenset(reader.all_doc_ids()) if live is None else live
        self.docs: dict[str, dict[str, frozenset[int]]] = {}
        for facet in FACETS:
            self.docs[facet] = {}
            if facet not in reader.schema:  # an index built before this facet existed
                continue
            for value in reader.field_terms(facet):
                ids = frozenset(reader.postings(facet, value).all_ids()) & self.live
                if ids:
                    self.docs[facet][value] = ids
        column = reader.column_reader("sortdate")
        self.sortdate = np.array([column[d] for d in range(self.size)], dtype=np.float64)
        self.newest_ranks = [self.sortdate]  # the latest date first
        self.oldest_ranks = [(self.sortdate > 0) * 1.0, -self.sortdate]  # records of no date last
        self.newest = [d for d, _ in top(dict.fromkeys(self.live, 0.0), self.size,
                                         self.newest_ranks, scored=False)]  # fmt: skip
        self.oldest = [d for d, _ in top(dict.fromkeys(self.live, 0.0), self.size,
                                         self.oldest_ranks, scored=False)]  # fmt: skip
        self.pairs = {facet: _pairs(values) for facet, values in self.docs.items()}

    def in_years(self, first: int | None, last: int | None) -> frozenset[int] | None:
        """Documents with a year (พ.ศ.) in the range (None: no range)."""
        if first is None and last is None:
            return None
        low, high = first or 0, last or 10_000
        sets = [ids for year, ids in self.docs["year"].items() if low <= int(year) <= high]
        return frozenset().union(*sets)

    def allowed(self, filters: Mapping[str, str]) -> frozenset[int] | None:
        """Documents having every chosen value (None: no filter)."""
        sets = [self.docs[f].get(v, frozenset()) for f, v in filters.items()]
        return frozenset.intersection(*sets) if sets else None

    def count(self, docnums: Iterable[int]) -> dict[str, dict[str, int]]:
        """Documents of each facet value among docnums (counted in C)."""
        matched = mask_of(docnums, self.size)
        counts = {}
        for facet in FACETS:
            docs, codes, values = self.pairs[facet]
            found = np.bincount(codes[matched[docs]], minlength=len(values))
            counter = {values[i]: int(found[i]) for i in np.flatnonzero(found)}
            counts[facet] = dict(_top(counter, facet))
        return counts


def _pairs(docs: Mapping[str, frozenset[int]]) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """A facet's (docnum, value number) pairs as two arrays, and its values by number."""
    values = list(docs)
    ids = [np.fromiter(docs[v], dtype=np.int64, count=len(docs[v])) for v in values]
    codes = [np.full(len(i), n, dtype=np.int64) for n, i in enumerate(ids)]
    if not values:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64), values
    return np.concatenate(ids), np.concatenate(codes), values


def _top(counter: Mapping[str, int], facet: str) -> list[tuple[str, int]]:
    if facet == "year":
        items = sorted(counter.items(), key=lambda kv: kv[0], reverse=True)
    elif facet == "budget":  # the bands from the smallest up
        items = [(band, counter[band]) for band, _, _ in BUDGET_RANGES if band in counter]
    else:
        items = sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))
    return items[:MAX_FACET_VALUES]


class SearchIndex:
    """An opened index: per-thread searchers, facet tables and the labels of values."""

    def __init__(self, path: Path) -> None:
        path = Path(path)
        if not is_index(path):
            raise no_index(path)
        self.path = path
        self.ix = FileStorage(str(path), supports_mmap=False).open_index()
        self.labels = json.loads((path / LABELS_FILE).read_text("utf-8"))
        self.synonyms = Synonyms(path)
        self.segmenter: Segmenter = self.ix.schema["text"].analyzer.segmenter
        self._local = threading.local()
        reader = self.searcher().reader()
        self.engine = Engine(reader, [f for f, _ in FIELD_BOOSTS], ("title", "text", "parts"))
        self.tables = FacetTables(reader, self.engine.live)

    def warm(self) -> None:
        """Load the segmenter's dictionary and read the streams now, not in a request; the
        vocabulary of suggestions is read on a thread of its own (none is given meanwhile)."""
        query_words("ค้นหา", self.segmenter)
        _ = self.streams
        self._spelling = threading.Thread(target=lambda: self.vocabulary, daemon=True,
                                          name="kb-search-vocabulary")  # fmt: skip
        self._spelling.start()

    def ready_vocabulary(self, wait: float = VOCABULARY_WAIT) -> Vocabulary | None:
        """The vocabulary: read now if no thread is reading it, else when that thread has
        read it (a query in a server's first seconds gets its suggestion too); None if it
        takes longer than `wait` seconds."""
        reading = getattr(self, "_spelling", None)
        if reading is not None:
            reading.join(wait)
            if reading.is_alive():
                return None
        return self.vocabulary

    @cached_property
    def vocabulary(self) -> Vocabulary:
        """The index's own spellings, for suggestions."""
        return Vocabulary(self.searcher().reader(), self.segmenter.words)

    @cached_property
    def streams(self) -> Streams:
        """The Thai streams of every document, for substring matching."""
        return Streams(self.searcher().reader())

    def preload(self, seconds: float = PRELOAD_SECONDS) -> int:
        """Read every character pair's bitmap, then fill the postings cache, most frequent
        terms first (a server does it on a thread of its own after opening an index); the
        streams' suffixes are sorted first."""
        self.streams.sort_suffixes()
        return self.engine.preload(self.searcher().reader(), [f for f, _ in FIELD_BOOSTS],
                                   seconds, bitmaps=GRAMS)  # fmt: skip

    def searcher(self):  # whoosh Searcher, one per thread (searchers are not thread-safe)
        searcher = getattr(self._local, "searcher", None)
        if searcher is None:
            searcher = self._local.searcher = self.ix.searcher()
        return searcher

    def check(self, filters: Mapping[str, str]) -> dict[str, str]:
        """Filters in their indexed form; BadRequest for a value the index does not have."""
        checked = {}
        for facet, value in filters.items():
            indexed = facet_value(thai_to_arabic(value) if facet == "year" else value)
            known = indexed in self.tables.docs[facet] or (
                facet == "type" and indexed in self.labels.get("type", {})
            )
            if not known:
                raise unknown_value(facet, value)
            checked[facet] = indexed
        return checked


def search(idx: SearchIndex, request: SearchRequest, suggest: bool = True) -> dict:
    """The API's answer to a request (SPEC.md, HTTP API); with "suggestion" (another
    spelling from the index's vocabulary that finds more) when it finds little."""
    answer = _search(idx, request)
    vocabulary = idx.ready_vocabulary() if suggest and answer["total"] < SUGGEST_BELOW else None
    if request.query and vocabulary is not None:
        spelled = vocabulary.respell(clean(request.query))
        if spelled and len(spelled) <= MAX_QUERY_CHARS:
            other = replace(request, query=spelled, page=1, limit=1)
            try:
                if _search(idx, other)["total"] > answer["total"]:
                    answer["suggestion"] = spelled
            except BadRequest:
                pass
    return answer


def _search(idx: SearchIndex, request: SearchRequest) -> dict:
    filters = idx.check(request.filters)
    allowed = idx.tables.allowed(filters)
    years = idx.tables.in_years(request.year_from, request.year_to)
    if years is not None:
        allowed = years if allowed is None else allowed & years
    words = query_words(request.query, idx.segmenter) if request.query else []
    pieces = parts(clean(request.query))
    if request.query and not words and not pieces:
        raise NO_WORDS
    depth = request.page * request.limit
    searcher = idx.searcher()
    if words or pieces:
        matched, ranked = _ranked(idx, searcher, request.query, words, pieces, allowed,
                                  depth)  # fmt: skip
        variants = idx.synonyms.variants(request.query)
        for variant in variants:
            matched, ranked = _widened(idx, searcher, variant, allowed, depth, matched, ranked)
            pieces = [*pieces, *(p for p in parts(clean(variant)) if p not in pieces)]
        if request.sort != "relevance":
            ranks = idx.tables.oldest_ranks if request.sort == "oldest" else idx.tables.newest_ranks
            ranked = top(matched, depth, ranks, scored=False)
    else:
        matched, ranked = _browse(idx.tables, allowed, depth, request.sort == "oldest")
    start = (request.page - 1) * request.limit
    terms = list(dict.fromkeys(w.text for w in words))
    shown = ranked[start:depth]
    spans = _spans(idx.engine, searcher, [d for d, _ in shown], terms, pieces)
    hits = [_hit(searcher, d, score, spans[d], idx.segmenter.segment) for d, score in shown]
    _found_in_attachments(idx.engine, searcher, [d for d, _ in shown], terms, hits,
                          _pieces_in_attachments(searcher, spans, pieces))  # fmt: skip
    return _answer(idx, request, len(matched), hits, idx.tables.count(matched))


def _answer(idx: SearchIndex, request: SearchRequest, total: int, hits: list[dict],
            facets: dict[str, dict[str, int]]) -> dict:  # fmt: skip
    labels = {
        facet: {v: names[v] for v in facets[facet] if v in (names := idx.labels.get(facet, {}))}
        for facet in LABELLED
    }
    return {
        "query": request.query, "total": total, "page": request.page, "limit": request.limit,
        "hits": hits, "facets": facets, "filters": dict(request.filters), "labels": labels,
        "sort": request.sort, "from": request.year_from, "to": request.year_to,
    }  # fmt: skip


def _ranked(idx: SearchIndex, searcher, query: str, words: list[Tok], pieces: list[str],
            allowed, depth: int):  # fmt: skip
    """(every matching docnum, the top `depth` as (docnum, score), best first).

    A record matches when it holds every word, or every Thai piece as a substring (and
    every other word). With several words, records holding the whole query as a run (or
    phrase) come first, in the title before the text; then records holding the words as
    words before those holding them only inside longer words; then by score."""
    engine, reader = idx.engine, searcher.reader()
    scores = engine.match(reader, list(dict.fromkeys(w.text for w in words)), FIELD_BOOSTS,
                          allowed)  # fmt: skip
    found, titled = _substrings(idx, reader, words, pieces, allowed, scores) \
        if pieces else (set(), {})  # fmt: skip
    run, whole = None, thai_run(query)
    if whole and found:  # Thai only: the run as typed, on the streams (2: in the title)
        if len(words) > 1 or whole not in {w.text for w in words}:
            run = _run_ranks(idx.streams, whole, found, titled, engine.size)
    elif not whole and len(words) > 1:  # Latin or digits too: the words as a phrase
        phrase = _phrase_ranks(engine, reader, [d for d, _ in top(scores, RERANK)], words)
        run = rank_of(phrase, engine.size) if phrase else None
    extra = found.difference(scores)
    if run is None:  # records holding the words as words first: the others only if needed
        best = top(scores, depth)
        more = _substring_scores(idx.streams, pieces, extra, titled, depth > len(best))
        return more | scores, best + top(more, depth - len(best))
    merged = _substring_scores(idx.streams, pieces, extra, titled) | scores
    return merged, top(merged, depth, [run, mask_of(scores, engine.size) * 1.0])


def _run_ranks(streams: Streams, whole: str, found: set[int], titled: dict[str, set[int]],
               size: int) -> np.ndarray:  # fmt: skip
    """By docnum: 2 where the title holds the run, 1 where the other text does (from the
    substring check when the run was its one piece), else 0."""
    if whole in titled:  # every found record holds it: in the title or else in the text
        return mask_of(found, size) * 1.0 + mask_of(titled[whole] & found, size)
    return rank_of(streams.runs(whole, found), size)


def thai_run(text: str) -> str:
    """The Thai stream of a text that is one run of Thai (2 characters or more), else ""."""
    whole = stream(clean(text)).strip("\n")
    return whole if len(whole) >= 2 and "\n" not in whole else ""


def _substring_scores(streams: Streams, pieces: list[str], docnums: set[int],
                      titled: dict[str, set[int]], needed: bool = True
                      ) -> dict[int, float]:  # fmt: skip
    """docnum → score of records found only by substrings (0 when not needed): 3 for each
    piece in the title, 1 for each only in the other text."""
    if not needed:
        return dict.fromkeys(docnums, 0.0)
    if len(pieces) == 1 and pieces[0] in titled:
        in_title = titled[pieces[0]]
        return {d: SUBSTRING_WEIGHT * (3.0 if d in in_title else 1.0) for d in docnums}
    return {d: SUBSTRING_WEIGHT * s for d, s in streams.scores(pieces, docnums).items()}


def _widened(idx: SearchIndex, searcher, variant: str, allowed, depth: int,
             matched: dict[int, float], ranked: list) -> tuple[dict[int, float], list]:
    """The matches of a query widened by a synonym: the records only the variant finds
    follow those the query finds. A Thai variant (a name) must occur as written."""
    try:
        words = query_words(variant, idx.segmenter)
    except BadRequest:
        return matched, ranked
    more, top = _ranked(idx, searcher, variant, words, parts(clean(variant)), allowed, depth)
    whole = thai_run(variant)
    if whole:  # Thai: the name as written, not its words apart
        runs = idx.streams.runs(whole, more)
        more = {d: s for d, s in more.items() if runs[d]}
        top = [(d, s) for d, s in top if d in more]
    shown = {d for d, _ in ranked}
    ranked = ranked + [(d, s) for d, s in top if d not in shown]
    return more | matched, ranked[:depth]


def _substrings(idx: SearchIndex, reader, words: list[Tok], pieces: list[str], allowed,
                scores: dict[int, float]) -> tuple[set[int], dict[str, set[int]]]:  # fmt: skip
    """The records holding every piece and every non-Thai word: candidates from the bigram
    postings, checked on the streams (unless they hold the piece as one of their words);
    and for each piece checked on every candidate, the candidates holding it in the title."""
    engine, streams = idx.engine, idx.streams
    single = {w.text for w in words}
    docs: set[int] | None = None
    titled: dict[str, set[int]] = {}
    for piece in sorted(pieces, key=len, reverse=True):
        bits = functools.reduce(operator.and_, (engine.bitmap(reader, GRAMS, g)
                                                for g in set(bigrams(piece))))  # fmt: skip
        cands = set(docnums_of(bits)) if docs is None else docs.intersection(docnums_of(bits))
        docs = cands & (idx.engine.live if allowed is None else allowed)
        if len(piece) > 2:  # every pair of the piece is there: the streams tell if in a row
            known = docs.intersection(scores) if piece in single else set()
            held, in_title = streams.having(piece, docs.difference(known))
            docs = known | held
            if not known:
                titled[piece] = in_title
    for word in dict.fromkeys(w.text for w in words if not _HAS_THAI.search(w.text)):
        held: set[int] = set()
        for fieldname, _ in FIELD_BOOSTS:
            held.update(engine.postings(reader, fieldname, word).ids)
        docs &= held
    return docs or set(), titled


def _browse(tables: FacetTables, allowed, depth: int, oldest: bool = False):
    """Every allowed record, newest (or oldest) first."""
    order = tables.oldest if oldest else tables.newest
    if allowed is None:
        return tables.live, [(d, 0.0) for d in order[:depth]]
    shown = []
    for d in order:
        if d in allowed:
            shown.append((d, 0.0))
            if len(shown) == depth:
                break
    return allowed, shown


def _phrase_ranks(engine: Engine, reader, docnums: list[int], words: list[Tok]
                  ) -> dict[int, int]:  # fmt: skip
    """docnum → 2 with the words as a phrase in the title, 1 in the text, else 0."""
    rank = {d: 0 for d in docnums}
    for weight, fieldname in ((1, "text"), (2, "title")):
        positions = {w.text: engine.values(reader, fieldname, w.text, docnums, "positions")
                     for w in words}  # fmt: skip
        for d in docnums:
            if rank[d] < weight and _has_phrase(
                words, {t: p.get(d, ()) for t, p in positions.items()}
            ):
                rank[d] = weight
    return rank


def _has_phrase(words: list[Tok], positions: dict[str, Sequence[int]]) -> bool:
    first = words[0]
    others = [(w.pos - first.pos, set(positions[w.text])) for w in words[1:]]
    return any(all(p + gap in ps for gap, ps in others) for p in positions[first.text])


def _hit(searcher, docnum: int, score: float, spans: dict[str, list], segment=None) -> dict:
    stored = searcher.stored_fields(docnum)
    title, text = stored.get("title", ""), stored.get("text", "")
    spans = _shift_parts(spans, len(title) + 1)
    body = text if spans["text"] or not spans["title"] else title
    marks = spans["text"] if body is text else spans["title"]
    return {
        "id": stored["id"], "type": stored["type"], "title": title, "url": stored["url"],
        "date": stored.get("date") or None, "score": round(float(score), 2),
        "snippet": snippet(body, marks, segment=segment), "date_th": stored.get("date_th", ""),
        "number": stored.get("number", ""),
    }  # fmt: skip


def _found_in_attachments(engine: Engine, searcher, docnums: list[int], terms: list[str],
                          hits: list[dict], pieces: dict[int, dict[str, list]]
                          ) -> None:  # fmt: skip
    """Hits whose attachments hold more of the terms than their own fields (or the pieces
    their own fields lack) gain `"attachment": {title, url, page}` and a snippet from that
    page (the cached postings tell which: the attachment text's positions are read only for
    those hits)."""
    reader = searcher.reader()
    attached = [f for f, _ in ATTACH_BOOSTS]
    own = [f for f, _ in FIELD_BOOSTS if f not in attached]
    wanted = [d for d in docnums if own_terms(engine, reader, d, terms, attached) >
              own_terms(engine, reader, d, terms, own)]  # fmt: skip
    spans = attachment_spans(engine, reader, wanted, terms) if wanted else {}
    for docnum, hit in zip(docnums, hits, strict=True):
        found = spans.get(docnum, {}) | pieces.get(docnum, {})
        if found:
            hit.update(attachment_hit(searcher.stored_fields(docnum), found) or {})


def _pieces_in_attachments(searcher, spans: dict[int, dict[str, list]], pieces: list[str]
                           ) -> dict[int, dict[str, list]]:  # fmt: skip
    """docnum → piece → its spans in the attachment text, for the shown records whose own
    title and text hold nothing of the query (found by a piece of their attachments)."""
    out: dict[int, dict[str, list]] = {}
    patterns = {p: pattern(p) for p in pieces}
    for docnum, own in spans.items() if pieces else ():
        if not any(own.values()):
            text = searcher.stored_fields(docnum).get(ATTACH_FIELD, "")
            found = {p: [m.span() for m in compiled.finditer(text)]
                     for p, compiled in patterns.items()}  # fmt: skip
            out[docnum] = {p: spans_ for p, spans_ in found.items() if spans_}
    return out


def _spans(engine: Engine, searcher, docnums: list[int], terms: list[str],
           pieces: list[str] = ()) -> dict[int, dict[str, list]]:  # fmt: skip
    """docnum → field → character spans of the terms (parts: offsets in title + text),
    one pass over each term's postings for all shown documents, and of the pieces found
    as substrings of the stored title and text."""
    out = {d: {"title": [], "text": [], "parts": []} for d in docnums}
    reader = searcher.reader()
    for term in terms:
        for fieldname in ("title", "text", "parts"):
            chars = engine.values(reader, fieldname, term, docnums, "characters")
            for d, found in chars.items():
                out[d][fieldname].extend((start, end) for _, start, end in found)
    patterns = [pattern(p) for p in pieces]
    for d in docnums if patterns else ():
        stored = searcher.stored_fields(d)
        for fieldname in ("title", "text"):
            text = stored.get(fieldname, "")
            out[d][fieldname] += [m.span() for p in patterns for m in p.finditer(text)]
    return out


def _shift_parts(spans: dict[str, list], text_offset: int) -> dict[str, list]:
    """Title and text spans, the parts field's spans (over title + text) put in either."""
    out = {"title": list(spans["title"]), "text": list(spans["text"])}
    for start, end in spans["parts"]:
        if start >= text_offset:
            out["text"].append((start - text_offset, end - text_offset))
        else:
            out["title"].append((start, end))
    return out
