from __future__ import annotations

from pathlib import Path

import pytest

from generator.search import index as index_module
from generator.search.analysis import segmenter_for
from generator.search.index import build_index, is_index
from generator.search.query import SearchIndex


def test_build_writes_an_index_and_leaves_no_temporary_folder(test_corpus, tmp_path: Path):
    build_index(test_corpus, tmp_path / "kb" / "index")
    assert is_index(tmp_path / "kb" / "index")
    assert [p.name for p in (tmp_path / "kb").iterdir()] == ["index"]


def test_drafts_are_not_indexed(opened: SearchIndex):
    assert "circulars/secret-draft" not in {
        f["key"] for f in opened.searcher().all_stored_fields()
    }


def test_a_rebuild_does_not_segment_unchanged_records_again(test_corpus, tmp_path: Path):
    build_index(test_corpus, tmp_path / "index")
    index_module.reset_segmenters()
    build_index(test_corpus, tmp_path / "index")
    segmenter = segmenter_for(index_module.kb_vocabulary(test_corpus))
    assert segmenter.segmented == 0


def test_a_folder_that_is_not_an_index_is_not_replaced(test_corpus, tmp_path: Path):
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "index.html").write_text("keep me")
    with pytest.raises(FileExistsError, match="is not a search index"):
        build_index(test_corpus, tmp_path / "site")
    assert (tmp_path / "site" / "index.html").read_text() == "keep me"


def test_an_open_index_keeps_answering_after_a_rebuild(test_corpus, tmp_path: Path):
    build_index(test_corpus, tmp_path / "index")
    opened = SearchIndex(tmp_path / "index")
    build_index(test_corpus, tmp_path / "index")
    from generator.search.query import make_request, search

    assert search(opened, make_request("ยางพารา", {}))["total"] == 1
