"""The engine matches and scores as Whoosh's own search would, without its slow paths."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.search.engine import as_bitmap, docnums_of, read_postings
from generator.search.query import FIELD_BOOSTS, SearchIndex, query_words, whoosh_query
from generator.search.substring import GRAMS

QUERIES = ["งบประมาณ", "กลุ่มจังหวัด", "ผู้ว่าราชการจังหวัด", "แผนปฏิบัติราชการ ประจำปี",
           "ก.น.จ.", "คณะอนุกรรมการ", "จังหวัด ยางพารา"]  # fmt: skip


@pytest.mark.parametrize("query", QUERIES)
def test_scores_equal_whoosh_bm25f_over_every_match(opened: SearchIndex, query: str):
    searcher = opened.searcher()
    words = list(dict.fromkeys(w.text for w in query_words(query, opened.segmenter)))
    expected = {h.docnum: h.score for h in searcher.search(whoosh_query(words), limit=None)}
    scores = opened.engine.match(searcher.reader(), words, FIELD_BOOSTS, None)
    assert expected, query
    assert scores.keys() == expected.keys()
    for docnum, score in expected.items():
        assert scores[docnum] == pytest.approx(score, rel=1e-6)


def test_postings_are_read_whole_with_their_values(opened: SearchIndex):
    reader = opened.searcher().reader()
    plist = read_postings(reader, "text", "งบประมาณ", values=True)
    assert list(plist.ids) == list(reader.postings("text", "งบประมาณ").all_ids())
    first = plist.ids[0]
    assert plist.value_as(first, "positions")
    assert plist.value_as(max(plist.ids) + 1, "positions") is None


def test_filters_restrict_matches(opened: SearchIndex):
    reader = opened.searcher().reader()
    allowed = opened.tables.allowed({"type": "circulars"})
    scores = opened.engine.match(reader, ["งบประมาณ"], FIELD_BOOSTS, allowed)
    assert scores and set(scores) <= allowed


def test_preloading_fills_the_cache_and_changes_no_answer(test_index):
    from generator.search.query import make_request, search

    fresh = SearchIndex(test_index)
    before = search(fresh, make_request("กลุ่มจังหวัด งบประมาณ", {}))
    assert fresh.preload(seconds=5) > 0
    assert fresh.engine._cached > 0
    pairs = set(fresh.searcher().reader().field_terms(GRAMS))
    assert len(pairs) > 100 and {text for _, text in fresh.engine._bitmaps} == pairs
    assert search(fresh, make_request("กลุ่มจังหวัด งบประมาณ", {})) == before


@given(st.sets(st.integers(min_value=0, max_value=20_000)))
def test_a_bitmap_holds_exactly_its_docnums(docnums: set[int]) -> None:
    bitmap = as_bitmap(docnums, 20_001)
    assert bitmap.bit_count() == len(docnums)
    assert docnums_of(bitmap) == sorted(docnums)
