from __future__ import annotations

import argparse
import json
from pathlib import Path

from generator.search.commands import add_search_arguments
from generator.search.query import SearchIndex, make_request, search


def run(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    add_search_arguments(parser)
    args = parser.parse_args(argv)
    return args.run(args)


def test_json_prints_exactly_the_api_object(test_index: Path, capsys):
    assert run(["งบประมาณ", "--index", str(test_index), "--json", "--limit", "3"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed == search(SearchIndex(test_index), make_request("งบประมาณ", {}, 1, 3))


def test_people_get_numbered_results_with_type_date_url_and_marks(test_index: Path, capsys):
    assert run(["ทัศนีย์", "--index", str(test_index)]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[:4] == [
        "ผลลัพธ์ 1–1 จาก 1 รายการ (1 results)",
        "",
        "1. สรุปประเด็นการประชุมหารือเรื่องยุทธศาสตร์กลุ่มจังหวัด",
        "   สรุปประเด็นการประชุม · 19 มกราคม 2553 · /meetings/2553-01-19-workshop/",
    ]
    assert "«ทัศนีย์»" in out
    assert "ประเภท [type]: สรุปประเด็นการประชุม (1)" in out


def test_nothing_found_is_exit_0(test_index: Path, capsys):
    assert run(["ไม่มีคำนี้แน่นอนxyz", "--index", str(test_index)]) == 0
    assert "ไม่พบผลลัพธ์" in capsys.readouterr().out


def test_a_missing_index_says_how_to_build_one(tmp_path: Path, capsys):
    assert run(["แผน", "--index", str(tmp_path / "none")]) == 1
    assert capsys.readouterr().err == (
        f"kb search: ไม่พบดัชนีค้นหาที่ {tmp_path / 'none'} — สร้างด้วยคำสั่ง kb build "
        f"(no search index at {tmp_path / 'none'}: build one with `kb build`)\n"
    )


def test_a_bad_query_is_exit_1(test_index: Path, capsys):
    assert run(["แผน", "--index", str(test_index), "--limit", "99"]) == 1
    assert "limit" in capsys.readouterr().err
