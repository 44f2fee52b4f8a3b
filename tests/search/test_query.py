from __future__ import annotations

import pytest

from generator.search.errors import BadRequest
from generator.search.query import SearchIndex, make_request, parse_params, search


def error(params: dict[str, list[str]], opened: SearchIndex) -> str:
    with pytest.raises(BadRequest) as caught:
        search(opened, parse_params(params))
    return caught.value.message


@pytest.mark.parametrize(("params", "th", "en"), [
    ({},
     "กรุณาพิมพ์คำค้นหรือเลือกตัวกรอง",
     "empty query: type words to search or choose a filter"),
    ({"q": ["  "]},
     "กรุณาพิมพ์คำค้นหรือเลือกตัวกรอง",
     "empty query: type words to search or choose a filter"),
    ({"q": ["ก" * 201]},
     "คำค้นยาวเกิน 200 ตัวอักษร",
     "query longer than 200 characters"),
    ({"q": [" ".join("bcdefghjklm")]},
     "คำค้นมีเกิน 10 คำ",
     "query has more than 10 words"),
    ({"q": ["*?~:"]},
     "คำค้นไม่มีคำที่ค้นได้",
     "query has no searchable words"),
    ({"q": ["แผน"], "limit": ["51"]},
     "limit ต้องเป็นจำนวนเต็มตั้งแต่ 1 ถึง 50",
     "limit must be a whole number from 1 to 50"),
    ({"q": ["แผน"], "limit": ["0"]},
     "limit ต้องเป็นจำนวนเต็มตั้งแต่ 1 ถึง 50",
     "limit must be a whole number from 1 to 50"),
    ({"q": ["แผน"], "page": ["0"]},
     "page ต้องเป็นจำนวนเต็มตั้งแต่ 1",
     "page must be a whole number from 1"),
    ({"q": ["แผน"], "page": ["-1"]},
     "page ต้องเป็นจำนวนเต็มตั้งแต่ 1",
     "page must be a whole number from 1"),
    ({"q": ["แผน"], "page": ["21"], "limit": ["50"]},
     "ดูผลได้เฉพาะ 1,000 รายการแรก (page × limit ไม่เกิน 1000)",
     "page × limit must not exceed 1000"),
    ({"q": ["แผน"], "type": ["letters"]},
     "ไม่มีค่า type=letters ในดัชนี",
     "unknown type value: letters"),
    ({"q": ["แผน"], "year": ["2600"]},
     "ไม่มีค่า year=2600 ในดัชนี",
     "unknown year value: 2600"),
    ({"q": ["แผน"], "province": ["atlantis"]},
     "ไม่มีค่า province=atlantis ในดัชนี",
     "unknown province value: atlantis"),
    ({"q": ["แผน"], "order": ["date"]},
     "ไม่รู้จักพารามิเตอร์ order",
     "unknown parameter order"),
    ({"q": ["แผน"], "sort": ["date"]},
     "sort ต้องเป็น relevance (ตรงที่สุด), newest (ใหม่สุด) หรือ oldest (เก่าสุด)",
     "sort must be relevance, newest or oldest"),
    ({"q": ["แผน", "งบ"]},
     "ระบุพารามิเตอร์ q ได้ครั้งเดียว",
     "parameter q is given more than once"),
])  # fmt: skip
def test_each_limit_is_a_bad_request(opened: SearchIndex, params, th, en):
    assert error(params, opened) == f"{th} ({en})"


def test_the_answer_has_the_spec_shape(opened: SearchIndex):
    answer = search(opened, make_request("งบประมาณ", {}, 1, 2))
    assert set(answer) >= {"query", "total", "page", "limit", "hits", "facets"}
    assert (answer["query"], answer["page"], answer["limit"]) == ("งบประมาณ", 1, 2)
    assert len(answer["hits"]) == 2 and answer["total"] >= 4
    hit = answer["hits"][0]
    assert set(hit) >= {"id", "type", "title", "url", "date", "score", "snippet"}
    assert hit["url"] == f"/{hit['type']}/{hit['id']}/"
    assert "<mark>งบประมาณ</mark>" in hit["snippet"]
    assert list(answer["facets"]) == ["type", "year", "group", "province", "issuer", "tag",
                                      "ministry", "strategy", "budget"]  # SPEC, then issue 13


def test_facet_counts_cover_every_match_not_only_the_page(opened: SearchIndex):
    answer = search(opened, make_request("งบประมาณ", {}, 1, 1))
    assert sum(answer["facets"]["type"].values()) == answer["total"]


def test_thai_digit_year_filter_equals_arabic(opened: SearchIndex):
    a = search(opened, make_request("", {"year": "๒๕๕๖"}))
    assert [h["id"] for h in a["hits"]] == ["chiang-mai-2555", "chiang-mai-2555-projects-1-1"]
    assert a["hits"] == search(opened, make_request("", {"year": "2556"}))["hits"]


def test_pages_follow_each_other(opened: SearchIndex):
    everything = search(opened, make_request("จังหวัด", {}, 1, 50))["hits"]
    pages = [search(opened, make_request("จังหวัด", {}, p, 3))["hits"] for p in (1, 2, 3)]
    assert [h["id"] for page in pages for h in page] == [h["id"] for h in everything[:9]]


def test_a_page_past_the_end_is_empty(opened: SearchIndex):
    answer = search(opened, make_request("ยางพารา", {}, 5, 10))
    assert answer["total"] == 1 and answer["hits"] == []


def test_snippets_are_escaped_with_only_marks_added(opened: SearchIndex):
    hit = search(opened, make_request("ขั้นตอน", {}))["hits"][0]
    assert "<" not in hit["snippet"].replace("<mark>", "").replace("</mark>", "")


def test_labels_name_the_clusters_and_provinces(opened: SearchIndex):
    answer = search(opened, make_request("แผน", {"type": "plans"}))
    assert answer["labels"]["group"]["south-gulf"] == "กลุ่มจังหวัดภาคใต้ฝั่งอ่าวไทย"
    assert answer["labels"]["province"]["chiang-mai"] == "เชียงใหม่"
