"""kb's fast index writer writes what Whoosh's own writer writes (grams: the same pairs), and
the index two processes write (a forked child writes the second half) is the index one writes;
a failure in the child fails the build like any other."""

from __future__ import annotations

import io
import os
import threading
from array import array
from pathlib import Path
from types import SimpleNamespace

import pytest
from whoosh import formats, index
from whoosh.codec.whoosh3 import W3PostingsWriter, W3TermInfo
from whoosh.filedb.structfile import StructFile

from generator.content.corpus import Corpus
from generator.search import index as index_module
from generator.search.analysis import segmenter_for
from generator.search.forked import Forked, can_fork
from generator.search.index import build_index, entries, kb_vocabulary, make_schema
from generator.search.query import SearchIndex, make_request, search
from generator.search.writer import GRAMS, Writer, add_postings


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
            out[fieldname, text] = (items, info.min_length(), info.max_length(), info.weight(),
                                    info.max_weight(), info.doc_frequency())
        for fieldname in reader.indexed_field_names():
            if fieldname != GRAMS:
                out[fieldname] = [reader.doc_field_length(d, fieldname) or 0  # (None or 0:
                                  for d in reader.all_doc_ids()]  # fmt: skip (no length)
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


@pytest.mark.parametrize("count", [1, 127, 128, 300])
def test_postings_given_a_block_at_a_time_are_the_bytes_whoosh_writes(count: int) -> None:
    fmt = formats.Positions()
    ids = array("I", range(0, 3 * count, 3))
    weights = array("f", [float(i % 5 + 1) for i in range(count)])
    values = [fmt.encode(list(range(i % 4 + 1))) for i in range(count)]
    lengths = [i % 7 for i in range(count)]  # 0: no length, as Whoosh skips it
    written = []
    for whole in (False, True):
        out = io.BytesIO()
        postings = W3PostingsWriter(StructFile(out), blocklimit=128)
        postings.start_postings(fmt, W3TermInfo())
        if whole:
            add_postings(SimpleNamespace(_postwriter=postings), ids, weights, values, lengths)
        else:
            for posting in zip(ids, weights, values, lengths, strict=True):
                postings.add_posting(*posting)
        written.append((postings.finish_postings().to_bytes(), out.getvalue()))
    assert written[1] == written[0]
    assert len(written[0][1]) > 100 or count == 1  # postings past the inline limit


QUERIES = ["งบประมาณ", "กลุ่มจังหวัด", "ยางพารา", "ก.น.จ.", "ปฏิบัติราชการ"]


def built(corpus, folder: Path, forked: bool, monkeypatch) -> Path:
    monkeypatch.setattr(index_module, "PARALLEL_MIN", 2 if forked else 10**9)
    monkeypatch.setattr(index_module, "can_fork", lambda: True)  # (other tests' server threads)
    build_index(corpus, folder)
    return folder.resolve()


def test_two_processes_write_the_index_one_process_writes(test_corpus, tmp_path: Path,
                                                           monkeypatch) -> None:  # fmt: skip
    one = built(test_corpus, tmp_path / "one", False, monkeypatch)
    two = built(test_corpus, tmp_path / "two", True, monkeypatch)
    segments = [index.open_dir(str(f))._segments() for f in (one, two)]
    assert [len(s) for s in segments] == [1, 2]
    assert contents(two) == contents(one)
    for query in QUERIES:
        answers = [search(SearchIndex(f), make_request(query, {})) for f in (one, two)]
        assert answers[0]["total"] > 0, query
        assert answers[1] == answers[0], query
    assert not [p for p in two.iterdir() if p.name.endswith(".tmp") or ".tmp-" in p.name]


def test_the_forked_half_s_segmentations_and_digests_are_kept(test_corpus, tmp_path: Path,
                                                              monkeypatch) -> None:  # fmt: skip
    first = built(test_corpus, tmp_path / "index", True, monkeypatch)
    segments = {f.name for f in first.glob("*.seg")}
    index_module.reset_segmenters()
    again = built(test_corpus, tmp_path / "index", True, monkeypatch)
    assert segmenter_for(index_module.kb_vocabulary(test_corpus)).segmented == 0
    assert {f.name for f in again.glob("*.seg")} == segments  # the digests (half of them made
    # by a forked child) matched: the previous index was copied, not written again


def test_a_failure_in_the_forked_writer_fails_the_build_and_changes_nothing(
        test_corpus, tmp_path: Path, monkeypatch) -> None:  # fmt: skip
    live = built(test_corpus, tmp_path / "index", False, monkeypatch)
    before = contents(live)
    parent, make = os.getpid(), index_module.whoosh_fields

    def broken_in_the_child(doc):
        if os.getpid() != parent:
            raise ValueError("broken in the child")
        return make(doc)

    monkeypatch.setattr(index_module, "whoosh_fields", broken_in_the_child)
    monkeypatch.setattr(index_module, "MAX_UPDATE_SHARE", -1)  # written anew, not updated
    with pytest.raises(RuntimeError, match="(?s)forked worker failed.*broken in the child"):
        built(test_corpus, tmp_path / "index", True, monkeypatch)
    assert (tmp_path / "index").resolve() == live and contents(live) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["index", live.name])


def test_a_forked_result_error_and_death_reach_the_parent() -> None:
    assert Forked(lambda: {"ok": [1, 2]}).result() == {"ok": [1, 2]}
    with pytest.raises(RuntimeError, match="(?s)failed.*ZeroDivisionError"):
        Forked(lambda: 1 / 0).result()
    with pytest.raises(RuntimeError, match="died"):
        Forked(lambda: os._exit(3)).result()


def test_no_fork_while_another_thread_runs() -> None:
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    before = can_fork()
    other.start()
    try:
        assert not can_fork()
    finally:
        stop.set()
        other.join()
    assert can_fork() == before
