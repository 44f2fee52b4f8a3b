"""The Spool keeps exported files on disk and gives them back unchanged."""

from __future__ import annotations

import json
from pathlib import Path

from kbtest import Project

from generator.content.validate import load_corpus
from generator.exports import make_exports
from generator.exports.opendata import make_data
from generator.exports.spool import Spool, byte_size


def test_a_spool_holds_bytes_in_files_of_its_folder(tmp_path: Path) -> None:
    spool = Spool(tmp_path)
    spool["/a.json"] = b"[1]"
    spool["/b.csv"] = "ก,ข\r\n".encode()
    spool.append("/a.json", b"[2]")
    del spool["/b.csv"]
    spool["/c.txt"] = b"c"
    assert dict(spool) == {"/a.json": b"[1][2]", "/c.txt": b"c"}
    assert (spool.size("/a.json"), spool.size("/b.csv"), byte_size(spool, "/c.txt")) == (6, 0, 1)
    assert sorted(p.read_bytes() for p in tmp_path.iterdir()) == [b"[1][2]", b"c"]


def test_a_temporary_spool_is_removed_with_it() -> None:
    spool = Spool()
    spool["/x"] = b"x"
    folder = spool.folder
    assert folder.is_dir()
    del spool
    assert not folder.exists()


def test_records_json_written_a_type_at_a_time_is_every_types_list(project: Project) -> None:
    project.write("circulars/c1.yml",
                  "title: หนังสือ\nnumber: ว 1\ndate: 2553-01-05\nissuer: ก.พ.ร.\n")
    corpus, problems = load_corpus(project.content)
    assert problems == []
    files = make_exports(corpus, project.content)
    assert isinstance(files, Spool)
    everything = json.loads(files["/data/records.json"])
    by_type = [r for t in ("groups", "provinces", "circulars")
               for r in json.loads(files[f"/data/{t}.json"])]  # fmt: skip
    assert len(everything) == 4
    assert sorted(map(json.dumps, everything)) == sorted(map(json.dumps, by_type))
    assert make_data(corpus)["/data/records.json"] == files["/data/records.json"]
