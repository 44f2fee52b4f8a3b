"""kb's fast index writer writes what Whoosh's own writer writes (grams: the same pairs)."""

from __future__ import annotations

from pathlib import Path

import pytest
from whoosh import index

from generator.content.corpus import Corpus
from generator.search.index import entries, kb_vocabulary, make_schema
from generator.search.writer import GRAMS, Writer


def write(folder: Path, corpus: Corpus, fast: bool, delete: list[str] = ()) -> None:
    """Every entry of corpus in two segments (with delete: merged into one, some deleted)."""
    folder.mkdir()
    ix = index.create_in(str(folder), make_schema(kb_vocabulary(corpus)))
    docs = entries(corpus)
    keys = sorted(docs)
    for batch, merge in ((keys[: len(keys) // 2], False), (keys[len(keys) // 2 :], True)):
        writer = Writer(ix, limitmb=1) if fast else ix.writer(limitmb=1)
        for key in delete if merge else ():
            writer.delete_by_term("key", key)
        for key in batch:
            writer.add_document(**docs[key]())
        writer.commit(optimize=merge and bool(delete), merge=bool(delete))
    ix.close()


def contents(folder: Path) -> dict:
    """Every term's postings (grams: only the documents), field lengths and stored fields."""
    ix = index.open_dir(str(folder))
    with ix.searcher() as searcher:
        reader = searcher.reader()
        out: dict = {"stored": [reader.stored_fields(d) for d in reader.all_doc_ids()]}
        terms = [(f, t) for f in sorted(reader.indexed_field_names())
                 for t in reader.lexicon(f)]  # fmt: skip (across segments: name order)
        assert len(terms) == len(set(reader.all_terms()))
        for fieldname, text in terms:
            matcher = reader.postings(fieldname, text)
            if fieldname == GRAMS:
                out[fieldname, text] = list(matcher.all_ids())
                continue
            items = []
            while matcher.is_active():
                items.append((matcher.id(), matcher.weight(), matcher.value()))
                matcher.next()
            info = reader.term_info(fieldname, text)
            out[fieldname, text] = (items, info.min_length(), info.max_length(), info.weight())
        for fieldname in reader.indexed_field_names():
            if fieldname != GRAMS:
                out[fieldname] = [reader.doc_field_length(d, fieldname)
                                  for d in reader.all_doc_ids()]  # fmt: skip
    ix.close()
    return out


@pytest.mark.parametrize("gone", [0, 3], ids=["two-segments", "merged-with-deletions"])
def test_the_fast_writer_writes_what_whoosh_writes(test_corpus: Corpus, tmp_path: Path,
                                                    gone: int) -> None:  # fmt: skip
    deleted = sorted(entries(test_corpus))[:gone]
    write(tmp_path / "whoosh", test_corpus, fast=False, delete=deleted)
    write(tmp_path / "kb", test_corpus, fast=True, delete=deleted)
    expected, written = contents(tmp_path / "whoosh"), contents(tmp_path / "kb")
    assert sum(1 for key in expected if key[0] == GRAMS) > 400
    assert sum(1 for key in expected if key[0] == "text") > 100
    assert written.keys() == expected.keys()
    for key, value in expected.items():
        assert written[key] == value, key
