"""Issue 8 §3: snippets start and end at word boundaries, mark exactly what matched, and come
from the field that matched, without the record's tags."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from generator.search.documents import document
from generator.search.query import SearchIndex, make_request, search
from generator.search.snippets import boundary, snippet

MARKS = re.compile("[\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]")
LEADING = "เแโใไ"
QUERIES = ["งบประมาณ", "จังหวัด", "กลุ่มจังหวัด", "ยุทธศาสตร์", "บูรณาการ", "ราชการ", "แผน",
           "ประชุม", "คณะกรรมการ", "นโยบาย", "พัฒนา", "ก.น.จ.", "ผู้ว่าราชการ", "กระทรวง",
           "ตะวัน", "บริหาร", "ซ้ำซ้อน", "จัดลำดับ"]  # fmt: skip


def edges(text: str) -> tuple[str, str]:
    """The first and last characters of a snippet's text, ellipses and marks taken off."""
    plain = re.sub("</?mark>", "", text).strip("…")
    return plain[0], plain[-1]


@pytest.mark.parametrize("query", QUERIES)
def test_no_snippet_starts_or_ends_inside_a_cluster(real_index: Path, query: str):
    answer = search(SearchIndex(real_index), make_request(query, {}, limit=50))
    for hit in answer["hits"]:
        first, last = edges(hit["snippet"])
        assert not MARKS.match(first), hit["snippet"]
        assert last not in LEADING, hit["snippet"]


def test_cuts_fall_on_the_segmenters_word_boundaries(real_index: Path):
    idx = SearchIndex(real_index)
    reader = idx.searcher().reader()
    rng = random.Random(3)
    for _, stored in list(reader.iter_docs())[:40]:
        text = stored["text"]
        if len(text) < 30:
            continue
        for i in rng.sample(range(1, len(text)), 20):
            cut = boundary(text, i, idx.segmenter.segment)
            assert cut <= i
            assert not MARKS.match(text, cut) and text[cut - 1] not in LEADING
            run = re.match("[\u0e01-\u0e4e]*", text[cut:]).group()
            before = re.search("[\u0e01-\u0e4e]*$", text[:cut]).group()
            if run and before:  # inside a Thai run: the segmenter starts a word here
                words = idx.segmenter.segment(before + run)
                ends = {sum(map(len, words[:k])) for k in range(len(words) + 1)}
                assert len(before) in ends


def test_the_issue_example_no_longer_starts_with_a_vowel(real_index: Path):
    hit = search(SearchIndex(real_index), make_request("งบประมาณ", {}))["hits"][0]
    assert not hit["snippet"].startswith("…ั")
    assert "<mark>งบประมาณ</mark>" in hit["snippet"]


def test_a_mark_is_never_cut_at_the_window_end():
    text = "ก" * 170 + " คณะกรรมการบริหาร"
    out = snippet(text, [(171, 188)], width=180)
    assert "<mark>คณะกรรมการบริหาร</mark>" in out or "<mark>" not in out


def test_tags_are_searched_but_not_in_the_snippet_text(test_corpus, opened: SearchIndex):
    record = test_corpus.get("circulars", "opdc-w12-2553")
    doc = document(record, test_corpus)
    assert "แผนปฏิบัติราชการ ก.พ.ร." in doc.meta
    assert "แผนปฏิบัติราชการ\nก.พ.ร." not in doc.text  # the tags, as they used to end it
    tagged = 0
    for _, stored in opened.searcher().reader().iter_docs():
        tags = [t for t in stored.get("tag", "").split(",") if t]
        if tags:
            tagged += 1
            assert not stored["text"].endswith("\n" + "\n".join(tags)), stored["key"]
    assert tagged >= 3
    assert search(opened, make_request("คณะอนุกรรมการ", {}))["total"] >= 1
