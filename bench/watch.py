"""Live preview at scale: how long after an edit in content/ its pages are rebuilt.

    python bench/watch.py [--n 10000] [--edits 5]

Builds a synthetic knowledge base (bench/make_corpus.py) once, then edits records of
several types (title, tags, a reference) and prints, per edit, the seconds until the
affected pages were written (what a reader sees) and until the search entry was updated.
Target: one record's change shows within 3 s at 10,000 records.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import make_corpus  # noqa: E402  (bench/ is on sys.path when run as a script)

from generator.serving.watch import Preview  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "bench" / "out" / "watch"
TYPES = ("circulars", "orders", "plans", "events", "qa")


def edit(path: Path, n: int) -> None:
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"^title: (.*)$", lambda m: f"title: {m[1]} (แก้ไข {n})", text, count=1,
                  flags=re.M)  # fmt: skip
    path.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--edits", type=int, default=5, help="edits per type")
    args = parser.parse_args(argv)
    content = OUT / f"corpus-{args.n}"
    make_corpus.make_corpus(content, args.n, 1)
    preview = Preview(content, OUT / "site", OUT / "index", REPO / "mkdocs.yml")
    started = time.perf_counter()
    if preview.build():
        print("the corpus has problems", file=sys.stderr)
        return 1
    print(f"first build of {args.n:,} records: {time.perf_counter() - started:.1f} s")
    print(f"\n{'type':<10} {'edits':>5} {'shown p50 s':>12} {'shown max s':>12} {'+ index s':>10}")
    for type_ in TYPES:
        files = sorted((content / type_).rglob("*.yml"))[: args.edits]
        shown, indexed = [], []
        for i, path in enumerate(files):
            edit(path, i)
            begun = time.perf_counter()
            shown.append(preview.apply([path]))
            indexed.append(time.perf_counter() - begun)
            assert not preview.problems, preview.problems
        print(f"{type_:<10} {len(files):>5} {statistics.median(shown):>12.2f} {max(shown):>12.2f} "
              f"{statistics.median(indexed):>10.2f}")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
