from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.search import index as index_module
from generator.search.analysis import segmenter_for
from generator.search.index import build_index, is_index
from generator.search.query import SearchIndex


def test_build_writes_an_index_and_leaves_no_temporary_folder(test_corpus, tmp_path: Path):
    index = tmp_path / "kb" / "index"
    build_index(test_corpus, index)
    build_index(test_corpus, index)  # a rebuild swaps versions and keeps only the live one
    assert is_index(index) and index.is_symlink()
    live = index.resolve()
    assert sorted(p.name for p in (tmp_path / "kb").iterdir()) == sorted(["index", live.name])


def test_drafts_are_not_indexed(opened: SearchIndex):
    assert "circulars/secret-draft" not in {f["key"] for f in opened.searcher().all_stored_fields()}


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


def _answers(idx: SearchIndex) -> list[tuple]:
    from generator.search.query import make_request, search

    out = []
    for query, filters in [("งบประมาณ", {}), ("มะพร้าวน้ำหอม", {}), ("คณะทำงาน", {}),
                           ("", {"type": "circulars"}), ("จังหวัด", {"year": "2553"})]:  # fmt: skip
        answer = search(idx, make_request(query, filters, limit=50))
        keys = sorted(f"{h['type']}/{h['id']}" for h in answer["hits"])
        out.append((query, answer["total"], keys, answer["facets"]))
    return out


def test_a_rebuild_updates_only_changed_records_and_equals_a_new_build(tmp_path: Path):
    from conftest import TEST_CONTENT, load, write_content

    first = load(write_content(tmp_path / "before"))
    build_index(first, tmp_path / "index")
    files = dict(TEST_CONTENT)
    del files["orders/kor-nor-jor-2-2553.yml"]
    files["circulars/budget-calendar-2554.yml"] = files[
        "circulars/budget-calendar-2554.yml"
    ].replace("summary: ", "summary: มะพร้าวน้ำหอม ")
    second = load(write_content(tmp_path / "after", files))
    index_module.reset_segmenters()
    build_index(second, tmp_path / "index")
    segmenter = segmenter_for(index_module.kb_vocabulary(second))
    assert 0 < segmenter.segmented < 40  # only the changed record's new runs
    build_index(second, tmp_path / "fresh")
    updated, fresh = SearchIndex(tmp_path / "index"), SearchIndex(tmp_path / "fresh")
    assert updated.engine.size > len(updated.engine.live)  # deleted documents are kept aside
    assert _answers(updated) == _answers(fresh)
    assert _answers(updated)[1][1] == 1


def test_a_rebuild_with_a_new_vocabulary_writes_the_index_anew(test_corpus, tmp_path: Path):
    build_index(test_corpus, tmp_path / "index")
    data = (tmp_path / "index" / index_module.DIGESTS_FILE).read_text("utf-8")
    (tmp_path / "index" / index_module.DIGESTS_FILE).write_text(
        data.replace('"signature": [', '"signature": ["old", '), "utf-8"
    )
    build_index(test_corpus, tmp_path / "index")
    opened = SearchIndex(tmp_path / "index")
    assert opened.engine.size == len(opened.engine.live)


PLAN = """
    title: แผนพัฒนาจังหวัดทดสอบ
    kind: province-development
    owner: provinces/p1
    fiscal_years: [2556]
    strategies:
      - title: ยุทธศาสตร์การเกษตร
        projects:
          - {title: โครงการฝายชะลอน้ำ, budget: 1000000, agency: กรมชลประทาน}
          - {title: โครงการอ่างเก็บน้ำ, budget: 25000000, agency: กรมชลประทาน}
    """


def _projects(index: Path) -> dict[str, str]:
    opened = SearchIndex(index)
    stored = opened.searcher().all_stored_fields()
    return {f["key"]: f["title"] for f in stored if f["type"] == "projects"}


def test_the_live_preview_replaces_an_edited_plan_s_project_entries(tmp_path: Path):
    from kbtest import BASE, Project

    from generator.content.validate import load_corpus
    from generator.search.index import DIGESTS_FILE, update_index

    project = Project(tmp_path / "kb")
    for rel, text in {**BASE, "plans/p.yml": PLAN}.items():
        project.write(rel, text)
    build_index(load_corpus(project.content)[0], project.index)
    assert sorted(_projects(project.index)) == ["plans/p#projects-1-1", "plans/p#projects-1-2"]
    project.write("plans/p.yml", PLAN.replace("โครงการฝายชะลอน้ำ", "โครงการแก้มลิง").replace(
        "          - {title: โครงการอ่างเก็บน้ำ, budget: 25000000, agency: กรมชลประทาน}\n", ""))
    edited = load_corpus(project.content)[0]
    update_index(edited, project.index, ["plans/p"])
    assert _projects(project.index) == {
        "plans/p#projects-1-1": "โครงการแก้มลิง — แผนพัฒนาจังหวัดทดสอบ"}
    build_index(edited, tmp_path / "fresh")
    digests = [json.loads((f / DIGESTS_FILE).read_text("utf-8"))
               for f in (project.index, tmp_path / "fresh")]  # fmt: skip
    assert digests[0] == digests[1]  # the next build starts from here, nothing to redo
