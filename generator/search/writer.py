"""Whoosh's segment writer, made fast where kb's index spends its time.

Whoosh sends every posting through a sort pool that pickles it to a run on disk, reads it
back, merges the runs and looks up the document's field length again for each posting.
Documents are added in docnum order, so a term's postings arrive already sorted: here the
postings of the text, keyword and id fields are kept in memory as they come, per term in
compact arrays (docnums, weights, encoded values: ~20 bytes a posting), and written a block
at a time through the codec's own field writer (the sort date's too); only postings of
merged segments use the pool. The field lengths each posting block records are kept as the
documents are added, instead of being read back from the new segment once a posting.
The `grams` field (every character pair of every record, two thirds of all postings) skips
Whoosh's analysis too: a record's pairs are a set made in one step, 4 bytes a posting.
The index is an ordinary Whoosh index: a reader cannot tell how it was written.
"""

from __future__ import annotations

import re
from array import array
from collections import defaultdict
from collections.abc import Iterator
from functools import partial
from itertools import groupby
from operator import itemgetter

from whoosh import fields, formats
from whoosh.analysis import IDTokenizer
from whoosh.system import pack_uint
from whoosh.util.numeric import byte_to_length, length_to_byte
from whoosh.writing import SegmentWriter

from .analysis import ThaiTokenizer, spans
from .substring import GRAMS, THAI, gram_set, stream

_ONE = pack_uint(1)  # the Frequency format's value of a posting seen once
MEMO_CHARS = 200  # field values up to this long have their postings remembered
MEMO_ENTRIES = 50_000  # remembered values (then forgotten all at once)
MEMO_TEXT = 2_000  # texts up to this long are analysed line by line, short lines remembered
MEMO_LINES = 2_000  # remembered lines (then forgotten all at once): a plan's projects are
# written one after another, so the lines they share are found again while remembered
KEPT = (fields.TEXT, fields.KEYWORD, fields.ID, fields.NUMERIC)  # fields whose postings are kept


class Writer(SegmentWriter):
    """A SegmentWriter that keeps the postings of text, keyword and id fields in memory, in
    order."""

    def __init__(self, ix, **kwargs) -> None:  # noqa: ANN001 - a whoosh FileIndex
        super().__init__(ix, **kwargs)
        self.kept: dict[str, Terms] = {
            name: (GramTerms() if name == GRAMS else Terms())
            for name, field in self.schema.items()
            if isinstance(field, KEPT)}
        self._memo: dict[tuple[str, object], list[tuple]] = {}
        self._lines: dict[tuple[int, str], tuple[list, int]] = {}
        self._names: dict[tuple[str, ...], list[tuple]] = {}
        self.lengths = _Added()

    def add_document(self, **values) -> None:  # noqa: ANN003 - field name → value
        """Whoosh's add_document for kb's schema (no boosts, vectors or spelling fields)."""
        self._check_state()
        docnum, pdw = self.docnum, self.perdocwriter
        fields = self._fields(tuple(values))
        pdw.start_doc(docnum)
        try:
            for name, field in fields:
                value = values[name]
                if value is None:
                    continue
                length = self._index(name, field, value, docnum) if field.indexed else 0
                length = length if field.scorable else 0
                pdw.add_field(name, field, value if field.stored else None, length)
                if length:
                    self.lengths.add(name, docnum, length)
                if field.column_type:
                    pdw.add_column_value(name, field.column_type, field.to_column_value(value))
        except Exception:
            pdw.cancel_doc()
            raise
        pdw.finish_doc()
        self.lengths.count += 1
        self._added = True
        self.docnum += 1

    def _fields(self, names: tuple[str, ...]) -> list[tuple]:
        """(name, field) of the arguments' fields in name order, checked once a set of names
        (every entry gives the same)."""
        found = self._names.get(names)
        if found is None:
            kept = sorted(name for name in names if not name.startswith("_"))
            self._check_fields(self.schema, kept)
            found = self._names[names] = [(name, self.schema[name]) for name in kept]
        return found

    def _index(self, name: str, field, value, docnum: int) -> int:  # noqa: ANN001
        """Add a field's postings; its length (the number of its tokens)."""
        kept = self.kept.get(name)
        if isinstance(kept, GramTerms):
            return kept.add_text(docnum, value)
        if kept is not None:
            return kept.add_all(docnum, self._analysed(name, field, value))
        length = 0
        add = self.pool.add
        for tbytes, freq, weight, vbytes in field.index(value):
            length += freq
            add((name, tbytes, docnum, weight, vbytes))
        return length

    def _analysed(self, name: str, field, value: object) -> list[tuple]:  # noqa: ANN001
        """_postings(field, value), remembered for short values and numbers: facets, labels,
        names and dates repeat from record to record (a project's agency, province, years,
        budget band, sort date)."""
        if field.unique and isinstance(value, str) and _whole(field):  # the key: itself
            return [(value.encode("utf-8"), 1, field.format.field_boost, b"")]
        if field.unique or not isinstance(value, (str, int)) or (
                isinstance(value, str) and len(value) > MEMO_CHARS):  # fmt: skip
            return list(_postings(field, value, self._lines))
        found = self._memo.get((name, value))
        if found is None:
            found = list(_postings(field, value, self._lines))
            _remember(self._memo, (name, value), found, MEMO_ENTRIES)
        return found

    def _flush_segment(self) -> None:
        self.perdocwriter.close()
        lengths = None
        if self.lengths.count == self.docnum:  # every document came through add_document
            lengths = self.lengths.padded(self.docnum)
        elif self.codec.length_stats:  # (documents of merged segments too: read them back)
            lengths = _Lengths(self.per_document_reader(), self.docnum)
        writer, kept = self.fieldwriter, sorted(self.kept)
        for name, items in groupby(self._pooled(), key=itemgetter(0)):
            while kept and kept[0] < name:  # fields in name order: readers merge on it
                self._write_kept(kept.pop(0), lengths)
            writer.add_postings(self.schema, lengths, items)
        for name in kept:
            self._write_kept(name, lengths)
        writer.close()
        self.kept.clear()
        if isinstance(lengths, _Lengths):
            lengths.close()

    def _write_kept(self, name: str, lengths: _Lengths | None) -> None:
        if self.kept[name]:  # (merged segments' postings included)
            self.kept[name].write(self.fieldwriter, name, self.schema[name], lengths)

    def _pooled(self) -> Iterator[tuple]:
        """The pool's postings; those of kept fields (from merged segments) join the kept."""
        for item in self.pool.iter_postings():
            kept = self.kept.get(item[0])
            if kept is None:
                yield item
            else:
                kept.add(item[1], item[2], item[3], item[4] or b"")


def _postings(field, value: str, lines: dict | None = None,  # noqa: ANN001 - a whoosh field
              ) -> Iterator[tuple[bytes, int, float, bytes]]:  # fmt: skip
    """field.index(value): Whoosh's (term, frequency, weight, value) of each word of a text
    field; for kb's Thai analysis made without Whoosh's token objects (the same tuples), the
    tokens of each line remembered in `lines`."""
    analyzer, fmt = field.analyzer, field.format
    if not isinstance(analyzer, ThaiTokenizer) or not isinstance(fmt, formats.Positions):
        yield from field.index(value)
        return
    seen: dict[str, list] = {}
    chars = isinstance(fmt, formats.Characters)
    tokens = spans(value, analyzer.segmenter, analyzer.parts) \
        if lines is None or len(value) > MEMO_TEXT else line_spans(value, analyzer, lines)
    for word, pos, start, end in tokens:
        found = seen.get(word)
        if found is None:
            found = seen[word] = []
        found.append((pos, start, end) if chars else pos)
    boost, encode = fmt.field_boost, fmt.encode
    for word, poslist in seen.items():
        yield word.encode("utf-8"), len(poslist), len(poslist) * boost, encode(poslist)


def _whole(field) -> bool:  # noqa: ANN001 - a whoosh field
    """Whether a field indexes its value as one term without positions (an ID field)."""
    return type(field.analyzer) is IDTokenizer and type(field.format) is formats.Existence


def line_spans(text: str, analyzer: ThaiTokenizer, lines: dict
                ) -> Iterator[tuple[str, int, int, int]]:  # fmt: skip
    """spans() of a text made line by line, each line's tokens remembered (lines repeat from
    entry to entry: a plan's title and strategy in each of its projects). No token crosses a
    line break: a line's tokens are its own, moved by the positions and characters before."""
    moved = chars = 0
    for line in text.split("\n"):
        found = lines.get((id(analyzer), line))
        if found is None:
            found = _all(spans(line, analyzer.segmenter, analyzer.parts))
            if len(line) <= MEMO_CHARS:
                _remember(lines, (id(analyzer), line), found, MEMO_LINES)
        if moved or chars:
            for word, pos, start, end in found[0]:
                yield word, pos + moved, start + chars, end + chars
        else:
            yield from found[0]
        moved += found[1]
        chars += len(line) + 1


def _remember(memo: dict, key: object, value: object, most: int) -> None:
    """memo[key] = value, the memo forgotten all at once when it holds `most` entries."""
    if len(memo) >= most:
        memo.clear()
    memo[key] = value


def _all(tokens: Iterator) -> tuple[list, int]:
    """The items of a generator and the value it returns."""
    items = []
    while True:
        try:
            items.append(next(tokens))
        except StopIteration as stop:
            return items, stop.value


class Terms:
    """One field's postings in memory: term → docnums, weights and encoded values."""

    def __init__(self) -> None:
        self.terms: dict[bytes, tuple[array, array, bytearray, array]] = {}

    def __bool__(self) -> bool:
        return bool(self.terms)

    def add(self, tbytes: bytes, docnum: int, weight: float, vbytes: bytes) -> None:
        self.add_all(docnum, [(tbytes, 0, weight, vbytes)])

    def add_all(self, docnum: int, postings: list[tuple]) -> int:
        """Add a document's (term, frequency, weight, value) postings; the sum of their
        frequencies."""
        terms, length = self.terms, 0
        for tbytes, freq, weight, vbytes in postings:
            length += freq
            found = terms.get(tbytes)
            if found is None:
                found = terms[tbytes] = (array("I"), array("f"), bytearray(), array("I"))
            ids, weights, values, ends = found
            ids.append(docnum)
            weights.append(weight)
            values += vbytes
            ends.append(len(values))
        return length

    def write(self, writer, name: str, field, lengths) -> None:  # noqa: ANN001
        """Write the field through a codec FieldWriter, terms in byte order."""
        writer.start_field(name, field)
        of = lengths.of(name) if lengths else None
        for tbytes in sorted(self.terms):
            ids, weights, values, ends = self.terms[tbytes]
            whole, starts = bytes(values), [0, *ends[:-1]]
            each = list(map(whole.__getitem__, map(slice, starts, ends)))
            writer.start_term(tbytes)
            add_postings(writer, ids, weights, each, [of[d] for d in ids] if of else None)
            writer.finish_term()
        writer.finish_field()


def add_postings(writer, ids: array, weights: array, values: list[bytes],
                 lengths: list[int] | None) -> None:  # fmt: skip
    """A term's postings given to a W3FieldWriter's postings writer a block at a time, as
    its add_posting() would have buffered them one by one (same blocks, same statistics)."""
    postings = writer._postwriter
    limit = postings._blocklimit
    for i in range(0, len(ids), limit):
        if len(postings._ids):
            postings._write_block()
        postings._ids, postings._weights = ids[i : i + limit], weights[i : i + limit]
        postings._values = [v for v in values[i : i + limit] if v]
        postings._maxweight = max(0, max(postings._weights))
        known = [n for n in lengths[i : i + limit] if n] if lengths else []
        postings._minlength = min(known) if known else None
        postings._maxlength = max(known) if known else 0


class GramTerms(Terms):
    """The grams field: gram → docnums (each pair counted once a document)."""

    def __init__(self) -> None:
        self.grams: defaultdict[str, array] = defaultdict(partial(array, "I"))
        self._lines: dict[str, tuple[frozenset[str], str | None, str]] = {}

    def __bool__(self) -> bool:
        return bool(self.grams)

    def add_text(self, docnum: int, text: str) -> int:
        grams = self.grams
        for gram in self.gram_set(text):
            grams[gram].append(docnum)
        return 0  # no length: the grams only narrow candidates, they are never scored

    def gram_set(self, text: str) -> set[str]:
        """gram_set(stream(text)), made line by line for short texts, each line's pairs
        remembered: the pairs of a text are its lines' and, where a line ends in a Thai
        character and the next line that is not only spaces and dots begins with one, that
        pair (the stream joins them)."""
        if len(text) > MEMO_TEXT:
            return gram_set(stream(text))
        found: set[str] = set()
        end = ""
        for line in text.split("\n"):
            known = self._lines.get(line)
            if known is None:
                known = _line_grams(line)
                if len(line) <= MEMO_CHARS:
                    _remember(self._lines, line, known, MEMO_LINES)
            grams, first, last = known
            if first is None:  # only spaces and dots: the stream goes on over it
                continue
            found |= grams
            if end and first:
                found.add(end + first)
            end = last
        return found

    def add(self, tbytes: bytes, docnum: int, weight: float, vbytes: bytes) -> None:
        """A posting of a merged segment (its weight and value are the same for all)."""
        self.grams[tbytes.decode("utf-8")].append(docnum)

    def write(self, writer, name: str, field, lengths) -> None:  # noqa: ANN001
        writer.start_field(name, field)
        for gram in sorted(self.grams):  # code point order is UTF-8 byte order
            ids = self.grams[gram]
            writer.start_term(gram.encode("utf-8"))
            add_postings(writer, ids, array("f", [1.0]) * len(ids), [_ONE] * len(ids), None)
            writer.finish_term()
        writer.finish_field()


_INNER = re.compile(r"[^\s.](?:.*[^\s.])?", re.DOTALL)  # a line without its spaces and dots
_THAI_CHAR = re.compile(f"[{THAI}]")


def _line_grams(line: str) -> tuple[frozenset[str], str | None, str]:
    """A line's pairs; its first and last characters but spaces and dots, if Thai ('' if
    not; first None: the line is only spaces and dots)."""
    inner = _INNER.search(line)
    if inner is None:
        return frozenset(), None, ""
    first, last = inner.group()[0], inner.group()[-1]
    thai = _THAI_CHAR.fullmatch
    return (frozenset(gram_set(stream(line))), first if thai(first) else "",
            last if thai(last) else "")  # fmt: skip


class _Added:
    """The field lengths of the documents added, as a reader of the segment would give them
    (Whoosh stores a length as one byte: lengths past 8 are rounded)."""

    def __init__(self) -> None:
        self.count = 0  # documents added
        self.by_field: dict[str, array] = {}
        self._rounded: dict[int, int] = {}

    def add(self, name: str, docnum: int, length: int) -> None:
        found = self.by_field.get(name)
        if found is None:
            found = self.by_field[name] = array("I")
        if len(found) < docnum:
            found.extend(array("I", [0]) * (docnum - len(found)))
        rounded = self._rounded.get(length)
        if rounded is None:
            rounded = self._rounded[length] = byte_to_length(length_to_byte(length))
        found.append(rounded)

    def padded(self, count: int) -> _Added:
        for found in self.by_field.values():
            found.extend(array("I", [0]) * (count - len(found)))
        return self

    def of(self, fieldname: str) -> array | None:
        """The field's length in each document (None: the field has no lengths)."""
        return self.by_field.get(fieldname)

    def doc_field_length(self, docnum: int, fieldname: str, default: int = 0) -> int:
        found = self.by_field.get(fieldname)
        return found[docnum] if found is not None else default


class _Lengths:
    """A new segment's field lengths, read once per field (Whoosh asks once per posting)."""

    def __init__(self, reader, count: int) -> None:  # noqa: ANN001 - a PerDocumentReader
        self.reader, self.count = reader, count
        self.by_field: dict[str, list[int]] = {}

    def of(self, fieldname: str) -> list[int]:
        lengths = self.by_field.get(fieldname)
        if lengths is None:
            get = self.reader.doc_field_length
            lengths = self.by_field[fieldname] = [get(d, fieldname, 0)
                                                  for d in range(self.count)]  # fmt: skip
        return lengths

    def doc_field_length(self, docnum: int, fieldname: str, default: int = 0) -> int:
        return self.of(fieldname)[docnum]

    def close(self) -> None:
        self.reader.close()
