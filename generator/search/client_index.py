"""The small static index the search page falls back to when no /api/search answers.

Titles, numbers and summaries, segmented at build time with the index's analyser (words and
compound parts), each word written once in a shared list and referred to by a base-36
number. At most BYTES_PER_RECORD bytes a record, the shared list included: titles are
shortened and the last summary words dropped until the file fits. The search page's script
also finds a piece of a title (its Thai text, as generator/search/substring.py streams it).
"""

from __future__ import annotations

import json
from pathlib import Path

from ..content.corpus import Corpus
from ..content.model import TYPES, Record
from .analysis import STOP_WORDS, Segmenter, analyse, clean
from .index import kb_vocabulary, segmenter_for

CLIENT_INDEX = Path("search") / "client-index.json"
BYTES_PER_RECORD = 300
TITLE_CHARS = 60
VERSION = 1


def write_client_index(corpus: Corpus, site_dir: Path) -> None:
    """Write site_dir/search/client-index.json for the published records."""
    target = Path(site_dir) / CLIENT_INDEX
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(client_index_json(corpus), "utf-8")


def client_index_json(corpus: Corpus) -> str:
    """The client index as JSON text, within BYTES_PER_RECORD bytes a record."""
    segmenter = segmenter_for(kb_vocabulary(corpus))
    records = sorted(corpus.published(), key=Record.sort_key, reverse=True)
    entries = [_entry(r, segmenter) for r in records]
    budget = BYTES_PER_RECORD * max(1, len(records))
    for words_kept in (40, 30, 20, 14, 10, 7, 5, 3, 2, 1, 0):
        text = _dump(entries, words_kept, TITLE_CHARS if words_kept > 5 else 30)
        if len(text.encode("utf-8")) <= budget:
            return text
    return _dump(entries, 0, 20)


def _entry(record: Record, segmenter: Segmenter) -> dict:
    title = clean(str(record.title))
    number = clean(str(record.data.get("number", "")))
    summary = clean(str(record.data.get("summary", "")))
    return {
        "type": record.type, "id": record.id, "title": title, "number": number,
        "date": record.date.iso() if record.date else "",
        "t": _words(f"{title} {number}", segmenter), "w": _words(summary, segmenter),
    }  # fmt: skip


def _words(text: str, segmenter: Segmenter) -> list[str]:
    toks = [*analyse(text, segmenter), *analyse(text, segmenter, parts=True)]
    return list(dict.fromkeys(t.text for t in toks))


def _dump(entries: list[dict], words_kept: int, title_chars: int) -> str:
    vocab: dict[str, int] = {}
    docs = []
    for e in entries:
        title_words = e["t"][: max(words_kept, 8)]
        other = [w for w in e["w"] if w not in title_words][:words_kept]
        docs.append([
            list(TYPES).index(e["type"]), e["id"], _shorten(e["title"], title_chars),
            e["date"], e["number"][:30], _ids(title_words, vocab), _ids(other, vocab),
        ])  # fmt: skip
    data = {
        "v": VERSION, "types": [[t.folder, t.th] for t in TYPES.values()],
        "stop": sorted(STOP_WORDS), "words": list(vocab), "docs": docs,
    }  # fmt: skip
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def _ids(words: list[str], vocab: dict[str, int]) -> str:
    return " ".join(_base36(vocab.setdefault(w, len(vocab))) for w in words)


def _base36(n: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    while True:
        n, r = divmod(n, 36)
        out = digits[r] + out
        if not n:
            return out


def _shorten(text: str, chars: int) -> str:
    return text if len(text) <= chars else text[: chars - 1].rstrip() + "…"
