"""kb's fast index writer writes what Whoosh's own writer writes (grams: the same pairs), and
the index two processes write (a forked child writes the second half) is the index one writes;
a failure in the child fails the build like any other."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import threading
import time
from array import array
from pathlib import Path
from types import SimpleNamespace

import pytest
from kbtest import BASE, Project
from whoosh import formats, index
from whoosh.codec.whoosh3 import W3PostingsWriter, W3TermInfo
from whoosh.filedb.structfile import StructFile

from generator.content.corpus import Corpus
from generator.content.validate import load_corpus
from generator.search import index as index_module
from generator.search.analysis import segmenter_for, spans
from generator.search.forked import Forked, can_fork
from generator.search.index import build_index, entries, kb_vocabulary, make_schema
from generator.search.query import SearchIndex, make_request, search
from generator.search.substring import gram_set, stream
from generator.search.writer import GRAMS, GramTerms, Writer, add_postings, line_spans


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


PLAN = """
    title: แผนพัฒนาจังหวัดทดสอบ พ.ศ. 2556
    kind: province-development
    owner: provinces/p1
    fiscal_years: [2556, 2557]
    strategies:
      - title: ยุทธศาสตร์การท่องเที่ยว
        projects:
          - {title: โครงการถนนสายวัฒนธรรม, budget: 1000000, agency: สำนักงานจังหวัด}
          - {title: โครงการตลาดวัฒนธรรม, budget: 25000000, agency: สำนักงานจังหวัด}
          - {title: โครงการตลาดวัฒนธรรม, budget: 25000000, agency: สำนักงานจังหวัด}
      - title: ยุทธศาสตร์การเกษตร ก.น.จ.
        projects:
          - {title: โครงการฝายชะลอน้ำ, budget: 1000001, agency: กรมชลประทาน}
          - {title: โครงการอ่างเก็บน้ำ, budget: 250000000, agency: กรมชลประทาน}
          - {title: โครงการประชาคม}
    """


def test_entries_whose_lines_repeat_are_written_as_whoosh_writes_them(tmp_path: Path) -> None:
    """A plan's projects repeat its title, strategy and agency: lines analysed once."""
    project = Project(tmp_path)
    for rel, text in {**BASE, "plans/p.yml": PLAN, "plans/q.yml": PLAN}.items():
        project.write(rel, text)
    corpus, problems = load_corpus(project.content)
    assert not [p for p in problems if p.severity == "error"]
    assert sum("#" in key for key in entries(corpus)) == 12
    write(tmp_path / "whoosh", corpus, fast=False)
    write(tmp_path / "kb", corpus, fast=True)
    assert contents(tmp_path / "kb") == contents(tmp_path / "whoosh")


TEXTS = ["", "\n", "ก\nข", "ก \n ข", "ก.\n\n .ข", "ก\n—\nข", "ก\n \n\nข", "ab\nกข\n1",
         "กข—\nคง", "ก\n.\nข\nค", "พ.ศ.\nโครงการ", "กข\nค\n\n", "ก\u00a0\nข", "ๆ\nก",
         "โครงการในแผน · ยุทธศาสตร์\nสำนักงาน\nสำนักงาน ขอนแก่น"]  # fmt: skip


@pytest.mark.parametrize("text", TEXTS)
def test_the_pairs_of_a_text_made_line_by_line_are_its_stream_s(text: str) -> None:
    terms = GramTerms()
    assert terms.gram_set(text) == gram_set(stream(text))
    assert terms.gram_set(text) == gram_set(stream(text))  # (lines remembered)


@pytest.mark.parametrize("text", [*TEXTS, "ก.น.จ.\nและการประชุม 2.5\nABC ก.น.จ.",
                                  "\nผู้ว่าราชการจังหวัด\n\nงบประมาณ x,1"])  # fmt: skip
@pytest.mark.parametrize("parts", [False, True])
def test_the_tokens_of_a_text_made_line_by_line_are_its_own(text: str, parts: bool) -> None:
    field = make_schema(["ขอนแก่น"])["parts" if parts else "text"]
    segmenter, lines = field.analyzer.segmenter, {}
    for _ in range(2):  # (the second time from the remembered lines)
        assert list(line_spans(text, field.analyzer, lines)) == list(
            spans(text, segmenter, parts))  # fmt: skip
    assert lines


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


def test_projects_written_from_the_start_by_a_child_make_the_index_one_process_writes(
        test_corpus, tmp_path: Path, monkeypatch) -> None:  # fmt: skip
    one = built(test_corpus, tmp_path / "one", False, monkeypatch)
    monkeypatch.setattr(index_module, "PARALLEL_MIN", 1)  # (the test corpus has one project)
    started = index_module.IndexBuild(test_corpus, tmp_path / "early")
    assert started.early is not None  # forked when started, before the records are written
    started.finish()
    early = (tmp_path / "early").resolve()
    assert [len(index.open_dir(str(f))._segments()) for f in (one, early)] == [1, 3]
    assert contents(early) == contents(one)
    for query in [*QUERIES, "ดอยสุเทพ"]:
        answers = [search(SearchIndex(f), make_request(query, {})) for f in (one, early)]
        assert answers[0]["total"] > 0, query
        assert answers[1] == answers[0], query
    assert "projects" in {hit["type"] for hit in answers[0]["hits"]}
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["one", one.name, "early",
                                                                 early.name])  # fmt: skip


def test_a_rebuild_takes_the_projects_digests_from_the_child_and_updates_in_place(
        test_corpus, tmp_path: Path, monkeypatch) -> None:  # fmt: skip
    first = built(test_corpus, tmp_path / "index", True, monkeypatch)
    files = sorted(f.name for f in first.iterdir() if f.suffix in (".seg", ".toc"))
    before = contents(first)
    monkeypatch.setattr(index_module, "PARALLEL_MIN", 1)  # a child for the one project
    again = index_module.IndexBuild(test_corpus, tmp_path / "index")
    assert again.previous is not None and again.early is not None
    again.finish()
    second = (tmp_path / "index").resolve()
    assert second != first
    assert sorted(f.name for f in second.iterdir() if f.suffix in (".seg", ".toc")) == files  # the
    # previous index copied: the child's digests of the projects matched
    assert contents(second) == before


def test_a_rebuild_of_many_changes_writes_the_projects_again(test_corpus, tmp_path: Path,
                                                            monkeypatch) -> None:  # fmt: skip
    one = built(test_corpus, tmp_path / "one", False, monkeypatch)
    built(test_corpus, tmp_path / "index", True, monkeypatch)
    monkeypatch.setattr(index_module, "MAX_UPDATE_SHARE", -1)  # written anew, not updated
    monkeypatch.setattr(index_module, "PARALLEL_MIN", 1)  # a child for the one project
    started = index_module.IndexBuild(test_corpus, tmp_path / "index")
    assert started.early is not None and started.ix is None  # (it makes their digests)
    started.finish()
    again = (tmp_path / "index").resolve()
    assert len(index.open_dir(str(again))._segments()) == 2
    assert contents(again) == contents(one)


def test_a_failure_in_the_projects_child_fails_the_build_and_leaves_nothing(
        test_corpus, tmp_path: Path, monkeypatch) -> None:  # fmt: skip
    parent, make = os.getpid(), index_module.project_fields

    def broken_in_the_child(project, once):
        if os.getpid() != parent:
            raise ValueError("a project broken in the child")
        return make(project, once)

    monkeypatch.setattr(index_module, "project_fields", broken_in_the_child)
    monkeypatch.setattr(index_module, "PARALLEL_MIN", 1)
    monkeypatch.setattr(index_module, "can_fork", lambda: True)
    with pytest.raises(RuntimeError, match="(?s)forked worker failed.*a project broken"):
        build_index(test_corpus, tmp_path / "index")
    assert list(tmp_path.iterdir()) == []


def test_a_forked_result_error_and_death_reach_the_parent() -> None:
    assert Forked(lambda: {"ok": [1, 2]}).result() == {"ok": [1, 2]}
    with pytest.raises(RuntimeError, match="(?s)failed.*ZeroDivisionError"):
        Forked(lambda: 1 / 0).result()
    with pytest.raises(RuntimeError, match="died"):
        Forked(lambda: os._exit(3)).result()


def test_a_forked_worker_dies_with_its_parent() -> None:
    """A killed kb build leaves no index writer running (it would hold the build lock)."""
    script = ("import os, signal, time\nfrom generator.search.forked import Forked\n"
              "child = Forked(lambda: time.sleep(60))\nprint(child.pid, flush=True)\n"
              "os.kill(os.getpid(), signal.SIGKILL)\n")  # fmt: skip
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=30)  # fmt: skip
    pid = int(done.stdout)
    deadline = time.monotonic() + 10
    while running(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not running(pid)


def running(pid: int) -> bool:
    """Whether a process runs (a zombie, dead but not yet waited for, does not)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (FileNotFoundError, ProcessLookupError):
        return False


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
