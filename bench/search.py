"""Search benchmark: index time and size over N synthetic records, and p50/p95 latency of
term, phrase, faceted, substring (2–8 Thai characters from a cluster boundary), pasted
(3–5 words of a body, no spaces) and misspelled (a tone mark missing or added) queries
through the HTTP API (a real waitress server); then the resident memory of a `kb serve`
process after --more queries of every kind.

    .venv/bin/python bench/search.py [--n 10000] [--queries 200] [--more 10000]
                                     [--out bench/out/search]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlencode

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from generator.content.validate import load_corpus  # noqa: E402
from generator.search import index as index_module  # noqa: E402
from generator.search.analysis import analyse  # noqa: E402
from generator.search.index import build_index  # noqa: E402
from generator.search.query import SearchIndex  # noqa: E402
from generator.serving.server import App, make_server  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--groups", type=Path, default=None,
                        help="provincial-groups.yml (default: make_corpus.py's)")
    parser.add_argument("--more", type=int, default=10_000, help="queries before memory")
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "out" / "search")
    args = parser.parse_args()
    content, index = args.out / "content", args.out / "index"
    groups = ["--groups", str(args.groups)] if args.groups else []
    make = [sys.executable, str(REPO / "bench" / "make_corpus.py"), str(content)]
    subprocess.run([*make, "--n", str(args.n), *groups], check=True, stdout=subprocess.DEVNULL)
    corpus, problems = load_corpus(content)
    assert not problems, problems[:3]
    figures = {"records": len(corpus.published())}
    for old in [index, *index.parent.glob(f".{index.name}.*")]:  # from scratch: no previous
        if old.is_symlink():  # index to update (it is a link to a versioned folder)
            old.unlink()
        else:
            shutil.rmtree(old, ignore_errors=True)
    figures["index_s"] = timed(lambda: build_index(corpus, index))
    index_module.reset_segmenters()
    figures["reindex_unchanged_s"] = timed(lambda: build_index(corpus, index))
    for record in sorted(corpus.published(), key=lambda r: r.key)[::1000]:
        record.data["summary"] = f"{record.data.get('summary', '')} แก้ไขเพิ่มเติม"
    figures["reindex_10_changed_s"] = timed(lambda: build_index(corpus, index))
    figures["index_mb"] = round(sum(f.stat().st_size for f in index.iterdir()) / 2**20, 1)
    queries = make_queries(SearchIndex(index), args.queries)
    app = App(args.out / "site-none", index, cached_answers=0)  # every query searched
    figures |= latencies(app, queries)
    kinds = list(queries.values())
    more = [kinds[i % len(kinds)][i // len(kinds) % args.queries] for i in range(args.more)]
    print(json.dumps(figures, ensure_ascii=False), flush=True)  # so far, in case
    figures |= serve_memory(index, args.out / "site-empty", more)
    print(json.dumps(figures, ensure_ascii=False, indent=1))


def serve_memory(index: Path, site: Path, queries: list[dict]) -> dict[str, object]:
    """`kb serve` in a process of its own: its resident memory after the queries."""
    site.mkdir(parents=True, exist_ok=True)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    code = "import sys; from generator.cli import main; sys.exit(main())"
    proc = subprocess.Popen([sys.executable, "-c", code, "serve", "--site", str(site),
                             "--index", str(index), "--port", str(port)], cwd=REPO,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    url = f"http://127.0.0.1:{port}/api/search?"
    statuses: dict[int, int] = {}
    try:
        for _ in range(600):
            try:
                urllib.request.urlopen(url + "q=x", timeout=5).read()
                break
            except OSError:
                time.sleep(0.1)
        for p in queries:
            try:
                with urllib.request.urlopen(url + urlencode(p), timeout=10) as r:
                    r.read()
                    statuses[r.status] = statuses.get(r.status, 0) + 1
            except urllib.error.HTTPError as e:
                statuses[e.code] = statuses.get(e.code, 0) + 1
        status = Path(f"/proc/{proc.pid}/status").read_text()
        rss = int(re.search(r"VmRSS:\s+(\d+)", status).group(1)) // 1024
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    return {"serve_queries": len(queries), "serve_statuses": statuses, "serve_rss_mb": rss}


def timed(work) -> float:
    started = time.perf_counter()
    work()
    return round(time.perf_counter() - started, 1)


def make_queries(idx: SearchIndex, n: int) -> dict[str, list[dict]]:
    """Term: mid-frequency title words; phrase: 2–4 adjacent words of a title, typed as
    they are written (Thai without spaces); faceted: a term with a type and a year filter."""
    rng = random.Random(1)
    searcher = idx.searcher()
    reader = searcher.reader()
    size = reader.doc_count_all()
    terms = [t for t in reader.field_terms("title")
             if size * 0.001 <= reader.doc_frequency("title", t) <= size * 0.05]  # fmt: skip
    titles = [searcher.stored_fields(rng.randrange(size))["title"] for _ in range(n)]
    years = list(idx.tables.docs["year"])
    thai = [t for t in terms if re.fullmatch("[\u0e01-\u0e4e]{4,}", t)] or ["งบประมาณ"]
    texts = [searcher.stored_fields(rng.randrange(size))["text"] for _ in range(n)]
    return {
        "term": [{"q": rng.choice(terms)} for _ in range(n)],
        "phrase": [{"q": phrase(title, idx, rng)} for title in titles],
        "faceted": [faceted(rng, terms, years) for _ in range(n)],
        "substring": [{"q": piece(text, rng)} for text in texts],
        "pasted": [{"q": pasted(text, idx, rng)} for text in texts],
        "misspelled": [{"q": misspelled(rng.choice(thai), rng)} for _ in range(n)],
    }


def misspelled(word: str, rng: random.Random) -> str:
    """A word with a tone mark left out, or one added, or a final ุ/ิ added (สังเกตุ)."""
    tones = [i for i, c in enumerate(word) if c in "\u0e48\u0e49\u0e4a\u0e4b"]
    if tones and rng.random() < 0.5:
        i = rng.choice(tones)
        return word[:i] + word[i + 1 :]
    if rng.random() < 0.5:
        return word + rng.choice("\u0e38\u0e34")
    return word[:1] + "\u0e49" + word[1:]


def piece(text: str, rng: random.Random) -> str:
    """2–8 Thai characters of a text, starting at a character-cluster boundary."""
    from pythainlp.tokenize import tcc

    run = rng.choice(re.findall("[\u0e01-\u0e4e]{2,}", text) or ["งบ"])
    starts, at = [], 0
    for cluster in tcc.segment(run):
        if at <= len(run) - 2:
            starts.append(at)
        at += len(cluster)
    start = rng.choice(starts)
    return run[start : start + rng.randint(2, 8)]


def pasted(text: str, idx: SearchIndex, rng: random.Random) -> str:
    """3–5 consecutive words of a Thai run of a body, written without spaces."""
    run = rng.choice(re.findall("[\u0e01-\u0e4e]{12,}", text) or ["งบประมาณรายจ่าย"])
    words = idx.segmenter.segment(run)
    k = min(len(words), rng.randint(3, 5))
    first = rng.randrange(len(words) - k + 1)
    return "".join(words[first : first + k])


def faceted(rng: random.Random, terms: list[str], years: list[str]) -> dict[str, str]:
    types = ["circulars", "orders", "plans"]
    return {"q": rng.choice(terms), "type": rng.choice(types), "year": rng.choice(years)}


def phrase(title: str, idx: SearchIndex, rng: random.Random) -> str:
    """2–4 consecutive words of a title, as the title writes them."""
    toks = list(analyse(title, idx.segmenter))
    if len(toks) < 2:
        return title[:12]
    k = rng.randint(2, min(4, len(toks)))
    first = rng.randrange(len(toks) - k + 1)
    return title[toks[first].start : toks[first + k - 1].end]


def latencies(app: App, queries: dict[str, list[dict]]) -> dict[str, float]:
    server = make_server(app, "127.0.0.1", 0)
    loop = threading.Thread(target=server.run, daemon=True)
    loop.start()
    url = f"http://127.0.0.1:{server.effective_port}/api/search?"
    out: dict[str, float] = {}
    app.search.holder.warming.join()  # a started server: index, dictionary, postings read
    try:
        for kind, params in queries.items():
            times, statuses = [], {}
            for p in params:
                started = time.perf_counter()
                try:
                    with urllib.request.urlopen(url + urlencode(p), timeout=5) as r:
                        r.read()
                        status = r.status
                except urllib.error.HTTPError as e:
                    status = e.code
                times.append((time.perf_counter() - started) * 1000)
                statuses[status] = statuses.get(status, 0) + 1
            times.sort()
            out[f"{kind}_p50_ms"] = round(statistics.median(times), 1)
            out[f"{kind}_p95_ms"] = round(times[int(len(times) * 0.95) - 1], 1)
            out[f"{kind}_statuses"] = statuses
    finally:  # no thread of it left: one writing to its closed wake-up pipe would write to
        server.task_dispatcher.shutdown(timeout=5)  # whatever reuses the descriptor next
        server.close()
        loop.join(5)
    return out


if __name__ == "__main__":
    main()
