from __future__ import annotations

import json
from pathlib import Path

from generator.content.validate import load_corpus
from generator.search.client_index import write_client_index

REPO = Path(__file__).resolve().parents[2]


def client_index(corpus, tmp_path: Path) -> tuple[dict, int]:
    write_client_index(corpus, tmp_path)
    raw = (tmp_path / "search" / "client-index.json").read_bytes()
    return json.loads(raw), len(raw)


def test_at_most_300_bytes_a_record(test_corpus, tmp_path: Path):
    data, size = client_index(test_corpus, tmp_path)
    assert len(data["docs"]) == len(test_corpus.published())
    assert size <= 300 * len(data["docs"])


def test_real_content_fits_too(tmp_path: Path):
    corpus, _ = load_corpus(REPO / "content")
    data, size = client_index(corpus, tmp_path)
    assert size <= 300 * len(data["docs"])


def test_titles_are_segmented_so_words_inside_runs_are_found(test_corpus, tmp_path: Path):
    data, _ = client_index(test_corpus, tmp_path)
    words = data["words"]
    meeting = next(d for d in data["docs"] if d[1] == "2553-01-19-workshop" and d[0] == 6)
    title_words = {words[int(n, 36)] for n in meeting[5].split()}
    assert {"ยุทธศาสตร์", "กลุ่ม", "จังหวัด"} <= title_words


def test_drafts_are_left_out(test_corpus, tmp_path: Path):
    data, _ = client_index(test_corpus, tmp_path)
    assert "secret-draft" not in {d[1] for d in data["docs"]}
