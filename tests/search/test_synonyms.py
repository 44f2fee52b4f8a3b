"""Issue 8 §4: content/synonyms.yml, checked like every content file, used at query time."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import TEST_CONTENT, load, write_content

from generator.content.problems import display_path
from generator.content.validate import load_corpus
from generator.search.index import build_index
from generator.search.query import SearchIndex, make_request, search

GOOD = """\
- [ก.พ.ร., สำนักงานคณะกรรมการพัฒนาระบบราชการ]
- [มะม่วง, ยางพารา]
"""


def problems_of(tmp_path: Path, text: str) -> list[str]:
    content = write_content(tmp_path / "content", {"synonyms.yml": text})
    _, problems = load_corpus(content)
    return [p.format() for p in problems]


@pytest.mark.parametrize(("text", "line"), [
    ("ก.พ.ร.: สำนักงาน ก.พ.ร.\n",
     "1:1: error: synonyms: the file is a list of groups of words that mean the same"),
    ("- [ก.พ.ร., สำนักงาน ก.พ.ร.]\n- ก.บ.จ.\n",
     "2:3: error: synonyms[2]: a group lists two or more words in [ ]"),
    ("- [ก.พ.ร., '']\n",
     "1:12: error: synonyms[1][2]: write a word or a name here"),
    ("- [ก.พ.ร., สำนักงาน ก.พ.ร.]\n- [กพร, x]\n",
     "2:4: error: synonyms[2][1]: 'กพร' is already listed at synonyms[1][1]: keep it in one "
     "group only"),
    ("- [ก.พ.ร., " + "ก" * 101 + "]\n",
     "1:12: error: synonyms[1][2]: longer than 100 characters: shorten it"),
    ("- [ก.พ.ร., [x]\n", "1:3: error: yaml: this '[' is never closed: close it with ']' on the "
     "same line"),
])
def test_a_bad_synonyms_file_gets_path_line_col(tmp_path: Path, text: str, line: str):
    found = problems_of(tmp_path, text)
    assert len(found) == 1, found
    assert found[0].startswith(f"{display_path(tmp_path / 'content' / 'synonyms.yml')}:{line}")


def test_every_problem_of_the_file_is_reported_in_thai_too(tmp_path: Path):
    content = write_content(tmp_path / "content", {"synonyms.yml": "- x\n- [a, '']\n"})
    _, problems = load_corpus(content)
    assert [p.format("th").split(": error: ")[1] for p in problems] == [
        "synonyms[1]: กลุ่มหนึ่งมีคำตั้งแต่สองคำขึ้นไปในวงเล็บ [ ] (เขียนกลุ่มละบรรทัด: "
        "`- [ก.พ.ร., สำนักงานคณะกรรมการพัฒนาระบบราชการ]`)",
        "synonyms[2][2]: ใส่คำหรือชื่อที่นี่ (เขียนกลุ่มละบรรทัด: "
        "`- [ก.พ.ร., สำนักงานคณะกรรมการพัฒนาระบบราชการ]`)",
    ]


def test_kb_validate_reports_it_and_fails(tmp_path: Path):
    write_content(tmp_path / "content", TEST_CONTENT | {"synonyms.yml": "- x\n"})
    kb = [sys.executable, "-c", "import sys; from generator.cli import main; sys.exit(main())"]
    result = subprocess.run([*kb, "validate", "--content", "content"], capture_output=True,
                            text=True, cwd=tmp_path)  # fmt: skip
    assert result.returncode == 1
    errors = [line for line in result.stdout.splitlines() if ": error: " in line]
    assert errors == [
        "content/synonyms.yml:1:3: error: synonyms[1]: a group lists two or more words in [ ] "
        "(write one group a line: `- [ก.พ.ร., สำนักงานคณะกรรมการพัฒนาระบบราชการ]`)"
    ]


def test_the_real_synonyms_file_is_valid():
    corpus, problems = load_corpus(Path(__file__).resolve().parents[2] / "content")
    assert problems == []
    assert ["ก.พ.ร.", "สำนักงานคณะกรรมการพัฒนาระบบราชการ"] in corpus.synonyms


def keys(index: Path, query: str) -> list[str]:
    answer = search(SearchIndex(index), make_request(query, {}, limit=50))
    return [f"{h['type']}/{h['id']}" for h in answer["hits"]]


def test_a_synonym_finds_the_other_words_records_without_reindexing(tmp_path: Path):
    content = write_content(tmp_path / "content")
    index = tmp_path / "index"
    build_index(load(content), index)
    assert keys(index, "มะม่วง") == []
    segments = sorted(p.name for p in index.resolve().iterdir() if p.suffix == ".seg")
    (content / "synonyms.yml").write_text(GOOD, "utf-8")
    build_index(load(content), index)
    assert sorted(p.name for p in index.resolve().iterdir() if p.suffix == ".seg") == segments
    assert keys(index, "มะม่วง") == ["plans/south-gulf-2554"]  # holds ยางพารา
    found = keys(index, "สำนักงานคณะกรรมการพัฒนาระบบราชการ")
    assert "circulars/opdc-w12-2553" in found  # written สำนักงาน ก.พ.ร.
    first = keys(index, "ยางพารา")
    assert first[0] == "plans/south-gulf-2554"
    shutil.rmtree(index.resolve())


def test_a_thai_name_widens_only_to_records_holding_it_as_written_and_is_marked(tmp_path: Path):
    content = write_content(tmp_path / "content")
    (content / "synonyms.yml").write_text(
        GOOD + "- [ก.บ.จ., คณะกรรมการบริหารงานจังหวัดแบบบูรณาการ]\n", "utf-8")
    index = tmp_path / "index"
    build_index(load(content), index)
    # records naming ก.น.จ. in full hold every word of the ก.บ.จ. name, not the name itself
    assert "คณะกรรมการนโยบายการบริหารงานจังหวัด" in TEST_CONTENT["orders/kor-nor-jor-1-2552.yml"]
    assert keys(index, "ก.บ.จ.") == []
    answer = search(SearchIndex(index), make_request("มะม่วง", {}))
    assert [h["id"] for h in answer["hits"]] == ["south-gulf-2554"]
    assert "<mark>ยางพารา</mark>" in answer["hits"][0]["snippet"]
