"""Issue 8 §1–2: any piece of Thai text a reader types finds its record; whole words first."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
from conftest import load, write_content

from generator.search import substring
from generator.search.index import build_index
from generator.search.query import SearchIndex, make_request, search
from generator.search.substring import Streams, parts, stream

# The misses the issue measured, each in a record of its own.
SUBSTRING_CONTENT = {
    "circulars/duplicate-projects.yml": """
title: คำขอโครงการซ้ำซ้อนกับกรม
number: นร 0109/ว 7
date: 2553-05-01
issuer: สำนักงาน ก.พ.ร.
summary: กลุ่มจังหวัดภาคตะวันออกตรวจสอบคำของบประมาณก่อนเสนอ
body: |
  ให้ฟื้นฟู
  หลังน้ำท่วม และทำฐานข้อมูลเดียวกันกับกระทรวง ต่าง ๆ
""",
    "circulars/budget.yml": """
title: งบประมาณรายจ่ายประจำปี
number: นร 0505/ว 1
date: 2552-10-01
issuer: สำนักงบประมาณ
summary: การบริหารงบประมาณของจังหวัด
""",
    "circulars/small-budget.yml": """
title: งบ ลงทุน ของจังหวัด
number: นร 0505/ว 2
date: 2552-10-02
issuer: สำนักงบประมาณ
summary: รายการงบลงทุนของจังหวัด
""",
    "qa/priorities.yml": """
title: จัดลำดับความสำคัญของโครงการอย่างไร
answer: ใช้เกณฑ์ของ ก.น.จ. ปีของกลุ่มจังหวัด ๒๕๕๓
tags: [ลำดับความสำคัญ]
""",
}


@pytest.fixture(scope="module")
def substring_index(tmp_path_factory: pytest.TempPathFactory) -> SearchIndex:
    content = write_content(tmp_path_factory.mktemp("content"), SUBSTRING_CONTENT)
    folder = tmp_path_factory.mktemp("kb") / "index"
    build_index(load(content), folder)
    return SearchIndex(folder)


def found(idx: SearchIndex, query: str, **filters: str) -> list[str]:
    answer = search(idx, make_request(query, filters, limit=50))
    return [f"{h['type']}/{h['id']}" for h in answer["hits"]]


@pytest.mark.parametrize(("query", "expected"), [
    ("ซ้ำซ้อน", "circulars/duplicate-projects"),  # newmm: โครง|การซ้ำซ้อน
    ("ตะวัน", "circulars/duplicate-projects"),
    ("บริหาร", "circulars/budget"),
    ("ฟื้นฟูหลังน้ำ", "circulars/duplicate-projects"),  # across a line break
    ("ทำฐานข้อมูลเดียวกัน", "circulars/duplicate-projects"),
    ("จัดลำดับ", "qa/priorities"),
    ("ปีของกลุ่ม", "qa/priorities"),
    ("ลำดับความสำ", "qa/priorities"),
    ("ต่างๆ", "circulars/duplicate-projects"),  # ไม้ยมก without the space
    ("ขอโครง", "circulars/duplicate-projects"),
    ("ซ้ำ\u200bซ้อน", "circulars/duplicate-projects"),  # zero-width space
    ("ก.น.จ. ปีของ", "qa/priorities"),
    ("ปีของกลุ่มจังหวัด 2553", "qa/priorities"),
    ("กลุ่มจังหวัด ๒๕๕๓", "qa/priorities"),
])
def test_a_piece_of_thai_text_finds_its_record(substring_index, query, expected):
    assert expected in found(substring_index, query)


def test_a_piece_inside_a_longer_word_is_found_after_the_whole_words(substring_index):
    hits = found(substring_index, "งบ")
    # the small-budget record has งบ as a word; the others only inside งบประมาณ
    assert hits[0] == "circulars/small-budget"
    assert set(hits) == {"circulars/small-budget", "circulars/budget",
                         "circulars/duplicate-projects"}


def test_every_part_of_a_query_with_spaces_must_match(substring_index):
    assert found(substring_index, "ซ้ำซ้อน ตะวัน") == ["circulars/duplicate-projects"]
    assert found(substring_index, "ซ้ำซ้อน จัดลำดับ") == []


def test_a_piece_that_is_not_in_the_text_finds_nothing(substring_index):
    assert found(substring_index, "ซ้อนซ้ำ") == []
    assert found(substring_index, "มะม่วง") == []


def test_the_exact_run_ranks_above_scattered_parts(substring_index):
    # both records hold งบ and จังหวัด; only the small-budget title has them side by side
    # with ลงทุน between: the run งบลงทุนของจังหวัด is only in small-budget
    assert found(substring_index, "งบลงทุนของจังหวัด")[0] == "circulars/small-budget"


def test_the_marked_text_is_exactly_the_substring(substring_index):
    answer = search(substring_index, make_request("ซ้ำซ้อน", {}))
    hit = answer["hits"][0]
    assert re.findall(r"<mark>(.*?)</mark>", hit["snippet"]) == ["ซ้ำซ้อน"]


def test_a_run_across_a_line_break_is_marked_whole(substring_index):
    answer = search(substring_index, make_request("ฟื้นฟูหลังน้ำ", {}))
    assert re.findall(r"<mark>(.*?)</mark>", answer["hits"][0]["snippet"]) == ["ฟื้นฟู หลังน้ำ"]


def test_stream_drops_spaces_line_breaks_and_dots_between_thai():
    assert stream("ก.น.จ. ต่าง ๆ\nกัน abc ไทย") == "กนจต่างๆกัน\nไทย"
    assert parts("ก.น.จ.  ๒๕๕๓ ต่าง ๆ x") == ["กนจ", "ต่างๆ"]


# ---- generated recall test over the real content (issue 8, Targets) ----

def _clusters(text: str) -> list[int]:
    from pythainlp.tokenize import tcc

    starts, at = [], 0
    for cluster in tcc.segment(text):
        starts.append(at)
        at += len(cluster)
    return starts


def _thai_runs(text: str) -> list[str]:
    return [r for r in re.findall("[\u0e01-\u0e4e]+", text) if len(r) >= 2]


def _all_matches(idx: SearchIndex, query: str, type_: str) -> set[str]:
    out: set[str] = set()
    for page in range(1, 21):
        answer = search(idx, make_request(query, {"type": type_}, page, 50))
        out.update(f"{h['type']}/{h['id']}" for h in answer["hits"])
        if page * 50 >= answer["total"]:
            return out
    return out


def _in_top_10(idx: SearchIndex, key: str, passage: str, docnums: dict[str, int]) -> bool:
    """The record is in the top 10, or all of the top 10 hold the passage too."""
    top = found(idx, passage)[:10]
    run = stream(passage)
    return key in top or (
        len(top) == 10 and all(idx.streams.runs(run, [docnums[k] for k in top]).values())
    )


@pytest.mark.parametrize("suffixes", [False, True], ids=["scanned", "suffix-array"])
def test_random_substrings_and_pasted_runs_find_their_record(real_index: Path, suffixes: bool):
    idx = SearchIndex(real_index)
    if suffixes:  # as a server has them after its preload
        assert idx.streams.sort_suffixes()
    rng = random.Random(8)
    reader = idx.searcher().reader()
    missed, pasted_missed, tried = [], [], 0
    docnums = {f"{f['type']}/{f['id']}": d for d, f in reader.iter_docs()}
    for _, stored in reader.iter_docs():
        key = f"{stored['type']}/{stored['id']}"
        text = f"{stored.get('title', '')}\n{stored.get('text', '')}"
        runs = _thai_runs(text)
        for run in rng.sample(runs, min(3, len(runs))):
            starts = [s for s in _clusters(run) if s <= len(run) - 2]
            start = rng.choice(starts)
            piece = run[start : start + rng.randint(2, 8)]
            tried += 1
            try:
                if key not in _all_matches(idx, piece, stored["type"]):
                    missed.append((key, piece))
            except Exception as exc:  # a 400 is a miss too
                missed.append((key, piece, str(exc)))
        words = [t for t in idx.segmenter.segment(max(runs, key=len))] if runs else []
        if len(words) >= 3:
            first = rng.randrange(len(words) - 2)
            passage = "".join(words[first : first + rng.randint(3, 5)])
            if len(passage) >= 8 and not _in_top_10(idx, key, passage, docnums):
                pasted_missed.append((key, passage))
    assert tried > 100
    assert missed == []
    assert pasted_missed == [], pasted_missed


def test_the_suffix_array_finds_what_scanning_each_record_finds(real_index: Path, monkeypatch):
    reader = SearchIndex(real_index).searcher().reader()
    scanned, suffixed = Streams(reader), Streams(reader)
    assert suffixed.sort_suffixes() and scanned.sorted is None
    monkeypatch.setattr(substring, "SCAN_ABOVE", 10**9)  # the suffix array answers every piece
    regions = [r.decode("tis-620") for r in scanned.blob.split(b"\0")[:-1]]
    size, rng = len(regions) // 2, random.Random(3)
    texts = [r for r in regions if len(r) >= 2]
    pieces = ["ก" * 40, "ฮฮ", "ที่ที่ที่ที่"]
    for _ in range(300):
        text = rng.choice(texts)
        start = rng.randrange(len(text) - 1)
        pieces.append(text[start : start + rng.randint(2, 40)])
    pieces += [p[::-1] for p in pieces[:100]]  # mostly found nowhere
    for piece in pieces:
        if "\n" in piece:
            continue
        docnums = set(rng.sample(range(size), rng.randint(1, size)))
        title = {d for d in docnums if piece in regions[2 * d]}
        held = title | {d for d in docnums if piece in regions[2 * d + 1]}
        assert suffixed.having(piece, docnums) == scanned.having(piece, docnums) == (held, title)
        assert suffixed.runs(piece, docnums) == scanned.runs(piece, docnums)
    assert sum(bool(suffixed.having(p, set(range(size)))[0]) for p in pieces) > 250


def test_past_its_size_limit_the_streams_are_scanned_without_a_suffix_array(
    substring_index, monkeypatch
):
    monkeypatch.setattr(substring, "SUFFIX_MAX_BYTES", 100)
    streams = Streams(substring_index.searcher().reader())
    assert not streams.sort_suffixes() and streams.sorted is None
    monkeypatch.setattr(substring_index, "streams", streams)
    assert found(substring_index, "ซ้ำซ้อน") == ["circulars/duplicate-projects"]


def test_a_preloaded_index_has_its_suffix_array(substring_index):
    substring_index.preload(seconds=0)
    assert substring_index.streams.sorted is not None
    assert found(substring_index, "ซ้ำซ้อน") == ["circulars/duplicate-projects"]
    assert found(substring_index, "ตะวันออกตรวจ") == ["circulars/duplicate-projects"]


@pytest.mark.parametrize("query", [
    "ก", "่่่", "ที่ และ ของ", "ก" * 200, "ซ้ำซ้อนCEO ตะวัน land", "*", "?*?*",
    " ".join(f"คำ{n}" for n in range(50)), "ๆ ๆ ๆ", "ก.ก.ก.ก.ก.ก.ก.ก.",
])
def test_bad_input_is_a_fast_200_or_400(substring_index, query):
    import time

    from generator.search.errors import BadRequest

    substring_index.warm()  # as a server does when it opens an index
    started = time.perf_counter()
    try:
        answer = search(substring_index, make_request(query, {}))
        assert answer["total"] >= 0
    except BadRequest as exc:
        assert exc.status == 400
    assert time.perf_counter() - started < 1.0
