"""Issue 8 §5: sort=relevance|newest|oldest and a from/to year range, in the API and kb search."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlencode

import pytest
from test_commands import run

from generator.search.query import SearchIndex, make_request, search
from generator.serving.server import App


def dates(idx: SearchIndex, query: str, **params) -> list[str]:
    answer = search(idx, make_request(query, {}, limit=50, **params))
    return [h["date"] or "" for h in answer["hits"]]


def test_newest_and_oldest_order_the_hits_by_date(opened: SearchIndex):
    newest = dates(opened, "จังหวัด", sort="newest")
    oldest = dates(opened, "จังหวัด", sort="oldest")
    dated = [d for d in newest if d]
    assert len(dated) >= 5
    assert dated == sorted(dated, reverse=True)
    assert [d for d in oldest if d] == sorted(dated)
    assert oldest[-1] == ""  # records of no date come last
    assert sorted(newest) == sorted(oldest)


def test_browsing_oldest_first(opened: SearchIndex):
    answer = search(opened, make_request("", {"type": "circulars"}, limit=50, sort="oldest"))
    shown = [h["date"] for h in answer["hits"]]
    assert shown == ["2009-12-15", "2010-01-19"]


def test_a_year_range_keeps_records_of_those_years(opened: SearchIndex):
    answer = search(opened, make_request("จังหวัด", {}, limit=50, year_from="2553",
                                         year_to="2553"))  # fmt: skip
    assert answer["total"] >= 3
    assert {h["date"][:4] for h in answer["hits"]} == {"2010"}
    assert set(answer["facets"]["year"]) == {"2553"}
    assert (answer["from"], answer["to"]) == (2553, 2553)


def test_common_era_and_thai_digit_years_mean_the_same_range(opened: SearchIndex):
    be = search(opened, make_request("จังหวัด", {}, year_from="2553"))
    ce = search(opened, make_request("จังหวัด", {}, year_from="2010"))
    thai = search(opened, make_request("จังหวัด", {}, year_from="๒๕๕๓"))
    assert be == ce == thai
    assert be["total"] < search(opened, make_request("จังหวัด", {}))["total"]


def test_a_range_alone_browses(opened: SearchIndex):
    answer = search(opened, make_request("", {}, year_to="2552", limit=50))
    assert answer["total"] >= 2
    assert all(h["date"] is None or h["date"] < "2010" for h in answer["hits"])


@pytest.fixture(scope="module")
def api(test_index: Path, tmp_path_factory: pytest.TempPathFactory):
    from conftest import RunningServer

    site = tmp_path_factory.mktemp("site")
    with RunningServer(App(site, test_index)) as server:
        yield server.url + "/api/search?"


def get(url: str) -> tuple[int, dict]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


@pytest.mark.parametrize(("params", "message"), [
    ({"q": "แผน", "sort": "date"}, "sort ต้องเป็น relevance (ตรงที่สุด), newest (ใหม่สุด) หรือ "
     "oldest (เก่าสุด) (sort must be relevance, newest or oldest)"),
    ({"q": "แผน", "from": "53"}, "from ต้องเป็นปี พ.ศ. 4 หลัก เช่น 2553 (หรือ ค.ศ. เช่น 2010) "
     "(from must be a 4-digit year, Buddhist Era (2553) or Common Era (2010))"),
    ({"q": "แผน", "to": "abcd"}, "to ต้องเป็นปี พ.ศ. 4 หลัก เช่น 2553 (หรือ ค.ศ. เช่น 2010) "
     "(to must be a 4-digit year, Buddhist Era (2553) or Common Era (2010))"),
    ({"q": "แผน", "from": "2555", "to": "2553"},
     "ปีเริ่มต้น (from) ต้องไม่อยู่หลังปีสิ้นสุด (to) (from must not be after to)"),
])
def test_bad_sort_and_years_are_a_400_in_both_languages(api: str, params, message):
    assert get(api + urlencode(params)) == (400, {"error": message})


def test_the_api_sorts_and_ranges(api: str):
    status, answer = get(api + urlencode({"q": "จังหวัด", "sort": "newest", "from": "2010"}))
    assert status == 200
    assert answer["sort"] == "newest" and answer["from"] == 2553
    shown = [h["date"] for h in answer["hits"] if h["date"]]
    assert shown == sorted(shown, reverse=True) and min(shown) >= "2010"


def test_kb_search_sorts_and_ranges(test_index: Path, capsys):
    argv = ["จังหวัด", "--index", str(test_index), "--json", "--sort", "oldest",
            "--from", "2552", "--to", "2553"]  # fmt: skip
    assert run(argv) == 0
    printed = json.loads(capsys.readouterr().out)
    expected = make_request("จังหวัด", {}, sort="oldest", year_from="2552", year_to="2553")
    assert printed == search(SearchIndex(test_index), expected)
    assert run(["จังหวัด", "--index", str(test_index), "--sort", "random"]) == 1
    assert "sort must be relevance, newest or oldest" in capsys.readouterr().err
