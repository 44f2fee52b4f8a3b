"""Issue 8 §4: a query that finds little gets a spelling from the index's own vocabulary."""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path

import pytest
from conftest import REPO, RunningServer, load, write_content
from test_commands import run
from test_substring import SUBSTRING_CONTENT

from generator.search.index import build_index
from generator.search.query import SearchIndex, make_request, search
from generator.serving.server import App

CONTENT = SUBSTRING_CONTENT | {
    "qa/permits.yml": """
title: ขออนุญาตใช้โควตางบประมาณได้อย่างไร
answer: ข้อสังเกตของผู้ว่าราชการจังหวัดต่อคำขอต่าง ๆ
""",
}


@pytest.fixture(scope="module")
def index_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    content = write_content(tmp_path_factory.mktemp("content"), CONTENT)
    folder = tmp_path_factory.mktemp("kb") / "index"
    build_index(load(content), folder)
    return folder


@pytest.fixture(scope="module")
def idx(index_dir: Path) -> SearchIndex:
    return SearchIndex(index_dir)


@pytest.mark.parametrize(("query", "suggestion"), [
    ("สังเกตุ", "สังเกต"),
    ("อนุญาติ", "อนุญาต"),
    ("โควต้า", "โควตา"),
    ("ผูว่าราชการ", "ผู้ว่าราชการ"),  # a missing tone mark
    ("ผู้ว่าราชก้าร", "ผู้ว่าราชการ"),  # an extra tone mark
    ("ข้อสังเกตุ ผู้ว่าราชการ", "ข้อสังเกต ผู้ว่าราชการ"),
])
def test_a_misspelled_query_gets_the_indexed_spelling(idx: SearchIndex, query, suggestion):
    answer = search(idx, make_request(query, {}))
    assert answer["suggestion"] == suggestion
    assert search(idx, make_request(suggestion, {}))["total"] > answer["total"]


def test_a_tone_mark_typed_twice_needs_no_suggestion(idx: SearchIndex):
    answer = search(idx, make_request("ผู้ว่่าราชการ", {}))
    assert answer["total"] == 1 and "suggestion" not in answer


def test_a_query_that_finds_enough_gets_no_suggestion(idx: SearchIndex):
    assert "suggestion" not in search(idx, make_request("จังหวัด", {}))
    assert "suggestion" not in search(idx, make_request("ไม่มีคำนี้", {}))


def test_the_api_the_command_and_the_page_show_it(idx: SearchIndex, index_dir: Path,
                                                  tmp_path: Path, capsys, browser):
    assert run(["อนุญาติ", "--index", str(index_dir)]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == "หมายถึง “อนุญาต” ใช่ไหม (did you mean: อนุญาต)"
    assert run(["อนุญาติ", "--index", str(index_dir), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["suggestion"] == "อนุญาต"
    site = tmp_path / "site"
    (site / "search").mkdir(parents=True)
    (site / "assets").mkdir()
    shutil.copytree(REPO / "theme" / "assets" / "javascripts", site / "assets" / "javascripts")
    (site / "search" / "index.html").write_text(
        '<!doctype html><html lang="th"><meta charset="utf-8"><title>ค้นหา</title>'
        '<div id="kb-search" data-api="/api/search"></div>'
        '<script src="/assets/javascripts/kb-search.js"></script></html>', "utf-8")
    app = App(site, index_dir)
    with RunningServer(app) as server:
        app.search.holder.warming.join()  # a started server: index, dictionary, vocabulary
        app.search.holder.get()._spelling.join()
        page = browser.new_page()
        page.goto(server.url + "/search/?q=อนุญาติ")
        page.wait_for_selector(".kb-search__suggestion")
        assert page.locator(".kb-search__suggestion").inner_text() == "หมายถึง อนุญาต ใช่ไหม"
        page.locator(".kb-search__suggested").click()
        page.wait_for_selector(".kb-search__hit")
        assert "q=%E0%B8%AD" in page.url
        assert page.locator("#kb-search-q").input_value() == "อนุญาต"


def test_a_query_in_the_first_seconds_after_opening_gets_its_suggestion(index_dir: Path,
                                                                         monkeypatch) -> None:
    from generator.search import query as query_module

    slow = query_module.Vocabulary

    def read_slowly(*args):
        time.sleep(1.0)  # a large index's vocabulary takes a second or more to read
        return slow(*args)

    monkeypatch.setattr(query_module, "Vocabulary", read_slowly)
    fresh = SearchIndex(index_dir)
    fresh.warm()  # the vocabulary is read on a thread of its own
    assert fresh._spelling.is_alive()
    assert search(fresh, make_request("อนุญาติ", {})).get("suggestion") == "อนุญาต"
